/* ledger_queries.c — the ledger's queries: an account's transfers by time and value date (through
 * the runs of postings and value_days), its balance history, and its balances as of a value
 * date. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* Prepares a query of one account's balance history in a time and value-date range: ?1 the
 * account, ?2..?3 the times, ?4 the limit, ?5..?6 the dates. The caller finalizes *st. */
static int prepare_range(fb_store *s, const char *text, int64_t account_key, const fb_query *q,
                         sqlite3_stmt **st) {
    int rc = sqlite3_prepare_v2(s->db, text, -1, st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "preparing a query");
    sqlite3_bind_int64(*st, 1, account_key);
    sqlite3_bind_int64(*st, 2, q->from_ns);
    sqlite3_bind_int64(*st, 3, q->to_ns ? q->to_ns : INT64_MAX);
    sqlite3_bind_int64(*st, 4, q->limit);
    sqlite3_bind_int64(*st, 5, q->from_date ? q->from_date : INT32_MIN);
    sqlite3_bind_int64(*st, 6, q->to_date ? q->to_date : INT32_MAX);
    return FB_OK;
}

/* The sequence numbers of the first and last transfers that can be in the query's ranges: those of
 * its time range, narrowed by value_days to those of its value dates; *lo > *hi when there are
 * none. Work: three index seeks, and a scan of the value dates in range. */
static int seq_range(fb_store *s, const fb_query *q, int64_t *lo, int64_t *hi) {
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db,
                           "SELECT (SELECT seq FROM transfers WHERE ts >= ?1 ORDER BY ts LIMIT 1),"
                           " (SELECT seq FROM transfers WHERE ts <= ?2 ORDER BY ts DESC LIMIT 1),"
                           " (SELECT min(first_seq) FROM value_days WHERE date BETWEEN ?3 AND ?4),"
                           " (SELECT max(last_seq) FROM value_days WHERE date BETWEEN ?3 AND ?4)",
                           -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "querying transfers");
    sqlite3_bind_int64(st, 1, q->from_ns);
    sqlite3_bind_int64(st, 2, q->to_ns ? q->to_ns : INT64_MAX);
    sqlite3_bind_int64(st, 3, q->from_date ? q->from_date : INT32_MIN);
    sqlite3_bind_int64(st, 4, q->to_date ? q->to_date : INT32_MAX);
    rc = sqlite3_step(st);
    *lo = 1;
    *hi = 0;
    bool found = rc == SQLITE_ROW;
    for (int c = 0; found && c < 4; c++)
        found = sqlite3_column_type(st, c) != SQLITE_NULL;
    if (found) {
        int64_t a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 2);
        int64_t y = sqlite3_column_int64(st, 1), z = sqlite3_column_int64(st, 3);
        *lo = a > b ? a : b;
        *hi = y < z ? y : z;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "querying transfers");
}

/* Walks the runs of postings the range covers, newest first when reversed, collecting up to
 * q->limit transfers. Work: one index seek per run, plus the rows returned. */
int fb__store_account_transfers(fb_store *s, int64_t account_key, const fb_query *q,
                                fb_transfer *out, size_t *count) {
    if (s->pg) return fb__pg_account_transfers(s, account_key, q, out, count);
    FB_ASSERT(q->limit >= 1 && q->limit <= FB_QUERY_LIMIT_MAX);
    *count = 0;
    int64_t lo = 0, hi = 0;
    int rc = seq_range(s, q, &lo, &hi);
    if (rc || lo > hi) return rc;
    bool debits = q->debits || !q->credits;
    bool credits = q->credits || !q->debits;
    const char *side = debits && credits ? ""
                       : debits          ? " AND t.debit_account = ?3"
                                         : " AND t.credit_account = ?3";
    const char *dates = q->from_date || q->to_date ? " AND t.value_date BETWEEN ?5 AND ?6" : "";
    char text[1024];
    snprintf(text, sizeof text,
             "SELECT t.ts, t.id, d.id, c.id, t.amount, p.id, t.ledger, t.code, t.flags,"
             " t.timeout, t.user_data, t.debit_account, t.credit_account, t.pending, s.status,"
             " s.expires_at, t.value_date FROM postings x"
             " JOIN transfers t ON t.seq = ((x.k >> 40) << %d) | (x.k & %d)"
             " JOIN accounts d ON d.key = t.debit_account"
             " JOIN accounts c ON c.key = t.credit_account"
             " LEFT JOIN transfers p ON p.ts = t.pending LEFT JOIN pending s ON s.ts = t.ts"
             " WHERE x.k BETWEEN ?1 AND ?2%s%s ORDER BY x.k %s LIMIT ?4",
             FB_POSTING_RUN_BITS, (1 << FB_POSTING_RUN_BITS) - 1, side, dates,
             q->reverse ? "DESC" : "ASC");
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db, text, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "querying transfers");
    const int64_t low_mask = (1 << FB_POSTING_RUN_BITS) - 1;
    int64_t run_lo = lo >> FB_POSTING_RUN_BITS, run_hi = hi >> FB_POSTING_RUN_BITS;
    size_t n = 0;
    int err = FB_OK;
    for (int64_t i = 0; i <= run_hi - run_lo && n < q->limit && err == FB_OK; i++) {
        int64_t run = q->reverse ? run_hi - i : run_lo + i;
        int64_t first = run == run_lo ? lo : run << FB_POSTING_RUN_BITS;
        int64_t last = run == run_hi ? hi : (run << FB_POSTING_RUN_BITS) | low_mask;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, fb__posting_key(first, account_key));
        sqlite3_bind_int64(st, 2, fb__posting_key(last, account_key));
        sqlite3_bind_int64(st, 3, account_key);
        sqlite3_bind_int64(st, 4, (int64_t)(q->limit - n));
        sqlite3_bind_int64(st, 5, q->from_date ? q->from_date : INT32_MIN);
        sqlite3_bind_int64(st, 6, q->to_date ? q->to_date : INT32_MAX);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            FB_ASSERT(n < q->limit);
            fb_stored_transfer stt;
            fb__store_read_transfer(st, &stt);
            out[n++] = stt.t;
        }
        if (rc != SQLITE_DONE) err = fb__store_fail(s, rc, "querying transfers");
    }
    sqlite3_finalize(st);
    *count = n;
    return err;
}

