/* facilities.c — the store's rows of credit facilities. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static const char *const facility_columns =
    "id, party, line, limit_fen, start_date, end_date, revolving, project, green_item,"
    " party_total_credit, inclusive_cbirc, inclusive_pboc, inclusive_rule, available_account,"
    " drawn_account, created_at";

int fb__store_facility_insert(fb_store *s, const fb_facility *f) {
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO facilities (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
             " ?12, ?13, ?14, ?15, ?16)",
             facility_columns);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting a facility");
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
    rc = sqlite3_step(st);
    int err = rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "inserting a facility");
    sqlite3_finalize(st);
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
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a facility");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_party_total_credit(fb_store *s, const char *party, int64_t *total_fen) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT COALESCE(SUM(limit_fen), 0) FROM facilities WHERE party = ?1", -1, &st,
        NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "summing a party's credit");
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *total_fen = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "summing a party's credit");
}

int fb__store_facility_in_force(fb_store *s, const char *party, fb_line line, int32_t date,
                                char *id, size_t cap) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id FROM facilities WHERE party = ?1 AND line = ?2 AND"
                                " start_date <= ?3 AND end_date >= ?3 ORDER BY key LIMIT 1",
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
