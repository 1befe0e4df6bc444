//! Each recipient's unit, from the unit column, a "Chức vụ, đơn vị công tác" column,
//! a collective's own name or the section line it stands under; an error at the cell
//! when no unit or several match, with the closest units as the hint. Each distinct
//! text is looked up once: an annex names a few units many times.

use std::collections::HashMap;
use std::path::Path;

use super::units::{Match, UnitMatcher};
use super::{Annex, Cell, Row, Subject};
use crate::diagnostics::Diagnostic;
use crate::vietnamese::Lang;

/// What to do with a recipient whose unit is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingUnit {
    /// The usual rule: every recipient has a unit.
    #[default]
    Error,
    Warning,
    /// A decision that allows it (people outside the sector, say).
    Allow,
}

/// How to match units.
#[derive(Debug, Clone, Copy, Default)]
pub struct MatchOptions {
    pub lang: Lang,
    pub missing_unit: MissingUnit,
}

/// A recipient's unit (an index into the [`UnitMatcher`]) and position, once matched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matched {
    pub unit: Option<usize>,
    /// The position column, or what stood before the unit in a combined column.
    pub position: Option<String>,
}

/// Matches every row of `annex` to a unit, in row order, with every problem.
pub fn match_units(
    path: &Path,
    annex: &Annex,
    matcher: &UnitMatcher,
    options: &MatchOptions,
) -> (Vec<Matched>, Vec<Diagnostic>) {
    let mut cache: HashMap<(&str, bool), Lookup> = HashMap::new();
    let mut problems = Vec::new();
    let mut matched = Vec::with_capacity(annex.rows.len());
    let mut without: Vec<&Row> = Vec::new();
    for row in &annex.rows {
        let position = row.position.as_ref().map(|p| p.text.clone());
        let Some(unit) = &row.unit else {
            let unit = unit_without_column(row, matcher);
            if unit.is_none() && options.missing_unit != MissingUnit::Allow {
                without.push(row);
            }
            matched.push(Matched { unit, position });
            continue;
        };
        let found = cache
            .entry((unit.text.as_str(), row.unit_with_position))
            .or_insert_with(|| lookup(matcher, &unit.text, row.unit_with_position));
        match found {
            Lookup::Unit(i, before) => matched.push(Matched {
                unit: Some(*i),
                position: position.or_else(|| before.clone().filter(|b| !b.is_empty())),
            }),
            Lookup::Ambiguous(many) => {
                problems.push(ambiguous(
                    path,
                    &unit.cell,
                    &unit.text,
                    many,
                    matcher,
                    options.lang,
                ));
                matched.push(Matched {
                    unit: None,
                    position,
                });
            }
            Lookup::NotFound(hints) => {
                let hints = hints.get_or_insert_with(|| matcher.closest(&unit.text, 3));
                problems.push(not_found(
                    path,
                    &unit.cell,
                    &unit.text,
                    hints,
                    matcher,
                    options.lang,
                ));
                matched.push(Matched {
                    unit: None,
                    position,
                });
            }
        }
    }
    let unit_column = unit_column(annex).is_some();
    match without.first() {
        // Without a unit column, one problem says so, not one a row.
        Some(first) if !unit_column => {
            problems.push(no_unit_column(path, first, without.len(), options));
        }
        _ => problems.extend(without.iter().map(|row| missing(path, row, annex, options))),
    }
    (matched, problems)
}

/// The column that gives units, if the annex has one.
fn unit_column(annex: &Annex) -> Option<u32> {
    annex
        .header
        .col(super::Kind::Unit)
        .or(annex.header.col(super::Kind::PositionAndUnit))
}

/// A lookup's outcome, kept per distinct text; the hints are computed on the first
/// error only.
enum Lookup {
    Unit(usize, Option<String>),
    Ambiguous(Vec<usize>),
    NotFound(Option<Vec<usize>>),
}

/// Looks a unit cell up: the whole text, or (for a combined column) its end.
fn lookup(matcher: &UnitMatcher, text: &str, with_position: bool) -> Lookup {
    match matcher.find(text) {
        Match::Unit(i) => Lookup::Unit(i, None),
        Match::Ambiguous(many) => Lookup::Ambiguous(many),
        Match::NotFound => match with_position.then(|| matcher.find_at_end(text)).flatten() {
            Some((i, before)) => Lookup::Unit(i, Some(before)),
            None => Lookup::NotFound(None),
        },
    }
}

