/* test_import_npl.c — a non-performing loan brought in on its way up rises on the day it would
 * have had it lived here (金融资产风险分类办法, 2023: its arrears repaid, then two periods or six
 * months on time, whichever is longer; docs/accounts.md "Rising out of non-performing"). A book
 * lives a loan into substandard and out of its arrears; its parties, facilities, schedules and
 * loans are exported as CSV and as XLSX mid-observation, and imported into empty books, whose
 * loans' exports carry the day the arrears were repaid (欠款结清日) and the installments paid on
 * time since (结清后按期还款期数). All three books then close the same days: the loan rises to
 * normal on the same day in each, by the rule (reason upgrade), and every position agrees.
 * Then the refusals of the two columns, each by name. */
#include "book.h"
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

static void export_all(fb_book *b, int32_t as_of, const char *tag, fb_export_format format) {
    for (int k = 0; k < N_KINDS; k++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s_%s.%s", test_dir(), tag, KINDS[k],
                 format == FB_EXPORT_XLSX ? "xlsx" : "csv");
        fb_export_request q;
        memset(&q, 0, sizeof q);
        q.kind = KINDS[k];
        q.format = format;
        q.as_of = as_of;
        q.book_name = "a.db";
        q.source = "test_import_npl";
        fb_export_outcome out;
        int rc = fb_export_write(b, &q, path, &out);
        if (rc) printf("    export %s: %s\n", KINDS[k], out.message);
        EXPECT_EQ_INT(FB_OK, rc);
    }
}

/* Imports the four files of tag into b at as_of: the report, committed or not. */
static fb_import_report *import_all(fb_book *b, int32_t as_of, const char *tag, const char *ext,
                                    bool dry_run) {
    static char paths[N_KINDS][700];
    static fb_import_request q;
    static fb_import_report report;
    memset(&q, 0, sizeof q);
    q.as_of = as_of;
    q.dry_run = dry_run;
    for (int k = 0; k < N_KINDS; k++) {
        snprintf(paths[k], sizeof paths[k], "%s/%s_%s.%s", test_dir(), tag, KINDS[k], ext);
        q.files[q.n_files++] = paths[k];
    }
    EXPECT_EQ_INT(FB_OK, fb_import_files(b, &q, &report));
    if (report.error[0]) printf("    import %s: %s\n", tag, report.error);
    return &report;
}

/* The day the loan's class history says it rose to normal (0: it has not). */
static int32_t rose_on(fb_book *b, const char *loan) {
    fb_class_entry *e = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_loan_class_history(b, loan, &e, &n));
    int32_t when = 0;
    for (size_t i = 0; i < n; i++) {
        if (e[i].to_class == FB_CLASS_NORMAL && e[i].from_class >= FB_CLASS_SUBSTANDARD &&
            e[i].reason == FB_REASON_UPGRADE)
            when = e[i].date;
    }
    free(e);
    return when;
}

static void close_through(fb_book *b, int32_t d) {
    int32_t closed = 0;
    fb_eod_options o = {FB_EOD_DAYS_MAX, NULL, NULL, NULL};
    int rc = fb_eod_run(b, d, &o, &closed);
    if (rc) printf("    eod: %s\n", fb_book_errmsg(b));
    EXPECT_EQ_INT(FB_OK, rc);
}

static void same_position(fb_book *a, fb_book *b, const char *loan, const char *when) {
    fb_loan_position x, y;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(a, loan, &x));
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(b, loan, &y));
    bool same = memcmp(&x, &y, sizeof x) == 0;
    if (!same) {
        printf("    %s: class %d/%d repaid %d/%d on time %lld/%lld principal %lld/%lld\n", when,
               x.loan_class, y.loan_class, x.arrears_repaid, y.arrears_repaid,
               (long long)x.paid_on_time, (long long)y.paid_on_time, (long long)x.principal_fen,
               (long long)y.principal_fen);
    }
    EXPECT_TRUE(same);
}

/* An equal-principal loan of 120,000.00 over 24 months from 2025-01-15 at 4.8%: its borrower
 * pays nothing until 2025-06-02 (the 02-15 installment 107 days past due, substandard), then
 * everything due, and on time after. The core system's book at the open of 2025-09-01. */
static fb_book *lived(void) {
    open_book();
    party("p0", 1, false);
    facility("f0", "p0", FB_LINE_INCLUSIVE, 900000000, true);
    loan("N1", "f0", 12000000, 48000, 0, 24, FB_METHOD_EQUAL_PRINCIPAL, "2025-01-15");
    drain("p0");
    eod("2025-06-01");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, position("N1").loan_class);
    fund("p0", 20000000); /* the arrears are collected at the close of 06-02, and on time after */
    eod("2025-08-31");
    fb_loan_position p = position("N1");
    EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, p.loan_class);
    EXPECT_EQ_INT(day("2025-06-02"), p.arrears_repaid);
    EXPECT_EQ_INT(3, p.paid_on_time); /* 06-15, 07-15, 08-15 */
    EXPECT_EQ_INT(0, p.days_past_due);
    return L;
}

static fb_book *empty_book(void) {
    open_book();
    return L;
}

