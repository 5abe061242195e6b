#!/usr/bin/env bash
# Every test, as CI runs them: install what is needed, build, run the whole suite, then
# build again with AddressSanitizer + UBSan (LeakSanitizer on: tests/lsan.supp) and run the
# suite under them. Both builds treat warnings as errors (HALL_WERROR).
#   bash tests/run-all.sh            # everything
#   bash tests/run-all.sh --no-asan  # skip the sanitizer pass (quicker, local use)
set -euo pipefail
cd "$(dirname "$0")/.."
asan=1
[ "${1:-}" = "--no-asan" ] && asan=0
jobs=$(nproc 2>/dev/null || echo 2)

bash packaging/install-deps.sh

echo "== build (RelWithDebInfo)"
cmake --preset default -DHALL_WERROR=ON
cmake --build --preset default -j"$jobs"
echo "== tests (RelWithDebInfo)"
ctest --preset default -j1

if [ "$asan" = 1 ]; then
  echo "== build (ASan + UBSan)"
  cmake --preset asan -DHALL_WERROR=ON
  cmake --build --preset asan -j"$jobs"
  echo "== tests (ASan + UBSan)"
  # What the sanitizer pass leaves to the default pass, because it would run the same code
  # again (CI has 45 minutes; this pass was most of them):
  #  - packaging: builds .deb files from the release tree; one run of it is enough.
  #  - hub_input_fuzz: built by its own script with clang, ASan and UBSan whatever the preset,
  #    so the default pass already runs exactly this binary (25 s plus its build).
  #  - ui.layout at 1920x1080, 1366x768, 1280x1024 and 3840x2160: the layout check is geometry
  #    (~40 s each under ASan). The landscape code paths are the ones ui_tests and the
  #    screenshot tour run under ASan at 1920x1080 already; 1080x1920 stays, for the portrait
  #    layout's own code. Every size still runs in the default pass.
  #  - LeakSanitizer (the preset turns it on, tests/lsan.supp) checks the suites that pass
  #    clean today: unit, layering, sync, abuse, pg, console. The kiosk-driving suites (ui, ime,
  #    search, manager, durability, guides_browser) still report third-party leaks LSan cannot
  #    name (Mesa drivers and libdbus, dlclosed before exit) and one SQLite allocation in the
  #    watchdog test; they run under ASan and UBSan with leak detection off until those are
  #    suppressed or fixed (issue #12's note).
  skip='^(hub_input_fuzz|ui\.layout\.(1920x1080|1366x768|1280x1024|3840x2160))$'
  ctest --preset asan -j1 -L 'unit|layering|sync|abuse|pg|console' -LE packaging -E "$skip|^guides_browser$"
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/asan -j1 --output-on-failure --timeout 900 -LE 'packaging|unit|layering|sync|abuse|pg|console' -E "$skip"
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/asan -j1 --output-on-failure --timeout 900 -R '^guides_browser$'
fi
echo "== all tests passed"
