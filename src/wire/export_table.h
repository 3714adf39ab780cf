/* export_table.h — the insides of the exports: a kind is a table of columns over a source of
 * rows; a cell is what a column makes of a row; a sheet is where cells are written (CSV or XLSX).
 *
 * A new kind (a report the regulator asks for) is one table of columns and one function that
 * opens its rows: a report's rows come from the book's report function as an array
 * (fb__rows_array), a record kind's from keyset pages of ids and a fetch of each
 * (fb__rows_records). Nothing else changes: the driver (export.c) and the writers take any kind. */
#ifndef FB_WIRE_EXPORT_TABLE_H
#define FB_WIRE_EXPORT_TABLE_H

#include <stddef.h>

#include "wire/export.h"

/* ---- Columns ------------------------------------------------------------------------------ */

/* What a column's field holds, and so how it is written. */
typedef enum fb__col_type {
    FB__COL_TEXT,     /* char[]: the text as it is */
    FB__COL_MONEY,    /* int64_t fen: yuan with two decimals */
    FB__COL_COUNT,    /* int64_t: a count (loans, borrowers) */
    FB__COL_NUMBER,   /* int32_t: a plain number (an installment's number, months, staff) */
    FB__COL_RATE,     /* int64_t rate_e6: a percent with four decimals (3.4500) */
    FB__COL_PERCENT,  /* int64_t hundredths of a percent: a percent with two decimals */
    FB__COL_DATE,     /* int32_t days since 1970-01-01; 0 is blank */
    FB__COL_TERM,     /* int: a value of the column's vocabulary, written as its Chinese label */
    FB__COL_TERM_KEY, /* char[]: a key of the column's vocabulary ("" = its "none"), its label */
    FB__COL_CITY,     /* int32_t: a city's or the province's Chinese name (fb_region_name_zh) */
    FB__COL_CODE,     /* int32_t: a code (a division code) written as text; 0 is blank */
    FB__COL_INDUSTRY, /* int: a GB/T 4754-2017 class, its four digits as text */
    FB__COL_BOOL,     /* bool: 是 or 否 */
    FB__COL_VERDICT,  /* int: 1 是, 0 否, -1 blank (no base to compare with) */
    FB__COL_TARGET,   /* fb__target_value: a target's figure, typed by its measure */
} fb__col_type;

/* A target's figure: fen, a count, a rate in e6 or a ratio in e8, by its measure. */
typedef struct fb__target_value {
    int64_t value;
    int measure; /* fb_measure */
} fb__target_value;

typedef struct fb__column {
    const char *zh;    /* the header: Chinese, with the unit where one is needed */
    fb__col_type type; /* what the field holds */
    size_t offset;     /* of the field in the kind's row */
    int vocab;         /* FB__COL_TERM, FB__COL_TERM_KEY: the fb_vocab */
    unsigned needs;    /* shown only when the request's dims hold these FB_BY_ bits */
    size_t hide;       /* 0, or 1 + the offset of a bool in the row that, set, blanks the cell (a
                          small cell kept from the government) */
} fb__column;

/* The size a field of each type must have: a column's macro checks it at compile time, so that
 * a table cannot read an int32_t as an int64_t. */
#define FB__SIZE_MONEY sizeof(int64_t)
#define FB__SIZE_COUNT sizeof(int64_t)
#define FB__SIZE_NUMBER sizeof(int32_t)
#define FB__SIZE_RATE sizeof(int64_t)
#define FB__SIZE_PERCENT sizeof(int64_t)
#define FB__SIZE_DATE sizeof(int32_t)
#define FB__SIZE_TERM sizeof(int)
#define FB__SIZE_CITY sizeof(int32_t)
#define FB__SIZE_CODE sizeof(int32_t)
#define FB__SIZE_INDUSTRY sizeof(int)
#define FB__SIZE_BOOL sizeof(bool)
#define FB__SIZE_VERDICT sizeof(int)
#define FB__SIZE_TARGET sizeof(fb__target_value)
/* 0, or a compile error when cond is false. */
#define FB__CHECK(cond) (0 * sizeof(char[(cond) ? 1 : -1]))
#define FB__FIELD(T, f, size) (offsetof(T, f) + FB__CHECK(sizeof(((T *)0)->f) == (size)))
#define FB__CHARS(T, f) (offsetof(T, f) + FB__CHECK(sizeof(((T *)0)->f[0]) == 1))

/* A column of row type T: FB__COL(T, MONEY, field, "header"); text; a term of a vocabulary; and
 * the same shown only when the request asks for the dimensions `by` (FB_BY_...). */
