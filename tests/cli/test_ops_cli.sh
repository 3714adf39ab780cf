# test_ops_cli.sh — the operations a bank needs, from the command line: every write audited with
# the operating-system user (a batch an entry, a day an entry, a refusal an entry), the audit head
# against entries cut off the end, users disabled, revoked, rotated and given a password (never
# on the command line) against a running server, files mode 0600, an online backup while the
# server writes, and a restore that verifies first, refuses while the server has the book open
# and keeps the book it replaces.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
me=$(id -un)
umask 022
$F init --db "$DB" >/dev/null

# ---- Files -------------------------------------------------------------------------------------
mode() { stat -c %a "$1" 2>/dev/null; }
expect_eq "the book is created mode 600 (umask 022)" 600 "$(mode "$DB")"
expect_eq "its audit key is created beside it, mode 600" 600 "$(mode "$DB.audit-key")"

# ---- Every write audited ------------------------------------------------------------------------
audit() { $F audit list --db "$DB" --from "$1" --limit "${2:-1000}"; }
last_seq() { $F audit list --db "$DB" --limit 1000 | tail -n 1 | sed -E 's/.*"seq":([0-9]+).*/\1/'; }
audit 1 >"$T/a"
expect_grep "init leaves an entry with the OS user" "\"actor\":\"os:$me\",\"channel\":\"cli\",\"operation\":\"init\"" "$T/a"
n=$(last_seq)
awk 'BEGIN { for (i = 1; i <= 8200; i++) printf "{\"id\":\"A%d\",\"ledger\":1,\"code\":1}\n", i }' |
    $F accounts create --db "$DB" >/dev/null
audit $((n + 1)) >"$T/a"
expect_eq "a streaming create of 8,200 accounts: one entry per batch (two)" 2 "$(wc -l <"$T/a")"
expect_grep "each says its lines and results" '"operation":"accounts create".*"outcome":"accounts of lines 1-8189: 8189 created"' "$T/a"
expect_grep "the second batch too" '"outcome":"accounts of lines 8190-8200: 11 created"' "$T/a"
n=$(last_seq)
$F loans repay --db "$DB" NOPE --amount 5.00 >/dev/null 2>&1
expect_eq "a refused write: exit 1" 1 $?
audit $((n + 1)) >"$T/a"
expect_grep "it leaves one entry saying it was refused, with its arguments" \
    '"operation":"loans repay NOPE --amount 5.00".*"status":1,"result":"refused","outcome":"refused \(exit status 1\).*nothing written"' "$T/a"
expect_eq "and only that one" 1 "$(wc -l <"$T/a")"

# End of day: one entry a day.
echo "{\"id\":\"sm\",\"kind\":\"enterprise\",\"name\":\"沈阳小型机床厂\",\"uscc\":\"$(uscc 91210100MA0AAAA01)\",\"region\":\"210102\",\"industry\":\"3421\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" |
    $F parties create --db "$DB" >/dev/null
echo '{"id":"f1","party":"sm","line":"inclusive","limit":"1000000.00","start_date":"2025-01-01","end_date":"2025-12-31","revolving":true}' |
    $F facilities create --db "$DB" >/dev/null
echo '{"id":"L1","facility":"f1","amount":"600000.00","rate":"4.35","months":12,"method":"equal_installment","start_date":"2025-03-15"}' |
    $F loans create --db "$DB" >/dev/null
n=$(last_seq)
$F eod --db "$DB" --date 2025-03-17 >/dev/null 2>&1
audit $((n + 1)) >"$T/a"
expect_eq "end of day over three days: three entries" 3 "$(wc -l <"$T/a")"
expect_grep "each names the day it opens" '"operation":"eod --date 2025-03-17".*the business date is now 2025-03-18' "$T/a"

