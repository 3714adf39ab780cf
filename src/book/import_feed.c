/* import_feed.c — the nightly feed of the bank's core system (docs/import.md, "The daily
 * feed"): repayments taken there, classification changes, write-offs, and the wealth-finance
 * figures by city and day. Each row is idempotent by the source system's id: the same row again
 * is found, the same id with other content refused.
 *
 * A repayment taken in the core system comes into the borrower's deposit account from the core
 * system's side (fdr:<id>, gl:core_system), then is booked as a repayment with the source id as
 * its id, in the repayment order; every refusal is decided before it is booked (a refusal inside
 * the book's operation would roll the whole run back). A classification
 * change sets the loan's class (never better than its days past due give) and posts its move
 * across the non-performing line on the memo ledger; a class worse than the days past due give
 * is the bank's judgement, a floor end of day keeps until the core system sends another. A
 * write-off makes the loan loss first when it is not, then writes it off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/import_internal.h"
#include "core/assert.h"

/* The checks every feed row of a loan shares: a source id, a loan of the book, the business
 * date; *key the loan's key. */
static int feed_row(fb_import *im, const char *source, const char *loan, int32_t *date, fb_loan *x,
                    int64_t *key, fb_import_outcome *o) {
    memset(x, 0, sizeof *x);
    const char *why = NULL;
    if (!fb_id_valid(source, strnlen(source, FB_SOURCE_ID_MAX + 1), &why)) {
        return fb__import_reject(o, "source_id", "%s", why);
    }
    if (strlen(source) > FB_SOURCE_ID_MAX) {
        return fb__import_reject(o, "source_id", "is longer than %d characters", FB_SOURCE_ID_MAX);
    }
    if (im->cutover) {
        return fb__import_reject(o, NULL,
                                 "is a row of the daily feed: a cut-over brings the book as it "
                                 "stands (run end of day, then import the feed of the day)");
    }
    if (*date == 0) *date = im->as_of;
    if (*date != im->as_of) {
        char d[11];
        return fb__import_reject(o, "date", "must be the business date, %s",
                                 fb_date_format(im->as_of, d));
    }
    int rc = fb_id_valid(loan, strnlen(loan, FB_LOAN_ID_MAX + 1), NULL)
                 ? fb__store_loan_by_id(im->book->store, loan, x, key)
                 : FB_ENOTFOUND;
    if (rc == FB_ENOTFOUND) return fb__import_reject(o, "loan", "no loan %s", loan);
    return rc;
}

/* The same source id again: found when it names the same loan, date and amount (amount 0: a
 * write-off, which has none), refused when it does not. Decided here, never by the book's
 * operation: a refusal there rolls back its part of the unit of work, and with it the run. */
static int booked_before(fb_import *im, const char *source, int64_t key, int32_t date,
                         int64_t amount, bool *again, fb_import_outcome *o) {
    fb__repayment_row before;
    int rc = fb__store_repayment_by_client(im->book->store, source, &before);
    *again = rc == FB_OK;
    if (rc == FB_ENOTFOUND) return FB_OK;
    if (rc) return rc;
    if (before.loan == key && before.date == date && (amount == 0 || before.amount == amount)) {
        return o->result = FB_IMPORT_EXISTS, FB_OK;
    }
    return fb__import_reject(o, "source_id", "was booked with another loan, amount or date");
}

/* The book's operation after the checks above: a refusal now is a mistake of those checks. */
static int booked(fb_import *im, const char *source, fb_repay_result res, fb_import_outcome *o) {
    if (res == FB_REPAY_DONE) return o->result = FB_IMPORT_CREATED, FB_OK;
    return fb__book_refuse(im->book, FB_ECORRUPT, "%s: the book refused it after its checks: %s",
                           source, fb_repay_result_name(res));
}

