#!/bin/sh
# test_pg_standby.sh — a synchronous standby SIGKILLed while a stream of batches is written, on a
# three-node cluster (scripts/pg-cluster.sh, synchronous_standby_names = 'ANY 1 (n2, n3)')
# started here under $FB_TEST_TMP and stopped at the end. One `finbridge transfers create` reads
# its lines from a pipe fed a batch (FB_BATCH_MAX lines) at a time: a batch with all three up;
# n2 killed (its postmaster and every child), a batch (n3 acknowledges it); n2 restarted and
# streaming again, n3 killed, a batch (n2 acknowledges it); n3 restarted, a last batch. Every
# batch is acknowledged while a standby is down, every acknowledged transfer is on the primary
# and, once they catch up, on both standbys, each once; verify passes.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
C=$T/pg
[ "$(id -u)" -ne 0 ] || chmod 711 "$FB_TEST_TMP" "$T"
cluster() { sh "$root/scripts/pg-cluster.sh" "$@"; }
writer_pid=""
trap 'exec 7>&-; [ -z "$writer_pid" ] || kill "$writer_pid" 2>/dev/null; cluster stop "$C" >/dev/null 2>&1' EXIT
if ! cluster start "$C" >"$T/start.out" 2>&1; then
    fail "the cluster starts" "$(cat "$T/start.out")"
    end
    exit 1
fi
ok "the cluster starts: a primary and two synchronous standbys (ANY 1)"
URI=$(cat "$C/uri")
psql_() { psql -X -q -At -d "$1" -c "$2" 2>&1; }
B=$(echo "$URI" | sed "s|/finbridge?|/standby?|")
export FINBRIDGE_AUDIT_KEY="$T/audit-key" # a book on a server: its key's file named
PRIMARY=$(echo "$URI" | sed "s|/finbridge?|/postgres?|")
node_uri() { echo "postgresql://finbridge@127.0.0.1:$(cat "$C/$1.port")/standby?connect_timeout=3"; }
pgbin=/usr/lib/postgresql/15/bin
as() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
batch=8189 # FB_BATCH_MAX: a chunk of the pipe is one batch

$FINBRIDGE init --db "$B" >/dev/null 2>&1
printf '%s\n' '{"id":"src","ledger":1,"code":1}' '{"id":"dst","ledger":1,"code":1}' |
    $FINBRIDGE accounts create --db "$B" >"$T/acc" 2>&1
expect_eq "the book's accounts" 2 "$(grep -c '"result":"created"' "$T/acc")"

