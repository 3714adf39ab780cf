/* subsidies.c — the API's interest subsidies: a government creates its region's schemes (the
 * bank any), the bank enrols loans and claims quarters, the government decides each line and
 * pays; the readers read a scheme's figures. Each handler reads with a wire decoder, calls one
 * book function as the caller, and answers with the encoder the command line prints with. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/subsidy_json.h"

static int invalid(req *r, const fb_json_error *err) {
    return fb_problem(r, 400, err->field[0] ? "invalid field" : "malformed request",
                      err->field[0] ? err->field : NULL, "%s%s%s", err->field,
                      err->field[0] ? " " : "", err->reason);
}

int fb__api_post_subsidy(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_subsidy v;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_subsidy(r->body, r->len, &v, &err)) return invalid(r, &err);
    fb_subsidy_outcome o;
    int rc = fb_subsidy_create(book, &r->user, &v, &o);
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "subsidy %s: %s", v.id,
             fb_subsidy_result_name(o.result));
    if (o.result == FB_SUBSIDY_DONE || o.result == FB_SUBSIDY_EXISTS) {
        return fb_answer(r, o.result == FB_SUBSIDY_DONE ? 201 : 200,
                         fb_json_encode_subsidy_result(&v, &o));
    }
    return fb_problem(r, o.result == FB_SUBSIDY_EXISTS_WITH_DIFFERENT ? 409 : 422,
                      fb_subsidy_result_name(o.result), o.field, "subsidy %s: %s", v.id,
                      fb_subsidy_result_name(o.result));
}

int fb__api_get_subsidy(req *r, fb_book *book) {
    fb_subsidy_view v;
    int32_t as_of = 0;
    int rc = FB_OK;
    if (!fb__api_scheme_day(r, book, &as_of, &rc)) return rc;
    rc = fb_subsidy_view_on(book, r->seg[2], as_of, &v);
    bool gov = r->user.role == FB_ROLE_GOVERNMENT;
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && gov && !fb_pool_visible(&(fb_pool){.region = v.s.region}, &r->user))) {
        return fb__api_not_found(r, "subsidy scheme", r->seg[2]);
    }
    if (rc == FB_OK) rc = fb_subsidies_protect(book, &r->user, as_of, &v, 1);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_subsidy(&v));
}

static int subsidy_act(req *r, fb_book *book, fb_subsidy_act_kind kind) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    if (strlen(r->seg[2]) >= sizeof a.scheme) {
        return fb__api_not_found(r, "subsidy scheme", r->seg[2]);
    }
    snprintf(a.scheme, sizeof a.scheme, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_subsidy_act(r->body, r->len, kind, &a, &err)) return invalid(r, &err);
    fb_subsidy_outcome o;
    int rc = fb_subsidy_act_make(book, &r->user, &a, &o);
    if (rc) return rc;
    if (o.result == FB_SUBSIDY_NOT_FOUND) return fb__api_not_found(r, "subsidy scheme", a.scheme);
    snprintf(r->outcome, sizeof r->outcome, "subsidy %s %s: %s", a.scheme,
             fb_subsidy_act_name(kind), fb_subsidy_result_name(o.result));
    if (o.result == FB_SUBSIDY_NET_RATE_NOT_POSITIVE) {
        char b[FB_RATE_STR_MAX], v[FB_RATE_STR_MAX];
        return fb_problem(r, 422, fb_subsidy_result_name(o.result), o.field,
                          "subsidy %s enrol: the net rate would not be above 0: the subsidy's %s%%"
                          " must be below the loan's contract rate %s%%",
                          a.scheme, fb_rate_format(o.value, v), fb_rate_format(o.bound, b));
    }
    if (o.result != FB_SUBSIDY_DONE && o.result != FB_SUBSIDY_EXISTS) {
        return fb_problem(r, o.result == FB_SUBSIDY_EXISTS_WITH_DIFFERENT ? 409 : 422,
                          fb_subsidy_result_name(o.result), o.field, "subsidy %s %s: %s", a.scheme,
                          fb_subsidy_act_name(kind), fb_subsidy_result_name(o.result));
    }
    fb_subsidy_line *lines = calloc(FB_PAGE_MAX, sizeof *lines);
    size_t n = 0;
    if (!lines) return FB_ENOMEM;
    if (kind == FB_SUBSIDY_CLAIM)
        rc = fb_subsidy_claim_lines(book, a.scheme, a.quarter, lines, FB_PAGE_MAX, &n);
    if (rc == FB_OK) {
        rc = fb_answer(r, o.result == FB_SUBSIDY_DONE ? 201 : 200,
                       fb_json_encode_subsidy_act(&a, &o, lines, n));
    }
    free(lines);
    return rc;
}

int fb__api_subsidy_enrol(req *r, fb_book *book) { return subsidy_act(r, book, FB_SUBSIDY_ENROL); }
int fb__api_subsidy_claim(req *r, fb_book *book) { return subsidy_act(r, book, FB_SUBSIDY_CLAIM); }
int fb__api_subsidy_decide(req *r, fb_book *book) {
    return subsidy_act(r, book, FB_SUBSIDY_DECIDE);
}
int fb__api_subsidy_pay(req *r, fb_book *book) { return subsidy_act(r, book, FB_SUBSIDY_PAY); }
