/* chain.c — checksums chained over the rows that carry money (docs/ledger.md, "The chain").
 *
 * The ledger: each committed batch that created accounts, transfers or balance history rows
 * seals them in a row of ledger_chain, keyed by the batch's last timestamp:
 *   hash = BLAKE2b-256(rows of the batch || previous row's hash || last timestamp || row count)
 * The rows are fed as they are inserted, from the values bound to the insert (no read back, no
 * statement per row): accounts in key order (their identity: key, timestamp, id, ledger, code,
 * flags as created, user_data), then transfers in sequence order (every column), then balance
 * history rows in (timestamp, account) order (every column). Timestamps are unique and
 * increasing across a batch, so a batch's rows are exactly those with timestamps after the
 * previous seal's and at or before its own, and verify recomputes every seal in one ordered pass
 * over the three tables.
 *
 * The loan book: each repayment row carries its own hash, chained per loan in repayment order:
 *   chain = BLAKE2b-256(previous repayment's chain, or 32 zero bytes || the row's columns)
 * computed by the SQL function fb_repayment_link in the insert itself. */
#include <string.h>

#include "core/assert.h"
#include "store/checksums.h"
#include "store/pg.h"
#include "store/sqlite_internal.h"

enum {
    TAG_ACCOUNT = FB__CHAIN_ACCOUNT,
    TAG_TRANSFER = FB__CHAIN_TRANSFER,
    TAG_BALANCE = FB__CHAIN_BALANCE,
    TAG_REPAYMENT = 'R'
};

