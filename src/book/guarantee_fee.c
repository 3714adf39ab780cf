/* guarantee_fee.c — the guarantee company's fee (担保费) on a government financing guarantee
 * (docs/schemes.md). As a guarantee scheme charges it, the fee is the borrower's to the company,
 * a year at a time ahead, at the guarantee's rate (the setting guarantee_fee, 1% a year, is the
 * default and the policy's target for the average, 国办发〔2019〕6号: a higher rate is kept, not
 * refused) on the part guaranteed of the principal outstanding when the year begins. The bank
 * holds both deposit accounts and moves it: dep:<borrower> to dep:<company>. A guarantee's fee
 * otherwise accrues day by day (guarantee_accrual.c): a year is charged ahead only while none of
 * its days has accrued (accruing), and a year charged never accrues. */
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

enum { CODE_FEE = 914 };

static int64_t part(int64_t amount, int64_t e6) {
    return (int64_t)fb__div_round_half_up((fb_i128)amount * e6, 1000000);
}

/* The year of the guarantee (1 from its creation) that the day falls in. */
static int32_t year_of(int32_t created, int32_t day) {
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(created, &y, &m, &d);
    int32_t k = 1;
    while (k < 1000 && fb_date_add_months(created, 12 * k, d) <= day)
        k++;
    return k;
}

/* The first day of the guarantee's year k. */
static int32_t year_start(int32_t created, int32_t k) {
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(created, &y, &m, &d);
    return fb_date_add_months(created, 12 * (k - 1), d);
}

static int charge_in(fb_book *book, const char *id, int64_t *fee, int32_t *year, int64_t *available,
                     fb_guarantee_result *result) {
    fb_guarantee_view v;
    fb_loan_position p;
    fb_loan loan;
    int32_t open = 0;
    int rc = fb_guarantee_view_get(book, id, &v);
    if (rc == FB_ENOTFOUND) return *result = FB_GUARANTEE_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = fb_loan_position_get(book, v.g.loan, &p);
    if (rc == FB_OK) rc = fb_loan_get(book, v.g.loan, &loan);
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    *year = year_of(v.g.created, open);
    if (v.fee_years >= *year) {
        *fee = v.fee_last_fen;
        return *result = FB_GUARANTEE_EXISTS, FB_OK;
    }
    if (v.claimed) return *result = FB_GUARANTEE_CLAIMED, FB_OK;
    /* A year whose days began accruing (guarantee_accrual.c) is not charged ahead as well. */
    if (v.fee_day >= year_start(v.g.created, *year)) return *result = FB_GUARANTEE_ACCRUING, FB_OK;
    if (p.status != FB_LOAN_ACTIVE || p.principal_fen <= 0) {
        return *result = FB_GUARANTEE_LOAN_NOT_ACTIVE, FB_OK;
    }
    *fee = part(part(p.principal_fen, v.g.covered_e6), v.g.fee_e6);
    char from[FB_ID_MAX + 1], to[FB_ID_MAX + 1], tid[FB_ID_MAX + 16];
    snprintf(from, sizeof from, "dep:%s", loan.party);
    snprintf(to, sizeof to, "dep:%s", v.g.company);
    fb_account a;
    rc = fb_ledger_get_account(book->ledger, from, &a);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    *available = a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen;
    if (*available < *fee) return *result = FB_GUARANTEE_INSUFFICIENT_FUNDS, FB_OK;
    v.fee_years = *year;
    v.fees_fen += *fee;
    v.fee_last_fen = *fee;
    rc = fb__store_guarantee_fee(book->store, v.g.id, &v);
    if (rc || *fee == 0) return rc;
    fb__tq q;
    if ((rc = fb__tq_init(&q, book)) != FB_OK) return rc;
    q.value_date = open;
    snprintf(tid, sizeof tid, "gf:%.48s:%d", v.g.id, (int)*year);
    rc = fb__tq_add(&q, tid, from, to, *fee, 1, CODE_FEE);
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc;
}

int fb_guarantee_charge_fee(fb_book *book, const char *id, int64_t *fee_fen, int32_t *year,
                            int64_t *available, fb_guarantee_result *result) {
    FB_ASSERT(book != NULL && id != NULL && fee_fen != NULL && result != NULL);
    FB_ASSERT(year != NULL && available != NULL);
    *result = FB_GUARANTEE_DONE;
    *fee_fen = *available = 0;
    *year = 0;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = charge_in(book, id, fee_fen, year, available, result);
    if (rc || *result != FB_GUARANTEE_DONE) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}
