/* pg_ledger.c — the ledger's room on PostgreSQL: a batch's rows are held in memory as columns of
 * array literals and reach the server as one array statement per table
 * (INSERT ... SELECT FROM unnest($1::bigint[], ...)), flushed once a batch and before any read
 * that must see them; a batch's lookups are read at once before it runs (fb__pg_prefetch). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/pg_internal.h"

/* ---- Columns of array literals ------------------------------------------------------------ */

static bool col_room(fb__pgcol *c, size_t need) {
    if (c->n + need + 2 <= c->cap) return true;
    size_t cap = c->cap ? c->cap * 2 : 4096;
    while (cap < c->n + need + 2)
        cap *= 2;
    char *p = realloc(c->p, cap);
    if (!p) return false;
    c->p = p;
    c->cap = cap;
    return true;
}

static void col_sep(fb__pgcol *c) {
    FB_ASSERT(c->p != NULL && c->n + 1 < c->cap); /* col_room made room */
    char sep = c->n == 0 ? '{' : ',';
    c->p[c->n++] = sep;
}

static int col_int(fb__pgcol *c, int64_t v) {
    if (!col_room(c, 24)) return FB_ENOMEM;
    col_sep(c);
    char tmp[24];
    size_t k = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) c->p[c->n++] = '-';
    while (k)
        c->p[c->n++] = tmp[--k];
    return FB_OK;
}

static int col_null(fb__pgcol *c) {
    if (!col_room(c, 5)) return FB_ENOMEM;
    col_sep(c);
    memcpy(c->p + c->n, "NULL", 4);
    c->n += 4;
    return FB_OK;
}

/* A text element, quoted with " and \ escaped; "" is NULL (as the SQLite store stores it). */
static int col_text(fb__pgcol *c, const char *t) {
    if (!t[0]) return col_null(c);
    size_t len = strlen(t);
    if (!col_room(c, 2 * len + 3)) return FB_ENOMEM;
    col_sep(c);
    c->p[c->n++] = '"';
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '"' || t[i] == '\\') c->p[c->n++] = '\\';
        c->p[c->n++] = t[i];
    }
    c->p[c->n++] = '"';
    return FB_OK;
}

/* Terminates the column's literal ("{...}") for a statement's parameter. */
static const char *col_end(fb__pgcol *c) {
    FB_ASSERT(c->n > 0 && c->n + 2 <= c->cap);
    c->p[c->n] = '}';
    c->p[c->n + 1] = '\0';
    return c->p;
}

void fb__pg_rows_clear(struct fb__pg *pg) {
    for (int t = 0; t < PGB_COUNT_; t++) {
        for (int i = 0; i < FB__PG_COLS_MAX; i++)
            pg->rows[t].col[i].n = 0;
        pg->rows[t].rows = 0;
    }
    pg->dirty = false;
    pg->pf_ready = false;
}

void fb__pg_rows_free(struct fb__pg *pg) {
    for (int t = 0; t < PGB_COUNT_; t++) {
        for (int i = 0; i < FB__PG_COLS_MAX; i++)
            free(pg->rows[t].col[i].p);
    }
    fb__strmap_free(&pg->pf_amap);
    fb__strmap_free(&pg->pf_xmap);
    free(pg->pf_a);
    free(pg->pf_x);
}

/* ---- Flushing ----------------------------------------------------------------------------- */

typedef struct {
    const char *sql;
    int cols;
    bool all_rows; /* the statement touches every row; else it answers (listed, written) */
    const char *what;
} flush_stmt;

