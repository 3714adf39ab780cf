/* test_value_dates.c — value dates: the default (the business date, or the day of the timestamp),
 * a value date given, its place in a transfer's identity, queries of transfers and balances by
 * value date (a back-valued transfer counts on its own date), and the migration that dates an
 * older book's transfers from its closed days. */
#include <sqlite3.h>

#include "finbridge/finbridge.h"
#include "store/store.h"
#include "test.h"

static fb_ledger *L;
static char path[512];
static int db_seq;

#define D0 20103 /* 2025-01-15 */
#define NS_PER_DAY (86400LL * 1000000000LL)

static void open_new(void) {
    snprintf(path, sizeof path, "%s/vd%d.db", test_dir(), ++db_seq);
    char err[512];
    if (fb_ledger_open(path, FB_OPEN_CREATE, &L, err, sizeof err) != FB_OK) {
        printf("cannot open %s: %s\n", path, err);
        exit(2);
    }
}

static void sql(const char *text) {
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    char *e = NULL;
    int rc = sqlite3_exec(db, text, NULL, NULL, &e);
    if (rc != SQLITE_OK) printf("    sql: %s\n", e ? e : "?");
    EXPECT_EQ_INT(SQLITE_OK, rc);
    sqlite3_free(e);
    sqlite3_close(db);
}

static void account(const char *id, uint16_t flags) {
    fb_account a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "%s", id);
    a.ledger = 1;
    a.code = 10;
    a.flags = flags;
    fb_result r = FB_RESULT_COUNT_;
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(L, &a, 1, &r, NULL));
    EXPECT_RESULT(FB_RESULT_CREATED, r);
}

static fb_transfer xfer(const char *id, int64_t amount, int32_t value_date) {
    fb_transfer t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "%s", id);
    snprintf(t.debit_account_id, sizeof t.debit_account_id, "A");
    snprintf(t.credit_account_id, sizeof t.credit_account_id, "H");
    t.amount_fen = amount;
    t.ledger = 1;
    t.code = 1;
    t.value_date = value_date;
    return t;
}

static fb_result create(fb_transfer t) {
    fb_result r = FB_RESULT_COUNT_;
    int64_t ts = 0;
    if (fb_ledger_create_transfers(L, &t, 1, &r, &ts, NULL) != FB_OK) {
        printf("    create_transfers: %s\n", fb_ledger_errmsg(L));
    }
    return r;
}

static fb_transfer got(const char *id) {
    fb_transfer t;
    memset(&t, 0, sizeof t);
    if (fb_ledger_get_transfer(L, id, &t) != FB_OK) printf("    no transfer %s\n", id);
    return t;
}

static void quiet(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) printf("    verify: %s\n", line);
}

static uint64_t verified(void) {
    uint64_t failures = 99;
    if (fb_ledger_verify(L, quiet, NULL, &failures) != FB_OK) return 99;
    return failures;
}

static void done(void) {
    uint64_t failures = 99;
    EXPECT_EQ_INT(FB_OK, fb_ledger_verify(L, quiet, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
    fb_ledger_close(L);
    L = NULL;
}

/* Absent, a value date is the day of the timestamp before any day is closed, and the business
 * date after; given, it is kept. */
static void the_value_date_defaults_to_the_business_date(void) {
    open_new();
    account("A", 0);
    account("H", FB_ACCOUNT_HISTORY);
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t1", 100, 0)));
    fb_transfer t = got("t1");
    EXPECT_EQ_INT(t.timestamp_ns / NS_PER_DAY, t.value_date);
    sql("INSERT INTO meta VALUES ('business_date', 20103)");
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t2", 100, 0)));
    EXPECT_EQ_INT(D0, got("t2").value_date);
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t3", 100, D0 - 30)));
    EXPECT_EQ_INT(D0 - 30, got("t3").value_date);
    /* A post takes its own value date, not its pending transfer's. */
    fb_transfer p = xfer("p1", 500, D0 - 1);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    fb_transfer post = xfer("p1post", FB_AMOUNT_UNSPECIFIED, 0);
    post.debit_account_id[0] = post.credit_account_id[0] = 0;
    post.ledger = 0;
    post.code = 0;
    post.flags = FB_TRANSFER_POST_PENDING;
    snprintf(post.pending_id, sizeof post.pending_id, "p1");
    EXPECT_RESULT(FB_RESULT_CREATED, create(post));
    EXPECT_EQ_INT(D0, got("p1post").value_date);
    EXPECT_EQ_INT(D0 - 1, got("p1").value_date);
    done();
}

/* Given, the value date is part of the transfer's identity; left out on a retry, it is not
 * compared (the day's default then may not be today's). Checked last, after code. */
static void a_value_date_given_is_part_of_the_identity(void) {
    open_new();
    account("A", 0);
    account("H", 0);
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t1", 100, D0)));
    EXPECT_RESULT(FB_RESULT_EXISTS, create(xfer("t1", 100, D0)));
    EXPECT_RESULT(FB_RESULT_EXISTS, create(xfer("t1", 100, 0)));
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE, create(xfer("t1", 100, D0 + 1)));
    fb_transfer other = xfer("t1", 100, D0 + 1);
    other.code = 2;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_CODE, create(other));
    fb_transfer p = xfer("p1", 500, D0);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    fb_transfer v = xfer("v1", 0, D0 + 2);
    v.debit_account_id[0] = v.credit_account_id[0] = 0;
    v.flags = FB_TRANSFER_VOID_PENDING;
    snprintf(v.pending_id, sizeof v.pending_id, "p1");
    EXPECT_RESULT(FB_RESULT_CREATED, create(v));
    EXPECT_RESULT(FB_RESULT_EXISTS, create(v));
    v.value_date = 0;
    EXPECT_RESULT(FB_RESULT_EXISTS, create(v));
    v.value_date = D0 + 3;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE, create(v));
    EXPECT_EQ_STR("exists_with_different_value_date",
                  fb_result_name(FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE));
    EXPECT_TRUE(!fb_result_transient(FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE));
    done();
}

