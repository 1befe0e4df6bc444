//! Atom feeds, the sitemap and robots.txt.

use serde::Serialize;
use tera::Context;

use super::context::Shapes;
use super::pages::Job;
use crate::model::Site;

#[derive(Serialize)]
struct Feed<'a> {
    title: String,
    subtitle: &'a str,
    permalink: String,
    alternate: String,
    updated: String,
    id: String,
    entries: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    permalink: String,
    published: String,
    updated: String,
    summary: &'a str,
    content: &'a str,
    author: &'a str,
}

#[derive(Serialize)]
struct SitemapEntry {
    permalink: String,
    lastmod: String,
}

fn rfc3339(date: Option<crate::vietnamese::Date>) -> String {
    format!("{}T00:00:00+07:00", date.unwrap_or_default().iso())
}

impl Shapes<'_> {
    /// The context of the site feed (`None`) or of a section's feed.
    pub fn feed_context(&self, section: Option<usize>) -> Context {
        let site = self.site;
        // A section's title and description.
        self.reads.add(crate::render::reads::Key::LAYOUT);
        let limit = site.config.feed_limit;
        let (title, subtitle, refs) = match section {
            None => (
                site.config.title.clone(),
                site.config.description.as_str(),
                self.newest(),
            ),
            Some(s) => {
                let sec = &site.sections[s];
                let title = format!("{} – {}", sec.title, site.config.title);
                (title, sec.description.as_str(), self.section_pages(s))
            }
        };
        let refs = &refs[..refs.len().min(limit)];
        let alternate = match section {
            None => Job::Home,
            Some(s) => Job::SectionList(s, 1),
        };
        let entries: Vec<Entry> = refs
            .iter()
            .map(|r| {
                self.read_body(*r);
                let page = site.page(*r);
                let date = rfc3339(page.date);
                Entry {
                    title: &page.title,
                    permalink: site.permalink(&page.path),
                    published: date.clone(),
                    updated: date,
                    summary: self.summary(*r),
                    content: &self.bodies.get(*r).html,
                    author: &site.config.title,
                }
            })
            .collect();
        let updated = refs
            .first()
            .map_or_else(|| rfc3339(None), |r| rfc3339(site.page(*r).date));
        let feed_path = Job::Feed(section).path(site);
        let mut context = Context::new();
        context.insert(
            "feed",
            &Feed {
                title,
                subtitle,
                permalink: site.permalink(&feed_path),
                alternate: site.permalink(&alternate.path(site)),
                updated,
                id: site.permalink(&feed_path),
                entries,
            },
        );
        context
    }

    /// The sitemap's context: every indexable HTML page.
    pub fn sitemap_context(&self, jobs: &[Job]) -> Context {
        let site: &Site = self.site;
        // Every page and its date.
        self.read_site();
        let entries: Vec<SitemapEntry> = jobs
            .iter()
            .filter(|j| j.in_sitemap(site))
            .map(|j| SitemapEntry {
                permalink: site.permalink(&j.path(site)),
                lastmod: match j {
                    Job::Page(r) => site.page(*r).date.map(|d| d.iso()).unwrap_or_default(),
                    _ => String::new(),
                },
            })
            .collect();
        let mut context = Context::new();
        context.insert("entries", &entries);
        context
    }

    pub fn robots_context(&self) -> Context {
        let mut context = Context::new();
        context.insert("sitemap", &self.site.permalink("sitemap.xml"));
        context
    }
}
