/* test_scheme_report.c — what the dashboard reads of the schemes (scheme_report.h): the
 * guarantees by the borrowers' city are the sums of the book's own views of each guarantee (the
 * bank's net exposure, each guarantor's part owed and paid), with the region's total; a
 * government reads its region's cities only, a city of fewer borrowers than report_min_cell
 * hidden and, when it alone would be, the smallest other city too (the total less the cities
 * shown never gives one); the subsidy schemes a government may see are its region's, their
 * claims by quarter count the lines decided, and a claim of too few borrowers hides its amounts
 * from a government (null on the door); a guarantee company reads its own guarantees summed, a
 * borrower its loans' subsidies received and pending (scheme_own.c). */
#include "book.h"
#include "wire/pool_json.h"
#include "wire/scheme_own_json.h"
#include "wire/scheme_report_json.h"
#include "wire/subsidy_json.h"
#include "wire/subsidy_lines_json.h"

static const fb_user province = {"gov-ln", FB_ROLE_GOVERNMENT, "", 210000};
static const fb_user dalian = {"gov-dl", FB_ROLE_GOVERNMENT, "", 210200};
static const fb_user shenyang = {"gov-sy", FB_ROLE_GOVERNMENT, "", 210100};

/* A micro enterprise of the division (a big one: the guarantee company). */
static void firm(const char *id, int serial, int32_t division, bool big) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91%06dMA0R%05d", division, serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = division;
    p.industry = 3670;
    p.figures = big ? (fb_firm_figures){5000, 900000000000LL, 900000000000LL}
                    : (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

static void guarantee(const char *id, const char *loan, int64_t covered_e6) {
    fb_guarantee g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "%s", id);
    snprintf(g.loan, sizeof g.loan, "%s", loan);
    snprintf(g.company, sizeof g.company, "gc");
    g.covered_e6 = covered_e6;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
}

/* Four Dalian borrowers (d1's loan a 3-month bullet that defaults), one of Shenyang; each loan
 * guaranteed by gc, s1's half. */
static void make_book(void) {
    open_book();
    firm("gc", 1, 210102, true);
    const char *dl[] = {"d1", "d2", "d3", "d4"};
    char fac[16], ln[16];
    for (int i = 0; i < 4; i++) {
        firm(dl[i], 10 + i, 210211, false);
        snprintf(fac, sizeof fac, "f-%s", dl[i]);
        snprintf(ln, sizeof ln, "l-%s", dl[i]);
        facility(fac, dl[i], FB_LINE_INCLUSIVE, 500000000, true);
        loan(ln, fac, 100000000, 40000, 0, i == 0 ? 3 : 24, FB_METHOD_BULLET, "2025-01-01");
    }
    firm("s1", 20, 210102, false);
    facility("f-s1", "s1", FB_LINE_INCLUSIVE, 500000000, true);
    loan("l-s1", "f-s1", 100000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    eod("2025-01-01");
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "g-%s", dl[i]);
        snprintf(ln, sizeof ln, "l-%s", dl[i]);
        guarantee(id, ln, 0);
    }
    guarantee("g-s1", "l-s1", 500000);
}

/* The row of city in rows, or NULL. */
static const fb_guarantee_row *row_of(const fb_guarantee_row *rows, size_t n, int32_t city) {
    for (size_t i = 0; i < n; i++)
        if (rows[i].city == city) return &rows[i];
    return NULL;
}

