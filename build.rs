//! Embeds the default theme (themes/default) into the binary, so that a site made
//! anywhere builds without a theme folder of its own, and names the git commit built
//! for `tonvinh --version`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    embed_theme();
    name_commit();
}

/// Sets `TONVINH_VERSION` for `--version`: "0.1.0 (commit 1a2b3c4d5, 2026-12-07)".
///
/// The commit comes from `TONVINH_COMMIT` when set (a packager's build), else from
/// git when this folder is the top of a git checkout. A source tarball has neither and
/// says the version alone: never the commit of some other repository around it.
fn name_commit() {
    println!("cargo:rerun-if-env-changed=TONVINH_COMMIT");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap();
    let commit = match std::env::var("TONVINH_COMMIT") {
        Ok(commit) if !commit.is_empty() => Some(commit),
        _ => git_commit(),
    };
    let text = match commit {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version,
    };
    println!("cargo:rustc-env=TONVINH_VERSION={text}");
}

/// "1a2b3c4d5, 2026-12-07" for HEAD, and the files to watch so that a new commit
/// builds again; `None` outside a checkout or without git.
fn git_commit() -> Option<String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let same = |a: &str, b: &str| {
        std::fs::canonicalize(a)
            .ok()
            .is_some_and(|a| std::fs::canonicalize(b).ok() == Some(a))
    };
    if !same(&top, &manifest) {
        return None;
    }
    // HEAD, the branch it names and packed-refs change with every commit or checkout.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(file) = git(&["rev-parse", "--path-format=absolute", "--git-path", &name])
            && Path::new(&file).exists()
        {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    git(&["log", "-1", "--format=%h, %cs", "--abbrev=9"])
}

/// The trimmed output of a successful `git` command run in the package's folder.
fn git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Writes `theme_files.rs`: every file of themes/default, included as bytes.
fn embed_theme() {
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
