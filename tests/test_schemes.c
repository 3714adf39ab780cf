/* test_schemes.c — the government's schemes on the ledger: a risk-compensation pool funded by a
 * government, its eligibility, borrower cap and leverage cap at their boundaries, a claim on a
 * loan exactly the scheme's days overdue, suspension of new coverage when the covered NPL ratio
 * passes its ceiling, a recovery shared back in the same proportion. An interest subsidy: its
 * budget and eligibility at enrolment, a quarter's daily accruals to the fen, its claim, the
 * government's decisions and payment in both modes. A financing guarantee: a split not summing to
 * 100%, the bank's net exposure, a claim exactly at the days past due split into parts that sum
 * exactly, each guarantor paying once, a recovery shared back to who paid, a part overdue.
 * verify after each. */
#include <sqlite3.h>

#include "book.h"
#include "finbridge/coop.h"
#include "finbridge/demand.h"

static const fb_user province = {"gov-ln", FB_ROLE_GOVERNMENT, "", 210000};
static const fb_user dalian = {"gov-dl", FB_ROLE_GOVERNMENT, "", 210200};

static fb_pool scheme(void) {
    fb_pool p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "P1");
    snprintf(p.name, sizeof p.name, "辽宁省科技型中小企业风险补偿资金池");
    p.region = 210000;
    p.lines = 1u << FB_LINE_TECHNOLOGY;
    p.sizes = 1u << FB_SIZE_SMALL | 1u << FB_SIZE_MICRO;
    p.borrower_cap_fen = 25000000;
    p.leverage = 2;
    p.share_e6 = 500000;
    p.overdue_days = 90;
    p.npl_ceiling_e6 = 50000;
    return p;
}

static fb_pool_result act(const fb_user *as, fb_pool_act_kind kind, const char *loan,
                          int64_t amount, fb_pool_act *out, fb_pool_outcome *o) {
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.pool, sizeof a.pool, "P1");
    a.kind = kind;
    if (kind == FB_POOL_FUND) snprintf(a.id, sizeof a.id, "%s", loan);
    if (kind != FB_POOL_FUND) snprintf(a.loan, sizeof a.loan, "%s", loan);
    a.amount_fen = amount;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_pool_act_check(&a, &field, reason, sizeof reason));
    fb_pool_outcome tmp;
    if (!o) o = &tmp;
    int rc = fb_pool_act_make(L, as, &a, o);
    if (rc) printf("    pool act: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    if (out) *out = a;
    return o->result;
}

static fb_pool_view view(void) {
    fb_pool_view v;
    EXPECT_EQ_INT(FB_OK, fb_pool_view_get(L, "P1", &v));
    return v;
}

static void a_scheme_is_checked_and_made_by_its_own_government(void) {
    open_book();
    fb_pool p = scheme();
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_pool_check(&p, &field, reason, sizeof reason));
    p.share_e6 = 1000001;
    EXPECT_EQ_INT(FB_EINVAL, fb_pool_check(&p, &field, reason, sizeof reason));
    EXPECT_EQ_STR("share", field);
    p = scheme();
    p.leverage = FB_POOL_LEVERAGE_MAX + 1;
    EXPECT_EQ_INT(FB_EINVAL, fb_pool_check(&p, &field, reason, sizeof reason));
    EXPECT_EQ_STR("leverage", field);
    p = scheme();
    p.region = 210211; /* a district, not a city */
    EXPECT_EQ_INT(FB_EINVAL, fb_pool_check(&p, &field, reason, sizeof reason));
    EXPECT_EQ_STR("region", field);
    /* No day open yet: refused, nothing written. */
    p = scheme();
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, NULL, &p, &o));
    EXPECT_EQ_INT(FB_POOL_NO_BUSINESS_DATE, o.result);
    eod("2025-01-01");
    /* Dalian's government writes Dalian's schemes, not the province's. */
    p = scheme();
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &dalian, &p, &o));
    EXPECT_EQ_INT(FB_POOL_OUTSIDE_REGION, o.result);
    fb_pool got;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_pool_get(L, "P1", &got));
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &province, &p, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &province, &p, &o));
    EXPECT_EQ_INT(FB_POOL_EXISTS, o.result);
    p.leverage = 3;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, NULL, &p, &o));
    EXPECT_EQ_INT(FB_POOL_EXISTS_WITH_DIFFERENT, o.result);
    EXPECT_EQ_STR("leverage", o.field);
    /* Rules not given are the book's settings, copied into the scheme. */
    fb_pool q = scheme();
    snprintf(q.id, sizeof q.id, "P-DL");
    q.region = 210200;
    q.leverage = q.share_e6 = q.overdue_days = q.npl_ceiling_e6 = 0;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &dalian, &q, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
    EXPECT_EQ_INT(10, q.leverage);
    EXPECT_EQ_INT(500000, q.share_e6);
    EXPECT_EQ_INT(90, q.overdue_days);
    EXPECT_EQ_INT(50000, q.npl_ceiling_e6);
    /* Dalian sees its own pool, not the province's. */
    EXPECT_TRUE(!fb_pool_visible(&p, &dalian) && fb_pool_visible(&q, &dalian));
    EXPECT_TRUE(fb_pool_visible(&q, &province));
    verify_ok();
    fb_book_close(L);
}

