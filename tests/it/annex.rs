//! Annexes written by real spreadsheet software (LibreOffice Calc, openpyxl), read by
//! `tonvinh::annex`: the fixtures in tests/fixtures/annex/ come from
//! scripts/make_annex_fixtures.py.

use std::path::{Path, PathBuf};

use tonvinh::annex::{self, MatchOptions, MissingUnit, ReadOptions, Subject, UnitMatcher};
use tonvinh::diagnostics::{self, Diagnostic, Severity};
use tonvinh::vietnamese::Lang;

/// The demo site's units (content/don-vi/), as (id, name).
const UNITS: &[(&str, &str)] = &[
    ("mn-bach-long-vi", "Trường Mầm non Bạch Long Vĩ"),
    ("mn-hoa-sen-le-chan", "Trường Mầm non Hoa Sen"),
    ("mn-ninh-giang", "Trường Mầm non Ninh Giang"),
    (
        "ptdtnt-hai-phong",
        "Trường Phổ thông Dân tộc nội trú Hải Phòng",
    ),
    (
        "so-gddt-van-phong",
        "Văn phòng Sở Giáo dục và Đào tạo Hải Phòng",
    ),
    ("th-con-son-chi-linh", "Trường Tiểu học Côn Sơn"),
    ("th-ly-tu-trong-hong-bang", "Trường Tiểu học Lý Tự Trọng"),
    ("th-thcs-cat-hai", "Trường TH&THCS Cát Hải"),
    ("th-vinh-bao", "Trường Tiểu học Vĩnh Bảo"),
    ("thcs-bach-long-vi", "Trường THCS Bạch Long Vĩ"),
    ("thcs-chu-van-an-ngo-quyen", "Trường THCS Chu Văn An"),
    ("thcs-thuy-nguyen", "Trường THCS Thủy Nguyên"),
    ("thcs-tien-lang", "Trường THCS Tiên Lãng"),
    ("thpt-cat-ba", "Trường THPT Cát Bà"),
    ("thpt-chuyen-tran-phu", "Trường THPT chuyên Trần Phú"),
    ("thpt-kien-an", "Trường THPT Kiến An"),
    ("thpt-kinh-mon", "Trường THPT Kinh Môn"),
    ("ttgdnn-gdtx-chi-linh", "Trung tâm GDNN-GDTX Chí Linh"),
];

/// The demo site's annex (decision 1235), written by LibreOffice Calc.
const DEMO: &str = "content/khen-thuong/qd-1235-sgddt-2025/phu-luc.xlsx";

fn fixture(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match name {
        DEMO => root.join(DEMO),
        _ => root.join("tests/fixtures/annex").join(name),
    }
}

/// Reads a fixture as `khen-thuong/qd/<name>`, the way a build would name it.
fn read(name: &str, lang: Lang) -> annex::Read {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let rel = PathBuf::from("khen-thuong/qd").join(name);
    annex::read(
        &rel,
        &bytes,
        &ReadOptions {
            lang,
            ..ReadOptions::default()
        },
    )
}

fn matcher() -> UnitMatcher {
    UnitMatcher::new(UNITS.iter().copied())
}

/// (name, position, unit id) of every row, units matched.
fn recipients(name: &str) -> (Vec<(String, String, String)>, Vec<Diagnostic>) {
    let read = read(name, Lang::Vi);
    let annex = read.annex.expect("an annex");
    let m = matcher();
    let rel = PathBuf::from("khen-thuong/qd").join(name);
    let (matched, mut problems) = annex::match_units(&rel, &annex, &m, &MatchOptions::default());
    problems.extend(read.problems);
    let rows = annex
        .rows
        .iter()
        .zip(&matched)
        .map(|(row, found)| {
            (
                row.name.text.clone(),
                found.position.clone().unwrap_or_default(),
                found.unit.map(|u| m.id(u).to_string()).unwrap_or_default(),
            )
        })
        .collect();
    (rows, problems)
}

