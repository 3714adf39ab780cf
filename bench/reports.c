/* bench/reports.c — the reports at scale, each asked 200 times with varying arguments; prints p50
 * and p99 in ms. Either on the book bench/eod builds (arguments: [loans] [folder]; FOLDER/eod-N.db,
 * its days closed; it adds a province-wide agreement once) or on a book named by path (argument:
 * PATH.db, such as the one `finbridge demo` builds, whose agreement LN-COOP-2025 it times). */
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

static void summary(const char *name) {
    qsort(times, RUNS, sizeof times[0], compare);
    printf("%-44s p50 %8.2f ms   p99 %8.2f ms\n", name, times[RUNS / 2] * 1e3,
           times[RUNS * 99 / 100] * 1e3);
}

int main(int argc, char **argv) {
    const char *arg = argc > 1 ? argv[1] : "1000000";
    size_t len = strlen(arg);
    bool given = len > 3 && strcmp(arg + len - 3, ".db") == 0;
    int n = given ? 0 : atoi(arg);
    const char *folder = argc > 2 ? argv[2] : "build/bench";
    char path[512], err[256];
    if (given) {
        snprintf(path, sizeof path, "%s", arg);
    } else {
        snprintf(path, sizeof path, "%s/eod-%d.db", folder, n);
    }
    fb_book *book = NULL;
    if (fb_book_open(path, 0, &book, err, sizeof err)) {
        fprintf(stderr, "bench/reports: %s (run bench/eod first)\n", err);
        return 1;
    }
    int32_t open = 0;
    fb_business_date(book, &open);
    if (open < 20089 + 2) {
        fprintf(stderr, "bench/reports: the book has no closed days (run bench/eod first)\n");
        return 1;
    }
    int32_t last = open - 1, first = 20089;
    printf("bench/reports: %s, days closed through ", path);
    char d[11];
    printf("%s\n", fb_date_format(last, d));
    static const unsigned dims[] = {
        FB_BY_CITY, FB_BY_CITY | FB_BY_LINE, FB_BY_CHAIN | FB_BY_SIZE | FB_BY_CLASS,
        FB_BY_CITY | FB_BY_CHAIN | FB_BY_LINE | FB_BY_SIZE | FB_BY_CLASS};
    static const char *const names[] = {"credit by city", "credit by city x line",
                                        "credit by chain x size x class",
                                        "credit by every dimension"};
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < RUNS; i++) {
            fb_report_row *rows = NULL;
            size_t m = 0;
            int32_t as_of = last - i % (last - first + 1 < 30 ? last - first + 1 : 30);
            int32_t region = i % 3 == 0 ? 0 : i % 3 == 1 ? 210000 : 210100 + (i % 14) * 100;
            double t0 = now_s();
            if (fb_report_credit(book, as_of, first, dims[k], region, &rows, &m)) {
                fprintf(stderr, "report: %s\n", fb_book_errmsg(book));
                return 1;
            }
            times[i] = now_s() - t0;
            free(rows);
        }
        summary(names[k]);
    }
    for (int i = 0; i < RUNS; i++) {
        fb_class_move m[25];
        size_t k = 0;
        double t0 = now_s();
        fb_report_moves(book, first, last - i % 10, m, 25, &k);
        times[i] = now_s() - t0;
    }
    summary("moves between classes");
    for (int i = 0; i < RUNS; i++) {
        fb_exposure e[20];
        size_t k = 0;
        double t0 = now_s();
        fb_report_exposures(book, 20, e, &k);
        times[i] = now_s() - t0;
    }
    summary("20 largest exposures");
    for (int i = 0; i < RUNS; i++) {
        char id[32];
        fb_project pr;
        snprintf(id, sizeof id, "prj-%d-1", 210100 + (i % 14) * 100);
        double t0 = now_s();
        int rc = fb_project_get(book, id, &pr);
        times[i] = now_s() - t0;
        if (rc == FB_ENOTFOUND) {
            times[i] = 0; /* the eod bench's book has no projects */
        } else if (rc) {
            fprintf(stderr, "project: %s\n", fb_book_errmsg(book));
            return 1;
        }
    }
    if (book) summary("a major project: approved, drawn, outstanding");
    /* An agreement's progress: the demo's, or one added to the eod bench's book. */
    const char *agreement = book ? "LN-COOP-2025" : "BENCH-LN";
    fb_agreement *a = calloc(1, sizeof *a);
    if (!book) {
        snprintf(a->id, sizeof a->id, "BENCH-LN");
        snprintf(a->bank, sizeof a->bank, "bench");
        a->region = 210000;
        a->start_date = first;
        a->end_date = first + 3 * 365;
        a->targets[a->n_targets++] = (fb_target){FB_MEASURE_NEW_CREDIT, "", 100000000000LL};
        a->targets[a->n_targets++] = (fb_target){FB_MEASURE_INCLUSIVE_BALANCE, "", 100000000000LL};
        bool exists = false;
        if (fb_agreement_create(book, a, &exists)) {
            fprintf(stderr, "agreement: %s\n", fb_book_errmsg(book));
        }
    }
    fb_progress p[FB_TARGETS_MAX];
    size_t targets = 0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_s();
        if (fb_agreement_progress(book, agreement, last - i % 30, p, &targets)) {
            fprintf(stderr, "progress: %s\n", fb_book_errmsg(book));
            return 1;
        }
        times[i] = now_s() - t0;
    }
    char name[64];
    snprintf(name, sizeof name, "agreement progress (%zu targets)", targets);
    summary(name);
    free(a);
    fb_book_close(book);
    return 0;
}
