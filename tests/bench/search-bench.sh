#!/usr/bin/env bash
# Guide search benchmark (issue 14): 5,000 generated guides with aliases; import time, store
# size, per-keystroke search p50/p99 for Chinese, pinyin, initials and two words.
# --quick: fewer rounds (a few seconds). Not a ctest test.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build build/default --target search_bench >/dev/null
exec build/default/tests/search/search_bench "$@"
