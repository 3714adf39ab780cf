/* test_doors.c — both doors answer the same JSON: every write the command line and the API both
 * have is made through `finbridge` on one book and through `finbridge serve` (over loopback) on
 * an identical one, with the same inputs on the same dates, and the answers are compared field
 * by field, ignoring only the position fields (line, index) and the timestamps, which differ by
 * nature; then the reads of what was written. Every answer of either door is also checked
 * against its record's table (src/wire/records_*.c), and so is the OpenAPI document. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "finbridge/finbridge.h"
#include "server_port.h"
#include "test.h"
#include "wire/records.h"

static char cli_db[512], api_db[512], port_file[512], token[FB_TOKEN_HEX + 1];
static int port;
static pid_t server;
static char why[512];

/* ---- The two doors ----------------------------------------------------------------------- */

/* Runs `finbridge ARGS --db cli.db` with input on stdin; its stdout as an array of JSON lines
 * (NULL when a line is not JSON), its exit status in *status. */
static json_t *cli(const char *args, const char *input, int *status) {
    char in[600], out[600], cmd[2400];
    snprintf(in, sizeof in, "%s/cli.in", test_dir());
    snprintf(out, sizeof out, "%s/cli.out", test_dir());
    FILE *f = fopen(in, "w");
    if (!f) exit(2);
    fputs(input ? input : "", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s --db %s <%s >%s 2>/dev/null", getenv("FINBRIDGE"), args,
             cli_db, in, out);
    int rc = system(cmd);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    f = fopen(out, "r");
    if (!f) return NULL;
    json_t *lines = json_array();
    static char line[1 << 20];
    while (lines && fgets(line, sizeof line, f)) {
        json_t *j = json_loads(line, 0, NULL);
        if (!j) {
            printf("    %s: not a JSON line: %.200s\n", args, line);
            json_decref(lines);
            lines = NULL;
        } else {
            json_array_append_new(lines, j);
        }
    }
    fclose(f);
    return lines;
}

/* One HTTP request as the bank's officer; the answer's JSON (NULL for none), its status. */
static json_t *api(const char *method, const char *path, const char *body, int *status) {
    *status = 0;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (fd >= 0) close(fd);
        return NULL;
    }
    static char request[1 << 20], in[1 << 22];
    size_t blen = body ? strlen(body) : 0;
    int n = snprintf(request, sizeof request,
                     "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                     "Content-Length: %zu\r\n%sAuthorization: Bearer %s\r\n\r\n%s",
                     method, path, blen, body ? "Content-Type: application/json\r\n" : "", token,
                     body ? body : "");
    bool ok = n > 0 && (size_t)n < sizeof request && write(fd, request, (size_t)n) == n;
    size_t got = 0;
    for (ssize_t r; ok && (r = read(fd, in + got, sizeof in - 1 - got)) > 0;)
        got += (size_t)r;
    close(fd);
    in[got] = 0;
    if (sscanf(in, "HTTP/1.1 %d", status) != 1) return NULL;
    const char *start = strstr(in, "\r\n\r\n");
    return start ? json_loads(start + 4, 0, NULL) : NULL;
}

static void start_server(void) {
    unlink(port_file);
    server = fork();
    if (server == 0) {
        const char *bin = getenv("FINBRIDGE");
        execl(bin, bin, "serve", "--db", api_db, "--listen", "127.0.0.1:0", "--port-file",
              port_file, (char *)NULL);
        _exit(127);
    }
    port = await_server_port(port_file);
}

/* Two identical books: the same LPR, the same user. */
static void make_books(void) {
    snprintf(cli_db, sizeof cli_db, "%s/cli.db", test_dir());
    snprintf(api_db, sizeof api_db, "%s/api.db", test_dir());
    snprintf(port_file, sizeof port_file, "%s/port", test_dir());
    const char *paths[2] = {cli_db, api_db};
    for (int i = 0; i < 2; i++) {
        fb_book *b = NULL;
        char err[256];
        if (fb_book_open(paths[i], FB_OPEN_CREATE, &b, err, sizeof err)) exit(2);
        /* Both books live two years in a moment, ahead of the calendar, in runs of end of day
         * longer than the everyday bound. */
        EXPECT_EQ_INT(FB_OK, fb_setting_set(b, "simulation", 1));
        EXPECT_EQ_INT(FB_OK, fb_setting_set(b, "eod_max_days", 1000));
        int32_t d = 0;
        const char *reason = NULL;
        fb_date_parse("2025-05-20", &d, &reason);
        fb_lpr lpr = {d, 30000, 35000};
        EXPECT_EQ_INT(FB_OK, fb_lpr_set(b, &lpr));
        fb_user u = {"bank", FB_ROLE_BANK_OFFICER, "", 0};
        char t[FB_TOKEN_HEX + 1];
        EXPECT_EQ_INT(FB_OK, fb_user_add(b, &u, NULL, t));
        if (paths[i] == api_db) memcpy(token, t, sizeof token);
        fb_book_close(b);
    }
}

/* ---- Comparing and checking ---------------------------------------------------------------- */

/* The answer without what differs by nature: positions and timestamps. */
static json_t *normal(json_t *v) {
    /* A loan's history names who did what: the operating system's user on one door, the
     * API's user on the other. */
    static const char *const skip[] = {"line",  "index", "timestamp", "created",
                                       "actor", "at",    NULL};
    if (json_is_array(v)) {
        json_t *a = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) json_array_append_new(a, normal(x));
        return a;
    }
    if (!json_is_object(v)) return json_incref(v);
    json_t *o = json_object();
    const char *key;
    json_t *x;
    json_object_foreach(v, key, x) {
        bool skipped = false;
        for (int i = 0; skip[i]; i++)
            skipped = skipped || strcmp(key, skip[i]) == 0;
        if (!skipped) json_object_set_new(o, key, normal(x));
    }
    return o;
}

static int compared;
static int measured; /* refusals that name what they were measured against, on both doors */

/* The two answers are the same, field by field; says where they are not. */
static void same(const char *what, json_t *from_cli, json_t *from_api) {
    json_t *a = normal(from_cli), *b = normal(from_api);
    bool equal = json_equal(a, b);
    if (!equal) {
        char *x = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
        char *y = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
        size_t at = 0;
        while (x && y && x[at] && x[at] == y[at])
            at++;
        size_t from = at > 60 ? at - 60 : 0;
        printf("    %s differs at %zu:\n      cli %.240s\n      api %.240s\n", what, at,
               x ? x + from : "(none)", y ? y + from : "(none)");
        free(x);
        free(y);
    }
    EXPECT_TRUE(equal);
    compared++;
    json_decref(a);
    json_decref(b);
}

/* v is r (or, for a list, an array of r). */
static void valid(const char *what, const fb_wire_record *r, json_t *v, bool list) {
    if (list) {
        EXPECT_TRUE(json_is_array(v));
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) valid(what, r, x, false);
        return;
    }
    bool ok = fb_wire_check(r, v, why, sizeof why);
    if (!ok) printf("    %s: %s\n", what, why);
    EXPECT_TRUE(ok);
}

/* ---- Writes ---------------------------------------------------------------------------------- */

/* A create of n records: `finbridge NOUN create` with one line each, POST path with an array of
 * them. Each result line is r on both doors; the command line numbers its lines, the API its
 * events; the answers are the same. */
static void create(const char *verb, const char *path, const fb_wire_record *r,
                   const char *const *records, size_t n, bool all_done) {
    char input[16384] = "", body[16384] = "[";
    for (size_t i = 0; i < n; i++) {
        strncat(input, records[i], sizeof input - strlen(input) - 2);
        strcat(input, "\n");
        if (i) strcat(body, ",");
        strncat(body, records[i], sizeof body - strlen(body) - 2);
    }
    strcat(body, "]");
    int cli_status = 0, api_status = 0;
    json_t *a = cli(verb, input, &cli_status), *b = api("POST", path, body, &api_status);
    EXPECT_EQ_INT(all_done ? 0 : 1, cli_status);
    EXPECT_EQ_INT(200, api_status);
    EXPECT_EQ_INT(n, json_array_size(a));
    EXPECT_EQ_INT(n, json_array_size(b));
    valid(verb, r, a, true);
    valid(path, r, b, true);
    for (size_t i = 0; i < n; i++) {
        EXPECT_EQ_INT(i + 1, json_integer_value(json_object_get(json_array_get(a, i), "line")));
        EXPECT_EQ_INT(i, json_integer_value(json_object_get(json_array_get(b, i), "index")));
    }
    same(verb, a, b);
    json_decref(a);
    json_decref(b);
}

/* A refusal's measure one() asserts when set: the line carries the figure under its name, and
 * the problem's detail carries it too (measure() sets it for one call). */
static const char *measure_key, *measure_figure;

