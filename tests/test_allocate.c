/* test_allocate.c — the repayment order (core/allocate.c), exhaustively: every method, amounts at
 * and around each boundary of the order (0.01 below and above each part of each installment, the
 * total due, the payoff, the later principal), many installments overdue, both prepayment modes;
 * then a seeded property test: random loans living random lives of installments falling due,
 * penalty and payments, each payment checked against a reference model written here apart from
 * the code it checks (FB_SEED=N replays a seed). */
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "core/allocate.h"
#include "finbridge/finbridge.h"
#include "test.h"

static int32_t date(const char *text) {
    int32_t d = 0;
    if (fb_date_parse(text, &d, NULL) != FB_OK) printf("    bad date %s\n", text);
    return d;
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* ---- A loan in memory: its schedule and its position --------------------------------------- */

typedef struct {
    fb_loan_terms terms;
    fb_installment sched[FB_LOAN_MONTHS_MAX];
    size_t n;
    fb__alloc_position x;
} loan;

static const fb_installment *at(const loan *l, int64_t n) { return &l->sched[n - 1]; }

static void open_running(loan *l) {
    fb__alloc_position *x = &l->x;
    if (x->cur_n > x->n_count) {
        x->period_start = x->due_date = x->cur_interest = x->cur_principal = 0;
        return;
    }
    const fb_installment *i = at(l, x->cur_n);
    x->period_start = i->period_start;
    x->due_date = i->due_date;
    x->cur_interest = i->interest_fen;
    x->cur_principal = i->principal_fen;
}

/* The running installment falls due, as end of day makes it: off the balance sheet what accrued
 * there (all of it while non-accrual, what was kept there once the loan accrued again). */
static void fall_due(loan *l) {
    fb__alloc_position *x = &l->x;
    if (x->due_total == x->due_paid) x->oldest_due = x->due_date;
    x->due_total += x->cur_interest + x->cur_principal;
    x->interest_due += x->cur_interest;
    x->oi_due += x->nonaccrual ? x->cur_interest : x->oi_run;
    x->oi_run = 0;
    x->cur_n++;
    open_running(l);
}

/* A new loan with `due` installments fallen due, `paid` fen paid of them in order, and penalty
 * owed. */
static void make(loan *l, int64_t principal, int64_t rate, int months, fb_method m, int due,
                 int64_t paid, int64_t penalty) {
    memset(l, 0, sizeof *l);
    l->terms =
        (fb_loan_terms){principal, rate, months, m, date("2025-01-15"), 0, FB_DAYCOUNT_ACT360};
    const char *field = NULL, *why = NULL;
    if (fb_schedule_build(&l->terms, l->sched, FB_LOAN_MONTHS_MAX, &l->n, &field, &why)) {
        printf("  bad terms: %s %s\n", field, why);
        exit(2);
    }
    fb__alloc_position *x = &l->x;
    x->status = FB_LOAN_ACTIVE;
    x->principal = principal;
    x->n_count = (int64_t)l->n;
    x->cur_n = x->oldest_n = 1;
    open_running(l);
    for (int k = 0; k < due && x->cur_n <= x->n_count; k++)
        fall_due(l);
    /* What was paid, oldest first, interest before principal (as a payment leaves it). */
    int64_t left = min64(paid, x->due_total);
    while (paid > 0 && x->oldest_n < x->cur_n) {
        const fb_installment *i = at(l, x->oldest_n);
        int64_t pay = min64(left, i->payment_fen - x->oldest_paid);
        int64_t unpaid_interest =
            i->interest_fen > x->oldest_paid ? i->interest_fen - x->oldest_paid : 0;
        int64_t interest = min64(pay, unpaid_interest);
        x->interest_due -= interest;
        x->principal -= pay - interest;
        x->due_paid += pay;
        x->oldest_paid += pay;
        left -= pay;
        if (x->oldest_paid < i->payment_fen) break;
        x->oldest_n++;
        x->oldest_paid = 0;
    }
    if (paid > 0) x->oldest_due = x->oldest_n < x->cur_n ? at(l, x->oldest_n)->due_date : 0;
    x->penalty_due = penalty;
}

/* The order between what is on and what is off the balance sheet (the setting offbalance_first). */
static bool offbal_first = true;

/* Puts a loan off the balance sheet as end of day does when it passes 90 days (non-accrual: all
 * interest due off it, penalty with it), or (nonaccrual false) leaves it accruing again with
 * `kept` of its running installment's accrual off it and `oi` of its interest due. */
static void off_balance(loan *l, bool nonaccrual, int64_t oi, int64_t op, int64_t kept) {
    fb__alloc_position *x = &l->x;
    x->nonaccrual = nonaccrual;
    x->oi_due = nonaccrual ? x->interest_due : min64(oi, x->interest_due);
    x->op_due = op + (nonaccrual ? x->penalty_due : 0);
    if (nonaccrual) x->penalty_due = 0;
    x->oi_run = nonaccrual || x->cur_n > x->n_count ? 0 : min64(kept, x->cur_interest);
}

static fb__alloc_request request(const loan *l, int64_t amount, fb_prepay mode, int64_t accrued,
                                 bool slice) {
    const fb__alloc_position *x = &l->x;
    fb__alloc_request r = {amount,
                           mode,
                           (int32_t)(x->period_start ? x->period_start + 3 : date("2030-01-01")),
                           accrued,
                           l->terms.principal_fen,
                           offbal_first,
                           l->terms.rate_e6,
                           l->terms.method,
                           0,
                           FB_DAYCOUNT_ACT360,
                           l->sched,
                           l->n};
    if (slice && mode == FB_PREPAY_NONE) {
        /* Only what a payment without prepayment needs: the installments overdue. */
        int64_t lo = min64(x->oldest_n, x->n_count), hi = min64(x->cur_n - 1, x->n_count);
        r.sched = l->sched + (lo - 1);
        r.sched_n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
        r.drawn_fen = 0;
    }
    return r;
}

/* Applies an allocation to the loan, as the book writes it. */
static void apply(loan *l, const fb__allocation *a) {
    l->x = a->after;
    for (size_t k = 0; k < a->replaced_n; k++)
        l->sched[a->replace_from - 1 + (int64_t)k] = a->replaced[k];
    if (a->replace_from) l->n = (size_t)(a->replace_from - 1) + a->replaced_n;
}

/* ---- The reference model: what is owed as buckets poured in order ------------------------- */

typedef struct {
    int64_t penalty, interest, principal, prepaid, unapplied;
    int64_t penalty_off, interest_off; /* of penalty and interest, off the balance sheet */
    int64_t oldest_n, oldest_paid;
    bool payoff, settled;
} expected;

/* The model's split of what is paid between on and off the balance sheet, in the book's order. */
static int64_t off_part(int64_t paid, int64_t on, int64_t off) {
    return offbal_first ? min64(paid, off) : paid - min64(paid, on);
}

static expected model(const loan *l, int64_t amount, fb_prepay mode, int64_t accrued) {
    const fb__alloc_position *x = &l->x;
    expected e;
    memset(&e, 0, sizeof e);
    /* Buckets: penalty, then each overdue installment's interest and principal still owed. */
    enum { MAXB = 1 + 2 * FB_LOAN_MONTHS_MAX };
    static int64_t owed[MAXB], bucket_n[MAXB];
    static int bucket_kind[MAXB]; /* 0 penalty, 1 interest, 2 principal */
    int nb = 0;
    owed[nb] = x->penalty_due + x->op_due, bucket_kind[nb] = 0, bucket_n[nb++] = 0;
    for (int64_t n = x->oldest_n; n < x->cur_n; n++) {
        const fb_installment *i = at(l, n);
        int64_t done = n == x->oldest_n ? x->oldest_paid : 0;
        int64_t interest_done = min64(done, i->interest_fen);
        owed[nb] = i->interest_fen - interest_done, bucket_kind[nb] = 1, bucket_n[nb++] = n;
        owed[nb] = i->principal_fen - (done - interest_done), bucket_kind[nb] = 2,
        bucket_n[nb++] = n;
    }
    static int64_t rem[MAXB];
    int64_t left = amount;
    for (int b = 0; b < nb; b++) {
        int64_t pay = min64(left, owed[b]);
        left -= pay;
        rem[b] = owed[b] - pay;
        if (bucket_kind[b] == 0) e.penalty += pay;
        if (bucket_kind[b] == 1) e.interest += pay;
        if (bucket_kind[b] == 2) e.principal += pay;
    }
    /* The oldest installment with something still owed; what is paid of it. */
    e.oldest_n = x->cur_n;
    for (int b = 1; b < nb && e.oldest_n == x->cur_n; b++) {
        if (rem[b] > 0) e.oldest_n = bucket_n[b];
    }
    bool all_paid = e.oldest_n == x->cur_n;
    if (!all_paid) {
        int64_t still = 0;
        for (int b = 1; b < nb; b++)
            if (bucket_n[b] == e.oldest_n) still += rem[b];
        e.oldest_paid = at(l, e.oldest_n)->payment_fen - still;
    }
    e.penalty_off = off_part(e.penalty, x->penalty_due, x->op_due);
    e.interest_off = off_part(e.interest, x->interest_due - x->oi_due, x->oi_due);
    int64_t principal_left = x->principal - e.principal;
    if (mode != FB_PREPAY_NONE && all_paid && x->cur_n <= x->n_count && left > 0) {
        if (left >= principal_left + accrued) {
            e.payoff = true;
            e.oldest_n = x->cur_n + 1; /* the running installment fell due and is paid */
            e.interest += accrued;
            e.interest_off += x->nonaccrual ? accrued : min64(x->oi_run, accrued);
            e.principal += principal_left;
            e.prepaid = principal_left - x->cur_principal;
            left -= principal_left + accrued;
        } else {
            e.prepaid = min64(left, principal_left - x->cur_principal);
            e.principal += e.prepaid;
            left -= e.prepaid;
        }
    }
    e.unapplied = left;
    e.settled =
        e.payoff || (all_paid && x->cur_n > x->n_count && e.penalty == x->penalty_due + x->op_due);
    return e;
}

/* ---- Checking one payment ------------------------------------------------------------------ */

static fb__allocation out;
static unsigned long long seed;
static const char *context = "";

/* Pays and compares with the model; applies the payment to l when asked. Returns whether all
 * agreed. */
static bool pay_and_check(loan *l, int64_t amount, fb_prepay mode, int64_t accrued, bool slice,
                          bool keep) {
    expected e = model(l, amount, mode, accrued);
    fb__alloc_request req = request(l, amount, mode, accrued, slice);
    const char *field = NULL, *why = NULL;
    int failures = test_current_failures;
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l->x, &req, &out, &field, &why));
    EXPECT_EQ_INT(e.penalty, out.penalty_fen);
    EXPECT_EQ_INT(e.interest, out.interest_fen);
    EXPECT_EQ_INT(e.principal, out.principal_fen);
    EXPECT_EQ_INT(e.prepaid, out.prepaid_fen);
    EXPECT_EQ_INT(e.unapplied, out.unapplied_fen);
    EXPECT_EQ_INT(e.penalty_off, out.penalty_off_fen);
    EXPECT_EQ_INT(e.interest_off, out.interest_off_fen);
    EXPECT_EQ_INT(l->x.op_due - e.penalty_off, out.after.op_due);
    EXPECT_EQ_INT(amount,
                  out.penalty_fen + out.interest_fen + out.principal_fen + out.unapplied_fen);
    EXPECT_EQ_INT(l->x.principal - e.principal, out.after.principal);
    EXPECT_TRUE(out.after.principal >= 0);
    EXPECT_EQ_INT(e.oldest_n, out.after.oldest_n);
    if (e.oldest_n < l->x.cur_n) EXPECT_EQ_INT(e.oldest_paid, out.after.oldest_paid);
    EXPECT_EQ_INT(e.settled ? FB_LOAN_SETTLED : FB_LOAN_ACTIVE, out.after.status);
    EXPECT_EQ_INT(e.payoff ? FB__ALLOC_PAYOFF
                           : (e.prepaid > 0 ? FB__ALLOC_PREPAYMENT : FB__ALLOC_DUE),
                  out.kind);
    for (size_t k = 0; k < out.items_n; k++) {
        EXPECT_TRUE(out.items[k].interest_paid_fen <= out.items[k].interest_owed_fen);
        EXPECT_TRUE(out.items[k].principal_paid_fen <= out.items[k].principal_owed_fen);
    }
    if (out.kind == FB__ALLOC_PREPAYMENT) {
        /* The rebuilt installments hold the later principal not prepaid. */
        int64_t later = l->x.principal - (e.principal - e.prepaid) - l->x.cur_principal;
        int64_t spread = 0;
        for (size_t k = 0; k < out.replaced_n; k++)
            spread += out.replaced[k].principal_fen;
        EXPECT_EQ_INT(later - e.prepaid, spread);
        EXPECT_EQ_INT(l->x.cur_n + 1, out.replace_from);
        EXPECT_EQ_INT(l->x.cur_n + (int64_t)out.replaced_n, out.after.n_count);
        int64_t months = l->x.n_count - l->x.cur_n;
        if (spread > 0 &&
            (mode == FB_PREPAY_REDUCE_INSTALLMENT || l->terms.method == FB_METHOD_INTEREST_ONLY ||
             l->terms.method == FB_METHOD_BULLET)) {
            EXPECT_EQ_INT(months, out.replaced_n);
        }
        if (spread > 0 && mode == FB_PREPAY_REDUCE_TERM) {
            EXPECT_TRUE((int64_t)out.replaced_n <= months);
            const fb_installment *old = at(l, l->x.cur_n + 1);
            /* The fewest months that keep the installment (or its principal); all of them when
             * even those do not, by a fen of rounding. */
            bool kept = l->terms.method == FB_METHOD_EQUAL_INSTALLMENT
                            ? out.replaced[0].payment_fen <= old->payment_fen
                            : out.replaced[0].principal_fen <= old->principal_fen;
            bool even = l->terms.method == FB_METHOD_EQUAL_INSTALLMENT ||
                        l->terms.method == FB_METHOD_EQUAL_PRINCIPAL;
            if (even) EXPECT_TRUE(kept || (int64_t)out.replaced_n == months);
        }
        EXPECT_EQ_INT(out.replaced_n ? out.replaced[out.replaced_n - 1].due_date : l->x.due_date,
                      out.maturity);
    }
    if (out.kind == FB__ALLOC_PAYOFF) {
        EXPECT_EQ_INT(1, out.replaced_n);
        EXPECT_EQ_INT(req.date, out.replaced[0].due_date);
        EXPECT_EQ_INT(accrued, out.replaced[0].interest_fen);
        EXPECT_EQ_INT(req.date, out.maturity);
    }
    bool ok = test_current_failures == failures;
    if (!ok) {
        printf("  %s: amount %lld, prepay %d, accrued %lld, method %d, %lld of %lld due, "
               "non-accrual %lld, off %lld/%lld/%lld, off first %d (seed %llu)\n",
               context, (long long)amount, (int)mode, (long long)accrued, (int)l->terms.method,
               (long long)l->x.cur_n - 1, (long long)l->x.n_count, (long long)l->x.nonaccrual,
               (long long)l->x.oi_due, (long long)l->x.op_due, (long long)l->x.oi_run, offbal_first,
               seed);
    }
    if (keep) apply(l, &out);
    return ok;
}

