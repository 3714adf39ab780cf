/* test_api_ops.c — the server as an operator runs it, against the real server ($FINBRIDGE
 * serve) over loopback: the request log (one JSON line on stderr for every request, with its
 * time, request id, user, method, route template, path, status and duration), and end of day in
 * steps (a write sent during a long POST /v1/eod is answered before the end of day ends; the
 * days closed so far are readable as they close; a day an audit entry; verify holds). */
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

#include "book.h"
#include "http_client.h"
#include "server_port.h"

static char port_file[512], log_path[512];
static pid_t server;
static char bank[FB_TOKEN_HEX + 1];

static void make_book(void) {
    open_book();
    party("p1", 1, false);
    facility("F1", "p1", FB_LINE_INCLUSIVE, 500000000, true);
    loan("L1", "F1", 10000000, 40000, 0, 36, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-02");
    fb_account a = {.ledger = 1, .code = 1};
    fb_result r;
    const char *ids[2] = {"ops:a", "ops:b"};
    for (int i = 0; i < 2; i++) {
        snprintf(a.id, sizeof a.id, "%s", ids[i]);
        EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(L), &a, 1, &r, NULL));
    }
    /* A long end of day: a simulation book (open_book) closing years at once. */
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "eod_max_days", FB_EOD_DAYS_MAX));
    fb_user u = {"ops-bank", FB_ROLE_BANK_OFFICER, "", 0};
    EXPECT_EQ_INT(FB_OK, fb_user_add(L, &u, NULL, bank));
    fb_book_close(L);
}

/* The server, its stderr into log_path. */
static void start_server(void) {
    snprintf(port_file, sizeof port_file, "%s/port", test_dir());
    snprintf(log_path, sizeof log_path, "%s/server.log", test_dir());
    unlink(port_file);
    server = fork();
    if (server == 0) {
        if (!freopen(log_path, "w", stderr)) _exit(126);
        const char *bin = getenv("FINBRIDGE");
        execl(bin, bin, "serve", "--db", book_path, "--listen", "127.0.0.1:0", "--port-file",
              port_file, (char *)NULL);
        _exit(127);
    }
    port = await_server_port(port_file);
}

/* The answer's X-Request-Id into id. */
static void request_id(const answer *a, char *id, size_t cap) {
    const char *h = strstr(a->head, "X-Request-Id: ");
    snprintf(id, cap, "%s", "");
    if (h) sscanf(h + 14, "%39[^\r\n]", id);
    EXPECT_TRUE(id[0] != 0);
}

/* The log's line of a request id, parsed (the caller releases it); NULL when it is not there
 * within two seconds (a line is written once the answer is queued, maybe after it arrived).
 * Every line that opens with "{" must parse as JSON. */
static json_t *logged(const char *id) {
    for (int tries = 0; tries < 200; tries++) {
        FILE *f = fopen(log_path, "r");
        char line[8192];
        json_t *found = NULL;
        while (f && !found && fgets(line, sizeof line, f)) {
            if (line[0] != '{') continue;
            json_error_t err;
            json_t *j = json_loads(line, 0, &err);
            if (!j) printf("    not JSON: %s", line);
            EXPECT_TRUE(j != NULL);
            const char *rid = json_string_value(json_object_get(j, "request_id"));
            if (rid && strcmp(rid, id) == 0) {
                found = j;
            } else {
                json_decref(j);
            }
        }
        if (f) fclose(f);
        if (found) return found;
        usleep(10000);
    }
    return NULL;
}

/* Sends a request as token (NULL: none) and returns its log line. */
static json_t *request_logged(const char *method, const char *path, const char *token,
                              const char *body, int status) {
    answer a;
    EXPECT_TRUE(http(method, path, token, body, &a));
    EXPECT_EQ_INT(status, a.status);
    char id[40];
    request_id(&a, id, sizeof id);
    release(&a);
    json_t *j = logged(id);
    if (!j) printf("    %s %s (%s) is not in the log\n", method, path, id);
    EXPECT_TRUE(j != NULL);
    return j;
}

