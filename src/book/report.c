/* report.c — the reports of the cooperation, read from the running aggregates (store/
 * aggregates.c): credit by city, chain, line, size and class on any closed day, the moves
 * between classes over a period, the inclusive "two increases", the largest exposures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"

int fb_report_dims_parse(const char *s, unsigned *dims) {
    static const char *const names[] = {"city", "chain", "line", "size", "class"};
    *dims = 0;
    const char *p = s;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        bool known = false;
        for (unsigned i = 0; i < 5; i++) {
            if (strlen(names[i]) == len && strncmp(p, names[i], len) == 0) {
                *dims |= 1u << i;
                known = true;
            }
        }
        if (!known) return FB_EINVAL;
        p += len + (comma ? 1 : 0);
    }
    return FB_OK;
}

/* A closed day: before the business date. */
static int closed_day(fb_book *book, int32_t date) {
    int32_t open = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    char d[11], b[11];
    if (open == 0) return fb__book_refuse(book, FB_EINVAL, "no day is closed yet");
    if (date >= open) {
        return fb__book_refuse(book, FB_EINVAL, "%s is not a closed day: the business date is %s",
                               fb_date_format(date, d), fb_date_format(open, b));
    }
    return FB_OK;
}

void fb__region_span(int32_t region, int32_t *lo, int32_t *hi) {
    *lo = region == 0 ? 0 : region == 210000 ? 210100 : region;
    *hi = region == 0 ? 999999 : region == 210000 ? 211400 : region;
}

int fb__report_credit_cells(fb_book *book, int32_t as_of, int32_t from, unsigned dims,
                            int32_t region, bool new_borrowers, fb_report_row **rows, size_t *n) {
    *rows = NULL;
    *n = 0;
    int rc = closed_day(book, as_of);
    if (rc) return rc;
    if (from > as_of) return fb__book_refuse(book, FB_EINVAL, "from is after as_of");
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    return fb__store_report_cells(book->store, as_of, from, dims, lo, hi,
                                  new_borrowers ? FB_NEW_BORROWERS_KEPT : FB_NEW_BORROWERS_NONE,
                                  rows, n);
}

int fb_report_credit(fb_book *book, int32_t as_of, int32_t from, unsigned dims, int32_t region,
                     fb_report_row **rows, size_t *n) {
    return fb__report_credit_cells(book, as_of, from, dims, region, false, rows, n);
}

/* A closed day's balance of every loan and of inclusive loans, and inclusive borrowers. */
static int totals(fb_store *s, int32_t date, int32_t lo, int32_t hi, int64_t *all, int64_t *inc,
                  int64_t *borrowers) {
    int rc = fb__store_measure(s, FB_MEASURE_INCLUSIVE_BALANCE, "", date, date, lo, hi, inc);
    if (rc == FB_OK) {
        rc =
            fb__store_measure(s, FB_MEASURE_INCLUSIVE_BORROWERS, "", date, date, lo, hi, borrowers);
    }
    fb_report_row *rows = NULL;
    size_t n = 0;
    if (rc == FB_OK) rc = fb__store_report_credit(s, date, date, 0, lo, hi, &rows, &n);
    *all = rc == FB_OK && n ? rows[0].balance_fen : 0;
    free(rows);
    return rc;
}

int fb_report_two_increases(fb_book *book, int32_t as_of, int32_t region, fb_two_increases *out) {
    memset(out, 0, sizeof *out);
    int rc = closed_day(book, as_of);
    if (rc) return rc;
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(as_of, &y, &m, &d);
    out->as_of = as_of;
    out->base_date = fb_date_from_ymd(y, 1, 1) - 1;
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    fb_store *s = book->store;
    rc = totals(s, as_of, lo, hi, &out->all_fen, &out->inclusive_fen, &out->borrowers);
    if (rc == FB_OK) {
        rc = totals(s, out->base_date, lo, hi, &out->all_base_fen, &out->inclusive_base_fen,
                    &out->borrowers_base);
    }
    if (rc) return rc;
    /* Growth rates compared without division: (inc - inc0) / inc0 >= (all - all0) / all0. */
    if (out->inclusive_base_fen > 0 && out->all_base_fen > 0) {
        fb_i128 lhs = (fb_i128)(out->inclusive_fen - out->inclusive_base_fen) * out->all_base_fen;
        fb_i128 rhs = (fb_i128)(out->all_fen - out->all_base_fen) * out->inclusive_base_fen;
        out->balance_ok = lhs >= rhs;
    } else {
        out->balance_ok = -1;
    }
    out->borrowers_ok = out->all_base_fen > 0 ? out->borrowers >= out->borrowers_base : -1;
    return FB_OK;
}

int fb_report_exposures(fb_book *book, size_t limit, fb_exposure *out, size_t *n) {
    return fb_report_exposures_in(book, 0, limit, out, n);
}

int fb_report_exposures_in(fb_book *book, int32_t region, size_t limit, fb_exposure *out,
                           size_t *n) {
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    return fb__store_report_exposures(book->store, lo, hi, limit, out, n);
}
