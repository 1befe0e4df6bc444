//! `tonvinh build` into the same folder again renders only what an edit changed and
//! links the rest; its output is always the same, byte for byte, as a full build's,
//! and a build killed at any moment leaves the last output or the new one, whole.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::support::TestSite;

const HOA: &str = "content/guong-dien-hinh/nguyen-thi-hoa.md";
const HOA_TRAN: &str = "content/guong-dien-hinh/tran-thi-hoa/index.md";

/// Builds into `public/` again, then fully into another folder, and compares them.
/// Returns (rendered, kept) from the incremental build's summary.
#[track_caller]
fn rebuild_matches_full(site: &TestSite) -> (usize, usize) {
    let run = site.build().ok();
    let counts = counts(&run.stderr);
    let full = tempfile::tempdir().unwrap();
    let out = full.path().join("public");
    site.run(&["build", "--full", "--out", out.to_str().unwrap()])
        .ok();
    let ours = site.snapshot("public");
    let theirs = snapshot(&out);
    let differ: Vec<&PathBuf> = theirs
        .keys()
        .chain(ours.keys())
        .filter(|k| ours.get(*k) != theirs.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "differ from a full build: {differ:?}\n{}",
        run.stderr
    );
    counts
}

fn snapshot(dir: &std::path::Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// "(3 trang dựng lại, 224 giữ nguyên)" → (3, 224).
fn counts(summary: &str) -> (usize, usize) {
    let numbers: Vec<usize> = summary
        .split(['(', ','])
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let n = words.next()?.parse().ok()?;
            let word = words.next()?;
            matches!(word, "trang" | "giữ").then_some(n)
        })
        .collect();
    match numbers[..] {
        [rendered, kept, ..] => (rendered, kept),
        _ => panic!("no counts in {summary}"),
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

#[test]
fn every_kind_of_edit_gives_the_files_of_a_full_build() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    // Nothing changed: nothing rendered.
    let (rendered, kept) = rebuild_matches_full(&site);
    assert_eq!(rendered, 0);
    assert!(kept > 40);

    // A body: its page and the feeds that print it, and the search index.
    site.edit(HOA_TRAN, "Một đoạn", "Một đoạn mới,");
    let (rendered, _) = rebuild_matches_full(&site);
    assert!((1..=6).contains(&rendered), "{rendered}");

    // Front matter: a new summary, a new date, another unit, a new name, awards.
    site.edit(HOA, "lớp học hạnh phúc", "lớp học yêu thương");
    rebuild_matches_full(&site);
    site.edit(HOA, "date = 2025-10-01", "date = 2024-01-01");
    rebuild_matches_full(&site);
    site.edit(HOA, "unit = \"mn-hoa-sen\"", "unit = \"thcs-bach-long-vi\"");
    rebuild_matches_full(&site);
    site.edit(HOA, "name = \"Nguyễn Thị Hoa\"", "name = \"Đặng Thị Ánh\"");
    rebuild_matches_full(&site);
    site.edit(HOA, "year = 2025", "year = 2023");
    rebuild_matches_full(&site);
    site.edit(
        HOA,
        "frontline = true",
        "frontline = false\ncampaigns = [\"day-tot-hoc-tot\"]\ntags = [\"Hải đảo\", \"đọc sách\"]",
    );
    rebuild_matches_full(&site);

    // A new page, renamed, deleted; a new bundle with a photo, the photo replaced.
    let new = "content/guong-dien-hinh/pham-van-moi.md";
    site.write(
        new,
        "+++\ntitle = \"Thầy Phạm Văn Mới\"\nname = \"Phạm Văn Mới\"\nunit = \"thcs-bach-long-vi\"\ndate = 2026-01-02\ntags = [\"hải đảo\"]\n+++\nThầy mới.\n",
    );
    rebuild_matches_full(&site);
    let renamed = "content/guong-dien-hinh/pham-van-moi-2.md";
    std::fs::rename(site.path(new), site.path(renamed)).unwrap();
    rebuild_matches_full(&site);
    std::fs::remove_file(site.path(renamed)).unwrap();
    rebuild_matches_full(&site);
    let photo = "content/guong-dien-hinh/tran-thi-hoa/chan-dung.jpg";
    site.write(photo, jpeg(40));
    site.edit(
        HOA_TRAN,
        "frontline = true",
        "frontline = true\nphoto = \"chan-dung.jpg\"\nphoto_alt = \"Cô Hòa trên lớp\"",
    )
    .edit(
        HOA_TRAN,
        "scope = [\"story\"]",
        "scope = [\"story\", \"photo\"]",
    );
    rebuild_matches_full(&site);
    site.write(photo, jpeg(200));
    rebuild_matches_full(&site);
    // A document listed, then replaced by another file of the same name.
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/attachments");
    let document = "content/guong-dien-hinh/tran-thi-hoa/bang-khen.pdf";
    site.write(
        document,
        std::fs::read(format!("{fixtures}/libreoffice.pdf")).unwrap(),
    );
    site.edit(
        HOA_TRAN,
        "frontline = true",
        "frontline = true\nattachments = [{ file = \"bang-khen.pdf\", title = \"Bằng khen\" }]",
    );
    rebuild_matches_full(&site);
    site.write(
        document,
        std::fs::read(format!("{fixtures}/exiftool.pdf")).unwrap(),
    );
    rebuild_matches_full(&site);

    // A unit renamed, a new commune; a decision renumbered; a section's text.
    let unit = "content/don-vi/mn-hoa-sen.md";
    site.edit(
        unit,
        "name = \"Trường Mầm non Hoa Sen\"",
        "name = \"Trường Mầm non Sen Hồng\"",
    );
    rebuild_matches_full(&site);
    site.write(
        "content/don-vi/th-tien-lang.md",
        "+++\nname = \"Trường Tiểu học Tiên Lãng\"\nlevel = \"tieu-hoc\"\ncommune = \"xã Tiên Lãng\"\n+++\n",
    );
    rebuild_matches_full(&site);
    let decision = "content/khen-thuong/qd-1234-sgddt-2025.md";
    site.edit(
        decision,
        "number = \"1234/QĐ-SGDĐT\"",
        "number = \"1243/QĐ-SGDĐT\"",
    );
    rebuild_matches_full(&site);
    site.edit(
        "content/guong-dien-hinh/_index.md",
        "Giới thiệu mục.",
        "Giới thiệu mục, sửa.",
    );
    let (rendered, _) = rebuild_matches_full(&site);
    assert!(rendered <= 2, "{rendered}");
    // A decision's annex: a new one, then one cell, then a row more.
    let annex = "content/khen-thuong/qd-40-sgddt-2025/phu-luc.csv";
    site.write(
        "content/khen-thuong/qd-40-sgddt-2025/index.md",
        "+++\nnumber = \"40/QĐ-SGDĐT\"\ntitle = \"Về việc tặng danh hiệu Lao động tiên tiến\"\ndate = 2025-08-20\nissuer = \"Sở Giáo dục và Đào tạo\"\nrecipients_file = \"phu-luc.csv\"\n+++\n",
    )
    .write(
        annex,
        "STT,Họ và tên,Chức vụ,Đơn vị,Danh hiệu\n1,Đỗ Thị Một,Giáo viên,MN Sen Hồng,LĐTT\n",
    );
    rebuild_matches_full(&site);
    site.edit(annex, "Đỗ Thị Một", "Đỗ Thị Mười");
    let (rendered, _) = rebuild_matches_full(&site);
    assert!((1..40).contains(&rendered), "{rendered}");
    site.edit(
        annex,
        "LĐTT\n",
        "LĐTT\n2,Phan Văn Ba,,THCS Bạch Long Vĩ,LĐTT\n",
    );
    rebuild_matches_full(&site);
    // A static file shadows a page, then uncovers it.
    site.write("static/robots.txt", "User-agent: *\n");
    rebuild_matches_full(&site);
    std::fs::remove_file(site.path("static/robots.txt")).unwrap();
    rebuild_matches_full(&site);
}