/* ---- Named cases ------------------------------------------------------------------------- */

static void penalty_then_oldest_interest_then_principal(void) {
    loan l;
    /* 12,000.00 at 6% over 12 months, equal principal: 1,000.00 + 60.00, 55.00, ... */
    make(&l, 1200000, 60000, 12, FB_METHOD_EQUAL_PRINCIPAL, 3, 0, 2500);
    EXPECT_EQ_INT(6000, at(&l, 1)->interest_fen);
    EXPECT_EQ_INT(100000, at(&l, 1)->principal_fen);
    fb__alloc_request req = request(&l, 2500 + 6000 + 40000, FB_PREPAY_NONE, 0, false);
    const char *field = NULL, *why = NULL;
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(2500, out.penalty_fen);
    EXPECT_EQ_INT(6000, out.interest_fen);
    EXPECT_EQ_INT(40000, out.principal_fen);
    EXPECT_EQ_INT(1, out.after.oldest_n);
    EXPECT_EQ_INT(46000, out.after.oldest_paid);
    EXPECT_EQ_INT(at(&l, 1)->due_date, out.after.oldest_due);
    EXPECT_EQ_INT(1, out.items_n);
    EXPECT_EQ_INT(0, out.after.penalty_due);
    EXPECT_EQ_INT(l.x.interest_due - 6000, out.after.interest_due);
    /* The rest of the first installment, and the second's interest and some principal. */
    apply(&l, &out);
    req = request(&l, 60000 + 5500 + 1, FB_PREPAY_NONE, 0, false);
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(0, out.penalty_fen);
    EXPECT_EQ_INT(5500, out.interest_fen);
    EXPECT_EQ_INT(60001, out.principal_fen);
    EXPECT_EQ_INT(2, out.after.oldest_n);
    EXPECT_EQ_INT(5501, out.after.oldest_paid);
    EXPECT_EQ_INT(2, out.items_n);
    EXPECT_EQ_INT(at(&l, 2)->due_date, out.after.oldest_due);
}

