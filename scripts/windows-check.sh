#!/usr/bin/env bash
# tonvinh.exe under Wine, against the Linux build of the same sources:
#   1. `build` of the demo site, compared byte for byte with the Linux build (diff -r);
#   2. `check`, same report as on Linux, and `check --format github` on a site with
#      mistakes in nested folders: every `file=` written with `/`, same as on Linux;
#   3. `new profile` with a Vietnamese name: the page is made and passes check;
#   4. `serve`: a page fetched from the Linux side, a content file edited, the page
#      served again with the edit.
# Prints PASS/FAIL for each and exits 0 only when all pass; exits 0 with a message
# when Wine is not installed (apt-get install -y wine wine64 gcc-mingw-w64-x86-64;
# rustup target add x86_64-pc-windows-gnu).
#
#   scripts/windows-check.sh                 builds with the dev profile
#   PROFILE=dist scripts/windows-check.sh    the release archives' profile (slow)
#   TONVINH_EXE=path/tonvinh.exe scripts/windows-check.sh   a ready-made binary
#   TONVINH_LINUX=path/tonvinh …             the Linux binary to compare with
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, whose ProcessPrng the Rust standard
# library calls for random numbers: for this test only, the script compiles a stub
# of it with MinGW (RtlGenRandom underneath) into its own Wine prefix,
# target/wine-prefix. Real Windows (8 and later) has the DLL.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
TARGET=x86_64-pc-windows-gnu
PROFILE=${PROFILE:-dev}

if ! command -v wine >/dev/null 2>&1; then
  echo "windows-check: SKIPPED: wine is not installed (apt-get install -y wine wine64)"
  exit 0
fi
for tool in x86_64-w64-mingw32-gcc curl python3; do
  command -v "$tool" >/dev/null || { echo "windows-check: $tool is missing (apt-get install -y gcc-mingw-w64-x86-64 curl python3)" >&2; exit 2; }
done

dir_of() { [ "$1" = dev ] && echo debug || echo "$1"; }
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
LINUX=${TONVINH_LINUX:-$TARGET_DIR/$(dir_of "$PROFILE")/tonvinh}
EXE=${TONVINH_EXE:-$TARGET_DIR/$TARGET/$(dir_of "$PROFILE")/tonvinh.exe}
echo "windows-check: building tonvinh (Linux and $TARGET, profile $PROFILE)"
if [ -z "${TONVINH_LINUX:-}" ]; then
  cargo build --quiet --locked --profile "$PROFILE" || exit 1
fi
if [ -z "${TONVINH_EXE:-}" ]; then
  cargo build --quiet --locked --profile "$PROFILE" --target "$TARGET" || exit 1
fi

export WINEPREFIX=${WINEPREFIX:-$TARGET_DIR/wine-prefix} WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export LANG=C.UTF-8 LC_ALL=C.UTF-8 # arguments reach Windows as UTF-16 through the locale
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "windows-check: making the Wine prefix $WINEPREFIX"
  wineboot --init >/dev/null 2>&1
fi
SYS32=$WINEPREFIX/drive_c/windows/system32
if [ ! -f "$SYS32/bcryptprimitives.dll" ] && ! ls /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/bcryptprimitives.dll >/dev/null 2>&1; then
  echo "windows-check: Wine lacks bcryptprimitives.dll: a test stub goes into the prefix"
  stub=$(mktemp -d)
  cat > "$stub/bcryptprimitives.c" <<'EOF'
