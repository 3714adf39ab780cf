/* certificates.c — the API's supply-chain certificates: issue, transfer, financing, lineage. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "core/assert.h"

int fb__api_post_certificates(req *r, fb_book *book) {
    fb_cert_issue *v = NULL;
    size_t n = 0;
    if (!fb__api_elements(r, FB_PARTY_BATCH_MAX, sizeof *v, fb_json_read_cert_issue, (void **)&v,
                          &n))
        return FB_OK;
    FB_ASSERT(v != NULL && n > 0); /* a body read is 1 to FB_PARTY_BATCH_MAX events */
    for (size_t i = 0; fb__api_is_enterprise(r) && i < n; i++) {
        if (strcmp(v[i].core, r->user.party) != 0) {
            free(v);
            r->refused = true;
            return fb_problem(r, 403, "forbidden", "core",
                              "an enterprise issues certificates as its own core only");
        }
    }
    fb_cert_outcome *o = calloc(n, sizeof *o);
    int rc = o ? fb_certs_issue(book, v, n, o) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *out = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *line = json_pack("{s:I}", "index", (json_int_t)i);
            fb_json_cert_issue_result(line, &v[i], &o[i]);
            json_array_append_new(out, line);
        }
        fb_answer(r, 200, out);
        snprintf(r->outcome, sizeof r->outcome, "%zu certificates issued or refused", n);
    }
    free(v);
    free(o);
    return rc;
}

static int cert_move(req *r, fb_book *book, bool finance) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    /* The part is in the path: add it to the object the decoder reads. */
    json_t *b = fb_body(r, false);
    if (!b) return FB_OK;
    json_object_set_new(b, "part", json_string(r->seg[2]));
    char *text = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    fb_cert_move v;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int rc = text ? fb_json_decode_cert_move(text, strlen(text), finance, &v, &err) : FB_ENOMEM;
    free(text);
    const char *field = NULL;
    if (rc == FB_OK && fb_cert_move_check(&v, finance, &field, err.reason, sizeof err.reason)) {
        snprintf(err.field, sizeof err.field, "%s", field);
        rc = FB_EINVAL;
    }
    if (rc == FB_EINVAL)
        return fb_problem(r, 400, "invalid field", err.field, "%s %s", err.field, err.reason);
    if (rc) return rc;
    if (fb__api_is_enterprise(r)) {
        fb_certificate c;
        if (fb_cert_get(book, v.part, &c) != FB_OK || strcmp(c.holder, r->user.party) != 0) {
            return fb__api_not_found(r, "certificate held", v.part);
        }
    }
    fb_cert_outcome o;
    rc = finance ? fb_certs_finance(book, &v, 1, &o) : fb_certs_transfer(book, &v, 1, &o);
    if (rc) return rc;
    if (o.result == FB_CERT_PART_NOT_FOUND) return fb__api_not_found(r, "certificate", v.part);
    if (o.result != FB_CERT_DONE && o.result != FB_CERT_EXISTS) {
        if (o.result == FB_CERT_EXISTS_WITH_DIFFERENT) {
            return fb_problem(r, 409, "exists with different content", o.field,
                              "part %s exists with another %s", v.id, o.field);
        }
        return fb_problem(r, 422, fb_cert_result_name(o.result), o.field, "part %s: %s", v.part,
                          fb_cert_result_name(o.result));
    }
    snprintf(r->outcome, sizeof r->outcome, "%s %s -> %s %s", finance ? "financed" : "passed on",
             v.part, v.id, fb_cert_result_name(o.result));
    json_t *answer = json_object();
    fb_json_cert_move_result(answer, &v, &o);
    return fb_answer(r, o.result == FB_CERT_DONE ? 201 : 200, answer);
}

int fb__api_cert_transfer(req *r, fb_book *book) { return cert_move(r, book, false); }

int fb__api_cert_finance(req *r, fb_book *book) { return cert_move(r, book, true); }

static bool sees_certificate(const req *r, const fb_certificate *c) {
    if (!fb__api_is_enterprise(r)) return true;
    const char *fb__api_me = r->user.party;
    return strcmp(c->holder, fb__api_me) == 0 || strcmp(c->core, fb__api_me) == 0 ||
           strcmp(c->from, fb__api_me) == 0;
}

int fb__api_get_certificate(req *r, fb_book *book) {
    fb_certificate c;
    int rc = fb_cert_get(book, r->seg[2], &c);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !sees_certificate(r, &c))) {
        return fb__api_not_found(r, "certificate", r->seg[2]);
    }
    return rc ? rc : fb_answer(r, 200, fb_json_encode_cert(&c));
}

int fb__api_cert_lineage(req *r, fb_book *book) {
    fb_certificate *v = NULL;
    size_t n = 0;
    int rc = fb_cert_lineage(book, r->seg[2], &v, &n);
    /* An enterprise sees the tree of a certificate it issued, holds or held a part of. */
    bool party_of = rc == FB_OK && !strcmp(v[0].core, r->user.party);
    for (size_t i = 0; rc == FB_OK && !party_of && i < n; i++)
        party_of = !strcmp(v[i].holder, r->user.party) || !strcmp(v[i].from, r->user.party);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && fb__api_is_enterprise(r) && !party_of)) {
        free(v);
        return fb__api_not_found(r, "certificate", r->seg[2]);
    }
    if (rc == FB_OK) fb_answer(r, 200, fb_json_encode_lineage(v, n));
    free(v);
    return rc;
}

int fb__api_held_by(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (fb__api_is_enterprise(r) && strcmp(id, r->user.party) != 0)
        return fb__api_not_found(r, "party", id);
    fb_party p;
    int rc = fb_party_get(book, id, &p);
    if (rc == FB_ENOTFOUND) return fb__api_not_found(r, "party", id);
    fb_certificate *v = NULL;
    size_t n = 0;
    if (rc == FB_OK) rc = fb_certs_held_by(book, id, &v, &n);
    if (rc == FB_OK) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, fb_json_encode_cert(&v[i]));
        fb_answer(r, 200, a);
    }
    free(v);
    return rc;
}

int fb__api_list_certificates(req *r, fb_book *book) {
    size_t n = 0;
    fb_list_id *ids = fb__api_list_ids(r, book, FB_LIST_CERTIFICATE_ROOTS, NULL, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_certificate c;
        if (fb_cert_get(book, ids[i], &c) == FB_OK)
            json_array_append_new(out, fb_json_encode_cert(&c));
    }
    free(ids);
    return fb_answer(r, 200, out);
}
