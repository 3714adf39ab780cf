/* import_loan.c — a loan brought in mid-life (docs/import.md, "Loans in mid-life"): its terms as
 * drawn, its schedule (the file's rows, the paid history before them rebuilt from the terms, or,
 * with no rows, the remaining installments rebuilt from what is outstanding with
 * fb__schedule_rebuild), and its running state at the open of the business date, so that end of
 * day carries it as if it had been drawn here. Its accounts open against the migration suspense:
 * the principal outstanding, the interest fallen due and unpaid, and (by line, for the run) the
 * interest accrued and the penalty; its facility's limit is drawn for what is outstanding.
 *
 * The state is written in one place, fb__loan_import_position: what the core system's figures
 * say of FB_LOAN_STATE_FIELDS, with the checks that keep them consistent with the schedule. A
 * loan more than nonaccrual_days past due or substandard or worse is non-accrual from the
 * cut-over (classing.c's rule): its interest and penalty open on the memo ledger, not the
 * balance sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/import_internal.h"
#include "core/arith.h"
#include "core/assert.h"

static int repayment_day_of(const fb_loan *x) {
    if (x->terms.repayment_day) return x->terms.repayment_day;
    int y, m, d;
    fb_date_to_ymd(x->terms.start_date, &y, &m, &d);
    return d;
}

/* ---- The schedule ---------------------------------------------------------------------------- */

/* Rows 1..a of s are the paid history: their principal is set so that the schedule and what was
 * prepaid repay the amount, spread as the terms' own schedule spreads it. */
static int spread_history(const fb_import_loan *row, fb_installment *s, int32_t n, int32_t a,
                          fb_import_outcome *o) {
    int64_t later = 0, was = 0;
    for (int32_t i = a; i < n; i++)
        later += s[i].principal_fen;
    for (int32_t i = 0; i < a; i++)
        was += s[i].principal_fen;
    int64_t target = row->loan.terms.principal_fen + row->position.capitalised_fen -
                     row->position.prepaid_fen - later;
    char x[FB_MONEY_STR_MAX], y[FB_MONEY_STR_MAX], z[FB_MONEY_STR_MAX];
    if (target < 0 || (a == 0 && target != 0)) {
        return fb__import_reject(o, a ? "principal" : "installments",
                                 "the schedule from installment %d holds %s of principal and %s "
                                 "was prepaid: %s the amount %s%s",
                                 a + 1, fb_money_format(later, x),
                                 fb_money_format(row->position.prepaid_fen, y),
                                 target < 0 ? "more than" : "less than",
                                 fb_money_format(row->loan.terms.principal_fen, z),
                                 row->position.capitalised_fen ? " and what was capitalised" : "");
    }
    int64_t given = 0;
    for (int32_t i = 0; i + 1 < a; i++) {
        s[i].principal_fen =
            was ? (int64_t)((fb_i128)s[i].principal_fen * target / was) : 0; /* rounded down */
        given += s[i].principal_fen;
    }
    if (a) s[a - 1].principal_fen = target - given; /* the last takes what remains, >= 0 */
    for (int32_t i = 0; i < a; i++)
        s[i].payment_fen = s[i].principal_fen + s[i].interest_fen;
    FB_ASSERT(a == 0 || s[a - 1].principal_fen >= 0);
    return FB_OK;
}

/* The installments still to run, rebuilt from the principal not yet due at the rate now over
 * the installments left (the terms' own rows when they still hold it). */
static int rebuild_rest(fb_import *im, const fb_import_loan *row, int32_t built_n,
                        fb_import_outcome *o) {
    const fb_loan *x = &row->loan;
    const fb_import_position *p = &row->position;
    int32_t cur = p->installment, n = p->installments;
    fb_installment *s = im->sched;
    int64_t rest = p->principal_fen - p->principal_overdue_fen, held = 0;
    for (int32_t i = cur; i <= n && i <= built_n; i++)
        held += im->built[i - 1].principal_fen;
    if (built_n == n && held == rest && p->rate_e6 == x->terms.rate_e6) { /* as drawn */
        for (int32_t i = cur; i <= n; i++)
            s[i - 1] = im->built[i - 1];
        return FB_OK;
    }
    int32_t start = cur == 1 ? x->terms.start_date : s[cur - 2].due_date;
    if (rest == 0) {
        return fb__import_reject(o, "installments",
                                 "nothing of the principal is still to fall due, yet %d "
                                 "installments remain",
                                 n - cur + 1);
    }
    size_t got = 0;
    const char *field = NULL, *why = NULL;
    fb__rebuild rb = {rest,
                      n - cur + 1,
                      start,
                      p->rate_e6,
                      x->terms.method,
                      repayment_day_of(x),
                      x->terms.day_count,
                      FB_PREPAY_REDUCE_INSTALLMENT,
                      0,
                      0};
    if (x->terms.method == FB_METHOD_BULLET) rb.months = x->terms.months;
    if (fb__schedule_rebuild(&rb, s + cur - 1, FB_LOAN_MONTHS_MAX, &got, &field, &why) ||
        (int32_t)got != n - cur + 1 || cur - 1 + (int32_t)got > FB_LOAN_MONTHS_MAX) {
        return fb__import_reject(o, "installments",
                                 "the rest of the schedule cannot be rebuilt "
                                 "from the terms: %s %s: give the schedule",
                                 field ? field : "installments",
                                 why ? why : "do not match the term");
    }
    for (int32_t k = 0; k < (int32_t)got; k++)
        s[cur - 1 + k].n = cur + k;
    return FB_OK;
}

