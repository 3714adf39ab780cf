/* calendar.c — working days in China: Monday to Friday, less the days off and plus the weekend
 * days worked that the State Council's notice of each year publishes (国务院办公厅关于部分节假日
 * 安排的通知). The service levels of financing demands are counted in them.
 *
 * A calendar is a bit a day from FB_CALENDAR_FIRST_YEAR to FB_CALENDAR_LAST_YEAR: counting the
 * working days of a period is a popcount over its words. A year is used only once its notice is
 * added (or when the calendar is told to assume weekdays for years without one): a missing year
 * is an error naming it, never a guess. The schedules of 2025 and 2026 ship here; the notes in
 * docs/demands.md cite them and the checks of tests/test_calendar.c hold them. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

/* ---- The notices shipped ------------------------------------------------------------------ */

typedef struct {
    int32_t year;
    const char *notice;
    const char *holidays; /* "MM-DD" separated by spaces */
    const char *workdays;
} shipped_year;

static const shipped_year shipped[] = {
    {2025, "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
     "01-01 01-28 01-29 01-30 01-31 02-01 02-02 02-03 02-04 04-04 04-05 04-06 05-01 05-02 05-03"
     " 05-04 05-05 05-31 06-01 06-02 10-01 10-02 10-03 10-04 10-05 10-06 10-07 10-08",
     "01-26 02-08 04-27 09-28 10-11"},
    {2026, "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
     "01-01 01-02 01-03 02-15 02-16 02-17 02-18 02-19 02-20 02-21 02-22 02-23 04-04 04-05 04-06"
     " 05-01 05-02 05-03 05-04 05-05 06-19 06-20 06-21 09-25 09-26 09-27 10-01 10-02 10-03 10-04"
     " 10-05 10-06 10-07",
     "01-04 02-14 02-28 05-09 09-20 10-10"},
};
#define SHIPPED (sizeof shipped / sizeof shipped[0])

size_t fb_calendar_shipped_count(void) { return SHIPPED; }

/* "MM-DD MM-DD ..." of a year into days; the text is the table's, so malformed is a mistake. */
static size_t parse_days(int32_t year, const char *text, int32_t *out, size_t cap) {
    size_t n = 0;
    for (const char *p = text; *p;) {
        int month = (p[0] - '0') * 10 + (p[1] - '0'), day = (p[3] - '0') * 10 + (p[4] - '0');
        FB_ASSERT(n < cap && p[2] == '-' && month >= 1 && month <= 12 && day >= 1);
        out[n++] = fb_date_from_ymd(year, month, day);
        p += 5;
        if (*p == ' ') p++;
    }
    return n;
}

void fb_calendar_shipped(size_t i, fb_calendar_year *out) {
    FB_ASSERT(i < SHIPPED && out != NULL);
    memset(out, 0, sizeof *out);
    out->year = shipped[i].year;
    snprintf(out->notice, sizeof out->notice, "%s", shipped[i].notice);
    out->n_holidays =
        parse_days(out->year, shipped[i].holidays, out->holidays, FB_CALENDAR_DAYS_MAX);
    out->n_workdays =
        parse_days(out->year, shipped[i].workdays, out->workdays, FB_CALENDAR_DAYS_MAX);
}

/* ---- Checking a year's notice -------------------------------------------------------------- */

#define FAIL(f, ...) return *field = (f), snprintf(reason, cap, __VA_ARGS__), FB_EINVAL

bool fb_weekend(int32_t date) {
    int64_t w = ((int64_t)date + 4) % 7; /* 1970-01-01 was a Thursday: 0 is a Sunday */
    if (w < 0) w += 7;
    return w == 0 || w == 6;
}

static int year_of(int32_t date) {
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(date, &y, &m, &d);
    return y;
}

static bool listed(const int32_t *days, size_t n, int32_t day) {
    for (size_t i = 0; i < n; i++) {
        if (days[i] == day) return true;
    }
    return false;
}

