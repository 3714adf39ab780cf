/* aggregates.c — running aggregates of the loan book for the reports: for each cell (city,
 * key-industry chain, line of business, size class) and class, the principal outstanding, the
 * loans and the borrowers; each borrower's exposure; the amounts drawn by day; the moves between
 * classes by day; and a copy of the cells at the close of every day. They change with every write
 * of a loan's state, in the same transaction, so that a report reads cells instead of loans;
 * verify recounts them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static int exec_bind(fb_store *s, int which, const char *sql, const int64_t *v, int n,
                     int64_t *result, const char *what) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, which, sql);
    if (!st) return FB_EIO;
    for (int i = 0; i < n; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && result) *result = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, what);
}

static int add_credit(fb_store *s, int64_t cell, int64_t cls, int64_t balance, int64_t loans,
                      int64_t borrowers) {
    const int64_t v[5] = {cell, cls, balance, loans, borrowers};
    return exec_bind(s, STMT_AGG_CREDIT,
                     "INSERT INTO agg_credit VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE"
                     " SET balance = balance + excluded.balance, loans = loans + excluded.loans,"
                     " borrowers = borrowers + excluded.borrowers",
                     v, 5, NULL, "keeping the credit aggregates");
}

static int add_exposure(fb_store *s, int64_t party, int64_t delta) {
    const int64_t v[2] = {party, delta};
    return exec_bind(s, STMT_AGG_EXPOSURE,
                     "INSERT INTO agg_exposure VALUES (?1, ?2) ON CONFLICT DO UPDATE SET"
                     " principal = principal + excluded.principal",
                     v, 2, NULL, "keeping the exposures");
}

/* Adds (sign +1) or takes away (-1) a loan's part in the aggregates. */
static int contribute(fb_store *s, const fb__loan_state *x, int sign) {
    int64_t loans = 0;
    const int64_t party[4] = {x->party, x->cell, x->class, sign};
    int rc = exec_bind(s, STMT_AGG_PARTY,
                       "INSERT INTO agg_party VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
                       " loans = loans + excluded.loans RETURNING loans",
                       party, 4, &loans, "counting a borrower");
    /* A borrower enters a cell with its first loan there and leaves it with its last. */
    int64_t borrowers = sign > 0 ? loans == 1 : loans == 0;
    if (rc == FB_OK)
        rc = add_credit(s, x->cell, x->class, sign * x->principal, sign, sign * borrowers);
    /* A borrower counts as inclusive in its city while it has an inclusive loan. */
    if (rc == FB_OK && x->cell % 2 == 1) {
        const int64_t inclusive[3] = {x->party, x->cell / 512, sign};
        int64_t held = 0;
        rc = exec_bind(s, STMT_AGG_INCLUSIVE,
                       "INSERT INTO agg_inclusive VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET"
                       " loans = loans + excluded.loans RETURNING loans",
                       inclusive, 3, &held, "counting an inclusive borrower");
        bool moved = sign > 0 ? held == 1 : held == 0;
        const int64_t city[2] = {x->cell / 512, sign};
        if (rc == FB_OK && moved) {
            rc = exec_bind(s, STMT_AGG_INCLUSIVE_CITY,
                           "INSERT INTO agg_inclusive_city VALUES (?1, ?2) ON CONFLICT DO UPDATE"
                           " SET borrowers = borrowers + excluded.borrowers",
                           city, 2, NULL, "counting inclusive borrowers");
        }
    }
    if (rc == FB_OK) rc = add_exposure(s, x->party, sign * x->principal);
    return rc;
}

