/* test_servicing.c — end of day, repayment, classification, write-off and recovery, through the
 * library: scripted lives of loans checked at chosen dates, and a seeded property test that keeps
 * the subledger and the ledger reconciled (verify) through random repayments and days. */
#include "book.h"

/* The borrower spends all its deposit (so nothing can be collected), or is paid `amount`. */

static int64_t schedule_interest(const char *id, size_t *n) {
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, id, s, FB_LOAN_MONTHS_MAX, n));
    int64_t sum = 0;
    for (size_t i = 0; i < *n; i++)
        sum += s[i].interest_fen;
    return sum;
}

static void accruals_add_up_and_a_paying_borrower_settles(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 200000000, true);
    loan("l1", "f1", 120000000, 43500, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-15");
    fund("p1", 10000000); /* the interest comes from the borrower's own business */
    fb_installment first;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l1", &first, 1, &n));
    /* 30 of the period's 31 days accrued: interest x 30 / 31, rounded half up. */
    eod("2025-02-13");
    int64_t part = (first.interest_fen * 30 * 2 + 31) / (2 * 31);
    EXPECT_EQ_INT(part, balance("gl:interest_accrued:technology"));
    EXPECT_EQ_INT(part, position("l1").interest_accrued_fen);
    /* Closing 02-14, the period's last day, accrues the rest: the period's accruals are its
     * interest to the fen, which falls due on 02-15 and leaves the accrued account at zero. */
    eod("2025-02-14");
    EXPECT_EQ_INT(-first.interest_fen, balance("gl:interest_income:technology"));
    EXPECT_EQ_INT(0, balance("gl:interest_accrued:technology"));
    EXPECT_EQ_INT(first.interest_fen, balance("loan:l1:interest"));
    EXPECT_EQ_INT(2, position("l1").installment);
    eod("2025-02-15");
    EXPECT_EQ_INT(0, balance("loan:l1:interest"));
    EXPECT_EQ_INT(120000000 - first.principal_fen, balance("loan:l1:principal"));
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("l1").loan_class);
    verify_ok();
    /* To the end: the income booked is the schedule's interest to the fen; the limit is back. */
    eod("2026-01-16");
    size_t count = 0;
    int64_t interest = schedule_interest("l1", &count);
    EXPECT_EQ_INT(12, count);
    EXPECT_EQ_INT(-interest, balance("gl:interest_income:technology"));
    EXPECT_EQ_INT(0, balance("loan:l1:principal"));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, position("l1").status);
    EXPECT_EQ_INT(-200000000, balance("fac:f1:available"));
    verify_ok();
    /* A day is closed once: running again changes nothing. */
    int32_t closed = -1;
    EXPECT_EQ_INT(FB_OK, fb_eod_run(L, day("2025-12-31"),
                                    &(fb_eod_options){FB_EOD_DAYS_MAX, NULL, NULL, NULL}, &closed));
    EXPECT_EQ_INT(0, closed);
    fb_book_close(L);
}

