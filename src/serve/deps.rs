//! serve: what each output page shows, so that a change re-renders only the pages
//! that can show it. This mirrors the contexts built in `render/pages.rs` and
//! `render/feeds.rs`: a page that starts showing something new there must list it
//! here too (the tests in `incremental` compare every kind of edit with a full build).

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::{Honoree, PageRef, RollItem, Site};
use crate::render::Job;

/// Something a page shows, by position in one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dep {
    /// A content page: its card, honour-roll line or link, or all of it.
    Page(PageRef),
    /// A commune's name (spelled by the first unit that names it).
    Commune(usize),
    /// A tag's name (spelled by the first page that uses it).
    Tag(usize),
    /// A plain value the page prints: a neighbouring year, a number of list pages.
    Value(i64),
}

/// Pages that summarise the whole site (counts, every page): rendered again after
/// any change of the model.
pub fn is_summary(job: Job) -> bool {
    matches!(
        job,
        Job::Home
            | Job::Communes
            | Job::Areas
            | Job::Awards
            | Job::Years
            | Job::Tags
            | Job::Sitemap
            | Job::Search
            | Job::Reports
            | Job::Report(_)
            | Job::ReportCsv(_)
            | Job::ReportJson(_)
    )
}

/// Data files that no page displays and that take the whole site to build (the
/// search index): after a save they are brought up to date once the pages are
/// served, so that the pages do not wait for them.
pub fn is_deferred(job: Job) -> bool {
    matches!(job, Job::SearchIndex)
}

/// Whether `job` prints the rendered body of the pages it shows (not only their
/// summaries): the feeds.
pub fn shows_bodies(job: Job) -> bool {
    matches!(job, Job::Feed(_) | Job::SearchIndex)
}

/// Everything `job` shows, in the order it shows it (summary pages list only the
/// pages they show as cards).
pub fn deps(site: &Site, job: Job, out: &mut Vec<Dep>) {
    let ix = &site.index;
    match job {
        Job::Home => {
            for (kind, n) in [(0, 8), (5, 6), (4, 4)] {
                ix.newest
                    .iter()
                    .filter(|r| kind_number(**r) == kind)
                    .take(n)
                    .for_each(|r| card(site, *r, out));
            }
            (0..site.campaigns.len())
                .filter(|c| site.campaigns[*c].is_active(site.today))
                .for_each(|c| card(site, PageRef::Campaign(c), out));
        }
        Job::SectionList(s, n) => {
            let section = &site.sections[s];
            let all = &ix.section_pages[s];
            out.push(Dep::Value(all.len().div_ceil(section.paginate) as i64));
            all.iter()
                .skip((n - 1) * section.paginate)
                .take(section.paginate)
                .for_each(|r| card(site, *r, out));
        }
        Job::Page(r) => single(site, r, out),
        Job::Commune(c) => {
            out.push(Dep::Commune(c));
            for u in &ix.commune_units[c] {
                card(site, PageRef::Unit(*u), out);
            }
            for u in &ix.commune_units[c] {
                for p in &ix.unit_profiles[*u] {
                    card(site, PageRef::Profile(*p), out);
                }
            }
        }
        Job::Area(a) => {
            for u in ix.area_units.get(&a).into_iter().flatten() {
                card(site, PageRef::Unit(*u), out);
            }
            for p in ix.area_profiles.get(&a).into_iter().flatten() {
                card(site, PageRef::Profile(*p), out);
            }
        }
        Job::Award(a) => ix.award_roll[a].iter().for_each(|i| entry(site, i, out)),
        Job::Year(y) => {
            let prev = ix.year_roll.range(..y).next_back().map_or(0, |(y, _)| *y);
            let next = ix.year_roll.range(y + 1..).next().map_or(0, |(y, _)| *y);
            out.extend([Dep::Value(prev.into()), Dep::Value(next.into())]);
            ix.year_roll[&y].iter().for_each(|i| entry(site, i, out));
        }
        Job::Tag(t, n) => {
            let all = &ix.tag_pages[t];
            let per_page = site.config.paginate;
            out.extend([
                Dep::Tag(t),
                Dep::Value(all.len() as i64),
                Dep::Value(all.len().div_ceil(per_page) as i64),
            ]);
            all.iter()
                .skip((n - 1) * per_page)
                .take(per_page)
                .for_each(|r| card(site, *r, out));
        }
        Job::Feed(None) => {
            let limit = site.config.feed_limit;
            out.extend(ix.newest.iter().take(limit).map(|r| Dep::Page(*r)));
        }
        Job::Feed(Some(s)) => {
            let limit = site.config.feed_limit;
            out.extend(
                ix.section_pages[s]
                    .iter()
                    .take(limit)
                    .map(|r| Dep::Page(*r)),
            );
        }
        Job::Communes
        | Job::Areas
        | Job::Awards
        | Job::Years
        | Job::Tags
        | Job::NotFound
        | Job::Sitemap
        | Job::Robots
        | Job::Search
        | Job::Reports
        | Job::Report(_)
        | Job::ReportCsv(_)
        | Job::ReportJson(_) => {}
        // The index holds every page's title, summary and text.
        Job::SearchIndex => site.all_pages().for_each(|r| out.push(Dep::Page(r))),
    }
}

