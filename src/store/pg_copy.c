/* pg_copy.c — the ledger's rows read for a copy to another backend (fb_ledger_copy), PostgreSQL's
 * side: each table walked through a cursor of the read transaction's snapshot, a page of rows a
 * round trip, in the order the copy writes them. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/pg_internal.h"

/* Rows a FETCH brings: a round trip per page, a page's rows held in memory at a time. */
#define FB__PG_COPY_PAGE 10000

static const char *const copy_sql[FB__COPY_KINDS_] = {
    [FB__COPY_ACCOUNTS] =
        ("SELECT key, ts, id, ledger, code, flags, user_data, debits_pending, debits_posted,"
         " credits_pending, credits_posted, flags & ~16 | CASE WHEN flags & 16 <> 0 AND key NOT IN"
         " (SELECT CASE WHEN t.flags & 64 <> 0 THEN t.debit_account ELSE t.credit_account END"
         " FROM transfers t JOIN pending p ON p.ts = t.ts WHERE p.status IN (1, 2)"
         " AND t.flags & 192 <> 0) THEN 16 ELSE 0 END FROM accounts ORDER BY key"),
    [FB__COPY_TRANSFERS] = ("SELECT t.seq, t.ts, t.id, t.debit_account, t.credit_account, t.amount,"
                            " coalesce(t.pending, 0), t.ledger, t.code, t.flags, t.timeout,"
                            " t.user_data, t.value_date, coalesce(p.status, 0),"
                            " coalesce(p.expires_at, 0), coalesce(p.resolved_at, 0)"
                            " FROM transfers t LEFT JOIN pending p ON p.ts = t.ts ORDER BY t.seq"),
    [FB__COPY_BALANCES] = ("SELECT account, ts, debits_pending, debits_posted, credits_pending,"
                           " credits_posted, value_date FROM balances ORDER BY ts, account"),
    [FB__COPY_FAILED] = ("SELECT id, ts, result FROM failed_ids ORDER BY ts, id"),
};

