/* export_csv.c — the CSV sheet of an export: UTF-8 with a byte-order mark (Excel on a Chinese
 * system opens a file without one as GBK and garbles it), RFC 4180 (CRLF line ends; a field with
 * a comma, a quote or a line break in quotes, its quotes doubled), one header line and one line a
 * row; numbers as their exact decimal text ("1234.56", never through a float). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/export_table.h"

typedef struct {
    FILE *f;
    size_t col; /* cells written on the current line */
} csv;

/* Buffer of the file: a line is written in one call of the C library most of the time. */
enum { CSV_BUFFER = 1 << 16 };

static void field(FILE *f, const char *s) {
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static int failed(fb__sheet *s, const char *what) {
    snprintf(s->error, sizeof s->error, "%s: %s", what, FB_ERRNO_TEXT(errno ? errno : EIO));
    return FB_EIO;
}

static int csv_open(fb__sheet *s, const char *path, const fb__sheet_head *head) {
    FB_ASSERT(s != NULL && path != NULL && head != NULL);
    csv *c = calloc(1, sizeof *c);
    if (!c) return FB_ENOMEM;
    c->f = fopen(path, "wb");
    if (!c->f) {
        free(c);
        return failed(s, "cannot create the file");
    }
    setvbuf(c->f, NULL, _IOFBF, CSV_BUFFER);
    s->impl = c;
    s->sheets = 1;
    fputs("\xEF\xBB\xBF", c->f);
    for (size_t i = 0; i < head->n_columns; i++) {
        if (i) fputc(',', c->f);
        field(c->f, head->headers[i]);
    }
    fputs("\r\n", c->f);
    return ferror(c->f) ? failed(s, "writing") : FB_OK;
}

static int csv_cell(fb__sheet *s, size_t col, const fb__cell *cell) {
    csv *c = s->impl;
    FB_ASSERT(c != NULL && col == c->col);
    char buf[FB__CELL_TEXT_MAX];
    if (c->col++) fputc(',', c->f);
    field(c->f, fb__cell_plain(cell, buf));
    return FB_OK;
}

static int csv_end_row(fb__sheet *s) {
    csv *c = s->impl;
    FB_ASSERT(c != NULL);
    c->col = 0;
    fputs("\r\n", c->f);
    return ferror(c->f) ? failed(s, "writing") : FB_OK;
}

static int csv_close(fb__sheet *s, const char *note) {
    csv *c = s->impl;
    FB_ASSERT(c != NULL);
    (void)note; /* a CSV file is the table alone: no line may be other than a row */
    int rc = ferror(c->f) ? failed(s, "writing") : FB_OK;
    if (fclose(c->f) != 0 && rc == FB_OK) rc = failed(s, "closing the file");
    free(c);
    s->impl = NULL;
    return rc;
}

static void csv_abandon(fb__sheet *s) {
    csv *c = s->impl;
    if (!c) return;
    fclose(c->f);
    free(c);
    s->impl = NULL;
}

const fb__sheet_ops fb__csv_ops = {csv_open, csv_cell, csv_end_row, csv_close, csv_abandon};
