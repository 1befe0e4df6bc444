//! `tonvinh check` validates without writing, in three formats.

use crate::support::TestSite;

#[test]
fn check_writes_nothing_and_exits_by_severity() {
    let site = TestSite::fixture("basic");
    let run = site.run(&["check"]).ok();
    assert!(run.stdout.contains("0 lỗi"), "{}", run.stdout);
    assert!(!site.exists("public"));
    site.edit(
        "content/guong-dien-hinh/nguyen-an.md",
        "unit = \"mn-hoa-sen\"",
        "unit = \"khong-co\"",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.contains("nguyen-an.md:4:8"), "{}", run.stdout);
    assert!(!site.exists("public"));
}

#[test]
fn github_format_annotates_lines() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/guong-dien-hinh/nguyen-an.md",
        "unit = \"mn-hoa-sen\"",
        "unit = \"mn-hoa-sem\"",
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.status, 1);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error"))
        .expect("an ::error line");
    assert_eq!(
        line,
        "::error file=content/guong-dien-hinh/nguyen-an.md,line=4,col=8,title=unknown-reference::đơn vị `mn-hoa-sem` không tồn tại%0Acó phải ý bạn là `mn-hoa-sen`?"
    );
}

#[test]
fn json_format_has_a_stable_shape() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/guong-dien-hinh/nguyen-an.md",
        "unit = \"mn-hoa-sen\"",
        "unit = \"mn-hoa-sem\"",
    );
    let run = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["errors"], 1);
    let d = &value["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "unknown-reference");
    assert_eq!(d["path"], "content/guong-dien-hinh/nguyen-an.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(8))
    );
    assert_eq!(d["help"], "có phải ý bạn là `mn-hoa-sen`?");
}

#[test]
fn image_without_alt_fails_check_but_only_warns_in_build() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/tin-tuc/so-ket-hoc-ky-1.md",
        "Hội nghị sơ kết.",
        "Hội nghị sơ kết.\n\n![](/hoi-nghi.jpg)",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .contains("lỗi[image-alt]: content/tin-tuc/so-ket-hoc-ky-1.md:9:1"),
        "{}",
        run.stdout
    );
    let build = site.build().ok();
    assert!(
        build.stderr.contains("cảnh báo[image-alt]"),
        "{}",
        build.stderr
    );
}
