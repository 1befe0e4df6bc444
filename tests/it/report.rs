//! The yearly report against tests/fixtures/report, whose figures were counted by
//! hand (listed in each test). The page, the CSV and JSON files and `tonvinh report`
//! print the same figures.

use serde_json::{Value, json};

use crate::support::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("report");
    site.build().ok();
    site
}

/// `[key, people, collectives, commendations]` of each row.
fn rows(v: &Value) -> Vec<(String, u64, u64, u64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().to_string(),
                r["people"].as_u64().unwrap(),
                r["collectives"].as_u64().unwrap(),
                r["commendations"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn row(key: &str, people: u64, collectives: u64, commendations: u64) -> (String, u64, u64, u64) {
    (key.to_string(), people, collectives, commendations)
}

#[test]
fn figures_of_2025_match_the_hand_count() {
    let site = built();
    let report: Value =
        serde_json::from_str(&site.read("public/bao-cao/2025/bao-cao-2025.json")).unwrap();
    assert_eq!(report["year"], 2025);
    assert_eq!(report["unit"], Value::Null);
    // Profiles: Lan (CSTĐCS + LĐTT), Bình (CSTĐCS), Cúc (giấy khen), Em (LĐTT), the
    // Tổ Toán collective (TTLĐTT); decision 10: Một, Hai (LĐTT), Tổ Văn (TTLĐTT).
    // Dũng's award is of 2024.
    assert_eq!(
        report["totals"],
        json!({ "commendations": 9, "honourees": 8, "people": 6, "collectives": 2,
                "with_profile": 5, "without_profile": 3 })
    );
    assert_eq!(
        rows(&report["by_award"]),
        [
            row("chien-si-thi-dua-co-so", 2, 0, 2),
            row("lao-dong-tien-tien", 4, 0, 4),
            row("tap-the-lao-dong-tien-tien", 0, 2, 2),
            row("giay-khen-giam-doc-so", 1, 0, 1),
        ]
    );
    // Hoàng Thị Hai has no unit: "unit unknown", last.
    assert_eq!(
        rows(&report["by_level"]),
        [
            row("tieu-hoc", 2, 0, 2),
            row("thcs", 1, 1, 3),
            row("thpt", 2, 1, 3),
            row("", 1, 0, 1),
        ]
    );
    assert_eq!(report["by_level"][3]["label"], "Chưa rõ đơn vị");
    // Communes in Vietnamese order: đặc khu (đ after d), phường, xã.
    assert_eq!(
        rows(&report["by_commune"]),
        [
            row("dac-khu-bach-long-vi", 1, 1, 3),
            row("phuong-le-chan", 2, 1, 3),
            row("xa-nui-da", 2, 0, 2),
            row("", 1, 0, 1),
        ]
    );
    // All six areas, a unit in two areas counted in both.
    assert_eq!(
        rows(&report["by_area"]),
        [
            row("hai-dao", 1, 1, 3),
            row("bien-gioi", 1, 1, 3),
            row("mien-nui", 2, 0, 2),
            row("dan-toc-thieu-so", 2, 0, 2),
            row("vung-sau", 0, 0, 0),
            row("vung-xa", 0, 0, 0),
        ]
    );
    // People with a profile: Lan and Bình frontline, Cúc and Em not; Một and Hai unknown.
    assert_eq!(
        report["frontline"],
        json!({ "count": 2, "of": 4, "unknown": 2, "percent": 50.0 })
    );
    // Units known for all people but Hai: Lan, Bình, Em in an area; Cúc, Một not.
    assert_eq!(
        report["special_areas"],
        json!({ "count": 3, "of": 5, "unknown": 1, "percent": 60.0 })
    );
    // Running in 2025: c-dai (open since 2023) and c-2025; not c-2024 or c-2026.
    let campaigns: Vec<(&str, u64)> = report["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["honourees"].as_u64().unwrap()))
        .collect();
    assert_eq!(campaigns, [("c-dai", 3), ("c-2025", 0)]);
    let decisions: Vec<(&str, &str, u64)> = report["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["number"].as_str().unwrap(),
                d["date"].as_str().unwrap(),
                d["commendations"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        decisions,
        [
            ("10/QĐ-SGDĐT", "2025-05-20", 3),
            ("20/QĐ-SGDĐT", "2025-08-15", 2)
        ]
    );
}

#[test]
fn every_year_with_commendations_has_a_page_and_files() {
    let site = built();
    for year in [2024, 2025] {
        for file in [
            format!("bao-cao/{year}/index.html"),
            format!("bao-cao/{year}/bao-cao-{year}.csv"),
            format!("bao-cao/{year}/bao-cao-{year}.json"),
        ] {
            assert!(site.exists(&format!("public/{file}")), "missing {file}");
        }
    }
    assert!(!site.exists("public/bao-cao/2026/index.html"));
    let index = site.read("public/bao-cao/index.html");
    assert!(index.contains("/dien-hinh/bao-cao/2025/bao-cao-2025.csv"));
    assert!(index.contains("/dien-hinh/bao-cao/2024/"));
    // 2024: Dũng's LĐTT only.
    let report: Value =
        serde_json::from_str(&site.read("public/bao-cao/2024/bao-cao-2024.json")).unwrap();
    assert_eq!(report["totals"]["commendations"], 1);
    assert_eq!(report["frontline"]["percent"], 100.0);
    // The menu links to the reports, and the sitemap lists the pages, not the files.
    assert!(
        site.read("public/index.html")
            .contains("/dien-hinh/bao-cao/")
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/bao-cao/2025/</loc>"));
    assert!(!sitemap.contains(".csv"));
}

#[test]
fn the_page_draws_each_chart_beside_its_table() {
    let site = built();
    let html = site.read("public/bao-cao/2025/index.html");
    // Five charts (shares, award, level, commune, area), each an SVG with a title.
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 5);
    for id in ["shares", "award", "level", "commune", "area"] {
        assert!(html.contains(&format!("aria-labelledby=\"chart-{id}-title\"")));
    }
    // Values are printed on the bars, labels above them.
    assert!(html.contains(">Lao động tiên tiến</text>"));
    assert!(html.contains(r#"class="chart-value""#));
    assert!(html.contains("50,0 % (2/4)"));
    // And the same figures in tables.
    assert!(html.contains("<th scope=\"row\">Lao động tiên tiến</th><td class=\"col-count\">4</td><td class=\"col-count\">0</td><td class=\"col-count\">4</td>"));
    assert!(html.contains("10/QĐ-SGDĐT"));
    assert!(html.contains("Phong trào Dài hạn"));
    assert!(!html.contains("Phong trào năm 2026"));
}

#[test]
fn csv_opens_in_a_spreadsheet_and_says_the_same() {
    let site = built();
    let bytes = std::fs::read(site.path("public/bao-cao/2025/bao-cao-2025.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "\"Báo cáo thi đua, khen thưởng năm 2025\"");
    assert_eq!(lines[1], "Đơn vị báo cáo,Sở Thử nghiệm báo cáo");
    assert!(lines.contains(&"Lượt khen thưởng,9"));
    assert!(
        lines.contains(&"Mã,\"Danh hiệu, hình thức khen thưởng\",Cá nhân,Tập thể,Lượt khen thưởng")
    );
    assert!(lines.contains(&"lao-dong-tien-tien,Lao động tiên tiến,4,0,4"));
    // Fields with commas are quoted; the percentage uses the Vietnamese decimal comma.
    assert!(lines.contains(&r#""Người trực tiếp lao động, công tác",2,4,"50,0",2"#));
    assert!(lines.contains(&"10/QĐ-SGDĐT,2025-05-20,Về việc công nhận danh hiệu Lao động tiên tiến,Sở Giáo dục và Đào tạo,3"));
    // `tonvinh report --format csv` prints the very same bytes.
    let run = site
        .run(&["report", "--year", "2025", "--format", "csv"])
        .ok();
    assert_eq!(
        run.stdout.as_bytes(),
        &std::fs::read(site.path("public/bao-cao/2025/bao-cao-2025.csv")).unwrap()[..]
    );
}

#[test]
fn the_command_prints_the_same_figures_and_one_unit_its_own() {
    let site = built();
    let run = site
        .run(&["report", "--year", "2025", "--format", "json"])
        .ok();
    assert_eq!(
        run.stdout,
        site.read("public/bao-cao/2025/bao-cao-2025.json")
    );

    let md = site.run(&["report", "--year", "2025"]).ok().stdout;
    assert!(md.starts_with("# Báo cáo thi đua, khen thưởng năm 2025\n"));
    assert!(md.contains("| Lượt khen thưởng | 9 |"));
    assert!(md.contains("| Người trực tiếp lao động, công tác | 2 | 4 | 50,0 | 2 |"));

    // The island school: Lan (CSTĐCS + LĐTT) and its Tổ Toán (TTLĐTT).
    let run = site
        .run(&[
            "report", "--year", "2025", "--unit", "thcs-dao", "--format", "json",
        ])
        .ok();
    let unit: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        unit["unit"],
        json!({ "id": "thcs-dao", "name": "Trường THCS Đảo Ngọc" })
    );
    assert_eq!(
        unit["totals"],
        json!({ "commendations": 3, "honourees": 2, "people": 1, "collectives": 1,
                "with_profile": 2, "without_profile": 0 })
    );
    assert_eq!(
        rows(&unit["by_award"]),
        [
            row("chien-si-thi-dua-co-so", 1, 0, 1),
            row("lao-dong-tien-tien", 1, 0, 1),
            row("tap-the-lao-dong-tien-tien", 0, 1, 1),
        ]
    );
    assert_eq!(
        unit["frontline"],
        json!({ "count": 1, "of": 1, "unknown": 0, "percent": 100.0 })
    );
    // Only the decisions that name the unit; every campaign running that year.
    assert_eq!(unit["decisions"].as_array().unwrap().len(), 1);
    assert_eq!(unit["decisions"][0]["number"], "20/QĐ-SGDĐT");
    assert_eq!(unit["decisions"][0]["commendations"], 1);
    assert_eq!(unit["campaigns"][0]["honourees"], 2);
    let md = site
        .run(&["report", "--year", "2025", "--unit", "thcs-dao"])
        .ok()
        .stdout;
    assert!(md.contains("Đơn vị báo cáo: Trường THCS Đảo Ngọc"));

    // A unit that does not exist is an error with a suggestion.
    let run = site.run(&["report", "--year", "2025", "--unit", "thcs-dao-x"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("thcs-dao-x"), "{}", run.stderr);
    assert!(run.stderr.contains("`thcs-dao`?"), "{}", run.stderr);

    // A year without commendations: zeros, and a warning naming the years that have some.
    let run = site
        .run(&["report", "--year", "2030", "--format", "json"])
        .ok();
    let empty: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(empty["totals"]["commendations"], 0);
    assert_eq!(empty["frontline"]["percent"], Value::Null);
    assert!(run.stderr.contains("2024, 2025"), "{}", run.stderr);
}
