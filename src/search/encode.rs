//! Compact text encodings of the search index, decoded by `search.js`: sorted lists
//! of document numbers as base-64 varint deltas or as a bitmap, whichever is shorter,
//! and the grouping of tokens into shards keyed by their first letters.

use std::collections::BTreeMap;

/// The 64 characters of the encoding (URL-safe base 64, also safe in JSON strings).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes a strictly increasing list of document numbers.
///
/// Varints: the first number, then the gaps, each in groups of 5 bits, low group
/// first, a character per group with 32 added when more groups follow. Bitmap: `~`,
/// then 6 documents per character, lowest bit first. A token found in most documents
/// costs one character per 6 documents instead of one per document.
pub fn encode_list(docs: &[u32]) -> String {
    let mut varints = String::new();
    let mut prev = None;
    for &d in docs {
        let gap = match prev {
            None => d,
            Some(p) => d - p,
        };
        push_varint(&mut varints, gap);
        prev = Some(d);
    }
    let bitmap_len = docs.last().map_or(0, |last| *last as usize / 6 + 2);
    if bitmap_len < varints.len() {
        let mut bits = vec![0u8; bitmap_len - 1];
        for &d in docs {
            bits[d as usize / 6] |= 1 << (d % 6);
        }
        let mut out = String::with_capacity(bitmap_len);
        out.push('~');
        out.extend(
            bits.into_iter()
                .map(|b| char::from(ALPHABET[usize::from(b)])),
        );
        out
    } else {
        varints
    }
}

fn push_varint(out: &mut String, mut value: u32) {
    loop {
        let low = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(char::from(ALPHABET[low]));
            return;
        }
        out.push(char::from(ALPHABET[low | 32]));
    }
}

/// Decodes what [`encode_list`] wrote (for tests; the browser has its own).
pub fn decode_list(text: &str) -> Vec<u32> {
    let digit = |c: u8| ALPHABET.iter().position(|a| *a == c).unwrap_or(0) as u32;
    let mut out = Vec::new();
    if let Some(bits) = text.strip_prefix('~') {
        for (i, c) in bits.bytes().enumerate() {
            let v = digit(c);
            out.extend(
                (0..6)
                    .filter(|b| v & (1 << b) != 0)
                    .map(|b| i as u32 * 6 + b),
            );
        }
        return out;
    }
    let (mut value, mut shift, mut prev) = (0u32, 0u32, None::<u32>);
    for c in text.bytes() {
        let d = digit(c);
        value |= (d & 31) << shift;
        shift += 5;
        if d & 32 == 0 {
            let doc = prev.map_or(value, |p| p + value);
            out.push(doc);
            prev = Some(doc);
            value = 0;
            shift = 0;
        }
    }
    out
}

/// Groups tokens into shards of about `limit` bytes. A shard's key is a prefix of
/// each of its tokens: first the first two letters; a shard larger than `limit` keeps
/// only the tokens equal to its key and hands the others to shards one letter longer.
/// A token therefore lives in the shard of the longest key that begins it.
pub fn shard<T>(
    entries: BTreeMap<String, T>,
    size: impl Fn(&str, &T) -> usize,
    limit: usize,
) -> BTreeMap<String, Vec<(String, T)>> {
    let mut shards = BTreeMap::new();
    let mut groups: BTreeMap<String, Vec<(String, T)>> = BTreeMap::new();
    for (token, value) in entries {
        groups
            .entry(prefix(&token, 2))
            .or_default()
            .push((token, value));
    }
    let mut depth = 2;
    while !groups.is_empty() {
        let mut deeper: BTreeMap<String, Vec<(String, T)>> = BTreeMap::new();
        for (key, items) in groups {
            let total: usize = items.iter().map(|(t, v)| size(t, v)).sum();
            // Past 8 letters a shard stays whole, however large.
            if total <= limit || depth >= 8 {
                shards.insert(key, items);
                continue;
            }
            let mut kept = Vec::new();
            for (token, value) in items {
                if token.chars().count() <= depth {
                    kept.push((token, value));
                } else {
                    deeper
                        .entry(prefix(&token, depth + 1))
                        .or_default()
                        .push((token, value));
                }
            }
            if !kept.is_empty() {
                shards.insert(key, kept);
            }
        }
        groups = deeper;
        depth += 1;
    }
    shards
}

/// The first `n` characters.
fn prefix(token: &str, n: usize) -> String {
    token.chars().take(n).collect()
}

/// FNV-1a, 64 bits: a stable fingerprint of the index for cache busting (stable across
/// Rust releases, unlike `DefaultHasher`).
pub fn fingerprint(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_in_both_encodings() {
        let sparse = vec![3, 70, 71, 5000, 123_456];
        let text = encode_list(&sparse);
        assert!(!text.starts_with('~'));
        assert_eq!(decode_list(&text), sparse);

        let dense: Vec<u32> = (0..600).filter(|d| d % 3 != 0).collect();
        let text = encode_list(&dense);
        assert!(text.starts_with('~'), "a dense list is a bitmap");
        assert!(text.len() <= 102);
        assert_eq!(decode_list(&text), dense);

        assert_eq!(encode_list(&[]), "");
        assert_eq!(decode_list(&encode_list(&[0])), vec![0]);
        // A gap under 32 costs one character, up to 1023 two.
        assert_eq!(encode_list(&[0, 1, 2, 33]).len(), 4);
        assert_eq!(encode_list(&[0, 1, 2, 34]).len(), 5);
    }

    #[test]
    fn large_shards_split_by_longer_prefixes() {
        let mut entries = BTreeMap::new();
        for t in ["th", "thi", "thu", "thanh", "tha", "an", "a"] {
            entries.insert(t.to_string(), ());
        }
        let shards = shard(entries, |t, _| if t.starts_with("th") { 10 } else { 1 }, 25);
        let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "an", "th", "tha", "thi", "thu"]);
        let tha: Vec<&str> = shards["tha"].iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(tha, ["tha", "thanh"]);
    }
}
