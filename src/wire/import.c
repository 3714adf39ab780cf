/* import.c — the files of `finbridge import` (docs/import.md): each file's template is learnt
 * from its header (the first of its first rows whose cells are all columns of one template: a
 * title row above it, as the exports write, is passed over); its rows are decoded cell by cell,
 * handed to the book in batches of FB_IMPORT_BATCH_MAX, and those refused are written, in the
 * order they came, to a file of the same format beside it with the row's number and the reason
 * (naming the column). The control file's counts and totals are checked against what the files
 * held. The run finishes only when every row passed and the totals agree; a cut-over commits
 * its parts on the way (q->part_rows, docs/import.md "A large book").
 *
 * Memory: one batch of rows and their text (at most FB_IMPORT_BATCH_TEXT_MAX), the readers'
 * bounded buffers (table_reader.h); never the file. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "core/cell_text.h"
#include "wire/export_table.h"
#include "wire/import_internal.h"

/* Rows of a file read before its header is given up for. */
enum { HEADER_ROWS_MAX = 5, PROGRESS_EVERY = 4096 };

/* A column of the file: the template's column it is (-1: kept only for the rejects file). */
typedef struct {
    fb_import_request const *q;
    fb_import_report *report;
    fb_import_file *file;
    const fb__ikind *k;
    fb_table *t;
    bool date1904;
    uint32_t width;
    int *map; /* width entries */
    /* The batch: rows, their numbers, their text (cells joined by NULs), their outcomes. */
    char *rows;
    size_t n;
    uint64_t number[FB_IMPORT_BATCH_MAX];
    size_t text_at[FB_IMPORT_BATCH_MAX];
    bool valid[FB_IMPORT_BATCH_MAX];
    char *text;
    size_t text_used;
    fb_import_outcome out[FB_IMPORT_BATCH_MAX];
    /* The rejects file, opened at the first refused row. */
    fb__sheet sheet;
    fb__sheet_head head; /* the writer keeps a pointer to it while the file is open */
    bool sheet_open;
    const char **headers;
    char title[FB_IMPORT_PATH_MAX + 64];
} reader;

