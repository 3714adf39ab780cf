/* fuzz_query.c — the query-string and option parsers (wire/query.c) under libFuzzer (make fuzz),
 * and the body that tests/test_corpus.c replays over tests/corpus/query in make test.
 *
 * Property: every parser either refuses with a reason, or accepts exactly what a slow reference
 * reading (in 128-bit arithmetic, digit by digit) accepts, with the same value; what a parser
 * accepts prints back to the same text (one spelling a value). A bound of the ledger's queries
 * is a value date or a timestamp, never both. Never a crash, never a wrap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finbridge/finbridge.h"
#include "wire/query.h"

__extension__ typedef __int128 wide;

int fb_fuzz_query_one(const uint8_t *data, size_t size);

/* The reference: digits only, no leading zero, value in [min, max], computed wide. */
static bool reference_int(const char *t, wide min, wide max, wide *v) {
    size_t n = strlen(t);
    if (n == 0 || n > 30 || (t[0] == '0' && n > 1)) return false;
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9') return false;
        *v = *v * 10 + (t[i] - '0');
    }
    return *v >= min && *v <= max;
}

static int check_int(const char *t, int64_t min, int64_t max) {
    int64_t v = -1;
    const char *why = NULL;
    int rc = fb_query_int(t, min, max, &v, &why);
    wide ref = 0;
    bool ok = reference_int(t, min, max, &ref);
    if (rc != FB_OK) return ok || !why || !why[0];
    char back[32];
    snprintf(back, sizeof back, "%lld", (long long)v);
    return !ok || ref != v || strcmp(back, t) != 0;
}

static int check_timestamp(const char *t, bool end_of_day) {
    int64_t ns = -1;
    const char *why = NULL;
    int rc = fb_query_timestamp(t, end_of_day, &ns, &why);
    int32_t days = 0;
    const char *date_why = NULL;
    bool is_date = strlen(t) == 10 && t[4] == '-' && fb_date_parse(t, &days, &date_why) == FB_OK;
    wide ref = 0;
    bool ok = false;
    if (is_date) {
        wide start = (wide)days * 86400 * 1000000000;
        wide end = start + (wide)86400 * 1000000000 - 1;
        ok = start >= 0 && end <= INT64_MAX;
        ref = end_of_day ? end : start;
    } else {
        ok = reference_int(t, 0, INT64_MAX, &ref);
    }
    if (rc != FB_OK) return ok || !why || !why[0];
    return !ok || ref != ns || ns < 0;
}

static int check_date(const char *t) {
    int32_t days = 0;
    const char *why = NULL;
    if (fb_query_date(t, &days, &why) != FB_OK) return !why || !why[0];
    char back[11];
    return strcmp(fb_date_format(days, back), t) != 0;
}

/* A bound of the ledger's queries: a date from 1970-01-01 is a value date (-1 for the end of a
 * range through 1970-01-01), anything else a timestamp read as check_int reads it. */
static int check_when(const char *t, bool end) {
    int64_t ns = -1;
    int32_t date = -7;
    const char *why = NULL;
    int rc = fb_query_when(t, end, &ns, &date, &why);
    int32_t days = 0;
    bool is_date = strlen(t) == 10 && t[4] == '-';
    bool ok = false;
    wide ref = 0;
    if (is_date) {
        ok = fb_date_parse(t, &days, NULL) == FB_OK && days >= 0;
    } else {
        ok = reference_int(t, 0, INT64_MAX, &ref);
    }
    if (rc != FB_OK) return ok || !why || !why[0];
    if (!ok) return 1;
    if (is_date) return ns != 0 || date != (days == 0 && end ? -1 : days);
    return date != 0 || ns != ref;
}

static int check_bool(const char *t) {
    bool v = false;
    const char *why = NULL;
    int rc = fb_query_bool(t, &v, &why);
    bool ok = strcmp(t, "true") == 0 || strcmp(t, "false") == 0;
    if (rc != FB_OK) return ok || !why || !why[0];
    return !ok || v != (t[0] == 't');
}

int fb_fuzz_query_one(const uint8_t *data, size_t size) {
    if (size > 256) return 0; /* a query value is short; the property holds for any length */
    char t[257];
    memcpy(t, data, size);
    t[size] = 0; /* a value is a C string: it ends at its first NUL, as the server reads it */
    return check_int(t, 0, INT64_MAX) | check_int(t, 1, FB_QUERY_LIMIT_MAX) |
           check_int(t, 1, 999999) | check_timestamp(t, false) | check_timestamp(t, true) |
           check_date(t) | check_bool(t) | check_when(t, false) | check_when(t, true);
}

#ifdef FB_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fb_fuzz_query_one(data, size)) abort();
    return 0;
}
#endif
