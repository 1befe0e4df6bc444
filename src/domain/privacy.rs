//! Privacy rules (DOMAIN.md §7): consent on record, minors protected, and no
//! personal data (citizen ID, phone, personal e-mail, …) in front matter keys, values
//! or Markdown bodies. Pure checks over text; the caller places the problems.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Consent, ConsentBy, ConsentScope};
use crate::vietnamese::Lang;

/// Front matter keys that exist only to hold personal data that must never be
/// published, under their usual English and Vietnamese names (folded, `_` for `-`).
const PERSONAL_KEYS: &[(&str, &str, &str)] = &[
    ("cccd", "số căn cước công dân", "a citizen ID number"),
    ("so_cccd", "số căn cước công dân", "a citizen ID number"),
    ("can_cuoc", "số căn cước công dân", "a citizen ID number"),
    ("cmnd", "số chứng minh nhân dân", "an identity card number"),
    (
        "so_cmnd",
        "số chứng minh nhân dân",
        "an identity card number",
    ),
    ("citizen_id", "số căn cước công dân", "a citizen ID number"),
    ("national_id", "số căn cước công dân", "a citizen ID number"),
    ("id_number", "số giấy tờ tùy thân", "an ID number"),
    ("passport", "số hộ chiếu", "a passport number"),
    ("ho_chieu", "số hộ chiếu", "a passport number"),
    ("phone", "số điện thoại", "a phone number"),
    ("mobile", "số điện thoại", "a phone number"),
    ("tel", "số điện thoại", "a phone number"),
    ("telephone", "số điện thoại", "a phone number"),
    ("dien_thoai", "số điện thoại", "a phone number"),
    ("so_dien_thoai", "số điện thoại", "a phone number"),
    ("sdt", "số điện thoại", "a phone number"),
    ("email", "địa chỉ thư điện tử", "an e-mail address"),
    ("e_mail", "địa chỉ thư điện tử", "an e-mail address"),
    ("thu_dien_tu", "địa chỉ thư điện tử", "an e-mail address"),
    ("home_address", "địa chỉ nhà riêng", "a home address"),
    ("dia_chi_nha", "địa chỉ nhà riêng", "a home address"),
    ("dia_chi_nha_rieng", "địa chỉ nhà riêng", "a home address"),
    ("noi_o", "nơi ở", "a home address"),
    ("cho_o", "nơi ở", "a home address"),
    ("birthday", "ngày sinh", "a date of birth"),
    ("birth_date", "ngày sinh", "a date of birth"),
    ("date_of_birth", "ngày sinh", "a date of birth"),
    ("dob", "ngày sinh", "a date of birth"),
    ("ngay_sinh", "ngày sinh", "a date of birth"),
    ("sinh_ngay", "ngày sinh", "a date of birth"),
    (
        "bank_account",
        "số tài khoản ngân hàng",
        "a bank account number",
    ),
    (
        "so_tai_khoan",
        "số tài khoản ngân hàng",
        "a bank account number",
    ),
    (
        "tai_khoan",
        "số tài khoản ngân hàng",
        "a bank account number",
    ),
    ("stk", "số tài khoản ngân hàng", "a bank account number"),
    ("tax_code", "mã số thuế cá nhân", "a personal tax code"),
    ("ma_so_thue", "mã số thuế cá nhân", "a personal tax code"),
    ("bhxh", "số bảo hiểm xã hội", "a social insurance number"),
    ("bhyt", "số bảo hiểm y tế", "a health insurance number"),
];

/// What a personal-data key holds, if `key` is one ("Số điện thoại" and `so-dien-thoai`
/// are caught too).
pub fn personal_key(key: &str) -> Option<(&'static str, &'static str)> {
    let folded = crate::vietnamese::slugify(key).replace('-', "_");
    PERSONAL_KEYS
        .iter()
        .find(|(k, _, _)| *k == folded)
        .map(|(_, vi, en)| (*vi, *en))
}

/// A kind of personal data found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    CitizenId,
    IdentityCard,
    Phone,
    Email,
}