int fb__store_agg_change(fb_store *s, const fb__loan_state *now) {
    fb__loan_state before = *now;
    before.status = now->stored.status;
    before.cell = now->stored.cell;
    before.class = now->stored.class;
    before.principal = now->stored.principal;
    const fb__loan_state *old = &before;
    bool was = old->status == FB_LOAN_ACTIVE, is = now->status == FB_LOAN_ACTIVE;
    if (was && is && old->cell == now->cell && old->class == now->class) {
        /* The usual change, a repayment: only the principal moves, in place. */
        int64_t delta = now->principal - old->principal;
        if (delta == 0) return FB_OK;
        int rc = add_credit(s, now->cell, now->class, delta, 0, 0);
        return rc ? rc : add_exposure(s, now->party, delta);
    }
    int rc = was ? contribute(s, old, -1) : FB_OK;
    if (rc == FB_OK && is) rc = contribute(s, now, +1);
    if (rc == FB_OK && was && is && old->class != now->class) {
        int64_t open = 0;
        rc = exec_bind(s, STMT_AGG_DAY,
                       "SELECT COALESCE((SELECT value FROM meta WHERE key = 'business_date'), 0)",
                       NULL, 0, &open, "reading the business date");
        const int64_t move[5] = {open, old->class, now->class, now->principal, 1};
        if (rc == FB_OK) {
            rc = exec_bind(s, STMT_AGG_MOVE,
                           "INSERT INTO agg_moves VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO"
                           " UPDATE SET balance = balance + excluded.balance, loans = loans +"
                           " excluded.loans",
                           move, 5, NULL, "recording a move between classes");
        }
    }
    return rc;
}

int fb__store_agg_drawn(fb_store *s, int32_t date, int64_t cell, int64_t party, int64_t amount,
                        int64_t rate_e6) {
    FB_ASSERT(s != NULL && date > 0);
    FB_ASSERT(cell >= 0 && party > 0);
    const int64_t v[4] = {date, cell, amount, amount * rate_e6};
    int rc = exec_bind(s, STMT_AGG_NEW,
                       "INSERT INTO agg_new VALUES (?1, ?2, ?3, 1, ?4) ON CONFLICT DO UPDATE SET"
                       " amount = amount + excluded.amount, loans = loans + 1,"
                       " rate_amount = rate_amount + excluded.rate_amount",
                       v, 4, NULL, "counting new credit");
    /* The borrower drew in the year: in its drawer cell of the line (every 0) and of every line
     * (every 1), on its first day there. */
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(date, &y, &m, &d);
    for (int every = 0; rc == FB_OK && every < 2; every++) {
        const int64_t w[5] = {y, every, every ? FB_DRAWER_ALL(cell) : FB_DRAWER_LINE(cell), party,
                              date};
        rc = exec_bind(s, STMT_AGG_DRAWER,
                       "INSERT INTO agg_drawer VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE"
                       " SET first = MIN(first, excluded.first)",
                       w, 5, NULL, "counting a borrower's new credit");
    }
    return rc;
}

