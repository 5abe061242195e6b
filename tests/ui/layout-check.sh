#!/usr/bin/env bash
# The layout check at one panel size: every screen of the screenshot tour, headless, in each
# language, with and without large text (hall-kiosk --check-layout: overlapping targets,
# targets off screen or under 60 dp, text outside its panel or under 18 dp); then the tour's
# screenshots at that size under Xvfb (checked again on the GL platform), kept as artefacts.
# On the demo hall the headless tour goes on into manager mode (every tab, a record, a panel).
# Usage: tests/ui/layout-check.sh HALL_KIOSK SIZE OUT_DIR [--no-screenshots]
#   e.g. ... 1080x1920 build/test-artifacts/layout   (--no-screenshots: the headless checks only)
set -uo pipefail

kiosk=${1:?usage: layout-check.sh HALL_KIOSK SIZE OUT_DIR}
size=${2:?size like 1920x1080}
out=${3:?output folder}/$size
screenshots=yes
[ "${4:-}" = "--no-screenshots" ] && screenshots=no
# The panels these sizes come on in halls, as their EDID reports them (DPI).
case "$size" in
1920x1080 | 1080x1920) dpi=102.5 ;;  # 21.5"
1366x768) dpi=100.5 ;;               # 15.6"
1280x1024) dpi=96.4 ;;               # 17"
3840x2160) dpi=137.7 ;;              # 32" signage
*) dpi=0 ;;                          # unknown: 1 px per dp
esac
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/hall-layout.XXXXXX")
trap 'rm -rf "$work"' EXIT

failed=0
for lang in zh-Hans zh-Hant en; do
    for large in "" --large-text; do
        name="$lang${large:+-large}"
        timeout 120 "$kiosk" --headless --check-layout --size "$size" --dpi "$dpi" --lang "$lang" $large --data-dir "$work/$name" \
            >"$out/check-$name.txt" 2>&1
        rc=$?
        tail -1 "$out/check-$name.txt"
        if [ $rc -ne 0 ]; then
            failed=1
            grep -v '^layout check' "$out/check-$name.txt" | head -40
        fi
    done
done

# Screenshots under Xvfb at this size (skipped without xvfb-run).
if [ $screenshots = no ]; then
    echo "skip - screenshots: --no-screenshots"
elif command -v xvfb-run >/dev/null; then
    timeout 300 xvfb-run -a -s "-screen 0 ${size}x24" "$kiosk" --screenshots "$out/screenshots" --size "$size" --dpi "$dpi" --check-layout \
        --data-dir "$work/shots" >"$out/screenshots.txt" 2>&1
    rc=$?
    tail -1 "$out/screenshots.txt"
    if [ $rc -ne 0 ]; then
        failed=1
        grep -v ': ok ' "$out/screenshots.txt" | head -40
    fi
    shots=$(ls "$out"/screenshots/*.png 2>/dev/null | wc -l)
    [ "$shots" -ge 17 ] || { echo "FAIL: $shots screenshots in $out/screenshots (want 17)"; failed=1; }
else
    echo "skip - screenshots: no xvfb-run"
fi
[ $failed -eq 0 ] && echo "PASS: layout at $size" || echo "FAIL: layout at $size (details in $out)"
exit $failed
