/* subsidy.c — interest subsidies (财政贴息): a government's scheme, its figures, and end of
 * day's accrual of each enrolled loan's day into the scheme's receivable (docs/schemes.md). The
 * acts (enrol, claim, decide, pay) are in subsidy_act.c.
 *
 * Accounts (ledger 1): sub:<id>:receivable, what the government owes (never in credit),
 * debited by each day's accrual and credited by its payment or a rejected line's reversal; its
 * other side sub:<id>:income (mode net: the bank's interest income) or sub:<id>:payable
 * (mode deposit: owed on to the borrowers, paid to their deposit accounts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "scheme_not_found",
                                           "outside_region",
                                           "not_yours",
                                           "no_business_date",
                                           "loan_not_found",
                                           "loan_not_active",
                                           "line_not_eligible",
                                           "size_not_eligible",
                                           "enrolled_elsewhere",
                                           "exceeds_budget",
                                           "exceeds_borrower_cap",
                                           "quarter_open",
                                           "nothing_to_claim",
                                           "claim_not_found",
                                           "not_in_claim",
                                           "line_decided",
                                           "undecided",
                                           "paid",
                                           "net_rate_not_positive",
                                           "no_net_installment",
                                           "not_listed"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_SUBSIDY_NOT_LISTED + 1,
               "a name for every subsidy result");

const char *fb_subsidy_result_name(fb_subsidy_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_subsidy_check(const fb_subsidy *v, const char **field, char *reason, size_t cap) {
    FB_ASSERT(v != NULL && field != NULL);
    const char *why = NULL;
    if (!fb_id_valid(v->id, strnlen(v->id, sizeof v->id), &why)) FAIL("id", why);
    if (strlen(v->id) > FB_POOL_ID_MAX) FAIL("id", "is longer than 48 characters");
    if (!v->name[0]) FAIL("name", "is empty");
    if (v->region != 210000 && !(v->region > 210000 && v->region < 220000 && v->region % 100 == 0))
        FAIL("region", "must be 210000 (the province) or a Liaoning city's code");
    if (v->lines >> FB_LINE_COUNT_) FAIL("lines", "names an unknown line");
    if (v->sizes >> FB_SIZE_COUNT_) FAIL("sizes", "names an unknown size class");
    if ((unsigned)v->mode >= FB_SUBSIDY_MODE_COUNT_) FAIL("mode", "must be net or deposit");
    if ((v->points_e6 > 0) == (v->share_e6 > 0) || v->points_e6 < 0 || v->share_e6 < 0) {
        FAIL("points", "or share: exactly one of the two, above 0");
    }
    if (v->points_e6 > FB_RATE_MAX_E6) FAIL("points", "must be at most the rate ceiling (24%)");
    if (v->share_e6 > 1000000) FAIL("share", "must be at most 100% of the interest");
    if (v->months < 1 || v->months > FB_LOAN_MONTHS_MAX) FAIL("months", "must be from 1 to 480");
    if (v->borrower_cap_fen < 0) FAIL("borrower_cap", "must not be negative");
    if (v->budget_fen <= 0) FAIL("budget", "must be more than 0");
    if (v->budget_fen > FB_PRINCIPAL_MAX_FEN) FAIL("budget", "is larger than any loan may be");
    if (v->listed != FB_SOURCE_ENTERPRISE && v->listed != FB_SOURCE_KEY_ENTERPRISES &&
        v->listed != FB_SOURCE_MAJOR_PROJECTS) {
        FAIL("listed", "must be key_enterprises or major_projects");
    }
    return FB_OK;
}

static const char *differs(const fb_subsidy *a, const fb_subsidy *e) {
    if (strcmp(a->name, e->name) != 0) return "name";
    if (a->region != e->region) return "region";
    if (a->lines != e->lines || a->sizes != e->sizes)
        return a->lines != e->lines ? "lines" : "sizes";
    if (a->mode != e->mode) return "mode";
    if (a->points_e6 != e->points_e6) return "points";
    if (a->share_e6 != e->share_e6) return "share";
    if (a->months != e->months) return "months";
    if (a->borrower_cap_fen != e->borrower_cap_fen) return "borrower_cap";
    if (a->budget_fen != e->budget_fen) return "budget";
    if (a->listed != e->listed) return "listed";
    return NULL;
}

static int scheme_accounts(fb_book *book, const char *id) {
    char rec[FB_ID_MAX + 1], inc[FB_ID_MAX + 1], pay[FB_ID_MAX + 1];
    snprintf(rec, sizeof rec, "sub:%.48s:receivable", id);
    snprintf(inc, sizeof inc, "sub:%.48s:income", id);
    snprintf(pay, sizeof pay, "sub:%.48s:payable", id);
    fb_account a[4] = {fb__book_account(rec, 1, 1221, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS),
                       fb__book_account(inc, 1, 6011, 0),
                       fb__book_account(pay, 1, 2241, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS),
                       fb__book_account("gl:subsidy_settlement", 1, 1011, 0)};
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

static int create_in(fb_book *book, fb_subsidy *v, fb_subsidy_outcome *out) {
    fb_subsidy e;
    int rc = fb__store_subsidy_by_id(book->store, v->id, &e, NULL);
    if (rc == FB_OK) {
        out->field = differs(v, &e);
        out->result = out->field ? FB_SUBSIDY_EXISTS_WITH_DIFFERENT : FB_SUBSIDY_EXISTS;
        if (!out->field) *v = e;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    rc = fb__store_business_date(book->store, &v->created);
    if (rc || v->created == 0) return rc ? rc : (out->result = FB_SUBSIDY_NO_BUSINESS_DATE, FB_OK);
    v->created_ns = fb_now_ns();
    rc = fb__store_subsidy_insert(book->store, v);
    return rc ? rc : scheme_accounts(book, v->id);
}

/* Whether as may create a scheme of region: the bank any, a government its region's. */
static bool may_create(const fb_user *as, int32_t region, fb_subsidy_outcome *out) {
    bool bank = !as || as->role == FB_ROLE_BANK_OFFICER;
    if (bank || (as->role == FB_ROLE_GOVERNMENT && fb__pool_governs(as->region, region))) {
        return true;
    }
    out->result = as->role == FB_ROLE_GOVERNMENT ? FB_SUBSIDY_OUTSIDE_REGION : FB_SUBSIDY_NOT_YOURS;
    out->field = "region";
    return false;
}

