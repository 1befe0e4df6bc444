//! Stage 1: find the content files and parse each into typed front matter and a
//! Markdown body. Pure parsing lives in `frontmatter` and `front`; this module does
//! the file system walk and reads files in parallel.

#[cfg(test)]
mod cms_output_tests;
pub mod front;
pub mod frontmatter;
pub mod hints;

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, SourceText, relative};
use crate::vietnamese::{Lang, nfc, slugify};
use front::{
    ARTICLE_EXAMPLES, ArticleFront, CAMPAIGN_EXAMPLES, CampaignFront, DECISION_EXAMPLES,
    DecisionFront, HomeFront, PROFILE_EXAMPLES, ProfileFront, SectionFront, SectionKind,
    UNIT_EXAMPLES, UnitFront,
};

/// A file's text (NFC) and where its body starts.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Path relative to the site root, for messages.
    pub rel: PathBuf,
    pub text: String,
    /// Where the front matter's TOML starts (spans in front matter are relative to it).
    pub front_start: usize,
    pub body: Range<usize>,
}

impl Source {
    /// The Markdown body ("" once the text is forgotten).
    pub fn body(&self) -> &str {
        self.text.get(self.body.clone()).unwrap_or_default()
    }

    /// Frees the text, keeping the path for messages.
    pub fn forget_text(&mut self) {
        self.text = String::new();
    }
}

/// The typed front matter of a page.
#[derive(Debug, Clone)]
pub enum Front {
    Profile(Box<ProfileFront>),
    Unit(Box<UnitFront>),
    Campaign(Box<CampaignFront>),
    Decision(Box<DecisionFront>),
    Model(Box<ArticleFront>),
    News(Box<ArticleFront>),
}

/// A parsed page file.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    /// Index into [`Content::sections`].
    pub section: usize,
    /// The page's id: its file or bundle name, folded to a slug.
    pub id: String,
    /// The bundle folder (relative to the site root) when the page is `<id>/index.md`.
    pub bundle: Option<PathBuf>,
    pub front: Front,
}

/// A parsed section `_index.md`.
#[derive(Debug, Clone)]
pub struct SectionDoc {
    pub source: Source,
    /// The folder name, which is the section's URL segment.
    pub dir: String,
    pub front: SectionFront,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub home: Option<(Source, HomeFront)>,
    pub sections: Vec<SectionDoc>,
    pub documents: Vec<Document>,
    /// Page files that exist but could not be read or parsed (their errors are
    /// reported): paths below content/, so that links to them are not reported again.
    pub unreadable: Vec<String>,
    /// Page files read but whose front matter could not be parsed: their bodies are
    /// still checked, and references to their ids are not reported again.
    pub unparsed: Vec<Unparsed>,
}

/// A page whose front matter failed: its text, its section's type and its id.
#[derive(Debug, Clone)]
pub struct Unparsed {
    pub source: Source,
    pub kind: SectionKind,
    pub id: String,
}

/// What reading one page file gave.
struct Loaded {
    document: Option<Document>,
    unparsed: Option<Unparsed>,
    problems: Vec<Diagnostic>,
}

/// Files found by the walk, before reading.
#[derive(Default)]
struct Found {
    home: Option<PathBuf>,
    sections: Vec<PathBuf>,
    /// (section folder, page file, bundle folder)
    pages: Vec<(String, PathBuf, Option<PathBuf>)>,
}