/* p1 and p3 micro, p2 large; every loan technology but g, green. */
static void book_with_loans(int64_t share_e6) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, true);
    party("p3", 3, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("f2", "p2", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("f3", "p3", FB_LINE_TECHNOLOGY, 100000000, true);
    facility("fg", "p3", FB_LINE_GREEN, 100000000, true);
    loan("a", "f1", 10000000, 40000, 0, 3, FB_METHOD_BULLET, "2025-01-01");
    loan("b", "f1", 10000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    loan("e", "f1", 5000001, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    loan("c", "f2", 5000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    loan("d", "f3", 100, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    loan("g", "fg", 100, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    eod("2025-01-01");
    fb_pool p = scheme();
    p.share_e6 = share_e6;
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &province, &p, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
}

static void coverage_stops_at_the_caps_and_the_rules(void) {
    book_with_loans(500000);
    /* Funded by the government: idempotent by its id. */
    EXPECT_EQ_INT(FB_POOL_DONE, act(&province, FB_POOL_FUND, "F1", 10000000, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_EXISTS, act(&province, FB_POOL_FUND, "F1", 10000000, NULL, NULL));
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_POOL_EXISTS_WITH_DIFFERENT,
                  act(&province, FB_POOL_FUND, "F1", 20000000, NULL, &o));
    EXPECT_EQ_STR("amount", o.field);
    EXPECT_EQ_INT(FB_POOL_NOT_FOUND, act(&dalian, FB_POOL_FUND, "F2", 1, NULL, NULL));
    EXPECT_EQ_INT(-10000000, balance("pool:P1:fund"));
    /* Coverage is the bank's; a loan outside the lines or sizes is refused. */
    EXPECT_EQ_INT(FB_POOL_NOT_YOURS, act(&province, FB_POOL_COVER, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_LOAN_NOT_FOUND, act(NULL, FB_POOL_COVER, "zz", 0, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_LINE_NOT_ELIGIBLE, act(NULL, FB_POOL_COVER, "g", 0, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_SIZE_NOT_ELIGIBLE, act(NULL, FB_POOL_COVER, "c", 0, NULL, NULL));
    /* Leverage 2 on 10m: 20m of coverage, to the fen. */
    fb_pool_act a;
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "a", 0, &a, NULL));
    EXPECT_EQ_INT(10000000, a.amount_fen);
    EXPECT_EQ_INT(FB_POOL_EXISTS, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "b", 0, NULL, NULL));
    /* The borrower's cap: 25m, 20m covered, 5m and a fen more refused. */
    EXPECT_EQ_INT(FB_POOL_EXCEEDS_BORROWER_CAP, act(NULL, FB_POOL_COVER, "e", 0, NULL, &o));
    EXPECT_EQ_STR("borrower_cap", o.field);
    EXPECT_EQ_INT(5000000, o.bound);
    EXPECT_EQ_INT(FB_POOL_EXCEEDS_LEVERAGE, act(NULL, FB_POOL_COVER, "d", 0, NULL, &o));
    EXPECT_EQ_STR("leverage", o.field);
    EXPECT_EQ_INT(0, o.bound);
    fb_pool_view v = view();
    EXPECT_EQ_INT(2, v.covered_loans);
    EXPECT_EQ_INT(20000000, v.covered_fen);
    EXPECT_EQ_INT(20000000, v.capacity_fen);
    EXPECT_EQ_INT(2000000, v.multiple_e6);
    EXPECT_EQ_INT(1000000, v.leverage_used_e6);
    EXPECT_EQ_INT(0, v.npl_ratio_e6);
    EXPECT_TRUE(!v.suspended);
    /* One more fen of funding makes room for the 100-fen loan. */
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_FUND, "F2", 50, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "d", 0, NULL, NULL));
    verify_ok();
    fb_book_close(L);
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

/* A pool of the province's key enterprises: a borrower on no list, on a government's demand but
 * not from the list, or only on Dalian's list is refused naming the rule; on the province's list
 * it is covered. Pools and subsidies share the other rules of eligibility (lines, sizes). */
static void a_listed_pool_covers_only_the_enterprises_on_its_list(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("a", "f1", 10000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    eod("2025-01-01");
    fb_pool p = scheme();
    p.listed = FB_SOURCE_MAJOR_PROJECTS + 1;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_EINVAL, fb_pool_check(&p, &field, reason, sizeof reason));
    EXPECT_EQ_STR("listed", field);
    p.listed = FB_SOURCE_GOVERNMENT;
    EXPECT_EQ_INT(FB_EINVAL, fb_pool_check(&p, &field, reason, sizeof reason));
    p.listed = FB_SOURCE_KEY_ENTERPRISES;
    EXPECT_EQ_INT(FB_OK, fb_pool_check(&p, &field, reason, sizeof reason));
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &province, &p, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
    fb_pool again = p;
    again.listed = FB_SOURCE_ENTERPRISE;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &province, &again, &o));
    EXPECT_EQ_INT(FB_POOL_EXISTS_WITH_DIFFERENT, o.result);
    EXPECT_EQ_STR("listed", o.field);
    EXPECT_EQ_INT(FB_POOL_DONE, act(&province, FB_POOL_FUND, "F1", 10000000, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_NOT_LISTED, act(NULL, FB_POOL_COVER, "a", 0, NULL, &o));
    EXPECT_EQ_STR("listed", o.field);
    EXPECT_EQ_INT(FB_DEMAND_DONE, listed_by(&dalian, "D1", "p1", FB_SOURCE_GOVERNMENT));
    EXPECT_EQ_INT(FB_POOL_NOT_LISTED, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(FB_DEMAND_DONE, listed_by(&dalian, "D2", "p1", FB_SOURCE_KEY_ENTERPRISES));
    EXPECT_EQ_INT(FB_POOL_NOT_LISTED, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(0, view().covered_loans);
    EXPECT_EQ_INT(FB_DEMAND_DONE, listed_by(&province, "D3", "p1", FB_SOURCE_KEY_ENTERPRISES));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(1, view().covered_loans);
    fb_pool got;
    EXPECT_EQ_INT(FB_OK, fb_pool_get(L, "P1", &got));
    EXPECT_EQ_INT(FB_SOURCE_KEY_ENTERPRISES, got.listed);
    verify_ok();
    fb_book_close(L);
}

static void a_claim_at_the_days_overdue_and_a_recovery_shared_back(void) {
    book_with_loans(500000);
    EXPECT_EQ_INT(FB_POOL_DONE, act(&province, FB_POOL_FUND, "F1", 10000000, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_NOT_COVERED, act(NULL, FB_POOL_CLAIM, "b", 0, NULL, NULL));
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_POOL_NOT_CLAIMABLE, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, &o));
    EXPECT_EQ_STR("overdue_days", o.field);
    EXPECT_EQ_INT(FB_POOL_NOT_CLAIMED, act(NULL, FB_POOL_SHARE_BACK, "a", 0, NULL, NULL));
    /* Bullet a falls due on 2025-04-01 unpaid: 89 days on 06-28, 90 on 06-29. */
    drain("p1");
    eod("2025-06-28");
    EXPECT_EQ_INT(89, position("a").days_past_due);
    EXPECT_EQ_INT(FB_POOL_NOT_CLAIMABLE, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, &o));
    EXPECT_EQ_INT(90, o.bound);
    EXPECT_EQ_INT(89, o.value);
    eod("2025-06-29");
    fb_pool_act a;
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_CLAIM, "a", 0, &a, NULL));
    EXPECT_EQ_INT(FB_TRIGGER_OVERDUE, a.trigger);
    EXPECT_EQ_INT(10000000, a.basis_fen);
    EXPECT_EQ_INT(5000000, a.amount_fen);
    EXPECT_EQ_INT(FB_POOL_EXISTS, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, NULL));
    EXPECT_EQ_INT(-5000000, balance("pool:P1:fund"));
    EXPECT_EQ_INT(-5000000, balance("pool:P1:paid"));
    verify_ok();
    /* Substandard from 91 days: the covered NPL ratio is 100%, above 5%: coverage suspended. */
    eod("2025-06-30");
    fb_pool_view v = view();
    EXPECT_EQ_INT(1000000, v.npl_ratio_e6);
    EXPECT_TRUE(v.suspended);
    EXPECT_EQ_INT(FB_POOL_SUSPENDED, act(NULL, FB_POOL_COVER, "d", 0, NULL, &o));
    EXPECT_EQ_STR("npl_ceiling", o.field);
    EXPECT_EQ_INT(FB_POOL_NOTHING_RECOVERED, act(NULL, FB_POOL_SHARE_BACK, "a", 0, NULL, NULL));
    /* The borrower pays 3m: what reaches principal is recovered; half of it goes back. */
    fb_loan_position before = position("a");
    fund("p1", 3000000);
    eod("2025-07-01");
    fb_loan_position after = position("a");
    int64_t recovered = before.principal_fen - after.principal_fen;
    EXPECT_TRUE(recovered > 0);
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_SHARE_BACK, "a", 0, &a, NULL));
    EXPECT_EQ_INT((recovered + 1) / 2, a.amount_fen);
    EXPECT_EQ_INT(FB_POOL_NOTHING_RECOVERED, act(NULL, FB_POOL_SHARE_BACK, "a", 0, NULL, NULL));
    v = view();
    EXPECT_EQ_INT(5000000, v.paid_fen);
    EXPECT_EQ_INT((recovered + 1) / 2, v.returned_fen);
    EXPECT_EQ_INT(10000000 - 5000000 + (recovered + 1) / 2, v.balance_fen);
    EXPECT_EQ_INT(1, v.claims);
    verify_ok();
    /* The figures the view read are kept: verify recounts them from the covers and the loans. */
    fb_book_close(L);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK,
                  sqlite3_exec(db, "UPDATE pool_kept SET npl = npl + 1", NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    fb_book_close(L);
}