/* Integers little-endian, texts with their length first: one encoding on every machine. */
static void put_i64(crypto_generichash_state *h, int64_t v) {
    unsigned char b[8];
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(u >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

static void put_text(crypto_generichash_state *h, const char *text) {
    size_t n = text ? strlen(text) : 0;
    put_i64(h, (int64_t)n);
    if (n) crypto_generichash_update(h, (const unsigned char *)text, n);
}

/* One record: its tag, its integers, its texts (NULL and "" are the same: the store writes "" as
 * NULL). */
static void put_record(crypto_generichash_state *h, int tag, const int64_t *ints, size_t n_ints,
                       const char *const *texts, size_t n_texts) {
    unsigned char t = (unsigned char)tag;
    crypto_generichash_update(h, &t, 1);
    for (size_t i = 0; i < n_ints; i++)
        put_i64(h, ints[i]);
    for (size_t i = 0; i < n_texts; i++)
        put_text(h, texts[i]);
}

static void chain_start(fb_store *s) {
    if (s->chain_open) return;
    crypto_generichash_init(&s->chain, NULL, 0, FB__CHAIN_HASH_BYTES);
    s->chain_open = true;
    s->chain_rows = 0;
}

void fb__store_chain_reset(fb_store *s) {
    FB_ASSERT(s != NULL);
    s->chain_open = false;
    s->chain_rows = 0;
}

void fb__chain_account(fb_store *s, int64_t key, const fb_account *a) {
    FB_ASSERT(s != NULL && a != NULL && key > 0);
    chain_start(s);
    const int64_t ints[] = {key, a->timestamp_ns, a->ledger, a->code, (int64_t)a->flags};
    const char *texts[] = {a->id, a->user_data};
    put_record(&s->chain, TAG_ACCOUNT, ints, 5, texts, 2);
    s->chain_rows++;
}

void fb__chain_transfer(fb_store *s, int64_t seq, const fb_stored_transfer *st) {
    FB_ASSERT(s != NULL && st != NULL && seq > 0);
    chain_start(s);
    const fb_transfer *t = &st->t;
    const int64_t ints[] = {seq,           t->timestamp_ns, st->debit_key, st->credit_key,
                            t->amount_fen, st->pending_ts,  t->ledger,     t->code,
                            t->flags,      t->timeout_s,    t->value_date};
    const char *texts[] = {t->id, t->user_data};
    put_record(&s->chain, TAG_TRANSFER, ints, 11, texts, 2);
    s->chain_rows++;
}

void fb__chain_balance(fb_store *s, int64_t account_key, const fb_balance *b) {
    FB_ASSERT(s != NULL && b != NULL && account_key > 0);
    chain_start(s);
    const int64_t ints[] = {account_key,          b->timestamp_ns,        b->debits_pending_fen,
                            b->debits_posted_fen, b->credits_pending_fen, b->credits_posted_fen,
                            b->value_date};
    put_record(&s->chain, TAG_BALANCE, ints, 7, NULL, 0);
    s->chain_rows++;
}

/* The seal: the rows fed, then the previous seal's hash, the last timestamp and the count. */
static void seal(crypto_generichash_state *h, const unsigned char *prev, int64_t last_ts,
                 int64_t rows, unsigned char *out) {
    static const unsigned char zero[FB__CHAIN_HASH_BYTES];
    crypto_generichash_update(h, prev ? prev : zero, FB__CHAIN_HASH_BYTES);
    put_i64(h, last_ts);
    put_i64(h, rows);
    crypto_generichash_final(h, out, FB__CHAIN_HASH_BYTES);
}

void fb__chain_record(crypto_generichash_state *h, int tag, const int64_t *ints, size_t n_ints,
                      const char *const *texts, size_t n_texts) {
    put_record(h, tag, ints, n_ints, texts, n_texts);
}

void fb__chain_seal_value(crypto_generichash_state *h, const unsigned char *prev, int64_t last_ts,
                          int64_t rows, unsigned char *out) {
    seal(h, prev, last_ts, rows, out);
}

int fb__store_chain_seal(fb_store *s, int64_t last_ts) {
    FB_ASSERT(s != NULL && last_ts >= 0);
    if (s->pg) return fb__pg_chain_seal(s, last_ts);
    if (!s->chain_open || s->chain_rows == 0) return fb__store_chain_reset(s), FB_OK;
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_CHAIN_HEAD,
                                          "SELECT ts, hash FROM ledger_chain ORDER BY ts DESC"
                                          " LIMIT 1");
    if (!st) return FB_EIO;
    unsigned char prev[FB__CHAIN_HASH_BYTES], out[FB__CHAIN_HASH_BYTES];
    bool have = false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == FB__CHAIN_HASH_BYTES) {
        FB_ASSERT(sqlite3_column_int64(st, 0) < last_ts);
        memcpy(prev, sqlite3_column_blob(st, 1), sizeof prev);
        have = true;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fb__store_fail(s, rc, "reading the chain");
    seal(&s->chain, have ? prev : NULL, last_ts, s->chain_rows, out);
    st = fb__store_stmt_sql(s, STMT_CHAIN_INSERT, "INSERT INTO ledger_chain VALUES (?1, ?2, ?3)");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, last_ts);
    sqlite3_bind_int64(st, 2, s->chain_rows);
    sqlite3_bind_blob(st, 3, out, sizeof out, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    fb__store_chain_reset(s);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "sealing the batch");
}

/* ---- Recomputing: verify and the migration ---------------------------------------------- */

/* The three tables in the order a batch fed them, each a cursor one row ahead. */
typedef struct {
    sqlite3_stmt *st[3];
    bool more[3];
} cursors;

static const char *const cursor_sql[3] = {
    /* An account's flags as created: closed only when no standing closing transfer closed it
     * (an account is created closed, or closed by such a transfer). */
    "SELECT key, ts, ledger, code, flags & ~16 | CASE WHEN flags & 16 AND key NOT IN (SELECT"
    " CASE WHEN t.flags & 64 THEN t.debit_account ELSE t.credit_account END FROM transfers t JOIN"
    " pending p ON p.ts = t.ts WHERE p.status IN (1, 2) AND t.flags & 192) THEN 16 ELSE 0 END,"
    " id, user_data FROM accounts ORDER BY ts",
    "SELECT seq, ts, debit_account, credit_account, amount, coalesce(pending, 0), ledger, code,"
    " flags, timeout, value_date, id, user_data FROM transfers ORDER BY ts",
    "SELECT account, ts, debits_pending, debits_posted, credits_pending, credits_posted,"
    " value_date FROM balances ORDER BY ts, account"};
