/* servicing.c — what happens to a loan after drawdown, shared by end of day and repayment:
 * interest accrual, installments falling due, penalty and compound interest, LPR repricing, and
 * the allocation of a repayment (docs/accounts.md). All amounts are integer fen; penalty keeps
 * an exact remainder (book_internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

fb_loan_class fb_loan_class_for_dpd(int64_t dpd) {
    if (dpd > 360) return FB_CLASS_LOSS;
    if (dpd > 270) return FB_CLASS_DOUBTFUL;
    if (dpd > 90) return FB_CLASS_SUBSTANDARD;
    if (dpd > 0) return FB_CLASS_SPECIAL_MENTION;
    return FB_CLASS_NORMAL;
}

/* ---- The transfer queue ------------------------------------------------------------------- */

int fb__tq_init(fb__tq *q, fb_book *book) {
    memset(q, 0, sizeof *q);
    q->book = book;
    q->t = malloc(FB_BATCH_MAX * sizeof *q->t);
    q->r = malloc(FB_BATCH_MAX * sizeof *q->r);
    if (!q->t || !q->r) {
        fb__tq_free(q);
        return FB_ENOMEM;
    }
    return FB_OK;
}

void fb__tq_free(fb__tq *q) {
    free(q->t);
    free(q->r);
    q->t = NULL;
    q->r = NULL;
}

int fb__tq_flush(fb__tq *q) {
    if (q->n == 0) return FB_OK;
    int rc = fb_ledger_create_transfers(q->book->ledger, q->t, q->n, q->r, NULL, NULL);
    for (size_t i = 0; rc == FB_OK && i < q->n; i++) {
        if (q->r[i] != FB_RESULT_CREATED) {
            rc = fb__book_refuse(q->book, FB_ECORRUPT, "transfer %s refused by the ledger: %s",
                                 q->t[i].id, fb_result_name(q->r[i]));
        }
    }
    q->n = 0;
    return rc;
}

int fb__tq_add(fb__tq *q, const char *id, const char *debit, const char *credit, int64_t amount,
               uint32_t ledger, uint16_t code) {
    FB_ASSERT(amount >= 0);
    if (amount == 0) return FB_OK;
    if (q->n == FB_BATCH_MAX) {
        int rc = fb__tq_flush(q);
        if (rc) return rc;
    }
    fb_transfer *t = &q->t[q->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "%s", id);
    snprintf(t->debit_account_id, sizeof t->debit_account_id, "%s", debit);
    snprintf(t->credit_account_id, sizeof t->credit_account_id, "%s", credit);
    t->amount_fen = amount;
    t->ledger = ledger;
    t->code = code;
    return FB_OK;
}

/* ---- General-ledger accounts -------------------------------------------------------------- */

const char *fb__gl(char *buf, size_t cap, const char *what, fb_line line) {
    snprintf(buf, cap, "gl:%s:%s", what, fb_line_name(line));
    return buf;
}

int fb__book_gl_accounts(fb_book *book) {
    enum { PER_LINE = 5, SINGLE = 2, N = PER_LINE * FB_LINE_COUNT_ + SINGLE };
    static const struct {
        const char *what;
        uint32_t ledger;
        uint16_t code;
        uint16_t flags;
    } per_line[PER_LINE] = {
        {"interest_accrued", 1, 1131, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS},
        {"interest_income", 1, 6011, 0},
        {"penalty_accrued", 1, 1134, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS},
        {"penalty_income", 1, 6012, 0},
        {"npl", FB_LEDGER_MEMO, 7301, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS},
    };
    fb_account a[N];
    fb_result r[N];
    size_t n = 0;
    char id[FB_ID_MAX + 1];
    for (int k = 0; k < PER_LINE; k++) {
        for (int line = 0; line < FB_LINE_COUNT_; line++) {
            a[n++] = fb__book_account(fb__gl(id, sizeof id, per_line[k].what, (fb_line)line),
                                      per_line[k].ledger, per_line[k].code, per_line[k].flags);
        }
    }
    a[n++] = fb__book_account("memo:npl_contra", FB_LEDGER_MEMO, 7300, 0);
    a[n++] = fb__book_account("gl:loan_loss_provision", 1, 1304, 0);
    int rc = fb_ledger_create_accounts(book->ledger, a, n, r, NULL);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (r[i] != FB_RESULT_CREATED && r[i] != FB_RESULT_EXISTS) {
            rc =
                fb__book_refuse(book, FB_ECORRUPT, "account %s: %s", a[i].id, fb_result_name(r[i]));
        }
    }
    return rc;
}

