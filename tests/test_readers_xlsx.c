/* test_readers_xlsx.c — the table readers, XLSX side: a workbook written by ssconvert reads,
 * through the cell helpers, to the same text as the CSV it came from; a workbook shaped as Excel
 * writes one (shared strings with rich text and phonetic runs, styles with date formats, inline
 * strings, booleans, errors, formulas' values, gaps, escapes, hidden and chart sheets); every
 * refusal (not a zip, zip bombs, DOCTYPE and entities, encrypted workbooks, limits); bounded
 * memory. */
#include <time.h>

#include "core/cell_text.h"
#include "readers.h"
#include "test.h"

#define DATA "tests/data/readers/"

/* ---- Helpers ------------------------------------------------------------------------------ */

static fb_table *open_zip(const uint8_t *zip, size_t size, const char *sheet, fb_table_error *err) {
    fb_table_options o = {FB_TABLE_ENCODING_AUTO, sheet};
    fb_table *t = NULL;
    if (fb_table_open_memory(zip, size, "t.xlsx", &o, &t, err) != FB_OK) return NULL;
    return t;
}

static char *dump_zip(const uint8_t *zip, size_t size, const char *sheet) {
    fb_table_error err;
    fb_table *t = open_zip(zip, size, sheet, &err);
    if (!t) {
        printf("  open: %s\n", err.message);
        return NULL;
    }
    int rc = 0;
    char *got = dump_table(t, true, &rc);
    if (rc < 0) printf("  read: %s\n", fb_table_last_error(t)->message);
    EXPECT_EQ_INT(0, rc);
    fb_table_close(t);
    return got;
}

/* Opens and reads zip whole, expecting an error of code naming `words` (at open or on a row). */
static void expect_refused(const uint8_t *zip, size_t size, int code, const char *words) {
    fb_table_error open_err;
    const fb_table_error *err = &open_err;
    fb_table *t = open_zip(zip, size, NULL, &open_err);
    int rc = open_err.code;
    if (t) {
        free(dump_table(t, true, &rc));
        err = fb_table_last_error(t);
    }
    EXPECT_EQ_INT(code, rc);
    if (!strstr(err->message, words)) {
        EXPECT_TRUE(strstr(err->message, words) != NULL);
        printf("    message: %s\n    wanted: %s\n", err->message, words);
    }
    fb_table_close(t);
}

/* A workbook of one sheet whose <sheetData> holds rows; refused with code and words. */
static void expect_sheet_refused(const char *rows, int code, const char *words) {
    size_t n = strlen(rows) + 512, size = 0;
    char *sheet = malloc(n);
    snprintf(sheet, n, XLSX_SHEET("%s"), rows);
    uint8_t *zip = xlsx_simple(sheet, 0, NULL, NULL, &size);
    expect_refused(zip, size, code, words);
    free(zip);
    free(sheet);
}

/* Overwrites the uncompressed size the zip declares for `name`, in its local and central headers.
 */
static void patch_size(uint8_t *zip, size_t n, const char *name, uint32_t size) {
    size_t k = strlen(name);
    int patched = 0;
    for (size_t i = 0; i + 46 + k <= n; i++) {
        bool local = memcmp(zip + i, "PK\x03\x04", 4) == 0 && memcmp(zip + i + 30, name, k) == 0;
        bool central = memcmp(zip + i, "PK\x01\x02", 4) == 0 && memcmp(zip + i + 46, name, k) == 0;
        if (!local && !central) continue;
        uint8_t *at = zip + i + (local ? 22 : 24);
        for (int b = 0; b < 4; b++)
            at[b] = (uint8_t)(size >> (8 * b));
        patched++;
    }
    EXPECT_EQ_INT(2, patched);
}

/* ---- A workbook written by ssconvert ------------------------------------------------------ */

/* Each cell of the workbook, read through the helpers (money to 2 decimals, the rate to 4, dates
 * as YYYY-MM-DD), is the CSV's text. */
