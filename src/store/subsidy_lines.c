/* subsidy_lines.c — a claim's lines as a reader sees them: each with its enrolment's key (the
 * line's id) and the borrower's size class, line of business and city, so that a government
 * reads a small borrower's line without its loan or name (book/scheme_lines.c decides). */
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_subsidy_line_views(fb_store *s, int64_t claim, fb_subsidy_line_view *out, size_t cap,
                                 size_t *n) {
    FB_ASSERT(claim > 0 && n != NULL);
    FB_ASSERT(out != NULL || cap == 0);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT e.key, l.id, a.days, a.amount, a.decision, p.size_class,"
                                " l.line, p.city FROM subsidy_accrual a JOIN subsidy_enrol e ON"
                                " e.key = a.enrol JOIN loans l ON l.key = e.loan JOIN parties p"
                                " ON p.key = e.party WHERE a.claim = ?1 ORDER BY l.id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a claim's lines");
    sqlite3_bind_int64(st, 1, claim);
    int err = FB_OK;
    while (err == FB_OK && *n < cap && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        fb_subsidy_line_view *v = &out[*n];
        memset(v, 0, sizeof *v);
        v->id = sqlite3_column_int64(st, 0);
        fb__store_column_text(v->l.loan, sizeof v->l.loan, st, 1);
        v->l.days = (int32_t)sqlite3_column_int64(st, 2);
        v->l.amount_fen = sqlite3_column_int64(st, 3);
        v->l.decision = (int)sqlite3_column_int64(st, 4);
        char size[16], line[32];
        fb__store_column_text(size, sizeof size, st, 5);
        fb__store_column_text(line, sizeof line, st, 6);
        v->city = (int32_t)sqlite3_column_int64(st, 7);
        if (fb_size_class_parse(size, &v->size) || fb_line_parse(line, &v->line)) {
            err = fb__store_fail(s, SQLITE_CORRUPT, "reading a claim's line: its size or line");
        }
        if (err == FB_OK) (*n)++;
    }
    sqlite3_finalize(st);
    if (err) return err;
    return rc == SQLITE_DONE || rc == SQLITE_ROW || *n == cap
               ? FB_OK
               : fb__store_fail(s, rc, "reading a claim's lines");
}

int fb__store_subsidy_enrol_loan(fb_store *s, int64_t scheme, int64_t line, fb_loan *loan,
                                 int64_t *loan_key) {
    FB_ASSERT(scheme > 0 && line > 0);
    FB_ASSERT(loan != NULL && loan_key != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT l.id FROM subsidy_enrol e JOIN loans l ON l.key = e.loan"
                                " WHERE e.key = ?1 AND e.scheme = ?2",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a line's loan");
    sqlite3_bind_int64(st, 1, line);
    sqlite3_bind_int64(st, 2, scheme);
    char id[FB_ID_MAX + 1] = "";
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) fb__store_column_text(id, sizeof id, st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return FB_ENOTFOUND;
    if (rc != SQLITE_ROW) return fb__store_fail(s, rc, "reading a line's loan");
    return fb__store_loan_by_id(s, id, loan, loan_key);
}
