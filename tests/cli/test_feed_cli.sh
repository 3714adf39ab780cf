# test_feed_cli.sh — the core system's daily feed and the reconciliation (docs/import.md). The
# examples of docs/examples are brought in at their cut-over, the day is closed, and the feed of
# docs/examples/feed comes in the next day: a party, its line and its loan, a repayment taken in
# the core system, a classification change, a write-off and the wealth-finance figures. The same
# feed again finds every row. Agreements set targets on the wealth measures, by province and
# city. A balance file of the core system reconciles with the book, and each kind of difference
# is found.
. tests/cli/lib.sh
F=$FINBRIDGE
B=$T/b.db
E=docs/examples
$F init --db "$B" >/dev/null
$F settings --db "$B" --set simulation=true >/dev/null
$F import --db "$B" --as-of 2026-01-01 $E/*.csv >"$T/cut" 2>"$T/err"
expect_eq "the examples come in at their cut-over" 0 $?
expect_grep "every row of them" '"mode":"cutover","dry_run":false,"committed":true,.*"rejected":0' "$T/cut"
$F eod --db "$B" --date 2026-01-01 --quiet >/dev/null 2>&1
$F import --db "$B" --as-of 2026-01-01 $E/feed/repayments.csv >"$T/out" 2>"$T/err"
expect_eq "the feed of a day already closed is refused" 1 $?
expect_grep "by its date" 'business date is 2026-01-02: a feed is dated the day open, not 2026-01-01' "$T/err"

# ---- The feed of 2026-01-02 -----------------------------------------------------------------
$F loans get --db "$B" DK-2024-0003 >"$T/before"
$F import --db "$B" --as-of 2026-01-02 $E/feed/*.csv >"$T/feed" 2>"$T/err"
expect_eq "the feed comes in" 0 $?
expect_grep "as a feed, every row created" '"mode":"feed","dry_run":false,"committed":true,"run":2,"created":9,"exists":0,"rejected":0' "$T/feed"
expect_grep "the repayment and the new loan open against the suspense" '"openings":2,' "$T/feed"
$F parties get --db "$B" dl-xinke >"$T/p"
expect_grep "the new party is in the book" '"id":"dl-xinke"' "$T/p"
$F loans get --db "$B" DK-2026-0001 >"$T/l"
expect_grep "its loan is drawn on its line on the day" '"facility":"SX-2026-001".*"start_date":"2026-01-02".*"status":"active".*"principal_outstanding":"500000.00"' "$T/l"
$F loans get --db "$B" DK-2024-0004 >"$T/l"
expect_grep "the class the core system set is the loan's" '"class":"special_mention"' "$T/l"
$F loans get --db "$B" DK-2024-0003 >"$T/l"
expect_grep "the loan taken to loss and written off" '"status":"written_off"' "$T/l"
$F transfers get --db "$B" fdr:HK-20260102-0001 >"$T/t" 2>&1
expect_grep "the repayment came from the core system into the deposit" '"debit_account_id":"gl:core_system","credit_account_id":"dep:sy-zhangsan","amount":"30000.00","ledger":1,"code":910' "$T/t"
$F accounts transfers --db "$B" dep:sy-zhangsan >"$T/r" 2>&1
expect_grep "and was booked as the loan's repayment" '"id":"rpc:DK-2024-0003:1","debit_account_id":"dep:sy-zhangsan"' "$T/r"
$F verify --db "$B" >"$T/v" 2>&1
expect_eq "the book verifies after the feed" 0 $?
expect_grep "the migration suspense nets to zero" 'ok \(0 failures\)' "$T/v"

$F import --db "$B" --as-of 2026-01-02 $E/feed/*.csv >"$T/again" 2>"$T/err"
expect_eq "the same feed again" 0 $?
expect_grep "finds every row" '"created":0,"exists":9,"rejected":0,"openings":0' "$T/again"

# The same source id with other content is refused, by its column; the file is written back.
mkdir -p "$T/other"
sed 's/30000.00/31000.00/' $E/feed/repayments.csv >"$T/other/repayments.csv"
$F import --db "$B" --as-of 2026-01-02 "$T/other/repayments.csv" >"$T/out" 2>"$T/err"
expect_eq "a repayment's id again with another amount is refused" 1 $?
expect_grep "in the rejects file, by its source id" '^HK-20260102-0001,.*,2,"column A 流水号: was booked with another loan, amount or date"' "$T/other/repayments.rejected.csv"
sed 's/关注/次级/' $E/feed/classes.csv >"$T/other/classes.csv"
$F import --db "$B" --as-of 2026-01-02 "$T/other/classes.csv" >"$T/out" 2>"$T/err"
expect_eq "a classification's id again with another class is refused" 1 $?
expect_grep "by its source id" '^FL-20260102-0001,.*,2,"column A 流水号: was a change of another loan, class or flag"' "$T/other/classes.rejected.csv"
printf '\357\273\277流水号,贷款编号,调整日期,五级分类\nFL-X,DK-2024-0001,2026-01-02,正常\nFL-Y,DK-2024-0002,2026-01-02,损失\n' >"$T/other/better.csv"
$F import --db "$B" --as-of 2026-01-02 "$T/other/better.csv" >"$T/out" 2>"$T/err"
expect_eq "a change of a closed loan is refused" 1 $?
expect_grep "saying what it is" '^FL-Y,DK-2024-0002,2026-01-02,损失,3,column B 贷款编号: is written_off' "$T/other/better.rejected.csv"
expect_eq "and the file's good row is not written" "" "$($F loans get --db "$B" DK-2024-0001 | grep -o 'FL-X')"

# ---- Wealth finance: measures with targets ----------------------------------------------------
$F eod --db "$B" --date 2026-01-02 --quiet >/dev/null 2>&1
$F loans get --db "$B" DK-2024-0004 >"$T/l"
expect_grep "end of day keeps the class the bank's judgement set, worse than its days past due" '"class":"special_mention"' "$T/l"
cat >"$T/agreements.jsonl" <<'J'
{"id":"LN-WEALTH-2026","bank":"某国有大型银行辽宁省分行","region":"210000","start_date":"2026-01-01","end_date":"2026-12-31","targets":{"wealth_products":"200000000000.00","wealth_deposits":"1000000000000.00","pension_accounts":10000}}
{"id":"DL-WEALTH-2026","bank":"某国有大型银行辽宁省分行","region":"210200","start_date":"2026-01-01","end_date":"2026-12-31","targets":{"wealth_products":"100000000000.00","pension_accounts":1000}}
J
$F agreements create --db "$B" <"$T/agreements.jsonl" >"$T/out"
expect_eq "agreements with wealth targets" 2 "$(grep -c '"result":"created"' "$T/out")"
$F agreements progress --db "$B" LN-WEALTH-2026 --as-of 2026-01-02 >"$T/prog"
expect_grep "the province's wealth products: its cities' figures summed" '"measure":"wealth_products","target":"200000000000.00","achieved":"190500000000.00","percent":"95.25"' "$T/prog"
expect_grep "its deposits" '"measure":"wealth_deposits","target":"1000000000000.00","achieved":"966700000000.00"' "$T/prog"
expect_grep "its pension accounts opened" '"measure":"pension_accounts","target":10000,"achieved":2972' "$T/prog"
$F agreements progress --db "$B" DL-WEALTH-2026 --as-of 2026-01-02 >"$T/prog"
expect_grep "a city's agreement counts its own figures (the city given by name or by code)" '"measure":"pension_accounts","target":1000,"achieved":1410,"percent":"141.00".*"measure":"wealth_products","target":"100000000000.00","achieved":"91200000000.00"' "$T/prog"
printf '\357\273\277流水号,日期,城市,个人理财产品余额（元）\nCF-20260102-DL,2026-01-02,大连,95000000000.00\nCF-20260102-XX,2026-01-02,北京,1.00\n' >"$T/other/wealth.csv"
$F import --db "$B" --as-of 2026-01-03 "$T/other/wealth.csv" >"$T/out" 2>"$T/err"
expect_eq "a figure of a city outside Liaoning is refused" 1 $?
expect_grep "by its column" 'CF-20260102-XX.*city' "$T/other/wealth.rejected.csv"
head -2 "$T/other/wealth.csv" >"$T/other/wealth1.csv"
$F import --db "$B" --as-of 2026-01-03 "$T/other/wealth1.csv" >"$T/out" 2>"$T/err"
expect_eq "a new day's figure of a city" 0 $?
printf '\357\273\277流水号,贷款编号,调整日期,五级分类\nFL-20260103-0001,DK-2024-0004,2026-01-03,正常\n' >"$T/other/normal.csv"
$F import --db "$B" --as-of 2026-01-03 "$T/other/normal.csv" >"$T/out" 2>"$T/err"
expect_eq "the core system takes the loan back to normal" 0 $?
$F eod --db "$B" --date 2026-01-03 --quiet >/dev/null 2>&1
$F loans get --db "$B" DK-2024-0004 >"$T/l"
expect_grep "and end of day classifies by its days past due again" '"class":"normal"' "$T/l"
$F verify --db "$B" >"$T/v" 2>&1
expect_eq "the book verifies" 0 $?
$F agreements progress --db "$B" DL-WEALTH-2026 --as-of 2026-01-03 >"$T/prog"
expect_grep "a balance is the city's latest figure" '"measure":"wealth_products","target":"100000000000.00","achieved":"95000000000.00"' "$T/prog"
$F agreements progress --db "$B" LN-WEALTH-2026 --as-of 2026-01-03 >"$T/prog"
expect_grep "and the province's the sum of its cities' latest" '"measure":"wealth_products","target":"200000000000.00","achieved":"194300000000.00"' "$T/prog"
sed 's/95000000000.00/96000000000.00/' "$T/other/wealth1.csv" >"$T/other/wealth2.csv"
$F import --db "$B" --as-of 2026-01-04 "$T/other/wealth2.csv" >"$T/out" 2>"$T/err"
expect_eq "a figure given is not given again otherwise" 1 $?

# ---- Reconciliation --------------------------------------------------------------------------
$F export --db "$B" --as-of 2026-01-04 loans --out "$T/core.csv" 2>/dev/null
$F reconcile --db "$B" --as-of 2026-01-04 "$T/core.csv" --out "$T/diff.csv" >"$T/rec" 2>"$T/err"
expect_eq "the book's own balances reconcile" 0 $?
expect_grep "every loan matched" '"loans":5,"matched":5,"differences":\{"missing":0,"extra":0,"principal":0,"overdue":0,"class":0\}' "$T/rec"
python3 - "$T/core.csv" "$T/core2.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
h = rows[0]
i = {n: h.index(n) for n in h}
out = [h]
for r in rows[1:]:
    if r[0] == "DK-2026-0001":
        continue  # extra: the book has it, the core system does not
    if r[0] == "DK-2024-0001":
        r[i["本金余额（元）"]] = "1799000.00"
    if r[0] == "DK-2024-0004":
        r[i["五级分类"]] = "次级"
    if r[0] == "DK-2024-0002":
        r[i["逾期本金（元）"]] = "10.00"
    out.append(r)
missing = list(out[1])
missing[0] = "DK-2019-0999"
out.append(missing)
csv.writer(open(sys.argv[2], "w", encoding="utf-8-sig", newline="")).writerows(out)
PY
$F reconcile --db "$B" --as-of 2026-01-04 "$T/core2.csv" --out "$T/diff.csv" >"$T/rec" 2>"$T/err"
expect_eq "balances that differ" 1 $?
expect_grep "each kind of difference found once" '"differences":\{"missing":1,"extra":1,"principal":1,"overdue":1,"class":1\}' "$T/rec"
expect_grep "a loan the book does not have" '^DK-2019-0999,本行无此贷款' "$T/diff.csv"
expect_grep "a loan the core system does not have" '^DK-2026-0001,核心系统无此贷款,,500000.00' "$T/diff.csv"
expect_grep "the principal" '^DK-2024-0001,本金余额不符,1799000.00,1800000.00' "$T/diff.csv"
expect_grep "what is overdue" '^DK-2024-0002,逾期金额不符,.*,10.00,0.00' "$T/diff.csv"
expect_grep "the class" '^DK-2024-0004,五级分类不符,.*,次级,正常' "$T/diff.csv"
expect_grep "with the totals" '^合计,本金余额不符：1 笔' "$T/diff.csv"
$F reconcile --db "$B" --as-of 2026-01-04 "$T/core2.csv" --out "$T/diff.xlsx" >"$T/rec" 2>"$T/err"
expect_eq "the differences as a workbook" 1 $?
ssconvert "$T/diff.xlsx" "$T/diff2.csv" >/dev/null 2>&1
expect_grep "that gnumeric reads" '^DK-2024-0001,本金余额不符,1799000' "$T/diff2.csv"
$F reconcile --db "$B" --as-of 2026-01-03 "$T/core.csv" >"$T/rec" 2>"$T/err"
expect_eq "on a day that is not the business date it is refused" 2 $?

# ---- A restructuring the core system reports opens the observation period (第二十条) ---------
# From the first due date on or after the business date, for 12 months and 2 repayment dates
# (observation_months, observation_periods), its floor the class given; 否 later ends it.
obs() { # LOAN: its restructured flag, observation start, end and floor, as the loans export writes
    $F export --db "$B" --as-of 2026-01-04 loans --out "$T/obs.csv" 2>/dev/null
    python3 - "$T/obs.csv" "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
h = rows[0]
for r in rows[1:]:
    if r[0] == sys.argv[2]:
        print(" ".join(r[h.index(c)] or "-" for c in ("重组贷款", "重组观察期起始日", "重组观察期结束日", "观察期分类下限")))
PY
}
$F loans schedule --db "$B" DK-2024-0001 --format csv >"$T/sched.csv"
first=$(awk -F, 'NR > 1 && $2 >= "2026-01-04" { print $2; exit }' "$T/sched.csv")
expect_eq "the loan's next due date is in its schedule" "2026-01-21" "$first"
expect_eq "before: not restructured, no period" "否 - - -" "$(obs DK-2024-0001)"
printf '\357\273\277流水号,贷款编号,调整日期,五级分类,重组贷款,调整原因\nFL-OBS-1,DK-2024-0001,,关注,是,核心系统重组\n' >"$T/restr.csv"
$F import --db "$B" --as-of 2026-01-04 "$T/restr.csv" >"$T/out" 2>"$T/err"
expect_eq "the core system's restructuring comes in" 0 $?
expect_eq "it opens the period from the next due date, 12 months, floor special mention" \
    "是 2026-01-21 2027-01-21 关注" "$(obs DK-2024-0001)"
$F import --db "$B" --as-of 2026-01-04 "$T/restr.csv" >"$T/out" 2>"$T/err"
expect_grep "the same row again is found" '"created":0,"exists":1,"rejected":0' "$T/out"
expect_eq "and the period is as it was" "是 2026-01-21 2027-01-21 关注" "$(obs DK-2024-0001)"
$F verify --db "$B" >/dev/null 2>&1
expect_eq "the book verifies with the period" 0 $?
$F eod --db "$B" --date 2026-01-31 --quiet >/dev/null 2>&1
$F loans get --db "$B" DK-2024-0001 >"$T/l"
expect_grep "end of day keeps it at the period's floor after its due date is paid" '"class":"special_mention"' "$T/l"
printf '\357\273\277流水号,贷款编号,五级分类,重组贷款\nFL-OBS-2,DK-2024-0001,关注,否\n' >"$T/unrestr.csv"
$F import --db "$B" --as-of 2026-02-01 "$T/unrestr.csv" >"$T/out" 2>"$T/err"
expect_eq "the core system's end of the restructuring comes in" 0 $?
$F export --db "$B" --as-of 2026-02-01 loans --out "$T/obs.csv" 2>/dev/null
expect_grep "it ends the period" '^DK-2024-0001,' "$T/obs.csv"
expect_eq "否: not restructured, no period" "否 - - -" "$(python3 - "$T/obs.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
h = rows[0]
r = [r for r in rows[1:] if r[0] == "DK-2024-0001"][0]
print(" ".join(r[h.index(c)] or "-" for c in ("重组贷款", "重组观察期起始日", "重组观察期结束日", "观察期分类下限")))
PY
)"
end
