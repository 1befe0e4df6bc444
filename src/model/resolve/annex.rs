//! A decision's annex (`recipients_file`): its rows become the decision's
//! recipients, after those of `recipients`, in annex order. Units are found by name
//! and awards by the text of the row (or its section line, or the decision's
//! `award`); every problem of the file is reported at its cell, and a problem that
//! would repeat on every row (no award anywhere, one misspelt award) once.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use toml::Spanned;

use super::awards_by_name::AwardNames;
use super::doc::DocContext;
use super::kinds::name_parts;
use super::*;
use crate::annex::{self, Annex, Cell, Field, MatchOptions, MissingUnit, ReadOptions, UnitMatcher};

/// What reading annexes needs, built once a build: the units and awards by name.
pub(super) struct Tools {
    units: UnitMatcher,
    awards: AwardNames,
    /// `[privacy] allow`: public numbers and addresses.
    allow: Vec<String>,
}

impl Tools {
    /// Indexes the units, given as (id, name) in the order of the site's units.
    pub(super) fn new<'a>(
        units: impl IntoIterator<Item = (&'a str, &'a str)>,
        awards: &[Award],
        allow: &[String],
    ) -> Tools {
        Tools {
            units: UnitMatcher::new(units),
            awards: AwardNames::new(awards),
            allow: allow.to_vec(),
        }
    }
}

/// The cells of one problem that repeats: the first is where it is reported.
type Cells<'r> = Vec<&'r Cell>;

