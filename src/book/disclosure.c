/* disclosure.c — small cells kept from the government, as statistical offices keep them: a
 * report's cell that fewer than the book's minimum of borrowers make up gives a borrower's
 * balance and class away, so a government user does not read its figures (primary
 * suppression); and in every line of cells whose total another answer gives (the coarser
 * breakdown), no hidden cell stands alone, so that it cannot be had by subtracting the others
 * from the total (secondary suppression).
 *
 * The rules, for the credit report (docs/api.md says what they protect and what not):
 *   - a row's balance (with its loans and borrowers) is hidden when the row holds loans and
 *     fewer distinct borrowers than the minimum surely: its borrowers are a sum over its finest
 *     cells (city, chain, line, size, inclusive scope and class) that counts a borrower with
 *     loans in several lines, scopes or classes in each, so what is compared is a lower bound:
 *     over the borrowers' own groups (city, chain, size), the sum of each one's largest cell;
 *   - its new credit is hidden when the distinct borrowers of the loans drawn in the period are
 *     fewer than the minimum;
 *   - then, for each measure and each dimension asked, every line (the rows that agree on every
 *     other dimension) with exactly one hidden cell has its smallest visible cell hidden too,
 *     until no line has;
 *   - a region's table is always the province's, broken down by city when the region is one
 *     city, and cut to that city afterwards: the province's user and a city's read the same
 *     decisions, and one city's answer cannot undo the complement of another's.
 * The inclusive report and an agreement's progress read their figures from the same tables
 * (the credit report's, or the inclusive borrowers of each city), so the reports agree on what
 * is hidden. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

int fb_report_min_cell(fb_book *book, int64_t *borrowers) {
    return fb_setting_get(book, "report_min_cell", borrowers);
}

int fb_report_min_cell_set(fb_book *book, int64_t borrowers) {
    return fb_setting_set(book, "report_min_cell", borrowers);
}

/* ---- Cells and lines ------------------------------------------------------------------------ */

enum { BALANCE, NEW_CREDIT };

/* Whether a row carries the measure: with class asked, new credit has rows of its own (class -1).
 */
static bool carries(const fb_report_row *r, unsigned dims, int m) {
    if (!(dims & FB_BY_CLASS)) return true;
    return m == BALANCE ? r->loan_class >= 0 : r->loan_class < 0;
}

static int64_t value_of(const fb_report_row *r, int m) {
    return m == BALANCE ? r->balance_fen : r->new_fen;
}

static bool *hidden_of(fb_report_row *r, int m) {
    return m == BALANCE ? &r->balance_hidden : &r->new_hidden;
}

static bool too_small(const fb_report_row *r, int m, int64_t min_cell) {
    if (m == BALANCE) return r->loans > 0 && r->borrowers_at_least < min_cell;
    FB_ASSERT(r->new_borrowers >= 0);
    return r->new_loans > 0 && r->new_borrowers < min_cell;
}

typedef struct {
    char key[80]; /* the row's dimensions but the line's */
    size_t row;
} line_entry;

static int by_line(const void *a, const void *b) {
    const line_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

static void line_key(const fb_report_row *r, unsigned along, char *out, size_t cap) {
    snprintf(out, cap, "%d|%s|%d|%d|%d", along == FB_BY_CITY ? -2 : (int)r->city,
             along == FB_BY_CHAIN ? "-" : r->chain, along == FB_BY_LINE ? -2 : r->line,
             along == FB_BY_SIZE ? -2 : r->size, along == FB_BY_CLASS ? -2 : r->loan_class);
}

/* The rows alone in their line along `along` get that bit in alone[]: a coarser breakdown gives
 * such a row's figure as its own total, so hiding it as a complement would hide nothing. */
static void mark_alone(const fb_report_row *rows, size_t n, unsigned dims, int m, unsigned along,
                       line_entry *e, unsigned *alone) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!carries(&rows[i], dims, m)) continue;
        line_key(&rows[i], along, e[k].key, sizeof e[k].key);
        e[k++].row = i;
    }
    qsort(e, k, sizeof *e, by_line);
    for (size_t a = 0, b = 0; a < k; a = b) {
        for (b = a + 1; b < k && strcmp(e[b].key, e[a].key) == 0;)
            b++;
        if (b == a + 1) alone[e[a].row] |= along;
    }
}

/* The better complement of two visible cells of a line along `along`: one no coarser breakdown
 * gives alone, then one with a figure to hide before one of zero (a zero hides nothing), then
 * the smaller. */
static bool better(const fb_report_row *rows, size_t a, size_t b, int m, unsigned along,
                   const unsigned *alone) {
    bool xa = (alone[a] & ~along) != 0, xb = (alone[b] & ~along) != 0;
    if (xa != xb) return !xa;
    int64_t x = value_of(&rows[a], m), y = value_of(&rows[b], m);
    if ((x != 0) != (y != 0)) return x != 0;
    return llabs(x) < llabs(y);
}

