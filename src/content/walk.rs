//! Stage 1, the walk: finds the content files of `content/` in a stable order and sorts
//! them into the home page, sections and pages (a file, or a bundle's `index.md`).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::is_ignored;
use crate::diagnostics::{Diagnostic, relative};
use crate::vietnamese::Lang;

/// Files found by the walk, before reading.
#[derive(Default)]
pub(super) struct Found {
    pub(super) home: Option<PathBuf>,
    pub(super) sections: Vec<PathBuf>,
    /// (section folder, page file, bundle folder)
    pub(super) pages: Vec<(String, PathBuf, Option<PathBuf>)>,
}

/// Walks `content/` in a stable order and sorts the files into home, sections and pages.
pub(super) fn walk(root: &Path, lang: Lang, problems: &mut Vec<Diagnostic>) -> Found {
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
    // The bundle whose files are being walked: it is a page once its `index.md` is
    // seen among them (the walk lists them anyway: no file is looked up by name).
    let mut bundle: Option<Bundle> = None;
    while let Some(entry) = walker.next() {
        let depth = entry.as_ref().map_or_else(|e| e.depth(), |e| e.depth());
        if depth < BUNDLE_FILES
            && let Some(b) = bundle.take()
        {
            b.finish(&mut found, problems, lang);
        }
        if let Some(b) = &mut bundle {
            if b.walk(entry, root, &canonical_root, lang) {
                walker.skip_current_dir();
            }
            continue;
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                problems.push(Diagnostic::error("io", path, e.to_string()));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if depth > 0 && is_ignored(&name) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let rel = relative(root, entry.path());
        if entry.path_is_symlink()
            && let Some(problem) = refused_link(entry.path(), &rel, &canonical_root, lang)
        {
            problems.push(problem);
            continue;
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
                bundle = Some(Bundle {
                    section: parts[0].clone(),
                    dir: entry.path().to_path_buf(),
                    rel: rel.clone(),
                    index: false,
                    problems: Vec::new(),
                });
            }
            // Files inside bundles: see `bundle` above.
            _ => {}
        }
    }
    if let Some(b) = bundle {
        b.finish(&mut found, problems, lang);
    }
    found
}

/// The depth of a bundle's files below `content/`.
const BUNDLE_FILES: usize = 3;

/// A bundle folder being walked.
struct Bundle {
    section: String,
    dir: PathBuf,
    rel: PathBuf,
    /// Its `index.md` was seen.
    index: bool,
    /// The problems with its files: said only if it is a page.
    problems: Vec<Diagnostic>,
}

impl Bundle {
    /// One entry below the bundle's folder: notes its `index.md`, refuses links that
    /// leave the site. Whether to skip the entry's folder (an ignored name).
    fn walk(
        &mut self,
        entry: walkdir::Result<walkdir::DirEntry>,
        root: &Path,
        canonical_root: &Path,
        lang: Lang,
    ) -> bool {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                self.problems
                    .push(Diagnostic::error("io", path, e.to_string()));
                return false;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if is_ignored(&name) {
            return entry.file_type().is_dir();
        }
        let symlink = entry.path_is_symlink();
        self.index |= entry.depth() == BUNDLE_FILES
            && name == "index.md"
            && (entry.file_type().is_file() || symlink && entry.path().is_file());
        if symlink {
            let rel = relative(root, entry.path());
            self.problems
                .extend(refused_link(entry.path(), &rel, canonical_root, lang));
        }
        false
    }

