# test_demands_cli.sh — financing demands on the command line: post (idempotent by id, every
# refusal a result line, exit 1), the steps with their exit codes and the options each takes,
# the levels on the holiday calendar (the Spring Festival of 2025), a year's notice loaded from a
# file (an invalid line named, one loaded, the same again, other days refused), the measures, the
# levels' settings, the audit log's entries, and verify.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
$F settings --db "$DB" --set simulation=true >/dev/null
echo "{\"id\":\"dl\",\"kind\":\"enterprise\",\"name\":\"大连轴承厂\",\"uscc\":\"$(uscc 91210200MA0DEM001)\",\"region\":\"210211\",\"industry\":\"3451\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" |
    $F parties create --db "$DB" >/dev/null
echo '{"id":"F-DL","party":"dl","line":"inclusive","limit":"3000000.00","start_date":"2025-01-01","end_date":"2027-12-31","revolving":true}' |
    $F facilities create --db "$DB" >/dev/null

cat >"$T/d.jsonl" <<'J'
{"id":"D1","party":"dl","amount":"2000000.00","purpose":"购置设备","months":24,"line":"inclusive","security":"mortgage","consent":true,"date":"2025-01-24"}
{"id":"D2","party":"dl","amount":"500000.00","purpose":"周转","months":12,"line":"inclusive","date":"2025-01-24"}
{"id":"D3","party":"nobody","amount":"1.00","purpose":"x","months":12,"line":"inclusive","date":"2025-01-24"}
{"id":"D4","party":"dl","amount":"1.00","purpose":"x","months":999,"line":"inclusive"}
{"id":"D5","party":"dl","amount":"1.00","purpose":"x","months":12,"line":"inclusive"}
J
$F demands post --db "$DB" <"$T/d.jsonl" >"$T/out"
expect_eq "a post with refusals exits 1" 1 $?
expect_grep "3 working days after Fri 24 Jan 2025: Sun 26 worked, Mon 27, Wed 5 Feb" \
    '"id":"D1","result":"done","status":"posted","response_due":"2025-02-05","decision_due":"2025-02-20"' "$T/out"
expect_grep "an unknown party" '"id":"D3","result":"party_not_found"' "$T/out"
expect_grep "a term past 480 months names the field" '"id":"D4","result":"invalid","field":"months"' "$T/out"
expect_grep "before the first end of day a date is needed" '"id":"D5","result":"no_business_date"' "$T/out"
head -2 "$T/d.jsonl" | $F demands post --db "$DB" >"$T/out"
expect_eq "again: exists, exit 0" "0 2" "$? $(grep -c '"result":"exists"' "$T/out")"
sed 's/"500000.00"/"600000.00"/' "$T/d.jsonl" | sed -n 2p | $F demands post --db "$DB" >"$T/out"
expect_grep "other content under the id" '"result":"exists_with_different","field":"amount"' "$T/out"
$F demands accept --db "$DB" D2 --officer 王经理 --date 2025-01-20 >"$T/s"
expect_eq "a step dated before the post: exit 1" 1 $?
expect_grep "before the step it follows names its date" '"result":"before_last_step","last_step_date":"2025-01-24","reason":"the date is before the step it follows, dated 2025-01-24"' "$T/s"

$F eod --db "$DB" --date 2025-01-26 --quiet >/dev/null 2>&1
$F demands accept --db "$DB" D1 --officer 王经理 >"$T/s"
expect_eq "accept: exit 0" 0 $?
expect_grep "dated the business date" '"step":"accepted","result":"done","date":"2025-01-27","status":"accepted"' "$T/s"
$F demands accept --db "$DB" D1 --officer 李经理 >"$T/s"
expect_eq "accepted twice to another officer: exit 1" 1 $?
expect_grep "step_taken" '"result":"step_taken"' "$T/s"
$F demands grant --db "$DB" D1 --facility F-DL --amount 1.00 >"$T/s"
expect_grep "a grant before the contact" '"result":"out_of_order"' "$T/s"
$F demands contact --db "$DB" D1 --note 已联系 --date 2025-01-26 >"$T/s"
expect_grep "a closed day names the business date" '"result":"before_business_date","business_date":"2025-01-27","reason":"the date is before the business date 2025-01-27 \(a closed day\)"' "$T/s"
echo '{"id":"D6","party":"dl","amount":"1.00","purpose":"x","months":12,"line":"inclusive","date":"2025-01-26"}' |
    $F demands post --db "$DB" >"$T/s"
expect_grep "a demand posted on a closed day names the business date too" '"id":"D6","result":"before_business_date","business_date":"2025-01-27","reason":"the date is before the business date 2025-01-27 \(a closed day\)"' "$T/s"
echo '{"id":"D7","party":"dl","amount":"1.00","purpose":"x","months":12,"line":"inclusive","date":"2025-01-28"}' |
    $F demands post --db "$DB" >"$T/s"
