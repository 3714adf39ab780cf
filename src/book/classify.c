/* classify.c — an officer's classification of a loan and the history of its classes. A downgrade
 * may be made at any time with a reason; an upgrade only as far as the rules' floors allow, and
 * out of the non-performing classes only when the arrears were repaid and the loan has paid on
 * time since for the periods and months the settings say, with no other credit-impaired claim of
 * the debtor at the bank (金融资产风险分类办法, 2023). Each is one unit of work: the class, its
 * history entry, the memo ledger's non-performing count and non-accrual together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"
#include "core/classify.h"

static const char *const result_names[] = {"done",
                                           "unchanged",
                                           "loan_not_found",
                                           "loan_closed",
                                           "no_business_date",
                                           "before_business_date",
                                           "after_business_date",
                                           "below_floor",
                                           "upgrade_refused",
                                           "not_restructured"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_CLASSIFY_NOT_RESTRUCTURED + 1,
               "a name for every classification result");

const char *fb_classify_result_name(fb_classify_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_classification_check(const fb_classification *c, const char **field, char *reason,
                            size_t cap) {
    FB_ASSERT(c != NULL && field != NULL && reason != NULL);
    const char *why = NULL;
    if (!fb_id_valid(c->loan, strnlen(c->loan, sizeof c->loan), &why)) FAIL("loan", why);
    if ((unsigned)c->to >= FB_CLASS_COUNT_) FAIL("class", "is not a class");
    if (!c->note[0]) FAIL("reason", "is required: an officer's classification says why");
    size_t at = 0;
    if (fb_text_check(c->note, strlen(c->note), &at) != FB_TEXT_OK) FAIL("reason", "is not text");
    return FB_OK;
}

/* What the debtor's loans say: their principal, of it what the other loans hold non-performing,
 * and whether one of them is. One scan of the states: an officer's act, not a close. */
static int debtor(fb_book *book, const fb__loan_state *x, int64_t *total, int64_t *npl,
                  bool *other_npl) {
    fb__loan_state *v = NULL;
    size_t n = 0;
    int rc = fb__store_states_active(book->store, &v, &n);
    if (rc) return rc;
    *total = *npl = 0;
    int64_t npl_n = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].party != x->party) continue;
        *total += v[i].principal;
        npl_n += v[i].class >= FB_CLASS_SUBSTANDARD;
        /* The loan judged is not what makes its debtor non-performing. */
        if (v[i].loan != x->loan && v[i].class >= FB_CLASS_SUBSTANDARD) *npl += v[i].principal;
    }
    free(v);
    /* The same rule as the close's (core/classify.c): by the classes of its claims. */
    *other_npl = fb__debtor_other_npl(npl_n, x->class >= FB_CLASS_SUBSTANDARD);
    FB_ASSERT(*npl <= *total);
    return FB_OK;
}

typedef struct {
    fb_loan loan;
    int64_t key;
    fb__loan_state x;
    int32_t open;
} subject;

static int find(fb_book *book, fb_classification *c, subject *sj, fb_classify_result *result) {
    fb_store *s = book->store;
    int rc = fb__store_business_date(s, &sj->open);
    if (rc == FB_OK) rc = fb__store_loan_by_id(s, c->loan, &sj->loan, &sj->key);
    if (rc == FB_ENOTFOUND) return *result = FB_CLASSIFY_LOAN_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = fb__store_state_get(s, sj->key, &sj->x);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    if (sj->x.status != FB_LOAN_ACTIVE) return *result = FB_CLASSIFY_LOAN_CLOSED, FB_OK;
    if (sj->open == 0) return *result = FB_CLASSIFY_NO_BUSINESS_DATE, FB_OK;
    if (c->date == 0) c->date = sj->open;
    if (c->date != sj->open) c->against = sj->open;
    if (c->date < sj->open) return *result = FB_CLASSIFY_BEFORE_BUSINESS_DATE, FB_OK;
    if (c->date > sj->open) return *result = FB_CLASSIFY_AFTER_BUSINESS_DATE, FB_OK;
    return FB_OK;
}

/* Whether an upgrade to c->to may be made; if not, the result and the condition in c->message. */
/* What the loan's floors rest on today, as end of day would see them (classing.c), and whether
 * its debtor has another non-performing claim. */
