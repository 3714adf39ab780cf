/* pool.c — risk-compensation pools (风险补偿资金池): a government's scheme at the bank, its
 * fundings, the loans it covers, the claims it pays and the recoveries shared back to it
 * (docs/schemes.md). Each act loads its subject, decides in memory (decide_*: pure of the
 * store), and writes its transfers and rows once in one unit of work; a refusal names the rule
 * and writes nothing.
 *
 * Accounts (ledger 1): pool:<id>:fund, the government's money the bank holds (a liability, never
 * in debit), credited by a funding from gl:pool_settlement, debited by a claim to
 * pool:<id>:paid (the compensation the bank received) and credited back by a share-back from
 * pool:<id>:returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "pool_not_found",
                                           "outside_region",
                                           "not_yours",
                                           "no_business_date",
                                           "loan_not_found",
                                           "loan_not_active",
                                           "line_not_eligible",
                                           "size_not_eligible",
                                           "exceeds_borrower_cap",
                                           "exceeds_leverage",
                                           "suspended",
                                           "covered_elsewhere",
                                           "not_covered",
                                           "not_claimable",
                                           "claimed",
                                           "insufficient_balance",
                                           "not_claimed",
                                           "nothing_recovered",
                                           "not_listed"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_POOL_NOT_LISTED + 1,
               "a name for every pool result");

const char *fb_pool_result_name(fb_pool_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define POOL_SETTLEMENT "gl:pool_settlement"

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_pool_check(const fb_pool *p, const char **field, char *reason, size_t cap) {
    FB_ASSERT(p != NULL && field != NULL);
    const char *why = NULL;
    if (!fb_id_valid(p->id, strnlen(p->id, sizeof p->id), &why)) FAIL("id", why);
    if (strlen(p->id) > FB_POOL_ID_MAX) FAIL("id", "is longer than 48 characters");
    if (!p->name[0]) FAIL("name", "is empty");
    if (p->region != 210000 && !(p->region > 210000 && p->region < 220000 && p->region % 100 == 0))
        FAIL("region", "must be 210000 (the province) or a Liaoning city's code");
    if (p->lines >> FB_LINE_COUNT_) FAIL("lines", "names an unknown line");
    if (p->sizes >> FB_SIZE_COUNT_) FAIL("sizes", "names an unknown size class");
    if (p->borrower_cap_fen < 0) FAIL("borrower_cap", "must not be negative");
    if (p->listed != FB_SOURCE_ENTERPRISE && p->listed != FB_SOURCE_KEY_ENTERPRISES &&
        p->listed != FB_SOURCE_MAJOR_PROJECTS) {
        FAIL("listed", "must be key_enterprises or major_projects");
    }
    if (p->leverage < 0 || p->leverage > FB_POOL_LEVERAGE_MAX) {
        FAIL("leverage", "must be from 1 to 100 (times the pool's balance)");
    }
    if (p->share_e6 < 0 || p->share_e6 > 1000000) {
        FAIL("share", "must be above 0% and at most 100%");
    }
    if (p->overdue_days < 0 || p->overdue_days > FB_POOL_OVERDUE_DAYS_MAX) {
        FAIL("overdue_days", "must be from 1 to 1095");
    }
    if (p->npl_ceiling_e6 < 0 || p->npl_ceiling_e6 > 1000000) {
        FAIL("npl_ceiling", "must be above 0% and at most 100%");
    }
    return FB_OK;
}

int fb_pool_act_check(const fb_pool_act *a, const char **field, char *reason, size_t cap) {
    FB_ASSERT(a != NULL && field != NULL);
    const char *why = NULL;
    if (!fb_id_valid(a->pool, strnlen(a->pool, sizeof a->pool), &why)) FAIL("pool", why);
    if ((unsigned)a->kind >= FB_POOL_ACT_COUNT_) FAIL("act", "is unknown");
    if (a->kind == FB_POOL_FUND) {
        if (!fb_id_valid(a->id, strnlen(a->id, sizeof a->id), &why)) FAIL("id", why);
        if (strlen(a->id) > FB_ID_MAX - 3) FAIL("id", "is longer than 61 characters");
        if (a->amount_fen <= 0) FAIL("amount", "must be more than 0");
        if (a->amount_fen > FB_PRINCIPAL_MAX_FEN) FAIL("amount", "is larger than any loan may be");
    } else if (!fb_id_valid(a->loan, strnlen(a->loan, sizeof a->loan), &why)) {
        FAIL("loan", why);
    }
    return FB_OK;
}

/* ---- Who may ------------------------------------------------------------------------------ */

