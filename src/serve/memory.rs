//! serve: the built site in memory. Rendering writes into a [`MemorySink`]; the
//! server reads an immutable [`SiteFiles`], replaced as a whole after each rebuild.

use std::collections::HashMap;
use std::io;
use std::sync::Mutex;

use bytes::Bytes;

use crate::output::Sink;

/// Files written by one rendering, in memory.
#[derive(Default)]
pub struct MemorySink(Mutex<Vec<(String, Bytes)>>);

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let file = (rel.to_string(), Bytes::copy_from_slice(bytes));
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .push(file);
        Ok(())
    }
}

impl MemorySink {
    /// The files, in the order they were written.
    pub fn into_files(self) -> Vec<(String, Bytes)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// The built site as the server sees it: what `tonvinh build` would write, by path
/// below the output folder (`guong-dien-hinh/x/index.html`).
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    /// The base URL's path (`/dien-hinh`, or empty): the site is served below it, so
    /// that its root-relative links work unchanged.
    pub base_path: String,
    pub files: HashMap<String, Bytes>,
}

impl SiteFiles {
    pub fn get(&self, rel: &str) -> Option<&Bytes> {
        self.files.get(rel)
    }
}
