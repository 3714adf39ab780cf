/* history.c — the store's rows of what a regulator asks of each loan: the history of its classes
 * (who and why), the changes of its terms, what moved the provision account between month-ends,
 * and the green catalogue a book has loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* Prepares sql (the caller finalizes), or records why not. */
static int prepare(fb_store *s, const char *sql, sqlite3_stmt **st, const char *what) {
    FB_ASSERT(s != NULL && sql != NULL && st != NULL);
    *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    FB_ASSERT(rc != SQLITE_OK || *st != NULL);
    return rc == SQLITE_OK ? FB_OK : fb__store_fail(s, rc, what);
}

/* Steps a statement that returns nothing, and finalizes it. */
static int run(fb_store *s, sqlite3_stmt *st, const char *what) {
    FB_ASSERT(s != NULL && st != NULL);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    FB_ASSERT(rc != SQLITE_ROW);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, what);
}

int fb__store_party_retail(fb_store *s, int64_t party_key, int64_t *retail) {
    FB_ASSERT(retail != NULL && party_key > 0);
    sqlite3_stmt *st = NULL;
    /* Natural persons and individual businesses (issue 11 item 3): loan by loan. */
    int rc = prepare(s,
                     "SELECT kind IN ('individual_business', 'small_business_owner') FROM parties"
                     " WHERE key = ?1",
                     &st, "reading a party's kind");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, party_key);
    int step = sqlite3_step(st);
    *retail = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    FB_ASSERT(*retail == 0 || *retail == 1);
    if (step == SQLITE_DONE) return FB_ENOTFOUND;
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading a party's kind");
}

/* ---- Class history --------------------------------------------------------------------------- */

int fb__store_class_add(fb_store *s, int64_t loan_key, const fb_class_entry *e) {
    FB_ASSERT(e != NULL && e->n >= 1 && loan_key > 0);
    FB_ASSERT(e->to_class >= FB_CLASS_NORMAL && e->to_class <= FB_CLASS_LOSS);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "INSERT INTO class_history VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                     &st, "recording a class");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan_key);
    sqlite3_bind_int64(st, 2, e->n);
    sqlite3_bind_int64(st, 3, e->date);
    if (e->from_class < 0) {
        sqlite3_bind_null(st, 4);
    } else {
        sqlite3_bind_int64(st, 4, e->from_class);
    }
    sqlite3_bind_int64(st, 5, e->to_class);
    sqlite3_bind_text(st, 6, fb_class_reason_name(e->reason), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, e->actor, -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 8, e->note);
    sqlite3_bind_int64(st, 9, e->created_ns);
    return run(s, st, "recording a class");
}

int fb__store_class_history(fb_store *s, int64_t loan_key, fb_class_entry *out, size_t cap,
                            size_t *n) {
    FB_ASSERT(out != NULL && n != NULL && cap > 0);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT seq, date, from_class, to_class, reason, actor, note, created_at FROM"
                     " (SELECT * FROM class_history WHERE loan = ?1 ORDER BY seq DESC LIMIT ?2)"
                     " ORDER BY seq",
                     &st, "reading a class history");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan_key);
    sqlite3_bind_int64(st, 2, (int64_t)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        fb_class_entry *e = &out[(*n)++];
        memset(e, 0, sizeof *e);
        e->n = (int32_t)sqlite3_column_int64(st, 0);
        e->date = (int32_t)sqlite3_column_int64(st, 1);
        e->from_class = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
        e->to_class = sqlite3_column_int(st, 3);
        char reason[40];
        fb__store_column_text(reason, sizeof reason, st, 4);
        int v = 0;
        e->reason = fb_vocab_parse(FB_VOCAB_CLASS_REASON, reason, &v) == FB_OK ? (fb_class_reason)v
                                                                               : FB_REASON_MIGRATED;
        fb__store_column_text(e->actor, sizeof e->actor, st, 5);
        fb__store_column_text(e->note, sizeof e->note, st, 6);
        e->created_ns = sqlite3_column_int64(st, 7);
    }
    sqlite3_finalize(st);
    FB_ASSERT(*n <= cap);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK
                                                 : fb__store_fail(s, rc, "reading a class history");
}

/* ---- Changes of terms ---------------------------------------------------------------------- */

#define CHANGE_COLUMNS                                                                             \
    "seq, kind, client_id, date, months, rate_before, rate_after, maturity_before,"                \
    " maturity_after, capitalised, rescheduled, difficulty, class_before, class_after, reason,"    \
    " actor, consent_by, consent_date, consent_ref, state_rule, rate_rule"

