# test_facilities_cli.sh — approving facilities: the limit on the off-balance ledger, inclusive
# status in both scopes, idempotency, refusals and bad input.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
cat >"$T/p.jsonl" <<J
{"id":"sm","kind":"enterprise","name":"辽阳小型机械厂","uscc":"$(uscc 91211000MA0AAAA01)","region":"211002","industry":"3421","employees":30,"revenue":"5000000.00","total_assets":"3000000.00"}
{"id":"big","kind":"enterprise","name":"鞍山钢铁集团","uscc":"$(uscc 91210300MA0AAAA02)","region":"210302","industry":"3120","employees":30000,"revenue":"50000000000.00","total_assets":"80000000000.00"}
J
$F parties create --db "$DB" <"$T/p.jsonl" >/dev/null
cat >"$T/f.jsonl" <<'J'
{"id":"f1","party":"sm","line":"inclusive","limit":"6000000.00","start_date":"2025-01-01","end_date":"2025-12-31","revolving":true}
{"id":"f2","party":"sm","line":"technology","limit":"4000000.00","start_date":"2025-01-01","end_date":"2025-12-31"}
{"id":"f3","party":"big","line":"green","limit":"500000000.00","start_date":"2025-01-01","end_date":"2027-12-31","green_item":"3.2.1","project":"LN-2025-017"}
J
$F facilities create --db "$DB" <"$T/f.jsonl" >"$T/out"
expect_eq "approval exits 0" 0 $?
expect_eq "three created" 3 "$(grep -c '"result":"created"' "$T/out")"
$F facilities create --db "$DB" <"$T/f.jsonl" >"$T/out"
expect_eq "again: exists" 3 "$(grep -c '"result":"exists"' "$T/out")"

$F facilities get --db "$DB" f1 f2 f3 >"$T/g"
expect_grep "the limit is available in the ledger" '"id":"f1".*"available":"6000000.00","drawn":"0.00"' "$T/g"
expect_grep "at exactly ten million: the regulator's scope only" \
    '"id":"f2".*"party_total_credit":"10000000.00","inclusive":true,"inclusive_pboc":false' "$T/g"
expect_grep "a large firm is not inclusive" '"id":"f3".*"inclusive":false' "$T/g"
expect_grep "green item and project kept" '"id":"f3".*"project":"LN-2025-017","green_item":"3.2.1"' "$T/g"
$F accounts get --db "$DB" obs:credit_commitments >"$T/c"
expect_grep "the commitments account carries every limit" '"debits_posted":"510000000.00"' "$T/c"

cat >"$T/bad.jsonl" <<'J'
{"id":"f9","party":"sm","line":"inclusive","limit":"0.01","start_date":"2025-01-01","end_date":"2025-12-31"}
{"id":"f10","party":"big","line":"inclusive","limit":"100.00","start_date":"2025-01-01","end_date":"2025-12-31"}
{"id":"f11","party":"nobody","line":"general","limit":"100.00","start_date":"2025-01-01","end_date":"2025-12-31"}
{"id":"f12","party":"big","line":"green","limit":"100.00","start_date":"2025-01-01","end_date":"2025-12-31"}
{"id":"f13","party":"big","line":"general","limit":"100.00","start_date":"2025-02-01","end_date":"2025-01-31"}
{"id":"f14","party":"big","line":"general","limit":"-5.00","start_date":"2025-01-01","end_date":"2025-01-31"}
{"id":"f15","party":"big","line":"consumer","limit":"5.00","start_date":"2025-01-01","end_date":"2025-01-31"}
{"id":"f1","party":"sm","line":"inclusive","limit":"7000000.00","start_date":"2025-01-01","end_date":"2025-12-31","revolving":true}
J
$F facilities create --db "$DB" <"$T/bad.jsonl" >"$T/out"
expect_eq "refusals exit 1" 1 $?
expect_grep "past ten million the inclusive line is refused" '"line":1,.*"result":"not_inclusive","reason":".*total credit 10000000.01 yuan' "$T/out"
expect_grep "a large firm on the inclusive line" '"line":2,.*"result":"not_inclusive"' "$T/out"
expect_grep "an unknown party" '"line":3,.*"result":"party_not_found"' "$T/out"
expect_grep "green needs its item" '"line":4,.*"field":"green_item"' "$T/out"
expect_grep "dates out of order" '"line":5,.*"field":"end_date","reason":"is before start_date"' "$T/out"
expect_grep "a negative limit" '"line":6,.*"field":"limit","reason":"is negative"' "$T/out"
expect_grep "an unknown line" '"line":7,.*"field":"line"' "$T/out"
expect_grep "a changed limit" '"line":8,.*"result":"exists_with_different","field":"limit"' "$T/out"
$F facilities get --db "$DB" f9 f10 f11 f12 f13 f14 f15 >/dev/null 2>&1
expect_eq "nothing of the refused was written" 1 $?
$F verify --db "$DB" >"$T/v"
expect_eq "verify passes" 0 $?
expect_grep "on two ledgers" "^verify: 2 ledgers" "$T/v"
end
