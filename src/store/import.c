/* import.c — the store's rows of an import (book/import*.c): the runs, each loan's opening
 * figures, the core system's classification changes and the wealth-finance figures; and, for
 * the length of one run, two staging tables in SQLite's temporary database: the installments
 * read from a schedules file (a loan's rows are looked up when the loan itself is read, whatever
 * the order of the files) and the drawn amounts the facilities file gave (checked against the
 * ledger once every loan and certificate is in). The staging lives on disk as SQLite's temporary
 * files do: its memory is the page cache's, whatever the file's size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* The staging of one run: its statements, prepared once. */
struct fb__staging {
    fb_store *s;
    sqlite3_stmt *put, *get, *expect, *mismatch;
};

static int exec_sql(fb_store *s, const char *sql, const char *what) {
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, what);
}

static int prepare(fb_store *s, const char *sql, sqlite3_stmt **st) {
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, "preparing the import's staging");
}

int fb__store_staging_open(fb_store *s, fb__staging **out) {
    FB_ASSERT(s != NULL && out != NULL);
    *out = NULL;
    int rc = exec_sql(s,
                      "CREATE TEMP TABLE IF NOT EXISTS import_installments(loan TEXT NOT NULL,"
                      " n INTEGER NOT NULL, period_start INTEGER NOT NULL, due_date INTEGER NOT"
                      " NULL, principal INTEGER NOT NULL, interest INTEGER NOT NULL,"
                      " PRIMARY KEY (loan, n)) WITHOUT ROWID;"
                      "CREATE TEMP TABLE IF NOT EXISTS import_drawn(facility TEXT PRIMARY KEY,"
                      " drawn INTEGER NOT NULL) WITHOUT ROWID;"
                      "DELETE FROM temp.import_installments; DELETE FROM temp.import_drawn;",
                      "opening the import's staging");
    fb__staging *g = rc ? NULL : calloc(1, sizeof *g);
    if (!rc && !g) rc = FB_ENOMEM;
    if (rc == FB_OK) {
        g->s = s;
        rc = prepare(s, "INSERT INTO temp.import_installments VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     &g->put);
    }
    if (rc == FB_OK) {
        rc = prepare(s,
                     "SELECT n, period_start, due_date, principal, interest FROM"
                     " temp.import_installments WHERE loan = ?1 ORDER BY n",
                     &g->get);
    }
    if (rc == FB_OK) {
        rc = prepare(s, "INSERT OR REPLACE INTO temp.import_drawn VALUES (?1, ?2)", &g->expect);
    }
    if (rc == FB_OK) {
        rc = prepare(
            s,
            "SELECT e.facility, e.drawn, a.credits_posted - a.debits_posted FROM"
            " temp.import_drawn e JOIN facilities f ON f.id = e.facility JOIN accounts_now a"
            " ON a.id = f.drawn_account WHERE a.credits_posted - a.debits_posted !="
            " e.drawn ORDER BY e.facility LIMIT ?1",
            &g->mismatch);
    }
    if (rc) {
        fb__store_staging_close(g);
        return rc;
    }
    *out = g;
    return FB_OK;
}

void fb__store_staging_close(fb__staging *g) {
    if (!g) return;
    sqlite3_finalize(g->put);
    sqlite3_finalize(g->get);
    sqlite3_finalize(g->expect);
    sqlite3_finalize(g->mismatch);
    free(g);
}

int fb__store_staging_installment(fb__staging *g, const char *loan, const fb_installment *i,
                                  bool *duplicate) {
    FB_ASSERT(g != NULL && loan != NULL && i != NULL && duplicate != NULL);
    *duplicate = false;
    sqlite3_stmt *st = g->put;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, loan, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, i->n);
    sqlite3_bind_int64(st, 3, i->period_start);
    sqlite3_bind_int64(st, 4, i->due_date);
    sqlite3_bind_int64(st, 5, i->principal_fen);
    sqlite3_bind_int64(st, 6, i->interest_fen);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT) return *duplicate = true, FB_OK;
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(g->s, rc, "staging an installment");
}

