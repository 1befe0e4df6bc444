//! Markdown bodies → HTML with pulldown-cmark: tables, footnotes, strikethrough,
//! smart punctuation, heading anchors, `@/` links between content files, and raw
//! HTML sanitised unless the site trusts its authors. Pure: returns data and
//! problems, never writes or logs.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, LinkType, Options as CmarkOptions, Parser, Tag, TagEnd, html,
};
use serde::Serialize;

use crate::diagnostics::Severity;
use crate::vietnamese::{Lang, slugify};

/// What rendering needs from the site.
pub struct Options<'a> {
    pub trusted_html: bool,
    /// `/dien-hinh` or empty: prefixed to root-relative links.
    pub base_path: &'a str,
    /// Source path below content/ → page path, for `@/` links.
    pub source_paths: &'a HashMap<String, String>,
    /// Sources that exist but failed to parse: a link to one is not an error here.
    pub unreadable: &'a std::collections::HashSet<String>,
    pub lang: Lang,
}

/// A heading, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An image named in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub src: String,
    pub title: String,
    pub alt: String,
    pub span: Range<usize>,
}

/// A problem in the body, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// The first paragraph as plain text, for a summary when none is given.
    pub excerpt: String,
    pub images: Vec<ImageRef>,
    pub problems: Vec<Problem>,
}

