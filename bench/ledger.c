/* bench/ledger.c — durable transfer throughput of the ledger against the ceiling of plain SQLite,
 * and of the command line against the library.
 *
 * Creates 10,000 accounts and posts 1,000,000 transfers between uniformly random accounts in
 * batches of 8,189 into a fresh book (WAL, synchronous=FULL: every batch is durable). Then the
 * ceiling: the same rows (each transfer and its two postings) inserted and the same balances
 * updated in place into a fresh book of the same schema by the simplest SQLite code, with no
 * validation. Prints both rates, their ratio and the peak memory. Then the same transfers as JSON
 * Lines through `finbridge transfers create` into a fresh book, timed against the library's run
 * (wall and CPU). Arguments: [transfers] [accounts] [folder] [runs] [finbridge]; or
 * --db URI [transfers] [accounts] [runs]: on PostgreSQL (ledger_pg.h). */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "finbridge/finbridge.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t pick(uint32_t n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static long peak_rss_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void die(const char *what, const char *why) {
    fprintf(stderr, "bench: %s: %s\n", what, why);
    exit(1);
}

/* The pairs of accounts every run uses, so both runs write the same rows. */
static uint32_t *pairs;

static void make_accounts(fb_ledger *l, int n_accounts) {
    static fb_account a[FB_BATCH_MAX];
    static fb_result r[FB_BATCH_MAX];
    for (int done = 0; done < n_accounts;) {
        int n = n_accounts - done < FB_BATCH_MAX ? n_accounts - done : FB_BATCH_MAX;
        for (int i = 0; i < n; i++) {
            memset(&a[i], 0, sizeof a[i]);
            snprintf(a[i].id, sizeof a[i].id, "acct:%06d", done + i);
            a[i].ledger = 1;
            a[i].code = 2011;
        }
        if (fb_ledger_create_accounts(l, a, (size_t)n, r, NULL))
            die("accounts", fb_ledger_errmsg(l));
        done += n;
    }
}

