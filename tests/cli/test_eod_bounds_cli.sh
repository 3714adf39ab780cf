# test_eod_bounds_cli.sh — end of day is irrevocable, so one run is bounded: at most the book's
# eod_max_days (default 31) unless --allow-days says more, and never past tomorrow by the calendar
# unless the book is a simulation, which a book that closed a real day can never become
# (hardening issue, item 3).
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null 2>&1

$F settings --db "$DB" >"$T/s"
expect_grep "the default bound is 31 days" '"eod_max_days":31,' "$T/s"
expect_grep "not a simulation" '"simulation":false' "$T/s"

# 9999-12-31 closed thousands of days in seconds before: now refused, nothing closed.
$F eod --db "$DB" --date 9999-12-31 >"$T/o" 2>"$T/e"
expect_eq "eod to 9999-12-31 is refused (exit 1)" 1 $?
expect_grep "it names tomorrow" 'is after tomorrow \(' "$T/e"
$F settings --db "$DB" >"$T/s"
expect_grep "nothing was closed" '"business_date":null' "$T/s"
$F eod --db "$DB" --date 2025-01-01 --quiet >"$T/o" 2>"$T/e"
expect_eq "a first day closes" 0 $?
$F eod --db "$DB" --date 9999-12-31 --allow-days 36600 >"$T/o" 2>"$T/e"
expect_eq "even with days allowed, a date past tomorrow is refused" 1 $?
$F eod --db "$DB" --date 2025-12-31 >"$T/o" 2>"$T/e"
expect_eq "a year at once is refused" 1 $?
expect_grep "it names the bound" 'is 364 days, more than the 31 one end of day may close' "$T/e"

# Within bounds: 31 days close; 32 need --allow-days.
$F eod --db "$DB" --date 2025-02-01 --quiet >"$T/o" 2>"$T/e"
expect_eq "31 days close" 0 $?
$F eod --db "$DB" --date 2025-03-05 --quiet >"$T/o" 2>"$T/e"
expect_eq "32 days at once are refused" 1 $?
expect_grep "the count is named" 'is 32 days, more than the 31' "$T/e"
$F eod --db "$DB" --date 2025-03-05 --allow-days 32 --quiet >"$T/o" 2>"$T/e"
expect_eq "--allow-days 32 lets them through" 0 $?
$F settings --db "$DB" --set eod_max_days=0 >"$T/o" 2>"$T/e"
expect_eq "eod_max_days 0 is refused" 1 $?
expect_grep "with its bounds" 'eod_max_days must be from 1 to 36600, not 0' "$T/e"
$F settings --db "$DB" --set eod_max_days=400 >"$T/s"
expect_grep "eod_max_days is a setting" '"eod_max_days":400' "$T/s"
$F eod --db "$DB" --allow-days x --date 2025-03-06 >"$T/o" 2>"$T/e"
expect_eq "--allow-days takes a whole number" 2 $?

# This book closed real days: it cannot become a simulation.
$F settings --db "$DB" --set simulation=true >"$T/o" 2>"$T/e"
expect_eq "a book with real days cannot become a simulation" 1 $?
expect_grep "it says why" 'has closed real days \(through 2025-03-05\)' "$T/e"

# A new book marked a simulation may run ahead of the calendar.
SIM=$T/sim.db
$F init --db "$SIM" >/dev/null 2>&1
$F settings --db "$SIM" --set simulation=true >"$T/s"
expect_grep "a new book may be a simulation" '"simulation":true' "$T/s"
$F eod --db "$SIM" --date 2099-12-31 --allow-days 36600 --quiet >"$T/o" 2>"$T/e"
expect_eq "a simulation closes days past tomorrow" 0 $?
# Not to the calendar's last day: the business date after it would be no date at all.
SIM2=$T/sim2.db
$F init --db "$SIM2" >/dev/null 2>&1
$F settings --db "$SIM2" --set simulation=true >/dev/null
$F eod --db "$SIM2" --date 9999-12-31 >"$T/o" 2>"$T/e"
expect_eq "a simulation does not close 9999-12-31" 1 $?
expect_grep "it names the last day it may close" 'after 9999-12-30, the last day whose next day' "$T/e"
$F eod --db "$SIM2" --date 9999-12-30 >"$T/o" 2>"$T/e"
expect_eq "9999-12-30 closes" 0 $?
$F settings --db "$SIM2" >"$T/s"
expect_grep "and the business date is the calendar's last day" '"business_date":"9999-12-31"' "$T/s"
$F settings --db "$SIM" --set simulation=false >"$T/o" 2>"$T/e"
expect_eq "a simulation may be unmarked" 0 $?
$F settings --db "$SIM" --set nonsense=1 >"$T/o" 2>"$T/e"
expect_eq "an unknown setting is refused" 2 $?
expect_grep "it is named" 'nonsense is not a setting' "$T/e"

# The demo's book is a simulation.
$F demo --db "$T/demo.db" --enterprises 20 --years 1 >/dev/null 2>&1
$F settings --db "$T/demo.db" >"$T/s"
expect_grep "the demo's book is marked a simulation" '"simulation":true' "$T/s"
end
