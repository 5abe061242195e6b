#!/usr/bin/env bash
# Proves the hall-kiosk package boots a terminal: on this machine (as root, the way CI runs)
#   1. cpack builds the .deb; apt-get installs it with its real Depends (cage, xwayland, ...);
#   2. the installed unit's ExecStart line (read from the unit file, with its Environment=
#      and WorkingDirectory=) runs as the hall-kiosk user under cage's headless backend;
#   3. grim screenshots cage's output and home_screenshot_check says it shows Home;
#   4. everything started is stopped by pid, the package purged, and the hall-kiosk account
#      removed again when this test created it.
# Usage: packaging/test-boot.sh BUILD_DIR   (ctest -L packaging runs it; exit 77 = skipped)
# The screenshot and logs stay in BUILD_DIR/test-artifacts/boot/.
set -euo pipefail

build_dir=${1:?usage: test-boot.sh BUILD_DIR}
build_dir=$(cd "$build_dir" && pwd)
cpack=${CPACK:-cpack}
cmake=${CMAKE:-cmake}
checker=${HOME_CHECK:-$build_dir/tests/packaging/home_screenshot_check}
art="$build_dir/test-artifacts/boot"

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "ok - $*"; }

[ "$(id -u)" -eq 0 ] || skip "installs the package on this machine: run as root (CI does)"
if dpkg-query -W -f='${db:Status-Status}' hall-kiosk 2>/dev/null | grep -qv not-installed; then
    skip "hall-kiosk is already installed here; not touching it"
fi
for tool in "$cmake" "$cpack" apt-get dpkg-deb setpriv setsid grim timeout; do
    command -v "$tool" >/dev/null || fail "$tool not found (packaging/install-deps.sh installs it)"
done
[ -x "$checker" ] || fail "$checker not built (cmake --build ... --target home_screenshot_check)"

rm -rf "$art"
mkdir -p "$art"
work=$(mktemp -d "${TMPDIR:-/tmp}/hall-boot.XXXXXX")
user_existed=
getent passwd hall-kiosk >/dev/null && user_existed=1
session_pid=
installed=
runtime=
cleanup() {
    local rc=$?
    if [ -n "$session_pid" ]; then
        # setsid made the session its own process group: cage, Xwayland and the kiosk.
        kill -TERM -- "-$session_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$session_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$session_pid" 2>/dev/null || true
        wait "$session_pid" 2>/dev/null || true
    fi
    if [ -n "$installed" ]; then
        DEBIAN_FRONTEND=noninteractive timeout 300 apt-get purge -y -qq -o DPkg::Lock::Timeout=120 hall-kiosk \
            >>"$art/apt.log" 2>&1 || echo "WARNING: purging hall-kiosk failed (see $art/apt.log)" >&2
    fi
    if [ -z "$user_existed" ] && getent passwd hall-kiosk >/dev/null; then
        userdel hall-kiosk 2>/dev/null || true
        getent group hall-kiosk >/dev/null && groupdel hall-kiosk 2>/dev/null || true
    fi
    rm -rf "$work" "${runtime:-}"
    exit $rc
}
trap cleanup EXIT

# ---- 1. Build and install ----------------------------------------------------------------
timeout 600 "$cmake" --build "$build_dir" --target hall-kiosk >"$art/build.log" 2>&1 || { cat "$art/build.log" >&2; fail "build"; }
# Only the kiosk's package: the hub need not be built for this test.
timeout 600 "$cpack" --config "$build_dir/CPackConfig.cmake" -D CPACK_COMPONENTS_ALL=kiosk -B "$work/pkg" >"$art/cpack.log" 2>&1 ||
    { cat "$art/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$work"/pkg/hall-kiosk_*_*.deb)
grep -q 'xwayland' <<<"$(dpkg-deb -f "$deb" Depends)" || fail "hall-kiosk does not depend on xwayland"
installed=1
DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 \
    "$deb" >"$art/apt.log" 2>&1 || { cat "$art/apt.log" >&2; fail "apt-get install $(basename "$deb")"; }
[ -x /usr/bin/Xwayland ] || fail "installing hall-kiosk did not bring /usr/bin/Xwayland (Debian's cage needs it)"
getent passwd hall-kiosk >/dev/null || fail "postinst made no hall-kiosk user"
ok "apt-get installed $(basename "$deb") with its Depends; hall-kiosk user and Xwayland present"

# ---- 2. The unit's command line, as the unit's user, under cage's headless backend -------
unit=/lib/systemd/system/hall-kiosk.service
unit_value() { sed -n "s/^$1=//p" "$unit"; }
exec_start=$(unit_value ExecStart)
user=$(unit_value User)
workdir=$(unit_value WorkingDirectory)
[ -n "$exec_start" ] && [ -n "$user" ] || fail "$unit has no ExecStart or User"
if grep -qE '(^| )-s( |$)' <<<"$exec_start"; then fail "ExecStart passes cage -s (VT switching): $exec_start"; fi
read -ra command <<<"$exec_start"
mapfile -t unit_env < <(unit_value Environment)
# The user's own runtime folder (as logind's /run/user/UID), outside $work (root's, 0700).
runtime=$(mktemp -d "${TMPDIR:-/tmp}/hall-boot-runtime.XXXXXX")
chown "$user:" "$runtime"
chmod 0700 "$runtime"
# Mesa's software renderer in the kiosk; wlroots' pixman renderer in cage; no input devices.
(
    cd "$workdir"
    exec setsid setpriv --reuid="$user" --regid="$user" --init-groups -- \
        env -i PATH=/usr/bin:/bin HOME="$workdir" XDG_RUNTIME_DIR="$runtime" "${unit_env[@]}" \
        WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 LIBGL_ALWAYS_SOFTWARE=1 \
        "${command[@]}"
) >"$art/session.log" 2>&1 &
session_pid=$!
ok "started as $user in $workdir: ${command[*]}"

# ---- 3. Screenshot until Home is drawn (bounded) -------------------------------------------
shot="$art/home.png"
looks_home=
for _ in $(seq 60); do
    kill -0 "$session_pid" 2>/dev/null || { cat "$art/session.log" >&2; fail "the session exited"; }
    socket=$(find "$runtime" -maxdepth 1 -name 'wayland-*' -type s -printf '%f\n' 2>/dev/null | head -1)
    if [ -n "$socket" ] &&
        timeout 10 setpriv --reuid="$user" --regid="$user" --init-groups -- \
            env XDG_RUNTIME_DIR="$runtime" WAYLAND_DISPLAY="$socket" grim "$runtime/home.png" >"$art/grim.log" 2>&1 &&
        cp "$runtime/home.png" "$shot" && "$checker" "$shot" >"$art/check.log" 2>&1; then
        looks_home=1
        break
    fi
    sleep 1
done
cat "$art/check.log" 2>/dev/null || true
[ -n "$looks_home" ] || { tail -30 "$art/session.log" >&2; fail "no screenshot of Home within 60 s (see $art)"; }
kill -0 "$session_pid" 2>/dev/null || fail "the session exited after drawing"
grep -q 'running: hall' "$art/session.log" || fail "the kiosk did not log its start: $(tail -5 "$art/session.log")"
ok "grim: cage's output shows Home ($shot)"
echo "PASS: the installed hall-kiosk unit's command starts cage and the kiosk's Home screen"
