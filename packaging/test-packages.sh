#!/usr/bin/env bash
# Builds the Debian packages from a build tree and proves they work as a hall terminal
# would use them, without touching this machine's system:
#   1. cpack makes hall-kiosk (and hall-hub when built) at revision 1, and again at 2;
#   2. lintian reports no errors; contents, conffiles and Depends are what Debian expects;
#   3. dpkg installs revision 1 into an empty root folder (--root, maintainer scripts run
#      chrootless with DPKG_ROOT set), and the installed binaries start: --version,
#      check-config on the installed config, a headless UI script on the installed assets;
#   4. upgrade: data made with revision 1 and an edited conffile survive installing
#      revision 2, whose postinst migrates the store;
#   5. remove keeps data and config; purge deletes them.
# Usage: packaging/test-packages.sh BUILD_DIR [--keep]   (ctest -L packaging runs it)
# Runs as root or not (dpkg then runs under fakeroot). Every step is bounded in time; the
# temporary folder goes away at exit unless --keep.
set -euo pipefail

build_dir=${1:?usage: test-packages.sh BUILD_DIR [--keep]}
build_dir=$(cd "$build_dir" && pwd)
keep=${2:-}
step_timeout=${HALL_PACKAGING_STEP_TIMEOUT:-300}
# cpack first builds whatever is out of date in the tree (its preinstall step).
cpack_timeout=${HALL_PACKAGING_CPACK_TIMEOUT:-600}

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

cpack=${CPACK:-cpack}
cmake=${CMAKE:-cmake}
for tool in "$cmake" "$cpack" dpkg dpkg-deb dpkg-query lintian timeout; do
    command -v "$tool" >/dev/null || fail "$tool not found (packaging/install-deps.sh installs it)"
done
[ -f "$build_dir/CPackConfig.cmake" ] || fail "$build_dir has no CPackConfig.cmake: configure it first"

