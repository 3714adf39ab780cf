/* eligibility.c — which loans a government's scheme takes: the same rules for a
 * risk-compensation pool's coverage and an interest subsidy's enrolment (docs/schemes.md). A loan
 * is eligible while it is active with principal outstanding, of one of the scheme's lines, its
 * borrower of one of the scheme's size classes and, when the scheme names a government list, on
 * it: the province's list or the scheme's own city's (a demand posted from that list for the
 * borrower, book/demand.c). The first rule broken is the answer. */
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

int fb__eligible_loan(fb_book *book, const fb__eligibility *e, const fb_loan *loan,
                      const fb_loan_position *pos, fb__eligible *out) {
    FB_ASSERT(book != NULL && e != NULL && loan != NULL && pos != NULL && out != NULL);
    FB_ASSERT(e->listed == FB_SOURCE_ENTERPRISE || e->listed == FB_SOURCE_KEY_ENTERPRISES ||
              e->listed == FB_SOURCE_MAJOR_PROJECTS);
    *out = FB__ELIGIBLE;
    if (pos->status != FB_LOAN_ACTIVE || pos->principal_fen <= 0) {
        *out = FB__LOAN_NOT_ACTIVE;
        return FB_OK;
    }
    if (e->lines && !(e->lines & (1u << loan->line))) {
        *out = FB__LINE_NOT_ELIGIBLE;
        return FB_OK;
    }
    fb_party party;
    int rc = fb__store_party_by_id(book->store, loan->party, &party);
    if (rc) return rc;
    if (e->sizes && !(e->sizes & (1u << party.size_class))) {
        *out = FB__SIZE_NOT_ELIGIBLE;
        return FB_OK;
    }
    if (e->listed == FB_SOURCE_ENTERPRISE) return FB_OK;
    bool listed = false;
    rc = fb__store_party_listed(book->store, loan->party, (int)e->listed, e->region, &listed);
    if (rc == FB_OK && !listed) *out = FB__NOT_LISTED;
    return rc;
}
