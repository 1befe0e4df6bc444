//! serve, step 2: rebuilding after a change. The last good build ([`Built`]: model,
//! bodies, templates, what each file read) and its files are kept, and a change is
//! turned into the least work that gives the same files as a full build, always
//! through the pipeline's own stages:
//! - a body edited (page, home or section text) with its front matter untouched:
//!   that body is rendered again (`markdown`), and the files that read it, or the
//!   summary it gives, are rendered again (`render`);
//! - any other content change: the pipeline runs again ([`pipeline::run`]) after
//!   the last build's records, so it renders only the files whose reads changed;
//! - static files are copied again; site.toml or a template rebuilds everything.
//!
//! Data files that no page shows and that take the whole site (the search index,
//! about a second at 10,000 profiles) are left pending, and
//! [`Rebuilder::finish_pending`] brings them up to date when the watcher is idle.
//!
//! A failed rebuild leaves the last good state, and so the files served, untouched.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;

use super::classify::ChangeKind;
use super::memory::{MemorySink, SiteFiles};
use crate::content::{self, Source, frontmatter};
use crate::diagnostics::{Diagnostic, has_errors};
use crate::links;
use crate::markdown::{self, Rendered};
use crate::model::PageRef;
use crate::pipeline::{self, BuildOptions, Built, Failure, Mode};
use crate::render::reads::{self, Key};
use crate::render::{Job, Renderer, Rendering};
use crate::vietnamese::Lang;

/// Rebuilds the site after changes, keeping the last good build.
pub struct Rebuilder {
    options: BuildOptions,
    /// The last good build; `None` before the first one, or after a rebuild failed
    /// half-way through changing it (the next rebuild is then a full one).
    state: Option<State>,
    /// The last rebuild failed: the next one reads every file again rather than
    /// trusting the sources of the last good state.
    stale: bool,
    /// The theme and language of the last good build.
    theme: String,
    lang: Lang,
}

/// The last good build and its files.
struct State {
    built: Built,
    files: Arc<SiteFiles>,
    /// Source file (relative to the root) → what it holds.
    sources: HashMap<PathBuf, Owner>,
}

/// What a content file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Home,
    Section(usize),
    Page(PageRef),
}

/// What a rebuild did.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing the site shows changed.
    Unchanged,
    Built(Update),
    Failed(Failure),
}

/// A successful rebuild.
#[derive(Debug)]
pub struct Update {
    pub files: Arc<SiteFiles>,
    /// Output files added, changed or removed.
    pub changed: Vec<String>,
    /// Pages rendered.
    pub rendered: usize,
    /// How: "full", "content", "body", "static" or "deferred".
    pub how: &'static str,
    pub warnings: Vec<Diagnostic>,
    /// Deferred files remain to bring up to date ([`Rebuilder::finish_pending`]).
    pub pending: bool,
}

impl Update {
    /// Only stylesheets changed: a browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.changed.is_empty() && self.changed.iter().all(|f| f.ends_with(".css"))
    }
}

