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

/* Reads the body of a transfer or financing of the part in the path into v: false when the
 * answer is given already (400, or 404 for a part an enterprise does not hold). */
static bool move_body(req *r, fb_book *book, bool finance, fb_cert_move *v, int *rc) {
    *rc = FB_OK;
    if (!r->len)
        return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body"), false;
    /* The part is in the path: add it to the object the decoder reads. */
    json_t *b = fb_body(r, false);
    if (!b) return false;
    json_object_set_new(b, "part", json_string(r->seg[2]));
    char *text = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int got = text ? fb_json_decode_cert_move(text, strlen(text), finance, v, &err) : FB_ENOMEM;
    free(text);
    const char *field = NULL;
    if (got == FB_OK && fb_cert_move_check(v, finance, &field, err.reason, sizeof err.reason)) {
        snprintf(err.field, sizeof err.field, "%s", field);
        got = FB_EINVAL;
    }
    if (got == FB_EINVAL) {
        fb_problem(r, 400, "invalid field", err.field, "%s %s", err.field, err.reason);
        return false;
    }
    if (got) return *rc = got, false;
    if (fb__api_is_enterprise(r)) {
        fb_certificate c;
        if (fb_cert_get(book, v->part, &c) != FB_OK || strcmp(c.holder, r->user.party) != 0) {
            fb__api_not_found(r, "certificate held", v->part);
            return false;
        }
    }
    return true;
}

/* A move refused by the book: 404 for a part not found, 409 for an id taken by another part,
 * 422 naming the result (the dashboard's messages are keyed by it) otherwise. */
static int move_refused(req *r, const fb_cert_move *v, const fb_cert_outcome *o) {
    if (o->result == FB_CERT_PART_NOT_FOUND) return fb__api_not_found(r, "certificate", v->part);
    if (o->result == FB_CERT_EXISTS_WITH_DIFFERENT) {
        return fb_problem(r, 409, "exists with different content", o->field,
                          "part %s exists with another %s", v->id, o->field);
    }
    return fb_problem(r, 422, fb_cert_result_name(o->result), o->field, "part %s: %s", v->part,
                      fb_cert_result_name(o->result));
}

static int cert_move(req *r, fb_book *book, bool finance) {
    fb_cert_move v;
    int rc = FB_OK;
    if (!move_body(r, book, finance, &v, &rc)) return rc;
    fb_cert_outcome o;
    rc = finance ? fb_certs_finance(book, &v, 1, &o) : fb_certs_transfer(book, &v, 1, &o);
    if (rc) return rc;
    if (o.result != FB_CERT_DONE && o.result != FB_CERT_EXISTS) return move_refused(r, &v, &o);
    snprintf(r->outcome, sizeof r->outcome, "%s %s -> %s %s", finance ? "financed" : "passed on",
             v.part, v.id, fb_cert_result_name(o.result));
    json_t *answer = json_object();
    fb_json_cert_move_result(answer, &v, &o);
    return fb_answer(r, o.result == FB_CERT_DONE ? 201 : 200, answer);
}

/* What the move would do, with nothing written: the same body, the same refusals, and an id
 * already used (even by the same move) is a 409, since the move would then do nothing. */
static int cert_quote(req *r, fb_book *book, bool finance) {
    fb_cert_move v;
    int rc = FB_OK;
    if (!move_body(r, book, finance, &v, &rc)) return rc;
    fb_cert_outcome o;
    rc = fb_cert_quote(book, &v, finance, &o);
    if (rc) return rc;
    if (o.result == FB_CERT_EXISTS) {
        return fb_problem(r, 409, "exists", "id", "part %s exists already", v.id);
    }
    if (o.result != FB_CERT_DONE) return move_refused(r, &v, &o);
    fb_certificate part;
    fb_party to;
    memset(&to, 0, sizeof to);
    rc = fb_cert_get(book, v.part, &part);
    if (rc == FB_OK && !finance) rc = fb_party_get(book, v.to, &to);
    if (rc) return rc;
    return fb_answer(r, 200, fb_json_encode_cert_quote(&v, finance, &part, &o, to.name));
}

int fb__api_cert_transfer_quote(req *r, fb_book *book) { return cert_quote(r, book, false); }

int fb__api_cert_finance_quote(req *r, fb_book *book) { return cert_quote(r, book, true); }

/* The parties a holder may name as the receiver of a part: an enterprise finds them for itself
 * only; each answer is a name and a city (records_cert.c), never a figure. */
int fb__api_receivers(req *r, fb_book *book) {
    const char *holder = r->seg[2];
    if (fb__api_is_enterprise(r) && strcmp(holder, r->user.party) != 0)
        return fb__api_not_found(r, "party", holder);
    if (!fb__api_party_seen(r, book, holder)) return FB_OK;
    int64_t limit = FB_RECEIVERS_MAX;
    if (!fb__api_int_arg(r, "limit", 1, FB_RECEIVERS_MAX, &limit)) return FB_OK;
    const char *q = fb_arg(r, "q"), *part = fb_arg(r, "part");
    if (!q) return fb_problem(r, 400, "invalid query", "q", "q is required: part of a name");
    fb_party_name found[FB_RECEIVERS_MAX];
    size_t n = 0;
    int rc = fb_parties_receivers(book, holder, q, part ? part : "", (size_t)limit, found, &n);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 400, "invalid query", "q",
                          "q takes %d characters or more of a name, or a whole id, at most %d "
                          "bytes, no control characters",
                          FB_RECEIVER_QUERY_MIN, FB_NAME_MAX);
    }
    if (rc) return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, fb_json_encode_party_name(&found[i]));
    return fb_answer(r, 200, a);
}

int fb__api_cert_transfer(req *r, fb_book *book) { return cert_move(r, book, false); }

int fb__api_cert_finance(req *r, fb_book *book) { return cert_move(r, book, true); }

/* A certificate part as both doors answer it: with the names of its core and of its holder. */
static json_t *cert_json(fb_book *book, const fb_certificate *c) {
    return fb_json_cert_view(book, c);
}

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
    return rc ? rc : fb_answer(r, 200, cert_json(book, &c));
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
    if (rc == FB_OK) {
        fb_answer(r, 200, fb_json_lineage_view(book, v, n));
    }
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
            json_array_append_new(a, cert_json(book, &v[i]));
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
        if (fb_cert_get(book, ids[i], &c) == FB_OK) json_array_append_new(out, cert_json(book, &c));
    }
    free(ids);
    return fb_answer(r, 200, out);
}
