//! serve: the form editor on this computer. `/admin/` (below the base path) serves
//! the CMS page and its configuration; `POST /__tonvinh/cms/api/v1` answers the API
//! of Decap's local backend (what npm `decap-server` does in its `localFs` mode:
//! list, read, write, move and delete entries and media), writing the site's files
//! directly, so that the watcher rebuilds and the preview reloads.
//!
//! Only the admin page served by this `serve` can use it:
//! - every call carries the per-run random token that only that page holds, in the
//!   `X-Tonvinh-Token` header (a form on another site cannot add a header, and a
//!   script there cannot without a CORS preflight, which is never answered);
//! - `Origin` must be this server, and `Host` a loopback name or an IP address
//!   (a DNS-rebinding name is refused before the page with the token is served);
//! - only JSON bodies are read;
//! - every path is relative, below `content/`, free of `..`, and does not lead out
//!   through a symbolic link.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use crate::cms::{self, Backend, Local, TOKEN_HEADER};

/// The API's path (not below the base path: it is the server's, not the site's).
pub const API_PATH: &str = "/__tonvinh/cms/api/v1";

/// Photos are sent as base64 in JSON; decap-server allows 50 MB.
const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// What the API and the admin page need.
pub struct Cms {
    /// The site's folder (canonical).
    root: PathBuf,
    /// `root/content`, canonical.
    content: PathBuf,
    token: String,
    port: u16,
    /// Served on a non-loopback address (`--bind`): any IP address may be the host.
    open: bool,
}

/// Why a request is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not from the admin page of this server (status 403).
    Forbidden(&'static str),
    /// A path outside `content/` (status 403).
    Path(String),
    /// A request the API does not understand (status 422).
    Bad(String),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            Refusal::Forbidden(why) => (StatusCode::FORBIDDEN, why.to_string()),
            Refusal::Path(path) => (
                StatusCode::FORBIDDEN,
                format!("đường dẫn nằm ngoài content/ / path outside content/: {path}"),
            ),
            Refusal::Bad(why) => (StatusCode::UNPROCESSABLE_ENTITY, why),
        };
        let mut response = json_response(status, &json!({ "error": message }));
        no_store(response.headers_mut());
        response
    }
}

impl Cms {
    /// The editor of the site at `root`, served on `port`.
    pub fn new(root: &Path, port: u16, open: bool) -> std::io::Result<Cms> {
        let root = root.canonicalize()?;
        let content = root.join("content").canonicalize()?;
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(Cms {
            token: BASE64.encode(bytes).replace(['+', '/'], "_"),
            root,
            content,
            port,
            open,
        })
    }

