/* book.h — what the tests of the loan book share: a fresh book with a clearing account, parties
 * and facilities made through the library, money moved in and out of deposit accounts, end of
 * day, balances, verify. Each test file includes it once, after test.h. */
#ifndef FB_TESTS_BOOK_H
#define FB_TESTS_BOOK_H

#include "finbridge/finbridge.h"
#include "test.h"

static fb_book *L;

__attribute__((unused)) static int32_t day(const char *s) {
    int32_t d = 0;
    const char *why = NULL;
    if (fb_date_parse(s, &d, &why) != FB_OK) {
        printf("bad date %s\n", s);
        exit(2);
    }
    return d;
}

/* The file of the book open_book opened last. */
static char book_path[512];

__attribute__((unused)) static void open_book(void) {
    static int seq;
    char err[256];
    snprintf(book_path, sizeof book_path, "%s/book%d.db", test_dir(), ++seq);
    if (fb_book_open(book_path, FB_OPEN_CREATE, &L, err, sizeof err) != FB_OK) {
        printf("cannot open: %s\n", err);
        exit(2);
    }
    /* The tests live years of business in a moment, some of them ahead of the calendar. */
    EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "simulation", 1));
    /* Where borrowers' money goes when they spend it, and comes from when they are paid. */
    fb_account ext;
    memset(&ext, 0, sizeof ext);
    snprintf(ext.id, sizeof ext.id, "ext:clearing");
    ext.ledger = 1;
    ext.code = 3001;
    fb_result r;
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(L), &ext, 1, &r, NULL));
}

/* An enterprise of Dalian's electronics industry: large when big, otherwise micro. */
__attribute__((unused)) static void party(const char *id, int serial, bool big) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91210200MA0C%05d", serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = 210211;
    p.industry = 3670;
    p.figures = big ? (fb_firm_figures){5000, 900000000000LL, 900000000000LL}
                    : (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

__attribute__((unused)) static void facility(const char *id, const char *party_id, fb_line line,
                                             int64_t limit, bool revolving) {
    fb_facility f;
    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "%s", id);
    snprintf(f.party, sizeof f.party, "%s", party_id);
    f.line = line;
    if (line == FB_LINE_GREEN) snprintf(f.green_item, sizeof f.green_item, "3.2.1");
    f.limit_fen = limit;
    f.start_date = day("2024-01-01");
    f.end_date = day("2030-12-31");
    f.revolving = revolving;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_facility_check(&f, &field, reason, sizeof reason));
    fb_facility_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_facilities_create(L, &f, 1, &o));
    EXPECT_EQ_INT(FB_FACILITY_CREATED, o.result);
}

__attribute__((unused)) static int64_t balance(const char *account) {
    fb_account a;
    if (fb_ledger_get_account(fb_book_ledger(L), account, &a) != FB_OK) return 0;
    return a.debits_posted_fen - a.credits_posted_fen;
}

__attribute__((unused)) static void move_money(const char *dr, const char *cr, int64_t amount) {
    static int seq;
    fb_transfer t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "move:%d", ++seq);
    snprintf(t.debit_account_id, sizeof t.debit_account_id, "%s", dr);
    snprintf(t.credit_account_id, sizeof t.credit_account_id, "%s", cr);
    t.amount_fen = amount;
    t.ledger = 1;
    t.code = 1;
    fb_result r;
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(fb_book_ledger(L), &t, 1, &r, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_CREATED, r);
}

__attribute__((unused)) static void drain(const char *party_id) {
    char dep[FB_ID_MAX + 1];
    snprintf(dep, sizeof dep, "dep:%s", party_id);
    int64_t held = -balance(dep);
    if (held > 0) move_money(dep, "ext:clearing", held);
}

__attribute__((unused)) static void fund(const char *party_id, int64_t amount) {
    char dep[FB_ID_MAX + 1];
    snprintf(dep, sizeof dep, "dep:%s", party_id);
    move_money("ext:clearing", dep, amount);
}

__attribute__((unused)) static void eod(const char *through) {
    int32_t closed = 0;
    fb_eod_options o = {FB_EOD_DAYS_MAX, NULL, NULL, NULL};
    int rc = fb_eod_run(L, day(through), &o, &closed);
    if (rc) printf("    eod: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
}

/* A loan's position now, and a repayment of amount (mode: what to do with more than is due). */
__attribute__((unused)) static fb_loan_position position(const char *id) {
    fb_loan_position p;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, id, &p));
    return p;
}

__attribute__((unused)) static fb_repay_result repay(const char *id, int64_t amount, fb_prepay mode,
                                                     fb_repayment *out) {
    fb_repayment r;
    memset(&r, 0, sizeof r);
    snprintf(r.loan, sizeof r.loan, "%s", id);
    r.amount_fen = amount;
    r.prepay = mode;
    fb_repay_result result = FB_REPAY_DONE;
    int rc = fb_loan_repay(L, &r, &result);
    if (rc) printf("    repay: %s\n", fb_book_errmsg(L));
    EXPECT_EQ_INT(FB_OK, rc);
    if (out) *out = r;
    return result;
}

__attribute__((unused)) static void print_line(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) printf("    verify: %s\n", line);
}

__attribute__((unused)) static void verify_ok(void) {
    uint64_t failures = 0;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, print_line, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
}

__attribute__((unused)) static uint64_t rng_state;
__attribute__((unused)) static uint64_t rnd(uint64_t n) {
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (rng_state >> 33) % n;
}

/* rate_e6 0 draws an LPR loan at spread_bp over the 1-year LPR. */
__attribute__((unused)) static void loan(const char *id, const char *fac, int64_t amount,
                                         int64_t rate_e6, int32_t spread, int months,
                                         fb_method method, const char *start) {
    fb_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "%s", id);
    snprintf(x.facility, sizeof x.facility, "%s", fac);
    x.terms = (fb_loan_terms){amount, rate_e6, months, method, day(start), 0, FB_DAYCOUNT_ACT360};
    x.rate_kind = rate_e6 ? FB_RATE_FIXED : FB_RATE_LPR;
    x.lpr_tenor_years = rate_e6 ? 0 : 1;
    x.spread_bp = spread;
    x.penalty_markup_pct = 50;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_check(&x, &field, reason, sizeof reason));
    fb_loan_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_loans_create(L, &x, 1, &o));
    EXPECT_EQ_INT(FB_LOAN_CREATED, o.result);
}

#endif
