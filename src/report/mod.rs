//! The yearly report the plan asks for (KH 4505, III.2 and III.5: schools before 10
//! December, the department before 15 December). One function, [`compute`], turns
//! the `Site` into plain figures for a year, optionally for one unit; the HTML page,
//! the CSV and JSON files and `tonvinh report` all print those same figures.
//!
//! Definitions (also printed on the page):
//! - a **commendation** (lượt khen thưởng) is one award given in the year to one
//!   person or collective: a profile's `awards` entry with that `year`, or a
//!   recipient of a decision dated that year (the entries of `/nam/<year>/`);
//! - an **honouree** is a person or collective with at least one commendation in the
//!   year, counted once however many they received: a profile (a recipient linked
//!   to one is that profile), or a decision recipient without a profile (same name,
//!   unit and subject = same recipient);
//! - **people** (cá nhân) are honourees with `subject = "person"`, **collectives**
//!   (tập thể) those with `subject = "collective"`;
//! - shares are of people: frontline among people with a profile (a recipient without
//!   one has no `frontline`); from the areas among people whose unit is known.

mod chart;
mod export;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

pub use chart::{Bar, bar_chart};
pub use export::{csv, json, markdown};

use crate::content::front::{Area, Subject, UnitLevel};
use crate::domain::labels::{AREAS, area_id, area_name, level_label};
use crate::model::{Honoree, Idx, Site, Unit};
use crate::vietnamese::{Lang, compare, fold};

/// Every figure of one report.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub year: i32,
    /// The unit the report is limited to, if any.
    pub unit: Option<UnitInfo>,
    pub totals: Totals,
    /// Per award, in catalogue order (awards given that year only).
    pub by_award: Vec<Row>,
    /// Per level of the honouree's unit (levels with honourees only).
    pub by_level: Vec<Row>,
    /// Per commune of the honouree's unit, in Vietnamese order.
    pub by_commune: Vec<Row>,
    /// Per area, all six (a unit may be in several: rows overlap).
    pub by_area: Vec<Row>,
    /// People who work directly in teaching or service (`frontline = true`).
    pub frontline: Share,
    /// People from a unit in at least one of the areas.
    pub special_areas: Share,
    /// Campaigns running at some time in the year.
    pub campaigns: Vec<CampaignRow>,
    /// Decisions dated in the year (for a unit: those naming it).
    pub decisions: Vec<DecisionRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitInfo {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    pub commendations: usize,
    pub honourees: usize,
    pub people: usize,
    pub collectives: usize,
    /// Honourees with a profile page, and decision recipients without one.
    pub with_profile: usize,
    pub without_profile: usize,
}

/// One line of a breakdown: distinct people and collectives, and commendations.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row {
    /// A stable id: the award id, level, commune slug or area id; `""` for unknown.
    pub key: String,
    pub label: String,
    pub people: usize,
    pub collectives: usize,
    pub commendations: usize,
}

/// `count` of `of` people, and how many could not be counted (`unknown`).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Share {
    pub count: usize,
    pub of: usize,
    pub unknown: usize,
    /// `count / of` in percent, one decimal; `None` when `of` is 0.
    pub percent: Option<f64>,
}

