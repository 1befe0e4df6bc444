//! A decision's annex ("phụ lục") read straight from the office's spreadsheet: the
//! recipients of a commendation, one a row, as XLSX, XLS, ODS or CSV.
//!
//! 1. [`grid`]: the file's bytes as cell values (calamine, csv);
//! 2. [`header`]: the sheet and its header row, found by Vietnamese column names;
//! 3. [`rows`]: the recipients below it, in annex order;
//! 4. [`checks`]: encodings, personal data, rows without a name, at their cells;
//! 5. [`units`] and [`matching`]: unit names as the office writes them, to unit ids.
//!
//! Pure but for [`from_file`]; every problem of a file comes back in one run.

pub mod checks;
pub mod encoding;
pub mod grid;
pub mod header;
pub mod matching;
pub mod rows;
mod sheet;
pub mod units;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::vietnamese::Lang;

pub use grid::Format;
pub use header::{Column, Header, Kind};
pub use matching::{MatchOptions, Matched, MissingUnit, match_units};
pub use units::{Match, UnitMatcher};

/// A cell of the annex, shown as a spreadsheet program names it: `Sheet1!D14`,
/// `'Danh sách'!D14` when the sheet's name has a space, `D14` in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    pub sheet: Option<Arc<str>>,
    /// 0-based row and column.
    pub row: u32,
    pub col: u32,
}

impl Cell {
    /// 1-based row, as the spreadsheet shows it.
    pub fn row_number(&self) -> usize {
        self.row as usize + 1
    }

    /// Places a diagnostic at this cell.
    pub fn place(&self, d: Diagnostic) -> Diagnostic {
        d.at_cell(self.to_string(), self.row_number(), self.col as usize + 1)
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format!("{}{}", grid::column_letters(self.col), self.row_number());
        match self.sheet.as_deref() {
            None => f.write_str(&at),
            Some(s) if s.chars().all(|c| c.is_alphanumeric() || c == '_') => write!(f, "{s}!{at}"),
            Some(s) => write!(f, "'{}'!{at}", s.replace('\'', "''")),
        }
    }
}

/// A text read from one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// NFC, trimmed, inner whitespace collapsed.
    pub text: String,
    pub cell: Cell,
}

/// A person or a collective (tập thể).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Person,
    Collective,
}

/// One recipient of the annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The STT, when the annex numbers its rows.
    pub number: Option<u32>,
    pub name: Field,
    pub position: Option<Field>,
    /// The unit as the office wrote it; with `unit_with_position`, the text of a
    /// "Chức vụ, đơn vị công tác" column ("Giáo viên Trường THCS …").
    pub unit: Option<Field>,
    pub unit_with_position: bool,
    /// The award as written in the row, if the annex has such a column.
    pub award: Option<Field>,
    /// From a subject column, else the name ("Tổ …", "Trường …"), else the section.
    pub subject: Subject,
    /// The title of the section line above the row ("Tập thể lao động tiên tiến").
    pub section: Option<String>,
}

impl Row {
    /// The sheet the row is on (`None` in a CSV file).
    pub fn sheet(&self) -> Option<&str> {
        self.name.cell.sheet.as_deref()
    }

    /// 1-based row of the sheet.
    pub fn row_number(&self) -> usize {
        self.name.cell.row_number()
    }
}

/// An annex as read: the sheet, its header and its recipients in annex order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex {
    pub format: Format,
    /// `None` for a CSV file.
    pub sheet: Option<String>,
    pub header: Header,
    pub rows: Vec<Row>,
}

/// How to read an annex.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    /// `recipients_sheet`: the sheet to read; else the first with a header.
    pub sheet: Option<&'a str>,
    pub lang: Lang,
    /// Public numbers and addresses (`[privacy] allow` in site.toml).
    pub allow: &'a [String],
}

/// What reading gave: the annex, unless the file could not be read at all, and every
/// problem found.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub annex: Option<Annex>,
    pub problems: Vec<Diagnostic>,
}

/// Reads the annex at `rel` under `root` (the thin I/O edge of [`read`]).
pub fn from_file(root: &Path, rel: &Path, options: &ReadOptions) -> Read {
    match std::fs::read(root.join(rel)) {
        Ok(bytes) => read(rel, &bytes, options),
        Err(e) => Read {
            annex: None,
            problems: vec![
                Diagnostic::error(
                    "annex-missing",
                    rel,
                    format!(
                        "{} `{}`: {e}",
                        options.lang.pick("không đọc được tệp phụ lục", "cannot read the annex file"),
                        rel.display()
                    ),
                )
                .with_help(options.lang.pick(
                    "đặt tệp phụ lục cạnh index.md của quyết định và ghi đúng tên tệp trong recipients_file",
                    "put the annex beside the decision's index.md and name it exactly in recipients_file",
                )),
            ],
        },
    }
}

/// Reads an annex from its bytes; `path` names the file in messages and gives the
/// format by its extension.
pub fn read(path: &Path, bytes: &[u8], options: &ReadOptions) -> Read {
    let lang = options.lang;
    let Some(format) = Format::from_path(path) else {
        return failed(
            Diagnostic::error(
                "annex-format",
                path,
                lang.pick(
                    "tệp phụ lục không phải bảng tính",
                    "the annex is not a spreadsheet",
                ),
            )
            .with_help(lang.pick(
                "dùng tệp .xlsx, .xls, .ods hoặc .csv",
                "use an .xlsx, .xls, .ods or .csv file",
            )),
        );
    };
    let (grid, header) = match sheet::choose(path, bytes, format, options) {
        Ok(found) => found,
        Err(problems) => {
            return Read {
                annex: None,
                problems,
            };
        }
    };
    let (rows, nameless) = rows::read(&grid, &header);
    let problems = checks::check(path, &grid, &header, &rows, &nameless, options);
    Read {
        annex: Some(Annex {
            format,
            sheet: grid.sheet.clone(),
            header,
            rows,
        }),
        problems,
    }
}

/// A read that gave no annex.
fn failed(d: Diagnostic) -> Read {
    Read {
        annex: None,
        problems: vec![d],
    }
}