static void a_late_borrower_pays_penalty_first_and_is_classed(void) {
    open_book();
    party("p2", 2, false);
    facility("f2", "p2", FB_LINE_TECHNOLOGY, 100000000, false);
    loan("l2", "f2", 36000000, 50000, 0, 6, FB_METHOD_EQUAL_PRINCIPAL, "2025-03-10");
    drain("p2");
    fb_installment s[6];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l2", s, 6, &n));
    /* Due 2025-04-10 and unpaid: one day past due at the close of the due date. */
    eod("2025-04-10");
    fb_loan_position p = position("l2");
    EXPECT_EQ_INT(1, p.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, p.loan_class);
    EXPECT_EQ_INT(s[0].interest_fen, p.interest_overdue_fen);
    EXPECT_EQ_INT(s[0].principal_fen, p.principal_overdue_fen);
    /* Ten days of penalty on principal and compound interest on interest, at 5% x 1.5 / 360. */
    eod("2025-04-19");
    int64_t base = s[0].payment_fen;
    int64_t expected = (base * 50000 * 150 * 10 * 2 + 360LL * 100000000) / (2 * 360LL * 100000000);
    EXPECT_EQ_INT(expected, position("l2").penalty_fen);
    EXPECT_EQ_INT(expected, balance("gl:penalty_accrued:technology"));
    verify_ok();
    /* A partial repayment goes to penalty, then interest, then principal. */
    fund("p2", 1000000);
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("l2", 1000000, FB_PREPAY_NONE, &r));
    EXPECT_EQ_INT(expected, r.penalty_fen);
    EXPECT_EQ_INT(s[0].interest_fen, r.interest_fen);
    EXPECT_EQ_INT(1000000 - expected - s[0].interest_fen, r.principal_fen);
    EXPECT_EQ_INT(0, balance("loan:l2:penalty"));
    /* The rest is collected at the close once the borrower is paid; the class comes back. */
    fund("p2", 50000000);
    eod("2025-04-20");
    p = position("l2");
    EXPECT_EQ_INT(0, p.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, p.loan_class);
    EXPECT_EQ_INT(36000000 - s[0].principal_fen, p.principal_fen);
    /* A non-revolving facility's repaid limit goes back to the bank's commitments. */
    EXPECT_EQ_INT(-(100000000 - 36000000), balance("fac:f2:available"));
    verify_ok();
    /* Repaying nothing owed, or more than the deposit holds, is refused and writes nothing. */
    EXPECT_EQ_INT(FB_REPAY_NOTHING_DUE, repay("l2", 100, FB_PREPAY_NONE, NULL));
    EXPECT_EQ_INT(FB_REPAY_INSUFFICIENT_FUNDS,
                  repay("l2", 999999999999LL, FB_PREPAY_REDUCE_TERM, NULL));
    fb_repayment bad;
    memset(&bad, 0, sizeof bad);
    snprintf(bad.loan, sizeof bad.loan, "l2");
    const char *field = NULL;
    char reason[100];
    EXPECT_EQ_INT(FB_EINVAL, fb_repayment_check(&bad, true, &field, reason, sizeof reason));
    EXPECT_EQ_STR("amount", field);
    bad.amount_fen = 100;
    bad.date = day("2025-04-20");
    fb_repay_result res;
    EXPECT_EQ_INT(FB_OK, fb_loan_repay(L, &bad, &res));
    EXPECT_EQ_INT(FB_REPAY_BEFORE_BUSINESS_DATE, res);
    bad.date = day("2025-04-25");
    EXPECT_EQ_INT(FB_OK, fb_loan_repay(L, &bad, &res));
    EXPECT_EQ_INT(FB_REPAY_AFTER_BUSINESS_DATE, res);
    verify_ok();
    fb_book_close(L);
}

