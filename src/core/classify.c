/* classify.c — the classification, extension and provision rules as pure functions
 * (classify.h). */
#include "core/classify.h"
#include "core/arith.h"
#include "core/assert.h"

/* 金融资产风险分类办法: any overdue at least special mention, more than 90 days substandard, more
 * than 270 doubtful, more than 360 loss ("超过": day 91 is substandard). */
fb_loan_class fb_loan_class_for_dpd(int64_t dpd) {
    if (dpd > 360) return FB_CLASS_LOSS;
    if (dpd > 270) return FB_CLASS_DOUBTFUL;
    if (dpd > 90) return FB_CLASS_SUBSTANDARD;
    if (dpd > 0) return FB_CLASS_SPECIAL_MENTION;
    return FB_CLASS_NORMAL;
}

fb__term_class fb__term_class_of(int32_t months) {
    FB_ASSERT(months >= 1 && months <= 100 * 12);
    if (months <= 12) return FB__TERM_SHORT;
    if (months <= 60) return FB__TERM_MEDIUM;
    return FB__TERM_LONG;
}

const char *fb__term_class_name(fb__term_class c) {
    static const char *const names[] = {"short-term", "medium-term", "long-term"};
    FB_ASSERT((unsigned)c < sizeof names / sizeof names[0]);
    return names[c];
}

int32_t fb__extension_max_months(int32_t term_months) {
    FB_ASSERT(term_months >= 1 && term_months <= 100 * 12);
    fb__term_class c = fb__term_class_of(term_months);
    int32_t most = c == FB__TERM_SHORT ? term_months : c == FB__TERM_MEDIUM ? term_months / 2 : 36;
    FB_ASSERT(most >= 0 && most <= term_months);
    return most;
}

int fb__class_floor(const fb__class_in *in, fb_class_reason *why) {
    FB_ASSERT(in != NULL && why != NULL && in->dpd >= 0);
    FB_ASSERT(in->manual >= FB_CLASS_NORMAL && in->manual <= FB_CLASS_LOSS);
    FB_ASSERT(in->grace >= 0 && in->grace <= 7);
    int floor = in->dpd > in->grace ? fb_loan_class_for_dpd(in->dpd) : FB_CLASS_NORMAL;
    *why = FB_REASON_DAYS_PAST_DUE;
    if (in->manual > floor) floor = in->manual, *why = FB_REASON_OFFICER;
    if (in->observing && in->observation_floor > floor) {
        floor = in->observation_floor;
        *why = in->missed ? FB_REASON_OBSERVATION_MISSED : FB_REASON_RESTRUCTURED;
    }
    if (in->debtor_npl && FB_CLASS_SUBSTANDARD > floor) {
        floor = FB_CLASS_SUBSTANDARD;
        *why = FB_REASON_DEBTOR;
    }
    FB_ASSERT(in->cross_bank >= 0 && in->cross_bank <= 2);
    int cross = in->cross_bank == 2   ? FB_CLASS_SUBSTANDARD
                : in->cross_bank == 1 ? FB_CLASS_SPECIAL_MENTION
                                      : FB_CLASS_NORMAL;
    if (cross > floor) floor = cross, *why = FB_REASON_CROSS_BANK;
    FB_ASSERT(floor >= FB_CLASS_NORMAL && floor <= FB_CLASS_LOSS);
    return floor;
}

int fb__class_decide(const fb__class_in *in, fb_class_reason *why) {
    FB_ASSERT(in->current >= FB_CLASS_NORMAL && in->current <= FB_CLASS_LOSS);
    FB_ASSERT(!in->observing || in->observation_floor >= FB_CLASS_NORMAL);
    int floor = fb__class_floor(in, why);
    if (floor >= in->current) return floor;
    /* Below the class in force: the loan would rise. */
    if (in->observing) return in->current;
    bool leaves_npl = in->current >= FB_CLASS_SUBSTANDARD && floor < FB_CLASS_SUBSTANDARD;
    if (leaves_npl && !in->upgrade_ready) return in->current;
    if (leaves_npl) *why = FB_REASON_UPGRADE;
    FB_ASSERT(floor < in->current);
    return floor;
}

bool fb__upgrade_ready(int32_t cured, int64_t ontime, int32_t date, int64_t periods,
                       int64_t months) {
    FB_ASSERT(ontime >= 0 && periods >= 0 && months >= 0 && months <= 1200);
    FB_ASSERT(cured >= 0 && date >= 0);
    if (cured == 0 || cured > date) return false;
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(cured, &y, &m, &d);
    return ontime >= periods && date >= fb_date_add_months(cured, (int)months, d);
}

bool fb__debtor_other_npl(int64_t npl, bool self_npl) {
    FB_ASSERT(npl >= 0 && npl <= INT32_MAX);
    FB_ASSERT(!self_npl || npl >= 1);
    return npl - (self_npl ? 1 : 0) > 0;
}

int32_t fb__observation_end(int32_t start, int64_t months, int64_t periods, const int32_t *due,
                            size_t n) {
    FB_ASSERT(start > 0 && months >= 0 && months <= 1200 && periods >= 0);
    FB_ASSERT(n == 0 || due != NULL);
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(start, &y, &m, &d);
    int32_t end = fb_date_add_months(start, (int)months, d);
    if (periods > 0 && n > 0) {
        size_t k = (size_t)periods <= n ? (size_t)periods - 1 : n - 1;
        if (due[k] > end) end = due[k];
    }
    FB_ASSERT(end >= start);
    return end;
}

int64_t fb__provision(int64_t balance_fen, int64_t rate_e6) {
    FB_ASSERT(balance_fen >= 0 && rate_e6 >= 0 && rate_e6 <= 1000000);
    int64_t p = (int64_t)fb__div_round_half_up((fb_i128)balance_fen * rate_e6, 1000000);
    FB_ASSERT(p >= 0 && p <= balance_fen);
    return p;
}

int64_t fb__ratio_e6(int64_t num, int64_t den) {
    FB_ASSERT(num >= 0 && den > 0);
    fb_i128 q = fb__div_round_half_up((fb_i128)num * 1000000, den);
    FB_ASSERT(q >= 0 && q <= INT64_MAX);
    return (int64_t)q;
}
