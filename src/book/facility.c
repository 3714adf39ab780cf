/* facility.c — credit facilities (授信): a limit granted to a party for a line of business, kept
 * on the off-balance ledger. Approval credits the facility's available account from the bank's
 * commitments; a drawdown (loan.c) moves limit from available to drawn, which the available
 * account's debits_must_not_exceed_credits flag refuses beyond the limit. Inclusive status is
 * derived with both scopes (DOMAIN.md) from the borrower's total credit now: on approval here,
 * and on every later change of any of its facilities (facility_life.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const result_names[] = {
    "created",           "exists",        "exists_with_different",
    "party_not_found",   "not_inclusive", "before_business_date",
    "green_item_unknown"};

/* Transfer codes of the off-balance ledger. */
enum { CODE_GRANT = 701 };

const char *fb_facility_result_name(fb_facility_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, r) return *field = (f), snprintf(reason, cap, "%s", (r)), FB_EINVAL

int fb_facility_check(fb_facility *f, const char **field, char *reason, size_t cap) {
    FB_ASSERT(f != NULL && field != NULL && reason != NULL && cap > 0);
    const char *why = NULL;
    if (!fb_id_valid(f->id, strnlen(f->id, sizeof f->id), &why)) FAIL("id", why);
    if (strlen(f->id) > FB_FACILITY_ID_MAX) FAIL("id", "is longer than 48 characters");
    if (!fb_id_valid(f->party, strnlen(f->party, sizeof f->party), &why)) FAIL("party", why);
    if ((unsigned)f->line >= FB_LINE_COUNT_) FAIL("line", "is unknown");
    if (f->limit_fen <= 0) FAIL("limit", "must be more than 0");
    if (f->limit_fen > FB_PRINCIPAL_MAX_FEN) FAIL("limit", "is too large");
    if (f->end_date < f->start_date) FAIL("end_date", "is before start_date");
    if (f->project[0] && !fb_id_valid(f->project, strlen(f->project), &why)) FAIL("project", why);
    if (f->line == FB_LINE_GREEN && !f->green_item[0]) {
        FAIL("green_item", "is required for a green facility (绿色金融支持项目目录 item)");
    }
    int levels = 0;
    if (f->green_item[0] &&
        (fb_green_code_check(f->green_item, &levels, &why) || levels != FB_GREEN_LEVELS)) {
        FAIL("green_item",
             "must be a level-3 item of 绿色金融支持项目目录（2025年版）: three dotted "
             "numbers such as 3.2.1 under a level-1 category 1 to 9");
    }
    snprintf(f->available_account, sizeof f->available_account, "fac:%s:available", f->id);
    snprintf(f->drawn_account, sizeof f->drawn_account, "fac:%s:drawn", f->id);
    return FB_OK;
}

static const char *differs(const fb_facility *a, const fb_facility *b) {
    if (strcmp(a->party, b->party) != 0) return "party";
    if (a->line != b->line) return "line";
    if (a->limit_fen != b->limit_fen) return "limit";
    if (a->start_date != b->start_date) return "start_date";
    if (a->end_date != b->end_date) return "end_date";
    if (a->revolving != b->revolving) return "revolving";
    if (strcmp(a->project, b->project) != 0) return "project";
    if (strcmp(a->green_item, b->green_item) != 0) return "green_item";
    return NULL;
}

/* Inclusive small-micro status: a small or micro enterprise, an individual business, or the
 * owner of a small or micro business, whose total credit at the bank is within ten million yuan,
 * in both scopes. */
bool fb__book_inclusive(const fb_party *p, int64_t total_fen, bool *cbirc, bool *pboc) {
    bool small = p->kind == FB_PARTY_INDIVIDUAL_BUSINESS || p->size_class == FB_SIZE_SMALL ||
                 p->size_class == FB_SIZE_MICRO;
    *cbirc = small && total_fen <= FB_INCLUSIVE_CREDIT_MAX_FEN;
    *pboc = small && total_fen < FB_INCLUSIVE_CREDIT_MAX_FEN;
    return small;
}

