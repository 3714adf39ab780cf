# test_import_cli.sh — bringing a bank's book in (docs/import.md). The round trip: the demo's book
# is exported, kind by kind, and imported into an empty book at the same date; the export of the
# new book is the old one's; then both live a year of end of day and every report is the same
# (credit, inclusive, moves, progress, exposures, quality, provisions).
# The same files as XLSX, as gnumeric writes them back (ssconvert: XLSX, and CSV in GB18030), all
# read to the same book. A dry run writes nothing.
. tests/cli/lib.sh
F=$FINBRIDGE
A=$T/a.db
B=$T/b.db
$F demo --db "$A" --enterprises 60 --years 1 >/dev/null 2>&1
expect_eq "the demo's book" 0 $?
KINDS="parties facilities schedules loans certificates"
for k in $KINDS; do
    $F export --db "$A" --as-of 2026-01-01 $k --out "$T/$k.csv" 2>/dev/null
    $F export --db "$A" --as-of 2026-01-01 $k --format xlsx --out "$T/$k.xlsx" 2>/dev/null
done
# What the import does not carry: the projects and the agreement, made again from their records.
python3 - "$T" <<'PY'
import json, subprocess, sys, os
t = sys.argv[1]
fb = os.environ["FINBRIDGE"]
ids = " ".join("prj-%d-1" % c for c in range(210100, 211500, 100))
out = subprocess.run([fb, "projects", "get", "--db", t + "/a.db"] + ids.split(), capture_output=True, text=True).stdout
with open(t + "/projects.jsonl", "w") as f:
    for line in out.splitlines():
        d = json.loads(line)
        for k in ("city_name", "approved", "drawn", "outstanding"):
            d.pop(k, None)
        d["industry"] = str(d["industry"])
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
a = json.loads(subprocess.run([fb, "agreements", "get", "--db", t + "/a.db", "LN-COOP-2025"], capture_output=True, text=True).stdout)
targets = {}
for x in a["targets"]:
    if "breakdown" in x:
        k, v = x["breakdown"].split(":", 1)
        targets.setdefault("new_credit_by_" + k, {})[v] = x["target"]
    else:
        targets[x["measure"]] = x["target"]
a["targets"] = targets
a["region"] = str(a["region"])
with open(t + "/agreement.jsonl", "w") as f:
    f.write(json.dumps(a, ensure_ascii=False) + "\n")
    a["id"] = "LN-COOP-2026"
    a["start_date"] = "2026-01-01"
    f.write(json.dumps(a, ensure_ascii=False) + "\n")
PY
fresh() {
    rm -f "$1" "$1"-* "$1".audit-key
    $F init --db "$1" >/dev/null
    $F settings --db "$1" --set simulation=true >/dev/null
    $F projects create --db "$1" <"$T/projects.jsonl" >/dev/null
}
fresh "$B"

# ---- A dry run, then the run ---------------------------------------------------------------
FILES=""
for k in $KINDS; do FILES="$FILES $T/$k.csv"; done
$F import --db "$B" --as-of 2026-01-01 --dry-run $FILES >"$T/dry" 2>"$T/err"
expect_eq "a dry run of files that hold exits 0" 0 $?
expect_grep "and says it committed nothing" '"mode":"cutover","dry_run":true,"committed":false' "$T/dry"
$F loans get --db "$B" ln-ent000008-1 >/dev/null 2>&1
expect_eq "a dry run writes nothing" 1 $?
$F import --db "$B" --as-of 2026-01-01 $FILES >"$T/run" 2>"$T/err"
expect_eq "the cut-over" 0 $?
expect_grep "every row written" '"committed":true,"run":1,"created":1556,"exists":0,"rejected":0' "$T/run"
expect_grep "each file by its template" '"kind":"loans","format":"csv","rows":100,"created":100' "$T/run"
$F verify --db "$B" >"$T/v"
expect_eq "the book verifies (the suspense nets to zero)" 0 $?
# A loan brought in substandard (the debtor's other claims) is non-accrual from the cut-over: its
# interest overdue and accrued off the balance sheet, none of it on its interest account.
$F loans get --db "$B" ln-ent000049-1 >"$T/na"
expect_grep "a substandard loan comes in non-accrual" '"class":"substandard".*"nonaccrual":true' "$T/na"
expect_grep "its interest overdue and accrued off the balance sheet" \
    '"interest_receivable":"0.00".*"offbal_interest":"3685.56"' "$T/na"
