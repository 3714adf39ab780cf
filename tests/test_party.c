/* test_party.c — parties of the loan book: checks, derived fields, idempotency, the deposit
 * account, all or nothing. */
#include "finbridge/finbridge.h"
#include "test.h"

static fb_book *L;

static void open_book(void) {
    static int seq;
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/party%d.db", test_dir(), ++seq);
    if (fb_book_open(path, FB_OPEN_CREATE, &L, err, sizeof err) != FB_OK) {
        printf("cannot open: %s\n", err);
        exit(2);
    }
}

/* A valid code for the first 17 characters. */
static void code(const char *first17, char *out) {
    fb_uscc_info info;
    char tmp[19];
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(out, 19, "%s%c", first17, info.expected_check);
}

static fb_party enterprise(const char *id, const char *first17, int industry, int32_t staff,
                           int64_t revenue_yuan) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    code(first17, p.uscc);
    p.region = 210102;
    p.industry = industry;
    p.figures = (fb_firm_figures){staff, revenue_yuan * 100, revenue_yuan * 100};
    return p;
}

static const char *prepare(fb_party *p) {
    static char reason[200];
    const char *field = NULL;
    if (fb_party_prepare(p, &field, reason, sizeof reason) == FB_OK) return NULL;
    static char both[260];
    snprintf(both, sizeof both, "%s %s", field, reason);
    return both;
}

static void derived_fields_carry_their_rules(void) {
    fb_party p = enterprise("sy-mt", "91210100MA0AAAA01", 3421, 350, 25000000);
    p.flags = FB_PARTY_SPECIALIZED_SME;
    EXPECT_TRUE(prepare(&p) == NULL);
    EXPECT_EQ_INT(FB_SIZE_MEDIUM, p.size_class);
    EXPECT_EQ_STR("industry sector: medium reaches (X>=300 Y>=2000万)", p.size_rule);
    EXPECT_EQ_STR("machine_tools", p.key_chain);
    EXPECT_TRUE(p.tech_sme); /* 350 staff, 2,500万 sales and assets, a technology flag */
    EXPECT_EQ_INT(210100, p.city);
    EXPECT_EQ_STR("dep:sy-mt", p.deposit_account);
    fb_party ib = enterprise("getihu", "92210211MA0BBBB02", 5211, 2, 300000);
    ib.kind = FB_PARTY_INDIVIDUAL_BUSINESS;
    ib.region = 210211;
    EXPECT_TRUE(prepare(&ib) == NULL);
    EXPECT_EQ_INT(FB_SIZE_MICRO, ib.size_class);
    EXPECT_EQ_INT(210200, ib.city);
    EXPECT_TRUE(!ib.tech_sme);
}

static void bad_parties_name_the_field(void) {
    fb_party p = enterprise("a", "91210100MA0AAAA01", 3421, 1, 1);
    p.uscc[17] = p.uscc[17] == '0' ? '1' : '0';
    const char *why = prepare(&p);
    EXPECT_TRUE(why && strstr(why, "uscc has the wrong check character: character 18 should be"));
    p = enterprise("a", "91210100MA0AAAA01", 3421, 1, 1);
    p.kind = FB_PARTY_INDIVIDUAL_BUSINESS;
    why = prepare(&p);
    EXPECT_TRUE(why && strstr(why, "uscc is not an individual business's code"));
    p = enterprise("a", "91210100MA0AAAA01", 9999, 1, 1);
    EXPECT_EQ_STR("industry is not in a GB/T 4754-2017 division", prepare(&p));
    p = enterprise("a", "91210100MA0AAAA01", 3421, 1, 1);
    p.region = 219900;
    EXPECT_EQ_STR("region is not a city of Liaoning", prepare(&p));
    p.region = 350100; /* outside Liaoning: its prefecture */
    EXPECT_TRUE(prepare(&p) == NULL);
    EXPECT_EQ_INT(350100, p.city);
    p = enterprise("a b", "91210100MA0AAAA01", 3421, 1, 1);
    EXPECT_TRUE(prepare(&p) != NULL);
    p = enterprise("a", "91210100MA0AAAA01", 3421, 1, 1);
    p.name[0] = 0;
    EXPECT_EQ_STR("name is empty", prepare(&p));
}

static void creating_is_idempotent_and_opens_a_deposit_account(void) {
    open_book();
    fb_party p[3] = {enterprise("e1", "91210100MA0AAAA01", 3421, 350, 25000000),
                     enterprise("e2", "91210200MA0AAAA02", 2511, 5000, 900000000),
                     enterprise("e3", "91210100MA0AAAA01", 5211, 5, 100000)};
    for (int i = 0; i < 3; i++)
        EXPECT_TRUE(prepare(&p[i]) == NULL);
    fb_party_outcome o[3];
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, p, 3, o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o[0].result);
    EXPECT_EQ_INT(FB_PARTY_CREATED, o[1].result);
    EXPECT_EQ_INT(FB_PARTY_USCC_REGISTERED, o[2].result); /* e3 reuses e1's code */
    EXPECT_EQ_STR("e1", o[2].other);
    fb_account a;
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_account(fb_book_ledger(L), "dep:e1", &a));
    EXPECT_EQ_INT(FB_CODE_DEPOSIT, a.code);
    EXPECT_TRUE(a.flags & FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS);
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_ledger_get_account(fb_book_ledger(L), "dep:e3", &a));
    /* Again: exists; with a change: exists_with_different naming the field. */
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, p, 1, o));
    EXPECT_EQ_INT(FB_PARTY_EXISTS, o[0].result);
    p[0].figures.employees = 351;
    EXPECT_TRUE(prepare(&p[0]) == NULL);
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, p, 1, o));
    EXPECT_EQ_INT(FB_PARTY_EXISTS_WITH_DIFFERENT, o[0].result);
    EXPECT_EQ_STR("employees", o[0].field);
    fb_party got;
    EXPECT_EQ_INT(FB_OK, fb_party_get(L, "e2", &got));
    EXPECT_EQ_INT(FB_SIZE_LARGE, got.size_class);
    EXPECT_EQ_STR("petrochemicals", got.key_chain);
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_party_get(L, "e3", &got));
    fb_book_close(L);
}

static void report(void *ctx, const char *line) {
    (void)ctx;
    if (strstr(line, "verify:") != line) printf("    %s\n", line);
}

static void a_taken_deposit_account_refuses_the_party(void) {
    open_book();
    fb_account a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "dep:e9");
    a.ledger = 1;
    a.code = 1;
    fb_result r;
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(L), &a, 1, &r, NULL));
    fb_party p = enterprise("e9", "91210100MA0AAAA09", 3421, 10, 100);
    EXPECT_TRUE(prepare(&p) == NULL);
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_DEPOSIT_ACCOUNT_TAKEN, o.result);
    fb_party got;
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_party_get(L, "e9", &got));
    uint64_t failures = 1;
    EXPECT_EQ_INT(FB_OK, fb_book_verify(L, report, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
    fb_book_close(L);
}

int main(void) {
    RUN(derived_fields_carry_their_rules);
    RUN(bad_parties_name_the_field);
    RUN(creating_is_idempotent_and_opens_a_deposit_account);
    RUN(a_taken_deposit_account_refuses_the_party);
    return test_summary();
}
