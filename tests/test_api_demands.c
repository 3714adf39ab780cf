/* test_api_demands.c — financing demands over HTTP, role by role, against the real server: an
 * enterprise posts and withdraws its own and reads nothing of another's (404); a government posts
 * for its region's enterprises from its lists, lists those it brought or whose enterprise
 * consented, never another city's, never a facility or a loan, and reads its region's measures
 * with small cells null (another region: 403); the bank works the steps, each refusal a 422 named
 * by its rule; bad bodies are 400 naming the field; every write is audited and verify holds. */
#include <signal.h>
#include <sys/wait.h>

#include "book.h"
#include "http_client.h"
#include "server_port.h"

static char port_file[512];
static pid_t server;
enum { BANK, ENT1, ENT2, DALIAN, SHENYANG, PROVINCE, AUDITOR, USERS };
static char tokens[USERS][FB_TOKEN_HEX + 1];

static void firm(const char *id, int serial, int32_t division) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91%06dMA%07d", division, serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = division;
    p.industry = 5274;
    p.figures = (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
}

static void make_book(void) {
    open_book();
    firm("dl1", 1, 210211);
    firm("dl2", 2, 210212);
    firm("sy1", 3, 210102);
    facility("F-DL1", "dl1", FB_LINE_INCLUSIVE, 500000000, true);
    eod("2025-03-02");
    const fb_user users[USERS] = {
        {"bank", FB_ROLE_BANK_OFFICER, "", 0},        {"dl1", FB_ROLE_ENTERPRISE, "dl1", 0},
        {"dl2", FB_ROLE_ENTERPRISE, "dl2", 0},        {"dalian", FB_ROLE_GOVERNMENT, "", 210200},
        {"shenyang", FB_ROLE_GOVERNMENT, "", 210100}, {"liaoning", FB_ROLE_GOVERNMENT, "", 210000},
        {"auditor", FB_ROLE_AUDITOR, "", 0}};
    for (int i = 0; i < USERS; i++)
        EXPECT_EQ_INT(FB_OK, fb_user_add(L, &users[i], NULL, tokens[i]));
    fb_book_close(L);
}

static void start_server(void) {
    snprintf(port_file, sizeof port_file, "%s/port", test_dir());
    unlink(port_file);
    server = fork();
    if (server == 0) {
        const char *bin = getenv("FINBRIDGE");
        execl(bin, bin, "serve", "--db", book_path, "--listen", "127.0.0.1:0", "--port-file",
              port_file, (char *)NULL);
        _exit(127);
    }
    port = await_server_port(port_file);
}

/* One request as user u; the answer's status, and its JSON kept in *out (released by the caller)
 * when out is not NULL. */
static int call(int u, const char *method, const char *path, const char *body, json_t **out) {
    answer a;
    if (!http(method, path, tokens[u], body, &a)) return -1;
    if (out) {
        *out = a.json;
        a.json = NULL;
    }
    release(&a);
    return a.status;
}

#define DEMAND(id, party, extra)                                                                   \
    "{\"id\":\"" id "\",\"party\":\"" party "\",\"amount\":\"1000000.00\",\"purpose\":\"周转\"," \
    "\"months\":12,\"line\":\"inclusive\"" extra "}"

/* The result of the one demand of a post as user u. */
static const char *posted(int u, const char *demand, json_t **keep) {
    char body[1024];
    snprintf(body, sizeof body, "[%s]", demand);
    json_t *j = NULL;
    EXPECT_EQ_INT(200, call(u, "POST", "/v1/demands", body, &j));
    *keep = j;
    return json_string_value(json_object_get(json_array_get(j, 0), "result"));
}

