/* copy_rows.c — the ledger's rows read for a copy to another backend (fb_ledger_copy), SQLite's
 * side: each table walked once in the order the copy writes it, from one statement each. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/pg.h"
#include "store/sqlite_internal.h"

/* An account's flags as created: closed only when no standing closing transfer closed it (the
 * chain's reading of them, store/chain.c). */
#define FB__CREATED_FLAGS_SQL                                                                      \
    "flags & ~16 | CASE WHEN flags & 16 AND key NOT IN (SELECT CASE WHEN t.flags & 64 THEN"        \
    " t.debit_account ELSE t.credit_account END FROM transfers t JOIN pending p ON p.ts = t.ts"    \
    " WHERE p.status IN (1, 2) AND t.flags & 192) THEN 16 ELSE 0 END"

static const char *const copy_sql[FB__COPY_KINDS_] = {
    [FB__COPY_ACCOUNTS] = ("SELECT key, ts, id, ledger, code, flags, user_data, debits_pending,"
                           " debits_posted, credits_pending, credits_posted, " FB__CREATED_FLAGS_SQL
                           " FROM accounts_now ORDER BY key"),
    [FB__COPY_TRANSFERS] = ("SELECT t.seq, t.ts, t.id, t.debit_account, t.credit_account, t.amount,"
                            " coalesce(t.pending, 0), t.ledger, t.code, t.flags, t.timeout,"
                            " t.user_data, t.value_date, coalesce(p.status, 0),"
                            " coalesce(p.expires_at, 0), coalesce(p.resolved_at, 0)"
                            " FROM transfers t LEFT JOIN pending p ON p.ts = t.ts ORDER BY t.seq"),
    [FB__COPY_BALANCES] = ("SELECT account, ts, debits_pending, debits_posted, credits_pending,"
                           " credits_posted, value_date FROM balances ORDER BY ts, account"),
    [FB__COPY_FAILED] = ("SELECT id, ts, result FROM failed_ids ORDER BY ts, id"),
};

static void text_col(char *dst, size_t cap, sqlite3_stmt *st, int col) {
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static void read_account(sqlite3_stmt *st, fb__copy_row *r) {
    fb_account *a = &r->a;
    r->key = sqlite3_column_int64(st, 0);
    a->timestamp_ns = sqlite3_column_int64(st, 1);
    text_col(a->id, sizeof a->id, st, 2);
    a->ledger = (uint32_t)sqlite3_column_int64(st, 3);
    a->code = (uint16_t)sqlite3_column_int64(st, 4);
    a->flags = (uint16_t)sqlite3_column_int64(st, 5);
    text_col(a->user_data, sizeof a->user_data, st, 6);
    a->debits_pending_fen = sqlite3_column_int64(st, 7);
    a->debits_posted_fen = sqlite3_column_int64(st, 8);
    a->credits_pending_fen = sqlite3_column_int64(st, 9);
    a->credits_posted_fen = sqlite3_column_int64(st, 10);
    r->created_flags = (uint16_t)sqlite3_column_int64(st, 11);
}

static void read_transfer(sqlite3_stmt *st, fb__copy_row *r) {
    fb_transfer *t = &r->st.t;
    r->key = sqlite3_column_int64(st, 0);
    t->timestamp_ns = sqlite3_column_int64(st, 1);
    text_col(t->id, sizeof t->id, st, 2);
    r->st.debit_key = sqlite3_column_int64(st, 3);
    r->st.credit_key = sqlite3_column_int64(st, 4);
    t->amount_fen = sqlite3_column_int64(st, 5);
    r->st.pending_ts = sqlite3_column_int64(st, 6);
    t->ledger = (uint32_t)sqlite3_column_int64(st, 7);
    t->code = (uint16_t)sqlite3_column_int64(st, 8);
    t->flags = (uint16_t)sqlite3_column_int64(st, 9);
    t->timeout_s = (uint32_t)sqlite3_column_int64(st, 10);
    text_col(t->user_data, sizeof t->user_data, st, 11);
    t->value_date = (int32_t)sqlite3_column_int64(st, 12);
    r->st.pending_status = (uint8_t)sqlite3_column_int64(st, 13);
    r->st.expires_at_ns = sqlite3_column_int64(st, 14);
    r->resolved_ns = sqlite3_column_int64(st, 15);
}

static void read_row(fb__copy_kind kind, sqlite3_stmt *st, fb__copy_row *r) {
    memset(r, 0, sizeof *r);
    switch (kind) {
    case FB__COPY_ACCOUNTS: read_account(st, r); break;
    case FB__COPY_TRANSFERS: read_transfer(st, r); break;
    case FB__COPY_BALANCES:
        r->key = sqlite3_column_int64(st, 0);
        r->b.timestamp_ns = sqlite3_column_int64(st, 1);
        r->b.debits_pending_fen = sqlite3_column_int64(st, 2);
        r->b.debits_posted_fen = sqlite3_column_int64(st, 3);
        r->b.credits_pending_fen = sqlite3_column_int64(st, 4);
        r->b.credits_posted_fen = sqlite3_column_int64(st, 5);
        r->b.value_date = (int32_t)sqlite3_column_int64(st, 6);
        break;
    default:
        FB_ASSERT(kind == FB__COPY_FAILED);
        text_col(r->failed_id, sizeof r->failed_id, st, 0);
        r->failed_ts = sqlite3_column_int64(st, 1);
        r->failed_result = (int32_t)sqlite3_column_int64(st, 2);
        break;
    }
}

int fb__store_copy_rows(fb_store *s, fb__copy_kind kind, fb__copy_fn *fn, void *ctx) {
    FB_ASSERT(kind >= 0 && kind < FB__COPY_KINDS_);
    FB_ASSERT(fn != NULL);
    if (s->pg) return fb__pg_copy_rows(s, kind, fn, ctx);
    sqlite3_stmt *st = NULL;
    int src = sqlite3_prepare_v2(s->db, copy_sql[kind], -1, &st, NULL);
    if (src != SQLITE_OK) return fb__store_fail(s, src, "reading the ledger's rows to copy");
    fb__copy_row row;
    int rc = FB_OK;
    while (rc == FB_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        read_row(kind, st, &row);
        rc = fn(ctx, &row);
    }
    if (rc == FB_OK && src != SQLITE_DONE) {
        rc = fb__store_fail(s, src, "reading the ledger's rows to copy");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The tables of the book's rooms that a book's owner writes (reference rows the schema seeds,
 * such as the calendar or the green catalogue, are not its records), which a copy does not
 * carry yet (the parties it does: copy_records.c). */
static const char *const foreign_tables[] = {
    "facilities", "loans",     "certificates", "projects", "agreements",     "demands",
    "pools",      "subsidies", "guarantees",   "users",    "credit_reports",
};

int fb__store_copy_foreign(fb_store *s, char *what, size_t cap, int64_t *rows) {
    FB_ASSERT(what != NULL && cap > 0 && rows != NULL);
    *rows = 0;
    what[0] = '\0';
    if (s->pg) return fb__pg_copy_foreign(s, what, cap, rows);
    size_t n = sizeof foreign_tables / sizeof foreign_tables[0];
    for (size_t i = 0; i < n; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", foreign_tables[i]);
        sqlite3_stmt *st = NULL;
        int src = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
        if (src == SQLITE_OK) src = sqlite3_step(st);
        int64_t k = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        if (src != SQLITE_ROW) return fb__store_fail(s, src, "counting the book's records");
        if (k && !what[0]) snprintf(what, cap, "%lld rows of %s", (long long)k, foreign_tables[i]);
        *rows += k;
    }
    return FB_OK;
}
