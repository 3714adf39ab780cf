/* subsidies.c — the store's rows of interest subsidies: a scheme, its enrolled loans with what
 * they may earn and have accrued, what each accrued by quarter, and the quarters' claims with the
 * government's decision on each line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static int prepare(fb_store *s, const char *sql, sqlite3_stmt **st, const char *what) {
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, what);
}

/* Steps a statement that returns no rows and finalizes it. */
static int done(fb_store *s, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, what);
}

int fb__store_subsidy_insert(fb_store *s, const fb_subsidy *v) {
    FB_ASSERT(v != NULL && v->budget_fen > 0);
    FB_ASSERT((v->points_e6 > 0) != (v->share_e6 > 0));
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO subsidies (id, name, region, lines, sizes, mode, points, share,"
                     " months, borrower_cap, budget, created, created_at, listed) VALUES (?1, ?2,"
                     " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                     &st, "inserting a subsidy scheme");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, v->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->name, -1, SQLITE_STATIC);
    int64_t ints[] = {v->region,     v->lines,    v->sizes,      v->mode,
                      v->points_e6,  v->share_e6, v->months,     v->borrower_cap_fen,
                      v->budget_fen, v->created,  v->created_ns, v->listed};
    for (int i = 0; i < 12; i++)
        sqlite3_bind_int64(st, 3 + i, ints[i]);
    return done(s, st, "inserting a subsidy scheme");
}

#define SUBSIDY_COLUMNS                                                                            \
    "SELECT id, name, region, lines, sizes, mode, points, share, months, borrower_cap, budget,"    \
    " created, created_at, key, listed FROM subsidies"

static void read_subsidy(sqlite3_stmt *st, fb_subsidy *out, int64_t *key) {
    memset(out, 0, sizeof *out);
    fb__store_column_text(out->id, sizeof out->id, st, 0);
    fb__store_column_text(out->name, sizeof out->name, st, 1);
    out->region = (int32_t)sqlite3_column_int64(st, 2);
    out->lines = (uint32_t)sqlite3_column_int64(st, 3);
    out->sizes = (uint32_t)sqlite3_column_int64(st, 4);
    out->mode = (fb_subsidy_mode)sqlite3_column_int64(st, 5);
    out->points_e6 = sqlite3_column_int64(st, 6);
    out->share_e6 = sqlite3_column_int64(st, 7);
    out->months = (int32_t)sqlite3_column_int64(st, 8);
    out->borrower_cap_fen = sqlite3_column_int64(st, 9);
    out->budget_fen = sqlite3_column_int64(st, 10);
    out->created = (int32_t)sqlite3_column_int64(st, 11);
    out->created_ns = sqlite3_column_int64(st, 12);
    if (key) *key = sqlite3_column_int64(st, 13);
    out->listed = (fb_demand_source)sqlite3_column_int64(st, 14);
}

int fb__store_subsidy_by_id(fb_store *s, const char *id, fb_subsidy *out, int64_t *key) {
    FB_ASSERT(id != NULL && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, SUBSIDY_COLUMNS " WHERE id = ?1", &st, "reading a subsidy scheme");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a subsidy scheme");
    if (rc == SQLITE_ROW) read_subsidy(st, out, key);
    sqlite3_finalize(st);
    return err;
}

int fb__store_subsidies_after(fb_store *s, const char *after, fb_subsidy *out, int64_t *keys,
                              size_t cap, size_t *n) {
    FB_ASSERT(after != NULL && n != NULL);
    FB_ASSERT(cap == 0 || (out != NULL && keys != NULL));
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, SUBSIDY_COLUMNS " WHERE id > ?1 ORDER BY id LIMIT ?2", &st,
                     "listing subsidy schemes");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_subsidy(st, &out[*n], &keys[*n]);
        (*n)++;
    }
    sqlite3_finalize(st);
    FB_ASSERT(*n <= cap);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "listing subsidy schemes");
}

