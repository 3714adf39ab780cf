/* allocate.c — the repayment order of a loan, decided in memory (allocate.h). No I/O: every
 * input is a plain struct of integers, every outcome is written into the caller's struct. */
#include <string.h>

#include "core/allocate.h"
#include "core/assert.h"

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* What `paid` settles of what is owed on the balance sheet (on) and off it (off), in the book's
 * order: off-balance first, or on-balance first. */
static void split(int64_t paid, int64_t on_owed, int64_t off_owed, bool off_first, int64_t *on,
                  int64_t *off) {
    FB_ASSERT(paid >= 0 && on_owed >= 0 && off_owed >= 0 && paid <= on_owed + off_owed);
    if (off_first) {
        *off = min64(paid, off_owed);
        *on = paid - *off;
    } else {
        *on = min64(paid, on_owed);
        *off = paid - *on;
    }
    FB_ASSERT(*on >= 0 && *on <= on_owed && *off >= 0 && *off <= off_owed);
}

/* Installment n of the request's schedule. */
static const fb_installment *installment(const fb__alloc_request *req, int64_t n) {
    FB_ASSERT(req->sched_n > 0);
    int64_t at = n - req->sched[0].n;
    FB_ASSERT(at >= 0 && (size_t)at < req->sched_n);
    const fb_installment *i = &req->sched[at];
    FB_ASSERT(i->n == n);
    return i;
}

static bool holds(const fb__alloc_request *req, int64_t lo, int64_t hi) {
    FB_ASSERT(lo >= 1 && hi <= FB_LOAN_MONTHS_MAX + 1);
    FB_ASSERT(req->sched_n == 0 || req->sched != NULL);
    if (lo > hi) return true;
    if (req->sched_n == 0) return false;
    int64_t first = req->sched[0].n;
    return first <= lo && hi <= first + (int64_t)req->sched_n - 1;
}

/* What installment n still owes of interest and of principal, paid_fen of it paid (interest is
 * paid first). */
static void owed(const fb_installment *i, int64_t paid_fen, int64_t *interest, int64_t *principal) {
    FB_ASSERT(paid_fen >= 0 && paid_fen <= i->payment_fen);
    FB_ASSERT(i->payment_fen == i->interest_fen + i->principal_fen);
    *interest = i->interest_fen > paid_fen ? i->interest_fen - paid_fen : 0;
    *principal = i->payment_fen - paid_fen - *interest;
    FB_ASSERT(*interest >= 0 && *principal >= 0 && *principal <= i->principal_fen);
}

/* Sums what the installments fallen due and not paid still owe. */
static void overdue(const fb__alloc_position *x, const fb__alloc_request *req, int64_t *total,
                    int64_t *interest, int64_t *principal) {
    FB_ASSERT(x->oldest_n <= x->cur_n && x->cur_n - x->oldest_n <= FB_LOAN_MONTHS_MAX);
    *total = *interest = *principal = 0;
    for (int64_t n = x->oldest_n; n < x->cur_n; n++) {
        int64_t oi = 0, op = 0;
        owed(installment(req, n), n == x->oldest_n ? x->oldest_paid : 0, &oi, &op);
        *interest += oi;
        *principal += op;
    }
    *total = *interest + *principal;
    FB_ASSERT(*interest >= 0 && *principal >= 0 && *total >= *interest);
}

/* The principal of installments lo..hi as scheduled. */
static int64_t scheduled(const fb__alloc_request *req, int64_t lo, int64_t hi) {
    FB_ASSERT(lo >= 1 && holds(req, lo, hi));
    int64_t sum = 0;
    for (int64_t n = lo; n <= hi; n++)
        sum += installment(req, n)->principal_fen;
    FB_ASSERT(sum >= 0);
    return sum;
}

