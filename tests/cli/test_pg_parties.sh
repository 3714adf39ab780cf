#!/bin/sh
# test_pg_parties.sh — the parties' room on a book of a real three-node PostgreSQL cluster
# (scripts/pg-cluster.sh), started here under $FB_TEST_TMP and stopped at the end: `parties
# create`, `get` and `export parties` give the same answers as on a SQLite twin (an enterprise,
# an individual business, a small-business owner); exists, exists with a different field, a code registered;
# bad input refused by field with nothing written; the schema's guard and a newer schema refused;
# verify proving each party's deposit account; a book of schema version 2 read without its
# parties, then brought up; `serve` creating and reading parties (the other loan-book routes
# 501); and `copy` carrying the parties SQLite -> PostgreSQL -> SQLite, every row compared.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
C=$T/pg
[ "$(id -u)" -ne 0 ] || chmod 711 "$FB_TEST_TMP" "$T"
cluster() { sh "$root/scripts/pg-cluster.sh" "$@"; }
server_pid=""
stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
}
trap 'stop_server; cluster stop "$C" >/dev/null 2>&1' EXIT
if ! cluster start "$C" >"$T/start.out" 2>&1; then
    fail "the cluster starts" "$(cat "$T/start.out")"
    end
    exit 1
fi
ok "the cluster starts"
URI=$(cat "$C/uri")
psql_() { psql -X -q -At -d "$1" -c "$2" 2>&1; }
db_uri() { echo "$URI" | sed "s|/finbridge?|/$1?|"; }
export FINBRIDGE_AUDIT_KEY="$T/audit-key"
F=$FINBRIDGE
P=$(db_uri parties)
S=$T/twin.db
$F init --db "$P" >"$T/init" 2>&1
expect_grep "init makes a book of schema version 3" 'ready \(schema version 3\)' "$T/init"
$F init --db "$S" >/dev/null 2>&1

A=$(uscc 91210100MA0AAAA01)
B=$(uscc 92210211MA0BBBB02)
O=$(uscc 91210100MA0DDDD03)
cat >"$T/p.jsonl" <<J
{"id":"sy-mt","kind":"enterprise","name":"沈阳精工机床有限公司","uscc":"$A","region":"210102","industry":"3421","employees":350,"revenue":"150000000.00","total_assets":"180000000.00","flags":["specialized_sme"]}
{"id":"dl-shop","kind":"individual_business","name":"大连星海便利店","uscc":"$B","region":"Dalian","industry":"5211"}
{"id":"own","kind":"small_business_owner","name":"张三","uscc":"$O","resident_id":"210102198003154210","region":"210102","industry":"3421","employees":8,"revenue":"2000000.00","total_assets":"1000000.00"}
J
$F parties create --db "$P" <"$T/p.jsonl" >"$T/c.pg" 2>&1
expect_eq "create on the cluster exits 0" 0 $?
$F parties create --db "$S" <"$T/p.jsonl" >"$T/c.sq" 2>&1
expect_eq "three created" 3 "$(grep -c '"result":"created"' "$T/c.pg")"
expect_eq "the same answers as on SQLite" "$(cat "$T/c.sq")" "$(cat "$T/c.pg")"
# get: the same records on both but for the time each was created.
nocreated() { sed 's/"created":"[0-9]*",//' "$1"; }
$F parties get --db "$P" sy-mt dl-shop own >"$T/g.pg" 2>&1
expect_eq "get on the cluster exits 0" 0 $?
$F parties get --db "$S" sy-mt dl-shop own >"$T/g.sq" 2>&1
expect_eq "get gives three records" 3 "$(grep -c '"deposit_account"' "$T/g.pg")"
expect_eq "the same records as on SQLite" "$(nocreated "$T/g.sq")" "$(nocreated "$T/g.pg")"
expect_grep "derived with their rules" '"id":"sy-mt".*"size_class":"medium".*"key_chain":"machine_tools".*"tech_sme":true' "$T/g.pg"
$F parties get --db "$P" nobody >"$T/g2" 2>&1
expect_eq "an unknown party: exit 1" 1 $?
expect_grep "named" 'no party nobody' "$T/g2"
$F accounts get --db "$P" dep:sy-mt dep:dl-shop dep:own >"$T/a" 2>&1
expect_eq "each party has its deposit account on the cluster" 3 "$(grep -c '"code":2011' "$T/a")"
expect_eq "keys handed out in order" "1|sy-mt 2|dl-shop 3|own" \
    "$(psql_ "$P" "SELECT key || '|' || id FROM parties ORDER BY key" | tr '\n' ' ' | sed 's/ $//')"

