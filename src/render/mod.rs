//! Stage 4: rendering. Tera templates from the theme, compiled once; the context of
//! every page built from the immutable `Site`; pages rendered and written in
//! parallel.

mod chrome;
mod context;
mod data;
mod escape;
mod feeds;
mod fragments;
mod icons;
mod lookups;
mod media;
mod pages;
pub mod reads;
mod structured;
mod tera_errors;
pub mod theme;
mod timings;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::images::Images;
use crate::markdown::Bodies;
use crate::model::Site;
use crate::output::Sink;
use crate::vietnamese::{Date, Lang, format_number};
use chrome::Menu;
pub use context::Shapes;
use escape::{escape_html, escape_html_into};
pub use fragments::RollColumns;
use fragments::{FOOTER, FragmentStrings, Fragments, HEAD, HEADER};
use icons::{ICON_SPRITE, Icons, icon_sprite};
pub use pages::{Job, folders, jobs};
use reads::{Reads, Record};
use theme::Theme;
pub use timings::TemplateTimes;

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
    /// Time per template, when `--timings` asks for it.
    times: Option<TemplateTimes>,
    /// The search index's word cache below the site root.
    word_cache: Option<std::path::PathBuf>,
    /// The ids the templates write (`id="noi-dung"`), for links' fragments.
    template_ids: std::collections::HashSet<String>,
}

