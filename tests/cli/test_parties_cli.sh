# test_parties_cli.sh — `finbridge parties create|get`: derived fields with their rules, the
# deposit account, idempotency, and bad input named by field.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null

A=$(uscc 91210100MA0AAAA01)
B=$(uscc 92210211MA0BBBB02)
C=$(uscc 91211100MA0CCCC03)

cat >"$T/p.jsonl" <<J
{"id":"sy-mt","kind":"enterprise","name":"沈阳精工机床有限公司","uscc":"$A","region":"210102","industry":"3421","employees":350,"revenue":"150000000.00","total_assets":"180000000.00","flags":["specialized_sme"]}
{"id":"dl-shop","kind":"individual_business","name":"大连星海便利店","uscc":"$B","region":"Dalian","industry":"5211"}
{"id":"pj-chem","kind":"enterprise","name":"盘锦精细化工股份有限公司","uscc":"$C","region":211100,"industry":"2662","employees":1200,"revenue":"600000000.00","total_assets":"900000000.00"}
J
$F parties create --db "$DB" <"$T/p.jsonl" >"$T/out"
expect_eq "create exits 0" 0 $?
expect_eq "three created" 3 "$(grep -c '"result":"created"' "$T/out")"
expect_grep "an individual business is micro" '"id":"dl-shop".*"size_class":"micro"' "$T/out"
$F parties create --db "$DB" <"$T/p.jsonl" >"$T/out"
expect_eq "again: exists" 3 "$(grep -c '"result":"exists"' "$T/out")"

$F parties get --db "$DB" sy-mt pj-chem >"$T/g"
expect_eq "get exits 0" 0 $?
expect_grep "size class with its rule" '"size_class":"medium","size_rule":"industry sector: medium reaches \(X>=300 Y>=2000万\)"' "$T/g"
expect_grep "key chain" '"id":"sy-mt".*"key_chain":"machine_tools"' "$T/g"
expect_grep "technology SME with its rule" '"id":"sy-mt".*"tech_sme":true,"tech_sme_rule":"科技型中小企业' "$T/g"
expect_grep "city named" '"city":"210100","city_name":"沈阳"' "$T/g"
expect_grep "a large petrochemical firm" '"id":"pj-chem".*"size_class":"large".*"key_chain":"petrochemicals"' "$T/g"
$F accounts get --db "$DB" dep:sy-mt dep:dl-shop dep:pj-chem >"$T/a"
expect_eq "each party has its deposit account" 3 "$(grep -c '"code":2011' "$T/a")"

sed 's/"employees":350/"employees":351/' "$T/p.jsonl" | head -n 1 >"$T/changed.jsonl"
$F parties create --db "$DB" <"$T/changed.jsonl" >"$T/out"
expect_eq "a changed party is refused" 1 $?
expect_grep "naming the field" '"result":"exists_with_different","field":"employees"' "$T/out"

BAD=$(echo "$A" | sed 's/.$/0/')
[ "$BAD" = "$A" ] && BAD=$(echo "$A" | sed 's/.$/1/')
cat >"$T/bad.jsonl" <<J
{"id":"x1","kind":"enterprise","name":"X","uscc":"$BAD","region":"210102","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
{"id":"x2","kind":"enterprise","name":"X","uscc":"$(uscc 91210100MA0XXXX12)","region":"219900","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
{"id":"x3","kind":"enterprise","name":"X","uscc":"$(uscc 91210100MA0XXXX13)","region":"210102","industry":"9999","employees":1,"revenue":"1.00","total_assets":"1.00"}
{"id":"x4","kind":"enterprise","name":"X","uscc":"$(uscc 91210100MA0XXXX14)","region":"210102","industry":"3421"}
{"id":"x5","kind":"cooperative","name":"X","uscc":"$(uscc 91210100MA0XXXX15)","region":"210102","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
{"id":"x6","kind":"enterprise","name":"X","uscc":"$A","region":"210102","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
J
$F parties create --db "$DB" <"$T/bad.jsonl" >"$T/out"
expect_eq "bad parties exit 1" 1 $?
expect_grep "the check character expected" '"line":1,.*"field":"uscc","reason":"has the wrong check character: character 18 should be '"$(echo "$A" | tail -c 2)"'"' "$T/out"
expect_grep "an unknown region" '"line":2,.*"field":"region","reason":"is not a city of Liaoning"' "$T/out"
expect_grep "an unknown industry class" '"line":3,.*"field":"industry","reason":"is not in a GB/T 4754-2017 division"' "$T/out"
expect_grep "an enterprise needs its figures" '"line":4,.*"field":"employees","reason":"is missing' "$T/out"
expect_grep "an unknown kind" '"line":5,.*"field":"kind"' "$T/out"
expect_grep "a code already registered" '"line":6,.*"result":"uscc_registered","registered_to":"sy-mt"' "$T/out"
$F parties get --db "$DB" x1 x2 x3 x4 x5 x6 >/dev/null 2>&1
expect_eq "no bad party was written" 1 $?
$F verify --db "$DB" >/dev/null
expect_eq "verify passes" 0 $?
end
