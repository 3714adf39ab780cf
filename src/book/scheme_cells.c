/* scheme_cells.c — the small-cell rule on the schemes a government reads (scheme_report.h), as
 * disclosure.c keeps the credit report's: a pool's or a subsidy scheme's figures are sums over
 * its borrowers' loans, so a government does not read them when fewer borrowers than
 * report_min_cell are behind them (primary suppression); and since the region's totals of the
 * schemes are read elsewhere (an agreement's progress), when one alone of the schemes it may see
 * is hidden, the one of fewest borrowers of the others is too (secondary), so that no hidden
 * scheme is the total less the others. What it sees of the government's own money (funded, the
 * budget) stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

typedef struct cell {
    char id[FB_ID_MAX + 1];
    int64_t borrowers;
    bool hidden;
} cell;

typedef struct cells {
    cell *v;
    size_t n, cap;
} cells;

static int push(cells *c, const char *id, int64_t borrowers) {
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        cell *v = realloc(c->v, cap * sizeof *v);
        if (!v) return FB_ENOMEM;
        c->v = v;
        c->cap = cap;
    }
    snprintf(c->v[c->n].id, sizeof c->v[c->n].id, "%s", id);
    c->v[c->n].borrowers = borrowers;
    c->v[c->n++].hidden = false;
    return FB_OK;
}

/* Every scheme as may see that stood at the close of as_of (0: now), with its borrowers. */
static int walk(fb_book *book, const fb_user *as, bool pool, int32_t as_of, cells *c) {
    fb_pool *p = pool ? calloc(FB_PAGE_MAX, sizeof *p) : NULL;
    fb_subsidy *v = pool ? NULL : calloc(FB_PAGE_MAX, sizeof *v);
    int64_t *keys = calloc(FB_PAGE_MAX, sizeof *keys);
    char from[FB_ID_MAX + 1] = "";
    size_t got = FB_PAGE_MAX;
    int rc = (p || v) && keys ? FB_OK : FB_ENOMEM;
    while (rc == FB_OK && got == FB_PAGE_MAX) {
        rc = pool ? fb__store_pools_after(book->store, from, p, keys, FB_PAGE_MAX, &got)
                  : fb__store_subsidies_after(book->store, from, v, keys, FB_PAGE_MAX, &got);
        for (size_t i = 0; rc == FB_OK && i < got; i++) {
            const char *id = pool ? p[i].id : v[i].id;
            snprintf(from, sizeof from, "%s", id);
            int64_t borrowers = 0;
            int32_t region = pool ? p[i].region : v[i].region;
            int32_t created = pool ? p[i].created : v[i].created;
            if (as_of && created > as_of) continue;
            if (!fb_pool_visible(&(fb_pool){.region = region}, as)) continue;
            rc = fb__store_scheme_borrowers(book->store, pool, keys[i], as_of, &borrowers);
            if (rc == FB_OK) rc = push(c, id, borrowers);
        }
    }
    free(p);
    free(v);
    free(keys);
    return rc;
}

/* The schemes hidden from as: too few borrowers, then the complement of one alone. */
static int hidden_cells(fb_book *book, const fb_user *as, bool pool, int32_t as_of, cells *c) {
    int64_t min_cell = 1;
    int rc = fb_report_min_cell(book, &min_cell);
    if (rc == FB_OK) rc = walk(book, as, pool, as_of, c);
    size_t hidden = 0, pick = SIZE_MAX;
    for (size_t i = 0; rc == FB_OK && i < c->n; i++) {
        cell *x = &c->v[i];
        x->hidden = x->borrowers > 0 && x->borrowers < min_cell;
        hidden += x->hidden;
    }
    for (size_t i = 0; rc == FB_OK && i < c->n; i++) {
        if (c->v[i].hidden || c->v[i].borrowers == 0) continue;
        if (pick == SIZE_MAX || c->v[i].borrowers < c->v[pick].borrowers) pick = i;
    }
    if (rc == FB_OK && hidden == 1 && pick != SIZE_MAX) c->v[pick].hidden = true;
    return rc;
}

static bool is_hidden(const cells *c, const char *id) {
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->v[i].id, id) == 0) return c->v[i].hidden;
    }
    return false;
}

int fb_pools_protect(fb_book *book, const fb_user *as, int32_t as_of, fb_pool_view *v, size_t n) {
    FB_ASSERT(book != NULL && (v != NULL || n == 0));
    if (!as || as->role != FB_ROLE_GOVERNMENT) return FB_OK;
    FB_ASSERT(as_of >= 0);
    cells c = {NULL, 0, 0};
    int rc = hidden_cells(book, as, true, as_of, &c);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (!is_hidden(&c, v[i].p.id)) continue;
        fb_pool_view *x = &v[i];
        x->balance_fen = x->covered_loans = x->covered_fen = x->capacity_fen = 0;
        x->multiple_e6 = x->leverage_used_e6 = x->npl_ratio_e6 = -1;
        x->npl_fen = x->claims = x->paid_fen = x->returned_fen = 0;
        x->suspended = false;
        x->suppressed = true;
    }
    free(c.v);
    return rc;
}

int fb_subsidies_protect(fb_book *book, const fb_user *as, int32_t as_of, fb_subsidy_view *v,
                         size_t n) {
    FB_ASSERT(book != NULL && (v != NULL || n == 0));
    if (!as || as->role != FB_ROLE_GOVERNMENT) return FB_OK;
    FB_ASSERT(as_of >= 0);
    cells c = {NULL, 0, 0};
    int rc = hidden_cells(book, as, false, as_of, &c);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (!is_hidden(&c, v[i].s.id)) continue;
        fb_subsidy_view *x = &v[i];
        x->enrolled = x->committed_fen = x->accrued_fen = x->receivable_fen = 0;
        x->paid_fen = x->rejected_fen = x->budget_left_fen = 0;
        x->suppressed = true;
    }
    free(c.v);
    return rc;
}
