//! Vietnamese text: NFC normalisation, ASCII slugs, name order, collation, dates and
//! numbers. Pure functions; every rule here is from DOMAIN.md §5.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use serde::{Deserialize, Deserializer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `text` in Unicode NFC, borrowing when it already is.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if all_nfc_stable(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// Whether every character of `text` is [`nfc_stable`]. By bytes, without decoding
/// nearly all of a Vietnamese text: sixteen at a time while none is a lead byte from
/// 0xCC (one vector comparison), then one by one, where bytes below 0xCC (ASCII,
/// the characters below U+0300 and their continuation bytes) are stable and the
/// precomposed Vietnamese letters (U+1EA0–U+1EF9: E1 BA A0 to E1 BB B9) are
/// recognised from their bytes.
fn all_nfc_stable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end = (i + 16).min(bytes.len());
        let chunk = &bytes[i..end];
        if chunk.iter().fold(0, |max, &b| max.max(b)) < 0xCC {
            i = end;
            continue;
        }
        while i < end {
            let b = bytes[i];
            if b < 0xCC {
                i += 1;
            } else if b == 0xE1
                && matches!(
                    (bytes.get(i + 1), bytes.get(i + 2)),
                    (Some(0xBA), Some(0xA0..=0xBF)) | (Some(0xBB), Some(0x80..=0xB9))
                )
            {
                i += 3;
            } else {
                // `i` is at the start of a character: only whole characters are
                // skipped.
                match text[i..].chars().next() {
                    Some(c) if nfc_stable(c) => i += c.len_utf8(),
                    _ => return false,
                }
            }
        }
    }
    true
}

/// Characters that are NFC whatever surrounds them (no combining class, nothing
/// composes with them): Latin up to U+02FF, the precomposed Vietnamese letters and
/// the typographic punctuation (– “ ” …). A text of these alone, nearly every file,
/// is NFC without a look at the normalisation tables.
fn nfc_stable(c: char) -> bool {
    c < '\u{300}' || matches!(c, '\u{1EA0}'..='\u{1EF9}' | '\u{2010}'..='\u{2027}')
}

/// Folds Vietnamese to an ASCII slug: "Đặng Thị Ánh" → "dang-thi-anh".
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.nfd() {
        let c = match c {
            '\u{300}'..='\u{36f}' => continue,
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    slug
}

/// Folds text for diacritic- and case-insensitive comparison ("Hòa" → "hoa").
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !matches!(c, '\u{300}'..='\u{36f}'))
        .map(|c| if matches!(c, 'đ' | 'Đ') { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A person's name split the Vietnamese way: family, middle, given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub family: String,
    pub middle: String,
    pub given: String,
}

impl NameParts {
    /// Splits "Nguyễn Thị Hoa" into family "Nguyễn", middle "Thị", given "Hoa".
    /// `family` and `given` override the first and last word when set (Tôn Nữ, or
    /// names in another order); the rest is the middle.
    pub fn split(full: &str, family: Option<&str>, given: Option<&str>) -> NameParts {
        let mut rest = full.trim();
        let family = match family {
            Some(f) if rest.starts_with(f.trim()) => {
                rest = rest[f.trim().len()..].trim_start();
                f.trim().to_string()
            }
            Some(f) => f.trim().to_string(),
            None => {
                let (first, tail) = rest.split_once(' ').unwrap_or((rest, ""));
                let first = first.to_string();
                rest = tail.trim_start();
                first
            }
        };
        let given = match given {
            Some(g) => {
                if let Some(stripped) = rest.strip_suffix(g.trim()) {
                    rest = stripped.trim_end();
                }
                g.trim().to_string()
            }
            None => match rest.rsplit_once(' ') {
                Some((head, last)) => {
                    let last = last.to_string();
                    rest = head.trim_end();
                    last
                }
                None => std::mem::take(&mut rest).to_string(),
            },
        };
        let middle = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        NameParts {
            family,
            middle,
            given,
        }
    }
}

/// The CLDR Vietnamese collator (letters a ă â … đ …, tones as a secondary key).
fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        Collator::try_new(
            icu_locale_core::locale!("vi").into(),
            CollatorOptions::default(),
        )
        .expect("the Vietnamese collation data is compiled into the binary")
    })
}

/// Compares two strings in Vietnamese dictionary order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Compares two names for an honour roll: given name, then middle, then family,
/// each in Vietnamese order (never a joined string: see DOMAIN.md §5).
pub fn compare_names(a: &NameParts, b: &NameParts) -> Ordering {
    compare(&a.given, &b.given)
        .then_with(|| compare(&a.middle, &b.middle))
        .then_with(|| compare(&a.family, &b.family))
}

/// A calendar date, as front matter writes it (`2025-11-20`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, checking the month and the day of the month.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.get(..2)?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Today's date in UTC+7 (Vietnam), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
            + 7 * 3600;
        Date::from_days(secs.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// `2025-07-07`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "ngày 7 tháng 7 năm 2025" or, in English, "7 July 2025".
    pub fn long(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("ngày {} tháng {} năm {}", self.day, self.month, self.year),
            Lang::En => format!(
                "{} {} {}",
                self.day,
                MONTHS_EN[usize::from(self.month - 1)],
                self.year
            ),
        }
    }

    /// "07/07/2025".
    pub fn short(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

/// A TOML date (`2025-11-20`), or the same as a string, as form editors write it
/// (`"2025-11-20"`, `"2025-11-20T00:00:00.000Z"`, `"2025-11-20T08:00:00+07:00"`): the
/// date as written, whatever the time after it.
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

const EXPECTED_DATE: &str = "expected a date written as YYYY-MM-DD, e.g. 2025-11-20";

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a date")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
        let value =
            toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        match (value.date, value.offset.is_some() && value.time.is_none()) {
            (Some(d), false) => Date::new(i32::from(d.year), d.month, d.day)
                .ok_or_else(|| serde::de::Error::custom("not a valid calendar date")),
            _ => Err(serde::de::Error::custom(EXPECTED_DATE)),
        }
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
        let text = text.trim();
        let (date, time) = text.split_at(text.find(['T', 't', ' ']).unwrap_or(text.len()));
        let well_formed = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            })
            && (time.is_empty() || text.parse::<toml::value::Datetime>().is_ok());
        if !well_formed {
            return Err(E::custom(EXPECTED_DATE));
        }
        Date::parse(date).ok_or_else(|| E::custom("not a valid calendar date"))
    }
}

/// The site's language: Vietnamese first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the Vietnamese or the English text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// Formats an integer with the language's thousands separator: "1.234" / "1,234".
pub fn format_number(n: i64, lang: Lang) -> String {
    let sep = lang.pick(".", ",");
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