$F accounts get --db "$B" gl:offbal_interest:inclusive >"$T/offi"
expect_grep "on the memo ledger" '"debits_posted":"[1-9]' "$T/offi"
$F settings --db "$B" >"$T/s"
expect_grep "the cut-over's date is the business date" '"business_date":"2026-01-01"' "$T/s"
$F import --db "$B" --as-of 2026-01-01 $FILES >"$T/again" 2>/dev/null
expect_grep "the same files again change nothing" '"created":0,"exists":1556,"rejected":0' "$T/again"
$F accounts get --db "$B" gl:migration_suspense gl:core_system >"$T/acc"
expect_grep "the suspense is closed against the core system's side" \
    '"id":"gl:migration_suspense".*"debits_posted":"([0-9.]+)".*"credits_posted":"\1"' "$T/acc"

# A nonaccrual column that the loan's figures contradict is refused by name.
mkdir "$T/bad"
python3 - "$T" <<'PY'
import csv, sys
t = sys.argv[1]
rows = list(csv.reader(open(t + "/loans.csv", encoding="utf-8-sig")))
at = rows[0].index("非应计")
for r in rows[1:]:
    if r[0] == "ln-ent000049-1":
        r[at] = "否"
csv.writer(open(t + "/bad/loans.csv", "w", encoding="utf-8-sig", newline="")).writerows(rows)
PY
fresh "$T/bad.db"
$F import --db "$T/bad.db" --as-of 2026-01-01 --dry-run $(for k in $KINDS; do
    [ $k = loans ] && echo "$T/bad/loans.csv" || echo "$T/$k.csv"; done) >/dev/null 2>&1
expect_eq "a nonaccrual that the figures contradict is refused" 1 $?
expect_grep "by its column and the rule" \
    '^ln-ent000049-1,.*column [A-Z]+ 非应计: is false, and its figures give true: a loan more than 90 days' \
    "$T/bad/loans.rejected.csv"

# ---- The export of the new book is the old one's ------------------------------------------
mkdir "$T/re"
for k in $KINDS; do $F export --db "$B" --as-of 2026-01-01 $k --out "$T/re/$k.csv" 2>/dev/null; done
for k in parties facilities schedules loans; do
    cmp -s "$T/$k.csv" "$T/re/$k.csv"
    expect_eq "the $k export reads back the same" 0 $?
done
# A part brought in is a root of its own: only its root's id differs.
python3 -c "
import csv, sys
a = list(csv.reader(open('$T/certificates.csv', encoding='utf-8-sig')))
b = list(csv.reader(open('$T/re/certificates.csv', encoding='utf-8-sig')))
bad = [(r[0], a[0][i]) for r, s in zip(a, b) for i in range(len(r)) if r[i] != s[i] and a[0][i] != '原始凭证编号']
sys.exit(1 if bad or len(a) != len(b) else 0)"
expect_eq "the certificates read back the same, save their roots" 0 $?

# ---- XLSX: finbridge's own, and gnumeric's (XLSX and CSV in GB18030) -----------------------
if command -v ssconvert >/dev/null 2>&1; then
    for k in $KINDS; do
        ssconvert "$T/$k.xlsx" "$T/g_$k.xlsx" >/dev/null 2>&1
        ssconvert --export-type=Gnumeric_stf:stf_assistant -O 'separator=, charset=GB18030' \
            "$T/$k.xlsx" "$T/k_$k.csv" >/dev/null 2>&1
    done
    iconv -f UTF-8 -t GB18030 </dev/null >/dev/null
    ! iconv -f UTF-8 -t UTF-8 "$T/k_loans.csv" >/dev/null 2>&1
    expect_eq "gnumeric's CSV is not UTF-8" 0 $?