/* Hides one more cell in each line along `along` that has exactly one hidden; returns how many
 * it hid. e has room for n entries. O(n log n). */
static size_t complete_lines(fb_report_row *rows, size_t n, unsigned dims, int m, unsigned along,
                             line_entry *e, const unsigned *alone) {
    size_t k = 0, hid = 0;
    for (size_t i = 0; i < n; i++) {
        if (!carries(&rows[i], dims, m)) continue;
        line_key(&rows[i], along, e[k].key, sizeof e[k].key);
        e[k++].row = i;
    }
    qsort(e, k, sizeof *e, by_line);
    for (size_t a = 0, b = 0; a < k; a = b) {
        size_t hidden = 0, pick = SIZE_MAX;
        for (b = a; b < k && strcmp(e[b].key, e[a].key) == 0; b++) {
            size_t r = e[b].row;
            if (*hidden_of(&rows[r], m)) {
                hidden++;
            } else if (pick == SIZE_MAX || better(rows, r, pick, m, along, alone)) {
                pick = r;
            }
        }
        if (hidden == 1 && pick != SIZE_MAX) {
            *hidden_of(&rows[pick], m) = true;
            hid++;
        }
    }
    return hid;
}

/* Primary and secondary suppression of a table broken down by dims. Each pass that hides
 * nothing ends it, so there are at most n + 1. */
static int protect_table(fb_report_row *rows, size_t n, unsigned dims, int64_t min_cell) {
    line_entry *e = n ? malloc(n * sizeof *e) : NULL;
    unsigned *alone = n ? calloc(n, sizeof *alone) : NULL;
    if (n && (!e || !alone)) {
        free(e);
        free(alone);
        return FB_ENOMEM;
    }
    for (int m = BALANCE; m <= NEW_CREDIT; m++) {
        unsigned lines = m == NEW_CREDIT ? dims & ~(unsigned)FB_BY_CLASS : dims;
        for (size_t i = 0; i < n; i++) {
            *hidden_of(&rows[i], m) =
                carries(&rows[i], dims, m) && too_small(&rows[i], m, min_cell);
            alone[i] = 0;
        }
        for (unsigned along = FB_BY_CITY; along <= FB_BY_CLASS; along <<= 1) {
            if (lines & along) mark_alone(rows, n, dims, m, along, e, alone);
        }
        for (size_t hid = 1, passes = 0; hid > 0; passes++) {
            FB_ASSERT(passes <= n + 1);
            hid = 0;
            for (unsigned along = FB_BY_CITY; along <= FB_BY_CLASS; along <<= 1) {
                if (lines & along) hid += complete_lines(rows, n, dims, m, along, e, alone);
            }
        }
    }
    free(e);
    free(alone);
    return FB_OK;
}

int fb_report_credit_protected(fb_book *book, int32_t as_of, int32_t from, unsigned dims,
                               int32_t region, fb_report_row **rows, size_t *n) {
    *rows = NULL;
    *n = 0;
    if (region != 210000 && !fb_region_liaoning(region)) {
        return fb__book_refuse(book, FB_EINVAL, "a protected report is of Liaoning or a city");
    }
    int64_t min_cell = 0;
    int rc = fb_report_min_cell(book, &min_cell);
    if (rc) return rc;
    /* The province's table, by city when the answer is one city's. */
    unsigned table = dims | (region != 210000 ? (unsigned)FB_BY_CITY : 0u);
    fb_report_row *v = NULL;
    size_t count = 0;
    rc = fb__report_credit_cells(book, as_of, from, table, 210000, true, &v, &count);
    if (rc == FB_OK) rc = protect_table(v, count, table, min_cell);
    if (rc) {
        free(v);
        return rc;
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (region != 210000 && v[i].city != region) continue;
        v[kept] = v[i];
        if (!(dims & FB_BY_CITY)) v[kept].city = -1;
        kept++;
    }
    *rows = v;
    *n = kept;
    return FB_OK;
}

/* ---- The inclusive report ------------------------------------------------------------------- */

/* Which cities' inclusive figures (borrowers, balance) on a closed day are hidden, [1..14], and
 * the province's: fewer inclusive borrowers than the minimum, and the smallest other city's
 * balance when one city alone would be. */
