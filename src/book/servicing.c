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
    t->value_date = q->value_date;
    return FB_OK;
}

/* ---- General-ledger accounts -------------------------------------------------------------- */

const char *fb__gl(char *buf, size_t cap, const char *what, fb_line line) {
    snprintf(buf, cap, "gl:%s:%s", what, fb_line_name(line));
    return buf;
}

int fb__book_gl_accounts(fb_book *book) {
    enum { PER_LINE = 9, SINGLE = 3, N = PER_LINE * FB_LINE_COUNT_ + SINGLE };
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
        /* Non-accrual: interest and penalty owed off the balance sheet (表外应收利息). */
        {"offbal_interest", FB_LEDGER_MEMO, 7311, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS},
        {"offbal_penalty", FB_LEDGER_MEMO, 7312, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS},
        /* Provisions (贷款损失准备): the line's, never in debit, and its charge to income. */
        {"provision", 1, 1304, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS},
        {"provision_expense", 1, 6701, 0},
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
    a[n++] = fb__book_account("memo:offbal_contra", FB_LEDGER_MEMO, 7310, 0);
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
    FB_ASSERT(x != NULL && x->cur_n >= 1);
    if (x->status != FB_LOAN_ACTIVE || x->cur_n > x->n_count) return 0;
    return fb__accrual_share(x->cur_interest, x->period_start, x->due_date, open_date);
}

int64_t fb__penalty_rounded(const fb__loan_state *x) {
    return x->penalty_fen + (2 * x->penalty_rem >= FB__PENALTY_DEN ? 1 : 0);
}

int64_t fb__owed_due(const fb__loan_state *x) {
    return fb__penalty_rounded(x) - x->penalty_moved + x->penalty_due + x->op_due + x->due_total -
           x->due_paid;
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

/* Rebuilds the installments from the running one on (an LPR repricing): `balance` of principal
 * over what remains of the term from the running installment's start, the term kept. */
static int rebuild_running(fb_book *book, fb__loan_state *x, const fb_loan *loan, int64_t balance) {
    FB_ASSERT(x->cur_n <= x->n_count && balance >= 0);
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && balance <= x->principal);
    int32_t from = (int32_t)x->cur_n;
    fb_installment *sched = calloc(FB_LOAN_MONTHS_MAX, sizeof *sched);
    if (!sched) return FB_ENOMEM;
    fb__rebuild rb = {balance,
                      (int32_t)(x->n_count - from + 1),
                      (int32_t)x->period_start,
                      x->rate,
                      loan->terms.method,
                      repayment_day(loan),
                      (fb_day_count)x->day_count,
                      FB_PREPAY_REDUCE_INSTALLMENT,
                      0,
                      0};
    size_t n = 0;
    const char *field = NULL, *why = NULL;
    int rc = fb__schedule_rebuild(&rb, sched, FB_LOAN_MONTHS_MAX, &n, &field, &why);
    if (rc)
        rc = fb__book_refuse(book, FB_EINVAL, "loan %s: rebuilding: %s %s", loan->id, field, why);
    int64_t spread = 0;
    for (size_t k = 0; rc == FB_OK && k < n; k++)
        spread += sched[k].principal_fen;
    FB_ASSERT(rc != FB_OK || spread == balance);
    if (rc == FB_OK) rc = fb__store_installments_replace(book->store, x->loan, from, sched, n);
    if (rc == FB_OK) {
        x->n_count = from - 1 + (int64_t)n;
        /* The running installment is the first rebuilt one (none when nothing is left). */
        x->period_start = n ? sched[0].period_start : 0;
        x->due_date = n ? sched[0].due_date : 0;
        x->cur_interest = n ? sched[0].interest_fen : 0;
        x->cur_principal = n ? sched[0].principal_fen : 0;
        if (n)
            rc = fb__store_loan_set_status(book->store, x->loan, FB_LOAN_ACTIVE,
                                           sched[n - 1].due_date);
    }
    free(sched);
    return rc;
}

/* An LPR loan reprices on each anniversary of its start: the installments from the first one
 * starting on or after the anniversary take the LPR then in effect plus the spread. */
