#!/bin/sh
# bench/api.sh FINBRIDGE [SECONDS] — the HTTP API under wrk on loopback, 64 connections:
# GET /v1/accounts/{id}, then POST /v1/transfers with one transfer a request (each durable before
# its answer, grouped by the writer). Prints requests/s, p50 and p99 of each, and how many
# requests each commit carried. A fresh book in a temporary folder.
set -eu
F=${1:-build/finbridge}
SECONDS_EACH=${2:-10}
dir=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-bench-api.XXXXXX")
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
DB=$dir/book.db
$F init --db "$DB" >/dev/null
i=0
while [ $i -lt 1000 ]; do
    echo "{\"id\":\"acct:$i\",\"ledger\":1,\"code\":1}"
    i=$((i + 1))
done | $F accounts create --db "$DB" >/dev/null
token=$($F users add --db "$DB" --name bench --role bank_officer 2>/dev/null |
    sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
$F serve --db "$DB" --listen 127.0.0.1:0 --port-file "$dir/port" ${THREADS:+--threads $THREADS} 2>"$dir/log" &
pid=$!
n=0
while [ ! -s "$dir/port" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
port=$(cat "$dir/port")
url="http://127.0.0.1:$port"

cat >"$dir/read.lua" <<L
request = function()
  return wrk.format("GET", "/v1/accounts/acct:" .. math.random(0, 999), {["Authorization"] = "Bearer $token"})
end
L
cat >"$dir/write.lua" <<L
local n = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
request = function()
  n = n + 1
  local body = '[{"id":"w' .. thread_id .. '-' .. n .. '","debit_account_id":"acct:' .. math.random(0, 999) ..
    '","credit_account_id":"acct:' .. math.random(0, 999) .. '","amount":"0.01","ledger":1,"code":1}]'
  return wrk.format("POST", "/v1/transfers", {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
end
L
summary() { # $1 name, $2 wrk output
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$2")
    p50=$(sed -n 's/^ *50% *\(.*\)$/\1/p' "$2")
    p99=$(sed -n 's/^ *99% *\(.*\)$/\1/p' "$2")
    errors=$(grep -E "Non-2xx|Socket errors" "$2" || true)
    echo "$1: $rps requests/s, p50 $p50, p99 $p99 ${errors:+($errors)}"
}
echo "bench/api: wrk, 2 threads, 64 connections, ${SECONDS_EACH}s each, on loopback"
wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency -s "$dir/read.lua" "$url" >"$dir/read.out"
summary "GET /v1/accounts/{id}" "$dir/read.out"
wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency -s "$dir/write.lua" "$url" >"$dir/write.out"
summary "POST /v1/transfers (one each, durable)" "$dir/write.out"
metrics=$(curl -s -H "Authorization: Bearer $token" "$url/metrics")
commits=$(echo "$metrics" | sed -n 's/^finbridge_commits_total \([0-9]*\)/\1/p')
requests=$(echo "$metrics" | sed -n 's/^finbridge_commit_requests_total \([0-9]*\)/\1/p')
echo "group commit: $requests write requests in $commits commits ($((requests / (commits > 0 ? commits : 1))) a commit)"
kill -TERM $pid
wait $pid || true
$F verify --db "$DB" | tail -n 1
