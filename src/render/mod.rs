//! Stage 4: rendering. Tera templates from the theme, compiled once; the context of
//! every page built from the immutable `Site`; pages rendered and written in
//! parallel.

mod context;
mod data;
mod feeds;
pub mod labels;
mod pages;
mod structured;
pub mod theme;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::images::Images;
use crate::markdown::Rendered;
use crate::model::{PageRef, Site};
use crate::output::Sink;
use crate::vietnamese::{Date, Lang, format_number};
pub use context::Shapes;
pub use pages::{Job, jobs};
use theme::Theme;

/// Rendered Markdown bodies of every page, home and section.
#[derive(Debug, Default)]
pub struct Bodies {
    pub home: Rendered,
    pub sections: Vec<Rendered>,
    pub profiles: Vec<Rendered>,
    pub units: Vec<Rendered>,
    pub campaigns: Vec<Rendered>,
    pub decisions: Vec<Rendered>,
    pub models: Vec<Rendered>,
    pub news: Vec<Rendered>,
}

impl Bodies {
    pub fn get(&self, r: PageRef) -> &Rendered {
        match r {
            PageRef::Profile(i) => &self.profiles[i],
            PageRef::Unit(i) => &self.units[i],
            PageRef::Campaign(i) => &self.campaigns[i],
            PageRef::Decision(i) => &self.decisions[i],
            PageRef::Model(i) => &self.models[i],
            PageRef::News(i) => &self.news[i],
        }
    }

    pub fn get_mut(&mut self, r: PageRef) -> &mut Rendered {
        match r {
            PageRef::Profile(i) => &mut self.profiles[i],
            PageRef::Unit(i) => &mut self.units[i],
            PageRef::Campaign(i) => &mut self.campaigns[i],
            PageRef::Decision(i) => &mut self.decisions[i],
            PageRef::Model(i) => &mut self.models[i],
            PageRef::News(i) => &mut self.news[i],
        }
    }
}

/// The theme's UI strings in the site's language, with site.toml's overrides.
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

/// Templates, strings and static files of the theme, ready to render.
pub struct Renderer {
    tera: Tera,
    strings: Strings,
    theme: Theme,
    lang: Lang,
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    url: String,
    kind: crate::content::front::SectionKind,
    active: bool,
}

#[derive(Serialize)]
struct MoreItem {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    language: Lang,
    base_url: &'a str,
    base_path: &'a str,
    generator: &'static str,
    nav: Vec<NavItem<'a>>,
    nav_more: &'a [MoreItem],
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
}

