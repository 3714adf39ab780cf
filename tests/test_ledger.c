/* test_ledger.c — the ledger's semantics: every result code, linked chains, two-phase transfers,
 * balancing, closing, expiry, history, idempotency, the schema's versions. */
#include <sqlite3.h>

#include "finbridge/finbridge.h"
#include "store/store.h"
#include "test.h"

static fb_ledger *L;
static int db_seq;

static fb_ledger *open_new(char *path_out, size_t cap) {
    char path[1024], name[32];
    snprintf(name, sizeof name, "ledger%d", ++db_seq);
    snprintf(path, sizeof path, "%s", test_book(name));
    if (path_out) snprintf(path_out, cap, "%.511s", path);
    fb_ledger *l = NULL;
    char err[512];
    if (fb_ledger_open(path, FB_OPEN_CREATE, &l, err, sizeof err) != FB_OK) {
        printf("cannot open %s: %s\n", path, err);
        exit(2);
    }
    return l;
}

static fb_account acct(const char *id, uint32_t ledger, uint16_t flags) {
    fb_account a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "%s", id);
    a.ledger = ledger;
    a.code = 10;
    a.flags = flags;
    return a;
}

static fb_result create_account(fb_account a) {
    fb_result r = FB_RESULT_COUNT_;
    int rc = fb_ledger_create_accounts(L, &a, 1, &r, NULL);
    if (rc) printf("    create_accounts: %s\n", fb_ledger_errmsg(L));
    return r;
}

static fb_transfer xfer(const char *id, const char *dr, const char *cr, int64_t amount) {
    fb_transfer t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "%s", id);
    snprintf(t.debit_account_id, sizeof t.debit_account_id, "%s", dr);
    snprintf(t.credit_account_id, sizeof t.credit_account_id, "%s", cr);
    t.amount_fen = amount;
    t.ledger = 1;
    t.code = 1;
    return t;
}

static fb_transfer post(const char *id, const char *pending_id, int64_t amount, uint16_t flag) {
    fb_transfer t = xfer(id, "", "", amount);
    snprintf(t.pending_id, sizeof t.pending_id, "%s", pending_id);
    t.ledger = 0;
    t.code = 0;
    t.flags = flag;
    return t;
}

static int64_t last_amount;

static fb_result create(fb_transfer t) {
    fb_result r = FB_RESULT_COUNT_;
    int rc = fb_ledger_create_transfers(L, &t, 1, &r, NULL, &last_amount);
    if (rc) printf("    create_transfers: %s\n", fb_ledger_errmsg(L));
    return r;
}

static fb_account get(const char *id) {
    fb_account a;
    memset(&a, 0, sizeof a);
    if (fb_ledger_get_account(L, id, &a) != FB_OK) printf("    no account %s\n", id);
    return a;
}

static void quiet(void *ctx, const char *line) {
    (void)ctx;
    (void)line;
}

static uint64_t verify_failures(void) {
    uint64_t failures = 99;
    if (fb_ledger_verify(L, quiet, NULL, &failures) != FB_OK) {
        return 99;
    }
    return failures;
}

static void print_report(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) printf("    verify: %s\n", line);
}

static uint64_t verified(void) {
    uint64_t failures = 99;
    if (fb_ledger_verify(L, print_report, NULL, &failures) != FB_OK) return 99;
    return failures;
}

/* The fixture: A, B on ledger 1; C on ledger 2; LIM can't go below zero; MAX can't go above;
 * SHUT is closed. A holds 1,000.00. */
static void fixture(void) {
    L = open_new(NULL, 0);
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("B", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("C", 2, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED,
                  create_account(acct("LIM", 1, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS)));
    EXPECT_RESULT(FB_RESULT_CREATED,
                  create_account(acct("MAX", 1, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("SHUT", 1, FB_ACCOUNT_CLOSED)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("seed", "B", "A", 100000)));
}

static void done(void) {
    EXPECT_EQ_INT(0, verified());
    fb_ledger_close(L);
    L = NULL;
}

static void account_results(void) {
    fixture();
    EXPECT_RESULT(FB_RESULT_EXISTS, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS,
                  create_account(acct("A", 1, FB_ACCOUNT_HISTORY)));
    fb_account a = acct("A", 1, 0);
    snprintf(a.user_data, sizeof a.user_data, "x");
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA, create_account(a));
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER, create_account(acct("A", 2, 0)));
    a = acct("A", 1, 0);
    a.code = 11;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_CODE, create_account(a));
    EXPECT_RESULT(FB_RESULT_RESERVED_FLAG, create_account(acct("N1", 1, 1u << 9)));
    EXPECT_RESULT(FB_RESULT_ID_MUST_NOT_BE_ZERO, create_account(acct("", 1, 0)));
    EXPECT_RESULT(FB_RESULT_ID_MALFORMED, create_account(acct("a b", 1, 0)));
    EXPECT_RESULT(FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE,
                  create_account(acct("N2", 1,
                                      FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS |
                                          FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS)));
    EXPECT_RESULT(FB_RESULT_LEDGER_MUST_NOT_BE_ZERO, create_account(acct("N3", 0, 0)));
    a = acct("N4", 1, 0);
    a.code = 0;
    EXPECT_RESULT(FB_RESULT_CODE_MUST_NOT_BE_ZERO, create_account(a));
    done();
}

