# test_schemes_cli.sh — the government's schemes on the command line. A risk-compensation pool:
# created from JSON Lines (idempotent, a bad share named), funded, a loan covered and the next
# refused by the leverage cap with its bound, a claim refused before the scheme's days overdue and
# paid on the day, the pool's figures. An interest subsidy: refused past its budget, enrolled,
# a closed quarter claimed with its line, approved and paid. A financing guarantee: a split not
# summing to 100% refused, the bank's net exposure, a claim before default refused. verify.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null
$F settings --db "$DB" --set simulation=true >/dev/null
echo "{\"id\":\"dl\",\"kind\":\"enterprise\",\"name\":\"大连精密轴承有限公司\",\"uscc\":\"$(uscc 91210200MA0PWL001)\",\"region\":\"210211\",\"industry\":\"3451\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" |
    $F parties create --db "$DB" >/dev/null
echo '{"id":"F-DL","party":"dl","line":"technology","limit":"3000000.00","start_date":"2025-01-01","end_date":"2027-12-31","revolving":true}' |
    $F facilities create --db "$DB" >/dev/null
printf '%s\n%s\n' \
    '{"id":"L1","facility":"F-DL","amount":"1000000.00","rate":"4.35","months":3,"method":"bullet","start_date":"2025-01-02"}' \
    '{"id":"L2","facility":"F-DL","amount":"1000000.00","rate":"4.35","months":12,"method":"bullet","start_date":"2025-01-02"}' |
    $F loans create --db "$DB" >/dev/null
echo '{"id":"ext:out","ledger":1,"code":3001}' | $F accounts create --db "$DB" >/dev/null
echo '{"id":"spend","debit_account_id":"dep:dl","credit_account_id":"ext:out","amount":"2000000.00","ledger":1,"code":1}' |
    $F transfers create --db "$DB" >/dev/null
$F eod --db "$DB" --date 2025-01-02 --quiet >/dev/null 2>&1

POOL='{"id":"P1","name":"大连市科技型企业贷款风险补偿资金池","region":"210200","lines":["technology"],"sizes":["small","micro"],"leverage":2,"share":"50.0000","overdue_days":30,"npl_ceiling":"5.0000"}'
echo "$POOL" | $F pools create --db "$DB" >"$T/out"
expect_eq "created: exit 0" 0 $?
expect_grep "done" '"id":"P1","result":"done"' "$T/out"
echo "$POOL" | $F pools create --db "$DB" >"$T/out"
expect_grep "again: exists" '"result":"exists"' "$T/out"
echo "$POOL" | sed 's/"50.0000"/"150.0000"/' | $F pools create --db "$DB" >"$T/out"
expect_eq "a share above 100%: exit 1" 1 $?
expect_grep "the share named" '"result":"invalid","field":"share"' "$T/out"
echo "$POOL" | sed 's/"leverage":2/"leverage":3/' | $F pools create --db "$DB" >"$T/out"
expect_grep "other content under the id" '"result":"exists_with_different","field":"leverage"' "$T/out"

$F pools fund --db "$DB" P1 --id F1 --amount 500000.00 >"$T/out"
expect_grep "funded on the business date" '"act":"fund","result":"done","id":"F1","date":"2025-01-03","amount":"500000.00"' "$T/out"
$F pools fund --db "$DB" P1 --loan L1 2>"$T/e"
expect_eq "fund takes no --loan: exit 2" 2 $?
$F pools cover --db "$DB" P1 --loan L1 >"$T/out"
expect_grep "L1 covered" '"result":"done","loan":"L1","date":"2025-01-03","amount":"1000000.00"' "$T/out"
$F pools cover --db "$DB" P1 --loan L2 >"$T/out"
expect_eq "beyond the leverage cap: exit 1" 1 $?
expect_grep "the cap's room and the loan" '"result":"exceeds_leverage","loan":"L2","field":"leverage","bound":"0.00","value":"1000000.00"' "$T/out"
# A pool of Dalian's major projects: L2's borrower is on no list, refused naming the rule.
echo '{"id":"P9","name":"大连市重大项目贷款风险补偿资金池","region":"210200","listed":"major_projects"}' |
    $F pools create --db "$DB" >"$T/out"
