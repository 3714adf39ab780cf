# test_credit_life_cli.sh — lines of credit over their life: renewed, their limit changed,
# frozen and unfrozen, closed, expired; who counts as inclusive, from the borrower's total credit
# now, for every open loan; small-business owners; entrusted payment; automatic collection.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
$F settings --db "$DB" --set simulation=true >/dev/null

# ---- Small-business owners ---------------------------------------------------------------------
BIZ=$(uscc 91210100MA0AAAB01)
cat >"$T/p.jsonl" <<J
{"id":"sm","kind":"enterprise","name":"沈阳小型机床厂","uscc":"$(uscc 91210100MA0AAAA01)","region":"210102","industry":"3421","employees":30,"revenue":"5000000.00","total_assets":"3000000.00"}
{"id":"sup","kind":"enterprise","name":"沈阳钢材供应商","uscc":"$(uscc 91210100MA0AAAA02)","region":"210102","industry":"5121","employees":12,"revenue":"9000000.00","total_assets":"4000000.00"}
{"id":"biz","kind":"enterprise","name":"沈阳小微加工厂","uscc":"$BIZ","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
{"id":"own","kind":"small_business_owner","name":"张三","uscc":"$BIZ","resident_id":"210102198003154210","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
J
$F parties create --db "$DB" <"$T/p.jsonl" >"$T/out"
expect_eq "an owner registers beside the business it owns" 4 "$(grep -c '"result":"created"' "$T/out")"
$F parties get --db "$DB" own >"$T/g"
expect_grep "an owner is sized by its business" \
    '"kind":"small_business_owner".*"resident_id":"210102198003154210".*"size_class":"micro"' "$T/g"
expect_eq "the owner holds its business's USCC" "$BIZ" "$(field "$T/g" 1 uscc)"

cat >"$T/bad.jsonl" <<J
{"id":"own2","kind":"small_business_owner","name":"李四","uscc":"$BIZ","resident_id":"210102198003154211","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
{"id":"own3","kind":"small_business_owner","name":"王五","uscc":"$BIZ","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
{"id":"own4","kind":"small_business_owner","name":"张三","uscc":"$BIZ","resident_id":"210102198003154210","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
{"id":"e5","kind":"enterprise","name":"某企业","uscc":"$BIZ","resident_id":"210102198003154210","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
{"id":"e6","kind":"enterprise","name":"某企业","uscc":"$BIZ","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
J
$F parties create --db "$DB" <"$T/bad.jsonl" >"$T/out"
expect_grep "a wrong check character names the one expected" \
    '"line":1,.*"field":"resident_id","reason":"the check character should be 0 \(character 18\)"' "$T/out"
expect_grep "an owner needs its identity" '"line":2,.*"field":"resident_id","reason":"is required' "$T/out"
expect_grep "one identity, one owner" '"line":3,.*"result":"resident_id_registered","registered_to":"own"' "$T/out"
expect_grep "an enterprise has no identity number" '"line":4,.*"field":"resident_id"' "$T/out"
expect_grep "the USCC is shared with the owner only, not another enterprise" \
    '"line":5,.*"result":"uscc_registered","registered_to":"biz"' "$T/out"
$F parties get --db "$DB" own2 own3 own4 e5 e6 >"$T/g" 2>/dev/null
rc=$?
expect_eq "nothing of the refused parties was written" "1 0" "$rc $(grep -c . "$T/g")"

# ---- Renewal of an inclusive line, and an expired line that no longer counts -------------------
cat >"$T/f.jsonl" <<'J'
{"id":"f1","party":"sm","line":"inclusive","limit":"6000000.00","start_date":"2025-01-01","end_date":"2025-01-31","revolving":true}
{"id":"fo","party":"own","line":"inclusive","limit":"500000.00","start_date":"2025-01-01","end_date":"2025-12-31","revolving":true}
{"id":"fs","party":"sup","line":"general","limit":"1000000.00","start_date":"2025-01-01","end_date":"2025-12-31"}
J
$F facilities create --db "$DB" <"$T/f.jsonl" >"$T/out"
expect_eq "three lines" 3 "$(grep -c '"result":"created"' "$T/out")"

cat >"$T/l.jsonl" <<'J'
{"id":"L1","facility":"f1","amount":"1000000.00","rate":"4.00","months":12,"method":"equal_principal","start_date":"2025-01-10"}
{"id":"LO1","facility":"fo","amount":"100000.00","rate":"4.00","months":12,"method":"interest_only","start_date":"2025-01-10"}
{"id":"LO2","facility":"fo","amount":"100000.00","rate":"4.00","months":12,"method":"interest_only","start_date":"2025-01-10","business_purpose":false}
{"id":"LP","facility":"f1","amount":"200000.00","rate":"4.00","months":6,"method":"bullet","start_date":"2025-01-10","payment":"entrusted","payee":"sup","purpose":"采购钢材"}
{"id":"LX","facility":"f1","amount":"100000.00","rate":"4.00","months":6,"method":"bullet","start_date":"2025-01-10","payment":"entrusted","payee_account":"6222021001122334455","payee_name":"大连重工设备有限公司","purpose":"采购设备"}
{"id":"LM","facility":"f1","amount":"120000.00","rate":"4.00","months":12,"method":"equal_installment","start_date":"2025-01-10","auto_collect":false}
J
$F loans create --db "$DB" <"$T/l.jsonl" >"$T/out"
expect_eq "six drawdowns" 6 "$(grep -c '"result":"created"' "$T/out")"
$F loans get --db "$DB" LO1 LO2 LP LM >"$T/g"
expect_grep "an owner's business loan is inclusive" '"id":"LO1".*"inclusive":true' "$T/g"
expect_grep "an owner's loan for itself is not" '"id":"LO2".*"business_purpose":false.*"inclusive":false' "$T/g"
expect_grep "entrusted payment names its payee and purpose" \
    '"id":"LP".*"payment":"entrusted","payee":"sup","purpose":"采购钢材"' "$T/g"
expect_grep "a loan not signed for collection" '"id":"LM".*"auto_collect":false' "$T/g"
$F parties get --db "$DB" sm sup >"$T/g"
expect_grep "entrusted: the borrower's deposit holds only its own drawdowns" \
    '"id":"sm".*"deposit_balance":"1120000.00"' "$T/g"
expect_grep "entrusted: the payee is paid" '"id":"sup".*"deposit_balance":"200000.00"' "$T/g"
$F accounts get --db "$DB" gl:payments_out >"$T/g"
expect_grep "to another bank: through the outward clearing account" '"credits_posted":"100000.00"' "$T/g"

cat >"$T/bad.jsonl" <<'J'
{"id":"LY","facility":"f1","amount":"1000.00","rate":"4.00","months":6,"method":"bullet","start_date":"2025-01-10","payment":"entrusted","payee":"sup"}
{"id":"LZ","facility":"f1","amount":"1000.00","rate":"4.00","months":6,"method":"bullet","start_date":"2025-01-10","payment":"entrusted","payee":"nobody","purpose":"x"}
{"id":"LW","facility":"f1","amount":"1000.00","rate":"4.00","months":6,"method":"bullet","start_date":"2025-01-10","payee":"sup"}
J
$F loans create --db "$DB" <"$T/bad.jsonl" >"$T/out"
expect_grep "entrusted payment needs its purpose" '"line":1,.*"field":"purpose"' "$T/out"
expect_grep "a payee the book does not hold" '"line":2,.*"result":"payee_not_found"' "$T/out"
expect_grep "a payee without entrusted payment" \
    '"line":3,.*"field":"payee","reason":"is for entrusted payment only"' "$T/out"
$F loans get --db "$DB" LY LZ LW >"$T/g" 2>/dev/null
rc=$?
expect_eq "nothing of the refused drawdowns was written" "1 0" "$rc $(grep -c . "$T/g")"

# Expiry at end of day: a line's last day is still its own; the day after, it has expired.
$F eod --db "$DB" --date 2025-01-30 --allow-days 400 --quiet 2>/dev/null
expect_eq "end of day through 2025-01-30 closes" 0 $?
$F facilities get --db "$DB" f1 >"$T/g"
expect_grep "on its last day the line is still active" '"id":"f1".*"status":"active","party_total_credit":"6000000.00"' "$T/g"

# Automatic collection: sm's deposit holds money, LM is not collected and falls overdue.
$F eod --db "$DB" --date 2025-02-11 --allow-days 400 --quiet 2>/dev/null
expect_eq "end of day through 2025-02-11 closes" 0 $?
$F loans get --db "$DB" LM L1 >"$T/g"
expect_grep "not collected, it falls overdue" \
    '"id":"LM".*"principal_overdue":"9817.99".*"days_past_due":2,"class":"special_mention"' "$T/g"
expect_grep "L1 was collected from the deposit" \
    '"id":"L1".*"principal_outstanding":"916666.67".*"days_past_due":0' "$T/g"
$F parties get --db "$DB" sm >"$T/g"
expect_grep "the deposit paid L1's installment only (83333.33 + 3333.33), not LM's" \
    '"id":"sm".*"deposit_balance":"1033333.34"' "$T/g"
$F loans repay --db "$DB" LM --amount 10221.40 >"$T/out"
expect_grep "a loan not collected is repaid by its borrower" \
    '"loan":"LM","result":"done",.*"penalty":"3.41","interest":"400.00","principal":"9817.99",.*"unapplied":"0.00"' "$T/out"
$F loans get --db "$DB" LM >"$T/g"
expect_grep "and is no longer overdue" '"principal_overdue":"0.00","interest_overdue":"0.00",.*"days_past_due":0' "$T/g"
$F facilities get --db "$DB" f1 >"$T/g"
expect_grep "the line expired after its last day" '"id":"f1".*"status":"expired","party_total_credit":"0.00"' "$T/g"
expect_eq "the expiry is in the line's history, dated the day after its last" "1|expire|2025-02-01|expired" \
    "$(sqlite3 "$DB" "SELECT seq, c.kind, date(c.date * 86400, 'unixepoch'), status_after FROM facility_changes c JOIN facilities f ON f.key = c.facility WHERE f.id = 'f1'")"
echo '{"id":"f1b","party":"sm","line":"inclusive","limit":"6000000.00","start_date":"2025-02-12","end_date":"2026-02-11","revolving":true}' |
    $F facilities create --db "$DB" >"$T/out"
expect_grep "the annual renewal of a 6,000,000 inclusive line is approved" '"id":"f1b","result":"created"' "$T/out"
$F loans get --db "$DB" L1 >"$T/g"
expect_grep "its loans stay inclusive" '"inclusive":true,"inclusive_pboc":true' "$T/g"

# ---- Inclusive follows the total credit now ----------------------------------------------------
echo '{"id":"f2","party":"sm","line":"technology","limit":"5000000.00","start_date":"2025-02-12","end_date":"2026-02-11"}' |
    $F facilities create --db "$DB" >/dev/null
$F loans get --db "$DB" L1 LP LX LM LO1 >"$T/g"
expect_eq "past ten million the open loans are no longer inclusive" 4 \
    "$(grep -c '"party":"sm".*"inclusive":false,"inclusive_pboc":false' "$T/g")"
expect_grep "the owner's loan, another borrower, stays inclusive" '"id":"LO1".*"inclusive":true,"inclusive_pboc":true' "$T/g"
$F facilities get --db "$DB" f1b >"$T/g"
expect_grep "the other line's figures follow" '"party_total_credit":"11000000.00","inclusive":false' "$T/g"
# The report of the day: the loans stay in the inclusive line of business but leave the scope.
$F eod --db "$DB" --date 2025-02-12 --quiet 2>/dev/null
expect_eq "end of day through 2025-02-12 closes" 0 $?
$F report credit --db "$DB" --as-of 2025-02-11 --by line >"$T/r1"
$F report credit --db "$DB" --as-of 2025-02-12 --by line >"$T/r2"
expect_grep "by line the day before: all six loans in the inclusive line" '"line":"inclusive","balance":"1536666.67","loans":6' "$T/r1"
expect_grep "by line the day after: the same line holds them (10221.40 of LM repaid)" \
    '"line":"inclusive","balance":"1526848.68","loans":6' "$T/r2"
$F report inclusive --db "$DB" --as-of 2025-02-11 >"$T/r1"
$F report inclusive --db "$DB" --as-of 2025-02-12 >"$T/r2"
expect_grep "inclusive the day before: sm's four loans and the owner's business loan" \
    '"inclusive_balance":"1436666.67",.*"inclusive_borrowers":2' "$T/r1"
expect_grep "inclusive the day after: only the owner's business loan" \
    '"inclusive_balance":"100000.00",.*"inclusive_borrowers":1' "$T/r2"

$F facilities limit --db "$DB" f2 --limit 4000000.00 --id C1 --reason 调减 >"$T/out"
expect_grep "a lower limit" \
    '"facility":"f2","result":"changed","id":"C1","kind":"limit","n":1,"date":"2025-02-13","status":"active","limit_before":"5000000.00","limit":"4000000.00".*"party_total_credit":"10000000.00","loans_rederived":4' "$T/out"
$F transfers get --db "$DB" flim:f2:1 >"$T/t" 2>&1
expect_grep "the limit lowered back to the commitments under its own code, 705" \
    '"debit_account_id":"fac:f2:available","credit_account_id":"obs:credit_commitments","amount":"1000000.00",.*"code":705' "$T/t"
$F loans get --db "$DB" L1 >"$T/g"
expect_grep "at ten million: the regulator's scope again, not the central bank's" \
    '"inclusive":true,"inclusive_pboc":false' "$T/g"
$F facilities limit --db "$DB" f2 --limit 4000000.00 --id C1 --reason 调减 >"$T/out"
expect_eq "the same change again exits 0" 0 $?
expect_grep "the same change again is found" '"result":"exists","id":"C1","kind":"limit","n":1' "$T/out"
$F facilities limit --db "$DB" f2 --limit 3000000.00 --id C1 >"$T/out"
expect_eq "the id for another change" 1 $?
expect_grep "is refused" '"result":"exists_with_different"' "$T/out"
$F facilities limit --db "$DB" f1b --limit 6000000.01 >"$T/out"
expect_eq "a refused change exits 1" 1 $?
expect_grep "an inclusive line's limit cannot take its borrower past ten million" '"result":"not_inclusive"' "$T/out"
$F facilities renew --db "$DB" f1b --end-date 2026-06-30 --limit 6000000.01 >"$T/out"
expect_grep "nor can an inclusive line's renewal" '"result":"not_inclusive"' "$T/out"
$F facilities get --db "$DB" f1b >"$T/g"
expect_grep "the refused renewal wrote nothing" '"limit":"6000000.00","start_date":"2025-02-12","end_date":"2026-02-11"' "$T/g"
$F facilities renew --db "$DB" f2 --end-date 2026-06-30 --limit 4000000.01 >"$T/out"
expect_grep "another line's renewal past ten million moves the loans out" \
    '"result":"changed","kind":"renew","n":2,.*"end_date":"2026-06-30",.*"party_total_credit":"10000000.01","loans_rederived":4' "$T/out"
$F loans get --db "$DB" L1 >"$T/g"
expect_grep "out of both scopes" '"inclusive":false,"inclusive_pboc":false' "$T/g"
$F facilities limit --db "$DB" f2 --limit 4000000.00 >"$T/out"
expect_grep "back to ten million: the loans back in" '"kind":"limit","n":3,.*"loans_rederived":4' "$T/out"
echo '{"id":"L2","facility":"f2","amount":"3000000.00","rate":"4.00","months":12,"method":"bullet","start_date":"2025-02-13"}' |
    $F loans create --db "$DB" >"$T/out"
expect_grep "a drawdown under the technology line" '"id":"L2","result":"created"' "$T/out"
$F facilities limit --db "$DB" f2 --limit 2999999.99 >"$T/out"
expect_grep "no lower than what is drawn" '"result":"below_drawn"' "$T/out"
$F facilities limit --db "$DB" f2 --limit 3000000.00 >"$T/out"
expect_grep "down to exactly what is drawn" '"kind":"limit","n":4,.*"limit":"3000000.00",.*"available":"0.00","party_total_credit":"9000000.00"' "$T/out"

# ---- Freeze, unfreeze, close, renew ------------------------------------------------------------
$F facilities freeze --db "$DB" f2 >"$T/out"
expect_grep "frozen" '"result":"changed","kind":"freeze","n":5,.*"status":"frozen"' "$T/out"
$F facilities limit --db "$DB" f2 --limit 4000000.00 >"$T/out"
expect_grep "a frozen line's limit may change" '"kind":"limit","n":6,.*"status":"frozen",.*"available":"1000000.00","party_total_credit":"10000000.00"' "$T/out"
echo '{"id":"L3","facility":"f2","amount":"1000.00","rate":"4.00","months":12,"method":"bullet","start_date":"2025-02-13"}' |
    $F loans create --db "$DB" >"$T/out"
expect_grep "a frozen line is not drawn" '"result":"facility_not_active"' "$T/out"
$F facilities freeze --db "$DB" f2 >"$T/out"
expect_grep "frozen twice" '"result":"not_allowed"' "$T/out"
$F loans get --db "$DB" L1 >"$T/g"
expect_grep "a frozen line still counts" '"inclusive":true,"inclusive_pboc":false' "$T/g"
$F facilities unfreeze --db "$DB" f1b >"$T/out"
expect_grep "an active line is not unfrozen" '"result":"not_allowed"' "$T/out"
$F facilities unfreeze --db "$DB" f2 >"$T/out"
expect_grep "unfrozen" '"kind":"unfreeze","n":7,.*"status":"active"' "$T/out"
$F facilities close --db "$DB" f2 --reason 客户申请 >"$T/out"
expect_grep "closed: its undrawn limit returned" \
    '"kind":"close","n":8,.*"status":"closed",.*"available":"0.00","party_total_credit":"6000000.00"' "$T/out"
$F loans get --db "$DB" L1 L2 >"$T/g"
expect_grep "a closed line no longer counts: both scopes again" '"id":"L1".*"inclusive":true,"inclusive_pboc":true' "$T/g"
expect_grep "the closed line's loan is still owed" '"id":"L2".*"status":"active","principal_account":"loan:L2:principal"' "$T/g"
$F facilities renew --db "$DB" f2 --end-date 2027-01-01 >"$T/out"
expect_grep "a closed line changes no more" '"result":"closed"' "$T/out"
$F facilities freeze --db "$DB" f2 >"$T/out"
expect_grep "nor is a closed line frozen" '"result":"closed"' "$T/out"
expect_eq "the history of f2: every change made, none refused, in order" \
    "limit 5000000.00 4000000.00 C1 调减|renew 4000000.00 4000000.01|limit 4000000.01 4000000.00|limit 4000000.00 3000000.00|freeze 3000000.00 3000000.00|limit 3000000.00 4000000.00|unfreeze 4000000.00 4000000.00|close 4000000.00 4000000.00 客户申请" \
    "$(sqlite3 "$DB" "SELECT group_concat(t, '|') FROM (SELECT c.kind || printf(' %.2f %.2f', limit_before / 100.0, limit_after / 100.0) || ifnull(' ' || client_id, '') || ifnull(' ' || reason, '') AS t FROM facility_changes c JOIN facilities f ON f.key = c.facility WHERE f.id = 'f2' ORDER BY seq)")"
$F facilities renew --db "$DB" f1b --end-date 2026-01-01 >"$T/out"
expect_grep "a renewal ends later" '"result":"end_not_later"' "$T/out"
$F facilities renew --db "$DB" fs --end-date 2026-12-31 --limit 1500000.00 --date 2025-02-14 >"$T/out"
expect_grep "changes are dated the business date" '"result":"after_business_date"' "$T/out"
$F facilities renew --db "$DB" fs --end-date 2026-12-31 --limit 1500000.00 >"$T/out"
expect_grep "renewed with a higher limit" \
    '"kind":"renew",.*"limit_before":"1000000.00","limit":"1500000.00","end_before":"2025-12-31","end_date":"2026-12-31","available":"1500000.00"' "$T/out"
$F facilities renew --db "$DB" fs --limit 100.00 2>"$T/err"
expect_eq "a renewal needs its end date" 2 $?
expect_grep "the error names the field" "end_date is required" "$T/err"
$F facilities shrink --db "$DB" fs 2>/dev/null
expect_eq "an unknown change" 2 $?
$F facilities close --db "$DB" nosuch >"$T/out"
expect_grep "an unknown facility" '"facility":"nosuch","result":"facility_not_found"' "$T/out"

# Repaid principal under a closed line returns to the commitments, not to its available limit.
$F eod --db "$DB" --date 2026-02-13 --allow-days 400 --quiet 2>/dev/null
expect_eq "end of day through 2026-02-13 closes" 0 $?
$F loans get --db "$DB" L2 >"$T/g"
expect_grep "at maturity the deposit paid what it held of L2, the rest is overdue" \
    '"id":"L2".*"principal_outstanding":"339588.07","principal_overdue":"339588.07"' "$T/g"
$F facilities get --db "$DB" f2 >"$T/g"
expect_grep "the closed line stays closed, nothing available, drawn what is owed" \
    '"status":"closed".*"available":"0.00","drawn":"339588.07"' "$T/g"
$F accounts transfers --db "$DB" fac:f2:drawn >"$T/t"
expect_grep "what L2 repaid (3000000.00 - 339588.07) went back to the commitments" \
    '"credit_account_id":"obs:credit_commitments","amount":"2660411.93".*"code":704' "$T/t"
expect_eq "and nothing went back to the closed line's available limit" 0 \
    "$(grep -c '"credit_account_id":"fac:f2:available"' "$T/t")"
$F verify --db "$DB" >"$T/v"
expect_eq "verify passes" 0 $?
cp "$DB" "$T/t1.db"
cp "$DB.audit-key" "$T/t1.db.audit-key"
sqlite3 "$T/t1.db" "UPDATE facilities SET status = 'active' WHERE id = 'f2'"
$F verify --db "$T/t1.db" >/dev/null
expect_eq "verify passes whatever the status when the ledger agrees" 0 $?
cp "$DB" "$T/t2.db"
cp "$DB.audit-key" "$T/t2.db.audit-key"
sqlite3 "$T/t2.db" "UPDATE loans SET inclusive_cbirc = 1 - inclusive_cbirc WHERE id = 'L1'"
$F verify --db "$T/t2.db" >"$T/v"
expect_eq "a tampered inclusive flag: verify exits 1" 1 $?
expect_grep "a loan's inclusive flag that its cell does not hold fails verify" "loan L1: report cell" "$T/v"
end
