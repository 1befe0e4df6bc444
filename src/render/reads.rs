//! What each output file read from the site while it rendered, and what each of
//! those things was worth. Reads are recorded by the context builders ([`Shapes`]
//! accessors) as they read, never listed by hand; a later build (`serve`'s rebuilds,
//! an incremental `build`) renders again only the files one of whose reads changed
//! value, and keeps the others.
//!
//! Everything is named by identity (a page's path, a unit's path, a tag's slug),
//! hashed, so that a record outlives the model it was taken from: positions change
//! when a page is added, identities do not.
//!
//! [`Shapes`]: super::Shapes

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::attachments::Attachments;
use crate::domain::Area;
use crate::domain::labels::{AREAS, area_id};
use crate::images::Images;
use crate::markdown::Bodies;
use crate::model::{Honoree, PageRef, RollItem, Site};

/// The hasher of keys and values: xxh3, several times faster than the standard
/// library's SipHash over the bodies' HTML, and the same at every run.
type DefaultHasher = xxhash_rust::xxh3::Xxh3Default;

/// Something an output file can show, by identity: its kind in the top byte, a
/// hash of its identity below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key(u64);

/// What a [`Key`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Site = 0,
    Bodies = 1,
    Page = 2,
    Body = 3,
    Section = 4,
    Name = 5,
    List = 6,
    Layout = 7,
}

/// A list of the site's indexes, by position in one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Every page, newest first.
    Newest,
    SectionPages(usize),
    UnitProfiles(usize),
    UnitModels(usize),
    UnitNews(usize),
    UnitRecipients(usize),
    CampaignProfiles(usize),
    CampaignModels(usize),
    CampaignNews(usize),
    DecisionRoll(usize),
    AwardRoll(usize),
    /// The years that have an honour roll.
    Years,
    YearRoll(i32),
    /// Every commune named by a unit.
    Communes,
    CommuneUnits(usize),
    AreaUnits(Area),
    AreaProfiles(Area),
    /// Every tag a page uses.
    Tags,
    TagPages(usize),
}

impl Key {
    /// Everything the site holds but the bodies (counts, every page's data): the
    /// pages that summarise the whole site read it.
    pub const SITE: Key = Key((Kind::Site as u64) << 56);
    /// Every page's body (the search index).
    pub const BODIES: Key = Key((Kind::Bodies as u64) << 56);
    /// What every page's menus and breadcrumbs show: the sections (titles, order,
    /// descriptions) and the home page's title.
    pub const LAYOUT: Key = Key((Kind::Layout as u64) << 56);

    fn make(kind: Kind, name: &str, identity: &str) -> Key {
        Key(hash(&(name, identity)) >> 8 | (kind as u64) << 56)
    }

    fn of(name: &str, identity: &str) -> Key {
        Key::make(Kind::List, name, identity)
    }

    fn kind(self) -> u8 {
        (self.0 >> 56) as u8
    }

    /// A page's data as others show it: card, link, roll line (its front matter,
    /// summary and photo).
    pub fn page(site: &Site, r: PageRef) -> Key {
        Key::make(Kind::Page, "page", &site.page(r).path)
    }

    /// A page's rendered body.
    pub fn body(site: &Site, r: PageRef) -> Key {
        Key::make(Kind::Body, "body", &site.page(r).path)
    }

    /// A section's own text (on its first list page), or the home page's (`None`).
    pub fn section_body(site: &Site, section: Option<usize>) -> Key {
        let dir = section.map_or("", |s| &site.sections[s].dir);
        Key::make(Kind::Section, "section", dir)
    }

    /// A commune's name, as the first unit naming it spells it.
    pub fn commune(site: &Site, c: usize) -> Key {
        Key::make(Kind::Name, "commune", &site.communes[c].slug)
    }

    /// A tag's name, as the first page using it spells it.
    pub fn tag(site: &Site, t: usize) -> Key {
        Key::make(Kind::Name, "tag", &site.tags[t].slug)
    }

