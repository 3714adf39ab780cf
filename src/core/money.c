/* money.c — amounts in fen: parsing and formatting decimal yuan strings, checked arithmetic.
 *
 * Money never passes through a float: the string's digits become an int64_t of fen directly. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

bool fb_add_i64(int64_t a, int64_t b, int64_t *out) {
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return false;
    *out = r;
    return true;
}

bool fb_sub_i64(int64_t a, int64_t b, int64_t *out) {
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) return false;
    *out = r;
    return true;
}

bool fb_mul_i64(int64_t a, int64_t b, int64_t *out) {
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return false;
    *out = r;
    return true;
}

static int fail(const char **reason, const char *why, int code) {
    if (reason) *reason = why;
    return code;
}

int fb_money_parse(const char *s, size_t len, int64_t *fen, const char **reason) {
    FB_ASSERT(s != NULL && fen != NULL);
    if (len == 0) return fail(reason, "is empty", FB_EINVAL);
    if (s[0] == '-') return fail(reason, "is negative", FB_EINVAL);
    if (s[0] == '+') return fail(reason, "has a sign", FB_EINVAL);
    size_t i = 0;
    int64_t yuan = 0;
    size_t int_digits = 0;
    for (; i < len && s[i] != '.'; i++) {
        if (s[i] < '0' || s[i] > '9') return fail(reason, "is not a decimal number", FB_EINVAL);
        if (!fb_mul_i64(yuan, 10, &yuan) || !fb_add_i64(yuan, s[i] - '0', &yuan)) {
            return fail(reason, "is too large", FB_ERANGE);
        }
        int_digits++;
    }
    if (int_digits == 0) return fail(reason, "has no digit before the point", FB_EINVAL);
    if (int_digits > 1 && s[0] == '0') return fail(reason, "has a leading zero", FB_EINVAL);
    int64_t cents = 0;
    if (i < len) {
        FB_ASSERT(s[i] == '.');
        i++;
        size_t frac = len - i;
        if (frac == 0) return fail(reason, "has no digit after the point", FB_EINVAL);
        if (frac > 2) {
            for (size_t k = i; k < len; k++) {
                if (s[k] < '0' || s[k] > '9') {
                    return fail(reason, "is not a decimal number", FB_EINVAL);
                }
            }
            return fail(reason, "has more than two decimals", FB_EINVAL);
        }
        for (size_t k = 0; k < 2; k++) {
            int d = 0;
            if (k < frac) {
                char c = s[i + k];
                if (c < '0' || c > '9') return fail(reason, "is not a decimal number", FB_EINVAL);
                d = c - '0';
            }
            cents = cents * 10 + d;
        }
    }
    int64_t total;
    if (!fb_mul_i64(yuan, 100, &total) || !fb_add_i64(total, cents, &total)) {
        return fail(reason, "is too large", FB_ERANGE);
    }
    *fen = total;
    return FB_OK;
}

char *fb_money_format(int64_t fen, char *buf) {
    FB_ASSERT(buf != NULL);
    /* Work in uint64_t so that INT64_MIN formats without overflow. */
    uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    /* Written from the end, without printf (a hot path: every result line and balance). */
    char tmp[FB_MONEY_STR_MAX];
    size_t at = sizeof tmp;
    tmp[--at] = '\0';
    tmp[--at] = (char)('0' + mag % 10);
    tmp[--at] = (char)('0' + mag / 10 % 10);
    tmp[--at] = '.';
    uint64_t yuan = mag / 100;
    do {
        tmp[--at] = (char)('0' + yuan % 10);
        yuan /= 10;
    } while (yuan);
    if (fen < 0) tmp[--at] = '-';
    FB_ASSERT(at > 0);
    memcpy(buf, tmp + at, sizeof tmp - at);
    return buf;
}
