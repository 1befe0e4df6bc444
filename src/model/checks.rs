//! Checks over the resolved site that need no other stage: privacy (DOMAIN.md §7) and
//! the editorial warnings an office editor should act on (a missing summary, a date in
//! the future, a profile that names no award and no campaign). Run in parallel, one
//! page at a time.

use std::ops::Range;

use rayon::prelude::*;

use super::{Page, PageRef, Site};
use crate::content::front::Subject;
use crate::content::hints;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::domain::privacy::{self, ConsentProblem};
use crate::vietnamese::Lang;

pub use crate::content::hints::SUMMARY_MAX_CHARS;

/// Every problem of every page.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let refs: Vec<PageRef> = site.all_pages().collect();
    let mut problems: Vec<Diagnostic> = refs
        .par_iter()
        .flat_map_iter(|r| check_page(site, *r))
        .collect();
    // The pages left out because of errors: the privacy rules apply to them too.
    for source in &site.detached {
        problems.extend(personal_data(site, source));
    }
    problems
}

/// Personal data that must never be published, found in a page's text.
fn personal_data(site: &Site, source: &crate::content::Source) -> Vec<Diagnostic> {
    let lang = site.config.language;
    let src = SourceText::new(&source.text);
    privacy::scan(&source.text, &site.config.privacy.allow)
        .into_iter()
        .map(|(found, span)| {
            Diagnostic::error(found.code(), &source.rel, found.message(lang))
                .with_help(found.help(lang))
                .at(&src, span)
        })
        .collect()
}

/// What a page publishes about a person, for the consent rules.
struct Person<'a> {
    consent: Option<&'a crate::content::front::Consent>,
    minor: bool,
    /// A person (not a collective) is the subject of the page.
    is_person: bool,
}

fn check_page(site: &Site, r: PageRef) -> Vec<Diagnostic> {
    let lang = site.config.language;
    let page = site.page(r);
    let src = SourceText::new(&page.source.text);
    let rel = &page.source.rel;
    let at = |key: &str| key_span(&src, page.source.body.start, key);
    let mut out = personal_data(site, &page.source);

    let person = match r {
        PageRef::Profile(i) => {
            let p = &site.profiles[i];
            Some(Person {
                consent: p.consent.as_ref(),
                minor: p.minor,
                is_person: p.subject == Subject::Person,
            })
        }
        PageRef::Model(i) => Some(Person {
            consent: site.models[i].consent.as_ref(),
            minor: site.models[i].minor,
            is_person: false,
        }),
        PageRef::News(i) => Some(Person {
            consent: site.news[i].consent.as_ref(),
            minor: site.news[i].minor,
            is_person: false,
        }),
        _ => None,
    };
    if let Some(person) = person {
        consent_rules(site, page, &person, &src, &mut out);
    }

    if matches!(
        r,
        PageRef::Profile(_) | PageRef::Model(_) | PageRef::News(_)
    ) {
        let summary = page.summary.chars().count();
        if summary == 0 {
            out.push(
                Diagnostic::warning("no-summary", rel, hints::NO_SUMMARY.pick(lang))
                    .with_help(lang.pick(
                        "thêm dòng summary = \"Một câu giới thiệu.\"",
                        "add a line summary = \"One sentence.\"",
                    ))
                    .at_line(1, 1),
            );
        } else if summary > SUMMARY_MAX_CHARS {
            let span = at("summary");
            out.push(
                Diagnostic::warning(
                    "summary-long",
                    rel,
                    format!(
                        "{} ({summary} {})",
                        lang.pick(
                            "tóm tắt quá dài cho thẻ",
                            "the summary is too long for a card"
                        ),
                        lang.pick("ký tự", "characters")
                    ),
                )
                .with_help(format!(
                    "{} {SUMMARY_MAX_CHARS} {}",
                    lang.pick("rút gọn còn tối đa", "shorten it to at most"),
                    lang.pick("ký tự", "characters")
                ))
                .at(&src, span),
            );
        }
    }
    if let Some(date) = page.date
        && date > site.today
        && matches!(
            r,
            PageRef::Profile(_) | PageRef::Model(_) | PageRef::News(_) | PageRef::Decision(_)
        )
    {
        out.push(
            Diagnostic::warning(
                "future-date",
                rel,
                format!(
                    "{} {}",
                    lang.pick("ngày ở tương lai:", "a date in the future:"),
                    date.short()
                ),
            )
            .with_help(lang.pick(
                "kiểm tra lại năm, tháng, ngày",
                "check the year, month and day",
            ))
            .at(&src, at("date")),
        );
    }
    if let PageRef::Profile(i) = r {
        let p = &site.profiles[i];
        if p.grants.is_empty() && p.campaigns.is_empty() {
            out.push(
                Diagnostic::warning(
                    "no-award-or-campaign",
                    rel,
                    lang.pick(
                        "gương điển hình chưa nêu danh hiệu hay phong trào nào",
                        "the profile names no award and no campaign",
                    ),
                )
                .with_help(hints::AWARDS_OR_CAMPAIGNS.pick(lang))
                .at_line(1, 1),
            );
        }
    }
    out
}

