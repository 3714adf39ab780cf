#!/usr/bin/env python3
"""csv_to_xlsx.py IN.csv OUT.xlsx — a workbook of one sheet holding the CSV's cells as they are
written, every cell an inline string (as a bank's staff type ids, amounts and dates into cells
formatted as text), with nothing but Python's zipfile: the import's tests give the same rows as
CSV and as XLSX without a spreadsheet program deciding that an id of digits is a number."""
import csv
import sys
import zipfile
from xml.sax.saxutils import escape


def column(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main(src, dst):
    rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<sheetData>"]
    for n, row in enumerate(rows, 1):
        cells = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (column(i), n, escape(v))
                        for i, v in enumerate(row) if v != "")
        sheet.append('<row r="%d">%s</row>' % (n, cells))
    sheet.append("</sheetData></worksheet>")
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel_ns,
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main_ns, rel_ns),
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % rel_ns,
        "xl/worksheets/sheet1.xml": "".join(sheet),
    }
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
