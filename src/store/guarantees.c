/* guarantees.c — the store's rows of government financing guarantees: a guarantee of a loan, its
 * split, its claim and what each guarantor owes and paid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_guarantee_insert(fb_store *s, const fb_guarantee *g, int64_t loan_key) {
    FB_ASSERT(g != NULL && loan_key > 0);
    FB_ASSERT(g->created != 0 && g->covered_e6 > 0);
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO guarantees (id, loan, company, covered, s0, s1, s2, s3,"
                           " fee, pay_days, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                           " ?9, ?10, ?11)",
                           -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting a guarantee");
    sqlite3_bind_text(st, 1, g->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, loan_key);
    sqlite3_bind_text(st, 3, g->company, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, g->covered_e6);
    for (int k = 0; k < FB_GUARANTOR_COUNT_; k++)
        sqlite3_bind_int64(st, 5 + k, g->split_e6[k]);
    sqlite3_bind_int64(st, 9, g->fee_e6);
    sqlite3_bind_int64(st, 10, g->pay_days);
    sqlite3_bind_int64(st, 11, g->created);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "inserting a guarantee");
}

/* The columns a guarantee's row is read by (guarantee_row), then its loan's principal and its
 * borrower's key and city for the walk of every guarantee. */
#define GUARANTEE_COLUMNS                                                                          \
    "SELECT g.id, l.id, g.company, g.covered, g.s0, g.s1, g.s2, g.s3,"                             \
    " g.fee, g.pay_days, g.created, COALESCE(g.claimed, 0),"                                       \
    " COALESCE(g.due, 0), g.basis, g.o0, g.o1, g.o2, g.p0, g.p1, g.p2,"                            \
    " g.loan, g.exposure, g.returns, g.r0, g.r1, g.r2, g.fee_years, g.fees,"                       \
    " g.fee_last, g.fee_accrued, g.fee_collected, g.fee_day, g.fee_unpaid_since"

static void guarantee_row(sqlite3_stmt *st, fb_guarantee_view *out, int64_t *loan_key) {
    memset(out, 0, sizeof *out);
    fb_guarantee *g = &out->g;
    fb__store_column_text(g->id, sizeof g->id, st, 0);
    fb__store_column_text(g->loan, sizeof g->loan, st, 1);
    fb__store_column_text(g->company, sizeof g->company, st, 2);
    g->covered_e6 = sqlite3_column_int64(st, 3);
    for (int k = 0; k < FB_GUARANTOR_COUNT_; k++)
        g->split_e6[k] = sqlite3_column_int64(st, 4 + k);
    g->fee_e6 = sqlite3_column_int64(st, 8);
    g->pay_days = (int32_t)sqlite3_column_int64(st, 9);
    g->created = (int32_t)sqlite3_column_int64(st, 10);
    out->claimed = (int32_t)sqlite3_column_int64(st, 11);
    out->due = (int32_t)sqlite3_column_int64(st, 12);
    out->basis_fen = sqlite3_column_int64(st, 13);
    for (int k = 0; k < 3; k++) {
        out->owed_fen[k] = sqlite3_column_int64(st, 14 + k);
        out->paid_fen[k] = sqlite3_column_int64(st, 17 + k);
    }
    if (loan_key) *loan_key = sqlite3_column_int64(st, 20);
    out->exposure_fen = sqlite3_column_int64(st, 21);
    out->returns = sqlite3_column_int64(st, 22);
    for (int k = 0; k < 3; k++)
        out->returned_fen[k] = sqlite3_column_int64(st, 23 + k);
    out->fee_years = (int32_t)sqlite3_column_int64(st, 26);
    out->fees_fen = sqlite3_column_int64(st, 27);
    out->fee_last_fen = sqlite3_column_int64(st, 28);
    out->fee_accrued_fen = sqlite3_column_int64(st, 29);
    out->fee_collected_fen = sqlite3_column_int64(st, 30);
    out->fee_day = (int32_t)sqlite3_column_int64(st, 31);
    out->fee_unpaid_since = (int32_t)sqlite3_column_int64(st, 32);
}

int fb__store_guarantee_by_id(fb_store *s, const char *id, fb_guarantee_view *out,
                              int64_t *loan_key) {
    FB_ASSERT(id != NULL && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                GUARANTEE_COLUMNS
                                " FROM guarantees g JOIN loans l ON l.key = g.loan WHERE g.id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a guarantee");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) guarantee_row(st, out, loan_key);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? FB_OK
           : rc == SQLITE_DONE ? FB_ENOTFOUND
                               : fb__store_fail(s, rc, "reading a guarantee");
}

