//! Every kind of edit, rebuilt incrementally, gives exactly the files of a full build,
//! and the common ones do not render the whole site.

use std::path::{Path, PathBuf};

use super::*;
use crate::serve::classify::classify;
use crate::vietnamese::Date;

const HOA: &str = "content/guong-dien-hinh/nguyen-thi-hoa.md";
const HOA_PAGE: &str = "guong-dien-hinh/nguyen-thi-hoa/index.html";
const HOA_TRAN: &str = "content/guong-dien-hinh/tran-thi-hoa/index.md";

/// The `basic` fixture in a temporary folder, built once.
struct Fixture {
    dir: tempfile::TempDir,
    rebuilder: Rebuilder,
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        today: Date::new(2026, 1, 20),
        ..BuildOptions::default()
    }
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let mut rebuilder = Rebuilder::new(options(dir.path()));
        assert!(matches!(rebuilder.build_all(), Outcome::Built(_)));
        Fixture { dir, rebuilder }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        std::fs::write(self.path(rel), bytes).unwrap();
        self
    }

    #[track_caller]
    fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Rebuilds after changes to `paths`, classified as the watcher would, then
    /// brings the deferred files up to date, as the watcher does when idle.
    fn rebuild(&mut self, paths: &[&str]) -> Outcome {
        let kinds: Vec<ChangeKind> = paths
            .iter()
            .map(|p| classify(self.dir.path(), "default", &self.path(p)))
            .filter(|k| *k != ChangeKind::Ignored)
            .collect();
        let outcome = self.rebuilder.rebuild(&kinds);
        let deferred = self.rebuilder.finish_pending();
        assert!(!matches!(deferred, Outcome::Failed(_)), "{deferred:?}");
        assert!(!self.rebuilder.has_pending());
        outcome
    }

    /// Rebuilds, expecting success; checks the result against a full build.
    #[track_caller]
    fn rebuilt(&mut self, paths: &[&str]) -> Update {
        let outcome = self.rebuild(paths);
        self.assert_same_as_full_build();
        match outcome {
            Outcome::Built(update) => update,
            other => panic!("expected a rebuild, got {other:?}"),
        }
    }

    #[track_caller]
    fn assert_same_as_full_build(&self) {
        let mut fresh = Rebuilder::new(options(self.dir.path()));
        let Outcome::Built(_) = fresh.build_all() else {
            panic!("the full build failed")
        };
        let (ours, theirs) = (self.rebuilder.files().unwrap(), fresh.files().unwrap());
        let mut differ: Vec<&std::sync::Arc<str>> = theirs
            .files
            .iter()
            .filter(|(k, v)| ours.files.get(*k) != Some(*v))
            .map(|(k, _)| k)
            .collect();
        differ.extend(ours.files.keys().filter(|k| !theirs.files.contains_key(*k)));
        differ.sort();
        assert!(
            differ.is_empty(),
            "differ from a full build: {differ:?}\n{}",
            differ
                .first()
                .map(|f| first_difference(ours.get(f), theirs.get(f)))
                .unwrap_or_default()
        );
        assert_eq!(ours.base_path, theirs.base_path);
    }
}