static void compare_with_csv(const char *xlsx_path) {
    fb_table *x = NULL, *c = NULL;
    fb_table_error err;
    EXPECT_EQ_INT(FB_OK, fb_table_open_file(xlsx_path, NULL, &x, &err));
    EXPECT_EQ_INT(FB_OK, fb_table_open_file(DATA "loans.csv", NULL, &c, &err));
    if (!x || !c) return;
    EXPECT_EQ_INT(FB_TABLE_XLSX, fb_table_kind_of(x));
    EXPECT_EQ_STR("loans.csv", fb_table_sheet_name(x));
    EXPECT_TRUE(!fb_table_date1904(x));
    fb_table_row xr, cr;
    int rows = 0, xrc = fb_table_header(x, &xr), crc = fb_table_header(c, &cr);
    for (; xrc == 1 && crc == 1; xrc = fb_table_next(x, &xr), crc = fb_table_next(c, &cr)) {
        EXPECT_EQ_INT(cr.number, xr.number);
        EXPECT_EQ_INT(cr.count, xr.count);
        for (uint32_t i = 0; i < xr.count && i < cr.count; i++) {
            const fb_table_cell *cell = &xr.cells[i];
            char text[64];
            const char *seen = cell->text, *why = NULL;
            if (cell->kind == FB_CELL_NUMBER) {
                int decimals = i == 3 ? 4 : 2;
                EXPECT_EQ_INT(FB_OK, fb_cell_decimal_round(cell->text, cell->len, decimals, text,
                                                           sizeof text, &why));
                seen = text;
            } else if (cell->kind == FB_CELL_DATE) {
                EXPECT_EQ_INT(FB_OK, fb_cell_serial_date_text(cell->text, cell->len,
                                                              fb_table_date1904(x), text, &why));
                seen = text;
            }
            EXPECT_EQ_STR(cr.cells[i].text, seen);
        }
        rows++;
    }
    EXPECT_EQ_INT(0, xrc);
    EXPECT_EQ_INT(0, crc);
    EXPECT_EQ_INT(7, rows); /* the header and six loans */
    fb_table_close(x);
    fb_table_close(c);
}

static void xlsx_written_by_ssconvert(void) {
    size_t size = 0;
    FILE *f = fopen(DATA "loans-ssconvert.xlsx", "rb");
    EXPECT_TRUE(f != NULL);
    if (!f) return;
    uint8_t buf[16384];
    size = fread(buf, 1, sizeof buf, f);
    fclose(f);
    char *got = dump_zip(buf, size, NULL);
    /* as stored: gnumeric writes 21 digits of a long double, dates as serials in a date format */
    EXPECT_TRUE(got && strstr(got, "2:P001|沈阳机床股份有限公司|#1234567.88999999999999|"
                                   "#3.45000000000000000004|@45672|@46037|正常|首笔\n"));
    EXPECT_TRUE(got && strstr(got, "5:P004||#99.9899999999999999981|#3|@45717||次级|\n"));
    EXPECT_TRUE(got && strstr(got, "6:P005|锦州𠮷祥商贸|") && strstr(got, "|两行\n备注\n"));
    free(got);
    compare_with_csv(DATA "loans-ssconvert.xlsx");
    /* the installed ssconvert, again */
    if (system("command -v ssconvert >/dev/null 2>&1") != 0) return;
    char path[512], cmd[1024];
    snprintf(path, sizeof path, "%s/again.xlsx", test_dir());
    snprintf(cmd, sizeof cmd, "ssconvert %sloans.csv '%s' >/dev/null 2>&1", DATA, path);
    EXPECT_EQ_INT(0, system(cmd));
    compare_with_csv(path);
}

/* ---- A workbook shaped as Excel writes one ------------------------------------------------ */

#define EXCEL_STRINGS                                                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst " XLSX_NS                         \
    " count=\"9\" uniqueCount=\"9\"><si><t>借款人编号</t></si><si><r><rPr><b/></rPr><t>借款人</t>" \
    "</r><r><t xml:space=\"preserve\">名称</t></r></si><si><t>本金</t></si><si><t>起息日</t></si>"  \
    "<si><t>P001</t></si><si><t>第一行_x000D_\n第二行</t></si><si><t>東京</t><rPh sb=\"0\" "       \
    "eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si><si><t>_x005F_x0041_ and "        \
    "_x0041_ _xD83D__xDE00_</t></si><si><t/></si></sst>"

#define EXCEL_STYLES                                                                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet " XLSX_NS "><numFmts count=\"2\">"       \
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>" \
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00_ ;[Red]\\-#,##0.00\\ \"/></numFmts>"            \
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"5\">"           \
    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\"/>"       \
    "<xf numFmtId=\"165\"/><xf numFmtId=\"4\"/></cellXfs><dxfs><dxf><numFmt numFmtId=\"166\" "      \
    "formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>"

