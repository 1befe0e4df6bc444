//! Photos and body images: the widths and srcset in the HTML, orientation, no
//! metadata left, the cache and its pruning, and every kind of bad image refused with
//! its file named and the previous output untouched. Images are made by the tests.

use std::io::Cursor;
use std::path::PathBuf;

use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb, RgbImage, Rgba};

use crate::support::TestSite;

const BUNDLE: &str = "content/guong-dien-hinh/tran-thi-hoa";
const PAGE: &str = "content/guong-dien-hinh/tran-thi-hoa/index.md";
const HTML: &str = "public/guong-dien-hinh/tran-thi-hoa/index.html";

/// A JPEG whose left half is red and right half blue, with a gradient for texture.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        let shade = (y * 60 / height) as u8;
        if x < width / 2 {
            Rgb([220, 30 + shade, 30])
        } else {
            Rgb([30, 30 + shade, 220])
        }
    });
    encode(DynamicImage::ImageRgb8(img), ImageFormat::Jpeg)
}

fn encode(img: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// `jpeg` with an EXIF segment (orientation, and a GPS position of a home) and an XMP
/// segment right after SOI, as a phone writes them.
fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend(tag.to_be_bytes());
        tiff.extend(kind.to_be_bytes());
        tiff.extend(count.to_be_bytes());
        tiff.extend(value);
    };
    // IFD0 at 8: orientation and the GPS IFD's offset (38).
    tiff.extend(2u16.to_be_bytes());
    let o = orientation.to_be_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, 38u32.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    // GPS IFD at 38: N 20°51', E 106°41'; rationals at 92 and 116.
    tiff.extend(4u16.to_be_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, 5, 3, 92u32.to_be_bytes());
    entry(&mut tiff, 0x0003, 2, 2, *b"E\0\0\0");
    entry(&mut tiff, 0x0004, 5, 3, 116u32.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    for (n, d) in [(20u32, 1u32), (51, 1), (0, 1), (106, 1), (41, 1), (0, 1)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    let segment = |marker: u8, payload: &[u8]| {
        let mut s = vec![0xff, marker];
        s.extend(((payload.len() + 2) as u16).to_be_bytes());
        s.extend(payload);
        s
    };
    let exif = segment(0xe1, &[b"Exif\0\0".as_slice(), &tiff].concat());
    let xmp = segment(
        0xe1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>20,51N</exif:GPSLatitude></x:xmpmeta>",
    );
    [&jpeg[..2], &exif, &xmp, &jpeg[2..]].concat()
}

/// Puts `bytes` in the profile's bundle as its photo (with the consent to publish it).
fn add_photo(site: &TestSite, name: &str, bytes: &[u8]) {
    site.write(&format!("{BUNDLE}/{name}"), bytes);
    site.edit(
        PAGE,
        "frontline = true",
        &format!("frontline = true\nphoto = \"{name}\"\nphoto_alt = \"Cô Hòa trên lớp\""),
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

/// The cache entries' files (not the record of sources), sorted.
fn cache_files(site: &TestSite) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(site.path(".tonvinh-cache/images"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name != "sources.bin" && name != "pruned")
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The inode of the record of sources: it changes when the record is written again.
fn sources_inode(site: &TestSite) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(site.path(".tonvinh-cache/images/sources.bin"))
        .unwrap()
        .ino()
}

fn size_of(path: &std::path::Path) -> (u32, u32) {
    let img = image::open(path).unwrap();
    (img.width(), img.height())
}

#[test]
fn a_portrait_gets_every_width_srcset_and_an_og_crop() {
    let site = TestSite::fixture("basic");
    add_photo(&site, "chan-dung.jpg", &jpeg(1200, 1500));
    let run = site.build().ok();
    assert!(run.stderr.contains("1 ảnh"), "{}", run.stderr);

    let files = outputs(&site);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // Three widths as JPEG and WebP, and the Open Graph crop (JPEG only).
    assert_eq!(names.len(), 7, "{names:?}");
    let key = &names[0][..16];
    // 1600 is wider than the photo: its own width instead, never upscaled.
    for (suffix, size) in [
        ("480", (480, 600)),
        ("960", (960, 1200)),
        ("1200", (1200, 1500)),
        ("og", (1200, 630)),
    ] {
        let path = site.path(&format!("public/anh/{key}-{suffix}.jpg"));
        assert_eq!(size_of(&path), size, "{suffix}");
        let webp = site.path(&format!("public/anh/{key}-{suffix}.webp"));
        assert_eq!(webp.exists(), suffix != "og", "{suffix}");
        if suffix != "og" {
            assert_eq!(size_of(&webp), size, "{suffix}.webp");
        }
    }

    let html = site.read(HTML);
    let srcset = format!(
        "srcset=\"/dien-hinh/anh/{key}-480.jpg 480w, /dien-hinh/anh/{key}-960.jpg 960w, /dien-hinh/anh/{key}-1200.jpg 1200w\""
    );
    let portrait = html
        .split("<img")
        .find(|i| i.contains("portrait--photo"))
        .expect("the portrait")
        .split('>')
        .next()
        .unwrap();
    for part in [
        &format!("src=\"/dien-hinh/anh/{key}-960.jpg\""),
        &srcset,
        "sizes=\"",
        "width=\"960\" height=\"1200\"",
        "alt=\"Cô Hòa trên lớp\"",
        "fetchpriority=\"high\"",
        "decoding=\"async\"",
    ] {
        assert!(portrait.contains(part), "{part} not in {portrait}");
    }
    assert!(
        !portrait.contains("loading=\"lazy\""),
        "the portrait is not lazy"
    );
    assert!(html.contains(&format!(
        "<meta property=\"og:image\" content=\"https://example.edu.vn/dien-hinh/anh/{key}-og.jpg\">"
    )));
    assert!(html.contains("<meta property=\"og:image:alt\" content=\"Cô Hòa trên lớp\">"));

    // Cards elsewhere show a lazy thumbnail.
    let list = site.read("public/guong-dien-hinh/index.html")
        + &site.read("public/guong-dien-hinh/page/2/index.html");
    let card = list
        .split("<img")
        .find(|i| i.contains("portrait--photo"))
        .expect("a card thumbnail")
        .split('>')
        .next()
        .unwrap();
    assert!(
        card.contains(&srcset) && card.contains("loading=\"lazy\""),
        "{card}"
    );
    assert!(
        card.contains("alt=\"\""),
        "a card's photo repeats its name: {card}"
    );
}

#[test]
fn a_body_image_becomes_a_lazy_responsive_img() {
    let site = TestSite::fixture("basic");
    let transparent = DynamicImage::ImageRgba8(ImageBuffer::from_fn(600, 300, |x, _| {
        Rgba([0, 0, 200, if x < 300 { 0 } else { 255 }])
    }));
    site.write(
        &format!("{BUNDLE}/lop-hoc.png"),
        encode(transparent, ImageFormat::Png),
    );
    site.edit(
        PAGE,
        "Cô Hòa ra đảo năm 2015.",
        "Cô Hòa ra đảo năm 2015.\n\n![Lớp học trên đảo](lop-hoc.png \"Lớp 6A\")",
    );
    site.build().ok();
    let html = site.read(HTML);
    let img = html
        .split("<img")
        .find(|i| i.contains("Lớp học trên đảo"))
        .expect("the body image")
        .split('>')
        .next()
        .unwrap();
    for part in [
        "srcset=\"/dien-hinh/anh/",
        "-480.jpg 480w, /dien-hinh/anh/",
        "-600.jpg 600w\"",
        "sizes=\"(min-width: 46rem) 44rem, 100vw\"",
        // src and its size: the middle of the two widths, the narrower.
        "src=\"/dien-hinh/anh/",
        "width=\"480\" height=\"240\"",
        "title=\"Lớp 6A\"",
        "loading=\"lazy\"",
        "decoding=\"async\"",
    ] {
        assert!(img.contains(part), "{part} not in {img}");
    }
    assert!(
        !html.contains("lop-hoc.png"),
        "the original is never published"
    );
    // Transparency is flattened on white; no Open Graph crop for a body image.
    let files = outputs(&site);
    assert_eq!(files.len(), 4, "two widths, JPEG and WebP: {files:?}");
    let wide = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("-600.jpg"))
        .unwrap();
    let wide = image::open(wide).unwrap().to_rgb8();
    let [r, g, b] = wide.get_pixel(100, 150).0;
    assert!(r > 240 && g > 240 && b > 240, "{r} {g} {b}");
}

#[test]
fn exif_orientation_is_applied_and_no_metadata_is_published() {
    let site = TestSite::fixture("basic");
    // Stored 400×200 with red on the left; orientation 6 shows it turned a quarter
    // clockwise: 200×400, red on top.
    let original = with_metadata(&jpeg(400, 200), 6);
    assert!(
        exif::Reader::new()
            .read_from_container(&mut Cursor::new(&original))
            .unwrap()
            .fields()
            .any(|f| f.tag == exif::Tag::GPSLatitude),
        "the fixture carries a GPS position"
    );
    add_photo(&site, "chan-dung.jpg", &original);
    site.build().ok();
    let files = outputs(&site);
    assert_eq!(
        files.len(),
        3,
        "JPEG, WebP and the Open Graph crop: {files:?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            exif::Reader::new()
                .read_from_container(&mut Cursor::new(&bytes))
                .is_err(),
            "EXIF left in {file:?}"
        );
        for needle in [&b"Exif"[..], b"xmpmeta", b"ns.adobe.com", b"ICC_PROFILE"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{} in {file:?}",
                String::from_utf8_lossy(needle)
            );
        }
    }
    let upright = image::open(files.iter().find(|f| !f.ends_with("og.jpg")).unwrap())
        .unwrap()
        .to_rgb8();
    assert_eq!(upright.dimensions(), (200, 400));
    let top = upright.get_pixel(100, 50).0;
    let bottom = upright.get_pixel(100, 350).0;
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
}

