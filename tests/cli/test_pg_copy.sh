#!/bin/sh
# test_pg_copy.sh — `finbridge copy` between SQLite and PostgreSQL, on a three-node cluster
# (scripts/pg-cluster.sh) started here under $FB_TEST_TMP and stopped at the end: a book with
# pending transfers posted (in part), voided, expired and still open, a closing transfer, linked
# chains (one written, one failed), accounts with history and limits, and more transfers than a
# batch, copied SQLite -> PostgreSQL -> SQLite; every table compared row for row with the source
# (sqlite3 and psql), verify passing on each copy. Then the refusals: a destination not empty
# (nothing written), the same book twice, a missing source, a source with the book's other
# records; and all or nothing: a source whose rows cannot be copied (a sequence number out of
# order past two batches) leaves the destination empty, and a copy into it then succeeds.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
C=$T/pg
[ "$(id -u)" -ne 0 ] || chmod 711 "$FB_TEST_TMP" "$T"
cluster() { sh "$root/scripts/pg-cluster.sh" "$@"; }
trap 'cluster stop "$C" >/dev/null 2>&1' EXIT
if ! cluster start "$C" >"$T/start.out" 2>&1; then
    fail "the cluster starts" "$(cat "$T/start.out")"
    end
    exit 1
fi
ok "the cluster starts"
URI=$(cat "$C/uri")
psql_() { psql -X -q -At -d "$1" -c "$2" 2>&1; }
db_uri() { echo "$URI" | sed "s|/finbridge?|/$1?|"; }

# The book, on SQLite.
S=$T/s.db
$FINBRIDGE init --db "$S" >/dev/null
printf '%s\n' '{"id":"a","ledger":1,"code":1}' \
    '{"id":"b","ledger":1,"code":1,"user_data":"quote \" and backslash \\ kept"}' \
    '{"id":"h","ledger":1,"code":2,"flags":["history"]}' \
    '{"id":"lim","ledger":1,"code":1,"flags":["debits_must_not_exceed_credits","history"]}' \
    '{"id":"c","ledger":1,"code":3}' | $FINBRIDGE accounts create --db "$S" >"$T/acc" 2>&1
expect_eq "the source's accounts" 5 "$(grep -c '"result":"created"' "$T/acc")"
x() { # x ID DEBIT CREDIT AMOUNT [EXTRA]: a transfer's line
    echo "{\"id\":\"$1\",\"debit_account_id\":\"$2\",\"credit_account_id\":\"$3\",\"amount\":\"$4\",\"ledger\":1,\"code\":1$5}"
}
{
    x fund a lim 100.00
    x p1 a b 5.00 ',"flags":["pending"]'
    echo '{"id":"p1post","pending_id":"p1","amount":"3.00","flags":["post_pending_transfer"]}'
    x p2 a h 7.00 ',"flags":["pending"]'
    echo '{"id":"p2void","pending_id":"p2","flags":["void_pending_transfer"]}'
    x p3 a b 1.00 ',"flags":["pending"],"timeout":1'
    x p4 a h 2.00 ',"flags":["pending"],"timeout":3600,"user_data":"still open"'
    x l1 a h 1.00 ',"flags":["linked"]'
    x l2 h b 1.00 ',"flags":["linked"]'
    x l3 a b 1.00
    x f1 a b 1.00 ',"flags":["linked"]'
    x f2 lim b 1000.00
    x cl a c 1.00 ',"flags":["pending","closing_credit"]'
} | $FINBRIDGE transfers create --db "$S" >"$T/x1" 2>&1
expect_eq "the source's transfers (the chain f1, f2 fails whole)" 11 "$(grep -c '"result":"created"' "$T/x1")"
sleep 1.2 # p3's timeout passes
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{\"id\":\"n%d\",\"debit_account_id\":\"%s\",\"credit_account_id\":\"%s\",\"amount\":\"0.0%d\",\"ledger\":1,\"code\":1}\n", i, i % 2 ? "a" : "b", i % 2 ? "h" : "lim", i % 9 + 1 }' |
    $FINBRIDGE transfers create --db "$S" >"$T/x2" 2>&1
expect_eq "20,000 more, over two batches" 20000 "$(grep -c '"result":"created"' "$T/x2")"
$FINBRIDGE transfers expire --db "$S" >/dev/null 2>&1 # if no batch expired it already
n_source=$(sqlite3 "$S" "SELECT count(*) FROM transfers")

