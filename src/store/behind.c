/* behind.c — balances written behind (docs/ledger.md): the mark, writing what is behind, reading
 * an account's balances with what is behind, and every account's at once.
 *
 * The balance columns of accounts hold every transfer up to meta balances_through; the transfers
 * after it are single-phase (a batch of any other kind writes every balance first), so an
 * account's balances are its row plus its postings after the mark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_balances_range(fb_store *s, int64_t *through, int64_t *last) {
    FB_ASSERT(s != NULL && through != NULL && last != NULL);
    if (s->pg) { /* PostgreSQL writes every balance through: nothing is behind */
        *through = *last = 0;
        return FB_OK;
    }
    if (s->range_known) {
        *through = s->range_through;
        *last = s->range_last;
        return FB_OK;
    }
    sqlite3_stmt *st = fb__store_stmt(s, STMT_BALANCES_RANGE);
    if (!st) return FB_EIO;
    int rc = sqlite3_step(st);
    *through = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) return fb__store_fail(s, rc, "reading balances_through");
    if (*through < 0 || *through > *last) {
        snprintf(s->errmsg, sizeof s->errmsg, "balances_through %lld is outside 0..%lld",
                 (long long)*through, (long long)*last);
        return FB_ECORRUPT;
    }
    FB_ASSERT(*through >= 0 && *through <= *last);
    /* Inside a transaction, the two hold until it writes them (its inserts and marks). */
    s->range_known = sqlite3_get_autocommit(s->db) == 0;
    s->range_through = *through;
    s->range_last = *last;
    return FB_OK;
}

static int set_through(fb_store *s, int64_t seq) {
    FB_ASSERT(seq > 0 && !s->readonly);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_META_SET);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, "balances_through", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, seq);
    s->range_known = false;
    return fb__store_step_done(s, st, "recording balances_through");
}

int fb__store_balances_settle(fb_store *s) {
    FB_ASSERT(!s->readonly);
    if (s->pg) return FB_OK;
    int64_t through = 0, last = 0;
    int rc = fb__store_balances_range(s, &through, &last);
    if (rc || through == last) return rc;
    sqlite3_stmt *st = fb__store_stmt(s, STMT_BALANCES_SETTLE);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, through);
    rc = fb__store_step_done(s, st, "writing balances behind");
    FB_ASSERT(last > through);
    return rc ? rc : set_through(s, last);
}

int fb__store_balances_mark(fb_store *s) {
    FB_ASSERT(!s->readonly);
    int64_t through = 0, last = 0;
    int rc = fb__store_balances_range(s, &through, &last);
    FB_ASSERT(rc != FB_OK || through <= last);
    return rc || through == last ? rc : set_through(s, last);
}

/* Adds the account's transfers after balances_through: one index range of postings per run. */
int fb__store_add_behind(fb_store *s, int64_t key, fb_account *a) {
    FB_ASSERT(key > 0 && key <= FB_ACCOUNTS_MAX);
    int64_t through = 0, last = 0;
    int rc = fb__store_balances_range(s, &through, &last);
    if (rc || through == last) return rc;
    const int64_t low = (1 << FB_POSTING_RUN_BITS) - 1;
    for (int64_t run = (through + 1) >> FB_POSTING_RUN_BITS;
         rc == FB_OK && run <= last >> FB_POSTING_RUN_BITS; run++) {
        int64_t first =
            run == (through + 1) >> FB_POSTING_RUN_BITS ? through + 1 : run << FB_POSTING_RUN_BITS;
        int64_t end =
            run == last >> FB_POSTING_RUN_BITS ? last : (run << FB_POSTING_RUN_BITS) | low;
        sqlite3_stmt *st = fb__store_stmt(s, STMT_BALANCES_TAIL);
        if (!st) return FB_EIO;
        sqlite3_bind_int64(st, 1, fb__posting_key(first, key));
        sqlite3_bind_int64(st, 2, fb__posting_key(end, key));
        sqlite3_bind_int64(st, 3, key);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            a->debits_posted_fen += sqlite3_column_int64(st, 0);
            a->credits_posted_fen += sqlite3_column_int64(st, 1);
        }
        sqlite3_reset(st);
        if (step != SQLITE_ROW) rc = fb__store_fail(s, step, "reading balances behind");
    }
    FB_ASSERT(rc != FB_OK || (a->debits_posted_fen >= 0 && a->credits_posted_fen >= 0));
    return rc;
}

