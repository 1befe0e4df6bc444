//! What the last successful build to a folder rendered from what, kept in the cache
//! folder for the next build, which then renders only the files whose reads changed
//! and links the others. Any doubt means a full build: a record written by another
//! binary, with other templates, site.toml or options, for an output folder that was
//! changed since, or one that cannot be read.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::BuildOptions;
use crate::config::Config;
use crate::output::FileHashes;
use crate::render::reads::Records;
use crate::render::theme::Theme;

/// The folder of the records, one per output folder, below the site root.
const DIR: &str = ".tonvinh-cache/builds";

/// A build's record as stored.
#[derive(Serialize, Deserialize)]
struct Saved {
    /// [`inputs`] of the build.
    inputs: u64,
    /// The output folder as the build left it.
    output: Output,
    records: Records,
    hashes: FileHashes,
}

/// An output folder's identity: a folder put in its place, or changed at its top,
/// since the record was written is another one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Output {
    path: PathBuf,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Output {
    fn of(path: &Path) -> Option<Output> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Output {
            path: fs::canonicalize(path).ok()?,
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// A hash of everything a build reads besides the content: this binary, site.toml
/// (as `config`, with the options applied), the options, and every file of the theme.
pub fn inputs(options: &BuildOptions, config: &Config) -> u64 {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    // A binary built again (another commit, another compiler) is another binary.
    let binary = std::env::current_exe().and_then(fs::metadata).ok();
    binary.map(|m| (m.len(), m.modified().ok())).hash(&mut h);
    format!("{config:?}").hash(&mut h);
    (options.drafts, options.strict, options.today).hash(&mut h);
    if let Ok(theme) = Theme::load(&options.root, &config.theme, config.language) {
        for (name, file) in &theme.files {
            (name, &file.bytes).hash(&mut h);
        }
    }
    h.finish()
}

/// Where the record of the builds into `out` is kept.
fn file_of(root: &Path, out: &Path) -> PathBuf {
    let out = fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    let mut h = DefaultHasher::new();
    out.hash(&mut h);
    root.join(DIR).join(format!("{:016x}.bin", h.finish()))
}

/// The record of the last build into `out`, if it can be trusted for a build
/// whose inputs hash to `inputs`.
pub fn load(root: &Path, out: &Path, inputs: u64) -> Option<(Records, FileHashes)> {
    let bytes = fs::read(file_of(root, out)).ok()?;
    let saved: Saved = postcard::from_bytes(&bytes).ok()?;
    let same = saved.inputs == inputs && Some(&saved.output) == Output::of(out).as_ref();
    same.then_some((saved.records, saved.hashes))
}

/// Keeps the record of a build into `out`, which is now in place. Written beside
/// and renamed over the last one, so that it is never read half-written.
pub fn save(
    root: &Path,
    out: &Path,
    inputs: u64,
    records: Records,
    hashes: FileHashes,
) -> io::Result<()> {
    let output = Output::of(out).ok_or_else(|| io::Error::other("no output folder"))?;
    let saved = Saved {
        inputs,
        output,
        records,
        hashes,
    };
    let bytes = postcard::to_stdvec(&saved).map_err(io::Error::other)?;
    let file = file_of(root, out);
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension(format!("{}.tmp", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, &file)
}