#[test]
fn grey_cmyk_and_16_bit_images_are_published_as_rgb_jpeg() {
    let site = TestSite::fixture("basic");
    let grey = DynamicImage::ImageLuma8(ImageBuffer::from_fn(300, 200, |x, _| {
        image::Luma([(x % 256) as u8])
    }));
    let deep = DynamicImage::ImageRgb16(ImageBuffer::from_pixel(300, 200, Rgb([65535u16, 0, 0])));
    let mut cmyk = Vec::new();
    let pixels: Vec<u8> = [0u8, 255, 255, 0].repeat(300 * 200);
    jpeg_encoder::Encoder::new(&mut cmyk, 90)
        .encode(&pixels, 300, 200, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    site.write(
        &format!("{BUNDLE}/xam.jpg"),
        encode(grey, ImageFormat::Jpeg),
    );
    site.write(&format!("{BUNDLE}/sau.png"), encode(deep, ImageFormat::Png));
    site.write(&format!("{BUNDLE}/in.jpg"), cmyk);
    site.edit(
        PAGE,
        "Cô Hòa ra đảo năm 2015.",
        "Cô Hòa ra đảo năm 2015.\n\n![Xám](xam.jpg) ![Sâu](sau.png) ![In](in.jpg)",
    );
    site.build().ok();
    let files = outputs(&site);
    assert_eq!(files.len(), 6, "JPEG and WebP of each: {files:?}");
    for file in files {
        let img = image::open(&file).unwrap();
        assert_eq!(img.color(), image::ColorType::Rgb8, "{file:?}");
        assert_eq!((img.width(), img.height()), (300, 200));
    }
}

#[test]
fn an_unchanged_photo_comes_from_the_cache_and_a_removed_one_is_pruned() {
    let site = TestSite::fixture("basic");
    add_photo(&site, "chan-dung.jpg", &jpeg(800, 1000));
    site.build().ok();
    let cached = cache_files(&site);
    assert_eq!(
        cached.len(),
        6,
        "two widths in two formats, og and the manifest: {cached:?}"
    );
    let key = cached[0][..16].to_string();
    let first = site.snapshot("public");
    let record = sources_inode(&site);

    // Mark a cached file: the next build publishes the mark, so it did not remake it.
    let marked = site.path(&format!(".tonvinh-cache/images/{key}-480.jpg"));
    std::fs::remove_file(&marked).unwrap();
    std::fs::write(&marked, b"from the cache").unwrap();
    site.build().ok();
    assert_eq!(
        site.read(&format!("public/anh/{key}-480.jpg")),
        "from the cache"
    );
    assert_eq!(cache_files(&site), cached);
    // The same sources: their record is not written again (a new file would be a new inode).
    assert_eq!(sources_inode(&site), record);

    // A removed cache file is made again; the output is the same as the first time.
    std::fs::remove_file(&marked).unwrap();
    site.build().ok();
    assert!(first == site.snapshot("public"), "a rebuild differs");

    // A build that changes the cache prunes it (one that changes nothing need not):
    // an entry it does not use goes.
    let stray = site.path(".tonvinh-cache/images/ffffffffffffffff-480.jpg");
    std::fs::write(&stray, b"stray").unwrap();

    // The photo changes: a new key, the old entry goes.
    add_photo_bytes(&site, &jpeg(800, 900));
    site.build().ok();
    let now = cache_files(&site);
    assert_eq!(now.len(), 6, "{now:?}");
    assert!(now.iter().all(|f| !f.starts_with(&key)), "{now:?}");
    assert!(!stray.exists());
    assert_ne!(sources_inode(&site), record, "the new photo is recorded");

    // The photo is removed: nothing of it is left, published or cached.
    site.edit(PAGE, "photo = \"chan-dung.jpg\"\n", "");
    site.edit(PAGE, "photo_alt = \"Cô Hòa trên lớp\"\n", "");
    std::fs::remove_file(site.path(&format!("{BUNDLE}/chan-dung.jpg"))).unwrap();
    site.build().ok();
    assert_eq!(cache_files(&site), Vec::<String>::new());
    assert!(outputs(&site).is_empty());
    assert!(!site.read(HTML).contains("/anh/"));
}

#[test]
fn a_page_turned_into_a_bundle_for_its_photo_keeps_the_links_to_it() {
    let site = TestSite::fixture("basic");
    let text = site.read("content/guong-dien-hinh/nguyen-thi-hoa.md");
    std::fs::remove_file(site.path("content/guong-dien-hinh/nguyen-thi-hoa.md")).unwrap();
    let text = text.replacen(
        "frontline = true",
        "frontline = true\nphoto = \"chan-dung.jpg\"\nphoto_alt = \"Cô Hoa\"",
        1,
    );
    site.write("content/guong-dien-hinh/nguyen-thi-hoa/index.md", text);
    site.write(
        "content/guong-dien-hinh/nguyen-thi-hoa/chan-dung.jpg",
        jpeg(300, 400),
    );
    // tran-thi-hoa links to @/guong-dien-hinh/nguyen-thi-hoa.md.
    site.build().ok();
    assert!(
        site.read(HTML)
            .contains("href=\"/dien-hinh/guong-dien-hinh/nguyen-thi-hoa/\"")
    );
}

#[test]
fn a_photo_edited_in_place_to_the_same_size_is_processed_again() {
    let site = TestSite::fixture("basic");
    let mut bytes = jpeg(400, 500);
    add_photo(&site, "chan-dung.jpg", &bytes);
    site.build().ok();
    let before = cache_files(&site);
    // Same length, same file (inode), one byte of the picture changed.
    let at = bytes.len() / 2;
    bytes[at] = bytes[at].wrapping_add(1);
    std::fs::OpenOptions::new()
        .write(true)
        .open(site.path(&format!("{BUNDLE}/chan-dung.jpg")))
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    site.build().ok();
    let after = cache_files(&site);
    assert_eq!(after.len(), before.len());
    assert_ne!(after[0][..16], before[0][..16], "a new key for new bytes");
}

fn add_photo_bytes(site: &TestSite, bytes: &[u8]) {
    site.write(&format!("{BUNDLE}/chan-dung.jpg"), bytes);
}

/// Builds with a good photo, replaces it with `bytes` (named `name`), and checks the
/// build fails, leaving `public/` and the cache as they were. Returns stderr.
fn fails_with(name: &str, bytes: &[u8]) -> String {
    fails(|site| {
        site.write(&format!("{BUNDLE}/{name}"), bytes);
        if name != "chan-dung.jpg" {
            site.edit(
                PAGE,
                "photo = \"chan-dung.jpg\"",
                &format!("photo = \"{name}\""),
            );
        }
    })
}

fn fails(breakage: impl FnOnce(&TestSite)) -> String {
    let site = TestSite::fixture("basic");
    add_photo(&site, "chan-dung.jpg", &jpeg(600, 750));
    site.build().ok();
    let before = site.snapshot("public");
    let cache = cache_files(&site);
    breakage(&site);
    let run = site.build();
    assert_eq!(run.status, 1, "expected exit 1:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        before == site.snapshot("public"),
        "the previous output changed"
    );
    assert_eq!(cache_files(&site), cache, "a failed build pruned the cache");
    let check = site.run(&["check"]);
    assert_eq!(check.status, 1, "check must fail too:\n{}", check.stdout);
    run.stderr
}

#[track_caller]
fn assert_has(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "{part:?} not in:\n{stderr}");
    }
}

