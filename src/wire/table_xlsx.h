/* table_xlsx.h — what the XLSX reader's files share: a part of the zip streamed through expat
 * with every guard (table_zip.c), the workbook's parts read at open (table_xlsx.c) and the
 * worksheet read row by row (table_sheet.c). Nothing outside src/wire/table_*.c includes it. */
#ifndef FB_WIRE_TABLE_XLSX_H
#define FB_WIRE_TABLE_XLSX_H

#include <expat.h>
#include <zip.h>

#include "wire/table_internal.h"

/* What a part's reader does with its XML: names are local (namespaces dropped), attributes as
 * expat gives them. A handler that finds a fault calls fb__part_fail. */
typedef struct fb__xml_handlers {
    void (*start)(void *ctx, const char *name, const char **attrs);
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *s, int len);
} fb__xml_handlers;

/* One part of the zip being inflated and parsed. */
typedef struct fb__part {
    fb_table *t;
    zip_file_t *file;
    char name[FB_XLSX_PATH_MAX];
    uint64_t declared;   /* uncompressed bytes the zip declares */
    uint64_t compressed; /* compressed bytes */
    uint64_t inflated;   /* bytes inflated so far */
    uint64_t limit;      /* FB_XLSX_SHEET_BYTES_MAX or FB_XLSX_PART_BYTES_MAX */
    const char *limit_name;
    XML_Parser xml;
    const fb__xml_handlers *handlers;
    void *ctx;
    int depth;      /* elements open */
    bool event;     /* a token completed since the last chunk */
    uint64_t quiet; /* bytes fed since a token last completed */
    bool suspended; /* paused by fb__part_pause, resumes on the next step */
    bool final;     /* the last chunk has been fed */
} fb__part;

/* The zip: checks its directory's size before libzip reads it, then opens it over the file or
 * the buffer. */
int fb__zip_open(fb_table *t, zip_t **out);
/* Whether the zip has an entry of this name (case-insensitively, as OPC names are). */
bool fb__zip_has(zip_t *za, const char *name);

/* Opens the part name of za for parsing: refuses one encrypted, compressed by a method other than
 * deflate, or declared over limit or over FB_XLSX_RATIO_MAX. FB_ENOTFOUND (no error set) when
 * there is no such part. */
int fb__part_open(fb_table *t, zip_t *za, const char *name, uint64_t limit, const char *limit_name,
                  const fb__xml_handlers *h, void *ctx, fb__part *p);
/* Feeds the next chunk (or resumes a pause). Returns 1 while more is to come, 0 when the part is
 * parsed to its end, or the error. */
int fb__part_step(fb__part *p);
/* Parses the whole part. Returns FB_OK or the error. */
int fb__part_parse(fb__part *p);
void fb__part_close(fb__part *p);
/* Fails the part from inside a handler: sets t's error and stops the parser. */
int fb__part_fail(fb__part *p, int code, uint64_t row, uint32_t column, const char *limit,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Pauses the parser after the current handler: the next fb__part_step resumes it. */
void fb__part_pause(fb__part *p);

/* The value of attribute `name` (local name) in expat's list, or NULL. */
const char *fb__xml_attr(const char **attrs, const char *name);

/* Decodes OOXML's escapes of characters XML cannot carry (_x000D_ a carriage return, _x005F_ a
 * "_") in s[0..len) in place. Returns the new length, never longer. */
size_t fb__xstring_decode(char *s, size_t len);

/* The shared strings, the cell formats that show dates, and the sheet being read. */
typedef struct fb__sheet {
    fb__part part;
    bool root_seen; /* the root element was a worksheet */
    bool in_data;   /* inside <sheetData> */
    bool in_row, in_cell, in_value, in_inline, in_text;
    int phonetic;         /* <rPh> open: its text is not the cell's */
    bool ready;           /* a row is complete and the parser paused */
    uint64_t last_row;    /* the previous row's number */
    uint32_t column;      /* the open cell's column */
    uint32_t last_column; /* the previous cell's column in the row */
    char type;            /* the open cell's t: 'n' number, 's' shared, 'b', 'e', 'i' inline,
                             'f' str (a formula's text), 'd' ISO date */
    bool date;            /* its style shows a date */
    char index[24];       /* a shared string's index or a boolean, as text */
    size_t index_len;
} fb__sheet;

struct fb__xlsx {
    zip_t *zip;
    bool date1904;
    char sheet_name[FB_XLSX_PATH_MAX];
    char *strings; /* the shared strings' text, one after the other */
    size_t strings_used, strings_cap;
    uint32_t *offsets; /* string i is strings[offsets[i] .. offsets[i + 1]) */
    size_t string_count, offsets_cap;
    uint8_t *xf_date; /* per cell format: 1 when it shows a date */
    uint32_t xf_count;
    fb__sheet sheet;
};

/* Reads the sheet's next row into t->row (table_sheet.c): 1, 0 at the end, or the error. */
int fb__sheet_next(fb_table *t);
/* Handlers of the sheet's XML, for fb__part_open. */
extern const fb__xml_handlers fb__sheet_handlers;

#endif