int fb__store_agg_close_day(fb_store *s, int32_t date, const fb__loan_state *states, size_t n) {
    const int64_t v[1] = {date};
    int rc = exec_bind(s, STMT_AGG_SNAPSHOT,
                       "INSERT OR REPLACE INTO agg_daily SELECT ?1, cell, class, balance, loans,"
                       " borrowers FROM agg_credit WHERE loans > 0",
                       v, 1, NULL, "keeping the day's aggregates");
    /* New credit through the day: through the day before plus the day's own (or, on the first
     * day closed with loans, everything drawn until then). */
    if (rc == FB_OK) {
        rc = exec_bind(s, STMT_AGG_SNAPSHOT_NEW,
                       "INSERT OR REPLACE INTO agg_new_daily SELECT ?1, cell, SUM(amount),"
                       " SUM(loans), SUM(rate_amount) FROM (SELECT cell, amount, loans,"
                       " rate_amount FROM agg_new_daily WHERE date = ?1 - 1 UNION ALL"
                       " SELECT cell, amount, loans, rate_amount FROM agg_new WHERE date BETWEEN"
                       " (CASE WHEN EXISTS (SELECT 1 FROM agg_new_daily WHERE date = ?1 - 1)"
                       " THEN ?1 ELSE 0 END) AND ?1) GROUP BY cell",
                       v, 1, NULL, "keeping the day's new credit");
    }
    if (rc == FB_OK) {
        rc = exec_bind(s, STMT_AGG_SNAPSHOT_INCLUSIVE,
                       "INSERT OR REPLACE INTO agg_inclusive_daily SELECT ?1, city, borrowers"
                       " FROM agg_inclusive_city WHERE borrowers > 0",
                       v, 1, NULL, "keeping the day's inclusive borrowers");
    }
    /* The government's schemes at the close (docs/schemes.md): kind 0 each region's pools, their
     * covered principal outstanding and their capacity (leverage x the fund's balance); kind 1
     * each city's part guaranteed of its inclusive loans, half up. */
    if (rc == FB_OK) {
        rc = exec_bind(
            s, STMT_AGG_SNAPSHOT_SCHEMES,
            "INSERT OR REPLACE INTO agg_scheme_daily SELECT ?1, 0, region, SUM(covered),"
            " SUM(capacity) FROM (SELECT p.region, COALESCE((SELECT SUM(x.principal) FROM"
            " pool_cover c JOIN loan_state x ON x.loan = c.loan WHERE c.pool = p.key AND"
            " x.status = 0), 0) covered, p.leverage * COALESCE((SELECT a.credits_posted -"
            " a.debits_posted FROM accounts_now a WHERE a.id = 'pool:' || p.id || ':fund'), 0)"
            " capacity FROM pools p) GROUP BY region"
            " UNION ALL SELECT ?1, 1, CASE WHEN " FB_CELL_CITY(
                "x.cell") " > 0 THEN 210000 + " FB_CELL_CITY("x.cell") " * 100 ELSE 0 END, "
                                                                       "SUM((g.covered * "
                                                                       "x.principal + 500000) /"
                                                                       " 1000000), 0 FROM "
                                                                       "guarantees g JOIN "
                                                                       "loan_state x ON x.loan = "
                                                                       "g.loan WHERE"
                                                                       " x.status = 0 "
                                                                       "AND " FB_CELL_INCLUSIVE(
                                                                           "x.cell") " = 1 GROUP "
                                                                                     "BY 3",
            v, 1, NULL, "keeping the day's schemes");
    }
    if (rc == FB_OK) rc = fb__store_agg_drawers_close(s, date);
    if (rc == FB_OK) rc = fb__store_quality_close_day(s, date, states, n);
    return rc;
}

int fb__store_agg_drawers_close(fb_store *s, int32_t date) {
    FB_ASSERT(s != NULL && date > 0);
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(date, &y, &m, &d);
    int32_t jan1 = fb_date_from_ymd(y, 1, 1);
    FB_ASSERT(jan1 > 0 && jan1 <= date);
    /* The day before's count and the borrowers who first drew on the day; on the first of
     * January, or when the day before was not kept, every borrower of the year so far. The
     * day's row of every = 2 says it is kept (the report reads the loans for a day without).
     * The borrowers are found by their first day (agg_drawer_first: a day's few rows), not by
     * the year's key (+year: every borrower of the year, each day, read a cut-over's 1,000
     * days of history in time of the book's size times its days). */
    const int64_t v[3] = {date, jan1, y};
    int rc = exec_bind(s, STMT_AGG_SNAPSHOT_DRAWERS,
                       "INSERT OR REPLACE INTO agg_drawer_daily SELECT ?1, every, cell, SUM(n)"
                       " FROM (SELECT every, cell, n FROM agg_drawer_daily WHERE date = ?1 - 1"
                       " AND every < 2 AND ?1 > ?2 UNION ALL SELECT every, cell, 1 FROM"
                       " agg_drawer WHERE +year = ?3 AND first BETWEEN (CASE WHEN ?1 > ?2 AND"
                       " EXISTS (SELECT 1 FROM agg_drawer_daily WHERE date = ?1 - 1 AND every = 2)"
                       " THEN ?1 ELSE ?2 END) AND ?1) GROUP BY every, cell"
                       " UNION ALL SELECT ?1, 2, 0, 0",
                       v, 3, NULL, "keeping the day's borrowers of new credit");
    return rc;
}

