# test_demands_dashboard.sh — the financing demands' pages in a real browser
# (tests/web/demands.js): a small demo book with its stream of demands, users of the bank, the
# province's and Dalian's governments and a Dalian enterprise with a password, then headless
# Chromium logs in as each. Screenshots go to $FB_TEST_OUT/demands.
. tests/cli/lib.sh
F=$FINBRIDGE
shots=${FB_TEST_OUT:-$T}/demands
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || [ ! -d web/node_modules/playwright-core ] ||
    [ ! -f web/node_modules/echarts/dist/echarts.min.js ]; then
    fail "Chromium and the dashboard's npm packages are installed (scripts/install-deps.sh)"
    end
    exit 1
fi
$F demo --db "$T/book.db" --enterprises 60 --years 2 --seed 7 >"$T/summary" 2>/dev/null
# A Dalian enterprise with a facility, and a Shenyang one, from the demands of the demo.
$F demands list --db "$T/book.db" >"$T/demands"
firm=$(grep '"city":210200' "$T/demands" | grep -v '"party":"ib' | head -1 | sed -E 's/.*"party":"([^"]*)".*/\1/')
other=$(grep '"city":210100' "$T/demands" | head -1 | sed -E 's/.*"party":"([^"]*)".*/\1/')
ok_users=0
for u in "bank bank_officer" "liaoning government --region 210000" \
    "dalian government --region 210200" "firm enterprise --party $firm"; do
    set -- $u
    name=$1 role=$2
    shift 2
    printf '%s\n' "$name-2025" | $F users add --db "$T/book.db" --name "$name" --role "$role" --password-stdin "$@" \
        >/dev/null 2>&1 && ok_users=$((ok_users + 1))
done
if [ "$ok_users" -ne 4 ] || [ -z "$firm" ] || [ -z "$other" ]; then
    fail "the demo book and its users" "users added: $ok_users, firm: $firm, other: $other"
    end
    exit 1
fi
rm -rf "$shots"
node tests/web/demands.js "$F" "$T/book.db" web "$shots" "$firm" "$other"
