//! Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS): zip files of XML
//! parts. Removed: the document properties but the title and language (creator,
//! last modified by, last printed, company, manager, template, editing time, the
//! program), custom properties, and the names of the authors of comments and
//! tracked changes (the comments and changes themselves stay, see [`Leftover`]),
//! and the EXIF, XMP and comments of the pictures (see [`super::pictures`]).
//!
//! The zip is written anew, entries in their order (`[Content_Types].xml` first in
//! Office files; `mimetype` first and stored uncompressed in OpenDocument files, as
//! ODF requires), with no times, comments or extra fields of the original zip.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::xml::{self, Policy};
use super::{Kind, Leftover, Limits, Problem};

/// Office `docProps/core.xml`: Dublin Core and OPC properties.
const CORE: Policy = Policy {
    keep_children: Some(("coreProperties", &["title", "language"])),
    drop: &[],
    blank_text: &[],
    blank_attributes: &[],
};

/// Office `docProps/app.xml`: the program's own properties.
const APP: Policy = Policy {
    keep_children: None,
    drop: &[
        "Company",
        "Manager",
        "Template",
        "TotalTime",
        "Application",
        "AppVersion",
        "HyperlinkBase",
    ],
    blank_text: &[],
    blank_attributes: &[],
};

/// Office `docProps/custom.xml`: properties a program or an organisation added
/// (document management systems put user names and e-mail addresses there).
const CUSTOM: Policy = Policy {
    keep_children: Some(("Properties", &[])),
    drop: &[],
    blank_text: &[],
    blank_attributes: &[],
};

/// Other Office parts: authors of Word comments and tracked changes (`w:author`),
/// the people lists of Word, Excel and PowerPoint, Excel's comment authors.
const OFFICE_PEOPLE: Policy = Policy {
    keep_children: None,
    drop: &[],
    blank_text: &["author"],
    blank_attributes: &[
        ("*", &["author", "initials", "userId", "providerId"]),
        ("person", &["displayName"]),
        ("cmAuthor", &["name"]),
        ("author", &["name"]),
    ],
};

/// OpenDocument `meta.xml`.
const ODF_META: Policy = Policy {
    keep_children: Some(("meta", &["title", "language", "document-statistic"])),
    drop: &[],
    blank_text: &[],
    blank_attributes: &[],
};

/// OpenDocument `content.xml` and `styles.xml`: authors of comments and changes.
const ODF_PEOPLE: Policy = Policy {
    keep_children: None,
    drop: &[],
    blank_text: &["creator", "creator-initials"],
    blank_attributes: &[],
};

/// How much larger than the file its parts may be, all together: more is a "zip
/// bomb", not a document.
const EXPANSION: u64 = 25;
const MAX_ENTRIES: usize = 20_000;

pub fn clean(
    kind: Kind,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Leftover>), Problem> {
    let damaged = |detail: &dyn std::fmt::Display| Problem::Damaged {
        kind,
        detail: detail.to_string(),
    };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if archive.len() > MAX_ENTRIES {
        return Err(damaged(&format!("{} entries", archive.len())));
    }
    let budget = limits.max_bytes.max(1 << 20).saturating_mul(EXPANSION);
    let mut entries = Vec::with_capacity(archive.len());
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| damaged(&e))?;
        if file.encrypted() {
            return Err(Problem::Encrypted { kind });
        }
        let name = file.name().map_err(|e| damaged(&e))?.into_owned();
        let mut data = Vec::new();
        let left = budget - total;
        (&mut file)
            .take(left + 1)
            .read_to_end(&mut data)
            .map_err(|e| damaged(&format!("{name}: {e}")))?;
        total += data.len() as u64;
        if total > budget {
            return Err(damaged(&"the parts are unusually large"));
        }
        let method = file.compression();
        entries.push(Entry {
            name,
            data,
            stored: method == CompressionMethod::Stored,
            dir: file.is_dir(),
        });
    }
    check_type(kind, &entries)?;
    let leftovers = leftovers(kind, &entries);
    let odf = matches!(kind, Kind::Odt | Kind::Ods);
    for entry in &mut entries {
        let policy = if odf {
            odf_policy(&entry.name, &entry.data)
        } else {
            office_policy(&entry.name, &entry.data)
        };
        if is_picture(&entry.name) {
            if let Some(clean) = super::pictures::strip(&entry.data, true) {
                entry.data = clean;
            }
            continue;
        }
        if let Some(policy) = policy {
            let text = std::str::from_utf8(&entry.data)
                .map_err(|_| damaged(&format!("{} is not UTF-8", entry.name)))?;
            let scrubbed =
                xml::scrub(text, policy).map_err(|e| damaged(&format!("{}: {e}", entry.name)))?;
            if let Some(text) = scrubbed {
                entry.data = text.into_bytes();
            }
        }
    }
    let first = if odf {
        "mimetype"
    } else {
        "[Content_Types].xml"
    };
    entries.sort_by_key(|e| e.name != first);
    let out = write(&entries, odf).map_err(|e| damaged(&e))?;
    Ok((out, leftovers))
}

struct Entry {
    name: String,
    data: Vec<u8>,
    stored: bool,
    dir: bool,
}

impl Entry {
    fn contains(&self, needle: &str) -> bool {
        memchr::memmem::find(&self.data, needle.as_bytes()).is_some()
    }
}

