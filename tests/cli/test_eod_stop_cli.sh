# test_eod_stop_cli.sh — SIGTERM during a long POST /v1/eod (hardening issue, item 3): the
# server's writer closes a day a unit of work, so it stops between two days; the request is
# answered 503 saying how many days were closed (or 200 if they all were), the server exits 0
# within its bound, the days closed stay closed, the run's entries are in the audit log, and
# the book verifies.
. tests/cli/lib.sh
DB=$T/book.db
F=$FINBRIDGE
$F init --db "$DB" >/dev/null 2>&1
$F settings --db "$DB" --set simulation=true >/dev/null
$F settings --db "$DB" --set eod_max_days=36600 >/dev/null
$F eod --db "$DB" --date 2025-01-01 --quiet >/dev/null 2>&1
expect_eq "a first day closes" 0 $?
token=$($F users add --db "$DB" --name bank --role bank_officer 2>/dev/null |
    sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')

$F serve --db "$DB" --listen 127.0.0.1:0 --port-file "$T/port" 2>"$T/serve.log" &
server=$!
for _ in $(seq 1 100); do [ -s "$T/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$T/port")"
auth="Authorization: Bearer $token"

# 2025-01-02 through 2099-12-31: 27,393 days, tens of seconds, a day a unit of work.
curl -s -o "$T/eod.json" -w '%{http_code}' -H "$auth" -H 'Content-Type: application/json' \
    -d '{"date":"2099-12-31"}' "$url/v1/eod" >"$T/eod.status" &
client=$!
date_now() { curl -s -H "$auth" "$url/v1/eod" | sed -E 's/.*"business_date":"([0-9-]+)".*/\1/'; }
for _ in $(seq 1 200); do
    d=$(date_now)
    [ "$d" \> "2025-01-05" ] && break
    sleep 0.05
done
if [ "$d" \> "2025-01-05" ]; then ok "days close as the run goes ($d)"; else fail "days close as the run goes" "business date $d"; fi

started=$(date +%s)
kill -TERM $server
wait $server
status=$?
took=$(($(date +%s) - started))
wait $client
expect_eq "SIGTERM during the end of day: the server exits 0" 0 $status
if [ "$took" -le 10 ]; then ok "and within 10 s ($took s)"; else fail "the server stops within 10 s" "took $took s"; fi
answer=$(cat "$T/eod.status")
case "$answer" in
503) expect_grep "the end of day is answered 503 with the days it closed" \
    '"status":503.*end of day closed [0-9]+ days and stopped between two; the business date is' "$T/eod.json" ;;
200) expect_grep "the end of day completed every day" '"days_closed":27393' "$T/eod.json" ;;
*) fail "the end of day is answered 503 or 200" "got $answer: $(head -c 300 "$T/eod.json")" ;;
esac
expect_grep "the server said it was stopping" 'stopping: finishing the requests accepted' "$T/serve.log"
if grep -q "MHD_stop_daemon\|suspended connections" "$T/serve.log"; then
    fail "no suspended connection left at exit" "$(grep -m1 suspended "$T/serve.log")"
else
    ok "no suspended connection left at exit"
fi

# The days closed stay closed: the business date where the answer says, and later than before.
$F settings --db "$DB" >"$T/s"
closed_to=$(sed -E 's/.*"business_date":"([0-9-]+)".*/\1/' "$T/s")
if [ "$closed_to" \> "$d" ] || [ "$closed_to" = "$d" ]; then
    ok "the days closed stay closed (business date $closed_to)"
else
    fail "the days closed stay closed" "business date $closed_to, seen $d before the stop"
fi
if [ "$answer" = 503 ]; then
    expect_grep "the answer names that business date" "the business date is $closed_to" "$T/eod.json"
fi
$F audit list --db "$DB" --limit 1000 >"$T/a"
expect_grep "each day closed is audited under the request" \
    '"channel":"api","operation":"POST /v1/eod",.*"outcome":"closed 2025-01-03 \(day 2 of the run through 2099-12-31\)"' "$T/a"
if [ "$answer" = 503 ]; then
    expect_grep "and the run's stop" '"operation":"POST /v1/eod",.*"status":503,"result":"failed","outcome":"503 stopped"' "$T/a"
fi
$F verify --db "$DB" >"$T/v" 2>&1
expect_eq "the book verifies" 0 $?
# And end of day goes on from there.
$F eod --db "$DB" --date "$closed_to" --quiet >/dev/null 2>&1
expect_eq "end of day goes on from the day it stopped at" 0 $?
$F verify --db "$DB" >"$T/v" 2>&1
expect_eq "and the book still verifies" 0 $?
# The API's description says so: POST /v1/eod may answer 503 (stopped) and 422 (refused).
$F openapi | python3 -c '
import json, sys
r = json.load(sys.stdin)["paths"]["/v1/eod"]["post"]["responses"]
print(r.get("503", {}).get("$ref", "-"), r.get("422", {}).get("$ref", "-"))' >"$T/oa"
expect_eq "the OpenAPI document gives POST /v1/eod its 503 and its 422" \
    "#/components/responses/Stopped #/components/responses/UnprocessableContent" "$(cat "$T/oa")"
end
