/* table_reader.h — rows of the files bank and government staff exchange: CSV (RFC 4180, UTF-8
 * or GB18030/GBK) and XLSX worksheets, read one row at a time.
 *
 * A table is opened on a file or a memory buffer; its kind is learnt from its content (a zip is a
 * workbook, an OLE container an encrypted workbook or an old .xls, anything else CSV), not from
 * its name. The caller reads rows with fb_table_next; fb_table_header makes the next row the
 * header, after which every row has exactly the header's cells. Rows before the header (a title
 * row) are read with fb_table_next.
 *
 * A cell's text is UTF-8 without NUL, exactly as the file holds it: a CSV cell's characters, an
 * XLSX number as the decimal text stored in its <v> ("1234.5600000000001"; core/cell_text.h
 * rounds it as text), a shared or inline string with its rich-text runs joined. Nothing is
 * converted through a binary float.
 *
 * Memory is bounded by include/finbridge/limits.h, never by the file: a row buffer that grows
 * with the largest row to at most FB_TABLE_ROW_MAX, the XLSX shared strings
 * (FB_XLSX_SHARED_BYTES_MAX), and fixed read buffers. Every limit is refused with FB_ELIMIT and a
 * message naming it.
 *
 * Errors name the file, the row and the column ("loans.csv, row 12, column C (本金): a quote left
 * open"); a read error is sticky: every later call returns it again. */
#ifndef FB_WIRE_TABLE_READER_H
#define FB_WIRE_TABLE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finbridge/core.h"

typedef enum fb_table_kind {
    FB_TABLE_CSV = 1,
    FB_TABLE_XLSX = 2,
} fb_table_kind;

typedef enum fb_table_encoding {
    FB_TABLE_ENCODING_AUTO = 0, /* CSV: valid UTF-8 is UTF-8, anything else GB18030 */
    FB_TABLE_ENCODING_UTF8,
    FB_TABLE_ENCODING_GB18030, /* GB18030, and so GBK and GB2312, its subsets */
} fb_table_encoding;

typedef struct fb_table_options {
    fb_table_encoding encoding; /* CSV only; an XLSX is always UTF-8 */
    const char *sheet;          /* XLSX: the worksheet's name; NULL for the first visible one */
} fb_table_options;

typedef enum fb_cell_kind {
    FB_CELL_EMPTY = 0, /* no value: text "" */
    FB_CELL_TEXT,      /* every CSV cell with text; an XLSX string */
    FB_CELL_NUMBER,    /* XLSX: a number, its text as stored */
    FB_CELL_DATE,  /* XLSX: a number in a date format: the serial as stored (fb_cell_serial_date) */
    FB_CELL_BOOL,  /* XLSX: "TRUE" or "FALSE", as Excel shows and writes to CSV */
    FB_CELL_ERROR, /* XLSX: a formula's error as stored ("#DIV/0!") */
} fb_cell_kind;

typedef struct fb_table_cell {
    const char *text; /* UTF-8 without NUL, NUL-terminated; valid until the next read */
    uint32_t len;     /* bytes of text */
    uint32_t column;  /* 1-based: A = 1 (fb_cell_column_name gives the letters) */
    fb_cell_kind kind;
} fb_table_cell;

typedef struct fb_table_row {
    uint64_t number; /* 1-based: the CSV record (as a spreadsheet shows it), the sheet row */
    uint32_t count;  /* cells; once a header is read, always the header's count */
    bool blank;      /* every cell empty */
    const fb_table_cell *cells; /* cells[i].column == i + 1; owned by the table */
} fb_table_row;

/* Longest error message, with the file's name, row, column and the header's name of it. */
#define FB_TABLE_MESSAGE_MAX 512

typedef struct fb_table_error {
    int code;          /* FB_EINVAL malformed, FB_ELIMIT a limit, FB_EIO, FB_ENOMEM, FB_ENOTFOUND */
    uint64_t row;      /* 1-based row at fault; 0 when the file as a whole is */
    uint32_t column;   /* 1-based column at fault; 0 when the row as a whole is */
    const char *limit; /* the limits.h name when code is FB_ELIMIT ("FB_TABLE_CELL_MAX"), or NULL */
    char message[FB_TABLE_MESSAGE_MAX]; /* "loans.csv, row 12, column C (本金): ..." */
} fb_table_error;

typedef struct fb_table fb_table;

/* Opens the file at path (a regular file) and reads what a table needs before its first row: the
 * kind; for a CSV file with FB_TABLE_ENCODING_AUTO, one pass over the file to learn whether it
 * is UTF-8; for an XLSX, the workbook, the sheet's relationships, its styles and shared strings.
 * opt may be NULL (auto, first sheet). The name in messages is path as given.
 * Returns FB_OK with *out (the caller frees it with fb_table_close), or an error with err set and
 * *out NULL. */
int fb_table_open_file(const char *path, const fb_table_options *opt, fb_table **out,
                       fb_table_error *err);

/* The same over data[0..size), which the caller keeps unchanged until fb_table_close; name is
 * used in messages (copied). For tests and fuzzing, and for bodies received whole. */
int fb_table_open_memory(const void *data, size_t size, const char *name,
                         const fb_table_options *opt, fb_table **out, fb_table_error *err);

/* What was opened: its kind, the encoding a CSV is read in (as detected or named), whether an
 * XLSX counts dates in the 1904 system, and the worksheet's name ("" for CSV). */
fb_table_kind fb_table_kind_of(const fb_table *t);
fb_table_encoding fb_table_encoding_of(const fb_table *t);
bool fb_table_date1904(const fb_table *t);
const char *fb_table_sheet_name(const fb_table *t);

/* Reads the next row into *row. Returns 1 with a row, 0 at the end of the table, or a negative
 * FB_E... code with fb_table_last_error set. The row's cells live in the table until the next
 * call. Work: linear in the bytes of the row (an XLSX row is filled to its last column). */
int fb_table_next(fb_table *t, fb_table_row *row);

/* Reads the next row as fb_table_next does and makes it the header: its cells are kept (their
 * names appear in messages), every later row has its count of cells (an XLSX row is filled with
 * empty cells; a CSV row of another count, or an XLSX value past the header's last column, is an
 * error), and trailing empty cells of an XLSX header row are not part of it. Once per table. */
int fb_table_header(fb_table *t, fb_table_row *row);

/* Makes the row fb_table_next has just read the header, as fb_table_header would have: for a
 * caller that learns which row is the header only by reading it (a title row above it). The row
 * must be the last read, and no header made yet. Returns 1 with *row, or the error. */
int fb_table_header_here(fb_table *t, fb_table_row *row);

/* How far the reading is: *done of *total bytes (a CSV file's; an XLSX sheet's XML, inflated of
 * declared), for a progress bar. */
void fb_table_progress(const fb_table *t, uint64_t *done, uint64_t *total);

/* The header's cells, once read (count 0 before). */
const fb_table_row *fb_table_header_row(const fb_table *t);

/* The last error a call on t returned (code FB_OK when none). */
const fb_table_error *fb_table_last_error(const fb_table *t);

/* Closes the file and frees everything t owns. NULL is allowed. */
void fb_table_close(fb_table *t);

#endif
