/* cooperation.c — what the province and the bank look at together: the major projects and how
 * much of each is financed, and agreements whose progress is measured from the books on any
 * closed day, never typed in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

#define FAIL(f, r) return *field = (f), snprintf(reason, cap, "%s", (r)), FB_EINVAL

/* One of Liaoning's fourteen cities. */
static bool liaoning_city(int32_t code) {
    size_t n = 0;
    const int32_t *cities = fb_region_cities(&n);
    for (size_t i = 0; i < n; i++) {
        if (cities[i] == code) return true;
    }
    return false;
}

int fb_project_check(const fb_project *p, const char **field, char *reason, size_t cap) {
    const char *why = NULL;
    if (!fb_id_valid(p->id, strnlen(p->id, sizeof p->id), &why)) FAIL("id", why);
    if (!p->name[0]) FAIL("name", "is empty");
    if (!liaoning_city(p->city)) FAIL("city", "is not one of Liaoning's fourteen cities");
    char code[8];
    snprintf(code, sizeof code, "%04d", p->industry);
    fb_industry_info info;
    if (p->industry < 100 || p->industry > 9999 || fb_industry_check(code, &info, &why)) {
        FAIL("industry", why ? why : "is not a GB/T 4754-2017 class");
    }
    if (p->total_investment_fen < 0) FAIL("total_investment", "must not be negative");
    if (p->financing_need_fen < 0) FAIL("financing_need", "must not be negative");
    if ((unsigned)p->status >= FB_PROJECT_STATUS_COUNT_) FAIL("status", "is unknown");
    if (p->start_date == 0) FAIL("start_date", "is missing");
    return FB_OK;
}

static bool same_project(const fb_project *a, const fb_project *b) {
    return strcmp(a->name, b->name) == 0 && a->city == b->city && a->industry == b->industry &&
           a->total_investment_fen == b->total_investment_fen &&
           a->financing_need_fen == b->financing_need_fen && a->status == b->status &&
           a->start_date == b->start_date;
}

