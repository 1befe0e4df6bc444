//! Cleaned attachments in `<root>/.tonvinh-cache/attachments/`, so that a 20 MB PDF
//! is parsed and rewritten once, not at every build.
//!
//! An entry is named by a key, blake3 of the source bytes, their type and the
//! cleaner's version: `<key>.<ext>` holds the cleaned file and `<key>.json` what was
//! found (the manifest, written last, so a killed build never leaves an entry that
//! looks complete). Problems are not cached: a bad file is checked again.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Cleaned, Kind, Leftover, Limits, Problem};

/// Bump when cleaning changes, so that old entries are not reused.
const VERSION: &[u8] = b"tonvinh-attachments-1";

/// The cache folder, relative to the site root.
pub const DIR: &str = ".tonvinh-cache/attachments";

/// The key of a file's entry: 16 hex digits of blake3 over the version, the type
/// and the bytes.
pub fn key(kind: Kind, bytes: &[u8]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(VERSION);
    hasher.update(kind.extension().as_bytes());
    hasher.update(bytes);
    hasher.finalize().to_hex()[..16].to_string()
}

/// What `<key>.json` holds.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    kind: Kind,
    leftovers: Vec<Leftover>,
}

/// The attachment cache of one site.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(DIR),
        }
    }

    /// [`super::clean`], from the cache when the same bytes were cleaned before.
    /// Returns the entry's key (for [`Cache::prune`]) with the cleaned file. A cache
    /// that cannot be written costs time, not correctness: the file is cleaned anyway.
    pub fn clean(
        &self,
        name: &str,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<(String, Cleaned), Problem> {
        let Some(kind) = Kind::from_name(name) else {
            return super::clean(name, bytes, limits).map(|c| (String::new(), c));
        };
        // The limit may have changed since the entry was made: check it first.
        if bytes.len() as u64 > limits.max_bytes {
            return super::clean(name, bytes, limits).map(|c| (String::new(), c));
        }
        let key = key(kind, bytes);
        if let Some(cleaned) = self.lookup(&key, kind) {
            return Ok((key, cleaned));
        }
        let cleaned = super::clean(name, bytes, limits)?;
        let _ = self.store(&key, &cleaned);
        Ok((key, cleaned))
    }

    fn lookup(&self, key: &str, kind: Kind) -> Option<Cleaned> {
        let json = fs::read(self.dir.join(format!("{key}.json"))).ok()?;
        let manifest: Manifest = serde_json::from_slice(&json).ok()?;
        if manifest.kind != kind {
            return None;
        }
        let bytes = fs::read(self.dir.join(format!("{key}.{}", kind.extension()))).ok()?;
        Some(Cleaned {
            bytes,
            kind,
            leftovers: manifest.leftovers,
        })
    }

    fn store(&self, key: &str, cleaned: &Cleaned) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        self.tag()?;
        let manifest = Manifest {
            kind: cleaned.kind,
            leftovers: cleaned.leftovers.clone(),
        };
        let json = serde_json::to_vec(&manifest).map_err(io::Error::other)?;
        self.write_atomic(
            &format!("{key}.{}", cleaned.kind.extension()),
            &cleaned.bytes,
        )?;
        self.write_atomic(&format!("{key}.json"), &json)
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, self.dir.join(name)).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }

    /// Marks `.tonvinh-cache/` as a cache (`output::tag_cache`).
    fn tag(&self) -> io::Result<()> {
        crate::output::tag_cache(self.dir.parent().unwrap_or(&self.dir))
    }

    /// Removes every entry whose key is not in `used`, and leftovers of killed builds.
    /// Returns how many files were removed.
    pub fn prune(&self, used: &HashSet<&str>) -> io::Result<usize> {
        crate::output::prune_cache(
            &self.dir,
            used,
            |name| name.split('.').next().unwrap_or_default(),
            &[],
        )
    }
}
