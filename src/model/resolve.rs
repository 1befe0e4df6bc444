//! Turns parsed content into the resolved `Site`: ids assigned, every reference
//! looked up, every problem reported with the line of the reference.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path};

use toml::Spanned;

use super::index::Indexes;
use super::*;
use crate::content::front::{ArticleFront, CampaignFront, DecisionFront, ProfileFront, UnitFront};
use crate::content::{Content, Document, Front, Source};
use crate::diagnostics::{Diagnostic, SourceText, did_you_mean};
use crate::vietnamese::{Lang, nfc, slugify};

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

/// Resolves every reference of `content`. Returns the site when there is no error,
/// and every diagnostic (warnings too) either way.
pub fn resolve(
    root: &Path,
    config: Config,
    content: Content,
    options: Options,
) -> (Option<Site>, Vec<Diagnostic>) {
    let lang = config.language;
    let mut r = Resolver {
        root: root.to_path_buf(),
        lang,
        problems: Vec::new(),
        communes: Vec::new(),
        commune_ids: HashMap::new(),
        tags: Vec::new(),
        tag_ids: HashMap::new(),
    };
    let awards = award::catalogue(&config.awards);
    let sections = r.sections(&config, &content);

    let unreadable = content.unreadable;
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

    let lookup = |kind: fn(&Front) -> bool| -> HashMap<String, usize> {
        documents
            .iter()
            .filter(|d| kind(&d.front))
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect()
    };
    let maps = Maps {
        units: lookup(|f| matches!(f, Front::Unit(_))),
        campaigns: lookup(|f| matches!(f, Front::Campaign(_))),
        decisions: lookup(|f| matches!(f, Front::Decision(_))),
        awards: awards
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect(),
    };
    let decision_years: Vec<i32> = documents
        .iter()
        .filter_map(|d| match &d.front {
            Front::Decision(f) => Some(f.date.year),
            _ => None,
        })
        .collect();

    let mut site = Site {
        base: config.base(),
        today: options.today.unwrap_or_else(Date::today),
        home: Home::default(),
        sections,
        awards,
        profiles: Vec::new(),
        units: Vec::new(),
        campaigns: Vec::new(),
        decisions: Vec::new(),
        models: Vec::new(),
        news: Vec::new(),
        communes: Vec::new(),
        tags: Vec::new(),
        index: Indexes::default(),
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
                Front::Decision(f) => Some(Resolved::Decision(ctx.decision(f, &doc))),
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
            None => {}
        }
    }
    site.communes = r.communes;
    site.tags = r.tags;
    let mut problems = r.problems;
    problems.extend(super::checks::check(&site));
    if crate::diagnostics::has_errors(&problems) {
        return (None, problems);
    }
    site.index = Indexes::build(&site);
    site.index.unreadable_sources = unreadable.into_iter().collect();
    (Some(site), problems)
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
    units: HashMap<String, usize>,
    campaigns: HashMap<String, usize>,
    decisions: HashMap<String, usize>,
    awards: HashMap<String, usize>,
}

struct Resolver {
    root: std::path::PathBuf,
    lang: Lang,
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

/// The fields every page has, as its front matter gives them.
struct PageFields<'f> {
    title: &'f str,
    date: Option<Date>,
    summary: &'f str,
    tags: &'f [String],
    photo: Option<(&'f Spanned<String>, Option<&'f String>)>,
    noindex: bool,
    draft: bool,
}

/// Resolution of one document.
struct DocContext<'a> {
    r: &'a mut Resolver,
    maps: &'a Maps,
    src: &'a SourceText<'a>,
    rel: &'a Path,
    front_start: usize,
    sections: &'a [Section],
    awards: &'a [Award],
}

