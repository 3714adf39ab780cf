/* classing.c — each loan's class at the close of a day (金融资产风险分类办法, 中国银保监会
 * 中国人民银行令 〔2023〕第1号): the floors its days past due, an officer, its restructuring and
 * its debtor give (core/classify.c decides), what a non-performing loan must show before it rises,
 * the observation period of a restructured loan, and non-accrual: interest off the balance sheet
 * from the day a loan is more than nonaccrual_days past due or non-performing (财政部's rule on
 * interest receivable). Each change of class is a history entry and, across the performing /
 * non-performing line, an entry on the memo ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"
#include "core/classify.h"

int fb__eod_rules_load(fb_book *book, fb__eod_rules *r) {
    FB_ASSERT(book != NULL && r != NULL);
    memset(r, 0, sizeof *r);
    int64_t flag = 0, small = 0;
    int rc = fb_setting_get(book, "nonaccrual_days", &r->nonaccrual_days);
    if (rc == FB_OK) rc = fb_setting_get(book, "offbalance_first", &flag);
    if (rc == FB_OK) rc = fb_setting_get(book, "upgrade_periods", &r->upgrade_periods);
    if (rc == FB_OK) rc = fb_setting_get(book, "upgrade_months", &r->upgrade_months);
    if (rc == FB_OK) rc = fb_setting_get(book, "retail_small_micro", &small);
    if (rc == FB_OK) rc = fb_setting_get(book, "observation_months", &r->observation_months);
    if (rc == FB_OK) rc = fb_setting_get(book, "observation_periods", &r->observation_periods);
    if (rc == FB_OK) rc = fb_setting_get(book, "technical_overdue_days", &r->technical_days);
    if (rc == FB_OK) rc = fb_setting_get(book, "cross_bank_share", &r->cross_bank_share_e6);
    int64_t exempt = 0;
    if (rc == FB_OK) rc = fb_setting_get(book, "contagion_guarantee_exempt", &exempt);
    r->guarantee_exempt = exempt != 0;
    r->offbal_first = flag != 0;
    r->retail_small_micro = small != 0;
    FB_ASSERT(rc != FB_OK || (r->nonaccrual_days >= 1 && r->observation_months >= 12));
    return rc;
}

int fb__observation_restart(fb_book *book, const fb__eod_rules *r, fb__loan_state *x, int32_t start,
                            int64_t from_n) {
    FB_ASSERT(x->restructured && start > 0 && from_n >= 1);
    FB_ASSERT(r->observation_periods >= 1 && r->observation_periods <= 24);
    fb_installment due[24];
    size_t n = 0;
    int64_t to = from_n + r->observation_periods - 1;
    if (to > x->n_count) to = x->n_count;
    int rc = from_n <= to ? fb__store_installments_range(book->store, x->loan, (int32_t)from_n,
                                                         (int32_t)to, due, 24, &n)
                          : FB_OK;
    if (rc) return rc;
    int32_t dates[24];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (due[i].due_date >= start) dates[k++] = due[i].due_date;
    x->obs_start = start;
    x->obs_end =
        fb__observation_end(start, r->observation_months, r->observation_periods, dates, k);
    return FB_OK;
}

/* Whether anything is overdue at the close of day: an installment due on it or before, unpaid,
 * or penalty owed, on or off the balance sheet. */
static bool overdue_at(const fb__loan_state *x, int32_t day) {
    return (x->oldest_due && x->oldest_due <= day) ||
           fb__penalty_rounded(x) - x->penalty_moved + x->penalty_due + x->op_due > 0;
}

