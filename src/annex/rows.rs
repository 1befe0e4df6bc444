//! The rows below an annex's header: one recipient each, in annex order. Blank
//! rows, the line of column numbers under the header, section lines ("I. TẬP THỂ")
//! and everything from the footer on ("Tổng cộng", "(Danh sách có 120 người)", the
//! signature block) are not recipients.

use std::sync::Arc;

use super::grid::Grid;
use super::header::{Header, Kind, words};
use super::{Cell, Field, Row, Subject};

/// The recipients of `grid` below `header`, and the cells of the name column in
/// numbered rows that have no name.
pub fn read(grid: &Grid, header: &Header) -> (Vec<Row>, Vec<Cell>) {
    let sheet: Option<Arc<str>> = grid.sheet.as_deref().map(Arc::from);
    let start = (header.row + 1 - grid.origin.0) as usize;
    let mut rows = Vec::new();
    let mut nameless = Vec::new();
    let mut section: Option<String> = None;
    for (i, cells) in grid.rows.iter().enumerate().skip(start) {
        let row = grid.origin.0 + i as u32;
        let texts: Vec<(u32, String)> = cells
            .iter()
            .enumerate()
            .filter_map(|(j, v)| Some((grid.origin.1 + j as u32, v.text()?.into_owned())))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if texts.is_empty() || (i == start && column_numbers(&texts)) {
            continue;
        }
        let field = |kind: Kind| -> Option<Field> {
            let col = header.col(kind)?;
            let text = grid.get(row, col).text()?.into_owned();
            (!text.is_empty()).then(|| Field {
                text,
                cell: Cell {
                    sheet: sheet.clone(),
                    row,
                    col,
                },
            })
        };
        let number = field(Kind::Number);
        let numbered = number.as_ref().is_some_and(|n| stt(&n.text).is_some());
        let name = field(Kind::Name);
        // A recipient's row has a number, or a name: "Hiệu trưởng" there is a
        // position, below the table the title of a signature.
        if !numbered
            && texts.iter().any(|(_, t)| {
                footer(t) == Some(End::List) || (name.is_none() && footer(t).is_some())
            })
        {
            break;
        }
        if let Some(title) = section_title(&texts, number.as_ref(), name.as_ref(), header) {
            section = Some(title);
            continue;
        }
        let Some(name) = name else {
            // A numbered row without a name is reported; a stray note beside the
            // table is not a recipient.
            if let (true, Some(col)) = (numbered, header.col(Kind::Name)) {
                nameless.push(Cell {
                    sheet: sheet.clone(),
                    row,
                    col,
                });
            }
            continue;
        };
        let (position, unit) = match field(Kind::PositionAndUnit) {
            Some(both) => (None, Some(both)),
            None => (field(Kind::Position), field(Kind::Unit)),
        };
        let subject_field = field(Kind::Subject);
        let subject = subject_field
            .as_ref()
            .and_then(|f| subject_from_column(&f.text))
            .or_else(|| collective_name(&name.text).then_some(Subject::Collective))
            .or_else(|| section.as_deref().and_then(subject_from_section))
            .unwrap_or(Subject::Person);
        rows.push(Row {
            number: number.as_ref().and_then(|n| stt(&n.text)),
            name,
            position,
            unit,
            unit_with_position: header.col(Kind::PositionAndUnit).is_some(),
            award: field(Kind::Award),
            subject,
            section: section.clone(),
        });
    }
    (rows, nameless)
}

/// The number in an STT cell: "12" or "12.".
fn stt(text: &str) -> Option<u32> {
    text.trim_end_matches('.').parse().ok()
}

/// The line of column numbers some annexes put under the header: "(1) (2) (3)" or
/// "1 2 3 4", or letters "A B C".
fn column_numbers(texts: &[(u32, String)]) -> bool {
    texts.len() >= 2
        && texts.iter().all(|(_, t)| {
            let t = t.trim_matches(['(', ')']);
            t.len() <= 2 && t.chars().all(|c| c.is_ascii_alphanumeric())
        })
        && !texts
            .iter()
            .any(|(_, t)| t.len() > 1 && t.chars().all(|c| c.is_ascii_alphabetic()))
}

/// What a footer line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// The total, the count of the list, the recipients of copies: the list is over.
    List,
    /// A signature's title (KT. GIÁM ĐỐC, Hiệu trưởng): the list is over unless the
    /// row names someone, whose position it may be.
    Signature,
}