int fb__store_staging_schedule(fb__staging *g, const char *loan, fb_installment *out, size_t cap,
                               size_t *n, bool *more) {
    FB_ASSERT(g != NULL && out != NULL && n != NULL && more != NULL);
    *n = 0;
    *more = false;
    sqlite3_stmt *st = g->get;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, loan, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            *more = true;
            break;
        }
        fb_installment *i = &out[(*n)++];
        memset(i, 0, sizeof *i);
        i->n = (int32_t)sqlite3_column_int64(st, 0);
        i->period_start = (int32_t)sqlite3_column_int64(st, 1);
        i->due_date = (int32_t)sqlite3_column_int64(st, 2);
        i->principal_fen = sqlite3_column_int64(st, 3);
        i->interest_fen = sqlite3_column_int64(st, 4);
        i->payment_fen = i->principal_fen + i->interest_fen;
    }
    int err = rc == SQLITE_ROW || rc == SQLITE_DONE
                  ? FB_OK
                  : fb__store_fail(g->s, rc, "reading a staged schedule");
    sqlite3_reset(st);
    FB_ASSERT(*n <= cap);
    return err;
}

int fb__store_staging_expect_drawn(fb__staging *g, const char *facility, int64_t drawn_fen) {
    FB_ASSERT(g != NULL && facility != NULL && drawn_fen >= 0);
    sqlite3_stmt *st = g->expect;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, facility, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, drawn_fen);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(g->s, rc, "staging a facility's drawn");
}

int fb__store_staging_drawn_mismatches(fb__staging *g, fb__drawn_mismatch *out, size_t cap,
                                       size_t *n) {
    FB_ASSERT(g != NULL && out != NULL && n != NULL);
    *n = 0;
    sqlite3_stmt *st = g->mismatch;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)cap);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        fb__drawn_mismatch *m = &out[(*n)++];
        fb__store_column_text(m->facility, sizeof m->facility, st, 0);
        m->given_fen = sqlite3_column_int64(st, 1);
        m->drawn_fen = sqlite3_column_int64(st, 2);
    }
    int err = rc == SQLITE_ROW || rc == SQLITE_DONE
                  ? FB_OK
                  : fb__store_fail(g->s, rc, "checking the facilities' drawn");
    sqlite3_reset(st);
    return err;
}

/* ---- Runs and openings --------------------------------------------------------------------- */

int fb__store_import_run_next(fb_store *s, int64_t *run) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT COALESCE(MAX(run), 0) + 1 FROM import_runs", &st);
    if (rc) return rc;
    rc = sqlite3_step(st);
    *run = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "numbering an import");
}

