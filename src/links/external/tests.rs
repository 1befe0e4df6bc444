//! The form check as a table, and the network check against a small HTTP server
//! of the test's own on 127.0.0.1 (no test touches the internet).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;

#[test]
fn the_form_of_external_links() {
    let ok = [
        "https://moet.gov.vn/tintuc/Pages/tin-tong-hop.aspx?ItemID=1",
        "http://haiphong.edu.vn",
        "https://vi.wikipedia.org/wiki/Bạch_Long_Vĩ",
        "//cdn.haiphong.edu.vn/a.pdf",
        "mailto:vanphong@haiphong.edu.vn?subject=Hỏi",
        "tel:+84-225-3842-xxx".replace("xxx", "123").as_str(),
        "https://8.8.8.8/",
    ]
    .map(str::to_string);
    for url in &ok {
        assert_eq!(check_form(url), Ok(()), "{url}");
    }
    let bad = [
        (
            "javascript:alert(1)",
            FormProblem::Scheme("javascript".into()),
        ),
        (
            "file:///C:/Users/hoa/qd.pdf",
            FormProblem::Scheme("file".into()),
        ),
        ("https://moet.gov.vn/a b", FormProblem::Whitespace),
        ("https:// moet.gov.vn", FormProblem::Whitespace),
        (
            "http://localhost:1111/",
            FormProblem::Private("localhost".into()),
        ),
        (
            "http://192.168.1.10/qd.pdf",
            FormProblem::Private("192.168.1.10".into()),
        ),
        ("http://10.0.0.5/", FormProblem::Private("10.0.0.5".into())),
        (
            "http://127.0.0.1/",
            FormProblem::Private("127.0.0.1".into()),
        ),
        ("http://[::1]/", FormProblem::Private("[::1]".into())),
        ("http://may-chu/", FormProblem::Private("may-chu".into())),
        (
            "http://nas.local/",
            FormProblem::Private("nas.local".into()),
        ),
        ("mailto:", FormProblem::BadContact),
        ("tel:goi-ngay", FormProblem::BadContact),
    ];
    for (url, problem) in bad {
        assert_eq!(check_form(url), Err(problem), "{url}");
    }
    assert!(matches!(
        check_form("https://"),
        Err(FormProblem::BadHost(_))
    ));
    assert!(matches!(
        check_form("https://[zz]/"),
        Err(FormProblem::BadHost(_))
    ));
}

fn place(line: usize) -> Diagnostic {
    Diagnostic::warning("link", "content/tin-tuc/a.md", "").at_line(line, 3)
}

fn link(url: String, lines: &[usize]) -> Link {
    Link {
        url,
        places: lines.iter().map(|l| place(*l)).collect(),
    }
}

#[test]
fn form_problems_are_errors_at_every_place() {
    let links = [
        link("javascript:alert(1)".into(), &[4, 9]),
        link("https://moet.gov.vn/".into(), &[5]),
    ];
    let found = form_problems(&links, Lang::Vi);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].location(), "content/tin-tuc/a.md:4:3");
    assert_eq!(found[1].location(), "content/tin-tuc/a.md:9:3");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].code, "link-form");
    assert_eq!(
        found[0].message,
        "liên kết chạy mã, không được phép: `javascript:alert(1)`"
    );
}

/// A server on 127.0.0.1 that answers by path, counts the requests it sees and the
/// most it ever handled at once.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<String>>>,
    most_at_once: Arc<AtomicUsize>,
}

fn serve() -> Server {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let now = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let (s, n, m) = (seen.clone(), now.clone(), most_at_once.clone());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (s, n, m) = (s.clone(), n.clone(), m.clone());
            std::thread::spawn(move || answer(request, &s, &n, &m));
        }
    });
    Server {
        base,
        seen,
        most_at_once,
    }
}

fn answer(
    request: tiny_http::Request,
    seen: &Mutex<Vec<String>>,
    now: &AtomicUsize,
    most: &AtomicUsize,
) {
    let method = request.method().to_string();
    let path = request.url().to_string();
    seen.lock().unwrap().push(format!("{method} {path}"));
    let running = now.fetch_add(1, Ordering::SeqCst) + 1;
    most.fetch_max(running, Ordering::SeqCst);
    let status = match (method.as_str(), path.as_str()) {
        (_, "/ok") => 200,
        (_, "/gone") => 404,
        (_, "/removed") => 410,
        ("HEAD", "/no-head") => 405,
        (_, "/no-head") => 200,
        (_, "/moved") => 301,
        (_, "/moved-to-gone") => 302,
        (_, "/loop") => 302,
        (_, "/broken") => 500,
        (_, "/slow") => {
            std::thread::sleep(Duration::from_millis(1500));
            200
        }
        (_, p) if p.starts_with("/busy/") => {
            std::thread::sleep(Duration::from_millis(150));
            200
        }
        _ => 404,
    };
    let location = match path.as_str() {
        "/moved" => Some("/ok"),
        "/moved-to-gone" => Some("/gone"),
        "/loop" => Some("/loop"),
        _ => None,
    };
    let mut response = tiny_http::Response::empty(status);
    if let Some(to) = location {
        response.add_header(tiny_http::Header::from_bytes("Location", to).unwrap());
    }
    now.fetch_sub(1, Ordering::SeqCst);
    let _ = request.respond(response);
}

