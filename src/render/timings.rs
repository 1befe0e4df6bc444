//! `--timings`: where the rendering time goes, per template.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// Time spent per template (`--timings`), summed over threads: pages, building
/// their variables (cards and header included the first time they are made),
/// running the template, and writing the file.
#[derive(Default)]
pub struct TemplateTimes(Mutex<BTreeMap<&'static str, (usize, [Duration; 3])>>);

impl TemplateTimes {
    pub(super) fn add(&self, template: &'static str, spent: [Duration; 3]) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(template).or_default();
        entry.0 += 1;
        for (total, d) in entry.1.iter_mut().zip(spent) {
            *total += d;
        }
    }

    /// Lines of a table, slowest template first.
    pub fn report(&self) -> Vec<String> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut rows: Vec<_> = map.iter().collect();
        rows.sort_by_key(|(_, (_, spent))| std::cmp::Reverse(spent.iter().sum::<Duration>()));
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut lines = vec![format!(
            "    {:<16} {:>6} {:>10} {:>10} {:>10}",
            "template", "files", "variables", "template", "write"
        )];
        lines.extend(
            rows.into_iter()
                .map(|(name, (n, [vars, template, write]))| {
                    let name = if name.is_empty() {
                        "(data files)"
                    } else {
                        name
                    };
                    format!(
                        "    {name:<16} {n:>6} {:>7.1} ms {:>7.1} ms {:>7.1} ms",
                        ms(*vars),
                        ms(*template),
                        ms(*write)
                    )
                }),
        );
        lines
    }
}
