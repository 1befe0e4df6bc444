#!/usr/bin/env bash
# What link-time optimisation buys: compile time from a cold target folder and build
# times of the synthetic sites, for each way of building the release binary.
#
#   bench/lto.sh compile [VARIANT...]   cold builds, one fresh CARGO_TARGET_DIR each
#   bench/lto.sh run [SIZES...]         site builds with the binaries made by `compile`
#   ROUNDS=7 bench/lto.sh run 1000 10000
#
# A variant is a profile of Cargo.toml as it stands, `dist` or `release`, or
# LTO-CODEGEN_UNITS: fat-1, thin-16, off-16 (lto = false), thin-1, off-1 …, which
# override the release profile through Cargo's environment (CARGO_PROFILE_RELEASE_LTO,
# CARGO_PROFILE_RELEASE_CODEGEN_UNITS) and keep its package settings (dependencies in
# one unit, the cold ones unoptimised). Default: dist release.
# The registry stays warm (sources downloaded once), the target folder is new each
# time, as on a fresh clone.
#
# `compile` appends to bench/out/lto/compile.tsv: variant, wall, user, system CPU
# seconds and the load average before the build. `run` builds each site with each
# binary in rounds (each binary once a round, in a turning order, so that the
# machine's drift falls on all alike), output in memory (/dev/shm: the disk's noise
# is not what LTO changes), and prints medians of wall, user and system time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out/lto
GEN=${GEN:-$ROOT/../shared/bench/gen_site.py}
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_site.py
mkdir -p "$OUT"
[ -x /usr/bin/time ] || { echo "lto: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }

load() { cut -d' ' -f1-3 /proc/loadavg; }

compile() {
  local variants=("$@")
  [ ${#variants[@]} -gt 0 ] || variants=(dist release)
  cargo fetch --locked --quiet # warm registry: downloads are not compile time
  for v in "${variants[@]}"; do
    local profile=release env=() target=$OUT/target-$v
    case $v in
      dist | release) profile=$v ;;
      *)
        local lto=${v%-*}
        [ "$lto" = off ] && lto=false
        env=(CARGO_PROFILE_RELEASE_LTO="$lto" CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${v#*-}")
        ;;
    esac
    rm -rf "$target"
    local before
    before=$(load)
    echo "lto: compiling $v (load $before)" >&2
    env CARGO_TARGET_DIR="$target" "${env[@]}" \
      /usr/bin/time -f "%e %U %S" -o "$OUT/time" \
      nice -n 10 cargo build --profile "$profile" --locked --quiet
    read -r wall user sys < "$OUT/time"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$wall" "$user" "$sys" "$before" "$(date +%H:%M)" \
      | tee -a "$OUT/compile.tsv"
    cp "$target/$profile/tonvinh" "$OUT/tonvinh-$v"
    rm -rf "$target"
  done
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

run() {
  local sizes=("$@") rounds=${ROUNDS:-7}
  [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
  local bins=()
  for b in "$OUT"/tonvinh-*; do [ -x "$b" ] && bins+=("$b"); done
  [ ${#bins[@]} -gt 0 ] || { echo "lto: no binaries: run \`bench/lto.sh compile\` first" >&2; exit 2; }
  local mem=/dev/shm/tonvinh-lto
  for n in "${sizes[@]}"; do
    local site=$OUT/site-$n
    [ -d "$site" ] || python3 "$GEN" --engine tonvinh --profiles "$n" "$site" >/dev/null
    : > "$OUT/run-$n.tsv"
    echo "lto: $n profiles, $rounds rounds (load $(load))" >&2
    for ((r = 0; r < rounds; r++)); do
      for ((i = 0; i < ${#bins[@]}; i++)); do
        local bin=${bins[(i + r) % ${#bins[@]}]}
        rm -rf "$mem"
        (cd "$site" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" \
          "$bin" build --out "$mem" --base-url http://127.0.0.1/ >/dev/null)
        echo "${bin##*/tonvinh-} $(cat "$OUT/time")" >> "$OUT/run-$n.tsv"
      done
    done
    rm -rf "$mem"
    printf '%-10s %8s %10s %8s %8s %9s\n' variant profiles "wall s" "user s" "sys s" "RSS MiB"
    for b in "${bins[@]}"; do
      local v=${b##*/tonvinh-}
      local rows
      rows=$(awk -v v="$v" '$1 == v' "$OUT/run-$n.tsv")
      printf '%-10s %8s %10.3f %8.2f %8.2f %9.0f\n' "$v" "$n" \
        "$(cut -d' ' -f2 <<<"$rows" | median)" "$(cut -d' ' -f3 <<<"$rows" | median)" \
        "$(cut -d' ' -f4 <<<"$rows" | median)" "$(($(cut -d' ' -f5 <<<"$rows" | median | cut -d. -f1) / 1024))"
    done
  done
}

case ${1:-} in
  compile) shift; compile "$@" ;;
  run) shift; run "$@" ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