/* Money from the core system into the borrower's deposit account, for the repayment. */
static int funds(fb_import *im, const char *source, const char *party, int64_t amount) {
    char id[FB_ID_MAX + 1], deposit[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "fdr:%s", source);
    snprintf(deposit, sizeof deposit, "dep:%s", party);
    int rc =
        fb__tq_add(&im->q, id, FB_ACCOUNT_CORE_SYSTEM, deposit, amount, 1, FB__CODE_FEED_FUNDS);
    return rc ? rc : fb__tq_flush(&im->q);
}

static int repay_one(fb_import *im, void *row, fb_import_outcome *o) {
    fb_import_repayment *r = row;
    memset(o, 0, sizeof *o);
    fb_loan x;
    int64_t key = 0;
    int rc = feed_row(im, r->source_id, r->loan, &r->date, &x, &key, o);
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    if (r->amount_fen <= 0 || r->amount_fen > FB_PRINCIPAL_MAX_FEN) {
        return fb__import_reject(o, "amount", "must be more than 0 and at most %lld fen",
                                 (long long)FB_PRINCIPAL_MAX_FEN);
    }
    bool again = false;
    rc = booked_before(im, r->source_id, key, r->date, r->amount_fen, &again, o);
    if (rc || again || o->result == FB_IMPORT_REJECTED) return rc;
    fb__loan_state st;
    rc = fb__store_state_get(im->book->store, key, &st);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    if (st.status != FB_LOAN_ACTIVE) {
        return fb__import_reject(o, "loan", "is %s",
                                 fb_loan_status_name((fb_loan_status)st.status));
    }
    if (fb__owed_due(&st) == 0 && r->prepay == FB_PREPAY_NONE) {
        return fb__import_reject(o, "amount", "nothing is due (a prepayment says so: prepay)");
    }
    fb_repayment p;
    memset(&p, 0, sizeof p);
    snprintf(p.loan, sizeof p.loan, "%s", r->loan);
    snprintf(p.id, sizeof p.id, "%s", r->source_id);
    p.date = r->date;
    p.amount_fen = r->amount_fen;
    p.prepay = r->prepay;
    fb_repay_result res = FB_REPAY_DONE;
    rc = funds(im, r->source_id, x.party, r->amount_fen);
    if (rc == FB_OK) rc = fb_loan_repay(im->book, &p, &res);
    return rc ? rc : booked(im, r->source_id, res, o);
}

int fb_import_repayments(fb_import *im, fb_import_repayment *rows, size_t n,
                         fb_import_outcome *out) {
    return fb__import_each(im, rows, sizeof *rows, n, out, repay_one);
}

/* ---- Classification ---------------------------------------------------------------------- */

int64_t fb__substandard_dpd(void) {
    int64_t d = 1;
    while (fb_loan_class_for_dpd(d) < FB_CLASS_SUBSTANDARD)
        d++;
    FB_ASSERT(d > 1 && fb_loan_class_for_dpd(d - 1) < FB_CLASS_SUBSTANDARD);
    return d;
}

int fb__class_floors_apply(fb_book *book, fb__loan_state *v, size_t n) {
    FB_ASSERT(book != NULL && (v != NULL || n == 0));
    int64_t *loans = NULL;
    uint8_t *classes = NULL;
    size_t m = 0;
    int rc = fb__store_class_floors(book->store, &loans, &classes, &m);
    /* Both ascend by loan key: one pass. */
    for (size_t i = 0, j = 0; rc == FB_OK && i < n && j < m;) {
        if (v[i].loan < loans[j]) {
            i++;
        } else if (v[i].loan > loans[j]) {
            j++;
        } else {
            if (v[i].status == FB_LOAN_ACTIVE && v[i].manual < classes[j]) v[i].manual = classes[j];
            FB_ASSERT(i + 1 == n || v[i + 1].loan > v[i].loan);
            i++;
            j++;
        }
    }
    free(loans);
    free(classes);
    return rc;
}

/* The floor a class sets on the day: the class when it is worse than the days past due give,
 * none when it is not. */
