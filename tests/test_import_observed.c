/* test_import_observed.c — a restructured loan brought in keeps its observation period, and an
 * officer's floor its class (金融资产风险分类办法, 2023, 第二十条: "商业银行应对重组资产设置重组
 * 观察期。观察期自合同调整后约定的第一次还款日开始计算，应至少包含连续两个还款期，并不得低于1年。
 * …债务人在观察期内没有及时足额还款的，应从未履约时点开始，重新计算观察期"; docs/import.md,
 * "A restructured loan's observation period"). A book lives four loans: one restructured and
 * paid on time, one restructured that then misses a payment (observed again, at least
 * substandard), one an officer holds at substandard, and one restructured with its interest
 * capitalised (its schedule repays more than the amount drawn: 资本化利息). Its files are exported
 * as CSV and imported into an empty book at the cut-over; both books then close the same days, an
 * officer finding the first debtor's difficulty resolved in each: the positions agree throughout,
 * and the first loan leaves restructuring on the same day. Then the refusals of the new columns by
 * name, and the technical short overdue (technical_overdue_days) honoured at import. */
#include "book.h"
#include "regulator.h"
#include "wire/export.h"
#include "wire/import.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = 0;
    if (len) *len = buf ? (size_t)n : 0;
    return buf;
}

static const char *const KINDS[] = {"parties", "facilities", "schedules", "loans"};
enum { N_KINDS = 4 };

static void export_all(fb_book *b, int32_t as_of, const char *tag) {
    for (int k = 0; k < N_KINDS; k++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s_%s.csv", test_dir(), tag, KINDS[k]);
        fb_export_request q;
        memset(&q, 0, sizeof q);
        q.kind = KINDS[k];
        q.as_of = as_of;
        q.book_name = "a.db";
        q.source = "test_import_observed";
        fb_export_outcome out;
        int rc = fb_export_write(b, &q, path, &out);
        if (rc) printf("    export %s: %s\n", KINDS[k], out.message);
        EXPECT_EQ_INT(FB_OK, rc);
    }
}

static fb_import_report *import_all(fb_book *b, int32_t as_of, const char *tag) {
    static char paths[N_KINDS][700];
    static fb_import_request q;
    static fb_import_report report;
    memset(&q, 0, sizeof q);
    q.as_of = as_of;
    for (int k = 0; k < N_KINDS; k++) {
        snprintf(paths[k], sizeof paths[k], "%s/%s_%s.csv", test_dir(), tag, KINDS[k]);
        q.files[q.n_files++] = paths[k];
    }
    EXPECT_EQ_INT(FB_OK, fb_import_files(b, &q, &report));
    if (report.error[0]) printf("    import %s: %s\n", tag, report.error);
    return &report;
}

static void close_through(fb_book *b, int32_t d) {
    int32_t closed = 0;
    fb_eod_options o = {FB_EOD_DAYS_MAX, NULL, NULL, NULL};
    int rc = fb_eod_run(b, d, &o, &closed);
    if (rc) printf("    eod: %s\n", fb_book_errmsg(b));
    EXPECT_EQ_INT(FB_OK, rc);
}

static bool same_position(fb_book *a, fb_book *b, const char *loan, const char *when) {
    fb_loan_position x, y;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(a, loan, &x));
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(b, loan, &y));
    bool same = memcmp(&x, &y, sizeof x) == 0;
    if (!same) {
        printf("    %s %s: class %d/%d restructured %d/%d observed %d..%d/%d..%d floor %d/%d "
               "missed %d/%d manual %d/%d principal %lld/%lld\n",
               loan, when, x.loan_class, y.loan_class, x.restructured, y.restructured,
               x.observation_start, x.observation_end, y.observation_start, y.observation_end,
               x.observation_floor, y.observation_floor, x.observation_missed, y.observation_missed,
               x.manual_floor, y.manual_floor, (long long)x.principal_fen,
               (long long)y.principal_fen);
    }
    EXPECT_TRUE(same);
    return same;
}

/* The core system's book at the open of 2025-09-01. R1's borrower stops paying in February, R1
 * is restructured on 2025-04-21 (its interest capitalised, 24 months more) and then paid on
 * time; R3's the same, until its borrower stops again in July; R2 is normal and paid, held at
 * substandard by an officer. */
