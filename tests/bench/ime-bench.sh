#!/usr/bin/env bash
# Chinese input benchmark (issue 5): rime cold/warm start, key-to-candidates latency,
# handwriting recognition latency, font atlas rebuild per new candidate page.
# --quick: a few rounds (well under a minute). Not a ctest test.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build build/default --target ime_bench >/dev/null
exec build/default/tests/ime/ime_bench ${1:+"$1"}
