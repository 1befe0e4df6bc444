#!/usr/bin/env bash
# The annex benchmark of issue 25: what reading a decision's annex adds to a build.
# A 1,000-row .xlsx written by openpyxl (units in long and short forms, a merged title
# block) is read and its units matched against 1,000 units, RUNS times in one process
# (bench/annex.rs); the issue asks for under 50 ms per annex. Beside it, in the same
# run, the peer an office script would use: openpyxl reading the same file
# (read-only mode, every cell visited), which does no checking and no matching.
#
# Then what the annex adds to a whole build: the same site (UNITS unit pages and one
# decision) built with `--full`, without and with the annex as the decision's
# recipients_file, side by side in one hyperfine run (BUILD_RUNS runs each). The
# difference includes what the rows add downstream: 1,000 more lines on the decision's
# page, the award's and the year's rolls and the unit pages, the report, search.
#
# Needs: python3 with openpyxl (pip install openpyxl), hyperfine (apt-get install -y
# hyperfine) for the build part.
#
#   bench/annex.sh [ROWS] [UNITS] [RUNS]    # defaults 1000 1000 50
#   PROFILE=dev bench/annex.sh              # the debug build (dependencies at
#                                           # opt-level 2), without the release link
#   BUILD=0 bench/annex.sh                  # the reading part only
#   BUILD_RUNS=40 bench/annex.sh            # default 20
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:-1000}
UNITS=${2:-1000}
RUNS=${3:-50}
PROFILE=${PROFILE:-release}
OUT=$ROOT/bench/out/annex-$ROWS-$UNITS

python3 -c "import openpyxl" 2>/dev/null || { echo "missing: openpyxl (pip install openpyxl)" >&2; exit 1; }

if [ "$PROFILE" = dev ]; then
    cargo build --quiet --bin tonvinh --example annex_bench --manifest-path "$ROOT/Cargo.toml"
    DIR=${CARGO_TARGET_DIR:-$ROOT/target}/debug
else
    cargo build --quiet --release --bin tonvinh --example annex_bench --manifest-path "$ROOT/Cargo.toml"
    DIR=${CARGO_TARGET_DIR:-$ROOT/target}/release
fi
BIN=$DIR/examples/annex_bench
TONVINH=$DIR/tonvinh

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

[ "${BUILD:-1}" = 1 ] || exit 0
command -v hyperfine >/dev/null || { echo "missing: hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }

# One site, its decision without (plain) and with (annex) the annex.
make_site() {
    local site=$1 annex=$2
    rm -rf "$site"
    mkdir -p "$site/content/don-vi" "$site/content/khen-thuong/qd-1000-sgddt-2025"
    printf 'title = "Thử nghiệm phụ lục"\nbase_url = "https://example.edu.vn"\n' >"$site/site.toml"
    printf '+++\ntitle = "Trang chủ"\n+++\n' >"$site/content/_index.md"
    printf '+++\ntype = "units"\ntitle = "Đơn vị"\n+++\n' >"$site/content/don-vi/_index.md"
    printf '+++\ntype = "decisions"\ntitle = "Khen thưởng"\n+++\n' >"$site/content/khen-thuong/_index.md"
    local n=0
    while IFS=$'\t' read -r id name; do
        printf '+++\nname = "%s"\nlevel = "thcs"\ncommune = "xã Thử Nghiệm %d"\n+++\n' "$name" $((n % 50)) >"$site/content/don-vi/$id.md"
        n=$((n + 1))
    done <"$OUT/units.tsv"
    local decision=$site/content/khen-thuong/qd-1000-sgddt-2025/index.md
    printf '+++\nnumber = "1000/QĐ-SGDĐT"\ntitle = "Về việc tặng danh hiệu Lao động tiên tiến"\ndate = 2025-08-15\nissuer = "Sở Giáo dục và Đào tạo"\n' >"$decision"
    if [ "$annex" = 1 ]; then
        cp "$OUT/phu-luc.xlsx" "$site/content/khen-thuong/qd-1000-sgddt-2025/"
        printf 'recipients_file = "phu-luc.xlsx"\naward = "lao-dong-tien-tien"\n' >>"$decision"
    fi
    printf '+++\nDanh sách kèm theo.\n' >>"$decision"
    "$TONVINH" check --root "$site" >/dev/null
}
make_site "$OUT/site-plain" 0
make_site "$OUT/site-annex" 1
echo
echo "== a whole build (--full) of $UNITS unit pages and one decision, without and with the $ROWS-row annex"
# The outputs go to memory (BUILD_OUT, default /dev/shm): on this machine's disk,
# writing 1,100 files after deleting as many costs up to a millisecond a file and
# varies by hundreds of milliseconds from run to run (see bench/run.sh), which would
# hide the few milliseconds measured here.
BUILD_OUT=${BUILD_OUT:-/dev/shm/tonvinh-annex-bench}
mkdir -p "$BUILD_OUT"
hyperfine --style basic --warmup 2 --runs "${BUILD_RUNS:-20}" -N \
    -n "without the annex" "$TONVINH build --full --root $OUT/site-plain --out $BUILD_OUT/plain" \
    -n "with the annex" "$TONVINH build --full --root $OUT/site-annex --out $BUILD_OUT/annex"
rm -rf "$BUILD_OUT"