#[test]
fn a_truncated_jpeg() {
    let whole = jpeg(600, 750);
    let err = fails_with("chan-dung.jpg", &whole[..whole.len() / 2]);
    assert_has(
        &err,
        &[
            "lỗi[image-corrupt]",
            "tran-thi-hoa/index.md:12:9",
            "`content/guong-dien-hinh/tran-thi-hoa/chan-dung.jpg` bị cắt cụt hoặc bị hỏng",
            "gợi ý: tệp có thể chưa tải lên xong",
        ],
    );
}

#[test]
fn a_png_named_jpg_and_a_file_that_is_no_image() {
    let png = encode(DynamicImage::new_rgb8(10, 10), ImageFormat::Png);
    let err = fails_with("chan-dung.jpg", &png);
    assert_has(
        &err,
        &[
            "lỗi[image-mismatch]",
            "mang đuôi tệp của ảnh JPEG, nhưng nội dung là PNG",
        ],
    );
    let err = fails_with("chan-dung.jpg", b"<!doctype html><p>404</p>");
    assert_has(&err, &["lỗi[image-mismatch]", "không phải là ảnh"]);
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0";
    let err = fails_with("chan-dung.jpg", heic);
    assert_has(&err, &["nội dung là HEIC", "Tương thích nhất"]);
}

