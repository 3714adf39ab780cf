/* lpr.c — the store's table of Loan Prime Rates. */
#include "core/assert.h"
#include "store/sqlite_internal.h"

static void read_lpr(sqlite3_stmt *st, fb_lpr *out) {
    out->date = (int32_t)sqlite3_column_int64(st, 0);
    out->one_year_e6 = sqlite3_column_int64(st, 1);
    out->five_year_e6 = sqlite3_column_int64(st, 2);
}

int fb__store_lpr_at(fb_store *s, int32_t date, fb_lpr *out) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT date, one_year, five_year FROM lpr WHERE date <= ?1"
                                " ORDER BY date DESC LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the LPR");
    sqlite3_bind_int64(st, 1, date);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading the LPR");
    if (rc == SQLITE_ROW) read_lpr(st, out);
    sqlite3_finalize(st);
    return err;
}

int fb__store_lpr_insert(fb_store *s, const fb_lpr *v) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "INSERT INTO lpr VALUES (?1, ?2, ?3)", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording an LPR");
    sqlite3_bind_int64(st, 1, v->date);
    sqlite3_bind_int64(st, 2, v->one_year_e6);
    sqlite3_bind_int64(st, 3, v->five_year_e6);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording an LPR");
    sqlite3_finalize(st);
    return err;
}

int fb__store_lpr_list(fb_store *s, fb_lpr *out, size_t cap, size_t *n) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT date, one_year, five_year FROM lpr ORDER BY date",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the LPR");
    size_t k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < cap)
        read_lpr(st, &out[k++]);
    int err =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading the LPR");
    sqlite3_finalize(st);
    *n = k;
    return err;
}
