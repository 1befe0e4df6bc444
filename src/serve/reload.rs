//! serve, step 4: live reload. One Server-Sent Events endpoint tells every open tab
//! the state of the build (its version, and the errors of a failed rebuild); a small
//! script, compiled into the binary, is added to the HTML pages serve sends (never to
//! `build` output) and reloads the tab, swaps its stylesheets or shows the errors.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::Serialize;
use tokio::sync::broadcast::error::RecvError;

use super::server::AppState;
use crate::diagnostics::{Diagnostic, Severity};
use crate::vietnamese::Lang;

/// The script added to HTML pages.
pub const SCRIPT: &str = include_str!("live.js");
/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__tonvinh/live.js";
/// The events endpoint.
pub const EVENTS_PATH: &str = "/__tonvinh/events";

/// What a tab is told: the build's version and what is wrong with it.
#[derive(Debug, Serialize)]
pub struct Status {
    pub version: u64,
    /// Only stylesheets changed since the previous version.
    pub css_only: bool,
    /// Files no page shows (the search index) are still being brought up to date.
    pub pending: bool,
    pub title: &'static str,
    pub errors: Vec<ErrorView>,
}

/// One error, ready to show.
#[derive(Debug, Serialize)]
pub struct ErrorView {
    /// `content/guong-dien-hinh/hoa.md:3:8`.
    pub location: String,
    pub code: &'static str,
    pub message: String,
    /// The source line with a caret under the problem.
    pub frame: String,
    pub help: String,
    pub help_label: &'static str,
}

impl Status {
    /// `kept`: a good build from before the errors is still served.
    pub fn new(version: u64, errors: &[Diagnostic], kept: bool, lang: Lang) -> Status {
        let errors: Vec<ErrorView> = errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| ErrorView {
                location: d.location(),
                code: d.code,
                message: d.message.clone(),
                frame: d.snippet.as_ref().map_or_else(String::new, |s| {
                    let number = d.line.to_string();
                    let pad = " ".repeat(number.len());
                    let marks = " ".repeat(s.underline.start) + &"^".repeat(s.underline.len());
                    format!("{number} | {}\n{pad} | {marks}", s.text)
                }),
                help: d.help.clone().unwrap_or_default(),
                help_label: lang.pick("gợi ý", "help"),
            })
            .collect();
        let title = match (errors.is_empty(), kept) {
            (true, _) => "",
            (false, true) => lang.pick(
                "Không dựng được trang — đang hiển thị bản tốt gần nhất",
                "Build failed — showing the last good version",
            ),
            (false, false) => lang.pick("Không dựng được trang", "Build failed"),
        };
        Status {
            version,
            css_only: false,
            pending: false,
            title,
            errors,
        }
    }

    pub fn to_json(&self) -> Arc<str> {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{}".into())
            .into()
    }
}

/// Adds the live-reload script to an HTML page, before `</body>`.
pub fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-version=\"{version}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// `GET /__tonvinh/live.js`.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
}

/// `GET /__tonvinh/events`: the current status, then one per rebuild, until the
/// server stops.
pub async fn events(
    State(state): State<Arc<AppState>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = Some(state.current().status.clone());
    let rx = state.subscribe();
    let shutdown = state.shutdown();
    let stream = futures_util::stream::unfold(
        (first, rx, shutdown, state),
        |(first, mut rx, mut shutdown, state)| async move {
            if let Some(status) = first {
                let event = Event::default()
                    .retry(Duration::from_millis(500))
                    .data(&*status);
                return Some((Ok(event), (None, rx, shutdown, state)));
            }
            let status = tokio::select! {
                message = rx.recv() => match message {
                    Ok(status) => status,
                    // Missed some: the latest state is what matters.
                    Err(RecvError::Lagged(_)) => state.current().status.clone(),
                    Err(RecvError::Closed) => return None,
                },
                _ = shutdown.wait_for(|stop| *stop) => return None,
            };
            let event = Event::default().data(&*status);
            Some((Ok(event), (None, rx, shutdown, state)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><body><p>x</p></body></html>", 7);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__tonvinh/live.js\" data-version=\"7\"></script></body></html>"
        );
        let bare = inject(b"<p>x</p>", 1);
        assert!(String::from_utf8(bare).unwrap().ends_with("</script>"));
    }

    #[test]
    fn errors_carry_location_frame_and_hint() {
        let text = "+++\nname = \"Hoa\nunit = \"x\"\n+++\n";
        let src = crate::diagnostics::SourceText::new(text);
        let d = Diagnostic::error("toml-syntax", "content/a.md", "unterminated string")
            .with_help("close the quotes")
            .at(&src, 11..12);
        let status = Status::new(3, &[d], true, Lang::En);
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).unwrap();
        let e = &json["errors"][0];
        assert_eq!(e["location"], "content/a.md:2:8");
        assert_eq!(e["frame"], "2 | name = \"Hoa\n  |        ^");
        assert_eq!(e["help"], "close the quotes");
        assert_eq!(json["version"], 3);
    }
}
