/* reterm.c — new terms for a loan after drawdown, decided in memory (reterm.h). */
#include <string.h>

#include "core/assert.h"
#include "core/reterm.h"

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

static const fb_installment *at(const fb__reterm *req, int64_t n) {
    FB_ASSERT(n >= 1 && (size_t)n <= req->sched_n);
    const fb_installment *i = &req->sched[n - 1];
    FB_ASSERT(i->n == n && i->payment_fen == i->principal_fen + i->interest_fen);
    return i;
}

/* The installment n after the change. */
static const fb_installment *after_at(const fb__reterm *req, const fb__reterm_out *out, int64_t n) {
    FB_ASSERT(n >= 1 && out->replace_from >= 1);
    if (n < out->replace_from) return at(req, n);
    FB_ASSERT((size_t)(n - out->replace_from) < out->replaced_n);
    return &out->replaced[n - out->replace_from];
}

static int too_long(const char **field, const char **why) {
    *field = "months";
    *why = "would make the schedule longer than 480 installments (FB_LOAN_MONTHS_MAX)";
    return FB_EINVAL;
}

/* An extension at a new rate (贷款通则 第十四条: "从展期之日起"): the running installment, kept at
 * replaced[0], is cut at the date when it began before it — [start, date) keeps what accrued at
 * the rate before and falls due, [date, due) runs at the new rate on the principal not yet due —
 * or, begun on the date, is counted at the new rate whole. The installments after it move up. */
static void find_oldest(const fb__reterm *req, fb__reterm_out *out, int64_t paid_of_oldest);

static void extend_new_rate(const fb__reterm *req, fb__reterm_out *out, size_t n) {
    fb__alloc_position *x = &out->after;
    fb_installment run = out->replaced[0];
    /* The principal not yet due: what the running installment and those after it repay. */
    int64_t base = x->principal - (x->due_total - x->due_paid - x->interest_due);
    FB_ASSERT(req->new_rate && base >= run.principal_fen && run.due_date > req->date);
    FB_ASSERT(out->replace_from == x->cur_n && out->replaced_n == 1 + n);
    int64_t interest = fb_interest_for_days(
        base, req->rate_e6, req->date > run.period_start ? req->date : run.period_start,
        run.due_date, req->day_count);
    if (req->date <= run.period_start) {
        out->replaced[0].interest_fen = interest;
        out->replaced[0].payment_fen = run.principal_fen + interest;
        x->cur_interest = interest;
        return;
    }
    int64_t accrued = req->accrued_fen;
    int64_t accrued_off = x->nonaccrual ? accrued : min64(x->oi_run, accrued);
    memmove(&out->replaced[1], &out->replaced[0], (1 + n) * sizeof out->replaced[0]);
    out->replaced[0] =
        (fb_installment){(int32_t)x->cur_n, run.period_start, req->date, accrued, 0, accrued, base};
    out->replaced[1].period_start = req->date;
    out->replaced[1].interest_fen = interest;
    out->replaced[1].payment_fen = run.principal_fen + interest;
    for (size_t k = 1; k <= 1 + n; k++)
        out->replaced[k].n = (int32_t)(x->cur_n + (int64_t)k);
    out->replaced_n = 2 + n;
    out->cut_interest_fen = accrued;
    out->cut_interest_off_fen = accrued_off;
    int64_t paid_of_oldest = x->oldest_paid;
    x->due_total += accrued;
    x->interest_due += accrued;
    x->oi_due += accrued_off;
    x->oi_run = 0;
    x->cur_n++;
    x->n_count++;
    x->period_start = req->date;
    x->cur_interest = interest;
    find_oldest(req, out, paid_of_oldest);
}

/* An extension: the running installment kept, the principal after it spread over the
 * installments left and the months added. */
