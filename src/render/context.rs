//! The shapes templates receive (docs/themes.md): cards, honour-roll entries,
//! links. Built from the immutable `Site` by borrowing, never by cloning maps.
//! (Over 500 lines: one shape per page kind, each short; split by kind they would
//! only send a reader between files.)

use serde::Serialize;

use crate::content::front::{Area, Subject};
use crate::domain::labels::{area_id, area_name, kind_label};
use crate::images::{Images, html};
use crate::markdown::{Bodies, Rendered};
use crate::model::{Honoree, Idx, Page, PageRef, RollItem, Site, Unit};
use crate::vietnamese::Lang;

use super::pages::Job;
use super::reads::{Key, Reads};

/// `{ name, url }`.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: String,
}

/// `{ id, name, url }` for an area.
#[derive(Debug, Clone, Serialize)]
pub struct AreaLink {
    pub id: &'static str,
    pub name: &'static str,
    pub url: String,
}

/// One item of any list of pages.
#[derive(Debug, Clone, Serialize)]
pub struct Card<'a> {
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub title: &'a str,
    pub url: String,
    pub date: String,
    pub summary: &'a str,
    pub name: &'a str,
    /// Family and given initials ("NH"), for a placeholder portrait.
    pub initials: String,
    pub position: &'a str,
    pub unit: Option<Link<'a>>,
    pub awards: Vec<String>,
    pub areas: Vec<AreaLink>,
    pub frontline: bool,
    pub active: bool,
    pub number: &'a str,
    pub image: Option<ImageCtx<'a>>,
}

/// A responsive image: a page's `photo`, processed.
#[derive(Debug, Clone, Serialize)]
pub struct ImageCtx<'a> {
    /// The middle width, for browsers without `srcset`.
    pub src: String,
    /// Every width as JPEG: `/anh/<key>-480.jpg 480w, …`.
    pub srcset: String,
    /// The same widths in better formats, best first: `[{ type: "image/webp",
    /// srcset }]`, each a `<source>` of a `<picture>` before the `<img>`.
    pub sources: Vec<html::SourceSet>,
    /// The widest JPEG: where a link to the photo leads (galleries without script).
    pub large: String,
    /// A default `sizes` for an image as wide as the text column; a template showing
    /// it smaller writes its own.
    pub sizes: &'static str,
    /// The size of `src`: set both on `<img>` so the page does not jump.
    pub width: u32,
    pub height: u32,
    pub alt: &'a str,
    /// The 1200×630 Open Graph crop (profiles), or null.
    pub og: Option<OgImage>,
}

/// The Open Graph crop of a portrait.
#[derive(Debug, Clone, Serialize)]
pub struct OgImage {
    /// Absolute URL.
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// One line of an honour roll.
#[derive(Debug, Clone, Serialize)]
pub struct RollEntry<'a> {
    pub name: &'a str,
    pub url: String,
    pub subject: Subject,
    pub position: &'a str,
    pub unit: Option<Link<'a>>,
    pub award: AwardLink<'a>,
    pub year: i32,
    pub decision: Option<DecisionLink<'a>>,
    pub frontline: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AwardLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionLink<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub url: String,
}

/// Builds context values for one site, in one language.
pub struct Shapes<'a> {
    pub site: &'a Site,
    pub bodies: &'a Bodies,
    pub images: &'a Images,
    /// The documents published beside the pages.
    pub attachments: &'a crate::attachments::Attachments,
    pub lang: Lang,
    /// Cards, header and footer, rendered once and reused.
    pub fragments: &'a super::fragments::Fragments<'a>,
    /// Each year's report figures, computed once.
    pub reports: &'a crate::report::Yearly<'a>,
    /// What the file being rendered has read so far.
    pub reads: Reads,
    /// The search index's word cache ([`crate::search::WORD_CACHE`]), if kept.
    pub word_cache: Option<&'a std::path::Path>,
}

impl<'a> Shapes<'a> {
    pub fn url(&self, path: &str) -> String {
        self.site.url(path)
    }