$F parties create --db "$P" <"$T/p.jsonl" >"$T/again" 2>&1
expect_eq "again: exists" 3 "$(grep -c '"result":"exists"' "$T/again")"
sed 's/"employees":350/"employees":351/' "$T/p.jsonl" | head -n 1 >"$T/changed.jsonl"
$F parties create --db "$P" <"$T/changed.jsonl" >"$T/changed" 2>&1
expect_eq "a changed party is refused: exit 1" 1 $?
expect_grep "naming the field" '"result":"exists_with_different","field":"employees"' "$T/changed"
BAD=$(echo "$A" | sed 's/.$/0/')
[ "$BAD" = "$A" ] && BAD=$(echo "$A" | sed 's/.$/1/')
cat >"$T/bad.jsonl" <<J
{"id":"x1","kind":"enterprise","name":"X","uscc":"$BAD","region":"210102","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
{"id":"x2","kind":"enterprise","name":"X","uscc":"$(uscc 91210100MA0XXXX12)","region":"219900","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
{"id":"x6","kind":"enterprise","name":"X","uscc":"$A","region":"210102","industry":"3421","employees":1,"revenue":"1.00","total_assets":"1.00"}
J
$F parties create --db "$P" <"$T/bad.jsonl" >"$T/bad" 2>&1
expect_eq "bad parties: exit 1" 1 $?
expect_grep "a wrong check character named" '"line":1,.*"field":"uscc","reason":"has the wrong check character' "$T/bad"
expect_grep "a region outside Liaoning's cities" '"line":2,.*"field":"region","reason":"is not a city of Liaoning"' "$T/bad"
expect_grep "a code already registered" '"line":3,.*"result":"uscc_registered","registered_to":"sy-mt"' "$T/bad"
expect_eq "nothing written: three parties, three deposit accounts" "3|3" \
    "$(psql_ "$P" "SELECT (SELECT count(*) FROM parties), (SELECT count(*) FROM accounts)")"
expect_eq "and no party changed" "350" "$(psql_ "$P" "SELECT employees FROM parties WHERE id = 'sy-mt'")"

# The parties' register (export parties): the same file as the twin's.
$F export parties --db "$P" --as-of 2026-12-01 --format csv >"$T/e.pg" 2>"$T/e.pg.err"
expect_eq "export parties on the cluster exits 0" 0 $?
$F export parties --db "$S" --as-of 2026-12-01 --format csv >"$T/e.sq" 2>/dev/null
expect_eq "the register as on SQLite, row for row" "$(cat "$T/e.sq")" "$(cat "$T/e.pg")"
expect_grep "three rows" 'export parties: 3 rows' "$T/e.pg.err"
$F export parties --db "$P" --as-of 2026-12-01 --region 210200 --format csv >"$T/e2" 2>&1
expect_grep "a city's parties alone" 'export parties: 1 rows' "$T/e2"
$F export facilities --db "$P" --as-of 2026-12-01 --format csv >"$T/e3" 2>&1
expect_grep "the facilities' register is refused (not on PostgreSQL)" 'FB_ENOTSUP' "$T/e3"

# The schema's guard, verify, a newer schema.
expect_grep "a party is never deleted" 'parties are never deleted' "$(psql_ "$P" "DELETE FROM parties" >"$T/g0"; echo "$T/g0")"
$F verify --db "$P" >"$T/verify" 2>&1
expect_eq "verify passes" 0 $?
expect_grep "verify counts the parties" '3 parties, .* checks of the ledger on PostgreSQL: ok' "$T/verify"
psql_ "$P" "UPDATE parties SET deposit_account = 'dep:gone' WHERE id = 'own'" >/dev/null
$F verify --db "$P" >"$T/verify2" 2>&1
expect_eq "verify catches a party without its deposit account" 1 $?
expect_grep "and names it" 'party own: no deposit account dep:gone' "$T/verify2"
psql_ "$P" "UPDATE parties SET deposit_account = 'dep:own' WHERE id = 'own'" >/dev/null
psql_ "$P" "UPDATE fb_book SET schema_version = 99" >/dev/null
$F parties get --db "$P" sy-mt >"$T/newer" 2>&1
expect_grep "a newer schema is refused" 'schema version 99, newer than' "$T/newer"
psql_ "$P" "UPDATE fb_book SET schema_version = 3" >/dev/null

# A book of version 2 (before the parties): read without them, refused by name; brought to 3
# when first opened to write.
V2=$(db_uri older)
$F init --db "$V2" >/dev/null 2>&1
psql_ "$V2" "DROP TABLE parties; UPDATE fb_book SET schema_version = 2" >/dev/null
$F parties get --db "$V2" sy-mt >"$T/v2" 2>&1
expect_eq "a version-2 book's parties, read: exit 2" 2 $?
expect_grep "refused by name (FB_ENOTSUP), nothing migrated" 'FB_ENOTSUP: this book on PostgreSQL is of schema version 2' "$T/v2"
expect_eq "still version 2" 2 "$(psql_ "$V2" "SELECT schema_version FROM fb_book")"
head -n 1 "$T/p.jsonl" | $F parties create --db "$V2" >"$T/v2c" 2>&1
expect_grep "written to, it is brought up and takes parties" '"id":"sy-mt","result":"created"' "$T/v2c"
expect_eq "to version 3" 3 "$(psql_ "$V2" "SELECT schema_version FROM fb_book")"

# serve: the parties' routes on the cluster; the other loan-book routes 501.
printf 'pw-of-the-officer\n' | $F users add --db "$P" --name officer --role bank_officer --password-stdin >"$T/u1" 2>/dev/null
TOKEN=$(field "$T/u1" 1 token)
$F users add --db "$P" --name reader --role auditor >"$T/u2" 2>/dev/null
READER=$(field "$T/u2" 1 token)
$F serve --db "$P" --listen 127.0.0.1:0 --port-file "$T/port" --threads 2 \
    --request-log off >"$T/serve.log" 2>&1 &
server_pid=$!
i=0
while [ ! -s "$T/port" ] && [ "$i" -lt 300 ] && kill -0 "$server_pid" 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
PORT=$(cat "$T/port" 2>/dev/null)
[ -n "$PORT" ] && ok "serve starts on the book" || fail "serve starts on the book" "$(head -c 600 "$T/serve.log")"
api() { # api METHOD PATH TOKEN [BODY]: the answer's body in $T/resp, its status printed
    if [ -n "$4" ]; then
        curl -s -o "$T/resp" -w '%{http_code}' --max-time 120 -X "$1" -H "Authorization: Bearer $3" \
            -H 'Content-Type: application/json' --data-binary "$4" "http://127.0.0.1:$PORT$2"
    else
        curl -s -o "$T/resp" -w '%{http_code}' --max-time 120 -X "$1" -H "Authorization: Bearer $3" \
            "http://127.0.0.1:$PORT$2"
    fi
}
C4=$(uscc 91211100MA0CCCC04)
body='[{"id":"pj-chem","kind":"enterprise","name":"盘锦精细化工股份有限公司","uscc":"'$C4'","region":211100,"industry":"2662","employees":1200,"revenue":"600000000.00","total_assets":"900000000.00"}]'
expect_eq "POST /v1/parties on the cluster" 200 "$(api POST /v1/parties "$TOKEN" "$body")"
expect_grep "created" '"id":"pj-chem","result":"created"' "$T/resp"
expect_eq "GET /v1/parties/{id}" 200 "$(api GET /v1/parties/pj-chem "$READER")"
expect_grep "the party as on SQLite's doors" '"id":"pj-chem".*"size_class":"large".*"key_chain":"petrochemicals"' "$T/resp"
expect_eq "GET an unknown party: 404" 404 "$(api GET /v1/parties/nobody "$READER")"
expect_eq "an auditor may not create parties" 403 "$(api POST /v1/parties "$READER" "$body")"
expect_eq "GET /v1/exports/parties" 200 "$(api GET '/v1/exports/parties?as_of=2026-12-01&format=csv' "$READER")"
expect_grep "the register over HTTP" '^pj-chem,盘锦精细化工股份有限公司,' "$T/resp"
expect_eq "the facilities' register: 501" 501 "$(api GET '/v1/exports/facilities?as_of=2026-12-01&format=csv' "$READER")"
expect_eq "a party's loans still need the loan book: 501" 501 "$(api GET /v1/parties/pj-chem/loans "$READER")"
expect_grep "FB_ENOTSUP" '"code":"FB_ENOTSUP"' "$T/resp"
stop_server
$F parties get --db "$P" pj-chem >/dev/null 2>&1
expect_eq "the server's party is on the cluster" 0 $?
$F audit list --db "$P" >"$T/audit" 2>&1
expect_grep "the server's write audited" '"actor":"officer","channel":"api","operation":"POST /v1/parties".*"status":200' "$T/audit"
$F verify --db "$P" >/dev/null 2>&1
expect_eq "verify passes after the server's writes" 0 $?

# copy carries the parties: SQLite -> PostgreSQL -> SQLite, every row as it was.
printf '%s\n' '{"id":"x","debit_account_id":"dep:sy-mt","credit_account_id":"dep:dl-shop","amount":"0.00","ledger":1,"code":1}' |
    $F transfers create --db "$S" >/dev/null 2>&1
Q=$(db_uri copied)
$F copy --from "$S" --to "$Q" >"$T/c1" 2>&1
expect_eq "SQLite -> PostgreSQL" 0 $?
expect_grep "three parties copied, nothing differs" '"records":3}.*"verify_failures":0,"differences":0' "$T/c1"
cols="key, id, kind, name, uscc, coalesce(resident_id, '-'), region, city, industry, employees, revenue, total_assets, flags, size_class, size_rule, coalesce(key_chain, '-'), tech_sme, tech_sme_rule, deposit_account, created_at"
sqlite3 "$S" "SELECT $cols FROM parties ORDER BY key" >"$T/rows.sq"
psql_ "$Q" "SELECT $cols FROM parties ORDER BY key" >"$T/rows.pg"
expect_eq "every column of every party on the cluster" "$(cat "$T/rows.sq")" "$(cat "$T/rows.pg")"
$F parties get --db "$Q" own >"$T/cg" 2>&1
expect_grep "and read there" '"id":"own","kind":"small_business_owner"' "$T/cg"
$F copy --from "$Q" --to "$T/back.db" >"$T/c2" 2>&1
expect_eq "PostgreSQL -> SQLite" 0 $?
expect_grep "three back" '"records":3}.*"differences":0' "$T/c2"
sqlite3 "$T/back.db" "SELECT $cols FROM parties ORDER BY key" >"$T/rows.back"
expect_eq "every party back as it was" "$(cat "$T/rows.sq")" "$(cat "$T/rows.back")"
$F verify --db "$T/back.db" >/dev/null 2>&1
expect_eq "the copy back verifies" 0 $?
end
