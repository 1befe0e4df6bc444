//! serve, step 2: rebuilding after a change. The last good build is kept as a value
//! ([`State`]: model, rendered bodies, templates, the files served) and a change is
//! turned into the least work that gives the same files as a full build:
//! - a body edited (page, home or section text) with its front matter untouched:
//!   that body is rendered and put in place; its own page and the feeds that print
//!   it are rendered again, plus the pages showing its card when its summary comes
//!   from the body;
//! - any other content change: content is read and resolved again, then only the
//!   pages that show a changed page, or whose list of shown pages changed, are
//!   rendered, with the pages that summarise the site;
//! - static files are copied again; site.toml or a template rebuilds everything.
//!
//! Data files built from the whole site and shown by no page (the search index,
//! about a second at 10,000 profiles) are not rebuilt with the pages: they are left
//! pending, and [`Rebuilder::finish_pending`] brings them up to date when the
//! watcher has nothing else to do.
//!
//! A failed rebuild leaves the last good state, and so the files served, untouched.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;

use super::changes::{Changed, layout_changed};
use super::classify::ChangeKind;
use super::deps::{self, Dep};
use super::memory::{MemorySink, SiteFiles};
use crate::content::{self, Source, frontmatter};
use crate::diagnostics::{Diagnostic, has_errors};
use crate::images::Images;
use crate::markdown::Rendered;
use crate::model::{PageRef, Site};
use crate::pipeline::{self, BuildOptions, Failure};
use crate::render::{self, Bodies, Job, Renderer};
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

