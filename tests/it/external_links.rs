//! `tonvinh check --external`: links to other sites, their form and (in the unit
//! tests of `links::external`, against a local server) whether they answer.

use std::sync::{Arc, Mutex};

use crate::support::TestSite;

#[test]
fn badly_formed_external_links_are_errors_and_private_ones_are_never_opened() {
    // A server on loopback that records any request: `check` must not send one.
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let seen = Arc::new(Mutex::new(0));
    let (s, count) = (server.clone(), seen.clone());
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            *count.lock().unwrap() += 1;
            let _ = request.respond(tiny_http::Response::empty(200));
        }
    });
    let site = TestSite::fixture("basic");
    site.write(
        "content/tin-tuc/so-ket-hoc-ky-1.md",
        format!(
            "+++\ntitle = \"Sơ kết phong trào học kỳ I\"\ndate = 2026-01-15\ncampaigns = [\"day-tot-hoc-tot\"]\nsummary = \"Ngành sơ kết phong trào.\"\n+++\nHội nghị sơ kết.\n\nXem [ảnh](http://192.168.1.10/anh/) và [kế hoạch](<https://moet.gov.vn/ke hoach>).\n\n[Máy của tôi](http://127.0.0.1:{port}/) và [thư](mailto:khong-co-a-cong).\n"
        ),
    );
    let run = site.run(&["check", "--external"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("lỗi[link-form]"))
        .collect();
    assert_eq!(
        errors,
        [
            "lỗi[link-form]: content/tin-tuc/so-ket-hoc-ky-1.md:9:5: liên kết tới địa chỉ nội bộ, bạn đọc trên Internet không mở được: `http://192.168.1.10/anh/`",
            "lỗi[link-form]: content/tin-tuc/so-ket-hoc-ky-1.md:9:40: liên kết có dấu cách: `https://moet.gov.vn/ke hoach`",
            &format!(
                "lỗi[link-form]: content/tin-tuc/so-ket-hoc-ky-1.md:11:1: liên kết tới địa chỉ nội bộ, bạn đọc trên Internet không mở được: `http://127.0.0.1:{port}/`"
            ),
            "lỗi[link-form]: content/tin-tuc/so-ket-hoc-ky-1.md:11:43: liên kết thư hoặc điện thoại sai dạng: `mailto:khong-co-a-cong`",
        ]
    );
    assert!(
        run.stdout
            .contains("gợi ý: chép lại địa chỉ từ thanh địa chỉ"),
        "{}",
        run.stdout
    );
    assert_eq!(
        *seen.lock().unwrap(),
        0,
        "a private address is never opened"
    );
    assert!(!site.exists("public"));
}
