//! The actions of Decap's local backend (decap-server's `localFs` middleware), on
//! paths already confined below `content/` by [`Cms::confine`]. Answers are the
//! JSON decap-server sends.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use super::cms_api::{Cms, Refusal};

/// Runs `action` with its `params`.
pub fn act(cms: &Cms, action: &str, params: &Value) -> Result<Value, Refusal> {
    match action {
        "info" => Ok(json!({
            "repo": cms.root().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        "entriesByFolder" => {
            let folder = cms.confine(text(params, "folder")?)?;
            let extension = params["extension"].as_str().unwrap_or("md");
            let depth = params["depth"].as_u64().unwrap_or(1);
            let mut files = Vec::new();
            list(&folder, extension, depth, &mut files);
            files.sort();
            // A section's _index.md is not one of its entries.
            files.retain(|f| f.file_name().is_none_or(|n| n != "_index.md"));
            Ok(Value::Array(
                files.iter().map(|f| entry(cms, f, None)).collect(),
            ))
        }
        "entriesByFiles" => {
            let files = params["files"].as_array().cloned().unwrap_or_default();
            let mut entries = Vec::new();
            for file in &files {
                let path = cms.confine(text(file, "path")?)?;
                entries.push(entry(cms, &path, file["label"].as_str()));
            }
            Ok(Value::Array(entries))
        }
        "getEntry" => Ok(entry(cms, &cms.confine(text(params, "path")?)?, None)),
        "persistEntry" => persist_entry(cms, params),
        "getMedia" => {
            let folder = cms.confine(text(params, "mediaFolder")?)?;
            let mut files = Vec::new();
            list(&folder, "", 1, &mut files);
            files.sort();
            files.retain(|f| f.extension().is_none_or(|e| e != "md"));
            Ok(Value::Array(
                files.iter().filter_map(|f| media(cms, f).ok()).collect(),
            ))
        }
        "getMediaFile" => media(cms, &cms.confine(text(params, "path")?)?),
        "persistMedia" => {
            let asset = &params["asset"];
            let path = write_asset(cms, asset)?;
            media(cms, &path)
        }
        "deleteFile" => {
            let rel = text(params, "path")?;
            delete(&cms.confine(rel)?);
            Ok(json!({ "message": format!("deleted file {rel}") }))
        }
        "deleteFiles" => {
            let paths: Vec<&str> = params["paths"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            // Refuse all before deleting any.
            let confined = paths
                .iter()
                .map(|p| cms.confine(p))
                .collect::<Result<Vec<_>, _>>()?;
            confined.iter().for_each(|p| delete(p));
            Ok(json!({ "message": format!("deleted files {}", paths.join(", ")) }))
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err(Refusal::Bad(format!("Unknown action {other}"))),
    }
}

/// A string parameter.
fn text<'a>(params: &'a Value, key: &str) -> Result<&'a str, Refusal> {
    params[key]
        .as_str()
        .ok_or_else(|| Refusal::Bad(format!("missing {key}")))
}

/// Files below `dir` ending in `extension`, `depth` levels deep (1: only `dir`'s
/// own files), skipping hidden ones and symbolic links.
fn list(dir: &Path, extension: &str, depth: u64, out: &mut Vec<std::path::PathBuf>) {
    if depth == 0 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if crate::content::is_ignored(&name) || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            list(&entry.path(), extension, depth - 1, out);
        } else if name.ends_with(extension) {
            out.push(entry.path());
        }
    }
}

/// An entry as the CMS reads it: its text (or null) and an id of its content.
fn entry(cms: &Cms, path: &Path, label: Option<&str>) -> Value {
    let rel = cms.site_rel(path);
    match std::fs::read(path) {
        Ok(bytes) => json!({
            // Dates in inline tables quoted, for Decap's TOML parser.
            "data": crate::cms::quote_nested_dates(&String::from_utf8_lossy(&bytes)),
            "file": { "path": rel, "label": label, "id": blake3::hash(&bytes).to_hex().as_str() },
        }),
        Err(_) => json!({ "data": null, "file": { "path": rel, "label": label, "id": null } }),
    }
}

/// A media file, its bytes in base64.
fn media(cms: &Cms, path: &Path) -> Result<Value, Refusal> {
    let bytes =
        std::fs::read(path).map_err(|e| Refusal::Bad(format!("{}: {e}", cms.site_rel(path))))?;
    Ok(json!({
        "id": blake3::hash(&bytes).to_hex().as_str(),
        "content": BASE64.encode(&bytes),
        "encoding": "base64",
        "path": cms.site_rel(path),
        "name": path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    }))
}

/// Writes the entry's files and its assets (photos), and moves it when renamed.
fn persist_entry(cms: &Cms, params: &Value) -> Result<Value, Refusal> {
    let data_files: Vec<Value> = match params["dataFiles"].as_array() {
        Some(files) => files.clone(),
        None => vec![params["entry"].clone()],
    };
    // Check every path before writing anything.
    let mut writes = Vec::new();
    for file in &data_files {
        let path = cms.confine(text(file, "path")?)?;
        let new_path = match file["newPath"].as_str() {
            Some(p) => Some(cms.confine(p)?),
            None => None,
        };
        let raw = crate::cms::plain_references(text(file, "raw")?);
        writes.push((path, raw, new_path));
    }
    let assets = params["assets"].as_array().cloned().unwrap_or_default();
    for asset in &assets {
        cms.confine(text(asset, "path")?)?;
    }
    for (path, raw, _) in &writes {
        write(path, raw.as_bytes())?;
    }
    for asset in &assets {
        write_asset(cms, asset)?;
    }
    for (from, _, to) in &writes {
        if let Some(to) = to {
            move_entry(cms, from, to)?;
        }
    }
    Ok(json!({ "message": "entry persisted" }))
}

fn write_asset(cms: &Cms, asset: &Value) -> Result<std::path::PathBuf, Refusal> {
    let path = cms.confine(text(asset, "path")?)?;
    if asset["encoding"].as_str() != Some("base64") {
        return Err(Refusal::Bad("encoding must be base64".into()));
    }
    let bytes = BASE64
        .decode(text(asset, "content")?)
        .map_err(|e| Refusal::Bad(format!("base64: {e}")))?;
    write(&path, &bytes)?;
    Ok(path)
}

/// Writes a file, making its folder; through a temporary file, so that the watcher
/// never reads half of it.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Refusal> {
    let fail = |e: std::io::Error| Refusal::Bad(format!("{}: {e}", path.display()));
    let dir = path
        .parent()
        .ok_or_else(|| Refusal::Bad("no folder".into()))?;
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `.`-prefixed: ignored by the watcher and the content walk.
    let temporary = dir.join(format!(".{name}.tonvinh-cms.tmp"));
    std::fs::write(&temporary, bytes).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(fail)
}

/// Renames an entry; a page bundle's `index.md` takes its folder's files along.
fn move_entry(cms: &Cms, from: &Path, to: &Path) -> Result<(), Refusal> {
    let fail = |e: std::io::Error| Refusal::Bad(format!("{}: {e}", cms.site_rel(from)));
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    std::fs::rename(from, to).map_err(fail)?;
    let bundle = from.file_name().is_some_and(|n| n == "index.md");
    let (Some(old_dir), Some(new_dir)) = (from.parent(), to.parent()) else {
        return Ok(());
    };
    let in_section = old_dir.parent().and_then(Path::parent) == Some(cms.content_dir());
    if bundle && in_section && old_dir != new_dir {
        for entry in std::fs::read_dir(old_dir).map_err(fail)?.flatten() {
            let target = new_dir.join(entry.file_name());
            std::fs::rename(entry.path(), target).map_err(fail)?;
        }
        let _ = std::fs::remove_dir(old_dir);
    }
    Ok(())
}

fn delete(path: &Path) {
    // A missing file is already deleted (as decap-server answers).
    let _ = std::fs::remove_file(path);
}
