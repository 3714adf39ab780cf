/* test.h — finbridge's test harness: typed assertions that print expected and actual values.
 *
 * A test is a function; it passes when none of its assertions fails. Each binary ends with the
 * line "N passed, N failed", which tests/run.sh adds up. */
#ifndef FB_TEST_H
#define FB_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A check that fails outside any test case (a set-up in main before the first RUN, or after the
 * last) fails the binary too: test_summary counts it as one test failed. */
static int test_passed, test_failed, test_current_failures, test_outside_failures;
static const char *test_current;

static void test_fail_at(const char *file, int line, const char *expr) {
    if (!test_current) {
        if (test_outside_failures++ == 0) printf("FAIL outside any test\n");
    } else if (test_current_failures++ == 0) {
        printf("FAIL %s\n", test_current);
    }
    printf("  %s:%d: %s\n", file, line, expr);
}

#define EXPECT_TRUE(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) test_fail_at(__FILE__, __LINE__, "expected true: " #cond);                    \
    } while (0)

#define EXPECT_EQ_INT(expected, actual)                                                            \
    do {                                                                                           \
        long long e_ = (long long)(expected), a_ = (long long)(actual);                            \
        if (e_ != a_) {                                                                            \
            test_fail_at(__FILE__, __LINE__, #actual);                                             \
            printf("    expected %lld, got %lld\n", e_, a_);                                       \
        }                                                                                          \
    } while (0)

#define EXPECT_EQ_STR(expected, actual)                                                            \
    do {                                                                                           \
        const char *e_ = (expected), *a_ = (actual);                                               \
        if (!a_) a_ = "(null)";                                                                    \
        if (strcmp(e_, a_) != 0) {                                                                 \
            test_fail_at(__FILE__, __LINE__, #actual);                                             \
            printf("    expected \"%s\", got \"%s\"\n", e_, a_);                                   \
        }                                                                                          \
    } while (0)

/* Compares two fb_result values by name, so a failure reads "exceeds_credits" vs "created". */
#define EXPECT_RESULT(expected, actual)                                                            \
    do {                                                                                           \
        fb_result e_ = (expected), a_ = (actual);                                                  \
        if (e_ != a_) {                                                                            \
            test_fail_at(__FILE__, __LINE__, #actual);                                             \
            printf("    expected %s, got %s\n", fb_result_name(e_), fb_result_name(a_));           \
        }                                                                                          \
    } while (0)

static void test_run(const char *name, void (*fn)(void)) {
    test_current = name;
    test_current_failures = 0;
    fn();
    if (test_current_failures) {
        test_failed++;
    } else {
        test_passed++;
        printf("ok %s\n", name);
    }
    test_current = NULL;
    fflush(stdout);
}

#define RUN(fn) test_run(#fn, fn)

static int test_summary(void) {
    int failed = test_failed + (test_outside_failures ? 1 : 0);
    printf("%d passed, %d failed\n", test_passed, failed);
    return failed ? 1 : 0;
}

/* A fresh temporary directory for one test binary's databases (removed by tests/run.sh). */
__attribute__((unused)) static const char *test_dir(void) {
    static char dir[256];
    if (!dir[0]) {
        const char *base = getenv("FB_TEST_TMP");
        snprintf(dir, sizeof dir, "%s/fbtest.XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return dir;
}

/* Whether FINBRIDGE_DB names a PostgreSQL server: the ledger's tests then run on it. */
__attribute__((unused)) static bool test_on_pg(void) {
    const char *db = getenv("FINBRIDGE_DB");
    return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0);
}

/* A fresh book named name: a file in test_dir(), or with FINBRIDGE_DB a postgresql:// URI, a
 * database of its own on that server (the URI's, renamed after name and this run's test_dir();
 * opening it with FB_OPEN_CREATE creates it). The text lasts for eight more calls. */
__attribute__((unused)) static const char *test_book(const char *name) {
    static char books[8][1024];
    static int next;
    char *out = books[next++ % 8];
    if (!test_on_pg()) {
        snprintf(out, sizeof books[0], "%s/%s.db", test_dir(), name);
        return out;
    }
    const char *db = getenv("FINBRIDGE_DB");
    const char *hosts = strstr(db, "://") + 3;
    const char *slash = strchr(hosts, '/');
    const char *query = strchr(hosts, '?');
    size_t head = slash ? (size_t)(slash - db) : query ? (size_t)(query - db) : strlen(db);
    const char *dir = test_dir();
    const char *run = strrchr(dir, '.') ? strrchr(dir, '.') + 1 : "run";
    snprintf(out, sizeof books[0], "%.*s/fb_%s_%s%s", (int)head, db, name, run, query ? query : "");
    return out;
}

#endif
