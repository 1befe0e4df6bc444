//! Units found by name as an office writes them: "Trường THCS Bạch Long Vĩ",
//! "THCS Bạch Long Vĩ", "Trường Trung học cơ sở Bạch Long Vĩ" and
//! "trường thcs bach long vi" are one unit. Names are folded (case, diacritics,
//! i/y), abbreviations spelled out and the leading word "Trường" dropped; the folded
//! index is built once, so each lookup is one hash probe.

use std::collections::HashMap;

/// Abbreviations offices use in unit names, spelled out (folded).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("thcs", "trung hoc co so"),
    ("thpt", "trung hoc pho thong"),
    ("th", "tieu hoc"),
    ("mn", "mam non"),
    ("mg", "mau giao"),
    ("ptdtnt", "pho thong dan toc noi tru"),
    ("ptdtbt", "pho thong dan toc ban tru"),
    ("dtnt", "dan toc noi tru"),
    ("pt", "pho thong"),
    ("tt", "trung tam"),
    ("ttgdtx", "trung tam giao duc thuong xuyen"),
    ("ttgdnn", "trung tam giao duc nghe nghiep"),
    ("gdtx", "giao duc thuong xuyen"),
    ("gdnn", "giao duc nghe nghiep"),
    ("gddt", "giao duc dao tao"),
    ("sgddt", "so giao duc dao tao"),
    ("gd", "giao duc"),
    ("dt", "dao tao"),
    ("ubnd", "uy ban nhan dan"),
];

/// The result of looking a unit up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The index of the one unit found.
    Unit(usize),
    /// Several units have this name once folded ("Trường THCS Chu Văn An" in two
    /// communes): their indexes.
    Ambiguous(Vec<usize>),
    NotFound,
}

/// The units of a site, indexed by id and by folded name.
#[derive(Debug, Clone, Default)]
pub struct UnitMatcher {
    ids: Vec<String>,
    names: Vec<String>,
    /// Folded names with abbreviations kept: the place names weigh more in a hint.
    short_keys: Vec<String>,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl UnitMatcher {
    /// Indexes units given as (id, name) pairs, in the order given.
    pub fn new<'a>(units: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut m = UnitMatcher::default();
        for (i, (id, name)) in units.into_iter().enumerate() {
            let key = key(name);
            m.by_id.insert(id.to_string(), i);
            m.by_key.entry(key.clone()).or_default().push(i);
            m.ids.push(id.to_string());
            m.names.push(name.to_string());
            m.short_keys.push(short_key(name));
        }
        m
    }

    pub fn id(&self, unit: usize) -> &str {
        &self.ids[unit]
    }

    pub fn name(&self, unit: usize) -> &str {
        &self.names[unit]
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The unit a cell names, by id or by name.
    pub fn find(&self, text: &str) -> Match {
        if let Some(&i) = self.by_id.get(text.trim()) {
            return Match::Unit(i);
        }
        match self.by_key.get(&key(text)).map(Vec::as_slice) {
            Some([i]) => Match::Unit(*i),
            Some(many) => Match::Ambiguous(many.to_vec()),
            None => Match::NotFound,
        }
    }

    /// A unit named at the end of `text`, and what stands before it:
    /// "Giáo viên, Trường THCS Bạch Long Vĩ" → (the unit, "Giáo viên"). For a
    /// "Chức vụ, đơn vị công tác" column, and a collective's name ("Tổ Toán Trường …").
    pub fn find_at_end(&self, text: &str) -> Option<(usize, String)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        (0..words.len()).find_map(|k| match self.find(&words[k..].join(" ")) {
            Match::Unit(i) => {
                let before = words[..k].join(" ");
                let before = before.trim_end_matches([',', ';', '-', '–', ':', ' ']);
                Some((i, before.to_string()))
            }
            _ => None,
        })
    }

    /// The units whose folded names are closest to `text`, best first, for a hint.
    /// Linear in the units: only called for a name that was not found.
    pub fn closest(&self, text: &str, n: usize) -> Vec<usize> {
        let wanted = short_key(text);
        let mut scored: Vec<(f64, usize)> = self
            .short_keys
            .iter()
            .enumerate()
            .map(|(i, k)| (strsim::sorensen_dice(&wanted, k), i))
            .filter(|(score, _)| *score > 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, i)| i).collect()
    }
}

/// A unit name folded for comparison: "Trường TH&THCS Cát Hải" →
/// "tieu hoc trung hoc co so cat hai".
pub fn key(name: &str) -> String {
    fold_words(name, true)
}

/// A unit name folded for a hint, abbreviations kept: "th thcs cat hai".
fn short_key(name: &str) -> String {
    fold_words(name, false)
}

