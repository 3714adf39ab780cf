/* export.c — the exports' driver: finds the kind, checks the request, opens the kind's rows in one
 * read transaction of the book, and writes each row's cells through a sheet (CSV or XLSX); and
 * what every kind shares: a column's cell, the exact text of a number, the sources of rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/export_table.h"

static const fb__kind *const kinds[] = {
    &fb__kind_parties,      &fb__kind_facilities, &fb__kind_loans,     &fb__kind_schedules,
    &fb__kind_certificates, &fb__kind_credit,     &fb__kind_inclusive, &fb__kind_moves,
    &fb__kind_exposures,    &fb__kind_progress,   &fb__kind_quality,   &fb__kind_provisions,
};
enum { KINDS = sizeof kinds / sizeof kinds[0], COLUMNS_MAX = 64 };

static const fb__kind *find(const char *name) {
    for (size_t i = 0; name && i < KINDS; i++) {
        if (strcmp(kinds[i]->name, name) == 0) return kinds[i];
    }
    return NULL;
}

bool fb_export_kind_known(const char *name) { return find(name) != NULL; }

bool fb_export_kind_names_borrowers(const char *name) {
    const fb__kind *k = find(name);
    return k == NULL || k->borrowers;
}

const char *fb_export_kind_names(void) {
    static char names[256];
    if (!names[0]) {
        size_t at = 0;
        for (size_t i = 0; i < KINDS && at < sizeof names; i++) {
            at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "",
                                   kinds[i]->name);
        }
    }
    return names;
}

const char *fb_export_media_type(fb_export_format f) {
    return f == FB_EXPORT_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                               : "text/csv; charset=utf-8";
}

const char *fb_export_extension(fb_export_format f) { return f == FB_EXPORT_XLSX ? "xlsx" : "csv"; }

/* ---- Cells ---------------------------------------------------------------------------------- */

