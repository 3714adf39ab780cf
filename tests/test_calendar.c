/* test_calendar.c — working days (src/core/calendar.c): the shipped notices of 2025 and 2026
 * against their texts (docs/demands.md), every day of both years against the rule, the working
 * days between every pair of days of them against a naive count, the n-th working day after every
 * day as the inverse of the count, unknown years refused or assumed Monday to Friday, and a year's
 * notice checked field by field. */
#include "finbridge/finbridge.h"
#include "test.h"

static int32_t day(const char *s) {
    int32_t d = 0;
    const char *why = NULL;
    if (fb_date_parse(s, &d, &why)) {
        printf("    bad date %s\n", s);
        exit(2);
    }
    return d;
}

static fb_calendar cal; /* 4.7 KiB: static, built once per test that needs it */

static void shipped_calendar(bool assume_weekdays) {
    fb_calendar_init(&cal, assume_weekdays);
    for (size_t i = 0; i < fb_calendar_shipped_count(); i++) {
        fb_calendar_year y;
        fb_calendar_shipped(i, &y);
        EXPECT_EQ_INT(FB_OK, fb_calendar_add(&cal, &y));
    }
}

/* The day of the week counted from 2000-01-01, a Saturday, with no date arithmetic of the code's
 * (0 Sunday .. 6 Saturday). */
static int weekday(int32_t d) { return (int)(((d - day("2000-01-01")) % 7 + 7 + 6) % 7); }

static bool in(const int32_t *days, size_t n, int32_t d) {
    for (size_t i = 0; i < n; i++) {
        if (days[i] == d) return true;
    }
    return false;
}

/* The rule, from the lists alone. */
static bool naive_working(int32_t d) {
    for (size_t i = 0; i < fb_calendar_shipped_count(); i++) {
        fb_calendar_year y;
        fb_calendar_shipped(i, &y);
        if (in(y.holidays, y.n_holidays, d)) return false;
        if (in(y.workdays, y.n_workdays, d)) return true;
    }
    int w = weekday(d);
    return w != 0 && w != 6;
}

static void the_shipped_notices_are_the_state_councils(void) {
    EXPECT_EQ_INT(2, fb_calendar_shipped_count());
    const int32_t years[2] = {2025, 2026};
    const size_t holidays[2] = {28, 33}, workdays[2] = {5, 6};
    for (size_t i = 0; i < 2; i++) {
        fb_calendar_year y;
        fb_calendar_shipped(i, &y);
        EXPECT_EQ_INT(years[i], y.year);
        EXPECT_EQ_INT(holidays[i], y.n_holidays);
        EXPECT_EQ_INT(workdays[i], y.n_workdays);
        EXPECT_TRUE(strstr(y.notice, "部分节假日安排的通知") != NULL);
        const char *field = NULL;
        char reason[200] = "";
        EXPECT_EQ_INT(FB_OK, fb_calendar_year_check(&y, &field, reason, sizeof reason));
        /* Every weekend day worked is a Saturday or a Sunday by a count of its own. */
        for (size_t k = 0; k < y.n_workdays; k++)
            EXPECT_TRUE(weekday(y.workdays[k]) == 0 || weekday(y.workdays[k]) == 6);
    }
    fb_calendar_year y;
    fb_calendar_shipped(0, &y);
    EXPECT_TRUE(strstr(y.notice, "国办发明电〔2024〕12号") != NULL);
    shipped_calendar(false);
    /* The notes' vectors (/work/notes/holidays.md). */
    const char *working[] = {"2025-01-26", "2025-02-08", "2026-02-14", "2026-02-28",
                             "2025-01-02", "2026-01-04", "2026-10-10", "2025-10-09"};
    const char *off[] = {"2025-02-03", "2026-02-23", "2025-01-01", "2025-10-08",
                         "2026-02-15", "2025-02-01", "2026-01-03", "2026-09-25"};
    for (size_t i = 0; i < 8; i++) {
        bool w = false;
        EXPECT_EQ_INT(FB_OK, fb_calendar_working(&cal, day(working[i]), &w, NULL));
        if (!w) printf("    %s should be a working day\n", working[i]);
        EXPECT_TRUE(w);
        EXPECT_EQ_INT(FB_OK, fb_calendar_working(&cal, day(off[i]), &w, NULL));
        if (w) printf("    %s should be a day off\n", off[i]);
        EXPECT_TRUE(!w);
    }
    /* A year's working days, counted from the day before its first. */
    int32_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_calendar_count(&cal, day("2024-12-31"), day("2025-12-31"), &n, NULL));
    EXPECT_EQ_INT(248, n);
    EXPECT_EQ_INT(FB_OK, fb_calendar_count(&cal, day("2025-12-31"), day("2026-12-31"), &n, NULL));
    EXPECT_EQ_INT(248, n);
    /* The Spring Festival of 2025: from 除夕 (Tue 28 Jan) to 初七 (Tue 4 Feb), and the two weekend
     * days worked; the first working day after the holiday is Wed 5 Feb. */
    int32_t d = 0;
    EXPECT_EQ_INT(FB_OK, fb_calendar_advance(&cal, day("2025-01-27"), 1, &d, NULL));
    EXPECT_EQ_INT(day("2025-02-05"), d);
    EXPECT_EQ_INT(FB_OK, fb_calendar_advance(&cal, day("2025-01-24"), 1, &d, NULL));
    EXPECT_EQ_INT(day("2025-01-26"), d);
}