int fb__store_loan_cell(fb_store *s, int64_t loan_key, int64_t *party_key, int64_t *cell) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_PARTY_CELL,
                                          "SELECT p.key, " FB_CELL_SQL " FROM loans l JOIN"
                                          " parties p ON p.id = l.party WHERE l.key = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, loan_key);
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        *party_key = sqlite3_column_int64(st, 0);
        *cell = sqlite3_column_int64(st, 1);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "finding a loan's party");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_party_worst_class(fb_store *s, const char *party_id, int *loan_class) {
    FB_ASSERT(party_id != NULL && loan_class != NULL);
    *loan_class = -1;
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_PARTY_WORST_CLASS,
                                          "SELECT COALESCE(MAX(a.class), -1) FROM parties p JOIN"
                                          " agg_party a ON a.party = p.key WHERE p.id = ?1 AND"
                                          " a.loans > 0");
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, party_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *loan_class = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    FB_ASSERT(rc != SQLITE_ROW || *loan_class >= -1);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "reading a borrower's worst class");
}

/* The dimension of a column, or -1 when not asked for. */
#define DIM(flag, expr) "(CASE WHEN ?3 & " #flag " THEN " expr " ELSE -1 END)"
#define CITY_OF(cell)                                                                              \
    "(CASE WHEN " FB_CELL_CITY(cell) " > 0 THEN 210000 + " FB_CELL_CITY(cell) " * 100 ELSE 0 END)"
#define DIMS                                                                                       \
    DIM(1, CITY_OF("cell"))                                                                        \
    ", " DIM(2, FB_CELL_CHAIN("cell")) ", " DIM(4, FB_CELL_LINE("cell")) ", " DIM(                 \
        8, FB_CELL_SIZE("cell"))

/* Whether the borrowers of new credit from `from` through as_of are kept (*how KEPT) or are read
 * from the loans (*how SCAN): kept when the period is as_of's year to date and as_of was kept. */
static int kept_through(fb_store *s, int32_t as_of, int32_t from, int *how) {
    FB_ASSERT(*how == FB_NEW_BORROWERS_KEPT && as_of > 0);
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(as_of, &y, &m, &d);
    *how = FB_NEW_BORROWERS_SCAN;
    if (from != fb_date_from_ymd(y, 1, 1)) return FB_OK;
    const int64_t v[1] = {as_of};
    int64_t kept = 0;
    int rc = exec_bind(s, STMT_AGG_DRAWERS_KEPT,
                       "SELECT EXISTS (SELECT 1 FROM agg_drawer_daily WHERE date = ?1 AND"
                       " every = 2)",
                       v, 1, &kept, "reading the borrowers kept");
    if (rc == FB_OK && kept) *how = FB_NEW_BORROWERS_KEPT;
    return rc;
}

/* The rows of the credit report: the day's cells, then new credit (through as_of less through
 * the day before from), and when ?6 each loan drawn in the period with its borrower (the loans
 * agg_new counts). Grouped first by the row's dimensions and the borrower's own (city, chain,
 * size: one borrower is in one such group, its loans' lines, scopes and classes apart), so that
 * each row also has a lower bound of its distinct borrowers, the sum over those groups of their
 * largest finest cell, and the distinct borrowers of its new credit, a sum over groups that
 * share none. (Formatting off: clang-format breaks the SQL apart around its macros.) */
