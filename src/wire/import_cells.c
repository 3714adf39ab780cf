/* import_cells.c — what a cell of an import's file means, by its column's type: text, ids,
 * amounts, dates, numbers, rates, flags, terms of the vocabulary, regions, industries. A CSV
 * cell is the text someone wrote (read as written: fb_money_parse); an XLSX number is the
 * decimal text the sheet stored, rounded as decimal digits (core/cell_text.h); nothing passes
 * through a binary float. Every refusal says what the text should have been. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "core/cell_text.h"
#include "wire/import_internal.h"

#define FAIL(...) return snprintf(why, cap, __VA_ARGS__), FB_EINVAL

/* The text without the spaces around it (ASCII, no-break U+00A0, ideographic U+3000). */
static void trim(const char *s, size_t len, const char **out, size_t *n) {
    for (;;) {
        if (len && (s[0] == ' ' || s[0] == '\t')) {
            s++, len--;
        } else if (len >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
            s += 2, len -= 2;
        } else if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
            s += 3, len -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
            len--;
        } else if (len >= 2 && memcmp(s + len - 2, "\xc2\xa0", 2) == 0) {
            len -= 2;
        } else if (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0) {
            len -= 3;
        } else {
            break;
        }
    }
    *out = s;
    *n = len;
}

/* Significant digits of a number's text (its digits from the first that is not 0), or 0 when
 * it is not a plain decimal. */
static size_t significant(const char *s, size_t n) {
    size_t i = s[0] == '-' ? 1 : 0, digits = 0;
    bool started = false, dot = false;
    for (; i < n; i++) {
        if (s[i] == '.' && !dot) {
            dot = true;
        } else if (s[i] >= '0' && s[i] <= '9') {
            started = started || s[i] != '0';
            digits += started;
        } else {
            return 0;
        }
    }
    return digits;
}

/* A number a spreadsheet held as a binary double, written out whole ("728687.20999999999998"):
 * rounded to the 15 significant digits it carries, as the sheet shows it, its trailing zeros
 * dropped ("728687.21"). */
static int spreadsheet_number(const char *s, size_t n, char *out, size_t out_cap, char *why,
                              size_t cap) {
    const char *reason = NULL;
    if (fb_cell_decimal_round(s, n, 12, out, out_cap, &reason)) FAIL("%s", reason);
    char *dot = strchr(out, '.');
    size_t end = strlen(out);
    while (dot && end > (size_t)(dot - out) + 1 && out[end - 1] == '0')
        out[--end] = 0;
    if (dot && end == (size_t)(dot - out) + 1) out[--end] = 0;
    return FB_OK;
}

/* A sheet's number rounded to `places` decimals as text; a CSV's text as it is written, save a
 * spreadsheet's double written out whole (more than 15 significant digits). */
static int number_text(const fb_table_cell *cell, const char *s, size_t n, int places, char *out,
                       size_t out_cap, char *why, size_t cap) {
    if (cell->kind == FB_CELL_NUMBER || cell->kind == FB_CELL_DATE) {
        const char *reason = NULL;
        if (fb_cell_decimal_round(s, n, places, out, out_cap, &reason)) FAIL("%s", reason);
        return FB_OK;
    }
    if (significant(s, n) > FB_CELL_NUMBER_DIGITS) {
        return spreadsheet_number(s, n, out, out_cap, why, cap);
    }
    if (n >= out_cap) FAIL("is too long for a number");
    memcpy(out, s, n);
    out[n] = 0;
    return FB_OK;
}

/* Yuan, with or without thousands separators ("1,234,567.89"), into fen. */
static int money(const fb_table_cell *cell, const char *s, size_t n, int64_t *fen, char *why,
                 size_t cap) {
    char text[64], plain[64];
    int rc = number_text(cell, s, n, 2, text, sizeof text, why, cap);
    if (rc) return rc;
    size_t k = 0, digits = 0;
    bool grouped = strchr(text, ',') != NULL;
    const char *dot = strchr(text, '.');
    size_t int_len = dot ? (size_t)(dot - text) : strlen(text);
    for (size_t i = 0; text[i] && k + 1 < sizeof plain; i++) {
        if (text[i] == ',') {
            /* Separators stand every three digits of the whole part, from its end. */
            if (i >= int_len || digits == 0 || (int_len - i - 1) % 4 != 3) {
                FAIL("'%s' is not an amount of yuan such as 1234.56 or 1,234.56", text);
            }
            continue;
        }
        if (i < int_len) digits++;
        plain[k++] = text[i];
    }
    plain[k] = 0;
    (void)grouped;
    if (plain[0] == '-') FAIL("must not be negative");
    const char *reason = NULL;
    if (fb_money_parse(plain, k, fen, &reason)) {
        FAIL("'%s' %s (yuan with at most two decimals, such as 1234.56)", text, reason);
    }
    return FB_OK;
}

