/* fuzz_xlsx.c — the XLSX reader under libFuzzer (make fuzz), and the body that tests/test_corpus.c
 * replays over tests/corpus/xlsx in make test.
 *
 * The first byte chooses what the rest is. Even: the bytes of a file (a zip, or anything else).
 * Odd: a workbook's parts as text, split at lines "----": the sheet, then optionally the shared
 * strings, the styles and the workbook, zipped here (stored) so that the fuzzer reaches the XML
 * rather than the zip's checksums. Bit 1 chooses whether a header is read.
 *
 * Properties: the workbook reads to its end or is refused with a message and a negative code that
 * stays; every row's number grows and stays within the sheet's limit; its cells are numbered
 * 1..count, each UTF-8 without NUL of its stated length, empty exactly when its text is, a boolean
 * TRUE or FALSE; after a header every row has its count; a number's text rounds, when it does, to
 * a canonical decimal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../readers.h"
#include "core/cell_text.h"

int fb_fuzz_xlsx_one(const uint8_t *data, size_t size);

/* The largest input the target takes. */
#define XLSXF_INPUT_MAX (256 * 1024)
/* Parts the text form carries: sheet, shared strings, styles, workbook. */
#define XLSXF_PARTS 4

/* Checks one cell; returns 1 when a property failed. */
static int xlsxf_check_cell(const fb_table_cell *c, uint32_t column) {
    size_t at = 0;
    if (c->column != column || strlen(c->text) != c->len || c->len > FB_TABLE_CELL_MAX ||
        fb_text_check(c->text, c->len, &at) != FB_TEXT_OK ||
        (c->kind == FB_CELL_EMPTY) != (c->len == 0))
        return 1;
    if (c->kind == FB_CELL_BOOL && strcmp(c->text, "TRUE") != 0 && strcmp(c->text, "FALSE") != 0)
        return 1;
    char out[64];
    if ((c->kind == FB_CELL_NUMBER || c->kind == FB_CELL_DATE) &&
        fb_cell_decimal_round(c->text, c->len, 2, out, sizeof out, NULL) == FB_OK) {
        const char *dot = strrchr(out, '.');
        if (!dot || strlen(dot) != 3) return 1;
    }
    int32_t days = 0;
    if (c->kind == FB_CELL_DATE && fb_cell_serial_date(c->text, c->len, false, &days, NULL) == 0 &&
        days > fb_date_from_ymd(9999, 12, 31))
        return 1;
    return 0;
}

static int xlsxf_read(fb_table *t, bool header) {
    fb_table_row row;
    uint64_t last = 0;
    int r = header ? fb_table_header(t, &row) : fb_table_next(t, &row);
    for (; r == 1; r = fb_table_next(t, &row)) {
        uint32_t width = fb_table_header_row(t)->count;
        if (row.number <= last || row.number > FB_XLSX_ROWS_MAX) return 1;
        if ((width && row.count != width) || (header && width == 0)) return 1;
        for (uint32_t i = 0; i < row.count; i++)
            if (xlsxf_check_cell(&row.cells[i], i + 1)) return 1;
        last = row.number;
    }
    if (r < 0) {
        const fb_table_error *e = fb_table_last_error(t);
        if (e->code != r || !e->message[0] || fb_table_next(t, &row) != r) return 1;
    }
    return 0;
}

/* Splits text at lines "----" into up to XLSXF_PARTS parts. Returns their count. */
static size_t xlsxf_split(const char *text, size_t size, const char **part, size_t *len) {
    size_t n = 0, start = 0;
    for (size_t i = 0; i + 6 <= size && n < XLSXF_PARTS - 1; i++) {
        if (memcmp(text + i, "\n----\n", 6) == 0) {
            part[n] = text + start;
            len[n++] = i - start;
            start = i + 6;
            i += 5;
        }
    }
    part[n] = text + start;
    len[n++] = size - start;
    return n;
}

/* A workbook of the parts given as text. */
static uint8_t *xlsxf_zip(const char *text, size_t size, size_t *zip_size) {
    const char *part[XLSXF_PARTS];
    size_t len[XLSXF_PARTS];
    size_t n = xlsxf_split(text, size, part, len);
    static const char *names[XLSXF_PARTS] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                             "xl/styles.xml", "xl/workbook.xml"};
    xpart parts[3 + XLSXF_PARTS] = {
        {"_rels/.rels", XLSX_RELS, 0, true, false},
        {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, true, false},
    };
    size_t k = 2;
    for (size_t i = 0; i < n; i++) /* an empty part is stored as one space: libzip's 0 is strlen */
        parts[k++] = (xpart){names[i], len[i] ? part[i] : " ", len[i] ? len[i] : 1, true, false};
    if (n < XLSXF_PARTS) parts[k++] = (xpart){"xl/workbook.xml", XLSX_WORKBOOK(""), 0, true, false};
    return xlsx_build(parts, k, zip_size);
}

int fb_fuzz_xlsx_one(const uint8_t *data, size_t size) {
    if (size == 0 || size > XLSXF_INPUT_MAX) return 0;
    bool parts = data[0] & 1, header = data[0] & 2;
    data++, size--;
    size_t zip_size = size;
    uint8_t *zip = parts ? xlsxf_zip((const char *)data, size, &zip_size) : NULL;
    if (parts && !zip) return 0; /* libzip could not write it: not the reader's */
    fb_table *t = NULL;
    fb_table_error err;
    int bad = 0, rc = fb_table_open_memory(zip ? zip : data, zip_size, "f.xlsx", NULL, &t, &err);
    if (rc != FB_OK) {
        bad = t != NULL || err.code != rc || !err.message[0];
    } else {
        bad = xlsxf_read(t, header);
        fb_table_close(t);
    }
    free(zip);
    return bad;
}

#ifdef FB_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fb_fuzz_xlsx_one(data, size)) abort();
    return 0;
}
#endif
