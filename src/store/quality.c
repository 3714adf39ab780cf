/* quality.c — the store's side of the regulator's reports: the credit aggregates a month-end
 * provisions from, the provisions it booked, the quality of the book (by class, by age of
 * arrears, what is off the balance sheet) live or as copied at each month-end, and the migration
 * of loans between classes over a period, from each loan's class history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arith.h"
#include "core/assert.h"
#include "store/sqlite_internal.h"

static int prepare(fb_store *s, const char *sql, sqlite3_stmt **st, const char *what) {
    FB_ASSERT(s != NULL && sql != NULL && st != NULL);
    *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    FB_ASSERT(rc != SQLITE_OK || *st != NULL);
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, what);
}

/* A cell's city as a code (210100 ...), 0 outside Liaoning's cities. */
#define CITY_OF(cell)                                                                              \
    "(CASE WHEN " FB_CELL_CITY(cell) " > 0 THEN 210000 + " FB_CELL_CITY(cell) " * 100 ELSE 0 END)"

int fb__store_credit_cells(fb_store *s, fb__credit_cell **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT cell, class, balance, loans, borrowers FROM agg_credit WHERE loans > 0"
                     " ORDER BY cell, class",
                     &st, "reading the credit aggregates");
    if (rc) return rc;
    size_t cap = 0;
    fb__credit_cell *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            fb__credit_cell *bigger =
                cap <= FB_REPORT_ROWS_MAX ? realloc(v, cap * sizeof *v) : NULL;
            if (!bigger) {
                free(v);
                sqlite3_finalize(st);
                *n = 0;
                return cap <= FB_REPORT_ROWS_MAX ? FB_ENOMEM : FB_ELIMIT;
            }
            v = bigger;
        }
        fb__credit_cell *c = &v[(*n)++];
        c->cell = sqlite3_column_int64(st, 0);
        c->class = sqlite3_column_int64(st, 1);
        c->balance = sqlite3_column_int64(st, 2);
        c->loans = sqlite3_column_int64(st, 3);
        c->borrowers = sqlite3_column_int64(st, 4);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return fb__store_fail(s, rc, "reading the credit aggregates");
    }
    *out = v;
    return FB_OK;
}

int fb__store_provisions_insert(fb_store *s, int32_t date, const fb__provision_cell *v, size_t n) {
    FB_ASSERT(v != NULL || n == 0);
    FB_ASSERT(date > 0);
    sqlite3_stmt *st = NULL;
    /* The month-end is recorded even when it holds no loan: its provisions are then none. */
    int rc = prepare(s, "INSERT INTO provision_runs VALUES (?1)", &st, "booking the provisions");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) return fb__store_fail(s, step, "booking the provisions");
    rc = prepare(s, "INSERT INTO provisions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &st,
                 "booking the provisions");
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        const fb__provision_cell *p = &v[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, date);
        sqlite3_bind_int64(st, 2, p->c.cell);
        sqlite3_bind_int64(st, 3, p->c.class);
        sqlite3_bind_int64(st, 4, p->c.balance);
        sqlite3_bind_int64(st, 5, p->c.loans);
        sqlite3_bind_int64(st, 6, p->c.borrowers);
        sqlite3_bind_int64(st, 7, p->rate);
        sqlite3_bind_int64(st, 8, p->specific);
        sqlite3_bind_int64(st, 9, p->general_rate);
        sqlite3_bind_int64(st, 10, p->general);
        step = sqlite3_step(st);
        if (step != SQLITE_DONE) rc = fb__store_fail(s, step, "booking the provisions");
    }
    if (st) sqlite3_finalize(st);
    return rc;
}

int fb__store_provision_date(fb_store *s, int32_t date, int32_t *out) {
    FB_ASSERT(out != NULL && date >= 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT COALESCE(MAX(date), 0) FROM provision_runs WHERE date <= ?1", &st,
                     "finding the provisions");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    int step = sqlite3_step(st);
    *out = step == SQLITE_ROW ? (int32_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "finding the provisions");
}

