# test_pipeline_cli.sh — `transfers create` and `accounts create` read, submit and write on three
# threads (src/cli/events.c): the results are the lines the stages give one after another
# (FINBRIDGE_PIPELINE=off), byte for byte but the timestamps, on inputs whose bad lines, blank
# lines, over-long lines and linked chains fall on the batches' boundaries (8,189 events), read
# from a file and from a pipe; the books they leave are the same.
. tests/cli/lib.sh
F=$FINBRIDGE
B=8189

# 300 accounts, one bad line and a line that is not UTF-8 among them.
awk 'BEGIN { for (i = 0; i < 300; i++) {
    if (i == 17) print "{\"id\":\"acct:bad\",\"ledger\":1}"
    if (i == 200) printf "{\"id\":\"acct:u\",\"ledger\":1,\"code\":1,\"user_data\":\"\377\"}\n"
    printf "{\"id\":\"a%03d\",\"ledger\":1,\"code\":2011}\n", i } }' >"$T/a.jsonl"

# Transfers around the first batch's end (its 8,189th event is on line B+5): a chain B-20..B-1
# with a bad member (a linked line with three decimals) and a line that is not JSON at its end;
# bad lines B..B+2 (an unknown field, a NUL byte, an over-long line); a chain B+3..B+11 across
# the end, carried whole into the next batch. Around the second's: a chain 2B-30..2B+40 across
# it with two blank lines inside. An unknown account, and a last line without its newline.
awk -v b=$B 'function t(k, flags) {
        printf "{\"id\":\"t%06d\",\"debit_account_id\":\"a%03d\",\"credit_account_id\":\"a%03d\",\"amount\":\"%d.%02d\",\"ledger\":1,\"code\":1%s}\n",
            k, k % 300, (k * 7 + 1) % 300, k % 97, k % 100, flags }
    BEGIN {
    L = ",\"flags\":[\"linked\"]"
    for (k = 1; k <= 3 * b + 500; k++) {
        if (k == b - 2) { print "{\"id\":\"bad1\",\"debit_account_id\":\"a001\",\"credit_account_id\":\"a002\",\"amount\":\"1.005\",\"ledger\":1,\"code\":1,\"flags\":[\"linked\"]}"; continue }
        if (k == b - 1) { print "this is not json"; continue }
        if (k == b) { print "{\"id\":\"u1\",\"colour\":\"red\"}"; continue }
        if (k == b + 1) { printf "{\"id\":\"n1\"}\001x\n"; continue }
        if (k == b + 2) { printf "{\"id\":\"long\",\"user_data\":\""; for (i = 0; i < 70000; i++) printf "x"; print "\"}"; continue }
        if (k >= b - 20 && k < b - 2) { t(k, L); continue }
        if (k >= b + 3 && k <= b + 10) { t(k, L); continue }
        if (k == 2 * b) { print ""; continue }
        if (k == 2 * b + 1) { print "   "; continue }
        if (k >= 2 * b - 30 && k < 2 * b + 40) { t(k, L); continue }
        if (k == 3 * b) { print "{\"id\":\"nf\",\"debit_account_id\":\"zz\",\"credit_account_id\":\"a001\",\"amount\":\"1.00\",\"ledger\":1,\"code\":1}"; continue }
        t(k, "")
    }
    printf "{\"id\":\"last\",\"debit_account_id\":\"a001\",\"credit_account_id\":\"a002\",\"amount\":\"3.00\",\"ledger\":1,\"code\":1}" }' |
    tr '\001' '\000' >"$T/t.jsonl"

mask() { sed -E 's/"timestamp":"[0-9]+"/"timestamp":"T"/' "$1"; }

# run NAME HOW: a fresh book, accounts then transfers; outputs in $T/NAME.{a,t}, statuses in .st
run() {
    db=$T/$1.db
    $F init --db "$db" >/dev/null
    case $2 in
    off) FINBRIDGE_PIPELINE=off $F accounts create --db "$db" <"$T/a.jsonl" >"$T/$1.a" 2>&1
        st=$?
        FINBRIDGE_PIPELINE=off $F transfers create --db "$db" <"$T/t.jsonl" >"$T/$1.t" 2>&1 ;;
    file) $F accounts create --db "$db" <"$T/a.jsonl" >"$T/$1.a" 2>&1
        st=$?
        $F transfers create --db "$db" <"$T/t.jsonl" >"$T/$1.t" 2>&1 ;;
    pipe) cat "$T/a.jsonl" | $F accounts create --db "$db" >"$T/$1.a" 2>&1
        st=$?
        cat "$T/t.jsonl" | $F transfers create --db "$db" >"$T/$1.t" 2>&1 ;;
    esac
    echo "$st $?" >"$T/$1.st"
    $F accounts list --db "$db" >"$T/$1.list"
}
run off off
run file file
run pipe pipe

