//! The processed-image cache in `<root>/.tonvinh-cache/images/`, outside the output.
//!
//! An entry is named by a key: blake3 of the source bytes and of every setting that
//! changes the result. It holds `<key>.json` (sizes) and the files `<key>-<width>.jpg`
//! (and `.webp`, as `[images] formats` asks) and `<key>-og.jpg`. Files are written under a temporary name and renamed, the
//! manifest last, so a killed build never leaves an entry that looks complete.
//!
//! `sources.bin` remembers, for each source file of the last build, its size, times
//! and inode with its content hash: a file whose stamp has not changed is not read
//! again (as make and rsync judge files), so a warm build reads no image at all.
//!
//! `pruned` says that the folder holds the entries of the last record and nothing
//! else: every write to the folder deletes it first, a prune writes it. A build that
//! changed nothing so skips reading a folder of thousands of files to prune it.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Settings;
use super::encode::OutFormat;

/// Bump when the processing changes (resizer, encoder options, crop), so that old
/// entries are not reused.
const VERSION: &[u8] = b"tonvinh-images-2";

/// The cache folder, relative to the site root.
pub const DIR: &str = ".tonvinh-cache/images";

/// Remembers the source files of the last build (postcard, after [`SOURCES_MAGIC`]).
pub const SOURCES: &str = "sources.bin";

/// Starts the record of sources: another layout is another magic, never misread.
const SOURCES_MAGIC: &[u8] = b"tonvinh-image-sources-1\n";

/// Present when the folder was pruned and nothing was written to it since.
pub const PRUNED: &str = "pruned";

/// The sources of the last build, by path relative to the site root.
pub type KnownFiles = hashbrown::HashMap<PathBuf, Known>;

/// blake3 of a file's bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The first 16 hex digits of blake3 over the content hash and every setting that
/// changes the outputs: names of cache entries and published files.
pub fn key(content: &str, settings: &Settings, og: bool) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(VERSION);
    hasher.update(&[settings.quality, u8::from(og)]);
    let formats: Vec<u8> = settings.formats.iter().map(|f| f.tag()).collect();
    hasher.update(&(formats.len() as u32).to_le_bytes());
    hasher.update(&formats);
    hasher.update(&(settings.widths.len() as u32).to_le_bytes());
    for w in &settings.widths {
        hasher.update(&w.to_le_bytes());
    }
    hasher.update(content.as_bytes());
    hasher.finalize().to_hex()[..16].to_string()
}

/// What says a file is unchanged: size, modification and change times, inode. A
/// rewrite changes the change time even when it keeps the modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, i64),
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.ctime(), meta.ctime_nsec()), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = ((0, 0), 0);
        Stamp {
            len: meta.len(),
            modified,
            changed,
            inode,
        }
    }
}

/// A source file as the last build saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub stamp: Stamp,
    /// [`content_hash`] of its bytes.
    pub content: String,
    /// Its entry, with the settings of that build.
    pub key: String,
    pub manifest: Manifest,
}

/// What an entry holds, in `<key>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The source's stored size (before orientation), to check `max_pixels` again.
    pub source: (u32, u32),
    /// The published widths and their heights, narrowest first.
    pub widths: Vec<(u32, u32)>,
    pub og: Option<(u32, u32)>,
    /// The formats of every width, in the order of their files.
    pub formats: Vec<OutFormat>,
}

impl Manifest {
    /// The file names of the entry, other than the manifest.
    pub fn files(&self, key: &str) -> Vec<String> {
        let mut names = Vec::new();
        let _ = self.each_file(key, |name| {
            names.push(name.to_string());
            Ok(())
        });
        names
    }

    /// Calls `f` with each file name of the entry, in the order of [`Manifest::files`]:
    /// each width in each format, then the Open Graph crop. The names are made in one
    /// buffer (a warm build places 7 files an image, and makes nothing else).
    pub fn each_file(
        &self,
        key: &str,
        mut f: impl FnMut(&str) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut name = String::with_capacity(key.len() + 12);
        for (width, _) in &self.widths {
            for format in &self.formats {
                name.clear();
                push_file_name(&mut name, key, *width, *format);
                f(&name)?;
            }
        }
        if self.og.is_some() {
            f(&og_file(key))?;
        }
        Ok(())
    }
}

