/* table_sheet.c — a worksheet's rows, streamed: expat is fed the inflated sheet a chunk at a time
 * and paused at the end of each row (XML_StopParser, resumable), so a row is handed to the caller
 * while the rest of the sheet is still in the zip.
 *
 * A row's cells come with their references (B12), and the gaps between them, which a sheet does
 * not store, are filled with empty cells. A cell's text: a shared string by its index, an inline
 * string's runs joined, a number's, a date serial's or an error's <v> as stored, a boolean as
 * TRUE or FALSE. */
#include <string.h>

#include "core/assert.h"
#include "core/cell_text.h"
#include "wire/table_xlsx.h"

static fb__sheet *sheet_of(fb_table *t) { return &t->xlsx->sheet; }

/* Stops the parser after a row buffer's call failed (the table's error is set). */
static void halt(fb__sheet *s, int rc) {
    FB_ASSERT(rc < 0 && s->part.t->status == rc);
    XML_StopParser(s->part.xml, XML_FALSE);
}

/* Parses a row number attribute: 1..FB_XLSX_ROWS_MAX, digits only. 0 when malformed,
 * FB_XLSX_ROWS_MAX + 1 when over the limit. */
static uint64_t row_number(const char *v) {
    uint64_t n = 0;
    size_t i = 0;
    for (; v[i] >= '0' && v[i] <= '9'; i++) {
        n = n * 10 + (uint64_t)(v[i] - '0');
        if (n > FB_XLSX_ROWS_MAX) return FB_XLSX_ROWS_MAX + 1;
    }
    return i > 0 && v[i] == '\0' ? n : 0;
}

static void row_begin(fb_table *t, fb__sheet *s, const char **attrs) {
    const char *r = fb__xml_attr(attrs, "r");
    uint64_t n = r ? row_number(r) : s->last_row + 1;
    if (n == 0) {
        fb__part_fail(&s->part, FB_EINVAL, s->last_row + 1, 0, NULL,
                      "a row numbered \"%.20s\", not 1 to %d", r, FB_XLSX_ROWS_MAX);
        return;
    }
    if (n > FB_XLSX_ROWS_MAX) {
        fb__part_fail(&s->part, FB_ELIMIT, 0, 0, "FB_XLSX_ROWS_MAX",
                      "a sheet over the row limit: a row past %d (FB_XLSX_ROWS_MAX)",
                      FB_XLSX_ROWS_MAX);
        return;
    }
    if (n <= s->last_row) {
        fb__part_fail(&s->part, FB_EINVAL, n, 0, NULL, "row %llu comes after row %llu",
                      (unsigned long long)n, (unsigned long long)s->last_row);
        return;
    }
    fb__row_start(&t->row, n);
    s->last_row = n;
    s->last_column = 0;
    s->in_row = true;
}

/* The cell's type letter for its t attribute, or 0 for one no sheet has. */
static char cell_type(const char *v) {
    if (!v || strcmp(v, "n") == 0) return 'n';
    if (strcmp(v, "s") == 0) return 's';
    if (strcmp(v, "inlineStr") == 0) return 'i';
    if (strcmp(v, "str") == 0) return 'f';
    if (strcmp(v, "b") == 0) return 'b';
    if (strcmp(v, "e") == 0) return 'e';
    if (strcmp(v, "d") == 0) return 'd';
    return 0;
}

/* The cell's column from its reference, or the one after the last; 0 when refused. */
static uint32_t cell_column(fb_table *t, fb__sheet *s, const char *ref) {
    uint32_t col = s->last_column + 1, row = 0;
    uint64_t at = t->row.number;
    if (ref && (!fb_cell_ref_parse(ref, strlen(ref), &col, &row) || row != at)) {
        fb__part_fail(&s->part, FB_EINVAL, at, 0, NULL, "a cell \"%.20s\" in row %llu", ref,
                      (unsigned long long)at);
        return 0;
    }
    if (col > FB_TABLE_CELLS_MAX) {
        fb__part_fail(&s->part, FB_ELIMIT, at, 0, "FB_TABLE_CELLS_MAX",
                      "more than %d cells in a row (FB_TABLE_CELLS_MAX)", FB_TABLE_CELLS_MAX);
        return 0;
    }
    if (col <= s->last_column) {
        fb__part_fail(&s->part, FB_EINVAL, at, col, NULL, "a cell after column %u's",
                      (unsigned)s->last_column);
        return 0;
    }
    return col;
}