/* A row equals the sum of the views of the guarantees ids. */
static void row_is_the_views(const fb_guarantee_row *r, const char *const *ids, size_t n_ids) {
    EXPECT_TRUE(r != NULL && !r->suppressed);
    if (!r) return;
    fb_guarantee_row sum;
    memset(&sum, 0, sizeof sum);
    for (size_t i = 0; i < n_ids; i++) {
        fb_guarantee_view v;
        EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, ids[i], &v));
        sum.principal_fen += v.principal_fen;
        sum.guaranteed_fen += v.principal_fen * v.g.covered_e6 / 1000000;
        sum.net_exposure_fen += v.net_exposure_fen;
        sum.basis_fen += v.basis_fen;
        sum.claims += v.claimed != 0;
        for (int k = 0; k < 3; k++) {
            sum.owed_fen[k] += v.owed_fen[k];
            sum.paid_fen[k] += v.paid_fen[k];
        }
    }
    EXPECT_EQ_INT((int64_t)n_ids, r->guarantees);
    EXPECT_EQ_INT(sum.principal_fen, r->principal_fen);
    EXPECT_EQ_INT(sum.guaranteed_fen, r->guaranteed_fen);
    EXPECT_EQ_INT(sum.net_exposure_fen, r->net_exposure_fen);
    EXPECT_EQ_INT(sum.basis_fen, r->basis_fen);
    EXPECT_EQ_INT(sum.claims, r->claims);
    for (int k = 0; k < 3; k++) {
        EXPECT_EQ_INT(sum.owed_fen[k], r->owed_fen[k]);
        EXPECT_EQ_INT(sum.paid_fen[k], r->paid_fen[k]);
    }
}

static void guarantees_by_city_are_the_views_summed(void) {
    make_book();
    fb_guarantee_row rows[FB_GUARANTEE_ROWS_MAX];
    size_t n = 0;
    static const char *const dl[] = {"g-d1", "g-d2", "g-d3", "g-d4"}, *const sy[] = {"g-s1"},
                             *const all[] = {"g-d1", "g-d2", "g-d3", "g-d4", "g-s1"};
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, NULL, rows, FB_GUARANTEE_ROWS_MAX, &n));
    EXPECT_EQ_INT(3, n); /* Shenyang, Dalian, the province */
    EXPECT_EQ_INT(210100, rows[0].city);
    EXPECT_EQ_INT(210000, rows[n - 1].city);
    row_is_the_views(row_of(rows, n, 210200), dl, 4);
    row_is_the_views(row_of(rows, n, 210100), sy, 1);
    row_is_the_views(row_of(rows, n, 210000), all, 5);
    /* Half of s1's 1m guaranteed, the bank's 20% of it: 1m - 0.5m + 0.1m. */
    EXPECT_EQ_INT(60000000, row_of(rows, n, 210100)->net_exposure_fen);
    EXPECT_EQ_INT(4, row_of(rows, n, 210200)->borrowers);
    /* d1 defaults; claimed at 90 days; the company pays its part. */
    drain("d1");
    eod("2025-06-29");
    fb_guarantee_view v;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "g-d1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    int64_t paid = 0;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_pay(L, "g-d1", FB_GUARANTOR_COMPANY, &paid, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, NULL, rows, FB_GUARANTEE_ROWS_MAX, &n));
    const fb_guarantee_row *d = row_of(rows, n, 210200);
    row_is_the_views(d, dl, 4);
    row_is_the_views(row_of(rows, n, 210000), all, 5);
    EXPECT_EQ_INT(1, d->claims);
    EXPECT_EQ_INT(40000000, d->owed_fen[FB_GUARANTOR_COMPANY]); /* 40% of 1m */
    EXPECT_EQ_INT(40000000, d->paid_fen[FB_GUARANTOR_COMPANY]);
    EXPECT_EQ_INT(20000000, d->owed_fen[FB_GUARANTOR_NATIONAL]);
    EXPECT_EQ_INT(0, d->paid_fen[FB_GUARANTOR_NATIONAL]);
    EXPECT_EQ_INT(20000000, d->bank_share_fen);
    verify_ok();
    fb_book_close(L);
}

