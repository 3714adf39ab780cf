/* test_chain.c — verify finds every edit of the rows that carry money (hardening issue, item 9):
 * a transfer moved to another ledger, a transfer's amount changed with both balances, a transfer
 * deleted with its postings and balances, a repayment changed; and 1,000 random bit flips, each
 * in a random column of a random row of the chained tables (accounts, transfers, postings,
 * balance history, the ledger's seals, repayments), made by SQL on a copy of a demo book with its
 * triggers dropped, as an attacker with the file would. The seed is printed (FB_SEED sets it). */
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "finbridge/finbridge.h"
#include "test.h"

static char dir[512], book[600], copy[600];

static uint64_t rng;
static uint64_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static bool say; /* print verify's lines (FB_VERBOSE) */
static void silent(void *ctx, const char *line) {
    (void)ctx;
    if (say) printf("      %s\n", line);
}

/* verify's failures on the copy, or -1 when it cannot be opened or read. */
static long long failures_of(const char *path) {
    fb_book *b = NULL;
    char err[512];
    if (fb_book_open(path, FB_OPEN_READONLY, &b, err, sizeof err)) return -1;
    uint64_t failures = 0;
    int rc = fb_book_verify(b, silent, NULL, &failures);
    fb_book_close(b);
    return rc ? -1 : (long long)failures;
}

static int copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    int rc = in && out ? 0 : -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (fwrite(buf, 1, n, out) != n) rc = -1;
    }
    if (in) fclose(in);
    if (out && fclose(out)) rc = -1;
    return rc;
}

/* A fresh copy of the book, opened with its triggers dropped. */
static sqlite3 *fresh_copy(void) {
    if (copy_file(book, copy)) return NULL;
    sqlite3 *db = NULL;
    if (sqlite3_open(copy, &db) != SQLITE_OK) return NULL;
    /* A scratch copy: no sync on each change (the flips are thrown away). */
    sqlite3_exec(db, "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY", NULL, NULL, NULL);
    char *names[128];
    int n = 0;
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &st, NULL);
    while (n < 128 && sqlite3_step(st) == SQLITE_ROW)
        names[n++] = sqlite3_mprintf("DROP TRIGGER \"%w\"", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        sqlite3_exec(db, names[i], NULL, NULL, NULL);
        sqlite3_free(names[i]);
    }
    return db;
}

static void edit_and_expect_caught(const char *what, const char *sql) {
    sqlite3 *db = fresh_copy();
    EXPECT_TRUE(db != NULL);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) printf("    %s: %s\n", what, err ? err : "?");
    EXPECT_EQ_INT(SQLITE_OK, rc);
    EXPECT_TRUE(sqlite3_total_changes(db) > 0);
    sqlite3_free(err);
    sqlite3_close(db);
    long long f = failures_of(copy);
    printf("  %s: %lld failures\n", what, f);
    EXPECT_TRUE(f > 0);
}

/* A transfer the accounts' rows hold (before balances_through), single-phase, between accounts
 * without history: its seq, amount and accounts. */
#define PLAIN_TRANSFER                                                                             \
    "(SELECT seq FROM transfers WHERE flags = 0 AND debit_account IN (SELECT key FROM accounts"    \
    " WHERE flags & 8 = 0) AND credit_account IN (SELECT key FROM accounts WHERE flags & 8 = 0)"   \
    " ORDER BY seq LIMIT 1 OFFSET 100)"
/* The accounts' rows hold the transfer only up to balances_through (balances written behind):
 * after it, the balances read follow the transfer by themselves. */
#define HELD " AND (SELECT seq FROM x) <= (SELECT value FROM meta WHERE key = 'balances_through')"

