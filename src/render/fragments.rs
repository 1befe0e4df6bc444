//! Fragments rendered once and reused by every page that shows them: the card of each
//! page (a profile's card appears on its unit, commune, area, campaign, tag and
//! section pages and beside its colleagues), the lines of honour rolls (a grant is on
//! its award's roll and its year's) and of tables of people, the shared part of
//! `<head>`, and the header and footer (the same on every page of a section). Hugo
//! calls this `partialCached`.
//!
//! Each fragment is rendered on first use, so `serve`, which rebuilds a few pages,
//! renders only the fragments those pages show. The result never depends on which
//! page asked first: a fragment sees only its own variables.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use serde::Serialize;
use tera::{Context, Tera, Value};

use super::context::{Card, RollEntry};
use super::tera_errors;
use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use crate::model::{Honoree, Site};
use crate::vietnamese::Lang;

/// The card template: one card from `item` and `t`.
pub const CARD: &str = "partials/card.html";
/// What every `<head>` has: `site`, `t`.
pub const HEAD: &str = "partials/head.html";
/// The header template: `site` (with the menu's `current` states), `home_current`, `t`.
pub const HEADER: &str = "partials/header.html";
/// The footer template: `site`, `feed_url`, `t`.
pub const FOOTER: &str = "partials/footer.html";
/// The cells of one honour-roll line: `e` (roll entry), `columns`, `t`.
pub const ROLL_ROW: &str = "partials/roll-row.html";
/// The cells of one exemplar in a table of people: `p` (card), `show_unit`, `t`.
pub const PERSON_ROW: &str = "partials/person-row.html";

/// `t` for the fragments rendered most: only the strings each template uses.
pub struct FragmentStrings {
    pub card: Value,
    pub roll_row: Value,
    pub person_row: Value,
}

/// The columns of an honour roll besides number, name and unit; its lines are
/// rendered once per set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollColumns {
    /// An award's or a year's roll: each line's decision.
    ByAward = 0,
    /// A decision's recipients: each one's award.
    OfDecision = 1,
    /// A unit's recipients of decisions: each one's award and decision.
    OfUnit = 2,
}

impl RollColumns {
    /// `columns { award, year, decision }`, as templates see it.
    pub fn value(self) -> Value {
        let (award, decision) = match self {
            RollColumns::ByAward => (false, true),
            RollColumns::OfDecision => (true, false),
            RollColumns::OfUnit => (true, true),
        };
        let mut map = tera::Map::new();
        map.insert("award".into(), award.into());
        map.insert("year".into(), false.into());
        map.insert("decision".into(), decision.into());
        Value::from(map)
    }
}

/// The fragments of one render, filled as pages ask for them.
pub struct Fragments<'a> {
    tera: &'a Tera,
    /// `t` for cards and table lines.
    fragment_strings: &'a FragmentStrings,
    /// `t` for the header and footer.
    strings: &'a Value,
    theme: &'a Theme,
    theme_name: &'a str,
    lang: Lang,
    /// By [`Site::page_number`].
    cards: Vec<OnceLock<String>>,
    /// Honour-roll lines by [`RollColumns`], then by [`Honorees::number`].
    roll_rows: [Vec<OnceLock<String>>; 3],
    honorees: Honorees,
    /// People-table lines without the unit (on the unit's page) and with it, by profile.
    person_rows: [Vec<OnceLock<String>>; 2],
    /// Header by menu state, footer by feed: few of each per site.
    chrome: Mutex<HashMap<(&'static str, String), String>>,
    problems: Mutex<Vec<Diagnostic>>,
}

