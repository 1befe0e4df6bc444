//! Problems at an annex's cells: text in an old encoding, personal data (DOMAIN.md
//! §7: no phone, ID number, e-mail or date of birth, and no column that holds them),
//! numbered rows without a name, an annex with nobody in it.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::encoding::{self, Legacy};
use super::grid::{Grid, Value};
use super::header::{Header, Kind};
use super::{Cell, ReadOptions, Row};
use crate::diagnostics::Diagnostic;
use crate::domain::privacy;
use crate::vietnamese::Lang;

/// Encoding problems reported one by one; past this many, one line counts the rest
/// (a whole TCVN3 file would otherwise print a problem per cell).
const MAX_ENCODING: usize = 20;

/// Every problem of the annex's cells, from the header row to the last recipient.
pub fn check(
    path: &Path,
    grid: &Grid,
    header: &Header,
    rows: &[Row],
    nameless: &[Cell],
    options: &ReadOptions,
) -> Vec<Diagnostic> {
    let lang = options.lang;
    let mut problems = Vec::new();
    let sheet: Option<Arc<str>> = grid.sheet.as_deref().map(Arc::from);
    for column in &header.columns {
        if let Kind::Personal { vi, en } = column.kind {
            let cell = Cell {
                sheet: sheet.clone(),
                row: header.row,
                col: column.col,
            };
            problems.push(personal_column(
                path,
                &cell,
                &column.title,
                lang.pick(vi, en),
                lang,
            ));
        }
    }
    let refused: Vec<u32> = header
        .columns
        .iter()
        .filter(|c| matches!(c.kind, Kind::Personal { .. }))
        .map(|c| c.col)
        .collect();
    let last = rows
        .iter()
        .map(|r| r.name.cell.row)
        .chain(nameless.iter().map(|c| c.row))
        .max();
    let mut encodings = 0;
    for (i, cells) in grid.rows.iter().enumerate() {
        let row = grid.origin.0 + i as u32;
        if row < header.row || last.is_none_or(|last| row > last) {
            continue;
        }
        for (j, value) in cells.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let col = grid.origin.1 + j as u32;
            let cell = Cell {
                sheet: sheet.clone(),
                row,
                col,
            };
            let data = row > header.row && !refused.contains(&col);
            if let Value::Text(text) = value
                && let Some(found) = encoding::detect(text)
            {
                encodings += 1;
                if encodings <= MAX_ENCODING {
                    problems.push(encoding_problem(path, &cell, text, &found, lang));
                }
            }
            if data {
                problems.extend(personal_data(path, &cell, value, options));
            }
        }
    }
    if encodings > MAX_ENCODING {
        problems.push(Diagnostic::error(
            "annex-encoding",
            path,
            format!(
                "{} {}",
                encodings - MAX_ENCODING,
                lang.pick(
                    "ô khác cũng có vẻ gõ bằng bảng mã cũ: chuyển mã cả tệp một lần",
                    "more cells also look typed in an old encoding: convert the whole file at once",
                )
            ),
        ));
    }
    for cell in nameless {
        problems.push(
            cell.place(
                Diagnostic::error(
                    "annex-no-name",
                    path,
                    lang.pick(
                        "dòng có số thứ tự nhưng không có họ tên",
                        "a numbered row has no name",
                    ),
                )
                .with_help(lang.pick(
                    "ghi họ tên (hoặc tên tập thể) vào ô này, hoặc xoá cả dòng",
                    "write the name (or the collective's name) in this cell, or delete the row",
                )),
            ),
        );
    }
    if rows.is_empty() {
        problems.push(Diagnostic::error(
            "annex-empty",
            path,
            lang.pick(
                "dưới dòng tiêu đề không có ai trong danh sách",
                "no recipient below the header row",
            ),
        ));
    }
    problems
}

/// A column of personal data in the header.
fn personal_column(path: &Path, cell: &Cell, title: &str, what: &str, lang: Lang) -> Diagnostic {
    cell.place(
        Diagnostic::error(
            "annex-personal-column",
            path,
            format!(
                "{} «{title}» ({what}) {}",
                lang.pick("cột", "the column"),
                lang.pick(
                    "chứa thông tin cá nhân không được công khai",
                    "holds personal data that is never published",
                ),
            ),
        )
        .with_help(lang.pick(
            "xoá cả cột này khỏi tệp phụ lục trước khi đưa lên trang (kho mã là công khai); chỉ giữ STT, họ tên, chức vụ, đơn vị, danh hiệu",
            "delete the whole column from the annex before it goes on the site (the repository is public); keep only STT, name, position, unit, award",
        )),
    )
}