/* clang-format off */
#define GROUP_OF(cell) "((" cell " / 64) * 4 + (" cell " / 2) % 4)"
#define NEW_DIMS DIMS ", -1, "
#define CELL_ROWS \
    " SELECT " DIM(1, CITY_OF("cell")) " AS city, " DIM(2, FB_CELL_CHAIN("cell")) " AS chain," \
    " " DIM(4, FB_CELL_LINE("cell")) " AS line, " DIM(8, FB_CELL_SIZE("cell")) " AS size," \
    " " DIM(16, "class") " AS class, " GROUP_OF("cell") " AS g, balance AS b, loans AS k," \
    " borrowers AS m, 0 AS na, 0 AS nk, NULL AS p, " CITY_OF("cell") " AS c, 0 AS q" \
    " FROM agg_daily WHERE date = ?1"
#define NEW_ROWS \
    " UNION ALL SELECT " NEW_DIMS GROUP_OF("cell") ", 0, 0, 0, amount, loans, NULL," \
    " " CITY_OF("cell") ", 0 FROM agg_new_daily WHERE date = ?1" \
    " UNION ALL SELECT " NEW_DIMS GROUP_OF("cell") ", 0, 0, 0, -amount, -loans, NULL," \
    " " CITY_OF("cell") ", 0 FROM agg_new_daily WHERE date = ?2 - 1"
#define DRAWN_ROWS \
    " UNION ALL SELECT " NEW_DIMS GROUP_OF("x.cell") ", 0, 0, 0, 0, 0, x.party," \
    " " CITY_OF("x.cell") ", 0 FROM loans l JOIN loan_state x ON x.loan = l.key" \
    " WHERE ?6 = 2 AND l.start_date BETWEEN ?2 AND ?1 AND substr(l.id, 1, 4) != 'adv:'"
/* The borrowers kept through as_of (a drawer cell is one group, of a line or of every line). */
#define KEPT_ROWS \
    " UNION ALL SELECT " NEW_DIMS GROUP_OF("cell") ", 0, 0, 0, 0, 0, NULL, " CITY_OF("cell") "," \
    " n FROM agg_drawer_daily WHERE ?6 = 1 AND date = ?1 AND every = ((?3 & 4) = 0)"
/* clang-format on */

int fb__store_report_cells(fb_store *s, int32_t as_of, int32_t from, unsigned dims, int32_t city_lo,
                           int32_t city_hi, int new_borrowers, fb_report_row **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    FB_ASSERT(new_borrowers >= FB_NEW_BORROWERS_NONE && new_borrowers <= FB_NEW_BORROWERS_SCAN);
    *out = NULL;
    *n = 0;
    if (new_borrowers == FB_NEW_BORROWERS_KEPT) {
        int rc = kept_through(s, as_of, from ? from : as_of, &new_borrowers);
        if (rc) return rc;
    }
    static const char *const sql =
        "SELECT city, chain, line, size, class, SUM(sb), SUM(sk), SUM(sm), SUM(sna), SUM(snk),"
        " SUM(most), SUM(drew) FROM (SELECT city, chain, line, size, class, SUM(b) AS sb,"
        " SUM(k) AS sk, SUM(m) AS sm, SUM(na) AS sna, SUM(nk) AS snk, MAX(m) AS most,"
        " COUNT(DISTINCT p) + SUM(q) AS drew FROM (" CELL_ROWS NEW_ROWS DRAWN_ROWS KEPT_ROWS ")"
        " WHERE c BETWEEN ?4 AND ?5 GROUP BY city, chain, line, size, class, g)"
        " GROUP BY city, chain, line, size, class HAVING SUM(sk) > 0 OR SUM(snk) > 0"
        " ORDER BY city, chain, line, size, class";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reporting credit");
    sqlite3_bind_int64(st, 1, as_of);
    sqlite3_bind_int64(st, 2, from ? from : as_of);
    sqlite3_bind_int64(st, 3, dims);
    sqlite3_bind_int64(st, 4, city_lo);
    sqlite3_bind_int64(st, 5, city_hi);
    sqlite3_bind_int(st, 6, new_borrowers);
    size_t cap = 0;
    fb_report_row *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            fb_report_row *bigger = cap <= FB_REPORT_ROWS_MAX ? realloc(v, cap * sizeof *v) : NULL;
            if (!bigger) {
                free(v);
                sqlite3_finalize(st);
                return cap <= FB_REPORT_ROWS_MAX ? FB_ENOMEM : FB_ELIMIT;
            }
            v = bigger;
        }
        fb_report_row *r = &v[(*n)++];
        memset(r, 0, sizeof *r);
        r->city = (int32_t)sqlite3_column_int64(st, 0);
        int64_t chain = sqlite3_column_int64(st, 1);
        snprintf(r->chain, sizeof r->chain, "%s",
                 chain < 0                                ? "*"
                 : chain == 0 || chain >= FB_CHAIN_COUNT_ ? ""
                                                          : fb_chain_name((fb_chain)chain));
        r->line = (int)sqlite3_column_int64(st, 2);
        r->size = (int)sqlite3_column_int64(st, 3);
        r->loan_class = (int)sqlite3_column_int64(st, 4);
        r->balance_fen = sqlite3_column_int64(st, 5);
        r->loans = sqlite3_column_int64(st, 6);
        r->borrowers = sqlite3_column_int64(st, 7);
        r->new_fen = sqlite3_column_int64(st, 8);
        r->new_loans = sqlite3_column_int64(st, 9);
        r->borrowers_at_least = sqlite3_column_int64(st, 10);
        r->new_borrowers = new_borrowers ? sqlite3_column_int64(st, 11) : -1;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return fb__store_fail(s, rc, "reporting credit");
    }
    *out = v;
    return FB_OK;
}
#undef GROUP_OF
#undef NEW_DIMS
#undef CELL_ROWS
#undef NEW_ROWS
#undef DRAWN_ROWS
#undef KEPT_ROWS

