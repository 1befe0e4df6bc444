//! The stages in order, each reporting every problem it finds. [`run`] is the one
//! way a site is built: `tonvinh build` runs it into a staging folder that replaces
//! the output only without errors ([`build`]); `serve` runs it into memory and
//! keeps what it returns for its rebuilds. `check` runs the stages before rendering
//! and writes nothing.
//!
//! 1. content (read, split, parse), after site.toml · 2. model (resolve, index,
//!    checks) · 3. markdown (bodies) · 4. images (process, place in bodies) ·
//! 6. links (checked against the files to be written) · 7. render (the pages whose
//!    reads changed; the rest kept), then the static files.
//!
//! Every stage runs on everything it can, whatever the earlier ones found, so that
//! one run reports every problem; nothing is written when one is an error.

mod check;
mod plan;
mod saved;
mod statics;
mod timer;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub use check::{Checked, check};
use check::{check_later_stages, published_files};
pub use plan::Plan;
pub use statics::{copy_site_static, site_static_paths};
use timer::Timer;

use crate::attachments::{self, Attachments};
use crate::config::{BaseUrl, Config};
use crate::content;
use crate::diagnostics::{Diagnostic, has_errors};
use crate::images::{self, Images};
use crate::links;
use crate::markdown::{self, Bodies};
use crate::model::{self, Site};
use crate::output::{Sink, Staging};
use crate::render::reads::{Record, Records, Values};
use crate::render::{self, Job, Renderer};
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
    /// Render every page, whatever the last build's record says.
    pub full: bool,
}

/// Where a build goes, and so what it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// To disk (`build`): the pages' source texts are freed once checked, and
    /// everything is rendered now.
    Disk,
    /// To memory (`serve`): the sources are kept for the next rebuild, and the data
    /// files shown by no page (the search index) may be left for later.
    Memory,
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
    /// Output files rendered, and kept from the last build (linked, not written).
    pub rendered: usize,
    pub kept: usize,
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

/// What [`run`] made: the model and everything derived from it, which `serve` keeps
/// for its next rebuild.
pub struct Built {
    pub site: Site,
    pub bodies: Bodies,
    pub images: Images,
    pub attachments: Attachments,
    pub renderer: Arc<Renderer>,
    pub jobs: Vec<Job>,
    /// What each file read, for the next rebuild.
    pub records: Records,
    /// Out-of-date jobs left for later ([`Mode::Memory`]); their last files were kept.
    pub pending: Vec<Job>,
    /// Jobs rendered, and kept from the last build.
    pub rendered: usize,
    pub kept: usize,
    /// Files written or kept: pages, images, static files.
    pub files: usize,
    pub image_seconds: f64,
    pub warnings: Vec<Diagnostic>,
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
            let what = config
                .language
                .pick("địa chỉ không hợp lệ:", "not a valid address:");
            return Err(vec![
                Diagnostic::error("bad-base-url", "--base-url", format!("{what} {url}"))
                    .with_help("https://example.edu.vn/dien-hinh"),
            ]);
        }
        config.base_url = url.clone();
    }
    Ok(config)
}

/// Stages 1–4: config, content, model and Markdown. Returns the site and its bodies
/// when there is no error, and every diagnostic either way.
pub fn load(options: &BuildOptions) -> (Option<(Site, Bodies)>, Vec<Diagnostic>, Lang) {
    match load_config(options) {
        Ok(config) => {
            let lang = config.language;
            let (site, bodies, problems) = load_site(options, config, &mut Timer::new(false));
            let loaded = (!has_errors(&problems)).then_some((site, bodies));
            (loaded, problems, lang)
        }
        Err(d) => (None, d, Lang::Vi),
    }
}

/// Stages 2–4 (content, model and Markdown) with the configuration read. Each stage
/// runs on everything it can, whatever the earlier ones found, as a compiler does:
/// the site comes back with its problems, and is never written when one is an
/// error.
fn load_site(
    options: &BuildOptions,
    config: Config,
    timer: &mut Timer,
) -> (Site, Bodies, Vec<Diagnostic>) {
    let lang = config.language;
    let (content, mut problems) = content::load(&options.root, lang);
    timer.mark("content");
    let model_options = model::Options {
        drafts: options.drafts,
        today: options.today,
    };
    let (site, resolve_problems) = model::resolve(&options.root, config, content, model_options);
    problems.extend(resolve_problems);
    timer.mark("resolve");
    let (bodies, markdown_problems) = markdown::render_bodies(&site, options.strict);
    problems.extend(markdown_problems);
    timer.mark("markdown");
    (site, bodies, problems)
}