int fb__store_subsidy_enrolled(fb_store *s, int64_t loan, int64_t *scheme) {
    FB_ASSERT(loan > 0 && scheme != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT scheme FROM subsidy_enrol WHERE loan = ?1", &st,
                     "reading a loan's subsidy");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *scheme = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? FB_OK
           : rc == SQLITE_DONE ? FB_ENOTFOUND
                               : fb__store_fail(s, rc, "reading a loan's subsidy");
}

int fb__store_subsidy_enrol(fb_store *s, int64_t scheme, int64_t loan, int64_t party, int32_t start,
                            int32_t end, int64_t committed, int64_t now_ns) {
    FB_ASSERT(scheme > 0 && loan > 0 && party > 0);
    FB_ASSERT(end > start && committed >= 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO subsidy_enrol (scheme, loan, party, start, until, committed,"
                     " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     &st, "enrolling a loan");
    if (rc) return rc;
    int64_t v[] = {scheme, loan, party, start, end, committed, now_ns};
    for (int i = 0; i < 7; i++)
        sqlite3_bind_int64(st, 1 + i, v[i]);
    return done(s, st, "enrolling a loan");
}

int fb__store_subsidy_figures(fb_store *s, int64_t scheme, int64_t party,
                              fb__subsidy_figures *out) {
    FB_ASSERT(scheme > 0 && out != NULL);
    memset(out, 0, sizeof *out);
    static const char sql[] =
        "SELECT COUNT(*), COALESCE(SUM(committed), 0), COALESCE(SUM(CASE WHEN party"
        " = ?2 THEN committed ELSE 0 END), 0), COALESCE(SUM(accrued), 0),"
        " (SELECT COALESCE(SUM(approved), 0) FROM subsidy_claims WHERE scheme = ?1),"
        " (SELECT COALESCE(SUM(rejected), 0) FROM subsidy_claims WHERE scheme = ?1)"
        " FROM subsidy_enrol WHERE scheme = ?1";
    sqlite3_stmt *st = fb__store_cached(s, sql, sql); /* each scheme, each close and each page */
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, scheme);
    sqlite3_bind_int64(st, 2, party);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int64_t *v[] = {&out->enrolled, &out->committed, &out->committed_party,
                        &out->accrued,  &out->approved,  &out->rejected};
        for (int i = 0; i < 6; i++)
            *v[i] = sqlite3_column_int64(st, i);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "adding up a subsidy scheme");
}

int fb__store_subsidy_accruing(fb_store *s, int32_t day, fb__subsidy_day **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT e.key, e.scheme, e.party, v.id, p.id, v.mode, v.points, v.share,"
                     " x.principal, x.rate, e.committed, e.accrued, e.rem, COALESCE(n.sub, 0)"
                     " FROM subsidy_enrol e JOIN subsidies v ON v.key = e.scheme"
                     " JOIN loan_state x ON x.loan = e.loan JOIN parties p ON p.key = e.party"
                     " LEFT JOIN subsidy_net n ON n.enrol = e.key WHERE x.status = 0"
                     " AND e.start <= ?1 AND ?1 < e.until AND e.accrued < e.committed"
                     " AND (n.enrol IS NULL OR (n.net_from > 0 AND n.net_from <= ?1"
                     " AND (n.net_to = 0 OR ?1 < n.net_to))) ORDER BY e.scheme, e.key",
                     &st, "reading the subsidies accruing");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, day);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            fb__subsidy_day *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                sqlite3_finalize(st);
                return FB_ENOMEM;
            }
            *out = grown;
        }
        fb__subsidy_day *d = &(*out)[(*n)++];
        memset(d, 0, sizeof *d);
        d->enrol = sqlite3_column_int64(st, 0);
        d->scheme = sqlite3_column_int64(st, 1);
        d->party = sqlite3_column_int64(st, 2);
        fb__store_column_text(d->scheme_id, sizeof d->scheme_id, st, 3);
        fb__store_column_text(d->party_id, sizeof d->party_id, st, 4);
        int64_t *v[] = {&d->mode,      &d->points,  &d->share, &d->principal, &d->rate,
                        &d->committed, &d->accrued, &d->rem,   &d->net_sub};
        for (int i = 0; i < 9; i++)
            *v[i] = sqlite3_column_int64(st, 5 + i);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading the subsidies accruing");
}

