//! How Tera writes values into pages: HTML escaping.

/// Escapes text for HTML and XML. Unlike Tera's default it leaves `/` alone, so
/// URLs stay readable in the output. Finds the characters to escape with `memchr`
/// (most values have none) and copies the runs between them at once.
pub(super) fn escape_html(input: &str) -> String {
    let bytes = input.as_bytes();
    let markup = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| from + i);
    let quotes = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|i| from + i);
    let (mut next_markup, mut next_quote) = (markup(0), quotes(0));
    let mut out = String::with_capacity(input.len() + 16);
    let mut plain = 0;
    loop {
        let i = match (next_markup, next_quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(i), None) | (None, Some(i)) => i,
            (None, None) => break,
        };
        out.push_str(&input[plain..i]);
        out.push_str(match bytes[i] {
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
    out.push_str(&input[plain..]);
    out
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
}
