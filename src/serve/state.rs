//! serve, step 2b: the last good build and its files, and what changes them: bodies
//! rendered again, the files that read them rendered and put in place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;

use super::incremental::Update;
use super::memory::{MemorySink, SiteFiles};
use super::readers::Readers;
use crate::content::Source;
use crate::diagnostics::{Diagnostic, has_errors};
use crate::links;
use crate::markdown::{self, Rendered};
use crate::model::PageRef;
use crate::pipeline::{Built, Failure};
use crate::render::reads::{self, Key};
use crate::render::{Job, Rendering};
use crate::vietnamese::Lang;

/// The last good build and its files.
pub(super) struct State {
    pub(super) built: Built,
    pub(super) files: Arc<SiteFiles>,
    /// Source file (relative to the root) → what it holds.
    pub(super) sources: HashMap<PathBuf, Owner>,
    /// Which jobs read each key.
    readers: Readers,
}

/// What a content file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    Home,
    Section(usize),
    Page(PageRef),
}

/// Edited sources with their new bodies.
pub(super) type Edits = Vec<(Owner, Source, Rendered)>;

impl State {
    /// The edited sources' bodies and their problems; `None` when one shows an image
    /// the site has not processed yet.
    pub(super) fn render_bodies(
        &self,
        edits: Vec<(Owner, Source)>,
    ) -> Option<(Edits, Vec<Diagnostic>)> {
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
                let targets = links::Targets {
                    files: &self.files.files,
                    template_ids: built.renderer.template_ids(),
                };
                let site = &built.site;
                let found = links::check_one(site, &built.bodies, targets, &source, path, &body);
                problems.extend(found);
            }
            rendered.push((owner, source, body));
        }
        Some((rendered, problems))
    }

    /// Whether a page's new body links to a document of its bundle that the last
    /// build did not publish (the whole pipeline publishes it).
    pub(super) fn links_new_document(&self, owner: Owner, body: &Rendered) -> bool {
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
            document && !self.files.files.contains_key(path.as_str())
        })
    }

    /// The state of a build that wrote its files into `sink`.
    pub(super) fn new(built: Built, sink: MemorySink) -> State {
        // In the order written: pages, then static files over them.
        let files = sink
            .into_files()
            .into_iter()
            .map(|(file, bytes)| (Arc::from(file), bytes))
            .collect();
        let files = Arc::new(SiteFiles {
            base_path: built.site.base.path.clone(),
            files,
        });
        State {
            sources: sources(&built),
            readers: Readers::new(&built),
            built,
            files,
        }
    }

    pub(super) fn update(
        &self,
        changed: Vec<String>,
        rendered: usize,
        how: &'static str,
    ) -> Update {
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
    pub(super) fn readers(&mut self, keys: &[Key]) -> Vec<Job> {
        let built = &mut self.built;
        let mut now = Vec::new();
        for i in self.readers.of(keys) {
            let job = built.jobs[i as usize];
            if job.is_deferrable() {
                if !built.pending.contains(&job) {
                    built.pending.push(job);
                }
            } else {
                now.push(job);
            }
        }
        now
    }

    /// Renders `which` and puts their files in place of those they wrote last (a
    /// static file of the same path wins over a page, as in `build`). The files
    /// change only on success.
    pub(super) fn render(&mut self, which: &[Job], lang: Lang) -> Result<Update, Failure> {
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
        for (job, file, record) in records {
            // Files the job wrote last and writes no more (search index shards).
            let old = built.records.files.get(&file);
            for gone in old.into_iter().flat_map(|r| r.files.iter()) {
                if !written.contains_key(gone) && !statics.contains(gone) {
                    files.files.remove(gone.as_str());
                    changed.push(gone.clone());
                }
            }
            self.readers.rendered(job, &record);
            built.records.files.insert(file, record);
        }
        for (file, bytes) in written {
            if !statics.contains(&file) && files.files.get(file.as_str()) != Some(&bytes) {
                files.files.insert(Arc::from(file.as_str()), bytes);
                changed.push(file);
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

    pub(super) fn source(&self, owner: Owner) -> Option<&Source> {
        let site = &self.built.site;
        match owner {
            Owner::Home => site.home.source.as_ref(),
            Owner::Section(s) => Some(&site.sections[s].source),
            Owner::Page(r) => Some(&site.page(r).source),
        }
    }

    /// Puts a new source and its rendered body in place; returns the keys whose
    /// value changed.
    pub(super) fn replace(&mut self, owner: Owner, source: Source, body: Rendered) -> Vec<Key> {
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
pub(super) fn diff(old: &SiteFiles, new: &SiteFiles) -> Vec<String> {
    let same = |a: &Bytes, b: &Bytes| a.as_ptr() == b.as_ptr() && a.len() == b.len() || a == b;
    let mut changed: Vec<String> = new
        .files
        .iter()
        .filter(|(k, v)| !old.files.get(*k).is_some_and(|o| same(o, v)))
        .map(|(k, _)| k.to_string())
        .collect();
    changed.extend(
        old.files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .map(|k| k.to_string()),
    );
    if old.base_path != new.base_path && changed.is_empty() {
        changed.push(String::new());
    }
    changed
}