static int reprice(fb_book *book, fb__loan_state *x, const fb_loan *loan, bool *repriced,
                   int64_t *contract) {
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
    if (rate > 0) *contract = rate;
    if (rate <= 0 || rate == x->rate) return FB_OK;
    *repriced = true;
    FB_ASSERT(rate > 0 && rate <= ceiling);
    return fb__loan_charge(book, x, loan, rate);
}

int fb__loan_charge(fb_book *book, fb__loan_state *x, const fb_loan *loan, int64_t rate) {
    FB_ASSERT(book != NULL && x != NULL && loan != NULL && rate > 0);
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && x->cur_n <= x->n_count);
    x->rate = rate;
    int64_t overdue_principal = x->due_total - x->due_paid - x->interest_due;
    FB_ASSERT(overdue_principal >= 0 && overdue_principal <= x->principal);
    return rebuild_running(book, x, loan, x->principal - overdue_principal);
}

int fb__fall_due(fb_book *book, fb__tq *q, fb__loan_state *x, const fb_loan *loan, bool *repriced) {
    FB_ASSERT(x->cur_n <= x->n_count);
    FB_ASSERT(x->oi_run >= 0 && x->oi_run <= x->cur_interest && (!x->nonaccrual || !x->oi_run));
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "due:%s:%lld", loan->id, (long long)x->cur_n);
    /* What accrued off the balance sheet falls due there: the memo ledger holds it already. */
    int64_t off = x->nonaccrual ? x->cur_interest : x->oi_run;
    int rc = fb__tq_add(q, id, loan->interest_account,
                        fb__gl(gl, sizeof gl, "interest_accrued", loan->line),
                        x->cur_interest - off, 1, FB__CODE_FALL_DUE);
    if (rc) return rc;
    x->oi_due += off;
    x->oi_run = 0;
    if (x->due_total == x->due_paid) x->oldest_due = x->due_date;
    x->due_total += x->cur_interest + x->cur_principal;
    x->interest_due += x->cur_interest;
    x->cur_n++;
    rc = open_installment(book->store, x);
    int64_t contract = 0;
    if (rc == FB_OK) rc = reprice(book, x, loan, repriced, &contract);
    /* A loan of a subsidy of mode net is charged the rate its term gives the new installment. */
    if (rc == FB_OK && x->cur_n <= x->n_count)
        rc = fb__subsidy_net_installment(book, x, loan, contract);
    return rc;
}

/* ---- Non-accrual (非应计) ------------------------------------------------------------------- */

fb__offbal_move fb__nonaccrual_state(fb__loan_state *x, int32_t day) {
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && !x->nonaccrual);
    FB_ASSERT(x->oi_due >= 0 && x->oi_due <= x->interest_due && x->penalty_due >= 0);
    /* What was (or, brought in, would have been) taken to income and is not paid: the interest
     * fallen due, the running installment's accrual, the penalty accrued and moved to the loan. */
    fb__offbal_move m = {x->interest_due - x->oi_due, fb__accrued(x, day + 1) - x->oi_run,
                         fb__penalty_rounded(x) - x->penalty_moved, x->penalty_due};
    FB_ASSERT(m.due >= 0 && m.accrued >= 0 && m.unmoved >= 0);
    x->oi_due = x->interest_due;
    x->oi_run = 0;
    x->op_due += m.unmoved + m.moved;
    x->penalty_moved = fb__penalty_rounded(x);
    x->penalty_due = 0;
    x->nonaccrual = 1;
    return m;
}

