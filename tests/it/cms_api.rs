//! `tonvinh serve`'s local API for the form editor, over real HTTP: it answers the
//! admin page of this server only (token, Origin, Host, JSON), and reads and
//! writes nothing outside `content/`.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::serving::Served;
use crate::support::TestSite;

const API: &str = "/__tonvinh/cms/api/v1";

/// A raw HTTP/1.1 request; returns the status and the whole response.
fn request(
    served: &Served,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(&served.address).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    (status, text)
}

/// The admin page's token, as the page itself holds it.
fn token(served: &Served) -> String {
    let host = served.address.clone();
    let (status, page) = request(served, "GET", "/dien-hinh/admin/", &[("Host", &host)], "");
    assert_eq!(status, 200, "{page}");
    let at = page.find("token = \"").unwrap() + 9;
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

struct Client<'a> {
    served: &'a Served,
    host: String,
    token: String,
}

impl Client<'_> {
    /// A call as the admin page makes it, with some headers replaced or dropped.
    fn call(&self, body: &str, changes: &[(&str, Option<&str>)]) -> (u16, String) {
        let origin = format!("http://{}", self.host);
        let mut headers: Vec<(&str, &str)> = vec![
            ("Host", &self.host),
            ("Origin", &origin),
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-Tonvinh-Token", &self.token),
        ];
        for (name, value) in changes {
            headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
            if let Some(v) = value {
                headers.push((name, v));
            }
        }
        request(self.served, "POST", API, &headers, body)
    }

    fn ok(&self, body: &str) -> serde_json::Value {
        let (status, text) = self.call(body, &[]);
        assert_eq!(status, 200, "{body}\n{text}");
        serde_json::from_str(text.split("\r\n\r\n").nth(1).unwrap()).unwrap()
    }
}

#[test]
fn the_local_api_answers_only_its_own_admin_page() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site, &[]);
    let client = Client {
        served: &served,
        host: served.address.clone(),
        token: token(&served),
    };
    let info = client.ok(r#"{"action":"info","params":{}}"#);
    assert_eq!(info["type"], "local_fs");

    let info = r#"{"action":"info"}"#;
    let port = served.address.rsplit(':').next().unwrap().to_string();
    let rebound = format!("evil.example:{port}");
    let rebound_origin = format!("http://{rebound}");
    for (why, changes) in [
        ("no token", vec![("X-Tonvinh-Token", None)]),
        ("a wrong token", vec![("X-Tonvinh-Token", Some("guessed"))]),
        ("no Origin", vec![("Origin", None)]),
        (
            "another Origin",
            vec![("Origin", Some("http://evil.example"))],
        ),
        (
            "a form's text/plain",
            vec![("Content-Type", Some("text/plain"))],
        ),
        (
            "a cross-site fetch",
            vec![("Sec-Fetch-Site", Some("cross-site"))],
        ),
        (
            "a rebound name",
            vec![
                ("Host", Some(rebound.as_str())),
                ("Origin", Some(rebound_origin.as_str())),
            ],
        ),
    ] {
        let (status, text) = client.call(info, &changes);
        assert_eq!(status, 403, "{why}: {text}");
        assert!(
            !text.to_ascii_lowercase().contains("access-control-allow"),
            "{why}: {text}"
        );
    }
    // A preflight gets no CORS permission.
    let (status, text) = request(
        &served,
        "OPTIONS",
        API,
        &[
            ("Host", &served.address),
            ("Origin", "http://evil.example"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "x-tonvinh-token"),
        ],
        "",
    );
    assert_ne!(status, 200, "{text}");
    assert!(
        !text.to_ascii_lowercase().contains("access-control-allow"),
        "{text}"
    );
    // The page with the token is not given to another name for this server.
    let (status, _) = request(
        &served,
        "GET",
        "/dien-hinh/admin/",
        &[("Host", &rebound)],
        "",
    );
    assert_eq!(status, 403);
}

