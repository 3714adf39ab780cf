/* reconcile.c — `finbridge reconcile`: a core system's balance file (the balances template, or a
 * loans file with those columns among others) against the book, loan by loan on the business
 * date: loans the book does not have (missing), active loans of the book the file does not name
 * (extra), and for the others the principal, what is overdue (principal and interest) and the
 * class. Every difference is a row of the output (CSV or XLSX, by its name), the totals under
 * them; a loan that agrees is counted, not written. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "core/cell_text.h"
#include "wire/export_table.h"
#include "wire/import_internal.h"

static const char *const difference_names[FB_RECONCILE_COUNT_] = {"missing", "extra", "principal",
                                                                  "overdue", "class"};
static const char *const difference_zh[FB_RECONCILE_COUNT_] = {
    "本行无此贷款", "核心系统无此贷款", "本金余额不符", "逾期金额不符", "五级分类不符"};

const char *fb_reconcile_difference_name(fb_reconcile_difference d) {
    return (unsigned)d < FB_RECONCILE_COUNT_ ? difference_names[d] : "unknown";
}

static const char *const headers[] = {
    "贷款编号",           "差异类型",           "核心系统本金余额（元）",
    "本行本金余额（元）", "核心系统逾期（元）", "本行逾期（元）",
    "核心系统五级分类",   "本行五级分类",       "行号"};
enum { COLUMNS = sizeof headers / sizeof headers[0] };

typedef struct {
    fb_reconcile_report *report;
    fb__sheet sheet;
    bool open;
} out_file;

static int failed(fb_reconcile_report *r, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failed(fb_reconcile_report *r, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    fb_text_cut(r->error, sizeof r->error);
    return code;
}

static const char *class_label(int c) {
    size_t n = 0;
    const fb_term *t = fb_vocab_terms(FB_VOCAB_CLASS, &n);
    return c >= 0 && (size_t)c < n ? t[c].zh : NULL;
}

/* One line of the output: money cells, blank for what a side does not have. */
typedef struct {
    const char *loan, *kind;
    int64_t file_principal, book_principal, file_overdue, book_overdue; /* -1: blank */
    int file_class, book_class;                                         /* -1: blank */
    int64_t row;                                                        /* 0: blank */
} line_t;

static int write_line(out_file *o, const line_t *l) {
    fb__cell c[COLUMNS];
    memset(c, 0, sizeof c);
    c[0] = (fb__cell){FB__CELL_TEXT, l->loan, 0, 0};
    c[1] = (fb__cell){FB__CELL_TEXT, l->kind, 0, 0};
    const int64_t money[4] = {l->file_principal, l->book_principal, l->file_overdue,
                              l->book_overdue};
    for (int i = 0; i < 4; i++) {
        if (money[i] >= 0) c[2 + i] = (fb__cell){FB__CELL_MONEY, NULL, money[i], 0};
    }
    const char *fc = class_label(l->file_class), *bc = class_label(l->book_class);
    if (fc) c[6] = (fb__cell){FB__CELL_TEXT, fc, 0, 0};
    if (bc) c[7] = (fb__cell){FB__CELL_TEXT, bc, 0, 0};
    if (l->row) c[8] = (fb__cell){FB__CELL_NUMBER, NULL, l->row, 0};
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < COLUMNS; i++)
        rc = o->sheet.ops->cell(&o->sheet, i, &c[i]);
    if (rc == FB_OK) rc = o->sheet.ops->end_row(&o->sheet);
    return rc ? failed(o->report, rc, "writing the differences: %s", o->sheet.error) : FB_OK;
}

