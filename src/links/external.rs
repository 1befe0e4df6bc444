//! Links to other sites: their form, checked in every build without the network
//! ([`check_form`]), and whether they still lead somewhere, checked by
//! `tonvinh check --external` ([`check`]): HEAD, then GET when HEAD is refused,
//! a few requests at a time, results kept a day in `.tonvinh-cache/links.json`.
//! Dead links are warnings: another site's page can vanish any day, and a
//! school's pull request should not fail for it.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::{IpAddr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Severity};
use crate::vietnamese::Lang;

mod collect;
mod messages;

pub use collect::{collect, in_front_matter, is_external};

/// One URL and every place that uses it.
#[derive(Debug, Clone)]
pub struct Link {
    pub url: String,
    /// Each place as a diagnostic located at the link (file, line, column and code
    /// frame); its code, message and help are replaced by the problem's.
    pub places: Vec<Diagnostic>,
}

/// What is wrong with the form of a URL (no network needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormProblem {
    /// A scheme other than http, https, mailto and tel (`javascript:`, `file:`).
    Scheme(String),
    /// Spaces or line breaks inside the URL.
    Whitespace,
    /// No host, or a host that does not parse (`https://`, `http://a b`).
    BadHost(String),
    /// `localhost`, a private or a loopback address: readers cannot reach it.
    Private(String),
    /// `mailto:` without an address, `tel:` with letters.
    BadContact,
}

/// Checks the form of an external URL: http, https, mailto or tel; a host that
/// parses and is reachable from the internet; no spaces.
pub fn check_form(url: &str) -> Result<(), FormProblem> {
    if url.chars().any(char::is_whitespace) {
        return Err(FormProblem::Whitespace);
    }
    let url = url
        .strip_prefix("//")
        .map_or_else(|| url.to_string(), |u| format!("https://{u}"));
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("mailto") => {
            let address = &url["mailto:".len()..];
            let address = address.split('?').next().unwrap_or_default();
            return match address.split_once('@') {
                Some((user, host)) if !user.is_empty() && host.contains('.') => Ok(()),
                _ => Err(FormProblem::BadContact),
            };
        }
        Some("tel") => {
            let number = &url["tel:".len()..];
            let ok = number.chars().any(|c| c.is_ascii_digit())
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || "+-.()".contains(c));
            return if ok {
                Ok(())
            } else {
                Err(FormProblem::BadContact)
            };
        }
        Some("http" | "https") => {}
        Some(other) => return Err(FormProblem::Scheme(other.to_string())),
        None => return Err(FormProblem::Scheme(String::new())),
    }
    let parsed = url::Url::parse(&url).map_err(|e| FormProblem::BadHost(e.to_string()))?;
    let host = parsed
        .host()
        .ok_or_else(|| FormProblem::BadHost(String::new()))?;
    let private = match &host {
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost"
                || [".localhost", ".local", ".internal", ".lan"]
                    .iter()
                    .any(|s| d.ends_with(s))
                || !d.contains('.')
        }
        url::Host::Ipv4(ip) => is_private(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => is_private(IpAddr::V6(*ip)),
    };
    if private {
        return Err(FormProblem::Private(host.to_string()));
    }
    Ok(())
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => {
            ip.is_private()
                || ip.is_loopback()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast()
                // 100.64.0.0/10, carrier-grade NAT
                || (ip.octets()[0] == 100 && (ip.octets()[1] & 0xC0) == 64)
        }
        IpAddr::V6(ip) => {
            let first = ip.segments()[0];
            ip.is_loopback()
                || ip.is_unspecified()
                || (first & 0xFE00) == 0xFC00 // unique local
                || (first & 0xFFC0) == 0xFE80 // link-local
                || ip.to_ipv4_mapped().is_some_and(|v4| is_private(IpAddr::V4(v4)))
                || ip == Ipv6Addr::LOCALHOST
        }
    }
}

/// The form problems of `links`, one error at each place.
pub fn form_problems(links: &[Link], lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for link in links {
        if let Err(problem) = check_form(&link.url) {
            let (message, help) = messages::form(&problem, &link.url, lang);
            for place in &link.places {
                out.push(fill(place, Severity::Error, "link-form", &message, help));
            }
        }
    }
    out
}

/// How the network check runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// For one URL, redirects included.
    pub timeout: Duration,
    pub max_redirects: u32,
    /// Requests at once, in all.
    pub concurrency: usize,
    /// Requests at once to one host (and port): be polite to small school servers.
    pub per_host: usize,
    /// How long a result is trusted.
    pub cache_for: Duration,
    /// The time now (tests move it).
    pub now: SystemTime,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            timeout: Duration::from_secs(10),
            max_redirects: 10,
            concurrency: 8,
            per_host: 2,
            cache_for: Duration::from_secs(24 * 60 * 60),
            now: SystemTime::now(),
        }
    }
}

/// What a URL answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// 2xx, 3xx after the last redirect, or 401/403/429: the page exists.
    Alive(u16),
    /// 404 or 410.
    Dead(u16),
    /// Another 4xx or a 5xx.
    Failed(u16),
    /// The domain does not exist.
    NoSuchHost,
    Timeout,
    TooManyRedirects,
    /// Connection refused, TLS error and the like.
    Unreachable(String),
}

impl Outcome {
    /// Whether the answer is worth remembering for a day: a network hiccup is not.
    fn lasting(&self) -> bool {
        matches!(self, Outcome::Alive(_) | Outcome::Dead(_))
    }
}

