/* test_extension_rate.c — 贷款通则 第十四条 through the library: "贷款的展期期限加上原期限达到新的
 * 利率期限档次时，从展期之日起，贷款利息按新的期限档次利率计收" (docs/accounts.md, "Extension").
 *   - an LPR loan on the 1-year LPR whose term with its extension passes five years takes the
 *     5-year-plus LPR from the extension's date, its spread kept; the interest accrued before the
 *     date stays what it was and falls due; the rest of the schedule runs at the new rate;
 *   - the boundary: exactly 60 months in all stays on the 1-year LPR, 61 moves;
 *   - the setting extension_lpr_bracket off: it stays;
 *   - a fixed-rate loan keeps its contract rate unless the extension names one; an LPR loan given
 *     a rate, a rate above the ceiling, a method: refused with the field or the result named,
 *     nothing written;
 *   - a non-accrual loan extended at a new rate: what accrued stays off the balance sheet, and so
 *     does what accrues after; overdue, it is a restructuring (第十八条 (一)) and needs a reason.
 */
#include <sqlite3.h>

#include "book.h"
#include "regulator.h"
#include "wire/view_json.h"

/* A 48-month (medium-term) loan from 2025-06-10, repaid on the 10th, extended on 2025-09-22. */
static void book_with(const char *id, int64_t rate_e6, int32_t spread) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan(id, "f1", 48000000, rate_e6, spread, 48, FB_METHOD_EQUAL_PRINCIPAL, "2025-06-10");
    fund("p1", 100000000);
    eod("2025-09-21");
}

/* An extension with the officer's reason ("" none). */
static fb_change_result extend_because(const char *id, int months, int64_t rate_e6, const char *why,
                                       fb_loan_change *out) {
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "%s", id);
    snprintf(c.note, sizeof c.note, "%s", why);
    c.kind = FB_CHANGE_EXTENSION;
    c.months = months;
    c.rate_e6 = rate_e6;
    c.method = -1;
    snprintf(c.actor, sizeof c.actor, "officer-1");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_change_check(&c, &field, reason, sizeof reason));
    fb_change_result r = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    if (out) *out = c;
    return r;
}

static fb_change_result extend(const char *id, int months, int64_t rate_e6, fb_loan_change *out) {
    return extend_because(id, months, rate_e6, "", out);
}

static fb_installment installment(const char *id, int32_t n) {
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    size_t count = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, id, s, FB_LOAN_MONTHS_MAX, &count));
    fb_installment none;
    memset(&none, 0, sizeof none);
    return n >= 1 && (size_t)n <= count ? s[n - 1] : none;
}

/* What verify said that was not its summary. */
static char seen[512];
static void keep(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) snprintf(seen, sizeof seen, "%s", line);
}

/* The loan as `loans get` shows it, compact. */
static char *view_text(const char *id) {
    fb_loan x;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, id, &x));
    json_t *v = fb_json_loan_view(L, &x);
    char *text = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    return text;
}

/* 第十四条: 48 + 13 = 61 months, over five years: from 2025-09-22 the 5-year-plus LPR (3.50%) plus
 * the spread (50 bp), 4.00%, in place of 3.00% + 50 bp. What accrued from 2025-09-10 to the date
 * at 3.50% is unchanged and falls due on the date; the rest of the running installment and the
 * installments after it run at 4.00%. The change, the loan and its history say so. */
