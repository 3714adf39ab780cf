/* test_regulator_difficulty.c — a debtor in financial difficulty and the rule of its other claims
 * (docs/accounts.md, "Restructuring, extension and renewal" and "Rising out of non-performing"),
 * through the library:
 *   - 金融资产风险分类办法 (2023) 第十七条, 第十八条 (一) and (三): an extension of an overdue
 *     loan, and a renewal of a loan whose debtor has a debt classed non-performing, are
 *     restructurings whatever the officer called them: without a reason refused, naming the
 *     field and citing 第十八条, nothing written; with one, restructured and observed, the
 *     difficulty found kept with the change;
 *   - the upgrade's third condition ("债务人在本行已经没有发生信用减值的金融资产") by classes, not
 *     floors, one rule for the close and the officer (core fb__debtor_other_npl): a retail
 *     debtor's cured loan does not rise while its other loan, cured later and still waiting, is
 *     substandard; both rise at the close their conditions hold together;
 *   - issue 11 item 3: a small-business owner (小微企业主) is a natural person, retail like an
 *     individual business: classified loan by loan, no 10% rule (第七条 is for 非零售). */
#include <sqlite3.h>

#include "book.h"
#include "core/classify.h"
#include "regulator.h"

/* A loan of `months` repaid on repayment day `rday` (0: the start's day). */
static void loan_on(const char *id, const char *fac, int64_t amount, int months, fb_method method,
                    const char *start, int rday) {
    fb_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "%s", id);
    snprintf(x.facility, sizeof x.facility, "%s", fac);
    x.terms = (fb_loan_terms){amount, 50000, months, method, day(start), rday, FB_DAYCOUNT_ACT360};
    x.rate_kind = FB_RATE_FIXED;
    x.penalty_markup_pct = 50;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_check(&x, &field, reason, sizeof reason));
    fb_loan_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_loans_create(L, &x, 1, &o));
    EXPECT_EQ_INT(FB_LOAN_CREATED, o.result);
}

/* A change as an officer asks it: no difficulty named, the reason given or not. */
static fb_change_result ask(const char *id, fb_change_kind kind, int months, const char *why,
                            fb_loan_change *out) {
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "%s", id);
    c.kind = kind;
    c.months = months;
    c.method = -1;
    snprintf(c.note, sizeof c.note, "%s", why);
    snprintf(c.actor, sizeof c.actor, "officer-1");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_change_check(&c, &field, reason, sizeof reason));
    fb_change_result r = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    *out = c;
    return r;
}

static size_t changes_of(const char *id, fb_difficulty *last) {
    fb_loan_change *v = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_changes(L, id, &v, &n));
    if (n && last) *last = v[n - 1].difficulty;
    free(v);
    return n;
}

/* 第十八条 (一) "本金、利息或收益已经逾期": an installment 41 days overdue. Extended without a
 * reason: refused with reason_required, the field and 第十八条 named, nothing written. With a
 * reason: a restructuring (第十七条, 第十九条 (一) 展期), the difficulty recorded as overdue,
 * observed (第二十条), at least special mention. */
static void an_overdue_loan_extended_is_a_restructuring(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan_on("od", "f1", 12000000, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10", 0);
    fund("p1", 2000000);
    eod("2025-02-15");
    drain("p1");
    eod("2025-04-20");
    fb_loan_position before = position("od");
    fb_loan l;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, "od", &l));
    int32_t maturity = l.maturity_date;
    EXPECT_TRUE(before.days_past_due > 0);
    EXPECT_TRUE(!before.restructured);
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_REASON_REQUIRED, ask("od", FB_CHANGE_EXTENSION, 6, "", &c));
    EXPECT_TRUE(strstr(c.message, "reason is required") == c.message);
    EXPECT_TRUE(strstr(c.message, "days (第十八条（一）)") != NULL);
    EXPECT_TRUE(strstr(c.message, "第十七条, 第十八条") != NULL);
    EXPECT_EQ_STR("reason_required", fb_change_result_name(FB_CHANGE_REASON_REQUIRED));
    fb_loan_position same = position("od");
    EXPECT_EQ_INT(0, same.extended_months);
    EXPECT_TRUE(!same.restructured);
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, "od", &l));
    EXPECT_EQ_INT(maturity, l.maturity_date);
    EXPECT_EQ_INT(0, (int)changes_of("od", NULL));
    EXPECT_EQ_INT(FB_CHANGE_DONE, ask("od", FB_CHANGE_EXTENSION, 6, "客户申请展期", &c));
    EXPECT_TRUE(c.restructured);
    EXPECT_EQ_INT(FB_DIFFICULTY_OVERDUE, c.difficulty);
    EXPECT_TRUE(c.observation_end > c.date);
    EXPECT_TRUE(c.class_after >= FB_CLASS_SPECIAL_MENTION);
    fb_loan_position after = position("od");
    EXPECT_TRUE(after.restructured);
    EXPECT_EQ_INT(6, after.extended_months);
    /* 第二十条: at least a year from the first repayment date under the new terms. */
    EXPECT_TRUE(after.observation_end >= fb_date_add_months(after.observation_start, 12, 10) - 3);
    fb_difficulty d = FB_DIFFICULTY_NONE;
    EXPECT_EQ_INT(1, (int)changes_of("od", &d));
    EXPECT_EQ_INT(FB_DIFFICULTY_OVERDUE, d);
    verify_ok();
    fb_book_close(L);
}

