//! The site's own static files (`static/`), copied as they are over the theme's.

use std::path::Path;

use crate::content;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::vietnamese::Lang;

/// Copies the site's `static/` folder as is (symbolic links leading outside the
/// site are refused). Returns the paths written, below the output folder.
pub fn copy_site_static(
    root: &Path,
    out: &dyn Sink,
    lang: Lang,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut problems = Vec::new();
    let mut written = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy();
        if content::is_ignored(&name) || entry.file_type().is_dir() {
            continue;
        }
        let rel_site = crate::diagnostics::relative(root, entry.path());
        if entry.path_is_symlink()
            && !entry
                .path()
                .canonicalize()
                .is_ok_and(|t| t.starts_with(&canonical_root) && t.is_file())
        {
            problems.push(Diagnostic::error(
                "symlink",
                &rel_site,
                lang.pick(
                    "liên kết tượng trưng trỏ ra ngoài trang",
                    "a symbolic link that leads outside the site",
                ),
            ));
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => match out.write(&rel, &bytes) {
                Ok(()) => written.push(rel),
                Err(e) => problems.push(crate::output::write_problem(out.location(&rel), &e)),
            },
            Err(e) => problems.push(Diagnostic::error("io", &rel_site, e.to_string())),
        }
    }
    if problems.is_empty() {
        Ok(written)
    } else {
        Err(problems)
    }
}