static void a_payoff_makes_the_running_installment_the_last(void) {
    loan l;
    make(&l, 1200000, 60000, 12, FB_METHOD_EQUAL_INSTALLMENT, 2, 0, 0);
    int64_t due = l.x.due_total, principal = l.x.principal;
    int64_t overdue_principal = at(&l, 1)->principal_fen + at(&l, 2)->principal_fen;
    int64_t accrued = 1234;
    int64_t payoff = due + (principal - overdue_principal) + accrued;
    fb__alloc_request req = request(&l, payoff + 500, FB_PREPAY_REDUCE_TERM, accrued, false);
    const char *field = NULL, *why = NULL;
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(FB__ALLOC_PAYOFF, out.kind);
    EXPECT_EQ_INT(FB_LOAN_SETTLED, out.after.status);
    EXPECT_EQ_INT(principal, out.principal_fen);
    EXPECT_EQ_INT(500, out.unapplied_fen);
    EXPECT_EQ_INT(accrued, out.payoff_interest_fen);
    EXPECT_EQ_INT(principal - overdue_principal - l.x.cur_principal, out.prepaid_fen);
    EXPECT_EQ_INT(3, out.replace_from);
    EXPECT_EQ_INT(3, out.after.n_count);
    EXPECT_EQ_INT(req.date, out.maturity);
    EXPECT_EQ_INT(l.x.period_start, out.replaced[0].period_start);
    /* The running installment keeps its own principal; what is after it is prepaid out of the
     * schedule and counted (what loans get shows as prepaid). */
    EXPECT_EQ_INT(l.x.cur_principal, out.replaced[0].principal_fen);
    EXPECT_EQ_INT(principal - overdue_principal - l.x.cur_principal, out.after.prepaid);
    EXPECT_EQ_INT(0, out.after.principal);
    EXPECT_EQ_INT(out.after.due_total, out.after.due_paid);
    /* 0.01 short of the payoff: a prepayment of all later principal, the running installment
     * left to fall due as the last. */
    req = request(&l, payoff - 1, FB_PREPAY_REDUCE_TERM, accrued, false);
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(FB__ALLOC_PREPAYMENT, out.kind);
    EXPECT_EQ_INT(FB_LOAN_ACTIVE, out.after.status);
    EXPECT_EQ_INT(0, out.replaced_n);
    EXPECT_EQ_INT(3, out.after.n_count);
    EXPECT_EQ_INT(l.x.due_date, out.maturity);
    EXPECT_EQ_INT(l.x.cur_principal, out.after.principal);
    EXPECT_EQ_INT(l.x.cur_principal + accrued - 1, out.unapplied_fen);
}

