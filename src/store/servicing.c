/* servicing.c — the store's rows of loan servicing: each loan's running state, its repayments,
 * the business date, and the changes a schedule goes through (prepayment, LPR repricing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

#define FB_X_(name) #name ", "
static const char state_columns[] = FB_LOAN_STATE_FIELDS(FB_X_);
#undef FB_X_
/* The state's columns counted as the bytes of a struct of one char a field (an X-macro "+1" a
 * field is a macro that is not an expression of its own). */
#define FB_X_(name) char name;
enum { STATE_COLUMNS = sizeof(struct {FB_LOAN_STATE_FIELDS(FB_X_)}) };
#undef FB_X_

/* A failure of the store's own (not SQLite's), named in its errmsg. Returns code. */
static int refuse(fb_store *s, int code, const char *what) {
    FB_ASSERT(s != NULL && s->db != NULL);
    FB_ASSERT(code < 0 && what != NULL);
    snprintf(s->errmsg, sizeof s->errmsg, "%s", what);
    if (s->mirror) snprintf(s->mirror, s->mirror_cap, "%s", s->errmsg);
    return code;
}

static void remember(fb__loan_state *x) {
    x->stored.status = x->status;
    x->stored.cell = x->cell;
    x->stored.class = x->class;
    x->stored.principal = x->principal;
}

static void read_state(sqlite3_stmt *st, fb__loan_state *out) {
    int i = 0;
#define FB_X_(name) out->name = sqlite3_column_int64(st, i++);
    FB_LOAN_STATE_FIELDS(FB_X_)
#undef FB_X_
    remember(out);
}

/* "SELECT loan, party, ... FROM loan_state" with the trailing ", " of the list cut. */
static int prepare_select(fb_store *s, const char *tail, sqlite3_stmt **st) {
    char sql[1024];
    int len = (int)sizeof state_columns - 3;
    snprintf(sql, sizeof sql, "SELECT %.*s FROM loan_state %s", len, state_columns, tail);
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, "reading loan states");
}

int fb__store_state_get(fb_store *s, int64_t loan_key, fb__loan_state *out) {
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT %.*s FROM loan_state WHERE loan = ?1",
             (int)sizeof state_columns - 3, state_columns);
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_STATE_GET, sql);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, loan_key);
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_state(st, out);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a loan state");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_state_put(fb_store *s, fb__loan_state *x) {
    /* The aggregates follow the change from what the row held. */
    int found = fb__store_agg_change(s, x);
    if (found) return found;
    char sql[1400];
    int len = (int)sizeof state_columns - 3;
    int at = snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO loan_state (%.*s) VALUES (?", len,
                      state_columns);
    for (int i = 1; i < STATE_COLUMNS; i++)
        at += snprintf(sql + at, sizeof sql - (size_t)at, ", ?");
    snprintf(sql + at, sizeof sql - (size_t)at, ")");
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_STATE_PUT, sql);
    if (!st) return FB_EIO;
    int i = 1;
#define FB_X_(name) sqlite3_bind_int64(st, i++, x->name);
    FB_LOAN_STATE_FIELDS(FB_X_)
#undef FB_X_
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "writing a loan state");
    remember(x);
    return FB_OK;
}

int fb__store_states_active(fb_store *s, fb__loan_state **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare_select(s, "WHERE status = 0 ORDER BY loan", &st);
    if (rc) return rc;
    size_t cap = 0;
    fb__loan_state *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == FB_LOANS_MAX) {
            free(v);
            sqlite3_finalize(st);
            *n = 0;
            return refuse(s, FB_ECORRUPT, "more active loans than a book holds (FB_LOANS_MAX)");
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            if (cap > FB_LOANS_MAX) cap = FB_LOANS_MAX;
            fb__loan_state *bigger = realloc(v, cap * sizeof *v);
            if (!bigger) {
                free(v);
                sqlite3_finalize(st);
                return FB_ENOMEM;
            }
            v = bigger;
        }
        read_state(st, &v[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return fb__store_fail(s, rc, "reading loan states");
    }
    FB_ASSERT(*n <= FB_LOANS_MAX && (*n == 0 || v != NULL));
    *out = v;
    return FB_OK;
}

int fb__store_setting(fb_store *s, const char *key, int64_t absent, int64_t *value) {
    if (s->pg) return fb__pg_setting(s, key, absent, value);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_META_GET); /* read for every row of an import */
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *value = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : absent;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? FB_OK
                                                 : fb__store_fail(s, rc, "reading a setting");
}

int fb__store_setting_put(fb_store *s, const char *key, int64_t value) {
    if (s->pg) return fb__pg_setting_put(s, key, value);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO meta VALUES (?1, ?2)"
                                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "writing a setting");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, value);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "writing a setting");
}

int fb__store_business_date(fb_store *s, int32_t *date) {
    if (s->pg) return fb__pg_open_day(s, date);
    int64_t v = 0;
    int rc = fb__store_setting(s, "business_date", 0, &v);
    *date = (int32_t)v;
    return rc;
}