static int class_inputs(fb_book *book, const fb__eod_rules *r, const subject *sj, fb__class_in *in,
                        bool *other) {
    const fb__loan_state *x = &sj->x;
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && in != NULL && other != NULL);
    int64_t total = 0, npl = 0;
    int rc = debtor(book, x, &total, &npl, other);
    if (rc) return rc;
    memset(in, 0, sizeof *in);
    in->dpd = x->oldest_due ? sj->open - x->oldest_due : 0;
    if (in->dpd < 0) in->dpd = 0;
    in->grace = r->technical_days;
    in->current = (int)x->class;
    in->observing = x->restructured != 0;
    in->observation_floor = (int)x->obs_floor;
    in->missed = x->obs_missed != 0;
    bool retail = x->retail || (r->retail_small_micro && (x->cell / 2) % 4 >= FB_SIZE_SMALL);
    int64_t *full = NULL;
    size_t n_full = 0;
    rc = r->guarantee_exempt ? fb__store_guaranteed_in_full(book->store, &full, &n_full) : FB_OK;
    if (rc) return rc;
    bool enhanced = fb__enhanced(r, full, n_full, x->loan);
    free(full);
    in->debtor_npl = !retail && !enhanced && (fb_i128)npl * 10 > total;
    int64_t debt = 0, over = 0;
    rc = retail ? FB_ENOTFOUND : fb__store_credit_of(book->store, x->party, sj->open, &debt, &over);
    if (rc != FB_OK && rc != FB_ENOTFOUND) return rc;
    if (rc == FB_OK) in->cross_bank = fb__credit_level(debt, over, r->cross_bank_share_e6);
    FB_ASSERT(in->cross_bank >= 0 && in->cross_bank <= 2);
    return FB_OK;
}

static int upgrade_allowed(fb_book *book, const fb__eod_rules *r, subject *sj, fb_classification *c,
                           fb_classify_result *result) {
    const fb__loan_state *x = &sj->x;
    bool other = false;
    fb__class_in in;
    int rc = class_inputs(book, r, sj, &in, &other);
    if (rc) return rc;
    fb_class_reason why = FB_REASON_DAYS_PAST_DUE;
    int floor = fb__class_floor(&in, &why);
    char d[11];
    if ((int)c->to < floor) {
        const char *least = fb_loan_class_name((fb_loan_class)floor);
        if (why == FB_REASON_DAYS_PAST_DUE) {
            snprintf(c->message, sizeof c->message, "its %lld days past due hold it at %s at least",
                     (long long)in.dpd, least);
        } else if (why == FB_REASON_CROSS_BANK) {
            snprintf(c->message, sizeof c->message,
                     "its debtor's credit report shows debts more than 90 days overdue at the "
                     "banks: %s at least",
                     least);
        } else if (why == FB_REASON_DEBTOR) {
            snprintf(c->message, sizeof c->message,
                     "more than 10%% of its debtor's claims at the bank are non-performing: %s at "
                     "least",
                     least);
        } else {
            snprintf(c->message, sizeof c->message, "restructured, observed until %s: %s at least",
                     fb_date_format((int32_t)x->obs_end, d), least);
        }
        return *result = FB_CLASSIFY_BELOW_FLOOR, FB_OK;
    }
    if (x->restructured) {
        snprintf(c->message, sizeof c->message,
                 "a restructured loan does not rise during its observation period (to %s)",
                 fb_date_format((int32_t)x->obs_end, d));
        return *result = FB_CLASSIFY_UPGRADE_REFUSED, FB_OK;
    }
    if (x->class < FB_CLASS_SUBSTANDARD || c->to >= FB_CLASS_SUBSTANDARD) return FB_OK;
    bool ready = fb__upgrade_ready((int32_t)x->cured, x->ontime, sj->open, r->upgrade_periods,
                                   r->upgrade_months);
    if (ready && !other) return FB_OK;
    if (other) {
        snprintf(c->message, sizeof c->message,
                 "the debtor has another non-performing claim at the bank: a non-performing loan "
                 "rises only when its debtor has none");
    } else if (!x->cured) {
        char owed[FB_MONEY_STR_MAX];
        fb_money_format(fb__owed_due(x), owed);
        snprintf(c->message, sizeof c->message,
                 "a non-performing loan rises only when its overdue principal, interest and "
                 "penalty are all repaid, and it has paid on time since: %s yuan overdue (repaid "
                 "today, the count starts at the close)",
                 owed);
    } else {
        snprintf(c->message, sizeof c->message,
                 "a non-performing loan rises only after %lld installments and %lld months paid on "
                 "time since its arrears were repaid (%s): %lld installments so far",
                 (long long)r->upgrade_periods, (long long)r->upgrade_months,
                 fb_date_format((int32_t)x->cured, d), (long long)x->ontime);
    }
    return *result = FB_CLASSIFY_UPGRADE_REFUSED, FB_OK;
}

