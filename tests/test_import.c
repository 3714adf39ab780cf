/* test_import.c — loans brought in mid-life carry on as if they had been drawn here: a seeded
 * book of random loans (every method, fixed and LPR rates, repayment days and day counts,
 * prepayments, late and defaulting borrowers, write-offs) lives a year, is brought into an empty
 * book at a cut-over through the book's import (finbridge/import.h), and both live on for
 * another 400 days with the same repayments: every loan's position and schedule agree on the
 * way and at the end, and both books verify. Then the refusals of fb__loan_import_position, each
 * with the field it names. FB_SEED=N replays one seed. */
#include "book.h"

static fb_book *A, *B;

/* ---- A book lived by chance ------------------------------------------------------------- */

enum { PARTIES = 8, LOANS_MAX = 64 };
static char loan_ids[LOANS_MAX][FB_LOAN_ID_MAX + 1];
static size_t n_loans;

static void parties_and_lines(void) {
    for (int i = 0; i < PARTIES; i++) {
        char id[16], fac[16];
        snprintf(id, sizeof id, "p%d", i);
        snprintf(fac, sizeof fac, "f%d", i);
        party(id, 100 + i, i % 4 == 3);
        facility(fac, id, i % 4 == 3 ? FB_LINE_TECHNOLOGY : FB_LINE_INCLUSIVE,
                 i % 4 == 3 ? 5000000000LL : 900000000LL, i % 2 == 0);
    }
}

static void draw_one(int32_t today) {
    if (n_loans == LOANS_MAX) return;
    fb_loan x;
    memset(&x, 0, sizeof x);
    int who = (int)rnd(PARTIES);
    snprintf(x.id, sizeof x.id, "L%zu", n_loans);
    snprintf(x.facility, sizeof x.facility, "f%d", who);
    fb_method m = (fb_method)rnd(FB_METHOD_COUNT_);
    int months = m == FB_METHOD_BULLET ? 3 + (int)rnd(10) : 6 + (int)rnd(30);
    bool lpr = rnd(3) == 0;
    x.terms = (fb_loan_terms){
        1000000 + (int64_t)rnd(50000000),   lpr ? 0 : 30000 + (int64_t)rnd(40000), months, m, today,
        rnd(3) == 0 ? 1 + (int)rnd(28) : 0, (fb_day_count)rnd(FB_DAYCOUNT_COUNT_)};
    x.rate_kind = lpr ? FB_RATE_LPR : FB_RATE_FIXED;
    x.lpr_tenor_years = lpr ? (rnd(2) ? 1 : 5) : 0;
    x.spread_bp = lpr ? (int32_t)rnd(100) - 20 : 0;
    x.penalty_markup_pct = 30 + (int32_t)rnd(21);
    x.manual_collection = rnd(10) == 0;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_check(&x, &field, reason, sizeof reason));
    fb_loan_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_loans_create(A, &x, 1, &o));
    if (o.result == FB_LOAN_CREATED) snprintf(loan_ids[n_loans++], sizeof loan_ids[0], "%s", x.id);
}

/* Something happens to a borrower: it is paid, it spends, it prepays. The same ops on both
 * books once there are two (seed kept apart so that both see the same). */
static void live_day(fb_book *b, uint64_t *seed, bool drawing, int32_t today) {
    uint64_t keep = rng_state;
    rng_state = *seed;
    L = b;
    if (drawing && rnd(8) == 0) draw_one(today);
    int who = (int)rnd(PARTIES);
    char id[16];
    snprintf(id, sizeof id, "p%d", who);
    uint64_t what = rnd(40);
    if (what < 3) fund(id, 100000 + (int64_t)rnd(3000000));
    if (what == 3) drain(id);
    if (what == 4 && n_loans) {
        fb_loan_position p;
        const char *loan = loan_ids[rnd(n_loans)];
        if (fb_loan_position_get(b, loan, &p) == FB_OK && p.status == FB_LOAN_ACTIVE) {
            fb_loan x;
            EXPECT_EQ_INT(FB_OK, fb_loan_get(b, loan, &x));
            fund(x.party, 2000000);
            fb_repayment r;
            repay(loan, 1 + (int64_t)rnd(2000000),
                  rnd(2) ? FB_PREPAY_REDUCE_TERM : FB_PREPAY_REDUCE_INSTALLMENT, &r);
        }
    }
    if (what == 5 && n_loans) { /* a loss is written off */
        fb_loan_position p;
        const char *loan = loan_ids[rnd(n_loans)];
        if (fb_loan_position_get(b, loan, &p) == FB_OK && p.loan_class == FB_CLASS_LOSS &&
            p.status == FB_LOAN_ACTIVE) {
            fb_repayment w;
            memset(&w, 0, sizeof w);
            snprintf(w.loan, sizeof w.loan, "%s", loan);
            fb_repay_result res;
            EXPECT_EQ_INT(FB_OK, fb_loan_write_off(b, &w, &res));
        }
    }
    *seed = rng_state;
    rng_state = keep;
}