static int fail(fb_import_report *r, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(fb_import_report *r, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    fb_text_cut(r->error, sizeof r->error);
    r->refused = true;
    return code;
}

/* ---- Which template a header is ----------------------------------------------------------- */

/* Columns of the rejects file a read-back rejects file has: passed over. */
static bool ours(const char *h) {
    return strcmp(h, "原行号") == 0 || strcmp(h, "原因") == 0 || strcmp(h, "row") == 0 ||
           strcmp(h, "reason") == 0;
}

/* How well a row's cells name kind k's columns (*score: how many of them it names): a match
 * when all are known, none twice, and every required one there; otherwise *why says the first
 * that is not (the score still counts every column named, so that a header with one column
 * wrong is told from a row that is no header). */
static bool header_of(const fb__ikind *k, const fb_table_row *row, bool tolerant, int *map,
                      int *score, char *why, size_t cap) {
    bool seen[64] = {false}, ok = true;
    FB_ASSERT(k->n_cols <= 64);
    *score = 0;
    char col[FB_CELL_COLUMN_NAME_MAX];
    for (uint32_t i = 0; i < row->count; i++) {
        const char *h = row->cells[i].text;
        if (map) map[i] = -1;
        if (!h[0] || ours(h)) continue;
        size_t c = 0;
        while (c < k->n_cols && !fb__icol_named(&k->cols[c], h))
            c++;
        if (c == k->n_cols || seen[c]) {
            if (c == k->n_cols && tolerant) continue;
            if (ok) {
                snprintf(why, cap,
                         c == k->n_cols ? "column %s, '%.80s', is not a column of the %s template"
                                        : "column %s, '%.80s', is given twice (the %s template)",
                         fb_cell_column_name(i + 1, col), h, k->name);
            }
            ok = false;
            continue;
        }
        seen[c] = true;
        if (map) map[i] = (int)c;
        (*score)++;
    }
    for (size_t c = 0; ok && c < k->n_cols; c++) {
        if (k->cols[c].required && !seen[c]) {
            snprintf(why, cap, "the %s template's required column %s (%s) is missing", k->name,
                     k->cols[c].zh, k->cols[c].en);
            ok = false;
        }
    }
    return ok && *score > 0;
}

/* The template of a header row: the best of those it matches whole (reconcile: the balances,
 * whatever else the row has). When it matches none, *why is what is wrong with it as the
 * template it names most columns of (*best_score of them). */
static int detect(const fb_table_row *row, bool reconcile, int *best_score, char *why, size_t cap) {
    int best = -1, near = 0;
    *best_score = 0;
    for (int k = 0; k < FB_IMPORT_KIND_COUNT_; k++) {
        if ((k == FB_IMPORT_BALANCES) != reconcile) continue;
        int score = 0;
        char w[320];
        bool ok = header_of(&fb__ikinds[k], row, reconcile, NULL, &score, w, sizeof w);
        if (ok && (best < 0 || score > *best_score)) best = k, *best_score = score;
        if (!ok && best < 0 && score > near) {
            near = score;
            snprintf(why, cap, "%s", w);
        }
    }
    if (best < 0) *best_score = near;
    return best;
}

/* Opens a file and reads to its header: the first of its first rows that is one. A file none
 * of whose first rows is refused by the row most like one (the most columns of a template),
 * with what is wrong with it. */
static int open_file(reader *r, const char *path, bool reconcile, fb_import_kind *kind) {
    fb_table_options opt = {r->q ? r->q->encoding : FB_TABLE_ENCODING_AUTO, NULL};
    fb_table_error err;
    int rc = fb_table_open_file(path, &opt, &r->t, &err);
    if (rc) return fail(r->report, rc, "%s", err.message);
    char why[320] = "", near_why[320] = "";
    int near = 0;
    uint64_t near_row = 0;
    fb_table_row row;
    for (int i = 0; i < HEADER_ROWS_MAX; i++) {
        rc = fb_table_next(r->t, &row);
        if (rc < 0) return fail(r->report, rc, "%s", fb_table_last_error(r->t)->message);
        if (rc == 0) break;
        if (row.blank) continue;
        int score = 0;
        int k = detect(&row, reconcile, &score, why, sizeof why);
        if (k < 0) {
            if (score > near)
                near = score, near_row = row.number, memcpy(near_why, why, sizeof why);
            continue;
        }
        *kind = (fb_import_kind)k;
        r->k = &fb__ikinds[k];
        rc = fb_table_header_here(r->t, &row);
        if (rc < 0) return fail(r->report, rc, "%s", fb_table_last_error(r->t)->message);
        r->width = row.count;
        r->map = calloc(row.count, sizeof *r->map);
        if (!r->map) return FB_ENOMEM;
        header_of(r->k, &row, reconcile, r->map, &score, why, sizeof why);
        r->date1904 = fb_table_date1904(r->t);
        return FB_OK;
    }
    if (near) {
        return fail(r->report, FB_EINVAL, "%s, row %llu (its header): %s", path,
                    (unsigned long long)near_row, near_why);
    }
    return fail(r->report, FB_EINVAL,
                "%s: no header of a template in its first %d rows (docs/import.md names each "
                "template's columns)",
                path, HEADER_ROWS_MAX);
}

/* ---- Rows ------------------------------------------------------------------------------------ */

/* The file's header name of a field the book gave, or the template's. */
static const char *column_name(const reader *r, const char *field, char *letters) {
    const fb_table_row *h = fb_table_header_row(r->t);
    letters[0] = 0;
    for (uint32_t i = 0; field && i < r->width; i++) {
        if (r->map[i] < 0) continue;
        const fb__icol *c = &r->k->cols[r->map[i]];
        if (strcmp(c->field ? c->field : c->en, field) == 0) {
            fb_cell_column_name(i + 1, letters);
            return h->cells[i].text;
        }
    }
    for (size_t c = 0; field && c < r->k->n_cols; c++) {
        if (strcmp(r->k->cols[c].en, field) == 0) return r->k->cols[c].zh;
    }
    return field;
}

/* Keeps the row's text for its rejects line, cells joined by NULs. */
static int keep_text(reader *r, const fb_table_row *row) {
    size_t need = 0;
    for (uint32_t i = 0; i < row->count; i++)
        need += row->cells[i].len + 1;
    if (r->text_used + need > FB_IMPORT_BATCH_TEXT_MAX) return FB_ELIMIT;
    r->text_at[r->n] = r->text_used;
    for (uint32_t i = 0; i < row->count; i++) {
        memcpy(r->text + r->text_used, row->cells[i].text, row->cells[i].len + 1);
        r->text_used += row->cells[i].len + 1;
    }
    return FB_OK;
}

/* Decodes a row into the batch's next slot; a cell it cannot read refuses the row there. */
static void decode(reader *r, const fb_table_row *row) {
    void *dst = r->rows + r->n * r->k->row_size;
    fb_import_outcome *o = &r->out[r->n];
    memset(dst, 0, r->k->row_size);
    memset(o, 0, sizeof *o);
    if (r->k->init) r->k->init(dst);
    fb__given given;
    memset(&given, 0, sizeof given);
    char why[FB_IMPORT_REASON_MAX], letters[FB_CELL_COLUMN_NAME_MAX];
    r->valid[r->n] = false;
    for (uint32_t i = 0; i < row->count; i++) {
        if (r->map[i] < 0) continue;
        const fb__icol *c = &r->k->cols[r->map[i]];
        if (row->cells[i].len) given.bits[r->map[i] / 64] |= 1ull << (r->map[i] % 64);
        if (fb__icell_read(c, &row->cells[i], r->date1904, dst, why, sizeof why)) {
            snprintf(o->reason, sizeof o->reason, "column %s (%.80s): %.200s",
                     fb_cell_column_name(i + 1, letters), fb_table_header_row(r->t)->cells[i].text,
                     why);
            fb_text_cut(o->reason, sizeof o->reason);
            o->result = FB_IMPORT_REJECTED;
            return;
        }
    }
    for (size_t c = 0; c < r->k->n_cols; c++) {
        if (r->k->cols[c].required && !fb__given_has(&given, c)) {
            snprintf(o->reason, sizeof o->reason, "%s (%s): is required", r->k->cols[c].zh,
                     r->k->cols[c].en);
            o->result = FB_IMPORT_REJECTED;
            return;
        }
    }
    const char *field = NULL;
    if (r->k->finish && r->k->finish(dst, &given, &field, why, sizeof why)) {
        snprintf(o->reason, sizeof o->reason, "%.80s: %.200s", column_name(r, field, letters), why);
        o->result = FB_IMPORT_REJECTED;
        return;
    }
    int64_t amount = 0, overdue = 0;
    r->k->totals(dst, &amount, &overdue);
    r->file->amount_fen += amount;
    r->file->overdue_fen += overdue;
    r->valid[r->n] = true;
}

/* ---- The rejects file ------------------------------------------------------------------------ */

static int open_rejects(reader *r) {
    fb_import_file *f = r->file;
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    const char *dot = strrchr(base, '.');
    int stem = dot ? (int)(dot - base) : (int)strlen(base);
    const char *ext = f->format == FB_TABLE_XLSX ? "xlsx" : "csv";
    if (r->q->rejects_dir) {
        snprintf(f->rejects, sizeof f->rejects, "%s/%.*s.rejected.%s", r->q->rejects_dir, stem,
                 base, ext);
    } else {
        snprintf(f->rejects, sizeof f->rejects, "%.*s%.*s.rejected.%s", (int)(base - f->path),
                 f->path, stem, base, ext);
    }
    const fb_table_row *h = fb_table_header_row(r->t);
    r->headers = calloc(h->count + 2, sizeof *r->headers);
    if (!r->headers) return FB_ENOMEM;
    for (uint32_t i = 0; i < h->count; i++)
        r->headers[i] = h->cells[i].text;
    r->headers[h->count] = "原行号";
    r->headers[h->count + 1] = "原因";
    snprintf(r->title, sizeof r->title, "被拒绝的行（%s）：%s", r->k->title, base);
    r->head = (fb__sheet_head){r->title, "被拒绝的行", r->headers, h->count + 2};
    memset(&r->sheet, 0, sizeof r->sheet);
    r->sheet.ops = f->format == FB_TABLE_XLSX ? &fb__xlsx_ops : &fb__csv_ops;
    int rc = r->sheet.ops->open(&r->sheet, f->rejects, &r->head);
    if (rc)
        return fail(r->report, rc, "writing the rejected rows to %s: %s", f->rejects,
                    r->sheet.error);
    r->sheet_open = true;
    return FB_OK;
}

static int write_reject(reader *r, size_t i) {
    if (!r->sheet_open) {
        int rc = open_rejects(r);
        if (rc) return rc;
    }
    const char *p = r->text + r->text_at[i];
    int rc = FB_OK;
    for (uint32_t c = 0; rc == FB_OK && c < r->width; c++) {
        fb__cell cell = {p[0] ? FB__CELL_TEXT : FB__CELL_BLANK, p, 0, 0};
        rc = r->sheet.ops->cell(&r->sheet, c, &cell);
        p += strlen(p) + 1;
    }
    fb__cell number = {FB__CELL_NUMBER, NULL, (int64_t)r->number[i], 0};
    fb__cell reason = {FB__CELL_TEXT, r->out[i].reason, 0, 0};
    if (rc == FB_OK) rc = r->sheet.ops->cell(&r->sheet, r->width, &number);
    if (rc == FB_OK) rc = r->sheet.ops->cell(&r->sheet, r->width + 1, &reason);
    if (rc == FB_OK) rc = r->sheet.ops->end_row(&r->sheet);
    return rc ? fail(r->report, rc, "writing the rejected rows to %s: %s", r->file->rejects,
                     r->sheet.error)
              : FB_OK;
}

/* ---- Batches --------------------------------------------------------------------------------- */

/* The book's reason for a refused row, with the file's name of the column it names. */
static void explain(const reader *r, fb_import_outcome *o) {
    char letters[FB_CELL_COLUMN_NAME_MAX], reason[FB_IMPORT_REASON_MAX];
    if (!o->field) return;
    const char *name = column_name(r, o->field, letters);
    snprintf(reason, sizeof reason, "%s%s%s%.80s: %.220s", letters[0] ? "column " : "", letters,
             letters[0] ? " " : "", name, o->reason);
    fb_text_cut(reason, sizeof reason);
    memcpy(o->reason, reason, sizeof reason);
}

/* Hands the batch's valid rows to the book, then writes its refused rows in order. With no run
 * (the first reading of a cut-over in parts), counts and writes only the rows its cells refuse. */
static int flush(reader *r, fb_import *im) {
    if (r->n == 0) return FB_OK;
    if (!im) {
        int rc = FB_OK;
        for (size_t i = 0; rc == FB_OK && i < r->n; i++) {
            if (r->valid[i]) continue;
            r->file->rejected++;
            rc = write_reject(r, i);
        }
        r->n = 0;
        r->text_used = 0;
        return rc;
    }
    size_t size = r->k->row_size, k = 0;
    char *valid = malloc(r->n * size);
    fb_import_outcome *out = calloc(r->n, sizeof *out);
    int rc = valid && out ? FB_OK : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < r->n; i++) {
        if (r->valid[i]) memcpy(valid + k++ * size, r->rows + i * size, size);
    }
    if (rc == FB_OK && k && r->k->submit) rc = r->k->submit(im, valid, k, out);
    for (size_t i = 0, j = 0; rc == FB_OK && i < r->n; i++) {
        if (r->valid[i]) r->out[i] = out[j++];
        if (r->valid[i]) explain(r, &r->out[i]);
        fb_import_result res = r->out[i].result;
        r->file->created += res == FB_IMPORT_CREATED;
        r->file->exists += res == FB_IMPORT_EXISTS;
        r->file->rejected += res == FB_IMPORT_REJECTED;
        if (res == FB_IMPORT_REJECTED) rc = write_reject(r, i);
    }
    free(valid);
    free(out);
    r->n = 0;
    r->text_used = 0;
    if (rc == FB_OK) rc = fb_import_part(im); /* a part's rows in: committed (a cut-over) */
    if (rc == FB_OK) r->report->parts = fb_import_parts(im);
    return rc;
}