#define EXCEL_SHEET                                                                                    \
    XLSX_SHEET(                                                                                        \
        "<row r=\"1\" spans=\"1:6\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"      \
        "</c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" "             \
        "t=\"inlineStr\"><is><t>备注</t></is></c><c r=\"F1\" t=\"inlineStr\"><is><t>标志</t></is>" \
        "</c><c r=\"G1\" s=\"1\"/></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" "     \
        "t=\"inlineStr\"><is><r><t>沈阳</t></r><r><rPr><i/></rPr><t>机床</t></r></is></c><c "      \
        "r=\"C2\" s=\"3\"><v>1234.5600000000001</v></c><c r=\"D2\" s=\"1\"><v>45672</v></c><c "        \
        "r=\"E2\" t=\"s\"><v>5</v></c><c r=\"F2\" t=\"b\"><v>1</v></c></row><row r=\"4\"><c "          \
        "r=\"A4\" t=\"str\"><f>\"P\"&amp;\"002\"</f><v>P002</v></c><c r=\"C4\" "                       \
        "s=\"4\"><f>-1/200</f>"                                                                        \
        "<v>-0.005</v></c><c r=\"D4\" s=\"2\"><v>45657</v></c><c r=\"E4\" t=\"e\"><f>1/0</f><v>"       \
        "#DIV/0!</v></c><c r=\"F4\" t=\"b\"><v>0</v></c></row><row><c t=\"inlineStr\"><is><t>P003"     \
        "</t></is></c><c t=\"s\"><v>6</v></c><c><v>1E-3</v></c><c s=\"1\"/><c "                        \
        "t=\"s\"><v>7</v></c>"                                                                         \
        "<c t=\"s\"><v>8</v></c></row><row r=\"6\"><c r=\"B6\" s=\"1\"/><c r=\"Z6\" "                  \
        "s=\"2\"/></row>"                                                                              \
        "<row r=\"7\" spans=\"1:6\"><c r=\"F7\" "                                                      \
        "t=\"inlineStr\"><is><t>x_x000D_y</t></is></c></row>")

#define EXCEL_WORKBOOK                                                                               \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " XLSX_NS " " XLSX_R_NS "><workbookPr "     \
    "defaultThemeVersion=\"166925\"/><sheets><sheet name=\"隐藏\" sheetId=\"3\" state=\"hidden\" " \
    "r:id=\"rId3\"/><sheet name=\"贷款\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"图表\" "     \
    "sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"

#define EXCEL_WORKBOOK_RELS                                                                        \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                    \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" XLSX_REL(            \
        "rId1", "worksheet", "worksheets/../worksheets/sheet1.xml")                                \
        XLSX_REL("rId2", "chartsheet", "chartsheets/sheet1.xml")                                   \
            XLSX_REL("rId3", "worksheet", "/xl/worksheets/sheet3.xml")                             \
                XLSX_REL("rId4", "sharedStrings", "sharedStrings.xml")                             \
                    XLSX_REL("rId5", "styles", "./styles.xml") "</Relationships>"

#define PREFIXED_SHEET                                                                             \
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"          \
    "<x:sheetData><x:row r=\"3\"><x:c r=\"B3\" t=\"inlineStr\"><x:is><x:t>隐藏表</x:t></x:is>"  \
    "</x:c></x:row></x:sheetData></x:worksheet>"

static uint8_t *excel_workbook(size_t *size) {
    const xpart parts[] = {
        {"_rels/.rels", XLSX_RELS, 0, false, false},
        {"xl/workbook.xml", EXCEL_WORKBOOK, 0, false, false},
        {"xl/_rels/workbook.xml.rels", EXCEL_WORKBOOK_RELS, 0, false, false},
        {"xl/worksheets/sheet1.xml", EXCEL_SHEET, 0, false, false},
        {"xl/worksheets/sheet3.xml", PREFIXED_SHEET, 0, true, false},
        {"xl/chartsheets/sheet1.xml", "<chartsheet/>", 0, false, false},
        {"xl/sharedStrings.xml", EXCEL_STRINGS, 0, false, false},
        {"xl/styles.xml", EXCEL_STYLES, 0, false, false},
    };
    return xlsx_build(parts, sizeof parts / sizeof parts[0], size);
}

