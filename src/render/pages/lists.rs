//! Paginated lists: a section's pages, and the pages of a tag with the list of tags.

use serde::Serialize;

use super::Job;
use super::PageContext;
use crate::content::front::SectionKind;
use crate::render::Strings;
use crate::render::context::Shapes;
use crate::render::reads::Key;

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
        let t = |k: &str| strings.get(k);
        let section = &site.sections[s];
        let mut pc = PageContext::new(section.title.clone());
        pc.section = Some(s);
        pc.description = section.description.clone();
        pc.breadcrumbs = vec![home];
        let all = self.section_pages(s);
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
        if n > 1 {
            pc.title = format!("{} – {} {n}", section.title, t("page"));
        }
        let feed_url = if section.kind == SectionKind::Units {
            String::new()
        } else {
            self.job_url(Job::Feed(Some(s)))
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
                    self.reads.add(Key::section_body(site, Some(s)));
                    &self.bodies.sections[s].html
                } else {
                    ""
                },
                url: self.job_url(Job::SectionList(s, 1)),
                feed_url,
            },
        );
        pc.insert(
            "paginator",
            &self.paginator(|k| Job::SectionList(s, k), n, total),
        );
        pc
    }

    /// Every tag with its number of pages.
    pub(super) fn tags_page(&self, home: (String, String), strings: &Strings) -> PageContext {
        let t = |k: &str| strings.get(k);
        let mut pc = PageContext::new(t("tags_title"));
        pc.breadcrumbs = vec![home];
        let mut tags: Vec<Counted> = (0..self.tag_count())
            .map(|i| {
                let link = self.tag_link(i);
                Counted {
                    name: link.name,
                    url: link.url,
                    count: self.tag_pages(i).len(),
                }
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
        let t = |k: &str| strings.get(k);
        let tag = self.tag_link(i);
        let mut pc = PageContext::new(format!("{}: {}", t("tags_title"), tag.name));
        pc.breadcrumbs = vec![home, (t("tags_title"), self.job_url(Job::Tags))];
        pc.insert("tag", &tag);
        let all = self.tag_pages(i);
        let per_page = site.config.paginate;
        let items = all.iter().skip((n - 1) * per_page).take(per_page).copied();
        pc.insert("items", &self.card_list(items));
        pc.insert("total", &all.len());
        pc.insert(
            "paginator",
            &self.paginator(|k| Job::Tag(i, k), n, all.len().div_ceil(per_page).max(1)),
        );
        if n > 1 {
            pc.title = format!("{} – {} {n}", pc.title, t("page"));
        }
        pc
    }
}
