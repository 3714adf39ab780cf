/* test_subsidy_net.c — an interest subsidy of mode net charges the borrower its contract rate
 * less the subsidy, from the enrolment's day for the scheme's months: an installment wholly in
 * the term at the net rate, one the term begins or ends inside at its contract interest less the
 * subsidy on its days in the term; the subsidy accrues on the term's days only; a new contract
 * rate ends it; verify proves the rule. And a scheme's eligibility by a government list. Figures
 * worked by hand in integer fen, ACT/360 (docs/schemes.md, "The net rate"). */
#include <sqlite3.h>

#include "book.h"
#include "finbridge/demand.h"

static const fb_user province = {"gov-ln", FB_ROLE_GOVERNMENT, "", 210000};

static fb_subsidy subsidy(const char *id, fb_subsidy_mode mode, int64_t budget) {
    fb_subsidy v;
    memset(&v, 0, sizeof v);
    snprintf(v.id, sizeof v.id, "%s", id);
    snprintf(v.name, sizeof v.name, "设备更新贷款财政贴息");
    v.region = 210000;
    v.lines = 1u << FB_LINE_TECHNOLOGY;
    v.sizes = 1u << FB_SIZE_SMALL | 1u << FB_SIZE_MICRO;
    v.mode = mode;
    if (mode == FB_SUBSIDY_NET) v.points_e6 = 10000;     /* 1 percentage point */
    if (mode == FB_SUBSIDY_DEPOSIT) v.share_e6 = 500000; /* half the interest */
    v.months = 24;
    v.budget_fen = budget;
    return v;
}

static fb_subsidy_result sub_act(const fb_user *as, const char *scheme, fb_subsidy_act_kind kind,
                                 const char *loan, int32_t quarter, bool approve,
                                 fb_subsidy_act *out, fb_subsidy_outcome *o) {
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.scheme, sizeof a.scheme, "%s", scheme);
    a.kind = kind;
    if (loan) snprintf(a.loan, sizeof a.loan, "%s", loan);
    a.quarter = quarter;
    a.approve = approve;
    fb_subsidy_outcome tmp;
    if (!o) o = &tmp;
    int rc = fb_subsidy_act_make(L, as, &a, o);
    if (rc) printf("    subsidy act: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    if (out) *out = a;
    return o->result;
}

static fb_demand_result listed_by(const fb_user *as, const char *id, const char *party_id,
                                  fb_demand_source source) {
    fb_demand d;
    memset(&d, 0, sizeof d);
    snprintf(d.id, sizeof d.id, "%s", id);
    snprintf(d.party, sizeof d.party, "%s", party_id);
    d.amount_fen = 1000000;
    snprintf(d.purpose, sizeof d.purpose, "流动资金");
    d.months = 12;
    d.line = FB_LINE_TECHNOLOGY;
    d.source = source;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_demand_check(&d, &field, reason, sizeof reason));
    fb_demand_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_demands_post(L, as, &d, 1, &o));
    return o.result;
}

/* Mode net: a 12-month loan of 10,000,000 fen at 4.0000% (interest only, ACT/360, monthly
 * interest at the monthly rate) enrolled on 2025-01-02 in a scheme of 1.0000 point for 12 months:
 * its term runs from 01-02 to its maturity 2026-01-01 (364 days), ceil(10,000,000 x 1% x 364 /
 * 360) = 101,112 fen it may earn. January's installment, running since 01-01, keeps its contract
 * interest 10,000,000 x 4% / 12 = 33,333 less the subsidy on its 30 days in the term,
 * 10,000,000 x 1% x 30 / 360 = 8,333: 25,000 (what accrued on 01-01 stays). February's, wholly in
 * the term, is charged 3.0000%: 10,000,000 x 3% / 12 = 25,000. The subsidy accrues from 01-02:
 * floor(10,000,000 x 1% x 30 / 360) = 8,333 by 01-31, floor(... x 58 / 360) = 16,111 by 02-28.
 * A scheme of 4.0000 points on it is refused naming points and the contract rate. */