/* The loan's whole schedule into im->sched[0..n): the file's rows from some installment on, the
 * terms' own before them; with none, the terms' own to the running one and the rest rebuilt.
 * *first is the first row the file gave (0 when none). */
static int assemble(fb_import *im, const fb_import_loan *row, int32_t *first,
                    fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    int32_t n = p->installments, cur = p->installment;
    size_t got = 0, built = 0;
    bool more = false;
    int rc = fb__store_staging_schedule(im->staging, row->loan.id, im->sched, FB_LOAN_MONTHS_MAX,
                                        &got, &more);
    if (rc) return rc;
    if (more) return fb__import_reject(o, "installments", "more than %d", FB_LOAN_MONTHS_MAX);
    const char *field = NULL, *why = NULL;
    if (fb_schedule_build(&row->loan.terms, im->built, FB_LOAN_MONTHS_MAX, &built, &field, &why)) {
        return fb__import_reject(o, field, "%s", why);
    }
    *first = got ? im->sched[0].n : 0;
    for (size_t i = 0; i < got; i++) {
        if (im->sched[i].n != *first + (int32_t)i || (i + 1 == got && im->sched[i].n != n)) {
            return fb__import_reject(o, "installments",
                                     "the schedule's rows run %d to %d, not on to installment %d "
                                     "of %d without a gap",
                                     *first, im->sched[got - 1].n, n, n);
        }
    }
    int32_t past = got ? *first - 1 : (cur - 1 < n ? cur - 1 : n);
    if (past > (int32_t)built) {
        return fb__import_reject(o, "installment",
                                 "%d installments have fallen due, and the terms give %zu: give "
                                 "the schedule from installment 1",
                                 past, built);
    }
    if (got) memmove(im->sched + past, im->sched, got * sizeof *im->sched);
    for (int32_t i = 0; i < past; i++)
        im->sched[i] = im->built[i];
    if (!got && cur <= n) return rebuild_rest(im, row, (int32_t)built, o);
    return FB_OK;
}

/* ---- The state --------------------------------------------------------------------------- */

/* Where the overdue figures sit: the installments before the running one, newest first, each
 * owing its interest and principal; the oldest of them may be partly paid, interest first. */
static int fit_overdue(const fb_import_position *p, const fb_installment *s, int32_t as_of,
                       fb__loan_state *st, fb_import_outcome *o) {
    int64_t ri = p->interest_overdue_fen, rp = p->principal_overdue_fen;
    int32_t cur = p->installment;
    st->oldest_n = cur;
    st->oldest_paid = st->due_total = st->due_paid = st->oldest_due = 0;
    for (int32_t j = cur - 1; j >= 1 && (ri || rp); j--) {
        const fb_installment *i = &s[j - 1];
        st->oldest_n = j;
        st->due_total += i->interest_fen + i->principal_fen;
        if (ri >= i->interest_fen && rp >= i->principal_fen) {
            ri -= i->interest_fen;
            rp -= i->principal_fen;
            continue;
        }
        /* Partly paid: interest goes first, so principal is paid only of one whose interest is. */
        if (ri > i->interest_fen || rp > i->principal_fen || (rp < i->principal_fen && ri > 0)) {
            return fb__import_reject(o, ri ? "interest_overdue" : "principal_overdue",
                                     "does not fit the installments fallen due: installment %d "
                                     "owes %lld fen of interest and %lld of principal, paid "
                                     "interest first",
                                     j, (long long)i->interest_fen, (long long)i->principal_fen);
        }
        st->oldest_paid = i->interest_fen - ri + i->principal_fen - rp;
        ri = rp = 0;
    }
    if (ri || rp) {
        return fb__import_reject(o, rp ? "principal_overdue" : "interest_overdue",
                                 "is more than the installments fallen due owe");
    }
    st->due_paid = st->oldest_paid;
    st->interest_due = p->interest_overdue_fen;
    if (st->due_total > st->due_paid) st->oldest_due = s[st->oldest_n - 1].due_date;
    FB_ASSERT(st->due_total - st->due_paid == p->principal_overdue_fen + p->interest_overdue_fen);
    int64_t dpd = st->oldest_due ? as_of - st->oldest_due : 0;
    if (p->days_past_due >= 0 && p->days_past_due != dpd) {
        char d[11];
        return fb__import_reject(o, "days_past_due",
                                 "is %lld, and the oldest unpaid installment fell due on %s: %lld",
                                 (long long)p->days_past_due,
                                 fb_date_format((int32_t)st->oldest_due, d), (long long)dpd);
    }
    return FB_OK;
}

