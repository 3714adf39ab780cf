/* test_http.c — the server's defences, driven over loopback against the real server
 * ($FINBRIDGE serve) on a small book of Dalian: query numbers read strictly. */
#include <signal.h>
#include <sys/wait.h>

#include "book.h"
#include "http_client.h"
#include "test.h"

static char port_file[512];
static pid_t server;
static char bank[FB_TOKEN_HEX + 1], auditor[FB_TOKEN_HEX + 1];

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
    add_user("bank", FB_ROLE_BANK_OFFICER, NULL, bank);
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
        "to=2262-04-12",
        "from=2262-04-11",
        "cursor=99999999999999999999",
        "cursor=-5",
        "reverse=yes",
        "reverse=",
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
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return test_summary();
}
