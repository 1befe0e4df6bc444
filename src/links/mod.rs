//! Stage 6: links. Every link of every body is checked against the exact set of
//! files the build writes, from what the earlier stages already know (the pages'
//! paths, the images, attachments and static files), without reading a page
//! again: root-relative links, relative links (`./`, `../`), links to a bundle's
//! files, and `#fragments` against the ids the target page has. External links (in
//! bodies and front matter) are checked for form only; `tonvinh check --external`
//! fetches them ([`external`]).

pub mod external;
mod resolve;

use std::collections::{HashMap, HashSet};

pub use resolve::{Target, resolve, url_path_of};

use crate::content::Source;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::markdown::{Bodies, LinkRef, Rendered};
use crate::model::{PageRef, Site};
use crate::vietnamese::Lang;

/// What a link may point at: every file the build writes (paths below the output
/// folder), and the ids of the pages and templates. Borrowed, so that `serve` checks
/// an edited body against the files it serves without copying their names.
#[derive(Clone, Copy)]
pub struct Targets<'a> {
    /// `guong-dien-hinh/x/index.html`, `anh/…-480.jpg`, `theme.css`, …
    pub files: &'a dyn Files,
    /// The ids every page of a template may have (`id="noi-dung"` written in a
    /// template), for fragments.
    pub template_ids: &'a HashSet<String>,
}

/// The paths of the published files, however they are held: the names the build
/// will write, or the files `serve` holds in memory.
pub trait Files {
    fn contains(&self, path: &str) -> bool;
    fn paths(&self) -> Box<dyn Iterator<Item = &str> + '_>;
}

/// The names a build writes, hashed with foldhash (thousands of image files).
impl Files for hashbrown::HashSet<String> {
    fn contains(&self, path: &str) -> bool {
        hashbrown::HashSet::contains(self, path)
    }
    fn paths(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.iter().map(String::as_str))
    }
}

impl<V> Files for HashMap<std::sync::Arc<str>, V> {
    fn contains(&self, path: &str) -> bool {
        self.contains_key(path)
    }
    fn paths(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.keys().map(|k| &**k))
    }
}

/// Checks every link of every body of the site, and the form of every external
/// link (front matter too). Returns the problems, and the external links (for
/// `check --external`), each with its places, sorted by address.
pub fn check(
    site: &Site,
    bodies: &Bodies,
    targets: Targets,
) -> (Vec<Diagnostic>, Vec<external::Link>) {
    let mut checker = Checker::new(site, bodies, targets);
    for r in site.all_pages() {
        let page = site.page(r);
        checker.body(&page.source, &page.path, bodies.get(r));
    }
    for (section, body) in site.sections.iter().zip(&bodies.sections) {
        checker.body(&section.source, &format!("{}/", section.dir), body);
    }
    if let Some(source) = &site.home.source {
        checker.body(source, "", &bodies.home);
    }
    for (source, body) in site.detached.iter().zip(&bodies.detached) {
        checker.body(source, &url_path_of(&source.rel), body);
    }
    checker.finish()
}

/// Checks the links of one body (`serve` after a body is edited): `source` and
/// `body` of the page at `path` (below the base URL).
pub fn check_one(
    site: &Site,
    bodies: &Bodies,
    targets: Targets,
    source: &Source,
    path: &str,
    body: &Rendered,
) -> Vec<Diagnostic> {
    let mut checker = Checker::new(site, bodies, targets);
    checker.body(source, path, body);
    checker.finish().0
}

struct Checker<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    targets: Targets<'a>,
    lang: Lang,
    /// The ids of each page's body, found once when a fragment first points there.
    ids: HashMap<PageRef, HashSet<String>>,
    /// Page path → page, made when a fragment first needs it (`serve` checks one
    /// body, usually without fragments).
    pages: std::cell::OnceCell<HashMap<&'a str, PageRef>>,
    problems: Vec<Diagnostic>,
    external: HashMap<String, Vec<Diagnostic>>,
}