/* One loan of the file against the book: each difference a line. */
static int compare(out_file *o, fb_reconcile *rec, const fb__balance_row *b, uint64_t row) {
    fb_reconcile_report *r = o->report;
    bool found = false, repeated = false;
    fb_loan_position p;
    int rc = fb_reconcile_loan(rec, b->loan, &found, &repeated, &p);
    if (rc) return rc;
    if (repeated) {
        return failed(r, FB_EINVAL, "row %llu: loan %s is named twice in the file",
                      (unsigned long long)row, b->loan);
    }
    int64_t file_overdue = b->principal_overdue_fen + b->interest_overdue_fen;
    r->file_principal_fen += b->principal_fen;
    r->file_overdue_fen += file_overdue;
    line_t l = {b->loan,       NULL, b->principal_fen, -1, file_overdue, -1,
                b->loan_class, -1,   (int64_t)row};
    if (!found) {
        r->count[FB_RECONCILE_MISSING]++;
        l.kind = difference_zh[FB_RECONCILE_MISSING];
        return write_line(o, &l);
    }
    int64_t book_overdue = p.principal_overdue_fen + p.interest_overdue_fen;
    r->book_principal_fen += p.principal_fen;
    r->book_overdue_fen += book_overdue;
    l.book_principal = p.principal_fen;
    l.book_overdue = book_overdue;
    l.book_class = (int)p.loan_class;
    bool differs[3] = {b->principal_fen != p.principal_fen, file_overdue != book_overdue,
                       b->loan_class >= 0 && b->loan_class != (int)p.loan_class};
    bool any = false;
    for (int k = 0; rc == FB_OK && k < 3; k++) {
        if (!differs[k]) continue;
        any = true;
        r->count[FB_RECONCILE_PRINCIPAL + k]++;
        l.kind = difference_zh[FB_RECONCILE_PRINCIPAL + k];
        rc = write_line(o, &l);
    }
    r->matched += !any;
    return rc;
}

/* The book's active loans the file did not name. */
static int extras(out_file *o, fb_reconcile *rec, fb_book *book) {
    fb_list_id *ids = calloc(FB_PAGE_MAX, sizeof *ids);
    if (!ids) return FB_ENOMEM;
    char after[FB_ID_MAX + 1] = "";
    size_t n = FB_PAGE_MAX;
    int rc = FB_OK;
    while (rc == FB_OK && n == FB_PAGE_MAX) {
        rc = fb_reconcile_extras(rec, after, ids, FB_PAGE_MAX, &n);
        for (size_t i = 0; rc == FB_OK && i < n; i++) {
            fb_loan_position p;
            rc = fb_loan_position_get(book, ids[i], &p);
            if (rc) break;
            o->report->count[FB_RECONCILE_EXTRA]++;
            o->report->book_principal_fen += p.principal_fen;
            o->report->book_overdue_fen += p.principal_overdue_fen + p.interest_overdue_fen;
            line_t l = {ids[i], difference_zh[FB_RECONCILE_EXTRA],
                        -1,     p.principal_fen,
                        -1,     p.principal_overdue_fen + p.interest_overdue_fen,
                        -1,     (int)p.loan_class,
                        0};
            rc = write_line(o, &l);
        }
        if (n) memcpy(after, ids[n - 1], sizeof after);
    }
    free(ids);
    return rc;
}

/* The totals under the differences: one line a kind, then the balances on both sides. */
static int totals(out_file *o) {
    fb_reconcile_report *r = o->report;
    char text[FB_RECONCILE_COUNT_][80];
    int rc = FB_OK;
    for (int k = 0; rc == FB_OK && k < FB_RECONCILE_COUNT_; k++) {
        snprintf(text[k], sizeof text[k], "%s：%llu 笔", difference_zh[k],
                 (unsigned long long)r->count[k]);
        line_t l = {"合计", text[k], -1, -1, -1, -1, -1, -1, 0};
        rc = write_line(o, &l);
    }
    line_t all = {"合计",
                  "余额",
                  r->file_principal_fen,
                  r->book_principal_fen,
                  r->file_overdue_fen,
                  r->book_overdue_fen,
                  -1,
                  -1,
                  0};
    return rc ? rc : write_line(o, &all);
}

/* Columns of a balance file read (a loans file has some forty). */
enum { COLUMNS_MAX = 128 };

/* Whether a row names every required column of the balances; map[i]: the column of cell i. */
static bool holds_balances(const fb__ikind *k, const fb_table_row *row, int *map) {
    for (uint32_t i = 0; i < row->count; i++) {
        map[i] = -1;
        for (size_t c = 0; c < k->n_cols && map[i] < 0; c++) {
            if (fb__icol_named(&k->cols[c], row->cells[i].text)) map[i] = (int)c;
        }
    }
    for (size_t c = 0; c < k->n_cols; c++) {
        bool seen = false;
        for (uint32_t i = 0; i < row->count; i++)
            seen = seen || map[i] == (int)c;
        if (!seen && k->cols[c].required) return false;
    }
    return true;
}

