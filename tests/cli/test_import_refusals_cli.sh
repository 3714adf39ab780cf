# test_import_refusals_cli.sh — what refuses a cut-over as a whole (docs/import.md, issue 12's
# "Bad input"), in CSV and in XLSX alike: a control total that does not match what the files
# hold (the count, the sum of principal, the sum of overdue), a required column missing, a
# column no template has. Each is refused naming the file, the row and the column (the total,
# what the control file says and what the files hold), and nothing is written: the book is as
# it was, and the same files put right then come in. A row refused in an XLSX file comes back in
# an XLSX file of the same columns with its reason.
#
# The XLSX files hold the CSVs' cells as text (tests/csv_to_xlsx.py), as a bank's staff key ids
# and amounts into text cells; finbridge's own XLSX exports read back in test_import_cli.sh.
. tests/cli/lib.sh
F=$FINBRIDGE
E=docs/examples
KINDS="control parties facilities schedules loans certificates"

# edit SRC DST PY: the CSV rows of SRC (a list of lists, rows[0] the header) changed by PY.
edit() {
    python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = rows[0]
exec(sys.argv[3])
csv.writer(open(sys.argv[2], "w", encoding="utf-8-sig", newline="")).writerows(rows)
PY
}

# files DIR EXT: the run's files, in DIR, as EXT.
files() { for k in $KINDS; do printf '%s ' "$1/$k.$2"; done; }

# Each case is a folder of the examples with one file changed: case NAME FILE PY.
case_of() {
    mkdir -p "$T/$1"
    for k in $KINDS; do cp "$E/$k.csv" "$T/$1/"; done
    edit "$E/$2.csv" "$T/$1/$2.csv" "$3"
    for k in $KINDS; do python3 tests/csv_to_xlsx.py "$T/$1/$k.csv" "$T/$1/$k.xlsx"; done
}

mkdir -p "$T/good"
for k in $KINDS; do
    cp "$E/$k.csv" "$T/good/"
    python3 tests/csv_to_xlsx.py "$E/$k.csv" "$T/good/$k.xlsx"
done
case_of count control 'rows[1][1] = "7"'
case_of amount control 'rows[3][2] = "3891976.00"'
case_of overdue control 'rows[3][3] = "458748.00"'
case_of missing loans 'i = h.index("本金余额（元）")
rows[:] = [[c for j, c in enumerate(r) if j != i] for r in rows]'
case_of unknown loans 'h[h.index("贷款用途")] = "贷款备注"'
case_of row loans 'rows[3][h.index("逾期本金（元）")] = "600000.00"'

# nothing BOOK NAME: the book holds none of the examples' records and has no business date.
nothing() {
    $F parties get --db "$1" sy-jichuang >/dev/null 2>&1
    a=$?
    $F loans get --db "$1" DK-2024-0001 >/dev/null 2>&1
    b=$?
    d=$($F settings --db "$1" | grep -o '"business_date":"[0-9-]*"')
    expect_eq "$2: nothing written (no party, no loan, no business date)" "1 1 " "$a $b $d"
}

