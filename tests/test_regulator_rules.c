/* test_regulator_rules.c — the rules of the regulator's book the first tests did not reach
 * (docs/accounts.md, "Classification, non-accrual, provisions" and "Restructuring, extension and
 * renewal" cite each), through the library, one rule a test:
 *   - 贷款通则 第十二条: an extension of a guaranteed loan needs the guarantor's written consent;
 *   - provisions by city and by line against figures computed from each loan, and the quality
 *     report counting restructured loans apart;
 *   - 金融资产风险分类办法 (2023): the technical short overdue (7天内) as a setting; the cross-bank
 *     floors from a debtor's credit report (征信); 第七条's exception to the 10% rule for a loan
 *     guaranteed in full. */
#include <sqlite3.h>

#include "book.h"
#include "core/classify.h"
#include "regulator.h"
#include "wire/view_json.h"

static int64_t rate(int64_t fen, int64_t e6) { return (fen * e6 + 500000) / 1000000; }

/* A field of the loan as `loans get` shows it (NULL when it is not there). */
static json_t *view_field(const char *id, const char *name) {
    static json_t *last = NULL;
    json_decref(last);
    fb_loan x;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, id, &x));
    last = fb_json_loan_view(L, &x);
    return json_object_get(last, name);
}

/* 贷款通则 第十二条: "申请保证贷款…展期的，还应当由保证人…出具同意的书面证明". An extension of a
 * guaranteed loan is refused without the guarantor's consent, with another party's, or with one
 * dated after the extension; with it, done and kept in the loan's changes. A loan without a
 * guarantee extends without one. */
static void an_extension_of_a_guaranteed_loan_needs_the_guarantors_consent(void) {
    open_book();
    party("p1", 1, false);
    party("gc", 2, true); /* the guarantee company */
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("g1", "f1", 3600000, 45000, 0, 36, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("plain", "f1", 1000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("p1", 10000000);
    eod("2025-03-01");
    fb_guarantee g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "G1");
    snprintf(g.loan, sizeof g.loan, "g1");
    snprintf(g.company, sizeof g.company, "gc");
    fb_guarantee_result gr;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &gr));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, gr);
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "g1");
    c.kind = FB_CHANGE_EXTENSION;
    c.months = 6;
    c.method = -1;
    snprintf(c.actor, sizeof c.actor, "officer-1");
    fb_change_result r = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    EXPECT_EQ_INT(FB_CHANGE_NO_GUARANTOR_CONSENT, r);
    EXPECT_TRUE(strstr(c.message, "guarantor's written consent") != NULL);
    EXPECT_TRUE(strstr(c.message, "贷款通则 第十二条") != NULL);
    EXPECT_TRUE(strstr(c.message, "consent_by gc, consent_date on or before 2025-03-02") != NULL);
    EXPECT_EQ_INT(0, position("g1").extended_months);
    /* Another party's consent is not the guarantor's. */
    snprintf(c.consent_by, sizeof c.consent_by, "p1");
    c.consent_date = day("2025-03-01");
    snprintf(c.consent_ref, sizeof c.consent_ref, "担保函〔2025〕7号");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_change_check(&c, &field, reason, sizeof reason));
    c.message[0] = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    EXPECT_EQ_INT(FB_CHANGE_NO_GUARANTOR_CONSENT, r);
    EXPECT_TRUE(strstr(c.message, "guaranteed by gc, not p1") != NULL);
    /* The guarantor's, dated the day after the extension: refused by its date. */
    snprintf(c.consent_by, sizeof c.consent_by, "gc");
    c.consent_date = day("2025-03-03");
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    EXPECT_EQ_INT(FB_CHANGE_NO_GUARANTOR_CONSENT, r);
    EXPECT_TRUE(strstr(c.message, "dated 2025-03-03, after the extension's date 2025-03-02") !=
                NULL);
    /* Dated the extension's day: done, and the loan's changes keep who, when and the document. */
    c.consent_date = day("2025-03-02");
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    EXPECT_EQ_INT(FB_CHANGE_DONE, r);
    EXPECT_EQ_INT(6, position("g1").extended_months);
    fb_loan_change *v = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_changes(L, "g1", &v, &n));
    EXPECT_EQ_INT(1, (int)n);
    if (n == 1) {
        EXPECT_EQ_STR("gc", v[0].consent_by);
        EXPECT_EQ_INT(day("2025-03-02"), v[0].consent_date);
        EXPECT_EQ_STR("担保函〔2025〕7号", v[0].consent_ref);
    }
    free(v);
    /* Half of either of the three without the others is refused by the field missing. */
    fb_loan_change half = c;
    half.consent_ref[0] = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_change_check(&half, &field, reason, sizeof reason));
    EXPECT_EQ_STR("consent_ref", field);
    half = c;
    half.consent_date = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_change_check(&half, &field, reason, sizeof reason));
    EXPECT_EQ_STR("consent_date", field);
    half.kind = FB_CHANGE_RESTRUCTURING;
    half.consent_date = c.consent_date;
    half.difficulty = FB_DIFFICULTY_CASH_SHORTFALL;
    snprintf(half.note, sizeof half.note, "test");
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_change_check(&half, &field, reason, sizeof reason));
    EXPECT_EQ_STR("consent_by", field);
    /* A loan without a guarantee extends without a consent. */
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("plain", FB_CHANGE_EXTENSION, 3, FB_DIFFICULTY_NONE, false, &c));
    verify_ok();
    fb_book_close(L);
}

