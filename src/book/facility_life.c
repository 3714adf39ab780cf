/* facility_life.c — a facility over its life: renewed, its limit changed, frozen and unfrozen,
 * closed, expired at the end of its last day; and, after every change of any facility of a
 * borrower, the borrower's total credit recounted (its active and frozen lines) with the
 * inclusive status of each of its facilities and open loans following it (DOMAIN.md: 普惠型小微
 * counts the borrower's total credit at the bank now, not at approval).
 *
 * Entries, all on the off-balance ledger: a higher limit is granted from the commitments
 * (flim:<facility>:<n>, code 701), a lower one returned to them (code 705), and a closed
 * facility's available limit returned (fcl:<facility>, code 707); what is drawn under a closed
 * facility returns to the commitments as it is repaid (servicing.c). Each change is a row of the
 * facility's history (table facility_changes), idempotent by the caller's id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const change_result_names[] = {
    "changed",   "exists",        "exists_with_different", "facility_not_found",
    "closed",    "not_allowed",   "end_not_later",         "below_drawn",
    "unchanged", "not_inclusive", "before_business_date",  "after_business_date"};

const char *fb_facility_change_result_name(fb_facility_change_result r) {
    return (unsigned)r < sizeof change_result_names / sizeof change_result_names[0]
               ? change_result_names[r]
               : "unknown";
}

enum { CODE_GRANT = 701, CODE_LIMIT_CUT = 705, CODE_LIMIT_CLOSE = 707 };

#define FAIL(f, r) return *field = (f), snprintf(reason, cap, "%s", (r)), FB_EINVAL

int fb_facility_change_check(const fb_facility_change *c, const char **field, char *reason,
                             size_t cap) {
    FB_ASSERT(c != NULL && field != NULL && reason != NULL && cap > 0);
    const char *why = NULL;
    if (!fb_id_valid(c->facility, strnlen(c->facility, sizeof c->facility), &why)) {
        FAIL("facility", why);
    }
    if (c->id[0] && !fb_id_valid(c->id, strnlen(c->id, sizeof c->id), &why)) FAIL("id", why);
    if ((unsigned)c->kind >= FB_FACILITY_EXPIRE) {
        FAIL("kind", "must be renew, limit, freeze, unfreeze or close");
    }
    bool limits = c->kind == FB_FACILITY_RENEW || c->kind == FB_FACILITY_SET_LIMIT;
    if (c->kind == FB_FACILITY_SET_LIMIT && c->limit_fen <= 0) {
        FAIL("limit", "is required and must be more than 0");
    }
    if (c->limit_fen < 0 || (!limits && c->limit_fen)) {
        FAIL("limit", limits ? "must be more than 0" : "is for a renewal or a limit change only");
    }
    if (c->limit_fen > FB_PRINCIPAL_MAX_FEN) FAIL("limit", "is too large");
    if (c->kind == FB_FACILITY_RENEW && c->end_date <= 0) FAIL("end_date", "is required");
    if (c->kind != FB_FACILITY_RENEW && c->end_date) FAIL("end_date", "is for a renewal only");
    for (const char *p = c->reason; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) FAIL("reason", "has a control character");
    }
    return FB_OK;
}

/* ---- Who counts as inclusive, now ---------------------------------------------------------- */

/* Follows the borrower's total credit into its facilities' derived figures. */
static int rederive_facilities(fb_book *book, const fb_party *p, int64_t total) {
    fb__id *v = NULL;
    size_t n = 0;
    int rc = fb__store_party_facilities(book->store, p->id, &v, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb_facility f;
        rc = fb__store_facility_by_id(book->store, v[i].id, &f);
        if (rc) break;
        fb_facility was = f;
        f.party_total_credit_fen = total;
        fb__facility_derive(&f, p);
        if (f.party_total_credit_fen != was.party_total_credit_fen ||
            f.inclusive_cbirc != was.inclusive_cbirc || f.inclusive_pboc != was.inclusive_pboc ||
            strcmp(f.inclusive_rule, was.inclusive_rule) != 0) {
            rc = fb__store_facility_update(book->store, &f);
        }
    }
    free(v);
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}

