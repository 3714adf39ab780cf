/* lpr.c — the Loan Prime Rate: the published values and those recorded since; floating loans
 * take the rate in effect on their start and repricing dates. */
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

int fb_lpr_at(fb_book *book, int32_t date, fb_lpr *out) {
    return fb__store_lpr_at(book->store, date, out);
}

int fb_lpr_list(fb_book *book, fb_lpr *out, size_t cap, size_t *n) {
    return fb__store_lpr_list(book->store, out, cap, n);
}

int fb_lpr_set(fb_book *book, const fb_lpr *v) {
    FB_ASSERT(book != NULL && v != NULL);
    if (v->one_year_e6 <= 0 || v->five_year_e6 <= 0 || v->one_year_e6 > FB_RATE_MAX_E6 ||
        v->five_year_e6 > FB_RATE_MAX_E6) {
        return fb__book_refuse(book, FB_EINVAL, "an LPR must be more than 0 and at most 24%%");
    }
    int rc = fb_book_begin(book);
    if (rc) return rc;
    fb_lpr at;
    rc = fb__store_lpr_at(book->store, v->date, &at);
    if (rc == FB_OK && at.date == v->date) {
        fb_book_rollback(book);
        if (at.one_year_e6 == v->one_year_e6 && at.five_year_e6 == v->five_year_e6) return FB_OK;
        char d[11];
        return fb__book_refuse(book, FB_EINVAL,
                               "the LPR of %s is already recorded with other values",
                               fb_date_format(v->date, d));
    }
    int32_t open = 0;
    if (rc == FB_OK || rc == FB_ENOTFOUND) rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK && open && v->date < open) {
        fb_book_rollback(book);
        char d[11], b[11];
        return fb__book_refuse(book, FB_EINVAL,
                               "an LPR taking effect on %s is before the business date %s: the"
                               " loans repriced on the days closed since could not see it",
                               fb_date_format(v->date, d), fb_date_format(open, b));
    }
    if (rc == FB_OK) rc = fb__store_lpr_insert(book->store, v);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}
