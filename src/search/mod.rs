//! The client-side search index, written at build time and read by the theme's
//! `search.js`. Split as Pagefind does, so that a query loads only what it needs:
//!
//! - `search-index.json`: the manifest (shard keys, kinds, years, name lengths);
//! - `search-index/t/N.json`: names, titles, labels and summaries, by token;
//! - `search-index/b/N.json`: body text, by token;
//! - `search-index/d/N.json`: what a result shows (title, URL, unit, years, snippet),
//!   16 documents a file.
//!
//! Tokens are words folded with [`fold`]: lower case, no diacritics, đ → d, so that
//! "nguyen thi hoa" finds "Nguyễn Thị Hoa". Only text already shown on a page goes
//! in; pages marked `noindex` stay out.

mod encode;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::front::Subject;
use crate::model::{PageRef, Site};
use crate::render::Bodies;
use crate::render::labels::{area_name, kind_label, level_label};
use crate::vietnamese::fold;

pub use encode::{decode_list, encode_list};

/// The manifest's path below the base URL.
pub const MANIFEST: &str = "search-index.json";
/// The folder of the shards.
pub const DIR: &str = "search-index";
/// Documents per file of result data.
const CHUNK: usize = 32;
/// About how many bytes a shard holds before it is split by a longer prefix.
const SHARD_LIMIT: usize = 24_000;
/// Longer "words" (long numbers, run-together text) are not indexed.
const MAX_TOKEN_CHARS: usize = 32;

/// The fields of a document, most important first; `search.js` weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A person's or collective's name, a unit's name, a page title, a decision number.
    Name = 0,
    /// A profile's headline, a decision's title.
    Title = 1,
    /// Unit, commune, position, tags, awards, areas, issuer, recipients.
    Meta = 2,
    /// The summary or the body's first paragraph.
    Summary = 3,
}
const HIGH_FIELDS: usize = 4;

/// The kinds of result, in index order (documents of one kind are contiguous).
const KINDS: [&str; 7] = [
    "profile",
    "collective",
    "unit",
    "campaign",
    "decision",
    "model",
    "news",
];

/// One searchable page, as the builder sees it.
struct Doc<'a> {
    kind: usize,
    page: PageRef,
    /// What a result shows as its heading.
    title: String,
    /// The unit a result belongs to (a unit's commune, a decision's issuer).
    unit: &'a str,
    /// Years to filter by, and how they print.
    years: Vec<i32>,
    years_label: String,
    date: String,
    snippet: &'a str,
    /// Distinct words in the name.
    name_words: usize,
}

/// The searchable text of one page besides its body's HTML.
#[derive(Default)]
struct Texts<'a> {
    /// Text of each high field.
    fields: [Vec<&'a str>; HIGH_FIELDS],
    /// Text indexed with the body (a campaign's objectives and criteria).
    body: Vec<&'a str>,
}

/// What a result shows: `[title, path, unit, years, date, snippet]`.
#[derive(Serialize)]
struct Display<'a>(&'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

#[derive(Serialize)]
struct Manifest<'a> {
    /// Format version.
    v: u32,
    /// Fingerprint of the shards, appended to their URLs to defeat stale caches.
    hash: String,
    docs: usize,
    chunk: usize,
    /// `[id, label, first document, end]` per kind present.
    kinds: Vec<(&'static str, &'static str, usize, usize)>,
    /// Documents per year, encoded as a list.
    years: BTreeMap<i32, String>,
    /// Words in each document's name, one character per document (`0`–`9`, then `a`–`z`).
    names: String,
    /// Shard keys of the high fields (`t/N.json` for key N) and of the body (`b/N.json`).
    t: Vec<&'a str>,
    b: Vec<&'a str>,
}

