//! From text to the words the index holds: folded as [`fold`] does (lower case, no
//! diacritics, đ → d), split as `search.js` splits a query.

use std::sync::OnceLock;

use crate::vietnamese::fold;

/// Longer "words" (long numbers, run-together text) are not indexed.
const MAX_TOKEN_CHARS: usize = 32;

/// A folded word. Words of up to 8 bytes (nearly every folded Vietnamese syllable and
/// most numbers) are packed into an integer, cheaper to hash and compare than a
/// string: their bytes, zero-padded (words hold no zero byte, so two words never
/// share a key). Longer ones keep their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word<'a> {
    Packed(u64),
    Text(&'a str),
}

#[cfg(test)]
impl Word<'_> {
    /// The word's text.
    pub(super) fn text(self) -> String {
        match self {
            Word::Packed(key) => unpack(key),
            Word::Text(text) => text.to_string(),
        }
    }
}

/// A word of at most 8 bytes packed as in [`Word::Packed`].
#[cfg(test)]
pub(super) fn pack(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut key = [0u8; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(key)
    })
}

/// The text of a word packed as in [`Word::Packed`].
pub(super) fn unpack(key: u64) -> String {
    let bytes = key.to_le_bytes();
    let len = bytes.iter().position(|b| *b == 0).unwrap_or(8);
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

/// The word being read: its first 8 bytes packed, the whole of a longer one in
/// `spill` (a buffer reused from call to call).
struct Builder<'b> {
    key: u64,
    len: usize,
    spill: &'b mut Vec<u8>,
}

impl Builder<'_> {
    fn push_byte(&mut self, b: u8) {
        if self.len < 8 {
            self.key |= u64::from(b) << (8 * self.len);
        } else {
            if self.len == 8 {
                self.spill.clear();
                self.spill.extend_from_slice(&self.key.to_le_bytes());
            }
            self.spill.push(b);
        }
        self.len += 1;
    }

    fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.push_byte(c as u8);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                self.push_byte(b);
            }
        }
    }

    /// Gives the word read, if any and not too long, to `each`, and starts anew.
    fn end(&mut self, each: &mut impl FnMut(Word)) {
        match self.len {
            0 => return,
            1..=8 => each(Word::Packed(self.key)),
            _ => {
                if let Ok(word) = std::str::from_utf8(self.spill)
                    && (word.len() <= MAX_TOKEN_CHARS || word.chars().count() <= MAX_TOKEN_CHARS)
                {
                    each(Word::Text(word));
                }
            }
        }
        self.key = 0;
        self.len = 0;
    }
}

/// Calls `each` with every word of `text` folded as [`fold`] does: each run of
/// letters and digits (as `search.js` splits a query) that is not too long to index.
/// The same words as `fold` then a split, several times faster: ASCII is folded in
/// place, the Latin letters up to U+1EFF (all of Vietnamese) through a table made
/// with `fold` itself, and short words never become strings. `spill` is a buffer,
/// reused from call to call.
pub(super) fn each_word(text: &str, spill: &mut Vec<u8>, mut each: impl FnMut(Word)) {
    let table = fold_table();
    let mut word = Builder {
        key: 0,
        len: 0,
        spill,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            match ASCII_FOLD[usize::from(b)] {
                0 => word.end(&mut each),
                f => word.push_byte(f),
            }
            i += 1;
            continue;
        }
        // `i` is at the start of a character: only whole characters are skipped.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let quick = u32::from(c)
            .checked_sub(FOLD_FIRST)
            .and_then(|i| table.get(i as usize))
            .copied()
            .unwrap_or(SLOW);
        match quick {
            SEPARATOR => word.end(&mut each),
            SLOW => {
                for f in fold(c.encode_utf8(&mut [0; 4])).chars() {
                    if f.is_alphanumeric() {
                        word.push(f);
                    } else {
                        word.end(&mut each);
                    }
                }
            }
            letter => word.push(letter),
        }
    }
    word.end(&mut each);
}

/// Each ASCII byte folded: letters in lower case, digits as they are, 0 for the
/// rest (which separate words).
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The first character of [`fold_table`].
const FOLD_FIRST: u32 = 0xC0;
/// In [`fold_table`]: a character that is not a letter or digit once folded.
const SEPARATOR: char = ' ';
/// In [`fold_table`]: a character that folds to none or several (a combining mark).
const SLOW: char = '\0';

