/* bench/certificates.c — supply-chain certificates at scale.
 *
 * One core enterprise issues 100,000 certificates to 1,000 tier-1 suppliers; each certificate is
 * split down four tiers (three parts to tier 2, one part of each passed to tier 3, one of each of
 * those to tier 4) into ten parts: 1,000,000 parts. Prints issues and transfers per second, the
 * peak memory, and the time to read the lineage of one root (median and worst of 1,000 roots).
 * Arguments: [certificates] [folder]. A fresh book each run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "finbridge/finbridge.h"

enum { SUPPLIERS = 4000, BATCH = FB_PARTY_BATCH_MAX };

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *why) {
    fprintf(stderr, "bench: %s: %s\n", what, why);
    exit(1);
}

static void make_parties(fb_book *book) {
    static fb_party p[BATCH];
    static fb_party_outcome o[BATCH];
    for (int done = 0; done <= SUPPLIERS;) {
        int k = SUPPLIERS + 1 - done < BATCH ? SUPPLIERS + 1 - done : BATCH;
        for (int i = 0; i < k; i++) {
            int j = done + i;
            fb_party *x = &p[i];
            memset(x, 0, sizeof *x);
            snprintf(x->id, sizeof x->id, j == 0 ? "core" : "s%05d", j);
            x->kind = FB_PARTY_ENTERPRISE;
            snprintf(x->name, sizeof x->name, "供应商%05d有限公司", j);
            char first17[18], tmp[19];
            snprintf(first17, sizeof first17, "91210200MA%07d", j);
            snprintf(tmp, sizeof tmp, "%s0", first17);
            fb_uscc_info info;
            fb_uscc_check(tmp, 18, &info);
            snprintf(x->uscc, sizeof x->uscc, "%s%c", first17, info.expected_check);
            x->region = 210211;
            x->industry = 3670;
            x->figures = j == 0 ? (fb_firm_figures){20000, 5000000000000LL, 5000000000000LL}
                                : (fb_firm_figures){60, 2000000000LL, 2000000000LL};
            const char *field = NULL;
            char reason[200];
            if (fb_party_prepare(x, &field, reason, sizeof reason)) die(field, reason);
        }
        if (fb_parties_create(book, p, (size_t)k, o)) die("parties", fb_book_errmsg(book));
        done += k;
    }
    fb_facility f;
    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "scf");
    snprintf(f.party, sizeof f.party, "core");
    f.line = FB_LINE_SUPPLY_CHAIN;
    f.limit_fen = 900000000000000LL;
    f.start_date = 20089; /* 2025-01-01 */
    f.end_date = 20819;
    f.revolving = true;
    const char *field = NULL;
    char reason[200];
    if (fb_facility_check(&f, &field, reason, sizeof reason)) die(field, reason);
    fb_facility_outcome fo;
    if (fb_facilities_create(book, &f, 1, &fo) || fo.result != FB_FACILITY_CREATED) {
        die("facility", fb_book_errmsg(book));
    }
}

static const char *supplier(int tier, int root, int k) {
    static char id[16];
    snprintf(id, sizeof id, "s%05d", 1 + (root * 7 + tier * 1000 + k * 13) % SUPPLIERS);
    return id;
}

int main(int argc, char **argv) {
    int roots = argc > 1 ? atoi(argv[1]) : 100000;
    const char *folder = argc > 2 ? argv[2] : "build/bench";
    if (roots < 1) die("certificates", "must be at least 1");
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/certificates-%d.db", folder, roots);
    unlink(path);
    fb_book *book = NULL;
    if (fb_book_open(path, FB_OPEN_CREATE, &book, err, sizeof err)) die(path, err);
    make_parties(book);
    static fb_cert_issue iv[BATCH];
    static fb_cert_move mv[BATCH];
    static fb_cert_outcome out[BATCH];
    /* Issues. */
    double t0 = now_s();
    for (int done = 0; done < roots;) {
        int k = roots - done < BATCH ? roots - done : BATCH;
        for (int i = 0; i < k; i++) {
            fb_cert_issue *v = &iv[i];
            memset(v, 0, sizeof *v);
            snprintf(v->id, sizeof v->id, "C%06d", done + i);
            snprintf(v->core, sizeof v->core, "core");
            snprintf(v->holder, sizeof v->holder, "%s", supplier(1, done + i, 0));
            v->face_fen = 100000000 + (done + i) % 1000 * 10000;
            v->issue_date = 20089 + (done + i) % 60;
            v->maturity = v->issue_date + 150;
        }
        if (fb_certs_issue(book, iv, (size_t)k, out)) die("issue", fb_book_errmsg(book));
        for (int i = 0; i < k; i++)
            if (out[i].result != FB_CERT_DONE) die("issue", fb_cert_result_name(out[i].result));
        done += k;
    }
    double issue_s = now_s() - t0;
    /* Transfers: nine a root, tier by tier. */
    t0 = now_s();
    long moves = 0;
    for (int tier = 2; tier <= 4; tier++) {
        for (int done = 0; done < roots * 3;) {
            int k = roots * 3 - done < BATCH ? roots * 3 - done : BATCH;
            for (int i = 0; i < k; i++) {
                int r = (done + i) / 3, b = (done + i) % 3;
                fb_cert_move *v = &mv[i];
                memset(v, 0, sizeof *v);
                if (tier == 2) {
                    snprintf(v->part, sizeof v->part, "C%06d", r);
                } else {
                    snprintf(v->part, sizeof v->part, "C%06d.%d.%d", r, tier - 1, b);
                }
                snprintf(v->id, sizeof v->id, "C%06d.%d.%d", r, tier, b);
                snprintf(v->to, sizeof v->to, "%s", supplier(tier, r, b));
                v->amount_fen = tier == 2 ? 20000000 : 20000000 / (tier * 2);
                v->date = 20089 + r % 60 + tier;
            }
            if (fb_certs_transfer(book, mv, (size_t)k, out)) die("transfer", fb_book_errmsg(book));
            for (int i = 0; i < k; i++) {
                if (out[i].result != FB_CERT_DONE) {
                    die(mv[i].id, fb_cert_result_name(out[i].result));
                }
            }
            done += k;
            moves += k;
        }
    }
    double move_s = now_s() - t0;
    printf("bench/certificates: %d certificates split down four tiers into %ld parts\n", roots,
           roots + moves);
    printf("issue: %.0f/s (%.1f s); transfer: %.0f/s (%.1f s)\n", roots / issue_s, issue_s,
           (double)moves / move_s, move_s);
    /* The lineage of single roots. */
    double worst = 0, times[1000];
    int samples = roots < 1000 ? roots : 1000;
    for (int i = 0; i < samples; i++) {
        char id[FB_CERT_ID_MAX + 1];
        snprintf(id, sizeof id, "C%06d.4.1", (int)((long)i * 7919 % roots));
        fb_certificate *parts = NULL;
        size_t n = 0;
        double s0 = now_s();
        if (fb_cert_lineage(book, id, &parts, &n) || n != 10) die("lineage", id);
        times[i] = now_s() - s0;
        if (times[i] > worst) worst = times[i];
        free(parts);
    }
    for (int i = 1; i < samples; i++) { /* a sort, for the median */
        double x = times[i];
        int j = i;
        for (; j > 0 && times[j - 1] > x; j--)
            times[j] = times[j - 1];
        times[j] = x;
    }
    printf("lineage of one root (10 parts): median %.3f ms, worst %.3f ms of %d roots\n",
           times[samples / 2] * 1e3, worst * 1e3, samples);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
    fb_book_close(book);
    return 0;
}
