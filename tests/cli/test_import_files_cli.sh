# test_import_files_cli.sh — the files a cut-over reads (docs/import.md, "The templates" and
# "Reading files"), through `finbridge import`. Every example file with its English headers (in
# upper case and with spaces, as the templates allow) brings in the book the Chinese headers do:
# the two books' exports are the same. A malformed CSV (a quote left open, a byte that is not
# UTF-8) and a file named .xlsx that is not a zip are refused naming the file, the row and the
# column where there is one, with exit status 1, and nothing is written.
. tests/cli/lib.sh
F=$FINBRIDGE
E=docs/examples
KINDS="control parties facilities schedules loans certificates"
files() { for k in $KINDS; do printf '%s ' "$1/$k.$2"; done; }

# nothing BOOK NAME: the book holds none of the examples' records and has no business date.
nothing() {
    $F parties get --db "$1" sy-jichuang >/dev/null 2>&1
    a=$?
    $F loans get --db "$1" DK-2024-0001 >/dev/null 2>&1
    b=$?
    d=$($F settings --db "$1" | grep -o '"business_date":"[0-9-]*"')
    n=$(sqlite3 "$1" "SELECT count(*) FROM parties")
    expect_eq "$2: nothing written (no party, no loan, no business date)" "1 1  0" "$a $b $d $n"
}

# ---- English headers ------------------------------------------------------------------------
# The import's own tables (finbridge import --templates) give each template's Chinese and
# English names; each example's header row is written again in English (the facilities' is
# already, in lower case).
$F import --templates >"$T/tpl"
mkdir -p "$T/en"
python3 - "$T/tpl" "$E" "$T/en" $KINDS <<'PY'
import csv, re, sys
tpl, src, dst, kinds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
names, kind = {}, None
for line in open(tpl, encoding="utf-8"):
    m = re.match(r"^#### (\w+) ", line)
    if m:
        kind = m.group(1)
        names[kind] = {}
    m = re.match(r"^\| ([^|]+) \| `([a-z_0-9]+)` \|", line)
    if m and kind:
        names[kind][m.group(1)] = m.group(2)
changed = 0
for k in kinds:
    rows = list(csv.reader(open("%s/%s.csv" % (src, k), encoding="utf-8-sig", newline="")))
    en = []
    for i, h in enumerate(rows[0]):
        e = names[k].get(h, h)  # a template's column, in Chinese or (facilities) English
        assert e in names[k].values(), (k, h)
        en.append(e.upper().replace("_", " ") if i % 2 else e)
        changed += 1
    rows[0] = en
    csv.writer(open("%s/%s.csv" % (dst, k), "w", encoding="utf-8", newline="")).writerows(rows)
print(changed)
PY
expect_eq "the examples' headers are written in English" 0 $?
expect_grep "the loans' English header" '^id,FACILITY,' "$T/en/loans.csv"
for v in zh en; do
    $F init --db "$T/$v.db" >/dev/null 2>&1
    d=$E
    [ $v = en ] && d=$T/en
    $F import --db "$T/$v.db" --as-of 2026-01-01 $(files "$d" csv) >"$T/$v.out" 2>"$T/$v.err"
    expect_eq "$v: the examples come in" 0 $?
    expect_grep "$v: every row" '"committed":true,.*"rejected":0' "$T/$v.out"
done
same=0
for k in parties facilities schedules loans certificates; do
    $F export --db "$T/zh.db" --as-of 2026-01-01 $k --out "$T/zh.$k.csv" 2>/dev/null
    $F export --db "$T/en.db" --as-of 2026-01-01 $k --out "$T/en.$k.csv" 2>/dev/null
    [ -s "$T/zh.$k.csv" ] && cmp -s "$T/zh.$k.csv" "$T/en.$k.csv" && same=$((same + 1))
done
expect_eq "the English headers bring in the same book: its five exports are the same" 5 $same

# ---- A malformed CSV, a bad byte, a workbook that is not a zip -------------------------------
# bad NAME FILE PY: the examples with FILE's bytes (b) changed by PY.
bad() {
    mkdir -p "$T/$1"
    for k in $KINDS; do cp "$E/$k.csv" "$T/$1/"; done
    python3 - "$T/$1/$2" "$3" <<'PY'
import sys
p = sys.argv[1]
b = open(p, "rb").read()
exec(sys.argv[2])
open(p, "wb").write(b)
PY
}
# A quote opened in the last loan's purpose and never closed: the file ends inside it.
bad quote loans.csv 'rows = b.rstrip(b"\r\n").split(b"\r\n")
cells = rows[-1].split(b",")
cells[-1] = b"\"" + cells[-1]
rows[-1] = b",".join(cells)
b = b"\r\n".join(rows) + b"\r\n"'
# A byte that is not UTF-8 in the fourth party's name, after the Chinese text before it.
bad byte parties.csv 'rows = b.split(b"\r\n")
cells = rows[4].split(b",")
cells[1] = cells[1][:6] + b"\xff" + cells[1][6:]
rows[4] = b",".join(cells)
b = b"\r\n".join(rows)'
# A text file named like a workbook.
mkdir -p "$T/notzip"
for k in $KINDS; do cp "$E/$k.csv" "$T/notzip/"; done
rm "$T/notzip/certificates.csv"
cp "$E/certificates.csv" "$T/notzip/certificates.xlsx"
expect_eq "the quote case opens one more quote than it closes" 1 \
    "$(python3 -c "import sys; print(open(sys.argv[1], 'rb').read().count(b'\"') % 2)" "$T/quote/loans.csv")"

B=$T/bad.db
$F init --db "$B" >/dev/null 2>&1
$F import --db "$B" --as-of 2026-01-01 $(files "$T/quote" csv) >"$T/out" 2>"$T/err"
expect_eq "a quote left open is refused" 1 $?
expect_grep "naming the file, the row and the column" \
    "import refused, nothing written: .*quote/loans.csv, row 5, column AB \\(贷款用途\\): a quote left open" "$T/err"
nothing "$B" "a quote left open"

$F import --db "$B" --as-of 2026-01-01 $(files "$T/byte" csv) >"$T/out" 2>"$T/err"
expect_eq "a byte that is not UTF-8 is refused" 1 $?
expect_grep "naming the file, the row, the column and the byte" \
    "import refused, nothing written: .*byte/parties.csv, row 5, column B \\(名称\\): bytes that are not UTF-8 at byte 7 of the cell" "$T/err"
nothing "$B" "a bad byte"

$F import --db "$B" --as-of 2026-01-01 $(files "$T/notzip" csv | sed 's/certificates.csv/certificates.xlsx/') >"$T/out" 2>"$T/err"
expect_eq "a .xlsx that is not a zip is refused" 1 $?
expect_grep "naming the file and why" \
    "import refused, nothing written: .*notzip/certificates.xlsx: not a zip, so not an XLSX workbook, though named like one" "$T/err"
nothing "$B" "a .xlsx that is not a zip"

$F import --db "$B" --as-of 2026-01-01 $(files $E csv) >"$T/out" 2>"$T/err"
expect_eq "the examples then come in" 0 $?
end
