//! Cleaning files written by real programs (tests/fixtures/attachments/, made by
//! scripts/make_attachment_fixtures.sh): the people they name are gone from every
//! part, decompressed, and the document is otherwise there. The checks with
//! exiftool, pdfinfo and LibreOffice are in tests/it/attachments.rs.

use std::io::{Cursor, Read};

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/attachments/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// XML text with its character references (`&#7885;`, as openpyxl writes) decoded.
fn decode_references(text: &str) -> String {
    let re = regex::Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").unwrap();
    re.replace_all(text, |c: &regex::Captures| {
        let n = &c[1];
        let code = match n.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
            None => n.parse().unwrap(),
        };
        char::from_u32(code).unwrap().to_string()
    })
    .into_owned()
}

/// Every part of a zip, decompressed, as text.
fn zip_text(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (
                f.name().unwrap().into_owned(),
                decode_references(&String::from_utf8_lossy(&data)),
            )
        })
        .collect()
}

/// Every string, name and stream of a PDF (streams decompressed), one after the
/// other: the text a reader of the file could find.
fn pdf_bytes(bytes: &[u8]) -> Vec<u8> {
    fn walk(object: &lopdf::Object, out: &mut Vec<u8>) {
        match object {
            lopdf::Object::String(s, _) | lopdf::Object::Name(s) => {
                out.extend_from_slice(s);
                out.push(b'\n');
            }
            lopdf::Object::Array(items) => items.iter().for_each(|i| walk(i, out)),
            lopdf::Object::Dictionary(d) => dict(d, out),
            lopdf::Object::Stream(s) => {
                dict(&s.dict, out);
                out.extend_from_slice(&s.content);
            }
            _ => {}
        }
    }
    fn dict(d: &lopdf::Dictionary, out: &mut Vec<u8>) {
        for (key, value) in d.iter() {
            out.push(b'/');
            out.extend_from_slice(key);
            out.push(b' ');
            walk(value, out);
        }
    }
    let mut doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.decompress();
    let mut out = Vec::new();
    dict(&doc.trailer, &mut out);
    for object in doc.objects.values() {
        walk(object, &mut out);
    }
    // Every object in the file, also those no one refers to (old revisions).
    out.extend_from_slice(bytes);
    out
}

/// A name as UTF-8 (XMP, XML) and as UTF-16BE (PDF text strings).
fn encodings(name: &str) -> [Vec<u8>; 2] {
    let utf16 = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
    [name.as_bytes().to_vec(), utf16]
}

fn assert_pdf_without(file: &str, names: &[&str]) -> Vec<u8> {
    let original = fixture(file);
    let before = pdf_bytes(&original);
    let cleaned = clean(file, &original, &Limits::default()).unwrap();
    assert_eq!(cleaned.kind, Kind::Pdf);
    let after = pdf_bytes(&cleaned.bytes);
    for name in names {
        let found = |hay: &[u8]| {
            encodings(name)
                .iter()
                .any(|n| memchr::memmem::find(hay, n).is_some())
        };
        assert!(found(&before), "{file} names {name} before cleaning");
        assert!(!found(&after), "{file} still names {name}");
    }
    for trail in [&b"LibreOffice"[..], b"/Producer", b"/Creator", b"/Author"] {
        assert!(
            memchr::memmem::find(&after, trail).is_none(),
            "{file} still has {}",
            String::from_utf8_lossy(trail)
        );
    }
    let pages = |b: &[u8]| lopdf::Document::load_mem(b).unwrap().get_pages().len();
    assert_eq!(pages(&cleaned.bytes), pages(&original));
    after
}

#[test]
fn a_libreoffice_pdf_loses_its_author_and_program() {
    let after = assert_pdf_without("libreoffice.pdf", &["Phạm Văn Toàn"]);
    // The title stays: it is what a reader's window shows.
    let title = encodings("Quyết định khen thưởng (bản mẫu)");
    assert!(
        title
            .iter()
            .any(|t| memchr::memmem::find(&after, t).is_some())
    );
}

#[test]
fn a_pdf_a_loses_its_xmp_metadata() {
    let after = assert_pdf_without("libreoffice-pdfa.pdf", &["Phạm Văn Toàn"]);
    assert!(memchr::memmem::find(&after, b"x:xmpmeta").is_none());
    assert!(memchr::memmem::find(&after, b"/Metadata").is_none());
}

