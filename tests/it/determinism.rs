//! The demo site builds byte for byte the same every time, whatever the number of
//! threads (issue: deterministic output).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the demo into `out` with `RAYON_NUM_THREADS` threads, or as a user would
/// (the machine's cores, and more threads to read the pages) with `None`.
fn build_demo(out: &Path, threads: Option<&str>) {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut command = Command::new(env!("CARGO_BIN_EXE_tonvinh"));
    command.args(["build", "--root", root, "--out"]).arg(out);
    match threads {
        Some(n) => command.env("RAYON_NUM_THREADS", n),
        None => command.env_remove("RAYON_NUM_THREADS"),
    };
    let status = command.status().unwrap();
    assert!(status.success(), "the demo site does not build");
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn demo_site_is_identical_across_builds_and_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two, again) = (
        tmp.path().join("one"),
        tmp.path().join("two"),
        tmp.path().join("again"),
    );
    build_demo(&one, Some("1"));
    build_demo(&two, Some("2"));
    build_demo(&again, None);
    let (a, b, c) = (files(&one), files(&two), files(&again));
    assert!(a.len() > 150, "only {} files", a.len());
    for (path, bytes) in &a {
        assert!(
            b.get(path) == Some(bytes),
            "{} differs between 1 and 2 threads",
            path.display()
        );
        assert!(
            c.get(path) == Some(bytes),
            "{} differs between a 1-thread build and a default one",
            path.display()
        );
    }
    assert_eq!(a.len(), b.len());
    assert_eq!(b.len(), c.len());
    // Folders are made ahead of the pages: each of them got its files.
    let empty: Vec<_> = walkdir::WalkDir::new(&two)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .filter(|e| std::fs::read_dir(e.path()).unwrap().next().is_none())
        .map(|e| e.into_path())
        .collect();
    assert!(empty.is_empty(), "empty folders published: {empty:?}");
}
