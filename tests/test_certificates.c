/* test_certificates.c — supply-chain payable certificates: a four-tier chain with splits,
 * financing at two tiers, maturity paid in full and with a shortfall, every refusal, and a
 * seeded property test that conserves face and ranges. */
#include "book.h"

/* A small enterprise (micro by its figures) unless big. */

static void supply_chain_facility(const char *id, const char *core, int64_t limit, bool revolving) {
    facility(id, core, FB_LINE_SUPPLY_CHAIN, limit, revolving);
}

static fb_cert_result issue(const char *id, const char *core, const char *holder, int64_t face,
                            const char *on, const char *maturity, fb_cert_outcome *out) {
    fb_cert_issue v;
    memset(&v, 0, sizeof v);
    snprintf(v.id, sizeof v.id, "%s", id);
    snprintf(v.core, sizeof v.core, "%s", core);
    snprintf(v.holder, sizeof v.holder, "%s", holder);
    v.face_fen = face;
    v.issue_date = day(on);
    v.maturity = day(maturity);
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_cert_issue_check(&v, &field, reason, sizeof reason));
    fb_cert_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_certs_issue(L, &v, 1, &o));
    if (out) *out = o;
    return o.result;
}

static fb_cert_result move(const char *part, const char *id, const char *to, int64_t amount,
                           const char *on, int64_t rate, fb_cert_outcome *out) {
    fb_cert_move v;
    memset(&v, 0, sizeof v);
    snprintf(v.part, sizeof v.part, "%s", part);
    snprintf(v.id, sizeof v.id, "%s", id);
    if (to) snprintf(v.to, sizeof v.to, "%s", to);
    v.amount_fen = amount;
    v.date = on ? day(on) : 0;
    v.discount_rate_e6 = rate;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_cert_move_check(&v, to == NULL, &field, reason, sizeof reason));
    fb_cert_outcome o;
    EXPECT_EQ_INT(FB_OK, to ? fb_certs_transfer(L, &v, 1, &o) : fb_certs_finance(L, &v, 1, &o));
    if (out) *out = o;
    return o.result;
}

static fb_certificate get(const char *id) {
    fb_certificate c;
    memset(&c, 0, sizeof c);
    EXPECT_EQ_INT(FB_OK, fb_cert_get(L, id, &c));
    return c;
}

