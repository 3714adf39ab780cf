/* cell_text.c — column letters, cell references, stored numbers rounded as decimal text, and date
 * serial numbers (cell_text.h).
 *
 * Why the numbers are rounded as text. A sheet stores a number as the decimal text its writer
 * printed from a binary double: Excel the shortest text that reads back to the same double
 * ("1234.5600000000001" when the double is a hair above 1234.56), gnumeric 21 digits of a long
 * double ("1234567.88999999999999" for 1234567.89). Reading that text into a double and rounding
 * it loses the decision: 1.005 is the double 1.00499999999999989..., which rounds to 1.00 where
 * the sheet shows and Excel's ROUND gives 1.01. The noise is always below the 15th significant
 * digit (a double carries 15.95 decimal digits, and Excel keeps no more than 15 of what is
 * typed), so rounding the digits first to 15 significant digits gives back the number that was
 * typed, exactly, and rounding that to the decimals asked for is then the ordinary 四舍五入. */
#include <string.h>

#include "core/assert.h"
#include "core/cell_text.h"
#include "finbridge/core.h"

/* A decimal number as parsed: value = 0.d[0] d[1] ... d[n-1] x 10^point, d[0] not '0' (n == 0 is
 * zero). Only the first FB_CELL_NUMBER_DIGITS + 1 significant digits are kept: the one after the
 * fifteenth decides the first rounding, the rest cannot change it (half up looks at one digit). */
typedef struct {
    bool negative;
    int n;                             /* significant digits kept, 0..DIGITS + 1 */
    int64_t point;                     /* the decimal exponent, as above */
    char d[FB_CELL_NUMBER_DIGITS + 1]; /* '0'..'9' */
} decimal;

/* An exponent beyond this is refused: no number a sheet stores comes near it (a double's exponent
 * is below 309), and it keeps point well inside int64. */
#define EXPONENT_MAX 100000

char *fb_cell_column_name(uint32_t column, char *buf) {
    FB_ASSERT(buf != NULL);
    FB_ASSERT(column >= 1 && column <= FB_TABLE_CELLS_MAX);
    char rev[FB_CELL_COLUMN_NAME_MAX];
    int n = 0;
    while (column > 0) {
        column--;
        rev[n++] = (char)('A' + column % 26);
        column /= 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = rev[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

bool fb_cell_ref_parse(const char *s, size_t len, uint32_t *column, uint32_t *row) {
    FB_ASSERT(s != NULL || len == 0);
    FB_ASSERT(column != NULL && row != NULL);
    size_t i = 0;
    uint32_t col = 0, r = 0;
    while (i < len && i < 3 && s[i] >= 'A' && s[i] <= 'Z')
        col = col * 26 + (uint32_t)(s[i++] - 'A' + 1);
    if (i == 0 || col > FB_TABLE_CELLS_MAX) return false;
    size_t first_digit = i;
    if (i == len || s[i] == '0') return false; /* no row, or a leading zero */
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || i - first_digit >= 7) return false;
        r = r * 10 + (uint32_t)(s[i] - '0');
    }
    if (r > FB_XLSX_ROWS_MAX) return false;
    *column = col;
    *row = r;
    return true;
}

/* Reads the digits of an optional exponent at s[*i..len) into *exp; false when malformed. */
static bool parse_exponent(const char *s, size_t len, size_t *i, int64_t *exp, const char **why) {
    size_t k = *i;
    if (k == len || (s[k] != 'e' && s[k] != 'E')) return true;
    k++;
    bool minus = k < len && s[k] == '-';
    if (k < len && (s[k] == '-' || s[k] == '+')) k++;
    if (k == len) {
        *why = "has an exponent without digits";
        return false;
    }
    int64_t e = 0;
    for (; k < len && s[k] >= '0' && s[k] <= '9'; k++) {
        e = e * 10 + (s[k] - '0');
        if (e > EXPONENT_MAX) {
            *why = "has an exponent out of range";
            return false;
        }
    }
    *exp = minus ? -e : e;
    *i = k;
    return true;
}

/* Keeps one more digit of the number being parsed. */
static void keep(decimal *v, char c) {
    if (v->n < FB_CELL_NUMBER_DIGITS + 1) v->d[v->n++] = c;
}

/* Parses s[0..len) as [-]digits[.digits][(e|E)[+|-]digits], at least one digit. */
static bool parse_decimal(const char *s, size_t len, decimal *v, const char **why) {
    memset(v, 0, sizeof *v);
    size_t i = 0;
    bool any = false, started = false;
    if (i < len && s[i] == '-') v->negative = true, i++;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        any = true;
        if (!started && s[i] == '0') continue;
        started = true;
        v->point++;
        keep(v, s[i]);
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            any = true;
            if (!started && s[i] == '0') {
                v->point--;
                continue;
            }
            started = true;
            keep(v, s[i]);
        }
    }
    if (!any) {
        *why = "is not a number";
        return false;
    }
    int64_t exp = 0;
    if (!parse_exponent(s, len, &i, &exp, why)) return false;
    if (i != len) {
        *why = "is not a number";
        return false;
    }
    v->point = v->n == 0 ? 0 : v->point + exp; /* zero has no exponent: 0E+3 is 0 */
    return true;
}

