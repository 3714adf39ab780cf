/* scheme_history.c — the schemes' figures kept at each close of day (book/scheme_history.c):
 * a row per pool (kind 0), subsidy scheme (kind 1) and city of the guarantees' report (kind 2,
 * the province's total always: the day's mark that it was kept), its figures a list of integers
 * in the order the book gives them. */
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

enum { FIGURES_MAX = 32 };

int fb__store_scheme_day_put(fb_store *s, int32_t date, int kind, int64_t key, const int64_t *v,
                             size_t n) {
    FB_ASSERT(v != NULL && n > 0 && n <= FIGURES_MAX);
    FB_ASSERT(date > 0 && kind >= 0 && kind <= 2);
    unsigned char blob[FIGURES_MAX * 8];
    for (size_t i = 0; i < n; i++) {
        uint64_t u = (uint64_t)v[i];
        for (int b = 0; b < 8; b++)
            blob[i * 8 + (size_t)b] = (unsigned char)(u >> (8 * b));
    }
    static const char sql[] = "INSERT OR REPLACE INTO scheme_daily (date, kind, key, v) VALUES"
                              " (?1, ?2, ?3, ?4)";
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* each scheme, each close */
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, date);
    sqlite3_bind_int64(st, 2, kind);
    sqlite3_bind_int64(st, 3, key);
    sqlite3_bind_blob(st, 4, blob, (int)(n * 8), SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "keeping a scheme's figures");
}

int fb__store_scheme_day_get(fb_store *s, int32_t date, int kind, int64_t key, int64_t *v,
                             size_t n) {
    FB_ASSERT(v != NULL && n > 0 && n <= FIGURES_MAX);
    FB_ASSERT(kind >= 0 && kind <= 2);
    memset(v, 0, n * sizeof *v);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT v FROM scheme_daily WHERE date = ?1 AND kind = ?2 AND"
                                " key = ?3",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a scheme's figures");
    sqlite3_bind_int64(st, 1, date);
    sqlite3_bind_int64(st, 2, kind);
    sqlite3_bind_int64(st, 3, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *blob = sqlite3_column_blob(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0) / 8;
        for (size_t i = 0; blob && i < n && i < len; i++) {
            uint64_t u = 0;
            for (int b = 7; b >= 0; b--)
                u = u << 8 | blob[i * 8 + (size_t)b];
            v[i] = (int64_t)u;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? FB_OK
           : rc == SQLITE_DONE ? FB_ENOTFOUND
                               : fb__store_fail(s, rc, "reading a scheme's figures");
}

int fb__store_scheme_first_day(fb_store *s, int32_t *first) {
    FB_ASSERT(s != NULL && first != NULL);
    *first = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT COALESCE(MIN(date), 0) FROM scheme_daily WHERE kind = 2"
                                " AND key = 210000",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the schemes' first day kept");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *first = (int32_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "reading the schemes' first day kept");
}
