//! Every output page: the list of jobs, and the template context of each.

mod paginator;
mod report;
mod search;
mod single;

use serde::Serialize;
use tera::Context;

use super::RollColumns;
use super::context::{AreaLink, Link, Shapes};
use super::labels::{AREAS, area_description, area_id, area_name};
use crate::content::front::{Area, SectionKind};
use crate::model::{PageRef, Site};

/// One file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Past this many exemplars, a place or campaign lists them as a table (`people`).
const LONG_LIST: usize = 24;

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

#[derive(Serialize)]
struct Counted<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

impl<'a> Shapes<'a> {
    /// Builds the context of an HTML job (feeds, sitemap and robots are in `feeds`).
    pub fn html_context(&self, job: Job, strings: &super::Strings) -> PageContext {
        let site = self.site;
        let ix = &site.index;
        let home = (site.home.title.clone(), self.url(""));
        let t = |k: &str| strings.get(k);
        match job {
            Job::Home => {
                let mut pc = PageContext::new(site.config.title.clone());
                pc.description = if site.home.description.is_empty() {
                    site.config.description.clone()
                } else {
                    site.home.description.clone()
                };
                let newest_of = |kind: fn(&PageRef) -> bool, n: usize| {
                    ix.newest
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
                pc.structured = Some(super::structured::website(site));
                #[derive(Serialize)]
                struct AreaCount {
                    #[serde(flatten)]
                    area: AreaLink,
                    count: usize,
                }
                let areas: Vec<AreaCount> = AREAS
                    .iter()
                    .filter_map(|a| {
                        ix.area_profiles.get(a).map(|p| AreaCount {
                            area: self.area(*a),
                            count: p.len(),
                        })
                    })
                    .collect();
                pc.insert("areas", &areas);
                pc
            }
            Job::SectionList(s, n) => {
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
            Job::Page(r) => self.single(r, home),
            Job::Communes => {
                let mut pc = PageContext::new(t("communes_title"));
                pc.breadcrumbs = vec![home];
                #[derive(Serialize)]
                struct CommuneCount<'a> {
                    name: &'a str,
                    url: String,
                    units: usize,
                    profiles: usize,
                }
                let mut communes: Vec<CommuneCount> = site
                    .communes
                    .iter()
                    .enumerate()
                    .map(|(i, c)| CommuneCount {
                        name: &c.name,
                        url: self.url(&format!("xa-phuong/{}/", c.slug)),
                        units: ix.commune_units[i].len(),
                        profiles: ix.commune_units[i]
                            .iter()
                            .map(|u| ix.unit_profiles[*u].len())
                            .sum(),
                    })
                    .collect();
                communes.sort_by(|a, b| crate::vietnamese::compare(a.name, b.name));
                pc.insert("communes", &communes);
                pc
            }
            Job::Commune(c) => {
                let commune = &site.communes[c];
                let mut pc = PageContext::new(commune.name.clone());
                pc.breadcrumbs = vec![home, (t("communes_title"), self.url("xa-phuong/"))];
                pc.insert(
                    "commune",
                    &Link {
                        name: &commune.name,
                        url: self.url(&format!("xa-phuong/{}/", commune.slug)),
                    },
                );
                let units = &ix.commune_units[c];
                pc.insert(
                    "units",
                    &self.card_list(units.iter().map(|u| PageRef::Unit(*u))),
                );
                let mut profiles: Vec<usize> = units
                    .iter()
                    .flat_map(|u| ix.unit_profiles[*u].iter().copied())
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
            Job::Areas => {
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
                    .filter(|a| ix.area_units.contains_key(a))
                    .map(|a| AreaSummary {
                        area: self.area(*a),
                        description: area_description(*a, self.lang),
                        units: ix.area_units.get(a).map_or(0, Vec::len),
                        profiles: ix.area_profiles.get(a).map_or(0, Vec::len),
                    })
                    .collect();
                pc.insert("areas", &areas);
                pc
            }
            Job::Area(a) => {
                let mut pc = PageContext::new(area_name(a, self.lang));
                pc.description = area_description(a, self.lang).to_string();
                pc.breadcrumbs = vec![home, (t("areas_title"), self.url("khu-vuc/"))];
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
                    &self.card_list(
                        ix.area_units
                            .get(&a)
                            .into_iter()
                            .flatten()
                            .map(|u| PageRef::Unit(*u)),
                    ),
                );
                let profiles = ix.area_profiles.get(&a).map_or(&[][..], Vec::as_slice);
                self.insert_people(&mut pc, profiles);
                pc
            }
            Job::Awards => {
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
                        .filter(|(i, a)| a.kind == kind && !ix.award_roll[*i].is_empty())
                        .map(|(i, a)| AwardCount {
                            id: &a.id,
                            name: &a.name,
                            url: self.url(&format!("danh-hieu/{}/", a.id)),
                            level_label: a.level.label(self.lang),
                            count: ix.award_roll[i].len(),
                        })
                        .collect(),
                })
                .filter(|g| !g.awards.is_empty())
                .collect();
                pc.insert("groups", &groups);
                pc
            }
            Job::Award(a) => {
                let award = &site.awards[a];
                let mut pc = PageContext::new(award.name.clone());
                pc.breadcrumbs = vec![home, (t("awards_title"), self.url("danh-hieu/"))];
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
                let roll = &ix.award_roll[a];
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
                        url: self.url(&format!("nam/{y}/")),
                        rows: self.roll_rows(roll.iter().filter(|i| i.year == y), columns),
                    })
                    .collect();
                pc.insert("years", &groups);
                pc.insert("columns", &columns.value());
                pc.insert("total", &roll.len());
                pc
            }
            Job::Years => {
                let mut pc = PageContext::new(t("years_title"));
                pc.breadcrumbs = vec![home];
                #[derive(Serialize)]
                struct YearCount {
                    year: i32,
                    url: String,
                    count: usize,
                }
                let years: Vec<YearCount> = ix
                    .year_roll
                    .iter()
                    .rev()
                    .map(|(y, l)| YearCount {
                        year: *y,
                        url: self.url(&format!("nam/{y}/")),
                        count: l.len(),
                    })
                    .collect();
                pc.insert("years", &years);
                pc
            }
            Job::Year(y) => {
                let mut pc = PageContext::new(t("year_title").replace("{year}", &y.to_string()));
                pc.breadcrumbs = vec![home, (t("years_title"), self.url("nam/"))];
                let roll = &ix.year_roll[&y];
                #[derive(Serialize)]
                struct AwardGroup<'a> {
                    award: super::context::AwardLink<'a>,
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
                    url: self.url(&format!("nam/{y}/")),
                };
                pc.insert("year", &y);
                pc.insert("groups", &groups);
                pc.insert("total", &roll.len());
                pc.insert(
                    "prev_year",
                    &ix.year_roll.range(..y).next_back().map(|(y, _)| link(y)),
                );
                pc.insert(
                    "next_year",
                    &ix.year_roll.range(y + 1..).next().map(|(y, _)| link(y)),
                );
                pc
            }
            Job::Tags => {
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
            Job::Tag(i, n) => {
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

    /// The exemplars of a place or campaign, `profile_count` of them: up to
    /// [`LONG_LIST`] as `profiles` [rendered card], more as `people` [rendered line]
    /// for a table (the other list is empty).
    pub(super) fn insert_people(&self, pc: &mut PageContext, profiles: &[usize]) {
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
