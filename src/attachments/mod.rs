//! Attachments ("tệp đính kèm"): documents beside a page's `index.md` (PDF, Word,
//! Excel, PowerPoint, OpenDocument) published as files. Before a file is published,
//! the metadata that names people or the machines they use is removed, as for photos.
//!
//! Pure: [`clean`] takes the bytes and returns the bytes to publish, or a
//! [`Problem`] to report; [`cache`] keeps the results between builds.

pub mod cache;
mod publish;
mod error;
mod office;
mod pdf;
mod pictures;
mod xml;

pub use error::Problem;
pub use publish::{Attachments, Published, prune, publish};

use crate::vietnamese::Lang;

/// Default of `[attachments] max_mb` in site.toml.
pub const DEFAULT_MAX_MB: u64 = 20;

/// The document types tonvinh publishes (part of the domain's vocabulary).
pub use crate::domain::DocumentKind as Kind;

/// What the site allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
}

impl Limits {
    /// From `[attachments] max_mb` (mebibytes, as Windows counts them).
    pub fn from_mb(max_mb: u64) -> Limits {
        Limits {
            max_bytes: max_mb.saturating_mul(1024 * 1024),
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::from_mb(DEFAULT_MAX_MB)
    }
}

/// Something personal that stays in a cleaned file because removing it would change
/// what the document says: worth a warning, so the editor can decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Leftover {
    /// Comments (their authors are removed, their text stays).
    Comments,
    /// Tracked changes (their authors are removed, the changes stay).
    TrackedChanges,
}

/// A file ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    pub kind: Kind,
    pub leftovers: Vec<Leftover>,
}

/// Checks an attachment and removes its metadata. `name` is the file name (its
/// extension says what the bytes must be).
pub fn clean(name: &str, bytes: &[u8], limits: &Limits) -> Result<Cleaned, Problem> {
    let kind = Kind::from_name(name).ok_or_else(|| Problem::Unsupported {
        extension: name.rsplit_once('.').map(|(_, e)| e.to_string()),
    })?;
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(Problem::TooLarge {
            size,
            max: limits.max_bytes,
        });
    }
    if let Some(actual) = mismatch(kind, bytes) {
        return Err(actual);
    }
    match kind {
        Kind::Pdf => pdf::clean(bytes).map(|bytes| Cleaned {
            bytes,
            kind,
            leftovers: Vec::new(),
        }),
        _ => office::clean(kind, bytes, limits).map(|(bytes, leftovers)| Cleaned {
            bytes,
            kind,
            leftovers,
        }),
    }
}

/// The first bytes of a file against its extension: a `.pdf` that is a Word file, an
/// old `.doc` renamed `.docx`, a password-protected Office file.
fn mismatch(kind: Kind, bytes: &[u8]) -> Option<Problem> {
    let is_pdf = memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let ok = match kind {
        Kind::Pdf => is_pdf,
        _ => is_zip,
    };
    if ok {
        return None;
    }
    if is_ole && kind != Kind::Pdf && office::is_encrypted_ole(bytes) {
        return Some(Problem::Encrypted { kind });
    }
    let actual = if is_pdf {
        Some("PDF")
    } else if is_zip {
        Some("ZIP")
    } else if is_ole {
        Some("Office 97–2003 (.doc, .xls, .ppt)")
    } else {
        None
    };
    Some(Problem::Mismatch {
        expected: kind,
        actual,
    })
}

/// The line shown for an attachment: "PDF, 1,2 MB".
pub fn describe(kind: Kind, size: u64, lang: Lang) -> String {
    format!("{}, {}", kind.label(lang), human_size(size, lang))
}

/// A file size as Windows Explorer counts it (1 KB = 1,024 bytes), written the
/// language's way: "1,2 MB", "850 KB" in Vietnamese; "1.2 MB" in English.
pub fn human_size(bytes: u64, lang: Lang) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * 1024;
    const GB: u64 = MB * 1024;
    let (unit, size) = match bytes {
        b if b < KB => return format!("{b} B"),
        b if b < MB => ("KB", b as f64 / KB as f64),
        b if b < GB => ("MB", b as f64 / MB as f64),
        b => ("GB", b as f64 / GB as f64),
    };
    // One decimal below 10 ("1,2 MB", "9,8 KB"), none above ("850 KB", "23 MB").
    let text = if size < 9.95 {
        format!("{size:.1}").replace('.', lang.pick(",", "."))
    } else {
        crate::vietnamese::format_number(size.round() as i64, lang)
    };
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests;
