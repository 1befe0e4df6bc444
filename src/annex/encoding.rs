//! Text typed in an old Vietnamese encoding, or UTF-8 read as Windows-1252: old annexes
//! were typed with TCVN3 (ABC, ".VnTime" fonts) or VNI ("VNI-Times") fonts, and the
//! workbook stores those bytes as Western letters ("Tr­êng", "Tröôøng"). Pure
//! functions: which encoding a text looks like, and what it would read as.

use unicode_normalization::UnicodeNormalization;

/// An encoding a text seems to be in, with what it reads as once converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 (ABC): one byte per letter, shown as Western letters and symbols.
    Tcvn3(String),
    /// VNI-Windows: a base letter followed by a mark byte ("Tröôøng").
    Vni(String),
    /// UTF-8 bytes read as Windows-1252 ("TrÆ°á»ng").
    Mojibake(String),
}

impl Legacy {
    /// What the text reads as once converted.
    pub fn converted(&self) -> &str {
        match self {
            Legacy::Tcvn3(s) | Legacy::Vni(s) | Legacy::Mojibake(s) => s,
        }
    }
}

/// TCVN3 (ABC) letters, as the Windows-1252 characters of their bytes. TCVN3 has no
/// capital letters with a tone: titles use a capitals font with these same codes.
const TCVN3: &[(char, char)] = &[
    ('µ', 'à'),
    ('¸', 'á'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¹', 'ạ'),
    ('¨', 'ă'),
    ('»', 'ằ'),
    ('¾', 'ắ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('Æ', 'ặ'),
    ('©', 'â'),
    ('Ç', 'ầ'),
    ('Ê', 'ấ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'),
    ('Ð', 'é'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ñ', 'ẹ'),
    ('ª', 'ê'),
    ('Ò', 'ề'),
    ('Õ', 'ế'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ý', 'í'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('ã', 'ó'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ä', 'ọ'),
    ('«', 'ô'),
    ('å', 'ồ'),
    ('è', 'ố'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('é', 'ộ'),
    ('¬', 'ơ'),
    ('ê', 'ờ'),
    ('í', 'ớ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ó', 'ú'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ô', 'ụ'),
    ('\u{ad}', 'ư'),
    ('õ', 'ừ'),
    ('ø', 'ứ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('ý', 'ý'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('þ', 'ỵ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('§', 'Đ'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
];

/// VNI letters that are one byte: ơ ư đ and the i's with a tone (and ỵ).
const VNI_SINGLE: &[(char, char)] = &[
    ('ô', 'ơ'),
    ('ö', 'ư'),
    ('ñ', 'đ'),
    ('ì', 'ì'),
    ('í', 'í'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('æ', 'ỉ'),
    ('î', 'ỵ'),
    ('Ô', 'Ơ'),
    ('Ö', 'Ư'),
    ('Ñ', 'Đ'),
    ('Ì', 'Ì'),
    ('Í', 'Í'),
    ('Ó', 'Ĩ'),
    ('Ò', 'Ị'),
    ('Æ', 'Ỉ'),
    ('Î', 'Ỵ'),
];

/// The VNI mark bytes that follow a vowel, as combining marks: a tone, the
/// circumflex (â ê ô), the breve (ă), or both.
fn vni_mark(c: char) -> Option<&'static str> {
    Some(match c.to_lowercase().next()? {
        'ø' => "\u{300}",
        'ù' => "\u{301}",
        'û' => "\u{309}",
        'õ' => "\u{303}",
        'ï' => "\u{323}",
        'â' => "\u{302}",
        'ê' => "\u{306}",
        'à' => "\u{302}\u{300}",
        'á' => "\u{302}\u{301}",
        'å' => "\u{302}\u{309}",
        'ã' => "\u{302}\u{303}",
        'ä' => "\u{302}\u{323}",
        'è' => "\u{306}\u{300}",
        'é' => "\u{306}\u{301}",
        'ú' => "\u{306}\u{309}",
        'ü' => "\u{306}\u{303}",
        'ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// Whether `c` is a character of Vietnamese text typed in Unicode: ASCII, the
/// Vietnamese letters, and ordinary punctuation.
fn vietnamese_char(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            'À'..='Ã' | 'È'..='Ê' | 'Ì' | 'Í' | 'Ò'..='Õ' | 'Ù' | 'Ú' | 'Ý'
                | 'à'..='ã' | 'è'..='ê' | 'ì' | 'í' | 'ò'..='õ' | 'ù' | 'ú' | 'ý'
                | 'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư'
                | '\u{1EA0}'..='\u{1EF9}'
                | '\u{a0}' | '°' | '²' | '³' | '±'
                | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}'
        )
        // Other scripts (a Chinese name, a Khmer word) are not an encoding problem.
        || (c > '\u{24f}' && !matches!(c, '\u{2c6}' | '\u{2dc}'))
}

/// Whether a vowel followed by a VNI mark byte spells a VNI letter rather than
/// Unicode Vietnamese ("Vaên" is VNI for "Văn"; "hoà" is Unicode).
fn vni_pair(vowel: char, mark: char) -> bool {
    let (v, m) = (
        vowel.to_lowercase().next().unwrap_or(vowel),
        mark.to_lowercase().next().unwrap_or(mark),
    );
    match v {
        'a' => matches!(m, 'ù' | 'õ' | 'â' | 'ê' | 'à' | 'á' | 'ã' | 'è' | 'é' | 'ú'),
        'e' => matches!(m, 'ù' | 'õ' | 'â' | 'à' | 'á' | 'ã'),
        'o' => matches!(m, 'ù' | 'õ' | 'â'),
        'u' | 'y' => matches!(m, 'ù' | 'õ'),
        _ => false,
    }
}

/// Whether `c`, between `prev` and `next`, is a character that Vietnamese typed in
/// Unicode never has there. « » × ½ are punctuation between words, but TCVN3
/// letters (ô ằ ì ẵ) inside one ("c«ng", "B×nh").
fn odd(prev: char, c: char, next: char) -> bool {
    if matches!(c, '«' | '»' | '×' | '½') {
        return prev.is_alphabetic() && next.is_alphabetic();
    }
    !vietnamese_char(c) || vni_pair(prev, c)
}

/// How many characters of `text` are [`odd`].
fn odd_count(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if odd(prev, c, chars.peek().copied().unwrap_or(' ')) {
            count += 1;
        }
        prev = c;
    }
    count
}

/// Whether `text` has characters, or pairs of them, that Vietnamese typed in
/// Unicode never has. Fast for the usual text, which has none.
pub fn suspicious(text: &str) -> bool {
    !text.is_ascii() && odd_count(text) > 0
}

/// The legacy encoding `text` seems to be in, if it is not plain Unicode.
pub fn detect(text: &str) -> Option<Legacy> {
    if text.is_ascii() {
        return None;
    }
    // Before the cheap test: "Nguyá»…n" is made of characters Vietnamese uses.
    if let Some(fixed) = mojibake(text) {
        return Some(Legacy::Mojibake(fixed));
    }
    if !suspicious(text) {
        return None;
    }
    let base = implausible(text);
    let (vni, joined) = from_vni(text);
    let tcvn3 = from_tcvn3(text);
    let (bad_v, bad_t) = (implausible(&vni), implausible(&tcvn3));
    // Equally plausible readings: VNI if it joined marks to letters, else TCVN3.
    if bad_v < base && (bad_v < bad_t || (bad_v == bad_t && joined > 0)) {
        Some(Legacy::Vni(vni))
    } else if bad_t < base {
        Some(Legacy::Tcvn3(tcvn3))
    } else {
        None
    }
}

/// UTF-8 read as Windows-1252, read back: `None` unless the bytes are UTF-8 again.
fn mojibake(text: &str) -> Option<String> {
    // Every Vietnamese letter outside ASCII starts with byte C3, C4, C5, C6 or E1
    // (then BA or BB) in UTF-8: misread, one of these pairs shows.
    let lead = |c: char| matches!(c, 'Ã' | 'Ä' | 'Å' | 'Æ');
    if !text.chars().any(lead) && !text.contains("á»") && !text.contains("áº") {
        return None;
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable || bytes.is_ascii() {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (!suspicious(fixed)).then(|| fixed.nfc().collect())
}

/// `text` read as TCVN3.
fn from_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| {
            TCVN3
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

/// `text` read as VNI, and how many mark bytes were joined to a letter.
fn from_vni(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut joined = 0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let (Some(p), Some(mark)) = (prev, vni_mark(c))
            && matches!(
                p.to_ascii_lowercase(),
                'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư'
            )
        {
            out.push_str(mark);
            joined += 1;
            prev = None;
            continue;
        }
        let c = VNI_SINGLE
            .iter()
            .find(|(from, _)| *from == c)
            .map_or(c, |(_, to)| *to);
        out.push(c);
        prev = Some(match c {
            'ơ' | 'Ơ' => 'ơ',
            'ư' | 'Ư' => 'ư',
            c => c,
        });
    }
    (out.nfc().collect(), joined)
}

/// How unlike Vietnamese `text` is: characters Vietnamese never uses, marks left
/// over, and words with more than one tone.
fn implausible(text: &str) -> usize {
    let mut bad = odd_count(text);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let tones = word.nfd().filter(|c| is_tone(*c)).count();
        bad += tones.saturating_sub(1);
    }
    bad
}

/// The five tone marks (not the circumflex, breve or horn).
fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_vietnamese_is_left_alone() {
        for text in [
            "Trường THCS Bạch Long Vĩ",
            "Nguyễn Thị Hoà",
            "Thuý, xuân, thuê, quà, quá, tiên, chuyên, khoé",
            "Tổ trưởng tổ Toán – Tin",
            "TRƯỜNG THPT CHUYÊN TRẦN PHÚ",
            "Số: 1234/QĐ-SGDĐT «Dạy tốt»",
            "Trường TH&THCS Cát Hải",
        ] {
            assert!(!suspicious(text), "{text}");
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn tcvn3_is_recognised_and_read() {
        assert_eq!(
            detect("Tr\u{ad}êng THCS B¹ch Long VÜ"),
            Some(Legacy::Tcvn3("Trường THCS Bạch Long Vĩ".into()))
        );
        assert_eq!(
            detect("NguyÔn ThÞ Hoa"),
            Some(Legacy::Tcvn3("Nguyễn Thị Hoa".into()))
        );
        assert_eq!(
            detect("Gi¸o viªn Ng÷ v¨n"),
            Some(Legacy::Tcvn3("Giáo viên Ngữ văn".into()))
        );
        // Only « and × give these away, and only inside a word.
        assert_eq!(detect("C«ng B×nh"), Some(Legacy::Tcvn3("Công Bình".into())));
        assert_eq!(detect("Phong trào «Dạy tốt» năm 2025 × 2"), None);
    }

    #[test]
    fn vni_is_recognised_and_read() {
        assert_eq!(
            detect("Tröôøng THCS Baïch Long Vó"),
            Some(Legacy::Vni("Trường THCS Bạch Long Vĩ".into()))
        );
        // Every character here is also a Vietnamese letter: the pairs give it away.
        assert_eq!(
            detect("Nguyeãn Vaên An"),
            Some(Legacy::Vni("Nguyễn Văn An".into()))
        );
        assert_eq!(
            detect("Ñoã Thò Thanh Taâm"),
            Some(Legacy::Vni("Đỗ Thị Thanh Tâm".into()))
        );
    }

    /// Letters and cells as encoded by the npm package `vietnamese-conversion` 2.x
    /// (`toTCVN3`, `toVNI`), written by others than us. Its VNI table gives ỷ and ỹ
    /// as single bytes that collide with other letters; VNI writes them y+û, y+õ.
    #[test]
    fn every_letter_reads_back_as_another_converter_encodes_it() {
        let letters = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
        let tcvn3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u{ad}õøö÷ùúýûüþ";
        assert_eq!(from_tcvn3(tcvn3), letters);
        let vni = " baø baù baû baõ baï baê baè baé baú baü baë baâ baà baá baå baã baä bñ beø beù beû beõ beï beâ beà beá beå beã beä bì bí bæ bó bò boø boù boû boõ boï boâ boà boá boå boã boä bô bôø bôù bôû bôõ bôï buø buù buû buõ buï bö böø böù böû böõ böï byø byù bî";
        let expected: String = letters
            .chars()
            .filter(|c| !matches!(c, 'ỷ' | 'ỹ'))
            .map(|c| format!(" b{c}"))
            .collect();
        assert_eq!(from_vni(vni).0, expected);
        for (unicode, tcvn3, vni) in [
            (
                "Nguyễn Thị Hương",
                "NguyÔn ThÞ H\u{ad}¬ng",
                "Nguyeãn Thò Höông",
            ),
            (
                "Tổ trưởng chuyên môn",
                "Tæ tr\u{ad}ëng chuyªn m«n",
                "Toå tröôûng chuyeân moân",
            ),
            (
                "Trường Tiểu học Vĩnh Bảo",
                "Tr\u{ad}êng TiÓu häc VÜnh B¶o",
                "Tröôøng Tieåu hoïc Vónh Baûo",
            ),
            ("Phạm Văn Đức", "Ph¹m V¨n §øc", "Phaïm Vaên Ñöùc"),
            ("Trần Quốc Việt", "TrÇn Quèc ViÖt", "Traàn Quoác Vieät"),
            ("Họ và tên", "Hä vµ tªn", "Hoï vaø teân"),
        ] {
            assert_eq!(
                detect(tcvn3),
                Some(Legacy::Tcvn3(unicode.into())),
                "{tcvn3}"
            );
            assert_eq!(detect(vni), Some(Legacy::Vni(unicode.into())), "{vni}");
        }
    }

    #[test]
    fn utf8_read_as_windows_1252_is_recognised() {
        // "Trường" in UTF-8 is 54 72 C6 B0 E1 BB 9D 6E 67; 9D is a C1 control there.
        assert_eq!(
            detect("TrÆ°á»\u{9d}ng THCS"),
            Some(Legacy::Mojibake("Trường THCS".into()))
        );
        assert_eq!(
            detect("Nguyá»…n Thá»‹ Hoa"),
            Some(Legacy::Mojibake("Nguyễn Thị Hoa".into()))
        );
    }
}