impl<'a> Checker<'a> {
    fn new(site: &'a Site, bodies: &'a Bodies, targets: Targets<'a>) -> Checker<'a> {
        Checker {
            site,
            bodies,
            targets,
            lang: site.config.language,
            ids: HashMap::new(),
            pages: std::cell::OnceCell::new(),
            problems: Vec::new(),
            external: HashMap::new(),
        }
    }

    /// The problems found, with those of the external links' form, and the external
    /// links sorted by address.
    fn finish(self) -> (Vec<Diagnostic>, Vec<external::Link>) {
        let mut links: Vec<external::Link> = self
            .external
            .into_iter()
            .map(|(url, places)| external::Link { url, places })
            .collect();
        links.sort_by(|a, b| a.url.cmp(&b.url));
        let mut problems = self.problems;
        problems.extend(external::form_problems(&links, self.lang));
        (problems, links)
    }

    /// The links of one page (its body, and the addresses in its front matter),
    /// whose page is at `path` (below the base URL).
    fn body(&mut self, source: &Source, path: &str, body: &Rendered) {
        let front = external::in_front_matter(source);
        let images = body.images.iter().filter(|i| external::is_external(&i.src));
        if body.links.is_empty() && front.is_empty() && images.clone().next().is_none() {
            return;
        }
        let text = SourceText::new(&source.text);
        let mut outside = |url: String, span: std::ops::Range<usize>| {
            let place = Diagnostic::warning("link", &source.rel, "").at(&text, span);
            self.external.entry(url).or_default().push(place);
        };
        for (url, span) in front {
            outside(url, span);
        }
        for image in images {
            let span = image.span.start + source.body.start..image.span.end + source.body.start;
            outside(image.src.clone(), span);
        }
        for link in &body.links {
            let span = link.span.start + source.body.start..link.span.end + source.body.start;
            let at = Place {
                source,
                text: &text,
                span,
            };
            match resolve(&link.dest, path, &self.site.index.source_paths) {
                Target::Site {
                    path: target,
                    fragment,
                } => self.site_link(&at, link, &target, fragment.as_deref(), path),
                Target::External(url) => {
                    let place = Diagnostic::warning("link", &source.rel, "").at(&text, at.span);
                    self.external.entry(url).or_default().push(place);
                }
                Target::Skip => {}
            }
        }
    }

    /// A link to a file of the site (and maybe a fragment of it).
    fn site_link(
        &mut self,
        at: &Place,
        link: &LinkRef,
        target: &str,
        fragment: Option<&str>,
        from: &str,
    ) {
        let lang = self.lang;
        let Some(file) = self.file_of(target) else {
            // `@/` links to missing files are the Markdown stage's to report.
            if link.dest.starts_with("@/") {
                return;
            }
            let message = format!(
                "{} `{}`",
                lang.pick(
                    "liên kết tới trang hoặc tệp không có trên trang:",
                    "link to a page or file the site does not have:"
                ),
                link.dest
            );
            let help = match self.nearest(target) {
                Some(n) => format!("{} `/{n}`?", lang.pick("có phải ý bạn là", "did you mean")),
                None => lang.pick(
                    "liên kết trong trang viết từ gốc trang, ví dụ /guong-dien-hinh/nguyen-thi-hoa/, hoặc dùng @/ với đường dẫn tệp",
                    "write links within the site from its root, e.g. /guong-dien-hinh/nguyen-thi-hoa/, or use @/ with the file's path",
                )
                .to_string(),
            };
            self.problems
                .push(at.error("broken-link", message).with_help(help));
            return;
        };
        let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
            return;
        };
        if self.has_id(&file, fragment) {
            return;
        }
        let page = if target == from {
            lang.pick("trang này", "this page").to_string()
        } else {
            format!("/{target}")
        };
        let message = format!(
            "{} `#{fragment}` {} {page}",
            lang.pick("không có mục", "there is no anchor"),
            lang.pick("trong", "in"),
        );
        let help = self.fragment_help(&file);
        self.problems
            .push(at.error("broken-fragment", message).with_help(help));
    }

