//! The external links of content files: Markdown links, autolinks and images of
//! the bodies, and URL strings in front matter (a unit's `website`, …).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag};
use regex::Regex;

use super::Link;
use crate::content::Source;
use crate::diagnostics::{Diagnostic, SourceText};

/// True for a link to another site (or an e-mail or phone link): what the form
/// check and `--external` look at. Links within the site are checked elsewhere.
pub fn is_external(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http://", "https://", "//", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A quoted URL in TOML: basic or literal string.
static QUOTED_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)"((?:https?:)?//[^"\n]*)"|'((?:https?:)?//[^'\n]*)'"#).expect("valid regex")
});

/// The quoted addresses of a file's front matter (a unit's `website`, a video's
/// `url`), with their spans in the file.
pub fn in_front_matter(source: &Source) -> Vec<(String, std::ops::Range<usize>)> {
    let front = source
        .text
        .get(source.front_start..source.body.start)
        .unwrap_or("");
    QUOTED_URL
        .captures_iter(front)
        .filter_map(|caps| caps.get(1).or_else(|| caps.get(2)))
        .map(|m| {
            let start = source.front_start + m.start();
            (m.as_str().to_string(), start..source.front_start + m.end())
        })
        .collect()
}

/// Every external link of `sources`, once per URL with all its places, sorted by URL.
pub fn collect<'a>(sources: impl IntoIterator<Item = &'a Source>) -> Vec<Link> {
    let mut links: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for source in sources {
        if source.text.is_empty() {
            continue;
        }
        let text = SourceText::new(&source.text);
        let mut add = |url: &str, start: usize, end: usize| {
            let place = Diagnostic::warning("link", &source.rel, "").at(&text, start..end);
            links.entry(url.to_string()).or_default().push(place);
        };
        for (url, span) in in_front_matter(source) {
            add(&url, span.start, span.end);
        }
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        for (event, span) in Parser::new_ext(source.body(), options).into_offset_iter() {
            let url = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
                _ => continue,
            };
            if is_external(url) {
                add(
                    url,
                    source.body.start + span.start,
                    source.body.start + span.end,
                );
            }
        }
    }
    links
        .into_iter()
        .map(|(url, places)| Link { url, places })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn source(text: &str) -> Source {
        let body = text.rfind("+++\n").map_or(0, |i| i + 4);
        Source {
            rel: PathBuf::from("content/don-vi/thcs-a.md"),
            text: text.to_string(),
            front_start: 4,
            body: body..text.len(),
        }
    }

    #[test]
    fn links_of_bodies_and_front_matter_with_their_places() {
        let s = source(
            "+++\nname = \"THCS A\"\nwebsite = \"https://thcs-a.haiphong.edu.vn/\"\n+++\nXem [kế hoạch](https://moet.gov.vn/kh#muc-2) và <https://thcs-a.haiphong.edu.vn/>.\n\n[trong trang](/don-vi/) [thư](mailto:vp@thcs-a.edu.vn) ![ảnh](https://x.vn/a.jpg)\n",
        );
        let links = collect([&s]);
        let found: Vec<(&str, Vec<(u32, u32)>)> = links
            .iter()
            .map(|l| {
                (
                    l.url.as_str(),
                    l.places.iter().map(|p| (p.line, p.column)).collect(),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("https://moet.gov.vn/kh#muc-2", vec![(5, 5)]),
                ("https://thcs-a.haiphong.edu.vn/", vec![(3, 12), (5, 49)]),
                ("https://x.vn/a.jpg", vec![(7, 56)]),
                ("mailto:vp@thcs-a.edu.vn", vec![(7, 25)]),
            ]
        );
        assert_eq!(
            links[0].places[0].path,
            PathBuf::from("content/don-vi/thcs-a.md")
        );
        assert!(links[0].places[0].snippet.is_some(), "a code frame");
    }

    #[test]
    fn what_counts_as_external() {
        for url in [
            "https://a.vn",
            "HTTP://a.vn",
            "//cdn.vn/x",
            "mailto:a@b.vn",
            "tel:0225",
        ] {
            assert!(is_external(url), "{url}");
        }
        for url in [
            "/don-vi/",
            "../x/",
            "qd.pdf",
            "#muc",
            "@/tin-tuc/a.md",
            "javascript:x",
        ] {
            assert!(!is_external(url), "{url}");
        }
    }
}
