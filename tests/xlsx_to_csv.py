#!/usr/bin/env python3
"""xlsx_to_csv.py FILE.xlsx [--meta] — reads an exported workbook back with nothing but Python's
zipfile and xml, independently of libxlsxwriter and of gnumeric, and prints every sheet's rows as
CSV (RFC 4180, CRLF), each number cell as its number format shows it, from the exact decimal text
in the sheet's XML: #,##0.00 to two decimals, 0.0000 to four, #,##0 and 0 as integers (which they
must be), yyyy-mm-dd as the date. The test compares that with the CSV export, string by string.

--meta prints, per sheet, its name, the frozen rows and the number of columns with a width."""
import csv
import datetime
import decimal
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_FORMATS = {0: "General", 1: "0", 3: "#,##0", 4: "#,##0.00", 49: "@"}


def styles(z):
    root = ET.fromstring(z.read("xl/styles.xml"))
    codes = dict(BUILTIN_FORMATS)
    for f in root.findall("m:numFmts/m:numFmt", NS):
        codes[int(f.get("numFmtId"))] = f.get("formatCode")
    return [codes.get(int(x.get("numFmtId", "0")), "General")
            for x in root.findall("m:cellXfs/m:xf", NS)]


def shown(value, code):
    """The text a number cell shows under its format, from the decimal text of its value."""
    d = decimal.Decimal(value)
    if code == "yyyy-mm-dd":
        assert d == d.to_integral_value(), value
        return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(d))).isoformat()
    places = {"#,##0.00": 2, "0.00": 2, "0.0000": 4}.get(code)
    if places is not None:
        return str(d.quantize(decimal.Decimal(1).scaleb(-places)))
    if code in ("#,##0", "0"):
        assert d == d.to_integral_value(), value
        return str(int(d))
    return value


def column(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheet_rows(z, target, formats, shared):
    root = ET.fromstring(z.read(target))
    out = []
    for row in root.findall("m:sheetData/m:row", NS):
        cells = {}
        for c in row.findall("m:c", NS):
            kind, style = c.get("t", "n"), int(c.get("s", "0"))
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
            elif kind == "s":
                text = shared[int(c.find("m:v", NS).text)]
            elif kind == "str":
                text = c.find("m:v", NS).text or ""
            else:
                v = c.find("m:v", NS)
                text = "" if v is None else shown(v.text, formats[style])
            cells[column(c.get("r"))] = text
        out.append(cells)
    width = max((max(c) + 1 for c in out if c), default=0)
    return root, [[c.get(i, "") for i in range(width)] for c in out]


def main():
    path, meta = sys.argv[1], "--meta" in sys.argv
    z = zipfile.ZipFile(path)
    formats = styles(z)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    for s in ET.fromstring(z.read("xl/workbook.xml")).findall("m:sheets/m:sheet", NS):
        root, rows = sheet_rows(z, "xl/" + rels[s.get(REL)], formats, shared)
        if meta:
            pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
            frozen = pane.get("ySplit") if pane is not None and pane.get("state") == "frozen" else "0"
            widths = len(root.findall("m:cols/m:col", NS))
            print("sheet=%s frozen=%s widths=%d rows=%d" % (s.get("name"), frozen, widths, len(rows)))
        else:
            writer.writerows(rows)


if __name__ == "__main__":
    main()
