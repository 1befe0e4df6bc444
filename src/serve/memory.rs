//! serve: the built site in memory. Rendering writes into a [`MemorySink`]; the
//! server reads an immutable [`SiteFiles`], replaced as a whole after each rebuild.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};

use bytes::Bytes;

use crate::output::Sink;

/// Files written by one rendering, in memory; the files kept from the last build
/// ([`Sink::keep`]) are taken from `previous` without a copy.
#[derive(Default)]
pub struct MemorySink {
    written: Mutex<Vec<(String, Bytes)>>,
    previous: Option<Arc<SiteFiles>>,
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.push(rel, Bytes::copy_from_slice(bytes))
    }
    fn keep(&self, rel: &str) -> io::Result<()> {
        let bytes = self.previous.as_ref().and_then(|p| p.files.get(rel));
        match bytes {
            Some(bytes) => self.push(rel, bytes.clone()),
            None => Err(io::Error::new(io::ErrorKind::NotFound, rel.to_string())),
        }
    }
}

impl MemorySink {
    /// A sink that keeps files from `previous`.
    pub fn after(previous: Arc<SiteFiles>) -> MemorySink {
        MemorySink {
            written: Mutex::default(),
            previous: Some(previous),
        }
    }

    fn push(&self, rel: &str, bytes: Bytes) -> io::Result<()> {
        self.written
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .push((rel.to_string(), bytes));
        Ok(())
    }

    /// The files, in the order they were written.
    pub fn into_files(self) -> Vec<(String, Bytes)> {
        self.written.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// The built site as the server sees it: what `tonvinh build` would write, by path
/// below the output folder (`guong-dien-hinh/x/index.html`).
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    /// The base URL's path (`/dien-hinh`, or empty): the site is served below it, so
    /// that its root-relative links work unchanged.
    pub base_path: String,
    /// Shared names: a rebuild copies the map (the server may still hold the old
    /// one) without copying 14,000 strings.
    pub files: HashMap<Arc<str>, Bytes>,
}

impl SiteFiles {
    pub fn get(&self, rel: &str) -> Option<&Bytes> {
        self.files.get(rel)
    }
}