#define FB__COL(T, TYPE, f, zh)                                                                    \
    { zh, FB__COL_##TYPE, FB__FIELD(T, f, FB__SIZE_##TYPE), 0, 0, 0 }
/* A column blanked in a row whose bool field `hidden` is set (a government user's small cell). */
#define FB__COL_HIDDEN(T, TYPE, f, hidden, zh)                                                     \
    {                                                                                              \
        zh, FB__COL_##TYPE, FB__FIELD(T, f, FB__SIZE_##TYPE), 0, 0,                                \
            1 + FB__FIELD(T, hidden, sizeof(bool))                                                 \
    }
#define FB__TEXT(T, f, zh)                                                                         \
    { zh, FB__COL_TEXT, FB__CHARS(T, f), 0, 0, 0 }
#define FB__TERM(T, f, vocab, zh)                                                                  \
    { zh, FB__COL_TERM, FB__FIELD(T, f, FB__SIZE_TERM), vocab, 0, 0 }
#define FB__TERM_KEY(T, f, vocab, zh)                                                              \
    { zh, FB__COL_TERM_KEY, FB__CHARS(T, f), vocab, 0, 0 }
#define FB__COL_BY(by, T, TYPE, f, zh)                                                             \
    { zh, FB__COL_##TYPE, FB__FIELD(T, f, FB__SIZE_##TYPE), 0, by, 0 }
#define FB__TERM_BY(by, T, f, vocab, zh)                                                           \
    { zh, FB__COL_TERM, FB__FIELD(T, f, FB__SIZE_TERM), vocab, by, 0 }
#define FB__TERM_KEY_BY(by, T, f, vocab, zh)                                                       \
    { zh, FB__COL_TERM_KEY, FB__CHARS(T, f), vocab, by, 0 }

/* ---- Cells ---------------------------------------------------------------------------------- */

/* What a writer is given for one cell: its kind and its exact value. */
typedef enum fb__cell_kind {
    FB__CELL_BLANK,
    FB__CELL_TEXT,    /* text (UTF-8) */
    FB__CELL_MONEY,   /* value in fen */
    FB__CELL_COUNT,   /* value, an integer written with thousands separators */
    FB__CELL_NUMBER,  /* value, an integer */
    FB__CELL_DECIMAL, /* value / 10^places, written with exactly that many decimals */
    FB__CELL_DATE,    /* value in days since 1970-01-01 */
    FB__CELL_CODE,    /* value written as text of at least `places` digits (a code, a class) */
} fb__cell_kind;

typedef struct fb__cell {
    fb__cell_kind kind;
    const char *text; /* FB__CELL_TEXT; static or in the row */
    int64_t value;
    int places; /* FB__CELL_DECIMAL: decimals (2 or 4); FB__CELL_CODE: digits */
} fb__cell;

/* The cell a column makes of a row (its labels from the vocabulary, never a copy of them). */
void fb__column_cell(const fb__column *c, const void *row, fb__cell *out);
/* The exact text of a number cell, as CSV writes it: "1234.56", "-7", "3.4500", "2025-12-31".
 * buf holds at least FB__CELL_TEXT_MAX bytes. Returns buf. */
#define FB__CELL_TEXT_MAX 48
const char *fb__cell_plain(const fb__cell *c, char *buf);

/* ---- Sources of rows ------------------------------------------------------------------------ */

typedef struct fb__rows fb__rows;
struct fb__rows {
    /* Fills row (the kind's row_size bytes) with the next row: *got false at the end. */
    int (*next)(fb__rows *it, fb_book *book, void *row, bool *got);
    void (*close)(fb__rows *it);
    void *state;
    char scope[384]; /* what the rows cover beyond the date, for the title ("协议：A1") */
};

/* A record kind's fetch: fills row from the record with this id, or *skip when the record is not
 * in the export (dated after as_of). */
typedef int fb__fetch_fn(fb_book *book, const fb_export_request *q, const char *id, void *row,
                         bool *skip);
/* Rows over keyset pages of a kind of record, fetched one by one. */
int fb__rows_records(fb__rows *it, fb_page_kind page, fb__fetch_fn *fetch,
                     const fb_export_request *q);
/* Rows from an array of n rows of `size` bytes (a report's), which it takes and frees. */
int fb__rows_array(fb__rows *it, void *rows, size_t n, size_t size);

/* Opens a kind's rows for a request: FB_EINVAL with why (cap bytes) when refused. */
typedef int fb__open_fn(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                        size_t cap);

/* ---- Kinds ---------------------------------------------------------------------------------- */

typedef struct fb__kind {
    const char *name;  /* "loans": the command's KIND and the API's path */
    const char *title; /* "贷款明细": the title and the sheet's name */
    bool borrowers;    /* its rows name borrowers or their records */
    bool records;      /* its figures stand as the book holds them now (not a closed day) */
    size_t row_size;   /* bytes of one row */
    const fb__column *columns;
    size_t n_columns;
    fb__open_fn *open;
} fb__kind;

/* The kinds (export_records.c, export_reports.c). */
extern const fb__kind fb__kind_parties, fb__kind_facilities, fb__kind_loans, fb__kind_schedules,
    fb__kind_certificates, fb__kind_credit, fb__kind_inclusive, fb__kind_moves, fb__kind_exposures,
    fb__kind_progress, fb__kind_quality, fb__kind_provisions;

/* ---- Sheets: where the cells go ------------------------------------------------------------- */

/* The head of a sheet: its title line, name and headers. */
typedef struct fb__sheet_head {
    const char *title; /* one line: the kind, the book, the date, the unit, the source */
    const char *name;  /* the kind's title: the XLSX sheet's name */
    const char *const *headers;
    size_t n_columns;
} fb__sheet_head;

typedef struct fb__sheet fb__sheet;
typedef struct fb__sheet_ops {
    /* Creates the file at path and writes its head (kept by pointer: it must live until close). */
    int (*open)(fb__sheet *s, const char *path, const fb__sheet_head *head);
    int (*cell)(fb__sheet *s, size_t col, const fb__cell *c);
    int (*end_row)(fb__sheet *s);
    /* Finishes the file; note, when not NULL, goes under the table (XLSX). */
    int (*close)(fb__sheet *s, const char *note);
    /* Frees what open made when the export fails (the driver removes the file). */
    void (*abandon)(fb__sheet *s);
} fb__sheet_ops;

struct fb__sheet {
    const fb__sheet_ops *ops;
    void *impl;
    uint64_t money_as_text; /* amounts a writer could not write as numbers */
    unsigned sheets;
    char error[160]; /* why a write failed */
};

extern const fb__sheet_ops fb__csv_ops, fb__xlsx_ops;
/* Rows an XLSX sheet holds (1,048,576; a test lowers it to see the next sheet begin). */
extern uint32_t fb__xlsx_sheet_rows;

#endif
