# test_demo_cli.sh — `finbridge demo` at a small size: it lives through two years, shows its
# progress, passes verify, the same seed gives the same books and another seed other books, and
# bad options are refused naming the option, with nothing written.
. tests/cli/lib.sh
F=$FINBRIDGE

$F demo --db "$T/a.db" --enterprises 60 --years 2 --seed 7 >"$T/a.out" 2>"$T/a.err"
expect_eq "the demo exits 0" 0 $?
expect_grep "90 parties: 60 enterprises and 30 individual businesses" '"parties":90' "$T/a.out"
expect_grep "loans drawn, some paid late, certificates financed" \
    '"loans":[1-9][0-9]*,"paid_late":[1-9][0-9]*,.*"certificates":[1-9][0-9]*,"financed":[1-9]' "$T/a.out"
expect_grep "two years lived: the business date is the day after" '"business_date":"2027-01-01"' "$T/a.out"
expect_grep "progress shown month by month" '^demo: 2026-07-01, [0-9]+ loans' "$T/a.err"
expect_grep "and on the last day" '^demo: 2026-12-31, ' "$T/a.err"
$F verify --db "$T/a.db" >"$T/verify.out"
expect_eq "verify passes on the demo's books" 0 $?
expect_grep "verify: ok" 'checks: ok \(0 failures\)' "$T/verify.out"

$F agreements progress --db "$T/a.db" LN-COOP-2025 --as-of 2026-12-31 >"$T/progress.a"
expect_eq "the agreement's progress" 0 $?
expect_eq "eleven targets measured" 11 "$(grep -o '"measure"' "$T/progress.a" | wc -l | tr -d ' ')"
expect_grep "new credit achieved from the books" '"measure":"new_credit","target":"[0-9.]+","achieved":"[1-9][0-9.]*"' "$T/progress.a"
$F report credit --db "$T/a.db" --as-of 2026-12-31 --from 2025-01-01 --by city,line,size,class \
    --format csv >"$T/credit.a"
expect_grep "credit in Dalian too" '^Dalian,' "$T/credit.a"
$F report inclusive --db "$T/a.db" --as-of 2026-12-31 --region 210000 >"$T/inclusive"
expect_grep "the two increases against the end of 2025" \
    '"base_date":"2025-12-31".*"balance_grows_no_slower":(true|false),"borrowers_not_fewer":(true|false)' "$T/inclusive"
$F report inclusive --db "$T/a.db" --as-of 2026-12-31 --region 210201 >/dev/null 2>"$T/err"
expect_eq "a district is not a region of the reports" 2 $?
expect_grep "naming the region and why" "--region 210201: must be 210000 \(Liaoning\) or one of its cities" "$T/err"
$F projects get --db "$T/a.db" prj-210100-1 >"$T/project"
expect_grep "Shenyang's major project" '"id":"prj-210100-1".*"city":210100' "$T/project"
$F certificates lineage --db "$T/a.db" yx-core000000-202507 >"$T/lineage.a"
expect_grep "a certificate passed down and financed" '"holder":"bank".*"financed":' "$T/lineage.a"

$F demo --db "$T/b.db" --enterprises 60 --years 2 --seed 7 >"$T/b.out" 2>/dev/null
$F agreements progress --db "$T/b.db" LN-COOP-2025 --as-of 2026-12-31 >"$T/progress.b"
$F report credit --db "$T/b.db" --as-of 2026-12-31 --from 2025-01-01 --by city,line,size,class \
    --format csv >"$T/credit.b"
$F certificates lineage --db "$T/b.db" yx-core000000-202507 >"$T/lineage.b"
expect_eq "same seed, same summary" "$(cat "$T/a.out")" "$(cat "$T/b.out")"
expect_eq "same seed, same progress" "$(cat "$T/progress.a")" "$(cat "$T/progress.b")"
expect_eq "same seed, same credit report" "$(cat "$T/credit.a")" "$(cat "$T/credit.b")"
expect_eq "same seed, same certificate lineage" "$(cat "$T/lineage.a")" "$(cat "$T/lineage.b")"

$F demo --db "$T/c.db" --enterprises 60 --years 2 --seed 8 >/dev/null 2>&1
$F report credit --db "$T/c.db" --as-of 2026-12-31 --from 2025-01-01 --by city,line,size,class \
    --format csv >"$T/credit.c"
if cmp -s "$T/credit.a" "$T/credit.c"; then
    fail "another seed, other books" "seeds 7 and 8 gave the same credit report"
else
    ok "another seed, other books"
fi

$F demo --db "$T/bad.db" --enterprises 2k >/dev/null 2>"$T/err"
expect_eq "a malformed --enterprises is refused" 2 $?
expect_grep "naming the option and why" "--enterprises: must be a whole number from 20 to 1000000, not '2k'" "$T/err"
$F demo --db "$T/bad.db" --years 11 >/dev/null 2>"$T/err"
expect_grep "too many years" "--years: must be a whole number from 1 to 10, not '11'" "$T/err"
expect_eq "nothing written for bad options" "no" "$([ -e "$T/bad.db" ] && echo yes || echo no)"
before=$(cksum <"$T/a.db")
$F demo --db "$T/a.db" --enterprises 20 --years 1 >/dev/null 2>"$T/err"
expect_eq "an existing book is refused" 2 $?
expect_grep "saying the demo builds a new book" 'exists: the demo builds a new book' "$T/err"
expect_eq "and left as it was" "$before" "$(cksum <"$T/a.db")"
end