/// Appends `<key>-<width>.<extension>` to `out` (thousands of names a build, each
/// into a reused buffer).
pub fn push_file_name(out: &mut String, key: &str, width: u32, format: OutFormat) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{key}-{width}.{}", format.extension());
}

pub fn og_file(key: &str) -> String {
    format!("{key}-og.jpg")
}

/// The cache of one site.
pub struct Cache {
    dir: PathBuf,
    /// Whether [`PRUNED`] was deleted before this run's first write (the error's
    /// kind if it could not be).
    unmarked: OnceLock<Result<(), io::ErrorKind>>,
}

impl Cache {
    pub fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(DIR),
            unmarked: OnceLock::new(),
        }
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of a file of the cache.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The entry for `key`, if a build completed it.
    pub fn lookup(&self, key: &str) -> Option<Manifest> {
        let text = fs::read(self.path(&format!("{key}.json"))).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Stores a complete entry: the files first, then the manifest.
    pub fn store(&self, key: &str, manifest: &Manifest, files: &[Vec<u8>]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        self.unmark()?;
        self.tag()?;
        for (name, bytes) in manifest.files(key).iter().zip(files) {
            self.write_atomic(name, bytes)?;
        }
        let json = serde_json::to_vec(manifest).map_err(io::Error::other)?;
        self.write_atomic(&format!("{key}.json"), &json)
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, self.path(name)).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }

    /// The source files of the last build, by path relative to the site root.
    pub fn known(&self) -> KnownFiles {
        let bytes = fs::read(self.path(SOURCES)).unwrap_or_default();
        let Some(body) = bytes.strip_prefix(SOURCES_MAGIC) else {
            return KnownFiles::default();
        };
        postcard::from_bytes::<Vec<(PathBuf, Known)>>(body)
            .map(|files| files.into_iter().collect())
            .unwrap_or_default()
    }

    /// Records the source files of this build (replacing the last build's).
    pub fn remember(&self, known: &[(&Path, &Known)]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        self.unmark()?;
        let mut bytes = SOURCES_MAGIC.to_vec();
        bytes = postcard::to_extend(known, bytes).map_err(io::Error::other)?;
        self.write_atomic(SOURCES, &bytes)
    }

    /// Whether the folder was pruned and nothing was written to it since.
    pub fn is_pruned(&self) -> bool {
        self.path(PRUNED).is_file()
    }

    /// Deletes [`PRUNED`], once, before anything is written to the folder.
    fn unmark(&self) -> io::Result<()> {
        let done = self
            .unmarked
            .get_or_init(|| match fs::remove_file(self.path(PRUNED)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e.kind()),
                _ => Ok(()),
            });
        done.map_err(io::Error::from)
    }

    /// Marks `.tonvinh-cache/` as a cache (`output::tag_cache`).
    fn tag(&self) -> io::Result<()> {
        crate::output::tag_cache(self.dir.parent().unwrap_or(&self.dir))
    }

    /// Removes every entry whose key is not in `used`, and leftovers of killed builds,
    /// then, when `used` are the keys of the record of sources, notes that the folder
    /// is pruned. Returns how many files were removed.
    pub fn prune(&self, used: &HashSet<&str>, recorded: bool) -> io::Result<usize> {
        self.unmark()?;
        let removed = crate::output::prune_cache(
            &self.dir,
            used,
            |name| name.split(['-', '.']).next().unwrap_or_default(),
            &[SOURCES, PRUNED],
        )?;
        if recorded && self.dir.is_dir() {
            fs::write(self.path(PRUNED), "")?;
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(quality: u8, widths: &[u32]) -> Settings {
        Settings {
            widths: widths.to_vec(),
            quality,
            max_pixels: 1000,
            formats: vec![OutFormat::WebP, OutFormat::Jpeg],
        }
    }

    #[test]
    fn the_key_follows_bytes_and_settings_but_not_the_pixel_limit() {
        let s = settings(82, &[480, 960]);
        let photo = content_hash(b"photo");
        let k = key(&photo, &s, false);
        assert_eq!(k.len(), 16);
        assert_eq!(k, key(&photo, &s, false), "stable");
        assert_ne!(k, key(&content_hash(b"photo2"), &s, false));
        assert_ne!(k, key(&photo, &settings(80, &[480, 960]), false));
        assert_ne!(k, key(&photo, &settings(82, &[480]), false));
        assert_ne!(k, key(&photo, &s, true));
        let mut jpeg_only = s.clone();
        jpeg_only.formats = vec![OutFormat::Jpeg];
        assert_ne!(
            k,
            key(&photo, &jpeg_only, false),
            "formats are part of the key"
        );
        let mut bigger = s.clone();
        bigger.max_pixels = 5000;
        assert_eq!(k, key(&photo, &bigger, false));
    }

    #[test]
    fn store_lookup_and_prune() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::new(tmp.path());
        assert!(cache.lookup("aaaa").is_none());
        let m = Manifest {
            source: (10, 20),
            widths: vec![(5, 10), (10, 20)],
            og: Some((10, 5)),
            formats: vec![OutFormat::Jpeg],
        };
        cache
            .store("aaaa", &m, &[b"a".to_vec(), b"b".to_vec(), b"c".to_vec()])
            .unwrap();
        cache.store("bbbb", &m, &[vec![], vec![], vec![]]).unwrap();
        assert_eq!(cache.lookup("aaaa"), Some(m.clone()));
        assert_eq!(fs::read(cache.path("aaaa-10.jpg")).unwrap(), b"b");
        assert_eq!(fs::read(cache.path("aaaa-og.jpg")).unwrap(), b"c");
        fs::write(cache.path(".aaaa-5.jpg.1.tmp"), "x").unwrap();
        let known = Known {
            stamp: Stamp::of(&fs::metadata(cache.path("aaaa.json")).unwrap()),
            content: content_hash(b"x"),
            key: "aaaa".into(),
            manifest: m.clone(),
        };
        let file = PathBuf::from("content/x.jpg");
        cache.remember(&[(file.as_path(), &known)]).unwrap();
        assert_eq!(cache.known().get(&file), Some(&known));
        fs::write(cache.path("sources.json"), "{}").unwrap();
        assert!(!cache.is_pruned());
        let removed = cache.prune(&HashSet::from(["aaaa"]), true).unwrap();
        assert_eq!(
            removed, 6,
            "bbbb's four files, the leftover and the old record"
        );
        assert!(cache.lookup("aaaa").is_some());
        assert!(cache.lookup("bbbb").is_none());
        assert_eq!(cache.known().len(), 1, "the record of sources is kept");
        assert!(tmp.path().join(".tonvinh-cache/CACHEDIR.TAG").exists());
        assert!(cache.is_pruned());
    }

    #[test]
    fn every_write_to_the_cache_says_it_is_no_longer_pruned() {
        let tmp = tempfile::tempdir().unwrap();
        let m = Manifest {
            source: (10, 20),
            widths: vec![(10, 20)],
            og: None,
            formats: vec![OutFormat::Jpeg],
        };
        let pruned = || {
            let cache = Cache::new(tmp.path());
            cache.store("aaaa", &m, &[vec![]]).unwrap();
            cache.prune(&HashSet::from(["aaaa"]), true).unwrap();
            assert!(cache.is_pruned());
        };
        pruned();
        // A new entry (each build has a cache of its own).
        Cache::new(tmp.path()).store("bbbb", &m, &[vec![]]).unwrap();
        assert!(!Cache::new(tmp.path()).is_pruned());
        pruned();
        // A new record of sources.
        Cache::new(tmp.path()).remember(&[]).unwrap();
        assert!(!Cache::new(tmp.path()).is_pruned());
        pruned();
        // A prune whose keys are not those of the record.
        Cache::new(tmp.path())
            .prune(&HashSet::from(["aaaa"]), false)
            .unwrap();
        assert!(!Cache::new(tmp.path()).is_pruned());
    }

    #[test]
    fn an_entry_names_each_width_in_each_format_then_the_crop() {
        let m = Manifest {
            source: (2400, 3000),
            widths: vec![(480, 600), (1600, 2000)],
            og: Some((1200, 630)),
            formats: vec![OutFormat::WebP, OutFormat::Jpeg],
        };
        assert_eq!(
            m.files("0123456789abcdef"),
            [
                "0123456789abcdef-480.webp",
                "0123456789abcdef-480.jpg",
                "0123456789abcdef-1600.webp",
                "0123456789abcdef-1600.jpg",
                "0123456789abcdef-og.jpg",
            ]
        );
        let mut name = String::new();
        push_file_name(&mut name, "k", 0, OutFormat::Jpeg);
        push_file_name(&mut name, "k", u32::MAX, OutFormat::WebP);
        assert_eq!(name, "k-0.jpgk-4294967295.webp");
    }
}