static void each_role_posts_what_is_its_own(void) {
    json_t *j = NULL;
    EXPECT_EQ_STR("done", posted(ENT1, DEMAND("E1", "dl1", ""), &j));
    json_decref(j);
    EXPECT_EQ_STR("party_not_found", posted(ENT1, DEMAND("E2", "dl2", ""), &j));
    json_decref(j);
    EXPECT_EQ_STR("source_not_yours",
                  posted(ENT1, DEMAND("E3", "dl1", ",\"source\":\"government\""), &j));
    json_decref(j);
    EXPECT_EQ_STR("done", posted(DALIAN,
                                 DEMAND("G1", "dl2",
                                        ",\"source\":\"key_enterprises\",\"recommendation\":"
                                        "\"重点企业\""),
                                 &j));
    json_decref(j);
    EXPECT_EQ_STR("outside_region",
                  posted(DALIAN, DEMAND("G2", "sy1", ",\"source\":\"government\""), &j));
    json_decref(j);
    EXPECT_EQ_STR("done", posted(BANK, DEMAND("B1", "sy1", ""), &j)); /* no consent */
    json_decref(j);
    EXPECT_EQ_STR("done", posted(BANK, DEMAND("B2", "dl1", ",\"consent\":true"), &j)); /* consent */
    json_decref(j);
    EXPECT_EQ_INT(403, call(AUDITOR, "POST", "/v1/demands", "[" DEMAND("X", "dl1", "") "]", NULL));
    /* Bad bodies name the field, and write nothing. */
    answer a;
    EXPECT_TRUE(http("POST", "/v1/demands", tokens[BANK],
                     "[{\"id\":\"X1\",\"party\":\"dl1\",\"amount\":\"-1\",\"purpose\":\"x\","
                     "\"months\":12,\"line\":\"inclusive\"}]",
                     &a));
    EXPECT_EQ_INT(400, a.status);
    EXPECT_EQ_STR("[0].amount", json_string_value(json_object_get(a.json, "field")));
    release(&a);
    EXPECT_EQ_INT(404, call(BANK, "GET", "/v1/demands/X1", NULL, NULL));
}

/* The ids of a list, joined. */
static void ids_of(json_t *list, char *out, size_t cap) {
    out[0] = 0;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        size_t at = strlen(out);
        snprintf(out + at, cap - at, "%s%s", at ? "," : "",
                 json_string_value(json_object_get(x, "id")));
    }
}

static void each_role_sees_its_own(void) {
    const struct {
        int user;
        const char *ids;
    } lists[] = {{BANK, "E1,G1,B1,B2"}, {AUDITOR, "E1,G1,B1,B2"}, {ENT1, "E1,B2"},    {ENT2, "G1"},
                 {DALIAN, "G1,B2"},     {SHENYANG, ""},           {PROVINCE, "G1,B2"}};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        json_t *j = NULL;
        char got[256];
        EXPECT_EQ_INT(200, call(lists[i].user, "GET", "/v1/demands", NULL, &j));
        ids_of(j, got, sizeof got);
        if (strcmp(got, lists[i].ids) != 0) printf("    user %d sees %s\n", lists[i].user, got);
        EXPECT_EQ_STR(lists[i].ids, got);
        json_decref(j);
    }
    EXPECT_EQ_INT(404, call(ENT2, "GET", "/v1/demands/E1", NULL, NULL));
    EXPECT_EQ_INT(404, call(DALIAN, "GET", "/v1/demands/E1", NULL, NULL)); /* no consent */
    EXPECT_EQ_INT(404, call(SHENYANG, "GET", "/v1/demands/B1", NULL, NULL));
    EXPECT_EQ_INT(200, call(DALIAN, "GET", "/v1/demands/B2", NULL, NULL));
    EXPECT_EQ_INT(400, call(BANK, "GET", "/v1/demands?status=pending", NULL, NULL));
    EXPECT_EQ_INT(400, call(BANK, "GET", "/v1/demands?after=NONE", NULL, NULL));
    json_t *j = NULL;
    EXPECT_EQ_INT(200, call(BANK, "GET", "/v1/demands?status=open&after=G1&limit=1", NULL, &j));
    EXPECT_EQ_INT(1, json_array_size(j));
    EXPECT_EQ_STR("B1", json_string_value(json_object_get(json_array_get(j, 0), "id")));
    json_decref(j);
}

/* Each user's demands walked a page of `limit` at a time, each page from the last id of the one
 * before (the dashboard's pager): the pages together are the whole list, in its order, each at
 * most limit long, the last shorter or followed by an empty one; a limit out of 1..1,000 is
 * refused naming it. */
