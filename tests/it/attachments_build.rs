//! Attachments in a build: documents of a page bundle are published beside the page
//! when the front matter lists them or the body links to them, without the
//! metadata that names people; never a file nothing names; every problem placed
//! where the file is named.

use crate::support::TestSite;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/attachments");
const DECISION: &str = "content/khen-thuong/qd-1234-sgddt-2025.md";
const BUNDLE: &str = "content/khen-thuong/qd-1234-sgddt-2025/index.md";

/// The fixture site with its decision turned into a bundle holding `files`
/// (name in the bundle, fixture file), `front` added to its front matter and
/// `body` after its text.
fn site(files: &[(&str, &str)], front: &str, body: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let text = site.read(DECISION);
    std::fs::remove_file(site.path(DECISION)).unwrap();
    let end = text[3..].find("+++").unwrap() + 3;
    site.write(
        BUNDLE,
        format!("{}{front}\n{}\n{body}\n", &text[..end], &text[end..]),
    );
    for (name, fixture) in files {
        let bytes = std::fs::read(format!("{FIXTURES}/{fixture}")).unwrap();
        site.write(
            &format!("content/khen-thuong/qd-1234-sgddt-2025/{name}"),
            bytes,
        );
    }
    site
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn listed_and_linked_documents_are_published_without_their_authors() {
    let site = site(
        &[
            ("quyet-dinh.pdf", "exiftool.pdf"),
            ("danh-sach.docx", "python-docx.docx"),
            ("ban-nhap.pdf", "libreoffice.pdf"),
        ],
        "attachments = [{ file = \"quyet-dinh.pdf\", title = \"Quyết định (bản có chữ ký)\" }]",
        "Xem [danh sách](danh-sach.docx).",
    );
    let source =
        std::fs::read(site.path("content/khen-thuong/qd-1234-sgddt-2025/quyet-dinh.pdf")).unwrap();
    assert!(
        contains(&source, "Trần Quốc Bảo"),
        "the fixture names its author"
    );
    site.build().ok();
    let out = "public/khen-thuong/qd-1234-sgddt-2025";
    let pdf = std::fs::read(site.path(&format!("{out}/quyet-dinh.pdf"))).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(!contains(&pdf, "Trần Quốc Bảo"), "the author was published");
    assert!(!contains(&pdf, "/Author"));
    let docx = std::fs::read(site.path(&format!("{out}/danh-sach.docx"))).unwrap();
    assert!(docx.starts_with(b"PK"));
    // Nothing names the draft: it stays in the sources.
    assert!(!site.exists(&format!("{out}/ban-nhap.pdf")));
    // The page lists what the front matter lists, with its type and size.
    let page = site.read(&format!("{out}/index.html"));
    assert!(page.contains("Tệp đính kèm"), "{page}");
    assert!(page.contains("Quyết định (bản có chữ ký)"));
    assert!(page.contains("href=\"/dien-hinh/khen-thuong/qd-1234-sgddt-2025/quyet-dinh.pdf\""));
    assert!(page.contains("PDF, "));
    // The body's link works as written.
    assert!(page.contains("href=\"danh-sach.docx\""), "{page}");
}

#[test]
fn every_problem_with_an_attachment_is_placed_where_it_is_named() {
    let site = site(
        &[
            ("gia.pdf", "python-docx.docx"),
            ("lon.pdf", "libreoffice.pdf"),
        ],
        "attachments = [\n  { file = \"khong-co.pdf\" },\n  { file = \"gia.pdf\" },\n  { file = \"anh.jpg\" },\n]",
        "Tải [bản lớn](lon.pdf).",
    );
    site.edit(
        "site.toml",
        "paginate = 2",
        "paginate = 2\n[attachments]\nmax_mb = 0",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.status, 1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, u64, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at = |line: u64, code: &str| (BUNDLE.to_string(), line, code.to_string());
    let lines = site.read(BUNDLE);
    let line_of = |needle: &str| lines.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    for expected in [
        at(line_of("khong-co.pdf"), "media-missing"),
        at(line_of("gia.pdf"), "attachment-too-large"),
        at(line_of("anh.jpg"), "attachment-type"),
        at(line_of("lon.pdf"), "attachment-too-large"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    // The size limit lifted: a Word file named .pdf is still refused.
    site.edit("site.toml", "max_mb = 0", "max_mb = 20");
    let run = site.run(&["check", "--format", "json"]);
    assert!(run.stdout.contains("attachment-mismatch"), "{}", run.stdout);
    let build = site.build();
    assert_eq!(build.status, 1);
    assert!(!site.exists("public"));
}
