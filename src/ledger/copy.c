/* copy.c — a book's ledger copied between backends (fb_ledger_copy, `finbridge copy`): the way a
 * bank moves from the embedded default (SQLite) to its cluster (PostgreSQL), and back.
 *
 * The source is read in one read transaction (a snapshot), table by table in the order the
 * ledger's own batches write (fb__store_copy_rows); the destination is written in one write
 * transaction through the store's batch calls, the same as the ledger's (on PostgreSQL the rows
 * of FB_COPY_BATCH at a time reach the server as one array statement per table), with the keys,
 * sequence numbers and timestamps the source has: keys are dense in both (verify proves it), so
 * written in key order they come out the same, and the copy checks each. An account is inserted
 * with its flags as created and then given its flags now, so that the chain (SQLite) seals what
 * verify recomputes; the whole copy is one seal. All or nothing: a failure rolls the destination
 * back to the empty book it was. Then it is verified and read back against the source. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/assert.h"
#include "store/ledger_rows.h"

typedef struct {
    fb_store *dst;
    fb_copy_stats *stats;
    int64_t unflushed; /* rows written since the destination's batch was last written */
    bool in_put;       /* a failure inside fn is the destination's */
    bool src_failed;   /* the failure was reading the source */
    char *err;
    size_t cap;
} writer;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int written(writer *w) {
    if (++w->unflushed < FB_COPY_BATCH) return FB_OK;
    w->unflushed = 0;
    return fb__store_transfers_written(w->dst);
}

static int put_account(void *ctx, const fb__copy_row *r) {
    writer *w = ctx;
    w->in_put = true;
    fb_account a = r->a;
    a.flags = r->created_flags;
    int64_t key = 0;
    int rc = fb__store_account_insert(w->dst, &a, &key);
    if (rc == FB_OK && key != r->key) {
        snprintf(w->err, w->cap,
                 "account %s has key %lld in the source and would have %lld in the destination:"
                 " the source's keys are not dense (run verify on it)",
                 a.id, (long long)r->key, (long long)key);
        return FB_ECORRUPT;
    }
    if (rc == FB_OK && a.flags != r->a.flags) rc = fb__store_account_update(w->dst, key, &r->a);
    w->stats->accounts++;
    return rc ? rc : written(w);
}

static int put_transfer(void *ctx, const fb__copy_row *r) {
    writer *w = ctx;
    w->in_put = true;
    FB_ASSERT(r->key > 0 && r->st.t.timestamp_ns > 0);
    int64_t next = w->stats->transfers + 1; /* the destination numbers them 1, 2, ... */
    if (r->key != next) {
        snprintf(w->err, w->cap,
                 "transfer %s has sequence number %lld in the source and would have %lld in the"
                 " destination: the source's sequence numbers are not dense (run verify on it)",
                 r->st.t.id, (long long)r->key, (long long)next);
        return FB_ECORRUPT;
    }
    int rc = fb__store_transfer_insert(w->dst, &r->st);
    bool pending = (r->st.t.flags & FB_TRANSFER_PENDING) != 0;
    FB_ASSERT(!pending || r->st.pending_status != FB_PENDING_NONE);
    if (rc == FB_OK && pending && r->st.pending_status != FB_PENDING_PENDING) {
        rc = fb__store_pending_resolve(w->dst, r->st.t.timestamp_ns,
                                       (fb_pending_status)r->st.pending_status, r->resolved_ns);
        w->stats->pending_resolved++;
    }
    w->stats->transfers++;
    return rc ? rc : written(w);
}

static int put_balance(void *ctx, const fb__copy_row *r) {
    writer *w = ctx;
    w->in_put = true;
    int rc = fb__store_balance_insert(w->dst, r->key, &r->b);
    w->stats->balances++;
    return rc ? rc : written(w);
}

static int put_failed(void *ctx, const fb__copy_row *r) {
    writer *w = ctx;
    w->in_put = true;
    int rc =
        fb__store_failed_id_insert(w->dst, r->failed_id, r->failed_ts, (fb_result)r->failed_result);
    w->stats->failed_ids++;
    return rc ? rc : written(w);
}

static int any_row(void *ctx, const fb__copy_row *r) {
    (void)r;
    *(bool *)ctx = true;
    return FB_EINVAL; /* one is enough */
}

/* The destination holds nothing of a ledger: no timestamp handed out, no account. */
static int check_empty(fb_store *dst, const char *to, char *err, size_t cap) {
    int64_t last = 0;
    bool any = false;
    int rc = fb__store_last_timestamp(dst, &last);
    if (rc == FB_OK) rc = fb__store_copy_rows(dst, FB__COPY_ACCOUNTS, any_row, &any);
    if (rc == FB_EINVAL && any) rc = FB_OK;
    if (rc) return rc;
    if (last == 0 && !any) return FB_OK;
    snprintf(err, cap,
             "--to %s: the destination book is not empty (%s, last timestamp %lld): copy writes"
             " only into a new or empty book",
             to, any ? "it holds accounts" : "no accounts", (long long)last);
    return FB_EINVAL;
}

