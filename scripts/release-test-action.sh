#!/usr/bin/env bash
# Runs the setup action's step (scripts/release-install.sh) against the archives in
# dist/ (made by scripts/release.sh), served on loopback the way GitHub serves a
# release: /download/vVERSION/FILE and /latest/download/FILE. Checks that a named
# version, the action's ref and "latest" each install a tonvinh that runs and is put
# on PATH, and that an archive whose checksum does not match is refused.
#
#   scripts/release.sh x86_64-unknown-linux-musl && scripts/release-test-action.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
target=x86_64-unknown-linux-musl
archive=tonvinh-$version-$target.tar.gz
if [ ! -f "dist/$archive" ] || [ ! -f dist/SHA256SUMS ]; then
  echo "test-action: dist/$archive missing: run scripts/release.sh $target" >&2
  exit 2
fi

tmp=$(mktemp -d)
server=
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/srv/download/v$version" "$tmp/srv/latest/download" "$tmp/srv/download/v9.9.9"
cp dist/SHA256SUMS "dist/$archive" "$tmp/srv/download/v$version/"
cp dist/SHA256SUMS "dist/$archive" "$tmp/srv/latest/download/"
# A release whose archive was altered after its checksum was taken.
sed "s/$version/9.9.9/" dist/SHA256SUMS > "$tmp/srv/download/v9.9.9/SHA256SUMS"
{ cat "dist/$archive"; echo tampered; } > "$tmp/srv/download/v9.9.9/tonvinh-9.9.9-$target.tar.gz"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/srv" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

pass=0 fail=0
check() { # name expected-status [VAR=value...]
  local name=$1 want=$2 run=$tmp/run-$pass-$fail
  shift 2
  mkdir -p "$run"
  : > "$run/path"; : > "$run/output"
  local status=0
  env -i PATH=/usr/bin:/bin HOME="$tmp" RUNNER_TEMP="$run" GITHUB_PATH="$run/path" \
    GITHUB_OUTPUT="$run/output" TONVINH_RUNNER_OS=Linux TONVINH_RUNNER_ARCH=X64 \
    TONVINH_RELEASES_URL="http://127.0.0.1:$port" "$@" \
    bash "$ROOT/scripts/release-install.sh" > "$run/log" 2>&1 || status=$?
  local ok=1
  if [ -n "${expect_repository:-}" ]; then
    grep -q "repository $expect_repository," "$run/log" || ok=0
  fi
  if [ "$want" = 0 ]; then
    [ "$status" = 0 ] || ok=0
    grep -qx "version=$version" "$run/output" || ok=0
    # The folder added to PATH holds a tonvinh that names its version.
    PATH="$(cat "$run/path"):/usr/bin:/bin" tonvinh --version | grep -q "^tonvinh $version" || ok=0
  else
    [ "$status" != 0 ] && grep -q "SHA256SUMS says" "$run/log" || ok=0
  fi
  if [ $ok = 1 ]; then
    echo "PASS  $name"; pass=$((pass + 1))
  else
    echo "FAIL  $name (exit $status)"; sed 's/^/      /' "$run/log"; fail=$((fail + 1))
  fi
}

check "version input $version" 0 TONVINH_VERSION="$version"
check "version input v$version" 0 TONVINH_VERSION="v$version"
check "the action's ref v$version" 0 TONVINH_ACTION_REF="v$version"
check "ref main: the latest release" 0 TONVINH_ACTION_REF=main
expect_repository=sgddt-haiphong/tonvinh
check "repository and ref read from GITHUB_ACTION_PATH" 0 \
  GITHUB_ACTION_PATH="/home/runner/work/_actions/sgddt-haiphong/tonvinh/v$version" \
  TONVINH_WORKFLOW_REPOSITORY=truong-x/trang
check "repository and ref read from a Windows GITHUB_ACTION_PATH" 0 \
  GITHUB_ACTION_PATH="D:\\a\\_actions\\sgddt-haiphong\\tonvinh\\v$version"
check "a local action (uses: ./): the workflow's repository" 0 \
  TONVINH_VERSION="$version" GITHUB_ACTION_PATH=/home/runner/work/tonvinh/tonvinh \
  TONVINH_WORKFLOW_REPOSITORY=sgddt-haiphong/tonvinh
expect_repository=
check "altered archive refused" 1 TONVINH_VERSION=9.9.9
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