/* A one-object write: the command line prints one result line (exit 0 when done or found, 1 when
 * refused); the API answers it (201 done, 200 found again) or, refused, a problem whose title is
 * the result's name. */
static void one(const char *args, const char *input, const char *path, const char *body,
                const fb_wire_record *r, const char *expected) {
    int cli_status = 0, api_status = 0;
    json_t *lines = cli(args, input, &cli_status), *b = api("POST", path, body, &api_status);
    json_t *a = json_array_get(lines, 0);
    EXPECT_EQ_INT(1, json_array_size(lines));
    valid(args, r, a, false);
    const char *result = json_string_value(json_object_get(a, "result"));
    if (!result) result = "(none)";
    if (strcmp(expected, result) != 0) printf("    %s: %s\n", args, result);
    EXPECT_EQ_STR(expected, result);
    bool refused = strcmp(expected, "done") && strcmp(expected, "created") &&
                   strcmp(expected, "exists") && strcmp(expected, "loaded") &&
                   strcmp(expected, "changed");
    EXPECT_EQ_INT(refused ? 1 : 0, cli_status);
    if (refused) {
        EXPECT_TRUE(api_status >= 400 && api_status < 500);
        valid(path, &fb_wire_problem, b, false);
        EXPECT_EQ_STR(expected, json_string_value(json_object_get(b, "title")));
        /* A refusal measured against a figure says it on both doors: the line's reason is in
         * the problem's detail. */
        const char *said = json_string_value(json_object_get(a, "reason"));
        const char *detail = json_string_value(json_object_get(b, "detail"));
        static const char *const keys[] = {"available", "business_date",  "ceiling",
                                           "drawn",     "last_step_date", "facility_limit"};
        bool figure = false;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            figure = figure || json_object_get(a, keys[k]) != NULL;
        }
        if (measure_key) {
            const char *fig = json_string_value(json_object_get(a, measure_key));
            if (!fig || strcmp(fig, measure_figure) != 0) {
                printf("    %s: %s is %s\n", args, measure_key, fig ? fig : "(none)");
            }
            EXPECT_TRUE(fig != NULL && strcmp(fig, measure_figure) == 0);
            EXPECT_TRUE(said != NULL && strstr(said, measure_figure) != NULL);
            EXPECT_TRUE(detail != NULL && strstr(detail, measure_figure) != NULL);
        }
        if (said && figure) {
            EXPECT_TRUE(detail != NULL && strstr(detail, said) != NULL);
            measured++;
        }
        if (strcmp(expected, "insufficient_funds") == 0) {
            EXPECT_TRUE(json_object_get(a, "available") != NULL);
            EXPECT_TRUE(detail != NULL && strstr(detail, " available, less than the amount"));
        }
        compared++;
    } else {
        EXPECT_EQ_INT(strcmp(expected, "exists") ? 201 : 200, api_status);
        valid(path, r, b, false);
        same(args, a, b);
    }
    json_decref(lines);
    json_decref(b);
}

/* one(), refused, whose line names the figure it was measured against under key. */
static void measure(const char *args, const char *path, const char *body, const fb_wire_record *r,
                    const char *expected, const char *key, const char *figure) {
    measure_key = key;
    measure_figure = figure;
    one(args, NULL, path, body, r, expected);
    measure_key = measure_figure = NULL;
}

/* End of day through a date: the command line's lines are the API's days. */
static void end_of_day(const char *date) {
    char args[64], body[64];
    snprintf(args, sizeof args, "eod --date %s", date);
    snprintf(body, sizeof body, "{\"date\":\"%s\"}", date);
    int cli_status = 0, api_status = 0;
    json_t *a = cli(args, NULL, &cli_status), *b = api("POST", "/v1/eod", body, &api_status);
    EXPECT_EQ_INT(0, cli_status);
    EXPECT_EQ_INT(200, api_status);
    valid(args, &fb_wire_eod_day, a, true);
    valid("POST /v1/eod", &fb_wire_eod_run, b, false);
    EXPECT_TRUE(json_array_size(a) > 0);
    EXPECT_EQ_INT(json_array_size(a), json_integer_value(json_object_get(b, "days_closed")));
    same(args, a, json_object_get(b, "days"));
    json_decref(a);
    json_decref(b);
}

/* ---- Reads ----------------------------------------------------------------------------------- */

/* A read: the command line's one line (or, for a list, its lines) and the API's answer (or its
 * member `member`) are the same record. */
static void read_same(const char *args, const char *path, const fb_wire_record *r, bool list,
                      const char *member) {
    int cli_status = 0, api_status = 0;
    json_t *a = cli(args, NULL, &cli_status), *b = api("GET", path, NULL, &api_status);
    EXPECT_EQ_INT(0, cli_status);
    EXPECT_EQ_INT(200, api_status);
    if (api_status != 200) printf("    %s: %d\n", path, api_status);
    json_t *answer = member ? json_object_get(b, member) : b;
    valid(args, r, list ? a : json_array_get(a, 0), list);
    valid(path, r, answer, list);
    if (!list) EXPECT_EQ_INT(1, json_array_size(a));
    same(args, list ? a : json_array_get(a, 0), answer);
    json_decref(a);
    json_decref(b);
}

/* A read only the API has: checked against its table. */
static void api_read(const char *path, const fb_wire_record *r, bool list) {
    int status = 0;
    json_t *b = api("GET", path, NULL, &status);
    EXPECT_EQ_INT(200, status);
    valid(path, r, b, list);
    if (list) EXPECT_TRUE(json_array_size(b) > 0);
    json_decref(b);
}

/* ---- The operations ------------------------------------------------------------------------ */

static char codes[4][19];

static void code(const char *first17, char *out) {
    fb_uscc_info info;
    char tmp[19];
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(out, 19, "%s%c", first17, info.expected_check);
}

static void the_ledger_and_the_parties(void) {
    const char *accounts[] = {
        "{\"id\":\"ext:clearing\",\"ledger\":1,\"code\":3001}",
        "{\"id\":\"h:1\",\"ledger\":1,\"code\":3002,\"flags\":[\"history\"],\"user_data\":\"ref\"}",
        "{\"id\":\"z:0\",\"ledger\":1,\"code\":0}",
        "{\"id\":\"ext:clearing\",\"ledger\":1,\"code\":3001}"};
    create("accounts create", "/v1/accounts", &fb_wire_event_result, accounts, 4, false);
    code("91210100MA0DRA001", codes[0]);
    code("91210200MA0DRA002", codes[1]);
    code("92210303MA0DRA003", codes[2]);
    code("92210381MA0DRA004", codes[3]);
    char core[600], sup[600], shop[600], stall[600], dup[600];
    snprintf(core, sizeof core,
             "{\"id\":\"core\",\"kind\":\"enterprise\",\"name\":\"沈阳精密机床股份有限公司\","
             "\"uscc\":\"%s\",\"region\":\"210106\",\"industry\":\"3421\",\"employees\":1800,"
             "\"revenue\":\"2600000000.00\",\"total_assets\":\"3900000000.00\","
             "\"flags\":[\"high_tech\"]}",
             codes[0]);
    snprintf(sup, sizeof sup,
             "{\"id\":\"sup\",\"kind\":\"enterprise\",\"name\":\"大连精工轴承有限公司\","
             "\"uscc\":\"%s\",\"region\":210213,\"industry\":\"3451\",\"employees\":160,"
             "\"revenue\":\"48000000.00\",\"total_assets\":\"36000000.00\","
             "\"flags\":[\"specialized_sme\"]}",
             codes[1]);
    snprintf(shop, sizeof shop,
             "{\"id\":\"shop\",\"kind\":\"individual_business\",\"name\":\"鞍山铁西五金店\","
             "\"uscc\":\"%s\",\"region\":\"鞍山\",\"industry\":\"5274\"}",
             codes[2]);
    snprintf(stall, sizeof stall,
             "{\"id\":\"stall\",\"kind\":\"individual_business\",\"name\":\"海城西柳服装摊\","
             "\"uscc\":\"%s\",\"region\":\"Anshan\",\"industry\":\"5232\"}",
             codes[3]);
    snprintf(dup, sizeof dup,
             "{\"id\":\"dup\",\"kind\":\"enterprise\",\"name\":\"重复\",\"uscc\":\"%s\","
             "\"region\":\"210106\",\"industry\":\"3421\",\"employees\":1,\"revenue\":\"1.00\","
             "\"total_assets\":\"1.00\"}",
             codes[0]);
    char owner[700];
    snprintf(owner, sizeof owner,
             "{\"id\":\"owner\",\"kind\":\"small_business_owner\",\"name\":\"张三\","
             "\"uscc\":\"%s\",\"resident_id\":\"210102198003154210\",\"region\":\"210213\","
             "\"industry\":\"3451\",\"employees\":160,\"revenue\":\"48000000.00\","
             "\"total_assets\":\"36000000.00\"}",
             codes[1]);
    const char *parties[] = {core, sup, shop, stall, dup, core, owner};
    create("parties create", "/v1/parties", &fb_wire_party_result, parties, 7, false);
    const char *transfers[] = {
        "{\"id\":\"fund:core\",\"debit_account_id\":\"ext:clearing\",\"credit_account_id\":"
        "\"dep:core\",\"amount\":\"5000000.00\",\"ledger\":1,\"code\":201}",
        "{\"id\":\"pay:1\",\"debit_account_id\":\"dep:core\",\"credit_account_id\":\"h:1\","
        "\"amount\":\"100.00\",\"ledger\":1,\"code\":201,\"flags\":[\"pending\"],"
        "\"timeout\":86400,\"user_data\":\"order 1\"}",
        "{\"id\":\"pay:1:post\",\"pending_id\":\"pay:1\",\"flags\":[\"post_pending_transfer\"]}",
        "{\"id\":\"bad:1\",\"debit_account_id\":\"nowhere\",\"credit_account_id\":\"h:1\","
        "\"amount\":\"1.00\",\"ledger\":1,\"code\":1}"};
    create("transfers create", "/v1/transfers", &fb_wire_event_result, transfers, 4, false);
}