impl Renderer {
    /// Loads the theme, compiles its templates and reads its strings.
    pub fn new(root: &Path, site: &Site) -> Result<Renderer, Vec<Diagnostic>> {
        let lang = site.config.language;
        let theme = Theme::load(root, &site.config.theme, lang).map_err(|d| vec![d])?;
        let mut tera = Tera::default();
        let mut templates = Vec::new();
        let mut problems = Vec::new();
        for (name, file) in theme.under("templates") {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => templates.push((name.to_string(), text.to_string())),
                Err(_) => problems.push(Diagnostic::error(
                    "not-utf8",
                    &file.origin,
                    lang.pick(
                        "mẫu giao diện không phải UTF-8",
                        "the template is not UTF-8",
                    ),
                )),
            }
        }
        if let Err(e) = tera.add_raw_templates(templates) {
            problems.push(
                Diagnostic::error("template", "themes", error_chain(&e)).with_help(lang.pick(
                    "sửa mẫu giao diện theo cú pháp Tera",
                    "fix the template's Tera syntax",
                )),
            );
        }
        tera.set_escape_fn(escape_html);
        tera.register_filter(
            "date_vi",
            move |value: &Value, args: &HashMap<String, Value>| {
                let text = value.as_str().unwrap_or_default();
                let Some(date) = Date::parse(text) else {
                    return Ok(Value::String(String::new()));
                };
                let short = args.get("format").and_then(Value::as_str) == Some("short");
                Ok(Value::String(if short {
                    date.short()
                } else {
                    date.long(lang)
                }))
            },
        );
        tera.register_filter("num", move |value: &Value, _: &HashMap<String, Value>| {
            Ok(Value::String(value.as_i64().map_or_else(
                || value.to_string(),
                |n| format_number(n, lang),
            )))
        });
        tera.register_function("icon", Icons::from_theme(&theme));
        let strings = Self::strings(&theme, site, &mut problems);
        if problems.is_empty() {
            Ok(Renderer {
                tera,
                strings,
                theme,
                lang,
            })
        } else {
            Err(problems)
        }
    }

    fn strings(theme: &Theme, site: &Site, problems: &mut Vec<Diagnostic>) -> Strings {
        let lang = site.config.language;
        let file = format!("i18n/{}.toml", lang.pick("vi", "en"));
        let mut strings = BTreeMap::new();
        if let Some(f) = theme.files.get(&file) {
            match std::str::from_utf8(&f.bytes)
                .ok()
                .map(toml::from_str::<BTreeMap<String, String>>)
            {
                Some(Ok(map)) => strings = map,
                Some(Err(e)) => problems.push(Diagnostic::error(
                    "i18n",
                    &f.origin,
                    e.message().to_string(),
                )),
                None => problems.push(Diagnostic::error("i18n", &f.origin, "not UTF-8")),
            }
        }
        for (k, v) in &site.config.strings {
            strings.insert(k.clone(), v.clone());
        }
        Strings(strings)
    }

    /// Renders every page into `out`, in parallel, then the theme's static files.
    /// Returns the number of files written and every problem.
    pub fn render_all(
        &self,
        site: &Site,
        bodies: &Bodies,
        images: &Images,
        out: &dyn Sink,
    ) -> (usize, Vec<Diagnostic>) {
        let jobs = pages::jobs(site);
        let mut problems = self.render_jobs(site, bodies, images, &jobs, &jobs, out);
        let mut files = jobs.len();
        match self.copy_static(out) {
            Ok(n) => files += n,
            Err(d) => problems.push(d),
        }
        (files, problems)
    }

    /// Renders `which`, some of the site's `jobs`, into `out`, in parallel (`serve`
    /// re-renders only the pages a change can show).
    pub fn render_jobs(
        &self,
        site: &Site,
        bodies: &Bodies,
        images: &Images,
        jobs: &[Job],
        which: &[Job],
        out: &dyn Sink,
    ) -> Vec<Diagnostic> {
        let shapes = Shapes {
            site,
            bodies,
            images,
            lang: self.lang,
        };
        let nav_more = self.nav_more(site);
        let strings_value = tera::to_value(&self.strings.0).unwrap_or_default();
        which
            .par_iter()
            .filter_map(|job| {
                // Data jobs (search index, report files) write their own files.
                if let Some(files) = data::files(*job, &shapes) {
                    return data::write(files, out);
                }
                let path = job.path(site);
                let result = self.render_job(*job, &path, &shapes, jobs, &nav_more, &strings_value);
                let file = Job::file(&path);
                let written = result.and_then(|html| {
                    out.write(&file, html.as_bytes())
                        .map_err(|e| Diagnostic::error("io", out.location(&file), e.to_string()))
                });
                written.err()
            })
            .collect()
    }

    fn render_job(
        &self,
        job: Job,
        path: &str,
        shapes: &Shapes,
        jobs: &[Job],
        nav_more: &[MoreItem],
        strings: &Value,
    ) -> Result<String, Diagnostic> {
        let site = shapes.site;
        let template = job.template(site);
        let context = match job {
            Job::Feed(section) => shapes.feed_context(section),
            Job::Sitemap => shapes.sitemap_context(jobs),
            Job::Robots => shapes.robots_context(),
            _ => {
                let pc = shapes.html_context(job, &self.strings);
                self.html_context(pc, path, site, nav_more, strings)
            }
        };
        self.tera.render(template, &context).map_err(|e| {
            Diagnostic::error(
                "template",
                format!("themes/{}/templates/{template}", site.config.theme),
                format!(
                    "{} /{path}: {}",
                    self.lang.pick("lỗi khi dựng trang", "error rendering"),
                    error_chain(&e)
                ),
            )
            .with_help(self.lang.pick(
                "kiểm tra các biến mẫu dùng, theo docs/themes.md",
                "check the variables the template uses against docs/themes.md",
            ))
        })
    }

    /// Adds the variables every HTML template receives.
    fn html_context(
        &self,
        pc: pages::PageContext,
        path: &str,
        site: &Site,
        nav_more: &[MoreItem],
        strings: &Value,
    ) -> Context {
        let mut sections: Vec<(usize, &crate::model::Section)> =
            site.sections.iter().enumerate().collect();
        sections.sort_by_key(|(_, s)| s.weight);
        let nav: Vec<NavItem> = sections
            .into_iter()
            .map(|(i, s)| NavItem {
                title: &s.title,
                url: site.url(&format!("{}/", s.dir)),
                kind: s.kind,
                active: pc.section == Some(i),
            })
            .collect();
        let site_ctx = SiteCtx {
            title: &site.config.title,
            description: &site.config.description,
            language: site.config.language,
            base_url: &site.base.absolute,
            base_path: &site.base.path,
            generator: concat!("tonvinh ", env!("CARGO_PKG_VERSION")),
            nav,
            nav_more,
        };
        let title = if path.is_empty() {
            site.config.title.clone()
        } else {
            format!("{} – {}", pc.title, site.config.title)
        };
        let description = if pc.description.is_empty() {
            site.config.description.clone()
        } else {
            pc.description.clone()
        };
        let meta = pages::Meta {
            title,
            description,
            og_type: pc.og_type,
            image: pc.image.clone(),
            image_alt: pc.image_alt.clone(),
            noindex: pc.noindex,
            feed_url: pc.feed_url.clone(),
            jsonld: pc
                .structured
                .as_ref()
                .map(structured::to_script)
                .unwrap_or_default(),
        };
        let crumbs: Vec<Crumb> = pc
            .breadcrumbs
            .iter()
            .map(|(t, u)| Crumb {
                title: t.clone(),
                url: u.clone(),
            })
            .collect();
        let mut context = pc.context;
        context.insert("site", &site_ctx);
        context.insert("t", strings);
        context.insert("url", &site.url(path));
        context.insert("permalink", &site.permalink(path));
        context.insert("meta", &meta);
        context.insert("breadcrumbs", &crumbs);
        context
    }

    fn nav_more(&self, site: &Site) -> Vec<MoreItem> {
        [
            ("nav_communes", "xa-phuong/"),
            ("nav_areas", "khu-vuc/"),
            ("nav_awards", "danh-hieu/"),
            ("nav_years", "nam/"),
            ("nav_tags", "chu-de/"),
            ("nav_reports", "bao-cao/"),
        ]
        .into_iter()
        .map(|(k, p)| MoreItem {
            title: self.strings.get(k),
            url: site.url(p),
        })
        .collect()
    }

    /// The theme's static files: (path below the output folder, bytes).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.theme
            .under("static")
            .map(|(rel, file)| (rel, file.bytes.as_slice()))
    }

    /// Copies the theme's static files (the site's `static/` goes over them later).
    fn copy_static(&self, out: &dyn Sink) -> Result<usize, Diagnostic> {
        let mut count = 0;
        for (rel, file) in self.theme.under("static") {
            out.write(rel, &file.bytes)
                .map_err(|e| Diagnostic::error("io", &file.origin, e.to_string()))?;
            count += 1;
        }
        Ok(count)
    }
}

