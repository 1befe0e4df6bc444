//! The gallery viewer and the video placeholders in a real browser: build a fixture
//! page with a gallery and a YouTube video, serve it on 127.0.0.1 and drive it in
//! headless Chromium (tests/e2e/media.cjs). Every request to another host is aborted
//! and listed with the step it came in: there must be none before play. Needs
//! Chromium and Node.js (.ci/run installs them); TONVINH_SKIP_E2E=1 skips.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use serde_json::Value;

use crate::support::TestSite;

const PAGE: &str = "content/guong-dien-hinh/tran-thi-hoa/index.md";

fn photo(seed: u8) -> Vec<u8> {
    let img = RgbImage::from_fn(900, 600, |x, y| {
        Rgb([seed.wrapping_mul(60), (x / 4) as u8, (y / 3) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

#[test]
fn the_viewer_and_the_player_work_and_nothing_leaves_the_site_before_play() {
    if std::env::var_os("TONVINH_SKIP_E2E").is_some() {
        eprintln!("media_e2e: skipped (TONVINH_SKIP_E2E is set)");
        return;
    }
    let site = TestSite::fixture("basic");
    for i in 1..=3u8 {
        site.write(
            &format!("content/guong-dien-hinh/tran-thi-hoa/{i}.jpg"),
            photo(i),
        );
    }
    site.edit(
        PAGE,
        "frontline = true",
        "frontline = true\ngallery = [\n  { file = \"1.jpg\", alt = \"Một\", caption = \"Ảnh thứ nhất\" },\n  { file = \"2.jpg\", alt = \"Hai\", caption = \"Ảnh thứ hai\" },\n  { file = \"3.jpg\", alt = \"Ba\" },\n]\nvideo = [{ url = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\", title = \"Phóng sự về cô Hòa\" }]",
    );
    site.edit(
        PAGE,
        "scope = [\"story\"]",
        "scope = [\"story\", \"photo\"]",
    );
    site.build().ok();

    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    crate::support::ensure_playwright(&e2e);
    let output = Command::new("node")
        .arg(e2e.join("media.cjs"))
        .arg(site.path("public"))
        .arg("/dien-hinh")
        .arg("guong-dien-hinh/tran-thi-hoa/")
        .arg("guong-dien-hinh/tran-thi-hoa/")
        .env("TONVINH_E2E_DIR", &e2e)
        .output()
        .expect("node (apt-get install -y nodejs)");
    assert!(
        output.status.success(),
        "the browser driver failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let run: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let g = &run["gallery"];
    assert_eq!(g["thumbnails"].as_array().unwrap().len(), 3);
    let thumb = g["thumbnails"][0]["image"].as_str().unwrap();
    assert!(
        thumb.ends_with(".webp"),
        "Chromium picks the WebP source: {thumb}"
    );
    assert_eq!(g["before"]["open"], false);

    // A click on the second thumbnail opens it large, with its caption and place.
    let opened = &g["opened"];
    assert_eq!(opened["open"], true);
    assert_eq!(opened["caption"], "Ảnh thứ hai");
    assert_eq!(opened["count"], "Ảnh 2/3");
    assert_eq!(opened["image_loaded"], true);
    assert!(
        opened["image"].as_str().unwrap().ends_with("-900.webp"),
        "{opened}"
    );
    assert_eq!(
        opened["focus_in_dialog"], true,
        "focus moves into the viewer"
    );

    // Arrows move; the third photo has no caption.
    assert_eq!(g["right"]["count"], "Ảnh 3/3");
    assert_eq!(g["right"]["caption"], "");
    assert_eq!(g["left_twice"]["count"], "Ảnh 1/3");
    assert_eq!(g["left_twice"]["caption"], "Ảnh thứ nhất");

    // Escape closes, and focus is back on the thumbnail of the photo last shown.
    assert_eq!(g["closed"]["open"], false);
    assert_eq!(g["closed"]["focus"], 0);
    // From the first photo, left goes round to the last; Close returns there.
    assert_eq!(g["wrapped"]["count"], "Ảnh 3/3");
    assert_eq!(g["closed_by_button"]["open"], false);
    assert_eq!(g["closed_by_button"]["focus"], 2);

    // The video: a placeholder until play, then the privacy-enhanced player.
    let v = &run["video"];
    assert_eq!(v["before"]["iframes"].as_array().unwrap().len(), 0);
    assert_eq!(
        v["before"]["placeholders"][0]["href"],
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    );
    let iframe = &v["after"]["iframes"][0];
    assert!(
        iframe["src"]
            .as_str()
            .unwrap()
            .starts_with("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        "{iframe}"
    );
    assert_eq!(iframe["title"], "Phóng sự về cô Hòa");
    assert_eq!(v["focused"], "video-player");

    // Requests to other hosts: only the player's, after the press.
    let outside = run["outside"].as_array().unwrap();
    assert!(
        outside.iter().all(|r| r["stage"] == "video-play"),
        "a request left the site before play: {outside:?}"
    );
    assert!(!outside.is_empty(), "the player was asked for on play");
    assert_eq!(
        run["errors"].as_array().unwrap().len(),
        0,
        "{}",
        run["errors"]
    );
}