static void facilities_and_loans(void) {
    const char *projects[] = {
        "{\"id\":\"PRJ-1\",\"name\":\"沈阳数控机床产业园二期\",\"city\":\"沈阳\","
        "\"industry\":\"3421\",\"total_investment\":\"3000000000.00\",\"financing_need\":"
        "\"1200000000.00\",\"status\":\"under_construction\",\"start_date\":\"2025-03-01\"}"};
    create("projects create", "/v1/projects", &fb_wire_project_result, projects, 1, true);
#define FAC(id, party, line, limit, end, extra)                                                    \
    "{\"id\":\"" id "\",\"party\":\"" party "\",\"line\":\"" line "\",\"limit\":\"" limit          \
    "\",\"start_date\":\"2025-01-01\",\"end_date\":\"" end "\"" extra "}"
    const char *facilities[] = {
        FAC("F-CORE-SCF", "core", "supply_chain", "20000000.00", "2026-12-31",
            ",\"revolving\":true"),
        FAC("F-CORE-TECH", "core", "technology", "50000000.00", "2027-12-31",
            ",\"revolving\":true,\"project\":\"PRJ-1\""),
        FAC("F-SUP", "sup", "inclusive", "5000000.00", "2026-06-30", ",\"revolving\":true"),
        FAC("F-SHOP", "shop", "inclusive", "300000.00", "2026-02-28", ""),
        FAC("F-STALL", "stall", "inclusive", "100000.00", "2026-02-28", ""),
        FAC("F-CORE-INC", "core", "inclusive", "1000000.00", "2026-12-31", ""),
        FAC("F-GREEN", "sup", "green", "1000000.00", "2026-12-31", ",\"green_item\":\"3.2.1\""),
        FAC("F-OWNER", "owner", "inclusive", "500000.00", "2026-12-31", ",\"revolving\":true"),
    };
    create("facilities create", "/v1/facilities", &fb_wire_facility_result, facilities, 8, false);
#define LOAN(id, facility, amount, terms)                                                          \
    "{\"id\":\"" id "\",\"facility\":\"" facility "\",\"amount\":\"" amount "\"," terms            \
    ",\"start_date\":\"2025-06-02\"}"
    const char *loans[] = {
        LOAN("L-CORE", "F-CORE-TECH", "30000000.00",
             "\"lpr\":\"5y\",\"spread_bp\":-30,\"months\":60,\"method\":\"equal_principal\""),
        LOAN("L-SUP", "F-SUP", "3000000.00",
             "\"rate\":\"3.95\",\"months\":12,\"method\":\"equal_installment\","
             "\"repayment_day\":20"),
        LOAN("L-SHOP", "F-SHOP", "200000.00",
             "\"rate\":\"4.35\",\"months\":6,\"method\":\"bullet\",\"day_count\":\"act365\","
             "\"penalty_markup\":\"40\""),
        LOAN("L-STALL", "F-STALL", "80000.00",
             "\"rate\":\"4.35\",\"months\":3,\"method\":\"bullet\""),
        LOAN("L-GREEN", "F-GREEN", "500000.00",
             "\"rate\":\"3.2\",\"months\":24,\"method\":\"interest_only\""),
        LOAN("L-BIG", "F-SUP", "9000000.00",
             "\"rate\":\"3.95\",\"months\":12,\"method\":\"bullet\""),
        LOAN("L-OWNER", "F-OWNER", "200000.00",
             "\"rate\":\"4.00\",\"months\":12,\"method\":\"equal_principal\","
             "\"payment\":\"entrusted\",\"payee\":\"sup\",\"purpose\":\"采购轴承钢\","
             "\"auto_collect\":false"),
        LOAN("L-OWNER-2", "F-OWNER", "50000.00",
             "\"rate\":\"4.00\",\"months\":6,\"method\":\"bullet\",\"business_purpose\":false,"
             "\"payment\":\"entrusted\",\"payee_account\":\"6222021001122334455\","
             "\"payee_name\":\"大连某家具城\",\"purpose\":\"装修\""),
    };
    create("loans create", "/v1/loans", &fb_wire_loan_result, loans, 8, false);
    /* The shop and the stall spend what they borrowed: the shop is paid by a certificate at its
     * maturity, which settles its loan; the stall's will not be paid. */
    const char *spend[] = {
        "{\"id\":\"shop:spend\",\"debit_account_id\":\"dep:shop\",\"credit_account_id\":"
        "\"ext:clearing\",\"amount\":\"200000.00\",\"ledger\":1,\"code\":201}",
        "{\"id\":\"stall:spend\",\"debit_account_id\":\"dep:stall\",\"credit_account_id\":"
        "\"ext:clearing\",\"amount\":\"80000.00\",\"ledger\":1,\"code\":201}"};
    create("transfers create", "/v1/transfers", &fb_wire_event_result, spend, 2, true);
}

static void certificates_and_the_agreement(void) {
    const char *issues[] = {
        "{\"id\":\"C1\",\"core\":\"core\",\"holder\":\"sup\",\"face\":\"2000000.00\","
        "\"issue_date\":\"2025-06-02\",\"maturity\":\"2025-12-01\",\"contract\":\"K-1\","
        "\"invoice\":\"I-1\"}",
        "{\"id\":\"C2\",\"core\":\"core\",\"holder\":\"sup\",\"face\":\"100000.00\","
        "\"issue_date\":\"2025-06-02\",\"maturity\":\"2026-05-01\",\"facility\":\"F-CORE-SCF\"}",
        "{\"id\":\"C3\",\"core\":\"core\",\"holder\":\"ghost\",\"face\":\"1.00\","
        "\"issue_date\":\"2025-06-02\",\"maturity\":\"2025-12-01\"}"};
    create("certificates issue", "/v1/certificates", &fb_wire_cert_result, issues, 3, false);
    const char *move = "{\"id\":\"C1-shop\",\"to\":\"shop\",\"amount\":\"300000.00\","
                       "\"date\":\"2025-06-02\"}";
    const char *line = "{\"part\":\"C1\",\"id\":\"C1-shop\",\"to\":\"shop\",\"amount\":"
                       "\"300000.00\",\"date\":\"2025-06-02\"}";
    one("certificates transfer", line, "/v1/certificates/C1/transfers", move, &fb_wire_cert_result,
        "done");
    one("certificates transfer", line, "/v1/certificates/C1/transfers", move, &fb_wire_cert_result,
        "exists");
    one("certificates transfer",
        "{\"part\":\"C1\",\"id\":\"C1-x\",\"to\":\"sup\",\"amount\":\"1.00\",\"date\":"
        "\"2025-06-02\"}",
        "/v1/certificates/C1/transfers",
        "{\"id\":\"C1-x\",\"to\":\"sup\",\"amount\":\"1.00\",\"date\":\"2025-06-02\"}",
        &fb_wire_cert_result, "to_current_holder");
    one("certificates finance",
        "{\"part\":\"C1\",\"id\":\"C1-F\",\"amount\":\"1000000.00\",\"rate\":\"2.85\","
        "\"date\":\"2025-06-02\"}",
        "/v1/certificates/C1/financings",
        "{\"id\":\"C1-F\",\"amount\":\"1000000.00\",\"rate\":\"2.85\",\"date\":\"2025-06-02\"}",
        &fb_wire_cert_result, "done");
    const char *agreement =
        "{\"id\":\"AG-1\",\"bank\":\"某国有大型银行辽宁省分行\",\"region\":\"210000\","
        "\"start_date\":\"2025-01-01\",\"end_date\":\"2027-12-31\",\"targets\":{"
        "\"new_credit\":\"50000000.00\",\"new_credit_by_line\":{\"technology\":\"30000000.00\"},"
        "\"new_credit_by_chain\":{\"machine_tools\":\"30000000.00\"},\"new_credit_by_city\":"
        "{\"210200\":\"5000000.00\"},\"inclusive_borrowers\":5,\"inclusive_balance\":"
        "\"3000000.00\",\"green_balance\":\"1000000.00\",\"supply_chain_financing\":"
        "\"2000000.00\",\"inclusive_rate_max\":\"4.5\",\"npl_ratio_max\":\"2.0\","
        "\"pool_leverage_used_min\":\"60\",\"pool_compensation\":\"5000000.00\","
        "\"subsidy_paid\":\"20000.00\",\"guaranteed_share_min\":\"10\"}}";
    one("agreements create", agreement, "/v1/agreements", agreement, &fb_wire_agreement_result,
        "created");
    one("agreements create", agreement, "/v1/agreements", agreement, &fb_wire_agreement_result,
        "exists");
}

