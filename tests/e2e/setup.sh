#!/usr/bin/env bash
# Installs what the end-to-end search test needs, idempotently and quietly:
# Debian's Chromium (/usr/bin/chromium) and Node.js, and playwright-core from npm into
# a cache folder (never a browser of its own: playwright-core downloads none).
#
#   tests/e2e/setup.sh            # then: cargo test
#   TONVINH_E2E_DIR=/some/dir tests/e2e/setup.sh
set -euo pipefail
DIR=${TONVINH_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tonvinh-e2e}
PLAYWRIGHT=1.65.1

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "e2e setup: please install ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

installed=$(node -p "try { require('$DIR/node_modules/playwright-core/package.json').version } catch (e) { '' }" 2>/dev/null || true)
if [ "$installed" != "$PLAYWRIGHT" ]; then
  mkdir -p "$DIR"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$DIR" --no-audit --no-fund --silent \
    "playwright-core@$PLAYWRIGHT" >/dev/null
fi
