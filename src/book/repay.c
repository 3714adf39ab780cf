/* repay.c — repayment, write-off and recovery of a loan, and what a loan owes now. Each is one
 * unit of work: the repayments row, the loan's state and its ledger entries commit together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "loan_not_found",
                                           "loan_closed",
                                           "no_business_date",
                                           "before_business_date",
                                           "after_business_date",
                                           "insufficient_funds",
                                           "nothing_due",
                                           "not_loss",
                                           "not_written_off",
                                           "exceeds_written_off",
                                           "too_many_prepayments"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_REPAY_TOO_MANY_PREPAYMENTS + 1,
               "a name for every repayment result");

const char *fb_repay_result_name(fb_repay_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_repayment_check(const fb_repayment *r, bool needs_amount, const char **field, char *reason,
                       size_t cap) {
    const char *why = NULL;
    if (!fb_id_valid(r->loan, strnlen(r->loan, sizeof r->loan), &why)) FAIL("loan", why);
    if (r->id[0] && !fb_id_valid(r->id, strnlen(r->id, sizeof r->id), &why)) FAIL("id", why);
    if (needs_amount && r->amount_fen <= 0) FAIL("amount", "must be more than 0");
    if (r->amount_fen > FB_PRINCIPAL_MAX_FEN) FAIL("amount", "is too large");
    if ((unsigned)r->prepay > FB_PREPAY_REDUCE_INSTALLMENT) FAIL("prepay", "is unknown");
    return FB_OK;
}

typedef struct {
    fb_loan loan;
    int64_t key;
    fb__loan_state x;
    fb_account deposit;
} subject;

/* The checks every operation on a loan makes, in this order. FB_OK with *refusal set when the
 * book refuses. */
static int find(fb_book *book, fb_repayment *r, subject *sj, fb_repay_result *refusal) {
    fb_store *s = book->store;
    int32_t open = 0;
    int rc = fb__store_business_date(s, &open);
    if (rc) return rc;
    if (r->id[0]) {
        fb__repayment_row row;
        rc = fb__store_repayment_by_client(s, r->id, &row);
        if (rc == FB_OK) {
            fb_loan other;
            rc = fb__store_loan_by_key(s, row.loan, &other);
            if (rc) return rc;
            bool same = strcmp(other.id, r->loan) == 0 && (r->date == 0 || r->date == row.date);
            same = same && (r->amount_fen == 0 || r->amount_fen == row.amount);
            *refusal = same ? FB_REPAY_EXISTS : FB_REPAY_EXISTS_WITH_DIFFERENT;
            r->k = row.k;
            r->date = row.date;
            r->penalty_fen = row.penalty;
            r->interest_fen = row.interest;
            r->principal_fen = row.principal;
            r->prepaid_fen = row.prepaid;
            r->off_balance_fen = row.off_balance;
            return FB_OK;
        }
        if (rc != FB_ENOTFOUND) return rc;
    }
    rc = fb__store_loan_by_id(s, r->loan, &sj->loan, &sj->key);
    if (rc == FB_ENOTFOUND) return *refusal = FB_REPAY_LOAN_NOT_FOUND, FB_OK;
    if (rc) return rc;
    rc = fb__store_state_get(s, sj->key, &sj->x);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    if (open == 0) return *refusal = FB_REPAY_NO_BUSINESS_DATE, FB_OK;
    if (r->date == 0) r->date = open;
    if (r->date < open) return r->against = open, *refusal = FB_REPAY_BEFORE_BUSINESS_DATE, FB_OK;
    if (r->date > open) return r->against = open, *refusal = FB_REPAY_AFTER_BUSINESS_DATE, FB_OK;
    char deposit[FB_ID_MAX + 1];
    snprintf(deposit, sizeof deposit, "dep:%s", sj->loan.party);
    rc = fb_ledger_get_account(book->ledger, deposit, &sj->deposit);
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}

static int64_t held(const fb_account *a) {
    return a->credits_posted_fen - a->debits_posted_fen - a->debits_pending_fen;
}

/* Runs op inside a unit of work after the common checks. */
typedef int operation(fb_book *book, fb__tq *q, subject *sj, fb_repayment *r,
                      fb_repay_result *result);