work=$(mktemp -d "${TMPDIR:-/tmp}/hall-packages.XXXXXX")
cleanup() {
    if [ "$keep" = "--keep" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# dpkg must own files as root inside the root folder; fakeroot pretends when we are not.
dpkg_as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v fakeroot >/dev/null || fail "not root and no fakeroot to run dpkg under"
    dpkg_as_root=(fakeroot)
fi

# ---- 1. Build the packages -------------------------------------------------------------
# cpack packages what is built: build the packaged programs first. (This also regenerates
# CPackConfig.cmake when a CMakeLists changed.)
build_target() {
    timeout "$cpack_timeout" "$cmake" --build "$build_dir" --target "$1" >>"$work/build.log" 2>&1 ||
        { cat "$work/build.log" >&2; fail "building $1"; }
}
build_target hall-kiosk
if grep -q '^set(CPACK_COMPONENTS_ALL "kiosk;hub")' "$build_dir/CPackConfig.cmake"; then build_target hall-hub; fi
build_packages() {  # release outdir
    if ! HALL_DEB_RELEASE=$1 timeout "$cpack_timeout" "$cpack" --config "$build_dir/CPackConfig.cmake" -B "$2" \
        >"$work/cpack-$1.log" 2>&1; then
        cat "$work/cpack-$1.log" >&2
        fail "cpack (release $1)"
    fi
}
build_packages 1 "$work/pkg1"
build_packages 2 "$work/pkg2"
kiosk_deb=$(ls "$work"/pkg1/hall-kiosk_*_*.deb)
kiosk_deb2=$(ls "$work"/pkg2/hall-kiosk_*_*.deb)
hub_deb=$(ls "$work"/pkg1/hall-hub_*_*.deb 2>/dev/null || true)
version=$(dpkg-deb -f "$kiosk_deb" Version)
version2=$(dpkg-deb -f "$kiosk_deb2" Version)
if [ "${version%-1}" = "$version" ] || [ "$version2" != "${version%-1}-2" ]; then fail "versions $version, $version2"; fi
ok "cpack built $(basename "$kiosk_deb")${hub_deb:+ and $(basename "$hub_deb")}, and revision $version2"

# ---- 2. lintian and the packages' shape --------------------------------------------------
debs=("$kiosk_deb")
[ -z "$hub_deb" ] || debs+=("$hub_deb")
lintian_rc=0
timeout "$step_timeout" lintian --tag-display-limit 0 --fail-on error "${debs[@]}" >"$work/lintian.log" 2>&1 || lintian_rc=$?
grep -v 'running with root privileges' "$work/lintian.log" || true
if grep -q '^E: ' "$work/lintian.log"; then fail "lintian reports errors"; fi
[ "$lintian_rc" -eq 0 ] || fail "lintian exited with $lintian_rc"
ok "lintian: no errors ($(grep -c '^W: ' "$work/lintian.log" || true) warnings)"

contents=$(dpkg-deb -c "$kiosk_deb" | awk '{print $6}')
for path in ./usr/bin/hall-kiosk ./usr/share/hall-kiosk/i18n/zh-Hans.json ./usr/share/hall-kiosk/i18n/en.json \
    ./usr/share/hall-kiosk/content/demo-bundle.json ./usr/share/hall-kiosk/demo-hall.toml \
    ./etc/hall-kiosk/hall.toml ./lib/systemd/system/hall-kiosk.service \
    ./usr/share/doc/hall-kiosk/copyright ./usr/share/doc/hall-kiosk/changelog.Debian.gz; do
    grep -qx "$path" <<<"$contents" || fail "hall-kiosk lacks $path"
done
if grep -q 'tools\|\.py$' <<<"$contents"; then fail "hall-kiosk ships the dev-only bundle generator"; fi
dpkg-deb --ctrl-tarfile "$kiosk_deb" | tar -xO ./conffiles | grep -qx /etc/hall-kiosk/hall.toml ||
    fail "hall.toml is not a conffile"
depends=$(dpkg-deb -f "$kiosk_deb" Depends)
for dep in 'cage' 'xwayland' 'fonts-noto-cjk | fonts-wqy-microhei' 'adduser' 'libegl1' 'libsdl2-2.0-0' 'libsqlite3-0' \
    'rime-data-pinyin-simp' 'tegaki-zinnia-simplified-chinese'; do
    grep -qF "$dep" <<<"$depends" || fail "hall-kiosk Depends lacks $dep: $depends"
done
# Every dependency names a real package: installed here, or known to apt.
IFS=',' read -ra groups <<<"$depends"
for group in "${groups[@]}"; do
    found=
    IFS='|' read -ra alternatives <<<"$group"
    for alt in "${alternatives[@]}"; do
        name=$(awk '{print $1}' <<<"$alt")
        if dpkg-query -W "$name" >/dev/null 2>&1 || apt-cache show "$name" >/dev/null 2>&1; then found=1; fi
    done
    [ -n "$found" ] || fail "no package provides dependency '$group'"
done
ok "hall-kiosk: files in Debian's places, hall.toml a conffile, Depends real ($depends)"

# ---- 3. Install into an empty root -------------------------------------------------------
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
# The root has none of the dependencies (they are this machine's libraries): --force-depends.
rdpkg() {
    timeout "$step_timeout" "${dpkg_as_root[@]}" dpkg --root="$root" --force-script-chrootless --force-depends \
        --force-not-root --log=/dev/null "$@" >>"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg $*"; }
}
installed_version() { dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Version} ${db:Status-Status}' "$1" 2>/dev/null || true; }

rdpkg -i "$kiosk_deb"
[ "$(installed_version hall-kiosk)" = "$version installed" ] || fail "hall-kiosk not installed: $(installed_version hall-kiosk)"
[ -d "$root/var/lib/hall-kiosk" ] || fail "postinst made no /var/lib/hall-kiosk"
[ "$(stat -c %a "$root/var/lib/hall-kiosk")" = 750 ] || fail "/var/lib/hall-kiosk is not 0750"
if ! grep -q 'pinyin schemas' "$work/dpkg.log" || [ ! -d "$root/var/lib/hall-kiosk/rime" ]; then
    cat "$work/dpkg.log" >&2
    fail "postinst did not deploy the pinyin schemas"
fi
ok "dpkg installed hall-kiosk $version into $root; postinst made /var/lib/hall-kiosk (0750), deployed the pinyin schemas"

kiosk="$root/usr/bin/hall-kiosk"
config="$root/etc/hall-kiosk/hall.toml"
data="$root/var/lib/hall-kiosk"
out=$(timeout 30 "$kiosk" --version)
[ "$out" = "hall-kiosk ${version%-*}" ] || fail "--version said '$out'"
ok "installed hall-kiosk --version: $out"
grep -q '^data_dir = "/var/lib/hall-kiosk"' "$config" || fail "installed hall.toml does not keep data in /var/lib/hall-kiosk"
timeout 30 "$kiosk" check-config "$config" || fail "check-config on the installed hall.toml"
ok "check-config accepts the installed /etc/hall-kiosk/hall.toml"

# A citizen finds a guide: the installed translations, content bundle and fonts all load.
cat >"$work/smoke.play" <<'EOF'
screen home
tap #home.guides
screen guides
tap 居民身份证
screen guide
tap #common.home
screen home
EOF
timeout 60 "$kiosk" --headless --config "$config" --assets "$root/usr/share/hall-kiosk" \
    --data-dir "$work/play-data" --play "$work/smoke.play" || fail "headless script on the installed assets"
[ -f "$work/play-data/kiosk.sqlite" ] || fail "the kiosk made no store in --data-dir"
ok "headless UI script passes on the installed assets"

# The unit parses: no unknown keys or bad values. (cage is not installed here, so the
# "not executable" complaints about ExecStart binaries are expected and dropped.)
verify_units() {  # unit files...
    command -v systemd-analyze >/dev/null || { echo "skip - systemd-analyze not installed"; return 0; }
    local problems
    problems=$(timeout 60 systemd-analyze verify --man=no "$@" 2>&1 | grep -v ': Command .* is not executable: ' || true)
    [ -z "$problems" ] || fail "systemd-analyze verify: $problems"
}
verify_units "$root/lib/systemd/system/hall-kiosk.service"
grep -qx 'ExecStart=/usr/bin/hall-kiosk session --config /etc/hall-kiosk/hall.toml' \
    "$root/lib/systemd/system/hall-kiosk.service" || fail "hall-kiosk.service does not run the kiosk session"
if grep -q '^ExecStart=.*cage.* -s' "$root/lib/systemd/system/hall-kiosk.service"; then fail "cage -s lets a keyboard switch VTs"; fi
ok "hall-kiosk.service passes systemd-analyze verify"

# Under systemd stderr is the journal: error lines then start with their syslog priority.
mkdir -p "$work/bad-data"
echo "not a database" >"$work/bad-data/kiosk.sqlite"
: >"$work/journal.txt"
journal_stream=$(stat -c '%d:%i' "$work/journal.txt")
if JOURNAL_STREAM=$journal_stream timeout 30 "$kiosk" migrate --config "$config" --data-dir "$work/bad-data" \
    2>>"$work/journal.txt"; then
    fail "migrate accepted a store that is not a database"
fi
grep -q '^<3>.*kiosk.sqlite' "$work/journal.txt" || fail "journal error line: $(cat "$work/journal.txt")"
ok "errors reach the journal with priority 3: $(head -1 "$work/journal.txt")"

# ---- 4. Upgrade keeps data and edited config, and migrates ------------------------------
timeout 60 "$kiosk" demo-data --feedback 10 --config "$config" --data-dir "$data" >/dev/null ||
    fail "demo-data into the installed data folder"
sed -i 's/^id = "kiosk-01"/id = "kiosk-07"   # edited by the hall/' "$config"
: >"$work/dpkg.log"
rdpkg -i "$kiosk_deb2"
[ "$(installed_version hall-kiosk)" = "$version2 installed" ] || fail "upgrade to $version2: $(installed_version hall-kiosk)"
grep -q 'kiosk.sqlite: schema [0-9]* (was [0-9]*), 10 feedback records' "$work/dpkg.log" ||
    { cat "$work/dpkg.log" >&2; fail "postinst did not migrate the store on upgrade"; }
grep -q '^id = "kiosk-07"' "$config" || fail "upgrade lost the hall's edit of hall.toml"
out=$(timeout 30 "$root/usr/bin/hall-kiosk" migrate --config "$config" --data-dir "$data")
grep -q ', 10 feedback records' <<<"$out" || fail "data after upgrade: $out"
ok "upgrade $version -> $version2: 10 feedback records and the edited conffile kept, store migrated"

# ---- 5. Remove keeps data and config; purge deletes them ---------------------------------
rdpkg -r hall-kiosk
[ ! -e "$kiosk" ] || fail "remove left /usr/bin/hall-kiosk"
[ -f "$data/kiosk.sqlite" ] || fail "remove deleted the data"
[ -f "$config" ] || fail "remove deleted the config"
[ "$(installed_version hall-kiosk)" = "$version2 config-files" ] || fail "after remove: $(installed_version hall-kiosk)"
ok "remove: binary gone, data and config kept"
rdpkg -P hall-kiosk
[ ! -e "$data" ] || fail "purge left $data"
[ ! -e "$config" ] || fail "purge left $config"
case "$(installed_version hall-kiosk)" in
"" | *not-installed) ;;
*) fail "hall-kiosk still known after purge: $(installed_version hall-kiosk)" ;;
esac
ok "purge: data and config gone"