void fb__loan_inclusive(const fb_party *p, int64_t total_fen, const fb_loan *x, bool *cbirc,
                        bool *pboc) {
    fb__book_inclusive(p, total_fen, cbirc, pboc);
    /* An owner's loan counts for its business only (the regulator's scope: 经营用途). */
    if (p->kind == FB_PARTY_SMALL_BUSINESS_OWNER && x->personal_purpose) *cbirc = *pboc = false;
}

void fb__facility_derive(fb_facility *f, const fb_party *p) {
    int64_t total = f->party_total_credit_fen;
    bool small = fb__book_inclusive(p, total, &f->inclusive_cbirc, &f->inclusive_pboc);
    char amount[FB_MONEY_STR_MAX];
    const char *who = p->kind == FB_PARTY_ENTERPRISE            ? fb_size_class_name(p->size_class)
                      : p->kind == FB_PARTY_INDIVIDUAL_BUSINESS ? "individual business"
                                                                : "small-business owner";
    snprintf(f->inclusive_rule, sizeof f->inclusive_rule,
             "普惠型小微: %s%s (%s), total credit %s yuan; regulator <= 10,000,000: %s; "
             "central bank < 10,000,000: %s",
             who, p->kind == FB_PARTY_SMALL_BUSINESS_OWNER && small ? " of a small business" : "",
             small ? "in scope" : "out of scope", fb_money_format(total, amount),
             f->inclusive_cbirc ? "yes" : "no", f->inclusive_pboc ? "yes" : "no");
}

/* Decides one facility against the book; a new one gets its row. */
static int approve_one(fb_book *book, fb_facility *f, int64_t now, bool allow_past,
                       fb_facility_outcome *o, bool *is_new) {
    fb_store *s = book->store;
    memset(o, 0, sizeof *o);
    *is_new = false;
    fb_facility existing;
    int rc = fb__store_facility_by_id(s, f->id, &existing);
    if (rc == FB_OK) {
        o->field = differs(f, &existing);
        o->result = o->field ? FB_FACILITY_EXISTS_WITH_DIFFERENT : FB_FACILITY_EXISTS;
        if (!o->field) *f = existing;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    int32_t open = 0;
    rc = fb__store_business_date(s, &open);
    if (rc) return rc;
    if (open && f->start_date < open && !allow_past) {
        return o->against = open, o->result = FB_FACILITY_BEFORE_BUSINESS_DATE, FB_OK;
    }
    fb_party p;
    rc = fb__store_party_by_id(s, f->party, &p);
    if (rc == FB_ENOTFOUND) return o->result = FB_FACILITY_PARTY_NOT_FOUND, FB_OK;
    if (rc) return rc;
    int64_t before = 0;
    rc = fb__store_party_total_credit(s, f->party, &before);
    if (rc) return rc;
    /* A green item the loaded catalogue holds (book/green.c). */
    char why[160];
    if (f->green_item[0] && fb_green_item_known(book, f->green_item, why, sizeof why)) {
        o->field = "green_item";
        return o->result = FB_FACILITY_GREEN_ITEM_UNKNOWN, FB_OK;
    }
    /* A facility already past its end date (one brought in at a cut-over) is expired: it does
     * not count in the borrower's total credit. */
    if (open && f->end_date < open) f->status = FB_FACILITY_EXPIRED;
    if (f->status != FB_FACILITY_EXPIRED && f->status != FB_FACILITY_FROZEN) {
        f->status = FB_FACILITY_ACTIVE;
    }
    f->party_total_credit_fen = before + (f->status == FB_FACILITY_EXPIRED ? 0 : f->limit_fen);
    fb__facility_derive(f, &p);
    if (f->line == FB_LINE_INCLUSIVE && !f->inclusive_cbirc) {
        return o->result = FB_FACILITY_NOT_INCLUSIVE, FB_OK;
    }
    f->created_ns = now;
    rc = fb__store_facility_insert(s, f);
    if (rc) return rc;
    o->result = FB_FACILITY_CREATED;
    *is_new = true;
    return FB_OK;
}

/* Opens the new facilities' accounts and grants their limits: all must be created. */
static int grant(fb_book *book, const fb_facility *f, const bool *is_new, size_t n) {
    fb_account *acc = calloc(2 * n + 1, sizeof *acc);
    fb_transfer *tr = calloc(n, sizeof *tr);
    fb_result *res = calloc(2 * n + 1, sizeof *res);
    int rc = acc && tr && res ? FB_OK : FB_ENOMEM;
    size_t na = 0, nt = 0;
    if (rc == FB_OK)
        acc[na++] =
            fb__book_account(FB_ACCOUNT_COMMITMENTS, FB_LEDGER_OFF_BALANCE, FB_CODE_COMMITMENTS, 0);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (!is_new[i]) continue;
        acc[na++] = fb__book_account(f[i].available_account, FB_LEDGER_OFF_BALANCE,
                                     FB_CODE_AVAILABLE, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS);
        acc[na++] = fb__book_account(f[i].drawn_account, FB_LEDGER_OFF_BALANCE, FB_CODE_DRAWN, 0);
        fb_transfer *t = &tr[nt++];
        snprintf(t->id, sizeof t->id, "grant:%s", f[i].id);
        snprintf(t->debit_account_id, sizeof t->debit_account_id, FB_ACCOUNT_COMMITMENTS);
        memcpy(t->credit_account_id, f[i].available_account, sizeof t->credit_account_id);
        t->amount_fen = f[i].limit_fen;
        t->ledger = FB_LEDGER_OFF_BALANCE;
        t->code = CODE_GRANT;
        t->value_date = f[i].start_date;
    }
    if (rc == FB_OK) rc = fb_ledger_create_accounts(book->ledger, acc, na, res, NULL);
    for (size_t i = 0; rc == FB_OK && i < na; i++) {
        /* The commitments account is shared; every other account is new. */
        if (res[i] != FB_RESULT_CREATED && !(i == 0 && res[i] == FB_RESULT_EXISTS))
            rc = FB_ECORRUPT;
    }
    if (rc == FB_OK && nt) rc = fb_ledger_create_transfers(book->ledger, tr, nt, res, NULL, NULL);
    for (size_t i = 0; rc == FB_OK && i < nt; i++) {
        if (res[i] != FB_RESULT_CREATED) rc = FB_ECORRUPT;
    }
    free(acc);
    free(tr);
    free(res);
    return rc;
}

