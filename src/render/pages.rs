//! Every output page: the list of jobs, and the template context of each.

mod home;
mod honours;
mod lists;
mod paginator;
mod places;
mod report;
mod search;
mod single;

use serde::Serialize;
use tera::Context;

use super::context::Shapes;
use crate::content::front::{Area, SectionKind};
use crate::domain::labels::area_id;
use crate::model::{PageRef, Site};

/// One file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    /// A section's list page (1-based page number).
    SectionList(usize, usize),
    Page(PageRef),
    Communes,
    Commune(usize),
    Areas,
    Area(Area),
    Awards,
    Award(usize),
    Years,
    Year(i32),
    Tags,
    /// A tag's list page (1-based page number).
    Tag(usize, usize),
    NotFound,
    /// The site feed (`None`) or a section's.
    Feed(Option<usize>),
    Sitemap,
    Robots,
    /// `/tim-kiem/` and the search index (a manifest and its shards).
    Search,
    SearchIndex,
    /// `/bao-cao/`, the report of a year, and its CSV and JSON files.
    Reports,
    Report(i32),
    ReportCsv(i32),
    ReportJson(i32),
}

/// The order `jobs` are rendered in: the longest first, so that no thread is left
/// alone with one at the end.
pub fn longest_first(jobs: &[Job]) -> Vec<&Job> {
    let mut order: Vec<&Job> = jobs.iter().collect();
    order.sort_by_key(|job| std::cmp::Reverse(job.weight()));
    order
}

/// The folders the pages of `jobs` go into, each once, parents before children, in
/// the order the pages are rendered (made ahead of them by
/// [`crate::output::Staging::make_folders`]).
pub fn folders(site: &Site, jobs: &[Job]) -> Vec<String> {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut folders = Vec::new();
    for job in longest_first(jobs) {
        let path = job.path(site);
        for (i, _) in path.match_indices('/') {
            let folder = &path[..i];
            if !seen.contains(folder) {
                seen.insert(folder.to_string());
                folders.push(folder.to_string());
            }
        }
    }
    folders
}

/// Every page of the site, in a stable order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let ix = &site.index;
    let mut jobs = vec![Job::Home];
    for (s, section) in site.sections.iter().enumerate() {
        let pages = ix.section_pages[s].len().div_ceil(section.paginate).max(1);
        jobs.extend((1..=pages).map(|n| Job::SectionList(s, n)));
    }
    jobs.extend(site.all_pages().map(Job::Page));
    jobs.push(Job::Communes);
    jobs.extend((0..site.communes.len()).map(Job::Commune));
    jobs.push(Job::Areas);
    jobs.extend(ix.area_units.keys().map(|a| Job::Area(*a)));
    jobs.push(Job::Awards);
    jobs.extend(
        (0..site.awards.len())
            .filter(|a| !ix.award_roll[*a].is_empty())
            .map(Job::Award),
    );
    jobs.push(Job::Years);
    jobs.extend(ix.year_roll.keys().rev().map(|y| Job::Year(*y)));
    jobs.push(Job::Tags);
    for (t, pages) in ix.tag_pages.iter().enumerate() {
        let count = pages.len().div_ceil(site.config.paginate).max(1);
        jobs.extend((1..=count).map(|n| Job::Tag(t, n)));
    }
    jobs.push(Job::NotFound);
    jobs.push(Job::Feed(None));
    jobs.extend(
        site.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind != SectionKind::Units)
            .map(|(i, _)| Job::Feed(Some(i))),
    );
    jobs.push(Job::Sitemap);
    jobs.push(Job::Robots);
    jobs.push(Job::Search);
    jobs.push(Job::SearchIndex);
    jobs.push(Job::Reports);
    for y in crate::report::years(site).into_iter().rev() {
        jobs.extend([Job::Report(y), Job::ReportCsv(y), Job::ReportJson(y)]);
    }
    jobs
}

impl Job {
    /// The URL path below the base URL (`guong-dien-hinh/page/2/`, `atom.xml`).
    pub fn path(&self, site: &Site) -> String {
        match *self {
            Job::Home => String::new(),
            Job::SectionList(s, 1) => format!("{}/", site.sections[s].dir),
            Job::SectionList(s, n) => format!("{}/page/{n}/", site.sections[s].dir),
            Job::Page(r) => site.page(r).path.clone(),
            Job::Communes => "xa-phuong/".into(),
            Job::Commune(c) => format!("xa-phuong/{}/", site.communes[c].slug),
            Job::Areas => "khu-vuc/".into(),
            Job::Area(a) => format!("khu-vuc/{}/", area_id(a)),
            Job::Awards => "danh-hieu/".into(),
            Job::Award(a) => format!("danh-hieu/{}/", site.awards[a].id),
            Job::Years => "nam/".into(),
            Job::Year(y) => format!("nam/{y}/"),
            Job::Search => "tim-kiem/".into(),
            Job::SearchIndex => crate::search::MANIFEST.into(),
            Job::Reports => "bao-cao/".into(),
            Job::Report(y) => format!("bao-cao/{y}/"),
            Job::ReportCsv(y) => format!("bao-cao/{y}/bao-cao-{y}.csv"),
            Job::ReportJson(y) => format!("bao-cao/{y}/bao-cao-{y}.json"),
            Job::Tags => "chu-de/".into(),
            Job::Tag(t, 1) => format!("chu-de/{}/", site.tags[t].slug),
            Job::Tag(t, n) => format!("chu-de/{}/page/{n}/", site.tags[t].slug),
            Job::NotFound => "404.html".into(),
            Job::Feed(None) => "atom.xml".into(),
            Job::Feed(Some(s)) => format!("{}/atom.xml", site.sections[s].dir),
            Job::Sitemap => "sitemap.xml".into(),
            Job::Robots => "robots.txt".into(),
        }
    }