int fb__store_report_credit(fb_store *s, int32_t as_of, int32_t from, unsigned dims,
                            int32_t city_lo, int32_t city_hi, fb_report_row **out, size_t *n) {
    return fb__store_report_cells(s, as_of, from, dims, city_lo, city_hi, FB_NEW_BORROWERS_NONE,
                                  out, n);
}

int fb__store_report_exposures(fb_store *s, int32_t city_lo, int32_t city_hi, size_t limit,
                               fb_exposure *out, size_t *n) {
    *n = 0;
    sqlite3_stmt *st = NULL;
    /* Down the index of the largest (agg_exposure_largest), a borrower's city checked on each,
     * until the limit: "+p.city" keeps SQLite from reading the parties of the region by city
     * first and sorting them all (150,000 on the scale book: 190 ms against 0.3 ms). */
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT p.id, p.name, e.principal FROM agg_exposure e JOIN parties"
                                " p ON p.key = e.party WHERE e.principal > 0 AND +p.city BETWEEN ?2"
                                " AND ?3 ORDER BY e.principal DESC LIMIT ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reporting exposures");
    sqlite3_bind_int64(st, 1, (int64_t)limit);
    sqlite3_bind_int64(st, 2, city_lo);
    sqlite3_bind_int64(st, 3, city_hi);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit) {
        fb_exposure *e = &out[(*n)++];
        fb__store_column_text(e->party, sizeof e->party, st, 0);
        fb__store_column_text(e->name, sizeof e->name, st, 1);
        e->principal_fen = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK
                                                 : fb__store_fail(s, rc, "reporting exposures");
}

