//! Horizontal bar charts as inline SVG, drawn at build time. Each bar has its label
//! above it and its value printed after it, so the chart reads without colour; the
//! page puts a table with the same figures beside it.

use std::fmt::Write as _;

/// One bar: its label, its length as a fraction of the longest (0–1), and the
/// text printed after it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub fraction: f64,
    pub value: String,
}

const WIDTH: f64 = 480.0;
/// Room for the value after the longest bar.
const VALUE_ROOM: f64 = 120.0;
/// Height of a label line, and of a bar with the gap after it.
const LINE: f64 = 17.0;
const BAR: f64 = 26.0;
/// Characters of a label line at 14 px across the chart (SVG text does not wrap).
const LABEL_CHARS: usize = 58;

/// An SVG bar chart. `id` must be unique on the page (it names the title element).
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let rows: Vec<Vec<String>> = bars.iter().map(|b| wrap(&b.label, LABEL_CHARS)).collect();
    let height: f64 = rows
        .iter()
        .map(|lines| LINE * lines.len() as f64 + BAR)
        .sum::<f64>()
        + 4.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    let mut y = 0.0;
    for (bar, lines) in bars.iter().zip(&rows) {
        let length = (bar.fraction.clamp(0.0, 1.0) * (WIDTH - VALUE_ROOM)).max(2.0);
        svg.push_str(r#"<g class="chart-row">"#);
        for line in lines {
            y += LINE;
            let _ = write!(
                svg,
                r#"<text class="chart-label" x="0" y="{:.0}" font-size="14" fill="currentColor">{}</text>"#,
                y - 3.0,
                escape(line),
            );
        }
        let _ = write!(
            svg,
            r##"<rect class="chart-bar" x="0" y="{:.0}" width="{length:.1}" height="16" rx="2" fill="#8c1c13"/><text class="chart-value" x="{:.1}" y="{:.0}" font-size="14" font-weight="700" fill="currentColor">{}</text></g>"##,
            y + 2.0,
            length + 6.0,
            y + 15.0,
            escape(&bar.value),
        );
        y += BAR;
    }
    svg.push_str("</svg>");
    svg
}

/// Splits `text` into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_carry_labels_and_values() {
        let svg = bar_chart(
            "award",
            "Theo danh hiệu",
            &[
                Bar {
                    label: "Chiến sĩ thi đua cơ sở".into(),
                    fraction: 1.0,
                    value: "4".into(),
                },
                Bar {
                    label: "A & B <c>".into(),
                    fraction: 0.25,
                    value: "1".into(),
                },
            ],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"aria-labelledby="award-title""#));
        assert!(svg.contains(">Chiến sĩ thi đua cơ sở</text>"));
        assert!(svg.contains(">A &amp; B &lt;c&gt;</text>"));
        assert!(
            svg.contains(r#"width="360.0""#),
            "the longest bar fills the width"
        );
        assert!(svg.contains(r#"width="90.0""#));
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn long_labels_wrap_at_spaces() {
        let long = "Người ở vùng sâu, vùng xa, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, miền núi";
        let lines = wrap(long, 58);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 58));
        assert_eq!(lines.join(" "), long);
        let svg = bar_chart(
            "x",
            "t",
            &[Bar {
                label: long.into(),
                fraction: 0.5,
                value: "60,0 %".into(),
            }],
        );
        assert_eq!(svg.matches("<text class=\"chart-label\"").count(), 2);
    }
}
