//! `tonvinh serve`: build into memory, serve over HTTP on loopback, watch the sources
//! and rebuild what changed, reload the browser or show it the errors.
//!
//! 1. `classify`: notify paths → change kinds (pure, table-tested);
//! 2. `incremental`: the last good build as a value, and the least work per change
//!    (the pipeline's records say what each page read);
//! 3. `server`: HTTP from memory (`memory`), files of the built site only;
//! 4. `reload`: Server-Sent Events and the script that reloads tabs or shows errors;
//!
//! `watch` is the loop that runs them in turn.

mod classify;
mod cms_actions;
mod cms_api;
mod incremental;
mod state;
mod memory;
mod readers;
mod reload;
mod server;
mod watch;

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch as signal_watch;

pub use classify::{ChangeKind, classify};
pub use incremental::{Outcome, Rebuilder, Update};
pub use memory::SiteFiles;
pub use server::{Target, content_type, target};

use crate::diagnostics::{format_human, sort};
use crate::pipeline::BuildOptions;
use crate::vietnamese::{Date, Lang};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// `None`: [`DEFAULT_PORT`], or the next free one.
    pub port: Option<u16>,
    pub bind: IpAddr,
    pub drafts: bool,
    pub open: bool,
}

/// Why serving could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Port(String),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("watch: {0}")]
    Watch(#[from] notify_debouncer_full::notify::Error),
}

/// Builds, serves and rebuilds until Ctrl-C.
pub fn run(options: &Options) -> Result<(), Error> {
    let root = options.root.canonicalize().map_err(|source| Error::Io {
        path: options.root.clone(),
        source,
    })?;
    let listener = bind(options.bind, options.port)?;
    let address = listener.local_addr().map_err(|source| Error::Io {
        path: root.clone(),
        source,
    })?;

    let build_options = BuildOptions {
        root: root.clone(),
        drafts: options.drafts,
        // One "today" for the whole session, so every rebuild agrees on it.
        today: Some(Date::today()),
        ..BuildOptions::default()
    };
    // Watch before building: a file saved during the first build is rebuilt after it.
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = watch::Watcher::new(&root, tx.clone())?;
    let mut rebuilder = Rebuilder::new(build_options);
    let started = Instant::now();
    let first = rebuilder.build_all();
    let lang = rebuilder.lang();
    let files = rebuilder.files().unwrap_or_default();
    let (stop_server, stopped) = signal_watch::channel(false);
    let state = Arc::new(server::AppState::new(files.clone(), stopped));
    // The form editor at /admin/ and its local API (serve/cms_api.rs).
    let cms = cms_api::Cms::new(&root, address.port(), !address.ip().is_loopback())
        .map(|cms| cms_api::router(Arc::new(cms), &files.base_path))
        .ok();
    say_first_build(&first, started.elapsed(), lang, &state);

    let loop_state = state.clone();
    std::thread::spawn(move || watch::run(watcher, &rx, rebuilder, &loop_state));

    let url = format!("http://{address}{}/", files.base_path);
    if !address.ip().is_loopback() {
        eprintln!(
            "{}",
            lang.pick(
                "cảnh báo: đang phục vụ trên một địa chỉ không phải loopback; mọi máy trong mạng đều xem được bản xem trước",
                "warning: serving on a non-loopback address; anyone on the network can see the preview"
            )
        );
    }
    eprintln!(
        "{} {url}  ({})",
        lang.pick("Xem trang tại", "Serving at"),
        lang.pick("Ctrl-C để dừng", "Ctrl-C to stop")
    );
    if cms.is_some() {
        eprintln!("{} {url}admin/", lang.pick("Soạn bài tại", "Edit at"));
    }
    if options.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!(
            "{}: {e}",
            lang.pick("không mở được trình duyệt", "cannot open a browser")
        );
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            path: root.clone(),
            source,
        })?;
    let served = runtime.block_on(serve(listener, state, cms, stop_server));
    let _ = tx.send(watch::Message::Stop);
    eprintln!("{}", lang.pick("Đã dừng.", "Stopped."));
    served.map_err(|source| Error::Io { path: root, source })
}

/// Serves until Ctrl-C (or SIGTERM), then lets open connections finish briefly.
async fn serve(
    listener: TcpListener,
    state: Arc<server::AppState>,
    cms: Option<axum::Router>,
    stop: signal_watch::Sender<bool>,
) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let mut stopped = state.shutdown();
    let app = match cms {
        Some(cms) => server::router(state).merge(cms),
        None => server::router(state),
    };
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        })
        .into_future();
    let server = tokio::spawn(server);
    shutdown_signal().await;
    let _ = stop.send(true);
    match tokio::time::timeout(Duration::from_secs(3), server).await {
        Ok(Ok(result)) => result,
        // Connections still open after a few seconds are simply dropped.
        Ok(Err(_)) | Err(_) => Ok(()),
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let term = async {
            match terminate.as_mut() {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {}
            () = term => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Binds `port`, or, when none was asked for, the first free port from
/// [`DEFAULT_PORT`] on, saying so.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, Error> {
    let (first, tries) = match port {
        Some(p) => (p, 1),
        None => (DEFAULT_PORT, 20),
    };
    for candidate in (first..).take(tries) {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                if candidate != first {
                    eprintln!(
                        "cổng {first} đang bận, dùng cổng {candidate} / port {first} is in use, using {candidate}"
                    );
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && port.is_none() => {}
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                return Err(Error::Port(format!(
                    "cổng {candidate} đang được dùng (có thể bởi một tonvinh serve khác); dừng chương trình đó hoặc chọn cổng khác, ví dụ --port {} / port {candidate} is already in use (perhaps by another tonvinh serve); stop it or choose another, e.g. --port {}",
                    candidate.wrapping_add(1),
                    candidate.wrapping_add(1)
                )));
            }
            Err(e) => {
                return Err(Error::Port(format!("{ip}:{candidate}: {e}")));
            }
        }
    }
    Err(Error::Port(format!(
        "cổng {first}–{} đều bận; chọn cổng bằng --port / ports {first}–{} are all in use; choose one with --port",
        first + 19,
        first + 19
    )))
}

fn say_first_build(outcome: &Outcome, took: Duration, lang: Lang, state: &server::AppState) {
    let mut err = io::stderr().lock();
    match outcome {
        Outcome::Built(update) => {
            watch::print_warnings(&mut err, &update.warnings, lang);
            let _ = writeln!(
                err,
                "{} {} {}, {} {}, {:.2} s",
                lang.pick("Đã dựng", "Built"),
                update.rendered,
                lang.pick("trang", "pages"),
                update.files.files.len(),
                lang.pick("tệp", "files"),
                took.as_secs_f64(),
            );
        }
        Outcome::Unchanged => {}
        Outcome::Failed(failure) => {
            let mut diagnostics = failure.diagnostics.clone();
            sort(&mut diagnostics);
            let _ = write!(err, "{}", format_human(&diagnostics, failure.lang));
            let _ = writeln!(
                err,
                "{}",
                failure.lang.pick(
                    "Không dựng được trang; sửa lỗi, trình duyệt sẽ tự tải lại.",
                    "Build failed; fix the errors and the browser reloads by itself."
                )
            );
            state.publish_errors(&diagnostics, failure.lang);
        }
    }
}
