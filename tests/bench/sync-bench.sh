#!/usr/bin/env bash
# Sync benchmark: seconds to drain a 10,000-record backlog, records/s the hub ingests,
# bytes sent per record. Starts its own hall-hub on a loopback port and stops it.
#   bash tests/bench/sync-bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build/default/tests/sync/sync_bench
[ -x "$bin" ] || { echo "build first: cmake --build build/default --target sync_bench hall-hub" >&2; exit 2; }
exec "$bin" "$@"
