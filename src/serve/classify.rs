//! serve, step 1: what a changed path means. Pure: a path (from a debounced notify
//! event) in, a [`ChangeKind`] out, so the rules are tested as a table below. Editor
//! leftovers, hidden folders (`.git`, the cache, the staging folder), `public/` and
//! anything else that is not part of the site are ignored.

use std::path::{Component, Path, PathBuf};

use notify_debouncer_full::notify::EventKind;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode};

use crate::content::is_ignored;

/// What one changed path asks the rebuild to do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A content file: a page, the home text, or a file in a page bundle (a photo).
    /// The path is relative to the site root.
    Content(PathBuf),
    /// A section's `_index.md`, or a folder right under `content/` (a section
    /// appearing or vanishing).
    Section(PathBuf),
    /// `site.toml`: everything is built again.
    Config,
    /// A template or the UI strings of the site's theme: every page is rendered again.
    Template,
    /// A file under `static/` or the theme's `static/`, relative to the site root.
    Static(PathBuf),
    /// Not part of the site.
    Ignored,
}

/// Whether an event can change a file. Opening and reading files, which the build
/// itself does, are not changes; closing a file written to is.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Classifies `path`, a path below `root` (the site's folder) that changed. `theme`
/// is the site's theme name: other themes' folders are ignored.
pub fn classify(root: &Path, theme: &str, path: &Path) -> ChangeKind {
    let Ok(rel) = path.strip_prefix(root) else {
        return ChangeKind::Ignored;
    };
    let mut parts = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_string_lossy()),
            _ => return ChangeKind::Ignored,
        }
    }
    if parts.iter().any(|p| is_temporary(p)) {
        return ChangeKind::Ignored;
    }
    let name = parts.last().map_or("", |p| p.as_ref());
    let is_md = name.ends_with(".md");
    let has_extension = name.contains('.');
    let rel = rel.to_path_buf();
    match parts.first().map(|p| p.as_ref()) {
        Some("site.toml") if parts.len() == 1 => ChangeKind::Config,
        Some("content") => match parts.len() {
            // content/ itself appeared or vanished: every section did.
            1 => ChangeKind::Section(rel),
            2 if name == "_index.md" => ChangeKind::Content(rel),
            // A Markdown file outside every section is an error the build reports.
            2 if is_md => ChangeKind::Content(rel),
            2 if !has_extension => ChangeKind::Section(rel),
            // Other files right under content/ or a section are not read.
            2 => ChangeKind::Ignored,
            3 if name == "_index.md" => ChangeKind::Section(rel),
            // A page file, or a bundle folder.
            3 if is_md || !has_extension => ChangeKind::Content(rel),
            3 => ChangeKind::Ignored,
            // Inside a page bundle: its index.md, photos and attachments.
            _ => ChangeKind::Content(rel),
        },
        Some("static") => ChangeKind::Static(rel),
        Some("themes") if parts.get(1).is_some_and(|t| t == theme) => {
            match parts.get(2).map(|p| p.as_ref()) {
                Some("static") => ChangeKind::Static(rel),
                // The theme's folder itself, its templates or its strings.
                None | Some("templates" | "i18n") => ChangeKind::Template,
                Some(_) => ChangeKind::Ignored,
            }
        }
        _ => ChangeKind::Ignored,
    }
}

/// Files editors write beside the real one while saving, besides the hidden and
/// backup files the build itself skips: Vim's `4913` probe and `.swx`/`.swo` swap
/// files, JetBrains' `___jb_tmp___`, partial downloads.
fn is_temporary(name: &str) -> bool {
    is_ignored(name)
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
        || [
            ".swo",
            ".swx",
            "___jb_tmp___",
            "___jb_old___",
            ".part",
            ".crdownload",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChangeKind::*;
    use notify_debouncer_full::notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    #[test]
    fn reading_is_not_a_change() {
        let write = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(is_change(&write));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_change(&EventKind::Remove(RemoveKind::Any)));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
    }

    #[test]
    fn paths_are_classified() {
        let root = Path::new("/site");
        let p = PathBuf::from;
        #[rustfmt::skip]
        let table: &[(&str, ChangeKind)] = &[
            ("site.toml", Config),
            ("content", Section(p("content"))),
            ("content/_index.md", Content(p("content/_index.md"))),
            ("content/stray.md", Content(p("content/stray.md"))),
            ("content/notes.txt", Ignored),
            ("content/guong-dien-hinh", Section(p("content/guong-dien-hinh"))),
            ("content/guong-dien-hinh/_index.md", Section(p("content/guong-dien-hinh/_index.md"))),
            ("content/guong-dien-hinh/hoa.md", Content(p("content/guong-dien-hinh/hoa.md"))),
            ("content/guong-dien-hinh/an", Content(p("content/guong-dien-hinh/an"))),
            ("content/guong-dien-hinh/an/index.md", Content(p("content/guong-dien-hinh/an/index.md"))),
            ("content/guong-dien-hinh/an/chan-dung.jpg", Content(p("content/guong-dien-hinh/an/chan-dung.jpg"))),
            ("content/guong-dien-hinh/stray.jpg", Ignored),
            ("static/logo.svg", Static(p("static/logo.svg"))),
            ("static/css/print.css", Static(p("static/css/print.css"))),
            ("themes/so-gddt", Template),
            ("themes/so-gddt/templates/profile.html", Template),
            ("themes/so-gddt/i18n/vi.toml", Template),
            ("themes/so-gddt/static/theme.css", Static(p("themes/so-gddt/static/theme.css"))),
            ("themes/so-gddt/README.md", Ignored),
            ("themes/other/templates/profile.html", Ignored),
            // Editors' temporary files.
            ("content/guong-dien-hinh/.hoa.md.swp", Ignored),
            ("content/guong-dien-hinh/hoa.md.swx", Ignored),
            ("content/guong-dien-hinh/hoa.md~", Ignored),
            ("content/guong-dien-hinh/4913", Ignored),
            ("content/guong-dien-hinh/#hoa.md#", Ignored),
            ("content/guong-dien-hinh/.#hoa.md", Ignored),
            ("content/guong-dien-hinh/hoa.md___jb_tmp___", Ignored),
            ("content/guong-dien-hinh/hoa.md.tmp", Ignored),
            ("static/report.pdf.part", Ignored),
            // Hidden folders, the output, the cache, the staging folder, the rest.
            (".git/index", Ignored),
            ("content/.git/HEAD", Ignored),
            (".tonvinh-cache/ab/cd.jpg", Ignored),
            (".public.tonvinh-staging/index.html", Ignored),
            ("public/index.html", Ignored),
            ("target/debug/tonvinh", Ignored),
            ("README.md", Ignored),
            ("site.toml.bak", Ignored),
        ];
        for (path, expected) in table {
            assert_eq!(
                &classify(root, "so-gddt", &root.join(path)),
                expected,
                "{path}"
            );
        }
        assert_eq!(
            classify(root, "so-gddt", Path::new("/elsewhere/site.toml")),
            Ignored
        );
    }
}
