/* transfer.c — the rules of one transfer: checks in TigerBeetle's order, single-phase and pending
 * transfers, posting and voiding, balancing and closing, and expiry of pending transfers.
 *
 * docs/ledger.md lists the checks in the order below; a change here changes that document. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "ledger/ledger_internal.h"

#define R(code) (*result = (code), FB_OK)

static bool id_ok(const char *id) { return fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL); }

/* Would a more debit make the account's debits exceed its credits, against its flag? */
static bool debits_exceed_credits(const fb_account *a, int64_t amount) {
    if (!(a->flags & FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS)) return false;
    /* Overflow checks ran first, so these sums fit. */
    return a->debits_pending_fen + a->debits_posted_fen + amount > a->credits_posted_fen;
}

static bool credits_exceed_debits(const fb_account *a, int64_t amount) {
    if (!(a->flags & FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS)) return false;
    return a->credits_pending_fen + a->credits_posted_fen + amount > a->debits_posted_fen;
}

static bool sum_overflows(int64_t a, int64_t b) {
    int64_t r;
    return !fb_add_i64(a, b, &r);
}

/* The idempotency check of a single-phase or pending transfer against the stored one. */
static fb_result transfer_exists(const fb_transfer *t, const fb_transfer *e) {
    if (t->flags != e->flags) return FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS;
    if (strcmp(t->pending_id, e->pending_id) != 0)
        return FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID;
    if (t->timeout_s != e->timeout_s) return FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT;
    if (strcmp(t->debit_account_id, e->debit_account_id) != 0) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (strcmp(t->credit_account_id, e->credit_account_id) != 0) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    /* A balancing transfer's amount is a cap: any cap at or above what moved is the same event. */
    if (t->flags & (FB_TRANSFER_BALANCING_DEBIT | FB_TRANSFER_BALANCING_CREDIT)) {
        if (t->amount_fen != FB_AMOUNT_UNSPECIFIED && t->amount_fen < e->amount_fen) {
            return FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT;
        }
    } else if (t->amount_fen != e->amount_fen) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT;
    }
    if (strcmp(t->user_data, e->user_data) != 0) return FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA;
    if (t->ledger != e->ledger) return FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER;
    if (t->code != e->code) return FB_RESULT_EXISTS_WITH_DIFFERENT_CODE;
    /* Left out, the value date was the day's then, which a retry on another day cannot repeat. */
    if (t->value_date && t->value_date != e->value_date) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE;
    }
    return FB_RESULT_EXISTS;
}

/* The amount a posting or voiding transfer resolves: left out, the whole pending amount; and, as
 * TigerBeetle does, a void of amount 0 (the usual way to write a void) voids the whole amount. */
static int64_t resolved_amount(const fb_transfer *t, const fb_transfer *p) {
    FB_ASSERT(t->flags & (FB_TRANSFER_POST_PENDING | FB_TRANSFER_VOID_PENDING));
    FB_ASSERT(p->flags & FB_TRANSFER_PENDING);
    if (t->amount_fen == FB_AMOUNT_UNSPECIFIED) return p->amount_fen;
    if ((t->flags & FB_TRANSFER_VOID_PENDING) && t->amount_fen == 0) return p->amount_fen;
    return t->amount_fen;
}

/* The idempotency check of a posting or voiding transfer: fields left out default to the pending
 * transfer's, as when it was created. */
static fb_result resolve_exists(const fb_transfer *t, const fb_transfer *e, const fb_transfer *p) {
    if (t->flags != e->flags) return FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS;
    if (strcmp(t->pending_id, e->pending_id) != 0)
        return FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID;
    if (t->timeout_s != e->timeout_s) return FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT;
    if (t->debit_account_id[0] && strcmp(t->debit_account_id, e->debit_account_id) != 0) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (t->credit_account_id[0] && strcmp(t->credit_account_id, e->credit_account_id) != 0) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    if (resolved_amount(t, p) != e->amount_fen) return FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT;
    const char *ud = t->user_data[0] ? t->user_data : p->user_data;
    if (strcmp(ud, e->user_data) != 0) return FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA;
    if (t->ledger && t->ledger != e->ledger) return FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER;
    if (t->code && t->code != e->code) return FB_RESULT_EXISTS_WITH_DIFFERENT_CODE;
    if (t->value_date && t->value_date != e->value_date) {
        return FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE;
    }
    return FB_RESULT_EXISTS;
}

