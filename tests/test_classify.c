/* test_classify.c — the regulator's rules as pure functions (core/classify.c, core/reterm.c),
 * exhaustively: the classes days past due give (金融资产风险分类办法: "超过" 90, 270, 360 days),
 * the floors and what holds a class up (the upgrade conditions; a restructured loan's observation
 * period, 第二十条), the term classes and extension limits of 贷款通则 (第八条, 第十二条), the
 * provisions' and ratios' rounding, and new terms for every method and shape of a loan: an
 * extension, a restructuring with and without capitalised interest, a renewal, each rebuilt
 * schedule checked against the loan's position (the function asserts its invariants; these
 * tests check what it decides). */
#include "core/classify.h"
#include "core/reterm.h"
#include "finbridge/finbridge.h"
#include "test.h"

static int32_t date(const char *text) {
    int32_t d = 0;
    if (fb_date_parse(text, &d, NULL) != FB_OK) printf("    bad date %s\n", text);
    return d;
}

/* 金融资产风险分类办法 (2023): more than 90 days substandard, 270 doubtful, 360 loss. */
static void days_past_due_give_the_classes(void) {
    static const struct {
        int64_t dpd;
        fb_loan_class c;
    } cases[] = {
        {0, FB_CLASS_NORMAL},       {1, FB_CLASS_SPECIAL_MENTION}, {90, FB_CLASS_SPECIAL_MENTION},
        {91, FB_CLASS_SUBSTANDARD}, {270, FB_CLASS_SUBSTANDARD},   {271, FB_CLASS_DOUBTFUL},
        {360, FB_CLASS_DOUBTFUL},   {361, FB_CLASS_LOSS},          {5000, FB_CLASS_LOSS}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        EXPECT_EQ_INT(cases[i].c, fb_loan_class_for_dpd(cases[i].dpd));
}

/* The 2023 rule's 关注 list excepts an operational or technical short overdue (7天内): with the
 * setting at g days, an overdue of at most g days gives no floor, g + 1 days special mention;
 * the grace touches nothing past 90 days. */
static void a_technical_overdue_within_the_grace_stays_normal(void) {
    for (int64_t g = 0; g <= 7; g++) {
        for (int64_t dpd = 0; dpd <= 9; dpd++) {
            fb__class_in in = {dpd, 0, 0, false, false, 0, false, false, g, 0};
            fb_class_reason why = FB_REASON_OFFICER;
            int want = dpd > g ? FB_CLASS_SPECIAL_MENTION : FB_CLASS_NORMAL;
            EXPECT_EQ_INT(want, fb__class_floor(&in, &why));
            EXPECT_EQ_INT(want, fb__class_decide(&in, &why));
        }
        fb__class_in late = {91, 0, 0, false, false, 0, false, false, g, 0};
        fb_class_reason why = FB_REASON_OFFICER;
        EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, fb__class_floor(&late, &why));
        /* An officer's floor still holds within the grace. */
        fb__class_in held = {3, 1, 1, false, false, 0, false, false, g, 0};
        EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, fb__class_floor(&held, &why));
    }
}

/* A non-retail debtor's credit report (征信): debts more than 90 days overdue at any bank give at
 * least special mention (关注: 同一非零售债务人在本行或其他银行的债务出现不良), more than the
 * share of its debts so overdue substandard (次级: 逾期超过90天的债务已经超过20%); the other floors
 * still hold above it. */
static void a_debtors_debts_at_other_banks_give_a_floor(void) {
    static const int want[3] = {FB_CLASS_NORMAL, FB_CLASS_SPECIAL_MENTION, FB_CLASS_SUBSTANDARD};
    for (int cross = 0; cross <= 2; cross++) {
        fb__class_in in = {0, 0, 0, false, false, 0, false, false, 0, cross};
        fb_class_reason why = FB_REASON_OFFICER;
        EXPECT_EQ_INT(want[cross], fb__class_floor(&in, &why));
        EXPECT_EQ_INT(cross ? FB_REASON_CROSS_BANK : FB_REASON_DAYS_PAST_DUE, why);
        fb__class_in late = {271, 0, 0, false, false, 0, false, false, 0, cross};
        EXPECT_EQ_INT(FB_CLASS_DOUBTFUL, fb__class_floor(&late, &why));
        EXPECT_EQ_INT(FB_REASON_DAYS_PAST_DUE, why);
    }
}

