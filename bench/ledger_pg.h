/* bench/ledger_pg.h — bench/ledger --db URI: the ledger on a PostgreSQL cluster (a loopback one
 * from scripts/pg-cluster.sh: every commit waits for a synchronous standby) against the ceiling of
 * the same rows written by the simplest array statements with no validation, in the same run.
 *
 * The ledger: a fresh book (database fb_bench_ledger), its accounts, then the transfers in batches
 * of FB_BATCH_MAX through fb_ledger_create_transfers. The ceiling: a fresh book of the same schema
 * (fb_bench_ceiling) and its accounts, then for each batch one transaction of three statements:
 * the transfers by INSERT ... SELECT FROM unnest, each touched account's balance by one UPDATE
 * ... FROM unnest of the batch's sums, the book's row. Included by bench/ledger.c. */
#include <libpq-fe.h>

/* The URI with its database renamed. */
static void pg_uri_db(char *out, size_t cap, const char *uri, const char *db) {
    const char *hosts = strstr(uri, "://") + 3;
    const char *slash = strchr(hosts, '/'), *query = strchr(hosts, '?');
    size_t head = slash ? (size_t)(slash - uri) : query ? (size_t)(query - uri) : strlen(uri);
    snprintf(out, cap, "%.*s/%s%s", (int)head, uri, db, query ? query : "");
}

static PGconn *pg_connect(const char *uri) {
    PGconn *c = PQconnectdb(uri);
    if (PQstatus(c) != CONNECTION_OK) die(uri, PQerrorMessage(c));
    return c;
}

static void pg_do(PGconn *c, const char *sql, int n, const char *const *params) {
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) die(sql, PQerrorMessage(c));
    PQclear(r);
}

static void pg_drop(const char *uri, const char *db) {
    char maint[1024];
    pg_uri_db(maint, sizeof maint, uri, "postgres");
    PGconn *c = pg_connect(maint);
    char sql[200];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
    pg_do(c, sql, 0, NULL);
    PQfinish(c);
}

/* A growing array literal. */
typedef struct {
    char *p;
    size_t n, cap;
} pg_arr;

static void arr_add(pg_arr *a, const char *fmt, long long v, const char *text) {
    if (a->n + 64 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 1 << 16;
        a->p = realloc(a->p, a->cap);
        if (!a->p) die("memory", "out of memory");
    }
    char sep = a->n == 0 ? '{' : ',';
    a->p[a->n++] = sep;
    int w = text ? snprintf(a->p + a->n, a->cap - a->n, fmt, text)
                 : snprintf(a->p + a->n, a->cap - a->n, fmt, v);
    a->n += (size_t)w;
    a->p[a->n] = '}';
    a->p[a->n + 1] = '\0';
}

enum { PG_COLS = 13 };

/* The ceiling's batch: its transfers' rows and its accounts' sums, as the ledger stores them. */
static void pg_ceiling_batch(PGconn *c, int done, int n, int64_t *deb, int64_t *cred,
                             int n_accounts, int64_t ts0) {
    static pg_arr col[PG_COLS], key, dsum, csum;
    for (int i = 0; i < PG_COLS; i++)
        col[i].n = 0;
    key.n = dsum.n = csum.n = 0;
    for (int i = 0; i < n; i++) {
        int k = done + i;
        long long amount = 100 + k % 10000;
        char id[32];
        snprintf(id, sizeof id, "tr:%08d", k);
        arr_add(&col[0], "%lld", k + 1, NULL);
        arr_add(&col[1], "%lld", ts0 + k, NULL);
        arr_add(&col[2], "\"%s\"", 0, id);
        arr_add(&col[3], "%lld", pairs[2 * k] + 1, NULL);
        arr_add(&col[4], "%lld", pairs[2 * k + 1] + 1, NULL);
        arr_add(&col[5], "%lld", amount, NULL);
        arr_add(&col[6], "%s", 0, "NULL");
        for (int j = 7; j < 11; j++)
            arr_add(&col[j], "%lld", j == 7 || j == 8 ? 1 : 0, NULL);
        arr_add(&col[11], "%s", 0, "NULL");
        arr_add(&col[12], "%lld", 20000, NULL);
        deb[pairs[2 * k]] += amount;
        cred[pairs[2 * k + 1]] += amount;
    }
    for (int a = 0; a < n_accounts; a++) {
        if (!deb[a] && !cred[a]) continue;
        arr_add(&key, "%lld", a + 1, NULL);
        arr_add(&dsum, "%lld", deb[a], NULL);
        arr_add(&csum, "%lld", cred[a], NULL);
        deb[a] = cred[a] = 0;
    }
    const char *p[PG_COLS];
    for (int i = 0; i < PG_COLS; i++)
        p[i] = col[i].p;
    pg_do(c, "BEGIN", 0, NULL);
    pg_do(c,
          "INSERT INTO transfers SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[],"
          " $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::int[],"
          " $10::int[], $11::bigint[], $12::text[], $13::int[])",
          PG_COLS, p);
    const char *u[] = {key.p, dsum.p, csum.p};
    pg_do(c,
          "UPDATE accounts a SET debits_posted = a.debits_posted + u.d,"
          " credits_posted = a.credits_posted + u.c"
          " FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS u(k, d, c) WHERE a.key = u.k",
          3, u);
    pg_do(c, "UPDATE fb_book SET commits = commits + 1 WHERE id = 1", 0, NULL);
    pg_do(c, "COMMIT", 0, NULL);
}