static void transfer_shape_results(void) {
    fixture();
    fb_transfer t = xfer("s1", "A", "B", 1);
    t.flags = 1u << 10;
    EXPECT_RESULT(FB_RESULT_RESERVED_FLAG, create(t));
    EXPECT_RESULT(FB_RESULT_ID_MUST_NOT_BE_ZERO, create(xfer("", "A", "B", 1)));
    EXPECT_RESULT(FB_RESULT_ID_MALFORMED, create(xfer("s 2", "A", "B", 1)));
    EXPECT_RESULT(FB_RESULT_AMOUNT_MUST_NOT_BE_NEGATIVE, create(xfer("s3", "A", "B", -5)));
    EXPECT_RESULT(FB_RESULT_DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO, create(xfer("s4", "", "B", 1)));
    EXPECT_RESULT(FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED, create(xfer("s5", "A/", "B", 1)));
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO, create(xfer("s6", "A", "", 1)));
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED, create(xfer("s7", "A", "B!", 1)));
    EXPECT_RESULT(FB_RESULT_ACCOUNTS_MUST_BE_DIFFERENT, create(xfer("s8", "A", "A", 1)));
    t = xfer("s9", "A", "B", 1);
    snprintf(t.pending_id, sizeof t.pending_id, "seed");
    EXPECT_RESULT(FB_RESULT_PENDING_ID_MUST_BE_ZERO, create(t));
    t = xfer("s10", "A", "B", 1);
    t.timeout_s = 5;
    EXPECT_RESULT(FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, create(t));
    t.flags = FB_TRANSFER_PENDING;
    t.timeout_s = FB_TIMEOUT_MAX_S + 1;
    EXPECT_RESULT(FB_RESULT_TIMEOUT_TOO_LONG, create(t));
    t = xfer("s11", "A", "B", 1);
    t.flags = FB_TRANSFER_CLOSING_DEBIT;
    EXPECT_RESULT(FB_RESULT_CLOSING_TRANSFER_MUST_BE_PENDING, create(t));
    t = xfer("s12", "A", "B", 1);
    t.ledger = 0;
    EXPECT_RESULT(FB_RESULT_LEDGER_MUST_NOT_BE_ZERO, create(t));
    t = xfer("s13", "A", "B", 1);
    t.code = 0;
    EXPECT_RESULT(FB_RESULT_CODE_MUST_NOT_BE_ZERO, create(t));
    EXPECT_RESULT(FB_RESULT_AMOUNT_MUST_BE_GIVEN,
                  create(xfer("s14", "A", "B", FB_AMOUNT_UNSPECIFIED)));
    /* None of these is transient: the same id may be used again once the event is right. */
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("s14", "A", "B", 1)));
    done();
}

static void transfer_account_results(void) {
    fixture();
    EXPECT_RESULT(FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND, create(xfer("a1", "NOPE", "B", 1)));
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND, create(xfer("a2", "A", "NOPE", 1)));
    EXPECT_RESULT(FB_RESULT_ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER, create(xfer("a3", "A", "C", 1)));
    fb_transfer t = xfer("a4", "A", "B", 1);
    t.ledger = 2;
    EXPECT_RESULT(FB_RESULT_TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS, create(t));
    EXPECT_RESULT(FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED, create(xfer("a5", "SHUT", "B", 1)));
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED, create(xfer("a6", "A", "SHUT", 1)));
    EXPECT_RESULT(FB_RESULT_EXCEEDS_CREDITS, create(xfer("a7", "LIM", "B", 1)));
    EXPECT_RESULT(FB_RESULT_EXCEEDS_DEBITS, create(xfer("a8", "A", "MAX", 1)));
    /* Transient failures are sticky for their id. */
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("fund", "A", "LIM", 500)));
    EXPECT_RESULT(FB_RESULT_ID_ALREADY_FAILED, create(xfer("a7", "LIM", "B", 1)));
    EXPECT_RESULT(FB_RESULT_ID_ALREADY_FAILED, create(xfer("a1", "A", "B", 1)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("a9", "LIM", "B", 500)));
    EXPECT_RESULT(FB_RESULT_EXCEEDS_CREDITS, create(xfer("a10", "LIM", "B", 1)));
    done();
}

static void transfer_exists_results(void) {
    fixture();
    fb_transfer t = xfer("e1", "A", "B", 250);
    snprintf(t.user_data, sizeof t.user_data, "invoice-1");
    EXPECT_RESULT(FB_RESULT_CREATED, create(t));
    EXPECT_RESULT(FB_RESULT_EXISTS, create(t));
    fb_transfer d = t;
    d.flags = FB_TRANSFER_LINKED;
    fb_result r[2];
    fb_transfer pair[2] = {d, xfer("e1b", "A", "B", 1)};
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, pair, 2, r, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS, r[0]);
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_FAILED, r[1]);
    d = t;
    snprintf(d.pending_id, sizeof d.pending_id, "x");
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID, create(d));
    d = t;
    d.timeout_s = 3;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT, create(d));
    d = t;
    snprintf(d.debit_account_id, sizeof d.debit_account_id, "C");
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID, create(d));
    d = t;
    snprintf(d.credit_account_id, sizeof d.credit_account_id, "C");
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID, create(d));
    d = t;
    d.amount_fen = 251;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT, create(d));
    d = t;
    d.user_data[0] = 0;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA, create(d));
    d = t;
    d.ledger = 2;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER, create(d));
    d = t;
    d.code = 2;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_CODE, create(d));
    EXPECT_EQ_INT(100000 - 250, get("A").credits_posted_fen - get("A").debits_posted_fen);
    done();
}

