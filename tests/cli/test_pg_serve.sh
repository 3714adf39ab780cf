#!/bin/sh
# test_pg_serve.sh — `finbridge serve` on a book of a real three-node PostgreSQL cluster
# (scripts/pg-cluster.sh), started here under $FB_TEST_TMP and stopped at the end: users made
# from the command line log in (a password for the dashboard's session, a token for the API);
# accounts and transfers are created over HTTP and their balances read; a role's limits hold;
# a route that needs the loan book answers 501 FB_ENOTSUP, audited, nothing run; every write is
# in the audit log and verify proves both chains. Then the primary is SIGKILLed while a client
# writes batch after batch, a standby is promoted, and every batch the server acknowledged is on
# the new primary, each transfer once.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
C=$T/pg
[ "$(id -u)" -ne 0 ] || chmod 711 "$FB_TEST_TMP" "$T"
cluster() { sh "$root/scripts/pg-cluster.sh" "$@"; }
server_pid=""
stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
}
trap 'stop_server; cluster stop "$C" >/dev/null 2>&1' EXIT
if ! cluster start "$C" >"$T/start.out" 2>&1; then
    fail "the cluster starts" "$(cat "$T/start.out")"
    end
    exit 1
fi
ok "the cluster starts: a primary and two synchronous standbys"
URI=$(cat "$C/uri")
psql_() { psql -X -q -At -d "$1" -c "$2" 2>&1; }
B=$(echo "$URI" | sed "s|/finbridge?|/served?|")
export FINBRIDGE_AUDIT_KEY="$T/audit-key"

$FINBRIDGE init --db "$B" >/dev/null 2>&1
expect_eq "init" 0 $?
printf 'pw-of-the-officer\n' | $FINBRIDGE users add --db "$B" --name officer --role bank_officer --password-stdin >"$T/u1" 2>/dev/null
TOKEN=$(field "$T/u1" 1 token)
$FINBRIDGE users add --db "$B" --name reader --role auditor >"$T/u2" 2>/dev/null
READER=$(field "$T/u2" 1 token)
expect_eq "two users, each with its token" "64 64" "${#TOKEN} ${#READER}"

$FINBRIDGE serve --db "$B" --listen 127.0.0.1:0 --port-file "$T/port" --threads 2 \
    --request-log off >"$T/serve.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$T/port" ] && [ "$i" -lt 300 ] && kill -0 "$server_pid" 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
PORT=$(cat "$T/port" 2>/dev/null)
if [ -z "$PORT" ]; then
    fail "serve starts on the PostgreSQL book" "$(head -c 600 "$T/serve.log")"
    end
    exit 1
fi
ok "serve starts on the PostgreSQL book (port $PORT)"

# api METHOD PATH TOKEN [BODY]: the answer's body in $T/resp, its status printed.
api() {
    if [ -n "$4" ]; then
        curl -s -o "$T/resp" -w '%{http_code}' --max-time 120 -X "$1" -H "Authorization: Bearer $3" \
            -H 'Content-Type: application/json' --data-binary "$4" "http://127.0.0.1:$PORT$2"
    else
        curl -s -o "$T/resp" -w '%{http_code}' --max-time 120 -X "$1" -H "Authorization: Bearer $3" \
            "http://127.0.0.1:$PORT$2"
    fi
}

# Logging in: the password checked against the book on the cluster.
code=$(curl -s -o "$T/login" -w '%{http_code}' -c "$T/jar" -H 'Content-Type: application/json' \
    --data-binary '{"name":"officer","password":"pw-of-the-officer"}' "http://127.0.0.1:$PORT/v1/session")
expect_eq "log in with the password" 200 "$code"
expect_grep "the session names the user and role" '"name":"officer","role":"bank_officer"' "$T/login"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary '{"name":"officer","password":"wrong-password"}' "http://127.0.0.1:$PORT/v1/session")
expect_eq "a wrong password is refused" 401 "$code"
code=$(curl -s -o "$T/me" -w '%{http_code}' -b "$T/jar" "http://127.0.0.1:$PORT/v1/me")
expect_eq "the session's cookie authenticates" 200 "$code"
expect_eq "a bad token is refused" 401 "$(api GET /v1/accounts/src 0000000000000000000000000000000000000000000000000000000000000000)"