/* The change, written: the officer's floor, the class, its history, the memo ledger, accrual. */
static int apply(fb_book *book, const fb__eod_rules *r, subject *sj, fb_classification *c) {
    fb__loan_state *x = &sj->x;
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && c->to != x->class);
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    bool up = (int)c->to < x->class;
    fb_class_reason why = up && x->class >= FB_CLASS_SUBSTANDARD && c->to < FB_CLASS_SUBSTANDARD
                              ? FB_REASON_UPGRADE
                              : FB_REASON_OFFICER;
    x->manual = c->to; /* the officer's judgment holds until an officer changes it */
    rc = fb__npl_cross(&q, x, &sj->loan, (int)c->to, c->date);
    if (rc == FB_OK) rc = fb__class_record(book, x, c->date, (int)c->to, why, c->actor, c->note);
    x->class = c->to;
    int64_t dpd = x->oldest_due ? c->date - x->oldest_due : 0;
    bool should = x->class >= FB_CLASS_SUBSTANDARD || dpd > r->nonaccrual_days;
    /* The day's accrual is the close's: the switch counts from the day now open. */
    if (rc == FB_OK && should && !x->nonaccrual) {
        rc = fb__nonaccrual_enter(&q, x, &sj->loan, c->date - 1);
    }
    if (rc == FB_OK && !should && x->nonaccrual) fb__nonaccrual_leave(x, c->date - 1);
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc;
}

int fb_loan_classify(fb_book *book, fb_classification *c, fb_classify_result *result) {
    FB_ASSERT(book != NULL && c != NULL && result != NULL);
    FB_ASSERT((unsigned)c->to < FB_CLASS_COUNT_);
    *result = FB_CLASSIFY_DONE;
    c->message[0] = 0;
    if (!c->actor[0]) snprintf(c->actor, sizeof c->actor, "unknown");
    subject sj;
    fb__eod_rules r;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb__book_gl_accounts(book);
    if (rc == FB_OK) rc = fb__eod_rules_load(book, &r);
    if (rc == FB_OK) rc = find(book, c, &sj, result);
    fb__loan_state *x = &sj.x;
    if (rc == FB_OK && *result == FB_CLASSIFY_DONE) {
        c->from = c->now = (fb_loan_class)x->class;
        if (c->resolved && !x->restructured) {
            snprintf(c->message, sizeof c->message, "the loan is not a restructured one");
            *result = FB_CLASSIFY_NOT_RESTRUCTURED;
        } else if ((int)c->to < x->class) {
            rc = upgrade_allowed(book, &r, &sj, c, result);
        } else if ((int)c->to == x->class && !c->resolved) {
            *result = FB_CLASSIFY_UNCHANGED;
        }
    }
    bool write = rc == FB_OK && *result == FB_CLASSIFY_DONE;
    if (write && c->resolved) x->resolved = 1;
    if (write && (int)c->to != x->class) rc = apply(book, &r, &sj, c);
    if (write && rc == FB_OK) rc = fb__store_state_put(book->store, x);
    if (rc == FB_OK && write) {
        c->now = (fb_loan_class)x->class;
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    return rc;
}

int fb_loan_class_history(fb_book *book, const char *id, fb_class_entry **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_loan loan;
    int64_t key = 0;
    int rc = fb__store_loan_by_id(book->store, id, &loan, &key);
    if (rc) return rc;
    fb_class_entry *v = calloc(FB_CLASS_HISTORY_MAX, sizeof *v);
    if (!v) return FB_ENOMEM;
    rc = fb__store_class_history(book->store, key, v, FB_CLASS_HISTORY_MAX, n);
    if (rc) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return FB_OK;
}