static void two_phase_post_in_part_returns_the_rest(void) {
    fixture();
    fb_transfer p = xfer("p1", "A", "B", 30000);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    EXPECT_EQ_INT(30000, get("A").debits_pending_fen);
    EXPECT_EQ_INT(30000, get("B").credits_pending_fen);
    EXPECT_RESULT(FB_RESULT_CREATED, create(post("p1post", "p1", 12345, FB_TRANSFER_POST_PENDING)));
    EXPECT_EQ_INT(12345, last_amount);
    fb_account a = get("A"), b = get("B");
    EXPECT_EQ_INT(0, a.debits_pending_fen);
    EXPECT_EQ_INT(12345, a.debits_posted_fen);
    EXPECT_EQ_INT(0, b.credits_pending_fen);
    EXPECT_EQ_INT(12345, b.credits_posted_fen);
    fb_pending_status st = FB_PENDING_NONE;
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_pending_status(L, "p1", &st));
    EXPECT_EQ_INT(FB_PENDING_POSTED, st);
    EXPECT_RESULT(FB_RESULT_EXISTS, create(post("p1post", "p1", 12345, FB_TRANSFER_POST_PENDING)));
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT,
                  create(post("p1post", "p1", 12346, FB_TRANSFER_POST_PENDING)));
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS,
                  create(post("p1post", "p1", 12345, FB_TRANSFER_VOID_PENDING)));
    done();
}

static void two_phase_results(void) {
    fixture();
    fb_transfer p = xfer("q1", "A", "B", 500);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    EXPECT_RESULT(FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE,
                  create(post("r1", "q1", 1, FB_TRANSFER_POST_PENDING | FB_TRANSFER_VOID_PENDING)));
    EXPECT_RESULT(FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE,
                  create(post("r1", "q1", 1, FB_TRANSFER_POST_PENDING | FB_TRANSFER_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_ID_MUST_NOT_BE_ZERO,
                  create(post("r2", "", 1, FB_TRANSFER_POST_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_ID_MALFORMED,
                  create(post("r3", "q 1", 1, FB_TRANSFER_POST_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_ID_MUST_BE_DIFFERENT,
                  create(post("r4", "r4", 1, FB_TRANSFER_POST_PENDING)));
    fb_transfer t = post("r5", "q1", 1, FB_TRANSFER_POST_PENDING);
    t.timeout_s = 1;
    EXPECT_RESULT(FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, create(t));
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_NOT_FOUND,
                  create(post("r6", "nope", 1, FB_TRANSFER_POST_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_NOT_PENDING,
                  create(post("r7", "seed", 1, FB_TRANSFER_POST_PENDING)));
    t = post("r8", "q1", 1, FB_TRANSFER_POST_PENDING);
    snprintf(t.debit_account_id, sizeof t.debit_account_id, "B");
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID, create(t));
    t = post("r9", "q1", 1, FB_TRANSFER_POST_PENDING);
    snprintf(t.credit_account_id, sizeof t.credit_account_id, "A");
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID, create(t));
    t = post("r10", "q1", 1, FB_TRANSFER_POST_PENDING);
    t.ledger = 2;
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_LEDGER, create(t));
    t = post("r11", "q1", 1, FB_TRANSFER_POST_PENDING);
    t.code = 9;
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CODE, create(t));
    EXPECT_RESULT(FB_RESULT_EXCEEDS_PENDING_TRANSFER_AMOUNT,
                  create(post("r12", "q1", 501, FB_TRANSFER_POST_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT,
                  create(post("r13", "q1", 499, FB_TRANSFER_VOID_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT,
                  create(post("r13b", "q1", 1, FB_TRANSFER_VOID_PENDING)));
    EXPECT_RESULT(FB_RESULT_CREATED,
                  create(post("r14", "q1", FB_AMOUNT_UNSPECIFIED, FB_TRANSFER_VOID_PENDING)));
    EXPECT_EQ_INT(500, last_amount);
    EXPECT_EQ_INT(0, get("A").debits_pending_fen);
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_ALREADY_VOIDED,
                  create(post("r15", "q1", FB_AMOUNT_UNSPECIFIED, FB_TRANSFER_POST_PENDING)));
    p = xfer("q2", "A", "B", 500);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    EXPECT_RESULT(FB_RESULT_CREATED,
                  create(post("r16", "q2", FB_AMOUNT_UNSPECIFIED, FB_TRANSFER_POST_PENDING)));
    EXPECT_EQ_INT(500, last_amount);
    /* A void written as TigerBeetle writes one, amount 0, after the post: the post is named. */
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED,
                  create(post("r16v", "q2", 0, FB_TRANSFER_VOID_PENDING)));
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED,
                  create(post("r17", "q2", FB_AMOUNT_UNSPECIFIED, FB_TRANSFER_VOID_PENDING)));
    done();
}

static void pending_transfers_expire(void) {
    fixture();
    fb_transfer p = xfer("x1", "A", "B", 700);
    p.flags = FB_TRANSFER_PENDING;
    p.timeout_s = 60;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    EXPECT_EQ_INT(700, get("A").debits_pending_fen);
    size_t expired = 99;
    EXPECT_EQ_INT(FB_OK, fb_ledger_expire_pending(L, fb_now_ns(), &expired));
    EXPECT_EQ_INT(0, expired);
    EXPECT_EQ_INT(FB_OK, fb_ledger_expire_pending(L, fb_now_ns() + 61000000000LL, &expired));
    EXPECT_EQ_INT(1, expired);
    EXPECT_EQ_INT(0, get("A").debits_pending_fen);
    EXPECT_EQ_INT(0, get("B").credits_pending_fen);
    fb_pending_status st = FB_PENDING_NONE;
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_pending_status(L, "x1", &st));
    EXPECT_EQ_INT(FB_PENDING_EXPIRED, st);
    EXPECT_RESULT(FB_RESULT_PENDING_TRANSFER_EXPIRED,
                  create(post("x1p", "x1", FB_AMOUNT_UNSPECIFIED, FB_TRANSFER_POST_PENDING)));
    done();
}

static void overflow_results(void) {
    fixture();
    const char *ids[] = {"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9"};
    for (int i = 0; i < 9; i++)
        EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct(ids[i], 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("o1", "O1", "O2", INT64_MAX)));
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_DEBITS_POSTED, create(xfer("o2", "O1", "O3", 1)));
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_CREDITS_POSTED, create(xfer("o3", "O3", "O2", 1)));
    fb_transfer p = xfer("o4", "O4", "O5", INT64_MAX);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    p = xfer("o5", "O4", "O6", 1);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_DEBITS_PENDING, create(p));
    p = xfer("o6", "O6", "O5", 1);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_CREDITS_PENDING, create(p));
    p = xfer("o7", "O7", "O8", INT64_MAX - 10);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_DEBITS, create(xfer("o8", "O7", "O9", 20)));
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_CREDITS, create(xfer("o9", "O9", "O8", 20)));
    /* Ledger 1 now sums past int64, and verify still proves it balances. */
    done();
}

