//! Fragments rendered once and reused by every page that shows them: the card of each
//! page (a profile's card appears on its unit, commune, area, campaign, tag and
//! section pages and beside its colleagues), the shared part of `<head>`, and the
//! header and footer (the same on every page of a section). Hugo calls this
//! `partialCached`.
//!
//! Each fragment is rendered on first use, so `serve`, which rebuilds a few pages,
//! renders only the fragments those pages show. The result never depends on which
//! page asked first: a fragment sees only its own variables.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use serde::Serialize;
use tera::{Context, Tera, Value};

use super::context::Card;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::vietnamese::Lang;

/// The card template: one card from `item` and `t`.
pub const CARD: &str = "partials/card.html";
/// What every `<head>` has: `site`, `t`.
pub const HEAD: &str = "partials/head.html";
/// The header template: `site` (with the menu's `current` states), `home_current`, `t`.
pub const HEADER: &str = "partials/header.html";
/// The footer template: `site`, `feed_url`, `t`.
pub const FOOTER: &str = "partials/footer.html";

/// The fragments of one render, filled as pages ask for them.
pub struct Fragments<'a> {
    tera: &'a Tera,
    /// `t` for cards: only the strings the card template uses.
    card_strings: &'a Value,
    /// `t` for the header and footer.
    strings: &'a Value,
    theme: &'a str,
    lang: Lang,
    /// By [`Site::page_number`].
    cards: Vec<OnceLock<String>>,
    /// Header by menu state, footer by feed: few of each per site.
    chrome: Mutex<HashMap<(&'static str, String), String>>,
    problems: Mutex<Vec<Diagnostic>>,
}

impl<'a> Fragments<'a> {
    pub fn new(
        tera: &'a Tera,
        card_strings: &'a Value,
        strings: &'a Value,
        site: &'a Site,
        lang: Lang,
    ) -> Fragments<'a> {
        Fragments {
            tera,
            card_strings,
            strings,
            theme: &site.config.theme,
            lang,
            cards: (0..site.page_count()).map(|_| OnceLock::new()).collect(),
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
            context.insert("t", self.card_strings);
            self.render(CARD, &context)
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
        context.insert("t", self.strings);
        let html = self.render(template, &context);
        lock(&self.chrome).insert(cache_key, html.clone());
        html
    }

    /// Every problem met while rendering fragments (each reported once).
    pub fn into_problems(self) -> Vec<Diagnostic> {
        self.problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Renders a fragment, without the indentation of its lines: a fragment is
    /// written on thousands of pages.
    fn render(&self, template: &str, context: &Context) -> String {
        match self.tera.render(template, context) {
            Ok(html) => unindent(&html),
            Err(e) => {
                let d = super::template_error(self.theme, template, "", &e, self.lang);
                lock(&self.problems).push(d);
                String::new()
            }
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