/* A facility's life: its limit, a freeze, a renewal, a close, and refusals. */
static void changes(void) {
    one("facilities limit F-SUP --limit 6000000.00 --id FC1 --reason 增额", NULL,
        "/v1/facilities/F-SUP/changes",
        "{\"kind\":\"limit\",\"limit\":\"6000000.00\",\"id\":\"FC1\",\"reason\":\"增额\"}",
        &fb_wire_facility_change_result, "changed");
    one("facilities limit F-SUP --limit 6000000.00 --id FC1 --reason 增额", NULL,
        "/v1/facilities/F-SUP/changes",
        "{\"kind\":\"limit\",\"limit\":\"6000000.00\",\"id\":\"FC1\",\"reason\":\"增额\"}",
        &fb_wire_facility_change_result, "exists");
    one("facilities freeze F-GREEN", NULL, "/v1/facilities/F-GREEN/changes",
        "{\"kind\":\"freeze\"}", &fb_wire_facility_change_result, "changed");
    one("facilities freeze F-GREEN", NULL, "/v1/facilities/F-GREEN/changes",
        "{\"kind\":\"freeze\"}", &fb_wire_facility_change_result, "not_allowed");
    one("facilities unfreeze F-GREEN", NULL, "/v1/facilities/F-GREEN/changes",
        "{\"kind\":\"unfreeze\"}", &fb_wire_facility_change_result, "changed");
    one("facilities renew F-SHOP --end-date 2026-12-31 --limit 250000.00", NULL,
        "/v1/facilities/F-SHOP/changes",
        "{\"kind\":\"renew\",\"end_date\":\"2026-12-31\",\"limit\":\"250000.00\"}",
        &fb_wire_facility_change_result, "changed");
    measure("facilities limit F-SHOP --limit 1.00", "/v1/facilities/F-SHOP/changes",
            "{\"kind\":\"limit\",\"limit\":\"1.00\"}", &fb_wire_facility_change_result,
            "below_drawn", "drawn", "200000.00");
    measure("facilities freeze F-GREEN --date 2025-07-01", "/v1/facilities/F-GREEN/changes",
            "{\"kind\":\"freeze\",\"date\":\"2025-07-01\"}", &fb_wire_facility_change_result,
            "before_business_date", "business_date", "2025-08-01");
    measure("facilities freeze F-GREEN --date 2026-07-01", "/v1/facilities/F-GREEN/changes",
            "{\"kind\":\"freeze\",\"date\":\"2026-07-01\"}", &fb_wire_facility_change_result,
            "after_business_date", "business_date", "2025-08-01");
    one("facilities close F-STALL", NULL, "/v1/facilities/F-STALL/changes", "{\"kind\":\"close\"}",
        &fb_wire_facility_change_result, "changed");
    one("facilities renew F-STALL --end-date 2027-12-31", NULL, "/v1/facilities/F-STALL/changes",
        "{\"kind\":\"renew\",\"end_date\":\"2027-12-31\"}", &fb_wire_facility_change_result,
        "closed");
}

/* Changes of terms and an officer's classes (docs/accounts.md): done, found again, refused. */
static void terms_and_classes(void) {
    const fb_wire_record *r = &fb_wire_change_result;
    one("loans extend L-GREEN --months 12 --reason 客户申请展期 --id E1", NULL,
        "/v1/loans/L-GREEN/extensions", "{\"months\":12,\"reason\":\"客户申请展期\",\"id\":\"E1\"}",
        r, "done");
    one("loans extend L-GREEN --months 12 --reason 客户申请展期 --id E1", NULL,
        "/v1/loans/L-GREEN/extensions", "{\"months\":12,\"reason\":\"客户申请展期\",\"id\":\"E1\"}",
        r, "exists");
    /* A medium-term loan of 24 months: half its term, 12 months, in all (贷款通则 第十二条). */
    one("loans extend L-GREEN --months 1", NULL, "/v1/loans/L-GREEN/extensions", "{\"months\":1}",
        r, "exceeds_extension_limit");
    measure("loans extend L-GREEN --months 1 --date 2025-07-01", "/v1/loans/L-GREEN/extensions",
            "{\"months\":1,\"date\":\"2025-07-01\"}", r, "before_business_date", "business_date",
            "2025-08-01");
    /* L-OWNER, not collected automatically, is overdue since 2025-07-02: its extension is a
     * restructuring (金融资产风险分类办法 第十八条 (一)) and says why, or is refused. */
    one("loans extend L-OWNER --months 3", NULL, "/v1/loans/L-OWNER/extensions", "{\"months\":3}",
        r, "reason_required");
    one("loans restructure L-CORE --months 48 --difficulty cash_shortfall --reason 订单回款延迟 "
        "--id S1",
        NULL, "/v1/loans/L-CORE/restructurings",
        "{\"months\":48,\"difficulty\":\"cash_shortfall\",\"reason\":\"订单回款延迟\","
        "\"id\":\"S1\"}",
        r, "done");
    one("loans restructure L-CORE --months 12 --difficulty overdue --reason x --rate 3.1", NULL,
        "/v1/loans/L-CORE/restructurings",
        "{\"months\":12,\"difficulty\":\"overdue\",\"reason\":\"x\",\"rate\":\"3.1\"}", r,
        "lpr_rate");
    one("loans renew L-SUP --months 12 --reason 到期续贷 --id N1", NULL, "/v1/loans/L-SUP/renewals",
        "{\"months\":12,\"reason\":\"到期续贷\",\"id\":\"N1\"}", r, "done");
    const fb_wire_record *c = &fb_wire_classification_result;
    one("loans classify L-CORE --class normal --reason 经营好转", NULL,
        "/v1/loans/L-CORE/classifications", "{\"class\":\"normal\",\"reason\":\"经营好转\"}", c,
        "below_floor"); /* restructured: at least special mention while observed */
    one("loans classify L-CORE --class substandard --reason 主要客户破产", NULL,
        "/v1/loans/L-CORE/classifications",
        "{\"class\":\"substandard\",\"reason\":\"主要客户破产\"}", c, "done");
    measure("loans classify L-CORE --class doubtful --reason 主要客户破产 --date 2026-07-01",
            "/v1/loans/L-CORE/classifications",
            "{\"class\":\"doubtful\",\"reason\":\"主要客户破产\",\"date\":\"2026-07-01\"}", c,
            "after_business_date", "business_date", "2025-08-01");
}

/* A refusal that writes nothing: what read_args reads of the command line's book and read_paths
 * of the API's (the scheme, its claims) are the same after it as before. */
static void refused_unchanged(const char *args, const char *path, const char *body,
                              const fb_wire_record *r, const char *expected, const char *read_args,
                              const char *const *read_paths, size_t n) {
    int st = 0;
    json_t *before = json_array(), *after = json_array();
    json_array_append_new(before, cli(read_args, NULL, &st));
    for (size_t i = 0; i < n; i++)
        json_array_append_new(before, api("GET", read_paths[i], NULL, &st));
    one(args, NULL, path, body, r, expected);
    json_array_append_new(after, cli(read_args, NULL, &st));
    for (size_t i = 0; i < n; i++)
        json_array_append_new(after, api("GET", read_paths[i], NULL, &st));
    bool same_books = json_equal(before, after) && json_array_size(before) == n + 1;
    for (size_t i = 0; i <= n; i++)
        same_books = same_books && json_array_get(before, i) != NULL &&
                     !json_is_null(json_array_get(before, i));
    if (!same_books) printf("    %s: %s changed the books\n", args, expected);
    EXPECT_TRUE(same_books);
    json_decref(before);
    json_decref(after);
}

/* A risk-compensation pool over the stall's loan: created, funded, the loan covered and the
 * supplier's refused by the leverage cap, a claim refused before the loan is written off. */
