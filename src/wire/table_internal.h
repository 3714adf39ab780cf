/* table_internal.h — what the table readers share (table_reader.c, table_csv.c, table_xlsx.c,
 * table_sheet.c): the table itself, its row buffer, the source of its bytes and the one way an
 * error is set. Nothing outside src/wire/table_*.c includes it. */
#ifndef FB_WIRE_TABLE_INTERNAL_H
#define FB_WIRE_TABLE_INTERNAL_H

#include <stdarg.h>
#include <sys/types.h>

#include "wire/table_reader.h"

/* Bytes read from a file (or inflated from a zip) at a time. */
#define FB__TABLE_CHUNK ((size_t)64 * 1024)

/* The file's name as messages show it. */
#define FB__TABLE_NAME_MAX 256

/* A row being read or kept: every cell's text, NUL-terminated, one after the other in `text`.
 * Both buffers grow by doubling up to their caps (FB_TABLE_ROW_MAX bytes of text and a NUL for
 * each of FB_TABLE_CELLS_MAX cells); when text moves, the finished cells are pointed at it again
 * (their texts are consecutive, so each starts where the previous one's NUL ends). */
typedef struct fb__row {
    char *text;           /* cap bytes */
    size_t cap;           /* at most FB_TABLE_ROW_MAX + FB_TABLE_CELLS_MAX */
    size_t used;          /* bytes of text and NULs so far */
    size_t text_bytes;    /* bytes of text alone, against FB_TABLE_ROW_MAX */
    size_t cell_start;    /* where the open cell's text begins in `text` */
    fb_table_cell *cells; /* cells_cap, at most FB_TABLE_CELLS_MAX */
    uint32_t cells_cap;
    uint32_t count;  /* cells finished */
    uint64_t number; /* the row's 1-based number in the file */
} fb__row;

typedef struct fb__csv fb__csv;
typedef struct fb__xlsx fb__xlsx;

struct fb_table {
    fb_table_kind kind;
    fb_table_encoding encoding;
    char name[FB__TABLE_NAME_MAX];
    int status;               /* sticky: FB_OK, or the error every later read returns */
    fb_table_error err;       /* the last error */
    fb__row row;              /* the row being read, or the last one read */
    fb__row header;           /* a copy of the header row, once read */
    fb_table_row header_view; /* what fb_table_header_row returns */
    uint32_t width;           /* the header's count of cells; 0 before the header */
    /* The bytes: a memory buffer, or a regular file. */
    const uint8_t *mem;
    size_t mem_size;
    int fd;             /* -1 for a memory buffer */
    uint64_t file_size; /* bytes of the file or buffer */
    fb__csv *csv;
    fb__xlsx *xlsx;
};

/* Sets t's error (code, row, column, limit name or NULL) with a message that begins with the
 * file's name, the row, the column's letters and its header name, as far as they are known (row
 * or column 0: not said). The error becomes sticky. Returns code. */
int fb__table_fail(fb_table *t, int code, uint64_t row, uint32_t column, const char *limit,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Reads up to n bytes at offset of the file or buffer. Returns the count (0 at the end), or -1
 * with errno set. */
ssize_t fb__table_pread(fb_table *t, void *buf, size_t n, uint64_t offset);

/* The row buffer. fb__row_start forgets the row and starts row `number`; fb__row_append adds
 * bytes to the open cell (FB_ELIMIT past a cell's or a row's limit); fb__row_end_cell finishes
 * the open cell with its kind, refusing text that is not UTF-8 or has a NUL; fb__row_empty_cell
 * adds an empty cell. Each returns FB_OK or the error set on t. */
void fb__row_start(fb__row *r, uint64_t number);
int fb__row_append(fb_table *t, const char *p, size_t n);
int fb__row_end_cell(fb_table *t, fb_cell_kind kind);
int fb__row_empty_cell(fb_table *t);

/* The backends: open reads what the first row needs (FB_OK or the error set on t); next reads a
 * row into t->row (1, 0 at the end, or the error); close frees what the backend holds. */
int fb__csv_open(fb_table *t);
int fb__csv_next(fb_table *t);
void fb__csv_close(fb_table *t);
int fb__xlsx_open(fb_table *t, const char *sheet);
int fb__xlsx_next(fb_table *t);
void fb__xlsx_close(fb_table *t);
bool fb__xlsx_date1904(const fb_table *t);
const char *fb__xlsx_sheet_name(const fb_table *t);
/* Bytes read so far: of a CSV file, and of a sheet's XML (inflated of declared). */
void fb__csv_progress(const fb_table *t, uint64_t *done);
void fb__xlsx_progress(const fb_table *t, uint64_t *done, uint64_t *total);
/* Refuses an OLE compound file: an encrypted (password-protected) workbook, or an old .xls. */
int fb__table_refuse_ole(fb_table *t);

#endif
