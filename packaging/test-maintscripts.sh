#!/usr/bin/env bash
# Runs the maintainer scripts' system path (accounts, stat overrides, systemd) as dpkg would
# on a hall terminal, without changing this machine: inside a private mount namespace where
# /var/lib and /run are empty tmpfs (with /run/systemd/system, as on a booted system), /etc
# is a private copy, and setpriv, dpkg-statoverride and the systemd helpers are stubs that
# log their calls. As root, adduser and chown are the real ones (on the copy of /etc);
# otherwise they are stubs too. test-packages.sh covers the DPKG_ROOT path with real dpkg.
# Usage: packaging/test-maintscripts.sh      (ctest -L packaging runs it)
# Exits 77 (skipped) where mount namespaces are not allowed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" != "--inside" ]; then
    ns=(unshare --mount --propagation private)
    if [ "$(id -u)" -eq 0 ]; then export HALL_REAL_ACCOUNTS=1; else ns+=(--map-root-user); fi
    if ! "${ns[@]}" true 2>/dev/null; then
        echo "skip - no mount namespace here (needs root or user namespaces)"
        exit 77
    fi
    exec timeout 120 "${ns[@]}" "$0" --inside
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

mount -t tmpfs tmpfs /var/lib
mount -t tmpfs tmpfs /run
mkdir -p /run/systemd/system
if [ -n "${HALL_REAL_ACCOUNTS:-}" ]; then
    mkdir /run/etc
    cp -a /etc/. /run/etc/
    mount --bind /run/etc /etc
fi
stubs=$(mktemp -d /run/stubs.XXXXXX)
calls="$stubs/calls.log"
stubbed=(setpriv dpkg-statoverride deb-systemd-helper deb-systemd-invoke systemctl)
[ -n "${HALL_REAL_ACCOUNTS:-}" ] || stubbed+=(adduser chown)
# Each stub logs "name args"; state files make the query forms answer like the real tools.
for tool in "${stubbed[@]}"; do
    cat >"$stubs/$tool" <<EOF
#!/bin/sh
echo "$tool \$*" >>"$calls"
for last in "\$@"; do :; done
override="$stubs/override-\$(basename "\$last")"
case "$tool \$*" in
"dpkg-statoverride --list "*) [ -e "\$override" ] ;;
"dpkg-statoverride --update --add "*) touch "\$override" ;;
"dpkg-statoverride --remove "*) rm -f "\$override" ;;
"deb-systemd-helper --quiet was-enabled "*) true ;;
"deb-systemd-helper --quiet is-enabled "*) true ;;
esac
EOF
    chmod +x "$stubs/$tool"
done
export PATH="$stubs:$PATH"
unset DPKG_ROOT

run() {  # package script args...
    : >"$calls"
    "$here/debian/$1/$2" "${@:3}" >"$stubs/out.log" 2>&1 || { cat "$stubs/out.log" >&2; fail "$1 $2 ${*:3} exited non-zero"; }
}
called() { grep -qxF -- "$1" "$calls" || { cat "$calls" >&2; fail "expected call: $1"; }; }
not_called() { if grep -q -- "$1" "$calls"; then cat "$calls" >&2; fail "unexpected call: $1"; fi; }

