/* scheme_history.c — the schemes' figures as of a closed day (docs/schemes.md "As of a day").
 *
 * A pool's, a subsidy scheme's and the guarantees' figures are sums over loans as they stand;
 * the book keeps no history of them, so each close keeps them: every pool's figures, every
 * subsidy scheme's and the guarantees' rows by city (the province's total every close, the
 * day's mark), inside the close's unit of work with the business date already the next day,
 * so that what is kept is what a reader saw until the next act. A view as of a day reads them
 * and is derived as the live view is (capacity, ratios, suspension, the subsidy's receivable
 * and budget left), so the two cannot disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

enum { KIND_POOL = 0, KIND_SUBSIDY = 1, KIND_GUARANTEES = 2 };
enum { POOL_N = 7, SUBSIDY_N = 5, ROW_N = 18 };

static void pool_pack(const fb__pool_figures *f, int64_t *v) {
    int64_t w[POOL_N] = {f->funded, f->covered_loans, f->covered, f->npl,
                         f->claims, f->paid,          f->returned};
    memcpy(v, w, sizeof w);
}

static void pool_unpack(const int64_t *v, fb__pool_figures *f) {
    memset(f, 0, sizeof *f);
    int64_t *w[POOL_N] = {&f->funded, &f->covered_loans, &f->covered, &f->npl,
                          &f->claims, &f->paid,          &f->returned};
    for (int i = 0; i < POOL_N; i++)
        *w[i] = v[i];
}

static void subsidy_pack(const fb__subsidy_figures *f, int64_t *v) {
    int64_t w[SUBSIDY_N] = {f->enrolled, f->committed, f->accrued, f->approved, f->rejected};
    memcpy(v, w, sizeof w);
}

static void subsidy_unpack(const int64_t *v, fb__subsidy_figures *f) {
    memset(f, 0, sizeof *f);
    int64_t *w[SUBSIDY_N] = {&f->enrolled, &f->committed, &f->accrued, &f->approved, &f->rejected};
    for (int i = 0; i < SUBSIDY_N; i++)
        *w[i] = v[i];
}

/* A city's row: its figures in a fixed order (the city is the row's key). */
static int64_t *const *row_fields(fb_guarantee_row *r, int64_t **w) {
    int64_t *f[ROW_N] = {&r->guarantees,      &r->borrowers,        &r->principal_fen,
                         &r->guaranteed_fen,  &r->net_exposure_fen, &r->claims,
                         &r->basis_fen,       &r->bank_share_fen,   &r->owed_fen[0],
                         &r->owed_fen[1],     &r->owed_fen[2],      &r->paid_fen[0],
                         &r->paid_fen[1],     &r->paid_fen[2],      &r->returned_fen[0],
                         &r->returned_fen[1], &r->returned_fen[2],  &r->overdue};
    memcpy(w, f, sizeof f);
    return w;
}

/* The pools (their rows and keys, a page at a time) and their figures kept (pool_kept). */
static int keep_pools(fb_book *book, int32_t day) {
    fb_pool *v = calloc(FB_PAGE_MAX, sizeof *v);
    int64_t *keys = calloc(FB_PAGE_MAX, sizeof *keys);
    int rc = v && keys ? FB_OK : FB_ENOMEM;
    char from[FB_ID_MAX + 1] = "";
    size_t got = FB_PAGE_MAX;
    while (rc == FB_OK && got == FB_PAGE_MAX) {
        rc = fb__store_pools_after(book->store, from, v, keys, FB_PAGE_MAX, &got);
        for (size_t i = 0; rc == FB_OK && i < got; i++) {
            snprintf(from, sizeof from, "%s", v[i].id);
            int64_t w[POOL_N];
            fb__pool_figures f;
            rc = fb__store_pool_figures(book->store, keys[i], 0, &f);
            pool_pack(&f, w);
            if (rc == FB_OK)
                rc = fb__store_scheme_day_put(book->store, day, KIND_POOL, keys[i], w, POOL_N);
        }
    }
    free(v);
    free(keys);
    return rc;
}

