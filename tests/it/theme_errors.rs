//! A broken template in a site's theme: the error names the template's file, line
//! and column, shows the line, and the build stops with the last output kept.

use crate::support::TestSite;

/// The fixture site with its own theme `mine`, holding `template` as `text`.
fn site_with_template(template: &str, text: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.toml",
        "paginate = 2",
        "paginate = 2\ntheme = \"mine\"",
    );
    site.write(&format!("themes/mine/templates/{template}"), text);
    site
}

#[track_caller]
fn failed(site: &TestSite) -> String {
    let run = site.build();
    assert_eq!(run.status, 1, "expected exit 1:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.exists("public/index.html"), "a page was published");
    run.stderr
}

#[track_caller]
fn assert_has(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "{part:?} not in:\n{stderr}");
    }
}

#[test]
fn a_syntax_error_points_at_its_line_and_column() {
    let site = site_with_template(
        "404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t.not_found_title }</p>\n{% endblock content %}\n",
    );
    let err = failed(&site);
    assert_has(
        &err,
        &[
            "lỗi[template]",
            "themes/mine/templates/404.html:3:25",
            "mẫu giao diện sai cú pháp",
            "<p>{{ t.not_found_title }</p>",
            "Tera 2",
        ],
    );
}

#[test]
fn a_rendering_error_names_the_page_and_the_place() {
    let site = site_with_template(
        "404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t.not_found_title }}</p>\n<p>{{ page.nowhere }}</p>\n{% endblock content %}\n",
    );
    let err = failed(&site);
    assert_has(
        &err,
        &[
            "lỗi[template]",
            "themes/mine/templates/404.html:4:",
            "lỗi khi dựng trang /404.html",
            "{{ page.nowhere }}",
        ],
    );
}

#[test]
fn an_english_site_gets_the_message_in_english() {
    let site = site_with_template("404.html", "{% if %}\n");
    site.edit(
        "site.toml",
        "paginate = 2",
        "paginate = 2\nlanguage = \"en\"",
    );
    let err = failed(&site);
    assert_has(
        &err,
        &[
            "error[template]",
            "themes/mine/templates/404.html:1:",
            "template syntax error",
        ],
    );
}