impl Renderer {
    /// Loads the theme, compiles its templates and reads its strings. Needs only the
    /// site's configuration, so it can run while the content is read.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let lang = config.language;
        let theme = Theme::load(root, &config.theme, lang).map_err(|d| vec![d])?;
        // Tera checks at compile time that every filter and function a template
        // calls exists: they are registered first.
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html_into);
        register(&mut tera, &theme, config);
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
            problems.push(tera_errors::syntax(&theme, &config.theme, &e, lang));
        }
        let strings = Self::strings(&theme, config, &mut problems);
        if problems.is_empty() {
            Ok(Renderer {
                tera,
                strings,
                lang,
                times: None,
                word_cache: Some(root.join(crate::search::WORD_CACHE)),
                template_ids: ids_in_templates(&theme),
                theme,
            })
        } else {
            Err(problems)
        }
    }

    /// Records the time spent per template, for `--timings`.
    pub fn with_times(mut self, on: bool) -> Renderer {
        self.times = on.then(TemplateTimes::default);
        self
    }

    /// The strings a fragment's template uses (`t.key`): a card or a table line is
    /// rendered for nearly every page, and copying all the strings each time would
    /// cost more than the fragment. All of them when the template uses `t` in another
    /// way.
    fn strings_of(&self, template: &str, all: &Value) -> Value {
        let source = self
            .theme
            .files
            .get(&format!("templates/{template}"))
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        match (fragments::strings_used(&source), all.as_map()) {
            (Some(keys), Some(map)) => {
                let used: tera::Map = map
                    .iter()
                    .filter(|(k, _)| k.as_str().is_some_and(|k| keys.contains(k)))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Value::from(used)
            }
            _ => all.clone(),
        }
    }

    /// The time per template, if recorded.
    pub fn times(&self) -> Option<&TemplateTimes> {
        self.times.as_ref()
    }

    fn strings(theme: &Theme, config: &Config, problems: &mut Vec<Diagnostic>) -> Strings {
        let lang = config.language;
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
        for (k, v) in &config.strings {
            strings.insert(k.clone(), v.clone());
        }
        Strings(strings)
    }

    /// Renders `which`, some or all of the site's `jobs`, into `out`, in parallel (a
    /// rebuild renders only the pages whose reads changed), and records what each
    /// read.
    #[allow(clippy::too_many_arguments)]
    pub fn render_jobs(
        &self,
        site: &Site,
        bodies: &Bodies,
        images: &Images,
        attachments: &crate::attachments::Attachments,
        jobs: &[Job],
        which: &[Job],
        out: &dyn Sink,
    ) -> Rendering {
        let strings_value = Value::from_serializable(&self.strings.0);
        let fragment_strings = FragmentStrings {
            card: self.strings_of(fragments::CARD, &strings_value),
            roll_row: self.strings_of(fragments::ROLL_ROW, &strings_value),
            person_row: self.strings_of(fragments::PERSON_ROW, &strings_value),
        };
        let fragments = Fragments::new(
            &self.tera,
            &fragment_strings,
            &strings_value,
            site,
            &self.theme,
            self.lang,
        );
        let reports = crate::report::Yearly::new(site);
        // Each file gets shapes of its own, which record what it reads.
        let shapes = || Shapes {
            site,
            bodies,
            images,
            attachments,
            lang: self.lang,
            fragments: &fragments,
            reports: &reports,
            reads: Reads::default(),
            word_cache: self.word_cache.as_deref(),
        };
        let menu = Menu::new(site, &self.strings);
        // Each thread keeps one context holding `t` (big, the same on every page) and
        // puts each page's variables in and out of it, instead of copying `t` per page;
        // and one buffer the pages are rendered into.
        let mut shared = Context::new();
        shared.insert_value("t", strings_value.clone());
        let done: Vec<(Option<Diagnostic>, (Job, String, Record))> = pages::longest_first(which)
            .into_par_iter()
            .map_init(
                || {
                    let thread = ThreadContext {
                        context: shared.clone(),
                        chrome_state: String::new(),
                    };
                    (thread, Vec::with_capacity(1 << 16))
                },
                |(context, buffer), job| {
                    let start = Instant::now();
                    let shapes = shapes();
                    let path = job.path(site);
                    let file = Job::file(&path);
                    // Data jobs (search index, report files) write their own files.
                    if let Some(files) = data::files(*job, &shapes) {
                        let made = Instant::now();
                        let written: Box<[String]> = if files.len() == 1 && files[0].0 == file {
                            Box::default()
                        } else {
                            files.iter().map(|(f, _)| f.clone()).collect()
                        };
                        let problem = data::write(files, out);
                        if let Some(times) = &self.times {
                            times.add("", [made - start, Duration::ZERO, made.elapsed()]);
                        }
                        let record = Record {
                            reads: shapes.reads.into_keys(),
                            files: written,
                        };
                        return (problem, (*job, file, record));
                    }
                    let (result, prepared) =
                        self.render_job(*job, &path, &shapes, jobs, &menu, context, buffer);
                    let rendered = Instant::now();
                    let written = result.and_then(|()| {
                        out.write(&file, buffer)
                            .map_err(|e| crate::output::write_problem(out.location(&file), &e))
                    });
                    if let Some(times) = &self.times {
                        let spent = [prepared - start, rendered - prepared, rendered.elapsed()];
                        times.add(job.template(site), spent);
                    }
                    let record = Record {
                        reads: shapes.reads.into_keys(),
                        files: Box::default(),
                    };
                    (written.err(), (*job, file, record))
                },
            )
            .collect();
        let mut rendering = Rendering {
            problems: Vec::with_capacity(0),
            records: Vec::with_capacity(done.len()),
        };
        for (problem, record) in done {
            rendering.problems.extend(problem);
            rendering.records.push(record);
        }
        rendering.problems.extend(fragments.into_problems());
        rendering
    }

    /// Renders one job into `buffer`, and says when its variables were ready. An
    /// HTML page's variables go into `thread`'s context (which holds `t`) for the
    /// time of its rendering.
    #[allow(clippy::too_many_arguments)]
    fn render_job(
        &self,
        job: Job,
        path: &str,
        shapes: &Shapes,
        jobs: &[Job],
        menu: &Menu,
        thread: &mut ThreadContext,
        buffer: &mut Vec<u8>,
    ) -> (Result<(), Diagnostic>, Instant) {
        let site = shapes.site;
        let template = job.template(site);
        buffer.clear();
        let own = match job {
            Job::Feed(section) => Some(shapes.feed_context(section)),
            Job::Sitemap => Some(shapes.sitemap_context(jobs)),
            Job::Robots => Some(shapes.robots_context()),
            _ => None,
        };
        let (rendered, prepared) = match own {
            Some(own) => {
                let prepared = Instant::now();
                (self.tera.render_to(template, &own, &mut *buffer), prepared)
            }
            None => {
                let mut pc = shapes.html_context(job, &self.strings);
                let keys = std::mem::take(&mut pc.keys);
                self.html_context(pc, path, shapes, menu, thread);
                let prepared = Instant::now();
                // Straight into the buffer: no copy into a String, no UTF-8 check of
                // what the templates wrote from UTF-8 strings.
                let rendered = self.tera.render_to(template, &thread.context, &mut *buffer);
                for key in keys {
                    thread.context.remove(key);
                }
                (rendered, prepared)
            }
        };
        let result = rendered.map_err(|e| {
            tera_errors::rendering(
                &self.theme,
                &site.config.theme,
                template,
                path,
                &e,
                self.lang,
            )
        });
        (result, prepared)
    }

    /// The theme's static files and the icon sprite: (path below the output folder,
    /// bytes).
    pub fn static_files(&self) -> Vec<(&str, Cow<'_, [u8]>)> {
        let sprite = icon_sprite(&self.theme).into_bytes();
        let mut files = vec![(ICON_SPRITE, Cow::Owned(sprite))];
        files.extend(
            self.theme
                .under("static")
                .map(|(rel, file)| (rel, Cow::Borrowed(file.bytes.as_slice()))),
        );
        files
    }

    /// The paths of the theme's static files.
    pub fn static_paths(&self) -> Vec<String> {
        let mut paths = vec![ICON_SPRITE.to_string()];
        paths.extend(self.theme.under("static").map(|(rel, _)| rel.to_string()));
        paths
    }

    /// The ids the templates write as they are (`id="noi-dung"`), which every page
    /// of a template may have: `#fragments` that name them are not broken.
    pub fn template_ids(&self) -> &std::collections::HashSet<String> {
        &self.template_ids
    }

    /// Writes the theme's static files (the site's `static/` goes over them later);
    /// returns their paths.
    pub fn copy_static(&self, out: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
        let files = self.static_files();
        for (rel, bytes) in &files {
            out.write(rel, bytes)
                .map_err(|e| crate::output::write_problem(out.location(rel), &e))?;
        }
        Ok(files.into_iter().map(|(rel, _)| rel.to_string()).collect())
    }
}