static void overflow_timeout_near_the_end_of_time(void) {
    char path[512];
    L = open_new(path, sizeof path);
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("B", 1, 0)));
    fb_ledger_close(L);
    /* Stand the clock of the book just short of int64's end, as a book would be in 2262. */
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE meta SET value = 9223372036854775807 - 5000000000"
                                          " WHERE key = 'last_timestamp'",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, 0, &L, err, sizeof err));
    fb_transfer p = xfer("late", "A", "B", 1);
    p.flags = FB_TRANSFER_PENDING;
    p.timeout_s = 10;
    EXPECT_RESULT(FB_RESULT_OVERFLOWS_TIMEOUT, create(p));
    p.timeout_s = 0;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    done();
}

static void linked_chain_fails_together(void) {
    fixture();
    fb_transfer ev[4] = {xfer("l1", "A", "B", 100), xfer("l2", "B", "A", 50),
                         xfer("l3", "LIM", "A", 1), xfer("l4", "A", "B", 7)};
    ev[0].flags = ev[1].flags = FB_TRANSFER_LINKED;
    fb_result r[4];
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, ev, 4, r, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_FAILED, r[0]);
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_FAILED, r[1]);
    EXPECT_RESULT(FB_RESULT_EXCEEDS_CREDITS, r[2]);
    EXPECT_RESULT(FB_RESULT_CREATED, r[3]);
    fb_transfer got;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_ledger_get_transfer(L, "l1", &got));
    EXPECT_EQ_INT(100000 - 7, get("A").credits_posted_fen - get("A").debits_posted_fen);
    /* The rolled-back ids are free: they never failed themselves. */
    ev[2] = xfer("l3b", "A", "LIM", 1);
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, ev, 3, r, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_CREATED, r[0]);
    EXPECT_RESULT(FB_RESULT_CREATED, r[1]);
    EXPECT_RESULT(FB_RESULT_CREATED, r[2]);
    /* An open chain at the end of a batch fails whole. */
    fb_transfer open_chain[2] = {xfer("m1", "A", "B", 1), xfer("m2", "A", "B", 1)};
    open_chain[0].flags = open_chain[1].flags = FB_TRANSFER_LINKED;
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, open_chain, 2, r, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_FAILED, r[0]);
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_CHAIN_OPEN, r[1]);
    /* A chain of accounts too. */
    fb_account acc[2] = {acct("N1", 1, FB_ACCOUNT_LINKED), acct("N2", 0, 0)};
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(L, acc, 2, r, NULL));
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_FAILED, r[0]);
    EXPECT_RESULT(FB_RESULT_LEDGER_MUST_NOT_BE_ZERO, r[1]);
    fb_account none;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_ledger_get_account(L, "N1", &none));
    done();
}

static void linked_chain_rolls_back_a_post_within_it(void) {
    fixture();
    fb_transfer p = xfer("k1", "A", "B", 400);
    p.flags = FB_TRANSFER_PENDING;
    EXPECT_RESULT(FB_RESULT_CREATED, create(p));
    fb_transfer ev[2] = {post("k2", "k1", 400, FB_TRANSFER_POST_PENDING),
                         xfer("k3", "LIM", "B", 5)};
    ev[0].flags |= FB_TRANSFER_LINKED;
    fb_result r[2];
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, ev, 2, r, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_LINKED_EVENT_FAILED, r[0]);
    fb_pending_status st = FB_PENDING_NONE;
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_pending_status(L, "k1", &st));
    EXPECT_EQ_INT(FB_PENDING_PENDING, st);
    EXPECT_EQ_INT(400, get("A").debits_pending_fen);
    EXPECT_RESULT(FB_RESULT_CREATED, create(post("k2", "k1", 400, FB_TRANSFER_POST_PENDING)));
    done();
}