    /// Whether `host` (the `Host` header) names this server: a loopback name or
    /// address with its port, or any IP address when serving beyond loopback. A
    /// domain name that resolves here (DNS rebinding) is not this server.
    fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = host.rsplit_once(':') else {
            return false;
        };
        if port.parse() != Ok(self.port) {
            return false;
        }
        let ip = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>();
        match ip {
            Ok(ip) => ip.is_loopback() || self.open,
            Err(_) => name.eq_ignore_ascii_case("localhost"),
        }
    }

    /// Checks a request to the API: host, origin, token, JSON.
    pub fn admit(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let host = value("host").unwrap_or_default();
        if !self.host_allowed(host) {
            return Err(Refusal::Forbidden(
                "tên máy không phải của tonvinh serve / unknown host",
            ));
        }
        if value("origin") != Some(&format!("http://{host}")) {
            return Err(Refusal::Forbidden(
                "yêu cầu không đến từ trang soạn bài này / not from this admin page",
            ));
        }
        if value("sec-fetch-site").is_some_and(|s| s != "same-origin") {
            return Err(Refusal::Forbidden(
                "yêu cầu từ trang khác / cross-site request",
            ));
        }
        let token = value(TOKEN_HEADER).unwrap_or_default();
        if !same(token.as_bytes(), self.token.as_bytes()) {
            return Err(Refusal::Forbidden(
                "thiếu hoặc sai mã phiên; tải lại trang /admin/ / missing or wrong token; reload /admin/",
            ));
        }
        if !value("content-type").is_some_and(|t| t.starts_with("application/json")) {
            return Err(Refusal::Forbidden("cần JSON / JSON only"));
        }
        Ok(())
    }

    /// `rel` (a path relative to the site, as the CMS sends it) as a path below
    /// `content/`, or why not: absolute, `..`, backslashes, outside `content/`, or
    /// through a symbolic link that leads out of it.
    pub fn confine(&self, rel: &str) -> Result<PathBuf, Refusal> {
        let refuse = || Refusal::Path(rel.to_string());
        let rel_path = Path::new(rel);
        let plain = !rel.is_empty()
            && !rel.contains(['\\', '\0', ':'])
            && rel_path
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain || rel_path.components().next() != Some(Component::Normal("content".as_ref())) {
            return Err(refuse());
        }
        let path = self.root.join(rel_path);
        // The part that exists must resolve inside content/ (no link leading out).
        let mut existing = path.as_path();
        while !existing.exists() {
            existing = existing.parent().ok_or_else(refuse)?;
        }
        let resolved = existing.canonicalize().map_err(|_| refuse())?;
        if !resolved.starts_with(&self.content) {
            return Err(refuse());
        }
        // Never write through a link, even one that stays inside.
        if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(refuse());
        }
        Ok(path)
    }

    /// The site-relative path of a file below the root, with `/`.
    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// Constant-time comparison of the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A JSON answer, never cached.
fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response();
    no_store(response.headers_mut());
    response
}

fn no_store(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, "no-store".parse().unwrap());
}

/// The routes: the admin page and its configuration below `base_path`, the API.
pub fn router(cms: Arc<Cms>, base_path: &str) -> Router {
    let admin = format!("{base_path}/admin");
    let slash = format!("{admin}/");
    Router::new()
        .route(&admin, get(move || async move { Redirect::to(&slash) }))
        .route(&format!("{admin}/"), get(page))
        .route(&format!("{admin}/index.html"), get(page))
        .route(&format!("{admin}/config.yml"), get(config))
        .route(API_PATH, post(api).layer(DefaultBodyLimit::max(BODY_LIMIT)))
        .with_state(cms)
}

/// The model of the site as it is on disk now (sections and awards may change),
/// or the page saying why there is none.
fn model(cms: &Cms) -> Result<cms::Model, Box<Response>> {
    cms::load(&cms.root).map_err(|problems| {
        let text = crate::diagnostics::format_human(&problems, crate::vietnamese::Lang::Vi);
        Box::new((StatusCode::INTERNAL_SERVER_ERROR, text).into_response())
    })
}

/// `GET /admin/`: the CMS page with the token, only to this server's own names.
async fn page(State(cms): State<Arc<Cms>>, headers: HeaderMap) -> Response {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !host.is_some_and(|h| cms.host_allowed(h)) {
        return Refusal::Forbidden("tên máy không phải của tonvinh serve / unknown host")
            .into_response();
    }
    let model = match model(&cms) {
        Ok(m) => m,
        Err(r) => return *r,
    };
    let local = Local {
        api: API_PATH,
        token: &cms.token,
    };
    let mut response = (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        cms::admin_page(&model, Some(local)),
    )
        .into_response();
    no_store(response.headers_mut());
    response
}

/// `GET /admin/config.yml`: the configuration with the local backend.
async fn config(State(cms): State<Arc<Cms>>) -> Response {
    let model = match model(&cms) {
        Ok(m) => m,
        Err(r) => return *r,
    };
    let yaml = cms::config_yaml(
        &model,
        &Backend::Local {
            api: API_PATH.into(),
        },
    );
    let mut response = ([(header::CONTENT_TYPE, "text/yaml; charset=utf-8")], yaml).into_response();
    no_store(response.headers_mut());
    response
}