/* Every combination of the floors and the class in force: never below the highest floor; above
 * it only while observed or while a non-performing loan's conditions to rise do not hold. */
static void the_class_is_the_highest_floor_and_rises_only_as_the_rules_allow(void) {
    static const int64_t dpds[] = {0, 1, 91, 271, 361};
    int cases = 0;
    for (size_t d = 0; d < 5; d++)
        for (int cur = 0; cur < 5; cur++)
            for (int manual = 0; manual < 5; manual++)
                for (int obs = 0; obs < 2; obs++)
                    for (int floor = 0; floor < 5; floor++)
                        for (int debtor = 0; debtor < 2; debtor++)
                            for (int ready = 0; ready < 2; ready++) {
                                fb__class_in in = {dpds[d],  cur,   manual, debtor != 0,
                                                   obs != 0, floor, false,  ready != 0,
                                                   0,        0};
                                fb_class_reason why = FB_REASON_OFFICER;
                                int f = fb__class_floor(&in, &why);
                                int got = fb__class_decide(&in, &why);
                                int want = (int)fb_loan_class_for_dpd(dpds[d]);
                                if (manual > want) want = manual;
                                if (obs && floor > want) want = floor;
                                if (debtor && want < 2) want = 2;
                                EXPECT_EQ_INT(want, f);
                                int expect = f;
                                if (f < cur && obs) expect = cur;
                                if (f < cur && !obs && cur >= 2 && f < 2 && !ready) expect = cur;
                                EXPECT_EQ_INT(expect, got);
                                if (got < cur && cur >= 2 && got < 2) {
                                    EXPECT_EQ_INT(FB_REASON_UPGRADE, why);
                                }
                                cases++;
                            }
    printf("  %d cases\n", cases);
}

/* 2023 rule: arrears repaid, then at least two installments and six months on time, whichever
 * ends later. */
static void a_non_performing_loan_waits_two_periods_and_six_months(void) {
    int32_t cured = date("2025-03-31");
    EXPECT_TRUE(!fb__upgrade_ready(0, 10, date("2026-01-01"), 2, 6));
    EXPECT_TRUE(!fb__upgrade_ready(cured, 1, date("2026-01-01"), 2, 6));
    EXPECT_TRUE(!fb__upgrade_ready(cured, 2, date("2025-09-29"), 2, 6));
    EXPECT_TRUE(fb__upgrade_ready(cured, 2, date("2025-09-30"), 2, 6));
    EXPECT_TRUE(fb__upgrade_ready(cured, 6, date("2025-09-30"), 2, 6));
    /* Month ends: August 31 plus six months is February's last day. */
    EXPECT_TRUE(!fb__upgrade_ready(date("2025-08-31"), 2, date("2026-02-27"), 2, 6));
    EXPECT_TRUE(fb__upgrade_ready(date("2025-08-31"), 2, date("2026-02-28"), 2, 6));
}

/* 第二十条: at least two consecutive repayment dates and a year, whichever ends later. */
static void an_observation_lasts_a_year_and_two_periods(void) {
    int32_t start = date("2025-05-20");
    int32_t monthly[3] = {date("2025-05-20"), date("2025-06-20"), date("2025-07-20")};
    EXPECT_EQ_INT(date("2026-05-20"), fb__observation_end(start, 12, 2, monthly, 3));
    int32_t yearly[2] = {date("2025-05-20"), date("2027-05-20")};
    EXPECT_EQ_INT(date("2027-05-20"), fb__observation_end(start, 12, 2, yearly, 2));
    int32_t one[1] = {date("2028-01-01")};
    EXPECT_EQ_INT(date("2028-01-01"), fb__observation_end(start, 12, 2, one, 1));
    EXPECT_EQ_INT(date("2026-05-20"), fb__observation_end(start, 12, 2, NULL, 0));
}

