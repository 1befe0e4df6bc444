//! Turns parsed content into the resolved `Site`: ids assigned, every reference
//! looked up, every problem reported with the line of the reference.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::index::Indexes;
use super::*;
use crate::content::front::{ArticleFront, CampaignFront, DecisionFront, ProfileFront, UnitFront};
use crate::content::{Content, Document, Front, Source};
use crate::diagnostics::{Diagnostic, SourceText, did_you_mean};
use crate::vietnamese::{Lang, nfc, slugify};

mod annex;
mod attachments;
mod awards_by_name;
mod doc;
mod kinds;
mod media;
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
    let lang = config.language;
    let mut r = Resolver {
        root: root.to_path_buf(),
        lang,
        video_max_bytes: config.video.max_mb.saturating_mul(1_000_000),
        problems: Vec::new(),
        communes: Vec::new(),
        commune_ids: HashMap::new(),
        tags: Vec::new(),
        tag_ids: HashMap::new(),
    };
    let awards = crate::domain::awards::catalogue(&config.awards);
    let sections = r.sections(&config, &content);

    let unreadable = content.unreadable;
    let unparsed = content.unparsed;
    let documents: Vec<Document> = content
        .documents
        .into_iter()
        .filter(|d| options.drafts || !is_draft(&d.front))
        .collect();

    // Ids, per kind of page, and duplicate URLs.
    let mut ids: HashMap<(SectionKindKey, &str), &Document> = HashMap::new();
    let mut paths: HashMap<(usize, &str), &Document> = HashMap::new();
    let mut duplicate = vec![false; documents.len()];
    for (i, doc) in documents.iter().enumerate() {
        if RESERVED.contains(&doc.id.as_str()) && doc.id == "page" {
            r.problems.push(
                Diagnostic::error(
                    "reserved-id",
                    &doc.source.rel,
                    format!(
                        "{} `page`",
                        r.lang.pick(
                            "tên trang trùng với tên dành cho phân trang:",
                            "the page name is reserved for pagination:"
                        )
                    ),
                )
                .with_help(r.lang.pick("đổi tên tệp", "rename the file")),
            );
            duplicate[i] = true;
            continue;
        }
        if let Some(first) = paths
            .insert((doc.section, &doc.id), doc)
            .or_else(|| ids.insert((kind_key(&doc.front), &doc.id), doc))
        {
            r.problems.push(
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
    let documents: Vec<Document> = documents
        .into_iter()
        .zip(duplicate)
        .filter(|(_, dup)| !dup)
        .map(|(d, _)| d)
        .collect();

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
    let maps = Maps {
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
    };
    let decision_years: Vec<i32> = documents
        .iter()
        .filter_map(|d| match &d.front {
            Front::Decision(f) => Some(f.date.year),
            _ => None,
        })
        .collect();

    // Annexes find units and awards by name: indexed once, when a decision has one.
    let annex_tools = documents
        .iter()
        .any(|d| matches!(&d.front, Front::Decision(f) if f.recipients_file.is_some()))
        .then(|| {
            let units = documents.iter().filter_map(|d| match &d.front {
                Front::Unit(f) => Some((d.id.as_str(), f.name.as_str())),
                _ => None,
            });
            annex::Tools::new(units, &awards, &config.privacy.allow)
        });

    // Room for every page of each kind at once: a model is large, and growing the
    // lists would copy them over and over.
    let count = |kind: fn(&Front) -> bool| documents.iter().filter(|d| kind(&d.front)).count();
    let mut site = Site {
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
    };
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
        let source = doc.source;
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
    site.detached.extend(unparsed.into_iter().map(|u| u.source));
    drop(annex_tools);
    annex::link_profiles(&mut site);
    site.communes = r.communes;
    site.tags = r.tags;
    let mut problems = r.problems;
    // The checks and the indexes side by side: both only read the site, and most of
    // the index (the name ranks aside) is one pass on one thread.
    let (checked, index) = rayon::join(|| super::checks::check(&site), || Indexes::build(&site));
    problems.extend(checked);
    site.index = index;
    // Links to a page left out because of its errors are not reported again.
    site.index.unreadable_sources = unreadable.into_iter().collect();
    for source in &site.detached {
        let names = super::index::link_names(&source.rel);
        site.index.unreadable_sources.extend(names);
    }
    (site, problems)
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

struct Resolver {
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

impl Resolver {
    fn sections(&mut self, config: &Config, content: &Content) -> Vec<Section> {
        let lang = self.lang;
        let mut sections: Vec<Section> = Vec::new();
        for doc in &content.sections {
            if RESERVED.contains(&doc.dir.as_str()) || slugify(&doc.dir) != doc.dir {
                self.problems.push(
                    Diagnostic::error(
                        "bad-section-name",
                        &doc.source.rel,
                        format!(
                            "{} `{}`",
                            lang.pick(
                                "tên thư mục chuyên mục không dùng được:",
                                "the section folder name cannot be used:"
                            ),
                            doc.dir
                        ),
                    )
                    .with_help(format!(
                        "{} {}",
                        lang.pick(
                            "dùng chữ thường không dấu và dấu gạch ngang, khác với",
                            "use lower-case ASCII letters and dashes, other than"
                        ),
                        RESERVED.join(", ")
                    )),
                );
            }
            let f = &doc.front;
            sections.push(Section {
                dir: doc.dir.clone(),
                kind: f.kind,
                title: f.title.clone(),
                description: f.description.clone(),
                weight: f.weight.unwrap_or(f.kind as i64 * 10),
                paginate: f.paginate.filter(|&n| n > 0).unwrap_or(config.paginate),
                source: doc.source.clone(),
            });
        }
        sections
    }

    fn commune(
        &mut self,
        name: &str,
        src: &SourceText,
        span: Range<usize>,
        rel: &Path,
    ) -> Idx<Commune> {
        let lang = self.lang;
        let name = name.trim();
        let slug = slugify(name);
        let lower = name.to_lowercase();
        if ["quận ", "huyện ", "thị trấn "]
            .iter()
            .any(|w| lower.starts_with(w))
        {
            self.problems.push(
                Diagnostic::warning(
                    "old-commune",
                    rel,
                    lang.pick(
                        "từ 1/7/2025 không còn cấp quận, huyện, thị trấn",
                        "districts and towns (quận, huyện, thị trấn) no longer exist since 1 July 2025",
                    ),
                )
                .with_help(lang.pick("ghi tên xã, phường hoặc đặc khu mới, ví dụ \"phường Lê Chân\"", "write the new commune, ward or special zone, e.g. \"phường Lê Chân\""))
                .at(src, span.clone()),
            );
        } else if !["xã ", "phường ", "đặc khu "]
            .iter()
            .any(|w| lower.starts_with(w))
        {
            self.problems.push(
                Diagnostic::warning(
                    "commune-type",
                    rel,
                    lang.pick(
                        "tên xã/phường nên bắt đầu bằng \"xã\", \"phường\" hoặc \"đặc khu\"",
                        "a commune name should start with \"xã\", \"phường\" or \"đặc khu\"",
                    ),
                )
                .with_help(lang.pick(
                    "ví dụ \"đặc khu Bạch Long Vĩ\"",
                    "e.g. \"đặc khu Bạch Long Vĩ\"",
                ))
                .at(src, span.clone()),
            );
        }
        if let Some(&i) = self.commune_ids.get(&slug) {
            if self.communes[i].name != name {
                self.problems.push(
                    Diagnostic::warning(
                        "commune-spelling",
                        rel,
                        format!(
                            "{} \"{}\"",
                            lang.pick(
                                "tên xã/phường được viết khác ở đơn vị khác:",
                                "this commune is spelled differently elsewhere:"
                            ),
                            self.communes[i].name
                        ),
                    )
                    .with_help(lang.pick("thống nhất một cách viết", "use one spelling everywhere"))
                    .at(src, span),
                );
            }
            return Idx::new(i);
        }
        self.communes.push(Commune {
            name: name.to_string(),
            slug: slug.clone(),
        });
        self.commune_ids.insert(slug, self.communes.len() - 1);
        Idx::new(self.communes.len() - 1)
    }

    fn tags(&mut self, tags: &[String]) -> Vec<Idx<Tag>> {
        let mut out: Vec<Idx<Tag>> = Vec::new();
        for name in tags {
            let name = name.trim();
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let i = *self.tag_ids.entry(slug.clone()).or_insert_with(|| {
                self.tags.push(Tag {
                    name: name.to_string(),
                    slug,
                });
                self.tags.len() - 1
            });
            if !out.contains(&Idx::new(i)) {
                out.push(Idx::new(i));
            }
        }
        out
    }
}
