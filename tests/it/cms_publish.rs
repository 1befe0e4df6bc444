//! `[cms] repo` makes the build publish `/admin/` from the current model; `tonvinh
//! cms` prints the same configuration; a hand-made copy in `static/` is refused.

use crate::support::TestSite;

const CMS: &str = "\n[cms]\nrepo = \"so-gddt/dien-hinh\"\n\n[awards.giay-khen-hieu-truong]\nname = \"Giấy khen của Hiệu trưởng\"\nkind = \"form\"\nsubject = \"both\"\nlevel = \"co-so\"\n";

#[test]
fn the_build_publishes_the_editor_only_with_a_repository() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    assert!(
        !site.exists("public/admin/config.yml"),
        "no [cms], no /admin/"
    );

    let toml = site.read("site.toml");
    site.write("site.toml", format!("{toml}{CMS}"));
    site.build().ok();
    let config = site.read("public/admin/config.yml");
    assert!(config.contains("repo: so-gddt/dien-hinh"), "{config}");
    // The award added in site.toml is offered, as the model knows it now.
    assert!(config.contains("value: giay-khen-hieu-truong"), "{config}");
    let page = site.read("public/admin/index.html");
    assert!(page.contains("integrity=\"sha384-"), "{page}");
    assert!(
        !page.contains("x-tonvinh-token"),
        "no token in the published page"
    );
    let printed = site.run(&["cms"]).ok();
    assert_eq!(printed.stdout, config);

    site.write("static/admin/config.yml", "backend: {}\n");
    let failed = site.build();
    assert_eq!(failed.status, 1);
    assert!(failed.stderr.contains("cms-static"), "{}", failed.stderr);
}