int fb__store_report_provisions(fb_store *s, int32_t date, unsigned dims, int32_t city_lo,
                                int32_t city_hi, fb_provision_row **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    static const char *const sql =
        "SELECT city, line, SUM(balance), SUM(CASE WHEN class >= 2 THEN balance ELSE 0 END),"
        " SUM(loans), MAX(borrowers), SUM(specific), SUM(general) FROM (SELECT"
        " CASE WHEN ?2 & 1 THEN " CITY_OF(
            "cell") " ELSE -1 END AS city,"
                    " CASE WHEN ?2 & 4 THEN " FB_CELL_LINE(
                        "cell") " ELSE -1 END AS line, class, balance,"
                                " loans, borrowers, specific, general FROM provisions WHERE date = "
                                "?1"
                                " AND " CITY_OF("cell") " BETWEEN ?3 AND ?4) GROUP BY city, line "
                                                        "ORDER BY city, line";
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st, "reporting the provisions");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    sqlite3_bind_int64(st, 2, dims);
    sqlite3_bind_int64(st, 3, city_lo);
    sqlite3_bind_int64(st, 4, city_hi);
    size_t cap = 0;
    fb_provision_row *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            fb_provision_row *bigger =
                cap <= FB_REPORT_ROWS_MAX ? realloc(v, cap * sizeof *v) : NULL;
            if (!bigger) {
                free(v);
                sqlite3_finalize(st);
                *n = 0;
                return cap <= FB_REPORT_ROWS_MAX ? FB_ENOMEM : FB_ELIMIT;
            }
            v = bigger;
        }
        fb_provision_row *r = &v[(*n)++];
        memset(r, 0, sizeof *r);
        r->city = (int32_t)sqlite3_column_int64(st, 0);
        r->line = (int)sqlite3_column_int64(st, 1);
        r->balance_fen = sqlite3_column_int64(st, 2);
        r->npl_fen = sqlite3_column_int64(st, 3);
        r->loans = sqlite3_column_int64(st, 4);
        r->borrowers_at_least = sqlite3_column_int64(st, 5);
        r->specific_fen = sqlite3_column_int64(st, 6);
        r->general_fen = sqlite3_column_int64(st, 7);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return fb__store_fail(s, rc, "reporting the provisions");
    }
    *out = v;
    return FB_OK;
}

/* ---- Quality --------------------------------------------------------------------------------- */

/* A loan's figures at the close of a day, from its state (?1 is the business date after it). The
 * days past due are counted to ?1 as a loan's position counts them; the running installment's
 * accrual off the balance sheet as fb__accrued computes it (servicing.c). */
#define DPD "(CASE WHEN x.oldest_due = 0 THEN 0 ELSE ?1 - x.oldest_due END)"
#define ACCRUED                                                                                    \
    "(CASE WHEN x.cur_n <= x.n_count AND x.due_date > x.period_start AND ?1 > x.period_start"      \
    " THEN (2 * x.cur_interest * MIN(?1 - x.period_start, x.due_date - x.period_start) +"          \
    " x.due_date - x.period_start) / (2 * (x.due_date - x.period_start)) ELSE 0 END)"
/* clang-format off */
#define QUALITY_ROWS \
    "SELECT " CITY_OF("x.cell") " AS city, " FB_CELL_LINE("x.cell") " AS line, x.class AS class," \
    " CASE WHEN " DPD " <= 0 THEN 0 WHEN " DPD " <= 30 THEN 1 WHEN " DPD " <= 90 THEN 2" \
    " WHEN " DPD " <= 180 THEN 3 WHEN " DPD " <= 360 THEN 4 ELSE 5 END AS bucket," \
    " COUNT(*) AS loans, COUNT(DISTINCT x.party) AS borrowers, SUM(x.principal) AS balance," \
    " SUM(x.due_total - x.due_paid - x.interest_due) AS overdue," \
    " SUM(x.oi_due + CASE WHEN x.nonaccrual THEN " ACCRUED " ELSE x.oi_run END) AS offi," \
    " SUM(x.op_due) AS offp, SUM(x.restructured) AS restructured," \
    " SUM(CASE WHEN x.restructured THEN x.principal ELSE 0 END) AS restructured_balance" \
    " FROM loan_state x WHERE x.status = 0 AND " CITY_OF("x.cell") " BETWEEN ?2 AND ?3" \
    " GROUP BY 1, 2, 3, 4"