static int run(fb_book *book, fb_repayment *r, fb_repay_result *result, operation *op) {
    FB_ASSERT(book != NULL && r != NULL && result != NULL);
    *result = FB_REPAY_DONE;
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    subject sj;
    rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb__book_gl_accounts(book);
    if (rc == FB_OK) rc = find(book, r, &sj, result);
    q.value_date = r->date; /* find() dates it the business date */
    if (rc == FB_OK && *result == FB_REPAY_DONE) rc = op(book, &q, &sj, r, result);
    if (rc == FB_OK && *result == FB_REPAY_DONE) rc = fb__tq_flush(&q);
    if (rc == FB_OK && *result == FB_REPAY_DONE) {
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    fb__tq_free(&q);
    return rc;
}

/* Bad input to the library: the doors check it first (fb_repayment_check). */
static int check_amount(fb_book *book, const fb_repayment *r) {
    FB_ASSERT(book != NULL && r != NULL);
    FB_ASSERT(r->loan[0] != '\0'); /* found before the amount is looked at */
    if (r->amount_fen > 0 && r->amount_fen <= FB_PRINCIPAL_MAX_FEN &&
        (unsigned)r->prepay < FB_PREPAY_COUNT_) {
        return FB_OK;
    }
    return fb__book_refuse(book, FB_EINVAL,
                           "loan %s: the amount must be more than 0 and at most %lld"
                           " fen, the prepay mode known",
                           r->loan, (long long)FB_PRINCIPAL_MAX_FEN);
}

static int repay(fb_book *book, fb__tq *q, subject *sj, fb_repayment *r, fb_repay_result *result) {
    fb__loan_state *x = &sj->x;
    if (x->status != FB_LOAN_ACTIVE) return *result = FB_REPAY_LOAN_CLOSED, FB_OK;
    int rc = check_amount(book, r);
    if (rc) return rc;
    FB_ASSERT(*result == FB_REPAY_DONE && r->amount_fen > 0);
    if (held(&sj->deposit) < r->amount_fen) {
        r->against = held(&sj->deposit);
        return *result = FB_REPAY_INSUFFICIENT_FUNDS, FB_OK;
    }
    if (fb__owed_due(x) == 0 && r->prepay == FB_PREPAY_NONE) {
        return *result = FB_REPAY_NOTHING_DUE, FB_OK;
    }
    int64_t first = 1;
    rc = fb_setting_get(book, "offbalance_first", &first);
    if (rc) return rc;
    fb__payment *p = malloc(sizeof *p);
    if (!p) return FB_ENOMEM;
    p->offbal_first = first != 0;
    rc = fb__pay(book, q, p, x, &sj->loan, r, "repayment", true, result);
    free(p);
    FB_ASSERT(rc != FB_OK || *result != FB_REPAY_DONE || r->k == x->repayments);
    return rc;
}

int fb_loan_repay(fb_book *book, fb_repayment *r, fb_repay_result *result) {
    return run(book, r, result, repay);
}

/* The write-off's entries: what is on the balance sheet against the line's provision (raised
 * first when short), what is off it out of the memo ledger. */
static int write_off_entries(fb_book *book, fb__tq *q, subject *sj, const fb__write_off *w, int k,
                             int32_t date) {
    const fb_loan *loan = &sj->loan;
    FB_ASSERT(w->principal_fen >= 0 && w->interest_fen >= 0 && w->penalty_fen >= 0);
    FB_ASSERT(k >= 1 && date > 0);
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1], provision[FB_ID_MAX + 1];
    fb__gl(provision, sizeof provision, "provision", loan->line);
    int rc = fb__provision_write_off(book, q, loan, sj->key, k, date,
                                     w->penalty_fen + w->interest_fen + w->principal_fen);
    const char *what[3] = {"wop", "woi", "woc"};
    const char *from[3] = {loan->penalty_account, loan->interest_account, loan->principal_account};
    const int64_t amounts[3] = {w->penalty_fen, w->interest_fen, w->principal_fen};
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        snprintf(id, sizeof id, "%s:%s:%d", what[i], loan->id, k);
        rc = fb__tq_add(q, id, provision, from[i], amounts[i], 1, FB__CODE_WRITE_OFF);
    }
    snprintf(id, sizeof id, "wmp:%s:%d", loan->id, k);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, "memo:offbal_contra",
                        fb__gl(gl, sizeof gl, "offbal_penalty", loan->line), w->penalty_off_fen,
                        FB_LEDGER_MEMO, FB__CODE_MEMO_WRITE_OFF);
    }
    snprintf(id, sizeof id, "wmi:%s:%d", loan->id, k);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, "memo:offbal_contra",
                        fb__gl(gl, sizeof gl, "offbal_interest", loan->line), w->interest_off_fen,
                        FB_LEDGER_MEMO, FB__CODE_MEMO_WRITE_OFF);
    }
    return rc;
}

/* A loss loan leaves the balance sheet against the loan-loss provision: what it owes (principal,
 * interest due and accrued, penalty) is written off — what is off the balance sheet leaves the
 * memo ledger — and its limit returns to the commitments. Loaded (the facility), decided in
 * memory (core/allocate.c), written once. */