/* ---- Accrual ------------------------------------------------------------------------------ */

int64_t fb__accrued(const fb__loan_state *x, int32_t open_date) {
    if (x->status != FB_LOAN_ACTIVE || x->cur_n > x->n_count) return 0;
    int64_t days = x->due_date - x->period_start;
    if (days <= 0) return 0;
    int64_t k = open_date - x->period_start;
    if (k <= 0) return 0;
    if (k > days) k = days;
    return (int64_t)fb__div_round_half_up((fb_i128)x->cur_interest * k, days);
}

int64_t fb__penalty_rounded(const fb__loan_state *x) {
    return x->penalty_fen + (2 * x->penalty_rem >= FB__PENALTY_DEN ? 1 : 0);
}

int64_t fb__owed_due(const fb__loan_state *x) {
    return fb__penalty_rounded(x) - x->penalty_moved + x->penalty_due + x->due_total - x->due_paid;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t fb__penalty_day(fb__loan_state *x, int32_t day) {
    int64_t base = x->due_total - x->due_paid;
    if (base <= 0) return 0;
    int64_t year = x->day_count == FB_DAYCOUNT_ACT360 ? 360 : 365;
    if (x->day_count == FB_DAYCOUNT_ACTACT) {
        int y, m, d;
        fb_date_to_ymd(day, &y, &m, &d);
        year = leap(y) ? 366 : 365;
    }
    int64_t before = fb__penalty_rounded(x);
    fb_u128 num = (fb_u128)base * (uint64_t)x->rate * (uint64_t)(100 + x->markup) *
                      (uint64_t)(FB__PENALTY_YEAR_LCM / year) +
                  (fb_u128)x->penalty_rem;
    x->penalty_fen += (int64_t)(num / (fb_u128)FB__PENALTY_DEN);
    x->penalty_rem = (int64_t)(num % (fb_u128)FB__PENALTY_DEN);
    return fb__penalty_rounded(x) - before;
}

/* ---- Schedules that change ---------------------------------------------------------------- */

static int open_installment(fb_store *s, fb__loan_state *x) {
    if (x->cur_n > x->n_count) {
        x->period_start = x->due_date = 0;
        x->cur_interest = x->cur_principal = 0;
        return FB_OK;
    }
    fb_installment i;
    int rc = fb__store_installment(s, x->loan, (int32_t)x->cur_n, &i);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    x->period_start = i.period_start;
    x->due_date = i.due_date;
    x->cur_interest = i.interest_fen;
    x->cur_principal = i.principal_fen;
    return FB_OK;
}

static int repayment_day(const fb_loan *loan) {
    if (loan->terms.repayment_day) return loan->terms.repayment_day;
    int y, m, d;
    fb_date_to_ymd(loan->terms.start_date, &y, &m, &d);
    return d;
}

/* Rebuilds the installments from number `from` on: `balance` of principal over what remains of
 * the term from `start`, the term shortened when mode is reduce_term (keeping installment
 * `from`'s payment, or its principal for equal principal). */
static int rebuild(fb_book *book, fb__loan_state *x, const fb_loan *loan, int32_t from,
                   int64_t balance, int32_t start, fb_prepay mode) {
    fb_store *s = book->store;
    int32_t months = (int32_t)(x->n_count - from + 1);
    fb_installment *sched = calloc(FB_LOAN_MONTHS_MAX, sizeof *sched);
    if (!sched) return FB_ENOMEM;
    size_t n = 0;
    int rc = FB_OK;
    const char *field = NULL, *why = NULL;
    fb_loan_terms t = {balance,
                       x->rate,
                       months,
                       loan->terms.method,
                       start,
                       repayment_day(loan),
                       (fb_day_count)x->day_count};
    fb_installment old;
    if (balance > 0 && months > 0 && mode == FB_PREPAY_REDUCE_TERM &&
        (t.method == FB_METHOD_EQUAL_INSTALLMENT || t.method == FB_METHOD_EQUAL_PRINCIPAL)) {
        rc = fb__store_installment(s, x->loan, from, &old);
        /* The fewest months whose installment (or principal) is no more than the old one's. */
        int32_t lo = 1, hi = months;
        while (rc == FB_OK && lo < hi) {
            t.months = lo + (hi - lo) / 2;
            rc = fb_schedule_build(&t, sched, FB_LOAN_MONTHS_MAX, &n, &field, &why);
            bool fits = t.method == FB_METHOD_EQUAL_INSTALLMENT
                            ? sched[0].payment_fen <= old.payment_fen
                            : sched[0].principal_fen <= old.principal_fen;
            if (fits) {
                hi = t.months;
            } else {
                lo = t.months + 1;
            }
        }
        t.months = lo;
    }
    if (rc == FB_OK && balance > 0 && months > 0) {
        rc = fb_schedule_build(&t, sched, FB_LOAN_MONTHS_MAX, &n, &field, &why);
        if (rc)
            rc = fb__book_refuse(book, FB_EINVAL, "loan %s: rebuilding: %s %s", loan->id, field,
                                 why);
    }
    if (rc == FB_OK) rc = fb__store_installments_replace(s, x->loan, from, sched, n);
    if (rc == FB_OK) {
        x->n_count = from - 1 + (int64_t)n;
        int32_t maturity = n ? sched[n - 1].due_date : (int32_t)x->due_date;
        if (from <= x->cur_n) rc = open_installment(s, x);
        if (rc == FB_OK && n) rc = fb__store_loan_set_status(s, x->loan, FB_LOAN_ACTIVE, maturity);
    }
    free(sched);
    return rc;
}

/* An LPR loan reprices on each anniversary of its start: the installments from the first one
 * starting on or after the anniversary take the LPR then in effect plus the spread. */
static int reprice(fb_book *book, fb__loan_state *x, const fb_loan *loan, bool *repriced) {
    if (loan->rate_kind != FB_RATE_LPR || loan->terms.method == FB_METHOD_BULLET) return FB_OK;
    if (x->cur_n > x->n_count) return FB_OK;
    int day = 0, y = 0, m = 0;
    fb_date_to_ymd(loan->terms.start_date, &y, &m, &day);
    int32_t when =
        fb_date_add_months(loan->terms.start_date, 12 * (int)(x->repriced_years + 1), day);
    if (when > x->period_start) return FB_OK;
    while (fb_date_add_months(loan->terms.start_date, 12 * (int)(x->repriced_years + 2), day) <=
           x->period_start) {
        x->repriced_years++;
    }
    x->repriced_years++;
    fb_lpr lpr;
    int rc = fb__store_lpr_at(book->store, when, &lpr);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    int64_t base = loan->lpr_tenor_years == 5 ? lpr.five_year_e6 : lpr.one_year_e6;
    int64_t rate = base + (int64_t)loan->spread_bp * 100;
    int64_t ceiling = 0;
    rc = fb_rate_ceiling(book, &ceiling);
    if (rc) return rc;
    /* Above the ceiling the loan keeps the highest rate the bank may charge. */
    if (rate > ceiling) rate = ceiling;
    if (rate <= 0 || rate == x->rate) return FB_OK;
    x->rate = rate;
    *repriced = true;
    int64_t overdue_principal = x->due_total - x->due_paid - x->interest_due;
    return rebuild(book, x, loan, (int32_t)x->cur_n, x->principal - overdue_principal,
                   (int32_t)x->period_start, FB_PREPAY_REDUCE_INSTALLMENT);
}

int fb__fall_due(fb_book *book, fb__tq *q, fb__loan_state *x, const fb_loan *loan, bool *repriced) {
    FB_ASSERT(x->cur_n <= x->n_count);
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "due:%s:%lld", loan->id, (long long)x->cur_n);
    int rc = fb__tq_add(q, id, loan->interest_account,
                        fb__gl(gl, sizeof gl, "interest_accrued", loan->line), x->cur_interest, 1,
                        FB__CODE_FALL_DUE);
    if (rc) return rc;
    if (x->due_total == x->due_paid) x->oldest_due = x->due_date;
    x->due_total += x->cur_interest + x->cur_principal;
    x->interest_due += x->cur_interest;
    x->cur_n++;
    rc = open_installment(book->store, x);
    if (rc == FB_OK) rc = reprice(book, x, loan, repriced);
    return rc;
}

