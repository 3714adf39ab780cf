# test_uscc_cli.sh — `finbridge uscc`: valid codes explained, invalid ones with where and why.
. tests/cli/lib.sh
F=$FINBRIDGE

$F uscc 91350100M000100Y43 >"$T/o"
expect_eq "a valid code exits 0" 0 $?
expect_grep "it is valid" "^91350100M000100Y43: valid$" "$T/o"
expect_grep "and explained" "authority 9: market regulator .*kind 1: enterprise .*region 350100" "$T/o"

$F uscc 91350100M000100Y43 91350100M000100Y44 91350100I000100Y43 9135 >"$T/o"
expect_eq "any invalid code exits 1" 1 $?
expect_grep "the check character expected" \
    "^91350100M000100Y44: invalid: has the wrong check character \(character 18\); expected 3$" "$T/o"
expect_grep "a character outside the set" "^91350100I000100Y43: invalid: has a character outside .* \(character 9\)$" "$T/o"
expect_grep "the length" "^9135: invalid: must be 18 characters$" "$T/o"

# A Shenyang individual business: the city is named.
code=92210102MA0XY01230
$F uscc "$code" >"$T/o"
expected=$(sed -n 's/.*expected \(.\)$/\1/p' "$T/o")
$F uscc "92210102MA0XY0123$expected" >"$T/o"
expect_eq "a computed check character is accepted" 0 $?
expect_grep "kind and city" "kind 2: individual business .*region 210102 \(沈阳 Shenyang\)" "$T/o"
end