static const flush_stmt flushes[PGB_COUNT_] = {
    [PGB_ACCOUNTS] = {"INSERT INTO accounts (key, ts, id, ledger, code, flags, user_data,"
                      " debits_pending, debits_posted, credits_pending, credits_posted)"
                      " SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[],"
                      " $5::int[], $6::int[], $7::text[], $8::bigint[], $9::bigint[],"
                      " $10::bigint[], $11::bigint[])",
                      11, true, "inserting accounts"},
    /* An account may be listed twice (a chain rolled back marks it changed again), with the
     * same values: each is written once, and every one listed must be. */
    [PGB_UPDATES] = {"WITH u AS (SELECT DISTINCT ON (k) * FROM unnest($1::bigint[], $2::int[],"
                     " $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])"
                     " AS u(k, f, dp, dq, cp, cq)), w AS (UPDATE accounts a SET flags = u.f,"
                     " debits_pending = u.dp, debits_posted = u.dq, credits_pending = u.cp,"
                     " credits_posted = u.cq FROM u WHERE a.key = u.k RETURNING 1)"
                     " SELECT (SELECT count(*) FROM u), (SELECT count(*) FROM w)",
                     6, false, "updating accounts"},
    [PGB_TRANSFERS] = {"INSERT INTO transfers (seq, ts, id, debit_account, credit_account, amount,"
                       " pending, ledger, code, flags, timeout, user_data, value_date)"
                       " SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[],"
                       " $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],"
                       " $9::int[], $10::int[], $11::bigint[], $12::text[], $13::int[])",
                       13, true, "inserting transfers"},
    [PGB_PENDING] = {"INSERT INTO pending (ts, status, expires_at)"
                     " SELECT t, 1, e FROM unnest($1::bigint[], $2::bigint[]) AS u(t, e)",
                     2, true, "inserting pending transfers' status"},
    [PGB_RESOLVES] = {"UPDATE pending p SET status = u.s, resolved_at = u.r"
                      " FROM unnest($1::bigint[], $2::smallint[], $3::bigint[]) AS u(t, s, r)"
                      " WHERE p.ts = u.t AND p.status = 1",
                      3, true, "resolving pending transfers"},
    [PGB_FAILED] = {"INSERT INTO failed_ids (id, ts, result)"
                    " SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])",
                    3, true, "recording failed ids"},
    [PGB_BALANCES] = {"INSERT INTO balances (account, ts, debits_pending, debits_posted,"
                      " credits_pending, credits_posted, value_date)"
                      " SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[],"
                      " $4::bigint[], $5::bigint[], $6::bigint[], $7::int[])",
                      7, true, "recording balance history"},
};

static int flush_one(fb_store *s, int t) {
    fb__pgrows *r = &s->pg->rows[t];
    const flush_stmt *f = &flushes[t];
    FB_ASSERT(f->cols <= FB__PG_COLS_MAX && r->rows > 0);
    const char *params[FB__PG_COLS_MAX];
    for (int i = 0; i < f->cols; i++)
        params[i] = col_end(&r->col[i]);
    PGresult *res = NULL;
    int rc = fb__pg_exec(s, f->sql, f->cols, params,
                         f->all_rows ? PGRES_COMMAND_OK : PGRES_TUPLES_OK, &res, f->what);
    if (rc) return rc;
    long long n = f->all_rows ? strtoll(PQcmdTuples(res), NULL, 10) : fb__pg_int(res, 0, 1);
    long long want = f->all_rows ? (long long)r->rows : fb__pg_int(res, 0, 0);
    PQclear(res);
    if (n != want) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %lld rows of %lld written", f->what, n, want);
        return FB_ECORRUPT;
    }
    for (int i = 0; i < FB__PG_COLS_MAX; i++)
        r->col[i].n = 0;
    r->rows = 0;
    return FB_OK;
}

int fb__pg_flush(fb_store *s) {
    struct fb__pg *pg = s->pg;
    pg->pf_ready = false; /* what was read ahead may be what these rows change */
    if (!pg->dirty) return FB_OK;
    for (int t = 0; t < PGB_COUNT_; t++) {
        if (pg->rows[t].rows == 0) continue;
        int rc = flush_one(s, t);
        if (rc) return rc;
    }
    pg->dirty = false;
    return FB_OK;
}

