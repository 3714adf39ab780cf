/* scheme_reports.c — what the dashboard reads of the government's schemes: the subsidy schemes
 * one may see with their figures, a scheme's claims by quarter (a government: its region's, a
 * small claim's amounts null), a claim's lines (a government: a small borrower's loan withheld),
 * and the guarantees by the borrowers' city. Each handler calls one book function as the caller and
 * answers with the encoders of wire/scheme_report_json.c and wire/subsidy_json.c. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/scheme_report_json.h"
#include "wire/subsidy_json.h"
#include "wire/subsidy_lines_json.h"

bool fb__api_scheme_day(req *r, fb_book *book, int32_t *as_of, int *rc) {
    *rc = FB_OK;
    if (!fb__api_date_arg(r, "as_of", false, as_of)) return false;
    if (*as_of == 0) return true;
    *rc = fb_schemes_day_check(book, *as_of);
    if (*rc == FB_OK) return true;
    if (*rc == FB_EINVAL) {
        *rc = fb_problem(r, 422, "no figures on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    return false;
}

int fb__api_list_subsidies(req *r, fb_book *book) {
    int64_t limit = FB_API_LIST_MAX;
    int32_t as_of = 0;
    int rc = FB_OK;
    if (!fb__api_int_arg(r, "limit", 1, FB_API_LIST_MAX, &limit)) return FB_OK;
    if (!fb__api_scheme_day(r, book, &as_of, &rc)) return rc;
    const char *after = fb_arg(r, "after");
    fb_subsidy_view *v = calloc((size_t)limit, sizeof *v);
    size_t n = 0;
    rc = v ? fb_subsidies_list_on(book, &r->user, after, as_of, v, (size_t)limit, &n) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_subsidies_protect(book, &r->user, as_of, v, n);
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_subsidy(&v[i]));
    free(v);
    return rc ? rc : fb_answer(r, 200, out);
}

int fb__api_subsidy_claims(req *r, fb_book *book) {
    fb_subsidy_claim_row *rows = calloc(FB_SUBSIDY_CLAIMS_MAX, sizeof *rows);
    if (!rows) return FB_ENOMEM;
    size_t n = 0;
    int rc = fb_subsidy_claims_list(book, &r->user, r->seg[2], rows, FB_SUBSIDY_CLAIMS_MAX, &n);
    if (rc == FB_ENOTFOUND) {
        free(rows);
        return fb__api_not_found(r, "subsidy scheme", r->seg[2]);
    }
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_subsidy_claim_row(&rows[i]));
    free(rows);
    return rc ? rc : fb_answer(r, 200, out);
}

int fb__api_subsidy_claim_lines(req *r, fb_book *book) {
    int64_t q = 0;
    if (!fb__api_int_arg(r, "quarter", 20001, 20994, &q)) return FB_OK;
    if (q % 10 < 1 || q % 10 > 4) {
        return fb_problem(r, 400, "invalid field", "quarter",
                          "quarter must be yyyyq with q from 1 to 4, as 20251");
    }
    fb_subsidy_line_view *lines = calloc(FB_PAGE_MAX, sizeof *lines);
    if (!lines) return FB_ENOMEM;
    size_t n = 0;
    int rc =
        fb_subsidy_claim_lines_as(book, &r->user, r->seg[2], (int32_t)q, lines, FB_PAGE_MAX, &n);
    if (rc == FB_ENOTFOUND) {
        free(lines);
        return fb__api_not_found(r, "subsidy scheme or its claim of the quarter", r->seg[2]);
    }
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_subsidy_line_view(&lines[i]));
    free(lines);
    return rc ? rc : fb_answer(r, 200, out);
}

int fb__api_report_guarantees(req *r, fb_book *book) {
    fb_guarantee_row rows[FB_GUARANTEE_ROWS_MAX];
    size_t n = 0;
    int32_t as_of = 0;
    int rc = FB_OK;
    if (!fb__api_scheme_day(r, book, &as_of, &rc)) return rc;
    rc = fb_guarantee_report_on(book, &r->user, as_of, rows, FB_GUARANTEE_ROWS_MAX, &n);
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_guarantee_row(&rows[i]));
    return rc ? rc : fb_answer(r, 200, out);
}