static int floor_set(fb_import *im, int64_t key, const fb__loan_state *st, int loan_class) {
    int64_t dpd = st->oldest_due ? im->as_of - st->oldest_due : 0;
    int floor = loan_class > (int)fb_loan_class_for_dpd(dpd) ? loan_class : FB_CLASS_NORMAL;
    return fb__store_class_floor_set(im->book->store, key, floor, im->as_of);
}

/* A restructuring the core system reports (重组贷款 是 on a loan not restructured) opens the
 * observation period 第二十条 asks, as loans restructure does here (terms.c, reclass): from the
 * first due date on or after the business date (the first repayment under the adjusted terms,
 * as the cut-over takes a blank start), for observation_months and observation_periods, the
 * class given its floor; end of day then runs it. 否 on a restructured loan ends it, as the core
 * system found it. The flag as it stands (是 again, 否 again, blank) changes nothing. */
static int observe(fb_import *im, fb__loan_state *st, const fb__class_change *c) {
    if (c->restructured < 0 || (c->restructured != 0) == (st->restructured != 0)) return FB_OK;
    st->obs_missed = st->resolved = 0;
    if (!c->restructured) {
        st->restructured = st->obs_start = st->obs_end = st->obs_floor = 0;
        return FB_OK;
    }
    FB_ASSERT(c->loan_class >= FB_CLASS_SPECIAL_MENTION); /* class_allowed */
    fb__eod_rules r;
    int rc = fb__eod_rules_load(im->book, &r);
    fb_installment due[24];
    size_t n = 0;
    int64_t from = st->cur_n, to = st->cur_n + 23 > st->n_count ? st->n_count : st->cur_n + 23;
    if (rc == FB_OK && from <= to) {
        rc = fb__store_installments_range(im->book->store, st->loan, (int32_t)from, (int32_t)to,
                                          due, 24, &n);
    }
    int32_t start = 0;
    for (size_t i = 0; rc == FB_OK && !start && i < n; i++)
        if (due[i].due_date >= im->as_of) start = due[i].due_date;
    st->restructured = 1;
    st->obs_floor = c->loan_class;
    if (rc == FB_OK) {
        rc = fb__observation_restart(im->book, &r, st, start ? start : im->as_of,
                                     from <= st->n_count ? from : st->n_count);
    }
    return rc;
}

/* Sets a loan's class, moving it across the non-performing line on the memo ledger (ncc:<id>)
 * and recording the change. */
static int set_class(fb_import *im, const fb_loan *x, fb__loan_state *st, fb__class_change *c) {
    bool was = st->class >= FB_CLASS_SUBSTANDARD, now = c->loan_class >= FB_CLASS_SUBSTANDARD;
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "ncc:%s", c->source_id);
    fb__gl(gl, sizeof gl, "npl", x->line);
    int rc = FB_OK;
    if (was != now && st->principal > 0) {
        rc = fb__tq_add(&im->q, id, now ? gl : "memo:npl_contra", now ? "memo:npl_contra" : gl,
                        st->principal, FB_LEDGER_MEMO, now ? FB__CODE_NPL_IN : FB__CODE_NPL_OUT);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&im->q);
    c->class_before = (int)st->class;
    /* The loan's class history records the core system's change (classing.c). */
    if (rc == FB_OK && c->loan_class != st->class) {
        rc = fb__class_record(im->book, st, c->date ? c->date : im->as_of, c->loan_class,
                              FB_REASON_IMPORTED, "core_system",
                              c->reason[0] ? c->reason : c->source_id);
    }
    st->class = c->loan_class;
    if (rc == FB_OK) rc = observe(im, st, c);
    if (rc == FB_OK) rc = fb__store_state_put(im->book->store, st);
    if (rc == FB_OK) rc = floor_set(im, c->loan_key, st, c->loan_class);
    if (rc == FB_OK && c->restructured >= 0) {
        rc = fb__store_loan_set_restructured(im->book->store, c->loan_key, c->restructured != 0);
    }
    return rc ? rc : fb__store_class_change_insert(im->book->store, c, im->run);
}

