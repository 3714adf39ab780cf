# test_options_cli.sh — the command's numbers and dates read strictly (wire/query.c, as the API
# reads its query): a value out of range or not in its one spelling is an error naming the
# option, exit 2, never a wrapped number. A date of the ledger's queries is a value date (days,
# to 9999-12-31); digits are a timestamp in nanoseconds.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null 2>&1
echo '{"id":"a","ledger":1,"code":1}' | $F accounts create --db "$DB" >/dev/null

# option value: each refused with exit 2 and a message naming the option
while read -r option value; do
    [ "$value" = "EMPTY" ] && value=""
    $F accounts transfers --db "$DB" a "$option" "$value" >"$T/out" 2>"$T/err"
    status=$?
    expect_eq "$option '$value' exits 2" 2 "$status"
    expect_grep "$option '$value' is named" "^finbridge: $option " "$T/err"
done <<'L'
--from 2025-02-30
--to 2025-13-01
--from 10000-01-01
--from 1969-12-31
--from EMPTY
--from 99999999999999999999
--from 9223372036854775808
--from -1
--from 1e3
--limit 1e3
--limit 5abc
--limit EMPTY
--limit -1
--limit +5
--limit 007
--limit 8190
--limit 0
--limit 99999999999999999999
L
$F accounts transfers --db "$DB" a --limit " 5" >/dev/null 2>"$T/err"
expect_eq "--limit with a space exits 2" 2 $?
$F accounts transfers --db "$DB" a --from 2025-02-01 --to 2025-01-01 >/dev/null 2>"$T/err"
expect_eq "--from after --to exits 2" 2 $?
$F accounts balances --db "$DB" a --as-of 1969-12-31 >/dev/null 2>"$T/err"
expect_eq "--as-of before 1970-01-01 exits 2" 2 $?
expect_grep "and names --as-of" "^finbridge: --as-of " "$T/err"
$F report exposures --db "$DB" --limit 5abc >/dev/null 2>"$T/err"
expect_eq "report exposures --limit 5abc exits 2" 2 $?
$F report credit --db "$DB" --as-of 2025-01-31 --region +210200 >/dev/null 2>"$T/err"
expect_eq "report --region +210200 exits 2" 2 $?
$F serve --db "$DB" --threads 2x >/dev/null 2>"$T/err"
expect_eq "serve --threads 2x exits 2" 2 $?

# The book's minimum of borrowers of a report's cell for the government.
$F settings --db "$DB" >"$T/out" 2>&1
expect_grep "settings shows the minimum of a cell, 3" '"report_min_cell":3' "$T/out"
$F settings --db "$DB" --report-min-cell 5 >"$T/out" 2>&1
expect_grep "settings --report-min-cell 5 sets it" '"report_min_cell":5' "$T/out"
$F settings --db "$DB" --report-min-cell 0 >/dev/null 2>"$T/err"
expect_eq "settings --report-min-cell 0 is refused (exit 1)" 1 $?
expect_grep "and names the setting and its bounds" "report_min_cell must be from 1 to 1000, not 0" "$T/err"

# What is right still goes through.
$F accounts transfers --db "$DB" a --from 1970-01-01 --to 9999-12-31 --limit 8189 >"$T/out" 2>&1
expect_eq "the widest range of value dates and limit are taken" 0 $?
$F accounts transfers --db "$DB" a --from 0 --to 9223372036854775807 >"$T/out" 2>&1
expect_eq "timestamps from 0 to the last nanosecond are taken" 0 $?
end
