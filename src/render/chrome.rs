//! What every HTML page shares: the menus with their state on this page, the site
//! variables, breadcrumbs, and the head, header and footer fragments.

use serde::Serialize;

use super::Strings;
use super::fragments::Current;
use crate::model::Site;
use crate::vietnamese::Lang;

/// A menu item. `current` is set per page.
#[derive(Clone, Serialize)]
pub(super) struct NavItem<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) kind: crate::content::front::SectionKind,
    pub(super) current: Current,
}

#[derive(Clone, Serialize)]
pub(super) struct MoreItem {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) current: Current,
}

/// The site's menus, made once per render: the sections by weight (with their
/// index) and the lookup pages.
pub(super) struct Menu<'a> {
    pub(super) nav: Vec<(usize, NavItem<'a>)>,
    pub(super) more: Vec<MoreItem>,
}

impl<'a> Menu<'a> {
    pub(super) fn new(site: &'a Site, strings: &Strings) -> Menu<'a> {
        let mut sections: Vec<(usize, &crate::model::Section)> =
            site.sections.iter().enumerate().collect();
        sections.sort_by_key(|(_, s)| s.weight);
        let nav = sections
            .into_iter()
            .map(|(i, s)| {
                let item = NavItem {
                    title: &s.title,
                    url: site.url(&super::Job::SectionList(i, 1).path(site)),
                    kind: s.kind,
                    current: Current(""),
                };
                (i, item)
            })
            .collect();
        let more = [
            ("nav_communes", "xa-phuong/"),
            ("nav_areas", "khu-vuc/"),
            ("nav_awards", "danh-hieu/"),
            ("nav_years", "nam/"),
            ("nav_tags", "chu-de/"),
            ("nav_reports", "bao-cao/"),
        ]
        .into_iter()
        .map(|(k, p)| MoreItem {
            title: strings.get(k),
            url: site.url(p),
            current: Current(""),
        })
        .collect();
        Menu { nav, more }
    }
}

/// The shared part of the head, the header and the footer of a page, rendered by
/// [`Fragments`].
#[derive(Serialize)]
pub(super) struct Chrome {
    pub(super) head: String,
    pub(super) header: String,
    pub(super) footer: String,
}

#[derive(Clone, Serialize)]
pub(super) struct SiteCtx<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: Lang,
    pub(super) base_url: &'a str,
    pub(super) base_path: &'a str,
    pub(super) generator: &'static str,
    pub(super) nav: Vec<NavItem<'a>>,
    pub(super) nav_more: Vec<MoreItem>,
}

impl SiteCtx<'_> {
    /// The same with no menu item current: for fragments shared by pages whose
    /// menu states differ (the head, the footer), so they never depend on which
    /// page asked first.
    pub(super) fn without_current(&self) -> Self {
        let mut site = self.clone();
        site.nav.iter_mut().for_each(|i| i.current = Current(""));
        site.nav_more
            .iter_mut()
            .for_each(|i| i.current = Current(""));
        site
    }
}

#[derive(Serialize)]
pub(super) struct Crumb {
    pub(super) title: String,
    pub(super) url: String,
}