int fb__store_set_business_date(fb_store *s, int32_t date) {
    if (s->pg) return fb__pg_set_business_date(s, date);
    return fb__store_setting_put(s, "business_date", date);
}

/* Runs a statement of integer parameters that returns at most one integer. */
static int exec_ints(fb_store *s, const char *sql, const int64_t *args, int nargs, int64_t *result,
                     const char *what) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, what);
    for (int i = 0; i < nargs; i++)
        sqlite3_bind_int64(st, i + 1, args[i]);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && result) *result = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, what);
}

int fb__store_loan_set_status(fb_store *s, int64_t key, fb_loan_status status, int32_t maturity) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "UPDATE loans SET status = ?2, maturity_date = ?3 WHERE key = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "updating a loan");
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_text(st, 2, fb_loan_status_name(status), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, maturity);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "updating a loan");
}

int fb__store_loan_set_lpr(fb_store *s, int64_t key, int tenor_years, int64_t base_e6,
                           int32_t date) {
    FB_ASSERT(key > 0 && (tenor_years == 1 || tenor_years == 5));
    FB_ASSERT(base_e6 > 0 && date > 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE loans SET lpr_tenor = ?2, lpr_base = ?3, lpr_date = ?4"
                                " WHERE key = ?1 AND rate_kind = 'lpr'",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "moving a loan's LPR basis");
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, tenor_years);
    sqlite3_bind_int64(st, 3, base_e6);
    sqlite3_bind_int64(st, 4, date);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE && sqlite3_changes(s->db) != 1) return FB_ECORRUPT;
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "moving a loan's LPR basis");
}

int fb__store_first_active_start(fb_store *s, int32_t *date) {
    int64_t d = 0;
    int rc = exec_ints(s,
                       "SELECT COALESCE(MIN(d), 0) FROM (SELECT MIN(l.start_date) d"
                       " FROM loan_state x JOIN loans l ON l.key = x.loan WHERE x.status = 0"
                       " UNION ALL SELECT MIN(issue_date) FROM certificates"
                       " WHERE status IN (0, 1))",
                       NULL, 0, &d, "finding the first loan");
    *date = (int32_t)d;
    return rc;
}

int fb__store_installments_range(fb_store *s, int64_t loan_key, int32_t from, int32_t to,
                                 fb_installment *out, size_t cap, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL && from >= 1);
    *n = 0;
    if (to < from) return FB_OK;
    /* Numbers are unique: the range holds at most this many rows, read without a step more. */
    size_t most = (size_t)to - (size_t)from + 1;
    if (most > cap) return refuse(s, FB_ELIMIT, "reading installments: more than the buffer holds");
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_INSTALLMENT,
                                          "SELECT n, period_start, due_date, principal, interest"
                                          " FROM installments WHERE loan = ?1 AND n BETWEEN ?2"
                                          " AND ?3 ORDER BY n");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, loan_key);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    int rc = SQLITE_DONE;
    while (*n < most && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        fb_installment *i = &out[(*n)++];
        memset(i, 0, sizeof *i);
        i->n = (int32_t)sqlite3_column_int64(st, 0);
        i->period_start = (int32_t)sqlite3_column_int64(st, 1);
        i->due_date = (int32_t)sqlite3_column_int64(st, 2);
        i->principal_fen = sqlite3_column_int64(st, 3);
        i->interest_fen = sqlite3_column_int64(st, 4);
        i->payment_fen = i->principal_fen + i->interest_fen;
    }
    int err = rc == SQLITE_ROW || rc == SQLITE_DONE ? FB_OK
                                                    : fb__store_fail(s, rc, "reading installments");
    sqlite3_reset(st);
    FB_ASSERT(*n <= most && *n <= cap);
    return err;
}

int fb__store_installment(fb_store *s, int64_t loan_key, int32_t n, fb_installment *out) {
    size_t found = 0;
    FB_ASSERT(out != NULL && n >= 1);
    int rc = fb__store_installments_range(s, loan_key, n, n, out, 1, &found);
    if (rc == FB_OK && found == 0) return FB_ENOTFOUND;
    FB_ASSERT(rc != FB_OK || out->n == n);
    return rc;
}

int fb__store_installments_replace(fb_store *s, int64_t loan_key, int32_t from,
                                   const fb_installment *sched, size_t count) {
    FB_ASSERT(from >= 1 && count <= FB_LOAN_MONTHS_MAX);
    FB_ASSERT(count == 0 || sched != NULL);
    const int64_t args[2] = {loan_key, from};
    int rc = exec_ints(s, "DELETE FROM installments WHERE loan = ?1 AND n >= ?2", args, 2, NULL,
                       "replacing a schedule");
    sqlite3_stmt *st = NULL;
    if (rc == FB_OK && count > 0) {
        int src = sqlite3_prepare_v2(
            s->db, "INSERT INTO installments VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL);
        if (src != SQLITE_OK) return fb__store_fail(s, src, "replacing a schedule");
    }
    for (size_t i = 0; rc == FB_OK && i < count; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, loan_key);
        sqlite3_bind_int64(st, 2, from + (int64_t)i);
        sqlite3_bind_int64(st, 3, sched[i].period_start);
        sqlite3_bind_int64(st, 4, sched[i].due_date);
        sqlite3_bind_int64(st, 5, sched[i].principal_fen);
        sqlite3_bind_int64(st, 6, sched[i].interest_fen);
        int src = sqlite3_step(st);
        if (src != SQLITE_DONE) rc = fb__store_fail(s, src, "replacing a schedule");
    }
    sqlite3_finalize(st);
    return rc;
}

