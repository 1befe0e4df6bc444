//! WebP beside JPEG in `<picture>`, galleries and videos: the HTML, the published
//! files checked with exiftool (a tool nobody on the team wrote, Debian's
//! libimage-exiftool-perl) for metadata, and every mistake a school can make in
//! `gallery` and `video` reported at its line.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

use crate::support::TestSite;

const BUNDLE: &str = "content/guong-dien-hinh/tran-thi-hoa";
const PAGE: &str = "content/guong-dien-hinh/tran-thi-hoa/index.md";
const HTML: &str = "public/guong-dien-hinh/tran-thi-hoa/index.html";

/// A JPEG with a red left half and a blue right half.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        let shade = (y * 60 / height) as u8;
        if x < width / 2 {
            Rgb([220, 30 + shade, 30])
        } else {
            Rgb([30, 30 + shade, 220])
        }
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// Runs exiftool; `None` when it is not installed and the run may skip it.
fn exiftool(args: &[&str], files: &[&Path]) -> Option<String> {
    let output = match Command::new("exiftool").args(args).args(files).output() {
        Ok(o) => o,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("exiftool not installed (apt-get install libimage-exiftool-perl): skipped");
            return None;
        }
        Err(e) => panic!("exiftool is needed in CI (.ci/run installs it): {e}"),
    };
    assert!(
        output.status.success(),
        "exiftool {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Gives the fixture's profile photo consent and `extra` front matter.
fn front(site: &TestSite, extra: &str) {
    site.edit(
        PAGE,
        "frontline = true",
        &format!("frontline = true\n{extra}"),
    );
    site.edit(
        PAGE,
        "scope = [\"story\"]",
        "scope = [\"story\", \"photo\"]",
    );
}

/// The files of public/anh/, sorted.
fn outputs(site: &TestSite) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(site.path("public/anh"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The four-character codes of a WebP file's RIFF chunks.
fn webp_chunks(bytes: &[u8]) -> Vec<String> {
    assert_eq!(&bytes[..4], b"RIFF");
    assert_eq!(&bytes[8..12], b"WEBP");
    let mut at = 12;
    let mut out = Vec::new();
    while at + 8 <= bytes.len() {
        out.push(String::from_utf8_lossy(&bytes[at..at + 4]).into_owned());
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        at += 8 + len + (len & 1);
    }
    out
}

#[test]
fn a_photo_is_a_picture_with_webp_and_jpeg_srcsets() {
    let site = TestSite::fixture("basic");
    site.write(&format!("{BUNDLE}/chan-dung.jpg"), jpeg(1200, 1500));
    front(
        &site,
        "photo = \"chan-dung.jpg\"\nphoto_alt = \"Cô Hòa trên lớp\"",
    );
    site.build().ok();
    let names: Vec<String> = outputs(&site)
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // Three widths in two formats, and the Open Graph crop (JPEG only).
    assert_eq!(names.len(), 7, "{names:?}");
    let key = &names[0][..16];
    for (width, height) in [(480, 600), (960, 1200), (1200, 1500)] {
        for ext in ["jpg", "webp"] {
            let path = site.path(&format!("public/anh/{key}-{width}.{ext}"));
            let img = image::open(&path).unwrap();
            assert_eq!((img.width(), img.height()), (width, height), "{path:?}");
        }
        let webp = std::fs::read(site.path(&format!("public/anh/{key}-{width}.webp"))).unwrap();
        assert_eq!(
            webp_chunks(&webp),
            ["VP8 "],
            "lossy, and nothing but the picture"
        );
    }

    let html = site.read(HTML);
    let picture = html
        .split("<picture>")
        .find(|p| p.contains("portrait--photo"))
        .expect("the portrait's picture")
        .split("</picture>")
        .next()
        .unwrap();
    let sizes = "sizes=\"(min-width: 40rem) 8.5rem, 5.5rem\"";
    let webp = format!(
        "<source type=\"image/webp\" srcset=\"/dien-hinh/anh/{key}-480.webp 480w, /dien-hinh/anh/{key}-960.webp 960w, /dien-hinh/anh/{key}-1200.webp 1200w\" {sizes}>"
    );
    assert!(picture.starts_with(&webp), "{picture}");
    let img = picture.split("<img").nth(1).expect("the JPEG fallback");
    for part in [
        &format!("src=\"/dien-hinh/anh/{key}-960.jpg\""),
        &format!(
            "srcset=\"/dien-hinh/anh/{key}-480.jpg 480w, /dien-hinh/anh/{key}-960.jpg 960w, /dien-hinh/anh/{key}-1200.jpg 1200w\""
        ),
        sizes,
        "width=\"960\" height=\"1200\"",
        "alt=\"Cô Hòa trên lớp\"",
        "decoding=\"async\"",
    ] {
        assert!(img.contains(part), "{part} not in {img}");
    }
    // Social networks get the JPEG crop.
    assert!(html.contains(&format!(
        "<meta property=\"og:image\" content=\"https://example.edu.vn/dien-hinh/anh/{key}-og.jpg\">"
    )));
}

#[test]
fn jpeg_only_when_the_site_asks_and_an_unknown_format_is_refused() {
    let site = TestSite::fixture("basic");
    site.write(&format!("{BUNDLE}/chan-dung.jpg"), jpeg(600, 750));
    front(&site, "photo = \"chan-dung.jpg\"\nphoto_alt = \"Cô Hòa\"");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}\n[images]\nformats = [\"jpeg\"]\n"),
    );
    site.build().ok();
    assert!(
        outputs(&site)
            .iter()
            .all(|f| !f.to_string_lossy().ends_with(".webp"))
    );
    assert!(!site.read(HTML).contains("image/webp"));

    site.write(
        "site.toml",
        format!("{config}\n[images]\nformats = [\"webp\", \"gif\"]\n"),
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    for part in [
        "site.toml:7:1: `[images] formats` có định dạng không hỗ trợ: `gif`",
        "\"avif\", \"webp\", \"jpeg\"",
        "`[images] formats` phải có \"jpeg\"",
    ] {
        assert!(run.stderr.contains(part), "{part} not in {}", run.stderr);
    }
}

/// A phone photo as exiftool writes one: turned (orientation 6), with a GPS
/// position, the phone's make and model, an XMP creator and a Display P3 profile.
#[test]
fn a_phone_photo_is_published_upright_without_any_metadata() {
    let site = TestSite::fixture("basic");
    let photo = site.path(&format!("{BUNDLE}/dien-thoai.jpg"));
    site.write(&format!("{BUNDLE}/dien-thoai.jpg"), jpeg(1200, 600));
    let icc = site.path("p3.icc");
    std::fs::write(
        &icc,
        moxcms::ColorProfile::new_display_p3().encode().unwrap(),
    )
    .unwrap();
    let icc_arg = format!("-ICC_Profile<={}", icc.display());
    let Some(_) = exiftool(
        &[
            "-q",
            "-overwrite_original",
            "-n",
            "-Orientation=6",
            "-GPSLatitude=20.8449",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=106.6881",
            "-GPSLongitudeRef=E",
            "-Make=Samsung",
            "-Model=Galaxy A55",
            "-XMP-dc:Creator=Trần Văn Bảo",
            &icc_arg,
        ],
        &[&photo],
    ) else {
        return;
    };
    let before = exiftool(&["-G1", "-s"], &[&photo]).unwrap();
    for tag in [
        "GPSLatitude",
        "Orientation",
        "Galaxy A55",
        "Trần Văn Bảo",
        "ICC_Profile",
    ] {
        assert!(before.contains(tag), "the input carries {tag}:\n{before}");
    }
    front(
        &site,
        "gallery = [{ file = \"dien-thoai.jpg\", alt = \"Cô Hòa và học sinh trên bãi biển\" }]",
    );
    site.build().ok();
    let files = outputs(&site);
    assert_eq!(files.len(), 4, "two widths in two formats: {files:?}");
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let after = exiftool(&["-a", "-G1", "-s"], &refs).unwrap();
    for gone in [
        "GPS",
        "Orientation",
        "Samsung",
        "Galaxy",
        "Trần Văn Bảo",
        "XMP",
        "ICC",
        "IFD0",
        "ExifIFD",
    ] {
        assert!(!after.contains(gone), "{gone} published:\n{after}");
    }
    for file in &files {
        let img = image::open(file).unwrap().to_rgb8();
        // Stored 1200×600, red on the left; turned a quarter clockwise: red on top.
        assert_eq!(img.height(), img.width() * 2, "{file:?} is upright");
        let top = img.get_pixel(img.width() / 2, img.height() / 8).0;
        assert!(
            top[0] > 150 && top[2] < 110,
            "{file:?}: top is red, {top:?}"
        );
        let bytes = std::fs::read(file).unwrap();
        if file.extension().is_some_and(|e| e == "webp") {
            assert_eq!(webp_chunks(&bytes), ["VP8 "], "{file:?}");
        }
    }
}

#[test]
fn a_gallery_is_a_grid_of_links_to_the_largest_photo() {
    let site = TestSite::fixture("basic");
    site.write(&format!("{BUNDLE}/a.jpg"), jpeg(1000, 750));
    site.write(&format!("{BUNDLE}/b.jpg"), jpeg(640, 480));
    front(
        &site,
        "gallery = [\n  { file = \"a.jpg\", alt = \"Lễ khai giảng\", caption = \"Sáng 5/9 trên đảo.\" },\n  { file = \"b.jpg\", alt = \"Giờ đọc sách\" },\n]",
    );
    site.build().ok();
    let html = site.read(HTML);
    let gallery = html.split("data-gallery").nth(1).expect("the gallery");
    let gallery = gallery.split("</section>").next().unwrap();
    let links: Vec<&str> = gallery
        .split("<a class=\"gallery-link\" href=\"")
        .skip(1)
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert_eq!(links.len(), 2, "{gallery}");
    assert!(
        links[0].ends_with("-1000.jpg") && links[1].ends_with("-640.jpg"),
        "{links:?}"
    );
    for link in &links {
        assert!(site.exists(&format!("public{}", link.trim_start_matches("/dien-hinh"))));
    }
    assert!(gallery.contains("alt=\"Lễ khai giảng\"") && gallery.contains("loading=\"lazy\""));
    assert!(
        gallery.contains("<figcaption class=\"gallery-caption\">Sáng 5/9 trên đảo.</figcaption>")
    );
    assert_eq!(
        gallery.matches("<figcaption").count(),
        1,
        "no empty caption"
    );
    assert!(html.contains("<script src=\"/dien-hinh/media.js\" defer></script>"));
    assert!(site.exists("public/media.js"));
}

#[test]
fn videos_are_placeholders_and_files_are_published_without_metadata() {
    let site = TestSite::fixture("basic");
    let clip = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/phong-trao/day-tot-hoc-tot/phong-su.mp4");
    let target = site.path(&format!("{BUNDLE}/phong su.mp4"));
    std::fs::copy(&clip, &target).unwrap();
    let tagged = exiftool(
        &[
            "-q",
            "-overwrite_original",
            "-GPSCoordinates=20.8449, 106.6881",
            "-Title=Phim của em Bảo lớp 6A",
            "-Make=Apple",
            "-Model=iPhone 15",
        ],
        &[&target],
    )
    .is_some();
    front(
        &site,
        "video = [\n  { url = \"https://youtu.be/dQw4w9WgXcQ\", title = \"Phóng sự về cô Hòa\" },\n  { url = \"https://vimeo.com/76979871\", title = \"Một ngày trên đảo\" },\n  { file = \"phong su.mp4\", title = \"Lớp học trên đảo\" },\n]",
    );
    site.build().ok();
    let html = site.read(HTML);
    assert!(
        !html.contains("<iframe") && !html.contains("<video"),
        "players wait for play"
    );
    // No address of another site in a src: only links and the data-player to come.
    for attr in ["src=\"http", "srcset=\"http", "poster=\"http"] {
        assert!(!html.contains(attr), "{attr} in the page");
    }
    for part in [
        "data-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0\"",
        "href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"",
        "data-player=\"https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1\"",
        "data-player=\"/dien-hinh/guong-dien-hinh/tran-thi-hoa/phong%20su.mp4\" data-type=\"video/mp4\"",
        "<span class=\"visually-hidden\">Phát video: </span>Phóng sự về cô Hòa",
    ] {
        assert!(html.contains(part), "{part} not in the page");
    }
    let published = site.path("public/guong-dien-hinh/tran-thi-hoa/phong su.mp4");
    assert_eq!(
        std::fs::metadata(&published).unwrap().len(),
        std::fs::metadata(&target).unwrap().len(),
        "the same layout, metadata overwritten in place"
    );
    if tagged {
        let before = exiftool(&["-a", "-G1", "-s"], &[&target]).unwrap();
        assert!(
            before.contains("GPSCoordinates") && before.contains("iPhone 15"),
            "{before}"
        );
        let after = exiftool(&["-a", "-G1", "-s"], &[&published]).unwrap();
        for gone in ["GPS", "iPhone", "Apple", "Bảo", "Title"] {
            assert!(!after.contains(gone), "{gone} published:\n{after}");
        }
        assert!(after.contains("ImageWidth"), "still a video:\n{after}");
    }
}

#[test]
fn every_mistake_in_gallery_and_video_is_placed_and_explained() {
    let site = TestSite::fixture("basic");
    site.write(&format!("{BUNDLE}/a.jpg"), jpeg(64, 48));
    site.write(&format!("{BUNDLE}/notes.txt"), "x");
    site.write(
        &format!("{BUNDLE}/big.mp4"),
        [b"\0\0\0\x18ftypisom".as_slice(), &vec![0; 1_200_000]].concat(),
    );
    site.write(&format!("{BUNDLE}/fake.webm"), "not a video");
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}\n[video]\nmax_mb = 1\n"));
    site.edit(
        PAGE,
        "frontline = true",
        "frontline = true\ngallery = [\n  { file = \"a.jpg\" },\n  { file = \"../../x.jpg\", alt = \"x\" },\n  { file = \"missing.jpg\", alt = \"x\" },\n  { file = \"notes.txt\", alt = \"x\" },\n]\nvideo = [\n  { url = \"https://www.facebook.com/watch/?v=1\", title = \"x\" },\n  { url = \"https://youtu.be/dQw4w9WgXcQ\" },\n  { file = \"big.mp4\", title = \"x\" },\n  { file = \"fake.webm\", title = \"x\" },\n  { title = \"x\" },\n]",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1);
    let p = "content/guong-dien-hinh/tran-thi-hoa/index.md";
    for part in [
        &format!("lỗi[gallery-alt]: {p}:13:12: ảnh trong gallery thiếu alt"),
        &format!(
            "lỗi[media-path]: {p}:14:12: `gallery`: đường dẫn ra ngoài thư mục bài viết: `../../x.jpg`"
        ),
        &format!("lỗi[media-missing]: {p}:15:12: `gallery`: không tìm thấy tệp `missing.jpg`"),
        &format!("lỗi[image-format]: {p}:16:12: `gallery`: không phải tệp ảnh `notes.txt`"),
        &format!(
            "lỗi[video-url]: {p}:19:11: không nhận ra địa chỉ video: `https://www.facebook.com/watch/?v=1`"
        ),
        "https://youtu.be/MÃ",
        &format!("lỗi[video-title]: {p}:20:11: video thiếu title"),
        &format!(
            "lỗi[video-too-large]: {p}:21:12: tệp video `big.mp4` nặng 1.2 MB, vượt giới hạn [video] max_mb = 1"
        ),
        &format!(
            "lỗi[video-mismatch]: {p}:22:12: tệp `fake.webm` không phải là video MP4 hoặc WebM"
        ),
        &format!("lỗi[video-source]: {p}:23:"),
        // The gallery shows the person: the consent must cover images.
        &format!("lỗi[photo-consent]: {p}:12:1"),
    ] {
        assert!(run.stdout.contains(part), "{part}\nnot in:\n{}", run.stdout);
    }
}

#[test]
fn a_gallery_needs_a_bundle() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/guong-dien-hinh/nguyen-an.md",
        "+++\n",
        "+++\ngallery = [{ file = \"a.jpg\", alt = \"x\" }]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .contains("lỗi[media-needs-bundle]: content/guong-dien-hinh/nguyen-an.md:2:"),
        "{}",
        run.stdout
    );
}
