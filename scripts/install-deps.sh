#!/bin/sh
# install-deps.sh — installs the Debian packages finbridge needs to build, test and run.
#
# As root it installs what is missing with apt-get; otherwise it prints the one apt-get line to
# run and exits 1. Prints nothing and exits 0 when everything is there.
#   install-deps.sh        what make, make test, make demo and make bench need (gnumeric:
#                          its ssconvert cross-checks the schedules; curl drives the API in
#                          make test; wrk loads it in make bench)
#   install-deps.sh fuzz   and clang with libFuzzer, for make fuzz
set -eu

PACKAGES="build-essential pkg-config libsqlite3-dev libjansson-dev libmicrohttpd-dev libsodium-dev
    sqlite3 gnumeric curl wrk"
for group in "$@"; do
    case "$group" in
    fuzz) PACKAGES="$PACKAGES clang" ;;
    *) echo "install-deps.sh: unknown group '$group'" >&2; exit 2 ;;
    esac
done

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "finbridge needs these Debian packages:$missing" >&2
    echo "run: sudo apt-get install -y$missing" >&2
    exit 1
fi

echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
