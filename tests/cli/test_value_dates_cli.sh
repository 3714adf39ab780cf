# test_value_dates_cli.sh — value dates on the command line: given, defaulted to the business
# date, refused when malformed, and selected by --from/--to DATE and --as-of DATE (a timestamp
# still selects by time).
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null 2>&1
printf '%s\n' '{"id":"src","ledger":1,"code":1}' '{"id":"dst","ledger":1,"code":1,"flags":["history"]}' |
    $F accounts create --db "$DB" >/dev/null
cat >"$T/t.jsonl" <<'J'
{"id":"t1","debit_account_id":"src","credit_account_id":"dst","amount":"1.00","ledger":1,"code":1,"value_date":"2025-01-15"}
{"id":"t2","debit_account_id":"src","credit_account_id":"dst","amount":"2.00","ledger":1,"code":1,"value_date":"2025-01-16"}
{"id":"t3","debit_account_id":"src","credit_account_id":"dst","amount":"4.00","ledger":1,"code":1,"value_date":"2025-01-15"}
{"id":"t4","debit_account_id":"src","credit_account_id":"dst","amount":"8.00","ledger":1,"code":1,"value_date":"2025-02-30"}
{"id":"t5","debit_account_id":"src","credit_account_id":"dst","amount":"8.00","ledger":1,"code":1,"value_date":"1970-01-01"}
{"id":"t1","debit_account_id":"src","credit_account_id":"dst","amount":"1.00","ledger":1,"code":1,"value_date":"2025-01-17"}
J
$F transfers create --db "$DB" <"$T/t.jsonl" >"$T/out"
expect_eq "a bad line fails the command" 1 $?
expect_eq "a value date given is taken" created "$(field "$T/out" 1 result)"
expect_grep "a date with no such day is refused by name" '"line":4,.*"field":"value_date","reason":"has no such day in its month"' "$T/out"
expect_grep "and 1970-01-01, which stands for none" '"line":5,.*"field":"value_date","reason":"must be after 1970-01-01"' "$T/out"
expect_eq "the same id on another date" exists_with_different_value_date "$(field "$T/out" 6 result)"
$F transfers get --db "$DB" t2 >"$T/out"
expect_grep "the transfer shows its value date" '"value_date":"2025-01-16"' "$T/out"

$F accounts transfers --db "$DB" dst --from 2025-01-15 --to 2025-01-15 >"$T/out"
expect_eq "two transfers on 2025-01-15" 2 "$(wc -l <"$T/out")"
expect_grep "in timestamp order" '"id":"t3"' "$T/out"
$F accounts transfers --db "$DB" dst --from 2025-01-16 >"$T/out"
expect_eq "one from 2025-01-16" 1 "$(wc -l <"$T/out")"
$F accounts transfers --db "$DB" dst --from 0 >"$T/out"
expect_eq "a timestamp still selects by time" 3 "$(wc -l <"$T/out")"
$F accounts balances --db "$DB" dst --as-of 2025-01-15 >"$T/out"
expect_grep "as of a value date: that date's and before" '"value_date":"2025-01-15".*"credits_posted":"5.00"' "$T/out"
$F accounts balances --db "$DB" dst --from 2025-01-16 --to 2025-01-16 >"$T/out"
expect_grep "history rows by value date" '"value_date":"2025-01-16".*"credits_posted":"3.00"' "$T/out"

# Without a value date: the business date, once a day has been closed.
sqlite3 "$DB" "INSERT INTO meta VALUES ('business_date', 20200)"
echo '{"id":"t6","debit_account_id":"src","credit_account_id":"dst","amount":"1.00","ledger":1,"code":1}' |
    $F transfers create --db "$DB" >/dev/null
$F transfers get --db "$DB" t6 >"$T/out"
expect_grep "defaults to the business date" '"value_date":"2025-04-22"' "$T/out"
$F verify --db "$DB" >/dev/null
expect_eq "verify passes" 0 $?
end