/* Follows it into one open loan: its flags, and its report cell (the aggregates move). */
static int rederive_loan(fb_book *book, const fb_party *p, int64_t total, int64_t key,
                         bool *changed) {
    fb_store *s = book->store;
    fb_loan x;
    int rc = fb__store_loan_by_key(s, key, &x);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    bool cbirc = false, pboc = false;
    fb__loan_inclusive(p, total, &x, &cbirc, &pboc);
    *changed = cbirc != x.inclusive_cbirc || pboc != x.inclusive_pboc;
    if (!*changed) return FB_OK;
    rc = fb__store_loan_set_inclusive(s, key, cbirc, pboc);
    fb__loan_state st;
    if (rc == FB_OK) rc = fb__store_state_get(s, key, &st);
    int64_t party_key = 0, cell = 0;
    if (rc == FB_OK) rc = fb__store_loan_cell(s, key, &party_key, &cell);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    FB_ASSERT(party_key == st.party);
    FB_ASSERT(cell % 2 == (cbirc ? 1 : 0));
    st.cell = cell;
    return fb__store_state_put(s, &st);
}

int fb__party_rederive(fb_book *book, const char *party, int64_t *changed) {
    FB_ASSERT(book != NULL && party != NULL && changed != NULL);
    *changed = 0;
    fb_store *s = book->store;
    fb_party p;
    int64_t total = 0;
    int rc = fb__store_party_by_id(s, party, &p);
    if (rc == FB_OK) rc = fb__store_party_total_credit(s, party, &total);
    if (rc == FB_OK) rc = rederive_facilities(book, &p, total);
    fb__id *v = NULL;
    size_t n = 0;
    if (rc == FB_OK) rc = fb__store_party_open_loans(s, party, &v, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        bool moved = false;
        rc = rederive_loan(book, &p, total, v[i].key, &moved);
        *changed += moved;
    }
    free(v);
    FB_ASSERT(rc != FB_OK || *changed <= (int64_t)n);
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}

/* ---- Changes --------------------------------------------------------------------------------- */

/* The same change as one recorded with this id: the fields the caller gave. */
static bool same_change(const fb_facility_change *a, const fb_facility_change *b) {
    if (strcmp(a->facility, b->facility) != 0 || a->kind != b->kind) return false;
    if (a->kind == FB_FACILITY_RENEW && a->end_date != b->end_after) return false;
    if (a->limit_fen && a->limit_fen != b->limit_after_fen) return false;
    return true;
}

/* Whether the change may be made from where the facility stands, and on this date. */
static fb_facility_change_result allowed(fb_facility_change *c, const fb_facility *f,
                                         int32_t open) {
    if (open && c->date < open) return c->against = open, FB_FACILITY_CHANGE_BEFORE_BUSINESS_DATE;
    if (open && c->date > open) return c->against = open, FB_FACILITY_CHANGE_AFTER_BUSINESS_DATE;
    if (f->status == FB_FACILITY_CLOSED) return FB_FACILITY_CHANGE_CLOSED;
    switch (c->kind) {
    case FB_FACILITY_RENEW:
        return c->end_date > f->end_date && c->end_date >= c->date
                   ? FB_FACILITY_CHANGED
                   : FB_FACILITY_CHANGE_END_NOT_LATER;
    case FB_FACILITY_SET_LIMIT:
        if (f->status == FB_FACILITY_EXPIRED) return FB_FACILITY_CHANGE_NOT_ALLOWED;
        return c->limit_fen == f->limit_fen ? FB_FACILITY_CHANGE_UNCHANGED : FB_FACILITY_CHANGED;
    case FB_FACILITY_FREEZE:
        return f->status == FB_FACILITY_ACTIVE ? FB_FACILITY_CHANGED
                                               : FB_FACILITY_CHANGE_NOT_ALLOWED;
    case FB_FACILITY_UNFREEZE:
        return f->status == FB_FACILITY_FROZEN ? FB_FACILITY_CHANGED
                                               : FB_FACILITY_CHANGE_NOT_ALLOWED;
    case FB_FACILITY_CLOSE: return FB_FACILITY_CHANGED;
    default: return FB_FACILITY_CHANGE_NOT_ALLOWED;
    }
}