fi
for v in x g k; do
    case $v in x) p="" e=xlsx ;; g) p=g_ e=xlsx ;; k) p=k_ e=csv ;; esac
    [ -f "$T/${p}loans.$e" ] || { fail "no $v files (ssconvert)"; continue; }
    fresh "$T/$v.db"
    FILES=""
    for k in $KINDS; do FILES="$FILES $T/$p$k.$e"; done
    $F import --db "$T/$v.db" --as-of 2026-01-01 $FILES >"$T/$v.run" 2>"$T/$v.err"
    expect_eq "$v: the import" 0 $?
    same=0
    for k in $KINDS; do
        $F export --db "$T/$v.db" --as-of 2026-01-01 $k --out "$T/$v.$k.csv" 2>/dev/null
        cmp -s "$T/re/$k.csv" "$T/$v.$k.csv" && same=$((same + 1))
    done
    expect_eq "$v: the book is the CSV's" 5 $same
done

# ---- A year on both: the same reports ------------------------------------------------------
$F agreements create --db "$A" <"$T/agreement.jsonl" >/dev/null 2>&1
$F agreements create --db "$B" <"$T/agreement.jsonl" >/dev/null
# A's guarantees (not brought in: B has none) would take their fees from the borrowers' deposits.
$F settings --db "$A" --set guarantee_fee_collect_months=0 >/dev/null
$F eod --db "$A" --date 2026-12-31 --allow-days 400 --quiet 2>/dev/null
$F eod --db "$B" --date 2026-12-31 --allow-days 400 --quiet 2>/dev/null
differ=0
for d in 2025-12-31 2026-03-31 2026-06-30 2026-09-30 2026-12-31; do
    for db in a b; do
        {
            $F report credit --db "$T/$db.db" --as-of $d --from 2025-06-01 --by city,chain,line,size,class
            $F report credit --db "$T/$db.db" --as-of $d --region 210200 --by line
            $F report inclusive --db "$T/$db.db" --as-of $d
            $F report moves --db "$T/$db.db" --from 2026-01-01 --as-of $d 2>/dev/null
            $F agreements progress --db "$T/$db.db" LN-COOP-2026 --as-of $d 2>/dev/null
        } >"$T/$db.reports.$d"
    done
    cmp -s "$T/a.reports.$d" "$T/b.reports.$d" || { differ=1; diff "$T/a.reports.$d" "$T/b.reports.$d" | head -4; }
done
expect_eq "credit, inclusive, moves and progress are the same on every day compared" 0 $differ
# The quality report (classes, overdue buckets, restructured, provision) and the provisions
# (coverage, ratio, what is required), on the month-ends both books closed: each ran and
# answered, the same. (The cut-over's eve, 2025-12-31, is not one: the import keeps no quality
# nor provision of it, docs/import.md "The migration report".)
differ=0
ran=0
for d in 2026-01-31 2026-03-31 2026-06-30 2026-09-30 2026-12-31; do
    for r in quality provisions; do
        $F report $r --db "$A" --as-of $d >"$T/a.$r.$d" 2>"$T/a.$r.$d.err" &&
            $F report $r --db "$B" --as-of $d >"$T/b.$r.$d" 2>"$T/b.$r.$d.err" &&
            [ -s "$T/a.$r.$d" ] && ran=$((ran + 1))
        cmp -s "$T/a.$r.$d" "$T/b.$r.$d" || { differ=1; echo "  $r $d:"; diff "$T/a.$r.$d" "$T/b.$r.$d" | head -4; }
    done
done
expect_eq "the quality and provisions reports ran on both, every day compared" 10 $ran
expect_eq "and are the same" 0 $differ
$F report exposures --db "$A" --limit 100 >"$T/a.exp"
$F report exposures --db "$B" --limit 100 >"$T/b.exp"
cmp -s "$T/a.exp" "$T/b.exp"
expect_eq "so are the exposures" 0 $?
$F export --db "$A" --as-of 2027-01-01 loans --out "$T/a.loans.end.csv" 2>/dev/null
$F export --db "$B" --as-of 2027-01-01 loans --out "$T/b.loans.end.csv" 2>/dev/null
cmp -s "$T/a.loans.end.csv" "$T/b.loans.end.csv"
expect_eq "and every loan a year on" 0 $?
$F verify --db "$B" >/dev/null
expect_eq "the new book verifies a year on" 0 $?
end