static size_t transfers_between(int32_t from, int32_t to, const char **ids, size_t cap) {
    static fb_transfer out[16];
    fb_query q;
    memset(&q, 0, sizeof q);
    q.limit = 16;
    q.from_date = from;
    q.to_date = to;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "H", &q, out, &n));
    for (size_t i = 0; i < n && i < cap; i++)
        ids[i] = out[i].id;
    return n;
}

/* Transfers are selected by value date, in timestamp order; a back-valued transfer counts on its
 * own date, for the transfers and for the balances as of a date. */
static void queries_select_by_value_date(void) {
    open_new();
    account("A", 0);
    account("H", FB_ACCOUNT_HISTORY);
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("d0", 100, D0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("d1", 200, D0 + 1)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("d2", 400, D0 + 2)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("back", 800, D0))); /* back-valued */
    const char *ids[16] = {0};
    EXPECT_EQ_INT(2, transfers_between(D0, D0, ids, 16));
    EXPECT_EQ_STR("d0", ids[0]);
    EXPECT_EQ_STR("back", ids[1]);
    EXPECT_EQ_INT(2, transfers_between(D0 + 1, 0, ids, 16));
    EXPECT_EQ_STR("d1", ids[0]);
    EXPECT_EQ_STR("d2", ids[1]);
    EXPECT_EQ_INT(0, transfers_between(D0 + 3, 0, ids, 16));
    EXPECT_EQ_INT(4, transfers_between(0, 0, ids, 16));
    fb_balance b;
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balance_on(L, "H", D0, &b));
    EXPECT_EQ_INT(900, b.credits_posted_fen);
    EXPECT_EQ_INT(got("back").timestamp_ns, b.timestamp_ns);
    EXPECT_EQ_INT(D0, b.value_date);
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balance_on(L, "H", D0 + 1, &b));
    EXPECT_EQ_INT(1100, b.credits_posted_fen);
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balance_on(L, "H", D0 - 1, &b));
    EXPECT_EQ_INT(0, b.credits_posted_fen);
    EXPECT_EQ_INT(0, b.timestamp_ns);
    EXPECT_EQ_INT(FB_EINVAL, fb_ledger_account_balance_on(L, "A", D0, &b));
    /* History rows by value date. */
    fb_balance rows[8];
    fb_query q;
    memset(&q, 0, sizeof q);
    q.limit = 8;
    q.from_date = q.to_date = D0;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balances(L, "H", &q, rows, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_INT(100, rows[0].credits_posted_fen);
    EXPECT_EQ_INT(1500, rows[1].credits_posted_fen);
    q.from_date = D0 + 2;
    EXPECT_EQ_INT(FB_EINVAL, fb_ledger_account_balances(L, "H", &q, rows, &n));
    done();
}

/* The version of the schema just before value dates (found, not named: migrations are
 * renumbered when branches merge). */