int fb__store_import_run_insert(fb_store *s, int64_t run, int32_t as_of, bool cutover) {
    FB_ASSERT(run >= 1 && as_of > 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "INSERT INTO import_runs VALUES (?1, ?2, ?3, 0, 0, ?4)", &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_int64(st, 2, as_of);
    sqlite3_bind_text(st, 3, cutover ? "cutover" : "feed", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, fb_now_ns());
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording an import");
}

int fb__store_import_run_done(fb_store *s, int64_t run, int64_t rows, int64_t net_fen) {
    FB_ASSERT(run >= 1 && rows >= 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "UPDATE import_runs SET rows = ?2, net = ?3 WHERE run = ?1", &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_int64(st, 2, rows);
    sqlite3_bind_int64(st, 3, net_fen);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording an import");
}

int fb__store_loan_opening_insert(fb_store *s, const fb__loan_opening *o) {
    FB_ASSERT(o != NULL && o->loan > 0 && o->run >= 1);
    FB_ASSERT(o->principal >= 0 && o->interest_due >= 0 && o->accrued >= 0 && o->penalty >= 0);
    sqlite3_stmt *st =
        fb__store_stmt_sql(s, STMT_OPENING_INSERT,
                           "INSERT INTO loan_openings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return FB_EIO;
    const int64_t v[9] = {o->loan,    o->run,     o->date,        o->principal, o->interest_due,
                          o->accrued, o->penalty, o->written_off, o->prepaid};
    for (int i = 0; i < 9; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a loan's opening");
}

/* ---- The core system's classification changes -------------------------------------------- */

int fb__store_class_change_by_source(fb_store *s, const char *source_id, fb__class_change *out) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT c.loan, l.id, c.date, c.class_before, c.class,"
                     " COALESCE(c.restructured, -1), COALESCE(c.reason, '') FROM class_changes c"
                     " JOIN loans l ON l.key = c.loan WHERE c.source_id = ?1",
                     &st);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, source_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        snprintf(out->source_id, sizeof out->source_id, "%s", source_id);
        out->loan_key = sqlite3_column_int64(st, 0);
        fb__store_column_text(out->loan, sizeof out->loan, st, 1);
        out->date = (int32_t)sqlite3_column_int64(st, 2);
        out->class_before = (int)sqlite3_column_int64(st, 3);
        out->loan_class = (int)sqlite3_column_int64(st, 4);
        out->restructured = (int)sqlite3_column_int64(st, 5);
        fb__store_column_text(out->reason, sizeof out->reason, st, 6);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a classification change");
    }
    sqlite3_finalize(st);
    return err;
}

int fb__store_class_change_insert(fb_store *s, const fb__class_change *c, int64_t run) {
    FB_ASSERT(c != NULL && c->loan_key > 0);
    FB_ASSERT(c->loan_class >= FB_CLASS_NORMAL && c->loan_class <= FB_CLASS_LOSS);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "INSERT INTO class_changes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &st);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->source_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->loan_key);
    sqlite3_bind_int64(st, 3, c->date);
    sqlite3_bind_int64(st, 4, c->class_before);
    sqlite3_bind_int64(st, 5, c->loan_class);
    if (c->restructured >= 0) {
        sqlite3_bind_int64(st, 6, c->restructured);
    } else {
        sqlite3_bind_null(st, 6);
    }
    fb__store_bind_text_or_null(st, 7, c->reason);
    sqlite3_bind_int64(st, 8, run);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a classification change");
}

int fb__store_loan_set_restructured(fb_store *s, int64_t key, bool restructured) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "UPDATE loans SET restructured = ?2 WHERE key = ?1", &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, restructured);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "updating a loan");
}

int fb__store_class_floor_set(fb_store *s, int64_t loan_key, int loan_class, int32_t date) {
    FB_ASSERT(loan_key > 0 && date > 0);
    FB_ASSERT(loan_class >= FB_CLASS_NORMAL && loan_class <= FB_CLASS_LOSS);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     loan_class == FB_CLASS_NORMAL
                         ? "DELETE FROM class_floors WHERE loan = ?1 AND ?2 + ?3 >= 0"
                         : "INSERT OR REPLACE INTO class_floors VALUES (?1, ?2, ?3)",
                     &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan_key);
    sqlite3_bind_int64(st, 2, loan_class);
    sqlite3_bind_int64(st, 3, date);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a class floor");
}

int fb__store_class_floors(fb_store *s, int64_t **loans, uint8_t **classes, size_t *n) {
    FB_ASSERT(loans != NULL && classes != NULL && n != NULL);
    *loans = NULL;
    *classes = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT loan, class FROM class_floors ORDER BY loan", &st);
    size_t cap = 0;
    while (rc == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = FB_OK;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            if (cap > (size_t)FB_LOANS_MAX * 2) {
                rc = FB_ELIMIT; /* a floor a loan: more rows than loans is a damaged table */
                break;
            }
            int64_t *l = realloc(*loans, cap * sizeof *l);
            if (l) *loans = l;
            uint8_t *c = realloc(*classes, cap);
            if (c) *classes = c;
            if (!l || !c) rc = FB_ENOMEM;
        }
        if (rc == FB_OK) {
            (*loans)[*n] = sqlite3_column_int64(st, 0);
            (*classes)[(*n)++] = (uint8_t)sqlite3_column_int64(st, 1);
        }
    }
    if (rc == SQLITE_DONE) rc = FB_OK;
    if (rc > 0) rc = fb__store_fail(s, rc, "reading the class floors");
    sqlite3_finalize(st);
    FB_ASSERT(rc != FB_OK || *n <= cap);
    return rc;
}