impl DocContext<'_> {
    fn lang(&self) -> Lang {
        self.r.lang
    }

    /// A span of the front matter as a span of the whole file.
    fn front(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_start..span.end + self.front_start
    }

    /// Looks up a reference; reports a dangling one at its span with a suggestion.
    fn reference(
        &mut self,
        map: &HashMap<String, usize>,
        value: &Spanned<String>,
        what: (&str, &str),
        hint: (&str, &str),
    ) -> Option<usize> {
        let id = value.get_ref().trim();
        if let Some(&i) = map.get(id) {
            return Some(i);
        }
        let lang = self.lang();
        let suggestion = did_you_mean(id, map.keys().map(String::as_str));
        let help = match suggestion {
            Some(s) => format!("{} `{s}`?", lang.pick("có phải ý bạn là", "did you mean")),
            None => lang.pick(hint.0, hint.1).to_string(),
        };
        let d = Diagnostic::error(
            "unknown-reference",
            self.rel,
            format!(
                "{} `{id}` {}",
                lang.pick(what.0, what.1),
                lang.pick("không tồn tại", "does not exist")
            ),
        )
        .with_help(help)
        .at(self.src, self.front(value.span()));
        self.r.problems.push(d);
        None
    }

    fn unit_ref(&mut self, value: &Spanned<String>) -> Option<Idx<Unit>> {
        let map = &self.maps.units;
        self.reference(
            map,
            value,
            ("đơn vị", "unit"),
            (
                "mã đơn vị là tên tệp trong content/don-vi/, không có .md",
                "a unit id is a file name in content/don-vi/, without .md",
            ),
        )
        .map(Idx::new)
    }

    fn campaign_refs(&mut self, values: &[Spanned<String>]) -> Vec<Idx<Campaign>> {
        let map = &self.maps.campaigns;
        let mut out = Vec::new();
        for v in values {
            if let Some(i) = self.reference(
                map,
                v,
                ("phong trào", "campaign"),
                (
                    "mã phong trào là tên tệp trong content/phong-trao/",
                    "a campaign id is a file name in content/phong-trao/",
                ),
            ) && !out.contains(&Idx::new(i))
            {
                out.push(Idx::new(i));
            }
        }
        out
    }

    fn award_ref(&mut self, value: &Spanned<String>, collective: bool) -> Option<Idx<Award>> {
        let map = &self.maps.awards;
        let i = self.reference(
            map,
            value,
            ("danh hiệu/hình thức khen thưởng", "award"),
            (
                "xem danh mục trong DOMAIN.md hoặc thêm [awards.MÃ] vào site.toml",
                "see the catalogue, or add [awards.ID] to site.toml",
            ),
        )?;
        let award = &self.awards[i];
        if !award.subject.admits(collective) {
            let lang = self.lang();
            let who = award.subject.label(lang).to_lowercase();
            self.r.problems.push(
                Diagnostic::error(
                    "award-subject",
                    self.rel,
                    format!(
                        "{} “{}” {} {who}",
                        lang.pick("danh hiệu", "the award"),
                        award.name,
                        lang.pick("chỉ dành cho", "is only for")
                    ),
                )
                .with_help(lang.pick(
                    "kiểm tra subject của trang hoặc chọn danh hiệu phù hợp",
                    "check the page's subject, or choose a fitting award",
                ))
                .at(self.src, self.front(value.span())),
            );
        }
        Some(Idx::new(i))
    }

    /// The common page fields.
    fn page(&mut self, doc: &Document, f: PageFields) -> Page {
        let PageFields {
            title,
            date,
            summary,
            tags,
            photo,
            noindex,
            draft,
        } = f;
        let section = &self.sections[doc.section];
        let photo = photo.and_then(|(file, alt)| self.photo(doc, file, alt));
        Page {
            id: doc.id.clone(),
            section: Idx::new(doc.section),
            path: format!("{}/{}/", section.dir, doc.id),
            source: Source::default(),
            bundle: doc.bundle.clone(),
            title: nfc(title.trim()).into_owned(),
            date,
            summary: summary.trim().to_string(),
            tags: self.r.tags(tags),
            photo,
            noindex,
            draft,
        }
    }

    /// Checks a photo path: inside the page's bundle, present, with alt text.
    fn photo(
        &mut self,
        doc: &Document,
        file: &Spanned<String>,
        alt: Option<&String>,
    ) -> Option<Photo> {
        let lang = self.lang();
        let name = file.get_ref().trim();
        let span = self.front(file.span());
        let at = |d: Diagnostic| d.at(self.src, span.clone());
        let escapes = Path::new(name)
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        let problem = if escapes || name.is_empty() {
            Some(at(Diagnostic::error("photo-path", self.rel, format!("{} `{name}`", lang.pick("đường dẫn ảnh ra ngoài thư mục bài viết:", "the photo path leaves the page's folder:"))))
                .with_help(lang.pick("đặt ảnh cạnh index.md và chỉ ghi tên tệp, ví dụ photo = \"chan-dung.jpg\"", "put the photo next to index.md and give its file name only, e.g. photo = \"chan-dung.jpg\"")))
        } else if doc.bundle.is_none() {
            Some(
                at(Diagnostic::error(
                    "photo-needs-bundle",
                    self.rel,
                    lang.pick(
                        "trang có ảnh phải là một thư mục bài viết",
                        "a page with a photo must be a page bundle (folder)",
                    ),
                ))
                .with_help(lang.pick(
                    "chuyển tệp thành thư mục: ten-trang/index.md và đặt ảnh cạnh nó",
                    "turn the file into a folder: name/index.md with the photo beside it",
                )),
            )
        } else {
            None
        };
        if let Some(p) = problem {
            self.r.problems.push(p);
            return None;
        }
        let bundle = doc.bundle.as_ref()?;
        let rel_file = bundle.join(name);
        if !self.r.root.join(&rel_file).is_file() {
            self.r.problems.push(
                at(Diagnostic::error(
                    "photo-missing",
                    self.rel,
                    format!(
                        "{} `{name}`",
                        lang.pick("không tìm thấy ảnh", "photo not found:")
                    ),
                ))
                .with_help(lang.pick(
                    "đặt tệp ảnh vào thư mục bài viết, cạnh index.md, hoặc sửa tên tệp",
                    "put the photo in the page's folder, next to index.md, or fix the file name",
                )),
            );
            return None;
        }
        if alt.is_none_or(|a| a.trim().is_empty()) {
            self.r.problems.push(
                at(Diagnostic::error(
                    "photo-alt",
                    self.rel,
                    lang.pick(
                        "thiếu photo_alt: mô tả ảnh cho người không nhìn thấy ảnh",
                        "photo_alt is missing: describe the photo for people who cannot see it",
                    ),
                ))
                .with_help(lang.pick(
                    "thêm dòng photo_alt = \"Cô Hoa đang giảng bài\"",
                    "add a line photo_alt = \"Ms Hoa teaching\"",
                )),
            );
        }
        Some(Photo {
            file: rel_file,
            alt: alt.cloned().unwrap_or_default(),
            span,
        })
    }

    fn warn_honorific(&mut self, name: &str) {
        const HONORIFICS: &[&str] = &[
            "Cô ",
            "Thầy ",
            "Ông ",
            "Bà ",
            "Em ",
            "Đồng chí ",
            "đồng chí ",
            "NGƯT",
            "NGND",
            "TS.",
            "ThS.",
            "PGS.",
        ];
        if let Some(h) = HONORIFICS.iter().find(|h| name.starts_with(*h)) {
            let lang = self.lang();
            let span = self.find_value_span("name").unwrap_or(0..0);
            self.r.problems.push(
                Diagnostic::warning("honorific", self.rel, format!("{} “{}”", lang.pick("tên có kèm danh xưng", "the name includes an honorific"), h.trim()))
                    .with_help(lang.pick("để danh xưng trong title; name chỉ ghi họ tên, ví dụ name = \"Trần Văn An\"", "keep honorifics in title; name holds the name only, e.g. name = \"Trần Văn An\""))
                    .at(self.src, span),
            );
        }
    }

    /// The span of `key = …` in the front matter, for problems about a plain value.
    fn find_value_span(&self, key: &str) -> Option<Range<usize>> {
        let mut offset = 0;
        for line in self.src.text.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return Some(offset..offset + line.trim_end().len());
            }
            offset += line.len();
        }
        None
    }

    fn profile(
        &mut self,
        f: &ProfileFront,
        doc: &Document,
        decision_years: &[i32],
    ) -> Option<Profile> {
        let lang = self.lang();
        let collective = f.subject == Subject::Collective;
        let unit = self.unit_ref(&f.unit);
        let campaigns = self.campaign_refs(&f.campaigns);
        let mut grants = Vec::new();
        for g in &f.awards {
            let award = self.award_ref(&g.award, collective);
            let year = *g.year.get_ref();
            if !(1945..=2100).contains(&year) {
                self.r.problems.push(
                    Diagnostic::error(
                        "bad-year",
                        self.rel,
                        format!(
                            "{} {year}",
                            lang.pick("năm khen thưởng không hợp lệ:", "not a valid award year:")
                        ),
                    )
                    .with_help(lang.pick(
                        "ghi năm của quyết định, ví dụ year = 2025",
                        "give the decision's year, e.g. year = 2025",
                    ))
                    .at(self.src, self.front(g.year.span())),
                );
            }
            let decision = g.decision.as_ref().and_then(|d| {
                let map = &self.maps.decisions;
                self.reference(
                    map,
                    d,
                    ("quyết định", "decision"),
                    (
                        "mã quyết định là tên tệp trong content/khen-thuong/",
                        "a decision id is a file name in content/khen-thuong/",
                    ),
                )
            });
            if let Some(d) = decision
                && decision_years[d] as i64 != year
            {
                self.r.problems.push(
                    Diagnostic::warning(
                        "award-year",
                        self.rel,
                        format!(
                            "{} {year} {} {}",
                            lang.pick("năm", "the year"),
                            lang.pick(
                                "khác năm của quyết định",
                                "differs from the decision's year"
                            ),
                            decision_years[d]
                        ),
                    )
                    .with_help(lang.pick(
                        "year là năm ban hành quyết định",
                        "year is the year the decision was issued",
                    ))
                    .at(self.src, self.front(g.year.span())),
                );
            }
            if let Some(award) = award {
                grants.push(Grant {
                    award,
                    year: year as i32,
                    decision: decision.map(Idx::new),
                });
            }
        }
        grants.sort_by(|a, b| b.year.cmp(&a.year).then(a.award.get().cmp(&b.award.get())));
        if !collective {
            self.warn_honorific(&f.name);
        }
        let name = nfc(f.name.trim()).into_owned();
        let name_parts = name_parts(&name, f.subject, f.family.as_deref(), f.given.as_deref());
        let page = self.page(
            doc,
            PageFields {
                title: &f.title,
                date: Some(f.date),
                summary: &f.summary,
                tags: &f.tags,
                photo: f.photo.as_ref().map(|p| (p, f.photo_alt.as_ref())),
                noindex: f.noindex,
                draft: f.draft,
            },
        );
        Some(Profile {
            page,
            name,
            name_parts,
            subject: f.subject,
            position: f.position.trim().to_string(),
            unit: unit?,
            campaigns,
            grants,
            frontline: f.frontline,
            consent: f.consent.clone(),
            minor: f.minor,
        })
    }

    fn unit(&mut self, f: &UnitFront, doc: &Document) -> Unit {
        let commune = self.r.commune(
            f.commune.get_ref(),
            self.src,
            self.front(f.commune.span()),
            self.rel,
        );
        let mut areas = f.areas.clone();
        areas.sort();
        areas.dedup();
        let page = self.page(
            doc,
            PageFields {
                title: &f.name,
                date: None,
                summary: &f.summary,
                tags: &[],
                photo: f.photo.as_ref().map(|p| (p, f.photo_alt.as_ref())),
                noindex: false,
                draft: f.draft,
            },
        );
        Unit {
            page,
            name: nfc(f.name.trim()).into_owned(),
            level: f.level,
            commune,
            areas,
            address: f.address.trim().to_string(),
            website: f.website.trim().to_string(),
        }
    }

    fn campaign(&mut self, f: &CampaignFront, doc: &Document) -> Campaign {
        let lang = self.lang();
        if let Some(end) = f.end
            && end < f.start
        {
            let span = self.find_value_span("end").unwrap_or(0..0);
            self.r.problems.push(
                Diagnostic::error(
                    "bad-dates",
                    self.rel,
                    lang.pick(
                        "ngày kết thúc trước ngày bắt đầu",
                        "the end date is before the start date",
                    ),
                )
                .with_help(lang.pick("kiểm tra start và end", "check start and end"))
                .at(self.src, span),
            );
        }
        let page = self.page(
            doc,
            PageFields {
                title: &f.title,
                date: Some(f.start),
                summary: &f.summary,
                tags: &f.tags,
                photo: f.photo.as_ref().map(|p| (p, f.photo_alt.as_ref())),
                noindex: false,
                draft: f.draft,
            },
        );
        Campaign {
            page,
            slogan: f.slogan.trim().to_string(),
            launched_by: f.launched_by.trim().to_string(),
            level: f.level,
            start: f.start,
            end: f.end,
            objectives: f.objectives.clone(),
            criteria: f.criteria.clone(),
            participants: f.participants.trim().to_string(),
        }
    }

    fn decision(&mut self, f: &DecisionFront, doc: &Document) -> Decision {
        let lang = self.lang();
        let number = f.number.get_ref().trim();
        if number.contains('\u{d0}') {
            self.r.problems.push(
                Diagnostic::error(
                    "lookalike-letter",
                    self.rel,
                    lang.pick(
                        "số quyết định dùng chữ Ð (U+00D0, chữ Eth) thay cho Đ tiếng Việt",
                        "the number uses Ð (U+00D0, Eth) instead of the Vietnamese Đ",
                    ),
                )
                .with_help(lang.pick(
                    "gõ lại chữ Đ bằng bộ gõ tiếng Việt",
                    "type Đ again with a Vietnamese keyboard",
                ))
                .at(self.src, self.front(f.number.span())),
            );
        } else if !number.contains('/') {
            self.r.problems.push(
                Diagnostic::warning(
                    "decision-number",
                    self.rel,
                    lang.pick(
                        "số quyết định không có dạng số/QĐ-CƠQUAN",
                        "the number is not in the form number/QĐ-ISSUER",
                    ),
                )
                .with_help(lang.pick(
                    "ví dụ number = \"1234/QĐ-SGDĐT\"",
                    "e.g. number = \"1234/QĐ-SGDĐT\"",
                ))
                .at(self.src, self.front(f.number.span())),
            );
        } else if number.contains("/QD-") || number.contains("GDDT") {
            self.r.problems.push(
                Diagnostic::warning(
                    "decision-number",
                    self.rel,
                    lang.pick(
                        "số quyết định viết không dấu (QD, GDDT)",
                        "the number is written without diacritics (QD, GDDT)",
                    ),
                )
                .with_help(lang.pick("viết QĐ và GDĐT với chữ Đ", "write QĐ and GDĐT with Đ"))
                .at(self.src, self.front(f.number.span())),
            );
        } else if !number.contains("/QĐ-") {
            self.r.problems.push(
                Diagnostic::warning(
                    "decision-type",
                    self.rel,
                    lang.pick(
                        "văn bản khen thưởng thường là quyết định (QĐ)",
                        "a commendation is normally a decision (QĐ)",
                    ),
                )
                .with_help(lang.pick(
                    "kiểm tra lại loại văn bản trong số hiệu",
                    "check the document type in the number",
                ))
                .at(self.src, self.front(f.number.span())),
            );
        }
        let mut recipients = Vec::new();
        for rec in &f.recipients {
            let unit = rec.unit.as_ref().and_then(|u| self.unit_ref(u));
            let collective_award = self
                .maps
                .awards
                .get(rec.award.get_ref().trim())
                .is_some_and(|&a| self.awards[a].subject == AwardSubject::Collective);
            let subject = rec.subject.unwrap_or(if collective_award {
                Subject::Collective
            } else {
                Subject::Person
            });
            let award = self.award_ref(&rec.award, subject == Subject::Collective);
            let name = nfc(rec.name.trim()).into_owned();
            if let Some(award) = award {
                recipients.push(Recipient {
                    name_parts: name_parts(&name, subject, None, None),
                    name,
                    subject,
                    position: rec.position.trim().to_string(),
                    unit,
                    award,
                });
            }
        }
        let page = self.page(
            doc,
            PageFields {
                title: &f.title,
                date: Some(f.date),
                summary: &f.summary,
                tags: &f.tags,
                photo: None,
                noindex: false,
                draft: f.draft,
            },
        );
        Decision {
            page,
            number: number.to_string(),
            issuer: f.issuer.trim().to_string(),
            signer: f.signer.trim().to_string(),
            recipients,
        }
    }

    fn article(&mut self, f: &ArticleFront, doc: &Document) -> Option<Article> {
        let unit = match &f.unit {
            Some(u) => Some(self.unit_ref(u)?),
            None => None,
        };
        let campaigns = self.campaign_refs(&f.campaigns);
        let page = self.page(
            doc,
            PageFields {
                title: &f.title,
                date: Some(f.date),
                summary: &f.summary,
                tags: &f.tags,
                photo: f.photo.as_ref().map(|p| (p, f.photo_alt.as_ref())),
                noindex: f.noindex,
                draft: f.draft,
            },
        );
        Some(Article {
            page,
            unit,
            campaigns,
            consent: f.consent.clone(),
            minor: f.minor,
        })
    }
}

/// How a name sorts: people by given, middle, family name; collectives by their
/// whole name (DOMAIN.md §5).
fn name_parts(
    name: &str,
    subject: Subject,
    family: Option<&str>,
    given: Option<&str>,
) -> NameParts {
    match subject {
        Subject::Person => NameParts::split(name, family, given),
        Subject::Collective => NameParts {
            family: String::new(),
            middle: String::new(),
            given: name.to_string(),
        },
    }
}
