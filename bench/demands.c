/* bench/demands.c — the financing demands' reads on a book `finbridge demo` built (argument:
 * PATH.db), each asked 200 times with varying arguments; prints p50 and p99 in ms, and first
 * the credit report by city in the same run, as the baseline the demands' figures are read
 * against (the machine is shared: ratios to it hold where absolute times do not).
 *   make build/bench/demands && ./build/bench/demands BOOK.db */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "finbridge/finbridge.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

enum { RUNS = 200 };
static double times[RUNS];
static double baseline;

static void summary(const char *name) {
    qsort(times, RUNS, sizeof times[0], compare);
    double p50 = times[RUNS / 2];
    if (baseline == 0) baseline = p50;
    printf("%-46s p50 %8.2f ms   p99 %8.2f ms   %5.2fx the baseline\n", name, p50 * 1e3,
           times[RUNS * 99 / 100] * 1e3, p50 / baseline);
}

static fb_book *book;
static int32_t first, last;

static void fail(const char *what) {
    fprintf(stderr, "bench/demands: %s: %s\n", what, fb_book_errmsg(book));
    exit(1);
}

static void reports(void) {
    static const unsigned dims[] = {0, FB_BY_CITY,
                                    FB_BY_CITY | FB_BY_CHAIN | FB_BY_LINE | FB_BY_SIZE};
    static const char *const names[] = {"demands, the province", "demands by city",
                                        "demands by city x chain x line x size"};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < RUNS; i++) {
            fb_demand_row *rows = NULL;
            size_t m = 0;
            double t0 = now_s();
            if (fb_report_demands(book, first, last - i % 30, dims[k], 210000, &rows, &m))
                fail("report");
            times[i] = now_s() - t0;
            free(rows);
        }
        summary(names[k]);
    }
    for (int i = 0; i < RUNS; i++) {
        fb_demand_row *rows = NULL;
        size_t m = 0;
        int32_t region = i % 2 ? 210000 : 210100 + (i % 14) * 100;
        double t0 = now_s();
        if (fb_report_demands_protected(book, first, last - i % 30, FB_BY_CITY, region, &rows, &m))
            fail("protected report");
        times[i] = now_s() - t0;
        free(rows);
    }
    summary("demands by city, as a government reads them");
}

static void lists(void) {
    fb_demand_view *v = calloc(FB_PAGE_MAX, sizeof *v);
    if (!v) exit(1);
    const fb_user dalian = {"bench", FB_ROLE_GOVERNMENT, "", 210200};
    for (int g = 0; g < 2; g++) {
        for (int i = 0; i < RUNS; i++) {
            size_t n = 0;
            double t0 = now_s();
            if (fb_demands_list(book, g ? &dalian : NULL, FB_DEMANDS_OPEN, "", v, FB_PAGE_MAX, &n))
                fail("list");
            times[i] = now_s() - t0;
        }
        summary(g ? "the open demands Dalian's government sees"
                  : "the bank's queue (open demands)");
    }
    for (int i = 0; i < RUNS; i++) {
        char id[32];
        snprintf(id, sizeof id, "dm-%06d", 1 + (i * 37) % 3000);
        double t0 = now_s();
        int rc = fb_demand_view_get(book, id, v);
        if (rc && rc != FB_ENOTFOUND) fail("view");
        times[i] = now_s() - t0;
    }
    summary("a demand read alone");
    free(v);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench/demands BOOK.db (a book of finbridge demo)\n");
        return 2;
    }
    char err[256];
    if (fb_book_open(argv[1], FB_OPEN_READONLY, &book, err, sizeof err)) {
        fprintf(stderr, "bench/demands: %s\n", err);
        return 1;
    }
    int32_t open = 0;
    fb_business_date(book, &open);
    last = open - 1;
    first = last - 364;
    char d[11];
    printf("bench/demands: %s, the year to %s\n", argv[1], fb_date_format(last, d));
    for (int i = 0; i < RUNS; i++) {
        fb_report_row *rows = NULL;
        size_t m = 0;
        double t0 = now_s();
        if (fb_report_credit(book, last - i % 30, first, FB_BY_CITY, 210000, &rows, &m))
            fail("credit");
        times[i] = now_s() - t0;
        free(rows);
    }
    summary("baseline: credit by city");
    reports();
    fb_progress p[FB_TARGETS_MAX];
    for (int i = 0; i < RUNS; i++) {
        size_t n = 0;
        double t0 = now_s();
        if (fb_agreement_progress(book, "LN-DEMANDS-2025", last - i % 30, p, &n)) fail("progress");
        times[i] = now_s() - t0;
    }
    summary("the demands' agreement's progress, 2 targets");
    lists();
    fb_book_close(book);
    return 0;
}
