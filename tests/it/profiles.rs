//! Cargo.toml's profiles: `release` (a fresh clone's first build) lowers some
//! dependencies' settings to compile sooner; `dist` (the released binaries and the
//! benchmarks) inherits them and must undo each one, or a released binary would
//! ship with unoptimised code nobody sees in a diff.

use toml::{Table, Value};

fn manifest() -> Table {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

/// `[profile.NAME]` as a table.
fn profile<'a>(manifest: &'a Table, name: &str) -> &'a Table {
    manifest["profile"][name].as_table().unwrap()
}

/// `[profile.NAME.package]`: package name → its settings.
fn packages(manifest: &Table, name: &str) -> Table {
    profile(manifest, name)
        .get("package")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn dist_undoes_every_setting_release_lowers_for_a_package() {
    let manifest = manifest();
    let dist = profile(&manifest, "dist");
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    // What `dist` wants for every crate: its own settings, else Cargo's release ones.
    let wanted = |key: &str| -> Value {
        dist.get(key).cloned().unwrap_or_else(|| match key {
            "opt-level" => Value::Integer(3),
            other => panic!("release sets `{other}` for a package: say here what dist wants"),
        })
    };
    let release = packages(&manifest, "release");
    let undone = packages(&manifest, "dist");
    assert!(
        !release.is_empty(),
        "the test reads the release profile's package table"
    );
    for (name, settings) in &release {
        if name == "*" {
            // Every dependency in one codegen unit: what dist has anyway.
            for (key, value) in settings.as_table().unwrap() {
                assert_eq!(&wanted(key), value, "release's \"*\" sets {key}");
            }
            continue;
        }
        for (key, value) in settings.as_table().unwrap() {
            let wanted = wanted(key);
            if *value == wanted {
                continue;
            }
            let got = undone.get(name).and_then(|t| t.get(key));
            assert_eq!(
                got,
                Some(&wanted),
                "[profile.release.package.{name}] sets {key} = {value}: \
                 [profile.dist.package.{name}] must set it back to {wanted}"
            );
        }
    }
}