/* A non-accrual loan (more than 90 days overdue): what it owes is off the balance sheet; money
 * collected settles it first (the default) or, as some banks' rules say, what is on it first. */
static void off_balance_first_or_on_balance_first(void) {
    loan l;
    make(&l, 1200000, 60000, 12, FB_METHOD_EQUAL_PRINCIPAL, 3, 0, 2500);
    /* Accruing again: of the interest due 10,000 off the balance sheet; penalty 900 off it. */
    off_balance(&l, false, 10000, 900, 0);
    int64_t on_interest = l.x.interest_due - 10000;
    EXPECT_TRUE(on_interest > 3000);
    const char *field = NULL, *why = NULL;
    for (int first = 0; first < 2; first++) {
        offbal_first = first == 1;
        /* 2,000.00 of the 3,400.00 of penalty: 900.00 of it off the balance sheet, or none. */
        fb__alloc_request req = request(&l, 2000, FB_PREPAY_NONE, 0, false);
        EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
        EXPECT_EQ_INT(2000, out.penalty_fen);
        EXPECT_EQ_INT(first ? 900 : 0, out.penalty_off_fen);
        EXPECT_EQ_INT(first ? 0 : 900, out.after.op_due);
        /* All the penalty and 3,000.00 of the oldest interest: off it, or on it. */
        req = request(&l, 3400 + 3000, FB_PREPAY_NONE, 0, false);
        EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
        EXPECT_EQ_INT(3400, out.penalty_fen);
        EXPECT_EQ_INT(900, out.penalty_off_fen);
        EXPECT_EQ_INT(3000, out.interest_fen);
        EXPECT_EQ_INT(first ? 3000 : 0, out.interest_off_fen);
        EXPECT_EQ_INT(first ? 7000 : 10000, out.after.oi_due);
    }
    /* Non-accrual: a payoff's accrued interest is off the balance sheet, and paid, income. */
    make(&l, 1200000, 60000, 12, FB_METHOD_EQUAL_PRINCIPAL, 0, 0, 0);
    off_balance(&l, true, 0, 0, 0);
    fb__alloc_request req = request(&l, 2000000, FB_PREPAY_REDUCE_TERM, 3000, false);
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(FB__ALLOC_PAYOFF, out.kind);
    EXPECT_EQ_INT(3000, out.payoff_interest_off_fen);
    EXPECT_EQ_INT(3000, out.interest_off_fen);
    /* A write-off: what is off the balance sheet is written off the memo ledger. */
    make(&l, 1000000, 50000, 12, FB_METHOD_EQUAL_PRINCIPAL, 5, 0, 4321);
    off_balance(&l, true, 0, 100, 0);
    fb__alloc_position x = l.x;
    fb__write_off w;
    fb__alloc_write_off(&x, 99, &w);
    EXPECT_EQ_INT(0, w.penalty_fen);
    EXPECT_EQ_INT(4421, w.penalty_off_fen);
    EXPECT_EQ_INT(0, w.interest_fen);
    EXPECT_EQ_INT(l.x.interest_due + 99, w.interest_off_fen);
    offbal_first = true;
}