static void close_day(fb_book *b, int32_t d) {
    int32_t closed = 0;
    fb_eod_options o = {FB_EOD_DAYS_MAX, NULL, NULL, NULL};
    int rc = fb_eod_run(b, d, &o, &closed);
    if (rc) printf("    eod: %s\n", fb_book_errmsg(b));
    EXPECT_EQ_INT(FB_OK, rc);
}

/* ---- Bringing A into B at the cut-over ---------------------------------------------------- */

static int64_t deposit(fb_book *b, const char *party_id) {
    char dep[FB_ID_MAX + 1];
    snprintf(dep, sizeof dep, "dep:%s", party_id);
    fb_account a;
    return fb_ledger_get_account(fb_book_ledger(b), dep, &a) == FB_OK
               ? a.credits_posted_fen - a.debits_posted_fen
               : 0;
}

static void expect_all(const fb_import_outcome *o, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (o[i].result != FB_IMPORT_CREATED)
            printf("    row %zu: %s %s\n", i, o[i].field, o[i].reason);
        EXPECT_EQ_INT(FB_IMPORT_CREATED, o[i].result);
    }
}

static void import_records(fb_import *im) {
    fb_import_outcome out[LOANS_MAX * 2];
    fb_import_party p[PARTIES];
    fb_import_facility f[PARTIES];
    for (int i = 0; i < PARTIES; i++) {
        char id[16], fac[16];
        snprintf(id, sizeof id, "p%d", i);
        snprintf(fac, sizeof fac, "f%d", i);
        memset(&p[i], 0, sizeof p[i]);
        EXPECT_EQ_INT(FB_OK, fb_party_get(A, id, &p[i].party));
        p[i].deposit_fen = deposit(A, id);
        memset(&f[i], 0, sizeof f[i]);
        EXPECT_EQ_INT(FB_OK, fb_facility_get(A, fac, &f[i].facility));
        f[i].status = f[i].facility.status;
        EXPECT_EQ_INT(FB_OK,
                      fb_facility_limits(A, &f[i].facility, &f[i].available_fen, &f[i].drawn_fen));
    }
    EXPECT_EQ_INT(FB_OK, fb_import_parties(im, p, PARTIES, out));
    expect_all(out, PARTIES);
    EXPECT_EQ_INT(FB_OK, fb_import_facilities(im, f, PARTIES, out));
    expect_all(out, PARTIES);
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    static fb_import_installment rows[FB_IMPORT_BATCH_MAX];
    static fb_import_loan loans[LOANS_MAX];
    for (size_t i = 0; i < n_loans; i++) {
        size_t n = 0;
        EXPECT_EQ_INT(FB_OK, fb_loan_schedule(A, loan_ids[i], s, FB_LOAN_MONTHS_MAX, &n));
        for (size_t k = 0; k < n; k++) {
            memcpy(rows[k].loan, loan_ids[i], sizeof rows[k].loan);
            rows[k].installment = s[k];
        }
        /* Half of them with the rows from the running installment only: the history rebuilt. */
        fb_loan_position pos;
        EXPECT_EQ_INT(FB_OK, fb_loan_position_get(A, loan_ids[i], &pos));
        size_t from = i % 2 && pos.status == FB_LOAN_ACTIVE && pos.principal_overdue_fen == 0 &&
                              pos.interest_overdue_fen == 0 && pos.installment <= (int32_t)n
                          ? (size_t)pos.installment - 1
                          : 0;
        EXPECT_EQ_INT(FB_OK, fb_import_installments(im, rows + from, n - from, out));
        expect_all(out, n - from);
        fb_import_loan *x = &loans[i];
        memset(x, 0, sizeof *x);
        EXPECT_EQ_INT(FB_OK, fb_loan_get(A, loan_ids[i], &x->loan));
        x->position = (fb_import_position){pos.status,
                                           pos.rate_e6,
                                           pos.principal_fen,
                                           pos.principal_overdue_fen,
                                           pos.interest_overdue_fen,
                                           pos.interest_accrued_fen,
                                           pos.penalty_fen,
                                           pos.penalty_remainder,
                                           pos.days_past_due,
                                           (int)pos.loan_class,
                                           pos.installment,
                                           pos.installments,
                                           pos.prepaid_fen,
                                           pos.written_off_fen,
                                           pos.recovered_fen,
                                           pos.nonaccrual,
                                           pos.offbal_interest_fen,
                                           pos.offbal_penalty_fen,
                                           pos.arrears_repaid,
                                           pos.paid_on_time,
                                           pos.observation_start,
                                           pos.observation_end,
                                           (int)pos.observation_floor,
                                           pos.observation_missed,
                                           pos.difficulty_resolved,
                                           pos.status == FB_LOAN_ACTIVE ? (int)pos.manual_floor : 0,
                                           pos.capitalised_fen};
    }
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, loans, n_loans, out));
    expect_all(out, n_loans);
}