int fb_subsidies_create(fb_book *book, const fb_user *as, fb_subsidy *v, size_t n,
                        fb_subsidy_outcome *out) {
    FB_ASSERT(book != NULL && (v != NULL || n == 0) && (out != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    int rc = fb_book_begin(book);
    if (rc) return rc;
    /* A refusal is decided before anything of its scheme is written: the others stand. */
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        if (may_create(as, v[i].region, &out[i])) rc = create_in(book, &v[i], &out[i]);
    }
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_subsidy_create(fb_book *book, const fb_user *as, fb_subsidy *v, fb_subsidy_outcome *out) {
    FB_ASSERT(book != NULL && v != NULL && out != NULL);
    return fb_subsidies_create(book, as, v, 1, out);
}

int fb_subsidy_get(fb_book *book, const char *id, fb_subsidy *out) {
    FB_ASSERT(book != NULL && out != NULL);
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_subsidy_by_id(book->store, id, out, NULL);
}

int fb_subsidy_view_get(fb_book *book, const char *id, fb_subsidy_view *out) {
    FB_ASSERT(book != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    int64_t key = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    int rc = fb__store_subsidy_by_id(book->store, id, &out->s, &key);
    fb__subsidy_figures f;
    if (rc == FB_OK) rc = fb__store_subsidy_figures(book->store, key, 0, &f);
    if (rc) return rc;
    fb__subsidy_view_fill(out, &f);
    return FB_OK;
}

void fb__subsidy_view_fill(fb_subsidy_view *out, const fb__subsidy_figures *f) {
    FB_ASSERT(out != NULL && f != NULL);
    out->enrolled = f->enrolled;
    out->committed_fen = f->committed;
    out->accrued_fen = f->accrued;
    out->paid_fen = f->approved;
    out->rejected_fen = f->rejected;
    out->receivable_fen = f->accrued - f->approved - f->rejected;
    out->budget_left_fen = out->s.budget_fen - f->committed;
}

/* ---- End of day ---------------------------------------------------------------------------- */

int32_t fb__quarter_of(int32_t day) {
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(day, &y, &m, &d);
    return y * 10 + (m - 1) / 3 + 1;
}

/* The subsidy rate of a day on d's loan: the scheme's points, or its share of the loan's rate. */
static int64_t rate_of(const fb__subsidy_day *d) {
    /* Mode net: what the borrower is charged below its contract rate, and only on the days it is
     * (subsidy_net.c): never the full rate and the subsidy at once. */
    if (d->net_sub > 0) return d->net_sub;
    return d->points > 0 ? d->points : (int64_t)((fb_i128)d->rate * d->share / 1000000);
}

/* One enrolment's day: principal x rate / (year x 1e6), the remainder carried, never past what
 * it may earn. */
static int accrue_one(fb_book *book, fb__subsidy_day *d, int64_t year, int32_t quarter,
                      int64_t *fen) {
    FB_ASSERT(d->principal >= 0 && year >= 360);
    fb_i128 den = (fb_i128)year * 1000000;
    fb_i128 num = (fb_i128)d->principal * rate_of(d) + d->rem;
    *fen = (int64_t)(num / den);
    d->rem = (int64_t)(num % den);
    if (*fen > d->committed - d->accrued) {
        *fen = d->committed - d->accrued;
        d->rem = 0;
    }
    d->accrued += *fen;
    return fb__store_subsidy_accrue(book->store, d->enrol, quarter, *fen, d->accrued, d->rem);
}

static int post_day(fb__tq *q, const fb__subsidy_day *d, int32_t day, int64_t sum) {
    char id[FB_ID_MAX + 1], debit[FB_ID_MAX + 1], credit[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "sa:%lld:%ld", (long long)d->scheme, (long)day);
    snprintf(debit, sizeof debit, "sub:%.48s:receivable", d->scheme_id);
    snprintf(credit, sizeof credit, "sub:%.48s:%s", d->scheme_id,
             d->mode == FB_SUBSIDY_NET ? "income" : "payable");
    return fb__tq_add(q, id, debit, credit, sum, 1, 904);
}

int fb__subsidy_accrue_day(fb_book *book, fb__tq *q, int32_t day) {
    FB_ASSERT(book != NULL && q != NULL);
    fb__subsidy_day *v = NULL;
    size_t n = 0;
    int64_t year = 360;
    int rc = fb_setting_get(book, "subsidy_year_days", &year);
    if (rc == FB_OK) rc = fb__store_subsidy_accruing(book->store, day, &v, &n);
    int32_t quarter = fb__quarter_of(day);
    int64_t sum = 0;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        int64_t fen = 0;
        rc = accrue_one(book, &v[i], year, quarter, &fen);
        sum += fen;
        if (rc == FB_OK && (i + 1 == n || v[i + 1].scheme != v[i].scheme)) {
            rc = post_day(q, &v[i], day, sum);
            sum = 0;
        }
    }
    free(v);
    return rc;
}
