//! Back-references and sorted lists, computed once after resolution so that every
//! page finds what it shows by index, never by scanning the site.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::*;
use crate::vietnamese::{compare, compare_names};

/// Who is on an honour roll: a profile, or a recipient named in a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Honoree {
    /// A profile and the position of the grant in its `grants`.
    Profile(usize, usize),
    /// A decision and the position of the recipient in its `recipients`.
    Recipient(usize, usize),
}

/// One line of an honour roll.
#[derive(Debug, Clone, Copy)]
pub struct RollItem {
    pub who: Honoree,
    pub award: Idx<Award>,
    pub year: i32,
    pub decision: Option<Idx<Decision>>,
}

/// Everything the renderers look up.
#[derive(Debug, Default)]
pub struct Indexes {
    /// Per section: its pages, in list order (newest first; units by name).
    pub section_pages: Vec<Vec<PageRef>>,
    /// Per unit: profiles sorted by name, models and news newest first.
    pub unit_profiles: Vec<Vec<usize>>,
    pub unit_models: Vec<Vec<usize>>,
    pub unit_news: Vec<Vec<usize>>,
    /// Per campaign: profiles (by name), models and news (newest first).
    pub campaign_profiles: Vec<Vec<usize>>,
    pub campaign_models: Vec<Vec<usize>>,
    pub campaign_news: Vec<Vec<usize>>,
    /// Per decision: its recipients in the decision's order (`recipients`, then the
    /// annex's rows), then the profiles citing it that are not among them, by name.
    pub decision_roll: Vec<Vec<RollItem>>,
    /// Per unit: the recipients of decisions from the unit without a profile grant
    /// for the same commendation (those are on the unit's page already), by name.
    pub unit_recipients: Vec<Vec<RollItem>>,
    /// Per award: its honour roll, by name (grouped by year when rendered).
    pub award_roll: Vec<Vec<RollItem>>,
    /// Per year: every commendation of the year, by name.
    pub year_roll: BTreeMap<i32, Vec<RollItem>>,
    /// Per commune: units by name.
    pub commune_units: Vec<Vec<usize>>,
    /// Per area: units by name and profiles (inheriting their unit's areas), by name.
    pub area_units: BTreeMap<Area, Vec<usize>>,
    pub area_profiles: BTreeMap<Area, Vec<usize>>,
    /// Per tag: pages, newest first.
    pub tag_pages: Vec<Vec<PageRef>>,
    /// Every page, newest first (home page, site feed).
    pub newest: Vec<PageRef>,
    /// Source path below content/ (`guong-dien-hinh/x.md`) → page path, for `@/` links.
    pub source_paths: HashMap<String, String>,
    /// Source paths of pages that exist but failed to parse: links to them are not
    /// reported as broken (the page's own error is).
    pub unreadable_sources: std::collections::HashSet<String>,
}

/// The names an `@/` link may give a page's file at `rel` (below the site root):
/// `guong-dien-hinh/x.md`, and for a bundle `guong-dien-hinh/x/index.md`, `…/x/`,
/// `…/x` and `…/x.md` (a page turned into a bundle to add a photo keeps its links).
pub fn link_names(rel: &std::path::Path) -> Vec<String> {
    let source = rel.strip_prefix("content").unwrap_or(rel);
    let source = source.to_string_lossy().replace('\\', "/");
    let mut names = Vec::new();
    if let Some(dir) = source.strip_suffix("/index.md") {
        names.extend([format!("{dir}/"), dir.to_string(), format!("{dir}.md")]);
    }
    names.push(source);
    names
}