static void a_government_reads_its_region_and_no_small_cell(void) {
    make_book();
    fb_guarantee_row rows[FB_GUARANTEE_ROWS_MAX];
    size_t n = 0;
    /* Dalian's user: its city alone, four borrowers, shown. */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, &dalian, rows, FB_GUARANTEE_ROWS_MAX, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(210200, rows[0].city);
    EXPECT_TRUE(!rows[0].suppressed && rows[0].principal_fen == 400000000);
    /* Shenyang's: one borrower, hidden; on the door its figures are null. */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, &shenyang, rows, FB_GUARANTEE_ROWS_MAX, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_TRUE(rows[0].suppressed && rows[0].city == 210100);
    json_t *j = fb_json_encode_guarantee_row(&rows[0]);
    EXPECT_TRUE(json_is_null(json_object_get(j, "principal")));
    EXPECT_TRUE(json_is_null(json_object_get(j, "company_owed")));
    EXPECT_TRUE(json_is_true(json_object_get(j, "suppressed")));
    json_decref(j);
    /* The province's: Shenyang hidden, so Dalian too (the total less Dalian would give
     * Shenyang); the total shown. */
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, &province, rows, FB_GUARANTEE_ROWS_MAX, &n));
    EXPECT_EQ_INT(3, n);
    EXPECT_TRUE(row_of(rows, n, 210100)->suppressed);
    EXPECT_TRUE(row_of(rows, n, 210200)->suppressed);
    EXPECT_TRUE(!rows[n - 1].suppressed && rows[n - 1].principal_fen == 500000000);
    /* With a minimum of one, every cell is shown. */
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 1));
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, &province, rows, FB_GUARANTEE_ROWS_MAX, &n));
    EXPECT_TRUE(!rows[0].suppressed && !rows[1].suppressed && !rows[2].suppressed);
    fb_book_close(L);
}

static void scheme(const fb_user *gov, const char *id) {
    fb_subsidy v;
    memset(&v, 0, sizeof v);
    snprintf(v.id, sizeof v.id, "%s", id);
    snprintf(v.name, sizeof v.name, "贷款财政贴息");
    v.region = gov->region;
    v.mode = FB_SUBSIDY_NET;
    v.points_e6 = 10000;
    v.months = 24;
    v.budget_fen = 100000000;
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, gov, &v, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, o.result);
}

static fb_subsidy_result act(const fb_user *as, fb_subsidy_act_kind kind, const char *loan,
                             bool approve) {
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.scheme, sizeof a.scheme, "DL-S");
    a.kind = kind;
    if (loan) snprintf(a.loan, sizeof a.loan, "%s", loan);
    a.quarter = 20251;
    a.approve = approve;
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_act_make(L, as, &a, &o));
    return o.result;
}

static void subsidies_and_their_claims_by_quarter(void) {
    make_book();
    scheme(&province, "LN-S");
    scheme(&dalian, "DL-S");
    fb_subsidy_view v[4];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_subsidies_list(L, NULL, "", v, 4, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_INT(FB_OK, fb_subsidies_list(L, &province, "", v, 4, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_INT(FB_OK, fb_subsidies_list(L, &dalian, "", v, 4, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_STR("DL-S", v[0].s.id);
    EXPECT_EQ_INT(FB_OK, fb_subsidies_list(L, &shenyang, "", v, 4, &n));
    EXPECT_EQ_INT(0, n);
    EXPECT_EQ_INT(FB_OK, fb_subsidies_list(L, NULL, "DL-S", v, 4, &n)); /* after DL-S */
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_STR("LN-S", v[0].s.id);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d2", false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d3", false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d4", false));
    eod("2025-01-31");
    eod("2025-02-28");
    eod("2025-03-31");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_CLAIM, NULL, false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_DECIDE, "l-d2", true));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_DECIDE, "l-d3", false));
    fb_subsidy_claim_row rows[FB_SUBSIDY_CLAIMS_MAX];
    EXPECT_EQ_INT(FB_OK,
                  fb_subsidy_claims_list(L, &dalian, "DL-S", rows, FB_SUBSIDY_CLAIMS_MAX, &n));
    EXPECT_EQ_INT(1, n);
    fb_subsidy_line lines[4];
    size_t nl = 0;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines(L, "DL-S", 20251, lines, 4, &nl));
    EXPECT_EQ_INT(3, nl);
    int64_t sum = lines[0].amount_fen + lines[1].amount_fen + lines[2].amount_fen;
    EXPECT_TRUE(n == 1 && rows[0].quarter == 20251 && rows[0].lines == 3 && !rows[0].suppressed);
    EXPECT_EQ_INT(sum, rows[0].amount_fen);
    EXPECT_EQ_INT(1, rows[0].approved_lines);
    EXPECT_EQ_INT(1, rows[0].rejected_lines);
    EXPECT_EQ_INT(lines[0].amount_fen, rows[0].approved_fen); /* l-d2 is the first line */
    EXPECT_EQ_INT(lines[1].amount_fen, rows[0].rejected_fen);
    EXPECT_EQ_INT(0, rows[0].paid);
    /* Shenyang may not see Dalian's scheme; four borrowers at least hide three from Dalian. */
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_subsidy_claims_list(L, &shenyang, "DL-S", rows, 4, &n));
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 4));
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claims_list(L, &dalian, "DL-S", rows, 4, &n));
    EXPECT_TRUE(n == 1 && rows[0].suppressed && rows[0].lines == 3);
    json_t *j = fb_json_encode_subsidy_claim_row(&rows[0]);
    EXPECT_TRUE(json_is_null(json_object_get(j, "amount")) &&
                json_is_true(json_object_get(j, "suppressed")));
    json_decref(j);
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claims_list(L, NULL, "DL-S", rows, 4, &n)); /* the bank */
    EXPECT_TRUE(n == 1 && !rows[0].suppressed && rows[0].amount_fen == sum);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_DECIDE, "l-d4", true));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_PAY, NULL, false));
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claims_list(L, NULL, "DL-S", rows, 4, &n));
    EXPECT_TRUE(rows[0].paid != 0 && rows[0].approved_lines == 2);
    verify_ok();
    fb_book_close(L);
}

