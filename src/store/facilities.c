/* facilities.c — the store's rows of credit facilities. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static const char *const facility_columns =
    "id, party, line, limit_fen, start_date, end_date, revolving, project, green_item,"
    " party_total_credit, inclusive_cbirc, inclusive_pboc, inclusive_rule, available_account,"
    " drawn_account, created_at, status";

int fb__store_facility_insert(fb_store *s, const fb_facility *f) {
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO facilities (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
             " ?12, ?13, ?14, ?15, ?16, ?17)",
             facility_columns);
    static const char site = 0; /* a facility a row of an import: prepared once */
    sqlite3_stmt *st = fb__store_cached(s, &site, sql);
    if (!st) return FB_EIO;
    int rc;
    sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->party, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, fb_line_name(f->line), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, f->limit_fen);
    sqlite3_bind_int64(st, 5, f->start_date);
    sqlite3_bind_int64(st, 6, f->end_date);
    sqlite3_bind_int64(st, 7, f->revolving);
    fb__store_bind_text_or_null(st, 8, f->project);
    fb__store_bind_text_or_null(st, 9, f->green_item);
    sqlite3_bind_int64(st, 10, f->party_total_credit_fen);
    sqlite3_bind_int64(st, 11, f->inclusive_cbirc);
    sqlite3_bind_int64(st, 12, f->inclusive_pboc);
    sqlite3_bind_text(st, 13, f->inclusive_rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, f->available_account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 15, f->drawn_account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 16, f->created_ns);
    sqlite3_bind_text(st, 17, fb_facility_status_name(f->status), -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "inserting a facility");
    sqlite3_reset(st);
    return err;
}

int fb__store_facility_by_id(fb_store *s, const char *id, fb_facility *f) {
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM facilities WHERE id = ?1", facility_columns);
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_FACILITY_BY_ID, sql);
    if (!st) return FB_EIO;
    int rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        memset(f, 0, sizeof *f);
        fb__store_column_text(f->id, sizeof f->id, st, 0);
        fb__store_column_text(f->party, sizeof f->party, st, 1);
        const char *line = (const char *)sqlite3_column_text(st, 2);
        if (!line || fb_line_parse(line, &f->line) != FB_OK) f->line = FB_LINE_GENERAL;
        f->limit_fen = sqlite3_column_int64(st, 3);
        f->start_date = (int32_t)sqlite3_column_int64(st, 4);
        f->end_date = (int32_t)sqlite3_column_int64(st, 5);
        f->revolving = sqlite3_column_int64(st, 6) != 0;
        fb__store_column_text(f->project, sizeof f->project, st, 7);
        fb__store_column_text(f->green_item, sizeof f->green_item, st, 8);
        f->party_total_credit_fen = sqlite3_column_int64(st, 9);
        f->inclusive_cbirc = sqlite3_column_int64(st, 10) != 0;
        f->inclusive_pboc = sqlite3_column_int64(st, 11) != 0;
        fb__store_column_text(f->inclusive_rule, sizeof f->inclusive_rule, st, 12);
        fb__store_column_text(f->available_account, sizeof f->available_account, st, 13);
        fb__store_column_text(f->drawn_account, sizeof f->drawn_account, st, 14);
        f->created_ns = sqlite3_column_int64(st, 15);
        const char *status = (const char *)sqlite3_column_text(st, 16);
        if (!status || fb_facility_status_parse(status, &f->status)) f->status = FB_FACILITY_ACTIVE;
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a facility");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_party_total_credit(fb_store *s, const char *party, int64_t *total_fen) {
    static const char sql[] = "SELECT COALESCE(SUM(limit_fen), 0) FROM facilities WHERE party = ?1"
                              " AND status IN ('active', 'frozen')";
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* each loan and line: once */
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *total_fen = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "summing a party's credit");
}

int fb__store_facility_in_force(fb_store *s, const char *party, fb_line line, int32_t date,
                                char *id, size_t cap) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id FROM facilities WHERE party = ?1 AND line = ?2 AND"
                                " start_date <= ?3 AND end_date >= ?3 AND status = 'active'"
                                " ORDER BY key LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "finding a facility");
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fb_line_name(line), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, date);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        fb__store_column_text(id, cap, st, 0);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "finding a facility");
    }
    sqlite3_finalize(st);
    return err;
}

/* Runs a prepared statement that returns no rows. */
static int step_done(fb_store *s, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, what);
}

int fb__store_facility_update(fb_store *s, const fb_facility *f) {
    FB_ASSERT(f != NULL && f->limit_fen > 0);
    FB_ASSERT((unsigned)f->status < FB_FACILITY_STATUS_COUNT_);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE facilities SET limit_fen = ?2, end_date = ?3, status = ?4,"
                                " party_total_credit = ?5, inclusive_cbirc = ?6,"
                                " inclusive_pboc = ?7, inclusive_rule = ?8 WHERE id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "updating a facility");
    sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, f->limit_fen);
    sqlite3_bind_int64(st, 3, f->end_date);
    sqlite3_bind_text(st, 4, fb_facility_status_name(f->status), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, f->party_total_credit_fen);
    sqlite3_bind_int64(st, 6, f->inclusive_cbirc);
    sqlite3_bind_int64(st, 7, f->inclusive_pboc);
    sqlite3_bind_text(st, 8, f->inclusive_rule, -1, SQLITE_STATIC);
    return step_done(s, st, "updating a facility");
}

