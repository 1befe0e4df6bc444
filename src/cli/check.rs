//! `tonvinh check`: validate everything the build would, write nothing.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostics::{Diagnostic, Severity, format_github, format_human, format_json, sort};
use crate::links::external;
use crate::pipeline::{self, BuildOptions};
use crate::vietnamese::Lang;

/// How to print problems.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// For people: location, message, the line with a caret, and a hint.
    Human,
    /// GitHub Actions workflow commands: each problem shows on its line of a pull request.
    Github,
    /// A JSON object: { "errors", "warnings", "diagnostics": [ … ] }.
    Json,
}

/// Check the site: front matter, references, links, Markdown and images, without writing.
///
/// Exit status: 0 when there is no error (warnings allowed), 1 otherwise.
///
/// Examples:
///   tonvinh check
///   tonvinh check --format github     # in a GitHub Actions workflow
///   tonvinh check --format json > problems.json
///   tonvinh check --external          # also open every link to another site
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The site's folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Check pages marked draft = true too.
    #[arg(long)]
    pub drafts: bool,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Also open every link to another site (HEAD, then GET; results kept a day in
    /// .tonvinh-cache/) and warn about dead ones. Needs the internet.
    #[arg(long)]
    pub external: bool,
}

pub fn run(args: Args) -> ExitCode {
    let root = args.root.clone();
    let options = BuildOptions {
        root: args.root,
        drafts: args.drafts,
        strict: true,
        ..BuildOptions::default()
    };
    let checked = pipeline::check(&options);
    let (mut diagnostics, lang) = (checked.problems, checked.lang);
    if args.external {
        diagnostics.extend(visit(&root, checked.external, lang));
    }
    sort(&mut diagnostics);
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let text = match args.format {
        Format::Human => {
            let mut text = format_human(&diagnostics, lang);
            text.push_str(&format!(
                "{}: {errors} {}, {} {}\n",
                lang.pick("Kết quả kiểm tra", "Check"),
                lang.pick("lỗi", "errors"),
                diagnostics.len() - errors,
                lang.pick("cảnh báo", "warnings")
            ));
            text
        }
        Format::Github => format_github(&diagnostics),
        Format::Json => format_json(&diagnostics),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A visit to each well-formed http(s) link to another site (their form is checked
/// with everything else).
fn visit(root: &std::path::Path, links: Vec<external::Link>, lang: Lang) -> Vec<Diagnostic> {
    let fine: Vec<external::Link> = links
        .into_iter()
        .filter(|l| l.url.starts_with("http") || l.url.starts_with("//"))
        .filter(|l| external::check_form(&l.url).is_ok())
        .collect();
    eprintln!(
        "{} {} {}",
        lang.pick("Đang kiểm tra", "Checking"),
        fine.len(),
        lang.pick("liên kết ngoài…", "external links…")
    );
    external::check(root, &fine, &external::Options::default(), lang)
}