/* A whole number within lo..hi. */
static int whole(const fb_table_cell *cell, const char *s, size_t n, int64_t lo, int64_t hi,
                 int64_t *v, char *why, size_t cap) {
    char text[64];
    int rc = number_text(cell, s, n, 0, text, sizeof text, why, cap);
    if (rc) return rc;
    char *end = NULL;
    long long x = strtoll(text, &end, 10);
    bool digits =
        text[0] && strspn(text + (text[0] == '-'), "0123456789") == strlen(text + (text[0] == '-'));
    if (!digits || *end || (text[0] == '0' && text[1])) FAIL("'%s' is not a whole number", text);
    if (x < lo || x > hi)
        FAIL("%lld is out of range (%lld to %lld)", x, (long long)lo, (long long)hi);
    *v = x;
    return FB_OK;
}

/* YYYY-MM-DD, and the other ways a spreadsheet writes a date in a CSV: YYYY/M/D, YYYY-M-D,
 * YYYYMMDD, YYYY年M月D日. */
static int date_text(const char *s, size_t n, int32_t *days, char *why, size_t cap) {
    int y = 0, m = 0, d = 0, parts = 0;
    size_t i = 0;
    if (n == 8 && strspn(s, "0123456789") >= 8) {
        for (int k = 0; k < 8; k++) {
            int *part = k < 4 ? &y : k < 6 ? &m : &d;
            *part = *part * 10 + (s[k] - '0');
        }
        parts = 3;
    } else {
        int *out[3] = {&y, &m, &d};
        while (parts < 3 && i < n) {
            size_t start = i;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                *out[parts] = *out[parts] * 10 + (s[i++] - '0');
            if (i == start || i - start > 4) break;
            parts++;
            if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
                i++;
            } else if (i + 3 <= n && (memcmp(s + i, "年", 3) == 0 || memcmp(s + i, "月", 3) == 0 ||
                                      memcmp(s + i, "日", 3) == 0)) {
                i += 3;
            }
        }
    }
    bool ok = parts == 3 && (i >= n || n == 8) && y >= 1900 && y <= 9999 && m >= 1 && m <= 12 &&
              d >= 1 && d <= fb_date_days_in_month(y, m);
    if (!ok) FAIL("'%.*s' is not a date (YYYY-MM-DD)", (int)(n < 40 ? n : 40), s);
    *days = fb_date_from_ymd(y, m, d);
    return FB_OK;
}

static int date_cell(const fb_table_cell *cell, const char *s, size_t n, bool date1904,
                     int32_t *days, char *why, size_t cap) {
    if (cell->kind == FB_CELL_DATE || cell->kind == FB_CELL_NUMBER) {
        const char *reason = NULL;
        if (fb_cell_serial_date(s, n, date1904, days, &reason)) FAIL("a date cell: %s", reason);
        return FB_OK;
    }
    return date_text(s, n, days, why, cap);
}

static int flag(const char *s, size_t n, bool *v, char *why, size_t cap) {
    static const char *const yes[] = {"是", "Y", "y", "TRUE", "true", "True", "1", "yes", "Yes"};
    static const char *const no[] = {"否", "N", "n", "FALSE", "false", "False", "0", "no", "No"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strlen(yes[i]) == n && memcmp(yes[i], s, n) == 0) return *v = true, FB_OK;
        if (strlen(no[i]) == n && memcmp(no[i], s, n) == 0) return *v = false, FB_OK;
    }
    FAIL("'%.*s' is not 是 or 否 (true or false)", (int)(n < 40 ? n : 40), s);
}

