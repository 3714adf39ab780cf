/* test_quality_kept.c — the quality of the last day closed as its close keeps it
 * (store/quality.c: quality_monthly and meta's quality_kept) against the same report read from
 * every loan's state: a seeded walk of closes (month-ends among them), repayments and drawdowns,
 * where after each close the report reads the copy and equals the loans', and after a write of a
 * loan it reads the loans again; verify proves the copy, and finds one changed by hand; and a
 * book closed one day at a time across every age bucket's edge, its copy proved after each. */
#include <sqlite3.h>

#include "book.h"
#include "book/book_internal.h"
#include "store/book_rows.h"

#define PARTIES 8

/* The quality of the last day closed as kept, and as the loans give it: the same. */
static bool kept_is_the_loans(int32_t last) {
    fb_quality_report kept, loans;
    memset(&kept, 0, sizeof kept);
    memset(&loans, 0, sizeof loans);
    EXPECT_EQ_INT(FB_OK, fb__store_quality(L->store, last, false, 0, 999999, &kept));
    EXPECT_EQ_INT(FB_OK, fb__store_quality(L->store, last, true, 0, 999999, &loans));
    bool same = memcmp(&kept, &loans, sizeof kept) == 0;
    if (!same) {
        printf("    kept %lld loans %lld fen, the loans %lld loans %lld fen\n",
               (long long)kept.total.loans, (long long)kept.total.balance_fen,
               (long long)loans.total.loans, (long long)loans.total.balance_fen);
    }
    return same;
}

/* The report of the last day closed (as_of 0) equals the loans' figures whether it reads the
 * copy or the loans. */
static bool report_is_the_loans(int32_t last) {
    fb_quality_report r, loans;
    memset(&loans, 0, sizeof loans);
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, 0, 0, false, &r));
    EXPECT_EQ_INT(FB_OK, fb__store_quality(L->store, last, true, 0, 999999, &loans));
    /* The provisions are the report's own (the month-end's run), not the loans'. */
    for (int c = 0; c < FB_CLASS_COUNT_; c++)
        loans.classes[c].provision_fen = r.classes[c].provision_fen;
    for (int b = 0; b < FB_QUALITY_BUCKETS; b++)
        loans.buckets[b].provision_fen = r.buckets[b].provision_fen;
    return memcmp(r.classes, loans.classes, sizeof r.classes) == 0 &&
           memcmp(r.buckets, loans.buckets, sizeof r.buckets) == 0 &&
           r.total.balance_fen == loans.total.balance_fen && r.total.loans == loans.total.loans;
}

static bool fresh_on(int32_t day_) {
    bool fresh = false;
    EXPECT_EQ_INT(FB_OK, fb__store_quality_fresh(L->store, day_, &fresh));
    return fresh;
}