fn cmark_options() -> CmarkOptions {
    CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_SMART_PUNCTUATION
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body.
pub fn render(body: &str, options: &Options) -> Rendered {
    render_with_images(body, options, &|_| None)
}

/// Where a replaced image stays until the HTML is sanitised: a character no author
/// types (U+FFFC, the object replacement character) around its number.
fn image_marker(n: usize) -> String {
    format!("\u{FFFC}{n}\u{FFFC}")
}

/// Renders a Markdown body; `image_html` may give the HTML that replaces an image
/// (the build's responsive `<img>`). That HTML is put in after sanitising: it is
/// ours, not the author's.
pub fn render_with_images(
    body: &str,
    options: &Options,
    image_html: &dyn Fn(&ImageRef) -> Option<String>,
) -> Rendered {
    let mut out = Rendered::default();
    let mut replacements: Vec<String> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    // Heading being collected: its start index in `events` and its text.
    let mut heading: Option<(usize, String)> = None;
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    // The image being read: src, title, alt text, span, and where its events start.
    let mut image: Option<(String, String, String, Range<usize>, usize)> = None;

    for (event, span) in Parser::new_ext(body, cmark_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // The page title is the only h1: body headings start at h2.
                let level = if level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    level
                };
                heading = Some((events.len(), String::new()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = if level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    level
                };
                if let Some((start, text)) = heading.take()
                    && let Event::Start(Tag::Heading { id, level: l, .. }) = &mut events[start]
                {
                    let base = id.as_ref().map_or_else(|| slugify(&text), |i| slugify(i));
                    let base = if base.is_empty() {
                        "muc".to_string()
                    } else {
                        base
                    };
                    let unique = unique_id(&mut used_ids, base);
                    *id = Some(CowStr::from(unique.clone()));
                    if matches!(l, HeadingLevel::H2 | HeadingLevel::H3) {
                        out.toc.push(Heading {
                            level: *l as u8,
                            id: unique,
                            title: text.trim().to_string(),
                        });
                    }
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Paragraph) => {
                in_first_paragraph = !seen_paragraph && heading.is_none();
                seen_paragraph = true;
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_paragraph = false;
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_link(
                    &dest_url,
                    link_type,
                    span.clone(),
                    options,
                    &mut out.problems,
                );
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_link(
                    &dest_url,
                    link_type,
                    span.clone(),
                    options,
                    &mut out.problems,
                );
                image = Some((
                    dest.to_string(),
                    title.to_string(),
                    String::new(),
                    span.clone(),
                    events.len(),
                ));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                let mut replaced = false;
                if let Some((src, title, alt, span, start)) = image.take() {
                    if alt.trim().is_empty() {
                        out.problems.push(Problem {
                            severity: Severity::Warning,
                            code: "image-alt",
                            span: span.clone(),
                            message: options
                                .lang
                                .pick("ảnh không có mô tả (alt)", "an image without alt text")
                                .into(),
                            help: options
                                .lang
                                .pick(
                                    "viết mô tả trong ngoặc vuông: ![Cô Hoa giảng bài](anh.jpg)",
                                    "describe it in the brackets: ![Ms Hoa teaching](photo.jpg)",
                                )
                                .into(),
                        });
                    }
                    let image = ImageRef {
                        src,
                        title,
                        alt,
                        span,
                    };
                    if let Some(html) = image_html(&image) {
                        events.truncate(start);
                        events.push(Event::Text(CowStr::from(image_marker(replacements.len()))));
                        replacements.push(html);
                        replaced = true;
                    }
                    out.images.push(image);
                }
                if !replaced {
                    events.push(Event::End(TagEnd::Image));
                }
            }
            Event::Text(ref text) | Event::Code(ref text)
                if heading.is_some() || in_first_paragraph || image.is_some() =>
            {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(text);
                }
                if let Some((_, _, alt, _, _)) = image.as_mut() {
                    alt.push_str(text);
                }
                if in_first_paragraph {
                    out.excerpt.push_str(text);
                }
                events.push(event);
            }
            Event::SoftBreak if in_first_paragraph => {
                out.excerpt.push(' ');
                events.push(Event::SoftBreak);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    out.html = if has_raw_html && !options.trusted_html {
        sanitize(&html_out)
    } else {
        html_out
    };
    for (n, html) in replacements.iter().enumerate() {
        out.html = out.html.replacen(&image_marker(n), html, 1);
    }
    // Every body is held until the site is written: no spare capacity.
    out.html.shrink_to_fit();
    out.excerpt.shrink_to_fit();
    out
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{}", *n - 1)
    }
}

/// Resolves `@/` links, prefixes root-relative links with the base path, and drops
/// URLs with a dangerous scheme.
fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    link_type: LinkType,
    span: Range<usize>,
    options: &Options,
    problems: &mut Vec<Problem>,
) -> CowStr<'a> {
    let lang = options.lang;
    if matches!(link_type, LinkType::Email) {
        return dest.clone();
    }
    if let Some(target) = dest.strip_prefix("@/") {
        let (file, fragment) = target.split_once('#').map_or((target, ""), |(f, h)| (f, h));
        return match options.source_paths.get(file) {
            Some(path) => {
                let hash = if fragment.is_empty() {
                    String::new()
                } else {
                    format!("#{fragment}")
                };
                CowStr::from(format!("{}/{path}{hash}", options.base_path))
            }
            None if options.unreadable.contains(file) => CowStr::from("#"),
            None => {
                problems.push(Problem {
                    severity: Severity::Error,
                    code: "broken-link",
                    span,
                    message: format!("{} `@/{file}`", lang.pick("liên kết tới tệp không tồn tại:", "link to a file that does not exist:")),
                    help: lang.pick(
                        "ghi đường dẫn tính từ content/, ví dụ @/guong-dien-hinh/nguyen-thi-hoa.md",
                        "write the path from content/, e.g. @/guong-dien-hinh/nguyen-thi-hoa.md",
                    )
                    .into(),
                });
                CowStr::from("#")
            }
        };
    }
    if dest.starts_with('/') && !dest.starts_with("//") {
        return CowStr::from(format!("{}{dest}", options.base_path));
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let safe = match scheme.as_deref() {
        None => true,
        Some(s) if s.contains(['/', '?', '#']) => true,
        Some("http" | "https" | "mailto" | "tel") => true,
        Some(_) => false,
    };
    if !safe {
        problems.push(Problem {
            severity: Severity::Error,
            code: "unsafe-link",
            span,
            message: lang
                .pick(
                    "liên kết dùng giao thức không an toàn",
                    "a link with an unsafe scheme",
                )
                .into(),
            help: lang
                .pick(
                    "chỉ dùng liên kết http://, https://, mailto: hoặc đường dẫn trong trang",
                    "use only http://, https://, mailto: or paths within the site",
                )
                .into(),
        });
        return CowStr::from("#");
    }
    dest.clone()
}

