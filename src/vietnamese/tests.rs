//! Tests of the Vietnamese text rules.

use super::*;

/// The quick path of `nfc` agrees with the normalisation tables: every character
/// it trusts is NFC on its own and never reorders or composes.
#[test]
fn characters_trusted_as_nfc_are_nfc_in_any_company() {
    let mut trusted = 0;
    for c in (0..0x3_0000)
        .filter_map(char::from_u32)
        .filter(|c| nfc_stable(*c))
    {
        trusted += 1;
        assert_eq!(
            is_nfc_quick(std::iter::once(c)),
            IsNormalized::Yes,
            "U+{:04X}",
            u32::from(c)
        );
        assert_eq!(
            unicode_normalization::char::canonical_combining_class(c),
            0,
            "U+{:04X}",
            u32::from(c)
        );
    }
    assert!(trusted > 800, "{trusted}");
    // The byte-wise check trusts exactly these characters.
    for c in (0..0x3_0000).filter_map(char::from_u32) {
        // Short, and within runs of ASCII read eight bytes at a time.
        for text in [format!("aă{c}ễ"), format!("abcdefgh{c}ijklmnopễ")] {
            assert_eq!(
                all_nfc_stable(&text),
                nfc_stable(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
    let text = "Cô Nguyễn Thị Hoa – “Dạy tốt, học tốt”…";
    assert!(matches!(nfc(text), std::borrow::Cow::Borrowed(_)));
    // Decomposed text still goes through the tables.
    assert_eq!(nfc("Nguye\u{302}\u{303}n"), "Nguyễn");
}

#[test]
fn slugs_fold_vietnamese_to_ascii() {
    assert_eq!(slugify("Đặng Thị Ánh"), "dang-thi-anh");
    assert_eq!(
        slugify("Trường THCS Bạch Long Vĩ"),
        "truong-thcs-bach-long-vi"
    );
    assert_eq!(slugify("Nguyễn Thị Hoà"), "nguyen-thi-hoa");
    assert_eq!(
        slugify("Phong trào “Dạy tốt – học tốt” năm học 2025–2026"),
        "phong-trao-day-tot-hoc-tot-nam-hoc-2025-2026"
    );
    assert_eq!(slugify("đặc khu Bạch Long Vĩ"), "dac-khu-bach-long-vi");
    assert_eq!(slugify("  --Ưu tú!! "), "uu-tu");
    // Decomposed input folds the same as composed input.
    assert_eq!(slugify("Nguye\u{302}\u{303}n"), "nguyen");
}

#[test]
fn nfc_composes_decomposed_text() {
    let decomposed = "Nguye\u{302}\u{303}n";
    assert_eq!(decomposed.chars().count(), 8);
    assert_eq!(nfc(decomposed), "Nguyễn");
    assert_eq!(nfc("Nguyễn").chars().count(), 6);
}

#[test]
fn fold_ignores_case_and_diacritics() {
    assert_eq!(fold("Nguyễn Thị Hòa"), "nguyen thi hoa");
    assert_eq!(fold("ĐẶNG"), "dang");
}

#[test]
fn names_split_family_middle_given() {
    let n = NameParts::split("Nguyễn Thị Hoa", None, None);
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("Nguyễn", "Thị", "Hoa")
    );
    let n = NameParts::split("Nguyễn An", None, None);
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("Nguyễn", "", "An")
    );
    let n = NameParts::split("Tôn Nữ Minh Châu", Some("Tôn Nữ"), None);
    assert_eq!(
        (n.family.as_str(), n.middle.as_str(), n.given.as_str()),
        ("Tôn Nữ", "Minh", "Châu")
    );
    let n = NameParts::split("Hoa", None, None);
    assert_eq!((n.family.as_str(), n.given.as_str()), ("Hoa", ""));
}

#[test]
fn honour_roll_order_matches_icu_vietnamese() {
    // DOMAIN.md §5, the expected order from ICU `vi`.
    let expected = [
        "Nguyễn An",
        "Đinh Văn An",
        "Trần Văn An",
        "Phạm Thị Anh",
        "Đặng Thị Ánh",
        "Vũ Hồng Ân",
        "Nguyễn Thanh Bình",
        "Hoàng Văn Dũng",
        "Trương Văn Dương",
        "Đỗ Minh Đức",
        "Nguyễn Thị Hà",
        "Bùi Thanh Hải",
        "Lê Thị Hoa",
        "Nguyễn Thị Hoa",
        "Trần Thị Hòa",
        "Phan Văn Ơn",
        "Lý Văn Ưng",
        "Mai Thị Yến",
    ];
    let mut names: Vec<&str> = expected.iter().rev().copied().collect();
    names.sort_by(|a, b| {
        compare_names(
            &NameParts::split(a, None, None),
            &NameParts::split(b, None, None),
        )
    });
    assert_eq!(names, expected);
}

#[test]
fn tones_sort_in_cldr_order() {
    let mut words = vec!["mạ", "má", "mã", "mả", "mà", "ma"];
    words.sort_by(|a, b| compare(a, b));
    assert_eq!(words, ["ma", "mà", "mả", "mã", "má", "mạ"]);
}

#[test]
fn dates_print_the_vietnamese_way() {
    let d = Date::new(2025, 7, 7).unwrap();
    assert_eq!(d.long(Lang::Vi), "ngày 7 tháng 7 năm 2025");
    assert_eq!(d.short(), "07/07/2025");
    assert_eq!(d.long(Lang::En), "7 July 2025");
    assert_eq!(d.iso(), "2025-07-07");
    assert_eq!(Date::parse("2025-11-20"), Date::new(2025, 11, 20));
    assert_eq!(Date::new(2025, 2, 29), None);
    assert!(Date::new(2024, 2, 29).is_some());
    assert_eq!(Date::from_days(0), Date::new(1970, 1, 1).unwrap());
    assert_eq!(Date::from_days(20_412), Date::new(2025, 11, 20).unwrap());
}

#[test]
fn numbers_use_the_language_separator() {
    assert_eq!(format_number(1234, Lang::Vi), "1.234");
    assert_eq!(format_number(1_234_567, Lang::En), "1,234,567");
    assert_eq!(format_number(999, Lang::Vi), "999");
    assert_eq!(format_number(-1000, Lang::Vi), "-1.000");
}
