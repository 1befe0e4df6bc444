//! Turns parsed content into the resolved `Site`: ids assigned, every reference
//! looked up, every problem reported with the line of the reference.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::index::Indexes;
use super::*;
use crate::content::front::{ArticleFront, CampaignFront, DecisionFront, ProfileFront, UnitFront};
use crate::content::{Content, Document, Front, Source, Unparsed};
use crate::diagnostics::{Diagnostic, SourceText, did_you_mean};
use crate::vietnamese::{Lang, nfc, slugify};

mod annex;
mod attachments;
mod awards_by_name;
mod doc;
mod kinds;
mod media;
mod names;
use doc::DocContext;

/// Build options that change what is published.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub drafts: bool,
    /// "Today", for active campaigns and future dates (tests pin it).
    pub today: Option<Date>,
}

/// URL segments the generator itself uses at the top of the site.
const RESERVED: &[&str] = &[
    "xa-phuong",
    "khu-vuc",
    "danh-hieu",
    "nam",
    "chu-de",
    "bao-cao",
    "tim-kiem",
    "page",
];

/// Resolves every reference of `content`. Returns the site, built around what could
/// not be resolved (a page naming a unit that does not exist is left out of it, its
/// text kept in [`Site::detached`] for the later stages' checks), and every
/// diagnostic, warnings too.
pub fn resolve(
    root: &Path,
    config: Config,
    content: Content,
    options: Options,
) -> (Site, Vec<Diagnostic>) {
    let mut r = Resolver {
        root: root.to_path_buf(),
        lang: config.language,
        video_max_bytes: config.video.max_mb.saturating_mul(1_000_000),
        problems: Vec::new(),
        communes: Vec::new(),
        commune_ids: HashMap::new(),
        tags: Vec::new(),
        tag_ids: HashMap::new(),
    };
    let awards = crate::domain::awards::catalogue(&config.awards);
    let sections = r.sections(&config, &content);
    let documents = content
        .documents
        .into_iter()
        .filter(|d| options.drafts || !is_draft(&d.front))
        .collect();
    let documents = r.unique(documents);
    let maps = Maps::new(&documents, &content.unparsed, &awards);
    let decision_years: Vec<i32> = documents
        .iter()
        .filter_map(|d| match &d.front {
            Front::Decision(f) => Some(f.date.year),
            _ => None,
        })
        .collect();
    let annex_tools = annex_tools(&documents, &awards, &config);
    let mut site = empty_site(config, options, sections, awards, &documents, &maps);
    if let Some((source, front)) = content.home {
        site.home = Home {
            title: if front.title.is_empty() {
                site.config.title.clone()
            } else {
                front.title
            },
            description: front.description,
            source: Some(source),
        };
    }
    for doc in documents {
        let resolved = {
            let sources = SourceText::new(&doc.source.text);
            let mut ctx = DocContext {
                r: &mut r,
                maps: &maps,
                src: &sources,
                rel: &doc.source.rel,
                front_start: doc.source.front_start,
                sections: &site.sections,
                awards: &site.awards,
            };
            match &doc.front {
                Front::Profile(f) => ctx.profile(f, &doc, &decision_years).map(Resolved::Profile),
                Front::Unit(f) => Some(Resolved::Unit(ctx.unit(f, &doc))),
                Front::Campaign(f) => Some(Resolved::Campaign(ctx.campaign(f, &doc))),
                Front::Decision(f) => Some(Resolved::Decision(ctx.decision(
                    f,
                    &doc,
                    annex_tools.as_ref(),
                ))),
                Front::Model(f) => ctx.article(f, &doc).map(Resolved::Model),
                Front::News(f) => ctx.article(f, &doc).map(Resolved::News),
            }
        };
        // The file's text moves into the model: no copy of 10,000 bodies.
        place(&mut site, resolved, doc.source);
    }
    site.detached
        .extend(content.unparsed.into_iter().map(|u| u.source));
    drop(annex_tools);
    annex::link_profiles(&mut site);
    site.communes = r.communes;
    site.tags = r.tags;
    let problems = index_and_check(&mut site, r.problems, content.unreadable);
    (site, problems)
}

