/* readers.h — what the table readers' tests share (test_readers.c, test_readers_xlsx.c,
 * bench/readers.c, tests/fuzz/fuzz_xlsx.c): a workbook built from its parts with libzip, in
 * memory or in a file; a table read whole into one string to compare; peak memory. */
#ifndef FB_TEST_READERS_H
#define FB_TEST_READERS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <zip.h>

#include "wire/table_reader.h"

/* A part of a workbook: its name, its bytes (or a file's path when from_file), and whether it is
 * stored rather than deflated. */
typedef struct {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
    bool store;
    bool from_file;
} xpart;

/* Adds parts to za; false on failure. The parts' bytes must live until zip_close. */
static bool xlsx_add(zip_t *za, const xpart *parts, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const xpart *p = &parts[i];
        zip_source_t *s =
            p->from_file ? zip_source_file(za, p->data, 0, -1)
                         : zip_source_buffer(za, p->data, p->len ? p->len : strlen(p->data), 0);
        if (!s) return false;
        zip_int64_t idx = zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(s);
            return false;
        }
        zip_set_file_compression(za, (zip_uint64_t)idx, p->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 p->store ? 0 : 1);
    }
    return true;
}

/* A zip of the parts in a new buffer (the caller frees it), or NULL. */
__attribute__((unused)) static uint8_t *xlsx_build(const xpart *parts, size_t n, size_t *size) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!src) return NULL;
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    uint8_t *out = NULL;
    if (za && xlsx_add(za, parts, n) && zip_close(za) == 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t len = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        out = len > 0 ? malloc((size_t)len) : NULL;
        if (out && zip_source_read(src, out, (zip_uint64_t)len) != len) {
            free(out);
            out = NULL;
        }
        *size = (size_t)len;
        zip_source_close(src);
    } else if (za) {
        zip_discard(za);
    }
    zip_source_free(src);
    return out;
}

/* A zip of the parts written to path; false on failure. */
__attribute__((unused)) static bool xlsx_build_file(const char *path, const xpart *parts,
                                                    size_t n) {
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za) return false;
    if (!xlsx_add(za, parts, n)) {
        zip_discard(za);
        return false;
    }
    return zip_close(za) == 0;
}

/* The package and workbook parts around a sheet: _rels/.rels, the workbook with one sheet named
 * name (date1904 when asked), its relationships (with shared strings and styles when given). */
#define XLSX_RELS                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                    \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "        \
    "Id=\"rId1\" "                                                                                 \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" " \
    "Target=\"xl/workbook.xml\"/></Relationships>"
#define XLSX_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define XLSX_R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XLSX_WORKBOOK(pr)                                                                          \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " XLSX_NS " " XLSX_R_NS ">" pr            \
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define XLSX_REL(id, type, target)                                                                 \
    "<Relationship Id=\"" id "\" "                                                                 \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" type "\" "       \
    "Target=\"" target "\"/>"
#define XLSX_WORKBOOK_RELS                                                                         \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                    \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" XLSX_REL(            \
        "rId1", "worksheet", "worksheets/sheet1.xml")                                              \
        XLSX_REL("rId2", "sharedStrings", "sharedStrings.xml")                                     \
            XLSX_REL("rId3", "styles", "styles.xml") "</Relationships>"
#define XLSX_SHEET(rows)                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " XLSX_NS "><sheetData>" rows            \
    "</sheetData></worksheet>"

/* A workbook of one sheet (sheet_xml), with shared strings and styles when not NULL. */
__attribute__((unused)) static uint8_t *xlsx_simple(const char *sheet_xml, size_t sheet_len,
                                                    const char *strings, const char *styles,
                                                    size_t *size) {
    xpart parts[5] = {
        {"_rels/.rels", XLSX_RELS, 0, false, false},
        {"xl/workbook.xml", XLSX_WORKBOOK(""), 0, false, false},
        {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false, false},
        {"xl/worksheets/sheet1.xml", sheet_xml, sheet_len, false, false},
    };
    size_t n = 4;
    if (strings) parts[n++] = (xpart){"xl/sharedStrings.xml", strings, 0, false, false};
    if (styles) parts[n++] = (xpart){"xl/styles.xml", styles, 0, false, false};
    return xlsx_build(parts, n, size);
}

/* Reads the rest of t into a new string (the caller frees it): one line per row, "N:" and the
 * cells joined by '|'; a cell of an XLSX that is not text is marked: #number @date ?bool !error.
 * With header, the first row read is the header. *rc is the last read's return. */
__attribute__((unused)) static char *dump_table(fb_table *t, bool header, int *rc) {
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    fb_table_row row;
    int r = header ? fb_table_header(t, &row) : fb_table_next(t, &row);
    for (; r == 1; r = fb_table_next(t, &row)) {
        for (uint32_t i = 0; i <= row.count; i++) {
            const char *text = i < row.count ? row.cells[i].text : "";
            if (len + strlen(text) + 32 > cap) out = realloc(out, cap *= 2);
            if (i == 0) len += (size_t)sprintf(out + len, "%llu:", (unsigned long long)row.number);
            if (i == row.count) break;
            static const char marks[] = {0, 0, '#', '@', '?', '!'};
            char mark = marks[row.cells[i].kind];
            len += (size_t)sprintf(out + len, "%s%s%s", i ? "|" : "", mark ? (char[]){mark, 0} : "",
                                   text);
        }
        out[len++] = '\n';
        out[len] = '\0';
    }
    *rc = r;
    return out;
}

/* The process's peak resident memory in KiB. */
__attribute__((unused)) static long peak_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

#endif