static double cpu_s(int who) {
    struct rusage ru;
    getrusage(who, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static double ledger_cpu; /* CPU seconds of the last run_ledger's transfers */
/* Seconds and CPU seconds of the last run_ledger's accounts. */
static double accounts_secs, accounts_cpu;

/* The transfers through the library into a fresh book. Cold: the accounts are created by another
 * handle, as when a loader starts on a book that holds them (each is read from the store once). */
static double run_ledger(const char *path, int n_transfers, int n_accounts, bool cold) {
    fb_ledger *l = NULL;
    char err[512];
    if (fb_ledger_open(path, FB_OPEN_CREATE, &l, err, sizeof err)) die(path, err);
    double a_start = now_s(), a_cpu0 = cpu_s(RUSAGE_SELF);
    make_accounts(l, n_accounts);
    accounts_secs = now_s() - a_start;
    accounts_cpu = cpu_s(RUSAGE_SELF) - a_cpu0;
    if (cold) {
        fb_ledger_close(l);
        if (fb_ledger_open(path, 0, &l, err, sizeof err)) die(path, err);
    }
    static fb_transfer t[FB_BATCH_MAX];
    static fb_result r[FB_BATCH_MAX];
    double start = now_s(), cpu0 = cpu_s(RUSAGE_SELF);
    long created = 0;
    for (int done = 0; done < n_transfers;) {
        int n = n_transfers - done < FB_BATCH_MAX ? n_transfers - done : FB_BATCH_MAX;
        for (int i = 0; i < n; i++) {
            memset(&t[i], 0, sizeof t[i]);
            snprintf(t[i].id, sizeof t[i].id, "tr:%08d", done + i);
            snprintf(t[i].debit_account_id, sizeof t[i].debit_account_id, "acct:%06u",
                     pairs[2 * (done + i)]);
            snprintf(t[i].credit_account_id, sizeof t[i].credit_account_id, "acct:%06u",
                     pairs[2 * (done + i) + 1]);
            t[i].amount_fen = 100 + (done + i) % 10000;
            t[i].ledger = 1;
            t[i].code = 1;
        }
        if (fb_ledger_create_transfers(l, t, (size_t)n, r, NULL, NULL)) {
            die("transfers", fb_ledger_errmsg(l));
        }
        for (int i = 0; i < n; i++)
            created += r[i] == FB_RESULT_CREATED;
        done += n;
    }
    double secs = now_s() - start;
    ledger_cpu = cpu_s(RUSAGE_SELF) - cpu0;
    if (created != n_transfers) die("transfers", "not every transfer was created");
    fb_ledger_close(l);
    return secs;
}

static void exec(sqlite3 *db, const char *sql) {
    char *e = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK) die(sql, e ? e : "?");
}

/* The ceiling: the same rows and balance updates, no checks, no cache, no results. */
static double run_ceiling(const char *path, int n_transfers, int n_accounts) {
    fb_ledger *l = NULL;
    char err[512];
    if (fb_ledger_open(path, FB_OPEN_CREATE, &l, err, sizeof err)) die(path, err);
    make_accounts(l, n_accounts);
    fb_ledger_close(l);
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) die(path, "cannot open");
    char pragmas[160];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
             " PRAGMA cache_size = -%d",
             FB_PAGE_CACHE_KIB);
    exec(db, pragmas);
    int64_t *key = malloc(sizeof *key * (size_t)n_accounts);
    sqlite3_stmt *q = NULL, *ins = NULL, *post = NULL, *upd_d = NULL, *upd_c = NULL;
    sqlite3_prepare_v2(db, "SELECT key FROM accounts ORDER BY id", -1, &q, NULL);
    for (int i = 0; sqlite3_step(q) == SQLITE_ROW && i < n_accounts; i++) {
        key[i] = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    sqlite3_prepare_v2(
        db,
        "INSERT INTO transfers VALUES (NULL, ?1, ?2, ?3, ?4, ?5, NULL, 1, 1, 0, 0, NULL, 20103)",
        -1, &ins, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO postings VALUES (?1)", -1, &post, NULL);
    sqlite3_prepare_v2(db, "UPDATE accounts SET debits_posted = debits_posted + ?2 WHERE key = ?1",
                       -1, &upd_d, NULL);
    sqlite3_prepare_v2(db,
                       "UPDATE accounts SET credits_posted = credits_posted + ?2 WHERE key = ?1",
                       -1, &upd_c, NULL);
    int64_t ts = fb_now_ns() + 1000000000;
    double start = now_s();
    for (int done = 0; done < n_transfers;) {
        int n = n_transfers - done < FB_BATCH_MAX ? n_transfers - done : FB_BATCH_MAX;
        exec(db, "BEGIN IMMEDIATE");
        for (int i = 0; i < n; i++) {
            char id[32];
            int k = done + i;
            int64_t amount = 100 + k % 10000;
            snprintf(id, sizeof id, "tr:%08d", k);
            int64_t d = key[pairs[2 * k]], c = key[pairs[2 * k + 1]];
            sqlite3_bind_int64(ins, 1, ts++);
            sqlite3_bind_text(ins, 2, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(ins, 3, d);
            sqlite3_bind_int64(ins, 4, c);
            sqlite3_bind_int64(ins, 5, amount);
            if (sqlite3_step(ins) != SQLITE_DONE) die("insert", sqlite3_errmsg(db));
            sqlite3_reset(ins);
            /* The two postings, keyed as src/store/schema.c says. */
            int64_t seq = sqlite3_last_insert_rowid(db);
            int64_t run = (seq >> 16) << 40, low = seq & 0xffff;
            sqlite3_bind_int64(post, 1, run | d << 16 | low);
            sqlite3_step(post);
            sqlite3_reset(post);
            sqlite3_bind_int64(post, 1, run | c << 16 | low);
            sqlite3_step(post);
            sqlite3_reset(post);
            sqlite3_bind_int64(upd_d, 1, d);
            sqlite3_bind_int64(upd_d, 2, amount);
            sqlite3_step(upd_d);
            sqlite3_reset(upd_d);
            sqlite3_bind_int64(upd_c, 1, c);
            sqlite3_bind_int64(upd_c, 2, amount);
            sqlite3_step(upd_c);
            sqlite3_reset(upd_c);
        }
        exec(db, "COMMIT");
        done += n;
    }
    double secs = now_s() - start;
    sqlite3_finalize(ins);
    sqlite3_finalize(post);
    sqlite3_finalize(upd_d);
    sqlite3_finalize(upd_c);
    sqlite3_close(db);
    free(key);
    return secs;
}

/* The same accounts and transfers as JSON Lines, as a client would send them. */
static void write_jsonl(const char *accounts, const char *transfers, int n_transfers,
                        int n_accounts) {
    FILE *f = fopen(accounts, "w");
    if (!f) die(accounts, "cannot write");
    for (int i = 0; i < n_accounts; i++)
        fprintf(f, "{\"id\":\"acct:%06d\",\"ledger\":1,\"code\":2011}\n", i);
    fclose(f);
    f = fopen(transfers, "w");
    if (!f) die(transfers, "cannot write");
    for (int k = 0; k < n_transfers; k++) {
        long amount = 100 + k % 10000;
        fprintf(f,
                "{\"id\":\"tr:%08d\",\"debit_account_id\":\"acct:%06u\",\"credit_account_id\":"
                "\"acct:%06u\",\"amount\":\"%ld.%02ld\",\"ledger\":1,\"code\":1}\n",
                k, pairs[2 * k], pairs[2 * k + 1], amount / 100, amount % 100);
    }
    fclose(f);
}

static void shell(const char *cmd) {
    if (system(cmd) != 0) die(cmd, "failed");
}

/* The accounts through `finbridge accounts create` into a fresh book (its seconds and CPU seconds
 * in *a_secs and *a_cpu), then the transfers through `finbridge transfers create`: seconds, and
 * the command's CPU seconds in *cpu. */
static double run_cli(const char *finbridge, const char *dir, int n_transfers, int n_accounts,
                      double *cpu, double *a_secs, double *a_cpu) {
    char acc[600], tr[600], db[600], cmd[2400];
    snprintf(acc, sizeof acc, "%s/bench-accounts.jsonl", dir);
    snprintf(tr, sizeof tr, "%s/bench-transfers.jsonl", dir);
    snprintf(db, sizeof db, "%s/bench-cli.db", dir);
    write_jsonl(acc, tr, n_transfers, n_accounts);
    snprintf(cmd, sizeof cmd, "%s init --db %s >/dev/null", finbridge, db);
    shell(cmd);
    snprintf(cmd, sizeof cmd, "%s accounts create --db %s <%s >/dev/null", finbridge, db, acc);
    double a_cpu0 = cpu_s(RUSAGE_CHILDREN), a_start = now_s();
    shell(cmd);
    *a_secs = now_s() - a_start;
    *a_cpu = cpu_s(RUSAGE_CHILDREN) - a_cpu0;
    snprintf(cmd, sizeof cmd, "%s transfers create --db %s <%s >/dev/null", finbridge, db, tr);
    double cpu0 = cpu_s(RUSAGE_CHILDREN), start = now_s();
    shell(cmd);
    double secs = now_s() - start;
    *cpu = cpu_s(RUSAGE_CHILDREN) - cpu0;
    remove(acc);
    remove(tr);
    return secs;
}

static void remove_db(const char *path) {
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char f[600];
        snprintf(f, sizeof f, "%s%s", path, suffix[i]);
        remove(f);
    }
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define RUNS_MAX 9

#include "ledger_pg.h"

static void make_pairs(int n_transfers, int n_accounts) {
    pairs = malloc(sizeof *pairs * 2 * (size_t)n_transfers);
    if (!pairs) die("memory", "out of memory");
    for (int i = 0; i < n_transfers; i++) {
        pairs[2 * i] = pick((uint32_t)n_accounts);
        do {
            pairs[2 * i + 1] = pick((uint32_t)n_accounts);
        } while (pairs[2 * i + 1] == pairs[2 * i]);
    }
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "--db") == 0) {
        int n = argc > 3 ? atoi(argv[3]) : 200000, accounts = argc > 4 ? atoi(argv[4]) : 10000;
        int runs = argc > 5 ? atoi(argv[5]) : 3;
        if (n < 1 || accounts < 2 || runs < 1 || runs > RUNS_MAX) {
            die("usage", "ledger --db URI [transfers] [accounts] [runs 1..9]");
        }
        make_pairs(n, accounts);
        int rc = pg_bench(argv[2], n, accounts, runs);
        free(pairs);
        return rc;
    }
    int n_transfers = argc > 1 ? atoi(argv[1]) : 1000000;
    int n_accounts = argc > 2 ? atoi(argv[2]) : 10000;
    const char *dir = argc > 3 ? argv[3] : "build/bench";
    int runs = argc > 4 ? atoi(argv[4]) : 3;
    const char *finbridge = argc > 5 ? argv[5] : "build/finbridge";
    if (n_transfers < 1 || n_accounts < 2 || runs < 1 || runs > RUNS_MAX) {
        die("usage", "ledger [transfers] [accounts] [folder] [runs 1..9]");
    }
    make_pairs(n_transfers, n_accounts);
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s/bench-ledger.db", dir);
    snprintf(p2, sizeof p2, "%s/bench-ceiling.db", dir);
    printf("bench/ledger: %d accounts, %d transfers in batches of %d, WAL, synchronous=FULL;"
           " %d runs, the ledger and the ceiling alternating (this disk's speed drifts)\n",
           n_accounts, n_transfers, FB_BATCH_MAX, runs);
    double ledger[RUNS_MAX], ceiling[RUNS_MAX], ratio[RUNS_MAX], cpu[RUNS_MAX];
    for (int r = 0; r < runs; r++) {
        remove_db(p1);
        remove_db(p2);
        ledger[r] = n_transfers / run_ledger(p1, n_transfers, n_accounts, false);
        cpu[r] = ledger_cpu;
        ceiling[r] = n_transfers / run_ceiling(p2, n_transfers, n_accounts);
        ratio[r] = 100.0 * ledger[r] / ceiling[r];
        printf("run %d: ledger %.0f transfers/s, ceiling %.0f transfers/s, %.0f%%\n", r + 1,
               ledger[r], ceiling[r], ratio[r]);
    }
    long rss = peak_rss_kib();
    printf("ledger:  %.0f transfers/s (median), %.0f transfers a CPU second\n",
           median(ledger, runs), n_transfers / median(cpu, runs));
    printf("ceiling: %.0f transfers/s (median), plain INSERTs + 2 UPDATEs, no validation\n",
           median(ceiling, runs));
    printf("ledger / ceiling: %.0f%% (median of the runs' ratios)\n", median(ratio, runs));
    printf("peak memory: %.1f MiB (the bound: 256 MiB + 200 bytes an account = %.1f MiB)\n",
           (double)rss / 1024.0, 256.0 + 200.0 * n_accounts / 1048576.0);
    if (access(finbridge, X_OK) == 0) {
        char db[600];
        snprintf(db, sizeof db, "%s/bench-cli.db", dir);
        remove_db(db);
        double cli_cpu = 0, cli_a = 0, cli_a_cpu = 0;
        double cli = run_cli(finbridge, dir, n_transfers, n_accounts, &cli_cpu, &cli_a, &cli_a_cpu);
        remove_db(p1);
        double lib = run_ledger(p1, n_transfers, n_accounts, true), lib_cpu = ledger_cpu;
        printf("command line: %.0f transfers/s (%.2f s, %.2f s CPU); library, its accounts "
               "created by another handle as the command's are: %.0f transfers/s (%.2f s, %.2f s "
               "CPU): %.2fx the library's time, %.2fx its CPU\n",
               n_transfers / cli, cli, cli_cpu, n_transfers / lib, lib, lib_cpu, cli / lib,
               cli_cpu / lib_cpu);
        printf("accounts create: command line %.0f accounts/s (%.2f s, %.2f s CPU, the process's "
               "start included); library %.0f accounts/s (%.2f s, %.2f s CPU): %.2fx the "
               "library's time, %.2fx its CPU\n",
               n_accounts / cli_a, cli_a, cli_a_cpu, n_accounts / accounts_secs, accounts_secs,
               accounts_cpu, cli_a / accounts_secs, cli_a_cpu / accounts_cpu);
        remove_db(db);
    }
    free(pairs);
    return 0;
}