impl<'a> Fragments<'a> {
    pub fn new(
        tera: &'a Tera,
        fragment_strings: &'a FragmentStrings,
        strings: &'a Value,
        site: &'a Site,
        theme: &'a Theme,
        lang: Lang,
    ) -> Fragments<'a> {
        let cells = |n: usize| (0..n).map(|_| OnceLock::new()).collect::<Vec<_>>();
        let honorees = Honorees::new(site);
        let profiles = site.profiles.len();
        Fragments {
            tera,
            fragment_strings,
            strings,
            theme,
            theme_name: &site.config.theme,
            lang,
            cards: cells(site.page_count()),
            roll_rows: [
                cells(honorees.count),
                cells(honorees.count),
                cells(honorees.count),
            ],
            honorees,
            person_rows: [cells(profiles), cells(profiles)],
            chrome: Mutex::default(),
            problems: Mutex::default(),
        }
    }

    /// The rendered card of the page numbered `n` ([`Site::page_number`]); `card`
    /// makes its variables the first time.
    pub fn card(&self, n: usize, card: impl FnOnce() -> Card<'a>) -> &str {
        self.cards[n].get_or_init(|| {
            let mut context = Context::new();
            context.insert("item", &card());
            context.insert_value("t", self.fragment_strings.card.clone());
            self.render(CARD, &context)
        })
    }

    /// The rendered cells of `who`'s honour-roll line with `columns`; `entry` makes
    /// its variables the first time.
    pub fn roll_row(
        &self,
        who: Honoree,
        columns: RollColumns,
        entry: impl FnOnce() -> RollEntry<'a>,
    ) -> &str {
        self.roll_rows[columns as usize][self.honorees.number(who)].get_or_init(|| {
            let mut context = Context::new();
            context.insert("e", &entry());
            context.insert_value("columns", columns.value());
            context.insert_value("t", self.fragment_strings.roll_row.clone());
            self.render(ROLL_ROW, &context)
        })
    }

    /// The rendered cells of profile `p`'s line in a table of people, with its unit
    /// or without; `card` makes its variables the first time.
    pub fn person_row(&self, p: usize, show_unit: bool, card: impl FnOnce() -> Card<'a>) -> &str {
        self.person_rows[usize::from(show_unit)][p].get_or_init(|| {
            let mut context = Context::new();
            context.insert("p", &card());
            context.insert("show_unit", &show_unit);
            context.insert_value("t", self.fragment_strings.person_row.clone());
            self.render(PERSON_ROW, &context)
        })
    }

    /// The head, header or footer (`template`) for one state of its variables: `key`
    /// names the state, `context` makes the variables the first time.
    pub fn chrome(
        &self,
        template: &'static str,
        key: String,
        context: impl FnOnce() -> Context,
    ) -> String {
        let cache_key = (template, key);
        if let Some(html) = lock(&self.chrome).get(&cache_key) {
            return html.clone();
        }
        let mut context = context();
        context.insert_value("t", self.strings.clone());
        let html = self.render(template, &context);
        lock(&self.chrome).insert(cache_key, html.clone());
        html
    }

    /// Every problem met while rendering fragments (each reported once); the
    /// fragments themselves are freed in the background.
    pub fn into_problems(self) -> Vec<Diagnostic> {
        crate::drop_in_background((self.cards, self.roll_rows, self.person_rows, self.chrome));
        self.problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Renders a fragment, without the indentation of its lines: a fragment is
    /// written on thousands of pages. Rendered into a buffer each thread reuses, and
    /// only the unindented text becomes a `String`.
    fn render(&self, template: &str, context: &Context) -> String {
        thread_local! {
            static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        BUFFER.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffer) => self.render_into(template, context, &mut buffer),
            // A fragment rendered while another is: not done today, but harmless.
            Err(_) => self.render_into(template, context, &mut Vec::new()),
        })
    }

    /// [`Fragments::render`] with `buffer` to render into; a template error is
    /// recorded and gives an empty fragment.
    fn render_into(&self, template: &str, context: &Context, buffer: &mut Vec<u8>) -> String {
        buffer.clear();
        match self.tera.render_to(template, context, &mut *buffer) {
            // Tera writes only strings: the check (SIMD, unlike the standard
            // library's) always passes.
            Ok(()) => match simdutf8::basic::from_utf8(buffer) {
                Ok(html) => unindent(html),
                Err(_) => unindent(&String::from_utf8_lossy(buffer)),
            },
            Err(e) => {
                let d = tera_errors::rendering(
                    self.theme,
                    self.theme_name,
                    template,
                    "",
                    &e,
                    self.lang,
                );
                lock(&self.problems).push(d);
                String::new()
            }
        }
    }
}