int fb__eod_track(fb_book *book, const fb__eod_rules *r, fb__loan_state *x, int32_t day,
                  bool *dirty) {
    FB_ASSERT(x != NULL && dirty != NULL && r != NULL);
    if (x->status != FB_LOAN_ACTIVE) return FB_OK;
    FB_ASSERT(x->class >= FB_CLASS_NORMAL && x->class <= FB_CLASS_LOSS);
    bool overdue = overdue_at(x, day);
    int64_t cured = x->cured, ontime = x->ontime, start = x->obs_start, end = x->obs_end;
    int64_t restructured = x->restructured;
    /* A non-performing loan: the day its arrears were all repaid, and the installments paid on
     * time since (the one due today was, when nothing is overdue and its successor runs). */
    if (x->class < FB_CLASS_SUBSTANDARD || overdue) {
        x->cured = x->ontime = 0;
    } else if (!x->cured) {
        x->cured = day;
    } else if (x->cur_n >= 2 && x->cur_n <= x->n_count && x->period_start == day) {
        x->ontime++;
    }
    int rc = FB_OK;
    if (x->restructured && x->obs_start && day >= x->obs_start && x->oldest_due == day) {
        /* A payment missed in the observation period: at least substandard, observed again from
         * the day it was missed (第二十条). */
        x->obs_missed = 1;
        if (x->obs_floor < FB_CLASS_SUBSTANDARD) x->obs_floor = FB_CLASS_SUBSTANDARD;
        rc = fb__observation_restart(book, r, x, day, x->cur_n - 1);
    } else if (x->restructured && x->obs_end && day >= x->obs_end) {
        if (x->resolved && !overdue) {
            /* Paid on time throughout, the difficulty found resolved: no longer restructured. */
            x->restructured = x->obs_missed = x->resolved = 0;
            x->obs_start = x->obs_end = x->obs_floor = 0;
        } else {
            rc = fb__observation_restart(book, r, x, day, x->cur_n);
        }
    }
    if (cured != x->cured || ontime != x->ontime || start != x->obs_start || end != x->obs_end ||
        restructured != x->restructured) {
        *dirty = true;
    }
    return rc;
}

/* ---- The class of each loan at the close ----------------------------------------------------- */

typedef struct {
    int64_t *total, *npl;       /* by party: principal, and of it non-performing on its own */
    int32_t *npl_n;             /* by party: loans non-performing on their own at the close */
    const fb__loan_state *base; /* the loans ... */
    bool *own_npl;              /* ... and whether each is non-performing on its own */
    int8_t *cross;              /* by party: its credit report's cross-bank floor (0, 1, 2) */
    int64_t *full;              /* the loans guaranteed in full, ascending ... */
    size_t n_full;              /* ... and how many */
} by_party;

static int key_cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

bool fb__enhanced(const fb__eod_rules *r, const int64_t *keys, size_t n, int64_t loan_key) {
    FB_ASSERT(r != NULL && (n == 0 || keys != NULL));
    return r->guarantee_exempt && n > 0 && bsearch(&loan_key, keys, n, sizeof *keys, key_cmp);
}

static fb__class_in inputs(const fb__eod_rules *r, const fb__loan_state *x, int32_t day,
                           bool ready) {
    fb__class_in in;
    memset(&in, 0, sizeof in);
    in.dpd = x->oldest_due ? day + 1 - x->oldest_due : 0;
    if (in.dpd < 0) in.dpd = 0;
    in.grace = r->technical_days;
    in.current = (int)x->class;
    in.manual = (int)x->manual;
    in.observing = x->restructured != 0;
    in.observation_floor = (int)x->obs_floor;
    in.missed = x->obs_missed != 0;
    in.upgrade_ready = ready && fb__upgrade_ready((int32_t)x->cured, x->ontime, day + 1,
                                                  r->upgrade_periods, r->upgrade_months);
    return in;
}

/* A loan of a retail debtor is classified by itself: an individual business's, a small-business
 * owner's (a natural person), and a small or micro enterprise's when the setting says so. */
static bool retail(const fb__eod_rules *r, const fb__loan_state *x) {
    int64_t size = (x->cell / 2) % 4;
    return x->retail || (r->retail_small_micro && size >= FB_SIZE_SMALL);
}