/* Days of one kind: within the year, each once; workdays on weekends. */
static int check_days(const fb_calendar_year *y, bool work, const char **field, char *reason,
                      size_t cap) {
    const int32_t *days = work ? y->workdays : y->holidays;
    size_t n = work ? y->n_workdays : y->n_holidays;
    const char *name = work ? "workdays" : "holidays";
    char d[11];
    if (n > FB_CALENDAR_DAYS_MAX) FAIL(name, "lists more than %d days", FB_CALENDAR_DAYS_MAX);
    for (size_t i = 0; i < n; i++) {
        if (year_of(days[i]) != y->year) {
            FAIL(name, "%s is not in %d", fb_date_format(days[i], d), (int)y->year);
        }
        if (listed(days, i, days[i])) FAIL(name, "%s is listed twice", fb_date_format(days[i], d));
        if (work && !fb_weekend(days[i])) {
            FAIL(name,
                 "%s is not a Saturday or a Sunday: only a weekend day is worked in place of "
                 "a day off",
                 fb_date_format(days[i], d));
        }
        if (work && listed(y->holidays, y->n_holidays, days[i])) {
            FAIL(name, "%s is also a day off", fb_date_format(days[i], d));
        }
    }
    return FB_OK;
}

int fb_calendar_year_check(const fb_calendar_year *y, const char **field, char *reason,
                           size_t cap) {
    FB_ASSERT(y != NULL && field != NULL && reason != NULL);
    if (y->year < FB_CALENDAR_FIRST_YEAR || y->year > FB_CALENDAR_LAST_YEAR) {
        FAIL("year", "must be from %d to %d", FB_CALENDAR_FIRST_YEAR, FB_CALENDAR_LAST_YEAR);
    }
    if (!y->notice[0]) FAIL("notice", "is missing: name the State Council's notice");
    int rc = check_days(y, false, field, reason, cap);
    return rc ? rc : check_days(y, true, field, reason, cap);
}

/* ---- The calendar ---------------------------------------------------------------------------- */

static int32_t first_day(void) { return fb_date_from_ymd(FB_CALENDAR_FIRST_YEAR, 1, 1); }
static int32_t last_day(void) { return fb_date_from_ymd(FB_CALENDAR_LAST_YEAR, 12, 31); }

/* Day i of the calendar (i days after its first) worked or not. */
static void set_index(fb_calendar *c, int64_t i, bool working) {
    FB_ASSERT(i >= 0 && i < (int64_t)FB_CALENDAR_WORDS * 64);
    uint64_t bit = 1ull << (i % 64);
    if (working) {
        c->working[i / 64] |= bit;
    } else {
        c->working[i / 64] &= ~bit;
    }
}

static void set_bit(fb_calendar *c, int32_t date, bool working) {
    set_index(c, (int64_t)date - first_day(), working);
}

/* Days first..last (dates) worked Monday to Friday; the first day's date is computed once, as
 * the book computes the calendar for each demand's step. */
static void set_weekdays(fb_calendar *c, int32_t first, int32_t last) {
    int64_t base = first_day();
    for (int32_t d = first; d <= last; d++)
        set_index(c, (int64_t)d - base, !fb_weekend(d));
}

void fb_calendar_init(fb_calendar *c, bool assume_weekdays) {
    FB_ASSERT(c != NULL);
    memset(c, 0, sizeof *c);
    c->assume_weekdays = assume_weekdays;
    /* 64 days are 9 weeks and a day: word w holds the weekdays of word w - 7. The first seven
     * words are laid day by day, the others copied, and the days after the last cleared. */
    int64_t days = (int64_t)last_day() - first_day() + 1, words = (days + 63) / 64;
    _Static_assert(FB_CALENDAR_WORDS > 7, "a calendar spans more than seven words");
    FB_ASSERT(words > 7 && words <= (int64_t)FB_CALENDAR_WORDS);
    set_weekdays(c, first_day(), first_day() + 7 * 64 - 1);
    for (int64_t w = 7; w < words; w++)
        c->working[w] = c->working[w - 7];
    for (int64_t i = days; i < words * 64; i++)
        set_index(c, i, false);
    FB_ASSERT(!c->known[0] && !c->known[FB_CALENDAR_YEARS - 1]);
}

