//! The theme: the default one compiled into the binary, overlaid file by file with
//! the site's own `themes/<name>/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::content::is_ignored;
use crate::diagnostics::Diagnostic;
use crate::vietnamese::Lang;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// A theme's files by path below the theme folder (`templates/base.html`).
pub struct Theme {
    pub files: BTreeMap<String, ThemeFile>,
}

/// One theme file and where it came from (for messages).
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// Path shown in messages: the site's file, or `themes/default/…` for built-in ones.
    pub origin: PathBuf,
}

impl Theme {
    /// The built-in default theme with the site's theme folder laid over it.
    pub fn load(root: &Path, name: &str, lang: Lang) -> Result<Theme, Diagnostic> {
        let mut files: BTreeMap<String, ThemeFile> = THEME_FILES
            .iter()
            .map(|(path, bytes)| {
                let file = ThemeFile {
                    bytes: bytes.to_vec(),
                    origin: Path::new("themes/default").join(path),
                };
                (path.to_string(), file)
            })
            .collect();
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name == "default" {
                return Ok(Theme { files });
            }
            return Err(Diagnostic::error(
                "no-theme",
                "site.toml",
                format!(
                    "{} themes/{name}/",
                    lang.pick("không tìm thấy giao diện", "theme not found:")
                ),
            )
            .with_help(lang.pick(
                "tạo thư mục đó hoặc bỏ dòng theme để dùng giao diện mặc định",
                "create that folder, or remove the theme line to use the default theme",
            )));
        }
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || is_ignored(&name) {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let key = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                Diagnostic::error(
                    "io",
                    entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    e.to_string(),
                )
            })?;
            let origin = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            files.insert(key, ThemeFile { bytes, origin });
        }
        Ok(Theme { files })
    }

    /// Files under `prefix/` (e.g. `templates`), with the prefix removed.
    pub fn under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files.iter().filter_map(move |(k, v)| {
            k.strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('/'))
                .map(|r| (r, v))
        })
    }
}
