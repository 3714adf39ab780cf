/* scheme_own.c — what a guarantee company and an enterprise read of their own in the
 * government's schemes: a company's guarantees summed (a guarantor its own company alone, another
 * answered as one that does not exist), and a party's loans enrolled in subsidy schemes (an
 * enterprise its own). Each handler calls one book function and answers with the encoders of
 * wire/scheme_own_json.c. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/scheme_own_json.h"

int fb__api_get_guarantor(req *r, fb_book *book) {
    fb_guarantor_summary s;
    int rc = fb_guarantor_summary_get(book, &r->user, r->seg[2], &s);
    if (rc == FB_ENOTFOUND) return fb__api_not_found(r, "guarantee company", r->seg[2]);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_guarantor_summary(&s));
}

int fb__api_party_subsidies(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (!fb__api_party_seen(r, book, id)) return FB_OK;
    fb_party_subsidy *rows = calloc(FB_PAGE_MAX, sizeof *rows);
    if (!rows) return FB_ENOMEM;
    size_t n = 0;
    int rc = fb_party_subsidies(book, id, rows, FB_PAGE_MAX, &n);
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_party_subsidy(&rows[i]));
    free(rows);
    if (rc == FB_ENOTFOUND) return fb__api_not_found(r, "party", id);
    return rc ? rc : fb_answer(r, 200, out);
}