#[test]
fn the_local_api_reads_and_writes_only_below_content() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site, &[]);
    let client = Client {
        served: &served,
        host: served.address.clone(),
        token: token(&served),
    };
    let refused = |body: String| {
        let (status, text) = client.call(&body, &[]);
        assert_eq!(status, 403, "{body}\n{text}");
    };
    for path in [
        "site.toml",
        "content/../site.toml",
        "content/guong-dien-hinh/../../site.toml",
        "../outside.md",
        "/etc/passwd",
        "static/x.js",
        "content\\..\\site.toml",
    ] {
        let p = serde_json::to_string(path).unwrap();
        refused(format!(
            r#"{{"action":"getEntry","params":{{"path":{p}}}}}"#
        ));
        refused(format!(
            r#"{{"action":"getMediaFile","params":{{"path":{p}}}}}"#
        ));
        refused(format!(
            r#"{{"action":"deleteFile","params":{{"path":{p},"options":{{"commitMessage":"x"}}}}}}"#
        ));
        refused(format!(
            r#"{{"action":"persistEntry","params":{{"dataFiles":[{{"slug":"x","path":{p},"raw":"x"}}],"assets":[],"options":{{"commitMessage":"x","useWorkflow":false,"status":""}}}}}}"#
        ));
        refused(format!(
            r#"{{"action":"persistMedia","params":{{"asset":{{"path":{p},"content":"eA==","encoding":"base64"}},"options":{{"commitMessage":"x"}}}}}}"#
        ));
    }
    // A good entry with a bad asset writes nothing at all.
    refused(r#"{"action":"persistEntry","params":{"dataFiles":[{"slug":"a","path":"content/guong-dien-hinh/a/index.md","raw":"x"}],"assets":[{"path":"content/../x.jpg","content":"eA==","encoding":"base64"}],"options":{"commitMessage":"x","useWorkflow":false,"status":""}}}"#.into());
    assert!(!site.exists("content/guong-dien-hinh/a/index.md"));
    assert!(!site.exists("x.jpg"));
    assert!(site.exists("site.toml"));
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(
            outside.path(),
            site.path("content/guong-dien-hinh/ra-ngoai"),
        )
        .unwrap();
        refused(r#"{"action":"persistMedia","params":{"asset":{"path":"content/guong-dien-hinh/ra-ngoai/x.jpg","content":"eA==","encoding":"base64"},"options":{"commitMessage":"x"}}}"#.into());
        assert!(!outside.path().join("x.jpg").exists());
    }

    // What the CMS does: list, write an entry with its photo, read it back, delete.
    let listed = client.ok(r#"{"action":"entriesByFolder","params":{"folder":"content/guong-dien-hinh","extension":"md","depth":2}}"#);
    let paths: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"content/guong-dien-hinh/nguyen-thi-hoa.md"),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|p| p.ends_with("_index.md")), "{paths:?}");
    let raw = "+++\\ntitle = \\\"Cô Lò Thị Mai\\\"\\nname = \\\"Lò Thị Mai\\\"\\nunit = \\\"thcs-bach-long-vi\\\"\\ndate = \\\"2025-11-20\\\"\\n+++\\nBài.\\n";
    client.ok(&format!(
        r#"{{"action":"persistEntry","params":{{"dataFiles":[{{"slug":"lo-thi-mai","path":"content/guong-dien-hinh/lo-thi-mai/index.md","raw":"{raw}"}}],"assets":[{{"path":"content/guong-dien-hinh/lo-thi-mai/anh.jpg","content":"eA==","encoding":"base64"}}],"options":{{"commitMessage":"x","useWorkflow":false,"status":""}}}}}}"#
    ));
    assert!(
        site.read("content/guong-dien-hinh/lo-thi-mai/index.md")
            .contains("Lò Thị Mai")
    );
    assert_eq!(
        std::fs::read(site.path("content/guong-dien-hinh/lo-thi-mai/anh.jpg")).unwrap(),
        b"x"
    );
    let entry = client.ok(
        r#"{"action":"getEntry","params":{"path":"content/guong-dien-hinh/lo-thi-mai/index.md"}}"#,
    );
    assert!(entry["data"].as_str().unwrap().contains("Lò Thị Mai"));
    client.ok(r#"{"action":"deleteFiles","params":{"paths":["content/guong-dien-hinh/lo-thi-mai/index.md","content/guong-dien-hinh/lo-thi-mai/anh.jpg"],"options":{"commitMessage":"x"}}}"#);
    assert!(!site.exists("content/guong-dien-hinh/lo-thi-mai/index.md"));
}