static bool is_bank(const fb_user *as) { return !as || as->role == FB_ROLE_BANK_OFFICER; }

/* Whether a government of region governs a pool of p_region: the province every pool, a city
 * its own. */
bool fb__pool_governs(int32_t region, int32_t p_region) {
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    return region == p_region || (p_region >= lo && p_region <= hi && region == 210000);
}

bool fb_pool_visible(const fb_pool *p, const fb_user *as) {
    FB_ASSERT(p != NULL);
    if (!as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR) return true;
    if (as->role == FB_ROLE_ADMIN) return true;
    return as->role == FB_ROLE_GOVERNMENT && fb__pool_governs(as->region, p->region);
}

/* ---- Creating a pool ---------------------------------------------------------------------- */

static const char *differs(const fb_pool *a, const fb_pool *e) {
    if (strcmp(a->name, e->name) != 0) return "name";
    if (a->region != e->region) return "region";
    if (a->lines != e->lines) return "lines";
    if (a->sizes != e->sizes) return "sizes";
    if (a->borrower_cap_fen != e->borrower_cap_fen) return "borrower_cap";
    if (a->listed != e->listed) return "listed";
    if (a->leverage && a->leverage != e->leverage) return "leverage";
    if (a->share_e6 && a->share_e6 != e->share_e6) return "share";
    if (a->overdue_days && a->overdue_days != e->overdue_days) return "overdue_days";
    if (a->npl_ceiling_e6 && a->npl_ceiling_e6 != e->npl_ceiling_e6) return "npl_ceiling";
    return NULL;
}

/* A rule not given: the book's setting. */
static int defaulted(fb_book *book, const char *key, int64_t *v) {
    return *v ? FB_OK : fb_setting_get(book, key, v);
}

static int pool_accounts(fb_book *book, const char *id) {
    char fund[FB_ID_MAX + 1], paid[FB_ID_MAX + 1], back[FB_ID_MAX + 1];
    snprintf(fund, sizeof fund, "pool:%.48s:fund", id);
    snprintf(paid, sizeof paid, "pool:%.48s:paid", id);
    snprintf(back, sizeof back, "pool:%.48s:returned", id);
    fb_account a[4] = {fb__book_account(fund, 1, 2314, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS),
                       fb__book_account(paid, 1, 6301, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS),
                       fb__book_account(back, 1, 6711, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS),
                       fb__book_account(POOL_SETTLEMENT, 1, 1011, 0)};
    fb_result r[4];
    int rc = fb_ledger_create_accounts(book->ledger, a, 4, r, NULL);
    for (size_t i = 0; rc == FB_OK && i < 4; i++) {
        if (r[i] != FB_RESULT_CREATED && (i < 3 || r[i] != FB_RESULT_EXISTS)) {
            rc =
                fb__book_refuse(book, FB_ECORRUPT, "account %s: %s", a[i].id, fb_result_name(r[i]));
        }
    }
    return rc;
}

