//! Privacy rules: consent, minors, personal data in keys and text, exceptions.

use crate::support::TestSite;

const PROFILE: &str = "content/guong-dien-hinh/nguyen-thi-hoa.md";

/// `tonvinh check` output (human format) and its exit status.
fn check(site: &TestSite) -> (i32, String) {
    let run = site.run(&["check"]);
    (run.status, run.stdout)
}

#[track_caller]
fn assert_has(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
}

#[test]
fn minor_without_guardian_is_an_error() {
    let site = TestSite::fixture("basic");
    site.edit(
        PROFILE,
        "frontline = true",
        "frontline = true\nminor = true",
    );
    let (status, out) = check(&site);
    assert_eq!(status, 1);
    assert_has(
        &out,
        &[
            "lỗi[minor-consent]: content/guong-dien-hinh/nguyen-thi-hoa.md:10:1: người chưa thành niên (minor = true) cần sự đồng ý của cha mẹ hoặc người giám hộ",
            "by = \"self+guardian\"",
        ],
    );
    site.edit(PROFILE, "by = \"self\"", "by = \"self+guardian\"");
    assert_eq!(check(&site).0, 0);
}

#[test]
fn photo_needs_photo_consent() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/guong-dien-hinh/tran-thi-hoa/chan-dung.jpg",
        b"not checked here",
    );
    site.edit(
        "content/guong-dien-hinh/tran-thi-hoa/index.md",
        "frontline = true",
        "frontline = true\nphoto = \"chan-dung.jpg\"\nphoto_alt = \"Cô Hòa\"",
    );
    let (status, out) = check(&site);
    assert_eq!(status, 1);
    assert_has(
        &out,
        &[
            "lỗi[photo-consent]: content/guong-dien-hinh/tran-thi-hoa/index.md:12:1",
            "scope thiếu \"photo\"",
        ],
    );
}

#[test]
fn personal_data_keys_are_refused_with_a_hint_to_remove_them() {
    let site = TestSite::fixture("basic");
    site.edit(PROFILE, "frontline = true", "frontline = true\nso_dien_thoai = \"0912345678\"\nngay_sinh = 1980-02-03\ncccd = \"001180012345\"");
    let (status, out) = check(&site);
    assert_eq!(status, 1);
    assert_has(
        &out,
        &[
            "lỗi[personal-data-key]: content/guong-dien-hinh/nguyen-thi-hoa.md:8:1: khoá `so_dien_thoai` chứa dữ liệu cá nhân không được công bố: số điện thoại",
            "nguyen-thi-hoa.md:9:1: khoá `ngay_sinh`",
            "nguyen-thi-hoa.md:10:1: khoá `cccd`",
            "xoá dòng này",
        ],
    );
}

#[test]
fn personal_data_in_text_is_found_unless_allowed() {
    let site = TestSite::fixture("basic");
    site.edit(
        PROFILE,
        "Cô Hoa dạy trẻ bằng cả trái tim.",
        "Cô Hoa dạy trẻ bằng cả trái tim.\n\nLiên hệ cô: 0912 345 678, co.hoa1980@gmail.com.\nCCCD 031180001234, CMND số 031234567.\nVăn phòng trường: 0987.000.111.",
    );
    let (status, out) = check(&site);
    assert_eq!(status, 1);
    assert_has(
        &out,
        &[
            "lỗi[personal-phone]: content/guong-dien-hinh/nguyen-thi-hoa.md:13:13: có vẻ là số điện thoại di động",
            "lỗi[personal-email]: content/guong-dien-hinh/nguyen-thi-hoa.md:13:27",
            "lỗi[personal-id]: content/guong-dien-hinh/nguyen-thi-hoa.md:14:6: có vẻ là số căn cước công dân",
            "lỗi[personal-id]: content/guong-dien-hinh/nguyen-thi-hoa.md:14:20: có vẻ là số chứng minh nhân dân",
            "nguyen-thi-hoa.md:15:19",
            "[privacy] allow",
        ],
    );
    // The school's public switchboard is listed as an exception: it passes.
    site.edit(
        "site.toml",
        "paginate = 2",
        "paginate = 2\n\n[privacy]\nallow = [\"0987 000 111\"]",
    );
    let (_, out) = check(&site);
    assert!(!out.contains(":15:19"), "{out}");
    assert!(out.contains(":13:13"));
}