static fb_book *lived(void) {
    open_book();
    const char *parties[] = {"p1", "p2", "p3", "p4"}, *lines[] = {"f1", "f2", "f3", "f4"},
               *loans[] = {"R1", "R2", "R3", "R4"};
    for (int i = 0; i < 4; i++) {
        party(parties[i], i + 1, false);
        facility(lines[i], parties[i], FB_LINE_TECHNOLOGY, 900000000, true);
        loan(loans[i], lines[i], 12000000, 48000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15");
    }
    drain("p1");
    drain("p3");
    drain("p4");
    eod("2025-04-20");
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("R1").loan_class);
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("R1", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, false, NULL));
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("R3", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, false, NULL));
    /* R4 as R1, its interest fallen due and accrued capitalised into principal (利息转为本金). */
    EXPECT_EQ_INT(FB_CHANGE_DONE,
                  change("R4", FB_CHANGE_RESTRUCTURING, 24, FB_DIFFICULTY_OVERDUE, true, NULL));
    EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("R2", FB_CLASS_SUBSTANDARD, false, NULL));
    fund("p1", 30000000);
    fund("p4", 30000000);
    fund("p3", 800000); /* the first installments under the new terms, not July's */
    eod("2025-08-31");
    fb_loan_position r1 = position("R1"), r3 = position("R3");
    EXPECT_TRUE(r1.restructured && !r1.observation_missed && r1.days_past_due == 0);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, r1.observation_floor);
    EXPECT_TRUE(r3.restructured && r3.observation_missed && r3.days_past_due > 0);
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, r3.observation_floor);
    EXPECT_TRUE(r3.observation_start > r1.observation_start); /* observed again from the miss */
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("R2").manual_floor);
    fb_loan_position r4 = position("R4");
    EXPECT_TRUE(r4.restructured && r4.capitalised_fen > 0 && r4.days_past_due == 0);
    return L;
}

static void a_restructured_loan_keeps_its_observation_period(void) {
    fb_book *a = lived();
    int32_t cut = day("2025-09-01");
    export_all(a, cut, "obs");
    open_book();
    fb_book *b = L;
    fb_import_report *r = import_all(b, cut, "obs");
    EXPECT_TRUE(r->summary.committed && !r->refused);
    for (size_t f = 0; f < r->n_files; f++) {
        if (!r->files[f].rejects[0]) continue;
        char *t = slurp(r->files[f].rejects, NULL);
        printf("    rejected: %s\n", t ? t : "");
        free(t);
    }
    const char *loans[] = {"R1", "R2", "R3", "R4"};
    for (int i = 0; i < 4; i++)
        same_position(a, b, loans[i], "at the cut-over");
    /* The loans export of the book brought in writes the same columns. */
    fb_loan_position r1;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(a, "R1", &r1));
    int32_t resolved_on = day("2026-01-05"), end = r1.observation_end;
    EXPECT_TRUE(end > resolved_on);
    bool agree = true;
    for (int32_t d = cut; d <= end + 40; d++) {
        if (d == resolved_on) {
            L = a;
            EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("R1", FB_CLASS_SPECIAL_MENTION, true, NULL));
            L = b;
            EXPECT_EQ_INT(FB_CLASSIFY_DONE, classify("R1", FB_CLASS_SPECIAL_MENTION, true, NULL));
        }
        close_through(a, d);
        close_through(b, d);
        for (int i = 0; agree && i < 4; i++) {
            char when[32];
            fb_date_format(d, when);
            agree = same_position(a, b, loans[i], when);
        }
    }
    /* Paid on time throughout and the difficulty resolved: no longer restructured, in both. */
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(b, "R1", &r1));
    EXPECT_TRUE(!r1.restructured);
    fb_loan_position r2;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(b, "R2", &r2));
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, r2.loan_class); /* the officer's floor holds it */
    L = a;
    verify_ok();
    L = b;
    verify_ok();
    fb_book_close(a);
    fb_book_close(b);
    L = NULL;
}

/* ---- Refusals, row by row ------------------------------------------------------------------ */

static fb_import *refusals_book(void) {
    open_book();
    party("p0", 1, false);
    facility("f0", "p0", FB_LINE_TECHNOLOGY, 900000000, true);
    fb_import *im = NULL;
    EXPECT_EQ_INT(FB_OK, fb_import_begin(L, day("2025-07-01"), &im));
    return im;
}

/* An equal-principal loan of 120,000.00 over 12 months from 2025-01-15 at 4.8%: five
 * installments paid, the sixth (due 2025-07-15) running, nothing overdue, at the open of
 * 2025-07-01; restructured. */
static fb_import_loan sample(void) {
    fb_import_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.loan.id, sizeof x.loan.id, "M1");
    snprintf(x.loan.facility, sizeof x.loan.facility, "f0");
    x.loan.terms = (fb_loan_terms){
        12000000, 48000, 12, FB_METHOD_EQUAL_PRINCIPAL, day("2025-01-15"), 0, FB_DAYCOUNT_ACT360};
    x.loan.penalty_markup_pct = 50;
    x.loan.restructured = true;
    fb_import_position *p = &x.position;
    p->status = FB_LOAN_ACTIVE;
    p->rate_e6 = 48000;
    p->principal_fen = 7000000;
    p->interest_accrued_fen = p->days_past_due = -1;
    p->loan_class = -1;
    p->installment = 6;
    p->installments = 12;
    p->nonaccrual = -1;
    p->offbal_interest_fen = p->offbal_penalty_fen = p->paid_on_time = -1;
    return x;
}

