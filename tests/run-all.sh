#!/usr/bin/env bash
# Every test, as CI runs them: install what is needed, build, run the whole suite, then
# build again with AddressSanitizer + UBSan and run the suite under them.
#   bash tests/run-all.sh            # everything
#   bash tests/run-all.sh --no-asan  # skip the sanitizer pass (quicker, local use)
set -euo pipefail
cd "$(dirname "$0")/.."
asan=1
[ "${1:-}" = "--no-asan" ] && asan=0
jobs=$(nproc 2>/dev/null || echo 2)

bash packaging/install-deps.sh

echo "== build (RelWithDebInfo)"
cmake --preset default
cmake --build --preset default -j"$jobs"
echo "== tests (RelWithDebInfo)"
ctest --preset default -j1

if [ "$asan" = 1 ]; then
  echo "== build (ASan + UBSan)"
  cmake --preset asan
  cmake --build --preset asan -j"$jobs"
  echo "== tests (ASan + UBSan)"
  # Packaging builds .deb files from the release tree; one run of it is enough.
  ctest --preset asan -j1 -LE packaging
fi
echo "== all tests passed"
