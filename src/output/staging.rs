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

use super::Sink;
use super::folders::{exchange, old_of, remove_files, remove_tree, write_new};
use super::standby::{save_manifest, take_manifest};

/// Length and xxh3 hash of files, by path below the output folder. Hashed with
/// foldhash: a site with photos has thousands of them, looked up at every build.
pub type FileHashes = std::collections::HashMap<String, (u64, u64), hashbrown::DefaultHashBuilder>;

/// The "length" of a file linked from the image cache: its bytes are named by the
/// cache file's path, whose name is the hash of its contents.
const LINKED: u64 = u64::MAX;

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
                FileHashes::default()
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
        // The usual case (the standby holds this link): one lock, no system call.
        {
            let mut placed = self.lock_hashes();
            let held = placed.get(rel).or_else(|| self.present.get(rel));
            if held == Some(&sum) {
                placed.insert(rel.to_string(), sum);
                return Ok(());
            }
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
#[path = "staging_tests.rs"]
mod tests;
