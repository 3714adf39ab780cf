/* test_api.c — the HTTP API, driven over loopback against the real server ($FINBRIDGE serve):
 * the OpenAPI document against the router, every role against every route, the problems of bad
 * requests, concurrent writes, SIGKILL under writes (every acknowledged write survives), SIGTERM,
 * and the audit log's chain in verify. */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "finbridge/finbridge.h"
#include "http_client.h"
#include "test.h"

static char db_path[512], port_file[512];
static pid_t server;
static char tokens[FB_ROLE_COUNT_][FB_TOKEN_HEX + 1];
static char other_enterprise[FB_TOKEN_HEX + 1];

/* ---- The book and the server ------------------------------------------------------------------
 */

static void code(const char *first17, char *out) {
    fb_uscc_info info;
    char tmp[19];
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(out, 19, "%s%c", first17, info.expected_check);
}

static void make_book(void) {
    snprintf(db_path, sizeof db_path, "%s/api.db", test_dir());
    snprintf(port_file, sizeof port_file, "%s/port", test_dir());
    fb_book *l = NULL;
    char err[256];
    if (fb_book_open(db_path, FB_OPEN_CREATE, &l, err, sizeof err)) exit(2);
    fb_party p[2];
    const char *ids[2] = {"t1", "t2"};
    for (int i = 0; i < 2; i++) {
        memset(&p[i], 0, sizeof p[i]);
        snprintf(p[i].id, sizeof p[i].id, "%s", ids[i]);
        p[i].kind = FB_PARTY_ENTERPRISE;
        snprintf(p[i].name, sizeof p[i].name, "%s 有限公司", ids[i]);
        code(i ? "91210200MA0APX002" : "91210200MA0APX001", p[i].uscc);
        p[i].region = 210211;
        p[i].industry = 3670;
        p[i].figures = (fb_firm_figures){40, 2000000000LL, 2000000000LL};
        const char *field = NULL;
        EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p[i], &field, err, sizeof err));
    }
    fb_party_outcome po[2];
    EXPECT_EQ_INT(FB_OK, fb_parties_create(l, p, 2, po));
    fb_facility f[2];
    for (int i = 0; i < 2; i++) {
        memset(&f[i], 0, sizeof f[i]);
        snprintf(f[i].id, sizeof f[i].id, "f%d", i + 1);
        snprintf(f[i].party, sizeof f[i].party, "%s", ids[i]);
        f[i].line = FB_LINE_SUPPLY_CHAIN;
        f[i].limit_fen = 100000000;
        f[i].start_date = 20089;
        f[i].end_date = 21000;
        f[i].revolving = true;
        const char *field = NULL;
        EXPECT_EQ_INT(FB_OK, fb_facility_check(&f[i], &field, err, sizeof err));
    }
    fb_facility_outcome fo[2];
    EXPECT_EQ_INT(FB_OK, fb_facilities_create(l, f, 2, fo));
    fb_loan x[2];
    for (int i = 0; i < 2; i++) {
        memset(&x[i], 0, sizeof x[i]);
        snprintf(x[i].id, sizeof x[i].id, "L%d", i + 1);
        snprintf(x[i].facility, sizeof x[i].facility, "f%d", i + 1);
        x[i].terms = (fb_loan_terms){
            1000000, 40000, 12, FB_METHOD_EQUAL_INSTALLMENT, 20100, 0, FB_DAYCOUNT_ACT360};
        x[i].penalty_markup_pct = 50;
        const char *field = NULL;
        EXPECT_EQ_INT(FB_OK, fb_loan_check(&x[i], &field, err, sizeof err));
    }
    fb_loan_outcome lo[2];
    EXPECT_EQ_INT(FB_OK, fb_loans_create(l, x, 2, lo));
    fb_cert_issue c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "C1");
    snprintf(c.core, sizeof c.core, "t2");
    snprintf(c.holder, sizeof c.holder, "t1");
    c.face_fen = 500000;
    c.issue_date = 20100;
    c.maturity = 20200;
    fb_cert_outcome co;
    EXPECT_EQ_INT(FB_OK, fb_certs_issue(l, &c, 1, &co));
    /* A third supplier with a certificate of its own, nothing of t1's. */
    fb_party p3 = p[0];
    snprintf(p3.id, sizeof p3.id, "t3");
    snprintf(p3.name, sizeof p3.name, "t3 有限公司");
    code("91210200MA0APX003", p3.uscc);
    const char *field3 = NULL;
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p3, &field3, err, sizeof err));
    EXPECT_EQ_INT(FB_OK, fb_parties_create(l, &p3, 1, po));
    snprintf(c.id, sizeof c.id, "C3");
    snprintf(c.holder, sizeof c.holder, "t3");
    EXPECT_EQ_INT(FB_OK, fb_certs_issue(l, &c, 1, &co));
    EXPECT_EQ_INT(FB_CERT_DONE, co.result);
    fb_account a = {.ledger = 1, .code = 1};
    fb_result r;
    snprintf(a.id, sizeof a.id, "api:a");
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(l), &a, 1, &r, NULL));
    snprintf(a.id, sizeof a.id, "api:b");
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(l), &a, 1, &r, NULL));
    for (int role = 0; role < FB_ROLE_COUNT_; role++) {
        fb_user u;
        memset(&u, 0, sizeof u);
        snprintf(u.name, sizeof u.name, "user-%s", fb_role_name((fb_role)role));
        u.role = (fb_role)role;
        if (role == FB_ROLE_ENTERPRISE) snprintf(u.party, sizeof u.party, "t1");
        if (role == FB_ROLE_GUARANTOR) snprintf(u.party, sizeof u.party, "t3");
        if (role == FB_ROLE_GOVERNMENT) u.region = 210200;
        EXPECT_EQ_INT(FB_OK, fb_user_add(l, &u, NULL, tokens[role]));
    }
    fb_user other = {"user-t2", FB_ROLE_ENTERPRISE, "t2", 0};
    EXPECT_EQ_INT(FB_OK, fb_user_add(l, &other, "a long passphrase", other_enterprise));
    fb_user back;
    EXPECT_EQ_INT(FB_OK, fb_user_check_password(l, "user-t2", "a long passphrase", &back));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_check_password(l, "user-t2", "wrong", &back));
    fb_book_close(l);
}

static void start_server(const char *body_max) {
    unlink(port_file);
    server = fork();
    if (server == 0) {
        const char *bin = getenv("FINBRIDGE");
        execl(bin, bin, "serve", "--db", db_path, "--listen", "127.0.0.1:0", "--port-file",
              port_file, "--body-max", body_max, (char *)NULL);
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

static int stop_server(int sig) {
    kill(server, sig);
    int status = 0;
    waitpid(server, &status, 0);
    return status;
}

static void print_line(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) printf("    verify: %s\n", line);
}

static uint64_t verify_failures(void) {
    fb_book *l = NULL;
    char err[256];
    if (fb_book_open(db_path, FB_OPEN_READONLY, &l, err, sizeof err)) return 999;
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(l, print_line, NULL, &failures));
    fb_book_close(l);
    return failures;
}