#[test]
fn a_pdf_edited_by_exiftool_loses_every_revision_of_its_author() {
    // exiftool appends an incremental update: the old revision is in the file too.
    assert_pdf_without("exiftool.pdf", &["Trần Quốc Bảo", "Máy quét phòng Tổ chức"]);
}

/// The JPEG images of a PDF, as stored.
fn pdf_jpegs(bytes: &[u8]) -> Vec<Vec<u8>> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Filter").and_then(lopdf::Object::as_name).ok() == Some(b"DCTDecode")
        })
        .map(|s| s.content.clone())
        .collect()
}

fn exif_of(jpeg: &[u8]) -> Option<img_parts::Bytes> {
    use img_parts::ImageEXIF;
    img_parts::jpeg::Jpeg::from_bytes(img_parts::Bytes::copy_from_slice(jpeg))
        .unwrap()
        .exif()
}

#[test]
fn a_scan_made_by_img2pdf_loses_the_phone_s_exif_and_gps() {
    let original = fixture("img2pdf-scan.pdf");
    let before = pdf_jpegs(&original);
    assert_eq!(before.len(), 1);
    assert!(exif_of(&before[0]).is_some(), "the fixture carries EXIF");
    assert_pdf_without(
        "img2pdf-scan.pdf",
        &["Nguyễn Văn Phúc", "Điện thoại của Phúc"],
    );
    let cleaned = clean("scan.pdf", &original, &Limits::default()).unwrap();
    let after = pdf_jpegs(&cleaned.bytes);
    assert_eq!(after.len(), 1);
    assert_eq!(exif_of(&after[0]), None, "no EXIF, hence no GPS");
    let pixels = |j: &[u8]| image::load_from_memory(j).unwrap().to_rgb8();
    assert!(pixels(&before[0]) == pixels(&after[0]), "the same pixels");
}

#[test]
fn a_photo_in_a_word_file_loses_gps_and_owner_but_stays_upright() {
    let c = assert_zip_without(
        "python-docx-photo.docx",
        &["Nguyễn Văn Phúc", "Điện thoại của Phúc"],
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(&c.bytes)).unwrap();
    let mut photo = Vec::new();
    zip.by_name("word/media/image1.jpg")
        .unwrap()
        .read_to_end(&mut photo)
        .unwrap();
    let exif = exif_of(&photo).expect("a minimal EXIF");
    assert_eq!(
        image::metadata::Orientation::from_exif_chunk(&exif),
        Some(image::metadata::Orientation::Rotate90)
    );
    assert!(exif.len() < 40, "orientation only: {} bytes", exif.len());
}

fn assert_zip_without(file: &str, names: &[&str]) -> Cleaned {
    let original = fixture(file);
    let cleaned = clean(file, &original, &Limits::default()).unwrap();
    let before = zip_text(&original);
    let after = zip_text(&cleaned.bytes);
    for name in names {
        assert!(
            before.iter().any(|(_, t)| t.contains(name)),
            "{file} names {name} before cleaning"
        );
        for (part, text) in &after {
            assert!(!text.contains(name), "{file}: {part} still names {name}");
        }
    }
    let parts = |z: &[(String, String)]| z.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let (mut b, a) = (parts(&before), parts(&after));
    assert_eq!(b.len(), a.len(), "{file}: no part lost");
    let first = if file.ends_with(".od") || file.contains(".od") {
        "mimetype"
    } else {
        "[Content_Types].xml"
    };
    assert_eq!(a[0], first, "{file}");
    b.retain(|n| n != first);
    assert_eq!(b, a[1..], "{file}: parts in their order");
    cleaned
}

#[test]
fn a_python_docx_file_loses_creator_modifier_and_comment_author() {
    let c = assert_zip_without(
        "python-docx.docx",
        &["Vũ Thị Lan", "Hoàng Văn Nam", "Ngô Thanh Tùng", "NTT"],
    );
    assert_eq!(c.leftovers, vec![Leftover::Comments]);
    let core = zip_text(&c.bytes)
        .into_iter()
        .find(|(n, _)| n == "docProps/core.xml")
        .unwrap()
        .1;
    assert!(core.contains("<dc:title>Kế hoạch phong trào (bản mẫu)</dc:title>"));
    let comments = zip_text(&c.bytes)
        .into_iter()
        .find(|(n, _)| n == "word/comments.xml")
        .unwrap()
        .1;
    assert!(comments.contains("Bổ sung chỉ tiêu."), "the comment stays");
}

