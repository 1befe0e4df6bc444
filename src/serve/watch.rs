//! serve: the loop that ties it together. notify events, debounced, are classified;
//! each batch is one rebuild, whose result is published to the server and the tabs
//! and summed up on the terminal.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{self, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::classify::{ChangeKind, classify, is_change};
use super::incremental::{Outcome, Rebuilder};
use super::server::AppState;
use crate::diagnostics::{Diagnostic, format_human, sort};
use crate::vietnamese::Lang;

/// How long a path must be quiet before its events are passed on. An editor's save
/// (write a temporary file, rename it over the old one) takes a few milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How often the debouncer looks for quiet paths.
const TICK: Duration = Duration::from_millis(5);
/// After a batch, later batches arriving within this time join the same rebuild, so
/// that a long burst (a `git checkout`, a folder of photos) is built once.
const SETTLE: Duration = Duration::from_millis(10);

/// How long the watcher waits for quiet before bringing deferred files (the search
/// index) up to date: three times what it took last time, within these bounds, so
/// that a site where it is slow does it between an editor's saves.
const IDLE_MIN: Duration = Duration::from_millis(50);
const IDLE_MAX: Duration = Duration::from_secs(1);

/// The folders watched recursively; `site.toml` is seen through the root folder.
const WATCHED: [&str; 3] = ["content", "static", "themes"];

/// What the loop receives.
pub enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// The file watcher, owned by the rebuild loop.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
}

impl Watcher {
    /// Watches the site at `root` (an absolute path), sending batches to `tx`.
    pub fn new(root: &Path, tx: Sender<Message>) -> notify::Result<Watcher> {
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |events| {
            let _ = tx.send(Message::Events(events));
        })?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
        };
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED {
            watcher.watch_folder(&root.join(dir))?;
        }
        Ok(watcher)
    }

    fn watch_folder(&mut self, dir: &Path) -> notify::Result<()> {
        if dir.is_dir() {
            self.debouncer.watch(dir, RecursiveMode::Recursive)?;
        }
        Ok(())
    }

    /// Starts watching a watched folder that has just been created.
    fn notice_new_folders(&mut self, paths: &[PathBuf]) {
        for dir in WATCHED.map(|d| self.root.join(d)) {
            if paths.contains(&dir)
                && let Err(e) = self.watch_folder(&dir)
            {
                eprintln!("{}: {e}", dir.display());
            }
        }
    }
}