    /// The root-relative URL of a job's page.
    pub fn job_url(&self, job: Job) -> String {
        self.site.url(&job.path(self.site))
    }

    /// Records that the file shows page `r`'s data (front matter, summary, photo).
    pub fn read_page(&self, r: PageRef) {
        self.reads.add(Key::page(self.site, r));
    }

    /// Records that the file shows page `r`'s rendered body.
    pub fn read_body(&self, r: PageRef) {
        self.reads.add(Key::body(self.site, r));
    }

    /// Records that the file shows something of the whole site (counts, every page).
    pub fn read_site(&self) {
        self.reads.add(Key::SITE);
    }

    /// Tag `t`'s name and URL (its name is read).
    pub fn tag_link(&self, t: usize) -> Link<'a> {
        self.reads.add(Key::tag(self.site, t));
        let tag = &self.site.tags[t];
        Link {
            name: &tag.name,
            url: self.job_url(Job::Tag(t, 1)),
        }
    }

    /// Commune `c`'s name and URL (its name is read).
    pub fn commune_link(&self, c: usize) -> Link<'a> {
        self.reads.add(Key::commune(self.site, c));
        let commune = &self.site.communes[c];
        Link {
            name: &commune.name,
            url: self.job_url(Job::Commune(c)),
        }
    }

    pub fn unit_link(&self, unit: Idx<Unit>) -> Link<'a> {
        self.read_page(PageRef::Unit(unit.get()));
        let u = &self.site.units[unit];
        Link {
            name: &u.name,
            url: self.url(&u.page.path),
        }
    }

    pub fn area(&self, area: Area) -> AreaLink {
        let id = area_id(area);
        AreaLink {
            id,
            name: area_name(area, self.lang),
            url: self.job_url(Job::Area(area)),
        }
    }

    pub fn award_link(&self, award: Idx<crate::model::Award>) -> AwardLink<'a> {
        let a = &self.site.awards[award];
        AwardLink {
            id: &a.id,
            name: &a.name,
            url: self.job_url(Job::Award(award.get())),
        }
    }

    pub fn decision_link(&self, d: Idx<crate::model::Decision>) -> DecisionLink<'a> {
        self.read_page(PageRef::Decision(d.get()));
        let d = &self.site.decisions[d];
        DecisionLink {
            number: &d.number,
            title: &d.page.title,
            url: self.url(&d.page.path),
        }
    }

    /// A page's photo as a responsive image, once processed.
    pub fn photo(&self, page: &'a Page) -> Option<ImageCtx<'a>> {
        let photo = page.photo.as_ref()?;
        self.image(&photo.file, &photo.alt, true)
    }

    /// Any processed image of the site as a responsive image; `og` adds its Open
    /// Graph crop, when made.
    pub fn image(&self, file: &std::path::Path, alt: &'a str, og: bool) -> Option<ImageCtx<'a>> {
        let p = self.images.get(file)?;
        let r = html::responsive(p, &self.site.base.path);
        Some(ImageCtx {
            src: r.src,
            srcset: r.srcset,
            sources: r.sources,
            large: r.largest,
            sizes: html::BODY_SIZES,
            width: r.width,
            height: r.height,
            alt,
            og: p
                .og
                .filter(|_| og)
                .zip(p.og_file())
                .map(|((width, height), file)| OgImage {
                    src: self.site.permalink(&file),
                    width,
                    height,
                }),
        })
    }

    /// The image shown when a page is shared (Open Graph): the portrait's crop, else
    /// the photo's middle width. An absolute URL, and the alt text.
    pub fn share_image(&self, page: &'a Page) -> Option<(String, &'a str)> {
        let photo = page.photo.as_ref()?;
        let p = self.images.get(&photo.file)?;
        let file = p.og_file().unwrap_or_else(|| p.file(p.middle().0));
        Some((self.site.permalink(&file), &photo.alt))
    }

    /// The summary, or the body's first paragraph when the page has none.
    pub fn summary(&self, r: PageRef) -> &'a str {
        self.read_page(r);
        summary_of(self.site, self.bodies, r)
    }

    /// The kind of a page, as cards and pages name it: `profile`, `collective`,
    /// `unit`, `campaign`, `decision`, `model` or `news`.
    pub fn kind(&self, r: PageRef) -> &'static str {
        match r {
            PageRef::Profile(i) if self.site.profiles[i].subject == Subject::Collective => {
                "collective"
            }
            PageRef::Profile(_) => "profile",
            PageRef::Unit(_) => "unit",
            PageRef::Campaign(_) => "campaign",
            PageRef::Decision(_) => "decision",
            PageRef::Model(_) => "model",
            PageRef::News(_) => "news",
        }
    }

    /// A card for any page.
    pub fn card(&self, r: PageRef) -> Card<'a> {
        self.read_card(r);
        let site = self.site;
        let page = site.page(r);
        let kind = self.kind(r);
        let mut card = Card {
            kind,
            kind_label: kind_label(kind, self.lang),
            title: &page.title,
            url: self.url(&page.path),
            date: page.date.map(|d| d.iso()).unwrap_or_default(),
            summary: self.summary(r),
            name: "",
            initials: String::new(),
            position: "",
            unit: None,
            awards: Vec::new(),
            areas: Vec::new(),
            frontline: false,
            active: false,
            number: "",
            image: self.photo(page),
        };
        match r {
            PageRef::Profile(i) => {
                let p = &site.profiles[i];
                card.name = &p.name;
                card.initials = initials(p);
                card.position = &p.position;
                card.unit = Some(self.unit_link(p.unit));
                card.awards = p
                    .grants
                    .iter()
                    .map(|g| format!("{} ({})", site.awards[g.award].name, g.year))
                    .collect();
                card.areas = site.units[p.unit]
                    .areas
                    .iter()
                    .map(|a| self.area(*a))
                    .collect();
                card.frontline = p.frontline;
            }
            PageRef::Unit(i) => {
                let u = &site.units[i];
                card.name = &u.name;
                card.position = crate::domain::labels::level_label(u.level, self.lang);
                card.areas = u.areas.iter().map(|a| self.area(*a)).collect();
            }
            PageRef::Campaign(i) => {
                card.active = site.campaigns[i].is_active(site.today);
            }
            PageRef::Decision(i) => {
                card.number = &site.decisions[i].number;
            }
            PageRef::Model(i) | PageRef::News(i) => {
                let a = if matches!(r, PageRef::Model(_)) {
                    &site.models[i]
                } else {
                    &site.news[i]
                };
                card.unit = a.unit.map(|u| self.unit_link(u));
            }
        }
        card
    }

    pub fn cards(&self, refs: impl IntoIterator<Item = PageRef>) -> Vec<Card<'a>> {
        refs.into_iter().map(|r| self.card(r)).collect()
    }

    /// Records what a card of `r` shows: the page, and the unit it names (its name,
    /// and for a profile its areas).
    fn read_card(&self, r: PageRef) {
        self.read_page(r);
        let site = self.site;
        let unit = match r {
            PageRef::Profile(i) => Some(site.profiles[i].unit),
            PageRef::Model(i) => site.models[i].unit,
            PageRef::News(i) => site.news[i].unit,
            PageRef::Unit(_) | PageRef::Campaign(_) | PageRef::Decision(_) => None,
        };
        if let Some(u) = unit {
            self.read_page(PageRef::Unit(u.get()));
        }
    }

    /// A list to show: each page's card, rendered by `partials/card.html` once per
    /// build however many lists show it.
    pub fn card_list(&self, refs: impl IntoIterator<Item = PageRef>) -> Vec<&'a str> {
        refs.into_iter()
            .map(|r| {
                self.read_card(r);
                self.fragments
                    .card(self.site.page_number(r), || self.card(r))
            })
            .collect()
    }

    /// One honour-roll line.
    pub fn roll_entry(&self, item: &RollItem) -> RollEntry<'a> {
        self.read_roll_entry(item);
        let site = self.site;
        let award = self.award_link(item.award);
        let decision = item.decision.map(|d| self.decision_link(d));
        match item.who {
            Honoree::Profile(p, _) => {
                let p = &site.profiles[p];
                RollEntry {
                    name: &p.name,
                    url: self.url(&p.page.path),
                    subject: p.subject,
                    position: &p.position,
                    unit: Some(self.unit_link(p.unit)),
                    award,
                    year: item.year,
                    decision,
                    frontline: p.frontline,
                }
            }
            Honoree::Recipient(d, r) => {
                let rec = &site.decisions[d].recipients[r];
                // A recipient with a profile links to it.
                let profile = rec.profile.map(|p| &site.profiles[p]);
                RollEntry {
                    name: &rec.name,
                    url: profile.map_or_else(String::new, |p| self.url(&p.page.path)),
                    subject: rec.subject,
                    position: &rec.position,
                    unit: rec.unit.map(|u| self.unit_link(u)),
                    award,
                    year: item.year,
                    decision,
                    frontline: profile.is_some_and(|p| p.frontline),
                }
            }
        }
    }

    /// Honour-roll lines, each rendered by `partials/roll-row.html` once per build
    /// and set of columns.
    pub fn roll_rows<'i>(
        &self,
        items: impl IntoIterator<Item = &'i RollItem>,
        columns: super::RollColumns,
    ) -> Vec<&'a str> {
        items
            .into_iter()
            .map(|i| {
                self.read_roll_entry(i);
                self.fragments
                    .roll_row(i.who, columns, || self.roll_entry(i))
            })
            .collect()
    }

    /// People-table lines of profiles, each rendered by `partials/person-row.html`
    /// once per build, with the unit or without.
    pub fn person_rows(
        &self,
        profiles: impl IntoIterator<Item = usize>,
        show_unit: bool,
    ) -> Vec<&'a str> {
        profiles
            .into_iter()
            .map(|p| {
                self.read_card(PageRef::Profile(p));
                self.fragments
                    .person_row(p, show_unit, || self.card(PageRef::Profile(p)))
            })
            .collect()
    }
}