static void prepayments_shorten_or_lower(void) {
    const fb_method methods[2] = {FB_METHOD_EQUAL_INSTALLMENT, FB_METHOD_EQUAL_PRINCIPAL};
    for (int m = 0; m < 2; m++) {
        loan l;
        make(&l, 12000000, 45000, 24, methods[m], 4, 0, 0);
        int64_t due = l.x.due_total;
        const char *field = NULL, *why = NULL;
        fb__alloc_request req = request(&l, due + 3000000, FB_PREPAY_REDUCE_TERM, 0, false);
        EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
        EXPECT_EQ_INT(3000000, out.prepaid_fen);
        EXPECT_TRUE(out.replaced_n < 19);
        if (methods[m] == FB_METHOD_EQUAL_INSTALLMENT) {
            EXPECT_TRUE(out.replaced[0].payment_fen <= at(&l, 6)->payment_fen);
        } else {
            EXPECT_TRUE(out.replaced[0].principal_fen <= at(&l, 6)->principal_fen);
        }
        EXPECT_EQ_INT(3000000, out.after.prepaid);
        req = request(&l, due + 3000000, FB_PREPAY_REDUCE_INSTALLMENT, 0, false);
        EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
        EXPECT_EQ_INT(19, out.replaced_n);
        EXPECT_EQ_INT(at(&l, 24)->due_date, out.replaced[18].due_date);
        EXPECT_TRUE(out.replaced[0].payment_fen < at(&l, 6)->payment_fen);
    }
}

