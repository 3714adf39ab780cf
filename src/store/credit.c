/* credit.c — the store's rows of debtors' credit reports (征信报告, book/credit.c): each party's
 * debts at all banks and, of them, those more than 90 days overdue on the report's date. Kept,
 * never changed or deleted (the table's triggers). */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_credit_add(fb_store *s, const fb_credit_report *c, int64_t now_ns) {
    FB_ASSERT(s != NULL && c != NULL && c->date > 0);
    FB_ASSERT(c->overdue90_fen >= 0 && c->overdue90_fen <= c->debt_fen);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO credit_reports (party, date, debt, overdue90,"
                                " reference, actor, created_at, entered) SELECT key, ?2, ?3, ?4,"
                                " ?5, ?6, ?7, COALESCE((SELECT value FROM meta WHERE key ="
                                " 'business_date'), 0) FROM parties WHERE id = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a credit report");
    sqlite3_bind_text(st, 1, c->party, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->date);
    sqlite3_bind_int64(st, 3, c->debt_fen);
    sqlite3_bind_int64(st, 4, c->overdue90_fen);
    sqlite3_bind_text(st, 5, c->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->actor, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "recording a credit report");
    return sqlite3_changes(s->db) == 1 ? FB_OK : FB_ENOTFOUND;
}

int fb__store_credit_get(fb_store *s, const char *party, int32_t date, int64_t *debt,
                         int64_t *over) {
    FB_ASSERT(s != NULL && party != NULL && debt != NULL && over != NULL);
    FB_ASSERT(date > 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT c.debt, c.overdue90 FROM credit_reports c JOIN parties p"
                                " ON p.key = c.party WHERE p.id = ?1 AND c.date = ?2",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a credit report");
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, date);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *debt = sqlite3_column_int64(st, 0);
        *over = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return FB_ENOTFOUND;
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "reading a credit report");
}

#define LATEST                                                                                     \
    "SELECT c.party, c.debt, c.overdue90 FROM credit_reports c WHERE c.date = (SELECT"             \
    " MAX(d.date) FROM credit_reports d WHERE d.party = c.party AND d.date <= ?1)"

int fb__store_credit_latest(fb_store *s, int32_t day, size_t cap, int64_t *debt, int64_t *over) {
    FB_ASSERT(s != NULL && day > 0);
    FB_ASSERT(cap == 0 || (debt != NULL && over != NULL));
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, LATEST, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the credit reports");
    sqlite3_bind_int64(st, 1, day);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t k = sqlite3_column_int64(st, 0);
        if (k < 0 || (size_t)k >= cap) continue;
        debt[k] = sqlite3_column_int64(st, 1);
        over[k] = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading the credit reports");
}

int fb__store_credit_of(fb_store *s, int64_t party_key, int32_t day, int64_t *debt, int64_t *over) {
    FB_ASSERT(s != NULL && party_key > 0 && day > 0);
    FB_ASSERT(debt != NULL && over != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, LATEST " AND c.party = ?2", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a credit report");
    sqlite3_bind_int64(st, 1, day);
    sqlite3_bind_int64(st, 2, party_key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *debt = sqlite3_column_int64(st, 1);
        *over = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return FB_ENOTFOUND;
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "reading a credit report");
}