static void pools_open(void) {
    const char *pool = "{\"id\":\"P1\",\"name\":\"辽宁省普惠小微贷款风险补偿资金池\","
                       "\"region\":\"210000\",\"leverage\":1,\"share\":\"50.0000\","
                       "\"overdue_days\":1000,\"npl_ceiling\":\"100.0000\"}";
    one("pools create", pool, "/v1/pools", pool, &fb_wire_pool_result, "done");
    one("pools create", pool, "/v1/pools", pool, &fb_wire_pool_result, "exists");
    const fb_wire_record *r = &fb_wire_pool_act_result;
    one("pools fund P1 --id PF1 --amount 100000.00", NULL, "/v1/pools/P1/funding",
        "{\"id\":\"PF1\",\"amount\":\"100000.00\"}", r, "done");
    one("pools cover P1 --loan L-STALL", NULL, "/v1/pools/P1/cover", "{\"loan\":\"L-STALL\"}", r,
        "done");
    one("pools cover P1 --loan L-SUP", NULL, "/v1/pools/P1/cover", "{\"loan\":\"L-SUP\"}", r,
        "exceeds_leverage");
    one("pools claim P1 --loan L-STALL", NULL, "/v1/pools/P1/claims", "{\"loan\":\"L-STALL\"}", r,
        "not_claimable");
}

/* The cover's rules, each refused with its name and nothing written: a loan covered by another
 * pool, a borrower's cap, and new coverage while the covered NPL ratio is above the ceiling (P3
 * covers the substandard core loan, 100% non-performing). */
static void pools_refusals(void) {
    const char *p2 = "{\"id\":\"P2\",\"name\":\"大连市科技型企业贷款风险补偿资金池\","
                     "\"region\":\"210000\",\"leverage\":10,\"share\":\"50.0000\","
                     "\"overdue_days\":1000,\"npl_ceiling\":\"100.0000\","
                     "\"borrower_cap\":\"0.01\"}";
    const char *p3 = "{\"id\":\"P3\",\"name\":\"辽宁省绿色贷款风险补偿资金池\","
                     "\"region\":\"210000\",\"leverage\":10,\"share\":\"50.0000\","
                     "\"overdue_days\":1000,\"npl_ceiling\":\"0.0001\"}";
    one("pools create", p2, "/v1/pools", p2, &fb_wire_pool_result, "done");
    one("pools create", p3, "/v1/pools", p3, &fb_wire_pool_result, "done");
    const fb_wire_record *r = &fb_wire_pool_act_result;
    one("pools fund P2 --id PF2 --amount 1000000.00", NULL, "/v1/pools/P2/funding",
        "{\"id\":\"PF2\",\"amount\":\"1000000.00\"}", r, "done");
    one("pools fund P3 --id PF3 --amount 5000000.00", NULL, "/v1/pools/P3/funding",
        "{\"id\":\"PF3\",\"amount\":\"5000000.00\"}", r, "done");
    const char *p2_reads[] = {"/v1/pools/P2", "/v1/pools/P1"};
    refused_unchanged("pools cover P2 --loan L-STALL", "/v1/pools/P2/cover",
                      "{\"loan\":\"L-STALL\"}", r, "covered_elsewhere", "pools get P2 P1", p2_reads,
                      2);
    refused_unchanged("pools cover P2 --loan L-GREEN", "/v1/pools/P2/cover",
                      "{\"loan\":\"L-GREEN\"}", r, "exceeds_borrower_cap", "pools get P2", p2_reads,
                      1);
    one("pools cover P3 --loan L-CORE", NULL, "/v1/pools/P3/cover", "{\"loan\":\"L-CORE\"}", r,
        "done");
    const char *p3_reads[] = {"/v1/pools/P3"};
    refused_unchanged("pools cover P3 --loan L-GREEN", "/v1/pools/P3/cover",
                      "{\"loan\":\"L-GREEN\"}", r, "suspended", "pools get P3", p3_reads, 1);
}

/* Written off: the pool pays half of it; recovered: half of the recovery goes back, once. */
static void pools_claim(bool recovered) {
    const fb_wire_record *r = &fb_wire_pool_act_result;
    if (!recovered) {
        one("pools claim P1 --loan L-STALL", NULL, "/v1/pools/P1/claims", "{\"loan\":\"L-STALL\"}",
            r, "done");
        one("pools share-back P1 --loan L-STALL", NULL, "/v1/pools/P1/share-backs",
            "{\"loan\":\"L-STALL\"}", r, "nothing_recovered");
        return;
    }
    one("pools share-back P1 --loan L-STALL", NULL, "/v1/pools/P1/share-backs",
        "{\"loan\":\"L-STALL\"}", r, "done");
    one("pools claim P1 --loan L-STALL", NULL, "/v1/pools/P1/claims", "{\"loan\":\"L-STALL\"}", r,
        "exists");
    pools_refusals();
}

/* An interest subsidy on the supplier's loan: created, the loan enrolled; after the close of
 * 2027-01-31 the third quarter of 2025 claimed, its line approved and the claim paid. */
static void subsidies_open(void) {
    const char *scheme = "{\"id\":\"S1\",\"name\":\"设备更新贷款财政贴息\",\"region\":"
                         "\"210000\",\"mode\":\"net\",\"points\":\"1.0000\",\"months\":24,"
                         "\"budget\":\"1000000.00\"}";
    one("subsidies create", scheme, "/v1/subsidies", scheme, &fb_wire_subsidy_result, "done");
    one("subsidies create", scheme, "/v1/subsidies", scheme, &fb_wire_subsidy_result, "exists");
    const fb_wire_record *r = &fb_wire_subsidy_act_result;
    /* Mode net: points at the rate ceiling would leave the borrower a rate of 0 or less. */
    const char *all = "{\"id\":\"S9\",\"name\":\"贴息\",\"region\":\"210000\",\"mode\":\"net\","
                      "\"points\":\"24.0000\",\"months\":24,\"budget\":\"1000000.00\"}";
    one("subsidies create", all, "/v1/subsidies", all, &fb_wire_subsidy_result, "done");
    one("subsidies enrol S9 --loan L-SUP", NULL, "/v1/subsidies/S9/enrolments",
        "{\"loan\":\"L-SUP\"}", r, "net_rate_not_positive");
    /* Only the province's key enterprises: the supplier is on no list. */
    const char *key = "{\"id\":\"S8\",\"name\":\"科技型中小企业贴息\",\"region\":\"210000\","
                      "\"listed\":\"key_enterprises\",\"mode\":\"deposit\",\"points\":\"1.0000\","
                      "\"months\":24,\"budget\":\"1000000.00\"}";
    one("subsidies create", key, "/v1/subsidies", key, &fb_wire_subsidy_result, "done");
    one("subsidies enrol S8 --loan L-SUP", NULL, "/v1/subsidies/S8/enrolments",
        "{\"loan\":\"L-SUP\"}", r, "not_listed");
    one("subsidies enrol S1 --loan L-SUP", NULL, "/v1/subsidies/S1/enrolments",
        "{\"loan\":\"L-SUP\"}", r, "done");
    one("subsidies enrol S1 --loan L-SUP", NULL, "/v1/subsidies/S1/enrolments",
        "{\"loan\":\"L-SUP\"}", r, "exists");
    one("subsidies claim S1 --quarter 20253", NULL, "/v1/subsidies/S1/claims",
        "{\"quarter\":20253}", r, "quarter_open");
}

static void subsidies_claim(void) {
    const fb_wire_record *r = &fb_wire_subsidy_act_result;
    const char *reads[] = {"/v1/subsidies/S1", "/v1/subsidies/S1/claims"};
    /* The loan was enrolled in the third quarter: the second has nothing, and no claim is kept. */
    refused_unchanged("subsidies claim S1 --quarter 20252", "/v1/subsidies/S1/claims",
                      "{\"quarter\":20252}", r, "nothing_to_claim", "subsidies get S1", reads, 2);
    one("subsidies claim S1 --quarter 20253", NULL, "/v1/subsidies/S1/claims",
        "{\"quarter\":20253}", r, "done");
    one("subsidies pay S1 --quarter 20253", NULL, "/v1/subsidies/S1/payments",
        "{\"quarter\":20253}", r, "undecided");
    one("subsidies decide S1 --quarter 20253 --loan L-CORE --approve true", NULL,
        "/v1/subsidies/S1/decisions", "{\"quarter\":20253,\"loan\":\"L-CORE\",\"approve\":true}", r,
        "not_in_claim");
    one("subsidies decide S1 --quarter 20253 --loan L-SUP --approve true", NULL,
        "/v1/subsidies/S1/decisions", "{\"quarter\":20253,\"loan\":\"L-SUP\",\"approve\":true}", r,
        "done");
    /* Approved, it is not rejected after; by its id (the one enrolment: 1), the same again. */
    refused_unchanged("subsidies decide S1 --quarter 20253 --loan L-SUP --approve false",
                      "/v1/subsidies/S1/decisions",
                      "{\"quarter\":20253,\"loan\":\"L-SUP\",\"approve\":false}", r, "line_decided",
                      "subsidies get S1", reads, 2);
    refused_unchanged("subsidies decide S1 --quarter 20253 --line 1 --approve false",
                      "/v1/subsidies/S1/decisions",
                      "{\"quarter\":20253,\"line\":1,\"approve\":false}", r, "line_decided",
                      "subsidies get S1", reads, 2);
    one("subsidies decide S1 --quarter 20253 --line 1 --approve true", NULL,
        "/v1/subsidies/S1/decisions", "{\"quarter\":20253,\"line\":1,\"approve\":true}", r,
        "exists");
    one("subsidies decide S1 --quarter 20253 --line 99 --approve true", NULL,
        "/v1/subsidies/S1/decisions", "{\"quarter\":20253,\"line\":99,\"approve\":true}", r,
        "not_in_claim");
    one("subsidies pay S1 --quarter 20253", NULL, "/v1/subsidies/S1/payments",
        "{\"quarter\":20253}", r, "done");
}