/* ---- Comparing ----------------------------------------------------------------------------- */

static int compared;

static void same_loans(const char *when) {
    static fb_installment sa[FB_LOAN_MONTHS_MAX], sb[FB_LOAN_MONTHS_MAX];
    for (size_t i = 0; i < n_loans; i++) {
        fb_loan_position a, b;
        EXPECT_EQ_INT(FB_OK, fb_loan_position_get(A, loan_ids[i], &a));
        EXPECT_EQ_INT(FB_OK, fb_loan_position_get(B, loan_ids[i], &b));
        bool same = memcmp(&a, &b, sizeof a) == 0;
        if (!same) {
            printf("    %s, %s: principal %lld/%lld overdue %lld+%lld/%lld+%lld accrued %lld/%lld "
                   "penalty %lld/%lld class %d/%d installment %d/%d of %d/%d status %d/%d\n",
                   when, loan_ids[i], (long long)a.principal_fen, (long long)b.principal_fen,
                   (long long)a.principal_overdue_fen, (long long)a.interest_overdue_fen,
                   (long long)b.principal_overdue_fen, (long long)b.interest_overdue_fen,
                   (long long)a.interest_accrued_fen, (long long)b.interest_accrued_fen,
                   (long long)a.penalty_fen, (long long)b.penalty_fen, a.loan_class, b.loan_class,
                   a.installment, b.installment, a.installments, b.installments, a.status,
                   b.status);
        }
        EXPECT_TRUE(same);
        size_t na = 0, nb = 0;
        EXPECT_EQ_INT(FB_OK, fb_loan_schedule(A, loan_ids[i], sa, FB_LOAN_MONTHS_MAX, &na));
        EXPECT_EQ_INT(FB_OK, fb_loan_schedule(B, loan_ids[i], sb, FB_LOAN_MONTHS_MAX, &nb));
        /* The rows from the running installment on are the same; before it, B's history may be
         * rebuilt (its principal spread as the terms spread it). */
        size_t from = a.installment > 0 ? (size_t)a.installment - 1 : 0;
        EXPECT_EQ_INT(na, nb);
        for (size_t k = from; k < na && k < nb; k++)
            EXPECT_TRUE(memcmp(&sa[k], &sb[k], sizeof sa[k]) == 0);
        compared++;
    }
}

