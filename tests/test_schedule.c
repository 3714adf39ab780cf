/* test_schedule.c — repayment schedules, interest for days, rates, exact arithmetic. */
#include "core/arith.h"
#include "finbridge/finbridge.h"
#include "test.h"

static fb_installment s[FB_LOAN_MONTHS_MAX];
static size_t n;

static int32_t date(const char *text) {
    int32_t d = 0;
    if (fb_date_parse(text, &d, NULL) != FB_OK) printf("    bad date %s\n", text);
    return d;
}

static fb_loan_terms terms(int64_t principal_fen, int64_t rate_e6, int months, fb_method m,
                           const char *start) {
    fb_loan_terms t = {principal_fen, rate_e6, months, m, date(start), 0, FB_DAYCOUNT_ACT360};
    return t;
}

static int build(fb_loan_terms t) {
    const char *field = NULL, *why = NULL;
    int rc = fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why);
    if (rc) printf("    schedule: %s %s\n", field, why);
    return rc;
}

static void fineract_declining_balance_6_months(void) {
    /* DOMAIN.md: 100.00 at 12% for 6 months from 2024-01-01. */
    EXPECT_EQ_INT(FB_OK, build(terms(10000, 120000, 6, FB_METHOD_EQUAL_INSTALLMENT, "2024-01-01")));
    EXPECT_EQ_INT(6, n);
    const int64_t interest[6] = {100, 84, 67, 51, 34, 17};
    int64_t total = 0;
    for (int k = 0; k < 6; k++) {
        EXPECT_EQ_INT(interest[k], s[k].interest_fen);
        EXPECT_EQ_INT(k < 5 ? 1725 : 1728, s[k].payment_fen);
        total += s[k].interest_fen;
    }
    EXPECT_EQ_INT(353, total);
    EXPECT_EQ_INT(0, s[5].balance_fen);
    char buf[11];
    EXPECT_EQ_STR("2024-02-01", fb_date_format(s[0].due_date, buf));
    EXPECT_EQ_STR("2024-07-01", fb_date_format(s[5].due_date, buf));
}

static void fineract_installment_18_months(void) {
    /* DOMAIN.md: 5000.00 at 12%, 18 monthly periods from 2022-11-01: 304.91. */
    EXPECT_EQ_INT(FB_OK,
                  build(terms(500000, 120000, 18, FB_METHOD_EQUAL_INSTALLMENT, "2022-11-01")));
    EXPECT_EQ_INT(30491, s[0].payment_fen);
    EXPECT_EQ_INT(30491, s[16].payment_fen);
}