static const size_t cursor_ints[3] = {5, 11, 7}, cursor_texts[3] = {2, 2, 0};
static const int cursor_tag[3] = {TAG_ACCOUNT, TAG_TRANSFER, TAG_BALANCE};

static int cursors_open(fb_store *s, cursors *c) {
    memset(c, 0, sizeof *c);
    for (int k = 0; k < 3; k++) {
        int rc = sqlite3_prepare_v2(s->db, cursor_sql[k], -1, &c->st[k], NULL);
        if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the chained rows");
        rc = sqlite3_step(c->st[k]);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fb__store_fail(s, rc, "reading rows");
        c->more[k] = rc == SQLITE_ROW;
    }
    return FB_OK;
}

static void cursors_close(cursors *c) {
    for (int k = 0; k < 3; k++)
        sqlite3_finalize(c->st[k]);
}

/* Feeds every row of the three tables at or before last_ts, as the batch did. */
static int feed_through(fb_store *s, cursors *c, int64_t last_ts, crypto_generichash_state *h,
                        int64_t *rows) {
    for (int k = 0; k < 3; k++) {
        while (c->more[k] && sqlite3_column_int64(c->st[k], 1) <= last_ts) {
            int64_t ints[11];
            const char *texts[2];
            for (size_t i = 0; i < cursor_ints[k]; i++)
                ints[i] = sqlite3_column_int64(c->st[k], (int)i);
            for (size_t i = 0; i < cursor_texts[k]; i++)
                texts[i] = (const char *)sqlite3_column_text(c->st[k], (int)(cursor_ints[k] + i));
            put_record(h, cursor_tag[k], ints, cursor_ints[k], texts, cursor_texts[k]);
            (*rows)++;
            int rc = sqlite3_step(c->st[k]);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fb__store_fail(s, rc, "reading");
            c->more[k] = rc == SQLITE_ROW;
        }
    }
    return FB_OK;
}

static const char *const cursor_noun[3] = {"account", "transfer", "balance history row"};

/* Every seal recomputed from its rows and the seal before it; rows after the last seal. */
int fb__store_chain_verify(fb_store *s, fb__chain_fail_fn *fail, void *ctx, int64_t *seals) {
    FB_ASSERT(s != NULL && fail != NULL && seals != NULL);
    if (s->pg) return fb__pg_chain_verify(s, fail, ctx, seals);
    *seals = 0;
    cursors c;
    sqlite3_stmt *st = NULL;
    int rc = cursors_open(s, &c);
    if (rc == FB_OK && sqlite3_prepare_v2(s->db, "SELECT ts, n, hash FROM ledger_chain ORDER BY ts",
                                          -1, &st, NULL) != SQLITE_OK) {
        rc = fb__store_fail(s, sqlite3_errcode(s->db), "reading the chain");
    }
    unsigned char prev[FB__CHAIN_HASH_BYTES];
    bool have_prev = false;
    char line[300];
    while (rc == FB_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_DONE) break;
        if (src != SQLITE_ROW) {
            rc = fb__store_fail(s, src, "reading the chain");
            break;
        }
        int64_t last_ts = sqlite3_column_int64(st, 0), n = sqlite3_column_int64(st, 1), rows = 0;
        crypto_generichash_state h;
        crypto_generichash_init(&h, NULL, 0, FB__CHAIN_HASH_BYTES);
        rc = feed_through(s, &c, last_ts, &h, &rows);
        if (rc) break;
        unsigned char out[FB__CHAIN_HASH_BYTES];
        seal(&h, have_prev ? prev : NULL, last_ts, n, out);
        bool whole = sqlite3_column_bytes(st, 2) == FB__CHAIN_HASH_BYTES;
        if (!whole || rows != n || sodium_memcmp(out, sqlite3_column_blob(st, 2), sizeof out)) {
            snprintf(line, sizeof line,
                     "ledger chain: the batch sealed at timestamp %lld holds %lld rows, sealed with"
                     " %lld, and its checksum does not match: a row of it was changed, added,"
                     " removed or moved, or the seal itself",
                     (long long)last_ts, (long long)rows, (long long)n);
            fail(ctx, line);
        }
        have_prev = whole;
        if (whole) memcpy(prev, sqlite3_column_blob(st, 2), sizeof prev);
        (*seals)++;
    }
    for (int k = 0; rc == FB_OK && k < 3; k++) {
        if (!c.more[k]) continue;
        snprintf(line, sizeof line, "ledger chain: %s at timestamp %lld is in no sealed batch",
                 cursor_noun[k], (long long)sqlite3_column_int64(c.st[k], 1));
        fail(ctx, line);
    }
    sqlite3_finalize(st);
    cursors_close(&c);
    return rc;
}