/* Whether the class may be set: an active loan, never better than its days past due give (nor,
 * restructured, than special mention). */
static int class_allowed(fb_import *im, const fb_loan *x, const fb__loan_state *st,
                         const fb__class_change *c, fb_import_outcome *o) {
    if (st->status != FB_LOAN_ACTIVE) {
        return fb__import_reject(o, "loan", "is %s",
                                 fb_loan_status_name((fb_loan_status)st->status));
    }
    int64_t dpd = st->oldest_due ? im->as_of - st->oldest_due : 0;
    fb_loan_class least = fb_loan_class_for_dpd(dpd);
    bool restructured = c->restructured >= 0 ? c->restructured != 0 : x->restructured;
    if (restructured && least < FB_CLASS_SPECIAL_MENTION) least = FB_CLASS_SPECIAL_MENTION;
    if (c->loan_class < (int)least) {
        return fb__import_reject(
            o, "class", "%s is better than %s, which its %lld days past due%s give",
            fb_loan_class_name((fb_loan_class)c->loan_class), fb_loan_class_name(least),
            (long long)dpd, restructured ? " and its restructuring" : "");
    }
    return FB_OK;
}

static int class_one(fb_import *im, void *row, fb_import_outcome *o) {
    fb_import_class_change *r = row;
    memset(o, 0, sizeof *o);
    fb_loan x;
    fb__loan_state st;
    fb__class_change c, before;
    memset(&c, 0, sizeof c);
    int rc = feed_row(im, r->source_id, r->loan, &r->date, &x, &c.loan_key, o);
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    if ((unsigned)r->loan_class >= FB_CLASS_COUNT_)
        return fb__import_reject(o, "class", "is unknown");
    snprintf(c.source_id, sizeof c.source_id, "%s", r->source_id);
    snprintf(c.loan, sizeof c.loan, "%s", r->loan);
    snprintf(c.reason, sizeof c.reason, "%s", r->reason);
    c.date = r->date;
    c.loan_class = (int)r->loan_class;
    c.restructured = r->restructured;
    rc = fb__store_class_change_by_source(im->book->store, r->source_id, &before);
    if (rc == FB_OK) {
        bool same = before.loan_key == c.loan_key && before.loan_class == c.loan_class &&
                    before.restructured == c.restructured;
        if (same) return o->result = FB_IMPORT_EXISTS, FB_OK;
        return fb__import_reject(o, "source_id", "was a change of another loan, class or flag");
    }
    if (rc != FB_ENOTFOUND) return rc;
    rc = fb__store_state_get(im->book->store, c.loan_key, &st);
    if (rc == FB_OK) rc = class_allowed(im, &x, &st, &c, o);
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    rc = set_class(im, &x, &st, &c);
    if (rc == FB_OK) o->result = FB_IMPORT_CREATED;
    return rc;
}

int fb_import_class_changes(fb_import *im, fb_import_class_change *rows, size_t n,
                            fb_import_outcome *out) {
    return fb__import_each(im, rows, sizeof *rows, n, out, class_one);
}

/* ---- Write-offs ------------------------------------------------------------------------------ */