/// Builds every file of the index: `(path below the base URL, bytes)`.
///
/// `summary` gives a page's summary or excerpt, the text results show.
pub fn build<'a>(
    site: &'a Site,
    bodies: &'a Bodies,
    summary: &(dyn Fn(PageRef) -> &'a str + Sync),
) -> Vec<(String, Vec<u8>)> {
    let lang = site.config.language;
    // By kind; people, collectives and units by folded name, so that the results of
    // a name (all the Nguyễn Thị Hoa) sit in the same result files; the rest newest
    // first. The order is also the tie-break between equal scores.
    let mut refs: Vec<(usize, String, PageRef)> = site
        .all_pages()
        .filter(|r| !site.page(*r).noindex)
        .map(|r| {
            let name = match r {
                PageRef::Profile(i) => fold(&site.profiles[i].name),
                PageRef::Unit(i) => fold(&site.units[i].name),
                _ => String::new(),
            };
            (kind_of(site, r), name, r)
        })
        .collect();
    refs.sort_by(|(ka, na, a), (kb, nb, b)| {
        let (pa, pb) = (site.page(*a), site.page(*b));
        ka.cmp(kb)
            .then_with(|| na.cmp(nb))
            .then_with(|| pb.date.cmp(&pa.date))
            .then_with(|| pa.path.cmp(&pb.path))
    });
    // Each document, and word → documents, in parallel over runs of documents merged
    // in order (so every list stays sorted). Within a run documents come in order, so
    // a document is already under a word when it ends that word's list: one lookup a
    // word, and no set of a document's words.
    let (docs, Postings { high, body, .. }) = refs
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .fold(
            || (Vec::new(), Postings::default()),
            |(mut docs, mut postings), (d, (kind, _, r))| {
                let (mut doc, texts) = document(site, summary, *kind, *r);
                doc.name_words = postings.add(d as u32, &texts, &bodies.get(*r).html);
                docs.push(doc);
                (docs, postings)
            },
        )
        .reduce(
            || (Vec::new(), Postings::default()),
            |(mut docs, postings), (later_docs, later)| {
                docs.extend(later_docs);
                (docs, postings.merge(later))
            },
        );
    let high: BTreeMap<String, Vec<String>> = Vec::from_iter(high)
        .into_par_iter()
        .map(|(w, lists)| {
            let mut encoded: Vec<String> = lists.iter().map(|l| encode_list(l)).collect();
            while encoded.last().is_some_and(String::is_empty) {
                encoded.pop();
            }
            (w, encoded)
        })
        .collect();
    let body: BTreeMap<String, String> = Vec::from_iter(body)
        .into_par_iter()
        .map(|(w, list)| (w, encode_list(&list)))
        .collect();
    let high_shards = encode::shard(
        high,
        |t, v| t.len() + 6 + v.iter().map(|s| s.len() + 3).sum::<usize>(),
        SHARD_LIMIT,
    );
    let body_shards = encode::shard(body, |t, v| t.len() + v.len() + 6, SHARD_LIMIT);

    let mut files = Vec::new();
    for (i, items) in high_shards.values().enumerate() {
        let map: BTreeMap<&str, &Vec<String>> =
            items.iter().map(|(t, v)| (t.as_str(), v)).collect();
        files.push((format!("{DIR}/t/{i}.json"), to_json(&map)));
    }
    for (i, items) in body_shards.values().enumerate() {
        let map: BTreeMap<&str, &String> = items.iter().map(|(t, v)| (t.as_str(), v)).collect();
        files.push((format!("{DIR}/b/{i}.json"), to_json(&map)));
    }
    for (i, chunk) in docs.chunks(CHUNK).enumerate() {
        let shown: Vec<Display> = chunk
            .iter()
            .map(|d| {
                Display(
                    &d.title,
                    &site.page(d.page).path,
                    d.unit,
                    &d.years_label,
                    &d.date,
                    d.snippet,
                )
            })
            .collect();
        files.push((format!("{DIR}/d/{i}.json"), to_json(&shown)));
    }

    let mut kinds = Vec::new();
    for (k, id) in KINDS.iter().enumerate() {
        let first = docs.partition_point(|d| d.kind < k);
        let end = docs.partition_point(|d| d.kind <= k);
        if end > first {
            kinds.push((*id, kind_label(id, lang), first, end));
        }
    }
    let mut per_year: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for y in &doc.years {
            per_year.entry(*y).or_default().push(d as u32);
        }
    }
    let names: String = docs
        .iter()
        .map(|doc| char::from_digit(doc.name_words.min(35) as u32, 36).unwrap_or('z'))
        .collect();
    let parts: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
    let manifest = Manifest {
        v: 1,
        hash: encode::fingerprint(&parts),
        docs: docs.len(),
        chunk: CHUNK,
        kinds,
        years: per_year
            .into_iter()
            .map(|(y, l)| (y, encode_list(&l)))
            .collect(),
        names,
        t: high_shards.keys().map(String::as_str).collect(),
        b: body_shards.keys().map(String::as_str).collect(),
    };
    files.push((MANIFEST.to_string(), to_json(&manifest)));
    files
}

