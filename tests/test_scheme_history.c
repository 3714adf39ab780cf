/* test_scheme_history.c — the schemes' figures as of a closed day (docs/schemes.md "As of a
 * day"), against the real server ($FINBRIDGE serve) over loopback: a book whose pool is funded,
 * covers two loans and later pays a claim, whose subsidy accrues and whose guarantee's fee
 * accrues; the figures each page reads (a pool, the pools, a subsidy scheme, the schemes, the
 * guarantees by city) are recorded as the book answered after each of four closes, and the API
 * asked as_of each of those days later answers exactly them; as_of the business date, before the
 * first close kept, or not a date is refused. */
#include <signal.h>
#include <sys/wait.h>

#include "book.h"
#include "finbridge/scheme_report.h"
#include "http_client.h"
#include "server_port.h"
#include "wire/pool_json.h"
#include "wire/scheme_report_json.h"
#include "wire/subsidy_json.h"

static char port_file[512];
static pid_t server;
static char bank[FB_TOKEN_HEX + 1];
static const fb_user province = {"gov-ln", FB_ROLE_GOVERNMENT, "", 210000};

enum { DAYS = 4 };
static const char *const days[DAYS] = {"2025-01-31", "2025-03-31", "2025-06-30", "2025-07-31"};
/* What the book answered after each close: pool P1, subsidy S1, the guarantees' rows. */
static json_t *pool_then[DAYS], *subsidy_then[DAYS], *rows_then[DAYS];

static void pool_act(fb_pool_act_kind kind, const char *what, int64_t amount) {
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.pool, sizeof a.pool, "P1");
    a.kind = kind;
    if (kind == FB_POOL_FUND) snprintf(a.id, sizeof a.id, "%s", what);
    if (kind != FB_POOL_FUND) snprintf(a.loan, sizeof a.loan, "%s", what);
    a.amount_fen = amount;
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_pool_act_make(L, kind == FB_POOL_FUND ? &province : NULL, &a, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
}

static void schemes(void) {
    fb_pool p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "P1");
    snprintf(p.name, sizeof p.name, "辽宁省科技型中小企业风险补偿资金池");
    p.region = 210000;
    p.lines = 1u << FB_LINE_TECHNOLOGY;
    p.leverage = 2;
    p.share_e6 = 500000;
    p.overdue_days = 90;
    p.npl_ceiling_e6 = 500000;
    fb_pool_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_pool_create(L, &province, &p, &o));
    EXPECT_EQ_INT(FB_POOL_DONE, o.result);
    pool_act(FB_POOL_FUND, "F1", 10000000);
    pool_act(FB_POOL_COVER, "a", 0);
    fb_subsidy s;
    memset(&s, 0, sizeof s);
    snprintf(s.id, sizeof s.id, "S1");
    snprintf(s.name, sizeof s.name, "设备更新贷款财政贴息");
    s.region = 210000;
    s.mode = FB_SUBSIDY_NET;
    s.points_e6 = 10000;
    s.months = 24;
    s.budget_fen = 10000000;
    fb_subsidy_outcome so;
    EXPECT_EQ_INT(FB_OK, fb_subsidy_create(L, &province, &s, &so));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, so.result);
    fb_subsidy_act e;
    memset(&e, 0, sizeof e);
    snprintf(e.scheme, sizeof e.scheme, "S1");
    e.kind = FB_SUBSIDY_ENROL;
    snprintf(e.loan, sizeof e.loan, "b");
    EXPECT_EQ_INT(FB_OK, fb_subsidy_act_make(L, NULL, &e, &so));
    EXPECT_EQ_INT(FB_SUBSIDY_DONE, so.result);
    fb_guarantee g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "G1");
    snprintf(g.loan, sizeof g.loan, "b");
    snprintf(g.company, sizeof g.company, "p2");
    g.covered_e6 = 800000;
    fb_guarantee_result r;
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    snprintf(g.id, sizeof g.id, "G2");
    snprintf(g.loan, sizeof g.loan, "a");
    EXPECT_EQ_INT(FB_OK, fb_guarantee_create(L, &g, &r));
    EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
}

