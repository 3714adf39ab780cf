#!/bin/sh
# run.sh OUT — runs every test binary under OUT/tests and every tests/cli/*.sh against
# OUT/finbridge, then prints the total as its last line: "N passed, N failed".
out=${1:-build/san}
FINBRIDGE=$(cd "$out" && pwd)/finbridge
export FINBRIDGE
FB_TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-tests.XXXXXX")
export FB_TEST_TMP
# What tests leave to look at afterwards (the dashboard's screenshots).
FB_TEST_OUT=$(cd "$out" && pwd)/test-output
export FB_TEST_OUT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
passed=0
failed=0
log="$FB_TEST_TMP/log"

tally() { # $1 name, $2 exit status; reads the last "N passed, N failed" line of $log
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    [ -n "$line" ] || { p=0; f=0; }
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1 # crashed or exited non-zero without saying why: count it as a failure
        echo "FAIL $1 exited with status $2"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    grep -E '^(FAIL|  )' "$log" | head -n 40
    echo "$1: $p passed, $f failed"
}

for t in "$out"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1
    tally "$(basename "$t")" $?
done
for t in tests/cli/test_*.sh; do
    sh "$t" >"$log" 2>&1
    tally "$(basename "$t")" $?
done
rm -rf "$FB_TEST_TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