# ---- hall-hub, when this tree builds it --------------------------------------------------
if [ -n "$hub_deb" ]; then
    hub_contents=$(dpkg-deb -c "$hub_deb" | awk '{print $6}')
    for path in ./usr/bin/hall-hub ./etc/hall-hub/hub.toml ./lib/systemd/system/hall-hub.service \
        ./usr/share/doc/hall-hub/copyright ./usr/share/doc/hall-hub/examples/nginx-hall-hub.conf ./usr/share/hall-hub/console/index.html ./usr/share/hall-hub/console/app.js \
        ./usr/share/hall-hub/console/i18n/zh-Hant.json; do
        grep -qx "$path" <<<"$hub_contents" || fail "hall-hub lacks $path"
    done
    # The console's charts come from Debian's Chart.js, not a copy in the package.
    dpkg-deb -f "$hub_deb" Depends | grep -qF libjs-chart.js || fail "hall-hub Depends lacks libjs-chart.js"
    dpkg-deb --ctrl-tarfile "$hub_deb" | tar -xO ./conffiles | grep -qx /etc/hall-hub/hub.toml ||
        fail "hub.toml is not a conffile"
    rdpkg -i "$hub_deb"
    [ -d "$root/var/lib/hall-hub" ] || fail "postinst made no /var/lib/hall-hub"
    verify_units "$root/lib/systemd/system/hall-hub.service"
    hub="$root/usr/bin/hall-hub"
    if timeout 30 "$hub" --help | grep -q -- '--version'; then
        out=$(timeout 30 "$hub" --version)
        grep -q "${version%-*}" <<<"$out" || fail "hall-hub --version said '$out'"
    else
        timeout 30 "$hub" --help >/dev/null || fail "hall-hub --help"
        out="(no --version yet; --help runs)"
    fi
    # The installed config parses; an admin command opens a store without serving.
    timeout 30 "$hub" --config "$root/etc/hall-hub/hub.toml" --db "$work/hub.db" kiosks >/dev/null ||
        fail "hall-hub with the installed hub.toml"
    rdpkg -P hall-hub
    [ ! -e "$root/var/lib/hall-hub" ] || fail "purge left /var/lib/hall-hub"
    ok "hall-hub: installed, starts $out, reads the installed hub.toml, purged"
else
    echo "skip - hall-hub: no hall-hub target in this build tree"
fi

echo "PASS: Debian packages build, pass lintian, install, upgrade, remove and purge"
