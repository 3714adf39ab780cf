#!/bin/sh
# test_pg_cluster.sh — the ledger on PostgreSQL, on a real three-node cluster (scripts/pg-cluster.sh)
# started here under $FB_TEST_TMP and stopped at the end: the ledger's unit tests and the model
# test with FINBRIDGE_DB; init, accounts, transfers, users, the audit log and verify from the
# command line; the book's other rooms refused (FB_ENOTSUP), nothing written; the schema's guards; two processes writing one
# book at once (no lost update); both standbys stopped (the commit timeout fires, the batch is in
# doubt, not success, and resolved once they are back); the primary SIGKILLed mid-stream and a
# standby promoted (every acknowledged transfer on the new primary, verify passes).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
tests=$(dirname "$FINBRIDGE")/tests
C=$T/pg
# As root the servers run as nobody, which must reach the cluster's folder.
[ "$(id -u)" -ne 0 ] || chmod 711 "$FB_TEST_TMP" "$T"
cluster() { sh "$root/scripts/pg-cluster.sh" "$@"; }
trap 'cluster stop "$C" >/dev/null 2>&1' EXIT
if ! cluster start "$C" >"$T/start.out" 2>&1; then
    fail "the cluster starts" "$(cat "$T/start.out")"
    end
    exit 1
fi
ok "the cluster starts: a primary and two synchronous standbys"
URI=$(cat "$C/uri")
psql_() { psql -X -q -At -d "$1" -c "$2" 2>&1; }
db_uri() { echo "$URI" | sed "s|/finbridge?|/$1?|"; }
# A book on a server keeps its audit key in the file this names (docs/postgresql.md).
export FINBRIDGE_AUDIT_KEY="$T/audit-key"

# The ledger's tests and the model test, unchanged, on the cluster. The model test runs 30,000
# events here (each of its batches a commit that waits for a standby); FB_MODEL_EVENTS=100000
# runs as many as on SQLite (about two minutes on a quiet machine).
for t in test_ledger test_model; do
    FB_MODEL_EVENTS=${FB_MODEL_EVENTS:-30000} FINBRIDGE_DB=$URI "$tests/$t" >"$T/$t.log" 2>&1
    status=$?
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$T/$t.log" | tail -n 1)
    if [ "$status" -eq 0 ] && echo "$last" | grep -q ' 0 failed'; then
        ok "$t on PostgreSQL: $last"
    else
        fail "$t on PostgreSQL (status $status)" "$(grep -E '^(FAIL|  )' "$T/$t.log" | head -n 20)"
    fi
done

# The command line on a book of the cluster.
B=$(db_uri cli)
out=$($FINBRIDGE init --db "$B" 2>&1)
expect_grep "init creates the book on the cluster" 'ready \(schema version 3\)' "$(printf '%s' "$out" >"$T/init"; echo "$T/init")"
printf '%s\n' '{"id":"src","ledger":1,"code":1}' \
    '{"id":"lim","ledger":1,"code":1,"flags":["debits_must_not_exceed_credits","history"]}' \
    '{"id":"dst","ledger":1,"code":1}' | FINBRIDGE_DB=$B $FINBRIDGE accounts create >"$T/acc" 2>&1
expect_eq "accounts create through FINBRIDGE_DB" 3 "$(grep -c '"result":"created"' "$T/acc")"
printf '%s\n' '{"id":"fund","debit_account_id":"src","credit_account_id":"lim","amount":"100.00","ledger":1,"code":1}' |
    $FINBRIDGE transfers create --db "$B" >"$T/fund" 2>&1
expect_grep "transfers create" '"id":"fund","result":"created"' "$T/fund"
$FINBRIDGE accounts get --db "$B" lim >"$T/lim"
expect_grep "accounts get reads the balances" '"credits_posted":"100.00"' "$T/lim"
$FINBRIDGE accounts balances --db "$B" lim >"$T/hist"
expect_eq "balance history of the history account" 1 "$(wc -l <"$T/hist" | tr -d ' ')"
$FINBRIDGE accounts transfers --db "$B" lim >"$T/xs"
expect_grep "accounts transfers" '"id":"fund"' "$T/xs"
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "verify passes" 0 $?
expect_grep "verify checks the chain and the audit log" '[1-9][0-9]* sealed batches, [1-9][0-9]* audit entries' "$T/verify"