/// A small JPEG, one shade of grey.
fn jpeg(shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(64, 80, image::Rgb([shade, shade, shade]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

fn first_difference(ours: Option<&Bytes>, theirs: Option<&Bytes>) -> String {
    let (Some(a), Some(b)) = (ours, theirs) else {
        return format!(
            "present here: {}, in the full build: {}",
            ours.is_some(),
            theirs.is_some()
        );
    };
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| {
        s.chars()
            .skip(at.saturating_sub(80))
            .take(200)
            .collect::<String>()
    };
    format!(
        "incremental: …{}…\nfull:        …{}…",
        around(&a),
        around(&b)
    )
}

#[test]
fn a_body_edit_renders_its_page_and_feeds_only() {
    let mut f = Fixture::new();
    f.edit(HOA_TRAN, "Một đoạn", "Một đoạn mới,");
    let update = f.rebuilt(&[HOA_TRAN]);
    assert_eq!(update.how, "body");
    // Its page, the site feed and the section feed; the summary is in front matter,
    // so no card changes. The search index (which holds the text) comes after.
    assert_eq!(update.rendered, 3, "{:?}", update.changed);
    assert!(update.pending);
    assert!(
        update
            .changed
            .contains(&"guong-dien-hinh/tran-thi-hoa/index.html".to_string())
    );
}

#[test]
fn a_body_edit_that_changes_the_summary_renders_the_cards() {
    let mut f = Fixture::new();
    f.edit(HOA, "Cô Hoa dạy trẻ", "Cô Hoa dạy các cháu");
    let update = f.rebuilt(&[HOA]);
    assert_eq!(update.how, "body");
    // Its page, the feeds, and every page with its card (unit, lists, tags, …).
    assert!(update.rendered > 3, "{}", update.rendered);
}

/// The index of readers (`serve/readers.rs`) follows the files rendered again: a
/// second and a third edit of the same summary find the same readers.
#[test]
fn edits_that_follow_each_other_find_the_same_readers() {
    let mut f = Fixture::new();
    f.edit(HOA, "Cô Hoa dạy trẻ", "Cô Hoa dạy các cháu");
    let first = f.rebuilt(&[HOA]);
    for (from, to) in [("các cháu", "các em"), ("các em", "trẻ")] {
        f.edit(
            HOA,
            &format!("Cô Hoa dạy {from}"),
            &format!("Cô Hoa dạy {to}"),
        );
        let next = f.rebuilt(&[HOA]);
        assert_eq!(next.how, "body");
        assert_eq!(next.rendered, first.rendered);
        let (mut a, mut b) = (first.changed.clone(), next.changed.clone());
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}

#[test]
fn home_and_section_texts() {
    let mut f = Fixture::new();
    f.edit("content/_index.md", "Chào mừng", "Xin chào");
    assert_eq!(f.rebuilt(&["content/_index.md"]).how, "body");
    let section = "content/guong-dien-hinh/_index.md";
    f.edit(section, "Giới thiệu mục.", "Giới thiệu mục, sửa.");
    assert_eq!(f.rebuilt(&[section]).rendered, 1);
    f.edit(
        section,
        "title = \"Gương điển hình\"",
        "title = \"Gương sáng\"",
    );
    f.rebuilt(&[section]);
    f.edit(
        "content/_index.md",
        "title = \"Trang chủ thử nghiệm\"",
        "title = \"Trang chủ\"",
    );
    f.rebuilt(&["content/_index.md"]);
}

#[test]
fn front_matter_edits() {
    let mut f = Fixture::new();
    f.edit(HOA, "lớp học hạnh phúc", "lớp học yêu thương");
    let update = f.rebuilt(&[HOA]);
    assert_eq!(update.how, "content");
    assert!(update.changed.contains(&HOA_PAGE.to_string()));
    // A new date reorders the lists and their pages.
    f.edit(HOA, "date = 2025-10-01", "date = 2024-01-01");
    f.rebuilt(&[HOA]);
    // Another unit, another commune and area.
    f.edit(HOA, "unit = \"mn-hoa-sen\"", "unit = \"thcs-bach-long-vi\"");
    f.rebuilt(&[HOA]);
    // Another name: the honour rolls sort again.
    f.edit(HOA, "name = \"Nguyễn Thị Hoa\"", "name = \"Đặng Thị Ánh\"");
    f.rebuilt(&[HOA]);
    // Awards, campaigns, tags.
    f.edit(
        HOA,
        "frontline = true",
        "frontline = false\ncampaigns = [\"day-tot-hoc-tot\"]\ntags = [\"Hải đảo\", \"mầm non\"]",
    );
    f.rebuilt(&[HOA]);
    f.edit(HOA, "year = 2025", "year = 2023");
    f.rebuilt(&[HOA]);
}

#[test]
fn a_tag_spelled_first_by_a_new_page_renames_it_everywhere() {
    let mut f = Fixture::new();
    // nguyen-thi-hoa is read before tran-thi-hoa, so its spelling wins.
    f.edit(
        HOA,
        "frontline = true",
        "frontline = true\ntags = [\"Hải Đảo\"]",
    );
    f.rebuilt(&[HOA]);
}

#[test]
fn pages_come_and_go() {
    let mut f = Fixture::new();
    let new = "content/guong-dien-hinh/pham-van-moi.md";
    f.write(
        new,
        "+++\ntitle = \"Thầy Phạm Văn Mới\"\nname = \"Phạm Văn Mới\"\nunit = \"thcs-bach-long-vi\"\ndate = 2026-01-02\ntags = [\"hải đảo\"]\n+++\nThầy mới.\n",
    );
    let update = f.rebuilt(&[new]);
    assert!(
        update
            .changed
            .contains(&"guong-dien-hinh/pham-van-moi/index.html".into())
    );
    // Renamed.
    let renamed = "content/guong-dien-hinh/pham-van-moi-2.md";
    std::fs::rename(f.path(new), f.path(renamed)).unwrap();
    let update = f.rebuilt(&[new, renamed]);
    assert!(
        update
            .changed
            .contains(&"guong-dien-hinh/pham-van-moi/index.html".into())
    );
    // Deleted: its page, and a list page, are gone.
    std::fs::remove_file(f.path(renamed)).unwrap();
    f.rebuilt(&[renamed]);
    // A bundle: a folder with index.md.
    let bundle = "content/guong-dien-hinh/le-van-bundle/index.md";
    f.write(
        bundle,
        "+++\ntitle = \"Thầy Lê Văn Bundle\"\nname = \"Lê Văn Bundle\"\nunit = \"mn-hoa-sen\"\ndate = 2025-05-05\n+++\nThầy.\n",
    );
    f.rebuilt(&["content/guong-dien-hinh/le-van-bundle", bundle]);
    // A photo dropped into a bundle, named by its page, then replaced.
    let photo = "content/guong-dien-hinh/tran-thi-hoa/chan-dung.jpg";
    f.write_bytes(photo, &jpeg(40));
    f.edit(
        HOA_TRAN,
        "frontline = true",
        "frontline = true\nphoto = \"chan-dung.jpg\"\nphoto_alt = \"Cô Hòa trên lớp\"",
    )
    .edit(
        HOA_TRAN,
        "scope = [\"story\"]",
        "scope = [\"story\", \"photo\"]",
    );
    f.rebuilt(&[photo, HOA_TRAN]);
    f.write_bytes(photo, &jpeg(200));
    f.rebuilt(&[photo]);
    // A draft becomes public.
    f.edit(
        "content/guong-dien-hinh/ban-nhap.md",
        "draft = true",
        "draft = false",
    );
    f.rebuilt(&["content/guong-dien-hinh/ban-nhap.md"]);
}

#[test]
fn the_search_index_is_rebuilt_after_the_pages_and_loses_the_shards_of_a_deleted_page() {
    let mut f = Fixture::new();
    let news = "content/tin-tuc/zz.md";
    // Words no other page has: shards of their own.
    f.write(
        news,
        "+++\ntitle = \"Xyzzy quixotic\"\ndate = 2026-01-03\nsummary = \"Zebra.\"\n+++\nZephyr.\n",
    );
    f.rebuilt(&[news]);
    f.edit(news, "Zephyr.", "Zephyr, wyvern.");
    let update = f.rebuilder.rebuild(&[ChangeKind::Content(news.into())]);
    let Outcome::Built(update) = update else {
        panic!("{update:?}")
    };
    assert!(update.pending && f.rebuilder.has_pending());
    assert!(matches!(f.rebuilder.finish_pending(), Outcome::Built(_)));
    f.assert_same_as_full_build();
    std::fs::remove_file(f.path(news)).unwrap();
    f.rebuilt(&[news]);
}

#[test]
fn a_list_that_grows_a_page_renumbers_its_first_pages() {
    let mut f = Fixture::new();
    // Two pages per list page: older pages go last, and page 1 gains a page 2.
    for (i, year) in [(1, 2020), (2, 2019)] {
        let file = format!("content/guong-dien-hinh/cu-{i}.md");
        f.write(
            &file,
            &format!(
                "+++\ntitle = \"Thầy Cũ {i}\"\nname = \"Lê Văn Cũ\"\nunit = \"mn-hoa-sen\"\ndate = {year}-01-01\ntags = [\"hải đảo\"]\n+++\nXưa.\n"
            ),
        );
        f.rebuilt(&[&file]);
    }
}

#[path = "incremental_tests_site.rs"]
mod site;