static void cell_begin(fb_table *t, fb__sheet *s, const char **attrs) {
    uint32_t col = cell_column(t, s, fb__xml_attr(attrs, "r"));
    if (col == 0) return;
    const char *tv = fb__xml_attr(attrs, "t");
    char type = cell_type(tv);
    if (!type) {
        fb__part_fail(&s->part, FB_EINVAL, t->row.number, col, NULL, "a cell of type \"%.20s\"",
                      tv);
        return;
    }
    const char *sv = fb__xml_attr(attrs, "s");
    uint32_t style = 0;
    for (size_t i = 0; sv && sv[i] >= '0' && sv[i] <= '9' && style <= FB_XLSX_STYLES_MAX; i++)
        style = style * 10 + (uint32_t)(sv[i] - '0');
    fb__xlsx *x = t->xlsx;
    s->date = type == 'n' && style < x->xf_count && x->xf_date[style];
    uint32_t fill = t->width && col - 1 > t->width ? t->width : col - 1;
    while (t->row.count < fill) {
        int rc = fb__row_empty_cell(t);
        if (rc != FB_OK) {
            halt(s, rc);
            return;
        }
    }
    FB_ASSERT(t->row.used == t->row.cell_start);
    s->type = type;
    s->column = col;
    s->last_column = col;
    s->index_len = 0;
    s->in_cell = true;
}

/* The open cell's text, once its <v> or <is> is read: a shared string's or a boolean's. */
static int cell_value(fb_table *t, fb__sheet *s) {
    fb__xlsx *x = t->xlsx;
    uint64_t at = t->row.number;
    if (s->type == 'b' && s->index_len) {
        bool one = s->index_len == 1 && s->index[0] == '1';
        if (!one && !(s->index_len == 1 && s->index[0] == '0')) {
            return fb__part_fail(&s->part, FB_EINVAL, at, s->column, NULL,
                                 "a boolean cell holding \"%.*s\"", (int)s->index_len, s->index);
        }
        return fb__row_append(t, one ? "TRUE" : "FALSE", one ? 4 : 5);
    }
    if (s->type != 's' || s->index_len == 0) return FB_OK;
    uint64_t i = 0;
    for (size_t k = 0; k < s->index_len; k++) {
        char c = s->index[k];
        if (c < '0' || c > '9' || k >= 12) {
            return fb__part_fail(&s->part, FB_EINVAL, at, s->column, NULL,
                                 "a shared string's index \"%.*s\"", (int)s->index_len, s->index);
        }
        i = i * 10 + (uint64_t)(c - '0');
    }
    if (i >= x->string_count) {
        return fb__part_fail(&s->part, FB_EINVAL, at, s->column, NULL,
                             "shared string %llu, of %zu the workbook has", (unsigned long long)i,
                             x->string_count);
    }
    uint32_t from = x->offsets[i], to = x->offsets[i + 1];
    return fb__row_append(t, x->strings + from, to - from);
}

static fb_cell_kind cell_kind(const fb__sheet *s) {
    switch (s->type) {
    case 'n': return s->date ? FB_CELL_DATE : FB_CELL_NUMBER;
    case 'b': return FB_CELL_BOOL;
    case 'e': return FB_CELL_ERROR;
    default: return FB_CELL_TEXT;
    }
}

static void cell_end(fb_table *t, fb__sheet *s) {
    fb__row *r = &t->row;
    s->in_cell = s->in_value = s->in_inline = s->in_text = false;
    int rc = cell_value(t, s);
    if (rc != FB_OK) {
        halt(s, rc);
        return;
    }
    size_t len = r->used - r->cell_start;
    if (s->type == 'i' || s->type == 'f') { /* strings carry OOXML's escapes */
        size_t decoded = fb__xstring_decode(r->text + r->cell_start, len);
        r->text_bytes -= len - decoded;
        r->used = r->cell_start + decoded;
        len = decoded;
    }
    if (t->width && s->column > t->width) {
        if (len > 0) {
            fb__part_fail(&s->part, FB_EINVAL, r->number, s->column, NULL,
                          "a value past the header's last column (%u columns)", (unsigned)t->width);
            return;
        }
        r->used = r->cell_start; /* a styled empty cell past the header: no column */
        return;
    }
    rc = fb__row_end_cell(t, cell_kind(s));
    if (rc != FB_OK) halt(s, rc);
}