static int seq; /* each row a loan of its own: R1, R2, ... */

static fb_import_outcome brought(fb_import *im, fb_import_loan x) {
    snprintf(x.loan.id, sizeof x.loan.id, "R%d", ++seq);
    fb_import_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_import_loans(im, &x, 1, &o));
    return o;
}

static void refused(fb_import *im, fb_import_loan x, const char *field, const char *says) {
    fb_import_outcome o = brought(im, x);
    EXPECT_EQ_INT(FB_IMPORT_REJECTED, o.result);
    EXPECT_EQ_STR(field, o.field ? o.field : "(none)");
    if (!strstr(o.reason, says)) printf("    %s: %s\n", field, o.reason);
    EXPECT_TRUE(strstr(o.reason, says) != NULL);
}

static void taken(fb_import *im, fb_import_loan x) {
    fb_import_outcome o = brought(im, x);
    if (o.result != FB_IMPORT_CREATED) printf("    %s: %s\n", o.field, o.reason);
    EXPECT_EQ_INT(FB_IMPORT_CREATED, o.result);
}

/* 第二十条's least period from a start: a year, and two repayment dates. From 2025-07-15 (the
 * sixth's due date) a year is 2026-07-15, after the loan's last installment (2026-01-15): the
 * period ends 2026-07-15. From 2024-12-31 it would be before the loan. */
static void an_observation_period_that_does_not_hold_is_refused_by_name(void) {
    fb_import *im = refusals_book();
    if (!im) return;
    fb_import_loan x = sample();
    taken(im, x); /* no period given: from the next due date, 2025-07-15, for a year */
    fb_import_loan y = x;
    y.position.observation_start = day("2025-07-15");
    y.position.observation_end = day("2026-07-14");
    refused(im, y, "observation_end", "is 2026-07-14, before 2026-07-15: a period from 2025-07-15");
    y.position.observation_end = day("2026-07-15");
    taken(im, y);
    y.position.observation_start = day("2024-12-31");
    y.position.observation_end = 0;
    refused(im, y, "observation_start", "must be within the loan's life, 2025-01-15 to 2026-01-15");
    /* Later than the least is the bank's (a restart the core system made). */
    y.position.observation_start = day("2025-06-15");
    y.position.observation_end = day("2026-06-30");
    taken(im, y);
    /* A period that ended before the cut-over: a loan of 24 months from 2024-01-15, observed
     * from 2024-03-15 (to 2025-03-15 at least), is no longer in it on 2025-07-01. */
    fb_import_loan old = sample();
    old.loan.terms.months = 24;
    old.loan.terms.start_date = day("2024-01-15");
    old.position.principal_fen = 3500000; /* 17 of 5,000.00 repaid */
    old.position.installment = 18;
    old.position.installments = 24;
    taken(im, old);
    old.position.observation_start = day("2024-03-15");
    refused(im, old, "observation_start",
            "gives a period that ended on 2025-03-15, before the "
            "business date 2025-07-01");
    old.position.observation_end = day("2025-06-30");
    refused(im, old, "observation_end", "gives a period that ended on 2025-06-30");
    /* The columns belong to a restructured loan. */
    fb_import_loan z = sample();
    z.loan.restructured = false;
    z.position.observation_floor = FB_CLASS_SUBSTANDARD;
    refused(im, z, "observation_floor",
            "is a restructured active loan's (重组贷款), and this "
            "loan is not restructured");
    /* Its class at least its floor: a payment missed in the period, at least substandard. */
    fb_import_loan m = sample();
    m.position.observation_missed = true;
    m.position.loan_class = FB_CLASS_SPECIAL_MENTION;
    refused(im, m, "class", "better than substandard, the least its observation period's floor");
    m.position.loan_class = FB_CLASS_SUBSTANDARD;
    m.position.nonaccrual = -1;
    taken(im, m);
    /* The officer's floor: the class at least it; a settled loan has none. */
    fb_import_loan f = sample();
    f.loan.restructured = false;
    f.position.class_floor = FB_CLASS_DOUBTFUL;
    f.position.loan_class = FB_CLASS_SUBSTANDARD;
    refused(im, f, "class", "better than doubtful, the least the officer's floor (class_floor)");
    f.position.loan_class = -1; /* the floor's */
    taken(im, f);
    fb_import_summary sum;
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(!sum.committed); /* rows were refused: nothing is written */
    fb_import_free(im);
    /* The sample alone comes in, observed from its next due date for a year. */
    EXPECT_EQ_INT(FB_OK, fb_import_begin(L, day("2025-07-01"), &im));
    if (!im) return;
    seq = 0;
    taken(im, x);
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
    EXPECT_TRUE(sum.committed);
    fb_import_free(im);
    fb_loan_position p;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "R1", &p));
    EXPECT_TRUE(p.restructured);
    EXPECT_EQ_INT(day("2025-07-15"), p.observation_start);
    EXPECT_EQ_INT(day("2026-07-15"), p.observation_end);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, p.loan_class);
    EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, p.observation_floor);
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

