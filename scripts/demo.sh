#!/bin/sh
# demo.sh FINBRIDGE — the main job, for now: a fresh book with three Liaoning borrowers, their
# credit facilities, loans of different methods, a payment between them through the ledger, then
# a supply-chain certificate passed down and financed, end of day over a year and a half with
# collections, a prepayment, a loan gone overdue and the certificate paid at maturity, a major
# project and the province's agreement with its progress, a schedule and verify. Then the main
# job: `finbridge demo` builds a synthetic Liaoning and lives three years of it, and the API
# serves it on loopback with a login for each role.
set -eu
F=${1:-build/finbridge}
dir=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-demo.XXXXXX")
DB=$dir/book.db
# A valid unified social credit code for 17 characters: finbridge computes the check character.
uscc() {
    c=$($F uscc "${1}0" | sed -n 's/.*expected \(.\)$/\1/p')
    printf '%s%s' "$1" "${c:-0}"
}

echo "== finbridge demo: a book at $DB"
$F init --db "$DB"

echo "== three borrowers: a Shenyang machine-tool maker, a Dalian supplier, an Anshan shop"
$F parties create --db "$DB" <<J
{"id":"sy-machine-tools","kind":"enterprise","name":"沈阳精密机床股份有限公司","uscc":"$(uscc 91210100MA0YJC001)","region":"210106","industry":"3421","employees":1800,"revenue":"2600000000.00","total_assets":"3900000000.00","flags":["high_tech"]}
{"id":"dl-bearings","kind":"enterprise","name":"大连精工轴承有限公司","uscc":"$(uscc 91210200MA0DLJC02)","region":"210213","industry":"3451","employees":160,"revenue":"48000000.00","total_assets":"36000000.00","flags":["specialized_sme"]}
{"id":"as-hardware-shop","kind":"individual_business","name":"鞍山铁西五金店","uscc":"$(uscc 92210303MA0AHWJ03)","region":"鞍山","industry":"5274"}
J

echo "== their facilities (授信)"
$F facilities create --db "$DB" <<'J'
{"id":"FAC-SY-2025-01","party":"sy-machine-tools","line":"technology","limit":"50000000.00","start_date":"2025-01-01","end_date":"2027-12-31","revolving":true}
{"id":"FAC-DL-2025-01","party":"dl-bearings","line":"inclusive","limit":"5000000.00","start_date":"2025-01-01","end_date":"2026-06-30","revolving":true}
{"id":"FAC-AS-2025-01","party":"as-hardware-shop","line":"inclusive","limit":"300000.00","start_date":"2025-03-01","end_date":"2026-02-28"}
J

echo "== loans: equal installment, LPR-linked interest-only, a bullet"
$F loans create --db "$DB" <<'J'
{"id":"LN-SY-001","facility":"FAC-SY-2025-01","amount":"30000000.00","lpr":"5y","spread_bp":-30,"months":60,"method":"equal_principal","start_date":"2025-06-20"}
{"id":"LN-DL-001","facility":"FAC-DL-2025-01","amount":"3000000.00","lpr":"1y","spread_bp":35,"months":12,"method":"interest_only","start_date":"2025-07-10","repayment_day":21}
{"id":"LN-AS-001","facility":"FAC-AS-2025-01","amount":"200000.00","rate":"3.95","months":6,"method":"bullet","start_date":"2025-08-01"}
J

echo "== Shenyang pays its Dalian supplier 4,200,000.00 through the ledger (two-phase)"
$F transfers create --db "$DB" <<'J'
{"id":"pay:SY-DL-0412","debit_account_id":"dep:sy-machine-tools","credit_account_id":"dep:dl-bearings","amount":"4200000.00","ledger":1,"code":201,"flags":["pending"],"timeout":86400}
{"id":"pay:SY-DL-0412:post","pending_id":"pay:SY-DL-0412","flags":["post_pending_transfer"]}
J

echo "== supply-chain finance: Shenyang's supply-chain line, a certificate to its Dalian supplier"
$F facilities create --db "$DB" <<'J'
{"id":"FAC-SY-SCF-2025","party":"sy-machine-tools","line":"supply_chain","limit":"20000000.00","start_date":"2025-01-01","end_date":"2026-12-31","revolving":true}
J
$F certificates issue --db "$DB" <<'J'
{"id":"YX-SY-0001","core":"sy-machine-tools","holder":"dl-bearings","face":"2000000.00","issue_date":"2025-09-01","maturity":"2026-03-01","contract":"SY-DL-2025-088","invoice":"21002500088"}
J
echo "== Dalian passes 300,000.00 down to the Anshan shop, and sells 1,000,000.00 to the bank"
$F certificates transfer --db "$DB" <<'J'
{"part":"YX-SY-0001","id":"YX-SY-0001-AS","to":"as-hardware-shop","amount":"300000.00","date":"2025-09-10"}
J
$F certificates finance --db "$DB" <<'J'
{"part":"YX-SY-0001","id":"YX-SY-0001-F1","amount":"1000000.00","rate":"2.85","date":"2025-10-15"}
J
$F certificates lineage --db "$DB" YX-SY-0001

echo "== the Anshan shop spends its loan on stock; the Dalian supplier keeps paying"
$F accounts create --db "$DB" <<'J'
{"id":"ext:suppliers","ledger":1,"code":3001}
J
$F transfers create --db "$DB" <<'J'
{"id":"pay:AS-stock-0805","debit_account_id":"dep:as-hardware-shop","credit_account_id":"ext:suppliers","amount":"200000.00","ledger":1,"code":201}
J