#[test]
fn templates_config_and_a_changed_output_mean_a_full_build() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    site.write(
        "themes/default/templates/404.html",
        "<html><body>Không có trang này</body></html>",
    );
    let (_, kept) = rebuild_matches_full(&site);
    assert_eq!(kept, 0, "a template changed");
    site.edit("site.toml", "paginate = 2", "paginate = 3");
    let (_, kept) = rebuild_matches_full(&site);
    assert_eq!(kept, 0, "site.toml changed");
    // The output replaced by hand: nothing of it is trusted.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    std::fs::create_dir_all(site.path("public")).unwrap();
    let (_, kept) = rebuild_matches_full(&site);
    assert_eq!(kept, 0, "another output folder");
    // A record that cannot be read.
    for entry in std::fs::read_dir(site.path(".tonvinh-cache/builds")).unwrap() {
        std::fs::write(entry.unwrap().path(), b"not a record").unwrap();
    }
    let (_, kept) = rebuild_matches_full(&site);
    assert_eq!(kept, 0, "an unreadable record");
    let (rendered, _) = rebuild_matches_full(&site);
    assert_eq!(rendered, 0);
}

/// Kills builds at many moments: every time, `public/` is the last complete output
/// or the new one, never a mix or nothing, and the next build is right.
#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_output() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    let first = site.snapshot("public");
    // A change, so that the killed builds write a different output.
    site.edit(HOA_TRAN, "Một đoạn", "Một đoạn khác,");
    let full = tempfile::tempdir().unwrap();
    let out = full.path().join("public");
    site.run(&["build", "--full", "--out", out.to_str().unwrap()])
        .ok();
    let second = snapshot(&out);
    assert_ne!(first, second);
    // How long a build takes here, to spread the kills over it.
    let started = std::time::Instant::now();
    site.run(&[
        "build",
        "--full",
        "--out",
        full.path().join("x").to_str().unwrap(),
    ])
    .ok();
    let took = started.elapsed().max(Duration::from_millis(20));
    let mut seen_new = false;
    let mut seen_old = false;
    for i in 0..24u32 {
        let wait = took * i / 20;
        // Full builds (a new staging folder) and rebuilds (the standby brought up
        // to date), in turn.
        let args: &[&str] = if i % 2 == 0 {
            &["build", "--full", "--root"]
        } else {
            &["build", "--root"]
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tonvinh"))
            .args(args)
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        let now = site.snapshot("public");
        if now == second {
            seen_new = true;
        } else if now == first {
            seen_old = true;
        } else {
            panic!(
                "after a kill at {wait:?}, public/ is neither output ({} files)",
                now.len()
            );
        }
        if now == second && i % 2 == 0 {
            // Back to the first output for the next kills.
            site.edit(HOA_TRAN, "Một đoạn khác,", "Một đoạn");
            site.build().ok();
            assert_eq!(site.snapshot("public"), first);
            site.edit(HOA_TRAN, "Một đoạn", "Một đoạn khác,");
        }
    }
    assert!(seen_old, "no kill came before the swap");
    // Whatever the kills left, the next builds are right: the first, and those that
    // bring the standby it leaves up to date.
    for text in ["Một đoạn nữa,", "Một đoạn cuối,"] {
        let (_, _) = rebuild_matches_full(&site);
        site.edit(HOA_TRAN, "Một đoạn", text);
    }
    let (_, _) = rebuild_matches_full(&site);
    let _ = seen_new;
}