# The access room: users and the audit log of every write, on the cluster.
printf 'pw-of-the-officer\n' | $FINBRIDGE users add --db "$B" --name officer --role bank_officer --password-stdin >"$T/u1" 2>&1
expect_grep "users add on PostgreSQL" '"name":"officer","role":"bank_officer","token":"[0-9a-f]{64}"' "$T/u1"
$FINBRIDGE users add --db "$B" --name officer --role auditor >"$T/u2" 2>&1
expect_grep "a second user of one name is refused" 'a user named officer exists' "$T/u2"
$FINBRIDGE users add --db "$B" --name firm --role enterprise --party P1 >"$T/u3" 2>&1
expect_grep "an enterprise user is refused: its party is not on PostgreSQL" 'FB_ENOTSUP' "$T/u3"
$FINBRIDGE users disable --db "$B" officer >/dev/null 2>&1
$FINBRIDGE users list --db "$B" >"$T/ul"
expect_grep "users list and disable" '"name":"officer","role":"bank_officer","disabled":true' "$T/ul"
$FINBRIDGE users enable --db "$B" officer >/dev/null 2>&1
$FINBRIDGE audit list --db "$B" >"$T/al"
expect_grep "every write of the command line is audited" '"operation":"users disable officer".*"result":"ok"' "$T/al"
expect_grep "a refused one too" '"operation":"users add --name officer --role auditor".*"result":"(refused|failed)"' "$T/al"
env -u FINBRIDGE_AUDIT_KEY $FINBRIDGE users disable --db "$B" officer >"$T/nokey" 2>&1
expect_grep "without FINBRIDGE_AUDIT_KEY a write is refused" 'name it with FINBRIDGE_AUDIT_KEY' "$T/nokey"
expect_grep "and nothing written" '"name":"officer","role":"bank_officer","disabled":false' "$($FINBRIDGE users list --db "$B" >"$T/ul2"; echo "$T/ul2")"
expect_grep "the audit log's guard" 'the audit log is never changed' "$(psql_ "$B" "DELETE FROM audit" >"$T/g0"; echo "$T/g0")"

# The book's other rooms: refused by name, nothing written.
before=$(psql_ "$B" "SELECT commits FROM fb_book")
for cmd in "facilities get F1" "loans get L1" "eod --date 2026-01-05" \
    "backup --to $T/x.db" "settings"; do
    # shellcheck disable=SC2086
    $FINBRIDGE $cmd --db "$B" >"$T/refused" 2>&1
    status=$?
    if [ "$status" -ne 0 ] && grep -q 'FB_ENOTSUP: the book.s records .* are on SQLite only so far' "$T/refused"; then
        ok "'$cmd' refuses a PostgreSQL book (FB_ENOTSUP)"
    else
        fail "'$cmd' refuses a PostgreSQL book (FB_ENOTSUP)" "status $status" "$(head -c 300 "$T/refused")"
    fi
done
expect_eq "the refused commands wrote nothing" "$before" "$(psql_ "$B" "SELECT commits FROM fb_book")"

# The schema's guards: rows that carry money are never edited; a newer schema is refused.
expect_grep "a transfer is never updated" 'never changed or deleted' "$(psql_ "$B" "UPDATE transfers SET amount = 1" >"$T/g1"; echo "$T/g1")"
expect_grep "an account's identity never changes" 'identity never changes' "$(psql_ "$B" "UPDATE accounts SET ledger = 2" >"$T/g2"; echo "$T/g2")"
psql_ "$B" "UPDATE accounts SET credits_posted = credits_posted + 1 WHERE id = 'dst'" >/dev/null
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "verify catches a balance edited behind the ledger" 1 $?
expect_grep "verify names the account" 'account dst: credits_posted 1 fen' "$T/verify"
psql_ "$B" "UPDATE accounts SET credits_posted = credits_posted - 1 WHERE id = 'dst'" >/dev/null
psql_ "$B" "UPDATE fb_book SET schema_version = 99" >/dev/null
$FINBRIDGE accounts get --db "$B" lim >"$T/newer" 2>&1
expect_grep "a newer schema is refused" 'schema version 99, newer than' "$T/newer"
psql_ "$B" "UPDATE fb_book SET schema_version = 3" >/dev/null