int fb_projects_create(fb_book *book, const fb_project *v, size_t n, fb_project_result *out) {
    FB_ASSERT(book != NULL && (v != NULL || n == 0) && (out != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    fb_store *s = book->store;
    int rc = n ? fb_book_begin(book) : FB_OK;
    int64_t now = fb_now_ns();
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb_project existing;
        rc = fb__store_project_by_id(s, v[i].id, &existing);
        if (rc == FB_OK) {
            out[i] = same_project(&v[i], &existing) ? FB_PROJECT_EXISTS
                                                    : FB_PROJECT_EXISTS_WITH_DIFFERENT;
            continue;
        }
        if (rc != FB_ENOTFOUND) break;
        rc = fb__store_project_insert(s, &v[i], now);
        out[i] = FB_PROJECT_CREATED;
    }
    if (n == 0) return FB_OK;
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_project_get(fb_book *book, const char *id, fb_project *out) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_project_by_id(book->store, id, out);
}

int fb_list(fb_book *book, fb_list_kind kind, const char *filter, fb_list_id *ids, size_t cap,
            size_t *n) {
    *n = 0;
    if ((unsigned)kind >= FB_LIST_COUNT_) return fb__book_refuse(book, FB_EINVAL, "unknown list");
    return fb__store_list(book->store, kind, filter ? filter : "", ids, cap, n);
}

/* ---- Agreements ------------------------------------------------------------------------------ */

static bool dimension_ok(const char *d) {
    if (!d[0]) return true;
    fb_line line;
    if (strncmp(d, "line:", 5) == 0) return fb_line_parse(d + 5, &line) == FB_OK;
    if (strncmp(d, "chain:", 6) == 0) return fb_key_chain_zh(d + 6) != NULL;
    if (strncmp(d, "city:", 5) == 0) {
        /* Six digits: a longer number would be cut by the cast (2^32 + 210200 is not Dalian). */
        const char *code = d + 5;
        return strlen(code) == 6 && strspn(code, "0123456789") == 6 &&
               liaoning_city((int32_t)strtol(code, NULL, 10));
    }
    return false;
}

int fb_agreement_check(const fb_agreement *a, const char **field, char *reason, size_t cap) {
    const char *why = NULL;
    if (!fb_id_valid(a->id, strnlen(a->id, sizeof a->id), &why)) FAIL("id", why);
    if (!a->bank[0]) FAIL("bank", "is empty");
    if (a->region != 210000 && !liaoning_city(a->region)) {
        FAIL("region", "must be Liaoning (210000) or one of its cities");
    }
    if (a->start_date == 0) FAIL("start_date", "is missing");
    if (a->end_date < a->start_date)
        FAIL("end_date", "is before the start date: the period is empty");
    if (a->n_targets == 0) FAIL("targets", "are missing");
    for (size_t i = 0; i < a->n_targets; i++) {
        const fb_target *t = &a->targets[i];
        if (t->amount < 0) FAIL("targets", "an amount must not be negative");
        if ((unsigned)t->measure >= FB_MEASURE_COUNT_) FAIL("targets", "a measure is unknown");
        if (t->dimension[0] && t->measure != FB_MEASURE_NEW_CREDIT) {
            FAIL("targets", "only new_credit is broken down by line, chain or city");
        }
        if (!dimension_ok(t->dimension)) {
            FAIL("targets", "a breakdown must be line:<line>, chain:<key chain> or city:<code>");
        }
        for (size_t k = 0; k < i; k++) {
            if (a->targets[k].measure == t->measure &&
                strcmp(a->targets[k].dimension, t->dimension) == 0) {
                FAIL("targets", "a measure is given twice");
            }
        }
    }
    return FB_OK;
}

static bool same_agreement(const fb_agreement *a, const fb_agreement *b) {
    if (strcmp(a->bank, b->bank) != 0 || a->region != b->region || a->start_date != b->start_date ||
        a->end_date != b->end_date || a->n_targets != b->n_targets) {
        return false;
    }
    for (size_t i = 0; i < a->n_targets; i++) {
        bool found = false;
        for (size_t k = 0; !found && k < b->n_targets; k++) {
            found = a->targets[i].measure == b->targets[k].measure &&
                    strcmp(a->targets[i].dimension, b->targets[k].dimension) == 0 &&
                    a->targets[i].amount == b->targets[k].amount;
        }
        if (!found) return false;
    }
    return true;
}

int fb_agreement_create(fb_book *book, const fb_agreement *a, bool *exists) {
    fb_store *s = book->store;
    *exists = false;
    fb_agreement *old = malloc(sizeof *old);
    if (!old) return FB_ENOMEM;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb__store_agreement_by_id(s, a->id, old);
    if (rc == FB_OK) {
        *exists = true;
        rc = same_agreement(a, old)
                 ? FB_OK
                 : fb__book_refuse(book, FB_EINVAL, "agreement %s exists with other terms", a->id);
    } else if (rc == FB_ENOTFOUND) {
        rc = fb__store_agreement_insert(s, a, fb_now_ns());
    }
    free(old);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_agreement_get(fb_book *book, const char *id, fb_agreement *out) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_agreement_by_id(book->store, id, out);
}

/* achieved / target in hundredths of a percent; the product in 128 bits, the quotient held
 * to what int64_t holds. */
static int64_t percent_e2(int64_t achieved, int64_t target) {
    if (target == 0) return 0;
    fb_i128 q = (fb_i128)achieved * 10000 / target;
    return q > INT64_MAX ? INT64_MAX : q < INT64_MIN ? INT64_MIN : (int64_t)q;
}

/* Measures each of a's targets through as_of into out[0..a->n_targets); *n counts those done. */
static int measure_targets(fb_book *book, const fb_agreement *a, int32_t as_of, fb_progress *out,
                           size_t *n) {
    FB_ASSERT(a->start_date <= as_of && as_of <= a->end_date);
    int32_t lo = 0, hi = 0;
    fb__region_span(a->region, &lo, &hi);
    int64_t days = (int64_t)a->end_date - a->start_date + 1;
    int64_t elapsed = (int64_t)as_of - a->start_date + 1;
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < a->n_targets; i++) {
        fb_progress *p = &out[i];
        memset(p, 0, sizeof *p);
        p->target = a->targets[i];
        if (fb__demand_measure_is(p->target.measure)) {
            bool hidden = false;
            rc = fb__demand_measure(book, p->target.measure, a->start_date, as_of, a->region, false,
                                    &p->achieved, &hidden);
        } else {
            rc = fb__store_measure(book->store, p->target.measure, p->target.dimension,
                                   a->start_date, as_of, lo, hi, &p->achieved);
        }
        p->ceiling = p->target.measure == FB_MEASURE_INCLUSIVE_RATE_MAX ||
                     p->target.measure == FB_MEASURE_NPL_RATIO_MAX ||
                     p->target.measure == FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX;
        p->floor = p->target.measure == FB_MEASURE_DEMAND_MATCH_RATE_MIN ||
                   p->target.measure == FB_MEASURE_POOL_LEVERAGE_USED_MIN ||
                   p->target.measure == FB_MEASURE_GUARANTEED_SHARE_MIN;
        p->percent_e2 = percent_e2(p->achieved, p->target.amount);
        p->elapsed_percent_e2 = elapsed * 10000 / days;
        p->on_track = p->ceiling ? p->achieved <= p->target.amount
                      : p->floor ? p->achieved >= p->target.amount
                                 : p->percent_e2 >= p->elapsed_percent_e2;
        *n = i + 1;
    }
    return rc;
}

int fb_agreement_progress(fb_book *book, const char *id, int32_t as_of, fb_progress *out,
                          size_t *n) {
    *n = 0;
    fb_agreement *a = malloc(sizeof *a);
    if (!a) return FB_ENOMEM;
    int32_t open = 0;
    /* Nothing of *a is read unless it was found: a failed get leaves it as malloc gave it. */
    int rc = fb_agreement_get(book, id, a);
    if (rc == FB_OK) rc = fb__store_business_date(book->store, &open);
    char d[11], b[11];
    if (rc == FB_OK && (open == 0 || as_of >= open)) {
        rc = fb__book_refuse(book, FB_EINVAL,
                             open ? "as_of %s is not a closed day: the business date is %s"
                                  : "as_of %s: no day is closed yet%s",
                             fb_date_format(as_of, d), open ? fb_date_format(open, b) : "");
    }
    if (rc == FB_OK && (as_of < a->start_date || as_of > a->end_date)) {
        rc = fb__book_refuse(book, FB_EINVAL, "as_of %s is outside the agreement's period",
                             fb_date_format(as_of, d));
    }
    if (rc == FB_OK) rc = measure_targets(book, a, as_of, out, n);
    free(a);
    return rc;
}
