//! The processed images put into the bodies that show them: a body naming an image
//! of the site's own is rendered again, with the responsive `<picture>`/`<img>` in
//! place of the Markdown image.

use std::path::Path;

use super::{Images, Settings, html};
use crate::diagnostics::{Diagnostic, has_errors};
use crate::markdown::{self, Bodies, ImageRef, names_local_images};
use crate::model::Site;
use crate::output::Sink;
use crate::vietnamese::Lang;

/// Processes every image of the site (from the cache when unchanged), writes them
/// to `out`, and puts the processed images into the bodies that show them.
pub fn prepare(
    root: &Path,
    site: &Site,
    bodies: &mut Bodies,
    out: &dyn Sink,
    lang: Lang,
) -> Result<Images, Vec<Diagnostic>> {
    let (requests, mut problems) = super::collect(root, site, bodies);
    if has_errors(&problems) {
        return Err(problems);
    }
    let settings = Settings::from(&site.config.images);
    let (images, image_problems) = super::process(root, &requests, &settings, out, lang);
    problems.extend(image_problems);
    problems.extend(super::video::publish(root, site, out, lang).1);
    if has_errors(&problems) {
        return Err(problems);
    }
    place(site, bodies, &images);
    Ok(images)
}

/// Renders again the bodies that name images, with the build's processed images.
pub fn place(site: &Site, bodies: &mut Bodies, images: &Images) {
    let options = markdown::options(site);
    let image_html = body_image(site, images);
    let again = |source| markdown::render_source(&options, source, &image_html, false).0;
    for r in site.all_pages() {
        if names_local_images(bodies.get(r)) {
            *bodies.get_mut(r) = again(&site.page(r).source);
        }
    }
    for (section, body) in site.sections.iter().zip(&mut bodies.sections) {
        if names_local_images(body) {
            *body = again(&section.source);
        }
    }
    if let Some(source) = &site.home.source
        && names_local_images(&bodies.home)
    {
        bodies.home = again(source);
    }
}

/// The HTML of a Markdown image of the page in `folder`, once processed.
pub fn body_image<'a>(
    site: &'a Site,
    images: &'a Images,
) -> impl Fn(&Path, &ImageRef) -> Option<String> + Sync + 'a {
    move |folder: &Path, image: &ImageRef| {
        if !markdown::is_local(&image.src) {
            return None;
        }
        let p = images.get(&folder.join(&image.src))?;
        let r = html::responsive(p, &site.base.path);
        Some(html::img_tag(
            &r,
            &image.alt,
            &image.title,
            html::BODY_SIZES,
        ))
    }
}