static void balancing_moves_what_the_limit_allows(void) {
    fixture();
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("b0", "A", "LIM", 3000)));
    fb_transfer t = xfer("b1", "LIM", "B", 5000);
    t.flags = FB_TRANSFER_BALANCING_DEBIT;
    EXPECT_RESULT(FB_RESULT_CREATED, create(t));
    EXPECT_EQ_INT(3000, last_amount);
    fb_transfer got;
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_transfer(L, "b1", &got));
    EXPECT_EQ_INT(3000, got.amount_fen);
    EXPECT_RESULT(FB_RESULT_EXISTS, create(t));
    t.amount_fen = 2999;
    EXPECT_RESULT(FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT, create(t));
    t = xfer("b2", "LIM", "B", FB_AMOUNT_UNSPECIFIED);
    t.flags = FB_TRANSFER_BALANCING_DEBIT;
    EXPECT_RESULT(FB_RESULT_CREATED, create(t));
    EXPECT_EQ_INT(0, last_amount);
    /* balancing_credit: MAX may take back only what it has been debited. */
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("b3", "MAX", "A", 0)));
    fb_transfer c = xfer("b4", "A", "MAX", 999);
    c.flags = FB_TRANSFER_BALANCING_CREDIT;
    EXPECT_RESULT(FB_RESULT_CREATED, create(c));
    EXPECT_EQ_INT(0, last_amount);
    done();
}

static void closing_and_reopening(void) {
    fixture();
    fb_transfer t = xfer("c1", "A", "B", 0);
    t.flags = FB_TRANSFER_PENDING | FB_TRANSFER_CLOSING_DEBIT;
    EXPECT_RESULT(FB_RESULT_CREATED, create(t));
    EXPECT_TRUE(get("A").flags & FB_ACCOUNT_CLOSED);
    EXPECT_RESULT(FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED, create(xfer("c2", "A", "B", 1)));
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED, create(xfer("c3", "B", "A", 1)));
    EXPECT_RESULT(FB_RESULT_CREATED,
                  create(post("c4", "c1", FB_AMOUNT_UNSPECIFIED, FB_TRANSFER_VOID_PENDING)));
    EXPECT_TRUE(!(get("A").flags & FB_ACCOUNT_CLOSED));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("c5", "A", "B", 1)));
    done();
}

static void history_records_each_change(void) {
    fixture();
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("H", 1, FB_ACCOUNT_HISTORY)));
    int64_t ts[3];
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "h%d", i);
        fb_transfer t = xfer(id, "A", "H", 100 * (i + 1));
        fb_result r;
        EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, &t, 1, &r, &ts[i], NULL));
        EXPECT_RESULT(FB_RESULT_CREATED, r);
    }
    fb_balance b[8];
    size_t n = 0;
    fb_query q = {.limit = 8};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balances(L, "H", &q, b, &n));
    EXPECT_EQ_INT(3, n);
    EXPECT_EQ_INT(100, b[0].credits_posted_fen);
    EXPECT_EQ_INT(300, b[1].credits_posted_fen);
    EXPECT_EQ_INT(600, b[2].credits_posted_fen);
    EXPECT_EQ_INT(ts[1], b[1].timestamp_ns);
    q = (fb_query){.to_ns = ts[1], .limit = 1, .reverse = true};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_balances(L, "H", &q, b, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(300, b[0].credits_posted_fen);
    EXPECT_EQ_INT(FB_EINVAL, fb_ledger_account_balances(L, "A", &q, b, &n));
    fb_transfer tr[8];
    q = (fb_query){.from_ns = ts[1], .limit = 8};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "H", &q, tr, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_STR("h1", tr[0].id);
    q = (fb_query){.limit = 2, .reverse = true, .credits = true};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "A", &q, tr, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_STR("seed", tr[0].id);
    done();
}

static void timestamps_increase_and_batches_are_bounded(void) {
    fixture();
    static fb_transfer many[FB_BATCH_MAX + 1];
    static fb_result r[FB_BATCH_MAX + 1];
    static int64_t ts[FB_BATCH_MAX + 1];
    for (int i = 0; i <= FB_BATCH_MAX; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%d", i);
        many[i] = xfer(id, "A", "B", 1);
    }
    EXPECT_EQ_INT(FB_ELIMIT, fb_ledger_create_transfers(L, many, FB_BATCH_MAX + 1, r, ts, NULL));
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, many, FB_BATCH_MAX, r, ts, NULL));
    int not_created = 0, not_increasing = 0;
    for (int i = 0; i < FB_BATCH_MAX; i++) {
        not_created += r[i] != FB_RESULT_CREATED;
        if (i) not_increasing += ts[i] <= ts[i - 1];
    }
    EXPECT_EQ_INT(0, not_created);
    EXPECT_EQ_INT(0, not_increasing);
    EXPECT_EQ_INT(FB_BATCH_MAX, get("B").credits_posted_fen);
    done();
}