impl Rebuilder {
    /// A rebuilder with nothing built yet: the first [`Rebuilder::rebuild`] builds all.
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder {
            options,
            state: None,
            stale: false,
            theme: "default".into(),
            lang: Lang::Vi,
        }
    }

    /// The files of the last good build.
    pub fn files(&self) -> Option<Arc<SiteFiles>> {
        self.state.as_ref().map(|s| s.files.clone())
    }

    /// The theme the site uses, to know which theme folder to watch.
    pub fn theme(&self) -> &str {
        &self.theme
    }

    /// The site's language, for messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Deferred files wait to be brought up to date.
    pub fn has_pending(&self) -> bool {
        self.state
            .as_ref()
            .is_some_and(|s| !s.built.pending.is_empty())
    }

    /// Brings the deferred files (the search index) up to date.
    pub fn finish_pending(&mut self) -> Outcome {
        let lang = self.lang;
        let Some(state) = self.state.as_mut().filter(|s| !s.built.pending.is_empty()) else {
            return Outcome::Unchanged;
        };
        let pending = std::mem::take(&mut state.built.pending);
        match state.render(&pending, lang) {
            Ok(mut update) => {
                update.how = "deferred";
                outcome(update)
            }
            Err(failure) => {
                self.state = None;
                Outcome::Failed(failure)
            }
        }
    }

    /// Builds everything.
    pub fn build_all(&mut self) -> Outcome {
        self.rebuild(&[ChangeKind::Config])
    }

    /// Rebuilds after `changes`.
    pub fn rebuild(&mut self, changes: &[ChangeKind]) -> Outcome {
        let full = self.state.is_none()
            || changes
                .iter()
                .any(|c| matches!(c, ChangeKind::Config | ChangeKind::Template));
        let result = if full {
            self.full()
        } else {
            self.partial(changes)
        };
        self.stale = result.is_err();
        if let Some(state) = &self.state {
            self.theme.clone_from(&state.built.site.config.theme);
            self.lang = state.built.site.config.language;
        }
        let pending = self.has_pending();
        match result {
            Ok(update) => outcome(Update { pending, ..update }),
            Err(failure) => Outcome::Failed(failure),
        }
    }

    /// The pipeline from site.toml on, with nothing kept.
    fn full(&mut self) -> Result<Update, Failure> {
        let config = pipeline::load_config(&self.options).map_err(|diagnostics| Failure {
            diagnostics,
            lang: self.lang,
        })?;
        let sink = MemorySink::default();
        let built = pipeline::run(&self.options, config, &sink, None, Mode::Memory)?;
        let state = State::new(built, sink);
        let changed = match &self.state {
            Some(old) => diff(&old.files, &state.files),
            None => state.files.files.keys().cloned().collect(),
        };
        let update = state.update(changed, state.built.rendered, "full");
        self.state = Some(state);
        Ok(update)
    }

    /// Content, then static files.
    fn partial(&mut self, changes: &[ChangeKind]) -> Result<Update, Failure> {
        let content: Vec<&Path> = changes
            .iter()
            .filter_map(|c| match c {
                ChangeKind::Content(p) | ChangeKind::Section(p) => Some(p.as_path()),
                _ => None,
            })
            .collect();
        let statics: Vec<&Path> = changes
            .iter()
            .filter_map(|c| match c {
                ChangeKind::Static(p) => Some(p.as_path()),
                _ => None,
            })
            .collect();
        let mut update = None;
        if !content.is_empty() {
            update = Some(self.content(&content)?);
        }
        if !statics.is_empty() {
            let theme = statics.iter().any(|p| p.starts_with("themes"));
            let more = self.statics(theme)?;
            update = Some(match update {
                None => more,
                Some(mut u) => {
                    u.changed.extend(more.changed);
                    u.rendered += more.rendered;
                    u.warnings.extend(more.warnings);
                    u.files = more.files;
                    u
                }
            });
        }
        let state = self.state.as_ref().expect("built");
        Ok(update.unwrap_or_else(|| state.update(Vec::new(), 0, "static")))
    }

    fn content(&mut self, paths: &[&Path]) -> Result<Update, Failure> {
        if !self.stale
            && let Some(edits) = self.body_edits(paths)
        {
            return self.apply_body_edits(edits);
        }
        self.reload_content()
    }

    /// The new sources when every path is a known file whose front matter did not
    /// change; `None` when something else changed.
    fn body_edits(&self, paths: &[&Path]) -> Option<Vec<(Owner, Source)>> {
        let state = self.state.as_ref()?;
        let mut edits = Vec::new();
        for rel in paths {
            let owner = *state.sources.get(*rel)?;
            let old = state.source(owner)?;
            let text = content::read_text(&self.options.root.join(rel), rel, self.lang).ok()?;
            let split = frontmatter::split(&text).ok()?;
            if text[..split.body.start] != old.text[..old.body.start] {
                return None;
            }
            if text != old.text {
                let source = Source {
                    rel: rel.to_path_buf(),
                    text,
                    front_start: split.front.start,
                    body: split.body,
                };
                edits.push((owner, source));
            }
        }
        Some(edits)
    }

    /// Renders the edited bodies, then the files that read them or the summaries
    /// they give.
    fn apply_body_edits(&mut self, edits: Vec<(Owner, Source)>) -> Result<Update, Failure> {
        let lang = self.lang;
        let state = self.state.as_ref().expect("built");
        let Some((rendered, problems)) = state.render_bodies(edits) else {
            // An image the site has not processed yet: the whole pipeline handles it.
            return self.reload_content();
        };
        if has_errors(&problems) {
            return Err(Failure {
                diagnostics: problems,
                lang,
            });
        }
        let state = self.state.as_mut().expect("built");
        let mut changed_keys = Vec::new();
        for (owner, source, body) in rendered {
            changed_keys.extend(state.replace(owner, source, body));
        }
        let which: Vec<Job> = state.readers(&changed_keys);
        match state.render(&which, lang) {
            Ok(mut update) => {
                update.how = "body";
                update.warnings = problems;
                Ok(update)
            }
            Err(failure) => {
                // The model holds the new body but the files do not: start afresh.
                self.state = None;
                Err(failure)
            }
        }
    }

    /// Runs the pipeline again after the last build: it reads and resolves the
    /// content, and renders only the files whose reads changed.
    fn reload_content(&mut self) -> Result<Update, Failure> {
        let old = self.state.as_ref().expect("built");
        let config = old.built.site.config.clone();
        let sink = MemorySink::after(old.files.clone());
        let records = &old.built.records;
        let built = pipeline::run(&self.options, config, &sink, Some(records), Mode::Memory)?;
        let state = State::new(built, sink);
        let changed = diff(&old.files, &state.files);
        let update = state.update(changed, state.built.rendered, "content");
        self.state = Some(state);
        Ok(update)
    }

    /// Copies the static files again (reloading the theme when its files changed);
    /// a page that a static file hid is rendered again when it is gone.
    fn statics(&mut self, theme: bool) -> Result<Update, Failure> {
        let root = self.options.root.clone();
        let lang = self.lang;
        let state = self.state.as_mut().expect("built");
        let fail = |diagnostics| Failure { diagnostics, lang };
        if theme {
            let renderer = Renderer::new(&root, &state.built.site.config).map_err(fail)?;
            state.built.renderer = Arc::new(renderer);
        }
        let sink = MemorySink::default();
        let mut written = state
            .built
            .renderer
            .copy_static(&sink)
            .map_err(|d| fail(vec![d]))?;
        written.extend(pipeline::copy_site_static(&root, &sink, lang).map_err(fail)?);
        let statics: BTreeMap<String, Bytes> = sink.into_files().into_iter().collect();
        let records = &mut state.built.records;
        let uncovered: Vec<String> = records
            .statics
            .iter()
            .filter(|f| !statics.contains_key(*f))
            .cloned()
            .collect();
        let mut files = (*state.files).clone();
        let mut changed = Vec::new();
        for gone in &uncovered {
            files.files.remove(gone);
            changed.push(gone.clone());
        }
        for (file, bytes) in &statics {
            if files.files.get(file) != Some(bytes) {
                files.files.insert(file.clone(), bytes.clone());
                changed.push(file.clone());
            }
        }
        records.statics = statics.into_keys().collect();
        state.files = Arc::new(files);
        let site = &state.built.site;
        let hidden: Vec<Job> = state
            .built
            .jobs
            .iter()
            .filter(|j| uncovered.contains(&Job::file(&j.path(site))))
            .copied()
            .collect();
        match state.render(&hidden, lang) {
            Ok(mut update) => {
                update.changed.extend(changed);
                update.how = "static";
                Ok(update)
            }
            Err(failure) => {
                self.state = None;
                Err(failure)
            }
        }
    }
}

