/* test_regulator.c — the loan book a regulator accepts, through the library, one rule a test
 * (docs/accounts.md, "Classification, non-accrual, provisions" cites each):
 *   - 金融资产风险分类办法 (2023): a non-performing loan rises only after its arrears are repaid
 *     and two installments and six months paid on time since; the 10% rule is for non-retail
 *     debtors (第七条, 第八条); a settled loan has no class; an officer's classes and history;
 *     restructured loans observed a year and two repayment dates (第十七条–第二十条);
 *   - non-accrual from the day a loan is more than 90 days past due or non-performing (财政部's
 *     rule on interest receivable): interest and penalty off the balance sheet, collected first;
 *   - 贷款通则 第十二条: extensions within the limits of the term class;
 *   - 金规〔2024〕13号: renewals of small and micro borrowers' loans;
 *   - provisions (贷款损失准备) at each month-end, their coverage and ratio against the floors of
 *     商业银行贷款损失准备管理办法 第七条;
 *   - the NPL-ratio ceiling read as a percent; a payoff's prepaid counted; green items of
 *     绿色金融支持项目目录（2025年版）;
 *   - the migration matrix and the quality report against the loans themselves;
 * and a seeded property test over years of random loans (FB_SEED=N replays one). */
#include <sqlite3.h>
#include <time.h>

#include "book.h"
#include "core/classify.h"
#include "regulator.h"
#include "wire/view_json.h"

/* An individual business (个体工商户) of Dalian: a retail debtor. */
/* The book as version 22 left it: migration 23 (the corrections of existing books) runs again on
 * it, and what came after it (24 the chain over the rows that carry money, 25 to 27 the
 * government's schemes) is undone first. A new migration adds its undoing here. */
#define UNDO_AFTER_CORRECTIONS                                                                     \
    " DROP TRIGGER loan_state_pool_insert; DROP TRIGGER loan_state_pool_update;"                   \
    " DROP TRIGGER loan_state_pool_delete; DROP TRIGGER pools_kept;"                               \
    " DROP TRIGGER pool_cover_kept_insert; DROP TRIGGER pool_cover_kept_update;"                   \
    " DROP TABLE pool_kept;"                                                                       \
    " DROP TABLE ledger_chain; ALTER TABLE repayments DROP COLUMN chain;"                          \
    " DROP TABLE pool_cover; DROP TABLE pool_funding; DROP TABLE pools; DROP TABLE subsidy_net;"   \
    " DROP TABLE subsidy_accrual; DROP TABLE subsidy_claims; DROP TABLE subsidy_enrol;"            \
    " DROP TABLE subsidies; DROP TABLE guarantees; DROP TABLE agg_scheme_daily;"                   \
    " ALTER TABLE loan_changes DROP COLUMN consent_by;"                                            \
    " ALTER TABLE loan_changes DROP COLUMN consent_date;"                                          \
    " ALTER TABLE loan_changes DROP COLUMN consent_ref;"                                           \
    " ALTER TABLE loan_changes DROP COLUMN state_rule;"                                            \
    " ALTER TABLE loan_changes DROP COLUMN rate_rule;"                                             \
    " DROP TABLE credit_reports; DROP TABLE agg_drawer; DROP TABLE agg_drawer_daily;"              \
    " DROP TRIGGER loan_state_quality_insert; DROP TRIGGER loan_state_quality_update;"             \
    " DROP TRIGGER loan_state_quality_delete; DELETE FROM meta WHERE key = 'quality_kept';"        \
    " DROP TABLE scheme_daily;"                                                                    \
    " DROP INDEX demands_measured; DROP INDEX demands_granted_on;"                                 \
    " DROP TRIGGER loans_demand_drawdown; DROP TRIGGER demands_granted_drawdown;"                  \
    " DROP TRIGGER demands_party_key; DROP TRIGGER demands_steps_once;"                            \
    " CREATE TRIGGER demands_steps_once BEFORE UPDATE ON demands WHEN OLD.status >= 3"             \
    " OR NEW.status <= OLD.status BEGIN SELECT RAISE(ABORT, 'steps once'); END;"                   \
    " ALTER TABLE demands DROP COLUMN first_drawdown; ALTER TABLE demands DROP COLUMN party_key;"

/* ---- Item 1: an NPL-ratio ceiling of "3.0" is 3% ------------------------------------------ */

static void an_npl_ratio_ceiling_is_a_percent(void) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("f2", "p2", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("bad", "f1", 10000000, 50000, 0, 1, FB_METHOD_BULLET, "2025-01-10");
    loan("good", "f2", 50000000, 50000, 0, 24, FB_METHOD_BULLET, "2025-01-10");
    drain("p1");
    eod("2025-05-31"); /* bad: due 2025-02-10, 110 days: substandard; 10m of 60m: 16.67% */
    const char *json = "{\"id\":\"AG\",\"bank\":\"银行\",\"region\":\"210000\",\"start_date\":"
                       "\"2025-01-01\",\"end_date\":\"2025-12-31\",\"targets\":{"
                       "\"npl_ratio_max\":\"3.0\"}}";
    fb_agreement a;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    EXPECT_EQ_INT(FB_OK, fb_json_read_agreement(json, strlen(json), &a, &err));
    EXPECT_EQ_INT(30000, a.targets[0].amount); /* 3% in millionths, as a rate */
    bool exists = false;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    fb_progress p[FB_TARGETS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "AG", day("2025-05-31"), p, &n));
    EXPECT_EQ_INT(166667, p[0].achieved); /* 1/6, half up */
    EXPECT_TRUE(!p[0].on_track);          /* exceeded */
    json_t *j = fb_json_encode_progress(&a, day("2025-05-31"), p, n);
    json_t *t = json_array_get(json_object_get(j, "targets"), 0);
    EXPECT_EQ_STR("3.0000", json_string_value(json_object_get(t, "target")));
    EXPECT_EQ_STR("16.6667", json_string_value(json_object_get(t, "achieved")));
    EXPECT_EQ_STR("exceeded", json_string_value(json_object_get(t, "status")));
    json_decref(j);
    /* A book written before kept it as 3,000,000 (300%): migrated, it is 3% again. */
    fb_book_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK,
                  sqlite3_exec(db,
                               "DROP TRIGGER targets_no_update; UPDATE targets SET amount ="
                               " 3000000; UPDATE meta SET value = 22 WHERE key ="
                               " 'schema_version';" UNDO_AFTER_CORRECTIONS,
                               NULL, NULL, NULL));
    sqlite3_close(db);
    char e[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, e, sizeof e));
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress(L, "AG", day("2025-05-31"), p, &n));
    EXPECT_EQ_INT(30000, p[0].target.amount);
    EXPECT_TRUE(!p[0].on_track);
    verify_ok();
    fb_book_close(L);
}