# The ledger's tables as each backend holds them, in one text form: accounts with their
# balances now, every column of transfers, pending states, history and failed ids.
q_accounts="SELECT key, ts, id, ledger, code, flags, coalesce(user_data, ''), debits_pending, debits_posted, credits_pending, credits_posted FROM accounts_now ORDER BY key"
q_transfers="SELECT seq, ts, id, debit_account, credit_account, amount, coalesce(pending, 0), ledger, code, flags, timeout, coalesce(user_data, ''), value_date FROM transfers ORDER BY seq"
q_pending="SELECT ts, status, coalesce(expires_at, 0), coalesce(resolved_at, 0) FROM pending ORDER BY ts"
q_balances="SELECT account, ts, debits_pending, debits_posted, credits_pending, credits_posted, value_date FROM balances ORDER BY account, ts"
q_failed="SELECT id, ts, result FROM failed_ids ORDER BY id"
q_marks="SELECT (SELECT value FROM meta WHERE key = 'last_timestamp'), (SELECT coalesce(max(value), 0) FROM meta WHERE key = 'business_date')"
dump_sqlite() { for q in "$q_accounts" "$q_transfers" "$q_pending" "$q_balances" "$q_failed" "$q_marks"; do sqlite3 "$1" "$q"; echo "--"; done; }
dump_pg() {
    for q in "$q_accounts" "$q_transfers" "$q_pending" "$q_balances" "$q_failed"; do psql_ "$1" "$q"; echo "--"; done
    psql_ "$1" "SELECT last_timestamp, business_date FROM fb_book"
    echo "--"
}
dump_sqlite "$S" >"$T/source.txt"
expect_eq "the source's pending transfers: posted, voided, expired, two open" "2,3,4,1,1" \
    "$(sqlite3 "$S" "SELECT group_concat(status) FROM (SELECT status FROM pending ORDER BY ts)")"
expect_eq "the source has a failed id" 1 "$(sqlite3 "$S" "SELECT count(*) FROM failed_ids")"

# SQLite -> PostgreSQL.
P=$(db_uri copied)
$FINBRIDGE copy --from "$S" --to "$P" >"$T/c1.out" 2>"$T/c1.err"
expect_eq "copy to PostgreSQL succeeds" 0 $?
expect_grep "it reports what it copied, verified and compared" \
    "\"copied\":\\{\"accounts\":5,\"transfers\":$n_source,\"pending_resolved\":3,.*\"verify_failures\":0,\"differences\":0" "$T/c1.out"
expect_grep "it ran verify on the destination" 'checks of the ledger on PostgreSQL: ok' "$T/c1.out"
dump_pg "$P" >"$T/pg.txt"
if cmp -s "$T/source.txt" "$T/pg.txt"; then
    ok "every account, balance, transfer, pending state, history row, failed id and mark equal on PostgreSQL"
else
    fail "the tables equal on PostgreSQL" "$(diff "$T/source.txt" "$T/pg.txt" | head -n 8)"
fi
$FINBRIDGE verify --db "$P" >"$T/v1" 2>&1
expect_eq "verify passes on the PostgreSQL copy" 0 $?
$FINBRIDGE accounts get --db "$P" c >"$T/c"
expect_grep "the account the closing transfer closed is closed" '"flags":\["closed"\]' "$T/c"
$FINBRIDGE accounts balances --db "$P" lim --limit 1 --reverse >"$T/hist"
expect_eq "balance history reads through the ledger: its last row" \
    "$(sqlite3 "$S" "SELECT max(b.ts) FROM balances b JOIN accounts a ON a.key = b.account WHERE a.id = 'lim'")" \
    "$(field "$T/hist" 1 timestamp)"

# PostgreSQL -> SQLite, and the ledger goes on writing on the copy.
S2=$T/back.db
$FINBRIDGE copy --from "$P" --to "$S2" >"$T/c2.out" 2>"$T/c2.err"
expect_eq "copy back to SQLite succeeds" 0 $?
expect_grep "it compared and verified" '"verify_failures":0,"differences":0' "$T/c2.out"
dump_sqlite "$S2" >"$T/back.txt"
if cmp -s "$T/source.txt" "$T/back.txt"; then
    ok "the round trip gives back the source's tables exactly"
else
    fail "the round trip gives back the source's tables" "$(diff "$T/source.txt" "$T/back.txt" | head -n 8)"