static void a_four_tier_chain_is_paid_at_maturity(void) {
    open_book();
    party("core", 1, true);
    party("t1", 2, false);
    party("t2", 3, false);
    party("t3", 4, false);
    party("t4", 5, false);
    supply_chain_facility("scf", "core", 500000000, true);
    /* 1,000,000.00 to the tier-1 supplier, due in four months. */
    EXPECT_EQ_INT(FB_CERT_DONE,
                  issue("C1", "core", "t1", 100000000, "2025-03-01", "2025-07-01", NULL));
    EXPECT_EQ_INT(-400000000, balance("fac:scf:available"));
    EXPECT_EQ_INT(-100000000, balance("cth:t1"));
    EXPECT_EQ_INT(100000000, balance("cti:core"));
    /* Tier 1 passes 600,000.00 down, tier 2 passes 250,000.00 on, tier 3 passes 100,000.00. */
    EXPECT_EQ_INT(FB_CERT_DONE, move("C1", "C1-a", "t2", 60000000, "2025-03-05", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_DONE, move("C1-a", "C1-a-b", "t3", 25000000, "2025-03-10", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_DONE, move("C1-a-b", "C1-a-b-c", "t4", 10000000, "2025-03-12", 0, NULL));
    fb_certificate c = get("C1-a-b-c");
    EXPECT_EQ_INT(0, c.range_start);
    EXPECT_EQ_INT(10000000, c.range_end);
    EXPECT_EQ_STR("C1", c.root);
    EXPECT_EQ_STR("C1-a-b", c.parent);
    EXPECT_EQ_STR("t3", c.from);
    EXPECT_EQ_INT(60000000, get("C1").range_start);
    EXPECT_EQ_INT(100000000, get("C1").range_end);
    /* Financing at two tiers at 3.6%: tier 2 part of what it holds, 103 days before maturity;
     * tier 4 all of it, 30 days before. */
    fb_cert_outcome o;
    EXPECT_EQ_INT(FB_CERT_BEFORE_RECEIVED,
                  move("C1-a", "F2", NULL, 20000000, "2025-03-03", 36000, &o));
    EXPECT_EQ_INT(FB_CERT_DONE, move("C1-a", "F2", NULL, 20000000, "2025-03-20", 36000, &o));
    EXPECT_EQ_INT(206000, o.discount_fen); /* 200,000.00 x 3.6% x 103 / 360 */
    EXPECT_EQ_INT(19794000, o.proceeds_fen);
    EXPECT_EQ_INT(FB_CERT_DONE, move("C1-a-b-c", "F4", NULL, 0, "2025-06-01", 36000, &o));
    EXPECT_EQ_INT(30000, o.discount_fen); /* 100,000.00 x 3.6% x 30 / 360 */
    EXPECT_EQ_INT(-9970000, balance("dep:t4"));
    EXPECT_EQ_INT(FB_CERT_SPENT, get("C1-a-b-c").status);
    EXPECT_TRUE(get("F4").inclusive_cbirc);
    EXPECT_EQ_INT(30000000, balance("gl:scf_discounted"));
    /* Who holds what: every fen has one holder. */
    EXPECT_EQ_INT(-40000000, balance("cth:t1"));
    EXPECT_EQ_INT(-15000000, balance("cth:t2"));
    EXPECT_EQ_INT(-15000000, balance("cth:t3"));
    EXPECT_EQ_INT(0, balance("cth:t4"));
    EXPECT_EQ_INT(-30000000, balance("bank:cth"));
    fb_certificate *parts = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_cert_lineage(L, "F4", &parts, &n));
    EXPECT_EQ_INT(6, n);
    EXPECT_EQ_STR("C1", parts[0].id);
    free(parts);
    EXPECT_EQ_INT(FB_OK, fb_certs_held_by(L, "", &parts, &n));
    EXPECT_EQ_INT(2, n);
    free(parts);
    verify_ok();
    /* The core pays in full at maturity; the bank has earned the discount. */
    fund("core", 100000000);
    eod("2025-07-01");
    EXPECT_EQ_INT(FB_CERT_SETTLED, get("C1").status);
    EXPECT_EQ_INT(FB_CERT_SETTLED, get("F2").status);
    EXPECT_EQ_INT(-40000000, balance("dep:t1"));
    EXPECT_EQ_INT(-(15000000 + 19794000), balance("dep:t2"));
    EXPECT_EQ_INT(-15000000, balance("dep:t3"));
    EXPECT_EQ_INT(0, balance("dep:core"));
    EXPECT_EQ_INT(0, balance("gl:scf_discounted"));
    EXPECT_EQ_INT(0, balance("gl:scf_unearned"));
    EXPECT_EQ_INT(-236000, balance("gl:interest_income:supply_chain"));
    EXPECT_EQ_INT(0, balance("cti:core"));
    EXPECT_EQ_INT(-500000000, balance("fac:scf:available"));
    verify_ok();
    /* Nothing moves after maturity. */
    EXPECT_EQ_INT(FB_CERT_NOTHING_HELD, move("C1", "late", "t2", 100, "2025-07-02", 0, NULL));
    fb_book_close(L);
}

static void a_shortfall_becomes_an_overdue_advance(void) {
    open_book();
    party("core", 11, true);
    party("s1", 12, false);
    party("s2", 13, false);
    supply_chain_facility("scf2", "core", 100000000, false);
    EXPECT_EQ_INT(FB_CERT_DONE,
                  issue("C2", "core", "s1", 50000000, "2025-05-01", "2025-08-01", NULL));
    EXPECT_EQ_INT(FB_CERT_DONE, move("C2", "C2-x", "s2", 20000000, "2025-05-02", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_DONE, move("C2-x", "C2-f", NULL, 0, "2025-05-10", 30000, NULL));
    fund("core", 10000000); /* 100,000.00 of the 500,000.00 due */
    eod("2025-08-01");
    /* Every holder is paid; the core owes the bank an advance of 400,000.00, overdue. */
    EXPECT_EQ_INT(-30000000, balance("dep:s1"));
    EXPECT_EQ_INT(0, balance("gl:scf_discounted"));
    fb_loan_position p;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "adv:2025-08-01:1", &p));
    EXPECT_EQ_INT(40000000, p.principal_fen);
    EXPECT_EQ_INT(40000000, p.principal_overdue_fen);
    EXPECT_EQ_INT(1, p.days_past_due);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, p.loan_class);
    /* A non-revolving facility: what was repaid goes back to the commitments, the advance is
     * drawn. */
    EXPECT_EQ_INT(-40000000, balance("fac:scf2:drawn"));
    EXPECT_EQ_INT(-50000000, balance("fac:scf2:available"));
    verify_ok();
    /* The core's money comes in: the advance is collected with its penalty. */
    eod("2025-08-20");
    EXPECT_TRUE(fb_loan_position_get(L, "adv:2025-08-01:1", &p) == FB_OK && p.penalty_fen > 0);
    fund("core", 41000000);
    eod("2025-08-21");
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "adv:2025-08-01:1", &p));
    EXPECT_EQ_INT(FB_LOAN_SETTLED, p.status);
    verify_ok();
    fb_book_close(L);
}

