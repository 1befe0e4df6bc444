//! Tests of the staging folder and its standby.

use super::*;
use std::collections::BTreeMap;

/// Every file below `dir`, by path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The folders below `dir`.
fn folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// One build: `files` written into the staging folder of `out`, committed; the
/// hashes of what it wrote.
fn build(
    out: &Path,
    manifest: &Path,
    last: Option<FileHashes>,
    files: &[(&str, &str)],
) -> FileHashes {
    let mut staging = Staging::open(out, Some(manifest.to_path_buf())).unwrap();
    if let Some(last) = last {
        staging = staging.with_previous(last);
    }
    for (rel, text) in files {
        staging.write(rel, text.as_bytes()).unwrap();
    }
    let hashes = staging.hashes();
    staging.commit().unwrap();
    hashes
}

#[test]
fn commit_swaps_and_drop_discards() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir_all(out.join("s/p/q")).unwrap();
    fs::write(out.join("old.html"), "old").unwrap();
    fs::write(out.join("s/top.html"), "top").unwrap();
    fs::write(out.join("s/p/q/deep.html"), "deep").unwrap();
    // A link in the old output is removed, not followed.
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("keep.txt"), "keep").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), out.join("s/link")).unwrap();

    let failed = Staging::new(&out).unwrap();
    failed.write("a/index.html", b"new").unwrap();
    drop(failed);
    assert_eq!(fs::read_to_string(out.join("old.html")).unwrap(), "old");
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "staging folder left behind"
    );

    let ok = Staging::new(&out).unwrap();
    ok.make_folders(vec!["b".into(), "b/c".into()]);
    ok.write("a/index.html", b"new").unwrap();
    ok.write("b/c/index.html", b"made ahead").unwrap();
    let cached = tmp.path().join("cached.jpg");
    fs::write(&cached, "jpeg").unwrap();
    ok.link("anh/x.jpg", &cached).unwrap();
    ok.link("anh/x.jpg", &cached).unwrap();
    let missing = ok.link("anh/y.jpg", &tmp.path().join("gone.jpg"));
    assert_eq!(missing.unwrap_err().kind(), io::ErrorKind::NotFound);
    ok.commit().unwrap();
    assert_eq!(fs::read_to_string(out.join("anh/x.jpg")).unwrap(), "jpeg");
    fs::remove_file(&cached).unwrap();
    assert!(!out.join("old.html").exists());
    assert!(!out.join("s").exists(), "the old output's folders are left");
    assert!(outside.path().join("keep.txt").exists());
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
    assert_eq!(
        fs::read_to_string(out.join("b/c/index.html")).unwrap(),
        "made ahead"
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn the_standby_is_brought_up_to_date_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let manifest = tmp.path().join("cache/out.standby");
    let first = build(
        &out,
        &manifest,
        None,
        &[
            ("a/index.html", "a1"),
            ("b/index.html", "b1"),
            ("gone/x/index.html", "x"),
        ],
    );
    // The first build had no output to swap with: nothing is kept.
    assert!(!manifest.exists());
    let second = build(
        &out,
        &manifest,
        Some(first.clone()),
        &[
            ("a/index.html", "a1"),
            ("b/index.html", "b2"),
            ("gone/x/index.html", "x"),
        ],
    );
    // The first output is the standby now, and its manifest says so.
    let standby = tmp.path().join(".public.tonvinh-staging");
    assert!(manifest.exists());
    assert_eq!(files(&standby)["b/index.html"], "b1");

    // The third build: a1 is in the standby, b2 in the last output, c3 is new;
    // gone/ is built no more.
    let wanted = [
        ("a/index.html", "a1"),
        ("b/index.html", "b2"),
        ("c/index.html", "c3"),
    ];
    let staging = Staging::open(&out, Some(manifest.clone())).unwrap();
    assert!(staging.reuses_standby());
    assert!(
        !manifest.exists(),
        "the manifest stays while the standby changes"
    );
    let staging = staging.with_previous(second);
    for (rel, text) in wanted {
        staging.write(rel, text.as_bytes()).unwrap();
    }
    staging.commit().unwrap();
    let expected: BTreeMap<String, String> = wanted
        .iter()
        .map(|(r, t)| (r.to_string(), t.to_string()))
        .collect();
    assert_eq!(files(&out), expected);
    assert!(
        !folders(&out).iter().any(|f| f.starts_with("gone")),
        "{:?}",
        folders(&out)
    );
    // The second output waits as the next standby, without what is built no
    // more.
    assert_eq!(
        files(&standby),
        BTreeMap::from([
            ("a/index.html".to_string(), "a1".to_string()),
            ("b/index.html".to_string(), "b2".to_string()),
        ])
    );
    assert!(
        folders(&standby).is_empty() || !folders(&standby).iter().any(|f| f.starts_with("gone"))
    );
    // A file of the new output that the last one had too is one file, linked.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(
            ino(&out.join("b/index.html")),
            ino(&standby.join("b/index.html"))
        );
    }
}

#[test]
fn a_killed_or_failed_build_leaves_a_standby_that_is_known_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let manifest = tmp.path().join("out.standby");
    let one = build(&out, &manifest, None, &[("a.html", "1")]);
    let two = build(&out, &manifest, Some(one), &[("a.html", "2")]);
    let three = build(&out, &manifest, Some(two.clone()), &[("a.html", "3")]);

    // Killed while changing the standby: no manifest, so the next build makes
    // the folder afresh rather than trust what it holds.
    let killed = Staging::open(&out, Some(manifest.clone())).unwrap();
    killed.write("a.html", b"half").unwrap();
    std::mem::forget(killed);
    let next = Staging::open(&out, Some(manifest.clone())).unwrap();
    assert!(!next.reuses_standby());
    assert!(files(next.dir()).is_empty());
    let next = next.with_previous(three.clone());
    next.write("a.html", b"4").unwrap();
    let four = next.hashes();
    next.commit().unwrap();
    assert_eq!(files(&out)["a.html"], "4");

    // A failed build (dropped): the standby stays, described as it is.
    let failed = Staging::open(&out, Some(manifest.clone()))
        .unwrap()
        .with_previous(four.clone());
    assert!(failed.reuses_standby());
    failed.write("b.html", b"b").unwrap();
    drop(failed);
    assert_eq!(
        files(&out)["a.html"],
        "4",
        "a failed build changed the output"
    );
    // The next build trusts it: b.html is there already, a.html goes.
    let after = Staging::open(&out, Some(manifest.clone()))
        .unwrap()
        .with_previous(four);
    assert!(after.reuses_standby());
    after.write("b.html", b"b").unwrap();
    after.commit().unwrap();
    assert_eq!(
        files(&out),
        BTreeMap::from([("b.html".to_string(), "b".to_string())])
    );
}

#[test]
fn a_file_written_twice_holds_the_second_bytes() {
    // The theme's static file, then the site's own at the same path.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let manifest = tmp.path().join("out.standby");
    let one = build(
        &out,
        &manifest,
        None,
        &[("s.css", "theme"), ("s.css", "site")],
    );
    let two = build(
        &out,
        &manifest,
        Some(one),
        &[("s.css", "theme"), ("s.css", "site")],
    );
    build(
        &out,
        &manifest,
        Some(two),
        &[("s.css", "theme"), ("s.css", "site")],
    );
    assert_eq!(files(&out)["s.css"], "site");
}