/* clang-format on */

/* Runs sql with the day bound to ?1 (and ?2 when two), returning nothing. */
static int exec_day(fb_store *s, const char *sql, int32_t date, const char *what) {
    FB_ASSERT(s != NULL && sql != NULL && what != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st, what);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    FB_ASSERT(step != SQLITE_ROW);
    return step == SQLITE_DONE ? FB_OK : fb__store_fail(s, step, what);
}

int fb__store_quality_keep(fb_store *s, int32_t date) {
    FB_ASSERT(s != NULL && date > 0);
    sqlite3_stmt *st = NULL;
    int rc = exec_day(s, "DELETE FROM quality_monthly WHERE date = ?1", date,
                      "keeping the day's quality");
    if (rc == FB_OK) {
        rc = prepare(s,
                     "INSERT OR REPLACE INTO quality_monthly SELECT ?4, * FROM (" QUALITY_ROWS ")",
                     &st, "keeping the day's quality");
    }
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, (int64_t)date + 1);
    sqlite3_bind_int64(st, 2, 0);
    sqlite3_bind_int64(st, 3, 999999);
    sqlite3_bind_int64(st, 4, date);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    FB_ASSERT(step != SQLITE_ROW);
    if (step != SQLITE_DONE) return fb__store_fail(s, step, "keeping the day's quality");
    /* The copy is the loans' state now: until a loan's state is written (the triggers of
     * loan_state set it back to 0), the quality of the day reads it. */
    return exec_day(s, "UPDATE meta SET value = ?1 WHERE key = 'quality_kept'", date,
                    "keeping the day's quality");
}

/* One active loan's row of the day's quality, and its borrower. */
typedef struct {
    int32_t city, line, cls, bucket;
    int64_t party;
    const fb__loan_state *x;
} placed;

static int placed_cmp(const void *pa, const void *pb) {
    const placed *a = pa, *b = pb;
    if (a->city != b->city) return a->city < b->city ? -1 : 1;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    if (a->bucket != b->bucket) return a->bucket < b->bucket ? -1 : 1;
    return a->party < b->party ? -1 : a->party > b->party;
}

static bool same_row(const placed *a, const placed *b) {
    return a->city == b->city && a->line == b->line && a->cls == b->cls && a->bucket == b->bucket;
}

/* QUALITY_ROWS's place of a loan: its cell's city and line, its class, its age bucket. */
static placed place(const fb__loan_state *x, int64_t open) {
    int64_t city = x->cell / 512, dpd = x->oldest_due == 0 ? 0 : open - x->oldest_due;
    int32_t bucket = dpd <= 0     ? 0
                     : dpd <= 30  ? 1
                     : dpd <= 90  ? 2
                     : dpd <= 180 ? 3
                     : dpd <= 360 ? 4
                                  : 5;
    return (placed){(int32_t)(city > 0 ? 210000 + city * 100 : 0),
                    (int32_t)((x->cell / 8) % 8),
                    (int32_t)x->class,
                    bucket,
                    x->party,
                    x};
}

/* Writes the day's rows from the sorted loans: each run of one row's loans summed, its
 * borrowers counted once each (the run is in borrower order). */