int fb_calendar_add(fb_calendar *c, const fb_calendar_year *y) {
    FB_ASSERT(c != NULL && y != NULL);
    const char *field = NULL;
    char reason[160];
    if (fb_calendar_year_check(y, &field, reason, sizeof reason)) return FB_EINVAL;
    size_t at = (size_t)(y->year - FB_CALENDAR_FIRST_YEAR);
    if (c->known[at]) return FB_EINVAL;
    set_weekdays(c, fb_date_from_ymd(y->year, 1, 1), fb_date_from_ymd(y->year, 12, 31));
    for (size_t i = 0; i < y->n_holidays; i++)
        set_bit(c, y->holidays[i], false);
    for (size_t i = 0; i < y->n_workdays; i++)
        set_bit(c, y->workdays[i], true);
    c->known[at] = true;
    return FB_OK;
}

bool fb_calendar_knows(const fb_calendar *c, int year) {
    FB_ASSERT(c != NULL);
    if (year < FB_CALENDAR_FIRST_YEAR || year > FB_CALENDAR_LAST_YEAR) return false;
    return c->known[year - FB_CALENDAR_FIRST_YEAR];
}

/* Whether every year from date a's to date b's may be used; *missing the first that may not. */
static bool usable(const fb_calendar *c, int32_t a, int32_t b, int *missing) {
    FB_ASSERT(a <= b);
    int ya = year_of(a), yb = year_of(b);
    for (int y = ya; y <= yb; y++) {
        bool inside = y >= FB_CALENDAR_FIRST_YEAR && y <= FB_CALENDAR_LAST_YEAR;
        if (!inside || (!c->assume_weekdays && !c->known[y - FB_CALENDAR_FIRST_YEAR])) {
            if (missing) *missing = y;
            return false;
        }
    }
    return true;
}

static bool bit(const fb_calendar *c, int32_t date) {
    int64_t i = (int64_t)date - first_day();
    return (c->working[i / 64] >> (i % 64)) & 1u;
}

int fb_calendar_working(const fb_calendar *c, int32_t date, bool *working, int *missing) {
    FB_ASSERT(c != NULL && working != NULL);
    if (!usable(c, date, date, missing)) return FB_ERANGE;
    *working = bit(c, date);
    return FB_OK;
}

/* Working days with index lo <= i < hi (indexes from the calendar's first day). */
static int32_t popcount_range(const fb_calendar *c, int64_t lo, int64_t hi) {
    int32_t n = 0;
    while (lo < hi && lo % 64 != 0) {
        n += (int32_t)((c->working[lo / 64] >> (lo % 64)) & 1u);
        lo++;
    }
    for (; lo + 64 <= hi; lo += 64)
        n += __builtin_popcountll(c->working[lo / 64]);
    for (; lo < hi; lo++)
        n += (int32_t)((c->working[lo / 64] >> (lo % 64)) & 1u);
    return n;
}

int fb_calendar_count(const fb_calendar *c, int32_t from, int32_t to, int32_t *days, int *missing) {
    FB_ASSERT(c != NULL && days != NULL);
    *days = 0;
    if (to <= from) return FB_OK;
    if (!usable(c, from + 1, to, missing)) return FB_ERANGE;
    *days = popcount_range(c, (int64_t)from + 1 - first_day(), (int64_t)to + 1 - first_day());
    FB_ASSERT(*days >= 0 && *days <= to - from);
    return FB_OK;
}

int fb_calendar_advance(const fb_calendar *c, int32_t from, int32_t n, int32_t *date,
                        int *missing) {
    FB_ASSERT(c != NULL && date != NULL && n >= 0);
    *date = from;
    int32_t d = from;
    for (int32_t left = n; left > 0;) {
        d++;
        if (!usable(c, d, d, missing)) return FB_ERANGE;
        left -= bit(c, d);
    }
    *date = d;
    return FB_OK;
}
