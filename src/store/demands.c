/* demands.c — the store's rows of financing demands and their steps, the loans drawn under a
 * granted demand's facility, what a measure reads of each demand, and the years of holiday
 * notices the operator loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* Every column a demand's row holds, in the order read_demand reads them. */
#define DEMAND_COLUMNS                                                                             \
    "id, party, city, chain, size, line, amount, purpose, months, security, consent, source,"      \
    " region, project, recommendation, posted, response_days, decision_days, response_due,"        \
    " decision_due, status, accepted, officer, contacted, note, decided, facility, granted,"       \
    " reason, reason_text, withdrawn, withdrawn_by, withdraw_text, created_at, key"
#define DEMAND_COLUMN_COUNT 35

static int32_t int32_at(sqlite3_stmt *st, int col) {
    return (int32_t)sqlite3_column_int64(st, col);
}

static void read_demand(sqlite3_stmt *st, fb_demand *d, int64_t *key) {
    memset(d, 0, sizeof *d);
    fb__store_column_text(d->id, sizeof d->id, st, 0);
    fb__store_column_text(d->party, sizeof d->party, st, 1);
    d->city = int32_at(st, 2);
    d->chain = (fb_chain)sqlite3_column_int64(st, 3);
    d->size = (fb_size_class)sqlite3_column_int64(st, 4);
    d->line = (fb_line)sqlite3_column_int64(st, 5);
    d->amount_fen = sqlite3_column_int64(st, 6);
    fb__store_column_text(d->purpose, sizeof d->purpose, st, 7);
    d->months = int32_at(st, 8);
    d->security = (fb_security)sqlite3_column_int64(st, 9);
    d->consent = sqlite3_column_int64(st, 10) != 0;
    d->source = (fb_demand_source)sqlite3_column_int64(st, 11);
    d->region = int32_at(st, 12);
    fb__store_column_text(d->project, sizeof d->project, st, 13);
    fb__store_column_text(d->recommendation, sizeof d->recommendation, st, 14);
    d->posted = int32_at(st, 15);
    d->response_days = int32_at(st, 16);
    d->decision_days = int32_at(st, 17);
    d->response_due = int32_at(st, 18);
    d->decision_due = int32_at(st, 19);
    d->status = (fb_demand_status)sqlite3_column_int64(st, 20);
    d->accepted = int32_at(st, 21);
    fb__store_column_text(d->officer, sizeof d->officer, st, 22);
    d->contacted = int32_at(st, 23);
    fb__store_column_text(d->note, sizeof d->note, st, 24);
    d->decided = int32_at(st, 25);
    fb__store_column_text(d->facility, sizeof d->facility, st, 26);
    d->granted_fen = sqlite3_column_int64(st, 27);
    d->reason = (fb_decline_reason)sqlite3_column_int64(st, 28);
    fb__store_column_text(d->reason_text, sizeof d->reason_text, st, 29);
    d->withdrawn = int32_at(st, 30);
    d->withdrawn_by = (fb_role)sqlite3_column_int64(st, 31);
    fb__store_column_text(d->withdraw_text, sizeof d->withdraw_text, st, 32);
    d->created_ns = sqlite3_column_int64(st, 33);
    if (key) *key = sqlite3_column_int64(st, 34);
}

static void bind_date_or_null(sqlite3_stmt *st, int i, int32_t date) {
    if (date) {
        sqlite3_bind_int64(st, i, date);
    } else {
        sqlite3_bind_null(st, i);
    }
}

