#!/usr/bin/env bash
# The image benchmark of issues 4 and 26, in one run on one machine:
#   1. cold: tonvinh's image stage (empty cache) against libvips' vipsthumbnail making
#      the same three widths of the same 200 synthetic 2400x3000 JPEG portraits, each
#      as JPEG and as WebP at the same quality, two processes at a time (2 cores);
#   2. warm: a full build with those 200 photos (nothing changed, cache full) against
#      the same site without photos;
#   3. peak memory (maximum resident set size) of the cold build;
#   4. WebP bytes against JPEG bytes at the site's quality, on the demo site's photos.
#
# Needs: python3 with Pillow (pip install Pillow), libvips-tools, time and bc
# (apt-get install -y libvips-tools time bc), and gen_site.py from the shared
# benchmark folder (GEN_SITE=path, default ../shared/bench/gen_site.py beside the repo).
#
#   bench/images.sh [OUT]        # OUT defaults to bench/out (git-ignored)
#
# Generating the two sites takes about 70 s the first time; they are kept in OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/bench/out}
GEN=${GEN_SITE:-$ROOT/../shared/bench/gen_site.py}
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_site.py
PROFILES=200
WIDTHS="480 960 1600"
QUALITY=82
# libwebp's effort: tonvinh's (src/images/encode.rs) and vips' own default.
VIPS_WEBP_EFFORT=${VIPS_WEBP_EFFORT:-4}

for tool in python3 vipsthumbnail bc /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (see the header of $0)" >&2; exit 1; }
done

cargo build --profile dist --quiet --manifest-path "$ROOT/Cargo.toml"
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/dist/tonvinh

mkdir -p "$OUT"
PHOTOS=$OUT/site-photos
PLAIN=$OUT/site-plain
[ -d "$PHOTOS" ] || python3 "$GEN" --engine tonvinh --profiles $PROFILES --images $PROFILES "$PHOTOS"
[ -d "$PLAIN" ] || python3 "$GEN" --engine tonvinh --profiles $PROFILES "$PLAIN"
mapfile -t SOURCES < <(find "$PHOTOS/content" -name chan-dung.jpg | sort)
echo "== ${#SOURCES[@]} portraits, $(du -ch "${SOURCES[@]}" | tail -1 | cut -f1) in all; widths $WIDTHS; quality $QUALITY"
echo "== $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(vipsthumbnail --version)"

# Warm the page cache, so neither side pays for the first read from disk.
cat "${SOURCES[@]}" >/dev/null

