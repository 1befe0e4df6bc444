//! Problems a user can cause, with where they are and how to fix them, and the
//! reporters that print them. Every stage returns diagnostics instead of stopping at
//! the first one, so a run reports everything at once.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, kebab-case name for the kind of problem (`unknown-key`).
    pub code: &'static str,
    /// The file, relative to the site root; printed with `/` on every system
    /// ([`slashed`]), so Windows and Linux runs say the same.
    #[serde(serialize_with = "serialize_slashed")]
    pub path: PathBuf,
    /// 1-based line and column; 0 when the problem concerns the whole file. `u32`
    /// keeps the struct at 120 bytes, under clippy's `result_large_err` limit.
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub help: Option<String>,
    /// A spreadsheet cell (`Sheet1!D14`), for problems in an annex: a workbook has no
    /// lines, so the cell is what an editor can find; `line` and `column` then hold
    /// its row and column numbers, for sorting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Box<SheetCell>>,
    /// The source line, for a code frame.
    #[serde(skip)]
    pub snippet: Option<Box<Snippet>>,
}

/// A spreadsheet cell as a location, `Sheet1!D14`. Boxed in [`Diagnostic`], which
/// stays under clippy's `result_large_err` limit (it is returned in `Err`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SheetCell(pub String);

/// A line of source and the columns to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub underline: Range<usize>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(code: &'static str, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            cell: None,
            snippet: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// Adds a hint that says how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Places the problem at a byte range of a source file.
    pub fn at(mut self, source: &SourceText, span: Range<usize>) -> Self {
        let (line, column) = source.line_col(span.start);
        (self.line, self.column) = (narrow(line), narrow(column));
        let text = source.line_text(line);
        let start = column - 1;
        // A span that does not fit the text (a bug elsewhere) is underlined from its
        // start, never a panic.
        let width = source
            .text
            .get(span.clone())
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .count();
        self.snippet = Some(Box::new(Snippet {
            text: text.to_string(),
            underline: start..start + width.max(1),
        }));
        self
    }

    /// Places the problem at a line and column without a code frame.
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        (self.line, self.column) = (narrow(line), narrow(column));
        self
    }

    /// Places the problem at a spreadsheet cell: `cell` as the editor finds it
    /// (`Sheet1!D14`), `row` and `column` 1-based.
    pub fn at_cell(mut self, cell: impl Into<String>, row: usize, column: usize) -> Self {
        self.cell = Some(Box::new(SheetCell(cell.into())));
        (self.line, self.column) = (narrow(row), narrow(column));
        self
    }

    /// The spreadsheet cell of the problem, if it is in an annex.
    pub fn cell_ref(&self) -> Option<&str> {
        self.cell.as_deref().map(|c| c.0.as_str())
    }

    /// `path:line:col`, `path: Sheet1!D14` for a cell, or `path` alone for a
    /// whole-file problem.
    pub fn location(&self) -> String {
        let path = slashed(&self.path);
        if let Some(cell) = self.cell_ref() {
            return format!("{path}: {cell}");
        }
        match (self.line, self.column) {
            (0, _) => path.to_string(),
            (l, 0) => format!("{path}:{l}"),
            (l, c) => format!("{path}:{l}:{c}"),
        }
    }
}

/// A line or column number as stored: no file has four billion lines.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A path as editors and GitHub write it: with `/` between folders, also on Windows,
/// whose `\` would otherwise reach annotations (`file=content\tin-tuc\…`) and JSON.
pub fn slashed(path: &Path) -> String {
    to_slashes(&path.to_string_lossy(), std::path::MAIN_SEPARATOR)
}

/// Replaces the system's `separator` with `/`. A `\` is a separator only on
/// Windows: on Linux and macOS it may be part of a file's name and stays.
fn to_slashes(text: &str, separator: char) -> String {
    if separator == '/' {
        text.to_owned()
    } else {
        text.replace(separator, "/")
    }
}