#[test]
fn an_image_above_max_pixels_is_refused_from_its_header() {
    // A decompression bomb: a small file whose header claims 60000×60000 pixels.
    let mut bomb = jpeg(64, 64);
    let sof = bomb
        .windows(2)
        .position(|w| w == [0xff, 0xc0])
        .expect("a baseline JPEG");
    bomb[sof + 5..sof + 7].copy_from_slice(&60000u16.to_be_bytes());
    bomb[sof + 7..sof + 9].copy_from_slice(&60000u16.to_be_bytes());
    let err = fails_with("chan-dung.jpg", &bomb);
    assert_has(
        &err,
        &[
            "lỗi[image-too-large]",
            "quá lớn: 60000×60000 = 3600000000 điểm ảnh, vượt giới hạn max_pixels = 40000000",
            "max_pixels",
        ],
    );
}

#[test]
fn an_unsupported_type_and_a_link_leading_outside() {
    let err = fails_with("chan-dung.gif", b"GIF89a\x01\0\x01\0\0\0\0;");
    assert_has(&err, &["lỗi[image-format]", "`.gif`", "JPEG (.jpg)"]);

    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), jpeg(10, 10)).unwrap();
    let err = fails(|site| {
        let link = site.path(&format!("{BUNDLE}/chan-dung.jpg"));
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(outside.path(), &link).unwrap();
    });
    // The content walk already refuses the link; images check again when reading.
    assert_has(&err, &["tran-thi-hoa/chan-dung.jpg", "trỏ ra ngoài trang"]);
}

