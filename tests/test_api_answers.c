/* test_api_answers.c — the reports' answers the server keeps (src/api/answers.c), against the real
 * server ($FINBRIDGE serve) over loopback: an answer asked again is the same, and a write is in
 * the next answer of every request thread, whether it came through the API (the server's writer)
 * or from another process's connection to the book (here, the test's own); a report asked by
 * another user, or with other arguments, is its own answer. */
#include <signal.h>
#include <sys/wait.h>

#include "book.h"
#include "http_client.h"
#include "server_port.h"

static char port_file[512];
static pid_t server;
static char bank[FB_TOKEN_HEX + 1], dalian[FB_TOKEN_HEX + 1];

/* Requests a report is asked again: more than the server's request threads, so that each
 * thread's answers are asked. */
enum { ASKED = 8 };

static void make_book(void) {
    open_book();
    party("p1", 1, false);
    party("p2", 2, false);
    facility("F1", "p1", FB_LINE_INCLUSIVE, 500000000, true);
    facility("F2", "p2", FB_LINE_INCLUSIVE, 500000000, true);
    loan("L1", "F1", 10000000, 40000, 0, 36, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-02");
    loan("L2", "F2", 3000000, 40000, 0, 36, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-02");
    eod("2025-01-10");
    fb_user u = {"answers-bank", FB_ROLE_BANK_OFFICER, "", 0};
    EXPECT_EQ_INT(FB_OK, fb_user_add(L, &u, NULL, bank));
    fb_user g = {"answers-dalian", FB_ROLE_GOVERNMENT, "", 210200};
    EXPECT_EQ_INT(FB_OK, fb_user_add(L, &g, NULL, dalian));
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

/* The principal of the largest exposure, as the API answers each of ASKED times: -1 when the
 * answers differ or one is not the figure. */
static int64_t largest_exposure(const char *token) {
    int64_t seen = -2;
    for (int i = 0; i < ASKED; i++) {
        answer a;
        EXPECT_TRUE(http("GET", "/v1/reports/exposures?limit=5", token, NULL, &a));
        EXPECT_EQ_INT(200, a.status);
        json_t *first = json_array_get(a.json, 0);
        const char *p = json_string_value(json_object_get(first, "principal"));
        int64_t fen = -1;
        const char *why = NULL;
        if (!p || fb_money_parse(p, strlen(p), &fen, &why) != FB_OK) fen = -1;
        release(&a);
        if (seen == -2) seen = fen;
        if (fen != seen) return -1;
    }
    return seen;
}

/* The quality's total balance, as the API answers each of ASKED times (-1 as above). */
static int64_t quality_balance(const char *token) {
    int64_t seen = -2;
    for (int i = 0; i < ASKED; i++) {
        answer a;
        EXPECT_TRUE(http("GET", "/v1/reports/quality", token, NULL, &a));
        EXPECT_EQ_INT(200, a.status);
        json_t *total = json_object_get(a.json, "total");
        const char *p = json_string_value(json_object_get(total, "balance"));
        int64_t fen = -1;
        const char *why = NULL;
        if (!p || fb_money_parse(p, strlen(p), &fen, &why) != FB_OK) fen = -1;
        release(&a);
        if (seen == -2) seen = fen;
        if (fen != seen) return -1;
    }
    return seen;
}

/* What the book holds, read on a connection of its own: the largest exposure's principal. */
static int64_t book_largest_exposure(void) {
    fb_book *b = NULL;
    char err[256];
    if (fb_book_open(book_path, FB_OPEN_READONLY, &b, err, sizeof err) != FB_OK) return -3;
    fb_exposure e[1];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_exposures(b, 1, e, &n));
    fb_book_close(b);
    return n == 1 ? e[0].principal_fen : -3;
}

static void a_write_through_the_api_is_in_the_next_answer(void) {
    int64_t before = largest_exposure(bank), quality = quality_balance(bank);
    EXPECT_EQ_INT(10000000, before);
    EXPECT_EQ_INT(13000000, quality);
    answer a;
    EXPECT_TRUE(http("POST", "/v1/loans/L1/repayments", bank,
                     "{\"amount\":\"20000.00\",\"prepay\":\"reduce_term\"}", &a));
    EXPECT_EQ_INT(201, a.status);
    release(&a);
    int64_t after = largest_exposure(bank);
    EXPECT_TRUE(after > 0 && after < before);
    EXPECT_EQ_INT(book_largest_exposure(), after);
    /* The quality of the last closed day reads the loans' state now: the repayment is in it. */
    EXPECT_EQ_INT(quality - (before - after), quality_balance(bank));
}

static void a_write_of_another_process_is_in_the_next_answer(void) {
    int64_t before = largest_exposure(bank);
    EXPECT_TRUE(before > 0);
    /* The test's own connection to the book: to the server, another process's write. */
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(book_path, 0, &L, err, sizeof err));
    loan("L3", "F1", 5000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-01-11");
    fb_book_close(L);
    L = NULL;
    EXPECT_EQ_INT(before + 5000000, largest_exposure(bank));
    EXPECT_EQ_INT(book_largest_exposure(), largest_exposure(bank));
}

static void each_caller_and_query_has_its_own_answer(void) {
    /* The bank sees p1's exposure; Dalian's government is not shown exposures at all (403),
     * whatever the bank's answer kept. */
    EXPECT_TRUE(largest_exposure(bank) > 0);
    answer a;
    EXPECT_TRUE(http("GET", "/v1/reports/exposures?limit=5", dalian, NULL, &a));
    EXPECT_EQ_INT(403, a.status);
    release(&a);
    /* Another limit is another answer: one row, not five. */
    EXPECT_TRUE(http("GET", "/v1/reports/exposures?limit=1", bank, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    EXPECT_EQ_INT(1, (long long)json_array_size(a.json));
    release(&a);
    EXPECT_TRUE(http("GET", "/v1/reports/exposures?limit=5", bank, NULL, &a));
    EXPECT_EQ_INT(2, (long long)json_array_size(a.json));
    release(&a);
    /* The government's quality is its region's: p1 and p2 are Dalian's, so the same balance,
     * but its own answer (suppressed cells: fewer than report_min_cell borrowers). */
    EXPECT_TRUE(http("GET", "/v1/reports/quality", dalian, NULL, &a));
    EXPECT_EQ_INT(200, a.status);
    json_t *total = json_object_get(a.json, "total");
    EXPECT_TRUE(json_is_true(json_object_get(total, "suppressed")) ||
                json_object_get(total, "balance") != NULL);
    release(&a);
}

int main(void) {
    if (!getenv("FINBRIDGE")) {
        printf("FINBRIDGE must name the finbridge binary\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    make_book();
    start_server();
    test_run("a_write_through_the_api_is_in_the_next_answer",
             a_write_through_the_api_is_in_the_next_answer);
    test_run("a_write_of_another_process_is_in_the_next_answer",
             a_write_of_another_process_is_in_the_next_answer);
    test_run("each_caller_and_query_has_its_own_answer", each_caller_and_query_has_its_own_answer);
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return test_summary();
}