static void progress(const reader *r) {
    if (!r->q || !r->q->progress) return;
    uint64_t done = 0, total = 0;
    fb_table_progress(r->t, &done, &total);
    r->q->progress(r->q->ctx, r->file->path, r->file->rows, done, total);
}

/* Reads every row of the file into batches, and hands them on (rows == NULL: keep the control
 * rows in controls instead). */
static int read_rows(reader *r, fb_import *im, fb__control_row *controls, size_t *n_controls) {
    fb_table_row row;
    int rc;
    while ((rc = fb_table_next(r->t, &row)) == 1) {
        if (row.blank) continue;
        r->file->rows++;
        if (r->n == FB_IMPORT_BATCH_MAX || keep_text(r, &row) == FB_ELIMIT) {
            rc = flush(r, im);
            if (rc == FB_OK) rc = keep_text(r, &row);
            if (rc) return rc;
        }
        r->number[r->n] = row.number;
        decode(r, &row);
        if (controls && r->valid[r->n]) {
            if (*n_controls == FB_IMPORT_KIND_COUNT_) {
                return fail(r->report, FB_EINVAL, "%s: more control rows than templates",
                            r->file->path);
            }
            fb__control_row *c = &controls[(*n_controls)++];
            *c = *(fb__control_row *)(void *)(r->rows + r->n * r->k->row_size);
            c->file = r->file->path;
            c->row = row.number;
        }
        r->n++;
        if (r->file->rows % PROGRESS_EVERY == 0) progress(r);
    }
    if (rc < 0) return fail(r->report, rc, "%s", fb_table_last_error(r->t)->message);
    rc = flush(r, im);
    progress(r);
    return rc;
}