static void record(int k) {
    fb_pool_view p;
    fb_subsidy_view s;
    fb_guarantee_row rows[FB_GUARANTEE_ROWS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_pool_view_get(L, "P1", &p));
    EXPECT_EQ_INT(FB_OK, fb_subsidy_view_get(L, "S1", &s));
    EXPECT_EQ_INT(FB_OK, fb_guarantee_report(L, NULL, rows, FB_GUARANTEE_ROWS_MAX, &n));
    /* The report's walk (one statement, the loans' states) gives what each guarantee's own
     * view gives: both guarantees are p1's, in one city, so the total is their sum. */
    fb_guarantee_view g[2];
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G1", &g[0]));
    EXPECT_EQ_INT(FB_OK, fb_guarantee_view_get(L, "G2", &g[1]));
    EXPECT_TRUE(n >= 1 && rows[n - 1].city == 210000);
    const fb_guarantee_row *t = &rows[n - 1];
    EXPECT_EQ_INT(2, t->guarantees);
    EXPECT_EQ_INT(g[0].principal_fen + g[1].principal_fen, t->principal_fen);
    EXPECT_EQ_INT(g[0].net_exposure_fen + g[1].net_exposure_fen, t->net_exposure_fen);
    EXPECT_EQ_INT(g[0].basis_fen + g[1].basis_fen, t->basis_fen);
    EXPECT_EQ_INT((int)g[0].overdue + (int)g[1].overdue, t->overdue);
    EXPECT_TRUE(t->principal_fen > 0);
    pool_then[k] = fb_json_encode_pool(&p);
    json_object_del(pool_then[k], "as_of"); /* the view's day: the business date, or as_of */
    subsidy_then[k] = fb_json_encode_subsidy(&s);
    rows_then[k] = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(rows_then[k], fb_json_encode_guarantee_row(&rows[i]));
}

/* p1 borrows a (10m, due 2025-04-01, never paid: 90 days past due on 06-30) and b (10m, 2
 * years); the pool covers a, the subsidy b, p2 guarantees 80% of each (G2 a, G1 b). */
static void make_book(void) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, true);
    facility("f1", "p1", FB_LINE_TECHNOLOGY, 100000000, true);
    loan("a", "f1", 10000000, 40000, 0, 3, FB_METHOD_BULLET, "2025-01-01");
    loan("b", "f1", 10000000, 40000, 0, 24, FB_METHOD_BULLET, "2025-01-01");
    eod("2025-01-01");
    schemes();
    drain("p1");
    for (int k = 0; k < DAYS; k++) {
        eod(days[k]);
        record(k);
        if (k != 2) continue;
        pool_act(FB_POOL_CLAIM, "a", 0); /* after the close: not in 06-30's */
        fb_guarantee_view v;
        fb_guarantee_result r;
        EXPECT_EQ_INT(FB_OK, fb_guarantee_claim(L, "G2", &v, &r));
        EXPECT_EQ_INT(FB_GUARANTEE_DONE, r);
    }
    EXPECT_TRUE(!json_equal(pool_then[1], pool_then[3])); /* the claim paid: the days differ */
    EXPECT_TRUE(!json_equal(subsidy_then[0], subsidy_then[1]));
    EXPECT_TRUE(!json_equal(rows_then[2], rows_then[3])); /* G2 claimed on */
    fb_user u = {"history-bank", FB_ROLE_BANK_OFFICER, "", 0};
    EXPECT_EQ_INT(FB_OK, fb_user_add(L, &u, NULL, bank));
    fb_book_close(L);
    L = NULL;
}

static void start_server(void) {
    snprintf(port_file, sizeof port_file, "%s/port", test_dir());
    unlink(port_file);
    server = fork();
    if (server == 0) {
        const char *bin = getenv("FINBRIDGE");
        execl(bin, bin, "serve", "--db", book_path, "--listen", "127.0.0.1:0", "--port-file",
              port_file, "--threads", "2", "--request-log", "off", (char *)NULL);
        _exit(127);
    }
    port = await_server_port(port_file);
}

static json_t *get(const char *path, int want) {
    answer a;
    memset(&a, 0, sizeof a);
    EXPECT_TRUE(http("GET", path, bank, NULL, &a));
    if (a.status != want) printf("    %s: %d %s\n", path, a.status, a.body);
    EXPECT_EQ_INT(want, a.status);
    json_t *j = json_incref(a.json);
    release(&a);
    return j;
}