check_package() {  # package user unit config state_dir
    local pkg=$1 user=$2 unit=$3 config=$4 dir=$5

    run "$pkg" postinst configure
    if [ -n "${HALL_REAL_ACCOUNTS:-}" ]; then
        IFS=: read -r _ _ uid gid _ home shell <<<"$(getent passwd "$user")"
        if [ -z "$uid" ] || [ "$uid" -ge 1000 ]; then fail "$pkg: no system user $user"; fi
        [ "$(getent group "$user" | cut -d: -f3)" = "$gid" ] || fail "$pkg: $user has no own group"
        if [ "$home" != "$dir" ] || [ "$shell" != /usr/sbin/nologin ]; then fail "$pkg: $user home $home, shell $shell"; fi
        [ "$(stat -c %U:%G "$dir")" = "$user:$user" ] || fail "$pkg: $dir owned by $(stat -c %U:%G "$dir")"
    else
        grep -q "^adduser --system --group .* $user\$" "$calls" || fail "$pkg: no system user"
        called "chown $user:$user $dir"
    fi
    if [ ! -d "$dir" ] || [ "$(stat -c %a "$dir")" != 750 ]; then fail "$pkg: $dir not made 0750"; fi
    called "dpkg-statoverride --update --add root $user 0640 $config"
    called "deb-systemd-helper enable $unit"
    called "systemctl --system daemon-reload"
    not_called "setpriv .* migrate"
    if [ -n "${HALL_REAL_ACCOUNTS:-}" ]; then
        run "$pkg" postinst configure  # a second configure finds the account and keeps it
        [ "$(getent passwd "$user" | cut -d: -f3)" = "$uid" ] || fail "$pkg: second configure changed $user"
    fi
    ok "$pkg postinst (install): ${HALL_REAL_ACCOUNTS:+real adduser: }system user, $dir 0750 $user, $config 0640 root:$user, $unit enabled"

    run "$pkg" prerm upgrade 0.1.0-2
    called "deb-systemd-invoke stop $unit"
    : >"$dir/keep"
    run "$pkg" postinst configure 0.1.0-1
    not_called "dpkg-statoverride --update"
    called "deb-systemd-invoke start $unit"
    [ -e "$dir/keep" ] || fail "$pkg: upgrade touched $dir"
    ok "$pkg upgrade: stopped in prerm, started in postinst, data and stat override kept"

    run "$pkg" prerm remove
    called "deb-systemd-invoke stop $unit"
    run "$pkg" postrm remove
    called "deb-systemd-helper mask $unit"
    [ -e "$dir/keep" ] || fail "$pkg: remove deleted $dir"
    run "$pkg" postrm purge
    called "deb-systemd-helper purge $unit"
    called "dpkg-statoverride --remove $config"
    not_called "deluser"
    [ ! -e "$dir" ] || fail "$pkg: purge left $dir"
    ok "$pkg remove keeps $dir; purge deletes it and the stat override"
}

check_package hall-kiosk hall-kiosk hall-kiosk.service /etc/hall-kiosk/hall.toml /var/lib/hall-kiosk
if [ -n "${HALL_REAL_ACCOUNTS:-}" ] && getent group video >/dev/null; then
    id -nG hall-kiosk | grep -qw video || fail "hall-kiosk is not in the video group"
fi
# Kiosk only: a fresh install waits for the next boot; an upgrade migrates as the kiosk user.
run hall-kiosk postinst configure
not_called "deb-systemd-invoke start"
called "setpriv --reuid=hall-kiosk --regid=hall-kiosk --init-groups -- /usr/bin/hall-kiosk ime-deploy --config /etc/hall-kiosk/hall.toml"
run hall-kiosk postinst configure 0.1.0-1
called "setpriv --reuid=hall-kiosk --regid=hall-kiosk --init-groups -- /usr/bin/hall-kiosk migrate --config /etc/hall-kiosk/hall.toml"
called "setpriv --reuid=hall-kiosk --regid=hall-kiosk --init-groups -- /usr/bin/hall-kiosk ime-deploy --config /etc/hall-kiosk/hall.toml"
ok "hall-kiosk: fresh install does not take tty1 now; configure deploys the pinyin schemas and an upgrade migrates the store, as hall-kiosk"

check_package hall-hub hall-hub hall-hub.service /etc/hall-hub/hub.toml /var/lib/hall-hub
run hall-hub postinst configure
called "deb-systemd-invoke start hall-hub.service"
ok "hall-hub: a fresh install starts the server"

echo "PASS: maintainer scripts' system path"
