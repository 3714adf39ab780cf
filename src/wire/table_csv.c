/* table_csv.c — CSV as RFC 4180 writes it, in UTF-8 (with or without a byte order mark) or in
 * GB18030, which Excel and WPS write on Chinese systems (GBK and GB2312 are its subsets).
 *
 * Three layers, each with a fixed buffer: the file's bytes in chunks; for GB18030, iconv turning a
 * chunk into UTF-8 (an incomplete character at a chunk's end waits for the next one); and the
 * tokenizer, which copies runs of ordinary bytes into the row buffer. Nothing grows with the
 * file.
 *
 * The encoding, when not named, is learnt by one pass over the file before the first row: valid
 * UTF-8 is UTF-8. Otherwise it is GB18030, unless the file had many valid UTF-8 characters before
 * its first invalid byte: then it is UTF-8 with a fault, which is refused at its row rather than
 * read as GB18030 into text nobody wrote. */
#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/table_internal.h"

/* Valid UTF-8 characters of two or more bytes before the first invalid byte that make a file
 * UTF-8 with a fault rather than GB18030: Chinese text in GBK breaks UTF-8 within its first few
 * characters (a GBK trail byte is rarely a UTF-8 continuation), so eight is already unlikely. */
#define MIXED_UTF8_CHARACTERS 8

/* What the byte source returns besides a byte. */
enum { BYTE_END = -1, BYTE_BAD = -2, BYTE_ERROR = -3 };

struct fb__csv {
    iconv_t cd;      /* (iconv_t)-1 when the file is read as UTF-8 */
    uint64_t offset; /* the next byte of the file to read */
    bool eof;        /* every byte of the file has been read */
    bool bad;        /* the converter stopped at a sequence valid in neither encoding */
    bool started;    /* the first decoded bytes have been seen (a BOM comes first) */
    bool detected;   /* the encoding was learnt from the file, not named */
    const char *dec; /* the decoded bytes the tokenizer reads */
    size_t dec_len, dec_pos;
    uint64_t record; /* the record being read (1-based, blank lines counted) */
    size_t raw_len;  /* bytes in raw not yet converted */
    char raw[FB__TABLE_CHUNK];
    char out[2 * FB__TABLE_CHUNK]; /* GB18030 to UTF-8 grows at most 3 bytes for 2 */
};

/* ---- Encoding ----------------------------------------------------------------------------- */

/* Counts the lead bytes of multi-byte characters in valid UTF-8 text. */
static size_t multibyte_count(const unsigned char *p, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] >= 0xC2;
    return k;
}

/* Scans the file for UTF-8 validity and decides its encoding (see the file's comment). */
static int detect(fb_table *t) {
    unsigned char buf[FB__TABLE_CHUNK];
    size_t carry = 0, characters = 0;
    uint64_t offset = 0;
    for (;;) {
        ssize_t k = fb__table_pread(t, buf + carry, sizeof buf - carry, offset);
        if (k < 0)
            return fb__table_fail(t, FB_EIO, 0, 0, NULL, "cannot read: %s", FB_ERRNO_TEXT(errno));
        offset += (uint64_t)k;
        size_t len = carry + (size_t)k, pos = 0;
        bool last = k == 0;
        carry = 0;
        while (pos < len) {
            size_t at = 0;
            fb_text_fault f = fb_text_check((const char *)buf + pos, len - pos, &at);
            characters += multibyte_count(buf + pos, at);
            if (f == FB_TEXT_OK) break;
            if (f == FB_TEXT_NUL) { /* refused later, at its cell */
                pos += at + 1;
                continue;
            }
            if (!last && len - (pos + at) < 4) { /* maybe a character cut by the chunk */
                carry = len - (pos + at);
                memmove(buf, buf + pos + at, carry);
                break;
            }
            t->encoding = characters >= MIXED_UTF8_CHARACTERS ? FB_TABLE_ENCODING_UTF8
                                                              : FB_TABLE_ENCODING_GB18030;
            return FB_OK;
        }
        if (last) break;
    }
    t->encoding = FB_TABLE_ENCODING_UTF8;
    return FB_OK;
}