static int write_rows(fb_store *s, int32_t date, const placed *p, size_t m) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT OR REPLACE INTO quality_monthly VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                     " ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                     &st, "keeping the day's quality");
    int64_t open = (int64_t)date + 1;
    for (size_t i = 0; rc == FB_OK && i < m;) {
        int64_t f[8] = {
            0}; /* loans, borrowers, balance, overdue, offi, offp, restr., its balance */
        size_t j = i;
        for (; j < m && same_row(&p[i], &p[j]); j++) {
            const fb__loan_state *x = p[j].x;
            f[0]++;
            f[1] += j == i || p[j].party != p[j - 1].party;
            f[2] += x->principal;
            f[3] += x->due_total - x->due_paid - x->interest_due;
            /* ACCRUED: the running installment's accrual to open, as fb__accrued counts it. */
            int64_t run =
                x->cur_n > x->n_count
                    ? 0
                    : fb__accrual_share(x->cur_interest, x->period_start, x->due_date, open);
            f[4] += x->oi_due + (x->nonaccrual ? run : x->oi_run);
            f[5] += x->op_due;
            f[6] += x->restructured;
            f[7] += x->restructured ? x->principal : 0;
        }
        const int64_t key[5] = {date, p[i].city, p[i].line, p[i].cls, p[i].bucket};
        for (int k = 0; k < 5; k++)
            sqlite3_bind_int64(st, k + 1, key[k]);
        for (int k = 0; k < 8; k++)
            sqlite3_bind_int64(st, k + 6, f[k]);
        int step = sqlite3_step(st);
        sqlite3_reset(st);
        if (step != SQLITE_DONE) rc = fb__store_fail(s, step, "keeping the day's quality");
        i = j;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The day's quality from the loans' states as end of day holds them: the rows QUALITY_ROWS reads
 * from loan_state (verify compares them), without SQLite's pass and sort over every loan. */
static int keep_states(fb_store *s, int32_t date, const fb__loan_state *v, size_t n) {
    FB_ASSERT(n == 0 || v != NULL);
    placed *p = malloc((n + 1) * sizeof *p);
    if (!p) return FB_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].status == FB_LOAN_ACTIVE) p[m++] = place(&v[i], (int64_t)date + 1);
    qsort(p, m, sizeof *p, placed_cmp);
    int rc = exec_day(s, "DELETE FROM quality_monthly WHERE date = ?1", date,
                      "keeping the day's quality");
    if (rc == FB_OK) rc = write_rows(s, date, p, m);
    free(p);
    FB_ASSERT(m <= n);
    return rc ? rc
              : exec_day(s, "UPDATE meta SET value = ?1 WHERE key = 'quality_kept'", date,
                         "keeping the day's quality");
}

int fb__store_quality_close_day(fb_store *s, int32_t date, const fb__loan_state *v, size_t n) {
    FB_ASSERT(s != NULL && date > 0);
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(date + 1, &y, &m, &d);
    FB_ASSERT(d >= 1 && d <= 31);
    if (d == 1) return FB_OK; /* a month-end: the provisions kept it (provision.c) */
    /* The days before that are no month-end are kept no longer: the last closed day is read. */
    int rc = exec_day(s,
                      "DELETE FROM quality_monthly WHERE date BETWEEN ?1 - 31 AND ?1 - 1 AND"
                      " strftime('%d', (date + 1) * 86400, 'unixepoch') != '01'",
                      date, "keeping the day's quality");
    if (rc) return rc;
    return v ? keep_states(s, date, v, n) : fb__store_quality_keep(s, date);
}

int fb__store_quality_fresh(fb_store *s, int32_t date, bool *fresh) {
    FB_ASSERT(s != NULL && fresh != NULL);
    *fresh = false;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT value FROM meta WHERE key = 'quality_kept'", &st,
                     "reading the day's quality");
    if (rc) return rc;
    int step = sqlite3_step(st);
    *fresh = step == SQLITE_ROW && sqlite3_column_int64(st, 0) == date && date > 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, step, "reading the day's quality");
}