/// `Unchanged` when nothing changed.
fn outcome(update: Update) -> Outcome {
    if update.changed.is_empty() {
        Outcome::Unchanged
    } else {
        Outcome::Built(update)
    }
}

/// Edited sources with their new bodies.
type Edits = Vec<(Owner, Source, Rendered)>;

impl State {
    /// The edited sources' bodies and their problems; `None` when one shows an image
    /// the site has not processed yet.
    fn render_bodies(&self, edits: Vec<(Owner, Source)>) -> Option<(Edits, Vec<Diagnostic>)> {
        let built = &self.built;
        let options = markdown::options(&built.site);
        let image_html = crate::images::body_image(&built.site, &built.images);
        let mut problems = Vec::new();
        let mut rendered = Vec::new();
        for (owner, source) in edits {
            let (body, body_problems) =
                markdown::render_source(&options, &source, &image_html, false);
            let folder = source.rel.parent().unwrap_or(Path::new(""));
            let new_image = body.images.iter().any(|i| {
                markdown::is_local(&i.src) && built.images.get(&folder.join(&i.src)).is_none()
            });
            if new_image || self.links_new_document(owner, &body) {
                return None;
            }
            problems.extend(body_problems);
            if let Owner::Page(r) = owner {
                let path = &built.site.page(r).path;
                let targets = self.link_targets();
                let site = &built.site;
                let found = links::check_one(site, &built.bodies, &targets, &source, path, &body);
                problems.extend(found);
            }
            rendered.push((owner, source, body));
        }
        Some((rendered, problems))
    }

