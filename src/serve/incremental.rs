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

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;

use super::classify::ChangeKind;
use super::memory::{MemorySink, SiteFiles};
use super::state::{Owner, State, diff};
use crate::content::{self, Source, frontmatter};
use crate::diagnostics::{Diagnostic, has_errors};
use crate::pipeline::{self, BuildOptions, Failure, Mode};
use crate::render::{Job, Renderer};
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
            None => state.files.files.keys().map(|k| k.to_string()).collect(),
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
            files.files.remove(gone.as_str());
            changed.push(gone.clone());
        }
        for (file, bytes) in &statics {
            if files.files.get(file.as_str()) != Some(bytes) {
                files.files.insert(Arc::from(file.as_str()), bytes.clone());
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

#[cfg(test)]
#[path = "incremental_tests.rs"]
mod tests;