/* The running installment: fallen due before as_of are those due on or before it. */
static int running(const fb_import_position *p, const fb_installment *s, int32_t as_of,
                   fb__loan_state *st, fb_import_outcome *o) {
    int32_t cur = p->installment, n = p->installments;
    char d[11], e[11];
    if (cur > 1 && s[cur - 2].due_date > as_of) {
        return fb__import_reject(
            o, "installment", "is %d, but installment %d falls due on %s, after %s", cur, cur - 1,
            fb_date_format(s[cur - 2].due_date, d), fb_date_format(as_of, e));
    }
    if (cur <= n && s[cur - 1].due_date <= as_of) {
        return fb__import_reject(o, "installment",
                                 "is %d, but it fell due on %s, by %s: it is overdue, the next "
                                 "one runs",
                                 cur, fb_date_format(s[cur - 1].due_date, d),
                                 fb_date_format(as_of, e));
    }
    st->period_start = cur <= n ? s[cur - 1].period_start : 0;
    st->due_date = cur <= n ? s[cur - 1].due_date : 0;
    st->cur_interest = cur <= n ? s[cur - 1].interest_fen : 0;
    st->cur_principal = cur <= n ? s[cur - 1].principal_fen : 0;
    int64_t rest = 0;
    for (int32_t i = cur; i <= n; i++)
        rest += s[i - 1].principal_fen;
    if (rest != p->principal_fen - p->principal_overdue_fen) {
        char x[FB_MONEY_STR_MAX], y[FB_MONEY_STR_MAX];
        return fb__import_reject(o, "principal",
                                 "less what is overdue is %s, and the installments from the "
                                 "running one hold %s",
                                 fb_money_format(p->principal_fen - p->principal_overdue_fen, x),
                                 fb_money_format(rest, y));
    }
    return FB_OK;
}

/* LPR repricings made by the running installment's start: one at each anniversary on or before
 * it (servicing.c's rule). */
static int64_t repricings(const fb_loan *x, const fb__loan_state *st) {
    if (x->rate_kind != FB_RATE_LPR || x->terms.method == FB_METHOD_BULLET) return 0;
    int y, m, day;
    fb_date_to_ymd(x->terms.start_date, &y, &m, &day);
    int64_t k = 0;
    while (k < FB_LOAN_MONTHS_MAX / 12 &&
           fb_date_add_months(x->terms.start_date, 12 * (int)(k + 1), day) <= st->period_start) {
        k++;
    }
    return k;
}

/* The class the figures give, and the one given, which may be worse (the bank's judgement, the
 * borrower-wide rule) and never better: at least what its days past due give (none within the
 * technical short overdue, technical_overdue_days), special mention when restructured (第二十一条
 * of the 2019 draft), its observation floor (substandard once a payment was missed in the
 * period: 第二十条) and the officer's floor. */
static int classify(const fb_import_loan *row, int64_t dpd, int64_t technical, fb__loan_state *st,
                    fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    FB_ASSERT(dpd >= 0 && technical >= 0);
    fb_loan_class least = dpd > technical ? fb_loan_class_for_dpd(dpd) : FB_CLASS_NORMAL;
    const char *by = "its days past due";
    /* A restructured claim is at least special mention (金融资产风险分类办法 第二十一条). */
    if (row->loan.restructured && least < FB_CLASS_SPECIAL_MENTION) {
        least = FB_CLASS_SPECIAL_MENTION;
        by = "its days past due and its restructuring";
    }
    int observed = row->loan.restructured ? p->observation_floor : 0;
    if (row->loan.restructured && p->observation_missed && observed < FB_CLASS_SUBSTANDARD)
        observed = FB_CLASS_SUBSTANDARD;
    if (observed > (int)least) {
        least = (fb_loan_class)observed;
        by = "its observation period's floor (observation_floor, observation_missed)";
    }
    if (p->class_floor > (int)least) {
        least = (fb_loan_class)p->class_floor;
        by = "the officer's floor (class_floor)";
    }
    int given = p->loan_class;
    if (given >= 0 && given < (int)least) {
        return fb__import_reject(o, "class", "is %s, better than %s, the least %s allow",
                                 fb_loan_class_name((fb_loan_class)given),
                                 fb_loan_class_name(least), by);
    }
    st->class = given >= 0 ? given : (int64_t)least;
    return FB_OK;
}

/* Non-accrual (非应计), as end of day decides it (classing.c): more than `days` past due or
 * substandard or worse. Such a loan comes in as one that entered non-accrual at the close before
 * the cut-over (fb__nonaccrual_state): its interest overdue and accrued and its penalty owed off
 * the balance sheet. What the file says of it must be what the figures give. */
static int offbalance(const fb_import_loan *row, int64_t dpd, int64_t days, int32_t as_of,
                      fb__loan_state *st, fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    FB_ASSERT(days >= 1 && dpd >= 0);
    bool active = st->status == FB_LOAN_ACTIVE;
    bool off = active && (st->class >= FB_CLASS_SUBSTANDARD || dpd > days);
    fb__offbal_move m = {0, 0, 0, 0};
    if (off) m = fb__nonaccrual_state(st, as_of - 1);
    FB_ASSERT(!off || (st->oi_due == st->interest_due && st->penalty_due == 0));
    if (p->nonaccrual >= 0 && (p->nonaccrual != 0) != off) {
        return fb__import_reject(o, "nonaccrual",
                                 "is %s, and its figures give %s: a loan more than %lld days past "
                                 "due (nonaccrual_days) or substandard or worse is non-accrual, "
                                 "and this %s loan is %s, %lld days past due",
                                 p->nonaccrual ? "true" : "false", off ? "true" : "false",
                                 (long long)days, fb_loan_status_name((fb_loan_status)st->status),
                                 fb_loan_class_name((fb_loan_class)st->class), (long long)dpd);
    }
    const int64_t given[] = {p->offbal_interest_fen, p->offbal_penalty_fen};
    const int64_t want[] = {m.due + m.accrued, m.unmoved + m.moved};
    static const char *const names[] = {"offbal_interest", "offbal_penalty"};
    static const char *const what[] = {"its interest overdue and accrued", "its penalty"};
    for (size_t i = 0; i < 2; i++) {
        if (given[i] < 0 || given[i] == want[i]) continue;
        char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
        return fb__import_reject(o, names[i], "is %s; %s owes %s off the balance sheet (%s)",
                                 fb_money_format(given[i], a),
                                 off ? "a non-accrual loan" : "a loan accruing to income",
                                 fb_money_format(want[i], b), off ? what[i] : "nothing");
    }
    return FB_OK;
}

