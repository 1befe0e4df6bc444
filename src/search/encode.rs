//! Compact text encodings of the search index, decoded by `search.js`: sorted lists
//! of document numbers as base-64 varint deltas or as a bitmap, whichever is shorter,
//! and the packing of tokens into shards of consecutive tokens.

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

/// Packs tokens, in order, into shards of about `limit` bytes: each shard holds a run
/// of consecutive tokens and is known by its first one. A token is in the last shard
/// whose first token is not after it (`search.js` compares code points, the order in
/// which Rust sorts strings); the tokens that begin with a prefix are in consecutive
/// shards. Small sites get a handful of well-filled files, not one per pair of letters.
pub fn pack<T>(
    entries: impl IntoIterator<Item = (String, T)>,
    size: impl Fn(&str, &T) -> usize,
    limit: usize,
) -> Vec<(String, Vec<(String, T)>)> {
    let mut shards: Vec<(String, Vec<(String, T)>)> = Vec::new();
    let mut used = 0;
    for (token, value) in entries {
        let bytes = size(&token, &value);
        match shards.last_mut() {
            Some((_, items)) if used + bytes <= limit => items.push((token, value)),
            _ => {
                used = 0;
                shards.push((token.clone(), vec![(token, value)]));
            }
        }
        used += bytes;
    }
    shards
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
    fn shards_hold_runs_of_consecutive_tokens_up_to_the_limit() {
        let tokens = ["a", "an", "th", "tha", "thanh", "thi", "thu"];
        let entries = tokens.iter().map(|t| (t.to_string(), ()));
        let shards = pack(entries, |t, _| if t.starts_with("th") { 10 } else { 1 }, 25);
        let layout: Vec<(&str, Vec<&str>)> = shards
            .iter()
            .map(|(first, items)| {
                (
                    first.as_str(),
                    items.iter().map(|(t, _)| t.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            layout,
            [
                ("a", vec!["a", "an", "th", "tha"]),
                ("thanh", vec!["thanh", "thi"]),
                ("thu", vec!["thu"]),
            ]
        );
        // A token larger than the limit still gets a shard.
        let big = pack([("x".to_string(), ())], |_, _| 100, 25);
        assert_eq!(big.len(), 1);
    }
}
