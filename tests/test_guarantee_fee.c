/* test_guarantee_fee.c — the guarantee company's fee (担保费) accrued day by day (docs/schemes.md
 * "The fee"): a seeded property test that a year of daily fees in fen, the remainder carried,
 * sums to the year's fee to the fen, and any run of days to its period's fee half up; on a book,
 * the close of each day accruing the part guaranteed x the rate / 360, a quarter's end collecting
 * it from the borrower's deposit to the company's, a borrower who cannot pay owing it with its
 * age, the accrual stopping at the claim, a year charged ahead never accruing, and a book migrated
 * from the fees charged ahead keeping them as they were. verify after each. */
#include <sqlite3.h>
#include <time.h>

#include "book.h"
#include "core/arith.h"
#include "core/fee_accrual.h"
#include "finbridge/scheme.h"

static unsigned long long seed;

static void quiet(void *ctx, const char *line) {
    (void)ctx;
    (void)line;
}

static int64_t half_up(fb_i128 num, fb_i128 den) {
    return (int64_t)fb__div_round_half_up(num, den);
}

/* The rule (docs/schemes.md "The fee"): the days' fees of a year of year_days days on a constant
 * part guaranteed are the year's fee (rate x part, half up) to the fen; over any run of days on
 * a changing part they sum to sum(part x rate) / (year_days x 10^6) half up, at every day. */
static void a_years_daily_fees_sum_to_the_years_fee(void) {
    static const int64_t years[] = {360, 365, 366};
    int bad = 0;
    for (int t = 0; t < 3000 && bad < 3; t++) {
        int64_t year = years[rnd(3)];
        int64_t base = (int64_t)rnd(t % 3 == 0 ? 1000 : 2000000000000ull);
        int64_t rate = (int64_t)rnd(t % 5 == 0 ? 100 : 30001); /* up to 3% a year */
        int64_t carry = fb__fee_carry_start(year), sum = 0;
        for (int64_t d = 0; d < year; d++)
            sum += fb__fee_day(base, rate, year, &carry);
        int64_t want = half_up((fb_i128)base * rate, 1000000);
        if (sum != want) {
            bad++;
            printf("    base %lld rate %lld year %lld: %lld, not %lld (seed %llu)\n",
                   (long long)base, (long long)rate, (long long)year, (long long)sum,
                   (long long)want, seed);
        }
        /* A changing part over a random run of days: the sum is the exact fee half up, daily. */
        carry = fb__fee_carry_start(year);
        sum = 0;
        fb_i128 exact = 0;
        int days = 1 + (int)rnd(800);
        for (int d = 0; d < days && bad < 3; d++) {
            if (rnd(30) == 0) base = (int64_t)rnd((uint64_t)base + 1); /* repaid: it only falls */
            sum += fb__fee_day(base, rate, year, &carry);
            exact += (fb_i128)base * rate;
            if (sum != half_up(exact, (fb_i128)year * 1000000)) {
                bad++;
                printf("    day %d: %lld, not the period's fee half up (seed %llu)\n", d,
                       (long long)sum, seed);
            }
        }
    }
    EXPECT_EQ_INT(0, bad);
    /* 1% of 8,000,000 fen on a 360-day year: 222.22 fen a day, 80,000 in 360 days. */
    int64_t carry = fb__fee_carry_start(360), first = fb__fee_day(8000000, 10000, 360, &carry);
    EXPECT_EQ_INT(222, first);
    for (int d = 1; d < 360; d++)
        first += fb__fee_day(8000000, 10000, 360, &carry);
    EXPECT_EQ_INT(80000, first);
}

static fb_guarantee guarantee(const char *id, const char *loan) {
    fb_guarantee g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "%s", id);
    snprintf(g.loan, sizeof g.loan, "%s", loan);
    snprintf(g.company, sizeof g.company, "p2"); /* the guarantee company, a party */
    g.covered_e6 = 800000;
    return g;
}

static fb_guarantee_view view(const char *id) {
    fb_guarantee_view v;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, id, &v));
    return v;
}

/* The book: p1 borrows b (10m, a bullet in 2 years: nothing falls due in the test's year), e (5m,
 * the same) and, with_a, a (10m, due 2025-04-01); p2 guarantees b (G1, 80%). */
