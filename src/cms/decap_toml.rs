//! Front matter as Decap CMS can read it. Decap parses TOML with `@iarna/toml`
//! 2.2.5, which fails on a date inside an inline table or an array
//! (`consent = { by = "self", date = 2025-10-02, … }`: "Incomplete datetime") and
//! then shows the entry empty. `serve`'s local API hands the CMS such dates quoted
//! (`"2025-10-02"`), which tonvinh reads as the same date; the file on disk is
//! unchanged until the editor saves it.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::content::frontmatter;

/// `text` (a whole page file) with every date nested in a table or an array quoted.
pub fn quote_nested_dates(text: &str) -> Cow<'_, str> {
    let Ok(split) = frontmatter::split(text) else {
        return Cow::Borrowed(text);
    };
    let front = &text[split.front.clone()];
    let Ok(table) = DeTable::parse(front) else {
        return Cow::Borrowed(text);
    };
    let mut spans = Vec::new();
    for (_, value) in table.get_ref().iter() {
        match value.get_ref() {
            DeValue::Table(_) | DeValue::Array(_) => dates(value, &mut spans),
            _ => {}
        }
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len() + 2 * spans.len());
    let mut at = 0;
    for span in spans {
        let (start, end) = (split.front.start + span.start, split.front.start + span.end);
        out.push_str(&text[at..start]);
        out.push('"');
        out.push_str(&text[start..end]);
        out.push('"');
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The spans of the dates (no time) inside `value`.
fn dates(value: &toml::Spanned<DeValue<'_>>, spans: &mut Vec<Range<usize>>) {
    match value.get_ref() {
        DeValue::Datetime(d) if d.time.is_none() => spans.push(value.span()),
        DeValue::Table(table) => table.iter().for_each(|(_, v)| dates(v, spans)),
        DeValue::Array(items) => items.iter().for_each(|v| dates(v, spans)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_inline_tables_and_arrays_are_quoted_and_nothing_else() {
        let text = "+++\ndate = 2025-11-20\nconsent = { by = \"self\", date = 2025-10-02, scope = [\"story\"] }\nd = [2025-01-01, 2025-01-02]\nt = { at = 2025-01-01T08:00:00+07:00 }\n+++\nBody 2025-01-01\n";
        assert_eq!(
            quote_nested_dates(text),
            "+++\ndate = 2025-11-20\nconsent = { by = \"self\", date = \"2025-10-02\", scope = [\"story\"] }\nd = [\"2025-01-01\", \"2025-01-02\"]\nt = { at = 2025-01-01T08:00:00+07:00 }\n+++\nBody 2025-01-01\n"
        );
        let plain = "+++\ndate = 2025-11-20\n+++\n";
        assert!(matches!(quote_nested_dates(plain), Cow::Borrowed(_)));
    }
}