/* The facility as the change leaves it, in memory: its limit, end date and status. A renewal
 * or a higher limit of an inclusive line is refused when it would take the borrower's total
 * credit past the regulator's ten million. */
static int decide(fb_book *book, fb_facility_change *c, fb_facility *f, int64_t available,
                  fb_facility_change_result *out) {
    bool counted = f->status == FB_FACILITY_ACTIVE || f->status == FB_FACILITY_FROZEN;
    int64_t limit = c->limit_fen ? c->limit_fen : f->limit_fen;
    if (limit < f->limit_fen && f->limit_fen - limit > available) {
        c->against = f->limit_fen - available; /* drawn and reserved */
        return *out = FB_FACILITY_CHANGE_BELOW_DRAWN, FB_OK;
    }
    fb_facility_status status = f->status;
    if (c->kind == FB_FACILITY_RENEW && status == FB_FACILITY_EXPIRED) status = FB_FACILITY_ACTIVE;
    if (c->kind == FB_FACILITY_FREEZE) status = FB_FACILITY_FROZEN;
    if (c->kind == FB_FACILITY_UNFREEZE) status = FB_FACILITY_ACTIVE;
    if (c->kind == FB_FACILITY_CLOSE) status = FB_FACILITY_CLOSED;
    int64_t total = 0;
    int rc = fb__store_party_total_credit(book->store, f->party, &total);
    if (rc) return rc;
    bool counts = status == FB_FACILITY_ACTIVE || status == FB_FACILITY_FROZEN;
    int64_t after = total - (counted ? f->limit_fen : 0) + (counts ? limit : 0);
    if (f->line == FB_LINE_INCLUSIVE && counts && after > total &&
        after > FB_INCLUSIVE_CREDIT_MAX_FEN) {
        return *out = FB_FACILITY_CHANGE_NOT_INCLUSIVE, FB_OK;
    }
    c->limit_before_fen = f->limit_fen;
    c->end_before = f->end_date;
    f->limit_fen = limit;
    if (c->kind == FB_FACILITY_RENEW) f->end_date = c->end_date;
    f->status = status;
    c->limit_after_fen = f->limit_fen;
    c->end_after = f->end_date;
    c->status = status;
    FB_ASSERT(f->limit_fen > 0 && c->limit_after_fen == f->limit_fen);
    return *out = FB_FACILITY_CHANGED, FB_OK;
}

