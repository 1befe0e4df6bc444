//! The real Decap CMS in Chromium on `tonvinh serve`'s `/admin/`
//! (`tests/e2e/cms.mjs`): a profile created through the form lands as a page
//! bundle with its photo and checks clean; an existing demo profile saved through
//! the form keeps every key. Decap comes from npm (`tests/e2e/cms`, pinned by its
//! lockfile), installed by `.ci/run` or here on first use.

use std::path::{Path, PathBuf};
use std::process::Command;

use toml::Value;

const NEW: &str = "content/guong-dien-hinh/do-thi-thu-hang/index.md";
const EDITED: &str = "content/guong-dien-hinh/le-thi-hoa/index.md";

/// Installs `tests/e2e/cms/node_modules` when Decap is missing (`npm ci`: exactly
/// the lockfile's versions, no install scripts).
fn ensure_decap(dir: &Path) {
    static ONCE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONCE.lock().unwrap_or_else(|e| e.into_inner());
    if dir
        .join("node_modules/decap-cms/dist/decap-cms.js")
        .is_file()
    {
        return;
    }
    let status = Command::new("npm")
        .args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(dir)
        .status()
        .expect("npm (apt-get install -y npm) to install decap-cms");
    assert!(status.success(), "npm ci --prefix {} failed", dir.display());
}

/// A copy of the repository's demo site (site.toml and content/).
fn demo_site() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(repo).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

/// The front matter of a page file, as TOML.
fn front(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let inner = text.strip_prefix("+++\n").unwrap();
    let end = inner.find("\n+++").unwrap();
    inner[..end]
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// A value with dates as text: the CMS writes `"2025-10-01"` where a person wrote
/// `2025-10-01`, which tonvinh reads as the same date.
fn plain(value: &Value) -> Value {
    match value {
        Value::Datetime(d) => Value::String(d.to_string()),
        Value::Array(items) => Value::Array(items.iter().map(plain).collect()),
        Value::Table(t) => Value::Table(t.iter().map(|(k, v)| (k.clone(), plain(v))).collect()),
        v => v.clone(),
    }
}

#[test]
fn decap_cms_creates_and_edits_profiles_through_serve() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: apt-get install -y chromium, or set CHROMIUM (.ci/run installs it)"
    );
    crate::support::ensure_playwright(&e2e);
    ensure_decap(&e2e.join("cms"));
    let site = demo_site();
    let root = site.path();
    let photos = tempfile::tempdir().unwrap();
    let photo: PathBuf = photos.path().join("chan-dung-moi.jpg");
    std::fs::copy(
        root.join("content/guong-dien-hinh/le-thi-hoa/chan-dung.jpg"),
        &photo,
    )
    .unwrap();
    let before = front(&root.join(EDITED));

    let output = Command::new("node")
        .arg(e2e.join("cms.mjs"))
        .env("TONVINH", env!("CARGO_BIN_EXE_tonvinh"))
        .env("SITE", root)
        .env("PHOTO", &photo)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node (apt-get install -y nodejs)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("e2e: done"), "{stdout}{stderr}");

    // The new profile: a bundle named by the folded name, with its photo.
    let new = front(&root.join(NEW));
    assert_eq!(new["name"].as_str(), Some("Đỗ Thị Thu Hằng"));
    assert_eq!(new["unit"].as_str(), Some("thcs-bach-long-vi"));
    let award = &new["awards"][0];
    assert_eq!(award["award"].as_str(), Some("chien-si-thi-dua-co-so"));
    assert_eq!(award["year"].as_integer(), Some(2025));
    assert_eq!(award["decision"].as_str(), Some("qd-1234-sgddt-2025"));
    assert_eq!(new["consent"]["by"].as_str(), Some("self"));
    assert_eq!(
        plain(&new["consent"]["scope"]),
        Value::Array(vec!["story".into(), "photo".into()])
    );
    assert_eq!(new["photo"].as_str(), Some("chan-dung-moi.jpg"));
    assert_eq!(
        new["photo_alt"].as_str(),
        Some("Cô Hằng giảng bài cho học sinh lớp 4")
    );
    assert!(
        root.join("content/guong-dien-hinh/do-thi-thu-hang/chan-dung-moi.jpg")
            .is_file()
    );

    // The edited profile: every key kept, each value the same but the summary.
    let after = front(&root.join(EDITED));
    for (key, value) in &before {
        let saved = after
            .get(key)
            .unwrap_or_else(|| panic!("`{key}` was lost:\n{after:#?}"));
        if key == "summary" {
            let (old, new) = (value.as_str().unwrap(), saved.as_str().unwrap());
            assert_eq!(new, format!("{old} Cảm ơn cô."));
        } else {
            assert_eq!(plain(saved), plain(value), "`{key}` changed");
        }
    }
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(added.is_empty(), "keys added: {added:?}");

    // Whatever the CMS wrote, check reads without an error.
    let check = Command::new(env!("CARGO_BIN_EXE_tonvinh"))
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
}