/// Every stage after the configuration, into `out`. After a build that recorded
/// `previous`, only the files one of whose reads changed are rendered; the others
/// are kept from the last output ([`Sink::keep`]).
pub fn run(
    options: &BuildOptions,
    config: Config,
    out: &dyn Sink,
    previous: Option<&Records>,
    mode: Mode,
) -> Result<Built, Failure> {
    let lang = config.language;
    let root = &options.root;
    let mut timer = Timer::new(options.timings);
    // The theme's templates compile while the content is read.
    let ((site, bodies, mut problems), (renderer, compiled)) = rayon::join(
        || load_site(options, config.clone(), &mut Timer::new(options.timings)),
        || {
            let start = Instant::now();
            (Renderer::new(root, &config), start.elapsed())
        },
    );
    timer.note(|| {
        format!(
            "  {:<12} {:>8.1} ms (beside the stages above)",
            "templates",
            compiled.as_secs_f64() * 1000.0
        )
    });
    timer.mark("loaded");
    let fail = |mut problems: Vec<Diagnostic>, more: Vec<Diagnostic>| {
        problems.extend(more);
        Failure {
            diagnostics: crate::output::one_full_disk(problems, lang),
            lang,
        }
    };
    let renderer = match renderer {
        Ok(r) => Arc::new(r.with_times(options.timings)),
        Err(d) => return Err(fail(problems, d)),
    };
    let (mut site, mut bodies) = (site, bodies);
    if has_errors(&problems) {
        // Nothing is written; the later stages still check what they can, so that
        // one run reports every problem.
        let (later, _) = check_later_stages(root, &site, &bodies, Some(&renderer), lang);
        return Err(fail(problems, later));
    }

    let jobs = render::jobs(&site);
    out.expect_folders(&|| render::folders(&site, &jobs));
    let image_start = Instant::now();
    let images = match images::prepare(root, &site, &mut bodies, out, lang) {
        Ok(images) => images,
        Err(d) => return Err(fail(problems, d)),
    };
    let image_seconds = image_start.elapsed().as_secs_f64();
    timer.mark("images");
    let (attachments, found) = attachments::publish(root, &site, &bodies, out, lang);
    problems.extend(found);
    timer.mark("attachments");

    let mut files = published_files(root, &site, &jobs, Some(&images), &renderer);
    files.extend(attachments.outputs.iter().cloned());
    let targets = links::Targets {
        files: &files,
        template_ids: renderer.template_ids(),
    };
    problems.extend(links::check(&site, &bodies, targets).0);
    drop(files);
    timer.mark("links");
    if has_errors(&problems) {
        return Err(fail(problems, Vec::new()));
    }

    let values = Values::of(&site, &bodies, &images, &attachments);
    if mode == Mode::Disk {
        // Rendering needs only the pages' paths: the texts are a fifth of a large
        // build's memory.
        site.forget_source_texts();
    }
    let plan = match previous {
        Some(previous) => Plan::after(&site, &jobs, &values, previous, |job| {
            mode == Mode::Memory && job.is_deferrable()
        }),
        None => Plan::everything(&jobs),
    };
    let (kept, mut render_now) = keep(&plan, out);
    render_now.extend(&plan.render);
    let pending: Vec<Job> = plan.later.iter().map(|(job, ..)| *job).collect();
    timer.mark("plan");
    let rendering = renderer.render_jobs(
        &site,
        &bodies,
        &images,
        &attachments,
        &jobs,
        &render_now,
        out,
    );
    problems.extend(rendering.problems);
    timer.mark("render+write");
    for line in renderer.times().map(|t| t.report()).unwrap_or_default() {
        eprintln!("{line}");
    }

    let mut statics: Vec<String> = Vec::new();
    match renderer.copy_static(out) {
        Ok(written) => statics.extend(written),
        Err(d) => problems.push(d),
    }
    match copy_site_static(root, out, lang) {
        Ok(written) => statics.extend(written),
        Err(d) => problems.extend(d),
    }
    if has_errors(&problems) {
        return Err(fail(problems, Vec::new()));
    }
    let mut files: std::collections::HashMap<String, Record> = kept;
    files.extend(rendering.records.into_iter().map(|(_, file, r)| (file, r)));
    let file_count = jobs.len() + images.files() + attachments.outputs.len() + statics.len();
    Ok(Built {
        records: Records {
            files,
            values,
            statics: statics.into_iter().collect(),
        },
        rendered: render_now.len(),
        kept: jobs.len() - render_now.len(),
        files: file_count,
        site,
        bodies,
        images,
        attachments,
        renderer,
        jobs,
        pending,
        image_seconds,
        warnings: problems,
    })
}

