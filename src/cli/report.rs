//! `tonvinh report`: the figures of a year for the December report, on standard
//! output, the same as `/bao-cao/<yyyy>/` and its CSV and JSON files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostics::{format_human, sort};
use crate::pipeline::{self, BuildOptions};
use crate::report;

/// How to print the report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Markdown tables, to read or paste into the narrative report.
    Md,
    /// CSV for spreadsheet software (UTF-8 with a byte-order mark, CRLF).
    Csv,
    /// JSON, with English keys.
    Json,
}

/// Print the year's figures: commendations by award, unit level, commune and area,
/// the shares of frontline people and of people from remote, border, island,
/// ethnic-minority and mountain areas, campaigns running and decisions issued.
///
/// Units report to the department before 10 December, the department to the
/// Ministry before 15 December.
///
/// Examples:
///   tonvinh report --year 2025
///   tonvinh report --year 2025 --unit thcs-bach-long-vi
///   tonvinh report --year 2025 --format csv > bao-cao-2025.csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The calendar year (of the decisions' dates, as awards' `year`).
    #[arg(long)]
    pub year: i32,
    /// Only this unit's people and collectives (the id of its page in don-vi/).
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// The site's folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Count pages marked draft = true too.
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let (loaded, mut diagnostics, lang) = pipeline::load(&options);
    let mut stderr = std::io::stderr().lock();
    let Some((site, _)) = loaded else {
        sort(&mut diagnostics);
        let _ = write!(stderr, "{}", format_human(&diagnostics, lang));
        return ExitCode::from(1);
    };
    let unit = match &args.unit {
        None => None,
        Some(id) => match report::find_unit(&site, id) {
            Some(u) => Some(u),
            None => {
                let closest = site
                    .units
                    .iter()
                    .map(|u| (strsim::levenshtein(id, &u.page.id), &u.page.id))
                    .min();
                let _ = writeln!(
                    stderr,
                    "{}: {} `{id}`{}",
                    lang.pick("lỗi", "error"),
                    lang.pick("không có đơn vị", "no unit"),
                    match closest {
                        Some((d, near)) if d <= 3 =>
                            format!(" — {} `{near}`?", lang.pick("có phải là", "did you mean")),
                        _ => String::new(),
                    }
                );
                return ExitCode::from(1);
            }
        },
    };
    let years = report::years(&site);
    if !years.contains(&args.year) {
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        let _ = writeln!(
            stderr,
            "{}: {} {} ({}: {})",
            lang.pick("cảnh báo", "warning"),
            lang.pick("không có khen thưởng nào trong năm", "no commendations in"),
            args.year,
            lang.pick("các năm có khen thưởng", "years with commendations"),
            if list.is_empty() {
                "–".to_string()
            } else {
                list.join(", ")
            }
        );
    }
    let figures = report::compute(&site, args.year, unit);
    let bytes = match args.format {
        Format::Md => report::markdown(&figures, &site, lang).into_bytes(),
        Format::Csv => report::csv(&figures, &site, lang),
        Format::Json => report::json(&figures),
    };
    let _ = std::io::stdout().lock().write_all(&bytes);
    ExitCode::SUCCESS
}
