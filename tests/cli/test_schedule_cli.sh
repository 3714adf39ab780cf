# test_schedule_cli.sh — the repayment calculator through the command line.
. tests/cli/lib.sh
F=$FINBRIDGE

$F schedule --principal 100.00 --rate 12 --months 6 --method equal_installment --start 2024-01-01 \
    --format json >"$T/j"
expect_eq "json exits 0" 0 $?
expect_eq "json has exactly the fields" \
    '{"installments":[{"n":1,"due_date":"2024-02-01","payment":"17.25","principal":"16.25","interest":"1.00","balance":"83.75"}' \
    "$(sed -E 's/(\}).*/\1/' "$T/j")"
expect_grep "totals" '"total_interest":"3.53","total_payment":"103.53"}$' "$T/j"
expect_eq "six installments" 6 "$(grep -o '"n":' "$T/j" | wc -l)"

$F schedule --principal 1000000.00 --rate 4.9 --months 360 --method equal_installment \
    --start 2025-01-15 --format csv >"$T/c"
expect_eq "csv header" "n,due_date,payment,principal,interest,balance" "$(head -n 1 "$T/c")"
expect_eq "csv first row" "1,2025-02-15,5307.27,1223.94,4083.33,998776.06" "$(sed -n 2p "$T/c")"
expect_eq "csv rows" 361 "$(wc -l <"$T/c")"

$F schedule --principal 100000 --rate 3.65 --months 12 --method bullet --start 2025-01-01 \
    --day-count act365 >"$T/t"
expect_grep "table shows the bullet" "2026-01-01 +103650.00 +100000.00 +3650.00 +0.00" "$T/t"

$F schedule --principal 100.005 --rate 12 --months 6 --method bullet --start 2024-01-01 2>"$T/e"
expect_eq "three decimals refused" 2 $?
expect_grep "and named" "--principal has more than two decimals" "$T/e"
$F schedule --principal 100 --rate 0 --months 6 --method bullet --start 2024-01-01 2>"$T/e"
expect_grep "a zero rate refused" "rate must be more than 0" "$T/e"
$F schedule --principal 100 --rate 4 --months 0 --method bullet --start 2024-01-01 2>"$T/e"
expect_grep "zero months refused" "--months must be a whole number from 1 to 480" "$T/e"
$F schedule --principal 100 --rate 4 --months 6 --method balloon --start 2024-01-01 2>"$T/e"
expect_grep "an unknown method refused" "--method must be" "$T/e"
$F schedule --principal 100 --rate 4 --months 6 --method bullet --start 2024-02-30 2>"$T/e"
expect_grep "an impossible date refused" "--start has no such day in its month" "$T/e"
$F schedule --principal 100 --rate 4 --months 6 --method bullet 2>"$T/e"
expect_grep "a missing option named" "--start is required" "$T/e"
end