static void transfers_and_accounts_are_never_edited(void) {
    char path[512];
    L = open_new(path, sizeof path);
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("B", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t", "A", "B", 5)));
    fb_ledger_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_TRUE(sqlite3_exec(db, "UPDATE transfers SET amount = 6", NULL, NULL, NULL) != SQLITE_OK);
    EXPECT_TRUE(sqlite3_exec(db, "DELETE FROM transfers", NULL, NULL, NULL) != SQLITE_OK);
    EXPECT_TRUE(sqlite3_exec(db, "UPDATE accounts SET ledger = 2", NULL, NULL, NULL) != SQLITE_OK);
    EXPECT_TRUE(sqlite3_exec(db, "DELETE FROM accounts", NULL, NULL, NULL) != SQLITE_OK);
    /* A balance edited behind the ledger's back is caught by verify. (The row holds the
     * balances up to balances_through; the transfers after it are added on reading.) */
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE accounts SET credits_posted = credits_posted + 2"
                                          " WHERE id = 'B'",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, FB_OPEN_READONLY, &L, err, sizeof err));
    EXPECT_EQ_INT(2, verify_failures()); /* ledger 1 unbalanced; B differs from its transfers */
    fb_ledger_close(L);
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "UPDATE accounts SET credits_posted = credits_posted - 2"
                                          " WHERE id = 'B'",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, FB_OPEN_READONLY, &L, err, sizeof err));
    EXPECT_EQ_INT(0, verify_failures());
    fb_ledger_close(L);
}

static void schema_migrates_older_and_refuses_newer(void) {
    char path[512];
    snprintf(path, sizeof path, "%s/old.db", test_dir());
    fb_store *s = NULL;
    char err[512];
    EXPECT_EQ_INT(FB_OK, fb__store_open(path, FB_OPEN_CREATE, 1, &s, err, sizeof err));
    EXPECT_EQ_INT(1, fb__store_schema_version(s));
    fb__store_close(s);
    fb_ledger *l = NULL;
    EXPECT_EQ_INT(FB_EVERSION, fb_ledger_open(path, FB_OPEN_READONLY, &l, err, sizeof err));
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, 0, &l, err, sizeof err));
    EXPECT_EQ_INT(fb_schema_version_current(), fb_ledger_schema_version(l));
    L = l;
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("H", 1, FB_ACCOUNT_HISTORY)));
    fb_ledger_close(l);
    L = NULL;
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    sqlite3_exec(db, "UPDATE meta SET value = 99 WHERE key = 'schema_version'", NULL, NULL, NULL);
    sqlite3_close(db);
    EXPECT_EQ_INT(FB_EVERSION, fb_ledger_open(path, 0, &l, err, sizeof err));
    EXPECT_TRUE(strstr(err, "schema version 99") != NULL);
    char mine[64];
    snprintf(mine, sizeof mine, "finbridge's %d", fb_schema_version_current());
    EXPECT_TRUE(strstr(err, mine) != NULL);
    EXPECT_TRUE(l == NULL);
}

static void opening_refuses_what_is_not_a_book(void) {
    char path[512], err[512];
    fb_ledger *l = NULL;
    snprintf(path, sizeof path, "%s/missing.db", test_dir());
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_ledger_open(path, 0, &l, err, sizeof err));
    EXPECT_TRUE(strstr(err, "finbridge init") != NULL);
    snprintf(path, sizeof path, "%s/other.db", test_dir());
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    EXPECT_EQ_INT(FB_ECORRUPT, fb_ledger_open(path, 0, &l, err, sizeof err));
    snprintf(path, sizeof path, "%s/text.db", test_dir());
    FILE *f = fopen(path, "w");
    fputs("this is not a database, just some text that is long enough to have a header", f);
    fclose(f);
    EXPECT_TRUE(fb_ledger_open(path, 0, &l, err, sizeof err) != FB_OK);
    EXPECT_TRUE(l == NULL);
}

static void account_cache_follows_other_writers(void) {
    char path[512], err[256];
    L = open_new(path, sizeof path);
    fb_ledger *first = L, *second = NULL;
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, 0, &second, err, sizeof err));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED,
                  create_account(acct("LIM", 1, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS)));
    /* The first connection caches B as absent, and LIM with nothing to spend. */
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND, create(xfer("w1", "A", "B", 1)));
    EXPECT_RESULT(FB_RESULT_EXCEEDS_CREDITS, create(xfer("w2", "LIM", "A", 5)));
    /* The second creates B and funds LIM. */
    L = second;
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("B", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("w3", "A", "LIM", 5)));
    /* The first sees both. */
    L = first;
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("w4", "A", "B", 1)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("w5", "LIM", "A", 5)));
    EXPECT_RESULT(FB_RESULT_EXCEEDS_CREDITS, create(xfer("w6", "LIM", "A", 1)));
    /* Interleaved writes from both keep every balance exact. */
    for (int i = 0; i < 20; i++) {
        char id[16];
        snprintf(id, sizeof id, "x%d", i);
        L = i % 2 ? first : second;
        EXPECT_RESULT(FB_RESULT_CREATED,
                      create(xfer(id, i % 3 ? "A" : "B", i % 3 ? "B" : "A", 100)));
    }
    L = first;
    EXPECT_EQ_INT(100 * 13 + 1, get("B").credits_posted_fen);
    EXPECT_EQ_INT(100 * 7, get("B").debits_posted_fen);
    fb_ledger_close(second);
    done();
}

