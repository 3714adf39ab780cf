/* ledger.c — the double-entry ledger: batches, linked chains, the record cache, writing a batch's
 * outcome, lookups and verification. The rules of single events are in account.c and transfer.c.
 *
 * A batch: take the write lock; hand out timestamps; run each event against the cache; roll a
 * failed chain back through the undo log; write what was created and changed; commit. Nothing is
 * written for an event that failed, and a batch that cannot be written leaves the books as they
 * were. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/assert.h"
#include "ledger/attach.h"
#include "ledger/ledger_internal.h"

int fb_schema_version_current(void) { return fb__store_schema_version_current(); }
int fb_ledger_schema_version(const fb_ledger *l) { return fb__store_schema_version(l->store); }
const char *fb_ledger_errmsg(const fb_ledger *l) { return l->errmsg; }

int fb__ledger_fail(fb_ledger *l, int rc) {
    FB_ASSERT(rc < 0);
    snprintf(l->errmsg, l->errmsg_cap, "%s", fb__store_errmsg(l->store));
    return rc;
}

static bool alloc_batch(fb_ledger *l) {
    l->acct_cap = ACCT_CAP;
    l->accts = calloc(ACCT_CAP, sizeof *l->accts);
    l->new_accts = calloc(FB_BATCH_MAX, sizeof *l->new_accts);
    l->xfers = calloc(XFER_CAP, sizeof *l->xfers);
    l->new_xfers = calloc(FB_BATCH_MAX, sizeof *l->new_xfers);
    l->failed = calloc(FB_BATCH_MAX, sizeof *l->failed);
    l->undo = calloc(UNDO_CAP, sizeof *l->undo);
    l->hist = calloc(HIST_CAP, sizeof *l->hist);
    l->dirty_accts = calloc(HIST_CAP, sizeof *l->dirty_accts);
    l->behind = calloc(ACCT_CAP, sizeof *l->behind);
    l->prefetch = fb__store_prefetches(l->store)
                      ? calloc((size_t)4 * FB_BATCH_MAX, sizeof *l->prefetch)
                      : NULL;
    return (l->prefetch || !fb__store_prefetches(l->store)) && l->accts && l->behind &&
           l->new_accts && l->dirty_accts && l->xfers && l->new_xfers && l->failed && l->undo &&
           l->hist && fb__strmap_init(&l->acct_map, ACCT_CAP) &&
           fb__strmap_init(&l->xfer_map, XFER_CAP);
}

/* A ledger over store, its batch arrays allocated for the worst case. errbuf (cap bytes) takes
 * its messages: its own buffer, or the book's. */
static int ledger_new(fb_store *store, bool owns_store, char *errbuf, size_t cap, fb_ledger **out) {
    fb_ledger *l = calloc(1, sizeof *l);
    if (l) l->store = store;
    if (!l || !alloc_batch(l)) {
        fb_ledger_close(l);
        return FB_ENOMEM;
    }
    l->owns_store = owns_store;
    l->errmsg = errbuf ? errbuf : l->own_errmsg;
    l->errmsg_cap = errbuf ? cap : sizeof l->own_errmsg;
    l->accts_valid = false;
    fb__store_mirror_errors(store, l->errmsg, l->errmsg_cap);
    *out = l;
    return FB_OK;
}

int fb_ledger_open(const char *path, unsigned open_flags, fb_ledger **out, char *errbuf,
                   size_t errlen) {
    FB_ASSERT(out != NULL && errbuf != NULL && errlen > 0);
    *out = NULL;
    fb_store *store = NULL;
    int rc = fb__store_open(path, open_flags, 0, &store, errbuf, errlen);
    if (rc) return rc;
    rc = ledger_new(store, true, NULL, 0, out);
    if (rc) {
        fb__store_close(store);
        snprintf(errbuf, errlen, "out of memory");
    }
    return rc;
}

int fb__ledger_attach(fb_store *store, char *errbuf, size_t cap, fb_ledger **out) {
    FB_ASSERT(store != NULL && errbuf != NULL && cap > 0 && out != NULL);
    *out = NULL;
    return ledger_new(store, false, errbuf, cap, out);
}

void fb_ledger_close(fb_ledger *l) {
    if (!l) return;
    if (l->owns_store) fb__store_close(l->store);
    free(l->accts);
    free(l->new_accts);
    free(l->dirty_accts);
    free(l->behind);
    free(l->xfers);
    free(l->new_xfers);
    free(l->failed);
    free(l->undo);
    free(l->hist);
    free(l->prefetch);
    fb__strmap_free(&l->acct_map);
    fb__strmap_free(&l->xfer_map);
    free(l);
}

/* Forgets what one batch did; the account cache stays. */
static void reset_batch(fb_ledger *l) {
    l->batch_complex = l->batch_settled = false;
    l->n_new_accts = l->n_dirty_accts = 0;
    l->n_xfers = l->n_new_xfers = l->n_failed = 0;
    l->n_undo = l->n_hist = 0;
    l->in_chain = false;
    fb__strmap_clear(&l->xfer_map);
}

