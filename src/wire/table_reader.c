/* table_reader.c — the table: open on a file or a buffer, learn its kind from its content, read
 * rows through the CSV or XLSX backend, keep the header, and say every error with the file, the
 * row and the column (table_reader.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/assert.h"
#include "core/cell_text.h"
#include "wire/table_internal.h"

_Static_assert(FB_TABLE_ROW_MAX >= FB_TABLE_CELL_MAX, "a row holds its largest cell");
_Static_assert(FB_TABLE_CELL_MAX < UINT32_MAX, "a cell's length fits its uint32");
_Static_assert(FB_XLSX_ROWS_MAX <= FB_CSV_ROWS_MAX, "a CSV holds what a sheet does");

/* A header's name in a message: enough to recognise it, cut at a character boundary. */
#define HEADER_NAME_SHOWN 60

/* ---- Errors ------------------------------------------------------------------------------- */

/* Writes " (name)" of column's header cell into buf, or "" when there is none. */
static void header_name(const fb_table *t, uint32_t column, char *buf, size_t cap) {
    buf[0] = '\0';
    if (column == 0 || column > t->width) return;
    const fb_table_cell *c = &t->header.cells[column - 1];
    if (c->len == 0) return;
    char name[HEADER_NAME_SHOWN + 1];
    snprintf(name, sizeof name, "%s", c->text);
    fb_text_cut(name, sizeof name);
    snprintf(buf, cap, " (%s)", name);
}

