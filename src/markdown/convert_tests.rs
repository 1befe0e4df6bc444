//! The conversion of Markdown bodies: features, ids, links, sanitising, images.

use super::*;

fn render_with(body: &str, trusted: bool) -> Rendered {
    let mut paths = HashMap::new();
    paths.insert(
        "guong-dien-hinh/nguyen-thi-hoa.md".to_string(),
        "guong-dien-hinh/nguyen-thi-hoa/".to_string(),
    );
    let options = Options {
        trusted_html: trusted,
        base_path: "/dien-hinh",
        source_paths: &paths,
        unreadable: &Default::default(),
        lang: Lang::En,
    };
    render(body, &options)
}

#[test]
fn renders_tables_footnotes_strikethrough_and_smart_quotes() {
    let r = render_with(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ \"mới\"[^1]\n\n[^1]: Ghi chú.\n",
        false,
    );
    assert!(r.html.contains("<table>"), "{}", r.html);
    assert!(r.html.contains("<del>cũ</del>"));
    assert!(r.html.contains("“mới”"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn headings_get_unique_folded_ids_and_a_toc() {
    let r = render_with(
        "# Thành tích\n\n## Thành tích\n\n### Ước mơ của em\n",
        false,
    );
    assert!(r.html.contains("<h2 id=\"thanh-tich\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"thanh-tich-1\">"));
    assert_eq!(
        r.toc.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["thanh-tich", "thanh-tich-1", "uoc-mo-cua-em"]
    );
    assert!(!r.html.contains("<h1"));
}

#[test]
fn source_path_links_become_urls_and_dangling_ones_are_errors() {
    let body = "[cô Hoa](@/guong-dien-hinh/nguyen-thi-hoa.md#ky-niem) và [ai](@/guong-dien-hinh/khong-co.md)";
    let r = render_with(body, false);
    assert!(
        r.html
            .contains("href=\"/dien-hinh/guong-dien-hinh/nguyen-thi-hoa/#ky-niem\""),
        "{}",
        r.html
    );
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].code, "broken-link");
    assert_eq!(r.problems[0].span.start, body.find("[ai]").unwrap());
}

#[test]
fn root_relative_links_get_the_base_path() {
    let r = render_with(
        "[đơn vị](/don-vi/thcs/) [ngoài](https://moet.gov.vn/)",
        false,
    );
    assert!(r.html.contains("href=\"/dien-hinh/don-vi/thcs/\""));
    assert!(r.html.contains("href=\"https://moet.gov.vn/\""));
}

#[test]
fn untrusted_html_loses_scripts_handlers_and_iframes() {
    let body = "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <b>đậm</b></p>\n\n<iframe src=\"https://x\"></iframe>\n\n<a href=\"javascript:alert(1)\">x</a>\n\n[y](javascript:alert(2))\n";
    let r = render_with(body, false);
    for bad in ["<script", "onclick", "<iframe", "javascript:"] {
        assert!(!r.html.contains(bad), "{bad} in {}", r.html);
    }
    assert!(r.html.contains("<b>đậm</b>"));
    assert!(r.problems.iter().any(|p| p.code == "unsafe-link"));
    let trusted = render_with("<video src=\"v.mp4\"></video>\n", true);
    assert!(trusted.html.contains("<video"));
}

#[test]
fn excerpt_is_the_first_paragraph_in_plain_text() {
    let r = render_with("## Mở đầu\n\nCô **Hoa** dạy\nở đảo.\n\nĐoạn hai.", false);
    assert_eq!(r.excerpt, "Cô Hoa dạy ở đảo.");
}

#[test]
fn images_are_replaced_after_sanitising() {
    let paths = HashMap::new();
    let unreadable = Default::default();
    let options = Options {
        trusted_html: false,
        base_path: "",
        source_paths: &paths,
        unreadable: &unreadable,
        lang: Lang::En,
    };
    let body = "Lớp học ![Cô *Hoa*](lop.jpg \"Tiết 1\") và ![ngoài](https://x.vn/a.jpg)\n\n<p onclick=\"x()\">raw</p>\n";
    let r = render_with_images(body, &options, &|i: &ImageRef| {
        (i.src == "lop.jpg").then(|| format!("<img srcset=\"a 1w\" alt=\"{}|{}\">", i.alt, i.title))
    });
    assert!(
        r.html
            .contains("Lớp học <img srcset=\"a 1w\" alt=\"Cô Hoa|Tiết 1\">"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<img src=\"https://x.vn/a.jpg\" alt=\"ngoài\">")
    );
    assert!(!r.html.contains('\u{FFFC}') && !r.html.contains("onclick"));
    assert_eq!(r.images.len(), 2);
}

#[test]
fn images_without_alt_are_reported() {
    let r = render_with("![](anh.jpg) ![Cô Hoa](b.jpg)", false);
    assert_eq!(r.images.len(), 2);
    assert_eq!(r.images[1].alt, "Cô Hoa");
    assert_eq!(
        r.problems.iter().filter(|p| p.code == "image-alt").count(),
        1
    );
}