static int version_before_value_dates(void) {
    for (int v = fb_schema_version_current(); v > 1; v--) {
        snprintf(path, sizeof path, "%s/probe%d.db", test_dir(), v);
        fb_store *s = NULL;
        char err[512];
        if (fb__store_open(path, FB_OPEN_CREATE, v, &s, err, sizeof err) != FB_OK) return 0;
        fb__store_close(s);
        sqlite3 *db = NULL;
        sqlite3_open(path, &db);
        sqlite3_stmt *st = NULL;
        sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM pragma_table_info('transfers')"
                           " WHERE name = 'value_date'",
                           -1, &st, NULL);
        bool has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
        sqlite3_finalize(st);
        sqlite3_close(db);
        if (!has) return v;
    }
    return 0;
}

/* An older book: days D0 and D0+1 closed (their accruals mark each close), D0+2 closed with
 * nothing posted, D0+3 open. Each transfer gets the business date open when it was made. */
static void an_older_book_is_dated_from_its_closed_days(void) {
    int v = version_before_value_dates();
    EXPECT_TRUE(v > 1);
    snprintf(path, sizeof path, "%s/older.db", test_dir());
    fb_store *s = NULL;
    char err[512];
    EXPECT_EQ_INT(FB_OK, fb__store_open(path, FB_OPEN_CREATE, v, &s, err, sizeof err));
    fb__store_close(s);
    sql("INSERT INTO meta VALUES ('business_date', 20106);"
        "UPDATE meta SET value = 1000 WHERE key = 'last_timestamp';"
        "INSERT INTO accounts VALUES (1, 1, 'A', 1, 10, 0, NULL, 0, 3100, 0, 0),"
        " (2, 2, 'H', 1, 10, 8, NULL, 0, 0, 0, 3100);"
        "INSERT INTO transfers VALUES (1, 100, 'c1', 1, 2, 100, NULL, 1, 1, 0, 0, NULL),"
        " (2, 200, 'acc:2025-01-15:general', 1, 2, 200, NULL, 1, 1, 0, 0, NULL),"
        " (3, 300, 'c2', 1, 2, 400, NULL, 1, 1, 0, 0, NULL),"
        " (4, 400, 'acc:2025-01-16:general', 1, 2, 800, NULL, 1, 1, 0, 0, NULL),"
        " (5, 500, 'c3', 1, 2, 1600, NULL, 1, 1, 0, 0, NULL);"
        "INSERT INTO postings SELECT ((seq >> 16) << 40) | (debit_account << 16) | (seq & 65535)"
        " FROM transfers UNION ALL SELECT ((seq >> 16) << 40) | (credit_account << 16) |"
        " (seq & 65535) FROM transfers;"
        "INSERT INTO balances VALUES (2, 100, 0, 0, 0, 100), (2, 200, 0, 0, 0, 300),"
        " (2, 300, 0, 0, 0, 700), (2, 400, 0, 0, 0, 1500), (2, 500, 0, 0, 0, 3100);");
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, 0, &L, err, sizeof err));
    EXPECT_EQ_INT(D0, got("c1").value_date); /* before the first close: that day */
    EXPECT_EQ_INT(D0, got("acc:2025-01-15:general").value_date);
    EXPECT_EQ_INT(D0 + 1, got("c2").value_date); /* between the two closes */
    EXPECT_EQ_INT(D0 + 1, got("acc:2025-01-16:general").value_date);
    EXPECT_EQ_INT(D0 + 3, got("c3").value_date); /* after the last: the day now open */
    fb_balance b;
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balance_on(L, "H", D0, &b));
    EXPECT_EQ_INT(300, b.credits_posted_fen);
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balance_on(L, "H", D0 + 2, &b));
    EXPECT_EQ_INT(1500, b.credits_posted_fen);
    const char *ids[16] = {0};
    EXPECT_EQ_INT(2, transfers_between(D0 + 1, D0 + 1, ids, 16));
    EXPECT_EQ_STR("c2", ids[0]);
    EXPECT_EQ_INT(0, verified());
    /* New transfers go on from there. */
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("c4", 1, 0)));
    EXPECT_EQ_INT(D0 + 3, got("c4").value_date);
    EXPECT_EQ_INT(2, transfers_between(D0 + 3, 0, ids, 16));
    done();
}

int main(void) {
    RUN(the_value_date_defaults_to_the_business_date);
    RUN(a_value_date_given_is_part_of_the_identity);
    RUN(queries_select_by_value_date);
    RUN(an_older_book_is_dated_from_its_closed_days);
    return test_summary();
}
