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