    /// One of the site's lists.
    pub fn list(site: &Site, list: List) -> Key {
        let path = |r: PageRef| site.page(r).path.as_str();
        match list {
            List::Newest => Key::of("newest", ""),
            List::SectionPages(s) => Key::of("section-pages", &site.sections[s].dir),
            List::UnitProfiles(u) => Key::of("unit-profiles", path(PageRef::Unit(u))),
            List::UnitModels(u) => Key::of("unit-models", path(PageRef::Unit(u))),
            List::UnitNews(u) => Key::of("unit-news", path(PageRef::Unit(u))),
            List::UnitRecipients(u) => Key::of("unit-recipients", path(PageRef::Unit(u))),
            List::CampaignProfiles(c) => Key::of("campaign-profiles", path(PageRef::Campaign(c))),
            List::CampaignModels(c) => Key::of("campaign-models", path(PageRef::Campaign(c))),
            List::CampaignNews(c) => Key::of("campaign-news", path(PageRef::Campaign(c))),
            List::DecisionRoll(d) => Key::of("decision-roll", path(PageRef::Decision(d))),
            List::AwardRoll(a) => Key::of("award-roll", &site.awards[a].id),
            List::Years => Key::of("years", ""),
            List::YearRoll(y) => Key::of("year-roll", &y.to_string()),
            List::Communes => Key::of("communes", ""),
            List::CommuneUnits(c) => Key::of("commune-units", &site.communes[c].slug),
            List::AreaUnits(a) => Key::of("area-units", area_id(a)),
            List::AreaProfiles(a) => Key::of("area-profiles", area_id(a)),
            List::Tags => Key::of("tags", ""),
            List::TagPages(t) => Key::of("tag-pages", &site.tags[t].slug),
        }
    }
}

/// A stable hash within one binary (records do not outlive it: see
/// `pipeline::inputs`).
fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// A key and its value.
type Valued = (Key, u64);

/// What each key is worth in one site: a hash of what a page shows of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Values(HashMap<Key, u64>);

impl Values {
    /// The value of every key of `site`: every page's data and body, every list,
    /// every name, and the two summaries of them all.
    pub fn of(site: &Site, bodies: &Bodies, images: &Images, attachments: &Attachments) -> Values {
        let refs: Vec<PageRef> = site.all_pages().collect();
        let (pages, page_bodies): (Vec<Valued>, Vec<Valued>) = refs
            .par_iter()
            .map(|r| {
                (
                    (
                        Key::page(site, *r),
                        page_value(site, bodies, images, attachments, *r),
                    ),
                    (Key::body(site, *r), body_value(bodies.get(*r))),
                )
            })
            .unzip();
        let mut map: HashMap<Key, u64> = pages.into_iter().collect();
        for (c, commune) in site.communes.iter().enumerate() {
            map.insert(Key::commune(site, c), hash(&commune.name));
        }
        for (t, tag) in site.tags.iter().enumerate() {
            map.insert(Key::tag(site, t), hash(&tag.name));
        }
        for list in all_lists(site) {
            map.insert(Key::list(site, list), list_value(site, list));
        }
        let site_value = summary(&map);
        let bodies_value = summary(page_bodies.iter().map(|(k, v)| (k, v)));
        map.extend(page_bodies);
        for (s, body) in bodies.sections.iter().enumerate() {
            map.insert(Key::section_body(site, Some(s)), body_value(body));
        }
        map.insert(Key::section_body(site, None), body_value(&bodies.home));
        map.insert(Key::SITE, site_value);
        map.insert(Key::LAYOUT, layout_value(site));
        map.insert(Key::BODIES, bodies_value);
        Values(map)
    }

    pub fn get(&self, key: Key) -> Option<u64> {
        self.0.get(&key).copied()
    }

    /// Sets the value of one key (a body edited), and of the summary that holds it.
    /// Returns the keys whose value changed.
    pub fn set(&mut self, key: Key, value: u64) -> Vec<Key> {
        let old = self.0.insert(key, value);
        if old == Some(value) {
            return Vec::new();
        }
        let summary = match key.kind() {
            k if k == Kind::Body as u8 => Key::BODIES,
            k if k == Kind::Page as u8 || k == Kind::Name as u8 || k == Kind::List as u8 => {
                Key::SITE
            }
            _ => return vec![key],
        };
        let sum = self.0.entry(summary).or_insert(0);
        if let Some(old) = old {
            *sum = sum.wrapping_sub(hash(&(&key, &old)));
        }
        *sum = sum.wrapping_add(hash(&(&key, &value)));
        vec![key, summary]
    }

    /// The keys whose value differs between `self` and `other`, or that only one has.
    pub fn changed(&self, other: &Values) -> BTreeSet<Key> {
        let mut changed: BTreeSet<Key> = self
            .0
            .iter()
            .filter(|(k, v)| other.0.get(*k) != Some(*v))
            .map(|(k, _)| *k)
            .collect();
        changed.extend(other.0.keys().filter(|k| !self.0.contains_key(*k)));
        changed
    }
}

