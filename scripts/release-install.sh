#!/usr/bin/env bash
# The setup action's step (action.yml): downloads the release archive of tonvinh for
# this runner, checks it against the release's SHA256SUMS, unpacks it and puts the
# binary on PATH. Runs in bash on Linux, macOS and Windows runners.
#
# Environment (action.yml sets the TONVINH_* ones):
#   TONVINH_VERSION      "0.1.0", "v0.1.0", "latest" or empty (then the action's ref
#                        when it names a release, v0.1.0, else the latest release)
#   TONVINH_ACTION_REF, TONVINH_REPOSITORY   the action's ref and owner/name; read from
#                        GITHUB_ACTION_PATH (…/_actions/OWNER/NAME/REF) when empty, else
#                        TONVINH_WORKFLOW_REPOSITORY (a local action, uses: ./)
#   TONVINH_RUNNER_OS, TONVINH_RUNNER_ARCH   runner.os and runner.arch
#   TONVINH_RELEASES_URL where releases are (default https://github.com/REPO/releases;
#                        a local server for tests: scripts/release-test-action.sh)
#   GITHUB_PATH, GITHUB_OUTPUT, RUNNER_TEMP  set by GitHub Actions
set -euo pipefail

die() { echo "::error title=setup tonvinh::$*" >&2; exit 1; }

# The action's repository and ref, from the environment or from where the runner put
# the action (GitHub leaves github.action_* empty for some composite steps).
repository=${TONVINH_REPOSITORY:-}
ref=${TONVINH_ACTION_REF:-}
action_path=${GITHUB_ACTION_PATH:-}
action_path=${action_path//\\//} # D:\a\_actions\… on Windows
if [ -z "$repository" ] && [[ "$action_path" == */_actions/*/*/* ]]; then
  IFS=/ read -r owner name ref_from_path _ <<<"${action_path##*/_actions/}"
  repository=$owner/$name
  ref=${ref:-$ref_from_path}
fi
# A local action (uses: ./) has neither: it is the workflow's own repository.
repository=${repository:-${TONVINH_WORKFLOW_REPOSITORY:-}}
releases=${TONVINH_RELEASES_URL:-}
if [ -z "$releases" ]; then
  [ -n "$repository" ] || die "cannot tell which repository the action comes from"
  releases=https://github.com/$repository/releases
fi

echo "setup tonvinh: repository ${repository:-(none)}, releases at $releases"

# Which release: the input, else the action's ref when it is a version, else latest.
version=${TONVINH_VERSION:-}
if [ -z "$version" ]; then
  if [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then version=$ref; else version=latest; fi
fi
version=${version#v}

# Which archive: the runner's system and processor.
os=${TONVINH_RUNNER_OS:-${RUNNER_OS:-}}
arch=${TONVINH_RUNNER_ARCH:-${RUNNER_ARCH:-}}
case "$os-$arch" in
  Linux-X64) target=x86_64-unknown-linux-musl ext=tar.gz exe=tonvinh ;;
  macOS-ARM64) target=aarch64-apple-darwin ext=tar.gz exe=tonvinh ;;
  macOS-X64) target=x86_64-apple-darwin ext=tar.gz exe=tonvinh ;;
  # Windows on Arm runs x86-64 programs.
  Windows-X64 | Windows-ARM64) target=x86_64-pc-windows-gnu ext=zip exe=tonvinh.exe ;;
  *) die "no tonvinh release for $os on $arch: use a Linux x64, Windows or macOS runner" ;;
esac

fetch() { # url file
  curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 -o "$2" "$1" \
    || die "could not download $1"
}

# Git Bash on Windows: Unix-style paths here, Windows paths for GITHUB_PATH.
native() { if command -v cygpath >/dev/null; then cygpath "$@"; else echo "${@: -1}"; fi; }
work=$(mktemp -d "$(native -u "${RUNNER_TEMP:-${TMPDIR:-/tmp}}")/tonvinh.XXXXXX")
cd "$work"

# SHA256SUMS first: for "latest" it also names the version, so that the archive comes
# from the same release even if a new one is published meanwhile.
if [ "$version" = latest ]; then
  fetch "$releases/latest/download/SHA256SUMS" SHA256SUMS
  archive=$(grep -oE "tonvinh-[0-9][^ ]*-$target\.$ext" SHA256SUMS | head -n 1) \
    || die "the latest release has no archive for $target"
  version=${archive#tonvinh-}
  version=${version%-"$target.$ext"}
else
  fetch "$releases/download/v$version/SHA256SUMS" SHA256SUMS
fi
archive=tonvinh-$version-$target.$ext
fetch "$releases/download/v$version/$archive" "$archive"

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' SHA256SUMS)
[ -n "$expected" ] || die "SHA256SUMS of v$version does not list $archive"
if command -v sha256sum >/dev/null; then
  actual=$(sha256sum "$archive" | cut -d' ' -f1)
else
  actual=$(shasum -a 256 "$archive" | cut -d' ' -f1)
fi
[ "$actual" = "$expected" ] || die "$archive: SHA-256 $actual, but SHA256SUMS says $expected"

if [ "$ext" = zip ]; then
  if command -v unzip >/dev/null; then
    unzip -q "$archive"
  elif command -v 7z >/dev/null; then
    7z x -bd -y "$archive" >/dev/null
  else
    pwsh -NoProfile -Command "Expand-Archive -LiteralPath '$archive' -DestinationPath ." \
      || die "no program to unpack $archive"
  fi
else
  tar -xzf "$archive"
fi
dir=$work/tonvinh-$version-$target
[ -f "$dir/$exe" ] || die "$archive holds no $exe"
chmod +x "$dir/$exe"
"$dir/$exe" --version

dir=$(native -w "$dir")
if [ -n "${GITHUB_PATH:-}" ]; then echo "$dir" >> "$GITHUB_PATH"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "version=$version"; echo "path=$dir"; } >> "$GITHUB_OUTPUT"
fi
echo "tonvinh $version ($target) installed in $dir, checked against SHA256SUMS"