# A book of version 1 (the ledger alone, before the access room and the chain): read as it is,
# brought to the current version (3) when first opened to write, its rows under one genesis seal.
V1=$(db_uri older)
$FINBRIDGE init --db "$V1" >/dev/null 2>&1
printf '%s\n' '{"id":"a","ledger":1,"code":1}' '{"id":"b","ledger":1,"code":1,"flags":["history"]}' |
    $FINBRIDGE accounts create --db "$V1" >/dev/null 2>&1
printf '%s\n' '{"id":"v1t","debit_account_id":"a","credit_account_id":"b","amount":"1.00","ledger":1,"code":1}' |
    $FINBRIDGE transfers create --db "$V1" >/dev/null 2>&1
psql_ "$V1" "DROP TABLE users, audit, audit_keying, ledger_chain, parties; DROP FUNCTION fb_never_changed(); UPDATE fb_book SET schema_version = 1" >/dev/null
$FINBRIDGE verify --db "$V1" >"$T/v1verify" 2>&1
expect_eq "a book of version 1 verifies (its ledger)" 0 $?
printf '%s\n' '{"id":"v1u","debit_account_id":"a","credit_account_id":"b","amount":"2.00","ledger":1,"code":1}' |
    $FINBRIDGE transfers create --db "$V1" >"$T/v1more" 2>&1
expect_grep "written to, it is upgraded" '"id":"v1u","result":"created"' "$T/v1more"
expect_eq "to version 3" 3 "$(psql_ "$V1" "SELECT schema_version FROM fb_book")"
$FINBRIDGE verify --db "$V1" >"$T/v1verify" 2>&1
expect_eq "and verifies: the genesis seal over its old rows, a seal for the new batch" 0 $?
expect_grep "two seals" ' 2 sealed batches' "$T/v1verify"

# Two processes spend one limited balance at once: 300 transfers of 1.00 against 100.00.
writer() { # writer NAME: 30 commands of 5 transfers each
    i=0
    while [ "$i" -lt 30 ]; do
        k=0
        while [ "$k" -lt 5 ]; do
            echo "{\"id\":\"$1-$i-$k\",\"debit_account_id\":\"lim\",\"credit_account_id\":\"dst\",\"amount\":\"1.00\",\"ledger\":1,\"code\":1}"
            k=$((k + 1))
        done | $FINBRIDGE transfers create --db "$B" >>"$T/w.$1" 2>>"$T/w.$1.err"
        i=$((i + 1))
    done
}
writer a &
pa=$!
writer b &
pb=$!
wait "$pa" "$pb"
created=$(cat "$T/w.a" "$T/w.b" | grep -c '"result":"created"')
expect_eq "two writers: every transfer answered" 300 "$(cat "$T/w.a" "$T/w.b" | grep -c '"result":')"
expect_eq "two writers: exactly the balance is spent" 100 "$created"
expect_eq "two writers: each acknowledged transfer is stored" "$created" \
    "$(psql_ "$B" "SELECT count(*) FROM transfers t JOIN accounts a ON a.key = t.debit_account WHERE a.id = 'lim'")"
$FINBRIDGE accounts get --db "$B" lim >"$T/lim"
expect_grep "two writers: the limited account ends at its limit" '"debits_posted":"100.00".*"credits_posted":"100.00"' "$T/lim"
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "two writers: verify passes" 0 $?

# Both standbys stopped: the commit waits for one, the commit timeout (2 s here) fires, the
# ledger resubmits, and the batch is reported in doubt, never as success.
pgbin=/usr/lib/postgresql/15/bin
as() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
for n in n2 n3; do as "$pgbin/pg_ctl" -D "$C/$n" -m fast -w stop >/dev/null 2>&1; done
SHORT="$B&options=-c%20finbridge.commit_timeout%3D2000"
printf '%s\n' '{"id":"doubt1","debit_account_id":"src","credit_account_id":"dst","amount":"2.00","ledger":1,"code":1}' \
    '{"id":"doubt2","debit_account_id":"src","credit_account_id":"dst","amount":"3.00","ledger":1,"code":1}' >"$T/doubt.in"