    /// Once its files are walked: a page, or skipped with a warning.
    fn finish(self, found: &mut Found, problems: &mut Vec<Diagnostic>, lang: Lang) {
        if self.index {
            let index = self.dir.join("index.md");
            found.pages.push((self.section, index, Some(self.rel)));
            problems.extend(self.problems);
            return;
        }
        problems.push(
            Diagnostic::warning(
                "no-bundle-index",
                &self.rel,
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
    }
}

/// The problem with a symbolic link in `content/`: one that leads outside the site
/// or to a folder.
fn refused_link(path: &Path, rel: &Path, canonical_root: &Path, lang: Lang) -> Option<Diagnostic> {
    let inside = path
        .canonicalize()
        .is_ok_and(|target| target.starts_with(canonical_root));
    (!inside || path.is_dir()).then(|| {
        Diagnostic::error(
            "symlink",
            rel,
            lang.pick(
                "liên kết tượng trưng (symlink) trỏ ra ngoài trang hoặc tới một thư mục",
                "a symbolic link that leads outside the site or to a folder",
            ),
        )
        .with_help(lang.pick(
            "thay liên kết bằng chính tệp đó",
            "replace the link with the file itself",
        ))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[&str]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for file in files {
            let path = tmp.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        tmp
    }

    fn codes(problems: &[Diagnostic]) -> Vec<(&str, String)> {
        problems
            .iter()
            .map(|p| (p.code, p.path.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn bundles_are_pages_when_their_index_is_there_in_the_order_of_names() {
        let tmp = site(&[
            "content/_index.md",
            "content/gdh/_index.md",
            "content/gdh/an/index.md",
            "content/gdh/an/chan-dung.jpg",
            "content/gdh/an/tep/bang-khen.pdf",
            "content/gdh/binh.md",
            "content/gdh/chi/chan-dung.jpg",
            "content/gdh/dung/index.md",
        ]);
        let mut problems = Vec::new();
        let found = walk(tmp.path(), Lang::Vi, &mut problems);
        let pages: Vec<_> = found
            .pages
            .iter()
            .map(|(s, file, bundle)| {
                let rel = |p: &Path| relative(tmp.path(), p).to_string_lossy().into_owned();
                (s.as_str(), rel(file), bundle.as_deref().map(rel))
            })
            .collect();
        let bundle = |name: &str| Some(format!("content/gdh/{name}"));
        assert_eq!(
            pages,
            [
                ("gdh", "content/gdh/an/index.md".into(), bundle("an")),
                ("gdh", "content/gdh/binh.md".into(), None),
                ("gdh", "content/gdh/dung/index.md".into(), bundle("dung")),
            ]
        );
        assert_eq!(
            codes(&problems),
            [("no-bundle-index", "content/gdh/chi".into())]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_in_a_bundle_are_refused_at_any_depth_unless_it_is_skipped() {
        let tmp = site(&[
            "content/gdh/_index.md",
            "content/gdh/an/index.md",
            "content/gdh/an/tep/x.pdf",
            "content/gdh/an/.nhap/x.pdf",
            "content/gdh/chi/x.jpg",
        ]);
        let outside = tempfile::NamedTempFile::new().unwrap();
        for link in [
            "an/anh.jpg",
            "an/tep/anh.jpg",
            "an/.nhap/anh.jpg",
            "chi/anh.jpg",
        ] {
            let path = tmp.path().join("content/gdh").join(link);
            std::os::unix::fs::symlink(outside.path(), path).unwrap();
        }
        // A link to a file of the site is fine.
        let inside = tmp.path().join("content/gdh/an/ban-sao.jpg");
        std::os::unix::fs::symlink(tmp.path().join("content/gdh/chi/x.jpg"), inside).unwrap();
        let mut problems = Vec::new();
        let found = walk(tmp.path(), Lang::Vi, &mut problems);
        assert_eq!(found.pages.len(), 1);
        let mut got = codes(&problems);
        got.sort();
        assert_eq!(
            got,
            [
                ("no-bundle-index", "content/gdh/chi".into()),
                ("symlink", "content/gdh/an/anh.jpg".into()),
                ("symlink", "content/gdh/an/tep/anh.jpg".into()),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_index_linked_from_inside_the_site_makes_a_page() {
        let tmp = site(&["content/gdh/_index.md", "content/gdh/goc.md"]);
        std::fs::create_dir(tmp.path().join("content/gdh/an")).unwrap();
        std::os::unix::fs::symlink(
            tmp.path().join("content/gdh/goc.md"),
            tmp.path().join("content/gdh/an/index.md"),
        )
        .unwrap();
        let mut problems = Vec::new();
        let found = walk(tmp.path(), Lang::Vi, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.pages.len(), 2);
    }
}
