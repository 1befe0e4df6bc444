//! Every kind of bad input gets an error naming the file, line and column, exit
//! status 1, no panic, and the previous output untouched.

use crate::support::TestSite;

const PROFILE: &str = "content/guong-dien-hinh/nguyen-thi-hoa.md";

/// Builds once (good), breaks the site with `breakage`, builds again and checks the
/// failure left `public/` as it was. Returns stderr of the failed build.
fn fails(breakage: impl FnOnce(&TestSite)) -> String {
    let site = TestSite::fixture("basic");
    site.build().ok();
    let before = site.snapshot("public");
    breakage(&site);
    let run = site.build();
    assert_eq!(
        run.status, 1,
        "expected exit 1, got {}:\n{}",
        run.status, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        before == site.snapshot("public"),
        "the previous output changed"
    );
    let staging: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(staging.is_empty(), "staging folder left behind");
    run.stderr
}

#[track_caller]
fn assert_has(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "{part:?} not in:\n{stderr}");
    }
}

#[test]
fn broken_toml() {
    let err = fails(|s| {
        s.edit(
            PROFILE,
            "name = \"Nguyễn Thị Hoa\"",
            "name = \"Nguyễn Thị Hoa",
        );
    });
    assert_has(
        &err,
        &[
            "lỗi[toml-syntax]",
            "guong-dien-hinh/nguyen-thi-hoa.md:3:",
            "gợi ý",
        ],
    );
}

#[test]
fn wrong_type() {
    let err = fails(|s| {
        s.edit(PROFILE, "frontline = true", "frontline = \"có\"");
    });
    assert_has(
        &err,
        &[
            "lỗi[wrong-type]",
            "nguyen-thi-hoa.md:7:13",
            "`frontline`",
            "true hoặc false",
        ],
    );
}

#[test]
fn bad_date() {
    let err = fails(|s| {
        s.edit(PROFILE, "date = 2025-10-01", "date = \"01/10/2025\"");
    });
    assert_has(&err, &["nguyen-thi-hoa.md:8:8", "2025-11-20"]);
}

#[test]
fn unknown_key_with_suggestion() {
    let err = fails(|s| {
        s.edit(PROFILE, "unit = ", "unti = ");
    });
    assert_has(
        &err,
        &[
            "lỗi[unknown-key]",
            "nguyen-thi-hoa.md:5:1",
            "`unti`",
            "`unit`",
        ],
    );
}

#[test]
fn missing_required_key() {
    let err = fails(|s| {
        s.edit(PROFILE, "name = \"Nguyễn Thị Hoa\"\n", "");
    });
    assert_has(
        &err,
        &[
            "lỗi[missing-key]",
            "nguyen-thi-hoa.md:1:1",
            "`name`",
            "name = \"",
        ],
    );
}

#[test]
fn dangling_references() {
    let err = fails(|s| {
        s.edit(PROFILE, "unit = \"mn-hoa-sen\"", "unit = \"mn-hoa-sem\"");
        s.edit(
            "content/guong-dien-hinh/tran-thi-hoa/index.html"
                .trim_end_matches(".html")
                .replace("index", "index.md")
                .as_str(),
            "campaigns = [\"day-tot-hoc-tot\"]",
            "campaigns = [\"day-tot-hoc-tott\"]",
        );
        s.edit(
            "content/guong-dien-hinh/nguyen-an.md",
            "award = \"chien-si-thi-dua-co-so\"",
            "award = \"chien-si-thi-dua\"",
        );
        s.edit(
            "content/guong-dien-hinh/to-toan-tin.md",
            "year = 2025 }",
            "year = 2025, decision = \"qd-9999\" }",
        );
    });
    assert_has(
        &err,
        &[
            "nguyen-thi-hoa.md:5:8: đơn vị `mn-hoa-sem` không tồn tại",
            "`mn-hoa-sen`?",
            "tran-thi-hoa/index.md:6:14: phong trào `day-tot-hoc-tott` không tồn tại",
            "nguyen-an.md:5:21:",
            "`chien-si-thi-dua`",
            "to-toan-tin.md:6:",
            "`qd-9999`",
        ],
    );
    // All four problems in one run.
    assert_eq!(err.matches("lỗi[unknown-reference]").count(), 4, "{err}");
}

#[test]
fn dangling_source_path_link() {
    let err = fails(|s| {
        s.edit(
            "content/tin-tuc/so-ket-hoc-ky-1.md",
            "Hội nghị sơ kết.",
            "Hội nghị [sơ kết](@/phong-trao/khong-co.md).",
        );
    });
    assert_has(
        &err,
        &[
            "lỗi[broken-link]",
            "so-ket-hoc-ky-1.md:7:10",
            "@/phong-trao/khong-co.md",
        ],
    );
}

