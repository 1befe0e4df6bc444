//! How Tera writes values into pages: HTML escaping.

/// Escapes text for HTML and XML. Unlike Tera's default it leaves `/` alone, so
/// URLs stay readable in the output.
pub(super) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    escape_runs(input, |run| out.push_str(run));
    out
}

/// [`escape_html`] written straight into `out`, for Tera to print a variable without
/// a `String` of its own.
pub(super) fn escape_html_into(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_runs(input, |run| {
        if result.is_ok() {
            result = out.write_all(run.as_bytes());
        }
    });
    result
}

/// Gives `input` escaped to `emit`, in runs: the plain text between the characters to
/// escape (found with `memchr`: most values have none) and their entities.
fn escape_runs<'a>(input: &'a str, mut emit: impl FnMut(&'a str)) {
    let bytes = input.as_bytes();
    let markup = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| from + i);
    let quotes = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|i| from + i);
    let (mut next_markup, mut next_quote) = (markup(0), quotes(0));
    let mut plain = 0;
    loop {
        let i = match (next_markup, next_quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(i), None) | (None, Some(i)) => i,
            (None, None) => break,
        };
        emit(&input[plain..i]);
        emit(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        plain = i + 1;
        if next_markup == Some(i) {
            next_markup = markup(plain);
        } else {
            next_quote = quotes(plain);
        }
    }
    emit(&input[plain..]);
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escaping_keeps_slashes_and_escapes_markup() {
        assert_eq!(
            escape_html("a/b <i>\"x\" & 'y'</i>"),
            "a/b &lt;i&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/i&gt;"
        );
        assert_eq!(escape_html("Nguyễn"), "Nguyễn");
        assert_eq!(
            escape_html("'a' < \"b\" && c > d'"),
            "&#39;a&#39; &lt; &quot;b&quot; &amp;&amp; c &gt; d&#39;"
        );
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn escaping_into_a_writer_writes_the_same_text() {
        for text in [
            "",
            "Nguyễn Thị Hoa",
            "a/b <i>\"x\" & 'y'</i>",
            "<<>>&&''\"\"",
        ] {
            let mut out = Vec::new();
            super::escape_html_into(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), escape_html(text), "{text}");
        }
    }
}
