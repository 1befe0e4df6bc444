//! `tonvinh check`, and the checks of a build with errors: the stages after Markdown
//! that need nothing written (images readable, attachments cleanable, every link
//! against the files the build would write).

use std::path::Path;

use super::timer::Timer;
use super::{BuildOptions, load_config, load_site, site_static_paths};
use crate::attachments;
use crate::diagnostics::Diagnostic;
use crate::images::{self, Images};
use crate::links;
use crate::markdown::Bodies;
use crate::model::{self, Site};
use crate::output::Discard;
use crate::render::{self, Job, Renderer};
use crate::vietnamese::Lang;

/// What `check` found: every problem, and the links to other sites (for
/// `check --external`).
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    pub external: Vec<links::external::Link>,
    pub lang: Lang,
}

/// Checks everything a build would, images included (decodable, not too large),
/// and writes nothing.
pub fn check(options: &BuildOptions) -> Checked {
    let config = match load_config(options) {
        Ok(config) => config,
        Err(problems) => {
            return Checked {
                problems,
                external: Vec::new(),
                lang: Lang::Vi,
            };
        }
    };
    let lang = config.language;
    let root = &options.root;
    let ((site, bodies, mut problems), renderer) = rayon::join(
        || load_site(options, config.clone(), &mut Timer::new(false)),
        || Renderer::new(root, &config),
    );
    let renderer = match renderer {
        Ok(renderer) => Some(renderer),
        Err(d) => {
            problems.extend(d);
            None
        }
    };
    let (later, external) = check_later_stages(root, &site, &bodies, renderer.as_ref(), lang);
    problems.extend(later);
    Checked {
        problems,
        external,
        lang,
    }
}

/// The checks of the stages after Markdown that need nothing written: every image
/// readable and not too large, every link. `renderer` (the theme) tells the static
/// files and the ids templates write; without it links are not checked. Returns the
/// problems and the external links.
pub(super) fn check_later_stages(
    root: &Path,
    site: &Site,
    bodies: &Bodies,
    renderer: Option<&Renderer>,
    lang: Lang,
) -> (Vec<Diagnostic>, Vec<links::external::Link>) {
    let (requests, mut problems) = images::collect(root, site, bodies);
    let settings = images::Settings::from(&site.config.images);
    problems.extend(images::verify(root, &requests, &settings, lang));
    let (attachments, found) = attachments::publish(root, site, bodies, &Discard, lang);
    problems.extend(found);
    let Some(renderer) = renderer else {
        return (problems, Vec::new());
    };
    let mut files = published_files(root, site, &render::jobs(site), None, renderer);
    files.extend(attachments.outputs);
    let targets = links::Targets {
        files: &files,
        template_ids: renderer.template_ids(),
    };
    let (link_problems, external) = links::check(site, bodies, targets);
    problems.extend(link_problems);
    (problems, external)
}

/// What links may point at: the files the build writes (its pages, the images when
/// processed, the static files).
pub(super) fn published_files(
    root: &Path,
    site: &Site,
    jobs: &[Job],
    images: Option<&Images>,
    renderer: &Renderer,
) -> hashbrown::HashSet<String> {
    let mut files: hashbrown::HashSet<String> =
        jobs.iter().map(|j| Job::file(&j.path(site))).collect();
    files.extend(images.into_iter().flat_map(Images::outputs));
    for r in site.all_pages() {
        let page = site.page(r);
        for video in &page.video {
            if let model::VideoSource::File { name, .. } = &video.source {
                files.insert(format!("{}{name}", page.path));
            }
        }
    }
    files.extend(renderer.static_paths());
    files.extend(site_static_paths(root));
    files
}