int fb__store_demand_insert(fb_store *s, const fb_demand *d) {
    FB_ASSERT(d->status == FB_DEMAND_POSTED && d->posted != 0);
    FB_ASSERT((d->source == FB_SOURCE_ENTERPRISE) == (d->region == 0));
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "INSERT INTO demands (id, party, city, chain, size, line, amount, purpose, months,"
        " security, consent, source, region, project, recommendation, posted, response_days,"
        " decision_days, response_due, decision_due, status, created_at) VALUES (?1, ?2, ?3, ?4,"
        " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, 0, ?21)",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "inserting a demand");
    sqlite3_bind_text(st, 1, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->party, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, d->city);
    sqlite3_bind_int64(st, 4, d->chain);
    sqlite3_bind_int64(st, 5, d->size);
    sqlite3_bind_int64(st, 6, d->line);
    sqlite3_bind_int64(st, 7, d->amount_fen);
    sqlite3_bind_text(st, 8, d->purpose, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, d->months);
    sqlite3_bind_int64(st, 10, d->security);
    sqlite3_bind_int64(st, 11, d->consent);
    sqlite3_bind_int64(st, 12, d->source);
    bind_date_or_null(st, 13, d->region);
    fb__store_bind_text_or_null(st, 14, d->project);
    fb__store_bind_text_or_null(st, 15, d->recommendation);
    sqlite3_bind_int64(st, 16, d->posted);
    sqlite3_bind_int64(st, 17, d->response_days);
    sqlite3_bind_int64(st, 18, d->decision_days);
    sqlite3_bind_int64(st, 19, d->response_due);
    sqlite3_bind_int64(st, 20, d->decision_due);
    sqlite3_bind_int64(st, 21, d->created_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "inserting a demand");
    int64_t key = sqlite3_last_insert_rowid(s->db);
    rc =
        sqlite3_prepare_v2(s->db, "INSERT INTO demand_steps VALUES (?1, 0, ?2, ?3)", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a demand's posting");
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, d->posted);
    sqlite3_bind_int64(st, 3, d->created_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a demand's posting");
}

int fb__store_demand_by_id(fb_store *s, const char *id, fb_demand *out, int64_t *key) {
    FB_ASSERT(id != NULL && out != NULL);
    static const char site = 0; /* read at every step of every demand: prepared once */
    sqlite3_stmt *st =
        fb__store_cached(s, &site, "SELECT " DEMAND_COLUMNS " FROM demands WHERE id = ?1");
    if (!st) return FB_EIO;
    FB_ASSERT(sqlite3_column_count(st) == DEMAND_COLUMN_COUNT);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a demand");
    if (rc == SQLITE_ROW) read_demand(st, out, key);
    sqlite3_reset(st);
    return err;
}

int fb__store_party_listed(fb_store *s, const char *party, int source, int32_t region,
                           bool *listed) {
    FB_ASSERT(party != NULL && listed != NULL);
    FB_ASSERT(source == FB_SOURCE_KEY_ENTERPRISES || source == FB_SOURCE_MAJOR_PROJECTS);
    *listed = false;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT 1 FROM demands WHERE party = ?1 AND source = ?2"
                                " AND region IN (210000, ?3) LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a government list");
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, source);
    sqlite3_bind_int64(st, 3, region);
    rc = sqlite3_step(st);
    *listed = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, rc, "reading a government list");
}

int fb__store_demand_step(fb_store *s, int64_t key, const fb_demand *d, int step, int32_t date,
                          int64_t now_ns) {
    FB_ASSERT(step > FB_DEMAND_POSTED && step < FB_DEMAND_STATUS_COUNT_);
    FB_ASSERT((int)d->status == step && date != 0);
    static const char update = 0, insert = 0; /* every step of every demand: prepared once */
    sqlite3_stmt *st = fb__store_cached(
        s, &update,
        "UPDATE demands SET status = ?2, accepted = ?3, officer = ?4, contacted = ?5, note = ?6,"
        " decided = ?7, facility = ?8, granted = ?9, reason = ?10, reason_text = ?11,"
        " withdrawn = ?12, withdrawn_by = ?13, withdraw_text = ?14 WHERE key = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, d->status);
    bind_date_or_null(st, 3, d->accepted);
    fb__store_bind_text_or_null(st, 4, d->officer);
    bind_date_or_null(st, 5, d->contacted);
    fb__store_bind_text_or_null(st, 6, d->note);
    bind_date_or_null(st, 7, d->decided);
    fb__store_bind_text_or_null(st, 8, d->facility);
    if (d->status == FB_DEMAND_GRANTED) sqlite3_bind_int64(st, 9, d->granted_fen);
    if (d->status == FB_DEMAND_DECLINED) sqlite3_bind_int64(st, 10, d->reason);
    fb__store_bind_text_or_null(st, 11, d->reason_text);
    bind_date_or_null(st, 12, d->withdrawn);
    if (d->status == FB_DEMAND_WITHDRAWN) sqlite3_bind_int64(st, 13, d->withdrawn_by);
    fb__store_bind_text_or_null(st, 14, d->withdraw_text);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "recording a demand's step");
    st = fb__store_cached(s, &insert, "INSERT INTO demand_steps VALUES (?1, ?2, ?3, ?4)");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, step);
    sqlite3_bind_int64(st, 3, date);
    sqlite3_bind_int64(st, 4, now_ns);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "recording a demand's step");
}