/// Runs until [`Message::Stop`]: each batch of changes is one rebuild.
pub fn run(
    mut watcher: Watcher,
    rx: &Receiver<Message>,
    mut rebuilder: Rebuilder,
    state: &Arc<AppState>,
) {
    let mut idle = IDLE_MIN;
    loop {
        let first = if rebuilder.has_pending() {
            match rx.recv_timeout(idle) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    let started = Instant::now();
                    let outcome = rebuilder.finish_pending();
                    idle = (started.elapsed() * 3).clamp(IDLE_MIN, IDLE_MAX);
                    report_deferred(&outcome, started.elapsed(), &rebuilder, state);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            let Ok(message) = rx.recv() else { return };
            message
        };
        let mut paths = Vec::new();
        let mut stop = collect(first, &mut paths);
        while !stop {
            match rx.recv_timeout(SETTLE) {
                Ok(more) => stop = collect(more, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => stop = true,
            }
        }
        if stop {
            return;
        }
        watcher.notice_new_folders(&paths);
        let kinds: BTreeSet<ChangeKind> = paths
            .iter()
            .map(|p| classify(&watcher.root, rebuilder.theme(), p))
            .filter(|k| *k != ChangeKind::Ignored)
            .collect();
        if kinds.is_empty() {
            continue;
        }
        let kinds: Vec<ChangeKind> = kinds.into_iter().collect();
        let started = Instant::now();
        let outcome = rebuilder.rebuild(&kinds);
        report(&outcome, &kinds, started.elapsed(), &rebuilder, state);
    }
}

/// Adds a batch's paths; true on [`Message::Stop`].
fn collect(message: Message, paths: &mut Vec<PathBuf>) -> bool {
    match message {
        Message::Stop => true,
        Message::Events(Ok(events)) => {
            paths.extend(
                events
                    .into_iter()
                    .filter(|e| is_change(&e.event.kind))
                    .flat_map(|e| e.event.paths),
            );
            false
        }
        Message::Events(Err(errors)) => {
            for e in errors {
                eprintln!("watch: {e}");
            }
            false
        }
    }
}

/// Publishes a rebuild to the server and the tabs, and says what happened.
fn report(
    outcome: &Outcome,
    kinds: &[ChangeKind],
    took: Duration,
    rebuilder: &Rebuilder,
    state: &AppState,
) {
    let lang = rebuilder.lang();
    let mut out = std::io::stderr().lock();
    let what = kinds
        .iter()
        .find_map(|k| match k {
            ChangeKind::Content(p) | ChangeKind::Section(p) | ChangeKind::Static(p) => {
                Some(p.display().to_string())
            }
            ChangeKind::Config => Some("site.toml".into()),
            ChangeKind::Template => Some("themes".into()),
            ChangeKind::Ignored => None,
        })
        .unwrap_or_default();
    let more = if kinds.len() > 1 {
        format!(" (+{})", kinds.len() - 1)
    } else {
        String::new()
    };
    let ms = took.as_millis();
    match outcome {
        Outcome::Built(update) => {
            state.publish(
                Some(update.files.clone()),
                update.css_only(),
                update.pending,
            );
            // The warnings of the files just saved (all of them are in tonvinh check).
            let saved: Vec<&Path> = kinds
                .iter()
                .filter_map(|k| match k {
                    ChangeKind::Content(p) | ChangeKind::Section(p) => Some(p.as_path()),
                    _ => None,
                })
                .collect();
            let warnings: Vec<Diagnostic> = update
                .warnings
                .iter()
                .filter(|d| saved.contains(&d.path.as_path()))
                .cloned()
                .collect();
            print_warnings(&mut out, &warnings, lang);
            let _ = writeln!(
                out,
                "{what}{more}: {} {} {}, {} {} ({}), {ms} ms",
                lang.pick("dựng lại", "rebuilt"),
                update.rendered,
                lang.pick("trang", "pages"),
                update.changed.len(),
                lang.pick("tệp thay đổi", "files changed"),
                update.how,
            );
        }
        Outcome::Unchanged => {
            if state.current().failing {
                state.publish(None, false, rebuilder.has_pending());
                let _ = writeln!(
                    out,
                    "{what}{more}: {}, {ms} ms",
                    lang.pick("đã sửa xong lỗi", "errors fixed")
                );
            }
        }
        Outcome::Failed(failure) => {
            let mut diagnostics = failure.diagnostics.clone();
            sort(&mut diagnostics);
            state.publish_errors(&diagnostics, failure.lang);
            let _ = write!(out, "{}", format_human(&diagnostics, failure.lang));
            let _ = writeln!(
                out,
                "{what}{more}: {}",
                failure.lang.pick(
                    "không dựng được trang; trình duyệt vẫn hiển thị bản tốt gần nhất, kèm lỗi",
                    "build failed; the browser keeps the last good site and shows the errors"
                )
            );
        }
    }
}

/// Publishes deferred files (the search index) without reloading tabs.
fn report_deferred(outcome: &Outcome, took: Duration, rebuilder: &Rebuilder, state: &AppState) {
    let lang = rebuilder.lang();
    let mut out = std::io::stderr().lock();
    if let Some(files) = rebuilder.files() {
        state.publish_quiet(files);
    }
    match outcome {
        Outcome::Built(update) => {
            let _ = writeln!(
                out,
                "  {}: {} {}, {} ms",
                lang.pick("chỉ mục tìm kiếm", "search index"),
                update.changed.len(),
                lang.pick("tệp thay đổi", "files changed"),
                took.as_millis()
            );
        }
        Outcome::Unchanged => {}
        Outcome::Failed(failure) => {
            state.publish_errors(&failure.diagnostics, failure.lang);
            let _ = write!(out, "{}", format_human(&failure.diagnostics, failure.lang));
        }
    }
}

/// Warnings in full when there are a few, else how many.
pub fn print_warnings(out: &mut impl Write, warnings: &[Diagnostic], lang: Lang) {
    if warnings.len() <= 10 {
        let mut warnings = warnings.to_vec();
        sort(&mut warnings);
        let _ = write!(out, "{}", format_human(&warnings, lang));
    } else {
        let _ = writeln!(
            out,
            "{} {} (tonvinh check)",
            warnings.len(),
            lang.pick("cảnh báo", "warnings")
        );
    }
}