/* verify: the copy said to be the loans' state now is: the same rows as the loans give, and of
 * the last day closed. */
int fb__store_verify_quality_kept(fb_store *s, void (*fail)(void *ctx, const char *line),
                                  void *ctx) {
    FB_ASSERT(s != NULL && fail != NULL);
    int32_t open = 0;
    bool fresh = false;
    int rc = fb__store_business_date(s, &open);
    if (rc == FB_OK) rc = fb__store_quality_fresh(s, open - 1, &fresh);
    FB_ASSERT(!fresh || open > 1);
    sqlite3_stmt *st = NULL;
    if (rc == FB_OK) {
        rc = prepare(
            s,
            "SELECT 'the quality kept for day ' || ?4 || ' as the loans stand: city ' || city ||"
            " ', line ' || line || ', class ' || class || ', bucket ' || bucket || ' differs' FROM"
            " (SELECT * FROM (SELECT * FROM (" QUALITY_ROWS ") EXCEPT SELECT city, line, class,"
            " bucket, loans, borrowers, balance, overdue, offbal_interest, offbal_penalty,"
            " restructured, restructured_balance FROM quality_monthly WHERE date = ?4) UNION ALL"
            " SELECT * FROM (SELECT city, line, class, bucket, loans, borrowers, balance, overdue,"
            " offbal_interest, offbal_penalty, restructured, restructured_balance FROM"
            " quality_monthly WHERE date = ?4 EXCEPT SELECT * FROM (" QUALITY_ROWS ")))"
            " WHERE ?5"
            " UNION ALL SELECT 'the quality is said kept for day ' || value || ', the last day"
            " closed is ' || (?1 - 1) FROM meta WHERE key = 'quality_kept' AND value != 0 AND"
            " value != ?1 - 1",
            &st, "verifying the day's quality");
    }
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, open);
    sqlite3_bind_int64(st, 2, 0);
    sqlite3_bind_int64(st, 3, 999999);
    sqlite3_bind_int64(st, 4, (int64_t)open - 1);
    sqlite3_bind_int(st, 5, fresh);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        fail(ctx, t ? (const char *)t : "the quality kept");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "verifying the day's quality");
}

int fb__store_quality_kept(fb_store *s, int32_t date, bool *kept) {
    FB_ASSERT(kept != NULL && date >= 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT EXISTS (SELECT 1 FROM quality_monthly WHERE date = ?1)", &st,
                     "reading the month's quality");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    int step = sqlite3_step(st);
    *kept = step == SQLITE_ROW && sqlite3_column_int64(st, 0) != 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading the month's quality");
}

static void add_figures(fb_quality_figures *f, sqlite3_stmt *st) {
    f->loans += sqlite3_column_int64(st, 4);
    int64_t borrowers = sqlite3_column_int64(st, 5);
    if (borrowers > f->borrowers_at_least) f->borrowers_at_least = borrowers;
    f->balance_fen += sqlite3_column_int64(st, 6);
    f->overdue_fen += sqlite3_column_int64(st, 7);
    f->offbal_interest_fen += sqlite3_column_int64(st, 8);
    f->offbal_penalty_fen += sqlite3_column_int64(st, 9);
    f->restructured_loans += sqlite3_column_int64(st, 10);
    f->restructured_fen += sqlite3_column_int64(st, 11);
}

