//! The client-side search index, written at build time and read by the theme's
//! `search.js`. Split as Pagefind does, so that a query loads only what it needs:
//!
//! - `search-index.json`: the manifest (each shard's first token, kinds, years, name
//!   lengths);
//! - `search-index/t/N.json`: names, titles, labels and summaries, by token;
//! - `search-index/b/N.json`: body text, by token;
//! - `search-index/d/N.json`: what a result shows (title, URL, unit, years, snippet),
//!   64 documents a file.
//!
//! Tokens are words folded with [`fold`]: lower case, no diacritics, đ → d, so that
//! "nguyen thi hoa" finds "Nguyễn Thị Hoa". Only text already shown on a page goes
//! in; pages marked `noindex` stay out.

mod cache;
mod encode;
mod postings;
mod words;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::content::front::Subject;
use crate::domain::labels::{area_name, kind_label, level_label};
use crate::markdown::Bodies;
use crate::model::{PageRef, Site};
use crate::vietnamese::fold;

use cache::{DocWords, WordCache};
pub use encode::{decode_list, encode_list};
use postings::Postings;

pub use cache::FILE as WORD_CACHE;

/// The manifest's path below the base URL.
pub const MANIFEST: &str = "search-index.json";
/// The folder of the shards.
pub const DIR: &str = "search-index";
/// Documents per file of result data.
const CHUNK: usize = 64;
/// About how many bytes a shard of tokens holds at most.
const SHARD_LIMIT: usize = 24_000;

/// The fields of a document, most important first; `search.js` weighs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// A person's or collective's name, a unit's name, a page title, a decision number.
    Name = 0,
    /// A profile's headline, a decision's title.
    Title = 1,
    /// Unit, commune, position, tags, awards, areas, issuer, recipients.
    Meta = 2,
    /// The summary or the body's first paragraph.
    Summary = 3,
}
pub(super) const HIGH_FIELDS: usize = 4;

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
    /// What its words are made from ([`cache::key`]).
    key: u64,
}

/// The searchable text of one page besides its body's HTML.
#[derive(Default)]
pub(super) struct Texts<'a> {
    /// Text of each high field.
    pub(super) fields: [Vec<&'a str>; HIGH_FIELDS],
    /// Text indexed with the body (a campaign's objectives and criteria).
    pub(super) body: Vec<&'a str>,
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
    /// The first token of each shard of the high fields (`t/N.json` for the Nth) and
    /// of the body (`b/N.json`), in order.
    t: Vec<&'a str>,
    b: Vec<&'a str>,
}

/// Builds every file of the index: `(path below the base URL, bytes)`.
///
/// `summary` gives a page's summary or excerpt, the text results show. `cache`, the
/// word cache's file ([`WORD_CACHE`] below the site root), spares folding the texts
/// of the documents that did not change since the last build.
pub fn build<'a>(
    site: &'a Site,
    bodies: &'a Bodies,
    summary: &(dyn Fn(PageRef) -> &'a str + Sync),
    cache: Option<&std::path::Path>,
) -> Vec<(String, Vec<u8>)> {
    // The cache is read while the documents are put in order.
    let (old, refs) = rayon::join(
        || cache.map(WordCache::load).unwrap_or_default(),
        || in_order(site),
    );
    // Each document, and word → documents, in parallel over runs of documents merged
    // in order (so every list stays sorted). Within a run documents come in order, so
    // a document is already under a word when it ends that word's list: one lookup a
    // word, and no set of a document's words.
    type Run<'b> = (Vec<Doc<'b>>, Postings, Vec<(u64, DocWords)>);
    let (docs, Postings { high, body, .. }, fresh) = refs
        .par_iter()
        .enumerate()
        .with_min_len(refs.len().div_ceil(rayon::current_num_threads()).max(256))
        .fold(
            Run::default,
            |(mut docs, mut postings, mut fresh), (d, (kind, _, r))| {
                let (mut doc, texts) = document(site, summary, *kind, *r);
                let html = &bodies.get(*r).html;
                doc.key = cache::key(&texts, html);
                doc.name_words = match old.docs.get(&doc.key) {
                    Some(words) => postings.replay(d as u32, words),
                    None => {
                        let mut words = DocWords::default();
                        let n = postings.add(d as u32, &texts, html, &mut words);
                        fresh.push((doc.key, words));
                        n
                    }
                };
                docs.push(doc);
                (docs, postings, fresh)
            },
        )
        .reduce(
            Run::default,
            |(mut docs, postings, mut fresh), (later_docs, later, more)| {
                docs.extend(later_docs);
                fresh.extend(more);
                (docs, postings.merge(later), fresh)
            },
        );
    // The next build's cache is written while the files are made.
    let ((), files) = rayon::join(
        || {
            if let Some(file) = cache {
                keep_words(file, old, fresh, &docs);
            }
        },
        || index_files(site, &docs, high, body),
    );
    files
}

