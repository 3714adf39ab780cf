/* test_demands.c — financing demands (src/book/demand*.c): posting and every rule that refuses
 * one, each step made once and in order with every rule that refuses it (nothing written), the
 * service levels' last days on the holiday calendar and their countdown as days close, who sees
 * what, the measures against a hand count, a seeded model of random operations by every role
 * against the rules and the measures recounted naively, a government's protected table, the
 * agreement's targets on demands, the operator's holiday notices, and verify. */
#include <sqlite3.h>

#include "book.h"

/* An enterprise of a city (a division code of it), micro unless big. */
static void firm(const char *id, int serial, int32_t division, bool big) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91%06dMA%07d", division, serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = division;
    p.industry = big ? 3421 : 5274;
    p.figures = big ? (fb_firm_figures){5000, 900000000000LL, 900000000000LL}
                    : (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

static fb_demand demand_of(const char *id, const char *party_id, int64_t amount,
                           const char *posted) {
    fb_demand d;
    memset(&d, 0, sizeof d);
    snprintf(d.id, sizeof d.id, "%s", id);
    snprintf(d.party, sizeof d.party, "%s", party_id);
    d.amount_fen = amount;
    snprintf(d.purpose, sizeof d.purpose, "流动资金");
    d.months = 12;
    d.line = FB_LINE_INCLUSIVE;
    d.posted = posted ? day(posted) : 0;
    return d;
}

static fb_demand_result post_as(const fb_user *as, fb_demand *d) {
    const char *field = NULL;
    char reason[200] = "";
    int rc = fb_demand_check(d, &field, reason, sizeof reason);
    if (rc) printf("    check %s: %s %s\n", d->id, field, reason);
    EXPECT_EQ_INT(FB_OK, rc);
    fb_demand_outcome o;
    rc = fb_demands_post(L, as, d, 1, &o);
    if (rc) printf("    post: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    return o.result;
}

static fb_demand_result post(const char *id, const char *party_id, int64_t amount,
                             const char *posted) {
    fb_demand d = demand_of(id, party_id, amount, posted);
    return post_as(NULL, &d);
}

static fb_demand_result step_as(const fb_user *as, const char *id, fb_demand_status step,
                                const char *date, const char *arg, int64_t amount) {
    fb_demand_step s;
    memset(&s, 0, sizeof s);
    snprintf(s.demand, sizeof s.demand, "%s", id);
    s.step = step;
    s.date = date ? day(date) : 0;
    s.reason = FB_DECLINE_REASON_COUNT_;
    if (step == FB_DEMAND_ACCEPTED) snprintf(s.officer, sizeof s.officer, "%s", arg ? arg : "王");
    if (step == FB_DEMAND_GRANTED) snprintf(s.facility, sizeof s.facility, "%s", arg);
    if (step == FB_DEMAND_DECLINED) s.reason = (fb_decline_reason)amount;
    if (step == FB_DEMAND_DECLINED && amount == FB_DECLINE_OTHER) snprintf(s.text, 8, "其他");
    if (step == FB_DEMAND_GRANTED) s.amount_fen = amount;
    const char *field = NULL;
    char reason[200] = "";
    EXPECT_EQ_INT(FB_OK, fb_demand_step_check(&s, &field, reason, sizeof reason));
    fb_demand_result r = FB_DEMAND_DONE;
    int rc = fb_demand_step_make(L, as, &s, &r);
    if (rc) printf("    step: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    return r;
}

static fb_demand_result step(const char *id, fb_demand_status s, const char *date, const char *arg,
                             int64_t amount) {
    return step_as(NULL, id, s, date, arg, amount);
}

#define EXPECT_DEMAND(expected, actual)                                                            \
    do {                                                                                           \
        fb_demand_result e_ = (expected), a_ = (actual);                                           \
        if (e_ != a_) {                                                                            \
            test_fail_at(__FILE__, __LINE__, #actual);                                             \
            printf("    expected %s, got %s\n", fb_demand_result_name(e_),                         \
                   fb_demand_result_name(a_));                                                     \
        }                                                                                          \
    } while (0)

static fb_demand get(const char *id) {
    fb_demand d;
    memset(&d, 0, sizeof d);
    EXPECT_EQ_INT(FB_OK, fb_demand_get(L, id, &d));
    return d;
}

/* A book of Dalian and Shenyang firms, a facility for the first, and the business date open. */
static void demand_book(void) {
    open_book();
    firm("dl1", 1, 210211, false);
    firm("dl2", 2, 210212, false);
    firm("sy1", 3, 210102, true);
    facility("F-DL1", "dl1", FB_LINE_INCLUSIVE, 500000000, true);
    facility("F-SY1", "sy1", FB_LINE_TECHNOLOGY, 5000000000LL, true);
}

static void a_demand_walks_its_steps_once_and_in_order(void) {
    demand_book();
    /* Before any end of day a step gives its date. */
    EXPECT_DEMAND(FB_DEMAND_NO_BUSINESS_DATE, post("D1", "dl1", 300000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("D1", "dl1", 300000000, "2025-01-24"));
    fb_demand d = get("D1");
    EXPECT_EQ_INT(FB_DEMAND_POSTED, d.status);
    /* 3 working days after Friday 24 January 2025: Sunday 26 (worked), Monday 27, and after the
     * Spring Festival, Wednesday 5 February; 15 working days: 20 February. */
    EXPECT_EQ_INT(day("2025-02-05"), d.response_due);
    EXPECT_EQ_INT(day("2025-02-20"), d.decision_due);
    EXPECT_EQ_INT(210200, d.city);
    EXPECT_EQ_INT(FB_SIZE_SMALL, d.size); /* retail: 12 staff, 3 million yuan */
    EXPECT_DEMAND(FB_DEMAND_EXISTS, post("D1", "dl1", 300000000, NULL));
    fb_demand other = demand_of("D1", "dl1", 300000001, NULL);
    fb_demand_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_demands_post(L, NULL, &other, 1, &o));
    EXPECT_DEMAND(FB_DEMAND_EXISTS_WITH_DIFFERENT, o.result);
    EXPECT_EQ_STR("amount", o.field);
    /* Out of order: contact, grant, decline before acceptance. */
    EXPECT_DEMAND(FB_DEMAND_OUT_OF_ORDER, step("D1", FB_DEMAND_CONTACTED, "2025-01-24", NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_OUT_OF_ORDER,
                  step("D1", FB_DEMAND_GRANTED, "2025-01-24", "F-DL1", 100000));
    EXPECT_DEMAND(FB_DEMAND_BEFORE_LAST_STEP,
                  step("D1", FB_DEMAND_ACCEPTED, "2025-01-23", NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_NO_BUSINESS_DATE, step("D1", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D1", FB_DEMAND_ACCEPTED, "2025-01-24", "王经理", 0));
    EXPECT_DEMAND(FB_DEMAND_EXISTS, step("D1", FB_DEMAND_ACCEPTED, NULL, "王经理", 0));
    EXPECT_DEMAND(FB_DEMAND_STEP_TAKEN, step("D1", FB_DEMAND_ACCEPTED, NULL, "李经理", 0));
    EXPECT_DEMAND(FB_DEMAND_OUT_OF_ORDER,
                  step("D1", FB_DEMAND_DECLINED, "2025-01-27", NULL, FB_DECLINE_CASH_FLOW));
    /* Days open: from now on a step is dated the business date. */
    eod("2025-01-26");
    EXPECT_DEMAND(FB_DEMAND_BEFORE_BUSINESS_DATE,
                  step("D1", FB_DEMAND_CONTACTED, "2025-01-26", NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_AFTER_BUSINESS_DATE,
                  step("D1", FB_DEMAND_CONTACTED, "2025-01-28", NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D1", FB_DEMAND_CONTACTED, NULL, NULL, 0));
    EXPECT_EQ_INT(day("2025-01-27"), get("D1").contacted);
    /* A grant on the enterprise's own facility, within its limit. */
    EXPECT_DEMAND(FB_DEMAND_FACILITY_NOT_FOUND,
                  step("D1", FB_DEMAND_GRANTED, NULL, "F-NONE", 100000));
    EXPECT_DEMAND(FB_DEMAND_FACILITY_OF_ANOTHER,
                  step("D1", FB_DEMAND_GRANTED, NULL, "F-SY1", 100000));
    EXPECT_DEMAND(FB_DEMAND_EXCEEDS_FACILITY,
                  step("D1", FB_DEMAND_GRANTED, NULL, "F-DL1", 500000001));
    d = get("D1");
    EXPECT_EQ_INT(FB_DEMAND_CONTACTED, d.status);
    EXPECT_EQ_INT(0, d.decided);
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D1", FB_DEMAND_GRANTED, NULL, "F-DL1", 300000000));
    EXPECT_DEMAND(FB_DEMAND_EXISTS, step("D1", FB_DEMAND_GRANTED, NULL, "F-DL1", 300000000));
    /* Closed once: no other decision, no withdrawal, no other grant. */
    EXPECT_DEMAND(FB_DEMAND_CLOSED,
                  step("D1", FB_DEMAND_DECLINED, NULL, NULL, FB_DECLINE_NO_SECURITY));
    EXPECT_DEMAND(FB_DEMAND_CLOSED, step("D1", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_CLOSED, step("D1", FB_DEMAND_GRANTED, NULL, "F-DL1", 200000000));
    d = get("D1");
    EXPECT_EQ_INT(FB_DEMAND_GRANTED, d.status);
    EXPECT_EQ_INT(300000000, d.granted_fen);
    EXPECT_EQ_STR("F-DL1", d.facility);
    /* A decline: the reason is the list's; a withdrawal from any open step. */
    EXPECT_DEMAND(FB_DEMAND_DONE, post("D2", "dl1", 100000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D2", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D2", FB_DEMAND_CONTACTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D2", FB_DEMAND_DECLINED, NULL, NULL, FB_DECLINE_OTHER));
    EXPECT_EQ_STR("其他", get("D2").reason_text);
    EXPECT_DEMAND(FB_DEMAND_DONE, post("D3", "dl2", 100000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("D3", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_CLOSED, step("D3", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_NOT_FOUND, step("D-NONE", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    verify_ok();
    fb_book_close(L);
}

/* A step's refusals in the book's own words, and what the checks refuse before it. */
static void a_step_without_what_it_needs_is_refused_by_its_check(void) {
    fb_demand_step s;
    memset(&s, 0, sizeof s);
    snprintf(s.demand, sizeof s.demand, "D1");
    s.reason = FB_DECLINE_REASON_COUNT_;
    const char *field = NULL;
    char reason[200];
    s.step = FB_DEMAND_ACCEPTED;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_step_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("officer", field);
    s.step = FB_DEMAND_DECLINED;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_step_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("reason", field);
    s.reason = FB_DECLINE_OTHER;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_step_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("text", field);
    s.step = FB_DEMAND_GRANTED;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_step_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("facility", field);
    snprintf(s.facility, sizeof s.facility, "F1");
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_step_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("amount", field);
    s.step = FB_DEMAND_POSTED;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_step_check(&s, &field, reason, sizeof reason));
    EXPECT_EQ_STR("step", field);
    fb_demand d = demand_of("D1", "p", 0, NULL);
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_check(&d, &field, reason, sizeof reason));
    EXPECT_EQ_STR("amount", field);
    d = demand_of("D1", "p", 1, NULL);
    d.months = 481;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_check(&d, &field, reason, sizeof reason));
    EXPECT_EQ_STR("months", field);
    d = demand_of("D1", "p", 1, NULL);
    snprintf(d.recommendation, sizeof d.recommendation, "优先");
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_check(&d, &field, reason, sizeof reason));
    EXPECT_EQ_STR("recommendation", field);
    d = demand_of("D1", "p", 1, NULL);
    d.source = FB_SOURCE_MAJOR_PROJECTS;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_check(&d, &field, reason, sizeof reason));
    EXPECT_EQ_STR("project", field);
    d = demand_of("D1", "p", 1, NULL);
    d.purpose[0] = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_demand_check(&d, &field, reason, sizeof reason));
    EXPECT_EQ_STR("purpose", field);
}

static void who_may_post_withdraw_and_see(void) {
    demand_book();
    eod("2025-03-02");
    fb_user ent = {"e", FB_ROLE_ENTERPRISE, "dl1", 0};
    fb_user dalian = {"g", FB_ROLE_GOVERNMENT, "", 210200};
    fb_user shenyang = {"s", FB_ROLE_GOVERNMENT, "", 210100};
    fb_user province = {"p", FB_ROLE_GOVERNMENT, "", 210000};
    fb_demand d = demand_of("E1", "dl1", 100000000, NULL);
    EXPECT_DEMAND(FB_DEMAND_DONE, post_as(&ent, &d));
    d = demand_of("E2", "dl2", 100000000, NULL); /* another's */
    EXPECT_DEMAND(FB_DEMAND_PARTY_NOT_FOUND, post_as(&ent, &d));
    d = demand_of("E3", "dl1", 100000000, NULL);
    d.source = FB_SOURCE_GOVERNMENT;
    EXPECT_DEMAND(FB_DEMAND_SOURCE_NOT_YOURS, post_as(&ent, &d));
    /* A government for the enterprises of its region, as a government, with its lists. */
    d = demand_of("G1", "dl2", 200000000, NULL);
    EXPECT_DEMAND(FB_DEMAND_SOURCE_NOT_YOURS, post_as(&dalian, &d));
    d.source = FB_SOURCE_KEY_ENTERPRISES;
    snprintf(d.recommendation, sizeof d.recommendation, "重点企业，建议优先");
    EXPECT_DEMAND(FB_DEMAND_DONE, post_as(&dalian, &d));
    EXPECT_EQ_INT(210200, get("G1").region);
    d = demand_of("G2", "sy1", 200000000, NULL);
    d.source = FB_SOURCE_GOVERNMENT;
    EXPECT_DEMAND(FB_DEMAND_OUTSIDE_REGION, post_as(&dalian, &d));
    d.source = FB_SOURCE_MAJOR_PROJECTS;
    snprintf(d.project, sizeof d.project, "PRJ-NONE");
    EXPECT_DEMAND(FB_DEMAND_PROJECT_NOT_FOUND, post_as(&province, &d));
    /* Who sees what: an enterprise its own; a government its region's that consented or that a
     * government brought. */
    EXPECT_DEMAND(FB_DEMAND_DONE, post("B1", "dl2", 100000000, NULL)); /* no consent */
    fb_demand c = demand_of("B2", "dl2", 100000000, NULL);
    c.consent = true;
    EXPECT_DEMAND(FB_DEMAND_DONE, post_as(NULL, &c));
    fb_demand_view v[8];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_demands_list(L, &dalian, FB_DEMANDS_ALL, "", v, 8, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_STR("G1", v[0].d.id);
    EXPECT_EQ_STR("B2", v[1].d.id);
    EXPECT_EQ_INT(FB_OK, fb_demands_list(L, &shenyang, FB_DEMANDS_ALL, "", v, 8, &n));
    EXPECT_EQ_INT(0, n);
    EXPECT_EQ_INT(FB_OK, fb_demands_list(L, &province, FB_DEMANDS_ALL, "", v, 8, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_INT(FB_OK, fb_demands_list(L, &ent, FB_DEMANDS_ALL, "", v, 8, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(FB_OK, fb_demands_list(L, NULL, FB_DEMANDS_OPEN, "E1", v, 8, &n));
    EXPECT_EQ_INT(3, n); /* G1, B1, B2 after E1 */
    /* Steps by others than the bank: an enterprise withdraws its own, a government what a
     * government brought; neither accepts, contacts or decides. */
    EXPECT_DEMAND(FB_DEMAND_NOT_POSTER, step_as(&ent, "E1", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_NOT_FOUND, step_as(&ent, "B1", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_NOT_POSTER, step_as(&dalian, "B2", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_NOT_FOUND, step_as(&dalian, "B1", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step_as(&dalian, "G1", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_EQ_INT(FB_ROLE_GOVERNMENT, get("G1").withdrawn_by);
    EXPECT_DEMAND(FB_DEMAND_DONE, step_as(&ent, "E1", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    EXPECT_EQ_INT(FB_ROLE_ENTERPRISE, get("E1").withdrawn_by);
    verify_ok();
    fb_book_close(L);
}

static void the_levels_count_down_as_days_close(void) {
    demand_book();
    eod("2025-09-25");
    EXPECT_DEMAND(FB_DEMAND_DONE, post("C1", "dl1", 100000000, NULL)); /* Friday 26 September */
    fb_demand_view v;
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    /* Sunday 28 is worked: the 3rd working day is Tuesday 30; 1-8 October are off. */
    EXPECT_EQ_INT(day("2025-09-30"), v.d.response_due);
    EXPECT_EQ_INT(day("2025-10-23"), v.d.decision_due);
    EXPECT_TRUE(v.left_known && v.awaiting_response);
    EXPECT_EQ_INT(3, v.response_left);
    EXPECT_EQ_INT(15, v.decision_left);
    eod("2025-09-28"); /* open: Monday 29 */
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    EXPECT_EQ_INT(1, v.response_left);
    EXPECT_TRUE(!v.response_overdue);
    eod("2025-09-30"); /* open: Wednesday 1 October, a day off */
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    EXPECT_EQ_INT(0, v.response_left);
    EXPECT_TRUE(v.response_overdue && !v.decision_overdue);
    eod("2025-10-08"); /* open: Thursday 9 */
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    EXPECT_EQ_INT(-1, v.response_left);
    EXPECT_EQ_INT(11, v.decision_left);
    EXPECT_DEMAND(FB_DEMAND_DONE, step("C1", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("C1", FB_DEMAND_CONTACTED, NULL, NULL, 0));
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    EXPECT_TRUE(!v.awaiting_response && !v.response_overdue);
    EXPECT_EQ_INT(4, v.days_to_response); /* Sun 28, Mon 29, Tue 30, Thu 9 */
    eod("2025-10-23");
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    EXPECT_TRUE(v.decision_overdue);
    EXPECT_DEMAND(FB_DEMAND_DONE, step("C1", FB_DEMAND_GRANTED, NULL, "F-DL1", 100000000));
    loan("L-C1", "F-DL1", 50000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-10-24");
    eod("2025-10-26");
    loan("L-C2", "F-DL1", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-10-27");
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "C1", &v));
    EXPECT_EQ_INT(day("2025-10-24"), v.first_drawdown);
    EXPECT_EQ_INT(16, v.days_to_decision);
    EXPECT_EQ_INT(16, v.days_to_loan);
    EXPECT_EQ_INT(2, v.loans);
    EXPECT_EQ_INT(60000000, v.drawn_fen);
    fb_list_id ids[4];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_demand_loans(L, "C1", ids, 4, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_STR("L-C1", ids[0]);
    verify_ok();
    fb_book_close(L);
}

/* What the measures read kept on each demand (its borrower's key, a granted one's first loan
 * from its decision on) is the rows': a loan drawn before the grant is not its first drawdown,
 * the first after is, a later one changes nothing; verify recomputes both and names a demand
 * whose kept day is not its loans'. */
static void the_first_drawdown_kept_is_the_loans_and_verify_recounts_it(void) {
    demand_book();
    eod("2025-03-02"); /* open: Monday 3 March */
    EXPECT_DEMAND(FB_DEMAND_DONE, post("K1", "dl1", 100000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("K2", "sy1", 100000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("K1", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("K1", FB_DEMAND_CONTACTED, NULL, NULL, 0));
    loan("L-K0", "F-DL1", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-03-03");
    eod("2025-03-03");
    EXPECT_DEMAND(FB_DEMAND_DONE, step("K1", FB_DEMAND_GRANTED, NULL, "F-DL1", 100000000));
    eod("2025-03-05"); /* open: Thursday 6 */
    loan("L-K1", "F-DL1", 20000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-03-06");
    eod("2025-03-06");
    loan("L-K2", "F-DL1", 20000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-03-07");
    eod("2025-03-07");
    fb_demand_row *rows = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_demands(L, day("2025-03-01"), day("2025-03-07"), FB_BY_CITY,
                                           210000, &rows, &n));
    EXPECT_EQ_INT(2, n); /* Dalian's and Shenyang's */
    for (size_t i = 0; i < n; i++) {
        EXPECT_EQ_INT(1, rows[i].enterprises);
        if (rows[i].city != 210200) continue;
        EXPECT_EQ_INT(1, rows[i].drawn);
        EXPECT_EQ_INT(6, rows[i].loan_median_x2); /* Monday 3 to Thursday 6: 3 working days */
    }
    free(rows);
    fb_demand_view v;
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "K1", &v));
    EXPECT_EQ_INT(day("2025-03-06"), v.first_drawdown);
    verify_ok();
    fb_book_close(L);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE demands SET first_drawdown = first_drawdown + 1"
                                          " WHERE id = 'K1'",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    fb_book_close(L);
}

static void a_year_without_a_notice_is_refused_until_loaded_or_assumed(void) {
    demand_book();
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "eod_max_days", 1000));
    eod("2026-12-30");
    fb_demand d = demand_of("Y1", "dl1", 100000000, NULL);
    fb_demand_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_demands_post(L, NULL, &d, 1, &o));
    EXPECT_DEMAND(FB_DEMAND_NO_CALENDAR, o.result);
    EXPECT_EQ_INT(2027, o.year);
    /* The operator loads 2027's notice (here a made-up one: New Year's Day off). */
    fb_calendar_year y;
    memset(&y, 0, sizeof y);
    y.year = 2027;
    snprintf(y.notice, sizeof y.notice, "测试用通知");
    y.holidays[y.n_holidays++] = day("2027-01-01");
    fb_calendar_result r;
    EXPECT_EQ_INT(FB_OK, fb_calendar_load(L, &y, &r));
    EXPECT_EQ_INT(FB_CALENDAR_LOADED, r);
    EXPECT_EQ_INT(FB_OK, fb_calendar_load(L, &y, &r));
    EXPECT_EQ_INT(FB_CALENDAR_EXISTS, r);
    y.holidays[y.n_holidays++] = day("2027-01-04");
    EXPECT_EQ_INT(FB_OK, fb_calendar_load(L, &y, &r));
    EXPECT_EQ_INT(FB_CALENDAR_EXISTS_WITH_DIFFERENT, r);
    fb_calendar_shipped(0, &y);
    EXPECT_EQ_INT(FB_OK, fb_calendar_load(L, &y, &r));
    EXPECT_EQ_INT(FB_CALENDAR_EXISTS, r); /* 2025 ships */
    y.workdays[0] = day("2025-01-27");
    EXPECT_EQ_INT(FB_EINVAL, fb_calendar_load(L, &y, &r));
    EXPECT_DEMAND(FB_DEMAND_DONE, post_as(NULL, &d));
    /* Posted Thursday 31 December 2026: Friday 1 January off, Monday 4, Tuesday 5, Wednesday 6. */
    EXPECT_EQ_INT(day("2027-01-06"), get("Y1").response_due);
    bool shipped = true;
    EXPECT_EQ_INT(FB_OK, fb_calendar_get(L, 2027, &y, &shipped));
    EXPECT_TRUE(!shipped && y.n_holidays == 1);
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_calendar_get(L, 2028, &y, &shipped));
    /* 2028 by the setting: Monday to Friday. */
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "calendar_assume_weekdays", 1));
    eod("2027-12-29");
    EXPECT_DEMAND(FB_DEMAND_DONE, post("Y2", "dl1", 100000000, NULL));
    EXPECT_EQ_INT(day("2028-01-04"), get("Y2").response_due); /* Thu 30: Fri 31, Mon 3, Tue 4 */
    /* The levels' settings keep the decision's no shorter than the response's. */
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "demand_response_days", 16));
    EXPECT_EQ_INT(FB_EINVAL, fb_setting_set(L, "demand_decision_days", 2));
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "demand_decision_days", 3));
    verify_ok();
    fb_book_close(L);
}

static void the_order_statistics_are_exact(void) {
    /* Every array of up to 7 values from 0..3: the median doubled and the 90th percentile by
     * nearest rank, against their definitions counted directly. */
    long tried = 0, bad = 0;
    for (size_t n = 1; n <= 7; n++) {
        size_t combos = 1;
        for (size_t i = 0; i < n; i++)
            combos *= 4;
        for (size_t c = 0; c < combos; c++) {
            int32_t v[7], w[7];
            size_t x = c;
            for (size_t i = 0; i < n; i++, x /= 4)
                v[i] = w[i] = (int32_t)(x % 4);
            int64_t m2 = fb_median_x2(v, n), p90 = fb_percentile(w, n, 90);
            /* m: at least half at or below and at least half at or above, both m2/2 sides. */
            int64_t below = 0, above = 0, at_or_below_p = 0;
            for (size_t i = 0; i < n; i++) {
                below += 2 * (int64_t)v[i] <= m2;
                above += 2 * (int64_t)v[i] >= m2;
                at_or_below_p += v[i] <= p90;
            }
            bool ok = 2 * below >= (int64_t)n && 2 * above >= (int64_t)n;
            ok = ok && 100 * at_or_below_p >= 90 * (int64_t)n;
            /* ... and the smallest such value: one value below it has less than 90% under. */
            int64_t under = 0;
            for (size_t i = 0; i < n; i++)
                under += v[i] < p90;
            ok = ok && 100 * under < 90 * (int64_t)n;
            bad += !ok;
            tried++;
        }
    }
    EXPECT_EQ_INT(0, bad);
    EXPECT_TRUE(tried > 20000);
    int32_t v[4] = {5, 1, 4, 2};
    EXPECT_EQ_INT(6, fb_median_x2(v, 4)); /* 3: (2 + 4) / 2 */
    int32_t one[1] = {7};
    EXPECT_EQ_INT(14, fb_median_x2(one, 1));
    EXPECT_EQ_INT(-1, fb_median_x2(NULL, 0));
    EXPECT_EQ_INT(-1, fb_percentile(NULL, 0, 90));
}

/* ---- Measures ---------------------------------------------------------------------------------
 */

/* Makes a step on the day open and closes the day: the business of one day. */
static void day_of(const char *date) {
    int32_t open = 0;
    EXPECT_EQ_INT(FB_OK, fb_business_date(L, &open));
    char d[11];
    if (open != day(date))
        printf("    the business date is %s, not %s\n", fb_date_format(open, d), date);
    EXPECT_EQ_INT(day(date), open);
}

static fb_demand_row *report(const char *from, const char *as_of, unsigned dims, int32_t region,
                             bool protected_, size_t *n) {
    fb_demand_row *rows = NULL;
    int rc = protected_
                 ? fb_report_demands_protected(L, day(from), day(as_of), dims, region, &rows, n)
                 : fb_report_demands(L, day(from), day(as_of), dims, region, &rows, n);
    if (rc) printf("    report: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    return rows;
}

static const fb_demand_row *city_row(const fb_demand_row *rows, size_t n, int32_t city) {
    for (size_t i = 0; i < n; i++) {
        if (rows[i].city == city) return &rows[i];
    }
    return NULL;
}

/* Five demands of 3 March 2025 (levels: response by Thursday 6, decision by Monday 24) and their
 * steps through the days, as the hand count in the test's comments has them. */
static void five_demands(void) {
    demand_book();
    eod("2025-03-02");
    day_of("2025-03-03");
    EXPECT_DEMAND(FB_DEMAND_DONE, post("M1", "dl1", 100000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("M2", "dl2", 200000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("M3", "sy1", 300000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("M4", "sy1", 50000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("M5", "dl1", 100000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M1", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M1", FB_DEMAND_CONTACTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M5", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    eod("2025-03-03");
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M2", FB_DEMAND_ACCEPTED, NULL, NULL, 0));
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M3", FB_DEMAND_WITHDRAWN, NULL, NULL, 0));
    eod("2025-03-04");
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M1", FB_DEMAND_GRANTED, NULL, "F-DL1", 80000000));
    eod("2025-03-05");
    EXPECT_DEMAND(FB_DEMAND_DONE,
                  step("M5", FB_DEMAND_CONTACTED, NULL, NULL, 0)); /* the last day */
    eod("2025-03-06");
    day_of("2025-03-07");
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M5", FB_DEMAND_DECLINED, NULL, NULL, FB_DECLINE_OTHER));
    loan("L-M1", "F-DL1", 50000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-03-07");
    eod("2025-03-09");
    EXPECT_DEMAND(FB_DEMAND_DONE, step("M2", FB_DEMAND_CONTACTED, NULL, NULL, 0)); /* late */
    eod("2025-03-10");
    EXPECT_DEMAND(FB_DEMAND_DONE,
                  step("M2", FB_DEMAND_DECLINED, NULL, NULL, FB_DECLINE_NO_SECURITY));
    eod("2025-03-12");
}

static void the_measures_are_the_hand_count(void) {
    five_demands();
    size_t n = 0;
    fb_demand_row *rows = report("2025-03-01", "2025-03-12", 0, 0, false, &n);
    EXPECT_EQ_INT(1, n);
    const fb_demand_row *r = &rows[0];
    EXPECT_EQ_INT(3, r->enterprises);
    EXPECT_EQ_INT(5, r->received);
    EXPECT_EQ_INT(750000000, r->requested_fen);
    EXPECT_EQ_INT(4, r->response_due);       /* M3 was withdrawn unanswered within its level */
    EXPECT_EQ_INT(2, r->responded_in_level); /* M1 the same day, M5 on the last day */
    EXPECT_EQ_INT(500000, r->response_rate_e6);
    EXPECT_EQ_INT(1, r->response_overdue); /* M4 */
    EXPECT_EQ_INT(1, r->open);
    EXPECT_EQ_INT(1, r->granted);
    EXPECT_EQ_INT(2, r->declined);
    EXPECT_EQ_INT(1, r->withdrawn);
    EXPECT_EQ_INT(3, r->decided);
    EXPECT_EQ_INT(3, r->decided_in_level);
    EXPECT_EQ_INT(0, r->decision_overdue);
    EXPECT_EQ_INT(333333, r->match_rate_e6);
    EXPECT_EQ_INT(400000000, r->decided_requested_fen);
    EXPECT_EQ_INT(80000000, r->granted_fen);
    EXPECT_EQ_INT(200000, r->amount_rate_e6);
    EXPECT_EQ_INT(8, r->decision_median_x2); /* 2, 4, 6 working days */
    EXPECT_EQ_INT(6, r->decision_p90);
    EXPECT_EQ_INT(1, r->drawn);
    EXPECT_EQ_INT(8, r->loan_median_x2); /* Friday 7: 4 working days after Monday 3 */
    EXPECT_EQ_INT(4, r->loan_p90);
    EXPECT_EQ_INT(1, r->declines[FB_DECLINE_NO_SECURITY]);
    EXPECT_EQ_INT(1, r->declines[FB_DECLINE_OTHER]);
    EXPECT_EQ_INT(0, r->declines[FB_DECLINE_CASH_FLOW]);
    free(rows);
    /* As of Wednesday 5: what was done by then only. */
    rows = report("2025-03-01", "2025-03-05", 0, 0, false, &n);
    EXPECT_EQ_INT(1, rows[0].granted);
    EXPECT_EQ_INT(3, rows[0].open);
    EXPECT_EQ_INT(1, rows[0].response_due); /* M1's; no level had run out */
    EXPECT_EQ_INT(0, rows[0].response_overdue);
    EXPECT_EQ_INT(4, rows[0].decision_median_x2); /* M1 alone: Tuesday 4 and Wednesday 5 */
    EXPECT_EQ_INT(-1, rows[0].loan_median_x2);
    EXPECT_EQ_INT(800000, rows[0].amount_rate_e6); /* 800,000 of M1's 1,000,000 */
    free(rows);
    /* By city and line. */
    rows = report("2025-03-01", "2025-03-12", FB_BY_CITY | FB_BY_LINE, 0, false, &n);
    EXPECT_EQ_INT(2, n);
    const fb_demand_row *dl = city_row(rows, n, 210200), *sy = city_row(rows, n, 210100);
    EXPECT_TRUE(dl && sy);
    if (dl && sy) {
        EXPECT_EQ_INT(3, dl->received);
        EXPECT_EQ_INT(2, dl->enterprises);
        EXPECT_EQ_INT(FB_LINE_INCLUSIVE, dl->line);
        EXPECT_EQ_INT(2, sy->received);
        EXPECT_EQ_INT(1, sy->response_overdue);
        EXPECT_EQ_INT(-1, sy->match_rate_e6); /* nothing decided */
    }
    free(rows);
    /* A day not closed, the period the wrong way round, a class. */
    fb_demand_row *none = NULL;
    EXPECT_EQ_INT(FB_EINVAL, fb_report_demands(L, 0, day("2025-03-13"), 0, 0, &none, &n));
    EXPECT_EQ_INT(FB_EINVAL,
                  fb_report_demands(L, day("2025-03-12"), day("2025-03-01"), 0, 0, &none, &n));
    EXPECT_EQ_INT(FB_EINVAL, fb_report_demands(L, 0, day("2025-03-12"), FB_BY_CLASS, 0, &none, &n));
    verify_ok();
    fb_book_close(L);
}

/* The five demands, a third Dalian firm's, and three Anshan firms' of one demand each: Shenyang's
 * one enterprise is a small cell, and Anshan (3 demands) the complement that keeps it from being
 * had from the province's total less Dalian (4 demands). */
static void a_governments_table_keeps_small_cells(void) {
    five_demands();
    fb_demand_view dv;
    EXPECT_EQ_INT(FB_OK, fb_demand_view_get(L, "M4", &dv)); /* reads on the day open */
    firm("dl3", 4, 210213, false);
    firm("as1", 5, 210302, false);
    firm("as2", 6, 210303, false);
    firm("as3", 7, 210304, false);
    EXPECT_DEMAND(FB_DEMAND_DONE, post("M6", "dl3", 10000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("A1", "as1", 10000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("A2", "as2", 10000000, NULL));
    EXPECT_DEMAND(FB_DEMAND_DONE, post("A3", "as3", 10000000, NULL));
    eod("2025-03-13");
    size_t n = 0;
    fb_demand_row *rows = report("2025-03-01", "2025-03-13", FB_BY_CITY, 210000, true, &n);
    EXPECT_EQ_INT(3, n);
    const fb_demand_row *dl = city_row(rows, n, 210200), *sy = city_row(rows, n, 210100),
                        *as = city_row(rows, n, 210300);
    EXPECT_TRUE(dl && sy && as);
    if (dl && sy && as) {
        EXPECT_TRUE(sy->hidden);  /* one enterprise */
        EXPECT_TRUE(as->hidden);  /* the complement: three enterprises, the fewest demands */
        EXPECT_TRUE(!dl->hidden); /* three enterprises, four demands */
        EXPECT_EQ_INT(4, dl->received);
    }
    free(rows);
    /* The bank's table hides nothing; a city's government reads the province's decisions. */
    rows = report("2025-03-01", "2025-03-13", FB_BY_CITY, 210000, false, &n);
    for (size_t i = 0; i < n; i++)
        EXPECT_TRUE(!rows[i].hidden);
    free(rows);
    rows = report("2025-03-01", "2025-03-13", 0, 210300, true, &n);
    EXPECT_EQ_INT(1, n);
    EXPECT_TRUE(n == 1 && rows[0].hidden && rows[0].city == -1);
    free(rows);
    rows = report("2025-03-01", "2025-03-13", 0, 210000, true, &n);
    EXPECT_TRUE(n == 1 && !rows[0].hidden && rows[0].received == 9);
    free(rows);
    /* A minimum of 1 shows everything. */
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 1));
    rows = report("2025-03-01", "2025-03-13", FB_BY_CITY, 210000, true, &n);
    for (size_t i = 0; i < n; i++)
        EXPECT_TRUE(!rows[i].hidden);
    free(rows);
    fb_book_close(L);
}

static fb_progress *progress_of(const char *id, const char *as_of, bool protected_, size_t *n) {
    static fb_progress p[FB_TARGETS_MAX];
    int rc = protected_ ? fb_agreement_progress_protected(L, id, day(as_of), p, n)
                        : fb_agreement_progress(L, id, day(as_of), p, n);
    if (rc) printf("    progress: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    return p;
}

static void an_agreement_sets_targets_on_demands(void) {
    five_demands();
    fb_agreement a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "AG");
    snprintf(a.bank, sizeof a.bank, "银行");
    a.region = 210000;
    a.start_date = day("2025-01-01");
    a.end_date = day("2027-12-31");
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_DEMAND_MATCH_RATE_MIN, "", 300000};
    a.targets[a.n_targets++] = (fb_target){FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX, "", 2 * 3};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_agreement_check(&a, &field, reason, sizeof reason));
    bool exists = false;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    snprintf(a.id, sizeof a.id, "AG-SY");
    a.region = 210100;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    size_t n = 0;
    fb_progress *p = progress_of("AG", "2025-03-12", false, &n);
    EXPECT_EQ_INT(2, n);
    for (size_t i = 0; i < n; i++) {
        if (p[i].target.measure == FB_MEASURE_DEMAND_MATCH_RATE_MIN) {
            EXPECT_EQ_INT(333333, p[i].achieved); /* one of three decided */
            EXPECT_TRUE(p[i].floor && !p[i].ceiling && p[i].on_track);
            EXPECT_EQ_INT(11111, p[i].percent_e2);
        } else {
            EXPECT_EQ_INT(8, p[i].achieved);             /* a median of 4 working days, doubled */
            EXPECT_TRUE(p[i].ceiling && !p[i].on_track); /* over 3 */
        }
    }
    p = progress_of("AG", "2025-03-12", true, &n);
    EXPECT_TRUE(n == 2 && !p[0].hidden && !p[1].hidden);
    p = progress_of("AG-SY", "2025-03-12", true, &n); /* Shenyang: one enterprise */
    EXPECT_TRUE(n == 2 && p[0].hidden && p[1].hidden);
    p = progress_of("AG-SY", "2025-03-12", false, &n);
    EXPECT_TRUE(n == 2 && p[0].achieved == 0 && p[1].achieved == 0); /* nothing decided */
    fb_book_close(L);
}

int main(void) {
    RUN(a_demand_walks_its_steps_once_and_in_order);
    RUN(a_step_without_what_it_needs_is_refused_by_its_check);
    RUN(who_may_post_withdraw_and_see);
    RUN(the_levels_count_down_as_days_close);
    RUN(the_first_drawdown_kept_is_the_loans_and_verify_recounts_it);
    RUN(a_year_without_a_notice_is_refused_until_loaded_or_assumed);
    RUN(the_order_statistics_are_exact);
    RUN(the_measures_are_the_hand_count);
    RUN(a_governments_table_keeps_small_cells);
    RUN(an_agreement_sets_targets_on_demands);
    return test_summary();
}
