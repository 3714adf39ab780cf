# test_schemes_dashboard.sh — the government's schemes' pages in a real browser
# (tests/web/schemes.js): a small demo book whose province runs a pool, a subsidy and a guarantee
# company (seed 14: its loans default and recover enough for claims, payments and share-backs),
# users of the bank, the auditor, the province's and Dalian's governments, an enterprise, the
# enterprise whose loans the subsidy pays and the guarantee company with a password, then
# headless Chromium logs in as each. Screenshots go to $FB_TEST_OUT/schemes.
. tests/cli/lib.sh
F=$FINBRIDGE
shots=${FB_TEST_OUT:-$T}/schemes
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || [ ! -d web/node_modules/playwright-core ] ||
    [ ! -f web/node_modules/echarts/dist/echarts.min.js ]; then
    fail "Chromium and the dashboard's npm packages are installed (scripts/install-deps.sh)"
    end
    exit 1
fi
$F demo --db "$T/book.db" --enterprises 60 --years 2 --seed 14 >"$T/summary" 2>/dev/null
supplier=$(sed -E 's/.*"supplier":"([^"]*)".*/\1/' "$T/summary")
subsidised=$(sed -E 's/.*"subsidised":"([^"]*)".*/\1/' "$T/summary")
company=$(sed -E 's/.*"guarantor":"([^"]*)".*/\1/' "$T/summary")
# verify proves the pools, the subsidy's receivable and the guarantees' claims equal their loans.
if ! $F verify --db "$T/book.db" >"$T/verify" 2>&1; then
    fail "verify holds on the demo book with its schemes" "$(tail -n 3 "$T/verify")"
    end
    exit 1
fi
ok_users=0
for u in "bank bank_officer" "auditor auditor" "liaoning government --region 210000" \
    "dalian government --region 210200" "firm enterprise --party $supplier" \
    "subsidised enterprise --party $subsidised" "gua guarantor --party $company"; do
    set -- $u
    name=$1 role=$2
    shift 2
    printf '%s\n' "$name-2025" | $F users add --db "$T/book.db" --name "$name" --role "$role" --password-stdin "$@" \
        >/dev/null 2>&1 && ok_users=$((ok_users + 1))
done
if [ "$ok_users" -ne 7 ] || [ -z "$supplier" ] || [ -z "$subsidised" ] || [ -z "$company" ]; then
    fail "the demo book and its users" \
        "users added: $ok_users, supplier: $supplier, subsidised: $subsidised, company: $company"
    end
    exit 1
fi
rm -rf "$shots"
node tests/web/schemes.js "$F" "$T/book.db" web "$shots" "$company" "$subsidised"
