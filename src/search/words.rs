//! From text to the words the index holds: folded as [`fold`] does (lower case, no
//! diacritics, đ → d), split as `search.js` splits a query.

use std::sync::OnceLock;

use crate::vietnamese::fold;

/// Longer "words" (long numbers, run-together text) are not indexed.
const MAX_TOKEN_CHARS: usize = 32;

/// Calls `each` with every word of `text` folded as [`fold`] does: each run of
/// letters and digits (as `search.js` splits a query) that is not too long to index.
/// The same words as `fold` then a split, several times faster: ASCII is folded in
/// place, the Latin letters up to U+1EFF (all of Vietnamese) through a table made
/// with `fold` itself. `word` is a buffer, reused from call to call.
pub(super) fn each_word(text: &str, word: &mut String, mut each: impl FnMut(&str)) {
    let table = fold_table();
    let mut end = |word: &mut String| {
        if !word.is_empty() {
            if word.len() <= MAX_TOKEN_CHARS || word.chars().count() <= MAX_TOKEN_CHARS {
                each(word);
            }
            word.clear();
        }
    };
    word.clear();
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else {
                end(word);
            }
            continue;
        }
        let quick = u32::from(c)
            .checked_sub(FOLD_FIRST)
            .and_then(|i| table.get(i as usize))
            .copied()
            .unwrap_or(SLOW);
        match quick {
            SEPARATOR => end(word),
            SLOW => {
                for f in fold(c.encode_utf8(&mut [0; 4])).chars() {
                    if f.is_alphanumeric() {
                        word.push(f);
                    } else {
                        end(word);
                    }
                }
            }
            letter => word.push(letter),
        }
    }
    end(word);
}

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
    while let Some(start) = rest.find(['<', '&']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
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
        each_word(text, &mut String::new(), |t| out.push(t.to_string()));
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
        ];
        for text in texts {
            let slow: Vec<String> = fold(text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let mut fast = Vec::new();
            each_word(text, &mut String::new(), |w| fast.push(w.to_string()));
            assert_eq!(fast, slow, "{text}");
        }
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
