# test_certificates_cli.sh — supply-chain certificates from the command line: issue under the
# core's facility, pass parts down, finance one at the bank, the lineage, held-by, every
# refusal naming its field, settlement at maturity by end of day, and verify.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
for p in "core 91210200MA0AAAA01 5000 9000000000.00" "t1 91210200MA0AAAA02 12 3000000.00" \
    "t2 91210200MA0AAAA03 12 3000000.00"; do
    set -- $p
    echo "{\"id\":\"$1\",\"kind\":\"enterprise\",\"name\":\"$1\",\"uscc\":\"$(uscc $2)\",\"region\":\"210211\",\"industry\":\"3670\",\"employees\":$3,\"revenue\":\"$4\",\"total_assets\":\"$4\"}"
done | $F parties create --db "$DB" >/dev/null
echo '{"id":"scf","party":"core","line":"supply_chain","limit":"5000000.00","start_date":"2025-01-01","end_date":"2026-12-31","revolving":true}' |
    $F facilities create --db "$DB" >/dev/null

cat >"$T/issue.jsonl" <<'J'
{"id":"C1","core":"core","holder":"t1","face":"1000000.00","issue_date":"2025-03-01","maturity":"2025-10-01","contract":"HT-2025-001"}
{"id":"C2","core":"core","holder":"t1","face":"4000000.01","issue_date":"2025-03-01","maturity":"2025-06-01"}
{"id":"C3","core":"core","holder":"ghost","face":"100.00","issue_date":"2025-03-01","maturity":"2025-06-01"}
{"id":"C4","core":"core","holder":"t1","face":"100.001","issue_date":"2025-03-01","maturity":"2025-06-01"}
{"id":"C5","core":"core","holder":"t1","face":"100.00","issue_date":"2025-03-01","maturity":"2026-03-02"}
{"id":"C6","core":"core","holder":"t1","face":"100.00","issue_date":"2025-03-01","maturity":"2025-02-01"}
J
$F certificates issue --db "$DB" <"$T/issue.jsonl" >"$T/out"
expect_eq "some refused: exit 1" 1 $?
expect_grep "issued, with a warning past six months" '"id":"C1","result":"done","amount":"1000000.00","warning":"the term is longer than six months"' "$T/out"
expect_grep "beyond the facility's available limit" '"id":"C2","result":"exceeds_available_limit"' "$T/out"
expect_grep "an unknown holder" '"id":"C3","result":"party_not_found","field":"holder"' "$T/out"
expect_grep "three decimals" '"id":"C4","result":"invalid","field":"face"' "$T/out"
expect_grep "over a year" '"id":"C5","result":"invalid","field":"maturity","reason":"is more than one year after the issue date"' "$T/out"
expect_grep "dates out of order" '"id":"C6","result":"invalid","field":"maturity","reason":"must be after the issue date"' "$T/out"

cat >"$T/move.jsonl" <<'J'
{"part":"C1","id":"C1-a","to":"t2","amount":"600000.00","date":"2025-03-05"}
{"part":"C1","id":"C1-b","to":"t2","amount":"400000.01","date":"2025-03-05"}
{"part":"C1","id":"C1-c","to":"t1","amount":"1.00","date":"2025-03-05"}
{"part":"C1-a","id":"C1-d","to":"t1","amount":"1.00","date":"2025-03-04"}
{"part":"C1","id":"C1-e","to":"t2","amount":"0.00","date":"2025-03-05"}
J
$F certificates transfer --db "$DB" <"$T/move.jsonl" >"$T/out"
expect_grep "a part passed down" '"id":"C1-a","result":"done","amount":"600000.00"' "$T/out"
expect_grep "more than is held" '"id":"C1-b","result":"exceeds_held"' "$T/out"
expect_grep "not to the current holder" '"id":"C1-c","result":"to_current_holder"' "$T/out"
expect_grep "not before its holder received it" '"id":"C1-d","result":"before_received"' "$T/out"
expect_grep "below 0.01" '"id":"C1-e","result":"invalid","field":"amount","reason":"must be at least 0.01"' "$T/out"
$F certificates transfer --db "$DB" <"$T/move.jsonl" >"$T/out"
expect_grep "again: exists" '"id":"C1-a","result":"exists","amount":"600000.00"' "$T/out"

echo '{"part":"C1-a","id":"F1","rate":"3.6","amount":"100000.00","date":"2025-04-01"}' |
    $F certificates finance --db "$DB" >"$T/out"
expect_grep "financed: face less 183 days of discount" '"id":"F1","result":"done","amount":"100000.00","discount":"1830.00","proceeds":"98170.00"' "$T/out"
echo '{"part":"F1","id":"F2","to":"t1","date":"2025-04-02"}' | $F certificates transfer --db "$DB" >"$T/out"
expect_grep "the bank does not pass it on" '"result":"held_by_bank"' "$T/out"

$F certificates lineage --db "$DB" F1 >"$T/tree"
expect_grep "every part of the root, the root first" '^{"root":"C1","parts":\[{"id":"C1","root":"C1","parent":null' "$T/tree"
expect_grep "each part's range of fen" '"id":"C1-a",.*"holder":"t2","from":"t1","received":"2025-03-05","face":"500000.00","range_start":10000000,"range_end":60000000' "$T/tree"
expect_grep "financed, when and by whom" '"id":"F1",.*"holder":"bank",.*"financed":{"date":"2025-04-01","by":"t2","rate":"3.6000","discount":"1830.00"' "$T/tree"
$F certificates held-by --db "$DB" t2 >"$T/h"
expect_eq "t2 holds one part" 1 "$(wc -l <"$T/h")"
$F certificates held-by --db "$DB" --bank >"$T/h"
expect_grep "the bank holds what it financed" '"id":"F1"' "$T/h"
$F certificates held-by --db "$DB" ghost 2>"$T/e"
expect_eq "an unknown party: exit 1" 1 $?

# The core pays at maturity through end of day.
echo '{"id":"ext:clearing","ledger":1,"code":3001}' | $F accounts create --db "$DB" >/dev/null
echo '{"id":"fund","debit_account_id":"ext:clearing","credit_account_id":"dep:core","amount":"1000000.00","ledger":1,"code":1}' |
    $F transfers create --db "$DB" >/dev/null
$F eod --db "$DB" --date 2025-10-01 --allow-days 400 | tail -n 1 >"$T/day"
expect_grep "every part paid at maturity" '"certificates_settled":3,"certificates_paid":"1000000.00","advances":0' "$T/day"
$F parties get --db "$DB" t2 >"$T/p"
expect_grep "tier 2 paid its part and the proceeds" '"deposit_balance":"598170.00"' "$T/p"
$F verify --db "$DB" >"$T/v"
expect_eq "verify holds" 0 $?
end