static int keep_subsidies(fb_book *book, int32_t day) {
    fb_subsidy *v = calloc(FB_PAGE_MAX, sizeof *v);
    int64_t *keys = calloc(FB_PAGE_MAX, sizeof *keys);
    int rc = v && keys ? FB_OK : FB_ENOMEM;
    char from[FB_POOL_ID_MAX + 1] = "";
    size_t got = FB_PAGE_MAX;
    while (rc == FB_OK && got == FB_PAGE_MAX) {
        rc = fb__store_subsidies_after(book->store, from, v, keys, FB_PAGE_MAX, &got);
        for (size_t i = 0; rc == FB_OK && i < got; i++) {
            snprintf(from, sizeof from, "%s", v[i].id);
            int64_t w[SUBSIDY_N];
            fb__subsidy_figures f;
            rc = fb__store_subsidy_figures(book->store, keys[i], 0, &f);
            subsidy_pack(&f, w);
            if (rc == FB_OK)
                rc =
                    fb__store_scheme_day_put(book->store, day, KIND_SUBSIDY, keys[i], w, SUBSIDY_N);
        }
    }
    free(v);
    free(keys);
    return rc;
}

/* The guarantees' rows as the bank reads them (every city that holds one, then the total). */
static int keep_guarantees(fb_book *book, int32_t day) {
    fb_guarantee_row rows[FB_GUARANTEE_ROWS_MAX];
    size_t n = 0;
    int rc = fb_guarantee_report(book, NULL, rows, FB_GUARANTEE_ROWS_MAX, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        int64_t *w[ROW_N], v[ROW_N];
        row_fields(&rows[i], w);
        for (int k = 0; k < ROW_N; k++)
            v[k] = *w[k];
        rc = fb__store_scheme_day_put(book->store, day, KIND_GUARANTEES, rows[i].city, v, ROW_N);
    }
    return rc;
}

int fb__schemes_close(fb_book *book, int32_t day) {
    FB_ASSERT(book != NULL);
    FB_ASSERT(day > 0);
    int rc = keep_pools(book, day);
    if (rc == FB_OK) rc = keep_subsidies(book, day);
    if (rc == FB_OK) rc = keep_guarantees(book, day);
    return rc;
}

/* ---- As of a day ---------------------------------------------------------------------------- */

int fb_schemes_day_check(fb_book *book, int32_t as_of) {
    FB_ASSERT(book != NULL);
    int32_t open = 0, first = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK) rc = fb__store_scheme_first_day(book->store, &first);
    if (rc) return rc;
    char d[11], b[11];
    if (as_of >= open) {
        return fb__book_refuse(book, FB_EINVAL,
                               "as_of %s is not a closed day: the business date is %s",
                               fb_date_format(as_of, d), fb_date_format(open, b));
    }
    if (first == 0 || as_of < first) {
        return fb__book_refuse(book, FB_EINVAL,
                               first ? "as_of %s is before the first close that kept the schemes'"
                                       " figures, %s"
                                     : "as_of %s: no close has kept the schemes' figures yet%s",
                               fb_date_format(as_of, d), first ? fb_date_format(first, b) : "");
    }
    return FB_OK;
}

static int pool_on(fb_book *book, const fb_pool *p, int64_t key, int32_t as_of, fb_pool_view *v) {
    int64_t w[POOL_N];
    int rc = fb__store_scheme_day_get(book->store, as_of, KIND_POOL, key, w, POOL_N);
    if (rc) return rc; /* FB_ENOTFOUND: the pool was made after */
    fb__pool_figures f;
    pool_unpack(w, &f);
    fb__pool_view_fill(v, p, &f);
    v->as_of = as_of;
    return FB_OK;
}

int fb_pool_view_on(fb_book *book, const char *id, int32_t as_of, fb_pool_view *out) {
    FB_ASSERT(book != NULL && id != NULL && out != NULL);
    if (as_of == 0) return fb_pool_view_get(book, id, out);
    fb_pool p;
    int64_t key = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    int rc = fb__store_pool_by_id(book->store, id, &p, &key);
    return rc ? rc : pool_on(book, &p, key, as_of, out);
}

int fb_pools_list_on(fb_book *book, const fb_user *as, const char *after, int32_t as_of,
                     fb_pool_view *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && n != NULL);
    FB_ASSERT(cap <= FB_PAGE_MAX);
    *n = 0;
    fb_pool *v = calloc(cap ? cap : 1, sizeof *v);
    int64_t *keys = calloc(cap ? cap : 1, sizeof *keys);
    int rc = v && keys ? FB_OK : FB_ENOMEM;
    char from[FB_ID_MAX + 1];
    snprintf(from, sizeof from, "%s", after ? after : "");
    size_t got = cap;
    while (rc == FB_OK && *n < cap && got == cap) {
        rc = fb__store_pools_after(book->store, from, v, keys, cap, &got);
        for (size_t i = 0; rc == FB_OK && i < got && *n < cap; i++) {
            snprintf(from, sizeof from, "%s", v[i].id);
            if (!fb_pool_visible(&v[i], as)) continue;
            rc = as_of ? pool_on(book, &v[i], keys[i], as_of, &out[*n])
                       : fb__pool_view(book, &v[i], keys[i], 0, &out[*n], NULL);
            if (rc == FB_OK) (*n)++;
            if (rc == FB_ENOTFOUND && as_of) rc = FB_OK; /* made after the day */
        }
    }
    free(v);
    free(keys);
    return rc;
}