static void a_default_spreads_to_the_borrower_and_is_written_off(void) {
    open_book();
    party("p3", 3, false);
    facility("f3", "p3", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("big", "f3", 50000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    loan("small", "f3", 10000000, 45000, 0, 3, FB_METHOD_BULLET, "2025-01-01");
    /* The borrower spends the money; the small loan falls due on 2025-04-01 unpaid. */
    drain("p3");
    eod("2025-04-01");
    EXPECT_EQ_INT(1, position("small").days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("small").loan_class);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("big").loan_class);
    /* 91 days: substandard; 10m of 60m is more than 10%, so the big loan follows. */
    eod("2025-06-30");
    EXPECT_EQ_INT(91, position("small").days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("small").loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("big").loan_class);
    EXPECT_EQ_INT(0, position("big").days_past_due);
    EXPECT_EQ_INT(60000000, balance("gl:npl:technology"));
    verify_ok();
    /* Not yet loss: a write-off is refused. */
    fb_repayment w;
    memset(&w, 0, sizeof w);
    snprintf(w.loan, sizeof w.loan, "small");
    fb_repay_result res;
    EXPECT_EQ_INT(FB_OK, fb_loan_write_off(L, &w, &res));
    EXPECT_EQ_INT(FB_REPAY_NOT_LOSS, res);
    fund("p3", 5000000); /* collected at the next close: penalty, interest, then principal */
    eod("2026-03-27");
    EXPECT_EQ_INT(361, position("small").days_past_due);
    EXPECT_EQ_INT(FB_CLASS_LOSS, position("small").loan_class);
    fb_loan_position before = position("small");
    w.date = 0; /* the business date */
    EXPECT_EQ_INT(FB_OK, fb_loan_write_off(L, &w, &res));
    EXPECT_EQ_INT(FB_REPAY_DONE, res);
    EXPECT_EQ_INT(before.principal_fen, w.principal_fen);
    /* Non-accrual for months: its interest and penalty are off the balance sheet, written off
     * the memo ledger; the principal goes against the provision, which never goes into debit. */
    EXPECT_TRUE(before.nonaccrual && before.offbal_penalty_fen == before.penalty_fen);
    EXPECT_EQ_INT(0, w.penalty_fen);
    EXPECT_EQ_INT(0, w.interest_fen);
    EXPECT_EQ_INT(0, balance("loan:small:principal"));
    EXPECT_EQ_INT(0, balance("loan:small:penalty"));
    EXPECT_EQ_INT(0, balance("gl:offbal_penalty:technology"));
    EXPECT_TRUE(balance("gl:provision:technology") <= 0);
    EXPECT_EQ_INT(FB_LOAN_WRITTEN_OFF, position("small").status);
    EXPECT_EQ_INT(FB_CLASS_NONE, position("small").loan_class); /* it has no class any more */
    verify_ok();
    /* Without the small loan the debtor's share is under 10%; but the big loan, non-performing,
     * rises only after paying on time for two periods and six months (2023 rule): a bullet
     * loan has no period before its maturity, so it stays substandard. */
    eod("2026-03-29");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("big").loan_class);
    EXPECT_EQ_INT(50000000, balance("gl:npl:technology"));
    /* A recovery, no more than was written off. */
    fb_repayment rec;
    memset(&rec, 0, sizeof rec);
    snprintf(rec.loan, sizeof rec.loan, "small");
    rec.amount_fen = before.principal_fen + 1;
    EXPECT_EQ_INT(FB_OK, fb_loan_recover(L, &rec, &res));
    EXPECT_EQ_INT(FB_REPAY_EXCEEDS_WRITTEN_OFF, res);
    fund("p3", 3000000);
    rec.amount_fen = 3000000;
    EXPECT_EQ_INT(FB_OK, fb_loan_recover(L, &rec, &res));
    EXPECT_EQ_INT(FB_REPAY_DONE, res);
    EXPECT_EQ_INT(3000000, position("small").recovered_fen);
    EXPECT_EQ_INT(FB_REPAY_LOAN_CLOSED, repay("small", 100, FB_PREPAY_NONE, NULL));
    verify_ok();
    fb_book_close(L);
}

static void prepayments_rebuild_the_schedule(void) {
    open_book();
    party("p4", 4, false);
    facility("f4", "p4", FB_LINE_TECHNOLOGY, 500000000, true);
    loan("term", "f4", 120000000, 39000, 0, 24, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-20");
    loan("inst", "f4", 120000000, 39000, 0, 24, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-20");
    loan("off", "f4", 60000000, 39000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-20");
    fund("p4", 20000000);
    eod("2025-05-05");
    fb_installment s[24];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "term", s, 24, &n));
    int64_t payment = s[5].payment_fen;
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("term", 30000000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(30000000, r.prepaid_fen);
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "term", s, 24, &n));
    EXPECT_TRUE(n < 24);
    EXPECT_TRUE(s[5].payment_fen <= payment);
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("inst", 30000000, FB_PREPAY_REDUCE_INSTALLMENT, &r));
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "inst", s, 24, &n));
    EXPECT_EQ_INT(24, n);
    EXPECT_TRUE(s[5].payment_fen < payment);
    /* A payoff: all principal and the interest accrued to the day; the loan settles. */
    fb_loan_position p = position("off");
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("off", 70000000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(p.principal_fen, r.principal_fen);
    EXPECT_EQ_INT(p.interest_accrued_fen, r.interest_fen);
    EXPECT_EQ_INT(70000000 - p.principal_fen - p.interest_accrued_fen, r.unapplied_fen);
    EXPECT_EQ_INT(FB_LOAN_SETTLED, r.status);
    verify_ok();
    eod("2027-02-01");
    EXPECT_EQ_INT(FB_LOAN_SETTLED, position("term").status);
    EXPECT_EQ_INT(FB_LOAN_SETTLED, position("inst").status);
    verify_ok();
    fb_book_close(L);
}