/* ---- Tests ----------------------------------------------------------------------------------- */

/* A path of the OpenAPI document with {id} replaced by a record the book holds. */
static void sample_path(const char *pattern, char *out, size_t cap) {
    const char *id = strstr(pattern, "/v1/accounts") == pattern       ? "dep:t1"
                     : strstr(pattern, "/v1/transfers") == pattern    ? "disb:L1"
                     : strstr(pattern, "/v1/parties") == pattern      ? "t1"
                     : strstr(pattern, "/v1/facilities") == pattern   ? "f1"
                     : strstr(pattern, "/v1/loans") == pattern        ? "L1"
                     : strstr(pattern, "/v1/certificates") == pattern ? "C1"
                                                                      : "x";
    size_t at = 0;
    for (const char *p = pattern; *p && at + 1 < cap;) {
        if (*p == '{') {
            at += (size_t)snprintf(out + at, cap - at, "%s", id);
            p = strchr(p, '}') + 1;
        } else {
            out[at++] = *p++;
        }
    }
    out[at] = 0;
}

static bool role_listed(json_t *op, fb_role role) {
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(op, "x-roles"), i, v) {
        if (strcmp(json_string_value(v), fb_role_name(role)) == 0) return true;
    }
    return false;
}

/* Every operation the document lists is routed, and answers each role as it says: a role it
 * lists is let through (neither 401 nor 403), any other is forbidden (403), and no token is 401.
 * The writes are sent an empty body, so that those let through stop at validation (400). */
static void every_role_meets_every_route_as_documented(void) {
    answer a;
    EXPECT_TRUE(http("GET", "/v1/openapi.json", NULL, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_STR("3.1.0", json_string_value(json_object_get(a.json, "openapi")));
    json_t *paths = json_object_get(a.json, "paths");
    const char *pattern;
    json_t *item;
    int operations = 0;
    json_object_foreach(paths, pattern, item) {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op) {
            operations++;
            char path[256], upper[8];
            sample_path(pattern, path, sizeof path);
            size_t k = 0;
            for (; method[k] && k < 7; k++)
                upper[k] = (char)(method[k] & ~0x20);
            upper[k] = 0;
            /* An open route says so with an empty list: security: []. */
            bool secured = json_array_size(json_object_get(op, "security")) > 0;
            bool post = strcmp(upper, "POST") == 0;
            answer b;
            EXPECT_TRUE(http(upper, path, NULL, post ? "" : NULL, &b));
            if (b.status == 404 || b.status == 405)
                printf("    %s %s is not routed\n", upper, path);
            EXPECT_TRUE(b.status != 404 && b.status != 405);
            if (secured) EXPECT_EQ_INT(401, b.status);
            release(&b);
            for (int role = 0; secured && role < FB_ROLE_COUNT_; role++) {
                EXPECT_TRUE(http(upper, path, tokens[role], post ? "" : NULL, &b));
                bool listed = role_listed(op, (fb_role)role);
                if (listed ? (b.status == 401 || b.status == 403) : b.status != 403) {
                    printf("    %s %s as %s: %d\n", upper, path, fb_role_name((fb_role)role),
                           b.status);
                }
                EXPECT_TRUE(listed ? b.status != 401 && b.status != 403 : b.status == 403);
                release(&b);
            }
        }
    }
    EXPECT_TRUE(operations >= 25);
    release(&a);
    /* Methods and paths it does not list are not served. */
    EXPECT_TRUE(http("DELETE", "/v1/loans/L1", tokens[FB_ROLE_BANK_OFFICER], NULL, &a));
    EXPECT_EQ_INT(405, a.status);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/nothing", tokens[FB_ROLE_BANK_OFFICER], NULL, &a));
    EXPECT_EQ_INT(404, a.status);
    release(&a);
}

/* GET /v1/meta gives every vocabulary with both labels, the province and its fourteen cities. */
static void the_vocabulary_is_served(void) {
    answer a;
    EXPECT_TRUE(http("GET", "/v1/meta", tokens[FB_ROLE_ENTERPRISE], NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(14, json_array_size(json_object_get(a.json, "cities")));
    EXPECT_EQ_STR("辽宁",
                  json_string_value(json_object_get(json_object_get(a.json, "province"), "zh")));
    for (int v = 0; v < FB_VOCAB_COUNT_; v++) {
        size_t n = 0;
        const fb_term *t = fb_vocab_terms((fb_vocab)v, &n);
        json_t *list = json_object_get(a.json, fb_vocab_name((fb_vocab)v));
        EXPECT_EQ_INT(n, json_array_size(list));
        json_t *last = json_array_get(list, n - 1);
        EXPECT_EQ_STR(t[n - 1].key, json_string_value(json_object_get(last, "key")));
        EXPECT_EQ_STR(t[n - 1].en, json_string_value(json_object_get(last, "en")));
    }
    json_t *loss = json_array_get(json_object_get(a.json, "classes"), FB_CLASS_LOSS);
    EXPECT_TRUE(json_is_true(json_object_get(loss, "npl")));
    release(&a);
}

/* An enterprise sees its own records and nothing of another's; the government sees no loan. */
static void an_enterprise_sees_its_own_records_only(void) {
    const char *mine[] = {
        "/v1/loans/L1",          "/v1/parties/t1",
        "/v1/facilities/f1",     "/v1/accounts/dep:t1",
        "/v1/certificates/C1",   "/v1/parties/t1/certificates",
        "/v1/loans/L1/schedule", "/v1/parties/t1/facilities",
        "/v1/parties/t1/loans",  "/v1/certificates/C1/lineage"}; /* a holder sees the tree */
    const char *theirs[] = {"/v1/loans/L2",
                            "/v1/parties/t2",
                            "/v1/facilities/f2",
                            "/v1/accounts/dep:t2",
                            "/v1/parties/t2/certificates",
                            "/v1/parties/t2/facilities",
                            "/v1/parties/t2/loans",
                            "/v1/certificates/C3/lineage"}; /* nothing of it is t1's */
    answer a;
    for (size_t i = 0; i < sizeof mine / sizeof mine[0]; i++) {
        EXPECT_TRUE(http("GET", mine[i], tokens[FB_ROLE_ENTERPRISE], NULL, &a));
        if (a.status != 200) printf("    %s: %d\n", mine[i], a.status);
        EXPECT_EQ_INT(200, a.status);
        release(&a);
    }
    for (size_t i = 0; i < sizeof theirs / sizeof theirs[0]; i++) {
        EXPECT_TRUE(http("GET", theirs[i], tokens[FB_ROLE_ENTERPRISE], NULL, &a));
        if (a.status != 404) printf("    %s: %d\n", theirs[i], a.status);
        EXPECT_EQ_INT(404, a.status);
        release(&a);
    }
    /* The core sees the lineage of what it issued. */
    EXPECT_TRUE(http("GET", "/v1/certificates/C1/lineage", other_enterprise, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/loans/L1", tokens[FB_ROLE_GOVERNMENT], NULL, &a));
    EXPECT_EQ_INT(403, a.status);
    release(&a);
    /* A holder passes its part on; someone else's part it cannot. */
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/transfers", other_enterprise,
                     "{\"id\":\"C1-x\",\"to\":\"t1\",\"amount\":\"1.00\"}", &a));
    EXPECT_EQ_INT(404, a.status);
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/transfers", tokens[FB_ROLE_ENTERPRISE],
                     "{\"id\":\"C1-a\",\"to\":\"t3\",\"amount\":\"1000.00\","
                     "\"date\":\"2025-01-20\"}",
                     &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
}

static void check_problem(answer *a, int status, const char *field) {
    EXPECT_EQ_INT(status, a->status);
    EXPECT_EQ_INT(status, json_integer_value(json_object_get(a->json, "status")));
    EXPECT_TRUE(json_is_string(json_object_get(a->json, "type")));
    EXPECT_TRUE(json_is_string(json_object_get(a->json, "title")));
    EXPECT_TRUE(json_is_string(json_object_get(a->json, "detail")));
    if (field) EXPECT_EQ_STR(field, json_string_value(json_object_get(a->json, "field")));
    release(a);
}

static void bad_requests_get_their_problem_and_write_nothing(void) {
    const char *bank = tokens[FB_ROLE_BANK_OFFICER];
    answer a;
    EXPECT_TRUE(http("GET", "/v1/me", "not-a-token", NULL, &a));
    check_problem(&a, 401, NULL);
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, "[{\"id\":", &a));
    check_problem(&a, 400, NULL);
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, "{\"id\":\"x\"}", &a));
    check_problem(&a, 400, NULL);
    EXPECT_TRUE(http("POST", "/v1/transfers", bank,
                     "[{\"id\":\"t-bad\",\"debit_account_id\":\"api:a\","
                     "\"credit_account_id\":\"api:b\",\"amount\":\"1.001\",\"ledger\":1,"
                     "\"code\":1}]",
                     &a));
    check_problem(&a, 400, "[0].amount");
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, "[{\"id\":\"t-x\",\"colour\":\"red\"}]", &a));
    check_problem(&a, 400, "[0].colour");
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, "[\"\xff\xfe\"]", &a));
    check_problem(&a, 400, NULL);
    /* Nesting deeper than the decoder's limit, and a number out of range. */
    static char deep[12001];
    memset(deep, '[', 6000);
    memset(deep + 6000, ']', 6000);
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, deep, &a));
    check_problem(&a, 400, NULL);
    EXPECT_TRUE(http("POST", "/v1/transfers", bank,
                     "[{\"id\":\"t-big\",\"debit_account_id\":\"api:a\","
                     "\"credit_account_id\":\"api:b\",\"amount\":\"1.00\","
                     "\"ledger\":99999999999999999999,\"code\":1}]",
                     &a));
    check_problem(&a, 400, NULL);
    /* A body over the limit (64 KiB for this server). */
    static char big[80000];
    memset(big, ' ', sizeof big - 1);
    big[0] = '[';
    big[sizeof big - 2] = ']';
    EXPECT_TRUE(http("POST", "/v1/transfers", bank, big, &a));
    check_problem(&a, 413, NULL);
    /* A business refusal, and an id reused with other content. */
    EXPECT_TRUE(http("POST", "/v1/loans/L1/repayments", bank, "{\"amount\":\"99999999.00\"}", &a));
    EXPECT_TRUE(a.status == 422);
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/transfers", tokens[FB_ROLE_ENTERPRISE],
                     "{\"id\":\"C1-a\",\"to\":\"t3\",\"amount\":\"2000.00\","
                     "\"date\":\"2025-01-20\"}",
                     &a));
    check_problem(&a, 409, "amount");
    EXPECT_TRUE(http("GET", "/v1/transfers/t-bad", bank, NULL, &a));
    EXPECT_EQ_INT(404, a.status);
    release(&a);
    EXPECT_EQ_INT(0, verify_failures());
}

