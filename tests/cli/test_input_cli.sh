# test_input_cli.sh — every JSON Lines reader accounts for every byte: a NUL byte, an over-long
# line and bytes that are not UTF-8 each get an error line with the line number and a non-zero
# exit, and nothing of such a line is written (hardening issue, item 2).
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null 2>&1

# A NUL inside a line: before, N1 was created and N2 dropped without a word, exit 0.
printf '{"id":"N1","ledger":1,"code":1}\0{"id":"N2","ledger":1,"code":1}\n' |
    $F accounts create --db "$DB" >"$T/out" 2>&1
expect_eq "a NUL inside a line exits 1" 1 $?
expect_grep "the line with a NUL is named with its column" \
    '"line":1,"result":"invalid","field":"","reason":"line has a NUL byte at column 32"' "$T/out"
$F accounts get --db "$DB" N1 >/dev/null 2>&1
expect_eq "nothing of the line with a NUL is created" 1 $?

# A line that starts with NUL: before, it vanished.
printf '\0{"id":"N3","ledger":1,"code":1}\n{"id":"N4","ledger":1,"code":1}\n' |
    $F accounts create --db "$DB" >"$T/out" 2>&1
expect_eq "a line starting with NUL exits 1" 1 $?
expect_grep "it is line 1, at column 1" '"line":1,"result":"invalid".*NUL byte at column 1"' "$T/out"
expect_grep "the next line is line 2 and created" '"line":2,"id":"N4","result":"created"' "$T/out"

# Bytes that are not UTF-8: an overlong slash, a lone continuation byte, a surrogate.
printf '{"id":"U1","ledger":1,"code":1,"user_data":"\300\257"}\n\200\n{"id":"U3","ledger":1,"code":1,"user_data":"\355\240\200"}\n' |
    $F accounts create --db "$DB" >"$T/out" 2>&1
expect_eq "invalid UTF-8 exits 1" 1 $?
expect_eq "each such line is refused" 3 "$(grep -c 'is not UTF-8 at column' "$T/out")"
expect_grep "an overlong form's column is named" '"line":1,.*is not UTF-8 at column 45"' "$T/out"
# Valid UTF-8 in Chinese goes through.
printf '{"id":"U4","ledger":1,"code":1,"user_data":"沈阳"}\n' |
    $F accounts create --db "$DB" >"$T/out" 2>&1
expect_eq "Chinese text is valid UTF-8" 0 $?

# An over-long line is consumed whole: its tail does not become a line of its own.
{ printf '{"id":"L1","ledger":1,"code":1,"user_data":"'; head -c 70000 /dev/zero | tr '\0' x
  printf '"}\n{"id":"L2","ledger":1,"code":1}\n'; } | $F accounts create --db "$DB" >"$T/out" 2>&1
expect_eq "an over-long line exits 1" 1 $?
expect_grep "the over-long line is named" '"line":1,.*"reason":"line is longer than 65536 bytes"' "$T/out"
expect_grep "the line after it is line 2" '"line":2,"id":"L2","result":"created"' "$T/out"
expect_eq "two result lines for two lines" 2 "$(wc -l <"$T/out" | tr -d ' ')"

# Transfers read the same way.
printf '{"id":"T1","debit_account_id":"N4","credit_account_id":"L2","amount":"1.00","ledger":1,"code":1}\0x\n' |
    $F transfers create --db "$DB" >"$T/out" 2>&1
expect_eq "transfers: a NUL exits 1" 1 $?
$F transfers get --db "$DB" T1 >/dev/null 2>&1
expect_eq "transfers: nothing written" 1 $?

# The book's records: parties, facilities, loans, certificates, projects, agreements.
for cmd in "parties create" "facilities create" "loans create" "certificates issue" \
    "certificates transfer" "certificates finance" "projects create" "agreements create"; do
    # shellcheck disable=SC2086
    printf '{"id":"X1"}\0{"id":"X2"}\n\377\n' | $F $cmd --db "$DB" >"$T/out" 2>&1
    st=$?
    expect_eq "$cmd: bad bytes exit 1" 1 $st
    expect_grep "$cmd: the NUL line is named" '"line":1,"result":"invalid".*NUL byte' "$T/out"
    expect_grep "$cmd: the non-UTF-8 line is named" '"line":2,"result":"invalid".*not UTF-8' "$T/out"
done

# agreements create: 70 KB of padding after a valid agreement, and 65,535 spaces before one —
# before, the first was taken (its garbage dropped) and the second dropped, both exit 0.
A='{"id":"AG1","bank":"x","region":"210000","start_date":"2026-01-01","end_date":"2026-12-31","targets":{"new_credit":"100.00"}}'
{ printf '%s' "$A"; head -c 70000 /dev/zero | tr '\0' ' '; printf 'garbage\n'; } |
    $F agreements create --db "$DB" >"$T/out" 2>&1
expect_eq "agreements: padding and garbage after one exit 1" 1 $?
expect_grep "agreements: the long line is refused" '"line":1,"result":"invalid".*longer than 65536 bytes' "$T/out"
$F agreements get --db "$DB" AG1 >/dev/null 2>&1
expect_eq "agreements: nothing of it created" 1 $?
{ head -c 65535 /dev/zero | tr '\0' ' '; printf '%s\n' "$A"; } |
    $F agreements create --db "$DB" >"$T/out" 2>&1
expect_eq "agreements: 65,535 spaces before one exit 1" 1 $?
expect_eq "agreements: one result line" 1 "$(wc -l <"$T/out" | tr -d ' ')"
printf '%s\n' "$A" | $F agreements create --db "$DB" >"$T/out" 2>&1
expect_eq "agreements: the same agreement on a line of its own is created" 0 $?

# The book commands name the parser's error and its column (hardening issue, item 12): before,
# a duplicate key and a syntax error both read "is not a JSON object".
for cmd in parties facilities loans projects agreements certificates; do
    verb=create
    [ $cmd = certificates ] && verb=issue
    printf '{"id":"D1","id":"D2"}\n{"id":"D3",}\n[1]\n' | $F $cmd $verb --db "$DB" >"$T/out" 2>&1
    expect_eq "$cmd: unreadable lines exit 1" 1 $?
    expect_grep "$cmd: a duplicate key is named with its column" \
        '"line":1,"result":"invalid","field":"","reason":"is not valid JSON: duplicate object key near .*\(column 15\)"' "$T/out"
    expect_grep "$cmd: a syntax error is named with its column" \
        '"line":2,"result":"invalid","field":"","reason":"is not valid JSON: string or .}. expected near .}. \(column 12\)"' "$T/out"
    expect_grep "$cmd: an array is not an object" '"line":3,"result":"invalid","field":"","reason":"is not a JSON object"' "$T/out"
done
end