/* A financing guarantee of 80% of the stall's loan under the default 4:2:2:2; claimed once it is
 * written off, the national fund pays its part, the bank's own share is never owed. */
static void guarantees_open(void) {
    const char *g = "{\"id\":\"G1\",\"loan\":\"L-STALL\",\"company\":\"core\",\"covered\":"
                    "\"80.0000\"}";
    one("guarantees create", g, "/v1/guarantees", g, &fb_wire_guarantee_result, "done");
    one("guarantees create", g, "/v1/guarantees", g, &fb_wire_guarantee_result, "exists");
    one("guarantees claim G1", NULL, "/v1/guarantees/G1/claims", "{}",
        &fb_wire_guarantee_act_result, "not_defaulted");
    /* The year's fee, 1% of the 64,000.00 guaranteed: the stall holds nothing, then exactly it. */
    one("guarantees fee G1", NULL, "/v1/guarantees/G1/fees", "{}", &fb_wire_guarantee_act_result,
        "insufficient_funds");
    const char *fee[] = {
        "{\"id\":\"stall:fee\",\"debit_account_id\":\"ext:clearing\",\"credit_account_id\":"
        "\"dep:stall\",\"amount\":\"640.00\",\"ledger\":1,\"code\":201}"};
    create("transfers create", "/v1/transfers", &fb_wire_event_result, fee, 1, true);
    one("guarantees fee G1", NULL, "/v1/guarantees/G1/fees", "{}", &fb_wire_guarantee_act_result,
        "done");
    one("guarantees fee G1", NULL, "/v1/guarantees/G1/fees", "{}", &fb_wire_guarantee_act_result,
        "exists");
}

/* 贷款通则 第十二条: the guaranteed stall's loan extends only with its guarantor's written consent
 * (refused without it, naming the guarantor), then with it. */
static void extensions_guaranteed(void) {
    const fb_wire_record *r = &fb_wire_change_result;
    one("loans extend L-STALL --months 1", NULL, "/v1/loans/L-STALL/extensions", "{\"months\":1}",
        r, "no_guarantor_consent");
    one("loans extend L-STALL --months 1 --consent-by core --consent-date 2025-08-01 "
        "--consent-ref 担保函〔2025〕7号 --id E2",
        NULL, "/v1/loans/L-STALL/extensions",
        "{\"months\":1,\"consent_by\":\"core\",\"consent_date\":\"2025-08-01\","
        "\"consent_ref\":\"担保函〔2025〕7号\",\"id\":\"E2\"}",
        r, "done");
    /* 国家另有规定者除外: the provision of the State it stands on, kept with it. */
    one("loans extend L-STALL --months 1 --consent-by core --consent-date 2025-08-01 "
        "--consent-ref 担保函〔2025〕8号 --state-rule 银发〔2025〕9号 --id E3",
        NULL, "/v1/loans/L-STALL/extensions",
        "{\"months\":1,\"consent_by\":\"core\",\"consent_date\":\"2025-08-01\","
        "\"consent_ref\":\"担保函〔2025〕8号\",\"state_rule\":\"银发〔2025〕9号\",\"id\":\"E3\"}",
        r, "done");
}

/* 贷款通则 第十四条: an LPR loan of 48 months on the 1-year LPR, extended by 13 months (61 in all,
 * over five years), takes the 5-year-plus LPR from the extension's date; given a rate it is
 * refused (it keeps its spread). A fixed-rate loan's extension may name a new contract rate; a
 * rate beyond 24% is refused with the field named on both doors. */
static void extensions_at_a_new_rate(void) {
    const char *term[] = {"{\"id\":\"L-TERM\",\"facility\":\"F-CORE-TECH\",\"amount\":"
                          "\"10000.00\",\"lpr\":\"1y\",\"spread_bp\":50,\"months\":48,"
                          "\"method\":\"equal_principal\",\"start_date\":\"2025-08-01\"}"};
    create("loans create", "/v1/loans", &fb_wire_loan_result, term, 1, true);
    const fb_wire_record *r = &fb_wire_change_result;
    one("loans extend L-TERM --months 6 --rate 4.0", NULL, "/v1/loans/L-TERM/extensions",
        "{\"months\":6,\"rate\":\"4.0\"}", r, "lpr_rate");
    /* Its debtor's L-CORE is substandard (第十八条 (三)): a restructuring, with its reason. */
    one("loans extend L-TERM --months 13 --id E4 --reason 订单回款延迟", NULL,
        "/v1/loans/L-TERM/extensions", "{\"months\":13,\"id\":\"E4\",\"reason\":\"订单回款延迟\"}",
        r, "done");
    /* Both books: the 5-year-plus LPR from the date, and the change citing the article. */
    int got = 0;
    json_t *view = api("GET", "/v1/loans/L-TERM", NULL, &got);
    EXPECT_EQ_STR("5y", json_string_value(json_object_get(view, "lpr")));
    json_decref(view);
    json_t *lines = cli("loans classes L-TERM", NULL, &got);
    char *text = json_dumps(lines, JSON_COMPACT);
    EXPECT_TRUE(text && strstr(text, "\"rate_rule\":\"贷款通则 第十四条") != NULL);
    EXPECT_TRUE(text && strstr(text, "\"rate\":\"4.0000\"") != NULL);
    free(text);
    json_decref(lines);
    one("loans extend L-OWNER-2 --months 3 --rate 4.10 --id E5", NULL,
        "/v1/loans/L-OWNER-2/extensions", "{\"months\":3,\"rate\":\"4.10\",\"id\":\"E5\"}", r,
        "done");
    int cli_status = 0, api_status = 0;
    json_t *a = cli("loans extend L-OWNER-2 --months 1 --rate 24.5", NULL, &cli_status);
    json_t *b = api("POST", "/v1/loans/L-OWNER-2/extensions", "{\"months\":1,\"rate\":\"24.5\"}",
                    &api_status);
    EXPECT_EQ_INT(2, cli_status);
    EXPECT_EQ_INT(0, json_array_size(a));
    EXPECT_EQ_INT(400, api_status);
    EXPECT_EQ_STR("rate", json_string_value(json_object_get(b, "field")));
    json_decref(a);
    json_decref(b);
}

/* A debtor's credit report (征信), kept as entered: done, found again, refused after the business
 * date. Nothing more than 90 days overdue: the core's classes are as they were. */
static void credit_reports(void) {
    const fb_wire_record *r = &fb_wire_credit_result;
    one("parties credit-report core --debt 1000000.00 --overdue90 0.00 --reference ZX1", NULL,
        "/v1/parties/core/credit-reports",
        "{\"debt\":\"1000000.00\",\"overdue90\":\"0.00\",\"reference\":\"ZX1\"}", r, "done");
    one("parties credit-report core --debt 1000000.00 --overdue90 0.00 --reference ZX1", NULL,
        "/v1/parties/core/credit-reports",
        "{\"debt\":\"1000000.00\",\"overdue90\":\"0.00\",\"reference\":\"ZX1\"}", r, "exists");
    measure("parties credit-report core --debt 1.00 --overdue90 0.00 --reference ZX2 --date "
            "2026-07-01",
            "/v1/parties/core/credit-reports",
            "{\"debt\":\"1.00\",\"overdue90\":\"0.00\",\"reference\":\"ZX2\",\"date\":"
            "\"2026-07-01\"}",
            r, "after_business_date", "business_date", "2025-08-01");
}

static void guarantees_claim(void) {
    const fb_wire_record *r = &fb_wire_guarantee_act_result;
    one("guarantees claim G1", NULL, "/v1/guarantees/G1/claims", "{}", r, "done");
    one("guarantees pay G1 --guarantor national_fund", NULL, "/v1/guarantees/G1/payments",
        "{\"guarantor\":\"national_fund\"}", r, "done");
    one("guarantees pay G1 --guarantor bank", NULL, "/v1/guarantees/G1/payments",
        "{\"guarantor\":\"bank\"}", r, "nothing_owed");
    one("guarantees share-back G1", NULL, "/v1/guarantees/G1/share-backs", "{}", r,
        "nothing_recovered");
}