static int inclusive_hidden(fb_book *book, int32_t date, int64_t min_cell, bool city[15],
                            bool *province) {
    int64_t borrowers[15], balance[15];
    int rc = fb__store_inclusive_cities(book->store, date, borrowers, balance);
    if (rc) return rc;
    int64_t total = 0;
    size_t hidden = 0, pick = 0;
    for (size_t c = 1; c <= 14; c++) {
        total += borrowers[c];
        city[c] = borrowers[c] > 0 && borrowers[c] < min_cell;
        hidden += city[c];
    }
    for (size_t c = 1; c <= 14; c++) {
        if (borrowers[c] == 0 || city[c]) continue;
        if (!pick || (balance[c] != 0) > (balance[pick] != 0) ||
            ((balance[c] != 0) == (balance[pick] != 0) && balance[c] < balance[pick])) {
            pick = c;
        }
    }
    if (hidden == 1 && pick) city[pick] = true;
    *province = total > 0 && total < min_cell;
    return FB_OK;
}

/* Whether the balance of every loan of region on a closed day is hidden: the row of the credit
 * report's protected table (by city, or the province's total). */
static int all_hidden(fb_book *book, int32_t date, int32_t region, bool *hidden) {
    fb_report_row *rows = NULL;
    size_t n = 0;
    *hidden = false;
    int rc = fb_report_credit_protected(book, date, date, 0, region, &rows, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        *hidden = *hidden || rows[i].balance_hidden;
    free(rows);
    return rc;
}

static size_t city_index(int32_t region) {
    return region == 210000 ? 0 : (size_t)((region - 210000) / 100);
}

int fb_report_two_increases_protected(fb_book *book, int32_t as_of, int32_t region,
                                      fb_two_increases *out, fb_two_increases_hidden *hidden) {
    memset(hidden, 0, sizeof *hidden);
    int rc = fb_report_two_increases(book, as_of, region, out);
    if (rc) return rc;
    if (region != 210000 && !fb_region_liaoning(region)) {
        return fb__book_refuse(book, FB_EINVAL, "a protected report is of Liaoning or a city");
    }
    int64_t min_cell = 0;
    rc = fb_report_min_cell(book, &min_cell);
    const int32_t dates[2] = {out->as_of, out->base_date};
    bool *inclusive[2] = {&hidden->inclusive, &hidden->inclusive_base};
    bool *all[2] = {&hidden->all, &hidden->all_base};
    for (int d = 0; rc == FB_OK && d < 2; d++) {
        bool city[15], province = false;
        rc = inclusive_hidden(book, dates[d], min_cell, city, &province);
        size_t at = city_index(region);
        *inclusive[d] = at ? city[at] : province;
        if (rc == FB_OK && (d == 0 || out->all_base_fen > 0)) {
            rc = all_hidden(book, dates[d], region, all[d]);
        }
    }
    return rc;
}

/* ---- An agreement's progress ---------------------------------------------------------------- */

/* The protected tables a progress reads, each asked once. */
typedef struct {
    unsigned dims;
    int32_t from;
    fb_report_row *rows;
    size_t n;
} table_memo;

enum { MEMO_MAX = 8 };

static int memo_table(fb_book *book, table_memo *memo, size_t *used, int32_t as_of, int32_t from,
                      unsigned dims, int32_t region, const table_memo **out) {
    for (size_t i = 0; i < *used; i++) {
        if (memo[i].dims == dims && memo[i].from == from) {
            *out = &memo[i];
            return FB_OK;
        }
    }
    FB_ASSERT(*used < MEMO_MAX);
    table_memo *t = &memo[(*used)++];
    *t = (table_memo){dims, from, NULL, 0};
    *out = t;
    return fb_report_credit_protected(book, as_of, from, dims, region, &t->rows, &t->n);
}

/* Whether new credit in the breakdown of a target ("", "city:C", "line:L", "chain:K") is hidden. */
static bool new_hidden(const table_memo *t, const char *dimension) {
    fb_line line = FB_LINE_TECHNOLOGY;
    bool any = false;
    for (size_t i = 0; i < t->n; i++) {
        const fb_report_row *r = &t->rows[i];
        bool match =
            !dimension[0] ||
            (strncmp(dimension, "city:", 5) == 0 && r->city == strtol(dimension + 5, NULL, 10)) ||
            (strncmp(dimension, "chain:", 6) == 0 && strcmp(r->chain, dimension + 6) == 0) ||
            (strncmp(dimension, "line:", 5) == 0 && fb_line_parse(dimension + 5, &line) == FB_OK &&
             r->line == (int)line);
        any = any || (match && r->new_hidden);
    }
    return any;
}

static unsigned dims_of(const char *dimension) {
    return strncmp(dimension, "city:", 5) == 0    ? FB_BY_CITY
           : strncmp(dimension, "chain:", 6) == 0 ? FB_BY_CHAIN
           : strncmp(dimension, "line:", 5) == 0  ? FB_BY_LINE
                                                  : 0;
}

/* Whether the target's achieved figure is hidden from the government. */
static int target_hidden(fb_book *book, const fb_agreement *a, int32_t as_of, int64_t min_cell,
                         table_memo *memo, size_t *used, fb_progress *p) {
    const table_memo *t = NULL;
    int32_t lo = 0, hi = 0;
    fb__region_span(a->region, &lo, &hi);
    int rc = FB_OK;
    p->hidden = false;
    switch (p->target.measure) {
    case FB_MEASURE_NEW_CREDIT:
        rc = memo_table(book, memo, used, as_of, a->start_date, dims_of(p->target.dimension),
                        a->region, &t);
        if (rc == FB_OK) p->hidden = new_hidden(t, p->target.dimension);
        break;
    case FB_MEASURE_GREEN_BALANCE:
    case FB_MEASURE_NPL_RATIO_MAX: {
        /* Green: the green row of the lines. The NPL ratio: its three classes' rows and the
         * total it is a share of. */
        bool green = p->target.measure == FB_MEASURE_GREEN_BALANCE;
        rc = memo_table(book, memo, used, as_of, as_of, green ? FB_BY_LINE : FB_BY_CLASS, a->region,
                        &t);
        for (size_t i = 0; rc == FB_OK && i < t->n; i++) {
            const fb_report_row *r = &t->rows[i];
            bool counts = green ? r->line == FB_LINE_GREEN : r->loan_class >= FB_CLASS_SUBSTANDARD;
            p->hidden = p->hidden || (counts && r->balance_hidden);
        }
        if (rc == FB_OK && !green)
            rc = memo_table(book, memo, used, as_of, as_of, 0, a->region, &t);
        for (size_t i = 0; rc == FB_OK && !green && i < t->n; i++)
            p->hidden = p->hidden || t->rows[i].balance_hidden;
        break;
    }
    case FB_MEASURE_INCLUSIVE_BORROWERS:
    case FB_MEASURE_INCLUSIVE_BALANCE: {
        bool city[15], province = false;
        rc = inclusive_hidden(book, as_of, min_cell, city, &province);
        size_t at = city_index(a->region);
        p->hidden = at ? city[at] : province;
        break;
    }
    case FB_MEASURE_SUPPLY_CHAIN_FINANCING:
    case FB_MEASURE_INCLUSIVE_RATE_MAX:
    case FB_MEASURE_POOL_LEVERAGE_USED_MIN:
    case FB_MEASURE_POOL_COMPENSATION:
    case FB_MEASURE_SUBSIDY_PAID:
    case FB_MEASURE_GUARANTEED_SHARE_MIN: {
        /* The schemes' measures (docs/schemes.md): kept from a government while fewer borrowers
         * than the small cell's are behind a figure that is not 0. */
        int64_t parties = 0;
        rc = fb__store_measure_parties(book->store, p->target.measure, a->start_date, as_of, lo, hi,
                                       &parties);
        p->hidden = p->achieved != 0 && parties < min_cell;
        break;
    }
    case FB_MEASURE_DEMAND_MATCH_RATE_MIN:
    case FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX: {
        /* The region's row of the demands' protected table (demand_measures.c). */
        int64_t value = 0;
        rc = fb__demand_measure(book, p->target.measure, a->start_date, as_of, a->region, true,
                                &value, &p->hidden);
        break;
    }
    case FB_MEASURE_WEALTH_PRODUCTS:
    case FB_MEASURE_WEALTH_DEPOSITS:
    case FB_MEASURE_PENSION_ACCOUNTS:
        /* The bank's figures of a city's residents as a whole: no borrower behind a cell. */
        p->hidden = false;
        break;
    default: p->hidden = true; /* a measure without a rule is not shown */
    }
    return rc;
}

int fb_agreement_progress_protected(fb_book *book, const char *id, int32_t as_of, fb_progress *out,
                                    size_t *n) {
    int rc = fb_agreement_progress(book, id, as_of, out, n);
    if (rc) return rc;
    fb_agreement *a = malloc(sizeof *a);
    if (!a) return FB_ENOMEM;
    int64_t min_cell = 0;
    rc = fb_agreement_get(book, id, a);
    if (rc == FB_OK) rc = fb_report_min_cell(book, &min_cell);
    table_memo memo[MEMO_MAX];
    size_t used = 0;
    for (size_t i = 0; rc == FB_OK && i < *n; i++)
        rc = target_hidden(book, a, as_of, min_cell, memo, &used, &out[i]);
    for (size_t i = 0; i < used; i++)
        free(memo[i].rows);
    free(a);
    return rc;
}

/* ---- A borrower's identity ------------------------------------------------------------------ */

bool fb_disclosure_names_borrower(fb_size_class size) {
    FB_ASSERT((unsigned)size < FB_SIZE_COUNT_);
    return size == FB_SIZE_LARGE || size == FB_SIZE_MEDIUM;
}
