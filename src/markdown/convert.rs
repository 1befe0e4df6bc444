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

/// A link of the body, as its author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The destination (`../khong/`, `@/guong-dien-hinh/x.md#y`, `https://…`).
    pub dest: String,
    pub span: Range<usize>,
}

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// The first paragraph as plain text, for a summary when none is given.
    pub excerpt: String,
    pub images: Vec<ImageRef>,
    /// Every link but e-mail addresses, for the link checks.
    pub links: Vec<LinkRef>,
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
    let mut converter = Converter {
        options,
        image_html,
        out: Rendered::default(),
        events: Vec::new(),
        replacements: Vec::new(),
        has_raw_html: false,
        used_ids: HashMap::new(),
        heading: None,
        in_first_paragraph: false,
        seen_paragraph: false,
        image: None,
    };
    for (event, span) in Parser::new_ext(body, cmark_options()).into_offset_iter() {
        converter.event(event, span);
    }
    converter.finish(body.len())
}

/// An image being read: its destination, title, alt text (from the text inside
/// its brackets), span, and where its events start.
struct PendingImage {
    src: String,
    title: String,
    alt: String,
    span: Range<usize>,
    start: usize,
}

/// The state of one body's conversion, event by event.
struct Converter<'o, 'e> {
    options: &'o Options<'o>,
    image_html: &'o dyn Fn(&ImageRef) -> Option<String>,
    out: Rendered,
    events: Vec<Event<'e>>,
    /// The HTML of replaced images, put in after sanitising.
    replacements: Vec<String>,
    has_raw_html: bool,
    used_ids: HashMap<String, usize>,
    /// The heading being collected: its start index in `events` and its text.
    heading: Option<(usize, String)>,
    in_first_paragraph: bool,
    seen_paragraph: bool,
    image: Option<PendingImage>,
}

impl<'e> Converter<'_, 'e> {
    fn event(&mut self, event: Event<'e>, span: Range<usize>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some((self.events.len(), String::new()));
                self.events.push(Event::Start(Tag::Heading {
                    level: body_level(level),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => self.end_heading(body_level(level)),
            Event::Start(Tag::Paragraph) => {
                self.in_first_paragraph = !self.seen_paragraph && self.heading.is_none();
                self.seen_paragraph = true;
                self.events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                self.in_first_paragraph = false;
                self.events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.link(&dest_url, link_type, span);
                self.events.push(Event::Start(Tag::Link {
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
                    self.options,
                    &mut self.out.problems,
                );
                self.image = Some(PendingImage {
                    src: dest.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    span,
                    start: self.events.len(),
                });
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Text(ref text) | Event::Code(ref text)
                if self.heading.is_some() || self.in_first_paragraph || self.image.is_some() =>
            {
                if let Some((_, h)) = self.heading.as_mut() {
                    h.push_str(text);
                }
                if let Some(image) = self.image.as_mut() {
                    image.alt.push_str(text);
                }
                if self.in_first_paragraph {
                    self.out.excerpt.push_str(text);
                }
                self.events.push(event);
            }
            Event::SoftBreak if self.in_first_paragraph => {
                self.out.excerpt.push(' ');
                self.events.push(Event::SoftBreak);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.has_raw_html = true;
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// A link: recorded as written (for the link checks), its destination rewritten.
    fn link(&mut self, dest: &CowStr<'e>, link_type: LinkType, span: Range<usize>) -> CowStr<'e> {
        if !matches!(link_type, LinkType::Email | LinkType::Autolink) || dest.contains(':') {
            self.out.links.push(LinkRef {
                dest: dest.to_string(),
                span: span.clone(),
            });
        }
        rewrite_link(dest, link_type, span, self.options, &mut self.out.problems)
    }

    /// A heading's end: it gets a unique id folded from its text (or the one its
    /// author gave), and h2/h3 go into the table of contents.
    fn end_heading(&mut self, level: HeadingLevel) {
        if let Some((start, text)) = self.heading.take()
            && let Event::Start(Tag::Heading { id, level: l, .. }) = &mut self.events[start]
        {
            let base = id.as_ref().map_or_else(|| slugify(&text), |i| slugify(i));
            let base = if base.is_empty() {
                "muc".to_string()
            } else {
                base
            };
            let unique = unique_id(&mut self.used_ids, base);
            *id = Some(CowStr::from(unique.clone()));
            if matches!(l, HeadingLevel::H2 | HeadingLevel::H3) {
                self.out.toc.push(Heading {
                    level: *l as u8,
                    id: unique,
                    title: text.trim().to_string(),
                });
            }
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// An image's end: a missing alt text is reported; the build's HTML replaces the
    /// image when it has one.
    fn end_image(&mut self) {
        let Some(image) = self.image.take() else {
            self.events.push(Event::End(TagEnd::Image));
            return;
        };
        let lang = self.options.lang;
        if image.alt.trim().is_empty() {
            self.out.problems.push(Problem {
                severity: Severity::Warning,
                code: "image-alt",
                span: image.span.clone(),
                message: lang
                    .pick("ảnh không có mô tả (alt)", "an image without alt text")
                    .into(),
                help: lang
                    .pick(
                        "viết mô tả trong ngoặc vuông: ![Cô Hoa giảng bài](anh.jpg)",
                        "describe it in the brackets: ![Ms Hoa teaching](photo.jpg)",
                    )
                    .into(),
            });
        }
        let image_ref = ImageRef {
            src: image.src,
            title: image.title,
            alt: image.alt,
            span: image.span,
        };
        if let Some(html) = (self.image_html)(&image_ref) {
            self.events.truncate(image.start);
            let marker = image_marker(self.replacements.len());
            self.events.push(Event::Text(CowStr::from(marker)));
            self.replacements.push(html);
        } else {
            self.events.push(Event::End(TagEnd::Image));
        }
        self.out.images.push(image_ref);
    }

    /// The HTML, sanitised unless the site trusts its authors, with the replaced
    /// images put in.
    fn finish(mut self, body_len: usize) -> Rendered {
        let mut html_out = String::with_capacity(body_len * 3 / 2);
        html::push_html(&mut html_out, self.events.into_iter());
        let mut out = self.out;
        out.html = if self.has_raw_html && !self.options.trusted_html {
            sanitize(&html_out)
        } else {
            html_out
        };
        for (n, html) in self.replacements.iter().enumerate() {
            out.html = out.html.replacen(&image_marker(n), html, 1);
        }
        // Every body is held until the site is written: no spare capacity.
        out.html.shrink_to_fit();
        out.excerpt.shrink_to_fit();
        out.links.shrink_to_fit();
        self.replacements.clear();
        out
    }
}

/// The page title is the only h1: body headings start at h2.
fn body_level(level: HeadingLevel) -> HeadingLevel {
    if level == HeadingLevel::H1 {
        HeadingLevel::H2
    } else {
        level
    }
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
#[path = "convert_tests.rs"]
mod tests;
