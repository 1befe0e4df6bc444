//! A decision's annex in a build (`recipients_file`): its rows listed on the
//! decision's page in annex order and counted by the rolls, unit pages, the report
//! and search; its problems at their cells, each once; the file never published.
//! On tests/fixtures/report, whose figures tests/it/report.rs counts by hand.

use serde_json::{Value, json};

use crate::support::TestSite;

const DECISION: &str = "content/khen-thuong/qd-30-2025/index.md";
const ANNEX: &str = "content/khen-thuong/qd-30-2025/phu-luc.csv";

/// The report fixture with decision 30, one TOML recipient and a CSV annex saved
/// as "CSV UTF-8" (with the BOM Excel writes): a title line, the header, a
/// collective and a person who have profiles, two people who have none.
fn with_annex() -> TestSite {
    let site = TestSite::fixture("report");
    site.write(
        DECISION,
        "+++\nnumber = \"30/QĐ-SGDĐT\"\ntitle = \"Về việc tặng danh hiệu Lao động tiên tiến\"\ndate = 2025-08-20\nissuer = \"Sở Giáo dục và Đào tạo\"\nrecipients = [{ name = \"Phan Văn Trước\", unit = \"mn-pho\", award = \"lao-dong-tien-tien\" }]\nrecipients_file = \"phu-luc.csv\"\n+++\nDanh sách kèm theo.\n",
    );
    site.write(
        ANNEX,
        "\u{feff}DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG,,,,\n\
         STT,Họ và tên,Chức vụ,Đơn vị,Danh hiệu\n\
         1,Tổ Toán Trường THCS Đảo Ngọc,,THCS Đảo Ngọc,TTLĐTT\n\
         2,Trần Thị Ba,Giáo viên Ngữ văn,Trường THPT Phố Biển,LĐTT\n\
         3,Nguyễn Thị Lan,Giáo viên,thcs-dao,Lao động tiên tiến\n\
         4,Lê Văn Bốn,Nhân viên thư viện,Tiểu học Núi Đá,Lao động tiên tiến\n",
    );
    site
}

/// The names of a page's honour-roll table, in order.
fn roll_names(html: &str) -> Vec<String> {
    html.split("<th scope=\"row\" class=\"roll-name\">")
        .skip(1)
        .map(|row| {
            let cell = &row[..row.find("</th>").unwrap()];
            let name_end = cell.find("</a>").or(cell.find("</span>")).unwrap();
            let name = &cell[..name_end];
            name[name.rfind('>').unwrap() + 1..].to_string()
        })
        .collect()
}

#[test]
fn the_decision_page_lists_toml_then_annex_rows_in_order() {
    let site = with_annex();
    site.build().ok();
    let page = site.read("public/khen-thuong/qd-30-2025/index.html");
    assert_eq!(
        roll_names(&page),
        [
            "Phan Văn Trước",
            "Tổ Toán Trường THCS Đảo Ngọc",
            "Trần Thị Ba",
            "Nguyễn Thị Lan",
            "Lê Văn Bốn"
        ]
    );
    assert!(page.contains("Gồm 5 cá nhân, tập thể."), "{page}");
    // Position, unit matched by its short name, award from its abbreviation.
    let ba = &page[page.find("Trần Thị Ba").unwrap()..];
    let ba = &ba[..ba.find("</tr>").unwrap()];
    assert!(ba.contains("Giáo viên Ngữ văn"), "{ba}");
    assert!(ba.contains("Trường THPT Phố Biển"), "{ba}");
    assert!(ba.contains("Lao động tiên tiến"), "{ba}");
    // A recipient with a profile links to it.
    assert!(
        page.contains("href=\"/dien-hinh/guong-dien-hinh/nguyen-thi-lan/\">Nguyễn Thị Lan</a>"),
        "{page}"
    );
    // The spreadsheet is not published.
    let published = site.snapshot("public");
    assert!(
        published
            .keys()
            .all(|p| !p.to_string_lossy().contains("phu-luc")),
        "{:?}",
        published.keys().collect::<Vec<_>>()
    );
}

