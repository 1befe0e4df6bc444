//! The build and check pipelines: the stages in order, each reporting every problem
//! it finds. `build` writes atomically; `check` runs the same stages and writes
//! nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::content;
use crate::diagnostics::{Diagnostic, Severity, SourceText, has_errors};
use crate::images::{self, Images};
use crate::markdown;
use crate::model::{self, PageRef, Site};
use crate::output::{Sink, Staging};
use crate::render::{self, Bodies, Renderer};
use crate::vietnamese::{Date, Lang};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; default `<root>/public`.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// "Today" (for tests); default: the system date.
    pub today: Option<Date>,
    /// Print how long each stage took.
    pub timings: bool,
    /// `check`: problems that only warn in a build (an image without alt text) are errors.
    pub strict: bool,
}

/// Prints the time since the last mark, when timings are on: wall time, the CPU
/// time of every thread (twice the wall time when two cores are kept busy) and memory.
struct Timer {
    on: bool,
    last: Instant,
    last_cpu: f64,
}

impl Timer {
    fn new(on: bool) -> Timer {
        Timer {
            on,
            last: Instant::now(),
            last_cpu: cpu_seconds(),
        }
    }
    fn mark(&mut self, stage: &str) {
        if self.on {
            let cpu = cpu_seconds();
            eprintln!(
                "  {stage:<12} {:>8.1} ms {:>8.1} ms CPU  {}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                (cpu - self.last_cpu) * 1000.0,
                memory()
            );
            self.last_cpu = cpu;
        }
        self.last = Instant::now();
    }
}

/// User and system time of the whole process so far, where the system tells.
fn cpu_seconds() -> f64 {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return secs(usage.ru_utime) + secs(usage.ru_stime);
        }
    }
    0.0
}

/// Resident memory now and at its peak, where the system tells (Linux).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map(|kb| kb / 1024)
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!("{now} MiB (peak {peak} MiB)"),
        _ => String::new(),
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Distinct image files published (each in several widths).
    pub images: usize,
    /// Time spent on images (hashing, and processing what the cache did not hold).
    pub image_seconds: f64,
    pub files: usize,
    pub seconds: f64,
    pub warnings: Vec<Diagnostic>,
    pub out: PathBuf,
}

/// A failed run: every problem, and the language to print them in.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub lang: Lang,
}

/// Reads site.toml, with `--base-url` applied.
pub fn load_config(options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let path = options.root.join("site.toml");
    let text = content::read_text(&path, Path::new("site.toml"), Lang::Vi).map_err(|mut d| {
        if !path.exists() {
            d = Diagnostic::error("no-config", "site.toml", "không tìm thấy site.toml / site.toml not found")
                .with_help("chạy lệnh trong thư mục của trang, dùng --root THƯ_MỤC, hoặc tạo trang mới bằng tonvinh init / run in the site's folder, pass --root DIR, or create a site with tonvinh init");
        }
        vec![d]
    })?;
    let mut config = Config::parse(Path::new("site.toml"), &text)?;
    if let Some(url) = &options.base_url {
        if BaseUrl::parse(url).is_none() {
            return Err(vec![
                Diagnostic::error(
                    "bad-base-url",
                    "--base-url",
                    format!(
                        "{} {url}",
                        config
                            .language
                            .pick("địa chỉ không hợp lệ:", "not a valid address:")
                    ),
                )
                .with_help("https://example.edu.vn/dien-hinh"),
            ]);
        }
        config.base_url = url.clone();
    }
    Ok(config)
}

/// Stages 1–3: config, content, model and Markdown. Returns the site and its bodies
/// when there is no error, and every diagnostic either way.
pub fn load(options: &BuildOptions) -> (Option<(Site, Bodies)>, Vec<Diagnostic>, Lang) {
    match load_config(options) {
        Ok(config) => load_site(options, config, false),
        Err(d) => (None, d, Lang::Vi),
    }
}

/// Stages 2–3 (content, model and Markdown) with the configuration read. With
/// `forget_sources` (a build), each page's source text is freed once its body is
/// rendered, unless the body shows images of its own (rendered again with them).
fn load_site(
    options: &BuildOptions,
    config: Config,
    forget_sources: bool,
) -> (Option<(Site, Bodies)>, Vec<Diagnostic>, Lang) {
    let lang = config.language;
    let mut timer = Timer::new(options.timings);
    timer.mark("config");
    let (content, mut problems) = content::load(&options.root, lang);
    timer.mark("content");
    let (site, resolve_problems) = model::resolve(
        &options.root,
        config,
        content,
        model::Options {
            drafts: options.drafts,
            today: options.today,
        },
    );
    problems.extend(resolve_problems);
    timer.mark("resolve");
    let Some(mut site) = site else {
        return (None, problems, lang);
    };
    let (bodies, markdown_problems) = render_bodies(&mut site, options.strict, forget_sources);
    problems.extend(markdown_problems);
    timer.mark("markdown");
    if has_errors(&problems) {
        return (None, problems, lang);
    }
    (Some((site, bodies)), problems, lang)
}

