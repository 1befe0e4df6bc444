#!/usr/bin/env bash
# Search at scale: builds the synthetic site of N profiles (default 10,000) with the
# release binary, reports the size of the search index (raw and gzipped: the whole
# index, the manifest, and what the benchmark's queries fetched), then types queries
# into /tim-kiem/ in headless Chromium (tests/e2e/search.cjs) and prints the time to
# results. Needs Chromium and Node.js (as the browser tests do).
#
#   bench/search.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GEN=${GEN:-$ROOT/../shared/bench/gen_site.py}
N=${1:-10000}
OUT=$ROOT/bench/out
SITE=$OUT/site-tonvinh-$N
mkdir -p "$OUT"

cargo build --profile dist --quiet
# playwright-core for the browser driver: tests/e2e/node_modules (package-lock.json)
# where the repository pins it there, else tests/e2e/setup.sh's cache folder.
if [ -f "$ROOT/tests/e2e/package.json" ]; then
  [ -d "$ROOT/tests/e2e/node_modules/playwright-core" ] ||
    npm ci --prefix "$ROOT/tests/e2e" --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
  export TONVINH_E2E_DIR=${TONVINH_E2E_DIR:-$ROOT/tests/e2e}
else
  "$ROOT/tests/e2e/setup.sh"
fi
[ -d "$SITE" ] || python3 "$GEN" --engine tonvinh --profiles "$N" "$SITE" >/dev/null
rm -rf "$SITE/out"
/usr/bin/time -f "build: %e s wall, %M KiB peak RSS" "${CARGO_TARGET_DIR:-$ROOT/target}/dist/tonvinh" build --root "$SITE" --out "$SITE/out" --base-url http://127.0.0.1/ 2>&1 | tail -2

PUBLIC=$SITE/out
python3 - "$PUBLIC" <<'PY'
import gzip, os, sys
root = sys.argv[1]
def size(paths):
    raw = gz = 0
    for p in paths:
        b = open(p, "rb").read()
        raw += len(b)
        gz += len(gzip.compress(b, 6))
    return raw, gz
files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "search-index")) for f in fs]
groups = {"t": [], "b": [], "d": []}
for f in files:
    groups[os.path.basename(os.path.dirname(f))].append(f)
rows = [("manifest (search-index.json)", [os.path.join(root, "search-index.json")])]
rows += [("names, titles, labels, summaries (t/)", groups["t"]), ("body text (b/)", groups["b"]),
         ("result data (d/)", groups["d"])]
rows += [("whole index", files + [os.path.join(root, "search-index.json")])]
print("| part | files | raw | gzipped | largest file gzipped |")
print("|---|---:|---:|---:|---:|")
for name, paths in rows:
    raw, gz = size(paths)
    largest = max((size([p])[1] for p in paths), default=0)
    print(f"| {name} | {len(paths):,} | {raw/1024:,.0f} KiB | {gz/1024:,.0f} KiB | {largest/1024:,.1f} KiB |")
PY

# Queries typed one key every 50 ms into a fresh page, and again into a warm page.
STEPS='[
 {"q":"nguyen thi hoa","fresh":true,"delay":50},
 {"q":"Nguyễn Thị Hoa","delay":50},
 {"q":"bach long vi","fresh":true,"delay":50},
 {"q":"tran van","fresh":true,"delay":50},
 {"q":"le thi","delay":50},
 {"q":"chien si thi dua","fresh":true,"delay":50},
 {"q":"truong thcs","delay":50},
 {"q":"hải đảo","delay":50},
 {"q":"sang kien","fresh":true,"delay":50},
 {"q":"hoa","kind":"profile","year":"2024","delay":50}
]'
node tests/e2e/search.cjs "$PUBLIC" "" "$STEPS" > "$OUT/search-bench.json"
python3 - "$OUT/search-bench.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
print()
print("| query | page | results | 2nd key → first results | last key → final results | script |")
print("|---|---|---:|---:|---:|---:|")
for s in run["steps"]:
    st = s["step"]
    q = st["q"] + (f" (type {st['kind']}, {st['year']})" if st.get("kind") else "")
    n = s["status"].split(" ")[0]
    f = lambda v: "–" if v is None else f"{v:.0f} ms"
    print(f"| {q} | {'fresh' if st.get('fresh') else 'warm'} | {n} | {f(s['first_ms'])} | {f(s['last_ms'])} | {f(s['script_ms'])} |")
print()
print("requests outside the site:", len(run["external"]), "; page errors:", len(run["errors"]))
PY