static void a_net_rate_subsidy_charges_the_net_rate_while_it_accrues(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("n", "f1", 10000000, 40000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-01");
    eod("2025-01-01");
    fb_subsidy v = subsidy("SN", FB_SUBSIDY_NET, 100000000);
    v.months = 12;
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, NULL, &v, &o));
    fb_subsidy w = v;
    snprintf(w.id, sizeof w.id, "SX");
    w.points_e6 = 40000;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, NULL, &w, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_NET_RATE_NOT_POSITIVE,
                  sub_act(NULL, "SX", FB_SUBSIDY_ENROL, "n", 0, false, NULL, &o));
    EXPECT_EQ_STR("points", o.field);
    EXPECT_EQ_INT(40000, o.bound);
    EXPECT_EQ_INT(40000, o.value);
    fb_subsidy_act a;
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, sub_act(NULL, "SN", FB_SUBSIDY_ENROL, "n", 0, false, &a, NULL));
    EXPECT_EQ_INT(101112, a.amount_fen);
    EXPECT_EQ_INT(30000, a.net_rate_e6);
    EXPECT_EQ_INT(day("2025-01-02"), a.net_from);
    fb_loan_position p;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "n", &p));
    EXPECT_EQ_INT(40000, p.rate_e6); /* January's installment: the contract rate, less 8,333 */
    verify_ok();
    eod("2025-01-31");
    EXPECT_EQ_INT(8333, balance("sub:SN:receivable"));
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "n", &p));
    EXPECT_EQ_INT(30000, p.rate_e6);
    verify_ok();
    eod("2025-02-28");
    EXPECT_EQ_INT(16111, balance("sub:SN:receivable"));
    fb_installment s[12];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "n", s, 12, &n));
    EXPECT_EQ_INT(12, n);
    EXPECT_EQ_INT(25000, s[0].interest_fen); /* January: 33,333 less 8,333 */
    EXPECT_EQ_INT(25000, s[1].interest_fen); /* February at 3%: 10,000,000 x 3% / 12 */
    verify_ok();
    /* An extension at a new contract rate on 03-01 ends the net rate that day: charged 4.5000%,
     * the subsidy accrues no more (March adds nothing). */
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "n");
    snprintf(c.id, sizeof c.id, "X1");
    snprintf(c.note, sizeof c.note, "展期");
    c.kind = FB_CHANGE_EXTENSION;
    c.months = 6;
    c.rate_e6 = 45000;
    c.method = -1;
    fb_change_result cr;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &cr));
    EXPECT_EQ_INT(FB_CHANGE_DONE, cr);
    eod("2025-03-31");
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "n", &p));
    EXPECT_EQ_INT(45000, p.rate_e6);
    EXPECT_EQ_INT(16111, balance("sub:SN:receivable"));
    verify_ok();
    /* Charged the new rate while the book says the net rate runs: verify names the loan. */
    fb_book_close(L);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK,
                  sqlite3_exec(db, "UPDATE subsidy_net SET net_to = 0", NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    fb_book_close(L);
}

/* Leaving the term: a scheme of 3 months from 2025-01-02 (to 04-02, 90 days): January 33,333
 * less 8,333 (30 days); February and March wholly within, at 3.0000%: 25,000 each; April's
 * installment, which the term ends inside, 33,333 less 10,000,000 x 1% x 1 / 360 = 278: 33,055,
 * at the contract rate; from May 33,333. It may earn and accrues 10,000,000 x 1% x 90 / 360 =
 * 25,000 fen exactly, none after 04-01. */
