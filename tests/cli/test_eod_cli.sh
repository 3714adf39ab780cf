# test_eod_cli.sh — end of day and repayment from the command line: days closed once, a progress
# line a day, repayments with their allocation, refusals that name the reason and write nothing,
# write-off of a loss loan, and verify after each step.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
echo "{\"id\":\"sm\",\"kind\":\"enterprise\",\"name\":\"沈阳小型机床厂\",\"uscc\":\"$(uscc 91210100MA0AAAA01)\",\"region\":\"210102\",\"industry\":\"3421\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" |
    $F parties create --db "$DB" >/dev/null
echo '{"id":"f1","party":"sm","line":"inclusive","limit":"1000000.00","start_date":"2025-01-01","end_date":"2025-12-31","revolving":true}' |
    $F facilities create --db "$DB" >/dev/null
cat <<'J' | $F loans create --db "$DB" >/dev/null
{"id":"L1","facility":"f1","amount":"600000.00","rate":"4.35","months":12,"method":"equal_installment","start_date":"2025-03-15"}
{"id":"L2","facility":"f1","amount":"100000.00","rate":"4.00","months":3,"method":"bullet","start_date":"2025-03-15"}
J
echo '{"id":"ext:clearing","ledger":1,"code":3001}' | $F accounts create --db "$DB" >/dev/null

$F settings --db "$DB" >"$T/s"
expect_grep "the default ceiling, no business date yet" '^\{"rate_ceiling":"24.0000",.*"business_date":null\}$' "$T/s"
$F settings --db "$DB" --rate-ceiling 30 2>"$T/e"
expect_eq "a ceiling above 24%: refused" 1 $?
expect_grep "it says the bound" 'rate_ceiling must be from 0.0001% to 24.0000%, not 30.0000%' "$T/e"
$F settings --db "$DB" --rate-ceiling 12.5 >"$T/s"
expect_grep "a lower ceiling" '"rate_ceiling":"12.5000"' "$T/s"
echo '{"id":"L9","facility":"f1","amount":"1000.00","rate":"13.00","months":12,"method":"bullet","start_date":"2025-03-15"}' |
    $F loans create --db "$DB" >"$T/out"
expect_grep "a rate above the book's ceiling names the ceiling" '"result":"rate_out_of_range","ceiling":"12.5000","reason":"the rate must be above 0 and at most the ceiling 12.5000%"' "$T/out"
$F loans repay --db "$DB" L1 --amount 100.00 >"$T/out" 2>&1
expect_eq "repay before any end of day: exit 1" 1 $?
expect_grep "no business date yet" '"result":"no_business_date"' "$T/out"

$F eod --db "$DB" --date 2025-04-14 --allow-days 400 >"$T/days" 2>"$T/err"
expect_eq "end of day through 04-14" 0 $?
expect_eq "one JSON line a day from the first loan's start" 31 "$(wc -l <"$T/days")"
expect_grep "the first installment falls due on 04-15" '"date":"2025-04-14","loans":2,.*"installments_due":1,"auto_debits":0' "$T/days"
expect_grep "the business date is said" 'closed 31 days; business date 2025-04-15' "$T/err"
$F eod --db "$DB" --date 2025-04-10 --allow-days 400 >"$T/days" 2>"$T/err"
expect_eq "a closed day again: nothing to do, exit 0" 0 $?
expect_eq "no line: no day closed" 0 "$(wc -l <"$T/days")"
expect_grep "it says why" 'is already closed; the business date is 2025-04-15' "$T/err"

$F loans get --db "$DB" L1 >"$T/g"
expect_grep "the installment's interest is receivable" '"interest_receivable":"2175.00"' "$T/g"
$F loans repay --db "$DB" L1 --amount 60000.00 --id R-1 >"$T/r"
expect_eq "repay: exit 0" 0 $?
expect_grep "interest first, then principal; the rest stays" '"result":"done","id":"R-1","n":1,"date":"2025-04-15","penalty":"0.00","interest":"2175.00","principal":"49010.94","prepaid":"0.00","off_balance":"0.00","unapplied":"8814.06","status":"active"' "$T/r"
$F loans repay --db "$DB" L1 --amount 60000.00 --id R-1 >"$T/r"
expect_grep "the same id again: exists, nothing booked twice" '"result":"exists","id":"R-1","n":1' "$T/r"
$F loans repay --db "$DB" L1 --amount 50.00 --id R-1 >"$T/r"
expect_grep "the id with another amount" '"result":"exists_with_different"' "$T/r"
$F loans repay --db "$DB" L1 --amount 10.00 >"$T/r"
expect_grep "nothing owed" '"result":"nothing_due"' "$T/r"
$F loans repay --db "$DB" L1 --amount 0 2>"$T/e"
expect_eq "a zero amount is a usage error" 2 $?
expect_grep "it names the field" 'amount must be more than 0' "$T/e"
$F loans repay --db "$DB" L1 --amount 10.00 --date 2025-04-01 >"$T/r"
expect_grep "a closed day names the business date" '"result":"before_business_date","business_date":"2025-04-15","reason":"the date is before the business date 2025-04-15 \(a closed day\)"' "$T/r"
$F loans repay --db "$DB" L1 --amount 10.00 --prepay sideways 2>"$T/e"
expect_grep "an unknown prepay mode" 'prepay must be reduce_term or reduce_installment' "$T/e"

# The borrower spends its money: the bullet loan falls due 06-15 unpaid and is classed.
held=$($F parties get --db "$DB" sm | sed -E 's/.*"deposit_balance":"([^"]*)".*/\1/')
echo "{\"id\":\"spend\",\"debit_account_id\":\"dep:sm\",\"credit_account_id\":\"ext:clearing\",\"amount\":\"$held\",\"ledger\":1,\"code\":1}" |
    $F transfers create --db "$DB" >/dev/null
$F eod --db "$DB" --date 2025-09-20 --allow-days 400 --quiet 2>/dev/null
expect_eq "--quiet prints no line" 0 $?
$F loans get --db "$DB" L2 >"$T/g"
expect_grep "98 days past due: substandard" '"days_past_due":98,"class":"substandard"' "$T/g"
expect_grep "penalty accrues" '"penalty":"' "$T/g"
$F loans get --db "$DB" L1 >"$T/g"
expect_grep "more than 10% of the borrower's claims: all non-performing" '"class":"substandard"' "$T/g"
$F loans repay --db "$DB" L1 --amount 100.00 >"$T/r"
expect_eq "insufficient funds: exit 1" 1 $?
expect_grep "insufficient funds names what is available" '"result":"insufficient_funds","available":"0.00","reason":"the deposit account has 0.00 available, less than the amount"' "$T/r"
$F loans write-off --db "$DB" L2 >"$T/r"
expect_grep "not loss yet: no write-off" '"result":"not_loss"' "$T/r"
echo '{"id":"f2","party":"sm","line":"general","limit":"1000.00","start_date":"2025-09-01","end_date":"2025-12-31"}' |
    $F facilities create --db "$DB" >"$T/r"
expect_grep "a facility starting on a closed day names the business date" '"result":"before_business_date","business_date":"2025-09-21","reason":"the date is before the business date 2025-09-21' "$T/r"
$F lpr set --db "$DB" --date 2025-09-20 --one-year 2.90 --five-year 3.40 2>"$T/e"
expect_eq "an LPR taking effect on a closed day: refused" 1 $?
expect_grep "it says why" 'before the business date 2025-09-21' "$T/e"
$F verify --db "$DB" >"$T/v"
expect_eq "verify holds" 0 $?
expect_grep "it checks the loans" 'checks: ok' "$T/v"
end