/* The change's entries: the limit's difference, or a closed facility's available limit. */
static int post_change(fb_book *book, const fb_facility_change *c, const fb_facility *f,
                       int64_t available) {
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    char id[FB_ID_MAX + 1];
    int64_t delta = c->limit_after_fen - c->limit_before_fen;
    snprintf(id, sizeof id, "flim:%s:%d", f->id, c->seq);
    if (delta > 0) {
        rc = fb__tq_add(&q, id, FB_ACCOUNT_COMMITMENTS, f->available_account, delta,
                        FB_LEDGER_OFF_BALANCE, CODE_GRANT);
    } else if (delta < 0) {
        rc = fb__tq_add(&q, id, f->available_account, FB_ACCOUNT_COMMITMENTS, -delta,
                        FB_LEDGER_OFF_BALANCE, CODE_LIMIT_CUT);
    }
    snprintf(id, sizeof id, "fcl:%s", f->id);
    if (rc == FB_OK && c->kind == FB_FACILITY_CLOSE) {
        rc = fb__tq_add(&q, id, f->available_account, FB_ACCOUNT_COMMITMENTS, available,
                        FB_LEDGER_OFF_BALANCE, CODE_LIMIT_CLOSE);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc;
}

/* Makes a decided change: the facility's row, its entries, its history, the borrower's
 * inclusive status. */
static int write_change(fb_book *book, fb_facility_change *c, fb_facility *f, int64_t available) {
    int32_t count = 0;
    int rc = fb__store_facility_change_count(book->store, f->id, &count);
    c->seq = count + 1;
    if (rc == FB_OK) rc = fb__store_facility_update(book->store, f);
    if (rc == FB_OK) rc = post_change(book, c, f, available);
    if (rc == FB_OK) rc = fb__store_facility_change_insert(book->store, c, fb_now_ns());
    if (rc == FB_OK) rc = fb__party_rederive(book, f->party, &c->loans_rederived);
    if (rc == FB_OK)
        rc = fb__store_party_total_credit(book->store, f->party, &c->party_total_credit_fen);
    if (rc == FB_OK) rc = fb_facility_limits(book, f, &c->available_fen, NULL);
    return rc;
}

static int change_in_unit(fb_book *book, fb_facility_change *c, fb_facility_change_result *out) {
    fb_store *s = book->store;
    fb_facility_change before;
    int rc = c->id[0] ? fb__store_facility_change_by_client(s, c->id, &before) : FB_ENOTFOUND;
    if (rc == FB_OK) {
        *out = same_change(c, &before) ? FB_FACILITY_CHANGE_EXISTS
                                       : FB_FACILITY_CHANGE_EXISTS_WITH_DIFFERENT;
        if (*out == FB_FACILITY_CHANGE_EXISTS) *c = before;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    fb_facility f;
    rc = fb__store_facility_by_id(s, c->facility, &f);
    if (rc == FB_ENOTFOUND) return *out = FB_FACILITY_CHANGE_NOT_FOUND, FB_OK;
    int32_t open = 0;
    if (rc == FB_OK) rc = fb__store_business_date(s, &open);
    if (rc) return rc;
    if (!c->date) c->date = open ? open : (int32_t)(fb_now_ns() / (86400LL * 1000000000LL));
    *out = allowed(c, &f, open);
    int64_t available = 0;
    if (*out == FB_FACILITY_CHANGED) rc = fb_facility_limits(book, &f, &available, NULL);
    if (rc == FB_OK && *out == FB_FACILITY_CHANGED) rc = decide(book, c, &f, available, out);
    if (rc == FB_OK && *out == FB_FACILITY_CHANGED) rc = write_change(book, c, &f, available);
    return rc;
}

int fb_facility_change_make(fb_book *book, fb_facility_change *c, fb_facility_change_result *out) {
    FB_ASSERT(book != NULL && c != NULL && out != NULL);
    FB_ASSERT((unsigned)c->kind < FB_FACILITY_CHANGE_COUNT_);
    *out = FB_FACILITY_CHANGED;
    int rc = fb_book_begin(book);
    if (rc) return rc;
    rc = change_in_unit(book, c, out);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

/* ---- Expiry, at the end of a facility's last day ------------------------------------------ */

int fb__facilities_expire(fb_book *book, int32_t day, int64_t *expired) {
    FB_ASSERT(book != NULL && expired != NULL);
    *expired = 0;
    fb__id *v = NULL;
    size_t n = 0;
    int rc = fb__store_facilities_expiring(book->store, day, &v, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb_facility f;
        rc = fb__store_facility_by_id(book->store, v[i].id, &f);
        if (rc) break;
        fb_facility_change c;
        memset(&c, 0, sizeof c);
        snprintf(c.facility, sizeof c.facility, "%s", f.id);
        c.kind = FB_FACILITY_EXPIRE;
        c.date = day;
        c.limit_before_fen = c.limit_after_fen = f.limit_fen;
        c.end_before = c.end_after = f.end_date;
        c.status = f.status = FB_FACILITY_EXPIRED;
        rc = write_change(book, &c, &f, 0);
        ++*expired;
    }
    free(v);
    FB_ASSERT(rc != FB_OK || *expired == (int64_t)n);
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}