impl Shapes<'_> {
    /// Records what an honour-roll line shows: the person (a profile, or a recipient
    /// of a decision), the unit and the decision.
    fn read_roll_entry(&self, item: &RollItem) {
        let site = self.site;
        match item.who {
            Honoree::Profile(p, _) => self.read_card(PageRef::Profile(p)),
            Honoree::Recipient(d, r) => {
                self.read_page(PageRef::Decision(d));
                let rec = &site.decisions[d].recipients[r];
                if let Some(u) = rec.unit {
                    self.read_page(PageRef::Unit(u.get()));
                }
                if let Some(p) = rec.profile {
                    self.read_page(PageRef::Profile(p.get()));
                }
            }
        }
        if let Some(d) = item.decision {
            self.read_page(PageRef::Decision(d.get()));
        }
    }
}

/// The summary of page `r`, or its body's first paragraph when it has none.
pub fn summary_of<'a>(site: &'a Site, bodies: &'a Bodies, r: PageRef) -> &'a str {
    let page = site.page(r);
    if page.summary.is_empty() {
        excerpt(bodies.get(r))
    } else {
        &page.summary
    }
}

/// The first paragraph, cut at a word boundary near 200 characters.
pub fn excerpt(rendered: &Rendered) -> &str {
    let text = rendered.excerpt.trim();
    if text.chars().count() <= 200 {
        return text;
    }
    let cut = text.char_indices().nth(200).map_or(text.len(), |(i, _)| i);
    let end = text[..cut].rfind(' ').unwrap_or(cut);
    &text[..end]
}

/// "Nguyễn Thị Hoa" → "NH": the first letters of the family and given names.
pub fn initials(p: &crate::model::Profile) -> String {
    let first = |s: &str| {
        s.chars()
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default()
    };
    if p.subject == Subject::Collective {
        return String::new();
    }
    format!(
        "{}{}",
        first(&p.name_parts.family),
        first(&p.name_parts.given)
    )
}
