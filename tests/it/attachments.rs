//! Cleaned attachments judged by programs nobody on the team wrote: exiftool finds
//! no author, creator or program; poppler's pdfinfo and qpdf read the PDFs; and
//! LibreOffice still opens every cleaned Office and OpenDocument file and prints
//! its text to PDF. (.ci/run installs them from Debian.)

use std::path::Path;
use std::process::Command;

use tonvinh::attachments::{Limits, clean};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/attachments");

/// Every fictional person (and program trail) the fixtures name.
const NAMES: &[&str] = &[
    "Phạm Văn Toàn",
    "Lê Thị Mai",
    "Đỗ Minh Khôi",
    "Trần Quốc Bảo",
    "Máy quét phòng Tổ chức",
    "Vũ Thị Lan",
    "Hoàng Văn Nam",
    "Ngô Thanh Tùng",
    "Bùi Thị Thu",
    "Đặng Quang Huy",
    "Lý Văn Sơn",
    "Nguyễn Văn Phúc",
    "Điện thoại của Phúc",
    "LibreOffice",
    "Openpyxl",
];

const FILES: &[&str] = &[
    "exiftool.pdf",
    "img2pdf-scan.pdf",
    "python-docx-photo.docx",
    "libreoffice-pdfa.pdf",
    "libreoffice.pdf",
    "libreoffice.docx",
    "libreoffice.odt",
    "libreoffice.ods",
    "openpyxl.xlsx",
    "python-docx.docx",
    "python-pptx.pptx",
];

fn tool(name: &str, package: &str) -> Command {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{name} not found: apt-get install -y {package} (.ci/run installs it)"
    );
    Command::new(name)
}

fn run(mut command: Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Cleans every fixture into `dir`, under its own name.
fn clean_all(dir: &Path) {
    for file in FILES {
        let bytes = std::fs::read(Path::new(FIXTURES).join(file)).unwrap();
        let cleaned = clean(file, &bytes, &Limits::default()).unwrap();
        std::fs::write(dir.join(file), cleaned.bytes).unwrap();
    }
}

/// `libreoffice.docx` → `libreoffice-docx.docx`: LibreOffice names each PDF after
/// its source's stem, and three fixtures share one.
fn unique(file: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap();
    format!("{stem}-{ext}.{ext}")
}

#[test]
fn exiftool_finds_no_author_creator_or_program() {
    let tmp = tempfile::tempdir().unwrap();
    clean_all(tmp.path());
    let exiftool = |file: &Path| {
        let mut c = tool("exiftool", "libimage-exiftool-perl libarchive-zip-perl");
        c.args(["-a", "-G1", "-s", "-ee"]).arg(file);
        run(c)
    };
    // exiftool reads the metadata of the originals (Office files need Archive::Zip).
    let before = exiftool(&Path::new(FIXTURES).join("python-docx.docx"));
    assert!(before.contains("Vũ Thị Lan"), "{before}");
    for file in FILES {
        let report = exiftool(&tmp.path().join(file));
        for name in NAMES {
            assert!(
                !report.contains(name),
                "{file} still names {name}:\n{report}"
            );
        }
        for line in report.lines() {
            let tag = line.split_whitespace().nth(1).unwrap_or("");
            let personal = [
                "Author",
                "Creator",
                "LastModifiedBy",
                "Producer",
                "CreatorTool",
                "Company",
                "Manager",
                "Initial-creator",
                "Artist",
                "GPSLatitude",
                "GPSPosition",
            ];
            assert!(!personal.contains(&tag), "{file}: {line}");
        }
    }
}

#[test]
fn cleaned_pdfs_keep_their_pages_and_title_and_pass_qpdf() {
    let tmp = tempfile::tempdir().unwrap();
    clean_all(tmp.path());
    for file in FILES
        .iter()
        .filter(|f| f.ends_with(".pdf") && !f.contains("scan"))
    {
        let info = |path: &Path| {
            let mut c = tool("pdfinfo", "poppler-utils");
            c.arg(path);
            run(c)
        };
        let (before, after) = (
            info(&Path::new(FIXTURES).join(file)),
            info(&tmp.path().join(file)),
        );
        let field = |text: &str, key: &str| {
            text.lines()
                .find(|l| l.starts_with(key))
                .map(|l| l[key.len()..].trim().to_string())
        };
        assert_eq!(field(&after, "Pages:"), field(&before, "Pages:"), "{file}");
        assert_eq!(
            field(&after, "Title:").as_deref(),
            Some("Quyết định khen thưởng (bản mẫu)"),
            "{file}"
        );
        assert_eq!(field(&after, "Author:"), None, "{file}:\n{after}");
        assert_eq!(field(&after, "Producer:"), None, "{file}");
        assert_eq!(
            field(&after, "Metadata Stream:").as_deref(),
            Some("no"),
            "{file}"
        );
        assert_eq!(
            field(&after, "Custom Metadata:").as_deref(),
            Some("no"),
            "{file}"
        );
        let mut qpdf = tool("qpdf", "qpdf");
        qpdf.arg("--check").arg(tmp.path().join(file));
        let check = run(qpdf);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{file}: {check}"
        );
        let mut text = tool("pdftotext", "poppler-utils");
        text.arg(tmp.path().join(file)).arg("-");
        assert!(
            run(text).contains("BẢN MẪU"),
            "{file}: the page text is there"
        );
    }
}

