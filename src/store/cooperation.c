/* cooperation.c — the store's rows of major projects and agreements, and the measures of
 * progress, each one query over the books on a date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_project_insert(fb_store *s, const fb_project *p, int64_t now_ns) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO projects (id, name, city, industry, total_investment,"
                                " financing_need, status, start_date, created_at) VALUES (?1, ?2,"
                                " ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting a project");
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, p->city);
    sqlite3_bind_int64(st, 4, p->industry);
    sqlite3_bind_int64(st, 5, p->total_investment_fen);
    sqlite3_bind_int64(st, 6, p->financing_need_fen);
    sqlite3_bind_text(st, 7, fb_project_status_name(p->status), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, p->start_date);
    sqlite3_bind_int64(st, 9, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "inserting a project");
}

int fb__store_project_by_id(fb_store *s, const char *id, fb_project *out) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT id, name, city, industry, total_investment, financing_need, status, start_date,"
        " (SELECT COALESCE(SUM(limit_fen), 0) FROM facilities WHERE project = p.id),"
        " (SELECT COALESCE(SUM(amount), 0) FROM loans WHERE project = p.id),"
        " (SELECT COALESCE(SUM(x.principal), 0) FROM loans l JOIN loan_state x ON x.loan = l.key"
        "  WHERE l.project = p.id AND x.status = 0) FROM projects p WHERE id = ?1",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a project");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        fb__store_column_text(out->id, sizeof out->id, st, 0);
        fb__store_column_text(out->name, sizeof out->name, st, 1);
        out->city = (int32_t)sqlite3_column_int64(st, 2);
        out->industry = (int)sqlite3_column_int64(st, 3);
        out->total_investment_fen = sqlite3_column_int64(st, 4);
        out->financing_need_fen = sqlite3_column_int64(st, 5);
        char status[32];
        fb__store_column_text(status, sizeof status, st, 6);
        fb_project_status_parse(status, &out->status);
        out->start_date = (int32_t)sqlite3_column_int64(st, 7);
        out->approved_fen = sqlite3_column_int64(st, 8);
        out->drawn_fen = sqlite3_column_int64(st, 9);
        out->outstanding_fen = sqlite3_column_int64(st, 10);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a project");
    }
    sqlite3_finalize(st);
    return err;
}

int fb__store_agreement_insert(fb_store *s, const fb_agreement *a, int64_t now_ns) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO agreements (id, bank, region, start_date, end_date,"
                                " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting an agreement");
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->bank, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, a->region);
    sqlite3_bind_int64(st, 4, a->start_date);
    sqlite3_bind_int64(st, 5, a->end_date);
    sqlite3_bind_int64(st, 6, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "inserting an agreement");
    int64_t key = sqlite3_last_insert_rowid(s->db);
    rc = sqlite3_prepare_v2(s->db, "INSERT INTO targets VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting a target");
    for (size_t i = 0; rc == SQLITE_OK && i < a->n_targets; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, key);
        sqlite3_bind_text(st, 2, fb_measure_name(a->targets[i].measure), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, a->targets[i].dimension, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, a->targets[i].amount);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    int err =
        rc == SQLITE_OK ? FB_OK : fb__store_fail(s, sqlite3_errcode(s->db), "inserting a target");
    sqlite3_finalize(st);
    return err;
}

int fb__store_agreement_by_id(fb_store *s, const char *id, fb_agreement *out) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT a.id, a.bank, a.region, a.start_date, a.end_date,"
                                " t.measure, t.dimension, t.amount FROM agreements a LEFT JOIN"
                                " targets t ON t.agreement = a.key WHERE a.id = ?1"
                                " ORDER BY t.measure, t.dimension",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading an agreement");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    memset(out, 0, sizeof *out);
    int err = FB_ENOTFOUND;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (err == FB_ENOTFOUND) {
            fb__store_column_text(out->id, sizeof out->id, st, 0);
            fb__store_column_text(out->bank, sizeof out->bank, st, 1);
            out->region = (int32_t)sqlite3_column_int64(st, 2);
            out->start_date = (int32_t)sqlite3_column_int64(st, 3);
            out->end_date = (int32_t)sqlite3_column_int64(st, 4);
            err = FB_OK;
        }
        if (sqlite3_column_type(st, 5) == SQLITE_NULL || out->n_targets == FB_TARGETS_MAX) continue;
        fb_target *t = &out->targets[out->n_targets++];
        char measure[48];
        fb__store_column_text(measure, sizeof measure, st, 5);
        fb_measure_parse(measure, &t->measure);
        fb__store_column_text(t->dimension, sizeof t->dimension, st, 6);
        t->amount = sqlite3_column_int64(st, 7);
    }
    if (rc != SQLITE_DONE) err = fb__store_fail(s, rc, "reading an agreement");
    sqlite3_finalize(st);
    return err;
}

/* The measures read the running aggregates (aggregates.c): ?1..?2 the period, ?3..?4 the
 * cities, ?5 the kind of breakdown (0 none, 1 line, 2 chain, 3 city) and ?6 its value. */
