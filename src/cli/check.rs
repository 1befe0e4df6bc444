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
    let (mut diagnostics, lang) = pipeline::check(&options);
    if args.external {
        diagnostics.extend(external_links(&root, lang));
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

/// The form of every external link, and a visit to each well-formed http(s) one.
///
/// Hook (issue 22): the links are collected here from the content files, read
/// again. When the link stage collects links from the build's indexes, hand its
/// external links to `links::external::{form_problems, check}` instead, and drop
/// `form_problems` here if that stage already reports them in every build.
fn external_links(root: &std::path::Path, lang: Lang) -> Vec<Diagnostic> {
    let (content, _) = crate::content::load(root, lang);
    let sources = content
        .home
        .iter()
        .map(|(s, _)| s)
        .chain(content.sections.iter().map(|s| &s.source))
        .chain(content.documents.iter().map(|d| &d.source));
    let links = external::collect(sources);
    let mut problems = external::form_problems(&links, lang);
    let fine: Vec<_> = links
        .into_iter()
        .filter(|l| external::check_form(&l.url).is_ok())
        .collect();
    eprintln!(
        "{} {} {}",
        lang.pick("Đang kiểm tra", "Checking"),
        fine.len(),
        lang.pick("liên kết ngoài…", "external links…")
    );
    problems.extend(external::check(
        root,
        &fine,
        &external::Options::default(),
        lang,
    ));
    problems
}