static void book(bool with_a) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, true);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("b", "f1", 10000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    loan("e", "f1", 5000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    if (with_a) loan("a", "f1", 10000000, 40000, 0, 3, FB_METHOD_BULLET, "2025-01-01");
    eod("2025-01-01");
    fb_guarantee_result r;
    fb_guarantee g = guarantee("G1", "b");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
}

/* Accrued each close on 80% of 10m at 1% / 360 (222.22 fen a day, half up over the days),
 * collected at the quarter's end from the borrower's deposit to the company's; a year already
 * accruing is not charged ahead as well. */
static void the_fee_accrues_each_close_and_is_collected_at_the_quarters_end(void) {
    book(false);
    eod("2025-03-30"); /* 2025-01-02 .. 03-30: 88 days */
    fb_guarantee_view v = view("G1");
    EXPECT_EQ_INT(19556, v.fee_accrued_fen); /* 19,555.56 */
    EXPECT_EQ_INT(0, v.fee_collected_fen);
    EXPECT_EQ_INT(day("2025-03-30"), v.fee_day);
    EXPECT_EQ_INT(19556, balance("gl:guarantee_fee_receivable"));
    EXPECT_EQ_INT(-19556, balance("gl:guarantee_fee_payable"));
    verify_ok();
    int64_t fee = 0, available = 0;
    int32_t year = 0;
    fb_guarantee_result r = FB_GUARANTEE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_charge_fee(L, "G1", &fee, &year, &available, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_ACCRUING, r);
    int64_t borrower = balance("dep:p1"), company = balance("dep:p2");
    eod("2025-03-31"); /* 89 days: 19,777.78; the quarter's end collects it */
    v = view("G1");
    EXPECT_EQ_INT(19778, v.fee_accrued_fen);
    EXPECT_EQ_INT(19778, v.fee_collected_fen);
    EXPECT_EQ_INT(0, v.fee_unpaid_since);
    EXPECT_EQ_INT(borrower + 19778, balance("dep:p1"));
    EXPECT_EQ_INT(company - 19778, balance("dep:p2"));
    EXPECT_EQ_INT(0, balance("gl:guarantee_fee_receivable"));
    EXPECT_EQ_INT(0, balance("gl:guarantee_fee_payable"));
    verify_ok();
    /* Monthly by the setting: 2025-04-30 collects April's 30 days (6,666.67 more in all). */
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "guarantee_fee_collect_months", 1));
    eod("2025-04-30");
    v = view("G1");
    EXPECT_EQ_INT(26444, v.fee_accrued_fen); /* 119 days: 26,444.44 */
    EXPECT_EQ_INT(26444, v.fee_collected_fen);
    verify_ok();
    fb_book_close(L);
}

/* A borrower who cannot pay: the fee stays owed with the first collection day it was left unpaid
 * and its age; a deposit that holds part pays part, the borrower's guarantees in order; the rest
 * is taken first at the next collection day. */