/// Whether a cell of a row without a number starts the footer. Everything from there
/// down is not a recipient. Compared with diacritics: "Cộng" ends a list, "Công
/// nghệ" does not.
fn footer(text: &str) -> Option<End> {
    const LIST: &[&str] = &[
        "tổng cộng",
        "tổng số",
        "cộng",
        "danh sách này có",
        "danh sách có",
        "danh sách gồm",
        "ấn định danh sách",
        "ấn định",
        "người lập biểu",
        "nơi nhận",
        "đã ký",
    ];
    const SIGNATURE: &[&str] = &[
        "kt",
        "tm",
        "giám đốc",
        "phó giám đốc",
        "chủ tịch",
        "phó chủ tịch",
        "hiệu trưởng",
        "người lập",
    ];
    let lower: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let w = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let starts = |p: &&str| w == *p || w.strip_prefix(p).is_some_and(|rest| rest.starts_with(' '));
    if LIST.iter().any(starts) {
        Some(End::List)
    } else if SIGNATURE.iter().any(starts) {
        Some(End::Signature)
    } else {
        None
    }
}

/// A section line's title ("I. Tập thể lao động tiên tiến" → "Tập thể lao động
/// tiên tiến"), if the row is one: a Roman numeral or a letter in the number column,
/// or a lone text with no number beside it.
fn section_title(
    texts: &[(u32, String)],
    number: Option<&Field>,
    name: Option<&Field>,
    header: &Header,
) -> Option<String> {
    let numbered = number.is_some_and(|n| n.text.trim_end_matches('.').parse::<u32>().is_ok());
    let roman = number.is_some_and(|n| is_roman_or_letter(n.text.trim_end_matches('.')));
    let lone = texts.len() == 1 && !numbered && header.col(Kind::Number).is_some();
    if !(roman || lone) {
        return None;
    }
    let text = match (roman, name) {
        (true, Some(name)) => name.text.clone(),
        _ => texts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    };
    Some(strip_numbering(&text).to_string())
}

/// I, II, …, XX, or a single capital letter (A, B).
fn is_roman_or_letter(t: &str) -> bool {
    (!t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
        || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()))
}

/// "II. Cá nhân" → "Cá nhân"; "B - Tập thể" → "Tập thể".
fn strip_numbering(text: &str) -> &str {
    let Some((head, rest)) = text.split_once(['.', '-', ')', ':']) else {
        return text;
    };
    let head = head.trim();
    if is_roman_or_letter(head) || head.parse::<u32>().is_ok() {
        rest.trim()
    } else {
        text
    }
}

/// "Cá nhân" / "Tập thể" (or CN / TT) in a subject column.
fn subject_from_column(text: &str) -> Option<Subject> {
    match words(text).as_str() {
        "ca nhan" | "cn" => Some(Subject::Person),
        "tap the" | "tt" => Some(Subject::Collective),
        _ => None,
    }
}

/// A section about collectives ("Tập thể lao động tiên tiến") or people.
fn subject_from_section(title: &str) -> Option<Subject> {
    let w = words(title);
    if w.starts_with("tap the") || w.starts_with("danh hieu tap the") {
        Some(Subject::Collective)
    } else if w.starts_with("ca nhan") {
        Some(Subject::Person)
    } else {
        None
    }
}