static void the_edits_the_attacker_made_are_found(void) {
    EXPECT_EQ_INT(0, failures_of(book));
    sqlite3 *db = fresh_copy(); /* a copy with its triggers dropped, and nothing changed */
    EXPECT_TRUE(db != NULL);
    sqlite3_close(db);
    EXPECT_EQ_INT(0, failures_of(copy));
    edit_and_expect_caught("a transfer moved to another ledger",
                           "UPDATE transfers SET ledger = ledger + 1 WHERE seq = " PLAIN_TRANSFER);
    edit_and_expect_caught(
        "a transfer's amount changed with both balances",
        "CREATE TEMP TABLE x AS SELECT seq, debit_account d, credit_account c FROM transfers"
        " WHERE seq = " PLAIN_TRANSFER ";"
        "UPDATE transfers SET amount = amount + 100000 WHERE seq = (SELECT seq FROM x);"
        "UPDATE accounts SET debits_posted = debits_posted + 100000 WHERE key = (SELECT d FROM "
        "x)" HELD ";"
        "UPDATE accounts SET credits_posted = credits_posted + 100000 WHERE key = (SELECT c FROM "
        "x)" HELD ";");
    edit_and_expect_caught(
        "a transfer deleted with its postings and balances",
        "CREATE TEMP TABLE x AS SELECT seq, debit_account d, credit_account c, amount a FROM"
        " transfers WHERE seq = " PLAIN_TRANSFER ";"
        "DELETE FROM postings WHERE k IN (SELECT (seq >> 16) << 40 | d << 16 | (seq & 65535) FROM"
        " x UNION SELECT (seq >> 16) << 40 | c << 16 | (seq & 65535) FROM x);"
        "DELETE FROM transfers WHERE seq = (SELECT seq FROM x);"
        "UPDATE accounts SET debits_posted = debits_posted - (SELECT a FROM x) WHERE key ="
        " (SELECT d FROM x)" HELD ";"
        "UPDATE accounts SET credits_posted = credits_posted - (SELECT a FROM x) WHERE key ="
        " (SELECT c FROM x)" HELD ";");
    edit_and_expect_caught("an old balance history row changed",
                           "UPDATE balances SET debits_posted = debits_posted + 1 WHERE (account,"
                           " ts) = (SELECT account, ts FROM balances ORDER BY ts LIMIT 1)");
    edit_and_expect_caught("a repayment's principal moved to its interest",
                           "UPDATE repayments SET principal = principal - 1, interest = interest"
                           " + 1 WHERE (loan, k) = (SELECT loan, k FROM repayments WHERE"
                           " principal > 0 LIMIT 1)");
    edit_and_expect_caught("a loan's last repayment deleted",
                           "DELETE FROM repayments WHERE (loan, k) = (SELECT loan, max(k) FROM"
                           " repayments GROUP BY loan LIMIT 1)");
}

/* The chained tables, the key that finds a row of each, and their rows. */
static const struct {
    const char *name, *key;
} tables[] = {{"accounts", "key"},         {"transfers", "seq"},   {"postings", "k"},
              {"balances", "account, ts"}, {"ledger_chain", "ts"}, {"repayments", "loan, k"}};
enum { N_TABLES = sizeof tables / sizeof tables[0], FLIPS = 1000 };

/* Flips one bit of one value: a random row's random column. 1 when made, 0 when the draw found
 * nothing to flip (NULL) or the schema refused the value (a CHECK, UNIQUE or type). */
static int flip_one(sqlite3 *db, const int64_t *rows, int64_t total, char *what, size_t cap) {
    int64_t r = (int64_t)(next_random() % (uint64_t)total);
    int t = 0;
    while (r >= rows[t])
        r -= rows[t++];
    char *sql =
        sqlite3_mprintf("SELECT 0, * FROM %s LIMIT 1 OFFSET %lld", tables[t].name, (long long)r);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (!st) return 0;
    if (sqlite3_step(st) != SQLITE_ROW) return sqlite3_finalize(st), 0;
    int cols = sqlite3_column_count(st) - 1;
    int c = 1 + (int)(next_random() % (uint64_t)cols);
    const char *col = sqlite3_column_name(st, c);
    int type = sqlite3_column_type(st, c);
    /* The row's key, as a WHERE clause over its own values. */
    char where[256] = "";
    char keys[64];
    snprintf(keys, sizeof keys, "%s", tables[t].key);
    for (char *k = strtok(keys, ", "); k; k = strtok(NULL, ", ")) {
        for (int i = 1; i <= cols; i++) {
            if (strcmp(sqlite3_column_name(st, i), k) != 0) continue;
            size_t used = strlen(where);
            snprintf(where + used, sizeof where - used, "%s%s = %lld", used ? " AND " : "", k,
                     (long long)sqlite3_column_int64(st, i));
        }
    }
    char *upd = sqlite3_mprintf("UPDATE %s SET \"%w\" = ?1 WHERE %s", tables[t].name, col, where);
    sqlite3_stmt *u = NULL;
    sqlite3_prepare_v2(db, upd, -1, &u, NULL);
    sqlite3_free(upd);
    int made = 0;
    if (u && type == SQLITE_INTEGER) {
        int bit = (int)(next_random() % 64);
        int64_t v = sqlite3_column_int64(st, c);
        sqlite3_bind_int64(u, 1, (int64_t)((uint64_t)v ^ (1ull << bit)));
        snprintf(what, cap, "%s.%s bit %d", tables[t].name, col, bit);
        made = 1;
    } else if (u && (type == SQLITE_TEXT || type == SQLITE_BLOB) && sqlite3_column_bytes(st, c)) {
        int n = sqlite3_column_bytes(st, c);
        unsigned char *b = malloc((size_t)n);
        memcpy(b,
               type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, c)
                                   : sqlite3_column_blob(st, c),
               (size_t)n);
        int at = (int)(next_random() % (uint64_t)(n * 8));
        b[at / 8] ^= (unsigned char)(1u << (at % 8));
        if (type == SQLITE_TEXT) {
            sqlite3_bind_text(u, 1, (const char *)b, n, free);
        } else {
            sqlite3_bind_blob(u, 1, b, n, free);
        }
        snprintf(what, cap, "%s.%s byte %d bit %d", tables[t].name, col, at / 8, at % 8);
        made = 1;
    }
    sqlite3_finalize(st);
    if (made) made = sqlite3_step(u) == SQLITE_DONE && sqlite3_changes(db) == 1;
    sqlite3_finalize(u);
    return made;
}