/// An order-independent hash of keys and their values.
fn summary<'a>(values: impl IntoIterator<Item = (&'a Key, &'a u64)>) -> u64 {
    values
        .into_iter()
        .fold(0u64, |acc, (k, v)| acc.wrapping_add(hash(&(k, v))))
}

/// What others show of a page, and what its own page shows besides its body: its
/// front matter (every field), its summary (the body's first paragraph when the
/// front matter has none), its photo, gallery and video posters as processed, the
/// documents it lists as published, for a campaign whether it runs today, and for a
/// decision its recipients as resolved (the rows of its annex are in no front
/// matter).
pub fn page_value(
    site: &Site,
    bodies: &Bodies,
    images: &Images,
    attachments: &Attachments,
    r: PageRef,
) -> u64 {
    let page = site.page(r);
    let source = &page.source;
    let front = source.text.get(..source.body.start).unwrap_or_default();
    let summary = super::context::summary_of(site, bodies, r);
    let key = |file: &std::path::Path| images.get(file).map(|p| p.key.as_str());
    let photo = page.photo.as_ref().and_then(|p| key(&p.file));
    let gallery: Vec<Option<&str>> = page.gallery.iter().map(|g| key(&g.file)).collect();
    let posters: Vec<Option<&str>> = page
        .video
        .iter()
        .map(|v| v.poster.as_ref().and_then(|p| key(&p.file)))
        .collect();
    let active = match r {
        PageRef::Campaign(c) => site.campaigns[c].is_active(site.today),
        _ => false,
    };
    let recipients = match r {
        PageRef::Decision(d) => recipients_value(site, d),
        _ => 0,
    };
    let documents = attachments.of(r);
    hash(&(
        front, summary, photo, gallery, posters, documents, active, &page.path, recipients,
    ))
}

/// What a decision's recipients show: each one's name, position, subject, unit,
/// award and profile, by identity.
fn recipients_value(site: &Site, d: usize) -> u64 {
    let mut h = DefaultHasher::new();
    for rec in &site.decisions[d].recipients {
        let unit = rec.unit.map(|u| &site.units[u].page.path);
        let profile = rec.profile.map(|p| &site.profiles[p].page.path);
        let collective = rec.subject == crate::content::front::Subject::Collective;
        (&rec.name, &rec.position, collective, unit).hash(&mut h);
        (&site.awards[rec.award].id, profile).hash(&mut h);
    }
    h.finish()
}

/// What the menus and breadcrumbs show.
fn layout_value(site: &Site) -> u64 {
    let sections: Vec<_> = site
        .sections
        .iter()
        .map(|s| {
            (
                &s.dir,
                s.kind,
                &s.title,
                &s.description,
                s.weight,
                s.paginate,
            )
        })
        .collect();
    hash(&(sections, &site.home.title, &site.home.description))
}

/// What a body shows: its HTML (its table of contents comes from it).
pub fn body_value(body: &crate::markdown::Rendered) -> u64 {
    hash(&body.html)
}

/// Every list of the site.
fn all_lists(site: &Site) -> Vec<List> {
    let ix = &site.index;
    let mut lists = vec![List::Newest, List::Years, List::Communes, List::Tags];
    lists.extend((0..site.sections.len()).map(List::SectionPages));
    for u in 0..site.units.len() {
        lists.extend([
            List::UnitProfiles(u),
            List::UnitModels(u),
            List::UnitNews(u),
            List::UnitRecipients(u),
        ]);
    }
    for c in 0..site.campaigns.len() {
        lists.extend([
            List::CampaignProfiles(c),
            List::CampaignModels(c),
            List::CampaignNews(c),
        ]);
    }
    lists.extend((0..site.decisions.len()).map(List::DecisionRoll));
    lists.extend((0..site.awards.len()).map(List::AwardRoll));
    lists.extend(ix.year_roll.keys().map(|y| List::YearRoll(*y)));
    lists.extend((0..site.communes.len()).map(List::CommuneUnits));
    lists.extend(AREAS.iter().map(|a| List::AreaUnits(*a)));
    lists.extend(AREAS.iter().map(|a| List::AreaProfiles(*a)));
    lists.extend((0..site.tags.len()).map(List::TagPages));
    lists
}

