//! Embeds the default theme (themes/default) into the binary, so that a site made
//! anywhere builds without a theme folder of its own.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.expect("readable theme folder");
            if entry.file_type().is_file() {
                files.push(entry.path().to_path_buf());
            }
        }
    }
    let mut code = String::from(
        "/// The default theme's files: (path below themes/default, bytes).\npub static THEME_FILES: &[(&str, &[u8])] = &[\n",
    );
    for f in files {
        let rel = f
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let abs = std::fs::canonicalize(&f).unwrap();
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out).join("theme_files.rs"), code).unwrap();
}
