#!/bin/sh
# demo.sh FINBRIDGE — the main job, for now: a fresh book with a small, realistic set of bank
# accounts and transfers, then the balances and verify. Grows with the loan book and the rest.
set -eu
F=${1:-build/finbridge}
dir=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-demo.XXXXXX")
DB=$dir/book.db
echo "== finbridge demo: a book at $DB"
$F init --db "$DB"

echo "== the bank's chart of accounts and two borrowers' settlement accounts (ledger 1, CNY)"
$F accounts create --db "$DB" <<'J'
{"id":"bank:vault","ledger":1,"code":1001,"user_data":"cash and central-bank reserves"}
{"id":"bank:loans:inclusive","ledger":1,"code":1303,"user_data":"inclusive small-micro loans","flags":["history"]}
{"id":"bank:loans:supply_chain","ledger":1,"code":1303,"user_data":"supply-chain finance"}
{"id":"bank:interest_income","ledger":1,"code":6011,"flags":["debits_must_not_exceed_credits"]}
{"id":"dep:shenyang_machine_tools","ledger":1,"code":2011,"user_data":"Shenyang 210100, C3421","flags":["debits_must_not_exceed_credits","history"]}
{"id":"dep:dalian_bearing_supplier","ledger":1,"code":2011,"user_data":"Dalian 210200, C3451","flags":["debits_must_not_exceed_credits","history"]}
{"id":"dep:anshan_steel_trader","ledger":1,"code":2011,"user_data":"Anshan 210300, F5174","flags":["debits_must_not_exceed_credits"]}
J

echo "== disbursements, a two-phase payment, a linked repayment, and one refused overdraft"
$F transfers create --db "$DB" <<'J' || true
{"id":"disb:SY-2025-001","debit_account_id":"bank:loans:inclusive","credit_account_id":"dep:shenyang_machine_tools","amount":"3000000.00","ledger":1,"code":101}
{"id":"disb:DL-2025-007","debit_account_id":"bank:loans:supply_chain","credit_account_id":"dep:dalian_bearing_supplier","amount":"850000.00","ledger":1,"code":102}
{"id":"pay:SY-DL-0412","debit_account_id":"dep:shenyang_machine_tools","credit_account_id":"dep:dalian_bearing_supplier","amount":"420000.00","ledger":1,"code":201,"flags":["pending"],"timeout":86400}
{"id":"pay:SY-DL-0412:post","pending_id":"pay:SY-DL-0412","amount":"400000.00","flags":["post_pending_transfer"]}
{"id":"repay:DL-2025-007:interest","debit_account_id":"dep:dalian_bearing_supplier","credit_account_id":"bank:interest_income","amount":"2479.17","ledger":1,"code":301,"flags":["linked"]}
{"id":"repay:DL-2025-007:principal","debit_account_id":"dep:dalian_bearing_supplier","credit_account_id":"bank:loans:supply_chain","amount":"100000.00","ledger":1,"code":302}
{"id":"pay:AS-overdraft","debit_account_id":"dep:anshan_steel_trader","credit_account_id":"dep:dalian_bearing_supplier","amount":"10.00","ledger":1,"code":201}
J

echo "== balances"
$F accounts get --db "$DB" bank:vault bank:loans:inclusive bank:loans:supply_chain \
    bank:interest_income dep:shenyang_machine_tools dep:dalian_bearing_supplier \
    dep:anshan_steel_trader
echo "== the Shenyang account's balance history"
$F accounts balances --db "$DB" dep:shenyang_machine_tools
echo "== verify"
$F verify --db "$DB"
echo "== the book stays at $DB"
