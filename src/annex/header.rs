//! The header row of an annex: found by its Vietnamese column names, whatever title
//! lines stand above it, in the spellings offices use ("Họ và tên", "Họ tên",
//! "Tên tập thể", "Chức vụ, đơn vị công tác", …), compared without case, diacritics
//! or spacing.

use super::grid::{Grid, Value};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// STT, TT, Số TT: the row number in the annex.
    Number,
    /// Họ và tên, Tên tập thể, …
    Name,
    /// Chức vụ, Chức danh.
    Position,
    /// Đơn vị, Đơn vị công tác, Nơi công tác, Trường.
    Unit,
    /// "Chức vụ, đơn vị công tác" in one column: "Giáo viên Trường THCS …".
    PositionAndUnit,
    /// Danh hiệu, Hình thức khen thưởng.
    Award,
    /// Đối tượng: cá nhân or tập thể.
    Subject,
    /// Ghi chú: read by nobody.
    Note,
    /// A column that holds personal data that is never published (Ngày sinh, Số
    /// điện thoại, CCCD…): `what` names it, in Vietnamese and English.
    Personal { vi: &'static str, en: &'static str },
}

/// A recognised column of the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub kind: Kind,
    /// 0-based column of the sheet.
    pub col: u32,
    /// The header text as written.
    pub title: String,
}

/// The header row: where it is and what its columns hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// 0-based row of the sheet.
    pub row: u32,
    pub columns: Vec<Column>,
    /// Columns with a title that tonvinh does not read (Giới tính, Xếp loại…), as
    /// `Kind::Note`, and second columns of a kind already read, as that kind.
    pub ignored: Vec<Column>,
}

impl Header {
    /// The column of a kind, if the header has one.
    pub fn col(&self, kind: Kind) -> Option<u32> {
        self.columns.iter().find(|c| c.kind == kind).map(|c| c.col)
    }
}