static void drop_account_cache(fb_ledger *l) {
    fb__ledger_behind_reset(l);
    l->n_accts = 0;
    fb__strmap_clear(&l->acct_map);
    l->accts_valid = true;
}

/* Makes room for a whole batch's accounts beside those cached: doubles the cache (its map
 * rebuilt, as the keys point into the entries), or drops it when it cannot grow. Between batches
 * only: no entry pointer is held then. Work: O(cached accounts) when it grows. */
static void fit_account_cache(fb_ledger *l) {
    FB_ASSERT(l->acct_cap >= ACCT_CAP && l->n_accts <= l->acct_cap);
    if (l->n_accts <= l->acct_cap - ACCT_BATCH) return;
    size_t cap = l->acct_cap * 2 < ACCT_CAP_MAX ? l->acct_cap * 2 : ACCT_CAP_MAX;
    acct_entry *grown = cap > l->acct_cap ? realloc(l->accts, cap * sizeof *grown) : NULL;
    if (grown) l->accts = grown;
    int32_t *behind = grown ? realloc(l->behind, cap * sizeof *behind) : NULL;
    if (behind) l->behind = behind;
    fb__strmap map;
    if (!behind || !fb__strmap_init(&map, cap)) {
        drop_account_cache(l);
        return;
    }
    for (size_t i = 0; i < l->n_accts; i++)
        fb__strmap_put(&map, l->accts[i].a.id, (int32_t)i);
    fb__strmap_free(&l->acct_map);
    l->acct_map = map;
    l->acct_cap = cap;
    FB_ASSERT(l->n_accts <= l->acct_cap - ACCT_BATCH);
}

/* Keeps the account cache only while it is what the store holds: no other connection has
 * committed since and no batch failed; and makes room for a whole batch's accounts. */
static int check_account_cache(fb_ledger *l) {
    int64_t version = 0;
    int rc = fb__store_data_version(l->store, &version);
    if (rc) return rc;
    bool dropped = !l->accts_valid || version != l->data_version;
    if (dropped) drop_account_cache(l);
    fit_account_cache(l);
    l->data_version = version;
    if (dropped) rc = fb__ledger_behind_check(l);
    if (rc) return rc;
    return fb__store_any_failed_ids(l->store, &l->store_has_failed_ids);
}

/* After a commit: what the batch created or changed is now what the store holds. */
/* After a written batch: its new accounts are stored, and nothing is pending a write. Work:
 * O(accounts the batch touched), not O(the cache). */
static void settle_account_cache(fb_ledger *l) {
    if (!l->batch_complex && !l->batch_settled && fb__store_writes_behind(l->store)) {
        fb__ledger_behind_note(l); /* its changes are behind the mark */
    }
    for (size_t i = 0; i < l->n_new_accts; i++)
        l->accts[l->new_accts[i]].state = ENTRY_STORED;
    for (size_t i = 0; i < l->n_dirty_accts; i++)
        l->accts[l->dirty_accts[i]].dirty = false;
}

void fb__ledger_mark_dirty(fb_ledger *l, acct_entry *e) {
    if (e->dirty) return;
    FB_ASSERT(l->n_dirty_accts < HIST_CAP);
    e->dirty = true;
    l->dirty_accts[l->n_dirty_accts++] = (int32_t)(e - l->accts);
}

/* ---- The cache ---------------------------------------------------------------------------- */

/* Finds an account in the cache, loading it from the store on a miss. *out is never NULL on
 * FB_OK; its state says whether the account exists. */
int fb__ledger_account(fb_ledger *l, const char *id, acct_entry **out) {
    int32_t i = fb__strmap_get(&l->acct_map, id);
    if (i >= 0) {
        *out = &l->accts[i];
        return FB_OK;
    }
    FB_ASSERT(l->n_accts < l->acct_cap);
    acct_entry *e = &l->accts[l->n_accts];
    memset(e, 0, sizeof *e);
    /* While the list of accounts behind is complete, an account not cached has nothing behind
     * the mark: its row is all of it (behind.c). */
    int rc = l->behind_known ? fb__store_account_row(l->store, id, &e->a, &e->key)
                             : fb__store_account_by_id(l->store, id, &e->a, &e->key);
    if (rc && rc != FB_ENOTFOUND) return fb__ledger_fail(l, rc);
    e->state = rc == FB_OK ? ENTRY_STORED : ENTRY_ABSENT;
    if (rc == FB_ENOTFOUND) snprintf(e->a.id, sizeof e->a.id, "%s", id);
    fb__strmap_put(&l->acct_map, e->a.id, (int32_t)l->n_accts);
    l->n_accts++;
    *out = e;
    return FB_OK;
}

