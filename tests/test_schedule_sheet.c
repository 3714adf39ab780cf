/* test_schedule_sheet.c — schedules cross-checked by an independent implementation: a gnumeric
 * workbook recomputes every row of a few hundred random loans of every method with the
 * spreadsheet's own PMT, EDATE/EOMONTH date rules and ROUND, and ssconvert evaluates it.
 *
 * Each row is checked on its own: the sheet starts from the balance our previous row left, so a
 * difference points at one step. Seeded; deterministic. */
#include <sys/wait.h>

#include "finbridge/finbridge.h"
#include "test.h"

#define LOANS 320
#define SERIAL_EPOCH 25569 /* 1970-01-01 in the spreadsheet's 1900 date system */

typedef struct {
    fb_loan_terms t;
    size_t n;
    fb_installment s[FB_LOAN_MONTHS_MAX];
} loan;

static loan loans[LOANS];
static uint64_t rng = 20251129;

static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void random_loan(loan *l, int i) {
    fb_loan_terms *t = &l->t;
    t->method = (fb_method)(i % FB_METHOD_COUNT_);
    t->principal_fen = 100000 + (int64_t)(next() % 500000000);  /* 1,000 to 5,001,000 yuan */
    t->rate_e6 = 10000 + (int64_t)(next() % 14001) / 100 * 100; /* 1.00% to 15.00% */
    t->months =
        t->method == FB_METHOD_BULLET ? 1 + (int32_t)(next() % 36) : 1 + (int32_t)(next() % 120);
    t->start_date = fb_date_from_ymd(2020, 1, 1) + (int32_t)(next() % 3650);
    t->repayment_day = next() % 3 ? 0 : 1 + (int)(next() % 31);
    t->day_count = next() % 2 ? FB_DAYCOUNT_ACT360 : FB_DAYCOUNT_ACT365;
    const char *field, *why;
    if (fb_schedule_build(t, l->s, FB_LOAN_MONTHS_MAX, &l->n, &field, &why) != FB_OK) {
        printf("  loan %d: %s %s\n", i, field, why);
        l->n = 0;
    }
}

/* The spreadsheet's formulas for row k of loan l, given the balance before it. */
static void row_formulas(const loan *l, size_t k, FILE *f, int row) {
    const fb_loan_terms *t = &l->t;
    long long start = t->start_date + SERIAL_EPOCH, rate = (long long)t->rate_e6;
    long long prev = k == 0 ? (long long)t->principal_fen : (long long)l->s[k - 1].balance_fen;
    long long p = (long long)t->principal_fen;
    int months = t->method == FB_METHOD_BULLET ? t->months : (int)k + 1, n = t->months;
    char day[64], due[256], from[64], interest[512], principal[256];
    /* The last installment falls on the contract's maturity: the start's day. */
    bool last = (int)k == n - 1 || t->method == FB_METHOD_BULLET;
    if (t->repayment_day && !last) {
        snprintf(day, sizeof day, "%d", t->repayment_day);
    } else {
        snprintf(day, sizeof day, "DAY(%lld)", start);
    }
    snprintf(due, sizeof due,
             "DATE(YEAR(EDATE(%lld,%d)),MONTH(EDATE(%lld,%d)),MIN(%s,DAY(EOMONTH(%lld,%d))))",
             start, months, start, months, day, start, months);
    snprintf(from, sizeof from, "%lld",
             k == 0 ? start : (long long)l->s[k - 1].due_date + SERIAL_EPOCH);
    /* By days: a bullet loan, and a first or last period broken by a repayment day other than
     * the start's. */
    int y, m, d;
    fb_date_to_ymd(t->start_date, &y, &m, &d);
    bool broken = t->repayment_day && t->repayment_day != d;
    bool by_days = t->method == FB_METHOD_BULLET || (broken && (k == 0 || (int)k == n - 1));
    int year = t->day_count == FB_DAYCOUNT_ACT360 ? 360 : 365;
    if (by_days) {
        snprintf(interest, sizeof interest, "ROUND(%lld*%lld*(%s-%s)/(%d*1000000),0)", prev, rate,
                 due, from, year);
    } else {
        snprintf(interest, sizeof interest, "ROUND(%lld*%lld/12000000,0)", prev, rate);
    }
    if (last) {
        snprintf(principal, sizeof principal, "%lld", prev);
    } else if (t->method == FB_METHOD_EQUAL_INSTALLMENT) {
        snprintf(principal, sizeof principal,
                 "ROUND(PMT(%lld/12000000,%d,-%lld),0)-ROUND(%lld*%lld/12000000,0)", rate, n, p,
                 prev, rate);
    } else if (t->method == FB_METHOD_EQUAL_PRINCIPAL) {
        snprintf(principal, sizeof principal, "ROUND(%lld/%d,0)", p, n);
    } else {
        snprintf(principal, sizeof principal, "0");
    }
    /* Days since 1970-01-01: a date minus a date is a plain number in the CSV. */
    fprintf(f, "<gnm:Cell Row=\"%d\" Col=\"0\">=%s-DATE(1970,1,1)</gnm:Cell>\n", row, due);
    fprintf(f, "<gnm:Cell Row=\"%d\" Col=\"1\">=%s</gnm:Cell>\n", row, interest);
    fprintf(f, "<gnm:Cell Row=\"%d\" Col=\"2\">=%s</gnm:Cell>\n", row, principal);
}