/* An enterprise of Shenyang (沈阳市和平区), micro: another city than party()'s Dalian. */
static void shenyang_party(const char *id, int serial) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91210100MA0C%05d", serial % 100000);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = 210102;
    p.industry = 3670;
    p.figures = (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

static const fb_provision_row *row_of(const fb_provision_report *r, int32_t city, int line) {
    for (size_t i = 0; i < r->n; i++)
        if (r->rows[i].city == city && r->rows[i].line == line) return &r->rows[i];
    return NULL;
}

/* The provisions by city and by line against figures computed here from each loan's class and
 * principal (specific 2% special mention, 25% substandard; general 1.5% of every loan), and the
 * quality report counting the restructured loan apart. Dalian: a, restructured (special
 * mention), technology. Shenyang: b (green) and c (technology), never paid: substandard. */
static void provisions_by_city_and_line_and_restructured_loans_apart(void) {
    open_book();
    party("dl", 1, false);
    shenyang_party("sy", 2);
    facility("fa", "dl", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("fb", "sy", FB_LINE_GREEN, 100000000, true);
    facility("fc", "sy", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("a", "fa", 10000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("b", "fb", 6000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("c", "fc", 4000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("dl", 20000000);
    drain("sy");
    eod("2025-03-01");
    fb_loan_change ch;
    EXPECT_EQ_INT(FB_CHANGE_DONE, change("a", FB_CHANGE_RESTRUCTURING, 12,
                                         FB_DIFFICULTY_CASH_SHORTFALL, false, &ch));
    eod("2025-05-31");
    fb_loan_position a = position("a"), b = position("b"), c = position("c");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, a.loan_class);
    EXPECT_TRUE(a.restructured);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, b.loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, c.loan_class);
    int64_t pa = rate(a.principal_fen, 20000) + rate(a.principal_fen, 15000);
    int64_t pb = rate(b.principal_fen, 250000) + rate(b.principal_fen, 15000);
    int64_t pc = rate(c.principal_fen, 250000) + rate(c.principal_fen, 15000);
    /* By city: Dalian (210200) a; Shenyang (210100) b and c. */
    fb_provision_report r;
    EXPECT_EQ_INT(FB_OK, fb_report_provisions(L, 0, FB_BY_CITY, 0, false, &r));
    EXPECT_EQ_INT(2, (int)r.n);
    const fb_provision_row *dl = NULL, *sy = NULL;
    for (size_t i = 0; i < r.n; i++) {
        if (r.rows[i].city == 210200) dl = &r.rows[i];
        if (r.rows[i].city == 210100) sy = &r.rows[i];
    }
    EXPECT_TRUE(dl != NULL && sy != NULL);
    if (dl && sy) {
        EXPECT_EQ_INT(a.principal_fen, dl->balance_fen);
        EXPECT_EQ_INT(0, dl->npl_fen);
        EXPECT_EQ_INT(rate(a.principal_fen, 20000), dl->specific_fen);
        EXPECT_EQ_INT(rate(a.principal_fen, 15000), dl->general_fen);
        EXPECT_EQ_INT(pa, dl->provision_fen);
        EXPECT_EQ_INT(-1, dl->coverage_e6); /* no non-performing loan: no base */
        EXPECT_EQ_INT(fb__ratio_e6(pa, a.principal_fen), dl->ratio_e6);
        int64_t bc = b.principal_fen + c.principal_fen;
        EXPECT_EQ_INT(bc, sy->balance_fen);
        EXPECT_EQ_INT(bc, sy->npl_fen);
        EXPECT_EQ_INT(pb + pc, sy->provision_fen);
        EXPECT_EQ_INT(fb__ratio_e6(pb + pc, bc), sy->coverage_e6);
        EXPECT_EQ_INT(fb__ratio_e6(pb + pc, bc), sy->ratio_e6);
        int64_t need = rate(bc, 1500000) > rate(bc, 25000) ? rate(bc, 1500000) : rate(bc, 25000);
        EXPECT_EQ_INT(need, sy->required_fen);
        EXPECT_EQ_INT(need - (pb + pc), sy->shortfall_fen);
    }
    EXPECT_EQ_INT(pa + pb + pc, r.total.provision_fen);
    free(r.rows);
    /* By line: technology a and c, green b; by both: three rows. */
    EXPECT_EQ_INT(FB_OK, fb_report_provisions(L, 0, FB_BY_LINE, 0, false, &r));
    EXPECT_EQ_INT(2, (int)r.n);
    const fb_provision_row *tech = NULL, *green = NULL;
    for (size_t i = 0; i < r.n; i++) {
        if (r.rows[i].line == FB_LINE_TECHNOLOGY) tech = &r.rows[i];
        if (r.rows[i].line == FB_LINE_GREEN) green = &r.rows[i];
    }
    EXPECT_TRUE(tech != NULL && green != NULL);
    if (tech && green) {
        EXPECT_EQ_INT(a.principal_fen + c.principal_fen, tech->balance_fen);
        EXPECT_EQ_INT(c.principal_fen, tech->npl_fen);
        EXPECT_EQ_INT(pa + pc, tech->provision_fen);
        EXPECT_EQ_INT(fb__ratio_e6(pa + pc, c.principal_fen), tech->coverage_e6);
        EXPECT_EQ_INT(fb__ratio_e6(pa + pc, a.principal_fen + c.principal_fen), tech->ratio_e6);
        EXPECT_EQ_INT(pb, green->provision_fen);
        EXPECT_EQ_INT(b.principal_fen, green->npl_fen);
    }
    EXPECT_EQ_INT(-(pa + pc), balance("gl:provision:technology"));
    EXPECT_EQ_INT(-pb, balance("gl:provision:green"));
    free(r.rows);
    EXPECT_EQ_INT(FB_OK, fb_report_provisions(L, 0, FB_BY_LINE | FB_BY_CITY, 0, false, &r));
    EXPECT_EQ_INT(3, (int)r.n);
    const fb_provision_row *syt = row_of(&r, 210100, FB_LINE_TECHNOLOGY);
    EXPECT_TRUE(syt != NULL);
    if (syt) EXPECT_EQ_INT(pc, syt->provision_fen);
    free(r.rows);
    /* The quality report counts the restructured loan apart, in its class and in the total. */
    fb_quality_report q;
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, 0, 0, false, &q));
    EXPECT_EQ_INT(1, q.total.restructured_loans);
    EXPECT_EQ_INT(a.principal_fen, q.total.restructured_fen);
    EXPECT_EQ_INT(1, q.classes[FB_CLASS_SPECIAL_MENTION].restructured_loans);
    EXPECT_EQ_INT(a.principal_fen, q.classes[FB_CLASS_SPECIAL_MENTION].restructured_fen);
    EXPECT_EQ_INT(0, q.classes[FB_CLASS_SUBSTANDARD].restructured_loans);
    EXPECT_EQ_INT(2, q.classes[FB_CLASS_SUBSTANDARD].loans);
    json_t *j = fb_json_encode_quality(&q);
    EXPECT_EQ_INT(
        1, json_integer_value(json_object_get(json_object_get(j, "total"), "restructured_loans")));
    json_decref(j);
    verify_ok();
    fb_book_close(L);
}

/* The 2023 rule's 关注 list: "本金、利息或收益逾期，操作性或技术性原因导致的短期逾期除外（7天内）".
 * With technical_overdue_days 3, an installment due 2025-02-10 and unpaid leaves the loan normal
 * at 3 days past due (the close of 02-12) and special mention at 4 (02-13); beyond 7 days the
 * setting is refused. */
static void a_technical_short_overdue_stays_normal_within_the_setting(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("t", "f1", 1200000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    drain("p1");
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "technical_overdue_days", 8));
    EXPECT_TRUE(strstr(fb_book_errmsg(L), "technical_overdue_days") != NULL);
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "technical_overdue_days", 3));
    eod("2025-02-12");
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("t").loan_class);
    EXPECT_TRUE(position("t").technical_overdue); /* `loans get` says why it is normal */
    EXPECT_TRUE(json_is_true(view_field("t", "technical_overdue")));
    verify_ok();
    eod("2025-02-13");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("t").loan_class);
    EXPECT_TRUE(!position("t").technical_overdue);
    EXPECT_TRUE(json_is_false(view_field("t", "technical_overdue")));
    verify_ok();
    fb_book_close(L);
}

