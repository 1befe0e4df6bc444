//! The report as files to send: CSV (UTF-8 with a BOM, CRLF, Vietnamese headers: it
//! opens as is in spreadsheet software), JSON (the figures with English keys) and
//! Markdown (what `tonvinh report` prints by default).

use serde::Serialize;

use super::{Figures, Row, Share, format_percent};
use crate::model::Site;
use crate::vietnamese::{Date, Lang, format_number};

/// Headings and column names, in the site's language.
struct Words {
    title: &'static str,
    reporter: &'static str,
    source: &'static str,
    summary: &'static str,
    item: &'static str,
    number: &'static str,
    commendations: &'static str,
    honourees: &'static str,
    people: &'static str,
    collectives: &'static str,
    with_profile: &'static str,
    without_profile: &'static str,
    shares: &'static str,
    share_cols: [&'static str; 5],
    frontline: &'static str,
    special_areas: &'static str,
    code: &'static str,
    by_award: (&'static str, &'static str),
    by_level: (&'static str, &'static str),
    by_commune: (&'static str, &'static str),
    by_area: (&'static str, &'static str),
    area_note: &'static str,
    campaigns: &'static str,
    campaign_cols: [&'static str; 7],
    decisions: &'static str,
    decision_cols: [&'static str; 5],
    none: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            title: "Báo cáo thi đua, khen thưởng năm",
            reporter: "Đơn vị báo cáo",
            source: "Nguồn",
            summary: "I. Tổng hợp",
            item: "Chỉ tiêu",
            number: "Số lượng",
            commendations: "Lượt khen thưởng",
            honourees: "Cá nhân, tập thể được khen thưởng",
            people: "Cá nhân",
            collectives: "Tập thể",
            with_profile: "Trong đó có trang gương điển hình",
            without_profile: "Trong đó chỉ có tên trong quyết định",
            shares: "II. Tỷ lệ trên số cá nhân được khen thưởng",
            share_cols: [
                "Chỉ tiêu",
                "Số người",
                "Trên tổng số",
                "Tỷ lệ (%)",
                "Chưa rõ",
            ],
            frontline: "Người trực tiếp lao động, công tác",
            special_areas: "Người ở vùng sâu, vùng xa, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, miền núi",
            code: "Mã",
            by_award: (
                "III. Theo danh hiệu thi đua, hình thức khen thưởng",
                "Danh hiệu, hình thức khen thưởng",
            ),
            by_level: ("IV. Theo cấp học, loại đơn vị", "Cấp học, loại đơn vị"),
            by_commune: ("V. Theo xã, phường, đặc khu", "Xã, phường, đặc khu"),
            by_area: ("VI. Theo khu vực", "Khu vực"),
            area_note: "Một đơn vị có thể thuộc nhiều khu vực.",
            campaigns: "VII. Phong trào thi đua diễn ra trong năm",
            campaign_cols: [
                "Mã",
                "Tên phong trào",
                "Cấp phát động",
                "Phát động",
                "Bắt đầu",
                "Kết thúc",
                "Cá nhân, tập thể được khen thưởng",
            ],
            decisions: "VIII. Quyết định khen thưởng ban hành trong năm",
            decision_cols: [
                "Số, ký hiệu",
                "Ngày ban hành",
                "Trích yếu",
                "Cơ quan ban hành",
                "Lượt khen thưởng",
            ],
            none: "Không có.",
        },
        Lang::En => Words {
            title: "Emulation and commendation report for",
            reporter: "Reporting body",
            source: "Source",
            summary: "I. Summary",
            item: "Item",
            number: "Number",
            commendations: "Commendations",
            honourees: "People and collectives commended",
            people: "People",
            collectives: "Collectives",
            with_profile: "of whom with a profile page",
            without_profile: "of whom named in a decision only",
            shares: "II. Shares of the people commended",
            share_cols: ["Item", "People", "Out of", "Share (%)", "Unknown"],
            frontline: "Frontline workers",
            special_areas: "People from remote, border, island, ethnic-minority or mountain areas",
            code: "Code",
            by_award: ("III. By title or form of commendation", "Award"),
            by_level: ("IV. By level of unit", "Level"),
            by_commune: ("V. By commune, ward or special zone", "Commune"),
            by_area: ("VI. By area", "Area"),
            area_note: "A unit may be in several areas.",
            campaigns: "VII. Campaigns running in the year",
            campaign_cols: [
                "Code",
                "Campaign",
                "Level",
                "Launched by",
                "Start",
                "End",
                "People and collectives commended",
            ],
            decisions: "VIII. Decisions issued in the year",
            decision_cols: ["Number", "Date", "Title", "Issuer", "Commendations"],
            none: "None.",
        },
    }
}

/// A table: heading, column names, rows of cells.
struct Table {
    heading: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
    note: &'static str,
}

enum Cell {
    Text(String),
    Number(usize),
    Percent(Option<f64>),
}

/// The report's tables, in order; shared by CSV and Markdown.
fn tables(f: &Figures, lang: Lang) -> Vec<Table> {
    let w = words(lang);
    let t = &f.totals;
    let text = |s: &str| Cell::Text(s.to_string());
    let share = |label: &str, s: &Share| {
        vec![
            text(label),
            Cell::Number(s.count),
            Cell::Number(s.of),
            Cell::Percent(s.percent),
            Cell::Number(s.unknown),
        ]
    };
    let breakdown = |(heading, name): (&'static str, &'static str), rows: &[Row], note| Table {
        heading,
        columns: vec![w.code, name, w.people, w.collectives, w.commendations],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    text(&r.key),
                    text(&r.label),
                    Cell::Number(r.people),
                    Cell::Number(r.collectives),
                    Cell::Number(r.commendations),
                ]
            })
            .collect(),
        note,
    };
    let date = |iso: &str| Date::parse(iso).map(|d| d.iso()).unwrap_or_default();
    vec![
        Table {
            heading: w.summary,
            columns: vec![w.item, w.number],
            rows: [
                (w.commendations, t.commendations),
                (w.honourees, t.honourees),
                (w.people, t.people),
                (w.collectives, t.collectives),
                (w.with_profile, t.with_profile),
                (w.without_profile, t.without_profile),
            ]
            .into_iter()
            .map(|(l, n)| vec![text(l), Cell::Number(n)])
            .collect(),
            note: "",
        },
        Table {
            heading: w.shares,
            columns: w.share_cols.to_vec(),
            rows: vec![
                share(w.frontline, &f.frontline),
                share(w.special_areas, &f.special_areas),
            ],
            note: "",
        },
        breakdown(w.by_award, &f.by_award, ""),
        breakdown(w.by_level, &f.by_level, ""),
        breakdown(w.by_commune, &f.by_commune, ""),
        breakdown(w.by_area, &f.by_area, w.area_note),
        Table {
            heading: w.campaigns,
            columns: w.campaign_cols.to_vec(),
            rows: f
                .campaigns
                .iter()
                .map(|c| {
                    vec![
                        text(&c.id),
                        text(&c.title),
                        text(&c.level),
                        text(&c.launched_by),
                        text(&date(&c.start)),
                        text(&c.end.as_deref().map(date).unwrap_or_default()),
                        Cell::Number(c.honourees),
                    ]
                })
                .collect(),
            note: "",
        },
        Table {
            heading: w.decisions,
            columns: w.decision_cols.to_vec(),
            rows: f
                .decisions
                .iter()
                .map(|d| {
                    vec![
                        text(&d.number),
                        text(&date(&d.date)),
                        text(&d.title),
                        text(&d.issuer),
                        Cell::Number(d.commendations),
                    ]
                })
                .collect(),
            note: "",
        },
    ]
}