    /// Whether a page's new body links to a document of its bundle that the last
    /// build did not publish (the whole pipeline publishes it).
    fn links_new_document(&self, owner: Owner, body: &Rendered) -> bool {
        let Owner::Page(r) = owner else {
            return false;
        };
        let page = self.built.site.page(r);
        let sources = &self.built.site.index.source_paths;
        body.links.iter().any(|link| {
            let links::Target::Site { path, .. } = links::resolve(&link.dest, &page.path, sources)
            else {
                return false;
            };
            let document = path
                .strip_prefix(page.path.as_str())
                .is_some_and(|name| crate::domain::DocumentKind::from_name(name).is_some());
            document && !self.files.files.contains_key(&path)
        })
    }

    /// What links may point at: the files served now.
    fn link_targets(&self) -> links::Targets {
        links::Targets {
            files: self.files.files.keys().cloned().collect(),
            template_ids: self.built.renderer.template_ids(),
        }
    }

    /// The state of a build that wrote its files into `sink`.
    fn new(built: Built, sink: MemorySink) -> State {
        // In the order written: pages, then static files over them.
        let files: HashMap<String, Bytes> = sink.into_files().into_iter().collect();
        let files = Arc::new(SiteFiles {
            base_path: built.site.base.path.clone(),
            files,
        });
        State {
            sources: sources(&built),
            built,
            files,
        }
    }

    fn update(&self, changed: Vec<String>, rendered: usize, how: &'static str) -> Update {
        Update {
            files: self.files.clone(),
            changed,
            rendered,
            how,
            warnings: self.built.warnings.clone(),
            pending: false,
        }
    }

    /// The jobs that read one of `keys`: rendered now, or left pending when they
    /// may wait.
    fn readers(&mut self, keys: &[Key]) -> Vec<Job> {
        let built = &mut self.built;
        let site = &built.site;
        let mut now = Vec::new();
        for job in &built.jobs {
            let file = Job::file(&job.path(site));
            let reads = built.records.files.get(&file).map(|r| &r.reads[..]);
            if !reads.is_some_and(|reads| reads.iter().any(|k| keys.contains(k))) {
                continue;
            }
            if job.is_deferrable() {
                if !built.pending.contains(job) {
                    built.pending.push(*job);
                }
            } else {
                now.push(*job);
            }
        }
        now
    }