/// What each character from U+00C0 to U+1EFF folds to: one letter or digit, or
/// [`SEPARATOR`], or [`SLOW`].
fn fold_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (FOLD_FIRST..0x1F00)
            .map(|c| {
                let folded = char::from_u32(c).map(|c| fold(c.encode_utf8(&mut [0; 4])));
                let mut chars = folded.as_deref().unwrap_or_default().chars();
                match (chars.next(), chars.next()) {
                    (Some(f), None) if f.is_alphanumeric() => f,
                    (Some(_), None) => SEPARATOR,
                    _ => SLOW,
                }
            })
            .collect()
    })
}

/// Appends the text of sanitised body HTML to `out`: tags dropped, the entities the
/// renderer writes decoded, block ends turned into spaces.
pub(super) fn plain_text(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(start) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('<') {
            let end = memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |e| e + 1);
            out.push(' ');
            rest = &rest[end..];
        } else {
            // Byte search: `;` is ASCII, so its position is a character boundary.
            let end = rest.as_bytes()[..rest.len().min(12)]
                .iter()
                .position(|b| *b == b';');
            let (entity, len) = match end {
                Some(e) => (&rest[1..e], e + 1),
                None => ("", 1),
            };
            let decoded = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "#39" | "apos" => Some('\''),
                "nbsp" => Some(' '),
                e => e
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| e.strip_prefix('#').and_then(|n| n.parse().ok()))
                    .and_then(char::from_u32),
            };
            match decoded {
                Some(c) => {
                    out.push(c);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, &mut Vec::new(), |t| out.push(t.text()));
        out
    }

    #[test]
    fn words_fold_case_and_diacritics() {
        assert_eq!(words("Nguyễn Thị Hoa"), ["nguyen", "thi", "hoa"]);
        assert_eq!(words("NGUYỄN thị HÒA"), ["nguyen", "thi", "hoa"]);
        assert_eq!(
            words("1234/QĐ-SGDĐT, Bạch Long Vĩ"),
            ["1234", "qd", "sgddt", "bach", "long", "vi"]
        );
        // Decomposed input (NFD) gives the same words.
        assert_eq!(words("Nguye\u{302}\u{303}n"), ["nguyen"]);
    }

    #[test]
    fn fast_folding_matches_fold_then_split() {
        let texts = [
            "Trường THCS Bạch Long Vĩ – đặc khu; ĐẶNG Thị Ánh, Hòa/Hoà, Thuý/Thúy",
            "Nguye\u{302}\u{303}n \u{1EA0}\u{1EF9} İstanbul straße ﬁ 1234/QĐ-SGDĐT",
            "  --Ưu tú!! ",
            // Words of 8 and 9 bytes, and a longer one with two-byte letters across
            // the 8th byte: packed and spilled words alike.
            "abcdefgh abcdefghi Straßenbahnhaltestelle Ngườiđọcsáchthưviện",
        ];
        for text in texts {
            let slow: Vec<String> = fold(text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let mut fast = Vec::new();
            each_word(text, &mut Vec::new(), |w| fast.push(w.text()));
            assert_eq!(fast, slow, "{text}");
        }
    }

    #[test]
    fn words_longer_than_32_characters_are_left_out() {
        let long = "a".repeat(33);
        assert_eq!(
            words(&format!("x {long} y {}", &long[1..])),
            ["x", "y", &long[1..]]
        );
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        let plain = |html: &str| {
            let mut out = String::from("|");
            plain_text(html, &mut out);
            out
        };
        assert_eq!(
            plain("<p>Cô <b>Hoa</b> &amp; trò&#39;s &lt;3</p><p>Hai</p>"),
            "| Cô  Hoa  & trò's <3  Hai "
        );
        assert_eq!(plain("a & b"), "|a & b");
        assert_eq!(plain("TH&THCS Vĩnh Bảo"), "|TH&THCS Vĩnh Bảo");
        assert_eq!(plain("&amp;THCS Vĩnh"), "|&THCS Vĩnh");
    }
}