int fb__table_fail(fb_table *t, int code, uint64_t row, uint32_t column, const char *limit,
                   const char *fmt, ...) {
    FB_ASSERT(t != NULL && fmt != NULL);
    FB_ASSERT(code < 0);
    if (t->status != FB_OK) return t->status; /* the first error stands */
    char where[160] = "";
    char col[FB_CELL_COLUMN_NAME_MAX] = "", name[HEADER_NAME_SHOWN + 8];
    if (column >= 1 && column <= FB_TABLE_CELLS_MAX) fb_cell_column_name(column, col);
    header_name(t, column, name, sizeof name);
    if (row && col[0]) {
        snprintf(where, sizeof where, ", row %llu, column %s%s", (unsigned long long)row, col,
                 name);
    } else if (row) {
        snprintf(where, sizeof where, ", row %llu", (unsigned long long)row);
    }
    char what[FB_TABLE_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    t->err.code = code;
    t->err.row = row;
    t->err.column = column;
    t->err.limit = limit;
    int n = snprintf(t->err.message, sizeof t->err.message, "%s%s: %s", t->name, where, what);
    if (n >= (int)sizeof t->err.message) fb_text_cut(t->err.message, sizeof t->err.message);
    t->status = code;
    return code;
}

/* ---- The row buffer ----------------------------------------------------------------------- */

/* The first sizes of a row's buffers; they double from there up to their caps. */
#define ROW_TEXT_FIRST 4096
#define ROW_CELLS_FIRST 64
#define ROW_TEXT_CAP ((size_t)FB_TABLE_ROW_MAX + FB_TABLE_CELLS_MAX)

static bool row_alloc(fb__row *r) {
    r->text = malloc(ROW_TEXT_FIRST);
    r->cells = malloc(ROW_CELLS_FIRST * sizeof *r->cells);
    r->cap = ROW_TEXT_FIRST;
    r->cells_cap = ROW_CELLS_FIRST;
    return r->text && r->cells;
}

void fb__row_start(fb__row *r, uint64_t number) {
    FB_ASSERT(r->text != NULL && r->cells != NULL);
    r->used = r->text_bytes = r->cell_start = 0;
    r->count = 0;
    r->number = number;
}

/* Makes room for n more bytes of text and a NUL, within ROW_TEXT_CAP (the callers' limits keep
 * it there). */
static int row_room(fb_table *t, size_t n) {
    fb__row *r = &t->row;
    if (r->used + n + 1 <= r->cap) return FB_OK;
    size_t cap = r->cap;
    while (cap < r->used + n + 1)
        cap *= 2;
    if (cap > ROW_TEXT_CAP) cap = ROW_TEXT_CAP;
    FB_ASSERT(r->used + n + 1 <= cap);
    char *grown = realloc(r->text, cap);
    if (!grown) return fb__table_fail(t, FB_ENOMEM, r->number, 0, NULL, "out of memory");
    r->text = grown;
    r->cap = cap;
    char *p = grown; /* the finished cells, consecutive from the start */
    for (uint32_t i = 0; i < r->count; i++) {
        r->cells[i].text = p;
        p += r->cells[i].len + 1;
    }
    FB_ASSERT((size_t)(p - grown) <= r->cell_start);
    return FB_OK;
}

/* Makes room for one more cell, within FB_TABLE_CELLS_MAX (checked by the callers). */
static int row_cell_room(fb_table *t) {
    fb__row *r = &t->row;
    FB_ASSERT(r->count < FB_TABLE_CELLS_MAX);
    if (r->count < r->cells_cap) return FB_OK;
    uint32_t cap = r->cells_cap * 2 > FB_TABLE_CELLS_MAX ? FB_TABLE_CELLS_MAX : r->cells_cap * 2;
    if (cap == 0) cap = 1; /* a row not yet given room */
    FB_ASSERT(cap > r->count);
    fb_table_cell *grown = realloc(r->cells, cap * sizeof *grown);
    if (!grown) return fb__table_fail(t, FB_ENOMEM, r->number, 0, NULL, "out of memory");
    r->cells = grown;
    r->cells_cap = cap;
    return FB_OK;
}

int fb__row_append(fb_table *t, const char *p, size_t n) {
    fb__row *r = &t->row;
    FB_ASSERT(r->used >= r->cell_start);
    uint32_t column = r->count + 1;
    if (r->count >= FB_TABLE_CELLS_MAX) {
        return fb__table_fail(t, FB_ELIMIT, r->number, 0, "FB_TABLE_CELLS_MAX",
                              "more than %d cells in a row (FB_TABLE_CELLS_MAX)",
                              FB_TABLE_CELLS_MAX);
    }
    if (r->used - r->cell_start + n > FB_TABLE_CELL_MAX) {
        return fb__table_fail(t, FB_ELIMIT, r->number, column, "FB_TABLE_CELL_MAX",
                              "a cell over %zu bytes (FB_TABLE_CELL_MAX)", FB_TABLE_CELL_MAX);
    }
    if (r->text_bytes + n > FB_TABLE_ROW_MAX) {
        return fb__table_fail(t, FB_ELIMIT, r->number, column, "FB_TABLE_ROW_MAX",
                              "a row over %zu bytes (FB_TABLE_ROW_MAX)", FB_TABLE_ROW_MAX);
    }
    int rc = row_room(t, n);
    if (rc != FB_OK) return rc;
    memcpy(r->text + r->used, p, n);
    r->used += n;
    r->text_bytes += n;
    return FB_OK;
}

int fb__row_end_cell(fb_table *t, fb_cell_kind kind) {
    fb__row *r = &t->row;
    FB_ASSERT(r->used >= r->cell_start);
    if (r->count >= FB_TABLE_CELLS_MAX) {
        return fb__table_fail(t, FB_ELIMIT, r->number, 0, "FB_TABLE_CELLS_MAX",
                              "more than %d cells in a row (FB_TABLE_CELLS_MAX)",
                              FB_TABLE_CELLS_MAX);
    }
    uint32_t column = r->count + 1;
    int rc = row_room(t, 0);
    if (rc == FB_OK) rc = row_cell_room(t);
    if (rc != FB_OK) return rc;
    size_t len = r->used - r->cell_start, at = 0;
    const char *text = r->text + r->cell_start;
    fb_text_fault fault = fb_text_check(text, len, &at);
    if (fault == FB_TEXT_NUL) {
        return fb__table_fail(t, FB_EINVAL, r->number, column, NULL,
                              "a NUL character at byte %zu of the cell", at + 1);
    }
    if (fault == FB_TEXT_BAD_UTF8) {
        return fb__table_fail(t, FB_EINVAL, r->number, column, NULL,
                              "bytes that are not UTF-8 at byte %zu of the cell (is the file in "
                              "another encoding? name it)",
                              at + 1);
    }
    r->text[r->used++] = '\0';
    fb_table_cell *c = &r->cells[r->count++];
    c->text = text;
    c->len = (uint32_t)len;
    c->column = column;
    c->kind = len == 0 ? FB_CELL_EMPTY : kind;
    r->cell_start = r->used;
    return FB_OK;
}

int fb__row_empty_cell(fb_table *t) {
    FB_ASSERT(t->row.used == t->row.cell_start);
    return fb__row_end_cell(t, FB_CELL_EMPTY);
}

/* ---- The source --------------------------------------------------------------------------- */

ssize_t fb__table_pread(fb_table *t, void *buf, size_t n, uint64_t offset) {
    FB_ASSERT(buf != NULL);
    if (t->fd < 0) {
        if (offset >= t->mem_size) return 0;
        size_t k = t->mem_size - (size_t)offset < n ? t->mem_size - (size_t)offset : n;
        memcpy(buf, t->mem + offset, k);
        return (ssize_t)k;
    }
    ssize_t k;
    do {
        k = pread(t->fd, buf, n, (off_t)offset);
    } while (k < 0 && errno == EINTR);
    return k;
}

/* The old Office container (OLE compound file): Excel's encrypted workbooks are one, holding an
 * EncryptionInfo and an EncryptedPackage stream; so is a .xls. */
static const uint8_t ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static bool name_ends(const char *name, const char *suffix) {
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

/* Decides the kind from the first bytes and opens the backend. */
static int open_backend(fb_table *t, const fb_table_options *opt) {
    uint8_t head[8] = {0};
    ssize_t n = fb__table_pread(t, head, sizeof head, 0);
    if (n < 0)
        return fb__table_fail(t, FB_EIO, 0, 0, NULL, "cannot read: %s", FB_ERRNO_TEXT(errno));
    bool zip = n >= 4 && head[0] == 'P' && head[1] == 'K' &&
               ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    if (n == 8 && memcmp(head, ole_magic, 8) == 0) return fb__table_refuse_ole(t);
    if (zip) {
        t->kind = FB_TABLE_XLSX;
        t->encoding = FB_TABLE_ENCODING_UTF8;
        return fb__xlsx_open(t, opt ? opt->sheet : NULL);
    }
    if (name_ends(t->name, ".xlsx") || name_ends(t->name, ".xlsm")) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                              "not a zip, so not an XLSX workbook, though named like one");
    }
    t->kind = FB_TABLE_CSV;
    t->encoding = opt ? opt->encoding : FB_TABLE_ENCODING_AUTO;
    return fb__csv_open(t);
}

