/* guarantee_accrual.c — the guarantee company's fee (担保费) accrued day by day and collected on
 * a schedule (docs/schemes.md "The fee").
 *
 * At each close, every guarantee not claimed on, of a loan still active with principal, accrues
 * a day's fee: the part guaranteed of the principal the day closes with (covered x principal,
 * half up) x its rate / guarantee_fee_year_days (360: 年费率/360, the convention of Chinese
 * lending and guarantee contracts; 365 a setting), in fen with the remainder carried
 * (core/fee_accrual.c), so that the days' fees sum to the period's fee half up to the fen. The
 * days of a year charged ahead (guarantee_fee.c) never accrue. The day's fees of all guarantees
 * post as one transfer gfa:<day> (code 915) gl:guarantee_fee_receivable ->
 * gl:guarantee_fee_payable: what the borrowers owe the companies, the bank's memorandum of the
 * money it will move.
 *
 * At the close of a month whose number guarantee_fee_collect_months divides (3: each quarter's
 * end), what a guarantee accrued and is unpaid is collected from the borrower's deposit to the
 * company's (gfk:<id>:<day>, code 916), as much as the deposit holds, and the memorandum cleared by
 * as much (gfc:<id>:<day>, code 917). What the deposit could not pay stays owed: the guarantee
 * keeps the first collection day it was left unpaid, its days since are its age, and the next
 * collection days take it first; it is never waived by the book (it is the company's claim on
 * the borrower; the bank bears nothing of it), and a guarantee that ended is still collected
 * until it is paid. */
#include <stdio.h>
#include <stdlib.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"
#include "core/fee_accrual.h"

enum { CODE_ACCRUE = 915, CODE_COLLECT = 916, CODE_CLEAR = 917 };

static int64_t part(int64_t amount, int64_t e6) {
    return (int64_t)fb__div_round_half_up((fb_i128)amount * e6, 1000000);
}

/* The first day after the years charged ahead (the creation day when none was). */
static int32_t accrues_from(const fb__guarantee_fee_day *d) {
    if (d->fee_years <= 0) return d->created;
    int y = 0, m = 0, dd = 0;
    fb_date_to_ymd(d->created, &y, &m, &dd);
    return fb_date_add_months(d->created, 12 * d->fee_years, dd);
}

static bool accrues(const fb__guarantee_fee_day *d, int32_t day) {
    return d->claimed == 0 && d->status == FB_LOAN_ACTIVE && d->principal_fen > 0 &&
           d->created <= day && day >= accrues_from(d);
}

static int accounts(fb_book *book) {
    fb_account a[2] = {fb__book_account("gl:guarantee_fee_receivable", 1, 1221,
                                        FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS),
                       fb__book_account("gl:guarantee_fee_payable", 1, 2241,
                                        FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS)};
    fb_result r[2];
    int rc = fb_ledger_create_accounts(book->ledger, a, 2, r, NULL);
    for (size_t i = 0; rc == FB_OK && i < 2; i++) {
        if (r[i] != FB_RESULT_CREATED && r[i] != FB_RESULT_EXISTS) {
            rc =
                fb__book_refuse(book, FB_ECORRUPT, "account %s: %s", a[i].id, fb_result_name(r[i]));
        }
    }
    return rc;
}

/* Collects what d accrued and is unpaid, as much as the borrower's deposit holds. */
static int collect(fb_book *book, fb__tq *q, fb__guarantee_fee_day *d, int32_t day) {
    char from[FB_ID_MAX + 1], to[FB_ID_MAX + 1], tid[FB_ID_MAX + 16];
    snprintf(from, sizeof from, "dep:%s", d->borrower);
    snprintf(to, sizeof to, "dep:%s", d->company);
    fb_account a;
    int rc = fb_ledger_get_account(book->ledger, from, &a);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    int64_t held = a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen;
    int64_t due = d->accrued_fen - d->collected_fen;
    int64_t take = held < due ? (held > 0 ? held : 0) : due;
    FB_ASSERT(take >= 0 && take <= due);
    if (take > 0) {
        snprintf(tid, sizeof tid, "gfk:%.48s:%ld", d->id, (long)day);
        rc = fb__tq_add(q, tid, from, to, take, 1, CODE_COLLECT);
        snprintf(tid, sizeof tid, "gfc:%.48s:%ld", d->id, (long)day);
        if (rc == FB_OK) {
            rc = fb__tq_add(q, tid, "gl:guarantee_fee_payable", "gl:guarantee_fee_receivable", take,
                            1, CODE_CLEAR);
        }
        if (rc == FB_OK) rc = fb__tq_flush(q); /* the borrower's next guarantee reads it */
    }
    d->collected_fen += take;
    if (d->collected_fen == d->accrued_fen) d->unpaid_since = 0;
    if (d->collected_fen < d->accrued_fen && d->unpaid_since == 0) d->unpaid_since = day;
    return rc;
}

static bool collection_day(int32_t day, int64_t months) {
    int y = 0, m = 0, dd = 0;
    fb_date_to_ymd(day, &y, &m, &dd);
    return fb__month_end(day) && months > 0 && m % months == 0;
}

/* The day's fee of each guarantee accruing (*on[i]), their sum in *total. */
static void accrue_all(fb__guarantee_fee_day *v, size_t n, int32_t day, int64_t year, bool *on,
                       int64_t *total) {
    for (size_t i = 0; i < n; i++) {
        fb__guarantee_fee_day *d = &v[i];
        on[i] = accrues(d, day);
        if (!on[i]) continue;
        if (d->day == 0) d->carry = fb__fee_carry_start(year);
        int64_t fen =
            fb__fee_day(part(d->principal_fen, d->covered_e6), d->fee_e6, year, &d->carry);
        d->accrued_fen += fen;
        d->day = day;
        *total += fen;
    }
}

int fb__guarantee_fee_close(fb_book *book, fb__tq *q, int32_t day) {
    FB_ASSERT(book != NULL && q != NULL);
    FB_ASSERT(day > 0);
    int64_t year = 360, months = 3, total = 0;
    fb__guarantee_fee_day *v = NULL;
    size_t n = 0;
    bool *on = NULL;
    int rc = fb_setting_get(book, "guarantee_fee_year_days", &year);
    if (rc == FB_OK) rc = fb_setting_get(book, "guarantee_fee_collect_months", &months);
    if (rc == FB_OK) rc = fb__store_guarantee_fee_days(book->store, day, &v, &n);
    if (rc == FB_OK && n > 0) rc = accounts(book);
    if (rc == FB_OK && n > 0 && !(on = calloc(n, sizeof *on))) rc = FB_ENOMEM;
    if (rc == FB_OK) accrue_all(v, n, day, year, on, &total);
    /* The day's accrual first: a collection clears the memorandum it credited. */
    if (rc == FB_OK && total > 0) {
        char tid[FB_ID_MAX + 1];
        snprintf(tid, sizeof tid, "gfa:%ld", (long)day);
        rc = fb__tq_add(q, tid, "gl:guarantee_fee_receivable", "gl:guarantee_fee_payable", total, 1,
                        CODE_ACCRUE);
        if (rc == FB_OK) rc = fb__tq_flush(q);
    }
    bool collecting = collection_day(day, months);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        bool due = collecting && v[i].accrued_fen > v[i].collected_fen;
        if (due) rc = collect(book, q, &v[i], day);
        if (rc == FB_OK && (on[i] || due)) rc = fb__store_guarantee_fee_put(book->store, &v[i]);
    }
    free(on);
    free(v);
    return rc;
}