/* ---- Item 2: a non-performing loan rises only after two installments and six months ------- */

static void a_non_performing_loan_keeps_its_class_until_the_conditions_hold(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 500000000, true);
    loan("l1", "f1", 12000000, 50000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    drain("p1");
    eod("2025-05-10");
    EXPECT_EQ_INT(90, position("l1").days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("l1").loan_class);
    eod("2025-05-11");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("l1").loan_class);
    /* The arrears are repaid at the close of 2025-05-12: still substandard. */
    fund("p1", 20000000);
    eod("2025-05-12");
    fb_loan_position x = position("l1");
    EXPECT_EQ_INT(0, x.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, x.loan_class);
    /* Two installments on time (06-10 and 07-10) are not enough: six months are due too. */
    eod("2025-08-01");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("l1").loan_class);
    fb_classification c;
    EXPECT_EQ_INT(FB_CLASSIFY_UPGRADE_REFUSED, classify("l1", FB_CLASS_NORMAL, false, &c));
    EXPECT_TRUE(strstr(c.message, "2 installments and 6 months") != NULL);
    eod("2025-11-10");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("l1").loan_class);
    eod("2025-11-11"); /* the class for 2025-11-12, six months after the arrears were repaid */
    x = position("l1");
    EXPECT_EQ_INT(FB_CLASS_NORMAL, x.loan_class);
    EXPECT_TRUE(!x.nonaccrual);
    fb_class_entry e = last_entry("l1", NULL);
    EXPECT_EQ_INT(FB_REASON_UPGRADE, e.reason);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, e.from_class);
    EXPECT_EQ_STR("end_of_day", e.actor);
    EXPECT_EQ_INT(0, balance("gl:npl:technology"));
    verify_ok();
    fb_book_close(L);
}

/* ---- Item 3: the 10% rule is for non-retail debtors (第七条, 第八条) ------------------------ */

static void retail_debtors_are_classified_loan_by_loan(void) {
    open_book();
    party("ent", 1, false);
    shop("ib", 2);
    facility("fe", "ent", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("fi", "ib", FB_LINE_INCLUSIVE, 5000000, true);
    loan("e-due", "fe", 1000000, 50000, 0, 1, FB_METHOD_BULLET, "2025-01-10");
    loan("e-long", "fe", 2000000, 50000, 0, 24, FB_METHOD_BULLET, "2025-01-10");
    loan("i-due", "fi", 1000000, 50000, 0, 1, FB_METHOD_BULLET, "2025-01-10");
    loan("i-long", "fi", 2000000, 50000, 0, 24, FB_METHOD_BULLET, "2025-01-10");
    drain("ent");
    drain("ib");
    eod("2025-05-31");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("e-due").loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("e-long").loan_class); /* 1m of 3m: > 10% */
    EXPECT_EQ_INT(FB_REASON_DEBTOR, last_entry("e-long", NULL).reason);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("i-due").loan_class);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("i-long").loan_class); /* retail: by itself */
    verify_ok();
    fb_book_close(L);
}

/* ---- Item 4: a settled loan leaves the classes ---------------------------------------------- */

static void a_settled_loan_has_no_class(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("l1", "f1", 12000000, 50000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    drain("p1");
    eod("2025-02-20");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("l1").loan_class);
    fund("p1", 20000000);
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("l1", 20000000, FB_PREPAY_REDUCE_TERM, NULL));
    EXPECT_EQ_INT(FB_CLASS_NONE, position("l1").loan_class);
    eod("2025-02-21");
    fb_report_row *rows = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_credit(L, day("2025-02-21"), 0, FB_BY_CLASS, 0, &rows, &n));
    for (size_t i = 0; i < n; i++)
        EXPECT_TRUE(rows[i].loan_class < 0 || rows[i].loans == 0);
    free(rows);
    verify_ok();
    fb_book_close(L);
}

/* ---- Item 5: non-accrual ------------------------------------------------------------------- */

/* Every fen of interest a loan accrued is income or off the balance sheet: the installments
 * fallen due and the running one's accrual. */
static int64_t accrued_interest(const char *id) {
    static fb_installment s[FB_LOAN_MONTHS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, id, s, FB_LOAN_MONTHS_MAX, &n));
    fb_loan_position p = position(id);
    int64_t sum = 0;
    for (size_t i = 0; i < n && (int32_t)s[i].n < p.installment; i++)
        sum += s[i].interest_fen;
    return sum + (p.status == FB_LOAN_ACTIVE ? p.interest_accrued_fen : 0);
}

