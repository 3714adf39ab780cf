/* test_new_borrowers.c — the distinct borrowers of new credit in the credit report (the
 * government's small cells count them) as kept by the drawdowns and the close of each day
 * (store/aggregates.c: agg_drawer, agg_drawer_daily) against the same count read from every loan
 * drawn: a seeded walk of drawdowns and repayments across a year's end, the two equal on each day
 * closed, for every combination of dimensions, for the province and for one city; verify proves
 * the kept counts, and finds one changed by hand. */
#include <sqlite3.h>

#include "book.h"
#include "book/book_internal.h"
#include "store/book_rows.h"

/* An enterprise of a district of Liaoning; micro unless big. */
static void party_in(const char *id, int serial, int32_t district, bool big) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91%06uMA0D%05u", (unsigned)district % 1000000u,
             (unsigned)serial % 100000u);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = district;
    p.industry = 3670;
    p.figures = big ? (fb_firm_figures){5000, 900000000000LL, 900000000000LL}
                    : (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

#define PARTIES 12
static const fb_line lines[3] = {FB_LINE_INCLUSIVE, FB_LINE_TECHNOLOGY, FB_LINE_GREEN};

/* Twelve borrowers in three cities, micro and large, each with a facility of three lines (a
 * large one's first of the supply chain: it is outside the inclusive line). */
static void borrowers(void) {
    static const int32_t districts[3] = {210102, 210202, 210302};
    for (int i = 0; i < PARTIES; i++) {
        char id[16], fac[16];
        snprintf(id, sizeof id, "p%d", i);
        party_in(id, i + 1, districts[i % 3], i % 4 == 3);
        for (int l = 0; l < 3; l++) {
            snprintf(fac, sizeof fac, "f%d-%d", i, l);
            bool big = i % 4 == 3;
            facility(fac, id, l == 0 && big ? FB_LINE_SUPPLY_CHAIN : lines[l], 900000000, true);
        }
    }
}

/* The report's rows through the kept counts and read from the loans: the same, row by row. */
static int compared;
static bool same_as_the_loans(int32_t as_of, unsigned dims, int32_t lo, int32_t hi) {
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(as_of, &y, &m, &d);
    int32_t from = fb_date_from_ymd(y, 1, 1);
    fb_report_row *kept = NULL, *read = NULL;
    size_t nk = 0, nr = 0;
    EXPECT_EQ_INT(FB_OK, fb__store_report_cells(L->store, as_of, from, dims, lo, hi,
                                                FB_NEW_BORROWERS_KEPT, &kept, &nk));
    EXPECT_EQ_INT(FB_OK, fb__store_report_cells(L->store, as_of, from, dims, lo, hi,
                                                FB_NEW_BORROWERS_SCAN, &read, &nr));
    bool same = nk == nr && (nk == 0 || memcmp(kept, read, nk * sizeof *kept) == 0);
    if (!same) {
        char when[11];
        printf("    %s dims %u cities %d-%d: %zu rows kept, %zu read\n",
               fb_date_format(as_of, when), dims, (int)lo, (int)hi, nk, nr);
        for (size_t i = 0; i < nk && i < nr; i++) {
            if (kept[i].new_borrowers != read[i].new_borrowers)
                printf("      row %zu city %d line %d: %lld kept, %lld read\n", i,
                       (int)kept[i].city, kept[i].line, (long long)kept[i].new_borrowers,
                       (long long)read[i].new_borrowers);
        }
    }
    compared++;
    free(kept);
    free(read);
    return same;
}

/* Whether the close of the day kept its count (its mark, every 2). */
static bool kept_on(int32_t date) {
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open_v2(book_path, &db, SQLITE_OPEN_READONLY, NULL));
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM agg_drawer_daily WHERE date = ?1 AND every = 2",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, date);
    bool kept = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return kept;
}

static bool every_combination(int32_t as_of) {
    bool same = true;
    for (unsigned dims = 0; dims < 16; dims++) {
        same = same_as_the_loans(as_of, dims, 0, 999999) && same;
        same = same_as_the_loans(as_of, dims, 210200, 210200) && same;
    }
    return same;
}