/* Makes the cache entry for a new transfer and queues it for writing. */
static void record_new(fb_ledger *l, xfer_entry *e, const fb_transfer *t, int64_t debit_key,
                       int64_t credit_key, int64_t pending_ts, int64_t expires_at_ns) {
    FB_ASSERT(e->state == ENTRY_ABSENT);
    fb__ledger_touch_transfer(l, e);
    e->st.t = *t;
    e->st.debit_key = debit_key;
    e->st.credit_key = credit_key;
    e->st.pending_ts = pending_ts;
    e->st.pending_status = (t->flags & FB_TRANSFER_PENDING) ? FB_PENDING_PENDING : FB_PENDING_NONE;
    e->st.expires_at_ns = expires_at_ns;
    e->state = ENTRY_NEW;
    e->status_dirty = false;
    FB_ASSERT(l->n_new_xfers < FB_BATCH_MAX);
    l->new_xfers[l->n_new_xfers++] = (int32_t)(e - l->xfers);
}

/* The checks that need no record, for a single-phase or pending transfer. */
static fb_result check_shape(const fb_transfer *t) {
    if (t->debit_account_id[0] == '\0') return FB_RESULT_DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (!id_ok(t->debit_account_id)) return FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED;
    if (t->credit_account_id[0] == '\0') return FB_RESULT_CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (!id_ok(t->credit_account_id)) return FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED;
    if (strcmp(t->debit_account_id, t->credit_account_id) == 0) {
        return FB_RESULT_ACCOUNTS_MUST_BE_DIFFERENT;
    }
    if (t->pending_id[0]) return FB_RESULT_PENDING_ID_MUST_BE_ZERO;
    if (!(t->flags & FB_TRANSFER_PENDING)) {
        if (t->timeout_s) return FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        if (t->flags & (FB_TRANSFER_CLOSING_DEBIT | FB_TRANSFER_CLOSING_CREDIT)) {
            return FB_RESULT_CLOSING_TRANSFER_MUST_BE_PENDING;
        }
    }
    if (t->timeout_s > FB_TIMEOUT_MAX_S) return FB_RESULT_TIMEOUT_TOO_LONG;
    if (t->ledger == 0) return FB_RESULT_LEDGER_MUST_NOT_BE_ZERO;
    if (t->code == 0) return FB_RESULT_CODE_MUST_NOT_BE_ZERO;
    bool balancing = t->flags & (FB_TRANSFER_BALANCING_DEBIT | FB_TRANSFER_BALANCING_CREDIT);
    if (t->amount_fen == FB_AMOUNT_UNSPECIFIED && !balancing) return FB_RESULT_AMOUNT_MUST_BE_GIVEN;
    return FB_RESULT_CREATED;
}

/* What a balancing transfer may move: at most its cap, at most what keeps each side balanced. */
static int64_t balanced_amount(const fb_transfer *t, const fb_account *dr, const fb_account *cr) {
    int64_t amount = t->amount_fen == FB_AMOUNT_UNSPECIFIED ? INT64_MAX : t->amount_fen;
    if (t->flags & FB_TRANSFER_BALANCING_DEBIT) {
        __extension__ __int128 room =
            (__int128)dr->credits_posted_fen - dr->debits_posted_fen - dr->debits_pending_fen;
        if (room < 0) room = 0;
        if (room < amount) amount = (int64_t)room;
    }
    if (t->flags & FB_TRANSFER_BALANCING_CREDIT) {
        __extension__ __int128 room =
            (__int128)cr->debits_posted_fen - cr->credits_posted_fen - cr->credits_pending_fen;
        if (room < 0) room = 0;
        if (room < amount) amount = (int64_t)room;
    }
    return amount;
}