static void the_list_walks_a_page_at_a_time(void) {
    static const int users[] = {BANK, ENT1, DALIAN, SHENYANG};
    for (size_t u = 0; u < sizeof users / sizeof users[0]; u++) {
        for (int limit = 1; limit <= 3; limit++) {
            json_t *whole = NULL;
            EXPECT_EQ_INT(200, call(users[u], "GET", "/v1/demands", NULL, &whole));
            char want[256], got[256] = "", after[64] = "";
            ids_of(whole, want, sizeof want);
            size_t pages = 0, n = json_array_size(whole);
            for (;;) {
                char path[160];
                snprintf(path, sizeof path, "/v1/demands?limit=%d%s%s", limit,
                         after[0] ? "&after=" : "", after);
                json_t *page = NULL;
                EXPECT_EQ_INT(200, call(users[u], "GET", path, NULL, &page));
                size_t k = json_array_size(page);
                EXPECT_TRUE(k <= (size_t)limit);
                for (size_t i = 0; i < k; i++) {
                    const char *id =
                        json_string_value(json_object_get(json_array_get(page, i), "id"));
                    size_t len = strlen(got);
                    snprintf(got + len, sizeof got - len, "%s%s", len ? "," : "", id ? id : "?");
                    snprintf(after, sizeof after, "%s", id ? id : "");
                }
                json_decref(page);
                if (k < (size_t)limit || ++pages > n + 1) break;
            }
            if (strcmp(got, want) != 0) printf("    user %d, limit %d: %s\n", users[u], limit, got);
            EXPECT_EQ_STR(want, got);
            EXPECT_TRUE(pages <= n / (size_t)limit + 1);
            json_decref(whole);
        }
    }
    json_t *j = NULL;
    EXPECT_EQ_INT(400, call(BANK, "GET", "/v1/demands?limit=0", NULL, &j));
    EXPECT_EQ_STR("limit", json_string_value(json_object_get(j, "field")));
    json_decref(j);
    EXPECT_EQ_INT(400, call(BANK, "GET", "/v1/demands?limit=1001", NULL, NULL));
    EXPECT_EQ_INT(200, call(BANK, "GET", "/v1/demands?limit=1000", NULL, NULL));
}

static const char *title(json_t *j) { return json_string_value(json_object_get(j, "title")); }

static void the_bank_works_the_steps(void) {
    json_t *j = NULL;
    EXPECT_EQ_INT(403, call(ENT1, "POST", "/v1/demands/B2/accept", "{\"officer\":\"王\"}", NULL));
    EXPECT_EQ_INT(403, call(DALIAN, "POST", "/v1/demands/B2/accept", "{\"officer\":\"王\"}", NULL));
    EXPECT_EQ_INT(422, call(BANK, "POST", "/v1/demands/B2/contact", "{}", &j));
    EXPECT_EQ_STR("out_of_order", title(j));
    json_decref(j);
    EXPECT_EQ_INT(400, call(BANK, "POST", "/v1/demands/B2/accept", "{}", &j));
    EXPECT_EQ_STR("officer", json_string_value(json_object_get(j, "field")));
    json_decref(j);
    EXPECT_EQ_INT(201, call(BANK, "POST", "/v1/demands/B2/accept", "{\"officer\":\"王\"}", NULL));
    EXPECT_EQ_INT(200, call(BANK, "POST", "/v1/demands/B2/accept", "{\"officer\":\"王\"}", NULL));
    EXPECT_EQ_INT(201, call(BANK, "POST", "/v1/demands/B2/contact", "{}", NULL));
    EXPECT_EQ_INT(400, call(BANK, "POST", "/v1/demands/B2/decline", "{\"reason\":\"other\"}", &j));
    EXPECT_EQ_STR("text", json_string_value(json_object_get(j, "field")));
    json_decref(j);
    EXPECT_EQ_INT(201, call(BANK, "POST", "/v1/demands/B2/grant",
                            "{\"facility\":\"F-DL1\",\"amount\":\"800000.00\"}", NULL));
    EXPECT_EQ_INT(422,
                  call(BANK, "POST", "/v1/demands/B2/decline", "{\"reason\":\"no_security\"}", &j));
    EXPECT_EQ_STR("closed", title(j));
    json_decref(j);
    EXPECT_EQ_INT(404, call(BANK, "POST", "/v1/demands/NONE/accept", "{\"officer\":\"王\"}", NULL));
    /* A government reads the grant, never the facility or the loans; the bank reads both. */
    EXPECT_EQ_INT(200, call(DALIAN, "GET", "/v1/demands/B2", NULL, &j));
    EXPECT_EQ_STR("800000.00", json_string_value(json_object_get(j, "granted")));
    EXPECT_TRUE(!json_object_get(j, "facility") && !json_object_get(j, "loans"));
    json_decref(j);
    EXPECT_EQ_INT(200, call(BANK, "GET", "/v1/demands/B2", NULL, &j));
    EXPECT_EQ_STR("F-DL1", json_string_value(json_object_get(j, "facility")));
    EXPECT_TRUE(json_is_array(json_object_get(j, "loan_ids")));
    json_decref(j);
    /* Withdrawals: an enterprise its own, a government what a government brought. */
    EXPECT_EQ_INT(404, call(ENT2, "POST", "/v1/demands/E1/withdraw", "{}", NULL));
    EXPECT_EQ_INT(201,
                  call(ENT1, "POST", "/v1/demands/E1/withdraw", "{\"text\":\"不需要了\"}", NULL));
    EXPECT_EQ_INT(422, call(DALIAN, "POST", "/v1/demands/B2/withdraw", "{}", &j));
    EXPECT_EQ_STR("closed", title(j));
    json_decref(j);
    EXPECT_EQ_INT(201, call(DALIAN, "POST", "/v1/demands/G1/withdraw", "{}", NULL));
    EXPECT_EQ_INT(200, call(BANK, "GET", "/v1/demands/G1", NULL, &j));
    EXPECT_EQ_STR("government", json_string_value(json_object_get(j, "withdrawn_by")));
    json_decref(j);
}

