//! End to end in a real browser: `tests/e2e/live_reload.mjs` drives headless
//! Chromium (Debian's `chromium`) with playwright-core against `tonvinh serve`:
//! an edit shows without reloading, a broken file shows the error overlay with its
//! file and line, the fix clears it, a stylesheet swaps in place, Ctrl-C stops.
//! `.ci/run` installs Chromium and `npm ci --prefix tests/e2e`.

use std::path::Path;
use std::process::Command;

use crate::support::TestSite;

#[test]
fn live_reload_and_error_overlay_in_chromium() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: apt-get install -y chromium, or set CHROMIUM (.ci/run installs it)"
    );
    crate::support::ensure_playwright(&e2e);
    let site = TestSite::fixture("basic");
    let output = Command::new("node")
        .arg(e2e.join("live_reload.mjs"))
        .env("TONVINH", env!("CARGO_BIN_EXE_tonvinh"))
        .env("SITE", site.root())
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node (apt-get install -y nodejs)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("e2e: stopped"), "{stdout}{stderr}");
}