static void account_transfers_span_runs_of_postings(void) {
    char path[512];
    L = open_new(path, sizeof path);
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("B", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("C", 1, 0)));
    /* 70,000 transfers: postings runs hold 65,536, so the book spans two. Every tenth touches
     * C; transfer i moves i fen. */
    static fb_transfer t[FB_BATCH_MAX];
    static fb_result r[FB_BATCH_MAX];
    static int64_t ts[70000];
    int total = 70000, not_created = 0;
    for (int done_n = 0; done_n < total;) {
        int n = total - done_n < FB_BATCH_MAX ? total - done_n : FB_BATCH_MAX;
        for (int i = 0; i < n; i++) {
            int k = done_n + i;
            char id[16];
            snprintf(id, sizeof id, "r%05d", k);
            t[i] = xfer(id, "A", k % 10 ? "B" : "C", k);
        }
        EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, t, (size_t)n, r, &ts[done_n], NULL));
        for (int i = 0; i < n; i++)
            not_created += r[i] != FB_RESULT_CREATED;
        done_n += n;
    }
    EXPECT_EQ_INT(0, not_created);
    static fb_transfer out[FB_QUERY_LIMIT_MAX];
    size_t n = 0;
    /* C's transfers from 65,000 on: across the run boundary, in order. */
    fb_query q = {.from_ns = ts[65000], .limit = 1000};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "C", &q, out, &n));
    EXPECT_EQ_INT(500, n);
    EXPECT_EQ_STR("r65000", out[0].id);
    EXPECT_EQ_STR("r69990", out[n - 1].id);
    int out_of_order = 0;
    for (size_t i = 1; i < n; i++)
        out_of_order += out[i].timestamp_ns <= out[i - 1].timestamp_ns;
    EXPECT_EQ_INT(0, out_of_order);
    /* Newest first, limited, from the far run back into the near one. */
    q = (fb_query){.to_ns = ts[65600], .limit = 3, .reverse = true};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "C", &q, out, &n));
    EXPECT_EQ_INT(3, n);
    EXPECT_EQ_STR("r65600", out[0].id);
    EXPECT_EQ_STR("r65580", out[2].id);
    /* A's debits only, within a narrow window. */
    q = (fb_query){.from_ns = ts[65530], .to_ns = ts[65540], .limit = 100, .debits = true};
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "A", &q, out, &n));
    EXPECT_EQ_INT(11, n);
    q.debits = false;
    q.credits = true;
    EXPECT_EQ_INT(FB_OK, fb_ledger_account_transfers(L, "A", &q, out, &n));
    EXPECT_EQ_INT(0, n);
    EXPECT_EQ_INT(0, verified());
    fb_ledger_close(L);
    /* A posting lost behind the ledger's back is found. */
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_EQ_INT(SQLITE_OK,
                  sqlite3_exec(db,
                               "DROP TRIGGER postings_no_delete;"
                               " DELETE FROM postings WHERE k = (SELECT MAX(k) FROM postings)",
                               NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, FB_OPEN_READONLY, &L, err, sizeof err));
    EXPECT_EQ_INT(2, verify_failures()); /* the transfer missing it, and the count */
    fb_ledger_close(L);
}

static bool reported_dangling;
static void find_dangling(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "table transfers") && strstr(line, "refers to no row of accounts"))
        reported_dangling = true;
}

/* A batch alone writes with foreign keys off (its references are the ledger's own lookups):
 * verify proves them, and a transfer that names no account, written behind the ledger's back, is
 * found. A unit of work after batches alone writes as before. */
static void verify_proves_every_reference(void) {
    char path[512];
    L = open_new(path, sizeof path);
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("A", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("B", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t1", "A", "B", 5)));
    EXPECT_EQ_INT(FB_OK, fb_ledger_begin(L));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t2", "B", "A", 2)));
    EXPECT_EQ_INT(FB_OK, fb_ledger_commit(L));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("t3", "A", "B", 1)));
    EXPECT_EQ_INT(0, verified());
    fb_ledger_close(L);
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_EQ_INT(SQLITE_OK,
                  sqlite3_exec(db,
                               "INSERT INTO transfers SELECT NULL, (SELECT max(ts) FROM transfers)"
                               " + 1, 'dangling', 999, credit_account, 5, NULL, ledger, code,"
                               " flags, timeout, user_data, value_date FROM transfers"
                               " WHERE id = 't1'",
                               NULL, NULL, NULL));
    sqlite3_close(db);
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_ledger_open(path, FB_OPEN_READONLY, &L, err, sizeof err));
    uint64_t failures = 0;
    reported_dangling = false;
    EXPECT_EQ_INT(FB_OK, fb_ledger_verify(L, find_dangling, NULL, &failures));
    EXPECT_TRUE(failures > 0);
    EXPECT_TRUE(reported_dangling);
    fb_ledger_close(L);
}

static void units_of_work_commit_or_roll_back_whole(void) {
    L = open_new(NULL, 0);
    EXPECT_EQ_INT(FB_OK, fb_ledger_begin(L));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("U1", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("U2", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("u1", "U1", "U2", 10)));
    fb_ledger_rollback(L);
    fb_account a;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_ledger_get_account(L, "U1", &a));
    /* The cache forgot them too: creating them again succeeds. */
    EXPECT_EQ_INT(FB_OK, fb_ledger_begin(L));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("U1", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("U2", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("u1", "U1", "U2", 10)));
    /* A failed event inside the unit writes nothing and leaves the unit open. */
    EXPECT_RESULT(FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND, create(xfer("u2", "U1", "U9", 10)));
    EXPECT_EQ_INT(FB_OK, fb_ledger_commit(L));
    EXPECT_EQ_INT(10, get("U2").credits_posted_fen);
    EXPECT_RESULT(FB_RESULT_ID_ALREADY_FAILED, create(xfer("u2", "U1", "U2", 10)));
    done();
}

/* A unit of work may touch more accounts than the cache holds (an end of day of a large book):
 * batch after batch, each of new accounts and transfers between them, all in one unit. */