static int extend(const fb__reterm *req, fb__reterm_out *out, const char **field,
                  const char **why) {
    fb__alloc_position *x = &out->after;
    FB_ASSERT(x->cur_n <= x->n_count && req->months >= 1);
    bool keep = x->cur_n < x->n_count;
    const fb_installment *run = at(req, x->cur_n);
    int64_t overdue_principal = x->due_total - x->due_paid - x->interest_due;
    int64_t later = x->principal - overdue_principal - x->cur_principal;
    FB_ASSERT(overdue_principal >= 0 && later >= 0);
    int32_t months = (int32_t)(x->n_count - x->cur_n) + req->months;
    int64_t count = req->method == FB_METHOD_BULLET ? 1 : months;
    if (months > FB_LOAN_MONTHS_MAX || x->cur_n + count + req->new_rate > FB_LOAN_MONTHS_MAX) {
        return too_long(field, why);
    }
    fb__rebuild rb = {later + (keep ? 0 : x->cur_principal),
                      months,
                      run->due_date,
                      req->rate_e6,
                      req->method,
                      req->repayment_day,
                      req->day_count,
                      FB_PREPAY_REDUCE_INSTALLMENT,
                      0,
                      0};
    size_t n = 0;
    int rc = fb__schedule_rebuild(&rb, out->built, FB_LOAN_MONTHS_MAX, &n, field, why);
    if (rc) return rc;
    /* The extended maturity: the months added to the maturity, on the contract's day (the
     * start's), the last period broken by days when the repayment day differs (item 8). */
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(at(req, 1)->period_start, &y, &m, &d);
    int32_t maturity = fb_date_add_months(at(req, x->n_count)->due_date, req->months, d);
    fb__schedule_end_on(out->built, n, maturity, req->rate_e6, req->day_count);
    out->replaced[0] = *run;
    out->replaced[0].principal_fen = keep ? x->cur_principal : 0;
    out->replaced[0].payment_fen = out->replaced[0].principal_fen + run->interest_fen;
    for (size_t k = 0; k < n; k++) {
        out->replaced[1 + k] = out->built[k];
        out->replaced[1 + k].n = (int32_t)(x->cur_n + 1 + (int64_t)k);
    }
    out->replace_from = (int32_t)x->cur_n;
    out->replaced_n = 1 + n;
    x->cur_principal = out->replaced[0].principal_fen;
    x->n_count = x->cur_n + (int64_t)n;
    out->first_due = run->due_date;
    out->maturity = n ? out->built[n - 1].due_date : run->due_date;
    if (req->new_rate) extend_new_rate(req, out, n);
    return FB_OK;
}

/* The installments fallen due and unpaid keep only what they owe of interest (nothing when it is
 * capitalised); returns how many were rewritten into out->replaced. */
static size_t fold(const fb__reterm *req, fb__reterm_out *out, int64_t *folded_principal,
                   int64_t *folded_interest) {
    const fb__alloc_position *x = &out->after;
    FB_ASSERT(x->oldest_n <= x->cur_n && x->oldest_paid >= 0);
    size_t k = 0;
    *folded_principal = *folded_interest = 0;
    for (int64_t n = x->oldest_n; n < x->cur_n; n++, k++) {
        const fb_installment *i = at(req, n);
        int64_t paid = n == x->oldest_n ? x->oldest_paid : 0;
        int64_t interest_paid = min64(paid, i->interest_fen);
        fb_installment r = *i;
        r.principal_fen = paid - interest_paid;
        *folded_principal += i->principal_fen - r.principal_fen;
        if (req->capitalise) {
            r.interest_fen = interest_paid;
            *folded_interest += i->interest_fen - interest_paid;
        }
        r.payment_fen = r.principal_fen + r.interest_fen;
        r.balance_fen = 0;
        out->replaced[k] = r;
    }
    FB_ASSERT(*folded_principal >= 0 && *folded_interest >= 0);
    return k;
}

/* The oldest installment that still owes something, after the change; none: the running one. */
static void find_oldest(const fb__reterm *req, fb__reterm_out *out, int64_t paid_of_oldest) {
    fb__alloc_position *x = &out->after;
    int64_t from = x->oldest_n, paid = paid_of_oldest;
    FB_ASSERT(from >= 1 && paid >= 0);
    for (int64_t n = from; n < x->cur_n; n++, paid = 0) {
        const fb_installment *i = after_at(req, out, n);
        FB_ASSERT(paid <= i->payment_fen);
        if (paid < i->payment_fen) {
            x->oldest_n = n;
            x->oldest_paid = paid;
            x->oldest_due = i->due_date;
            return;
        }
    }
    x->oldest_n = x->cur_n;
    x->oldest_paid = 0;
    x->oldest_due = 0;
}

/* A restructuring, renewal or refinancing: the running installment cut at the date, all the
 * principal (and with capitalise the interest and penalty owed) over a new term from it. */