#[test]
fn libreoffice_still_opens_every_cleaned_office_file() {
    let tmp = tempfile::tempdir().unwrap();
    clean_all(tmp.path());
    let out = tmp.path().join("pdf");
    let office: Vec<&str> = FILES
        .iter()
        .copied()
        .filter(|f| !f.ends_with(".pdf"))
        .collect();
    for file in &office {
        std::fs::rename(tmp.path().join(file), tmp.path().join(unique(file))).unwrap();
    }
    let mut soffice = tool(
        "soffice",
        "libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui",
    );
    // A profile of its own, so that a LibreOffice already running does not matter.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        tmp.path().display()
    );
    soffice
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out)
        .args(office.iter().map(|f| tmp.path().join(unique(f))));
    run(soffice);
    let expected = [
        ("libreoffice.docx", "BẢN MẪU"),
        ("libreoffice.odt", "BẢN MẪU"),
        ("libreoffice.ods", "THCS Bạch Long Vĩ"),
        ("openpyxl.xlsx", "THCS Bạch Long Vĩ"),
        ("python-docx.docx", "BẢN MẪU"),
        ("python-docx-photo.docx", "BẢN MẪU"),
        ("python-pptx.pptx", "Điển hình tiên tiến"),
    ];
    for (file, text) in expected {
        let pdf = out.join(Path::new(&unique(file)).with_extension("pdf"));
        assert!(
            pdf.is_file(),
            "LibreOffice could not open the cleaned {file}"
        );
        let mut c = tool("pdftotext", "poppler-utils");
        c.arg(&pdf).arg("-");
        let printed = run(c);
        assert!(printed.contains(text), "{file} printed:\n{printed}");
    }
}

#[test]
fn a_cleaned_scan_still_renders_and_its_picture_has_no_gps() {
    let tmp = tempfile::tempdir().unwrap();
    clean_all(tmp.path());
    let scan = tmp.path().join("img2pdf-scan.pdf");
    let mut qpdf = tool("qpdf", "qpdf");
    qpdf.arg("--check").arg(&scan);
    run(qpdf);
    let render = |pdf: &Path, name: &str| {
        let mut c = tool("pdftoppm", "poppler-utils");
        c.args(["-png", "-r", "30", "-singlefile"])
            .arg(pdf)
            .arg(tmp.path().join(name));
        run(c);
        image::open(tmp.path().join(format!("{name}.png")))
            .unwrap()
            .to_rgb8()
    };
    let page = render(&scan, "after");
    assert!(page.width() > 50 && page.height() > 50, "a page was drawn");
    let original = render(&Path::new(FIXTURES).join("img2pdf-scan.pdf"), "before");
    assert!(page == original, "the page looks exactly as before");
    // The photo inside the cleaned Word file, judged by exiftool.
    let docx = std::fs::read(tmp.path().join("python-docx-photo.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut photo = Vec::new();
    std::io::Read::read_to_end(
        &mut zip.by_name("word/media/image1.jpg").unwrap(),
        &mut photo,
    )
    .unwrap();
    std::fs::write(tmp.path().join("photo.jpg"), photo).unwrap();
    let mut exiftool = tool("exiftool", "libimage-exiftool-perl");
    exiftool
        .args(["-a", "-G1", "-s"])
        .arg(tmp.path().join("photo.jpg"));
    let report = run(exiftool);
    assert!(report.contains("Orientation"), "{report}");
    for gone in ["GPS", "Artist", "Make", "Phúc"] {
        assert!(!report.contains(gone), "{gone}:\n{report}");
    }
}