/* The posted amounts behind, summed per account key into d and c (keys 1..max_key). */
static int sum_behind(fb_store *s, int64_t through, int64_t *d, int64_t *c, int64_t max_key) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT debit_account, credit_account, amount FROM transfers"
                                " WHERE seq > ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading balances behind");
    sqlite3_bind_int64(st, 1, through);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t dk = sqlite3_column_int64(st, 0), ck = sqlite3_column_int64(st, 1);
        FB_ASSERT(dk >= 1 && dk <= max_key && ck >= 1 && ck <= max_key);
        d[dk] += sqlite3_column_int64(st, 2);
        c[ck] += sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading balances behind");
}

static int walk_accounts(fb_store *s, const int64_t *d, const int64_t *c, fb_account_fn *fn,
                         void *ctx) {
    FB_ASSERT(fn != NULL && (d == NULL) == (c == NULL));
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT ts, id, ledger, code, flags, user_data, debits_pending,"
                                " debits_posted, credits_pending, credits_posted, key"
                                " FROM accounts ORDER BY id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing accounts");
    int stop = 0;
    while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        fb_account a;
        memset(&a, 0, sizeof a);
        a.timestamp_ns = sqlite3_column_int64(st, 0);
        fb__store_column_text(a.id, sizeof a.id, st, 1);
        a.ledger = (uint32_t)sqlite3_column_int64(st, 2);
        a.code = (uint16_t)sqlite3_column_int64(st, 3);
        a.flags = (uint16_t)sqlite3_column_int64(st, 4);
        fb__store_column_text(a.user_data, sizeof a.user_data, st, 5);
        a.debits_pending_fen = sqlite3_column_int64(st, 6);
        a.credits_pending_fen = sqlite3_column_int64(st, 8);
        int64_t key = sqlite3_column_int64(st, 10);
        a.debits_posted_fen = sqlite3_column_int64(st, 7) + (d ? d[key] : 0);
        a.credits_posted_fen = sqlite3_column_int64(st, 9) + (c ? c[key] : 0);
        stop = fn(ctx, &a);
    }
    sqlite3_finalize(st);
    if (stop) return stop;
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "listing accounts");
}

int fb__store_accounts_each(fb_store *s, fb_account_fn *fn, void *ctx) {
    if (s->pg) return fb__pg_accounts_each(s, fn, ctx);
    FB_ASSERT(s != NULL && fn != NULL);
    bool own = sqlite3_get_autocommit(s->db) != 0;
    int rc = own ? fb__store_begin_read(s) : FB_OK;
    int64_t through = 0, last = 0, max_key = 0;
    if (rc == FB_OK) rc = fb__store_balances_range(s, &through, &last);
    sqlite3_stmt *st = rc == FB_OK ? fb__store_stmt(s, STMT_MAX_ACCOUNT_KEY) : NULL;
    if (rc == FB_OK && !st) rc = FB_EIO;
    if (st) {
        int step = sqlite3_step(st);
        max_key = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (step != SQLITE_ROW) rc = fb__store_fail(s, step, "counting accounts");
    }
    int64_t *d = NULL, *c = NULL;
    if (rc == FB_OK && last > through) {
        d = calloc((size_t)max_key + 1, sizeof *d);
        c = calloc((size_t)max_key + 1, sizeof *c);
        rc = d && c ? sum_behind(s, through, d, c, max_key) : FB_ENOMEM;
    }
    if (rc == FB_OK) rc = walk_accounts(s, d, c, fn, ctx);
    free(d);
    free(c);
    if (own) fb__store_rollback(s); /* a read: nothing to commit */
    return rc;
}
