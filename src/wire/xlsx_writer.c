/* xlsx_writer.c — the XLSX sheet of an export, written with libxlsxwriter in constant-memory mode
 * (each row goes to a temporary file as it is finished; memory stays the same for a million
 * rows): a title row (the kind, the book, the date, the scope, the unit, the source), a frozen
 * header row with a filter, number cells in yuan with #,##0.00, counts as integers, percents
 * with their decimals, dates as date cells, and column widths that fit what was written. A table
 * longer than a sheet (1,048,576 rows) goes on in a next sheet with the same title and header.
 *
 * Why a money cell's number is exact. A cell holds an IEEE 754 double, and libxlsxwriter writes
 * it into the sheet's XML as printf's "%.16G". For an amount of f fen with |f| <= M =
 * FB_XLSX_MONEY_MAX_FEN = 10^15 - 1 (x = f / 100 yuan, |x| < 10^13 < 2^44):
 *   1. (double)f is exact, since |f| < 2^53.
 *   2. d = (double)f / 100.0 is the double nearest x (IEEE division rounds correctly), so
 *      |d - x| <= ulp(x) / 2 <= 2^(43-52) / 2 = 2^-10 < 0.001 yuan.
 *   3. The XML text t is d to 16 significant digits: |t - d| <= 0.5 x 10^(12-15) = 0.0005.
 *      So |t - x| < 0.0015 < 0.005: rounding t to two decimals gives x exactly, whether a reader
 *      rounds the text or the double nearest it (within 2^-10 of t again): "%.2f", the cell's
 *      format #,##0.00, and gnumeric's ssconvert all give back the fen (tests/test_export.c
 *      reads every exported file back and compares the strings).
 *   4. A spreadsheet keeps 15 significant digits (Excel does) and x has at most 15. With E the
 *      exponent of x's leading digit, |t - x| <= 0.5 x 10^(E-15) + 2^-53 |x|
 *      < 10^(E-15) x (0.5 + 1.12) < 0.5 x 10^(E-14), half a unit in x's 15th digit: the 15
 *      digits Excel keeps are x's.
 * Why not 2^53 fen, where doubles stop holding every integer: from 2^46 yuan (about 7.04 x 10^15
 * fen) the doubles near x are 2^-6 = 0.015625 yuan apart, the nearest can be 0.0078 away, and two
 * decimals then name the neighbouring fen: 7,036,874,417,766,401 fen (70,368,744,177,664.01 yuan)
 * becomes 70368744177664.02. And an amount of 16 digits is more than a spreadsheet shows. So the
 * bound is 15 digits, and a larger amount is written as text (exact; counted, with a note under
 * the table). Counts and percents are integers or decimals far inside the same bound. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/assert.h"
#include "wire/export_table.h"

/* Columns one sheet can have here (the widest kind has under 40). */
enum { XLSX_COLUMNS_MAX = 64, WIDTH_MIN = 6, WIDTH_MAX = 60 };
/* The first data row: row 0 is the title, row 1 the header. */
enum { FIRST_DATA_ROW = 2 };

/* Rows a sheet holds: Excel's 1,048,576. A variable only so that a test can lower it and see the
 * next sheet begin without writing a million rows. */
uint32_t fb__xlsx_sheet_rows = LXW_ROW_MAX;

/* The days from Excel's day 0 (1899-12-30 in the 1900 date system) to 1970-01-01. */
#define EXCEL_EPOCH_1970 25569

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *title, *header, *money, *count, *number, *percent2, *percent4, *date, *code,
        *money_text;
    const fb__sheet_head *head;
    lxw_row_t row; /* the row being written */
    size_t col;
    unsigned width[XLSX_COLUMNS_MAX]; /* the widest cell of each column, in character cells */
} xlsx;

/* The display width of UTF-8 text: a character of three or four bytes (Chinese) is two cells. */
static unsigned text_width(const char *s) {
    unsigned w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue;
        w += *p >= 0xE0 ? 2 : 1;
    }
    return w;
}

static void widen(xlsx *x, size_t col, unsigned w) {
    if (col < XLSX_COLUMNS_MAX && w > x->width[col]) x->width[col] = w;
}

static lxw_format *number_format(lxw_workbook *wb, const char *num_format) {
    lxw_format *f = workbook_add_format(wb);
    if (f) format_set_num_format(f, num_format);
    return f;
}

