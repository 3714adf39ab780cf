/* test_http.c — the server's defences, driven over loopback against the real server
 * ($FINBRIDGE serve) on a small book of Dalian: query numbers read strictly, the HTTP details
 * (the media type of bodies, the origin of writes, a body framed two ways, long and odd paths,
 * HEAD, the headers of every answer, the lists of a party that is not), idle connections from
 * one address, the login limiter (unflushable, and as slow for a name that is not as for one
 * that is), and a small cell of the reports suppressed for the government. Other loopback
 * addresses (127.0.0.2, ...) stand for other clients. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "api/web.h"
#include "book.h"
#include "http_client.h"
#include "test.h"

static char port_file[512];
static pid_t server;
static char bank[FB_TOKEN_HEX + 1], auditor[FB_TOKEN_HEX + 1], dalian[FB_TOKEN_HEX + 1];

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- The book and the server ------------------------------------------------------------- */

static void add_user(const char *name, fb_role role, const char *password, char *token) {
    fb_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.name, sizeof u.name, "%s", name);
    u.role = role;
    if (role == FB_ROLE_GOVERNMENT) u.region = 210200;
    char unused[FB_TOKEN_HEX + 1];
    EXPECT_EQ_INT(FB_OK, fb_user_add(L, &u, password, token ? token : unused));
}