static void every_day_of_both_years_follows_the_rule(void) {
    shipped_calendar(false);
    int bad = 0;
    for (int32_t d = day("2025-01-01"); d <= day("2026-12-31"); d++) {
        bool w = false;
        EXPECT_EQ_INT(FB_OK, fb_calendar_working(&cal, d, &w, NULL));
        if (w != naive_working(d) && bad++ < 5) {
            char s[11];
            printf("    %s: %d, the rule says %d\n", fb_date_format(d, s), w, naive_working(d));
        }
        EXPECT_TRUE(fb_weekend(d) == (weekday(d) == 0 || weekday(d) == 6));
    }
    EXPECT_EQ_INT(0, bad);
}

/* Every pair (a, b) with both in 2025-2026 (a from the day before): the count is the naive one,
 * from a prefix sum of the rule. */
static void the_working_days_between_every_pair_are_counted(void) {
    shipped_calendar(false);
    int32_t first = day("2024-12-31"), last = day("2026-12-31");
    int32_t span = last - first + 1;
    int32_t *prefix = calloc((size_t)span + 1, sizeof *prefix); /* working days in (first, d] */
    for (int32_t i = 1; i < span; i++)
        prefix[i] = prefix[i - 1] + naive_working(first + i);
    long pairs = 0, bad = 0;
    for (int32_t a = first; a <= last; a++) {
        for (int32_t b = first; b <= last; b++) {
            int32_t n = -1;
            if (fb_calendar_count(&cal, a, b, &n, NULL) != FB_OK) bad++;
            int32_t expected = b > a ? prefix[b - first] - prefix[a - first] : 0;
            if (n != expected && bad++ < 5) printf("    (%d, %d]: %d, not %d\n", a, b, n, expected);
            pairs++;
        }
    }
    printf("  %ld pairs of days counted\n", pairs);
    EXPECT_EQ_INT(0, bad);
    EXPECT_EQ_INT((long)span * span, pairs);
    free(prefix);
}

/* The n-th working day after d is a working day, with n working days in (d, it] and n - 1 the
 * day before: the last day of a period of n working days. */
static void the_nth_working_day_is_the_counts_inverse(void) {
    shipped_calendar(false);
    long bad = 0, tried = 0;
    for (int32_t from = day("2024-12-31"); from <= day("2026-10-31"); from++) {
        for (int32_t n = 0; n <= 40; n++) {
            int32_t d = 0, c = -1, before = -1;
            bool w = false;
            EXPECT_EQ_INT(FB_OK, fb_calendar_advance(&cal, from, n, &d, NULL));
            fb_calendar_count(&cal, from, d, &c, NULL);
            fb_calendar_count(&cal, from, d - 1, &before, NULL);
            fb_calendar_working(&cal, d, &w, NULL);
            bool ok = n == 0 ? d == from : c == n && before == n - 1 && w;
            if (!ok && bad++ < 5) printf("    %d working days after %d: %d\n", n, from, d);
            tried++;
        }
    }
    EXPECT_EQ_INT(0, bad);
    EXPECT_TRUE(tried > 25000);
}