int fb__nonaccrual_enter(fb__tq *q, fb__loan_state *x, const fb_loan *loan, int32_t day) {
    FB_ASSERT(q != NULL && loan != NULL);
    char date[11], id[FB_ID_MAX + 1], a[FB_ID_MAX + 1], b[FB_ID_MAX + 1];
    fb_date_format(day, date);
    const fb__offbal_move m = fb__nonaccrual_state(x, day);
    const struct {
        const char *what, *debit, *credit;
        int64_t amount;
        uint16_t code;
    } t[] = {
        {"nai", fb__gl(a, sizeof a, "interest_income", loan->line), loan->interest_account, m.due,
         FB__CODE_REVERSE_INTEREST},
        {"naa", a, fb__gl(b, sizeof b, "interest_accrued", loan->line), m.accrued,
         FB__CODE_REVERSE_INTEREST},
    };
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < sizeof t / sizeof t[0]; i++) {
        snprintf(id, sizeof id, "%s:%s:%s", t[i].what, loan->id, date);
        rc = fb__tq_add(q, id, t[i].debit, t[i].credit, t[i].amount, 1, t[i].code);
    }
    fb__gl(a, sizeof a, "penalty_income", loan->line);
    snprintf(id, sizeof id, "nap:%s:%s", loan->id, date);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, a, fb__gl(b, sizeof b, "penalty_accrued", loan->line), m.unmoved, 1,
                        FB__CODE_REVERSE_PENALTY);
    }
    snprintf(id, sizeof id, "nad:%s:%s", loan->id, date);
    if (rc == FB_OK)
        rc = fb__tq_add(q, id, a, loan->penalty_account, m.moved, 1, FB__CODE_REVERSE_PENALTY);
    /* ... all of it off the balance sheet, on the memo ledger. */
    snprintf(id, sizeof id, "nam:%s:%s", loan->id, date);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, fb__gl(a, sizeof a, "offbal_interest", loan->line),
                        "memo:offbal_contra", m.due + m.accrued, FB_LEDGER_MEMO, FB__CODE_MEMO_IN);
    }
    snprintf(id, sizeof id, "nan:%s:%s", loan->id, date);
    if (rc == FB_OK) {
        rc =
            fb__tq_add(q, id, fb__gl(a, sizeof a, "offbal_penalty", loan->line),
                       "memo:offbal_contra", m.unmoved + m.moved, FB_LEDGER_MEMO, FB__CODE_MEMO_IN);
    }
    return rc;
}

void fb__nonaccrual_leave(fb__loan_state *x, int32_t day) {
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && x->nonaccrual);
    FB_ASSERT(x->oi_run == 0 && x->penalty_moved == fb__penalty_rounded(x));
    /* The running installment's accrual so far stays off the balance sheet; from now on it
     * accrues to income. What is off the balance sheet is income when it is collected. */
    x->oi_run = fb__accrued(x, day + 1);
    x->nonaccrual = 0;
}

/* ---- Repayment: load, decide, write ------------------------------------------------------ */

int fb__limit_free(fb__tq *q, const fb_facility *f, const fb_loan *loan, int k, int64_t amount,
                   bool written_off) {
    FB_ASSERT(amount >= 0);
    if (amount == 0) return FB_OK;
    FB_ASSERT(strcmp(f->id, loan->facility) == 0);
    char id[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "lim:%s:%d", loan->id, k);
    /* A closed facility is drawn no more: what its loans repay returns to the commitments. */
    bool revolving = f->revolving && !written_off && f->status != FB_FACILITY_CLOSED;
    return fb__tq_add(
        q, id, f->drawn_account, revolving ? f->available_account : FB_ACCOUNT_COMMITMENTS, amount,
        FB_LEDGER_OFF_BALANCE, revolving ? FB__CODE_LIMIT_RESTORE : FB__CODE_LIMIT_RETURN);
}

int fb__npl_out(fb__tq *q, const fb__loan_state *x, const fb_loan *loan, int k, int64_t principal) {
    FB_ASSERT(principal >= 0 && x->principal >= 0);
    FB_ASSERT(k >= 1 && x->class >= FB_CLASS_NORMAL && x->class <= FB_CLASS_LOSS);
    if (x->class < FB_CLASS_SUBSTANDARD) return FB_OK;
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "nplr:%s:%d", loan->id, k);
    return fb__tq_add(q, id, "memo:npl_contra", fb__gl(gl, sizeof gl, "npl", loan->line), principal,
                      FB_LEDGER_MEMO, FB__CODE_NPL_OUT);
}

/* The subject, one read each: the installments the payment may touch (those fallen due and not
 * paid, the last one among them once all have fallen due; for a prepayment the whole schedule);
 * for a prepayment, the loan's prepayments so far; and the facility whose limit principal frees,
 * when the payment may repay principal (not, say, an interest-only month's collection). */
