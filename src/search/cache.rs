//! The words of each document as the last build folded and split them, kept in the
//! cache folder by a hash of the document's texts: a rebuild after one story was
//! edited folds and splits only that story again (at 10,000 profiles, folding and
//! splitting every text was a third of a rebuild's instructions). A cache written by
//! another binary, or one that cannot be read, is not used.

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::Path;

use super::words::Word;
use super::{HIGH_FIELDS, Texts};

/// The cache file below the site root.
pub const FILE: &str = ".tonvinh-cache/search-words.bin";

/// The lists of a document: its high fields', then its body's.
const LISTS: usize = HIGH_FIELDS + 1;

/// The distinct words of one document, by field, in the order first met.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct DocWords {
    /// Packed words ([`Word::Packed`], never 0), and 0 for each longer word, whose
    /// text is next in `long`.
    lists: [Vec<u64>; LISTS],
    long: Vec<Box<str>>,
}

impl DocWords {
    /// Notes `word` in list `list` (a high field, or [`HIGH_FIELDS`] for the body).
    pub(super) fn push(&mut self, list: usize, word: Word) {
        match word {
            Word::Packed(key) => self.lists[list].push(key),
            Word::Text(text) => {
                self.lists[list].push(0);
                self.long.push(text.into());
            }
        }
    }

    /// The number of words in list `list`.
    pub(super) fn len(&self, list: usize) -> usize {
        self.lists[list].len()
    }

    /// Calls `each` with every list's number and each of its words, in order.
    pub(super) fn each(&self, mut each: impl FnMut(usize, Word)) {
        let mut long = self.long.iter();
        for (l, list) in self.lists.iter().enumerate() {
            for &key in list {
                if key != 0 {
                    each(l, Word::Packed(key));
                } else if let Some(text) = long.next() {
                    each(l, Word::Text(text));
                }
            }
        }
    }

    /// Appends the document in the cache file's form: the list lengths and the
    /// number of long words, then the packed words, then each long word's length
    /// and bytes; all little-endian.
    fn encode(&self, out: &mut Vec<u8>) {
        for list in &self.lists {
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
        }
        out.extend_from_slice(&(self.long.len() as u32).to_le_bytes());
        for key in self.lists.iter().flatten() {
            out.extend_from_slice(&key.to_le_bytes());
        }
        for text in &self.long {
            out.extend_from_slice(&(text.len() as u32).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
    }

    /// A document as [`DocWords::encode`] wrote it, at the start of `bytes`.
    fn decode(bytes: &mut Reader) -> Option<DocWords> {
        let mut lengths = [0usize; LISTS];
        for length in &mut lengths {
            *length = bytes.u32()? as usize;
        }
        let long = bytes.u32()? as usize;
        let mut words = DocWords::default();
        for (list, length) in words.lists.iter_mut().zip(lengths) {
            let raw = bytes.take(length.checked_mul(8)?)?;
            list.extend(
                raw.chunks_exact(8)
                    .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default())),
            );
        }
        for _ in 0..long {
            let length = bytes.u32()? as usize;
            let text = std::str::from_utf8(bytes.take(length)?).ok()?;
            words.long.push(text.into());
        }
        Some(words)
    }
}

/// Reads the cache file's bytes from the front.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// The documents' words, by [`key`].
#[derive(Default)]
pub(super) struct WordCache {
    pub(super) docs: HashMap<u64, DocWords>,
}

impl WordCache {
    /// The cache at `file`; empty when there is none that this binary wrote.
    pub(super) fn load(file: &Path) -> WordCache {
        let docs = fs::read(file)
            .ok()
            .and_then(|bytes| WordCache::decode(&bytes))
            .unwrap_or_default();
        WordCache { docs }
    }

    /// A cache of `docs`, to be saved.
    pub(super) fn of(docs: HashMap<u64, DocWords>) -> WordCache {
        WordCache { docs }
    }