static void a_claim_larger_than_the_pool_is_refused(void) {
    book_with_loans(1000000); /* the pool bears the whole loss */
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_FUND, "F1", 5000000, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    drain("p1");
    eod("2025-06-29");
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_POOL_INSUFFICIENT_BALANCE, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, &o));
    EXPECT_EQ_INT(5000000, o.bound);
    EXPECT_EQ_INT(10000000, o.value);
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_FUND, "F2", 4999999, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_INSUFFICIENT_BALANCE, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_FUND, "F3", 1, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, &o));
    EXPECT_EQ_INT(0, balance("pool:P1:fund"));
    verify_ok();
    fb_book_close(L);
}

/* ---- Interest subsidies ------------------------------------------------------------------ */

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

/* An agreement of the province over 2025 with a target on each measure of ms. */
static void schemes_agreement(const fb_measure *ms, const int64_t *amounts, size_t n) {
    fb_agreement *a = calloc(1, sizeof *a);
    snprintf(a->id, sizeof a->id, "A-SCHEMES");
    snprintf(a->bank, sizeof a->bank, "辽宁分行");
    a->region = 210000;
    a->start_date = day("2025-01-01");
    a->end_date = day("2025-12-31");
    for (size_t i = 0; i < n; i++)
        a->targets[a->n_targets++] = (fb_target){ms[i], "", amounts[i]};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_agreement_check(a, &field, reason, sizeof reason));
    bool exists = false;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, a, &exists));
    free(a);
}

