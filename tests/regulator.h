/* regulator.h — what the tests of the regulator's book share (test_regulator.c,
 * test_regulator_rules.c): a retail debtor, a change of terms, an officer's classification and
 * the last entry of a loan's history of classes, each through the library on the book L. Include
 * it after book.h. */
#ifndef FB_TESTS_REGULATOR_H
#define FB_TESTS_REGULATOR_H

#include "book.h"

/* An individual business (个体工商户) of Dalian: a retail debtor. */
__attribute__((unused)) static void shop(const char *id, int serial) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_INDIVIDUAL_BUSINESS;
    snprintf(p.name, sizeof p.name, "%s 商店", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "92210200MA0C%05d", serial);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = 210211;
    p.industry = 5274;
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

__attribute__((unused)) static fb_change_result change(const char *id, fb_change_kind kind,
                                                       int months, fb_difficulty difficulty,
                                                       bool capitalise, fb_loan_change *out) {
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "%s", id);
    c.kind = kind;
    c.months = months;
    c.method = -1;
    c.difficulty = difficulty;
    c.capitalise = capitalise;
    snprintf(c.note, sizeof c.note, "test");
    snprintf(c.actor, sizeof c.actor, "officer-1");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_loan_change_check(&c, &field, reason, sizeof reason));
    fb_change_result r = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &r));
    if (out) *out = c;
    return r;
}

__attribute__((unused)) static fb_classify_result classify(const char *id, fb_loan_class to,
                                                           bool resolved, fb_classification *out) {
    fb_classification c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "%s", id);
    c.to = to;
    c.resolved = resolved;
    snprintf(c.note, sizeof c.note, "credit committee finding");
    snprintf(c.actor, sizeof c.actor, "officer-1");
    fb_classify_result r = FB_CLASSIFY_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_classify(L, &c, &r));
    if (out) *out = c;
    return r;
}

__attribute__((unused)) static fb_class_entry last_entry(const char *id, size_t *count) {
    fb_class_entry *v = NULL, e;
    size_t n = 0;
    memset(&e, 0, sizeof e);
    EXPECT_EQ_INT(FB_OK, fb_loan_class_history(L, id, &v, &n));
    if (n) e = v[n - 1];
    if (count) *count = n;
    free(v);
    return e;
}

#endif
