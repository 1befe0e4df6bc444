//! Paginated lists: a section's pages, and the pages of a tag with the list of tags.

use serde::Serialize;

use super::PageContext;
use crate::content::front::SectionKind;
use crate::render::Strings;
use crate::render::context::{Link, Shapes};

#[derive(Serialize)]
struct Counted<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

impl Shapes<'_> {
    /// Page `n` (from 1) of section `s`'s list.
    pub(super) fn section_list_page(
        &self,
        s: usize,
        n: usize,
        home: (String, String),
        strings: &Strings,
    ) -> PageContext {
        let site = self.site;
        let ix = &site.index;
        let t = |k: &str| strings.get(k);
        let section = &site.sections[s];
        let mut pc = PageContext::new(section.title.clone());
        pc.section = Some(s);
        pc.description = section.description.clone();
        pc.breadcrumbs = vec![home];
        let all = &ix.section_pages[s];
        let total = all.len().div_ceil(section.paginate).max(1);
        let shown = all
            .iter()
            .skip((n - 1) * section.paginate)
            .take(section.paginate)
            .copied();
        // Decisions are listed as a table of their numbers and titles.
        if section.kind == SectionKind::Decisions {
            pc.insert("decisions", &self.cards(shown));
            pc.insert("items", &Vec::<&str>::new());
        } else {
            pc.insert("items", &self.card_list(shown));
        }
        let page_url = |k: usize| {
            if k == 1 {
                self.url(&format!("{}/", section.dir))
            } else {
                self.url(&format!("{}/page/{k}/", section.dir))
            }
        };
        if n > 1 {
            pc.title = format!("{} – {} {n}", section.title, t("page"));
        }
        let feed_url = if section.kind == SectionKind::Units {
            String::new()
        } else {
            self.url(&format!("{}/atom.xml", section.dir))
        };
        pc.feed_url = feed_url.clone();
        #[derive(Serialize)]
        struct SectionCtx<'a> {
            id: &'a str,
            kind: SectionKind,
            title: &'a str,
            description: &'a str,
            content: &'a str,
            url: String,
            feed_url: String,
        }
        pc.insert(
            "section",
            &SectionCtx {
                id: &section.dir,
                kind: section.kind,
                title: &section.title,
                description: &section.description,
                content: if n == 1 {
                    &self.bodies.sections[s].html
                } else {
                    ""
                },
                url: page_url(1),
                feed_url,
            },
        );
        pc.insert(
            "paginator",
            &self.paginator(&format!("{}/", section.dir), n, total),
        );
        pc
    }

    /// Every tag with its number of pages.
    pub(super) fn tags_page(&self, home: (String, String), strings: &Strings) -> PageContext {
        let site = self.site;
        let ix = &site.index;
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("tags_title"));
        pc.breadcrumbs = vec![home];
        let mut tags: Vec<Counted> = site
            .tags
            .iter()
            .enumerate()
            .map(|(i, tag)| Counted {
                name: &tag.name,
                url: self.url(&format!("chu-de/{}/", tag.slug)),
                count: ix.tag_pages[i].len(),
            })
            .collect();
        tags.sort_by(|a, b| crate::vietnamese::compare(a.name, b.name));
        pc.insert("tags", &tags);
        pc
    }

    /// Page `n` (from 1) of tag `i`'s pages.
    pub(super) fn tag_page(
        &self,
        i: usize,
        n: usize,
        home: (String, String),
        strings: &Strings,
    ) -> PageContext {
        let site = self.site;
        let ix = &site.index;
        let t = |k: &str| strings.get(k);
        let tag = &site.tags[i];
        let mut pc = PageContext::new(format!("{}: {}", t("tags_title"), tag.name));
        let base = format!("chu-de/{}/", tag.slug);
        pc.breadcrumbs = vec![home, (t("tags_title"), self.url("chu-de/"))];
        pc.insert(
            "tag",
            &Link {
                name: &tag.name,
                url: self.url(&base),
            },
        );
        let all = &ix.tag_pages[i];
        let per_page = site.config.paginate;
        let items = all.iter().skip((n - 1) * per_page).take(per_page).copied();
        pc.insert("items", &self.card_list(items));
        pc.insert("total", &all.len());
        pc.insert(
            "paginator",
            &self.paginator(&base, n, all.len().div_ceil(per_page).max(1)),
        );
        if n > 1 {
            pc.title = format!("{} – {} {n}", pc.title, t("page"));
        }
        pc
    }
}