/* The lines of a claim as each reads them: the bank every loan; Dalian's government (and the
 * province's) the lines of its scheme, each a micro borrower's without its loan but with its
 * id, days, amount, decision, size class, line and city; Shenyang's none (not found). */
static void a_government_reads_the_lines_it_decides(void) {
    make_book();
    scheme(&dalian, "DL-S");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d2", false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d3", false));
    eod("2025-03-31");
    fb_subsidy_line_view bank[4], gov[4];
    size_t nb = 0, ng = 0;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_subsidy_claim_lines_as(L, &dalian, "DL-S", 20251, gov, 4, &ng));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_CLAIM, NULL, false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_DECIDE, "l-d3", false));
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines_as(L, NULL, "DL-S", 20251, bank, 4, &nb));
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines_as(L, &dalian, "DL-S", 20251, gov, 4, &ng));
    EXPECT_TRUE(nb == 2 && ng == 2);
    EXPECT_EQ_STR("l-d2", bank[0].l.loan);
    EXPECT_EQ_STR("l-d3", bank[1].l.loan);
    for (size_t i = 0; i < 2 && ng == 2 && nb == 2; i++) {
        EXPECT_TRUE(!bank[i].withheld && gov[i].withheld && gov[i].l.loan[0] == '\0');
        EXPECT_TRUE(gov[i].id == bank[i].id && gov[i].id > 0);
        EXPECT_TRUE(gov[i].l.days == bank[i].l.days && gov[i].l.days > 0);
        EXPECT_TRUE(gov[i].l.amount_fen == bank[i].l.amount_fen && gov[i].l.amount_fen > 0);
        EXPECT_TRUE(gov[i].size == FB_SIZE_MICRO && gov[i].line == FB_LINE_INCLUSIVE);
        EXPECT_EQ_INT(210200, gov[i].city);
    }
    EXPECT_TRUE(gov[0].l.decision == 0 && gov[1].l.decision == 2);
    /* On the door: no loan, no name, no code of the borrower. */
    json_t *j = fb_json_encode_subsidy_line_view(&gov[0]);
    EXPECT_TRUE(json_object_get(j, "loan") == NULL && json_object_get(j, "name") == NULL &&
                json_object_get(j, "uscc") == NULL && json_object_get(j, "party") == NULL);
    EXPECT_EQ_STR("micro", json_string_value(json_object_get(j, "size_class")));
    EXPECT_TRUE(json_is_true(json_object_get(j, "withheld")));
    char *text = json_dumps(j, 0);
    EXPECT_TRUE(text && !strstr(text, "l-d2") && !strstr(text, "d2"));
    free(text);
    json_decref(j);
    j = fb_json_encode_subsidy_line_view(&bank[0]);
    EXPECT_EQ_STR("l-d2", json_string_value(json_object_get(j, "loan")));
    json_decref(j);
    /* Dalian decides the withheld line by its id: l-d2's, approved; its answer names no loan. */
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.scheme, sizeof a.scheme, "DL-S");
    a.kind = FB_SUBSIDY_DECIDE;
    a.quarter = 20251;
    a.line = gov[0].id;
    a.approve = true;
    fb_subsidy_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_act_make(L, &dalian, &a, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, o.result);
    EXPECT_EQ_STR("", a.loan);
    a.line = gov[0].id + 1000; /* no enrolment of the scheme */
    EXPECT_EQ_INT(FB_OK, fb_subsidy_act_make(L, &dalian, &a, &o));
    EXPECT_EQ_INT(FB_SUBSIDY_NOT_IN_CLAIM, o.result);
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines_as(L, NULL, "DL-S", 20251, bank, 4, &nb));
    EXPECT_TRUE(nb == 2 && bank[0].l.decision == 1 && bank[1].l.decision == 2);
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines_as(L, &province, "DL-S", 20251, gov, 4, &ng));
    EXPECT_TRUE(ng == 2 && gov[0].withheld);
    EXPECT_EQ_INT(FB_ENOTFOUND,
                  fb_subsidy_claim_lines_as(L, &shenyang, "DL-S", 20251, gov, 4, &ng));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_subsidy_claim_lines_as(L, &dalian, "NO-S", 20251, gov, 4, &ng));
    /* The rule: a large or medium borrower is named, a small or micro one never. */
    EXPECT_TRUE(fb_disclosure_names_borrower(FB_SIZE_LARGE));
    EXPECT_TRUE(fb_disclosure_names_borrower(FB_SIZE_MEDIUM));
    EXPECT_TRUE(!fb_disclosure_names_borrower(FB_SIZE_SMALL));
    EXPECT_TRUE(!fb_disclosure_names_borrower(FB_SIZE_MICRO));
    fb_book_close(L);
}