impl Resolver {
    /// The documents whose id and URL no other has, in order; each that clashes
    /// (or takes a reserved name) is reported and left out.
    fn unique(&mut self, documents: Vec<Document>) -> Vec<Document> {
        let lang = self.lang;
        let mut ids: HashMap<(SectionKindKey, &str), &Document> = HashMap::new();
        let mut paths: HashMap<(usize, &str), &Document> = HashMap::new();
        let mut duplicate = vec![false; documents.len()];
        for (i, doc) in documents.iter().enumerate() {
            if doc.id == "page" {
                self.problems.push(
                    Diagnostic::error(
                        "reserved-id",
                        &doc.source.rel,
                        format!(
                            "{} `page`",
                            lang.pick(
                                "tên trang trùng với tên dành cho phân trang:",
                                "the page name is reserved for pagination:"
                            )
                        ),
                    )
                    .with_help(lang.pick("đổi tên tệp", "rename the file")),
                );
                duplicate[i] = true;
                continue;
            }
            if let Some(first) = paths
                .insert((doc.section, &doc.id), doc)
                .or_else(|| ids.insert((kind_key(&doc.front), &doc.id), doc))
            {
                self.problems.push(
                    Diagnostic::error(
                        "duplicate-id",
                        &doc.source.rel,
                        format!(
                            "{} `{}` {} {}",
                            lang.pick("tên trang", "the page id"),
                            doc.id,
                            lang.pick("đã được dùng bởi", "is already used by"),
                            first.source.rel.display()
                        ),
                    )
                    .with_help(lang.pick(
                        "đổi tên tệp (hoặc thư mục) cho khác, ví dụ thêm mã đơn vị: nguyen-thi-hoa-thcs-bach-long-vi",
                        "rename the file (or folder), e.g. add the unit id: nguyen-thi-hoa-thcs-bach-long-vi",
                    )),
                );
                duplicate[i] = true;
            }
        }
        documents
            .into_iter()
            .zip(duplicate)
            .filter(|(_, dup)| !dup)
            .map(|(d, _)| d)
            .collect()
    }
}

impl Maps {
    /// The ids of each kind of page, as positions in the order of `documents`.
    fn new(documents: &[Document], unparsed: &[Unparsed], awards: &[Award]) -> Maps {
        let lookup = |kind: fn(&Front) -> bool, section: SectionKind| -> Known {
            Known {
                ids: documents
                    .iter()
                    .filter(|d| kind(&d.front))
                    .enumerate()
                    .map(|(i, d)| (d.id.clone(), i))
                    .collect(),
                broken: unparsed
                    .iter()
                    .filter(|u| u.kind == section)
                    .map(|u| u.id.clone())
                    .collect(),
            }
        };
        Maps {
            units: lookup(|f| matches!(f, Front::Unit(_)), SectionKind::Units),
            campaigns: lookup(|f| matches!(f, Front::Campaign(_)), SectionKind::Campaigns),
            decisions: lookup(|f| matches!(f, Front::Decision(_)), SectionKind::Decisions),
            awards: Known {
                ids: awards
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id.clone(), i))
                    .collect(),
                broken: Default::default(),
            },
        }
    }
}

/// Annexes find units and awards by name: indexed once, when a decision has one.
fn annex_tools(documents: &[Document], awards: &[Award], config: &Config) -> Option<annex::Tools> {
    let any = documents
        .iter()
        .any(|d| matches!(&d.front, Front::Decision(f) if f.recipients_file.is_some()));
    any.then(|| {
        let units = documents.iter().filter_map(|d| match &d.front {
            Front::Unit(f) => Some((d.id.as_str(), f.name.as_str())),
            _ => None,
        });
        annex::Tools::new(units, awards, &config.privacy.allow)
    })
}

