/* test_disclosure.c — small cells kept from the government (src/book/disclosure.c) on a book of
 * five cities with 4, 5, 1, 2 and 1 borrowers: a cell of fewer borrowers than the book's
 * minimum is hidden, one borrower in several finest cells is still one, no line of cells has
 * exactly one hidden (so none is had by subtracting the others from its total), one city's
 * answer is the province's table cut to it, and the inclusive report and an agreement's
 * progress hide what the credit report hides. */
#include "book.h"

/* An enterprise of a district of Liaoning; micro unless big. */
static void party_in(const char *id, int serial, int32_t district, bool big) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%s", id);
    p.kind = FB_PARTY_ENTERPRISE;
    snprintf(p.name, sizeof p.name, "%s 有限公司", id);
    char first17[18], tmp[19];
    snprintf(first17, sizeof first17, "91%06uMA0D%05u", (unsigned)district % 1000000u,
             (unsigned)serial % 100000u);
    fb_uscc_info info;
    snprintf(tmp, sizeof tmp, "%s0", first17);
    fb_uscc_check(tmp, 18, &info);
    snprintf(p.uscc, sizeof p.uscc, "%s%c", first17, info.expected_check);
    p.region = district;
    p.industry = 3670;
    p.figures = big ? (fb_firm_figures){5000, 900000000000LL, 900000000000LL}
                    : (fb_firm_figures){12, 300000000LL, 200000000LL};
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&p, &field, reason, sizeof reason));
    fb_party_outcome o;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &p, 1, &o));
    EXPECT_EQ_INT(FB_PARTY_CREATED, o.result);
}

/* Borrowers of each city, each a micro firm with an inclusive loan of 100,000.00 + 10,000.00 x
 * its serial; Benxi's one borrower has three loans, in three lines. */
static void five_cities(void) {
    static const struct {
        int32_t district;
        int borrowers;
    } cities[] = {{210102, 4}, {210202, 5}, {210302, 1}, {210402, 2}};
    int serial = 0;
    for (size_t c = 0; c < sizeof cities / sizeof cities[0]; c++) {
        for (int b = 0; b < cities[c].borrowers; b++) {
            char id[16], fac[16], loan_id[16];
            snprintf(id, sizeof id, "b%d", ++serial);
            snprintf(fac, sizeof fac, "f%d", serial);
            snprintf(loan_id, sizeof loan_id, "L%d", serial);
            party_in(id, serial, cities[c].district, false);
            facility(fac, id, FB_LINE_INCLUSIVE, 50000000, true);
            loan(loan_id, fac, 10000000 + 1000000 * serial, 40000, 0, 12,
                 FB_METHOD_EQUAL_INSTALLMENT, "2025-02-01");
        }
    }
    party_in("benxi", 99, 210502, true);
    facility("fx1", "benxi", FB_LINE_TECHNOLOGY, 900000000, true);
    facility("fx2", "benxi", FB_LINE_GREEN, 900000000, true);
    facility("fx3", "benxi", FB_LINE_SUPPLY_CHAIN, 900000000, true);
    loan("X1", "fx1", 300000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-02-01");
    loan("X2", "fx2", 200000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-02-01");
    loan("X3", "fx3", 100000000, 40000, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2025-02-01");
    eod("2025-03-31");
}

static const fb_report_row *city_row(const fb_report_row *v, size_t n, int32_t city) {
    for (size_t i = 0; i < n; i++) {
        if (v[i].city == city) return &v[i];
    }
    return NULL;
}

/* Whether a row carries balances (m 0) or new credit (m 1): with class asked, new credit has
 * rows of its own, of class -1. */
static bool carries(const fb_report_row *r, unsigned dims, int m) {
    return !(dims & FB_BY_CLASS) || (m == 0 ? r->loan_class >= 0 : r->loan_class < 0);
}

/* No line along a dimension of dims holds exactly one hidden cell of either measure (new credit
 * has no line along class: its row there is the coarser breakdown's). */
static bool no_lone_hidden_cell(const fb_report_row *v, size_t n, unsigned dims) {
    for (int m = 0; m < 2; m++) {
        for (unsigned along = FB_BY_CITY; along <= FB_BY_CLASS; along <<= 1) {
            if (!(dims & along) || (m == 1 && along == FB_BY_CLASS)) continue;
            for (size_t i = 0; i < n; i++) {
                if (!carries(&v[i], dims, m)) continue;
                int hidden = 0, members = 0;
                for (size_t k = 0; k < n; k++) {
                    bool same = carries(&v[k], dims, m) &&
                                (along == FB_BY_CITY || v[k].city == v[i].city) &&
                                (along == FB_BY_CHAIN || strcmp(v[k].chain, v[i].chain) == 0) &&
                                (along == FB_BY_LINE || v[k].line == v[i].line) &&
                                (along == FB_BY_SIZE || v[k].size == v[i].size) &&
                                (along == FB_BY_CLASS || v[k].loan_class == v[i].loan_class);
                    hidden += same && (m == 0 ? v[k].balance_hidden : v[k].new_hidden);
                    members += same;
                }
                if (hidden == 1 && members > 1) {
                    printf("    lone hidden cell: measure %d along %u, row %zu (city %d line %d "
                           "class %d), %d members\n",
                           m, along, i, (int)v[i].city, v[i].line, v[i].loan_class, members);
                    return false;
                }
            }
        }
    }
    return true;
}

static void the_minimum_is_a_setting_of_the_book(void) {
    open_book();
    int64_t k = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell(L, &k));
    EXPECT_EQ_INT(3, k);
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 5));
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell(L, &k));
    EXPECT_EQ_INT(5, k);
    EXPECT_EQ_INT(FB_EINVAL, fb_report_min_cell_set(L, 0));
    EXPECT_EQ_INT(FB_EINVAL, fb_report_min_cell_set(L, FB_REPORT_MIN_CELL_MAX + 1));
    fb_book_close(L);
    L = NULL;
}

