/* reports.c — the API's reports, from the running aggregates. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

/* A government user reads no figure of a small cell (book/disclosure.c): each hidden is null and
 * the object says "suppressed": true. */
static void suppress(json_t *o, const char *const *keys, size_t n) {
    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, keys[i], json_null());
    json_object_set_new(o, "suppressed", json_true());
}

static json_t *report_row(const fb_report_row *r) {
    static const char *const balance[] = {"balance", "loans", "borrowers"};
    static const char *const drawn[] = {"new", "new_loans"};
    json_t *o = fb_json_encode_report_row(r);
    if (r->balance_hidden) suppress(o, balance, 3);
    if (r->new_hidden) suppress(o, drawn, 2);
    return o;
}

/* Credit by dimension; a government user sees its own region's borrowers only, and no small
 * cell's figures. */
int fb__api_report_credit(req *r, fb_book *book) {
    int32_t as_of = 0, from = 0;
    unsigned dims = 0;
    if (!fb__api_date_arg(r, "as_of", true, &as_of) || !fb__api_date_arg(r, "from", false, &from))
        return FB_OK;
    const char *by = fb_arg(r, "by");
    if (by && (!by[0] || fb_report_dims_parse(by, &dims))) {
        return fb_problem(r, 400, "invalid query", "by",
                          "by takes city, chain, line, size and class, comma-separated");
    }
    int32_t region = 0;
    if (!fb__api_region_query(r, &region)) return FB_OK;
    fb_report_row *rows = NULL;
    size_t n = 0;
    int rc = r->user.role == FB_ROLE_GOVERNMENT
                 ? fb_report_credit_protected(book, as_of, from, dims, region, &rows, &n)
                 : fb_report_credit(book, as_of, from, dims, region, &rows, &n);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    if (rc) return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, report_row(&rows[i]));
    free(rows);
    return fb_answer(r, 200, a);
}

int fb__api_report_inclusive(req *r, fb_book *book) {
    int32_t as_of = 0, region = 0;
    if (!fb__api_date_arg(r, "as_of", true, &as_of) || !fb__api_region_query(r, &region))
        return FB_OK;
    fb_two_increases t;
    fb_two_increases_hidden h = {false, false, false, false};
    bool government = r->user.role == FB_ROLE_GOVERNMENT;
    int rc = government ? fb_report_two_increases_protected(book, as_of, region, &t, &h)
                        : fb_report_two_increases(book, as_of, region, &t);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    if (rc) return rc;
    json_t *o = fb_json_encode_two_increases(&t);
    static const char *const inclusive[] = {"inclusive_balance", "inclusive_borrowers"};
    static const char *const inclusive_base[] = {"inclusive_balance_base",
                                                 "inclusive_borrowers_base"};
    static const char *const all[] = {"all_balance"}, *const all_base[] = {"all_balance_base"};
    static const char *const growth[] = {"balance_grows_no_slower"};
    static const char *const count[] = {"borrowers_not_fewer"};
    if (h.inclusive) suppress(o, inclusive, 2);
    if (h.inclusive_base) suppress(o, inclusive_base, 2);
    if (h.all) suppress(o, all, 1);
    if (h.all_base) suppress(o, all_base, 1);
    if (h.inclusive || h.inclusive_base || h.all || h.all_base) suppress(o, growth, 1);
    if (h.inclusive || h.inclusive_base) suppress(o, count, 1);
    return fb_answer(r, 200, o);
}

int fb__api_report_moves(req *r, fb_book *book) {
    int32_t from = 0, to = 0;
    if (!fb__api_date_arg(r, "from", true, &from) || !fb__api_date_arg(r, "as_of", true, &to))
        return FB_OK;
    fb_migration *m = malloc(sizeof *m);
    if (!m) return FB_ENOMEM;
    int rc = fb_report_migration(book, from, to, m);
    if (rc == FB_EINVAL) {
        free(m);
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    if (rc == FB_OK) fb_answer(r, 200, fb_json_encode_migration(m));
    free(m);
    return rc;
}

/* Provisions against their floors; a government user its region's, no small cell's figures. */
int fb__api_report_provisions(req *r, fb_book *book) {
    int32_t as_of = 0, region = 0;
    if (!fb__api_date_arg(r, "as_of", false, &as_of) || !fb__api_region_query(r, &region))
        return FB_OK;
    unsigned dims = 0;
    const char *by = fb_arg(r, "by");
    if (by && (!by[0] || fb_report_dims_parse(by, &dims) ||
               (dims & ~(unsigned)(FB_BY_CITY | FB_BY_LINE)))) {
        return fb_problem(r, 400, "invalid query", "by", "by takes line and city, comma-separated");
    }
    fb_provision_report p;
    int rc =
        fb_report_provisions(book, as_of, dims, region, r->user.role == FB_ROLE_GOVERNMENT, &p);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    if (rc) return rc;
    rc = fb_answer(r, 200, fb_json_encode_provisions(&p));
    free(p.rows);
    return rc;
}

int fb__api_report_quality(req *r, fb_book *book) {
    int32_t as_of = 0, region = 0;
    if (!fb__api_date_arg(r, "as_of", false, &as_of) || !fb__api_region_query(r, &region))
        return FB_OK;
    fb_quality_report q;
    int rc = fb_report_quality(book, as_of, region, r->user.role == FB_ROLE_GOVERNMENT, &q);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    return rc ? rc : fb_answer(r, 200, fb_json_encode_quality(&q));
}

int fb__api_green_catalogue(req *r, fb_book *book) {
    fb_green_item *items = NULL;
    size_t n = 0;
    bool loaded = false;
    int rc = fb_green_catalogue(book, &items, &n, &loaded);
    if (rc == FB_OK) rc = fb_answer(r, 200, fb_json_encode_green_catalogue(items, n, loaded));
    free(items);
    return rc;
}

int fb__api_report_exposures(req *r, fb_book *book) {
    int64_t limit = 10;
    int32_t region = 0;
    if (!fb__api_int_arg(r, "limit", 1, 1000, &limit) || !fb__api_region_query(r, &region))
        return FB_OK;
    fb_exposure *e = calloc((size_t)limit, sizeof *e);
    size_t n = 0;
    int rc = e ? fb_report_exposures_in(book, region, (size_t)limit, e, &n) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *j = fb_json_exposure_view(book, &e[i]);
            json_array_append_new(a, j);
        }
        fb_answer(r, 200, a);
    }
    free(e);
    return rc;
}
