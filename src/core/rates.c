/* rates.c — per-annum rates as integers: parsing and formatting percentages. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

int fb_rate_parse(const char *s, int64_t *rate_e6, const char **reason) {
    FB_ASSERT(s != NULL && rate_e6 != NULL);
    const char *why = NULL;
    int64_t whole = 0, frac = 0;
    int int_digits = 0, frac_digits = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++, int_digits++) {
        if (int_digits < 6) whole = whole * 10 + (*p - '0');
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, frac_digits++) {
            if (frac_digits < 4) frac = frac * 10 + (*p - '0');
        }
        if (frac_digits == 0) why = "has no digit after the point";
    }
    if (!why && (int_digits == 0 || *p != '\0')) {
        why = s[0] == '-' ? "is negative" : "is not a percentage such as 4.35";
    }
    if (!why && frac_digits > 4) why = "has more than four decimals";
    if (!why && int_digits > 4) why = "is too large";
    if (why) {
        if (reason) *reason = why;
        return FB_EINVAL;
    }
    for (int i = frac_digits; i < 4; i++)
        frac *= 10;
    *rate_e6 = whole * 10000 + frac;
    return FB_OK;
}

char *fb_rate_format(int64_t rate_e6, char *buf) {
    FB_ASSERT(rate_e6 >= 0);
    snprintf(buf, FB_RATE_STR_MAX, "%lld.%04lld", (long long)(rate_e6 / 10000),
             (long long)(rate_e6 % 10000));
    return buf;
}