static fb__copy_fn *const put_fns[FB__COPY_KINDS_] = {put_account, put_transfer, put_balance,
                                                      put_failed};

/* Writes every row and the book's marks inside the destination's write transaction. */
static int write_all(fb_store *src, writer *w) {
    int64_t last = 0;
    int32_t day = 0;
    int rc = fb__store_last_timestamp(src, &last);
    if (rc == FB_OK) rc = fb__store_business_date(src, &day);
    w->src_failed = rc != FB_OK;
    fb__store_chain_reset(w->dst);
    for (int k = 0; rc == FB_OK && k < FB__COPY_KINDS_; k++) {
        w->in_put = false;
        rc = fb__store_copy_rows(src, (fb__copy_kind)k, put_fns[k], w);
        w->src_failed = rc != FB_OK && !w->in_put;
        if (rc == FB_OK) rc = fb__store_transfers_written(w->dst);
        w->unflushed = 0;
    }
    if (rc == FB_OK) { /* the parties (their deposit accounts are the ledger's, written above) */
        rc = fb__store_copy_records(src, w->dst, &w->stats->records, &w->src_failed);
    }
    if (rc == FB_OK) rc = fb__store_balances_mark(w->dst); /* every balance written in full */
    if (rc == FB_OK) rc = fb__store_set_last_timestamp(w->dst, last);
    if (rc == FB_OK && day > 0) rc = fb__store_set_business_date(w->dst, day);
    if (rc == FB_OK) rc = fb__store_chain_seal(w->dst, last);
    return rc;
}

/* ---- Reading back: a digest of every row of each table, on each side ---------------------- */

typedef struct {
    fb__copy_kind kind;
    crypto_generichash_state h;
    int64_t rows;
} digest;

static void put_i64(digest *d, int64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    crypto_generichash_update(&d->h, b, sizeof b);
}

static void put_text(digest *d, const char *t) {
    size_t n = strlen(t);
    put_i64(d, (int64_t)n);
    crypto_generichash_update(&d->h, (const unsigned char *)t, n);
}

static void put_ints(digest *d, const int64_t *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        put_i64(d, v[i]);
}

static int digest_row(void *ctx, const fb__copy_row *r) {
    digest *d = ctx;
    d->rows++;
    const fb_account *a = &r->a;
    const fb_stored_transfer *st = &r->st;
    const fb_balance *b = &r->b;
    if (d->kind == FB__COPY_ACCOUNTS) {
        const int64_t v[] = {r->key,
                             a->timestamp_ns,
                             a->ledger,
                             a->code,
                             a->flags,
                             r->created_flags,
                             a->debits_pending_fen,
                             a->debits_posted_fen,
                             a->credits_pending_fen,
                             a->credits_posted_fen};
        put_ints(d, v, sizeof v / sizeof v[0]);
        put_text(d, a->id);
        put_text(d, a->user_data);
    } else if (d->kind == FB__COPY_TRANSFERS) {
        const int64_t v[] = {r->key,
                             st->t.timestamp_ns,
                             st->debit_key,
                             st->credit_key,
                             st->t.amount_fen,
                             st->pending_ts,
                             st->t.ledger,
                             st->t.code,
                             st->t.flags,
                             st->t.timeout_s,
                             st->t.value_date,
                             st->pending_status,
                             st->expires_at_ns,
                             r->resolved_ns};
        put_ints(d, v, sizeof v / sizeof v[0]);
        put_text(d, st->t.id);
        put_text(d, st->t.user_data);
    } else if (d->kind == FB__COPY_BALANCES) {
        const int64_t v[] = {r->key,
                             b->timestamp_ns,
                             b->debits_pending_fen,
                             b->debits_posted_fen,
                             b->credits_pending_fen,
                             b->credits_posted_fen,
                             b->value_date};
        put_ints(d, v, sizeof v / sizeof v[0]);
    } else {
        const int64_t v[] = {r->failed_ts, r->failed_result};
        put_ints(d, v, 2);
        put_text(d, r->failed_id);
    }
    return FB_OK;
}

static int digest_of(fb_store *s, fb__copy_kind kind, int64_t *rows, unsigned char *out) {
    digest d = {.kind = kind};
    crypto_generichash_init(&d.h, NULL, 0, 32);
    int rc = fb__store_copy_rows(s, kind, digest_row, &d);
    crypto_generichash_final(&d.h, out, 32);
    *rows = d.rows;
    return rc;
}

static const char *const kind_noun[FB__COPY_KINDS_] = {"accounts", "transfers",
                                                       "balance history rows", "failed ids"};

