/* subsidy_net.c — the net rate of an interest subsidy of mode net (docs/schemes.md, "The net
 * rate"): the bank charges the borrower its contract rate less the subsidy and claims the
 * subsidy from the government. A loan's installment has its interest fixed when it starts (as an
 * LPR repricing is), so the net rate runs by whole installments: from the enrolment's day when
 * the running installment starts that day, otherwise from the next installment's start, to the
 * due date of the last installment starting within the scheme's months; the enrolment's term is
 * exactly those days, and the subsidy accrues on the days the loan is charged the net rate and no
 * other (never the full rate and the subsidy at once). Leaving the term, the loan is charged its
 * contract rate again from the next installment on, and the subsidy stops that day. */
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

/* The subsidy's points on a contract rate: the scheme's points, or its share of the rate. */
static int64_t points_on(const fb_subsidy *v, int64_t contract) {
    return v->points_e6 > 0 ? v->points_e6 : (int64_t)((fb_i128)contract * v->share_e6 / 1000000);
}

int fb__subsidy_net_plan(fb_book *book, const fb_subsidy *v, int64_t loan_key, int32_t open,
                         fb__net_plan *out) {
    FB_ASSERT(book != NULL && v != NULL && out != NULL);
    FB_ASSERT(v->mode == FB_SUBSIDY_NET && loan_key > 0);
    memset(out, 0, sizeof *out);
    fb__loan_state x;
    int rc = fb__store_state_get(book->store, loan_key, &x);
    if (rc) return rc;
    FB_ASSERT(x.status == FB_LOAN_ACTIVE && x.rate > 0);
    out->contract = x.rate;
    out->sub = points_on(v, x.rate);
    if (out->sub <= 0 || out->sub >= x.rate) {
        out->refusal = FB_SUBSIDY_NET_RATE_NOT_POSITIVE;
        return FB_OK;
    }
    int32_t n = (int32_t)x.cur_n;
    out->charge_now = x.cur_n <= x.n_count && x.period_start == open;
    if (!out->charge_now) n++;
    fb_installment i;
    for (int32_t k = n; k <= (int32_t)x.n_count; k++) {
        if ((rc = fb__store_installment(book->store, loan_key, k, &i)) != FB_OK) {
            return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
        }
        if (k == n) {
            int y = 0, m = 0, d = 0;
            fb_date_to_ymd(i.period_start, &y, &m, &d);
            out->start = i.period_start;
            out->term_end = fb_date_add_months(i.period_start, v->months, d);
        }
        if (i.period_start >= out->term_end) break;
        out->until = i.due_date;
    }
    if (out->until <= out->start) out->refusal = FB_SUBSIDY_NO_NET_INSTALLMENT;
    return FB_OK;
}

int fb__subsidy_net_begin(fb_book *book, const fb_loan *loan, int64_t loan_key,
                          const fb__net_plan *p) {
    FB_ASSERT(book != NULL && loan != NULL && p != NULL);
    FB_ASSERT(p->refusal == FB_SUBSIDY_DONE && p->sub > 0 && p->sub < p->contract);
    int rc = fb__store_subsidy_net_insert(book->store, loan_key, p->contract, p->sub,
                                          p->charge_now ? p->start : 0);
    if (rc || !p->charge_now) return rc;
    fb__loan_state x;
    rc = fb__store_state_get(book->store, loan_key, &x);
    if (rc == FB_OK) rc = fb__loan_charge(book, &x, loan, p->contract - p->sub);
    return rc ? rc : fb__store_state_put(book->store, &x);
}

int fb__subsidy_net_installment(fb_book *book, fb__loan_state *x, const fb_loan *loan,
                                int64_t contract) {
    FB_ASSERT(book != NULL && x != NULL && loan != NULL);
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && x->cur_n <= x->n_count && contract >= 0);
    fb__subsidy_net n;
    int rc = fb__store_subsidy_net_of(book->store, x->loan, &n);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    fb__subsidy_net was = n;
    if (contract > 0) n.contract = contract;
    int32_t at = (int32_t)x->period_start;
    /* Within the term and never left it: the net rate, while it stays above 0. */
    bool net = n.net_to == 0 && n.start <= at && at < n.until && n.contract > n.sub;
    if (net && n.net_from == 0) n.net_from = at;
    int32_t end = at < n.until ? at : n.until;
    if (!net && n.net_to == 0 && at >= n.start) n.net_to = n.net_from ? end : 0;
    /* Never begun and past the term: it never will (no day between from and to). */
    if (!net && n.net_to == 0 && n.net_from == 0 && at >= n.until) n.net_to = n.net_from = n.until;
    int64_t rate = net ? n.contract - n.sub : n.contract;
    if (rate != x->rate) rc = fb__loan_charge(book, x, loan, rate);
    if (rc == FB_OK && memcmp(&was, &n, sizeof n) != 0)
        rc = fb__store_subsidy_net_put(book->store, &n);
    return rc;
}

int fb__subsidy_net_rate_changed(fb_book *book, int64_t loan, int64_t rate, int32_t date) {
    FB_ASSERT(book != NULL && loan > 0);
    FB_ASSERT(rate > 0 && date > 0);
    fb__subsidy_net n;
    int rc = fb__store_subsidy_net_of(book->store, loan, &n);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    n.contract = rate;
    if (n.net_to == 0) n.net_to = n.net_from ? (date < n.until ? date : n.until) : 0;
    /* Not begun: it never will (net_from = net_to, no day between). */
    if (n.net_from == 0) n.net_from = n.net_to = date < n.start ? n.start : date;
    if (n.net_to > n.until) n.net_from = n.net_to = n.until;
    return fb__store_subsidy_net_put(book->store, &n);
}