#[test]
fn rolls_unit_pages_report_and_search_count_annex_rows_once() {
    let site = with_annex();
    site.build().ok();
    let year = site.read("public/nam/2025/index.html");
    let names = roll_names(&year);
    for name in ["Trần Thị Ba", "Lê Văn Bốn", "Phan Văn Trước"] {
        assert_eq!(
            names.iter().filter(|n| *n == name).count(),
            1,
            "{name}: {names:?}"
        );
    }
    // A recipient who is a profile with the same award is one line.
    for name in ["Nguyễn Thị Lan", "Tổ Toán Trường THCS Đảo Ngọc"] {
        let lines = names.iter().filter(|n| *n == name).count();
        assert_eq!(
            lines,
            if name.starts_with("Nguyễn") { 2 } else { 1 },
            "{name}"
        );
    }
    let award = site.read("public/danh-hieu/lao-dong-tien-tien/index.html");
    assert!(roll_names(&award).contains(&"Lê Văn Bốn".to_string()));
    // The unit's page lists its recipients of decisions (not those with a profile).
    let unit = site.read("public/don-vi/thpt-pho/index.html");
    assert!(
        roll_names(&unit).contains(&"Trần Thị Ba".to_string()),
        "{unit}"
    );
    assert!(unit.contains("30/QĐ-SGDĐT"));
    let dao = site.read("public/don-vi/thcs-dao/index.html");
    assert!(
        !dao.contains("unit-recipients"),
        "no recipient without a profile"
    );

    // tests/it/report.rs's hand count, plus Trước, Ba and Bốn; the collective and
    // Lan are the profiles' own commendations, now of decision 30.
    let report: Value =
        serde_json::from_str(&site.read("public/bao-cao/2025/bao-cao-2025.json")).unwrap();
    assert_eq!(
        report["totals"],
        json!({ "commendations": 12, "honourees": 11, "people": 9, "collectives": 2,
                "with_profile": 5, "without_profile": 6 })
    );
    let decision = report["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "30/QĐ-SGDĐT")
        .unwrap();
    assert_eq!(decision["commendations"], 5);
    let csv = site.read("public/bao-cao/2025/bao-cao-2025.csv");
    assert!(csv.contains("30/QĐ-SGDĐT"), "{csv}");

    // Search finds the decision by a recipient's name ("Bốn" is in no other page).
    let words = site.read("public/search-index/t/0.json");
    assert!(words.contains("\"bon\":"), "{words}");
    site.edit(ANNEX, "Lê Văn Bốn", "Lê Văn Năm");
    site.build().ok();
    let words = site.read("public/search-index/t/0.json");
    assert!(!words.contains("\"bon\":"), "{words}");
}

#[test]
fn an_edited_cell_changes_every_page_that_shows_it() {
    let site = with_annex();
    site.build().ok();
    site.edit(ANNEX, "Trần Thị Ba", "Trần Thị Bảy");
    site.build().ok();
    for page in [
        "public/khen-thuong/qd-30-2025/index.html",
        "public/nam/2025/index.html",
        "public/danh-hieu/lao-dong-tien-tien/index.html",
        "public/don-vi/thpt-pho/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("Trần Thị Bảy") && !html.contains("Trần Thị Ba<"),
            "{page}"
        );
    }
}

