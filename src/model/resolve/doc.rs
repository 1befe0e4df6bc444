//! Resolution of one document: its references looked up by id, its photo checked,
//! and the page of each kind (profile, unit, campaign, decision, article) made from
//! its front matter, every problem placed at its line.

use std::ops::Range;
use std::path::{Component, Path};

use toml::Spanned;

use super::*;
use crate::content::front::{AttachmentFront, GalleryFront, VideoFront};
use crate::content::hints;

/// The fields every page has, as its front matter gives them.
struct PageFields<'f> {
    title: &'f str,
    date: Option<Date>,
    summary: &'f str,
    tags: &'f [String],
    photo: Option<(&'f Spanned<String>, Option<&'f String>)>,
    /// `gallery` and `video`.
    media: (&'f [GalleryFront], &'f [VideoFront]),
    attachments: &'f [AttachmentFront],
    noindex: bool,
    draft: bool,
}

/// Resolution of one document.
pub(super) struct DocContext<'a> {
    pub(super) r: &'a mut Resolver,
    pub(super) maps: &'a Maps,
    pub(super) src: &'a SourceText<'a>,
    pub(super) rel: &'a Path,
    pub(super) front_start: usize,
    pub(super) sections: &'a [Section],
    pub(super) awards: &'a [Award],
}

impl DocContext<'_> {
    pub(super) fn lang(&self) -> Lang {
        self.r.lang
    }

    /// A span of the front matter as a span of the whole file.
    pub(super) fn front(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_start..span.end + self.front_start
    }

    /// Looks up a reference; reports a dangling one at its span with a suggestion.
    /// A page whose own front matter failed is not reported again where it is
    /// named: its error is the cause.
    fn reference(
        &mut self,
        known: &Known,
        value: &Spanned<String>,
        what: (&str, &str),
        hint: (&str, &str),
    ) -> Option<usize> {
        let id = value.get_ref().trim();
        // The form editor names a page bundle by its slug, `<id>/index`.
        let id = id.strip_suffix("/index").unwrap_or(id);
        if let Some(&i) = known.ids.get(id) {
            return Some(i);
        }
        if known.broken.contains(id) {
            return None;
        }
        let map = &known.ids;
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
            media,
            attachments,
            noindex,
            draft,
        } = f;
        let section = &self.sections[doc.section];
        let photo = photo.and_then(|(file, alt)| self.photo(doc, file, alt));
        let gallery = self.gallery(doc, media.0);
        let video = self.videos(doc, media.1);
        let attachments = self.attachments(doc, attachments);
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
            gallery,
            video,
            attachments,
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
                .with_help(hints::PHOTO_PLACE.pick(lang)),
            );
            return None;
        }
        if alt.is_none_or(|a| a.trim().is_empty()) {
            self.r.problems.push(
                at(Diagnostic::error(
                    "photo-alt",
                    self.rel,
                    hints::PHOTO_ALT.pick(lang),
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
            place: at(Diagnostic::error("image", self.rel, "")),
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
                Diagnostic::warning(
                    "honorific",
                    self.rel,
                    format!(
                        "{} “{}”",
                        lang.pick("tên có kèm danh xưng", "the name includes an honorific"),
                        h.trim()
                    ),
                )
                .with_help(hints::NAME_ONLY.pick(lang))
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

    pub(super) fn profile(
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
                    (hints::DECISION_ID.vi, hints::DECISION_ID.en),
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
                    .with_help(hints::AWARD_YEAR.pick(lang))
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
                media: (&f.gallery, &f.video),
                attachments: &f.attachments,
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

    pub(super) fn unit(&mut self, f: &UnitFront, doc: &Document) -> Unit {
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
                media: (&f.gallery, &f.video),
                attachments: &f.attachments,
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

    pub(super) fn campaign(&mut self, f: &CampaignFront, doc: &Document) -> Campaign {
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
                media: (&f.gallery, &f.video),
                attachments: &f.attachments,
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

    pub(super) fn decision(
        &mut self,
        f: &DecisionFront,
        doc: &Document,
        annex: Option<&super::annex::Tools>,
    ) -> Decision {
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
                    hints::DECISION_NUMBER.pick(lang),
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
                .ids
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
                    profile: None,
                });
            }
        }
        recipients.extend(self.annex_recipients(f, doc, annex));
        let page = self.page(
            doc,
            PageFields {
                title: &f.title,
                date: Some(f.date),
                summary: &f.summary,
                tags: &f.tags,
                photo: None,
                media: (&f.gallery, &f.video),
                attachments: &f.attachments,
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

    pub(super) fn article(&mut self, f: &ArticleFront, doc: &Document) -> Option<Article> {
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
                media: (&f.gallery, &f.video),
                attachments: &f.attachments,
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
pub(super) fn name_parts(
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