/* The progress of the agreement's target on m, on as_of. */
static fb_progress progress_on(fb_measure m, const char *as_of) {
    fb_progress *out = calloc(FB_TARGETS_MAX, sizeof *out), p;
    memset(&p, 0, sizeof p);
    size_t n = 0;
    int rc = fb_agreement_progress(L, "A-SCHEMES", day(as_of), out, &n);
    if (rc) printf("    progress: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    for (size_t i = 0; i < n; i++)
        if (out[i].target.measure == m) p = out[i];
    EXPECT_EQ_INT((int)m, (int)p.target.measure);
    free(out);
    return p;
}

static void eod_through_march(void) {
    eod("2025-01-31");
    eod("2025-02-28");
    eod("2025-03-30");
}

static void a_subsidy_accrues_daily_within_its_budget_and_is_claimed_by_quarter(void) {
    book_with_loans(500000);
    /* Points paid to the borrower's deposit, over the scheme's 730 days (mode net, whose term
     * ends at maturity at the latest: the tests below). */
    fb_subsidy v = subsidy("S1", FB_SUBSIDY_NET, 202778 + 100);
    v.mode = FB_SUBSIDY_DEPOSIT;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_subsidy_check(&v, &field, reason, sizeof reason));
    v.share_e6 = 1;
    EXPECT_EQ_INT(FB_EINVAL, fb_subsidy_check(&v, &field, reason, sizeof reason));
    EXPECT_EQ_STR("points", field);
    v.share_e6 = 0;
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, &dalian, &v, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_OUTSIDE_REGION, o.result);
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, &province, &v, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, o.result);
    /* b: 10m for 730 days at 1 point: ceil(10m x 1% x 730 / 360) = 202,778 fen it may earn. */
    fb_subsidy_act a;
    EXPECT_EQ_INT(FB_SUBSIDY_NOT_YOURS,
                  sub_act(&province, "S1", FB_SUBSIDY_ENROL, "b", 0, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_SIZE_NOT_ELIGIBLE,
                  sub_act(NULL, "S1", FB_SUBSIDY_ENROL, "c", 0, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_LINE_NOT_ELIGIBLE,
                  sub_act(NULL, "S1", FB_SUBSIDY_ENROL, "g", 0, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, sub_act(NULL, "S1", FB_SUBSIDY_ENROL, "b", 0, false, &a, NULL));
    EXPECT_EQ_INT(202778, a.amount_fen);
    EXPECT_EQ_INT(FB_SUBSIDY_EXISTS,
                  sub_act(NULL, "S1", FB_SUBSIDY_ENROL, "b", 0, false, NULL, NULL));
    /* 100 fen of budget left: e (101,389) is refused, d (3) fits. */
    EXPECT_EQ_INT(FB_SUBSIDY_EXCEEDS_BUDGET,
                  sub_act(NULL, "S1", FB_SUBSIDY_ENROL, "e", 0, false, NULL, &o));
    EXPECT_EQ_STR("budget", o.field);
    EXPECT_EQ_INT(100, o.bound);
    EXPECT_EQ_INT(101389, o.value);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, sub_act(NULL, "S1", FB_SUBSIDY_ENROL, "d", 0, false, &a, NULL));
    EXPECT_EQ_INT(3, a.amount_fen);
    /* 89 days of the first quarter closed: floor(89 x 10m x 1% / 360) = 24,722 fen accrued. */
    eod_through_march();
    EXPECT_EQ_INT(FB_SUBSIDY_QUARTER_OPEN,
                  sub_act(NULL, "S1", FB_SUBSIDY_CLAIM, NULL, 20251, false, NULL, NULL));
    eod("2025-03-31");
    EXPECT_EQ_INT(24722, balance("sub:S1:receivable"));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S1", FB_SUBSIDY_CLAIM, NULL, 20251, false, &a, NULL));
    EXPECT_EQ_INT(1, a.lines); /* d's quarter earned less than a fen */
    EXPECT_EQ_INT(24722, a.amount_fen);
    EXPECT_EQ_INT(FB_SUBSIDY_EXISTS,
                  sub_act(NULL, "S1", FB_SUBSIDY_CLAIM, NULL, 20251, false, NULL, NULL));
    fb_subsidy_line lines[4];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines(L, "S1", 20251, lines, 4, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_STR("b", lines[0].loan);
    EXPECT_EQ_INT(89, lines[0].days);
    /* The government decides each line; paid once all are decided. */
    EXPECT_EQ_INT(FB_SUBSIDY_UNDECIDED,
                  sub_act(&province, "S1", FB_SUBSIDY_PAY, NULL, 20251, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_NOT_YOURS,
                  sub_act(&dalian, "S1", FB_SUBSIDY_DECIDE, "b", 20251, true, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_NOT_IN_CLAIM,
                  sub_act(&province, "S1", FB_SUBSIDY_DECIDE, "d", 20251, true, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(&province, "S1", FB_SUBSIDY_DECIDE, "b", 20251, true, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_LINE_DECIDED,
                  sub_act(&province, "S1", FB_SUBSIDY_DECIDE, "b", 20251, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(&province, "S1", FB_SUBSIDY_PAY, NULL, 20251, false, &a, NULL));
    EXPECT_EQ_INT(24722, a.amount_fen);
    EXPECT_EQ_INT(0, balance("sub:S1:receivable"));
    EXPECT_EQ_INT(0, balance("sub:S1:payable"));
    fb_subsidy_view sv;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_get(L, "S1", &sv));
    EXPECT_EQ_INT(97, sv.budget_left_fen);
    EXPECT_EQ_INT(24722, sv.paid_fen);
    /* The agreement's measure: the subsidy paid in the period, on the day it was paid. */
    eod("2025-04-01");
    fb_measure m = FB_MEASURE_SUBSIDY_PAID;
    int64_t target = 100000;
    schemes_agreement(&m, &target, 1);
    EXPECT_EQ_INT(0, progress_on(m, "2025-03-31").achieved);
    fb_progress p = progress_on(m, "2025-04-01");
    EXPECT_EQ_INT(24722, p.achieved);
    EXPECT_TRUE(!p.floor && !p.ceiling);
    verify_ok();
    fb_book_close(L);
}

static void a_deposit_subsidy_reaches_the_borrower_and_a_rejected_line_is_reversed(void) {
    book_with_loans(500000);
    fb_subsidy v = subsidy("S2", FB_SUBSIDY_DEPOSIT, 100000000);
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, NULL, &v, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, o.result);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S2", FB_SUBSIDY_ENROL, "b", 0, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S2", FB_SUBSIDY_ENROL, "e", 0, false, NULL, NULL));
    eod_through_march();
    eod("2025-03-31");
    fb_subsidy_act a;
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S2", FB_SUBSIDY_CLAIM, NULL, 20251, false, &a, NULL));
    EXPECT_EQ_INT(2, a.lines);
    fb_subsidy_line lines[4];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines(L, "S2", 20251, lines, 4, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_INT(a.amount_fen, lines[0].amount_fen + lines[1].amount_fen);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S2", FB_SUBSIDY_DECIDE, "b", 20251, true, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S2", FB_SUBSIDY_DECIDE, "e", 20251, false, NULL, NULL));
    int64_t before = balance("dep:p1");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE,
                  sub_act(NULL, "S2", FB_SUBSIDY_PAY, NULL, 20251, false, &a, NULL));
    EXPECT_EQ_INT(lines[0].amount_fen, a.amount_fen); /* b's, approved */
    EXPECT_EQ_INT(-lines[0].amount_fen, balance("dep:p1") - before);
    EXPECT_EQ_INT(0, balance("sub:S2:receivable"));
    EXPECT_EQ_INT(0, balance("sub:S2:payable"));
    EXPECT_EQ_INT(FB_SUBSIDY_EXISTS,
                  sub_act(NULL, "S2", FB_SUBSIDY_PAY, NULL, 20251, false, NULL, NULL));
    EXPECT_EQ_INT(FB_SUBSIDY_PAID,
                  sub_act(NULL, "S2", FB_SUBSIDY_DECIDE, "e", 20251, true, NULL, NULL));
    verify_ok();
    fb_book_close(L);
}

/* ---- Government financing guarantees ----------------------------------------------------- */

static fb_guarantee guarantee(const char *id, const char *loan) {
    fb_guarantee g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "%s", id);
    snprintf(g.loan, sizeof g.loan, "%s", loan);
    snprintf(g.company, sizeof g.company, "p2"); /* the guarantee company, a party */
    return g;
}