static void interest_goes_off_the_balance_sheet_past_90_days(void) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, false);
    facility("f1", "p1", FB_LINE_GREEN, 100000000, true);
    facility("f2", "p2", FB_LINE_WEALTH, 100000000, true);
    loan("l1", "f1", 12000000, 50000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    drain("p1");
    eod("2025-05-10"); /* 90 days: still taken to income */
    EXPECT_TRUE(!position("l1").nonaccrual);
    EXPECT_TRUE(balance("loan:l1:interest") > 0);
    EXPECT_TRUE(balance("gl:interest_income:green") < 0);
    eod("2025-05-11"); /* more than 90 days: reversed, off the balance sheet */
    fb_loan_position p = position("l1");
    EXPECT_TRUE(p.nonaccrual);
    EXPECT_EQ_INT(0, balance("loan:l1:interest"));
    EXPECT_EQ_INT(0, balance("loan:l1:penalty"));
    EXPECT_EQ_INT(0, balance("gl:interest_accrued:green"));
    EXPECT_EQ_INT(0, balance("gl:penalty_accrued:green"));
    EXPECT_EQ_INT(0, balance("gl:interest_income:green")); /* nothing was ever collected */
    EXPECT_EQ_INT(0, balance("gl:penalty_income:green"));
    EXPECT_EQ_INT(p.interest_overdue_fen + p.interest_accrued_fen,
                  balance("gl:offbal_interest:green"));
    EXPECT_EQ_INT(p.offbal_interest_fen, balance("gl:offbal_interest:green"));
    EXPECT_EQ_INT(p.penalty_fen, balance("gl:offbal_penalty:green"));
    EXPECT_EQ_INT(accrued_interest("l1"), balance("gl:offbal_interest:green"));
    verify_ok();
    /* It accrues off the balance sheet from now on. */
    eod("2025-05-20");
    EXPECT_EQ_INT(0, balance("gl:interest_income:green"));
    EXPECT_EQ_INT(accrued_interest("l1"), balance("gl:offbal_interest:green"));
    /* Money collected settles what is off the balance sheet (penalty, then the oldest
     * installment's interest) and is income as it is; principal is no income. */
    int64_t off = position("l1").offbal_interest_fen + position("l1").offbal_penalty_fen;
    fund("p1", 300000);
    eod("2025-05-21");
    int64_t income = -balance("gl:interest_income:green") - balance("gl:penalty_income:green");
    EXPECT_TRUE(income > 0 && income < 300000);
    EXPECT_TRUE(position("l1").offbal_interest_fen + position("l1").offbal_penalty_fen < off);
    EXPECT_EQ_INT(accrued_interest("l1"),
                  -balance("gl:interest_income:green") + balance("gl:offbal_interest:green"));
    verify_ok();
    /* A repayment says what of it settled amounts off the balance sheet. */
    off = position("l1").offbal_interest_fen + position("l1").offbal_penalty_fen;
    fund("p1", 10000);
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("l1", 10000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_TRUE(r.off_balance_fen > 0 && r.off_balance_fen <= r.penalty_fen + r.interest_fen);
    EXPECT_EQ_INT(off - r.off_balance_fen,
                  position("l1").offbal_interest_fen + position("l1").offbal_penalty_fen);
    verify_ok();
    /* A bank stricter than the rule: 60 days. */
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "nonaccrual_days", 60));
    loan("l2", "f2", 12000000, 50000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-05-22");
    drain("p2");
    eod("2025-08-21"); /* due 2025-06-22: 61 days past due at the next day */
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("l2").loan_class);
    EXPECT_TRUE(position("l2").nonaccrual);
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "nonaccrual_days", 91)); /* never laxer */
    verify_ok();
    fb_book_close(L);
}

/* ---- Item 6: a payoff's prepaid is the loan's ----------------------------------------------- */

static void a_payoff_shows_what_it_prepaid(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("l1", "f1", 12000000, 50000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    fund("p1", 5000000);
    eod("2025-04-20");
    fund("p1", 20000000);
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("l1", 20000000, FB_PREPAY_REDUCE_TERM, &r));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, r.status);
    EXPECT_TRUE(r.prepaid_fen > 0);
    EXPECT_EQ_INT(r.prepaid_fen, position("l1").prepaid_fen);
    verify_ok();
    fb_book_close(L);
}

/* ---- Item 9: green items of the catalogue -------------------------------------------------- */

static int green(const char *id, const char *item, fb_facility_result *result) {
    fb_facility f;
    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "%s", id);
    snprintf(f.party, sizeof f.party, "p1");
    f.line = FB_LINE_GREEN;
    snprintf(f.green_item, sizeof f.green_item, "%s", item);
    f.limit_fen = 100000;
    f.start_date = day("2025-01-01");
    f.end_date = day("2025-12-31");
    const char *field = NULL;
    char reason[200];
    int rc = fb_facility_check(&f, &field, reason, sizeof reason);
    if (rc) {
        EXPECT_EQ_STR("green_item", field);
        return rc;
    }
    fb_facility_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_facilities_create(L, &f, 1, &o));
    *result = o.result;
    if (o.result == FB_FACILITY_GREEN_ITEM_UNKNOWN) EXPECT_EQ_STR("green_item", o.field);
    return FB_OK;
}

static void a_green_item_is_an_item_of_the_catalogue(void) {
    open_book();
    party("p1", 1, false);
    fb_facility_result r = FB_FACILITY_CREATED;
    /* Before the annex is loaded: the catalogue's shape and its nine level-1 categories. */
    EXPECT_EQ_INT(FB_EINVAL, green("g0", "99.99", &r));
    EXPECT_EQ_INT(FB_EINVAL, green("g0", "3.2", &r));
    EXPECT_EQ_INT(FB_EINVAL, green("g0", "10.1.1", &r));
    EXPECT_EQ_INT(FB_EINVAL, green("g0", "3.02.1", &r));
    EXPECT_EQ_INT(FB_EINVAL, green("g0", "3.2.1.1", &r));
    EXPECT_EQ_INT(FB_OK, green("g1", "3.2.1", &r));
    EXPECT_EQ_INT(FB_FACILITY_CREATED, r);
    /* The annex loaded (test items, not the catalogue's): a leaf of it, and nothing else. */
    fb_green_item items[] = {{"3", 1, "", "资源循环利用产业"},
                             {"3.2", 2, "3", "test level 2"},
                             {"3.2.1", 3, "3.2", "test item 3.2.1"},
                             {"3.2.2", 3, "3.2", "test item 3.2.2"}};
    EXPECT_EQ_INT(FB_OK, fb_green_catalogue_load(L, items, 4));
    EXPECT_EQ_INT(FB_OK, green("g2", "3.2.2", &r));
    EXPECT_EQ_INT(FB_FACILITY_CREATED, r);
    EXPECT_EQ_INT(FB_OK, green("g3", "3.2.9", &r));
    EXPECT_EQ_INT(FB_FACILITY_GREEN_ITEM_UNKNOWN, r);
    /* A load that would orphan a facility's item, or is malformed, writes nothing. */
    fb_green_item less[] = {{"3", 1, "", "x"}, {"3.2", 2, "3", "y"}, {"3.2.2", 3, "3.2", "z"}};
    EXPECT_EQ_INT(FB_EINVAL, fb_green_catalogue_load(L, less, 3));
    EXPECT_TRUE(strstr(fb_book_errmsg(L), "facility g1") != NULL);
    fb_green_item orphan[] = {{"3", 1, "", "x"}, {"3.2.1", 3, "3.2", "z"}};
    EXPECT_EQ_INT(FB_EINVAL, fb_green_catalogue_load(L, orphan, 2));
    fb_green_item level[] = {{"3", 2, "", "x"}};
    EXPECT_EQ_INT(FB_EINVAL, fb_green_catalogue_load(L, level, 1));
    fb_green_item *now = NULL;
    size_t n = 0;
    bool loaded = false;
    EXPECT_EQ_INT(FB_OK, fb_green_catalogue(L, &now, &n, &loaded));
    EXPECT_TRUE(loaded && n == 4);
    free(now);
    verify_ok();
    fb_book_close(L);
}

