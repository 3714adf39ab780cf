/* scheme_report.c — what the dashboard reads of the government's schemes (scheme_report.h): the
 * subsidy schemes one may see with their figures, a scheme's claims by quarter, and the
 * guarantees by the borrowers' city, each guarantee's figures the book's own view of it
 * (fb_guarantee_view_get: the bank's net exposure, what each guarantor owes and paid), summed.
 * A government reads its region's; a cell of fewer borrowers than report_min_cell is hidden from
 * it, and when one city alone of the region's would be, the next smallest too, so that the
 * region's total less the cities shown never gives one city's figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static bool reads_all(const fb_user *as) {
    return !as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR;
}

int fb_subsidies_list(fb_book *book, const fb_user *as, const char *after, fb_subsidy_view *out,
                      size_t cap, size_t *n) {
    /* The live figures: the same walk as a closed day's (book/scheme_history.c). */
    return fb_subsidies_list_on(book, as, after, 0, out, cap, n);
}

int fb_subsidy_claims_list(fb_book *book, const fb_user *as, const char *id,
                           fb_subsidy_claim_row *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && id != NULL && n != NULL);
    FB_ASSERT(cap <= FB_SUBSIDY_CLAIMS_MAX);
    *n = 0;
    fb_subsidy v;
    int64_t key = 0;
    int rc = fb__store_subsidy_by_id(book->store, id, &v, &key);
    if (rc) return rc;
    if (!fb_pool_visible(&(fb_pool){.region = v.region}, as)) return FB_ENOTFOUND;
    rc = fb__store_subsidy_claim_rows(book->store, key, out, cap, n);
    int64_t min_cell = 1;
    if (rc == FB_OK && !reads_all(as)) rc = fb_report_min_cell(book, &min_cell);
    for (size_t i = 0; rc == FB_OK && i < *n; i++) {
        fb_subsidy_claim_row *r = &out[i];
        if (r->borrowers >= min_cell) continue;
        r->suppressed = true; /* the amounts of one or two borrowers' loans */
        r->amount_fen = r->approved_fen = r->rejected_fen = -1;
    }
    return rc;
}

/* ---- The guarantees by city --------------------------------------------------------------- */

typedef struct {
    fb_book *book;
    const fb_user *as;
    fb_guarantee_row *rows; /* the 14 cities' (by index), then the total */
    int64_t *last_party;    /* a city's last borrower counted (rows come in city, id order) */
    int32_t cities[14];
    size_t n_cities;
    int32_t open; /* the business date */
} tally;

static void add(fb_guarantee_row *r, const fb_guarantee_view *v) {
    int64_t guaranteed = v->principal_fen * v->g.covered_e6 / 1000000;
    r->guarantees++;
    r->principal_fen += v->principal_fen;
    r->guaranteed_fen += guaranteed;
    r->net_exposure_fen += v->net_exposure_fen;
    if (v->claimed) r->claims++;
    r->basis_fen += v->basis_fen;
    int64_t owed = 0;
    for (int k = 0; k < 3; k++) {
        r->owed_fen[k] += v->owed_fen[k];
        r->paid_fen[k] += v->paid_fen[k];
        r->returned_fen[k] += v->returned_fen[k];
        owed += v->owed_fen[k];
    }
    r->bank_share_fen += v->basis_fen - owed;
    r->overdue += v->overdue;
}

static int one(void *ctx, const fb_guarantee_view *row, int64_t party, int32_t city) {
    tally *t = ctx;
    size_t at = 0;
    while (at < t->n_cities && t->cities[at] != city)
        at++;
    if (at == t->n_cities) return FB_OK; /* a borrower outside Liaoning */
    if (t->as && t->as->role == FB_ROLE_GOVERNMENT && !fb__pool_governs(t->as->region, city)) {
        return FB_OK;
    }
    fb_guarantee_view v = *row; /* fb_guarantee_view_get's, from the one walk */
    fb__guarantee_view_derive(&v, t->open);
    add(&t->rows[at], &v);
    add(&t->rows[t->n_cities], &v);
    /* A borrower counted once in its city (its guarantees come together), once in the total
     * (a borrower is of one city). */
    if (t->last_party[at] != party) {
        t->rows[at].borrowers++;
        t->rows[t->n_cities].borrowers++;
        t->last_party[at] = party;
    }
    return FB_OK;
}