static void text_at(char *dst, size_t cap, const PGresult *r, int row, int col) {
    snprintf(dst, cap, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

static void read_account(const PGresult *res, int i, fb__copy_row *r) {
    fb_account *a = &r->a;
    r->key = fb__pg_int(res, i, 0);
    a->timestamp_ns = fb__pg_int(res, i, 1);
    text_at(a->id, sizeof a->id, res, i, 2);
    a->ledger = (uint32_t)fb__pg_int(res, i, 3);
    a->code = (uint16_t)fb__pg_int(res, i, 4);
    a->flags = (uint16_t)fb__pg_int(res, i, 5);
    text_at(a->user_data, sizeof a->user_data, res, i, 6);
    a->debits_pending_fen = fb__pg_int(res, i, 7);
    a->debits_posted_fen = fb__pg_int(res, i, 8);
    a->credits_pending_fen = fb__pg_int(res, i, 9);
    a->credits_posted_fen = fb__pg_int(res, i, 10);
    r->created_flags = (uint16_t)fb__pg_int(res, i, 11);
}

static void read_transfer(const PGresult *res, int i, fb__copy_row *r) {
    fb_transfer *t = &r->st.t;
    r->key = fb__pg_int(res, i, 0);
    t->timestamp_ns = fb__pg_int(res, i, 1);
    text_at(t->id, sizeof t->id, res, i, 2);
    r->st.debit_key = fb__pg_int(res, i, 3);
    r->st.credit_key = fb__pg_int(res, i, 4);
    t->amount_fen = fb__pg_int(res, i, 5);
    r->st.pending_ts = fb__pg_int(res, i, 6);
    t->ledger = (uint32_t)fb__pg_int(res, i, 7);
    t->code = (uint16_t)fb__pg_int(res, i, 8);
    t->flags = (uint16_t)fb__pg_int(res, i, 9);
    t->timeout_s = (uint32_t)fb__pg_int(res, i, 10);
    text_at(t->user_data, sizeof t->user_data, res, i, 11);
    t->value_date = (int32_t)fb__pg_int(res, i, 12);
    r->st.pending_status = (uint8_t)fb__pg_int(res, i, 13);
    r->st.expires_at_ns = fb__pg_int(res, i, 14);
    r->resolved_ns = fb__pg_int(res, i, 15);
}

static void read_row(fb__copy_kind kind, const PGresult *res, int i, fb__copy_row *r) {
    memset(r, 0, sizeof *r);
    switch (kind) {
    case FB__COPY_ACCOUNTS: read_account(res, i, r); break;
    case FB__COPY_TRANSFERS: read_transfer(res, i, r); break;
    case FB__COPY_BALANCES:
        r->key = fb__pg_int(res, i, 0);
        r->b.timestamp_ns = fb__pg_int(res, i, 1);
        r->b.debits_pending_fen = fb__pg_int(res, i, 2);
        r->b.debits_posted_fen = fb__pg_int(res, i, 3);
        r->b.credits_pending_fen = fb__pg_int(res, i, 4);
        r->b.credits_posted_fen = fb__pg_int(res, i, 5);
        r->b.value_date = (int32_t)fb__pg_int(res, i, 6);
        break;
    default:
        FB_ASSERT(kind == FB__COPY_FAILED);
        text_at(r->failed_id, sizeof r->failed_id, res, i, 0);
        r->failed_ts = fb__pg_int(res, i, 1);
        r->failed_result = (int32_t)fb__pg_int(res, i, 2);
        break;
    }
}

/* Hands each row of a page to fn; *got is the page's count (0: the cursor is spent). */
static int fetch_page(fb_store *s, fb__copy_kind kind, fb__copy_fn *fn, void *ctx, int *got) {
    PGresult *res = NULL;
    int rc = fb__pg_exec(s, "FETCH " FB_PG_STR(FB__PG_COPY_PAGE) " FROM fb_copy", 0, NULL,
                         PGRES_TUPLES_OK, &res, "reading the ledger's rows to copy");
    if (rc) return rc;
    fb__copy_row row;
    *got = PQntuples(res);
    for (int i = 0; rc == FB_OK && i < *got; i++) {
        read_row(kind, res, i, &row);
        rc = fn(ctx, &row);
    }
    PQclear(res);
    return rc;
}

int fb__pg_copy_rows(fb_store *s, fb__copy_kind kind, fb__copy_fn *fn, void *ctx) {
    FB_ASSERT(s->pg->in_tx);
    FB_ASSERT(kind >= 0 && kind < FB__COPY_KINDS_);
    char sql[1024];
    int len = snprintf(sql, sizeof sql, "DECLARE fb_copy NO SCROLL CURSOR FOR %s", copy_sql[kind]);
    FB_ASSERT(len > 0 && (size_t)len < sizeof sql);
    int rc = s->pg->dirty ? fb__pg_flush(s) : FB_OK;
    if (rc == FB_OK) rc = fb__pg_run(s, sql, 0, NULL, "reading the ledger's rows to copy");
    int got = FB__PG_COPY_PAGE;
    while (rc == FB_OK && got == FB__PG_COPY_PAGE)
        rc = fetch_page(s, kind, fn, ctx, &got);
    int closed = s->pg->in_tx ? fb__pg_run(s, "CLOSE fb_copy", 0, NULL, "closing a cursor") : FB_OK;
    return rc ? rc : closed;
}

/* A book on PostgreSQL holds the ledger and the access room so far: its users would be left behind.
 */
int fb__pg_copy_foreign(fb_store *s, char *what, size_t cap, int64_t *rows) {
    FB_ASSERT(s->pg != NULL && rows != NULL);
    FB_ASSERT(what != NULL && cap > 0);
    *rows = 0;
    what[0] = '\0';
    if (s->version < 2) return FB_OK; /* the ledger alone */
    /* Users are not copied (as from SQLite): a book that has any is refused, not left behind.
     * The audit log is not copied either (the copy is audited in neither book). */
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, "SELECT count(*) FROM users", 0, NULL, PGRES_TUPLES_OK, &r,
                         "counting the users");
    if (rc) return rc;
    *rows = fb__pg_int(r, 0, 0);
    PQclear(r);
    if (*rows) snprintf(what, cap, "%lld rows of users", (long long)*rows);
    return FB_OK;
}