static void every_random_bit_flip_in_the_chained_tables_is_found(void) {
    const char *seed_env = getenv("FB_SEED");
    uint64_t seed = seed_env ? strtoull(seed_env, NULL, 10) : (uint64_t)time(NULL);
    printf("  seed %llu (FB_SEED=%llu repeats it)\n", (unsigned long long)seed,
           (unsigned long long)seed);
    rng = seed * 2654435761u + 0x9E3779B97F4A7C15ull;
    int caught = 0, made = 0, refused = 0;
    for (int i = 0; made < FLIPS && i < FLIPS * 20; i++) {
        sqlite3 *db = fresh_copy();
        if (!db) break;
        int64_t rows[N_TABLES], total = 0;
        for (int t = 0; t < N_TABLES; t++) {
            char *sql = sqlite3_mprintf("SELECT count(*) FROM %s", tables[t].name);
            sqlite3_stmt *st = NULL;
            sqlite3_prepare_v2(db, sql, -1, &st, NULL);
            sqlite3_free(sql);
            rows[t] = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
            sqlite3_finalize(st);
            total += rows[t];
        }
        char what[160] = "";
        int ok = total > 0 && flip_one(db, rows, total, what, sizeof what);
        sqlite3_close(db);
        if (!ok) {
            refused++;
            continue;
        }
        made++;
        long long f = failures_of(copy);
        if (f != 0) {
            caught++;
        } else {
            printf("    missed: %s\n", what);
        }
    }
    printf("  %d of %d bit flips caught by verify (%d draws refused by the schema or NULL)\n",
           caught, made, refused);
    EXPECT_EQ_INT(FLIPS, made);
    EXPECT_EQ_INT(made, caught);
}

int main(void) {
    const char *fb = getenv("FINBRIDGE");
    if (!fb) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    say = getenv("FB_VERBOSE") != NULL;
    const char *tmp = getenv("FB_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/chain.XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) return 2;
    snprintf(book, sizeof book, "%s/book.db", dir);
    snprintf(copy, sizeof copy, "%s/copy.db", dir);
    char cmd[2048], key[700], copy_key[700];
    snprintf(cmd, sizeof cmd, "'%s' demo --db '%s' --enterprises 20 --years 1 >/dev/null 2>&1", fb,
             book);
    if (system(cmd) != 0) {
        printf("the demo book could not be made\n");
        return 2;
    }
    snprintf(key, sizeof key, "%s.audit-key", book);
    snprintf(copy_key, sizeof copy_key, "%s.audit-key", copy);
    if (copy_file(key, copy_key) || chmod(copy_key, 0600)) return 2;
    RUN(the_edits_the_attacker_made_are_found);
    if (!getenv("FB_EDITS_ONLY")) RUN(every_random_bit_flip_in_the_chained_tables_is_found);
    return test_summary();
}