static void close_reader(reader *r, bool keep_rejects) {
    if (r->sheet_open) {
        if (keep_rejects) {
            r->sheet.ops->close(&r->sheet, NULL);
        } else {
            r->sheet.ops->abandon(&r->sheet);
        }
    }
    fb_table_close(r->t);
    free(r->map);
    free(r->headers);
    r->t = NULL;
    r->map = NULL;
    r->headers = NULL;
    r->sheet_open = false;
}

/* ---- The run --------------------------------------------------------------------------------- */

/* The file's template without reading on: to put the files in their order. */
static int peek(fb_import_report *report, const fb_import_request *q, const char *path,
                fb_import_kind *kind, fb_table_kind *format) {
    reader r;
    memset(&r, 0, sizeof r);
    r.q = q;
    r.report = report;
    int rc = open_file(&r, path, false, kind);
    if (rc == FB_OK) *format = fb_table_kind_of(r.t);
    if (rc == FB_OK && *kind == FB_IMPORT_BALANCES) {
        rc = fail(report, FB_EINVAL,
                  "%s: a balances file is reconciled (finbridge reconcile), not imported", path);
    }
    close_reader(&r, false);
    return rc;
}

/* The control rows against what the files held: the first total that differs refuses the run,
 * named by its column, with what the control file says and what the files hold. */