static void an_unknown_year_is_refused_or_assumed_weekdays(void) {
    shipped_calendar(false);
    int missing = 0;
    int32_t n = 0, d = 0;
    bool w = false;
    EXPECT_EQ_INT(FB_ERANGE,
                  fb_calendar_count(&cal, day("2026-12-20"), day("2027-01-10"), &n, &missing));
    EXPECT_EQ_INT(2027, missing);
    EXPECT_EQ_INT(FB_ERANGE, fb_calendar_working(&cal, day("2024-06-03"), &w, &missing));
    EXPECT_EQ_INT(2024, missing);
    EXPECT_EQ_INT(FB_ERANGE, fb_calendar_advance(&cal, day("2026-12-30"), 5, &d, &missing));
    EXPECT_EQ_INT(2027, missing);
    /* The last day of 2026 is a Thursday: one working day after it is in 2027. */
    EXPECT_EQ_INT(FB_ERANGE, fb_calendar_advance(&cal, day("2026-12-31"), 1, &d, &missing));
    EXPECT_TRUE(fb_calendar_knows(&cal, 2025) && fb_calendar_knows(&cal, 2026));
    EXPECT_TRUE(!fb_calendar_knows(&cal, 2027) && !fb_calendar_knows(&cal, 1999));
    /* Told to assume weekdays: 2027 counts Monday to Friday; 2026 keeps its notice. */
    shipped_calendar(true);
    EXPECT_EQ_INT(FB_OK, fb_calendar_count(&cal, day("2026-12-31"), day("2027-01-10"), &n, NULL));
    EXPECT_EQ_INT(6, n); /* Fri 1, Mon 4 .. Fri 8 January 2027 */
    EXPECT_EQ_INT(FB_OK, fb_calendar_count(&cal, day("2026-09-30"), day("2026-10-10"), &n, NULL));
    EXPECT_EQ_INT(3, n); /* 1-7 October off; Thu 8, Fri 9 and Sat 10 (worked) */
    /* Outside the calendar's century there is nothing to assume. */
    EXPECT_EQ_INT(FB_ERANGE, fb_calendar_advance(&cal, day("2099-12-31"), 1, &d, &missing));
    EXPECT_EQ_INT(2100, missing);
}

static int refuse(fb_calendar_year *y, const char *field_expected) {
    const char *field = NULL;
    char reason[200] = "";
    int rc = fb_calendar_year_check(y, &field, reason, sizeof reason);
    EXPECT_EQ_INT(FB_EINVAL, rc);
    EXPECT_EQ_STR(field_expected, field ? field : "(none)");
    EXPECT_TRUE(reason[0] != 0);
    return rc;
}

static void a_years_notice_is_checked(void) {
    fb_calendar_year y;
    fb_calendar_shipped(1, &y);
    y.year = 1999;
    refuse(&y, "year");
    fb_calendar_shipped(1, &y);
    y.notice[0] = 0;
    refuse(&y, "notice");
    fb_calendar_shipped(1, &y);
    y.holidays[3] = day("2027-02-15");
    refuse(&y, "holidays");
    fb_calendar_shipped(1, &y);
    y.holidays[4] = y.holidays[3];
    refuse(&y, "holidays");
    fb_calendar_shipped(1, &y);
    y.workdays[0] = day("2026-01-05"); /* a Monday */
    refuse(&y, "workdays");
    fb_calendar_shipped(1, &y);
    y.workdays[0] = day("2026-02-15"); /* a Sunday that is also off */
    refuse(&y, "workdays");
    fb_calendar_shipped(1, &y);
    y.n_holidays = FB_CALENDAR_DAYS_MAX + 1;
    refuse(&y, "holidays");
    /* A year is added once; an invalid one never. */
    fb_calendar_init(&cal, false);
    fb_calendar_shipped(1, &y);
    EXPECT_EQ_INT(FB_OK, fb_calendar_add(&cal, &y));
    EXPECT_EQ_INT(FB_EINVAL, fb_calendar_add(&cal, &y));
    fb_calendar_shipped(0, &y);
    y.workdays[0] = day("2025-01-27");
    EXPECT_EQ_INT(FB_EINVAL, fb_calendar_add(&cal, &y));
    EXPECT_TRUE(!fb_calendar_knows(&cal, 2025));
}

/* The weekdays laid word by word (fb_calendar_init copies each seven words) are Monday to
 * Friday on every day of 2000..2099 by the test's own count, and the count of the whole span
 * is the days' sum: no day after the last is worked. */
static void every_day_of_the_span_assumed_is_a_weekday_or_not(void) {
    fb_calendar_init(&cal, true);
    int32_t first = day("2000-01-01"), last = day("2099-12-31"), worked = 0;
    bool all = true;
    for (int32_t d = first; d <= last; d++) {
        bool working = false;
        int missing = 0;
        EXPECT_EQ_INT(FB_OK, fb_calendar_working(&cal, d, &working, &missing));
        int w = weekday(d);
        all = all && working == (w != 0 && w != 6);
        worked += w != 0 && w != 6;
    }
    EXPECT_TRUE(all);
    int32_t counted = 0;
    int missing = 0;
    EXPECT_EQ_INT(FB_OK, fb_calendar_count(&cal, first, last, &counted, &missing));
    EXPECT_EQ_INT(worked, counted);
}

int main(void) {
    RUN(the_shipped_notices_are_the_state_councils);
    RUN(every_day_of_both_years_follows_the_rule);
    RUN(the_working_days_between_every_pair_are_counted);
    RUN(the_nth_working_day_is_the_counts_inverse);
    RUN(an_unknown_year_is_refused_or_assumed_weekdays);
    RUN(a_years_notice_is_checked);
    RUN(every_day_of_the_span_assumed_is_a_weekday_or_not);
    return test_summary();
}