static void expect_line(json_t *j, const char *user, const char *method, const char *route,
                        const char *path, int status) {
    if (!j) return;
    const char *t = json_string_value(json_object_get(j, "time"));
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, us = 0;
    char z = 0;
    EXPECT_TRUE(
        t && sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d.%6d%c", &y, &mo, &d, &h, &mi, &s, &us, &z) == 8 &&
        z == 'Z' && y >= 2024 && strlen(t) == 27);
    json_t *u = json_object_get(j, "user");
    if (user) {
        EXPECT_EQ_STR(user, json_string_value(u));
    } else {
        EXPECT_TRUE(json_is_null(u));
    }
    EXPECT_EQ_STR(method, json_string_value(json_object_get(j, "method")));
    json_t *r = json_object_get(j, "route");
    if (route) {
        EXPECT_EQ_STR(route, json_string_value(r));
    } else {
        EXPECT_TRUE(json_is_null(r));
    }
    EXPECT_EQ_STR(path, json_string_value(json_object_get(j, "path")));
    EXPECT_EQ_INT(status, json_integer_value(json_object_get(j, "status")));
    json_t *took = json_object_get(j, "duration_us");
    EXPECT_TRUE(json_is_integer(took) && json_integer_value(took) >= 0 &&
                json_integer_value(took) < 60000000);
    EXPECT_EQ_INT(8, json_object_size(j));
    json_decref(j);
}

static void every_request_is_one_json_line_on_stderr(void) {
    expect_line(request_logged("GET", "/healthz", NULL, NULL, 200), NULL, "GET", "/healthz",
                "/healthz", 200);
    expect_line(request_logged("GET", "/v1/accounts/ops:a", bank, NULL, 200), "ops-bank", "GET",
                "/v1/accounts/{id}", "/v1/accounts/ops:a", 200);
    expect_line(request_logged("GET", "/v1/accounts/ops:a", NULL, NULL, 401), NULL, "GET",
                "/v1/accounts/{id}", "/v1/accounts/ops:a", 401);
    expect_line(request_logged("GET", "/v1/nothing/here", bank, NULL, 404), NULL, "GET", NULL,
                "/v1/nothing/here", 404);
    const char *t = "[{\"id\":\"log-t1\",\"debit_account_id\":\"ops:a\",\"credit_account_id\":"
                    "\"ops:b\",\"amount\":\"1.00\",\"ledger\":1,\"code\":1}]";
    expect_line(request_logged("POST", "/v1/transfers", bank, t, 200), "ops-bank", "POST",
                "/v1/transfers", "/v1/transfers", 200);
    expect_line(request_logged("POST", "/v1/loans/L1/repayments", bank, "{\"amount\":1}", 400),
                "ops-bank", "POST", "/v1/loans/{id}/repayments", "/v1/loans/L1/repayments", 400);
    /* A path that is not UTF-8 is still a line of JSON, its bytes written %XX. */
    expect_line(request_logged("GET", "/v1/accounts/%FF", bank, NULL, 404), "ops-bank", "GET",
                "/v1/accounts/{id}", "/v1/accounts/%FF", 404);
}

/* ---- End of day in steps ----------------------------------------------------------------------
 */

typedef struct {
    answer a;
    bool sent;
    int done; /* set once the answer is in */
} eod_call;

enum { EOD_DAYS = 500 }; /* 2025-01-02 (the loan's start: the first day) through 2026-05-16 */

