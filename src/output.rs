//! Stage 5: writing the site atomically. Everything goes into a staging folder
//! beside the output; only a build without errors swaps it in, so a failed build
//! leaves the last good site untouched. `serve` writes into memory through the same
//! [`Sink`] interface.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::vietnamese::{Lang, format_number};

mod cache;
pub use cache::{prune_cache, tag_cache};

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
    /// unless the sink can do better.
    fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.write(rel, &fs::read(from)?)
    }
    /// Puts the last output's file `rel` in place as it is: a rebuild keeps the files
    /// whose reads did not change. An error when the last output has no such file
    /// (the file is then rendered again).
    fn keep(&self, rel: &str) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::NotFound, rel.to_string()))
    }
    /// The folders that files will go into, known ahead: a sink may make them
    /// meanwhile.
    fn expect_folders(&self, folders: Vec<String>) {
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

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }
    fn location(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
    fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        Staging::link(self, rel, from)
    }
    fn keep(&self, rel: &str) -> io::Result<()> {
        let sum = self.previous.get(rel).copied();
        let kept = Staging::link(self, rel, &self.target.join(rel));
        if let (Ok(()), Some(sum)) = (&kept, sum) {
            self.note(rel, sum);
        }
        kept
    }
    fn expect_folders(&self, folders: Vec<String>) {
        self.make_folders(folders);
    }
}

/// A staging folder that becomes the output folder on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// The thread of [`Staging::make_folders`], if it runs.
    folders: std::sync::Mutex<Option<std::thread::JoinHandle<()>>>,
    /// Length and hash of each file of the last output, as it was written: a file
    /// written again with the same bytes is linked from there instead.
    previous: FileHashes,
    /// Length and hash of each file written or kept, for the next build.
    hashes: std::sync::Mutex<FileHashes>,
}

/// Length and xxh3 hash of files, by path below the output folder.
pub type FileHashes = std::collections::HashMap<String, (u64, u64)>;

