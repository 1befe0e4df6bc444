//! `/tim-kiem/`: the search page. The form works without JavaScript as a plain GET
//! (`?q=`); `search.js` reads it and the index (`search-index.json`).

use std::collections::BTreeSet;

use serde::Serialize;

use super::Job;
use super::PageContext;
use crate::domain::labels::kind_label;
use crate::render::Strings;
use crate::render::context::Shapes;

#[derive(Serialize)]
struct KindOption {
    id: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct SearchCtx {
    index_url: String,
    script_url: String,
    kinds: Vec<KindOption>,
    years: Vec<i32>,
}

impl Shapes<'_> {
    pub(super) fn search_page(&self, strings: &Strings) -> PageContext {
        let site = self.site;
        // The kinds and years of every page.
        self.read_site();
        let mut pc = PageContext::new(strings.get("search_title"));
        // A results page is no page for search engines.
        pc.noindex = true;
        pc.breadcrumbs = vec![(site.home.title.clone(), self.job_url(Job::Home))];
        let mut years: BTreeSet<i32> = site.index.year_roll.keys().copied().collect();
        years.extend(
            site.all_pages()
                .filter_map(|r| site.page(r).date)
                .map(|d| d.year),
        );
        years.remove(&0);
        let kinds = [
            "profile",
            "collective",
            "unit",
            "campaign",
            "decision",
            "model",
            "news",
        ]
        .into_iter()
        .filter(|k| site.all_pages().any(|r| self.kind(r) == *k))
        .map(|id| KindOption {
            id,
            label: kind_label(id, self.lang),
        })
        .collect();
        pc.insert(
            "search",
            &SearchCtx {
                index_url: self.job_url(Job::SearchIndex),
                script_url: self.url("search.js"),
                kinds,
                years: years.into_iter().rev().collect(),
            },
        );
        pc
    }
}
