//! A good site builds every page family with the right links, order and text.

use crate::support::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build().ok();
    site
}

#[test]
fn every_page_family_is_written() {
    let site = built();
    for page in [
        "index.html",
        "guong-dien-hinh/index.html",
        "guong-dien-hinh/page/2/index.html",
        "guong-dien-hinh/tran-thi-hoa/index.html",
        "guong-dien-hinh/nguyen-thi-hoa/index.html",
        "guong-dien-hinh/to-toan-tin/index.html",
        "don-vi/index.html",
        "don-vi/thcs-bach-long-vi/index.html",
        "phong-trao/day-tot-hoc-tot/index.html",
        "khen-thuong/qd-1234-sgddt-2025/index.html",
        "mo-hinh-hay/thu-vien-xanh/index.html",
        "tin-tuc/so-ket-hoc-ky-1/index.html",
        "xa-phuong/index.html",
        "xa-phuong/dac-khu-bach-long-vi/index.html",
        "xa-phuong/phuong-le-chan/index.html",
        "khu-vuc/index.html",
        "khu-vuc/hai-dao/index.html",
        "khu-vuc/bien-gioi/index.html",
        "danh-hieu/index.html",
        "danh-hieu/chien-si-thi-dua-co-so/index.html",
        "nam/index.html",
        "nam/2025/index.html",
        "nam/2024/index.html",
        "chu-de/index.html",
        "chu-de/hai-dao/index.html",
        "chu-de/nguoi-tot-viec-tot/index.html",
        "atom.xml",
        "guong-dien-hinh/atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ] {
        assert!(site.exists(&format!("public/{page}")), "missing {page}");
    }
    // Only three profiles per list page of two: pages 1 and 2, no page 3.
    assert!(!site.exists("public/guong-dien-hinh/page/3/index.html"));
    // Units have no dates: no feed.
    assert!(!site.exists("public/don-vi/atom.xml"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = built();
    assert!(!site.exists("public/guong-dien-hinh/ban-nhap/index.html"));
    assert!(!site.read("public/sitemap.xml").contains("ban-nhap"));
    site.run(&["build", "--drafts"]).ok();
    assert!(site.exists("public/guong-dien-hinh/ban-nhap/index.html"));
}

#[test]
fn links_carry_the_base_path_and_absolute_urls_the_base_url() {
    let site = built();
    let profile = site.read("public/guong-dien-hinh/tran-thi-hoa/index.html");
    assert!(
        profile.contains("href=\"/dien-hinh/don-vi/thcs-bach-long-vi/\""),
        "unit link"
    );
    assert!(
        profile.contains("href=\"/dien-hinh/guong-dien-hinh/nguyen-thi-hoa/\""),
        "@/ link resolved"
    );
    assert!(
        profile.contains("https://example.edu.vn/dien-hinh/guong-dien-hinh/tran-thi-hoa/"),
        "canonical"
    );
    assert!(
        !profile.contains("href=\"/don-vi/"),
        "a link without the base path"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap
            .contains("<loc>https://example.edu.vn/dien-hinh/guong-dien-hinh/tran-thi-hoa/</loc>")
    );
    assert!(
        site.read("public/robots.txt")
            .contains("https://example.edu.vn/dien-hinh/sitemap.xml")
    );

    site.run(&["build", "--base-url", "https://truong.example.vn/"])
        .ok();
    let profile = site.read("public/guong-dien-hinh/tran-thi-hoa/index.html");
    assert!(profile.contains("href=\"/don-vi/thcs-bach-long-vi/\""));
}

#[test]
fn profile_page_shows_unit_awards_decision_and_campaign() {
    let site = built();
    let html = site.read("public/guong-dien-hinh/tran-thi-hoa/index.html");
    for text in [
        "Trần Thị Hòa",
        "Giáo viên Ngữ văn",
        "Trường THCS Bạch Long Vĩ",
        "Chiến sĩ thi đua cơ sở",
        "1234/QĐ-SGDĐT",
        "/dien-hinh/khen-thuong/qd-1234-sgddt-2025/",
        "/dien-hinh/danh-hieu/chien-si-thi-dua-co-so/",
        "/dien-hinh/nam/2025/",
        "/dien-hinh/phong-trao/day-tot-hoc-tot/",
        "Hải đảo",
        "id=\"hanh-trinh-ra-dao\"",
    ] {
        assert!(html.contains(text), "profile page lacks {text:?}");
    }
}

#[test]
fn contributed_html_never_runs_script() {
    let site = built();
    let html = site.read("public/guong-dien-hinh/tran-thi-hoa/index.html");
    assert!(
        !html.contains("alert(\"xss\")") && !html.contains("alert(&quot;xss"),
        "script text reached the page"
    );
    assert!(!html.contains("onclick"));
    assert!(html.contains("<b>đậm</b>"));
}

#[test]
fn honour_rolls_sort_by_given_name_the_vietnamese_way() {
    let site = built();
    let roll = site.read("public/nam/2025/index.html");
    // Given names An < Ân < Hoa < Hòa, whatever the family names.
    let order: Vec<usize> = ["Nguyễn An", "Vũ Hồng Ân", "Nguyễn Thị Hoa", "Trần Thị Hòa"]
        .iter()
        .map(|n| {
            roll.find(n)
                .unwrap_or_else(|| panic!("{n} not on the 2025 roll"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?}");
    let decision = site.read("public/khen-thuong/qd-1234-sgddt-2025/index.html");
    let (an, hoa) = (
        decision.find("Nguyễn An").unwrap(),
        decision.find("Nguyễn Thị Hoa").unwrap(),
    );
    let recipient = decision
        .find("Vũ Hồng Ân")
        .expect("a recipient without a profile");
    // The decision's own recipients first, in its order; then the profiles that
    // cite it, by given name.
    assert!(recipient < an && an < hoa);
}

#[test]
fn dates_print_in_vietnamese() {
    let site = built();
    let html = site.read("public/guong-dien-hinh/tran-thi-hoa/index.html");
    assert!(
        html.contains("20/11/2025") || html.contains("ngày 20 tháng 11 năm 2025"),
        "no Vietnamese date"
    );
    assert!(html.contains("datetime=\"2025-11-20\""));
}

#[test]
fn feeds_are_atom_newest_first() {
    let site = built();
    let feed = site.read("public/atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let news = feed.find("Sơ kết phong trào học kỳ I").unwrap();
    let profile = feed.find("Cô Trần Thị Hòa").unwrap();
    assert!(news < profile, "2026 news before the 2025 profile");
    let section = site.read("public/guong-dien-hinh/atom.xml");
    assert!(section.contains("Cô Trần Thị Hòa") && !section.contains("Sơ kết"));
}

#[test]
fn decomposed_unicode_is_published_as_nfc() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/guong-dien-hinh/nguyen-an.md",
        "title = \"Thầy Nguyễn An\"",
        "title = \"Thầy Nguye\u{302}\u{303}n An\"",
    );
    site.build().ok();
    let html = site.read("public/guong-dien-hinh/nguyen-an/index.html");
    assert!(html.contains("Thầy Nguyễn An"));
    assert!(!html.contains("Nguye\u{302}\u{303}n"));
}

#[test]
fn builds_are_byte_identical() {
    let site = built();
    let first = site.snapshot("public");
    site.build().ok();
    assert!(first == site.snapshot("public"), "two builds differ");
}

#[test]
fn unit_and_campaign_pages_list_their_exemplars() {
    let site = built();
    let unit = site.read("public/don-vi/mn-hoa-sen/index.html");
    assert!(
        unit.contains("Nguyễn Thị Hoa")
            && unit.contains("Nguyễn An")
            && unit.contains("Thư viện xanh")
    );
    assert!(!unit.contains("Trần Thị Hòa"));
    let campaign = site.read("public/phong-trao/day-tot-hoc-tot/index.html");
    for text in [
        "Mỗi thầy cô là một tấm gương",
        "Nâng cao chất lượng dạy học",
        "Có sáng kiến được công nhận",
        "Trần Thị Hòa",
        "Thư viện xanh",
        "Sơ kết phong trào",
    ] {
        assert!(campaign.contains(text), "campaign page lacks {text:?}");
    }
    let area = site.read("public/khu-vuc/hai-dao/index.html");
    assert!(area.contains("Trần Thị Hòa") && !area.contains("Nguyễn Thị Hoa"));
}