/* Each table of the two read in one snapshot each, compared by count and digest. */
static int compare(fb_store *src, fb_store *dst, fb_report_fn *report, void *ctx,
                   uint64_t *mismatches) {
    int rc = fb__store_begin_read(src);
    if (rc) return rc;
    rc = fb__store_begin_read(dst);
    if (rc) {
        fb__store_rollback(src);
        return rc;
    }
    for (int k = 0; rc == FB_OK && k < FB__COPY_KINDS_; k++) {
        unsigned char a[32], b[32];
        int64_t na = 0, nb = 0;
        rc = digest_of(src, (fb__copy_kind)k, &na, a);
        if (rc == FB_OK) rc = digest_of(dst, (fb__copy_kind)k, &nb, b);
        if (rc || (na == nb && sodium_memcmp(a, b, sizeof a) == 0)) continue;
        char line[200];
        snprintf(line, sizeof line,
                 "copy: the %s differ: %lld in the source, %lld in the destination%s", kind_noun[k],
                 (long long)na, (long long)nb, na == nb ? ", and their contents" : "");
        if (report) report(ctx, line);
        (*mismatches)++;
    }
    unsigned char a[32], b[32];
    int64_t na = 0, nb = 0;
    if (rc == FB_OK) rc = fb__store_records_digest(src, &na, a);
    if (rc == FB_OK) rc = fb__store_records_digest(dst, &nb, b);
    if (rc == FB_OK && (na != nb || sodium_memcmp(a, b, sizeof a) != 0)) {
        char line[200];
        snprintf(line, sizeof line,
                 "copy: the book's records (parties) differ: %lld in the source, %lld in the"
                 " destination%s",
                 (long long)na, (long long)nb, na == nb ? ", and their contents" : "");
        if (report) report(ctx, line);
        (*mismatches)++;
    }
    fb__store_rollback(dst);
    fb__store_rollback(src);
    return rc;
}

/* ---- The copy ----------------------------------------------------------------------------- */

static int fail_with(int rc, fb_store *s, const char *side, char *err, size_t cap) {
    if (err[0] == '\0') snprintf(err, cap, "%s: %s", side, s ? fb__store_errmsg(s) : "");
    return rc;
}

/* The source holds the ledger alone: the copy would leave anything else behind. */
static int check_source(fb_store *src, char *err, size_t cap) {
    char what[120];
    int64_t foreign = 0;
    int rc = fb__store_begin_read(src);
    if (rc == FB_OK) rc = fb__store_copy_foreign(src, what, sizeof what, &foreign);
    fb__store_rollback(src);
    if (rc) return fail_with(rc, src, "reading the source", err, cap);
    if (foreign == 0) return FB_OK;
    snprintf(err, cap,
             "--from: the source book holds %lld records besides its ledger (%s, ...): copy"
             " moves the ledger and the parties only (a book on PostgreSQL holds nothing else"
             " yet)",
             (long long)foreign, what);
    return FB_ENOTSUP;
}

static int copy_rows(fb_store *src, fb_store *dst, const char *to, fb_copy_stats *stats, char *err,
                     size_t cap) {
    int rc = fb__store_begin_read(src);
    if (rc) return fail_with(rc, src, "reading the source", err, cap);
    rc = fb__store_begin_write(dst);
    if (rc == FB_OK) rc = check_empty(dst, to, err, cap);
    writer w = {.dst = dst, .stats = stats, .err = err, .cap = cap};
    if (rc == FB_OK) rc = write_all(src, &w);
    if (rc == FB_OK) rc = fb__store_commit(dst);
    if (rc) {
        fb__store_rollback(dst);
        fb__store_rollback(src);
        if (w.src_failed) return fail_with(rc, src, "reading the source", err, cap);
        return fail_with(rc, dst, "writing the destination (nothing of it kept)", err, cap);
    }
    fb__store_rollback(src);
    return FB_OK;
}

int fb_ledger_copy(const char *from, const char *to, fb_report_fn *report, void *ctx,
                   fb_copy_stats *stats, char *err, size_t cap) {
    FB_ASSERT(from != NULL && to != NULL && stats != NULL);
    FB_ASSERT(err != NULL && cap > 0);
    memset(stats, 0, sizeof *stats);
    err[0] = '\0';
    if (strcmp(from, to) == 0) {
        snprintf(err, cap, "--from and --to name the same book (%s)", from);
        return FB_EINVAL;
    }
    fb_store *src = NULL, *dst = NULL;
    char why[256];
    int rc = fb__store_open(from, FB_OPEN_READONLY, 0, &src, why, sizeof why);
    if (rc) return snprintf(err, cap, "--from %s: %s", from, why), rc;
    rc = check_source(src, err, cap);
    if (rc == FB_OK) rc = fb__store_open(to, FB_OPEN_CREATE, 0, &dst, why, sizeof why);
    if (rc) {
        if (err[0] == '\0') snprintf(err, cap, "--to %s: %s", to, why);
        fb__store_close(src);
        return rc;
    }
    int64_t t0 = now_ns();
    rc = copy_rows(src, dst, to, stats, err, cap);
    int64_t t1 = now_ns();
    stats->write_ns = t1 - t0;
    if (rc == FB_OK) rc = fb__store_verify(dst, report, ctx, &stats->verify_failures);
    if (rc == FB_OK) rc = compare(src, dst, report, ctx, &stats->mismatches);
    if (rc && err[0] == '\0') fail_with(rc, dst, "checking the copy", err, cap);
    stats->check_ns = now_ns() - t1;
    fb__store_close(dst);
    fb__store_close(src);
    return rc;
}