expect_grep "a listed pool created" '"id":"P9","result":"done"' "$T/out"
echo '{"id":"P8","name":"x","region":"210200","listed":"government"}' | $F pools create --db "$DB" >"$T/out"
expect_grep "a list that is not one named" '"result":"invalid","field":"listed"' "$T/out"
$F pools fund --db "$DB" P9 --id F9 --amount 500000.00 >/dev/null
$F pools cover --db "$DB" P9 --loan L2 >"$T/out"
expect_eq "not on the list: exit 1" 1 $?
expect_grep "not_listed named" '"result":"not_listed","loan":"L2","field":"listed"' "$T/out"
$F pools get --db "$DB" P9 >"$T/out"
expect_grep "the list read back" '"listed":"major_projects"' "$T/out"
$F pools claim --db "$DB" P1 --loan L2 >"$T/out"
expect_grep "a claim outside the scheme" '"result":"not_covered"' "$T/out"
$F pools claim --db "$DB" P1 --loan L1 >"$T/out"
expect_grep "not yet overdue" '"result":"not_claimable","loan":"L1","field":"overdue_days","bound":"30","value":"0"' "$T/out"

# L1 falls due on 2025-04-02 unpaid: 29 days past due at the close of 04-30, 30 of 05-01.
for d in 2025-02-01 2025-03-01 2025-04-01 2025-04-30; do $F eod --db "$DB" --date $d --quiet >/dev/null 2>&1; done
$F pools claim --db "$DB" P1 --loan L1 >"$T/out"
expect_grep "29 days: refused" '"result":"not_claimable","loan":"L1","field":"overdue_days","bound":"30","value":"29"' "$T/out"
$F eod --db "$DB" --date 2025-05-01 --quiet >/dev/null 2>&1
$F pools claim --db "$DB" P1 --loan L1 >"$T/out"
expect_eq "claimed: exit 0" 0 $?
expect_grep "half the principal outstanding" '"result":"done","loan":"L1","date":"2025-05-02","amount":"500000.00","trigger":"overdue","basis":"1000000.00"' "$T/out"
$F pools get --db "$DB" P1 >"$T/out"
expect_grep "the pool's figures" '"funded":"500000.00","balance":"0.00","covered_loans":1,"covered":"1000000.00","capacity":"0.00"' "$T/out"
expect_grep "claims paid" '"claims":1,"paid":"500000.00","returned":"0.00"' "$T/out"
$F pools list --db "$DB" >"$T/out"
expect_eq "listed" 1 "$(grep -c '"id":"P1"' "$T/out")"
$F verify --db "$DB" >"$T/v"
expect_eq "verify" 0 $?
$F settings --db "$DB" >"$T/s"
expect_grep "the pool's defaults are settings" 'pool_leverage' "$T/s"

# An interest subsidy on L2: refused past one budget, enrolled on 2025-05-02 within another, the second quarter claimed
# once closed (60 days of it), its line approved, the claim paid.
echo '{"id":"S1","name":"设备更新贷款财政贴息","region":"210000","mode":"net","points":"1.0000","months":24,"budget":"5000.00"}' |
    $F subsidies create --db "$DB" >"$T/out"
expect_grep "a scheme created" '"id":"S1","result":"done"' "$T/out"
echo '{"id":"S2","name":"x","region":"210000","mode":"net","points":"1.0000","share":"50.0000","months":24,"budget":"1.00"}' |
    $F subsidies create --db "$DB" >"$T/out"
