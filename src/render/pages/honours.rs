//! The honour rolls: every award with its number of honourees, an award's roll by
//! year, and a year's roll by award.

use serde::Serialize;

use super::Job;
use super::PageContext;
use crate::render::RollColumns;
use crate::render::Strings;
use crate::render::context::Shapes;

impl Shapes<'_> {
    /// The awards, titles then forms, with their numbers of honourees.
    pub(super) fn awards_page(&self, home: (String, String), strings: &Strings) -> PageContext {
        let site = self.site;
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("awards_title"));
        pc.breadcrumbs = vec![home];
        #[derive(Serialize)]
        struct AwardCount<'a> {
            id: &'a str,
            name: &'a str,
            url: String,
            level_label: &'static str,
            count: usize,
        }
        #[derive(Serialize)]
        struct Group<'a> {
            kind: crate::model::AwardKind,
            kind_label: &'static str,
            awards: Vec<AwardCount<'a>>,
        }
        let groups: Vec<Group> = [
            crate::model::AwardKind::Title,
            crate::model::AwardKind::Form,
        ]
        .into_iter()
        .map(|kind| Group {
            kind,
            kind_label: kind.label(self.lang),
            awards: site
                .awards
                .iter()
                .enumerate()
                .filter(|(i, a)| a.kind == kind && !self.award_roll(*i).is_empty())
                .map(|(i, a)| AwardCount {
                    id: &a.id,
                    name: &a.name,
                    url: self.job_url(Job::Award(i)),
                    level_label: a.level.label(self.lang),
                    count: self.award_roll(i).len(),
                })
                .collect(),
        })
        .filter(|g| !g.awards.is_empty())
        .collect();
        pc.insert("groups", &groups);
        pc
    }

    /// Award `a`'s roll, newest year first.
    pub(super) fn award_page(
        &self,
        a: usize,
        home: (String, String),
        strings: &Strings,
    ) -> PageContext {
        let site = self.site;
        let t = |k: &str| strings.get(k);
        let award = &site.awards[a];
        let mut pc = PageContext::new(award.name.clone());
        pc.breadcrumbs = vec![home, (t("awards_title"), self.job_url(Job::Awards))];
        #[derive(Serialize)]
        struct AwardCtx<'a> {
            id: &'a str,
            name: &'a str,
            kind_label: &'static str,
            level_label: &'static str,
            subject_label: &'static str,
        }
        pc.insert(
            "award",
            &AwardCtx {
                id: &award.id,
                name: &award.name,
                kind_label: award.kind.label(self.lang),
                level_label: award.level.label(self.lang),
                subject_label: award.subject.label(self.lang),
            },
        );
        let roll = self.award_roll(a);
        let mut years: Vec<i32> = roll.iter().map(|i| i.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        #[derive(Serialize)]
        struct YearGroup<'a> {
            year: i32,
            url: String,
            rows: Vec<&'a str>,
        }
        let columns = RollColumns::ByAward;
        let groups: Vec<YearGroup> = years
            .into_iter()
            .map(|y| YearGroup {
                year: y,
                url: self.job_url(Job::Year(y)),
                rows: self.roll_rows(roll.iter().filter(|i| i.year == y), columns),
            })
            .collect();
        pc.insert("years", &groups);
        pc.insert("columns", &columns.value());
        pc.insert("total", &roll.len());
        pc
    }

    /// The years of the roll, newest first.
    pub(super) fn years_page(&self, home: (String, String), strings: &Strings) -> PageContext {
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("years_title"));
        pc.breadcrumbs = vec![home];
        #[derive(Serialize)]
        struct YearCount {
            year: i32,
            url: String,
            count: usize,
        }
        let years: Vec<YearCount> = self
            .years()
            .into_iter()
            .rev()
            .map(|y| YearCount {
                year: y,
                url: self.job_url(Job::Year(y)),
                count: self.year_roll(y).len(),
            })
            .collect();
        pc.insert("years", &years);
        pc
    }

    /// Year `y`'s roll, award by award.
    pub(super) fn year_page(
        &self,
        y: i32,
        home: (String, String),
        strings: &Strings,
    ) -> PageContext {
        let site = self.site;
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("year_title").replace("{year}", &y.to_string()));
        pc.breadcrumbs = vec![home, (t("years_title"), self.job_url(Job::Years))];
        let roll = self.year_roll(y);
        #[derive(Serialize)]
        struct AwardGroup<'a> {
            award: crate::render::context::AwardLink<'a>,
            rows: Vec<&'a str>,
        }
        let columns = RollColumns::ByAward;
        let groups: Vec<AwardGroup> = (0..site.awards.len())
            .filter_map(|a| {
                let of_award = roll.iter().filter(|i| i.award.get() == a);
                let rows = self.roll_rows(of_award, columns);
                (!rows.is_empty()).then(|| AwardGroup {
                    award: self.award_link(crate::model::Idx::new(a)),
                    rows,
                })
            })
            .collect();
        pc.insert("columns", &columns.value());
        #[derive(Serialize)]
        struct YearLink {
            year: i32,
            url: String,
        }
        let link = |y: &i32| YearLink {
            year: *y,
            url: self.job_url(Job::Year(*y)),
        };
        let years = self.years();
        pc.insert("year", &y);
        pc.insert("groups", &groups);
        pc.insert("total", &roll.len());
        pc.insert("prev_year", &years.iter().rfind(|o| **o < y).map(link));
        pc.insert("next_year", &years.iter().find(|o| **o > y).map(link));
        pc
    }
}
