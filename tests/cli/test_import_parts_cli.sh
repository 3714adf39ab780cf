# test_import_parts_cli.sh — a cut-over written in committed parts (docs/import.md, "A large
# book"). Killed (SIGKILL) between parts, the book is marked: verify fails naming the run, a new
# import is refused, `import --recover` puts the book back as it was (verify passes, nothing of
# the run left), and the import then runs whole. A run refused after parts were committed puts
# the book back itself. The copy taken before is gone once a run is in the book.
. tests/cli/lib.sh
F=$FINBRIDGE
B=$T/book.db
N=6000
mkdir -p "$T/cells"
python3 - "$T" "$N" <<'PY'
import sys
t, n = sys.argv[1], int(sys.argv[2])
chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def uscc(first):
    s = sum(chars.index(c) * pow(3, i, 31) for i, c in enumerate(first))
    return first + chars[(31 - s % 31) % 31]
with open(t + "/parties.csv", "w") as f:
    f.write("借款人编号,名称,主体类型,统一社会信用代码,注册地区划代码,行业代码（GB/T 4754）,从业人员,营业收入（元）,资产总额（元）\r\n")
    for i in range(n):
        f.write("P%07d,辽宁第%d号制造有限公司,企业,%s,210102,3670,12,3000000.00,2000000.00\r\n"
                % (i, i, uscc("91210200MA%07d" % i)))
with open(t + "/parties.csv", newline="") as f, open(t + "/cells/parties.csv", "w") as g:
    rows = f.read().split("\r\n")
    rows[-2] = rows[-2].replace(",12,", ",twelve,")
    g.write("\r\n".join(rows))
with open(t + "/facilities.csv", "w") as f, open(t + "/bad.csv", "w") as g:
    head = "授信编号,借款人编号,业务条线,授信额度（元）,起始日,到期日,循环额度\r\n"
    f.write(head)
    g.write(head)
    for i in range(n):
        row = "F%07d,P%07d,普惠金融,3000000.00,2023-01-01,2027-12-31,是\r\n" % (i, i)
        f.write(row)
        g.write(row if i < n - 1 else row.replace("P%07d" % i, "NOBODY"))
PY
rows() { sqlite3 "$1" "SELECT (SELECT count(*) FROM parties) || ' ' || (SELECT count(*) FROM import_runs) || ' ' || (SELECT count(*) FROM meta WHERE key = 'import_unfinished')"; }

