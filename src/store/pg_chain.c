/* pg_chain.c — the ledger's chain on PostgreSQL (docs/ledger.md, "The chain"): each committed
 * batch seals its rows in ledger_chain with the value chain.c computes on SQLite, from the same
 * rows fed in the same order as they are buffered (pg_ledger.c); verify recomputes every seal in
 * one ordered pass over the three tables, read through cursors a few thousand rows a round trip.
 * And the cursors themselves. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/checksums.h"
#include "store/pg_internal.h"

/* ---- Cursors ------------------------------------------------------------------------------- */

int fb__pgcur_open(fb_store *s, fb__pgcur *c, const char *name, const char *sql) {
    FB_ASSERT(s->pg != NULL && s->pg->in_tx && strlen(name) < sizeof c->name);
    memset(c, 0, sizeof *c);
    c->s = s;
    snprintf(c->name, sizeof c->name, "%s", name);
    char head[64];
    snprintf(head, sizeof head, "DECLARE %s NO SCROLL CURSOR FOR ", name);
    size_t n = strlen(head) + strlen(sql) + 1;
    char *full = malloc(n);
    if (!full) return FB_ENOMEM;
    snprintf(full, n, "%s%s", head, sql);
    int rc = fb__pg_run(s, full, 0, NULL, "reading rows");
    free(full);
    c->row = -1;
    c->done = rc != FB_OK;
    return rc;
}

int fb__pgcur_next(fb__pgcur *c, bool *more) {
    FB_ASSERT(c != NULL && more != NULL);
    *more = false;
    if (c->done) return FB_OK;
    if (++c->row < c->n) return *more = true, FB_OK;
    PQclear(c->r);
    c->r = NULL;
    char sql[64];
    snprintf(sql, sizeof sql, "FETCH %d FROM %s", FB__PG_FETCH, c->name);
    int rc = fb__pg_exec(c->s, sql, 0, NULL, PGRES_TUPLES_OK, &c->r, "reading rows");
    if (rc) return c->done = true, rc;
    c->n = PQntuples(c->r);
    c->row = 0;
    c->done = c->n == 0;
    *more = !c->done;
    return FB_OK;
}

void fb__pgcur_close(fb__pgcur *c) {
    PQclear(c->r);
    c->r = NULL;
    if (c->s && c->s->pg->in_tx && c->s->pg->conn && PQstatus(c->s->pg->conn) == CONNECTION_OK) {
        char sql[48];
        snprintf(sql, sizeof sql, "CLOSE %s", c->name);
        PQclear(PQexec(c->s->pg->conn, sql));
    }
    c->s = NULL;
}

/* ---- Sealing ------------------------------------------------------------------------------- */

/* The last seal's hash; *have false when the chain is empty. */
static int chain_head(fb_store *s, int64_t *ts, unsigned char prev[32], bool *have) {
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, "SELECT ts, hash FROM ledger_chain ORDER BY ts DESC LIMIT 1", 0, NULL,
                         PGRES_TUPLES_OK, &r, "reading the chain");
    if (rc) return rc;
    *have = PQntuples(r) == 1 && fb__pg_unhex(PQgetvalue(r, 0, 1), prev, 32);
    *ts = *have ? fb__pg_int(r, 0, 0) : 0;
    PQclear(r);
    return FB_OK;
}

static int seal_insert(fb_store *s, int64_t last_ts, int64_t rows, const unsigned char out[32]) {
    char ts[24], n[24], hex[2 * 32 + 3];
    snprintf(ts, sizeof ts, "%lld", (long long)last_ts);
    snprintf(n, sizeof n, "%lld", (long long)rows);
    fb__pg_hex(out, 32, hex);
    const char *p[] = {ts, n, hex};
    return fb__pg_run(s, "INSERT INTO ledger_chain VALUES ($1, $2, $3::bytea)", 3, p,
                      "sealing the batch");
}

int fb__pg_chain_seal(fb_store *s, int64_t last_ts) {
    FB_ASSERT(s->pg != NULL && s->pg->in_tx && s->pg->write_tx);
    FB_ASSERT(last_ts >= 0);
    if (!s->chain_open || s->chain_rows == 0) return fb__store_chain_reset(s), FB_OK;
    unsigned char prev[32], out[32];
    int64_t head = 0;
    bool have = false;
    int rc = chain_head(s, &head, prev, &have);
    if (rc) return rc;
    FB_ASSERT(!have || head < last_ts);
    fb__chain_seal_value(&s->chain, have ? prev : NULL, last_ts, s->chain_rows, out);
    rc = seal_insert(s, last_ts, s->chain_rows, out);
    fb__store_chain_reset(s);
    return rc;
}

/* ---- Recomputing --------------------------------------------------------------------------- */

/* The three tables in the order a batch fed them (chain.c's, in PostgreSQL's dialect). */
static const char *const cursor_sql[3] = {
    "SELECT key, ts, ledger, code, (flags & ~16) | CASE WHEN flags & 16 != 0 AND key NOT IN"
    " (SELECT CASE WHEN t.flags & 64 != 0 THEN t.debit_account ELSE t.credit_account END FROM"
    " transfers t JOIN pending p ON p.ts = t.ts WHERE p.status IN (1, 2) AND t.flags & 192 != 0)"
    " THEN 16 ELSE 0 END, id, user_data FROM accounts ORDER BY ts",
    "SELECT seq, ts, debit_account, credit_account, amount, coalesce(pending, 0), ledger, code,"
    " flags, timeout, value_date, id, user_data FROM transfers ORDER BY ts",
    "SELECT account, ts, debits_pending, debits_posted, credits_pending, credits_posted,"
    " value_date FROM balances ORDER BY ts, account"};