static void the_kept_quality_is_the_loans_across_closes_and_writes(void) {
    uint64_t seed = 20261202;
    const char *env = getenv("FB_SEED");
    if (env) seed = strtoull(env, NULL, 10);
    printf("    seed %llu (FB_SEED)\n", (unsigned long long)seed);
    rng_state = seed;
    open_book();
    char id[16], fac[16], on[11];
    for (int i = 0; i < PARTIES; i++) {
        snprintf(id, sizeof id, "p%d", i);
        snprintf(fac, sizeof fac, "f%d", i);
        party(id, i + 1, i % 3 == 2);
        facility(fac, id, FB_LINE_TECHNOLOGY, 900000000, true);
    }
    int32_t open = day("2025-01-10");
    int serial = 0, fresh = 0, closes = 0, wrong = 0;
    while (open < day("2025-09-30")) {
        /* A drawdown now and then; some borrowers' deposits drained, so that arrears age. */
        if (rnd(2) == 0 || serial == 0) {
            int p = (int)rnd(PARTIES);
            snprintf(fac, sizeof fac, "f%d", p);
            snprintf(id, sizeof id, "L%d", ++serial);
            loan(id, fac, 20000000 + 100000 * (int64_t)rnd(100), 45000, 0, 6,
                 FB_METHOD_EQUAL_INSTALLMENT, fb_date_format(open, on));
        }
        snprintf(id, sizeof id, "p%d", (int)rnd(PARTIES));
        if (rnd(3) == 0) drain(id);
        /* To the month's end now and then, else a few days on. */
        int y = 0, m = 0, d = 0;
        fb_date_to_ymd(open, &y, &m, &d);
        int32_t month_end = fb_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
        int32_t last = rnd(3) == 0 ? month_end : open + (int32_t)rnd(12);
        eod(fb_date_format(last, on));
        closes++;
        fresh += fresh_on(last);
        wrong += !kept_is_the_loans(last) + !report_is_the_loans(last);
        verify_ok();
        /* A repayment on the day open: the copy is no longer the loans', the report reads them. */
        snprintf(id, sizeof id, "L%d", 1 + (int)rnd((uint64_t)serial));
        fb_loan x;
        if (fb_loan_get(L, id, &x) == FB_OK && position(id).status == FB_LOAN_ACTIVE) {
            fund(x.party, 5000000);
            repay(id, 1000000, FB_PREPAY_REDUCE_TERM, NULL);
            EXPECT_TRUE(!fresh_on(last));
            wrong += !report_is_the_loans(last);
        }
        open = last + 1;
    }
    printf("    %d loans, %d closes, %d of them read from the copy until a write\n", serial, closes,
           fresh);
    EXPECT_EQ_INT(0, wrong);
    EXPECT_TRUE(closes > 10 && fresh == closes);

    /* A close, then the copy changed by hand: the report reads it, and verify says so. */
    eod(fb_date_format(open, on));
    EXPECT_TRUE(fresh_on(open));
    fb_quality_report before;
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, 0, 0, false, &before));
    fb_book_close(L);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    char sql[200];
    snprintf(sql, sizeof sql,
             "UPDATE quality_monthly SET balance = balance + 1 WHERE (date, city, line, class,"
             " bucket) = (SELECT date, city, line, class, bucket FROM quality_monthly WHERE date ="
             " %d LIMIT 1)",
             (int)open);
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db, sql, NULL, NULL, NULL));
    EXPECT_EQ_INT(1, sqlite3_changes(db));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    fb_quality_report after;
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, 0, 0, false, &after));
    EXPECT_EQ_INT(before.total.balance_fen + 1, after.total.balance_fen);
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_TRUE(failures >= 1);
    fb_book_close(L);
    L = NULL;
}

/* Closed one day at a time for sixteen months: loans in arrears cross each age bucket's edge
 * (30, 90, 180 and 360 days past due), go non-accrual and non-performing, a borrower holds two,
 * another pays; after every close the copy that end of day kept from the loans' states in memory
 * is, row by row, what the loans give (verify's check of the copy). */
static int copy_failures;
static void count_failure(void *ctx, const char *line) {
    (void)ctx;
    printf("    %s\n", line);
    copy_failures++;
}

static void the_copy_is_the_loans_at_every_edge_of_the_ages_day_by_day(void) {
    open_book();
    const char *parties[] = {"q0", "q1", "q2", "q3"}, *facs[] = {"g0", "g1", "g2", "g3"};
    for (int i = 0; i < 4; i++) {
        party(parties[i], 20 + i, i == 3);
        facility(facs[i], parties[i], FB_LINE_TECHNOLOGY, 900000000, true);
    }
    loan("paid", "g0", 12000000, 45000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    loan("late1", "g1", 24000000, 45000, 0, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-10");
    loan("late2", "g1", 6000000, 52000, 0, 6, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-20");
    loan("late3", "g2", 9000000, 39000, 0, 24, FB_METHOD_INTEREST_ONLY, "2025-02-03");
    loan("bullet", "g3", 30000000, 41000, 0, 3, FB_METHOD_BULLET, "2025-01-15");
    for (int i = 1; i < 4; i++)
        drain(parties[i]);
    fund("q0", 100000000);
    copy_failures = 0;
    int closes = 0;
    char on[11];
    for (int32_t d = day("2025-01-10"); d <= day("2026-04-30"); d++, closes++) {
        eod(fb_date_format(d, on));
        EXPECT_EQ_INT(FB_OK, fb__store_verify_quality_kept(L->store, count_failure, NULL));
    }
    printf("    %d closes\n", closes);
    EXPECT_EQ_INT(0, copy_failures);
    fb_loan_position b = position("bullet");
    EXPECT_TRUE(b.days_past_due > 360 && b.nonaccrual);
    EXPECT_TRUE(position("late3").nonaccrual && position("late3").offbal_interest_fen > 0);
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

int main(void) {
    RUN(the_kept_quality_is_the_loans_across_closes_and_writes);
    RUN(the_copy_is_the_loans_at_every_edge_of_the_ages_day_by_day);
    return test_summary();
}