expect_grep "and one on a day not yet open" '"id":"D7","result":"after_business_date","business_date":"2025-01-27"' "$T/s"
$F demands contact --db "$DB" D1 --note 已联系 >/dev/null
$F demands grant --db "$DB" D1 --facility F-DL --amount 3000000.01 >"$T/s"
expect_grep "more than the facility's limit, named" '"result":"exceeds_facility","facility_limit":"3000000.00","reason":"the amount is more than the facility.s limit 3000000.00"' "$T/s"
$F demands grant --db "$DB" D1 --facility F-DL --amount 2000000.00 >"$T/s"
expect_eq "granted: exit 0" 0 $?
$F demands decline --db "$DB" D1 --reason credit_record >"$T/s"
expect_grep "a demand is closed once" '"result":"closed"' "$T/s"
$F demands decline --db "$DB" D2 --officer x 2>"$T/e"
expect_eq "an option the step does not take: exit 2" 2 $?
expect_grep "named" 'takes no --officer' "$T/e"
$F demands decline --db "$DB" D2 --reason other 2>"$T/e"
expect_eq "other without its text: exit 2" 2 $?
expect_grep "the text is named" 'text is missing' "$T/e"
$F demands decline --db "$DB" D2 --reason not_a_reason 2>"$T/e"
expect_eq "a reason not of the list: exit 2" 2 $?
$F demands withdraw --db "$DB" D2 --text 已通过其他渠道解决 >/dev/null
expect_eq "withdrawn: exit 0" 0 $?
$F demands get --db "$DB" D2 >"$T/g"
expect_grep "withdrawn by the bank on its word" '"withdrawn":"2025-01-27","withdrawn_by":"bank_officer"' "$T/g"
echo '{"id":"L1","facility":"F-DL","amount":"1000000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2025-01-27"}' |
    $F loans create --db "$DB" >/dev/null
$F demands get --db "$DB" D1 >"$T/g"
expect_grep "granted: the facility, the loan drawn since and the days" \
    '"first_drawdown":"2025-01-27","days_to_loan":2,"loans":1,"drawn":"1000000.00","loan_ids":\["L1"\]' "$T/g"
$F demands list --db "$DB" --status open >"$T/l"
expect_eq "the queue is empty" 0 "$(wc -l <"$T/l")"
$F demands list --db "$DB" --status closed --limit 1 >"$T/l"
expect_eq "closed, one at a time" 1 "$(wc -l <"$T/l")"

$F eod --db "$DB" --date 2025-01-31 --quiet >/dev/null 2>&1
$F report demands --db "$DB" --as-of 2025-01-31 --by city >"$T/r"
expect_grep "the measures" '"city":210200,.*"received":2,.*"granted":1,.*"withdrawn":1,.*"match_rate":"100.0000"' "$T/r"
expect_grep "a median of whole days" '"decision_days_median":"2.0"' "$T/r"
$F report demands --db "$DB" --as-of 2025-02-01 2>"$T/e"
expect_eq "not a closed day: exit 1" 1 $?
$F report demands --db "$DB" --as-of 2025-01-31 --by class 2>/dev/null
expect_eq "a demand has no class: exit 2" 2 $?

cat >"$T/n.jsonl" <<'J'
{"year":2027,"notice":"测试用通知","holidays":["2027-01-01"],"workdays":["2027-02-08"]}
{"year":2027,"notice":"测试用通知","holidays":["2027-01-01"],"workdays":["2027-02-06"]}
{"year":2027,"notice":"测试用通知","holidays":["2027-01-01"],"workdays":["2027-02-06"]}
{"year":2027,"notice":"测试用通知","holidays":["2027-01-01","2027-01-04"]}
J
$F calendar load --db "$DB" <"$T/n.jsonl" >"$T/c"
expect_eq "a file of notices with a bad and a different one: exit 1" 1 $?
expect_grep "a weekday worked is named" '"line":1,"result":"invalid","field":"workdays","reason":"2027-02-08 is not a Saturday or a Sunday' "$T/c"
expect_grep "loaded" '"line":2,"year":2027,"result":"loaded"' "$T/c"
expect_grep "the same again" '"line":3,"year":2027,"result":"exists"' "$T/c"
expect_grep "never replaced" '"line":4,"year":2027,"result":"exists_with_different"' "$T/c"
$F calendar get --db "$DB" 2027 2026 >"$T/c"
expect_grep "the loaded year" '"year":2027,.*"shipped":false' "$T/c"
expect_grep "a shipped year" '"year":2026,.*"shipped":true' "$T/c"
$F calendar get --db "$DB" 2028 2>/dev/null
expect_eq "a year not loaded: exit 1" 1 $?

$F settings --db "$DB" --set demand_response_days=20 2>"$T/e"
expect_eq "a response's level past the decision's: exit 1" 1 $?
expect_grep "named" 'demand_response_days must be at most demand_decision_days' "$T/e"
$F settings --db "$DB" --set demand_decision_days=20 --set demand_response_days=5 >/dev/null
expect_eq "both levels set" 0 $?
$F audit list --db "$DB" >"$T/a"
expect_grep "a step is audited" '"operation":"demands grant D1 --facility F-DL --amount 2000000.00",.*"result":"ok","outcome":"demand D1 granted"' "$T/a"
expect_grep "a refused step is audited as refused" '"operation":"demands decline D1 --reason credit_record".*"result":"refused"' "$T/a"
$F verify --db "$DB" >"$T/v"
expect_eq "verify" 0 $?
end