/* 贷款通则 第十二条: "中期贷款展期期限累计不得超过原贷款期限的一半…国家另有规定者除外". A 24-month
 * (medium-term) loan extends by at most 12 months in all: 13 is refused with the limit named;
 * under a provision of the State, named with the change, it is done and the provision kept in the
 * loan's changes and shown in its history; a provision is an extension's, not a restructuring's. */
static void an_extension_beyond_the_limit_stands_on_a_provision_of_the_state(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("m", "f1", 2400000, 45000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("p1", 10000000);
    eod("2025-03-01");
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "m");
    c.kind = FB_CHANGE_EXTENSION;
    c.months = 13;
    c.method = -1;
    snprintf(c.actor, sizeof c.actor, "officer-1");
    fb_change_result r = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    EXPECT_EQ_INT(FB_CHANGE_EXCEEDS_EXTENSION_LIMIT, r);
    EXPECT_TRUE(strstr(c.message, "at most half its term: 12 months") != NULL);
    fb_loan_change s = c;
    s.message[0] = 0;
    snprintf(s.state_rule, sizeof s.state_rule, "银发〔2025〕9号");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_change_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &s, &r));
    EXPECT_EQ_INT(FB_CHANGE_DONE, r);
    EXPECT_EQ_INT(13, position("m").extended_months);
    fb_loan_change *v = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_changes(L, "m", &v, &n));
    EXPECT_EQ_INT(1, (int)n);
    if (n == 1) EXPECT_EQ_STR("银发〔2025〕9号", v[0].state_rule);
    free(v);
    json_t *h = NULL;
    EXPECT_EQ_INT(FB_OK, fb_json_loan_history(L, "m", &h));
    char *text = json_dumps(h, JSON_COMPACT);
    EXPECT_TRUE(text && strstr(text, "\"state_rule\":\"银发〔2025〕9号\"") != NULL);
    free(text);
    json_decref(h);
    /* A restructuring stands on the classification rule, not on this. */
    s.kind = FB_CHANGE_RESTRUCTURING;
    s.difficulty = FB_DIFFICULTY_OVERDUE;
    snprintf(s.note, sizeof s.note, "x");
    EXPECT_EQ_INT(FB_EINVAL, fb_loan_change_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("state_rule", field);
    verify_ok();
    fb_book_close(L);
}