/* After the recovery: the national fund, the one guarantor that paid, gets its share of the
 * recovery of the part guaranteed back, once. */
static void guarantees_share_back(void) {
    const fb_wire_record *r = &fb_wire_guarantee_act_result;
    one("guarantees share-back G1", NULL, "/v1/guarantees/G1/share-backs", "{}", r, "done");
    one("guarantees share-back G1", NULL, "/v1/guarantees/G1/share-backs", "{}", r,
        "nothing_recovered");
}

static void servicing(void) {
    end_of_day("2025-07-31");
    changes();
    one("loans repay L-SUP --amount 500000.00 --prepay reduce_term --id R1", NULL,
        "/v1/loans/L-SUP/repayments",
        "{\"amount\":\"500000.00\",\"prepay\":\"reduce_term\",\"id\":\"R1\"}", &fb_wire_servicing,
        "done");
    one("loans repay L-SUP --amount 500000.00 --prepay reduce_term --id R1", NULL,
        "/v1/loans/L-SUP/repayments",
        "{\"amount\":\"500000.00\",\"prepay\":\"reduce_term\",\"id\":\"R1\"}", &fb_wire_servicing,
        "exists");
    one("loans repay L-STALL --amount 1.00", NULL, "/v1/loans/L-STALL/repayments",
        "{\"amount\":\"1.00\"}", &fb_wire_servicing, "insufficient_funds");
    terms_and_classes();
    pools_open();
    subsidies_open();
    guarantees_open();
    extensions_guaranteed();
    extensions_at_a_new_rate();
    credit_reports();
    /* The stall's bullet loan falls due on 2025-09-02 unpaid: over 360 days later it is a loss. */
    end_of_day("2027-01-31");
    /* G1's second year (from 2026-08) accrues day by day: it is not charged ahead as well. */
    one("guarantees fee G1", NULL, "/v1/guarantees/G1/fees", "{}", &fb_wire_guarantee_act_result,
        "accruing");
    one("loans write-off L-GREEN", NULL, "/v1/loans/L-GREEN/write-off", "{}", &fb_wire_servicing,
        "not_loss");
    one("loans write-off L-STALL --id W1", NULL, "/v1/loans/L-STALL/write-off", "{\"id\":\"W1\"}",
        &fb_wire_servicing, "done");
    pools_claim(false);
    guarantees_claim();
    one("loans write-off L-SHOP", NULL, "/v1/loans/L-SHOP/write-off", "{}", &fb_wire_servicing,
        "loan_closed");
    const char *fund[] = {
        "{\"id\":\"stall:fund\",\"debit_account_id\":\"ext:clearing\",\"credit_account_id\":"
        "\"dep:stall\",\"amount\":\"50000.00\",\"ledger\":1,\"code\":201}"};
    create("transfers create", "/v1/transfers", &fb_wire_event_result, fund, 1, true);
    one("loans recover L-STALL --amount 50000.00 --id V1", NULL, "/v1/loans/L-STALL/recoveries",
        "{\"amount\":\"50000.00\",\"id\":\"V1\"}", &fb_wire_servicing, "done");
    pools_claim(true);
    guarantees_share_back();
    subsidies_claim();
    one("loans recover L-STALL --amount 1.00", NULL, "/v1/loans/L-STALL/recoveries",
        "{\"amount\":\"1.00\"}", &fb_wire_servicing, "insufficient_funds");
}

/* Financing demands on the business date 2027-02-01: refused for a year without a holiday
 * notice until the operator loads one, then each step and its refusals. */
static void demands(void) {
#define DEMAND(id, party)                                                                          \
    "{\"id\":\"" id "\",\"party\":\"" party "\",\"amount\":\"2000000.00\","                        \
    "\"purpose\":\"扩产\",\"months\":24,\"line\":\"inclusive\",\"security\":\"mortgage\","       \
    "\"consent\":true}"
    const char *posts[] = {DEMAND("DM-1", "sup"), DEMAND("DM-2", "shop"), DEMAND("DM-3", "ghost")};
    create("demands post", "/v1/demands", &fb_wire_demand_result, posts, 3, false);
    const char *notice = "{\"year\":2027,\"notice\":\"测试用通知\",\"holidays\":[\"2027-02-08\"],"
                         "\"workdays\":[\"2027-02-06\"]}";
    one("calendar load", notice, "/v1/calendar", notice, &fb_wire_calendar_result, "loaded");
    one("calendar load", notice, "/v1/calendar", notice, &fb_wire_calendar_result, "exists");
    create("demands post", "/v1/demands", &fb_wire_demand_result, posts, 3, false);
    const fb_wire_record *step = &fb_wire_demand_step_result;
    one("demands accept DM-1 --officer 王经理", NULL, "/v1/demands/DM-1/accept",
        "{\"officer\":\"王经理\"}", step, "done");
    one("demands accept DM-1 --officer 王经理", NULL, "/v1/demands/DM-1/accept",
        "{\"officer\":\"王经理\"}", step, "exists");
    one("demands grant DM-1 --facility F-SUP --amount 1.00", NULL, "/v1/demands/DM-1/grant",
        "{\"facility\":\"F-SUP\",\"amount\":\"1.00\"}", step, "out_of_order");
    measure("demands contact DM-1 --note 已联系 --date 2027-01-15", "/v1/demands/DM-1/contact",
            "{\"note\":\"已联系\",\"date\":\"2027-01-15\"}", step, "before_business_date",
            "business_date", "2027-02-01");
    one("demands contact DM-1 --note 已联系", NULL, "/v1/demands/DM-1/contact",
        "{\"note\":\"已联系\"}", step, "done");
    measure("demands grant DM-1 --facility F-SUP --amount 9000000.00", "/v1/demands/DM-1/grant",
            "{\"facility\":\"F-SUP\",\"amount\":\"9000000.00\"}", step, "exceeds_facility",
            "facility_limit", "6000000.00");
    one("demands grant DM-1 --facility F-SUP --amount 2000000.00", NULL, "/v1/demands/DM-1/grant",
        "{\"facility\":\"F-SUP\",\"amount\":\"2000000.00\"}", step, "done");
    one("demands decline DM-1 --reason no_security", NULL, "/v1/demands/DM-1/decline",
        "{\"reason\":\"no_security\"}", step, "closed");
    one("demands withdraw DM-2 --text 已解决", NULL, "/v1/demands/DM-2/withdraw",
        "{\"text\":\"已解决\"}", step, "done");
    one("demands contact DM-2", NULL, "/v1/demands/DM-2/contact", "{}", step, "closed");
    end_of_day("2027-02-05");
}

static void every_write_answers_the_same_on_both_doors(void) {
    the_ledger_and_the_parties();
    facilities_and_loans();
    certificates_and_the_agreement();
    servicing();
    demands();
    printf("  %d answers compared, %d refusals named their measure\n", compared, measured);
    EXPECT_TRUE(measured >= 8);
}