/* The position an allocation may start from, and the schedule it is given. */
static void check_before(const fb__alloc_position *x, const fb__alloc_request *req) {
    FB_ASSERT(x->status == FB_LOAN_ACTIVE);
    FB_ASSERT(req->amount_fen >= 0);
    FB_ASSERT(x->principal >= 0 && x->penalty_due >= 0 && x->interest_due >= 0);
    FB_ASSERT(x->due_paid >= 0 && x->due_paid <= x->due_total);
    FB_ASSERT(x->n_count >= 1 && x->n_count <= FB_LOAN_MONTHS_MAX);
    FB_ASSERT(x->oldest_n >= 1 && x->oldest_n <= x->cur_n && x->cur_n <= x->n_count + 1);
    FB_ASSERT(x->oldest_paid >= 0 && x->prepaid >= 0 && req->accrued_fen >= 0);
    /* What is off the balance sheet is a part of what is owed. */
    FB_ASSERT(x->nonaccrual == 0 || x->nonaccrual == 1);
    FB_ASSERT(x->oi_due >= 0 && x->oi_due <= x->interest_due && x->op_due >= 0);
    FB_ASSERT(x->oi_run >= 0 && (x->nonaccrual == 0 || x->oi_run == 0));
    FB_ASSERT(x->oi_run <= req->accrued_fen || x->cur_n > x->n_count);
    FB_ASSERT((unsigned)req->prepay < FB_PREPAY_COUNT_);
    FB_ASSERT(req->sched_n <= FB_LOAN_MONTHS_MAX);
    int64_t lo = x->oldest_n < x->n_count ? x->oldest_n : x->n_count;
    int64_t hi = x->cur_n - 1 < x->n_count ? x->cur_n - 1 : x->n_count;
    FB_ASSERT(holds(req, lo, hi));
    FB_ASSERT(req->prepay == FB_PREPAY_NONE || holds(req, 1, x->n_count));
    /* What is due matches the schedule: the unpaid rest of the installments fallen due. */
    int64_t total = 0, interest = 0, principal = 0;
    overdue(x, req, &total, &interest, &principal);
    FB_ASSERT(total == x->due_total - x->due_paid);
    FB_ASSERT(interest == x->interest_due);
    FB_ASSERT(principal <= x->principal);
    if (x->cur_n <= x->n_count && holds(req, x->cur_n, x->cur_n)) {
        /* The running installment is the schedule's. */
        const fb_installment *c = installment(req, x->cur_n);
        FB_ASSERT(c->principal_fen == x->cur_principal && c->interest_fen == x->cur_interest);
        FB_ASSERT(c->period_start == x->period_start && c->due_date == x->due_date);
    }
    if (holds(req, x->cur_n, x->n_count)) {
        /* The principal outstanding is what the schedule has still to collect. */
        FB_ASSERT(principal + scheduled(req, x->cur_n, x->n_count) == x->principal);
    }
    if (holds(req, 1, x->n_count) && req->drawn_fen > 0) {
        FB_ASSERT(scheduled(req, 1, x->n_count) + x->prepaid == req->drawn_fen);
    }
}

static fb__alloc_item *item(fb__allocation *out, int64_t n) {
    FB_ASSERT(out->items_n < FB_LOAN_MONTHS_MAX);
    FB_ASSERT(n >= 1 && (out->items_n == 0 || out->items[out->items_n - 1].n == n - 1));
    fb__alloc_item *it = &out->items[out->items_n++];
    memset(it, 0, sizeof *it);
    it->n = (int32_t)n;
    return it;
}

/* The installments fallen due, oldest first: each one's interest, then its principal. Stops at
 * the first one the money does not cover; returns what is left. */
static int64_t pay_due(fb__alloc_position *x, const fb__alloc_request *req, fb__allocation *out,
                       int64_t left) {
    FB_ASSERT(left >= 0 && x->oldest_paid >= 0);
    int64_t paid_before = x->oldest_paid;
    /* At most n_count installments: cur_n <= n_count + 1. */
    for (int64_t n = x->oldest_n; n < x->cur_n; n++, paid_before = 0) {
        const fb_installment *i = installment(req, n);
        fb__alloc_item *it = item(out, n);
        owed(i, paid_before, &it->interest_owed_fen, &it->principal_owed_fen);
        it->interest_paid_fen = min64(it->interest_owed_fen, left);
        left -= it->interest_paid_fen;
        it->principal_paid_fen = min64(it->principal_owed_fen, left);
        left -= it->principal_paid_fen;
        out->interest_fen += it->interest_paid_fen;
        out->principal_fen += it->principal_paid_fen;
        int64_t paid = paid_before + it->interest_paid_fen + it->principal_paid_fen;
        if (paid < i->payment_fen) {
            FB_ASSERT(left == 0);
            x->oldest_n = n;
            x->oldest_paid = paid;
            x->oldest_due = i->due_date;
            return left;
        }
    }
    x->oldest_n = x->cur_n;
    x->oldest_paid = 0;
    x->oldest_due = 0;
    FB_ASSERT(left >= 0);
    return left;
}

