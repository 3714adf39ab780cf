/* query.c — strict parsers of the numbers, dates, timestamps and flags of query strings and
 * command-line options (query.h). Pure: no state, no allocation, no locale. */
#include "wire/query.h"

#include <string.h>

#include "core/assert.h"
#include "finbridge/finbridge.h"

static const int64_t ns_per_day = 86400LL * 1000000000LL;

int fb_query_int(const char *text, int64_t min, int64_t max, int64_t *out, const char **why) {
    FB_ASSERT(text != NULL && out != NULL && why != NULL);
    FB_ASSERT(0 <= min && min <= max);
    size_t len = strlen(text);
    if (len == 0) {
        *why = "is empty";
        return FB_EINVAL;
    }
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9') {
            *why = "is not a whole number in digits (no sign, space, point or exponent)";
            return FB_EINVAL;
        }
    }
    if (text[0] == '0' && len > 1) {
        *why = "has a leading zero";
        return FB_EINVAL;
    }
    if (len > FB_QUERY_DIGITS_MAX) {
        *why = "is out of range";
        return FB_EINVAL;
    }
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, text[i] - '0', &v)) {
            *why = "is out of range";
            return FB_EINVAL;
        }
    }
    if (v < min || v > max) {
        *why = "is out of range";
        return FB_EINVAL;
    }
    *out = v;
    return FB_OK;
}

int fb_query_date(const char *text, int32_t *days, const char **why) {
    FB_ASSERT(text != NULL && days != NULL && why != NULL);
    if (!text[0]) {
        *why = "is empty";
        return FB_EINVAL;
    }
    return fb_date_parse(text, days, why);
}

int fb_query_timestamp(const char *text, bool end_of_day, int64_t *ns, const char **why) {
    FB_ASSERT(text != NULL && ns != NULL && why != NULL);
    if (strlen(text) != 10 || text[4] != '-') {
        bool digits = text[0] != 0 && strspn(text, "0123456789") == strlen(text);
        int rc = fb_query_int(text, 0, INT64_MAX, ns, why);
        if (rc && text[0] && !digits) {
            *why = "is neither a timestamp in nanoseconds (digits) nor a date YYYY-MM-DD";
        }
        return rc;
    }
    int32_t days = 0;
    int rc = fb_query_date(text, &days, why);
    if (rc) return rc;
    /* Both ends of the day must fit, whichever is asked, so that --from and --to take the same
     * dates. */
    int64_t start = 0, end = 0;
    if (days < 0) {
        *why = "is before 1970-01-01, where timestamps start";
        return FB_EINVAL;
    }
    if (__builtin_mul_overflow((int64_t)days, ns_per_day, &start) ||
        __builtin_add_overflow(start, ns_per_day - 1, &end)) {
        *why = "is after 2262-04-10, the last day a timestamp in nanoseconds holds";
        return FB_EINVAL;
    }
    FB_ASSERT(days <= FB_QUERY_DAY_MAX && start >= 0 && end > start);
    *ns = end_of_day ? end : start;
    return FB_OK;
}

int fb_query_when(const char *text, bool end, int64_t *ns, int32_t *date, const char **why) {
    FB_ASSERT(text != NULL && ns != NULL && date != NULL && why != NULL);
    *ns = 0;
    *date = 0;
    if (strlen(text) == 10 && text[4] == '-') {
        int32_t days = 0;
        int rc = fb_query_date(text, &days, why);
        if (rc) return rc;
        if (days < 0) {
            *why = "is before 1970-01-01, where value dates start";
            return FB_EINVAL;
        }
        /* No transfer is dated 1970-01-01 (day 0 stands for "no bound"): from it is from the
         * start, through it is before every value date. */
        *date = days == 0 && end ? -1 : days;
        return FB_OK;
    }
    bool digits = text[0] != 0 && strspn(text, "0123456789") == strlen(text);
    int rc = fb_query_int(text, 0, INT64_MAX, ns, why);
    if (rc && text[0] && !digits) {
        *why = "is neither a timestamp in nanoseconds (digits) nor a date YYYY-MM-DD";
    }
    FB_ASSERT(rc != FB_OK || *ns >= 0);
    return rc;
}

int fb_query_bool(const char *text, bool *out, const char **why) {
    FB_ASSERT(text != NULL && out != NULL && why != NULL);
    if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
        *out = text[0] == 't';
        return FB_OK;
    }
    *why = text[0] ? "is neither true nor false" : "is empty";
    return FB_EINVAL;
}