/// Documents by word: for each high field, and for the body; and the buffers a
/// document's text is folded in, reused from one document to the next.
#[derive(Default)]
struct Postings {
    high: WordMap<[Vec<u32>; HIGH_FIELDS]>,
    body: WordMap<Vec<u32>>,
    text: String,
    word: String,
}

/// Words to values; `entry_ref` copies a word only when it is new.
type WordMap<V> = hashbrown::HashMap<String, V, std::hash::BuildHasherDefault<FastHasher>>;

impl Postings {
    /// Adds document `d`, which comes after every document already added, under each
    /// word of its texts and of its body's HTML. Returns the number of distinct words
    /// in its name.
    fn add(&mut self, d: u32, texts: &Texts, html: &str) -> usize {
        let Postings {
            high,
            body,
            text,
            word,
        } = self;
        let mut name_words = 0;
        for (f, field) in texts.fields.iter().enumerate() {
            for t in field {
                each_word(t, word, |w| {
                    let list = &mut high.entry_ref(w).or_default()[f];
                    if list.last() != Some(&d) {
                        list.push(d);
                        name_words += usize::from(f == Field::Name as usize);
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
        each_word(text, word, |w| {
            let list = body.entry_ref(w).or_default();
            if list.last() != Some(&d) {
                list.push(d);
            }
        });
        name_words
    }

    /// `self` then `later`, whose documents all come after `self`'s.
    fn merge(mut self, later: Postings) -> Postings {
        if self.body.is_empty() && self.high.is_empty() {
            return later;
        }
        for (w, lists) in later.high {
            let mine = self.high.entry(w).or_default();
            for (m, l) in mine.iter_mut().zip(lists) {
                m.extend(l);
            }
        }
        for (w, list) in later.body {
            self.body.entry(w).or_default().extend(list);
        }
        self
    }
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// The position of a page's kind in [`KINDS`].
fn kind_of(site: &Site, r: PageRef) -> usize {
    match r {
        PageRef::Profile(i) if site.profiles[i].subject == Subject::Collective => 1,
        PageRef::Profile(_) => 0,
        PageRef::Unit(_) => 2,
        PageRef::Campaign(_) => 3,
        PageRef::Decision(_) => 4,
        PageRef::Model(_) => 5,
        PageRef::News(_) => 6,
    }
}

/// Gathers what is shown and what is searchable (besides the body) of one page.
fn document<'a>(
    site: &'a Site,
    summary: &(dyn Fn(PageRef) -> &'a str + Sync),
    kind: usize,
    r: PageRef,
) -> (Doc<'a>, Texts<'a>) {
    let lang = site.config.language;
    let page = site.page(r);
    let snippet = summary(r);
    let year_of_date = page.date.map(|d| d.year);
    let mut doc = Doc {
        kind,
        page: r,
        title: page.title.clone(),
        unit: "",
        years: year_of_date.into_iter().collect(),
        years_label: year_of_date.map(|y| y.to_string()).unwrap_or_default(),
        date: page.date.map(|d| d.iso()).unwrap_or_default(),
        snippet,
        name_words: 0,
    };
    let mut texts = Texts::default();
    let mut add = |f: Field, text: &'a str| {
        if !text.is_empty() {
            texts.fields[f as usize].push(text);
        }
    };
    add(Field::Summary, snippet);
    for tag in &page.tags {
        add(Field::Meta, &site.tags[tag.get()].name);
    }
    let unit_meta = |u: &'a crate::model::Unit, add: &mut dyn FnMut(Field, &'a str)| {
        add(Field::Meta, &u.name);
        add(Field::Meta, &site.communes[u.commune.get()].name);
        for a in &u.areas {
            add(Field::Meta, area_name(*a, lang));
        }
    };
    let mut unit_name = "";
    match r {
        PageRef::Profile(i) => {
            let p = &site.profiles[i];
            add(Field::Name, &p.name);
            add(Field::Title, &page.title);
            add(Field::Meta, &p.position);
            let unit = &site.units[p.unit];
            unit_meta(unit, &mut add);
            unit_name = &unit.name;
            for g in &p.grants {
                add(Field::Meta, &site.awards[g.award].name);
            }
            if !p.grants.is_empty() {
                let years: BTreeSet<i32> = p.grants.iter().map(|g| g.year).collect();
                doc.years = years.iter().rev().copied().collect();
                doc.years_label = join_years(&doc.years);
            }
            doc.title.clone_from(&p.name);
        }
        PageRef::Unit(i) => {
            let u = &site.units[i];
            add(Field::Name, &u.name);
            add(Field::Meta, &site.communes[u.commune.get()].name);
            add(Field::Meta, level_label(u.level, lang));
            add(Field::Meta, &u.address);
            for a in &u.areas {
                add(Field::Meta, area_name(*a, lang));
            }
            doc.title.clone_from(&u.name);
            unit_name = &site.communes[u.commune.get()].name;
            doc.years.clear();
            doc.years_label.clear();
        }
        PageRef::Campaign(i) => {
            let c = &site.campaigns[i];
            add(Field::Name, &page.title);
            add(Field::Meta, &c.slogan);
            add(Field::Meta, &c.launched_by);
            add(Field::Meta, &c.participants);
            texts
                .body
                .extend(c.objectives.iter().chain(&c.criteria).map(String::as_str));
            let last = c.end.map_or(site.today.year.max(c.start.year), |e| e.year);
            doc.years = (c.start.year..=last).rev().collect();
            doc.years_label = if last > c.start.year {
                format!("{}–{}", c.start.year, last)
            } else {
                c.start.year.to_string()
            };
            doc.date = c.start.iso();
        }
        PageRef::Decision(i) => {
            let d = &site.decisions[i];
            add(Field::Name, &d.number);
            add(Field::Title, &page.title);
            add(Field::Meta, &d.issuer);
            add(Field::Meta, &d.signer);
            doc.title = format!("{} – {}", d.number, page.title);
            unit_name = &d.issuer;
            for rec in &d.recipients {
                add(Field::Meta, &rec.name);
                if let Some(u) = rec.unit {
                    add(Field::Meta, &site.units[u].name);
                }
                add(Field::Meta, &site.awards[rec.award].name);
            }
        }
        PageRef::Model(i) | PageRef::News(i) => {
            let a = if matches!(r, PageRef::Model(_)) {
                &site.models[i]
            } else {
                &site.news[i]
            };
            add(Field::Name, &page.title);
            if let Some(u) = a.unit {
                unit_meta(&site.units[u], &mut add);
                unit_name = &site.units[u].name;
            }
            for c in &a.campaigns {
                add(Field::Meta, &site.campaigns[c.get()].page.title);
            }
        }
    }
    doc.unit = unit_name;
    (doc, texts)
}

fn join_years(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Calls `each` with every word of `text` folded as [`fold`] does: each run of
/// letters and digits (as `search.js` splits a query) that is not too long to index.
/// The same words as `fold` then a split, several times faster: ASCII is folded in
/// place, the Latin letters up to U+1EFF (all of Vietnamese) through a table made
/// with `fold` itself. `word` is a buffer, reused from call to call.
fn each_word(text: &str, word: &mut String, mut each: impl FnMut(&str)) {
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

/// A fast, non-cryptographic hasher (FxHash's multiply-rotate) for the word maps:
/// the words are the site's own text, and the output is sorted afterwards, so
/// neither flooding resistance nor a stable order is needed here.
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Appends the text of sanitised body HTML to `out`: tags dropped, the entities the
/// renderer writes decoded, block ends turned into spaces.
fn plain_text(html: &str, out: &mut String) {
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
