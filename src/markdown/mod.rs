//! Stage 3: Markdown bodies. Every page's, section's and home body is turned into HTML
//! (`convert`, one body at a time, pure) and checked; the results are [`Bodies`],
//! which later stages read: images, links, search, render.

mod convert;

use std::path::Path;

use rayon::prelude::*;

pub use convert::{
    Heading, ImageRef, Options, Problem, Rendered, render, render_with_images, sanitize,
};

use crate::content::Source;
use crate::diagnostics::{Diagnostic, Severity, SourceText};
use crate::model::{PageRef, Site};

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

    /// Appends the body of `r`, rendered in the order of [`Site::all_pages`].
    fn push(&mut self, r: PageRef, body: Rendered) {
        match r {
            PageRef::Profile(_) => self.profiles.push(body),
            PageRef::Unit(_) => self.units.push(body),
            PageRef::Campaign(_) => self.campaigns.push(body),
            PageRef::Decision(_) => self.decisions.push(body),
            PageRef::Model(_) => self.models.push(body),
            PageRef::News(_) => self.news.push(body),
        }
    }
}

/// True for an image path that names a file of the site (`anh/lop-hoc.jpg`), not a
/// URL (`https://…`, `/static/…`, `data:…`).
pub fn is_local(src: &str) -> bool {
    !src.is_empty() && !src.starts_with(['/', '#', '?', '\\']) && !src.contains(':')
}

/// Whether a rendered body shows images of the site's own.
pub fn names_local_images(body: &Rendered) -> bool {
    body.images.iter().any(|i| is_local(&i.src))
}

/// The Markdown settings of a site.
pub fn options(site: &Site) -> Options<'_> {
    Options {
        trusted_html: site.config.markdown.trusted_html,
        base_path: &site.base.path,
        source_paths: &site.index.source_paths,
        unreadable: &site.index.unreadable_sources,
        lang: site.config.language,
    }
}

/// The HTML that replaces a Markdown image (a processed, responsive image), if any.
pub type ImageHtml<'a> = dyn Fn(&Path, &ImageRef) -> Option<String> + Sync + 'a;

/// Renders every Markdown body in parallel, a run of pages at a time (the sections'
/// and the home page's beside the first run's pages). With `forget`,
/// a page's source text is freed once its body is rendered (bodies that show images
/// of their own keep it, to be rendered again with them): the texts and the bodies are
/// never all in memory at once.
pub fn render_bodies(site: &mut Site, strict: bool, forget: bool) -> (Bodies, Vec<Diagnostic>) {
    const RUN: usize = 1024;
    let refs: Vec<PageRef> = site.all_pages().collect();
    // Runs of equal length (1,190 pages: two of 595, not 1,024 and 166): each run
    // ends when its slowest page does, and a short last run leaves cores idle.
    let size = refs.len().div_ceil(refs.len().div_ceil(RUN).max(1)).max(1);
    let mut runs: Vec<&[PageRef]> = refs.chunks(size).collect();
    if runs.is_empty() {
        runs.push(&[]);
    }
    let mut problems = Vec::new();
    let mut bodies = Bodies::default();
    let mut home_and_sections = None;
    for (k, run) in runs.into_iter().enumerate() {
        let (rendered, first) = {
            let site = &*site;
            let options = options(site);
            let render = |source: &Source| render_source(&options, source, &|_, _| None, strict);
            rayon::join(
                || {
                    run.par_iter()
                        .map(|r| render(&site.page(*r).source))
                        .collect::<Vec<_>>()
                },
                // The sections' and home page's bodies beside the first run's pages.
                || {
                    (k == 0).then(|| {
                        let sections: Vec<_> = site
                            .sections
                            .par_iter()
                            .map(|s| render(&s.source))
                            .collect();
                        (site.home.source.as_ref().map(render), sections)
                    })
                },
            )
        };
        home_and_sections = home_and_sections.or(first);
        for (r, (body, p)) in run.iter().zip(rendered) {
            problems.extend(p);
            if forget && !names_local_images(&body) {
                site.page_mut(*r).source.forget_text();
            }
            bodies.push(*r, body);
        }
    }
    if let Some((home, sections)) = home_and_sections {
        for (body, p) in sections {
            problems.extend(p);
            bodies.sections.push(body);
        }
        if let Some((body, p)) = home {
            problems.extend(p);
            bodies.home = body;
        }
    }
    (bodies, problems)
}

/// Renders one body and places its problems in its file; `image_html` may replace
/// a Markdown image (given the page's folder) with the build's processed image.
pub fn render_source(
    options: &Options,
    source: &Source,
    image_html: &ImageHtml,
    strict: bool,
) -> (Rendered, Vec<Diagnostic>) {
    let folder = source.rel.parent().unwrap_or(Path::new(""));
    let rendered = render_with_images(source.body(), options, &|image| image_html(folder, image));
    let problems = body_diagnostics(source, &rendered, strict);
    (rendered, problems)
}

/// The problems of a rendered body, placed in its file. `strict` (`check`): an image
/// without alt text is an error, not a warning.
pub fn body_diagnostics(source: &Source, rendered: &Rendered, strict: bool) -> Vec<Diagnostic> {
    if rendered.problems.is_empty() {
        return Vec::new();
    }
    let text = SourceText::new(&source.text);
    rendered
        .problems
        .iter()
        .map(|p| {
            let span = p.span.start + source.body.start..p.span.end + source.body.start;
            let d = Diagnostic::error(p.code, &source.rel, p.message.clone())
                .with_help(p.help.clone())
                .at(&text, span);
            // An image without alt text warns in a build and fails a check.
            let severity = if strict && p.code == "image-alt" {
                Severity::Error
            } else {
                p.severity
            };
            Diagnostic { severity, ..d }
        })
        .collect()
}