static fb_result check_amounts(const fb_transfer *t, const fb_account *dr, const fb_account *cr,
                               int64_t amount, int64_t ts) {
    if (t->flags & FB_TRANSFER_PENDING) {
        if (sum_overflows(amount, dr->debits_pending_fen))
            return FB_RESULT_OVERFLOWS_DEBITS_PENDING;
        if (sum_overflows(amount, cr->credits_pending_fen)) {
            return FB_RESULT_OVERFLOWS_CREDITS_PENDING;
        }
    }
    if (sum_overflows(amount, dr->debits_posted_fen)) return FB_RESULT_OVERFLOWS_DEBITS_POSTED;
    if (sum_overflows(amount, cr->credits_posted_fen)) return FB_RESULT_OVERFLOWS_CREDITS_POSTED;
    int64_t sum;
    if (!fb_add_i64(dr->debits_pending_fen, dr->debits_posted_fen, &sum) ||
        sum_overflows(amount, sum)) {
        return FB_RESULT_OVERFLOWS_DEBITS;
    }
    if (!fb_add_i64(cr->credits_pending_fen, cr->credits_posted_fen, &sum) ||
        sum_overflows(amount, sum)) {
        return FB_RESULT_OVERFLOWS_CREDITS;
    }
    if (sum_overflows(ts, (int64_t)t->timeout_s * 1000000000)) return FB_RESULT_OVERFLOWS_TIMEOUT;
    if (debits_exceed_credits(dr, amount)) return FB_RESULT_EXCEEDS_CREDITS;
    if (credits_exceed_debits(cr, amount)) return FB_RESULT_EXCEEDS_DEBITS;
    return FB_RESULT_CREATED;
}

/* A single-phase or pending transfer, after the checks common to all transfers. */
static int create_single(fb_ledger *l, const fb_transfer *t, xfer_entry *e, int64_t ts,
                         fb_result *result, int64_t *amount_fen) {
    fb_result r = check_shape(t);
    if (r != FB_RESULT_CREATED) return R(r);
    acct_entry *dr = NULL, *cr = NULL;
    int rc = fb__ledger_account(l, t->debit_account_id, &dr);
    if (rc) return rc;
    if (dr->state == ENTRY_ABSENT) return R(FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND);
    rc = fb__ledger_account(l, t->credit_account_id, &cr);
    if (rc) return rc;
    if (cr->state == ENTRY_ABSENT) return R(FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND);
    if (dr->a.ledger != cr->a.ledger) return R(FB_RESULT_ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER);
    if (t->ledger != dr->a.ledger) {
        return R(FB_RESULT_TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS);
    }
    if (dr->a.flags & FB_ACCOUNT_CLOSED) return R(FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED);
    if (cr->a.flags & FB_ACCOUNT_CLOSED) return R(FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED);
    int64_t amount = balanced_amount(t, &dr->a, &cr->a);
    FB_ASSERT(amount >= 0);
    r = check_amounts(t, &dr->a, &cr->a, amount, ts);
    if (r != FB_RESULT_CREATED) return R(r);

    /* From here on the transfer succeeds. */
    fb__ledger_touch_account(l, dr);
    fb__ledger_touch_account(l, cr);
    if (t->flags & FB_TRANSFER_PENDING) l->batch_complex = true; /* its balances: through */
    if (t->flags & FB_TRANSFER_PENDING) {
        dr->a.debits_pending_fen += amount;
        cr->a.credits_pending_fen += amount;
    } else {
        dr->a.debits_posted_fen += amount;
        cr->a.credits_posted_fen += amount;
    }
    if (t->flags & FB_TRANSFER_CLOSING_DEBIT) dr->a.flags |= FB_ACCOUNT_CLOSED;
    if (t->flags & FB_TRANSFER_CLOSING_CREDIT) cr->a.flags |= FB_ACCOUNT_CLOSED;
    fb__ledger_mark_dirty(l, dr);
    fb__ledger_mark_dirty(l, cr);
    fb_transfer created = *t;
    created.amount_fen = amount;
    created.timestamp_ns = ts;
    if (!created.value_date) created.value_date = fb__ledger_default_value_date(l, ts);
    int64_t expires = t->timeout_s ? ts + (int64_t)t->timeout_s * 1000000000 : 0;
    record_new(l, e, &created, dr->key, cr->key, 0, expires);
    fb__ledger_history(l, dr, ts, created.value_date);
    fb__ledger_history(l, cr, ts, created.value_date);
    *amount_fen = amount;
    return R(FB_RESULT_CREATED);
}