/* Anshan's one borrower and Fushun's two are hidden by city; Benxi's one borrower is one though
 * the sum over its three finest cells says three. The figures are the unprotected report's. */
static void cells_of_fewer_borrowers_are_hidden(void) {
    open_book();
    five_cities();
    fb_report_row *v = NULL, *plain = NULL;
    size_t n = 0, np = 0;
    int32_t as_of = day("2025-03-31"), from = day("2025-01-01");
    EXPECT_EQ_INT(FB_OK, fb_report_credit_protected(L, as_of, from, FB_BY_CITY, 210000, &v, &n));
    EXPECT_EQ_INT(FB_OK, fb_report_credit(L, as_of, from, FB_BY_CITY, 210000, &plain, &np));
    EXPECT_EQ_INT(5, n);
    EXPECT_EQ_INT(np, n);
    for (size_t i = 0; i < n && i < np; i++) {
        EXPECT_EQ_INT(plain[i].city, v[i].city);
        EXPECT_EQ_INT(plain[i].balance_fen, v[i].balance_fen);
        EXPECT_EQ_INT(plain[i].new_fen, v[i].new_fen);
    }
    static const struct {
        int32_t city;
        bool hidden;
    } want[] = {{210100, false}, {210200, false}, {210300, true}, {210400, true}, {210500, true}};
    for (size_t c = 0; c < 5; c++) {
        const fb_report_row *r = city_row(v, n, want[c].city);
        EXPECT_TRUE(r != NULL);
        if (!r) continue;
        if (r->balance_hidden != want[c].hidden) printf("    city %d\n", (int)r->city);
        EXPECT_EQ_INT(want[c].hidden, r->balance_hidden);
        EXPECT_EQ_INT(want[c].hidden, r->new_hidden);
    }
    const fb_report_row *benxi = city_row(v, n, 210500);
    EXPECT_TRUE(benxi && benxi->borrowers == 3 && benxi->new_borrowers == 1);
    EXPECT_TRUE(no_lone_hidden_cell(v, n, FB_BY_CITY));
    free(v);
    free(plain);
    fb_book_close(L);
    L = NULL;
}

/* With a minimum of 2, Anshan and Benxi are hidden, each on its own count. Once Anshan's
 * borrower has paid off, Benxi's cell would stand alone in the line of cities: the smallest
 * other city is hidden with it, so that the province's total less the cities shown gives only
 * the sum of two. Every breakdown keeps the property, at every minimum. */
static void no_hidden_cell_stands_alone_in_its_line(void) {
    open_book();
    five_cities();
    int32_t as_of = day("2025-03-31"), from = day("2025-01-01");
    fb_report_row *v = NULL;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 2));
    EXPECT_EQ_INT(FB_OK, fb_report_credit_protected(L, as_of, from, FB_BY_CITY, 210000, &v, &n));
    /* Anshan (1) and Benxi (1) alone: two hidden, no complement needed. */
    int hidden = 0;
    for (size_t i = 0; i < n; i++)
        hidden += v[i].balance_hidden;
    EXPECT_EQ_INT(2, hidden);
    EXPECT_TRUE(city_row(v, n, 210400) && !city_row(v, n, 210400)->balance_hidden);
    free(v);
    /* Anshan's borrower repays in full: Benxi stands alone, and the smallest city by balance,
     * Fushun, goes with it. */
    fund("b10", 100000000);
    fb_repayment r;
    EXPECT_EQ_INT(FB_REPAY_DONE, repay("L10", 100000000, FB_PREPAY_REDUCE_TERM, &r));
    eod("2025-04-30");
    as_of = day("2025-04-30");
    EXPECT_EQ_INT(FB_OK, fb_report_credit_protected(L, as_of, as_of, FB_BY_CITY, 210000, &v, &n));
    EXPECT_TRUE(city_row(v, n, 210300) == NULL); /* nothing left in Anshan */
    EXPECT_TRUE(city_row(v, n, 210500) && city_row(v, n, 210500)->balance_hidden);
    EXPECT_TRUE(city_row(v, n, 210400) && city_row(v, n, 210400)->balance_hidden);
    EXPECT_TRUE(city_row(v, n, 210100) && !city_row(v, n, 210100)->balance_hidden);
    EXPECT_TRUE(no_lone_hidden_cell(v, n, FB_BY_CITY));
    free(v);
    /* Fushun's own user reads the province's decision, not one of its own. */
    EXPECT_EQ_INT(FB_OK, fb_report_credit_protected(L, as_of, as_of, 0, 210400, &v, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_TRUE(n == 1 && v[0].balance_hidden && v[0].city == -1);
    free(v);
    /* Every breakdown of two or three dimensions keeps the property. */
    static const unsigned breakdowns[] = {FB_BY_CITY | FB_BY_LINE, FB_BY_CITY | FB_BY_CLASS,
                                          FB_BY_LINE | FB_BY_SIZE | FB_BY_CLASS,
                                          FB_BY_CITY | FB_BY_CHAIN | FB_BY_LINE | FB_BY_SIZE};
    for (int min = 2; min <= 4; min++) {
        EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, min));
        for (size_t b = 0; b < sizeof breakdowns / sizeof breakdowns[0]; b++) {
            EXPECT_EQ_INT(FB_OK, fb_report_credit_protected(L, as_of, day("2025-01-01"),
                                                            breakdowns[b], 210000, &v, &n));
            if (!no_lone_hidden_cell(v, n, breakdowns[b]))
                printf("    min %d dims %u\n", min, breakdowns[b]);
            EXPECT_TRUE(no_lone_hidden_cell(v, n, breakdowns[b]));
            free(v);
        }
    }
    fb_book_close(L);
    L = NULL;
}