static double pg_ceiling(const char *uri, int n_transfers, int n_accounts) {
    fb_ledger *l = NULL;
    char err[512];
    if (fb_ledger_open(uri, FB_OPEN_CREATE, &l, err, sizeof err)) die(uri, err);
    make_accounts(l, n_accounts);
    fb_ledger_close(l);
    PGconn *c = pg_connect(uri);
    int64_t *deb = calloc((size_t)n_accounts, sizeof *deb);
    int64_t *cred = calloc((size_t)n_accounts, sizeof *cred);
    if (!deb || !cred) die("memory", "out of memory");
    double start = now_s();
    for (int done = 0; done < n_transfers;) {
        int n = n_transfers - done < FB_BATCH_MAX ? n_transfers - done : FB_BATCH_MAX;
        pg_ceiling_batch(c, done, n, deb, cred, n_accounts, 1800000000000000000LL);
        done += n;
    }
    double secs = now_s() - start;
    PQfinish(c);
    free(deb);
    free(cred);
    return secs;
}

/* bench/ledger --db URI [transfers] [accounts] [runs]. */
static int pg_bench(const char *uri, int n_transfers, int n_accounts, int runs) {
    char lb[1024], cb[1024];
    pg_uri_db(lb, sizeof lb, uri, "fb_bench_ledger");
    pg_uri_db(cb, sizeof cb, uri, "fb_bench_ceiling");
    printf("bench/ledger --db: %d accounts, %d transfers in batches of %d on PostgreSQL (%s);"
           " %d runs, the ledger and the ceiling alternating\n",
           n_accounts, n_transfers, FB_BATCH_MAX, uri, runs);
    double ledger[RUNS_MAX], ceiling[RUNS_MAX], ratio[RUNS_MAX];
    for (int r = 0; r < runs; r++) {
        pg_drop(uri, "fb_bench_ledger");
        pg_drop(uri, "fb_bench_ceiling");
        ledger[r] = n_transfers / run_ledger(lb, n_transfers, n_accounts, false);
        ceiling[r] = n_transfers / pg_ceiling(cb, n_transfers, n_accounts);
        ratio[r] = 100.0 * ledger[r] / ceiling[r];
        printf("run %d: ledger %.0f transfers/s, ceiling %.0f transfers/s, %.0f%%\n", r + 1,
               ledger[r], ceiling[r], ratio[r]);
    }
    printf("ledger on PostgreSQL:  %.0f durable transfers/s (median)\n", median(ledger, runs));
    printf("ceiling on PostgreSQL: %.0f transfers/s (median), array INSERT + one UPDATE of the"
           " batch's sums, no validation\n",
           median(ceiling, runs));
    printf("ledger / ceiling: %.0f%% (median of the runs' ratios)\n", median(ratio, runs));
    pg_drop(uri, "fb_bench_ledger");
    pg_drop(uri, "fb_bench_ceiling");
    return 0;
}