/* The whole loan: the running installment becomes the last, due today, for all the principal
 * left and the interest accrued to the day. */
static int64_t payoff(fb__alloc_position *x, const fb__alloc_request *req, fb__allocation *out,
                      int64_t left, int64_t principal) {
    int64_t accrued = req->accrued_fen;
    FB_ASSERT(left >= principal + accrued && principal >= x->cur_principal);
    out->kind = FB__ALLOC_PAYOFF;
    out->payoff_interest_fen = accrued;
    /* The running installment's accrual off the balance sheet: all of it while non-accrual, the
     * part kept there when the loan accrued again. Paid now, it is income now. */
    out->payoff_interest_off_fen = x->nonaccrual ? accrued : min64(x->oi_run, accrued);
    out->interest_off_fen += out->payoff_interest_off_fen;
    x->oi_run = 0;
    /* The principal after the running installment's is prepaid out of the schedule, as a
     * prepayment's is: the running installment keeps its own and becomes the last. */
    int64_t early = principal - x->cur_principal;
    out->replace_from = (int32_t)x->cur_n;
    out->replaced_n = 1;
    out->replaced[0] = (fb_installment){(int32_t)x->cur_n,
                                        (int32_t)x->period_start,
                                        req->date,
                                        x->cur_principal + accrued,
                                        x->cur_principal,
                                        accrued,
                                        0};
    fb__alloc_item *it = item(out, x->cur_n);
    it->interest_owed_fen = it->interest_paid_fen = accrued;
    it->principal_owed_fen = it->principal_paid_fen = x->cur_principal;
    out->interest_fen += accrued;
    out->principal_fen += principal;
    out->prepaid_fen += early;
    x->prepaid += early;
    x->due_total += x->cur_principal + accrued;
    x->due_paid += x->cur_principal + accrued;
    x->n_count = x->cur_n;
    x->cur_n++;
    x->oldest_n = x->cur_n;
    x->period_start = x->due_date = x->cur_interest = x->cur_principal = 0;
    out->maturity = req->date;
    FB_ASSERT(x->due_total >= x->due_paid && x->cur_n == x->n_count + 1);
    return left - principal - accrued;
}

int fb__schedule_rebuild(const fb__rebuild *rb, fb_installment *out, size_t cap, size_t *n,
                         const char **field, const char **why) {
    FB_ASSERT(rb != NULL && out != NULL && n != NULL && cap >= FB_LOAN_MONTHS_MAX);
    FB_ASSERT(rb->balance_fen >= 0 && rb->months >= 0 && rb->months <= FB_LOAN_MONTHS_MAX);
    *n = 0;
    if (rb->balance_fen == 0 || rb->months == 0) return FB_OK;
    fb_loan_terms t = {rb->balance_fen, rb->rate_e6,       rb->months,   rb->method,
                       rb->start,       rb->repayment_day, rb->day_count};
    bool even = t.method == FB_METHOD_EQUAL_INSTALLMENT || t.method == FB_METHOD_EQUAL_PRINCIPAL;
    if (rb->mode == FB_PREPAY_REDUCE_TERM && even) {
        /* The fewest months whose installment (or principal) is no more than the old one's: at
         * most log2(FB_LOAN_MONTHS_MAX) + 1 schedules. */
        int32_t lo = 1, hi = rb->months;
        while (lo < hi) {
            t.months = lo + (hi - lo) / 2;
            int rc = fb_schedule_build(&t, out, cap, n, field, why);
            if (rc) return rc;
            bool fits = t.method == FB_METHOD_EQUAL_INSTALLMENT
                            ? out[0].payment_fen <= rb->keep_payment_fen
                            : out[0].principal_fen <= rb->keep_principal_fen;
            if (fits) {
                hi = t.months;
            } else {
                lo = t.months + 1;
            }
        }
        t.months = lo;
    }
    int rc = fb_schedule_build(&t, out, cap, n, field, why);
    FB_ASSERT(rc != FB_OK || (*n >= 1 && *n <= (size_t)rb->months));
    return rc;
}