static void expect_verified(fb_book *b) {
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(b, print_line, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
}

static uint64_t seed_of(void) {
    const char *s = getenv("FB_SEED");
    return s ? strtoull(s, NULL, 10) : (uint64_t)fb_now_ns();
}

static void mid_life_loans_carry_on_as_if_drawn_here(void) {
    uint64_t seed = seed_of();
    printf("  seed %llu (FB_SEED=%llu replays it)\n", (unsigned long long)seed,
           (unsigned long long)seed);
    rng_state = seed;
    n_loans = 0;
    open_book();
    A = L;
    parties_and_lines();
    uint64_t ops = seed ^ 0x9e3779b97f4a7c15ULL;
    int32_t start = day("2024-02-01"), cut = start + 300 + (int32_t)rnd(120);
    for (int32_t d = start; d < cut; d++) {
        live_day(A, &ops, true, d);
        close_day(A, d);
    }
    open_book();
    B = L;
    fb_import *im = NULL;
    EXPECT_EQ_INT(FB_OK, fb_import_begin(B, cut, &im));
    if (!im) return;
    import_records(im);
    fb_import_summary sum;
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(sum.committed);
    fb_import_free(im);
    expect_verified(B);
    same_loans("at the cut-over");
    for (int32_t d = cut; d < cut + 400; d++) {
        uint64_t same_ops = ops;
        live_day(A, &ops, false, d);
        live_day(B, &same_ops, false, d);
        close_day(A, d);
        close_day(B, d);
        if ((d - cut) % 50 == 49) {
            char when[32];
            snprintf(when, sizeof when, "day %d after", d - cut + 1);
            same_loans(when);
        }
    }
    same_loans("at the end");
    expect_verified(A);
    expect_verified(B);
    printf("  %zu loans, %d comparisons\n", n_loans, compared);
    fb_book_close(A);
    fb_book_close(B);
    L = NULL;
}

/* ---- Refusals ------------------------------------------------------------------------------ */

/* A book with one small borrower and its line, for loans that are refused. */
static fb_import *refusals_book(void) {
    open_book();
    party("p0", 1, false);
    facility("f0", "p0", FB_LINE_INCLUSIVE, 900000000, true);
    fb_import *im = NULL;
    EXPECT_EQ_INT(FB_OK, fb_import_begin(L, day("2025-07-01"), &im));
    return im;
}

/* An equal-principal loan of 120,000.00 over 12 months from 2025-01-15 at 4.8% (10,000.00 of
 * principal a month, 0.4% interest on the balance): four installments paid, the fifth (320.00 of
 * interest) overdue since 2025-06-15, the sixth running, at the open of 2025-07-01. */
static fb_import_loan sample(void) {
    fb_import_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.loan.id, sizeof x.loan.id, "M1");
    snprintf(x.loan.facility, sizeof x.loan.facility, "f0");
    x.loan.terms = (fb_loan_terms){
        12000000, 48000, 12, FB_METHOD_EQUAL_PRINCIPAL, day("2025-01-15"), 0, FB_DAYCOUNT_ACT360};
    x.loan.penalty_markup_pct = 50;
    x.position = (fb_import_position){FB_LOAN_ACTIVE,
                                      48000,
                                      8000000,
                                      1000000,
                                      32000,
                                      -1,
                                      0,
                                      0,
                                      -1,
                                      -1,
                                      6,
                                      12,
                                      0,
                                      0,
                                      0,
                                      -1,
                                      -1,
                                      -1,
                                      0,
                                      -1,
                                      0,
                                      0,
                                      0,
                                      false,
                                      false,
                                      0,
                                      0};
    return x;
}

static void refused(fb_import *im, fb_import_loan x, const char *field, const char *says) {
    static int seq;
    snprintf(x.loan.id, sizeof x.loan.id, "R%d", ++seq); /* a row of its own each */
    fb_import_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &x, 1, &o));
    EXPECT_EQ_INT(FB_IMPORT_REJECTED, o.result);
    EXPECT_EQ_STR(field, o.field ? o.field : "(none)");
    if (!strstr(o.reason, says)) printf("    %s: %s\n", field, o.reason);
    EXPECT_TRUE(strstr(o.reason, says) != NULL);
}

