#!/usr/bin/env bash
# The annex benchmark of issue 25: what reading a decision's annex adds to a build.
# A 1,000-row .xlsx written by openpyxl (units in long and short forms, a merged title
# block) is read and its units matched against 1,000 units, RUNS times in one process
# (bench/annex.rs); the issue asks for under 50 ms per annex. Beside it, in the same
# run, the peer an office script would use: openpyxl reading the same file
# (read-only mode, every cell visited), which does no checking and no matching.
#
# Needs: python3 with openpyxl (pip install openpyxl).
#
#   bench/annex.sh [ROWS] [UNITS] [RUNS]    # defaults 1000 1000 50
#   PROFILE=dev bench/annex.sh              # the debug build (dependencies at
#                                           # opt-level 2), without the release link
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:-1000}
UNITS=${2:-1000}
RUNS=${3:-50}
PROFILE=${PROFILE:-release}
OUT=$ROOT/bench/out/annex-$ROWS-$UNITS

python3 -c "import openpyxl" 2>/dev/null || { echo "missing: openpyxl (pip install openpyxl)" >&2; exit 1; }

if [ "$PROFILE" = dev ]; then
    cargo build --quiet --example annex_bench --manifest-path "$ROOT/Cargo.toml"
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/examples/annex_bench
else
    cargo build --quiet --release --example annex_bench --manifest-path "$ROOT/Cargo.toml"
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/annex_bench
fi

[ -f "$OUT/phu-luc.xlsx" ] || python3 "$ROOT/bench/annex_data.py" "$OUT" "$ROWS" "$UNITS"
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $PROFILE build; $(du -h "$OUT/phu-luc.xlsx" | cut -f1) annex"
echo
echo "== tonvinh: read, check and match ($RUNS runs in one process)"
"$BIN" "$OUT/phu-luc.xlsx" "$OUT/units.tsv" "$RUNS"
echo
echo "== openpyxl $(python3 -c 'import openpyxl; print(openpyxl.__version__)'): load (read-only) and visit every cell ($RUNS runs)"
python3 - "$OUT/phu-luc.xlsx" "$RUNS" <<'EOF'
import statistics, sys, time
import openpyxl
path, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    cells = sum(1 for row in book.active.iter_rows(values_only=True) for _ in row)
    book.close()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"{cells} cells; median {statistics.median(times):.2f} ms (min {times[0]:.2f}, max {times[-1]:.2f})")
EOF