impl Share {
    fn new(count: usize, of: usize, unknown: usize) -> Share {
        let percent = (of > 0).then(|| (count as f64 * 1000.0 / of as f64).round() / 10.0);
        Share {
            count,
            of,
            unknown,
            percent,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CampaignRow {
    pub id: String,
    pub title: String,
    pub level: String,
    pub launched_by: String,
    pub start: String,
    pub end: Option<String>,
    /// Honourees of the year (in scope) whose profile names the campaign.
    pub honourees: usize,
    /// Path below the base URL.
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub id: String,
    pub number: String,
    pub date: String,
    pub title: String,
    pub issuer: String,
    /// Commendations of the decision (in scope).
    pub commendations: usize,
    pub path: String,
}

/// The years that have commendations, oldest first.
pub fn years(site: &Site) -> Vec<i32> {
    site.index
        .year_roll
        .iter()
        .filter(|(y, roll)| **y > 0 && !roll.is_empty())
        .map(|(y, _)| *y)
        .collect()
}

/// The whole site's figures of each year with commendations, each computed once
/// however many outputs show it (the report page, the list of reports, the CSV and
/// JSON files).
pub struct Yearly<'a> {
    site: &'a Site,
    years: BTreeMap<i32, std::sync::OnceLock<Figures>>,
}

impl<'a> Yearly<'a> {
    pub fn new(site: &'a Site) -> Yearly<'a> {
        let years = years(site)
            .into_iter()
            .map(|y| (y, std::sync::OnceLock::new()))
            .collect();
        Yearly { site, years }
    }

    /// The figures of `year`.
    pub fn get(&self, year: i32) -> std::borrow::Cow<'_, Figures> {
        match self.years.get(&year) {
            Some(once) => {
                std::borrow::Cow::Borrowed(once.get_or_init(|| compute(self.site, year, None)))
            }
            None => std::borrow::Cow::Owned(compute(self.site, year, None)),
        }
    }
}

/// Finds a unit by id (the file or bundle name).
pub fn find_unit(site: &Site, id: &str) -> Option<Idx<Unit>> {
    site.units
        .iter()
        .position(|u| u.page.id == id)
        .map(Idx::new)
}

/// Who an honouree is, to count each once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Profile(usize),
    /// Collective?, folded name, unit.
    Recipient(bool, String, Option<usize>),
}

/// One commendation with what the breakdowns need.
struct Item {
    who: Who,
    collective: bool,
    award: usize,
    unit: Option<usize>,
    /// `None` for a recipient without a profile.
    frontline: Option<bool>,
    decision: Option<usize>,
    campaigns: Vec<usize>,
}

/// What the shares need of a person; `None` where it is not known.
struct Person {
    frontline: Option<bool>,
    /// Whether the unit is in at least one area.
    in_area: Option<bool>,
}

/// Distinct people and collectives of a group, and its commendations.
#[derive(Default)]
struct Tally {
    people: BTreeSet<Who>,
    collectives: BTreeSet<Who>,
    commendations: usize,
}

impl Tally {
    fn add(&mut self, item: &Item) {
        if item.collective {
            self.collectives.insert(item.who.clone());
        } else {
            self.people.insert(item.who.clone());
        }
        self.commendations += 1;
    }
    fn row(&self, key: impl Into<String>, label: impl Into<String>) -> Row {
        Row {
            key: key.into(),
            label: label.into(),
            people: self.people.len(),
            collectives: self.collectives.len(),
            commendations: self.commendations,
        }
    }
}

/// Computes the report of `year`, for the whole site or for one unit.
pub fn compute(site: &Site, year: i32, unit: Option<Idx<Unit>>) -> Figures {
    let lang = site.config.language;
    let scope = unit.map(Idx::get);
    let items: Vec<Item> = site
        .index
        .year_roll
        .get(&year)
        .into_iter()
        .flatten()
        .map(|roll| match roll.who {
            Honoree::Profile(p, _) => {
                let profile = &site.profiles[p];
                Item {
                    who: Who::Profile(p),
                    collective: profile.subject == Subject::Collective,
                    award: roll.award.get(),
                    unit: Some(profile.unit.get()),
                    frontline: Some(profile.frontline),
                    decision: roll.decision.map(Idx::get),
                    campaigns: profile.campaigns.iter().map(|c| c.get()).collect(),
                }
            }
            Honoree::Recipient(d, r) => {
                let rec = &site.decisions[d].recipients[r];
                let collective = rec.subject == Subject::Collective;
                let unit = rec.unit.map(Idx::get);
                // A recipient with a profile is that honouree.
                let profile = rec.profile.map(|p| (p.get(), &site.profiles[p]));
                Item {
                    who: match profile {
                        Some((p, _)) => Who::Profile(p),
                        None => Who::Recipient(collective, fold(&rec.name), unit),
                    },
                    collective,
                    award: roll.award.get(),
                    unit,
                    frontline: profile.map(|(_, p)| p.frontline),
                    decision: Some(d),
                    campaigns: profile
                        .map(|(_, p)| p.campaigns.iter().map(|c| c.get()).collect())
                        .unwrap_or_default(),
                }
            }
        })
        .filter(|item| scope.is_none() || item.unit == scope)
        .collect();

    let mut all = Tally::default();
    let mut by_award: BTreeMap<usize, Tally> = BTreeMap::new();
    let mut by_level: BTreeMap<Option<UnitLevel>, Tally> = BTreeMap::new();
    let mut by_commune: BTreeMap<Option<usize>, Tally> = BTreeMap::new();
    let mut by_area: BTreeMap<Area, Tally> = BTreeMap::new();
    let mut people: BTreeMap<&Who, Person> = BTreeMap::new();
    for item in &items {
        let unit = item.unit.map(|u| &site.units[u]);
        all.add(item);
        by_award.entry(item.award).or_default().add(item);
        by_level.entry(unit.map(|u| u.level)).or_default().add(item);
        by_commune
            .entry(unit.map(|u| u.commune.get()))
            .or_default()
            .add(item);
        for area in unit.into_iter().flat_map(|u| &u.areas) {
            by_area.entry(*area).or_default().add(item);
        }
        if !item.collective {
            people.insert(
                &item.who,
                Person {
                    frontline: item.frontline,
                    in_area: unit.map(|u| !u.areas.is_empty()),
                },
            );
        }
    }

    let unknown = lang.pick("Chưa rõ đơn vị", "Unit unknown");
    let mut communes: Vec<(Option<usize>, &Tally)> =
        by_commune.iter().map(|(c, t)| (*c, t)).collect();
    communes.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => compare(&site.communes[*a].name, &site.communes[*b].name),
        _ => a.is_none().cmp(&b.is_none()),
    });
    let count = |f: fn(&Person) -> Option<bool>| {
        let known: Vec<bool> = people.values().filter_map(f).collect();
        Share::new(
            known.iter().filter(|b| **b).count(),
            known.len(),
            people.len() - known.len(),
        )
    };

    let honourees: BTreeSet<&Who> = items.iter().map(|i| &i.who).collect();
    let with_profile = honourees
        .iter()
        .filter(|w| matches!(w, Who::Profile(_)))
        .count();
    Figures {
        year,
        unit: unit.map(|u| UnitInfo {
            id: site.units[u].page.id.clone(),
            name: site.units[u].name.clone(),
        }),
        totals: Totals {
            commendations: items.len(),
            honourees: honourees.len(),
            people: all.people.len(),
            collectives: all.collectives.len(),
            with_profile,
            without_profile: honourees.len() - with_profile,
        },
        by_award: by_award
            .iter()
            .map(|(a, t)| t.row(&site.awards[*a].id, &site.awards[*a].name))
            .collect(),
        // Known levels in their order, then "unit unknown".
        by_level: by_level
            .iter()
            .filter(|(level, _)| level.is_some())
            .chain(by_level.iter().filter(|(level, _)| level.is_none()))
            .map(|(level, t)| match level {
                Some(l) => t.row(level_key(*l), level_label(*l, lang)),
                None => t.row("", unknown),
            })
            .collect(),
        by_commune: communes
            .into_iter()
            .map(|(c, t)| match c {
                Some(c) => t.row(&site.communes[c].slug, &site.communes[c].name),
                None => t.row("", unknown),
            })
            .collect(),
        by_area: AREAS
            .iter()
            .map(|a| {
                by_area.get(a).map_or_else(
                    || Tally::default().row(area_id(*a), area_name(*a, lang)),
                    |t| t.row(area_id(*a), area_name(*a, lang)),
                )
            })
            .collect(),
        frontline: count(|p| p.frontline),
        special_areas: count(|p| p.in_area),
        campaigns: campaigns(site, year, &items, lang),
        decisions: decisions(site, year, &items, scope.is_some()),
    }
}

