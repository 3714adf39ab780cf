# test_lpr_cli.sh — the Loan Prime Rate table: the published values, new ones, refusals.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null

$F lpr get --db "$DB" >"$T/all"
expect_eq "the four published values" 4 "$(wc -l <"$T/all")"
expect_eq "in effect from 2025-05-20" '{"date":"2025-05-20","one_year":"3.0000","five_year":"3.5000"}' \
    "$($F lpr get --db "$DB" --date 2026-01-01)"
expect_eq "in effect on 2024-10-20" '{"date":"2024-07-22","one_year":"3.3500","five_year":"3.8500"}' \
    "$($F lpr get --db "$DB" --date 2024-10-20)"
$F lpr get --db "$DB" --date 2024-01-01 >/dev/null 2>"$T/e"
expect_eq "none before the first" 1 $?

$F lpr set --db "$DB" --date 2026-11-20 --one-year 2.90 --five-year 3.40 >/dev/null
expect_eq "a new LPR is recorded" 0 $?
expect_eq "and takes effect" '{"date":"2026-11-20","one_year":"2.9000","five_year":"3.4000"}' \
    "$($F lpr get --db "$DB" --date 2026-11-29)"
$F lpr set --db "$DB" --date 2026-11-20 --one-year 2.90 --five-year 3.40 >/dev/null
expect_eq "the same again is accepted" 0 $?
$F lpr set --db "$DB" --date 2026-11-20 --one-year 2.95 --five-year 3.40 >/dev/null 2>"$T/e"
expect_eq "other values for a recorded date are refused" 1 $?
expect_grep "and said so" "already recorded with other values" "$T/e"
$F lpr set --db "$DB" --date 2026-12-20 --one-year 0 --five-year 3.40 >/dev/null 2>"$T/e"
expect_eq "a zero rate is refused" 1 $?
$F lpr set --db "$DB" --date 2026-13-20 --one-year 2 --five-year 3 >/dev/null 2>"$T/e"
expect_grep "a bad date named" "--date has no such month" "$T/e"
end
