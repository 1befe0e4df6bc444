#!/usr/bin/env bash
# Builds and packages tonvinh for one target, as the release workflow does
# (.github/workflows/release.yml runs exactly these commands).
#
#   scripts/release.sh TARGET    build with the `dist` profile, smoke-test when this
#                                machine can run the binary, write the archive into
#                                dist/ and refresh dist/SHA256SUMS
#   scripts/release.sh sums      only refresh dist/SHA256SUMS (the release job)
#
# TARGET: x86_64-unknown-linux-musl (needs musl-tools), x86_64-pc-windows-gnu (needs
# gcc-mingw-w64-x86-64), aarch64-apple-darwin, x86_64-apple-darwin (on macOS).
# `rustup target add TARGET` first. Archives: dist/tonvinh-VERSION-TARGET.zip for
# Windows, .tar.gz elsewhere, one folder inside with the binary and the guides.
# On a tag (GITHUB_REF_TYPE=tag) the tag must be v + the version in Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist

say() { echo "release: $*" >&2; }
die() { say "$*"; exit 1; }

sha256() { # file... → "hash  name" lines, as sha256sum prints them
  if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

sums() {
  cd "$DIST"
  local archives=()
  for f in tonvinh-*.zip tonvinh-*.tar.gz; do [ -f "$f" ] && archives+=("$f"); done
  [ ${#archives[@]} -gt 0 ] || die "no archive in dist/"
  sha256 "${archives[@]}" > SHA256SUMS
  say "dist/SHA256SUMS:"
  cat SHA256SUMS
}

version() {
  sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1
}

# Runs the binary the way an editor would: version, a new site, check, build.
smoke() {
  local bin=$1 tmp
  tmp=$(mktemp -d)
  "$bin" --version
  "$bin" init "$tmp/site" >/dev/null
  (cd "$tmp/site" && "$bin" check && "$bin" build >/dev/null)
  [ -f "$tmp/site/public/index.html" ] || die "smoke test: no public/index.html"
  rm -rf "$tmp"
  say "smoke test passed: --version, init, check, build"
}

# True when this machine runs binaries of the target natively.
runs_here() {
  case "$(uname -s)-$(uname -m)-$1" in
    Linux-x86_64-x86_64-unknown-linux-*) return 0 ;;
    Darwin-arm64-aarch64-apple-darwin | Darwin-x86_64-x86_64-apple-darwin) return 0 ;;
    *) return 1 ;;
  esac
}

# Writes a reproducible archive: sorted entries, fixed times and owners.
archive() { # folder archive-path
  python3 - "$1" "$2" <<'EOF'
import gzip, os, sys, tarfile, zipfile
folder, out = sys.argv[1], sys.argv[2]
base = os.path.basename(folder)
mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
files = sorted(os.listdir(folder))
def mode(name):
    return 0o755 if name in ("tonvinh", "tonvinh.exe") else 0o644
if out.endswith(".zip"):
    import time
    stamp = time.gmtime(max(mtime, 315532800))[:6]  # zip times start in 1980
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in files:
            info = zipfile.ZipInfo(f"{base}/{name}", stamp)
            info.external_attr = (0o100000 | mode(name)) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(folder, name), "rb") as f:
                z.writestr(info, f.read())
else:
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime, filename="") as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name in [None] + files:
                path = folder if name is None else os.path.join(folder, name)
                info = tar.gettarinfo(path, base if name is None else f"{base}/{name}")
                info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "", ""
                info.mode = 0o755 if name is None else mode(name)
                if info.isdir():
                    tar.addfile(info)
                else:
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
EOF
}

package() {
  local target=$1 version exe=tonvinh ext=tar.gz
  version=$(version)
  [ -n "$version" ] || die "no version in Cargo.toml"
  if [ "${GITHUB_REF_TYPE:-}" = tag ] && [ "${GITHUB_REF_NAME:-}" != "v$version" ]; then
    die "the tag ${GITHUB_REF_NAME:-} is not v$version, the version in Cargo.toml"
  fi
  case $target in
    *-windows-*) exe=tonvinh.exe ext=zip ;;
    *-linux-* | *-apple-darwin) ;;
    *) die "unknown target $target (see the top of $0)" ;;
  esac
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
  export SOURCE_DATE_EPOCH

  say "building tonvinh $version for $target (profile dist)"
  cargo build --profile dist --locked --target "$target"
  local bin=${CARGO_TARGET_DIR:-$ROOT/target}/$target/dist/$exe
  [ -f "$bin" ] || die "$bin was not built"
  if [ "$(uname -s)" = Darwin ]; then
    # An ad-hoc signature over the stripped binary: Apple silicon runs nothing unsigned.
    codesign --force --sign - "$bin"
    codesign --verify "$bin"
  fi
  if runs_here "$target"; then smoke "$bin"; else say "no smoke test: $target does not run here"; fi

  local name=tonvinh-$version-$target stage
  stage=$(mktemp -d)/$name
  mkdir -p "$stage" "$DIST"
  cp "$bin" "$stage/$exe"
  cp README.md CHANGELOG.md "$stage/"
  cp docs/cai-dat.md "$stage/HUONG-DAN-CAI-DAT.md"
  rm -f "$DIST/$name.$ext"
  archive "$stage" "$DIST/$name.$ext"
  rm -rf "$(dirname "$stage")"
  say "wrote dist/$name.$ext ($(wc -c < "$DIST/$name.$ext") bytes)"
  sums
}

case ${1:-} in
  sums) sums ;;
  "" | -h | --help) sed -n '2,15p' "$0" >&2; exit 2 ;;
  *) package "$1" ;;
esac