/// A hash of what `job` shows, by identity (page paths, slugs), to compare the same
/// page between two versions of the site.
pub fn fingerprint(site: &Site, deps: &[Dep]) -> u64 {
    let mut h = DefaultHasher::new();
    for dep in deps {
        match *dep {
            Dep::Page(r) => (0u8, site.page(r).path.as_str()).hash(&mut h),
            Dep::Commune(c) => (1u8, site.communes[c].slug.as_str()).hash(&mut h),
            Dep::Tag(t) => (2u8, site.tags[t].slug.as_str()).hash(&mut h),
            Dep::Value(v) => (3u8, v).hash(&mut h),
        }
    }
    h.finish()
}

/// The position of a page kind in `PageRef`, to pick the newest of one kind.
fn kind_number(r: PageRef) -> u8 {
    match r {
        PageRef::Profile(_) => 0,
        PageRef::Unit(_) => 1,
        PageRef::Campaign(_) => 2,
        PageRef::Decision(_) => 3,
        PageRef::Model(_) => 4,
        PageRef::News(_) => 5,
    }
}

/// A card (`Shapes::card`): the page, and the unit it names.
fn card(site: &Site, r: PageRef, out: &mut Vec<Dep>) {
    out.push(Dep::Page(r));
    let unit = match r {
        PageRef::Profile(i) => Some(site.profiles[i].unit),
        PageRef::Model(i) => site.models[i].unit,
        PageRef::News(i) => site.news[i].unit,
        PageRef::Unit(_) | PageRef::Campaign(_) | PageRef::Decision(_) => None,
    };
    if let Some(u) = unit {
        out.push(Dep::Page(PageRef::Unit(u.get())));
    }
}

/// An honour-roll line (`Shapes::roll_entry`): the person (a profile, or a
/// recipient written in a decision), the unit and the decision.
fn entry(site: &Site, item: &RollItem, out: &mut Vec<Dep>) {
    match item.who {
        Honoree::Profile(p, _) => {
            out.push(Dep::Page(PageRef::Profile(p)));
            out.push(Dep::Page(PageRef::Unit(site.profiles[p].unit.get())));
        }
        Honoree::Recipient(d, r) => {
            out.push(Dep::Page(PageRef::Decision(d)));
            if let Some(u) = site.decisions[d].recipients[r].unit {
                out.push(Dep::Page(PageRef::Unit(u.get())));
            }
        }
    }
    if let Some(d) = item.decision {
        out.push(Dep::Page(PageRef::Decision(d.get())));
    }
}

/// A page of its own (`Shapes::single`).
fn single(site: &Site, r: PageRef, out: &mut Vec<Dep>) {
    let ix = &site.index;
    out.push(Dep::Page(r));
    out.extend(site.page(r).tags.iter().map(|t| Dep::Tag(t.get())));
    let campaigns = |list: &[crate::model::Idx<crate::model::Campaign>], out: &mut Vec<Dep>| {
        for c in list {
            card(site, PageRef::Campaign(c.get()), out);
        }
    };
    match r {
        PageRef::Profile(i) => {
            let p = &site.profiles[i];
            let unit = p.unit.get();
            card(site, PageRef::Unit(unit), out);
            out.push(Dep::Commune(site.units[unit].commune.get()));
            campaigns(&p.campaigns, out);
            for grant in &p.grants {
                if let Some(d) = grant.decision {
                    out.push(Dep::Page(PageRef::Decision(d.get())));
                }
            }
            ix.unit_profiles[unit]
                .iter()
                .filter(|o| **o != i)
                .take(4)
                .for_each(|o| card(site, PageRef::Profile(*o), out));
        }
        PageRef::Unit(i) => {
            out.push(Dep::Commune(site.units[i].commune.get()));
            ix.unit_profiles[i]
                .iter()
                .for_each(|p| card(site, PageRef::Profile(*p), out));
            ix.unit_models[i]
                .iter()
                .for_each(|m| card(site, PageRef::Model(*m), out));
            ix.unit_news[i]
                .iter()
                .for_each(|n| card(site, PageRef::News(*n), out));
        }
        PageRef::Campaign(i) => {
            ix.campaign_profiles[i]
                .iter()
                .for_each(|p| card(site, PageRef::Profile(*p), out));
            ix.campaign_models[i]
                .iter()
                .for_each(|m| card(site, PageRef::Model(*m), out));
            ix.campaign_news[i]
                .iter()
                .for_each(|n| card(site, PageRef::News(*n), out));
        }
        PageRef::Decision(i) => ix.decision_roll[i].iter().for_each(|e| entry(site, e, out)),
        PageRef::Model(i) | PageRef::News(i) => {
            let a = if matches!(r, PageRef::Model(_)) {
                &site.models[i]
            } else {
                &site.news[i]
            };
            if let Some(u) = a.unit {
                out.push(Dep::Page(PageRef::Unit(u.get())));
            }
            campaigns(&a.campaigns, out);
        }
    }
}