/* A non-performing loan on its way up (classing.c, fb__eod_track): the day its arrears were all
 * repaid and the installments paid on time since, as end of day would have counted them here:
 * each installment that began running at a close after that day and up to the one before the
 * business date (the one due on it is counted at its close). Given, the day must be one of a
 * non-performing loan with nothing overdue, and the count the schedule's. */
static int upgrade_clock(const fb_import_loan *row, const fb_installment *s, int32_t as_of,
                         fb__loan_state *st, fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    FB_ASSERT(p->arrears_repaid >= 0 && as_of > 0);
    char d[11], e[11], a[FB_MONEY_STR_MAX];
    if (!p->arrears_repaid) {
        if (p->paid_on_time <= 0) return FB_OK;
        return fb__import_reject(o, "paid_on_time",
                                 "counts the installments paid on time since a non-performing "
                                 "loan's arrears were repaid, and no such day is given "
                                 "(arrears_repaid)");
    }
    if (st->status != FB_LOAN_ACTIVE || st->class < FB_CLASS_SUBSTANDARD) {
        return fb__import_reject(o, "arrears_repaid",
                                 "is a non-performing loan's (substandard or worse) on its way "
                                 "up, and this %s loan is %s",
                                 fb_loan_status_name((fb_loan_status)st->status),
                                 fb_loan_class_name((fb_loan_class)st->class));
    }
    if (p->arrears_repaid >= as_of || p->arrears_repaid < row->loan.terms.start_date) {
        return fb__import_reject(o, "arrears_repaid",
                                 "must be a day closed before the business date %s, and not "
                                 "before the loan's start %s",
                                 fb_date_format(as_of, d),
                                 fb_date_format(row->loan.terms.start_date, e));
    }
    int64_t owed = p->principal_overdue_fen + p->interest_overdue_fen + p->penalty_fen;
    /* What fell due on the business date itself is not yet past due: end of day restarts the
     * clock at that day's close, as it would have here. */
    bool due_today = st->oldest_due == as_of;
    if (owed > 0 && !due_today) {
        return fb__import_reject(o, "arrears_repaid",
                                 "says the arrears were all repaid, and the loan owes %s overdue "
                                 "and in penalty",
                                 fb_money_format(owed, a));
    }
    FB_ASSERT(st->oldest_due == 0 || due_today);
    int64_t ontime = 0;
    int32_t last = st->cur_n <= st->n_count ? (int32_t)st->cur_n : (int32_t)st->n_count;
    for (int32_t k = 2; k <= last; k++) {
        int32_t began = s[k - 1].period_start;
        ontime += began > p->arrears_repaid && began < as_of;
    }
    if (p->paid_on_time >= 0 && p->paid_on_time != ontime) {
        return fb__import_reject(o, "paid_on_time",
                                 "is %lld, and %lld installments of its schedule fell due after "
                                 "%s, before the business date %s (each paid on time: nothing is "
                                 "overdue)",
                                 (long long)p->paid_on_time, (long long)ontime,
                                 fb_date_format(p->arrears_repaid, d), fb_date_format(as_of, e));
    }
    st->cured = p->arrears_repaid;
    st->ontime = ontime;
    return FB_OK;
}