static void an_extension_past_five_years_takes_the_five_year_lpr(void) {
    book_with("lp", 0, 50);
    fb_loan_position before = position("lp");
    EXPECT_EQ_INT(35000, before.rate_e6);
    int32_t run = before.installment;
    fb_installment was = installment("lp", run);
    EXPECT_EQ_INT(day("2025-09-10"), was.period_start);
    int64_t accrued = before.interest_accrued_fen;
    /* 12 of the 30 days of the installment's interest at 3.50%, rounded half up. */
    EXPECT_EQ_INT((was.interest_fen * 12 * 2 + 30) / 60, accrued);
    EXPECT_TRUE(accrued > 0);
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("lp", 13, 0, &c));
    EXPECT_EQ_INT(35000, c.rate_before_e6);
    EXPECT_EQ_INT(40000, c.rate_after_e6);
    EXPECT_TRUE(strstr(c.rate_rule, "贷款通则 第十四条") != NULL);
    EXPECT_TRUE(strstr(c.rate_rule, "61 months") != NULL);
    fb_loan_position after = position("lp");
    EXPECT_EQ_INT(40000, after.rate_e6);
    EXPECT_EQ_INT(13, after.extended_months);
    /* The interest accrued before the extension's date, at the rate before, is due now. */
    EXPECT_EQ_INT(before.interest_overdue_fen + accrued, after.interest_overdue_fen);
    EXPECT_EQ_INT(0, after.interest_accrued_fen);
    EXPECT_EQ_INT(before.principal_fen, after.principal_fen);
    fb_installment cut = installment("lp", run);
    EXPECT_EQ_INT(day("2025-09-10"), cut.period_start);
    EXPECT_EQ_INT(day("2025-09-22"), cut.due_date);
    EXPECT_EQ_INT(accrued, cut.interest_fen);
    EXPECT_EQ_INT(0, cut.principal_fen);
    fb_installment now = installment("lp", run + 1);
    EXPECT_EQ_INT(day("2025-09-22"), now.period_start);
    EXPECT_EQ_INT(day("2025-10-10"), now.due_date);
    EXPECT_EQ_INT(was.principal_fen, now.principal_fen);
    int64_t base = before.principal_fen - before.principal_overdue_fen;
    EXPECT_EQ_INT(
        fb_interest_for_days(base, 40000, day("2025-09-22"), day("2025-10-10"), FB_DAYCOUNT_ACT360),
        now.interest_fen);
    /* A regular month after it at 4.00% a year: balance x 4% / 12. */
    fb_installment next = installment("lp", run + 2);
    int64_t left = base - now.principal_fen;
    EXPECT_EQ_INT((left * 40000 / 12 + 500000) / 1000000, next.interest_fen);
    /* `loans get`: the 5-year-plus LPR now; the history: the change with its rule. */
    char *text = view_text("lp");
    EXPECT_TRUE(text && strstr(text, "\"lpr\":\"5y\"") != NULL);
    EXPECT_TRUE(text && strstr(text, "\"lpr_base\":\"3.5000\"") != NULL);
    free(text);
    json_t *h = NULL;
    EXPECT_EQ_INT(FB_OK, fb_json_loan_history(L, "lp", &h));
    text = json_dumps(h, JSON_COMPACT);
    EXPECT_TRUE(text && strstr(text, "\"rate_rule\":\"贷款通则 第十四条") != NULL);
    EXPECT_TRUE(text && strstr(text, "\"rate\":\"4.0000\"") != NULL);
    free(text);
    json_decref(h);
    verify_ok();
    /* The days after: the due interest collected, the new rate accruing; verify holds. */
    eod("2025-10-15");
    EXPECT_EQ_INT(0, position("lp").interest_overdue_fen);
    EXPECT_EQ_INT(40000, position("lp").rate_e6);
    verify_ok();
    /* verify knows the move: the loan set back on the 1-year LPR is found. */
    fb_book_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db, "UPDATE loans SET lpr_tenor = 1 WHERE id = 'lp'",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    char e[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, e, sizeof e));
    uint64_t failures = 0;
    seen[0] = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, keep, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    EXPECT_TRUE(strstr(seen, "loan lp: change 1 moved it to the 5-year-plus LPR, its tenor is 1") !=
                NULL);
    fb_book_close(L);
}

/* The boundary (第八条: medium-term "5年以下（含5年）"; the 5-year-plus LPR is for terms over five
 * years): 48 + 12 = 60 months stays on the 1-year LPR, the running installment untouched; then
 * one more month, 61 in all, moves it. */
static void exactly_five_years_stays_and_one_month_more_moves(void) {
    book_with("b", 0, 50);
    fb_loan_position before = position("b");
    fb_installment was = installment("b", before.installment);
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("b", 12, 0, &c));
    EXPECT_EQ_INT(35000, c.rate_after_e6);
    EXPECT_EQ_STR("", c.rate_rule);
    fb_loan_position after = position("b");
    EXPECT_EQ_INT(35000, after.rate_e6);
    EXPECT_EQ_INT(before.installment, after.installment);
    EXPECT_EQ_INT(before.interest_accrued_fen, after.interest_accrued_fen);
    EXPECT_EQ_INT(before.interest_overdue_fen, after.interest_overdue_fen);
    EXPECT_EQ_INT(was.interest_fen, installment("b", before.installment).interest_fen);
    char *text = view_text("b");
    EXPECT_TRUE(text && strstr(text, "\"lpr\":\"1y\"") != NULL);
    free(text);
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("b", 1, 0, &c));
    EXPECT_EQ_INT(40000, c.rate_after_e6);
    EXPECT_TRUE(strstr(c.rate_rule, "61 months") != NULL);
    EXPECT_EQ_INT(40000, position("b").rate_e6);
    verify_ok();
    fb_book_close(L);
}

