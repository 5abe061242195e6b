#!/usr/bin/env bash
# Installs playwright-core from the committed lockfile (npm ci; no browser download: the test
# drives Debian's /usr/bin/chromium) and runs the console's browser test.
#   run-browser-test.sh HALL_HUB_BINARY SCREENSHOT_DIR [TEST.mjs [ARGS...]]  (default console.test.mjs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
hub="$1"
out="$2"
[ -x /usr/bin/chromium ] || { echo "console_browser: /usr/bin/chromium missing (packaging/install-deps.sh installs it)"; exit 1; }
cd "$here"
# npm ci only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.installed-lock.json; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock.json
fi
test="${3:-console.test.mjs}"
exec node "$test" --hub "$hub" --out "$out" "${@:4}"
