//! Every problem in one run: problems of different stages (front matter, references,
//! Markdown, images, privacy, links) in one pull request are all reported by one
//! `check`, in every format, and a build with them writes nothing.

use crate::support::TestSite;

/// A profile with five problems, each from another stage, and a news item with a
/// broken relative link and a broken fragment.
fn site_with_seven_problems() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(
        "content/guong-dien-hinh/nguyen-an.md",
        "+++\n\
         title = \"Thầy Nguyễn An\"\n\
         name = \"Nguyễn An\"\n\
         chuc_vu = \"Tổ trưởng\"\n\
         unit = \"khong-co-don-vi\"\n\
         date = 2025-08-01\n\
         +++\n\
         Thầy An dạy ở [trang này](@/guong-dien-hinh/khong-ton-tai.md).\n\
         \n\
         ![Ảnh lớp học](lop-hoc-khong-co.jpg)\n\
         \n\
         Liên hệ thầy qua số 0912345678.\n",
    );
    site.write(
        "content/tin-tuc/so-ket-hoc-ky-1.md",
        "+++\n\
         title = \"Sơ kết phong trào học kỳ I\"\n\
         date = 2026-01-15\n\
         campaigns = [\"day-tot-hoc-tot\"]\n\
         summary = \"Ngành sơ kết phong trào.\"\n\
         +++\n\
         Hội nghị sơ kết, xem [kế hoạch](../khong/).\n\
         \n\
         Đọc [câu chuyện của cô Hòa](@/guong-dien-hinh/tran-thi-hoa/index.md#khong-co-muc).\n",
    );
    site
}

/// (file, line, column, code) of the seven problems.
const SEVEN: [(&str, u64, u64, &str); 7] = [
    ("content/guong-dien-hinh/nguyen-an.md", 4, 1, "unknown-key"),
    (
        "content/guong-dien-hinh/nguyen-an.md",
        5,
        8,
        "unknown-reference",
    ),
    ("content/guong-dien-hinh/nguyen-an.md", 8, 15, "broken-link"),
    (
        "content/guong-dien-hinh/nguyen-an.md",
        10,
        1,
        "image-needs-bundle",
    ),
    (
        "content/guong-dien-hinh/nguyen-an.md",
        12,
        21,
        "personal-phone",
    ),
    ("content/tin-tuc/so-ket-hoc-ky-1.md", 7, 22, "broken-link"),
    (
        "content/tin-tuc/so-ket-hoc-ky-1.md",
        9,
        5,
        "broken-fragment",
    ),
];

#[test]
fn one_check_reports_every_problem_in_every_format() {
    let site = site_with_seven_problems();

    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.status, 1, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let errors: Vec<(String, u64, u64, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, u64, u64, String)> = SEVEN
        .iter()
        .map(|(f, l, c, code)| (f.to_string(), *l, *c, code.to_string()))
        .collect();
    assert_eq!(errors, expected, "{}", json.stdout);
    assert_eq!(value["errors"], 7);

    let github = site.run(&["check", "--format", "github"]);
    assert_eq!(github.status, 1);
    let annotations: Vec<&str> = github
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(annotations.len(), 7, "{}", github.stdout);
    for ((file, line, column, code), annotation) in SEVEN.iter().zip(&annotations) {
        let head = format!("::error file={file},line={line},col={column},title={code}::");
        assert!(
            annotation.starts_with(&head),
            "{annotation}\nexpected {head}"
        );
    }

    let human = site.run(&["check"]);
    assert_eq!(human.status, 1);
    for (file, line, column, code) in SEVEN {
        let place = format!("[{code}]: {file}:{line}:{column}:");
        assert_eq!(
            human.stdout.matches(&place).count(),
            1,
            "{place}\n{}",
            human.stdout
        );
    }
}

#[test]
fn a_build_with_problems_writes_nothing_and_keeps_the_last_output() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    let before = site.snapshot("public");
    assert!(before.len() > 40);
    let site_path = site.root().to_path_buf();
    let broken = site_with_seven_problems();
    // The same last output, in the broken site's folder.
    let out = site_path.join("public");
    let run = broken.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    for (file, line, column, code) in SEVEN {
        assert!(
            run.stderr
                .contains(&format!("[{code}]: {file}:{line}:{column}:")),
            "{code} {file}:{line}\n{}",
            run.stderr
        );
    }
    assert_eq!(site.snapshot("public"), before);
}

#[test]
fn links_of_every_kind_are_checked() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/tin-tuc/so-ket-hoc-ky-1.md",
        "Hội nghị sơ kết.",
        "Hội nghị sơ kết. [Tải](khong-co.pdf), [x](/khong-co-trang/), [y](../khong/), [trường](/don-vi/mn-hoa-sem/).\n\n\
         Đúng: [trang chủ](/), [đơn vị](/don-vi/), [lên](../), [cô Hòa](/guong-dien-hinh/tran-thi-hoa/#hanh-trinh-ra-dao), \
         [mục này](#main-content), [nguồn](https://moet.gov.vn/).",
    );
    let run = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let broken: Vec<(u64, u64, &str)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        broken,
        [
            (7, 18, "broken-link"),
            (7, 39, "broken-link"),
            (7, 62, "broken-link"),
            (7, 78, "broken-link")
        ],
        "{}",
        run.stdout
    );
    // A typo gets the nearest page as the hint.
    let typo = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("mn-hoa-sem"))
        .unwrap();
    assert_eq!(typo["help"], "có phải ý bạn là `/don-vi/mn-hoa-sen/`?");
}