/// `POST /__tonvinh/cms/api/v1`: one action of the local backend.
async fn api(State(cms): State<Arc<Cms>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refusal) = cms.admit(&headers) {
        return refusal.into_response();
    }
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return Refusal::Bad(format!("JSON: {e}")).into_response(),
    };
    let action = request["action"].as_str().unwrap_or_default().to_string();
    let params = request["params"].clone();
    let cms2 = cms.clone();
    let answer =
        tokio::task::spawn_blocking(move || super::cms_actions::act(&cms2, &action, &params)).await;
    match answer {
        Ok(Ok(value)) => json_response(StatusCode::OK, &value),
        Ok(Err(refusal)) => refusal.into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    }
}

impl Cms {
    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    pub(super) fn site_rel(&self, path: &Path) -> String {
        self.rel(path)
    }

    pub(super) fn content_dir(&self) -> &Path {
        &self.content
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cms() -> (tempfile::TempDir, Cms) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/guong-dien-hinh")).unwrap();
        std::fs::write(dir.path().join("site.toml"), "").unwrap();
        let cms = Cms::new(dir.path(), 1111, false).unwrap();
        (dir, cms)
    }

    #[test]
    fn paths_stay_below_content() {
        let (dir, cms) = cms();
        for ok in [
            "content/guong-dien-hinh/a/index.md",
            "content/guong-dien-hinh/a/chan-dung.jpg",
            "content/anh.jpg",
        ] {
            assert!(cms.confine(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "site.toml",
            "static/x.js",
            "themes/default/templates/base.html",
            "content/../site.toml",
            "content/a/../../site.toml",
            "./content/a.md",
            "/etc/passwd",
            "/content/a.md",
            "content\\..\\site.toml",
            "C:/Windows/x",
            "content/a\0.md",
            "contentx/a.md",
            "..",
        ] {
            assert!(cms.confine(bad).is_err(), "{bad:?} was allowed");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(outside.path(), dir.path().join("content/out")).unwrap();
            assert!(cms.confine("content/out/x.md").is_err());
            std::os::unix::fs::symlink(
                dir.path().join("site.toml"),
                dir.path().join("content/link.md"),
            )
            .unwrap();
            assert!(cms.confine("content/link.md").is_err());
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_admin_page_of_this_server_is_admitted() {
        let (_dir, cms) = cms();
        let token = cms.token.clone();
        let good = [
            ("host", "127.0.0.1:1111"),
            ("origin", "http://127.0.0.1:1111"),
            ("content-type", "application/json; charset=utf-8"),
            ("x-tonvinh-token", token.as_str()),
        ];
        assert_eq!(cms.admit(&headers(&good)), Ok(()));
        let with = |key: &'static str, value: &'static str| {
            let mut h = headers(&good);
            h.insert(key, value.parse().unwrap());
            cms.admit(&h)
        };
        let without = |key: &str| {
            let mut h = headers(&good);
            h.remove(key);
            cms.admit(&h)
        };
        assert!(without("x-tonvinh-token").is_err());
        assert!(with("x-tonvinh-token", "guess").is_err());
        assert!(without("origin").is_err());
        assert!(with("origin", "http://evil.example").is_err());
        assert!(with("origin", "null").is_err());
        assert!(with("content-type", "text/plain").is_err());
        assert!(with("sec-fetch-site", "cross-site").is_err());
        // DNS rebinding: another name for this address, with a matching origin.
        let mut rebound = headers(&good);
        rebound.insert("host", "evil.example:1111".parse().unwrap());
        rebound.insert("origin", "http://evil.example:1111".parse().unwrap());
        assert!(cms.admit(&rebound).is_err());
        assert!(cms.host_allowed("localhost:1111"));
        assert!(cms.host_allowed("[::1]:1111"));
        assert!(!cms.host_allowed("127.0.0.1:2222"));
        assert!(!cms.host_allowed("192.168.1.5:1111"), "only with --bind");
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let open = Cms::new(dir.path(), 1111, true).unwrap();
        assert!(open.host_allowed("192.168.1.5:1111"));
        assert!(
            !open.host_allowed("evil.example:1111"),
            "names never, even with --bind"
        );
        assert_ne!(open.token, cms.token, "a token per run");
    }
}