#define IN_REGION(cell)                                                                            \
    " (CASE WHEN " FB_CELL_CITY(cell) " > 0 THEN 210000 + " FB_CELL_CITY(                          \
        cell) " * 100 ELSE 0 END)"                                                                 \
              " BETWEEN ?3 AND ?4"

/* New credit in the period: drawn through its last day less drawn before its first. */
#define NEW_IN_PERIOD                                                                              \
    "(SELECT cell, amount, rate_amount FROM agg_new_daily WHERE date = ?2 UNION ALL"               \
    " SELECT cell, -amount, -rate_amount FROM agg_new_daily WHERE date = ?1 - 1)"

#define WEALTH_BALANCE(measure)                                                                    \
    "SELECT COALESCE(SUM(w.value), 0) FROM wealth_figures w WHERE w.measure = '" measure "'"       \
    " AND w.city BETWEEN ?3 AND ?4 AND ?1 <= ?2 AND ?5 + ?6 >= 0 AND w.date = (SELECT MAX(v.date)" \
    " FROM wealth_figures v WHERE v.measure = w.measure AND v.city = w.city AND v.date <= ?2)"

/* A scheme's own region (210000 or a city) within ?3..?4, the province's with its cities. */
#define SCHEME_IN_REGION(region)                                                                   \
    " (" region " BETWEEN ?3 AND ?4 OR (" region " = 210000 AND ?4 > ?3))"

static const char *const measure_sql[FB_MEASURE_COUNT_] = {
    [FB_MEASURE_NEW_CREDIT] =
        "SELECT COALESCE(SUM(amount), 0) FROM " NEW_IN_PERIOD
        " WHERE" IN_REGION("cell") " AND (?5 = 0 OR (?5 = 1 AND " FB_CELL_LINE(
            "cell") " = ?6) OR (?5 = 2 AND " FB_CELL_CHAIN("cell") " = ?6) OR (?5 = 3 AND 210000 "
                                                                   "+ " FB_CELL_CITY("cell") " * "
                                                                                             "100 "
                                                                                             "= "
                                                                                             "?6))",
    [FB_MEASURE_INCLUSIVE_BORROWERS] =
        "SELECT COALESCE(SUM(borrowers), 0) FROM agg_inclusive_daily WHERE date = ?2 AND"
        " (CASE WHEN city > 0 THEN 210000 + city * 100 ELSE 0 END) BETWEEN ?3 AND ?4"
        " AND ?1 <= ?2 AND ?5 + ?6 >= 0",
    [FB_MEASURE_INCLUSIVE_BALANCE] =
        "SELECT COALESCE(SUM(balance), 0) FROM agg_daily WHERE date = ?2 "
        "AND " FB_CELL_INCLUSIVE("cell") " = 1 AND" IN_REGION(
            "cell") " AND ?1 <= ?2 AND ?5 + ?6 >= 0",
    [FB_MEASURE_GREEN_BALANCE] =
        "SELECT COALESCE(SUM(balance), 0) FROM agg_daily WHERE date = ?2 AND " FB_CELL_LINE(
            "cell") " = 2 AND" IN_REGION("cell") " AND ?1 <= ?2 AND ?5 + ?6 >= 0",
    [FB_MEASURE_SUPPLY_CHAIN_FINANCING] =
        "SELECT COALESCE(SUM(amount), 0) FROM agg_financing WHERE date BETWEEN ?1 AND ?2 AND"
        " city BETWEEN ?3 AND ?4 AND ?5 + ?6 >= 0",
    [FB_MEASURE_INCLUSIVE_RATE_MAX] =
        "SELECT CASE WHEN SUM(amount) > 0 THEN SUM(rate_amount) / SUM(amount) ELSE 0 END"
        " FROM " NEW_IN_PERIOD
        " WHERE " FB_CELL_INCLUSIVE("cell") " = 1 AND" IN_REGION("cell") " AND ?5 + ?6 >= 0",
    [FB_MEASURE_NPL_RATIO_MAX] =
        "SELECT CASE WHEN SUM(balance) > 0 THEN (SUM(CASE WHEN class >= 2 THEN balance ELSE 0"
        " END) * 2000000 + SUM(balance)) / (2 * SUM(balance)) ELSE 0 END FROM agg_daily"
        " WHERE date = ?2 "
        "AND" IN_REGION("cell") " AND ?1 <= ?2 AND ?5 + ?6 >= 0",
    /* Wealth finance, from the daily feed (import.c): a balance is each city's figure on its
     * latest day through ?2; accounts opened are summed over the period. */
    [FB_MEASURE_WEALTH_PRODUCTS] = WEALTH_BALANCE("wealth_products"),
    [FB_MEASURE_WEALTH_DEPOSITS] = WEALTH_BALANCE("wealth_deposits"),
    [FB_MEASURE_PENSION_ACCOUNTS] =
        "SELECT COALESCE(SUM(value), 0) FROM wealth_figures WHERE measure = 'pension_accounts'"
        " AND date BETWEEN ?1 AND ?2 AND city BETWEEN ?3 AND ?4 AND ?5 + ?6 >= 0",
    /* The government's schemes: a scheme is the region's when its own region is (the province's
     * agreement, ?3..?4 its cities, holds the province's schemes too); the stocks from the close
     * of ?2 (agg_scheme_daily, aggregates.c), the flows by their dates in the period. */
    [FB_MEASURE_POOL_LEVERAGE_USED_MIN] =
        "SELECT CASE WHEN SUM(capacity) > 0 THEN (SUM(covered) * 2000000 + SUM(capacity)) /"
        " (2 * SUM(capacity)) ELSE 0 END FROM agg_scheme_daily WHERE date = ?2 AND kind = 0"
        " AND" SCHEME_IN_REGION("region") " AND ?1 <= ?2 AND ?5 + ?6 >= 0",
    [FB_MEASURE_POOL_COMPENSATION] =
        "SELECT COALESCE(SUM(c.paid), 0) FROM pool_cover c JOIN pools p ON p.key = c.pool"
        " WHERE c.claimed BETWEEN ?1 AND ?2 AND" SCHEME_IN_REGION("p.region") " AND ?5 + ?6 >= 0",
    [FB_MEASURE_SUBSIDY_PAID] =
        "SELECT COALESCE(SUM(k.approved), 0) FROM subsidy_claims k JOIN subsidies v ON"
        " v.key = k.scheme WHERE k.paid BETWEEN ?1 AND ?2 AND" SCHEME_IN_REGION(
            "v.region") " AND ?5 + ?6 >= 0",
    [FB_MEASURE_GUARANTEED_SHARE_MIN] =
        "SELECT CASE WHEN i.balance > 0 THEN (g.guaranteed * 2000000 + i.balance) /"
        " (2 * i.balance) ELSE 0 END FROM (SELECT COALESCE(SUM(covered), 0) guaranteed FROM"
        " agg_scheme_daily WHERE date = ?2 AND kind = 1 AND region BETWEEN ?3 AND ?4) g,"
        " (SELECT COALESCE(SUM(balance), 0) balance FROM agg_daily WHERE date = ?2 "
        "AND " FB_CELL_INCLUSIVE("cell") " = 1 AND" IN_REGION("cell") ") i WHERE ?1 <= ?2 AND"
                                                                      " ?5 + ?6 >= 0",
};