/// Reads and parses every content file under `root/content`.
pub fn load(root: &Path, lang: Lang) -> (Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let found = walk(root, lang, &mut problems);
    let mut content = Content::default();

    if let Some(path) = &found.home {
        match read_and_split(root, path, lang) {
            Ok((source, front)) => {
                let src = SourceText::new(&source.text);
                match frontmatter::parse_typed::<HomeFront>(&src, front, &source.rel, lang, &[]) {
                    Ok(home) => content.home = Some((source, home)),
                    Err(d) => problems.extend(d),
                }
            }
            Err(d) => problems.push(d),
        }
    }
    for path in &found.sections {
        let dir = path
            .parent()
            .and_then(Path::file_name)
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_and_split(root, path, lang) {
            Ok((source, front)) => {
                let src = SourceText::new(&source.text);
                match frontmatter::parse_typed::<SectionFront>(
                    &src,
                    front,
                    &source.rel,
                    lang,
                    &[
                        ("type", "type = \"profiles\""),
                        ("title", "title = \"Gương điển hình\""),
                    ],
                ) {
                    Ok(front) => content.sections.push(SectionDoc { source, dir, front }),
                    Err(d) => problems.extend(d),
                }
            }
            Err(d) => problems.push(d),
        }
    }

    let paths: Vec<&Path> = found
        .pages
        .iter()
        .map(|(_, path, _)| path.as_path())
        .collect();
    let results: Vec<Loaded> = read_each(&paths, |i, read| {
        let (dir, path, bundle) = &found.pages[i];
        // A page of a section whose _index.md failed is skipped: its error is reported.
        let Some(section) = content.sections.iter().position(|s| s.dir == *dir) else {
            return Loaded {
                document: None,
                unparsed: None,
                problems: Vec::new(),
            };
        };
        load_page(
            root,
            path,
            read,
            bundle.as_deref(),
            section,
            content.sections[section].front.kind,
            lang,
        )
    });
    for (loaded, (_, path, _)) in results.into_iter().zip(&found.pages) {
        if loaded.document.is_none() {
            let rel = relative(&root.join("content"), path)
                .to_string_lossy()
                .replace('\\', "/");
            content.unreadable.push(rel);
        }
        content.documents.extend(loaded.document);
        content.unparsed.extend(loaded.unparsed);
        problems.extend(loaded.problems);
    }
    (content, problems)
}

/// Reads each file of `paths` and hands it to `parse` with its position; the results
/// in the order of `paths`. Runs on threads of their own, more than a laptop has
/// cores, each reading a file and parsing it before it takes the next:
/// - on the first build after a restart the files are not in memory and each read
///   waits on the disk; eight waits at once take little longer than one (1,000
///   profiles, page cache dropped: 92–142 ms with two threads, 53–58 ms with eight);
/// - with the files in memory, reading and parsing keep every core busy from the
///   first file to the last, where parsing after all the reads left cores idle
///   (1,000 profiles, eight builds of each in turn: the stage's median 25.8 →
///   22.8 ms).
///
/// `RAYON_NUM_THREADS`, when set, decides their number as it does the other threads'.
fn read_each<R: Send>(
    paths: &[&Path],
    parse: impl Fn(usize, std::io::Result<Vec<u8>>) -> R + Sync,
) -> Vec<R> {
    const READERS: usize = 8;
    const FILES_PER_READER: usize = 32;
    let threads = match std::env::var_os("RAYON_NUM_THREADS") {
        Some(_) => rayon::current_num_threads(),
        None => READERS,
    }
    .min(paths.len().div_ceil(FILES_PER_READER))
    .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<Option<R>> = paths.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = paths.get(i) else {
                            return mine;
                        };
                        mine.push((i, parse(i, read_bytes(path))));
                    }
                })
            })
            .collect();
        for worker in workers {
            // A thread that panicked leaves its files to be parsed below.
            for (i, result) in worker.join().unwrap_or_default() {
                done[i] = Some(result);
            }
        }
    });
    done.into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| parse(i, Err(std::io::Error::other("not read")))))
        .collect()
}

