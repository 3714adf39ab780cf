#!/bin/sh
# bench/mixed.sh FINBRIDGE — a mixed 10 s wrk run on loopback (issue 18's figure): three reads of
# GET /v1/accounts/{id} to one durable POST /v1/transfers, 2 threads, 64 connections; requests/s,
# p50, p99 and errors, and the server's RSS and open descriptors before and after.
set -eu
F=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-mixed.XXXXXX")
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
pid=
DB=$dir/book.db
$F init --db "$DB" >/dev/null
i=0; while [ $i -lt 1000 ]; do echo "{\"id\":\"acct:$i\",\"ledger\":1,\"code\":1}"; i=$((i+1)); done | $F accounts create --db "$DB" >/dev/null
token=$($F users add --db "$DB" --name bench --role bank_officer 2>/dev/null | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
$F serve --db "$DB" --listen 127.0.0.1:0 --port-file "$dir/port" --request-log off 2>"$dir/log" &
pid=$!
n=0; while [ ! -s "$dir/port" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done
port=$(cat "$dir/port")
cat >"$dir/mix.lua" <<L
counter = 0
threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
request = function()
  counter = counter + 1
  if counter % 4 == 0 then
    local body = '[{"id":"t' .. thread_id .. '-' .. counter .. '","debit_account_id":"acct:' .. math.random(0, 999) .. '","credit_account_id":"acct:' .. math.random(0, 999) .. '","amount":"1.00","ledger":1,"code":1}]'
    return wrk.format("POST", "/v1/transfers", {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", "/v1/accounts/acct:" .. math.random(0, 999), {["Authorization"] = "Bearer $token"})
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s: %.0f/s; errors: connect %d read %d write %d status %d timeout %d; latency p50 %.2f ms p99 %.2f ms max %.2f ms\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
L
rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
fds() { ls /proc/$pid/fd | wc -l; }
echo "before: RSS $(rss) KiB, $(fds) descriptors"
wrk -t2 -c64 -d10s -s "$dir/mix.lua" "http://127.0.0.1:$port" 2>&1 | grep -E "^requests|Non-2xx" || true
sleep 1
echo "after: RSS $(rss) KiB, $(fds) descriptors"
kill $pid; wait $pid 2>/dev/null || true
pid=
$F verify --db "$DB" | tail -1