/* 贷款通则 第八条 and 第十二条: a short-term loan (a year or less) by its term, a medium-term one
 * (to five years) by half of it, a long-term one by three years, in all. */
static void extensions_are_limited_by_the_term(void) {
    EXPECT_EQ_INT(FB__TERM_SHORT, fb__term_class_of(12));
    EXPECT_EQ_INT(FB__TERM_MEDIUM, fb__term_class_of(13));
    EXPECT_EQ_INT(FB__TERM_MEDIUM, fb__term_class_of(60));
    EXPECT_EQ_INT(FB__TERM_LONG, fb__term_class_of(61));
    EXPECT_EQ_INT(6, fb__extension_max_months(6));
    EXPECT_EQ_INT(12, fb__extension_max_months(12));
    EXPECT_EQ_INT(6, fb__extension_max_months(13));
    EXPECT_EQ_INT(18, fb__extension_max_months(36));
    EXPECT_EQ_INT(18, fb__extension_max_months(37));
    EXPECT_EQ_INT(30, fb__extension_max_months(60));
    EXPECT_EQ_INT(36, fb__extension_max_months(61));
    EXPECT_EQ_INT(36, fb__extension_max_months(360));
}

static void provisions_and_ratios_round_half_up(void) {
    EXPECT_EQ_INT(25, fb__provision(100, 250000));
    EXPECT_EQ_INT(3, fb__provision(101, 25000)); /* 2.525 */
    EXPECT_EQ_INT(2, fb__provision(99, 25000));  /* 2.475 */
    EXPECT_EQ_INT(1000000000000LL, fb__provision(1000000000000LL, 1000000));
    EXPECT_EQ_INT(0, fb__provision(123456, 0));
    EXPECT_EQ_INT(166667, fb__ratio_e6(1, 6));      /* 16.6667% */
    EXPECT_EQ_INT(1500000, fb__ratio_e6(150, 100)); /* 150% */
    EXPECT_EQ_INT(0, fb__ratio_e6(0, 7));
}

/* ---- New terms ------------------------------------------------------------------------------ */

typedef struct {
    fb_loan_terms terms;
    fb_installment sched[FB_LOAN_MONTHS_MAX];
    size_t n;
    fb__alloc_position x;
} loan;

static void open_running(loan *l) {
    fb__alloc_position *x = &l->x;
    if (x->cur_n > x->n_count) {
        x->period_start = x->due_date = x->cur_interest = x->cur_principal = 0;
        return;
    }
    const fb_installment *i = &l->sched[x->cur_n - 1];
    x->period_start = i->period_start;
    x->due_date = i->due_date;
    x->cur_interest = i->interest_fen;
    x->cur_principal = i->principal_fen;
}

/* A loan with `due` installments fallen due and `paid` fen paid of them, oldest first. */
static void make(loan *l, int64_t principal, int months, fb_method m, int due, int64_t paid) {
    memset(l, 0, sizeof *l);
    l->terms =
        (fb_loan_terms){principal, 43500, months, m, date("2025-01-15"), 0, FB_DAYCOUNT_ACT360};
    const char *field = NULL, *why = NULL;
    EXPECT_EQ_INT(FB_OK,
                  fb_schedule_build(&l->terms, l->sched, FB_LOAN_MONTHS_MAX, &l->n, &field, &why));
    fb__alloc_position *x = &l->x;
    x->status = FB_LOAN_ACTIVE;
    x->principal = principal;
    x->n_count = (int64_t)l->n;
    x->cur_n = x->oldest_n = 1;
    open_running(l);
    for (int k = 0; k < due && x->cur_n <= x->n_count; k++) {
        if (x->due_total == x->due_paid) x->oldest_due = x->due_date;
        x->due_total += x->cur_interest + x->cur_principal;
        x->interest_due += x->cur_interest;
        x->cur_n++;
        open_running(l);
    }
    int64_t left = paid < x->due_total ? paid : x->due_total;
    while (left > 0 && x->oldest_n < x->cur_n) {
        const fb_installment *i = &l->sched[x->oldest_n - 1];
        int64_t pay =
            left < i->payment_fen - x->oldest_paid ? left : i->payment_fen - x->oldest_paid;
        int64_t unpaid = i->interest_fen > x->oldest_paid ? i->interest_fen - x->oldest_paid : 0;
        int64_t interest = pay < unpaid ? pay : unpaid;
        x->interest_due -= interest;
        x->principal -= pay - interest;
        x->due_paid += pay;
        x->oldest_paid += pay;
        left -= pay;
        if (x->oldest_paid < i->payment_fen) break;
        x->oldest_n++;
        x->oldest_paid = 0;
    }
    x->oldest_due = x->oldest_n < x->cur_n ? l->sched[x->oldest_n - 1].due_date : 0;
}

