//! `/bao-cao/` and `/bao-cao/<yyyy>/`: the yearly report as a page, with a bar chart
//! (inline SVG drawn here) and a table beside each breakdown.

use serde::Serialize;

use super::Job;
use super::PageContext;
use crate::render::Strings;
use crate::render::context::Shapes;
use crate::report::{self, Bar, Figures, Row, Share, bar_chart, format_percent};
use crate::vietnamese::format_number;

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
    csv_url: String,
    json_url: String,
    commendations: usize,
    honourees: usize,
}

/// One breakdown: its chart and the table beside it.
#[derive(Serialize)]
struct Breakdown<'a> {
    id: &'static str,
    heading: String,
    column: String,
    note: String,
    chart: String,
    rows: &'a [Row],
}

#[derive(Serialize)]
struct ShareCtx {
    label: String,
    count: usize,
    of: usize,
    unknown: usize,
    percent: String,
}

impl Shapes<'_> {
    fn year_link(&self, year: i32, figures: Option<&Figures>) -> YearLink {
        let (commendations, honourees) =
            figures.map_or((0, 0), |f| (f.totals.commendations, f.totals.honourees));
        YearLink {
            year,
            url: self.job_url(Job::Report(year)),
            csv_url: self.job_url(Job::ReportCsv(year)),
            json_url: self.job_url(Job::ReportJson(year)),
            commendations,
            honourees,
        }
    }

    pub(super) fn reports_page(&self, strings: &Strings) -> PageContext {
        let site = self.site;
        // The figures of every year, from the whole site.
        self.read_site();
        let mut pc = PageContext::new(strings.get("reports_title"));
        pc.breadcrumbs = vec![(site.home.title.clone(), self.job_url(Job::Home))];
        let years: Vec<YearLink> = report::years(site)
            .into_iter()
            .rev()
            .map(|y| self.year_link(y, Some(&self.reports.get(y))))
            .collect();
        pc.insert("years", &years);
        pc
    }

    pub(super) fn report_page(&self, year: i32, strings: &Strings) -> PageContext {
        let site = self.site;
        let lang = self.lang;
        let t = |k: &str| strings.get(k);
        self.read_site();
        let figures = self.reports.get(year);
        let mut pc = PageContext::new(t("report_title").replace("{year}", &year.to_string()));
        pc.description = t("report_intro").replace("{year}", &year.to_string());
        pc.breadcrumbs = vec![
            (site.home.title.clone(), self.job_url(Job::Home)),
            (t("reports_title"), self.job_url(Job::Reports)),
        ];
        let rows_chart = |id: &str, title: String, rows: &[Row]| {
            let max = rows
                .iter()
                .map(|r| r.commendations)
                .max()
                .unwrap_or(0)
                .max(1);
            let bars: Vec<Bar> = rows
                .iter()
                .map(|r| Bar {
                    label: r.label.clone(),
                    fraction: r.commendations as f64 / max as f64,
                    value: format_number(r.commendations as i64, lang),
                })
                .collect();
            if bars.is_empty() {
                String::new()
            } else {
                bar_chart(id, &title, &bars)
            }
        };
        let share_ctx = |key: &str, s: &Share| ShareCtx {
            label: t(key),
            count: s.count,
            of: s.of,
            unknown: s.unknown,
            percent: format_percent(s.percent, lang),
        };
        let shares = vec![
            share_ctx("report_frontline", &figures.frontline),
            share_ctx("report_special_areas", &figures.special_areas),
        ];
        let share_bars: Vec<Bar> = shares
            .iter()
            .zip([&figures.frontline, &figures.special_areas])
            .map(|(ctx, s)| Bar {
                label: ctx.label.clone(),
                fraction: s.percent.unwrap_or(0.0) / 100.0,
                value: format!(
                    "{} % ({}/{})",
                    ctx.percent,
                    format_number(s.count as i64, lang),
                    format_number(s.of as i64, lang)
                ),
            })
            .collect();
        let breakdowns: Vec<Breakdown> = [
            ("award", "report_by_award", "col_award", &figures.by_award),
            ("level", "report_by_level", "col_level", &figures.by_level),
            (
                "commune",
                "report_by_commune",
                "col_commune",
                &figures.by_commune,
            ),
            ("area", "report_by_area", "area", &figures.by_area),
        ]
        .into_iter()
        .map(|(id, heading, column, rows)| Breakdown {
            id,
            heading: t(heading),
            column: t(column),
            note: if id == "area" {
                t("report_area_note")
            } else {
                String::new()
            },
            chart: rows_chart(&format!("chart-{id}"), t(heading), rows),
            rows,
        })
        .collect();
        let shares_chart = bar_chart("chart-shares", &t("report_shares"), &share_bars);
        let years = report::years(site);
        let at = years.iter().position(|y| *y == year);
        let prev = at
            .and_then(|i| i.checked_sub(1))
            .map(|i| self.year_link(years[i], None));
        let next = at
            .and_then(|i| years.get(i + 1))
            .map(|y| self.year_link(*y, None));
        pc.insert("year", &year);
        pc.insert("links", &self.year_link(year, Some(&figures)));
        pc.insert("shares", &shares);
        pc.insert("breakdowns", &breakdowns);
        pc.insert("shares_chart", &shares_chart);
        pc.insert("report", &figures);
        pc.insert("prev_year", &prev);
        pc.insert("next_year", &next);
        pc
    }
}