    /// The file's form: this binary's [`stamp`], the number of documents, then each
    /// document's key and words.
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.docs.len() * 1024);
        out.extend_from_slice(&stamp().to_le_bytes());
        out.extend_from_slice(&(self.docs.len() as u64).to_le_bytes());
        for (key, words) in &self.docs {
            out.extend_from_slice(&key.to_le_bytes());
            words.encode(&mut out);
        }
        out
    }

    fn decode(bytes: &[u8]) -> Option<HashMap<u64, DocWords>> {
        let mut bytes = Reader(bytes);
        if bytes.u64()? != stamp() {
            return None;
        }
        let count = usize::try_from(bytes.u64()?).ok()?;
        let mut docs = HashMap::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let key = bytes.u64()?;
            docs.insert(key, DocWords::decode(&mut bytes)?);
        }
        bytes.0.is_empty().then_some(docs)
    }

    /// Writes the cache at `file`, beside and renamed over the last one.
    pub(super) fn save(&self, file: &Path) -> io::Result<()> {
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = file.with_extension(format!("{}.tmp", std::process::id()));
        fs::write(&tmp, self.encode())?;
        fs::rename(&tmp, file)
    }
}

/// A hash of everything a document's words are made from.
pub(super) fn key(texts: &Texts, html: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for field in &texts.fields {
        field.hash(&mut h);
    }
    texts.body.hash(&mut h);
    html.hash(&mut h);
    h.finish()
}

/// This binary: its version, and its size and time (another build of the same
/// version may fold words otherwise).
fn stamp() -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    let binary = std::env::current_exe().and_then(fs::metadata).ok();
    binary.map(|m| (m.len(), m.modified().ok())).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_is_read_back_by_the_binary_that_wrote_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache/search-words.bin");
        assert!(WordCache::load(&file).docs.is_empty(), "no file: empty");
        let mut words = DocWords::default();
        words.push(0, Word::Packed(7));
        words.push(2, Word::Text("quanghoahocsinhgioi"));
        words.push(HIGH_FIELDS, Word::Packed(1));
        words.push(HIGH_FIELDS, Word::Text("ngườiđọcsáchthưviện"));
        words.push(HIGH_FIELDS, Word::Packed(2));
        WordCache::of(HashMap::from([
            (42, words.clone()),
            (43, DocWords::default()),
        ]))
        .save(&file)
        .unwrap();
        let read = WordCache::load(&file);
        assert_eq!(read.docs[&42], words);
        assert_eq!(read.docs[&43], DocWords::default());
        let mut seen = Vec::new();
        read.docs[&42].each(|l, w| seen.push((l, w.text())));
        assert_eq!(
            seen,
            [
                (0, super::super::words::unpack(7)),
                (2, "quanghoahocsinhgioi".to_string()),
                (HIGH_FIELDS, super::super::words::unpack(1)),
                (HIGH_FIELDS, "ngườiđọcsáchthưviện".to_string()),
                (HIGH_FIELDS, super::super::words::unpack(2)),
            ]
        );
        // Written by another binary: not used.
        let mut other = WordCache::of(HashMap::from([(42, words)])).encode();
        other[0] ^= 1;
        fs::write(&file, &other).unwrap();
        assert!(WordCache::load(&file).docs.is_empty());
        // Cut short, or not a cache: not used.
        other[0] ^= 1;
        fs::write(&file, &other[..other.len() - 3]).unwrap();
        assert!(WordCache::load(&file).docs.is_empty());
        fs::write(&file, b"\xff\xff\xff").unwrap();
        assert!(WordCache::load(&file).docs.is_empty());
    }

    #[test]
    fn the_key_changes_with_every_text() {
        let texts = |name: &'static str, body: &'static str| Texts {
            fields: [vec![name], vec![], vec![], vec![]],
            body: vec![body],
        };
        let base = key(&texts("Hoa", "x"), "<p>a</p>");
        assert_eq!(base, key(&texts("Hoa", "x"), "<p>a</p>"));
        assert_ne!(base, key(&texts("Lan", "x"), "<p>a</p>"));
        assert_ne!(base, key(&texts("Hoa", "y"), "<p>a</p>"));
        assert_ne!(base, key(&texts("Hoa", "x"), "<p>b</p>"));
        // The same text in another field is another document.
        let moved = Texts {
            fields: [vec![], vec!["Hoa"], vec![], vec![]],
            body: vec!["x"],
        };
        assert_ne!(base, key(&moved, "<p>a</p>"));
    }
}
