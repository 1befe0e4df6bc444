//! Stage 3b: photos and Markdown images, made responsive, private and cached.
//!
//! 1. `collect` finds every image the site names (`photo` of a page, images in bodies)
//!    and checks each path stays in its page's folder.
//! 2. `process` (build) or `verify` (check) reads each file in parallel, hashes it,
//!    and on a cache miss checks its header, decodes it, and makes every width plus a
//!    1200×630 Open Graph crop for portraits: see `transform`. Each width is JPEG and,
//!    as `[images] formats` asks, WebP (`encode`), with no metadata, named by content
//!    (`anh/<key>-<width>.jpg`, `.webp`) and linked into the staging folder from the
//!    cache (`cache`).
//! 3. After a successful build, `prune` drops cache entries the build did not use
//!    (nothing to do when the sources and the cache are as the last prune left them).

mod cache;
mod collect;
mod decode;
mod encode;
mod error;
pub mod html;
mod place;
mod transform;
pub mod video;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::ImagesConfig;
use crate::diagnostics::{Diagnostic, Severity};
use crate::output::Sink;
use crate::vietnamese::Lang;
pub use cache::DIR as CACHE_DIR;
use cache::{Known, KnownFiles};
pub use collect::collect;
pub use encode::OutFormat;
use error::{Format, ImageError};
pub use place::{body_image, place, prepare};

/// The folder of processed images in the output: `/anh/<key>-<width>.jpg`.
pub const OUT_DIR: &str = "anh";

/// Show a progress bar (on a terminal) from this many images.
const PROGRESS_FROM: usize = 16;

/// `[images]` of site.toml, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Sorted, without duplicates.
    pub widths: Vec<u32>,
    pub quality: u8,
    pub max_pixels: u64,
    /// Best first; JPEG always, last.
    pub formats: Vec<OutFormat>,
}

impl From<&ImagesConfig> for Settings {
    fn from(c: &ImagesConfig) -> Settings {
        let mut widths = c.widths.clone();
        widths.sort_unstable();
        widths.dedup();
        let mut formats: Vec<OutFormat> = c
            .formats
            .iter()
            .filter_map(|f| OutFormat::from_name(f))
            .chain([OutFormat::Jpeg])
            .collect();
        formats.sort_unstable();
        formats.dedup();
        Settings {
            widths,
            quality: c.quality.clamp(1, 100),
            max_pixels: c.max_pixels,
            formats,
        }
    }
}

/// One image file the site uses, and every place that names it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Make the 1200×630 Open Graph crop (profile portraits).
    pub og: bool,
    /// Where the file is named (`photo = …` or `![…](…)`), to place problems.
    pub places: Vec<Diagnostic>,
}

/// The published files of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// Names the files: 16 hex digits of blake3 over the bytes and settings.
    pub key: String,
    /// Published widths and their heights (upright), narrowest first.
    pub widths: Vec<(u32, u32)>,
    /// Size of the Open Graph crop, when made.
    pub og: Option<(u32, u32)>,
    /// The formats of every width, best first; JPEG last.
    pub formats: Vec<OutFormat>,
}

impl Processed {
    /// The output path of one width as JPEG: `anh/<key>-<width>.jpg`.
    pub fn file(&self, width: u32) -> String {
        self.file_in(width, OutFormat::Jpeg)
    }

    /// The output path of one width in one format: `anh/<key>-<width>.webp`.
    pub fn file_in(&self, width: u32, format: OutFormat) -> String {
        let mut path = String::with_capacity(OUT_DIR.len() + self.key.len() + 13);
        path.push_str(OUT_DIR);
        path.push('/');
        cache::push_file_name(&mut path, &self.key, width, format);
        path
    }

    /// The middle width: the `src` of an `<img>`, for browsers without `srcset`.
    pub fn middle(&self) -> (u32, u32) {
        self.widths[(self.widths.len() - 1) / 2]
    }

    /// The output path of the Open Graph crop.
    pub fn og_file(&self) -> Option<String> {
        self.og
            .map(|_| format!("{OUT_DIR}/{}", cache::og_file(&self.key)))
    }
}

impl From<&Known> for Processed {
    fn from(k: &Known) -> Processed {
        Processed {
            key: k.key.clone(),
            widths: k.manifest.widths.clone(),
            og: k.manifest.og,
            formats: k.manifest.formats.clone(),
        }
    }
}