/* Every write route answers a bad field with a 400 that names that field, read from the body
 * before it is released: under ASan a name read after its object was freed kills the server
 * (the servicing routes did), in a release build it names garbage. Each route gets an object
 * and an array body, a number where a decimal string belongs, an amount with three decimals,
 * a bad date and a key it does not know. */
static void every_write_route_names_the_bad_field(void) {
    answer a;
    EXPECT_TRUE(http("GET", "/v1/openapi.json", NULL, NULL, &a));
    json_t *paths = json_object_get(a.json, "paths");
    const char *pattern;
    json_t *item;
    const char *bodies[][2] = {
        {"{\"amount\":1.5}", "amount"},
        {"{\"amount\":\"1.001\"}", "amount"},
        {"{\"date\":\"2025-02-30\",\"amount\":\"1.00\"}", "date"},
        {"{\"zz_not_a_field_of_anything_at_all\":\"1\"}", "zz_not_a_field_of_anything_at_all"},
        {"[{\"zz_not_a_field_of_anything_at_all\":\"1\"}]",
         "[0].zz_not_a_field_of_anything_at_all"},
    };
    int named = 0, routes = 0;
    json_object_foreach(paths, pattern, item) {
        json_t *op = json_object_get(item, "post");
        if (!op || strcmp(pattern, "/v1/session") == 0) continue;
        routes++;
        char path[256];
        sample_path(pattern, path, sizeof path);
        const char *token = tokens[FB_ROLE_BANK_OFFICER];
        for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++) {
            answer b;
            EXPECT_TRUE(http("POST", path, token, bodies[k][0], &b));
            const char *field = json_string_value(json_object_get(b.json, "field"));
            if (b.status != 400) printf("    %s %s: %d\n", path, bodies[k][0], b.status);
            EXPECT_EQ_INT(400, b.status);
            /* A field, when named, is the one at fault, never another text. */
            if (field && strcmp(field, bodies[k][1]) != 0 && strcmp(field, "") != 0) {
                bool other = strstr(bodies[k][0], field) == NULL;
                if (other) printf("    %s %s names %s\n", path, bodies[k][0], field);
                EXPECT_TRUE(!other);
            }
            if (field && strcmp(field, bodies[k][1]) == 0) named++;
            release(&b);
        }
    }
    release(&a);
    EXPECT_TRUE(routes >= 12);
    /* The servicing routes name each field. */
    const char *servicing[] = {"/v1/loans/L1/repayments", "/v1/loans/L1/write-off",
                               "/v1/loans/L1/recoveries"};
    const char *write_off[][2] = {{"{\"amount\":\"1.00\"}", "amount"},
                                  {"{\"date\":\"2025-02-30\"}", "date"},
                                  {"{\"id\":\"a b\"}", "id"}};
    for (size_t i = 0; i < 3; i++) {
        for (size_t k = 1; k < 4; k++) {
            answer b;
            const char *body = i == 1 ? write_off[k - 1][0] : bodies[k][0];
            EXPECT_TRUE(http("POST", servicing[i], tokens[FB_ROLE_BANK_OFFICER], body, &b));
            check_problem(&b, 400, i == 1 ? write_off[k - 1][1] : bodies[k][1]);
        }
    }
    EXPECT_TRUE(named >= 20);
    /* And the server is still there. */
    EXPECT_TRUE(http("GET", "/v1/me", tokens[FB_ROLE_BANK_OFFICER], NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    EXPECT_EQ_INT(0, verify_failures());
}

typedef struct {
    int thread;
    int acknowledged;
    char ids[400][24];
    bool stop_on_error;
} writer_args;

/* ---- Exports ------------------------------------------------------------------------------- */

/* A GET whose answer is a file: the status, the headers and the body as bytes (owned). */
typedef struct {
    int status;
    char headers[4096];
    char *body;
    size_t len;
} download_t;

static bool download(const char *path, const char *token, const char *accept, download_t *d) {
    memset(d, 0, sizeof *d);
    d->body = calloc(1, 1); /* "" until an answer is read: a failed download reads as empty */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (fd >= 0) close(fd);
        return false;
    }
    char text[2048];
    int n =
        snprintf(text, sizeof text,
                 "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                 "Authorization: Bearer %s\r\n%s%s%s\r\n",
                 path, token, accept ? "Accept: " : "", accept ? accept : "", accept ? "\r\n" : "");
    bool ok = write(fd, text, (size_t)n) == n;
    size_t cap = 1 << 16, got = 0;
    char *in = malloc(cap);
    for (ssize_t r; ok && (r = read(fd, in + got, cap - got)) > 0;) {
        got += (size_t)r;
        if (got == cap) in = realloc(in, cap *= 2);
    }
    close(fd);
    const char *end = NULL;
    for (size_t k = 0; !end && k + 4 <= got; k++) {
        if (memcmp(in + k, "\r\n\r\n", 4) == 0) end = in + k;
    }
    if (!ok || !end || sscanf(in, "HTTP/1.1 %d", &d->status) != 1) {
        free(in);
        return false;
    }
    size_t head = (size_t)(end - in);
    snprintf(d->headers, sizeof d->headers, "%.*s", (int)head, in);
    d->len = got - head - 4;
    free(d->body);
    d->body = malloc(d->len + 1);
    memcpy(d->body, end + 4, d->len);
    d->body[d->len] = 0;
    free(in);
    return true;
}