static void an_unpaid_fee_stays_owed_and_ages(void) {
    book(false);
    fb_guarantee_result r;
    fb_guarantee g = guarantee("G3", "e");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    drain("p1");
    eod("2025-03-31");
    fb_guarantee_view v1 = view("G1"), v3 = view("G3");
    EXPECT_EQ_INT(19778, v1.fee_accrued_fen);
    EXPECT_EQ_INT(9889, v3.fee_accrued_fen); /* 4m x 1% x 89 / 360 = 9,888.89 */
    EXPECT_EQ_INT(0, v1.fee_collected_fen);
    EXPECT_EQ_INT(day("2025-03-31"), v1.fee_unpaid_since);
    EXPECT_EQ_INT(1, v1.fee_unpaid_days);
    EXPECT_EQ_INT(19778 + 9889, balance("gl:guarantee_fee_receivable"));
    verify_ok();
    /* 06-30: G1's 180 days are 40,000.00, G3's 20,000.00; the deposit holds G1's and 1,000. */
    eod("2025-06-29");
    EXPECT_EQ_INT(91, view("G1").fee_unpaid_days);
    int64_t company = balance("dep:p2");
    fund("p1", 40000 + 1000);
    eod("2025-06-30");
    v1 = view("G1");
    v3 = view("G3");
    EXPECT_EQ_INT(40000, v1.fee_accrued_fen);
    EXPECT_EQ_INT(40000, v1.fee_collected_fen);
    EXPECT_EQ_INT(0, v1.fee_unpaid_since);
    EXPECT_EQ_INT(20000, v3.fee_accrued_fen);
    EXPECT_EQ_INT(1000, v3.fee_collected_fen);
    EXPECT_EQ_INT(day("2025-03-31"), v3.fee_unpaid_since); /* its age runs from the first */
    EXPECT_EQ_INT(company - 41000, balance("dep:p2"));
    EXPECT_EQ_INT(0, balance("dep:p1"));
    EXPECT_EQ_INT(19000, balance("gl:guarantee_fee_receivable"));
    verify_ok();
    /* Paid in full at the next collection day. */
    fund("p1", 100000);
    eod("2025-09-30");
    v3 = view("G3");
    EXPECT_EQ_INT(v3.fee_accrued_fen, v3.fee_collected_fen);
    EXPECT_EQ_INT(0, v3.fee_unpaid_since);
    EXPECT_EQ_INT(0, balance("gl:guarantee_fee_receivable"));
    verify_ok();
    fb_book_close(L);
}

/* A claim ends the guarantee: the fee accrues through the day before it and no more; what it owes
 * is still collected. */
static void a_claim_ends_the_accrual(void) {
    book(true);
    fb_guarantee_result r;
    fb_guarantee g = guarantee("G2", "a");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    drain("p1");
    eod("2025-06-29"); /* a 90 days past due */
    fb_guarantee_view v;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G2", &v, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    v = view("G2");
    EXPECT_EQ_INT(day("2025-06-29"), v.fee_day);
    EXPECT_EQ_INT(39778, v.fee_accrued_fen); /* 179 days: 39,777.78 */
    eod("2025-07-31");
    v = view("G2");
    EXPECT_EQ_INT(39778, v.fee_accrued_fen);
    EXPECT_EQ_INT(day("2025-06-29"), v.fee_day);
    EXPECT_EQ_INT(day("2025-03-31"), v.fee_unpaid_since);
    verify_ok();
    fb_book_close(L);
}