static int64_t read_i64(const char *p) {
    int64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static int32_t read_i32(const char *p) {
    int32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static int read_int(const char *p) {
    int v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The Chinese label of a value of a vocabulary, or NULL outside it. */
static const char *label(int vocab, int value) {
    size_t n = 0;
    const fb_term *t = fb_vocab_terms((fb_vocab)vocab, &n);
    return value >= 0 && (size_t)value < n ? t[value].zh : NULL;
}

static void text_cell(fb__cell *out, const char *text) {
    out->kind = text && text[0] ? FB__CELL_TEXT : FB__CELL_BLANK;
    out->text = text;
}

/* A target's figure as its measure writes it on the doors (book_json.c's target_value). */
static void target_cell(const fb__target_value *t, fb__cell *out) {
    out->value = t->value;
    out->kind = FB__CELL_MONEY;
    fb_measure_unit unit = fb_measure_unit_of((fb_measure)t->measure);
    if (unit == FB_UNIT_COUNT) out->kind = FB__CELL_COUNT;
    if (unit == FB_UNIT_RATE) {
        out->kind = FB__CELL_DECIMAL;
        out->places = 4;
    }
    if (unit == FB_UNIT_HALF_DAYS) {
        out->kind = FB__CELL_DECIMAL;
        out->places = 2;
        out->value = t->value * 50; /* halves of a working day to hundredths */
    }
}

void fb__column_cell(const fb__column *c, const void *row, fb__cell *out) {
    FB_ASSERT(c != NULL && row != NULL && out != NULL);
    const char *p = (const char *)row + c->offset;
    memset(out, 0, sizeof *out);
    if (c->hide && *(const bool *)(const void *)((const char *)row + c->hide - 1)) return;
    switch (c->type) {
    case FB__COL_TEXT: text_cell(out, p); return;
    case FB__COL_MONEY: *out = (fb__cell){FB__CELL_MONEY, NULL, read_i64(p), 0}; return;
    case FB__COL_COUNT: *out = (fb__cell){FB__CELL_COUNT, NULL, read_i64(p), 0}; return;
    case FB__COL_NUMBER: *out = (fb__cell){FB__CELL_NUMBER, NULL, read_i32(p), 0}; return;
    case FB__COL_RATE: *out = (fb__cell){FB__CELL_DECIMAL, NULL, read_i64(p), 4}; return;
    case FB__COL_PERCENT: *out = (fb__cell){FB__CELL_DECIMAL, NULL, read_i64(p), 2}; return;
    case FB__COL_DATE:
        if (read_i32(p)) *out = (fb__cell){FB__CELL_DATE, NULL, read_i32(p), 0};
        return;
    case FB__COL_TERM: text_cell(out, label(c->vocab, read_int(p))); return;
    case FB__COL_TERM_KEY: {
        int value = 0;
        int rc = fb_vocab_parse((fb_vocab)c->vocab, p[0] ? p : "none", &value);
        text_cell(out, rc == FB_OK ? label(c->vocab, value) : p);
        return;
    }
    case FB__COL_CITY: text_cell(out, fb_region_name_zh(read_i32(p))); return;
    case FB__COL_CODE:
        if (read_i32(p)) *out = (fb__cell){FB__CELL_CODE, NULL, read_i32(p), 6};
        return;
    case FB__COL_INDUSTRY: *out = (fb__cell){FB__CELL_CODE, NULL, read_int(p), 4}; return;
    case FB__COL_BOOL: text_cell(out, *(const bool *)(const void *)p ? "是" : "否"); return;
    case FB__COL_VERDICT: {
        int v = read_int(p);
        text_cell(out, v > 0 ? "是" : v == 0 ? "否" : NULL);
        return;
    }
    case FB__COL_TARGET: {
        fb__target_value t;
        memcpy(&t, p, sizeof t);
        target_cell(&t, out);
        return;
    }
    }
    FB_ASSERT(0 && "a column of no known type");
}

const char *fb__cell_plain(const fb__cell *c, char *buf) {
    FB_ASSERT(c != NULL && buf != NULL);
    buf[0] = 0;
    switch (c->kind) {
    case FB__CELL_BLANK: return buf;
    case FB__CELL_TEXT: return c->text;
    case FB__CELL_MONEY: return fb_money_format(c->value, buf);
    case FB__CELL_COUNT:
    case FB__CELL_NUMBER: snprintf(buf, FB__CELL_TEXT_MAX, "%lld", (long long)c->value); return buf;
    case FB__CELL_CODE:
        snprintf(buf, FB__CELL_TEXT_MAX, "%0*lld", c->places, (long long)c->value);
        return buf;
    case FB__CELL_DATE: return fb_date_format((int32_t)c->value, buf);
    case FB__CELL_DECIMAL: {
        FB_ASSERT(c->places > 0 && c->places <= 6);
        uint64_t scale = 1, mag = c->value < 0 ? 0 - (uint64_t)c->value : (uint64_t)c->value;
        for (int i = 0; i < c->places; i++)
            scale *= 10;
        snprintf(buf, FB__CELL_TEXT_MAX, "%s%llu.%0*llu", c->value < 0 ? "-" : "",
                 (unsigned long long)(mag / scale), c->places, (unsigned long long)(mag % scale));
        return buf;
    }
    }
    return buf;
}

/* ---- Sources of rows ------------------------------------------------------------------------ */

typedef struct {
    fb_page_kind page;
    fb__fetch_fn *fetch;
    const fb_export_request *q;
    fb_list_id ids[FB_PAGE_MAX];
    size_t n, at;
    bool last; /* the page read was the last */
    char after[FB_ID_MAX + 1];
} records_state;

static int records_next(fb__rows *it, fb_book *book, void *row, bool *got) {
    records_state *s = it->state;
    *got = false;
    for (;;) {
        if (s->at == s->n) {
            if (s->last) return FB_OK;
            int rc = fb_page(book, s->page, s->after, s->q->region, s->ids, FB_PAGE_MAX, &s->n);
            if (rc) return rc;
            s->at = 0;
            s->last = s->n < FB_PAGE_MAX;
            if (s->n == 0) return FB_OK;
            memcpy(s->after, s->ids[s->n - 1], sizeof s->after);
        }
        bool skip = false;
        int rc = s->fetch(book, s->q, s->ids[s->at++], row, &skip);
        if (rc) return rc;
        if (!skip) {
            *got = true;
            return FB_OK;
        }
    }
}

static void free_state(fb__rows *it) {
    free(it->state);
    it->state = NULL;
}

int fb__rows_records(fb__rows *it, fb_page_kind page, fb__fetch_fn *fetch,
                     const fb_export_request *q) {
    FB_ASSERT(it != NULL && fetch != NULL && q != NULL);
    records_state *s = calloc(1, sizeof *s);
    if (!s) return FB_ENOMEM;
    s->page = page;
    s->fetch = fetch;
    s->q = q;
    it->state = s;
    it->next = records_next;
    it->close = free_state;
    return FB_OK;
}

typedef struct {
    char *rows;
    size_t n, at, size;
} array_state;

static int array_next(fb__rows *it, fb_book *book, void *row, bool *got) {
    (void)book;
    array_state *s = it->state;
    *got = s->at < s->n;
    if (*got) memcpy(row, s->rows + s->at++ * s->size, s->size);
    return FB_OK;
}

static void array_close(fb__rows *it) {
    array_state *s = it->state;
    if (s) free(s->rows);
    free_state(it);
}

int fb__rows_array(fb__rows *it, void *rows, size_t n, size_t size) {
    FB_ASSERT(it != NULL && size > 0);
    array_state *s = calloc(1, sizeof *s);
    if (!s) {
        free(rows);
        return FB_ENOMEM;
    }
    *s = (array_state){rows, n, 0, size};
    it->state = s;
    it->next = array_next;
    it->close = array_close;
    return FB_OK;
}

/* ---- The driver ----------------------------------------------------------------------------- */

static int refuse(fb_export_outcome *out, int rc, const char *fmt, const char *a, const char *b) {
    snprintf(out->message, sizeof out->message, fmt, a, b);
    fb_text_cut(out->message, sizeof out->message);
    return rc;
}

/* A record kind's figures are the book's now: the day open, or the last day closed (its close is
 * what the running state holds, with what the open day has booked so far). */
static int records_date(fb_book *book, int32_t as_of, fb_export_outcome *out) {
    int32_t open = 0;
    int rc = fb_business_date(book, &open);
    if (rc) return refuse(out, rc, "%s%s", fb_book_errmsg(book), "");
    if (open == 0 || as_of == open || as_of == open - 1) return FB_OK;
    char closed[11], now[11];
    return refuse(out, FB_EINVAL,
                  "the book holds its records as they stand now: export them as of the last day"
                  " closed (%s) or the day open (%s)",
                  fb_date_format(open - 1, closed), fb_date_format(open, now));
}

static void title_line(const fb__kind *k, const fb_export_request *q, const fb__rows *it, char *buf,
                       size_t cap) {
    char date[11];
    const char *region = q->region ? fb_region_name_zh(q->region) : NULL;
    snprintf(buf, cap, "%s｜账簿：%s｜%s：%s%s%s｜范围：%s｜单位：元｜来源：%s", k->title,
             q->book_name ? q->book_name : "", k->records ? "数据截至" : "报表日期",
             fb_date_format(q->as_of, date), it->scope[0] ? "｜" : "", it->scope,
             region ? region : "全行", q->source ? q->source : "finbridge");
    fb_text_cut(buf, cap);
}

/* Writes every row of it through the sheet, cell by cell. */
static int write_rows(fb_book *book, const fb_export_request *q, const fb__kind *k, fb__rows *it,
                      fb__sheet *sh, const fb__column *const *cols, size_t nc,
                      fb_export_outcome *out) {
    void *row = malloc(k->row_size);
    if (!row) return FB_ENOMEM;
    int rc = FB_OK;
    for (;;) {
        memset(row, 0, k->row_size);
        bool got = false;
        rc = it->next(it, book, row, &got);
        if (rc) {
            refuse(out, rc, "reading the book: %s%s", fb_book_errmsg(book), "");
            break;
        }
        if (!got) break;
        if (q->rows_max && out->rows >= q->rows_max) {
            char max[24];
            snprintf(max, sizeof max, "%llu", (unsigned long long)q->rows_max);
            rc = refuse(out, FB_ELIMIT, "the export has more than %s rows%s", max, "");
            break;
        }
        for (size_t c = 0; rc == FB_OK && c < nc; c++) {
            fb__cell cell;
            fb__column_cell(cols[c], row, &cell);
            rc = sh->ops->cell(sh, c, &cell);
        }
        if (rc == FB_OK) rc = sh->ops->end_row(sh);
        if (rc) {
            refuse(out, rc, "writing the file: %s%s", sh->error, "");
            break;
        }
        out->rows++;
    }
    free(row);
    return rc;
}

static int write_sheet(fb_book *book, const fb_export_request *q, const fb__kind *k, fb__rows *it,
                       const char *path, fb_export_outcome *out) {
    const fb__column *cols[COLUMNS_MAX];
    const char *headers[COLUMNS_MAX];
    size_t nc = 0;
    FB_ASSERT(k->n_columns <= COLUMNS_MAX);
    for (size_t i = 0; i < k->n_columns; i++) {
        if (k->columns[i].needs & ~q->dims) continue;
        cols[nc] = &k->columns[i];
        headers[nc++] = k->columns[i].zh;
    }
    char title[1024];
    title_line(k, q, it, title, sizeof title);
    fb__sheet_head head = {title, k->title, headers, nc};
    fb__sheet sh;
    memset(&sh, 0, sizeof sh);
    sh.ops = q->format == FB_EXPORT_XLSX ? &fb__xlsx_ops : &fb__csv_ops;
    int rc = sh.ops->open(&sh, path, &head);
    if (rc) return refuse(out, rc, "%s: %s", path, sh.error);
    rc = write_rows(book, q, k, it, &sh, cols, nc, out);
    if (rc) {
        sh.ops->abandon(&sh);
        return rc;
    }
    char note[256] = "";
    if (sh.money_as_text) {
        snprintf(
            note, sizeof note,
            "注：%llu 个金额超过 15 位有效数字（电子表格能精确保存的位数），以文本写出，数值精确。",
            (unsigned long long)sh.money_as_text);
    }
    rc = sh.ops->close(&sh, note[0] ? note : NULL);
    out->money_as_text = sh.money_as_text;
    out->sheets = sh.sheets;
    return rc ? refuse(out, rc, "%s: %s", path, sh.error) : FB_OK;
}

int fb_export_write(fb_book *book, const fb_export_request *q, const char *path,
                    fb_export_outcome *out) {
    FB_ASSERT(book != NULL && q != NULL && path != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    const fb__kind *k = find(q->kind);
    if (!k) {
        return refuse(out, FB_EINVAL, "no export of %s: the kinds are %s", q->kind ? q->kind : "",
                      fb_export_kind_names());
    }
    if (q->region && !fb_region_liaoning(q->region)) {
        return refuse(out, FB_EINVAL, "region must be 210000 (Liaoning) or one of its cities%s%s",
                      "", "");
    }
    int rc = fb_book_read_begin(book);
    if (rc) return refuse(out, rc, "%s%s", fb_book_errmsg(book), "");
    fb__rows it;
    memset(&it, 0, sizeof it);
    if (k->records) rc = records_date(book, q->as_of, out);
    if (rc == FB_OK) {
        rc = k->open(book, q, &it, out->message, sizeof out->message);
        fb_text_cut(out->message, sizeof out->message);
    }
    if (rc == FB_OK) rc = write_sheet(book, q, k, &it, path, out);
    if (it.close) it.close(&it);
    fb_book_read_end(book);
    if (rc) remove(path);
    return rc;
}