static void small_pool(const char *id, const char *fund, const char *const *loans, size_t n) {
    fb_pool p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    snprintf(p.name, sizeof p.name, "大连市普惠小微贷款风险补偿资金池");
    p.region = 210200;
    p.leverage = 10;
    p.share_e6 = 500000;
    p.overdue_days = 90;
    p.npl_ceiling_e6 = 50000;
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &dalian, &p, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
    for (size_t i = 0; i <= n; i++) {
        fb_pool_act a;
        memset(&a, 0, sizeof a);
        snprintf(a.pool, sizeof a.pool, "%s", id);
        a.kind = i == 0 ? FB_POOL_FUND : FB_POOL_COVER;
        if (i == 0) snprintf(a.id, sizeof a.id, "%s", fund);
        if (i > 0) snprintf(a.loan, sizeof a.loan, "%s", loans[i - 1]);
        a.amount_fen = i == 0 ? 100000000 : 0;
        EXPECT_EQ_INT(FB_OK, fb_pool_act_make(L, i == 0 ? &dalian : NULL, &a, &o));
        EXPECT_EQ_INT(FB_POOL_DONE, o.result);
    }
}

/* A pool of one covered loan shows the government no figure from it, the bank every one; with
 * one pool alone hidden, the next smallest is too; an empty pool hides nothing (no loan behind
 * it); a subsidy scheme of one enrolled borrower is hidden likewise; as of a closed day, the
 * borrowers of that day count. */