static int formats(xlsx *x) {
    x->title = workbook_add_format(x->wb);
    x->header = workbook_add_format(x->wb);
    x->money_text = workbook_add_format(x->wb);
    x->code = workbook_add_format(x->wb);
    if (!x->title || !x->header || !x->money_text || !x->code) return FB_ENOMEM;
    format_set_bold(x->title);
    format_set_font_size(x->title, 12);
    format_set_bold(x->header);
    format_set_bg_color(x->header, 0xDDEBF7);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    format_set_align(x->header, LXW_ALIGN_CENTER);
    format_set_align(x->money_text, LXW_ALIGN_RIGHT);
    format_set_num_format(x->code, "@");
    x->money = number_format(x->wb, "#,##0.00");
    x->count = number_format(x->wb, "#,##0");
    x->number = number_format(x->wb, "0");
    x->percent2 = number_format(x->wb, "0.00");
    x->percent4 = number_format(x->wb, "0.0000");
    x->date = number_format(x->wb, "yyyy-mm-dd");
    return x->money && x->count && x->number && x->percent2 && x->percent4 && x->date ? FB_OK
                                                                                      : FB_ENOMEM;
}

static int lxw_failed(fb__sheet *s, lxw_error e, const char *what) {
    snprintf(s->error, sizeof s->error, "%s: %s", what, lxw_strerror(e));
    return e == LXW_ERROR_MEMORY_MALLOC_FAILED ? FB_ENOMEM : FB_EIO;
}

/* A new sheet with the title and the header; the next one's name carries its number. */
static int add_sheet(fb__sheet *s) {
    xlsx *x = s->impl;
    char name[96];
    if (s->sheets == 0) {
        snprintf(name, sizeof name, "%s", x->head->name);
    } else {
        snprintf(name, sizeof name, "%s (%u)", x->head->name, s->sheets + 1);
    }
    x->ws = workbook_add_worksheet(x->wb, name);
    if (!x->ws) return lxw_failed(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a sheet");
    s->sheets++;
    memset(x->width, 0, sizeof x->width);
    lxw_error e = worksheet_write_string(x->ws, 0, 0, x->head->title, x->title);
    for (size_t i = 0; e == LXW_NO_ERROR && i < x->head->n_columns; i++) {
        e = worksheet_write_string(x->ws, 1, (lxw_col_t)i, x->head->headers[i], x->header);
        widen(x, i, text_width(x->head->headers[i]) + 2); /* the header's filter button */
    }
    if (e != LXW_NO_ERROR) return lxw_failed(s, e, "writing the header");
    worksheet_freeze_panes(x->ws, FIRST_DATA_ROW, 0);
    x->row = FIRST_DATA_ROW;
    return FB_OK;
}

/* Sets the widths found and the header's filter over the rows written. */
static int finish_sheet(fb__sheet *s) {
    xlsx *x = s->impl;
    for (size_t i = 0; i < x->head->n_columns && i < XLSX_COLUMNS_MAX; i++) {
        unsigned w = x->width[i] + 2;
        w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
        worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, (double)w, NULL);
    }
    if (x->head->n_columns == 0) return FB_OK;
    lxw_row_t last = x->row > FIRST_DATA_ROW ? x->row - 1 : FIRST_DATA_ROW - 1;
    lxw_error e = worksheet_autofilter(x->ws, FIRST_DATA_ROW - 1, 0, last,
                                       (lxw_col_t)(x->head->n_columns - 1));
    return e == LXW_NO_ERROR ? FB_OK : lxw_failed(s, e, "setting the filter");
}

static int xlsx_open(fb__sheet *s, const char *path, const fb__sheet_head *head) {
    FB_ASSERT(s != NULL && path != NULL && head != NULL);
    FB_ASSERT(fb__xlsx_sheet_rows > FIRST_DATA_ROW + 1 && fb__xlsx_sheet_rows <= LXW_ROW_MAX);
    if (head->n_columns > XLSX_COLUMNS_MAX) {
        snprintf(s->error, sizeof s->error, "more than %d columns", XLSX_COLUMNS_MAX);
        return FB_ELIMIT;
    }
    /* libxlsxwriter writes the file only when it closes: find out now that it can. */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        snprintf(s->error, sizeof s->error, "cannot create the file: %s", FB_ERRNO_TEXT(errno));
        return FB_EIO;
    }
    fclose(probe);
    xlsx *x = calloc(1, sizeof *x);
    if (!x) return FB_ENOMEM;
    lxw_workbook_options options = {
        .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    x->wb = workbook_new_opt(path, &options);
    x->head = head;
    s->impl = x;
    if (!x->wb) return lxw_failed(s, LXW_ERROR_MEMORY_MALLOC_FAILED, "starting the workbook");
    lxw_doc_properties props = {.title = (char *)(uintptr_t)head->name,
                                .author = (char *)(uintptr_t) "finbridge",
                                .comments = (char *)(uintptr_t)head->title};
    workbook_set_properties(x->wb, &props);
    int rc = formats(x);
    return rc ? rc : add_sheet(s);
}