echo
echo "== 1. cold: vipsthumbnail, 3 widths x 2 formats x ${#SOURCES[@]} files: for each width and"
echo "   format, two vipsthumbnail processes of half the files each (one process start per"
echo "   100 files; shrink-on-load decodes only what each width needs); WebP effort $VIPS_WEBP_EFFORT"
VIPS_OUT=$OUT/vips
rm -rf "$VIPS_OUT" && mkdir -p "$VIPS_OUT"
half=$(( (${#SOURCES[@]} + 1) / 2 ))
# vipsthumbnail names outputs after the inputs (%s): link each portrait under a name
# of its own first.
LINKS=$OUT/vips-in
rm -rf "$LINKS" && mkdir -p "$LINKS"
for f in "${SOURCES[@]}"; do ln -s "$f" "$LINKS/$(basename "$(dirname "$f")").jpg"; done
mapfile -t NAMED < <(find "$LINKS" -name '*.jpg' | sort)
start=$(date +%s.%N)
for w in $WIDTHS; do
    for fmt in "jpg[Q=$QUALITY,strip]" "webp[Q=$QUALITY,effort=$VIPS_WEBP_EFFORT,strip]"; do
        vipsthumbnail "${NAMED[@]:0:$half}" --size "${w}x" -o "$VIPS_OUT/%s-$w.$fmt" &
        vipsthumbnail "${NAMED[@]:$half}" --size "${w}x" -o "$VIPS_OUT/%s-$w.$fmt" &
        wait
    done
done
vips_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "vipsthumbnail: ${vips_s} s, $(ls "$VIPS_OUT" | wc -l) files"

echo
echo "== 1+3. cold: tonvinh build, empty cache (the image stage is timed inside the build)"
rm -rf "$PHOTOS/.tonvinh-cache" "$PHOTOS/public"
/usr/bin/time -v "$BIN" build --root "$PHOTOS" 2>"$OUT/cold.txt" || { cat "$OUT/cold.txt"; exit 1; }
grep -E '^(Built|Đã dựng)' "$OUT/cold.txt"
stage_s=$(grep -oE '\(([0-9.]+) s\)' "$OUT/cold.txt" | head -1 | tr -d '()s ')
grep -E 'Maximum resident|Elapsed \(wall' "$OUT/cold.txt"
echo "tonvinh image stage: ${stage_s} s = $(echo "scale=2; $stage_s / $vips_s" | bc)x vipsthumbnail (bar: 0.5x)"
echo "outputs: $(ls "$PHOTOS/public/anh" | wc -l) files (3 widths x JPEG and WebP + Open Graph crop each)"
echo "load: $(uptime | sed 's/.*load/load/')"

echo
echo "== 2. warm: full build with ${#SOURCES[@]} photos (cache full) vs the same site without photos"
echo "   (30 runs each, alternating, so that a change in the machine's load hits both alike)"
cat > "$OUT/warm.py" <<'PY'
import resource, statistics, subprocess, sys, time
binary, photos, plain = sys.argv[1:]
names = {photos: "with photos (warm cache)", plain: "without photos"}
wall = {photos: [], plain: []}
cpu = {photos: [], plain: []}
def build(site):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([binary, "build", "--root", site], capture_output=True, check=True)
    wall[site].append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu[site].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
for _ in range(3):
    for site in (photos, plain):
        build(site)
wall = {photos: [], plain: []}
cpu = {photos: [], plain: []}
for i in range(30):
    for site in (photos, plain) if i % 2 == 0 else (plain, photos):
        build(site)
ms = lambda xs: f"{statistics.median(xs) * 1000:.0f} ms"
for site in (photos, plain):
    print(f"{names[site]:>26}: wall median {ms(wall[site])} (min {min(wall[site]) * 1000:.0f}, "
          f"max {max(wall[site]) * 1000:.0f}), CPU median {ms(cpu[site])}")
ratio = statistics.median(wall[photos]) / statistics.median(wall[plain])
cpu_ratio = statistics.median(cpu[photos]) / statistics.median(cpu[plain])
print(f"with photos / without: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (bar: 1.15x)")
PY
echo "-- on disk (what a user waits for; file system calls dominate, and vary with the machine's load)"
python3 "$OUT/warm.py" "$BIN" "$PHOTOS" "$PLAIN"
"$BIN" build --root "$PHOTOS" 2>&1 | tail -1
if [ -d /dev/shm ]; then
    echo "-- on tmpfs (/dev/shm: sources, cache and output in memory, tonvinh's own work)"
    SHM=$(mktemp -d /dev/shm/tonvinh-bench.XXXXXX)
    trap 'rm -rf "$SHM"' EXIT
    cp -r "$PHOTOS" "$PLAIN" "$SHM/"
    python3 "$OUT/warm.py" "$BIN" "$SHM/$(basename "$PHOTOS")" "$SHM/$(basename "$PLAIN")"
fi

echo
echo "== 4. WebP bytes against JPEG bytes at quality $QUALITY, the demo site's photos"
DEMO=$OUT/demo
rm -rf "$DEMO" && mkdir -p "$DEMO"
cp -r "$ROOT/site.toml" "$ROOT/content" "$DEMO/"
"$BIN" build --root "$DEMO" >/dev/null 2>&1
python3 - "$DEMO/public/anh" <<'PY'
import os, sys
d = sys.argv[1]
jpeg = webp = 0
for name in os.listdir(d):
    key, ext = name.rsplit(".", 1)
    if key.endswith("-og"):
        continue
    size = os.path.getsize(os.path.join(d, name))
    twin = os.path.join(d, key + (".webp" if ext == "jpg" else ".jpg"))
    if not os.path.exists(twin):
        continue
    if ext == "jpg":
        jpeg += size
    else:
        webp += size
n = sum(1 for f in os.listdir(d) if f.endswith(".webp"))
print(f"{n} widths: JPEG {jpeg / 1024:.0f} KiB, WebP {webp / 1024:.0f} KiB = {webp / jpeg:.2f}x the JPEG bytes")
PY
echo "load: $(uptime | sed 's/.*load/load/')"