/* Refuses UTF-16 (Excel's "Unicode text") and settles the encoding. */
static int choose_encoding(fb_table *t) {
    unsigned char head[3] = {0};
    ssize_t n = fb__table_pread(t, head, sizeof head, 0);
    if (n < 0)
        return fb__table_fail(t, FB_EIO, 0, 0, NULL, "cannot read: %s", FB_ERRNO_TEXT(errno));
    if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
        return fb__table_fail(t, FB_EINVAL, 0, 0, NULL,
                              "UTF-16 text (Excel's \"Unicode text\"), not CSV: save it as CSV "
                              "UTF-8 or as XLSX");
    }
    bool bom = n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    if (bom && t->encoding == FB_TABLE_ENCODING_GB18030) {
        return fb__table_fail(
            t, FB_EINVAL, 0, 0, NULL,
            "the file starts with a UTF-8 byte order mark, but GB18030 was named");
    }
    if (t->encoding != FB_TABLE_ENCODING_AUTO) return FB_OK;
    t->csv->detected = true;
    if (bom) {
        t->encoding = FB_TABLE_ENCODING_UTF8;
        return FB_OK;
    }
    return detect(t);
}

/* ---- Bytes -------------------------------------------------------------------------------- */

/* Converts what raw holds into out; sets c->bad at a sequence GB18030 does not have. */
static void convert(fb__csv *c) {
    char *in = c->raw, *o = c->out;
    size_t in_left = c->raw_len, out_left = sizeof c->out;
    size_t r = iconv(c->cd, &in, &in_left, &o, &out_left);
    if (r == (size_t)-1 && errno == EILSEQ) c->bad = true;
    if (r == (size_t)-1 && errno == EINVAL && c->eof) c->bad = true; /* cut at the end */
    memmove(c->raw, in, in_left);
    c->raw_len = in_left;
    c->dec = c->out;
    c->dec_len = sizeof c->out - out_left;
    c->dec_pos = 0;
}

/* Reads the file on into raw (GB18030) or straight into dec (UTF-8). */
static int read_more(fb_table *t, fb__csv *c) {
    char *to = c->cd == (iconv_t)-1 ? c->raw : c->raw + c->raw_len;
    size_t room = c->cd == (iconv_t)-1 ? sizeof c->raw : sizeof c->raw - c->raw_len;
    FB_ASSERT(room > 0); /* convert leaves at most a cut character, or stops for good */
    ssize_t k = fb__table_pread(t, to, room, c->offset);
    if (k < 0)
        return fb__table_fail(t, FB_EIO, c->record, 0, NULL, "cannot read: %s",
                              FB_ERRNO_TEXT(errno));
    c->offset += (uint64_t)k;
    if (k == 0) c->eof = true;
    if (c->cd == (iconv_t)-1) {
        c->dec = c->raw;
        c->dec_len = (size_t)k;
        c->dec_pos = 0;
    } else {
        c->raw_len += (size_t)k;
    }
    return FB_OK;
}

/* Refills dec. Returns the first byte, BYTE_END, BYTE_BAD or BYTE_ERROR (t's error set). */
static int refill(fb_table *t, fb__csv *c) {
    FB_ASSERT(c->dec_pos == c->dec_len);
    while (c->dec_pos == c->dec_len) {
        if (c->bad) return BYTE_BAD;
        if (c->eof && c->raw_len == 0) return BYTE_END;
        if (!c->eof && read_more(t, c) != FB_OK) return BYTE_ERROR;
        if (c->cd != (iconv_t)-1 && (c->raw_len > 0 || c->eof)) convert(c);
    }
    if (!c->started) { /* a byte order mark: UTF-8's, or GB18030's converted to it */
        c->started = true;
        if (c->dec_len >= 3 && memcmp(c->dec, "\xEF\xBB\xBF", 3) == 0) c->dec_pos = 3;
        if (c->dec_pos == c->dec_len) return refill(t, c);
    }
    return (unsigned char)c->dec[c->dec_pos];
}