static int cut(const fb__reterm *req, fb__reterm_out *out, const char **field, const char **why) {
    fb__alloc_position *x = &out->after;
    FB_ASSERT(req->months >= 1 && x->oldest_n <= x->cur_n);
    bool running = x->cur_n <= x->n_count;
    int64_t first_new = running ? x->cur_n + 1 : x->cur_n;
    int64_t count = req->method == FB_METHOD_BULLET ? 1 : req->months;
    if (req->months > FB_LOAN_MONTHS_MAX || first_new - 1 + count > FB_LOAN_MONTHS_MAX) {
        return too_long(field, why);
    }
    int64_t folded_p = 0, folded_i = 0, paid_of_oldest = x->oldest_paid;
    size_t k = fold(req, out, &folded_p, &folded_i);
    int64_t accrued = running ? req->accrued_fen : 0;
    int64_t accrued_off = x->nonaccrual ? accrued : min64(x->oi_run, accrued);
    FB_ASSERT(!req->capitalise || (accrued_off == 0 && x->oi_due == 0 && x->op_due == 0));
    if (running) {
        const fb_installment *run = at(req, x->cur_n);
        int64_t interest = req->capitalise ? 0 : accrued;
        out->replaced[k++] = (fb_installment){
            (int32_t)x->cur_n, run->period_start, req->date, interest, 0, interest, 0};
    }
    out->cut_interest_fen = accrued;
    out->cut_interest_off_fen = accrued_off;
    out->capitalised_interest_fen = req->capitalise ? folded_i + accrued : 0;
    out->capitalised_penalty_fen = req->capitalise ? x->penalty_due : 0;
    out->rescheduled_principal_fen = folded_p;
    int64_t principal = x->principal + out->capitalised_interest_fen + out->capitalised_penalty_fen;
    fb_loan_terms t = {principal, req->rate_e6,       req->months,   req->method,
                       req->date, req->repayment_day, req->day_count};
    size_t n = 0;
    int rc = fb_schedule_build(&t, out->built, FB_LOAN_MONTHS_MAX, &n, field, why);
    if (rc) return rc;
    for (size_t j = 0; j < n; j++) {
        out->replaced[k + j] = out->built[j];
        out->replaced[k + j].n = (int32_t)(first_new + (int64_t)j);
    }
    out->replace_from = (int32_t)x->oldest_n;
    out->replaced_n = k + n;
    int64_t cut_due = req->capitalise ? 0 : accrued;
    x->due_total += cut_due - folded_p - folded_i;
    x->interest_due += cut_due - folded_i;
    x->oi_due += accrued_off;
    x->oi_run = 0;
    x->principal = principal;
    x->penalty_due -= out->capitalised_penalty_fen;
    x->cur_n = first_new;
    x->n_count = first_new + (int64_t)n - 1;
    x->period_start = out->built[0].period_start;
    x->due_date = out->built[0].due_date;
    x->cur_interest = out->built[0].interest_fen;
    x->cur_principal = out->built[0].principal_fen;
    find_oldest(req, out, paid_of_oldest);
    out->first_due = out->built[0].due_date;
    out->maturity = out->built[n - 1].due_date;
    return FB_OK;
}

/* The outcome against the schedule after it, as allocate.c checks a payment's. */
static void check_after(const fb__alloc_position *b, const fb__reterm *req,
                        const fb__reterm_out *out) {
    const fb__alloc_position *x = &out->after;
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && x->cur_n <= x->n_count + 1);
    FB_ASSERT(x->n_count >= 1 && x->n_count <= FB_LOAN_MONTHS_MAX);
    FB_ASSERT(out->replace_from >= 1 &&
              out->replace_from + (int64_t)out->replaced_n - 1 == x->n_count);
    FB_ASSERT(x->principal ==
              b->principal + out->capitalised_interest_fen + out->capitalised_penalty_fen);
    FB_ASSERT(x->oi_due >= 0 && x->oi_due <= x->interest_due && x->penalty_due >= 0);
    int64_t sum = 0, due = 0, interest = 0, later = 0;
    for (int64_t n = 1; n <= x->n_count; n++) {
        const fb_installment *i = after_at(req, out, n);
        FB_ASSERT(i->n == n && i->payment_fen == i->principal_fen + i->interest_fen);
        FB_ASSERT(n == 1 || i->period_start >= after_at(req, out, n - 1)->due_date);
        sum += i->principal_fen;
        if (n >= x->cur_n) later += i->principal_fen;
        if (n < x->oldest_n || n >= x->cur_n) continue;
        int64_t paid = n == x->oldest_n ? x->oldest_paid : 0;
        int64_t interest_paid = min64(paid, i->interest_fen);
        due += i->payment_fen - paid;
        interest += i->interest_fen - interest_paid;
    }
    /* The schedule and what was prepaid make the amount drawn and what was capitalised. */
    FB_ASSERT(sum + x->prepaid ==
              req->drawn_fen + out->capitalised_interest_fen + out->capitalised_penalty_fen);
    FB_ASSERT(due == x->due_total - x->due_paid && interest == x->interest_due);
    FB_ASSERT(later + (due - interest) == x->principal);
    FB_ASSERT(out->first_due >= req->date && out->maturity >= out->first_due);
}

int fb__reterm_apply(const fb__alloc_position *before, const fb__reterm *req, fb__reterm_out *out,
                     const char **field, const char **why) {
    FB_ASSERT(before != NULL && req != NULL && out != NULL && field != NULL && why != NULL);
    FB_ASSERT(before->status == FB_LOAN_ACTIVE && req->months >= 1 && req->accrued_fen >= 0);
    FB_ASSERT(req->sched_n == (size_t)before->n_count && req->sched != NULL);
    FB_ASSERT((unsigned)req->kind < FB_CHANGE_KIND_COUNT_ && req->rate_e6 > 0);
    memset(out, 0, sizeof *out);
    out->after = *before;
    int rc =
        req->kind == FB_CHANGE_EXTENSION ? extend(req, out, field, why) : cut(req, out, field, why);
    if (rc) return rc;
    check_after(before, req, out);
    return FB_OK;
}
