//! tonvinh: a static site generator for the pages that honour exemplary teachers,
//! collectives, good models and emulation campaigns of an education department.
//!
//! The modules, in the order of the stages: a module uses only those above it
//! (`tests::modules_only_look_down` keeps it so).

/// Vietnamese text: NFC, slugs, name order, collation, dates.
pub mod vietnamese;
/// Problems with file, line, column and a hint; human, GitHub and JSON reporters.
pub mod diagnostics;
/// The domain's vocabulary and rules: kinds, levels, areas, awards, labels, privacy.
pub mod domain;
/// Where files go: a staging folder swapped in atomically, or memory (`serve`).
pub mod output;
/// Stage 1: walk `content/`, split and parse front matter.
pub mod content;
/// Stage 1b: a decision's annex read from the office's spreadsheet; units matched by
/// name.
pub mod annex;
/// `site.toml`.
pub mod config;
/// The form editor (Decap CMS): its configuration generated from the content model.
pub mod cms;
/// Stage 2: the resolved site model, references and indexes.
pub mod model;
/// Stage 3: Markdown bodies to HTML.
pub mod markdown;
/// Stage 4: photos and body images resized, stripped of metadata, cached.
pub mod images;
/// Stage 5b: every link checked against the files the build writes; `check --external`.
pub mod links;
/// Stage 5a: documents published beside pages (PDF, Office, OpenDocument), without
/// the metadata that names people.
pub mod attachments;
/// The client-side search index, split into shards by the first letters of words.
pub mod search;
/// The yearly report: figures for a year (and a unit) as plain data, CSV, JSON, SVG.
pub mod report;
/// Stage 7: Tera templates, page contexts and every output page; what each read.
pub mod render;
/// The stages in order: `build`, `check`, and the rebuilds of `serve`.
pub mod pipeline;
/// `tonvinh serve`: watch, rebuild what changed, serve from memory, reload the browser.
pub mod serve;
/// Command-line interface: one module per subcommand.
pub mod cli;

/// Frees `value` on a thread of its own: the model, bodies, templates and rendered
/// fragments of a large site take a while to free, and the files can be moved into
/// place meanwhile. A process that exits first lets the system take the memory back
/// at once.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    // Without a thread (the system refused one), the value is freed here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every module of `src/`, in the order of the stages, as lib.rs declares them.
    fn modules() -> Vec<String> {
        include_str!("lib.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("pub mod "))
            .map(|l| l.trim_end_matches(';').to_string())
            .collect()
    }

    /// No module uses one declared after it: each stage builds on the earlier ones
    /// only, and a reader can follow the pipeline top-down.
    #[test]
    fn modules_only_look_down() {
        let order = modules();
        assert!(order.len() > 10, "{order:?}");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut wrong = Vec::new();
        for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let module = top.trim_end_matches(".rs");
            if matches!(module, "lib" | "main") {
                continue;
            }
            let Some(own) = order.iter().position(|m| m == module) else {
                panic!("src/{top} is not declared in lib.rs's list of stages");
            };
            let text = std::fs::read_to_string(path).unwrap();
            for (at, _) in text.match_indices("crate::") {
                let name: String = text[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some(used) = order.iter().position(|m| *m == name)
                    && used > own
                {
                    let line = text[..at].lines().count();
                    wrong.push(format!("src/{}:{line} uses crate::{name}", rel.display()));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "modules that reach up:\n{}",
            wrong.join("\n")
        );
    }
}