# The ledger over HTTP.
code=$(api POST /v1/accounts "$TOKEN" '[{"id":"src","ledger":1,"code":1},{"id":"dst","ledger":1,"code":1,"flags":["history"]},{"id":"lim","ledger":1,"code":1,"flags":["debits_must_not_exceed_credits"]}]')
expect_eq "POST /v1/accounts" 200 "$code"
expect_eq "three accounts created" 3 "$(grep -o '"result":"created"' "$T/resp" | wc -l | tr -d ' ')"
code=$(api POST /v1/transfers "$TOKEN" '[{"id":"t1","debit_account_id":"src","credit_account_id":"dst","amount":"12.34","ledger":1,"code":1},{"id":"t2","debit_account_id":"lim","credit_account_id":"dst","amount":"1.00","ledger":1,"code":1}]')
expect_eq "POST /v1/transfers" 200 "$code"
expect_grep "a transfer is created" '"id":"t1","result":"created"' "$T/resp"
expect_grep "a limit holds" '"id":"t2","result":"exceeds_credits"' "$T/resp"
code=$(api POST /v1/transfers "$TOKEN" '[{"id":"t1","debit_account_id":"src","credit_account_id":"dst","amount":"12.34","ledger":1,"code":1}]')
expect_grep "the same transfer again answers exists" '"id":"t1","result":"exists"' "$T/resp"
expect_eq "GET an account" 200 "$(api GET /v1/accounts/dst "$READER")"
expect_grep "its balance" '"credits_posted":"12.34"' "$T/resp"
expect_eq "GET its balance history" 200 "$(api GET /v1/accounts/dst/balances "$READER")"
expect_grep "the history's last balance" '"credits_posted":"12.34"' "$T/resp"
expect_eq "GET its transfers" 200 "$(api GET /v1/accounts/dst/transfers "$READER")"
expect_grep "the transfer listed" '"id":"t1"' "$T/resp"
expect_eq "GET a transfer" 200 "$(api GET /v1/transfers/t1 "$READER")"
expect_eq "an auditor may not write" 403 "$(api POST /v1/accounts "$READER" '[{"id":"x","ledger":1,"code":1}]')"

# Routes of the rooms not on PostgreSQL: a clear refusal, never a crash.
expect_eq "GET /v1/loans/{id}: 501" 501 "$(api GET /v1/loans/L1 "$READER")"
expect_grep "it names its code" '"code":"FB_ENOTSUP"' "$T/resp"
expect_grep "and the loan book, not yet on PostgreSQL" 'needs the loan book .*not yet on PostgreSQL' "$T/resp"
expect_eq "POST /v1/facilities: 501" 501 "$(api POST /v1/facilities "$TOKEN" '[{"id":"F1"}]')"
expect_eq "the server still answers" 200 "$(api GET /healthz "$READER")"

stop_server
$FINBRIDGE audit list --db "$B" >"$T/audit"
expect_eq "every write over HTTP is audited (4 by the officer, the auditor's 403)" 5 \
    "$(grep -c '"channel":"api"' "$T/audit")"
expect_grep "the refused route's entry" '"actor":"officer","channel":"api","operation":"POST /v1/facilities".*"status":501' "$T/audit"
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "verify passes: the ledger, its chain, the audit log" 0 $?
expect_grep "verify counts the seals and the entries" '[1-9][0-9]* sealed batches, [1-9][0-9]* audit entries.*ok' "$T/verify"

