/* test_rebuilt_maturity.c — a rebuilt schedule keeps the contract's maturity (issue 11 item 8,
 * docs/accounts.md "Schedules"), through the library: a 12-month loan from 2025-01-15 repaid on
 * the 21st matures on 2026-01-15, its last period (2025-12-21 to 2026-01-15) counted by days, as
 * test_schedule's maturity_keeps_the_contract_term builds it new. So it stays:
 *   - after a prepayment that lowers the installment (the term unchanged): 2026-01-15;
 *   - after an extension of 6 months (贷款通则 第十二条, within a short-term loan's limit):
 *     2026-07-15, the repayment day kept for the installments before it. */
#include "book.h"

static void loan_on_21st(const char *id, fb_method method) {
    fb_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "%s", id);
    snprintf(x.facility, sizeof x.facility, "f1");
    x.terms =
        (fb_loan_terms){12000000, 43500, 12, method, day("2025-01-15"), 21, FB_DAYCOUNT_ACT360};
    x.rate_kind = FB_RATE_FIXED;
    x.penalty_markup_pct = 50;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_check(&x, &field, reason, sizeof reason));
    fb_loan_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_loans_create(L, &x, 1, &o));
    EXPECT_EQ_INT(FB_LOAN_CREATED, o.result);
}

static fb_installment s[FB_LOAN_MONTHS_MAX];

/* The loan's maturity and its schedule's last two installments: the last on `maturity`, the
 * one before on the 21st, the last's interest by days between them. */
static void ends_on(const char *id, const char *maturity, const char *before) {
    fb_loan l;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, id, &l));
    EXPECT_EQ_INT(day(maturity), l.maturity_date);
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, id, s, FB_LOAN_MONTHS_MAX, &n));
    EXPECT_TRUE(n >= 2);
    if (n < 2) return;
    fb_installment last = s[n - 1], prev = s[n - 2];
    EXPECT_EQ_INT(day(maturity), last.due_date);
    EXPECT_EQ_INT(day(before), prev.due_date);
    EXPECT_EQ_INT(prev.due_date, last.period_start);
    EXPECT_EQ_INT(fb_interest_for_days(last.principal_fen, 43500, last.period_start, last.due_date,
                                       FB_DAYCOUNT_ACT360),
                  last.interest_fen);
    EXPECT_EQ_INT(last.principal_fen + last.interest_fen, last.payment_fen);
}

static void a_prepayment_lowering_the_installment_keeps_the_maturity(void) {
    for (int m = 0; m < FB_METHOD_COUNT_; m++) {
        if ((fb_method)m == FB_METHOD_BULLET) continue;
        open_book();
        party("p1", 1, false);
        facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
        loan_on_21st("pp", (fb_method)m);
        fund("p1", 20000000);
        ends_on("pp", "2026-01-15", "2025-12-21");
        eod("2025-03-01");
        fb_repayment r;
        EXPECT_EQ_INT(FB_REPAY_DONE, repay("pp", 3000000, FB_PREPAY_REDUCE_INSTALLMENT, &r));
        EXPECT_TRUE(r.prepaid_fen > 0);
        ends_on("pp", "2026-01-15", "2025-12-21");
        eod("2026-01-20");
        EXPECT_EQ_INT(FB_LOAN_SETTLED, position("pp").status);
        verify_ok();
        fb_book_close(L);
    }
}

static void an_extension_ends_on_the_extended_maturity(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan_on_21st("ex", FB_METHOD_EQUAL_PRINCIPAL);
    fund("p1", 20000000);
    eod("2025-03-01");
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "ex");
    c.kind = FB_CHANGE_EXTENSION;
    c.months = 6;
    c.method = -1;
    snprintf(c.note, sizeof c.note, "客户申请展期");
    snprintf(c.actor, sizeof c.actor, "officer-1");
    fb_change_result res = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &res));
    EXPECT_EQ_INT(FB_CHANGE_DONE, res);
    EXPECT_EQ_INT(day("2026-01-15"), c.maturity_before);
    EXPECT_EQ_INT(day("2026-07-15"), c.maturity_after);
    ends_on("ex", "2026-07-15", "2026-06-21");
    EXPECT_TRUE(!c.restructured);
    eod("2026-07-20");
    EXPECT_EQ_INT(FB_LOAN_SETTLED, position("ex").status);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    RUN(a_prepayment_lowering_the_installment_keeps_the_maturity);
    RUN(an_extension_ends_on_the_extended_maturity);
    return test_summary();
}