fn options() -> Options {
    Options {
        timeout: Duration::from_millis(700),
        max_redirects: 3,
        ..Options::default()
    }
}

#[test]
fn dead_slow_and_looping_links_are_warnings_at_their_places() {
    let server = serve();
    let url = |p: &str| format!("{}{p}", server.base);
    let links = vec![
        link(url("/ok"), &[1]),
        link(url("/gone#muc-1"), &[2, 12]),
        link(url("/removed"), &[3]),
        link(url("/no-head"), &[4]),
        link(url("/moved"), &[5]),
        link(url("/moved-to-gone"), &[6]),
        link(url("/slow"), &[7]),
        link(url("/loop"), &[8]),
        link(url("/broken"), &[9]),
        link("mailto:vp@haiphong.edu.vn".into(), &[10]),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let found = check(tmp.path(), &links, &options(), Lang::Vi);
    let summary: Vec<(u32, &str)> = found.iter().map(|d| (d.line, d.code)).collect();
    let mut summary = summary;
    summary.sort();
    assert_eq!(
        summary,
        vec![
            (2, "dead-link"),
            (3, "dead-link"),
            (6, "dead-link"),
            (7, "link-timeout"),
            (8, "link-redirects"),
            (9, "link-error"),
            (12, "dead-link"),
        ]
    );
    assert!(found.iter().all(|d| d.severity == Severity::Warning));
    let gone = found.iter().find(|d| d.line == 2).unwrap();
    assert_eq!(
        gone.message,
        format!(
            "liên kết ngoài không còn tồn tại (HTTP 404): `{}/gone#muc-1`",
            server.base
        )
    );
    assert_eq!(gone.path, PathBuf::from("content/tin-tuc/a.md"));
    let seen = server.seen.lock().unwrap().clone();
    assert!(seen.contains(&"HEAD /no-head".to_string()));
    assert!(seen.contains(&"GET /no-head".to_string()), "GET after 405");
    assert!(!seen.contains(&"GET /ok".to_string()), "HEAD was enough");
    assert_eq!(
        seen.iter().filter(|r| r.ends_with("/gone")).count(),
        2,
        "once for /gone#muc-1, once after /moved-to-gone: the fragment is not sent"
    );
}

/// A name that does not resolve is told apart from other failures (tested without
/// a lookup: no test may ask a name server).
#[test]
fn errors_are_told_apart() {
    assert_eq!(error(ureq::Error::HostNotFound), Outcome::NoSuchHost);
    assert_eq!(
        error(ureq::Error::TooManyRedirects),
        Outcome::TooManyRedirects
    );
    assert!(matches!(
        error(ureq::Error::ConnectionFailed),
        Outcome::Unreachable(_)
    ));
    let (code, message, _) = messages::outcome(
        &Outcome::NoSuchHost,
        "https://truong-a.edu.vn/",
        &options(),
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(code, "link-no-host");
    assert_eq!(
        message,
        "tên miền của liên kết ngoài không tồn tại: `https://truong-a.edu.vn/`"
    );
    assert_eq!(classify(403), Outcome::Alive(403));
    assert_eq!(classify(410), Outcome::Dead(410));
    assert_eq!(classify(503), Outcome::Failed(503));
}

#[test]
fn results_are_cached_for_a_day() {
    let server = serve();
    let links = vec![
        link(format!("{}/ok", server.base), &[1]),
        link(format!("{}/gone", server.base), &[2]),
        link(format!("{}/broken", server.base), &[3]),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let first = check(tmp.path(), &links, &options(), Lang::Vi);
    let requests = server.seen.lock().unwrap().len();
    assert_eq!(requests, 3);
    assert!(tmp.path().join(CACHE).is_file());
    let second = check(tmp.path(), &links, &options(), Lang::Vi);
    let codes = |d: &[Diagnostic]| d.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&second), vec!["dead-link", "link-error"]);
    assert_eq!(codes(&first), codes(&second));
    // The server error is not remembered: only it is asked again.
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen[requests..], ["HEAD /broken".to_string()]);
    // A day later, everything is asked again.
    let later = Options {
        now: SystemTime::now() + Duration::from_secs(25 * 60 * 60),
        ..options()
    };
    check(tmp.path(), &links, &later, Lang::Vi);
    assert_eq!(server.seen.lock().unwrap().len(), requests + 1 + 3);
}

#[test]
fn at_most_two_requests_at_once_to_one_host() {
    let server = serve();
    let links: Vec<Link> = (0..8)
        .map(|i| link(format!("{}/busy/{i}", server.base), &[i + 1]))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let opts = Options {
        timeout: Duration::from_secs(5),
        ..options()
    };
    assert!(check(tmp.path(), &links, &opts, Lang::Vi).is_empty());
    assert_eq!(server.seen.lock().unwrap().len(), 8);
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 2);
}