/// Keeps the files the plan keeps (and, for now, those it leaves for later); returns
/// their records, and the jobs whose files the last output turned out not to have,
/// which are rendered instead.
fn keep(plan: &Plan, out: &dyn Sink) -> (std::collections::HashMap<String, Record>, Vec<Job>) {
    use rayon::prelude::*;
    let results: Vec<Result<(String, Record), Job>> = plan
        .keep
        .par_iter()
        .chain(plan.later.par_iter())
        .map(|(job, file, record)| {
            let all = std::iter::once(file).chain(record.files.iter());
            match all.map(|f| out.keep(f)).collect::<Result<Vec<()>, _>>() {
                Ok(_) => Ok((file.clone(), record.clone())),
                Err(_) => Err(*job),
            }
        })
        .collect();
    let mut kept = std::collections::HashMap::with_capacity(results.len());
    let mut missing = Vec::new();
    for result in results {
        match result {
            Ok((file, record)) => {
                kept.insert(file, record);
            }
            Err(job) => missing.push(job),
        }
    }
    (kept, missing)
}

/// Builds the site into the output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let config = load_config(options).map_err(|diagnostics| Failure {
        diagnostics,
        lang: Lang::Vi,
    })?;
    let lang = config.language;
    let fail = |diagnostics| Failure { diagnostics, lang };
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    check_output_folder(&options.root, &out, lang).map_err(|d| fail(vec![d]))?;
    // The last build's record, unless anything but the content changed since; and
    // its standby, unless the build is to start from nothing (`--full`).
    let inputs = saved::inputs(options, &config);
    let (last, standby) = if options.full {
        (
            saved::Last {
                records: None,
                hashes: None,
            },
            None,
        )
    } else {
        let last = saved::load(&options.root, &out, inputs);
        (last, Some(saved::standby_file(&options.root, &out)))
    };
    let staging = Staging::open(&out, standby).map_err(|e| {
        let what = lang.pick(
            "không tạo được thư mục tạm",
            "cannot create the staging folder",
        );
        fail(vec![Diagnostic::error("io", &out, format!("{what}: {e}"))])
    })?;
    let (records, staging) = match last.hashes {
        Some(hashes) => (last.records, staging.with_previous(hashes)),
        None => (None, staging),
    };
    let built = run(options, config, &staging, records.as_ref(), Mode::Disk)?;
    drop(records);
    let mut timer = Timer::new(options.timings);
    let Built {
        site,
        bodies,
        images,
        attachments,
        renderer,
        mut warnings,
        files,
        image_seconds,
        records,
        rendered,
        kept,
        ..
    } = built;
    let pages = site.all_pages().count();
    crate::drop_in_background((site, bodies, renderer));
    let staging_hashes = staging.hashes();
    let committed = staging.commit();
    timer.mark("swap");
    if let Err(e) = committed {
        let what = lang.pick(
            "không thay được thư mục xuất bản",
            "cannot replace the output folder",
        );
        warnings.push(Diagnostic::error("io", &out, format!("{what}: {e}")));
        return Err(fail(warnings));
    }
    // Only a build that succeeded decides what the cache keeps.
    let hashes = staging_hashes;
    if let Err(e) = saved::save(&options.root, &out, inputs, records, hashes) {
        let what = lang.pick(
            "không lưu được bản ghi để lần dựng sau nhanh hơn",
            "cannot keep the record that makes the next build faster",
        );
        warnings.push(Diagnostic::warning("io", &out, format!("{what}: {e}")));
    }
    timer.mark("record");
    if let Err(e) = attachments::prune(&options.root, &attachments) {
        let what = lang.pick(
            "không dọn được bộ nhớ đệm tệp đính kèm",
            "cannot prune the attachment cache",
        );
        warnings.push(Diagnostic::warning(
            "io",
            attachments::cache::DIR,
            format!("{what}: {e}"),
        ));
    }
    if let Err(e) = images::prune(&options.root, &images) {
        let what = lang.pick(
            "không dọn được bộ nhớ đệm ảnh",
            "cannot prune the image cache",
        );
        warnings.push(Diagnostic::warning(
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
        rendered,
        kept,
        seconds: started.elapsed().as_secs_f64(),
        warnings,
        out,
    })
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