/// The index's files from the documents and their words.
fn index_files(
    site: &Site,
    docs: &[Doc],
    high: postings::Words<[postings::Docs; HIGH_FIELDS]>,
    body: postings::Words<postings::Docs>,
) -> Vec<(String, Vec<u8>)> {
    let lang = site.config.language;
    let high: BTreeMap<String, Vec<String>> = high
        .into_sorted()
        .into_par_iter()
        .map(|(w, lists)| {
            let mut encoded: Vec<String> = lists.iter().map(|l| encode_list(&l.list)).collect();
            while encoded.last().is_some_and(String::is_empty) {
                encoded.pop();
            }
            (w, encoded)
        })
        .collect();
    let body: BTreeMap<String, String> = body
        .into_sorted()
        .into_par_iter()
        .map(|(w, list)| (w, encode_list(&list.list)))
        .collect();
    let high_shards = encode::pack(
        high,
        |t, v| t.len() + 6 + v.iter().map(|s| s.len() + 3).sum::<usize>(),
        SHARD_LIMIT,
    );
    let body_shards = encode::pack(body, |t, v| t.len() + v.len() + 6, SHARD_LIMIT);

    // The files in parallel, each in its place.
    let high_files = high_shards.par_iter().enumerate().map(|(i, (_, items))| {
        let map: BTreeMap<&str, &Vec<String>> =
            items.iter().map(|(t, v)| (t.as_str(), v)).collect();
        (format!("{DIR}/t/{i}.json"), to_json(&map))
    });
    let body_files = body_shards.par_iter().enumerate().map(|(i, (_, items))| {
        let map: BTreeMap<&str, &String> = items.iter().map(|(t, v)| (t.as_str(), v)).collect();
        (format!("{DIR}/b/{i}.json"), to_json(&map))
    });
    let doc_files = docs.par_chunks(CHUNK).enumerate().map(|(i, chunk)| {
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
        (format!("{DIR}/d/{i}.json"), to_json(&shown))
    });
    let mut files: Vec<(String, Vec<u8>)> = high_files.chain(body_files).chain(doc_files).collect();

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
        v: 2,
        hash: encode::fingerprint(&parts),
        docs: docs.len(),
        chunk: CHUNK,
        kinds,
        years: per_year
            .into_iter()
            .map(|(y, l)| (y, encode_list(&l)))
            .collect(),
        names,
        t: high_shards
            .iter()
            .map(|(first, _)| first.as_str())
            .collect(),
        b: body_shards
            .iter()
            .map(|(first, _)| first.as_str())
            .collect(),
    };
    files.push((MANIFEST.to_string(), to_json(&manifest)));
    files
}

/// The documents in index order, with their kinds and folded names.
fn in_order(site: &Site) -> Vec<(usize, String, PageRef)> {
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
    refs
}

/// Saves the words of this build's documents as the next build's cache, when they
/// are not the cache's already. A cache that cannot be written only makes the next
/// build slower.
fn keep_words(
    file: &std::path::Path,
    mut old: WordCache,
    fresh: Vec<(u64, DocWords)>,
    docs: &[Doc],
) {
    // Rewritten (tens of megabytes at 10,000 profiles) only when more than one
    // document in 64 is new or gone: after an edit or two the few documents the cache
    // lacks are folded again, which costs less than writing it.
    let keys: std::collections::HashSet<u64> = docs.iter().map(|doc| doc.key).collect();
    let gone = old.docs.keys().filter(|k| !keys.contains(k)).count();
    if (fresh.len() + gone) * 64 <= keys.len() {
        return;
    }
    let mut fresh: std::collections::HashMap<u64, DocWords> = fresh.into_iter().collect();
    let kept = docs
        .iter()
        .filter_map(|doc| {
            let words = fresh
                .remove(&doc.key)
                .or_else(|| old.docs.remove(&doc.key))?;
            Some((doc.key, words))
        })
        .collect();
    let _ = WordCache::of(kept).save(file);
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
        key: 0,
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
