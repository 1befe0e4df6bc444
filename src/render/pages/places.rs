//! The places: communes (xã, phường, đặc khu) and the difficult areas, each with its
//! units and exemplars.

use serde::Serialize;

use super::Job;
use super::PageContext;
use crate::content::front::Area;
use crate::domain::labels::{AREAS, area_description, area_name};
use crate::model::PageRef;
use crate::render::Strings;
use crate::render::context::{AreaLink, Shapes};

/// Past this many exemplars, a place or campaign lists them as a table (`people`).
const LONG_LIST: usize = 24;

impl Shapes<'_> {
    /// Every commune with its numbers of units and exemplars.
    pub(super) fn communes_page(&self, home: (String, String), strings: &Strings) -> PageContext {
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("communes_title"));
        pc.breadcrumbs = vec![home];
        #[derive(Serialize)]
        struct CommuneCount<'a> {
            name: &'a str,
            url: String,
            units: usize,
            profiles: usize,
        }
        let mut communes: Vec<CommuneCount> = (0..self.commune_count())
            .map(|i| {
                let link = self.commune_link(i);
                let units = self.commune_units(i);
                CommuneCount {
                    name: link.name,
                    url: link.url,
                    units: units.len(),
                    profiles: units.iter().map(|u| self.unit_profiles(*u).len()).sum(),
                }
            })
            .collect();
        communes.sort_by(|a, b| crate::vietnamese::compare(a.name, b.name));
        pc.insert("communes", &communes);
        pc
    }

    /// Commune `c`: its units and exemplars.
    pub(super) fn commune_page(
        &self,
        c: usize,
        home: (String, String),
        strings: &Strings,
    ) -> PageContext {
        let site = self.site;
        let t = |k: &str| strings.get(k);
        let commune = self.commune_link(c);
        let mut pc = PageContext::new(commune.name.to_string());
        pc.breadcrumbs = vec![home, (t("communes_title"), self.job_url(Job::Communes))];
        pc.insert("commune", &commune);
        let units = self.commune_units(c);
        pc.insert(
            "units",
            &self.card_list(units.iter().map(|u| PageRef::Unit(*u))),
        );
        let mut profiles: Vec<usize> = units
            .iter()
            .flat_map(|u| self.unit_profiles(*u).iter().copied())
            .collect();
        profiles.sort_by(|a, b| {
            crate::vietnamese::compare_names(
                &site.profiles[*a].name_parts,
                &site.profiles[*b].name_parts,
            )
        });
        self.insert_people(&mut pc, &profiles);
        pc
    }

    /// The difficult areas with their numbers of units and exemplars.
    pub(super) fn areas_page(&self, home: (String, String), strings: &Strings) -> PageContext {
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("areas_title"));
        pc.breadcrumbs = vec![home];
        #[derive(Serialize)]
        struct AreaSummary {
            #[serde(flatten)]
            area: AreaLink,
            description: &'static str,
            units: usize,
            profiles: usize,
        }
        let areas: Vec<AreaSummary> = AREAS
            .iter()
            .filter(|a| !self.area_units(**a).is_empty())
            .map(|a| AreaSummary {
                area: self.area(*a),
                description: area_description(*a, self.lang),
                units: self.area_units(*a).len(),
                profiles: self.area_profiles(*a).len(),
            })
            .collect();
        pc.insert("areas", &areas);
        pc
    }

    /// Area `a`: its units and exemplars.
    pub(super) fn area_page(
        &self,
        a: Area,
        home: (String, String),
        strings: &Strings,
    ) -> PageContext {
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(area_name(a, self.lang));
        pc.description = area_description(a, self.lang).to_string();
        pc.breadcrumbs = vec![home, (t("areas_title"), self.job_url(Job::Areas))];
        #[derive(Serialize)]
        struct AreaCtx {
            id: &'static str,
            name: &'static str,
            description: &'static str,
            url: String,
        }
        let link = self.area(a);
        pc.insert(
            "area",
            &AreaCtx {
                id: link.id,
                name: link.name,
                description: area_description(a, self.lang),
                url: link.url,
            },
        );
        pc.insert(
            "units",
            &self.card_list(self.area_units(a).iter().map(|u| PageRef::Unit(*u))),
        );
        self.insert_people(&mut pc, self.area_profiles(a));
        pc
    }

    /// The exemplars of a place or campaign, `profile_count` of them: up to
    /// [`LONG_LIST`] as `profiles` [rendered card], more as `people` [rendered line]
    /// for a table (the other list is empty).
    pub(in crate::render) fn insert_people(&self, pc: &mut PageContext, profiles: &[usize]) {
        let long = profiles.len() > LONG_LIST;
        let (people, cards) = if long {
            (self.person_rows(profiles.iter().copied(), true), Vec::new())
        } else {
            let cards = self.card_list(profiles.iter().map(|p| PageRef::Profile(*p)));
            (Vec::new(), cards)
        };
        pc.insert("people", &people);
        pc.insert("profiles", &cards);
        pc.insert("profile_count", &profiles.len());
    }
}
