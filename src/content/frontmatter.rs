//! Front matter: splitting a file into TOML and Markdown, and reading the TOML into
//! typed structs with every problem placed at its line and column.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::content::front_messages::{field_name, missing_key, syntax_message, value_problem};
use crate::diagnostics::{Diagnostic, SourceText};
use crate::vietnamese::Lang;

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub front: Range<usize>,
    pub body: Range<usize>,
}

/// Why a file's front matter could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `+++`.
    Missing,
    /// The file starts with `---` (YAML, which tonvinh does not read).
    Yaml,
    /// No closing `+++` line.
    Unclosed,
}

/// Splits `+++\n<toml>+++\n<body>`.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    if first != "+++" {
        return Err(if first == "---" {
            SplitError::Yaml
        } else {
            SplitError::Missing
        });
    }
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front: first_end..offset,
                body: offset + line.len()..text.len(),
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

/// The diagnostic for a file whose front matter cannot be split.
pub fn split_diagnostic(error: SplitError, path: &Path, lang: Lang) -> Diagnostic {
    let (message, help) = match error {
        SplitError::Missing => (
            lang.pick(
                "tệp không có phần khai báo (front matter) ở đầu",
                "the file has no front matter at the top",
            ),
            lang.pick(
                "bắt đầu tệp bằng một dòng +++, các khoá TOML (title = \"…\"), rồi một dòng +++ nữa",
                "start the file with a line +++, the TOML keys (title = \"…\"), then another +++ line",
            ),
        ),
        SplitError::Yaml => (
            lang.pick(
                "phần khai báo viết theo YAML (---), tonvinh đọc TOML giữa hai dòng +++",
                "the front matter is YAML (---); tonvinh reads TOML between +++ lines",
            ),
            lang.pick(
                "thay hai dòng --- bằng +++ và viết khoá = \"giá trị\"",
                "replace both --- lines with +++ and write key = \"value\"",
            ),
        ),
        SplitError::Unclosed => (
            lang.pick(
                "phần khai báo mở bằng +++ nhưng không có dòng +++ đóng lại",
                "the front matter opens with +++ but is never closed",
            ),
            lang.pick(
                "thêm một dòng chỉ có +++ sau khoá cuối cùng",
                "add a line containing only +++ after the last key",
            ),
        ),
    };
    Diagnostic::error("front-matter", path, message)
        .with_help(help)
        .at_line(1, 1)
}

/// Reads the TOML at `range` of `source` into `T`. Reports every syntax error, every
/// unknown key (with a suggestion) and every wrongly typed value, not just the first.
/// `examples` gives, per key, a line to show in the hint of a missing-key error.
pub fn parse_typed<T: DeserializeOwned>(
    source: &SourceText,
    range: Range<usize>,
    path: &Path,
    lang: Lang,
    examples: &[(&str, &str)],
) -> Result<T, Vec<Diagnostic>> {
    match parse_recovering(source, range, path, lang, examples) {
        (Some(value), problems) if problems.is_empty() => Ok(value),
        (_, problems) => Err(problems),
    }
}

/// As [`parse_typed`], but a front matter whose only faults are keys that can be
/// left out (an unknown key, a bad optional value) still gives its value, beside
/// the problems: the page is then resolved, rendered and checked like any other, so
/// that one run reports everything wrong with it.
pub fn parse_recovering<T: DeserializeOwned>(
    source: &SourceText,
    range: Range<usize>,
    path: &Path,
    lang: Lang,
    examples: &[(&str, &str)],
) -> (Option<T>, Vec<Diagnostic>) {
    let text = &source.text[range.clone()];
    let at = |span: Range<usize>| span.start + range.start..span.end + range.start;
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let problems = errors
            .iter()
            .map(|e| {
                let d = Diagnostic::error("toml-syntax", path, syntax_message(e.message(), lang))
                    .with_help(lang.pick(
                        "mỗi dòng có dạng khoá = giá trị; chuỗi đặt trong ngoặc kép \"…\", danh sách trong [ … ]",
                        "each line is key = value; strings go in double quotes \"…\", lists in [ … ]",
                    ));
                match e.span() {
                    Some(span) => d.at(source, at(span)),
                    None => d.at_line(source.line_col(range.start).0, 1),
                }
            })
            .collect();
        return (None, problems);
    }
    let mut table = table;
    drop_empty(table.get_mut());
    // The common case: the front matter is right, deserialise without a copy.
    let first = T::deserialize(Deserializer::from(table));
    let first_error = match first {
        Ok(value) => return (Some(value), Vec::new()),
        Err(e) => e,
    };
    let (mut table, _) = DeTable::parse_recoverable(text);
    drop_empty(table.get_mut());
    let _ = first_error;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    // Deserialise; on an error, report it, drop the offending top-level key and try
    // again, so that one run lists every bad key of the file.
    for _ in 0..64 {
        match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) => {
                problems.sort_by_key(|d| (d.line, d.column));
                return (Some(value), problems);
            }
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let key = table
                    .get_ref()
                    .iter()
                    .find(|(k, v)| k.span().contains(&span.start) || v.span().contains(&span.start))
                    .map(|(k, _)| k.get_ref().to_string());
                let message = error.message();
                if let Some(missing) = field_name(message, "missing field `") {
                    if !removed.iter().any(|r| r == missing) {
                        let example = examples
                            .iter()
                            .find(|(k, _)| *k == missing)
                            .map(|(_, e)| *e);
                        problems.push(missing_key(
                            source,
                            range.start,
                            path,
                            lang,
                            missing,
                            example,
                        ));
                    }
                    break;
                }
                problems
                    .push(value_problem(message, key.as_deref(), lang, path).at(source, at(span)));
                match key {
                    Some(k) if !removed.contains(&k) => {
                        let kept = std::mem::take(table.get_mut())
                            .into_iter()
                            .filter(|(name, _)| name.get_ref().as_ref() != k)
                            .collect();
                        *table.get_mut() = kept;
                        removed.push(k);
                    }
                    _ => break,
                }
            }
        }
    }
    problems.sort_by_key(|d| (d.line, d.column));
    (None, problems)
}

