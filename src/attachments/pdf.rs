//! PDF: removes the document information (all but `/Title`), every XMP metadata
//! stream (`/Metadata` of the catalog, pages, images, fonts), applications' private
//! data (`/PieceInfo`), the authors of comments (`/T` of markup annotations) and
//! embedded files (a "hybrid" PDF carries its source document, metadata and all),
//! and the EXIF, XMP and comments of JPEG images (a phone's scan: GPS position).
//!
//! The document is rewritten whole: earlier revisions (incremental updates) and
//! objects nothing refers to any more are dropped, the pages are untouched.

use lopdf::{Dictionary, Document, Object};

use super::{Kind, Problem};

/// Annotation types that are comments by someone, whose `/T` is the author's name.
/// (A form field's `/T` is its name, so widgets keep theirs.)
const MARKUP: &[&[u8]] = &[
    b"Text",
    b"FreeText",
    b"Line",
    b"Square",
    b"Circle",
    b"Polygon",
    b"PolyLine",
    b"Highlight",
    b"Underline",
    b"Squiggly",
    b"StrikeOut",
    b"Stamp",
    b"Caret",
    b"Ink",
    b"FileAttachment",
    b"Sound",
    b"Redact",
    b"Popup",
];

/// Keys removed from every dictionary: XMP metadata and applications' private data.
const PRIVATE_KEYS: &[&[u8]] = &[b"Metadata", b"PieceInfo"];

pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    let mut doc = Document::load_mem(bytes).map_err(|e| {
        if memchr::memmem::find(bytes, b"/Encrypt").is_some() {
            Problem::Encrypted { kind: Kind::Pdf }
        } else {
            damaged(e)
        }
    })?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(Problem::Encrypted { kind: Kind::Pdf });
    }
    if doc.get_pages().is_empty() {
        return Err(damaged("no pages"));
    }
    keep_only_title(&mut doc);
    for object in doc.objects.values_mut() {
        match object {
            Object::Dictionary(dict) => scrub(dict),
            Object::Stream(stream) => {
                scrub(&mut stream.dict);
                if is_jpeg(&stream.dict)
                    && let Some(clean) = super::pictures::strip(&stream.content, false)
                {
                    stream.set_content(clean);
                }
            }
            _ => {}
        }
    }
    doc.prune_objects();
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).map_err(damaged)?;
    Ok(out)
}

/// An image stored as a JPEG file (a scan, a photo): `/Filter /DCTDecode` alone.
fn is_jpeg(dict: &Dictionary) -> bool {
    let dct = |o: &Object| o.as_name().is_ok_and(|n| n == b"DCTDecode");
    let image = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Image");
    image
        && match dict.get(b"Filter") {
            Ok(Object::Array(filters)) => filters.len() == 1 && dct(&filters[0]),
            Ok(filter) => dct(filter),
            Err(_) => false,
        }
}

fn damaged(detail: impl ToString) -> Problem {
    Problem::Damaged {
        kind: Kind::Pdf,
        detail: detail.to_string(),
    }
}

/// Replaces the document information with a new one holding only its `/Title`: a
/// title is what a reader's window shows (accessibility asks for it), the rest
/// (author, creator program, producer, dates, keywords) is not the reader's business.
fn keep_only_title(doc: &mut Document) {
    let title = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| match info {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(dict) => Some(dict),
            _ => None,
        })
        .and_then(|info| info.get(b"Title").ok())
        .filter(|title| matches!(title, Object::String(text, _) if !text.is_empty()))
        .cloned();
    doc.trailer.remove(b"Info");
    if let Some(title) = title {
        let id = doc.add_object(Dictionary::from_iter([("Title", title)]));
        doc.trailer.set("Info", id);
    }
}

/// Removes what names people from one dictionary and the dictionaries written inside
/// it (an annotation may sit directly in a page's `/Annots`, the names tree in the
/// catalog).
fn scrub(dict: &mut Dictionary) {
    for key in PRIVATE_KEYS {
        dict.remove(key);
    }
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok();
    if subtype.is_some_and(|s| MARKUP.contains(&s)) {
        dict.remove(b"T");
    }
    // The catalog's associated files and the names tree's embedded files.
    if dict.has_type(b"Catalog") {
        dict.remove(b"AF");
    }
    dict.remove(b"EmbeddedFiles");
    for (_, value) in dict.iter_mut() {
        scrub_nested(value);
    }
}

fn scrub_nested(object: &mut Object) {
    match object {
        Object::Dictionary(dict) => scrub(dict),
        Object::Array(items) => items.iter_mut().for_each(scrub_nested),
        _ => {}
    }
}