static void mortgage_of_a_million(void) {
    /* The figure every Chinese mortgage calculator gives: 1,000,000 at 4.9% over 30 years. */
    EXPECT_EQ_INT(FB_OK,
                  build(terms(100000000, 49000, 360, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-15")));
    EXPECT_EQ_INT(530727, s[0].payment_fen);
    EXPECT_EQ_INT(408333, s[0].interest_fen);
    EXPECT_EQ_INT(360, n);
    EXPECT_EQ_INT(0, s[359].balance_fen);
}

static void equal_principal_pays_down_evenly(void) {
    EXPECT_EQ_INT(FB_OK,
                  build(terms(12000000, 60000, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-03-10")));
    EXPECT_EQ_INT(1000000, s[0].principal_fen);
    EXPECT_EQ_INT(60000, s[0].interest_fen); /* 120,000 x 6% / 12 = 600.00 */
    EXPECT_EQ_INT(55000, s[1].interest_fen); /* 110,000 x 0.5% */
    EXPECT_EQ_INT(5000, s[11].interest_fen); /* 10,000 x 0.5% */
    EXPECT_EQ_INT(1005000, s[11].payment_fen);
    /* A principal that does not divide: the last installment takes the rest. */
    EXPECT_EQ_INT(FB_OK, build(terms(100000, 60000, 3, FB_METHOD_EQUAL_PRINCIPAL, "2025-03-10")));
    EXPECT_EQ_INT(33333, s[0].principal_fen);
    EXPECT_EQ_INT(33334, s[2].principal_fen);
}

static void interest_only_then_principal(void) {
    EXPECT_EQ_INT(FB_OK, build(terms(10000000, 60000, 12, FB_METHOD_INTEREST_ONLY, "2025-01-01")));
    for (int k = 0; k < 11; k++) {
        EXPECT_EQ_INT(50000, s[k].payment_fen);
        EXPECT_EQ_INT(0, s[k].principal_fen);
    }
    EXPECT_EQ_INT(10050000, s[11].payment_fen);
}

static void bullet_uses_the_day_count(void) {
    fb_loan_terms t = terms(10000000, 36500, 12, FB_METHOD_BULLET, "2025-01-01");
    EXPECT_EQ_INT(FB_OK, build(t));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(370069, s[0].interest_fen); /* 100,000 x 3.65% x 365 / 360 = 3,700.69 */
    t.day_count = FB_DAYCOUNT_ACT365;
    EXPECT_EQ_INT(FB_OK, build(t));
    EXPECT_EQ_INT(365000, s[0].interest_fen);
    /* Across a leap year: 184 days of 2023 over 365, 182 of 2024 over 366: 3,655.03. */
    t = terms(10000000, 36500, 12, FB_METHOD_BULLET, "2023-07-01");
    t.day_count = FB_DAYCOUNT_ACTACT;
    EXPECT_EQ_INT(FB_OK, build(t));
    EXPECT_EQ_INT(365503, s[0].interest_fen);
    char buf[11];
    EXPECT_EQ_STR("2024-07-01", fb_date_format(s[0].due_date, buf));
}

static void due_dates_keep_the_repayment_day(void) {
    EXPECT_EQ_INT(FB_OK, build(terms(300000, 50000, 4, FB_METHOD_EQUAL_PRINCIPAL, "2024-01-31")));
    char buf[11];
    EXPECT_EQ_STR("2024-02-29", fb_date_format(s[0].due_date, buf));
    EXPECT_EQ_STR("2024-03-31", fb_date_format(s[1].due_date, buf));
    EXPECT_EQ_STR("2024-04-30", fb_date_format(s[2].due_date, buf));
    EXPECT_EQ_STR("2024-05-31", fb_date_format(s[3].due_date, buf));
    EXPECT_EQ_INT(date("2025-03-31"), fb_date_add_months(date("2025-01-31"), 2, 31));
    EXPECT_EQ_INT(date("2025-02-28"), fb_date_add_months(date("2025-01-31"), 1, 31));
    EXPECT_EQ_INT(date("2026-01-20"), fb_date_add_months(date("2025-12-05"), 1, 20));
}

/* 等额本金 rounds P / n half up to the fen (DOMAIN.md; every published calculator): 1,000,000.00
 * at 4.9% over 360 months pays 6,861.11 first, 2,777.78 of it principal; the last takes the
 * rest. */
static void equal_principal_rounds_half_up(void) {
    EXPECT_EQ_INT(FB_OK,
                  build(terms(100000000, 49000, 360, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15")));
    EXPECT_EQ_INT(277778, s[0].principal_fen);
    EXPECT_EQ_INT(408333, s[0].interest_fen);
    EXPECT_EQ_INT(686111, s[0].payment_fen);
    EXPECT_EQ_INT(100000000 - 359 * 277778, s[359].principal_fen);
    EXPECT_EQ_INT(0, s[359].balance_fen);
    /* 2,000.00 over 3: 666.67, 666.67, 666.66. */
    EXPECT_EQ_INT(FB_OK, build(terms(200000, 60000, 3, FB_METHOD_EQUAL_PRINCIPAL, "2025-03-10")));
    EXPECT_EQ_INT(66667, s[0].principal_fen);
    EXPECT_EQ_INT(66667, s[1].principal_fen);
    EXPECT_EQ_INT(66666, s[2].principal_fen);
}

/* The last installment falls on the contract's maturity whatever the repayment day, its broken
 * period counted by days: 12 months from 2025-01-15 repaid on the 21st mature 2026-01-15, not
 * 2026-01-21. */
static void maturity_keeps_the_contract_term(void) {
    fb_loan_terms t = terms(12000000, 43500, 12, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15");
    t.repayment_day = 21;
    EXPECT_EQ_INT(FB_OK, build(t));
    EXPECT_EQ_INT(12, n);
    char buf[11];
    EXPECT_EQ_STR("2025-02-21", fb_date_format(s[0].due_date, buf));
    EXPECT_EQ_STR("2025-12-21", fb_date_format(s[10].due_date, buf));
    EXPECT_EQ_STR("2026-01-15", fb_date_format(s[11].due_date, buf));
    /* The first period, 2025-01-15 to 02-21, is 37 days; the last, 12-21 to 01-15, 25 days. */
    EXPECT_EQ_INT(fb_interest_for_days(12000000, 43500, date("2025-01-15"), date("2025-02-21"),
                                       FB_DAYCOUNT_ACT360),
                  s[0].interest_fen);
    EXPECT_EQ_INT(fb_interest_for_days(1000000, 43500, date("2025-12-21"), date("2026-01-15"),
                                       FB_DAYCOUNT_ACT360),
                  s[11].interest_fen);
    EXPECT_EQ_INT(3021, s[11].interest_fen); /* 10,000 x 4.35% x 25 / 360 = 30.21 */
    /* A middle period is a regular month at the monthly rate. */
    EXPECT_EQ_INT(39875, s[1].interest_fen); /* 110,000 x 4.35% / 12 = 398.75 */
    /* Every method; a bullet loan too. */
    for (int m = 0; m < FB_METHOD_COUNT_; m++) {
        t.method = (fb_method)m;
        EXPECT_EQ_INT(FB_OK, build(t));
        EXPECT_EQ_STR("2026-01-15", fb_date_format(s[n - 1].due_date, buf));
    }
}

static void broken_first_period_counts_days(void) {
    /* Drawn 2025-01-15, repaid on the 20th: the first period is 36 days at 4.35% / 360. */
    fb_loan_terms t = terms(12000000, 43500, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-15");
    t.repayment_day = 20;
    EXPECT_EQ_INT(FB_OK, build(t));
    char buf[11];
    EXPECT_EQ_STR("2025-02-20", fb_date_format(s[0].due_date, buf));
    EXPECT_EQ_INT(52200, s[0].interest_fen); /* 120,000 x 4.35% x 36 / 360 = 522.00 */
    EXPECT_EQ_INT(43500, fb_interest_for_days(12000000, 43500, date("2025-01-15"),
                                              date("2025-02-14"), FB_DAYCOUNT_ACT360));
    /* From the second period on, the monthly rate and the regular installment. */
    EXPECT_EQ_INT(s[1].payment_fen, s[2].payment_fen);
    EXPECT_EQ_STR("2025-03-20", fb_date_format(s[1].due_date, buf));
}

static void every_schedule_repays_its_principal(void) {
    uint64_t x = 0x9E3779B97F4A7C15ull;
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        fb_loan_terms t = {(int64_t)(x % 1000000000000ull) + 1,
                           (int64_t)(x >> 20) % FB_RATE_MAX_E6 + 1,
                           (int32_t)((x >> 40) % FB_LOAN_MONTHS_MAX) + 1,
                           (fb_method)((x >> 50) % FB_METHOD_COUNT_),
                           (int32_t)((x >> 8) % 30000),
                           (int)((x >> 30) % 32),
                           (fb_day_count)((x >> 55) % FB_DAYCOUNT_COUNT_)};
        if (build(t) != FB_OK) {
            bad++;
            continue;
        }
        int64_t principal = 0, last_balance = t.principal_fen;
        for (size_t k = 0; k < n; k++) {
            principal += s[k].principal_fen;
            bad += s[k].balance_fen > last_balance || s[k].interest_fen < 0 ||
                   s[k].payment_fen != s[k].principal_fen + s[k].interest_fen ||
                   (k > 0 && s[k].due_date <= s[k - 1].due_date);
            last_balance = s[k].balance_fen;
        }
        bad += principal != t.principal_fen || last_balance != 0;
    }
    EXPECT_EQ_INT(0, bad);
}

static void schedule_refuses_bad_terms(void) {
    fb_loan_terms t = terms(100000, 0, 12, FB_METHOD_BULLET, "2025-01-01");
    const char *field = NULL, *why = NULL;
    EXPECT_EQ_INT(FB_EINVAL, fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    EXPECT_EQ_STR("rate", field);
    t.rate_e6 = 240001;
    EXPECT_EQ_INT(FB_EINVAL, fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    EXPECT_EQ_STR("is above the 24% ceiling", why);
    t.rate_e6 = 40000;
    t.months = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    EXPECT_EQ_STR("months", field);
    t.months = 481;
    EXPECT_EQ_INT(FB_EINVAL, fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    t.months = 12;
    t.principal_fen = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why));
    EXPECT_EQ_STR("principal", field);
}

static void rates_parse_as_percent(void) {
    int64_t r = 0;
    const char *why = NULL;
    EXPECT_EQ_INT(FB_OK, fb_rate_parse("4.9", &r, &why));
    EXPECT_EQ_INT(49000, r);
    EXPECT_EQ_INT(FB_OK, fb_rate_parse("3.4500", &r, &why));
    EXPECT_EQ_INT(34500, r);
    EXPECT_EQ_INT(FB_OK, fb_rate_parse("12", &r, &why));
    EXPECT_EQ_INT(120000, r);
    EXPECT_EQ_INT(FB_EINVAL, fb_rate_parse("3.45001", &r, &why));
    EXPECT_EQ_STR("has more than four decimals", why);
    EXPECT_EQ_INT(FB_EINVAL, fb_rate_parse("-1", &r, &why));
    EXPECT_EQ_STR("is negative", why);
    EXPECT_EQ_INT(FB_EINVAL, fb_rate_parse("4.9%", &r, &why));
    char buf[FB_RATE_STR_MAX];
    EXPECT_EQ_STR("3.4500", fb_rate_format(34500, buf));
}

static void arithmetic_is_exact(void) {
    EXPECT_EQ_INT(1, fb__div_round_half_up(5, 10));
    EXPECT_EQ_INT(0, fb__div_round_half_up(4, 10));
    EXPECT_EQ_INT(2, fb__div_round_half_up(15, 10));
    EXPECT_EQ_INT(3, fb__div_round_half_up(25, 10));
    EXPECT_EQ_INT(1, fb__div_round_half_up(2, 3));
    /* (2^100 x 3^40) / 3^40 = 2^100, through a 256-bit product. */
    fb_u128 p2 = (fb_u128)1 << 100, p3 = 12157665459056928801ull; /* 3^40 */
    EXPECT_TRUE(fb__mul_div_u128(p2, p3, 12157665459056928801ull) == p2);
    EXPECT_TRUE(fb__mul_div_u128(7, 9, 2) == 31);
}

int main(void) {
    RUN(fineract_declining_balance_6_months);
    RUN(fineract_installment_18_months);
    RUN(mortgage_of_a_million);
    RUN(equal_principal_pays_down_evenly);
    RUN(interest_only_then_principal);
    RUN(bullet_uses_the_day_count);
    RUN(due_dates_keep_the_repayment_day);
    RUN(equal_principal_rounds_half_up);
    RUN(maturity_keeps_the_contract_term);
    RUN(broken_first_period_counts_days);
    RUN(every_schedule_repays_its_principal);
    RUN(schedule_refuses_bad_terms);
    RUN(rates_parse_as_percent);
    RUN(arithmetic_is_exact);
    return test_summary();
}