int fb__loan_import_position(const fb_import_loan *row, const fb_installment *s, int32_t as_of,
                             const fb__eod_rules *r, fb__loan_state *st, fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    const fb_loan *x = &row->loan;
    FB_ASSERT(row != NULL && s != NULL && st != NULL && o != NULL && r != NULL);
    int64_t nonaccrual_days = r->nonaccrual_days;
    FB_ASSERT(p->installments >= 1 && p->installment >= 1 && p->installment <= p->installments + 1);
    memset(st, 0, sizeof *st);
    st->stored.status = -1; /* no row yet */
    st->status = p->status;
    st->cur_n = p->installment;
    st->n_count = p->installments;
    st->rate = p->rate_e6;
    st->principal = p->principal_fen;
    st->prepaid = p->prepaid_fen;
    st->capitalised = p->capitalised_fen;
    st->written_off = p->written_off_fen;
    st->recovered = p->recovered_fen;
    st->repayments = 0;
    st->markup = x->penalty_markup_pct;
    st->day_count = x->terms.day_count;
    st->line = x->line;
    /* Penalty accrued and not yet moved to the loan's account (the first repayment moves it),
     * with what accrued below the fen: rounded, it is the figure given (a fen moved ahead of its
     * accrual leaves the whole fen at -1 beside a remainder of half or more). */
    st->penalty_rem = p->penalty_remainder;
    st->penalty_fen = p->penalty_fen - (2 * st->penalty_rem >= FB__PENALTY_DEN ? 1 : 0);
    st->penalty_moved = st->penalty_due = 0;
    if (p->status != FB_LOAN_ACTIVE) {
        /* Settled or written off before: every installment behind it, nothing owed. */
        st->cur_n = st->oldest_n = p->installments + 1;
        st->class = p->loan_class >= 0                 ? p->loan_class
                    : p->status == FB_LOAN_WRITTEN_OFF ? FB_CLASS_LOSS
                                                       : FB_CLASS_NORMAL;
        int rc = offbalance(row, 0, nonaccrual_days, as_of, st, o);
        if (rc == FB_OK && o->result != FB_IMPORT_REJECTED)
            rc = fb__import_observation(row, s, as_of, r, st, o);
        if (rc || o->result == FB_IMPORT_REJECTED) return rc;
        return upgrade_clock(row, s, as_of, st, o);
    }
    int rc = running(p, s, as_of, st, o);
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) rc = fit_overdue(p, s, as_of, st, o);
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    st->repriced_years = repricings(x, st);
    int64_t accrued = fb__accrued(st, as_of);
    if (p->interest_accrued_fen >= 0 && p->interest_accrued_fen != accrued) {
        char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX], c[FB_MONEY_STR_MAX];
        return fb__import_reject(
            o, "interest_accrued",
            "is %s; the running installment's interest %s over its %d days "
            "accrues %s through the day before the business date (finbridge "
            "accrues round(interest x days run / days of the period): leave "
            "it blank to take that)",
            fb_money_format(p->interest_accrued_fen, a), fb_money_format(st->cur_interest, b),
            (int)(st->due_date - st->period_start), fb_money_format(accrued, c));
    }
    int64_t dpd = st->oldest_due ? as_of - st->oldest_due : 0;
    rc = classify(row, dpd, r->technical_days, st, o);
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED)
        rc = offbalance(row, dpd, nonaccrual_days, as_of, st, o);
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED)
        rc = fb__import_observation(row, s, as_of, r, st, o);
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    return upgrade_clock(row, s, as_of, st, o);
}

/* ---- The row ------------------------------------------------------------------------------ */

/* The position's own figures, before the schedule. */
static int position_check(const fb_import_loan *row, fb_import_outcome *o) {
    const fb_import_position *p = &row->position;
    const fb_loan *x = &row->loan;
    char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
    if ((unsigned)p->status >= FB_LOAN_STATUS_COUNT_)
        return fb__import_reject(o, "status", "is unknown");
    const int64_t money[] = {p->principal_fen, p->principal_overdue_fen, p->interest_overdue_fen,
                             p->penalty_fen,   p->prepaid_fen,           p->written_off_fen,
                             p->recovered_fen, p->capitalised_fen};
    static const char *const names[] = {"principal", "principal_overdue", "interest_overdue",
                                        "penalty",   "prepaid",           "written_off",
                                        "recovered", "capitalised"};
    for (size_t i = 0; i < sizeof money / sizeof money[0]; i++) {
        if (money[i] < 0) return fb__import_reject(o, names[i], "must not be negative");
    }
    if (p->principal_overdue_fen > p->principal_fen) {
        return fb__import_reject(o, "principal_overdue", "%s is more than the principal %s",
                                 fb_money_format(p->principal_overdue_fen, a),
                                 fb_money_format(p->principal_fen, b));
    }
    if (p->capitalised_fen > FB_PRINCIPAL_MAX_FEN) {
        return fb__import_reject(o, "capitalised", "is more than %s (FB_PRINCIPAL_MAX_FEN)",
                                 fb_money_format(FB_PRINCIPAL_MAX_FEN, a));
    }
    if (p->principal_fen + p->prepaid_fen > x->terms.principal_fen + p->capitalised_fen) {
        return fb__import_reject(
            o, "principal", "%s with %s prepaid is more than the amount drawn%s",
            fb_money_format(p->principal_fen, a), fb_money_format(p->prepaid_fen, b),
            p->capitalised_fen ? " and what was capitalised (capitalised)"
                               : " (a restructuring that capitalised "
                                 "interest says how much: capitalised)");
    }
    if (p->penalty_remainder < 0 || p->penalty_remainder >= FB__PENALTY_DEN) {
        return fb__import_reject(o, "penalty_remainder", "must be 0 to %lld",
                                 (long long)FB__PENALTY_DEN - 1);
    }
    if (p->installments < 1 || p->installments > FB_LOAN_MONTHS_MAX) {
        return fb__import_reject(o, "installments", "must be 1 to %d", FB_LOAN_MONTHS_MAX);
    }
    if (p->installment < 1 || p->installment > p->installments + 1) {
        return fb__import_reject(o, "installment", "must be 1 to %d (the installments and one)",
                                 p->installments + 1);
    }
    bool active = p->status == FB_LOAN_ACTIVE;
    if (!active && (p->principal_fen || p->interest_overdue_fen || p->penalty_fen)) {
        return fb__import_reject(o, "principal", "a %s loan owes nothing",
                                 fb_loan_status_name(p->status));
    }
    if (active && p->principal_fen == 0) {
        return fb__import_reject(o, "principal", "an active loan owes principal");
    }
    if ((p->status == FB_LOAN_WRITTEN_OFF) != (p->written_off_fen > 0) ||
        p->recovered_fen > p->written_off_fen) {
        return fb__import_reject(o, "written_off",
                                 "goes with a written-off loan, and at least "
                                 "what was recovered");
    }
    if (active && (p->rate_e6 <= 0 || p->rate_e6 > FB_RATE_MAX_E6)) {
        return fb__import_reject(o, "rate", "must be more than 0 and at most 24%%");
    }
    return FB_OK;
}