/* 第十八条 (三) "债务人的债务已经被分为不良": a retail debtor (an individual business) whose
 * first loan is substandard; its second loan, a bullet loan with nothing overdue, is renewed
 * (无还本续贷) and extended. Both are restructurings: without a reason refused, with one
 * restructured, the difficulty recorded as non_performing. A debtor with nothing non-performing
 * and nothing overdue renews as before: not restructured. */
static void a_change_for_a_debtor_with_a_non_performing_debt_is_a_restructuring(void) {
    open_book();
    shop("ib", 2);
    shop("ok", 3);
    facility("fi", "ib", FB_LINE_INCLUSIVE, 50000000, true);
    facility("fo", "ok", FB_LINE_INCLUSIVE, 50000000, true);
    loan_on("bad", "fi", 1000000, 1, FB_METHOD_BULLET, "2025-01-10", 0);
    loan_on("b2", "fi", 2000000, 12, FB_METHOD_BULLET, "2025-01-10", 0);
    loan_on("o2", "fo", 2000000, 12, FB_METHOD_BULLET, "2025-01-10", 0);
    drain("ib");
    eod("2025-05-31");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("bad").loan_class);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("b2").loan_class); /* retail: loan by loan */
    EXPECT_EQ_INT(0, position("b2").days_past_due);
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_REASON_REQUIRED, ask("b2", FB_CHANGE_RENEWAL, 12, "", &c));
    EXPECT_TRUE(strstr(c.message, "reason is required") == c.message);
    EXPECT_TRUE(strstr(c.message, "classed substandard (第十八条（三）)") != NULL);
    EXPECT_EQ_INT(0, (int)changes_of("b2", NULL));
    EXPECT_TRUE(!position("b2").restructured);
    EXPECT_EQ_INT(FB_CHANGE_DONE, ask("b2", FB_CHANGE_EXTENSION, 6, "经营困难申请展期", &c));
    EXPECT_TRUE(c.restructured);
    EXPECT_EQ_INT(FB_DIFFICULTY_NON_PERFORMING, c.difficulty);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, c.class_after);
    EXPECT_TRUE(position("b2").restructured);
    fb_difficulty d = FB_DIFFICULTY_NONE;
    EXPECT_EQ_INT(1, (int)changes_of("b2", &d));
    EXPECT_EQ_INT(FB_DIFFICULTY_NON_PERFORMING, d);
    /* Nothing overdue, nothing non-performing: a renewal is not a restructuring. */
    EXPECT_EQ_INT(FB_CHANGE_DONE, ask("o2", FB_CHANGE_RENEWAL, 12, "到期续贷", &c));
    EXPECT_TRUE(!c.restructured);
    EXPECT_EQ_INT(FB_DIFFICULTY_NONE, c.difficulty);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, c.class_after);
    verify_ok();
    fb_book_close(L);
}

/* The rule by itself: another non-performing claim than the one judged. */
static void the_debtors_other_claims_rule(void) {
    EXPECT_TRUE(!fb__debtor_other_npl(0, false));
    EXPECT_TRUE(!fb__debtor_other_npl(1, true));
    EXPECT_TRUE(fb__debtor_other_npl(1, false));
    EXPECT_TRUE(fb__debtor_other_npl(2, true));
    EXPECT_TRUE(fb__debtor_other_npl(5, false));
}

