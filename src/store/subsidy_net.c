/* subsidy_net.c — the store's rows of an interest subsidy's net rate (book/subsidy_net.c): an
 * enrolment of a scheme of mode net, its loan's contract rate, the points charged below it, and
 * the days the net rate ran from and ended on. Read at every installment that falls due. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_subsidy_net_insert(fb_store *s, int64_t loan, int64_t contract, int64_t sub,
                                 int32_t net_from) {
    FB_ASSERT(loan > 0 && contract > 0);
    FB_ASSERT(sub > 0 && sub < contract && net_from >= 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO subsidy_net (enrol, loan, contract, sub, net_from)"
                                " SELECT key, loan, ?2, ?3, ?4 FROM subsidy_enrol WHERE loan = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "recording a loan's net rate");
    int64_t v[] = {loan, contract, sub, net_from};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "recording a loan's net rate");
    return sqlite3_changes(s->db) == 1 ? FB_OK : FB_ECORRUPT;
}

int fb__store_subsidy_net_of(fb_store *s, int64_t loan, fb__subsidy_net *out) {
    FB_ASSERT(loan > 0 && out != NULL);
    static const char site = 0; /* read at every installment that falls due: prepared once */
    sqlite3_stmt *st = fb__store_cached(s, &site,
                                        "SELECT n.enrol, n.contract, n.sub, n.net_from, n.net_to,"
                                        " e.start, e.until FROM subsidy_net n JOIN subsidy_enrol e"
                                        " ON e.key = n.enrol WHERE n.loan = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, loan);
    int rc = sqlite3_step(st);
    int err = rc == SQLITE_ROW    ? FB_OK
              : rc == SQLITE_DONE ? FB_ENOTFOUND
                                  : fb__store_fail(s, rc, "reading a loan's net rate");
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->enrol = sqlite3_column_int64(st, 0);
        out->contract = sqlite3_column_int64(st, 1);
        out->sub = sqlite3_column_int64(st, 2);
        out->net_from = (int32_t)sqlite3_column_int64(st, 3);
        out->net_to = (int32_t)sqlite3_column_int64(st, 4);
        out->start = (int32_t)sqlite3_column_int64(st, 5);
        out->until = (int32_t)sqlite3_column_int64(st, 6);
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_subsidy_net_put(fb_store *s, const fb__subsidy_net *n) {
    FB_ASSERT(n != NULL && n->enrol > 0 && n->contract > 0);
    FB_ASSERT(n->net_to == 0 || n->net_to >= n->net_from);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE subsidy_net SET contract = ?2, net_from = ?3, net_to = ?4"
                                " WHERE enrol = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "writing a loan's net rate");
    int64_t v[] = {n->enrol, n->contract, n->net_from, n->net_to};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "writing a loan's net rate");
}

int fb__store_installment_interest(fb_store *s, int64_t loan, int32_t n, int64_t interest) {
    FB_ASSERT(loan > 0 && n >= 1);
    FB_ASSERT(interest >= 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "UPDATE installments SET interest = ?3 WHERE loan = ?1 AND n = ?2", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "writing an installment's interest");
    sqlite3_bind_int64(st, 1, loan);
    sqlite3_bind_int64(st, 2, n);
    sqlite3_bind_int64(st, 3, interest);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "writing an installment's interest");
    return sqlite3_changes(s->db) == 1 ? FB_OK : FB_ECORRUPT;
}