/// The ten people of the LibreOffice fixtures, as the office meant them.
fn ten_people() -> Vec<(String, String, String)> {
    [
        ("Nguyễn Thị Hương", "Giáo viên Ngữ văn", "thcs-bach-long-vi"),
        ("Trần Văn Khải", "Hiệu trưởng", "thpt-cat-ba"),
        ("Lê Thị Thu Trang", "Tổ trưởng chuyên môn", "th-vinh-bao"),
        ("Phạm Quang Huy", "Giáo viên Toán", "thcs-tien-lang"),
        ("Đỗ Thị Mai Anh", "Giáo viên", "mn-hoa-sen-le-chan"),
        ("Vũ Đình Nam", "Phó Giám đốc", "ttgdnn-gdtx-chi-linh"),
        ("Hoàng Thị Lan", "Nhân viên thư viện", "thcs-thuy-nguyen"),
        ("Bùi Văn Thắng", "Giáo viên Vật lý", "ptdtnt-hai-phong"),
        (
            "Ngô Thị Hồng Nhung",
            "Giáo viên Tiếng Anh",
            "thpt-chuyen-tran-phu",
        ),
        ("Đặng Minh Tuấn", "Chủ tịch Công đoàn", "th-thcs-cat-hai"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect()
}

#[test]
fn libreoffice_xlsx_ods_and_xls_read_alike_below_a_merged_title_block() {
    for name in ["lo-calc.xlsx", "lo-calc.ods", "lo-calc.xls", "bom.csv"] {
        let (rows, problems) = recipients(name);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        assert_eq!(rows, ten_people(), "{name}");
    }
    let read = read("lo-calc.xlsx", Lang::Vi);
    let annex = read.annex.unwrap();
    assert_eq!(annex.sheet.as_deref(), Some("Sheet1"));
    // Title lines 1-6, a blank line, the header on row 7, column numbers on row 8.
    assert_eq!(annex.header.row, 6);
    let first = &annex.rows[0];
    assert_eq!(first.number, Some(1), "an STT cell is read as an integer");
    assert_eq!(first.row_number(), 9);
    assert_eq!(first.name.cell.to_string(), "Sheet1!B9");
    assert_eq!(first.unit.as_ref().unwrap().cell.to_string(), "Sheet1!D9");
    assert!(annex.rows.iter().all(|r| r.subject == Subject::Person));
    assert_eq!(annex.rows.last().unwrap().number, Some(10));
}

#[test]
fn an_openpyxl_workbook_with_sections_and_a_combined_column() {
    let read = read("openpyxl.xlsx", Lang::Vi);
    assert!(read.problems.is_empty(), "{:#?}", read.problems);
    let annex = read.annex.unwrap();
    assert_eq!(
        annex.sheet.as_deref(),
        Some("Danh sách"),
        "the first sheet with a header"
    );
    let subjects: Vec<Subject> = annex.rows.iter().map(|r| r.subject).collect();
    use Subject::{Collective, Person};
    assert_eq!(subjects, [Collective, Collective, Person, Person, Person]);
    assert_eq!(annex.rows[2].section.as_deref(), Some("CÁ NHÂN"));
    assert_eq!(annex.rows[4].number, Some(3), "3.0 is read as 3");
    assert_eq!(
        annex.rows[0].award.as_ref().unwrap().text,
        "Tập thể lao động tiên tiến"
    );
    assert_eq!(
        annex.rows[3].name.cell.to_string(),
        "'Danh sách'!B10",
        "a sheet name with a space is quoted as spreadsheets do"
    );
    let (rows, problems) = recipients("openpyxl.xlsx");
    assert!(problems.is_empty(), "{problems:#?}");
    let expected = [
        ("Tổ Toán Trường THCS Bạch Long Vĩ", "", "thcs-bach-long-vi"),
        ("Trường Mầm non Ninh Giang", "", "mn-ninh-giang"),
        ("Lê Văn Sáu", "Giáo viên", "th-con-son-chi-linh"),
        ("Hoàng Thị Mai", "Tổ trưởng tổ Ngữ văn", "thpt-kien-an"),
        ("Mai Thị Yến", "Kế toán", "th-ly-tu-trong-hong-bang"),
    ];
    let rows: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn a_windows_1258_csv_is_an_error_with_the_fix() {
    let read = read("windows-1258.csv", Lang::Vi);
    assert!(read.annex.is_none());
    let [d] = read.problems.as_slice() else {
        panic!("{:#?}", read.problems)
    };
    assert_eq!(d.code, "annex-not-utf8");
    assert_eq!(d.path, Path::new("khen-thuong/qd/windows-1258.csv"));
    assert!(d.message.contains("Windows-1258"), "{}", d.message);
    assert!(
        d.message.contains("SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("CSV UTF-8"));
    assert_eq!(d.line, 1);
}

#[test]
fn tcvn3_vni_and_mojibake_cells_are_errors_naming_the_encoding() {
    let read = read("legacy.xlsx", Lang::Vi);
    let found: Vec<(String, String)> = read
        .problems
        .iter()
        .filter(|d| d.code == "annex-encoding")
        .map(|d| (d.cell_ref().unwrap().to_string(), d.message.clone()))
        .collect();
    let cells: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        cells,
        [
            "Sheet1!B8",
            "Sheet1!C8",
            "Sheet1!D8",
            "Sheet1!B9",
            "Sheet1!C9",
            "Sheet1!D9",
            "Sheet1!B10"
        ]
    );
    assert!(found[0].1.contains("TCVN3") && found[0].1.contains("«Nguyễn Thị Hương»"));
    assert!(found[3].1.contains("VNI") && found[3].1.contains("«Phạm Văn Đức»"));
    assert!(found[6].1.contains("Windows-1252") && found[6].1.contains("«Trần Quốc Việt»"));
    let help = read.problems[0].help.as_deref().unwrap();
    assert!(
        help.contains("UniKey") && help.contains("Chuyển mã"),
        "{help}"
    );
}

#[test]
fn an_annex_typed_wholly_in_tcvn3_says_why_no_header_is_found() {
    let read = read("tcvn3.xlsx", Lang::Vi);
    assert!(read.annex.is_none());
    let codes: Vec<&str> = read.problems.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["annex-no-header", "annex-encoding"]);
    let d = &read.problems[1];
    assert_eq!(d.cell_ref(), Some("Sheet1!B1"));
    assert!(
        d.message.contains("TCVN3") && d.message.contains("«Họ và tên»"),
        "{}",
        d.message
    );
}

#[test]
fn every_problem_of_a_file_comes_in_one_run_at_its_cell() {
    let (rows, mut problems) = recipients("errors.xlsx");
    diagnostics::sort(&mut problems);
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|d| (d.code, d.cell_ref().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            ("annex-personal-column", "Sheet1!C7"),
            ("annex-unit", "Sheet1!E9"),
            ("personal-phone", "Sheet1!F9"),
            ("annex-no-name", "Sheet1!B10"),
            ("annex-no-unit", "Sheet1!E11"),
            ("personal-id", "Sheet1!F12"),
            ("personal-birth-date", "Sheet1!F13"),
            ("personal-id", "Sheet1!F13"),
        ]
    );
    assert_eq!(rows.len(), 5, "the nameless row is not a recipient");
    assert!(problems.iter().all(|d| d.severity == Severity::Error));
    let unit = problems.iter().find(|d| d.code == "annex-unit").unwrap();
    assert!(unit.message.contains("«Trường THCS Bạch Long Vi A»"));
    assert!(
        unit.help.as_deref().unwrap().contains("thcs-bach-long-vi"),
        "the closest unit is the hint: {unit:?}"
    );
    let human = diagnostics::format_human(&problems, Lang::Vi);
    assert!(
        human.contains("khen-thuong/qd/errors.xlsx: Sheet1!C7: cột «Ngày sinh»"),
        "{human}"
    );
}

#[test]
fn a_missing_unit_may_be_allowed_or_a_warning() {
    let read = read("errors.xlsx", Lang::En);
    let annex = read.annex.unwrap();
    let m = matcher();
    let codes = |missing_unit| {
        let options = MatchOptions {
            lang: Lang::En,
            missing_unit,
        };
        annex::match_units(Path::new("a.xlsx"), &annex, &m, &options)
            .1
            .into_iter()
            .filter(|d| d.code == "annex-no-unit")
            .map(|d| (d.severity, d.message))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(MissingUnit::Allow), []);
    assert_eq!(
        codes(MissingUnit::Warning),
        [(Severity::Warning, "«Lê Văn Cường» has no unit".to_string())]
    );
    let english = read
        .problems
        .iter()
        .find(|d| d.code == "annex-personal-column")
        .unwrap();
    assert!(
        english.message.contains("never published"),
        "{}",
        english.message
    );
}

#[test]
fn the_demo_annex_has_120_recipients_all_matched() {
    let (rows, problems) = recipients(DEMO);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(rows.len(), 120);
    assert!(rows.iter().all(|(_, _, unit)| !unit.is_empty()));
    let read = read(DEMO, Lang::Vi);
    let annex = read.annex.unwrap();
    let collectives = annex
        .rows
        .iter()
        .filter(|r| r.subject == Subject::Collective)
        .count();
    assert_eq!(collectives, 9);
}

#[test]
fn recipients_sheet_names_the_sheet_or_says_which_exist() {
    let bytes = std::fs::read(fixture("openpyxl.xlsx")).unwrap();
    let path = Path::new("khen-thuong/qd/phu-luc.xlsx");
    let named = |sheet| {
        annex::read(
            path,
            &bytes,
            &ReadOptions {
                sheet: Some(sheet),
                ..ReadOptions::default()
            },
        )
    };
    let read = named("Danh sách");
    assert_eq!(read.annex.unwrap().rows.len(), 5);
    let read = named("Danh sach");
    assert!(read.annex.is_none());
    let [d] = read.problems.as_slice() else {
        panic!("{:#?}", read.problems)
    };
    assert_eq!(d.code, "annex-sheet");
    assert!(
        d.message.contains("«Hướng dẫn», «Danh sách»"),
        "{}",
        d.message
    );
    assert_eq!(
        d.help.as_deref(),
        Some("ý bạn là recipients_sheet = \"Danh sách\"?")
    );
    let read = named("Hướng dẫn");
    assert_eq!(read.problems[0].code, "annex-no-header");
}

#[test]
fn a_missing_file_or_another_format_is_one_error() {
    let root = fixture("");
    let read = annex::from_file(&root, Path::new("khong-co.xlsx"), &ReadOptions::default());
    assert_eq!(read.problems[0].code, "annex-missing");
    let read = annex::read(Path::new("phu-luc.docx"), b"PK", &ReadOptions::default());
    assert_eq!(read.problems[0].code, "annex-format");
    let read = annex::read(
        Path::new("phu-luc.xlsx"),
        b"not a workbook",
        &ReadOptions::default(),
    );
    assert_eq!(read.problems[0].code, "annex-unreadable");
    let read = annex::from_file(&root, Path::new("lo-calc.ods"), &ReadOptions::default());
    assert_eq!(read.annex.unwrap().rows.len(), 10);
}