expect_grep "points and share both: named" '"result":"invalid","field":"points"' "$T/out"
$F subsidies enrol --db "$DB" S1 --loan L2 >"$T/out"
expect_eq "beyond the budget: exit 1" 1 $?
expect_grep "L2 may earn 1m x 1% x 245 / 360 (to its maturity 2026-01-02), past the budget" '"result":"exceeds_budget","loan":"L2","field":"budget","bound":"5000.00","value":"6805.56"' "$T/out"
echo '{"id":"S3","name":"设备更新贷款财政贴息（二期）","region":"210000","mode":"net","points":"1.0000","months":24,"budget":"30000.00"}' |
    $F subsidies create --db "$DB" >/dev/null
$F subsidies enrol --db "$DB" S3 --loan L2 >"$T/out"
expect_grep "enrolled within the budget, at the net rate 4.35% - 1% from the day" '"result":"done","loan":"L2","date":"2025-05-02","amount":"6805.56","net_rate":"3.3500","net_from":"2025-05-02"' "$T/out"
$F loans schedule --db "$DB" L2 --format json >"$T/out"
expect_grep "the bullet's interest 1m x 4.35% x 365 / 360 = 44104.17 less 1m x 1% x 245 / 360 = 6805.56" '"interest":"37298.61"' "$T/out"
$F subsidies enrol --db "$DB" S1 --loan L2 >"$T/out"
expect_grep "one scheme a loan" '"result":"enrolled_elsewhere"' "$T/out"
$F subsidies claim --db "$DB" S3 --quarter 20252 >"$T/out"
expect_eq "the quarter is open: exit 1" 1 $?
for d in 2025-06-01 2025-06-30; do $F eod --db "$DB" --date $d --quiet >/dev/null 2>&1; done
$F subsidies claim --db "$DB" S3 --quarter 20252 >"$T/out"
expect_grep "a line of 60 days" '"result":"done","quarter":20252,"date":"2025-07-01","amount":"1666.66","lines":\[\{"loan":"L2","days":60,"amount":"1666.66","decision":"undecided"\}\]' "$T/out"
$F subsidies decide --db "$DB" S3 --quarter 20252 --loan L2 --approve true >"$T/out"
expect_grep "approved" '"act":"decide","result":"done"' "$T/out"
$F subsidies pay --db "$DB" S3 --quarter 20252 >"$T/out"
expect_grep "paid" '"act":"pay","result":"done","quarter":20252,"date":"2025-07-01","amount":"1666.66"' "$T/out"
$F subsidies get --db "$DB" S3 >"$T/out"
expect_grep "the scheme's figures" '"receivable":"0.00","paid":"1666.66"' "$T/out"
$F subsidies list --db "$DB" >"$T/out"
expect_eq "the schemes listed in id order" "S1 S3" "$(sed -E 's/^\{"id":"([^"]*)".*/\1/' "$T/out" | tr '\n' ' ' | sed 's/ $//')"
expect_grep "with whom each is for and its figures" '"id":"S3",.*"lines":\[\],"sizes":\[\],.*"borrower_cap":"0.00".*"paid":"1666.66"' "$T/out"
$F subsidies list --db "$DB" --after S1 --limit 1 >"$T/out"
expect_eq "after S1, one" "1 S3" "$(wc -l <"$T/out" | tr -d ' ') $(sed -E 's/^\{"id":"([^"]*)".*/\1/' "$T/out")"
$F subsidies list --db "$DB" --limit 0 >"$T/out" 2>"$T/err"
expect_eq "a limit of 0: exit 2" 2 $?
$F verify --db "$DB" >"$T/v"
expect_eq "verify after the subsidy" 0 $?

# A financing guarantee of L2: a split not summing to 100% refused naming it; the default
# 4:2:2:2 on 80% of the loan leaves the bank 1m - 0.8m + 20% of 0.8m; not yet defaulted.
echo '{"id":"G1","loan":"L2","company":"dl","share_company":"40.0000","share_national":"20.0000","share_provincial":"20.0000","share_bank":"19.9999"}' |
    $F guarantees create --db "$DB" >"$T/out"
expect_eq "a split of 99.9999%: exit 1" 1 $?
expect_grep "the split named" '"result":"invalid","field":"split","reason":"must sum to 100.0000% \(the four shares\)"' "$T/out"
# The guarantee company, a party of its own: a company does not guarantee its own loan.
echo "{\"id\":\"gc\",\"kind\":\"enterprise\",\"name\":\"辽宁省融资担保集团有限公司\",\"uscc\":\"$(uscc 91210100MA0PWL002)\",\"region\":\"210102\",\"industry\":\"6981\",\"employees\":300,\"revenue\":\"500000000.00\",\"total_assets\":\"9000000000.00\"}" |
    $F parties create --db "$DB" >/dev/null
echo '{"id":"G0","loan":"L2","company":"dl"}' | $F guarantees create --db "$DB" >"$T/out"
expect_grep "its own loan: refused" '"result":"company_is_borrower"' "$T/out"
echo '{"id":"G1","loan":"L2","company":"gc","covered":"80.0000"}' | $F guarantees create --db "$DB" >"$T/out"
expect_grep "guaranteed" '"id":"G1","result":"done"' "$T/out"
$F guarantees get --db "$DB" G1 >"$T/out"
expect_grep "the default split and the bank's net exposure" '"share_company":"40.0000","share_national":"20.0000","share_provincial":"20.0000","share_bank":"20.0000".*"principal":"1000000.00","net_exposure":"360000.00"' "$T/out"
$F guarantees claim --db "$DB" G1 >"$T/out"
expect_eq "not defaulted: exit 1" 1 $?
expect_grep "not_defaulted" '"act":"claim","result":"not_defaulted"' "$T/out"
$F guarantees pay --db "$DB" G1 --guarantor nobody 2>/dev/null
expect_eq "an unknown guarantor: exit 2" 2 $?
$F guarantees share-back --db "$DB" G1 >"$T/out"
expect_eq "share-back before a claim: exit 1" 1 $?
expect_grep "not_claimed" '"act":"share_back","result":"not_claimed"' "$T/out"
$F guarantees fee --db "$DB" G1 >"$T/out"
expect_eq "the fee without the funds: exit 1" 1 $?
expect_grep "1% of the 800,000.00 guaranteed, refused with what is available" '"act":"fee","result":"insufficient_funds","amount":"8000.00","available":"0.00"' "$T/out"
echo '{"id":"dl:fee","debit_account_id":"ext:out","credit_account_id":"dep:dl","amount":"8000.00","ledger":1,"code":1}' |
    $F transfers create --db "$DB" >/dev/null
$F guarantees fee --db "$DB" G1 >"$T/out"
expect_grep "the year's fee charged" '"act":"fee","result":"done","amount":"8000.00","year":1' "$T/out"
$F guarantees fee --db "$DB" G1 >"$T/out"
expect_grep "once a year" '"result":"exists","amount":"8000.00","year":1' "$T/out"
$F guarantees get --db "$DB" G1 >"$T/out"
expect_grep "the fees on the guarantee" '"fee_years":1,"fees":"8000.00"' "$T/out"
$F guarantees list --db "$DB" >"$T/out"
expect_eq "the bank lists its guarantees" 1 "$(grep -c '"id":"G1"' "$T/out")"
# A guarantee company's user is bound to its party, as an enterprise's is.
$F users add --db "$DB" --name gc-user --role guarantor --party gc >"$T/out" 2>&1
expect_eq "a guarantor user added: exit 0" 0 $?
$F users add --db "$DB" --name no-party --role guarantor >"$T/out" 2>&1
expect_eq "a guarantor without its party: refused" 1 $?
expect_grep "the party named" 'party' "$T/out"
$F users list --db "$DB" >"$T/out"
expect_grep "listed with its role and party" '"name":"gc-user","role":"guarantor","party":"gc"' "$T/out"
end
