/* common.c — what the API's resource files share: who sees what, batches of records, paging and
 * query arguments. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

bool fb__api_is_enterprise(const req *r) { return r->user.role == FB_ROLE_ENTERPRISE; }

/* An enterprise sees its own records only: the answer for anything else is 404, as for a record
 * that does not exist, so that it learns nothing of others. */
int fb__api_not_found(req *r, const char *what, const char *id) {
    return fb_problem(r, 404, "not found", NULL, "no %s %s", what, id);
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
    const char *v = fb_arg(r, "limit");
    long limit = v ? strtol(v, NULL, 10) : FB_API_LIST_MAX;
    *n = 0;
    if (limit < 1 || limit > FB_API_LIST_MAX) {
        fb_problem(r, 400, "invalid query", "limit", "limit must be 1 to %d", FB_API_LIST_MAX);
        return NULL;
    }
    fb_list_id *ids = calloc((size_t)limit, sizeof *ids);
    if (!ids || fb_list(book, kind, filter, ids, (size_t)limit, n)) {
        free(ids);
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_book_errmsg(book));
        return NULL;
    }
    return ids;
}

bool fb__api_date_arg(req *r, const char *name, bool required, int32_t *out) {
    const char *v = fb_arg(r, name);
    const char *why = "is missing";
    *out = 0;
    if (!v && !required) return true;
    if (v && fb_date_parse(v, out, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s", name, why);
    return false;
}

/* A region argument: absent, 210000 or one of its cities; a government user's is its own. */
bool fb__api_region_query(req *r, int32_t *region) {
    *region = 0;
    const char *v = fb_arg(r, "region");
    if (v) {
        char *end = NULL;
        long x = strtol(v, &end, 10);
        if (end == v || *end || x > INT32_MAX || !fb_region_liaoning((int32_t)x)) {
            fb_problem(r, 400, "invalid query", "region",
                       "region must be 210000 (Liaoning) or one of its cities' codes");
            return false;
        }
        *region = (int32_t)x;
    }
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