impl Indexes {
    pub fn build(site: &Site) -> Indexes {
        let mut ix = Indexes {
            section_pages: vec![Vec::new(); site.sections.len()],
            unit_profiles: vec![Vec::new(); site.units.len()],
            unit_models: vec![Vec::new(); site.units.len()],
            unit_news: vec![Vec::new(); site.units.len()],
            campaign_profiles: vec![Vec::new(); site.campaigns.len()],
            campaign_models: vec![Vec::new(); site.campaigns.len()],
            campaign_news: vec![Vec::new(); site.campaigns.len()],
            decision_roll: vec![Vec::new(); site.decisions.len()],
            unit_recipients: vec![Vec::new(); site.units.len()],
            award_roll: vec![Vec::new(); site.awards.len()],
            commune_units: vec![Vec::new(); site.communes.len()],
            tag_pages: vec![Vec::new(); site.tags.len()],
            ..Indexes::default()
        };
        // Collation is costly: rank everyone once, then sort lists by rank.
        let ranks = Ranks::new(site);
        let by_name = |a: &usize, b: &usize| ranks.profile[*a].cmp(&ranks.profile[*b]);
        let newest = |a: &PageRef, b: &PageRef| {
            let (pa, pb) = (site.page(*a), site.page(*b));
            pb.date.cmp(&pa.date).then_with(|| pa.path.cmp(&pb.path))
        };

        for r in site.all_pages() {
            let page = site.page(r);
            ix.section_pages[page.section.get()].push(r);
            for tag in &page.tags {
                ix.tag_pages[tag.get()].push(r);
            }
            if !matches!(r, PageRef::Unit(_)) {
                ix.newest.push(r);
            }
            for key in link_names(&page.source.rel) {
                ix.source_paths.insert(key, page.path.clone());
            }
        }
        for (i, section) in site.sections.iter().enumerate() {
            let key = format!("{}/_index.md", section.dir);
            ix.source_paths.insert(key, format!("{}/", section.dir));
            let _ = i;
        }
        ix.source_paths.insert("_index.md".into(), String::new());

        // A recipient who is a profile with the same grant is one commendation: the
        // decision lists the recipient, the rolls the grant.
        let same = same_commendations(site);
        for (i, p) in site.profiles.iter().enumerate() {
            ix.unit_profiles[p.unit.get()].push(i);
            for c in &p.campaigns {
                ix.campaign_profiles[c.get()].push(i);
            }
            for (g, grant) in p.grants.iter().enumerate() {
                // A grant that a decision's recipient names is of that decision.
                let named = same.grants.get(&(i, g)).copied();
                let item = RollItem {
                    who: Honoree::Profile(i, g),
                    award: grant.award,
                    year: grant.year,
                    decision: grant.decision.or(named.map(Idx::new)),
                };
                if let Some(d) = grant.decision
                    && named.is_none()
                {
                    ix.decision_roll[d.get()].push(item);
                }
                ix.award_roll[grant.award.get()].push(item);
                ix.year_roll.entry(grant.year).or_default().push(item);
            }
            for area in &site.units[p.unit].areas {
                ix.area_profiles.entry(*area).or_default().push(i);
            }
        }
        let mut in_order: Vec<Vec<RollItem>> = Vec::with_capacity(site.decisions.len());
        for (d, decision) in site.decisions.iter().enumerate() {
            let year = decision.page.date.map_or(0, |date| date.year);
            let mut items = Vec::with_capacity(decision.recipients.len());
            for (r, rec) in decision.recipients.iter().enumerate() {
                let item = RollItem {
                    who: Honoree::Recipient(d, r),
                    award: rec.award,
                    year,
                    decision: Some(Idx::new(d)),
                };
                items.push(item);
                if same.recipients.contains(&(d, r)) {
                    continue;
                }
                ix.award_roll[rec.award.get()].push(item);
                ix.year_roll.entry(year).or_default().push(item);
                if let Some(u) = rec.unit {
                    ix.unit_recipients[u.get()].push(item);
                }
            }
            in_order.push(items);
        }
        for (kind, articles) in [(0, &site.models), (1, &site.news)] {
            for (i, a) in articles.iter().enumerate() {
                let (per_unit, per_campaign) = if kind == 0 {
                    (&mut ix.unit_models, &mut ix.campaign_models)
                } else {
                    (&mut ix.unit_news, &mut ix.campaign_news)
                };
                if let Some(u) = a.unit {
                    per_unit[u.get()].push(i);
                }
                for c in &a.campaigns {
                    per_campaign[c.get()].push(i);
                }
            }
        }
        for (i, u) in site.units.iter().enumerate() {
            ix.commune_units[u.commune.get()].push(i);
            for area in &u.areas {
                ix.area_units.entry(*area).or_default().push(i);
            }
        }

        // Sort every list once, the lists of each kind in parallel.
        let unit_by_name = |a: &usize, b: &usize| ranks.unit[*a].cmp(&ranks.unit[*b]);
        ix.section_pages
            .par_iter_mut()
            .enumerate()
            .for_each(|(s, pages)| {
                if site.sections[s].kind == crate::content::front::SectionKind::Units {
                    pages.sort_by(|a, b| compare(&site.page(*a).title, &site.page(*b).title));
                } else {
                    pages.sort_by(newest);
                }
            });
        ix.unit_profiles
            .par_iter_mut()
            .chain(ix.campaign_profiles.par_iter_mut())
            .chain(ix.area_profiles.par_iter_mut().map(|(_, l)| l))
            .for_each(|l| l.sort_by(by_name));
        ix.unit_models
            .par_iter_mut()
            .chain(ix.campaign_models.par_iter_mut())
            .for_each(|l| l.sort_by(article_newest(&site.models)));
        ix.unit_news
            .par_iter_mut()
            .chain(ix.campaign_news.par_iter_mut())
            .for_each(|l| l.sort_by(article_newest(&site.news)));
        ix.commune_units
            .par_iter_mut()
            .chain(ix.area_units.par_iter_mut().map(|(_, l)| l))
            .for_each(|l| l.sort_by(unit_by_name));
        ix.tag_pages.par_iter_mut().for_each(|l| l.sort_by(newest));
        ix.newest.par_sort_by(newest);
        let roll_order = |a: &RollItem, b: &RollItem| {
            ranks
                .of(a.who)
                .cmp(&ranks.of(b.who))
                .then_with(|| b.year.cmp(&a.year))
        };
        ix.decision_roll
            .par_iter_mut()
            .chain(ix.award_roll.par_iter_mut())
            .chain(ix.unit_recipients.par_iter_mut())
            .chain(ix.year_roll.par_iter_mut().map(|(_, l)| l))
            .for_each(|l| l.sort_by(roll_order));
        for (roll, mut items) in ix.decision_roll.iter_mut().zip(in_order) {
            items.append(roll);
            *roll = items;
        }
        ix
    }
}