/// Who reports: the unit, or the site.
fn reporter(f: &Figures, site: &Site) -> String {
    f.unit
        .as_ref()
        .map_or_else(|| site.config.title.clone(), |u| u.name.clone())
}

/// The CSV file: UTF-8 with a byte-order mark (so spreadsheet software reads the
/// diacritics right), CRLF line ends, RFC 4180 quoting; one table after another.
pub fn csv(f: &Figures, site: &Site, lang: Lang) -> Vec<u8> {
    let w = words(lang);
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&[format!("{} {}", w.title, f.year)]);
    line(&[w.reporter.to_string(), reporter(f, site)]);
    line(&[
        w.source.to_string(),
        site.permalink(&format!("bao-cao/{}/", f.year)),
    ]);
    for table in tables(f, lang) {
        line(&[]);
        line(&[table.heading.to_string()]);
        line(
            &table
                .columns
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>(),
        );
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => guard_formula(s),
                    Cell::Number(n) => n.to_string(),
                    Cell::Percent(p) => format_percent(*p, lang),
                })
                .collect();
            line(&cells);
        }
        if !table.note.is_empty() {
            line(&[table.note.to_string()]);
        }
    }
    out.into_bytes()
}

/// Quotes a field when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Text that spreadsheet software would take for a formula gets a leading apostrophe.
fn guard_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    generator: &'static str,
    #[serde(flatten)]
    figures: &'a Figures,
}

/// The figures as JSON (English keys, labels in the site's language).
pub fn json(f: &Figures) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&JsonReport {
        generator: concat!("tonvinh ", env!("CARGO_PKG_VERSION")),
        figures: f,
    })
    .unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The report as Markdown tables.
pub fn markdown(f: &Figures, site: &Site, lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!(
        "# {} {}\n\n{}: {}\n",
        w.title,
        f.year,
        w.reporter,
        reporter(f, site)
    );
    for table in tables(f, lang) {
        out.push_str(&format!("\n## {}\n\n", table.heading));
        if table.rows.is_empty() {
            out.push_str(w.none);
            out.push('\n');
            continue;
        }
        let cell = |s: &str| s.replace('|', "\\|");
        out.push_str(&format!(
            "| {} |\n",
            table
                .columns
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!(
            "|{}\n",
            table
                .rows
                .first()
                .map(|r| r
                    .iter()
                    .map(|c| match c {
                        Cell::Text(_) => "---|",
                        _ => "---:|",
                    })
                    .collect::<String>())
                .unwrap_or_default()
        ));
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => cell(s),
                    Cell::Number(n) => format_number(*n as i64, lang),
                    Cell::Percent(p) => format_percent(*p, lang),
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if !table.note.is_empty() {
            out.push_str(&format!("\n{}\n", table.note));
        }
    }
    out
}