/// The last good build.
struct State {
    site: Site,
    bodies: Bodies,
    renderer: Arc<Renderer>,
    jobs: Vec<Job>,
    /// Output file of each job → a hash of what it shows ([`deps::fingerprint`]).
    fingerprints: HashMap<String, u64>,
    /// Static files: the theme's, with the site's `static/` over them.
    statics: BTreeMap<String, Bytes>,
    /// The site's processed images and their files (from the image cache).
    images: Images,
    image_files: BTreeMap<String, Bytes>,
    files: Arc<SiteFiles>,
    /// Source file (relative to the root) → what it holds.
    sources: HashMap<PathBuf, Owner>,
    /// Deferred jobs ([`deps::is_deferred`]) to render before the files are complete.
    pending: Vec<Job>,
    /// Deferred job's file → every file it wrote last (the search index is many).
    outputs: HashMap<String, BTreeSet<String>>,
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
        self.state.as_ref().is_some_and(|s| !s.pending.is_empty())
    }

    /// Brings the deferred files (the search index) up to date.
    pub fn finish_pending(&mut self) -> Outcome {
        let lang = self.lang;
        let Some(state) = self.state.as_mut().filter(|s| !s.pending.is_empty()) else {
            return Outcome::Unchanged;
        };
        match state.render_pending(lang) {
            Ok(update) if update.changed.is_empty() => Outcome::Unchanged,
            Ok(update) => Outcome::Built(update),
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
            self.theme.clone_from(&state.site.config.theme);
            self.lang = state.site.config.language;
        }
        let pending = self.has_pending();
        match result.map(|update| Update { pending, ..update }) {
            Ok(update) if update.changed.is_empty() => Outcome::Unchanged,
            Ok(update) => Outcome::Built(update),
            Err(failure) => Outcome::Failed(failure),
        }
    }

    fn full(&mut self) -> Result<Update, Failure> {
        let (state, warnings) = State::build(&self.options)?;
        let changed = match &self.state {
            Some(old) => diff(&old.files, &state.files),
            None => state.files.files.keys().cloned().collect(),
        };
        let update = Update {
            files: state.files.clone(),
            changed,
            rendered: state.jobs.len(),
            how: "full",
            warnings,
            pending: false,
        };
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
        let mut update = Update {
            files: Arc::default(),
            changed: Vec::new(),
            rendered: 0,
            how: "static",
            warnings: Vec::new(),
            pending: false,
        };
        if !content.is_empty() {
            update = self.content(&content)?;
        }
        if !statics.is_empty() {
            let theme = statics.iter().any(|p| p.starts_with("themes"));
            let more = self.statics(theme)?;
            update.changed.extend(more.changed);
            update.rendered += more.rendered;
            update.warnings.extend(more.warnings);
        }
        update.files = self.state().files.clone();
        Ok(update)
    }

    fn state(&self) -> &State {
        self.state.as_ref().expect("built")
    }

    fn content(&mut self, paths: &[&Path]) -> Result<Update, Failure> {
        if !self.stale
            && let Some(edits) = self.body_edits(paths)
        {
            return self.apply_body_edits(edits);
        }
        self.reload_content(paths)
    }

    /// The new sources when every path is a known file whose front matter did not
    /// change; `None` when something else changed.
    fn body_edits(&self, paths: &[&Path]) -> Option<Vec<(Owner, Source)>> {
        let state = self.state();
        let mut edits = Vec::new();
        for rel in paths {
            let owner = *state.sources.get(*rel)?;
            let old = state.source(owner)?;
            let text = content::read_text(&self.options.root.join(rel), rel, self.lang()).ok()?;
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

    fn apply_body_edits(&mut self, edits: Vec<(Owner, Source)>) -> Result<Update, Failure> {
        let lang = self.lang();
        let state = self.state.as_mut().expect("built");
        let options = pipeline::markdown_options(&state.site);
        let mut problems = Vec::new();
        let mut rendered = Vec::new();
        for (owner, source) in edits {
            let (body, body_problems) =
                pipeline::render_source(&state.site, &options, &source, Some(&state.images), false);
            // An image the site has not processed yet: the full path handles it.
            let folder = source.rel.parent().unwrap_or(Path::new("")).to_path_buf();
            let new_image = body.images.iter().any(|i| {
                crate::images::is_local(&i.src) && state.images.get(&folder.join(&i.src)).is_none()
            });
            if new_image {
                // Its file's text changed: the page counts as changed without `paths`.
                return self.reload_content(&[]);
            }
            problems.extend(body_problems);
            rendered.push((owner, source, body));
        }
        if has_errors(&problems) {
            return Err(Failure {
                diagnostics: problems,
                lang,
            });
        }
        let mut which = Vec::new();
        let mut bodies_of = Vec::new();
        let mut cards_of = Vec::new();
        for (owner, source, body) in rendered {
            match owner {
                Owner::Home => which.push(Job::Home),
                Owner::Section(s) => which.push(Job::SectionList(s, 1)),
                Owner::Page(r) => {
                    which.push(Job::Page(r));
                    bodies_of.push(r);
                    // Cards show the summary, which is the body's first paragraph
                    // when the front matter gives none.
                    if state.site.page(r).summary.is_empty()
                        && state.bodies.get(r).excerpt != body.excerpt
                    {
                        cards_of.push(r);
                    }
                }
            }
            state.replace(owner, source, body);
        }
        let mut shown = Vec::new();
        for job in &state.jobs {
            if !deps::shows_bodies(*job) && cards_of.is_empty() {
                continue;
            }
            shown.clear();
            deps::deps(&state.site, *job, &mut shown);
            let shows = |r: &PageRef| shown.contains(&Dep::Page(*r));
            let by_body = deps::shows_bodies(*job) && bodies_of.iter().any(shows);
            if (by_body || cards_of.iter().any(shows)) && !which.contains(job) {
                which.push(*job);
            }
        }
        match state.render(&which, &[], lang) {
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

    /// Reads and resolves the content again; renders what the change can show.
    /// `paths` are the files saved (a photo in a bundle changes its page).
    fn reload_content(&mut self, paths: &[&Path]) -> Result<Update, Failure> {
        let (loaded, problems, lang) = pipeline::load(&self.options);
        let Some((site, mut bodies)) = loaded else {
            return Err(Failure {
                diagnostics: problems,
                lang,
            });
        };
        let (images, image_files) = images_in_memory(&self.options.root, &site, &mut bodies, lang)?;
        let old = self.state.as_mut().expect("built");
        let jobs = render::jobs(&site);
        // A photo added, changed or removed changes the pages that show it.
        let everything =
            layout_changed(&old.site, &site) || image_files.keys().ne(old.image_files.keys());
        let changed = Changed::between(&old.site, &site, paths);
        // One pass over the jobs: what each shows, and whether that changed.
        let looked: Vec<(String, u64, bool)> = jobs
            .par_iter()
            .map_init(Vec::new, |shown, job| {
                shown.clear();
                deps::deps(&site, *job, shown);
                let file = Job::file(&job.path(&site));
                let fingerprint = deps::fingerprint(&site, shown);
                let dirty = everything
                    || deps::is_summary(*job)
                    || changed.section_bodies.contains(job)
                    || old.fingerprints.get(&file) != Some(&fingerprint)
                    || shown.iter().any(|d| changed.contains(&site, *d));
                (file, fingerprint, dirty)
            })
            .collect();
        let which: Vec<Job> = jobs
            .iter()
            .zip(&looked)
            .filter(|(_, (_, _, dirty))| *dirty)
            .map(|(job, _)| *job)
            .collect();
        let fingerprints: HashMap<String, u64> =
            looked.into_iter().map(|(f, p, _)| (f, p)).collect();
        let new_files: HashSet<&String> = fingerprints.keys().collect();
        let removed: Vec<String> = old
            .fingerprints
            .keys()
            .filter(|f| !new_files.contains(f))
            .cloned()
            .collect();
        let mut state = State {
            sources: sources(&site),
            site,
            bodies,
            renderer: old.renderer.clone(),
            jobs,
            fingerprints,
            statics: old.statics.clone(),
            images,
            image_files,
            files: old.files.clone(),
            pending: old.pending.clone(),
            outputs: old.outputs.clone(),
        };
        state.swap_image_files(&old.image_files);
        let mut update = state.render(&which, &removed, lang)?;
        update.how = "content";
        update.warnings = problems;
        *old = state;
        Ok(update)
    }

    /// Copies the static files again (reloading the theme when its files changed).
    fn statics(&mut self, theme: bool) -> Result<Update, Failure> {
        let root = self.options.root.clone();
        let lang = self.lang();
        let state = self.state.as_mut().expect("built");
        let renderer = if theme {
            Arc::new(
                Renderer::new(&root, &state.site.config).map_err(|d| Failure {
                    diagnostics: d,
                    lang,
                })?,
            )
        } else {
            state.renderer.clone()
        };
        let statics = statics(&renderer, &root, lang)?;
        // A page hidden by a static file of the same path shows again.
        let uncovered: Vec<Job> = state
            .jobs
            .iter()
            .filter(|j| {
                let file = Job::file(&j.path(&state.site));
                state.statics.contains_key(&file) && !statics.contains_key(&file)
            })
            .copied()
            .collect();
        let mut files = (*state.files).clone();
        let mut changed = Vec::new();
        for gone in state.statics.keys().filter(|k| !statics.contains_key(*k)) {
            files.files.remove(gone);
            changed.push(gone.clone());
        }
        for (file, bytes) in &statics {
            if files.files.get(file) != Some(bytes) {
                files.files.insert(file.clone(), bytes.clone());
                changed.push(file.clone());
            }
        }
        state.renderer = renderer;
        state.statics = statics;
        state.files = Arc::new(files);
        match state.render(&uncovered, &[], lang) {
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

impl State {
    /// Builds everything, in memory.
    fn build(options: &BuildOptions) -> Result<(State, Vec<Diagnostic>), Failure> {
        let (loaded, mut problems, lang) = pipeline::load(options);
        let fail = |diagnostics| Failure { diagnostics, lang };
        let Some((site, mut bodies)) = loaded else {
            return Err(fail(problems));
        };
        let (images, image_files) = images_in_memory(&options.root, &site, &mut bodies, lang)?;
        let renderer = match Renderer::new(&options.root, &site.config) {
            Ok(r) => Arc::new(r),
            Err(d) => {
                problems.extend(d);
                return Err(fail(problems));
            }
        };
        let statics = statics(&renderer, &options.root, lang)?;
        let jobs = render::jobs(&site);
        let sink = MemorySink::default();
        let (deferred, now): (Vec<Job>, Vec<Job>) =
            jobs.iter().partition(|j| deps::is_deferred(**j));
        problems.extend(renderer.render_jobs(&site, &bodies, &images, &jobs, &now, &sink));
        let mut outputs = HashMap::new();
        let mut written = sink.into_files();
        for job in deferred {
            let sink = MemorySink::default();
            problems.extend(renderer.render_jobs(&site, &bodies, &images, &jobs, &[job], &sink));
            let files = sink.into_files();
            outputs.insert(
                Job::file(&job.path(&site)),
                files.iter().map(|(f, _)| f.clone()).collect(),
            );
            written.extend(files);
        }
        if has_errors(&problems) {
            return Err(fail(problems));
        }
        // As `build` writes them: pages, then static files over them.
        let mut files: HashMap<String, Bytes> = written.into_iter().collect();
        files.extend(image_files.iter().map(|(k, v)| (k.clone(), v.clone())));
        files.extend(statics.iter().map(|(k, v)| (k.clone(), v.clone())));
        let files = Arc::new(SiteFiles {
            base_path: site.base.path.clone(),
            files,
        });
        let state = State {
            fingerprints: fingerprints(&site, &jobs),
            sources: sources(&site),
            site,
            bodies,
            renderer,
            jobs,
            statics,
            images,
            image_files,
            files,
            pending: Vec::new(),
            outputs,
        };
        Ok((state, problems))
    }

    /// Renders `which` and removes `removed` from the files (a static file of the
    /// same path wins over a page, as in `build`). Deferred jobs are left pending.
    /// The files change only on success.
    fn render(&mut self, which: &[Job], removed: &[String], lang: Lang) -> Result<Update, Failure> {
        let (later, now): (Vec<Job>, Vec<Job>) = which.iter().partition(|j| deps::is_deferred(**j));
        for job in later {
            if !self.pending.contains(&job) {
                self.pending.push(job);
            }
        }
        let sink = MemorySink::default();
        let problems = self.renderer.render_jobs(
            &self.site,
            &self.bodies,
            &self.images,
            &self.jobs,
            &now,
            &sink,
        );
        if has_errors(&problems) {
            return Err(Failure {
                diagnostics: problems,
                lang,
            });
        }
        let mut files = (*self.files).clone();
        files.base_path.clone_from(&self.site.base.path);
        let mut changed = Vec::new();
        for file in removed {
            if !self.statics.contains_key(file) && files.files.remove(file).is_some() {
                changed.push(file.clone());
            }
        }
        for (file, bytes) in sink.into_files() {
            if self.statics.contains_key(&file) {
                continue;
            }
            if files.files.get(&file) != Some(&bytes) {
                changed.push(file.clone());
                files.files.insert(file, bytes);
            }
        }
        self.files = Arc::new(files);
        Ok(Update {
            files: self.files.clone(),
            changed,
            rendered: now.len(),
            how: "",
            warnings: problems,
            pending: false,
        })
    }

    /// Renders the pending deferred jobs, each replacing every file it wrote before.
    fn render_pending(&mut self, lang: Lang) -> Result<Update, Failure> {
        let mut files = (*self.files).clone();
        let mut changed = Vec::new();
        let mut problems = Vec::new();
        let pending = std::mem::take(&mut self.pending);
        for job in &pending {
            let sink = MemorySink::default();
            problems.extend(self.renderer.render_jobs(
                &self.site,
                &self.bodies,
                &self.images,
                &self.jobs,
                &[*job],
                &sink,
            ));
            if has_errors(&problems) {
                return Err(Failure {
                    diagnostics: problems,
                    lang,
                });
            }
            let written = sink.into_files();
            let now: BTreeSet<String> = written.iter().map(|(f, _)| f.clone()).collect();
            let key = Job::file(&job.path(&self.site));
            for gone in self.outputs.get(&key).into_iter().flatten() {
                if !now.contains(gone) && !self.statics.contains_key(gone) {
                    files.files.remove(gone);
                    changed.push(gone.clone());
                }
            }
            for (file, bytes) in written {
                if !self.statics.contains_key(&file) && files.files.get(&file) != Some(&bytes) {
                    changed.push(file.clone());
                    files.files.insert(file, bytes);
                }
            }
            self.outputs.insert(key, now);
        }
        if !changed.is_empty() {
            self.files = Arc::new(files);
        }
        Ok(Update {
            files: self.files.clone(),
            changed,
            rendered: pending.len(),
            how: "deferred",
            warnings: problems,
            pending: false,
        })
    }

    /// Puts this state's image files in place of `old`'s in the served files.
    fn swap_image_files(&mut self, old: &BTreeMap<String, Bytes>) {
        if old == &self.image_files {
            return;
        }
        let mut files = (*self.files).clone();
        for gone in old.keys().filter(|k| !self.image_files.contains_key(*k)) {
            files.files.remove(gone);
        }
        files
            .files
            .extend(self.image_files.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.files = Arc::new(files);
    }

    fn source(&self, owner: Owner) -> Option<&Source> {
        match owner {
            Owner::Home => self.site.home.source.as_ref(),
            Owner::Section(s) => Some(&self.site.sections[s].source),
            Owner::Page(r) => Some(&self.site.page(r).source),
        }
    }

    /// Puts a new source and its rendered body in place.
    fn replace(&mut self, owner: Owner, source: Source, body: Rendered) {
        let (site, bodies) = (&mut self.site, &mut self.bodies);
        match owner {
            Owner::Home => {
                site.home.source = Some(source);
                bodies.home = body;
            }
            Owner::Section(s) => {
                site.sections[s].source = source;
                bodies.sections[s] = body;
            }
            Owner::Page(r) => {
                let (page, slot) = match r {
                    PageRef::Profile(i) => (&mut site.profiles[i].page, &mut bodies.profiles[i]),
                    PageRef::Unit(i) => (&mut site.units[i].page, &mut bodies.units[i]),
                    PageRef::Campaign(i) => (&mut site.campaigns[i].page, &mut bodies.campaigns[i]),
                    PageRef::Decision(i) => (&mut site.decisions[i].page, &mut bodies.decisions[i]),
                    PageRef::Model(i) => (&mut site.models[i].page, &mut bodies.models[i]),
                    PageRef::News(i) => (&mut site.news[i].page, &mut bodies.news[i]),
                };
                page.source = source;
                *slot = body;
            }
        }
    }
}

/// The theme's static files with the site's `static/` over them.
fn statics(
    renderer: &Renderer,
    root: &Path,
    lang: Lang,
) -> Result<BTreeMap<String, Bytes>, Failure> {
    let mut files: BTreeMap<String, Bytes> = renderer
        .static_files()
        .into_iter()
        .map(|(rel, bytes)| (rel.to_string(), Bytes::copy_from_slice(&bytes)))
        .collect();
    let sink = MemorySink::default();
    pipeline::copy_site_static(root, &sink, lang)
        .map_err(|diagnostics| Failure { diagnostics, lang })?;
    files.extend(sink.into_files());
    Ok(files)
}

fn fingerprints(site: &Site, jobs: &[Job]) -> HashMap<String, u64> {
    jobs.par_iter()
        .map_init(Vec::new, |shown, job| {
            shown.clear();
            deps::deps(site, *job, shown);
            (Job::file(&job.path(site)), deps::fingerprint(site, shown))
        })
        .collect()
}

fn sources(site: &Site) -> HashMap<PathBuf, Owner> {
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
    let mut changed: Vec<String> = new
        .files
        .iter()
        .filter(|(k, v)| old.files.get(*k) != Some(*v))
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

/// Processes the site's images (from the cache when unchanged) into memory.
fn images_in_memory(
    root: &Path,
    site: &Site,
    bodies: &mut Bodies,
    lang: Lang,
) -> Result<(Images, BTreeMap<String, Bytes>), Failure> {
    let sink = MemorySink::default();
    let images = pipeline::prepare_images(root, site, bodies, &sink, lang)
        .map_err(|diagnostics| Failure { diagnostics, lang })?;
    Ok((images, sink.into_files().into_iter().collect()))
}