/* A number cell; beyond what a spreadsheet holds exactly, its exact text instead. */
static lxw_error number_cell(fb__sheet *s, xlsx *x, lxw_col_t col, const fb__cell *c, lxw_format *f,
                             double divisor) {
    char buf[FB__CELL_TEXT_MAX];
    const char *text = fb__cell_plain(c, buf);
    unsigned w = text_width(text);
    if (c->kind == FB__CELL_MONEY || c->kind == FB__CELL_COUNT) w += w / 3; /* separators */
    widen(x, col, w);
    if (c->value > FB_XLSX_MONEY_MAX_FEN || c->value < -FB_XLSX_MONEY_MAX_FEN) {
        s->money_as_text++;
        return worksheet_write_string(x->ws, x->row, col, text, x->money_text);
    }
    return worksheet_write_number(x->ws, x->row, col, (double)c->value / divisor, f);
}

static int xlsx_cell(fb__sheet *s, size_t col, const fb__cell *c) {
    xlsx *x = s->impl;
    FB_ASSERT(x != NULL && col == x->col && col < XLSX_COLUMNS_MAX);
    if (col == 0 && x->row >= fb__xlsx_sheet_rows) {
        int rc = finish_sheet(s);
        if (rc == FB_OK) rc = add_sheet(s);
        if (rc) return rc;
    }
    x->col++;
    lxw_col_t k = (lxw_col_t)col;
    lxw_error e = LXW_NO_ERROR;
    char buf[FB__CELL_TEXT_MAX];
    switch (c->kind) {
    case FB__CELL_BLANK: break;
    case FB__CELL_TEXT:
        widen(x, col, text_width(c->text));
        e = worksheet_write_string(x->ws, x->row, k, c->text, NULL);
        break;
    case FB__CELL_CODE:
        widen(x, col, (unsigned)strlen(fb__cell_plain(c, buf)));
        e = worksheet_write_string(x->ws, x->row, k, buf, x->code);
        break;
    case FB__CELL_MONEY: e = number_cell(s, x, k, c, x->money, 100.0); break;
    case FB__CELL_COUNT: e = number_cell(s, x, k, c, x->count, 1.0); break;
    case FB__CELL_NUMBER: e = number_cell(s, x, k, c, x->number, 1.0); break;
    case FB__CELL_DECIMAL:
        e = number_cell(s, x, k, c, c->places == 4 ? x->percent4 : x->percent2,
                        c->places == 4 ? 10000.0 : 100.0);
        break;
    case FB__CELL_DATE:
        widen(x, col, 10);
        e = worksheet_write_number(x->ws, x->row, k, (double)(c->value + EXCEL_EPOCH_1970),
                                   x->date);
        break;
    }
    return e == LXW_NO_ERROR ? FB_OK : lxw_failed(s, e, "writing a cell");
}

static int xlsx_end_row(fb__sheet *s) {
    xlsx *x = s->impl;
    FB_ASSERT(x != NULL && x->col == x->head->n_columns);
    x->col = 0;
    x->row++;
    return FB_OK;
}

static int xlsx_close(fb__sheet *s, const char *note) {
    xlsx *x = s->impl;
    FB_ASSERT(x != NULL);
    /* The filter first: in constant-memory mode nothing can name a row above the last written. */
    int rc = finish_sheet(s);
    if (rc == FB_OK && note && x->row + 1 >= fb__xlsx_sheet_rows) rc = add_sheet(s);
    if (rc == FB_OK && note) {
        lxw_error e = worksheet_write_string(x->ws, x->row + 1, 0, note, NULL);
        if (e != LXW_NO_ERROR) rc = lxw_failed(s, e, "writing the note");
    }
    lxw_error e = workbook_close(x->wb);
    if (rc == FB_OK && e != LXW_NO_ERROR) rc = lxw_failed(s, e, "writing the workbook");
    free(x);
    s->impl = NULL;
    return rc;
}

static void xlsx_abandon(fb__sheet *s) {
    xlsx *x = s->impl;
    if (!x) return;
    /* Closing is the only way to free a workbook; the driver removes what it wrote. */
    if (x->wb) workbook_close(x->wb);
    free(x);
    s->impl = NULL;
}

const fb__sheet_ops fb__xlsx_ops = {xlsx_open, xlsx_cell, xlsx_end_row, xlsx_close, xlsx_abandon};