# ---- The audit head ----------------------------------------------------------------------------
$F audit head --db "$DB" >"$T/head"
expect_grep "audit head prints the line to keep" '^finbridge-audit-head seq=[0-9]+ alg=hmac-sha256 value=[0-9a-f]{64} key-id=[0-9a-f]{32}' "$T/head"
$F verify --db "$DB" --audit-head "$T/head" >"$T/v"
expect_eq "verify with the head: exit 0" 0 $?
expect_grep "it says the head's entry holds" 'audit head: entry [0-9]+ holds the value the head recorded' "$T/v"
cp "$DB" "$T/cut.db"
cp "$DB.audit-key" "$T/cut.db.audit-key"
sqlite3 "$T/cut.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 2 FROM audit)"
$F verify --db "$T/cut.db" >"$T/v"
expect_eq "the last two entries deleted: plain verify cannot tell" 0 $?
$F verify --db "$T/cut.db" --audit-head "$T/head" >"$T/v"
expect_eq "verify with the head: exit 1" 1 $?
expect_grep "it says entries were cut off the end" 'audit head: entry [0-9]+ is gone .*cut off the end' "$T/v"
echo "not a head" >"$T/bad"
$F verify --db "$DB" --audit-head "$T/bad" 2>"$T/e"
expect_eq "a file that is not a head: exit 2" 2 $?

# ---- Users and a running server ----------------------------------------------------------------
$F users add --db "$DB" --name carol --role bank_officer --password "carol-2025" 2>"$T/e"
expect_eq "a password on the command line is refused" 2 $?
expect_grep "with what to use instead" "with --password-stdin" "$T/e"
echo "carol-passphrase" | $F users add --db "$DB" --name carol --role bank_officer --password-stdin >"$T/u" 2>/dev/null
expect_eq "users add --password-stdin" 0 $?
token=$(field "$T/u" 1 token)
echo "short" | $F users passwd --db "$DB" carol --password-stdin 2>"$T/e"
expect_eq "a password under 8 bytes: refused" 1 $?
$F users passwd --db "$DB" carol </dev/null 2>"$T/e"
expect_eq "passwd without a terminal and without --password-stdin: exit 2" 2 $?
$F users list --db "$DB" >"$T/l"
expect_grep "users list shows what it has, never the token" '"name":"carol","role":"bank_officer","disabled":false,"token":true,"password":true' "$T/l"
if grep -q "$token" "$T/l"; then fail "users list never shows a token"; else ok "users list never shows a token"; fi
audit 1 >"$T/a"
if grep -q "carol-passphrase\|$token" "$T/a"; then fail "no password or token in the audit log"; else ok "no password or token in the audit log"; fi
expect_grep "users add is audited" '"operation":"users add --name carol --role bank_officer --password-stdin".*"result":"ok"' "$T/a"

$F serve --db "$DB" --listen 127.0.0.1:0 --port-file "$T/port" 2>"$T/serve.log" &
server=$!
for _ in $(seq 1 100); do [ -s "$T/port" ] && break; sleep 0.1; done
port=$(cat "$T/port")
url="http://127.0.0.1:$port"
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
expect_eq "the token works" 200 "$(code -H "Authorization: Bearer $token" "$url/v1/me")"
expect_eq "the WAL is mode 600 too" 600 "$(mode "$DB-wal")"
expect_eq "and the shared memory file" 600 "$(mode "$DB-shm")"
curl -s -c "$T/jar" -H 'Content-Type: application/json' -d '{"name":"carol","password":"carol-passphrase"}' "$url/v1/session" >/dev/null
expect_eq "a dashboard session" 200 "$(code -b "$T/jar" "$url/v1/me")"
$F users rotate --db "$DB" carol >"$T/r" 2>/dev/null
new=$(field "$T/r" 1 token)
expect_eq "rotate: the old token stops" 401 "$(code -H "Authorization: Bearer $token" "$url/v1/me")"
expect_eq "rotate: the new one works" 200 "$(code -H "Authorization: Bearer $new" "$url/v1/me")"
$F users disable --db "$DB" carol >/dev/null
expect_eq "disable: the token stops" 401 "$(code -H "Authorization: Bearer $new" "$url/v1/me")"
expect_eq "disable: the session stops on its next request" 401 "$(code -b "$T/jar" "$url/v1/me")"
expect_eq "disable: the password no longer logs in" 401 \
    "$(code -H 'Content-Type: application/json' -d '{"name":"carol","password":"carol-passphrase"}' "$url/v1/session")"
