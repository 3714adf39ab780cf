/* bench/eod.c — end of day over a large loan book, and schedule generation.
 *
 * Builds (once, kept in FOLDER/eod-N.db) a book of N active loans (default 1,000,000) of the four
 * methods, 3 to 36 months, drawn by N/4 enterprises under one facility each, with start dates
 * spread over four weeks so that installments fall due every day. One loan in 20 is collected by
 * hand (no automatic debit) and never paid: it goes overdue a month after drawdown, past 90 days
 * non-accrual (its interest and penalty on the memo ledger) and non-performing, and its debtor's
 * other loans with it (the 10% rule), so that classification, non-accrual and the month-end
 * provisions all work in the days measured. On a new book, first closes 130 days (the overdue
 * loans past 90 days, four month-ends provisioned). Then times one end of day and a catch-up of
 * 30 days (a month-end in it), printing seconds a day against the ceiling of 10 s and the peak
 * memory against 2 GiB, and, as a baseline measured in the same run, the time to build one
 * 12-installment schedule for every loan (the machine's speed: the ratio of a day to it is what
 * to compare between runs). Each run continues from the book's business date. Last, schedules of
 * 360 installments generated per second. Arguments: [loans] [folder] [catch-up days]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "finbridge/finbridge.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The processor time this process used (user and system), in seconds: on a machine shared
 * with other work, what a day costs even when the clock on the wall runs slower. */
static double cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static long peak_rss_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void die(const char *what, const char *why) {
    fprintf(stderr, "bench: %s: %s\n", what, why);
    exit(1);
}

static void make_parties(fb_book *book, int n) {
    enum { B = FB_PARTY_BATCH_MAX };
    static fb_party p[B];
    static fb_party_outcome o[B];
    static fb_facility f[B];
    static fb_facility_outcome fo[B];
    for (int done = 0; done < n;) {
        int k = n - done < B ? n - done : B;
        for (int i = 0; i < k; i++) {
            fb_party *x = &p[i];
            memset(x, 0, sizeof *x);
            snprintf(x->id, sizeof x->id, "ent%07d", done + i);
            x->kind = FB_PARTY_ENTERPRISE;
            snprintf(x->name, sizeof x->name, "企业%07d有限公司", done + i);
            char first17[18], tmp[19];
            snprintf(first17, sizeof first17, "91210100MA%07d", (done + i) % 10000000);
            snprintf(tmp, sizeof tmp, "%s0", first17);
            fb_uscc_info info;
            fb_uscc_check(tmp, 18, &info);
            snprintf(x->uscc, sizeof x->uscc, "%s%c", first17, info.expected_check);
            x->region = 210102;
            x->industry = 3421;
            x->figures = (fb_firm_figures){80, 3000000000LL, 3000000000LL};
            const char *field = NULL;
            char reason[200];
            if (fb_party_prepare(x, &field, reason, sizeof reason)) die(field, reason);
            fb_facility *fa = &f[i];
            memset(fa, 0, sizeof *fa);
            snprintf(fa->id, sizeof fa->id, "fac%07d", done + i);
            memcpy(fa->party, x->id, sizeof fa->party);
            fa->line = (fb_line)((done + i) % FB_LINE_COUNT_);
            fa->limit_fen = 5000000000LL;
            fa->start_date = 20089; /* 2025-01-01 */
            fa->end_date = 21184;   /* 2027-12-31 */
            fa->revolving = (done + i) % 2 == 0;
            if (fa->line == FB_LINE_GREEN) snprintf(fa->green_item, sizeof fa->green_item, "3.2.1");
            if (fb_facility_check(fa, &field, reason, sizeof reason)) die(field, reason);
        }
        if (fb_parties_create(book, p, (size_t)k, o)) die("parties", fb_book_errmsg(book));
        if (fb_facilities_create(book, f, (size_t)k, fo)) die("facilities", fb_book_errmsg(book));
        done += k;
    }
}

static void make_loans(fb_book *book, int n, int parties) {
    enum { B = FB_PARTY_BATCH_MAX };
    static fb_loan x[B];
    static fb_loan_outcome o[B];
    double t0 = now_s();
    for (int done = 0; done < n;) {
        int k = n - done < B ? n - done : B;
        for (int i = 0; i < k; i++) {
            int j = done + i;
            fb_loan *y = &x[i];
            memset(y, 0, sizeof *y);
            snprintf(y->id, sizeof y->id, "ln%08d", j);
            snprintf(y->facility, sizeof y->facility, "fac%07d", j % parties);
            y->terms = (fb_loan_terms){100000000LL + (j % 997) * 100000LL,
                                       30000 + (j % 13) * 2500,
                                       3 + j % 34,
                                       (fb_method)(j % FB_METHOD_COUNT_),
                                       20089 + j % 28,
                                       0,
                                       FB_DAYCOUNT_ACT360};
            y->penalty_markup_pct = 50;
            y->manual_collection = (j / 4) % 20 == 7; /* never paid: overdue, then non-accrual */
            const char *field = NULL;
            char reason[200];
            if (fb_loan_check(y, &field, reason, sizeof reason)) die(field, reason);
        }
        if (fb_loans_create(book, x, (size_t)k, o)) die("loans", fb_book_errmsg(book));
        done += k;
        if (done % 100000 == 0) {
            fprintf(stderr, "  %d loans drawn (%.0f/s)\n", done, done / (now_s() - t0));
        }
    }
}

/* Closes `days` days from the business date (before the first end of day: from the first
 * loan's start). */
typedef struct {
    fb_eod_day last;       /* the last day closed */
    int64_t month_ends;    /* month-ends provisioned */
    int64_t provision_fen; /* ... the provisions after the last */
    double cpu;            /* processor seconds the days took */
} days_seen;

