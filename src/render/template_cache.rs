//! Compiled templates kept between runs. Tera's parser takes 10–20 ms of CPU for the
//! default theme, as much as rendering a hundred pages; a build whose templates have
//! not changed since the last run reads them back instead, in about a millisecond.
//!
//! The cache lives in the user's cache folder (`$TONVINH_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/tonvinh`, else `~/.cache/tonvinh`), never in the site: what a
//! pull request brings must not be able to stand in for the templates. A file is named
//! by a hash of the templates' names and texts and of the running program (its
//! version, size and modification time), so an edited template or a new tonvinh never
//! reads an old one. A cache that cannot be read or written is simply not used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::Template;

/// Format of the files; part of the hash.
const FORMAT: &str = "tonvinh-templates-postcard-1";

/// The compiled templates stored under `key`, if any and readable.
pub fn load(key: &str) -> Option<HashMap<String, Template>> {
    load_from(&dir()?, key)
}

/// Stores `templates` under `key`, if there is a cache folder.
pub fn store(key: &str, templates: &HashMap<String, Template>) {
    if let Some(dir) = dir() {
        store_in(&dir, key, templates);
    }
}

fn load_from(dir: &Path, key: &str) -> Option<HashMap<String, Template>> {
    let bytes = std::fs::read(dir.join(file_name(key))).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// Replaces the file at once (written beside it, then renamed), so that a build
/// running meanwhile reads the old file or the new.
fn store_in(dir: &Path, key: &str, templates: &HashMap<String, Template>) {
    let Ok(bytes) = postcard::to_stdvec(templates) else {
        return;
    };
    let path = dir.join(file_name(key));
    let tmp = dir.join(format!("{}.{}.tmp", file_name(key), std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, bytes))
        .and_then(|()| std::fs::rename(&tmp, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    prune(dir, &path);
}

/// The most entries kept: a theme being edited under `serve` makes one per save.
const KEPT: usize = 16;

/// Removes the entries written more than a week ago, and all but the [`KEPT`] newest,
/// `kept` aside.
fn prune(dir: &Path, kept: &Path) {
    const WEEK: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut ours: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("templates-"))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .filter(|(_, path)| path != kept)
        .collect();
    ours.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (i, (modified, path)) in ours.into_iter().enumerate() {
        let stale = modified.elapsed().is_ok_and(|age| age > WEEK);
        if stale || i + 1 >= KEPT {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The key of a set of templates (name and text of each) for this program.
pub fn key(templates: &[(String, String)]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(FORMAT.as_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(exe) = std::env::current_exe().ok().and_then(|p| p.metadata().ok()) {
        hasher.update(&exe.len().to_le_bytes());
        if let Ok(modified) = exe.modified()
            && let Ok(since) = modified.duration_since(std::time::UNIX_EPOCH)
        {
            hasher.update(&since.as_nanos().to_le_bytes());
        }
    }
    let mut sorted: Vec<&(String, String)> = templates.iter().collect();
    sorted.sort();
    for (name, text) in sorted {
        for part in [name, text] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
    }
    hasher.finalize().to_hex()[..32].to_string()
}

fn file_name(key: &str) -> String {
    format!("templates-{key}.bin")
}

/// The cache folder, from the environment.
fn dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("TONVINH_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("tonvinh"));
    }
    var("HOME").map(|home| PathBuf::from(home).join(".cache").join("tonvinh"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, text: &str) -> (String, String) {
        (name.to_string(), text.to_string())
    }

    #[test]
    fn the_key_follows_every_name_and_text_but_not_their_order() {
        let a = [pair("a.html", "{{ x }}"), pair("b.html", "y")];
        let reordered = [pair("b.html", "y"), pair("a.html", "{{ x }}")];
        let edited = [pair("a.html", "{{ x }} "), pair("b.html", "y")];
        let renamed = [pair("c.html", "{{ x }}"), pair("b.html", "y")];
        // The length prefix keeps "ab" + "c" apart from "a" + "bc".
        let shifted = [pair("a.html{{", " x }}"), pair("b.html", "y")];
        assert_eq!(key(&a), key(&reordered));
        for other in [&edited, &renamed, &shifted] {
            assert_ne!(key(&a), key(other));
        }
    }

    #[test]
    fn compiled_templates_come_back_the_same_and_render_alike() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let mut tera = tera::Tera::default();
        tera.add_raw_templates([
            ("base.html", "<b>{% block x %}base{% endblock x %}</b>"),
            ("m.html", "{% macro hi(n) %}hi {{ n }}{% endmacro hi %}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{% import \"m.html\" as m %}{% block x %}{{ m::hi(n=name) }}{% if not missing %}!{% endif %}{% endblock x %}",
            ),
        ])
        .unwrap();
        assert!(load_from(dir, "k1").is_none());
        store_in(dir, "k1", &tera.templates);
        let back = load_from(dir, "k1").expect("the stored templates");
        assert_eq!(back.len(), tera.templates.len());
        for (name, template) in &tera.templates {
            assert_eq!(back[name].ast, template.ast, "{name}");
            assert_eq!(back[name].parents, template.parents, "{name}");
        }
        let mut cached = tera::Tera::default();
        cached.templates = back;
        cached.check_macro_files().unwrap();
        let mut context = tera::Context::new();
        context.insert("name", "<Lan>");
        assert_eq!(
            cached.render("page.html", &context).unwrap(),
            "<b>hi &lt;Lan&gt;!</b>"
        );
        // At most KEPT entries stay, the one just stored among them (which others go
        // depends on modification times, as coarse as a few milliseconds).
        for i in 0..KEPT + 3 {
            store_in(dir, &format!("more{i}"), &tera.templates);
        }
        let left = std::fs::read_dir(dir).unwrap().count();
        assert_eq!(left, KEPT);
        assert!(load_from(dir, &format!("more{}", KEPT + 2)).is_some());
        // A damaged file is not used.
        store_in(dir, "k1", &tera.templates);
        let bytes = std::fs::read(dir.join(file_name("k1"))).unwrap();
        std::fs::write(dir.join(file_name("k1")), &bytes[..bytes.len() / 2]).unwrap();
        assert!(load_from(dir, "k1").is_none());
    }
}
