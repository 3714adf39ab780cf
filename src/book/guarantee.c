/* guarantee.c — government financing guarantees (政府性融资担保): a guarantee company guarantees
 * a share of a loan under the risk-sharing split; on default the bank claims and each guarantor
 * owes its part (代偿), due within the guarantee's days, paid once (docs/schemes.md).
 *
 * Accounts (ledger 1): gl:guarantee_due:<guarantor> for the company, the national fund and the
 * provincial re-guarantee (what each owes, never in credit), debited by a claim against
 * gl:guarantee_compensation and credited by the guarantor's payment from
 * gl:guarantee_settlement. The bank's own share is its loss, never owed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "guarantee_not_found",
                                           "no_business_date",
                                           "loan_not_found",
                                           "loan_not_active",
                                           "company_not_found",
                                           "guaranteed_already",
                                           "not_defaulted",
                                           "not_claimed",
                                           "nothing_owed",
                                           "nothing_recovered",
                                           "insufficient_funds",
                                           "claimed",
                                           "company_is_borrower",
                                           "accruing"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_GUARANTEE_ACCRUING + 1,
               "a name for every guarantee result");

const char *fb_guarantee_result_name(fb_guarantee_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

enum { CODE_CLAIM = 911, CODE_PAY = 912, CODE_SHARE_BACK = 913 };

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_guarantee_check(const fb_guarantee *g, const char **field, char *reason, size_t cap) {
    FB_ASSERT(g != NULL && field != NULL);
    const char *why = NULL;
    if (!fb_id_valid(g->id, strnlen(g->id, sizeof g->id), &why)) FAIL("id", why);
    if (strlen(g->id) > FB_POOL_ID_MAX) FAIL("id", "is longer than 48 characters");
    if (!fb_id_valid(g->loan, strnlen(g->loan, sizeof g->loan), &why)) FAIL("loan", why);
    if (!fb_id_valid(g->company, strnlen(g->company, sizeof g->company), &why))
        FAIL("company", why);
    if (g->covered_e6 < 0 || g->covered_e6 > 1000000) FAIL("covered", "must be at most 100%");
    int64_t sum = 0;
    bool any = false;
    for (int k = 0; k < FB_GUARANTOR_COUNT_; k++) {
        if (g->split_e6[k] < 0 || g->split_e6[k] > 1000000) FAIL("split", "a share is not 0-100%");
        sum += g->split_e6[k];
        any = any || g->split_e6[k] != 0;
    }
    if (any && sum != 1000000) FAIL("split", "must sum to 100.0000% (the four shares)");
    if (g->fee_e6 < 0 || g->fee_e6 > 1000000) FAIL("fee", "must be 0% to 100% a year");
    if (g->pay_days < 0 || g->pay_days > 365) FAIL("pay_days", "must be from 1 to 365");
    return FB_OK;
}

/* The rules not given: the settings; the split they give must sum to 100% too. */
static int defaults(fb_book *book, fb_guarantee *g) {
    static const char *const keys[FB_GUARANTOR_COUNT_] = {
        "guarantee_share_company", "guarantee_share_national", "guarantee_share_provincial",
        "guarantee_share_bank"};
    int64_t sum = 0, v = 0;
    int rc = FB_OK;
    bool given = false;
    for (int k = 0; k < FB_GUARANTOR_COUNT_; k++)
        given = given || g->split_e6[k] != 0;
    for (int k = 0; rc == FB_OK && !given && k < FB_GUARANTOR_COUNT_; k++) {
        rc = fb_setting_get(book, keys[k], &g->split_e6[k]);
        sum += g->split_e6[k];
    }
    if (rc == FB_OK && !given && sum != 1000000) {
        return fb__book_refuse(book, FB_EINVAL,
                               "split: the settings guarantee_share_* sum to %lld millionths, not "
                               "100%%",
                               (long long)sum);
    }
    if (g->covered_e6 == 0) g->covered_e6 = 1000000;
    if (rc == FB_OK && g->fee_e6 == 0) rc = fb_setting_get(book, "guarantee_fee", &g->fee_e6);
    if (rc == FB_OK && g->pay_days == 0) {
        rc = fb_setting_get(book, "guarantee_pay_days", &v);
        g->pay_days = (int32_t)v;
    }
    return rc;
}

static int accounts(fb_book *book) {
    fb_account a[5] = {fb__book_account("gl:guarantee_due:company", 1, 1231,
                                        FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS),
                       fb__book_account("gl:guarantee_due:national_fund", 1, 1231,
                                        FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS),
                       fb__book_account("gl:guarantee_due:provincial", 1, 1231,
                                        FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS),
                       fb__book_account("gl:guarantee_compensation", 1, 6302, 0),
                       fb__book_account("gl:guarantee_settlement", 1, 1011, 0)};
    fb_result r[5];
    int rc = fb_ledger_create_accounts(book->ledger, a, 5, r, NULL);
    for (size_t i = 0; rc == FB_OK && i < 5; i++) {
        if (r[i] != FB_RESULT_CREATED && r[i] != FB_RESULT_EXISTS) {
            rc =
                fb__book_refuse(book, FB_ECORRUPT, "account %s: %s", a[i].id, fb_result_name(r[i]));
        }
    }
    return rc;
}

