/* behind.c — the ledger's side of balances written behind (docs/ledger.md, "Balances written
 * behind"): which cached accounts have transfers behind the mark, and writing them from the cache.
 *
 * While the account cache is what the store holds, every transfer after balances_through was
 * written by this connection, so the accounts they touch are the cached entries flagged behind,
 * and each entry's balances are its row plus what is behind. Writing what is behind is then one
 * update per such account, in key order, from memory: no pass over the transfers after the mark
 * and no sort of their postings (the store's settle, fb__store_balances_settle, which is used
 * when the cache cannot say: after it was dropped, until the mark is reached again). */
#include <stdlib.h>

#include "core/assert.h"
#include "ledger/ledger_internal.h"

void fb__ledger_behind_reset(fb_ledger *l) {
    for (size_t i = 0; i < l->n_behind; i++)
        l->accts[l->behind[i]].behind = false;
    l->n_behind = 0;
    l->behind_known = false;
}

int fb__ledger_behind_check(fb_ledger *l) {
    FB_ASSERT(l->n_behind == 0 && !l->behind_known);
    if (!fb__store_writes_behind(l->store)) return FB_OK;
    int64_t through = 0, last = 0;
    int rc = fb__store_balances_range(l->store, &through, &last);
    if (rc) return rc;
    FB_ASSERT(through <= last);
    l->behind_known = through == last; /* nothing behind: the empty list is complete */
    return FB_OK;
}

void fb__ledger_behind_note(fb_ledger *l) {
    FB_ASSERT(fb__store_writes_behind(l->store) && !l->batch_complex);
    for (size_t i = 0; i < l->n_dirty_accts; i++) {
        acct_entry *e = &l->accts[l->dirty_accts[i]];
        if (e->behind) continue;
        FB_ASSERT(l->n_behind < l->acct_cap);
        e->behind = true;
        l->behind[l->n_behind++] = l->dirty_accts[i];
    }
}

static int by_value(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* An entry's place in the write order: its key above its index (keys take 24 bits). */
_Static_assert(FB_ACCOUNTS_MAX < (1LL << 31), "a key and an index fit one int64");
static int64_t order_of(const acct_entry *e, int32_t index) {
    FB_ASSERT(e->key > 0 && e->key <= FB_ACCOUNTS_MAX && index >= 0);
    return e->key << 32 | index;
}

/* Writes the balances of every account behind and of this batch's changed ones (skip_dirty:
 * those are written by the caller), in key order, each once. Work: O(n log n) in them. */
static int write_from_cache(fb_ledger *l, bool skip_dirty) {
    size_t cap = l->n_behind + (skip_dirty ? 0 : l->n_dirty_accts);
    int64_t *order = malloc((cap ? cap : 1) * sizeof *order);
    if (!order) return FB_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < l->n_behind; i++) {
        const acct_entry *e = &l->accts[l->behind[i]];
        if (!(skip_dirty && e->dirty)) order[n++] = order_of(e, l->behind[i]);
    }
    for (size_t i = 0; !skip_dirty && i < l->n_dirty_accts; i++) {
        const acct_entry *e = &l->accts[l->dirty_accts[i]];
        if (!e->behind) order[n++] = order_of(e, l->dirty_accts[i]); /* else listed above */
    }
    FB_ASSERT(n <= cap);
    qsort(order, n, sizeof *order, by_value);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        const acct_entry *e = &l->accts[order[i] & 0x7fffffff];
        FB_ASSERT(e->state == ENTRY_STORED && e->key == order[i] >> 32);
        rc = fb__store_account_update(l->store, e->key, &e->a);
    }
    free(order);
    return rc;
}

int fb__ledger_behind_write(fb_ledger *l, bool skip_dirty) {
    FB_ASSERT(fb__store_writes_behind(l->store));
    int rc =
        l->behind_known ? write_from_cache(l, skip_dirty) : fb__store_balances_settle(l->store);
    /* Through the mark now (the caller moves it, or settle did): nothing is behind. A batch
     * that fails after this drops the cache, and with it this list. */
    if (rc == FB_OK) {
        for (size_t i = 0; i < l->n_behind; i++)
            l->accts[l->behind[i]].behind = false;
        l->n_behind = 0;
        l->behind_known = true;
    }
    return rc;
}