/* What `loans get` shows of a loan's classification clocks (both doors encode the loan with
 * fb_json_loan_view): a restructured loan's observation period, its floor in it and whether a
 * payment was missed in it (金融资产风险分类办法 第二十条: "债务人在观察期内没有及时足额还款的，
 * 应从未履约时点开始，重新计算观察期"); a non-performing loan's day its arrears were repaid and
 * the installments paid on time since (欠款结清日, 结清后按期还款期数), its class kept meanwhile.
 */
static void loans_get_shows_the_clocks_of_the_classification(void) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 900000000, true);
    facility("f2", "p2", FB_LINE_TECHNOLOGY, 900000000, true);
    loan("r1", "f1", 12000000, 45000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("n1", "f2", 1200000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("p1", 2000000);
    drain("p2");
    eod("2025-02-15");
    drain("p1");
    eod("2025-04-20");
    EXPECT_TRUE(view_field("r1", "observation_floor") == NULL); /* not restructured */
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("r1", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, true, NULL));
    fb_loan_position p = position("r1");
    char d[11];
    EXPECT_EQ_STR("special_mention", json_string_value(view_field("r1", "observation_floor")));
    EXPECT_TRUE(json_is_false(view_field("r1", "observation_missed")));
    EXPECT_TRUE(json_is_false(view_field("r1", "difficulty_resolved")));
    EXPECT_EQ_STR(fb_date_format(p.observation_end, d),
                  json_string_value(view_field("r1", "observation_until")));
    /* A payment missed in the period: its floor substandard, observed again from then. */
    eod("2025-07-01");
    p = position("r1");
    EXPECT_TRUE(p.observation_missed);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, p.observation_floor);
    EXPECT_EQ_STR("substandard", json_string_value(view_field("r1", "observation_floor")));
    EXPECT_TRUE(json_is_true(view_field("r1", "observation_missed")));
    /* n1, substandard at more than 90 days, repays its arrears on 2025-07-02 (collected at the
     * close): the day is shown, and the class is kept until the periods are paid on time. */
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("n1").loan_class);
    EXPECT_TRUE(view_field("n1", "arrears_repaid") == NULL);
    fund("p2", 2000000);
    eod("2025-07-02");
    p = position("n1");
    EXPECT_EQ_INT(0, p.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, p.loan_class);
    EXPECT_EQ_INT(day("2025-07-02"), p.arrears_repaid);
    EXPECT_EQ_STR("2025-07-02", json_string_value(view_field("n1", "arrears_repaid")));
    EXPECT_EQ_INT(0, json_integer_value(view_field("n1", "paid_on_time")));
    eod("2025-07-11"); /* 2025-07-10's installment collected on time */
    EXPECT_EQ_INT(1, position("n1").paid_on_time);
    eod("2025-08-11"); /* and 2025-08-10's */
    EXPECT_EQ_INT(2, position("n1").paid_on_time);
    EXPECT_EQ_INT(2, json_integer_value(view_field("n1", "paid_on_time")));
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("n1").loan_class); /* 6 months not yet */
    verify_ok();
    fb_book_close(L);
}

