//! No input makes the parsers panic: arbitrary text through front matter splitting,
//! typed TOML parsing, slugs, Markdown and the privacy scanner.

use std::path::Path;

use proptest::prelude::*;
use tonvinh::content::front::ProfileFront;
use tonvinh::content::frontmatter;
use tonvinh::diagnostics::SourceText;
use tonvinh::vietnamese::{Lang, NameParts, slugify};

fn vietnamese_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ=\"'\\[\\]{}#+\\-\\n.,:/@<>&]{0,200}").unwrap()
}

proptest! {
    #[test]
    fn front_matter_parsing_never_panics(body in vietnamese_text(), front in vietnamese_text()) {
        let text = format!("+++\n{front}\n+++\n{body}");
        let source = SourceText::new(&text);
        if let Ok(split) = frontmatter::split(&text) {
            let result = frontmatter::parse_typed::<ProfileFront>(&source, split.front, Path::new("a.md"), Lang::Vi, &[]);
            if let Err(problems) = result {
                for p in problems {
                    prop_assert!(p.line >= 1, "a problem without a line: {p:?}");
                }
            }
        }
        let _ = frontmatter::split(&body);
    }

    #[test]
    fn slugs_are_plain_ascii(text in vietnamese_text()) {
        let slug = slugify(&text);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    }

    #[test]
    fn names_split_without_losing_words(name in "[A-ZĐ][a-zàáạđươ]{1,6}( [A-ZĐ][a-zàáạđươ]{1,6}){0,4}") {
        let parts = NameParts::split(&name, None, None);
        let joined = [parts.family.as_str(), parts.middle.as_str(), parts.given.as_str()]
            .iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(joined, name);
    }

    #[test]
    fn markdown_and_privacy_scan_never_panic(text in vietnamese_text()) {
        let paths = Default::default();
        let unreadable = Default::default();
        let options = tonvinh::markdown::Options { trusted_html: false, base_path: "/x", source_paths: &paths, unreadable: &unreadable, lang: Lang::Vi };
        let rendered = tonvinh::markdown::render(&text, &options);
        prop_assert!(!rendered.html.contains("<script"));
        let _ = tonvinh::domain::privacy::scan(&text, &[]);
    }
}

/// The attachment fixtures with a few bytes changed, cut or duplicated: cleaning
/// returns the file or a problem, never panics.
mod attachments {
    use super::*;
    use tonvinh::attachments::{Limits, clean};

    const FILES: &[&str] = &[
        "libreoffice.pdf",
        "img2pdf-scan.pdf",
        "python-docx.docx",
        "openpyxl.xlsx",
        "libreoffice.odt",
    ];

    fn fixture(i: usize) -> (&'static str, Vec<u8>) {
        let name = FILES[i % FILES.len()];
        let path = format!(
            "{}/tests/fixtures/attachments/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        (name, std::fs::read(path).unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn damaged_attachments_never_panic(
            which in 0usize..5,
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let (name, mut bytes) = fixture(which);
            for (at, value) in edits {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len()));
            }
            let _ = clean(name, &bytes, &Limits::default());
        }
    }
}
