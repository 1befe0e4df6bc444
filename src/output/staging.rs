//! The staging folder: where `build` writes the new output before swapping it in.
//!
//! The folder stays between builds as a standby. After a swap it holds the last
//! output but one; the next build brings it up to date file by file (a file whose
//! bytes it holds already costs nothing, one the live output holds costs a hard link,
//! only new bytes are written, files no longer built are deleted) and swaps again.
//! A rebuild after one edit so touches a handful of files, where a new tree each time
//! created and deleted them all (a 10,000-profile site: 14,000 files and 11,000
//! folders, seconds of the kernel's time on ext4).
//!
//! What the standby holds is known from its manifest (length and hash of each file)
//! in the cache folder. The manifest is deleted before the standby is touched and
//! written again only once its contents are known: a build killed at any point, or a
//! manifest that cannot be read, means a standby made afresh.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use super::Sink;

/// Length and xxh3 hash of files, by path below the output folder.
pub type FileHashes = std::collections::HashMap<String, (u64, u64)>;

/// The "length" of a file linked from the image cache: its bytes are named by the
/// cache file's path, whose name is the hash of its contents.
const LINKED: u64 = u64::MAX;

/// A folder's identity: a folder put in its place, or changed at its top, since it
/// was recorded is another one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderId {
    path: PathBuf,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FolderId {
    /// The identity of the folder at `path`, if there is one.
    pub fn of(path: &Path) -> Option<FolderId> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(FolderId {
            path: fs::canonicalize(path).ok()?,
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// The standby's manifest as stored in the cache folder.
#[derive(Serialize, Deserialize)]
struct Manifest {
    folder: FolderId,
    files: FileHashes,
}

/// A staging folder that becomes the output folder on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// Where the standby's manifest is kept between builds; `None`: no standby, the
    /// folder is made afresh and removed after the swap, as by a first build.
    manifest: Option<PathBuf>,
    committed: bool,
    /// The thread of [`Staging::make_folders`], if it runs.
    folders: Mutex<Option<JoinHandle<()>>>,
    /// What the folder held when the build started: the standby's files, or none.
    present: FileHashes,
    /// Length and hash of each file of the last output, as it was written (`None`:
    /// not known): a file written again with the same bytes is linked from there.
    previous: Option<FileHashes>,
    /// Length and hash of each file placed by this build.
    hashes: Mutex<FileHashes>,
    /// A placement failed: what the folder holds is no longer known.
    dirty: AtomicBool,
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
        let sum = self.previous.as_ref().and_then(|p| p.get(rel)).copied();
        let Some(sum) = sum else {
            return Err(io::Error::new(io::ErrorKind::NotFound, rel.to_string()));
        };
        if self.holds(rel) == Some(sum) {
            return self.placed(rel, sum, Ok(()));
        }
        let linked = self.replace_with_link(rel, &self.target.join(rel));
        self.placed(rel, sum, linked)
    }
    fn expect_folders(&self, folders: &dyn Fn() -> Vec<String>) {
        // A standby has its folders; a new one is made while the pages render.
        if self.present.is_empty() {
            self.make_folders(folders());
        }
    }
}

impl Staging {
    /// Creates an empty staging folder beside `target`, removed after the swap.
    pub fn new(target: &Path) -> io::Result<Staging> {
        Staging::open(target, None)
    }

    /// The staging folder beside `target`: the standby whose manifest is `manifest`
    /// (a file in the cache folder) when it can be trusted, else a new one, kept as
    /// the next build's standby after the swap.
    pub fn open(target: &Path, manifest: Option<PathBuf>) -> io::Result<Staging> {
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.tonvinh-staging"));
        // A build killed between the renames of a swap (where the system has no
        // atomic exchange) left the last output here: it goes back in place.
        let old = old_of(&dir);
        if !target.exists() && old.is_dir() {
            fs::rename(&old, target)?;
        }
        if old.exists() {
            remove_tree(&old)?;
        }
        let present = match manifest.as_deref().and_then(|m| take_manifest(m, &dir)) {
            Some(files) => files,
            None => {
                if dir.exists() {
                    remove_tree(&dir)?;
                }
                fs::create_dir_all(&dir)?;
                FileHashes::new()
            }
        };
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            manifest,
            committed: false,
            folders: Mutex::new(None),
            present,
            previous: None,
            hashes: Mutex::default(),
            dirty: AtomicBool::new(false),
        })
    }

    /// The lengths and hashes of the last output's files, as the last build wrote
    /// them: a file written with the same bytes is linked from the last output.
    pub fn with_previous(mut self, previous: FileHashes) -> Staging {
        self.previous = Some(previous);
        self
    }

    /// Whether the build updates a standby (rather than a new folder).
    pub fn reuses_standby(&self) -> bool {
        !self.present.is_empty()
    }

    /// The lengths and hashes of every file placed so far.
    pub fn hashes(&self) -> FileHashes {
        self.lock_hashes().clone()
    }

    fn lock_hashes(&self) -> std::sync::MutexGuard<'_, FileHashes> {
        self.hashes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What the folder holds at `rel` now: what this build placed there, else what
    /// the standby held.
    fn holds(&self, rel: &str) -> Option<(u64, u64)> {
        let placed = self.lock_hashes().get(rel).copied();
        placed.or_else(|| self.present.get(rel).copied())
    }

    /// Notes a placement: its sum when it worked, a folder no longer known when not.
    fn placed(&self, rel: &str, sum: (u64, u64), result: io::Result<()>) -> io::Result<()> {
        match &result {
            Ok(()) => {
                self.lock_hashes().insert(rel.to_string(), sum);
            }
            Err(_) => self.dirty.store(true, Ordering::Relaxed),
        }
        result
    }

    /// The staging folder (what is being written).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at `rel` (a URL path such as `guong-dien-hinh/x/index.html`):
    /// nothing when the folder holds these bytes already, a link when the last
    /// output does. A file already there is replaced, never written into: it may be
    /// a link to a file of the last output, which must stay as it is.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let sum = (bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(bytes));
        if self.holds(rel) == Some(sum) {
            return self.placed(rel, sum, Ok(()));
        }
        let in_last = self.previous.as_ref().and_then(|p| p.get(rel)) == Some(&sum);
        if in_last && self.replace_with_link(rel, &self.target.join(rel)).is_ok() {
            return self.placed(rel, sum, Ok(()));
        }
        let written = self.replace_with_bytes(rel, bytes);
        self.placed(rel, sum, written)
    }

    /// Places the file `from` at `rel`: a hard link when the file system allows (no
    /// copy of the bytes), else a copy. `from` is a file of the image cache, whose
    /// name says its contents: the same `from` twice is the same file.
    pub fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        let sum = (
            LINKED,
            xxhash_rust::xxh3::xxh3_64(from.as_os_str().as_encoded_bytes()),
        );
        if self.holds(rel) == Some(sum) {
            return self.placed(rel, sum, Ok(()));
        }
        let linked = self.replace_with_link(rel, from);
        self.placed(rel, sum, linked)
    }

    /// Writes `bytes` as a new file at `rel`, in place of any file there. The
    /// folder is made only when missing: most writes cost one system call.
    fn replace_with_bytes(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
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

    /// Hard-links `from` at `rel`, in place of any file there; a copy where links
    /// cannot be made (another file system, or one without hard links). An error
    /// when `from` is missing.
    fn replace_with_link(&self, rel: &str, from: &Path) -> io::Result<()> {
        let path = self.dir.join(rel);
        let make_parent = || match path.parent() {
            Some(parent) => fs::create_dir_all(parent),
            None => Ok(()),
        };
        let linked = fs::hard_link(from, &path).or_else(|e| match e.kind() {
            io::ErrorKind::NotFound if from.exists() => {
                make_parent()?;
                fs::hard_link(from, &path)
            }
            io::ErrorKind::AlreadyExists => {
                fs::remove_file(&path)?;
                fs::hard_link(from, &path)
            }
            _ => Err(e),
        });
        match linked {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(e),
            Err(_) => {
                make_parent()?;
                // Never copied into: the file there may be the last output's.
                match fs::remove_file(&path) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
                fs::copy(from, &path).map(|_| ())
            }
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

    /// Deletes the standby's files that this build did not place.
    fn remove_stale(&self) -> io::Result<()> {
        let placed = self.lock_hashes();
        let stale = self.present.keys().filter(|rel| !placed.contains_key(*rel));
        remove_files(&self.dir, stale.map(String::as_str).collect())
    }

    /// Replaces the output folder with the staging folder, in one step where the
    /// system can exchange two folders (Linux): a build killed at any point leaves
    /// either the last output or the new one in place, whole. Elsewhere the last
    /// output is moved aside first, and put back by the next build if this one is
    /// killed in between. The last output then becomes the standby of the next
    /// build, when its files are known; else it is removed.
    pub fn commit(mut self) -> io::Result<()> {
        self.wait_for_folders();
        // From here on what the folder holds is this build's files, or not known.
        self.dirty.store(true, Ordering::Relaxed);
        self.remove_stale()?;
        if !self.target.exists() {
            fs::rename(&self.dir, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        if !exchange(&self.dir, &self.target)? {
            let old = old_of(&self.dir);
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.dir, &self.target) {
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            self.committed = true;
            if fs::rename(&old, &self.dir).is_err() {
                // Removed by the next build.
                return Ok(());
            }
        }
        self.committed = true;
        // The staging folder's name now holds the last output. What this build no
        // longer publishes goes from it now (a page taken down is kept nowhere).
        match (&self.manifest, self.previous.take()) {
            (Some(manifest), Some(mut files)) => {
                let placed = self.lock_hashes();
                let gone: Vec<String> = files
                    .keys()
                    .filter(|rel| !placed.contains_key(*rel))
                    .cloned()
                    .collect();
                drop(placed);
                let removed = remove_files(&self.dir, gone.iter().map(String::as_str).collect());
                for rel in &gone {
                    files.remove(rel);
                }
                if removed.is_err() || save_manifest(manifest, &self.dir, files).is_err() {
                    let _ = fs::remove_file(manifest);
                    return remove_tree(&self.dir);
                }
                Ok(())
            }
            _ => remove_tree(&self.dir),
        }
    }
}

/// Deletes the files `rels` below `dir`, then the folders they leave empty.
fn remove_files(dir: &Path, rels: Vec<&str>) -> io::Result<()> {
    use rayon::prelude::*;
    rels.par_iter()
        .try_for_each(|rel| match fs::remove_file(dir.join(rel)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })?;
    let mut folders: Vec<&str> = rels
        .iter()
        .flat_map(|rel| {
            std::iter::successors(Some(*rel), |r| r.rsplit_once('/').map(|(p, _)| p)).skip(1)
        })
        .collect();
    // Deepest first; a folder still holding files stays.
    folders.sort_unstable_by_key(|f| std::cmp::Reverse((f.matches('/').count(), *f)));
    folders.dedup();
    for folder in folders {
        let _ = fs::remove_dir(dir.join(folder));
    }
    Ok(())
}

/// Reads the standby's manifest at `manifest` if it describes the folder `dir` as
/// it is, and deletes it: from now on the standby is being changed. The deletion
/// reaches the disk before any change does, so that after a power cut too the
/// manifest never describes a standby changed since.
fn take_manifest(manifest: &Path, dir: &Path) -> Option<FileHashes> {
    let bytes = fs::read(manifest).ok()?;
    let removed = fs::remove_file(manifest);
    if let Some(folder) = manifest.parent() {
        sync_folder(folder);
    }
    removed.ok()?;
    let stored: Manifest = postcard::from_bytes(&bytes).ok()?;
    (Some(&stored.folder) == FolderId::of(dir).as_ref() && !stored.files.is_empty())
        .then_some(stored.files)
}

/// Keeps `files` as the manifest of the standby `dir`; written beside and renamed
/// over, so that it is never read half-written.
fn save_manifest(manifest: &Path, dir: &Path, files: FileHashes) -> io::Result<()> {
    let folder = FolderId::of(dir).ok_or_else(|| io::Error::other("no standby folder"))?;
    let bytes = postcard::to_stdvec(&Manifest { folder, files }).map_err(io::Error::other)?;
    if let Some(parent) = manifest.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = manifest.with_extension(format!("{}.tmp", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, manifest)
}

/// Writes a folder's entries to the disk (a deletion in it, here).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(f) = fs::File::open(folder) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
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
    /// An uncommitted staging folder (a failed build) stays as the standby when it
    /// was one and every placement worked (what it holds is then known); a new one
    /// is removed.
    fn drop(&mut self) {
        self.wait_for_folders();
        if self.committed {
            return;
        }
        if let Some(manifest) = &self.manifest
            && self.reuses_standby()
            && !self.dirty.load(Ordering::Relaxed)
        {
            let mut files = std::mem::take(&mut self.present);
            files.extend(self.lock_hashes().drain());
            if save_manifest(manifest, &self.dir, files).is_ok() {
                return;
            }
            let _ = fs::remove_file(manifest);
        }
        let _ = remove_tree(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every file below `dir`, by path, with its bytes.
    fn files(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect()
    }

    /// The folders below `dir`.
    fn folders(dir: &Path) -> Vec<PathBuf> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
            .collect()
    }

    /// One build: `files` written into the staging folder of `out`, committed; the
    /// hashes of what it wrote.
    fn build(
        out: &Path,
        manifest: &Path,
        last: Option<FileHashes>,
        files: &[(&str, &str)],
    ) -> FileHashes {
        let mut staging = Staging::open(out, Some(manifest.to_path_buf())).unwrap();
        if let Some(last) = last {
            staging = staging.with_previous(last);
        }
        for (rel, text) in files {
            staging.write(rel, text.as_bytes()).unwrap();
        }
        let hashes = staging.hashes();
        staging.commit().unwrap();
        hashes
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
        #[cfg(unix)]
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

    #[test]
    fn the_standby_is_brought_up_to_date_file_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let manifest = tmp.path().join("cache/out.standby");
        let first = build(
            &out,
            &manifest,
            None,
            &[
                ("a/index.html", "a1"),
                ("b/index.html", "b1"),
                ("gone/x/index.html", "x"),
            ],
        );
        // The first build had no output to swap with: nothing is kept.
        assert!(!manifest.exists());
        let second = build(
            &out,
            &manifest,
            Some(first.clone()),
            &[
                ("a/index.html", "a1"),
                ("b/index.html", "b2"),
                ("gone/x/index.html", "x"),
            ],
        );
        // The first output is the standby now, and its manifest says so.
        let standby = tmp.path().join(".public.tonvinh-staging");
        assert!(manifest.exists());
        assert_eq!(files(&standby)["b/index.html"], "b1");

        // The third build: a1 is in the standby, b2 in the last output, c3 is new;
        // gone/ is built no more.
        let wanted = [
            ("a/index.html", "a1"),
            ("b/index.html", "b2"),
            ("c/index.html", "c3"),
        ];
        let staging = Staging::open(&out, Some(manifest.clone())).unwrap();
        assert!(staging.reuses_standby());
        assert!(
            !manifest.exists(),
            "the manifest stays while the standby changes"
        );
        let staging = staging.with_previous(second);
        for (rel, text) in wanted {
            staging.write(rel, text.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
        let expected: BTreeMap<String, String> = wanted
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        assert_eq!(files(&out), expected);
        assert!(
            !folders(&out).iter().any(|f| f.starts_with("gone")),
            "{:?}",
            folders(&out)
        );
        // The second output waits as the next standby, without what is built no
        // more.
        assert_eq!(
            files(&standby),
            BTreeMap::from([
                ("a/index.html".to_string(), "a1".to_string()),
                ("b/index.html".to_string(), "b2".to_string()),
            ])
        );
        assert!(
            folders(&standby).is_empty()
                || !folders(&standby).iter().any(|f| f.starts_with("gone"))
        );
        // A file of the new output that the last one had too is one file, linked.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ino = |p: &Path| fs::metadata(p).unwrap().ino();
            assert_eq!(
                ino(&out.join("b/index.html")),
                ino(&standby.join("b/index.html"))
            );
        }
    }

    #[test]
    fn a_killed_or_failed_build_leaves_a_standby_that_is_known_or_none() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let manifest = tmp.path().join("out.standby");
        let one = build(&out, &manifest, None, &[("a.html", "1")]);
        let two = build(&out, &manifest, Some(one), &[("a.html", "2")]);
        let three = build(&out, &manifest, Some(two.clone()), &[("a.html", "3")]);

        // Killed while changing the standby: no manifest, so the next build makes
        // the folder afresh rather than trust what it holds.
        let killed = Staging::open(&out, Some(manifest.clone())).unwrap();
        killed.write("a.html", b"half").unwrap();
        std::mem::forget(killed);
        let next = Staging::open(&out, Some(manifest.clone())).unwrap();
        assert!(!next.reuses_standby());
        assert!(files(next.dir()).is_empty());
        let next = next.with_previous(three.clone());
        next.write("a.html", b"4").unwrap();
        let four = next.hashes();
        next.commit().unwrap();
        assert_eq!(files(&out)["a.html"], "4");

        // A failed build (dropped): the standby stays, described as it is.
        let failed = Staging::open(&out, Some(manifest.clone()))
            .unwrap()
            .with_previous(four.clone());
        assert!(failed.reuses_standby());
        failed.write("b.html", b"b").unwrap();
        drop(failed);
        assert_eq!(
            files(&out)["a.html"],
            "4",
            "a failed build changed the output"
        );
        // The next build trusts it: b.html is there already, a.html goes.
        let after = Staging::open(&out, Some(manifest.clone()))
            .unwrap()
            .with_previous(four);
        assert!(after.reuses_standby());
        after.write("b.html", b"b").unwrap();
        after.commit().unwrap();
        assert_eq!(
            files(&out),
            BTreeMap::from([("b.html".to_string(), "b".to_string())])
        );
    }

    #[test]
    fn a_file_written_twice_holds_the_second_bytes() {
        // The theme's static file, then the site's own at the same path.
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let manifest = tmp.path().join("out.standby");
        let one = build(
            &out,
            &manifest,
            None,
            &[("s.css", "theme"), ("s.css", "site")],
        );
        let two = build(
            &out,
            &manifest,
            Some(one),
            &[("s.css", "theme"), ("s.css", "site")],
        );
        build(
            &out,
            &manifest,
            Some(two),
            &[("s.css", "theme"), ("s.css", "site")],
        );
        assert_eq!(files(&out)["s.css"], "site");
    }
}