/// Every honoree numbered from 0: the grants of each profile in turn, then the
/// recipients of each decision.
struct Honorees {
    /// Per profile, the number of its first grant; per decision, of its first recipient.
    grants: Vec<usize>,
    recipients: Vec<usize>,
    count: usize,
}

impl Honorees {
    fn new(site: &Site) -> Honorees {
        let mut count = 0;
        let mut start = |len: usize| {
            let first = count;
            count += len;
            first
        };
        let grants = site
            .profiles
            .iter()
            .map(|p| start(p.grants.len()))
            .collect();
        let recipients = site
            .decisions
            .iter()
            .map(|d| start(d.recipients.len()))
            .collect();
        Honorees {
            grants,
            recipients,
            count,
        }
    }

    fn number(&self, who: Honoree) -> usize {
        match who {
            Honoree::Profile(p, g) => self.grants[p] + g,
            Honoree::Recipient(d, r) => self.recipients[d] + r,
        }
    }
}

/// The keys a template reads as `t.key`, or `None` when it could read others (it
/// passes `t` on, indexes it or includes another template).
pub fn strings_used(source: &str) -> Option<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    let bytes = source.as_bytes();
    for (i, _) in source.match_indices('t') {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            continue;
        }
        let rest = &source[i + 1..];
        if let Some(key) = rest.strip_prefix('.') {
            let key: String = key
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            keys.insert(key);
        } else if rest.starts_with('[') || rest.trim_start().starts_with([',', ')', '|']) {
            return None;
        }
    }
    let passes_on = source.contains("include") || source.contains("=t");
    (!passes_on).then_some(keys)
}

/// `html` without blank lines and the spaces that start its lines. A line break is
/// kept, so text reads the same; the fragments have no `<pre>` or `<textarea>`.
fn unindent(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.lines().map(str::trim_start).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line.trim_end());
    }
    out
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether a menu item is the page itself (`"page"`), an ancestor of it (`"true"`)
/// or neither (`""`): the value of its `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Current(pub &'static str);

impl Current {
    pub fn of(item_url: &str, page_url: &str, inside: bool) -> Current {
        if item_url == page_url {
            Current("page")
        } else if inside {
            Current("true")
        } else {
            Current("")
        }
    }

    /// One letter per state, for cache keys.
    pub fn letter(self) -> char {
        match self.0 {
            "page" => 'p',
            "true" => 't',
            _ => '-',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strings_used;

    #[test]
    fn the_strings_a_template_reads_are_found() {
        let keys = strings_used("{{ t.frontline }} {% if x %}{{ t.more_awards | replace() }}");
        let keys: Vec<String> = keys.unwrap().into_iter().collect();
        assert_eq!(keys, ["frontline", "more_awards"]);
        assert_eq!(
            strings_used("{{ item.title }} {{ at.x }}").unwrap().len(),
            0
        );
        assert!(strings_used("{{ t[name] }}").is_none());
        assert!(strings_used("{{ m::x(t=t) }}").is_none());
        assert!(strings_used("{% include \"x.html\" %}").is_none());
    }

    #[test]
    fn fragments_lose_indentation_but_keep_line_breaks() {
        let html = "\n<ul>\n    <li>Hoa  <b>x</b></li>\n\n  <li>y</li>  \n</ul>\n";
        assert_eq!(
            super::unindent(html),
            "<ul>\n<li>Hoa  <b>x</b></li>\n<li>y</li>\n</ul>"
        );
    }
}
