# lib.sh — helpers for the command-line tests: each check prints ok/FAIL; end prints the tally.
# $FINBRIDGE is the binary under test, $FB_TEST_TMP a scratch folder.
: "${FINBRIDGE:?FINBRIDGE must name the finbridge binary}"
T=$(mktemp -d "${FB_TEST_TMP:-/tmp}/cli.XXXXXX")
cli_passed=0
cli_failed=0

ok() { cli_passed=$((cli_passed + 1)); echo "ok $1"; }
fail() { cli_failed=$((cli_failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "  $l"; done; }

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "expected: $2" "got:      $3"; fi
}

# expect_grep NAME PATTERN FILE: FILE has a line matching PATTERN
expect_grep() {
    if grep -qE -- "$2" "$3"; then ok "$1"; else fail "$1" "no line matches: $2" "in: $(head -c 600 "$3")"; fi
}

# field FILE LINE KEY: the value of "KEY":"..." on line LINE of FILE
field() { sed -n "${2}p" "$1" | sed -E "s/.*\"$3\":\"?([^\",}]*)\"?.*/\1/"; }

end() {
    echo "$cli_passed passed, $cli_failed failed"
    [ "$cli_failed" -eq 0 ]
}

# uscc FIRST17: a valid unified social credit code with these first 17 characters (the check
# character computed by `finbridge uscc`).
uscc() {
    check=$($FINBRIDGE uscc "${1}0" | sed -n 's/.*expected \(.\)$/\1/p')
    printf '%s%s' "$1" "${check:-0}"
}