static void same(const char *what, const json_t *want, const json_t *got) {
    if (json_equal(want, got)) return;
    char *w = json_dumps(want, JSON_SORT_KEYS | JSON_COMPACT),
         *g = json_dumps(got, JSON_SORT_KEYS | JSON_COMPACT);
    printf("    %s:\n      then %.400s\n      now  %.400s\n", what, w ? w : "-", g ? g : "-");
    free(w);
    free(g);
    EXPECT_TRUE(false);
}

/* Each page's figures as of each day are what the book answered after that day's close. */
static void as_of_a_day_the_figures_are_that_days(void) {
    char path[160];
    for (int k = 0; k < DAYS; k++) {
        snprintf(path, sizeof path, "/v1/pools/P1?as_of=%s", days[k]);
        json_t *p = get(path, 200);
        EXPECT_EQ_STR(days[k], json_string_value(json_object_get(p, "as_of")));
        json_object_del(p, "as_of");
        same(path, pool_then[k], p);
        snprintf(path, sizeof path, "/v1/pools?as_of=%s", days[k]);
        json_t *list = get(path, 200);
        EXPECT_EQ_INT(1, json_array_size(list));
        json_object_del(json_array_get(list, 0), "as_of");
        same(path, pool_then[k], json_array_get(list, 0));
        snprintf(path, sizeof path, "/v1/subsidies/S1?as_of=%s", days[k]);
        json_t *s = get(path, 200);
        same(path, subsidy_then[k], s);
        snprintf(path, sizeof path, "/v1/subsidies?as_of=%s", days[k]);
        json_t *sl = get(path, 200);
        same(path, subsidy_then[k], json_array_get(sl, 0));
        snprintf(path, sizeof path, "/v1/reports/guarantees?as_of=%s", days[k]);
        json_t *g = get(path, 200);
        same(path, rows_then[k], g);
        json_decref(p);
        json_decref(list);
        json_decref(s);
        json_decref(sl);
        json_decref(g);
    }
    /* Without as_of, the book as it stands: the claim paid after 06-30's close is in it. */
    json_t *now = get("/v1/pools/P1", 200);
    json_object_del(now, "as_of");
    same("/v1/pools/P1", pool_then[3], now);
    json_decref(now);
}

/* as_of is a day closed, not before the first close that kept the figures, a date. */
static void as_of_is_a_closed_day_kept(void) {
    json_t *j = get("/v1/pools?as_of=2025-08-01", 422); /* the business date */
    EXPECT_EQ_STR("as_of", json_string_value(json_object_get(j, "field")));
    EXPECT_TRUE(strstr(json_string_value(json_object_get(j, "detail")), "not a closed day") !=
                NULL);
    json_decref(j);
    j = get("/v1/reports/guarantees?as_of=2024-12-31", 422); /* before the book's first close */
    EXPECT_TRUE(strstr(json_string_value(json_object_get(j, "detail")), "2025-01-01") != NULL);
    json_decref(j);
    json_decref(get("/v1/subsidies/S1?as_of=2025-13-01", 400));
    /* The pool was made on 2025-01-02: the day before it is not found, in the list not there. */
    json_decref(get("/v1/pools/P1?as_of=2025-01-01", 404));
    j = get("/v1/pools?as_of=2025-01-01", 200);
    EXPECT_EQ_INT(0, json_array_size(j));
    json_decref(j);
    json_decref(get("/v1/pools/P1?as_of=2025-01-02", 200));
}

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    /* Inside a test, so that the book's own checks (each close's figures) count. */
    test_run("each_close_keeps_the_schemes_figures", make_book);
    start_server();
    test_run("as_of_a_day_the_figures_are_that_days", as_of_a_day_the_figures_are_that_days);
    test_run("as_of_is_a_closed_day_kept", as_of_is_a_closed_day_kept);
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    for (int k = 0; k < DAYS; k++) {
        json_decref(pool_then[k]);
        json_decref(subsidy_then[k]);
        json_decref(rows_then[k]);
    }
    return test_summary();
}