/* A breakdown "line:x", "chain:x" or "city:code" as a kind and an integer value. */
static void breakdown(const char *dimension, int64_t *kind, int64_t *value) {
    *kind = *value = 0;
    fb_line line;
    if (strncmp(dimension, "line:", 5) == 0 && fb_line_parse(dimension + 5, &line) == FB_OK) {
        *kind = 1;
        *value = line;
    } else if (strncmp(dimension, "chain:", 6) == 0) {
        *kind = 2;
        fb_chain chain = FB_CHAIN_NONE;
        if (fb_chain_parse(dimension + 6, &chain) == FB_OK) *value = chain;
    } else if (strncmp(dimension, "city:", 5) == 0) {
        *kind = 3;
        *value = strtol(dimension + 5, NULL, 10);
    }
}

int fb__store_measure(fb_store *s, fb_measure m, const char *dimension, int32_t from, int32_t to,
                      int32_t city_lo, int32_t city_hi, int64_t *value) {
    FB_ASSERT((unsigned)m < FB_MEASURE_COUNT_);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, measure_sql[m], -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "measuring progress");
    int64_t kind = 0, v = 0;
    breakdown(dimension, &kind, &v);
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, city_lo);
    sqlite3_bind_int64(st, 4, city_hi);
    sqlite3_bind_int64(st, 5, kind);
    sqlite3_bind_int64(st, 6, v);
    rc = sqlite3_step(st);
    *value = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "measuring progress");
}

int fb__store_list(fb_store *s, fb_list_kind kind, const char *filter, char (*ids)[FB_ID_MAX + 1],
                   size_t cap, size_t *n) {
    static const char *const sql[FB_LIST_COUNT_] = {
        [FB_LIST_AGREEMENTS] =
            "SELECT id FROM agreements WHERE ?1 IS NOT NULL ORDER BY id LIMIT ?2",
        [FB_LIST_PROJECTS] = "SELECT id FROM projects WHERE ?1 IS NOT NULL ORDER BY id LIMIT ?2",
        [FB_LIST_PARTY_FACILITIES] = "SELECT id FROM facilities WHERE party = ?1 ORDER BY id"
                                     " LIMIT ?2",
        [FB_LIST_PARTY_LOANS] = "SELECT id FROM loans WHERE party = ?1 ORDER BY id LIMIT ?2",
        [FB_LIST_CERTIFICATE_ROOTS] = "SELECT id FROM certificates WHERE parent IS NULL AND"
                                      " ?1 IS NOT NULL ORDER BY key DESC LIMIT ?2",
    };
    FB_ASSERT((unsigned)kind < FB_LIST_COUNT_);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql[kind], -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing records");
    sqlite3_bind_text(st, 1, filter, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        snprintf(ids[*n], FB_ID_MAX + 1, "%s", (const char *)sqlite3_column_text(st, 0));
        (*n)++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "listing records");
}
