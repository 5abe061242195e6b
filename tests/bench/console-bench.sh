#!/usr/bin/env bash
# hall-hub console API benchmark (issue #17): 1,000,000 records over 50 halls, p50/p95 per
# endpoint, on SQLite (and PostgreSQL with --pg). Prints `name value unit` lines.
#   bash tests/bench/console-bench.sh [--quick] [--pg]     (--quick: 100,000 records)
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset default >/dev/null
cmake --build build/default -j2 --target console_bench >/dev/null
records=1000000
backends=(sqlite)
for a in "$@"; do
  case "$a" in
    --quick) records=100000 ;;
    --pg) backends+=(pg) ;;
    *) echo "usage: $0 [--quick] [--pg]" >&2; exit 2 ;;
  esac
done
for b in "${backends[@]}"; do
  build/default/tests/console/console_bench --records "$records" --halls 50 --backend "$b"
done