impl Staging {
    /// Creates an empty staging folder beside `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.tonvinh-staging"));
        // A build killed between the two renames of a swap (where the system has
        // no atomic exchange) left the last output here: it goes back in place.
        let old = old_of(&dir);
        if !target.exists() && old.is_dir() {
            fs::rename(&old, target)?;
        }
        for leftover in [&dir, &old] {
            if leftover.exists() {
                remove_tree(leftover)?;
            }
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            folders: std::sync::Mutex::new(None),
            previous: FileHashes::new(),
            hashes: std::sync::Mutex::default(),
        })
    }

    /// The lengths and hashes of the last output's files, as the last build wrote
    /// them: a file written with the same bytes is linked from the last output.
    pub fn with_previous(mut self, previous: FileHashes) -> Staging {
        self.previous = previous;
        self
    }

    /// The lengths and hashes of every file written or kept so far.
    pub fn hashes(&self) -> FileHashes {
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn note(&self, rel: &str, sum: (u64, u64)) {
        let mut hashes = self.hashes.lock().unwrap_or_else(|e| e.into_inner());
        hashes.insert(rel.to_string(), sum);
    }

    /// The staging folder (what is being written).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at `rel` (a URL path such as `guong-dien-hinh/x/index.html`).
    /// The folder is made only when missing (most are made ahead, by
    /// [`Staging::make_folders`]): then a file costs one system call less. A file
    /// already there is replaced, never written into: it may be a link to a file of
    /// the last output ([`Sink::keep`]), which must stay as it is.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let sum = (bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(bytes));
        self.note(rel, sum);
        // The same bytes as in the last output: a link, not a new file.
        if self.previous.get(rel) == Some(&sum) && self.link(rel, &self.target.join(rel)).is_ok() {
            return Ok(());
        }
        let path = self.dir.join(rel);
        match write_new(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                write_new(&path, bytes)
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                fs::remove_file(&path)?;
                write_new(&path, bytes)
            }
            written => written,
        }
    }

    /// Makes `folders` (below the staging folder, parents before children) on a
    /// thread of its own. A new folder can wait on the disk: ext4 reads
    /// the inode table and bitmaps of the block group it lands in, when they are not
    /// in memory. Made while the pages render, those waits hold up no page, and a
    /// write finds its folder there. A folder that cannot be made is left to the
    /// write, which says why.
    pub fn make_folders(&self, folders: Vec<String>) {
        self.wait_for_folders();
        let dir = self.dir.clone();
        let made = std::thread::Builder::new()
            .name("folders".into())
            .spawn(move || {
                for folder in folders {
                    let _ = fs::create_dir(dir.join(folder));
                }
            });
        *self.folders.lock().unwrap_or_else(|e| e.into_inner()) = made.ok();
    }

    /// Waits until [`Staging::make_folders`] is done.
    fn wait_for_folders(&self) {
        let thread = self
            .folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }

    /// Places the file `from` at `rel`: a hard link when the file system allows (no
    /// copy of the bytes), else a copy. A file already there is left as it is. The
    /// folder is made only when missing: most calls cost one system call.
    pub fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        let path = self.dir.join(rel);
        let make_parent = || match path.parent() {
            Some(parent) => fs::create_dir_all(parent),
            None => Ok(()),
        };
        let linked = fs::hard_link(from, &path).or_else(|e| {
            if e.kind() != io::ErrorKind::NotFound || !from.exists() {
                return Err(e);
            }
            make_parent()?;
            fs::hard_link(from, &path)
        });
        match linked {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(e),
            // Another file system, or one without hard links.
            Err(_) => {
                make_parent()?;
                fs::copy(from, &path).map(|_| ())
            }
        }
    }

    /// Replaces the output folder with the staging folder, in one step where the
    /// system can exchange two folders (Linux): a build killed at any point leaves
    /// either the last output or the new one in place, whole. Elsewhere the last
    /// output is moved aside first, and put back by the next build if this one is
    /// killed in between.
    pub fn commit(mut self) -> io::Result<()> {
        self.wait_for_folders();
        if !self.target.exists() {
            fs::rename(&self.dir, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        let retired = if exchange(&self.dir, &self.target)? {
            // The staging folder's name now holds the last output.
            self.dir.clone()
        } else {
            let old = old_of(&self.dir);
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.dir, &self.target) {
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            old
        };
        self.committed = true;
        remove_tree(&retired)
    }
}

/// Where the last output waits while a swap without an atomic exchange runs.
fn old_of(staging: &Path) -> PathBuf {
    let name = staging
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    staging.with_file_name(format!("{name}.old"))
}

/// Exchanges two folders in one step; `false` where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths; renameat2 only reads them.
    let done = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        // An old kernel, or a file system that cannot exchange.
        Some(libc::ENOSYS | libc::EINVAL | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Writes a new file at `path`; an error when one is there already.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// Removes the folder `dir` and everything in it, the contents of its subfolders in
/// parallel. On one thread, deleting the last output took a third of a rebuild (a
/// 10,000-profile site: 0.63 s of 2.2 s); the work is mostly the kernel's, and the
/// entries of different folders can be removed side by side.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    // The entries two levels down (and the files one level down), and the folders
    // they empty: each page of a section is a folder in the section's folder.
    let mut entries = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                let inner = inner?;
                entries.push((inner.path(), inner.file_type()?.is_dir()));
            }
            folders.push(entry.path());
        } else {
            entries.push((entry.path(), false));
        }
    }
    entries.par_iter().try_for_each(|(path, is_dir)| {
        if *is_dir {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        }
    })?;
    for folder in folders {
        fs::remove_dir(folder)?;
    }
    fs::remove_dir(dir)
}

impl Drop for Staging {
    /// An uncommitted staging folder (a failed build) is removed.
    fn drop(&mut self) {
        self.wait_for_folders();
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
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

    #[test]
    fn commit_swaps_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("s/p/q")).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        fs::write(out.join("s/top.html"), "top").unwrap();
        fs::write(out.join("s/p/q/deep.html"), "deep").unwrap();
        // A link in the old output is removed, not followed.
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("keep.txt"), "keep").unwrap();
        std::os::unix::fs::symlink(outside.path(), out.join("s/link")).unwrap();

        let failed = Staging::new(&out).unwrap();
        failed.write("a/index.html", b"new").unwrap();
        drop(failed);
        assert_eq!(fs::read_to_string(out.join("old.html")).unwrap(), "old");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging folder left behind"
        );

        let ok = Staging::new(&out).unwrap();
        ok.make_folders(vec!["b".into(), "b/c".into()]);
        ok.write("a/index.html", b"new").unwrap();
        ok.write("b/c/index.html", b"made ahead").unwrap();
        let cached = tmp.path().join("cached.jpg");
        fs::write(&cached, "jpeg").unwrap();
        ok.link("anh/x.jpg", &cached).unwrap();
        ok.link("anh/x.jpg", &cached).unwrap();
        let missing = ok.link("anh/y.jpg", &tmp.path().join("gone.jpg"));
        assert_eq!(missing.unwrap_err().kind(), io::ErrorKind::NotFound);
        ok.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("anh/x.jpg")).unwrap(), "jpeg");
        fs::remove_file(&cached).unwrap();
        assert!(!out.join("old.html").exists());
        assert!(!out.join("s").exists(), "the old output's folders are left");
        assert!(outside.path().join("keep.txt").exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(out.join("b/c/index.html")).unwrap(),
            "made ahead"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
