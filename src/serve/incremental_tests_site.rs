//! Edits beyond profiles: units, campaigns, decisions and their annexes, news,
//! sections, static files, templates and configuration, documents and links, and
//! rebuilds that fail or change nothing.

use super::*;

#[test]
fn units_campaigns_decisions_news() {
    let mut f = Fixture::new();
    let unit = "content/don-vi/mn-hoa-sen.md";
    f.edit(
        unit,
        "Trường mầm non trong phố.",
        "Trường mầm non giữa phố.",
    );
    f.rebuilt(&[unit]);
    f.edit(
        unit,
        "name = \"Trường Mầm non Hoa Sen\"",
        "name = \"Trường Mầm non Sen Hồng\"",
    );
    f.rebuilt(&[unit]);
    f.edit(
        unit,
        "commune = \"phường Lê Chân\"",
        "commune = \"Phường Lê Chân\"\nareas = [\"vung-sau\"]",
    );
    f.rebuilt(&[unit]);
    let campaign = "content/phong-trao/day-tot-hoc-tot.md";
    // The home page shows the (active) campaign's card, whose summary is its first
    // paragraph.
    f.edit(
        campaign,
        "Phát động năm học mới.",
        "Phát động từ đầu năm học.",
    );
    assert_eq!(f.rebuilt(&[campaign]).how, "body");
    f.edit(
        campaign,
        "start = 2025-09-05",
        "start = 2025-09-05\nend = 2025-12-31",
    );
    f.rebuilt(&[campaign]);
    let decision = "content/khen-thuong/qd-1234-sgddt-2025.md";
    f.edit(decision, "name = \"Vũ Hồng Ân\"", "name = \"Vũ Hồng An\"");
    f.rebuilt(&[decision]);
    // Profile pages name the decision.
    f.edit(
        decision,
        "number = \"1234/QĐ-SGDĐT\"",
        "number = \"1243/QĐ-SGDĐT\"",
    );
    f.rebuilt(&[decision]);
    // Honour rolls name the unit of everyone on them.
    let island = "content/don-vi/thcs-bach-long-vi.md";
    f.edit(
        island,
        "name = \"Trường THCS Bạch Long Vĩ\"",
        "name = \"Trường THCS đảo Bạch Long Vĩ\"",
    );
    f.rebuilt(&[island]);
    let news = "content/tin-tuc/so-ket-hoc-ky-1.md";
    f.edit(
        news,
        "date = 2026-01-15",
        "date = 2026-01-15\nunit = \"thcs-bach-long-vi\"",
    );
    f.rebuilt(&[news]);
    let model = "content/mo-hinh-hay/thu-vien-xanh.md";
    f.edit(
        model,
        "Thư viện dưới tán cây.",
        "Thư viện dưới tán cây xanh.",
    );
    f.rebuilt(&[model]);
}

