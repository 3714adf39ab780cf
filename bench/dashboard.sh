#!/bin/sh
# bench/dashboard.sh FINBRIDGE [BOOK] [RUNS] — each dashboard page's median and p99 in a browser
# (bench/dashboard.js) for the bank, the province's government, Dalian's and an enterprise, on
# BOOK, or on a demo book of the default size built once in build/bench/demo.db. The scale book
# of docs/cooperation.md (demo --enterprises 100000 --years 3) takes half an hour: build it once
# and name it here. WEB (default web) is the dashboard served: another tree's for a baseline.
set -eu
F=${1:-build/finbridge}
book=${2:-build/bench/demo.db}
runs=${3:-20}
web=${WEB:-web}
if [ ! -f "$book" ]; then
    mkdir -p "$(dirname "$book")"
    "$F" demo --db "$book" >/dev/null 2>&1
fi
# An enterprise of the book (the demo's first ids are its core enterprises').
ent=$(sqlite3 "$book" "SELECT id FROM parties WHERE kind = 'enterprise' AND id LIKE 'ent%' ORDER BY id LIMIT 1")
for u in "bench-bank bank_officer" "bench-gov government --region 210000" \
    "bench-dalian government --region 210200" "bench-ent enterprise --party $ent"; do
    set -- $u
    name=$1 role=$2
    shift 2
    echo bench-2025 | "$F" users add --db "$book" --name "$name" --role "$role" --password-stdin "$@" \
        >/dev/null 2>&1 || true
done
node bench/dashboard.js "$F" "$book" "$web" bench-bank bench-2025 "$runs" city/210100,party/$ent
node bench/dashboard.js "$F" "$book" "$web" bench-gov bench-2025 "$runs" city/210200
node bench/dashboard.js "$F" "$book" "$web" bench-dalian bench-2025 "$runs"
node bench/dashboard.js "$F" "$book" "$web" bench-ent bench-2025 "$runs"