static int load(fb_book *book, fb__payment *p, const fb__loan_state *x, const fb_loan *loan,
                fb_prepay prepay) {
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && x->n_count >= 1 && x->n_count <= FB_LOAN_MONTHS_MAX);
    fb_store *s = book->store;
    int64_t lo = x->oldest_n < x->n_count ? x->oldest_n : x->n_count;
    int64_t hi = x->cur_n - 1 < x->n_count ? x->cur_n - 1 : x->n_count;
    if (prepay != FB_PREPAY_NONE) lo = 1, hi = x->n_count;
    p->sched_n = 0;
    p->prepayments = 0;
    int rc = FB_OK;
    if (lo <= hi) {
        rc = fb__store_installments_range(s, x->loan, (int32_t)lo, (int32_t)hi, p->sched,
                                          FB_LOAN_MONTHS_MAX, &p->sched_n);
        if (rc == FB_OK && p->sched_n != (size_t)(hi - lo + 1)) {
            rc = fb__book_refuse(book, FB_ECORRUPT, "loan %s: installments %lld to %lld: %zu found",
                                 loan->id, (long long)lo, (long long)hi, p->sched_n);
        }
    }
    int64_t sum = 0;
    if (rc == FB_OK && prepay != FB_PREPAY_NONE) {
        rc = fb__store_prepayments_count(s, x->loan, &p->prepayments, &sum);
        if (rc == FB_OK && sum != x->prepaid) {
            rc = fb__book_refuse(book, FB_ECORRUPT, "loan %s: prepayments of %lld fen, state %lld",
                                 loan->id, (long long)sum, (long long)x->prepaid);
        }
    }
    /* Principal owed among the overdue: what is due that is not interest. */
    bool principal = prepay != FB_PREPAY_NONE || x->due_total - x->due_paid > x->interest_due;
    memset(&p->facility, 0, sizeof p->facility);
    if (rc == FB_OK && principal) {
        rc = fb__store_facility_by_id(s, loan->facility, &p->facility);
        if (rc == FB_ENOTFOUND) rc = FB_ECORRUPT;
    }
    FB_ASSERT(rc != FB_OK || p->sched_n <= FB_LOAN_MONTHS_MAX);
    return rc;
}

/* The allocation of r over the loaded subject, in memory (core/allocate.c). */
static int decide(fb_book *book, fb__payment *p, const fb__loan_state *x, const fb_loan *loan,
                  const fb_repayment *r) {
    /* Penalty accrued becomes the loan's own receivable, then is paid first. */
    p->moved_fen = fb__penalty_rounded(x) - x->penalty_moved;
    FB_ASSERT(p->moved_fen >= 0 && x->penalty_due >= 0);
    FB_ASSERT(r->amount_fen > 0 && (unsigned)r->prepay < FB_PREPAY_COUNT_);
    fb__alloc_position before;
#define FB_X_(name) before.name = x->name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    before.penalty_due += p->moved_fen;
    fb__alloc_request req = {r->amount_fen,
                             r->prepay,
                             r->date,
                             fb__accrued(x, r->date),
                             loan->terms.principal_fen + x->capitalised,
                             p->offbal_first,
                             x->rate,
                             loan->terms.method,
                             repayment_day(loan),
                             (fb_day_count)x->day_count,
                             p->sched,
                             p->sched_n};
    const char *field = NULL, *why = NULL;
    int rc = fb__allocate(&before, &req, &p->a, &field, &why);
    if (rc)
        return fb__book_refuse(book, FB_EINVAL, "loan %s: rebuilding: %s %s", loan->id, field, why);
    return FB_OK;
}

