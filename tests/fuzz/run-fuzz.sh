#!/usr/bin/env bash
# Builds the hall-hub input fuzzer with Debian's clang (libFuzzer + ASan + UBSan) and runs it.
#   bash tests/fuzz/run-fuzz.sh [SECONDS] [extra libFuzzer flags]   (default 25 s)
# Longer by hand: bash tests/fuzz/run-fuzz.sh 3600 -jobs=2 -workers=2
# The corpus grows in build/fuzz/corpus (seeded from tests/fuzz/seeds); a crash is written
# to build/fuzz/crash-* and the script exits non-zero.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-25}"
shift || true
out="${HALL_FUZZ_DIR:-$src/build/fuzz}"
mkdir -p "$out/obj" "$out/corpus"
CXX="${CLANGXX:-clang++}"
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -I"$src/base" -I"$src/kiosk" -I"$src/sync")
# Only what the decoders link against (keeps the CI build short).
sources=("$src/base/common/time.cpp" "$src/kiosk/core/text.cpp" "$src/kiosk/core/feedback.cpp" "$src/kiosk/core/search_query.cpp"
         "$src/sync/protocol/api.cpp" "$src/sync/wire/records.cpp"
         "$src/sync/hub/http_router.cpp" "$src/sync/hub/gzip_body.cpp")
objs=()
for s in "${sources[@]}"; do
  o="$out/obj/$(echo "${s#$src/}" | tr / _).o"
  # Rebuilt only when the source is newer (a header change: delete build/fuzz/obj).
  if [ ! -f "$o" ] || [ "$s" -nt "$o" ]; then "$CXX" "${flags[@]}" -c "$s" -o "$o"; fi
  objs+=("$o")
done
"$CXX" "${flags[@]}" -fsanitize=fuzzer "$src/tests/fuzz/hub_input_fuzz.cpp" "${objs[@]}" -lz -o "$out/hub_input_fuzz"
cd "$out"
exec ./hub_input_fuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
  -artifact_prefix="$out/" -print_final_stats=1 "$@" corpus "$src/tests/fuzz/seeds"
