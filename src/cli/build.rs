//! `tonvinh build`: build the site into public/, atomically.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostics::{format_human, sort};
use crate::pipeline::{self, BuildOptions};

/// Build the site into the output folder.
///
/// The new site is written beside the old one and swapped in only when the build has
/// no error: a failed build leaves the last good site untouched. After a build into
/// the same folder, only the pages that show what changed are rendered again; the
/// others are linked from the last output (--full renders everything).
///
/// Examples:
///   tonvinh build
///   tonvinh build --root ../so-gddt --out /var/www/dien-hinh
///   tonvinh build --base-url https://example.edu.vn/dien-hinh
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The site's folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Publish pages marked draft = true too.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.toml's.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Render every page, not only those that show what changed since the last build.
    #[arg(long)]
    pub full: bool,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        out: args.out,
        drafts: args.drafts,
        base_url: args.base_url,
        today: None,
        timings: args.timings,
        strict: false,
        full: args.full,
    };
    let result = pipeline::build(&options);
    // Locked only after the build: worker threads may print while it runs.
    let mut stderr = std::io::stderr().lock();
    match result {
        Ok(mut report) => {
            sort(&mut report.warnings);
            let lang = crate::pipeline::load_config(&options)
                .map(|c| c.language)
                .unwrap_or_default();
            let _ = write!(stderr, "{}", format_warnings(&report.warnings, lang));
            let _ = writeln!(
                stderr,
                "{} {} {}, {} {} ({:.2} s), {} {} ({} {}, {} {}), {:.2} s → {}",
                lang.pick("Đã dựng", "Built"),
                report.pages,
                lang.pick("trang nội dung", "content pages"),
                report.images,
                lang.pick("ảnh", "images"),
                report.image_seconds,
                report.files,
                lang.pick("tệp", "files"),
                report.rendered,
                lang.pick("trang dựng lại", "rendered"),
                report.kept,
                lang.pick("giữ nguyên", "unchanged"),
                report.seconds,
                report.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(mut failure) => {
            sort(&mut failure.diagnostics);
            let lang = failure.lang;
            let _ = write!(stderr, "{}", format_human(&failure.diagnostics, lang));
            let errors = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::diagnostics::Severity::Error)
                .count();
            let _ = writeln!(
                stderr,
                "{} {errors} {}",
                lang.pick("Không dựng được trang:", "Build failed:"),
                lang.pick(
                    "lỗi; thư mục xuất bản cũ được giữ nguyên.",
                    "errors; the previous output is untouched."
                )
            );
            ExitCode::from(1)
        }
    }
}

/// How many warnings a build prints in full; `tonvinh check` prints them all.
const WARNINGS_SHOWN: usize = 20;

/// The first warnings in full, then a count of the rest by kind: a site with
/// thousands of pages must not drown the build's summary.
fn format_warnings(
    warnings: &[crate::diagnostics::Diagnostic],
    lang: crate::vietnamese::Lang,
) -> String {
    let shown = warnings.len().min(WARNINGS_SHOWN);
    let mut out = format_human(&warnings[..shown], lang);
    if warnings.len() > shown {
        let mut by_code: std::collections::BTreeMap<&str, usize> =
            std::collections::BTreeMap::new();
        for w in &warnings[shown..] {
            *by_code.entry(w.code).or_default() += 1;
        }
        let counts: Vec<String> = by_code
            .iter()
            .map(|(code, n)| format!("{code}: {n}"))
            .collect();
        out.push_str(&format!(
            "{} {} {} ({}); {}\n",
            lang.pick("… và", "… and"),
            warnings.len() - shown,
            lang.pick("cảnh báo khác", "more warnings"),
            counts.join(", "),
            lang.pick(
                "chạy tonvinh check để xem tất cả",
                "run tonvinh check to see them all"
            )
        ));
    }
    out
}