/// Pictures in the document (`word/media/`, `Pictures/`, …), by extension.
fn is_picture(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png"].iter().any(|e| lower.ends_with(e))
}

fn office_policy(name: &str, data: &[u8]) -> Option<&'static Policy> {
    match name {
        "docProps/core.xml" => Some(&CORE),
        "docProps/app.xml" => Some(&APP),
        "docProps/custom.xml" => Some(&CUSTOM),
        _ if name.ends_with(".xml") => {
            // Only parts that may name someone are read (not every worksheet).
            let finder = |w: &str| memchr::memmem::find(data, w.as_bytes()).is_some();
            ["author", "initials", "userId", "providerId", "displayName"]
                .into_iter()
                .any(finder)
                .then_some(&OFFICE_PEOPLE)
        }
        _ => None,
    }
}

fn odf_policy(name: &str, data: &[u8]) -> Option<&'static Policy> {
    match name {
        "meta.xml" => Some(&ODF_META),
        "content.xml" | "styles.xml" => memchr::memmem::find(data, b"creator")
            .is_some()
            .then_some(&ODF_PEOPLE),
        _ => None,
    }
}

/// The zip must hold the document its extension promises: a `.xlsx` is not a Word
/// file, a `.docx` not a macro-enabled `.docm`, an `.odt` not a spreadsheet.
fn check_type(kind: Kind, entries: &[Entry]) -> Result<(), Problem> {
    let part = |name: &str| entries.iter().find(|e| e.name == name);
    let actual = match kind {
        Kind::Odt | Kind::Ods => {
            let mimetype =
                part("mimetype").map(|e| String::from_utf8_lossy(&e.data).trim().to_string());
            if mimetype.as_deref() == Some(kind.mime()) {
                if part("META-INF/manifest.xml").is_some_and(|m| m.contains("encryption-data")) {
                    return Err(Problem::Encrypted { kind });
                }
                return Ok(());
            }
            match mimetype.as_deref() {
                Some(m) if m.contains("opendocument.text") => "OpenDocument text",
                Some(m) if m.contains("opendocument.spreadsheet") => "OpenDocument spreadsheet",
                Some(m) if m.contains("opendocument") => "OpenDocument",
                _ => office_family(part("[Content_Types].xml")),
            }
        }
        _ => {
            let main = match kind {
                Kind::Docx => "wordprocessingml.document.main+xml",
                Kind::Xlsx => "spreadsheetml.sheet.main+xml",
                _ => "presentationml.presentation.main+xml",
            };
            let types = part("[Content_Types].xml");
            if types.is_some_and(|t| t.contains(main)) {
                return Ok(());
            }
            office_family(types)
        }
    };
    Err(Problem::Mismatch {
        expected: kind,
        actual: Some(actual),
    })
}

/// What an Office zip is, from its content types, for a message.
fn office_family(types: Option<&Entry>) -> &'static str {
    let Some(types) = types else { return "ZIP" };
    let macros = types.contains("macroEnabled");
    match () {
        _ if types.contains("wordprocessingml") && macros => "Word (macro)",
        _ if types.contains("wordprocessingml") => "Word",
        _ if types.contains("spreadsheetml") && macros => "Excel (macro)",
        _ if types.contains("spreadsheetml") => "Excel",
        _ if types.contains("presentationml") && macros => "PowerPoint (macro)",
        _ if types.contains("presentationml") => "PowerPoint",
        _ => "ZIP",
    }
}

/// Comments and tracked changes found in the document.
fn leftovers(kind: Kind, entries: &[Entry]) -> Vec<Leftover> {
    let mut found = Vec::new();
    let any = |f: &dyn Fn(&Entry) -> bool| entries.iter().any(f);
    let (comments, changes) = match kind {
        Kind::Docx => (
            any(&|e| e.name == "word/comments.xml"),
            any(&|e| {
                e.name == "word/document.xml" && (e.contains("<w:ins ") || e.contains("<w:del "))
            }),
        ),
        Kind::Xlsx => (
            any(&|e| {
                e.name.starts_with("xl/comments") || e.name.starts_with("xl/threadedComments/")
            }),
            false,
        ),
        Kind::Pptx => (any(&|e| e.name.starts_with("ppt/comments/")), false),
        Kind::Odt | Kind::Ods => (
            any(&|e| e.name == "content.xml" && e.contains("<office:annotation")),
            any(&|e| e.name == "content.xml" && e.contains("<text:changed-region")),
        ),
        Kind::Pdf => (false, false),
    };
    if comments {
        found.push(Leftover::Comments);
    }
    if changes {
        found.push(Leftover::TrackedChanges);
    }
    found
}

fn write(entries: &[Entry], odf: bool) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for entry in entries {
        let method = if entry.stored || (odf && entry.name == "mimetype") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        if entry.dir {
            zip.add_directory(entry.name.as_str(), options)?;
        } else {
            zip.start_file(entry.name.as_str(), options)?;
            zip.write_all(&entry.data)?;
        }
    }
    Ok(zip.finish()?.into_inner())
}

/// An OLE compound file (the container of Office 97–2003 files) that holds an
/// encrypted Office 2007+ document: the form a password-protected `.docx` takes.
pub fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let utf16: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    memchr::memmem::find(bytes, &utf16).is_some()
}
