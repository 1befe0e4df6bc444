//! The cache folders' shared chores: the backup tools' tag, and pruning what the last
//! build did not use.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

/// Marks the cache folder `dir` (`.tonvinh-cache/`) as a cache, so backup tools skip
/// it (bford.info/cachedir).
pub fn tag_cache(dir: &Path) -> io::Result<()> {
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# tonvinh's cache: safe to delete.\n",
        )?;
    }
    Ok(())
}

/// Removes from the cache folder `dir` every file whose key (`key_of` its name) is not
/// in `used`, and the leftovers of killed builds (`.*.tmp`); names in `keep` stay.
/// Returns how many files were removed.
pub fn prune_cache(
    dir: &Path,
    used: &HashSet<&str>,
    key_of: fn(&str) -> &str,
    keep: &[&str],
) -> io::Result<usize> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if keep.contains(&name.as_ref()) {
            continue;
        }
        let leftover = name.starts_with('.') && name.ends_with(".tmp");
        if leftover || !used.contains(key_of(&name)) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}