static const size_t cursor_ints[3] = {5, 11, 7}, cursor_texts[3] = {2, 2, 0};
static const int cursor_tag[3] = {FB__CHAIN_ACCOUNT, FB__CHAIN_TRANSFER, FB__CHAIN_BALANCE};
static const char *const cursor_name[3] = {"fb_ch_a", "fb_ch_t", "fb_ch_b"};
static const char *const cursor_noun[3] = {"account", "transfer", "balance history row"};

typedef struct {
    fb__pgcur c[3];
    bool more[3];
} cursors;

static void cursors_close(cursors *k) {
    for (int i = 0; i < 3; i++)
        if (k->c[i].s) fb__pgcur_close(&k->c[i]);
}

static int cursors_open(fb_store *s, cursors *k) {
    memset(k, 0, sizeof *k);
    int rc = FB_OK;
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        rc = fb__pgcur_open(s, &k->c[i], cursor_name[i], cursor_sql[i]);
        if (rc == FB_OK) rc = fb__pgcur_next(&k->c[i], &k->more[i]);
    }
    if (rc) cursors_close(k);
    return rc;
}

/* Feeds every row of the three tables at or before last_ts, as the batch did. */
static int feed_through(cursors *k, int64_t last_ts, crypto_generichash_state *h, int64_t *rows) {
    for (int i = 0; i < 3; i++) {
        fb__pgcur *c = &k->c[i];
        while (k->more[i] && fb__pg_int(c->r, c->row, 1) <= last_ts) {
            int64_t ints[11];
            const char *texts[2];
            for (size_t j = 0; j < cursor_ints[i]; j++)
                ints[j] = fb__pg_int(c->r, c->row, (int)j);
            for (size_t j = 0; j < cursor_texts[i]; j++) {
                int col = (int)(cursor_ints[i] + j);
                texts[j] = PQgetisnull(c->r, c->row, col) ? NULL : PQgetvalue(c->r, c->row, col);
            }
            fb__chain_record(h, cursor_tag[i], ints, cursor_ints[i], texts, cursor_texts[i]);
            (*rows)++;
            int rc = fb__pgcur_next(c, &k->more[i]);
            if (rc) return rc;
        }
    }
    return FB_OK;
}

int fb__pg_chain_genesis(fb_store *s) {
    FB_ASSERT(s->pg != NULL && s->pg->in_tx && s->pg->write_tx);
    cursors k;
    int64_t rows = 0, last = s->pg->last_ts;
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    int rc = cursors_open(s, &k);
    if (rc == FB_OK) rc = feed_through(&k, INT64_MAX, &h, &rows);
    cursors_close(&k);
    if (rc || rows == 0) return rc;
    unsigned char out[32];
    fb__chain_seal_value(&h, NULL, last, rows, out);
    return seal_insert(s, last, rows, out);
}

/* Checks one seal against its rows; says when it does not hold. */
static void check_seal(const PGresult *r, int i, crypto_generichash_state *h, int64_t rows,
                       unsigned char prev[32], bool *have_prev, void (*fail)(void *, const char *),
                       void *ctx) {
    int64_t last_ts = fb__pg_int(r, i, 0), n = fb__pg_int(r, i, 1);
    unsigned char out[32], stored[32];
    fb__chain_seal_value(h, *have_prev ? prev : NULL, last_ts, n, out);
    bool whole = fb__pg_unhex(PQgetvalue(r, i, 2), stored, 32);
    if (!whole || rows != n || sodium_memcmp(out, stored, 32) != 0) {
        char line[300];
        snprintf(line, sizeof line,
                 "ledger chain: the batch sealed at timestamp %lld holds %lld rows, sealed with"
                 " %lld, and its checksum does not match: a row of it was changed, added,"
                 " removed or moved, or the seal itself",
                 (long long)last_ts, (long long)rows, (long long)n);
        fail(ctx, line);
    }
    *have_prev = whole;
    if (whole) memcpy(prev, stored, 32);
}

int fb__pg_chain_verify(fb_store *s, void (*fail)(void *, const char *), void *ctx,
                        int64_t *seals) {
    FB_ASSERT(s->pg != NULL && s->pg->in_tx);
    FB_ASSERT(fail != NULL && seals != NULL);
    *seals = 0;
    cursors k;
    fb__pgcur sc;
    int rc = cursors_open(s, &k);
    if (rc) return rc;
    rc = fb__pgcur_open(s, &sc, "fb_ch_s", "SELECT ts, n, hash FROM ledger_chain ORDER BY ts");
    unsigned char prev[32];
    bool have_prev = false, more = false;
    while (rc == FB_OK && (rc = fb__pgcur_next(&sc, &more)) == FB_OK && more) {
        int64_t rows = 0;
        crypto_generichash_state h;
        crypto_generichash_init(&h, NULL, 0, 32);
        rc = feed_through(&k, fb__pg_int(sc.r, sc.row, 0), &h, &rows);
        if (rc == FB_OK) check_seal(sc.r, sc.row, &h, rows, prev, &have_prev, fail, ctx);
        (*seals)++;
    }
    char line[300];
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        if (!k.more[i]) continue;
        snprintf(line, sizeof line, "ledger chain: %s at timestamp %lld is in no sealed batch",
                 cursor_noun[i], (long long)fb__pg_int(k.c[i].r, k.c[i].row, 1));
        fail(ctx, line);
    }
    if (sc.s) fb__pgcur_close(&sc);
    cursors_close(&k);
    return rc;
}