int fb__store_demands_list(fb_store *s, int64_t after, const char *party, int32_t city_lo,
                           int32_t city_hi, bool government, int filter, size_t cap,
                           fb__demand_fn *fn, void *ctx) {
    FB_ASSERT(party != NULL && fn != NULL);
    FB_ASSERT(filter >= 0 && filter <= 2);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT " DEMAND_COLUMNS " FROM demands WHERE key > ?1 AND (?2 = '' OR party = ?2)"
        " AND city BETWEEN ?3 AND ?4 AND (?5 = 0 OR source != 0 OR consent = 1)"
        " AND (?6 = 0 OR (?6 = 1 AND status < 3) OR (?6 = 2 AND status >= 3))"
        " ORDER BY key LIMIT ?7",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing demands");
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_text(st, 2, party, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, city_lo);
    sqlite3_bind_int64(st, 4, city_hi);
    sqlite3_bind_int64(st, 5, government);
    sqlite3_bind_int64(st, 6, filter);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)cap);
    fb_demand *d = malloc(sizeof *d);
    int err = d ? FB_OK : FB_ENOMEM;
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_demand(st, d, NULL);
        err = fn(ctx, d);
    }
    if (err == FB_OK && rc != SQLITE_DONE) err = fb__store_fail(s, rc, "listing demands");
    free(d);
    sqlite3_finalize(st);
    return err;
}

int fb__store_facility_drawdowns(fb_store *s, const char *facility, int32_t from, int32_t to,
                                 int64_t *loans, int64_t *fen, int32_t *first,
                                 char (*ids)[FB_ID_MAX + 1], size_t cap, size_t *n) {
    FB_ASSERT(facility != NULL && loans != NULL && fen != NULL && first != NULL);
    FB_ASSERT(ids == NULL || n != NULL);
    *loans = *fen = 0;
    *first = 0;
    if (n) *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id, start_date, amount FROM loans WHERE facility = ?1"
                                " AND start_date BETWEEN ?2 AND ?3 AND substr(id, 1, 4) != 'adv:'"
                                " ORDER BY start_date, key",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a facility's loans");
    sqlite3_bind_text(st, 1, facility, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*loans == 0) *first = int32_at(st, 1);
        if (ids && *n < cap) fb__store_column_text(ids[(*n)++], FB_ID_MAX + 1, st, 0);
        (*loans)++;
        *fen += sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading a facility's loans");
}