/* What verify said, every line of it. */
static char seen_line[4096];
static void keep_line(void *ctx, const char *line) {
    (void)ctx;
    size_t at = strlen(seen_line);
    snprintf(seen_line + at, sizeof seen_line - at, "%s\n", line);
}

static fb_credit_result credit(const char *party, const char *date, int64_t debt, int64_t over,
                               fb_credit_report *out) {
    fb_credit_report c;
    memset(&c, 0, sizeof c);
    snprintf(c.party, sizeof c.party, "%s", party);
    c.date = date ? day(date) : 0;
    c.debt_fen = debt;
    c.overdue90_fen = over;
    snprintf(c.reference, sizeof c.reference, "ZX-%s", date ? date : "today");
    snprintf(c.actor, sizeof c.actor, "officer-1");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_credit_report_check(&c, &field, reason, sizeof reason));
    fb_credit_result r = FB_CREDIT_DONE;
    EXPECT_EQ_INT(FB_OK, fb_credit_report_record(L, &c, &r));
    if (out) *out = c;
    return r;
}

/* The 2023 rule's cross-bank floors for a non-retail debtor, from its credit report: some debt
 * more than 90 days overdue at any bank, at least special mention (关注: 同一非零售债务人在本行或
 * 其他银行的债务出现不良); more than 20% of its debts at all banks so overdue, at least substandard
 * (次级: "超过20%": 20% exactly is not). An individual business is classified loan by loan. */