# --read-db: the request threads read from the standbys (REPEATABLE READ READ ONLY), the writer
# writes on the primary.
$FINBRIDGE serve --db "$B" --read-db "$T/book.db" --listen 127.0.0.1:0 >"$T/rd.bad" 2>&1
expect_eq "--read-db names a standby of the cluster, never a file" 2 $?
RD="postgresql://finbridge@127.0.0.1:$(cat "$C/n2.port"),127.0.0.1:$(cat "$C/n3.port")/served?target_session_attrs=standby&connect_timeout=3"
$FINBRIDGE serve --db "$B" --read-db "$RD" --listen 127.0.0.1:0 --port-file "$T/port1" \
    --threads 2 --request-log off >"$T/serve1.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$T/port1" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port1")
expect_eq "with --read-db a write goes to the primary" 200 \
    "$(api POST /v1/accounts "$TOKEN" '[{"id":"seen","ledger":1,"code":1}]')"
i=0
while [ "$(api GET /v1/accounts/seen "$READER")" != 200 ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_grep "and a read through a standby sees it" '"id":"seen"' "$T/resp"
readers=0
for n in n2 n3; do
    k=$(psql_ "postgresql://finbridge@127.0.0.1:$(cat "$C/$n.port")/postgres" \
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'served'")
    readers=$((readers + ${k:-0}))
done
[ "$readers" -ge 1 ] && ok "the reads run on a standby ($readers connections)" ||
    fail "the reads run on a standby" "no connection to the book on n2 or n3"
stop_server

# Both standbys stopped: the commit's wait for one is cancelled at the commit timeout (2 s here),
# and the group is in doubt; the writer runs it again, the same request, and answers nothing
# until its outcome is known. The standbys are back within the 30 s it tries: the answer is 200,
# the transfer once.
pgbin=/usr/lib/postgresql/15/bin
as() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
SHORT="$B&options=-c%20finbridge.commit_timeout%3D2000"
$FINBRIDGE serve --db "$SHORT" --listen 127.0.0.1:0 --port-file "$T/port3" --threads 2 \
    --request-log off >"$T/serve3.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$T/port3" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port3")
for n in n2 n3; do as "$pgbin/pg_ctl" -D "$C/$n" -m fast -w stop >/dev/null 2>&1; done
start=$(date +%s)
api POST /v1/transfers "$TOKEN" '[{"id":"doubt1","debit_account_id":"src","credit_account_id":"dst","amount":"3.00","ledger":1,"code":1}]' >"$T/doubt.code" &
client_pid=$!
sleep 6
kill -0 "$client_pid" 2>/dev/null && ok "standbys down: the write is not answered while in doubt" ||
    fail "standbys down: the write is not answered while in doubt" "answered $(cat "$T/doubt.code") $(head -c 300 "$T/resp")"
for n in n2 n3; do
    as "$pgbin/pg_ctl" -D "$C/$n" -l "$C/$n.log" -w -t 30 -o "-p $(cat "$C/$n.port") -k $C/$n -c listen_addresses=127.0.0.1" start >/dev/null 2>&1
done
wait "$client_pid"
took=$(($(date +%s) - start))
expect_eq "standbys back: the write is answered once known" 200 "$(cat "$T/doubt.code")"
expect_grep "its transfer written (by the first try: exists)" '"id":"doubt1","result":"(created|exists)"' "$T/resp"
expect_eq "the transfer once" 1 "$(psql_ "$B" "SELECT count(*) FROM transfers WHERE id = 'doubt1'")"
[ "$took" -le 45 ] && ok "bounded ($took s)" || fail "bounded" "took $took s"
stop_server

# The primary SIGKILLed while a client writes batch after batch; a standby promoted; the server
# finds it through the URI and goes on. An answer 200 is an acknowledgement: each of its
# transfers must be on the new primary.
$FINBRIDGE serve --db "$B" --listen 127.0.0.1:0 --port-file "$T/port2" --threads 2 \
    --request-log off >"$T/serve2.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$T/port2" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port2")
batches=40
# The client does what a client of a bank's API does with a 503 (no primary yet, or in doubt): it
# sends the same batch again after a pause (the transfers' ids make that safe), for at most 60 s
# over the whole run; while no primary is reachable a 503 comes back at once, so a client that
# moved on would spend its batches before the promotion.
client() {
    b=0
    retries=0
    while [ "$b" -lt "$batches" ]; do
        body=$(awk -v b="$b" 'BEGIN { printf "["; for (k = 0; k < 25; k++) printf "%s{\"id\":\"k%d-%d\",\"debit_account_id\":\"src\",\"credit_account_id\":\"dst\",\"amount\":\"0.01\",\"ledger\":1,\"code\":1}", (k ? "," : ""), b, k; printf "]" }')
        while :; do
            code=$(curl -s -o "$T/k.$b" -w '%{http_code}' --max-time 120 -H "Authorization: Bearer $TOKEN" \
                -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:$PORT/v1/transfers")
            [ "$code" = 503 ] && [ "$retries" -lt 300 ] || break
            echo "$b $code" >>"$T/k.retried"
            retries=$((retries + 1))
            sleep 0.2
        done
        echo "$b $code" >>"$T/k.codes"
        b=$((b + 1))
    done
}
client &
client_pid=$!
i=0
while [ "$(cat "$T/k.codes" 2>/dev/null | wc -l)" -lt 3 ] && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
pm=$(head -n 1 "$C/n1/postmaster.pid")
kids=""
for st in /proc/[0-9]*/status; do # the postmaster's children (its backends), by parent pid
    grep -q "^PPid:[[:space:]]*$pm\$" "$st" 2>/dev/null || continue
    pid=${st#/proc/}
    kids="$kids ${pid%/status}"
done
# shellcheck disable=SC2086
kill -9 "$pm" $kids
at_kill=$(wc -l <"$T/k.codes" | tr -d ' ')
sleep 1
promoted=$(cluster failover "$C" 2>&1)
expect_grep "a standby is promoted" '^n[23]$' "$(echo "$promoted" >"$T/promoted"; echo "$T/promoted")"
wait "$client_pid"
kill -0 "$server_pid" 2>/dev/null && ok "the server lives through the failover" || fail "the server lives through the failover" "$(tail -n 5 "$T/serve2.log")"
acked=$(awk '$2 == 200' "$T/k.codes" | wc -l | tr -d ' ')
other=$(awk '$2 != 200 { print $2 }' "$T/k.codes" | sort | uniq -c | tr '\n' ' ')
[ "$acked" -gt "$at_kill" ] &&
    ok "the writes go on after the failover ($at_kill answered at the kill, $acked of $batches acknowledged${other:+; others: $other})" ||
    fail "the writes go on after the failover" "$at_kill then $acked acknowledged; others: $other" "$(tail -n 5 "$T/serve2.log")"
bad=$(cat "$T/k.codes" "$T/k.retried" 2>/dev/null | awk '$2 != 200 && $2 != 503 { print $2 }' | wc -l | tr -d ' ')
expect_eq "every other answer is a 503 (retry), never a 500" 0 "$bad"
: >"$T/acked.ids"
for b in $(awk '$2 == 200 { print $1 }' "$T/k.codes"); do
    grep -o '"id":"k[0-9-]*","result":"\(created\|exists\)"' "$T/k.$b" | sed 's/"id":"\([^"]*\)".*/\1/' >>"$T/acked.ids"
done
sort -o "$T/acked.ids" "$T/acked.ids"
expect_eq "each acknowledged batch answered all its transfers" $((acked * 25)) "$(wc -l <"$T/acked.ids" | tr -d ' ')"
psql_ "$B" "SELECT id FROM transfers WHERE id LIKE 'k%'" | sort >"$T/stored.ids"
expect_eq "every acknowledged transfer is on the new primary" 0 "$(comm -23 "$T/acked.ids" "$T/stored.ids" | wc -l | tr -d ' ')"
expect_eq "each once" "$(wc -l <"$T/stored.ids" | tr -d ' ')" "$(psql_ "$B" "SELECT count(DISTINCT id) FROM transfers WHERE id LIKE 'k%'")"
stop_server
$FINBRIDGE verify --db "$B" >"$T/verify2" 2>&1
expect_eq "after the failover verify passes (both chains whole)" 0 $?
end
