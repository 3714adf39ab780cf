/* schedule.c — repayment schedules for the four methods, and interest for a span of days.
 *
 * Exact integer arithmetic throughout: the equal installment needs (1 + r)^n, computed in fixed
 * point with 18 decimals and 256-bit intermediate products (core/arith.c), then rounded half up to
 * the fen once. Interest of a period is balance x rate, rounded half up in one place. */
#include <string.h>

#include "core/arith.h"
#include "core/assert.h"
#include "finbridge/core.h"

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t fb_interest_for_days(int64_t principal_fen, int64_t rate_e6, int32_t from, int32_t to,
                             fb_day_count dc) {
    FB_ASSERT(principal_fen >= 0 && rate_e6 >= 0 && from <= to);
    fb_i128 base = (fb_i128)principal_fen * rate_e6;
    if (dc != FB_DAYCOUNT_ACTACT) {
        fb_i128 year = dc == FB_DAYCOUNT_ACT360 ? 360 : 365;
        return (int64_t)fb__div_round_half_up(base * (to - from), year * 1000000);
    }
    /* Actual/actual: the days in each calendar year over that year's length, summed exactly as
     * d365 / 365 + d366 / 366 = (d365 * 366 + d366 * 365) / (365 * 366). */
    fb_i128 d365 = 0, d366 = 0;
    int32_t day = from;
    while (day < to) {
        int y, m, d;
        fb_date_to_ymd(day, &y, &m, &d);
        int32_t next_year = fb_date_from_ymd(y + 1, 1, 1);
        int32_t end = next_year < to ? next_year : to;
        if (leap(y)) {
            d366 += end - day;
        } else {
            d365 += end - day;
        }
        day = end;
    }
    return (int64_t)fb__div_round_half_up(base * (d365 * 366 + d366 * 365),
                                          (fb_i128)365 * 366 * 1000000);
}

/* Interest of one month on balance: balance x annual / 12. */
static int64_t monthly_interest(int64_t balance_fen, int64_t rate_e6) {
    return (int64_t)fb__div_round_half_up((fb_i128)balance_fen * rate_e6, (fb_i128)12 * 1000000);
}

#define SCALE 1000000000000000000ULL /* 1e18: fixed point for (1 + r)^n */

/* The equal installment P r (1+r)^n / ((1+r)^n - 1) = P r / (1 - (1+r)^-n), r = annual / 12,
 * rounded half up to the fen. */
static int64_t equal_installment(int64_t principal_fen, int64_t rate_e6, int n) {
    /* r in fixed point: rate_e6 / 12e6 x 1e18 = rate_e6 x 1e12 / 12. */
    fb_u128 r = (fb_u128)fb__div_round_half_up((fb_i128)rate_e6 * 1000000000000LL, 12);
    fb_u128 base = SCALE + r, power = SCALE;
    for (int e = n; e > 0; e >>= 1) {
        if (e & 1) power = fb__mul_div_u128(power, base, SCALE);
        base = fb__mul_div_u128(base, base, SCALE);
    }
    /* (1+r)^-n and 1 - (1+r)^-n, in fixed point. */
    fb_u128 inverse = (fb_u128)SCALE * SCALE / power; /* 1e36 fits in 128 bits */
    fb_u128 denominator = SCALE - inverse;
    FB_ASSERT(denominator > 0);
    return (int64_t)fb__div_round_half_up((fb_i128)principal_fen * (fb_i128)r,
                                          (fb_i128)denominator);
}