#[test]
fn consent_is_a_warning_by_default_and_an_error_when_required() {
    let site = TestSite::fixture("basic");
    let (status, out) = check(&site);
    assert_eq!(status, 0);
    assert_has(
        &out,
        &[
            "cảnh báo[no-consent]: content/guong-dien-hinh/nguyen-an.md:1:1: chưa ghi nhận sự đồng ý",
        ],
    );
    assert!(
        !out.contains("to-toan-tin.md:1:1: chưa ghi nhận"),
        "collectives need no personal consent"
    );
    site.edit(
        "site.toml",
        "paginate = 2",
        "paginate = 2\n\n[privacy]\nrequire_consent = true",
    );
    let (status, out) = check(&site);
    assert_eq!(status, 1);
    assert_has(
        &out,
        &["lỗi[no-consent]: content/guong-dien-hinh/nguyen-an.md:1:1"],
    );
    assert_eq!(site.build().status, 1);
}

#[test]
fn noindex_pages_stay_off_the_sitemap_but_on_the_lists() {
    let site = TestSite::fixture("basic");
    site.edit(
        PROFILE,
        "frontline = true",
        "frontline = true\nnoindex = true",
    );
    site.build().ok();
    let page = site.read("public/guong-dien-hinh/nguyen-thi-hoa/index.html");
    assert!(
        page.contains("<meta name=\"robots\" content=\"noindex"),
        "no robots meta"
    );
    assert!(!site.read("public/sitemap.xml").contains("nguyen-thi-hoa/"));
    assert!(
        site.read("public/don-vi/mn-hoa-sen/index.html")
            .contains("Nguyễn Thị Hoa")
    );
}

#[test]
fn a_deleted_profile_leaves_no_trace() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    assert!(
        site.read("public/nam/2025/index.html")
            .contains("Trần Thị Hòa")
    );
    std::fs::remove_dir_all(site.path("content/guong-dien-hinh/tran-thi-hoa")).unwrap();
    site.build().ok();
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Trần Thị Hòa") && !text.contains("tran-thi-hoa"),
            "{} still names her",
            path.display()
        );
        assert!(
            !path.to_string_lossy().contains("tran-thi-hoa"),
            "{} left behind",
            path.display()
        );
    }
}

/// The demo site: delete a profile with a portrait, build again, and nothing in the
/// output names the person or comes from the photo; the image cache drops it too.
#[test]
fn withdrawing_a_demo_profile_with_a_photo_leaves_no_trace() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(demo.join("content")) {
        let entry = entry.unwrap();
        let to = root.join(entry.path().strip_prefix(demo).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::copy(demo.join("site.toml"), root.join("site.toml")).unwrap();
    let build = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tonvinh"))
            .args(["build", "--root"])
            .arg(root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build();
    let page = std::fs::read_to_string(root.join("public/guong-dien-hinh/le-thu-trang/index.html"))
        .unwrap();
    // The files made from her portrait: /dien-hinh/anh/<key>-<width>.jpg and -og.jpg.
    let key = page
        .split("/anh/")
        .nth(1)
        .and_then(|s| s.split('-').next())
        .expect("a portrait")
        .to_string();
    let from_photo = |dir: &std::path::Path| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(&key))
            .count()
    };
    assert!(from_photo(&root.join("public/anh")) >= 2);
    assert!(from_photo(&root.join(".tonvinh-cache")) >= 2);

    std::fs::remove_dir_all(root.join("content/guong-dien-hinh/le-thu-trang")).unwrap();
    build();
    assert_eq!(
        from_photo(&root.join("public")),
        0,
        "an image made from her photo is still published"
    );
    assert_eq!(
        from_photo(&root.join(".tonvinh-cache")),
        0,
        "the image cache still holds her photo"
    );
    for entry in walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        let path = entry.path().display().to_string();
        assert!(!path.contains("le-thu-trang"), "{path} is left behind");
        for trace in ["Lê Thu Trang", "le-thu-trang", "le thu trang"] {
            assert!(!text.contains(trace), "{path} still holds {trace:?}");
        }
    }
}