kill_node() { # kill_node NODE: SIGKILL its postmaster and every child of it
    pm=$(head -n 1 "$C/$1/postmaster.pid")
    kids=""
    for st in /proc/[0-9]*/status; do
        grep -q "^PPid:[[:space:]]*$pm\$" "$st" 2>/dev/null || continue
        pid=${st#/proc/}
        kids="$kids ${pid%/status}"
    done
    # shellcheck disable=SC2086
    kill -9 "$pm" $kids
    killed_pm=$pm
}
gone() { [ ! -e "/proc/$1" ] || grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
# start_node NODE: once the killed postmaster is gone, starts the node again (without the pipe's
# end, which it would hold open for ever, so that the writer never saw its end). A postmaster dead
# but not yet reaped (a zombie) still answers kill(pid, 0), which PostgreSQL takes for a server
# running on its lock files: those are removed then, as an operator would after checking.
start_node() {
    wait_for 30 gone "$killed_pm" || fail "$1's killed postmaster $killed_pm is gone"
    [ ! -e "/proc/$killed_pm" ] || rm -f "$C/$1/postmaster.pid" "$C/$1"/.s.PGSQL.*.lock
    as "$pgbin/pg_ctl" -D "$C/$1" -l "$C/$1.log" -w -t 30 \
        -o "-p $(cat "$C/$1.port") -k $C/$1 -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 7>&-
}
streaming() { # streaming NODE: whether the primary streams to it
    [ "$(psql_ "$PRIMARY" "SELECT count(*) FROM pg_stat_replication WHERE application_name = '$1' AND state = 'streaming'")" = 1 ]
}
down() { ! streaming "$1" && ! psql_ "$(node_uri "$1")" "SELECT 1" >/dev/null; }
wait_for() { # wait_for SECONDS COMMAND...: until COMMAND succeeds, bounded
    limit=$(($1 * 10))
    shift
    i=0
    while ! "$@"; do
        i=$((i + 1))
        [ "$i" -lt "$limit" ] || return 1
        sleep 0.1
    done
}
acked() { grep -c '"result":"created"' "$T/out"; }
acked_at_least() { [ "$(acked)" -ge "$1" ]; }
chunk() { # chunk K: batch K's lines into the pipe
    awk -v k="$1" -v n="$batch" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"s%d-%d\",\"debit_account_id\":\"src\",\"credit_account_id\":\"dst\",\"amount\":\"0.01\",\"ledger\":1,\"code\":1}\n", k, i }' >&7
}
# step K WHAT: feeds batch K and expects it acknowledged within 60 s
step() {
    start=$(date +%s)
    chunk "$1"
    if wait_for 60 acked_at_least $(($1 * batch)); then
        ok "$2: batch $1 acknowledged ($(($(date +%s) - start)) s)"
    else
        fail "$2: batch $1 acknowledged" "$(acked) acknowledged" "$(tail -n 3 "$T/err")"
    fi
}

mkfifo "$T/in"
$FINBRIDGE transfers create --db "$B" <"$T/in" >"$T/out" 2>"$T/err" &
writer_pid=$!
exec 7>"$T/in"
step 1 "all three up"
kill_node n2
wait_for 30 down n2 && ok "n2 is down: the primary streams to n3 alone" || fail "n2 is down"
step 2 "n2 SIGKILLed, n3 acknowledges"
start_node n2
wait_for 30 streaming n2 && ok "n2 restarted and streams again" || fail "n2 restarted and streams again"
kill_node n3
wait_for 30 down n3 && ok "n3 is down: the primary streams to n2 alone" || fail "n3 is down"
step 3 "n3 SIGKILLed, n2 acknowledges"
start_node n3
wait_for 30 streaming n3 && ok "n3 restarted and streams again" || fail "n3 restarted and streams again"
step 4 "both back"
exec 7>&-
wait "$writer_pid"
status=$?
writer_pid=""
expect_eq "the writer ends well" 0 "$status"
all=$((4 * batch))
expect_eq "every transfer acknowledged" "$all" "$(acked)"
grep -o '"id":"s[0-9-]*","result":"created"' "$T/out" | sed 's/"id":"\([^"]*\)".*/\1/' | sort >"$T/acked.ids"
psql_ "$B" "SELECT id FROM transfers WHERE id LIKE 's%'" | sort >"$T/stored.ids"
expect_eq "every acknowledged transfer is on the primary" 0 "$(comm -23 "$T/acked.ids" "$T/stored.ids" | wc -l | tr -d ' ')"
expect_eq "each once" "$all" "$(psql_ "$B" "SELECT count(DISTINCT id) FROM transfers WHERE id LIKE 's%'")"
for n in n2 n3; do
    caught_up() { [ "$(psql_ "$(node_uri "$1")" "SELECT count(*) FROM transfers WHERE id LIKE 's%'")" = "$all" ]; }
    wait_for 30 caught_up "$n" && ok "$n holds every acknowledged transfer" ||
        fail "$n holds every acknowledged transfer" "$(psql_ "$(node_uri "$n")" "SELECT count(*) FROM transfers")"
done
$FINBRIDGE verify --db "$B" >"$T/verify" 2>&1
expect_eq "verify passes" 0 $?
$FINBRIDGE accounts get --db "$B" dst >"$T/dst"
expect_grep "the balance is every transfer's" "\"credits_posted\":\"$((all / 100)).$((all % 100))\"" "$T/dst"
end
