//! `tonvinh build`: build the site into public/, atomically.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostics::{format_human, sort};
use crate::pipeline::{self, BuildOptions};

/// Build the site into the output folder.
///
/// The new site is written beside the old one and swapped in only when the build has
/// no error: a failed build leaves the last good site untouched.
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
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        out: args.out,
        drafts: args.drafts,
        base_url: args.base_url,
        today: None,
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
            let _ = write!(stderr, "{}", format_human(&report.warnings, lang));
            let _ = writeln!(
                stderr,
                "{} {} {}, {} {} ({:.2} s), {} {}, {:.2} s → {}",
                lang.pick("Đã dựng", "Built"),
                report.pages,
                lang.pick("trang nội dung", "content pages"),
                report.images,
                lang.pick("ảnh", "images"),
                report.image_seconds,
                report.files,
                lang.pick("tệp", "files"),
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
