#!/usr/bin/env bash
# Installs what is needed, builds, and starts the kiosk on the demo hall: embedded defaults,
# no server, data in ./hall-data. Extra arguments go to hall-kiosk (e.g. --windowed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc 2>/dev/null || echo 2)" --target hall-kiosk
exec build/default/kiosk/app/hall-kiosk --demo "$@"