/* Finds a transfer in the cache, loading it (or its failed id) from the store on a miss. */
int fb__ledger_transfer(fb_ledger *l, const char *id, xfer_entry **out) {
    int32_t i = fb__strmap_get(&l->xfer_map, id);
    if (i >= 0) {
        *out = &l->xfers[i];
        return FB_OK;
    }
    FB_ASSERT(l->n_xfers < XFER_CAP);
    xfer_entry *e = &l->xfers[l->n_xfers];
    memset(e, 0, sizeof *e);
    int rc = fb__store_transfer_by_id(l->store, id, &e->st);
    if (rc && rc != FB_ENOTFOUND) return fb__ledger_fail(l, rc);
    e->state = ENTRY_STORED;
    if (rc == FB_ENOTFOUND) {
        bool failed = false;
        rc = l->store_has_failed_ids ? fb__store_failed_id_get(l->store, id, &failed) : FB_OK;
        if (rc) return fb__ledger_fail(l, rc);
        e->state = failed ? ENTRY_FAILED : ENTRY_ABSENT;
        size_t n = strnlen(id, FB_ID_MAX); /* a bounded copy: this runs for every new transfer */
        memcpy(e->st.t.id, id, n);
        e->st.t.id[n] = '\0';
    }
    fb__strmap_put(&l->xfer_map, e->st.t.id, (int32_t)l->n_xfers);
    l->n_xfers++;
    *out = e;
    return FB_OK;
}

/* Called before an entry changes: inside a linked chain, remembers how it was. */
void fb__ledger_touch_account(fb_ledger *l, acct_entry *e) {
    if (!l->in_chain) return;
    FB_ASSERT(l->n_undo < UNDO_CAP);
    undo_entry *u = &l->undo[l->n_undo++];
    u->is_transfer = false;
    u->index = (int32_t)(e - l->accts);
    u->before.acct = *e;
}

void fb__ledger_touch_transfer(fb_ledger *l, xfer_entry *e) {
    if (!l->in_chain) return;
    FB_ASSERT(l->n_undo < UNDO_CAP);
    undo_entry *u = &l->undo[l->n_undo++];
    u->is_transfer = true;
    u->index = (int32_t)(e - l->xfers);
    u->before.xfer = *e;
}

int32_t fb__ledger_default_value_date(const fb_ledger *l, int64_t ts) {
    FB_ASSERT(ts > 0 && l->open_day >= 0);
    return l->open_day ? l->open_day : (int32_t)(ts / (86400LL * 1000000000LL));
}

/* Records an account's balances after the event at ts (of value_date), when it keeps history. */
void fb__ledger_history(fb_ledger *l, const acct_entry *e, int64_t ts, int32_t value_date) {
    const fb_account *a = &e->a;
    if (!(a->flags & FB_ACCOUNT_HISTORY)) return;
    FB_ASSERT(e->state == ENTRY_STORED);
    FB_ASSERT(l->n_hist < HIST_CAP);
    hist_entry *h = &l->hist[l->n_hist++];
    h->account_key = e->key;
    h->b.timestamp_ns = ts;
    h->b.value_date = value_date;
    h->b.debits_pending_fen = a->debits_pending_fen;
    h->b.debits_posted_fen = a->debits_posted_fen;
    h->b.credits_pending_fen = a->credits_pending_fen;
    h->b.credits_posted_fen = a->credits_posted_fen;
}

/* Where a chain started: the lengths to cut back to when it fails. */
typedef struct {
    size_t n_undo, n_new_accts, n_new_xfers, n_hist;
} chain_mark;

static chain_mark mark(const fb_ledger *l) {
    return (chain_mark){l->n_undo, l->n_new_accts, l->n_new_xfers, l->n_hist};
}

/* Undoes every change since m, newest first. */
static void rollback_chain(fb_ledger *l, chain_mark m) {
    while (l->n_undo > m.n_undo) {
        undo_entry *u = &l->undo[--l->n_undo];
        if (u->is_transfer) {
            l->xfers[u->index] = u->before.xfer;
        } else {
            l->accts[u->index] = u->before.acct;
        }
    }
    l->n_new_accts = m.n_new_accts;
    l->n_new_xfers = m.n_new_xfers;
    l->n_hist = m.n_hist;
}

/* ---- Batches ------------------------------------------------------------------------------ */

typedef int event_fn(fb_ledger *l, const void *events, size_t i, int64_t ts, fb_result *result,
                     int64_t *amount_fen);

/* Runs n events with TigerBeetle's chain rules: a failed event fails its whole chain (earlier
 * members are rolled back and answer linked_event_failed, later ones are not run); a chain still
 * open at the end of the batch fails with linked_event_chain_open. */
