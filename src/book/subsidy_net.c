/* subsidy_net.c — the net rate of an interest subsidy of mode net (docs/schemes.md, "The net
 * rate"): the bank charges the borrower its contract rate less the subsidy and claims the
 * subsidy from the government, from the enrolment's day for the scheme's months (or to maturity).
 * An installment lying wholly within the term is charged the net rate (rebuilt at it, as an LPR
 * repricing is); one the term begins or ends inside keeps its contract interest less the subsidy
 * on its days within the term, by the loan's day count (what accrued before the enrolment stays
 * as it was). The subsidy accrues on the term's days only: never the full rate and the subsidy
 * at once. After the term, or from a new contract rate, the loan is charged its contract rate. */
#include <stdio.h>
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
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(open, &y, &m, &d);
    out->start = open;
    out->term_end = fb_date_add_months(open, v->months, d);
    fb_installment last;
    rc = fb__store_installment(book->store, loan_key, (int32_t)x.n_count, &last);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    out->until = last.due_date < out->term_end ? last.due_date : out->term_end;
    /* Nothing left to charge: every installment fallen due; or interest off the balance sheet. */
    if (x.cur_n > x.n_count || out->until <= open || x.nonaccrual) {
        out->refusal = FB_SUBSIDY_NO_NET_INSTALLMENT;
    }
    return FB_OK;
}

/* The running installment keeps its contract interest less the subsidy on [lo, hi), by the loan's
 * day count; from > its start (an enrolment within it): what accrued to `from` at the interest
 * before goes back to income's side by as much as the new interest accrues less. */
static int take_off(fb_book *book, fb__loan_state *x, const fb_loan *loan, const fb__subsidy_net *n,
                    int32_t from, int32_t lo, int32_t hi) {
    FB_ASSERT(lo < hi && from >= x->period_start);
    int64_t balance = x->principal - (x->due_total - x->due_paid - x->interest_due);
    int64_t off = fb_interest_for_days(balance, n->sub, lo, hi, (fb_day_count)x->day_count);
    if (off > x->cur_interest) off = x->cur_interest;
    if (off <= 0) return FB_OK;
    int64_t before = fb__accrued(x, from);
    x->cur_interest -= off;
    int64_t back = before - fb__accrued(x, from);
    FB_ASSERT(back >= 0 && !x->nonaccrual);
    int rc =
        fb__store_installment_interest(book->store, x->loan, (int32_t)x->cur_n, x->cur_interest);
    if (rc || back == 0) return rc;
    fb__tq q;
    if ((rc = fb__tq_init(&q, book)) != FB_OK) return rc;
    char id[FB_ID_MAX + 1], dr[FB_ID_MAX + 1], cr[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "sn:%lld:%d", (long long)n->enrol, (int)from);
    rc = fb__tq_add(&q, id, fb__gl(dr, sizeof dr, "interest_income", loan->line),
                    fb__gl(cr, sizeof cr, "interest_accrued", loan->line), back, 1, 918);
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc;
}

/* The running installment of a net loan, charged from `from` (its start, or the enrolment's day
 * within it): the net rate when it lies wholly within the term, its contract rate otherwise, less
 * the subsidy on its days within the term. */
static int charge(fb_book *book, fb__loan_state *x, const fb_loan *loan, fb__subsidy_net *n,
                  int32_t from) {
    int32_t ps = (int32_t)x->period_start, due = (int32_t)x->due_date;
    bool runs = n->net_to == 0 && n->contract > n->sub;
    if (!runs && n->net_to == 0) n->net_to = from < n->until ? from : n->until;
    if (runs && ps >= n->until) {
        n->net_to = n->until;
        runs = false;
    }
    bool whole = runs && from == ps && ps >= n->start && due <= n->until;
    int64_t rate = whole ? n->contract - n->sub : n->contract;
    int rc = rate != x->rate && from == ps ? fb__loan_charge(book, x, loan, rate) : FB_OK;
    int32_t lo = from > n->start ? from : n->start, hi = due < n->until ? due : n->until;
    if (rc == FB_OK && runs && !whole && lo < hi) rc = take_off(book, x, loan, n, from, lo, hi);
    return rc;
}

int fb__subsidy_net_begin(fb_book *book, const fb_loan *loan, int64_t loan_key,
                          const fb__net_plan *p) {
    FB_ASSERT(book != NULL && loan != NULL && p != NULL);
    FB_ASSERT(p->refusal == FB_SUBSIDY_DONE && p->sub > 0 && p->sub < p->contract);
    int rc = fb__store_subsidy_net_insert(book->store, loan_key, p->contract, p->sub, p->start);
    fb__subsidy_net n;
    if (rc == FB_OK) rc = fb__store_subsidy_net_of(book->store, loan_key, &n);
    fb__loan_state x;
    if (rc == FB_OK) rc = fb__store_state_get(book->store, loan_key, &x);
    if (rc == FB_OK) rc = charge(book, &x, loan, &n, p->start);
    if (rc == FB_OK) rc = fb__store_subsidy_net_put(book->store, &n);
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
    rc = charge(book, x, loan, &n, (int32_t)x->period_start);
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
    if (n.net_to == 0) n.net_to = date < n.until ? date : n.until;
    if (n.net_to < n.net_from) n.net_to = n.net_from;
    return fb__store_subsidy_net_put(book->store, &n);
}
