//! Stage 5: writing the site atomically. Everything goes into a staging folder
//! beside the output ([`Staging`]); only a build without errors swaps it in, so a
//! failed build leaves the last good site untouched. `serve` writes into memory
//! through the same [`Sink`] interface.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::vietnamese::{Lang, format_number};

mod cache;
mod folders;
mod staging;
mod standby;
pub use cache::{prune_cache, tag_cache};
pub use staging::{FileHashes, Staging};
pub use standby::FolderId;

/// The code of a file not written because its disk is full.
pub const DISK_FULL: &str = "disk-full";

/// The problem of a file that could not be written at `path`: [`DISK_FULL`] when the
/// disk has no space or no inodes left (or a quota is reached), else `io`.
pub fn write_problem(path: impl Into<PathBuf>, e: &io::Error) -> Diagnostic {
    Diagnostic::error(write_code(e), path, e.to_string())
}

/// The code of a write that failed with `e`: [`DISK_FULL`] or `io`.
pub fn write_code(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => DISK_FULL,
        _ => "io",
    }
}

/// A full disk stops every file after the first: its problems are said once, with
/// the number of files not written and what to do.
pub fn one_full_disk(problems: Vec<Diagnostic>, lang: Lang) -> Vec<Diagnostic> {
    let full = problems.iter().filter(|d| d.code == DISK_FULL).count();
    let mut told = false;
    problems
        .into_iter()
        .filter_map(|mut d| {
            if d.code != DISK_FULL {
                return Some(d);
            }
            if std::mem::replace(&mut told, true) {
                return None;
            }
            let files = format_number(full as i64, lang);
            d.message = match lang {
                Lang::Vi => format!(
                    "ổ đĩa đã đầy (hết dung lượng hoặc hết inode): {files} tệp không ghi được, trong đó có tệp này ({})",
                    d.message
                ),
                Lang::En => format!(
                    "the disk is full (no space or no inodes left): {files} files not written, this one among them ({})",
                    d.message
                ),
            };
            Some(d.with_help(lang.pick(
                "giải phóng dung lượng hoặc inode trên ổ chứa thư mục xuất bản (xem df -h và df -i) rồi dựng lại; bản xuất bản trước vẫn giữ nguyên",
                "free space or inodes on the disk of the output folder (see df -h and df -i) and build again; the last output is unchanged",
            )))
        })
        .collect()
}

/// Where rendered files go: a staging folder for `build`, memory for `serve`.
pub trait Sink: Sync {
    /// Writes one file at `rel` (a URL path such as `guong-dien-hinh/x/index.html`).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    /// Where `rel` goes, for messages.
    fn location(&self, rel: &str) -> PathBuf {
        PathBuf::from(rel)
    }
    /// Places the file `from` at `rel` (a processed image from the cache): a copy
    /// unless the sink can do better. `from`'s name must say its contents (the image
    /// cache's names are hashes): the same `from` is taken for the same bytes.
    fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.write(rel, &fs::read(from)?)
    }
    /// Puts the last output's file `rel` in place as it is: a rebuild keeps the files
    /// whose reads did not change. An error when the last output has no such file
    /// (the file is then rendered again).
    fn keep(&self, rel: &str) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::NotFound, rel.to_string()))
    }
    /// The folders that files will go into, known ahead (computed only when the
    /// sink asks): a sink may make them meanwhile.
    fn expect_folders(&self, folders: &dyn Fn() -> Vec<String>) {
        let _ = folders;
    }
}

/// A sink that keeps nothing: `check` runs the stages that write without writing.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
    fn link(&self, _: &str, _: &Path) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_one_problem_with_a_way_out() {
        let full = io::Error::from(io::ErrorKind::StorageFull);
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);

        let problems = vec![
            write_problem("public/a/index.html", &full),
            write_problem("public/b/index.html", &denied),
            write_problem("public/c/index.html", &full),
            write_problem("public/d/index.html", &full),
        ];
        let told = one_full_disk(problems, Lang::En);
        let codes: Vec<&str> = told.iter().map(|d| d.code).collect();
        assert_eq!(codes, [DISK_FULL, "io"]);
        assert_eq!(told[0].path, Path::new("public/a/index.html"));
        assert!(
            told[0].message.contains("3 files not written"),
            "{}",
            told[0].message
        );
        assert!(
            told[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("df -i")
        );
        // Other problems are left as they are.
        assert_eq!(told[1].path, Path::new("public/b/index.html"));
        assert!(told[1].help.is_none());
        // In Vietnamese too.
        let one = one_full_disk(vec![write_problem("x", &full)], Lang::Vi);
        assert!(
            one[0].message.contains("1 tệp không ghi được"),
            "{}",
            one[0].message
        );
    }
}