/* 金融资产风险分类办法 (2023), 关注: "本金、利息或收益逾期，操作性或技术性原因导致的短期逾期除外
 * （7天内）". With technical_overdue_days 3, a loan 3 days past due at the cut-over comes in
 * normal, as end of day would keep it here; 4 days past due it is special mention at least. Without
 * the setting, normal at 3 days is refused. */
static void a_technical_short_overdue_comes_in_normal(void) {
    for (int setting = 0; setting <= 3; setting += 3) {
        open_book();
        party("p0", 1, false);
        facility("f0", "p0", FB_LINE_TECHNOLOGY, 900000000, true);
        EXPECT_EQ_INT(FB_OK, fb_setting_set(L, "technical_overdue_days", setting));
        fb_import *im = NULL;
        EXPECT_EQ_INT(FB_OK, fb_import_begin(L, day("2025-06-18"), &im));
        if (!im) return;
        seq = 0;
        fb_import_loan x = sample();
        x.loan.restructured = false;
        /* The fifth installment (due 2025-06-15: 10,000.00 and 320.00 of interest) unpaid. */
        x.position.principal_fen = 8000000;
        x.position.principal_overdue_fen = 1000000;
        x.position.interest_overdue_fen = 32000;
        x.position.loan_class = FB_CLASS_NORMAL;
        if (setting) {
            taken(im, x);
        } else {
            refused(im, x, "class",
                    "is normal, better than special_mention, the least its days "
                    "past due allow");
        }
        fb_import_summary sum;
        EXPECT_EQ_INT(FB_OK, fb_import_finish(im, true, &sum));
        fb_import_free(im);
        if (setting) {
            fb_loan_position p = position("R1");
            EXPECT_EQ_INT(3, p.days_past_due);
            EXPECT_EQ_INT(FB_CLASS_NORMAL, p.loan_class);
            EXPECT_TRUE(p.technical_overdue);
            eod("2025-06-18"); /* 4 days at its close: special mention */
            EXPECT_EQ_INT(FB_CLASS_SPECIAL_MENTION, position("R1").loan_class);
            verify_ok();
        }
        fb_book_close(L);
        L = NULL;
    }
}

/* A restructuring that capitalised interest (利息转为本金): what was capitalised (capitalised) is
 * principal beyond the amount drawn; figures that do not hold together with it are refused by
 * name. (The round trip above brings such a loan in and lives it.) */
static void capitalised_interest_that_does_not_hold_is_refused_by_name(void) {
    fb_import *im = refusals_book();
    if (!im) return;
    fb_import_loan x = sample();
    x.position.capitalised_fen = -1;
    refused(im, x, "capitalised", "must not be negative");
    x.position.capitalised_fen = FB_PRINCIPAL_MAX_FEN + 1;
    refused(im, x, "capitalised", "is more than");
    /* 130,000.00 owed on 120,000.00 drawn: more than the amount, and nothing capitalised. */
    x.position.capitalised_fen = 0;
    x.position.principal_fen = 13000000;
    refused(im, x, "principal", "more than the amount drawn (a restructuring that capitalised");
    x.position.capitalised_fen = 500000;
    refused(im, x, "principal", "more than the amount drawn and what was capitalised");
    /* 75,000.00 owed, 5,000.00 of it capitalised: the schedule from the sixth installment holds
     * it, the paid ones the rest of the amount. */
    x.position.principal_fen = 7500000;
    taken(im, x);
    fb_loan_position p;
    char id[16];
    snprintf(id, sizeof id, "R%d", seq);
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, id, &p));
    EXPECT_EQ_INT(500000, p.capitalised_fen);
    EXPECT_EQ_INT(7500000, p.principal_fen);
    fb_import_summary sum;
    EXPECT_EQ_INT(FB_OK, fb_import_finish(im, false, &sum)); /* rows were refused: rolled back */
    EXPECT_TRUE(!sum.committed);
    fb_import_free(im);
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

int main(void) {
    RUN(a_restructured_loan_keeps_its_observation_period);
    RUN(an_observation_period_that_does_not_hold_is_refused_by_name);
    RUN(a_technical_short_overdue_comes_in_normal);
    RUN(capitalised_interest_that_does_not_hold_is_refused_by_name);
    return test_summary();
}