echo "== end of day from the first loan's start through 2025-12-31 (the last day's line)"
$F eod --db "$DB" --date 2025-12-31 --allow-days 400 | tail -n 1
echo "== the shop is paid for its stock (collected when its loan falls due); Dalian prepays 1,000,000"
$F transfers create --db "$DB" <<'J'
{"id":"pay:AS-sales-0101","debit_account_id":"ext:suppliers","credit_account_id":"dep:as-hardware-shop","amount":"120000.00","ledger":1,"code":201}
J
$F loans repay --db "$DB" LN-DL-001 --amount 1000000.00 --prepay reduce_installment --id DL-PREPAY-1
echo "== end of day through 2026-06-30: the shop's bullet loan falls due on 2026-02-01 and is only"
echo "   partly paid; on 2026-03-01 Shenyang pays the certificate's holders, and the shop's share"
echo "   clears its overdue loan"
$F eod --db "$DB" --date 2026-06-30 --allow-days 400 | tail -n 1

echo "== the cooperation: a major project, and the province's agreement with the bank"
$F projects create --db "$DB" <<'J'
{"id":"LN-PRJ-2025-017","name":"沈阳数控机床产业园二期","city":"沈阳","industry":"3421","total_investment":"3000000000.00","financing_need":"1200000000.00","status":"under_construction","start_date":"2025-03-01"}
J
$F agreements create --db "$DB" <<'J'
{"id":"LN-COOP-2025","bank":"某国有大型银行辽宁省分行","region":"210000","start_date":"2025-01-01","end_date":"2027-12-31","targets":{"new_credit":"50000000.00","new_credit_by_line":{"technology":"30000000.00","inclusive":"5000000.00"},"new_credit_by_chain":{"machine_tools":"30000000.00"},"new_credit_by_city":{"210200":"5000000.00"},"inclusive_borrowers":5,"inclusive_balance":"3000000.00","green_balance":"1000000.00","supply_chain_financing":"2000000.00","inclusive_rate_max":"4.5","npl_ratio_max":"2.0"}}
J
echo "== progress on 2026-06-30, from the books"
$F agreements progress --db "$DB" LN-COOP-2025 --as-of 2026-06-30

echo "== parties, with what is derived from them and the rule that derived it"
$F parties get --db "$DB" sy-machine-tools dl-bearings as-hardware-shop
echo "== facilities: limit, available, drawn"
$F facilities get --db "$DB" FAC-SY-2025-01 FAC-DL-2025-01 FAC-AS-2025-01
echo "== loans: what each owes, its days past due and its class"
$F loans get --db "$DB" LN-SY-001 LN-DL-001 LN-AS-001
echo "== the Dalian loan's schedule"
$F loans schedule --db "$DB" LN-DL-001
echo "== verify"
$F verify --db "$DB"

LN=$dir/liaoning.db
echo
echo "== a synthetic Liaoning: ${ENTERPRISES:-2000} enterprises, three years lived day by day ($LN)"
$F demo --db "$LN" --enterprises "${ENTERPRISES:-2000}" --years 3 --seed "${SEED:-20250101}" |
    tee "$dir/summary.json"
supplier=$(sed -E 's/.*"supplier":"([^"]*)".*/\1/' "$dir/summary.json")
$F verify --db "$LN"
echo "== the province's agreement at the end of its period, from the books"
$F agreements progress --db "$LN" LN-COOP-2025 --as-of 2027-12-31
echo "== balance by city at the end, and new credit over the three years"
$F report credit --db "$LN" --as-of 2027-12-31 --from 2025-01-01 --by city --format csv
echo "== asset quality: loans that moved between classes in the last year"
$F report moves --db "$LN" --from 2027-01-01 --as-of 2027-12-31

# Serve the API on loopback with one user of each role. Ctrl-C stops it; SERVE_SECONDS=N stops it
# after N seconds (without a terminal it serves 60 seconds unless told otherwise).
port=${PORT:-8080}
if [ -t 0 ]; then seconds=${SERVE_SECONDS:-0}; else seconds=${SERVE_SECONDS:-60}; fi
echo
echo "== users, one for each role (the token is shown only here; the password is for the dashboard)"
user() { # name role password [--party P | --region C]
    name=$1 role=$2 password=$3
    shift 3
    token=$(printf '%s\n' "$password" | $F users add --db "$LN" --name "$name" --role "$role" --password-stdin "$@" 2>/dev/null |
        sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
    printf '  %-9s %-13s %-17s password %-14s token %s\n' "$name" "$role" "$*" "$password" "$token"
    [ "$name" = bank ] && bank_token=$token
    return 0
}
user admin admin admin-2025
user bank bank_officer bank-2025
user liaoning government liaoning-2025 --region 210000
user dalian government dalian-2025 --region 210200
user auditor auditor auditor-2025
user supplier enterprise supplier-2025 --party "$supplier"
$F serve --db "$LN" --listen "127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; exit 0' INT TERM
for _ in 1 2 3 4 5 6 7 8 9 10; do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.3
done
if ! kill -0 $server 2>/dev/null; then
    echo "finbridge demo: the server could not start on port $port (in use? PORT=N serves on another)" >&2
    exit 1
fi
echo "== serving http://127.0.0.1:$port/  the dashboard: log in with a name and password above"
echo "   the API: /v1/... with Authorization: Bearer TOKEN; its description: /v1/openapi.json"
echo "   try: curl -H 'Authorization: Bearer $bank_token' \\"
echo "          http://127.0.0.1:$port/v1/agreements/LN-COOP-2025/progress?as_of=2027-12-31"
if [ "$seconds" -gt 0 ]; then
    echo "   it stops in $seconds seconds (SERVE_SECONDS)"
    sleep "$seconds"
    kill $server
else
    echo "   Ctrl-C stops it"
fi
wait $server || true
echo "== the books stay at $dir"