int fb__store_class_floors_settle(fb_store *s, int32_t as_of, int64_t dpd) {
    FB_ASSERT(as_of > 0 && dpd > 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "DELETE FROM class_floors WHERE class = 2 AND loan IN (SELECT f.loan FROM"
                     " class_floors f JOIN loan_state x ON x.loan = f.loan WHERE x.party IN"
                     " (SELECT party FROM loan_state WHERE status = 0 GROUP BY party HAVING"
                     " SUM(CASE WHEN oldest_due > 0 AND ?1 - oldest_due >= ?2 THEN principal"
                     " ELSE 0 END) * 10 > SUM(principal)))",
                     &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, as_of);
    sqlite3_bind_int64(st, 2, dpd);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    FB_ASSERT(rc != SQLITE_ROW);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "settling the class floors");
}

/* ---- Wealth-finance figures -------------------------------------------------------------- */

int fb__store_wealth_get(fb_store *s, fb_measure m, int32_t city, int32_t date, int64_t *value) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT value FROM wealth_figures WHERE measure = ?1 AND city = ?2 AND"
                     " date = ?3",
                     &st);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, fb_measure_name(m), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, city);
    sqlite3_bind_int64(st, 3, date);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a wealth figure");
    if (rc == SQLITE_ROW) *value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return err;
}

int fb__store_wealth_insert(fb_store *s, fb_measure m, int32_t city, int32_t date, int64_t value,
                            const char *source_id, int64_t run) {
    FB_ASSERT(value >= 0 && run >= 1);
    FB_ASSERT((unsigned)m < FB_MEASURE_COUNT_);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "INSERT INTO wealth_figures VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    sqlite3_bind_int64(st, 2, city);
    sqlite3_bind_text(st, 3, fb_measure_name(m), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, value);
    fb__store_bind_text_or_null(st, 5, source_id);
    sqlite3_bind_int64(st, 6, run);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a wealth figure");
}

int fb__store_loans_count(fb_store *s, int64_t *n) {
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT (SELECT COUNT(*) FROM loans) + (SELECT COUNT(*) FROM certificates)",
                     &st);
    if (rc) return rc;
    rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting loans");
}

/* ---- Reconciliation: the loans a core system's file named ---------------------------------- */

int fb__store_reconcile_open(fb_store *s) {
    return exec_sql(s,
                    "CREATE TEMP TABLE IF NOT EXISTS reconcile_seen(id TEXT PRIMARY KEY)"
                    " WITHOUT ROWID; DELETE FROM temp.reconcile_seen;",
                    "starting a reconciliation");
}

int fb__store_reconcile_seen(fb_store *s, const char *loan, bool *again) {
    FB_ASSERT(s != NULL && loan != NULL && again != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "INSERT OR IGNORE INTO temp.reconcile_seen VALUES (?1)", &st);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, loan, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *again = sqlite3_changes(s->db) == 0;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reconciling a loan");
}

int fb__store_reconcile_extras(fb_store *s, const char *after, char (*ids)[FB_ID_MAX + 1],
                               size_t cap, size_t *n) {
    FB_ASSERT(ids != NULL && n != NULL && cap > 0);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT l.id FROM loans l JOIN loan_state x ON x.loan = l.key WHERE"
                     " x.status = 0 AND l.id > ?1 AND substr(l.id, 1, 4) != 'adv:' AND l.id NOT"
                     " IN (SELECT id FROM temp.reconcile_seen) ORDER BY l.id LIMIT ?2",
                     &st);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        fb__store_column_text(ids[(*n)++], FB_ID_MAX + 1, st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK
                                                 : fb__store_fail(s, rc, "finding loans not named");
}