for x in csv xlsx; do
    B=$T/$x.db
    $F init --db "$B" >/dev/null
    $F settings --db "$B" --set simulation=true >/dev/null
    $F import --db "$B" --as-of 2026-01-01 --dry-run $(files "$T/good" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: the examples as they are would come in" 0 $?

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/count" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: a count that does not match is refused" 1 $?
    expect_grep "$x: naming the file, its row, the total, what it says and what the files hold" \
        "count/control.$x, row 2, 笔数 \(count\): the control totals of 借款人名录 \(parties\) do not match: the control file says 7, the files hold 6" "$T/err"
    nothing "$B" "$x: the count"

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/amount" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: a sum of principal that does not match is refused" 1 $?
    expect_grep "$x: the amount, expected and found" \
        "amount/control.$x, row 4, 金额合计（元） \(amount\): the control totals of 贷款明细 \(loans\) do not match: the control file says 3891976.00, the files hold 3891975.00" "$T/err"
    expect_grep "$x: in the run's line too" '"committed":false,.*"error":"[^"]*row 4, 金额合计' "$T/out"
    nothing "$B" "$x: the amount"

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/overdue" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: a sum of overdue that does not match is refused" 1 $?
    expect_grep "$x: the overdue, expected and found" \
        "row 4, 逾期合计（元） \(overdue\): the control totals of 贷款明细 \(loans\) do not match: the control file says 458748.00, the files hold 458748.80" "$T/err"
    nothing "$B" "$x: the overdue"

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/missing" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: a required column missing is refused" 1 $?
    expect_grep "$x: naming the file, its header row and the column" \
        "missing/loans.$x, row 1 \(its header\): the loans template's required column 本金余额（元） \(principal\) is missing" "$T/err"
    nothing "$B" "$x: the missing column"

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/unknown" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: an unknown column is refused" 1 $?
    expect_grep "$x: naming it by its letter and its header" \
        "unknown/loans.$x, row 1 \(its header\): column AB, '贷款备注', is not a column of the loans template" "$T/err"
    nothing "$B" "$x: the unknown column"

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/row" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: a loan whose overdue is more than its principal is refused" 1 $?
    if [ $x = csv ]; then
        cp "$T/row/loans.rejected.csv" "$T/rej.csv"
    else
        python3 tests/xlsx_to_csv.py "$T/row/loans.rejected.xlsx" >"$T/rej.csv"
    fi
    expect_grep "$x: its row comes back in a file of its format, with the row and the reason" \
        '^DK-2024-0003,.*,4,"?column P 逾期本金（元）: 600000.00 is more than the principal 591975.00' "$T/rej.csv"
    nothing "$B" "$x: the refused row"

    $F import --db "$B" --as-of 2026-01-01 $(files "$T/good" $x) >"$T/out" 2>"$T/err"
    expect_eq "$x: the files put right come in" 0 $?
    expect_grep "$x: every row" '"committed":true,.*"rejected":0' "$T/out"
done

# --part-rows is a whole number from 0 (one unit of work, as a feed) to FB_LOANS_MAX
# (include/finbridge/limits.h, read from there): anything else is refused before the book opens.
acc=$(sed -n 's/^#define FB_ACCOUNTS_MAX \(.*\)$/\1/p' include/finbridge/limits.h)
loans=$(sed -n 's/^#define FB_LOANS_MAX \(.*\)$/\1/p' include/finbridge/limits.h)
max=$((${loans%%FB_ACCOUNTS_MAX*}($acc)${loans#*FB_ACCOUNTS_MAX}))
if [ "$max" -gt 1000000 ]; then ok "FB_LOANS_MAX read from limits.h ($max)"; else fail "FB_LOANS_MAX read from limits.h" "got '$max' from '$loans' and '$acc'"; fi
B=$T/part-rows.db
$F init --db "$B" >/dev/null 2>&1
for v in -1 -20000 abc 1.5 1e4 "" $((max + 1)) 99999999999999999999; do
    $F import --db "$B" --as-of 2026-01-01 --part-rows "$v" $(files $E csv) >"$T/out" 2>"$T/err"
    expect_eq "--part-rows '$v' is refused as usage" 2 $?
    expect_grep "--part-rows '$v': the refusal names the option, the value and the bounds" \
        "^finbridge: --part-rows '$v' .*; it takes 0 to $max\$" "$T/err"
    nothing "$B" "--part-rows '$v'"
done
$F import --db "$B" --as-of 2026-01-01 --part-rows 0 $(files $E csv) >"$T/out" 2>"$T/err"
expect_eq "--part-rows 0 is one unit of work" 0 $?
expect_grep "--part-rows 0: every row" '"committed":true,.*"rejected":0' "$T/out"
expect_eq "--part-rows 0: no part is committed on its own" 0 "$($F audit list --db "$B" | grep -c 'part [0-9]*, [0-9]* rows read')"
B=$T/part-rows-1.db
$F init --db "$B" >/dev/null 2>&1
$F import --db "$B" --as-of 2026-01-01 --part-rows "$max" $(files $E csv) >"$T/out" 2>"$T/err"
expect_eq "--part-rows FB_LOANS_MAX is taken" 0 $?
B=$T/part-rows-2.db
$F init --db "$B" >/dev/null 2>&1
$F import --db "$B" --as-of 2026-01-01 --part-rows 1 $(files $E csv) >"$T/out" 2>"$T/err"
expect_eq "--part-rows 1 is taken" 0 $?
parts=$($F audit list --db "$B" | grep -c 'part [0-9]*, [0-9]* rows read')
if [ "$parts" -ge 2 ]; then ok "--part-rows 1: a part a batch ($parts)"; else fail "--part-rows 1: a part a batch" "parts: $parts"; fi

# The templates as docs/import.md documents them are the import's own tables.
sed -n '/^<!-- the templates: finbridge import --templates -->$/,/^<!-- the templates end -->$/p' \
    docs/import.md | sed '1d;$d' >"$T/doc"
$F import --templates >"$T/tpl"
expect_eq "docs/import.md's templates are what the import reads by (finbridge import --templates)" \
    "" "$(diff "$T/doc" "$T/tpl" | head -5)"
expect_grep "with every column, the loans' last ones too" '^\| 结清后按期还款期数 \| `paid_on_time` \|' "$T/tpl"
end