/* The note a history entry carries of what the rule saw. */
static void note_of(const fb__loan_state *x, fb_class_reason why, const fb__class_in *in,
                    char *note, size_t cap) {
    char d[11];
    switch (why) {
    case FB_REASON_DAYS_PAST_DUE:
        snprintf(note, cap, "%lld days past due", (long long)in->dpd);
        break;
    case FB_REASON_DEBTOR:
        snprintf(note, cap, "more than 10%% of the debtor's claims at the bank are non-performing");
        break;
    case FB_REASON_CROSS_BANK:
        snprintf(note, cap,
                 in->cross_bank == 2
                     ? "its credit report: debts at all banks more than 90 days overdue above "
                       "the share"
                     : "its credit report: debts at another bank more than 90 days overdue");
        break;
    case FB_REASON_OBSERVATION_MISSED:
    case FB_REASON_RESTRUCTURED:
        snprintf(note, cap, "restructured, observed until %s",
                 fb_date_format((int32_t)x->obs_end, d));
        break;
    case FB_REASON_UPGRADE:
        snprintf(note, cap, "arrears repaid on %s, %lld installments on time since",
                 fb_date_format((int32_t)x->cured, d), (long long)x->ontime);
        break;
    default: snprintf(note, cap, "the officer's floor"); break;
    }
}

int fb__class_record(fb_book *book, fb__loan_state *x, int32_t date, int to, fb_class_reason why,
                     const char *actor, const char *note) {
    FB_ASSERT(x != NULL && to >= FB_CLASS_NORMAL && to <= FB_CLASS_LOSS);
    FB_ASSERT(actor != NULL && x->status == FB_LOAN_ACTIVE);
    fb_class_entry e;
    memset(&e, 0, sizeof e);
    e.n = (int32_t)++x->classes;
    e.date = date;
    e.from_class = (int)x->class;
    e.to_class = to;
    e.reason = why;
    snprintf(e.actor, sizeof e.actor, "%s", actor);
    snprintf(e.note, sizeof e.note, "%s", note ? note : "");
    fb_text_cut(e.note, sizeof e.note);
    e.created_ns = fb_now_ns();
    return fb__store_class_add(book->store, x->loan, &e);
}

int fb__npl_cross(fb__tq *q, const fb__loan_state *x, const fb_loan *loan, int to, int32_t day) {
    FB_ASSERT(to >= FB_CLASS_NORMAL && to <= FB_CLASS_LOSS);
    FB_ASSERT(x->principal >= 0);
    bool was = x->class >= FB_CLASS_SUBSTANDARD, now = to >= FB_CLASS_SUBSTANDARD;
    if (was == now || x->principal == 0) return FB_OK;
    char date[11], id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "npl:%s:%s", loan->id, fb_date_format(day, date));
    fb__gl(gl, sizeof gl, "npl", loan->line);
    return now ? fb__tq_add(q, id, gl, "memo:npl_contra", x->principal, FB_LEDGER_MEMO,
                            FB__CODE_NPL_IN)
               : fb__tq_add(q, id, "memo:npl_contra", gl, x->principal, FB_LEDGER_MEMO,
                            FB__CODE_NPL_OUT);
}

/* The class of one loan against its debtor's figures, and what follows from a change. */
static int settle_class(fb_book *book, fb__tq *q, const fb__eod_rules *r, fb__loan_state *x,
                        const by_party *bp, int32_t day, bool *dirty) {
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && bp != NULL);
    int cross = retail(r, x) ? 0 : bp->cross[x->party];
    fb_class_reason why = FB_REASON_DAYS_PAST_DUE;
    /* The debtor has no other non-performing claim at the bank, by the class each takes at this
     * close on its own (a cured one still waiting keeps its class), for this one to rise. */
    bool others = fb__debtor_other_npl(bp->npl_n[x->party], bp->own_npl[x - bp->base]);
    fb__class_in in = inputs(r, x, day, !others);
    in.cross_bank = cross;
    /* The debtor's other claims: a loan's own class is not what makes it its debtor's. */
    int64_t npl_others = bp->npl[x->party] - (bp->own_npl[x - bp->base] ? x->principal : 0);
    in.debtor_npl = !retail(r, x) && !fb__enhanced(r, bp->full, bp->n_full, x->loan) &&
                    (fb_i128)npl_others * 10 > bp->total[x->party];
    int to = fb__class_decide(&in, &why);
    bool should = to >= FB_CLASS_SUBSTANDARD || in.dpd > r->nonaccrual_days;
    if (to == x->class && should == (x->nonaccrual != 0)) return FB_OK;
    fb_loan loan;
    int rc = fb__store_loan_by_key(book->store, x->loan, &loan);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    *dirty = true;
    if (to != x->class) {
        char note[FB_NOTE_MAX + 1];
        note_of(x, why, &in, note, sizeof note);
        rc = fb__npl_cross(q, x, &loan, to, day);
        if (rc == FB_OK) rc = fb__class_record(book, x, day, to, why, "end_of_day", note);
        x->class = to;
    }
    if (rc == FB_OK && should && !x->nonaccrual) rc = fb__nonaccrual_enter(q, x, &loan, day);
    if (rc == FB_OK && !should && x->nonaccrual) fb__nonaccrual_leave(x, day);
    return rc;
}