impl Found {
    pub fn code(self) -> &'static str {
        match self {
            Found::CitizenId => "personal-id",
            Found::IdentityCard => "personal-id",
            Found::Phone => "personal-phone",
            Found::Email => "personal-email",
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Found::CitizenId => lang.pick(
                "có vẻ là số căn cước công dân (12 chữ số)",
                "looks like a citizen ID number (12 digits)",
            ),
            Found::IdentityCard => lang.pick(
                "có vẻ là số chứng minh nhân dân",
                "looks like an identity card (CMND) number",
            ),
            Found::Phone => lang.pick(
                "có vẻ là số điện thoại di động",
                "looks like a mobile phone number",
            ),
            Found::Email => lang.pick(
                "có vẻ là địa chỉ thư điện tử",
                "looks like an e-mail address",
            ),
        }
    }

    pub fn help(self, lang: Lang) -> &'static str {
        match self {
            Found::Email | Found::Phone => lang.pick(
                "không đăng thông tin liên lạc cá nhân; nếu đây là số hoặc địa chỉ công khai của đơn vị, thêm nó vào [privacy] allow trong site.toml",
                "do not publish personal contact details; if this is a unit's public number or address, add it to [privacy] allow in site.toml",
            ),
            _ => lang.pick(
                "xoá số giấy tờ này: không bao giờ đăng số định danh cá nhân",
                "remove this number: personal ID numbers are never published",
            ),
        }
    }
}

fn patterns() -> &'static [(Found, Regex)] {
    static PATTERNS: OnceLock<Vec<(Found, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // ASCII digits and word boundaries: the numbers and addresses are ASCII, and
        // Unicode ones cost milliseconds to compile and a slower engine on Vietnamese
        // text. A number glued to a Vietnamese letter still counts.
        let re = |p: String| Regex::new(&p).expect("a valid built-in pattern");
        const B: &str = r"(?-u:\b)";
        vec![
            (
                Found::IdentityCard,
                re(format!(
                    r"{B}[Cc][Mm][Nn][Dd]{B}[^0-9\n]{{0,16}}([0-9]{{12}}|[0-9]{{9}}){B}"
                )),
            ),
            (Found::CitizenId, re(format!(r"{B}[0-9]{{12}}{B}"))),
            (
                Found::Phone,
                re(format!(r"(?:\+84|{B}0)(?:[ .]?[0-9]){{9}}{B}")),
            ),
            (
                Found::Email,
                re(format!(
                    r"{B}[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}{B}"
                )),
            ),
        ]
    })
}