static void kept_counts_are_the_loans_across_writes_and_days(void) {
    uint64_t seed = 20261201;
    const char *env = getenv("FB_SEED");
    if (env) seed = strtoull(env, NULL, 10);
    printf("    seed %llu (FB_SEED)\n", (unsigned long long)seed);
    rng_state = seed;
    open_book();
    borrowers();
    int32_t open = day("2025-12-01"), first = open;
    int serial = 0, mismatched = 0, unkept = 0;
    char on[11], loan_id[24], fac[16];
    while (open < day("2026-02-15")) {
        for (int k = (int)rnd(4); k > 0; k--) {
            int p = (int)rnd(PARTIES), l = (int)rnd(3);
            snprintf(fac, sizeof fac, "f%d-%d", p, l);
            snprintf(loan_id, sizeof loan_id, "L%d", ++serial);
            loan(loan_id, fac, 10000000 + 100000 * (int64_t)rnd(100), 40000, 0, 12,
                 FB_METHOD_EQUAL_INSTALLMENT, fb_date_format(open, on));
            /* Now and then a prepayment of a loan drawn before: no new credit. */
            if (serial > 2 && rnd(3) == 0) {
                snprintf(loan_id, sizeof loan_id, "L%d", 1 + (int)rnd((uint64_t)serial - 1));
                fb_loan x;
                if (fb_loan_get(L, loan_id, &x) == FB_OK) {
                    fund(x.party, 2000000);
                    repay(loan_id, 1000000, FB_PREPAY_REDUCE_INSTALLMENT, NULL);
                }
            }
        }
        int32_t next = open + 1 + (int32_t)rnd(5);
        eod(fb_date_format(next - 1, on));
        /* Each day just closed and one closed before, for every combination of dimensions. */
        for (int32_t d = open; d < next; d++) {
            unkept += !kept_on(d);
            mismatched += !every_combination(d);
        }
        mismatched += !every_combination(first + (int32_t)rnd((uint64_t)(next - first)));
        open = next;
    }
    EXPECT_EQ_INT(0, unkept);
    EXPECT_EQ_INT(0, mismatched);
    EXPECT_TRUE(compared > 1000);
    printf("    %d loans, %d comparisons\n", serial, compared);
    verify_ok();

    /* A count changed by hand: the report's kept rows differ from the loans, and verify says
     * which day and cell. */
    int32_t last = open - 1;
    fb_book_close(L);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    char sql[200];
    snprintf(sql, sizeof sql,
             "UPDATE agg_drawer_daily SET n = n + 1 WHERE date = %d AND every = 1 AND cell ="
             " (SELECT MIN(cell) FROM agg_drawer_daily WHERE date = %d AND every = 1)",
             (int)last, (int)last);
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db, sql, NULL, NULL, NULL));
    EXPECT_EQ_INT(1, sqlite3_changes(db));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    EXPECT_TRUE(!same_as_the_loans(last, 0, 0, 999999));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_TRUE(failures >= 1);
    fb_book_close(L);
    L = NULL;
}

/* The first day of a year starts the count again; a period that is not the year to date, or a
 * day not kept, reads the loans. */
static void a_new_year_counts_again(void) {
    open_book();
    borrowers();
    loan("A", "f0-0", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-12-30");
    loan("B", "f0-1", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-12-30");
    eod("2025-12-31");
    loan("C", "f1-0", 10000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2026-01-01");
    eod("2026-01-02");
    fb_report_row *v = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb__report_credit_cells(L, day("2025-12-31"), day("2025-01-01"), 0, 0,
                                                 true, &v, &n));
    EXPECT_EQ_INT(1, n);
    if (n) EXPECT_EQ_INT(1, v[0].new_borrowers); /* p0, in two lines, once */
    free(v);
    EXPECT_EQ_INT(FB_OK, fb__report_credit_cells(L, day("2026-01-02"), day("2026-01-01"), 0, 0,
                                                 true, &v, &n));
    EXPECT_EQ_INT(1, n);
    if (n) EXPECT_EQ_INT(1, v[0].new_borrowers); /* p1 alone this year */
    free(v);
    /* From the December before: p0 and p1, read from the loans. */
    EXPECT_EQ_INT(FB_OK, fb__report_credit_cells(L, day("2026-01-02"), day("2025-12-01"), 0, 0,
                                                 true, &v, &n));
    EXPECT_EQ_INT(1, n);
    if (n) EXPECT_EQ_INT(2, v[0].new_borrowers);
    free(v);
    EXPECT_TRUE(same_as_the_loans(day("2026-01-01"), 4, 0, 999999));
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

int main(void) {
    RUN(kept_counts_are_the_loans_across_writes_and_days);
    RUN(a_new_year_counts_again);
    return test_summary();
}