int fb__store_subsidy_accrue(fb_store *s, int64_t enrol, int32_t quarter, int64_t amount,
                             int64_t accrued, int64_t rem) {
    FB_ASSERT(enrol > 0 && amount >= 0);
    FB_ASSERT(accrued >= amount && rem >= 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "UPDATE subsidy_enrol SET accrued = ?2, rem = ?3 WHERE key = ?1", &st,
                     "accruing a subsidy");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, enrol);
    sqlite3_bind_int64(st, 2, accrued);
    sqlite3_bind_int64(st, 3, rem);
    rc = done(s, st, "accruing a subsidy");
    if (rc == FB_OK) {
        rc = prepare(s,
                     "INSERT INTO subsidy_accrual (enrol, quarter, days, amount) VALUES (?1, ?2,"
                     " 1, ?3) ON CONFLICT (enrol, quarter) DO UPDATE SET days = days + 1,"
                     " amount = amount + excluded.amount",
                     &st, "accruing a subsidy's quarter");
    }
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, enrol);
    sqlite3_bind_int64(st, 2, quarter);
    sqlite3_bind_int64(st, 3, amount);
    return done(s, st, "accruing a subsidy's quarter");
}

int fb__store_subsidy_claim(fb_store *s, int64_t scheme, int32_t quarter, fb__subsidy_claim *out) {
    FB_ASSERT(scheme > 0 && out != NULL);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT c.key, c.date, COALESCE(c.paid, 0), c.amount, c.lines, c.approved,"
                     " c.rejected, (SELECT COUNT(*) FROM subsidy_accrual a WHERE a.claim = c.key"
                     " AND a.decision = 0) FROM subsidy_claims c WHERE c.scheme = ?1 AND"
                     " c.quarter = ?2",
                     &st, "reading a subsidy claim");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, scheme);
    sqlite3_bind_int64(st, 2, quarter);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->key = sqlite3_column_int64(st, 0);
        out->date = (int32_t)sqlite3_column_int64(st, 1);
        out->paid = (int32_t)sqlite3_column_int64(st, 2);
        out->amount = sqlite3_column_int64(st, 3);
        out->lines = sqlite3_column_int64(st, 4);
        out->approved = sqlite3_column_int64(st, 5);
        out->rejected = sqlite3_column_int64(st, 6);
        out->undecided = sqlite3_column_int64(st, 7);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? FB_OK
           : rc == SQLITE_DONE ? FB_ENOTFOUND
                               : fb__store_fail(s, rc, "reading a subsidy claim");
}

int fb__store_subsidy_claim_make(fb_store *s, int64_t scheme, int32_t quarter, int32_t date,
                                 fb__subsidy_claim *out) {
    FB_ASSERT(scheme > 0 && out != NULL);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT COUNT(*), COALESCE(SUM(a.amount), 0) FROM subsidy_accrual a JOIN"
                     " subsidy_enrol e ON e.key = a.enrol WHERE e.scheme = ?1 AND a.quarter = ?2"
                     " AND a.claim IS NULL AND a.amount > 0",
                     &st, "counting a quarter's subsidies");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, scheme);
    sqlite3_bind_int64(st, 2, quarter);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->lines = sqlite3_column_int64(st, 0);
        out->amount = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return fb__store_fail(s, rc, "counting a quarter's subsidies");
    if (out->lines == 0) return FB_OK;
    rc = prepare(s,
                 "INSERT INTO subsidy_claims (scheme, quarter, date, amount, lines) VALUES (?1,"
                 " ?2, ?3, ?4, ?5)",
                 &st, "making a subsidy claim");
    if (rc) return rc;
    int64_t v[] = {scheme, quarter, date, out->amount, out->lines};
    for (int i = 0; i < 5; i++)
        sqlite3_bind_int64(st, 1 + i, v[i]);
    if ((rc = done(s, st, "making a subsidy claim")) != FB_OK) return rc;
    out->key = sqlite3_last_insert_rowid(s->db);
    out->date = date;
    rc = prepare(s,
                 "UPDATE subsidy_accrual SET claim = ?3 WHERE quarter = ?2 AND claim IS NULL AND"
                 " amount > 0 AND enrol IN (SELECT key FROM subsidy_enrol WHERE scheme = ?1)",
                 &st, "listing a claim's lines");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, scheme);
    sqlite3_bind_int64(st, 2, quarter);
    sqlite3_bind_int64(st, 3, out->key);
    return done(s, st, "listing a claim's lines");
}

