#!/bin/sh
# run.sh OUT [TSAN_OUT] — runs every test binary under OUT/tests and every tests/cli/*.sh against
# OUT/finbridge; given TSAN_OUT, the API test once more against TSAN_OUT/finbridge, the server
# built with ThreadSanitizer. Prints the total as its last line: "N passed, N failed".
out=${1:-build/san}
tsan_out=${2:-}
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
# The server's threads under ThreadSanitizer: libmicrohttpd's request threads, the writer and
# the requests handed between them, driven by the API tests (test_api; test_api_ops: the
# request log and end of day in steps; test_api_answers: the answers kept by each request
# thread); the tests themselves are the ASan build.
# The first race stops the server (halt_on_error), and any report fails the run even if the
# test's requests happened to be answered. Only these tests run here: TSan slows what it runs by
# 5 to 15 times. A kernel whose address layout TSan's runtime cannot map gets it run without
# address randomisation (setarch -R), which the server inherits.
if [ -n "$tsan_out" ]; then
    tsan_bin=$(cd "$tsan_out" && pwd)/finbridge
    norandom=""
    if ! TSAN_OPTIONS= "$tsan_bin" version >/dev/null 2>&1; then
        norandom="setarch $(uname -m) -R"
    fi
    for t in test_api test_api_ops test_api_answers; do
        FINBRIDGE=$tsan_bin TSAN_OPTIONS=halt_on_error=1 $norandom "$out/tests/$t" >"$log" 2>&1
        status=$?
        if grep -q '^WARNING: ThreadSanitizer' "$log"; then
            echo "FAIL ThreadSanitizer reported a race in the server (its stacks above):" >>"$log"
            grep '^SUMMARY: ThreadSanitizer' "$log" | sed 's/^/  /' >"$log.tsan"
            cat "$log.tsan" >>"$log"
            [ "$status" -ne 0 ] || status=1
        fi
        tally "$t under ThreadSanitizer" "$status"
    done
    # The command line's pipeline (src/cli/events.c: a reader, the submitter and a writer
    # thread): its test once more against the ThreadSanitizer build, each report in a file.
    rm -f "$FB_TEST_TMP"/tsan-cli.*
    FINBRIDGE=$tsan_bin TSAN_OPTIONS="halt_on_error=1 log_path=$FB_TEST_TMP/tsan-cli" \
        $norandom sh tests/cli/test_pipeline_cli.sh >"$log" 2>&1
    status=$?
    if ls "$FB_TEST_TMP"/tsan-cli.* >/dev/null 2>&1; then
        echo "FAIL ThreadSanitizer reported a race in the command line's pipeline:" >>"$log"
        grep -h '^SUMMARY: ThreadSanitizer' "$FB_TEST_TMP"/tsan-cli.* | sed 's/^/  /' >>"$log"
        [ "$status" -ne 0 ] || status=1
    fi
    tally "test_pipeline_cli.sh under ThreadSanitizer" "$status"
fi
for t in tests/cli/test_*.sh; do
    sh "$t" >"$log" 2>&1
    tally "$(basename "$t")" $?
done
rm -rf "$FB_TEST_TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