static bool same_text(const char *a, const char *s, size_t n, bool any_case) {
    if (strlen(a) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = s[i];
        if (any_case && x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (any_case && y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

static int term(const fb__icol *c, const char *s, size_t n, int *v, char *why, size_t cap) {
    size_t count = 0;
    const fb_term *t = fb_vocab_terms((fb_vocab)c->vocab, &count);
    for (size_t i = 0; i < count; i++) {
        if (same_text(t[i].key, s, n, true) || same_text(t[i].zh, s, n, false) ||
            same_text(t[i].en, s, n, true)) {
            return *v = t[i].value, FB_OK;
        }
    }
    char known[400] = "";
    size_t at = 0;
    for (size_t i = 0; i < count && at < sizeof known; i++) {
        int w = snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", t[i].zh);
        if (w > 0) at += (size_t)w;
    }
    FAIL("'%.*s' is none of %s", (int)(n < 60 ? n : 60), s, known);
}

static int region(const fb_table_cell *cell, const char *s, size_t n, int32_t *v, char *why,
                  size_t cap) {
    size_t count = 0;
    const int32_t *cities = fb_region_cities(&count);
    for (size_t i = 0; i < count; i++) {
        const char *zh = fb_region_name_zh(cities[i]);
        size_t zl = strlen(zh);
        bool with_shi = n == zl + 3 && memcmp(s, zh, zl) == 0 && memcmp(s + zl, "市", 3) == 0;
        if (same_text(zh, s, n, false) || with_shi ||
            same_text(fb_region_name_en(cities[i]), s, n, true)) {
            return *v = cities[i], FB_OK;
        }
    }
    int64_t code = 0;
    if (whole(cell, s, n, 100000, 999999, &code, why, cap)) {
        FAIL("'%.*s' is not a 6-digit division code or a Liaoning city's name",
             (int)(n < 40 ? n : 40), s);
    }
    *v = (int32_t)code;
    return FB_OK;
}

static int copy_text(const fb__icol *c, const char *s, size_t n, void *dst, char *why, size_t cap) {
    if (n >= c->size) FAIL("is longer than %zu bytes", c->size - 1);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) FAIL("has a control character");
    }
    memcpy(dst, s, n);
    ((char *)dst)[n] = 0;
    return FB_OK;
}

/* The numbers of a column, by their types: written into the row's member of the right size. */
static int read_number(const fb__icol *c, const fb_table_cell *cell, const char *s, size_t n,
                       void *dst, char *why, size_t cap) {
    int64_t v = 0;
    int rc = FB_OK;
    char text[64];
    const char *reason = NULL;
    switch (c->type) {
    case FB__IC_MONEY: rc = money(cell, s, n, &v, why, cap); break;
    case FB__IC_COUNT: rc = whole(cell, s, n, 0, INT64_MAX / 2, &v, why, cap); break;
    case FB__IC_INT: rc = whole(cell, s, n, -1000000, 1000000, &v, why, cap); break;
    case FB__IC_INDUSTRY: rc = whole(cell, s, n, 100, 9999, &v, why, cap); break;
    case FB__IC_RATE:
        rc = number_text(cell, s, n, 4, text, sizeof text, why, cap);
        if (rc == FB_OK && text[0] && text[strlen(text) - 1] == '%') text[strlen(text) - 1] = 0;
        if (rc == FB_OK && fb_rate_parse(text, &v, &reason))
            FAIL("'%s' %s (a percent such as 3.45)", text, reason);
        /* 0.0345 is what a cell formatted as a percent holds for 3.45%: not a rate anyone lends at.
         */
        if (rc == FB_OK && v > 0 && v < 1000) {
            FAIL("'%s' reads as %s%%: write the percent figure (3.45 for 3.45%%), not the fraction",
                 text, text);
        }
        break;
    default: FB_ASSERT(false);
    }
    if (rc) return rc;
    if (c->size == sizeof(int64_t)) {
        memcpy(dst, &v, sizeof v);
    } else {
        FB_ASSERT(c->size == sizeof(int32_t));
        int32_t w = (int32_t)v;
        memcpy(dst, &w, sizeof w);
    }
    return FB_OK;
}

int fb__icell_read(const fb__icol *c, const fb_table_cell *cell, bool date1904, void *row,
                   char *why, size_t cap) {
    FB_ASSERT(c != NULL && cell != NULL && row != NULL && why != NULL);
    FB_ASSERT(cap > 0);
    if (c->type == FB__IC_IGNORE) return FB_OK;
    const char *s = NULL;
    size_t n = 0;
    trim(cell->text, cell->len, &s, &n);
    if (n == 0) return FB_OK;
    void *dst = (char *)row + c->offset;
    const char *reason = NULL;
    int v = 0;
    int32_t d = 0;
    bool b = false;
    int rc = FB_OK;
    switch (c->type) {
    case FB__IC_TEXT:
    case FB__IC_ID: {
        /* A spreadsheet that took the text for a date (3.2.1 as 2001-03-02) has lost it; one
         * that took it for a number keeps its digits, which are read as the sheet shows them. */
        char digits[64];
        if (cell->kind == FB_CELL_DATE) {
            FAIL("is a date cell: the spreadsheet took '%.*s' for a date (store the column as "
                 "text)",
                 (int)(n < 40 ? n : 40), s);
        }
        if (cell->kind == FB_CELL_NUMBER &&
            spreadsheet_number(s, n, digits, sizeof digits, why, cap) == FB_OK) {
            s = digits;
            n = strlen(digits);
        }
        if (c->type == FB__IC_ID && !fb_id_valid(s, n, &reason)) {
            FAIL("'%.*s' %s", (int)(n < 60 ? n : 60), s, reason);
        }
        return copy_text(c, s, n, dst, why, cap);
    }
    case FB__IC_DATE:
        rc = date_cell(cell, s, n, date1904, &d, why, cap);
        if (rc == FB_OK) memcpy(dst, &d, sizeof d);
        return rc;
    case FB__IC_BOOL:
        rc = flag(s, n, &b, why, cap);
        if (rc == FB_OK && c->size == sizeof(int)) { /* a three-way flag: -1 when left blank */
            int w = b;
            memcpy(dst, &w, sizeof w);
        } else if (rc == FB_OK) {
            FB_ASSERT(c->size == sizeof b);
            memcpy(dst, &b, sizeof b);
        }
        return rc;
    case FB__IC_TERM:
        rc = term(c, s, n, &v, why, cap);
        if (rc == FB_OK) memcpy(dst, &v, sizeof v);
        return rc;
    case FB__IC_REGION:
        rc = region(cell, s, n, &d, why, cap);
        if (rc == FB_OK) memcpy(dst, &d, sizeof d);
        return rc;
    case FB__IC_KIND: {
        char text[64];
        if (n >= sizeof text) FAIL("is not a template's name");
        memcpy(text, s, n);
        text[n] = 0;
        v = fb__ikind_named(text);
        if (v < 0) FAIL("'%s' is not a template's name (parties, facilities, loans, ...)", text);
        memcpy(dst, &v, sizeof v);
        return FB_OK;
    }
    case FB__IC_INDUSTRY:
        rc = read_number(c, cell, s, n, &d, why, cap);
        v = d;
        if (rc == FB_OK) memcpy(dst, &v, sizeof v);
        return rc;
    default: return read_number(c, cell, s, n, dst, why, cap);
    }
}

/* ---- Headers ----------------------------------------------------------------------------- */

/* The Chinese header without its unit: "本金余额（元）" is also "本金余额". */
static size_t without_unit(const char *zh) {
    size_t n = strlen(zh);
    const char *open = strstr(zh, "（");
    if (open && n >= 3 && memcmp(zh + n - 3, "）", 3) == 0) return (size_t)(open - zh);
    return n;
}

bool fb__icol_named(const fb__icol *c, const char *header) {
    FB_ASSERT(c != NULL && header != NULL);
    const char *s = NULL;
    size_t n = 0;
    trim(header, strlen(header), &s, &n);
    if (same_text(c->zh, s, n, false)) return true;
    size_t base = without_unit(c->zh);
    if (base < strlen(c->zh) && n == base && memcmp(c->zh, s, n) == 0) return true;
    if (strlen(c->en) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char x = s[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (x == ' ' || x == '-') x = '_';
        if (x != c->en[i]) return false;
    }
    return true;
}