/// Form editors (Decap, Sveltia CMS) write a field left blank as `key = ""`, and an
/// object left blank as a table of blanks and empty lists: such a value means the
/// key is absent, so an optional key takes its default and a required one is
/// reported missing.
fn drop_empty(table: &mut DeTable<'_>) {
    let kept = std::mem::take(table)
        .into_iter()
        .filter_map(|(key, mut value)| (!is_blank(value.get_mut())).then_some((key, value)))
        .collect();
    *table = kept;
}

/// Whether a value is blank once the blanks inside it are dropped.
fn is_blank(value: &mut DeValue<'_>) -> bool {
    match value {
        DeValue::String(s) => s.trim().is_empty(),
        // A table left blank (`consent` untouched: `{ by = "", scope = [] }`).
        DeValue::Table(inner) => {
            drop_empty(inner);
            inner
                .iter()
                .all(|(_, v)| matches!(v.get_ref(), DeValue::Array(a) if a.is_empty()))
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                if let DeValue::Table(inner) = item.get_mut() {
                    drop_empty(inner);
                }
            }
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.front.clone()], "title = \"A\"\n");
        assert_eq!(&text[s.body.clone()], "Body\n");
        let crlf = "+++\r\ntitle = \"A\"\r\n+++\r\nBody";
        let s = split(crlf).unwrap();
        assert_eq!(&crlf[s.body], "Body");
        assert_eq!(split("+++\n+++\n").unwrap().front, 4..4);
    }

    #[test]
    fn split_errors_say_what_is_missing() {
        assert_eq!(split("title = 1\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: a\n---\n"), Err(SplitError::Yaml));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::Unclosed));
        assert_eq!(split(""), Err(SplitError::Missing));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        unit: String,
        #[serde(default)]
        frontline: bool,
    }

    fn parse(text: &str) -> Result<Front, Vec<Diagnostic>> {
        let source = SourceText::new(text);
        let s = split(text).unwrap();
        parse_typed(
            &source,
            s.front,
            Path::new("a.md"),
            Lang::En,
            &[("unit", "unit = \"x\"")],
        )
    }

    #[test]
    fn every_bad_key_of_a_file_is_reported() {
        let errs = parse(
            "+++\ntitle = \"A\"\nunti = \"x\"\nunit = \"u\"\nfrontline = \"yes\"\ncolor = 1\n+++\n",
        )
        .unwrap_err();
        let summary: Vec<_> = errs.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            summary,
            [
                ("unknown-key", 3, 1),
                ("wrong-type", 5, 13),
                ("unknown-key", 6, 1)
            ]
        );
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `unit`?"));
        assert!(
            errs[1].message.contains("true or false"),
            "{}",
            errs[1].message
        );
    }

    #[test]
    fn missing_key_points_at_the_front_matter() {
        let errs = parse("+++\ntitle = \"A\"\n+++\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, "missing-key");
        assert_eq!(errs[0].line, 1);
        assert_eq!(
            errs[0].help.as_deref(),
            Some("add a line such as unit = \"x\"")
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errs = parse("+++\ntitle = \"A\nunit = \"u\"\n+++\n").unwrap_err();
        assert!(!errs.is_empty());
        assert_eq!(errs[0].code, "toml-syntax");
        assert_eq!(errs[0].line, 2);
    }
}