static int create_in(fb_book *book, fb_pool *p, fb_pool_outcome *out) {
    fb_pool e;
    int rc = fb__store_pool_by_id(book->store, p->id, &e, NULL);
    if (rc == FB_OK) {
        out->field = differs(p, &e);
        out->result = out->field ? FB_POOL_EXISTS_WITH_DIFFERENT : FB_POOL_EXISTS;
        if (!out->field) *p = e;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    rc = fb__store_business_date(book->store, &p->created);
    if (rc == FB_OK && p->created == 0) out->result = FB_POOL_NO_BUSINESS_DATE;
    if (rc || out->result != FB_POOL_DONE) return rc;
    rc = defaulted(book, "pool_leverage", &p->leverage);
    if (rc == FB_OK) rc = defaulted(book, "pool_share", &p->share_e6);
    if (rc == FB_OK) rc = defaulted(book, "pool_overdue_days", &p->overdue_days);
    if (rc == FB_OK) rc = defaulted(book, "pool_npl_ceiling", &p->npl_ceiling_e6);
    p->created_ns = fb_now_ns();
    if (rc == FB_OK) rc = fb__store_pool_insert(book->store, p);
    return rc ? rc : pool_accounts(book, p->id);
}

/* Whether as may create a pool of region: the bank any, a government its region's. */
static bool may_create(const fb_user *as, int32_t region, fb_pool_outcome *out) {
    if (is_bank(as) || (as->role == FB_ROLE_GOVERNMENT && fb__pool_governs(as->region, region))) {
        return true;
    }
    out->result = as->role == FB_ROLE_GOVERNMENT ? FB_POOL_OUTSIDE_REGION : FB_POOL_NOT_YOURS;
    out->field = "region";
    return false;
}

int fb_pools_create(fb_book *book, const fb_user *as, fb_pool *p, size_t n, fb_pool_outcome *out) {
    FB_ASSERT(book != NULL && (p != NULL || n == 0) && (out != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    int rc = fb_book_begin(book);
    if (rc) return rc;
    /* A refusal is decided before anything of its pool is written: the others stand. */
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        if (may_create(as, p[i].region, &out[i])) rc = create_in(book, &p[i], &out[i]);
    }
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_pool_create(fb_book *book, const fb_user *as, fb_pool *p, fb_pool_outcome *out) {
    FB_ASSERT(book != NULL && p != NULL && out != NULL);
    return fb_pools_create(book, as, p, 1, out);
}

int fb_pool_get(fb_book *book, const char *id, fb_pool *out) {
    FB_ASSERT(book != NULL && out != NULL);
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_pool_by_id(book->store, id, out, NULL);
}

/* ---- The view ----------------------------------------------------------------------------- */

static int64_t ratio_e6(int64_t num, int64_t den) {
    if (den <= 0) return -1;
    return (int64_t)fb__div_round_half_up((fb_i128)num * 1000000, den);
}

int fb__pool_view(fb_book *book, const fb_pool *p, int64_t key, int64_t party, fb_pool_view *v,
                  int64_t *party_covered) {
    memset(v, 0, sizeof *v);
    fb__pool_figures f;
    int32_t open = 0;
    int rc = fb__store_pool_figures(book->store, key, party, &f);
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    fb__pool_view_fill(v, p, &f);
    v->as_of = open;
    if (party_covered) *party_covered = f.covered_party;
    return FB_OK;
}

void fb__pool_view_fill(fb_pool_view *v, const fb_pool *p, const fb__pool_figures *fp) {
    FB_ASSERT(v != NULL && p != NULL && fp != NULL);
    const fb__pool_figures f = *fp;
    memset(v, 0, sizeof *v);
    v->p = *p;
    v->funded_fen = f.funded;
    v->balance_fen = f.funded - f.paid + f.returned;
    v->covered_loans = f.covered_loans;
    v->covered_fen = f.covered;
    fb_i128 capacity = (fb_i128)p->leverage * v->balance_fen;
    v->capacity_fen = capacity > INT64_MAX ? INT64_MAX : (int64_t)capacity;
    v->multiple_e6 = ratio_e6(f.covered, v->balance_fen);
    v->leverage_used_e6 = ratio_e6(f.covered, v->capacity_fen);
    v->npl_fen = f.npl;
    v->npl_ratio_e6 = ratio_e6(f.npl, f.covered);
    v->suspended = v->npl_ratio_e6 > p->npl_ceiling_e6;
    v->claims = f.claims;
    v->paid_fen = f.paid;
    v->returned_fen = f.returned;
}

int fb_pool_view_get(fb_book *book, const char *id, fb_pool_view *out) {
    FB_ASSERT(book != NULL && out != NULL);
    fb_pool p;
    int64_t key = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    int rc = fb__store_pool_by_id(book->store, id, &p, &key);
    return rc ? rc : fb__pool_view(book, &p, key, 0, out, NULL);
}

int fb_pools_list(fb_book *book, const fb_user *as, const char *after, fb_pool_view *out,
                  size_t cap, size_t *n) {
    /* The live figures: the same walk as a closed day's (book/scheme_history.c). */
    return fb_pools_list_on(book, as, after, 0, out, cap, n);
}
