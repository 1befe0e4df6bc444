//! A small driver for fixture sites: copy a fixture into a temporary folder, change
//! a file, run a command, read what it wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a command printed and returned.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Fails unless the command succeeded.
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.status, 0,
            "command failed:\n{}{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, dir.path());
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes (or overwrites) a file of the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Replaces `from` with `to` in a file; fails if `from` is not there.
    #[track_caller]
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs `tonvinh ARGS --root SITE`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_tonvinh"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run::from(output)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Every file under `rel` with its bytes, to compare two builds.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let base = self.path(rel);
        walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&base).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }
}

/// Installs playwright-core into `tests/e2e/node_modules` when it is missing (from
/// the npm registry, pinned by package-lock.json; it never downloads a browser), so
/// that `cargo test` alone runs the browser tests on a machine with Chromium and npm.
pub fn ensure_playwright(e2e: &Path) {
    static ONCE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONCE.lock().unwrap_or_else(|e| e.into_inner());
    if e2e.join("node_modules/playwright-core").is_dir() {
        return;
    }
    let status = Command::new("npm")
        .args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(e2e)
        .status()
        .expect("npm (apt-get install -y npm) to install playwright-core");
    assert!(status.success(), "npm ci --prefix {} failed", e2e.display());
}
