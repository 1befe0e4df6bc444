//! serve, step 3: HTTP. Serves the built site from memory below its base path, with
//! content types, `index.html` for folders and the site's 404 page. Only files of
//! the built site can be served: a request path is a key into that map, never a file
//! system path, and `..`, encoded `%2e%2e`, backslashes and empty segments are refused.

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tokio::sync::{broadcast, watch};

use super::memory::SiteFiles;
use super::reload::{self, Status};
use crate::diagnostics::Diagnostic;
use crate::vietnamese::Lang;

/// The server's state: the files served and the build status, replaced as a whole
/// after each rebuild.
pub struct AppState {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Arc<str>>,
    shutdown: watch::Receiver<bool>,
}

/// One version of the site as served.
pub struct Snapshot {
    /// Goes up with every successful rebuild (and when errors are fixed).
    pub version: u64,
    pub files: Arc<SiteFiles>,
    /// [`Status`] as JSON, for the browsers.
    pub status: Arc<str>,
    /// The last rebuild failed.
    pub failing: bool,
}

impl AppState {
    /// The state before the first build (`files` is empty if it failed).
    pub fn new(files: Arc<SiteFiles>, shutdown: watch::Receiver<bool>) -> AppState {
        let status = Status::new(1, &[], true, Lang::Vi).to_json();
        AppState {
            snapshot: RwLock::new(Arc::new(Snapshot {
                version: 1,
                files,
                status,
                failing: false,
            })),
            events: broadcast::channel(16).0,
            shutdown,
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<str>> {
        self.events.subscribe()
    }

    pub fn shutdown(&self) -> watch::Receiver<bool> {
        self.shutdown.clone()
    }

    /// A good build: serve `files` (or the same files again, after errors were fixed
    /// without changing output) and tell the tabs to reload. `pending`: files no page
    /// shows are still to come ([`AppState::publish_quiet`]).
    pub fn publish(&self, files: Option<Arc<SiteFiles>>, css_only: bool, pending: bool) {
        self.replace(|old| {
            let version = old.version + 1;
            let status = Status {
                css_only,
                pending,
                ..Status::new(version, &[], true, Lang::Vi)
            };
            Snapshot {
                version,
                files: files.unwrap_or_else(|| old.files.clone()),
                status: status.to_json(),
                failing: false,
            }
        });
    }

    /// Files no page shows (the search index) brought up to date: served from now
    /// on, without reloading the tabs (and without hiding errors shown).
    pub fn publish_quiet(&self, files: Arc<SiteFiles>) {
        self.replace(|old| Snapshot {
            version: old.version,
            files,
            status: if old.failing {
                old.status.clone()
            } else {
                Status::new(old.version, &[], true, Lang::Vi).to_json()
            },
            failing: old.failing,
        });
    }

    /// A failed build: keep serving the last good files, show `errors` in every tab.
    pub fn publish_errors(&self, errors: &[Diagnostic], lang: Lang) {
        self.replace(|old| Snapshot {
            version: old.version,
            files: old.files.clone(),
            status: Status::new(old.version, errors, !old.files.files.is_empty(), lang).to_json(),
            failing: true,
        });
    }

    fn replace(&self, next: impl FnOnce(&Snapshot) -> Snapshot) {
        let status = {
            let mut current = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
            let snapshot = next(&current);
            let status = snapshot.status.clone();
            *current = Arc::new(snapshot);
            status
        };
        // No tab open is fine.
        let _ = self.events.send(status);
    }
}

/// The routes: the live-reload endpoints, then every path of the site.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(reload::SCRIPT_PATH, get(reload::script))
        .route(reload::EVENTS_PATH, get(reload::events))
        .route("/__tonvinh/status", get(status))
        .route("/", get(site_file))
        .route("/{*path}", get(site_file))
        .with_state(state)
}

/// `GET /__tonvinh/status`: the build's status as JSON (for scripts and tests).
async fn status(State(state): State<Arc<AppState>>) -> Response {
    let snapshot = state.current();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        snapshot.status.to_string(),
    )
        .into_response()
}

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by path below the output folder.
    File(String),
    /// The same place with a trailing slash, or the site's root below the base path.
    Redirect(String),
    /// Outside the site (another path than the base path).
    NotFound,
    /// A path trying to leave the site, or that is not a path.
    Refused,
}

