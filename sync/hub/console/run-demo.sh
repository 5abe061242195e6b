#!/usr/bin/env bash
# Installs what is needed, builds hall-hub and serves the centre's console on a demo province:
# 6 halls, 12 kiosks, a year of feedback (satisfaction above 99 %, the 差评 handled, some
# overdue), in ./hall-hub-demo/hub.db (kept between runs; delete the folder for a fresh one).
# Prints the console URL and the demo logins. Extra arguments go to `hall-hub demo`
# (e.g. --records 200000 --halls 20).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bash packaging/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc 2>/dev/null || echo 2)" --target hall-hub
mkdir -p hall-hub-demo
exec build/default/sync/hub/hall-hub --db hall-hub-demo/hub.db --listen "${HALL_HUB_LISTEN:-127.0.0.1:8080}" demo "$@"