/* The decision becomes the loan's state and the repayment's results. */
static void apply(const fb__payment *p, fb__loan_state *x, fb_repayment *r) {
    const fb__allocation *a = &p->a;
    FB_ASSERT(a->after.principal >= 0 && a->after.principal <= x->principal);
#define FB_X_(name) x->name = a->after.name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    x->penalty_moved += p->moved_fen;
    r->k = (int)++x->repayments;
    r->penalty_fen = a->penalty_fen;
    r->interest_fen = a->interest_fen;
    r->principal_fen = a->principal_fen;
    r->prepaid_fen = a->prepaid_fen;
    r->unapplied_fen = a->unapplied_fen;
    r->off_balance_fen = a->penalty_off_fen + a->interest_off_fen;
    r->status = (fb_loan_status)x->status;
    FB_ASSERT(x->penalty_moved == fb__penalty_rounded(x));
    FB_ASSERT(r->penalty_fen + r->interest_fen + r->principal_fen + r->unapplied_fen ==
              r->amount_fen);
}

int fb__offbal_collected(fb__tq *q, const fb_loan *loan, const char *deposit, int k,
                         int64_t penalty_fen, int64_t interest_fen) {
    FB_ASSERT(penalty_fen >= 0 && interest_fen >= 0);
    FB_ASSERT(loan != NULL && deposit != NULL && k >= 1);
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    const struct {
        const char *income, *memo, *paid, *out;
        int64_t amount;
        uint16_t code;
    } parts[2] = {
        {"penalty_income", "offbal_penalty", "rpo", "mpo", penalty_fen, FB__CODE_REPAY_PENALTY_OFF},
        {"interest_income", "offbal_interest", "rio", "mio", interest_fen,
         FB__CODE_REPAY_INTEREST_OFF}};
    int rc = FB_OK;
    for (int i = 0; rc == FB_OK && i < 2; i++) {
        snprintf(id, sizeof id, "%s:%s:%d", parts[i].paid, loan->id, k);
        rc = fb__tq_add(q, id, deposit, fb__gl(gl, sizeof gl, parts[i].income, loan->line),
                        parts[i].amount, 1, parts[i].code);
        snprintf(id, sizeof id, "%s:%s:%d", parts[i].out, loan->id, k);
        if (rc == FB_OK) {
            rc = fb__tq_add(q, id, "memo:offbal_contra",
                            fb__gl(gl, sizeof gl, parts[i].memo, loan->line), parts[i].amount,
                            FB_LEDGER_MEMO, FB__CODE_MEMO_OUT);
        }
    }
    return rc;
}

/* The repayments row's prepay column: the mode of a prepayment that rebuilt the schedule, or
 * "payoff" when the prepayment settled the loan (the running installment became the last). */
static const char *prepay_label(const fb_repayment *r) {
    if (!r->prepay) return NULL;
    return r->status == FB_LOAN_SETTLED && r->prepaid_fen > 0 ? "payoff"
                                                              : fb_prepay_name(r->prepay);
}

static int record(fb_book *book, const fb__loan_state *x, const fb_repayment *r, const char *kind) {
    FB_ASSERT(r->k == x->repayments && r->k >= 1);
    FB_ASSERT(r->prepaid_fen >= 0 && r->prepaid_fen <= r->principal_fen);
    fb__repayment_row row = {x->loan,
                             r->k,
                             kind,
                             {0},
                             r->date,
                             r->amount_fen,
                             r->penalty_fen,
                             r->interest_fen,
                             r->principal_fen,
                             r->prepaid_fen,
                             prepay_label(r),
                             fb_now_ns(),
                             r->off_balance_fen};
    snprintf(row.client_id, sizeof row.client_id, "%s", r->id);
    return fb__store_repayment_insert(book->store, &row);
}

/* The ledger's entries of a payment, queued in the order the accounts' flags need: penalty and a
 * payoff's interest become the loan's receivables before the deposit pays them. */