/// Every processed image of a build, by source file (relative to the site root).
#[derive(Debug, Default)]
pub struct Images {
    by_file: hashbrown::HashMap<PathBuf, Processed>,
    /// The cache's record of sources is this build's (so `prune` may be skipped).
    recorded: bool,
}

impl Images {
    pub fn get(&self, file: &Path) -> Option<&Processed> {
        self.by_file.get(file)
    }

    pub fn len(&self) -> usize {
        self.by_file.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// How many files the images put in the output (two sources with the same bytes
    /// share theirs).
    pub fn files(&self) -> usize {
        let mut seen = HashSet::new();
        self.by_file
            .values()
            .filter(|p| seen.insert(&p.key))
            .map(|p| p.widths.len() * p.formats.len() + usize::from(p.og.is_some()))
            .sum()
    }

    /// The paths of the files the images put in the output.
    pub fn outputs(&self) -> impl Iterator<Item = String> + '_ {
        self.by_file.values().flat_map(|p| {
            let widths = p
                .widths
                .iter()
                .flat_map(move |(w, _)| p.formats.iter().map(move |f| p.file_in(*w, *f)));
            widths.chain(p.og_file())
        })
    }
}

/// What a run does with each image.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// `check`: prove every image can be published; write nothing.
    Check,
    /// `build`: make (or reuse) the outputs and place them in the staging folder.
    Build(&'a dyn Sink),
}

/// Makes every image's outputs, in parallel, reusing the cache, and links them into
/// `staging`. Every bad image is reported, at every place that names it.
pub fn process(
    root: &Path,
    requests: &[Request],
    settings: &Settings,
    out: &dyn Sink,
    lang: Lang,
) -> (Images, Vec<Diagnostic>) {
    run(root, requests, settings, Mode::Build(out), lang)
}

/// Checks that every image can be published (a cached one is known good), writing
/// nothing.
pub fn verify(
    root: &Path,
    requests: &[Request],
    settings: &Settings,
    lang: Lang,
) -> Vec<Diagnostic> {
    run(root, requests, settings, Mode::Check, lang).1
}

/// Removes the cache entries that `images` (a successful build) did not use:
/// nothing to do when the last build that did so saw the same sources and nothing
/// was written to the cache since.
pub fn prune(root: &Path, images: &Images) -> std::io::Result<usize> {
    let cache = cache::Cache::new(root);
    if images.recorded && cache.is_pruned() {
        return Ok(0);
    }
    let used: HashSet<&str> = images.by_file.values().map(|p| p.key.as_str()).collect();
    cache.prune(&used, images.recorded)
}

fn run(
    root: &Path,
    requests: &[Request],
    settings: &Settings,
    mode: Mode,
    lang: Lang,
) -> (Images, Vec<Diagnostic>) {
    let cache = cache::Cache::new(root);
    let known = cache.known();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let progress = progress_bar(requests.len(), lang);
    let results: Vec<Result<Known, ImageError>> = requests
        .par_iter()
        .map(|request| {
            let last = known.get(&request.file);
            let result = one(&canonical_root, request, settings, &cache, last, mode);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            result
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut images = Images::default();
    // In the requests' order, each file once.
    let mut seen = Vec::with_capacity(requests.len());
    let mut problems = Vec::new();
    for (request, result) in requests.iter().zip(&results) {
        match result {
            Ok(k) => {
                images
                    .by_file
                    .insert(request.file.clone(), Processed::from(k));
                seen.push((request.file.as_path(), k));
            }
            Err(e) => {
                let file = request.file.to_string_lossy().replace('\\', "/");
                for place in &request.places {
                    problems.push(Diagnostic {
                        severity: Severity::Error,
                        code: e.code(),
                        message: e.message(&file, lang),
                        help: Some(e.help(lang).to_string()),
                        ..place.clone()
                    });
                }
            }
        }
    }
    images.recorded = same_sources(&known, &seen);
    if let Mode::Build(_) = mode
        && !images.recorded
        && let Err(e) = cache.remember(&seen).inspect(|()| images.recorded = true)
    {
        let what = lang.pick(
            "không ghi được bộ nhớ đệm ảnh",
            "cannot write the image cache",
        );
        problems.push(Diagnostic::warning(
            "io",
            cache::DIR,
            format!("{what}: {e}"),
        ));
    }
    (images, problems)
}

/// Whether this build saw the very sources the last one recorded: then the record is
/// not written again, so a build that changed no image writes nothing to the site.
fn same_sources(known: &KnownFiles, seen: &[(&Path, &Known)]) -> bool {
    known.len() == seen.len() && seen.iter().all(|(file, k)| known.get(*file) == Some(*k))
}

fn progress_bar(total: usize, lang: Lang) -> Option<indicatif::ProgressBar> {
    if total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let style = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} ({elapsed}, {eta} left)",
    )
    .ok()?
    .progress_chars("=> ");
    Some(
        indicatif::ProgressBar::new(total as u64)
            .with_style(style)
            .with_message(lang.pick("Xử lý ảnh", "Images")),
    )
}