int fb__store_quality(fb_store *s, int32_t date, bool live, int32_t city_lo, int32_t city_hi,
                      fb_quality_report *out) {
    FB_ASSERT(out != NULL && date > 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     live ? QUALITY_ROWS
                          : "SELECT city, line, class, bucket, loans, borrowers, balance, overdue,"
                            " offbal_interest, offbal_penalty, restructured, restructured_balance"
                            " FROM quality_monthly WHERE date = ?1 - 1 AND city BETWEEN ?2 AND ?3",
                     &st, "reporting the quality");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, (int64_t)date + 1);
    sqlite3_bind_int64(st, 2, city_lo);
    sqlite3_bind_int64(st, 3, city_hi);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int cls = sqlite3_column_int(st, 2), bucket = sqlite3_column_int(st, 3);
        if (cls < 0 || cls >= FB_CLASS_COUNT_ || bucket < 0 || bucket > FB_QUALITY_BUCKETS)
            continue;
        add_figures(&out->classes[cls], st);
        add_figures(&out->total, st);
        if (bucket > 0) add_figures(&out->buckets[bucket - 1], st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reporting the quality");
}

/* ---- Migration --------------------------------------------------------------------------------
 * The loans whose class or life is not plain between the two days: every loan with a class
 * history entry by `to`, and every loan drawn after `from` (all of them when nothing was closed on
 * `from`). For each: its class, whether it was active, and its principal, at the close of each
 * day. Every other loan was normal whenever it was active, and was drawn by `from`: the
 * aggregates of the two days give its counts and balances by difference (fb__store_migration). */

#define CLASS_AT(day)                                                                              \
    "COALESCE((SELECT h.to_class FROM class_history h WHERE h.loan = l.key AND h.date <= " day     \
    " ORDER BY h.seq DESC LIMIT 1), 0)"
/* A loan brought in at a cut-over (loan_openings) stands at its opening's principal there, and
 * one brought in closed closed on it: the core system's repayments before are not here. */
#define OPENED_ON "(SELECT o.date FROM loan_openings o WHERE o.loan = l.key)"
#define OPENED_WITH "(SELECT o.principal FROM loan_openings o WHERE o.loan = l.key)"
#define CLOSED_ON                                                                                  \
    "(CASE l.status WHEN 'settled' THEN COALESCE((SELECT MAX(r.date) FROM repayments r WHERE"      \
    " r.loan = l.key), " OPENED_ON ") WHEN 'written_off' THEN COALESCE((SELECT MAX(r.date) FROM"   \
    " repayments r WHERE r.loan = l.key AND r.kind = 'write_off'), " OPENED_ON ") ELSE NULL END)"
#define ACTIVE_AT(day) "(l.start_date <= " day " AND (l.closed IS NULL OR l.closed > " day "))"
#define BALANCE_AT(day)                                                                            \
    "(COALESCE(" OPENED_WITH ", l.amount) + COALESCE((SELECT SUM(g.capitalised) FROM loan_changes" \
    " g WHERE g.loan = l.key AND g.date <= " day "), 0) - COALESCE((SELECT SUM(r.principal) FROM"  \
    " repayments r WHERE r.loan = l.key AND r.date <= " day " AND r.kind IN ('repayment',"         \
    " 'auto_debit', 'write_off')), 0))"

static int aggregate_normal(fb_store *s, int32_t day, int64_t *loans, int64_t *fen) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT COALESCE(SUM(loans), 0), COALESCE(SUM(balance), 0) FROM agg_daily"
                     " WHERE date = ?1 AND class = 0",
                     &st, "reading a day's aggregates");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, day);
    int step = sqlite3_step(st);
    *loans = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *fen = step == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading a day's aggregates");
}

static int first_closed(fb_store *s, int32_t *day) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT COALESCE(MIN(date), 0) FROM agg_daily", &st,
                     "reading the first day closed");
    if (rc) return rc;
    int step = sqlite3_step(st);
    *day = step == SQLITE_ROW ? (int32_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading the first day closed");
}

/* The loans apart, each with its class, activity and principal at both closes; taken off plain[]
 * (what the aggregates hold of the normal loans on both days), which then holds the plain loans'
 * part. */