#include <windows.h>
/* advapi32's RtlGenRandom. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
EOF
  x86_64-w64-mingw32-gcc -shared -O2 -o "$SYS32/bcryptprimitives.dll" "$stub/bcryptprimitives.c" -ladvapi32 || exit 1
  rm -rf "$stub"
fi

WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null
  wineserver -k 2>/dev/null # this script's own prefix only
  rm -rf "$WORK"
}
trap cleanup EXIT
RESULTS=()
pass() { RESULTS+=("PASS  $1"); echo "PASS  $1"; }
fail() { RESULTS+=("FAIL  $1"); echo "FAIL  $1"; [ $# -lt 2 ] || sed 's/^/      /' "$2" | head -n 40; }
win() { wine "$EXE" "$@"; } # run inside the current folder, as an editor would

# A copy of the demo's sources, for each side.
site() {
  mkdir -p "$1"
  cp -r "$ROOT/site.toml" "$ROOT/content" "$1/"
  for d in static themes; do [ -d "$ROOT/$d" ] && cp -r "$ROOT/$d" "$1/"; done
}

echo "windows-check: $(win --version | tr -d '\r') under $(wine --version)"

# 1. The demo site, built on both sides.
site "$WORK/linux"; site "$WORK/windows"
(cd "$WORK/linux" && "$LINUX" build >"$WORK/linux-build.log" 2>&1)
(cd "$WORK/windows" && win build >"$WORK/windows-build.log" 2>&1)
status=$?
if [ $status -eq 0 ] && diff -r "$WORK/linux/public" "$WORK/windows/public" >"$WORK/diff.log" 2>&1; then
  pass "build: the demo site ($(find "$WORK/windows/public" -type f | wc -l) files) is byte-identical to the Linux build"
else
  fail "build: exit $status, or output differs from the Linux build" "$WORK/diff.log"
  head -n 20 "$WORK/windows-build.log"
fi

# 2. check, human and GitHub formats, on the demo and on a site with mistakes.
(cd "$WORK/linux" && "$LINUX" check >"$WORK/linux-check.log" 2>&1)
(cd "$WORK/windows" && win check 2>&1 | tr -d '\r' >"$WORK/windows-check.log")
if diff "$WORK/linux-check.log" "$WORK/windows-check.log" >"$WORK/diff.log"; then
  pass "check: the demo's report is the same as on Linux ($(tail -n 1 "$WORK/windows-check.log"))"
else
  fail "check: the report differs from Linux" "$WORK/diff.log"
fi
for side in linux windows; do
  page=$WORK/$side/content/guong-dien-hinh/dang-thi-anh/index.md
  sed -i -e 's/^position = /chuc_vu = "x"\nposition = /' -e 's/^unit = "th-vinh-bao"/unit = "th-vinh-bao-x"/' "$page"
done
(cd "$WORK/linux" && "$LINUX" check --format github >"$WORK/linux-gh.log" 2>&1)
(cd "$WORK/windows" && win check --format github 2>&1 | tr -d '\r' >"$WORK/windows-gh.log")
annotations=$(grep -c '^::error file=' "$WORK/windows-gh.log")
if [ "$annotations" -gt 0 ] && ! grep -o '^::[a-z]* file=[^,]*' "$WORK/windows-gh.log" | grep -qF "\\" \
  && grep -q '^::error file=content/guong-dien-hinh/dang-thi-anh/index.md,line=' "$WORK/windows-gh.log" \
  && diff "$WORK/linux-gh.log" "$WORK/windows-gh.log" >"$WORK/diff.log"; then
  pass "check --format github: $annotations errors, every file= with /, same as on Linux"
else
  fail "check --format github: a \\ in file=, or not the Linux annotations" "$WORK/windows-gh.log"
fi

# 3. new: a profile with a Vietnamese name, written where Linux would write it.
site "$WORK/new"
name="Lường Thị Ửng"
(cd "$WORK/new" && win new profile "$name" --unit th-vinh-bao >"$WORK/new.log" 2>&1)
made=$WORK/new/content/guong-dien-hinh/luong-thi-ung/index.md
(cd "$WORK/new" && win check 2>&1 | tr -d '\r' >"$WORK/new-check.log")
if [ -f "$made" ] && grep -qx "name = \"$name\"" "$made" \
  && ! grep -q '^lỗi\[[a-z-]*\]: content/guong-dien-hinh/luong-thi-ung/' "$WORK/new-check.log"; then
  pass "new profile \"$name\": content/guong-dien-hinh/luong-thi-ung/index.md, no error in check"
else
  cat "$WORK/new.log" >>"$WORK/new-check.log"
  fail "new profile \"$name\": page missing, name garbled or errors in check" "$WORK/new-check.log"
fi

# 4. serve: an edit seen from the Linux side.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site "$WORK/serve"
(cd "$WORK/serve" && exec wine "$EXE" serve --port "$port" >"$WORK/serve.log" 2>&1) &
SERVER=$!
url=http://127.0.0.1:$port/dien-hinh/guong-dien-hinh/dang-thi-anh/
up=0
for _ in $(seq 120); do
  if curl -fs "$url" -o "$WORK/before.html"; then up=1; break; fi
  sleep 0.5
done
word="đã-sửa-dưới-Wine-$$"
seen=0
if [ $up = 1 ]; then
  printf '\n%s\n' "$word" >>"$WORK/serve/content/guong-dien-hinh/dang-thi-anh/index.md"
  for _ in $(seq 60); do
    if curl -fs "$url" | grep -q "$word"; then seen=1; break; fi
    sleep 0.5
  done
fi
if [ $seen = 1 ] && ! grep -q "$word" "$WORK/before.html"; then
  pass "serve: $url served, a content edit seen after the rebuild"
else
  fail "serve: page up: $up, edit seen: $seen" "$WORK/serve.log"
fi

echo
echo "windows-check summary ($EXE):"
printf '  %s\n' "${RESULTS[@]}"
failed=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^FAIL')
echo "$(( ${#RESULTS[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