/* ---- Repayment ---------------------------------------------------------------------------- */

typedef struct {
    int64_t left; /* of the amount */
    int64_t penalty, interest, principal, prepaid;
} allocation;

/* Oldest installment first: its interest, then its principal, then the next one's. */
static int pay_installments(fb_store *s, fb__loan_state *x, allocation *a) {
    while (x->oldest_n < x->cur_n) {
        fb_installment i;
        int rc = fb__store_installment(s, x->loan, (int32_t)x->oldest_n, &i);
        if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
        int64_t owe_i = i.interest_fen > x->oldest_paid ? i.interest_fen - x->oldest_paid : 0;
        int64_t pay_i = owe_i < a->left ? owe_i : a->left;
        a->left -= pay_i;
        int64_t owe_p = i.payment_fen - x->oldest_paid - pay_i;
        int64_t pay_p = owe_p < a->left ? owe_p : a->left;
        a->left -= pay_p;
        x->oldest_paid += pay_i + pay_p;
        a->interest += pay_i;
        a->principal += pay_p;
        if (x->oldest_paid < i.payment_fen) {
            x->oldest_due = i.due_date;
            return FB_OK;
        }
        x->oldest_n++;
        x->oldest_paid = 0;
        x->oldest_due = 0;
        if (x->oldest_n < x->cur_n) {
            rc = fb__store_installment(s, x->loan, (int32_t)x->oldest_n, &i);
            if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
            x->oldest_due = i.due_date;
        }
        if (a->left == 0 && x->oldest_n < x->cur_n && i.payment_fen > 0) return FB_OK;
    }
    return FB_OK;
}