static void nothing_overdue_left_before_a_prepayment(void) {
    /* Money that does not clear what is due never prepays: the prepay mode changes nothing. */
    loan l;
    make(&l, 5000000, 40000, 36, FB_METHOD_EQUAL_INSTALLMENT, 5, 10000, 777);
    int64_t owed = l.x.penalty_due + l.x.due_total - l.x.due_paid;
    for (int64_t amount = owed - 2; amount <= owed; amount++) {
        fb__alloc_request req = request(&l, amount, FB_PREPAY_REDUCE_TERM, 50, false);
        const char *field = NULL, *why = NULL;
        EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
        EXPECT_EQ_INT(0, out.prepaid_fen);
        EXPECT_EQ_INT(0, out.unapplied_fen);
        EXPECT_EQ_INT(amount == owed ? 6 : 5, out.after.oldest_n);
    }
}

static void an_installment_of_nothing_is_passed(void) {
    /* 1 fen over 6 months of interest only: installments of 0.00 until the last. */
    loan l;
    make(&l, 1, 30000, 6, FB_METHOD_INTEREST_ONLY, 3, 0, 0);
    EXPECT_EQ_INT(0, at(&l, 1)->payment_fen);
    EXPECT_EQ_INT(0, l.x.due_total);
    fb__alloc_request req = request(&l, 0, FB_PREPAY_NONE, 0, true);
    const char *field = NULL, *why = NULL;
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(4, out.after.oldest_n);
    EXPECT_EQ_INT(0, out.after.oldest_due);
    EXPECT_EQ_INT(3, out.items_n);
}

static void all_fallen_due_and_paid_settles(void) {
    loan l;
    make(&l, 300000, 35000, 3, FB_METHOD_EQUAL_PRINCIPAL, 3, 0, 10);
    int64_t owed = l.x.penalty_due + l.x.due_total;
    fb__alloc_request req = request(&l, owed, FB_PREPAY_NONE, 0, true);
    const char *field = NULL, *why = NULL;
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, out.after.status);
    EXPECT_EQ_INT(at(&l, 3)->due_date, out.maturity);
    req = request(&l, owed - 1, FB_PREPAY_NONE, 0, true);
    EXPECT_EQ_INT(FB_OK, fb__allocate(&l.x, &req, &out, &field, &why));
    EXPECT_EQ_INT(FB_LOAN_ACTIVE, out.after.status);
    EXPECT_EQ_INT(0, out.maturity);
    EXPECT_EQ_INT(1, out.after.principal);
}

static void write_off_and_recovery(void) {
    loan l;
    make(&l, 1000000, 50000, 12, FB_METHOD_EQUAL_PRINCIPAL, 5, 0, 4321);
    fb__alloc_position x = l.x;
    fb__write_off w;
    fb__alloc_write_off(&x, 99, &w);
    EXPECT_EQ_INT(4321, w.penalty_fen);
    EXPECT_EQ_INT(l.x.interest_due + 99, w.interest_fen);
    EXPECT_EQ_INT(1000000, w.principal_fen);
    EXPECT_EQ_INT(FB_LOAN_WRITTEN_OFF, x.status);
    EXPECT_EQ_INT(1000000, x.written_off);
    EXPECT_EQ_INT(0, x.principal);
    EXPECT_EQ_INT(13, x.cur_n);
    EXPECT_EQ_INT(x.due_total, x.due_paid);
    fb__alloc_recover(&x, 400000);
    fb__alloc_recover(&x, 600000);
    EXPECT_EQ_INT(1000000, x.recovered);
}

