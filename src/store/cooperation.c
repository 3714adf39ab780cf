/* cooperation.c — the store's rows of major projects and agreements, and the measures of
 * progress, each one query over the books on a date. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static const char *const status_names[FB_PROJECT_STATUS_COUNT_] = {"planned", "under_construction",
                                                                   "in_operation"};

const char *fb_project_status_name(fb_project_status s) {
    return (unsigned)s < FB_PROJECT_STATUS_COUNT_ ? status_names[s] : "unknown";
}

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
        for (int i = 0; i < FB_PROJECT_STATUS_COUNT_; i++) {
            if (strcmp(status, status_names[i]) == 0) out->status = (fb_project_status)i;
        }
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
        for (int m = 0; m < FB_MEASURE_COUNT_; m++) {
            if (strcmp(measure, fb_measure_name((fb_measure)m)) == 0) t->measure = (fb_measure)m;
        }
        fb__store_column_text(t->dimension, sizeof t->dimension, st, 6);
        t->amount = sqlite3_column_int64(st, 7);
    }
    if (rc != SQLITE_DONE) err = fb__store_fail(s, rc, "reading an agreement");
    sqlite3_finalize(st);
    return err;
}

/* Principal of a loan outstanding at the end of day ?d: its amount less principal repaid and
 * written off by then. */
#define OUTSTANDING                                                                                \
    "(l.amount - COALESCE((SELECT SUM(r.principal) FROM repayments r WHERE r.loan = l.key AND"     \
    " r.date <= ?2 AND r.kind IN ('repayment', 'auto_debit', 'write_off')), 0))"
/* The loans of the region's borrowers (?3..?4: a range of city codes), drawn by ?2, not the
 * advances that pay certificates' shortfalls. */
#define REGION_LOANS                                                                               \
    " FROM loans l JOIN parties p ON p.id = l.party WHERE p.city BETWEEN ?3 AND ?4"                \
    " AND l.start_date <= ?2 AND substr(l.id, 1, 4) != 'adv:'"

static const char *const measure_sql[FB_MEASURE_COUNT_] = {
    [FB_MEASURE_NEW_CREDIT] = "SELECT COALESCE(SUM(l.amount), 0)" REGION_LOANS
                              " AND l.start_date >= ?1 AND (?5 = '' OR (?5 = 'line' AND l.line ="
                              " ?6) OR (?5 = 'chain' AND p.key_chain = ?6) OR (?5 = 'city' AND"
                              " p.city = CAST(?6 AS INTEGER)))",
    [FB_MEASURE_INCLUSIVE_BORROWERS] = "SELECT COUNT(DISTINCT l.party)" REGION_LOANS
                                       " AND l.inclusive_cbirc AND " OUTSTANDING " > 0",
    [FB_MEASURE_INCLUSIVE_BALANCE] =
        "SELECT COALESCE(SUM(" OUTSTANDING "), 0)" REGION_LOANS " AND l.inclusive_cbirc",
    [FB_MEASURE_GREEN_BALANCE] =
        "SELECT COALESCE(SUM(" OUTSTANDING "), 0)" REGION_LOANS " AND l.line = 'green'",
    [FB_MEASURE_SUPPLY_CHAIN_FINANCING] =
        "SELECT COALESCE(SUM(c.amount), 0) FROM certificates c JOIN parties p ON p.id ="
        " c.from_party WHERE c.discount_rate IS NOT NULL AND c.date BETWEEN ?1 AND ?2 AND p.city"
        " BETWEEN ?3 AND ?4",
    [FB_MEASURE_INCLUSIVE_RATE_MAX] =
        "SELECT CASE WHEN SUM(l.amount) > 0 THEN SUM(l.amount * l.rate) / SUM(l.amount) ELSE 0 "
        "END" REGION_LOANS " AND l.start_date >= ?1 AND l.inclusive_cbirc",
    /* The NPL ratio is today's: classes are kept as they stand, not by date (the query below). */
};

int fb__store_measure(fb_store *s, fb_measure m, const char *dimension, int32_t from, int32_t to,
                      int32_t city_lo, int32_t city_hi, int64_t *value) {
    FB_ASSERT((unsigned)m < FB_MEASURE_COUNT_);
    char sql[1400];
    snprintf(sql, sizeof sql, "%s", measure_sql[m] ? measure_sql[m] : "");
    if (m == FB_MEASURE_NPL_RATIO_MAX) {
        snprintf(sql, sizeof sql,
                 "SELECT CASE WHEN SUM(x.principal) > 0 THEN SUM(CASE WHEN x.class >= 2 THEN"
                 " x.principal ELSE 0 END) * 1000000 / SUM(x.principal) ELSE 0 END"
                 " FROM loans l JOIN parties p ON p.id = l.party JOIN loan_state x ON x.loan ="
                 " l.key WHERE x.status = 0 AND p.city BETWEEN ?3 AND ?4 AND ?1 <= ?2");
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "measuring progress");
    char kind[16] = "";
    const char *value_text = "";
    const char *colon = strchr(dimension, ':');
    if (colon && (size_t)(colon - dimension) < sizeof kind) {
        memcpy(kind, dimension, (size_t)(colon - dimension));
        kind[colon - dimension] = 0;
        value_text = colon + 1;
    }
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, city_lo);
    sqlite3_bind_int64(st, 4, city_hi);
    if (sqlite3_bind_parameter_count(st) >= 6) {
        sqlite3_bind_text(st, 5, kind, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, value_text, -1, SQLITE_TRANSIENT);
    }
    rc = sqlite3_step(st);
    *value = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "measuring progress");
}
