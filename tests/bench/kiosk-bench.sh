#!/usr/bin/env bash
# Kiosk benchmark: the start-up profile (each phase in ms) and first frame with a fresh and
# with an existing data folder (medians of several starts), PSS on Home 10 s after start,
# idle CPU on Home and on the queue board, CPU per frame while typing a guide search, the
# longest frame while the pinyin and handwriting keyboards show new characters, PSS after
# using them and after the idle reset, peak RSS, linked libraries. Runs the real kiosk under
# Xvfb with Mesa's software GL. --quick: 5 s idle periods instead of 30 s.
# KIOSK_BIN=path compares another build (e.g. the one before a change) on the same machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${KIOSK_BIN:-build/default/kiosk/app/hall-kiosk}
[ -x "$bin" ] || { echo "build first: cmake --preset default && cmake --build --preset default" >&2; exit 2; }
if [ -z "${KIOSK_BENCH_IN_XVFB:-}" ]; then
    # One X server for every start, so its own start-up is not counted.
    KIOSK_BENCH_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
starts=${KIOSK_BENCH_STARTS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median of the numbers on stdin.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# Fresh data folders: first boot after install (the store, the content and the atlas are made).
for i in $(seq 1 "$starts"); do
    "$bin" --demo --bench --bench-startup --data-dir "$work/fresh$i" > "$work/fresh$i.txt"
done
# An existing data folder: a normal start.
for i in $(seq 1 "$starts"); do
    "$bin" --demo --bench --bench-startup --data-dir "$work/fresh1" > "$work/existing$i.txt"
done
printf 'first_frame_fresh_ms %s ms\n' "$(cat "$work"/fresh*.txt | awk '$1=="first_frame_ms"{print $2}' | median)"
printf 'first_frame_existing_ms %s ms\n' "$(cat "$work"/existing*.txt | awk '$1=="first_frame_ms"{print $2}' | median)"
# The profile of a normal start, each phase the median over the starts.
for phase in $(awk '$1 ~ /^phase_/ {print $1}' "$work/existing1.txt"); do
    printf '%s %s ms\n' "$phase" "$(cat "$work"/existing*.txt | awk -v p="$phase" '$1==p{print $2}' | median)"
done
for phase in $(awk '$1 ~ /^phase_/ {print $1}' "$work/fresh1.txt"); do
    printf 'fresh_%s %s ms\n' "$phase" "$(cat "$work"/fresh*.txt | awk -v p="$phase" '$1==p{print $2}' | median)"
done
printf 'linked_libraries %s libs\n' "$(ldd "$bin" | grep -c '=>' || true)"

# One full run on the existing data folder.
"$bin" --demo --bench ${1:+"$1"} --data-dir "$work/fresh1" | grep -v "^phase_\|^first_frame_ms"