#[test]
fn a_decisions_annex_edited_cell_by_cell() {
    let mut f = Fixture::new();
    let index = "content/khen-thuong/qd-40-sgddt-2025/index.md";
    let annex = "content/khen-thuong/qd-40-sgddt-2025/phu-luc.csv";
    f.write(
        index,
        "+++\nnumber = \"40/QĐ-SGDĐT\"\ntitle = \"Về việc tặng danh hiệu Lao động tiên tiến\"\ndate = 2025-08-20\nissuer = \"Sở Giáo dục và Đào tạo\"\nrecipients_file = \"phu-luc.csv\"\n+++\nDanh sách kèm theo.\n",
    )
    .write(
        annex,
        "STT,Họ và tên,Chức vụ,Đơn vị,Danh hiệu\n1,Đỗ Thị Một,Giáo viên,MN Hoa Sen,LĐTT\n2,Tổ Văn Trường THCS Bạch Long Vĩ,,THCS Bạch Long Vĩ,TTLĐTT\n",
    );
    f.rebuilt(&[index, annex]);
    // One cell: the decision's page, the rolls and the unit's page show it.
    f.edit(annex, "Đỗ Thị Một", "Đỗ Thị Mười");
    let update = f.rebuilt(&[annex]);
    for page in [
        "khen-thuong/qd-40-sgddt-2025/index.html",
        "nam/2025/index.html",
        "danh-hieu/lao-dong-tien-tien/index.html",
        "don-vi/mn-hoa-sen/index.html",
    ] {
        assert!(
            update.changed.iter().any(|c| c == page),
            "{page}: {update:?}"
        );
    }
    assert!(!update.changed.iter().any(|c| c == HOA_PAGE), "{update:?}");
    // A position, another unit (by id), another award, a row added, a row removed.
    f.edit(annex, "Giáo viên", "Phó Hiệu trưởng");
    f.rebuilt(&[annex]);
    f.edit(annex, "MN Hoa Sen", "thcs-bach-long-vi");
    f.rebuilt(&[annex]);
    f.edit(annex, "LĐTT", "Chiến sĩ thi đua cơ sở");
    f.rebuilt(&[annex]);
    f.edit(
        annex,
        "TTLĐTT\n",
        "TTLĐTT\n3,Phan Văn Ba,,MN Hoa Sen,LĐTT\n",
    );
    f.rebuilt(&[annex]);
    f.edit(
        annex,
        "1,Đỗ Thị Mười,Phó Hiệu trưởng,thcs-bach-long-vi,Chiến sĩ thi đua cơ sở\n",
        "",
    );
    f.rebuilt(&[annex]);
    // The same unit by its id: nothing shown changes. Renamed, the row shows the
    // new name.
    f.edit(
        annex,
        "3,Phan Văn Ba,,MN Hoa Sen",
        "3,Phan Văn Ba,,mn-hoa-sen",
    );
    assert!(matches!(f.rebuild(&[annex]), Outcome::Unchanged));
    f.assert_same_as_full_build();
    let unit = "content/don-vi/mn-hoa-sen.md";
    f.edit(
        unit,
        "name = \"Trường Mầm non Hoa Sen\"",
        "name = \"Trường Mầm non Sen Hồng\"",
    );
    f.rebuilt(&[unit]);
    // A broken cell keeps the last good site; fixed, it builds again.
    f.edit(annex, "mn-hoa-sen", "Trường không có");
    assert!(matches!(f.rebuild(&[annex]), Outcome::Failed(_)));
    f.edit(annex, "Trường không có", "mn-hoa-sen");
    assert!(!matches!(f.rebuild(&[annex]), Outcome::Failed(_)));
    f.assert_same_as_full_build();
    // The annex given up for TOML recipients.
    f.edit(
        index,
        "recipients_file = \"phu-luc.csv\"",
        "recipients = [{ name = \"Phan Văn Ba\", unit = \"mn-hoa-sen\", award = \"lao-dong-tien-tien\" }]",
    );
    f.rebuilt(&[index]);
}

#[test]
fn a_commune_spelled_first_by_a_new_unit_renames_it_everywhere() {
    let mut f = Fixture::new();
    // Read before mn-hoa-sen, so its spelling of the ward wins.
    let unit = "content/don-vi/a-truong-moi.md";
    f.write(
        unit,
        "+++\nname = \"Trường Mầm non Mới\"\nlevel = \"mam-non\"\ncommune = \"phường Lê chân\"\n+++\n",
    );
    f.rebuilt(&[unit]);
}

#[test]
fn sections_come_and_go() {
    let mut f = Fixture::new();
    let index = "content/tin-tuc-2/_index.md";
    f.write(index, "+++\ntype = \"news\"\ntitle = \"Tin nhanh\"\n+++\n");
    f.rebuilt(&["content/tin-tuc-2", index]);
    std::fs::remove_dir_all(f.path("content/tin-tuc-2")).unwrap();
    f.rebuilt(&["content/tin-tuc-2"]);
}

