/* fuzz_csv.c — the CSV reader and the cell helpers under libFuzzer (make fuzz), and the body that
 * tests/test_corpus.c replays over tests/corpus/csv in make test.
 *
 * The first byte chooses the encoding (auto, UTF-8, GB18030) and whether a header is read; the
 * rest is the file. Properties: the file reads to its end or is refused with a message, a row and
 * a negative code that stays; every row's number grows, its cells are numbered 1..count, each
 * UTF-8 without NUL, of its stated length, the header's count once there is one. What reads
 * without error, written back as CSV (every cell quoted), reads back to the same cells. The
 * helpers: a cell's text rounds to a canonical decimal, and that again to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cell_text.h"
#include "wire/table_reader.h"

int fb_fuzz_csv_one(const uint8_t *data, size_t size);

/* The largest input the target takes: a few rows of the largest cells. */
#define CSVF_INPUT_MAX (256 * 1024)

typedef struct {
    char *buf; /* the rows written back as CSV */
    size_t len, cap;
    uint32_t width;
} csvf_out;

static void csvf_put(csvf_out *o, const char *s, size_t n) {
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        o->buf = realloc(o->buf, cap);
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Writes a row back: every cell quoted, a quote doubled. */
static void csvf_write_row(csvf_out *o, const fb_table_row *row) {
    for (uint32_t i = 0; i < row->count; i++) {
        const fb_table_cell *c = &row->cells[i];
        csvf_put(o, i ? ",\"" : "\"", i ? 2 : 1);
        for (uint32_t k = 0; k < c->len; k++)
            csvf_put(o, c->text[k] == '"' ? "\"\"" : c->text + k, c->text[k] == '"' ? 2 : 1);
        csvf_put(o, "\"", 1);
    }
    csvf_put(o, "\r\n", 2);
}

/* Whether out is canonical: [-]digits[.decimals], no leading zero but "0", no "-0". */
static bool csvf_canonical(const char *out, int decimals) {
    const char *p = out + (out[0] == '-');
    size_t whole = strspn(p, "0123456789");
    bool zero = strspn(p, "0.") == strlen(p);
    if (whole == 0 || (whole > 1 && p[0] == '0') || (out[0] == '-' && zero)) return false;
    if (decimals == 0) return p[whole] == '\0';
    return p[whole] == '.' && strspn(p + whole + 1, "0123456789") == (size_t)decimals &&
           p[whole + 1 + (size_t)decimals] == '\0';
}

/* The helpers on a cell's text: a canonical result that rounds to itself; a date in range. */
static int csvf_helpers(const fb_table_cell *c) {
    char out[64], again[64];
    int decimals = (int)(c->len % 5);
    if (fb_cell_decimal_round(c->text, c->len, decimals, out, sizeof out, NULL) == FB_OK) {
        if (!csvf_canonical(out, decimals)) return 1;
        if (fb_cell_decimal_round(out, strlen(out), decimals, again, sizeof again, NULL) != FB_OK ||
            strcmp(out, again) != 0)
            return 1;
    }
    int32_t days = 0;
    if (fb_cell_serial_date(c->text, c->len, c->len % 2, &days, NULL) == FB_OK) {
        if (days < fb_date_from_ymd(1900, 1, 1) || days > fb_date_from_ymd(9999, 12, 31)) return 1;
    }
    return 0;
}

/* Checks one row; returns 1 when a property failed. */
static int csvf_check_row(const fb_table_row *row, uint64_t last, uint32_t width) {
    if (row->number <= last || row->count == 0) return 1;
    if (width && row->count != width) return 1;
    for (uint32_t i = 0; i < row->count; i++) {
        const fb_table_cell *c = &row->cells[i];
        size_t at = 0;
        if (c->column != i + 1 || strlen(c->text) != c->len || c->len > FB_TABLE_CELL_MAX ||
            fb_text_check(c->text, c->len, &at) != FB_TEXT_OK ||
            (c->kind == FB_CELL_EMPTY) != (c->len == 0) || csvf_helpers(c))
            return 1;
    }
    return 0;
}

/* Reads the table to its end, writing its rows back into o when given. Returns 1 when a property
 * failed; *rc is the last read's return. */
static int csvf_read(fb_table *t, bool header, csvf_out *o, int *rc) {
    fb_table_row row;
    uint64_t last = 0;
    int r = header ? fb_table_header(t, &row) : fb_table_next(t, &row);
    for (; r == 1; r = fb_table_next(t, &row)) {
        uint32_t width = fb_table_header_row(t)->count;
        if (csvf_check_row(&row, last, width)) return 1;
        last = row.number;
        if (o) csvf_write_row(o, &row);
    }
    *rc = r;
    if (r < 0) { /* refused: with a message, a code that stays */
        const fb_table_error *e = fb_table_last_error(t);
        if (e->code != r || !e->message[0] || fb_table_next(t, &row) != r) return 1;
    }
    return 0;
}

/* Reads o's CSV back and compares it with the dump of the first read, row by row. */
static int csvf_reread(const csvf_out *o, bool header, const uint8_t *data, size_t size,
                       fb_table_encoding enc) {
    fb_table *a = NULL, *b = NULL;
    fb_table_error err;
    fb_table_options oa = {enc, NULL}, ob = {FB_TABLE_ENCODING_UTF8, NULL};
    int bad = 0;
    if (fb_table_open_memory(data, size, "a.csv", &oa, &a, &err) != FB_OK ||
        fb_table_open_memory(o->buf ? o->buf : "", o->len, "b.csv", &ob, &b, &err) != FB_OK) {
        bad = 1;
    }
    fb_table_row ra, rb;
    int x = 1, y = 1;
    for (bool first = true; !bad && x == 1; first = false) {
        x = first && header ? fb_table_header(a, &ra) : fb_table_next(a, &ra);
        y = first && header ? fb_table_header(b, &rb) : fb_table_next(b, &rb);
        if (x != y) {
            bad = 1;
        } else if (x == 1 && ra.count != rb.count) {
            bad = 1;
        } else {
            for (uint32_t i = 0; x == 1 && i < ra.count; i++)
                if (ra.cells[i].len != rb.cells[i].len ||
                    memcmp(ra.cells[i].text, rb.cells[i].text, ra.cells[i].len) != 0)
                    bad = 1;
        }
    }
    fb_table_close(a);
    fb_table_close(b);
    return bad;
}

int fb_fuzz_csv_one(const uint8_t *data, size_t size) {
    if (size == 0 || size > CSVF_INPUT_MAX) return 0;
    fb_table_encoding enc = (fb_table_encoding)(data[0] % 3);
    bool header = (data[0] >> 2) & 1;
    data++, size--;
    fb_table_options opt = {enc, NULL};
    fb_table *t = NULL;
    fb_table_error err;
    int rc = fb_table_open_memory(data, size, "f.csv", &opt, &t, &err);
    if (rc != FB_OK) return t != NULL || err.code != rc || !err.message[0];
    if (fb_table_kind_of(t) != FB_TABLE_CSV) { /* a zip or an OLE file is another target's */
        fb_table_close(t);
        return 0;
    }
    csvf_out o = {0};
    int bad = csvf_read(t, header, &o, &rc);
    fb_table_encoding used = fb_table_encoding_of(t);
    fb_table_close(t);
    if (!bad && rc == 0) bad = csvf_reread(&o, header, data, size, used);
    free(o.buf);
    return bad;
}

#ifdef FB_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fb_fuzz_csv_one(data, size)) abort();
    return 0;
}
#endif
