/* common.c — what the API's resource files share: who sees what, batches of records, paging and
 * query arguments. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/query.h"

bool fb__api_is_enterprise(const req *r) { return r->user.role == FB_ROLE_ENTERPRISE; }

/* An enterprise sees its own records only: the answer for anything else is 404, as for a record
 * that does not exist, so that it learns nothing of others. */
int fb__api_not_found(req *r, const char *what, const char *id) {
    return fb_problem(r, 404, "not found", NULL, "no %s %s", what, id);
}

bool fb__api_party_seen(req *r, fb_book *book, const char *id) {
    fb_party p;
    int rc = fb__api_is_enterprise(r) && strcmp(id, r->user.party) != 0
                 ? FB_ENOTFOUND
                 : fb_party_get(book, id, &p);
    if (rc == FB_ENOTFOUND) {
        fb__api_not_found(r, "party", id);
    } else if (rc) {
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_book_errmsg(book));
    }
    return rc == FB_OK;
}

bool fb__api_own_account(const req *r, const char *id) {
    char dep[FB_ID_MAX + 8], held[FB_ID_MAX + 8];
    snprintf(dep, sizeof dep, "dep:%s", r->user.party);
    snprintf(held, sizeof held, "cth:%s", r->user.party);
    return strcmp(id, dep) == 0 || strcmp(id, held) == 0;
}

/* The array body's events, each read as the command line reads a line. A bad event is a 400
 * naming its index and field; too many a 413; nothing is written. */
bool fb__api_elements(req *r, size_t max, size_t size, fb_json_element_fn *fn, void **out,
                      size_t *n) {
    fb_json_error err;
    int rc = fb_json_decode_events(r->body, r->len, max, size, fn, out, n, &err);
    if (rc == FB_ELIMIT) {
        fb_problem(r, 413, "too many events", NULL, "%s", err.reason);
    } else if (rc == FB_EINVAL) {
        fb_problem(r, 400, err.field[0] ? "invalid event" : "malformed request",
                   err.field[0] ? err.field : NULL, "%s", err.reason);
    } else if (rc) {
        fb_problem(r, 500, "out of memory", NULL, "decoding the request");
    }
    return rc == FB_OK;
}

json_t *fb__api_result_line(size_t i, const char *id, const char *result, const char *field) {
    json_t *o = json_object();
    json_object_set_new(o, "index", json_integer((json_int_t)i));
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "result", json_string(result));
    if (field) json_object_set_new(o, "field", json_string(field));
    return o;
}

int fb__api_create_batch(req *r, fb_book *book, const fb__batch_kind *k) {
    void *v = NULL;
    size_t n = 0;
    if (!fb__api_elements(r, k->max, k->size, k->decode, &v, &n)) return FB_OK;
    char *outcomes = calloc(n, k->outcome_size);
    int rc = outcomes ? k->submit(book, v, n, outcomes) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *out = json_array();
        size_t done = 0;
        for (size_t i = 0; i < n; i++) {
            json_t *line = json_pack("{s:I}", "index", (json_int_t)i);
            done += k->result(line, (char *)v + i * k->size, outcomes + i * k->outcome_size) ==
                    FB_JSON_CREATED;
            json_array_append_new(out, line);
        }
        fb_answer(r, 200, out);
        snprintf(r->outcome, sizeof r->outcome, "%zu %s, %zu created", n, k->noun, done);
    }
    free(v);
    free(outcomes);
    return rc;
}

fb_list_id *fb__api_list_ids(req *r, fb_book *book, fb_list_kind kind, const char *filter,
                             size_t *n) {
    int64_t limit = FB_API_LIST_MAX;
    *n = 0;
    if (!fb__api_int_arg(r, "limit", 1, FB_API_LIST_MAX, &limit)) return NULL;
    fb_list_id *ids = calloc((size_t)limit, sizeof *ids);
    if (!ids || fb_list(book, kind, filter, ids, (size_t)limit, n)) {
        free(ids);
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_book_errmsg(book));
        return NULL;
    }
    return ids;
}

/* ---- Query arguments, read strictly (wire/query.c) ------------------------------------------ */

bool fb__api_int_arg(req *r, const char *name, int64_t min, int64_t max, int64_t *out) {
    const char *v = fb_arg(r, name);
    const char *why = NULL;
    if (!v || fb_query_int(v, min, max, out, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s; it takes %lld to %lld", name, why,
               (long long)min, (long long)max);
    return false;
}

bool fb__api_date_arg(req *r, const char *name, bool required, int32_t *out) {
    const char *v = fb_arg(r, name);
    const char *why = "is missing";
    *out = 0;
    if (!v && !required) return true;
    if (v && fb_query_date(v, out, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s", name, why);
    return false;
}

bool fb__api_timestamp_arg(req *r, const char *name, bool end_of_day, bool *given, int64_t *out) {
    const char *v = fb_arg(r, name);
    const char *why = NULL;
    *given = v != NULL;
    if (!v || fb_query_timestamp(v, end_of_day, out, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s", name, why);
    return false;
}

bool fb__api_bool_arg(req *r, const char *name, bool *out) {
    const char *v = fb_arg(r, name);
    const char *why = NULL;
    if (!v || fb_query_bool(v, out, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s", name, why);
    return false;
}

/* A region argument: absent, 210000 or one of its cities; a government user's is its own. */
bool fb__api_region_query(req *r, int32_t *region) {
    *region = 0;
    const char *v = fb_arg(r, "region");
    int64_t x = 0;
    const char *why = NULL;
    if (v && (fb_query_int(v, 1, 999999, &x, &why) || !fb_region_liaoning((int32_t)x))) {
        fb_problem(r, 400, "invalid query", "region",
                   "region must be 210000 (Liaoning) or one of its cities' codes");
        return false;
    }
    *region = (int32_t)x;
    if (r->user.role == FB_ROLE_GOVERNMENT) {
        /* Its own region, or (the province's user) one of the province's cities. */
        int32_t own = r->user.region;
        if (*region && *region != own && own != 210000) {
            fb_problem(r, 403, "forbidden", "region", "a government user of %d sees its own region",
                       own);
            return false;
        }
        if (!*region) *region = own;
    }
    return true;
}