/// Folded words of a unit name, without a leading "Trường" or any "và"; with
/// abbreviations spelled out if `spell`.
fn fold_words(name: &str, spell: bool) -> String {
    let folded = crate::vietnamese::fold(name);
    let mut out = String::with_capacity(folded.len() + 16);
    let mut first = true;
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if (first && word == "truong") || word == "va" {
            first = false;
            continue;
        }
        first = false;
        let spelled = ABBREVIATIONS
            .iter()
            .find(|(a, _)| spell && *a == word)
            .map(|(_, s)| *s);
        for part in spelled.unwrap_or(word).split(' ') {
            if !out.is_empty() {
                out.push(' ');
            }
            push_word(&mut out, part);
        }
    }
    out
}

/// Pushes a folded word, with a final "y" after a consonant as "i" ("Vỹ" and "Vĩ",
/// "Lý" and "Lí" are spellings of one name).
fn push_word(out: &mut String, word: &str) {
    let bytes = word.as_bytes();
    let n = bytes.len();
    if n >= 2
        && bytes[n - 1] == b'y'
        && !b"aeiouy".contains(&bytes[n - 2])
        && bytes[n - 2].is_ascii_alphabetic()
    {
        out.push_str(&word[..n - 1]);
        out.push('i');
    } else {
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> UnitMatcher {
        UnitMatcher::new([
            ("thcs-bach-long-vi", "Trường THCS Bạch Long Vĩ"),
            ("mn-bach-long-vi", "Trường Mầm non Bạch Long Vĩ"),
            ("th-thcs-cat-hai", "Trường TH&THCS Cát Hải"),
            ("ttgdnn-gdtx-chi-linh", "Trung tâm GDNN-GDTX Chí Linh"),
            (
                "ptdtnt-hai-phong",
                "Trường Phổ thông Dân tộc nội trú Hải Phòng",
            ),
            ("thpt-chuyen-tran-phu", "Trường THPT chuyên Trần Phú"),
            (
                "so-gddt-van-phong",
                "Văn phòng Sở Giáo dục và Đào tạo Hải Phòng",
            ),
            ("thcs-chu-van-an-ngo-quyen", "Trường THCS Chu Văn An"),
            ("thcs-chu-van-an-thuy-nguyen", "Trường THCS Chu Văn An"),
        ])
    }

    #[test]
    fn a_unit_is_found_in_its_long_and_short_forms() {
        let m = demo();
        for text in [
            "Trường THCS Bạch Long Vĩ",
            "THCS Bạch Long Vĩ",
            "Trường Trung học cơ sở Bạch Long Vĩ",
            "trường thcs bach long vi",
            "TRƯỜNG THCS BẠCH LONG VĨ",
            "Trường THCS Bạch Long Vỹ",
            "THCS  Bạch   Long Vĩ ",
            "thcs-bach-long-vi",
        ] {
            assert_eq!(m.find(text), Match::Unit(0), "{text}");
        }
        assert_eq!(m.find("Mầm non Bạch Long Vĩ"), Match::Unit(1));
        assert_eq!(m.find("MN Bạch Long Vĩ"), Match::Unit(1));
    }

    #[test]
    fn the_usual_abbreviations_are_spelled_out() {
        let m = demo();
        assert_eq!(m.find("Trường Tiểu học và THCS Cát Hải"), Match::Unit(2));
        assert_eq!(
            m.find("Trường Tiểu học và Trung học cơ sở Cát Hải"),
            Match::Unit(2)
        );
        assert_eq!(
            m.find("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên Chí Linh"),
            Match::Unit(3)
        );
        assert_eq!(m.find("TTGDNN-GDTX Chí Linh"), Match::Unit(3));
        assert_eq!(m.find("Trường PTDTNT Hải Phòng"), Match::Unit(4));
        assert_eq!(m.find("THPT Chuyên Trần Phú"), Match::Unit(5));
        assert_eq!(m.find("Văn phòng Sở GD&ĐT Hải Phòng"), Match::Unit(6));
    }

    #[test]
    fn two_units_of_one_name_are_ambiguous_and_a_stranger_is_not_found() {
        let m = demo();
        assert_eq!(m.find("THCS Chu Văn An"), Match::Ambiguous(vec![7, 8]));
        assert_eq!(m.find("thcs-chu-van-an-ngo-quyen"), Match::Unit(7));
        assert_eq!(m.find("Trường THCS Bạch Đằng"), Match::NotFound);
        assert_eq!(m.closest("Trường THCS Bach Long Vy A", 2), vec![0, 1]);
        assert_eq!(m.closest("Mầm non Bạch Long", 1), vec![1]);
    }

    #[test]
    fn a_unit_is_found_after_a_position_or_a_group() {
        let m = demo();
        assert_eq!(
            m.find_at_end("Giáo viên, Trường THCS Bạch Long Vĩ"),
            Some((0, "Giáo viên".to_string()))
        );
        assert_eq!(
            m.find_at_end("Tổ Toán THCS Bạch Long Vĩ"),
            Some((0, "Tổ Toán".to_string()))
        );
        assert_eq!(m.find_at_end("Giáo viên Ngữ văn"), None);
    }
}