static void on_day(void *ctx, const fb_eod_day *day, int32_t done, int32_t total) {
    (void)done, (void)total;
    days_seen *s = ctx;
    s->last = *day;
    if (day->month_end) s->provision_fen = day->provision_fen;
    s->month_ends += day->month_end;
}

static double run_eod(fb_book *book, int days, int32_t *closed, days_seen *seen) {
    int32_t open = 0;
    if (fb_business_date(book, &open)) die("business date", fb_book_errmsg(book));
    if (open == 0) open = 20089;
    memset(seen, 0, sizeof *seen);
    double t0 = now_s(), c0 = cpu_s();
    fb_eod_options o = {FB_EOD_DAYS_MAX, on_day, seen, NULL};
    if (fb_eod_run(book, open + days - 1, &o, closed)) die("eod", fb_book_errmsg(book));
    seen->cpu = cpu_s() - c0;
    return now_s() - t0;
}

static void print_day(const char *what, const days_seen *s) {
    printf(
        "  %s: %lld loans, %lld overdue, %lld non-performing, %lld non-accrual (%.2f yuan "
        "off the balance sheet that day), %lld month-end(s) provisioned (provisions %.2f yuan)\n",
        what, (long long)s->last.loans, (long long)s->last.overdue_loans,
        (long long)s->last.npl_loans, (long long)s->last.nonaccrual_loans,
        (double)s->last.offbal_accrued_fen / 100.0, (long long)s->month_ends,
        (double)s->provision_fen / 100.0);
}

/* The baseline: a 12-installment schedule built for each of n loans, in seconds. */
static double schedule_baseline(int n) {
    fb_installment s[12];
    size_t count = 0;
    const char *field = NULL, *why = NULL;
    double t0 = now_s();
    for (int j = 0; j < n; j++) {
        fb_loan_terms t = {100000000LL + (j % 997) * 100000LL,
                           30000 + (j % 13) * 2500,
                           12,
                           (fb_method)(j % 2),
                           20089,
                           0,
                           FB_DAYCOUNT_ACT360};
        if (fb_schedule_build(&t, s, 12, &count, &field, &why)) die(field, why);
    }
    return now_s() - t0;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000000;
    const char *folder = argc > 2 ? argv[2] : "build/bench";
    int catch_up = argc > 3 ? atoi(argv[3]) : 30;
    if (n < 4) die("loans", "must be at least 4");
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/eod-%d.db", folder, n);
    fb_book *book = NULL;
    FILE *exists = fopen(path, "rb");
    if (exists) fclose(exists);
    if (fb_book_open(path, FB_OPEN_CREATE, &book, err, sizeof err)) die(path, err);
    if (!exists) {
        fprintf(stderr, "building %s: %d loans of %d borrowers (once)\n", path, n, n / 4);
        double t0 = now_s();
        make_parties(book, n / 4);
        make_loans(book, n, n / 4);
        fprintf(stderr, "built in %.0f s\n", now_s() - t0);
    }
    int32_t closed = 0, open = 0;
    if (fb_business_date(book, &open)) die("business date", fb_book_errmsg(book));
    if (open == 0) {
        /* The loans start over four weeks and first fall due a month later: close those days
         * first, so that the day measured is a usual one (a thirtieth of the loans falling due,
         * those of the day before collected). */
        days_seen warm_seen;
        double warm = run_eod(book, 130, &closed, &warm_seen);
        printf("first %d days (loans starting, one in 20 never paid): %.1f s\n", closed, warm);
        print_day("after them", &warm_seen);
        fflush(stdout);
    }
    days_seen seen;
    double one = run_eod(book, 1, &closed, &seen);
    printf("end of day, %d loans: %.2f s, %.0f loans/s (%.0f%% of the 10 s ceiling); %.2f s of "
           "processor\n",
           n, one, n / one, one * 10.0, seen.cpu);
    print_day("that day", &seen);
    double many = run_eod(book, catch_up, &closed, &seen);
    double per_day = closed > 0 ? many / closed : 0.0;
    double cpu_day = closed > 0 ? seen.cpu / closed : 0.0;
    printf("catch-up of %d days: %.1f s, %.2f s a day (%.0f%% of the 10 s ceiling); %.2f s of "
           "processor a day (%.0f%%)\n",
           closed, many, per_day, per_day * 10.0, cpu_day, cpu_day * 10.0);
    print_day("its last day", &seen);
    double peak = (double)peak_rss_kib() / 1024.0;
    printf("peak memory: %.1f MiB (%.0f%% of the 2 GiB ceiling)\n", peak, peak / 20.48);
    fb_book_close(book);
    double c0 = cpu_s(), base = schedule_baseline(n), base_cpu = cpu_s() - c0;
    printf("baseline, a 12-installment schedule for each of %d loans: %.2f s (%.2f s of "
           "processor); a day of end of day is %.1f times it (%.1f in processor time)\n",
           n, base, base_cpu, base > 0 ? per_day / base : 0.0,
           base_cpu > 0 ? cpu_day / base_cpu : 0.0);

    fb_loan_terms t = {100000000000LL,    39500, 360, FB_METHOD_EQUAL_INSTALLMENT, 20089, 0,
                       FB_DAYCOUNT_ACT360};
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    if (!s) die("schedule", "out of memory");
    size_t count = 0;
    const char *field = NULL, *why = NULL;
    int reps = 0;
    double t0 = now_s();
    while (now_s() - t0 < 1.0) {
        t.method = (fb_method)(reps % 2);
        t.principal_fen += 1;
        if (fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &count, &field, &why)) die(field, why);
        reps++;
    }
    printf("schedules of 360 installments: %.0f/s\n", reps / (now_s() - t0));
    free(s);
    return 0;
}