static int write_off(fb_book *book, fb__tq *q, subject *sj, fb_repayment *r,
                     fb_repay_result *result) {
    fb__loan_state *x = &sj->x;
    const fb_loan *loan = &sj->loan;
    if (x->status != FB_LOAN_ACTIVE) return *result = FB_REPAY_LOAN_CLOSED, FB_OK;
    if (x->class != FB_CLASS_LOSS) return *result = FB_REPAY_NOT_LOSS, FB_OK;
    fb_facility f;
    int rc = fb__store_facility_by_id(book->store, loan->facility, &f);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    /* Decide: accrued interest and penalty move to the loan, then all it owes goes. */
    int64_t moved = fb__penalty_rounded(x) - x->penalty_moved;
    int64_t accrued = fb__accrued(x, r->date);
    /* The running installment's accrual on the balance sheet falls due before it goes. */
    int64_t accrued_on = x->nonaccrual ? 0 : accrued - (x->oi_run < accrued ? x->oi_run : accrued);
    int64_t running = x->cur_n;
    fb__alloc_position pos;
#define FB_X_(name) pos.name = x->name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    pos.penalty_due += moved;
    fb__write_off w;
    fb__alloc_write_off(&pos, accrued, &w);
#define FB_X_(name) x->name = pos.name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    x->penalty_moved += moved;
    int k = (int)++x->repayments;
    r->k = k;
    r->penalty_fen = w.penalty_fen;
    r->interest_fen = w.interest_fen;
    r->principal_fen = w.principal_fen;
    r->off_balance_fen = w.penalty_off_fen + w.interest_off_fen;
    r->status = FB_LOAN_WRITTEN_OFF;
    FB_ASSERT(x->principal == 0 && x->written_off == w.principal_fen);
    FB_ASSERT(x->penalty_moved == fb__penalty_rounded(x) && x->penalty_due == 0);
    /* Write. */
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "pen:%s:%d", loan->id, k);
    rc = fb__tq_add(q, id, loan->penalty_account,
                    fb__gl(gl, sizeof gl, "penalty_accrued", loan->line), moved, 1,
                    FB__CODE_PENALTY_MOVE);
    snprintf(id, sizeof id, "due:%s:%lld", loan->id, (long long)running);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, loan->interest_account,
                        fb__gl(gl, sizeof gl, "interest_accrued", loan->line), accrued_on, 1,
                        FB__CODE_FALL_DUE);
    }
    if (rc == FB_OK) rc = write_off_entries(book, q, sj, &w, k, r->date);
    if (rc == FB_OK) rc = fb__limit_free(q, &f, loan, k, w.principal_fen, true);
    if (rc == FB_OK) rc = fb__npl_out(q, x, loan, k, w.principal_fen);
    fb_store *s = book->store;
    fb__repayment_row row = {x->loan,           k, "write_off",    {0},
                             r->date,           0, r->penalty_fen, r->interest_fen,
                             r->principal_fen,  0, NULL,           fb_now_ns(),
                             r->off_balance_fen};
    snprintf(row.client_id, sizeof row.client_id, "%s", r->id);
    if (rc == FB_OK) rc = fb__store_repayment_insert(s, &row);
    if (rc == FB_OK)
        rc = fb__store_loan_set_status(s, x->loan, FB_LOAN_WRITTEN_OFF, loan->maturity_date);
    if (rc == FB_OK) rc = fb__tq_flush(q);
    if (rc == FB_OK) rc = fb__store_state_put(s, x);
    return rc;
}

int fb_loan_write_off(fb_book *book, fb_repayment *r, fb_repay_result *result) {
    return run(book, r, result, write_off);
}