/// Walks `content/` in a stable order and sorts the files into home, sections and pages.
fn walk(root: &Path, lang: Lang, problems: &mut Vec<Diagnostic>) -> Found {
    let content_dir = root.join("content");
    let mut found = Found::default();
    if !content_dir.is_dir() {
        problems.push(
            Diagnostic::error(
                "no-content",
                "content",
                lang.pick(
                    "không tìm thấy thư mục content/",
                    "the content/ folder is missing",
                ),
            )
            .with_help(lang.pick(
                "chạy lệnh trong thư mục của trang, hoặc dùng --root THƯ_MỤC",
                "run the command in the site's folder, or pass --root DIR",
            )),
        );
        return found;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(&content_dir).sort_by_file_name().into_iter();
    let mut sections_seen: Vec<String> = Vec::new();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                problems.push(Diagnostic::error("io", path, e.to_string()));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && is_ignored(&name) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside || entry.path().is_dir() {
                problems.push(
                    Diagnostic::error(
                        "symlink",
                        &rel,
                        lang.pick(
                            "liên kết tượng trưng (symlink) trỏ ra ngoài trang hoặc tới một thư mục",
                            "a symbolic link that leads outside the site or to a folder",
                        ),
                    )
                    .with_help(lang.pick("thay liên kết bằng chính tệp đó", "replace the link with the file itself")),
                );
                continue;
            }
        }
        // Links to folders were refused above: the entry's type is enough, no stat.
        let is_dir = entry.file_type().is_dir();
        let is_md = name.ends_with(".md");
        let parts: Vec<String> = rel
            .components()
            .skip(1)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match (parts.len(), is_dir) {
            (0, _) => {}
            (1, false) if name == "_index.md" => found.home = Some(entry.path().to_path_buf()),
            (1, false) if is_md => problems.push(outside_section(&rel, lang)),
            (1, false) => {}
            (1, true) => {
                if entry.path().join("_index.md").is_file() {
                    sections_seen.push(parts[0].clone());
                } else {
                    problems.push(
                        Diagnostic::error(
                            "no-section-index",
                            &rel,
                            lang.pick(
                                "thư mục không có tệp _index.md khai báo chuyên mục",
                                "the folder has no _index.md declaring its section",
                            ),
                        )
                        .with_help(lang.pick(
                            "tạo _index.md với +++ type = \"profiles\" title = \"…\" +++",
                            "create _index.md with +++ type = \"profiles\" title = \"…\" +++",
                        )),
                    );
                    walker.skip_current_dir();
                }
            }
            (2, false) if name == "_index.md" => found.sections.push(entry.path().to_path_buf()),
            (2, false) if is_md => {
                found
                    .pages
                    .push((parts[0].clone(), entry.path().to_path_buf(), None))
            }
            (2, false) => {}
            (2, true) => {
                let index = entry.path().join("index.md");
                if index.is_file() {
                    found
                        .pages
                        .push((parts[0].clone(), index, Some(rel.clone())));
                } else {
                    problems.push(
                        Diagnostic::warning(
                            "no-bundle-index",
                            &rel,
                            lang.pick(
                                "thư mục bài viết không có index.md nên bị bỏ qua",
                                "the page folder has no index.md and is skipped",
                            ),
                        )
                        .with_help(lang.pick(
                            "đặt bài viết vào index.md trong thư mục này",
                            "put the page's text in index.md inside this folder",
                        )),
                    );
                    walker.skip_current_dir();
                }
            }
            // Files inside bundles are the page's photos and attachments.
            _ => {}
        }
    }
    found
}

fn outside_section(rel: &Path, lang: Lang) -> Diagnostic {
    Diagnostic::error(
        "outside-section",
        rel,
        lang.pick(
            "tệp Markdown nằm ngoài mọi chuyên mục",
            "a Markdown file outside every section",
        ),
    )
    .with_help(lang.pick(
        "chuyển tệp vào thư mục của một chuyên mục, ví dụ content/guong-dien-hinh/",
        "move the file into a section folder, e.g. content/guong-dien-hinh/",
    ))
}

/// Hidden files and editor leftovers that never belong to the site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Reads a file as UTF-8 NFC text and splits off its front matter.
fn read_and_split(
    root: &Path,
    path: &Path,
    lang: Lang,
) -> Result<(Source, Range<usize>), Diagnostic> {
    split_source(root, path, read_bytes(path), lang)
}

/// The file at `path`, as `read` from it, as UTF-8 NFC text with its front matter
/// split off.
fn split_source(
    root: &Path,
    path: &Path,
    read: std::io::Result<Vec<u8>>,
    lang: Lang,
) -> Result<(Source, Range<usize>), Diagnostic> {
    let rel = relative(root, path);
    let text = decode_text(read, &rel, lang)?;
    match frontmatter::split(&text) {
        Ok(split) => Ok((
            Source {
                rel,
                text,
                front_start: split.front.start,
                body: split.body,
            },
            split.front,
        )),
        Err(e) => Err(frontmatter::split_diagnostic(e, &rel, lang)),
    }
}

/// Reads a text file: UTF-8 (an error names the first bad byte's line and column),
/// byte order mark dropped, normalised to NFC.
pub fn read_text(path: &Path, rel: &Path, lang: Lang) -> Result<String, Diagnostic> {
    decode_text(read_bytes(path), rel, lang)
}

/// The bytes of the file at `path`.
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    // Read into room for a typical page rather than ask the file's size first (one
    // system call less per file than `std::fs::read`), then give the rest back.
    let mut bytes = Vec::with_capacity(16 * 1024);
    std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))?;
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// The text of a file (at `rel`) from the bytes `read` from it: see [`read_text`].
fn decode_text(
    read: std::io::Result<Vec<u8>>,
    rel: &Path,
    lang: Lang,
) -> Result<String, Diagnostic> {
    let bytes = read.map_err(|e| {
        Diagnostic::error(
            "io",
            rel,
            format!(
                "{}: {e}",
                lang.pick("không đọc được tệp", "cannot read the file")
            ),
        )
    })?;
    // SIMD validation (several times faster than the standard library's on Vietnamese
    // text); the standard library's only to place an error.
    let valid = simdutf8::basic::from_utf8(&bytes).is_ok();
    let text = match if valid {
        // SAFETY: simdutf8 has just validated these very bytes as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    } {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, column) = SourceText::new(&good).line_col(good.len());
            return Err(Diagnostic::error(
                "not-utf8",
                rel,
                lang.pick(
                    "tệp không phải văn bản UTF-8 (có thể lưu bằng bảng mã TCVN3 hoặc Windows-1258)",
                    "the file is not UTF-8 text (perhaps saved as TCVN3 or Windows-1258)",
                ),
            )
            .with_help(lang.pick(
                "mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8 (Unicode)",
                "open the file in an editor and save it again as UTF-8 (Unicode)",
            ))
            .at_line(line, column));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(match nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(t) => t,
    })
}