static void a_debtors_credit_report_gives_the_cross_bank_floors(void) {
    open_book();
    party("e1", 1, false);
    shop("ib", 2);
    facility("fe", "e1", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("fi", "ib", FB_LINE_INCLUSIVE, 100000000, true);
    loan("x", "fe", 12000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("y", "fi", 1200000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    party("e2", 3, false);
    facility("f2", "e2", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("z", "f2", 12000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("e1", 20000000);
    fund("ib", 2000000);
    fund("e2", 20000000);
    eod("2025-03-01");
    /* 20% exactly: not more than the share, but some overdue: special mention. */
    fb_credit_report c;
    EXPECT_EQ_INT(FB_CREDIT_DONE, credit("e1", NULL, 100000000, 20000000, &c));
    EXPECT_EQ_INT(day("2025-03-02"), c.date);
    EXPECT_EQ_INT(200000, c.share_e6);
    EXPECT_EQ_INT(FB_CREDIT_EXISTS, credit("e1", "2025-03-02", 100000000, 20000000, NULL));
    EXPECT_EQ_INT(FB_CREDIT_EXISTS_WITH_DIFFERENT,
                  credit("e1", "2025-03-02", 100000000, 30000000, &c));
    EXPECT_TRUE(strstr(c.message, "kept as entered: debt 1000000.00, overdue90 200000.00") != NULL);
    EXPECT_EQ_INT(FB_CREDIT_AFTER_BUSINESS_DATE, credit("e1", "2025-03-03", 1, 1, &c));
    EXPECT_EQ_INT(day("2025-03-02"), c.against);
    EXPECT_EQ_INT(FB_CREDIT_PARTY_NOT_FOUND, credit("nobody", NULL, 1, 1, NULL));
    EXPECT_EQ_INT(FB_CREDIT_DONE, credit("ib", NULL, 100, 100, NULL)); /* retail: no floor */
    eod("2025-03-02");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("x").loan_class);
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("y").loan_class);
    fb_class_entry *h = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_class_history(L, "x", &h, &n));
    EXPECT_EQ_INT(1, (int)n); /* the first change of its class */
    EXPECT_TRUE(n >= 1 && h[n - 1].reason == FB_REASON_CROSS_BANK);
    EXPECT_TRUE(n >= 1 && strstr(h[n - 1].note, "credit report") != NULL);
    free(h);
    /* One fen more than 20%: substandard, and non-accrual with it. */
    EXPECT_EQ_INT(FB_CREDIT_DONE, credit("e1", NULL, 100000000, 20000001, NULL));
    eod("2025-03-03");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("x").loan_class);
    EXPECT_TRUE(position("x").nonaccrual);
    /* An officer may not raise it below the floor. */
    fb_classification o;
    EXPECT_EQ_INT(FB_CLASSIFY_BELOW_FLOOR, classify("x", FB_CLASS_SPECIAL_MENTION, false, &o));
    EXPECT_TRUE(strstr(o.message, "credit report") != NULL);
    /* The share is a setting, at most the rule's 20%. */
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "cross_bank_share", 200001));
    /* A report's figures: overdue within the debts, a reference. */
    fb_credit_report bad;
    memset(&bad, 0, sizeof bad);
    snprintf(bad.party, sizeof bad.party, "e1");
    bad.debt_fen = 10;
    bad.overdue90_fen = 11;
    snprintf(bad.reference, sizeof bad.reference, "ZX");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_EINVAL, fb_credit_report_check(&bad, &field, reason, sizeof reason));
    EXPECT_EQ_STR("overdue90", field);
    bad.overdue90_fen = 0;
    bad.reference[0] = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_credit_report_check(&bad, &field, reason, sizeof reason));
    EXPECT_EQ_STR("reference", field);
    verify_ok(); /* the retail debtor's loan, its report all overdue, is not held to it */
    /* A report dated a day already closed is held to from the close of the day it is entered:
     * verify does not ask it of the loan before that close, and the close gives it. */
    EXPECT_EQ_INT(FB_CREDIT_DONE, credit("e2", "2025-03-01", 100000000, 1, NULL));
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("z").loan_class);
    verify_ok();
    eod("2025-03-04");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("z").loan_class);
    verify_ok();
    /* verify derives the floor again from the reports: a class set below it is found. */
    fb_book_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE loan_state SET class = 1 WHERE loan = (SELECT"
                                          " key FROM loans WHERE id = 'x')",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    char e[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, e, sizeof e));
    uint64_t failures = 0;
    seen_line[0] = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, keep_line, NULL, &failures));
    EXPECT_TRUE(failures >= 1);
    if (!strstr(seen_line, "loan x: class 1 below 2, the floor of its debtor's credit report"))
        printf("    verify said: %s\n", seen_line);
    EXPECT_TRUE(strstr(seen_line, "loan x: class 1 below 2, the floor of its debtor's credit "
                                  "report") != NULL);
    fb_book_close(L);
}