static void a_schedule_too_small_to_rebuild_keeps_nothing(void) {
    fb__rebuild rb = {0,
                      5,
                      date("2025-03-01"),
                      40000,
                      FB_METHOD_EQUAL_INSTALLMENT,
                      0,
                      FB_DAYCOUNT_ACT360,
                      FB_PREPAY_REDUCE_TERM,
                      100,
                      100};
    size_t n = 9;
    const char *field = NULL, *why = NULL;
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    EXPECT_EQ_INT(FB_OK, fb__schedule_rebuild(&rb, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    EXPECT_EQ_INT(0, n);
    rb.balance_fen = 100000;
    rb.rate_e6 = FB_RATE_MAX_E6 + 1;
    EXPECT_EQ_INT(FB_EINVAL, fb__schedule_rebuild(&rb, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    EXPECT_EQ_STR("rate", field);
}

/* ---- Every boundary -------------------------------------------------------------------- */

/* The amounts where the order moves from one part to the next: after the penalty, each overdue
 * installment's interest and principal, the total due; beyond it the later principal and the
 * payoff. */
static size_t boundaries(const loan *l, int64_t accrued, int64_t *b, size_t cap) {
    const fb__alloc_position *x = &l->x;
    size_t n = 0;
    /* Penalty: where what is off the balance sheet ends, and all of it. */
    b[n++] = offbal_first ? x->op_due : x->penalty_due;
    int64_t sum = x->penalty_due + x->op_due, overdue_principal = 0;
    b[n++] = sum;
    for (int64_t k = x->oldest_n; k < x->cur_n && n + 4 < cap; k++) {
        const fb_installment *i = at(l, k);
        int64_t done = k == x->oldest_n ? x->oldest_paid : 0;
        int64_t interest_done = min64(done, i->interest_fen);
        sum += i->interest_fen - interest_done;
        b[n++] = sum;
        sum += i->principal_fen - (done - interest_done);
        overdue_principal += i->principal_fen - (done - interest_done);
        b[n++] = sum;
    }
    int64_t left = x->principal - overdue_principal;
    if (n + 2 <= cap) b[n++] = sum + left - x->cur_principal;
    if (n + 1 <= cap) b[n++] = sum + left + accrued;
    return n;
}

static void every_boundary_of_every_method(void) {
    static const struct {
        int months, due;
        int64_t paid; /* of what fell due */
    } shapes[] = {{1, 0, 0},  {1, 1, 0},   {6, 0, 0},   {6, 1, 0},     {6, 3, 1234},
                  {12, 6, 7}, {24, 12, 0}, {36, 30, 0}, {36, 36, 100}, {60, 59, 50000}};
    static const int64_t penalties[] = {0, 1, 98765};
    /* Off the balance sheet: none; non-accrual (all interest and penalty off it); accruing
     * again with part of the interest due, penalty and the running accrual kept off it. Each
     * in both orders (offbalance_first). */
    static const struct {
        bool nonaccrual;
        int64_t oi, op, kept;
    } offs[] = {{false, 0, 0, 0}, {true, 0, 4321, 0}, {false, 50000, 777, 1000}};
    int cases = 0;
    context = "boundary";
    for (size_t o = 0; o < 2 * sizeof offs / sizeof offs[0]; o++)
        for (int m = 0; m < FB_METHOD_COUNT_; m++) {
            for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
                for (size_t p = 0; p < sizeof penalties / sizeof penalties[0]; p++) {
                    loan l;
                    make(&l, 10000000 + 37, 43500, shapes[s].months, (fb_method)m, shapes[s].due,
                         shapes[s].paid, penalties[p]);
                    offbal_first = o % 2 == 0;
                    off_balance(&l, offs[o / 2].nonaccrual, offs[o / 2].oi, offs[o / 2].op,
                                offs[o / 2].kept);
                    int64_t accrued = l.x.cur_interest / 3;
                    if (accrued < l.x.oi_run) accrued = l.x.oi_run;
                    static int64_t b[2 * FB_LOAN_MONTHS_MAX + 8];
                    size_t nb = boundaries(&l, accrued, b, sizeof b / sizeof b[0]);
                    for (size_t k = 0; k < nb; k++) {
                        for (int64_t d = -1; d <= 1; d++) {
                            int64_t amount = b[k] + d;
                            if (amount < 0) continue;
                            for (int mode = 0; mode < FB_PREPAY_COUNT_; mode++) {
                                pay_and_check(&l, amount, (fb_prepay)mode, accrued, false, false);
                                if (mode == 0)
                                    pay_and_check(&l, amount, FB_PREPAY_NONE, accrued, true, false);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
    offbal_first = true;
    printf("  %d boundary payments\n", cases);
}

/* ---- The property test ------------------------------------------------------------------- */

static uint64_t rng;
static uint64_t rnd(uint64_t n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return n ? rng % n : 0;
}

/* What an assertion's abort prints, formatted before: a signal handler only writes. */
static char abort_line[128];
static size_t abort_len;

static void on_abort(int sig) {
    if (write(1, abort_line, abort_len) < 0) abort_len = 0;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* An amount of money a borrower might bring: near what is owed, around the payoff, small, or
 * anything. */
static int64_t an_amount(const loan *l, int64_t accrued) {
    static int64_t b[2 * FB_LOAN_MONTHS_MAX + 8];
    size_t nb = boundaries(l, accrued, b, sizeof b / sizeof b[0]);
    int64_t amount = 0;
    switch (rnd(4)) {
    case 0: amount = b[rnd(nb)] + (int64_t)rnd(3) - 1; break;
    case 1: amount = 1 + (int64_t)rnd(1000); break;
    case 2: amount = (int64_t)rnd((uint64_t)b[nb - 1] + 2); break;
    default: amount = (int64_t)rnd(2 * (uint64_t)l->terms.principal_fen + 2); break;
    }
    return amount < 0 ? 0 : amount;
}

static void random_lives_match_the_model(void) {
    enum { LOANS = 4000 };
    int payments = 0, prepaid = 0, payoffs = 0, settled = 0;
    int64_t most_overdue = 0;
    static loan l;
    context = "property";
    for (int i = 0; i < LOANS && !test_current_failures; i++) {
        int months = rnd(10) == 0 ? 1 + (int)rnd(FB_LOAN_MONTHS_MAX) : 1 + (int)rnd(48);
        fb_method method = (fb_method)rnd(FB_METHOD_COUNT_);
        int64_t principal = rnd(8) == 0 ? 1 + (int64_t)rnd(5000) : 1 + (int64_t)rnd(2000000000);
        make(&l, principal, 10000 + (int64_t)rnd(FB_RATE_MAX_E6 - 10000), months, method, 0, 0, 0);
        /* A life: installments fall due, penalty accrues, the borrower pays now and then (some
         * borrowers seldom, so that many installments are overdue at once). */
        uint64_t pay_pct = 3 + rnd(70);
        for (int step = 0; step < 3 * months + 6 && l.x.status == FB_LOAN_ACTIVE; step++) {
            int64_t overdue = l.x.cur_n - l.x.oldest_n;
            if (overdue > most_overdue) most_overdue = overdue;
            if (rnd(100) >= pay_pct && l.x.cur_n <= l.x.n_count) {
                fall_due(&l);
                int64_t penalty = l.x.due_total > l.x.due_paid ? (int64_t)rnd(5000) : 0;
                if (l.x.nonaccrual) {
                    l.x.op_due += penalty;
                } else {
                    l.x.penalty_due += penalty;
                }
                /* End of day: a loan long overdue goes non-accrual, one paid up accrues again. */
                int64_t behind = l.x.cur_n - l.x.oldest_n;
                if (!l.x.nonaccrual && behind > 3) off_balance(&l, true, 0, 0, 0);
                if (l.x.nonaccrual && behind == 0 && rnd(2)) {
                    l.x.nonaccrual = 0;
                    l.x.oi_run =
                        l.x.cur_n <= l.x.n_count ? (int64_t)rnd((uint64_t)l.x.cur_interest + 1) : 0;
                }
            } else {
                offbal_first = rnd(2) == 0;
                fb_prepay mode = rnd(3) == 0 ? (fb_prepay)(1 + rnd(2)) : FB_PREPAY_NONE;
                int64_t accrued = (int64_t)rnd((uint64_t)l.x.cur_interest + 1);
                if (accrued < l.x.oi_run) accrued = l.x.oi_run;
                int64_t amount = an_amount(&l, accrued);
                if (!pay_and_check(&l, amount, mode, accrued, rnd(2) == 0, true)) break;
                payments++;
                prepaid += out.kind == FB__ALLOC_PREPAYMENT;
                payoffs += out.kind == FB__ALLOC_PAYOFF;
            }
        }
        settled += l.x.status == FB_LOAN_SETTLED;
    }
    printf("  %d loans, %d payments (%d prepayments, %d payoffs), %d settled, up to %lld"
           " installments overdue at once (seed %llu)\n",
           LOANS, payments, prepaid, payoffs, settled, (long long)most_overdue, seed);
    EXPECT_TRUE(prepaid > 0 && payoffs > 0 && settled > 0);
}

int main(void) {
    const char *s = getenv("FB_SEED");
    seed = s ? strtoull(s, NULL, 10) : (unsigned long long)time(NULL);
    if (seed == 0) seed = 1;
    rng = seed * 0x9E3779B97F4A7C15ull | 1;
    printf("seed %llu\n", seed);
    int len = snprintf(abort_line, sizeof abort_line,
                       "  aborted (seed %llu: FB_SEED=%llu replays it)\n", seed, seed);
    abort_len = len > 0 ? (size_t)len : 0;
    signal(SIGABRT, on_abort);
    RUN(penalty_then_oldest_interest_then_principal);
    RUN(a_payoff_makes_the_running_installment_the_last);
    RUN(off_balance_first_or_on_balance_first);
    RUN(prepayments_shorten_or_lower);
    RUN(nothing_overdue_left_before_a_prepayment);
    RUN(an_installment_of_nothing_is_passed);
    RUN(all_fallen_due_and_paid_settles);
    RUN(write_off_and_recovery);
    RUN(a_schedule_too_small_to_rebuild_keeps_nothing);
    RUN(every_boundary_of_every_method);
    RUN(random_lives_match_the_model);
    return test_summary();
}
