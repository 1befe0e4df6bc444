//! The standby's manifest: which files the staging folder kept between builds
//! holds, stored in the cache folder ([`super::staging`]). Deleted before the standby
//! is touched, written again only once its contents are known.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::staging::FileHashes;

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

/// Reads the standby's manifest at `manifest` if it describes the folder `dir` as
/// it is, and deletes it: from now on the standby is being changed. The deletion
/// reaches the disk before any change does, so that after a power cut too the
/// manifest never describes a standby changed since.
pub(super) fn take_manifest(manifest: &Path, dir: &Path) -> Option<FileHashes> {
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
pub(super) fn save_manifest(manifest: &Path, dir: &Path, files: FileHashes) -> io::Result<()> {
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
