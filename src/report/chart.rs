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

const WIDTH: f64 = 640.0;
const ROW: f64 = 42.0;
/// Room for the value after the longest bar.
const VALUE_ROOM: f64 = 110.0;

/// An SVG bar chart. `id` must be unique on the page (it names the title element).
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let height = ROW * bars.len() as f64 + 4.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i as f64;
        let length = (bar.fraction.clamp(0.0, 1.0) * (WIDTH - VALUE_ROOM)).max(2.0);
        let _ = write!(
            svg,
            r##"<g class="chart-row"><text class="chart-label" x="0" y="{:.0}" font-size="14" fill="currentColor">{}</text><rect class="chart-bar" x="0" y="{:.0}" width="{length:.1}" height="16" rx="2" fill="#8c1c13"/><text class="chart-value" x="{:.1}" y="{:.0}" font-size="14" font-weight="700" fill="currentColor">{}</text></g>"##,
            y + 15.0,
            escape(&bar.label),
            y + 21.0,
            length + 6.0,
            y + 34.0,
            escape(&bar.value),
        );
    }
    svg.push_str("</svg>");
    svg
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
            svg.contains(r#"width="530.0""#),
            "the longest bar fills the width"
        );
        assert!(svg.contains(r#"width="132.5""#));
        assert_eq!(svg.matches("<rect").count(), 2);
    }
}