static void a_government_reads_its_regions_measures(void) {
    /* Close the day of the posts: the measures are of closed days. */
    answer a;
    EXPECT_TRUE(http("POST", "/v1/eod", tokens[BANK], "{\"date\":\"2025-03-03\"}", &a));
    EXPECT_EQ_INT(200, a.status);
    release(&a);
    json_t *j = NULL;
    const char *path = "/v1/reports/demands?as_of=2025-03-03&by=city";
    EXPECT_EQ_INT(200, call(DALIAN, "GET", path, NULL, &j));
    EXPECT_EQ_INT(1, json_array_size(j));
    json_t *row = json_array_get(j, 0);
    EXPECT_EQ_INT(210200, json_integer_value(json_object_get(row, "city")));
    EXPECT_TRUE(json_is_true(json_object_get(row, "suppressed"))); /* two enterprises */
    EXPECT_TRUE(json_is_null(json_object_get(row, "received")));
    json_decref(j);
    EXPECT_EQ_INT(200, call(BANK, "GET", path, NULL, &j));
    EXPECT_EQ_INT(2, json_array_size(j));
    json_decref(j);
    EXPECT_EQ_INT(
        403, call(DALIAN, "GET", "/v1/reports/demands?as_of=2025-03-03&region=210100", NULL, NULL));
    EXPECT_EQ_INT(403, call(ENT1, "GET", path, NULL, NULL));
    EXPECT_EQ_INT(422, call(BANK, "GET", "/v1/reports/demands?as_of=2025-03-04", NULL, &j));
    json_decref(j);
    EXPECT_EQ_INT(400,
                  call(BANK, "GET", "/v1/reports/demands?as_of=2025-03-03&by=class", NULL, NULL));
}

static void every_write_is_audited_and_verify_holds(void) {
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, FB_OPEN_READONLY, &L, err, sizeof err));
    fb_audit_record *rows = calloc(200, sizeof *rows);
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_audit_list(L, 1, rows, 200, &n));
    int demand_writes = 0, refused = 0;
    for (size_t i = 0; i < n; i++) {
        demand_writes += strstr(rows[i].operation, "/v1/demands") != NULL;
        refused +=
            strstr(rows[i].operation, "/v1/demands") && strcmp(rows[i].result, "refused") == 0;
    }
    printf("  %d writes of demands audited, %d of them refused\n", demand_writes, refused);
    EXPECT_TRUE(demand_writes >= 20 && refused >= 8);
    free(rows);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    make_book();
    start_server();
    RUN(each_role_posts_what_is_its_own);
    RUN(each_role_sees_its_own);
    RUN(the_list_walks_a_page_at_a_time);
    RUN(the_bank_works_the_steps);
    RUN(a_government_reads_its_regions_measures);
    RUN(every_write_is_audited_and_verify_holds);
    return test_summary();
}