static int run_events(fb_ledger *l, event_fn *fn, const void *events, size_t n,
                      const uint16_t *linked, fb_result *results, int64_t *timestamps,
                      int64_t *amounts) {
    size_t chain_start = 0;
    bool in_chain = false, broken = false;
    chain_mark m = mark(l);
    for (size_t i = 0; i < n; i++) {
        if (linked[i] && !in_chain) {
            in_chain = true;
            chain_start = i;
            m = mark(l);
        }
        l->in_chain = in_chain;
        int64_t ts = l->next_ts++;
        fb_result r = FB_RESULT_LINKED_EVENT_FAILED;
        int64_t amount = 0;
        if (!broken) {
            if (linked[i] && i == n - 1) {
                r = FB_RESULT_LINKED_EVENT_CHAIN_OPEN;
            } else {
                int rc = fn(l, events, i, ts, &r, &amount);
                if (rc) return rc;
            }
        }
        results[i] = r;
        if (timestamps) timestamps[i] = r == FB_RESULT_CREATED ? ts : 0;
        if (amounts) amounts[i] = r == FB_RESULT_CREATED ? amount : 0;
        if (r != FB_RESULT_CREATED && in_chain && !broken) {
            broken = true;
            rollback_chain(l, m);
            for (size_t k = chain_start; k < i; k++) {
                results[k] = FB_RESULT_LINKED_EVENT_FAILED;
                if (timestamps) timestamps[k] = 0;
                if (amounts) amounts[k] = 0;
            }
        }
        if (!linked[i]) {
            in_chain = broken = false;
            l->n_undo = 0;
        }
    }
    l->in_chain = false;
    return FB_OK;
}

/* The balances of a batch: a batch of single-phase transfers leaves them behind (its transfers
 * are enough to read them), written all at once when FB_BALANCES_BEHIND_MAX are behind. Any other
 * batch first writes what is behind, then its own accounts' balances and flags. */
static int write_balances(fb_ledger *l, bool before_transfers) {
    int rc = FB_OK;
    if (before_transfers) {
        if (!l->batch_complex && fb__store_writes_behind(l->store)) return FB_OK;
        rc = fb__store_writes_behind(l->store) ? fb__ledger_behind_write(l, true)
                                               : fb__store_balances_settle(l->store);
        for (size_t i = 0; rc == FB_OK && i < l->n_dirty_accts; i++) {
            acct_entry *e = &l->accts[l->dirty_accts[i]];
            FB_ASSERT(e->state == ENTRY_STORED || e->state == ENTRY_NEW);
            if (e->state == ENTRY_STORED) rc = fb__store_account_update(l->store, e->key, &e->a);
        }
        return rc;
    }
    if (l->batch_complex) return fb__store_balances_mark(l->store);
    int64_t through = 0, last = 0;
    rc = fb__store_balances_range(l->store, &through, &last);
    FB_ASSERT(rc != FB_OK || through <= last);
    if (rc == FB_OK && last - through >= FB_BALANCES_BEHIND_MAX) {
        l->batch_settled = true; /* every balance this batch changed is written */
        rc = fb__ledger_behind_write(l, false);
        if (rc == FB_OK) rc = fb__store_balances_mark(l->store);
    }
    return rc;
}

/* Balance history in (timestamp, account) order: the order the chain seals it in. */
static int hist_order(const void *x, const void *y) {
    const hist_entry *a = x, *b = y;
    if (a->b.timestamp_ns != b->b.timestamp_ns) {
        return a->b.timestamp_ns < b->b.timestamp_ns ? -1 : 1;
    }
    return (a->account_key > b->account_key) - (a->account_key < b->account_key);
}

/* Writes the batch's outcome: created records, changed balances and statuses, failed ids and
 * balance history; then seals its new rows in the chain (store/chain.c), hashed from the values
 * inserted, with one read of the last seal and one insert a batch. */
static int write_batch(fb_ledger *l) {
    int rc = FB_OK;
    fb__store_chain_reset(l->store);
    if (l->n_hist > 1) qsort(l->hist, l->n_hist, sizeof *l->hist, hist_order);
    for (size_t i = 0; rc == FB_OK && i < l->n_new_accts; i++) {
        acct_entry *e = &l->accts[l->new_accts[i]];
        rc = fb__store_account_insert(l->store, &e->a, &e->key);
    }
    if (rc == FB_OK) rc = write_balances(l, true);
    for (size_t i = 0; rc == FB_OK && i < l->n_new_xfers; i++) {
        xfer_entry *e = &l->xfers[l->new_xfers[i]];
        FB_ASSERT(e->state == ENTRY_NEW);
        /* Inserted as created (a pending one as pending); a later resolution in this batch is
         * written below. */
        rc = fb__store_transfer_insert(l->store, &e->st);
    }
    for (size_t i = 0; rc == FB_OK && i < l->n_xfers; i++) {
        xfer_entry *e = &l->xfers[i];
        if ((e->state == ENTRY_STORED || e->state == ENTRY_NEW) && e->status_dirty) {
            rc = fb__store_pending_resolve(l->store, e->st.t.timestamp_ns,
                                           (fb_pending_status)e->st.pending_status, e->resolved_ns);
        }
    }
    for (size_t i = 0; rc == FB_OK && i < l->n_failed; i++) {
        xfer_entry *e = &l->xfers[l->failed[i]];
        rc = fb__store_failed_id_insert(l->store, e->st.t.id, e->st.t.timestamp_ns,
                                        e->failed_result);
    }
    for (size_t i = 0; rc == FB_OK && i < l->n_hist; i++) {
        rc = fb__store_balance_insert(l->store, l->hist[i].account_key, &l->hist[i].b);
    }
    if (rc == FB_OK) rc = fb__store_transfers_written(l->store);
    if (rc == FB_OK && l->n_new_xfers + l->n_dirty_accts > 0) rc = write_balances(l, false);
    if (rc == FB_OK) rc = fb__store_chain_seal(l->store, l->next_ts - 1);
    if (rc == FB_OK) rc = fb__store_set_last_timestamp(l->store, l->next_ts - 1);
    return rc ? fb__ledger_fail(l, rc) : FB_OK;
}