static void every_read_of_it_answers_the_same(void) {
    const char *accounts[] = {"ext:clearing", "h:1", "dep:core", "dep:shop"};
    char args[256], path[256];
    for (size_t i = 0; i < 4; i++) {
        snprintf(args, sizeof args, "accounts get %s", accounts[i]);
        snprintf(path, sizeof path, "/v1/accounts/%s", accounts[i]);
        read_same(args, path, &fb_wire_account, false, NULL);
    }
    read_same("accounts balances h:1 --as-of 9000000000000000000",
              "/v1/accounts/h:1/balances?as_of=9000000000000000000", &fb_wire_balance, false, NULL);
    read_same("accounts transfers h:1", "/v1/accounts/h:1/transfers", &fb_wire_transfer, true,
              "transfers");
    const char *transfers[] = {"pay:1", "pay:1:post", "fund:core", "stall:spend"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(args, sizeof args, "transfers get %s", transfers[i]);
        snprintf(path, sizeof path, "/v1/transfers/%s", transfers[i]);
        read_same(args, path, &fb_wire_transfer, false, NULL);
    }
    const char *parties[] = {"core", "sup", "shop", "stall", "owner"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(args, sizeof args, "parties get %s", parties[i]);
        snprintf(path, sizeof path, "/v1/parties/%s", parties[i]);
        read_same(args, path, &fb_wire_party, false, NULL);
        snprintf(args, sizeof args, "certificates held-by %s", parties[i]);
        snprintf(path, sizeof path, "/v1/parties/%s/certificates", parties[i]);
        read_same(args, path, &fb_wire_certificate, true, NULL);
    }
    const char *facilities[] = {"F-CORE-SCF", "F-CORE-TECH", "F-SUP",  "F-SHOP",
                                "F-STALL",    "F-GREEN",     "F-OWNER"};
    for (size_t i = 0; i < 7; i++) {
        snprintf(args, sizeof args, "facilities get %s", facilities[i]);
        snprintf(path, sizeof path, "/v1/facilities/%s", facilities[i]);
        read_same(args, path, &fb_wire_facility, false, NULL);
    }
    const char *loans[] = {"L-CORE",  "L-SUP",   "L-SHOP",    "L-STALL",
                           "L-GREEN", "L-OWNER", "L-OWNER-2", "L-TERM"};
    for (size_t i = 0; i < 8; i++) {
        snprintf(args, sizeof args, "loans get %s", loans[i]);
        snprintf(path, sizeof path, "/v1/loans/%s", loans[i]);
        read_same(args, path, &fb_wire_loan, false, NULL);
        snprintf(args, sizeof args, "loans schedule %s --format json", loans[i]);
        snprintf(path, sizeof path, "/v1/loans/%s/schedule", loans[i]);
        read_same(args, path, &fb_wire_schedule, false, NULL);
    }
    const char *parts[] = {"C1", "C1-shop", "C1-F", "C2"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(args, sizeof args, "certificates get %s", parts[i]);
        snprintf(path, sizeof path, "/v1/certificates/%s", parts[i]);
        read_same(args, path, &fb_wire_certificate, false, NULL);
    }
    read_same("certificates lineage C1-F", "/v1/certificates/C1-F/lineage", &fb_wire_lineage, false,
              NULL);
    read_same("projects get PRJ-1", "/v1/projects/PRJ-1", &fb_wire_project, false, NULL);
    read_same("agreements get AG-1", "/v1/agreements/AG-1", &fb_wire_agreement, false, NULL);
    read_same("agreements progress AG-1 --as-of 2026-12-31",
              "/v1/agreements/AG-1/progress?as_of=2026-12-31", &fb_wire_progress, false, NULL);
    read_same("pools get P1", "/v1/pools/P1", &fb_wire_pool, false, NULL);
    read_same("pools list", "/v1/pools", &fb_wire_pool, true, NULL);
    read_same("subsidies get S1", "/v1/subsidies/S1", &fb_wire_subsidy, false, NULL);
    read_same("subsidies list", "/v1/subsidies", &fb_wire_subsidy, true, NULL);
    read_same("guarantees get G1", "/v1/guarantees/G1", &fb_wire_guarantee, false, NULL);
    read_same("guarantees list", "/v1/guarantees", &fb_wire_guarantee, true, NULL);
    read_same("demands get DM-1", "/v1/demands/DM-1", &fb_wire_demand, false, NULL);
    read_same("demands get DM-2", "/v1/demands/DM-2", &fb_wire_demand, false, NULL);
    read_same("demands list --status closed", "/v1/demands?status=closed", &fb_wire_demand, true,
              NULL);
    read_same("calendar get 2027", "/v1/calendar/2027", &fb_wire_calendar_year, false, NULL);
    read_same("calendar get 2026", "/v1/calendar/2026", &fb_wire_calendar_year, false, NULL);
    read_same("report demands --as-of 2027-02-05 --from 2027-01-01 --by city,line",
              "/v1/reports/demands?as_of=2027-02-05&from=2027-01-01&by=city,line",
              &fb_wire_demand_row, true, NULL);
}

static void every_report_answers_the_same(void) {
    const char *by[] = {"city,line", "chain,size,class", "line"};
    for (size_t i = 0; i < 3; i++) {
        char args[200], path[200];
        snprintf(args, sizeof args, "report credit --as-of 2026-12-31 --from 2025-01-01 --by %s",
                 by[i]);
        snprintf(path, sizeof path, "/v1/reports/credit?as_of=2026-12-31&from=2025-01-01&by=%s",
                 by[i]);
        read_same(args, path, &fb_wire_report_row, true, NULL);
    }
    read_same("report credit --as-of 2025-12-31 --region 210200",
              "/v1/reports/credit?as_of=2025-12-31&region=210200", &fb_wire_report_row, true, NULL);
    read_same("report inclusive --as-of 2026-12-31", "/v1/reports/inclusive?as_of=2026-12-31",
              &fb_wire_two_increases, false, NULL);
    read_same("report moves --from 2025-06-30 --as-of 2026-12-31",
              "/v1/reports/moves?from=2025-06-30&as_of=2026-12-31", &fb_wire_migration, false,
              NULL);
    read_same("report provisions --as-of 2026-12-31 --by line",
              "/v1/reports/provisions?as_of=2026-12-31&by=line", &fb_wire_provision_report, false,
              NULL);
    read_same("report provisions --by city,line --region 210300",
              "/v1/reports/provisions?by=city,line&region=210300", &fb_wire_provision_report, false,
              NULL);
    read_same("report quality --as-of 2026-12-31", "/v1/reports/quality?as_of=2026-12-31",
              &fb_wire_quality_report, false, NULL);
    read_same("report quality", "/v1/reports/quality", &fb_wire_quality_report, false, NULL);
    read_same("green-catalogue list", "/v1/green-catalogue", &fb_wire_green_catalogue, false, NULL);
    const char *histories[] = {"L-CORE", "L-GREEN", "L-STALL", "L-TERM"};
    for (size_t i = 0; i < 4; i++) {
        char args[64], path[64];
        snprintf(args, sizeof args, "loans classes %s", histories[i]);
        snprintf(path, sizeof path, "/v1/loans/%s/classes", histories[i]);
        read_same(args, path, &fb_wire_loan_history, false, NULL);
    }
    read_same("report exposures --limit 5", "/v1/reports/exposures?limit=5", &fb_wire_exposure,
              true, NULL);
    /* What only the API reads, against the tables. */
    api_read("/v1/parties/core/facilities", &fb_wire_facility, true);
    api_read("/v1/parties/sup/loans", &fb_wire_loan, true);
    api_read("/v1/certificates", &fb_wire_certificate, true);
    api_read("/v1/projects", &fb_wire_project, true);
    api_read("/v1/agreements", &fb_wire_agreement, true);
    api_read("/v1/eod", &fb_wire_eod_status, false);
    api_read("/v1/me", &fb_wire_me, false);
    api_read("/healthz", &fb_wire_health, false);
    api_read("/v1/schedule?principal=100000.00&rate=4.9&months=12&start=2025-01-01",
             &fb_wire_schedule, false);
    printf("  %d answers compared\n", compared);
}

/* The document a generated client reads: every operation named once, secured or said open, its
 * problems declared; every $ref resolves. */
static void check_refs(json_t *doc, json_t *v, int *refs) {
    if (json_is_object(v)) {
        json_t *ref = json_object_get(v, "$ref");
        if (json_is_string(ref)) {
            (*refs)++;
            char path[256];
            snprintf(path, sizeof path, "%s", json_string_value(ref) + 2); /* after "#/" */
            json_t *at = doc;
            for (char *seg = strtok(path, "/"); seg && at; seg = strtok(NULL, "/"))
                at = json_object_get(at, seg);
            if (!at) printf("    $ref %s does not resolve\n", json_string_value(ref));
            EXPECT_TRUE(at != NULL);
        }
        const char *key;
        json_t *x;
        json_object_foreach(v, key, x) check_refs(doc, x, refs);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) check_refs(doc, x, refs);
    }
}

static void the_document_names_and_secures_every_operation(void) {
    int status = 0;
    json_t *doc = api("GET", "/v1/openapi.json", NULL, &status);
    EXPECT_EQ_INT(200, status);
    EXPECT_TRUE(json_array_size(json_object_get(doc, "servers")) > 0);
    json_t *ids = json_object();
    const char *pattern, *method;
    json_t *item, *op;
    json_object_foreach(json_object_get(doc, "paths"), pattern, item) {
        json_object_foreach(item, method, op) {
            const char *id = json_string_value(json_object_get(op, "operationId"));
            EXPECT_TRUE(id != NULL && json_object_get(ids, id) == NULL);
            if (id) json_object_set_new(ids, id, json_true());
            EXPECT_TRUE(json_is_array(json_object_get(op, "security")));
            json_t *responses = json_object_get(op, "responses");
            if (json_array_size(json_object_get(op, "security"))) {
                EXPECT_TRUE(json_object_get(responses, "401") && json_object_get(responses, "403"));
            }
            if (strchr(pattern, '{')) EXPECT_TRUE(json_object_get(responses, "404") != NULL);
        }
    }
    EXPECT_TRUE(json_object_size(ids) >= 45);
    int refs = 0;
    check_refs(doc, doc, &refs);
    EXPECT_TRUE(refs > 100);
    json_decref(ids);
    json_decref(doc);
}

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    make_books();
    start_server();
    RUN(every_write_answers_the_same_on_both_doors);
    RUN(every_read_of_it_answers_the_same);
    RUN(every_report_answers_the_same);
    RUN(the_document_names_and_secures_every_operation);
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return test_summary();
}