/* Rounds the digits of v half up so that only the first `keep_n` remain (0 <= keep_n); a carry
 * out of the first digit makes the number "1" one place higher. */
static void round_digits(decimal *v, int64_t keep_n) {
    FB_ASSERT(keep_n >= 0);
    FB_ASSERT(v->n <= FB_CELL_NUMBER_DIGITS + 1);
    if (keep_n >= v->n) return;
    int m = (int)keep_n;
    bool up = v->d[m] >= '5';
    v->n = m;
    for (int k = m - 1; up && k >= 0; k--) {
        if (v->d[k] == '9') {
            v->d[k] = '0';
        } else {
            v->d[k]++;
            up = false;
        }
    }
    if (up) { /* every kept digit was 9, or none was kept: the number is 10^point */
        v->d[0] = '1';
        v->n = 1;
        v->point++;
    }
    while (v->n > 0 && v->d[v->n - 1] == '0')
        v->n--;
    if (v->n == 0) v->point = 0;
}

/* The digit of weight 10^(point - 1 - index), '0' outside the digits kept. */
static char digit_at(const decimal *v, int64_t index) {
    if (index < 0 || index >= v->n) return '0';
    return v->d[index];
}

int fb_cell_decimal_round(const char *s, size_t len, int decimals, char *out, size_t cap,
                          const char **reason) {
    FB_ASSERT(s != NULL || len == 0);
    FB_ASSERT(out != NULL && cap > 0 && decimals >= 0 && decimals <= 18);
    const char *why = NULL;
    decimal v;
    if (!parse_decimal(s, len, &v, &why)) {
        if (reason) *reason = why;
        return FB_EINVAL;
    }
    round_digits(&v, FB_CELL_NUMBER_DIGITS);
    int64_t keep_n = v.point + decimals;
    if (keep_n < 0) { /* below half a unit of the last decimal */
        v.n = 0;
        v.point = 0;
    } else {
        round_digits(&v, keep_n);
    }
    int64_t int_digits = v.point > 0 ? v.point : 1;
    bool minus = v.negative && v.n > 0;
    if (minus + int_digits + (decimals ? decimals + 1 : 0) + 1 > (int64_t)cap) {
        if (reason) *reason = "is too large";
        return FB_ERANGE;
    }
    size_t o = 0;
    if (minus) out[o++] = '-';
    if (v.point <= 0) {
        out[o++] = '0';
    } else {
        for (int64_t j = 0; j < v.point; j++)
            out[o++] = digit_at(&v, j);
    }
    if (decimals > 0) out[o++] = '.';
    for (int f = 0; f < decimals; f++)
        out[o++] = digit_at(&v, v.point + f);
    out[o] = '\0';
    return FB_OK;
}

/* The last serial of each system: 9999-12-31. */
#define SERIAL_MAX_1900 2958465
#define SERIAL_MAX_1904 2957003

/* Why a parsed serial is no date, or NULL; *serial is its whole days. */
static const char *serial_days(decimal *v, bool date1904, int64_t *serial) {
    round_digits(v, FB_CELL_NUMBER_DIGITS);
    if (v->negative && v->n > 0) return "is a negative date serial";
    if (v->point > 7) return "is a date serial past 9999-12-31";
    int64_t whole = 0;
    for (int64_t j = 0; j < v->point; j++) /* the whole days; a fraction is the time of day */
        whole = whole * 10 + (digit_at(v, j) - '0');
    if (whole > (date1904 ? SERIAL_MAX_1904 : SERIAL_MAX_1900))
        return "is a date serial past 9999-12-31";
    if (!date1904 && whole == 0)
        return "is date serial 0, which the 1900 date system shows as 1900-01-00";
    if (!date1904 && whole == 60)
        return "is date serial 60, the 1900-02-29 that Excel counts but never was";
    *serial = whole;
    return NULL;
}

int fb_cell_serial_date(const char *s, size_t len, bool date1904, int32_t *days,
                        const char **reason) {
    FB_ASSERT(s != NULL || len == 0);
    FB_ASSERT(days != NULL);
    const char *why = NULL;
    decimal v;
    int64_t serial = 0;
    if (parse_decimal(s, len, &v, &why)) why = serial_days(&v, date1904, &serial);
    if (why) {
        if (reason) *reason = why;
        return FB_EINVAL;
    }
    /* 1900: serial 1 is 1900-01-01 up to 59 (1900-02-28); from 61 (1900-03-01) one day less, as
     * serial 60 is the day that never was; 1970-01-01 is serial 25569. 1904: serial 0 is
     * 1904-01-01, which is 24,107 days before 1970-01-01. */
    int64_t d = date1904 ? serial - 24107 : serial <= 59 ? serial - 25568 : serial - 25569;
    *days = (int32_t)d;
    return FB_OK;
}

int fb_cell_serial_date_text(const char *s, size_t len, bool date1904, char *out,
                             const char **reason) {
    FB_ASSERT(out != NULL);
    int32_t days = 0;
    int rc = fb_cell_serial_date(s, len, date1904, &days, reason);
    if (rc != FB_OK) return rc;
    fb_date_format(days, out);
    return FB_OK;
}
