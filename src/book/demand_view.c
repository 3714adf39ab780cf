/* demand_view.c — financing demands as each user sees them: who sees which, a demand on the
 * business date with its service levels counting down in working days, the credit drawn under a
 * granted demand's facility, and the lists (an enterprise's own, the bank's queue, a
 * government's pipeline). */
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

bool fb_demand_visible(const fb_demand *d, const fb_user *as) {
    FB_ASSERT(d != NULL);
    FB_ASSERT(!as || (unsigned)as->role < FB_ROLE_COUNT_);
    if (!as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR) return true;
    if (as->role == FB_ROLE_ENTERPRISE) return strcmp(as->party, d->party) == 0;
    if (as->role != FB_ROLE_GOVERNMENT) return false;
    int32_t lo = 0, hi = 0;
    fb__region_span(as->region, &lo, &hi);
    /* A small borrower's demand is the government's to list only when the enterprise consented,
     * or when a government brought it; the others are counted in its measures alone. */
    return d->city >= lo && d->city <= hi && (d->consent || d->source != FB_SOURCE_ENTERPRISE);
}

/* Working days from a to b, negative when b is before a; false when the calendar cannot. */
static bool signed_days(const fb_calendar *c, int32_t a, int32_t b, int32_t *days) {
    int32_t n = 0;
    bool ok = b >= a ? fb_calendar_count(c, a, b, &n, NULL) == FB_OK
                     : fb_calendar_count(c, b, a, &n, NULL) == FB_OK;
    *days = b >= a ? n : -n;
    return ok;
}

/* Working days from the posting to a step's date (-1: not made, or not countable). */
static int32_t days_to(const fb_calendar *c, int32_t posted, int32_t date) {
    int32_t n = -1;
    if (date == 0 || fb_calendar_count(c, posted, date, &n, NULL) != FB_OK) return -1;
    return n;
}

/* The view of d on the business date open, on calendar c. */
static int make_view(fb_book *book, const fb_calendar *c, int32_t open, const fb_demand *d,
                     fb_demand_view *v) {
    FB_ASSERT(c != NULL && d != NULL && v != NULL);
    memset(v, 0, sizeof *v);
    v->d = *d;
    v->as_of = open;
    v->awaiting_decision = d->status < FB_DEMAND_GRANTED;
    v->awaiting_response = d->status < FB_DEMAND_CONTACTED;
    v->response_overdue = open && v->awaiting_response && open > d->response_due;
    v->decision_overdue = open && v->awaiting_decision && open > d->decision_due;
    v->left_known = open && signed_days(c, open, d->response_due, &v->response_left) &&
                    signed_days(c, open, d->decision_due, &v->decision_left);
    if (!v->left_known) v->response_left = v->decision_left = 0;
    v->days_to_response = days_to(c, d->posted, d->contacted);
    v->days_to_decision = days_to(c, d->posted, d->decided);
    v->days_to_loan = -1;
    if (d->status != FB_DEMAND_GRANTED) return FB_OK;
    int rc =
        fb__store_facility_drawdowns(book->store, d->facility, d->decided, INT32_MAX, &v->loans,
                                     &v->drawn_fen, &v->first_drawdown, NULL, 0, NULL);
    v->days_to_loan = days_to(c, d->posted, v->first_drawdown);
    FB_ASSERT(rc != FB_OK || (v->loans == 0) == (v->first_drawdown == 0));
    return rc;
}

int fb_demand_view_get(fb_book *book, const char *id, fb_demand_view *out) {
    FB_ASSERT(book != NULL && out != NULL);
    fb_demand *d = malloc(sizeof *d);
    fb_calendar *c = malloc(sizeof *c);
    int32_t open = 0;
    int rc = d && c ? fb_demand_get(book, id, d) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK) rc = fb_book_calendar(book, c);
    if (rc == FB_OK) rc = make_view(book, c, open, d, out);
    free(d);
    free(c);
    return rc;
}

int fb_demand_loans(fb_book *book, const char *id, fb_list_id *ids, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && ids != NULL && n != NULL);
    *n = 0;
    fb_demand *d = malloc(sizeof *d);
    int rc = d ? fb_demand_get(book, id, d) : FB_ENOMEM;
    int64_t loans = 0, fen = 0;
    int32_t first = 0;
    if (rc == FB_OK && d->status == FB_DEMAND_GRANTED) {
        rc = fb__store_facility_drawdowns(book->store, d->facility, d->decided, INT32_MAX, &loans,
                                          &fen, &first, ids, cap, n);
    }
    free(d);
    return rc;
}

/* ---- Lists ---------------------------------------------------------------------------------- */

typedef struct {
    fb_book *book;
    const fb_user *as;
    const fb_calendar *c;
    int32_t open;
    fb_demand_view *out;
    size_t cap, n;
} lister;

static int list_one(void *ctx, const fb_demand *d) {
    lister *l = ctx;
    FB_ASSERT(l->n < l->cap);
    if (!fb_demand_visible(d, l->as)) return FB_OK; /* the store's filter is the same */
    return make_view(l->book, l->c, l->open, d, &l->out[l->n++]);
}

int fb_demands_list(fb_book *book, const fb_user *as, fb_demand_filter filter, const char *after,
                    fb_demand_view *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && out != NULL && n != NULL);
    FB_ASSERT((unsigned)filter <= FB_DEMANDS_CLOSED && cap <= FB_PAGE_MAX);
    *n = 0;
    int64_t key = 0;
    fb_demand *d = malloc(sizeof *d);
    fb_calendar *c = malloc(sizeof *c);
    int rc = d && c ? FB_OK : FB_ENOMEM;
    if (rc == FB_OK && after && after[0]) {
        rc = fb_id_valid(after, strnlen(after, FB_ID_MAX + 1), NULL)
                 ? fb__store_demand_by_id(book->store, after, d, &key)
                 : FB_ENOTFOUND;
        if (rc == FB_ENOTFOUND) rc = fb__book_refuse(book, FB_EINVAL, "after: no such demand");
    }
    lister l = {book, as, c, 0, out, cap, 0};
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &l.open);
    if (rc == FB_OK) rc = fb_book_calendar(book, c);
    const char *party = as && as->role == FB_ROLE_ENTERPRISE ? as->party : "";
    int32_t lo = 0, hi = 999999;
    bool government = as && as->role == FB_ROLE_GOVERNMENT;
    if (government) fb__region_span(as->region, &lo, &hi);
    if (rc == FB_OK && as && as->role != FB_ROLE_ENTERPRISE && !government &&
        as->role != FB_ROLE_BANK_OFFICER && as->role != FB_ROLE_AUDITOR) {
        cap = 0; /* an administrator sees none */
    }
    if (rc == FB_OK && cap) {
        rc = fb__store_demands_list(book->store, key, party, lo, hi, government, (int)filter, cap,
                                    list_one, &l);
    }
    *n = l.n;
    free(d);
    free(c);
    return rc;
}
