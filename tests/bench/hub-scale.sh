#!/usr/bin/env bash
# Province-scale hall-hub benchmark (issue #9): ingest with 1/2/3 hubs on PostgreSQL and one
# on SQLite, then 1,000 simulated kiosks. Prints `name value unit` lines.
#   bash tests/bench/hub-scale.sh [--quick]      (--quick: under a minute)
# Needs Debian's postgresql (packaging/install-deps.sh); runs PostgreSQL as `nobody` when root.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset default >/dev/null
cmake --build build/default -j2 --target hub_scale_bench hall-hub >/dev/null
exec build/default/tests/pg/hub_scale_bench "$@"
