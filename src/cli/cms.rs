//! `tonvinh cms`: show or write the form editor's configuration, generated from the
//! content model (the build publishes it by itself when `[cms] repo` is set).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cms::{self, Backend};
use crate::diagnostics::{format_human, sort};

/// Print the form editor's configuration (config.yml), or write the editor's two
/// files into a folder.
///
/// The configuration is made from site.toml and content/*/_index.md: one form per
/// section, a field per key. Never edit it by hand: with `[cms] repo = "owner/name"`
/// in site.toml, `tonvinh build` publishes /admin/ from the current model, and
/// `tonvinh serve` offers /admin/ for editing on this computer. See docs/cms.md.
///
/// Examples:
///   tonvinh cms                       # print config.yml
///   tonvinh cms --out ../admin        # write index.html and config.yml there
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The site's folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Write index.html and config.yml into this folder instead of printing.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let model = match cms::load(&args.root) {
        Ok(model) => model,
        Err(mut problems) => {
            sort(&mut problems);
            eprint!("{}", format_human(&problems, crate::vietnamese::Lang::Vi));
            return ExitCode::from(1);
        }
    };
    let config = cms::config_yaml(&model, &Backend::GitHub);
    let Some(out) = args.out else {
        print!("{config}");
        return ExitCode::SUCCESS;
    };
    let page = cms::admin_page(&model, None);
    let written = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join("config.yml"), &config))
        .and_then(|()| std::fs::write(out.join("index.html"), &page));
    match written {
        Ok(()) => {
            eprintln!(
                "{} {}",
                model.lang.pick(
                    "Đã ghi index.html và config.yml vào",
                    "Wrote index.html and config.yml to"
                ),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tonvinh cms: {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