static fb__pgrows *rows_of(struct fb__pg *pg, int t) {
    FB_ASSERT(pg->in_tx && pg->write_tx);
    pg->dirty = true;
    pg->rows[t].rows++;
    return &pg->rows[t];
}

/* ---- Writes ------------------------------------------------------------------------------- */

int fb__pg_account_insert(fb_store *s, const fb_account *a, int64_t *key) {
    struct fb__pg *pg = s->pg;
    if (pg->next_key > FB_ACCOUNTS_MAX) {
        snprintf(s->errmsg, sizeof s->errmsg, "a book holds at most %d accounts", FB_ACCOUNTS_MAX);
        return FB_ELIMIT;
    }
    *key = pg->next_key++; /* under the book's lock: dense and ordered */
    fb__pgcol *c = rows_of(pg, PGB_ACCOUNTS)->col;
    int rc = col_int(&c[0], *key) | col_int(&c[1], a->timestamp_ns) | col_text(&c[2], a->id) |
             col_int(&c[3], a->ledger) | col_int(&c[4], a->code) | col_int(&c[5], a->flags) |
             col_text(&c[6], a->user_data) | col_int(&c[7], a->debits_pending_fen) |
             col_int(&c[8], a->debits_posted_fen) | col_int(&c[9], a->credits_pending_fen) |
             col_int(&c[10], a->credits_posted_fen);
    if (rc == 0) fb__chain_account(s, *key, a);
    return rc ? FB_ENOMEM : FB_OK;
}

int fb__pg_account_update(fb_store *s, int64_t key, const fb_account *a) {
    FB_ASSERT(key > 0 && key < s->pg->next_key);
    fb__pgcol *c = rows_of(s->pg, PGB_UPDATES)->col;
    int rc = col_int(&c[0], key) | col_int(&c[1], a->flags) |
             col_int(&c[2], a->debits_pending_fen) | col_int(&c[3], a->debits_posted_fen) |
             col_int(&c[4], a->credits_pending_fen) | col_int(&c[5], a->credits_posted_fen);
    return rc ? FB_ENOMEM : FB_OK;
}

int fb__pg_transfer_insert(fb_store *s, const fb_stored_transfer *st) {
    struct fb__pg *pg = s->pg;
    const fb_transfer *t = &st->t;
    if (pg->last_seq >= FB_TRANSFERS_MAX) {
        snprintf(s->errmsg, sizeof s->errmsg, "a book holds at most %lld transfers",
                 (long long)FB_TRANSFERS_MAX);
        return FB_ELIMIT;
    }
    int64_t seq = ++pg->last_seq; /* under the book's lock */
    fb__pgcol *c = rows_of(pg, PGB_TRANSFERS)->col;
    int rc = col_int(&c[0], seq) | col_int(&c[1], t->timestamp_ns) | col_text(&c[2], t->id) |
             col_int(&c[3], st->debit_key) | col_int(&c[4], st->credit_key) |
             col_int(&c[5], t->amount_fen) |
             (st->pending_ts ? col_int(&c[6], st->pending_ts) : col_null(&c[6])) |
             col_int(&c[7], t->ledger) | col_int(&c[8], t->code) | col_int(&c[9], t->flags) |
             col_int(&c[10], t->timeout_s) | col_text(&c[11], t->user_data) |
             col_int(&c[12], t->value_date);
    if (rc == FB_OK) fb__chain_transfer(s, seq, st);
    if (rc == FB_OK && (t->flags & FB_TRANSFER_PENDING)) {
        c = rows_of(pg, PGB_PENDING)->col;
        rc = col_int(&c[0], t->timestamp_ns) |
             (st->expires_at_ns ? col_int(&c[1], st->expires_at_ns) : col_null(&c[1]));
    }
    return rc ? FB_ENOMEM : FB_OK;
}