fn campaigns(site: &Site, year: i32, items: &[Item], lang: Lang) -> Vec<CampaignRow> {
    let mut rows: Vec<(crate::vietnamese::Date, CampaignRow)> = site
        .campaigns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.start.year <= year && c.end.is_none_or(|e| e.year >= year))
        .map(|(i, c)| {
            let honourees: BTreeSet<&Who> = items
                .iter()
                .filter(|item| item.campaigns.contains(&i))
                .map(|item| &item.who)
                .collect();
            let row = CampaignRow {
                id: c.page.id.clone(),
                title: c.page.title.clone(),
                level: c.level.label(lang).to_string(),
                launched_by: c.launched_by.clone(),
                start: c.start.iso(),
                end: c.end.map(|e| e.iso()),
                honourees: honourees.len(),
                path: c.page.path.clone(),
            };
            (c.start, row)
        })
        .collect();
    rows.sort_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| compare(&ra.title, &rb.title)));
    rows.into_iter().map(|(_, r)| r).collect()
}

fn decisions(site: &Site, year: i32, items: &[Item], unit_scope: bool) -> Vec<DecisionRow> {
    let mut rows: Vec<(crate::vietnamese::Date, DecisionRow)> = site
        .decisions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let date = d.page.date?;
            let commendations = items.iter().filter(|it| it.decision == Some(i)).count();
            (date.year == year && (!unit_scope || commendations > 0)).then(|| {
                (
                    date,
                    DecisionRow {
                        id: d.page.id.clone(),
                        number: d.number.clone(),
                        date: date.iso(),
                        title: d.page.title.clone(),
                        issuer: d.issuer.clone(),
                        commendations,
                        path: d.page.path.clone(),
                    },
                )
            })
        })
        .collect();
    rows.sort_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| ra.number.cmp(&rb.number)));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The level's id as front matter writes it (`mam-non`).
fn level_key(level: UnitLevel) -> String {
    serde_json::to_value(level)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// "70,0" (Vietnamese) or "70.0" (English); "–" when there is nothing to divide.
pub fn format_percent(percent: Option<f64>, lang: Lang) -> String {
    match percent {
        Some(p) => {
            let text = format!("{p:.1}");
            match lang {
                Lang::Vi => text.replace('.', ","),
                Lang::En => text,
            }
        }
        None => "–".to_string(),
    }
}
