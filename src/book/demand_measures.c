/* demand_measures.c — the book's working-day calendar (the notices shipped, those the operator
 * loaded, and the setting for the years with none), and the measures of financing demands over
 * any period by city, chain, line and size: the demands received, the response rate within the
 * level, the match rate (granted / decided), the amount granted against the amount asked, the
 * median and 90th percentile of working days to a decision and to the first drawdown, and the
 * declines by reason. Each demand received in the period counts as it stands at the end of its
 * last day (a step after it is not yet made); every figure is an integer. A government reads the
 * same table with its small cells kept from it, by the rule of book/disclosure.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

/* ---- The calendar ---------------------------------------------------------------------------- */

static const char *const calendar_results[] = {"loaded", "exists", "exists_with_different"};

const char *fb_calendar_result_name(fb_calendar_result r) {
    return (unsigned)r < 3 ? calendar_results[r] : "unknown";
}

int fb_book_calendar(fb_book *book, fb_calendar *out) {
    FB_ASSERT(book != NULL && out != NULL);
    int64_t assume = 0;
    int rc = fb_setting_get(book, "calendar_assume_weekdays", &assume);
    if (rc) return rc;
    fb_calendar_init(out, assume != 0);
    fb_calendar_year *y = malloc(FB_CALENDAR_YEARS * sizeof *y);
    if (!y) return FB_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < fb_calendar_shipped_count(); i++) {
        fb_calendar_shipped(i, &y[0]);
        int added = fb_calendar_add(out, &y[0]);
        FB_ASSERT(added == FB_OK);
    }
    rc = fb__store_calendar_years(book->store, y, FB_CALENDAR_YEARS, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        /* A year a later finbridge ships is its shipped notice's; the loaded one was the same
         * (fb_calendar_load refuses another). */
        if (fb_calendar_knows(out, y[i].year)) continue;
        if (fb_calendar_add(out, &y[i]) != FB_OK) {
            rc = fb__book_refuse(book, FB_ECORRUPT,
                                 "the holiday notice of %d loaded does not check", (int)y[i].year);
        }
    }
    free(y);
    return rc;
}

/* Whether two notices of a year list the same days (in any order). */
static bool same_days(const fb_calendar_year *a, const fb_calendar_year *b) {
    FB_ASSERT(a->year == b->year);
    fb_calendar *x = malloc(sizeof *x), *y = malloc(sizeof *y);
    bool same = x && y && a->n_holidays == b->n_holidays && a->n_workdays == b->n_workdays;
    if (same) {
        fb_calendar_init(x, false);
        fb_calendar_init(y, false);
        same = fb_calendar_add(x, a) == FB_OK && fb_calendar_add(y, b) == FB_OK &&
               memcmp(x->working, y->working, sizeof x->working) == 0;
    }
    free(x);
    free(y);
    return same;
}

int fb_calendar_get(fb_book *book, int year, fb_calendar_year *out, bool *shipped) {
    FB_ASSERT(book != NULL && out != NULL && shipped != NULL);
    *shipped = false;
    for (size_t i = 0; i < fb_calendar_shipped_count(); i++) {
        fb_calendar_shipped(i, out);
        if (out->year == year) return *shipped = true, FB_OK;
    }
    fb_calendar_year *y = malloc(FB_CALENDAR_YEARS * sizeof *y);
    size_t n = 0;
    int rc = y ? fb__store_calendar_years(book->store, y, FB_CALENDAR_YEARS, &n) : FB_ENOMEM;
    int found = FB_ENOTFOUND;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (y[i].year == year) *out = y[i], found = FB_OK;
    }
    free(y);
    return rc ? rc : found;
}

