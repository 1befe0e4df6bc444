//! Opening the file and choosing its sheet: `recipients_sheet` when given, else the
//! first visible sheet with a header row. Problems that leave nothing to read.

use std::path::Path;

use super::encoding;
use super::grid::{self, CsvError, Format, Grid, Value, Workbook};
use super::header::{self, Header};
use super::{Cell, ReadOptions};
use crate::diagnostics::{Diagnostic, did_you_mean};

/// The grid of the chosen sheet and its header, or why there is none.
pub fn choose(
    path: &Path,
    bytes: &[u8],
    format: Format,
    options: &ReadOptions,
) -> Result<(Grid, Header), Vec<Diagnostic>> {
    let lang = options.lang;
    if format == Format::Csv {
        let grid = grid::csv(bytes).map_err(|e| vec![csv_problem(path, e, options)])?;
        return with_header(path, grid, options);
    }
    let mut book = Workbook::open(bytes, format).map_err(|e| {
        vec![
            Diagnostic::error(
                "annex-unreadable",
                path,
                format!("{}: {e}", lang.pick("không đọc được bảng tính", "cannot read the workbook")),
            )
            .with_help(lang.pick(
                "mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại dạng .xlsx (Excel Workbook) rồi thử lại",
                "open the file in Excel or LibreOffice Calc, save it again as .xlsx (Excel Workbook) and retry",
            )),
        ]
    })?;
    if let Some(wanted) = options.sheet {
        let all = book.all_sheet_names();
        if !all.iter().any(|s| s == wanted) {
            let mut d = Diagnostic::error(
                "annex-sheet",
                path,
                format!(
                    "{} «{wanted}»; {}: {}",
                    lang.pick("không có trang tính", "there is no sheet"),
                    lang.pick("tệp có", "the file has"),
                    quoted(&all)
                ),
            );
            if let Some(near) = did_you_mean(wanted, all.iter().map(String::as_str)) {
                d = d.with_help(format!(
                    "{} recipients_sheet = \"{near}\"?",
                    lang.pick("ý bạn là", "did you mean")
                ));
            }
            return Err(vec![d]);
        }
        let grid = load(path, &mut book, wanted, options)?;
        return with_header(path, grid, options);
    }
    let names = book.sheet_names();
    let mut first: Option<Grid> = None;
    for name in &names {
        let grid = load(path, &mut book, name, options)?;
        if let Some(header) = header::find(&grid) {
            return Ok((grid, header));
        }
        first.get_or_insert(grid);
    }
    let Some(grid) = first else {
        return Err(vec![Diagnostic::error(
            "annex-empty",
            path,
            lang.pick(
                "bảng tính không có trang tính nào",
                "the workbook has no worksheet",
            ),
        )]);
    };
    Err(no_header(path, &grid, &names, options))
}

/// One sheet's grid.
fn load(
    path: &Path,
    book: &mut Workbook,
    name: &str,
    options: &ReadOptions,
) -> Result<Grid, Vec<Diagnostic>> {
    book.grid(name).map_err(|e| {
        vec![Diagnostic::error(
            "annex-unreadable",
            path,
            format!(
                "{} «{name}»: {e}",
                options
                    .lang
                    .pick("không đọc được trang tính", "cannot read the sheet")
            ),
        )]
    })
}

/// The grid with its header, or the errors that it has none.
fn with_header(
    path: &Path,
    grid: Grid,
    options: &ReadOptions,
) -> Result<(Grid, Header), Vec<Diagnostic>> {
    match header::find(&grid) {
        Some(header) => Ok((grid, header)),
        None => {
            let names: Vec<String> = grid.sheet.iter().cloned().collect();
            Err(no_header(path, &grid, &names, options))
        }
    }
}

/// No header row: say what was looked for, and whether the text is in an old
/// encoding (a TCVN3 header reads "Hä vµ tªn", which no name matches).
fn no_header(path: &Path, grid: &Grid, names: &[String], options: &ReadOptions) -> Vec<Diagnostic> {
    let lang = options.lang;
    let mut message = lang
        .pick(
            "không tìm thấy dòng tiêu đề của danh sách (cột «Họ và tên» và một trong các cột «STT», «Chức vụ», «Đơn vị», «Danh hiệu»)",
            "no header row found (a «Họ và tên» column and one of «STT», «Chức vụ», «Đơn vị», «Danh hiệu»)",
        )
        .to_string();
    if names.len() > 1 {
        message.push_str(&format!(
            " {} {}",
            lang.pick("trong các trang tính", "in the sheets"),
            quoted(names)
        ));
    }
    let mut problems = vec![Diagnostic::error("annex-no-header", path, message).with_help(lang.pick(
        "đặt tên cột đúng như mẫu: STT, Họ và tên, Chức vụ, Đơn vị, Danh hiệu; hoặc ghi recipients_sheet = \"tên trang tính\"",
        "name the columns as in the template: STT, Họ và tên, Chức vụ, Đơn vị, Danh hiệu; or set recipients_sheet = \"sheet name\"",
    ))];
    let sheet = grid.sheet.as_deref().map(std::sync::Arc::from);
    'rows: for (i, cells) in grid.rows.iter().enumerate().take(30) {
        for (j, value) in cells.iter().enumerate() {
            let Value::Text(text) = value else { continue };
            if let Some(found) = encoding::detect(text) {
                let cell = Cell {
                    sheet: sheet.clone(),
                    row: grid.origin.0 + i as u32,
                    col: grid.origin.1 + j as u32,
                };
                problems.push(super::checks::encoding_problem(
                    path, &cell, text, &found, lang,
                ));
                break 'rows;
            }
        }
    }
    problems
}

/// A CSV file that cannot be read.
fn csv_problem(path: &Path, e: CsvError, options: &ReadOptions) -> Diagnostic {
    let lang = options.lang;
    match e {
        CsvError::NotUtf8 {
            line,
            column,
            as_1258,
        } => {
            let legacy = encoding::detect(&as_1258);
            let what = match &legacy {
                Some(encoding::Legacy::Tcvn3(_)) => "TCVN3 (ABC)",
                Some(encoding::Legacy::Vni(_)) => "VNI",
                _ => "Windows-1258",
            };
            Diagnostic::error(
                "annex-not-utf8",
                path,
                format!(
                    "{} {what} ({}: «{as_1258}»)",
                    lang.pick(
                        "tệp CSV không phải UTF-8; có vẻ được lưu bằng bảng mã",
                        "the CSV file is not UTF-8; it looks saved as",
                    ),
                    lang.pick("đọc theo bảng mã đó, dòng này là", "read that way, this line is"),
                ),
            )
            .at_line(line, column)
            .with_help(lang.pick(
                "mở tệp bằng Excel, chọn Tệp › Lưu thành, ở «Kiểu tệp» chọn «CSV UTF-8 (Comma delimited) (*.csv)» rồi lưu; hoặc dùng tệp .xlsx",
                "open the file in Excel, choose File › Save As, pick «CSV UTF-8 (Comma delimited) (*.csv)» as the file type and save; or use the .xlsx file",
            ))
        }
        CsvError::Malformed(e) => Diagnostic::error(
            "annex-unreadable",
            path,
            format!("{}: {e}", lang.pick("tệp CSV hỏng", "malformed CSV file")),
        )
        .with_help(lang.pick(
            "mở tệp bằng Excel hoặc LibreOffice Calc và lưu lại dạng CSV UTF-8",
            "open the file in Excel or LibreOffice Calc and save it again as CSV UTF-8",
        )),
    }
}

/// «A», «B», «C».
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("«{n}»"))
        .collect::<Vec<_>>()
        .join(", ")
}