/* A scheme's view from its row: the live figures (as_of 0) or those kept at as_of's close
 * (FB_ENOTFOUND: the scheme was made after). */
static int subsidy_on(fb_book *book, const fb_subsidy *s, int64_t key, int32_t as_of,
                      fb_subsidy_view *out) {
    memset(out, 0, sizeof *out);
    out->s = *s;
    fb__subsidy_figures f;
    int64_t w[SUBSIDY_N];
    int rc = as_of ? fb__store_scheme_day_get(book->store, as_of, KIND_SUBSIDY, key, w, SUBSIDY_N)
                   : fb__store_subsidy_figures(book->store, key, 0, &f);
    if (rc) return rc;
    if (as_of) subsidy_unpack(w, &f);
    fb__subsidy_view_fill(out, &f);
    return FB_OK;
}

int fb_subsidy_view_on(fb_book *book, const char *id, int32_t as_of, fb_subsidy_view *out) {
    FB_ASSERT(book != NULL && id != NULL && out != NULL);
    if (as_of == 0) return fb_subsidy_view_get(book, id, out);
    memset(out, 0, sizeof *out);
    int64_t key = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_subsidy s;
    int rc = fb__store_subsidy_by_id(book->store, id, &s, &key);
    return rc ? rc : subsidy_on(book, &s, key, as_of, out);
}

int fb_subsidies_list_on(fb_book *book, const fb_user *as, const char *after, int32_t as_of,
                         fb_subsidy_view *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && n != NULL);
    FB_ASSERT(cap <= FB_PAGE_MAX);
    *n = 0;
    fb_subsidy *v = calloc(cap ? cap : 1, sizeof *v);
    int64_t *keys = calloc(cap ? cap : 1, sizeof *keys);
    int rc = v && keys ? FB_OK : FB_ENOMEM;
    char from[FB_POOL_ID_MAX + 1];
    snprintf(from, sizeof from, "%s", after ? after : "");
    size_t got = cap;
    while (rc == FB_OK && *n < cap && got == cap) {
        rc = fb__store_subsidies_after(book->store, from, v, keys, cap, &got);
        for (size_t i = 0; rc == FB_OK && i < got && *n < cap; i++) {
            snprintf(from, sizeof from, "%s", v[i].id);
            if (!fb_pool_visible(&(fb_pool){.region = v[i].region}, as)) continue;
            rc = subsidy_on(book, &v[i], keys[i], as_of, &out[*n]);
            if (rc == FB_OK) (*n)++;
            if (rc == FB_ENOTFOUND && as_of) rc = FB_OK; /* made after the day */
        }
    }
    free(v);
    free(keys);
    return rc;
}

int fb_guarantee_report_on(fb_book *book, const fb_user *as, int32_t as_of, fb_guarantee_row *out,
                           size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && out != NULL && n != NULL);
    FB_ASSERT(cap >= FB_GUARANTEE_ROWS_MAX);
    if (as_of == 0) return fb_guarantee_report(book, as, out, cap, n);
    *n = 0;
    size_t nc = 0;
    const int32_t *cities = fb_region_cities(&nc);
    fb_guarantee_row rows[FB_GUARANTEE_ROWS_MAX];
    memset(rows, 0, sizeof rows);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i <= nc; i++) {
        rows[i].city = i < nc ? cities[i] : 210000;
        int64_t *w[ROW_N], v[ROW_N];
        rc = fb__store_scheme_day_get(book->store, as_of, KIND_GUARANTEES, rows[i].city, v, ROW_N);
        if (rc == FB_ENOTFOUND) {
            rc = FB_OK; /* no guarantee there that day */
            continue;
        }
        row_fields(&rows[i], w);
        for (int k = 0; rc == FB_OK && k < ROW_N; k++)
            *w[k] = v[k];
    }
    return rc ? rc : fb__guarantee_rows_pick(book, as, rows, out, n);
}