int fb__facilities_approve(fb_book *book, fb_facility *facilities, size_t n,
                           fb_facility_outcome *outcomes, bool allow_past) {
    FB_ASSERT(book != NULL && (facilities != NULL || n == 0) && (outcomes != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    if (n == 0) return FB_OK;
    bool *is_new = calloc(n, sizeof *is_new);
    if (!is_new) return FB_ENOMEM;
    int rc = fb_book_begin(book);
    if (rc) {
        free(is_new);
        return rc;
    }
    int64_t now = fb_now_ns();
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        rc = approve_one(book, &facilities[i], now, allow_past, &outcomes[i], &is_new[i]);
    }
    if (rc == FB_OK) rc = grant(book, facilities, is_new, n);
    /* A new line changes its borrower's total credit: every facility and open loan of it
     * follows (the same party's lines in a row are recounted once). */
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (!is_new[i] || (i + 1 < n && is_new[i + 1] &&
                           strcmp(facilities[i].party, facilities[i + 1].party) == 0)) {
            continue;
        }
        int64_t changed = 0;
        rc = fb__party_rederive(book, facilities[i].party, &changed);
    }
    free(is_new);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_facilities_create(fb_book *book, fb_facility *facilities, size_t n,
                         fb_facility_outcome *outcomes) {
    return fb__facilities_approve(book, facilities, n, outcomes, false);
}

int fb_facility_get(fb_book *book, const char *id, fb_facility *out) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_facility_by_id(book->store, id, out);
}

int fb_facility_limits(fb_book *book, const fb_facility *f, int64_t *available_fen,
                       int64_t *drawn_fen) {
    FB_ASSERT(book != NULL && f != NULL);
    fb_account a;
    int rc = fb_ledger_get_account(book->ledger, f->available_account, &a);
    if (rc == FB_OK && available_fen) {
        *available_fen = a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen;
    }
    if (rc == FB_OK && drawn_fen) rc = fb_ledger_get_account(book->ledger, f->drawn_account, &a);
    if (rc == FB_OK && drawn_fen) *drawn_fen = a.credits_posted_fen - a.debits_posted_fen;
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}
