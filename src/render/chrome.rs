//! What every HTML page shares: the menus with their state on this page, the site
//! variables, breadcrumbs, and the head, header and footer fragments, put into each
//! page's template context (`Renderer::html_context`).

use serde::Serialize;

use super::fragments::Current;
use super::*;
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

impl Renderer {
    /// Puts a page's variables and those every HTML template receives into
    /// `thread`'s context.
    pub(super) fn html_context(
        &self,
        pc: pages::PageContext,
        path: &str,
        shapes: &Shapes,
        menu: &Menu,
        thread: &mut ThreadContext,
    ) {
        let site = shapes.site;
        // The menus and breadcrumbs.
        shapes.reads.add(reads::Key::LAYOUT);
        let url = site.url(path);
        let title = if path.is_empty() {
            site.config.title.clone()
        } else {
            format!("{} – {}", pc.title, site.config.title)
        };
        let description = if pc.description.is_empty() {
            site.config.description.clone()
        } else {
            pc.description.clone()
        };
        let site_feed = site.url("atom.xml");
        let feed_url = if pc.feed_url == site_feed {
            ""
        } else {
            pc.feed_url.as_str()
        };
        let home_current = path.is_empty();
        self.chrome_context(
            &url,
            home_current,
            pc.section,
            feed_url,
            shapes,
            menu,
            thread,
        );
        let meta = pages::Meta {
            title,
            description,
            og_type: pc.og_type,
            image: pc.image.clone(),
            image_alt: pc.image_alt.clone(),
            noindex: pc.noindex,
            feed_url: pc.feed_url.clone(),
            jsonld: pc
                .structured
                .as_ref()
                .map(structured::to_script)
                .unwrap_or_default(),
        };
        let crumbs: Vec<Crumb> = pc
            .breadcrumbs
            .iter()
            .map(|(t, u)| Crumb {
                title: t.clone(),
                url: u.clone(),
            })
            .collect();
        let context = &mut thread.context;
        context.extend(pc.context);
        context.insert("url", &url);
        context.insert("permalink", &site.permalink(path));
        context.insert("meta", &meta);
        context.insert("breadcrumbs", &crumbs);
    }

    /// Puts `site` (with the menu's state on the page at `url`) and `chrome` (head,
    /// header and footer) into `thread`'s context, unless it holds them already for
    /// the same menu state and feed: consecutive pages of a section share them.
    #[allow(clippy::too_many_arguments)]
    fn chrome_context(
        &self,
        url: &str,
        home_current: bool,
        section: Option<usize>,
        feed_url: &str,
        shapes: &Shapes,
        menu: &Menu,
        thread: &mut ThreadContext,
    ) {
        let site = shapes.site;
        let nav_current: Vec<Current> = menu
            .nav
            .iter()
            .map(|(i, item)| Current::of(&item.url, url, section == Some(*i)))
            .collect();
        let more_current: Vec<Current> = menu
            .more
            .iter()
            .map(|item| Current::of(&item.url, url, url.starts_with(&item.url)))
            .collect();
        let mut state = menu_state(&nav_current, &more_current, home_current);
        state.push_str(feed_url);
        if thread.chrome_state == state {
            return;
        }
        let nav = menu.nav.iter().zip(nav_current);
        let nav_more = menu.more.iter().zip(more_current);
        let site_ctx = SiteCtx {
            title: &site.config.title,
            description: &site.config.description,
            language: site.config.language,
            base_url: &site.base.absolute,
            base_path: &site.base.path,
            generator: concat!("tonvinh ", env!("CARGO_PKG_VERSION")),
            nav: nav
                .map(|((_, item), current)| NavItem {
                    current,
                    ..item.clone()
                })
                .collect(),
            nav_more: nav_more
                .map(|(item, current)| MoreItem {
                    current,
                    ..item.clone()
                })
                .collect(),
        };
        let chrome = Chrome {
            head: shapes.fragments.chrome(HEAD, String::new(), || {
                let mut c = Context::new();
                c.insert("site", &site_ctx.without_current());
                c
            }),
            header: self.header(shapes.fragments, &site_ctx, home_current),
            footer: shapes.fragments.chrome(FOOTER, feed_url.to_string(), || {
                let mut c = Context::new();
                c.insert("site", &site_ctx.without_current());
                c.insert("feed_url", feed_url);
                c
            }),
        };
        thread.context.insert("site", &site_ctx);
        thread.context.insert("chrome", &chrome);
        thread.chrome_state = state;
    }

    /// The header for the menu state of one page, rendered once per state.
    fn header(&self, fragments: &Fragments, site_ctx: &SiteCtx, home_current: bool) -> String {
        let nav: Vec<Current> = site_ctx.nav.iter().map(|i| i.current).collect();
        let more: Vec<Current> = site_ctx.nav_more.iter().map(|i| i.current).collect();
        fragments.chrome(HEADER, menu_state(&nav, &more, home_current), || {
            let mut c = Context::new();
            c.insert("site", site_ctx);
            c.insert("home_current", &home_current);
            c
        })
    }
}

/// The state of the menus on a page, one letter per item, as a key.
fn menu_state(nav: &[Current], more: &[Current], home_current: bool) -> String {
    let mut key: String = nav.iter().chain(more).map(|c| c.letter()).collect();
    key.push(if home_current { 'h' } else { '-' });
    key
}