/// Parses one page file, as `read` from `path`, for its section's type.
fn load_page(
    root: &Path,
    path: &Path,
    read: std::io::Result<Vec<u8>>,
    bundle: Option<&Path>,
    section: usize,
    kind: SectionKind,
    lang: Lang,
) -> Loaded {
    let failed = |problems| Loaded {
        document: None,
        unparsed: None,
        problems,
    };
    let (source, front_range) = match split_source(root, path, read, lang) {
        Ok(split) => split,
        Err(d) => return failed(vec![d]),
    };
    let stem = match bundle {
        Some(dir) => dir.file_name(),
        None => path.file_stem(),
    }
    .map(|s| s.to_string_lossy().into_owned())
    .unwrap_or_default();
    let id = slugify(&stem);
    let mut problems = Vec::new();
    if id.is_empty() {
        return failed(vec![
            Diagnostic::error(
                "bad-file-name",
                &source.rel,
                lang.pick(
                    "tên tệp không tạo được địa chỉ trang",
                    "the file name gives no usable URL",
                ),
            )
            .with_help(lang.pick(
                "đặt tên tệp bằng chữ, ví dụ nguyen-thi-hoa.md",
                "name the file with letters, e.g. nguyen-thi-hoa.md",
            )),
        ]);
    }
    if id != stem {
        problems.push(
            Diagnostic::warning(
                "file-name",
                &source.rel,
                format!(
                    "{} `{id}`",
                    lang.pick(
                        "tên tệp có dấu hoặc ký tự đặc biệt; địa chỉ trang sẽ là",
                        "the file name is not a plain slug; the page's URL will use"
                    ),
                ),
            )
            .with_help(format!(
                "{} {id}",
                lang.pick("đổi tên tệp thành", "rename the file to")
            )),
        );
    }
    let src = SourceText::new(&source.text);
    let rel = source.rel.clone();
    let (front, front_problems) = parse_front(&src, front_range, &rel, kind, lang);
    problems.extend(front_problems);
    match front {
        Some(front) => Loaded {
            document: Some(Document {
                source,
                section,
                id,
                bundle: bundle.map(Path::to_path_buf),
                front,
            }),
            unparsed: None,
            problems,
        },
        None => Loaded {
            document: None,
            unparsed: Some(Unparsed { source, kind, id }),
            problems,
        },
    }
}

/// The front matter of a page of a section of type `kind`, as far as it can be
/// read, and its problems.
fn parse_front(
    src: &SourceText,
    range: Range<usize>,
    rel: &Path,
    kind: SectionKind,
    lang: Lang,
) -> (Option<Front>, Vec<Diagnostic>) {
    use frontmatter::parse_recovering as parse;
    fn boxed<T>(
        (value, problems): (Option<T>, Vec<Diagnostic>),
        make: fn(Box<T>) -> Front,
    ) -> (Option<Front>, Vec<Diagnostic>) {
        (value.map(|v| make(Box::new(v))), problems)
    }
    match kind {
        SectionKind::Profiles => boxed(
            parse(src, range, rel, lang, PROFILE_EXAMPLES),
            Front::Profile,
        ),
        SectionKind::Units => boxed(parse(src, range, rel, lang, UNIT_EXAMPLES), Front::Unit),
        SectionKind::Campaigns => boxed(
            parse(src, range, rel, lang, CAMPAIGN_EXAMPLES),
            Front::Campaign,
        ),
        SectionKind::Decisions => boxed(
            parse(src, range, rel, lang, DECISION_EXAMPLES),
            Front::Decision,
        ),
        SectionKind::Models => boxed(parse(src, range, rel, lang, ARTICLE_EXAMPLES), Front::Model),
        SectionKind::News => boxed(parse(src, range, rel, lang, ARTICLE_EXAMPLES), Front::News),
    }
}
