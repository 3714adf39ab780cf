/* dates.c — civil dates as days since 1970-01-01 (proleptic Gregorian), and the clock.
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days: exact over the whole
 * int32_t range with integer arithmetic only. */
#include <stdio.h>
#include <time.h>

#include "core/assert.h"
#include "finbridge/core.h"

int32_t fb_date_from_ymd(int year, int month, int day) {
    FB_ASSERT(month >= 1 && month <= 12 && day >= 1 && day <= 31);
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void fb_date_to_ymd(int32_t days, int *year, int *month, int *day) {
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

int fb_date_days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    FB_ASSERT(month >= 1 && month <= 12);
    if (month == 2) {
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return days[month - 1];
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int fb_date_parse(const char *s, int32_t *days, const char **reason) {
    FB_ASSERT(s != NULL && days != NULL);
    const char *why = NULL;
    int y = -1, m = -1, d = -1;
    size_t len = 0;
    while (len < 11 && s[len])
        len++;
    if (len != 10 || s[4] != '-' || s[7] != '-') {
        why = "is not of the form YYYY-MM-DD";
    } else {
        y = digits(s, 4);
        m = digits(s + 5, 2);
        d = digits(s + 8, 2);
        if (y < 0 || m < 0 || d < 0) {
            why = "is not of the form YYYY-MM-DD";
        } else if (y < 1900) {
            why = "is before 1900";
        } else if (m < 1 || m > 12) {
            why = "has no such month";
        } else if (d < 1 || d > fb_date_days_in_month(y, m)) {
            why = "has no such day in its month";
        }
    }
    if (why) {
        if (reason) *reason = why;
        return FB_EINVAL;
    }
    *days = fb_date_from_ymd(y, m, d);
    return FB_OK;
}

char *fb_date_format(int32_t days, char *buf) {
    int y, m, d;
    fb_date_to_ymd(days, &y, &m, &d);
    if (y < 0 || y > 9999) y = 0; /* outside what fb_date_parse accepts; kept to 4 digits */
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    snprintf(buf, 11, "%04u-%02u-%02u", uy, um, ud);
    return buf;
}

int64_t fb_now_ns(void) {
    struct timespec ts;
    int rc = clock_gettime(CLOCK_REALTIME, &ts);
    FB_ASSERT(rc == 0);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int32_t fb_date_add_months(int32_t date, int months, int day) {
    FB_ASSERT(day >= 1 && day <= 31);
    int y, m, d;
    fb_date_to_ymd(date, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    int ny = total / 12, nm = total % 12 + 1;
    int last = fb_date_days_in_month(ny, nm);
    return fb_date_from_ymd(ny, nm, day < last ? day : last);
}