static void a_guarantee_splits_a_default_and_each_guarantor_pays_its_part(void) {
    book_with_loans(500000);
    fb_guarantee g = guarantee("G1", "a");
    const char *field = NULL;
    char reason[200];
    g.split_e6[0] = 400000;
    g.split_e6[1] = 200000;
    g.split_e6[2] = 200000;
    g.split_e6[3] = 199999; /* 99.9999% */
    EXPECT_EQ_INT(FB_EINVAL, fb_guarantee_check(&g, &field, reason, sizeof reason));
    EXPECT_EQ_STR("split", field);
    g.split_e6[3] = 200000;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_check(&g, &field, reason, sizeof reason));
    memset(g.split_e6, 0, sizeof g.split_e6); /* the settings: 4:2:2:2 */
    g.covered_e6 = 800000;                    /* 80% of the loan guaranteed */
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(400000, g.split_e6[0]);
    EXPECT_EQ_INT(90, g.pay_days);
    fb_guarantee other = guarantee("G2", "a");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &other, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_GUARANTEED_ALREADY, r);
    other = guarantee("G3", "zz");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &other, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_LOAN_NOT_FOUND, r);
    other = guarantee("G4", "c"); /* c is p2's own loan */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &other, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_COMPANY_IS_BORROWER, r);
    /* The bank bears 10m - 8m + 20% of 8m = 3.6m. */
    fb_guarantee_view v;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G1", &v));
    EXPECT_EQ_INT(3600000, v.net_exposure_fen);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_NOT_DEFAULTED, r);
    drain("p1");
    eod("2025-06-28"); /* 89 days */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_NOT_DEFAULTED, r);
    eod("2025-06-29"); /* 90 days: claimed on 80% of 10m */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(8000000, v.basis_fen);
    EXPECT_EQ_INT(3200000, v.owed_fen[FB_GUARANTOR_COMPANY]);
    EXPECT_EQ_INT(1600000, v.owed_fen[FB_GUARANTOR_NATIONAL]);
    EXPECT_EQ_INT(1600000, v.owed_fen[FB_GUARANTOR_PROVINCIAL]);
    EXPECT_EQ_INT(6400000, balance("gl:guarantee_due:company") +
                               balance("gl:guarantee_due:national_fund") +
                               balance("gl:guarantee_due:provincial"));
    verify_ok();
    int64_t paid = 0;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_pay(L, "G1", FB_GUARANTOR_BANK, &paid, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_NOTHING_OWED, r);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_pay(L, "G1", FB_GUARANTOR_NATIONAL, &paid, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(1600000, paid);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_pay(L, "G1", FB_GUARANTOR_NATIONAL, &paid, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_EXISTS, r);
    EXPECT_EQ_INT(0, balance("gl:guarantee_due:national_fund"));
    /* The borrower pays 3m: what reaches principal is recovered; the national fund, which paid,
     * gets its 20% of the 80% guaranteed of it back; the others paid nothing and get nothing. */
    int64_t back = 0;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_share_back(L, "G1", &back, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_NOTHING_RECOVERED, r);
    int64_t before = position("a").principal_fen;
    fund("p1", 3000000);
    eod("2025-06-30");
    int64_t recovered = before - position("a").principal_fen;
    EXPECT_TRUE(recovered > 0);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_share_back(L, "G1", &back, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    int64_t guaranteed = (recovered * 8 + 5) / 10;
    EXPECT_EQ_INT((guaranteed * 2 + 5) / 10, back);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_share_back(L, "G1", &back, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_NOTHING_RECOVERED, r);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G1", &v));
    EXPECT_EQ_INT((guaranteed * 2 + 5) / 10, v.returned_fen[FB_GUARANTOR_NATIONAL]);
    EXPECT_EQ_INT(0, v.returned_fen[FB_GUARANTOR_COMPANY]);
    verify_ok();
    /* Past the 90 days to pay, the company's and the province's parts are overdue. */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G1", &v));
    EXPECT_TRUE(!v.overdue);
    eod("2025-07-31");
    eod("2025-08-31");
    eod("2025-09-28");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G1", &v));
    EXPECT_TRUE(v.overdue);
    verify_ok();
    fb_book_close(L);
}

/* Shares that do not divide the fen: each guarantor's part half up, the company the remainder,
 * the parts and the bank's share summing exactly to the claim. */
static void a_claims_parts_sum_exactly(void) {
    book_with_loans(500000);
    fb_guarantee g = guarantee("G1", "a");
    g.covered_e6 = 123457; /* 1,234,570 fen of the 10m */
    g.split_e6[0] = 300001;
    g.split_e6[1] = 300001;
    g.split_e6[2] = 200000;
    g.split_e6[3] = 199998;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    drain("p1");
    eod("2025-06-29");
    fb_guarantee_view v;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(1234570, v.basis_fen);
    EXPECT_EQ_INT(370372, v.owed_fen[FB_GUARANTOR_NATIONAL]);   /* 370,372.23 */
    EXPECT_EQ_INT(246914, v.owed_fen[FB_GUARANTOR_PROVINCIAL]); /* exact */
    /* The bank keeps 246,911.53 -> 246,912; the company the rest: 370,372. */
    EXPECT_EQ_INT(370372, v.owed_fen[FB_GUARANTOR_COMPANY]);
    EXPECT_EQ_INT(1234570 - 246912, v.owed_fen[0] + v.owed_fen[1] + v.owed_fen[2]);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_EXISTS, r);
    verify_ok();
    fb_book_close(L);
}