static void a_unit_may_touch_more_accounts_than_the_cache_holds(void) {
    L = open_new(NULL, 0);
    enum { BATCHES = 10, N = 8000 };
    static fb_account a[N];
    static fb_transfer t[N / 2];
    static fb_result r[N];
    EXPECT_EQ_INT(FB_OK, fb_ledger_begin(L));
    int created = 0;
    for (int b = 0; b < BATCHES; b++) {
        for (int i = 0; i < N; i++) {
            char id[32];
            snprintf(id, sizeof id, "W%d-%d", b, i);
            a[i] = acct(id, 1, 0);
        }
        EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(L, a, N, r, NULL));
        for (int i = 0; i < N / 2; i++) {
            char id[32];
            snprintf(id, sizeof id, "w%d-%d", b, i);
            t[i] = xfer(id, a[2 * i].id, a[2 * i + 1].id, 1 + i);
        }
        EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(L, t, N / 2, r, NULL, NULL));
        for (int i = 0; i < N / 2; i++)
            created += r[i] == FB_RESULT_CREATED;
    }
    EXPECT_EQ_INT(FB_OK, fb_ledger_commit(L));
    EXPECT_EQ_INT(BATCHES * N / 2, created);
    EXPECT_EQ_INT(N / 2, get("W9-7999").credits_posted_fen);
    EXPECT_EQ_INT(1, get("W0-1").credits_posted_fen);
    EXPECT_EQ_INT(0, verified());
    done();
}

/* A batch that fails to write (here a trigger refuses one transfer's row) fails its unit: later
 * batches and the commit refuse, and nothing of the unit stays. */
static void a_batch_that_fails_to_write_fails_its_unit(void) {
    char path[512];
    L = open_new(path, sizeof path);
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("F1", 1, 0)));
    EXPECT_RESULT(FB_RESULT_CREATED, create_account(acct("F2", 1, 0)));
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_exec(db,
                                          "CREATE TRIGGER refuse BEFORE INSERT ON transfers"
                                          " WHEN NEW.id = 'bad' BEGIN SELECT RAISE(ABORT, 'no');"
                                          " END",
                                          NULL, NULL, NULL));
    sqlite3_close(db);
    EXPECT_EQ_INT(FB_OK, fb_ledger_begin(L));
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("good", "F1", "F2", 5)));
    fb_transfer bad = xfer("bad", "F1", "F2", 7);
    fb_result r;
    EXPECT_EQ_INT(FB_EIO, fb_ledger_create_transfers(L, &bad, 1, &r, NULL, NULL));
    fb_transfer later = xfer("later", "F1", "F2", 9);
    EXPECT_EQ_INT(FB_EIO, fb_ledger_create_transfers(L, &later, 1, &r, NULL, NULL));
    EXPECT_EQ_INT(FB_EIO, fb_ledger_commit(L));
    fb_transfer t;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_ledger_get_transfer(L, "good", &t));
    EXPECT_EQ_INT(0, get("F2").credits_posted_fen);
    /* The book goes on. */
    EXPECT_RESULT(FB_RESULT_CREATED, create(xfer("good", "F1", "F2", 5)));
    EXPECT_EQ_INT(5, get("F2").credits_posted_fen);
    done();
}

static void every_result_has_a_name_and_reason(void) {
    for (int r = 0; r < FB_RESULT_COUNT_; r++) {
        EXPECT_TRUE(strcmp(fb_result_name((fb_result)r), "unknown") != 0);
        EXPECT_TRUE(strlen(fb_result_reason((fb_result)r)) > 5);
    }
    EXPECT_EQ_STR("exceeds_credits", fb_result_name(FB_RESULT_EXCEEDS_CREDITS));
    EXPECT_TRUE(fb_result_transient(FB_RESULT_EXCEEDS_CREDITS));
    EXPECT_TRUE(!fb_result_transient(FB_RESULT_PENDING_TRANSFER_EXPIRED));
}

int main(void) {
    /* With FINBRIDGE_DB a PostgreSQL URI, every test runs on it but the six that edit SQLite's
     * file behind the ledger's back (tests/cli/test_pg_cluster.sh does those with psql). */
    bool pg = test_on_pg();
    printf("backend: %s\n", pg ? "PostgreSQL (FINBRIDGE_DB)" : "SQLite");
    RUN(account_results);
    RUN(transfer_shape_results);
    RUN(transfer_account_results);
    RUN(transfer_exists_results);
    RUN(two_phase_post_in_part_returns_the_rest);
    RUN(two_phase_results);
    RUN(pending_transfers_expire);
    RUN(overflow_results);
    if (!pg) RUN(overflow_timeout_near_the_end_of_time);
    RUN(linked_chain_fails_together);
    RUN(linked_chain_rolls_back_a_post_within_it);
    RUN(balancing_moves_what_the_limit_allows);
    RUN(closing_and_reopening);
    RUN(history_records_each_change);
    RUN(timestamps_increase_and_batches_are_bounded);
    if (!pg) RUN(transfers_and_accounts_are_never_edited);
    if (!pg) RUN(schema_migrates_older_and_refuses_newer);
    if (!pg) RUN(opening_refuses_what_is_not_a_book);
    RUN(account_cache_follows_other_writers);
    if (!pg) RUN(account_transfers_span_runs_of_postings);
    if (!pg) RUN(verify_proves_every_reference);
    RUN(units_of_work_commit_or_roll_back_whole);
    RUN(a_unit_may_touch_more_accounts_than_the_cache_holds);
    if (!pg) RUN(a_batch_that_fails_to_write_fails_its_unit);
    RUN(every_result_has_a_name_and_reason);
    return test_summary();
}