/* A year charged ahead (guarantee_fee.c) never accrues: its days are paid. */
static void a_year_charged_ahead_does_not_accrue(void) {
    book(false);
    fb_guarantee_result r;
    fb_guarantee g = guarantee("G3", "e");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    int64_t fee = 0, available = 0;
    int32_t year = 0;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_charge_fee(L, "G3", &fee, &year, &available, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    EXPECT_EQ_INT(40000, fee);
    eod("2026-01-01"); /* its year 2025-01-02 .. 2026-01-01 */
    fb_guarantee_view v = view("G3");
    EXPECT_EQ_INT(0, v.fee_accrued_fen);
    EXPECT_EQ_INT(40000, v.fees_fen);
    EXPECT_EQ_INT(81111, view("G1").fee_accrued_fen); /* 365 days at 222.22: 81,111.11 */
    eod("2026-01-02");                                /* the next year's first day accrues */
    EXPECT_EQ_INT(111, view("G3").fee_accrued_fen);
    verify_ok();
    fb_book_close(L);
}

/* A book written when the fee was charged a year ahead: migrated, its fees stay as they were (a
 * year charged never accrues); a guarantee charged nothing accrues from the first close after. */
/* What the migrations after the fee's and the schemes' history added, undone last first: the
 * pools' kept figures, then the demands' kept measures (a migration appended later adds its undo
 * steps here and one to the count below). */
#define UNDO_AFTER_FEES                                                                            \
    " DROP TABLE subsidy_net; ALTER TABLE subsidies DROP COLUMN listed;"                           \
    " DROP TRIGGER loan_state_pool_insert; DROP TRIGGER loan_state_pool_update;"                   \
    " DROP TRIGGER loan_state_pool_delete; DROP TRIGGER pools_kept;"                               \
    " DROP TRIGGER pool_cover_kept_insert; DROP TRIGGER pool_cover_kept_update;"                   \
    " DROP TABLE pool_kept; ALTER TABLE pool_cover DROP COLUMN k_active;"                          \
    " ALTER TABLE pool_cover DROP COLUMN k_principal; ALTER TABLE pool_cover DROP COLUMN k_npl;"   \
    " DROP INDEX demands_measured; DROP INDEX demands_granted_on;"                                 \
    " DROP TRIGGER loans_demand_drawdown; DROP TRIGGER demands_granted_drawdown;"                  \
    " DROP TRIGGER demands_party_key; DROP TRIGGER demands_steps_once;"                            \
    " CREATE TRIGGER demands_steps_once BEFORE UPDATE ON demands WHEN OLD.status >= 3"             \
    " OR NEW.status <= OLD.status BEGIN SELECT RAISE(ABORT, 'steps once'); END;"                   \
    " ALTER TABLE demands DROP COLUMN first_drawdown; ALTER TABLE demands DROP COLUMN party_key;"
/* (The small-business owners' loans made retail changes rows only: nothing to undo, one version
 * more to go back.) */

static void a_migrated_book_keeps_its_fees_charged_ahead(void) {
    book(false);
    fb_guarantee_result r;
    fb_guarantee g = guarantee("G3", "e");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    int64_t fee = 0, available = 0;
    int32_t year = 0;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_charge_fee(L, "G3", &fee, &year, &available, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    fb_book_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(
        SQLITE_OK,
        sqlite3_exec(
            db,
            "UPDATE meta SET value = value - 6 WHERE key = 'schema_version';" UNDO_AFTER_FEES
            " DROP TABLE scheme_daily;"
            " ALTER TABLE guarantees DROP COLUMN fee_unpaid_since;"
            " ALTER TABLE guarantees DROP COLUMN fee_day;"
            " ALTER TABLE guarantees DROP COLUMN fee_carry;"
            " ALTER TABLE guarantees DROP COLUMN fee_collected;"
            " ALTER TABLE guarantees DROP COLUMN fee_accrued;",
            NULL, NULL, NULL));
    sqlite3_close(db);
    char e[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, e, sizeof e));
    fb_guarantee_view v = view("G3");
    EXPECT_EQ_INT(40000, v.fees_fen);
    EXPECT_EQ_INT(1, v.fee_years);
    EXPECT_EQ_INT(0, v.fee_accrued_fen);
    verify_ok();
    eod("2025-01-31");
    EXPECT_EQ_INT(0, view("G3").fee_accrued_fen);
    EXPECT_EQ_INT(6667, view("G1").fee_accrued_fen); /* 30 days: 6,666.67 */
    verify_ok();
    /* A fen more on a guarantee than its accounts hold: verify says so. */
    fb_book_close(L);
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(book_path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE guarantees SET fee_accrued = fee_accrued + 1"
                                          " WHERE id = 'G1'",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, e, sizeof e));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, quiet, NULL, &failures));
    EXPECT_EQ_INT(3, failures); /* the receivable, the payable and the days' accruals */
    fb_book_close(L);
}

int main(void) {
    const char *s = getenv("FB_SEED");
    seed = s ? strtoull(s, NULL, 10) : (unsigned long long)time(NULL);
    if (seed == 0) seed = 1;
    rng_state = seed;
    printf("seed %llu\n", seed);
    test_run("a_years_daily_fees_sum_to_the_years_fee", a_years_daily_fees_sum_to_the_years_fee);
    test_run("the_fee_accrues_each_close_and_is_collected_at_the_quarters_end",
             the_fee_accrues_each_close_and_is_collected_at_the_quarters_end);
    test_run("an_unpaid_fee_stays_owed_and_ages", an_unpaid_fee_stays_owed_and_ages);
    test_run("a_claim_ends_the_accrual", a_claim_ends_the_accrual);
    test_run("a_year_charged_ahead_does_not_accrue", a_year_charged_ahead_does_not_accrue);
    test_run("a_migrated_book_keeps_its_fees_charged_ahead",
             a_migrated_book_keeps_its_fees_charged_ahead);
    return test_summary();
}
