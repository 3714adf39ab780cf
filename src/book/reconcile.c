/* reconcile.c — the book's side of a reconciliation with the bank's core system (finbridge
 * reconcile): each loan a balance file names, looked up and marked seen; then the active loans
 * it did not name. The comparison itself is the door's (src/wire/reconcile.c). */
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

struct fb_reconcile {
    fb_book *book;
    int32_t as_of;
};

int fb_reconcile_begin(fb_book *book, int32_t as_of, fb_reconcile **out) {
    FB_ASSERT(book != NULL && out != NULL);
    *out = NULL;
    int32_t open = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    char a[11], b[11];
    if (open != as_of) {
        return fb__book_refuse(book, FB_EINVAL,
                               open ? "the book stands on its business date, %s, not %s: "
                                      "reconcile the core system's balances of that day"
                                    : "the book has no business date%.0s (%s): nothing to "
                                      "reconcile yet",
                               fb_date_format(open, a), fb_date_format(as_of, b));
    }
    fb_reconcile *r = calloc(1, sizeof *r);
    if (!r) return FB_ENOMEM;
    r->book = book;
    r->as_of = as_of;
    rc = fb__store_reconcile_open(book->store);
    if (rc) {
        free(r);
        return rc;
    }
    *out = r;
    return FB_OK;
}

int fb_reconcile_loan(fb_reconcile *r, const char *loan, bool *found, bool *repeated,
                      fb_loan_position *position) {
    FB_ASSERT(r != NULL && loan != NULL && found != NULL && repeated != NULL);
    FB_ASSERT(position != NULL);
    int rc = fb_loan_position_get(r->book, loan, position);
    *found = rc == FB_OK;
    if (rc && rc != FB_ENOTFOUND) return rc;
    return fb__store_reconcile_seen(r->book->store, loan, repeated);
}

int fb_reconcile_extras(fb_reconcile *r, const char *after, fb_list_id *ids, size_t cap,
                        size_t *n) {
    FB_ASSERT(r != NULL && ids != NULL && n != NULL);
    FB_ASSERT(cap > 0 && cap <= FB_PAGE_MAX);
    return fb__store_reconcile_extras(r->book->store, after, ids, cap, n);
}

void fb_reconcile_free(fb_reconcile *r) { free(r); }