static void an_lpr_loan_reprices_on_its_anniversary(void) {
    open_book();
    party("p5", 5, false);
    facility("f5", "p5", FB_LINE_TECHNOLOGY, 500000000, true);
    loan("lpr", "f5", 100000000, 0, 50, 36, FB_METHOD_EQUAL_INSTALLMENT, "2025-06-10");
    EXPECT_EQ_INT(35000, position("lpr").rate_e6); /* 3.00% + 50 bp */
    fb_lpr next = {day("2026-03-20"), 28000, 33000};
    EXPECT_EQ_INT(FB_OK, fb_lpr_set(L, &next));
    eod("2026-06-08");
    EXPECT_EQ_INT(35000, position("lpr").rate_e6);
    eod("2026-06-09");
    fb_loan_position p = position("lpr");
    EXPECT_EQ_INT(33000, p.rate_e6); /* 2.80% + 50 bp from the 13th installment */
    fb_installment s[36];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "lpr", s, 36, &n));
    EXPECT_EQ_INT(36, n);
    EXPECT_TRUE(s[12].payment_fen < s[11].payment_fen);
    verify_ok();
    fb_book_close(L);
}

/* A borrower that pays, pays late and prepays, and one that defaults, over three years: classes,
 * balances and general-ledger entries at chosen dates. */
