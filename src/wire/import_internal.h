/* import_internal.h — the insides of the import's files: a template is a table of columns over a
 * row struct, each column a header (Chinese and English), the field name the book's outcomes
 * use, a type that says how its cell's text is read, and where in the row it goes; a kind
 * submits its rows to the book in batches. */
#ifndef FB_WIRE_IMPORT_INTERNAL_H
#define FB_WIRE_IMPORT_INTERNAL_H

#include <stddef.h>

#include "wire/import.h"

/* How a column's cell is read. */
typedef enum fb__icol_type {
    FB__IC_IGNORE = 0, /* derived by finbridge (a name, a city, a flag): accepted, not read */
    FB__IC_TEXT,       /* char[]: the text, trimmed */
    FB__IC_ID,         /* char[]: an id (A-Z a-z 0-9 . _ : -) */
    FB__IC_MONEY,      /* int64_t fen: yuan with at most two decimals (thousands separators) */
    FB__IC_DATE,       /* int32_t: YYYY-MM-DD (or YYYY/M/D, YYYYMMDD), or a sheet's date */
    FB__IC_INT,        /* int32_t: a whole number, negative allowed */
    FB__IC_COUNT,      /* int64_t: a whole number, 0 or more */
    FB__IC_RATE,       /* int64_t rate_e6: a percent with at most four decimals ("3.4500") */
    FB__IC_BOOL,       /* bool: 是/否, true/false, Y/N, 1/0 */
    FB__IC_TERM,       /* int: a term of `vocab`, by its key or its Chinese or English label */
    FB__IC_REGION,     /* int32_t: a 6-digit division code, or a Liaoning city's name */
    FB__IC_INDUSTRY,   /* int: a GB/T 4754-2017 class, four digits */
    FB__IC_KIND,       /* int: a template's name or title (the control file's 记录类型) */
} fb__icol_type;

typedef struct fb__icol {
    const char *zh, *en; /* the headers accepted (a unit in brackets after zh may be left off) */
    const char *field;   /* the name the book's outcomes give (NULL: the header's en) */
    fb__icol_type type;
    size_t offset, size; /* in the kind's row */
    int vocab;           /* FB__IC_TERM */
    bool required;
} fb__icol;

#define FB__ICOL(T, m, zh, en, type, req)                                                          \
    { zh, en, NULL, type, offsetof(T, m), sizeof(((T *)0)->m), 0, req }
#define FB__ITERM(T, m, zh, en, vocab, req)                                                        \
    { zh, en, NULL, FB__IC_TERM, offsetof(T, m), sizeof(((T *)0)->m), vocab, req }
#define FB__IGNORE(zh, en)                                                                         \
    { zh, en, NULL, FB__IC_IGNORE, 0, 0, 0, false }

/* The cells a row gave (bit i: column i of the template held something). */
typedef struct fb__given {
    uint64_t bits[4];
} fb__given;
bool fb__given_has(const fb__given *g, size_t column);

/* Where a column's outcome goes in the rejects file: the book's field for a column. */
typedef struct fb__ikind {
    const char *name, *title;
    const fb__icol *cols;
    size_t n_cols;
    size_t row_size;
    /* Sets a row's defaults (what a blank cell leaves). */
    void (*init)(void *row);
    /* Finishes a decoded row: what follows from several cells; FB_EINVAL with *field and why. */
    int (*finish)(void *row, const fb__given *given, const char **field, char *why, size_t cap);
    /* Hands n rows to the book: one outcome each (NULL for the kinds a run does not write). */
    int (*submit)(fb_import *im, void *rows, size_t n, fb_import_outcome *out);
    /* The control totals of a row: the amount and the overdue it counts. */
    void (*totals)(const void *row, int64_t *amount, int64_t *overdue);
} fb__ikind;

extern const fb__ikind fb__ikinds[FB_IMPORT_KIND_COUNT_];
_Static_assert(FB_IMPORT_KIND_COUNT_ <= 16, "a control row names one kind");

/* Decodes one cell of column c into row (import_cells.c): FB_OK, or FB_EINVAL with why (cap)
 * saying what is wrong with its text. A blank cell leaves the row as it is. */
int fb__icell_read(const fb__icol *c, const fb_table_cell *cell, bool date1904, void *row,
                   char *why, size_t cap);
/* Whether a header cell names column c (its Chinese, with or without its unit, or its English,
 * any case, spaces and hyphens as underscores). */
bool fb__icol_named(const fb__icol *c, const char *header);
/* The kind a name or a title names, or -1. */
int fb__ikind_named(const char *text);

/* The control file's row (import_columns.c). */
typedef struct fb__control_row {
    int kind; /* fb_import_kind */
    int64_t count, amount_fen, overdue_fen;
    const char *file; /* where it was read (set by the reader): the report's path */
    uint64_t row;
} fb__control_row;

/* The reconciliation's row: a loan's balances as the core system holds them. */
typedef struct fb__balance_row {
    char loan[FB_LOAN_ID_MAX + 1];
    int64_t principal_fen, principal_overdue_fen, interest_overdue_fen;
    int loan_class; /* -1 not given */
} fb__balance_row;

#endif