fi
$FINBRIDGE verify --db "$S2" >"$T/v2" 2>&1
expect_eq "verify passes on the SQLite copy (its chain: one seal)" 0 $?
echo '{"id":"p4post","pending_id":"p4","flags":["post_pending_transfer"]}' |
    $FINBRIDGE transfers create --db "$S2" >"$T/after" 2>&1
expect_grep "the copy goes on: the open pending transfer posts" '"id":"p4post","result":"created"' "$T/after"
x p1 a b 5.00 ',"flags":["pending"]' | $FINBRIDGE transfers create --db "$S2" >"$T/again" 2>&1
expect_grep "an id the source used answers exists" '"id":"p1","result":"exists"' "$T/again"

# Refusals: nothing written.
before=$(psql_ "$P" "SELECT commits, last_timestamp FROM fb_book")
$FINBRIDGE copy --from "$S" --to "$P" >"$T/r1.out" 2>"$T/r1.err"
status=$?
[ "$status" -eq 2 ] && grep -q 'FB_EINVAL: --to .*: the destination book is not empty' "$T/r1.err" &&
    ok "a destination not empty is refused (FB_EINVAL)" ||
    fail "a destination not empty is refused" "status $status" "$(cat "$T/r1.err")"
expect_eq "the refused copy wrote nothing" "$before" "$(psql_ "$P" "SELECT commits, last_timestamp FROM fb_book")"
$FINBRIDGE copy --from "$S" --to "$S2" >/dev/null 2>"$T/r2.err"
expect_grep "a SQLite destination not empty is refused" 'the destination book is not empty' "$T/r2.err"
$FINBRIDGE copy --from "$S" --to "$S" >/dev/null 2>"$T/r3.err"
expect_grep "the same book twice is refused" '--from and --to name the same book' "$T/r3.err"
$FINBRIDGE copy --from "$T/none.db" --to "$T/new.db" >/dev/null 2>"$T/r4.err"
expect_grep "a missing source is refused" 'FB_ENOTFOUND: --from .*none.db: no book at' "$T/r4.err"
[ ! -e "$T/new.db" ] && ok "and no destination is made" || fail "no destination is made"
$FINBRIDGE copy --from "$S" >/dev/null 2>"$T/r5.err"
expect_grep "copy without --to says how" 'copy takes --from and --to' "$T/r5.err"
cp "$S" "$T/users.db"
cp "$S.audit-key" "$T/users.db.audit-key"
printf 'pw-of-the-auditor\n' | $FINBRIDGE users add --db "$T/users.db" --name aud --role auditor --password-stdin >/dev/null 2>&1
$FINBRIDGE copy --from "$T/users.db" --to "$(db_uri withusers)" >/dev/null 2>"$T/r6.err"
expect_grep "a source with the book's other records is refused (FB_ENOTSUP)" \
    'FB_ENOTSUP: --from: the source book holds 1 records besides its ledger \(1 rows of users' "$T/r6.err"
expect_eq "and its destination is not made" 0 \
    "$(psql_ "$(db_uri postgres)" "SELECT count(*) FROM pg_database WHERE datname = 'withusers'")"

# All or nothing: the source's last transfer has a sequence number out of order, so the copy
# fails after two batches of transfers were written to the server: none of it stays.
cp "$S" "$T/gap.db"
sqlite3 "$T/gap.db" "INSERT INTO transfers (seq, ts, id, debit_account, credit_account, amount, ledger, code, flags, timeout, value_date) SELECT max(seq) + 10, max(ts) + 1, 'gap', 1, 2, 1, 1, 1, 0, 0, max(value_date) FROM transfers"
G=$(db_uri gap)
$FINBRIDGE copy --from "$T/gap.db" --to "$G" >/dev/null 2>"$T/g.err"
status=$?
[ "$status" -eq 2 ] && grep -q 'FB_ECORRUPT: transfer gap has sequence number' "$T/g.err" &&
    ok "a copy that fails midway says why" || fail "a copy that fails midway says why" "status $status" "$(cat "$T/g.err")"
expect_eq "it leaves the destination empty (no account, no transfer, no commit)" "0|0|0|0" \
    "$(psql_ "$G" "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM transfers), commits, last_timestamp FROM fb_book")"
$FINBRIDGE copy --from "$S" --to "$G" >"$T/g2.out" 2>&1
expect_eq "a copy into it then succeeds" 0 $?
end
