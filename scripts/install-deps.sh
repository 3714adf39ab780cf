#!/bin/sh
# install-deps.sh — installs the Debian packages finbridge needs to build, test and run, the
# dashboard's packages from the npm registry (web/package-lock.json: ECharts, and playwright-core
# for its browser test) into web/node_modules, and Redocly CLI (scripts/openapi/package-lock.json:
# make check lints the OpenAPI document with it) into scripts/openapi/node_modules.
#
# As root it installs what is missing with apt-get; otherwise it prints the one apt-get line to
# run and exits 1. Prints nothing and exits 0 when everything is there.
#   install-deps.sh        what make, make test, make demo and make bench need (libxlsxwriter
#                          writes the XLSX exports, libzip and libexpat read XLSX; zlib
#                          compresses the dashboard's files; gnumeric: its ssconvert cross-checks the
#                          schedules and reads the exports back, as python3's zipfile does;
#                          curl drives the API in make test; wrk loads it in make bench;
#                          Chromium and a Chinese font for the dashboard's browser test;
#                          Node.js and npm for its packages; PostgreSQL 15 and libpq: the second
#                          backend, tested on a three-node cluster, scripts/pg-cluster.sh)
#   install-deps.sh fuzz   and clang with libFuzzer, for make fuzz
#   install-deps.sh check  and clang-format and clang-tidy, for make check (scripts/check.sh)
set -eu

PACKAGES="build-essential pkg-config libsqlite3-dev libjansson-dev libmicrohttpd-dev libsodium-dev
    libxlsxwriter-dev libzip-dev libexpat1-dev zlib1g-dev sqlite3 gnumeric python3 curl wrk chromium
    fonts-wqy-microhei postgresql-15 libpq-dev"
# Node.js and npm: Debian's, unless the machine has them already.
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"
for group in "$@"; do
    case "$group" in
    fuzz) PACKAGES="$PACKAGES clang" ;;
    check) PACKAGES="$PACKAGES clang-format clang-tidy" ;;
    *) echo "install-deps.sh: unknown group '$group'" >&2; exit 2 ;;
    esac
done

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
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
fi

# The dashboard's npm packages, as locked; again whenever the lock file changes.
web=$(dirname "$0")/../web
if [ ! -f "$web/node_modules/.package-lock.json" ] ||
    [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "installing the dashboard's npm packages (web/package-lock.json)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Redocly CLI for make check, as locked; again whenever the lock file changes.
lint=$(dirname "$0")/openapi
if [ ! -f "$lint/node_modules/.package-lock.json" ] ||
    [ "$lint/package-lock.json" -nt "$lint/node_modules/.package-lock.json" ]; then
    echo "installing Redocly CLI (scripts/openapi/package-lock.json)"
    (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error)
fi