/// Removes scripts, event handlers, dangerous URLs, iframes and styles from HTML
/// written by contributors, keeping ordinary formatting and our heading ids.
pub fn sanitize(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_tag_attributes("h2", ["id"])
                .add_tag_attributes("h3", ["id"])
                .add_tag_attributes("h4", ["id"])
                .add_tag_attributes("h5", ["id"])
                .add_tag_attributes("h6", ["id"])
                .add_tag_attributes("sup", ["class", "id"])
                .add_tag_attributes("div", ["class", "id"])
                .add_tag_attributes("th", ["style"])
                .add_tag_attributes("td", ["style"])
                .add_tag_attributes("input", ["type", "checked", "disabled"])
                .add_tags(["input"])
                .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
                .link_rel(Some("noopener noreferrer"));
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_with(body: &str, trusted: bool) -> Rendered {
        let mut paths = HashMap::new();
        paths.insert(
            "guong-dien-hinh/nguyen-thi-hoa.md".to_string(),
            "guong-dien-hinh/nguyen-thi-hoa/".to_string(),
        );
        let options = Options {
            trusted_html: trusted,
            base_path: "/dien-hinh",
            source_paths: &paths,
            unreadable: &Default::default(),
            lang: Lang::En,
        };
        render(body, &options)
    }

    #[test]
    fn renders_tables_footnotes_strikethrough_and_smart_quotes() {
        let r = render_with(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ \"mới\"[^1]\n\n[^1]: Ghi chú.\n",
            false,
        );
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>cũ</del>"));
        assert!(r.html.contains("“mới”"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn headings_get_unique_folded_ids_and_a_toc() {
        let r = render_with(
            "# Thành tích\n\n## Thành tích\n\n### Ước mơ của em\n",
            false,
        );
        assert!(r.html.contains("<h2 id=\"thanh-tich\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"thanh-tich-1\">"));
        assert_eq!(
            r.toc.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["thanh-tich", "thanh-tich-1", "uoc-mo-cua-em"]
        );
        assert!(!r.html.contains("<h1"));
    }

    #[test]
    fn source_path_links_become_urls_and_dangling_ones_are_errors() {
        let body = "[cô Hoa](@/guong-dien-hinh/nguyen-thi-hoa.md#ky-niem) và [ai](@/guong-dien-hinh/khong-co.md)";
        let r = render_with(body, false);
        assert!(
            r.html
                .contains("href=\"/dien-hinh/guong-dien-hinh/nguyen-thi-hoa/#ky-niem\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].code, "broken-link");
        assert_eq!(r.problems[0].span.start, body.find("[ai]").unwrap());
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let r = render_with(
            "[đơn vị](/don-vi/thcs/) [ngoài](https://moet.gov.vn/)",
            false,
        );
        assert!(r.html.contains("href=\"/dien-hinh/don-vi/thcs/\""));
        assert!(r.html.contains("href=\"https://moet.gov.vn/\""));
    }

    #[test]
    fn untrusted_html_loses_scripts_handlers_and_iframes() {
        let body = "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <b>đậm</b></p>\n\n<iframe src=\"https://x\"></iframe>\n\n<a href=\"javascript:alert(1)\">x</a>\n\n[y](javascript:alert(2))\n";
        let r = render_with(body, false);
        for bad in ["<script", "onclick", "<iframe", "javascript:"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        assert!(r.html.contains("<b>đậm</b>"));
        assert!(r.problems.iter().any(|p| p.code == "unsafe-link"));
        let trusted = render_with("<video src=\"v.mp4\"></video>\n", true);
        assert!(trusted.html.contains("<video"));
    }

    #[test]
    fn excerpt_is_the_first_paragraph_in_plain_text() {
        let r = render_with("## Mở đầu\n\nCô **Hoa** dạy\nở đảo.\n\nĐoạn hai.", false);
        assert_eq!(r.excerpt, "Cô Hoa dạy ở đảo.");
    }

    #[test]
    fn images_are_replaced_after_sanitising() {
        let paths = HashMap::new();
        let unreadable = Default::default();
        let options = Options {
            trusted_html: false,
            base_path: "",
            source_paths: &paths,
            unreadable: &unreadable,
            lang: Lang::En,
        };
        let body = "Lớp học ![Cô *Hoa*](lop.jpg \"Tiết 1\") và ![ngoài](https://x.vn/a.jpg)\n\n<p onclick=\"x()\">raw</p>\n";
        let r = render_with_images(body, &options, &|i: &ImageRef| {
            (i.src == "lop.jpg")
                .then(|| format!("<img srcset=\"a 1w\" alt=\"{}|{}\">", i.alt, i.title))
        });
        assert!(
            r.html
                .contains("Lớp học <img srcset=\"a 1w\" alt=\"Cô Hoa|Tiết 1\">"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<img src=\"https://x.vn/a.jpg\" alt=\"ngoài\">")
        );
        assert!(!r.html.contains('\u{FFFC}') && !r.html.contains("onclick"));
        assert_eq!(r.images.len(), 2);
    }

    #[test]
    fn images_without_alt_are_reported() {
        let r = render_with("![](anh.jpg) ![Cô Hoa](b.jpg)", false);
        assert_eq!(r.images.len(), 2);
        assert_eq!(r.images[1].alt, "Cô Hoa");
        assert_eq!(
            r.problems.iter().filter(|p| p.code == "image-alt").count(),
            1
        );
    }
}