/// A hash of a list: the identities of what it holds, in order.
fn list_value(site: &Site, list: List) -> u64 {
    let ix = &site.index;
    let mut h = DefaultHasher::new();
    let pages = |refs: &mut dyn Iterator<Item = PageRef>, h: &mut DefaultHasher| {
        for r in refs {
            site.page(r).path.hash(h);
        }
    };
    let rolls = |items: &[RollItem], h: &mut DefaultHasher| {
        for item in items {
            match item.who {
                Honoree::Profile(p, g) => (0u8, &site.profiles[p].page.path, g).hash(h),
                Honoree::Recipient(d, r) => (1u8, &site.decisions[d].page.path, r).hash(h),
            }
            (&site.awards[item.award].id, item.year).hash(h);
            item.decision.map(|d| &site.decisions[d].page.path).hash(h);
        }
    };
    fn profiles(list: &[usize]) -> impl Iterator<Item = PageRef> + '_ {
        list.iter().map(|p| PageRef::Profile(*p))
    }
    match list {
        List::Newest => pages(&mut ix.newest.iter().copied(), &mut h),
        List::SectionPages(s) => pages(&mut ix.section_pages[s].iter().copied(), &mut h),
        List::UnitProfiles(u) => pages(&mut profiles(&ix.unit_profiles[u]), &mut h),
        List::UnitModels(u) => pages(
            &mut ix.unit_models[u].iter().map(|m| PageRef::Model(*m)),
            &mut h,
        ),
        List::UnitNews(u) => pages(
            &mut ix.unit_news[u].iter().map(|n| PageRef::News(*n)),
            &mut h,
        ),
        List::CampaignProfiles(c) => pages(&mut profiles(&ix.campaign_profiles[c]), &mut h),
        List::CampaignModels(c) => pages(
            &mut ix.campaign_models[c].iter().map(|m| PageRef::Model(*m)),
            &mut h,
        ),
        List::CampaignNews(c) => pages(
            &mut ix.campaign_news[c].iter().map(|n| PageRef::News(*n)),
            &mut h,
        ),
        List::UnitRecipients(u) => rolls(&ix.unit_recipients[u], &mut h),
        List::DecisionRoll(d) => rolls(&ix.decision_roll[d], &mut h),
        List::AwardRoll(a) => rolls(&ix.award_roll[a], &mut h),
        List::Years => ix.year_roll.keys().for_each(|y| y.hash(&mut h)),
        List::YearRoll(y) => rolls(ix.year_roll.get(&y).map_or(&[][..], Vec::as_slice), &mut h),
        List::Communes => site.communes.iter().for_each(|c| c.slug.hash(&mut h)),
        List::Tags => site.tags.iter().for_each(|t| t.slug.hash(&mut h)),
        List::CommuneUnits(c) => pages(
            &mut ix.commune_units[c].iter().map(|u| PageRef::Unit(*u)),
            &mut h,
        ),
        List::AreaUnits(a) => pages(
            &mut ix
                .area_units
                .get(&a)
                .into_iter()
                .flatten()
                .map(|u| PageRef::Unit(*u)),
            &mut h,
        ),
        List::AreaProfiles(a) => pages(
            &mut profiles(ix.area_profiles.get(&a).map_or(&[][..], Vec::as_slice)),
            &mut h,
        ),
        List::TagPages(t) => pages(&mut ix.tag_pages[t].iter().copied(), &mut h),
    }
    h.finish()
}

/// The reads of one output file while it renders.
#[derive(Debug, Default)]
pub struct Reads(RefCell<Vec<Key>>);

impl Reads {
    pub fn add(&self, key: Key) {
        self.0.borrow_mut().push(key);
    }

    /// The keys read, each once.
    pub fn into_keys(self) -> Box<[Key]> {
        let mut keys = self.0.into_inner();
        keys.sort_unstable();
        keys.dedup();
        keys.into_boxed_slice()
    }
}

/// What one output file read, and every file it wrote (the search index writes many).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub reads: Box<[Key]>,
    /// The files written besides its own, when it writes several.
    pub files: Box<[String]>,
}

/// What a build rendered from what: a record per output file (by its path below the
/// output folder) and the values its reads had.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    pub files: HashMap<String, Record>,
    pub values: Values,
    /// Static files written over the pages (the theme's and the site's `static/`).
    pub statics: BTreeSet<String>,
}
