/* scheme_lists.c — the store's lists of the government's schemes for their reports: a scheme's
 * claims by quarter with their lines' decisions counted (docs/schemes.md; the subsidy schemes in
 * id order are subsidies.c's, every guarantee with its borrower and city guarantees.c's). */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_subsidy_claim_rows(fb_store *s, int64_t scheme, fb_subsidy_claim_row *out, size_t cap,
                                 size_t *n) {
    FB_ASSERT(scheme > 0 && n != NULL);
    FB_ASSERT(cap == 0 || out != NULL);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db,
                           "SELECT c.quarter, c.date, c.lines, c.amount, COALESCE(c.paid, 0),"
                           " COALESCE(SUM(a.decision = 1), 0), COALESCE(SUM(a.decision = 2), 0),"
                           " COALESCE(SUM(CASE WHEN a.decision = 1 THEN a.amount ELSE 0 END), 0),"
                           " COALESCE(SUM(CASE WHEN a.decision = 2 THEN a.amount ELSE 0 END), 0),"
                           " COUNT(DISTINCT e.party)"
                           " FROM subsidy_claims c LEFT JOIN subsidy_accrual a ON a.claim = c.key"
                           " LEFT JOIN subsidy_enrol e ON e.key = a.enrol"
                           " WHERE c.scheme = ?1 GROUP BY c.key ORDER BY c.quarter DESC LIMIT ?2",
                           -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing a scheme's claims");
    sqlite3_bind_int64(st, 1, scheme);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fb_subsidy_claim_row *r = memset(&out[(*n)++], 0, sizeof *out);
        r->quarter = (int32_t)sqlite3_column_int64(st, 0);
        r->claimed = (int32_t)sqlite3_column_int64(st, 1);
        r->lines = sqlite3_column_int64(st, 2);
        r->amount_fen = sqlite3_column_int64(st, 3);
        r->paid = (int32_t)sqlite3_column_int64(st, 4);
        r->approved_lines = sqlite3_column_int64(st, 5);
        r->rejected_lines = sqlite3_column_int64(st, 6);
        r->approved_fen = sqlite3_column_int64(st, 7);
        r->rejected_fen = sqlite3_column_int64(st, 8);
        r->borrowers = sqlite3_column_int64(st, 9);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "listing a scheme's claims");
}