/* Beyond what is due: the whole loan with the interest accrued to the date, when the amount
 * covers it; otherwise principal of the installments after the running one, the rest of the
 * schedule rebuilt. The running installment falls due as scheduled. */
static int prepay(fb_book *book, fb__tq *q, fb__loan_state *x, const fb_loan *loan, fb_repayment *r,
                  allocation *a) {
    if (x->oldest_n < x->cur_n || x->cur_n > x->n_count || a->left == 0) return FB_OK;
    fb_store *s = book->store;
    int64_t accrued = fb__accrued(x, r->date);
    /* x->principal still holds the due principal this repayment has just paid. */
    int64_t principal = x->principal - a->principal;
    if (a->left >= principal + accrued) {
        char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
        snprintf(id, sizeof id, "due:%s:%lld", loan->id, (long long)x->cur_n);
        int rc = fb__tq_add(q, id, loan->interest_account,
                            fb__gl(gl, sizeof gl, "interest_accrued", loan->line), accrued, 1,
                            FB__CODE_FALL_DUE);
        /* The running installment becomes the last: due today, for all that is left. */
        fb_installment last = {(int32_t)x->cur_n,
                               (int32_t)x->period_start,
                               r->date,
                               principal + accrued,
                               principal,
                               accrued,
                               0};
        if (rc == FB_OK)
            rc = fb__store_installments_replace(s, x->loan, (int32_t)x->cur_n, &last, 1);
        if (rc) return rc;
        a->left -= principal + accrued;
        a->interest += accrued;
        a->principal += principal;
        a->prepaid += principal - x->cur_principal;
        x->due_total += principal + accrued;
        x->due_paid += principal + accrued;
        x->n_count = x->cur_n;
        x->cur_n++;
        x->oldest_n = x->cur_n;
        rc = fb__store_loan_set_status(s, x->loan, FB_LOAN_ACTIVE, r->date);
        return rc ? rc : open_installment(s, x);
    }
    int64_t after = principal - x->cur_principal; /* principal of later installments */
    int64_t paid = a->left < after ? a->left : after;
    if (paid == 0) return FB_OK;
    a->left -= paid;
    a->principal += paid;
    a->prepaid += paid;
    x->prepaid += paid;
    return rebuild(book, x, loan, (int32_t)x->cur_n + 1, after - paid, (int32_t)x->due_date,
                   r->prepay);
}

/* Repaid principal frees the facility's limit on the off-balance ledger. */
static int restore_limit(fb_book *book, fb__tq *q, const fb_loan *loan, int k, int64_t amount,
                         bool written_off) {
    if (amount == 0) return FB_OK;
    fb_facility f;
    int rc = fb__store_facility_by_id(book->store, loan->facility, &f);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    char id[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "lim:%s:%d", loan->id, k);
    bool revolving = f.revolving && !written_off;
    return fb__tq_add(
        q, id, f.drawn_account, revolving ? f.available_account : FB_ACCOUNT_COMMITMENTS, amount,
        FB_LEDGER_OFF_BALANCE, revolving ? FB__CODE_LIMIT_RESTORE : FB__CODE_LIMIT_RETURN);
}

