# test_export_cli.sh — `finbridge export` on a small demo book: every kind as CSV on stdout and
# as XLSX to a file; the credit export's totals are `report credit`'s; a region's loans are its
# borrowers'; the refusals exit non-zero naming why, with nothing written.
. tests/cli/lib.sh
F=$FINBRIDGE

$F demo --db "$T/book.db" --enterprises 60 --years 1 >/dev/null 2>&1
expect_eq "the demo book is made" 0 $?
D=2025-12-31

for kind in parties facilities loans schedules certificates exposures; do
    $F export --db "$T/book.db" --as-of $D $kind >"$T/$kind.csv" 2>"$T/err"
    expect_eq "$kind as CSV on stdout" 0 $?
    expect_eq "$kind: UTF-8 with a BOM" "efbbbf" "$(head -c 3 "$T/$kind.csv" | od -An -tx1 | tr -d ' \n')"
    expect_grep "$kind: the rows are counted on stderr" "^finbridge: export $kind: [1-9][0-9]* rows" "$T/err"
    $F export --db "$T/book.db" --as-of $D $kind --format xlsx --out "$T/$kind.xlsx" 2>/dev/null
    expect_eq "$kind as XLSX" "504b" "$(head -c 2 "$T/$kind.xlsx" | od -An -tx1 | tr -d ' \n')"
done
$F export --db "$T/book.db" --as-of $D loans --out "$T/loans-out.csv" 2>/dev/null
expect_eq "stdout and --out give the same file" "$(cksum <"$T/loans.csv")" "$(cksum <"$T/loans-out.csv")"

$F export --db "$T/book.db" --as-of $D credit --by city --from 2025-01-01 >"$T/credit.csv" 2>/dev/null
$F report credit --db "$T/book.db" --as-of $D --by city --from 2025-01-01 >"$T/credit.json"
exported=$(tail -n +2 "$T/credit.csv" | awk -F, '{ gsub(/\./, "", $3); s += $3 } END { print s }')
reported=$(sed -E 's/.*"balance":"([0-9.]+)".*/\1/' "$T/credit.json" | awk '{ gsub(/\./, ""); s += $1 } END { print s }')
expect_eq "the credit export's balance is the report's" "$reported" "$exported"
for kind in inclusive; do
    $F export --db "$T/book.db" --as-of $D $kind --format xlsx --out "$T/$kind.xlsx" 2>/dev/null
    expect_eq "$kind as XLSX" 0 $?
done
$F export --db "$T/book.db" --as-of $D moves --from 2025-06-30 >"$T/moves.csv" 2>/dev/null
expect_grep "moves between classes in Chinese" '^正常,正常,[0-9]+,' "$T/moves.csv"
$F export --db "$T/book.db" --as-of $D progress --agreement LN-COOP-2025 >"$T/progress.csv" 2>/dev/null
expect_eq "eleven targets and the header" 12 "$(wc -l <"$T/progress.csv" | tr -d ' ')"

$F export --db "$T/book.db" --as-of $D loans --region 210200 >"$T/dalian.csv" 2>/dev/null
expect_eq "Dalian's loans are Dalian's borrowers'" "大连" "$(tail -n +2 "$T/dalian.csv" | cut -d, -f5 | sort -u)"

$F export --db "$T/book.db" --as-of 2025-06-30 loans >/dev/null 2>"$T/err"
expect_eq "records as of a day the book does not hold: exit 1" 1 $?
expect_grep "naming the days it does" "as they stand now: export them as of the last day closed \(2025-12-31\)" "$T/err"
$F export --db "$T/book.db" --as-of $D nothing >/dev/null 2>"$T/err"
expect_eq "an unknown kind: exit 2" 2 $?
expect_grep "naming the kinds" "the kinds are parties, facilities, loans" "$T/err"
$F export --db "$T/book.db" --as-of $D credit --region 210201 >/dev/null 2>&1
expect_eq "a district is not a region" 2 $?
$F export --db "$T/book.db" loans >/dev/null 2>&1
expect_eq "--as-of is required" 2 $?
$F export --db "$T/book.db" --as-of $D progress --agreement NONE --out "$T/none.csv" 2>"$T/err"
expect_eq "an unknown agreement: exit 1" 1 $?
expect_eq "and no file is left" no "$([ -e "$T/none.csv" ] && echo yes || echo no)"
end