static int read_file(out_file *o, fb_reconcile *rec, const fb_reconcile_request *q) {
    fb_reconcile_report *r = o->report;
    fb_table_options opt = {q->encoding, NULL};
    fb_table_error err;
    fb_table *t = NULL;
    int rc = fb_table_open_file(q->file, &opt, &t, &err);
    if (rc) return failed(r, rc, "%s", err.message);
    fb_table_row row;
    const fb__ikind *k = &fb__ikinds[FB_IMPORT_BALANCES];
    int map[COLUMNS_MAX];
    size_t width = 0;
    /* The header: the first of the first rows that holds the balances' columns (an exported
     * workbook has its title above). */
    for (int tries = 0; tries < 5 && (rc = fb_table_next(t, &row)) == 1; tries++) {
        if (row.count > COLUMNS_MAX || !holds_balances(k, &row, map)) continue;
        width = row.count;
        rc = fb_table_header_here(t, &row);
        break;
    }
    if (rc == 1 && width == 0) {
        rc = failed(r, FB_EINVAL,
                    "%s: no header with the balances' columns (贷款编号, 本金余额（元）) in its "
                    "first rows",
                    q->file);
    }
    while (rc == 1 && (rc = fb_table_next(t, &row)) == 1) {
        if (row.blank) continue;
        fb__balance_row b;
        memset(&b, 0, sizeof b);
        b.loan_class = -1;
        char why[320], col[FB_CELL_COLUMN_NAME_MAX];
        for (size_t i = 0; rc == 1 && i < width; i++) {
            if (map[i] >= 0 && fb__icell_read(&k->cols[map[i]], &row.cells[i], fb_table_date1904(t),
                                              &b, why, sizeof why)) {
                rc = failed(r, FB_EINVAL, "%s, row %llu, column %s: %s", q->file,
                            (unsigned long long)row.number,
                            fb_cell_column_name((uint32_t)i + 1, col), why);
            }
        }
        if (rc == 1 && !b.loan[0]) {
            rc = failed(r, FB_EINVAL, "%s, row %llu: the loan's id is blank", q->file,
                        (unsigned long long)row.number);
        }
        r->rows += rc == 1;
        if (rc == 1) rc = compare(o, rec, &b, row.number) ? -1 : 1;
    }
    if (rc < 0 && !r->error[0]) failed(r, rc, "%s", fb_table_last_error(t)->message);
    fb_table_close(t);
    return rc < 0 ? (r->error[0] ? FB_EINVAL : rc) : FB_OK;
}

int fb_reconcile_file(fb_book *book, const fb_reconcile_request *q, fb_reconcile_report *report) {
    FB_ASSERT(book != NULL && q != NULL && report != NULL);
    memset(report, 0, sizeof *report);
    fb_reconcile *rec = NULL;
    int rc = fb_reconcile_begin(book, q->as_of, &rec);
    if (rc) return failed(report, rc, "%s", fb_book_errmsg(book));
    out_file o;
    memset(&o, 0, sizeof o);
    o.report = report;
    const char *dot = strrchr(q->out, '.');
    o.sheet.ops = dot && strcmp(dot, ".xlsx") == 0 ? &fb__xlsx_ops : &fb__csv_ops;
    char title[1200];
    char date[11];
    snprintf(title, sizeof title, "贷款对账：核心系统 %s 与本行账簿，%s", q->file,
             fb_date_format(q->as_of, date));
    fb__sheet_head head = {title, "贷款对账", headers, COLUMNS};
    rc = o.sheet.ops->open(&o.sheet, q->out, &head);
    if (rc) rc = failed(report, rc, "%s: %s", q->out, o.sheet.error);
    o.open = rc == FB_OK;
    if (rc == FB_OK) rc = read_file(&o, rec, q);
    if (rc == FB_OK) rc = extras(&o, rec, book);
    if (rc == FB_OK) rc = totals(&o);
    if (o.open && rc == FB_OK) {
        rc = o.sheet.ops->close(&o.sheet, NULL);
        if (rc) failed(report, rc, "%s: %s", q->out, o.sheet.error);
    } else if (o.open) {
        o.sheet.ops->abandon(&o.sheet);
    }
    fb_reconcile_free(rec);
    return rc;
}