$F users enable --db "$DB" carol >/dev/null
expect_eq "enable: the token works again" 200 "$(code -H "Authorization: Bearer $new" "$url/v1/me")"
echo "carol-new-passphrase" | $F users passwd --db "$DB" carol --password-stdin >/dev/null
expect_eq "passwd: the new password logs in" 200 \
    "$(code -H 'Content-Type: application/json' -d '{"name":"carol","password":"carol-new-passphrase"}' "$url/v1/session")"
if command -v script >/dev/null 2>&1; then # a terminal: the prompt, echo off, asked twice
    (sleep 2; printf 'carol-typed-passphrase\n'; sleep 1; printf 'carol-typed-passphrase\n'; sleep 1) |
        script -qec "$F users passwd --db $DB carol" /dev/null >"$T/tty" 2>&1
    expect_grep "passwd asks on a terminal" 'Password: .*Again: ' "$(tr -d '\r\n' <"$T/tty" >"$T/tty1"; echo "$T/tty1")"
    if grep -q "carol-typed" "$T/tty"; then fail "the typed password is not echoed"; else ok "the typed password is not echoed"; fi
    expect_eq "the typed password logs in" 200 \
        "$(code -H 'Content-Type: application/json' -d '{"name":"carol","password":"carol-typed-passphrase"}' "$url/v1/session")"
fi
$F users revoke --db "$DB" carol >/dev/null
expect_eq "revoke: the token stops" 401 "$(code -H "Authorization: Bearer $new" "$url/v1/me")"
$F users revoke --db "$DB" carol 2>"$T/e"
expect_eq "revoke again: refused" 1 $?
audit 1 >"$T/a"
for verb in rotate disable enable passwd revoke; do
    expect_grep "users $verb is audited" "\"operation\":\"users $verb carol.*\"result\":\"ok\"" "$T/a"
done