static int queue(fb__tq *q, const fb__payment *p, const fb__loan_state *x, const fb_loan *loan,
                 const fb_repayment *r) {
    const fb__allocation *a = &p->a;
    FB_ASSERT(a->kind != FB__ALLOC_PAYOFF || a->replace_from > 0);
    FB_ASSERT(a->payoff_interest_fen == 0 || a->kind == FB__ALLOC_PAYOFF);
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1], deposit[FB_ID_MAX + 1];
    snprintf(deposit, sizeof deposit, "dep:%s", loan->party);
    snprintf(id, sizeof id, "pen:%s:%d", loan->id, r->k);
    int rc = fb__tq_add(q, id, loan->penalty_account,
                        fb__gl(gl, sizeof gl, "penalty_accrued", loan->line), p->moved_fen, 1,
                        FB__CODE_PENALTY_MOVE);
    if (rc == FB_OK && a->kind == FB__ALLOC_PAYOFF) {
        snprintf(id, sizeof id, "due:%s:%d", loan->id, a->replace_from);
        rc = fb__tq_add(q, id, loan->interest_account,
                        fb__gl(gl, sizeof gl, "interest_accrued", loan->line),
                        a->payoff_interest_fen - a->payoff_interest_off_fen, 1, FB__CODE_FALL_DUE);
    }
    const char *what[3] = {"rpp", "rpi", "rpc"};
    const char *to[3] = {loan->penalty_account, loan->interest_account, loan->principal_account};
    const int64_t amounts[3] = {a->penalty_fen - a->penalty_off_fen,
                                a->interest_fen - a->interest_off_fen, a->principal_fen};
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        snprintf(id, sizeof id, "%s:%s:%d", what[i], loan->id, r->k);
        rc = fb__tq_add(q, id, deposit, to[i], amounts[i], 1,
                        (uint16_t)(FB__CODE_REPAY_PENALTY + i));
    }
    /* What was off the balance sheet is income as it is collected, and leaves the memo. */
    if (rc == FB_OK)
        rc = fb__offbal_collected(q, loan, deposit, r->k, a->penalty_off_fen, a->interest_off_fen);
    if (rc == FB_OK) rc = fb__limit_free(q, &p->facility, loan, r->k, a->principal_fen, false);
    if (rc == FB_OK) rc = fb__npl_out(q, x, loan, r->k, a->principal_fen);
    return rc;
}

/* The outcome, written once: the ledger's entries, the schedule and the loan's status when they
 * change, the repayments row, and the state when asked. */
static int write_out(fb_book *book, fb__tq *q, const fb__payment *p, fb__loan_state *x,
                     const fb_loan *loan, const fb_repayment *r, const char *kind, bool put_state) {
    const fb__allocation *a = &p->a;
    FB_ASSERT(a->replace_from == 0 || (size_t)(x->n_count - a->replace_from + 1) == a->replaced_n);
    FB_ASSERT(x->status != FB_LOAN_SETTLED || a->maturity > 0);
    fb_store *s = book->store;
    int rc = queue(q, p, x, loan, r);
    if (rc == FB_OK && a->replace_from) {
        rc =
            fb__store_installments_replace(s, x->loan, a->replace_from, a->replaced, a->replaced_n);
    }
    if (rc == FB_OK && a->maturity) {
        rc = fb__store_loan_set_status(s, x->loan, (fb_loan_status)x->status, a->maturity);
    }
    if (rc == FB_OK) rc = record(book, x, r, kind);
    if (rc == FB_OK && put_state) rc = fb__store_state_put(s, x);
    return rc;
}

int fb__pay(fb_book *book, fb__tq *q, fb__payment *p, fb__loan_state *x, const fb_loan *loan,
            fb_repayment *r, const char *kind, bool put_state, fb_repay_result *refused) {
    FB_ASSERT(book != NULL && q != NULL && p != NULL && x != NULL && loan != NULL && r != NULL);
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && r->amount_fen > 0 && refused != NULL);
    *refused = FB_REPAY_DONE;
    int rc = load(book, p, x, loan, r->prepay);
    if (rc == FB_OK) rc = decide(book, p, x, loan, r);
    if (rc) return rc;
    FB_ASSERT(p->a.principal_fen == 0 || strcmp(p->facility.id, loan->facility) == 0);
    if (p->a.kind == FB__ALLOC_PREPAYMENT && p->prepayments >= FB_LOAN_PREPAYMENTS_MAX) {
        *refused = FB_REPAY_TOO_MANY_PREPAYMENTS;
        return FB_OK;
    }
    apply(p, x, r);
    return write_out(book, q, p, x, loan, r, kind, put_state);
}
