/* scheme_lines.c — a subsidy claim's lines as each reader may read them (scheme_report.h): the
 * bank and the auditor every line with its loan; the government of the scheme's region the lines
 * it decides, a small or micro borrower's without its loan (disclosure.c: a government never
 * sees a small borrower's loan), each with its id, days, amount, decision and the borrower's
 * size class, line of business and city; any other government nothing (not found). */
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

int fb_subsidy_claim_lines_as(fb_book *book, const fb_user *as, const char *scheme, int32_t quarter,
                              fb_subsidy_line_view *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && scheme != NULL && n != NULL);
    FB_ASSERT(out != NULL || cap == 0);
    *n = 0;
    fb_subsidy v;
    int64_t key = 0;
    fb__subsidy_claim c;
    if (!fb_id_valid(scheme, strnlen(scheme, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    int rc = fb__store_subsidy_by_id(book->store, scheme, &v, &key);
    if (rc) return rc;
    if (!fb_pool_visible(&(fb_pool){.region = v.region}, as)) return FB_ENOTFOUND;
    rc = fb__store_subsidy_claim(book->store, key, quarter, &c);
    if (rc == FB_OK) rc = fb__store_subsidy_line_views(book->store, c.key, out, cap, n);
    bool gov = as && as->role == FB_ROLE_GOVERNMENT;
    for (size_t i = 0; rc == FB_OK && gov && i < *n; i++) {
        if (fb_disclosure_names_borrower(out[i].size)) continue;
        out[i].withheld = true;
        memset(out[i].l.loan, 0, sizeof out[i].l.loan);
    }
    return rc;
}