/// The unit of a row without a unit cell: a collective's own name ("Trường THPT Cát
/// Bà", "Tổ Toán Trường THCS …"), else the section line it stands under.
fn unit_without_column(row: &Row, matcher: &UnitMatcher) -> Option<usize> {
    let in_text = |text: &str| match matcher.find(text) {
        Match::Unit(i) => Some(i),
        _ => matcher.find_at_end(text).map(|(i, _)| i),
    };
    (row.subject == Subject::Collective)
        .then(|| in_text(&row.name.text))
        .flatten()
        .or_else(|| row.section.as_deref().and_then(in_text))
}

/// A recipient without a unit.
fn missing(path: &Path, row: &Row, annex: &Annex, options: &MatchOptions) -> Diagnostic {
    let lang = options.lang;
    let cell = match unit_column(annex) {
        Some(col) => Cell {
            col,
            ..row.name.cell.clone()
        },
        None => row.name.cell.clone(),
    };
    let mut d = Diagnostic::error(
        "annex-no-unit",
        path,
        format!("«{}» {}", row.name.text, lang.pick("không có đơn vị", "has no unit")),
    )
    .with_help(lang.pick(
        "ghi đơn vị công tác vào cột «Đơn vị» (tên trường như trong quyết định, ví dụ «THCS Bạch Long Vĩ»)",
        "write the unit in the «Đơn vị» column (the school's name as in the decision, e.g. «THCS Bạch Long Vĩ»)",
    ));
    if options.missing_unit == MissingUnit::Warning {
        d.severity = crate::diagnostics::Severity::Warning;
    }
    cell.place(d)
}

/// Rows without a unit in an annex without a unit column: one problem, at the first.
fn no_unit_column(path: &Path, first: &Row, count: usize, options: &MatchOptions) -> Diagnostic {
    let lang = options.lang;
    let mut d = Diagnostic::error(
        "annex-no-unit",
        path,
        format!(
            "{}: {count} {}",
            lang.pick(
                "phụ lục không có cột «Đơn vị»",
                "the annex has no «Đơn vị» (unit) column"
            ),
            lang.pick(
                "người, tập thể không rõ đơn vị",
                "recipients have no unit"
            ),
        ),
    )
    .with_help(lang.pick(
        "thêm cột «Đơn vị» ghi tên trường của từng người (ví dụ «THCS Bạch Long Vĩ»), hoặc cột «Chức vụ, đơn vị công tác»",
        "add a «Đơn vị» column with each recipient's school (e.g. «THCS Bạch Long Vĩ»), or a «Chức vụ, đơn vị công tác» column",
    ));
    if options.missing_unit == MissingUnit::Warning {
        d.severity = crate::diagnostics::Severity::Warning;
    }
    first.name.cell.place(d)
}

/// «Trường THCS Bạch Long Vĩ» (thcs-bach-long-vi), … for a message.
fn listed(units: &[usize], matcher: &UnitMatcher) -> String {
    units
        .iter()
        .map(|&i| format!("«{}» ({})", matcher.name(i), matcher.id(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ambiguous(
    path: &Path,
    cell: &Cell,
    text: &str,
    many: &[usize],
    matcher: &UnitMatcher,
    lang: Lang,
) -> Diagnostic {
    cell.place(
        Diagnostic::error(
            "annex-unit-ambiguous",
            path,
            format!(
                "«{text}» {}: {}",
                lang.pick("khớp với nhiều đơn vị", "matches several units"),
                listed(many, matcher)
            ),
        )
        .with_help(format!(
            "{} «{}»",
            lang.pick(
                "ghi mã đơn vị vào ô này thay cho tên, ví dụ",
                "write the unit's id in this cell instead, e.g."
            ),
            matcher.id(many[0])
        )),
    )
}

fn not_found(
    path: &Path,
    cell: &Cell,
    text: &str,
    hints: &[usize],
    matcher: &UnitMatcher,
    lang: Lang,
) -> Diagnostic {
    let help = if hints.is_empty() {
        lang.pick(
            "sửa tên đơn vị cho đúng, ghi mã đơn vị, hoặc thêm trang đơn vị vào content/don-vi/",
            "correct the unit's name, write its id, or add the unit's page under content/don-vi/",
        )
        .to_string()
    } else {
        format!(
            "{}: {}",
            lang.pick("đơn vị gần giống nhất", "closest units"),
            listed(hints, matcher)
        )
    };
    cell.place(
        Diagnostic::error(
            "annex-unit",
            path,
            format!(
                "{} «{text}»",
                lang.pick("không tìm thấy đơn vị", "no unit named")
            ),
        )
        .with_help(help),
    )
}