static int check_controls(fb_import_report *report, const fb__control_row *c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint64_t rows = 0;
        int64_t amount = 0, overdue = 0;
        for (size_t f = 0; f < report->n_files; f++) {
            if ((int)report->files[f].kind != c[i].kind) continue;
            rows += report->files[f].rows;
            amount += report->files[f].amount_fen;
            overdue += report->files[f].overdue_fen;
        }
        const fb__icol *cols = fb__ikinds[FB_IMPORT_CONTROL].cols;
        const int64_t want[3] = {c[i].count, c[i].amount_fen, c[i].overdue_fen};
        const int64_t got[3] = {(int64_t)rows, amount, overdue};
        for (int t = 0; t < 3; t++) {
            if (want[t] < 0 || want[t] == got[t]) continue; /* a total not given is not checked */
            char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
            if (t == 0) {
                snprintf(a, sizeof a, "%lld", (long long)want[t]);
                snprintf(b, sizeof b, "%lld", (long long)got[t]);
            } else {
                fb_money_format(want[t], a);
                fb_money_format(got[t], b);
            }
            FB_ASSERT(strcmp(cols[t + 1].en, t == 0   ? "count"
                                             : t == 1 ? "amount"
                                                      : "overdue") == 0);
            fb_import_kind k = (fb_import_kind)c[i].kind;
            return fail(report, FB_EINVAL,
                        "%s, row %llu, %s (%s): the control totals of %s (%s) do not match: the "
                        "control file says %s, the files hold %s",
                        c[i].file, (unsigned long long)c[i].row, cols[t + 1].zh, cols[t + 1].en,
                        fb_import_kind_title(k), fb_import_kind_name(k), a, b);
        }
    }
    return FB_OK;
}

static int import_file(fb_import_report *report, const fb_import_request *q, fb_import *im,
                       fb_import_file *f, fb__control_row *controls, size_t *n_controls) {
    reader *r = calloc(1, sizeof *r);
    if (!r) return FB_ENOMEM;
    r->q = q;
    r->report = report;
    r->file = f;
    fb_import_kind kind = f->kind;
    int rc = open_file(r, f->path, false, &kind);
    if (rc == FB_OK) {
        r->rows = malloc(FB_IMPORT_BATCH_MAX * r->k->row_size);
        r->text = malloc(FB_IMPORT_BATCH_TEXT_MAX);
        if (!r->rows || !r->text) rc = FB_ENOMEM;
    }
    if (rc == FB_OK) rc = read_rows(r, im, kind == FB_IMPORT_CONTROL ? controls : NULL, n_controls);
    close_reader(r, rc == FB_OK);
    free(r->rows);
    free(r->text);
    free(r);
    return rc;
}