int fb__store_demand_facts(fb_store *s, int32_t from, int32_t to, int32_t city_lo, int32_t city_hi,
                           fb__demand_fact **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT d.party_key, d.amount, COALESCE(d.granted, 0), d.city, d.posted,"
        " d.response_due, d.decision_due, COALESCE(d.contacted, 0), COALESCE(d.decided, 0),"
        " COALESCE(d.withdrawn, 0), CASE WHEN d.status = 3 AND d.first_drawdown <= ?2 THEN"
        " d.first_drawdown ELSE 0 END, d.chain, d.line, d.size, d.status,"
        " COALESCE(d.reason, 0) FROM demands d"
        " WHERE d.posted BETWEEN ?1 AND ?2 AND d.city BETWEEN ?3 AND ?4",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading demands to measure");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, city_lo);
    sqlite3_bind_int64(st, 4, city_hi);
    size_t cap = 0;
    int err = FB_OK;
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == FB_DEMANDS_MEASURED_MAX) {
            err = FB_ELIMIT;
            break;
        }
        if (*n == cap) {
            size_t grown = cap ? cap * 2 : 256;
            fb__demand_fact *more = realloc(*out, grown * sizeof *more);
            if (!more) {
                err = FB_ENOMEM;
                break;
            }
            *out = more;
            cap = grown;
        }
        fb__demand_fact *f = &(*out)[(*n)++];
        f->party = sqlite3_column_int64(st, 0);
        f->amount = sqlite3_column_int64(st, 1);
        f->granted = sqlite3_column_int64(st, 2);
        int32_t *dates[] = {&f->city,      &f->posted,  &f->response_due, &f->decision_due,
                            &f->contacted, &f->decided, &f->withdrawn,    &f->first_drawdown};
        for (int k = 0; k < 8; k++)
            *dates[k] = int32_at(st, 3 + k);
        int8_t *small[] = {&f->chain, &f->line, &f->size, &f->status, &f->reason};
        for (int k = 0; k < 5; k++)
            *small[k] = (int8_t)sqlite3_column_int64(st, 11 + k);
    }
    if (err == FB_OK && rc != SQLITE_DONE) err = fb__store_fail(s, rc, "reading demands");
    sqlite3_finalize(st);
    if (err) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return err;
}

/* ---- The holiday notices loaded ---------------------------------------------------------------
 */

int fb__store_calendar_years(fb_store *s, fb_calendar_year *out, size_t cap, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT y.year, y.notice, d.date, d.kind FROM calendar_years y"
                                " LEFT JOIN calendar_days d ON d.year = y.year"
                                " ORDER BY y.year, d.date",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the holiday notices");
    int err = FB_OK;
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int32_t year = int32_at(st, 0);
        if (*n == 0 || out[*n - 1].year != year) {
            if (*n == cap) {
                err = FB_ECORRUPT;
                break;
            }
            fb_calendar_year *y = &out[(*n)++];
            memset(y, 0, sizeof *y);
            y->year = year;
            fb__store_column_text(y->notice, sizeof y->notice, st, 1);
        }
        fb_calendar_year *y = &out[*n - 1];
        if (sqlite3_column_type(st, 2) == SQLITE_NULL) continue;
        bool work = sqlite3_column_int64(st, 3) == FB_DAY_WORKDAY;
        size_t *count = work ? &y->n_workdays : &y->n_holidays;
        if (*count == FB_CALENDAR_DAYS_MAX) {
            err = FB_ECORRUPT;
            break;
        }
        (work ? y->workdays : y->holidays)[(*count)++] = int32_at(st, 2);
    }
    if (err == FB_OK && rc != SQLITE_DONE) err = fb__store_fail(s, rc, "reading the notices");
    if (err == FB_ECORRUPT) snprintf(s->errmsg, sizeof s->errmsg, "the holiday notices overflow");
    sqlite3_finalize(st);
    return err;
}

int fb__store_calendar_insert(fb_store *s, const fb_calendar_year *y, int64_t now_ns) {
    FB_ASSERT(y != NULL && y->notice[0]);
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db, "INSERT INTO calendar_years VALUES (?1, ?2, ?3)", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a holiday notice");
    sqlite3_bind_int64(st, 1, y->year);
    sqlite3_bind_text(st, 2, y->notice, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "recording a holiday notice");
    rc = sqlite3_prepare_v2(s->db, "INSERT INTO calendar_days VALUES (?1, ?2, ?3)", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a holiday notice's days");
    for (size_t i = 0; rc == SQLITE_OK && i < y->n_holidays + y->n_workdays; i++) {
        bool work = i >= y->n_holidays;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, work ? y->workdays[i - y->n_holidays] : y->holidays[i]);
        sqlite3_bind_int64(st, 2, y->year);
        sqlite3_bind_int64(st, 3, work ? FB_DAY_WORKDAY : FB_DAY_HOLIDAY);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    int err =
        rc == SQLITE_OK ? FB_OK : fb__store_fail(s, sqlite3_errcode(s->db), "recording a day");
    sqlite3_finalize(st);
    return err;
}