static fb_result check_resolve_shape(const fb_transfer *t) {
    uint16_t f = t->flags;
    if ((f & FB_TRANSFER_POST_PENDING) && (f & FB_TRANSFER_VOID_PENDING)) {
        return FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    if (f & (FB_TRANSFER_PENDING | FB_TRANSFER_BALANCING_DEBIT | FB_TRANSFER_BALANCING_CREDIT |
             FB_TRANSFER_CLOSING_DEBIT | FB_TRANSFER_CLOSING_CREDIT)) {
        return FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    if (t->pending_id[0] == '\0') return FB_RESULT_PENDING_ID_MUST_NOT_BE_ZERO;
    if (!id_ok(t->pending_id)) return FB_RESULT_PENDING_ID_MALFORMED;
    if (strcmp(t->pending_id, t->id) == 0) return FB_RESULT_PENDING_ID_MUST_BE_DIFFERENT;
    if (t->timeout_s) return FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (t->debit_account_id[0] && !id_ok(t->debit_account_id)) {
        return FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED;
    }
    if (t->credit_account_id[0] && !id_ok(t->credit_account_id)) {
        return FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED;
    }
    return FB_RESULT_CREATED;
}

static fb_result check_against_pending(const fb_transfer *t, const xfer_entry *pe, int64_t amount,
                                       int64_t ts) {
    const fb_transfer *p = &pe->st.t;
    if (t->debit_account_id[0] && strcmp(t->debit_account_id, p->debit_account_id) != 0) {
        return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (t->credit_account_id[0] && strcmp(t->credit_account_id, p->credit_account_id) != 0) {
        return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    if (t->ledger && t->ledger != p->ledger) return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
    if (t->code && t->code != p->code) return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CODE;
    if (amount > p->amount_fen) return FB_RESULT_EXCEEDS_PENDING_TRANSFER_AMOUNT;
    if ((t->flags & FB_TRANSFER_VOID_PENDING) && amount < p->amount_fen) {
        return FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
    }
    switch (pe->st.pending_status) {
    case FB_PENDING_POSTED: return FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED;
    case FB_PENDING_VOIDED: return FB_RESULT_PENDING_TRANSFER_ALREADY_VOIDED;
    case FB_PENDING_EXPIRED: return FB_RESULT_PENDING_TRANSFER_EXPIRED;
    default: FB_ASSERT(pe->st.pending_status == FB_PENDING_PENDING);
    }
    if (pe->st.expires_at_ns && pe->st.expires_at_ns <= ts)
        return FB_RESULT_PENDING_TRANSFER_EXPIRED;
    return FB_RESULT_CREATED;
}

/* Releases a pending transfer's reservation from its two accounts and sets its status. */
static void release(fb_ledger *l, xfer_entry *pe, acct_entry *dr, acct_entry *cr,
                    fb_pending_status status, int64_t ts) {
    l->batch_complex = true; /* pending balances change: written through */
    fb__ledger_touch_account(l, dr);
    fb__ledger_touch_account(l, cr);
    fb__ledger_touch_transfer(l, pe);
    int64_t reserved = pe->st.t.amount_fen;
    FB_ASSERT(dr->a.debits_pending_fen >= reserved && cr->a.credits_pending_fen >= reserved);
    dr->a.debits_pending_fen -= reserved;
    cr->a.credits_pending_fen -= reserved;
    fb__ledger_mark_dirty(l, dr);
    fb__ledger_mark_dirty(l, cr);
    pe->st.pending_status = (uint8_t)status;
    pe->status_dirty = true;
    pe->resolved_ns = ts;
    /* Voiding or expiring a closing transfer reopens what it closed. */
    if (status != FB_PENDING_POSTED) {
        if (pe->st.t.flags & FB_TRANSFER_CLOSING_DEBIT) dr->a.flags &= (uint16_t)~FB_ACCOUNT_CLOSED;
        if (pe->st.t.flags & FB_TRANSFER_CLOSING_CREDIT)
            cr->a.flags &= (uint16_t)~FB_ACCOUNT_CLOSED;
    }
}

static int pending_accounts(fb_ledger *l, const xfer_entry *pe, acct_entry **dr, acct_entry **cr) {
    int rc = fb__ledger_account(l, pe->st.t.debit_account_id, dr);
    if (rc == FB_OK) rc = fb__ledger_account(l, pe->st.t.credit_account_id, cr);
    if (rc) return rc;
    FB_ASSERT((*dr)->state != ENTRY_ABSENT && (*cr)->state != ENTRY_ABSENT);
    return FB_OK;
}

/* Posting (in full or in part) or voiding a pending transfer. */
static int resolve_pending(fb_ledger *l, const fb_transfer *t, xfer_entry *e, int64_t ts,
                           fb_result *result, int64_t *amount_fen) {
    fb_result r = check_resolve_shape(t);
    if (r != FB_RESULT_CREATED) return R(r);
    xfer_entry *pe = NULL;
    int rc = fb__ledger_transfer(l, t->pending_id, &pe);
    if (rc) return rc;
    if (pe->state != ENTRY_STORED && pe->state != ENTRY_NEW) {
        return R(FB_RESULT_PENDING_TRANSFER_NOT_FOUND);
    }
    if (!(pe->st.t.flags & FB_TRANSFER_PENDING)) return R(FB_RESULT_PENDING_TRANSFER_NOT_PENDING);
    const fb_transfer *p = &pe->st.t;
    int64_t amount = resolved_amount(t, p);
    r = check_against_pending(t, pe, amount, ts);
    if (r != FB_RESULT_CREATED) return R(r);
    acct_entry *dr = NULL, *cr = NULL;
    rc = pending_accounts(l, pe, &dr, &cr);
    if (rc) return rc;
    bool voiding = t->flags & FB_TRANSFER_VOID_PENDING;
    if ((dr->a.flags & FB_ACCOUNT_CLOSED) && !voiding) {
        return R(FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED);
    }
    if ((cr->a.flags & FB_ACCOUNT_CLOSED) && !voiding) {
        return R(FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED);
    }

    /* From here on the transfer succeeds. */
    fb_transfer created = *t;
    snprintf(created.debit_account_id, sizeof created.debit_account_id, "%s", p->debit_account_id);
    snprintf(created.credit_account_id, sizeof created.credit_account_id, "%s",
             p->credit_account_id);
    if (!created.user_data[0]) memcpy(created.user_data, p->user_data, sizeof created.user_data);
    created.ledger = p->ledger;
    created.code = p->code;
    created.amount_fen = amount;
    created.timestamp_ns = ts;
    if (!created.value_date) created.value_date = fb__ledger_default_value_date(l, ts);
    int64_t pending_ts = p->timestamp_ns;
    release(l, pe, dr, cr, voiding ? FB_PENDING_VOIDED : FB_PENDING_POSTED, ts);
    if (!voiding) {
        dr->a.debits_posted_fen += amount;
        cr->a.credits_posted_fen += amount;
    }
    record_new(l, e, &created, dr->key, cr->key, pending_ts, 0);
    fb__ledger_history(l, dr, ts, created.value_date);
    fb__ledger_history(l, cr, ts, created.value_date);
    *amount_fen = amount;
    return R(FB_RESULT_CREATED);
}

int fb__ledger_create_transfer(fb_ledger *l, const fb_transfer *t, int64_t ts, fb_result *result,
                               int64_t *amount_fen) {
    *amount_fen = 0;
    if (t->flags & ~FB_TRANSFER_FLAGS_ALL) return R(FB_RESULT_RESERVED_FLAG);
    if (t->id[0] == '\0') return R(FB_RESULT_ID_MUST_NOT_BE_ZERO);
    if (!id_ok(t->id)) return R(FB_RESULT_ID_MALFORMED);
    if (t->amount_fen < FB_AMOUNT_UNSPECIFIED) return R(FB_RESULT_AMOUNT_MUST_NOT_BE_NEGATIVE);
    xfer_entry *e = NULL;
    int rc = fb__ledger_transfer(l, t->id, &e);
    if (rc) return rc;
    if (e->state == ENTRY_FAILED) return R(FB_RESULT_ID_ALREADY_FAILED);
    bool resolving = t->flags & (FB_TRANSFER_POST_PENDING | FB_TRANSFER_VOID_PENDING);
    if (e->state != ENTRY_ABSENT) {
        if (!resolving ||
            !(e->st.t.flags & (FB_TRANSFER_POST_PENDING | FB_TRANSFER_VOID_PENDING))) {
            return R(transfer_exists(t, &e->st.t));
        }
        /* Same flags and pending_id: the pending transfer it names exists. */
        if (t->flags != e->st.t.flags) return R(FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS);
        xfer_entry *pe = NULL;
        rc = fb__ledger_transfer(l, e->st.t.pending_id, &pe);
        if (rc) return rc;
        FB_ASSERT(pe->state == ENTRY_STORED || pe->state == ENTRY_NEW);
        return R(resolve_exists(t, &e->st.t, &pe->st.t));
    }
    rc = resolving ? resolve_pending(l, t, e, ts, result, amount_fen)
                   : create_single(l, t, e, ts, result, amount_fen);
    if (rc == FB_OK && fb_result_transient(*result)) {
        /* Remembered for the id so that a retry cannot succeed later (not rolled back with a
         * chain: the entry was absent, so nothing in the chain touched it). */
        FB_ASSERT(e->state == ENTRY_ABSENT && l->n_failed < FB_BATCH_MAX);
        e->state = ENTRY_FAILED;
        e->failed_result = *result;
        e->st.t.timestamp_ns = ts;
        l->failed[l->n_failed++] = (int32_t)(e - l->xfers);
    }
    return rc;
}

int fb__ledger_expire_due(fb_ledger *l, int64_t now_ns, size_t *expired) {
    int64_t due[FB_EXPIRE_MAX];
    size_t n = 0;
    *expired = 0;
    int rc = fb__store_pending_due(l->store, now_ns, due, FB_EXPIRE_MAX, &n);
    if (rc) return fb__ledger_fail(l, rc);
    for (size_t i = 0; i < n; i++) {
        fb_stored_transfer st;
        rc = fb__store_transfer_by_ts(l->store, due[i], &st);
        if (rc) return fb__ledger_fail(l, rc == FB_ENOTFOUND ? FB_ECORRUPT : rc);
        xfer_entry *pe = NULL;
        rc = fb__ledger_transfer(l, st.t.id, &pe);
        if (rc) return rc;
        FB_ASSERT(pe->state == ENTRY_STORED && pe->st.pending_status == FB_PENDING_PENDING);
        acct_entry *dr = NULL, *cr = NULL;
        rc = pending_accounts(l, pe, &dr, &cr);
        if (rc) return rc;
        int64_t ts = l->next_ts++;
        release(l, pe, dr, cr, FB_PENDING_EXPIRED, ts);
        fb__ledger_history(l, dr, ts, fb__ledger_default_value_date(l, ts));
        fb__ledger_history(l, cr, ts, fb__ledger_default_value_date(l, ts));
    }
    *expired = n;
    return FB_OK;
}