/// The Markdown settings of a site.
pub fn markdown_options(site: &Site) -> markdown::Options<'_> {
    markdown::Options {
        trusted_html: site.config.markdown.trusted_html,
        base_path: &site.base.path,
        source_paths: &site.index.source_paths,
        unreadable: &site.index.unreadable_sources,
        lang: site.config.language,
    }
}

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
            let options = markdown_options(site);
            let render =
                |source: &content::Source| render_source(site, &options, source, None, strict);
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
            match r {
                PageRef::Profile(_) => bodies.profiles.push(body),
                PageRef::Unit(_) => bodies.units.push(body),
                PageRef::Campaign(_) => bodies.campaigns.push(body),
                PageRef::Decision(_) => bodies.decisions.push(body),
                PageRef::Model(_) => bodies.models.push(body),
                PageRef::News(_) => bodies.news.push(body),
            }
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

/// Whether a rendered body shows images of the site's own.
fn names_local_images(body: &markdown::Rendered) -> bool {
    body.images.iter().any(|i| images::is_local(&i.src))
}

/// Renders one body; with `images`, a processed image replaces the Markdown image
/// that names it.
pub fn render_source(
    site: &Site,
    options: &markdown::Options,
    source: &content::Source,
    images: Option<&Images>,
    strict: bool,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    let folder = source.rel.parent().unwrap_or(Path::new(""));
    let image_html = |image: &markdown::ImageRef| {
        if !images::is_local(&image.src) {
            return None;
        }
        let p = images?.get(&folder.join(&image.src))?;
        let r = images::html::responsive(p, &site.base.path);
        Some(images::html::img_tag(
            &r,
            &image.alt,
            &image.title,
            images::html::BODY_SIZES,
        ))
    };
    let rendered = markdown::render_with_images(source.body(), options, &image_html);
    let problems = body_diagnostics(source, &rendered, strict);
    (rendered, problems)
}

/// Renders again the bodies that name images, with the build's processed images.
pub fn place_body_images(site: &Site, bodies: &mut Bodies, images: &Images) {
    let options = markdown_options(site);
    let again = |source| render_source(site, &options, source, Some(images), false).0;
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

/// Processes every image of the site (from the cache when unchanged), writes them
/// to `out`, and puts the processed images into the bodies that show them.
pub fn prepare_images(
    root: &Path,
    site: &Site,
    bodies: &mut Bodies,
    out: &dyn Sink,
    lang: Lang,
) -> Result<Images, Vec<Diagnostic>> {
    let (requests, mut problems) = images::collect(root, site, bodies);
    if has_errors(&problems) {
        return Err(problems);
    }
    let settings = images::Settings::from(&site.config.images);
    let (images, image_problems) = images::process(root, &requests, &settings, out, lang);
    problems.extend(image_problems);
    problems.extend(images::video::publish(root, site, out, lang).1);
    if has_errors(&problems) {
        return Err(problems);
    }
    place_body_images(site, bodies, &images);
    Ok(images)
}

/// The problems of a rendered body, placed in its file. `strict` (`check`): an image
/// without alt text is an error, not a warning.
pub fn body_diagnostics(
    source: &content::Source,
    rendered: &markdown::Rendered,
    strict: bool,
) -> Vec<Diagnostic> {
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

/// Builds the site into the output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let config = load_config(options).map_err(|diagnostics| Failure {
        diagnostics,
        lang: Lang::Vi,
    })?;
    // The theme's templates compile while the content is read.
    let ((loaded, mut problems, lang), (renderer, compiled)) = rayon::join(
        || load_site(options, config.clone(), true),
        || {
            let start = Instant::now();
            (Renderer::new(&options.root, &config), start.elapsed())
        },
    );
    if options.timings {
        eprintln!(
            "  {:<12} {:>8.1} ms (beside the stages above)",
            "templates",
            compiled.as_secs_f64() * 1000.0
        );
    }
    let fail = |diagnostics| Failure {
        diagnostics: crate::output::one_full_disk(diagnostics, lang),
        lang,
    };
    let renderer = match renderer {
        Ok(r) => r.with_times(options.timings),
        Err(d) => {
            problems.extend(d);
            return Err(fail(problems));
        }
    };
    let Some((mut site, mut bodies)) = loaded else {
        return Err(fail(problems));
    };
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    if let Err(d) = check_output_folder(&options.root, &out, lang) {
        problems.push(d);
        return Err(fail(problems));
    }
    let mut staging = match Staging::new(&out) {
        Ok(s) => s,
        Err(e) => {
            problems.push(Diagnostic::error(
                "io",
                &out,
                format!(
                    "{}: {e}",
                    lang.pick(
                        "không tạo được thư mục tạm",
                        "cannot create the staging folder"
                    )
                ),
            ));
            return Err(fail(problems));
        }
    };
    let jobs = render::jobs(&site);
    staging.make_folders(render::folders(&site, &jobs));
    let mut timer = Timer::new(options.timings);
    let image_start = Instant::now();
    let images = match prepare_images(&options.root, &site, &mut bodies, &staging, lang) {
        Ok(images) => images,
        Err(d) => {
            problems.extend(d);
            return Err(fail(problems));
        }
    };
    let image_seconds = image_start.elapsed().as_secs_f64();
    site.forget_source_texts();
    timer.mark("images");
    let (files, render_problems) = renderer.render_all(&site, &bodies, &images, &jobs, &staging);
    let mut files = files + images.files();
    timer.mark("render+write");
    for line in renderer.times().map(|t| t.report()).unwrap_or_default() {
        eprintln!("{line}");
    }
    problems.extend(render_problems);
    let pages = site.all_pages().count();
    crate::drop_in_background((site, bodies, renderer));
    match copy_site_static(&options.root, &staging, lang) {
        Ok(n) => files += n,
        Err(d) => problems.extend(d),
    }
    if has_errors(&problems) {
        return Err(fail(problems));
    }
    let committed = staging.commit();
    timer.mark("swap");
    if let Err(e) = committed {
        problems.push(Diagnostic::error(
            "io",
            &out,
            format!(
                "{}: {e}",
                lang.pick(
                    "không thay được thư mục xuất bản",
                    "cannot replace the output folder"
                )
            ),
        ));
        return Err(fail(problems));
    }
    // Only a build that succeeded decides what the cache keeps.
    if let Err(e) = images::prune(&options.root, &images) {
        let what = lang.pick(
            "không dọn được bộ nhớ đệm ảnh",
            "cannot prune the image cache",
        );
        problems.push(Diagnostic::warning(
            "io",
            images::CACHE_DIR,
            format!("{what}: {e}"),
        ));
    }
    Ok(BuildReport {
        pages,
        images: images.len(),
        image_seconds,
        files,
        seconds: started.elapsed().as_secs_f64(),
        warnings: problems,
        out,
    })
}