static void *long_eod(void *arg) {
    eod_call *c = arg;
    request q = {"POST", "/v1/eod", bank,  "{\"date\":\"2026-05-16\"}", NULL, NULL,
                 NULL,   NULL,      300000};
    c->sent = send_request(&q, &c->a);
    __atomic_store_n(&c->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* The business date GET /v1/eod reads (a request thread's reader), 0 before the first. */
static int32_t business_date(void) {
    answer a;
    EXPECT_TRUE(http("GET", "/v1/eod", bank, NULL, &a));
    const char *d = json_string_value(json_object_get(a.json, "business_date"));
    int32_t v = d ? day(d) : 0;
    release(&a);
    return v;
}

/* Entries of the audit log under a request id. */
static size_t audit_entries(const char *id, char *last_outcome, size_t cap) {
    fb_book *l = NULL;
    char err[256];
    if (fb_book_open(book_path, FB_OPEN_READONLY, &l, err, sizeof err)) return 0;
    static fb_audit_record rows[FB_AUDIT_LIST_MAX];
    size_t n = 0, found = 0;
    for (int64_t from = 1; fb_audit_list(l, from, rows, FB_AUDIT_LIST_MAX, &n) == 0 && n;
         from = rows[n - 1].seq + 1) {
        for (size_t i = 0; i < n; i++) {
            if (strcmp(rows[i].request_id, id) != 0) continue;
            found++;
            snprintf(last_outcome, cap, "%s", rows[i].outcome);
        }
    }
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(l, print_line, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
    fb_book_close(l);
    return found;
}

/* A long end of day closes a day a unit of work: the days closed so far are read as they close,
 * and a write sent meanwhile is answered while the end of day still runs; each day is audited
 * with the request's id, and the run's own entry ends them. */
static void a_write_during_a_long_end_of_day_is_answered_before_it_ends(void) {
    static eod_call c;
    pthread_t t;
    pthread_create(&t, NULL, long_eod, &c);
    int32_t first = day("2025-01-02"), through = day("2026-05-16");
    int32_t seen = 0;
    for (int i = 0; i < 3000 && seen < first + 2; i++) {
        seen = business_date();
        if (seen < first + 2) usleep(2000);
    }
    EXPECT_TRUE(seen >= first + 2); /* two days closed and readable, the run going on */
    const char *tr = "[{\"id\":\"during-eod\",\"debit_account_id\":\"ops:a\","
                     "\"credit_account_id\":\"ops:b\",\"amount\":\"2.00\",\"ledger\":1,"
                     "\"code\":1}]";
    answer w;
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, tr, &w));
    int eod_done = __atomic_load_n(&c.done, __ATOMIC_SEQ_CST);
    int32_t after = business_date();
    EXPECT_EQ_INT(200, w.status);
    EXPECT_EQ_STR("created",
                  json_string_value(json_object_get(json_array_get(w.json, 0), "result")));
    release(&w);
    printf("    the write was answered with the business date at %d of %d..%d\n", after, first,
           through + 1);
    EXPECT_EQ_INT(0, eod_done); /* answered before the end of day was */
    EXPECT_TRUE(after <= through);
    pthread_join(t, NULL);
    EXPECT_TRUE(c.sent);
    EXPECT_EQ_INT(200, c.a.status);
    EXPECT_EQ_INT(EOD_DAYS, json_integer_value(json_object_get(c.a.json, "days_closed")));
    EXPECT_EQ_INT(EOD_DAYS, json_array_size(json_object_get(c.a.json, "days")));
    EXPECT_EQ_STR("2026-05-17", json_string_value(json_object_get(c.a.json, "business_date")));
    char id[40], outcome[FB_AUDIT_FIELD_MAX + 1] = "";
    request_id(&c.a, id, sizeof id);
    release(&c.a);
    EXPECT_EQ_INT(EOD_DAYS + 1, audit_entries(id, outcome, sizeof outcome));
    EXPECT_EQ_STR("closed 500 days", outcome);
}

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    make_book();
    start_server();
    RUN(every_request_is_one_json_line_on_stderr);
    RUN(a_write_during_a_long_end_of_day_is_answered_before_it_ends);
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* What a sanitizer said of the server (its stderr is the log) is this test's to show. */
    FILE *f = fopen(log_path, "r");
    char line[8192];
    while (f && fgets(line, sizeof line, f)) {
        if (line[0] != '{' && strstr(line, "Sanitizer")) printf("%s", line);
    }
    if (f) fclose(f);
    return test_summary();
}