/* Opens a batch: takes the write lock and sets the first timestamp after both the clock and the
 * last one handed out, so that timestamps are unique and increasing across processes. */
static int begin_batch(fb_ledger *l) {
    reset_batch(l);
    if (l->in_unit && l->unit_failed) {
        snprintf(l->errmsg, l->errmsg_cap, "an earlier batch of this unit of work failed");
        return FB_EIO;
    }
    int rc = l->in_unit ? FB_OK : fb__store_begin_ledger_batch(l->store);
    if (rc) return fb__ledger_fail(l, rc);
    int64_t last = 0;
    rc = fb__store_last_timestamp(l->store, &last);
    if (rc == FB_OK) rc = fb__store_open_day(l->store, &l->open_day);
    if (rc == FB_OK && l->open_day < 0) {
        snprintf(l->errmsg, l->errmsg_cap, "the book's business date %d is negative", l->open_day);
        rc = FB_ECORRUPT;
    }
    /* Within a unit of work the cache was checked against other connections when the unit
     * began; every earlier batch of the unit is written, so the cache may be dropped whenever a
     * batch might not fit (a unit can touch more accounts than the cache holds). */
    if (rc == FB_OK && !l->in_unit) rc = check_account_cache(l);
    if (rc == FB_OK && l->in_unit) fit_account_cache(l);
    if (rc) {
        if (l->in_unit) {
            if (!l->unit_failed) l->unit_rc = rc;
            l->unit_failed = true;
        } else {
            fb__store_rollback(l->store);
        }
        return fb__ledger_fail(l, rc);
    }
    int64_t now = fb_now_ns();
    l->next_ts = (now > last ? now : last) + 1;
    return FB_OK;
}

/* Ends a batch. Alone, the batch is its own transaction. Inside a unit of work it writes into
 * the unit's transaction with no savepoint of its own (a savepoint makes SQLite journal every
 * page the batch changes a second time): events that fail write nothing anyway, as a batch is
 * decided in memory before it is written, and a batch that fails to write fails the whole unit,
 * which can then only be rolled back. */
static int end_batch(fb_ledger *l, int rc) {
    if (rc == FB_OK) rc = write_batch(l);
    if (rc == FB_OK && !l->in_unit) {
        rc = fb__store_commit(l->store);
        if (rc) rc = fb__ledger_fail(l, rc);
    }
    if (rc) {
        if (l->in_unit) {
            if (!l->unit_failed) l->unit_rc = rc;
            l->unit_failed = true;
        } else {
            fb__store_rollback(l->store);
        }
        l->accts_valid = false;
    } else {
        settle_account_cache(l);
    }
    reset_batch(l);
    return rc;
}

/* ---- Units of work ------------------------------------------------------------------------ */

int fb_ledger_begin(fb_ledger *l) {
    if (l->in_unit) { /* nested: part of the open unit */
        l->unit_depth++;
        return FB_OK;
    }
    int rc = fb__store_begin_write(l->store);
    if (rc) return fb__ledger_fail(l, rc);
    rc = check_account_cache(l);
    if (rc) {
        fb__store_rollback(l->store);
        return fb__ledger_fail(l, rc);
    }
    l->in_unit = true;
    l->unit_depth = 1;
    l->unit_failed = false;
    l->unit_rc = FB_OK;
    return FB_OK;
}

int fb_ledger_commit(fb_ledger *l) {
    FB_ASSERT(l->in_unit);
    if (l->unit_depth > 1) {
        l->unit_depth--;
        if (!l->unit_failed) return FB_OK;
        snprintf(l->errmsg, l->errmsg_cap, "a part of this unit of work failed");
        return FB_EIO;
    }
    l->in_unit = false;
    l->unit_depth = 0;
    if (l->unit_failed) {
        fb__store_rollback(l->store);
        l->accts_valid = false;
        snprintf(l->errmsg, l->errmsg_cap, "a batch of this unit of work failed: rolled back");
        /* The server lost before its commit: nothing written, the caller may run it again. */
        return l->unit_rc == FB_EUNAVAILABLE ? FB_EUNAVAILABLE : FB_EIO;
    }
    int rc = fb__store_commit(l->store);
    if (rc) {
        fb__store_rollback(l->store);
        l->accts_valid = false;
        return fb__ledger_fail(l, rc);
    }
    return FB_OK;
}