/* Each party's cross-bank floor from its latest credit report on or before the close. */
static int cross_bank(fb_book *book, const fb__eod_rules *r, int32_t day, size_t cap,
                      int8_t **out) {
    FB_ASSERT(cap >= 1 && out != NULL);
    *out = calloc(cap, sizeof **out);
    int64_t *debt = calloc(cap, sizeof *debt), *over = calloc(cap, sizeof *over);
    int rc = *out && debt && over ? FB_OK : FB_ENOMEM;
    if (rc == FB_OK) rc = fb__store_credit_latest(book->store, day, cap, debt, over);
    for (size_t k = 0; rc == FB_OK && k < cap; k++)
        if (over[k] > 0)
            (*out)[k] = (int8_t)fb__credit_level(debt[k], over[k], r->cross_bank_share_e6);
    free(debt);
    free(over);
    FB_ASSERT(rc != FB_OK || *out != NULL);
    return rc;
}

int fb__eod_classify(fb_book *book, fb__tq *q, const fb__eod_rules *r, int32_t day,
                     fb__loan_state *v, size_t n, int64_t max_party, bool *dirty, fb_eod_day *out) {
    FB_ASSERT(book != NULL && q != NULL && (v != NULL || n == 0));
    FB_ASSERT(max_party >= 0 && out != NULL);
    by_party bp;
    bp.total = calloc((size_t)max_party + 1, sizeof *bp.total);
    bp.npl = calloc((size_t)max_party + 1, sizeof *bp.npl);
    bp.npl_n = calloc((size_t)max_party + 1, sizeof *bp.npl_n);
    bp.own_npl = calloc(n + 1, sizeof *bp.own_npl);
    bp.base = v;
    bp.cross = NULL;
    bp.full = NULL;
    bp.n_full = 0;
    int rc = bp.total && bp.npl && bp.npl_n && bp.own_npl ? FB_OK : FB_ENOMEM;
    if (rc == FB_OK) rc = cross_bank(book, r, day, (size_t)max_party + 1, &bp.cross);
    if (rc == FB_OK && r->guarantee_exempt) {
        rc = fb__store_guaranteed_in_full(book->store, &bp.full, &bp.n_full);
    }
    /* Each loan on its own: what its debtor's share of non-performing claims is made of. */
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        const fb__loan_state *x = &v[i];
        if (x->status != FB_LOAN_ACTIVE) continue;
        fb__class_in in = inputs(r, x, day, true);
        in.cross_bank = retail(r, x) ? 0 : bp.cross[x->party];
        fb_class_reason why = FB_REASON_DAYS_PAST_DUE;
        bp.total[x->party] += x->principal;
        bp.own_npl[i] = fb__class_decide(&in, &why) >= FB_CLASS_SUBSTANDARD;
        if (bp.own_npl[i]) bp.npl[x->party] += x->principal;
        if (bp.own_npl[i]) bp.npl_n[x->party]++;
    }
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb__loan_state *x = &v[i];
        if (x->status != FB_LOAN_ACTIVE) continue;
        int64_t before = x->class;
        rc = settle_class(book, q, r, x, &bp, day, &dirty[i]);
        out->class_changes += x->class != before;
        out->loans++;
        out->overdue_loans += x->oldest_due != 0;
        out->nonaccrual_loans += x->nonaccrual != 0;
        if (x->class >= FB_CLASS_SUBSTANDARD) {
            out->npl_loans++;
            out->npl_principal_fen += x->principal;
        }
    }
    free(bp.total);
    free(bp.npl);
    free(bp.npl_n);
    free(bp.own_npl);
    free(bp.cross);
    free(bp.full);
    return rc;
}
