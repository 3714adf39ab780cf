#!/bin/sh
# bench/dashboard.sh FINBRIDGE [BOOK] — each dashboard page's time in a browser (bench/dashboard.js)
# for the bank and for the province's government, on BOOK, or on a demo book of the default size
# built once in build/bench/demo.db.
set -eu
F=${1:-build/finbridge}
book=${2:-build/bench/demo.db}
if [ ! -f "$book" ]; then
    mkdir -p "$(dirname "$book")"
    "$F" demo --db "$book" >/dev/null 2>&1
fi
echo bench-2025 | "$F" users add --db "$book" --name bench-bank --role bank_officer \
    --password-stdin >/dev/null 2>&1 || true
echo bench-2025 | "$F" users add --db "$book" --name bench-gov --role government --region 210000 \
    --password-stdin >/dev/null 2>&1 || true
node bench/dashboard.js "$F" "$book" web bench-bank bench-2025 10
node bench/dashboard.js "$F" "$book" web bench-gov bench-2025 10
