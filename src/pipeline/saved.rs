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
use crate::output::{FileHashes, FolderId};
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
    output: FolderId,
    records: Records,
    hashes: FileHashes,
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

/// What the last build into `out` left, as far as it can be trusted: the output's
/// files (when the folder is the one it left), and what each was rendered from (when
/// besides, the build's other inputs hash to `inputs` too).
pub struct Last {
    pub records: Option<Records>,
    pub hashes: Option<FileHashes>,
}

/// The record of the last build into `out`.
pub fn load(root: &Path, out: &Path, inputs: u64) -> Last {
    let saved = fs::read(file_of(root, out))
        .ok()
        .and_then(|bytes| postcard::from_bytes::<Saved>(&bytes).ok())
        .filter(|saved| Some(&saved.output) == FolderId::of(out).as_ref());
    match saved {
        Some(saved) => Last {
            records: (saved.inputs == inputs).then_some(saved.records),
            hashes: Some(saved.hashes),
        },
        None => Last {
            records: None,
            hashes: None,
        },
    }
}

/// Where the manifest of the standby of `out` (the staging folder kept between
/// builds, [`crate::output::Staging`]) is kept.
pub fn standby_file(root: &Path, out: &Path) -> PathBuf {
    file_of(root, out).with_extension("standby")
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
    let output = FolderId::of(out).ok_or_else(|| io::Error::other("no output folder"))?;
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