static void a_net_rate_loan_returns_to_its_contract_rate_when_the_term_ends(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("m", "f1", 10000000, 40000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-01");
    eod("2025-01-01");
    fb_subsidy v = subsidy("SM", FB_SUBSIDY_NET, 100000000);
    v.months = 3;
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, NULL, &v, &o));
    fb_subsidy_act a;
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, sub_act(NULL, "SM", FB_SUBSIDY_ENROL, "m", 0, false, &a, NULL));
    EXPECT_EQ_INT(25000, a.amount_fen);
    eod("2025-03-30");
    fb_loan_position p;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "m", &p));
    EXPECT_EQ_INT(30000, p.rate_e6);
    eod("2025-04-29");
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "m", &p));
    EXPECT_EQ_INT(40000, p.rate_e6);
    eod("2025-05-31");
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "m", &p));
    EXPECT_EQ_INT(40000, p.rate_e6);
    fb_subsidy_view sv;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_get(L, "SM", &sv));
    EXPECT_EQ_INT(25000, sv.accrued_fen);
    fb_installment s[12];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_schedule(L, "m", s, 12, &n));
    EXPECT_EQ_INT(12, n);
    int64_t want[6] = {25000, 25000, 25000, 33055, 33333, 33333};
    for (int k = 0; k < 6; k++)
        EXPECT_EQ_INT(want[k], s[k].interest_fen);
    verify_ok();
    fb_book_close(L);
}

/* A subsidy scheme of a technology-SME list the province keeps as its key enterprises: a
 * borrower the government brought but not from the list is refused naming the list (nothing
 * enrolled); one on it, enrolled. */
static void a_listed_subsidy_enrols_only_the_enterprises_on_its_list(void) {
    open_book();
    party("p1", 1, false);
    party("p3", 3, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("f3", "p3", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("a", "f1", 10000000, 40000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-01");
    loan("c", "f3", 10000000, 40000, 0, 12, FB_METHOD_INTEREST_ONLY, "2025-01-01");
    eod("2025-01-01");
    fb_subsidy v = subsidy("SL", FB_SUBSIDY_DEPOSIT, 100000000);
    v.sizes = 0;
    const char *field = NULL;
    char reason[200];
    v.listed = FB_SOURCE_GOVERNMENT;
    EXPECT_EQ_INT(FB_EINVAL, fb_subsidy_check(&v, &field, reason, sizeof reason));
    EXPECT_EQ_STR("listed", field);
    v.listed = FB_SOURCE_KEY_ENTERPRISES;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_check(&v, &field, reason, sizeof reason));
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, &province, &v, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, o.result);
    fb_subsidy again = v;
    again.listed = FB_SOURCE_ENTERPRISE;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, &province, &again, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_EXISTS_WITH_DIFFERENT, o.result);
    EXPECT_EQ_STR("listed", o.field);
    EXPECT_EQ_INT(FB_DEMAND_DONE, listed_by(&province, "D1", "p1", FB_SOURCE_KEY_ENTERPRISES));
    EXPECT_EQ_INT(FB_DEMAND_DONE, listed_by(&province, "D3", "p3", FB_SOURCE_GOVERNMENT));
    EXPECT_EQ_INT(FB_SUBSIDY_NOT_LISTED,
                  sub_act(NULL, "SL", FB_SUBSIDY_ENROL, "c", 0, false, NULL, &o));
    EXPECT_EQ_STR("listed", o.field);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "SL", FB_SUBSIDY_ENROL, "a", 0, false, NULL, NULL));
    fb_subsidy_view sv;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_get(L, "SL", &sv));
    EXPECT_EQ_INT(1, sv.enrolled);
    EXPECT_EQ_INT(FB_SOURCE_KEY_ENTERPRISES, sv.s.listed);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    test_run("a_net_rate_subsidy_charges_the_net_rate_while_it_accrues",
             a_net_rate_subsidy_charges_the_net_rate_while_it_accrues);
    test_run("a_net_rate_loan_returns_to_its_contract_rate_when_the_term_ends",
             a_net_rate_loan_returns_to_its_contract_rate_when_the_term_ends);
    test_run("a_listed_subsidy_enrols_only_the_enterprises_on_its_list",
             a_listed_subsidy_enrols_only_the_enterprises_on_its_list);
    return test_summary();
}