impl DocContext<'_> {
    /// The recipients of the decision's annex, with every problem of the file.
    pub(super) fn annex_recipients(
        &mut self,
        f: &DecisionFront,
        doc: &Document,
        tools: Option<&Tools>,
    ) -> Vec<Recipient> {
        let lang = self.r.lang;
        let (Some(file), Some(tools)) = (&f.recipients_file, tools) else {
            self.unused_annex_keys(f);
            return Vec::new();
        };
        let Some(rel) = self.annex_path(doc, file) else {
            return Vec::new();
        };
        let sheet = f.recipients_sheet.as_ref().map(|s| s.get_ref().trim());
        let options = ReadOptions {
            sheet,
            lang,
            allow: &tools.allow,
        };
        let read = annex::from_file(&self.r.root, &rel, &options);
        self.r.problems.extend(read.problems);
        let Some(annex) = read.annex else {
            return Vec::new();
        };
        let matching = MatchOptions {
            lang,
            missing_unit: MissingUnit::Error,
        };
        let (matched, problems) = annex::match_units(&rel, &annex, &tools.units, &matching);
        self.r.problems.extend(problems);
        let default = f.award.as_ref().and_then(|a| self.decision_award(a, tools));

        let mut recipients = Vec::with_capacity(annex.rows.len());
        let mut unknown: Vec<(&str, Cells)> = Vec::new();
        let mut without: Vec<&annex::Row> = Vec::new();
        for (row, unit) in annex.rows.iter().zip(matched) {
            let award = match &row.award {
                Some(cell) => match tools.awards.find(&cell.text) {
                    Some(a) => a,
                    None => {
                        match unknown.iter_mut().find(|(t, _)| *t == cell.text) {
                            Some((_, cells)) => cells.push(&cell.cell),
                            None => unknown.push((&cell.text, vec![&cell.cell])),
                        }
                        continue;
                    }
                },
                None => match row
                    .section
                    .as_deref()
                    .and_then(|s| tools.awards.find(s))
                    .or(default)
                {
                    Some(a) => a,
                    None => {
                        without.push(row);
                        continue;
                    }
                },
            };
            let subject = match row.subject {
                annex::Subject::Person => Subject::Person,
                annex::Subject::Collective => Subject::Collective,
            };
            self.check_subject(&rel, row, subject, award);
            recipients.push(Recipient {
                name_parts: name_parts(&row.name.text, subject, None, None),
                name: row.name.text.clone(),
                subject,
                position: unit.position.unwrap_or_default(),
                unit: unit.unit.map(Idx::new),
                award: Idx::new(award),
                profile: None,
            });
        }
        for (text, cells) in unknown {
            self.r
                .problems
                .push(unknown_award(&rel, text, &cells, tools, self.awards, lang));
        }
        if let Some(first) = without.first() {
            self.r
                .problems
                .push(no_award(&rel, &annex, first, without.len(), lang));
        }
        recipients
    }

    /// `recipients_file` checked as photos are: a file in the page's bundle.
    fn annex_path(&mut self, doc: &Document, file: &Spanned<String>) -> Option<PathBuf> {
        let lang = self.r.lang;
        let name = file.get_ref().trim();
        let span = file.span().start + self.front_start..file.span().end + self.front_start;
        let escapes = Path::new(name)
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        let problem = if escapes || name.is_empty() {
            Diagnostic::error(
                "annex-path",
                self.rel,
                format!(
                    "{} `{name}`",
                    lang.pick(
                        "đường dẫn tệp phụ lục ra ngoài thư mục của quyết định:",
                        "the annex path leaves the decision's folder:"
                    )
                ),
            )
            .with_help(lang.pick(
                "đặt tệp phụ lục cạnh index.md và chỉ ghi tên tệp, ví dụ recipients_file = \"phu-luc.xlsx\"",
                "put the annex next to index.md and give its file name only, e.g. recipients_file = \"phu-luc.xlsx\"",
            ))
        } else if let Some(bundle) = &doc.bundle {
            let rel = bundle.join(name);
            if self.r.root.join(&rel).is_file() {
                return Some(rel);
            }
            Diagnostic::error(
                "annex-missing",
                self.rel,
                format!(
                    "{} `{name}`",
                    lang.pick("không tìm thấy tệp phụ lục", "annex file not found:")
                ),
            )
            .with_help(lang.pick(
                "đặt tệp phụ lục cạnh index.md của quyết định và ghi đúng tên tệp (kể cả phần mở rộng .xlsx)",
                "put the annex beside the decision's index.md and give its exact name (with the .xlsx extension)",
            ))
        } else {
            Diagnostic::error(
                "annex-needs-bundle",
                self.rel,
                lang.pick(
                    "quyết định có tệp phụ lục phải là một thư mục bài viết",
                    "a decision with an annex file must be a page bundle (folder)",
                ),
            )
            .with_help(lang.pick(
                "chuyển tệp thành thư mục: ten-quyet-dinh/index.md và đặt tệp phụ lục cạnh nó",
                "turn the file into a folder: name/index.md with the annex beside it",
            ))
        };
        self.r.problems.push(problem.at(self.src, span));
        None
    }

    /// The decision's `award`: an id or a name.
    fn decision_award(&mut self, value: &Spanned<String>, tools: &Tools) -> Option<usize> {
        if let Some(a) = tools.awards.find(value.get_ref()) {
            return Some(a);
        }
        let lang = self.r.lang;
        let span = value.span().start + self.front_start..value.span().end + self.front_start;
        let close = tools.awards.closest(value.get_ref(), 3);
        self.r.problems.push(
            Diagnostic::error(
                "unknown-reference",
                self.rel,
                format!(
                    "{} `{}` {}",
                    lang.pick("danh hiệu/hình thức khen thưởng", "award"),
                    value.get_ref().trim(),
                    lang.pick("không tồn tại", "does not exist")
                ),
            )
            .with_help(award_hint(&close, self.awards, lang))
            .at(self.src, span),
        );
        None
    }

    /// `recipients_sheet` or `award` without `recipients_file`: read by nothing.
    fn unused_annex_keys(&mut self, f: &DecisionFront) {
        if f.recipients_file.is_some() {
            return;
        }
        let lang = self.r.lang;
        for (key, value) in [
            ("recipients_sheet", &f.recipients_sheet),
            ("award", &f.award),
        ] {
            if let Some(value) = value {
                let span =
                    value.span().start + self.front_start..value.span().end + self.front_start;
                self.r.problems.push(
                    Diagnostic::warning(
                        "annex-unused",
                        self.rel,
                        format!(
                            "`{key}` {}",
                            lang.pick(
                                "chỉ dùng cho tệp phụ lục, nhưng quyết định không có recipients_file",
                                "only applies to an annex file, and the decision has no recipients_file",
                            )
                        ),
                    )
                    .with_help(lang.pick(
                        "thêm recipients_file = \"phu-luc.xlsx\" hoặc xoá dòng này",
                        "add recipients_file = \"phu-luc.xlsx\" or delete this line",
                    ))
                    .at(self.src, span),
                );
            }
        }
    }

    /// A person given a collective's award, or the other way round.
    fn check_subject(&mut self, rel: &Path, row: &annex::Row, subject: Subject, award: usize) {
        let award = &self.awards[award];
        if award.subject.admits(subject == Subject::Collective) {
            return;
        }
        let lang = self.r.lang;
        let who = award.subject.label(lang).to_lowercase();
        let field: &Field = row.award.as_ref().unwrap_or(&row.name);
        self.r.problems.push(
            field.cell.place(
                Diagnostic::error(
                    "award-subject",
                    rel,
                    format!(
                        "«{}»: {} «{}» {} {who}",
                        row.name.text,
                        lang.pick("danh hiệu", "the award"),
                        award.name,
                        lang.pick("chỉ dành cho", "is only for")
                    ),
                )
                .with_help(lang.pick(
                    "kiểm tra cột danh hiệu hoặc mục (tập thể, cá nhân) của dòng này",
                    "check the row's award, or the section (collectives, people) it stands in",
                )),
            ),
        );
    }
}