/* A cut-over in parts reads every file through first, writing nothing: a row whose cells do not
 * read refuses the run before the book is touched. The control totals are checked at the end of
 * the run itself (which is then put back), so that the rows the book refuses come back with
 * them. Then the files' counts start again for the run. */
static int read_first(fb_import_report *report, const fb_import_request *q) {
    fb__control_row controls[FB_IMPORT_KIND_COUNT_];
    size_t n_controls = 0;
    int rc = FB_OK;
    bool rejected = false;
    for (size_t i = 0; rc == FB_OK && i < report->n_files; i++) {
        rc = import_file(report, q, NULL, &report->files[i], controls, &n_controls);
        rejected = rejected || report->files[i].rejected;
    }
    report->refused = report->refused || rejected;
    for (size_t i = 0; rc == FB_OK && !report->refused && i < report->n_files; i++) {
        fb_import_file *f = &report->files[i];
        f->rows = f->created = f->exists = f->rejected = 0;
        f->amount_fen = f->overdue_fen = 0;
    }
    return rc;
}

/* The order of the files: by template, then as given. */
static int by_kind(const void *a, const void *b) {
    const fb_import_file *x = a, *y = b;
    return x->kind != y->kind ? (int)x->kind - (int)y->kind : strcmp(x->path, y->path);
}

/* A refusal of the run as a whole (a file that does not read, totals that do not match, the
 * book's refusal) is the report's; what the program cannot go on from is the caller's. */
static int outcome(fb_import_report *report, int rc) {
    if (rc == FB_EINVAL || rc == FB_ELIMIT || rc == FB_ENOTFOUND) {
        report->refused = true;
        return FB_OK;
    }
    return rc;
}

int fb_import_files(fb_book *book, const fb_import_request *q, fb_import_report *report) {
    FB_ASSERT(book != NULL && q != NULL && report != NULL);
    memset(report, 0, sizeof *report);
    report->summary.as_of = q->as_of;
    /* The mode as fb_import_begin decides it (a book that has closed no day takes a cut-over),
     * for the summary of a run refused before it begins or before it finishes. */
    int32_t open = 0;
    if (fb_business_date(book, &open) == FB_OK) report->summary.cutover = open == 0;
    if (q->n_files == 0 || q->n_files > FB_IMPORT_FILES_MAX) {
        return outcome(
            report, fail(report, FB_EINVAL, "an import reads 1 to %d files", FB_IMPORT_FILES_MAX));
    }
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < q->n_files; i++) {
        fb_import_file *f = &report->files[report->n_files++];
        snprintf(f->path, sizeof f->path, "%s", q->files[i]);
        rc = peek(report, q, f->path, &f->kind, &f->format);
    }
    if (rc) return outcome(report, rc);
    qsort(report->files, report->n_files, sizeof report->files[0], by_kind);
    bool in_parts = q->part_rows > 0;
    if (in_parts) { /* nothing is written when a file's cells or totals refuse it */
        rc = read_first(report, q);
        if (rc || report->refused) return outcome(report, rc);
    }
    fb_import *im = NULL;
    rc = fb_import_begin_parts(book, q->as_of, in_parts ? q->part_rows : 0, &im);
    if (rc) return outcome(report, fail(report, rc, "%s", fb_book_errmsg(book)));
    report->summary.cutover = fb_import_is_cutover(im);
    fb__control_row controls[FB_IMPORT_KIND_COUNT_];
    size_t n_controls = 0;
    for (size_t i = 0; rc == FB_OK && i < report->n_files; i++) {
        rc = import_file(report, q, im, &report->files[i], controls, &n_controls);
    }
    bool rejected = false;
    for (size_t i = 0; i < report->n_files; i++)
        rejected = rejected || report->files[i].rejected;
    if (rc == FB_OK) rc = check_controls(report, controls, n_controls);
    if (rc == FB_OK) {
        rc = fb_import_finish(im, !rejected && !q->dry_run, &report->summary);
        if (rc) fail(report, rc, "%s", fb_book_errmsg(book));
    }
    fb_import_free(im);
    report->refused = report->refused || rejected;
    return outcome(report, rc);
}