static void a_government_reads_no_small_scheme(void) {
    make_book();
    const char *one_loan[] = {"l-d2"}, *two[] = {"l-d3", "l-d4"};
    small_pool("DL-P", "PF1", one_loan, 1);
    small_pool("DL-Q", "PF2", two, 2);
    small_pool("DL-R", "PF3", NULL, 0);
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 2));
    fb_pool_view v[4], bank[4];
    size_t n = 0, nb = 0;
    EXPECT_EQ_INT(FB_OK, fb_pools_list_on(L, &dalian, "", 0, v, 4, &n));
    EXPECT_EQ_INT(FB_OK, fb_pools_list_on(L, NULL, "", 0, bank, 4, &nb));
    EXPECT_TRUE(n == 3 && nb == 3);
    EXPECT_EQ_INT(FB_OK, fb_pools_protect(L, &dalian, 0, v, n));
    EXPECT_EQ_INT(FB_OK, fb_pools_protect(L, NULL, 0, bank, nb));
    EXPECT_EQ_STR("DL-P", v[0].p.id);
    EXPECT_TRUE(v[0].suppressed && v[0].covered_fen == 0 && v[0].covered_loans == 0);
    EXPECT_TRUE(v[1].suppressed); /* the complement of DL-P alone */
    EXPECT_TRUE(!v[2].suppressed && v[2].funded_fen == 100000000);
    EXPECT_TRUE(!bank[0].suppressed && bank[0].covered_loans == 1 && bank[0].covered_fen > 0);
    EXPECT_TRUE(v[0].funded_fen == 100000000); /* the government's own money */
    json_t *j = fb_json_encode_pool(&v[0]);
    static const char *const figures[] = {"balance", "covered_loans", "covered", "capacity",
                                          "npl",     "claims",        "paid",    "returned"};
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++)
        EXPECT_TRUE(json_is_null(json_object_get(j, figures[i])));
    EXPECT_TRUE(json_is_true(json_object_get(j, "suppressed")));
    EXPECT_EQ_STR("1000000.00", json_string_value(json_object_get(j, "funded")));
    json_decref(j);
    j = fb_json_encode_pool(&bank[0]);
    EXPECT_TRUE(json_is_string(json_object_get(j, "covered")) &&
                json_object_get(j, "suppressed") == NULL);
    json_decref(j);
    /* With a minimum of one, nothing is hidden. */
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 1));
    EXPECT_EQ_INT(FB_OK, fb_pools_list_on(L, &dalian, "", 0, v, 4, &n));
    EXPECT_EQ_INT(FB_OK, fb_pools_protect(L, &dalian, 0, v, n));
    EXPECT_TRUE(n == 3 && !v[0].suppressed && !v[1].suppressed && v[0].covered_loans == 1);
    /* A subsidy scheme of one borrower; as of the close of 2025-01-31, before the second. */
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 2));
    scheme(&dalian, "DL-S");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d2", false));
    eod("2025-01-31");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d3", false));
    fb_subsidy_view s, then;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_on(L, "DL-S", 0, &s));
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_on(L, "DL-S", day("2025-01-31"), &then));
    EXPECT_EQ_INT(FB_OK, fb_subsidies_protect(L, &dalian, 0, &s, 1));
    EXPECT_EQ_INT(FB_OK, fb_subsidies_protect(L, &dalian, day("2025-01-31"), &then, 1));
    EXPECT_TRUE(!s.suppressed && s.enrolled == 2);
    EXPECT_TRUE(then.suppressed && then.enrolled == 0 && then.accrued_fen == 0);
    j = fb_json_encode_subsidy(&then);
    EXPECT_TRUE(json_is_null(json_object_get(j, "accrued")) &&
                json_is_null(json_object_get(j, "budget_left")) &&
                json_is_true(json_object_get(j, "suppressed")));
    EXPECT_EQ_STR("1000000.00", json_string_value(json_object_get(j, "budget")));
    json_decref(j);
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_on(L, "DL-S", day("2025-01-31"), &then));
    EXPECT_EQ_INT(FB_OK, fb_subsidies_protect(L, NULL, day("2025-01-31"), &then, 1));
    EXPECT_TRUE(!then.suppressed && then.enrolled == 1);
    verify_ok();
    fb_book_close(L);
}

/* The parts of a guarantee of guaranteed fen the other guarantors and the bank would take, half
 * up each: what is left is the company's share. */
static int64_t others_of(int64_t guaranteed, const fb_guarantee *g) {
    int64_t others = 0;
    for (int k = FB_GUARANTOR_NATIONAL; k < FB_GUARANTOR_COUNT_; k++)
        others += (guaranteed * g->split_e6[k] + 500000) / 1000000;
    return others;
}

/* A guarantee company's figures are its guarantees' views summed: 4 x 1m wholly guaranteed and
 * s1's half of 1m, the company's 40% share of each (1.8m); d2's year of fee; after d1's claim its
 * part owed and paid. Its own user reads them; another company's user, a government and an
 * enterprise find them not found, as does the bank for no such company. */