/* The loan's facility and borrower: what the loan inherits, its inclusive status now, its LPR
 * pricing as drawn; the rate now within the book's ceiling. */
static int against_book(fb_import *im, fb_import_loan *row, fb_facility *f, fb_import_outcome *o) {
    fb_store *s = im->book->store;
    fb_loan *x = &row->loan;
    int rc = fb__store_facility_by_id(s, x->facility, f);
    if (rc == FB_ENOTFOUND) return fb__import_reject(o, "facility", "no facility %s", x->facility);
    if (rc) return rc;
    if (x->party[0] && strcmp(x->party, f->party) != 0) {
        return fb__import_reject(o, "party", "is not the facility's borrower, %s", f->party);
    }
    fb_party p;
    int64_t total = 0, ceiling = 0;
    rc = fb__store_party_by_id(s, f->party, &p);
    if (rc == FB_OK) rc = fb__store_party_total_credit(s, f->party, &total);
    if (rc == FB_OK) rc = fb_rate_ceiling(im->book, &ceiling);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    memcpy(x->party, f->party, sizeof x->party);
    x->line = f->line;
    memcpy(x->green_item, f->green_item, sizeof x->green_item);
    memcpy(x->project, f->project, sizeof x->project);
    fb__loan_inclusive(&p, total, x, &x->inclusive_cbirc, &x->inclusive_pboc);
    if (row->position.status == FB_LOAN_ACTIVE && row->position.rate_e6 > ceiling) {
        char r[FB_RATE_STR_MAX];
        return fb__import_reject(o, "rate", "is above the book's ceiling of %s%%",
                                 fb_rate_format(ceiling, r));
    }
    if (x->rate_kind == FB_RATE_LPR) {
        if (x->lpr_tenor_years == 0) x->lpr_tenor_years = x->terms.months > 60 ? 5 : 1;
        fb_lpr lpr;
        rc = fb__store_lpr_at(s, x->terms.start_date, &lpr);
        if (rc && rc != FB_ENOTFOUND) return rc;
        x->lpr_base_e6 = rc ? row->position.rate_e6 - (int64_t)x->spread_bp * 100
                         : x->lpr_tenor_years == 5 ? lpr.five_year_e6
                                                   : lpr.one_year_e6;
        x->lpr_date = rc ? 0 : lpr.date;
        x->terms.rate_e6 = x->lpr_base_e6 + (int64_t)x->spread_bp * 100;
        if (x->terms.rate_e6 <= 0) x->terms.rate_e6 = row->position.rate_e6;
    }
    return FB_OK;
}

/* Its accounts and openings: the principal (and its facility's limit drawn), the interest due
 * on the balance sheet (the run's accrued interest and penalty by line), a non-performing loan
 * on the memo ledger and a non-accrual one's interest and penalty there too, what was written
 * off and not recovered. */