static int export_status(const char *kind, fb_role role) {
    char path[256];
    snprintf(path, sizeof path, "/v1/exports/%s?as_of=2025-01-31&from=2025-01-12", kind);
    download_t d;
    EXPECT_TRUE(download(path, tokens[role], NULL, &d));
    free(d.body);
    return d.status;
}

/* The balance column's sum of a CSV credit export by city, the rows whose balance is blank (a
 * small cell kept from the government), and whether every row is `city`. Fields are split at
 * each comma, so that an empty one keeps its place. */
static int64_t csv_balance(const char *body, const char *city, bool *only_city, size_t *rows,
                           size_t *blank) {
    int64_t sum = 0;
    *only_city = true;
    *rows = *blank = 0;
    const char *line = strstr(body, "\r\n");
    while (line && line[2]) {
        line += 2;
        const char *next = strstr(line, "\r\n");
        char row[512], *field[4] = {NULL, NULL, NULL, NULL};
        snprintf(row, sizeof row, "%.*s", (int)(next ? next - line : (long)strlen(line)), line);
        char *at = row;
        for (int k = 0; k < 4 && at; k++) {
            field[k] = at;
            at = strchr(at, ',');
            if (at) *at++ = '\0';
        }
        int64_t fen = 0;
        const char *why = NULL;
        if (field[2] && field[2][0] == '\0') (*blank)++;
        if (field[2] && fb_money_parse(field[2], strlen(field[2]), &fen, &why) == FB_OK) sum += fen;
        *only_city = *only_city && field[0] && field[1] && strcmp(field[1], city) == 0;
        (*rows)++;
        line = next;
    }
    return sum;
}

static int status_as(const char *path, fb_role role) {
    answer a;
    EXPECT_TRUE(http("GET", path, tokens[role], NULL, &a));
    int status = a.status;
    release(&a);
    return status;
}

/* A guarantee company's user (t3) reads the loan its company guarantees (L1), that guarantee and
 * its own list, and nothing else: not L2 (guaranteed by t1), nor t1's guarantee, nor a party or
 * a report. The bank lists both. */