static fb_guarantee_result fee_of(const char *id, int64_t *fee, int32_t *year, int64_t *available) {
    fb_guarantee_result r = FB_GUARANTEE_DONE;
    int64_t f = 0, a = 0;
    int32_t y = 0;
    int rc = fb_guarantee_charge_fee(L, id, &f, &y, &a, &r);
    if (rc) printf("    fee: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    if (fee) *fee = f;
    if (year) *year = y;
    if (available) *available = a;
    return r;
}

/* The guarantee company's fee: a year at a time, the rate on the part guaranteed, the borrower's
 * deposit to the company's; a rate above the 1% target kept; refused for want of funds to the
 * fen, and once the guarantee is claimed on; the next year's on its first day. */
static void a_guarantee_fee_is_charged_a_year_at_a_time(void) {
    book_with_loans(500000);
    fb_guarantee g = guarantee("G1", "a");
    g.covered_e6 = 800000;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(10000, g.fee_e6); /* the setting: 1% */
    fb_guarantee g2 = guarantee("G2", "b");
    g2.fee_e6 = 15000; /* 1.5%: above the target, kept */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g2, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    fb_guarantee_view v;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G2", &v));
    EXPECT_EQ_INT(15000, v.g.fee_e6);
    int64_t fee = 0, available = 0, company = balance("dep:p2");
    int32_t year = 0;
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, fee_of("G1", &fee, &year, NULL));
    EXPECT_EQ_INT(80000, fee); /* 1% of 80% of 10m */
    EXPECT_EQ_INT(1, year);
    EXPECT_EQ_INT(company - 80000, balance("dep:p2"));
    EXPECT_EQ_INT(FB_GUARANTEE_EXISTS, fee_of("G1", &fee, NULL, NULL));
    EXPECT_EQ_INT(80000, fee);
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, fee_of("G2", &fee, NULL, NULL));
    EXPECT_EQ_INT(150000, fee);
    /* e: 1% of 5,000,001 is 50,000.01, half up 50,000: a fen short is refused. */
    fb_guarantee g3 = guarantee("G3", "e");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g3, &r));
    drain("p1");
    EXPECT_EQ_INT(FB_GUARANTEE_INSUFFICIENT_FUNDS, fee_of("G3", &fee, NULL, &available));
    EXPECT_EQ_INT(50000, fee);
    EXPECT_EQ_INT(0, available);
    fund("p1", 49999);
    EXPECT_EQ_INT(FB_GUARANTEE_INSUFFICIENT_FUNDS, fee_of("G3", NULL, NULL, &available));
    EXPECT_EQ_INT(49999, available);
    fund("p1", 1);
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, fee_of("G3", &fee, NULL, NULL));
    EXPECT_EQ_INT(0, balance("dep:p1"));
    EXPECT_EQ_INT(FB_GUARANTEE_NOT_FOUND, fee_of("G9", NULL, NULL, NULL));
    verify_ok();
    /* a 90 days past due, claimed on: its guarantee is over. b's second year begins on
     * 2026-01-02, a year from the guarantee. */
    eod("2025-06-29");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    eod("2025-12-31");
    fund("p1", 150000);
    EXPECT_EQ_INT(FB_GUARANTEE_EXISTS, fee_of("G2", NULL, &year, NULL));
    EXPECT_EQ_INT(1, year);
    eod("2026-01-01");
    fund("p1", 150000);
    EXPECT_EQ_INT(FB_GUARANTEE_CLAIMED, fee_of("G1", NULL, NULL, NULL));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, fee_of("G2", &fee, &year, NULL));
    EXPECT_EQ_INT(2, year);
    EXPECT_EQ_INT(150000, fee);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G2", &v));
    EXPECT_EQ_INT(2, v.fee_years);
    EXPECT_EQ_INT(300000, v.fees_fen);
    verify_ok();
    fb_book_close(L);
}