void fb__schedule_end_on(fb_installment *s, size_t n, int32_t maturity, int64_t rate_e6,
                         fb_day_count day_count) {
    FB_ASSERT(n == 0 || s != NULL);
    if (n == 0 || maturity == 0 || s[n - 1].due_date == maturity) return;
    fb_installment *last = &s[n - 1];
    FB_ASSERT(maturity > last->period_start && last->balance_fen == 0);
    last->due_date = maturity;
    last->interest_fen =
        fb_interest_for_days(last->principal_fen, rate_e6, last->period_start, maturity, day_count);
    last->payment_fen = last->principal_fen + last->interest_fen;
}

/* Principal of the installments after the running one, as far as the money goes; the rest of the
 * schedule is rebuilt over what remains of the term. The running installment falls due as
 * scheduled. */
static int prepay_later(fb__alloc_position *x, const fb__alloc_request *req, fb__allocation *out,
                        int64_t *left, int64_t principal, const char **field, const char **why) {
    int64_t later = principal - x->cur_principal;
    FB_ASSERT(later >= 0 && *left > 0);
    int64_t paid = min64(*left, later);
    if (paid == 0) return FB_OK;
    FB_ASSERT(paid > 0 && x->cur_n < x->n_count);
    *left -= paid;
    out->kind = FB__ALLOC_PREPAYMENT;
    out->principal_fen += paid;
    out->prepaid_fen += paid;
    x->prepaid += paid;
    int64_t from = x->cur_n + 1;
    const fb_installment *old = installment(req, from);
    int32_t maturity = installment(req, x->n_count)->due_date;
    fb__rebuild rb = {later - paid,         (int32_t)(x->n_count - from + 1),
                      (int32_t)x->due_date, req->rate_e6,
                      req->method,          req->repayment_day,
                      req->day_count,       req->prepay,
                      old->payment_fen,     old->principal_fen};
    size_t n = 0;
    int rc = fb__schedule_rebuild(&rb, out->replaced, FB_LOAN_MONTHS_MAX, &n, field, why);
    if (rc) return rc;
    /* The same number of installments: the contract's maturity stays (a shorter term ends on
     * its last repayment day). */
    if (req->prepay == FB_PREPAY_REDUCE_INSTALLMENT) {
        fb__schedule_end_on(out->replaced, n, maturity, req->rate_e6, req->day_count);
    }
    for (size_t k = 0; k < n; k++)
        out->replaced[k].n = (int32_t)(from + (int64_t)k);
    out->replace_from = (int32_t)from;
    out->replaced_n = n;
    x->n_count = from - 1 + (int64_t)n;
    /* With nothing left after it, the running installment is the last. */
    out->maturity = n ? out->replaced[n - 1].due_date : (int32_t)x->due_date;
    return FB_OK;
}

/* Beyond what is due, with a prepay mode: once nothing is overdue and an installment runs, a
 * payoff when the money covers the principal and the interest accrued to the day, otherwise a
 * prepayment of later principal. */
static int prepay(fb__alloc_position *x, const fb__alloc_request *req, fb__allocation *out,
                  int64_t *left, const char **field, const char **why) {
    FB_ASSERT(*left >= 0 && req->prepay != FB_PREPAY_NONE);
    if (x->oldest_n < x->cur_n || x->cur_n > x->n_count || *left == 0) return FB_OK;
    /* x->principal still holds the due principal this payment has just paid. */
    int64_t principal = x->principal - out->principal_fen;
    FB_ASSERT(principal >= x->cur_principal && x->cur_principal >= 0);
    if (*left >= principal + req->accrued_fen) {
        *left = payoff(x, req, out, *left, principal);
        return FB_OK;
    }
    return prepay_later(x, req, out, left, principal, field, why);
}

/* The installment numbered n after the allocation: replaced or as it was. */
static const fb_installment *installment_after(const fb__alloc_request *req,
                                               const fb__allocation *out, int64_t n) {
    FB_ASSERT(n >= 1 && out->replace_from >= 0);
    if (out->replace_from && n >= out->replace_from) {
        int64_t at = n - out->replace_from;
        FB_ASSERT(at >= 0 && (size_t)at < out->replaced_n);
        return &out->replaced[at];
    }
    return installment(req, n);
}