#[test]
fn leftovers_are_warnings_with_the_fix() {
    let d = Leftover::Comments.diagnostic(
        std::path::Path::new("content/khen-thuong/qd/ke-hoach.docx"),
        Lang::Vi,
    );
    assert_eq!(d.severity, crate::diagnostics::Severity::Warning);
    assert_eq!(d.code, "attachment-comments");
    assert_eq!(
        d.message,
        "tệp đính kèm `content/khen-thuong/qd/ke-hoach.docx` còn các nhận xét (comment)"
    );
    assert!(d.help.unwrap().contains("Xoá tất cả nhận xét"));
}

#[test]
fn a_libreoffice_docx_loses_its_people() {
    let c = assert_zip_without(
        "libreoffice.docx",
        &[
            "Phạm Văn Toàn",
            "Lê Thị Mai",
            "Đỗ Minh Khôi",
            "LibreOffice/",
        ],
    );
    assert_eq!(c.leftovers, vec![Leftover::Comments]);
}

#[test]
fn an_openpyxl_workbook_loses_creator_and_comment_author() {
    let c = assert_zip_without(
        "openpyxl.xlsx",
        &["Bùi Thị Thu", "Đặng Quang Huy", "Openpyxl"],
    );
    assert_eq!(c.leftovers, vec![Leftover::Comments]);
    let text: String = zip_text(&c.bytes).into_iter().map(|(_, t)| t).collect();
    assert!(text.contains("Nguyễn Thị Hoa (mẫu)"), "the cells stay");
}

#[test]
fn a_python_pptx_presentation_loses_its_author() {
    let c = assert_zip_without("python-pptx.pptx", &["Lý Văn Sơn"]);
    assert!(c.leftovers.is_empty());
}

#[test]
fn opendocument_files_lose_creators_and_keep_mimetype_first_and_stored() {
    let odt = assert_zip_without(
        "libreoffice.odt",
        &[
            "Phạm Văn Toàn",
            "Lê Thị Mai",
            "Đỗ Minh Khôi",
            "LibreOffice/",
        ],
    );
    assert_eq!(odt.leftovers, vec![Leftover::Comments]);
    let ods = assert_zip_without("libreoffice.ods", &["Bùi Thị Thu"]);
    for cleaned in [odt, ods] {
        // ODF: the first entry is `mimetype`, stored, so its text sits at offset 38.
        assert_eq!(&cleaned.bytes[30..38], b"mimetype");
        let zip = zip::ZipArchive::new(Cursor::new(&cleaned.bytes)).unwrap();
        let mut zip = zip;
        let first = zip.by_index(0).unwrap();
        assert_eq!(first.compression(), zip::CompressionMethod::Stored);
        let mime = cleaned.kind.mime().as_bytes();
        assert_eq!(&cleaned.bytes[38..38 + mime.len()], mime);
    }
}

#[test]
fn the_zip_keeps_no_times_of_its_own() {
    let c = clean("a.docx", &fixture("python-docx.docx"), &Limits::default()).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(&c.bytes)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()));
        assert!(f.extra_data().is_none_or(|e| e.is_empty()));
    }
}

#[test]
fn cleaning_is_deterministic_and_a_clean_office_file_stays_as_it_is() {
    for file in ["python-docx.docx", "libreoffice.odt", "exiftool.pdf"] {
        let once = clean(file, &fixture(file), &Limits::default()).unwrap();
        let again = clean(file, &fixture(file), &Limits::default()).unwrap();
        assert!(once.bytes == again.bytes, "{file}: same input, same output");
        if !file.ends_with(".pdf") {
            let twice = clean(file, &once.bytes, &Limits::default()).unwrap();
            assert!(once.bytes == twice.bytes, "{file}: nothing more to remove");
        }
    }
}

#[test]
fn a_file_over_the_limit_is_refused_with_its_size() {
    let pdf = fixture("libreoffice.pdf");
    let limits = Limits { max_bytes: 10_000 };
    let problem = clean("qd.pdf", &pdf, &limits).unwrap_err();
    assert_eq!(
        problem,
        Problem::TooLarge {
            size: pdf.len() as u64,
            max: 10_000
        }
    );
    let message = problem.message("content/khen-thuong/qd/qd.pdf", Lang::Vi);
    assert_eq!(
        message,
        "tệp đính kèm `content/khen-thuong/qd/qd.pdf` quá lớn: 17 KB, vượt giới hạn 9,8 KB"
    );
    assert!(problem.help(Lang::Vi).contains("[attachments] max_mb"));
    assert_eq!(Limits::default().max_bytes, 20 * 1024 * 1024);
}

