//! Documents by word, for the high fields and the body. Built over runs of documents
//! in parallel, then merged in order, so every list stays sorted.

use std::hash::{BuildHasherDefault, Hasher};

use super::cache::DocWords;
use super::words::{Word, each_word, plain_text, unpack};
use super::{Field, HIGH_FIELDS, Texts};

/// Documents by word: for each high field, and for the body; and the buffers a
/// document's text is folded in, reused from one document to the next.
#[derive(Default)]
pub(super) struct Postings {
    pub(super) high: Words<[Docs; HIGH_FIELDS]>,
    pub(super) body: Words<Docs>,
    text: String,
    spill: Vec<u8>,
}

impl Postings {
    /// Adds document `d`, which comes after every document already added, under each
    /// word of its texts and of its body's HTML: a document is already under a word
    /// when it ends that word's list. Notes its distinct words in `words`, for
    /// [`Postings::replay`]. Returns the number of distinct words in its name.
    pub(super) fn add(&mut self, d: u32, texts: &Texts, html: &str, words: &mut DocWords) -> usize {
        let Postings {
            high,
            body,
            text,
            spill,
        } = self;
        for (f, field) in texts.fields.iter().enumerate() {
            for t in field {
                each_word(t, spill, |w| {
                    if high.get_mut(w)[f].add(d) {
                        words.push(f, w);
                    }
                });
            }
        }
        text.clear();
        plain_text(html, text);
        for t in &texts.body {
            text.push(' ');
            text.push_str(t);
        }
        each_word(text, spill, |w| {
            if body.get_mut(w).add(d) {
                words.push(HIGH_FIELDS, w);
            }
        });
        words.len(Field::Name as usize)
    }

    /// Adds document `d` as [`Postings::add`] did with the same texts, from the
    /// words it noted.
    pub(super) fn replay(&mut self, d: u32, words: &DocWords) -> usize {
        words.each(|list, w| {
            if list < HIGH_FIELDS {
                self.high.get_mut(w)[list].add(d);
            } else {
                self.body.get_mut(w).add(d);
            }
        });
        words.len(Field::Name as usize)
    }

    /// `self` then `later`, whose documents all come after `self`'s.
    pub(super) fn merge(mut self, later: Postings) -> Postings {
        if self.body.is_empty() && self.high.is_empty() {
            return later;
        }
        self.high.merge(later.high, |mine, lists| {
            for (m, l) in mine.iter_mut().zip(lists) {
                m.append(l);
            }
        });
        self.body.merge(later.body, Docs::append);
        self
    }
}

/// The documents under a word, in order, each once.
#[derive(Default)]
pub(super) struct Docs {
    /// The last document plus one, 0 when none: a document is checked against it
    /// without reaching into the list's memory.
    next: u32,
    pub(super) list: Vec<u32>,
}

impl Docs {
    /// Adds document `d`, unless it is the last one already; whether it was added.
    fn add(&mut self, d: u32) -> bool {
        let added = self.next != d + 1;
        if added {
            self.next = d + 1;
            self.list.push(d);
        }
        added
    }

    /// Adds `later`'s documents, which all come after these.
    fn append(&mut self, later: Docs) {
        if !later.list.is_empty() {
            self.next = later.next;
            self.list.extend(later.list);
        }
    }
}

/// Word → value, packed words and longer ones apart.
pub(super) struct Words<V> {
    short: hashbrown::HashMap<u64, V, BuildHasherDefault<FastHasher>>,
    long: hashbrown::HashMap<String, V, BuildHasherDefault<FastHasher>>,
}

impl<V> Default for Words<V> {
    fn default() -> Self {
        Words {
            short: Default::default(),
            long: Default::default(),
        }
    }
}

impl<V: Default> Words<V> {
    /// The value of `word`, made when the word is new.
    fn get_mut(&mut self, word: Word) -> &mut V {
        match word {
            Word::Packed(key) => self.short.entry(key).or_default(),
            Word::Text(text) => self.long.entry_ref(text).or_default(),
        }
    }

    fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    /// Adds `other`'s values to this map's with `add`.
    fn merge(&mut self, other: Words<V>, mut add: impl FnMut(&mut V, V)) {
        for (key, value) in other.short {
            add(self.short.entry(key).or_default(), value);
        }
        for (word, value) in other.long {
            add(self.long.entry(word).or_default(), value);
        }
    }

    /// Every word and its value, in word order.
    pub(super) fn into_sorted(self) -> Vec<(String, V)> {
        let short = self.short.into_iter().map(|(k, v)| (unpack(k), v));
        let mut all: Vec<(String, V)> = short.chain(self.long).collect();
        all.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        all
    }
}

/// A fast, non-cryptographic hasher (FxHash's multiply-rotate) for the word maps:
/// the words are the site's own text, and the output is sorted afterwards, so
/// neither flooding resistance nor a stable order is needed here.
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::words::pack;
    use super::*;

    #[test]
    fn packed_words_unpack_to_themselves() {
        for word in ["a", "nguyen", "12345678", "đ", "ươ", "xyz"] {
            assert_eq!(unpack(pack(word).unwrap()), word);
        }
        assert_eq!(pack("nghiêngg"), None, "9 bytes");
        assert_ne!(pack("ab"), pack("ba"));
    }

    #[test]
    fn lists_stay_sorted_and_without_repeats_across_runs() {
        let texts = |name: &'static str| Texts {
            fields: [vec![name], vec![], vec![], vec![]],
            body: vec![],
        };
        let mut first = Postings::default();
        let mut words = DocWords::default();
        assert_eq!(
            first.add(0, &texts("Hoa Hoa"), "<p>hoa và lan</p>", &mut words),
            1
        );
        first.add(
            1,
            &texts("Lan"),
            "<p>hoa hoa hoa</p>",
            &mut DocWords::default(),
        );
        let mut second = Postings::default();
        second.add(
            2,
            &texts("Hoa"),
            "<p>một từ rất dài: quanghoahocsinhgioi</p>",
            &mut DocWords::default(),
        );
        let merged = first.merge(second);
        let high: BTreeMap<_, _> = merged.high.into_sorted().into_iter().collect();
        assert_eq!(high["hoa"][0].list, [0, 2]);
        assert_eq!(high["lan"][0].list, [1]);
        let body: BTreeMap<_, _> = merged.body.into_sorted().into_iter().collect();
        assert_eq!(body["hoa"].list, [0, 1]);
        assert_eq!(body["quanghoahocsinhgioi"].list, [2]);
        assert_eq!(body.keys().next().map(String::as_str), Some("dai"));
    }

    #[test]
    fn a_replayed_document_is_added_as_it_was_read() {
        let texts = Texts {
            fields: [
                vec!["Nguyễn Thị Hoa"],
                vec!["Cô giáo"],
                vec!["Hoa, Bạch Long Vĩ"],
                vec![],
            ],
            body: vec!["Mục tiêu"],
        };
        let html = "<p>Cô Hoa dạy ở đảo; cô hoa… quanghoahocsinhgioi &amp; hoa</p>";
        let sorted = |p: Postings| {
            let high: Vec<(String, Vec<Vec<u32>>)> = p
                .high
                .into_sorted()
                .into_iter()
                .map(|(w, lists)| (w, lists.iter().map(|l| l.list.clone()).collect()))
                .collect();
            let body: Vec<(String, Vec<u32>)> = p
                .body
                .into_sorted()
                .into_iter()
                .map(|(w, l)| (w, l.list))
                .collect();
            (high, body)
        };
        let (mut read, mut replayed) = (Postings::default(), Postings::default());
        let mut words = DocWords::default();
        read.add(0, &texts, "<p>hoa</p>", &mut DocWords::default());
        replayed.add(0, &texts, "<p>hoa</p>", &mut DocWords::default());
        let names = read.add(3, &texts, html, &mut words);
        assert_eq!(replayed.replay(3, &words), names);
        assert_eq!(names, 3);
        // Each word once per field, as first met.
        let mut hoa = 0;
        words.each(|list, w| {
            hoa += usize::from(list == HIGH_FIELDS && w == Word::Packed(pack("hoa").unwrap()));
        });
        assert_eq!(hoa, 1);
        assert_eq!(sorted(read), sorted(replayed));
    }
}