/* One statement for every guarantee: its row, the principal its loan's state holds (what the
 * loan's position reads) and its borrower, in city, borrower, id order. A loan without a state
 * is not found, as its position is not. */
int fb__store_guarantees_each(fb_store *s, fb__guarantee_each_fn *fn, void *ctx) {
    FB_ASSERT(s != NULL && fn != NULL);
    static const char sql[] =
        GUARANTEE_COLUMNS ", x.principal, x.loan IS NULL, p.key, p.city FROM guarantees g JOIN"
                          " loans l ON l.key = g.loan JOIN parties p ON p.id = l.party LEFT JOIN"
                          " loan_state x ON x.loan = l.key ORDER BY p.city, p.key, g.id";
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* each close of day */
    if (!st) return FB_EIO;
    int err = FB_OK, rc = SQLITE_OK;
    fb_guarantee_view v;
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        guarantee_row(st, &v, NULL);
        v.principal_fen = sqlite3_column_int64(st, 33);
        if (sqlite3_column_int64(st, 34)) err = FB_ENOTFOUND;
        if (err == FB_OK) {
            err = fn(ctx, &v, sqlite3_column_int64(st, 35), (int32_t)sqlite3_column_int64(st, 36));
        }
    }
    sqlite3_reset(st);
    if (err) return err;
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "listing guarantees");
}

int fb__store_guarantee_of_loan(fb_store *s, int64_t loan_key, bool *guaranteed) {
    FB_ASSERT(loan_key > 0 && guaranteed != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM guarantees WHERE loan = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a loan's guarantee");
    sqlite3_bind_int64(st, 1, loan_key);
    rc = sqlite3_step(st);
    *guaranteed = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, rc, "reading a loan's guarantee");
}

int fb__store_guaranteed_in_full(fb_store *s, int64_t **keys, size_t *n) {
    FB_ASSERT(s != NULL && keys != NULL && n != NULL);
    *keys = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT loan FROM guarantees WHERE covered = 1000000 ORDER BY loan", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the loans guaranteed in full");
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t more = cap ? cap * 2 : 64;
            int64_t *grown = realloc(*keys, more * sizeof **keys);
            if (!grown) {
                rc = SQLITE_NOMEM;
                break;
            }
            *keys = grown;
            cap = more;
        }
        (*keys)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    FB_ASSERT(*n <= cap);
    if (rc == SQLITE_DONE) return FB_OK;
    free(*keys);
    *keys = NULL;
    *n = 0;
    return rc == SQLITE_NOMEM ? FB_ENOMEM : fb__store_fail(s, rc, "reading the loans guaranteed");
}

int fb__store_guarantor_of_loan(fb_store *s, int64_t loan_key, char *company, size_t cap) {
    FB_ASSERT(loan_key > 0 && company != NULL && cap > 0);
    company[0] = 0;
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db, "SELECT company FROM guarantees WHERE loan = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a loan's guarantor");
    sqlite3_bind_int64(st, 1, loan_key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) fb__store_column_text(company, cap, st, 0);
    sqlite3_finalize(st);
    FB_ASSERT(rc != SQLITE_ROW || company[0] != 0);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, rc, "reading a loan's guarantor");
}

int fb__store_guarantee_put(fb_store *s, const char *id, const fb_guarantee_view *v) {
    FB_ASSERT(id != NULL && v != NULL);
    FB_ASSERT(v->claimed != 0 && v->due >= v->claimed);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE guarantees SET claimed = ?2, due = ?3, basis = ?4, o0 = ?5,"
                                " o1 = ?6, o2 = ?7, p0 = ?8, p1 = ?9, p2 = ?10, exposure = ?11,"
                                " returns = ?12, r0 = ?13, r1 = ?14, r2 = ?15 WHERE id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "writing a guarantee's claim");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, v->claimed);
    sqlite3_bind_int64(st, 3, v->due);
    sqlite3_bind_int64(st, 4, v->basis_fen);
    for (int k = 0; k < 3; k++) {
        sqlite3_bind_int64(st, 5 + k, v->owed_fen[k]);
        sqlite3_bind_int64(st, 8 + k, v->paid_fen[k]);
        sqlite3_bind_int64(st, 13 + k, v->returned_fen[k]);
    }
    sqlite3_bind_int64(st, 11, v->exposure_fen);
    sqlite3_bind_int64(st, 12, v->returns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "writing a guarantee's claim");
}