int fb__store_inclusive_cities(fb_store *s, int32_t date, int64_t borrowers[15],
                               int64_t balance_fen[15]) {
    memset(borrowers, 0, 15 * sizeof borrowers[0]);
    memset(balance_fen, 0, 15 * sizeof balance_fen[0]);
    static const char *const sql =
        "SELECT city, SUM(n), SUM(b) FROM (SELECT city, borrowers AS n, 0 AS b FROM"
        " agg_inclusive_daily WHERE date = ?1 UNION ALL SELECT " FB_CELL_CITY(
            "cell") ", 0,"
                    " balance FROM agg_daily WHERE date = ?1 AND " FB_CELL_INCLUSIVE(
                        "cell") " = 1)"
                                " GROUP BY city";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reporting inclusive loans by city");
    sqlite3_bind_int64(st, 1, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t city = sqlite3_column_int64(st, 0);
        size_t at = city >= 1 && city <= 14 ? (size_t)city : 0;
        borrowers[at] += sqlite3_column_int64(st, 1);
        balance_fen[at] += sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reporting inclusive loans by city");
}

int fb__store_measure_parties(fb_store *s, fb_measure m, int32_t from, int32_t to, int32_t city_lo,
                              int32_t city_hi, int64_t *parties) {
    *parties = 0;
    const char *sql = NULL;
    if (m == FB_MEASURE_SUPPLY_CHAIN_FINANCING) {
        sql = "SELECT COUNT(DISTINCT c.from_party) FROM certificates c JOIN parties p ON"
              " p.id = c.from_party WHERE c.discount_rate IS NOT NULL AND c.date BETWEEN ?1 AND"
              " ?2 AND p.city BETWEEN ?3 AND ?4";
    } else if (m == FB_MEASURE_INCLUSIVE_RATE_MAX) {
        sql = "SELECT COUNT(DISTINCT x.party) FROM loans l JOIN loan_state x ON x.loan = l.key"
              " WHERE l.start_date BETWEEN ?1 AND ?2 AND substr(l.id, 1, 4) != 'adv:' AND"
              " " FB_CELL_INCLUSIVE("x.cell") " = 1 AND " CITY_OF("x.cell") " BETWEEN ?3 AND ?4";
    } else if (m == FB_MEASURE_POOL_LEVERAGE_USED_MIN || m == FB_MEASURE_POOL_COMPENSATION) {
        /* The borrowers covered by the region's pools by ?2; compensated in the period. */
        sql = m == FB_MEASURE_POOL_COMPENSATION
                  ? "SELECT COUNT(DISTINCT c.party) FROM pool_cover c JOIN pools p ON"
                    " p.key = c.pool WHERE c.claimed BETWEEN ?1 AND ?2 AND (p.region BETWEEN ?3"
                    " AND ?4 OR (p.region = 210000 AND ?4 > ?3))"
                  : "SELECT COUNT(DISTINCT c.party) FROM pool_cover c JOIN pools p ON"
                    " p.key = c.pool WHERE c.covered <= ?2 AND ?1 <= ?2 AND (p.region BETWEEN ?3"
                    " AND ?4 OR (p.region = 210000 AND ?4 > ?3))";
    } else if (m == FB_MEASURE_SUBSIDY_PAID) {
        sql = "SELECT COUNT(DISTINCT e.party) FROM subsidy_accrual a JOIN subsidy_claims k ON"
              " k.key = a.claim JOIN subsidy_enrol e ON e.key = a.enrol JOIN subsidies v ON"
              " v.key = k.scheme WHERE k.paid BETWEEN ?1 AND ?2 AND a.decision = 1 AND"
              " (v.region BETWEEN ?3 AND ?4 OR (v.region = 210000 AND ?4 > ?3))";
    } else if (m == FB_MEASURE_GUARANTEED_SHARE_MIN) {
        sql = "SELECT COUNT(DISTINCT x.party) FROM guarantees g JOIN loan_state x ON"
              " x.loan = g.loan WHERE g.created <= ?2 AND ?1 <= ?2 AND " FB_CELL_INCLUSIVE(
                  "x.cell") " = 1 AND " CITY_OF("x.cell") " BETWEEN ?3 AND ?4";
    } else {
        return FB_EINVAL;
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "counting the parties of a measure");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, city_lo);
    sqlite3_bind_int64(st, 4, city_hi);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *parties = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting the parties of a measure");
}
