#!/usr/bin/env bash
# CPU work of full builds by two or more tonvinh binaries on one site, measured in
# ways a loaded machine does not change much: instructions counted by callgrind (one
# rendering thread) and the median user+sys CPU time of several builds, the binaries
# taking turns. For comparing two builds of tonvinh (a dependency, a patch, a
# profile), not tonvinh against its peers (that is run.sh).
#
#   bench/cpu.sh SITE BIN [BIN...]
#   RUNS=9 bench/cpu.sh /work/sites/site-1000 /tmp/tonvinh-a target/dist/tonvinh
#   CALLGRIND=0 bench/cpu.sh …      CPU times only (callgrind takes minutes at 10,000)
#   TIMINGS=1 bench/cpu.sh …        also print each binary's `--timings` of its last run
#
# Every build writes into a new, empty folder under $OUT (default /dev/shm/tonvinh-cpu,
# memory: no disk in the figures), deleted after it. Each binary gets its own template
# cache folder, warmed by a first build that is not counted: what repeated builds see.
# Needs valgrind for the instruction counts and GNU time (`apt-get install -y valgrind
# time`).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,17p' "$0"; exit 2; }
SITE=$(cd "$1" && pwd); shift
BINS=()
for b in "$@"; do BINS+=("$(realpath "$b")"); done
RUNS=${RUNS:-7}
OUT=${OUT:-/dev/shm/tonvinh-cpu}
mkdir -p "$OUT"
cd "$SITE"

# One build by binary $1 (index $2) into a fresh folder; prints user+sys seconds.
build() {
  local dir="$OUT/run-$2"
  rm -rf "$dir"
  TONVINH_CACHE_DIR="$OUT/cache-$2" /usr/bin/time -f '%U %S' -o "$OUT/time-$2" \
    "$1" build --full --out "$dir" >/dev/null 2>&1
  rm -rf "$dir"
  awk '{ printf "%.3f\n", $1 + $2 }' "$OUT/time-$2"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "site: $SITE  runs: $RUNS  load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!BINS[@]}"; do build "${BINS[$i]}" "$i" >/dev/null; done   # warm-up
for i in "${!BINS[@]}"; do : >"$OUT/cpu-$i"; done
for _ in $(seq "$RUNS"); do
  for i in "${!BINS[@]}"; do build "${BINS[$i]}" "$i" >>"$OUT/cpu-$i"; done
done
for i in "${!BINS[@]}"; do
  printf '%-50s cpu median %ss (user+sys; min %s, max %s)\n' "${BINS[$i]}" \
    "$(median <"$OUT/cpu-$i")" "$(sort -n "$OUT/cpu-$i" | head -1)" "$(sort -n "$OUT/cpu-$i" | tail -1)"
done

if [ "${CALLGRIND:-1}" != 0 ]; then
  command -v valgrind >/dev/null || { echo "bench: valgrind is missing" >&2; exit 2; }
  for i in "${!BINS[@]}"; do
    dir="$OUT/run-$i"; rm -rf "$dir"
    RAYON_NUM_THREADS=1 TONVINH_CACHE_DIR="$OUT/cache-$i" valgrind --tool=callgrind \
      --callgrind-out-file="$OUT/callgrind-$i.out" "${BINS[$i]}" build --full --out "$dir" \
      >/dev/null 2>"$OUT/callgrind-$i.log"
    rm -rf "$dir"
    printf '%-50s instructions %s\n' "${BINS[$i]}" \
      "$(grep -o 'refs: *[0-9,]*' "$OUT/callgrind-$i.log" | tr -dc 0-9)"
  done
  echo "per function: callgrind_annotate $OUT/callgrind-N.out | head -40"
fi

if [ "${TIMINGS:-0}" != 0 ]; then
  for i in "${!BINS[@]}"; do
    echo "== ${BINS[$i]} --timings"
    dir="$OUT/run-$i"; rm -rf "$dir"
    TONVINH_CACHE_DIR="$OUT/cache-$i" "${BINS[$i]}" build --full --timings --out "$dir" 2>&1 | sed -n '/^  content /,$p'
    rm -rf "$dir"
  done
fi