/* The outcome: sums, bounds, and the position against the schedule. */
static void check_after(const fb__alloc_position *before, const fb__alloc_request *req,
                        const fb__allocation *out) {
    const fb__alloc_position *x = &out->after;
    /* The parts add up to the amount (principal includes what was prepaid). */
    FB_ASSERT(out->penalty_fen >= 0 && out->interest_fen >= 0 && out->principal_fen >= 0);
    FB_ASSERT(out->prepaid_fen >= 0 && out->prepaid_fen <= out->principal_fen);
    FB_ASSERT(out->unapplied_fen >= 0 && out->unapplied_fen <= req->amount_fen);
    FB_ASSERT(out->penalty_off_fen >= 0 && out->penalty_off_fen <= out->penalty_fen);
    FB_ASSERT(out->interest_off_fen >= 0 && out->interest_off_fen <= out->interest_fen);
    FB_ASSERT(out->payoff_interest_off_fen <= out->payoff_interest_fen);
    FB_ASSERT(out->penalty_fen + out->interest_fen + out->principal_fen + out->unapplied_fen ==
              req->amount_fen);
    /* Nothing beyond what was owed. */
    FB_ASSERT(x->principal >= 0 && x->principal == before->principal - out->principal_fen);
    FB_ASSERT(x->penalty_due >= 0 && x->op_due >= 0);
    FB_ASSERT(x->penalty_due == before->penalty_due - (out->penalty_fen - out->penalty_off_fen));
    FB_ASSERT(x->op_due == before->op_due - out->penalty_off_fen);
    FB_ASSERT(x->oi_due >= 0 && x->oi_due <= x->interest_due);
    FB_ASSERT(x->oi_due == before->oi_due - (out->interest_off_fen - out->payoff_interest_off_fen));
    FB_ASSERT(x->interest_due >= 0 && x->due_paid >= before->due_paid);
    FB_ASSERT(x->interest_due ==
              before->interest_due - (out->interest_fen - out->payoff_interest_fen));
    FB_ASSERT(x->due_paid <= x->due_total && x->oldest_n <= x->cur_n);
    int64_t items_interest = 0, items_principal = 0;
    for (size_t k = 0; k < out->items_n; k++) {
        const fb__alloc_item *it = &out->items[k];
        FB_ASSERT(it->interest_paid_fen >= 0 && it->interest_paid_fen <= it->interest_owed_fen);
        FB_ASSERT(it->principal_paid_fen >= 0 && it->principal_paid_fen <= it->principal_owed_fen);
        FB_ASSERT(k == 0 || it->n == out->items[k - 1].n + 1);
        items_interest += it->interest_paid_fen;
        items_principal += it->principal_paid_fen;
    }
    FB_ASSERT(items_interest == out->interest_fen);
    /* Prepaid principal leaves the schedule: a prepayment's and a payoff's beyond the running
     * installment. */
    int64_t rebuilt = out->kind != FB__ALLOC_DUE ? out->prepaid_fen : 0;
    FB_ASSERT(items_principal + rebuilt == out->principal_fen);
    /* Money is left over only when nothing more could take it. */
    if (out->unapplied_fen > 0) {
        FB_ASSERT(x->penalty_due == 0 && x->op_due == 0 && x->oldest_n == x->cur_n);
        FB_ASSERT(req->prepay == FB_PREPAY_NONE || x->cur_n > x->n_count ||
                  x->principal == x->cur_principal);
    }
    /* What is due after matches the schedule after. */
    int64_t due = 0;
    for (int64_t n = x->oldest_n; n < x->cur_n; n++) {
        const fb_installment *i = installment_after(req, out, n);
        due += i->payment_fen - (n == x->oldest_n ? x->oldest_paid : 0);
    }
    FB_ASSERT(due == x->due_total - x->due_paid);
    if (holds(req, 1, before->n_count) && req->drawn_fen > 0) {
        /* The schedule's principal and what was prepaid out of it make the amount drawn. */
        int64_t sum = 0;
        for (int64_t n = 1; n <= x->n_count; n++)
            sum += installment_after(req, out, n)->principal_fen;
        FB_ASSERT(sum + x->prepaid == req->drawn_fen);
    }
    if (x->status == FB_LOAN_SETTLED) {
        FB_ASSERT(x->principal == 0 && x->interest_due == 0 && x->penalty_due == 0);
        FB_ASSERT(x->oi_due == 0 && x->op_due == 0 && x->oi_run == 0);
        FB_ASSERT(x->cur_n > x->n_count && x->due_total == x->due_paid && out->maturity > 0);
    }
}