static int recover(fb_book *book, fb__tq *q, subject *sj, fb_repayment *r,
                   fb_repay_result *result) {
    fb__loan_state *x = &sj->x;
    if (x->status != FB_LOAN_WRITTEN_OFF) return *result = FB_REPAY_NOT_WRITTEN_OFF, FB_OK;
    int rc = check_amount(book, r);
    if (rc) return rc;
    if (r->amount_fen > x->written_off - x->recovered) {
        return *result = FB_REPAY_EXCEEDS_WRITTEN_OFF, FB_OK;
    }
    if (held(&sj->deposit) < r->amount_fen) {
        r->against = held(&sj->deposit);
        return *result = FB_REPAY_INSUFFICIENT_FUNDS, FB_OK;
    }
    fb__alloc_position pos;
#define FB_X_(name) pos.name = x->name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
    fb__alloc_recover(&pos, r->amount_fen);
    FB_ASSERT(pos.recovered == x->recovered + r->amount_fen && pos.principal == x->principal);
    x->recovered = pos.recovered;
    FB_ASSERT(x->recovered <= x->written_off);
    int k = (int)++x->repayments;
    char id[FB_ID_MAX + 1], provision[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "rec:%s:%d", sj->loan.id, k);
    /* A recovery credits the line's provision back. */
    rc = fb__tq_add(q, id, sj->deposit.id,
                    fb__gl(provision, sizeof provision, "provision", sj->loan.line), r->amount_fen,
                    1, FB__CODE_RECOVERY);
    if (rc == FB_OK) {
        rc = fb__store_provision_move(book->store, r->date, sj->loan.line, sj->key, "recovery",
                                      r->amount_fen);
    }
    r->k = k;
    r->principal_fen = r->amount_fen;
    r->status = FB_LOAN_WRITTEN_OFF;
    fb_store *s = book->store;
    fb__repayment_row row = {x->loan, k, "recovery", {0},         r->date, r->amount_fen, 0, 0,
                             0,       0, NULL,       fb_now_ns(), 0};
    snprintf(row.client_id, sizeof row.client_id, "%s", r->id);
    if (rc == FB_OK) rc = fb__store_repayment_insert(s, &row);
    if (rc == FB_OK) rc = fb__store_state_put(s, x);
    return rc;
}

int fb_loan_recover(fb_book *book, fb_repayment *r, fb_repay_result *result) {
    return run(book, r, result, recover);
}

int fb_loan_position_get(fb_book *book, const char *id, fb_loan_position *out) {
    int64_t technical = 0;
    int rc = fb_setting_get(book, "technical_overdue_days", &technical);
    if (rc) return memset(out, 0, sizeof *out), rc;
    return fb_loan_position_read(book, id, technical, out);
}

int fb_loan_position_read(fb_book *book, const char *id, int64_t technical_days,
                          fb_loan_position *out) {
    FB_ASSERT(book != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_store *s = book->store;
    fb_loan loan;
    int64_t key = 0;
    int rc = fb__store_loan_by_id(s, id, &loan, &key);
    fb__loan_state x;
    if (rc == FB_OK) rc = fb__store_state_get(s, key, &x);
    if (rc == FB_OK) rc = fb__store_business_date(s, &out->business_date);
    if (rc) return rc;
    out->status = (fb_loan_status)x.status;
    out->installment = (int32_t)x.cur_n;
    out->installments = (int32_t)x.n_count;
    out->rate_e6 = x.rate;
    out->principal_fen = x.principal;
    out->interest_overdue_fen = x.interest_due;
    out->principal_overdue_fen = x.due_total - x.due_paid - x.interest_due;
    int64_t accrued = out->business_date ? fb__accrued(&x, out->business_date) : 0;
    /* What is owed off the balance sheet is owed all the same: the figures are what the borrower
     * owes, the off-balance parts told apart. */
    out->interest_accrued_fen = accrued;
    out->penalty_fen = fb__penalty_rounded(&x) - x.penalty_moved + x.penalty_due + x.op_due;
    out->penalty_remainder = x.penalty_rem;
    out->days_past_due = x.oldest_due && out->business_date ? out->business_date - x.oldest_due : 0;
    bool active = x.status == FB_LOAN_ACTIVE;
    out->loan_class = active ? (fb_loan_class)x.class : FB_CLASS_NONE;
    out->nonaccrual = active && x.nonaccrual != 0; /* a closed loan has no class, nor this */
    out->offbal_interest_fen = x.oi_due + (x.nonaccrual ? accrued : x.oi_run);
    out->offbal_penalty_fen = x.op_due;
    out->manual_floor = (fb_loan_class)x.manual;
    out->restructured = x.restructured != 0;
    out->observation_start = (int32_t)x.obs_start;
    out->observation_end = (int32_t)x.obs_end;
    out->capitalised_fen = x.capitalised;
    out->extended_months = (int32_t)x.extended;
    out->arrears_repaid = active ? (int32_t)x.cured : 0;
    out->paid_on_time = active && x.cured ? x.ontime : 0;
    out->prepaid_fen = x.prepaid;
    out->written_off_fen = x.written_off;
    out->recovered_fen = x.recovered;
    bool observed = active && x.restructured;
    out->observation_floor = observed ? (fb_loan_class)x.obs_floor : FB_CLASS_NORMAL;
    out->observation_missed = observed && x.obs_missed != 0;
    out->difficulty_resolved = observed && x.resolved != 0;
    out->technical_overdue =
        active && out->days_past_due > 0 && out->days_past_due <= technical_days;
    return FB_OK;
}