static void a_guarantor_reads_its_own_figures(void) {
    make_book();
    fb_guarantor_summary s;
    EXPECT_EQ_INT(FB_OK, fb_guarantor_summary_get(L, NULL, "gc", &s));
    EXPECT_EQ_INT(5, s.guarantees);
    EXPECT_EQ_INT(5, s.active);
    EXPECT_EQ_INT(500000000, s.principal_fen);
    EXPECT_EQ_INT(450000000, s.guaranteed_fen);
    EXPECT_EQ_INT(180000000, s.share_fen);
    EXPECT_EQ_INT(0, s.fees_fen);
    int64_t fee = 0, available = 0;
    int32_t year = 0;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_charge_fee(L, "g-d2", &fee, &year, &available, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(1000000, fee); /* 1% of 1m */
    drain("d1");
    eod("2025-06-29");
    fb_guarantee_view v;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "g-d1", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    int64_t paid = 0;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_pay(L, "g-d1", FB_GUARANTOR_COMPANY, &paid, &r));
    const fb_user own = {"gc-user", FB_ROLE_GUARANTOR, "gc", 0};
    EXPECT_EQ_INT(FB_OK, fb_guarantor_summary_get(L, &own, "gc", &s));
    fb_guarantor_summary sum;
    memset(&sum, 0, sizeof sum);
    int64_t collected = 0;
    static const char *const all[] = {"g-d1", "g-d2", "g-d3", "g-d4", "g-s1"};
    for (int i = 0; i < 5; i++) {
        EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, all[i], &v));
        int64_t guaranteed = (v.principal_fen * v.g.covered_e6 + 500000) / 1000000;
        sum.principal_fen += v.principal_fen;
        sum.guaranteed_fen += guaranteed;
        sum.share_fen += guaranteed - others_of(guaranteed, &v.g);
        sum.fees_fen += v.fees_fen + v.fee_collected_fen; /* ahead, and collected of accrued */
        collected += v.fee_collected_fen;
        sum.owed_fen += v.owed_fen[FB_GUARANTOR_COMPANY];
        sum.paid_fen += v.paid_fen[FB_GUARANTOR_COMPANY];
        sum.claims += v.claimed != 0;
    }
    EXPECT_EQ_STR("gc", s.company);
    EXPECT_EQ_STR("gc 有限公司", s.name);
    EXPECT_EQ_INT(sum.principal_fen, s.principal_fen);
    EXPECT_EQ_INT(sum.guaranteed_fen, s.guaranteed_fen);
    EXPECT_EQ_INT(sum.share_fen, s.share_fen);
    EXPECT_TRUE(collected > 0); /* the others' fees accrued, collected at 2025-03-31 */
    EXPECT_EQ_INT(1000000 + collected, s.fees_fen);
    EXPECT_EQ_INT(sum.fees_fen, s.fees_fen);
    EXPECT_EQ_INT(1, s.claims);
    EXPECT_EQ_INT(40000000, s.owed_fen); /* 40% of d1's 1m */
    EXPECT_EQ_INT(sum.owed_fen, s.owed_fen);
    EXPECT_EQ_INT(sum.paid_fen, s.paid_fen);
    EXPECT_EQ_INT(40000000, paid);
    json_t *j = fb_json_encode_guarantor_summary(&s);
    char fees[FB_MONEY_STR_MAX];
    EXPECT_EQ_STR(fb_money_format(s.fees_fen, fees), json_string_value(json_object_get(j, "fees")));
    EXPECT_EQ_STR("400000.00", json_string_value(json_object_get(j, "paid")));
    json_decref(j);
    const fb_user other = {"d1-user", FB_ROLE_GUARANTOR, "d1", 0};
    const fb_user firm_user = {"gc-firm", FB_ROLE_ENTERPRISE, "gc", 0};
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_guarantor_summary_get(L, &other, "gc", &s));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_guarantor_summary_get(L, &province, "gc", &s));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_guarantor_summary_get(L, &firm_user, "gc", &s));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_guarantor_summary_get(L, NULL, "nobody", &s));
    EXPECT_EQ_INT(FB_OK, fb_guarantor_summary_get(L, &other, "d1", &s)); /* guarantees none */
    EXPECT_EQ_INT(0, s.guarantees);
    verify_ok();
    fb_book_close(L);
}

