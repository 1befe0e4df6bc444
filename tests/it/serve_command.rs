//! `tonvinh serve`: what it serves equals what `tonvinh build` writes, through a
//! series of edits; HTTP behaviour; stopping; ports.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::serving::Served;
use crate::support::TestSite;

const BASE: &str = "/dien-hinh";
const SCRIPT: &str = "<script src=\"/__tonvinh/live.js\" data-version=\"";

/// Served HTML without the live-reload script serve adds.
fn without_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(start) = text.rfind(SCRIPT) else {
        return body.to_vec();
    };
    let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// Builds the site with `tonvinh build` beside it and checks that serve serves
/// every file of it, byte for byte (HTML apart from the script), and that `gone`
/// pages are not served.
#[track_caller]
fn assert_serves_the_build(site: &TestSite, served: &Served, gone: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    site.run(&["build", "--out", out.to_str().unwrap()]).ok();
    let built: BTreeMap<PathBuf, Vec<u8>> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    assert!(built.len() > 40, "{} files built", built.len());
    for (rel, bytes) in &built {
        let path = format!("{BASE}/{}", rel.to_string_lossy());
        let response = served.get(&path);
        assert_eq!(response.status, 200, "{path}");
        let body = if rel.extension().is_some_and(|e| e == "html") {
            assert!(
                response.text().contains(SCRIPT),
                "{path} has no reload script"
            );
            without_script(&response.body)
        } else {
            response.body
        };
        assert!(
            body == *bytes,
            "{path} differs from the build:\n{}",
            String::from_utf8_lossy(&body)
        );
    }
    for path in gone {
        assert_eq!(served.get(&format!("{BASE}/{path}")).status, 404, "{path}");
    }
}

#[test]
fn serves_what_build_writes_through_a_series_of_edits() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site, &[]);
    assert_serves_the_build(&site, &served, &[]);

    // Create a profile.
    let v = served.version();
    let new = "content/guong-dien-hinh/pham-van-moi.md";
    site.write(
        new,
        "+++\ntitle = \"Thầy Phạm Văn Mới\"\nname = \"Phạm Văn Mới\"\nunit = \"mn-hoa-sen\"\ndate = 2026-01-02\ntags = [\"đọc sách\"]\n+++\nThầy mới về trường.\n",
    );
    served.wait_after(v);
    // Edit a body, then front matter.
    let v = served.version();
    site.edit(new, "Thầy mới về trường.", "Thầy mới về trường, dạy giỏi.");
    served.wait_after(v);
    let v = served.version();
    site.edit(
        "content/guong-dien-hinh/nguyen-an.md",
        "date = 2025-08-01",
        "date = 2026-02-01",
    );
    served.wait_after(v);
    // Rename.
    let v = served.version();
    std::fs::rename(
        site.path(new),
        site.path("content/guong-dien-hinh/pham-van-moi-2.md"),
    )
    .unwrap();
    served.wait_after(v);
    // Delete.
    let v = served.version();
    std::fs::remove_file(site.path("content/guong-dien-hinh/to-toan-tin.md")).unwrap();
    served.wait_after(v);
    // A static file, and a new unit.
    let v = served.version();
    site.write(
        "static/css/in.css",
        "@media print { nav { display: none } }",
    );
    served.wait_after(v);
    let v = served.version();
    site.write(
        "content/don-vi/th-moi.md",
        "+++\nname = \"Trường Tiểu học Mới\"\nlevel = \"tieu-hoc\"\ncommune = \"xã Tiên Lãng\"\n+++\n",
    );
    served.wait_after(v);

    assert_serves_the_build(
        &site,
        &served,
        &[
            "guong-dien-hinh/pham-van-moi/",
            "guong-dien-hinh/to-toan-tin/",
        ],
    );
    assert!(served.log().contains("(body)"), "{}", served.log());
}

#[test]
fn http_behaviour() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site, &[]);
    let page = served.get(&format!("{BASE}/guong-dien-hinh/nguyen-thi-hoa/"));
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let css = served.get(&format!("{BASE}/theme.css"));
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("__tonvinh"), "script in CSS");
    let feed = served.get(&format!("{BASE}/atom.xml"));
    assert!(feed.header("content-type").unwrap().contains("xml"));
    assert!(!feed.text().contains("__tonvinh"), "script in a feed");
    // Folders: a trailing slash, and the site's root below the base path.
    let folder = served.get(&format!("{BASE}/guong-dien-hinh"));
    assert_eq!(folder.status, 302);
    assert_eq!(
        folder.header("location"),
        Some("/dien-hinh/guong-dien-hinh/")
    );
    assert_eq!(served.get("/").header("location"), Some("/dien-hinh/"));
    // The site's 404 page.
    let missing = served.get(&format!("{BASE}/khong-co/"));
    assert_eq!(missing.status, 404);
    site.build().ok();
    assert_eq!(
        without_script(&missing.body),
        std::fs::read(site.path("public/404.html")).unwrap()
    );
    // No way out of the site.
    for path in [
        "/dien-hinh/../site.toml",
        "/dien-hinh/%2e%2e/site.toml",
        "/dien-hinh/%2E%2E%2Fsite.toml",
        "/dien-hinh/..%2f..%2fetc/passwd",
        "//etc/passwd",
        "/dien-hinh//etc/passwd",
        "/dien-hinh/..\\site.toml",
    ] {
        let response = served.get(path);
        assert!(
            response.status == 400 || response.status == 404,
            "{path}: {}",
            response.status
        );
        assert!(
            !response.text().contains("base_url"),
            "{path} leaked site.toml"
        );
    }
    // Only what the build wrote: not the sources, not public/.
    assert_eq!(served.get(&format!("{BASE}/content/_index.md")).status, 404);
    assert_eq!(served.get(&format!("{BASE}/site.toml")).status, 404);
    // A symbolic link in static/ that leads out of the site is refused by the build.
    #[cfg(unix)]
    {
        let v = served.version();
        std::fs::create_dir_all(site.path("static")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", site.path("static/passwd")).unwrap();
        let status = served.wait_after(v);
        assert!(
            status["errors"][0]["location"] == "static/passwd",
            "{status}"
        );
        assert_eq!(served.get(&format!("{BASE}/passwd")).status, 404);
    }
}

#[test]
fn ctrl_c_stops_and_a_busy_port_is_explained() {
    let site = TestSite::fixture("basic");
    let served = Served::start(&site, &[]);
    let port = served.address.rsplit(':').next().unwrap().to_string();
    let second = site.run(&["serve", "--port", &port]);
    assert_eq!(second.status, 1);
    assert!(
        second
            .stderr
            .contains(&format!("cổng {port} đang được dùng")),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains("--port"), "{}", second.stderr);
    let (status, log) = served.interrupt();
    assert_eq!(status, 0, "{log}");
    assert!(log.contains("Đã dừng"), "{log}");
}
