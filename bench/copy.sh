#!/bin/sh
# bench/copy.sh FINBRIDGE URI [TRANSFERS] [ACCOUNTS] — `finbridge copy` between SQLite and a
# PostgreSQL cluster (URI: scripts/pg-cluster.sh's), against the ceiling bench/ledger --db
# measures in the same run (the simplest array statements, no validation, one run of it first).
# The book: ACCOUNTS accounts (every hundredth with history), TRANSFERS transfers between random
# accounts, every tenth pending and every twentieth posting the pending one before it, written
# with `finbridge transfers create` into SQLite; then copied to PostgreSQL and from there into a
# second SQLite file, each copy verified by itself. Prints each copy's transfers/s and its ratio to
# the ceiling.
set -eu
fb=$1
uri=$2
n=${3:-200000}
na=${4:-10000}
bench=$(dirname "$fb")/bench/ledger
d=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-bench-copy.XXXXXX")
trap 'rm -rf "$d"' EXIT
"$bench" --db "$uri" "$n" "$na" 1 >"$d/ledger.out"
ceiling=$(sed -n 's/^ceiling on PostgreSQL: \([0-9]*\) .*/\1/p' "$d/ledger.out")
ledger=$(sed -n 's/^ledger on PostgreSQL: *\([0-9]*\) .*/\1/p' "$d/ledger.out")
[ -n "$ceiling" ] || { echo "bench/copy.sh: bench/ledger --db printed no ceiling" >&2; exit 1; }
"$fb" init --db "$d/a.db" >/dev/null
awk -v na="$na" 'BEGIN { for (i = 0; i < na; i++) printf "{\"id\":\"acct:%06d\",\"ledger\":1,\"code\":2011%s}\n", i, i % 100 ? "" : ",\"flags\":[\"history\"]" }' |
    "$fb" accounts create --db "$d/a.db" >/dev/null
awk -v n="$n" -v na="$na" 'BEGIN { srand(7); for (i = 0; i < n; i++) {
    d = int(rand() * na); c = (d + 1 + int(rand() * (na - 1))) % na
    if (i % 20 == 19) { printf "{\"id\":\"tr:%08d\",\"pending_id\":\"tr:%08d\",\"flags\":[\"post_pending_transfer\"]}\n", i, i - 10; continue }
    printf "{\"id\":\"tr:%08d\",\"debit_account_id\":\"acct:%06d\",\"credit_account_id\":\"acct:%06d\",\"amount\":\"%d.%02d\",\"ledger\":1,\"code\":1%s}\n", i, d, c, 1 + int(rand() * 999), int(rand() * 100), i % 10 == 9 ? ",\"flags\":[\"pending\"]" : "" } }' |
    "$fb" transfers create --db "$d/a.db" >/dev/null
pg=$(echo "$uri" | sed 's|/finbridge?|/fb_bench_copy?|')
psql -X -q -d "$(echo "$uri" | sed 's|/finbridge?|/postgres?|')" -c "DROP DATABASE IF EXISTS fb_bench_copy WITH (FORCE)" >/dev/null
rate() { sed -n 's/.*"transfers_per_s":\([0-9]*\).*/\1/p'; }
to_pg=$("$fb" copy --from "$d/a.db" --to "$pg" | tail -n 1)
from_pg=$("$fb" copy --from "$pg" --to "$d/b.db" | tail -n 1)
echo "bench/copy.sh: $na accounts, $n transfers; in this run bench/ledger --db: the ledger $ledger, the ceiling $ceiling transfers/s"
for way in "SQLite -> PostgreSQL:$to_pg" "PostgreSQL -> SQLite:$from_pg"; do
    r=$(echo "${way#*:}" | rate)
    echo "copy ${way%%:*}: $r transfers/s ($((100 * r / ceiling))% of the ceiling): ${way#*:}"
done
psql -X -q -d "$(echo "$uri" | sed 's|/finbridge?|/postgres?|')" -c "DROP DATABASE IF EXISTS fb_bench_copy WITH (FORCE)" >/dev/null