static const fb_party_subsidy *sub_of(const fb_party_subsidy *rows, size_t n, const char *loan) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].loan, loan) == 0) return &rows[i];
    return NULL;
}

/* A borrower's own subsidies: each enrolled loan's accrual; claimed (pending) until the
 * government pays; then paid when approved, rejected when not; the next quarter's pending. */
static void a_borrower_reads_its_subsidies_received_and_pending(void) {
    make_book();
    scheme(&dalian, "DL-S");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d2", false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_ENROL, "l-d3", false));
    eod("2025-03-31");
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(NULL, FB_SUBSIDY_CLAIM, NULL, false));
    fb_subsidy_line lines[4];
    size_t nl = 0, n = 0;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_claim_lines(L, "DL-S", 20251, lines, 4, &nl));
    EXPECT_EQ_INT(2, nl);
    fb_party_subsidy rows[4];
    EXPECT_EQ_INT(FB_OK, fb_party_subsidies(L, "d2", rows, 4, &n));
    EXPECT_EQ_INT(1, n);
    const fb_party_subsidy *d2 = sub_of(rows, n, "l-d2");
    EXPECT_TRUE(d2 != NULL && strcmp(d2->scheme, "DL-S") == 0 && d2->mode == FB_SUBSIDY_NET);
    if (!d2) return;
    EXPECT_EQ_INT(10000, d2->points_e6);
    EXPECT_TRUE(d2->accrued_fen > 0 && d2->accrued_fen == lines[0].amount_fen);
    EXPECT_EQ_INT(d2->accrued_fen, d2->claimed_fen);
    EXPECT_EQ_INT(d2->accrued_fen, d2->pending_fen);
    EXPECT_EQ_INT(0, d2->paid_fen);
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_DECIDE, "l-d2", true));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_DECIDE, "l-d3", false));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, act(&dalian, FB_SUBSIDY_PAY, NULL, false));
    EXPECT_EQ_INT(FB_OK, fb_party_subsidies(L, "d2", rows, 4, &n));
    EXPECT_TRUE(n == 1 && rows[0].paid_fen == lines[0].amount_fen && rows[0].pending_fen == 0 &&
                rows[0].claimed_fen == 0 && rows[0].rejected_fen == 0);
    EXPECT_EQ_INT(FB_OK, fb_party_subsidies(L, "d3", rows, 4, &n));
    EXPECT_TRUE(n == 1 && rows[0].rejected_fen == lines[1].amount_fen && rows[0].paid_fen == 0 &&
                rows[0].pending_fen == 0);
    eod("2025-04-30");
    EXPECT_EQ_INT(FB_OK, fb_party_subsidies(L, "d2", rows, 4, &n));
    EXPECT_TRUE(n == 1 && rows[0].pending_fen > 0 && rows[0].claimed_fen == 0);
    EXPECT_EQ_INT(rows[0].accrued_fen, rows[0].paid_fen + rows[0].pending_fen);
    json_t *j = fb_json_encode_party_subsidy(&rows[0]);
    EXPECT_EQ_STR("net", json_string_value(json_object_get(j, "mode")));
    EXPECT_EQ_STR("1.0000", json_string_value(json_object_get(j, "points")));
    json_decref(j);
    EXPECT_EQ_INT(FB_OK, fb_party_subsidies(L, "d1", rows, 4, &n)); /* not enrolled */
    EXPECT_EQ_INT(0, n);
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_party_subsidies(L, "nobody", rows, 4, &n));
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    test_run("guarantees_by_city_are_the_views_summed", guarantees_by_city_are_the_views_summed);
    test_run("a_government_reads_its_region_and_no_small_cell",
             a_government_reads_its_region_and_no_small_cell);
    test_run("subsidies_and_their_claims_by_quarter", subsidies_and_their_claims_by_quarter);
    test_run("a_government_reads_the_lines_it_decides", a_government_reads_the_lines_it_decides);
    test_run("a_government_reads_no_small_scheme", a_government_reads_no_small_scheme);
    test_run("a_guarantor_reads_its_own_figures", a_guarantor_reads_its_own_figures);
    test_run("a_borrower_reads_its_subsidies_received_and_pending",
             a_borrower_reads_its_subsidies_received_and_pending);
    return test_summary();
}