/// Maps a request path (still percent-encoded) to a file of the site served below
/// `base_path` (`/dien-hinh`, or empty).
pub fn target(base_path: &str, raw: &str) -> Target {
    let Ok(path) = percent_decode_str(raw).decode_utf8() else {
        return Target::Refused;
    };
    if !path.starts_with('/') || path.contains(['\\', '\0']) {
        return Target::Refused;
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    let bad = segments
        .iter()
        .enumerate()
        .any(|(i, s)| *s == ".." || *s == "." || (s.is_empty() && i != last));
    if bad {
        return Target::Refused;
    }
    if !base_path.is_empty() && (path == base_path || path == "/") {
        return Target::Redirect(format!("{base_path}/"));
    }
    let Some(rel) = path
        .strip_prefix(base_path)
        .and_then(|p| p.strip_prefix('/'))
    else {
        return Target::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        Target::File(format!("{rel}index.html"))
    } else {
        Target::File(rel.to_string())
    }
}

/// The `Content-Type` of a file of the site.
pub fn content_type(rel: &str) -> String {
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let text = mime.type_() == "text"
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Any other path: a file of the site, a redirect, or the site's 404 page.
async fn site_file(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let snapshot = state.current();
    let files = &snapshot.files;
    match target(&files.base_path, uri.path()) {
        Target::File(rel) => {
            if let Some(bytes) = files.get(&rel) {
                return file_response(StatusCode::OK, &rel, bytes, snapshot.version);
            }
            if files.get(&format!("{rel}/index.html")).is_some() {
                return redirect(&format!("{}/", uri.path()));
            }
            not_found(&snapshot)
        }
        Target::Redirect(location) => redirect(&location),
        Target::NotFound => not_found(&snapshot),
        Target::Refused => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    }
}

fn file_response(status: StatusCode, rel: &str, bytes: &bytes::Bytes, version: u64) -> Response {
    let content_type = content_type(rel);
    let body = if content_type.starts_with("text/html") {
        Body::from(reload::inject(bytes, version))
    } else {
        Body::from(bytes.clone())
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The site's 404 page with status 404 (a bare page before the first good build,
/// still with the script, so that the errors show and a fix reloads).
fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.files.get("404.html") {
        Some(bytes) => file_response(StatusCode::NOT_FOUND, "404.html", bytes, snapshot.version),
        None => {
            let page = bytes::Bytes::from_static(
                b"<!doctype html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><p>404</p></body></html>",
            );
            file_response(StatusCode::NOT_FOUND, "404.html", &page, snapshot.version)
        }
    }
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_files_only() {
        let file = |s: &str| Target::File(s.into());
        #[rustfmt::skip]
        let table: &[(&str, &str, Target)] = &[
            ("", "/", file("index.html")),
            ("", "/guong-dien-hinh/", file("guong-dien-hinh/index.html")),
            ("", "/guong-dien-hinh", file("guong-dien-hinh")),
            ("", "/theme.css", file("theme.css")),
            ("", "/chu-de/h%E1%BA%A3i-%C4%91%E1%BA%A3o/", file("chu-de/hải-đảo/index.html")),
            ("/dien-hinh", "/dien-hinh/", file("index.html")),
            ("/dien-hinh", "/dien-hinh/atom.xml", file("atom.xml")),
            ("/dien-hinh", "/dien-hinh", Target::Redirect("/dien-hinh/".into())),
            ("/dien-hinh", "/", Target::Redirect("/dien-hinh/".into())),
            ("/dien-hinh", "/theme.css", Target::NotFound),
            ("/dien-hinh", "/dien-hinhx/", Target::NotFound),
            // Ways out of the site.
            ("", "/../etc/passwd", Target::Refused),
            ("", "/a/../../etc/passwd", Target::Refused),
            ("", "/%2e%2e/etc/passwd", Target::Refused),
            ("", "/%2E%2E%2Fetc%2Fpasswd", Target::Refused),
            ("", "/a/%2e%2e/b", Target::Refused),
            ("", "/./index.html", Target::Refused),
            ("", "//etc/passwd", Target::Refused),
            ("", "/a//b", Target::Refused),
            ("", "/..%5c..%5cwindows", Target::Refused),
            ("", "/index.html%00.css", Target::Refused),
            ("", "/%ff", Target::Refused),
            ("/dien-hinh", "/dien-hinh/../secret", Target::Refused),
            // Encoded twice: the literal name `%2e%2e`, which no file has.
            ("", "/%252e%252e/x", file("%2e%2e/x")),
        ];
        for (base, raw, expected) in table {
            assert_eq!(&target(base, raw), expected, "{base} {raw}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("theme.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "text/xml; charset=utf-8");
        assert_eq!(
            content_type("search-index.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("favicon.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("a/chan-dung-480.jpg"), "image/jpeg");
        assert_eq!(content_type("bao-cao-2025.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
    }
}
