# test_ledger_cli.sh — accounts, transfers, two-phase flows, linked chains, bad input and verify
# through the finbridge command.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE

$F init --db "$DB" >"$T/out" 2>&1
expect_eq "init exits 0" 0 $?
$F init --db "$DB" >"$T/out" 2>&1
expect_eq "init again keeps the book" 0 $?

cat >"$T/accounts.jsonl" <<'J'
{"id":"bank:cash","ledger":1,"code":1001}
{"id":"cust:a","ledger":1,"code":2011,"flags":["debits_must_not_exceed_credits","history"]}
{"id":"cust:b","ledger":1,"code":2011,"user_data":"Shenyang"}
J
$F accounts create --db "$DB" <"$T/accounts.jsonl" >"$T/out"
expect_eq "accounts create exits 0" 0 $?
expect_eq "three accounts created" 3 "$(grep -c '"result":"created"' "$T/out")"
$F accounts create --db "$DB" <"$T/accounts.jsonl" >"$T/out"
expect_eq "creating them again answers exists" 3 "$(grep -c '"result":"exists"' "$T/out")"

cat >"$T/t1.jsonl" <<'J'
{"id":"fund","debit_account_id":"bank:cash","credit_account_id":"cust:a","amount":"1000.00","ledger":1,"code":1}
{"id":"hold","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"300.00","ledger":1,"code":2,"flags":["pending"],"timeout":3600}
{"id":"hold:post","pending_id":"hold","amount":"120.50","flags":["post_pending_transfer"]}
{"id":"c1","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"10.00","ledger":1,"code":1,"flags":["linked"]}
{"id":"c2","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"5000.00","ledger":1,"code":1}
{"id":"hold2","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"50.00","ledger":1,"code":2,"flags":["pending"]}
{"id":"hold2:void","pending_id":"hold2","flags":["void_pending_transfer"]}
J
$F transfers create --db "$DB" <"$T/t1.jsonl" >"$T/out"
expect_eq "a failed event makes the exit status 1" 1 $?
expect_eq "fund created" created "$(field "$T/out" 1 result)"
expect_eq "post created with its amount" "120.50" "$(field "$T/out" 3 amount)"
expect_eq "chain member fails with its chain" linked_event_failed "$(field "$T/out" 4 result)"
expect_eq "chain breaker names its reason" exceeds_credits "$(field "$T/out" 5 result)"
expect_eq "void created for the whole amount" "50.00" "$(field "$T/out" 7 amount)"
$F accounts get --db "$DB" cust:a >"$T/a"
expect_eq "cust:a posted debits" "120.50" "$(field "$T/a" 1 debits_posted)"
expect_eq "cust:a has nothing pending" "0.00" "$(field "$T/a" 1 debits_pending)"
$F transfers get --db "$DB" hold c1 >"$T/g" 2>"$T/err"
expect_eq "get of a missing transfer exits 1" 1 $?
expect_eq "the pending transfer shows it was posted" posted "$(field "$T/g" 1 status)"
expect_grep "the missing one is named" "no transfer c1" "$T/err"

$F accounts transfers --db "$DB" cust:a --reverse --limit 2 >"$T/h"
expect_eq "account transfers, newest first, limited" "hold2:void hold2" "$(sed -E 's/.*"id":"([^"]*)".*/\1/' "$T/h" | tr '\n' ' ' | sed 's/ $//')"
$F accounts balances --db "$DB" cust:a >"$T/b"
expect_eq "balance history has a row per change (fund, hold, post, hold2, void)" 5 "$(wc -l <"$T/b")"
ts=$(field "$T/out" 2 timestamp)
$F accounts balances --db "$DB" cust:a --as-of "$ts" >"$T/b1"
expect_eq "balance as of the hold shows it pending" "300.00" "$(field "$T/b1" 1 debits_pending)"
$F accounts balances --db "$DB" cust:b >"$T/b2" 2>"$T/err"
expect_eq "balances of an account without history is refused" 1 $?

cat >"$T/bad.jsonl" <<'J'
{"id":"x1","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"1.005","ledger":1,"code":1}
{"id":"x2","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":5,"ledger":1,"code":1}
{"id":"x3","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"-1.00","ledger":1,"code":1}
{"id":"x 4","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"1.00","ledger":1,"code":1}
{"id":"x5","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"1.00","ledger":1,"code":1,"colour":"red"}
{"id":"x6","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"1.00","ledger":"1","code":1}
this is not json
{"id":"x8","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"99999999999999999999.00","ledger":1,"code":1}
{"id":"x9","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"2.00","ledger":1,"code":1}
{"id":"y1","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"1.00","ledger":1,"code":1,"flags":["linked"]}
{"id":"y2","debit_account_id":"cust:a","credit_account_id":"cust:b","amount":"1.0x","ledger":1,"code":1}
J
$F transfers create --db "$DB" <"$T/bad.jsonl" >"$T/out"
expect_eq "bad input exits 1" 1 $?
expect_eq "three decimals" "amount|has more than two decimals" "$(field "$T/out" 1 field)|$(field "$T/out" 1 reason)"
expect_grep "a JSON number is refused" '"line":2,.*"field":"amount","reason":"must be a string' "$T/out"
expect_eq "negative" "is negative" "$(field "$T/out" 3 reason)"
expect_grep "an id with a space" '"line":4,.*"field":"id"' "$T/out"
expect_grep "an unknown field" '"line":5,.*"field":"colour","reason":"is not a field of a transfer"' "$T/out"
expect_grep "a mistyped field" '"line":6,.*"field":"ledger","reason":"must be a whole number, not a string"' "$T/out"
expect_grep "not JSON" '"line":7,"result":"invalid","field":"","reason":"is not valid JSON' "$T/out"
expect_grep "out of range" '"line":8,.*"field":"amount","reason":"is too large"' "$T/out"
expect_eq "the valid line among them is created" created "$(field "$T/out" 9 result)"
expect_eq "a chain with an invalid line fails whole" linked_event_failed "$(field "$T/out" 10 result)"
$F transfers get --db "$DB" x1 x5 y1 >/dev/null 2>&1
expect_eq "nothing of a rejected event is written" 1 $?

cat >"$T/badacc.jsonl" <<'J'
{"id":"acc:1","ledger":1,"code":1,"debits_posted":"5.00"}
{"id":"acc:2","code":1}
{"id":"acc:3","ledger":1,"code":70000}
{"id":"acc:4","ledger":1,"code":1,"flags":["linked","sparkly"]}
{"id":"acc:5","ledger":1,"code":1,"user_data":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
{"id":"acc:6","ledger":0,"code":1}
J
$F accounts create --db "$DB" <"$T/badacc.jsonl" >"$T/out"
expect_eq "bad accounts exit 1" 1 $?
expect_grep "balances are the ledger's" '"line":1,.*"field":"debits_posted","reason":"is set by the ledger' "$T/out"
expect_grep "a missing ledger" '"line":2,.*"field":"ledger","reason":"is missing"' "$T/out"
expect_grep "a code out of range" '"line":3,.*"field":"code","reason":"must be at most 65535"' "$T/out"
expect_grep "an unknown flag" '"line":4,.*"field":"flags","reason":"has an unknown flag \\"sparkly\\""' "$T/out"
expect_grep "user_data too long" '"line":5,.*"field":"user_data","reason":"is longer than 128 bytes"' "$T/out"
expect_eq "ledger zero is the ledger's own result" ledger_must_not_be_zero "$(field "$T/out" 6 result)"
$F accounts get --db "$DB" acc:1 acc:2 acc:3 acc:4 acc:5 acc:6 >/dev/null 2>&1
expect_eq "no bad account was written" 1 $?

$F verify --db "$DB" >"$T/v"
expect_eq "verify passes" 0 $?
expect_grep "verify summarises" "^verify: 1 ledgers, 3 accounts, .* ok \(0 failures\)" "$T/v"

# A hand edit of a balance is found.
sqlite3 "$DB" "UPDATE accounts SET debits_posted = debits_posted + 1 WHERE id = 'cust:b'"
$F verify --db "$DB" >"$T/v"
expect_eq "verify fails on a broken book" 1 $?
expect_grep "and names the account" "account cust:b: debits_posted 1 fen, its transfers sum to 0 fen" "$T/v"

$F accounts get --db "$T/none.db" x >"$T/out" 2>&1
expect_eq "a missing book is an error" 2 $?
expect_grep "that says how to make one" "finbridge init" "$T/out"
$F frobnicate >/dev/null 2>&1
expect_eq "an unknown command is a usage error" 2 $?
end