/// One image: reuse what the cache holds for it, or make it. A file whose stamp is
/// the one the last build saw is not even read.
fn one(
    root: &Path,
    request: &Request,
    settings: &Settings,
    cache: &cache::Cache,
    last: Option<&Known>,
    mode: Mode,
) -> Result<Known, ImageError> {
    let path = root.join(&request.file);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = Format::from_extension(&ext).ok_or(ImageError::Unsupported(ext))?;
    let mut meta = std::fs::symlink_metadata(&path).map_err(ImageError::Read)?;
    if meta.file_type().is_symlink() {
        let real = path.canonicalize().map_err(ImageError::Read)?;
        if !real.starts_with(root) {
            return Err(ImageError::Outside);
        }
        meta = std::fs::metadata(&real).map_err(ImageError::Read)?;
    }
    let stamp = cache::Stamp::of(&meta);
    let mut bytes = None;
    let content = match last {
        Some(k) if k.stamp == stamp => k.content.clone(),
        _ => {
            let b = std::fs::read(&path).map_err(ImageError::Read)?;
            let content = cache::content_hash(&b);
            bytes = Some(b);
            content
        }
    };
    let key = cache::key(&content, settings, request.og);
    let entry = match last {
        Some(k) if k.key == key => Some(k.manifest.clone()),
        _ => cache.lookup(&key),
    };
    if let Some(manifest) = entry {
        decode::check_size(manifest.source.0, manifest.source.1, settings.max_pixels)?;
        let done = Known {
            stamp,
            content: content.clone(),
            key: key.clone(),
            manifest,
        };
        match mode {
            Mode::Check => return Ok(done),
            Mode::Build(staging) => match place_files(&done, cache, staging) {
                Ok(()) => return Ok(done),
                // A cache file removed by hand: make the entry again.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(ImageError::Write(e)),
            },
        }
    }
    let bytes = match bytes {
        Some(b) => b,
        None => std::fs::read(&path).map_err(ImageError::Read)?,
    };
    let decoded = decode::decode(&bytes, format, settings.max_pixels)?;
    drop(bytes);
    let source = (decoded.width, decoded.height);
    let upright = if transform::swaps_sides(decoded.orientation) {
        (source.1, source.0)
    } else {
        source
    };
    let plan = transform::plan(upright, &settings.widths, request.og);
    let manifest = cache::Manifest {
        source,
        widths: plan.widths.clone(),
        og: plan.og.map(|o| o.size),
        formats: settings.formats.clone(),
    };
    let done = Known {
        stamp,
        content,
        key,
        manifest,
    };
    let Mode::Build(staging) = mode else {
        return Ok(done);
    };
    let files = transform::render(decoded, &plan, settings.quality, &settings.formats)?;
    cache
        .store(&done.key, &done.manifest, &files)
        .map_err(ImageError::Write)?;
    place_files(&done, cache, staging).map_err(ImageError::Write)?;
    Ok(done)
}

/// Links (or copies) an entry's files from the cache into the staging folder. The
/// paths are made in two buffers: a warm build does this for every file of every
/// image, and nothing else.
fn place_files(k: &Known, cache: &cache::Cache, staging: &dyn Sink) -> std::io::Result<()> {
    let mut rel = format!("{OUT_DIR}/");
    let mut base = cache.dir().as_os_str().to_owned();
    base.push(std::path::MAIN_SEPARATOR_STR);
    let mut from = std::ffi::OsString::with_capacity(base.len() + 32);
    k.manifest.each_file(&k.key, |name| {
        rel.truncate(OUT_DIR.len() + 1);
        rel.push_str(name);
        from.clear();
        from.push(&base);
        from.push(name);
        staging.link(&rel, Path::new(&from))
    })
}
