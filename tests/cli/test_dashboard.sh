# test_dashboard.sh — the dashboard in a real browser (tests/web/dashboard.js): a small demo book,
# a user of each role with a password, then headless Chromium logs in as each. Screenshots of
# every page go to $FB_TEST_OUT/dashboard (build/san/test-output/dashboard under make test).
. tests/cli/lib.sh
F=$FINBRIDGE
shots=${FB_TEST_OUT:-$T}/dashboard
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || [ ! -d web/node_modules/playwright-core ] ||
    [ ! -f web/node_modules/echarts/dist/echarts.min.js ]; then
    fail "Chromium and the dashboard's npm packages are installed (scripts/install-deps.sh)"
    end
    exit 1
fi
$F demo --db "$T/book.db" --enterprises 60 --years 2 --seed 7 >"$T/summary" 2>/dev/null
supplier=$(sed -E 's/.*"supplier":"([^"]*)".*/\1/' "$T/summary")
other=ent000012
[ "$other" = "$supplier" ] && other=ent000013
ok_users=0
for u in "bank bank_officer" "auditor auditor" "admin admin" "liaoning government --region 210000" \
    "dalian government --region 210200" "supplier enterprise --party $supplier" \
    "locked bank_officer"; do
    set -- $u
    name=$1 role=$2
    shift 2
    printf '%s\n' "$name-2025" | $F users add --db "$T/book.db" --name "$name" --role "$role" --password-stdin "$@" \
        >/dev/null 2>&1 && ok_users=$((ok_users + 1))
done
if [ "$ok_users" -ne 7 ] || [ -z "$supplier" ]; then
    fail "the demo book and its users" "users added: $ok_users, supplier: $supplier"
    end
    exit 1
fi
rm -rf "$shots"
node tests/web/dashboard.js "$F" "$T/book.db" web "$shots" "$supplier" "$other"