#[test]
fn static_files_templates_and_config() {
    let mut f = Fixture::new();
    f.write("static/css/print.css", "body { color: black }");
    let update = f.rebuilt(&["static/css/print.css"]);
    assert!(update.css_only());
    f.write("static/files/quy-che.pdf", "%PDF-1.4");
    let update = f.rebuilt(&["static/files/quy-che.pdf"]);
    assert!(!update.css_only());
    // A static file hides a page of the same path, and shows it again when removed.
    f.write("static/robots.txt", "User-agent: *\n");
    f.rebuilt(&["static/robots.txt"]);
    std::fs::remove_file(f.path("static/robots.txt")).unwrap();
    f.rebuilt(&["static/robots.txt"]);
    // The site's copy of the default theme overrides a template and the stylesheet.
    let css = "themes/default/static/theme.css";
    f.write(css, "body { margin: 0 }");
    assert!(f.rebuilt(&[css]).css_only());
    let template = "themes/default/templates/404.html";
    f.write(template, "<html><body>Không có trang này</body></html>");
    assert_eq!(f.rebuilt(&[template]).how, "full");
    f.edit("site.toml", "paginate = 2", "paginate = 3");
    assert_eq!(f.rebuilt(&["site.toml"]).how, "full");
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_files() {
    let mut f = Fixture::new();
    let before = f.rebuilder.files().unwrap();
    f.edit(HOA, "name = \"Nguyễn Thị Hoa\"", "name = \"Nguyễn Thị Hoa");
    let Outcome::Failed(failure) = f.rebuild(&[HOA]) else {
        panic!("expected a failure")
    };
    assert!(
        failure
            .diagnostics
            .iter()
            .any(|d| d.path == Path::new(HOA) && d.line == 3),
        "{:?}",
        failure.diagnostics
    );
    assert!(Arc::ptr_eq(&before, &f.rebuilder.files().unwrap()));
    // Another file's body edit does not hide the error.
    let tran = HOA_TRAN;
    f.edit(tran, "Một đoạn", "Hai đoạn");
    assert!(matches!(f.rebuild(&[tran]), Outcome::Failed(_)));
    // Fixed: everything changed meanwhile shows.
    f.edit(HOA, "name = \"Nguyễn Thị Hoa", "name = \"Nguyễn Thị Hoa\"");
    f.rebuilt(&[HOA]);
    // A body that breaks (a dangling link), then is fixed.
    f.edit(
        HOA,
        "bằng cả trái tim.",
        "bằng cả [trái tim](@/khong-co.md).",
    );
    assert!(matches!(f.rebuild(&[HOA]), Outcome::Failed(_)));
    f.edit(HOA, "[trái tim](@/khong-co.md)", "trái tim và khối óc");
    f.rebuilt(&[HOA]);
}

#[test]
fn saving_without_changes_rebuilds_nothing() {
    let mut f = Fixture::new();
    f.edit(HOA, "Cô Hoa", "Cô Hoa");
    assert!(matches!(f.rebuild(&[HOA]), Outcome::Unchanged));
    assert!(matches!(
        f.rebuild(&["content/.hoa.md.swp"]),
        Outcome::Unchanged
    ));
}

#[test]
fn a_new_commune_and_a_new_tag_are_listed() {
    let mut f = Fixture::new();
    let unit = "content/don-vi/th-tien-lang.md";
    f.write(
        unit,
        "+++\nname = \"Trường Tiểu học Tiên Lãng\"\nlevel = \"tieu-hoc\"\ncommune = \"xã Tiên Lãng\"\n+++\n",
    );
    let update = f.rebuilt(&[unit]);
    assert!(update.changed.contains(&"xa-phuong/index.html".to_string()));
    f.edit(
        HOA,
        "frontline = true",
        "frontline = true\ntags = [\"đọc sách\"]",
    );
    let update = f.rebuilt(&[HOA]);
    assert!(update.changed.contains(&"chu-de/index.html".to_string()));
}

#[test]
fn every_key_a_file_read_has_a_value() {
    let f = Fixture::new();
    let state = f.rebuilder.state.as_ref().unwrap();
    let records = &state.built.records;
    assert!(records.files.len() > 40);
    for (file, record) in &records.files {
        assert!(
            !record.reads.is_empty() || file.ends_with(".txt") || file == "404.html",
            "{file} read nothing"
        );
        for key in &record.reads {
            assert!(
                records.values.get(*key).is_some(),
                "{file} read {key:?}, which has no value"
            );
        }
    }
}

#[test]
fn documents_come_with_the_links_to_them_and_broken_links_fail() {
    let mut f = Fixture::new();
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/attachments/libreoffice.pdf"
    ))
    .unwrap();
    f.write_bytes("content/guong-dien-hinh/tran-thi-hoa/bang-khen.pdf", &pdf);
    // A body edit that links a document of the bundle publishes it.
    f.edit(
        HOA_TRAN,
        "Cô Hòa ra đảo năm 2015.",
        "Cô Hòa ra đảo năm 2015, xem [bằng khen](bang-khen.pdf).",
    );
    let update = f.rebuilt(&[
        HOA_TRAN,
        "content/guong-dien-hinh/tran-thi-hoa/bang-khen.pdf",
    ]);
    assert!(
        update
            .changed
            .contains(&"guong-dien-hinh/tran-thi-hoa/bang-khen.pdf".to_string()),
        "{:?}",
        update.changed
    );
    // Listed in the front matter: the page shows it.
    f.edit(
        HOA_TRAN,
        "frontline = true",
        "frontline = true\nattachments = [{ file = \"bang-khen.pdf\", title = \"Bằng khen\" }]",
    );
    f.rebuilt(&[HOA_TRAN]);
    // A broken link in a body edit fails the rebuild, as it fails a build.
    f.edit(HOA_TRAN, "năm 2015,", "năm 2015, [ở đây](../khong-co/),");
    let Outcome::Failed(failure) = f.rebuild(&[HOA_TRAN]) else {
        panic!("a broken link must fail the rebuild")
    };
    assert!(failure.diagnostics.iter().any(|d| d.code == "broken-link"));
}