static void xlsx_shaped_as_excel_writes(void) {
    size_t size = 0;
    uint8_t *zip = excel_workbook(&size);
    char *got = dump_zip(zip, size, NULL);
    EXPECT_EQ_STR("1:借款人编号|借款人名称|本金|起息日|备注|标志\n"
                  "2:P001|沈阳机床|#1234.5600000000001|@45672|第一行\r\n第二行|?TRUE\n"
                  "4:P002||#-0.005|@45657|!#DIV/0!|?FALSE\n"
                  "5:P003|東京|#1E-3||_x0041_ and A 😀|\n"
                  "6:|||||\n"
                  "7:|||||x\ry\n",
                  got);
    free(got);
    /* the cells themselves */
    fb_table_error err;
    fb_table *t = open_zip(zip, size, NULL, &err);
    EXPECT_EQ_STR("贷款", fb_table_sheet_name(t));
    fb_table_row row;
    EXPECT_EQ_INT(1, fb_table_header(t, &row));
    EXPECT_EQ_INT(6, row.count); /* G1, styled and empty, is no column */
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(FB_CELL_NUMBER, row.cells[2].kind);
    EXPECT_EQ_INT(3, row.cells[2].column);
    EXPECT_EQ_INT(FB_CELL_DATE, row.cells[3].kind);
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(4, row.number);
    EXPECT_EQ_INT(FB_CELL_EMPTY, row.cells[1].kind); /* B4: a gap */
    EXPECT_EQ_INT(FB_CELL_TEXT, row.cells[0].kind);  /* a formula's text */
    EXPECT_EQ_INT(FB_CELL_ERROR, row.cells[4].kind);
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    EXPECT_TRUE(row.blank);
    fb_table_close(t);
    /* a named sheet, hidden, its elements with a prefix; rows before its first value skipped */
    got = dump_zip(zip, size, "隐藏");
    EXPECT_EQ_STR("3:|隐藏表\n", got);
    free(got);
    t = open_zip(zip, size, "没有", &err);
    EXPECT_TRUE(t == NULL);
    EXPECT_EQ_INT(FB_ENOTFOUND, err.code);
    EXPECT_EQ_STR("t.xlsx: no sheet named \"没有\" (the sheets: 隐藏, 贷款, 图表)", err.message);
    t = open_zip(zip, size, "图表", &err);
    EXPECT_TRUE(t == NULL && strstr(err.message, "is a chartsheet, not a worksheet"));
    free(zip);
}