/* 第七条: "商业银行对非零售债务人在本行的债权超过10%被分为不良的，对该债务人在本行的所有债权均应
 * 归为不良。经国务院金融管理部门认可的增信方式除外。" With contagion_guarantee_exempt on, a loan
 * guaranteed in full by a government financing guarantee keeps its own class when its debtor's
 * other loan is non-performing; off (the default), it is substandard with it. A guarantee of part
 * of a loan is no exception. */
static void a_loan_guaranteed_in_full_may_be_spared_the_ten_percent_rule(void) {
    open_book();
    party("e1", 1, false);
    party("gc", 2, true);
    facility("fe", "e1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("bad", "fe", 2000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("full", "fe", 5000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("part", "fe", 5000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    fund("e1", 20000000);
    eod("2025-03-01");
    const char *ids[2] = {"full", "part"};
    for (int i = 0; i < 2; i++) {
        fb_guarantee g;
        memset(&g, 0, sizeof g);
        snprintf(g.id, sizeof g.id, "G%d", i);
        snprintf(g.loan, sizeof g.loan, "%s", ids[i]);
        snprintf(g.company, sizeof g.company, "gc");
        g.covered_e6 = i == 0 ? 0 : 800000; /* 100%; 80% */
        fb_guarantee_result gr;
        EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &gr));
        EXPECT_EQ_INT(FB_GUARANTEE_DONE, gr);
    }
    EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("bad", FB_CLASS_SUBSTANDARD, false, NULL));
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "contagion_guarantee_exempt", 1));
    eod("2025-03-02");
    EXPECT_EQ_INT(FB_CLASS_NORMAL, position("full").loan_class);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("part").loan_class);
    verify_ok();
    /* Off again: the 10% rule takes it too. */
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "contagion_guarantee_exempt", 0));
    eod("2025-03-03");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("full").loan_class);
    EXPECT_EQ_INT(FB_REASON_DEBTOR, last_entry("full", NULL).reason);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    RUN(an_extension_of_a_guaranteed_loan_needs_the_guarantors_consent);
    RUN(provisions_by_city_and_line_and_restructured_loans_apart);
    RUN(a_technical_short_overdue_stays_normal_within_the_setting);
    RUN(a_debtors_credit_report_gives_the_cross_bank_floors);
    RUN(a_loan_guaranteed_in_full_may_be_spared_the_ten_percent_rule);
    RUN(loans_get_shows_the_clocks_of_the_classification);
    RUN(an_extension_beyond_the_limit_stands_on_a_provision_of_the_state);
    return test_summary();
}
