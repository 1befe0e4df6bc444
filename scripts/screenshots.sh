#!/usr/bin/env bash
# Screenshots of the demo site for the README: home, a profile, a campaign and an
# honour roll, at 1280×800 (desktop) and 390×844 (phone), into docs/screenshots/.
#   scripts/screenshots.sh        (needs chromium: apt-get install -y chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null || { echo "screenshots: $CHROMIUM not found (apt-get install -y chromium)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
cargo run --release --quiet -- build --out "$tmp/www/dien-hinh" --base-url "http://127.0.0.1:$port/dien-hinh" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/www" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/dien-hinh/" >/dev/null && break; sleep 0.1; done
shoot() { # name path width height
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$tmp/profile" --window-size="$3,$4" \
    --screenshot="docs/screenshots/$1.png" "http://127.0.0.1:$port/dien-hinh/$2" >/dev/null 2>&1
}
profile=$(ls content/guong-dien-hinh | grep -v _index | head -1); profile=${profile%.md}
campaign=$(ls content/phong-trao | grep -v _index | head -1); campaign=${campaign%.md}
year=$(ls "$tmp/www/dien-hinh/nam" | grep -E '^[0-9]{4}$' | sort | tail -1)
for size in "desktop 1280 800" "mobile 390 844"; do
  set -- $size
  shoot "home-$1" "" "$2" "$3"
  shoot "profile-$1" "guong-dien-hinh/${PROFILE:-$profile}/" "$2" "$3"
  shoot "campaign-$1" "phong-trao/${CAMPAIGN:-$campaign}/" "$2" "$3"
  shoot "honour-roll-$1" "nam/$year/" "$2" "$3"
done
ls docs/screenshots
