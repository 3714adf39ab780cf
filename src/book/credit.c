/* credit.c — a debtor's credit report (征信报告): its debts at all banks and, of them, those more
 * than 90 days overdue, on the report's date, as an officer enters them. End of day reads the
 * latest report of each non-retail debtor for the cross-bank floors of the 2023 rule
 * (金融资产风险分类办法: 关注, a debt at another bank non-performing; 次级, more than 20% of its
 * debts at all banks more than 90 days overdue: classing.c). A report is kept as entered and
 * never changed; the same party and date again is found, not recorded twice. */
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"
#include "core/classify.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "party_not_found",
                                           "no_business_date",
                                           "after_business_date"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_CREDIT_AFTER_BUSINESS_DATE + 1,
               "a name for every credit report result");

const char *fb_credit_result_name(fb_credit_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_credit_report_check(const fb_credit_report *c, const char **field, char *reason,
                           size_t cap) {
    FB_ASSERT(c != NULL && field != NULL && reason != NULL);
    const char *why = NULL;
    if (!fb_id_valid(c->party, strnlen(c->party, sizeof c->party), &why)) FAIL("party", why);
    if (c->debt_fen < 0) FAIL("debt", "must be 0 or more");
    if (c->overdue90_fen < 0) FAIL("overdue90", "must be 0 or more");
    if (c->overdue90_fen > c->debt_fen) {
        FAIL("overdue90", "must be at most the debts at all banks (debt): it is part of them");
    }
    if (!c->reference[0]) FAIL("reference", "is required: the credit report's number");
    size_t at = 0;
    if (fb_text_check(c->reference, strlen(c->reference), &at) != FB_TEXT_OK) {
        FAIL("reference", "is not text");
    }
    return FB_OK;
}

int fb__credit_level(int64_t debt, int64_t overdue90, int64_t share_e6) {
    FB_ASSERT(debt >= 0 && overdue90 >= 0 && overdue90 <= debt);
    FB_ASSERT(share_e6 >= 0 && share_e6 <= 1000000);
    if (overdue90 == 0) return 0;
    return (fb_i128)overdue90 * 1000000 > (fb_i128)debt * share_e6 ? 2 : 1;
}

static void find(fb_book *book, fb_credit_report *c, fb_credit_result *result, int *rc) {
    int32_t open = 0;
    fb_party p;
    *rc = fb__store_business_date(book->store, &open);
    if (*rc) return;
    if (open == 0) {
        *result = FB_CREDIT_NO_BUSINESS_DATE;
        return;
    }
    if (c->date == 0) c->date = open;
    if (c->date > open) {
        c->against = open;
        *result = FB_CREDIT_AFTER_BUSINESS_DATE;
        return;
    }
    *rc = fb__store_party_by_id(book->store, c->party, &p);
    if (*rc == FB_ENOTFOUND) *rc = FB_OK, *result = FB_CREDIT_PARTY_NOT_FOUND;
}

int fb_credit_report_record(fb_book *book, fb_credit_report *c, fb_credit_result *result) {
    FB_ASSERT(book != NULL && c != NULL && result != NULL);
    FB_ASSERT(c->overdue90_fen >= 0 && c->overdue90_fen <= c->debt_fen);
    *result = FB_CREDIT_DONE;
    c->message[0] = 0;
    if (!c->actor[0]) snprintf(c->actor, sizeof c->actor, "unknown");
    c->share_e6 = c->debt_fen > 0 ? fb__ratio_e6(c->overdue90_fen, c->debt_fen) : -1;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) find(book, c, result, &rc);
    if (rc == FB_OK && *result == FB_CREDIT_DONE) {
        int64_t debt = 0, over = 0;
        rc = fb__store_credit_get(book->store, c->party, c->date, &debt, &over);
        if (rc == FB_OK) {
            bool same = debt == c->debt_fen && over == c->overdue90_fen;
            *result = same ? FB_CREDIT_EXISTS : FB_CREDIT_EXISTS_WITH_DIFFERENT;
            if (!same) {
                char d[FB_MONEY_STR_MAX], o[FB_MONEY_STR_MAX];
                snprintf(c->message, sizeof c->message,
                         "the report of that date is kept as entered: debt %s, overdue90 %s",
                         fb_money_format(debt, d), fb_money_format(over, o));
            }
        } else if (rc == FB_ENOTFOUND) {
            rc = fb__store_credit_add(book->store, c, fb_now_ns());
        }
    }
    if (rc == FB_OK && *result == FB_CREDIT_DONE) {
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    return rc;
}