int fb__store_change_add(fb_store *s, int64_t loan_key, const fb_loan_change *c, int64_t now_ns) {
    FB_ASSERT(c != NULL && c->n >= 1 && loan_key > 0);
    FB_ASSERT(c->months >= 1 && c->capitalised_fen >= 0 && c->rescheduled_fen >= 0);
    sqlite3_stmt *st = NULL;
    int rc =
        prepare(s,
                "INSERT INTO loan_changes (loan, " CHANGE_COLUMNS ", created_at) VALUES (?1,"
                " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?19, ?20,"
                " ?21, ?22, ?23, ?18)",
                &st, "recording a change of terms");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan_key);
    sqlite3_bind_int64(st, 2, c->n);
    sqlite3_bind_text(st, 3, fb_change_kind_name(c->kind), -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 4, c->id);
    sqlite3_bind_int64(st, 5, c->date);
    sqlite3_bind_int64(st, 6, c->months);
    sqlite3_bind_int64(st, 7, c->rate_before_e6);
    sqlite3_bind_int64(st, 8, c->rate_after_e6);
    sqlite3_bind_int64(st, 9, c->maturity_before);
    sqlite3_bind_int64(st, 10, c->maturity_after);
    sqlite3_bind_int64(st, 11, c->capitalised_fen);
    sqlite3_bind_int64(st, 12, c->rescheduled_fen);
    sqlite3_bind_text(st, 13, fb_difficulty_name(c->difficulty), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 14, c->class_before);
    sqlite3_bind_int64(st, 15, c->class_after);
    sqlite3_bind_text(st, 16, c->note, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, c->actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 18, now_ns);
    sqlite3_bind_text(st, 19, c->consent_by, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 20, c->consent_date);
    sqlite3_bind_text(st, 21, c->consent_ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 22, c->state_rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 23, c->rate_rule, -1, SQLITE_STATIC);
    return run(s, st, "recording a change of terms");
}

static void read_change(sqlite3_stmt *st, int first, fb_loan_change *c) {
    char text[40];
    c->n = (int32_t)sqlite3_column_int64(st, first);
    fb__store_column_text(text, sizeof text, st, first + 1);
    int v = 0;
    c->kind = fb_vocab_parse(FB_VOCAB_CHANGE_KIND, text, &v) == FB_OK ? (fb_change_kind)v
                                                                      : FB_CHANGE_EXTENSION;
    fb__store_column_text(c->id, sizeof c->id, st, first + 2);
    c->date = (int32_t)sqlite3_column_int64(st, first + 3);
    c->months = (int32_t)sqlite3_column_int64(st, first + 4);
    c->rate_before_e6 = sqlite3_column_int64(st, first + 5);
    c->rate_after_e6 = sqlite3_column_int64(st, first + 6);
    c->maturity_before = (int32_t)sqlite3_column_int64(st, first + 7);
    c->maturity_after = (int32_t)sqlite3_column_int64(st, first + 8);
    c->capitalised_fen = sqlite3_column_int64(st, first + 9);
    c->rescheduled_fen = sqlite3_column_int64(st, first + 10);
    fb__store_column_text(text, sizeof text, st, first + 11);
    c->difficulty = fb_vocab_parse(FB_VOCAB_DIFFICULTY, text, &v) == FB_OK ? (fb_difficulty)v
                                                                           : FB_DIFFICULTY_NONE;
    c->class_before = sqlite3_column_int(st, first + 12);
    c->class_after = sqlite3_column_int(st, first + 13);
    fb__store_column_text(c->note, sizeof c->note, st, first + 14);
    fb__store_column_text(c->actor, sizeof c->actor, st, first + 15);
    fb__store_column_text(c->consent_by, sizeof c->consent_by, st, first + 16);
    c->consent_date = (int32_t)sqlite3_column_int64(st, first + 17);
    fb__store_column_text(c->consent_ref, sizeof c->consent_ref, st, first + 18);
    fb__store_column_text(c->state_rule, sizeof c->state_rule, st, first + 19);
    fb__store_column_text(c->rate_rule, sizeof c->rate_rule, st, first + 20);
    c->rate_e6 = c->rate_after_e6;
    c->method = -1;
    c->restructured = c->difficulty != FB_DIFFICULTY_NONE;
}

int fb__store_change_by_client(fb_store *s, const char *client_id, int64_t *loan_key,
                               fb_loan_change *out) {
    FB_ASSERT(client_id != NULL && loan_key != NULL && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT loan, " CHANGE_COLUMNS " FROM loan_changes WHERE client_id = ?1",
                     &st, "reading a change of terms");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, client_id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        *loan_key = sqlite3_column_int64(st, 0);
        read_change(st, 1, out);
    }
    sqlite3_finalize(st);
    if (step == SQLITE_DONE) return FB_ENOTFOUND;
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading a change of terms");
}

int fb__store_changes(fb_store *s, int64_t loan_key, fb_loan_change *out, size_t cap, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT " CHANGE_COLUMNS " FROM loan_changes WHERE loan = ?1 ORDER BY seq"
                     " LIMIT ?2",
                     &st, "reading a loan's changes");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, loan_key);
    sqlite3_bind_int64(st, 2, (int64_t)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        memset(&out[*n], 0, sizeof out[*n]);
        read_change(st, 0, &out[(*n)++]);
    }
    sqlite3_finalize(st);
    FB_ASSERT(*n <= cap);
    return rc == SQLITE_DONE || rc == SQLITE_ROW
               ? FB_OK
               : fb__store_fail(s, rc, "reading a loan's changes");
}