/* Principal leaving a non-performing loan leaves the NPL count. */
static int npl_out(fb__tq *q, const fb__loan_state *x, const fb_loan *loan, int k,
                   int64_t principal) {
    if (x->class < FB_CLASS_SUBSTANDARD) return FB_OK;
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "nplr:%s:%d", loan->id, k);
    return fb__tq_add(q, id, "memo:npl_contra", fb__gl(gl, sizeof gl, "npl", loan->line), principal,
                      FB_LEDGER_MEMO, FB__CODE_NPL_OUT);
}

/* The repayments row's prepay column: the mode of a prepayment that rebuilt the schedule, or
 * "payoff" when the prepayment settled the loan (the running installment became the last). */
static const char *prepay_label(const fb_repayment *r) {
    if (!r->prepay) return NULL;
    return r->status == FB_LOAN_SETTLED && r->prepaid_fen > 0 ? "payoff"
                                                              : fb_prepay_name(r->prepay);
}

static int record(fb_book *book, fb__loan_state *x, const fb_repayment *r, const char *kind,
                  int64_t amount) {
    fb__repayment_row row = {x->loan,
                             (int32_t)x->repayments,
                             kind,
                             {0},
                             r->date,
                             amount,
                             r->penalty_fen,
                             r->interest_fen,
                             r->principal_fen,
                             r->prepaid_fen,
                             prepay_label(r),
                             fb_now_ns()};
    snprintf(row.client_id, sizeof row.client_id, "%s", r->id);
    return fb__store_repayment_insert(book->store, &row);
}

int fb__pay(fb_book *book, fb__tq *q, fb__loan_state *x, const fb_loan *loan, fb_repayment *r,
            const char *kind) {
    fb_store *s = book->store;
    allocation a = {r->amount_fen, 0, 0, 0, 0};
    int k = (int)++x->repayments;
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1], deposit[FB_ID_MAX + 1];
    snprintf(deposit, sizeof deposit, "dep:%s", loan->party);
    /* Penalty accrued becomes the loan's own receivable, then is paid first. */
    int64_t moved = fb__penalty_rounded(x) - x->penalty_moved;
    snprintf(id, sizeof id, "pen:%s:%d", loan->id, k);
    int rc = fb__tq_add(q, id, loan->penalty_account,
                        fb__gl(gl, sizeof gl, "penalty_accrued", loan->line), moved, 1,
                        FB__CODE_PENALTY_MOVE);
    x->penalty_moved += moved;
    x->penalty_due += moved;
    a.penalty = x->penalty_due < a.left ? x->penalty_due : a.left;
    a.left -= a.penalty;
    x->penalty_due -= a.penalty;
    if (rc == FB_OK) rc = pay_installments(s, x, &a);
    int64_t due_interest = a.interest, due_principal = a.principal;
    x->due_paid += due_interest + due_principal;
    x->interest_due -= due_interest;
    if (rc == FB_OK && r->prepay) rc = prepay(book, q, x, loan, r, &a);
    x->principal -= a.principal;
    r->k = k;
    r->penalty_fen = a.penalty;
    r->interest_fen = a.interest;
    r->principal_fen = a.principal;
    r->prepaid_fen = a.prepaid;
    r->unapplied_fen = a.left;
    const char *what[3] = {"rpp", "rpi", "rpc"};
    const char *to[3] = {loan->penalty_account, loan->interest_account, loan->principal_account};
    const int64_t amounts[3] = {a.penalty, a.interest, a.principal};
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        snprintf(id, sizeof id, "%s:%s:%d", what[i], loan->id, k);
        rc = fb__tq_add(q, id, deposit, to[i], amounts[i], 1,
                        (uint16_t)(FB__CODE_REPAY_PENALTY + i));
    }
    if (rc == FB_OK) rc = restore_limit(book, q, loan, k, a.principal, false);
    if (rc == FB_OK) rc = npl_out(q, x, loan, k, a.principal);
    bool done = x->principal == 0 && x->interest_due == 0 && x->penalty_due == 0 &&
                x->cur_n > x->n_count && x->due_total == x->due_paid;
    if (rc == FB_OK && done) {
        x->status = FB_LOAN_SETTLED;
        fb_installment last;
        rc = fb__store_installment(s, x->loan, (int32_t)x->n_count, &last);
        if (rc == FB_OK) rc = fb__store_loan_set_status(s, x->loan, FB_LOAN_SETTLED, last.due_date);
    }
    r->status = (fb_loan_status)x->status;
    if (rc == FB_OK) rc = record(book, x, r, kind, r->amount_fen);
    if (rc == FB_OK) rc = fb__store_state_put(s, x);
    return rc;
}