int fb_calendar_load(fb_book *book, const fb_calendar_year *y, fb_calendar_result *result) {
    FB_ASSERT(book != NULL && y != NULL && result != NULL);
    const char *field = NULL;
    char reason[200];
    if (fb_calendar_year_check(y, &field, reason, sizeof reason)) {
        return fb__book_refuse(book, FB_EINVAL, "%s %s", field, reason);
    }
    fb_calendar_year *old = malloc(sizeof *old);
    if (!old) return FB_ENOMEM;
    bool shipped = false;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb_calendar_get(book, y->year, old, &shipped);
    *result = FB_CALENDAR_LOADED;
    if (rc == FB_OK) {
        *result = same_days(y, old) ? FB_CALENDAR_EXISTS : FB_CALENDAR_EXISTS_WITH_DIFFERENT;
    } else if (rc == FB_ENOTFOUND) {
        rc = fb__store_calendar_insert(book->store, y, fb_now_ns());
    }
    free(old);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

/* ---- One demand as it stands at the end of a day ------------------------------------------- */

/* What a measure counts of one demand on day `to`. */
typedef struct {
    bool contacted, granted, declined, withdrawn, open;
    bool response_due, in_level, response_overdue, decided_in_level, decision_overdue;
} standing;

static standing stand(const fb__demand_fact *f, int32_t to) {
    standing s;
    memset(&s, 0, sizeof s);
    bool decided = f->decided && f->decided <= to;
    s.contacted = f->contacted && f->contacted <= to;
    s.granted = decided && f->status == FB_DEMAND_GRANTED;
    s.declined = decided && f->status == FB_DEMAND_DECLINED;
    s.withdrawn = f->withdrawn && f->withdrawn <= to;
    s.open = !decided && !s.withdrawn;
    s.in_level = s.contacted && f->contacted <= f->response_due;
    /* A response was due once its last day has passed, unless the demand was withdrawn within
     * it, unanswered: then no answer was owed. */
    bool withdrawn_in_time = s.withdrawn && !s.contacted && f->withdrawn <= f->response_due;
    s.response_due = s.contacted || (to > f->response_due && !withdrawn_in_time);
    s.response_overdue = s.open && !s.contacted && to > f->response_due;
    s.decided_in_level = decided && f->decided <= f->decision_due;
    s.decision_overdue = s.open && to > f->decision_due;
    FB_ASSERT(!(s.granted && s.declined) && (s.open || decided || s.withdrawn));
    return s;
}

/* ---- Measures -------------------------------------------------------------------------------- */

/* A fact's group under the dimensions asked: city number 0..14, chain, line, size. */
static int64_t group_of(const fb__demand_fact *f, unsigned dims) {
    int64_t city = f->city >= 210100 && f->city <= 211400 ? (f->city - 210000) / 100 : 0;
    if (!(dims & FB_BY_CITY)) city = 0;
    int64_t chain = dims & FB_BY_CHAIN ? f->chain : 0, line = dims & FB_BY_LINE ? f->line : 0;
    int64_t size = dims & FB_BY_SIZE ? f->size : 0;
    return ((city * 8 + chain) * 8 + line) * 4 + size;
}

typedef struct {
    int64_t group;
    size_t at;
} member;

static int by_group(const void *a, const void *b) {
    const member *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

static int by_value(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t ratio_e6(int64_t num, int64_t den) {
    if (den <= 0) return -1;
    return (int64_t)fb__div_round_half_up((fb_i128)num * 1000000, den);
}

/* The row's dimensions from its group. */
static void dimensions(fb_demand_row *r, int64_t group, unsigned dims) {
    int64_t size = group % 4, line = group / 4 % 8, chain = group / 32 % 8, city = group / 256;
    r->city = dims & FB_BY_CITY ? (int32_t)(city ? 210000 + city * 100 : 0) : -1;
    snprintf(r->chain, sizeof r->chain, "%s",
             !(dims & FB_BY_CHAIN) ? "*"
             : chain               ? fb_chain_name((fb_chain)chain)
                                   : "");
    r->line = dims & FB_BY_LINE ? (int)line : -1;
    r->size = dims & FB_BY_SIZE ? (int)size : -1;
}

/* Working scratch for one group: its members' parties and days. */
typedef struct {
    int64_t *parties;
    int32_t *decision_days, *loan_days;
} scratch;

/* Adds one demand to a row; the days go to the scratch. FB_EINVAL when a year lacks a calendar
 * (errmsg names it). */
static int add_fact(fb_book *book, const fb_calendar *cal, const fb__demand_fact *f, int32_t to,
                    fb_demand_row *r, scratch *w, size_t *nd, size_t *nl) {
    standing s = stand(f, to);
    r->received++;
    r->requested_fen += f->amount;
    r->response_due += s.response_due;
    r->responded_in_level += s.in_level;
    r->response_overdue += s.response_overdue;
    r->open += s.open;
    r->granted += s.granted;
    r->declined += s.declined;
    r->withdrawn += s.withdrawn;
    r->decided_in_level += s.decided_in_level;
    r->decision_overdue += s.decision_overdue;
    if (s.declined) r->declines[f->reason]++;
    if (s.granted) r->granted_fen += f->granted;
    if (s.granted || s.declined) r->decided_requested_fen += f->amount;
    int missing = 0, rc = FB_OK;
    int32_t days = 0;
    if (s.granted || s.declined) {
        rc = fb_calendar_count(cal, f->posted, f->decided, &days, &missing);
        w->decision_days[(*nd)++] = days;
    }
    if (rc == FB_OK && s.granted && f->first_drawdown) {
        rc = fb_calendar_count(cal, f->posted, f->first_drawdown, &days, &missing);
        w->loan_days[(*nl)++] = days;
    }
    if (rc) {
        return fb__book_refuse(book, FB_EINVAL,
                               "no holiday calendar for %d: load the State Council's notice "
                               "(finbridge calendar load) or set calendar_assume_weekdays",
                               missing);
    }
    return FB_OK;
}

/* The row of the members e[0..k) of one group. */
static int make_row(fb_book *book, const fb_calendar *cal, const fb__demand_fact *facts,
                    const member *e, size_t k, int32_t to, unsigned dims, scratch *w,
                    fb_demand_row *r) {
    memset(r, 0, sizeof *r);
    dimensions(r, e[0].group, dims);
    size_t nd = 0, nl = 0;
    for (size_t i = 0; i < k; i++) {
        w->parties[i] = facts[e[i].at].party;
        int rc = add_fact(book, cal, &facts[e[i].at], to, r, w, &nd, &nl);
        if (rc) return rc;
    }
    qsort(w->parties, k, sizeof *w->parties, by_value);
    for (size_t i = 0; i < k; i++)
        r->enterprises += i == 0 || w->parties[i] != w->parties[i - 1];
    r->decided = r->granted + r->declined;
    r->response_rate_e6 = ratio_e6(r->responded_in_level, r->response_due);
    r->match_rate_e6 = ratio_e6(r->granted, r->decided);
    r->amount_rate_e6 = ratio_e6(r->granted_fen, r->decided_requested_fen);
    r->decision_median_x2 = fb_median_x2(w->decision_days, nd);
    r->decision_p90 = fb_percentile(w->decision_days, nd, 90);
    r->drawn = (int64_t)nl;
    r->loan_median_x2 = fb_median_x2(w->loan_days, nl);
    r->loan_p90 = fb_percentile(w->loan_days, nl, 90);
    FB_ASSERT(r->decided + r->withdrawn + r->open == r->received);
    return FB_OK;
}

/* The rows of facts[0..n) grouped by dims, into a new array. */
static int group_rows(fb_book *book, const fb__demand_fact *facts, size_t n, int32_t to,
                      unsigned dims, fb_demand_row **rows, size_t *count) {
    fb_calendar *cal = malloc(sizeof *cal);
    member *e = malloc((n ? n : 1) * sizeof *e);
    scratch w = {malloc((n ? n : 1) * sizeof(int64_t)), malloc((n ? n : 1) * sizeof(int32_t)),
                 malloc((n ? n : 1) * sizeof(int32_t))};
    fb_demand_row *out = malloc((n ? n : 1) * sizeof *out);
    int rc = cal && e && w.parties && w.decision_days && w.loan_days && out ? FB_OK : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_book_calendar(book, cal);
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        e[i] = (member){group_of(&facts[i], dims), i};
    if (rc == FB_OK) qsort(e, n, sizeof *e, by_group);
    size_t k = 0;
    for (size_t a = 0, b = 0; rc == FB_OK && a < n; a = b) {
        for (b = a + 1; b < n && e[b].group == e[a].group;)
            b++;
        rc = make_row(book, cal, facts, e + a, b - a, to, dims, &w, &out[k++]);
    }
    free(cal);
    free(e);
    free(w.parties);
    free(w.decision_days);
    free(w.loan_days);
    if (rc) {
        free(out);
        return rc;
    }
    *rows = out;
    *count = k;
    return FB_OK;
}

/* The period's checks: a closed day, from not after it. */
static int period(fb_book *book, int32_t from, int32_t as_of, unsigned dims) {
    int32_t open = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    char d[11], b[11];
    if (dims & FB_BY_CLASS) return fb__book_refuse(book, FB_EINVAL, "a demand has no class");
    if (open == 0) return fb__book_refuse(book, FB_EINVAL, "no day is closed yet");
    if (as_of >= open) {
        return fb__book_refuse(book, FB_EINVAL, "%s is not a closed day: the business date is %s",
                               fb_date_format(as_of, d), fb_date_format(open, b));
    }
    if (from > as_of) return fb__book_refuse(book, FB_EINVAL, "from is after as_of");
    return FB_OK;
}

int fb_report_demands(fb_book *book, int32_t from, int32_t as_of, unsigned dims, int32_t region,
                      fb_demand_row **rows, size_t *n) {
    FB_ASSERT(book != NULL && rows != NULL && n != NULL);
    *rows = NULL;
    *n = 0;
    int rc = period(book, from, as_of, dims);
    if (rc) return rc;
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    fb__demand_fact *facts = NULL;
    size_t count = 0;
    rc = fb__store_demand_facts(book->store, from, as_of, lo, hi, &facts, &count);
    if (rc == FB_ELIMIT) {
        rc = fb__book_refuse(book, FB_EINVAL,
                             "more than %d demands in the period: measure it in "
                             "parts",
                             FB_DEMANDS_MEASURED_MAX);
    }
    if (rc == FB_OK) rc = group_rows(book, facts, count, as_of, dims, rows, n);
    free(facts);
    return rc;
}

/* ---- What a government reads ---------------------------------------------------------------- */

typedef struct {
    char key[80]; /* the row's dimensions but the line's */
    size_t row;
} line_entry;

static int by_line(const void *a, const void *b) {
    const line_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The lines along `along` into e, sorted; returns how many entries (n). */
static size_t lines_along(const fb_demand_row *rows, size_t n, unsigned along, line_entry *e) {
    for (size_t i = 0; i < n; i++) {
        const fb_demand_row *r = &rows[i];
        snprintf(e[i].key, sizeof e[i].key, "%d|%s|%d|%d", along == FB_BY_CITY ? -2 : (int)r->city,
                 along == FB_BY_CHAIN ? "-" : r->chain, along == FB_BY_LINE ? -2 : r->line,
                 along == FB_BY_SIZE ? -2 : r->size);
        e[i].row = i;
    }
    qsort(e, n, sizeof *e, by_line);
    return n;
}

/* Hides one more row in each line along `along` holding exactly one hidden: the visible one no
 * coarser breakdown gives alone, then the one of fewest demands. Returns how many it hid. */
static size_t complete_lines(fb_demand_row *rows, size_t n, unsigned along, line_entry *e,
                             const unsigned *alone) {
    size_t hid = 0, k = lines_along(rows, n, along, e);
    for (size_t a = 0, b = 0; a < k; a = b) {
        size_t hidden = 0, pick = SIZE_MAX;
        for (b = a; b < k && strcmp(e[b].key, e[a].key) == 0; b++) {
            size_t r = e[b].row;
            if (rows[r].hidden) {
                hidden++;
                continue;
            }
            bool xr = (alone[r] & ~along) != 0, xp = pick != SIZE_MAX && (alone[pick] & ~along);
            if (pick == SIZE_MAX || (xr != xp ? !xr : rows[r].received < rows[pick].received))
                pick = r;
        }
        if (hidden == 1 && pick != SIZE_MAX) {
            rows[pick].hidden = true;
            hid++;
        }
    }
    return hid;
}

/* Primary suppression (fewer enterprises than the minimum) and the complements. */
static int protect(fb_demand_row *rows, size_t n, unsigned dims, int64_t min_cell) {
    line_entry *e = malloc((n ? n : 1) * sizeof *e);
    unsigned *alone = calloc(n ? n : 1, sizeof *alone);
    if (!e || !alone) {
        free(e);
        free(alone);
        return FB_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        rows[i].hidden = rows[i].enterprises < min_cell;
    for (unsigned along = FB_BY_CITY; along <= FB_BY_SIZE; along <<= 1) {
        size_t k = (dims & along) ? lines_along(rows, n, along, e) : 0;
        for (size_t a = 0, b = 0; a < k; a = b) {
            for (b = a + 1; b < k && strcmp(e[b].key, e[a].key) == 0;)
                b++;
            if (b == a + 1) alone[e[a].row] |= along;
        }
    }
    for (size_t hid = 1, passes = 0; hid > 0; passes++) {
        FB_ASSERT(passes <= n + 1);
        hid = 0;
        for (unsigned along = FB_BY_CITY; along <= FB_BY_SIZE; along <<= 1) {
            if (dims & along) hid += complete_lines(rows, n, along, e, alone);
        }
    }
    free(e);
    free(alone);
    return FB_OK;
}

int fb_report_demands_protected(fb_book *book, int32_t from, int32_t as_of, unsigned dims,
                                int32_t region, fb_demand_row **rows, size_t *n) {
    FB_ASSERT(book != NULL && rows != NULL && n != NULL);
    *rows = NULL;
    *n = 0;
    if (region != 210000 && !fb_region_liaoning(region)) {
        return fb__book_refuse(book, FB_EINVAL, "a protected report is of Liaoning or a city");
    }
    int64_t min_cell = 0;
    int rc = fb_report_min_cell(book, &min_cell);
    unsigned table = dims | (region != 210000 ? (unsigned)FB_BY_CITY : 0u);
    fb_demand_row *v = NULL;
    size_t count = 0;
    if (rc == FB_OK) rc = fb_report_demands(book, from, as_of, table, 210000, &v, &count);
    if (rc == FB_OK) rc = protect(v, count, table, min_cell);
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

/* ---- Targets of an agreement on demands (cooperation.c, disclosure.c) ----------------------- */

bool fb__demand_measure_is(fb_measure m) {
    return m == FB_MEASURE_DEMAND_MATCH_RATE_MIN || m == FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX;
}

int fb__demand_measure(fb_book *book, fb_measure m, int32_t from, int32_t to, int32_t region,
                       bool protected_, int64_t *value, bool *hidden) {
    FB_ASSERT(fb__demand_measure_is(m) && value != NULL && hidden != NULL);
    *value = 0;
    *hidden = false;
    fb_demand_row *rows = NULL;
    size_t n = 0;
    int rc = protected_ ? fb_report_demands_protected(book, from, to, 0, region, &rows, &n)
                        : fb_report_demands(book, from, to, 0, region, &rows, &n);
    FB_ASSERT(rc != FB_OK || n <= 1);
    if (rc == FB_OK && n == 1) {
        int64_t v =
            m == FB_MEASURE_DEMAND_MATCH_RATE_MIN ? rows[0].match_rate_e6 : rows[0].loan_median_x2;
        *value = v < 0 ? 0 : v;
        *hidden = rows[0].hidden;
    }
    free(rows);
    return rc;
}