/// Whether a name is a collective's: it starts with the word of a group (compared
/// with diacritics: "Tổ" is a group, "Tô" a family name; "Đoàn" alone is a family
/// name, "Đoàn trường" a group).
pub fn collective_name(name: &str) -> bool {
    const GROUPS: &[&str] = &[
        "tập thể",
        "tổ",
        "trường",
        "phòng",
        "ban",
        "khoa",
        "lớp",
        "khối",
        "chi đoàn",
        "chi bộ",
        "đoàn trường",
        "đoàn thanh niên",
        "đoàn tncs",
        "liên đội",
        "chi đội",
        "công đoàn",
        "trung tâm",
        "văn phòng",
        "nhóm",
        "hội đồng",
        "câu lạc bộ",
        "đội",
        "bộ phận",
        "thư viện",
    ];
    let lower = name.to_lowercase();
    GROUPS.iter().any(|g| {
        lower
            .strip_prefix(g)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', '-']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collectives_are_told_from_people() {
        for name in [
            "Tập thể lớp 9A",
            "Tổ Toán Trường THCS Bạch Long Vĩ",
            "Trường THPT Cát Bà",
            "Chi đoàn giáo viên",
            "Liên đội Trường Tiểu học Vĩnh Bảo",
            "TỔ NUÔI DƯỠNG",
            "Đoàn trường THPT Kiến An",
        ] {
            assert!(collective_name(name), "{name}");
        }
        for name in [
            "Tô Thị Hằng",
            "Đoàn Văn Thịnh",
            "Trương Văn Dương",
            "Lê Văn Khoa",
        ] {
            assert!(!collective_name(name), "{name}");
        }
    }

    #[test]
    fn footers_end_the_list() {
        for line in [
            "Tổng cộng: 120 người",
            "(Danh sách này có 120 người)",
            "Ấn định danh sách có 05 tập thể",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Cộng",
            "Nơi nhận:",
        ] {
            assert!(footer(line).is_some(), "{line}");
        }
        for line in [
            "Nguyễn Thị Hoa",
            "Giáo viên",
            "Trường THCS Tiên Lãng",
            "Công nghệ",
        ] {
            assert_eq!(footer(line), None, "{line}");
        }
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        let value = |c: &&str| match c.parse::<i64>() {
            Ok(n) => super::super::grid::Value::Int(n),
            Err(_) => super::super::grid::text_value(c),
        };
        Grid {
            sheet: Some("Sheet1".into()),
            origin: (0, 0),
            rows: rows.iter().map(|r| r.iter().map(value).collect()).collect(),
        }
    }

    fn names(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.name.text.as_str()).collect()
    }

    #[test]
    fn a_position_is_not_a_signature_even_without_numbers() {
        let g = grid(&[
            &["Họ và tên", "Chức vụ", "Đơn vị"],
            &["Nguyễn Văn An", "Hiệu trưởng", "THCS Tiên Lãng"],
            &["Lê Thị Bình", "Chủ tịch Công đoàn", "THCS Tiên Lãng"],
            &["", "", "KT. HIỆU TRƯỞNG"],
            &["", "", "Trần Văn Cường"],
        ]);
        let header = super::super::header::find(&g).unwrap();
        let (rows, nameless) = read(&g, &header);
        assert_eq!(names(&rows), ["Nguyễn Văn An", "Lê Thị Bình"]);
        assert!(nameless.is_empty());
    }

    #[test]
    fn numbered_rows_column_numbers_and_sections() {
        let g = grid(&[
            &["QUYẾT ĐỊNH"],
            &["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            &["(1)", "(2)", "(3)", "(4)"],
            &["I", "TẬP THỂ"],
            &["1", "Tổ Toán", "", "THCS Tiên Lãng"],
            &["II", "CÁ NHÂN"],
            &["1", "Nguyễn Văn An", "Hiệu trưởng", "THCS Tiên Lãng"],
            &["2", "", "Giáo viên", "THCS Tiên Lãng"],
            &["3", "Đoàn Văn Thịnh", "Giáo viên", "THCS Tiên Lãng"],
            &["Tổng cộng: 3"],
            &["4", "Người sau tổng cộng", "", ""],
        ]);
        let header = super::super::header::find(&g).unwrap();
        let (rows, nameless) = read(&g, &header);
        assert_eq!(names(&rows), ["Tổ Toán", "Nguyễn Văn An", "Đoàn Văn Thịnh"]);
        assert_eq!(rows[0].subject, Subject::Collective);
        assert_eq!(rows[0].section.as_deref(), Some("TẬP THỂ"));
        assert_eq!(
            rows[2].subject,
            Subject::Person,
            "Đoàn is a family name here"
        );
        assert_eq!(nameless.len(), 1);
        assert_eq!(nameless[0].to_string(), "Sheet1!B8");
    }

    #[test]
    fn numbering_is_stripped_from_section_titles() {
        assert_eq!(
            strip_numbering("I. Tập thể lao động tiên tiến"),
            "Tập thể lao động tiên tiến"
        );
        assert_eq!(strip_numbering("B - Cá nhân"), "Cá nhân");
        assert_eq!(
            strip_numbering("Trường THCS Bạch Long Vĩ"),
            "Trường THCS Bạch Long Vĩ"
        );
        assert_eq!(
            subject_from_section("Tập thể lao động tiên tiến"),
            Some(Subject::Collective)
        );
        assert_eq!(subject_from_section("Cá nhân"), Some(Subject::Person));
    }
}