fn consent_rules(
    site: &Site,
    page: &Page,
    person: &Person,
    src: &SourceText,
    out: &mut Vec<Diagnostic>,
) {
    let lang: Lang = site.config.language;
    let rel = &page.source.rel;
    let at = |key: &str| key_span(src, page.source.body.start, key);
    // What shows the person: the photo, else the gallery, else a video.
    let shown = [
        ("photo", page.photo.is_some()),
        ("gallery", !page.gallery.is_empty()),
        ("video", !page.video.is_empty()),
    ]
    .into_iter()
    .find_map(|(key, shown)| shown.then_some(key));
    for problem in privacy::consent_problems(person.consent, person.minor, shown.is_some()) {
        let d = match problem {
            ConsentProblem::MinorWithoutGuardian => Diagnostic::error(
                "minor-consent",
                rel,
                hints::MINOR_CONSENT.pick(lang),
            )
            .with_help(lang.pick(
                "ghi consent = { by = \"self+guardian\", … } khi đã có giấy đồng ý của em và của cha mẹ/người giám hộ",
                "write consent = { by = \"self+guardian\", … } once both the child and a parent or guardian have signed",
            ))
            .at(src, if person.consent.is_some() { at("consent") } else { at("minor") }),
            ConsentProblem::PhotoNotCovered => Diagnostic::error(
                "photo-consent",
                rel,
                hints::PHOTO_CONSENT.pick(lang),
            )
            .with_help(lang.pick("bỏ ảnh và video, hoặc thêm \"photo\" vào scope khi người đó đã đồng ý cho đăng hình ảnh", "remove the photos and videos, or add \"photo\" to scope once the person agreed to it"))
            .at(src, at(shown.unwrap_or("photo"))),
        };
        out.push(d);
    }
    if person.is_person && person.consent.is_none() && !person.minor {
        let d = if site.config.privacy.require_consent {
            Diagnostic::error
        } else {
            Diagnostic::warning
        };
        out.push(
            d("no-consent", rel, hints::NO_CONSENT.pick(lang))
                .with_help(lang.pick(
                    "thêm consent = { by = \"self\", date = 2025-10-02, scope = [\"story\", \"photo\"] } sau khi người đó ký giấy đồng ý (giấy lưu tại đơn vị)",
                    "add consent = { by = \"self\", date = 2025-10-02, scope = [\"story\", \"photo\"] } once the person has signed (the form stays with the unit)",
                ))
                .at_line(1, 1),
        );
    }
}

/// The span of `key = …` in the front matter, or the first line when absent.
fn key_span(src: &SourceText, body_start: usize, key: &str) -> Range<usize> {
    let mut offset = 0;
    for line in src.text[..body_start].split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return offset..offset + line.trim_end().len();
        }
        offset += line.len();
    }
    0..3
}
