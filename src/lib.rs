//! tonvinh: a static site generator for the pages that honour exemplary teachers,
//! collectives, good models and emulation campaigns of an education department.
//!
//! The pipeline, in order:

/// Documents published beside pages (PDF, Office, OpenDocument), without metadata.
pub mod attachments;
/// Command-line interface: one module per subcommand.
pub mod cli;
/// `site.toml`.
pub mod config;
/// Stage 1: walk `content/`, split and parse front matter.
pub mod content;
/// Problems with file, line, column and a hint; human, GitHub and JSON reporters.
pub mod diagnostics;
/// Stage 3b: photos and body images resized, stripped of metadata, cached.
pub mod images;
/// Links in content: the form of external links and `check --external`.
pub mod links;
/// Stage 3: Markdown bodies to HTML.
pub mod markdown;
/// Stage 2: the resolved site model, references and indexes.
pub mod model;
/// Stage 5: atomic output (build beside, then swap).
pub mod output;
/// The build and check pipelines that tie the stages together.
pub mod pipeline;
/// Stage 4: Tera templates, page contexts and every output page.
pub mod render;
/// The yearly report: figures for a year (and a unit) as plain data, CSV, JSON, SVG.
pub mod report;
/// The client-side search index, split into shards by the first letters of words.
pub mod search;
/// `tonvinh serve`: watch, rebuild what changed, serve from memory, reload the browser.
pub mod serve;
/// Vietnamese text: NFC, slugs, name order, collation, dates.
pub mod vietnamese;

/// Frees `value` on a thread of its own: the model, bodies, templates and rendered
/// fragments of a large site take a while to free, and the files can be moved into
/// place meanwhile. A process that exits first lets the system take the memory back
/// at once.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    // Without a thread (the system refused one), the value is freed here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