/* Allocates a table named name over fd or data; NULL when out of memory. */
static fb_table *table_new(const char *name, int fd, const void *data, size_t size) {
    fb_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->fd = fd;
    t->mem = data;
    t->mem_size = size;
    t->file_size = size;
    snprintf(t->name, sizeof t->name, "%s", name ? name : "(memory)");
    fb_text_cut(t->name, sizeof t->name);
    if (!row_alloc(&t->row)) {
        fb_table_close(t);
        return NULL;
    }
    return t;
}

/* Opens t's backend; on failure copies the error out and frees t. */
static int finish_open(fb_table *t, const fb_table_options *opt, fb_table **out,
                       fb_table_error *err) {
    int rc = open_backend(t, opt);
    if (rc != FB_OK) {
        *err = t->err;
        fb_table_close(t);
        return rc;
    }
    memset(err, 0, sizeof *err);
    memset(&t->err, 0, sizeof t->err);
    *out = t;
    return FB_OK;
}

static int fail_early(fb_table_error *err, int code, const char *name, const char *why) {
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s: %s", name ? name : "(memory)", why);
    fb_text_cut(err->message, sizeof err->message);
    return code;
}

int fb_table_open_file(const char *path, const fb_table_options *opt, fb_table **out,
                       fb_table_error *err) {
    FB_ASSERT(path != NULL && out != NULL && err != NULL);
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail_early(err, FB_EIO, path, FB_ERRNO_TEXT(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail_early(err, FB_EINVAL, path, "not a regular file");
    }
    fb_table *t = table_new(path, fd, NULL, 0);
    if (!t) {
        close(fd);
        return fail_early(err, FB_ENOMEM, path, "out of memory");
    }
    t->file_size = (uint64_t)st.st_size;
    return finish_open(t, opt, out, err);
}

int fb_table_open_memory(const void *data, size_t size, const char *name,
                         const fb_table_options *opt, fb_table **out, fb_table_error *err) {
    FB_ASSERT(data != NULL || size == 0);
    FB_ASSERT(out != NULL && err != NULL);
    *out = NULL;
    static const uint8_t empty[1] = {0};
    fb_table *t = table_new(name, -1, data ? data : empty, size);
    if (!t) return fail_early(err, FB_ENOMEM, name, "out of memory");
    return finish_open(t, opt, out, err);
}

/* ---- Rows --------------------------------------------------------------------------------- */

static void fill_row(const fb_table *t, fb_table_row *row) {
    const fb__row *r = &t->row;
    row->number = r->number;
    row->count = r->count;
    row->cells = r->cells;
    row->blank = true;
    for (uint32_t i = 0; i < r->count; i++)
        if (r->cells[i].len) row->blank = false;
}

int fb_table_next(fb_table *t, fb_table_row *row) {
    FB_ASSERT(t != NULL && row != NULL);
    memset(row, 0, sizeof *row);
    if (t->status != FB_OK) return t->status;
    int rc = t->kind == FB_TABLE_CSV ? fb__csv_next(t) : fb__xlsx_next(t);
    if (rc == 1) fill_row(t, row);
    FB_ASSERT(rc <= 1 && (rc >= 0 || t->status == rc));
    return rc;
}

/* Copies the row just read into the header's own buffers, sized to it. */
static int keep_header(fb_table *t) {
    fb__row *h = &t->header, *r = &t->row;
    FB_ASSERT(h->text == NULL && h->cells == NULL);
    h->text = malloc(r->used ? r->used : 1);
    h->cells = malloc(r->count * sizeof *h->cells);
    if (!h->text || !h->cells) return fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    memcpy(h->text, r->text, r->used);
    h->used = h->cap = r->used;
    h->count = h->cells_cap = r->count;
    h->number = r->number;
    for (uint32_t i = 0; i < r->count; i++) {
        h->cells[i] = r->cells[i];
        h->cells[i].text = h->text + (r->cells[i].text - r->text);
    }
    return FB_OK;
}

int fb_table_header(fb_table *t, fb_table_row *row) {
    FB_ASSERT(t != NULL && row != NULL);
    FB_ASSERT(t->width == 0); /* once per table */
    int rc = fb_table_next(t, row);
    if (rc != 1) return rc;
    return fb_table_header_here(t, row);
}

int fb_table_header_here(fb_table *t, fb_table_row *row) {
    FB_ASSERT(t != NULL && row != NULL);
    FB_ASSERT(t->width == 0 && t->header.text == NULL); /* once per table */
    if (t->status != FB_OK) return t->status;
    int rc;
    if (t->kind == FB_TABLE_XLSX) { /* a sheet's styled empty cells at the end are no columns */
        while (t->row.count > 0 && t->row.cells[t->row.count - 1].len == 0)
            t->row.count--;
    }
    if (t->row.count == 0) {
        return fb__table_fail(t, FB_EINVAL, t->row.number, 0, NULL, "the header row is empty");
    }
    rc = keep_header(t);
    if (rc != FB_OK) return rc;
    t->width = t->row.count;
    t->header_view.number = t->header.number;
    t->header_view.count = t->header.count;
    t->header_view.cells = t->header.cells;
    fill_row(t, row);
    return 1;
}

void fb_table_progress(const fb_table *t, uint64_t *done, uint64_t *total) {
    FB_ASSERT(t != NULL && done != NULL && total != NULL);
    if (t->kind == FB_TABLE_CSV) {
        fb__csv_progress(t, done);
        *total = t->file_size;
    } else {
        fb__xlsx_progress(t, done, total);
    }
    FB_ASSERT(*done <= *total || *total == 0);
}

const fb_table_row *fb_table_header_row(const fb_table *t) {
    FB_ASSERT(t != NULL);
    FB_ASSERT(t->width == 0 || t->header_view.count == t->width);
    return &t->header_view;
}

const fb_table_error *fb_table_last_error(const fb_table *t) {
    FB_ASSERT(t != NULL);
    return &t->err;
}

fb_table_kind fb_table_kind_of(const fb_table *t) { return t->kind; }
fb_table_encoding fb_table_encoding_of(const fb_table *t) { return t->encoding; }
bool fb_table_date1904(const fb_table *t) {
    return t->kind == FB_TABLE_XLSX && fb__xlsx_date1904(t);
}
const char *fb_table_sheet_name(const fb_table *t) {
    return t->kind == FB_TABLE_XLSX ? fb__xlsx_sheet_name(t) : "";
}

void fb_table_close(fb_table *t) {
    if (!t) return;
    if (t->csv) fb__csv_close(t);
    if (t->xlsx) fb__xlsx_close(t);
    if (t->fd >= 0) close(t->fd);
    free(t->row.text);
    free(t->row.cells);
    free(t->header.text);
    free(t->header.cells);
    free(t);
}