static int write_off_one(fb_import *im, void *row, fb_import_outcome *o) {
    fb_import_write_off *r = row;
    memset(o, 0, sizeof *o);
    fb_loan x;
    int64_t key = 0;
    int rc = feed_row(im, r->source_id, r->loan, &r->date, &x, &key, o);
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    bool again = false;
    rc = booked_before(im, r->source_id, key, r->date, 0, &again, o);
    if (rc || again || o->result == FB_IMPORT_REJECTED) return rc;
    fb__loan_state st;
    rc = fb__store_state_get(im->book->store, key, &st);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    if (st.status != FB_LOAN_ACTIVE) {
        return fb__import_reject(o, "loan", "is %s",
                                 fb_loan_status_name((fb_loan_status)st.status));
    }
    /* Written off there: loss here first (recorded as a change of the same source id). */
    if (st.class < FB_CLASS_LOSS) {
        fb__class_change c;
        memset(&c, 0, sizeof c);
        snprintf(c.source_id, sizeof c.source_id, "%s", r->source_id);
        snprintf(c.loan, sizeof c.loan, "%s", r->loan);
        snprintf(c.reason, sizeof c.reason, "核销 (written off in the core system)");
        c.loan_key = key;
        c.date = r->date;
        c.loan_class = FB_CLASS_LOSS;
        c.restructured = -1;
        rc = set_class(im, &x, &st, &c);
    }
    if (rc) return rc;
    fb_repayment p;
    memset(&p, 0, sizeof p);
    snprintf(p.loan, sizeof p.loan, "%s", r->loan);
    snprintf(p.id, sizeof p.id, "%s", r->source_id);
    p.date = r->date;
    fb_repay_result res = FB_REPAY_DONE;
    rc = fb_loan_write_off(im->book, &p, &res);
    return rc ? rc : booked(im, r->source_id, res, o);
}

int fb_import_write_offs(fb_import *im, fb_import_write_off *rows, size_t n,
                         fb_import_outcome *out) {
    return fb__import_each(im, rows, sizeof *rows, n, out, write_off_one);
}

/* ---- Wealth finance ------------------------------------------------------------------------ */

static int wealth_one(fb_import *im, void *row, fb_import_outcome *o) {
    const fb_import_wealth_row *r = row;
    memset(o, 0, sizeof *o);
    const fb_measure m[3] = {FB_MEASURE_WEALTH_PRODUCTS, FB_MEASURE_WEALTH_DEPOSITS,
                             FB_MEASURE_PENSION_ACCOUNTS};
    const int64_t v[3] = {r->products_fen, r->deposits_fen, r->pension_accounts};
    static const char *const fields[3] = {"wealth_products", "wealth_deposits", "pension_accounts"};
    char d[11];
    if (r->source_id[0] && !fb_id_valid(r->source_id, strlen(r->source_id), NULL)) {
        return fb__import_reject(o, "source_id", "is not an id");
    }
    if (r->date <= 0 || r->date > im->as_of) {
        return fb__import_reject(o, "date", "must be a day up to the business date, %s",
                                 fb_date_format(im->as_of, d));
    }
    if (!fb_region_liaoning(r->city) || r->city == 210000) {
        return fb__import_reject(o, "city", "must be one of Liaoning's fourteen cities");
    }
    if (v[0] < 0 && v[1] < 0 && v[2] < 0) {
        return fb__import_reject(o, NULL, "gives none of the three figures");
    }
    int created = 0, rc = FB_OK;
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        int64_t held = 0;
        if (v[i] < 0) continue;
        rc = fb__store_wealth_get(im->book->store, m[i], r->city, r->date, &held);
        if (rc == FB_OK && held != v[i]) {
            char a[FB_MONEY_STR_MAX];
            return fb__import_reject(o, fields[i], "the book holds another figure for %s on %s: %s",
                                     fb_region_name_zh(r->city), fb_date_format(r->date, d),
                                     i == 2 ? (snprintf(a, sizeof a, "%lld", (long long)held), a)
                                            : fb_money_format(held, a));
        }
        if (rc == FB_ENOTFOUND) created++;
        rc = rc == FB_ENOTFOUND ? FB_OK : rc;
    }
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        int64_t held = 0;
        if (v[i] < 0) continue;
        rc = fb__store_wealth_get(im->book->store, m[i], r->city, r->date, &held);
        if (rc == FB_ENOTFOUND) {
            rc = fb__store_wealth_insert(im->book->store, m[i], r->city, r->date, v[i],
                                         r->source_id, im->run);
        }
    }
    o->result = created ? FB_IMPORT_CREATED : FB_IMPORT_EXISTS;
    return rc;
}

int fb_import_wealth(fb_import *im, fb_import_wealth_row *rows, size_t n, fb_import_outcome *out) {
    return fb__import_each(im, rows, sizeof *rows, n, out, wealth_one);
}