/* The sample as it comes in: where it stands on the cut-over's day, and what its accounts hold. */
static void a_loan_in_mid_life_stands_where_its_figures_say(void) {
    fb_import *im = refusals_book();
    if (!im) return;
    fb_import_loan x = sample();
    fb_import_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &x, 1, &o));
    if (o.result != FB_IMPORT_CREATED) printf("    %s %s\n", o.field, o.reason);
    EXPECT_EQ_INT(FB_IMPORT_CREATED, o.result);
    fb_import_summary sum;
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(sum.committed);
    fb_import_free(im);
    fb_loan_position p;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "M1", &p));
    EXPECT_EQ_INT(day("2025-07-01"), p.business_date);
    EXPECT_EQ_INT(16, p.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, p.loan_class);
    EXPECT_EQ_INT(14933, p.interest_accrued_fen); /* the 6th's 280.00 over 16 of its 30 days */
    EXPECT_EQ_INT(6, p.installment);
    EXPECT_EQ_INT(8000000, balance("loan:M1:principal"));
    EXPECT_EQ_INT(32000, balance("loan:M1:interest"));
    EXPECT_EQ_INT(14933, balance("gl:interest_accrued:inclusive"));
    EXPECT_EQ_INT(0, balance(FB_ACCOUNT_MIGRATION_SUSPENSE));
    EXPECT_EQ_INT(-(8000000 + 32000 + 14933), balance(FB_ACCOUNT_CORE_SYSTEM));
    /* Its schedule: the terms' own, the paid history included, and still its amount. */
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "M1", s, FB_LOAN_MONTHS_MAX, &n));
    EXPECT_EQ_INT(12, n);
    EXPECT_EQ_INT(1000000, s[4].principal_fen);
    EXPECT_EQ_INT(32000, s[4].interest_fen);
    EXPECT_EQ_INT(6000000, s[5].balance_fen); /* after the 6th */
    verify_ok();
    /* A day later the interest accrued one day more, and penalty began on what is overdue. */
    eod("2025-07-01");
    p = position("M1");
    EXPECT_EQ_INT(17, p.days_past_due);
    EXPECT_EQ_INT(15867, p.interest_accrued_fen);
    EXPECT_TRUE(p.penalty_fen > 0);
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

