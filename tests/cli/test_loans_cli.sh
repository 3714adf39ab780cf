# test_loans_cli.sh — drawdowns under a facility: the limit reserved, the money disbursed, the
# schedule stored, LPR pricing, and every refusal.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
echo "{\"id\":\"sm\",\"kind\":\"enterprise\",\"name\":\"沈阳小型机床厂\",\"uscc\":\"$(uscc 91210100MA0AAAA01)\",\"region\":\"210102\",\"industry\":\"3421\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" |
    $F parties create --db "$DB" >/dev/null
echo '{"id":"f1","party":"sm","line":"inclusive","limit":"1000000.00","start_date":"2025-01-01","end_date":"2025-12-31","revolving":true}' |
    $F facilities create --db "$DB" >/dev/null

cat >"$T/l.jsonl" <<'J'
{"id":"L1","facility":"f1","amount":"600000.00","rate":"4.35","months":12,"method":"equal_installment","start_date":"2025-03-15"}
{"id":"L2","facility":"f1","amount":"300000.00","lpr":"auto","spread_bp":-20,"months":12,"method":"bullet","start_date":"2025-06-05"}
J
$F loans create --db "$DB" <"$T/l.jsonl" >"$T/out"
expect_eq "two drawdowns" 0 $?
expect_grep "a fixed rate" '"id":"L1","result":"created","rate":"4.3500","maturity_date":"2026-03-15"' "$T/out"
expect_grep "LPR minus 20 bp" '"id":"L2","result":"created","rate":"2.8000","maturity_date":"2026-06-05"' "$T/out"
$F loans create --db "$DB" <"$T/l.jsonl" >"$T/out"
expect_eq "again: exists" 2 "$(grep -c '"result":"exists"' "$T/out")"

$F loans get --db "$DB" L2 >"$T/g"
expect_grep "the LPR it was priced on" '"lpr":"1y","lpr_base":"3.0000","lpr_date":"2025-05-20","spread_bp":-20' "$T/g"
expect_grep "principal outstanding from the ledger" '"principal_outstanding":"300000.00"' "$T/g"
expect_grep "inclusive in both scopes" '"inclusive":true,"inclusive_pboc":true' "$T/g"
$F facilities get --db "$DB" f1 >"$T/f"
expect_grep "the limit is reserved" '"available":"100000.00","drawn":"900000.00"' "$T/f"
$F parties get --db "$DB" sm >"$T/p"
expect_grep "the money is in the deposit account" '"deposit_balance":"900000.00"' "$T/p"
$F loans schedule --db "$DB" L1 --format csv >"$T/s"
expect_eq "the stored schedule is the calculator's" \
    "$($F schedule --principal 600000.00 --rate 4.35 --months 12 --method equal_installment --start 2025-03-15 --format csv)" \
    "$(cat "$T/s")"

cat >"$T/bad.jsonl" <<'J'
{"id":"L3","facility":"f1","amount":"100000.01","rate":"4.35","months":12,"method":"bullet","start_date":"2025-07-01"}
{"id":"L4","facility":"f1","amount":"1000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2026-01-05"}
{"id":"L5","facility":"f1","amount":"1000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2024-12-31"}
{"id":"L6","facility":"nope","amount":"1000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2025-07-01"}
{"id":"L7","facility":"f1","amount":"1000.00","rate":"0","months":12,"method":"bullet","start_date":"2025-07-01"}
{"id":"L8","facility":"f1","amount":"1000.00","rate":"24.01","months":12,"method":"bullet","start_date":"2025-07-01"}
{"id":"L9","facility":"f1","amount":"1000.00","rate":"4.35","months":0,"method":"bullet","start_date":"2025-07-01"}
{"id":"L10","facility":"f1","amount":"1000.00","rate":"4.35","lpr":"1y","months":12,"method":"bullet","start_date":"2025-07-01"}
{"id":"L11","facility":"f1","amount":"1000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2025-07-01","penalty_markup":"60"}
{"id":"L1","facility":"f1","amount":"600000.00","rate":"4.40","months":12,"method":"equal_installment","start_date":"2025-03-15"}
J
$F loans create --db "$DB" <"$T/bad.jsonl" >"$T/out"
expect_eq "refusals exit 1" 1 $?
expect_grep "beyond the available limit" '"line":1,.*"result":"exceeds_available_limit"' "$T/out"
expect_grep "after the facility's end" '"line":2,.*"result":"after_facility_end"' "$T/out"
expect_grep "before the facility's start" '"line":3,.*"result":"before_facility_start"' "$T/out"
expect_grep "an unknown facility" '"line":4,.*"result":"facility_not_found"' "$T/out"
expect_grep "a zero rate" '"line":5,.*"field":"rate","reason":"must be more than 0"' "$T/out"
expect_grep "above the ceiling" '"line":6,.*"field":"rate","reason":"is above the 24% ceiling"' "$T/out"
expect_grep "zero months" '"line":7,.*"field":"months"' "$T/out"
expect_grep "fixed and floating at once" '"line":8,.*"field":"rate","reason":"give either' "$T/out"
expect_grep "a penalty markup out of range" '"line":9,.*"field":"penalty_markup"' "$T/out"
expect_grep "a changed loan" '"line":10,.*"result":"exists_with_different","field":"rate"' "$T/out"
$F loans get --db "$DB" L3 L4 L5 L6 L7 L8 L9 L10 L11 >/dev/null 2>&1
expect_eq "no refused loan was written" 1 $?
$F facilities get --db "$DB" f1 >"$T/f"
expect_grep "the limit is as it was" '"available":"100000.00","drawn":"900000.00"' "$T/f"
$F verify --db "$DB" >/dev/null
expect_eq "verify passes" 0 $?

# The loan book and the ledger must agree: edits behind finbridge's back are found.
cp "$DB" "$T/t1.db"
sqlite3 "$T/t1.db" "UPDATE installments SET principal = principal + 1 WHERE n = 1"
$F verify --db "$T/t1.db" >"$T/v"
expect_eq "a schedule that does not repay its amount fails verify" 1 $?
expect_grep "and is named" "loan L.: schedule principal" "$T/v"
cp "$DB" "$T/t2.db"
sqlite3 "$T/t2.db" "UPDATE facilities SET limit_fen = limit_fen + 100"
$F verify --db "$T/t2.db" >"$T/v"
expect_grep "a facility's limit that the ledger does not hold" "facility f1: limit 100000100 fen, ledger holds 100000000 fen" "$T/v"
cp "$DB" "$T/t3.db"
sqlite3 "$T/t3.db" "UPDATE loans SET amount = amount + 1 WHERE id = 'L2'"
$F verify --db "$T/t3.db" >"$T/v"
expect_grep "a loan amount that was not disbursed" "loan L2: amount 30000001 fen, drawn 30000000, disbursed 30000000" "$T/v"
end