static void read_balance(sqlite3_stmt *st, fb_balance *out) {
    out->timestamp_ns = sqlite3_column_int64(st, 0);
    out->debits_pending_fen = sqlite3_column_int64(st, 1);
    out->debits_posted_fen = sqlite3_column_int64(st, 2);
    out->credits_pending_fen = sqlite3_column_int64(st, 3);
    out->credits_posted_fen = sqlite3_column_int64(st, 4);
    out->value_date = (int32_t)sqlite3_column_int64(st, 5);
}

int fb__store_account_balances(fb_store *s, int64_t account_key, const fb_query *q, fb_balance *out,
                               size_t *count) {
    if (s->pg) return fb__pg_account_balances(s, account_key, q, out, count);
    FB_ASSERT(q->limit >= 1 && q->limit <= FB_QUERY_LIMIT_MAX);
    char text[320];
    snprintf(text, sizeof text,
             "SELECT ts, debits_pending, debits_posted, credits_pending, credits_posted,"
             " value_date FROM balances WHERE account = ?1 AND ts >= ?2 AND ts <= ?3%s"
             " ORDER BY ts %s LIMIT ?4",
             q->from_date || q->to_date ? " AND value_date BETWEEN ?5 AND ?6" : "",
             q->reverse ? "DESC" : "ASC");
    sqlite3_stmt *st = NULL;
    int rc = prepare_range(s, text, account_key, q, &st);
    if (rc) return rc;
    size_t n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        FB_ASSERT(n < q->limit);
        read_balance(st, &out[n++]);
    }
    int err = rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "querying balances");
    sqlite3_finalize(st);
    *count = n;
    return err;
}

/* Each history row less the row before it is its event's change; the changes of the events of the
 * date and before, summed, are the balances as of its end, in whatever order they came. */
int fb__store_account_balance_on(fb_store *s, int64_t account_key, int32_t date, fb_balance *out) {
    if (s->pg) return fb__pg_account_balance_on(s, account_key, date, out);
    FB_ASSERT(out != NULL && account_key > 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT coalesce(max(ts), 0), coalesce(sum(dp), 0), coalesce(sum(dq), 0),"
        " coalesce(sum(cp), 0), coalesce(sum(cq), 0), ?2 FROM (SELECT ts, value_date,"
        " debits_pending - lag(debits_pending, 1, 0) OVER w AS dp,"
        " debits_posted - lag(debits_posted, 1, 0) OVER w AS dq,"
        " credits_pending - lag(credits_pending, 1, 0) OVER w AS cp,"
        " credits_posted - lag(credits_posted, 1, 0) OVER w AS cq"
        " FROM balances WHERE account = ?1 WINDOW w AS (ORDER BY ts)) WHERE value_date <= ?2",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "querying balances");
    sqlite3_bind_int64(st, 1, account_key);
    sqlite3_bind_int64(st, 2, date);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_balance(st, out);
    int err = rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "querying balances");
    sqlite3_finalize(st);
    FB_ASSERT(err != FB_OK || out->value_date == date);
    return err;
}