/* The agreement's measures of the pools and the guarantees, from the close of each day: the
 * leverage used (a floor), the compensation paid on its day, the guaranteed share of inclusive
 * lending (a floor). */
static void the_agreements_measure_the_schemes(void) {
    book_with_loans(500000);
    EXPECT_EQ_INT(FB_POOL_DONE, act(&province, FB_POOL_FUND, "F1", 10000000, NULL, NULL));
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_COVER, "a", 0, NULL, NULL));
    fb_guarantee g = guarantee("G1", "b");
    g.covered_e6 = 800000;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    eod("2025-01-02");
    fb_measure ms[] = {FB_MEASURE_POOL_LEVERAGE_USED_MIN, FB_MEASURE_POOL_COMPENSATION,
                       FB_MEASURE_GUARANTEED_SHARE_MIN, FB_MEASURE_INCLUSIVE_BALANCE};
    int64_t amounts[] = {600000, 10000000, 100000, 1};
    schemes_agreement(ms, amounts, 4);
    /* Closed before the pool covered anything: nothing; on 01-02 10m of 2 x 10m. */
    EXPECT_EQ_INT(0, progress_on(ms[0], "2025-01-01").achieved);
    fb_progress p = progress_on(ms[0], "2025-01-02");
    EXPECT_EQ_INT(500000, p.achieved);
    EXPECT_TRUE(p.floor && !p.on_track);
    /* 80% of b's 10m over the inclusive balance, half up. */
    int64_t inclusive = progress_on(ms[3], "2025-01-02").achieved;
    EXPECT_TRUE(inclusive >= 10000000);
    p = progress_on(ms[2], "2025-01-02");
    EXPECT_EQ_INT((8000000LL * 2000000 + inclusive) / (2 * inclusive), p.achieved);
    EXPECT_TRUE(p.floor && p.achieved >= 100000 && p.on_track);
    /* a 90 days past due: the pool pays half of it on 06-30; the pool's balance halves, its
     * capacity with it, and a is still covered: all of the leverage used. */
    drain("p1");
    eod("2025-06-29");
    EXPECT_EQ_INT(FB_POOL_DONE, act(NULL, FB_POOL_CLAIM, "a", 0, NULL, NULL));
    eod("2025-06-30");
    EXPECT_EQ_INT(0, progress_on(ms[1], "2025-06-29").achieved);
    p = progress_on(ms[1], "2025-06-30");
    EXPECT_EQ_INT(5000000, p.achieved);
    EXPECT_TRUE(!p.floor && !p.ceiling);
    p = progress_on(ms[0], "2025-06-30");
    EXPECT_EQ_INT(1000000, p.achieved);
    EXPECT_TRUE(p.on_track);
    /* What a government reads: one borrower behind each figure, below the small cell, kept from
     * it; with a cell of one, shown. */
    fb_progress *pp = calloc(FB_TARGETS_MAX, sizeof *pp);
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 2));
    EXPECT_EQ_INT(FB_OK,
                  fb_agreement_progress_protected(L, "A-SCHEMES", day("2025-06-30"), pp, &n));
    int hidden = 0;
    for (size_t i = 0; i < n; i++)
        hidden += pp[i].target.measure != FB_MEASURE_INCLUSIVE_BALANCE && pp[i].hidden;
    EXPECT_EQ_INT(3, hidden);
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 1));
    EXPECT_EQ_INT(FB_OK,
                  fb_agreement_progress_protected(L, "A-SCHEMES", day("2025-06-30"), pp, &n));
    for (size_t i = 0; i < n; i++)
        EXPECT_TRUE(!pp[i].hidden);
    free(pp);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    test_run("a_scheme_is_checked_and_made_by_its_own_government",
             a_scheme_is_checked_and_made_by_its_own_government);
    test_run("coverage_stops_at_the_caps_and_the_rules", coverage_stops_at_the_caps_and_the_rules);
    test_run("a_listed_pool_covers_only_the_enterprises_on_its_list",
             a_listed_pool_covers_only_the_enterprises_on_its_list);
    test_run("a_claim_at_the_days_overdue_and_a_recovery_shared_back",
             a_claim_at_the_days_overdue_and_a_recovery_shared_back);
    test_run("a_claim_larger_than_the_pool_is_refused", a_claim_larger_than_the_pool_is_refused);
    test_run("a_subsidy_accrues_daily_within_its_budget_and_is_claimed_by_quarter",
             a_subsidy_accrues_daily_within_its_budget_and_is_claimed_by_quarter);
    test_run("a_deposit_subsidy_reaches_the_borrower_and_a_rejected_line_is_reversed",
             a_deposit_subsidy_reaches_the_borrower_and_a_rejected_line_is_reversed);
    test_run("a_guarantee_splits_a_default_and_each_guarantor_pays_its_part",
             a_guarantee_splits_a_default_and_each_guarantor_pays_its_part);
    test_run("a_claims_parts_sum_exactly", a_claims_parts_sum_exactly);
    test_run("the_agreements_measure_the_schemes", the_agreements_measure_the_schemes);
    test_run("a_guarantee_fee_is_charged_a_year_at_a_time",
             a_guarantee_fee_is_charged_a_year_at_a_time);
    return test_summary();
}