/* Ids of a query with one text parameter, into a new array of at most `most`. */
static int ids_of(fb_store *s, const char *sql, const char *arg, int64_t num, size_t most,
                  fb__id **out, size_t *n, const char *what) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* sql: each caller's own static text */
    if (!st) return FB_EIO;
    int rc;
    if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    if (!arg) sqlite3_bind_int64(st, 1, num);
    size_t cap = 0;
    fb__id *v = NULL;
    int err = FB_OK;
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == most) {
            err = FB_ELIMIT;
            break;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            fb__id *bigger = realloc(v, cap * sizeof *v);
            if (!bigger) {
                err = FB_ENOMEM;
                break;
            }
            v = bigger;
        }
        fb__id *x = &v[(*n)++];
        fb__store_column_text(x->id, sizeof x->id, st, 0);
        fb__store_column_text(x->party, sizeof x->party, st, 1);
        x->key = sqlite3_column_int64(st, 2);
    }
    if (err == FB_OK && rc != SQLITE_DONE) err = fb__store_fail(s, rc, what);
    sqlite3_reset(st);
    if (err) {
        free(v);
        *n = 0;
        return err;
    }
    *out = v;
    return FB_OK;
}

int fb__store_party_facilities(fb_store *s, const char *party, fb__id **out, size_t *n) {
    return ids_of(s, "SELECT id, party, key FROM facilities WHERE party = ?1 ORDER BY key", party,
                  0, FB_LOANS_MAX, out, n, "reading a party's facilities");
}

int fb__store_party_open_loans(fb_store *s, const char *party, fb__id **out, size_t *n) {
    return ids_of(s,
                  "SELECT l.id, l.party, l.key FROM loans l JOIN loan_state x ON x.loan = l.key"
                  " WHERE l.party = ?1 AND x.status = 0 ORDER BY l.key",
                  party, 0, FB_LOANS_MAX, out, n, "reading a party's loans");
}

int fb__store_facilities_expiring(fb_store *s, int32_t day, fb__id **out, size_t *n) {
    return ids_of(s,
                  "SELECT id, party, key FROM facilities WHERE end_date < ?1"
                  " AND status IN ('active', 'frozen') ORDER BY party, key",
                  NULL, day, FB_LOANS_MAX, out, n, "finding the facilities that expire");
}

int fb__store_loan_set_inclusive(fb_store *s, int64_t key, bool cbirc, bool pboc) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "UPDATE loans SET inclusive_cbirc = ?2, inclusive_pboc = ?3 WHERE key = ?1", -1, &st,
        NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "updating a loan's inclusive status");
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, cbirc);
    sqlite3_bind_int64(st, 3, pboc);
    return step_done(s, st, "updating a loan's inclusive status");
}

/* ---- A facility's history ------------------------------------------------------------------ */

int fb__store_facility_change_insert(fb_store *s, const fb_facility_change *c, int64_t now_ns) {
    FB_ASSERT(c != NULL && c->seq >= 1);
    FB_ASSERT((unsigned)c->kind < FB_FACILITY_CHANGE_COUNT_);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO facility_changes SELECT key, ?2, ?3, ?4, ?5, ?6, ?7,"
                                " ?8, ?9, ?10, ?11, ?12 FROM facilities WHERE id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a facility's change");
    sqlite3_bind_text(st, 1, c->facility, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->seq);
    sqlite3_bind_text(st, 3, fb_facility_change_name(c->kind), -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 4, c->id);
    sqlite3_bind_int64(st, 5, c->date);
    sqlite3_bind_int64(st, 6, c->limit_before_fen);
    sqlite3_bind_int64(st, 7, c->limit_after_fen);
    sqlite3_bind_int64(st, 8, c->end_before);
    sqlite3_bind_int64(st, 9, c->end_after);
    sqlite3_bind_text(st, 10, fb_facility_status_name(c->status), -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 11, c->reason);
    sqlite3_bind_int64(st, 12, now_ns);
    return step_done(s, st, "recording a facility's change");
}

int fb__store_facility_change_count(fb_store *s, const char *facility, int32_t *count) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT COUNT(*) FROM facility_changes c JOIN facilities f"
                                " ON f.key = c.facility WHERE f.id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "counting a facility's changes");
    sqlite3_bind_text(st, 1, facility, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? (int32_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting a facility's changes");
}

int fb__store_facility_change_by_client(fb_store *s, const char *client_id,
                                        fb_facility_change *out) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT f.id, c.seq, c.kind, c.date, c.limit_before, c.limit_after,"
                                " c.end_before, c.end_after, c.status_after, c.reason FROM"
                                " facility_changes c JOIN facilities f ON f.key = c.facility"
                                " WHERE c.client_id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a facility's change");
    sqlite3_bind_text(st, 1, client_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        fb__store_column_text(out->facility, sizeof out->facility, st, 0);
        snprintf(out->id, sizeof out->id, "%s", client_id);
        out->seq = (int32_t)sqlite3_column_int64(st, 1);
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        if (kind) (void)fb_facility_change_parse(kind, &out->kind);
        out->date = (int32_t)sqlite3_column_int64(st, 3);
        out->limit_before_fen = sqlite3_column_int64(st, 4);
        out->limit_after_fen = sqlite3_column_int64(st, 5);
        out->end_before = (int32_t)sqlite3_column_int64(st, 6);
        out->end_after = (int32_t)sqlite3_column_int64(st, 7);
        const char *status = (const char *)sqlite3_column_text(st, 8);
        if (status) (void)fb_facility_status_parse(status, &out->status);
        fb__store_column_text(out->reason, sizeof out->reason, st, 9);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a facility's change");
    }
    sqlite3_finalize(st);
    return err;
}