/// `check --format json`: (code, path, cell or line) of every problem of the
/// decisions (the fixture's profiles have warnings of their own), sorted.
fn problems(site: &TestSite) -> Vec<(String, String, String)> {
    let run = site.run(&["check", "--format", "json"]);
    let value: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut found: Vec<(String, String, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .starts_with("content/khen-thuong")
        })
        .map(|d| {
            let at = match d["cell"].as_str() {
                Some(cell) => cell.to_string(),
                None => format!("{}", d["line"]),
            };
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                at,
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_problem_of_an_annex_once_at_its_cell() {
    let site = with_annex();
    // No unit column; one misspelt award on three rows; a collective given a
    // person's title (its unit read from its name).
    site.write(
        ANNEX,
        "STT,Họ và tên,Chức vụ,Danh hiệu\n\
         1,Nguyễn Văn An,Giáo viên,Lao động tiến bộ\n\
         2,Nguyễn Văn Bình,Giáo viên,Lao động tiến bộ\n\
         3,Nguyễn Văn Cường,Giáo viên,Lao động tiến bộ\n\
         4,Tổ Toán Trường THCS Đảo Ngọc,,Lao động tiên tiến\n",
    );
    let annex = ANNEX.to_string();
    let at = |code: &str, cell: &str| (code.to_string(), annex.clone(), cell.to_string());
    assert_eq!(
        problems(&site),
        [
            at("annex-award", "D2"),
            at("annex-no-unit", "B2"),
            at("award-subject", "D5"),
        ]
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("phu-luc.csv: D2: không có danh hiệu, hình thức khen thưởng nào tên «Lao động tiến bộ» (cùng ở 2 ô khác: D3, D4)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("«Lao động tiên tiến» (lao-dong-tien-tien)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 người, tập thể không rõ đơn vị"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_annex_without_awards_takes_the_decisions_award_or_says_so_once() {
    let site = with_annex();
    site.write(
        ANNEX,
        "STT,Họ và tên,Đơn vị\n1,Trần Thị Ba,THPT Phố Biển\n2,Lê Văn Bốn,TH Núi Đá\n",
    );
    let annex = ANNEX.to_string();
    assert_eq!(
        problems(&site),
        [("annex-no-award".to_string(), annex, "B2".to_string())]
    );
    site.edit(DECISION, "+++\nDanh", "award = \"LĐTT\"\n+++\nDanh");
    site.build().ok();
    let page = site.read("public/khen-thuong/qd-30-2025/index.html");
    assert_eq!(roll_names(&page).len(), 3);
}

#[test]
fn the_annex_file_is_checked_like_a_photo() {
    let site = with_annex();
    site.edit(DECISION, "\"phu-luc.csv\"", "\"../phu-luc.csv\"");
    site.write(
        "content/khen-thuong/qd-31-2025.md",
        "+++\nnumber = \"31/QĐ-SGDĐT\"\ntitle = \"Khen\"\ndate = 2025-08-21\nissuer = \"Sở\"\nrecipients_file = \"phu-luc.xlsx\"\n+++\n",
    );
    site.write(
        "content/khen-thuong/qd-32-2025/index.md",
        "+++\nnumber = \"32/QĐ-SGDĐT\"\ntitle = \"Khen\"\ndate = 2025-08-22\nissuer = \"Sở\"\nrecipients_file = \"khong-co.xlsx\"\n+++\n",
    );
    site.write(
        "content/khen-thuong/qd-33-2025.md",
        "+++\nnumber = \"33/QĐ-SGDĐT\"\ntitle = \"Khen\"\ndate = 2025-08-23\nissuer = \"Sở\"\naward = \"lao-dong-tien-tien\"\n+++\n",
    );
    let found = problems(&site);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(code, path, _)| (code.as_str(), path.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("annex-missing", "content/khen-thuong/qd-32-2025/index.md"),
            ("annex-needs-bundle", "content/khen-thuong/qd-31-2025.md"),
            ("annex-path", DECISION),
            ("annex-unused", "content/khen-thuong/qd-33-2025.md"),
        ]
    );
    assert!(
        found.iter().all(|(_, _, line)| line == "7" || line == "6"),
        "{found:?}"
    );
}

#[test]
fn new_decision_with_an_annex_copies_it_and_prints_what_it_read() {
    let site = TestSite::fixture("report");
    let outside = tempfile::tempdir().unwrap();
    let annex = outside.path().join("Phụ lục QĐ 31.csv");
    std::fs::write(
        &annex,
        "STT,Họ và tên,Chức vụ,Đơn vị,Danh hiệu\n1,Trần Thị Ba,Giáo viên,THPT Phố Biển,LĐTT\n2,Lê Văn Bốn,,Trường THCS Đảo Xa,LĐTT\n",
    )
    .unwrap();
    let annex = annex.to_str().unwrap();
    let args = [
        "new",
        "decision",
        "Về việc tặng danh hiệu Lao động tiên tiến",
        "--number",
        "31/QĐ-SGDĐT",
        "--date",
        "2025-08-21",
        "--annex",
        annex,
    ];
    let run = site.run(&args);
    assert_eq!(
        run.status, 1,
        "the annex has an error: {}{}",
        run.stdout, run.stderr
    );
    let folder = "content/khen-thuong/qd-31-sgddt-2025";
    assert!(site.exists(&format!("{folder}/phu-luc-qd-31.csv")));
    let index = site.read(&format!("{folder}/index.md"));
    assert!(
        index.contains("recipients_file = \"phu-luc-qd-31.csv\""),
        "{index}"
    );
    assert!(!index.contains("recipients = []"), "{index}");
    let out = &run.stdout;
    assert!(
        out.contains("2 dòng; 2 người, tập thể có danh hiệu, 1 khớp với đơn vị (1 đơn vị)"),
        "{out}"
    );
    assert!(out.contains("Lao động tiên tiến: 2"), "{out}");
    assert!(
        out.contains("phu-luc-qd-31.csv: D3: không tìm thấy đơn vị «Trường THCS Đảo Xa»"),
        "{out}"
    );
    assert!(out.contains("«Trường THCS Đảo Ngọc» (thcs-dao)"), "{out}");
    // Corrected, the decision builds; a second run never overwrites.
    site.edit(&format!("{folder}/phu-luc-qd-31.csv"), "Đảo Xa", "Đảo Ngọc");
    site.build().ok();
    assert_eq!(site.run(&args).status, 1);
    // --annex is for decisions only, and for spreadsheets only.
    let run = site.run(&["new", "campaign", "Phong trào", "--annex", annex]);
    assert!(run.stderr.contains("--annex"), "{}", run.stderr);
    let run = site.run(&[
        "new",
        "decision",
        "X",
        "--number",
        "32/QĐ-SGDĐT",
        "--annex",
        "/etc/hostname",
    ]);
    assert!(run.stderr.contains(".xlsx, .xls, .ods"), "{}", run.stderr);
}