/// An award text that names no award of the catalogue, at its first cell.
fn unknown_award(
    rel: &Path,
    text: &str,
    cells: &[&Cell],
    tools: &Tools,
    awards: &[Award],
    lang: Lang,
) -> Diagnostic {
    let mut message = format!(
        "{} «{text}»",
        lang.pick(
            "không có danh hiệu, hình thức khen thưởng nào tên",
            "no award is named"
        )
    );
    if cells.len() > 1 {
        let more: Vec<String> = cells[1..].iter().take(5).map(|c| c.to_string()).collect();
        let ellipsis = if cells.len() > 6 { ", …" } else { "" };
        message.push_str(&format!(
            " ({} {} {}: {}{ellipsis})",
            lang.pick("cùng ở", "also in"),
            cells.len() - 1,
            lang.pick("ô khác", "more cells"),
            more.join(", ")
        ));
    }
    let close = tools.awards.closest(text, 3);
    cells[0].place(
        Diagnostic::error("annex-award", rel, message).with_help(award_hint(&close, awards, lang)),
    )
}

/// The closest awards, or where the catalogue is.
fn award_hint(close: &[usize], awards: &[Award], lang: Lang) -> String {
    if close.is_empty() {
        return lang
            .pick(
                "ghi tên danh hiệu như trong danh mục (ví dụ «Lao động tiên tiến», «CSTĐCS»), hoặc thêm [awards.MÃ] vào site.toml",
                "write the award's name as in the catalogue (e.g. «Lao động tiên tiến», «CSTĐCS»), or add [awards.ID] to site.toml",
            )
            .to_string();
    }
    let names: Vec<String> = close
        .iter()
        .map(|&i| format!("«{}» ({})", awards[i].name, awards[i].id))
        .collect();
    format!(
        "{}: {}",
        lang.pick("danh hiệu gần giống nhất", "closest awards"),
        names.join(", ")
    )
}

/// Rows with no award anywhere: one problem for all of them.
fn no_award(rel: &Path, annex: &Annex, first: &annex::Row, count: usize, lang: Lang) -> Diagnostic {
    let cell = match annex.header.col(annex::Kind::Award) {
        Some(col) => Cell {
            col,
            ..first.name.cell.clone()
        },
        None => first.name.cell.clone(),
    };
    let what = match annex.header.col(annex::Kind::Award) {
        Some(_) => lang.pick(
            "ô danh hiệu để trống và quyết định không ghi award",
            "the award cell is empty and the decision gives no award",
        ),
        None => lang.pick(
            "phụ lục không có cột «Danh hiệu» và quyết định không ghi award",
            "the annex has no «Danh hiệu» column and the decision gives no award",
        ),
    };
    cell.place(
        Diagnostic::error(
            "annex-no-award",
            rel,
            format!(
                "{what}: {count} {}",
                lang.pick("người, tập thể chưa có danh hiệu", "recipients have no award")
            ),
        )
        .with_help(lang.pick(
            "ghi danh hiệu vào cột «Danh hiệu» của từng dòng, hoặc một danh hiệu chung cho cả phụ lục trong index.md, ví dụ award = \"lao-dong-tien-tien\"",
            "write each row's award in a «Danh hiệu» column, or one award for the whole annex in index.md, e.g. award = \"lao-dong-tien-tien\"",
        )),
    )
}

/// Links each recipient to the profile of the same person or collective (same
/// folded name, subject and unit), so that rolls and the report count them once.
pub(super) fn link_profiles(site: &mut Site) {
    if site.decisions.iter().all(|d| d.recipients.is_empty()) {
        return;
    }
    let mut profiles: HashMap<(String, bool, usize), Option<usize>> = HashMap::new();
    for (i, p) in site.profiles.iter().enumerate() {
        let collective = p.subject == Subject::Collective;
        let key = (crate::vietnamese::fold(&p.name), collective, p.unit.get());
        // Two profiles with one name in one unit: neither is chosen.
        profiles
            .entry(key)
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    for decision in &mut site.decisions {
        for rec in &mut decision.recipients {
            let Some(unit) = rec.unit else { continue };
            let collective = rec.subject == Subject::Collective;
            let key = (crate::vietnamese::fold(&rec.name), collective, unit.get());
            rec.profile = profiles.get(&key).copied().flatten().map(Idx::new);
        }
    }
}