/// Finds personal data in `text`; `allow` lists public numbers and addresses
/// (compared by digits for numbers and case-insensitively for addresses).
pub fn scan(text: &str, allow: &[String]) -> Vec<(Found, Range<usize>)> {
    // Cheap pre-check: most texts have no run of 9 digits and no '@'.
    if !text.contains('@') && !has_digit_run(text, 9) {
        return Vec::new();
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let allowed = |found: Found, s: &str| {
        allow.iter().any(|a| match found {
            Found::Email => a.trim().eq_ignore_ascii_case(s),
            _ => {
                let (a, s) = (digits(a), digits(s));
                !a.is_empty() && (a == s || a.trim_start_matches('0') == s.trim_start_matches("84"))
            }
        })
    };
    let mut found: Vec<(Found, Range<usize>)> = Vec::new();
    for (kind, re) in patterns() {
        for m in re.find_iter(text) {
            let overlaps = found
                .iter()
                .any(|(_, r)| r.start < m.end() && m.start() < r.end);
            if !overlaps && !allowed(*kind, m.as_str()) {
                found.push((*kind, m.range()));
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

/// Whether `text` has `n` digits in a row, ignoring spaces and dots between them.
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for chunk in text.as_bytes().chunks(32) {
        // Most of a text has no digit: a chunk without one, outside a run, is passed
        // over in a few instructions.
        if run == 0 && !chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            continue;
        }
        for &b in chunk {
            match b {
                b'0'..=b'9' => {
                    run += 1;
                    if run >= n {
                        return true;
                    }
                }
                b' ' | b'.' => {}
                _ => run = 0,
            }
        }
    }
    false
}

/// A consent problem of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentProblem {
    /// `minor = true` but nobody with parental authority agreed.
    MinorWithoutGuardian,
    /// A photo is published but the consent does not cover photos.
    PhotoNotCovered,
}

/// Checks a page's consent against what it publishes.
pub fn consent_problems(
    consent: Option<&Consent>,
    minor: bool,
    has_photo: bool,
) -> Vec<ConsentProblem> {
    let mut problems = Vec::new();
    if let Some(c) = consent {
        if minor && c.by == ConsentBy::Myself {
            problems.push(ConsentProblem::MinorWithoutGuardian);
        }
        if has_photo && !c.scope.contains(&ConsentScope::Photo) {
            problems.push(ConsentProblem::PhotoNotCovered);
        }
    } else if minor {
        problems.push(ConsentProblem::MinorWithoutGuardian);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Found> {
        scan(text, &[]).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn finds_ids_phones_and_emails() {
        assert_eq!(kinds("Số CCCD 001204012345 của cô"), [Found::CitizenId]);
        assert_eq!(kinds("CMND số: 031234567"), [Found::IdentityCard]);
        assert_eq!(kinds("CMND 031204012345"), [Found::IdentityCard]);
        assert_eq!(kinds("gọi 0912345678"), [Found::Phone]);
        assert_eq!(
            kinds("gọi 0912 345 678 hoặc 0912.345.678"),
            [Found::Phone, Found::Phone]
        );
        assert_eq!(kinds("gọi +84 912 345 678"), [Found::Phone]);
        assert_eq!(kinds("thư: co.hoa@gmail.com"), [Found::Email]);
        // Glued to a Vietnamese letter, a number still counts.
        assert_eq!(kinds("Gọi số0912345678"), [Found::Phone]);
        assert_eq!(kinds("cmnd: 031234567"), [Found::IdentityCard]);
    }

    #[test]
    fn digit_runs_are_found_wherever_they_fall_against_the_chunks() {
        let byte_by_byte = |text: &str| {
            let mut run = 0;
            text.bytes().any(|b| {
                match b {
                    b'0'..=b'9' => run += 1,
                    b' ' | b'.' => {}
                    _ => run = 0,
                }
                run >= 9
            })
        };
        let runs = [
            "0912 345 678",
            "0912.345.67",
            "12345678 x 9",
            "1234",
            "12345",
            "Năm 2025, 1.234 học sinh",
        ];
        for pad in 0..40 {
            for run in runs {
                for gap in [0, 1, 40] {
                    let lead = "ă".repeat(pad / 2) + "a".repeat(pad % 2).as_str();
                    let text = format!("{lead}{run}{}56789 b", " ".repeat(gap));
                    assert_eq!(has_digit_run(&text, 9), byte_by_byte(&text), "{text:?}");
                }
            }
        }
        assert!(has_digit_run(
            &format!("{}1234{}56789", "x".repeat(30), " ".repeat(70)),
            9
        ));
    }

    #[test]
    fn leaves_ordinary_numbers_alone() {
        assert!(
            kinds("Năm học 2025–2026, 1.234 học sinh, quyết định 1234/QĐ-SGDĐT ngày 20/11/2025")
                .is_empty()
        );
        assert!(kinds("Tổng kinh phí 120.000.000 đồng").is_empty());
        assert!(
            kinds("Số máy bàn 0225 3842 1234").is_empty(),
            "an 11-digit landline is not a mobile"
        );
        assert!(kinds("10912345678").is_empty());
    }

    #[test]
    fn allowed_public_contacts_pass() {
        let allow = vec![
            "0225 3842 123".to_string(),
            "0912 000 111".to_string(),
            "VanPhong@haiphong.edu.vn".to_string(),
        ];
        assert!(scan("Văn phòng: 0912.000.111, vanphong@haiphong.edu.vn", &allow).is_empty());
        assert_eq!(scan("Cô Hoa: 0912 345 678", &allow).len(), 1);
    }

    #[test]
    fn personal_keys_are_recognised_in_both_languages() {
        assert!(personal_key("phone").is_some());
        assert!(personal_key("so_dien_thoai").is_some());
        assert!(personal_key("ngay-sinh").is_some());
        assert!(personal_key("Số điện thoại").is_some());
        assert!(personal_key("cccd").is_some());
        assert!(personal_key("position").is_none());
        assert!(
            personal_key("address").is_none(),
            "units have a public address"
        );
    }

    #[test]
    fn minors_need_a_guardian_and_photos_need_photo_consent() {
        let consent = |by, scope: Vec<ConsentScope>| Consent {
            by,
            date: crate::vietnamese::Date::new(2025, 1, 1).unwrap(),
            scope,
        };
        let story = consent(ConsentBy::Myself, vec![ConsentScope::Story]);
        assert_eq!(
            consent_problems(Some(&story), true, false),
            [ConsentProblem::MinorWithoutGuardian]
        );
        assert_eq!(
            consent_problems(Some(&story), false, true),
            [ConsentProblem::PhotoNotCovered]
        );
        let both = consent(
            ConsentBy::SelfAndGuardian,
            vec![ConsentScope::Story, ConsentScope::Photo],
        );
        assert!(consent_problems(Some(&both), true, true).is_empty());
        assert_eq!(
            consent_problems(None, true, false),
            [ConsentProblem::MinorWithoutGuardian]
        );
    }
}