/* ---- Provisions (贷款损失准备) ------------------------------------------------------------- */

static int64_t rate(int64_t fen, int64_t e6) { return (fen * e6 + 500000) / 1000000; }

static bool fb__month_end_test(int32_t d) {
    int y = 0, m = 0, dd = 0;
    fb_date_to_ymd(d, &y, &m, &dd);
    return dd == fb_date_days_in_month(y, m);
}

static void provisions_follow_the_classes_at_month_end(void) {
    open_book();
    party("n", 1, false);
    party("s", 2, false);
    party("m", 3, false);
    facility("fn", "n", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("fs", "s", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("fm", "m", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("ln", "fn", 20000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("ls", "fs", 12000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("n", 30000000);
    drain("s");
    eod("2025-03-09");
    loan("lm", "fm", 6000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-03-10");
    drain("m");
    eod("2025-05-31");
    fb_loan_position n = position("ln"), s = position("ls"), m = position("lm");
    EXPECT_EQ_INT(FB_CLASS_NORMAL, n.loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, s.loan_class);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, m.loan_class);
    int64_t want = rate(s.principal_fen, 250000) + rate(m.principal_fen, 20000) +
                   rate(n.principal_fen, 15000) + rate(s.principal_fen, 15000) +
                   rate(m.principal_fen, 15000);
    EXPECT_EQ_INT(-want, balance("gl:provision:technology"));
    EXPECT_EQ_INT(want, balance("gl:provision_expense:technology"));
    fb_provision_report r;
    EXPECT_EQ_INT(FB_OK, fb_report_provisions(L, 0, FB_BY_LINE, 0, false, &r));
    EXPECT_EQ_INT(day("2025-05-31"), r.date);
    EXPECT_EQ_INT(want, r.total.provision_fen);
    EXPECT_EQ_INT(s.principal_fen, r.total.npl_fen);
    EXPECT_EQ_INT(fb__ratio_e6(want, s.principal_fen), r.total.coverage_e6);
    int64_t loans = n.principal_fen + s.principal_fen + m.principal_fen;
    EXPECT_EQ_INT(fb__ratio_e6(want, loans), r.total.ratio_e6);
    int64_t required = rate(s.principal_fen, 1500000) > rate(loans, 25000)
                           ? rate(s.principal_fen, 1500000)
                           : rate(loans, 25000);
    EXPECT_EQ_INT(required, r.total.required_fen);
    EXPECT_EQ_INT(required > want ? required - want : 0, r.total.shortfall_fen);
    EXPECT_EQ_INT(1, r.n);
    free(r.rows);
    /* The rates are settings, within 0% to 100%; the floors within the regulator's ranges. */
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "provision_substandard", 1200000));
    EXPECT_TRUE(strstr(fb_book_errmsg(L), "from 0.0000% to 100.0000%, not 120.0000%") != NULL);
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "provision_coverage_floor", 1000000));
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "provision_substandard", 300000));
    eod("2025-06-30");
    s = position("ls");
    n = position("ln");
    m = position("lm");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, s.loan_class);
    want = rate(s.principal_fen, 300000) + rate(m.principal_fen, 20000) +
           rate(n.principal_fen, 15000) + rate(s.principal_fen, 15000) +
           rate(m.principal_fen, 15000);
    EXPECT_EQ_INT(-want, balance("gl:provision:technology"));
    verify_ok();
    /* A write-off uses the provision, raised first by what it lacks: never in debit. */
    EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("ls", FB_CLASS_LOSS, false, NULL));
    fb_repayment w;
    memset(&w, 0, sizeof w);
    snprintf(w.loan, sizeof w.loan, "ls");
    fb_repay_result res;
    EXPECT_EQ_INT(FB_OK, fb_loan_write_off(L, &w, &res));
    EXPECT_EQ_INT(FB_REPAY_DONE, res);
    EXPECT_TRUE(balance("gl:provision:technology") <= 0);
    EXPECT_EQ_INT(-(want - s.principal_fen > 0 ? want - s.principal_fen : 0),
                  balance("gl:provision:technology"));
    verify_ok();
    /* A recovery credits it back. */
    int64_t before = balance("gl:provision:technology");
    fund("s", 1000000);
    fb_repayment v;
    memset(&v, 0, sizeof v);
    snprintf(v.loan, sizeof v.loan, "ls");
    v.amount_fen = 1000000;
    EXPECT_EQ_INT(FB_OK, fb_loan_recover(L, &v, &res));
    EXPECT_EQ_INT(FB_REPAY_DONE, res);
    EXPECT_EQ_INT(before - 1000000, balance("gl:provision:technology"));
    verify_ok();
    fb_book_close(L);
}