static int open_loan(fb_import *im, const fb_loan *x, const fb__loan_state *st,
                     const fb_facility *f) {
    const uint16_t asset = FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS;
    fb_account acc[3] = {
        fb__book_account(x->principal_account, 1, FB_CODE_LOAN_PRINCIPAL, asset),
        fb__book_account(x->interest_account, 1, FB_CODE_INTEREST_RECEIVABLE, asset),
        fb__book_account(x->penalty_account, 1, FB_CODE_PENALTY_RECEIVABLE, asset)};
    /* Written with the batch's (fb__import_loans_write), before the openings on them. */
    FB_ASSERT(im->n_loan_accounts + 3 <= FB_BATCH_MAX && im->n_drawing < FB_IMPORT_BATCH_MAX);
    memcpy(im->loan_accounts + im->n_loan_accounts, acc, sizeof acc);
    im->n_loan_accounts += 3;
    int32_t at = fb__strmap_get(&im->drawing_map, f->id);
    if (at < 0) {
        at = (int32_t)im->n_drawing++;
        memcpy(im->drawing[at], f->id, sizeof im->drawing[0]);
        im->drawing_fen[at] = 0;
        fb__strmap_put(&im->drawing_map, im->drawing[at], at);
    }
    im->drawing_fen[at] += st->principal;
    int rc = FB_OK;
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "opf:%s", x->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(&im->q, id, f->available_account, f->drawn_account, st->principal,
                        FB_LEDGER_OFF_BALANCE, 702);
    }
    snprintf(id, sizeof id, "opp:%s", x->id);
    if (rc == FB_OK) {
        rc = fb__import_open(im, id, x->principal_account, FB_ACCOUNT_MIGRATION_SUSPENSE,
                             st->principal, FB__CODE_OPEN_PRINCIPAL);
    }
    snprintf(id, sizeof id, "opi:%s", x->id);
    if (rc == FB_OK) {
        rc = fb__import_open(im, id, x->interest_account, FB_ACCOUNT_MIGRATION_SUSPENSE,
                             st->interest_due - st->oi_due, FB__CODE_OPEN_INTEREST);
    }
    /* Off the balance sheet, as fb__nonaccrual_enter puts it, with nothing to reverse. */
    snprintf(id, sizeof id, "opn:%s", x->id);
    if (rc == FB_OK && st->nonaccrual) {
        rc = fb__tq_add(&im->q, id, fb__gl(gl, sizeof gl, "offbal_interest", x->line),
                        "memo:offbal_contra", st->oi_due + fb__accrued(st, im->as_of),
                        FB_LEDGER_MEMO, FB__CODE_MEMO_IN);
    }
    snprintf(id, sizeof id, "opq:%s", x->id);
    if (rc == FB_OK && st->nonaccrual) {
        rc = fb__tq_add(&im->q, id, fb__gl(gl, sizeof gl, "offbal_penalty", x->line),
                        "memo:offbal_contra", st->op_due, FB_LEDGER_MEMO, FB__CODE_MEMO_IN);
    }
    /* Non-performing from the cut-over: across the line from normal, on the memo ledger. */
    fb__loan_state was = *st;
    was.class = FB_CLASS_NORMAL;
    if (rc == FB_OK && st->status == FB_LOAN_ACTIVE)
        rc = fb__npl_cross(&im->q, &was, x, (int)st->class, im->as_of - 1);
    snprintf(id, sizeof id, "opw:%s", x->id);
    if (rc == FB_OK) {
        rc = fb__import_open(im, id, "gl:loan_loss_provision", FB_ACCOUNT_MIGRATION_SUSPENSE,
                             st->written_off - st->recovered, FB__CODE_OPEN_WRITTEN);
    }
    return rc;
}

int fb__import_loans_write(fb_import *im) {
    FB_ASSERT(im != NULL && im->n_loan_accounts <= FB_BATCH_MAX);
    FB_ASSERT(im->n_drawing <= FB_IMPORT_BATCH_MAX && im->n_drawing <= im->n_loan_accounts / 3);
    int rc = fb__import_accounts(im, im->loan_accounts, im->n_loan_accounts);
    if (rc == FB_OK) rc = fb__tq_flush(&im->q);
    im->n_loan_accounts = 0;
    im->n_drawing = 0;
    fb__strmap_clear(&im->drawing_map);
    return rc;
}

/* Room in the batch for one more loan: its three accounts, its openings (at most eight), its
 * facility. */
static int make_room(fb_import *im) {
    bool full = im->n_loan_accounts + 3 > FB_BATCH_MAX || im->q.n + 8 > FB_BATCH_MAX ||
                im->n_drawing == FB_IMPORT_BATCH_MAX;
    return full ? fb__import_loans_write(im) : FB_OK;
}

/* What f has available: its account, less what the batch's loans not yet written draw on it. */
static int available_now(fb_import *im, const fb_facility *f, int64_t *available) {
    int rc = fb_facility_limits(im->book, f, available, NULL);
    int32_t at = fb__strmap_get(&im->drawing_map, f->id);
    if (rc == FB_OK && at >= 0) *available -= im->drawing_fen[at];
    return rc;
}

/* The loan's rows: the loan and its schedule, its state (the aggregates follow), its opening,
 * its new credit when it was drawn on the business date itself. */
static int write_loan(fb_import *im, fb_import_loan *row, fb__loan_state *st, int64_t accrued) {
    fb_store *s = im->book->store;
    fb_loan *x = &row->loan;
    int64_t key = 0;
    x->maturity_date = im->sched[st->n_count - 1].due_date;
    x->status = (fb_loan_status)st->status;
    x->created_ns = fb_now_ns();
    int rc = fb__store_loan_row_insert(s, x, im->sched, (size_t)st->n_count, &key);
    st->loan = key;
    if (rc == FB_OK) rc = fb__store_loan_cell(s, key, &st->party, &st->cell);
    /* The class it is brought in at opens its class history (classing.c). */
    if (rc == FB_OK && st->status == FB_LOAN_ACTIVE && st->class != FB_CLASS_NORMAL) {
        int64_t given = st->class;
        st->class = FB_CLASS_NORMAL;
        rc = fb__class_record(im->book, st, im->as_of, (int)given, FB_REASON_IMPORTED, "import",
                              "the class the bank's book brought in");
        st->class = given;
    }
    if (rc == FB_OK) rc = fb__store_state_put(s, st);
    /* A class worse than the days past due give is the bank's judgement: end of day keeps it.
     * Not so a non-performing loan that its days past due no longer hold there: the rule holds
     * it, as it would have here (it rises only once its arrears are repaid and its periods and
     * months paid on time since: upgrade_clock, docs/import.md), from the day given or, none
     * given, from its first close with nothing overdue. */
    int64_t dpd = st->oldest_due ? im->as_of - st->oldest_due : 0;
    fb_loan_class by_days =
        dpd > im->rules.technical_days ? fb_loan_class_for_dpd(dpd) : FB_CLASS_NORMAL;
    bool by_rule = st->class >= FB_CLASS_SUBSTANDARD && by_days < FB_CLASS_SUBSTANDARD;
    /* ... nor a class the officer's floor or the observation period's holds: those are kept. */
    bool held = st->class <= st->manual || (st->restructured && st->class <= st->obs_floor);
    if (rc == FB_OK && st->status == FB_LOAN_ACTIVE && st->class > by_days && !by_rule && !held) {
        rc = fb__store_class_floor_set(s, key, (int)st->class, im->as_of);
    }
    int64_t penalty = fb__penalty_rounded(st);
    fb__loan_opening op = {key,     im->run, im->as_of,       st->principal, st->interest_due,
                           accrued, penalty, st->written_off, st->prepaid};
    if (rc == FB_OK) rc = fb__store_loan_opening_insert(s, &op);
    /* Its new credit on the day it was drawn, as a drawdown here records it (the advances that
     * pay certificates' shortfalls are none): the reports of any period count it. */
    if (rc == FB_OK && strncmp(x->id, "adv:", 4) != 0) {
        rc = fb__store_agg_drawn(s, x->terms.start_date, st->cell, st->party,
                                 x->terms.principal_fen, x->terms.rate_e6);
    }
    /* A non-accrual loan's accrual and penalty are on the memo ledger (open_loan). */
    if (!st->nonaccrual) {
        im->accrued[x->line] += accrued;
        im->penalty[x->line] += penalty;
    }
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}