/// Escapes text for HTML and XML. Unlike Tera's default it leaves `/` alone, so
/// URLs stay readable in the output. Copies runs of plain text at once.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    let mut plain = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
    out
}

/// The theme's line icons (`icons/<name>.svg`, the inside of a 24×24 `<svg>`), as the
/// template function `icon(name="award", size=22)`: decorative, hidden from screen
/// readers. A function, not a macro: it is called for every card of every list.
struct Icons(HashMap<String, String>);

impl Icons {
    fn from_theme(theme: &Theme) -> Icons {
        let icons = theme
            .under("icons")
            .filter_map(|(name, file)| {
                let name = name.strip_suffix(".svg")?;
                Some((
                    name.to_string(),
                    String::from_utf8_lossy(&file.bytes).trim().to_string(),
                ))
            })
            .collect();
        Icons(icons)
    }
}

impl tera::Function for Icons {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let name = args
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("profile");
        let size = args.get("size").and_then(Value::as_u64).unwrap_or(24);
        let paths = self
            .0
            .get(name)
            .or_else(|| self.0.get("profile"))
            .map_or("", String::as_str);
        Ok(Value::String(format!(
            "<svg class=\"icon icon--{}\" viewBox=\"0 0 24 24\" width=\"{size}\" height=\"{size}\" aria-hidden=\"true\" focusable=\"false\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{paths}</svg>",
            escape_html(name)
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A Tera error with its causes, on one line.
fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_keeps_slashes_and_escapes_markup() {
        assert_eq!(
            super::escape_html("a/b <i>\"x\" & 'y'</i>"),
            "a/b &lt;i&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/i&gt;"
        );
        assert_eq!(super::escape_html("Nguyễn"), "Nguyễn");
    }

    /// Every UI string the code asks for exists in both languages, and both
    /// languages have the same keys.
    #[test]
    fn ui_strings_exist_in_both_languages() {
        use std::collections::BTreeMap;
        let load = |name: &str| -> BTreeMap<String, String> {
            let (_, bytes) = super::theme::THEME_FILES
                .iter()
                .find(|(p, _)| *p == name)
                .expect(name);
            toml::from_str(std::str::from_utf8(bytes).unwrap()).unwrap()
        };
        let (vi, en) = (load("i18n/vi.toml"), load("i18n/en.toml"));
        assert_eq!(vi.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        let this = include_str!("mod.rs");
        let code = [
            this.split("#[cfg(test)]").next().unwrap_or(this),
            include_str!("pages.rs"),
        ]
        .concat();
        let mut asked = 0;
        // `t("key")` in page contexts, `("key", "path/")` in the menu.
        for (i, _) in code.match_indices("(\"") {
            let rest = &code[i + 2..];
            let key = rest.split('"').next().unwrap_or_default();
            let after = &rest[key.len()..];
            let before = code[..i].strip_suffix('t').and_then(|b| b.chars().last());
            let is_t = before.is_some_and(|c| !c.is_alphanumeric() && c != '_' && c != '.');
            let is_menu = after.starts_with("\", \"")
                && after[4..]
                    .split('"')
                    .next()
                    .is_some_and(|p| p.ends_with('/'));
            if (is_t || is_menu)
                && !key.is_empty()
                && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                asked += 1;
                assert!(
                    vi.contains_key(key),
                    "the code asks for `{key}`, missing in i18n/vi.toml"
                );
            }
        }
        assert!(asked >= 10, "only {asked} keys found: the scan is broken");
    }
}
