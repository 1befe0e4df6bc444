//! The home page: the newest exemplars, news and good models, the active campaigns,
//! the site's figures and the difficult areas.

use serde::Serialize;

use super::PageContext;
use crate::domain::labels::AREAS;
use crate::model::PageRef;
use crate::render::context::{AreaLink, Shapes};

impl Shapes<'_> {
    /// The home page.
    pub(super) fn home_page(&self) -> PageContext {
        let site = self.site;
        // Counts of the whole site, and the newest pages of each kind.
        self.read_site();
        self.reads
            .add(crate::render::reads::Key::section_body(site, None));
        let newest = self.newest();
        let mut pc = PageContext::new(site.config.title.clone());
        pc.description = if site.home.description.is_empty() {
            site.config.description.clone()
        } else {
            site.home.description.clone()
        };
        let newest_of = |kind: fn(&PageRef) -> bool, n: usize| {
            newest
                .iter()
                .copied()
                .filter(kind)
                .take(n)
                .collect::<Vec<_>>()
        };
        #[derive(Serialize)]
        struct HomeCtx<'a> {
            title: &'a str,
            content: &'a str,
        }
        pc.insert(
            "home",
            &HomeCtx {
                title: &site.home.title,
                content: &self.bodies.home.html,
            },
        );
        pc.insert(
            "profiles",
            &self.card_list(newest_of(|r| matches!(r, PageRef::Profile(_)), 8)),
        );
        pc.insert(
            "news",
            &self.card_list(newest_of(|r| matches!(r, PageRef::News(_)), 6)),
        );
        pc.insert(
            "models",
            &self.card_list(newest_of(|r| matches!(r, PageRef::Model(_)), 4)),
        );
        let mut active: Vec<PageRef> = (0..site.campaigns.len())
            .filter(|c| site.campaigns[*c].is_active(site.today))
            .map(PageRef::Campaign)
            .collect();
        active.sort_by_key(|r| std::cmp::Reverse(site.page(*r).date));
        pc.insert("campaigns", &self.card_list(active));
        pc.insert("stats", &self.stats());
        pc.structured = Some(crate::render::structured::website(site));
        #[derive(Serialize)]
        struct AreaCount {
            #[serde(flatten)]
            area: AreaLink,
            count: usize,
        }
        let areas: Vec<AreaCount> = AREAS
            .iter()
            .filter(|a| !self.area_profiles(**a).is_empty())
            .map(|a| AreaCount {
                area: self.area(*a),
                count: self.area_profiles(*a).len(),
            })
            .collect();
        pc.insert("areas", &areas);
        pc
    }

    /// The site's figures on the home page.
    fn stats(&self) -> serde_json::Value {
        let site = self.site;
        let people = site
            .profiles
            .iter()
            .filter(|p| p.subject == crate::content::front::Subject::Person)
            .count();
        let special: std::collections::BTreeSet<usize> = site
            .index
            .area_profiles
            .values()
            .flatten()
            .copied()
            .collect();
        serde_json::json!({
            "people": people,
            "collectives": site.profiles.len() - people,
            "units": site.units.len(),
            "campaigns": site.campaigns.len(),
            "decisions": site.decisions.len(),
            "models": site.models.len(),
            "news": site.news.len(),
            "frontline": site.profiles.iter().filter(|p| p.frontline).count(),
            "special_areas": special.len(),
            "awards": site.index.award_roll.iter().map(Vec::len).sum::<usize>(),
        })
    }
}