int fb__allocate(const fb__alloc_position *before, const fb__alloc_request *req,
                 fb__allocation *out, const char **field, const char **why) {
    FB_ASSERT(before != NULL && req != NULL && out != NULL && field != NULL && why != NULL);
    check_before(before, req);
    out->penalty_fen = out->interest_fen = out->principal_fen = 0;
    out->prepaid_fen = out->unapplied_fen = out->payoff_interest_fen = 0;
    out->penalty_off_fen = out->interest_off_fen = out->payoff_interest_off_fen = 0;
    out->kind = FB__ALLOC_DUE;
    out->maturity = out->replace_from = 0;
    out->replaced_n = out->items_n = 0;
    out->after = *before;
    fb__alloc_position *x = &out->after;
    int64_t left = req->amount_fen;
    /* Penalty and compound interest first: the loan's as a whole, on and off the balance
     * sheet. */
    out->penalty_fen = min64(x->penalty_due + x->op_due, left);
    left -= out->penalty_fen;
    int64_t on = 0, off = 0;
    split(out->penalty_fen, x->penalty_due, x->op_due, req->offbal_first, &on, &off);
    x->penalty_due -= on;
    x->op_due -= off;
    out->penalty_off_fen = off;
    left = pay_due(x, req, out, left);
    x->due_paid += out->interest_fen + out->principal_fen;
    /* The interest of the installments fallen due: its part off the balance sheet. */
    split(out->interest_fen, x->interest_due - x->oi_due, x->oi_due, req->offbal_first, &on, &off);
    x->interest_due -= out->interest_fen;
    x->oi_due -= off;
    out->interest_off_fen = off;
    int rc = FB_OK;
    if (req->prepay != FB_PREPAY_NONE) rc = prepay(x, req, out, &left, field, why);
    if (rc) return rc;
    x->principal -= out->principal_fen;
    out->unapplied_fen = left;
    if (x->principal == 0 && x->interest_due == 0 && x->penalty_due == 0 && x->op_due == 0 &&
        x->cur_n > x->n_count && x->due_total == x->due_paid) {
        x->status = FB_LOAN_SETTLED;
        out->maturity = installment_after(req, out, x->n_count)->due_date;
    }
    check_after(before, req, out);
    FB_ASSERT(out->after.principal >= 0 && out->unapplied_fen == left);
    return FB_OK;
}

void fb__alloc_write_off(fb__alloc_position *x, int64_t accrued_fen, fb__write_off *out) {
    FB_ASSERT(x != NULL && out != NULL && x->status == FB_LOAN_ACTIVE);
    FB_ASSERT(accrued_fen >= 0 && x->principal >= 0 && x->penalty_due >= 0 &&
              x->interest_due >= 0 && x->written_off == 0);
    FB_ASSERT(x->oi_due >= 0 && x->oi_due <= x->interest_due && x->op_due >= 0);
    /* The running installment's accrual: off the balance sheet while non-accrual, or the part
     * kept there when the loan accrued again. */
    int64_t accrued_off = x->nonaccrual ? accrued_fen : min64(x->oi_run, accrued_fen);
    out->penalty_fen = x->penalty_due;
    out->interest_fen = x->interest_due - x->oi_due + accrued_fen - accrued_off;
    out->principal_fen = x->principal;
    out->penalty_off_fen = x->op_due;
    out->interest_off_fen = x->oi_due + accrued_off;
    x->written_off = x->principal;
    x->principal = x->interest_due = x->penalty_due = 0;
    x->oi_due = x->op_due = x->oi_run = x->nonaccrual = 0;
    x->due_paid = x->due_total;
    x->cur_n = x->n_count + 1;
    x->status = FB_LOAN_WRITTEN_OFF;
    x->period_start = x->due_date = x->cur_interest = x->cur_principal = 0;
    FB_ASSERT(x->written_off == out->principal_fen && x->recovered == 0);
    FB_ASSERT(out->penalty_fen >= 0 && out->interest_fen >= 0);
    FB_ASSERT(out->interest_fen + out->interest_off_fen >= accrued_fen);
}

void fb__alloc_recover(fb__alloc_position *x, int64_t amount_fen) {
    FB_ASSERT(x != NULL && x->status == FB_LOAN_WRITTEN_OFF);
    FB_ASSERT(amount_fen >= 0 && amount_fen <= x->written_off - x->recovered);
    x->recovered += amount_fen;
    FB_ASSERT(x->recovered >= amount_fen && x->recovered <= x->written_off);
}