/* The next byte without taking it. */
static inline int peek(fb_table *t, fb__csv *c) {
    return c->dec_pos < c->dec_len ? (unsigned char)c->dec[c->dec_pos] : refill(t, c);
}

/* ---- Records ------------------------------------------------------------------------------ */

static int bad_bytes(fb_table *t, fb__csv *c) {
    return fb__table_fail(t, FB_EINVAL, c->record, t->row.count + 1, NULL,
                          c->detected ? "bytes that are neither UTF-8 nor GB18030"
                                      : "bytes that are not GB18030, the encoding named");
}

/* Whether b ends a cell's ordinary bytes. */
static inline bool special(unsigned char b) {
    return b == ',' || b == '\n' || b == '\r' || b == '"';
}

/* Appends the run of bytes up to the next special one (or the buffer's end). */
static int take_run(fb_table *t, fb__csv *c, bool quoted) {
    size_t start = c->dec_pos;
    const unsigned char *p = (const unsigned char *)c->dec;
    if (quoted) {
        const char *q = memchr(c->dec + start, '"', c->dec_len - start);
        c->dec_pos = q ? (size_t)(q - c->dec) : c->dec_len;
    } else {
        while (c->dec_pos < c->dec_len && !special(p[c->dec_pos]))
            c->dec_pos++;
    }
    return fb__row_append(t, c->dec + start, c->dec_pos - start);
}

/* A quoted cell, from after its opening quote to after its closing one. */
static int quoted_cell(fb_table *t, fb__csv *c) {
    uint32_t column = t->row.count + 1;
    for (;;) {
        int b = peek(t, c);
        if (b == BYTE_END) {
            return fb__table_fail(t, FB_EINVAL, c->record, column, NULL,
                                  "a quote left open: the cell's quote is not closed before the "
                                  "end of the file");
        }
        if (b == BYTE_BAD) return bad_bytes(t, c);
        if (b == BYTE_ERROR) return t->status;
        if (b != '"') {
            int rc = take_run(t, c, true);
            if (rc != FB_OK) return rc;
            continue;
        }
        c->dec_pos++;
        if (peek(t, c) != '"') return FB_OK; /* the closing quote */
        c->dec_pos++;
        int rc = fb__row_append(t, "\"", 1); /* a doubled quote is one */
        if (rc != FB_OK) return rc;
    }
}

/* After a cell: a comma (1, another cell follows), a line end or the file's end (0, the record
 * ends), or an error. */
static int after_cell(fb_table *t, fb__csv *c, bool quoted) {
    int b = peek(t, c);
    if (b == BYTE_END) return 0;
    if (b == BYTE_BAD) return bad_bytes(t, c);
    if (b == BYTE_ERROR) return t->status;
    uint32_t column = t->row.count;
    c->dec_pos++;
    if (b == ',') return 1;
    if (b == '\n') return 0;
    if (b == '\r') {
        if (peek(t, c) == '\n') {
            c->dec_pos++;
            return 0;
        }
        return fb__table_fail(t, FB_EINVAL, c->record, column, NULL,
                              "a carriage return not followed by a line feed");
    }
    return fb__table_fail(t, FB_EINVAL, c->record, column, NULL,
                          quoted ? "a character after the closing quote (a quote inside a "
                                   "quoted cell is written twice)"
                                 : "a stray quote in a cell that does not begin with one (RFC "
                                   "4180: quote the whole cell and double the quote)");
}

