//! The page of each kind (profile, unit, campaign, decision, article) made from its
//! front matter, with its references resolved and every problem placed at its line.

use super::doc::{DocContext, PageFields};
use super::*;
use crate::content::hints;

impl DocContext<'_> {
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