#[test]
fn a_file_whose_content_is_not_its_extension_is_refused() {
    let docx = fixture("python-docx.docx");
    assert_eq!(
        clean("qd.pdf", &docx, &Limits::default()).unwrap_err(),
        Problem::Mismatch {
            expected: Kind::Pdf,
            actual: Some("ZIP")
        }
    );
    assert_eq!(
        clean("bang.xlsx", &docx, &Limits::default()).unwrap_err(),
        Problem::Mismatch {
            expected: Kind::Xlsx,
            actual: Some("Word")
        }
    );
    assert_eq!(
        clean("a.docx", &fixture("libreoffice.pdf"), &Limits::default()).unwrap_err(),
        Problem::Mismatch {
            expected: Kind::Docx,
            actual: Some("PDF")
        }
    );
    assert_eq!(
        clean("a.ods", &fixture("libreoffice.odt"), &Limits::default()).unwrap_err(),
        Problem::Mismatch {
            expected: Kind::Ods,
            actual: Some("OpenDocument text")
        }
    );
    let old_doc = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let p = clean("a.docx", &old_doc, &Limits::default()).unwrap_err();
    assert!(p.help(Lang::Vi).contains("Lưu thành"), "{p:?}");
    let p = clean("a.exe", b"MZ", &Limits::default()).unwrap_err();
    assert_eq!(p.code(), "attachment-type");
}

#[test]
fn password_protected_files_are_refused_with_the_fix() {
    // A password-protected .docx is an OLE container holding "EncryptedPackage".
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let p = clean("a.docx", &ole, &Limits::default()).unwrap_err();
    assert_eq!(p, Problem::Encrypted { kind: Kind::Docx });
    assert!(p.help(Lang::Vi).contains("mật khẩu"));
}

#[test]
fn a_truncated_file_is_damaged_not_a_panic() {
    for file in ["libreoffice.pdf", "python-docx.docx", "libreoffice.odt"] {
        let bytes = fixture(file);
        let cut = &bytes[..bytes.len() / 2];
        let p = clean(file, cut, &Limits::default()).unwrap_err();
        assert_eq!(p.code(), "attachment-damaged", "{file}: {p:?}");
    }
}

#[test]
fn sizes_read_as_windows_shows_them() {
    assert_eq!(human_size(512, Lang::Vi), "512 B");
    assert_eq!(human_size(1_258_291, Lang::Vi), "1,2 MB");
    assert_eq!(human_size(1_258_291, Lang::En), "1.2 MB");
    assert_eq!(human_size(870_400, Lang::Vi), "850 KB");
    assert_eq!(human_size(24 * 1024 * 1024, Lang::Vi), "24 MB");
    assert_eq!(describe(Kind::Docx, 1_258_291, Lang::Vi), "Word, 1,2 MB");
    assert_eq!(
        describe(Kind::Odt, 2048, Lang::Vi),
        "Văn bản OpenDocument, 2,0 KB"
    );
}

#[test]
fn the_cache_cleans_once() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache::Cache::new(tmp.path());
    let bytes = fixture("python-docx.docx");
    let (key, first) = cache.clean("a.docx", &bytes, &Limits::default()).unwrap();
    let entry = tmp.path().join(cache::DIR).join(format!("{key}.docx"));
    assert_eq!(std::fs::read(&entry).unwrap(), first.bytes);
    // Prove the second answer comes from the cache: change the stored file.
    std::fs::write(&entry, b"from the cache").unwrap();
    let (again, second) = cache.clean("b.docx", &bytes, &Limits::default()).unwrap();
    assert_eq!(again, key);
    assert_eq!(second.bytes, b"from the cache");
    assert_eq!(second.leftovers, first.leftovers);
    // A lower limit still refuses the file.
    let small = Limits { max_bytes: 100 };
    assert_eq!(
        cache.clean("a.docx", &bytes, &small).unwrap_err().code(),
        "attachment-too-large"
    );
    let removed = cache.prune(&std::collections::HashSet::new()).unwrap();
    assert_eq!(removed, 2);
    assert!(!entry.exists());
}