/* A loan already in the book: the same terms are found, others refused. */
static int loan_again(const fb_import_loan *row, const fb_loan *in_book, fb_import_outcome *o) {
    fb_loan x = row->loan;
    if (x.rate_kind == FB_RATE_LPR) x.terms.rate_e6 = in_book->terms.rate_e6;
    const char *field = fb__loan_differs(&x, in_book);
    if (!field) return o->result = FB_IMPORT_EXISTS, FB_OK;
    return fb__import_reject(o, field, "the loan is in the book with another %s", field);
}

int fb__import_loan_one(fb_import *im, fb_import_loan *row, fb_import_outcome *o) {
    FB_ASSERT(im != NULL && row != NULL && o != NULL);
    memset(o, 0, sizeof *o);
    fb_loan *x = &row->loan;
    const char *field = NULL;
    char why[200];
    if (x->rate_kind == FB_RATE_FIXED) x->terms.rate_e6 = row->position.rate_e6;
    if (fb_loan_check(x, &field, why, sizeof why)) return fb__import_reject(o, field, "%s", why);
    fb_loan in_book;
    int64_t key = 0;
    int rc = fb__store_loan_by_id(im->book->store, x->id, &in_book, &key);
    if (rc == FB_OK) return loan_again(row, &in_book, o);
    if (rc != FB_ENOTFOUND) return rc;
    if (x->terms.start_date > im->as_of) {
        return fb__import_reject(o, "start_date", "is after the business date");
    }
    /* A feed's loans are the day's drawdowns: its closed days hold the new credit they had. */
    if (!im->cutover && x->terms.start_date != im->as_of) {
        return fb__import_reject(o, "start_date",
                                 "a feed brings loans drawn on the business date; one drawn "
                                 "before comes in at the cut-over");
    }
    fb_facility f;
    rc = position_check(row, o);
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) rc = against_book(im, row, &f, o);
    int32_t first = 0;
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) rc = assemble(im, row, &first, o);
    fb__loan_state st;
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) {
        if (!im->rules_read) rc = fb__eod_rules_load(im->book, &im->rules);
        im->rules_read = rc == FB_OK;
        if (rc == FB_OK)
            rc = fb__loan_import_position(row, im->sched, im->as_of, &im->rules, &st, o);
    }
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    /* The paid history, which may be spread: before the file's first row, or (with none, the
     * terms' own rows) before the oldest unpaid installment. */
    int32_t history = (int32_t)(first ? first : st.oldest_n) - 1;
    if (first > st.oldest_n && st.due_total > st.due_paid) {
        return fb__import_reject(o, "installments",
                                 "the schedule's rows begin at %d, after the oldest unpaid "
                                 "installment %lld",
                                 first, (long long)st.oldest_n);
    }
    rc = spread_history(row, im->sched, (int32_t)st.n_count, history, o);
    int64_t available = 0;
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) rc = make_room(im);
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) rc = available_now(im, &f, &available);
    if (rc == FB_OK && o->result != FB_IMPORT_REJECTED && st.principal > available) {
        char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
        return fb__import_reject(o, "principal", "%s is more than facility %s has available, %s",
                                 fb_money_format(st.principal, a), f.id,
                                 fb_money_format(available, b));
    }
    if (rc || o->result == FB_IMPORT_REJECTED) return rc;
    int64_t accrued = fb__accrued(&st, im->as_of);
    rc = write_loan(im, row, &st, accrued);
    if (rc == FB_OK) rc = open_loan(im, x, &st, &f);
    if (rc == FB_OK) o->result = FB_IMPORT_CREATED;
    return rc;
}

static int loan_one(fb_import *im, void *row, fb_import_outcome *o) {
    return fb__import_loan_one(im, row, o);
}

int fb_import_loans(fb_import *im, fb_import_loan *rows, size_t n, fb_import_outcome *out) {
    int rc = fb__import_each(im, rows, sizeof *rows, n, out, loan_one);
    return rc ? rc : fb__import_loans_write(im);
}