int fb__pg_pending_resolve(fb_store *s, int64_t pending_ts, fb_pending_status status,
                           int64_t resolved_ns) {
    FB_ASSERT(pending_ts > 0 && status != FB_PENDING_PENDING);
    fb__pgcol *c = rows_of(s->pg, PGB_RESOLVES)->col;
    int rc =
        col_int(&c[0], pending_ts) | col_int(&c[1], (int64_t)status) | col_int(&c[2], resolved_ns);
    return rc ? FB_ENOMEM : FB_OK;
}

int fb__pg_failed_id_insert(fb_store *s, const char *id, int64_t ts, fb_result r) {
    FB_ASSERT(id[0] != '\0' && ts > 0);
    fb__pgcol *c = rows_of(s->pg, PGB_FAILED)->col;
    int rc = col_text(&c[0], id) | col_int(&c[1], ts) | col_int(&c[2], (int64_t)r);
    return rc ? FB_ENOMEM : FB_OK;
}

int fb__pg_balance_insert(fb_store *s, int64_t account_key, const fb_balance *b) {
    FB_ASSERT(account_key > 0 && b->timestamp_ns > 0);
    fb__pgcol *c = rows_of(s->pg, PGB_BALANCES)->col;
    int rc = col_int(&c[0], account_key) | col_int(&c[1], b->timestamp_ns) |
             col_int(&c[2], b->debits_pending_fen) | col_int(&c[3], b->debits_posted_fen) |
             col_int(&c[4], b->credits_pending_fen) | col_int(&c[5], b->credits_posted_fen) |
             col_int(&c[6], b->value_date);
    if (rc == 0) fb__chain_balance(s, account_key, b);
    return rc ? FB_ENOMEM : FB_OK;
}

/* ---- Reads -------------------------------------------------------------------------------- */

#define ACCOUNT_COLS                                                                               \
    "SELECT ts, id, ledger, code, flags, user_data, debits_pending, debits_posted,"                \
    " credits_pending, credits_posted, key FROM accounts"
#define TRANSFER_COLS                                                                              \
    "SELECT t.ts, t.id, d.id, c.id, t.amount, p.id, t.ledger, t.code, t.flags, t.timeout,"         \
    " t.user_data, t.debit_account, t.credit_account, t.pending, s.status, s.expires_at,"          \
    " t.value_date FROM transfers t JOIN accounts d ON d.key = t.debit_account"                    \
    " JOIN accounts c ON c.key = t.credit_account LEFT JOIN transfers p ON p.ts = t.pending"       \
    " LEFT JOIN pending s ON s.ts = t.ts"