/// Personal data in one cell: what [`privacy::scan`] finds in text, long numbers
/// (Excel drops a phone number's leading 0), dates (of birth, in a list of people).
fn personal_data(
    path: &Path,
    cell: &Cell,
    value: &Value,
    options: &ReadOptions,
) -> Vec<Diagnostic> {
    let lang = options.lang;
    match value {
        Value::Text(text) => {
            let mut found: Vec<Diagnostic> = privacy::scan(text, options.allow)
                .into_iter()
                .map(|(kind, _)| {
                    cell.place(
                        Diagnostic::error(kind.code(), path, kind.message(lang)).with_help(kind.help(lang)),
                    )
                })
                .collect();
            if text.bytes().any(|b| b.is_ascii_digit()) && date_pattern().is_match(text) {
                found.push(date_of_birth(path, cell, lang));
            }
            found
        }
        Value::Int(n) if n.unsigned_abs() >= 100_000_000 => vec![cell.place(
            Diagnostic::error(
                "personal-id",
                path,
                lang.pick(
                    "số có từ 9 chữ số trở lên: có vẻ là số điện thoại (Excel bỏ số 0 ở đầu) hoặc số định danh cá nhân",
                    "a number of 9 digits or more: it looks like a phone number (Excel drops the leading 0) or a personal ID",
                ),
            )
            .with_help(lang.pick(
                "xoá số này: không đăng số điện thoại hay số định danh cá nhân",
                "remove this number: phone numbers and personal IDs are never published",
            )),
        )],
        Value::Date => vec![date_of_birth(path, cell, lang)],
        _ => Vec::new(),
    }
}

/// A full date in a recipient's row: in a list of people, a date of birth.
fn date_of_birth(path: &Path, cell: &Cell, lang: Lang) -> Diagnostic {
    cell.place(
        Diagnostic::error(
            "personal-birth-date",
            path,
            lang.pick(
                "ô có ngày tháng: trong danh sách người được khen, đó thường là ngày sinh, không được công khai",
                "the cell holds a date: in a list of recipients that is usually a date of birth, which is never published",
            ),
        )
        .with_help(lang.pick(
            "xoá ngày này khỏi tệp phụ lục; nếu cần ghi mốc thời gian, ghi «năm học 2024–2025» vào phần nội dung quyết định",
            "remove the date from the annex; a period belongs in the decision's text («năm học 2024–2025»)",
        )),
    )
}

/// A day, month and year: 7/7/1985, 07-07-1985, 07.07.1985.
fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)[0-3]?[0-9][/.-][01]?[0-9][/.-](?:19|20)[0-9]{2}(?-u:\b)")
            .expect("a valid built-in pattern")
    })
}

/// A cell typed in an old Vietnamese encoding, or UTF-8 read as Windows-1252.
pub fn encoding_problem(
    path: &Path,
    cell: &Cell,
    text: &str,
    found: &Legacy,
    lang: Lang,
) -> Diagnostic {
    let (name, help) = match found {
        Legacy::Tcvn3(_) => (
            "TCVN3 (ABC)",
            lang.pick(
                "chuyển cả tệp sang Unicode: chọn vùng dữ liệu, sao chép (Ctrl+C), mở UniKey Toolkit (Ctrl+Shift+F6), chọn Nguồn «TCVN3 (ABC)», Đích «Unicode», bấm «Chuyển mã», dán lại (Ctrl+V) và đổi phông chữ sang Times New Roman",
                "convert the whole file to Unicode: select the data, copy (Ctrl+C), open UniKey Toolkit (Ctrl+Shift+F6), choose source «TCVN3 (ABC)», target «Unicode», press «Chuyển mã», paste back (Ctrl+V) and change the font to Times New Roman",
            ),
        ),
        Legacy::Vni(_) => (
            "VNI Windows",
            lang.pick(
                "chuyển cả tệp sang Unicode: chọn vùng dữ liệu, sao chép (Ctrl+C), mở UniKey Toolkit (Ctrl+Shift+F6), chọn Nguồn «VNI Windows», Đích «Unicode», bấm «Chuyển mã», dán lại (Ctrl+V) và đổi phông chữ sang Times New Roman",
                "convert the whole file to Unicode: select the data, copy (Ctrl+C), open UniKey Toolkit (Ctrl+Shift+F6), choose source «VNI Windows», target «Unicode», press «Chuyển mã», paste back (Ctrl+V) and change the font to Times New Roman",
            ),
        ),
        Legacy::Mojibake(_) => (
            lang.pick("UTF-8 bị đọc nhầm thành Windows-1252", "UTF-8 misread as Windows-1252"),
            lang.pick(
                "gõ lại ô này, hoặc nhập lại dữ liệu gốc với bảng mã UTF-8 (Excel: Dữ liệu › Từ Văn bản/CSV › Nguồn tệp «65001: Unicode (UTF-8)»)",
                "retype the cell, or import the source again as UTF-8 (Excel: Data › From Text/CSV › File origin «65001: Unicode (UTF-8)»)",
            ),
        ),
    };
    cell.place(
        Diagnostic::error(
            "annex-encoding",
            path,
            format!(
                "«{text}» {} {name}: {} «{}»",
                lang.pick("có vẻ gõ bằng bảng mã", "looks typed in"),
                lang.pick("có lẽ là", "probably"),
                found.converted()
            ),
        )
        .with_help(help),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_are_found_but_not_years_or_decision_numbers() {
        for text in ["12/05/1985", "sinh 7/7/1990", "01-12-1979", "3.4.2001"] {
            assert!(date_pattern().is_match(text), "{text}");
        }
        for text in [
            "năm học 2024-2025",
            "1234/QĐ-SGDĐT",
            "Lớp 9/2",
            "12/2024",
            "2025",
        ] {
            assert!(!date_pattern().is_match(text), "{text}");
        }
    }
}