/* The LPR's tenors as 第十四条's brackets is a convention: with extension_lpr_bracket off, the
 * loan stays on the 1-year LPR past five years. */
static void the_bracket_is_a_setting(void) {
    book_with("s", 0, 50);
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "extension_lpr_bracket", 0));
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("s", 13, 0, &c));
    EXPECT_EQ_INT(35000, c.rate_after_e6);
    EXPECT_EQ_STR("", c.rate_rule);
    EXPECT_EQ_INT(35000, position("s").rate_e6);
    verify_ok();
    fb_book_close(L);
}

/* A fixed contract rate is no bracket's: extended past five years it stays; an extension naming a
 * new contract rate takes it from the date, the accrual before it unchanged. An LPR loan given a
 * rate, a rate above the book's ceiling, a method or a rate beyond 24%: refused, nothing written.
 */
static void a_fixed_rate_stays_unless_the_extension_names_one(void) {
    book_with("fx", 45000, 0);
    loan("lpr", "f1", 48000000, 0, 50, 48, FB_METHOD_EQUAL_PRINCIPAL, "2025-09-22");
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("fx", 13, 0, &c));
    EXPECT_EQ_INT(45000, c.rate_after_e6);
    EXPECT_EQ_STR("", c.rate_rule);
    fb_loan_position before = position("fx");
    int64_t accrued = before.interest_accrued_fen;
    EXPECT_TRUE(accrued > 0);
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("fx", 1, 48000, &c));
    EXPECT_EQ_INT(45000, c.rate_before_e6);
    EXPECT_EQ_INT(48000, c.rate_after_e6);
    fb_loan_position after = position("fx");
    EXPECT_EQ_INT(48000, after.rate_e6);
    EXPECT_EQ_INT(before.interest_overdue_fen + accrued, after.interest_overdue_fen);
    EXPECT_EQ_INT(accrued, installment("fx", before.installment).interest_fen);
    /* Begun on the date, the running installment is counted at the new rate whole, nothing cut. */
    loan("fx2", "f1", 12000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-09-22");
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend("fx2", 2, 48000, &c));
    EXPECT_EQ_INT(1, position("fx2").installment);
    EXPECT_EQ_INT(0, position("fx2").interest_overdue_fen);
    EXPECT_EQ_INT(fb_interest_for_days(12000000, 48000, day("2025-09-22"), day("2025-10-22"),
                                       FB_DAYCOUNT_ACT360),
                  installment("fx2", 1).interest_fen);
    /* Refused, nothing written. */
    EXPECT_EQ_INT(FB_CHANGE_LPR_RATE, extend("lpr", 6, 48000, &c));
    EXPECT_TRUE(strstr(c.message, "第十四条") != NULL);
    EXPECT_EQ_INT(FB_OK, fb_rate_ceiling_set(L, 60000));
    EXPECT_EQ_INT(FB_CHANGE_RATE_OUT_OF_RANGE, extend("fx", 1, 70000, &c));
    EXPECT_TRUE(strstr(c.message, "6.0000%") != NULL);
    EXPECT_EQ_INT(48000, position("fx").rate_e6);
    EXPECT_EQ_INT(14, position("fx").extended_months);
    EXPECT_EQ_INT(0, position("lpr").extended_months);
    c.method = FB_METHOD_EQUAL_INSTALLMENT;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_change_check(&c, &field, reason, sizeof reason));
    EXPECT_EQ_STR("method", field);
    c.method = -1;
    c.rate_e6 = FB_RATE_MAX_E6 + 1;
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_change_check(&c, &field, reason, sizeof reason));
    EXPECT_EQ_STR("rate", field);
    verify_ok();
    fb_book_close(L);
}

