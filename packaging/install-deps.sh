#!/usr/bin/env bash
# Installs every Debian 12 package Hall Kiosk needs to build, test and run.
# Idempotent: apt-get skips what is already there. Run as root (or with sudo).
set -euo pipefail

packages=(
  # toolchain
  cmake g++ pkg-config git ca-certificates
  # kiosk UI: Dear ImGui 1.86 (SDL2 + OpenGL3 + FreeType parts live in libimgui.a)
  libimgui-dev libstb-dev libsdl2-dev libgl-dev libfreetype-dev
  # CJK fonts: Noto Sans CJK (SC/TC faces), WenQuanYi Micro Hei as fallback
  fonts-noto-cjk fonts-wqy-microhei
  # storage, config, JSON, CLI, logging, QR codes, crypto
  libsqlite3-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev
  libspdlog-dev libfmt-dev libqrencode-dev libsodium-dev
  # sync: libcurl client, libmicrohttpd hub front (GnuTLS), OpenSSL for TLS, PostgreSQL for
  # a province; cpp-httplib only as a test/benchmark client
  libcurl4-openssl-dev libmicrohttpd-dev zlib1g-dev libcpp-httplib-dev libssl-dev libpq-dev libpqxx-dev
  # Chinese input: librime (pinyin) and zinnia (handwriting) with their data
  # (pinyin_simp and luna_pinyin also need rime-data-stroke, rime-prelude's default.yaml and
  # symbols.yaml, and rime-essay; OpenCC gives Traditional handwriting candidates)
  librime-dev librime-bin rime-data-pinyin-simp rime-data-luna-pinyin
  rime-data-stroke rime-prelude rime-essay libopencc-dev
  libzinnia-dev tegaki-zinnia-simplified-chinese
  # tests: Catch2 2.13, a virtual display with Mesa's software GL, PostgreSQL server
  catch2 xvfb xauth libgl1-mesa-dri postgresql
  # packaging checks; the boot test runs the installed unit's cage (which needs Xwayland)
  # headless and screenshots it with grim
  lintian dpkg-dev fakeroot file cage xwayland grim
  # hall-hub's console: Chart.js for its pages; Debian's Chromium for its browser tests
  libjs-chart.js chromium
  # hall-hub's fuzz target (tests/fuzz, label abuse): clang with libFuzzer
  clang libclang-rt-14-dev
)
# The console's browser tests install playwright-core with npm (tests/console); a Node.js
# that brings its own npm (e.g. NodeSource's) is fine as it is.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