fn serialize_slashed<S: serde::Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&slashed(path))
}

/// A file's text with a line-start index, to turn byte offsets into line:column.
pub struct SourceText<'a> {
    pub text: &'a str,
    /// Built on the first lookup: most files never have a problem.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> SourceText<'a> {
    pub fn new(text: &'a str) -> Self {
        SourceText {
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset. An offset near the
    /// start (front matter: a photo's place is taken for every page that has one) is
    /// found by counting the line breaks before it, without indexing the whole text.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        const COUNT_UP_TO: usize = 4096;
        let offset = offset.min(self.text.len());
        let (line, start) = match self.line_starts.get() {
            None if offset <= COUNT_UP_TO => {
                let before = &self.text.as_bytes()[..offset];
                let line = memchr::memchr_iter(b'\n', before).count() + 1;
                (line, memchr::memrchr(b'\n', before).map_or(0, |i| i + 1))
            }
            _ => {
                let starts = self.line_starts();
                let line = starts.partition_point(|&s| s <= offset);
                (line, starts[line - 1])
            }
        };
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let starts = self.line_starts();
        let start = starts[line - 1];
        let end = starts.get(line).map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Sorts diagnostics by file and position, so every run prints them in one order,
/// and drops repeats (a problem found by two stages is said once).
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.code, &b.message))
    });
    diagnostics.dedup();
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Formats diagnostics for a terminal: location, message, a code frame and the hint.
pub fn format_human(diagnostics: &[Diagnostic], lang: crate::vietnamese::Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let label = match d.severity {
            Severity::Error => lang.pick("lỗi", "error"),
            Severity::Warning => lang.pick("cảnh báo", "warning"),
        };
        let _ = writeln!(out, "{label}[{}]: {}: {}", d.code, d.location(), d.message);
        if let Some(snippet) = &d.snippet {
            let number = d.line.to_string();
            let pad = " ".repeat(number.len());
            let marks = format!(
                "{}{}",
                " ".repeat(snippet.underline.start),
                "^".repeat(snippet.underline.len())
            );
            let _ = writeln!(out, "{pad} |\n{number} | {}\n{pad} | {marks}", snippet.text);
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = {}: {help}", lang.pick("gợi ý", "help"));
        }
        out.push('\n');
    }
    out
}

/// The path of `path` relative to `root`, for messages.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The closest of `candidates` to `wanted`, if it is close enough to suggest.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Formats diagnostics as GitHub Actions workflow commands, so that a pull request
/// shows each problem on its line.
pub fn format_github(diagnostics: &[Diagnostic]) -> String {
    let escape_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_prop = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_prop(&slashed(&d.path)));
        // A workbook has no lines to annotate: a cell goes into the message.
        if d.line > 0 && d.cell.is_none() {
            let _ = write!(props, ",line={}", d.line);
        }
        if d.column > 0 && d.cell.is_none() {
            let _ = write!(props, ",col={}", d.column);
        }
        let _ = write!(props, ",title={}", escape_prop(d.code));
        let mut message = match d.cell_ref() {
            Some(cell) => format!("{cell}: {}", d.message),
            None => d.message.clone(),
        };
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        let _ = writeln!(out, "::{kind} {props}::{}", escape_data(&message));
    }
    out
}

