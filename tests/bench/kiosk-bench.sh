#!/usr/bin/env bash
# Kiosk benchmark: start-up to first frame, peak RSS, idle CPU on Home and on the queue
# board, CPU per frame while typing a guide search, font atlas size. Runs the real kiosk
# under Xvfb with Mesa's software GL. --quick: 5 s idle periods instead of 30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build/default/kiosk/app/hall-kiosk
[ -x "$bin" ] || { echo "build first: cmake --preset default && cmake --build --preset default" >&2; exit 2; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" --demo --bench ${1:+"$1"} --data-dir "$data"
