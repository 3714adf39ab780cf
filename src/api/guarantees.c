/* guarantees.c — the API's government financing guarantees: the bank records a guarantee of a
 * loan, claims on a defaulted one and records each guarantor's payment; the readers read a
 * guarantee with the bank's net exposure. Each handler reads with a wire decoder, calls one book
 * function, and answers with the encoder the command line prints with. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/guarantee_json.h"

static int invalid(req *r, const fb_json_error *err) {
    return fb_problem(r, 400, err->field[0] ? "invalid field" : "malformed request",
                      err->field[0] ? err->field : NULL, "%s%s%s", err->field,
                      err->field[0] ? " " : "", err->reason);
}

/* A refusal: 409 for an id taken with other content, 404 for no such guarantee, else 422. */
static int refused(req *r, const char *id, fb_guarantee_result g) {
    if (g == FB_GUARANTEE_NOT_FOUND) return fb__api_not_found(r, "guarantee", id);
    return fb_problem(r, g == FB_GUARANTEE_EXISTS_WITH_DIFFERENT ? 409 : 422,
                      fb_guarantee_result_name(g), NULL, "guarantee %s: %s", id,
                      fb_guarantee_result_name(g));
}

/* The body of an act on a guarantee (a claim, a share-back, a fee): a date, when given, must be
 * the business date. *ok when the act may go on; otherwise the request has been answered (or the
 * store failed: the code returned). */
static int on_business_date(req *r, fb_book *book, bool *ok) {
    *ok = false;
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    int32_t date = 0, open = 0;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_guarantee_claim(r->body, r->len, &date, &err)) return invalid(r, &err);
    int rc = fb_business_date(book, &open);
    if (rc) return rc;
    if (date && date != open) {
        return fb_problem(r, 400, "invalid field", "date", "date must be the business date");
    }
    *ok = true;
    return FB_OK;
}

int fb__api_post_guarantee(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_guarantee g;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_guarantee(r->body, r->len, &g, &err)) return invalid(r, &err);
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int rc = fb_guarantee_create(book, &g, &res);
    if (rc == FB_EINVAL) return fb_problem(r, 422, "split", "split", "%s", fb_book_errmsg(book));
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "guarantee %s: %s", g.id,
             fb_guarantee_result_name(res));
    if (res != FB_GUARANTEE_DONE && res != FB_GUARANTEE_EXISTS) return refused(r, g.id, res);
    return fb_answer(r, res == FB_GUARANTEE_DONE ? 201 : 200,
                     fb_json_encode_guarantee_result(g.id, res));
}

/* A guarantor reads its company's guarantees; another is answered as one that does not exist. */
int fb__api_get_guarantee(req *r, fb_book *book) {
    fb_guarantee_view v;
    int rc = fb_guarantee_view_get(book, r->seg[2], &v);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !fb_guarantee_visible(&v.g, &r->user))) {
        return fb__api_not_found(r, "guarantee", r->seg[2]);
    }
    return rc ? rc : fb_answer(r, 200, fb_json_encode_guarantee(&v));
}

int fb__api_list_guarantees(req *r, fb_book *book) {
    int64_t limit = FB_API_LIST_MAX;
    if (!fb__api_int_arg(r, "limit", 1, FB_API_LIST_MAX, &limit)) return FB_OK;
    fb_guarantee_view *v = calloc((size_t)limit, sizeof *v);
    size_t n = 0;
    int rc = v ? fb_guarantees_list(book, &r->user, fb_arg(r, "after"), v, (size_t)limit, &n)
               : FB_ENOMEM;
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_guarantee(&v[i]));
    free(v);
    return rc ? rc : fb_answer(r, 200, out);
}

int fb__api_guarantee_claim(req *r, fb_book *book) {
    bool ok = false;
    int rc = on_business_date(r, book, &ok);
    if (!ok) return rc;
    fb_guarantee_view v;
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    rc = fb_guarantee_claim(book, r->seg[2], &v, &res);
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "guarantee %s claim: %s", r->seg[2],
             fb_guarantee_result_name(res));
    if (res != FB_GUARANTEE_DONE && res != FB_GUARANTEE_EXISTS) return refused(r, r->seg[2], res);
    return fb_answer(r, res == FB_GUARANTEE_DONE ? 201 : 200,
                     fb_json_encode_guarantee_act(r->seg[2], false, res, FB_GUARANTOR_COMPANY,
                                                  v.basis_fen, v.due));
}

int fb__api_guarantee_pay(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_guarantor who = FB_GUARANTOR_COUNT_;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_guarantee_pay(r->body, r->len, &who, &err)) return invalid(r, &err);
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int64_t paid = 0;
    int rc = fb_guarantee_pay(book, r->seg[2], who, &paid, &res);
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "guarantee %s paid by %s: %s", r->seg[2],
             fb_guarantor_name(who), fb_guarantee_result_name(res));
    if (res != FB_GUARANTEE_DONE && res != FB_GUARANTEE_EXISTS) return refused(r, r->seg[2], res);
    return fb_answer(r, res == FB_GUARANTEE_DONE ? 201 : 200,
                     fb_json_encode_guarantee_act(r->seg[2], true, res, who, paid, 0));
}

int fb__api_guarantee_share_back(req *r, fb_book *book) {
    bool ok = false;
    int rc = on_business_date(r, book, &ok);
    if (!ok) return rc;
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int64_t back[FB_GUARANTOR_BANK];
    rc = fb_guarantee_share_back_parts(book, r->seg[2], back, &res);
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "guarantee %s share back: %s", r->seg[2],
             fb_guarantee_result_name(res));
    if (res != FB_GUARANTEE_DONE) return refused(r, r->seg[2], res);
    return fb_answer(r, 201, fb_json_encode_guarantee_share_back(r->seg[2], res, back));
}

int fb__api_guarantee_fee(req *r, fb_book *book) {
    bool ok = false;
    int rc = on_business_date(r, book, &ok);
    if (!ok) return rc;
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int64_t fee = 0, available = 0;
    int32_t year = 0;
    rc = fb_guarantee_charge_fee(book, r->seg[2], &fee, &year, &available, &res);
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "guarantee %s fee: %s", r->seg[2],
             fb_guarantee_result_name(res));
    if (res == FB_GUARANTEE_INSUFFICIENT_FUNDS) {
        char a[FB_MONEY_STR_MAX], f[FB_MONEY_STR_MAX];
        return fb_problem(r, 422, "insufficient_funds", NULL,
                          "guarantee %s fee: %s available, less than the amount %s", r->seg[2],
                          fb_money_format(available, a), fb_money_format(fee, f));
    }
    if (res != FB_GUARANTEE_DONE && res != FB_GUARANTEE_EXISTS) return refused(r, r->seg[2], res);
    return fb_answer(r, res == FB_GUARANTEE_DONE ? 201 : 200,
                     fb_json_encode_guarantee_fee(r->seg[2], res, fee, year, available));
}