static void xlsx_1904_dates_and_no_styles(void) {
    const xpart parts[] = {
        {"_rels/.rels", XLSX_RELS, 0, false, false},
        {"xl/workbook.xml", XLSX_WORKBOOK("<workbookPr date1904=\"1\"/>"), 0, false, false},
        {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
        {"xl/worksheets/sheet1.xml",
         XLSX_SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44210</v></c></row>"), 0, false, false},
    };
    size_t size = 0;
    uint8_t *zip = xlsx_build(parts, 4, &size);
    fb_table_error err;
    fb_table *t = open_zip(zip, size, NULL, &err);
    EXPECT_TRUE(t != NULL && fb_table_date1904(t));
    fb_table_row row;
    EXPECT_EQ_INT(1, fb_table_next(t, &row));
    /* no styles part: a number is a number; the caller knows the column is a date */
    EXPECT_EQ_INT(FB_CELL_NUMBER, row.cells[0].kind);
    char date[11];
    EXPECT_EQ_INT(FB_OK, fb_cell_serial_date_text(row.cells[0].text, row.cells[0].len,
                                                  fb_table_date1904(t), date, NULL));
    EXPECT_EQ_STR("2025-01-15", date);
    fb_table_close(t);
    free(zip);
}

/* ---- Refusals ----------------------------------------------------------------------------- */

static void xlsx_not_a_workbook(void) {
    static const char cut[] = "PK\x03\x04 and then nothing a zip has";
    expect_refused((const uint8_t *)cut, sizeof cut - 1, FB_EINVAL,
                   "not a zip, so not an XLSX workbook: no end of its directory");
    const xpart other[] = {{"notes.txt", "hello", 0, false, false}};
    size_t size = 0;
    uint8_t *zip = xlsx_build(other, 1, &size);
    expect_refused(zip, size, FB_EINVAL, "a zip without a workbook (xl/workbook.xml)");
    free(zip);
    const xpart ods[] = {
        {"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0, true, false},
        {"content.xml", "<office:document-content/>", 0, false, false}};
    zip = xlsx_build(ods, 2, &size);
    expect_refused(zip, size, FB_EINVAL, "an OpenDocument file (.ods)");
    free(zip);
    /* the old container: an encrypted workbook, or an .xls */
    uint8_t ole[4096] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    expect_refused(ole, sizeof ole, FB_EINVAL, "an Excel 97-2003 workbook (.xls)");
    const char *name = "EncryptedPackage";
    for (size_t i = 0; name[i]; i++)
        ole[1024 + 128 + 2 * i] = (uint8_t)name[i];
    expect_refused(ole, sizeof ole, FB_EINVAL, "an encrypted (password-protected) workbook");
    /* a sheet part that is no worksheet */
    zip = xlsx_simple("<chartsheet " XLSX_NS "/>", 0, NULL, NULL, &size);
    expect_refused(zip, size, FB_EINVAL, "xl/worksheets/sheet1.xml is a <chartsheet>");
    free(zip);
}

static void xlsx_zip_bombs(void) {
    /* a sheet of 8 MiB that deflates a thousand times: refused on its declared sizes */
    size_t n = 8 << 20, size = 0;
    char *sheet = malloc(n);
    const char *open = "<?xml version=\"1.0\"?><worksheet><sheetData>";
    const char *close = "</sheetData></worksheet>";
    memset(sheet, ' ', n);
    memcpy(sheet, open, strlen(open));
    memcpy(sheet + n - strlen(close), close, strlen(close));
    uint8_t *zip = xlsx_simple(sheet, n, NULL, NULL, &size);
    EXPECT_TRUE(size < n / 200);
    expect_refused(zip, size, FB_ELIMIT, "over 100 to 1 (a zip bomb? FB_XLSX_RATIO_MAX)");
    free(zip);
    /* one that declares less than it inflates to */
    const char *small = XLSX_SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                                   "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>");
    zip = xlsx_simple(small, 0, NULL, NULL, &size);
    patch_size(zip, size, "xl/worksheets/sheet1.xml", 100);
    expect_refused(zip, size, FB_EINVAL, "inflates past the 100 bytes it declares");
    /* and one that declares more than a sheet may have */
    patch_size(zip, size, "xl/worksheets/sheet1.xml", 0xFFFFFFF0u);
    expect_refused(zip, size, FB_ELIMIT, "more than 2147483648 (FB_XLSX_SHEET_BYTES_MAX)");
    patch_size(zip, size, "xl/workbook.xml", 17u << 20);
    expect_refused(zip, size, FB_ELIMIT, "(FB_XLSX_PART_BYTES_MAX)");
    free(zip);
    free(sheet);
}

static void xlsx_xml_attacks(void) {
    const char *laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
        "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><worksheet><sheetData><row><c "
        "t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
    size_t size = 0;
    uint8_t *zip = xlsx_simple(laughs, 0, NULL, NULL, &size);
    expect_refused(zip, size, FB_EINVAL, "has a DOCTYPE");
    free(zip);
    const char *external = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM "
                           "\"file:///etc/passwd\">]><worksheet><sheetData><row><c><v>&e;</v></c>"
                           "</row></sheetData></worksheet>";
    zip = xlsx_simple(external, 0, NULL, NULL, &size);
    expect_refused(zip, size, FB_EINVAL, "has a DOCTYPE");
    free(zip);
    expect_sheet_refused("<row><c><v>&e;</v></c></row>", FB_EINVAL, "undefined entity");
    expect_sheet_refused("<row><c><v>1</v></c>", FB_EINVAL, "is not well-formed XML");
    /* depth, and a token expat would have to hold whole */
    char deep[2048] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "<x>");
    expect_sheet_refused(deep, FB_ELIMIT, "(FB_XML_DEPTH_MAX)");
    size_t n = (3u << 20) / 2;
    char *comment = malloc(n + 256);
    int k = sprintf(comment, XLSX_SHEET("<!--"));
    memset(comment + k - 24, 'c', n);
    sprintf(comment + k - 24 + n, "--></sheetData></worksheet>");
    const xpart parts[] = {{"_rels/.rels", XLSX_RELS, 0, false, false},
                           {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false},
                           {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
                           {"xl/worksheets/sheet1.xml", comment, 0, true, false}};
    zip = xlsx_build(parts, 4, &size);
    expect_refused(zip, size, FB_ELIMIT, "over 1048576 bytes (FB_XML_TOKEN_MAX)");
    free(zip);
    free(comment);
}

static void xlsx_malformed_sheets(void) {
    expect_sheet_refused("<row r=\"1048577\"><c><v>1</v></c></row>", FB_ELIMIT,
                         "a sheet over the row limit: a row past 1048576 (FB_XLSX_ROWS_MAX)");
    expect_sheet_refused("<row r=\"2\"><c><v>1</v></c></row><row r=\"2\"/>", FB_EINVAL,
                         "row 2 comes after row 2");
    expect_sheet_refused("<row r=\"x\"/>", FB_EINVAL, "a row numbered \"x\"");
    expect_sheet_refused("<row r=\"1\"><c r=\"1A\"/></row>", FB_EINVAL, "a cell \"1A\" in row 1");
    expect_sheet_refused("<row r=\"1\"><c r=\"A2\"/></row>", FB_EINVAL, "a cell \"A2\" in row 1");
    expect_sheet_refused("<row r=\"1\"><c r=\"B1\"/><c r=\"A1\"/></row>", FB_EINVAL,
                         "row 1, column A: a cell after column 2's");
    expect_sheet_refused("<row><c t=\"z\"/></row>", FB_EINVAL, "a cell of type \"z\"");
    expect_sheet_refused("<row><c t=\"b\"><v>2</v></c></row>", FB_EINVAL,
                         "row 1, column A: a boolean cell holding \"2\"");
    expect_sheet_refused("<row><c t=\"s\"><v>0</v></c></row>", FB_EINVAL,
                         "shared string 0, of 0 the workbook has");
    expect_sheet_refused("<row><c t=\"s\"><v>-1</v></c></row>", FB_EINVAL,
                         "a shared string's index \"-1\"");
    expect_sheet_refused("<row><c><v>a</v></c><c><v>b</v></c></row><row><c r=\"C2\"><v>1</v></c>"
                         "</row>",
                         FB_EINVAL, "row 2, column C: a value past the header's last column");
    expect_sheet_refused("<row r=\"1\"><c r=\"B1\" s=\"1\"/></row>", FB_EINVAL,
                         "the header row is empty");
}

static void xlsx_limits(void) {
    /* a cell over FB_TABLE_CELL_MAX, inline and shared */
    size_t n = FB_TABLE_CELL_MAX + 1, size = 0;
    char *big = malloc(n + 1024);
    int k = sprintf(big, XLSX_SHEET("<row><c t=\"inlineStr\"><is><t>"));
    k -= 24; /* before </sheetData></worksheet> */
    for (size_t i = 0; i < n; i += 3)
        memcpy(big + k + i, "沈", 3); /* 32,768 characters: 3 bytes over */
    sprintf(big + k + n + 2, "</t></is></c></row></sheetData></worksheet>");
    uint8_t *zip = xlsx_simple(big, 0, NULL, NULL, &size);
    expect_refused(zip, size, FB_ELIMIT, "row 1, column A: a cell over 98301 bytes");
    free(zip);
    free(big);
    /* more than FB_XLSX_STYLES_MAX cell formats */
    size_t cap = 64 + 22 * (FB_XLSX_STYLES_MAX + 1) + 64, len = 0;
    char *styles = malloc(cap);
    len += (size_t)sprintf(styles, "<styleSheet><cellXfs>");
    for (int i = 0; i <= FB_XLSX_STYLES_MAX; i++)
        len += (size_t)sprintf(styles + len, "<xf numFmtId=\"%d\"/>", i % 200);
    sprintf(styles + len, "</cellXfs></styleSheet>");
    const xpart parts[] = {{"_rels/.rels", XLSX_RELS, 0, false, false},
                           {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false},
                           {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
                           {"xl/worksheets/sheet1.xml", XLSX_SHEET(""), 0, false, false},
                           {"xl/styles.xml", styles, 0, true, false}};
    zip = xlsx_build(parts, 5, &size);
    expect_refused(zip, size, FB_ELIMIT, "more than 65536 formats (FB_XLSX_STYLES_MAX)");
    free(zip);
    free(styles);
    /* more than FB_ZIP_ENTRIES_MAX entries */
    xpart *many = calloc(FB_ZIP_ENTRIES_MAX + 1, sizeof *many);
    char(*names)[16] = calloc(FB_ZIP_ENTRIES_MAX + 1, sizeof *names);
    for (int i = 0; i <= FB_ZIP_ENTRIES_MAX; i++) {
        snprintf(names[i], sizeof names[i], "p/%d", i);
        many[i] = (xpart){names[i], "x", 1, true, false};
    }
    zip = xlsx_build(many, FB_ZIP_ENTRIES_MAX + 1, &size);
    expect_refused(zip, size, FB_ELIMIT, "a zip of 10001 entries, more than 10000");
    free(zip);
    free(names);
    free(many);
}

/* A zip whose directory says it is larger than FB_ZIP_DIRECTORY_MAX: refused before libzip
 * reads it. */
static void xlsx_directory_limit(void) {
    size_t size = 0;
    uint8_t *zip = xlsx_simple(XLSX_SHEET(""), 0, NULL, NULL, &size);
    uint8_t *eocd = zip + size - 22;
    EXPECT_TRUE(memcmp(eocd, "PK\x05\x06", 4) == 0);
    uint32_t big = FB_ZIP_DIRECTORY_MAX + 1;
    for (int b = 0; b < 4; b++)
        eocd[12 + b] = (uint8_t)(big >> (8 * b));
    expect_refused(zip, size, FB_ELIMIT, "(FB_ZIP_DIRECTORY_MAX)");
    free(zip);
}

/* Writes a workbook whose shared strings part (stored) is `count` items of `len` bytes each. */
static void write_strings_xlsx(const char *path, long count, size_t len) {
    char strings[512];
    snprintf(strings, sizeof strings, "%s.strings.xml", path);
    FILE *f = fopen(strings, "w");
    char *text = malloc(len + 1);
    memset(text, 'x', len);
    text[len] = '\0';
    fprintf(f, "<sst>");
    for (long i = 0; i < count; i++)
        fprintf(f, len ? "<si><t>%s</t></si>" : "<si/>", text);
    fprintf(f, "</sst>");
    fclose(f);
    free(text);
    const xpart parts[] = {{"_rels/.rels", XLSX_RELS, 0, false, false},
                           {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false},
                           {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
                           {"xl/worksheets/sheet1.xml", XLSX_SHEET(""), 0, false, false},
                           {"xl/sharedStrings.xml", strings, 0, true, true}};
    EXPECT_TRUE(xlsx_build_file(path, parts, 5));
    remove(strings);
}

static void expect_file_refused(const char *path, int code, const char *words) {
    fb_table *t = NULL;
    fb_table_error err;
    EXPECT_EQ_INT(code, fb_table_open_file(path, NULL, &t, &err));
    EXPECT_TRUE(t == NULL);
    if (!strstr(err.message, words)) {
        EXPECT_TRUE(strstr(err.message, words) != NULL);
        printf("    message: %s\n    wanted: %s\n", err.message, words);
    }
}

/* More shared strings than FB_XLSX_SHARED_STRINGS_MAX, and more of their text than
 * FB_XLSX_SHARED_BYTES_MAX (stored, so no ratio is passed first). */
static void xlsx_shared_string_limits(void) {
    char path[512];
    snprintf(path, sizeof path, "%s/strings.xlsx", test_dir());
    write_strings_xlsx(path, FB_XLSX_SHARED_STRINGS_MAX + 1L, 0);
    expect_file_refused(path, FB_ELIMIT,
                        "more than 4194304 shared strings (FB_XLSX_SHARED_STRINGS_MAX)");
    long items = FB_XLSX_SHARED_BYTES_MAX / 90000 + 1;
    write_strings_xlsx(path, items, 90000);
    expect_file_refused(path, FB_ELIMIT,
                        "shared strings over 134217728 bytes (FB_XLSX_SHARED_BYTES_MAX)");
    remove(path);
}

/* An entry encrypted in the zip (libzip can write one when built with a crypto library). */
static void xlsx_encrypted_entry(void) {
    if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
        printf("  (libzip writes no AES here; skipped)\n");
        return;
    }
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    const xpart parts[] = {{"_rels/.rels", XLSX_RELS, 0, false, false},
                           {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false}};
    xlsx_add(za, parts, 2);
    zip_file_set_encryption(za, 1, ZIP_EM_AES_256, "secret");
    EXPECT_EQ_INT(0, zip_close(za));
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    size_t size = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    uint8_t *zip = malloc(size);
    zip_source_read(src, zip, size);
    zip_source_close(src);
    zip_source_free(src);
    expect_refused(zip, size, FB_EINVAL, "xl/workbook.xml is encrypted: a password-protected zip");
    free(zip);
}

/* ---- Size --------------------------------------------------------------------------------- */

/* Writes a workbook of `rows` data rows to path: inline strings, numbers with a double's noise,
 * dates, and a handful of shared strings (cities), as a loan list would have. */
static void write_loans_xlsx(const char *path, long rows) {
    char sheet_path[512];
    snprintf(sheet_path, sizeof sheet_path, "%s.sheet.xml", path);
    FILE *f = fopen(sheet_path, "w");
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " XLSX_NS "><sheetData>");
    fprintf(f, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>借款编号</t></is></c><c r=\"B1\" "
               "t=\"inlineStr\"><is><t>城市</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>本金"
               "</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>起息日</t></is></c></row>");
    for (long i = 2; i <= rows + 1; i++) {
        fprintf(f,
                "<row r=\"%ld\"><c r=\"A%ld\" t=\"inlineStr\"><is><t>L%08ld</t></is></c><c "
                "r=\"B%ld\" t=\"s\"><v>%ld</v></c><c r=\"C%ld\"><v>%ld.%02ld00000000001</v></c><c "
                "r=\"D%ld\" s=\"1\"><v>%ld</v></c></row>",
                i, i, i, i, i % 5, i, 1000 + i * 37 % 5000000, i % 100, i, 45000 + i % 1000);
    }
    fprintf(f, "</sheetData></worksheet>");
    fclose(f);
    const char *strings = "<sst " XLSX_NS "><si><t>沈阳</t></si><si><t>大连</t></si><si><t>鞍山"
                          "</t></si><si><t>抚顺</t></si><si><t>本溪</t></si></sst>";
    const char *styles = "<styleSheet " XLSX_NS "><cellXfs><xf numFmtId=\"0\"/><xf "
                         "numFmtId=\"14\"/></cellXfs></styleSheet>";
    const xpart parts[] = {{"_rels/.rels", XLSX_RELS, 0, false, false},
                           {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false},
                           {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
                           {"xl/worksheets/sheet1.xml", sheet_path, 0, false, true},
                           {"xl/sharedStrings.xml", strings, 0, false, false},
                           {"xl/styles.xml", styles, 0, false, false}};
    EXPECT_TRUE(xlsx_build_file(path, parts, 6));
    remove(sheet_path);
}

static long read_xlsx(const char *path) {
    fb_table *t = NULL;
    fb_table_error err;
    if (fb_table_open_file(path, NULL, &t, &err) != FB_OK) {
        printf("  %s\n", err.message);
        return -1;
    }
    fb_table_row row;
    long rows = 0;
    int rc = fb_table_header(t, &row);
    while ((rc = fb_table_next(t, &row)) == 1) {
        rows++;
        if (row.count != 4 || row.cells[3].kind != FB_CELL_DATE || row.cells[1].len != 6) {
            rows = -1000000000;
        }
    }
    if (rc < 0) printf("  %s\n", fb_table_last_error(t)->message);
    fb_table_close(t);
    return rc == 0 ? rows : -1;
}

/* Reading 10,000 rows and then 50,000 grows the peak by no more than a few MiB (bench/readers.c
 * reads 200,000). */
static void xlsx_memory_does_not_grow_with_rows(void) {
    char small[512], large[512];
    snprintf(small, sizeof small, "%s/small.xlsx", test_dir());
    snprintf(large, sizeof large, "%s/large.xlsx", test_dir());
    write_loans_xlsx(small, 10000);
    write_loans_xlsx(large, 50000);
    long before = peak_kib();
    clock_t c0 = clock();
    EXPECT_EQ_INT(10000, read_xlsx(small));
    long after_small = peak_kib();
    EXPECT_EQ_INT(50000, read_xlsx(large));
    long after_large = peak_kib();
    printf("  peak %ld KiB before, %ld after 10,000 rows, %ld after 50,000 (%.2f s)\n", before,
           after_small, after_large, (double)(clock() - c0) / CLOCKS_PER_SEC);
    EXPECT_TRUE(after_small - before < 32 * 1024);
    EXPECT_TRUE(after_large - after_small < 4 * 1024);
    remove(small);
    remove(large);
}

int main(void) {
    RUN(xlsx_memory_does_not_grow_with_rows); /* first: the peak is a high-water mark */
    RUN(xlsx_written_by_ssconvert);
    RUN(xlsx_shaped_as_excel_writes);
    RUN(xlsx_1904_dates_and_no_styles);
    RUN(xlsx_not_a_workbook);
    RUN(xlsx_zip_bombs);
    RUN(xlsx_xml_attacks);
    RUN(xlsx_malformed_sheets);
    RUN(xlsx_limits);
    RUN(xlsx_encrypted_entry);
    RUN(xlsx_directory_limit);
    RUN(xlsx_shared_string_limits);
    return test_summary();
}