void fb_ledger_rollback(fb_ledger *l) {
    FB_ASSERT(l->in_unit);
    if (l->unit_depth > 1) { /* the enclosing unit can now only be rolled back */
        l->unit_depth--;
        l->unit_failed = true;
        return;
    }
    l->in_unit = false;
    l->unit_depth = 0;
    fb__store_rollback(l->store);
    l->accts_valid = false; /* it may hold what the unit created */
}

void fb__ledger_forget_accounts(fb_ledger *l) {
    FB_ASSERT(l != NULL && !l->in_unit);
    FB_ASSERT(l->n_accts <= l->acct_cap);
    l->accts_valid = false; /* dropped as the next unit begins (check_account_cache) */
}

bool fb_ledger_unit_failed(const fb_ledger *l) { return l->in_unit && l->unit_failed; }
bool fb__ledger_in_unit(const fb_ledger *l) { return l->in_unit; }

/* ---- Accounts ----------------------------------------------------------------------------- */

static fb_result account_exists(const fb_account *a, const fb_account *e) {
    if (a->flags != e->flags) return FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS;
    if (strcmp(a->user_data, e->user_data) != 0) return FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA;
    if (a->ledger != e->ledger) return FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER;
    if (a->code != e->code) return FB_RESULT_EXISTS_WITH_DIFFERENT_CODE;
    return FB_RESULT_EXISTS;
}

/* The checks of one account, in the order docs/ledger.md lists. */
static int create_account(fb_ledger *l, const void *events, size_t i, int64_t ts, fb_result *result,
                          int64_t *amount_fen) {
    const fb_account *a = &((const fb_account *)events)[i];
    *amount_fen = 0;
    if (a->flags & ~FB_ACCOUNT_FLAGS_ALL) return *result = FB_RESULT_RESERVED_FLAG, FB_OK;
    if (a->id[0] == '\0') return *result = FB_RESULT_ID_MUST_NOT_BE_ZERO, FB_OK;
    if (!fb_id_valid(a->id, strnlen(a->id, sizeof a->id), NULL)) {
        return *result = FB_RESULT_ID_MALFORMED, FB_OK;
    }
    acct_entry *e = NULL;
    int rc = fb__ledger_account(l, a->id, &e);
    if (rc) return rc;
    if (e->state != ENTRY_ABSENT) return *result = account_exists(a, &e->a), FB_OK;
    if ((a->flags & FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS) &&
        (a->flags & FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS)) {
        return *result = FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE, FB_OK;
    }
    if (a->ledger == 0) return *result = FB_RESULT_LEDGER_MUST_NOT_BE_ZERO, FB_OK;
    if (a->code == 0) return *result = FB_RESULT_CODE_MUST_NOT_BE_ZERO, FB_OK;

    fb__ledger_touch_account(l, e);
    e->a = *a;
    e->a.timestamp_ns = ts;
    e->a.debits_pending_fen = e->a.debits_posted_fen = 0;
    e->a.credits_pending_fen = e->a.credits_posted_fen = 0;
    e->state = ENTRY_NEW;
    FB_ASSERT(l->n_new_accts < FB_BATCH_MAX);
    l->new_accts[l->n_new_accts++] = (int32_t)(e - l->accts);
    *result = FB_RESULT_CREATED;
    return FB_OK;
}

static int check_batch_size(fb_ledger *l, size_t n) {
    if (n <= FB_BATCH_MAX) return FB_OK;
    snprintf(l->errmsg, l->errmsg_cap, "a batch holds at most %d events, not %zu", FB_BATCH_MAX, n);
    return FB_ELIMIT;
}

/* A server store reads the batch's accounts not cached, and its transfers, at once. */
static int prefetch(fb_ledger *l, const void *events, size_t n, bool transfers) {
    if (!fb__store_prefetches(l->store)) return FB_OK;
    const char **a = l->prefetch, **x = l->prefetch + (size_t)2 * FB_BATCH_MAX;
    size_t na = 0, nx = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ids[2] = {NULL, NULL};
        if (transfers) {
            const fb_transfer *t = &((const fb_transfer *)events)[i];
            ids[0] = t->debit_account_id;
            ids[1] = t->credit_account_id;
            x[nx++] = t->id;
            if (t->pending_id[0]) x[nx++] = t->pending_id;
        } else {
            ids[0] = ((const fb_account *)events)[i].id;
        }
        for (int k = 0; k < 2 && ids[k]; k++) {
            if (fb__strmap_get(&l->acct_map, ids[k]) < 0) a[na++] = ids[k];
        }
    }
    FB_ASSERT(na <= (size_t)2 * FB_BATCH_MAX && nx <= (size_t)2 * FB_BATCH_MAX);
    int rc = fb__store_prefetch(l->store, a, na, x, nx);
    return rc ? fb__ledger_fail(l, rc) : FB_OK;
}