/* A non-accrual loan (more than 90 days past due, 银发〔2003〕251号) extended at a new contract
 * rate: what accrued before the date was off the balance sheet and stays there, due with the
 * other off-balance interest, never income; the loan stays non-accrual (an extension repays
 * nothing); from the date its interest accrues off the balance sheet at the new rate. The
 * income account does not move, and verify holds. Its debtor is in financial difficulty
 * (金融资产风险分类办法 第十八条 (一), overdue): the extension is a restructuring (第十七条,
 * 第十九条 (一)), refused without a reason, and with one restructured and observed (第二十条). */
static void a_non_accrual_loan_extended_at_a_new_rate_stays_off_the_balance_sheet(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("na", "f1", 12000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-06-10");
    drain("p1");
    eod("2025-10-21");
    fb_loan_position before = position("na");
    EXPECT_TRUE(before.nonaccrual);
    EXPECT_TRUE(before.days_past_due > 90);
    EXPECT_TRUE(before.offbal_interest_fen > 0);
    char income[FB_ID_MAX + 1];
    snprintf(income, sizeof income, "gl:interest_income:%s", fb_line_name(FB_LINE_TECHNOLOGY));
    int64_t income_before = balance(income);
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_REASON_REQUIRED, extend("na", 3, 48000, &c));
    EXPECT_TRUE(strstr(c.message, "第十八条（一）") != NULL);
    EXPECT_EQ_INT(45000, position("na").rate_e6);
    EXPECT_EQ_INT(FB_CHANGE_DONE, extend_because("na", 3, 48000, "客户经营困难申请展期", &c));
    EXPECT_TRUE(c.restructured);
    EXPECT_EQ_INT(FB_DIFFICULTY_OVERDUE, c.difficulty);
    EXPECT_TRUE(c.observation_end > c.date);
    EXPECT_EQ_INT(45000, c.rate_before_e6);
    EXPECT_EQ_INT(48000, c.rate_after_e6);
    fb_loan_position after = position("na");
    EXPECT_EQ_INT(48000, after.rate_e6);
    EXPECT_TRUE(after.nonaccrual);
    EXPECT_TRUE(after.restructured);
    EXPECT_EQ_INT(c.observation_end, after.observation_end);
    EXPECT_TRUE(after.observation_end >= fb_date_add_months(after.observation_start, 12, 10) - 3);
    EXPECT_EQ_INT(before.loan_class, after.loan_class); /* substandard kept, not raised */
    EXPECT_EQ_INT(before.offbal_interest_fen, after.offbal_interest_fen);
    EXPECT_EQ_INT(before.offbal_penalty_fen, after.offbal_penalty_fen);
    /* The running installment's accrual falls due on the date, counted among the off-balance. */
    EXPECT_TRUE(before.interest_accrued_fen > 0);
    EXPECT_EQ_INT(before.interest_overdue_fen + before.interest_accrued_fen,
                  after.interest_overdue_fen);
    EXPECT_EQ_INT(0, after.interest_accrued_fen);
    EXPECT_EQ_INT(before.principal_fen, after.principal_fen);
    EXPECT_EQ_INT(income_before, balance(income));
    verify_ok();
    /* Ten days on: the running installment at 4.80% by days from the date, its accrual to the
     * business date (half up) off the balance sheet, income unchanged. */
    int64_t base = after.principal_fen - after.principal_overdue_fen;
    eod("2025-10-31");
    fb_loan_position later = position("na");
    EXPECT_TRUE(later.nonaccrual);
    EXPECT_EQ_INT(income_before, balance(income));
    fb_installment run = installment("na", later.installment);
    EXPECT_EQ_INT(day("2025-10-22"), run.period_start);
    EXPECT_EQ_INT(
        fb_interest_for_days(base, 48000, run.period_start, run.due_date, FB_DAYCOUNT_ACT360),
        run.interest_fen);
    int64_t k = later.business_date - run.period_start, days = run.due_date - run.period_start;
    EXPECT_EQ_INT((run.interest_fen * k * 2 + days) / (2 * days), later.interest_accrued_fen);
    EXPECT_TRUE(later.interest_accrued_fen > 0);
    EXPECT_EQ_INT(after.offbal_interest_fen + later.interest_accrued_fen,
                  later.offbal_interest_fen);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    RUN(an_extension_past_five_years_takes_the_five_year_lpr);
    RUN(exactly_five_years_stays_and_one_month_more_moves);
    RUN(the_bracket_is_a_setting);
    RUN(a_fixed_rate_stays_unless_the_extension_names_one);
    RUN(a_non_accrual_loan_extended_at_a_new_rate_stays_off_the_balance_sheet);
    return test_summary();
}