int fb__store_repayment_insert(fb_store *s, const fb__repayment_row *r) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_REPAYMENT_INSERT,
                                          "INSERT INTO repayments (loan, k, kind, client_id, date,"
                                          " amount, penalty, interest, principal, prepaid,"
                                          " prepay, created_at, off_balance, chain) VALUES (?1,"
                                          " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                                          " fb_repayment_link((SELECT chain FROM repayments"
                                          " WHERE loan = ?1 AND k = ?2 - 1), ?1, ?2, ?3, ?4, ?5,"
                                          " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))");
    if (!st) return FB_EIO;
    int rc;
    sqlite3_bind_int64(st, 1, r->loan);
    sqlite3_bind_int64(st, 2, r->k);
    sqlite3_bind_text(st, 3, r->kind, -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 4, r->client_id);
    sqlite3_bind_int64(st, 5, r->date);
    sqlite3_bind_int64(st, 6, r->amount);
    sqlite3_bind_int64(st, 7, r->penalty);
    sqlite3_bind_int64(st, 8, r->interest);
    sqlite3_bind_int64(st, 9, r->principal);
    sqlite3_bind_int64(st, 10, r->prepaid);
    fb__store_bind_text_or_null(st, 11, r->prepay ? r->prepay : "");
    sqlite3_bind_int64(st, 12, r->created_ns);
    sqlite3_bind_int64(st, 13, r->off_balance);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a repayment");
}

int fb__store_repayment_by_client(fb_store *s, const char *client_id, fb__repayment_row *out) {
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db,
                           "SELECT loan, k, date, amount, penalty, interest, principal,"
                           " prepaid, created_at, off_balance FROM repayments WHERE client_id = ?1",
                           -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a repayment");
    sqlite3_bind_text(st, 1, client_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->loan = sqlite3_column_int64(st, 0);
        out->k = (int32_t)sqlite3_column_int64(st, 1);
        snprintf(out->client_id, sizeof out->client_id, "%s", client_id);
        out->date = (int32_t)sqlite3_column_int64(st, 2);
        out->amount = sqlite3_column_int64(st, 3);
        out->penalty = sqlite3_column_int64(st, 4);
        out->interest = sqlite3_column_int64(st, 5);
        out->principal = sqlite3_column_int64(st, 6);
        out->prepaid = sqlite3_column_int64(st, 7);
        out->created_ns = sqlite3_column_int64(st, 8);
        out->off_balance = sqlite3_column_int64(st, 9);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a repayment");
    }
    sqlite3_finalize(st);
    return err;
}

int fb__store_prepayments(fb_store *s, int64_t loan_key, int32_t *dates, int64_t *amounts,
                          size_t cap, size_t *n) {
    FB_ASSERT(dates != NULL && amounts != NULL && n != NULL);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT date, prepaid FROM repayments WHERE loan = ?1 AND"
                                " prepay IN ('reduce_term', 'reduce_installment') AND prepaid > 0"
                                " ORDER BY k",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading prepayments");
    sqlite3_bind_int64(st, 1, loan_key);
    int err = FB_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            /* Never a silent stop: the caller's balances would be wrong. */
            err =
                refuse(s, FB_ELIMIT, "a loan holds more prepayments than FB_LOAN_PREPAYMENTS_MAX");
            break;
        }
        dates[*n] = (int32_t)sqlite3_column_int64(st, 0);
        amounts[(*n)++] = sqlite3_column_int64(st, 1);
    }
    if (err == FB_OK && rc != SQLITE_DONE) err = fb__store_fail(s, rc, "reading prepayments");
    sqlite3_finalize(st);
    FB_ASSERT(*n <= cap);
    return err;
}

int fb__store_prepayments_count(fb_store *s, int64_t loan_key, int64_t *count, int64_t *sum_fen) {
    FB_ASSERT(count != NULL && sum_fen != NULL);
    sqlite3_stmt *st = NULL;
    /* The sum includes what a loan brought in at a cut-over had prepaid before it (its
     * opening, import.c): no repayment row holds that. */
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT COUNT(*), COALESCE(SUM(prepaid), 0) + COALESCE((SELECT"
                                " prepaid FROM loan_openings WHERE loan = ?1), 0) FROM repayments"
                                " WHERE loan = ?1 AND prepay IN ('reduce_term',"
                                " 'reduce_installment') AND prepaid > 0",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "counting prepayments");
    sqlite3_bind_int64(st, 1, loan_key);
    rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *sum_fen = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_finalize(st);
    FB_ASSERT(*count >= 0);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting prepayments");
}
