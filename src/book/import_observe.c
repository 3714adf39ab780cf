/* import_observe.c — what a loan brought in carries of its classification beyond its days past
 * due (docs/import.md, "A restructured loan's observation period"): a restructured loan's
 * observation period, checked against 金融资产风险分类办法 (2023) 第二十条, and an officer's floor.
 * The row's checks only: import_loan.c calls it once the loan's class is known. */
#include <stdio.h>
#include <string.h>

#include "book/import_internal.h"
#include "core/assert.h"
#include "core/classify.h"

/* The name of the first observation column a row gives, or NULL. */
static const char *observation_given(const fb_import_position *p) {
    if (p->observation_start) return "observation_start";
    if (p->observation_end) return "observation_end";
    if (p->observation_floor) return "observation_floor";
    if (p->observation_missed) return "observation_missed";
    if (p->difficulty_resolved) return "difficulty_resolved";
    return NULL;
}

/* A restructured loan's observation period (金融资产风险分类办法 第二十条:
 * "观察期自合同调整后约定的 第一次还款日开始计算，应至少包含连续两个还款期，并不得低于1年"): from
 * the day given (after a restart, the core system's), or none given, from the first due date on or
 * after the business date (the longest the rule could ask of a loan restructured before the
 * cut-over); to the day given, at least the rule's end from its start and not before the business
 * date; its floor the one given or its class, at least special mention. An officer's floor, for an
 * active loan. */
int fb__import_observation(const fb_import_loan *row, const fb_installment *s, int32_t as_of,
                           const fb__eod_rules *r, fb__loan_state *st, fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    bool active = st->status == FB_LOAN_ACTIVE;
    const char *given = observation_given(p);
    if (p->class_floor && !active) {
        return fb__import_reject(o, "class_floor", "is an active loan's, and this loan is %s",
                                 fb_loan_status_name((fb_loan_status)st->status));
    }
    st->manual = active ? p->class_floor : 0;
    if (!row->loan.restructured || !active) {
        if (!given) return FB_OK;
        return fb__import_reject(
            o, given, "is a restructured active loan's (重组贷款), and this %s",
            active ? "loan is not restructured" : fb_loan_status_name((fb_loan_status)st->status));
    }
    int32_t n = (int32_t)st->n_count, start = p->observation_start, last = s[n - 1].due_date;
    for (int32_t i = 0; !start && i < n; i++)
        if (s[i].due_date >= as_of) start = s[i].due_date;
    if (!start) start = as_of; /* every installment has fallen due */
    char a[11], b[11], c[11];
    if (p->observation_start && (start < row->loan.terms.start_date || start > last)) {
        return fb__import_reject(o, "observation_start", "must be within the loan's life, %s to %s",
                                 fb_date_format(row->loan.terms.start_date, a),
                                 fb_date_format(last, b));
    }
    int32_t due[24];
    size_t k = 0;
    FB_ASSERT(r->observation_periods >= 1 && r->observation_periods <= 24);
    for (int32_t i = 0; i < n && k < (size_t)r->observation_periods; i++)
        if (s[i].due_date >= start) due[k++] = s[i].due_date;
    int32_t least =
        fb__observation_end(start, r->observation_months, r->observation_periods, due, k);
    int32_t end = p->observation_end ? p->observation_end : least;
    if (end < least) {
        return fb__import_reject(o, "observation_end",
                                 "is %s, before %s: a period from %s covers at least %lld months "
                                 "and %lld repayment dates (observation_months, "
                                 "observation_periods; 第二十条)",
                                 fb_date_format(end, a), fb_date_format(least, b),
                                 fb_date_format(start, c), (long long)r->observation_months,
                                 (long long)r->observation_periods);
    }
    if (end < as_of) {
        return fb__import_reject(o, p->observation_end ? "observation_end" : "observation_start",
                                 "gives a period that ended on %s, before the business date %s: a "
                                 "loan still restructured is in its period (give the one the core "
                                 "system restarted it to)",
                                 fb_date_format(end, a), fb_date_format(as_of, b));
    }
    int64_t floor = p->observation_floor ? p->observation_floor : st->class;
    if (floor < FB_CLASS_SPECIAL_MENTION) floor = FB_CLASS_SPECIAL_MENTION;
    if (p->observation_missed && floor < FB_CLASS_SUBSTANDARD) floor = FB_CLASS_SUBSTANDARD;
    FB_ASSERT(floor <= st->class && start <= end);
    st->restructured = 1;
    st->obs_start = start;
    st->obs_end = end;
    st->obs_floor = floor;
    st->obs_missed = p->observation_missed;
    st->resolved = p->difficulty_resolved;
    return FB_OK;
}