int fb__store_subsidy_line(fb_store *s, int64_t claim, int64_t loan, int *decision) {
    FB_ASSERT(claim > 0 && decision != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT a.decision FROM subsidy_accrual a JOIN subsidy_enrol e ON e.key ="
                     " a.enrol WHERE a.claim = ?1 AND e.loan = ?2",
                     &st, "reading a claim's line");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, claim);
    sqlite3_bind_int64(st, 2, loan);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *decision = (int)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW    ? FB_OK
           : rc == SQLITE_DONE ? FB_ENOTFOUND
                               : fb__store_fail(s, rc, "reading a claim's line");
}

int fb__store_subsidy_decide(fb_store *s, int64_t claim, int64_t loan, int decision) {
    FB_ASSERT(claim > 0 && loan > 0);
    FB_ASSERT(decision == 1 || decision == 2);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "UPDATE subsidy_accrual SET decision = ?3 WHERE claim = ?1 AND enrol ="
                     " (SELECT key FROM subsidy_enrol WHERE loan = ?2)",
                     &st, "deciding a claim's line");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, claim);
    sqlite3_bind_int64(st, 2, loan);
    sqlite3_bind_int64(st, 3, decision);
    return done(s, st, "deciding a claim's line");
}

int fb__store_subsidy_paid(fb_store *s, int64_t claim, int32_t date, int64_t approved,
                           int64_t rejected) {
    FB_ASSERT(claim > 0 && date != 0);
    FB_ASSERT(approved >= 0 && rejected >= 0);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "UPDATE subsidy_claims SET paid = ?2, approved = ?3, rejected = ?4 WHERE"
                     " key = ?1",
                     &st, "paying a subsidy claim");
    if (rc) return rc;
    int64_t v[] = {claim, date, approved, rejected};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_int64(st, 1 + i, v[i]);
    return done(s, st, "paying a subsidy claim");
}

int fb__store_subsidy_lines(fb_store *s, int64_t claim, fb__subsidy_line_fn *fn, void *ctx) {
    FB_ASSERT(claim > 0 && fn != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT l.id, p.id, a.days, a.amount, a.decision FROM subsidy_accrual a JOIN"
                     " subsidy_enrol e ON e.key = a.enrol JOIN loans l ON l.key = e.loan JOIN"
                     " parties p ON p.key = e.party WHERE a.claim = ?1 ORDER BY l.id",
                     &st, "reading a claim's lines");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, claim);
    int err = FB_OK;
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        fb_subsidy_line l;
        memset(&l, 0, sizeof l);
        char party[FB_PARTY_ID_MAX + 1];
        fb__store_column_text(l.loan, sizeof l.loan, st, 0);
        fb__store_column_text(party, sizeof party, st, 1);
        l.days = (int32_t)sqlite3_column_int64(st, 2);
        l.amount_fen = sqlite3_column_int64(st, 3);
        l.decision = (int)sqlite3_column_int64(st, 4);
        err = fn(ctx, &l, party);
    }
    sqlite3_finalize(st);
    if (err) return err;
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK
                                                 : fb__store_fail(s, rc, "reading a claim's lines");
}