static void a_loan_whose_figures_do_not_hold_is_refused_by_name(void) {
    fb_import *im = refusals_book();
    if (!im) return;
    fb_import_loan x = sample();
    fb_import_outcome o;
    /* A copy that holds is taken, and the rest are refused against it. */
    fb_import_loan ok = x;
    snprintf(ok.loan.id, sizeof ok.loan.id, "M0");
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &ok, 1, &o));
    EXPECT_EQ_INT(FB_IMPORT_CREATED, o.result);
    fb_import_loan y = x;
    y.position.principal_overdue_fen = 8000001;
    refused(im, y, "principal_overdue", "is more than the principal");
    y = x;
    y.position.interest_overdue_fen =
        32001; /* a fen of the 4th's interest, and its principal paid */
    refused(im, y, "interest_overdue", "does not fit the installments fallen due");
    y = x;
    y.position.installment = 7;
    refused(im, y, "installment", "falls due on 2025-07-15, after 2025-07-01");
    y = x;
    y.position.days_past_due = 15;
    refused(im, y, "days_past_due", "fell due on 2025-06-15: 16");
    y = x;
    y.position.loan_class = FB_CLASS_NORMAL;
    refused(im, y, "class", "better than special_mention");
    y = x;
    y.position.interest_accrued_fen = 14934;
    refused(im, y, "interest_accrued", "accrues 149.33");
    y = x;
    y.position.nonaccrual = 1; /* 16 days past due, special mention: accruing */
    refused(im, y, "nonaccrual", "is true, and its figures give false");
    y = x;
    y.position.offbal_interest_fen = 32000;
    refused(im, y, "offbal_interest", "a loan accruing to income owes 0.00");
    /* With the file's schedule, the principal must be what its rows from the running one hold
     * (without one, the rest would be rebuilt from it). */
    static fb_installment sched[FB_LOAN_MONTHS_MAX];
    static fb_import_installment rows[12];
    size_t n = 0;
    const char *f = NULL, *w = NULL;
    EXPECT_EQ_INT(FB_OK, fb_schedule_build(&x.loan.terms, sched, FB_LOAN_MONTHS_MAX, &n, &f, &w));
    for (size_t k = 0; k < 12; k++) {
        snprintf(rows[k].loan, sizeof rows[k].loan, "R9");
        rows[k].installment = sched[k];
    }
    fb_import_outcome os[12];
    EXPECT_EQ_INT(FB_OK, fb_import_installments(im, rows, 12, os));
    fb_import_loan z = x;
    snprintf(z.loan.id, sizeof z.loan.id, "R9");
    z.position.principal_fen = 8000001;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &z, 1, &o));
    EXPECT_EQ_INT(FB_IMPORT_REJECTED, o.result);
    EXPECT_TRUE(strstr(o.reason, "the installments from the running one hold 70000.00") != NULL);
    y = x;
    y.position.installments = 3;
    refused(im, y, "installment", "must be 1 to 4");
    y = x;
    y.position.status = FB_LOAN_SETTLED;
    refused(im, y, "principal", "a settled loan owes nothing");
    y = x;
    y.position.rate_e6 = 250000;
    refused(im, y, "rate", "24% ceiling");
    y = x;
    snprintf(y.loan.facility, sizeof y.loan.facility, "nope");
    refused(im, y, "facility", "no facility nope");
    y = x;
    y.loan.restructured = true;
    y.position.interest_overdue_fen = y.position.principal_overdue_fen = 0;
    y.position.principal_fen = 7000000;
    y.position.loan_class = FB_CLASS_NORMAL;
    refused(im, y, "class", "its restructuring");
    /* The same loan again is found; with another amount refused. */
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &ok, 1, &o));
    EXPECT_EQ_INT(FB_IMPORT_EXISTS, o.result);
    y = ok;
    y.loan.terms.principal_fen++;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &y, 1, &o));
    EXPECT_EQ_INT(FB_IMPORT_REJECTED, o.result);
    EXPECT_EQ_STR("amount", o.field ? o.field : "(none)");
    EXPECT_TRUE(strstr(o.reason, "in the book with another amount") != NULL);
    fb_import_summary sum;
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(!sum.committed);    /* rows were refused: nothing is written */
    EXPECT_EQ_INT(13, sum.created); /* the copy that held, and the twelve installments */
    fb_import_free(im);
    fb_loan got;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_loan_get(L, "M0", &got));
    int32_t open = -1;
    EXPECT_EQ_INT(FB_OK, fb_business_date(L, &open));
    EXPECT_EQ_INT(0, open);
    fb_book_close(L);
    L = NULL;
}

/* The sample with nothing paid since the first installment: the 2nd to the 5th overdue since
 * 2025-03-15, 108 days by the cut-over, more than nonaccrual_days (90). It comes in substandard
 * and non-accrual (classing.c's rule): its interest overdue and accrued and its penalty on the
 * memo ledger, nothing of them on the balance sheet, and end of day carries it on off it. */