static void a_guarantor_sees_the_loans_it_guarantees_only(void) {
    const char *bank = tokens[FB_ROLE_BANK_OFFICER];
    answer a;
    EXPECT_TRUE(http("POST", "/v1/guarantees", bank,
                     "{\"id\":\"GA1\",\"loan\":\"L1\",\"company\":\"t3\"}", &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/guarantees", bank,
                     "{\"id\":\"GA2\",\"loan\":\"L2\",\"company\":\"t1\"}", &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    EXPECT_EQ_INT(200, status_as("/v1/loans/L1", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(200, status_as("/v1/loans/L1/schedule", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(404, status_as("/v1/loans/L2", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(404, status_as("/v1/loans/L2/schedule", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(200, status_as("/v1/guarantees/GA1", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(404, status_as("/v1/guarantees/GA2", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(403, status_as("/v1/parties/t1", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(403, status_as("/v1/reports/credit", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(403, status_as("/v1/guarantees", FB_ROLE_ENTERPRISE));
    EXPECT_TRUE(http("GET", "/v1/guarantees", tokens[FB_ROLE_GUARANTOR], NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(1, json_array_size(a.json));
    EXPECT_EQ_STR("GA1", json_string_value(json_object_get(json_array_get(a.json, 0), "id")));
    EXPECT_EQ_STR("L1", json_string_value(json_object_get(json_array_get(a.json, 0), "loan")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/guarantees", bank, NULL, &a));
    EXPECT_EQ_INT(2, json_array_size(a.json));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/me", tokens[FB_ROLE_GUARANTOR], NULL, &a));
    EXPECT_EQ_STR("guarantor", json_string_value(json_object_get(a.json, "role")));
    EXPECT_EQ_STR("t3", json_string_value(json_object_get(a.json, "party")));
    release(&a);
    /* Its company's figures: GA1's, its own company's alone (t1's not found to it), nobody's
     * to an enterprise or a government; the bank and the auditor read any company's. */
    EXPECT_TRUE(http("GET", "/v1/guarantees/GA1", bank, NULL, &a));
    char principal[32];
    snprintf(principal, sizeof principal, "%s",
             json_string_value(json_object_get(a.json, "principal")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/guarantors/t3", tokens[FB_ROLE_GUARANTOR], NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_STR("t3", json_string_value(json_object_get(a.json, "company")));
    EXPECT_EQ_INT(1, json_integer_value(json_object_get(a.json, "guarantees")));
    EXPECT_EQ_STR(principal, json_string_value(json_object_get(a.json, "principal")));
    EXPECT_EQ_STR("0.00", json_string_value(json_object_get(a.json, "paid")));
    release(&a);
    EXPECT_EQ_INT(404, status_as("/v1/guarantors/t1", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(403, status_as("/v1/guarantors/t3", FB_ROLE_ENTERPRISE));
    EXPECT_EQ_INT(403, status_as("/v1/guarantors/t3", FB_ROLE_GOVERNMENT));
    EXPECT_EQ_INT(200, status_as("/v1/guarantors/t1", FB_ROLE_AUDITOR));
    EXPECT_EQ_INT(404, status_as("/v1/guarantors/nobody", FB_ROLE_BANK_OFFICER));
}

/* An enterprise reads its own loans' subsidies (t1's L1, enrolled), another enterprise finds
 * them not found, a government and a guarantor may not ask. */
static void an_enterprise_reads_its_own_subsidies(void) {
    const char *bank = tokens[FB_ROLE_BANK_OFFICER];
    answer a;
    EXPECT_TRUE(http("POST", "/v1/subsidies", bank,
                     "{\"id\":\"S-OWN\",\"name\":\"贷款贴息\",\"region\":\"210000\","
                     "\"mode\":\"deposit\",\"points\":\"1.0000\",\"months\":24,"
                     "\"budget\":\"1000000.00\"}",
                     &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/subsidies/S-OWN/enrolments", bank, "{\"loan\":\"L1\"}", &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/subsidies", tokens[FB_ROLE_ENTERPRISE], NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(1, json_array_size(a.json));
    json_t *row = json_array_get(a.json, 0);
    EXPECT_EQ_STR("L1", json_string_value(json_object_get(row, "loan")));
    EXPECT_EQ_STR("S-OWN", json_string_value(json_object_get(row, "scheme")));
    EXPECT_EQ_STR("deposit", json_string_value(json_object_get(row, "mode")));
    EXPECT_EQ_STR("0.00", json_string_value(json_object_get(row, "paid")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/subsidies", other_enterprise, NULL, &a));
    EXPECT_EQ_INT(404, a.status);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t2/subsidies", other_enterprise, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(0, json_array_size(a.json));
    release(&a);
    EXPECT_EQ_INT(403, status_as("/v1/parties/t1/subsidies", FB_ROLE_GOVERNMENT));
    EXPECT_EQ_INT(403, status_as("/v1/parties/t1/subsidies", FB_ROLE_GUARANTOR));
    EXPECT_EQ_INT(200, status_as("/v1/parties/t1/subsidies", FB_ROLE_AUDITOR));
    EXPECT_EQ_INT(404, status_as("/v1/parties/nobody/subsidies", FB_ROLE_BANK_OFFICER));
}

/* A Dalian subsidy scheme of one borrower's loan (t2's L2): Dalian's government reads its budget
 * and no figure from the loan (suppressed, as the other aggregates' small cells), in the list
 * and alone; the bank reads every figure. */
static void a_government_reads_no_small_scheme(void) {
    const char *bank = tokens[FB_ROLE_BANK_OFFICER], *gov = tokens[FB_ROLE_GOVERNMENT];
    answer a;
    EXPECT_TRUE(http("POST", "/v1/subsidies", bank,
                     "{\"id\":\"S-DL\",\"name\":\"大连市贷款贴息\",\"region\":\"210200\","
                     "\"mode\":\"net\",\"points\":\"1.0000\",\"months\":24,"
                     "\"budget\":\"1000000.00\"}",
                     &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/subsidies/S-DL/enrolments", bank, "{\"loan\":\"L2\"}", &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/subsidies/S-DL", gov, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_TRUE(json_is_true(json_object_get(a.json, "suppressed")));
    EXPECT_TRUE(json_is_null(json_object_get(a.json, "committed")) &&
                json_is_null(json_object_get(a.json, "enrolled")) &&
                json_is_null(json_object_get(a.json, "budget_left")));
    EXPECT_EQ_STR("1000000.00", json_string_value(json_object_get(a.json, "budget")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/subsidies", gov, NULL, &a));
    json_t *row = NULL, *x;
    size_t i;
    json_array_foreach(a.json, i, x) {
        if (strcmp(json_string_value(json_object_get(x, "id")), "S-DL") == 0) row = x;
    }
    EXPECT_TRUE(row && json_is_true(json_object_get(row, "suppressed")) &&
                json_is_null(json_object_get(row, "committed")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/subsidies/S-DL", bank, NULL, &a));
    EXPECT_TRUE(json_object_get(a.json, "suppressed") == NULL);
    EXPECT_EQ_INT(1, json_integer_value(json_object_get(a.json, "enrolled")));
    EXPECT_TRUE(json_is_string(json_object_get(a.json, "committed")) &&
                strcmp(json_string_value(json_object_get(a.json, "committed")), "0.00") != 0);
    release(&a);
}

/* A government user exports its own region's reports and nothing that names a borrower; an
 * enterprise exports nothing; the bank officer and the auditor every kind. The files are
 * downloads, the figures those of the JSON reports. */
static void exports_follow_each_roles_scope(void) {
    const char *bank = tokens[FB_ROLE_BANK_OFFICER], *gov = tokens[FB_ROLE_GOVERNMENT];
    answer a;
    EXPECT_TRUE(http("POST", "/v1/eod", bank, "{\"date\":\"2025-01-31\"}", &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    static const char *const borrowers[] = {"parties",      "facilities", "loans", "schedules",
                                            "certificates", "exposures",  "moves"};
    for (size_t i = 0; i < sizeof borrowers / sizeof borrowers[0]; i++) {
        EXPECT_EQ_INT(403, export_status(borrowers[i], FB_ROLE_GOVERNMENT));
        EXPECT_EQ_INT(403, export_status(borrowers[i], FB_ROLE_ENTERPRISE));
        EXPECT_EQ_INT(200, export_status(borrowers[i], FB_ROLE_BANK_OFFICER));
        EXPECT_EQ_INT(200, export_status(borrowers[i], FB_ROLE_AUDITOR));
    }
    EXPECT_EQ_INT(403, export_status("credit", FB_ROLE_ENTERPRISE));
    EXPECT_EQ_INT(200, export_status("inclusive", FB_ROLE_GOVERNMENT));
    /* The regulator's reports as files: a government user's (its region's, small cells blank) and
     * an auditor's; never an enterprise's. */
    EXPECT_EQ_INT(200, export_status("quality", FB_ROLE_GOVERNMENT));
    EXPECT_EQ_INT(200, export_status("provisions", FB_ROLE_GOVERNMENT));
    EXPECT_EQ_INT(200, export_status("provisions", FB_ROLE_AUDITOR));
    EXPECT_EQ_INT(403, export_status("quality", FB_ROLE_ENTERPRISE));
    /* The loans as a CSV download, and as XLSX by the Accept header. */
    download_t d;
    EXPECT_TRUE(download("/v1/exports/loans?as_of=2025-01-31", bank, NULL, &d));
    EXPECT_EQ_INT(200, d.status);
    EXPECT_TRUE(strstr(d.headers, "Content-Type: text/csv; charset=utf-8") != NULL);
    EXPECT_TRUE(strstr(d.headers, "Content-Disposition: attachment; filename=\"finbridge-loans-"
                                  "2025-01-31.csv\"") != NULL);
    EXPECT_TRUE(d.len > 3 && memcmp(d.body, "\xEF\xBB\xBF", 3) == 0);
    EXPECT_TRUE(strstr(d.body, "\r\nL1,f1,t1,") && strstr(d.body, "\r\nL2,f2,t2,"));
    free(d.body);
    EXPECT_TRUE(download("/v1/exports/loans?as_of=2025-01-31", bank,
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &d));
    EXPECT_EQ_INT(200, d.status);
    EXPECT_TRUE(strstr(d.headers, "filename=\"finbridge-loans-2025-01-31.xlsx\"") != NULL);
    EXPECT_TRUE(d.len > 4 && memcmp(d.body, "PK\x03\x04", 4) == 0);
    free(d.body);
    /* The government's credit export is its region's, and its totals are the JSON report's. */
    EXPECT_TRUE(download("/v1/exports/credit?as_of=2025-01-31&by=city", gov, "text/csv", &d));
    EXPECT_EQ_INT(200, d.status);
    bool only_dalian = false;
    size_t rows = 0, blank = 0, nulls = 0;
    int64_t exported = csv_balance(d.body, "大连", &only_dalian, &rows, &blank);
    EXPECT_TRUE(only_dalian && rows >= 1);
    free(d.body);
    EXPECT_TRUE(http("GET", "/v1/reports/credit?as_of=2025-01-31&by=city", gov, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    int64_t reported = 0;
    size_t i;
    json_t *row;
    json_array_foreach(a.json, i, row) {
        const char *v = json_string_value(json_object_get(row, "balance"));
        int64_t fen = 0;
        const char *why = NULL;
        if (!v) { /* a small cell: kept from the government in JSON and in the file alike */
            nulls++;
            continue;
        }
        EXPECT_EQ_INT(FB_OK, fb_money_parse(v, strlen(v), &fen, &why));
        reported += fen;
    }
    EXPECT_EQ_INT(rows, json_array_size(a.json));
    EXPECT_EQ_INT(nulls, blank);
    EXPECT_EQ_INT(reported, exported);
    release(&a);
    /* Another region's is forbidden; records as of a day the book does not hold are refused; no
     * agreement of the region is not found. */
    EXPECT_TRUE(download("/v1/exports/credit?as_of=2025-01-31&region=210100", gov, NULL, &d));
    EXPECT_EQ_INT(403, d.status);
    free(d.body);
    EXPECT_TRUE(download("/v1/exports/loans?as_of=2025-01-20", bank, NULL, &d));
    EXPECT_EQ_INT(422, d.status);
    free(d.body);
    EXPECT_TRUE(download("/v1/exports/progress?as_of=2025-01-31&agreement=none", gov, NULL, &d));
    EXPECT_EQ_INT(404, d.status);
    free(d.body);
    EXPECT_TRUE(download("/v1/exports/loans?as_of=2025-01-31&format=pdf", bank, NULL, &d));
    EXPECT_EQ_INT(400, d.status);
    free(d.body);
}

static void *write_transfers(void *arg) {
    writer_args *w = arg;
    for (int i = 0; i < 400; i++) {
        char body[256], id[24];
        snprintf(id, sizeof id, "w%d-%d", w->thread, i);
        snprintf(body, sizeof body,
                 "[{\"id\":\"%s\",\"debit_account_id\":\"api:a\",\"credit_account_id\":"
                 "\"api:b\",\"amount\":\"0.01\",\"ledger\":1,\"code\":1}]",
                 id);
        answer a;
        if (!http("POST", "/v1/transfers", tokens[FB_ROLE_BANK_OFFICER], body, &a)) break;
        if (a.status == 200 && strstr(a.body, "\"result\":\"created\"")) {
            snprintf(w->ids[w->acknowledged++], sizeof w->ids[0], "%s", id);
        }
        release(&a);
    }
    return NULL;
}

static void concurrent_writes_are_all_durable(void) {
    enum { THREADS = 6 };
    static writer_args w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].thread = i;
        pthread_create(&t[i], NULL, write_transfers, &w[i]);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    int total = 0;
    for (int i = 0; i < THREADS; i++)
        total += w[i].acknowledged;
    EXPECT_EQ_INT(THREADS * 400, total);
    answer a;
    EXPECT_TRUE(http("GET", "/v1/accounts/api:b", tokens[FB_ROLE_AUDITOR], NULL, &a));
    EXPECT_EQ_STR("24.00", json_string_value(json_object_get(a.json, "credits_posted")));
    release(&a);
    EXPECT_TRUE(http("GET", "/metrics", tokens[FB_ROLE_AUDITOR], NULL, &a));
    EXPECT_TRUE(strstr(a.body, "finbridge_commits_total") != NULL);
    EXPECT_TRUE(strstr(a.body, "finbridge_request_seconds_bucket{le=\"+Inf\"}") != NULL);
    release(&a);
}

static void *kill_soon(void *arg) {
    (void)arg;
    usleep(300000);
    kill(server, SIGKILL);
    return NULL;
}

/* SIGKILL under concurrent writes: after a restart every acknowledged write is there. */
static void a_killed_server_keeps_every_acknowledged_write(void) {
    enum { THREADS = 4 };
    static writer_args w[THREADS];
    pthread_t t[THREADS], killer;
    for (int i = 0; i < THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].thread = 100 + i;
        pthread_create(&t[i], NULL, write_transfers, &w[i]);
    }
    pthread_create(&killer, NULL, kill_soon, NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    pthread_join(killer, NULL);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    start_server("65536");
    int acknowledged = 0, found = 0;
    for (int i = 0; i < THREADS; i++) {
        for (int k = 0; k < w[i].acknowledged; k++) {
            char path[64];
            snprintf(path, sizeof path, "/v1/transfers/%s", w[i].ids[k]);
            answer a;
            acknowledged++;
            if (http("GET", path, tokens[FB_ROLE_AUDITOR], NULL, &a) && a.status == 200) found++;
            release(&a);
        }
    }
    EXPECT_TRUE(acknowledged > 0);
    EXPECT_EQ_INT(acknowledged, found);
    EXPECT_EQ_INT(0, verify_failures());
}

static void sigterm_stops_cleanly_and_the_audit_chain_holds(void) {
    int status = stop_server(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ_INT(0, verify_failures());
    /* An entry changed behind the book's back is named. */
    char sql[700];
    snprintf(sql, sizeof sql,
             "sqlite3 %s \"DROP TRIGGER audit_no_update; UPDATE audit SET status = 299"
             " WHERE seq = 3\"",
             db_path);
    EXPECT_EQ_INT(0, system(sql));
    fb_book *l = NULL;
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(db_path, FB_OPEN_READONLY, &l, err, sizeof err));
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(l, print_line, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    fb_book_close(l);
}

static size_t lineage_parts(const char *root) {
    answer a;
    char path[96];
    snprintf(path, sizeof path, "/v1/certificates/%s/lineage", root);
    EXPECT_TRUE(http("GET", path, tokens[FB_ROLE_BANK_OFFICER], NULL, &a));
    size_t n = json_array_size(json_object_get(a.json, "parts"));
    release(&a);
    return n;
}

/* The dashboard's own reads: receivers found by name within the roles' rules (an enterprise for
 * itself only; never itself, the part's core or its holder; a name and a city, no figure), and
 * quotes that decide and price a move as the move would, writing nothing; a city's government
 * user reads its own targets of the province's agreement; certificates name their core. */
static void the_dashboards_reads_decide_and_write_nothing(void) {
    answer a;
    const char *me = tokens[FB_ROLE_ENTERPRISE];
    EXPECT_TRUE(http("GET", "/v1/parties/t1/receivers?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8", me,
                     NULL, &a)); /* 有限公司: every party's name holds it */
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(2, json_array_size(a.json)); /* t2 and t3, not t1 itself */
    EXPECT_EQ_STR("t2", json_string_value(json_object_get(json_array_get(a.json, 0), "id")));
    EXPECT_EQ_INT(4, json_object_size(json_array_get(a.json, 0))); /* id, name, kind, city */
    EXPECT_EQ_INT(210200, json_integer_value(json_object_get(json_array_get(a.json, 0), "city")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/receivers?q=%E6%9C%89%E9%99%90&part=C1", me, NULL, &a));
    EXPECT_EQ_INT(1, json_array_size(a.json)); /* t2 is C1's core: left out */
    EXPECT_EQ_STR("t3", json_string_value(json_object_get(json_array_get(a.json, 0), "id")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/receivers?q=t3", me, NULL, &a)); /* a whole id */
    EXPECT_EQ_INT(1, json_array_size(a.json));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/receivers?q=t", me, NULL, &a));
    check_problem(&a, 400, "q");
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/receivers?q=t3&limit=21", me, NULL, &a));
    check_problem(&a, 400, "limit");
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t2/receivers?q=t3", me, NULL, &a));
    EXPECT_EQ_INT(404, a.status);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/parties/t1/receivers?q=t3", tokens[FB_ROLE_GOVERNMENT], NULL, &a));
    EXPECT_EQ_INT(403, a.status);
    release(&a);

    /* A financing's quote: the discount of act360 days to maturity, nothing written; the
     * financing itself then pays what was quoted. */
    size_t before = lineage_parts("C1");
    const char *body = "{\"id\":\"C1-q\",\"amount\":\"100.00\",\"rate\":\"3.00\"}";
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/financings/quote", me, body, &a));
    EXPECT_EQ_INT(200, a.status);
    /* 100.00 at 3% for the days to maturity over 360, half up to the fen. */
    int64_t days = json_integer_value(json_object_get(a.json, "days"));
    int64_t discount = (10000LL * 30000 * days * 2 + 360000000LL) / 720000000LL;
    char expect[32];
    snprintf(expect, sizeof expect, "%lld.%02lld", (long long)(discount / 100),
             (long long)(discount % 100));
    EXPECT_TRUE(days > 0);
    EXPECT_EQ_STR(expect, json_string_value(json_object_get(a.json, "discount")));
    char proceeds[32];
    snprintf(proceeds, sizeof proceeds, "%s",
             json_string_value(json_object_get(a.json, "proceeds")));
    release(&a);
    EXPECT_EQ_INT(before, lineage_parts("C1"));
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/financings", me, body, &a));
    EXPECT_EQ_INT(201, a.status);
    EXPECT_EQ_STR(expect, json_string_value(json_object_get(a.json, "discount")));
    EXPECT_EQ_STR(proceeds, json_string_value(json_object_get(a.json, "proceeds")));
    release(&a);
    EXPECT_EQ_INT(before + 1, lineage_parts("C1"));
    /* The id is taken now: a quote under it is a 409. */
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/financings/quote", me, body, &a));
    check_problem(&a, 409, "id");
    release(&a);
    /* A transfer's quote names the receiver; the book's refusals by their codes. */
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/transfers/quote", me,
                     "{\"id\":\"C1-t\",\"to\":\"t3\",\"amount\":\"10.00\"}", &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_STR("t3 有限公司", json_string_value(json_object_get(a.json, "to_name")));
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/transfers/quote", me,
                     "{\"id\":\"C1-t\",\"to\":\"t2\",\"amount\":\"10.00\"}", &a));
    EXPECT_EQ_INT(422, a.status);
    EXPECT_EQ_STR("to_core", json_string_value(json_object_get(a.json, "title")));
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/certificates/C1/transfers/quote", me,
                     "{\"id\":\"C1-t\",\"to\":\"t3\",\"amount\":\"99999.00\"}", &a));
    EXPECT_EQ_INT(422, a.status);
    EXPECT_EQ_STR("exceeds_held", json_string_value(json_object_get(a.json, "title")));
    release(&a);
    EXPECT_TRUE(http("POST", "/v1/certificates/C3/transfers/quote", me,
                     "{\"id\":\"C3-t\",\"to\":\"t1\",\"amount\":\"1.00\"}", &a));
    EXPECT_EQ_INT(404, a.status); /* not its part */
    release(&a);
    EXPECT_EQ_INT(before + 1, lineage_parts("C1"));
    EXPECT_TRUE(http("GET", "/v1/certificates/C1", me, NULL, &a));
    EXPECT_EQ_STR("t2 有限公司", json_string_value(json_object_get(a.json, "core_name")));
    EXPECT_EQ_STR("t1 有限公司", json_string_value(json_object_get(a.json, "holder_name")));
    release(&a);

    /* The province's agreement: all of it to the bank, Dalian's own target to Dalian's user. */
    const char *agreement =
        "{\"id\":\"LN-A\",\"bank\":\"银行\",\"region\":\"210000\",\"start_date\":\"2025-01-01\","
        "\"end_date\":\"2025-12-31\",\"targets\":{\"new_credit\":\"100.00\","
        "\"new_credit_by_city\":{\"210200\":\"38.00\",\"210100\":\"40.00\"}}}";
    EXPECT_TRUE(http("POST", "/v1/agreements", tokens[FB_ROLE_BANK_OFFICER], agreement, &a));
    EXPECT_TRUE(a.status == 201 || a.status == 200);
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/agreements/LN-A", tokens[FB_ROLE_BANK_OFFICER], NULL, &a));
    EXPECT_EQ_INT(3, json_array_size(json_object_get(a.json, "targets")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/agreements/LN-A", tokens[FB_ROLE_GOVERNMENT], NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    json_t *targets = json_object_get(a.json, "targets");
    EXPECT_EQ_INT(1, json_array_size(targets));
    EXPECT_EQ_STR("city:210200",
                  json_string_value(json_object_get(json_array_get(targets, 0), "breakdown")));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/agreements", tokens[FB_ROLE_GOVERNMENT], NULL, &a));
    EXPECT_EQ_INT(1, json_array_size(a.json));
    release(&a);
}

/* The entry of the audit log whose request id the answer's X-Request-Id gives; false when none. */
static bool audit_entry_of(const answer *a, fb_audit_record *out) {
    const char *h = strstr(a->head, "X-Request-Id: ");
    char id[64] = "";
    if (h) sscanf(h + 14, "%63[^\r\n]", id);
    EXPECT_TRUE(id[0] != 0);
    fb_book *l = NULL;
    char err[256];
    if (!id[0] || fb_book_open(db_path, FB_OPEN_READONLY, &l, err, sizeof err)) return false;
    static fb_audit_record rows[FB_AUDIT_LIST_MAX];
    bool found = false;
    size_t n = 0;
    for (int64_t from = 1; !found && fb_audit_list(l, from, rows, FB_AUDIT_LIST_MAX, &n) == 0 && n;
         from = rows[n - 1].seq + 1) {
        for (size_t i = 0; i < n && !found; i++) {
            if (strcmp(rows[i].request_id, id) == 0) *out = rows[i], found = true;
        }
    }
    fb_book_close(l);
    return found;
}

/* A write refused for its origin (CSRF: 403) or for its size (413) is audited like any other
 * write: its user, its method and path, its status and why, under its request id. */
static void writes_refused_for_origin_or_size_are_audited(void) {
    const char *bank = tokens[FB_ROLE_BANK_OFFICER];
    char user[64];
    snprintf(user, sizeof user, "user-%s", fb_role_name(FB_ROLE_BANK_OFFICER));
    answer a;
    fb_audit_record e;
    request csrf = {
        "POST", "/v1/transfers", bank, "[]", NULL, "Origin: http://evil.example\r\n", NULL, NULL,
        0};
    EXPECT_TRUE(send_request(&csrf, &a));
    EXPECT_EQ_INT(403, a.status);
    EXPECT_TRUE(audit_entry_of(&a, &e));
    EXPECT_EQ_STR(user, e.actor);
    EXPECT_EQ_STR("POST /v1/transfers", e.operation);
    EXPECT_EQ_INT(403, e.status);
    EXPECT_EQ_STR("refused", e.result);
    EXPECT_TRUE(strstr(e.outcome, "403 forbidden") == e.outcome);
    release(&a);
    static char big[80000];
    memset(big, ' ', sizeof big - 1);
    big[0] = '[';
    big[sizeof big - 2] = ']';
    EXPECT_TRUE(http("POST", "/v1/loans/L1/repayments", bank, big, &a));
    EXPECT_EQ_INT(413, a.status);
    EXPECT_TRUE(audit_entry_of(&a, &e));
    EXPECT_EQ_STR(user, e.actor);
    EXPECT_EQ_STR("POST /v1/loans/L1/repayments", e.operation);
    EXPECT_EQ_INT(413, e.status);
    EXPECT_EQ_STR("refused", e.result);
    EXPECT_TRUE(strstr(e.outcome, "413 request too large") == e.outcome);
    release(&a);
    /* The dashboard's session cookie without X-Requested-With: a write another site's page
     * could send (403), audited under the session's user. */
    EXPECT_TRUE(http("POST", "/v1/session", NULL,
                     "{\"name\":\"user-t2\",\"password\":\"a long passphrase\"}", &a));
    EXPECT_EQ_INT(200, a.status);
    char cookie[160] = "";
    const char *set = strstr(a.head, "Set-Cookie: fb_session=");
    if (set) sscanf(set + 12, "%120[^;\r\n]", cookie);
    release(&a);
    char headers[200];
    snprintf(headers, sizeof headers, "Cookie: %s\r\n", cookie);
    request by_cookie = {"POST", "/v1/transfers", NULL, "[]", NULL, headers, NULL, NULL, 0};
    EXPECT_TRUE(send_request(&by_cookie, &a));
    EXPECT_EQ_INT(403, a.status);
    EXPECT_TRUE(audit_entry_of(&a, &e));
    EXPECT_EQ_STR("user-t2", e.actor);
    EXPECT_EQ_INT(403, e.status);
    EXPECT_TRUE(strstr(e.outcome, "403 forbidden") == e.outcome);
    release(&a);
    /* Without a valid token neither is audited (nobody to name; as a 401 is not). */
    EXPECT_TRUE(http("POST", "/v1/transfers", "0000", big, &a));
    EXPECT_EQ_INT(413, a.status);
    EXPECT_TRUE(!audit_entry_of(&a, &e));
    release(&a);
    EXPECT_EQ_INT(0, verify_failures());
}

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    make_book();
    start_server("65536");
    test_run("every_role_meets_every_route_as_documented",
             every_role_meets_every_route_as_documented);
    test_run("an_enterprise_sees_its_own_records_only", an_enterprise_sees_its_own_records_only);
    test_run("the_vocabulary_is_served", the_vocabulary_is_served);
    test_run("bad_requests_get_their_problem_and_write_nothing",
             bad_requests_get_their_problem_and_write_nothing);
    test_run("every_write_route_names_the_bad_field", every_write_route_names_the_bad_field);
    test_run("writes_refused_for_origin_or_size_are_audited",
             writes_refused_for_origin_or_size_are_audited);
    test_run("exports_follow_each_roles_scope", exports_follow_each_roles_scope);
    test_run("a_guarantor_sees_the_loans_it_guarantees_only",
             a_guarantor_sees_the_loans_it_guarantees_only);
    test_run("an_enterprise_reads_its_own_subsidies", an_enterprise_reads_its_own_subsidies);
    test_run("a_government_reads_no_small_scheme", a_government_reads_no_small_scheme);
    test_run("the_dashboards_reads_decide_and_write_nothing",
             the_dashboards_reads_decide_and_write_nothing);
    test_run("concurrent_writes_are_all_durable", concurrent_writes_are_all_durable);
    test_run("a_killed_server_keeps_every_acknowledged_write",
             a_killed_server_keeps_every_acknowledged_write);
    test_run("sigterm_stops_cleanly_and_the_audit_chain_holds",
             sigterm_stops_cleanly_and_the_audit_chain_holds);
    return test_summary();
}
