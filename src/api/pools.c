/* pools.c — the API's risk-compensation pools: a government creates and funds those of its region
 * (the bank any), the bank covers, claims and shares back, each role reads the pools it may see.
 * Each handler reads with a wire decoder, calls one book function as the caller, and answers with
 * the encoder the command line prints with. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/pool_json.h"

static int invalid(req *r, const fb_json_error *err) {
    return fb_problem(r, 400, err->field[0] ? "invalid field" : "malformed request",
                      err->field[0] ? err->field : NULL, "%s%s%s", err->field,
                      err->field[0] ? " " : "", err->reason);
}

int fb__api_post_pool(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_pool p;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_pool(r->body, r->len, &p, &err)) return invalid(r, &err);
    fb_pool_outcome o;
    int rc = fb_pool_create(book, &r->user, &p, &o);
    if (rc) return rc;
    snprintf(r->outcome, sizeof r->outcome, "pool %s: %s", p.id, fb_pool_result_name(o.result));
    json_t *answer = fb_json_encode_pool_result(&p, &o);
    if (o.result == FB_POOL_DONE) return fb_answer(r, 201, answer);
    if (o.result == FB_POOL_EXISTS) return fb_answer(r, 200, answer);
    json_decref(answer);
    return fb_problem(r, o.result == FB_POOL_EXISTS_WITH_DIFFERENT ? 409 : 422,
                      fb_pool_result_name(o.result), o.field, "pool %s: %s", p.id,
                      fb_pool_result_name(o.result));
}

int fb__api_list_pools(req *r, fb_book *book) {
    int64_t limit = FB_API_LIST_MAX;
    int32_t as_of = 0;
    int rc = FB_OK;
    if (!fb__api_int_arg(r, "limit", 1, FB_API_LIST_MAX, &limit)) return FB_OK;
    if (!fb__api_scheme_day(r, book, &as_of, &rc)) return rc;
    const char *after = fb_arg(r, "after");
    fb_pool_view *v = calloc((size_t)limit, sizeof *v);
    size_t n = 0;
    rc = v ? fb_pools_list_on(book, &r->user, after, as_of, v, (size_t)limit, &n) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_pools_protect(book, &r->user, as_of, v, n);
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_pool(&v[i]));
    free(v);
    return rc ? rc : fb_answer(r, 200, out);
}

int fb__api_get_pool(req *r, fb_book *book) {
    fb_pool_view v;
    int32_t as_of = 0;
    int rc = FB_OK;
    if (!fb__api_scheme_day(r, book, &as_of, &rc)) return rc;
    rc = fb_pool_view_on(book, r->seg[2], as_of, &v);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !fb_pool_visible(&v.p, &r->user))) {
        return fb__api_not_found(r, "pool", r->seg[2]);
    }
    if (rc == FB_OK) rc = fb_pools_protect(book, &r->user, as_of, &v, 1);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_pool(&v));
}

/* An act on the pool of the path: 201 done, 200 found again, 404 not the caller's to see, else
 * 422 (409 for a funding's id taken with other content) with the rule's name as the title and
 * the answer's fields in the problem. */
static int pool_act(req *r, fb_book *book, fb_pool_act_kind kind) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    if (strlen(r->seg[2]) >= sizeof a.pool) return fb__api_not_found(r, "pool", r->seg[2]);
    snprintf(a.pool, sizeof a.pool, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_pool_act(r->body, r->len, kind, &a, &err)) return invalid(r, &err);
    fb_pool_outcome o;
    int rc = fb_pool_act_make(book, &r->user, &a, &o);
    if (rc) return rc;
    if (o.result == FB_POOL_NOT_FOUND) return fb__api_not_found(r, "pool", a.pool);
    snprintf(r->outcome, sizeof r->outcome, "pool %s %s: %s", a.pool, fb_pool_act_name(kind),
             fb_pool_result_name(o.result));
    json_t *answer = fb_json_encode_pool_act(&a, &o);
    if (o.result == FB_POOL_DONE || o.result == FB_POOL_EXISTS) {
        return fb_answer(r, o.result == FB_POOL_DONE ? 201 : 200, answer);
    }
    const char *bound = json_string_value(json_object_get(answer, "bound"));
    const char *value = json_string_value(json_object_get(answer, "value"));
    rc = fb_problem(r, o.result == FB_POOL_EXISTS_WITH_DIFFERENT ? 409 : 422,
                    fb_pool_result_name(o.result), o.field, "pool %s %s: %s%s%s%s%s%s", a.pool,
                    fb_pool_act_name(kind), fb_pool_result_name(o.result), bound ? " (bound " : "",
                    bound ? bound : "", bound ? ", measured " : "", value ? value : "",
                    bound ? ")" : "");
    json_decref(answer);
    return rc;
}

int fb__api_pool_fund(req *r, fb_book *book) { return pool_act(r, book, FB_POOL_FUND); }
int fb__api_pool_cover(req *r, fb_book *book) { return pool_act(r, book, FB_POOL_COVER); }
int fb__api_pool_claim(req *r, fb_book *book) { return pool_act(r, book, FB_POOL_CLAIM); }
int fb__api_pool_share_back(req *r, fb_book *book) { return pool_act(r, book, FB_POOL_SHARE_BACK); }