static void row_end(fb_table *t, fb__sheet *s) {
    fb__row *r = &t->row;
    s->in_row = false;
    if (t->width) {
        while (r->count < t->width) {
            int rc = fb__row_empty_cell(t);
            if (rc != FB_OK) {
                halt(s, rc);
                return;
            }
        }
    } else { /* before the header, a row ends at its last value */
        while (r->count > 0 && r->cells[r->count - 1].len == 0)
            r->count--;
    }
    FB_ASSERT(!t->width || r->count == t->width);
    s->ready = true;
    fb__part_pause(&s->part);
}

static void sheet_start(void *ctx, const char *name, const char **attrs) {
    fb_table *t = ctx;
    fb__sheet *s = sheet_of(t);
    if (!s->root_seen) {
        s->root_seen = true;
        if (strcmp(name, "worksheet") != 0) {
            fb__part_fail(&s->part, FB_EINVAL, 0, 0, NULL, "%s is a <%.40s>, not a worksheet",
                          s->part.name, name);
        }
    } else if (strcmp(name, "sheetData") == 0) {
        s->in_data = true;
    } else if (!s->in_data) {
        /* the sheet's views, columns, merges, ...: not data */
    } else if (!s->in_row) {
        if (strcmp(name, "row") == 0) row_begin(t, s, attrs);
    } else if (!s->in_cell) {
        if (strcmp(name, "c") == 0) cell_begin(t, s, attrs);
    } else if (strcmp(name, "v") == 0) {
        s->in_value = true;
    } else if (strcmp(name, "is") == 0) {
        s->in_inline = true;
    } else if (strcmp(name, "rPh") == 0) {
        s->phonetic++;
    } else if (strcmp(name, "t") == 0 && s->in_inline) {
        s->in_text = true;
    }
}

static void sheet_end(void *ctx, const char *name) {
    fb_table *t = ctx;
    fb__sheet *s = sheet_of(t);
    if (!s->in_data) return;
    if (strcmp(name, "sheetData") == 0) {
        s->in_data = false;
    } else if (s->in_cell && strcmp(name, "c") == 0) {
        cell_end(t, s);
    } else if (s->in_row && !s->in_cell && strcmp(name, "row") == 0) {
        row_end(t, s);
    } else if (strcmp(name, "v") == 0) {
        s->in_value = false;
    } else if (strcmp(name, "is") == 0) {
        s->in_inline = false;
    } else if (strcmp(name, "rPh") == 0 && s->phonetic > 0) {
        s->phonetic--;
    } else if (strcmp(name, "t") == 0) {
        s->in_text = false;
    }
}

static void sheet_text(void *ctx, const char *text, int len) {
    fb_table *t = ctx;
    fb__sheet *s = sheet_of(t);
    if (!s->in_cell || len <= 0) return;
    bool inline_text = s->type == 'i' && s->in_inline && s->in_text && !s->phonetic;
    bool value = s->type != 'i' && s->in_value;
    if (!inline_text && !value) return;
    if (s->type == 's' || s->type == 'b') { /* an index or 0/1, kept aside */
        if (s->index_len + (size_t)len > sizeof s->index) {
            fb__part_fail(&s->part, FB_EINVAL, t->row.number, s->column, NULL,
                          s->type == 's' ? "a shared string's index that is not one"
                                         : "a boolean cell that is not 0 or 1");
            return;
        }
        memcpy(s->index + s->index_len, text, (size_t)len);
        s->index_len += (size_t)len;
        return;
    }
    int rc = fb__row_append(t, text, (size_t)len);
    if (rc != FB_OK) halt(s, rc);
}

const fb__xml_handlers fb__sheet_handlers = {sheet_start, sheet_end, sheet_text};

int fb__sheet_next(fb_table *t) {
    fb__sheet *s = sheet_of(t);
    FB_ASSERT(s->part.xml != NULL);
    s->ready = false;
    for (;;) {
        int rc = fb__part_step(&s->part);
        if (rc < 0) return rc;
        if (s->ready) return 1;
        if (rc == 0) return 0;
    }
}