/// What rendering some jobs did: every problem, and what each job's file read.
#[derive(Debug, Default)]
pub struct Rendering {
    pub problems: Vec<Diagnostic>,
    /// Each job with its file (`guong-dien-hinh/x/index.html`) and what it read.
    pub records: Vec<(Job, String, Record)>,
}

/// What a rendering thread keeps from page to page: a context holding `t`, and
/// `site` and `chrome` for the menu state it names.
struct ThreadContext {
    context: Context,
    /// [`menu_state`] and the feed of the `site` and `chrome` in `context`.
    chrome_state: String,
}

/// The filters `date_vi` and `num` and the function `icon`, in the site's language.
fn register(tera: &mut Tera, theme: &Theme, config: &Config) {
    let lang = config.language;
    tera.register_filter("date_vi", move |value: Value, args: Kwargs, _: &State| {
        let text = value.as_str().unwrap_or_default();
        let Some(date) = Date::parse(text) else {
            return String::new();
        };
        if args.get::<&str>("format").ok().flatten() == Some("short") {
            date.short()
        } else {
            date.long(lang)
        }
    });
    tera.register_filter("num", move |value: Value, _: Kwargs, _: &State| {
        value
            .as_i64()
            .map_or_else(|| value.to_string(), |n| format_number(n, lang))
    });
    tera.register_function("icon", Icons::from_theme(theme, &config.base().path));
}

/// The ids written literally in the theme's templates (not those made by a
/// template expression).
fn ids_in_templates(theme: &Theme) -> std::collections::HashSet<String> {
    let mut ids = std::collections::HashSet::new();
    for (_, file) in theme.under("templates") {
        let text = String::from_utf8_lossy(&file.bytes);
        for (at, _) in text.match_indices("id=\"") {
            let rest = &text[at + 4..];
            if let Some(end) = rest.find('"')
                && !rest[..end].contains(['{', '%'])
            {
                ids.insert(rest[..end].to_string());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    /// A theme that loops over a map (`{% for k, v in … %}`, `group_by`, `pairs`)
    /// gets its entries in the order the map was made in, the same at every build:
    /// Tera 2 keeps maps in a hash map unless `preserve_order` is on.
    #[test]
    fn maps_are_looped_over_in_a_fixed_order() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("m", "{% for k, v in m %}{{ k }}{% endfor %}")
            .unwrap();
        let keys: Vec<String> = (0..40).map(|i| format!("k{i:02}")).collect();
        let map: std::collections::BTreeMap<_, _> = keys.iter().map(|k| (k, 1)).collect();
        let mut context = tera::Context::new();
        context.insert("m", &map);
        assert_eq!(tera.render("m", &context).unwrap(), keys.concat());
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
            include_str!("pages/home.rs"),
            include_str!("pages/honours.rs"),
            include_str!("pages/lists.rs"),
            include_str!("pages/places.rs"),
            include_str!("chrome.rs"),
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