static void make_book(void) {
    open_book();
    party("p1", 1, false);
    facility("f1", "p1", FB_LINE_SUPPLY_CHAIN, 100000000, true);
    loan("L1", "f1", 1000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-10");
    eod("2025-01-31");
    add_user("bank", FB_ROLE_BANK_OFFICER, NULL, bank);
    add_user("dalian", FB_ROLE_GOVERNMENT, NULL, dalian);
    add_user("auditor", FB_ROLE_AUDITOR, NULL, auditor);
    add_user("teller", FB_ROLE_BANK_OFFICER, "teller's passphrase", NULL);
    add_user("clerk", FB_ROLE_BANK_OFFICER, "clerk's passphrase", NULL);
    fb_book_close(L);
    L = NULL;
    snprintf(port_file, sizeof port_file, "%s/port", test_dir());
}

static void start_server(void) {
    unlink(port_file);
    server = fork();
    if (server == 0) {
        const char *bin = getenv("FINBRIDGE");
        execl(bin, bin, "serve", "--db", book_path, "--listen", "127.0.0.1:0", "--port-file",
              port_file, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 400; i++) {
        FILE *f = fopen(port_file, "r");
        if (f) {
            int ok = fscanf(f, "%d", &port);
            fclose(f);
            if (ok == 1 && port > 0) return;
        }
        usleep(10000);
    }
    printf("the server did not start\n");
    exit(2);
}

static void expect_problem(answer *a, int status, const char *field) {
    if (a->status != status) printf("    got %d: %s\n", a->status, a->body);
    EXPECT_EQ_INT(status, a->status);
    if (field) EXPECT_EQ_STR(field, json_string_value(json_object_get(a->json, "field")));
    release(a);
}

static void expect_alive(void) {
    answer a;
    EXPECT_TRUE(http("GET", "/v1/me", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
}

/* ---- 5. Numbers --------------------------------------------------------------------------- */

/* Every number of a query is read whole and checked: a cursor at the end of time answers an
 * empty page (it overflowed, and UBSan stopped the server); an exponent, trailing letters, an
 * empty value, 20 digits, a sign, a space, a leading zero or a repeated argument is a 400 that
 * names the argument, on every route that reads one. */
static void query_numbers_are_read_strictly(void) {
    answer a;
    EXPECT_TRUE(
        http("GET", "/v1/accounts/dep:p1/transfers?cursor=9223372036854775807", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_TRUE(strstr(a.body, "\"transfers\":[]") != NULL);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/accounts/dep:p1/transfers?reverse=true&cursor=0", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    EXPECT_TRUE(
        http("GET", "/v1/accounts/NOPE/transfers?cursor=9223372036854775807", bank, NULL, &a));
    EXPECT_EQ_INT(404, a.status);
    release(&a);
    static const char *const bad[] = {
        "limit=1e3",
        "limit=5abc",
        "limit=",
        "limit",
        "limit=%2B5",
        "limit=-1",
        "limit=%205",
        "limit=5%20",
        "limit=007",
        "limit=8190",
        "limit=0",
        "from=",
        "from=1e3",
        "from=-1",
        "to=2025-02-30",
        "from=1969-12-31",
        "cursor=99999999999999999999",
        "cursor=-5",
        "reverse=yes",
        "reverse=",
        "limit=5&limit=6",
        "limit=5%00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[256], field[16];
        snprintf(path, sizeof path, "/v1/accounts/dep:p1/transfers?%s", bad[i]);
        snprintf(field, sizeof field, "%.*s", (int)strcspn(bad[i], "="), bad[i]);
        EXPECT_TRUE(http("GET", path, bank, NULL, &a));
        if (a.status != 400) printf("    %s: %d\n", bad[i], a.status);
        expect_problem(&a, 400, field);
    }
    /* The other routes that read a number. */
    static const char *const others[][2] = {
        {"/v1/certificates?limit=5abc", "limit"},
        {"/v1/agreements?limit=1e3", "limit"},
        {"/v1/projects?limit=", "limit"},
        {"/v1/parties/p1/loans?limit=%2B1", "limit"},
        {"/v1/reports/exposures?limit=10x", "limit"},
        {"/v1/reports/credit?as_of=2025-01-31&region=%2B210200", "region"},
        {"/v1/reports/credit?as_of=2025-01-31&by=", "by"},
        {"/v1/reports/credit?as_of=", "as_of"},
        {"/v1/accounts/dep:p1/balances?as_of=12abc", "as_of"},
        {"/v1/schedule?principal=1000.00&rate=4.0000&months=12abc&start=2025-01-01", "months"},
        {"/v1/schedule?principal=1000.00&rate=4.0000&months=99999999999999999999"
         "&start=2025-01-01",
         "months"},
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        EXPECT_TRUE(http("GET", others[i][0], bank, NULL, &a));
        if (a.status != 400) printf("    %s: %d %s\n", others[i][0], a.status, a.body);
        expect_problem(&a, 400, others[i][1]);
    }
    /* Good values still go through. */
    EXPECT_TRUE(
        http("GET", "/v1/accounts/dep:p1/transfers?limit=1&from=0&to=2262-04-10", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    EXPECT_TRUE(
        http("GET", "/v1/accounts/dep:p1/transfers?from=2025-02-01&to=2025-01-01", bank, NULL, &a));
    expect_problem(&a, 400, "from");
    expect_alive();
}

/* ---- 10. HTTP details --------------------------------------------------------------------- */

/* A JSON body comes as application/json: a page of another site can send text/plain, a form or
 * multipart without asking, and then its login would set a cookie (login CSRF); the session's
 * Origin must be this server's. */
static void bodies_are_json_and_writes_of_the_same_origin(void) {
    const char *login = "{\"name\":\"clerk\",\"password\":\"clerk's passphrase\"}";
    static const char *const types[] = {"text/plain", "application/x-www-form-urlencoded",
                                        "multipart/form-data; boundary=x", "application/jsonx",
                                        "application/json; charset=latin1"};
    answer a;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        request q = {"POST", "/v1/session", NULL, login, types[i], NULL, "127.0.0.40", NULL, 0};
        EXPECT_TRUE(send_request(&q, &a));
        EXPECT_TRUE(strstr(a.head, "Set-Cookie") == NULL);
        expect_problem(&a, 415, NULL);
        request w = {"POST", "/v1/transfers", bank, "[]", types[i], NULL, NULL, NULL, 0};
        EXPECT_TRUE(send_request(&w, &a));
        expect_problem(&a, 415, NULL);
    }
    request none = {"POST", "/v1/transfers", bank, NULL, NULL, NULL, NULL, NULL, 0};
    EXPECT_TRUE(send_request(&none, &a));
    expect_problem(&a, 415, NULL);
    /* Another site's page, and this server's own. */
    static const char *const foreign[] = {"Origin: http://evil.example\r\n", "Origin: null\r\n",
                                          "Origin: http://localhost.evil.example\r\n",
                                          "Sec-Fetch-Site: cross-site\r\n"};
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
        request q = {"POST", "/v1/session", NULL, login, NULL, foreign[i], "127.0.0.40", NULL, 0};
        EXPECT_TRUE(send_request(&q, &a));
        EXPECT_TRUE(strstr(a.head, "Set-Cookie") == NULL);
        expect_problem(&a, 403, NULL);
    }
    request own = {"POST",
                   "/v1/session",
                   NULL,
                   login,
                   "application/json; charset=UTF-8",
                   "Origin: http://localhost\r\nSec-Fetch-Site: same-origin\r\n",
                   "127.0.0.40",
                   NULL,
                   0};
    EXPECT_TRUE(send_request(&own, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_TRUE(strstr(a.head, "Set-Cookie: fb_session=") != NULL);
    release(&a);
}

/* Content-Length and Transfer-Encoding together (or either twice) frame a body two ways: what
 * one reader takes for the body another takes for the next request. Refused with the connection
 * closed: the request hidden behind it never runs. */
static void a_body_framed_two_ways_is_refused_and_the_connection_closed(void) {
    char raw[1024];
    static const char *const framings[] = {
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
        "Content-Length: 5\r\nContent-Length: 5\r\n",
        "Transfer-Encoding: gzip\r\n",
    };
    for (size_t i = 0; i < sizeof framings / sizeof framings[0]; i++) {
        snprintf(raw, sizeof raw,
                 "POST /v1/transfers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n"
                 "Content-Type: application/json\r\n%s\r\n0\r\n\r\n"
                 "GET /v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n\r\n",
                 bank, framings[i], bank);
        request q = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, raw, 3000};
        answer a;
        double t0 = now_ms();
        EXPECT_TRUE(send_request(&q, &a));
        EXPECT_TRUE(now_ms() - t0 < 2500); /* closed by the server, not by the read timeout */
        EXPECT_EQ_INT(1, a.responses);
        EXPECT_TRUE(has_header(&a, "Connection", "close"));
        expect_problem(&a, 400, NULL);
    }
    expect_alive();
}

/* A path is never cut nor folded: over 511 bytes it is 414; an empty segment or a trailing slash
 * is no route's (404), so /v1/accounts/dep:p1//// is not that account. */
static void paths_are_neither_cut_nor_folded(void) {
    char path[700];
    int n = snprintf(path, sizeof path, "/v1/accounts/dep:p1");
    while (n < 600)
        path[n++] = '/';
    path[n] = 0;
    answer a;
    EXPECT_TRUE(http("GET", path, bank, NULL, &a));
    expect_problem(&a, 414, NULL);
    static const char *const odd[] = {"/v1/accounts/dep:p1//", "/v1/accounts/dep:p1/",
                                      "/v1//accounts/dep:p1", "//v1/accounts/dep:p1",
                                      "/v1/accounts/dep:p1/transfers/a/b/c/d/e/f/g"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        EXPECT_TRUE(http("GET", odd[i], bank, NULL, &a));
        if (a.status != 404) printf("    %s: %d\n", odd[i], a.status);
        expect_problem(&a, 404, NULL);
    }
    EXPECT_TRUE(http("GET", "/v1/accounts/dep:p1", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
}

/* HEAD is GET without the body (the same status and headers); a method a path does not serve is
 * 405 with the Allow header. Every answer of the API says Cache-Control: no-store and nosniff.
 * A party that does not exist has no lists: 404, not an empty one. */
static void head_405_headers_and_absent_parties(void) {
    answer get, head;
    EXPECT_TRUE(http("GET", "/v1/accounts/dep:p1", bank, NULL, &get));
    EXPECT_TRUE(http("HEAD", "/v1/accounts/dep:p1", bank, NULL, &head));
    EXPECT_EQ_INT(200, head.status);
    EXPECT_EQ_INT(0, head.body_len);
    char length[32];
    snprintf(length, sizeof length, "%zu", get.body_len);
    EXPECT_TRUE(has_header(&head, "Content-Length", length));
    release(&get);
    release(&head);
    EXPECT_TRUE(http("HEAD", "/v1/accounts/NOPE", bank, NULL, &head));
    EXPECT_EQ_INT(404, head.status);
    EXPECT_EQ_INT(0, head.body_len);
    release(&head);
    answer a;
    EXPECT_TRUE(http("DELETE", "/v1/accounts/dep:p1", bank, NULL, &a));
    EXPECT_TRUE(has_header(&a, "Allow", "GET, HEAD"));
    expect_problem(&a, 405, NULL);
    static const char *const paths[] = {"/v1/me",   "/v1/nothing",      "/v1/accounts/NOPE",
                                        "/healthz", "/v1/openapi.json", "/metrics"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        EXPECT_TRUE(http("GET", paths[i], bank, NULL, &a));
        if (!has_header(&a, "Cache-Control", "no-store")) printf("    %s: %s\n", paths[i], a.head);
        EXPECT_TRUE(has_header(&a, "Cache-Control", "no-store"));
        EXPECT_TRUE(has_header(&a, "X-Content-Type-Options", "nosniff"));
        release(&a);
    }
    EXPECT_TRUE(http("GET", "/v1/parties/NOPE/loans", bank, NULL, &a));
    expect_problem(&a, 404, NULL);
    EXPECT_TRUE(http("GET", "/v1/parties/NOPE/facilities", auditor, NULL, &a));
    expect_problem(&a, 404, NULL);
    EXPECT_TRUE(http("GET", "/v1/parties/p1/loans", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(1, json_array_size(a.json));
    release(&a);
}

/* Whether the server closed the socket: readable, and nothing (or an error) to read. */
static int peer_closed(int fd) {
    if (fd < 0) return 1;
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0) return 0;
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* ---- 7. Idle connections ------------------------------------------------------------------ */

/* A thousand sockets from one address that send nothing filled the server's thousand places for
 * 30 s. Now one address keeps at most FB_HTTP_CONNECTIONS_PER_ADDRESS_MAX (the rest are closed
 * at once), those that send no headers close after FB_HTTP_HEADER_TIMEOUT_S, and a client of
 * another address is answered meanwhile. */
static void idle_sockets_of_one_address_lock_no_one_out(void) {
    enum { IDLE = 1000 };
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < IDLE + 64 && rl.rlim_max >= IDLE + 64) {
        rl.rlim_cur = IDLE + 64;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    static int fds[IDLE];
    int opened = 0;
    for (int i = 0; i < IDLE; i++) {
        fds[i] = connect_from(NULL, 50);
        if (fds[i] >= 0) opened++;
    }
    EXPECT_EQ_INT(IDLE, opened);
    usleep(1000000);
    int closed_early = 0;
    for (int i = 0; i < IDLE; i++)
        closed_early += peer_closed(fds[i]);
    double t0 = now_ms();
    request q = {"GET", "/v1/me", bank, NULL, NULL, NULL, "127.0.0.2", NULL, 3000};
    answer a;
    bool answered = send_request(&q, &a);
    double took = now_ms() - t0;
    EXPECT_TRUE(answered);
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    EXPECT_TRUE(took < 1000);
    EXPECT_TRUE(closed_early >= IDLE - FB_HTTP_CONNECTIONS_PER_ADDRESS_MAX);
    /* After the header timeout, all of them. */
    usleep((FB_HTTP_HEADER_TIMEOUT_S + 1) * 1000000);
    int closed_late = 0;
    for (int i = 0; i < IDLE; i++) {
        closed_late += peer_closed(fds[i]);
        if (fds[i] >= 0) close(fds[i]);
    }
    printf("  %d idle sockets from 127.0.0.1: %d closed within 1 s, %d within %d s; a request "
           "from 127.0.0.2 answered %d in %.1f ms\n",
           IDLE, closed_early, closed_late, FB_HTTP_HEADER_TIMEOUT_S + 2, answered ? 200 : 0, took);
    EXPECT_EQ_INT(IDLE, closed_late);
    expect_alive();
}

/* ---- 4. The login limiter ----------------------------------------------------------------- */

static int login(const char *name, const char *password, const char *from, double *ms) {
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
    request q = {"POST", "/v1/session", NULL, body, NULL, NULL, from, NULL, 0};
    answer a;
    double t0 = now_ms();
    bool ok = send_request(&q, &a);
    if (ms) *ms = now_ms() - t0;
    release(&a);
    return ok ? a.status : 0;
}

static int by_value(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* A name that is not a user's is checked against a dummy Argon2id hash: its failed login takes
 * as long as a real user's. Measured alternately, one request at a time, each from its own
 * address (so that neither limit is reached); the medians are compared. */
static void a_login_takes_as_long_for_a_name_that_is_not(void) {
    enum { SAMPLES = 11 };
    double known[SAMPLES], unknown[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
        char name[32];
        snprintf(name, sizeof name, "nobody-%d", i);
        EXPECT_EQ_INT(401, login("clerk", "not the passphrase", "127.0.0.21", &known[i]));
        EXPECT_EQ_INT(401, login(name, "not the passphrase", "127.0.0.22", &unknown[i]));
        /* The clerk's own login, now and then, clears its name's failures. */
        if (i % 4 == 3)
            EXPECT_EQ_INT(200, login("clerk", "clerk's passphrase", "127.0.0.21", NULL));
    }
    qsort(known, SAMPLES, sizeof known[0], by_value);
    qsort(unknown, SAMPLES, sizeof unknown[0], by_value);
    double k = known[SAMPLES / 2], u = unknown[SAMPLES / 2];
    printf("  failed logins, median of %d: a user's name %.1f ms (%.1f..%.1f), a name that is "
           "not %.1f ms (%.1f..%.1f): ratio %.2f\n",
           SAMPLES, k, known[0], known[SAMPLES - 1], u, unknown[0], unknown[SAMPLES - 1], u / k);
    EXPECT_TRUE(u >= 0.5 * k);
}

typedef struct {
    const char *from;
    int first, count;
    int status[600];
} flood_args;

static void *flood(void *arg) {
    flood_args *f = arg;
    for (int i = 0; i < f->count; i++) {
        char name[32];
        snprintf(name, sizeof name, "made-up-%d", f->first + i);
        f->status[i] = login(name, "guess", f->from, NULL);
    }
    return NULL;
}

/* The lock of a name cannot be pushed out: 1,100 failed logins under made-up names (which pushed
 * the 1,024-entry table over, and the lock with it) stop at the flooding address's own limit,
 * unhashed; the locked name stays locked, from its address and from any other. */
static void a_login_lock_cannot_be_flushed(void) {
    for (int i = 0; i < FB_LOGIN_FAILURES_MAX; i++)
        EXPECT_EQ_INT(401, login("teller", "wrong", "127.0.0.30", NULL));
    EXPECT_EQ_INT(429, login("teller", "teller's passphrase", "127.0.0.30", NULL));
    enum { THREADS = 2, EACH = 550 };
    static flood_args f[THREADS];
    pthread_t t[THREADS];
    double t0 = now_ms();
    for (int i = 0; i < THREADS; i++) {
        f[i] = (flood_args){"127.0.0.31", i * EACH, EACH, {0}};
        pthread_create(&t[i], NULL, flood, &f[i]);
    }
    int refused = 0, failed = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        for (int k = 0; k < EACH; k++) {
            refused += f[i].status[k] == 429;
            failed += f[i].status[k] == 401;
        }
    }
    printf("  1,100 failed logins under made-up names in %.0f ms: %d hashed and refused (401), "
           "%d refused unhashed (429)\n",
           now_ms() - t0, failed, refused);
    EXPECT_EQ_INT(THREADS * EACH, refused + failed);
    EXPECT_TRUE(failed <= FB_LOGIN_ADDRESS_FAILURES_MAX);
    EXPECT_EQ_INT(429, login("teller", "teller's passphrase", "127.0.0.30", NULL));
    EXPECT_EQ_INT(429, login("teller", "teller's passphrase", "127.0.0.32", NULL));
    /* The flooding address is locked for every name, a real one with its password too. */
    EXPECT_EQ_INT(429, login("clerk", "clerk's passphrase", "127.0.0.31", NULL));
    EXPECT_EQ_INT(200, login("clerk", "clerk's passphrase", "127.0.0.33", NULL));
}

/* ---- 13. Small cells ---------------------------------------------------------------------- */

/* Dalian's one borrower: the bank reads its cell, the government of Dalian reads it suppressed
 * (every figure null) in the credit report, the inclusive report and an agreement's progress;
 * with the book's minimum set to 1 the government reads it too. */
static void a_small_cell_is_suppressed_for_the_government(void) {
    answer a;
    const char *credit = "/v1/reports/credit?as_of=2025-01-31&from=2025-01-01&by=city";
    EXPECT_TRUE(http("GET", credit, bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    json_t *row = json_array_get(a.json, 0);
    EXPECT_EQ_STR("10000.00", json_string_value(json_object_get(row, "balance")));
    EXPECT_TRUE(json_object_get(row, "suppressed") == NULL);
    release(&a);
    EXPECT_TRUE(http("GET", credit, dalian, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    row = json_array_get(a.json, 0);
    EXPECT_EQ_INT(210200, json_integer_value(json_object_get(row, "city")));
    static const char *const figures[] = {"balance", "loans", "borrowers", "new", "new_loans"};
    for (size_t i = 0; i < 5; i++) {
        if (!json_is_null(json_object_get(row, figures[i]))) printf("    %s shown\n", figures[i]);
        EXPECT_TRUE(json_is_null(json_object_get(row, figures[i])));
    }
    EXPECT_TRUE(json_is_true(json_object_get(row, "suppressed")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/reports/credit?as_of=2025-01-31&by=line", dalian, NULL, &a));
    EXPECT_TRUE(json_is_null(json_object_get(json_array_get(a.json, 0), "balance")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/reports/inclusive?as_of=2025-01-31", dalian, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_TRUE(json_is_null(json_object_get(a.json, "all_balance")));
    EXPECT_TRUE(json_is_true(json_object_get(a.json, "suppressed")));
    release(&a);
    /* The book's minimum, as `finbridge settings --report-min-cell 1` sets it. */
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 1));
    fb_book_close(L);
    L = NULL;
    EXPECT_TRUE(http("GET", credit, dalian, NULL, &a));
    row = json_array_get(a.json, 0);
    EXPECT_EQ_STR("10000.00", json_string_value(json_object_get(row, "balance")));
    EXPECT_TRUE(json_object_get(row, "suppressed") == NULL);
    release(&a);
}

/* FB_TEST_ONLY=name runs one test alone (against a fresh server). */
#define RUN_ONE(fn)                                                                                \
    do {                                                                                           \
        const char *only_ = getenv("FB_TEST_ONLY");                                                \
        if (!only_ || strcmp(only_, #fn) == 0) RUN(fn);                                            \
    } while (0)

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    make_book();
    start_server();
    RUN_ONE(query_numbers_are_read_strictly);
    RUN_ONE(bodies_are_json_and_writes_of_the_same_origin);
    RUN_ONE(a_body_framed_two_ways_is_refused_and_the_connection_closed);
    RUN_ONE(paths_are_neither_cut_nor_folded);
    RUN_ONE(head_405_headers_and_absent_parties);
    RUN_ONE(a_small_cell_is_suppressed_for_the_government);
    RUN_ONE(a_login_takes_as_long_for_a_name_that_is_not);
    RUN_ONE(a_login_lock_cannot_be_flushed);
    RUN_ONE(idle_sockets_of_one_address_lock_no_one_out);
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return test_summary();
}