static fb__reterm_out out;

static int reterm(const loan *l, fb_change_kind kind, int months, bool capitalise, int64_t penalty,
                  const char **field) {
    fb__alloc_position before = l->x;
    before.penalty_due = penalty;
    int32_t today = l->x.cur_n <= l->x.n_count ? (int32_t)l->x.period_start + 5
                                               : l->sched[l->n - 1].due_date + 40;
    fb__reterm req = {kind,
                      today,
                      months,
                      39000,
                      l->terms.method,
                      15,
                      FB_DAYCOUNT_ACT360,
                      capitalise,
                      l->x.cur_n <= l->x.n_count ? l->x.cur_interest / 6 : 0,
                      l->terms.principal_fen,
                      l->sched,
                      l->n,
                      false};
    const char *why = NULL;
    return fb__reterm_apply(&before, &req, &out, field, &why);
}

/* 第十二条's extension keeps the installment running; the principal after it is spread over what
 * is left and the months added; the maturity moves by them. */
static void an_extension_keeps_the_running_installment(void) {
    loan l;
    make(&l, 12000000, 24, FB_METHOD_EQUAL_INSTALLMENT, 5, 0);
    const char *field = NULL;
    EXPECT_EQ_INT(FB_OK, reterm(&l, FB_CHANGE_EXTENSION, 6, false, 0, &field));
    EXPECT_EQ_INT(l.x.cur_n, out.replace_from);
    EXPECT_EQ_INT(l.sched[l.x.cur_n - 1].due_date, out.replaced[0].due_date);
    EXPECT_EQ_INT(l.sched[l.x.cur_n - 1].interest_fen, out.replaced[0].interest_fen);
    EXPECT_EQ_INT(1 + (24 - 6) + 6, (int)out.replaced_n); /* the running one, 18 + 6 after it */
    EXPECT_EQ_INT(fb_date_add_months(l.sched[23].due_date, 6, 15), out.maturity);
    EXPECT_EQ_INT(l.x.due_total, out.after.due_total); /* what is overdue stays overdue */
    /* A bullet loan: its one installment keeps its interest, its principal moves to a new one
     * from the old maturity. */
    make(&l, 5000000, 12, FB_METHOD_BULLET, 0, 0);
    EXPECT_EQ_INT(FB_OK, reterm(&l, FB_CHANGE_EXTENSION, 6, false, 0, &field));
    EXPECT_EQ_INT(2, (int)out.replaced_n);
    EXPECT_EQ_INT(0, out.replaced[0].principal_fen);
    EXPECT_EQ_INT(5000000, out.replaced[1].principal_fen);
    EXPECT_EQ_INT(l.sched[0].due_date, out.replaced[1].period_start);
}

/* A restructuring: the running installment's accrual falls due today; overdue principal goes into
 * the new schedule, overdue interest stays owed unless capitalised (利息转为本金). */