/// The words of a header cell, folded: "Họ và\ntên (tập thể, cá nhân)" →
/// "ho va ten tap the ca nhan".
pub fn words(text: &str) -> String {
    crate::vietnamese::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Column titles for personal data, folded, with what they hold. Checked before the
/// others: "Ngày sinh" must never be taken for anything else.
const PERSONAL: &[(&str, &str, &str)] = &[
    ("ngay sinh", "ngày sinh", "date of birth"),
    ("nam sinh", "năm sinh", "year of birth"),
    ("sinh ngay", "ngày sinh", "date of birth"),
    ("ngay thang nam sinh", "ngày sinh", "date of birth"),
    ("dien thoai", "số điện thoại", "phone number"),
    ("sdt", "số điện thoại", "phone number"),
    ("dt", "số điện thoại", "phone number"),
    ("email", "địa chỉ thư điện tử", "e-mail address"),
    ("e mail", "địa chỉ thư điện tử", "e-mail address"),
    ("thu dien tu", "địa chỉ thư điện tử", "e-mail address"),
    ("cccd", "số căn cước công dân", "citizen ID number"),
    ("cmnd", "số chứng minh nhân dân", "identity card number"),
    ("can cuoc", "số căn cước công dân", "citizen ID number"),
    ("dinh danh", "số định danh cá nhân", "personal ID number"),
    ("dia chi", "địa chỉ", "address"),
    ("noi o", "nơi ở", "home address"),
    ("cho o", "nơi ở", "home address"),
    ("que quan", "quê quán", "home town"),
    ("dan toc", "dân tộc", "ethnicity"),
    ("ton giao", "tôn giáo", "religion"),
    ("so tai khoan", "số tài khoản", "bank account"),
    ("ma so thue", "mã số thuế", "tax code"),
    ("bhxh", "số bảo hiểm xã hội", "social insurance number"),
    ("bhyt", "số bảo hiểm y tế", "health insurance number"),
];

/// What a header cell's title holds, if it is a column tonvinh knows. `None` for
/// any other text (a title line, a column tonvinh does not read).
pub fn classify(title: &str) -> Option<Kind> {
    let w = words(title);
    let w = w.as_str();
    if w.is_empty() || w.len() > 80 {
        return None;
    }
    let has = |p: &str| {
        w == p
            || w.starts_with(&format!("{p} "))
            || w.contains(&format!(" {p} "))
            || w.ends_with(&format!(" {p}"))
    };
    if let Some((_, vi, en)) = PERSONAL.iter().find(|(p, _, _)| has(p)) {
        // "Địa chỉ" alone is personal; "Đơn vị (địa chỉ)" is the unit.
        if !(w.starts_with("don vi") || w.starts_with("truong")) {
            return Some(Kind::Personal { vi, en });
        }
    }
    let starts = |ps: &[&str]| {
        ps.iter()
            .any(|p| w == *p || w.starts_with(&format!("{p} ")))
    };
    Some(
        if matches!(w, "stt" | "tt" | "so tt" | "so thu tu" | "thu tu") {
            Kind::Number
        } else if starts(&[
            "ho va ten",
            "ho ten",
            "ten tap the",
            "ten ca nhan",
            "ten don vi",
            "ten",
        ]) || matches!(w, "tap the ca nhan" | "ca nhan tap the")
        {
            Kind::Name
        } else if starts(&["chuc vu", "chuc danh"]) {
            if has("don vi") || has("noi cong tac") || has("co quan") {
                Kind::PositionAndUnit
            } else {
                Kind::Position
            }
        } else if starts(&[
            "don vi",
            "noi cong tac",
            "co quan",
            "truong",
            "co quan don vi",
        ]) {
            Kind::Unit
        } else if starts(&["danh hieu", "hinh thuc", "muc khen"]) || has("khen thuong") {
            Kind::Award
        } else if starts(&["doi tuong", "loai"]) {
            Kind::Subject
        } else if starts(&["ghi chu"]) {
            Kind::Note
        } else {
            return None;
        },
    )
}

/// The first row of `grid` that reads as an annex header: a name column and at least
/// one other known column (number, position, unit, award).
pub fn find(grid: &Grid) -> Option<Header> {
    grid.rows
        .iter()
        .enumerate()
        .find_map(|(i, cells)| header_at(grid.origin.0 + i as u32, grid.origin.1, cells))
}

/// The header at one row, if the row is one.
fn header_at(row: u32, first_col: u32, cells: &[Value]) -> Option<Header> {
    let mut columns: Vec<Column> = Vec::new();
    let mut ignored = Vec::new();
    for (j, cell) in cells.iter().enumerate() {
        let Value::Text(title) = cell else { continue };
        let col = first_col + j as u32;
        match classify(title) {
            // A second column of a kind (two "Đơn vị") is not read.
            Some(kind)
                if !matches!(kind, Kind::Personal { .. })
                    && columns.iter().any(|c| c.kind == kind) =>
            {
                ignored.push(Column {
                    kind,
                    col,
                    title: title.clone(),
                })
            }
            Some(kind) => columns.push(Column {
                kind,
                col,
                title: title.clone(),
            }),
            None => ignored.push(Column {
                kind: Kind::Note,
                col,
                title: title.clone(),
            }),
        }
    }
    let has = |k: Kind| columns.iter().any(|c| c.kind == k);
    let others = [
        Kind::Number,
        Kind::Position,
        Kind::Unit,
        Kind::PositionAndUnit,
        Kind::Award,
    ];
    if !has(Kind::Name) || !others.iter().any(|&k| has(k)) {
        return None;
    }
    // "Cá nhân/Tập thể" beside a "Họ và tên" says which, not who.
    if columns.iter().filter(|c| c.kind == Kind::Name).count() > 1 {
        for c in columns.iter_mut().skip(1) {
            if c.kind == Kind::Name
                && matches!(
                    words(&c.title).as_str(),
                    "tap the ca nhan" | "ca nhan tap the"
                )
            {
                c.kind = Kind::Subject;
            }
        }
    }
    Some(Header {
        row,
        columns,
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_spellings_are_recognised() {
        let cases = [
            ("STT", Kind::Number),
            ("TT", Kind::Number),
            ("Số TT", Kind::Number),
            ("Số thứ tự", Kind::Number),
            ("Họ và tên", Kind::Name),
            ("HỌ VÀ TÊN", Kind::Name),
            ("Họ và\ntên", Kind::Name),
            ("Họ tên", Kind::Name),
            ("Tên tập thể", Kind::Name),
            ("Họ và tên (tập thể, cá nhân)", Kind::Name),
            ("Tập thể, cá nhân", Kind::Name),
            ("Chức vụ", Kind::Position),
            ("Chức danh", Kind::Position),
            ("Chức vụ, đơn vị công tác", Kind::PositionAndUnit),
            ("Chức vụ, nơi công tác", Kind::PositionAndUnit),
            ("Đơn vị", Kind::Unit),
            ("Đơn vị công tác", Kind::Unit),
            ("Nơi công tác", Kind::Unit),
            ("Trường", Kind::Unit),
            ("Danh hiệu", Kind::Award),
            ("Hình thức khen thưởng", Kind::Award),
            ("Danh hiệu thi đua", Kind::Award),
            ("Đối tượng", Kind::Subject),
            ("Ghi chú", Kind::Note),
        ];
        for (title, kind) in cases {
            assert_eq!(classify(title), Some(kind), "{title}");
        }
        assert_eq!(classify("QUYẾT ĐỊNH"), None);
        assert_eq!(classify("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), None);
        assert_eq!(classify("Giới tính"), None);
    }

    #[test]
    fn personal_columns_are_recognised_first() {
        for title in [
            "Ngày sinh",
            "Năm sinh",
            "Ngày, tháng, năm sinh",
            "Số điện thoại",
            "SĐT",
            "Email",
            "Số CCCD",
            "Số CCCD/CMND",
            "Địa chỉ",
            "Dân tộc",
        ] {
            assert!(
                matches!(classify(title), Some(Kind::Personal { .. })),
                "{title}"
            );
        }
        assert_eq!(classify("Đơn vị (địa chỉ)"), Some(Kind::Unit));
    }

    fn text_row(cells: &[&str]) -> Vec<Value> {
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(c.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn the_header_is_found_below_a_title_block() {
        let grid = Grid {
            sheet: Some("Sheet1".into()),
            origin: (0, 0),
            rows: vec![
                text_row(&[
                    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                    "",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                ]),
                text_row(&["", "", "Độc lập - Tự do - Hạnh phúc"]),
                text_row(&[]),
                text_row(&["DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU"]),
                text_row(&["(Kèm theo Quyết định số 1234/QĐ-SGDĐT)"]),
                text_row(&[
                    "STT",
                    "Họ và tên",
                    "Chức vụ",
                    "Đơn vị",
                    "Giới tính",
                    "Ghi chú",
                ]),
            ],
        };
        let header = find(&grid).unwrap();
        assert_eq!(header.row, 5);
        assert_eq!(header.col(Kind::Number), Some(0));
        assert_eq!(header.col(Kind::Name), Some(1));
        assert_eq!(header.col(Kind::Unit), Some(3));
        assert_eq!(header.ignored.len(), 1);
        assert_eq!(header.ignored[0].title, "Giới tính");
    }

    #[test]
    fn a_name_alone_is_not_a_header() {
        let grid = Grid {
            sheet: None,
            origin: (0, 0),
            rows: vec![text_row(&["Họ và tên", "Giới tính"])],
        };
        assert_eq!(find(&grid), None);
    }
}
