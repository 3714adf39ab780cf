/* pages.c — keyset pages of the book's records: the ids after a given id, in id order, of the
 * borrowers of a span of cities. A long read (an export of a million loans) walks a table page by
 * page with bounded memory, each page one indexed range scan that starts where the last ended. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/query.h"

/* Each query walks its table's id index (the UNIQUE constraint's) from ?1 and joins the borrower
 * by id: CROSS JOIN keeps that order (SQLite never reorders a CROSS JOIN), and +p.city keeps the
 * planner off parties(city), which would sort the whole span for every page. */
static const char *const page_sql[FB_PAGE_COUNT_] = {
    [FB_PAGE_PARTIES] = "SELECT p.id FROM parties p WHERE p.id > ?1 AND +p.city BETWEEN ?2 AND ?3"
                        " ORDER BY p.id LIMIT ?4",
    [FB_PAGE_FACILITIES] = "SELECT f.id FROM facilities f CROSS JOIN parties p ON p.id = f.party"
                           " WHERE f.id > ?1 AND +p.city BETWEEN ?2 AND ?3 ORDER BY f.id LIMIT ?4",
    [FB_PAGE_LOANS] = "SELECT l.id FROM loans l CROSS JOIN parties p ON p.id = l.party"
                      " WHERE l.id > ?1 AND +p.city BETWEEN ?2 AND ?3 ORDER BY l.id LIMIT ?4",
    [FB_PAGE_ACTIVE_LOANS] = "SELECT l.id FROM loans l CROSS JOIN parties p ON p.id = l.party"
                             " WHERE l.id > ?1 AND l.status = 'active' AND +p.city BETWEEN ?2 AND"
                             " ?3 ORDER BY l.id LIMIT ?4",
    [FB_PAGE_CERTIFICATES_OUTSTANDING] =
        "SELECT c.id FROM certificates c CROSS JOIN parties p ON p.id = c.core WHERE c.id > ?1"
        " AND c.status IN (0, 1) AND c.range_end > c.range_start AND +p.city BETWEEN ?2 AND ?3"
        " ORDER BY c.id LIMIT ?4",
};
_Static_assert(FB_CERT_HELD == 0 && FB_CERT_FINANCED == 1, "outstanding parts are statuses 0, 1");

int fb__store_page(fb_store *s, int kind, const char *after, int32_t city_lo, int32_t city_hi,
                   char (*ids)[FB_ID_MAX + 1], size_t cap, size_t *n) {
    FB_ASSERT(kind >= 0 && kind < FB_PAGE_COUNT_ && page_sql[kind] != NULL);
    FB_ASSERT(after != NULL && ids != NULL && n != NULL && cap <= FB_PAGE_MAX);
    *n = 0;
    fb__q q; /* the parties' page runs on PostgreSQL as it is (unary plus is PostgreSQL's too) */
    int rc = fb__q_open(&q, s, page_sql[kind], NULL, "reading a page of records");
    if (rc) return rc;
    fb__q_text(&q, 1, after);
    fb__q_int(&q, 2, city_lo);
    fb__q_int(&q, 3, city_hi);
    fb__q_int(&q, 4, (int64_t)cap);
    while (*n < cap && (rc = fb__q_step(&q)) > 0) {
        fb__q_col_copy(ids[*n], FB_ID_MAX + 1, &q, 0);
        (*n)++;
    }
    fb__q_close(&q);
    if (*n == cap || rc == 0) return FB_OK;
    *n = 0;
    return rc;
}