    /// Renders `which` and puts their files in place of those they wrote last (a
    /// static file of the same path wins over a page, as in `build`). The files
    /// change only on success.
    fn render(&mut self, which: &[Job], lang: Lang) -> Result<Update, Failure> {
        let built = &mut self.built;
        let sink = MemorySink::default();
        let Rendering { problems, records } = built.renderer.render_jobs(
            &built.site,
            &built.bodies,
            &built.images,
            &built.attachments,
            &built.jobs,
            which,
            &sink,
        );
        if has_errors(&problems) {
            return Err(Failure {
                diagnostics: problems,
                lang,
            });
        }
        let written: HashMap<String, Bytes> = sink.into_files().into_iter().collect();
        let mut files = (*self.files).clone();
        let mut changed = Vec::new();
        let statics = &built.records.statics;
        for (file, record) in records {
            // Files the job wrote last and writes no more (search index shards).
            let old = built.records.files.get(&file);
            for gone in old.into_iter().flat_map(|r| r.files.iter()) {
                if !written.contains_key(gone) && !statics.contains(gone) {
                    files.files.remove(gone);
                    changed.push(gone.clone());
                }
            }
            built.records.files.insert(file, record);
        }
        for (file, bytes) in written {
            if !statics.contains(&file) && files.files.get(&file) != Some(&bytes) {
                changed.push(file.clone());
                files.files.insert(file, bytes);
            }
        }
        self.files = Arc::new(files);
        Ok(Update {
            files: self.files.clone(),
            changed,
            rendered: which.len(),
            how: "",
            warnings: problems,
            pending: false,
        })
    }

    fn source(&self, owner: Owner) -> Option<&Source> {
        let site = &self.built.site;
        match owner {
            Owner::Home => site.home.source.as_ref(),
            Owner::Section(s) => Some(&site.sections[s].source),
            Owner::Page(r) => Some(&site.page(r).source),
        }
    }

    /// Puts a new source and its rendered body in place; returns the keys whose
    /// value changed.
    fn replace(&mut self, owner: Owner, source: Source, body: Rendered) -> Vec<Key> {
        let built = &mut self.built;
        let (site, bodies) = (&mut built.site, &mut built.bodies);
        let values = &mut built.records.values;
        match owner {
            Owner::Home => {
                site.home.source = Some(source);
                let key = Key::section_body(site, None);
                bodies.home = body;
                values.set(key, reads::body_value(&bodies.home))
            }
            Owner::Section(s) => {
                site.sections[s].source = source;
                let key = Key::section_body(site, Some(s));
                bodies.sections[s] = body;
                values.set(key, reads::body_value(&bodies.sections[s]))
            }
            Owner::Page(r) => {
                site.page_mut(r).source = source;
                *bodies.get_mut(r) = body;
                let mut changed = values.set(Key::body(site, r), reads::body_value(bodies.get(r)));
                // The summary may come from the body.
                let page = reads::page_value(site, bodies, &built.images, &built.attachments, r);
                changed.extend(values.set(Key::page(site, r), page));
                changed
            }
        }
    }
}

/// Which source file holds what.
fn sources(built: &Built) -> HashMap<PathBuf, Owner> {
    let site = &built.site;
    let mut map: HashMap<PathBuf, Owner> = site
        .all_pages()
        .map(|r| (site.page(r).source.rel.clone(), Owner::Page(r)))
        .collect();
    for (i, s) in site.sections.iter().enumerate() {
        map.insert(s.source.rel.clone(), Owner::Section(i));
    }
    if let Some(home) = &site.home.source {
        map.insert(home.rel.clone(), Owner::Home);
    }
    map
}

/// Files that differ between two builds.
fn diff(old: &SiteFiles, new: &SiteFiles) -> Vec<String> {
    let same = |a: &Bytes, b: &Bytes| a.as_ptr() == b.as_ptr() && a.len() == b.len() || a == b;
    let mut changed: Vec<String> = new
        .files
        .iter()
        .filter(|(k, v)| !old.files.get(*k).is_some_and(|o| same(o, v)))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(
        old.files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .cloned(),
    );
    if old.base_path != new.base_path && changed.is_empty() {
        changed.push(String::new());
    }
    changed
}

#[cfg(test)]
#[path = "incremental_tests.rs"]
mod tests;
