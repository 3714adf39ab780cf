# test_import_marked_cli.sh — a book marked by a cut-over that stopped between its parts (meta
# import_unfinished, docs/import.md "A large book") takes no write but import --recover: each
# write, from the command line or the server, is refused naming the mark and `finbridge import
# --recover`, and nothing is written (the book's dump is unchanged); reads and verify still run.
# The mark is the meta row a run killed between its parts leaves (test_import_parts_cli.sh kills
# a real one and checks these refusals there too); without it the same writes pass.
. tests/cli/lib.sh
F=$FINBRIDGE
B=$T/book.db
$F init --db "$B" >/dev/null 2>&1
token=$($F users add --db "$B" --name bank --role bank_officer 2>/dev/null |
    sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
echo "{\"id\":\"sm\",\"kind\":\"enterprise\",\"name\":\"沈阳小型机床厂\",\"uscc\":\"$(uscc 91210100MA0AAAA01)\",\"region\":\"210102\",\"industry\":\"3421\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" |
    $F parties create --db "$B" >/dev/null
echo '{"id":"f1","party":"sm","line":"inclusive","limit":"1000000.00","start_date":"2025-01-01","end_date":"2026-12-31","revolving":true}' |
    $F facilities create --db "$B" >/dev/null
echo '{"id":"L1","facility":"f1","amount":"600000.00","rate":"4.35","months":12,"method":"equal_installment","start_date":"2025-03-15"}' |
    $F loans create --db "$B" >/dev/null
printf '{"id":"bank:cash","ledger":1,"code":1001}\n{"id":"cust:a","ledger":1,"code":2011}\n' |
    $F accounts create --db "$B" >/dev/null
$F eod --db "$B" --date 2025-03-16 >/dev/null 2>&1
expect_eq "the book is set up, its days closed" 0 $?

echo "{\"id\":\"s2\",\"kind\":\"enterprise\",\"name\":\"大连小型船舶厂\",\"uscc\":\"$(uscc 91210200MA0AAAA02)\",\"region\":\"210202\",\"industry\":\"3731\",\"employees\":20,\"revenue\":\"4000000.00\",\"total_assets\":\"2000000.00\"}" >"$T/party.json"
echo '{"id":"f2","party":"sm","line":"inclusive","limit":"100000.00","start_date":"2025-03-17","end_date":"2026-12-31"}' >"$T/facility.json"
echo '{"id":"L2","facility":"f1","amount":"10000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2025-03-17"}' >"$T/loan.json"
echo '{"id":"t1","debit_account_id":"bank:cash","credit_account_id":"cust:a","amount":"10.00","ledger":1,"code":1}' >"$T/transfer.json"
echo '{"id":"a2","ledger":1,"code":2011}' >"$T/account.json"

# Each write the command line makes: NAME and its arguments ($T/NAME.json its input, if any).
writes() {
    w party parties create
    w facility facilities create
    w loan loans create
    w transfer transfers create
    w account accounts create
    w repay loans repay L1 --amount 1000.00 --prepay reduce_term
    w setting settings --set nonaccrual_days=80
    w eod eod --date 2025-03-17
    w lpr lpr set --date 2025-03-25 --one-year 3.00 --five-year 3.50
    w user users add --name auditor --role auditor
}
marked() {
    name=$1
    shift
    if [ -f "$T/$name.json" ]; then
        $F "$@" --db "$B" <"$T/$name.json" >"$T/$name.out" 2>"$T/$name.err"
    else
        $F "$@" --db "$B" >"$T/$name.out" 2>"$T/$name.err"
    fi
    status=$?
    if [ $status -ne 0 ] && grep -qE 'import run 7 stopped before it finished \(meta import_unfinished\).*takes no write until `finbridge import --db .*book.db --recover`' "$T/$name.out" "$T/$name.err"; then
        ok "$name ($*) is refused by the mark, exit $status"
    else
        fail "$name ($*) is refused by the mark" "exit $status" "$(head -c 400 "$T/$name.out")" "$(head -c 400 "$T/$name.err")"
    fi
}
dump() { sqlite3 "$B" .dump | sha256sum; }

before=$(dump)
sqlite3 "$B" "INSERT INTO meta VALUES ('import_unfinished', 7)"
marked_dump=$(dump)
w() { marked "$@"; }
writes
expect_eq "nothing was written by the refused writes" "$marked_dump" "$(dump)"

# Reads and verify still run.
$F parties get --db "$B" sm >"$T/read.out" 2>&1
expect_eq "a read runs on a marked book" 0 $?
expect_grep "and answers" '"id":"sm"' "$T/read.out"
$F loans get --db "$B" L1 >"$T/read2.out" 2>&1
expect_grep "a loan reads" '"id":"L1"' "$T/read2.out"
$F report credit --db "$B" --as-of 2025-03-16 >/dev/null 2>&1
expect_eq "a report reads" 0 $?
$F verify --db "$B" >"$T/verify.out" 2>&1
expect_eq "verify runs, and fails on the mark" 1 $?
expect_grep "verify names the run" "import run 7 stopped before it finished" "$T/verify.out"

# The server: its writes are refused the same way (422, the mark named), its reads answer.
$F serve --db "$B" --listen 127.0.0.1:0 --port-file "$T/port" 2>"$T/serve.log" &
server=$!
for _ in $(seq 1 100); do [ -s "$T/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$T/port")"
post() { # NAME PATH BODY-FILE
    code=$(curl -s -o "$T/api_$1.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary @"$3" "$url$2")
    if [ "$code" = 422 ] && grep -qE 'import run 7 stopped before it finished \(meta import_unfinished\).*finbridge import --db .*--recover' "$T/api_$1.json"; then
        ok "POST $2 is refused by the mark (422)"
    else
        fail "POST $2 is refused by the mark (422)" "status $code" "$(head -c 400 "$T/api_$1.json")"
    fi
}
post party /v1/parties "$T/party.json"
post facility /v1/facilities "$T/facility.json"
post loan /v1/loans "$T/loan.json"
post transfer /v1/transfers "$T/transfer.json"
echo '{"amount":"1000.00"}' >"$T/repay_api.json"
post repay /v1/loans/L1/repayments "$T/repay_api.json"
echo '{"date":"2025-03-17"}' >"$T/eod_api.json"
post eod /v1/eod "$T/eod_api.json"
code=$(curl -s -o "$T/api_get.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$url/v1/parties/sm")
expect_eq "a read through the server answers" 200 "$code"
expect_grep "with the party" '"id":"sm"' "$T/api_get.json"
kill -TERM $server
wait $server
expect_eq "the server wrote nothing either" "$marked_dump" "$(dump)"

# Without the mark the same writes pass: the refusals were the mark's.
sqlite3 "$B" "DELETE FROM meta WHERE key = 'import_unfinished'"
expect_eq "the book is as before the mark" "$before" "$(dump)"
w() {
    name=$1
    shift
    if [ -f "$T/$name.json" ]; then
        $F "$@" --db "$B" <"$T/$name.json" >"$T/$name.out" 2>"$T/$name.err"
    else
        $F "$@" --db "$B" >"$T/$name.out" 2>"$T/$name.err"
    fi
    expect_eq "$name ($*) passes on the book unmarked" 0 $?
}
writes
end