int fb__store_guarantees_after(fb_store *s, const char *after, const char *company,
                               char (*ids)[FB_ID_MAX + 1], size_t cap, size_t *n) {
    FB_ASSERT(after != NULL && company != NULL && n != NULL);
    FB_ASSERT(ids != NULL || cap == 0);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id FROM guarantees WHERE id > ?1 AND (?2 = '' OR"
                                " company = ?2) ORDER BY id LIMIT ?3",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing guarantees");
    sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, company, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        fb__store_column_text(ids[(*n)++], FB_ID_MAX + 1, st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK
                                                 : fb__store_fail(s, rc, "listing guarantees");
}

int fb__store_loan_guaranteed_by(fb_store *s, const char *loan, const char *company, bool *yes) {
    FB_ASSERT(loan != NULL && company != NULL && yes != NULL);
    *yes = false;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT 1 FROM guarantees g JOIN loans l ON l.key = g.loan"
                                " WHERE l.id = ?1 AND g.company = ?2",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a loan's guarantor");
    sqlite3_bind_text(st, 1, loan, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, company, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, rc, "reading a loan's guarantor");
}

int fb__store_guarantee_fee(fb_store *s, const char *id, const fb_guarantee_view *v) {
    FB_ASSERT(id != NULL && v != NULL);
    FB_ASSERT(v->fee_years > 0 && v->fees_fen >= v->fee_last_fen && v->fee_last_fen >= 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE guarantees SET fee_years = ?2, fees = ?3, fee_last = ?4"
                                " WHERE id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "writing a guarantee's fee");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, v->fee_years);
    sqlite3_bind_int64(st, 3, v->fees_fen);
    sqlite3_bind_int64(st, 4, v->fee_last_fen);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "writing a guarantee's fee");
}

/* ---- The fee accrued day by day (book/guarantee_accrual.c) --------------------------------- */

static void fee_day_row(sqlite3_stmt *st, fb__guarantee_fee_day *d) {
    memset(d, 0, sizeof *d);
    d->key = sqlite3_column_int64(st, 0);
    fb__store_column_text(d->id, sizeof d->id, st, 1);
    fb__store_column_text(d->borrower, sizeof d->borrower, st, 2);
    fb__store_column_text(d->company, sizeof d->company, st, 3);
    int64_t *v[] = {&d->covered_e6,  &d->fee_e6,        &d->principal_fen,
                    &d->accrued_fen, &d->collected_fen, &d->carry};
    for (int i = 0; i < 6; i++)
        *v[i] = sqlite3_column_int64(st, 4 + i);
    int32_t *w[] = {&d->created, &d->fee_years, &d->claimed, &d->status, &d->day, &d->unpaid_since};
    for (int i = 0; i < 6; i++)
        *w[i] = (int32_t)sqlite3_column_int64(st, 10 + i);
}

int fb__store_guarantee_fee_days(fb_store *s, int32_t day, fb__guarantee_fee_day **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    FB_ASSERT(day > 0);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT g.key, g.id, p.id, g.company, g.covered, g.fee, x.principal, g.fee_accrued,"
        " g.fee_collected, g.fee_carry, g.created, g.fee_years, COALESCE(g.claimed, 0), x.status,"
        " g.fee_day, g.fee_unpaid_since FROM guarantees g JOIN loan_state x ON x.loan = g.loan"
        " JOIN parties p ON p.key = x.party WHERE (g.claimed IS NULL AND x.status = 0 AND"
        " x.principal > 0 AND g.created <= ?1) OR g.fee_accrued > g.fee_collected ORDER BY g.key",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the guarantees' fees");
    sqlite3_bind_int64(st, 1, day);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            fb__guarantee_fee_day *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                sqlite3_finalize(st);
                return FB_ENOMEM;
            }
            *out = grown;
        }
        fee_day_row(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading the guarantees' fees");
}

int fb__store_guarantee_fee_put(fb_store *s, const fb__guarantee_fee_day *d) {
    FB_ASSERT(d != NULL && d->key > 0);
    FB_ASSERT(d->collected_fen >= 0 && d->collected_fen <= d->accrued_fen && d->carry >= 0);
    static const char sql[] = "UPDATE guarantees SET fee_accrued = ?2, fee_collected = ?3,"
                              " fee_carry = ?4, fee_day = ?5, fee_unpaid_since = ?6 WHERE key = ?1";
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* each guarantee accruing, each day */
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, d->key);
    sqlite3_bind_int64(st, 2, d->accrued_fen);
    sqlite3_bind_int64(st, 3, d->collected_fen);
    sqlite3_bind_int64(st, 4, d->carry);
    sqlite3_bind_int64(st, 5, d->day);
    sqlite3_bind_int64(st, 6, d->unpaid_since);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "writing a guarantee's fee");
}