static void a_restructuring_reschedules_the_arrears(void) {
    loan l;
    make(&l, 12000000, 24, FB_METHOD_EQUAL_PRINCIPAL, 4, 700000);
    int64_t overdue_principal = l.x.due_total - l.x.due_paid - l.x.interest_due;
    const char *field = NULL;
    EXPECT_EQ_INT(FB_OK, reterm(&l, FB_CHANGE_RESTRUCTURING, 36, false, 0, &field));
    EXPECT_EQ_INT(overdue_principal, out.rescheduled_principal_fen);
    EXPECT_EQ_INT(l.x.interest_due + l.x.cur_interest / 6, out.after.interest_due);
    EXPECT_EQ_INT(l.x.principal, out.after.principal);
    EXPECT_EQ_INT(l.x.cur_n + 1, out.after.cur_n);
    EXPECT_EQ_INT(l.x.cur_n + 36, out.after.n_count);
    EXPECT_EQ_INT(l.x.cur_interest / 6, out.cut_interest_fen);
    /* Capitalised: interest, accrued and penalty owed become principal; nothing is due. */
    EXPECT_EQ_INT(FB_OK, reterm(&l, FB_CHANGE_RESTRUCTURING, 36, true, 12345, &field));
    int64_t interest = l.x.interest_due + l.x.cur_interest / 6;
    EXPECT_EQ_INT(interest, out.capitalised_interest_fen);
    EXPECT_EQ_INT(12345, out.capitalised_penalty_fen);
    EXPECT_EQ_INT(l.x.principal + interest + 12345, out.after.principal);
    EXPECT_EQ_INT(0, out.after.interest_due);
    EXPECT_EQ_INT(0, out.after.penalty_due);
    EXPECT_EQ_INT(out.after.due_total, out.after.due_paid);
    EXPECT_EQ_INT(0, out.after.oldest_due);
    /* Past 480 installments: refused, naming months. */
    EXPECT_EQ_INT(FB_EINVAL, reterm(&l, FB_CHANGE_RESTRUCTURING, 478, false, 0, &field));
    EXPECT_EQ_STR("months", field);
}

/* Every method, shape and kind: the function's own checks hold (it asserts them) and what it
 * decides is what the kind says. */
static void every_method_shape_and_kind(void) {
    static const struct {
        int months, due;
        int64_t paid;
    } shapes[] = {{1, 0, 0},   {3, 2, 0},   {6, 0, 0},   {6, 3, 1234},   {12, 11, 7},
                  {12, 12, 0}, {24, 6, 99}, {36, 30, 0}, {60, 59, 50000}};
    int cases = 0;
    for (int m = 0; m < FB_METHOD_COUNT_; m++) {
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
            loan l;
            make(&l, 10000000 + 37, shapes[s].months, (fb_method)m, shapes[s].due, shapes[s].paid);
            for (int kind = 0; kind < FB_CHANGE_KIND_COUNT_; kind++) {
                for (int cap = 0; cap < 2; cap++) {
                    if (cap && kind != FB_CHANGE_RESTRUCTURING) continue;
                    bool running = l.x.cur_n <= l.x.n_count;
                    if (kind == FB_CHANGE_EXTENSION && !running) continue;
                    const char *field = NULL;
                    EXPECT_EQ_INT(FB_OK, reterm(&l, (fb_change_kind)kind, 7, cap != 0, 77, &field));
                    if (kind == FB_CHANGE_EXTENSION) {
                        EXPECT_EQ_INT(l.x.principal, out.after.principal);
                        EXPECT_TRUE(out.maturity > l.sched[l.n - 1].due_date);
                    } else {
                        EXPECT_EQ_INT(7, out.after.n_count - out.after.cur_n + 1 +
                                             (m == FB_METHOD_BULLET ? 6 : 0));
                        EXPECT_EQ_INT(0, out.after.due_total - out.after.due_paid -
                                             out.after.interest_due);
                    }
                    cases++;
                }
            }
        }
    }
    printf("  %d new terms\n", cases);
}

int main(void) {
    RUN(days_past_due_give_the_classes);
    RUN(the_class_is_the_highest_floor_and_rises_only_as_the_rules_allow);
    RUN(a_technical_overdue_within_the_grace_stays_normal);
    RUN(a_debtors_debts_at_other_banks_give_a_floor);
    RUN(a_non_performing_loan_waits_two_periods_and_six_months);
    RUN(an_observation_lasts_a_year_and_two_periods);
    RUN(extensions_are_limited_by_the_term);
    RUN(provisions_and_ratios_round_half_up);
    RUN(an_extension_keeps_the_running_installment);
    RUN(a_restructuring_reschedules_the_arrears);
    RUN(every_method_shape_and_kind);
    return test_summary();
}