    /// The file to write for a URL path: folders get `index.html`.
    pub fn file(path: &str) -> String {
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }

    /// A data file that no page shows and that takes the whole site to build (the
    /// search index): `serve` brings it up to date after the pages are served.
    pub fn is_deferrable(&self) -> bool {
        matches!(self, Job::SearchIndex)
    }

    /// A rough cost, to start the long jobs first: the search index, the honour
    /// rolls and the lists of whole places and campaigns take many times a page.
    pub fn weight(&self) -> u8 {
        match self {
            Job::SearchIndex => 3,
            Job::Award(_) | Job::Year(_) | Job::Reports => 2,
            Job::Area(_) | Job::Commune(_) | Job::Page(PageRef::Campaign(_)) | Job::Sitemap => 1,
            _ => 0,
        }
    }

    /// Whether the page belongs in the sitemap.
    pub fn in_sitemap(&self, site: &Site) -> bool {
        match self {
            Job::NotFound | Job::Feed(_) | Job::Sitemap | Job::Robots => false,
            Job::Search | Job::SearchIndex | Job::ReportCsv(_) | Job::ReportJson(_) => false,
            Job::Page(r) => !site.page(*r).noindex,
            _ => true,
        }
    }

    /// The template that renders this job.
    pub fn template(&self, site: &Site) -> &'static str {
        match self {
            Job::Home => "index.html",
            Job::SectionList(..) => "section.html",
            Job::Page(PageRef::Profile(_)) => "profile.html",
            Job::Page(PageRef::Unit(_)) => "unit.html",
            Job::Page(PageRef::Campaign(_)) => "campaign.html",
            Job::Page(PageRef::Decision(_)) => "decision.html",
            Job::Page(PageRef::Model(_)) => "model.html",
            Job::Page(PageRef::News(_)) => "news.html",
            Job::Communes => "communes.html",
            Job::Commune(_) => "commune.html",
            Job::Areas => "areas.html",
            Job::Area(_) => "area.html",
            Job::Awards => "awards.html",
            Job::Award(_) => "award.html",
            Job::Years => "years.html",
            Job::Year(_) => "year.html",
            Job::Tags => "tags.html",
            Job::Tag(..) => "tag.html",
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::Reports => "reports.html",
            Job::Report(_) => "report.html",
            // Data files, written without a template (render/data.rs).
            Job::SearchIndex | Job::ReportCsv(_) | Job::ReportJson(_) => "",
            Job::Feed(_) => "atom.xml",
            Job::Sitemap => "sitemap.xml",
            Job::Robots => {
                let _ = site;
                "robots.txt"
            }
        }
    }
}

/// `meta` of every HTML page.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Meta {
    pub title: String,
    pub description: String,
    pub og_type: &'static str,
    pub image: String,
    pub image_alt: String,
    pub noindex: bool,
    pub feed_url: String,
    /// JSON-LD, ready for a `<script type="application/ld+json">`, or "".
    pub jsonld: String,
}

/// What a job puts in the context besides the shared variables.
pub struct PageContext {
    pub context: Context,
    /// The names inserted in `context`.
    pub keys: Vec<&'static str>,
    pub title: String,
    pub description: String,
    pub og_type: &'static str,
    pub noindex: bool,
    pub feed_url: String,
    /// Absolute URL of the image shown when the page is shared, and its alt text.
    pub image: String,
    pub image_alt: String,
    pub breadcrumbs: Vec<(String, String)>,
    /// The section the page belongs to, for the active menu item.
    pub section: Option<usize>,
    /// schema.org data for the page, if any.
    pub structured: Option<serde_json::Value>,
}

impl PageContext {
    fn new(title: impl Into<String>) -> PageContext {
        PageContext {
            context: Context::new(),
            keys: Vec::new(),
            title: title.into(),
            description: String::new(),
            og_type: "website",
            noindex: false,
            feed_url: String::new(),
            image: String::new(),
            image_alt: String::new(),
            breadcrumbs: Vec::new(),
            section: None,
            structured: None,
        }
    }
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.context.insert(key, value);
        self.keys.push(key);
    }
}

impl<'a> Shapes<'a> {
    /// Builds the context of an HTML job (feeds, sitemap and robots are in `feeds`).
    pub fn html_context(&self, job: Job, strings: &super::Strings) -> PageContext {
        let site = self.site;
        let home = (site.home.title.clone(), self.url(""));
        let t = |k: &str| strings.get(k);
        match job {
            Job::Home => self.home_page(),
            Job::SectionList(s, n) => self.section_list_page(s, n, home, strings),
            Job::Page(r) => self.single(r, home),
            Job::Communes => self.communes_page(home, strings),
            Job::Commune(c) => self.commune_page(c, home, strings),
            Job::Areas => self.areas_page(home, strings),
            Job::Area(a) => self.area_page(a, home, strings),
            Job::Awards => self.awards_page(home, strings),
            Job::Award(a) => self.award_page(a, home, strings),
            Job::Years => self.years_page(home, strings),
            Job::Year(y) => self.year_page(y, home, strings),
            Job::Tags => self.tags_page(home, strings),
            Job::Tag(i, n) => self.tag_page(i, n, home, strings),
            Job::NotFound => {
                let mut pc = PageContext::new(t("not_found_title"));
                pc.noindex = true;
                pc
            }
            Job::Search => self.search_page(strings),
            Job::Reports => self.reports_page(strings),
            Job::Report(y) => self.report_page(y, strings),
            Job::Feed(_) | Job::Sitemap | Job::Robots => PageContext::new(""),
            Job::SearchIndex | Job::ReportCsv(_) | Job::ReportJson(_) => PageContext::new(""),
        }
    }
}