static void bad_moves_are_refused_and_write_nothing(void) {
    open_book();
    party("core", 21, true);
    party("a", 22, false);
    party("b", 23, false);
    party("nofac", 24, true);
    supply_chain_facility("scf3", "core", 10000000, true);
    fb_cert_outcome o;
    EXPECT_EQ_INT(FB_CERT_NO_FACILITY,
                  issue("X0", "nofac", "a", 100, "2025-03-01", "2025-06-01", NULL));
    EXPECT_EQ_INT(FB_CERT_EXCEEDS_AVAILABLE_LIMIT,
                  issue("X1", "core", "a", 10000001, "2025-03-01", "2025-06-01", NULL));
    EXPECT_EQ_INT(FB_CERT_PARTY_NOT_FOUND,
                  issue("X2", "core", "ghost", 100, "2025-03-01", "2025-06-01", &o));
    EXPECT_EQ_STR("holder", o.field);
    EXPECT_EQ_INT(FB_CERT_DONE, issue("X3", "core", "a", 5000000, "2025-03-01", "2025-11-01", &o));
    EXPECT_TRUE(o.long_term); /* eight months: allowed, with a warning */
    EXPECT_EQ_INT(FB_CERT_EXISTS,
                  issue("X3", "core", "a", 5000000, "2025-03-01", "2025-11-01", NULL));
    EXPECT_EQ_INT(FB_CERT_EXISTS_WITH_DIFFERENT,
                  issue("X3", "core", "b", 5000000, "2025-03-01", "2025-11-01", &o));
    EXPECT_EQ_STR("holder", o.field);
    EXPECT_EQ_INT(FB_CERT_EXCEEDS_HELD, move("X3", "Y1", "b", 5000001, "2025-03-02", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_TO_CURRENT_HOLDER, move("X3", "Y1", "a", 100, "2025-03-02", 0, NULL));
    /* The core never holds its own certificate: at maturity it would pay itself. */
    EXPECT_EQ_INT(FB_CERT_TO_CORE, move("X3", "Y1", "core", 100, "2025-03-02", 0, &o));
    EXPECT_EQ_STR("to", o.field);
    EXPECT_EQ_INT(FB_CERT_PARTY_NOT_FOUND, move("X3", "Y1", "ghost", 100, "2025-03-02", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_PART_NOT_FOUND, move("nope", "Y1", "b", 100, "2025-03-02", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_AT_OR_AFTER_MATURITY, move("X3", "Y1", "b", 100, "2025-11-01", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_DONE, move("X3", "Y1", "b", 100, "2025-03-02", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_EXISTS, move("X3", "Y1", "b", 100, "2025-03-02", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_EXISTS_WITH_DIFFERENT, move("X3", "Y1", "b", 200, "2025-03-02", 0, &o));
    EXPECT_EQ_STR("amount", o.field);
    EXPECT_EQ_INT(FB_CERT_DONE, move("Y1", "Z1", NULL, 0, "2025-03-03", 30000, NULL));
    EXPECT_EQ_INT(FB_CERT_HELD_BY_BANK, move("Z1", "Z2", "a", 50, "2025-03-04", 0, NULL));
    EXPECT_EQ_INT(FB_CERT_NOTHING_HELD, move("Y1", "Z3", "a", 50, "2025-03-04", 0, NULL));
    /* What the checks refuse before the book is asked. */
    fb_cert_issue v;
    memset(&v, 0, sizeof v);
    snprintf(v.id, sizeof v.id, "X9");
    snprintf(v.core, sizeof v.core, "core");
    snprintf(v.holder, sizeof v.holder, "a");
    v.face_fen = 100;
    v.issue_date = day("2025-03-01");
    v.maturity = day("2026-03-02");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_EINVAL, fb_cert_issue_check(&v, &field, reason, sizeof reason));
    EXPECT_EQ_STR("maturity", field);
    EXPECT_EQ_STR("is more than one year after the issue date", reason);
    v.maturity = day("2025-02-01");
    EXPECT_EQ_INT(FB_EINVAL, fb_cert_issue_check(&v, &field, reason, sizeof reason));
    EXPECT_EQ_STR("must be after the issue date", reason);
    v.maturity = day("2025-06-01");
    v.face_fen = 0;
    EXPECT_EQ_INT(FB_EINVAL, fb_cert_issue_check(&v, &field, reason, sizeof reason));
    EXPECT_EQ_STR("face", field);
    verify_ok();
    fb_book_close(L);
}

/* Seeded: random issues, transfers and financings; the parts of every root always partition its
 * face, and the ledger agrees (verify). */

static void random_chains_conserve_face_and_ranges(void) {
    rng_state = 4754;
    open_book();
    enum { PARTIES = 8, OPS = 1500 };
    char who[16];
    party("core", 40, true);
    for (int p = 0; p < PARTIES; p++) {
        snprintf(who, sizeof who, "p%d", p);
        party(who, 41 + p, false);
    }
    supply_chain_facility("scf4", "core", 5000000000LL, true);
    int roots = 0, parts = 0, done = 0;
    static char ids[OPS + 64][16];
    int32_t today = day("2025-04-01");
    char on[11];
    for (int k = 0; k < OPS; k++) {
        fb_date_format(today + k / 100, on);
        if (roots == 0 || rnd(10) == 0) {
            snprintf(ids[parts], sizeof ids[parts], "R%d", roots++);
            snprintf(who, sizeof who, "p%d", (int)rnd(PARTIES));
            if (issue(ids[parts], "core", who, 1 + (int64_t)rnd(10000000), on, "2025-12-31",
                      NULL) == FB_CERT_DONE) {
                parts++;
            }
            continue;
        }
        const char *from = ids[rnd((uint64_t)parts)];
        char id[16];
        snprintf(id, sizeof id, "P%d", k);
        fb_certificate c = get(from);
        int64_t held = c.range_end - c.range_start;
        int64_t amount = held > 0 ? 1 + (int64_t)rnd((uint64_t)held) : 1;
        fb_cert_result r;
        if (rnd(5) == 0) {
            r = move(from, id, NULL, amount, on, 20000 + (int64_t)rnd(20000), NULL);
        } else {
            snprintf(who, sizeof who, "p%d", (int)rnd(PARTIES));
            r = move(from, id, who, amount, on, 0, NULL);
        }
        if (r == FB_CERT_DONE) {
            snprintf(ids[parts++], sizeof ids[0], "%s", id);
            done++;
        }
        if (k % 500 == 499) verify_ok();
    }
    EXPECT_TRUE(done > OPS / 2);
    verify_ok();
    fb_book_close(L);
}

int main(void) {
    test_run("a_four_tier_chain_is_paid_at_maturity", a_four_tier_chain_is_paid_at_maturity);
    test_run("a_shortfall_becomes_an_overdue_advance", a_shortfall_becomes_an_overdue_advance);
    test_run("bad_moves_are_refused_and_write_nothing", bad_moves_are_refused_and_write_nothing);
    test_run("random_chains_conserve_face_and_ranges", random_chains_conserve_face_and_ranges);
    return test_summary();
}