/// Formats diagnostics as JSON: `{ "errors": N, "warnings": N, "diagnostics": [ … ] }`.
pub fn format_json(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let value = serde_json::json!({
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "diagnostics": diagnostics,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let src = SourceText::new("+++\ntên = \"Hòa\"\nunit = 1\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(4), (2, 1));
        // "tên = " is 6 characters but 7 bytes.
        let at = src.text.find('"').unwrap();
        assert_eq!(src.line_col(at), (2, 7));
        assert_eq!(src.line_text(3), "unit = 1");
    }

    /// Counting line breaks (offsets near the start, before any line is indexed)
    /// and the index of lines give the same place for every offset.
    #[test]
    fn both_ways_of_finding_a_line_agree() {
        let text =
            "+++\nhọ tên = \"Lường Thị Ửng\"\r\n\n\nảnh = \"a.jpg\"\n+++\nĐoạn một.\n".repeat(90);
        assert!(text.len() > 4096, "offsets past the counting limit too");
        let indexed = SourceText::new(&text);
        indexed.line_starts();
        for offset in (0..=text.len() + 2).filter(|&i| text.is_char_boundary(i.min(text.len()))) {
            let fresh = SourceText::new(&text);
            assert_eq!(
                fresh.line_col(offset),
                indexed.line_col(offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn a_cell_is_printed_where_a_line_would_be() {
        let d = Diagnostic::error("annex-unit", "khen-thuong/qd/phu-luc.xlsx", "không thấy")
            .at_cell("Sheet1!D14", 14, 4);
        assert_eq!(d.location(), "khen-thuong/qd/phu-luc.xlsx: Sheet1!D14");
        let human = format_human(std::slice::from_ref(&d), crate::vietnamese::Lang::Vi);
        assert!(human.contains("khen-thuong/qd/phu-luc.xlsx: Sheet1!D14: không thấy"));
        let github = format_github(std::slice::from_ref(&d));
        assert_eq!(
            github,
            "::error file=khen-thuong/qd/phu-luc.xlsx,title=annex-unit::Sheet1!D14: không thấy\n"
        );
        let json: serde_json::Value = serde_json::from_str(&format_json(&[d])).unwrap();
        assert_eq!(json["diagnostics"][0]["cell"], "Sheet1!D14");
        assert_eq!(json["diagnostics"][0]["line"], 14);
        assert!(
            std::mem::size_of::<Diagnostic>() < 128,
            "clippy: result_large_err"
        );
        let whole = Diagnostic::error("x", "a.md", "m");
        let json: serde_json::Value = serde_json::from_str(&format_json(&[whole])).unwrap();
        assert!(json["diagnostics"][0].get("cell").is_none());
    }

    #[test]
    fn windows_separators_print_as_slashes() {
        assert_eq!(
            to_slashes(r"content\guong-dien-hinh\nguyễn-thị-hoa\index.md", '\\'),
            "content/guong-dien-hinh/nguyễn-thị-hoa/index.md"
        );
        // On Linux and macOS a backslash is a character of the file's name.
        assert_eq!(to_slashes(r"content\a.md", '/'), r"content\a.md");
    }

    #[test]
    fn every_format_prints_the_path_with_slashes() {
        // Built from components: on Windows this path holds `\` separators.
        let path: PathBuf = ["content", "guong-dien-hinh", "hoa.md"].iter().collect();
        let d = Diagnostic::error("unknown-key", path, "khoá `unti` không có").at_line(3, 1);
        let want = "content/guong-dien-hinh/hoa.md";
        let human = format_human(std::slice::from_ref(&d), crate::vietnamese::Lang::Vi);
        assert!(human.contains(&format!("{want}:3:1")), "{human}");
        let github = format_github(std::slice::from_ref(&d));
        assert!(
            github.starts_with(&format!("::error file={want},line=3,col=1,")),
            "{github}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&format_json(std::slice::from_ref(&d))).unwrap();
        assert_eq!(json["diagnostics"][0]["path"], want);
    }

    #[test]
    fn suggestions_pick_the_closest_candidate() {
        assert_eq!(
            did_you_mean("unti", ["unit", "title", "name"]),
            Some("unit")
        );
        assert_eq!(
            did_you_mean("thcs-bach-long-vy", ["thcs-bach-long-vi", "mn-hoa-sen"]),
            Some("thcs-bach-long-vi")
        );
        assert_eq!(did_you_mean("zzz", ["unit", "title"]), None);
    }
}