static void a_loan_past_90_days_comes_in_non_accrual(void) {
    fb_import *im = refusals_book();
    if (!im) return;
    fb_import_loan x = sample();
    snprintf(x.loan.id, sizeof x.loan.id, "N1");
    x.position.principal_fen = 11000000;
    x.position.principal_overdue_fen = 4000000; /* 10,000.00 of each of the four */
    x.position.interest_overdue_fen = 44000 + 40000 + 36000 + 32000; /* 0.4% on each balance */
    x.position.penalty_fen = 2500;
    fb_import_outcome o;
    /* A nonaccrual column that the figures contradict is refused by name. */
    fb_import_loan y = x;
    y.position.nonaccrual = 0;
    refused(im, y, "nonaccrual", "is false, and its figures give true");
    y = x;
    y.position.offbal_interest_fen = 152000; /* the accrual left out */
    refused(im, y, "offbal_interest", "a non-accrual loan owes 1669.33");
    y = x;
    y.position.offbal_penalty_fen = 0;
    refused(im, y, "offbal_penalty", "owes 25.00 off the balance sheet (its penalty)");
    x.position.nonaccrual = 1;
    x.position.offbal_interest_fen = 152000 + 14933;
    x.position.offbal_penalty_fen = 2500;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &x, 1, &o));
    if (o.result != FB_IMPORT_CREATED) printf("    %s %s\n", o.field, o.reason);
    EXPECT_EQ_INT(FB_IMPORT_CREATED, o.result);
    fb_import_summary sum;
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(!sum.committed); /* three refused */
    fb_import_free(im);
    im = NULL;
    EXPECT_EQ_INT(FB_OK, fb_import_begin(L, day("2025-07-01"), &im));
    if (!im) return;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &x, 1, &o));
    EXPECT_EQ_INT(FB_IMPORT_CREATED, o.result);
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(sum.committed);
    fb_import_free(im);
    fb_loan_position p = position("N1");
    EXPECT_EQ_INT(108, p.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, p.loan_class);
    EXPECT_TRUE(p.nonaccrual);
    EXPECT_EQ_INT(152000 + 14933, p.offbal_interest_fen);
    EXPECT_EQ_INT(2500, p.offbal_penalty_fen);
    EXPECT_EQ_INT(2500, p.penalty_fen);
    EXPECT_EQ_INT(11000000, balance("loan:N1:principal"));
    EXPECT_EQ_INT(0, balance("loan:N1:interest"));
    EXPECT_EQ_INT(0, balance("gl:interest_accrued:inclusive"));
    EXPECT_EQ_INT(0, balance("gl:penalty_accrued:inclusive"));
    EXPECT_EQ_INT(0, balance("gl:interest_income:inclusive"));
    EXPECT_EQ_INT(152000 + 14933, balance("gl:offbal_interest:inclusive"));
    EXPECT_EQ_INT(2500, balance("gl:offbal_penalty:inclusive"));
    EXPECT_EQ_INT(11000000, balance("gl:npl:inclusive"));
    EXPECT_EQ_INT(0, balance(FB_ACCOUNT_MIGRATION_SUSPENSE));
    EXPECT_EQ_INT(-11000000, balance(FB_ACCOUNT_CORE_SYSTEM));
    verify_ok();
    /* A day on: its interest and penalty accrue off the balance sheet, none to income. */
    eod("2025-07-01");
    p = position("N1");
    EXPECT_TRUE(p.nonaccrual);
    EXPECT_EQ_INT(152000 + 15867, p.offbal_interest_fen);
    EXPECT_TRUE(p.offbal_penalty_fen > 2500 && p.offbal_penalty_fen == p.penalty_fen);
    EXPECT_EQ_INT(0, balance("gl:interest_accrued:inclusive"));
    EXPECT_EQ_INT(0, balance("gl:interest_income:inclusive"));
    EXPECT_EQ_INT(152000 + 15867, balance("gl:offbal_interest:inclusive"));
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

static void a_cut_over_is_refused_into_a_book_of_loans(void) {
    open_book();
    party("p0", 1, false);
    facility("f0", "p0", FB_LINE_INCLUSIVE, 900000000, true);
    loan("X1", "f0", 100000, 40000, 0, 6, FB_METHOD_BULLET, "2025-01-02");
    fb_import *im = NULL;
    EXPECT_EQ_INT(FB_EINVAL, fb_import_begin(L, day("2025-07-01"), &im));
    EXPECT_TRUE(strstr(fb_book_errmsg(L), "holds 1 loans") != NULL);
    eod("2025-02-01");
    EXPECT_EQ_INT(FB_EINVAL, fb_import_begin(L, day("2025-07-01"), &im));
    EXPECT_TRUE(strstr(fb_book_errmsg(L), "a feed is dated the day open") != NULL);
    EXPECT_EQ_INT(FB_OK, fb_import_begin(L, day("2025-02-02"), &im));
    EXPECT_TRUE(im != NULL && !fb_import_is_cutover(im));
    fb_import_free(im);
    fb_book_close(L);
    L = NULL;
}

int main(void) {
    RUN(mid_life_loans_carry_on_as_if_drawn_here);
    RUN(a_loan_in_mid_life_stands_where_its_figures_say);
    RUN(a_loan_whose_figures_do_not_hold_is_refused_by_name);
    RUN(a_loan_past_90_days_comes_in_non_accrual);
    RUN(a_cut_over_is_refused_into_a_book_of_loans);
    return test_summary();
}