/// The site before its pages: with room for every page of each kind at once (a
/// model is large, and growing the lists would copy them over and over).
fn empty_site(
    config: Config,
    options: Options,
    sections: Vec<Section>,
    awards: Vec<Award>,
    documents: &[Document],
    maps: &Maps,
) -> Site {
    let count = |kind: fn(&Front) -> bool| documents.iter().filter(|d| kind(&d.front)).count();
    Site {
        base: config.base(),
        today: options.today.unwrap_or_else(Date::today),
        home: Home::default(),
        sections,
        awards,
        profiles: Vec::with_capacity(count(|f| matches!(f, Front::Profile(_)))),
        units: Vec::with_capacity(maps.units.len()),
        campaigns: Vec::with_capacity(maps.campaigns.len()),
        decisions: Vec::with_capacity(maps.decisions.len()),
        models: Vec::with_capacity(count(|f| matches!(f, Front::Model(_)))),
        news: Vec::with_capacity(count(|f| matches!(f, Front::News(_)))),
        communes: Vec::new(),
        tags: Vec::new(),
        index: Indexes::default(),
        detached: Vec::new(),
        config,
    }
}

/// Puts a resolved page in its list with its source text, or keeps the text of
/// a page left out for the later stages' checks.
fn place(site: &mut Site, resolved: Option<Resolved>, source: Source) {
    match resolved {
        Some(Resolved::Profile(mut p)) => {
            p.page.source = source;
            site.profiles.push(p);
        }
        Some(Resolved::Unit(mut u)) => {
            u.page.source = source;
            site.units.push(u);
        }
        Some(Resolved::Campaign(mut c)) => {
            c.page.source = source;
            site.campaigns.push(c);
        }
        Some(Resolved::Decision(mut d)) => {
            d.page.source = source;
            site.decisions.push(d);
        }
        Some(Resolved::Model(mut a)) => {
            a.page.source = source;
            site.models.push(a);
        }
        Some(Resolved::News(mut a)) => {
            a.page.source = source;
            site.news.push(a);
        }
        None => site.detached.push(source),
    }
}

/// The site's checks and indexes; returns every problem. Links to a page left out
/// because of its errors are not reported again.
fn index_and_check(
    site: &mut Site,
    mut problems: Vec<Diagnostic>,
    unreadable: impl IntoIterator<Item = String>,
) -> Vec<Diagnostic> {
    // The checks and the indexes side by side: both only read the site, and most of
    // the index (the name ranks aside) is one pass on one thread.
    let (checked, index) = rayon::join(|| super::checks::check(site), || Indexes::build(site));
    problems.extend(checked);
    site.index = index;
    site.index.unreadable_sources = unreadable.into_iter().collect();
    for source in &site.detached {
        let names = super::index::link_names(&source.rel);
        site.index.unreadable_sources.extend(names);
    }
    problems
}

/// One resolved page, before its source text moves in.
enum Resolved {
    Profile(Profile),
    Unit(Unit),
    Campaign(Campaign),
    Decision(Decision),
    Model(Article),
    News(Article),
}

fn is_draft(front: &Front) -> bool {
    match front {
        Front::Profile(f) => f.draft,
        Front::Unit(f) => f.draft,
        Front::Campaign(f) => f.draft,
        Front::Decision(f) => f.draft,
        Front::Model(f) | Front::News(f) => f.draft,
    }
}

type SectionKindKey = u8;

fn kind_key(front: &Front) -> SectionKindKey {
    match front {
        Front::Profile(_) => 0,
        Front::Unit(_) => 1,
        Front::Campaign(_) => 2,
        Front::Decision(_) => 3,
        Front::Model(_) => 4,
        Front::News(_) => 5,
    }
}

/// Id → position maps for references. Positions are within each kind's vector,
/// which is built in the same order as the documents.
struct Maps {
    units: Known,
    campaigns: Known,
    decisions: Known,
    awards: Known,
}

/// The ids of one kind of page: those resolved, by position, and those whose front
/// matter failed (`broken`), which are not reported again where they are named.
#[derive(Default)]
struct Known {
    ids: HashMap<String, usize>,
    broken: std::collections::HashSet<String>,
}

impl Known {
    fn len(&self) -> usize {
        self.ids.len()
    }
}

pub(super) struct Resolver {
    root: std::path::PathBuf,
    lang: Lang,
    /// `[video] max_mb`, in bytes.
    video_max_bytes: u64,
    problems: Vec<Diagnostic>,
    communes: Vec<Commune>,
    commune_ids: HashMap<String, usize>,
    tags: Vec<Tag>,
    tag_ids: HashMap<String, usize>,
}