#[test]
fn body_images_must_exist_in_the_page_folder_and_have_alt_text() {
    let err = fails(|site| {
        site.edit(
            PAGE,
            "Cô Hòa ra đảo năm 2015.",
            "Cô Hòa ra đảo năm 2015. ![Lớp](khong-co.jpg) ![Nhà](../../../site.toml)",
        );
    });
    assert_has(
        &err,
        &[
            "lỗi[image-missing]",
            "không tìm thấy ảnh `content/guong-dien-hinh/tran-thi-hoa/khong-co.jpg`",
            "lỗi[image-path]",
            "`../../../site.toml`",
        ],
    );

    // No alt text: a warning in build, an error in check.
    let site = TestSite::fixture("basic");
    add_photo(&site, "chan-dung.jpg", &jpeg(100, 100));
    site.edit(
        PAGE,
        "Cô Hòa ra đảo năm 2015.",
        "Cô Hòa ra đảo năm 2015. ![](chan-dung.jpg)",
    );
    let build = site.build().ok();
    assert!(
        build.stderr.contains("cảnh báo[image-alt]"),
        "{}",
        build.stderr
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status, 1);
    assert!(check.stdout.contains("lỗi[image-alt]"), "{}", check.stdout);
}

#[test]
fn a_site_without_images_writes_no_image_cache() {
    let site = TestSite::fixture("basic");
    site.build().ok();
    site.build().ok();
    // Only the build's record and the search index's words (for the next build)
    // are kept; no image cache.
    let mut cache: Vec<String> = std::fs::read_dir(site.path(".tonvinh-cache"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    cache.sort();
    assert_eq!(
        cache,
        ["builds", "search-words.bin"],
        "a build without images cached images"
    );
}