/* The inclusive report: a city of fewer inclusive borrowers than the minimum has its figures
 * hidden, and so has the complement; its loans' balance is hidden as the credit report hides
 * it. An agreement of Anshan sees its new credit and inclusive figures hidden. */
static void the_inclusive_report_and_progress_hide_the_same(void) {
    open_book();
    five_cities();
    int32_t as_of = day("2025-03-31");
    fb_two_increases t;
    fb_two_increases_hidden h;
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases_protected(L, as_of, 210300, &t, &h));
    EXPECT_TRUE(h.inclusive && h.all);
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases_protected(L, as_of, 210400, &t, &h));
    EXPECT_TRUE(h.inclusive && h.all); /* two borrowers */
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases_protected(L, as_of, 210200, &t, &h));
    EXPECT_TRUE(!h.inclusive && !h.all);
    EXPECT_EQ_INT(5, t.borrowers);
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases_protected(L, as_of, 210000, &t, &h));
    EXPECT_TRUE(!h.inclusive && !h.all);
    /* With a minimum of 2 Anshan's inclusive figures stand alone: Fushun's (the smallest) go
     * with them. Benxi has no inclusive loan. */
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 2));
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases_protected(L, as_of, 210400, &t, &h));
    EXPECT_TRUE(h.inclusive);
    EXPECT_EQ_INT(FB_OK, fb_report_two_increases_protected(L, as_of, 210100, &t, &h));
    EXPECT_TRUE(!h.inclusive);
    EXPECT_EQ_INT(FB_OK, fb_report_min_cell_set(L, 3));
    fb_agreement a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "AS-2025");
    snprintf(a.bank, sizeof a.bank, "某银行鞍山分行");
    a.region = 210300;
    a.start_date = day("2025-01-01");
    a.end_date = day("2025-12-31");
    const fb_measure m[] = {FB_MEASURE_NEW_CREDIT, FB_MEASURE_INCLUSIVE_BALANCE,
                            FB_MEASURE_INCLUSIVE_BORROWERS, FB_MEASURE_INCLUSIVE_RATE_MAX,
                            FB_MEASURE_NPL_RATIO_MAX};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        a.targets[a.n_targets].measure = m[i];
        a.targets[a.n_targets++].amount = 1000;
    }
    bool exists = false;
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    fb_progress p[FB_TARGETS_MAX];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress_protected(L, "AS-2025", as_of, p, &n));
    EXPECT_EQ_INT(5, n);
    for (size_t i = 0; i < n; i++) {
        if (!p[i].hidden) printf("    %s shown\n", fb_measure_name(p[i].target.measure));
        EXPECT_TRUE(p[i].hidden);
    }
    a.region = 210200;
    snprintf(a.id, sizeof a.id, "DL-2025");
    EXPECT_EQ_INT(FB_OK, fb_agreement_create(L, &a, &exists));
    EXPECT_EQ_INT(FB_OK, fb_agreement_progress_protected(L, "DL-2025", as_of, p, &n));
    for (size_t i = 0; i < n; i++) {
        if (p[i].hidden) printf("    %s hidden\n", fb_measure_name(p[i].target.measure));
        EXPECT_TRUE(!p[i].hidden);
    }
    verify_ok();
    fb_book_close(L);
    L = NULL;
}

int main(void) {
    RUN(the_minimum_is_a_setting_of_the_book);
    RUN(cells_of_fewer_borrowers_are_hidden);
    RUN(no_hidden_cell_stands_alone_in_its_line);
    RUN(the_inclusive_report_and_progress_hide_the_same);
    return test_summary();
}