static int accounts_once(fb_ledger *l, const void *events, size_t n, fb_result *results,
                         int64_t *timestamps_ns, int64_t *amounts) {
    (void)amounts;
    const fb_account *ev = events;
    uint16_t linked[FB_BATCH_MAX];
    for (size_t i = 0; i < n; i++)
        linked[i] = ev[i].flags & FB_ACCOUNT_LINKED;
    int rc = begin_batch(l);
    if (rc) return rc;
    rc = prefetch(l, events, n, false);
    if (rc == FB_OK)
        rc = run_events(l, create_account, events, n, linked, results, timestamps_ns, NULL);
    return end_batch(l, rc);
}

typedef int once_fn(fb_ledger *l, const void *events, size_t n, fb_result *results,
                    int64_t *timestamps_ns, int64_t *amounts);

/* A batch alone whose commit is in doubt (a server store: the connection lost during COMMIT, the
 * wait for a standby timed out), or whose server is unavailable (a failover), is submitted again,
 * the same events, for up to FB_PG_RESUBMIT_MS: their ids make it safe, as those committed answer
 * exists. Still in doubt then: FB_EINDOUBT, never success. SQLite never answers either code. */
static int submit(fb_ledger *l, once_fn *once, const void *events, size_t n, fb_result *results,
                  int64_t *timestamps_ns, int64_t *amounts) {
    int rc = once(l, events, n, results, timestamps_ns, amounts);
    if (l->in_unit || (rc != FB_EINDOUBT && rc != FB_EUNAVAILABLE)) return rc;
    bool doubt = rc == FB_EINDOUBT;
    int64_t start = fb_now_ns();
    while ((rc == FB_EINDOUBT || rc == FB_EUNAVAILABLE) &&
           fb_now_ns() - start < (int64_t)FB_PG_RESUBMIT_MS * 1000000) {
        struct timespec pause = {0, 200 * 1000000L};
        nanosleep(&pause, NULL);
        rc = once(l, events, n, results, timestamps_ns, amounts);
        doubt = doubt || rc == FB_EINDOUBT;
    }
    if (rc && doubt) {
        char why[400];
        snprintf(why, sizeof why, "%s", l->errmsg);
        snprintf(l->errmsg, l->errmsg_cap,
                 "the batch's outcome is in doubt (resubmitted for %d s): %s; submit the same "
                 "events again once the cluster is back (their ids make it safe)",
                 FB_PG_RESUBMIT_MS / 1000, why);
        rc = FB_EINDOUBT;
    }
    return rc;
}

int fb_ledger_create_accounts(fb_ledger *l, const fb_account *events, size_t n, fb_result *results,
                              int64_t *timestamps_ns) {
    FB_ASSERT(l != NULL && (events != NULL || n == 0) && (results != NULL || n == 0));
    int rc = check_batch_size(l, n);
    if (rc || n == 0) return rc;
    return submit(l, accounts_once, events, n, results, timestamps_ns, NULL);
}

/* ---- Transfers ---------------------------------------------------------------------------- */

static int create_transfer_event(fb_ledger *l, const void *events, size_t i, int64_t ts,
                                 fb_result *result, int64_t *amount_fen) {
    const fb_transfer *t = &((const fb_transfer *)events)[i];
    return fb__ledger_create_transfer(l, t, ts, result, amount_fen);
}

static int transfers_once(fb_ledger *l, const void *events, size_t n, fb_result *results,
                          int64_t *timestamps_ns, int64_t *amounts_fen) {
    const fb_transfer *ev = events;
    uint16_t linked[FB_BATCH_MAX];
    for (size_t i = 0; i < n; i++)
        linked[i] = ev[i].flags & FB_TRANSFER_LINKED;
    int rc = begin_batch(l);
    if (rc) return rc;
    size_t expired = 0;
    rc = fb__ledger_expire_due(l, l->next_ts, &expired);
    if (rc == FB_OK) rc = prefetch(l, events, n, true);
    if (rc == FB_OK) {
        rc = run_events(l, create_transfer_event, events, n, linked, results, timestamps_ns,
                        amounts_fen);
    }
    return end_batch(l, rc);
}

int fb_ledger_create_transfers(fb_ledger *l, const fb_transfer *events, size_t n,
                               fb_result *results, int64_t *timestamps_ns, int64_t *amounts_fen) {
    FB_ASSERT(l != NULL && (events != NULL || n == 0) && (results != NULL || n == 0));
    int rc = check_batch_size(l, n);
    if (rc || n == 0) return rc;
    return submit(l, transfers_once, events, n, results, timestamps_ns, amounts_fen);
}

int fb_ledger_expire_pending(fb_ledger *l, int64_t now_ns, size_t *expired) {
    FB_ASSERT(l != NULL && expired != NULL);
    int rc = begin_batch(l);
    if (rc) return rc;
    if (now_ns <= 0) now_ns = l->next_ts;
    rc = fb__ledger_expire_due(l, now_ns, expired);
    return end_batch(l, rc);
}

/* ---- Lookups ------------------------------------------------------------------------------ */

static int check_id(fb_ledger *l, const char *id) {
    const char *why = NULL;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), &why)) {
        snprintf(l->errmsg, l->errmsg_cap, "id %s", why);
        return FB_EINVAL;
    }
    return FB_OK;
}

