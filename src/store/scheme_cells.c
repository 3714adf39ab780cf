/* scheme_cells.c — the borrowers behind a scheme's figures, for the small-cell rule
 * (book/scheme_cells.c): the distinct borrowers a pool has covered, or a subsidy scheme has
 * enrolled, by the close of a day (0: as the book stands). */
#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_scheme_borrowers(fb_store *s, bool pool, int64_t key, int32_t as_of, int64_t *n) {
    FB_ASSERT(key > 0 && n != NULL);
    FB_ASSERT(as_of >= 0);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db,
                           pool ? "SELECT COUNT(DISTINCT party) FROM pool_cover WHERE pool = ?1"
                                  " AND (?2 = 0 OR covered <= ?2)"
                                : "SELECT COUNT(DISTINCT party) FROM subsidy_enrol WHERE"
                                  " scheme = ?1 AND (?2 = 0 OR start <= ?2)",
                           -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "counting a scheme's borrowers");
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, as_of);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting a scheme's borrowers");
}