lines=$(($(wc -l <"$T/t.jsonl") + 1 - 2))
expect_eq "one result line per line that is not blank" "$lines" "$(wc -l <"$T/off.t" | tr -d ' ')"
expect_eq "exit statuses: some lines failed" "1 1" "$(cat "$T/off.st")"
expect_grep "the chain's bad member is named" "^\{\"line\":$((B - 2)),\"id\":\"bad1\",\"result\":\"invalid\",\"field\":\"amount\"" "$T/off.t"
expect_grep "the line that is not JSON" "^\{\"line\":$((B - 1)),\"result\":\"invalid\"" "$T/off.t"
expect_grep "the chain with bad members fails whole" "^\{\"line\":$((B - 20)),\"id\":\"t00$((B - 20))\",\"result\":\"linked_event_failed\"" "$T/off.t"
expect_grep "the NUL line" "^\{\"line\":$((B + 1)),\"result\":\"invalid\",.*NUL byte" "$T/off.t"
expect_grep "the over-long line" "^\{\"line\":$((B + 2)),\"result\":\"invalid\",.*longer than 65536" "$T/off.t"
expect_grep "the chain across the first batch's end is created" "^\{\"line\":$((B + 3)),\"id\":\"t00$((B + 3))\",\"result\":\"created\"" "$T/off.t"
expect_grep "the chain across the second's end is created" "^\{\"line\":$((2 * B - 30)),\"id\":\"t0$((2 * B - 30))\",\"result\":\"created\"" "$T/off.t"
expect_grep "the unknown account" "\"id\":\"nf\",\"result\":\"debit_account_not_found\"" "$T/off.t"
expect_grep "the last line without a newline" "\"id\":\"last\",\"result\":\"created\"" "$T/off.t"
for how in file pipe; do
    mask "$T/off.a" >"$T/x"
    mask "$T/$how.a" >"$T/y"
    if cmp -s "$T/x" "$T/y"; then ok "$how: accounts' lines are the same"; else fail "$how: accounts' lines differ" "$(diff "$T/x" "$T/y" | head -n 4)"; fi
    mask "$T/off.t" >"$T/x"
    mask "$T/$how.t" >"$T/y"
    if cmp -s "$T/x" "$T/y"; then ok "$how: transfers' lines are the same"; else fail "$how: transfers' lines differ" "$(diff "$T/x" "$T/y" | head -n 4)"; fi
    expect_eq "$how: the same exit statuses" "$(cat "$T/off.st")" "$(cat "$T/$how.st")"
    mask "$T/off.list" >"$T/x"
    mask "$T/$how.list" >"$T/y"
    if cmp -s "$T/x" "$T/y"; then ok "$how: the same balances"; else fail "$how: balances differ" "$(diff "$T/x" "$T/y" | head -n 4)"; fi
    $F verify --db "$T/$how.db" >/dev/null
    expect_eq "$how: verify passes" 0 $?
done

# A chain longer than a batch after bad lines: before, the batch after the bad lines overran its
# events (the chain, carried whole, was never submitted when full). Now the chain is submitted
# whole and fails open, as a chain that fills a batch does.
awk -v b=$B 'BEGIN { print "bad"; print "bad"
    for (k = 1; k <= b + 5; k++)
        printf "{\"id\":\"c%06d\",\"debit_account_id\":\"a001\",\"credit_account_id\":\"a002\",\"amount\":\"1.00\",\"ledger\":1,\"code\":1,\"flags\":[\"linked\"]}\n", k
    print "{\"id\":\"after\",\"debit_account_id\":\"a001\",\"credit_account_id\":\"a002\",\"amount\":\"1.00\",\"ledger\":1,\"code\":1}" }' >"$T/c.jsonl"
for how in off file; do
    if [ $how = off ]; then
        FINBRIDGE_PIPELINE=off $F transfers create --db "$T/off.db" <"$T/c.jsonl" >"$T/c.$how" 2>&1
    else
        $F transfers create --db "$T/file.db" <"$T/c.jsonl" >"$T/c.$how" 2>&1
    fi
    expect_eq "$how: a chain longer than a batch exits 1" 1 $?
    expect_eq "$how: a line each" $((B + 8)) "$(wc -l <"$T/c.$how" | tr -d ' ')"
    expect_grep "$how: the chain filling a batch is open at its end" "^\{\"line\":$((B + 2)),.*\"result\":\"linked_event_chain_open\"" "$T/c.$how"
    expect_grep "$how: the line after the chain is created" "\"id\":\"after\",\"result\":\"created\"" "$T/c.$how"
done
mask "$T/c.off" >"$T/x"
mask "$T/c.file" >"$T/y"
if cmp -s "$T/x" "$T/y"; then ok "the long chain's lines are the same"; else fail "the long chain's lines differ" "$(diff "$T/x" "$T/y" | head -n 4)"; fi
end