/* ---- Extension, restructuring, renewal ------------------------------------------------------ */

static void extensions_are_within_the_limits_of_the_term(void) {
    open_book();
    party("p1", 1, false);
    party("late", 2, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    facility("fl", "late", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("short", "f1", 1000000, 45000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-10");
    loan("medium", "f1", 3600000, 45000, 0, 36, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("long", "f1", 12000000, 45000, 0, 120, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    loan("bullet", "fl", 1000000, 45000, 0, 1, FB_METHOD_BULLET, "2025-01-10");
    fund("p1", 10000000);
    drain("late"); /* its bullet loan matures on 2025-02-10 unpaid */
    eod("2025-03-01");
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_EXCEEDS_EXTENSION_LIMIT,
                  change("short", FB_CHANGE_EXTENSION, 13, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_TRUE(strstr(c.message, "at most its original term: 12 months") != NULL);
    EXPECT_EQ_INT(FB_CHANGE_EXCEEDS_EXTENSION_LIMIT,
                  change("medium", FB_CHANGE_EXTENSION, 19, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_TRUE(strstr(c.message, "medium-term loan may be at most half its term: 18 months") !=
                NULL);
    EXPECT_EQ_INT(FB_CHANGE_EXCEEDS_EXTENSION_LIMIT,
                  change("long", FB_CHANGE_EXTENSION, 37, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_TRUE(strstr(c.message, "at most three years: 36 months") != NULL);
    EXPECT_EQ_INT(FB_CHANGE_AT_OR_AFTER_MATURITY,
                  change("bullet", FB_CHANGE_EXTENSION, 1, FB_DIFFICULTY_NONE, false, &c));
    /* In all: 12 and 6 of the medium-term loan's 18, then not one more. */
    int32_t maturity = 0;
    fb_loan l;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, "medium", &l));
    maturity = l.maturity_date;
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("medium", FB_CHANGE_EXTENSION, 12, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_EQ_INT(maturity, c.maturity_before);
    EXPECT_EQ_INT(fb_date_add_months(maturity, 12, 10), c.maturity_after);
    EXPECT_TRUE(!c.restructured);
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("medium", FB_CHANGE_EXTENSION, 6, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_EQ_INT(FB_CHANGE_EXCEEDS_EXTENSION_LIMIT,
                  change("medium", FB_CHANGE_EXTENSION, 1, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_TRUE(strstr(c.message, "18 extended already") != NULL);
    EXPECT_EQ_INT(18, position("medium").extended_months);
    /* For a debtor in difficulty an extension is a restructuring (第十七条, 第十九条). */
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("short", FB_CHANGE_EXTENSION, 6, FB_DIFFICULTY_CASH_SHORTFALL, false, &c));
    EXPECT_TRUE(c.restructured);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, c.class_after);
    verify_ok();
    eod("2027-12-31");
    verify_ok();
    fb_book_close(L);
}

static void a_restructured_loan_is_observed(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("r1", "f1", 12000000, 45000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("lpr", "f1", 12000000, 0, 20, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("done", "f1", 1000000, 45000, 0, 1, FB_METHOD_BULLET, "2025-01-10");
    fund("p1", 2000000);
    eod("2025-02-15");
    drain("p1");
    eod("2025-04-20"); /* r1: 2025-03-10's installment unpaid, 41 days: special mention */
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("r1").loan_class);
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_LOAN_CLOSED,
                  change("done", FB_CHANGE_RESTRUCTURING, 12, FB_DIFFICULTY_OVERDUE, false, &c));
    EXPECT_TRUE(strstr(c.message, "the loan is settled") == c.message);
    /* New terms with interest capitalised: principal grows, as does what the facility lends. */
    fb_loan_position before = position("r1");
    int64_t available = balance("fac:f1:available");
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("r1", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, true, &c));
    fb_loan_position after = position("r1");
    EXPECT_TRUE(c.capitalised_fen > before.interest_overdue_fen);
    EXPECT_EQ_INT(before.principal_fen + c.capitalised_fen, after.principal_fen);
    EXPECT_EQ_INT(c.capitalised_fen, after.capitalised_fen);
    EXPECT_EQ_INT(available + c.capitalised_fen, balance("fac:f1:available"));
    /* ... under its own code (708), not a lowered limit's (705): docs/accounts.md. */
    fb_transfer cpd;
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_transfer(fb_book_ledger(L), "cpd:r1:1", &cpd));
    EXPECT_EQ_INT(708, cpd.code);
    EXPECT_EQ_STR("fac:f1:drawn", cpd.credit_account_id);
    EXPECT_EQ_INT(c.capitalised_fen, cpd.amount_fen);
    EXPECT_EQ_INT(0, after.interest_overdue_fen);
    EXPECT_EQ_INT(0, after.days_past_due);
    EXPECT_TRUE(after.restructured);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, after.loan_class);
    /* Observed from the first repayment date under the new terms for at least a year. */
    EXPECT_TRUE(after.observation_end >= fb_date_add_months(after.observation_start, 12, 1) - 3);
    EXPECT_EQ_INT(FB_CLASSIFY_BELOW_FLOOR, classify("r1", FB_CLASS_NORMAL, false, NULL));
    verify_ok();
    /* An LPR loan keeps its spread. */
    fb_loan_change d;
    memset(&d, 0, sizeof d);
    snprintf(d.loan, sizeof d.loan, "lpr");
    d.kind = FB_CHANGE_RESTRUCTURING;
    d.months = 12;
    d.method = -1;
    d.rate_e6 = 30000;
    d.difficulty = FB_DIFFICULTY_OVERDUE;
    snprintf(d.note, sizeof d.note, "x");
    fb_change_result res = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &d, &res));
    EXPECT_EQ_INT(FB_CHANGE_LPR_RATE, res);
    /* A payment missed in the observation period: at least substandard, observed again. */
    int32_t end = after.observation_end;
    eod("2025-07-01");
    fb_loan_position missed = position("r1");
    EXPECT_TRUE(missed.days_past_due > 0);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, missed.loan_class);
    EXPECT_TRUE(missed.observation_end >= end); /* from the day of the miss: 第二十条 */
    EXPECT_EQ_INT(FB_REASON_OBSERVATION_MISSED, last_entry("r1", NULL).reason);
    /* Non-accrual now: interest off the balance sheet is not capitalised. */
    EXPECT_EQ_INT(FB_CHANGE_OFF_BALANCE,
                  change("r1", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, true, &c));
    /* Restructured again within the period: at least doubtful (the 2019 draft's 第二十二条). */
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("r1", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, false, &c));
    EXPECT_EQ_INT(FB_CLASS_DOUBTFUL, c.class_after);
    verify_ok();
    fb_book_close(L);
}

static void a_small_borrower_renews_and_a_refinanced_loan_is_special_mention(void) {
    open_book();
    party("micro", 1, false);
    party("large", 2, true);
    facility("fm", "micro", FB_LINE_TECHNOLOGY, 900000000, true);
    facility("fl", "large", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("m1", "fm", 5000000, 45000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-10");
    loan("m2", "fm", 5000000, 45000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-10");
    loan("l1", "fl", 5000000, 45000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-10");
    fund("micro", 5000000);
    fund("large", 5000000);
    eod("2025-12-20");
    fb_loan_change c;
    EXPECT_EQ_INT(FB_CHANGE_NOT_ELIGIBLE,
                  change("l1", FB_CHANGE_RENEWAL, 12, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_TRUE(strstr(c.message, "small and micro") != NULL);
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("m1", FB_CHANGE_RENEWAL, 12, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_EQ_INT(FB_CLASS_NORMAL, c.class_after); /* 不因续贷单独下调风险分类 */
    EXPECT_TRUE(c.maturity_after > c.maturity_before);
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("m2", FB_CHANGE_REFINANCING, 12, FB_DIFFICULTY_NONE, false, &c));
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, c.class_after);
    verify_ok();
    /* A loan with something overdue is not renewed. */
    drain("micro");
    eod("2026-01-25");
    EXPECT_EQ_INT(FB_CHANGE_OVERDUE,
                  change("m1", FB_CHANGE_RENEWAL, 12, FB_DIFFICULTY_NONE, false, &c));
    verify_ok();
    fb_book_close(L);
}

/* ---- An officer's classes, and the history ----------------------------------------------- */

static void an_officer_downgrades_with_a_reason_and_the_history_says_who(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("l1", "f1", 12000000, 45000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("p1", 20000000);
    eod("2025-02-15");
    fb_classification c;
    EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("l1", FB_CLASS_DOUBTFUL, false, &c));
    EXPECT_EQ_INT(FB_CLASS_NORMAL, c.from);
    fb_loan_position p = position("l1");
    EXPECT_EQ_INT(FB_CLASS_DOUBTFUL, p.loan_class);
    EXPECT_EQ_INT(FB_CLASS_DOUBTFUL, p.manual_floor);
    EXPECT_TRUE(p.nonaccrual);
    EXPECT_EQ_INT(p.principal_fen, balance("gl:npl:technology"));
    size_t n = 0;
    fb_class_entry e = last_entry("l1", &n);
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(FB_REASON_OFFICER, e.reason);
    EXPECT_EQ_STR("officer-1", e.actor);
    EXPECT_EQ_STR("credit committee finding", e.note);
    EXPECT_EQ_INT(day("2025-02-16"), e.date);
    /* End of day keeps the officer's class; the same class again is unchanged. */
    eod("2025-03-31");
    EXPECT_EQ_INT(FB_CLASS_DOUBTFUL, position("l1").loan_class);
    EXPECT_EQ_INT(FB_CLASSIFY_UNCHANGED, classify("l1", FB_CLASS_DOUBTFUL, false, NULL));
    EXPECT_EQ_INT(FB_CLASSIFY_NOT_RESTRUCTURED, classify("l1", FB_CLASS_DOUBTFUL, true, NULL));
    /* Within the non-performing classes it may rise; out of them, only as the rules allow. */
    EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("l1", FB_CLASS_SUBSTANDARD, false, NULL));
    EXPECT_EQ_INT(FB_CLASSIFY_UPGRADE_REFUSED, classify("l1", FB_CLASS_NORMAL, false, &c));
    EXPECT_TRUE(c.message[0] != 0);
    last_entry("l1", &n);
    EXPECT_EQ_INT(2, n);
    verify_ok();
    fb_book_close(L);
}

/* ---- The migration matrix and the quality report, against the loans themselves ------------ */

#define LOANS 12
static void the_matrix_and_the_quality_are_the_loans(void) {
    open_book();
    char id[16], fac[16], who[16];
    for (int i = 0; i < LOANS; i++) {
        snprintf(who, sizeof who, "p%d", i);
        snprintf(fac, sizeof fac, "f%d", i);
        snprintf(id, sizeof id, "l%d", i);
        party(who, 10 + i, false);
        facility(fac, who, (fb_line)(i % FB_LINE_COUNT_), 900000000, true);
        loan(id, fac, 1000000 * (i + 1), 45000, 0, 6 + i, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
        if (i % 3) drain(who);
        if (i % 3 == 0) fund(who, 20000000);
    }
    eod("2025-03-31");
    /* The classes and principals at the start, read loan by loan. */
    int from_class[LOANS];
    for (int i = 0; i < LOANS; i++) {
        snprintf(id, sizeof id, "l%d", i);
        from_class[i] = (int)position(id).loan_class;
        snprintf(who, sizeof who, "p%d", i);
        if (i % 4 == 1) { /* some repay all and settle */
            fund(who, 40000000);
            EXPECT_EQ_INT(FB_REPAY_DONE, repay(id, 40000000, FB_PREPAY_REDUCE_TERM, NULL));
        }
    }
    eod("2025-06-30");
    static fb_migration mig;
    EXPECT_EQ_INT(FB_OK, fb_report_migration(L, day("2025-03-31"), day("2025-06-30"), &mig));
    fb_class_move want[FB_CLASS_COUNT_][FB_CLASS_COUNT_];
    memset(want, 0, sizeof want);
    int64_t left[FB_CLASS_COUNT_] = {0};
    for (int i = 0; i < LOANS; i++) {
        snprintf(id, sizeof id, "l%d", i);
        fb_loan_position p = position(id);
        if (p.status != FB_LOAN_ACTIVE) {
            left[from_class[i]]++;
            continue;
        }
        want[from_class[i]][p.loan_class].loans++;
        want[from_class[i]][p.loan_class].balance_fen += p.principal_fen;
    }
    for (int i = 0; i < FB_CLASS_COUNT_; i++) {
        EXPECT_EQ_INT(left[i], mig.left_loans[i]);
        for (int j = 0; j < FB_CLASS_COUNT_; j++) {
            EXPECT_EQ_INT(want[i][j].loans, mig.cells[i][j].loans);
            EXPECT_EQ_INT(want[i][j].balance_fen, mig.cells[i][j].balance_fen);
        }
    }
    /* The quality of the last day closed, by class and by age of arrears. */
    fb_quality_report q;
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, 0, 0, false, &q));
    fb_quality_figures cls[FB_CLASS_COUNT_], age[FB_QUALITY_BUCKETS];
    memset(cls, 0, sizeof cls);
    memset(age, 0, sizeof age);
    for (int i = 0; i < LOANS; i++) {
        snprintf(id, sizeof id, "l%d", i);
        fb_loan_position p = position(id);
        if (p.status != FB_LOAN_ACTIVE) continue;
        cls[p.loan_class].loans++;
        cls[p.loan_class].balance_fen += p.principal_fen;
        cls[p.loan_class].offbal_interest_fen += p.offbal_interest_fen;
        int64_t d = p.days_past_due;
        int b = d <= 0 ? -1 : d <= 30 ? 0 : d <= 90 ? 1 : d <= 180 ? 2 : d <= 360 ? 3 : 4;
        if (b >= 0) {
            age[b].loans++;
            age[b].balance_fen += p.principal_fen;
            age[b].overdue_fen += p.principal_overdue_fen;
        }
    }
    for (int c = 0; c < FB_CLASS_COUNT_; c++) {
        EXPECT_EQ_INT(cls[c].loans, q.classes[c].loans);
        EXPECT_EQ_INT(cls[c].balance_fen, q.classes[c].balance_fen);
        EXPECT_EQ_INT(cls[c].offbal_interest_fen, q.classes[c].offbal_interest_fen);
    }
    for (int b = 0; b < FB_QUALITY_BUCKETS; b++) {
        EXPECT_EQ_INT(age[b].loans, q.buckets[b].loans);
        EXPECT_EQ_INT(age[b].balance_fen, q.buckets[b].balance_fen);
        EXPECT_EQ_INT(age[b].overdue_fen, q.buckets[b].overdue_fen);
    }
    EXPECT_EQ_INT(day("2025-06-30"), q.provision_date);
    /* A month-end's copy, and refusals: a day neither kept nor closed. */
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, day("2025-03-31"), 0, false, &q));
    EXPECT_EQ_INT(FB_EINVAL, fb_report_quality(L, day("2025-04-15"), 0, false, &q));
    EXPECT_EQ_INT(FB_EINVAL, fb_report_quality(L, day("2025-07-15"), 0, false, &q));
    verify_ok();
    /* verify sees a memo account that does not match its loans, and provisions off their rule. */
    fb_book_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE loan_state SET oi_due = oi_due + 1 WHERE"
                                          " nonaccrual = 1 AND loan = (SELECT MIN(loan) FROM"
                                          " loan_state WHERE nonaccrual = 1);"
                                          "DROP TRIGGER provisions_no_update;"
                                          "UPDATE provisions SET specific = specific + 1 WHERE"
                                          " date = (SELECT MAX(date) FROM provisions) AND cell ="
                                          " (SELECT MIN(cell) FROM provisions)",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    char e[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, e, sizeof e));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_TRUE(failures >= 3);
    fb_book_close(L);
}

/* ---- The property test ----------------------------------------------------------------------- */

/* Years of random loans, borrowers that pay, stop and pay again, officers, restructurings and
 * extensions. After every day: no loan rose out of the non-performing classes unless its
 * arrears were repaid two installments and six months before (nor during an observation
 * period); each line's income and off-balance interest are what its loans accrued. At every
 * month-end: the provisions are the rates times the classes. verify holds throughout. */
#define PLOANS 24
#define PPARTIES 8
static void random_years_keep_the_rules(void) {
    const char *seed_text = getenv("FB_SEED");
    uint64_t seed = seed_text ? strtoull(seed_text, NULL, 10) : (uint64_t)time(NULL);
    rng_state = seed;
    printf("  seed %llu (FB_SEED replays it)\n", (unsigned long long)seed);
    open_book();
    char id[16], fac[16], who[16];
    for (int p = 0; p < PPARTIES; p++) {
        snprintf(who, sizeof who, "rp%d", p);
        snprintf(fac, sizeof fac, "rf%d", p);
        party(who, 200 + p, p == 0);
        facility(fac, who, (fb_line)(p % FB_LINE_COUNT_), 900000000, true);
    }
    for (int i = 0; i < PLOANS; i++) {
        snprintf(id, sizeof id, "rl%d", i);
        snprintf(fac, sizeof fac, "rf%d", i % PPARTIES);
        loan(id, fac, 500000 + (int64_t)rnd(20000000), 30000 + (int64_t)rnd(40000), 0,
             3 + (int)rnd(36), (fb_method)rnd(FB_METHOD_COUNT_), "2025-01-10");
    }
    int prev[PLOANS];
    int32_t clear[PLOANS], since_n[PLOANS];
    for (int i = 0; i < PLOANS; i++)
        prev[i] = FB_CLASS_NORMAL, clear[i] = day("2025-01-10"), since_n[i] = 1;
    int rises = 0, months = 0, changes = 0;
    int32_t d0 = day("2025-01-10");
    /* A borrower pays each month for a while (about 400 days), then stops (about 150). */
    bool paying[PPARTIES];
    for (int p = 0; p < PPARTIES; p++)
        paying[p] = true;
    for (int32_t d = d0; d < d0 + 3 * 365 && !test_current_failures; d++) {
        for (int p = 0; p < PPARTIES; p++) {
            snprintf(who, sizeof who, "rp%d", p);
            if (paying[p] && rnd(400) == 0) paying[p] = false, drain(who);
            if (!paying[p] && rnd(150) == 0) paying[p] = true;
            int y = 0, m = 0, dd = 0;
            fb_date_to_ymd(d, &y, &m, &dd);
            if (paying[p] && dd == 5) fund(who, 4000000 + (int64_t)rnd(4000000));
        }
        uint64_t act = rnd(60);
        snprintf(id, sizeof id, "rl%d", (int)rnd(PLOANS));
        if (act == 9 && d > d0) changes += classify(id, (fb_loan_class)rnd(5), false, NULL) == 0;
        if (act == 10 && d > d0) {
            fb_change_kind k = (fb_change_kind)rnd(FB_CHANGE_KIND_COUNT_);
            fb_difficulty why = rnd(2) ? FB_DIFFICULTY_OVERDUE : FB_DIFFICULTY_NONE;
            if (k == FB_CHANGE_RESTRUCTURING) why = FB_DIFFICULTY_CASH_SHORTFALL;
            changes += change(id, k, 1 + (int)rnd(12), why, false, NULL) == FB_CHANGE_DONE;
        }
        char date[11];
        int32_t closed = 0;
        fb_date_format(d, date);
        EXPECT_EQ_INT(FB_OK,
                      fb_eod_run(L, d, &(fb_eod_options){FB_EOD_DAYS_MAX, 0, 0, 0}, &closed));
        int64_t income[FB_LINE_COUNT_] = {0}, accrued[FB_LINE_COUNT_] = {0};
        for (int i = 0; i < PLOANS; i++) {
            snprintf(id, sizeof id, "rl%d", i);
            fb_loan_position p = position(id);
            fb_loan l;
            EXPECT_EQ_INT(FB_OK, fb_loan_get(L, id, &l));
            accrued[l.line] += accrued_interest(id);
            if (p.status != FB_LOAN_ACTIVE) continue;
            /* The conditions a non-performing loan rises on, as the test sees the loan. */
            bool clean = p.days_past_due == 0 && p.penalty_fen == 0;
            if (!clean || prev[i] < FB_CLASS_SUBSTANDARD) clear[i] = 0, since_n[i] = 0;
            if (clean && prev[i] >= FB_CLASS_SUBSTANDARD && !clear[i]) {
                clear[i] = d;
                since_n[i] = p.installment;
            }
            if (prev[i] >= FB_CLASS_SUBSTANDARD && p.loan_class < FB_CLASS_SUBSTANDARD) {
                rises++;
                fb_class_entry e = last_entry(id, NULL);
                {
                    int y = 0, m = 0, dd = 0;
                    fb_date_to_ymd(clear[i], &y, &m, &dd);
                    EXPECT_EQ_INT(FB_REASON_UPGRADE, e.reason);
                    EXPECT_TRUE(clear[i] != 0);
                    EXPECT_TRUE(d + 1 >= fb_date_add_months(clear[i], 6, dd));
                    EXPECT_TRUE(p.installment - since_n[i] >= 2);
                }
                EXPECT_TRUE(!p.restructured);
            }
            prev[i] = (int)p.loan_class;
        }
        for (int line = 0; line < FB_LINE_COUNT_; line++) {
            char a[64], b[64];
            snprintf(a, sizeof a, "gl:interest_income:%s", fb_line_name((fb_line)line));
            snprintf(b, sizeof b, "gl:offbal_interest:%s", fb_line_name((fb_line)line));
            income[line] = -balance(a) + balance(b);
            EXPECT_EQ_INT(accrued[line], income[line]);
        }
        if (fb__month_end_test(d)) {
            months++;
            fb_quality_report q;
            EXPECT_EQ_INT(FB_OK, fb_report_quality(L, d, 0, false, &q));
            static const char *const keys[FB_CLASS_COUNT_] = {
                NULL, "provision_special_mention", "provision_substandard", "provision_doubtful",
                "provision_loss"};
            for (int c = 0; c < FB_CLASS_COUNT_; c++) {
                int64_t r = 0, g = 0;
                if (keys[c]) EXPECT_EQ_INT(FB_OK, fb_setting_get(L, keys[c], &r));
                EXPECT_EQ_INT(FB_OK, fb_setting_get(L, "provision_general", &g));
                /* Rounded half up by cell: within a fen a loan of the exact product. */
                int64_t exact = rate(q.classes[c].balance_fen, r + g);
                int64_t gap = q.classes[c].provision_fen - exact;
                EXPECT_TRUE(gap <= q.classes[c].loans && gap >= -q.classes[c].loans);
            }
            verify_ok();
        }
    }
    printf("  %d non-performing loans rose, %d month-ends, %d changes and classes (seed %llu)\n",
           rises, months, changes, (unsigned long long)seed);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    RUN(an_npl_ratio_ceiling_is_a_percent);
    RUN(a_non_performing_loan_keeps_its_class_until_the_conditions_hold);
    RUN(retail_debtors_are_classified_loan_by_loan);
    RUN(a_settled_loan_has_no_class);
    RUN(interest_goes_off_the_balance_sheet_past_90_days);
    RUN(a_payoff_shows_what_it_prepaid);
    RUN(a_green_item_is_an_item_of_the_catalogue);
    RUN(provisions_follow_the_classes_at_month_end);
    RUN(extensions_are_within_the_limits_of_the_term);
    RUN(a_restructured_loan_is_observed);
    RUN(a_small_borrower_renews_and_a_refinanced_loan_is_special_mention);
    RUN(an_officer_downgrades_with_a_reason_and_the_history_says_who);
    RUN(the_matrix_and_the_quality_are_the_loans);
    RUN(random_years_keep_the_rules);
    return test_summary();
}
