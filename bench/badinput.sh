#!/bin/sh
# bench/badinput.sh FINBRIDGE — bad input, class by class, through both doors (issue 18's
# figure): each must be refused (the command line: exit != 0 with a line naming the field or the
# reason; the API: 4xx with a problem naming it), nothing may crash, and the book must be as it
# was (a digest of its rows, and verify). Prints each class and "N of M bad inputs refused
# cleanly".
F=$1
d=$(mktemp -d "${TMPDIR:-/tmp}/finbridge-badinput.XXXXXX"); DB=$d/book.db
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT
pid=
$F init --db "$DB" >/dev/null; $F eod --db "$DB" --date 2026-11-01 >/dev/null
printf '{"id":"a1","ledger":1,"code":1}\n{"id":"a2","ledger":1,"code":1}\n' | $F accounts create --db "$DB" >/dev/null
digest() { sqlite3 "$DB" "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM transfers), (SELECT coalesce(sum(amount),0) FROM transfers), (SELECT count(*) FROM parties), (SELECT count(*) FROM loans), (SELECT value FROM meta WHERE key='business_date')"; }
base=$(digest); tried=0; clean=0
cli() { # name, command (stdin from file $d/in)
    tried=$((tried+1)); name=$1; shift
    "$@" <"$d/in" >"$d/out" 2>"$d/err"; rc=$?
    now=$(digest)
    if [ $rc -ne 0 ] && [ $rc -lt 128 ] && [ -s "$d/out$([ -s "$d/err" ] && echo)" -o -s "$d/err" ] && [ "$now" = "$base" ]; then clean=$((clean+1)); echo "clean  cli  $name: $(cat "$d/out" "$d/err" | head -c 160 | tr '\n' ' ')"
    else echo "DIRTY  cli  $name: rc=$rc digest $now vs $base: $(cat "$d/out" "$d/err" | head -c 200 | tr '\n' ' ')"; fi
}
printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1}\0{"id":"t2","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1}\n' >"$d/in"; cli "NUL inside a line" $F transfers create --db "$DB"
{ printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1'; head -c 70000 /dev/zero | tr '\0' ' '; printf '}\n'; } >"$d/in"; cli "a line over 64 KiB" $F transfers create --db "$DB"
printf '{"id":"t\377","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1}\n' >"$d/in"; cli "invalid UTF-8" $F transfers create --db "$DB"
printf '{"id":"t1","id":"t2","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1}\n' >"$d/in"; cli "duplicate key" $F transfers create --db "$DB"
printf '{"id":"t1",,}\n' >"$d/in"; cli "syntax error" $F transfers create --db "$DB"
printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":1.5,"ledger":1,"code":1}\n' >"$d/in"; cli "amount as a JSON number" $F transfers create --db "$DB"
printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"1.001","ledger":1,"code":1}\n' >"$d/in"; cli "amount with three decimals" $F transfers create --db "$DB"
printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"-1.00","ledger":1,"code":1}\n' >"$d/in"; cli "negative amount" $F transfers create --db "$DB"
printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"99999999999999999999.00","ledger":1,"code":1}\n' >"$d/in"; cli "amount past int64" $F transfers create --db "$DB"
printf '{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1,"nope":1}\n' >"$d/in"; cli "unknown field" $F transfers create --db "$DB"
printf '{"id":"%s","ledger":1,"code":1}\n' "$(head -c 300 /dev/zero | tr '\0' x)" >"$d/in"; cli "id over its length" $F accounts create --db "$DB"
printf '[1,2]\n' >"$d/in"; cli "an array for an object" $F parties create --db "$DB"
printf '{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{}}}}}}}}}}\n' >"$d/in"; cli "nesting past its depth" $F parties create --db "$DB"
printf '{"id":"p1","kind":"enterprise","name":"x","uscc":"91210100MA0AAAA0XX","region":"210102","industry":"3421","employees":3,"revenue":"1.00","total_assets":"1.00"}\n' >"$d/in"; cli "a USCC with a wrong check" $F parties create --db "$DB"
: >"$d/in"; cli "end of day to 9999-12-31" $F eod --db "$DB" --date 9999-12-31
cli "a date that does not exist" $F accounts transfers --db "$DB" a1 --from 2025-02-30
cli "a limit of 20 digits" $F accounts transfers --db "$DB" a1 --limit 99999999999999999999
printf 'id,name\n"open,quote\n' >"$d/in.csv"; cli "CSV with an open quote" $F import --db "$DB" --as-of 2025-01-01 "$d/in.csv"
printf 'PK\003\004garbage' >"$d/in.xlsx"; cli "XLSX that is not a zip" $F import --db "$DB" --as-of 2025-01-01 "$d/in.xlsx"
# The API door.
token=$($F users add --db "$DB" --name u --role bank_officer 2>/dev/null | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
base=$(digest)
$F serve --db "$DB" --listen 127.0.0.1:0 --port-file "$d/port" --request-log off 2>"$d/log" & pid=$!
n=0; while [ ! -s "$d/port" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done; url=http://127.0.0.1:$(cat "$d/port")
api() { # name, method, path, content-type, body
    tried=$((tried+1)); printf '%s' "$5" >"$d/req"; [ -n "${6:-}" ] && cp "$6" "$d/req"
    code=$(curl -s -o "$d/body" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $token" -H "Content-Type: $4" --data-binary "@$d/req" "$url$3")
    now=$(digest)
    if [ "${code#4}" != "$code" ] && grep -q '"detail"' "$d/body" && [ "$now" = "$base" ] && kill -0 $pid 2>/dev/null; then clean=$((clean+1)); echo "clean  api  $1: $code $(head -c 140 "$d/body")"
    else echo "DIRTY  api  $1: $code $(head -c 200 "$d/body")"; fi
}
T='[{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":"1.00","ledger":1,"code":1}]'
api "text/plain body" POST /v1/transfers text/plain "$T"
api "form body" POST /v1/transfers application/x-www-form-urlencoded "a=b"
api "syntax error" POST /v1/transfers application/json '[{"id":'
api "duplicate key" POST /v1/transfers application/json '[{"id":"t1","id":"t2"}]'
api "amount as a number" POST /v1/transfers application/json '[{"id":"t1","debit_account_id":"a1","credit_account_id":"a2","amount":1.5,"ledger":1,"code":1}]'
api "servicing with a bad amount" POST /v1/loans/L1/repayments application/json '{"amount":"1.001"}'
api "cursor past int64" GET "/v1/accounts/a1/transfers?cursor=9223372036854775808" application/json ""
api "limit=1e3" GET "/v1/accounts/a1/transfers?limit=1e3" application/json ""
api "from= empty" GET "/v1/accounts/a1/transfers?from=" application/json ""
api "a path of 600 bytes" GET "/v1/accounts/$(head -c 600 /dev/zero | tr '\0' A)" application/json ""
api "end of day to 9999-12-31" POST /v1/eod application/json '{"date":"9999-12-31"}'
{ printf '['; head -c 3000000 /dev/zero | tr '\0' ' '; printf ']'; } >"$d/big"
api "a body over the limit" POST /v1/transfers application/json "" "$d/big"
kill $pid; wait $pid 2>/dev/null; pid=
$F verify --db "$DB" | tail -1
echo "$clean of $tried bad inputs refused cleanly (refused, named, nothing written, no crash)"