$F init --db "$B" >/dev/null 2>&1
token=$($F users add --db "$B" --name bank --role bank_officer 2>/dev/null |
    sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
expect_eq "an empty book" "0 0 0" "$(rows "$B")"

# Killed once its first parts are in: the mark is in the book with them.
$F import --db "$B" --as-of 2026-01-01 --part-rows 1000 "$T/parties.csv" "$T/facilities.csv" \
    >"$T/killed.out" 2>"$T/killed.err" &
pid=$!
i=0
while [ $i -lt 600 ]; do
    m=$(sqlite3 "$B" "SELECT count(*) FROM parties" 2>/dev/null)
    [ "${m:-0}" -ge 2000 ] && break
    sleep 0.05
    i=$((i + 1))
done
kill -9 $pid
wait $pid
expect_eq "the import is killed between its parts" 137 $?
set -- $(rows "$B")
if [ "$1" -ge 2000 ] && [ "$1" -lt "$N" ] && [ "$3" = 1 ]; then ok "the killed run's first parts are in the book, marked"; else fail "the killed run's first parts are in the book, marked" "parties runs mark: $*"; fi
expect_eq "the copy before the run is beside the book" yes "$([ -f "$B.before-import" ] && echo yes)"
$F verify --db "$B" >"$T/verify.out" 2>&1
expect_eq "verify fails on a book an import stopped in" 1 $?
expect_grep "verify names the run and how to recover" "import run 1 stopped before it finished.*--recover" "$T/verify.out"
$F import --db "$B" --as-of 2026-01-01 "$T/parties.csv" >"$T/again.out" 2>"$T/again.err"
expect_eq "a new import is refused" 1 $?
expect_grep "the refusal says how to recover" "import run 1 stopped before it finished.*--recover" "$T/again.err"
# End of day closes no day on it, from the command line or the server, naming the mark.
$F eod --db "$B" --date 2026-01-01 >"$T/eod.out" 2>"$T/eod.err"
expect_eq "end of day is refused on a marked book" 1 $?
expect_grep "the refusal names the mark and --recover" "import run 1 stopped before it finished \(meta import_unfinished\).*takes no write until .finbridge import --db .*book.db --recover" "$T/eod.err"
# Nor any other write (tests/cli/test_import_marked_cli.sh tries each): a party, a setting.
marked=$(sqlite3 "$B" .dump | sha256sum)
echo "{\"id\":\"new\",\"kind\":\"enterprise\",\"name\":\"沈阳新材料厂\",\"uscc\":\"$(uscc 91210100MA0BBBB01)\",\"region\":\"210102\",\"industry\":\"3670\",\"employees\":30,\"revenue\":\"5000000.00\",\"total_assets\":\"3000000.00\"}" >"$T/party.json"
$F parties create --db "$B" <"$T/party.json" >"$T/party.out" 2>&1
expect_eq "a party is refused on a marked book" 2 $?
expect_grep "naming the mark and --recover" "meta import_unfinished.*--recover" "$T/party.out"
$F settings --db "$B" --set nonaccrual_days=80 >"$T/setting.out" 2>&1
expect_eq "a setting is refused on a marked book" 1 $?
expect_grep "naming the mark and --recover" "meta import_unfinished.*--recover" "$T/setting.out"
expect_eq "neither wrote anything" "$marked" "$(sqlite3 "$B" .dump | sha256sum)"
$F serve --db "$B" --listen 127.0.0.1:0 --port-file "$T/port" 2>"$T/serve.log" &
server=$!
for _ in $(seq 1 100); do [ -s "$T/port" ] && break; sleep 0.1; done
code=$(curl -s -o "$T/eod.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"date":"2026-01-01"}' \
    "http://127.0.0.1:$(cat "$T/port")/v1/eod")
code2=$(curl -s -o "$T/party.json.out" -w '%{http_code}' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary @"$T/party.json" \
    "http://127.0.0.1:$(cat "$T/port")/v1/parties")
kill -TERM $server
wait $server
expect_eq "the server's party is refused on a marked book" 422 "$code2"
expect_grep "its answer names the mark and --recover" "meta import_unfinished.*--recover" "$T/party.json.out"
expect_eq "the server's end of day is refused on a marked book" 422 "$code"
expect_grep "its answer names the mark and --recover" "meta import_unfinished.*--recover" "$T/eod.json"
expect_eq "no day was closed: the book is still marked" "1" "$(sqlite3 "$B" "SELECT count(*) FROM meta WHERE key = 'import_unfinished'")"

$F import --db "$B" --recover >"$T/recover.out" 2>"$T/recover.err"
expect_eq "import --recover" 0 $?
expect_grep "it says what it put back" '"recovered":".*book.db","run":1,' "$T/recover.out"
kept=$(sed -n 's/.*"kept":"\([^"]*\)".*/\1/p' "$T/recover.out")
expect_eq "the half-written book is kept beside it" yes "$([ -n "$kept" ] && [ -f "$kept" ] && echo yes)"
expect_eq "the book is as it was before the run" "0 0 0" "$(rows "$B")"
expect_eq "the copy is gone" no "$([ -e "$B.before-import" ] && echo yes || echo no)"
$F verify --db "$B" >"$T/verify2.out" 2>&1
expect_eq "verify passes after the recovery" 0 $?
$F audit list --db "$B" >"$T/audit.out" 2>&1
expect_grep "the audit log says the book was put back" "import run 1 stopped before it finished: the book put back" "$T/audit.out"
$F import --db "$B" --recover >/dev/null 2>"$T/recover2.err"
expect_eq "nothing more to recover" 1 $?

# The run again, whole: in parts, committed, the mark and the copy gone.
$F import --db "$B" --as-of 2026-01-01 --part-rows 1000 "$T/parties.csv" "$T/facilities.csv" \
    >"$T/whole.out" 2>"$T/whole.err"
expect_eq "the import runs whole" 0 $?
expect_grep "every row is written" '"committed":true,"run":1,"created":12000,' "$T/whole.out"
expect_eq "its parties, one run, no mark" "$N 1 0" "$(rows "$B")"
expect_eq "no copy is left" no "$([ -e "$B.before-import" ] && echo yes || echo no)"
$F verify --db "$B" >"$T/verify3.out" 2>&1
expect_eq "verify passes after the whole run" 0 $?
expect_eq "no progress bar when stderr is not a terminal" 0 "$(grep -c 'rows/s' "$T/whole.err")"
# On a terminal, a bar of each file's bytes redrawn in place, through 100% and every row.
if command -v script >/dev/null 2>&1; then
    $F init --db "$T/tty.db" >/dev/null 2>&1
    script -qec "$F import --db $T/tty.db --as-of 2026-01-01 --part-rows 1000 $T/parties.csv" \
        /dev/null >"$T/tty.out" 2>&1
    expect_grep "a progress bar on a terminal" "import parties.csv +\[#{30}\] 100% +6000 rows +[0-9]+ rows/s" "$T/tty.out"
    expect_grep "the run on a terminal commits" '"committed":true,"run":1,"created":6000,' "$T/tty.out"
fi
$F audit list --db "$B" >"$T/audit2.out" 2>&1
parts=$(grep -c 'part [0-9]*, [0-9]* rows read' "$T/audit2.out")
if [ "$parts" -ge 11 ]; then ok "each part is an audit entry ($parts)"; else fail "each part is an audit entry" "parts: $parts" "$(tail -c 600 "$T/audit2.out")"; fi

# Refused by its last row, after eleven parts were committed: put back by the run itself.
C=$T/refused.db
$F init --db "$C" >/dev/null 2>&1
$F import --db "$C" --as-of 2026-01-01 --part-rows 1000 "$T/parties.csv" "$T/bad.csv" \
    >"$T/refused.out" 2>"$T/refused.err"
expect_eq "a run refused by a row" 1 $?
expect_grep "it was refused after its parts were written" "refused after 1[0-9] parts were written: the book is put back" "$T/refused.err"
expect_eq "the refused run left nothing" "0 0 0" "$(rows "$C")"
expect_eq "no copy nor half-written book is left" "" "$(ls "$T" | grep '^refused.db.\(before\|replaced\)')"
$F verify --db "$C" >/dev/null 2>&1
expect_eq "verify passes after the refused run" 0 $?
expect_grep "the rejected row comes back" "NOBODY" "$T/bad.rejected.csv"
expect_grep "its summary says it was a cut-over" '"mode":"cutover","dry_run":false,"committed":false' "$T/refused.out"

# Control totals that do not match are found at the end, after the parts: put back, and the
# summary still a cut-over's.
printf '记录类型,笔数\r\nparties,5999\r\n' >"$T/control.csv"
$F import --db "$C" --as-of 2026-01-01 --part-rows 1000 "$T/parties.csv" "$T/control.csv" \
    >"$T/totals.out" 2>"$T/totals.err"
expect_eq "a run refused by its control totals" 1 $?
expect_grep "it was refused after its parts were written" "refused after [0-9]+ parts were written: the book is put back" "$T/totals.err"
expect_grep "the totals refused it" "the control totals of .*do not match: the control file says 5999, the files hold 6000" "$T/totals.out"
expect_grep "its summary says it was a cut-over" '"mode":"cutover","dry_run":false,"committed":false' "$T/totals.out"
expect_eq "the totals' run left nothing" "0 0 0" "$(rows "$C")"

# A cell that does not read is found by the first reading of the files: the book is not touched
# (no copy, no part, nothing put back).
before=$($F audit list --db "$C" 2>/dev/null | wc -l)
$F import --db "$C" --as-of 2026-01-01 --part-rows 1000 "$T/cells/parties.csv" "$T/facilities.csv" \
    >"$T/cells.out" 2>"$T/cells.err"
expect_eq "a run with a cell that does not read" 1 $?
expect_grep "its row comes back" "^P0005999,.*,6001,\"?column G \\(从业人员\\)" "$T/cells/parties.rejected.csv"
$F audit list --db "$C" 2>/dev/null | sed "1,${before}d" >"$T/audit3.out"
expect_eq "no part was written, nothing put back" 0 "$(grep -c -e 'part [0-9]*, ' -e 'put back' "$T/audit3.out")"
expect_eq "the book is as it was" "0 0 0" "$(rows "$C")"
expect_grep "its summary says it was a cut-over" '"mode":"cutover","dry_run":false,"committed":false' "$T/cells.out"

# A dry run of a cut-over runs in parts too (its WAL and memory a part's), on a scratch copy of
# the book (BOOK.dry-run) that is thrown away: killed half-way, the scratch holds the first parts
# behind the mark and the book nothing; the next dry run clears it.
$F import --db "$C" --as-of 2026-01-01 --dry-run --part-rows 1000 "$T/parties.csv" \
    "$T/facilities.csv" >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 600 ]; do
    m=0 # read only: sqlite3 would otherwise create the scratch copy before the run does
    [ -f "$C.dry-run" ] && m=$(sqlite3 "file:$C.dry-run?mode=ro" "SELECT count(*) FROM parties" 2>/dev/null)
    [ "${m:-0}" -ge 2000 ] && break
    sleep 0.05
    i=$((i + 1))
done
kill -9 $pid
wait $pid
expect_eq "the dry run is killed between its parts" 137 $?
set -- $(rows "$C.dry-run")
if [ "$1" -ge 2000 ] && [ "$1" -lt "$N" ] && [ "$3" = 1 ]; then ok "the dry run's parts are committed in its scratch copy, marked"; else fail "the dry run's parts are committed in its scratch copy, marked" "parties runs mark: $*"; fi
expect_eq "the killed dry run wrote nothing in the book" "0 0 0" "$(rows "$C")"
$F verify --db "$C" >/dev/null 2>&1
expect_eq "the book verifies after a killed dry run" 0 $?
$F import --db "$C" --as-of 2026-01-01 --dry-run --part-rows 1000 "$T/parties.csv" \
    "$T/facilities.csv" >"$T/dry.out" 2>"$T/dry.err"
expect_eq "a dry run" 0 $?
expect_grep "a dry run reports every row, committing nothing" '"mode":"cutover","dry_run":true,"committed":false,"run":1,"created":12000,"exists":0,"rejected":0' "$T/dry.out"
expect_eq "a dry run writes nothing" "0 0 0" "$(rows "$C")"
expect_eq "its scratch copy is gone (and the killed one's)" "" "$(ls "$T" | grep '^refused.db.dry-run')"
$F import --db "$C" --as-of 2026-01-01 --dry-run --part-rows 1000 "$T/parties.csv" "$T/bad.csv" \
    >"$T/drybad.out" 2>"$T/drybad.err"
expect_eq "a dry run refused by its last row, after its parts" 1 $?
expect_grep "the dry run's rejected row comes back" "NOBODY" "$T/bad.rejected.csv"
expect_eq "nothing is put back: the book was not written" 0 "$(grep -c 'put back' "$T/drybad.err")"
expect_eq "the refused dry run wrote nothing" "0 0 0" "$(rows "$C")"
expect_eq "no scratch copy nor book copy is left" "" "$(ls "$T" | grep '^refused.db.\(dry-run\|before\|replaced\)')"
$F import --db "$C" --as-of 2026-01-01 --dry-run --part-rows 0 "$T/parties.csv" >"$T/dry0.out" 2>&1
expect_eq "a dry run in one unit of work (--part-rows 0)" 0 $?
expect_eq "it writes nothing either" "0 0 0" "$(rows "$C")"
$F import --db "$C" --as-of 2026-01-01 --part-rows 1000 "$T/parties.csv" "$T/facilities.csv" \
    >"$T/after.out" 2>&1
expect_grep "the run itself then comes in" '"mode":"cutover","dry_run":false,"committed":true,"run":1,"created":12000,' "$T/after.out"
end
