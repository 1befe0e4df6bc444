//! Stage 5: the documents of page bundles published beside their pages: those the
//! front matter lists (`attachments = [...]`) and those the body links to
//! (`[Tải quyết định](quyet-dinh.pdf)`). Never a file nothing names. Each is cleaned
//! of the metadata that names people ([`super::clean`], through the cache) and
//! written at `<page path><name>`; a problem is placed where the file is named.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::Cache;
use super::{Kind, Limits};
use crate::diagnostics::{Diagnostic, SourceText};
use crate::markdown::Bodies;
use crate::model::{PageRef, Site};
use crate::output::Sink;
use crate::vietnamese::Lang;

/// A document published beside a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Published {
    /// Where it is written, below the output folder (`khen-thuong/qd-1/quyet-dinh.pdf`).
    pub path: String,
    /// Its file name.
    pub name: String,
    /// Its title in the page's list; empty for a document only the body links to.
    pub title: String,
    pub kind: Kind,
    /// Bytes, as published (cleaned).
    pub size: u64,
    /// Names the cleaned file in the cache (a hash of the source bytes).
    pub key: String,
}

/// Every document a build publishes.
#[derive(Debug, Default)]
pub struct Attachments {
    /// Per page, what its "Tệp đính kèm" block lists (the front matter's
    /// `attachments`, in order).
    pub listed: HashMap<PageRef, Vec<Published>>,
    /// Every file written, below the output folder.
    pub outputs: Vec<String>,
    /// The cache entries used.
    keys: HashSet<String>,
}

impl Attachments {
    /// The documents a page lists.
    pub fn of(&self, r: PageRef) -> &[Published] {
        self.listed.get(&r).map_or(&[], Vec::as_slice)
    }
}

/// A document published, with its warnings; or why it was not.
type Outcome = Result<(Published, Vec<Diagnostic>), Vec<Diagnostic>>;

/// One document to publish, and where it is named.
struct Request {
    page: PageRef,
    file: PathBuf,
    name: String,
    title: String,
    listed: bool,
    place: Diagnostic,
}

/// Publishes every document the site's pages list or link to into `out`, through
/// the cache of cleaned files. Returns them, and every problem (warnings for
/// comments and tracked changes left in a document).
pub fn publish(
    root: &Path,
    site: &Site,
    bodies: &Bodies,
    out: &dyn Sink,
    lang: Lang,
) -> (Attachments, Vec<Diagnostic>) {
    let limits = Limits::from_mb(site.config.attachments.max_mb);
    let cache = Cache::new(root);
    let requests = requests(root, site, bodies);
    let done: Vec<(Request, Outcome)> = requests
        .into_par_iter()
        .map(|request| {
            let result = publish_one(root, site, &request, &cache, &limits, out, lang);
            (request, result)
        })
        .collect();
    let mut attachments = Attachments::default();
    let mut problems = Vec::new();
    for (request, result) in done {
        match result {
            Ok((published, warnings)) => {
                problems.extend(warnings);
                attachments.keys.insert(published.key.clone());
                attachments.outputs.push(published.path.clone());
                if request.listed {
                    attachments
                        .listed
                        .entry(request.page)
                        .or_default()
                        .push(published);
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    attachments.outputs.sort();
    attachments.outputs.dedup();
    (attachments, problems)
}

/// Drops the cache entries of documents no page publishes any more; only after a
/// build that succeeded.
pub fn prune(root: &Path, attachments: &Attachments) -> std::io::Result<usize> {
    let keys: HashSet<&str> = attachments.keys.iter().map(String::as_str).collect();
    Cache::new(root).prune(&keys)
}

/// Reads, cleans and writes one document.
fn publish_one(
    root: &Path,
    site: &Site,
    request: &Request,
    cache: &Cache,
    limits: &Limits,
    out: &dyn Sink,
    lang: Lang,
) -> Outcome {
    let at = |d: Diagnostic| placed(&request.place, d);
    let bytes = std::fs::read(root.join(&request.file)).map_err(|e| {
        vec![at(Diagnostic::error(
            "attachment-unreadable",
            &request.file,
            format!("{}: {e}", request.file.display()),
        ))]
    })?;
    let (key, cleaned) = cache
        .clean(&request.name, &bytes, limits)
        .map_err(|p| vec![at(p.diagnostic(&request.file, lang))])?;
    let path = format!("{}{}", site.page(request.page).path, request.name);
    out.write(&path, &cleaned.bytes)
        .map_err(|e| vec![crate::output::write_problem(out.location(&path), &e)])?;
    // Comments left in a document warn; the document is still published.
    let warnings: Vec<Diagnostic> = cleaned
        .leftovers
        .iter()
        .map(|l| at(l.diagnostic(&request.file, lang)))
        .collect();
    let published = Published {
        path,
        name: request.name.clone(),
        title: if request.title.is_empty() {
            request.name.clone()
        } else {
            request.title.clone()
        },
        kind: cleaned.kind,
        size: cleaned.bytes.len() as u64,
        key,
    };
    Ok((published, warnings))
}

/// `problem`, placed where `place` is (the file, line, column and code frame of the
/// reference), with its own severity, code, message and hint.
fn placed(place: &Diagnostic, problem: Diagnostic) -> Diagnostic {
    Diagnostic {
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
        help: problem.help,
        ..place.clone()
    }
}

/// The documents to publish: those listed, then those the body links to, each once
/// per page.
fn requests(root: &Path, site: &Site, bodies: &Bodies) -> Vec<Request> {
    let mut requests = Vec::new();
    for r in site.all_pages() {
        let page = site.page(r);
        let Some(bundle) = &page.bundle else { continue };
        let mut seen: HashSet<String> = HashSet::new();
        for a in &page.attachments {
            if seen.insert(a.name.clone()) {
                requests.push(Request {
                    page: r,
                    file: a.file.clone(),
                    name: a.name.clone(),
                    title: a.title.clone(),
                    listed: true,
                    place: a.place.clone(),
                });
            }
        }
        let body = bodies.get(r);
        if body.links.is_empty() {
            continue;
        }
        let text = SourceText::new(&page.source.text);
        for link in &body.links {
            let target = crate::links::resolve(&link.dest, &page.path, &site.index.source_paths);
            let crate::links::Target::Site { path, .. } = target else {
                continue;
            };
            let Some(name) = path.strip_prefix(page.path.as_str()) else {
                continue;
            };
            if name.is_empty() || name.contains('/') || Kind::from_name(name).is_none() {
                continue;
            }
            let file = bundle.join(name);
            if !seen.insert(name.to_string()) || !root.join(&file).is_file() {
                continue;
            }
            let start = link.span.start + page.source.body.start;
            let span = start..link.span.end + page.source.body.start;
            let place = Diagnostic::error("attachment", &page.source.rel, "").at(&text, span);
            requests.push(Request {
                page: r,
                file,
                name: name.to_string(),
                title: String::new(),
                listed: false,
                place,
            });
        }
    }
    requests
}
