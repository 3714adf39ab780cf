/* pools.c — the store's rows of risk-compensation pools: a scheme, its fundings, each loan it
 * covers with its claim, and what they add up to with the covered loans' states. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

#define POOL_COLUMNS                                                                               \
    "id, name, region, lines, sizes, borrower_cap, leverage, share, overdue_days, npl_ceiling,"    \
    " created, created_at, listed, key"

static void read_pool(sqlite3_stmt *st, fb_pool *p, int64_t *key) {
    memset(p, 0, sizeof *p);
    fb__store_column_text(p->id, sizeof p->id, st, 0);
    fb__store_column_text(p->name, sizeof p->name, st, 1);
    p->region = (int32_t)sqlite3_column_int64(st, 2);
    p->lines = (uint32_t)sqlite3_column_int64(st, 3);
    p->sizes = (uint32_t)sqlite3_column_int64(st, 4);
    p->borrower_cap_fen = sqlite3_column_int64(st, 5);
    p->leverage = sqlite3_column_int64(st, 6);
    p->share_e6 = sqlite3_column_int64(st, 7);
    p->overdue_days = sqlite3_column_int64(st, 8);
    p->npl_ceiling_e6 = sqlite3_column_int64(st, 9);
    p->created = (int32_t)sqlite3_column_int64(st, 10);
    p->created_ns = sqlite3_column_int64(st, 11);
    p->listed = (fb_demand_source)sqlite3_column_int64(st, 12);
    if (key) *key = sqlite3_column_int64(st, 13);
}

int fb__store_pool_insert(fb_store *s, const fb_pool *p) {
    FB_ASSERT(p != NULL && p->id[0]);
    FB_ASSERT(p->leverage > 0 && p->share_e6 > 0 && p->created != 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO pools (" POOL_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5,"
                                " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, NULL)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting a pool");
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, p->region);
    sqlite3_bind_int64(st, 4, p->lines);
    sqlite3_bind_int64(st, 5, p->sizes);
    sqlite3_bind_int64(st, 6, p->borrower_cap_fen);
    sqlite3_bind_int64(st, 7, p->leverage);
    sqlite3_bind_int64(st, 8, p->share_e6);
    sqlite3_bind_int64(st, 9, p->overdue_days);
    sqlite3_bind_int64(st, 10, p->npl_ceiling_e6);
    sqlite3_bind_int64(st, 11, p->created);
    sqlite3_bind_int64(st, 12, p->created_ns);
    sqlite3_bind_int64(st, 13, p->listed);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "inserting a pool");
}

int fb__store_pool_by_id(fb_store *s, const char *id, fb_pool *out, int64_t *key) {
    FB_ASSERT(id != NULL && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT " POOL_COLUMNS " FROM pools WHERE id = ?1", -1, &st,
                                NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a pool");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a pool");
    if (rc == SQLITE_ROW) read_pool(st, out, key);
    sqlite3_finalize(st);
    return err;
}

int fb__store_pools_after(fb_store *s, const char *after, fb_pool *out, int64_t *keys, size_t cap,
                          size_t *n) {
    FB_ASSERT(after != NULL && n != NULL);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT " POOL_COLUMNS " FROM pools WHERE id > ?1 ORDER BY id"
                                " LIMIT ?2",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing pools");
    sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_pool(st, &out[*n], keys ? &keys[*n] : NULL);
        (*n)++;
    }
    sqlite3_finalize(st);
    FB_ASSERT(*n <= cap);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "listing pools");
}

int fb__store_pool_funding(fb_store *s, const char *id, int64_t *pool, int64_t *amount,
                           int32_t *date) {
    FB_ASSERT(id != NULL && pool != NULL);
    FB_ASSERT(amount != NULL && date != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT pool, amount, date FROM pool_funding WHERE id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a pool's funding");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a pool's funding");
    if (rc == SQLITE_ROW) {
        *pool = sqlite3_column_int64(st, 0);
        *amount = sqlite3_column_int64(st, 1);
        *date = (int32_t)sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return err;
}

int fb__store_pool_funding_insert(fb_store *s, int64_t pool, const char *id, int64_t amount,
                                  int32_t date, int64_t now_ns) {
    FB_ASSERT(pool > 0 && id != NULL);
    FB_ASSERT(amount > 0 && date != 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO pool_funding (pool, id, amount, date, created_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a pool's funding");
    sqlite3_bind_int64(st, 1, pool);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, amount);
    sqlite3_bind_int64(st, 4, date);
    sqlite3_bind_int64(st, 5, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a pool's funding");
}

int fb__store_pool_cover_of(fb_store *s, int64_t loan, fb__pool_cover *out) {
    FB_ASSERT(loan > 0 && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT key, pool, loan, party, covered, principal,"
                                " COALESCE(claimed, 0), COALESCE(cause, 0), basis, paid, exposure,"
                                " returned, returns FROM pool_cover WHERE loan = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a loan's coverage");
    sqlite3_bind_int64(st, 1, loan);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a loan's coverage");
    if (rc == SQLITE_ROW) {
        int64_t *v[] = {&out->key,       &out->pool,     &out->loan,   &out->party, NULL,
                        &out->principal, NULL,           &out->cause,  &out->basis, &out->paid,
                        &out->exposure,  &out->returned, &out->returns};
        for (int i = 0; i < 13; i++)
            if (v[i]) *v[i] = sqlite3_column_int64(st, i);
        out->covered = (int32_t)sqlite3_column_int64(st, 4);
        out->claimed = (int32_t)sqlite3_column_int64(st, 6);
    }
    sqlite3_finalize(st);
    return err;
}

static int cover_insert(fb_store *s, fb__pool_cover *c, int64_t now_ns) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO pool_cover (pool, loan, party, covered, principal,"
                                " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "covering a loan");
    sqlite3_bind_int64(st, 1, c->pool);
    sqlite3_bind_int64(st, 2, c->loan);
    sqlite3_bind_int64(st, 3, c->party);
    sqlite3_bind_int64(st, 4, c->covered);
    sqlite3_bind_int64(st, 5, c->principal);
    sqlite3_bind_int64(st, 6, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "covering a loan");
    c->key = sqlite3_last_insert_rowid(s->db);
    return FB_OK;
}

int fb__store_pool_cover_put(fb_store *s, fb__pool_cover *c, int64_t now_ns) {
    FB_ASSERT(c != NULL && c->pool > 0 && c->loan > 0);
    FB_ASSERT(c->returned <= c->paid);
    if (c->key == 0) return cover_insert(s, c, now_ns);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE pool_cover SET claimed = ?2, cause = ?3, basis = ?4,"
                                " paid = ?5, exposure = ?6, returned = ?7, returns = ?8"
                                " WHERE key = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "writing a loan's claim");
    sqlite3_bind_int64(st, 1, c->key);
    sqlite3_bind_int64(st, 2, c->claimed);
    sqlite3_bind_int64(st, 3, c->cause);
    sqlite3_bind_int64(st, 4, c->basis);
    sqlite3_bind_int64(st, 5, c->paid);
    sqlite3_bind_int64(st, 6, c->exposure);
    sqlite3_bind_int64(st, 7, c->returned);
    sqlite3_bind_int64(st, 8, c->returns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "writing a loan's claim");
}

int fb__store_pool_figures(fb_store *s, int64_t pool, int64_t party, fb__pool_figures *out) {
    FB_ASSERT(pool > 0 && out != NULL);
    memset(out, 0, sizeof *out);
    static const char sql[] =
        "SELECT (SELECT COALESCE(SUM(amount), 0) FROM pool_funding WHERE pool = ?1),"
        " k.loans, k.principal, k.npl, (SELECT COALESCE(SUM(c.k_principal), 0) FROM pool_cover c"
        " WHERE c.pool = ?1 AND c.party = ?2), k.claims, k.paid, k.returned"
        " FROM pool_kept k WHERE k.pool = ?1";
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* each pool, each close and each page */
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, pool);
    sqlite3_bind_int64(st, 2, party);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int64_t *v[] = {&out->funded,        &out->covered_loans, &out->covered, &out->npl,
                        &out->covered_party, &out->claims,        &out->paid,    &out->returned};
        for (int i = 0; i < 8; i++)
            *v[i] = sqlite3_column_int64(st, i);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "adding up a pool");
}