/* fb_ledger_chain_genesis(last_ts): the seal of every row at or before last_ts as one batch,
 * with no seal before it (the migration that starts the chain of an existing book). */
static void genesis_fn(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    FB_ASSERT(argc == 1);
    fb_store *s = sqlite3_user_data(cx);
    int64_t last_ts = sqlite3_value_int64(argv[0]), rows = 0;
    cursors c;
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, FB__CHAIN_HASH_BYTES);
    int rc = cursors_open(s, &c);
    if (rc == FB_OK) rc = feed_through(s, &c, last_ts, &h, &rows);
    cursors_close(&c);
    if (rc) {
        sqlite3_result_error(cx, "cannot read the rows to chain", -1);
        return;
    }
    unsigned char out[FB__CHAIN_HASH_BYTES];
    seal(&h, NULL, last_ts, rows, out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

/* fb_repayment_link(prev, loan, k, kind, client_id, date, amount, penalty, interest, principal,
 * prepaid, prepay, created_at, off_balance): a repayment row's chain. */
static void repayment_fn(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    FB_ASSERT(argc == 14);
    static const int int_args[] = {1, 2, 5, 6, 7, 8, 9, 10, 12, 13}, text_args[] = {3, 4, 11};
    int64_t ints[10];
    const char *texts[3];
    for (size_t i = 0; i < 10; i++)
        ints[i] = sqlite3_value_int64(argv[int_args[i]]);
    for (size_t i = 0; i < 3; i++)
        texts[i] = (const char *)sqlite3_value_text(argv[text_args[i]]);
    static const unsigned char zero[FB__CHAIN_HASH_BYTES];
    const unsigned char *prev = zero;
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB &&
        sqlite3_value_bytes(argv[0]) == FB__CHAIN_HASH_BYTES) {
        prev = sqlite3_value_blob(argv[0]);
    }
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, FB__CHAIN_HASH_BYTES);
    crypto_generichash_update(&h, prev, FB__CHAIN_HASH_BYTES);
    put_record(&h, TAG_REPAYMENT, ints, 10, texts, 3);
    unsigned char out[FB__CHAIN_HASH_BYTES];
    crypto_generichash_final(&h, out, sizeof out);
    sqlite3_result_blob(cx, out, sizeof out, SQLITE_TRANSIENT);
}

int fb__store_chain_functions(fb_store *s) {
    FB_ASSERT(s != NULL && s->db != NULL);
    int rc = sqlite3_create_function_v2(s->db, "fb_ledger_chain_genesis", 1, SQLITE_UTF8, s,
                                        genesis_fn, NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_create_function_v2(s->db, "fb_repayment_link", 14,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, s, repayment_fn, NULL,
                                        NULL, NULL);
    }
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, "registering the chain's functions");
}