static void three_years_of_every_method(void) {
    open_book();
    party("good", 31, false);
    party("weak", 32, false);
    facility("fg", "good", FB_LINE_TECHNOLOGY, 1000000000, true);
    /* The weak borrower's on another line: its loan goes non-accrual, off the balance sheet. */
    facility("fw", "weak", FB_LINE_GREEN, 100000000, false);
    loan("ei", "fg", 240000000, 43500, 0, 36, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    loan("ep", "fg", 120000000, 41000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("io", "fg", 100000000, 39500, 0, 30, FB_METHOD_INTEREST_ONLY, "2025-01-10");
    loan("bu", "fg", 50000000, 38000, 0, 12, FB_METHOD_BULLET, "2025-01-10");
    loan("wk", "fw", 60000000, 52000, 0, 36, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("good", 60000000); /* the interest comes from the borrower's business */
    fund("weak", 10000000);
    /* Half a year on: everything collected, every loan normal. */
    eod("2025-06-30");
    const char *all[] = {"ei", "ep", "io", "bu", "wk"};
    for (int i = 0; i < 5; i++) {
        EXPECT_EQ_INT(FB_CLASS_NORMAL, position(all[i]).loan_class);
        EXPECT_EQ_INT(0, position(all[i]).days_past_due);
    }
    int64_t accrued = 0;
    for (int i = 0; i < 5; i++)
        accrued += position(all[i]).interest_accrued_fen;
    EXPECT_EQ_INT(accrued,
                  balance("gl:interest_accrued:technology") + balance("gl:interest_accrued:green"));
    verify_ok();
    /* The good borrower's money is tied up for ten weeks: late, then collected with penalty. */
    char dep[] = "dep:good";
    int64_t kept = -balance(dep);
    drain("good");
    eod("2025-08-15");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("ei").loan_class);
    EXPECT_TRUE(position("ei").days_past_due > 20);
    EXPECT_TRUE(position("ei").penalty_fen > 0);
    eod("2025-09-14");
    fund("good", kept);
    eod("2025-09-15");
    for (int i = 0; i < 4; i++) {
        EXPECT_EQ_INT(FB_CLASS_NORMAL, position(all[i]).loan_class);
        EXPECT_EQ_INT(0, position(all[i]).penalty_fen);
    }
    EXPECT_TRUE(balance("gl:penalty_income:technology") < 0);
    verify_ok();
    /* A prepayment shortens the equal-installment loan. */
    eod("2026-03-01");
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("ei", 50000000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(50000000, r.prepaid_fen);
    EXPECT_TRUE(position("ei").installments < 36);
    /* The weak borrower stops paying in 2026: its installment of 2026-03-10 is the first unpaid:
     * substandard after 90 days, doubtful after 270, loss after 360, then written off. */
    drain("weak");
    eod("2026-06-07");
    EXPECT_EQ_INT(90, position("wk").days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("wk").loan_class);
    eod("2026-06-08");
    EXPECT_EQ_INT(91, position("wk").days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("wk").loan_class);
    eod("2026-12-10");
    EXPECT_EQ_INT(FB_CLASS_DOUBTFUL, position("wk").loan_class);
    eod("2027-03-10");
    EXPECT_EQ_INT(FB_CLASS_LOSS, position("wk").loan_class);
    EXPECT_EQ_INT(position("wk").principal_fen, balance("gl:npl:green"));
    /* Non-accrual since it passed 90 days: what it owes of interest and penalty is off the
     * balance sheet, on the memo ledger, and none of it on the balance sheet. */
    fb_loan_position wk = position("wk");
    EXPECT_TRUE(wk.nonaccrual && wk.offbal_interest_fen > 0 && wk.offbal_penalty_fen > 0);
    EXPECT_EQ_INT(wk.offbal_interest_fen, balance("gl:offbal_interest:green"));
    EXPECT_EQ_INT(0, balance("loan:wk:interest"));
    EXPECT_EQ_INT(0, balance("gl:interest_accrued:green"));
    fb_repayment w;
    memset(&w, 0, sizeof w);
    snprintf(w.loan, sizeof w.loan, "wk");
    fb_repay_result res;
    EXPECT_EQ_INT(FB_OK, fb_loan_write_off(L, &w, &res));
    EXPECT_EQ_INT(FB_REPAY_DONE, res);
    int64_t written_off_interest = w.interest_fen;
    EXPECT_EQ_INT(0, balance("gl:npl:green"));
    EXPECT_EQ_INT(0, balance("gl:offbal_interest:green"));
    EXPECT_EQ_INT(0, balance("gl:offbal_penalty:green"));
    verify_ok();
    /* To the end of 2027: the good borrower's loans are all repaid. */
    eod("2027-12-31");
    for (int i = 0; i < 4; i++)
        EXPECT_EQ_INT(FB_LOAN_SETTLED, position(all[i]).status);
    EXPECT_EQ_INT(-1000000000, balance("fac:fg:available"));
    /* Every fen of interest income is accounted for: what fell due on the loans (their interest
     * accounts' debits) and what is accrued on running installments; and all that fell due was
     * paid or written off (the accounts' credits). */
    int64_t income = -balance("gl:interest_income:technology");
    int64_t fell_due = 0, settled = 0;
    for (int i = 0; i < 4; i++) {
        char id[64];
        snprintf(id, sizeof id, "loan:%s:interest", all[i]);
        fb_account a;
        EXPECT_EQ_INT(FB_OK, fb_ledger_get_account(fb_book_ledger(L), id, &a));
        fell_due += a.debits_posted_fen;
        settled += a.credits_posted_fen;
    }
    EXPECT_EQ_INT(income, fell_due + balance("gl:interest_accrued:technology"));
    EXPECT_EQ_INT(fell_due, settled);
    /* The weak loan's interest was off the balance sheet when it was written off. */
    EXPECT_EQ_INT(0, written_off_interest);
    verify_ok();
    fb_book_close(L);
}

/* Seeded: random loans, borrowers that pay, pay late or stop, repayments and prepayments on
 * random days; verify holds after every stretch. */

static void random_lives_keep_the_books_reconciled(void) {
    rng_state = 20261129;
    open_book();
    enum { PARTIES = 6, LOANS = 24, DAYS = 420 };
    char id[32], fac[32], who[32];
    for (int p = 0; p < PARTIES; p++) {
        snprintf(who, sizeof who, "rp%d", p);
        snprintf(fac, sizeof fac, "rf%d", p);
        party(who, 100 + p, false);
        facility(fac, who, FB_LINE_TECHNOLOGY, 2000000000, p % 2 == 0);
    }
    for (int i = 0; i < LOANS; i++) {
        snprintf(id, sizeof id, "rl%d", i);
        snprintf(fac, sizeof fac, "rf%d", i % PARTIES);
        char start[11];
        fb_date_format(day("2025-01-01") + (int32_t)rnd(60), start);
        loan(id, fac, 1000000 + (int64_t)rnd(50000000), 30000 + (int64_t)rnd(40000), 0,
             1 + (int)rnd(24), (fb_method)rnd(FB_METHOD_COUNT_), start);
    }
    int32_t d = day("2025-03-02");
    eod("2025-03-01");
    for (int k = 0; k < DAYS; k++, d++) {
        int p = (int)rnd(PARTIES);
        snprintf(who, sizeof who, "rp%d", p);
        uint64_t action = rnd(10);
        if (action == 0) drain(who);
        if (action == 1) fund(who, 1 + (int64_t)rnd(20000000));
        if (action == 2) {
            snprintf(id, sizeof id, "rl%d", (int)rnd(LOANS));
            fb_repayment r;
            memset(&r, 0, sizeof r);
            snprintf(r.loan, sizeof r.loan, "%s", id);
            r.amount_fen = 1 + (int64_t)rnd(5000000);
            r.prepay = (fb_prepay)rnd(3);
            fb_repay_result res;
            EXPECT_EQ_INT(FB_OK, fb_loan_repay(L, &r, &res));
        }
        int32_t closed = 0;
        EXPECT_EQ_INT(
            FB_OK, fb_eod_run(L, d, &(fb_eod_options){FB_EOD_DAYS_MAX, NULL, NULL, NULL}, &closed));
        if (k % 60 == 59) verify_ok();
    }
    verify_ok();
    fb_book_close(L);
}

/* On the day an installment falls due, a prepayment first pays it, then the rest: the principal
 * it pays off or prepays is what is left after the due installment, not counted twice. */
static void a_prepayment_on_a_due_day_pays_the_installment_first(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 300000000, true);
    loan("l1", "f1", 120000000, 43500, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15");
    loan("l2", "f1", 120000000, 43500, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15");
    eod("2025-02-14"); /* the first installments fall due on 2025-02-15, not yet collected */
    fb_installment s[12];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l2", s, 12, &n));
    EXPECT_EQ_INT(10000000, s[0].principal_fen);
    EXPECT_EQ_INT(s[0].payment_fen,
                  position("l1").principal_overdue_fen + position("l1").interest_overdue_fen);
    fund("p1", 300000000);
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("l1", 200000000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, r.status);
    EXPECT_EQ_INT(120000000, r.principal_fen);
    EXPECT_EQ_INT(0, position("l1").principal_fen);
    EXPECT_EQ_INT(200000000 - r.principal_fen - r.interest_fen, r.unapplied_fen);
    /* The due installment and 300,000.00 more: the rest of the schedule is rebuilt. */
    EXPECT_EQ_INT(FB_REPAY_DONE,
                  repay("l2", s[0].payment_fen + 30000000, FB_PREPAY_REDUCE_INSTALLMENT, &r));
    EXPECT_EQ_INT(FB_LOAN_ACTIVE, r.status);
    EXPECT_EQ_INT(40000000, r.principal_fen);
    EXPECT_EQ_INT(30000000, r.prepaid_fen);
    EXPECT_EQ_INT(0, r.unapplied_fen);
    EXPECT_EQ_INT(80000000, position("l2").principal_fen);
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l2", s, 12, &n));
    int64_t later = 0;
    for (size_t i = 1; i < n; i++)
        later += s[i].principal_fen;
    EXPECT_EQ_INT(80000000, later);
    eod("2025-12-31");
    verify_ok();
    fb_book_close(L);
}

/* A prepayment of all the principal after the running installment, short of a payoff, leaves the
 * running installment the last: the loan's maturity is its due date (it kept the old one). */
static void prepaying_every_later_installment_moves_the_maturity(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 300000000, true);
    loan("l1", "f1", 120000000, 43500, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-15");
    fund("p1", 200000000);
    eod("2025-03-20"); /* two installments collected, the third running */
    fb_loan_position p = position("l1");
    EXPECT_EQ_INT(3, p.installment);
    fb_installment s[12];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l1", s, 12, &n));
    int64_t later = p.principal_fen - s[2].principal_fen;
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("l1", later, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(later, r.prepaid_fen);
    EXPECT_EQ_INT(FB_LOAN_ACTIVE, r.status);
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l1", s, 12, &n));
    EXPECT_EQ_INT(3, n);
    EXPECT_EQ_INT(0, s[2].balance_fen);
    fb_loan l;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, "l1", &l));
    EXPECT_EQ_INT(s[2].due_date, l.maturity_date);
    EXPECT_EQ_INT(3, position("l1").installments);
    verify_ok();
    eod("2025-04-15");
    EXPECT_EQ_INT(FB_LOAN_SETTLED, position("l1").status);
    verify_ok();
    fb_book_close(L);
}

/* A loan takes at most FB_LOAN_PREPAYMENTS_MAX prepayments out of its schedule, and its
 * schedule's balances count every one (they stopped counting after 64); the next is refused with
 * nothing written, and a payoff is still taken. An amount of nothing or less, which the doors
 * refuse, is an error of the library too, not an assertion. */
static void prepayments_are_counted_to_their_limit(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 300000000, true);
    loan("l1", "f1", 100000000, 40000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("p1", 200000000);
    eod("2025-01-20");
    fb_repayment r;
    for (int i = 0; i < FB_LOAN_PREPAYMENTS_MAX; i++) {
        EXPECT_EQ_INT(FB_REPAY_DONE, repay("l1", 100 + i, FB_PREPAY_REDUCE_INSTALLMENT, &r));
        if (r.prepaid_fen != 100 + i) break;
    }
    int64_t prepaid = 0;
    for (int i = 0; i < FB_LOAN_PREPAYMENTS_MAX; i++)
        prepaid += 100 + i;
    EXPECT_EQ_INT(prepaid, position("l1").prepaid_fen);
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "l1", s, FB_LOAN_MONTHS_MAX, &n));
    EXPECT_EQ_INT(24, n);
    EXPECT_EQ_INT(0, s[n - 1].balance_fen);
    EXPECT_EQ_INT(100000000 - s[0].principal_fen - prepaid, s[0].balance_fen);
    int64_t before = balance("dep:p1");
    EXPECT_EQ_INT(FB_REPAY_TOO_MANY_PREPAYMENTS, repay("l1", 5000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(before, balance("dep:p1"));
    EXPECT_EQ_INT(prepaid, position("l1").prepaid_fen);
    EXPECT_EQ_STR("too_many_prepayments", fb_repay_result_name(FB_REPAY_TOO_MANY_PREPAYMENTS));
    fb_repayment zero;
    memset(&zero, 0, sizeof zero);
    snprintf(zero.loan, sizeof zero.loan, "l1");
    zero.prepay = FB_PREPAY_REDUCE_TERM;
    fb_repay_result res = FB_REPAY_DONE;
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_repay(L, &zero, &res));
    zero.amount_fen = -5;
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_repay(L, &zero, &res));
    /* A payoff ends the schedule: it is not a prepayment out of it. */
    fb_loan_position p = position("l1");
    EXPECT_EQ_INT(FB_REPAY_DONE,
                  repay("l1", p.principal_fen + p.interest_accrued_fen, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, r.status);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    test_run("accruals_add_up_and_a_paying_borrower_settles",
             accruals_add_up_and_a_paying_borrower_settles);
    test_run("a_late_borrower_pays_penalty_first_and_is_classed",
             a_late_borrower_pays_penalty_first_and_is_classed);
    test_run("a_default_spreads_to_the_borrower_and_is_written_off",
             a_default_spreads_to_the_borrower_and_is_written_off);
    test_run("prepayments_rebuild_the_schedule", prepayments_rebuild_the_schedule);
    test_run("a_prepayment_on_a_due_day_pays_the_installment_first",
             a_prepayment_on_a_due_day_pays_the_installment_first);
    test_run("an_lpr_loan_reprices_on_its_anniversary", an_lpr_loan_reprices_on_its_anniversary);
    test_run("three_years_of_every_method", three_years_of_every_method);
    test_run("random_lives_keep_the_books_reconciled", random_lives_keep_the_books_reconciled);
    RUN(prepaying_every_later_installment_moves_the_maturity);
    RUN(prepayments_are_counted_to_their_limit);
    return test_summary();
}