static int get_account_key(fb_ledger *l, const char *id, fb_account *out, int64_t *key) {
    int rc = check_id(l, id);
    if (rc) return rc;
    rc = fb__store_account_by_id(l->store, id, out, key);
    if (rc == FB_ENOTFOUND) snprintf(l->errmsg, l->errmsg_cap, "no account %s", id);
    return rc && rc != FB_ENOTFOUND ? fb__ledger_fail(l, rc) : rc;
}

int fb_ledger_each_account(fb_ledger *l, fb_account_fn *fn, void *ctx) {
    FB_ASSERT(l != NULL && fn != NULL);
    int rc = fb__store_accounts_each(l->store, fn, ctx);
    return rc < 0 ? fb__ledger_fail(l, rc) : rc;
}

int fb_ledger_get_account(fb_ledger *l, const char *id, fb_account *out) {
    int64_t key = 0;
    return get_account_key(l, id, out, &key);
}

static int get_stored_transfer(fb_ledger *l, const char *id, fb_stored_transfer *out) {
    int rc = check_id(l, id);
    if (rc) return rc;
    rc = fb__store_transfer_by_id(l->store, id, out);
    if (rc == FB_ENOTFOUND) snprintf(l->errmsg, l->errmsg_cap, "no transfer %s", id);
    return rc && rc != FB_ENOTFOUND ? fb__ledger_fail(l, rc) : rc;
}

int fb_ledger_get_transfer(fb_ledger *l, const char *id, fb_transfer *out) {
    fb_stored_transfer st;
    int rc = get_stored_transfer(l, id, &st);
    if (rc == FB_OK) *out = st.t;
    return rc;
}

int fb_ledger_get_pending_status(fb_ledger *l, const char *id, fb_pending_status *out) {
    fb_stored_transfer st;
    int rc = get_stored_transfer(l, id, &st);
    if (rc == FB_OK) *out = (fb_pending_status)st.pending_status;
    return rc;
}

static int check_query(fb_ledger *l, const fb_query *q) {
    if (q->limit < 1 || q->limit > FB_QUERY_LIMIT_MAX) {
        snprintf(l->errmsg, l->errmsg_cap, "limit must be 1..%d", FB_QUERY_LIMIT_MAX);
        return FB_EINVAL;
    }
    if (q->from_ns < 0 || q->to_ns < 0 || (q->to_ns && q->from_ns > q->to_ns)) {
        snprintf(l->errmsg, l->errmsg_cap, "the range from..to is empty or negative");
        return FB_EINVAL;
    }
    if (q->from_date && q->to_date && q->from_date > q->to_date) {
        snprintf(l->errmsg, l->errmsg_cap, "the value dates from..to are an empty range");
        return FB_EINVAL;
    }
    return FB_OK;
}

int fb_ledger_account_transfers(fb_ledger *l, const char *account_id, const fb_query *q,
                                fb_transfer *out, size_t *count) {
    *count = 0;
    int rc = check_query(l, q);
    if (rc) return rc;
    fb_account a;
    int64_t key = 0;
    rc = get_account_key(l, account_id, &a, &key);
    if (rc) return rc;
    rc = fb__store_account_transfers(l->store, key, q, out, count);
    return rc ? fb__ledger_fail(l, rc) : FB_OK;
}

int fb_ledger_account_balances(fb_ledger *l, const char *account_id, const fb_query *q,
                               fb_balance *out, size_t *count) {
    *count = 0;
    int rc = check_query(l, q);
    if (rc) return rc;
    fb_account a;
    int64_t key = 0;
    rc = get_account_key(l, account_id, &a, &key);
    if (rc) return rc;
    if (!(a.flags & FB_ACCOUNT_HISTORY)) {
        snprintf(l->errmsg, l->errmsg_cap,
                 "account %s keeps no balance history (it lacks the history flag)", account_id);
        return FB_EINVAL;
    }
    rc = fb__store_account_balances(l->store, key, q, out, count);
    return rc ? fb__ledger_fail(l, rc) : FB_OK;
}

int fb_ledger_account_balance_on(fb_ledger *l, const char *account_id, int32_t date,
                                 fb_balance *out) {
    FB_ASSERT(l != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    fb_account a;
    int64_t key = 0;
    int rc = get_account_key(l, account_id, &a, &key);
    if (rc) return rc;
    if (!(a.flags & FB_ACCOUNT_HISTORY)) {
        snprintf(l->errmsg, l->errmsg_cap,
                 "account %s keeps no balance history (it lacks the history flag)", account_id);
        return FB_EINVAL;
    }
    rc = fb__store_account_balance_on(l->store, key, date, out);
    return rc ? fb__ledger_fail(l, rc) : FB_OK;
}

int fb_ledger_verify(fb_ledger *l, fb_report_fn *report, void *ctx, uint64_t *failures) {
    int rc = fb__store_verify(l->store, report, ctx, failures);
    return rc ? fb__ledger_fail(l, rc) : FB_OK;
}
