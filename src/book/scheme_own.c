/* scheme_own.c — what a guarantee company and an enterprise read of their own in the
 * government's schemes (scheme_report.h): the company's guarantees summed, each guarantee's
 * figures the book's own view of it (fb_guarantee_view_get), its share of the part guaranteed
 * split as a claim would split it (each other share half up, the company the remainder); and an
 * enterprise's loans enrolled in subsidy schemes. */
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

static int64_t part(int64_t amount, int64_t e6) {
    return (int64_t)fb__div_round_half_up((fb_i128)amount * e6, 1000000);
}

typedef struct {
    fb_book *book;
    fb_guarantor_summary *out;
} summing;

static int add_guarantee(void *ctx, const char *id) {
    summing *s = ctx;
    fb_guarantee_view v;
    int rc = fb_guarantee_view_get(s->book, id, &v);
    if (rc) return rc;
    fb_guarantor_summary *o = s->out;
    int64_t guaranteed = part(v.principal_fen, v.g.covered_e6), others = 0;
    for (int k = FB_GUARANTOR_NATIONAL; k < FB_GUARANTOR_COUNT_; k++)
        others += part(guaranteed, v.g.split_e6[k]);
    o->guarantees++;
    o->active += v.principal_fen > 0;
    o->claims += v.claimed != 0;
    o->overdue += v.overdue;
    o->principal_fen += v.principal_fen;
    o->guaranteed_fen += guaranteed;
    o->share_fen += guaranteed - others;
    o->fees_fen += v.fees_fen + v.fee_collected_fen; /* ahead and accrued */
    o->basis_fen += v.basis_fen;
    o->owed_fen += v.owed_fen[FB_GUARANTOR_COMPANY];
    o->paid_fen += v.paid_fen[FB_GUARANTOR_COMPANY];
    o->returned_fen += v.returned_fen[FB_GUARANTOR_COMPANY];
    return FB_OK;
}

int fb_guarantor_summary_get(fb_book *book, const fb_user *as, const char *company,
                             fb_guarantor_summary *out) {
    FB_ASSERT(book != NULL && company != NULL);
    FB_ASSERT(out != NULL);
    memset(out, 0, sizeof *out);
    bool reads_all = !as || as->role == FB_ROLE_BANK_OFFICER || as->role == FB_ROLE_AUDITOR;
    bool own = as && as->role == FB_ROLE_GUARANTOR && strcmp(as->party, company) == 0;
    if (!reads_all && !own) return FB_ENOTFOUND;
    if (!fb_id_valid(company, strnlen(company, FB_PARTY_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_party p;
    int rc = fb_party_get(book, company, &p);
    if (rc) return rc;
    snprintf(out->company, sizeof out->company, "%s", company);
    snprintf(out->name, sizeof out->name, "%s", p.name);
    summing s = {book, out};
    return fb__store_guarantees_of(book->store, company, add_guarantee, &s);
}

int fb_party_subsidies(fb_book *book, const char *party, fb_party_subsidy *out, size_t cap,
                       size_t *n) {
    FB_ASSERT(book != NULL && party != NULL && n != NULL);
    FB_ASSERT(cap <= FB_PAGE_MAX);
    *n = 0;
    if (!fb_id_valid(party, strnlen(party, FB_PARTY_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_party p;
    int rc = fb_party_get(book, party, &p);
    if (rc) return rc;
    return fb__store_party_subsidies(book->store, party, out, cap, n);
}