# ---- Backup while the server writes, restore ---------------------------------------------------
bank=$(echo "bank-passphrase" | $F users add --db "$DB" --name bank --role bank_officer --password-stdin 2>/dev/null |
    sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
writer() { # $1: first id; posts transfers one request at a time
    i=$1
    while [ ! -f "$T/stop" ]; do
        curl -s -o /dev/null -H "Authorization: Bearer $bank" -H 'Content-Type: application/json' \
            -d "[{\"id\":\"W$i\",\"debit_account_id\":\"A1\",\"credit_account_id\":\"A2\",\"amount\":\"1.00\",\"ledger\":1,\"code\":1}]" \
            "$url/v1/transfers"
        i=$((i + 1))
    done
}
writer 1 &
w1=$!
writer 100000 &
w2=$!
sleep 1
$F backup --db "$DB" --to "$T/backup.db" >"$T/b" 2>"$T/e"
expect_eq "backup while the server writes: exit 0" 0 $?
expect_grep "it says the copy verified" '"backup":".*backup.db","bytes":[0-9]+,"verified":true' "$T/b"
sleep 1
touch "$T/stop"
wait $w1 $w2
expect_eq "the backup is mode 600" 600 "$(mode "$T/backup.db")"
audit 1 >"$T/a"
expect_grep "the API's writes have the same fields" '"actor":"bank","channel":"api","operation":"POST /v1/transfers","request_id":"[^"]+","status":[0-9]+,"result":"ok"' "$T/a"
FINBRIDGE_AUDIT_KEY="$DB.audit-key" $F verify --db "$T/backup.db" >"$T/v"
expect_eq "the copy verifies with the book's key" 0 $?
$F verify --db "$T/backup.db" >"$T/v"
expect_eq "without the key its audit log cannot be checked" 1 $?
in_copy=$(sqlite3 "$T/backup.db" "SELECT count(*) FROM transfers")
in_book=$(sqlite3 "$DB" "SELECT count(*) FROM transfers")
if [ "$in_copy" -gt 0 ] && [ "$in_book" -gt "$in_copy" ]; then
    ok "the copy holds the writes up to its moment ($in_copy of $in_book)"
else
    fail "the copy holds the writes up to its moment" "copy $in_copy, book $in_book"
fi
$F backup --db "$DB" --to "$T/backup.db" 2>"$T/e"
expect_eq "a backup never overwrites a file" 1 $?

$F restore --from "$T/backup.db" --db "$DB" 2>"$T/e"
expect_eq "restore while the server has the book open: refused" 1 $?
expect_grep "it says why" 'open by another process' "$T/e"
expect_eq "the book is untouched" "$in_book" "$(sqlite3 "$DB" "SELECT count(*) FROM transfers")"
kill $server
wait $server
audit 1 >"$T/a"
expect_grep "the refused restore is audited in the book" '"operation":"restore --from .*backup.db","request_id":"cli-[0-9a-f]+","status":1,"result":"refused"' "$T/a"
$F audit head --db "$DB" >"$T/head"

cp "$T/backup.db" "$T/bad.db"
sqlite3 "$T/bad.db" "DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'nothing' WHERE seq = 3"
$F restore --from "$T/bad.db" --db "$DB" >/dev/null 2>"$T/e"
expect_eq "a backup that does not verify: refused" 1 $?
expect_grep "it says so" 'does not verify' "$T/e"
expect_eq "the book is untouched" "$in_book" "$(sqlite3 "$DB" "SELECT count(*) FROM transfers")"

$F restore --from "$T/backup.db" --db "$DB" >"$T/r" 2>"$T/e"
expect_eq "restore: exit 0" 0 $?
kept=$(sed -E 's/.*"kept":"([^"]*)".*/\1/' "$T/r")
expect_eq "the book is the backup's" "$in_copy" "$(sqlite3 "$DB" "SELECT count(*) FROM transfers")"
expect_eq "the book it replaced is kept" "$in_book" "$(sqlite3 "$kept" "SELECT count(*) FROM transfers")"
expect_eq "the restored book is mode 600" 600 "$(mode "$DB")"
$F verify --db "$DB" >"$T/v"
expect_eq "the restored book verifies" 0 $?
audit 1 >"$T/a"
expect_grep "its last entry says where it came from" '"operation":"restore --from .*backup.db".*"outcome":"restored from .*backup.db, verified; the book it replaced is kept as ' "$T/a"
$F verify --db "$DB" --audit-head "$T/head" >"$T/v"
expect_eq "the head taken before the restore names entries the backup never had" 1 $?
ls "$T" | grep -q 'restore-' && fail "no copy is left behind" || ok "no copy is left behind"

# ---- Without its key a keyed book takes no write ----------------------------------------------
mv "$DB.audit-key" "$T/key.away"
echo '{"id":"NOKEY","ledger":1,"code":1}' | $F accounts create --db "$DB" >/dev/null 2>"$T/e"
expect_eq "a write without the audit key: exit 2" 2 $?
expect_grep "it says the key is missing" 'its key .*audit-key is missing' "$T/e"
expect_eq "nothing was written" 0 "$(sqlite3 "$DB" "SELECT count(*) FROM accounts WHERE id = 'NOKEY'")"
FINBRIDGE_AUDIT_KEY="$T/key.away" $F verify --db "$DB" >/dev/null
expect_eq "the key named by FINBRIDGE_AUDIT_KEY verifies the book" 0 $?
mv "$T/key.away" "$DB.audit-key"
end