static void text_at(char *dst, size_t cap, const PGresult *r, int row, int col) {
    snprintf(dst, cap, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

static void read_account(const PGresult *r, int i, fb_account *a, int64_t *key) {
    memset(a, 0, sizeof *a);
    a->timestamp_ns = fb__pg_int(r, i, 0);
    text_at(a->id, sizeof a->id, r, i, 1);
    a->ledger = (uint32_t)fb__pg_int(r, i, 2);
    a->code = (uint16_t)fb__pg_int(r, i, 3);
    a->flags = (uint16_t)fb__pg_int(r, i, 4);
    text_at(a->user_data, sizeof a->user_data, r, i, 5);
    a->debits_pending_fen = fb__pg_int(r, i, 6);
    a->debits_posted_fen = fb__pg_int(r, i, 7);
    a->credits_pending_fen = fb__pg_int(r, i, 8);
    a->credits_posted_fen = fb__pg_int(r, i, 9);
    *key = fb__pg_int(r, i, 10);
}

static void read_transfer(const PGresult *r, int i, fb_stored_transfer *out) {
    memset(out, 0, sizeof *out);
    fb_transfer *t = &out->t;
    t->timestamp_ns = fb__pg_int(r, i, 0);
    text_at(t->id, sizeof t->id, r, i, 1);
    text_at(t->debit_account_id, sizeof t->debit_account_id, r, i, 2);
    text_at(t->credit_account_id, sizeof t->credit_account_id, r, i, 3);
    t->amount_fen = fb__pg_int(r, i, 4);
    text_at(t->pending_id, sizeof t->pending_id, r, i, 5);
    t->ledger = (uint32_t)fb__pg_int(r, i, 6);
    t->code = (uint16_t)fb__pg_int(r, i, 7);
    t->flags = (uint16_t)fb__pg_int(r, i, 8);
    t->timeout_s = (uint32_t)fb__pg_int(r, i, 9);
    text_at(t->user_data, sizeof t->user_data, r, i, 10);
    out->debit_key = fb__pg_int(r, i, 11);
    out->credit_key = fb__pg_int(r, i, 12);
    out->pending_ts = fb__pg_int(r, i, 13);
    out->pending_status = (uint8_t)fb__pg_int(r, i, 14);
    out->expires_at_ns = fb__pg_int(r, i, 15);
    t->value_date = (int32_t)fb__pg_int(r, i, 16);
}

/* Runs a read of the ledger's room: the batch's rows are written first, so that it sees them. */
static int read_rows(fb_store *s, const char *sql, int n, const char *const *p, PGresult **r,
                     const char *what) {
    int rc = s->pg->dirty ? fb__pg_flush(s) : FB_OK;
    return rc ? rc : fb__pg_exec(s, sql, n, p, PGRES_TUPLES_OK, r, what);
}

static bool prefetch_alloc(struct fb__pg *pg) {
    if (pg->pf_a) return true;
    pg->pf_a = calloc(FB__PG_PREFETCH_MAX, sizeof *pg->pf_a);
    pg->pf_x = calloc(FB__PG_PREFETCH_MAX, sizeof *pg->pf_x);
    return pg->pf_a && pg->pf_x && fb__strmap_init(&pg->pf_amap, FB__PG_PREFETCH_MAX) &&
           fb__strmap_init(&pg->pf_xmap, FB__PG_PREFETCH_MAX);
}

/* Notes the ids asked (each once) as not found, and their array literal in col. */
static int prefetch_ids(fb__strmap *m, void *entries, size_t size, size_t id_offset, size_t *n,
                        const char *const *ids, size_t count, fb__pgcol *col) {
    col->n = 0;
    for (size_t i = 0; i < count && *n < FB__PG_PREFETCH_MAX; i++) {
        if (!ids[i][0] || fb__strmap_get(m, ids[i]) >= 0) continue;
        char *e = (char *)entries + *n * size;
        memset(e, 0, size);
        snprintf(e + id_offset, FB_ID_MAX + 1, "%s", ids[i]);
        fb__strmap_put(m, e + id_offset, (int32_t)*n);
        (*n)++;
        if (col_text(col, ids[i])) return FB_ENOMEM;
    }
    return FB_OK;
}

int fb__store_prefetch(fb_store *s, const char *const *acct_ids, size_t na,
                       const char *const *xfer_ids, size_t nx) {
    if (!s->pg) return FB_OK;
    struct fb__pg *pg = s->pg;
    FB_ASSERT(na <= FB__PG_PREFETCH_MAX && nx <= FB__PG_PREFETCH_MAX);
    int rc = pg->dirty ? fb__pg_flush(s) : FB_OK;
    if (rc) return rc;
    if (!prefetch_alloc(pg)) return FB_ENOMEM;
    fb__strmap_clear(&pg->pf_amap);
    fb__strmap_clear(&pg->pf_xmap);
    pg->n_pf_a = pg->n_pf_x = 0;
    fb__pgcol col = {0};
    rc = prefetch_ids(&pg->pf_amap, pg->pf_a, sizeof *pg->pf_a, offsetof(struct fb__pg_pfa, a.id),
                      &pg->n_pf_a, acct_ids, na, &col);
    PGresult *r = NULL;
    if (rc == FB_OK && col.n) {
        const char *p[] = {col_end(&col)};
        rc =
            read_rows(s, ACCOUNT_COLS " WHERE id = ANY ($1::text[])", 1, p, &r, "reading accounts");
    }
    for (int i = 0; r && i < PQntuples(r); i++) {
        int32_t at = fb__strmap_get(&pg->pf_amap, PQgetvalue(r, i, 1));
        FB_ASSERT(at >= 0);
        read_account(r, i, &pg->pf_a[at].a, &pg->pf_a[at].key);
        pg->pf_a[at].found = true;
    }
    PQclear(r);
    r = NULL;
    if (rc == FB_OK) {
        rc = prefetch_ids(&pg->pf_xmap, pg->pf_x, sizeof *pg->pf_x,
                          offsetof(struct fb__pg_pfx, st.t.id), &pg->n_pf_x, xfer_ids, nx, &col);
    }
    if (rc == FB_OK && col.n) {
        const char *p[] = {col_end(&col)};
        rc = read_rows(s, TRANSFER_COLS " WHERE t.id = ANY ($1::text[])", 1, p, &r,
                       "reading transfers");
    }
    for (int i = 0; r && i < PQntuples(r); i++) {
        int32_t at = fb__strmap_get(&pg->pf_xmap, PQgetvalue(r, i, 1));
        FB_ASSERT(at >= 0);
        read_transfer(r, i, &pg->pf_x[at].st);
        pg->pf_x[at].found = true;
    }
    PQclear(r);
    free(col.p);
    pg->pf_ready = rc == FB_OK;
    return rc;
}

int fb__pg_account_by_id(fb_store *s, const char *id, fb_account *out, int64_t *key) {
    struct fb__pg *pg = s->pg;
    int32_t at = pg->pf_ready ? fb__strmap_get(&pg->pf_amap, id) : -1;
    if (at >= 0) {
        if (!pg->pf_a[at].found) return FB_ENOTFOUND;
        *out = pg->pf_a[at].a;
        *key = pg->pf_a[at].key;
        return FB_OK;
    }
    const char *p[] = {id};
    PGresult *r = NULL;
    int rc = read_rows(s, ACCOUNT_COLS " WHERE id = $1", 1, p, &r, "reading an account");
    if (rc) return rc;
    rc = PQntuples(r) == 1 ? FB_OK : FB_ENOTFOUND;
    if (rc == FB_OK) read_account(r, 0, out, key);
    PQclear(r);
    return rc;
}

static int transfer_where(fb_store *s, const char *where, const char *arg,
                          fb_stored_transfer *out) {
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE %s", TRANSFER_COLS, where);
    const char *p[] = {arg};
    PGresult *r = NULL;
    int rc = read_rows(s, sql, 1, p, &r, "reading a transfer");
    if (rc) return rc;
    rc = PQntuples(r) == 1 ? FB_OK : FB_ENOTFOUND;
    if (rc == FB_OK) read_transfer(r, 0, out);
    PQclear(r);
    return rc;
}

int fb__pg_transfer_by_id(fb_store *s, const char *id, fb_stored_transfer *out) {
    struct fb__pg *pg = s->pg;
    int32_t at = pg->pf_ready ? fb__strmap_get(&pg->pf_xmap, id) : -1;
    if (at >= 0) {
        if (!pg->pf_x[at].found) return FB_ENOTFOUND;
        *out = pg->pf_x[at].st;
        return FB_OK;
    }
    return transfer_where(s, "t.id = $1", id, out);
}

int fb__pg_transfer_by_ts(fb_store *s, int64_t ts, fb_stored_transfer *out) {
    char arg[24];
    snprintf(arg, sizeof arg, "%lld", (long long)ts);
    return transfer_where(s, "t.ts = $1", arg, out);
}

int fb__pg_pending_due(fb_store *s, int64_t now_ns, int64_t *ts_out, size_t max, size_t *n) {
    char a[24], b[24];
    snprintf(a, sizeof a, "%lld", (long long)now_ns);
    snprintf(b, sizeof b, "%zu", max);
    const char *p[] = {a, b};
    PGresult *r = NULL;
    *n = 0;
    int rc = read_rows(s,
                       "SELECT ts FROM pending WHERE status = 1 AND expires_at IS NOT NULL"
                       " AND expires_at <= $1 ORDER BY expires_at LIMIT $2",
                       2, p, &r, "finding due pending transfers");
    if (rc) return rc;
    for (int i = 0; i < PQntuples(r) && *n < max; i++)
        ts_out[(*n)++] = fb__pg_int(r, i, 0);
    PQclear(r);
    return FB_OK;
}

int fb__pg_failed_id_get(fb_store *s, const char *id, bool *found) {
    const char *p[] = {id};
    PGresult *r = NULL;
    int rc = read_rows(s, "SELECT 1 FROM failed_ids WHERE id = $1", 1, p, &r, "reading failed ids");
    if (rc) return rc;
    *found = PQntuples(r) > 0;
    PQclear(r);
    return FB_OK;
}

/* Every account in id order, in one snapshot (a read transaction of its own outside one). */
int fb__pg_accounts_each(fb_store *s, fb_account_fn *fn, void *ctx) {
    bool own = !s->pg->in_tx;
    int rc = own ? fb__pg_begin_read(s) : FB_OK;
    PGresult *r = NULL;
    if (rc == FB_OK)
        rc = read_rows(s, ACCOUNT_COLS " ORDER BY id", 0, NULL, &r, "listing accounts");
    int stop = 0;
    for (int i = 0; rc == FB_OK && !stop && i < PQntuples(r); i++) {
        fb_account a;
        int64_t key = 0;
        read_account(r, i, &a, &key);
        stop = fn(ctx, &a);
    }
    PQclear(r);
    if (own) fb__pg_rollback(s);
    return rc ? rc : stop;
}

/* ---- Queries ------------------------------------------------------------------------------ */

/* The query's parameters: $1 the account, $2..$3 the times, $4 the limit, $5..$6 the dates. */
static void query_params(int64_t key, const fb_query *q, char v[6][24]) {
    snprintf(v[0], 24, "%lld", (long long)key);
    snprintf(v[1], 24, "%lld", (long long)q->from_ns);
    snprintf(v[2], 24, "%lld", (long long)(q->to_ns ? q->to_ns : INT64_MAX));
    snprintf(v[3], 24, "%u", (unsigned)q->limit);
    snprintf(v[4], 24, "%d", q->from_date ? q->from_date : INT32_MIN);
    snprintf(v[5], 24, "%d", q->to_date ? q->to_date : INT32_MAX);
}

/* One side's transfers of the account in the ranges, in time order, each side on its index. */
static void side_sql(char *dst, size_t cap, const char *column, const fb_query *q) {
    snprintf(dst, cap,
             "(%s WHERE t.%s = $1 AND t.ts BETWEEN $2 AND $3 AND t.value_date BETWEEN $5 AND $6"
             " ORDER BY t.ts %s LIMIT $4)",
             TRANSFER_COLS, column, q->reverse ? "DESC" : "ASC");
}

int fb__pg_account_transfers(fb_store *s, int64_t account_key, const fb_query *q, fb_transfer *out,
                             size_t *count) {
    FB_ASSERT(q->limit >= 1 && q->limit <= FB_QUERY_LIMIT_MAX);
    *count = 0;
    bool debits = q->debits || !q->credits, credits = q->credits || !q->debits;
    char d[1200] = "", c[1200] = "", sql[2600];
    if (debits) side_sql(d, sizeof d, "debit_account", q);
    if (credits) side_sql(c, sizeof c, "credit_account", q);
    snprintf(sql, sizeof sql, "SELECT * FROM (%s%s%s) x ORDER BY 1 %s LIMIT $4", d,
             debits && credits ? " UNION ALL " : "", c, q->reverse ? "DESC" : "ASC");
    char v[6][24];
    query_params(account_key, q, v);
    const char *p[] = {v[0], v[1], v[2], v[3], v[4], v[5]};
    PGresult *r = NULL;
    int rc = read_rows(s, sql, 6, p, &r, "querying transfers");
    if (rc) return rc;
    for (int i = 0; i < PQntuples(r) && *count < q->limit; i++) {
        fb_stored_transfer st;
        read_transfer(r, i, &st);
        out[(*count)++] = st.t;
    }
    PQclear(r);
    return FB_OK;
}

static void read_balance(const PGresult *r, int i, fb_balance *b) {
    b->timestamp_ns = fb__pg_int(r, i, 0);
    b->debits_pending_fen = fb__pg_int(r, i, 1);
    b->debits_posted_fen = fb__pg_int(r, i, 2);
    b->credits_pending_fen = fb__pg_int(r, i, 3);
    b->credits_posted_fen = fb__pg_int(r, i, 4);
    b->value_date = (int32_t)fb__pg_int(r, i, 5);
}

int fb__pg_account_balances(fb_store *s, int64_t account_key, const fb_query *q, fb_balance *out,
                            size_t *count) {
    FB_ASSERT(q->limit >= 1 && q->limit <= FB_QUERY_LIMIT_MAX);
    *count = 0;
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT ts, debits_pending, debits_posted, credits_pending, credits_posted,"
             " value_date FROM balances WHERE account = $1 AND ts BETWEEN $2 AND $3"
             " AND value_date BETWEEN $5 AND $6 ORDER BY ts %s LIMIT $4",
             q->reverse ? "DESC" : "ASC");
    char v[6][24];
    query_params(account_key, q, v);
    const char *p[] = {v[0], v[1], v[2], v[3], v[4], v[5]};
    PGresult *r = NULL;
    int rc = read_rows(s, sql, 6, p, &r, "querying balances");
    if (rc) return rc;
    for (int i = 0; i < PQntuples(r) && *count < q->limit; i++)
        read_balance(r, i, &out[(*count)++]);
    PQclear(r);
    return FB_OK;
}

/* Each history row less the row before it is its event's change; the changes of the date and
 * before, summed, are the balances as of its end. */
int fb__pg_account_balance_on(fb_store *s, int64_t account_key, int32_t date, fb_balance *out) {
    FB_ASSERT(out != NULL && account_key > 0);
    char a[24], b[24];
    snprintf(a, sizeof a, "%lld", (long long)account_key);
    snprintf(b, sizeof b, "%d", date);
    const char *p[] = {a, b};
    PGresult *r = NULL;
    int rc = read_rows(
        s,
        "SELECT coalesce(max(ts), 0), coalesce(sum(dp), 0), coalesce(sum(dq), 0),"
        " coalesce(sum(cp), 0), coalesce(sum(cq), 0), $2::int FROM (SELECT ts, value_date,"
        " debits_pending - lag(debits_pending, 1, 0::bigint) OVER w AS dp,"
        " debits_posted - lag(debits_posted, 1, 0::bigint) OVER w AS dq,"
        " credits_pending - lag(credits_pending, 1, 0::bigint) OVER w AS cp,"
        " credits_posted - lag(credits_posted, 1, 0::bigint) OVER w AS cq"
        " FROM balances WHERE account = $1 WINDOW w AS (ORDER BY ts)) x"
        " WHERE value_date <= $2::int",
        2, p, &r, "querying balances");
    if (rc) return rc;
    memset(out, 0, sizeof *out);
    if (PQntuples(r) == 1) read_balance(r, 0, out);
    PQclear(r);
    return FB_OK;
}