static int write_workbook(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gnm:Workbook xmlns:gnm=\"http://www.gnumeric.org/v10.dtd\">\n"
          "<gnm:SheetNameIndex><gnm:SheetName>S</gnm:SheetName></gnm:SheetNameIndex>\n"
          "<gnm:Sheets><gnm:Sheet><gnm:Name>S</gnm:Name><gnm:MaxCol>3</gnm:MaxCol>\n"
          "<gnm:Cells>\n",
          f);
    int row = 0;
    for (int i = 0; i < LOANS; i++) {
        for (size_t k = 0; k < loans[i].n; k++)
            row_formulas(&loans[i], k, f, row++);
    }
    fputs("</gnm:Cells></gnm:Sheet></gnm:Sheets></gnm:Workbook>\n", f);
    fclose(f);
    return row;
}

static void spreadsheet_agrees_with_every_row(void) {
    for (int i = 0; i < LOANS; i++)
        random_loan(&loans[i], i);
    char book[512], csv[512], cmd[1200];
    snprintf(book, sizeof book, "%s/schedules.gnumeric", test_dir());
    snprintf(csv, sizeof csv, "%s/schedules.csv", test_dir());
    int rows = write_workbook(book);
    EXPECT_TRUE(rows > LOANS);
    snprintf(cmd, sizeof cmd, "ssconvert --recalc '%s' '%s' >/dev/null 2>&1", book, csv);
    int status = system(cmd);
    EXPECT_TRUE(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    FILE *f = fopen(csv, "r");
    EXPECT_TRUE(f != NULL);
    if (!f) return;
    int checked = 0, wrong = 0, loans_per_method[FB_METHOD_COUNT_] = {0};
    for (int i = 0; i < LOANS; i++) {
        if (loans[i].n) loans_per_method[loans[i].t.method]++;
        for (size_t k = 0; k < loans[i].n; k++) {
            long long due = 0, interest = 0, principal = 0;
            if (fscanf(f, "%lld,%lld,%lld\n", &due, &interest, &principal) != 3) {
                wrong++;
                continue;
            }
            const fb_installment *r = &loans[i].s[k];
            checked++;
            if (due != r->due_date || interest != r->interest_fen ||
                principal != r->principal_fen) {
                if (wrong++ < 10) {
                    char a[11];
                    printf("  loan %d (%s) row %zu: ours %s %lld %lld, sheet %lld %lld %lld\n", i,
                           fb_method_name(loans[i].t.method), k + 1, fb_date_format(r->due_date, a),
                           (long long)r->interest_fen, (long long)r->principal_fen, due, interest,
                           principal);
                }
            }
        }
    }
    fclose(f);
    EXPECT_EQ_INT(0, wrong);
    EXPECT_EQ_INT(rows, checked);
    for (int m = 0; m < FB_METHOD_COUNT_; m++)
        EXPECT_TRUE(loans_per_method[m] >= 75);
    printf("  %d rows of %d loans checked against gnumeric, %d differ\n", checked, LOANS, wrong);
}

int main(void) {
    RUN(spreadsheet_agrees_with_every_row);
    return test_summary();
}
