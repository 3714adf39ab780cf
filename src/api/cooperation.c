/* cooperation.c — the API's cooperation: major projects and agreements with their progress. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

static int submit_projects(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_projects_create(book, records, n, outcomes);
}

static const fb__batch_kind projects = {
    "projects",           FB_PARTY_BATCH_MAX, sizeof(fb_project),    sizeof(fb_project_result),
    fb_json_read_project, submit_projects,    fb_json_project_result};

int fb__api_post_projects(req *r, fb_book *book) {
    return fb__api_create_batch(r, book, &projects);
}

int fb__api_get_project(req *r, fb_book *book) {
    fb_project p;
    int rc = fb_project_get(book, r->seg[2], &p);
    if (rc == FB_ENOTFOUND) return fb__api_not_found(r, "project", r->seg[2]);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_project(&p));
}

int fb__api_post_agreement(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_agreement *a = malloc(sizeof *a);
    if (!a) return FB_ENOMEM;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int rc = fb_json_read_agreement(r->body, r->len, a, &err);
    if (rc == FB_EINVAL) {
        free(a);
        return fb_problem(r, 400, "invalid field", err.field[0] ? err.field : NULL, "%s %s",
                          err.field, err.reason);
    }
    bool exists = false;
    if (rc == FB_OK) rc = fb_agreement_create(book, a, &exists);
    if (rc == FB_EINVAL) {
        fb_problem(r, 409, "exists with different content", "id", "%s", fb_book_errmsg(book));
        rc = FB_OK;
    } else if (rc == FB_OK) {
        json_t *answer = json_object();
        fb_json_agreement_result(answer, a->id, exists, NULL);
        fb_answer(r, exists ? 200 : 201, answer);
        snprintf(r->outcome, sizeof r->outcome, "agreement %s %s", a->id,
                 exists ? "exists" : "created");
    }
    free(a);
    return rc;
}

/* The progress as the command line prints it; a target a government user may not read (a small
 * cell: book/disclosure.c) has its achieved figure and percent null and status "suppressed". */
static json_t *encode_progress(const fb_agreement *a, int32_t as_of, const fb_progress *p,
                               size_t n) {
    json_t *o = fb_json_encode_progress(a, as_of, p, n);
    json_t *targets = json_object_get(o, "targets");
    for (size_t i = 0; i < n && i < json_array_size(targets); i++) {
        if (!p[i].hidden) continue;
        json_t *t = json_array_get(targets, i);
        json_object_set_new(t, "achieved", json_null());
        if (json_object_get(t, "percent")) json_object_set_new(t, "percent", json_null());
        json_object_set_new(t, "status", json_string("suppressed"));
    }
    return o;
}

/* A government user sees its own region's agreements: the province all of Liaoning's, a city
 * its own, and of the province's its own targets (those of its city: own_targets). */
static bool sees_agreement(const req *r, const fb_agreement *a) {
    if (r->user.role != FB_ROLE_GOVERNMENT) return true;
    return r->user.region == 210000 || r->user.region == a->region || a->region == 210000;
}

/* Whether the caller is a city's government user reading the province's agreement: it reads
 * the targets of its own city alone. */
static bool city_of_province(const req *r, const fb_agreement *a) {
    return r->user.role == FB_ROLE_GOVERNMENT && r->user.region != 210000 &&
           a->region != r->user.region;
}

/* Keeps a's targets of the caller's city (and their progress, when p): false when none. */
static bool own_targets(const req *r, fb_agreement *a, fb_progress *p, size_t *n) {
    char mine[40];
    snprintf(mine, sizeof mine, "city:%d", (int)r->user.region);
    size_t kept = 0;
    for (size_t i = 0; i < a->n_targets; i++) {
        if (strcmp(a->targets[i].dimension, mine) != 0) continue;
        a->targets[kept] = a->targets[i];
        if (p) p[kept] = p[i];
        kept++;
    }
    a->n_targets = kept;
    if (n) *n = kept;
    return kept > 0;
}

static int agreement_read(req *r, fb_book *book, bool progress) {
    fb_agreement *a = malloc(sizeof *a);
    fb_progress *p = calloc(FB_TARGETS_MAX, sizeof *p);
    int rc = a && p ? fb_agreement_get(book, r->seg[2], a) : FB_ENOMEM;
    fb_agreement whole;
    if (rc == FB_OK) whole = *a;
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !sees_agreement(r, a)) ||
        (rc == FB_OK && city_of_province(r, a) && !own_targets(r, a, NULL, NULL))) {
        free(a);
        free(p);
        return fb__api_not_found(r, "agreement", r->seg[2]);
    }
    if (rc == FB_OK && !progress) fb_answer(r, 200, fb_json_encode_agreement(a));
    if (rc == FB_OK && progress) {
        int32_t as_of = 0;
        size_t n = 0;
        if (!fb__api_date_arg(r, "as_of", true, &as_of)) {
            /* answered: 400 */
        } else if ((rc = r->user.role == FB_ROLE_GOVERNMENT
                             ? fb_agreement_progress_protected(book, a->id, as_of, p, &n)
                             : fb_agreement_progress(book, a->id, as_of, p, &n)) == FB_EINVAL) {
            fb_problem(r, 422, "no progress on that date", "as_of", "%s", fb_book_errmsg(book));
            rc = FB_OK;
        } else if (rc == FB_OK) {
            if (city_of_province(r, a)) {
                *a = whole;
                own_targets(r, a, p, &n);
            }
            json_t *o = encode_progress(a, as_of, p, n);
            rc = fb_json_progress_ranks(book, a, as_of, p, n, o);
            if (rc == FB_OK) {
                fb_answer(r, 200, o);
            } else {
                json_decref(o);
            }
        }
    }
    free(a);
    free(p);
    return rc;
}

int fb__api_get_agreement(req *r, fb_book *book) { return agreement_read(r, book, false); }

int fb__api_agreement_progress(req *r, fb_book *book) { return agreement_read(r, book, true); }

int fb__api_list_agreements(req *r, fb_book *book) {
    size_t n = 0;
    fb_list_id *ids = fb__api_list_ids(r, book, FB_LIST_AGREEMENTS, NULL, &n);
    if (!ids) return FB_OK;
    fb_agreement *a = malloc(sizeof *a);
    json_t *out = json_array();
    for (size_t i = 0; a && i < n; i++) {
        if (fb_agreement_get(book, ids[i], a) == FB_OK && sees_agreement(r, a) &&
            (!city_of_province(r, a) || own_targets(r, a, NULL, NULL))) {
            json_array_append_new(out, fb_json_encode_agreement(a));
        }
    }
    free(ids);
    if (!a) return json_decref(out), FB_ENOMEM;
    free(a);
    return fb_answer(r, 200, out);
}

int fb__api_list_projects(req *r, fb_book *book) {
    size_t n = 0;
    fb_list_id *ids = fb__api_list_ids(r, book, FB_LIST_PROJECTS, NULL, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_project p;
        if (fb_project_get(book, ids[i], &p) == FB_OK) {
            json_array_append_new(out, fb_json_encode_project(&p));
        }
    }
    free(ids);
    return fb_answer(r, 200, out);
}
