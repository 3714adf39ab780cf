/* query.h — the numbers, dates, timestamps and flags of a query string (`?limit=100`) or of a
 * command-line option (`--limit 100`), read strictly by pure functions that both doors call, so
 * that the two cannot disagree (query.c; fuzzed by tests/fuzz/fuzz_query.c).
 *
 * Strict means: the whole text is the value, in one canonical spelling. No sign, no space, no
 * leading zero (but "0"), no exponent or point, never empty; every product and sum checked, so a
 * value out of range is refused, never wrapped. Each returns FB_OK, or FB_EINVAL with *why set to
 * a static phrase that follows the field's name ("limit is not a whole number..."). */
#ifndef FB_WIRE_QUERY_H
#define FB_WIRE_QUERY_H

#include <stdbool.h>
#include <stdint.h>

/* Decimal digits an int64 holds at most (9223372036854775807). */
#define FB_QUERY_DIGITS_MAX 19

/* The first and last days a timestamp in int64 nanoseconds holds whole: 1970-01-01 and
 * 2262-04-10 (2262-04-11 ends past INT64_MAX, at 23:47:16.854775807). */
#define FB_QUERY_DAY_MAX 106750

/* A whole number from min to max (0 <= min <= max). */
int fb_query_int(const char *text, int64_t min, int64_t max, int64_t *out, const char **why);

/* A date YYYY-MM-DD (as fb_date_parse: 1900..9999), in days since 1970-01-01. */
int fb_query_date(const char *text, int32_t *days, const char **why);

/* A timestamp: nanoseconds since 1970-01-01 (0..INT64_MAX), or a date from 1970-01-01 to
 * 2262-04-10 standing for its first nanosecond, or its last when end_of_day. */
int fb_query_timestamp(const char *text, bool end_of_day, int64_t *ns, const char **why);

/* A bound of a query of the ledger, which selects by value date or by time: a date YYYY-MM-DD
 * from 1970-01-01 sets *date (days; the end of a range through 1970-01-01, before every value
 * date, is -1) and leaves *ns 0; digits set *ns (0..INT64_MAX, nanoseconds) and leave *date 0. */
int fb_query_when(const char *text, bool end, int64_t *ns, int32_t *date, const char **why);

/* A flag: "true" or "false". */
int fb_query_bool(const char *text, bool *out, const char **why);

#endif
