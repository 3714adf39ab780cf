/* scheme_own.c — the store's reads of what a guarantee company and an enterprise see of their own
 * in the government's schemes: the company's guarantees, and the enterprise's loans enrolled in
 * subsidy schemes with what each accrued, was paid, rejected and still waits for. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_guarantees_of(fb_store *s, const char *company, fb__guarantee_id_fn *fn, void *ctx) {
    FB_ASSERT(s != NULL && company != NULL);
    FB_ASSERT(fn != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT id FROM guarantees WHERE company = ?1 ORDER BY id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing a company's guarantees");
    sqlite3_bind_text(st, 1, company, -1, SQLITE_STATIC);
    int err = FB_OK;
    char id[FB_POOL_ID_MAX + 1];
    while (err == FB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        fb__store_column_text(id, sizeof id, st, 0);
        err = fn(ctx, id);
    }
    sqlite3_finalize(st);
    if (err) return err;
    return rc == SQLITE_DONE || rc == SQLITE_ROW
               ? FB_OK
               : fb__store_fail(s, rc, "listing a company's guarantees");
}

/* An enrolment's accruals by the fate of their claim: paid and approved, paid and rejected, in a
 * claim not yet paid. */
#define ACCRUED_WHERE(cond)                                                                        \
    " COALESCE((SELECT SUM(a.amount) FROM subsidy_accrual a JOIN subsidy_claims c ON c.key ="      \
    " a.claim WHERE a.enrol = e.key AND " cond "), 0)"

static void party_subsidy_row(sqlite3_stmt *st, fb_party_subsidy *r) {
    memset(r, 0, sizeof *r);
    fb__store_column_text(r->loan, sizeof r->loan, st, 0);
    fb__store_column_text(r->scheme, sizeof r->scheme, st, 1);
    fb__store_column_text(r->name, sizeof r->name, st, 2);
    r->mode = (fb_subsidy_mode)sqlite3_column_int(st, 3);
    r->points_e6 = sqlite3_column_int64(st, 4);
    r->share_e6 = sqlite3_column_int64(st, 5);
    r->start = (int32_t)sqlite3_column_int64(st, 6);
    r->until = (int32_t)sqlite3_column_int64(st, 7);
    r->committed_fen = sqlite3_column_int64(st, 8);
    r->accrued_fen = sqlite3_column_int64(st, 9);
    r->paid_fen = sqlite3_column_int64(st, 10);
    r->rejected_fen = sqlite3_column_int64(st, 11);
    r->claimed_fen = sqlite3_column_int64(st, 12);
    r->pending_fen = r->accrued_fen - r->paid_fen - r->rejected_fen;
}

/* From the party's loans (loans_party), each enrolment by its loan: ordered by the loan's id
 * and driven from the party, the plan walked every loan of the book in id order to find the
 * party's (an enrolment's party is its loan's borrower, book/subsidy_act.c). */
/* clang-format off */
#define PARTY_SUBSIDIES                                                                            \
    "SELECT l.id, v.id, v.name, v.mode, v.points, v.share, e.start, e.until, e.committed,"         \
    " e.accrued,"                                                                                  \
    ACCRUED_WHERE("c.paid IS NOT NULL AND a.decision = 1") ","                                     \
    ACCRUED_WHERE("c.paid IS NOT NULL AND a.decision = 2") ","                                     \
    ACCRUED_WHERE("c.paid IS NULL")                                                                \
    " FROM loans l JOIN subsidy_enrol e ON e.loan = l.key JOIN subsidies v ON v.key = e.scheme"    \
    " JOIN parties p ON p.key = e.party WHERE l.party = ?1 AND p.id = ?1 ORDER BY l.id LIMIT ?2"
/* clang-format on */

int fb__store_party_subsidies(fb_store *s, const char *party, fb_party_subsidy *out, size_t cap,
                              size_t *n) {
    FB_ASSERT(s != NULL && party != NULL && n != NULL);
    FB_ASSERT(cap == 0 || out != NULL);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, PARTY_SUBSIDIES, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing a party's subsidies");
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        party_subsidy_row(st, &out[(*n)++]);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "listing a party's subsidies");
}