/* The row stays (that some guarantee is there is shown, as a published table's "x"), its
 * figures go. */
static void hide(fb_guarantee_row *r) {
    int32_t city = r->city;
    memset(r, 0, sizeof *r);
    r->city = city;
    r->suppressed = true;
}

/* A government's: cells of too few borrowers hidden, and one more when one alone is. */
static int suppress(fb_book *book, fb_guarantee_row *rows, size_t n) {
    int64_t min_cell = 1;
    int rc = fb_report_min_cell(book, &min_cell);
    size_t hidden = 0, smallest = n;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (rows[i].borrowers < min_cell) {
            hide(&rows[i]);
            hidden++;
        } else if (i + 1 < n && (smallest == n || rows[i].borrowers < rows[smallest].borrowers)) {
            smallest = i; /* the total (the last row) is never the complement */
        }
    }
    if (rc == FB_OK && hidden == 1 && n > 2 && smallest < n && !rows[n - 1].suppressed) {
        hide(&rows[smallest]);
    }
    return rc;
}

int fb__guarantee_rows_pick(fb_book *book, const fb_user *as, const fb_guarantee_row *rows,
                            fb_guarantee_row *out, size_t *n) {
    FB_ASSERT(book != NULL && rows != NULL && out != NULL && n != NULL);
    size_t nc = 0;
    const int32_t *cities = fb_region_cities(&nc);
    FB_ASSERT(nc == 14);
    int32_t region = as && as->role == FB_ROLE_GOVERNMENT ? as->region : 210000;
    *n = 0;
    /* The rows of the caller's region that hold a guarantee, then its total (a city's user has
     * its one city, which is its total). */
    for (size_t i = 0; i < nc; i++) {
        if (rows[i].guarantees == 0 && (region == 210000 || cities[i] != region)) continue;
        if (region != 210000 && cities[i] != region) continue;
        out[(*n)++] = rows[i];
    }
    if (region == 210000) out[(*n)++] = rows[nc];
    return reads_all(as) ? FB_OK : suppress(book, out, *n);
}

int fb_guarantee_report(fb_book *book, const fb_user *as, fb_guarantee_row *out, size_t cap,
                        size_t *n) {
    FB_ASSERT(book != NULL && n != NULL);
    FB_ASSERT(cap >= FB_GUARANTEE_ROWS_MAX);
    *n = 0;
    tally t = {book,
               as,
               calloc(FB_GUARANTEE_ROWS_MAX, sizeof *t.rows),
               calloc(FB_GUARANTEE_ROWS_MAX, sizeof *t.last_party),
               {0},
               0,
               0};
    if (!t.rows || !t.last_party) {
        free(t.rows);
        free(t.last_party);
        return FB_ENOMEM;
    }
    size_t nc = 0;
    const int32_t *cities = fb_region_cities(&nc);
    FB_ASSERT(nc == 14);
    memcpy(t.cities, cities, sizeof t.cities);
    t.n_cities = nc;
    int32_t region = as && as->role == FB_ROLE_GOVERNMENT ? as->region : 210000;
    for (size_t i = 0; i < nc; i++)
        t.rows[i].city = cities[i];
    t.rows[nc].city = region;
    int rc = fb__store_business_date(book->store, &t.open);
    if (rc == FB_OK) rc = fb__store_guarantees_each(book->store, one, &t);
    if (rc == FB_OK) rc = fb__guarantee_rows_pick(book, as, t.rows, out, n);
    free(t.rows);
    free(t.last_party);
    return rc;
}