static int create_in(fb_book *book, fb_guarantee *g, fb_guarantee_result *result) {
    fb_guarantee_view e;
    int rc = fb__store_guarantee_by_id(book->store, g->id, &e, NULL);
    if (rc == FB_OK) {
        bool same = strcmp(e.g.loan, g->loan) == 0 && strcmp(e.g.company, g->company) == 0;
        *result = same ? FB_GUARANTEE_EXISTS : FB_GUARANTEE_EXISTS_WITH_DIFFERENT;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    fb_loan loan;
    fb_party company;
    int64_t key = 0;
    bool taken = false;
    if ((rc = fb__store_business_date(book->store, &g->created)) != FB_OK) return rc;
    if (g->created == 0) return *result = FB_GUARANTEE_NO_BUSINESS_DATE, FB_OK;
    rc = fb__store_loan_by_id(book->store, g->loan, &loan, &key);
    if (rc == FB_ENOTFOUND) return *result = FB_GUARANTEE_LOAN_NOT_FOUND, FB_OK;
    if (rc == FB_OK && loan.status != FB_LOAN_ACTIVE) *result = FB_GUARANTEE_LOAN_NOT_ACTIVE;
    if (rc || *result != FB_GUARANTEE_DONE) return rc;
    rc = fb__store_party_by_id(book->store, g->company, &company);
    if (rc == FB_ENOTFOUND) return *result = FB_GUARANTEE_COMPANY_NOT_FOUND, FB_OK;
    if (rc == FB_OK && strcmp(loan.party, g->company) == 0) {
        return *result = FB_GUARANTEE_COMPANY_IS_BORROWER, FB_OK;
    }
    if (rc == FB_OK) rc = fb__store_guarantee_of_loan(book->store, key, &taken);
    if (rc == FB_OK && taken) *result = FB_GUARANTEE_GUARANTEED_ALREADY;
    if (rc || *result != FB_GUARANTEE_DONE) return rc;
    rc = defaults(book, g);
    if (rc == FB_OK) rc = fb__store_guarantee_insert(book->store, g, key);
    return rc ? rc : accounts(book);
}

int fb_guarantee_create(fb_book *book, fb_guarantee *g, fb_guarantee_result *result) {
    FB_ASSERT(book != NULL && g != NULL && result != NULL);
    *result = FB_GUARANTEE_DONE;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = create_in(book, g, result);
    if (rc || *result != FB_GUARANTEE_DONE) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

/* ---- The view, the claim and the payments --------------------------------------------------- */

static int64_t part(int64_t amount, int64_t e6) {
    return (int64_t)fb__div_round_half_up((fb_i128)amount * e6, 1000000);
}

static int view_in(fb_book *book, const char *id, fb_guarantee_view *v, fb_loan_position *p) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    int rc = fb__store_guarantee_by_id(book->store, id, v, NULL);
    if (rc == FB_OK) rc = fb_loan_position_get(book, v->g.loan, p);
    int32_t open = 0;
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    v->principal_fen = p->principal_fen;
    fb__guarantee_view_derive(v, open);
    return FB_OK;
}

void fb__guarantee_view_derive(fb_guarantee_view *v, int32_t open) {
    FB_ASSERT(v != NULL);
    FB_ASSERT(v->g.covered_e6 > 0); /* fb__store_guarantee_insert's */
    int64_t guaranteed = part(v->principal_fen, v->g.covered_e6);
    v->net_exposure_fen =
        v->principal_fen - guaranteed + part(guaranteed, v->g.split_e6[FB_GUARANTOR_BANK]);
    for (int k = 0; k < 3; k++)
        v->overdue = v->overdue || (v->claimed && open > v->due && v->paid_fen[k] < v->owed_fen[k]);
    v->fee_unpaid_days = v->fee_unpaid_since ? open - v->fee_unpaid_since : 0;
}

int fb_guarantee_view_get(fb_book *book, const char *id, fb_guarantee_view *out) {
    FB_ASSERT(book != NULL && out != NULL);
    fb_loan_position p;
    return view_in(book, id, out, &p);
}

/* The parts of a claim on basis: each guarantor's share, half up, the company the remainder. */
static void split_claim(fb_guarantee_view *v) {
    int64_t b = v->basis_fen, others = part(b, v->g.split_e6[FB_GUARANTOR_BANK]);
    for (int k = FB_GUARANTOR_NATIONAL; k <= FB_GUARANTOR_PROVINCIAL; k++) {
        v->owed_fen[k] = part(b, v->g.split_e6[k]);
        others += v->owed_fen[k];
    }
    v->owed_fen[FB_GUARANTOR_COMPANY] = b - others;
    FB_ASSERT(v->owed_fen[FB_GUARANTOR_COMPANY] >= 0);
}

static int post(fb_book *book, int32_t open, const fb_guarantee_view *v, bool claim, int who) {
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    q.value_date = open;
    char id[FB_ID_MAX + 1], due[FB_ID_MAX + 1];
    for (int k = 0; rc == FB_OK && k < 3; k++) {
        if (!claim && k != who) continue;
        snprintf(id, sizeof id, "%s:%.48s:%d", claim ? "gc" : "gp", v->g.id, k);
        snprintf(due, sizeof due, "gl:guarantee_due:%s", fb_guarantor_name((fb_guarantor)k));
        rc = claim
                 ? fb__tq_add(&q, id, due, "gl:guarantee_compensation", v->owed_fen[k], 1,
                              CODE_CLAIM)
                 : fb__tq_add(&q, id, "gl:guarantee_settlement", due, v->owed_fen[k], 1, CODE_PAY);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc;
}

static int claim_in(fb_book *book, const char *id, fb_guarantee_view *v,
                    fb_guarantee_result *result) {
    fb_loan_position p;
    int32_t open = 0;
    int64_t days = 0;
    int rc = view_in(book, id, v, &p);
    if (rc == FB_ENOTFOUND) return *result = FB_GUARANTEE_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK) rc = fb_setting_get(book, "guarantee_default_days", &days);
    if (rc) return rc;
    if (v->claimed) return *result = FB_GUARANTEE_EXISTS, FB_OK;
    int64_t lost = 0;
    if (p.status == FB_LOAN_WRITTEN_OFF) {
        lost = p.written_off_fen - p.recovered_fen;
    } else if (p.status == FB_LOAN_ACTIVE && p.days_past_due >= days) {
        lost = p.principal_fen;
    } else {
        return *result = FB_GUARANTEE_NOT_DEFAULTED, FB_OK;
    }
    v->basis_fen = part(lost, v->g.covered_e6);
    split_claim(v);
    v->claimed = open;
    v->due = open + v->g.pay_days;
    v->exposure_fen = p.principal_fen + p.written_off_fen - p.recovered_fen;
    rc = fb__store_guarantee_put(book->store, v->g.id, v);
    return rc ? rc : post(book, open, v, true, 0);
}

int fb_guarantee_claim(fb_book *book, const char *id, fb_guarantee_view *out,
                       fb_guarantee_result *result) {
    FB_ASSERT(book != NULL && out != NULL && result != NULL);
    *result = FB_GUARANTEE_DONE;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = claim_in(book, id, out, result);
    if (rc || *result != FB_GUARANTEE_DONE) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

static int pay_in(fb_book *book, const char *id, fb_guarantor who, int64_t *paid,
                  fb_guarantee_result *result) {
    fb_guarantee_view v;
    fb_loan_position p;
    int32_t open = 0;
    int rc = view_in(book, id, &v, &p);
    if (rc == FB_ENOTFOUND) return *result = FB_GUARANTEE_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    if (!v.claimed) return *result = FB_GUARANTEE_NOT_CLAIMED, FB_OK;
    if (who == FB_GUARANTOR_BANK || v.owed_fen[who] == 0) {
        return *result = FB_GUARANTEE_NOTHING_OWED, FB_OK;
    }
    *paid = v.owed_fen[who];
    if (v.paid_fen[who]) return *result = FB_GUARANTEE_EXISTS, FB_OK;
    v.paid_fen[who] = v.owed_fen[who];
    rc = fb__store_guarantee_put(book->store, v.g.id, &v);
    return rc ? rc : post(book, open, &v, false, (int)who);
}

int fb_guarantee_pay(fb_book *book, const char *id, fb_guarantor who, int64_t *paid_fen,
                     fb_guarantee_result *result) {
    FB_ASSERT(book != NULL && paid_fen != NULL && result != NULL);
    FB_ASSERT((unsigned)who < FB_GUARANTOR_COUNT_);
    *result = FB_GUARANTEE_DONE;
    *paid_fen = 0;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = pay_in(book, id, who, paid_fen, result);
    if (rc || *result != FB_GUARANTEE_DONE) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

/* ---- Recoveries shared back ------------------------------------------------------------------ */

/* Each guarantor's share of since (recovered since the claim) of the part guaranteed, never more
 * than it paid, less what went back before: into back[k]; their sum. */
static int64_t shares_back(const fb_guarantee_view *v, int64_t since, int64_t back[3]) {
    int64_t guaranteed = part(since, v->g.covered_e6), sum = 0;
    for (int k = 0; k < 3; k++) {
        int64_t owed = part(guaranteed, v->g.split_e6[k]);
        if (owed > v->paid_fen[k]) owed = v->paid_fen[k];
        back[k] = owed > v->returned_fen[k] ? owed - v->returned_fen[k] : 0;
        sum += back[k];
    }
    return sum;
}

static int share_back_in(fb_book *book, const char *id, int64_t back[3],
                         fb_guarantee_result *result) {
    fb_guarantee_view v;
    fb_loan_position p;
    int32_t open = 0;
    int rc = view_in(book, id, &v, &p);
    if (rc == FB_ENOTFOUND) return *result = FB_GUARANTEE_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    if (!v.claimed) return *result = FB_GUARANTEE_NOT_CLAIMED, FB_OK;
    int64_t since = v.exposure_fen - (p.principal_fen + p.written_off_fen - p.recovered_fen);
    if (shares_back(&v, since > 0 ? since : 0, back) <= 0) {
        return *result = FB_GUARANTEE_NOTHING_RECOVERED, FB_OK;
    }
    v.returns++;
    fb__tq q;
    if ((rc = fb__tq_init(&q, book)) != FB_OK) return rc;
    q.value_date = open;
    for (int k = 0; rc == FB_OK && k < 3; k++) {
        char tid[FB_ID_MAX + 32]; /* at most 57 characters: room for what the compiler reckons */
        snprintf(tid, sizeof tid, "gr:%.48s:%d:%lld", v.g.id, k, (long long)(v.returns % 1000));
        v.returned_fen[k] += back[k];
        rc = fb__tq_add(&q, tid, "gl:guarantee_compensation", "gl:guarantee_settlement", back[k], 1,
                        CODE_SHARE_BACK);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc ? rc : fb__store_guarantee_put(book->store, v.g.id, &v);
}

int fb_guarantee_share_back_parts(fb_book *book, const char *id, int64_t returned_fen[3],
                                  fb_guarantee_result *result) {
    FB_ASSERT(book != NULL && returned_fen != NULL && result != NULL);
    *result = FB_GUARANTEE_DONE;
    memset(returned_fen, 0, 3 * sizeof returned_fen[0]);
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = share_back_in(book, id, returned_fen, result);
    if (rc || *result != FB_GUARANTEE_DONE) {
        fb_book_rollback(book);
        if (rc == FB_OK) memset(returned_fen, 0, 3 * sizeof returned_fen[0]);
        return rc;
    }
    FB_ASSERT(returned_fen[0] >= 0 && returned_fen[1] >= 0 && returned_fen[2] >= 0);
    return fb_book_commit(book);
}

int fb_guarantee_share_back(fb_book *book, const char *id, int64_t *returned_fen,
                            fb_guarantee_result *result) {
    FB_ASSERT(book != NULL && returned_fen != NULL);
    int64_t back[3];
    int rc = fb_guarantee_share_back_parts(book, id, back, result);
    *returned_fen = back[0] + back[1] + back[2];
    return rc;
}

/* ---- Who sees a guarantee ------------------------------------------------------------------- */

bool fb_guarantee_visible(const fb_guarantee *g, const fb_user *as) {
    FB_ASSERT(g != NULL);
    if (!as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR) return true;
    return as->role == FB_ROLE_GUARANTOR && as->party[0] && strcmp(g->company, as->party) == 0;
}

int fb_loan_guaranteed_by(fb_book *book, const char *loan, const char *company, bool *yes) {
    FB_ASSERT(book != NULL && loan != NULL && company != NULL && yes != NULL);
    *yes = false;
    if (!company[0]) return FB_OK;
    return fb__store_loan_guaranteed_by(book->store, loan, company, yes);
}

int fb_guarantees_list(fb_book *book, const fb_user *as, const char *after, fb_guarantee_view *out,
                       size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && n != NULL && (out != NULL || cap == 0));
    FB_ASSERT(cap <= FB_PAGE_MAX);
    *n = 0;
    bool all = !as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR;
    if (!all && (!as || as->role != FB_ROLE_GUARANTOR || !as->party[0])) return FB_OK;
    char(*ids)[FB_ID_MAX + 1] = calloc(cap ? cap : 1, sizeof *ids);
    if (!ids) return FB_ENOMEM;
    size_t got = 0;
    int rc = fb__store_guarantees_after(book->store, after ? after : "", all ? "" : as->party, ids,
                                        cap, &got);
    for (size_t i = 0; rc == FB_OK && i < got; i++) {
        rc = fb_guarantee_view_get(book, ids[i], &out[i]);
        if (rc == FB_OK) (*n)++;
    }
    free(ids);
    return rc;
}
