//! Awards found by the text an office writes in an annex's "Danh hiệu" column:
//! "Lao động tiên tiến", "LĐTT", "CSTĐCS", "CSTĐ cấp thành phố", "Bằng khen UBND
//! thành phố", "Giấy khen Giám đốc Sở". Names, ids and the text are folded (case,
//! diacritics, "của", "cấp", "chủ tịch", a trailing "năm học 2024–2025"),
//! abbreviations spelled out; the index is built once a build, so a lookup is one
//! hash probe.

use std::collections::HashMap;

use crate::annex::header::words;
use crate::domain::Award;

/// Abbreviations of award names, spelled out (folded).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cstdcs", "chien si thi dua co so"),
    ("cstdtq", "chien si thi dua toan quoc"),
    ("cstd", "chien si thi dua"),
    ("ldtt", "lao dong tien tien"),
    ("ttldtt", "tap the lao dong tien tien"),
    ("ttldxs", "tap the lao dong xuat sac"),
    ("hcld", "huan chuong lao dong"),
    ("ahld", "anh hung lao dong"),
    ("ngnd", "nha giao nhan dan"),
    ("ngut", "nha giao uu tu"),
    ("knc", "ky niem chuong"),
    ("ubnd", "uy ban nhan dan"),
    ("tp", "thanh pho"),
    ("cp", "chinh phu"),
    ("ttg", "thu tuong"),
    ("bgddt", "bo giao duc dao tao"),
    ("sgddt", "so giao duc dao tao"),
    ("gddt", "giao duc dao tao"),
    ("bt", "bo truong"),
    ("gd", "giam doc"),
    ("sy", "si"),
];

/// Words that say nothing about which award: dropped from both sides.
const FILLER: &[&str] = &["cua", "cap", "va", "tang"];

/// Pairs of words dropped likewise: "danh hiệu Lao động tiên tiến", "Bằng khen của
/// Chủ tịch UBND" (the conferrer's office is named by the body).
const FILLER_PAIRS: &[(&str, &str)] = &[("danh", "hieu"), ("chu", "tich")];

/// The catalogue's awards by folded name, id and usual abbreviations.
#[derive(Debug, Default)]
pub struct AwardNames {
    by_key: HashMap<String, usize>,
    /// Each award's folded name, for the closest names in a hint.
    keys: Vec<String>,
}

impl AwardNames {
    pub fn new(awards: &[Award]) -> AwardNames {
        let mut names = AwardNames::default();
        for (i, award) in awards.iter().enumerate() {
            let name = key(&award.name);
            names.by_key.insert(award.id.clone(), i);
            names.by_key.entry(key(&award.id)).or_insert(i);
            names.by_key.entry(name.clone()).or_insert(i);
            names.keys.push(name);
        }
        names
    }

    /// The award a text names (an id, a name, an abbreviation), if one does.
    pub fn find(&self, text: &str) -> Option<usize> {
        self.by_key
            .get(text.trim())
            .or_else(|| self.by_key.get(&key(text)))
            .copied()
    }

    /// The awards whose names are closest to `text`, best first, for a hint.
    pub fn closest(&self, text: &str, n: usize) -> Vec<usize> {
        let wanted = key(text);
        let mut scored: Vec<(f64, usize)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (strsim::sorensen_dice(&wanted, k), i))
            .filter(|(score, _)| *score > 0.4)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, i)| i).collect()
    }
}

/// An award's name, id or text folded for comparison: "CSTĐ cấp thành phố năm học
/// 2024–2025" → "chien si thi dua thanh pho".
pub fn key(text: &str) -> String {
    let folded = words(&text.replace('-', " "));
    let mut out: Vec<&str> = Vec::new();
    let all: Vec<&str> = folded.split(' ').collect();
    let mut i = 0;
    while let Some(&word) = all.get(i) {
        let next = all.get(i + 1).copied().unwrap_or_default();
        i += 1;
        // "… năm học 2024–2025", "… năm 2025": the period, not the award.
        if word == "nam" && (next == "hoc" || is_number(next)) {
            break;
        }
        if FILLER_PAIRS.contains(&(word, next)) {
            i += 1;
            continue;
        }
        if is_number(word) || FILLER.contains(&word) {
            continue;
        }
        match ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
            Some((_, long)) => out.extend(long.split(' ')),
            None => out.push(word),
        }
    }
    out.join(" ")
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::awards::catalogue;

    fn id(names: &AwardNames, awards: &[Award], text: &str) -> Option<String> {
        names.find(text).map(|i| awards[i].id.clone())
    }

    #[test]
    fn office_spellings_find_the_catalogue_award() {
        let awards = catalogue(&Default::default());
        let names = AwardNames::new(&awards);
        for (text, want) in [
            ("Lao động tiên tiến", "lao-dong-tien-tien"),
            ("LĐTT", "lao-dong-tien-tien"),
            ("lao dong tien tien", "lao-dong-tien-tien"),
            ("Lao động tiên tiến năm học 2024–2025", "lao-dong-tien-tien"),
            ("lao-dong-tien-tien", "lao-dong-tien-tien"),
            ("CSTĐCS", "chien-si-thi-dua-co-so"),
            ("Chiến sỹ thi đua cơ sở", "chien-si-thi-dua-co-so"),
            ("CSTĐ cơ sở", "chien-si-thi-dua-co-so"),
            ("CSTĐ cấp thành phố", "chien-si-thi-dua-thanh-pho"),
            ("Chiến sĩ thi đua cấp Bộ", "chien-si-thi-dua-cap-bo"),
            ("TTLĐTT", "tap-the-lao-dong-tien-tien"),
            ("Tập thể Lao động Tiên tiến", "tap-the-lao-dong-tien-tien"),
            ("TTLĐXS", "tap-the-lao-dong-xuat-sac"),
            (
                "Bằng khen UBND thành phố",
                "bang-khen-chu-tich-ubnd-thanh-pho",
            ),
            (
                "Bằng khen của Chủ tịch UBND TP",
                "bang-khen-chu-tich-ubnd-thanh-pho",
            ),
            ("Giấy khen Giám đốc Sở", "giay-khen-giam-doc-so"),
            ("Giấy khen của Giám đốc Sở GDĐT", "giay-khen-giam-doc-so"),
            (
                "Bằng khen của Bộ trưởng Bộ GDĐT",
                "bang-khen-bo-truong-bgddt",
            ),
            ("Bằng khen Thủ tướng Chính phủ", "bang-khen-thu-tuong"),
            ("NGƯT", "nha-giao-uu-tu"),
        ] {
            assert_eq!(id(&names, &awards, text).as_deref(), Some(want), "{text}");
        }
        for text in ["Hoàn thành xuất sắc nhiệm vụ", "Giấy khen", "", "Lao động"] {
            assert_eq!(id(&names, &awards, text), None, "{text}");
        }
    }

    #[test]
    fn a_misspelt_award_has_close_names() {
        let awards = catalogue(&Default::default());
        let names = AwardNames::new(&awards);
        let close = names.closest("Lao động tiến tiên", 3);
        assert!(
            close.iter().any(|&i| awards[i].id == "lao-dong-tien-tien"),
            "{close:?}"
        );
    }
}