start=$(date +%s)
$FINBRIDGE transfers create --db "$SHORT" <"$T/doubt.in" >"$T/doubt.out" 2>"$T/doubt.err"
status=$?
took=$(($(date +%s) - start))
expect_eq "standbys down: the batch is not reported as written" 2 "$status"
expect_grep "standbys down: it is reported in doubt" 'in doubt' "$T/doubt.err"
expect_eq "standbys down: no result printed" 0 "$(wc -l <"$T/doubt.out" | tr -d ' ')"
[ "$took" -le 60 ] && ok "standbys down: bounded ($took s)" || fail "standbys down: bounded" "took $took s"
for n in n2 n3; do
    as "$pgbin/pg_ctl" -D "$C/$n" -l "$C/$n.log" -w -t 30 -o "-p $(cat "$C/$n.port") -k $C/$n -c listen_addresses=127.0.0.1" start >/dev/null 2>&1
done
$FINBRIDGE transfers create --db "$B" <"$T/doubt.in" >"$T/resolved.out" 2>&1
expect_eq "standbys back: the same batch resolves (created or exists)" 2 \
    "$(grep -c '"result":"\(created\|exists\)"' "$T/resolved.out")"
expect_eq "standbys back: each once" 2 "$(psql_ "$B" "SELECT count(*) FROM transfers WHERE id LIKE 'doubt%'")"
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "standbys back: verify passes" 0 $?

# The primary SIGKILLed while a stream of batches is written; the most advanced standby is
# promoted; the writer finds it through the URI and resubmits.
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "{\"id\":\"k%d\",\"debit_account_id\":\"src\",\"credit_account_id\":\"dst\",\"amount\":\"0.01\",\"ledger\":1,\"code\":1}\n", i }' >"$T/kill.in"
$FINBRIDGE transfers create --db "$B" <"$T/kill.in" >"$T/kill.out" 2>"$T/kill.err" &
writer_pid=$!
i=0
# (the background job may not have made kill.out yet: a missing file is no line)
while [ "$(cat "$T/kill.out" 2>/dev/null | wc -l | tr -d ' ')" -lt 1 ] && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
pm=$(head -n 1 "$C/n1/postmaster.pid")
kids=""
for st in /proc/[0-9]*/status; do # the postmaster's children (its backends), by parent pid
    grep -q "^PPid:[[:space:]]*$pm\$" "$st" 2>/dev/null || continue
    pid=${st#/proc/}
    kids="$kids ${pid%/status}"
done
# shellcheck disable=SC2086
kill -9 "$pm" $kids
acked_at_kill=$(wc -l <"$T/kill.out" | tr -d ' ')
sleep 1
promoted=$(cluster failover "$C" 2>&1)
expect_grep "a standby is promoted" '^n[23]$' "$(echo "$promoted" >"$T/promoted"; echo "$T/promoted")"
wait "$writer_pid"
status=$?
acked=$(grep -c '"result":"\(created\|exists\)"' "$T/kill.out")
[ "$acked_at_kill" -ge 1 ] && [ "$acked" -gt "$acked_at_kill" ] &&
    ok "the writer went on after the failover ($acked_at_kill acknowledged at the kill, $acked in all)" ||
    fail "the writer went on after the failover" "$acked_at_kill then $acked, status $status" "$(tail -n 3 "$T/kill.err")"
grep -o '"id":"k[0-9]*","result":"\(created\|exists\)"' "$T/kill.out" | sed 's/"id":"\([^"]*\)".*/\1/' | sort >"$T/acked.ids"
psql_ "$B" "SELECT id FROM transfers WHERE id LIKE 'k%'" | sort >"$T/stored.ids"
missing=$(comm -23 "$T/acked.ids" "$T/stored.ids" | wc -l | tr -d ' ')
expect_eq "every acknowledged transfer is on the new primary" 0 "$missing"
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "after the failover verify passes (nothing half-written)" 0 $?
end