/// The cache file, relative to the site root.
pub const CACHE: &str = ".tonvinh-cache/links.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    /// Seconds since 1970.
    checked: u64,
    outcome: Outcome,
}

/// Fetches every http(s) link (mailto and tel are not fetched), and returns a
/// warning at each place of each link that is dead, unreachable or too slow.
pub fn check(root: &Path, links: &[Link], options: &Options, lang: Lang) -> Vec<Diagnostic> {
    let cache_path = root.join(CACHE);
    let mut cache = read_cache(&cache_path);
    let now = seconds(options.now);
    let fresh = |c: &Cached| now.saturating_sub(c.checked) < options.cache_for.as_secs();
    let mut targets: Vec<String> = links
        .iter()
        .filter_map(|l| fetchable(&l.url))
        .filter(|u| !cache.get(u).is_some_and(fresh))
        .collect();
    targets.sort();
    targets.dedup();
    for (url, outcome) in fetch_all(targets, options) {
        cache.insert(
            url,
            Cached {
                checked: now,
                outcome,
            },
        );
    }
    let mut out = Vec::new();
    for link in links {
        let Some(url) = fetchable(&link.url) else {
            continue;
        };
        let Some(cached) = cache.get(&url) else {
            continue;
        };
        if let Some((code, message, help)) =
            messages::outcome(&cached.outcome, &link.url, options, lang)
        {
            for place in &link.places {
                out.push(fill(place, Severity::Warning, code, &message, help));
            }
        }
    }
    cache.retain(|_, c| c.outcome.lasting() && fresh(c));
    let _ = write_cache(&cache_path, &cache);
    out
}

/// The URL to fetch: http(s) only, without its `#fragment`.
fn fetchable(url: &str) -> Option<String> {
    let url = match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_string(),
    };
    let lower = url.get(..8)?.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    Some(url.split('#').next().unwrap_or_default().to_string())
}

fn fill(
    place: &Diagnostic,
    severity: Severity,
    code: &'static str,
    message: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic {
        severity,
        code,
        message: message.to_string(),
        help: Some(help.to_string()),
        ..place.clone()
    }
}

fn seconds(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn read_cache(path: &Path) -> BTreeMap<String, Cached> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_cache(path: &Path, cache: &BTreeMap<String, Cached>) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp: PathBuf = dir.join(format!(".links.json.{}.tmp", std::process::id()));
    std::fs::write(
        &tmp,
        serde_json::to_vec_pretty(cache).map_err(std::io::Error::other)?,
    )?;
    std::fs::rename(&tmp, path)
}

/// The queue shared by the workers: URLs waiting, requests running per host.
struct Queue {
    waiting: VecDeque<(String, String)>,
    running: HashMap<String, usize>,
}

/// Fetches `urls` with at most `concurrency` requests at once, `per_host` to one host.
fn fetch_all(urls: Vec<String>, options: &Options) -> Vec<(String, Outcome)> {
    if urls.is_empty() {
        return Vec::new();
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!(
            "tonvinh/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let waiting = urls.into_iter().map(|u| (host_key(&u), u)).collect();
    let queue = Mutex::new(Queue {
        waiting,
        running: HashMap::new(),
    });
    let turn = Condvar::new();
    let results = Mutex::new(Vec::new());
    let per_host = options.per_host.max(1);
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.max(1) {
            scope.spawn(|| {
                while let Some((host, url)) = next(&queue, &turn, per_host) {
                    let outcome = fetch(&agent, &url);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((url, outcome));
                    let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(n) = q.running.get_mut(&host) {
                        *n -= 1;
                    }
                    turn.notify_all();
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The next URL whose host has room, waiting for one if all are busy; `None` when
/// nothing is left.
fn next(queue: &Mutex<Queue>, turn: &Condvar, per_host: usize) -> Option<(String, String)> {
    let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if q.waiting.is_empty() {
            return None;
        }
        let free = q
            .waiting
            .iter()
            .position(|(host, _)| q.running.get(host).copied().unwrap_or(0) < per_host);
        if let Some(i) = free {
            let (host, url) = q.waiting.remove(i)?;
            *q.running.entry(host.clone()).or_insert(0) += 1;
            return Some((host, url));
        }
        q = turn.wait(q).unwrap_or_else(|e| e.into_inner());
    }
}

fn host_key(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .map(|u| {
            format!(
                "{}:{}",
                u.host_str().unwrap_or(""),
                u.port_or_known_default().unwrap_or(0)
            )
        })
        .unwrap_or_default()
}

/// HEAD, then GET when the server refuses HEAD.
fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => get(agent, url),
        Ok(r) => classify(r.status().as_u16()),
        Err(e) => error(e),
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Outcome {
    // The body is not read: the status says enough.
    match agent.get(url).call() {
        Ok(r) => classify(r.status().as_u16()),
        Err(e) => error(e),
    }
}

fn classify(status: u16) -> Outcome {
    match status {
        200..=399 | 401 | 403 | 429 => Outcome::Alive(status),
        404 | 410 => Outcome::Dead(status),
        _ => Outcome::Failed(status),
    }
}

fn error(e: ureq::Error) -> Outcome {
    match e {
        ureq::Error::Timeout(_) => Outcome::Timeout,
        ureq::Error::HostNotFound => Outcome::NoSuchHost,
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => Outcome::TooManyRedirects,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Outcome::Timeout,
        other => Outcome::Unreachable(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