#[test]
fn duplicate_urls() {
    let err = fails(|s| {
        s.write("content/guong-dien-hinh/tran-thi-hoa.md", "+++\ntitle = \"Trùng\"\nname = \"Trần Thị Hòa\"\nunit = \"mn-hoa-sen\"\ndate = 2025-01-01\n+++\n");
    });
    assert_has(
        &err,
        &["lỗi[duplicate-id]", "tran-thi-hoa", "đã được dùng bởi"],
    );
}

#[test]
fn photo_path_leaving_the_site() {
    let err = fails(|s| {
        s.edit(
            "content/guong-dien-hinh/tran-thi-hoa/index.md",
            "frontline = true",
            "frontline = true\nphoto = \"../../../../etc/passwd\"\nphoto_alt = \"x\"",
        );
    });
    assert_has(&err, &["lỗi[photo-path]", "tran-thi-hoa/index.md:12:9"]);
}

#[test]
fn missing_photo_and_alt() {
    let err = fails(|s| {
        s.edit(
            "content/guong-dien-hinh/tran-thi-hoa/index.md",
            "frontline = true",
            "frontline = true\nphoto = \"chan-dung.jpg\"",
        );
    });
    assert_has(&err, &["lỗi[photo-missing]", "chan-dung.jpg"]);
}

#[test]
fn invalid_utf8() {
    let err = fails(|s| {
        let mut bytes = s.read(PROFILE).into_bytes();
        let at = s.read(PROFILE).find("Cô Hoa dạy").unwrap();
        bytes.splice(at..at, [b'T', b'r', 0xB0, 0xEA, b'n', b'g']);
        s.write(PROFILE, bytes);
    });
    assert_has(&err, &["lỗi[not-utf8]", "nguyen-thi-hoa.md:11:3", "UTF-8"]);
}

#[test]
fn missing_front_matter() {
    let err = fails(|s| {
        s.write("content/tin-tuc/khong-khai-bao.md", "Chỉ có nội dung.\n");
        s.write("content/tin-tuc/yaml.md", "---\ntitle: YAML\n---\n");
    });
    assert_has(
        &err,
        &[
            "khong-khai-bao.md:1:1",
            "front matter",
            "yaml.md:1:1",
            "YAML",
        ],
    );
}

#[test]
fn broken_site_toml() {
    let err = fails(|s| {
        s.edit("site.toml", "paginate = 2", "paginte = 2");
    });
    assert_has(&err, &["site.toml:4:1", "`paginte`", "`paginate`"]);
}

#[test]
fn every_file_is_reported_in_one_run() {
    let err = fails(|s| {
        s.edit(PROFILE, "frontline = true", "frontline = 1");
        s.edit(
            "content/guong-dien-hinh/nguyen-an.md",
            "date = 2025-08-01",
            "date = 2025-13-01",
        );
        s.edit(
            "content/don-vi/mn-hoa-sen.md",
            "level = \"mam-non\"",
            "level = \"mam_non\"",
        );
    });
    assert_has(
        &err,
        &[
            "nguyen-thi-hoa.md:7",
            "nguyen-an.md",
            "mn-hoa-sen.md:3",
            "\"mam-non\"",
        ],
    );
    // tran-thi-hoa links to nguyen-thi-hoa.md, which exists but is broken: one
    // error for the broken file, none for the link.
    assert!(!err.contains("broken-link"), "{err}");
}

#[test]
fn award_for_the_wrong_subject() {
    let err = fails(|s| {
        s.edit(
            "content/guong-dien-hinh/to-toan-tin.md",
            "tap-the-lao-dong-tien-tien",
            "chien-si-thi-dua-co-so",
        );
    });
    assert_has(
        &err,
        &["lỗi[award-subject]", "to-toan-tin.md:6:21", "cá nhân"],
    );
}

#[test]
fn content_symlink_to_outside_is_refused() {
    let err = fails(|s| {
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/hostname", s.path("content/tin-tuc/leak.md")).unwrap();
    });
    assert_has(&err, &["lỗi[symlink]", "leak.md"]);
}

#[test]
fn output_inside_the_sources_is_refused() {
    let site = TestSite::fixture("basic");
    let run = site.run(&[
        "build",
        "--out",
        site.path("content/public").to_str().unwrap(),
    ]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("bad-out"), "{}", run.stderr);
    assert!(site.exists("content/_index.md"));
}

#[test]
fn english_site_gets_english_messages() {
    let err = fails(|s| {
        s.edit(
            "site.toml",
            "paginate = 2",
            "paginate = 2\nlanguage = \"en\"",
        );
        s.edit(PROFILE, "unit = ", "unti = ");
    });
    assert_has(
        &err,
        &[
            "error[unknown-key]",
            "unknown key `unti`",
            "did you mean `unit`?",
        ],
    );
}