int fb__store_provision_move(fb_store *s, int32_t date, int64_t line, int64_t loan_key,
                             const char *kind, int64_t amount) {
    FB_ASSERT(kind != NULL && amount >= 0);
    FB_ASSERT(line >= 0 && line < FB_LINE_COUNT_);
    if (amount == 0) return FB_OK;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "INSERT INTO provision_moves (date, line, loan, kind, amount) VALUES (?1, ?2,"
                     " ?3, ?4, ?5)",
                     &st, "recording a move of the provision");
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, date);
    sqlite3_bind_int64(st, 2, line);
    sqlite3_bind_int64(st, 3, loan_key);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, amount);
    return run(s, st, "recording a move of the provision");
}

/* ---- The green catalogue --------------------------------------------------------------------- */

int fb__store_green_count(fb_store *s, int64_t *n) {
    FB_ASSERT(n != NULL && s != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT COUNT(*) FROM green_catalogue", &st, "reading the catalogue");
    if (rc) return rc;
    int step = sqlite3_step(st);
    *n = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    FB_ASSERT(*n >= 0);
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading the catalogue");
}

static void read_item(sqlite3_stmt *st, fb_green_item *g) {
    memset(g, 0, sizeof *g);
    fb__store_column_text(g->code, sizeof g->code, st, 0);
    g->level = sqlite3_column_int(st, 1);
    fb__store_column_text(g->parent, sizeof g->parent, st, 2);
    fb__store_column_text(g->name, sizeof g->name, st, 3);
}

int fb__store_green_get(fb_store *s, const char *code, fb_green_item *out) {
    FB_ASSERT(code != NULL && out != NULL);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "SELECT code, level, parent, name FROM green_catalogue WHERE code = ?1",
                     &st, "reading the catalogue");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) read_item(st, out);
    sqlite3_finalize(st);
    if (step == SQLITE_DONE) return FB_ENOTFOUND;
    return step == SQLITE_ROW ? FB_OK : fb__store_fail(s, step, "reading the catalogue");
}

int fb__store_green_all(fb_store *s, fb_green_item **out, size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    int64_t count = 0;
    int rc = fb__store_green_count(s, &count);
    if (rc) return rc;
    if (count > FB_GREEN_ITEMS_MAX) count = FB_GREEN_ITEMS_MAX;
    fb_green_item *v = calloc((size_t)count + 1, sizeof *v);
    if (!v) return FB_ENOMEM;
    sqlite3_stmt *st = NULL;
    rc = prepare(s, "SELECT code, level, parent, name FROM green_catalogue ORDER BY code", &st,
                 "reading the catalogue");
    int step = SQLITE_DONE;
    while (rc == FB_OK && *n < (size_t)count && (step = sqlite3_step(st)) == SQLITE_ROW)
        read_item(st, &v[(*n)++]);
    if (st) sqlite3_finalize(st);
    if (rc == FB_OK && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = fb__store_fail(s, step, "reading the catalogue");
    if (rc) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return FB_OK;
}

int fb__store_green_replace(fb_store *s, const fb_green_item *items, size_t n) {
    FB_ASSERT(items != NULL || n == 0);
    FB_ASSERT(n <= FB_GREEN_ITEMS_MAX);
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, "DELETE FROM green_catalogue", &st, "replacing the catalogue");
    if (rc == FB_OK) rc = run(s, st, "replacing the catalogue");
    if (rc == FB_OK) {
        rc = prepare(s, "INSERT INTO green_catalogue VALUES (?1, ?2, ?3, ?4)", &st,
                     "replacing the catalogue");
    }
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, items[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, items[i].level);
        fb__store_bind_text_or_null(st, 3, items[i].parent);
        sqlite3_bind_text(st, 4, items[i].name, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step != SQLITE_DONE) rc = fb__store_fail(s, step, "replacing the catalogue");
    }
    if (st) sqlite3_finalize(st);
    return rc;
}

int fb__store_green_unlisted(fb_store *s, char *facility, size_t fcap, char *code, size_t ccap) {
    FB_ASSERT(facility != NULL && code != NULL && fcap > 0 && ccap > 0);
    facility[0] = code[0] = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT f.id, f.green_item FROM facilities f LEFT JOIN green_catalogue g ON"
                     " g.code = f.green_item AND g.level = 3 WHERE f.green_item IS NOT NULL AND"
                     " f.green_item != '' AND g.code IS NULL ORDER BY f.id LIMIT 1",
                     &st, "checking the facilities' green items");
    if (rc) return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        fb__store_column_text(facility, fcap, st, 0);
        fb__store_column_text(code, ccap, st, 1);
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE
               ? FB_OK
               : fb__store_fail(s, step, "checking the facilities' green items");
}