/* ---- New credit before a cut-over ----------------------------------------------------- */

int fb__store_agg_new_history(fb_store *s, int32_t through) {
    FB_ASSERT(s != NULL && through > 0);
    sqlite3_stmt *first = NULL, *day = NULL;
    int rc = prepare(s, "SELECT COALESCE(MIN(date), 0) FROM agg_new", &first);
    if (rc) return rc;
    rc = sqlite3_step(first);
    int32_t from = rc == SQLITE_ROW ? (int32_t)sqlite3_column_int64(first, 0) : 0;
    sqlite3_finalize(first);
    if (rc != SQLITE_ROW) return fb__store_fail(s, rc, "reading new credit");
    /* The running sums of new credit by cell through each day, as the close of a day keeps them
     * (aggregates.c, fb__store_agg_close_day): the day before's and the day's own; the same of
     * the borrowers who drew. */
    rc = prepare(s,
                 "INSERT OR REPLACE INTO agg_new_daily SELECT ?1, cell, SUM(amount), SUM(loans),"
                 " SUM(rate_amount) FROM (SELECT cell, amount, loans, rate_amount FROM"
                 " agg_new_daily WHERE date = ?1 - 1 UNION ALL SELECT cell, amount, loans,"
                 " rate_amount FROM agg_new WHERE date = ?1) GROUP BY cell",
                 &day);
    for (int32_t d = from; rc == FB_OK && from && d <= through; d++) {
        sqlite3_reset(day);
        sqlite3_bind_int64(day, 1, d);
        int step = sqlite3_step(day);
        if (step != SQLITE_DONE) rc = fb__store_fail(s, step, "keeping new credit by day");
        /* And the borrowers of the year's new credit through the day. */
        if (rc == FB_OK) rc = fb__store_agg_drawers_close(s, d);
    }
    sqlite3_finalize(day);
    return rc;
}

int fb__store_loan_opening(fb_store *s, int64_t loan_key, fb__loan_opening *out) {
    FB_ASSERT(s != NULL && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT loan, run, date, principal, interest_due, accrued, penalty,"
                     " written_off, prepaid FROM loan_openings WHERE loan = ?1",
                     &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan_key);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a loan's opening");
    if (rc == SQLITE_ROW) {
        int64_t v[9];
        for (int i = 0; i < 9; i++)
            v[i] = sqlite3_column_int64(st, i);
        *out = (fb__loan_opening){v[0], v[1], (int32_t)v[2], v[3], v[4], v[5], v[6], v[7], v[8]};
    }
    sqlite3_finalize(st);
    return err;
}

/* ---- The mark of a cut-over written in parts ------------------------------------------------- */

int fb__store_import_mark(fb_store *s, int64_t run) {
    FB_ASSERT(s != NULL && run >= 0);
    FB_ASSERT(s->db != NULL); /* a book on SQLite: the import's staging is there too */
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     run ? "INSERT OR REPLACE INTO meta VALUES ('import_unfinished', ?1)"
                         : "DELETE FROM meta WHERE key = 'import_unfinished'",
                     &st);
    if (rc) return rc;
    if (run) sqlite3_bind_int64(st, 1, run);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) s->own_mark = run; /* its own run's parts go on writing */
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "marking an import in parts");
}

int fb__store_import_unfinished(fb_store *s, int64_t *run) {
    FB_ASSERT(s != NULL && run != NULL);
    FB_ASSERT(s->db != NULL || s->pg);
    *run = 0;
    if (s->pg) return FB_OK; /* a book on PostgreSQL is imported in one unit of work */
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT value FROM meta WHERE key = 'import_unfinished'", &st);
    if (rc) return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *run = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, rc, "reading an import's mark");
}