/// Checks everything a build would, images included (decodable, not too large),
/// and writes nothing.
pub fn check(options: &BuildOptions) -> (Vec<Diagnostic>, Lang) {
    let (loaded, mut problems, lang) = load(options);
    if let Some((site, bodies)) = loaded {
        let (requests, image_problems) = images::collect(&options.root, &site, &bodies);
        problems.extend(image_problems);
        let settings = images::Settings::from(&site.config.images);
        problems.extend(images::verify(&options.root, &requests, &settings, lang));
    }
    (problems, lang)
}

/// Refuses an output folder that would swallow the site's sources.
fn check_output_folder(root: &Path, out: &Path, lang: Lang) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out_abs) = (abs(root), abs(out));
    let dangerous = root.starts_with(&out_abs)
        || out_abs.starts_with(root.join("content"))
        || out_abs.starts_with(root.join("static"))
        || out_abs.starts_with(root.join("themes"));
    if dangerous {
        return Err(Diagnostic::error(
            "bad-out",
            out,
            lang.pick(
                "thư mục xuất bản trùng hoặc chứa mã nguồn của trang",
                "the output folder is, or contains, the site's sources",
            ),
        )
        .with_help(lang.pick(
            "dùng một thư mục riêng, ví dụ --out public",
            "use a folder of its own, e.g. --out public",
        )));
    }
    Ok(())
}

/// Copies the site's `static/` folder as is (symbolic links leading outside the
/// site are refused).
pub fn copy_site_static(root: &Path, out: &dyn Sink, lang: Lang) -> Result<usize, Vec<Diagnostic>> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Ok(0);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut problems = Vec::new();
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy();
        if content::is_ignored(&name) || entry.file_type().is_dir() {
            continue;
        }
        let rel_site = crate::diagnostics::relative(root, entry.path());
        if entry.path_is_symlink()
            && !entry
                .path()
                .canonicalize()
                .is_ok_and(|t| t.starts_with(&canonical_root) && t.is_file())
        {
            problems.push(Diagnostic::error(
                "symlink",
                &rel_site,
                lang.pick(
                    "liên kết tượng trưng trỏ ra ngoài trang",
                    "a symbolic link that leads outside the site",
                ),
            ));
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => match out.write(&rel, &bytes) {
                Ok(()) => count += 1,
                Err(e) => problems.push(crate::output::write_problem(out.location(&rel), &e)),
            },
            Err(e) => problems.push(Diagnostic::error("io", &rel_site, e.to_string())),
        }
    }
    if problems.is_empty() {
        Ok(count)
    } else {
        Err(problems)
    }
}