static const char *check_terms(const fb_loan_terms *t, const char **field) {
    if (t->principal_fen <= 0) return *field = "principal", "must be more than 0";
    if (t->principal_fen > FB_PRINCIPAL_MAX_FEN) return *field = "principal", "is too large";
    if (t->rate_e6 <= 0) return *field = "rate", "must be more than 0";
    if (t->rate_e6 > FB_RATE_MAX_E6) return *field = "rate", "is above the 24% ceiling";
    if (t->months < 1) return *field = "months", "must be at least 1";
    if (t->months > FB_LOAN_MONTHS_MAX) return *field = "months", "must be at most 480";
    if ((unsigned)t->method >= FB_METHOD_COUNT_) return *field = "method", "is not a method";
    if ((unsigned)t->day_count >= FB_DAYCOUNT_COUNT_) return *field = "day_count", "is unknown";
    if (t->repayment_day < 0 || t->repayment_day > 31) {
        return *field = "repayment_day", "must be 1..31";
    }
    return NULL;
}

/* Interest of period k (from `from` to `due`): a regular month at the monthly rate, a broken one
 * by its days. */
static int64_t period_interest(const fb_loan_terms *t, int64_t balance, int32_t from, int32_t due,
                               bool regular) {
    return regular ? monthly_interest(balance, t->rate_e6)
                   : fb_interest_for_days(balance, t->rate_e6, from, due, t->day_count);
}

int fb_schedule_build(const fb_loan_terms *t, fb_installment *out, size_t cap, size_t *count,
                      const char **field, const char **reason) {
    FB_ASSERT(t != NULL && out != NULL && count != NULL && field != NULL && reason != NULL);
    *count = 0;
    const char *why = check_terms(t, field);
    if (why) return *reason = why, FB_EINVAL;
    int y, m, start_day;
    fb_date_to_ymd(t->start_date, &y, &m, &start_day);
    int day = t->repayment_day ? t->repayment_day : start_day;
    /* The contract's maturity: the term's months after the start, on the start's day (or the
     * month's last day). The last installment falls on it whatever the repayment day. */
    int32_t maturity = fb_date_add_months(t->start_date, t->months, start_day);
    if (t->method == FB_METHOD_BULLET) {
        FB_ASSERT(cap >= 1);
        int32_t due = maturity;
        int64_t interest =
            fb_interest_for_days(t->principal_fen, t->rate_e6, t->start_date, due, t->day_count);
        out[0] = (fb_installment){
            1, t->start_date, due, t->principal_fen + interest, t->principal_fen, interest, 0};
        *count = 1;
        return FB_OK;
    }
    int n = t->months;
    FB_ASSERT(cap >= (size_t)n);
    int64_t installment = t->method == FB_METHOD_EQUAL_INSTALLMENT
                              ? equal_installment(t->principal_fen, t->rate_e6, n)
                              : 0;
    /* 等额本金: P / n rounded half up to the fen each period; the last takes what remains. */
    int64_t even_principal = (int64_t)fb__div_round_half_up(t->principal_fen, n);
    int64_t balance = t->principal_fen;
    int32_t from = t->start_date;
    for (int k = 1; k <= n; k++) {
        int32_t due = k == n ? maturity : fb_date_add_months(t->start_date, k, day);
        /* A period is a regular month unless the repayment day breaks it: the first (from the
         * start to the first repayment day) and the last (from the last repayment day to the
         * maturity) are then counted by days. */
        bool regular = day == start_day || (k > 1 && k < n);
        int64_t interest = period_interest(t, balance, from, due, regular);
        int64_t principal = 0;
        if (k == n) {
            principal = balance;
        } else if (t->method == FB_METHOD_EQUAL_INSTALLMENT) {
            /* The amortisation follows the regular installment; a broken first period changes
             * only that period's interest. */
            principal = installment - monthly_interest(balance, t->rate_e6);
        } else if (t->method == FB_METHOD_EQUAL_PRINCIPAL) {
            principal = even_principal;
        }
        if (principal > balance) principal = balance;
        if (principal < 0) principal = 0;
        balance -= principal;
        out[k - 1] =
            (fb_installment){k, from, due, principal + interest, principal, interest, balance};
        from = due;
    }
    FB_ASSERT(balance == 0);
    FB_ASSERT(out[n - 1].due_date == maturity);
    *count = (size_t)n;
    return FB_OK;
}