/* The upgrade's third condition: a retail debtor's two loans, both substandard, repaid on the
 * 10th and the 20th. Both are cured on 2025-05-26; the second misses its 2025-08-20 installment
 * for two days, which sets its six months again (from 2025-08-22). The first's conditions hold
 * from 2025-11-26, but its debtor's other loan is still substandard (a class kept while it
 * waits, its floor normal): it does not rise at the close, and the officer is refused alike.
 * When the second's hold (2026-02-22) both rise at the same close. */
static void a_cured_loan_waits_for_its_debtors_other_non_performing_loan(void) {
    open_book();
    shop("ib", 2);
    facility("fi", "ib", FB_LINE_INCLUSIVE, 50000000, true);
    loan_on("l1", "fi", 2400000, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10", 0);
    loan_on("l2", "fi", 2400000, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10", 20);
    drain("ib");
    eod("2025-05-25");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("l1").loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("l2").loan_class);
    fund("ib", 10000000);
    eod("2025-05-26");
    EXPECT_EQ_INT(day("2025-05-26"), position("l1").arrears_repaid);
    EXPECT_EQ_INT(day("2025-05-26"), position("l2").arrears_repaid);
    eod("2025-08-15");
    drain("ib");
    eod("2025-08-21");
    EXPECT_TRUE(position("l2").days_past_due > 0);
    EXPECT_EQ_INT(0, position("l1").days_past_due);
    fund("ib", 10000000);
    eod("2025-08-22");
    EXPECT_EQ_INT(day("2025-08-22"), position("l2").arrears_repaid);
    EXPECT_EQ_INT(day("2025-05-26"), position("l1").arrears_repaid);
    eod("2025-12-15");
    fb_loan_position one = position("l1"), two = position("l2");
    EXPECT_EQ_INT(0, one.days_past_due);
    EXPECT_TRUE(one.paid_on_time >= 2);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, two.loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, one.loan_class); /* its debtor's other loan is */
    fb_classification k;
    EXPECT_EQ_INT(FB_CLASSIFY_UPGRADE_REFUSED, classify("l1", FB_CLASS_NORMAL, false, &k));
    EXPECT_TRUE(strstr(k.message, "another non-performing claim") != NULL);
    eod("2026-03-01");
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("l2").loan_class);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("l1").loan_class);
    EXPECT_EQ_INT(FB_REASON_UPGRADE, last_entry("l1", NULL).reason);
    EXPECT_EQ_INT(last_entry("l2", NULL).date, last_entry("l1", NULL).date);
    verify_ok();
    fb_book_close(L);
}

/* A small-business owner: a natural person (resident id) owning a small business (its USCC). */
static void owner(const char *id, int serial) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_SMALL_BUSINESS_OWNER;
    snprintf(p.name, sizeof p.name, "张三");
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91210200MA0D%05d", serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    snprintf(p.resident_id, sizeof p.resident_id, "210102198003154210");
    p.region = 210211;
    p.industry = 5274;
    p.figures = (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    if (field) printf("    party: %s %s\n", field, reason);
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

static void a_small_business_owner_is_classified_loan_by_loan(void) {
    open_book();
    owner("own", 4);
    facility("fo", "own", FB_LINE_INCLUSIVE, 5000000, true);
    loan_on("o-due", "fo", 1000000, 1, FB_METHOD_BULLET, "2025-01-10", 0);
    loan_on("o-long", "fo", 2000000, 24, FB_METHOD_BULLET, "2025-01-10", 0);
    drain("own");
    eod("2025-05-31");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("o-due").loan_class);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("o-long").loan_class); /* 1m of 3m: retail */
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    RUN(an_overdue_loan_extended_is_a_restructuring);
    RUN(a_change_for_a_debtor_with_a_non_performing_debt_is_a_restructuring);
    RUN(the_debtors_other_claims_rule);
    RUN(a_cured_loan_waits_for_its_debtors_other_non_performing_loan);
    RUN(a_small_business_owner_is_classified_loan_by_loan);
    return test_summary();
}