static int loans_apart(fb_store *s, int32_t from, int32_t to, bool everyone, fb_migration *m,
                       int64_t plain[4]) {
    static const char *const sql =
        "SELECT " CLASS_AT("?1") ", " ACTIVE_AT("?1") ", " BALANCE_AT("?1") ", " CLASS_AT(
            "?2") ", " ACTIVE_AT("?2") ", " BALANCE_AT("?2") " FROM (SELECT l.key AS key, l.amount "
                                                             "AS"
                                                             " amount, l.start_date AS "
                                                             "start_date, " CLOSED_ON
                                                             " AS closed FROM loans l WHERE"
                                                             " l.start_date <= ?2 AND (?3 OR "
                                                             "l.start_date > ?1 OR EXISTS (SELECT "
                                                             "1 FROM class_history"
                                                             " h WHERE h.loan = l.key AND h.date "
                                                             "<= ?2))) l";
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st, "reporting the migration");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int(st, 3, everyone);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int ca = sqlite3_column_int(st, 0), cb = sqlite3_column_int(st, 3);
        bool aa = sqlite3_column_int(st, 1) && !everyone, ab = sqlite3_column_int(st, 4);
        int64_t ba = sqlite3_column_int64(st, 2), bb = sqlite3_column_int64(st, 5);
        if (ca < 0 || ca >= FB_CLASS_COUNT_ || cb < 0 || cb >= FB_CLASS_COUNT_) continue;
        if (aa) {
            m->opening_loans[ca]++;
            m->opening_fen[ca] += ba;
            if (ca == 0) plain[0]--, plain[1] -= ba;
        }
        if (ab && cb == 0) plain[2]--, plain[3] -= bb;
        if (aa && ab) {
            m->cells[ca][cb].loans++;
            m->cells[ca][cb].balance_fen += bb;
        } else if (aa) {
            m->left_loans[ca]++;
        } else if (ab) {
            m->new_loans[cb]++;
            m->new_fen[cb] += bb;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reporting the migration");
}

int fb__store_migration(fb_store *s, int32_t from, int32_t to, int32_t last_closed,
                        fb_migration *out) {
    FB_ASSERT(out != NULL && from <= to && to <= last_closed);
    FB_ASSERT(s != NULL);
    int32_t first = 0;
    int rc = first_closed(s, &first);
    /* Nothing closed on `from`: no class is known then; every loan is new. */
    bool everyone = first == 0 || from < first;
    int64_t plain[4] = {0, 0, 0, 0}; /* normal at from: loans, fen; at to: loans, fen */
    if (rc == FB_OK && !everyone) rc = aggregate_normal(s, from, &plain[0], &plain[1]);
    if (rc == FB_OK) rc = aggregate_normal(s, to, &plain[2], &plain[3]);
    if (everyone) plain[2] = plain[3] = 0;
    if (rc == FB_OK) rc = loans_apart(s, from, to, everyone, out, plain);
    if (rc) return rc;
    if (!everyone) {
        /* The plain loans: normal throughout, drawn by from, some settled by to. */
        out->opening_loans[0] += plain[0];
        out->opening_fen[0] += plain[1];
        out->cells[0][0].loans += plain[2];
        out->cells[0][0].balance_fen += plain[3];
        out->left_loans[0] += plain[0] - plain[2];
    }
    return FB_OK;
}

int fb__store_provisions_by_class(fb_store *s, int32_t date, int32_t city_lo, int32_t city_hi,
                                  int64_t out[FB_CLASS_COUNT_]) {
    FB_ASSERT(out != NULL && date > 0);
    memset(out, 0, FB_CLASS_COUNT_ * sizeof out[0]);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT class, SUM(specific + general) FROM provisions WHERE date = ?1 AND"
                     " " CITY_OF("cell") " BETWEEN ?2 AND ?3 GROUP BY class",
                     &st, "reading the provisions by class");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    sqlite3_bind_int64(st, 2, city_lo);
    sqlite3_bind_int64(st, 3, city_hi);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int c = sqlite3_column_int(st, 0);
        if (c >= 0 && c < FB_CLASS_COUNT_) out[c] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading the provisions by class");
}