    /// The file a URL path is served from: itself, or its `index.html`.
    fn file_of(&self, path: &str) -> Option<String> {
        let files = self.targets.files;
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return files.contains(&index).then_some(index);
        }
        if files.contains(path) {
            return Some(path.to_string());
        }
        let index = format!("{path}/index.html");
        files.contains(&index).then_some(index)
    }

    /// Whether the file `file` has the id `fragment`: in its page's body, or written
    /// in a template.
    fn has_id(&mut self, file: &str, fragment: &str) -> bool {
        if self.targets.template_ids.contains(fragment) || !file.ends_with(".html") {
            // A fragment of a PDF or a data file is not checked.
            return true;
        }
        let Some(r) = self.page_of(file) else {
            return false;
        };
        let bodies = self.bodies;
        self.ids
            .entry(r)
            .or_insert_with(|| ids_of(&bodies.get(r).html))
            .contains(fragment)
    }

    /// The content page written to `file`, if it is one.
    fn page_of(&self, file: &str) -> Option<PageRef> {
        let path = file.strip_suffix("index.html")?;
        let site = self.site;
        let pages = self.pages.get_or_init(|| {
            site.all_pages()
                .map(|r| (site.page(r).path.as_str(), r))
                .collect()
        });
        pages.get(path).copied()
    }

    /// The ids a fragment could name in `file`.
    fn fragment_help(&mut self, file: &str) -> String {
        let lang = self.lang;
        let mut ids: Vec<String> = self
            .page_of(file)
            .map(|r| ids_of(&self.bodies.get(r).html).into_iter().collect())
            .unwrap_or_default();
        ids.sort();
        ids.truncate(8);
        if ids.is_empty() {
            lang.pick(
                "mục (#…) là mã của một tiêu đề trong bài; trang này không có tiêu đề nào",
                "a fragment (#…) names a heading of the page; this page has none",
            )
            .to_string()
        } else {
            let ids: Vec<String> = ids.iter().map(|i| format!("#{i}")).collect();
            format!(
                "{}: {}",
                lang.pick("các mục có trong trang", "the page's anchors"),
                ids.join(", ")
            )
        }
    }

    /// The existing URL closest to `path`, if one is close enough to be a typo.
    fn nearest(&self, path: &str) -> Option<String> {
        let url = |file: &str| file.strip_suffix("index.html").unwrap_or(file).to_string();
        let (best, score) = self
            .targets
            .files
            .paths()
            .filter(|f| !f.starts_with("anh/") && !f.starts_with("tim-kiem/"))
            .map(|f| {
                let u = url(f);
                let score = strsim::normalized_damerau_levenshtein(path, &u);
                (u, score)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
        (score >= 0.6).then_some(best)
    }
}

/// Where a link is: its file, text and span.
struct Place<'a> {
    source: &'a Source,
    text: &'a SourceText<'a>,
    span: std::ops::Range<usize>,
}

impl Place<'_> {
    fn error(&self, code: &'static str, message: String) -> Diagnostic {
        Diagnostic::error(code, &self.source.rel, message).at(self.text, self.span.clone())
    }
}

/// Every `id="…"` of some HTML.
fn ids_of(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    for (at, _) in html.match_indices(" id=\"") {
        let rest = &html[at + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(rest[..end].to_string());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_in_html() {
        let ids =
            ids_of("<h2 id=\"mo-dau\">Mở đầu</h2><p>x</p><sup class=\"a\" id=\"fn-1\">1</sup>");
        assert!(ids.contains("mo-dau") && ids.contains("fn-1") && ids.len() == 2);
    }
}