/// Commendations named twice: by a recipient linked to a profile
/// ([`Recipient::profile`]) and by that profile's grant of the same award citing
/// the same decision, or citing none in the decision's year.
#[derive(Default)]
struct Same {
    /// (profile, grant) → the decision
    grants: HashMap<(usize, usize), usize>,
    /// (decision, recipient)
    recipients: std::collections::HashSet<(usize, usize)>,
}

fn same_commendations(site: &Site) -> Same {
    let mut same = Same::default();
    for (d, decision) in site.decisions.iter().enumerate() {
        let year = decision.page.date.map_or(0, |date| date.year);
        for (r, rec) in decision.recipients.iter().enumerate() {
            let Some(p) = rec.profile else { continue };
            let grant = site.profiles[p].grants.iter().position(|g| {
                g.award == rec.award
                    && match g.decision {
                        Some(gd) => gd.get() == d,
                        None => g.year == year,
                    }
            });
            if let Some(g) = grant {
                same.grants.insert((p.get(), g), d);
                same.recipients.insert((d, r));
            }
        }
    }
    same
}

/// Everyone's place in honour-roll order, computed with one sort: collectives by
/// full name, people by given, middle, family name; then unit, then a stable
/// tie-break. Lists then sort by comparing integers.
struct Ranks {
    profile: Vec<u32>,
    /// Per decision, per recipient.
    recipient: Vec<Vec<u32>>,
    unit: Vec<u32>,
}

impl Ranks {
    fn new(site: &Site) -> Ranks {
        let mut units: Vec<usize> = (0..site.units.len()).collect();
        units
            .par_sort_by(|a, b| compare(&site.units[*a].name, &site.units[*b].name).then(a.cmp(b)));
        let mut unit = vec![0; units.len()];
        for (rank, u) in units.into_iter().enumerate() {
            unit[u] = rank as u32;
        }
        let key = |who: Honoree| match who {
            Honoree::Profile(p, _) => {
                let p = &site.profiles[p];
                (&p.name_parts, Some(p.unit.get()), p.page.path.as_str())
            }
            Honoree::Recipient(d, r) => {
                let rec = &site.decisions[d].recipients[r];
                (
                    &rec.name_parts,
                    rec.unit.map(Idx::get),
                    site.decisions[d].page.path.as_str(),
                )
            }
        };
        let mut everyone: Vec<Honoree> = (0..site.profiles.len())
            .map(|p| Honoree::Profile(p, 0))
            .collect();
        for (d, decision) in site.decisions.iter().enumerate() {
            everyone.extend((0..decision.recipients.len()).map(|r| Honoree::Recipient(d, r)));
        }
        everyone.par_sort_by(|a, b| {
            let ((na, ua, pa), (nb, ub, pb)) = (key(*a), key(*b));
            compare_names(na, nb)
                .then_with(|| ua.map(|u| unit[u]).cmp(&ub.map(|u| unit[u])))
                .then_with(|| pa.cmp(pb))
        });
        let mut ranks = Ranks {
            profile: vec![0; site.profiles.len()],
            recipient: site
                .decisions
                .iter()
                .map(|d| vec![0; d.recipients.len()])
                .collect(),
            unit,
        };
        for (rank, who) in everyone.into_iter().enumerate() {
            match who {
                Honoree::Profile(p, _) => ranks.profile[p] = rank as u32,
                Honoree::Recipient(d, r) => ranks.recipient[d][r] = rank as u32,
            }
        }
        ranks
    }

    fn of(&self, who: Honoree) -> u32 {
        match who {
            Honoree::Profile(p, _) => self.profile[p],
            Honoree::Recipient(d, r) => self.recipient[d][r],
        }
    }
}

/// Orders positions in `list` newest first, then by id.
fn article_newest(list: &[Article]) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + '_ {
    move |a, b| {
        list[*b]
            .page
            .date
            .cmp(&list[*a].page.date)
            .then_with(|| list[*a].page.id.cmp(&list[*b].page.id))
    }
}