/* One cell: its bytes, then what follows it. Returns as after_cell. */
static int cell(fb_table *t, fb__csv *c) {
    int b = peek(t, c);
    bool quoted = b == '"';
    int rc = FB_OK;
    if (quoted) {
        c->dec_pos++;
        rc = quoted_cell(t, c);
    } else {
        while (rc == FB_OK && (b = peek(t, c)) >= 0 && !special((unsigned char)b))
            rc = take_run(t, c, false);
        if (b == BYTE_ERROR) return t->status;
    }
    if (rc == FB_OK && b != BYTE_BAD) {
        uint32_t column = t->row.count + 1;
        if (t->width && column > t->width) {
            return fb__table_fail(t, FB_EINVAL, c->record, column, NULL,
                                  "a long row: a cell past the header's %u columns",
                                  (unsigned)t->width);
        }
        rc = fb__row_end_cell(t, FB_CELL_TEXT);
    }
    if (rc != FB_OK) return rc;
    return after_cell(t, c, quoted);
}

/* Skips blank lines at the start of a record. Returns 1 when a record begins, 0 at the end. */
static int skip_blank_lines(fb_table *t, fb__csv *c) {
    for (;;) {
        int b = peek(t, c);
        if (b == BYTE_END) return 0;
        if (b == BYTE_ERROR) return t->status;
        c->record++;
        if (c->record > FB_CSV_ROWS_MAX) {
            return fb__table_fail(t, FB_ELIMIT, c->record, 0, "FB_CSV_ROWS_MAX",
                                  "more than %d rows (FB_CSV_ROWS_MAX)", FB_CSV_ROWS_MAX);
        }
        if (b != '\n' && b != '\r') return 1;
        c->dec_pos++;
        if (b == '\r' && peek(t, c) != '\n') {
            return fb__table_fail(t, FB_EINVAL, c->record, 1, NULL,
                                  "a carriage return not followed by a line feed");
        }
        if (b == '\r') c->dec_pos++;
    }
}

int fb__csv_next(fb_table *t) {
    fb__csv *c = t->csv;
    FB_ASSERT(c != NULL && t->status == FB_OK);
    int rc = skip_blank_lines(t, c);
    if (rc <= 0) return rc;
    fb__row_start(&t->row, c->record);
    do {
        rc = cell(t, c);
    } while (rc == 1);
    if (rc < 0) return rc;
    if (t->width && t->row.count != t->width) {
        uint32_t missing = t->row.count + 1;
        return fb__table_fail(t, FB_EINVAL, c->record, missing, NULL,
                              "a short row: %u cells where the header has %u, this column is "
                              "missing",
                              (unsigned)t->row.count, (unsigned)t->width);
    }
    return 1;
}

int fb__csv_open(fb_table *t) {
    FB_ASSERT(t->csv == NULL);
    t->csv = malloc(sizeof *t->csv); /* its buffers need no clearing */
    if (!t->csv) return fb__table_fail(t, FB_ENOMEM, 0, 0, NULL, "out of memory");
    fb__csv *c = t->csv;
    memset(c, 0, offsetof(fb__csv, raw));
    c->cd = (iconv_t)-1;
    int rc = choose_encoding(t);
    if (rc != FB_OK) return rc;
    if (t->encoding == FB_TABLE_ENCODING_GB18030) {
        c->cd = iconv_open("UTF-8", "GB18030");
        if (c->cd == (iconv_t)-1) {
            return fb__table_fail(t, FB_EIO, 0, 0, NULL, "iconv cannot convert GB18030: %s",
                                  FB_ERRNO_TEXT(errno));
        }
    }
    FB_ASSERT(t->encoding != FB_TABLE_ENCODING_AUTO);
    return FB_OK;
}

void fb__csv_close(fb_table *t) {
    FB_ASSERT(t->csv != NULL);
    if (t->csv->cd != (iconv_t)-1) iconv_close(t->csv->cd);
    free(t->csv);
    t->csv = NULL;
}

void fb__csv_progress(const fb_table *t, uint64_t *done) {
    *done = t->csv ? t->csv->offset : 0;
    if (*done > t->file_size) *done = t->file_size;
}