static void a_loan_on_its_way_up_rises_on_the_same_day(void) {
    fb_book *a = lived();
    int32_t cut = day("2025-09-01");
    export_all(a, cut, "npl", FB_EXPORT_CSV);
    export_all(a, cut, "npl", FB_EXPORT_XLSX);
    fb_book *b = empty_book();
    fb_import_report *r = import_all(b, cut, "npl", "csv", false);
    EXPECT_TRUE(r->summary.committed && !r->refused);
    fb_book *c = empty_book();
    r = import_all(c, cut, "npl", "xlsx", false);
    EXPECT_TRUE(r->summary.committed && !r->refused);
    same_position(a, b, "N1", "at the cut-over (CSV)");
    same_position(a, c, "N1", "at the cut-over (XLSX)");
    /* The exports of the books brought in are the first one's, the two columns with them. */
    export_all(b, cut, "npl_b", FB_EXPORT_CSV);
    char pa[700], pb[700];
    snprintf(pa, sizeof pa, "%s/npl_loans.csv", test_dir());
    snprintf(pb, sizeof pb, "%s/npl_b_loans.csv", test_dir());
    size_t na = 0, nb = 0;
    char *ta = slurp(pa, &na), *tb = slurp(pb, &nb);
    EXPECT_TRUE(
        ta && tb && strstr(ta, "欠款结清日,结清后按期还款期数") &&
        strstr(ta, ",2025-06-02,3,,,,,,,0.00\r\n")); /* no observation, floor, capitalised */
    const char *ra = ta ? strstr(ta, "\r\n") : NULL, *rb = tb ? strstr(tb, "\r\n") : NULL;
    EXPECT_TRUE(ra && rb && strcmp(ra, rb) == 0); /* the rows after the title line */
    free(ta);
    free(tb);
    /* Six months after 06-02, with at least two installments on time: normal from 12-02 (the
     * close of 12-01 raises it). */
    for (int32_t d = cut; d <= day("2026-01-31"); d++) {
        close_through(a, d);
        close_through(b, d);
        close_through(c, d);
        if (d == day("2025-12-01") - 1) {
            fb_loan_position p;
            EXPECT_EQ_INT(FB_OK, fb_loan_position_get(b, "N1", &p));
            EXPECT_EQ_INT(FB_CLASS_SUBSTANDARD, p.loan_class); /* not before its six months */
        }
    }
    EXPECT_EQ_INT(day("2025-12-01"), rose_on(a, "N1")); /* closed normal: normal from 12-02 */
    EXPECT_EQ_INT(rose_on(a, "N1"), rose_on(b, "N1"));
    EXPECT_EQ_INT(rose_on(a, "N1"), rose_on(c, "N1"));
    same_position(a, b, "N1", "two months after it rose (CSV)");
    same_position(a, c, "N1", "two months after it rose (XLSX)");
    L = a;
    verify_ok();
    L = b;
    verify_ok();
    fb_book_close(a);
    fb_book_close(b);
    fb_book_close(c);
    L = NULL;
}

/* The first book's files with the loan's two cells set, imported (dry run) into an empty book:
 * the rejects file's text, or NULL when every row came in. */
static char *imported_with(const char *repaid, const char *ontime) {
    const char *cells = ",2025-06-02,3,,,,,,,0.00\r\n"; /* no observation, floor, capitalised */
    size_t n = 0;
    for (int k = 0; k < N_KINDS; k++) {
        char from[700], to[700];
        snprintf(from, sizeof from, "%s/npl_%s.csv", test_dir(), KINDS[k]);
        snprintf(to, sizeof to, "%s/bad_%s.csv", test_dir(), KINDS[k]);
        char *t = slurp(from, &n);
        char *at = t && k == 3 ? strstr(t, cells) : NULL;
        EXPECT_TRUE(t != NULL && (k < 3 || at != NULL));
        FILE *g = fopen(to, "wb");
        if (!t || !g || (k == 3 && !at)) {
            free(t);
            if (g) fclose(g);
            return NULL;
        }
        if (at) {
            fprintf(g, "%.*s,%s,%s,,,,,,,0.00\r\n%s", (int)(at - t), t, repaid, ontime,
                    at + strlen(cells));
        } else {
            fwrite(t, 1, n, g);
        }
        fclose(g);
        free(t);
    }
    char rej[700];
    snprintf(rej, sizeof rej, "%s/bad_loans.rejected.csv", test_dir());
    remove(rej);
    fb_book *b = empty_book();
    fb_import_report *r = import_all(b, day("2025-09-01"), "bad", "csv", true);
    bool refused = r->refused;
    fb_book_close(b);
    L = NULL;
    return refused ? slurp(rej, &n) : NULL;
}

static void refused_with(const char *repaid, const char *ontime, const char *column,
                         const char *says) {
    char *t = imported_with(repaid, ontime);
    bool named = t && strstr(t, column) && strstr(t, says);
    if (!named) printf("    %s: %s\n", column, t ? t : "(not refused)");
    EXPECT_TRUE(named);
    free(t);
}

static void a_day_or_a_count_that_does_not_hold_is_refused_by_name(void) {
    refused_with("2025-06-02", "2", "column AW 结清后按期还款期数",
                 "is 2, and 3 installments of its schedule fell due after 2025-06-02");
    refused_with("2025-09-01", "", "column AV 欠款结清日",
                 "must be a day closed before the business date 2025-09-01");
    refused_with("", "3", "column AW 结清后按期还款期数", "no such day is given (arrears_repaid)");
    /* The day given and the count left blank: the schedule's count is taken. */
    char *t = imported_with("2025-06-02", "");
    EXPECT_TRUE(t == NULL);
    free(t);
    t = imported_with("2025-06-02", "3");
    EXPECT_TRUE(t == NULL);
    free(t);
}

int main(void) {
    RUN(a_loan_on_its_way_up_rises_on_the_same_day);
    RUN(a_day_or_a_count_that_does_not_hold_is_refused_by_name);
    return test_summary();
}
