/* routes.c — the API's routes: who may call each, and what each does. Every resource speaks the
 * command line's JSON (amounts as decimal strings of yuan, dates YYYY-MM-DD). */
#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "json/api_json.h"
#include "json/book_json.h"

#define BANK R(FB_ROLE_BANK_OFFICER)
#define AUDITOR R(FB_ROLE_AUDITOR)
#define ENTERPRISE R(FB_ROLE_ENTERPRISE)
#define READERS (BANK | AUDITOR)

static bool is_enterprise(const req *r) { return r->user.role == FB_ROLE_ENTERPRISE; }

/* An enterprise sees its own records only: the answer for anything else is 404, as for a record
 * that does not exist, so that it learns nothing of others. */
static int not_found(req *r, const char *what, const char *id) {
    return fb_problem(r, 404, "not found", NULL, "no %s %s", what, id);
}

static bool own_account(const req *r, const char *id) {
    char dep[FB_ID_MAX + 8], held[FB_ID_MAX + 8];
    snprintf(dep, sizeof dep, "dep:%s", r->user.party);
    snprintf(held, sizeof held, "cth:%s", r->user.party);
    return strcmp(id, dep) == 0 || strcmp(id, held) == 0;
}

/* The array body's events, each read as the command line reads a line. A bad event is a 400
 * naming its index and field; too many a 413; nothing is written. */
static bool elements(req *r, size_t max, size_t size, fb_json_element_fn *fn, void **out,
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

/* ---- The ledger ---------------------------------------------------------------------------- */

static int account_element(const char *text, size_t len, void *out, fb_json_error *err) {
    bool linked = false;
    return fb_json_decode_account(text, len, out, &linked, err);
}

static int transfer_element(const char *text, size_t len, void *out, fb_json_error *err) {
    bool linked = false;
    return fb_json_decode_transfer(text, len, out, &linked, err);
}

/* A create of a batch of records: the body's events decoded, submitted in one call, and one
 * result line each. */
typedef struct {
    const char *noun;
    size_t max, size, outcome_size;
    fb_json_element_fn *decode;
    int (*submit)(fb_ledger *l, void *records, size_t n, void *outcomes);
    /* The result line of record i; *done when it was created. */
    json_t *(*describe)(size_t i, const void *record, const void *outcome, bool *done);
} batch_kind;

static json_t *result_line(size_t i, const char *id, const char *result, const char *field) {
    json_t *o = json_object();
    json_object_set_new(o, "index", json_integer((json_int_t)i));
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "result", json_string(result));
    if (field) json_object_set_new(o, "field", json_string(field));
    return o;
}

static int create_batch(req *r, fb_ledger *l, const batch_kind *k) {
    void *v = NULL;
    size_t n = 0;
    if (!elements(r, k->max, k->size, k->decode, &v, &n)) return FB_OK;
    char *outcomes = calloc(n, k->outcome_size);
    int rc = outcomes ? k->submit(l, v, n, outcomes) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *out = json_array();
        size_t done = 0;
        for (size_t i = 0; i < n; i++) {
            bool created = false;
            json_array_append_new(out, k->describe(i, (char *)v + i * k->size,
                                                   outcomes + i * k->outcome_size, &created));
            done += created;
        }
        fb_answer(r, 200, out);
        snprintf(r->outcome, sizeof r->outcome, "%zu %s, %zu created", n, k->noun, done);
    }
    free(v);
    free(outcomes);
    return rc;
}

/* What the ledger answers an event: its result, and for a created one its timestamp and the
 * amount moved. */
typedef struct {
    fb_result result;
    int64_t ts;
    int64_t amount;
} ledger_outcome;

static int submit_ledger(fb_ledger *l, void *records, size_t n, void *outcomes, bool transfers) {
    fb_result *res = calloc(n, sizeof *res);
    int64_t *ts = calloc(n, sizeof *ts), *amounts = calloc(n, sizeof *amounts);
    int rc = res && ts && amounts
                 ? transfers ? fb_ledger_create_transfers(l, records, n, res, ts, amounts)
                             : fb_ledger_create_accounts(l, records, n, res, ts)
                 : FB_ENOMEM;
    ledger_outcome *o = outcomes;
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        o[i] = (ledger_outcome){res[i], ts[i], amounts[i]};
    free(res);
    free(ts);
    free(amounts);
    return rc;
}

static int submit_accounts(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return submit_ledger(l, records, n, outcomes, false);
}

static int submit_transfers(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return submit_ledger(l, records, n, outcomes, true);
}

static json_t *describe_ledger(size_t i, const char *id, const ledger_outcome *o, bool transfer,
                               bool *done) {
    json_t *x = result_line(i, id, fb_result_name(o->result), NULL);
    *done = o->result == FB_RESULT_CREATED;
    if (*done) {
        json_object_set_new(x, "timestamp", fb_json_i64_string(o->ts));
        if (transfer) json_object_set_new(x, "amount", fb_json_money(o->amount));
    }
    return x;
}

static json_t *describe_account(size_t i, const void *record, const void *outcome, bool *done) {
    return describe_ledger(i, ((const fb_account *)record)->id, outcome, false, done);
}

static json_t *describe_transfer(size_t i, const void *record, const void *outcome, bool *done) {
    return describe_ledger(i, ((const fb_transfer *)record)->id, outcome, true, done);
}

static const batch_kind accounts = {
    "accounts",      FB_BATCH_MAX,    sizeof(fb_account), sizeof(ledger_outcome),
    account_element, submit_accounts, describe_account};
static const batch_kind transfers = {
    "transfers",      FB_BATCH_MAX,     sizeof(fb_transfer), sizeof(ledger_outcome),
    transfer_element, submit_transfers, describe_transfer};

static int post_accounts(req *r, fb_ledger *l) { return create_batch(r, l, &accounts); }
static int post_transfers(req *r, fb_ledger *l) { return create_batch(r, l, &transfers); }

static int get_account(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && !own_account(r, id)) return not_found(r, "account", id);
    fb_account a;
    int rc = fb_ledger_get_account(l, id, &a);
    if (rc == FB_ENOTFOUND || rc == FB_EINVAL) return not_found(r, "account", id);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_account(&a));
}

/* --from --to --limit as the command line takes them, and a cursor: the timestamp after which
 * the next page starts. */
static bool page_query(req *r, fb_query *q) {
    memset(q, 0, sizeof *q);
    q->limit = 100;
    const char *names[3] = {"from", "to", "cursor"};
    int64_t *dst[3] = {&q->from_ns, &q->to_ns, NULL};
    int64_t cursor = 0;
    dst[2] = &cursor;
    for (int i = 0; i < 3; i++) {
        const char *v = fb_arg(r, names[i]);
        char *end = NULL;
        if (!v) continue;
        long long x = strtoll(v, &end, 10);
        if (*end || x < 0) {
            fb_problem(r, 400, "invalid query", names[i], "%s must be a timestamp in nanoseconds",
                       names[i]);
            return false;
        }
        *dst[i] = x;
    }
    const char *limit = fb_arg(r, "limit");
    if (limit) {
        char *end = NULL;
        long x = strtol(limit, &end, 10);
        if (*end || x < 1 || x > FB_QUERY_LIMIT_MAX) {
            fb_problem(r, 400, "invalid query", "limit", "limit must be 1 to %d",
                       FB_QUERY_LIMIT_MAX);
            return false;
        }
        q->limit = (uint32_t)x;
    }
    q->reverse = fb_arg(r, "reverse") && strcmp(fb_arg(r, "reverse"), "true") == 0;
    if (cursor) {
        if (q->reverse) {
            q->to_ns = cursor - 1;
        } else {
            q->from_ns = cursor + 1;
        }
    }
    return true;
}

static int account_transfers(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && !own_account(r, id)) return not_found(r, "account", id);
    fb_query q;
    if (!page_query(r, &q)) return FB_OK;
    fb_transfer *v = calloc(q.limit, sizeof *v);
    size_t n = 0;
    int rc = v ? fb_ledger_account_transfers(l, id, &q, v, &n) : FB_ENOMEM;
    if (rc == FB_ENOTFOUND || rc == FB_EINVAL) {
        free(v);
        return not_found(r, "account", id);
    }
    if (rc == FB_OK) {
        json_t *o = json_object(), *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, fb_json_encode_transfer(&v[i]));
        json_object_set_new(o, "transfers", a);
        json_object_set_new(o, "next_cursor",
                            n == q.limit ? fb_json_i64_string(v[n - 1].timestamp_ns) : json_null());
        fb_answer(r, 200, o);
    }
    free(v);
    return rc;
}

static int account_balances(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && !own_account(r, id)) return not_found(r, "account", id);
    fb_query q;
    memset(&q, 0, sizeof q);
    q.limit = 1;
    q.reverse = true;
    const char *as_of = fb_arg(r, "as_of");
    if (as_of) {
        char *end = NULL;
        long long x = strtoll(as_of, &end, 10);
        if (*end || x <= 0) {
            return fb_problem(r, 400, "invalid query", "as_of",
                              "as_of must be a timestamp in nanoseconds");
        }
        q.to_ns = x;
    }
    fb_balance b;
    size_t n = 0;
    int rc = fb_ledger_account_balances(l, id, &q, &b, &n);
    if (rc == FB_ENOTFOUND) return not_found(r, "account", id);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no balance history", NULL, "account %s keeps no history", id);
    }
    if (rc) return rc;
    json_t *o = n ? fb_json_encode_balance(&b) : json_object();
    json_object_set_new(o, "account", json_string(id));
    return fb_answer(r, 200, o);
}

static int get_transfer(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    fb_transfer t;
    int rc = fb_ledger_get_transfer(l, id, &t);
    if (rc == FB_ENOTFOUND || rc == FB_EINVAL) return not_found(r, "transfer", id);
    if (rc) return rc;
    if (is_enterprise(r) && !own_account(r, t.debit_account_id) &&
        !own_account(r, t.credit_account_id)) {
        return not_found(r, "transfer", id);
    }
    return fb_answer(r, 200, fb_json_encode_transfer(&t));
}

/* ---- The loan book ------------------------------------------------------------------------- */

static int submit_parties(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return fb_parties_create(l, records, n, outcomes);
}

static json_t *describe_party(size_t i, const void *record, const void *outcome, bool *done) {
    const fb_party_outcome *o = outcome;
    *done = o->result == FB_PARTY_CREATED;
    return result_line(i, ((const fb_party *)record)->id, fb_party_result_name(o->result),
                       o->field);
}

static const batch_kind parties = {
    "parties",          FB_PARTY_BATCH_MAX, sizeof(fb_party), sizeof(fb_party_outcome),
    fb_json_read_party, submit_parties,     describe_party};

static int post_parties(req *r, fb_ledger *l) { return create_batch(r, l, &parties); }

static int get_party(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && strcmp(id, r->user.party) != 0) return not_found(r, "party", id);
    fb_party p;
    int rc = fb_party_get(l, id, &p);
    if (rc == FB_ENOTFOUND) return not_found(r, "party", id);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_party(&p));
}

static int submit_facilities(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return fb_facilities_create(l, records, n, outcomes);
}

static json_t *describe_facility(size_t i, const void *record, const void *outcome, bool *done) {
    const fb_facility_outcome *o = outcome;
    *done = o->result == FB_FACILITY_CREATED;
    return result_line(i, ((const fb_facility *)record)->id, fb_facility_result_name(o->result),
                       o->field);
}

static const batch_kind facilities = {
    "facilities",          FB_PARTY_BATCH_MAX, sizeof(fb_facility), sizeof(fb_facility_outcome),
    fb_json_read_facility, submit_facilities,  describe_facility};

static int post_facilities(req *r, fb_ledger *l) { return create_batch(r, l, &facilities); }

static int get_facility(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    fb_facility f;
    int rc = fb_facility_get(l, id, &f);
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && is_enterprise(r) && strcmp(f.party, r->user.party) != 0)) {
        return not_found(r, "facility", id);
    }
    if (rc) return rc;
    json_t *o = fb_json_encode_facility(&f);
    fb_json_add_facility_balances(l, &f, o);
    return fb_answer(r, 200, o);
}

static int submit_loans(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return fb_loans_create(l, records, n, outcomes);
}

static json_t *describe_loan(size_t i, const void *record, const void *outcome, bool *done) {
    const fb_loan_outcome *o = outcome;
    *done = o->result == FB_LOAN_CREATED;
    return result_line(i, ((const fb_loan *)record)->id, fb_loan_result_name(o->result), o->field);
}

static const batch_kind loans = {
    "loans",           FB_PARTY_BATCH_MAX, sizeof(fb_loan), sizeof(fb_loan_outcome),
    fb_json_read_loan, submit_loans,       describe_loan};

static int post_loans(req *r, fb_ledger *l) { return create_batch(r, l, &loans); }

/* The loan, if the caller may see it. */
static int visible_loan(req *r, fb_ledger *l, fb_loan *x) {
    const char *id = r->seg[2];
    int rc = fb_loan_get(l, id, x);
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && is_enterprise(r) && strcmp(x->party, r->user.party) != 0)) {
        not_found(r, "loan", id);
        return FB_ENOTFOUND;
    }
    return rc;
}

static int get_loan(req *r, fb_ledger *l) {
    fb_loan x;
    int rc = visible_loan(r, l, &x);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    json_t *o = fb_json_encode_loan(&x);
    fb_loan_position p;
    if (fb_loan_position_get(l, x.id, &p) == FB_OK) fb_json_add_position(o, &p);
    return fb_answer(r, 200, o);
}

static int loan_schedule(req *r, fb_ledger *l) {
    fb_loan x;
    int rc = visible_loan(r, l, &x);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    size_t n = 0;
    rc = s ? fb_loan_schedule(l, x.id, s, FB_LOAN_MONTHS_MAX, &n) : FB_ENOMEM;
    if (rc == FB_OK) fb_answer(r, 200, fb_json_encode_schedule(s, n));
    free(s);
    return rc;
}

typedef int servicing_fn(fb_ledger *l, fb_repayment *p, fb_repay_result *result);

static int loan_servicing(req *r, fb_ledger *l, servicing_fn *op, fb_servicing kind) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_repayment p;
    memset(&p, 0, sizeof p);
    if (strlen(r->seg[2]) >= sizeof p.loan) return not_found(r, "loan", r->seg[2]);
    snprintf(p.loan, sizeof p.loan, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_servicing(r->body, r->len, kind, &p, &err)) {
        return fb_problem(r, 400, err.field[0] ? "invalid field" : "malformed request",
                          err.field[0] ? err.field : NULL, "%s%s%s", err.field,
                          err.field[0] ? " " : "", err.reason);
    }
    fb_repay_result result = FB_REPAY_DONE;
    int rc = op(l, &p, &result);
    if (rc) return rc;
    if (result == FB_REPAY_LOAN_NOT_FOUND) return not_found(r, "loan", p.loan);
    if (result == FB_REPAY_EXISTS_WITH_DIFFERENT) {
        return fb_problem(r, 409, "exists with different content", "id",
                          "repayment %s was booked with another loan, amount or date", p.id);
    }
    if (result != FB_REPAY_DONE && result != FB_REPAY_EXISTS) {
        return fb_problem(r, 422, fb_repay_result_name(result), NULL, "loan %s: %s", p.loan,
                          fb_repay_result_name(result));
    }
    snprintf(r->outcome, sizeof r->outcome, "loan %s %s", p.loan, fb_repay_result_name(result));
    return fb_answer(r, result == FB_REPAY_DONE ? 201 : 200, fb_json_encode_servicing(&p, result));
}

static int loan_repay(req *r, fb_ledger *l) {
    return loan_servicing(r, l, fb_loan_repay, FB_SERVICING_REPAY);
}
static int loan_write_off(req *r, fb_ledger *l) {
    return loan_servicing(r, l, fb_loan_write_off, FB_SERVICING_WRITE_OFF);
}
static int loan_recover(req *r, fb_ledger *l) {
    return loan_servicing(r, l, fb_loan_recover, FB_SERVICING_RECOVER);
}

static int post_eod(req *r, fb_ledger *l) {
    json_t *b = fb_body(r, false);
    if (!b) return FB_OK;
    char field[FB_FIELD_NAME_MAX + 1] = "date";
    const char *why = "is missing", *key;
    json_t *v;
    int32_t through = 0;
    bool ok = false;
    json_object_foreach(b, key, v) {
        if (strcmp(key, "date") != 0) {
            snprintf(field, sizeof field, "%s", key); /* copied: b is released below */
            why = "is not a field of this operation";
            ok = false;
            break;
        }
        ok = json_is_string(v) && fb_date_parse(json_string_value(v), &through, &why) == FB_OK;
        if (!json_is_string(v)) why = "must be a string YYYY-MM-DD";
    }
    json_decref(b);
    if (!ok) return fb_problem(r, 400, "invalid field", field, "%s %s", field, why);
    int32_t closed = 0, open = 0;
    int rc = fb_eod_run(l, through, NULL, NULL, &closed);
    if (rc == FB_OK) rc = fb_business_date(l, &open);
    if (rc) return rc;
    json_t *o = json_object();
    char date[11];
    json_object_set_new(o, "days_closed", json_integer(closed));
    json_object_set_new(o, "business_date", json_string(fb_date_format(open, date)));
    snprintf(r->outcome, sizeof r->outcome, "closed %d days", closed);
    return fb_answer(r, 200, o);
}

/* ---- Certificates -------------------------------------------------------------------------- */

static json_t *cert_outcome(const fb_cert_outcome *o, const char *id) {
    json_t *x = result_line(0, id, fb_cert_result_name(o->result), o->field);
    json_object_del(x, "index");
    if (o->result == FB_CERT_DONE || o->result == FB_CERT_EXISTS) {
        json_object_set_new(x, "amount", fb_json_money(o->amount_fen));
        if (o->discount_fen) {
            json_object_set_new(x, "discount", fb_json_money(o->discount_fen));
            json_object_set_new(x, "proceeds", fb_json_money(o->proceeds_fen));
        }
        if (o->long_term) {
            json_object_set_new(x, "warning", json_string("the term is longer than six months"));
        }
    }
    return x;
}

static int post_certificates(req *r, fb_ledger *l) {
    fb_cert_issue *v = NULL;
    size_t n = 0;
    if (!elements(r, FB_PARTY_BATCH_MAX, sizeof *v, fb_json_read_cert_issue, (void **)&v, &n))
        return FB_OK;
    for (size_t i = 0; is_enterprise(r) && i < n; i++) {
        if (strcmp(v[i].core, r->user.party) != 0) {
            free(v);
            r->refused = true;
            return fb_problem(r, 403, "forbidden", "core",
                              "an enterprise issues certificates as its own core only");
        }
    }
    fb_cert_outcome *o = calloc(n, sizeof *o);
    int rc = o ? fb_certs_issue(l, v, n, o) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *out = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(out, cert_outcome(&o[i], v[i].id));
        fb_answer(r, 200, out);
        snprintf(r->outcome, sizeof r->outcome, "%zu certificates issued or refused", n);
    }
    free(v);
    free(o);
    return rc;
}

static int cert_move(req *r, fb_ledger *l, bool finance) {
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
    if (is_enterprise(r)) {
        fb_certificate c;
        if (fb_cert_get(l, v.part, &c) != FB_OK || strcmp(c.holder, r->user.party) != 0) {
            return not_found(r, "certificate held", v.part);
        }
    }
    fb_cert_outcome o;
    rc = finance ? fb_certs_finance(l, &v, 1, &o) : fb_certs_transfer(l, &v, 1, &o);
    if (rc) return rc;
    if (o.result == FB_CERT_PART_NOT_FOUND) return not_found(r, "certificate", v.part);
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
    return fb_answer(r, o.result == FB_CERT_DONE ? 201 : 200, cert_outcome(&o, v.id));
}

static int cert_transfer(req *r, fb_ledger *l) { return cert_move(r, l, false); }
static int cert_finance(req *r, fb_ledger *l) { return cert_move(r, l, true); }

static bool sees_certificate(const req *r, const fb_certificate *c) {
    if (!is_enterprise(r)) return true;
    const char *me = r->user.party;
    return strcmp(c->holder, me) == 0 || strcmp(c->core, me) == 0 || strcmp(c->from, me) == 0;
}

static int get_certificate(req *r, fb_ledger *l) {
    fb_certificate c;
    int rc = fb_cert_get(l, r->seg[2], &c);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !sees_certificate(r, &c))) {
        return not_found(r, "certificate", r->seg[2]);
    }
    return rc ? rc : fb_answer(r, 200, fb_json_encode_cert(&c));
}

static int cert_lineage(req *r, fb_ledger *l) {
    fb_certificate *v = NULL;
    size_t n = 0;
    int rc = fb_cert_lineage(l, r->seg[2], &v, &n);
    /* An enterprise sees the tree of a certificate it issued, holds or held a part of. */
    bool party_of = rc == FB_OK && !strcmp(v[0].core, r->user.party);
    for (size_t i = 0; rc == FB_OK && !party_of && i < n; i++)
        party_of = !strcmp(v[i].holder, r->user.party) || !strcmp(v[i].from, r->user.party);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && is_enterprise(r) && !party_of)) {
        free(v);
        return not_found(r, "certificate", r->seg[2]);
    }
    if (rc == FB_OK) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, fb_json_encode_cert(&v[i]));
        json_t *o = json_object();
        json_object_set_new(o, "root", json_string(v[0].root));
        json_object_set_new(o, "parts", a);
        fb_answer(r, 200, o);
    }
    free(v);
    return rc;
}

static int held_by(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && strcmp(id, r->user.party) != 0) return not_found(r, "party", id);
    fb_party p;
    int rc = fb_party_get(l, id, &p);
    if (rc == FB_ENOTFOUND) return not_found(r, "party", id);
    fb_certificate *v = NULL;
    size_t n = 0;
    if (rc == FB_OK) rc = fb_certs_held_by(l, id, &v, &n);
    if (rc == FB_OK) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, fb_json_encode_cert(&v[i]));
        fb_answer(r, 200, a);
    }
    free(v);
    return rc;
}

/* ---- The cooperation ------------------------------------------------------------------------ */

static int submit_projects(fb_ledger *l, void *records, size_t n, void *outcomes) {
    return fb_projects_create(l, records, n, outcomes);
}

static json_t *describe_project(size_t i, const void *record, const void *outcome, bool *done) {
    static const char *const names[] = {"created", "exists", "exists_with_different"};
    fb_project_result r = *(const fb_project_result *)outcome;
    *done = r == FB_PROJECT_CREATED;
    return result_line(i, ((const fb_project *)record)->id, names[r], NULL);
}

static const batch_kind projects = {
    "projects",           FB_PARTY_BATCH_MAX, sizeof(fb_project), sizeof(fb_project_result),
    fb_json_read_project, submit_projects,    describe_project};

static int post_projects(req *r, fb_ledger *l) { return create_batch(r, l, &projects); }

static int get_project(req *r, fb_ledger *l) {
    fb_project p;
    int rc = fb_project_get(l, r->seg[2], &p);
    if (rc == FB_ENOTFOUND) return not_found(r, "project", r->seg[2]);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_project(&p));
}

static int post_agreement(req *r, fb_ledger *l) {
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
    if (rc == FB_OK) rc = fb_agreement_create(l, a, &exists);
    if (rc == FB_EINVAL) {
        fb_problem(r, 409, "exists with different content", "id", "%s", fb_ledger_errmsg(l));
        rc = FB_OK;
    } else if (rc == FB_OK) {
        fb_answer(r, exists ? 200 : 201, fb_json_encode_agreement(a));
        snprintf(r->outcome, sizeof r->outcome, "agreement %s %s", a->id,
                 exists ? "exists" : "created");
    }
    free(a);
    return rc;
}

/* A government user sees its own region's agreements: the province all of Liaoning's, a city
 * its own. */
static bool sees_agreement(const req *r, const fb_agreement *a) {
    if (r->user.role != FB_ROLE_GOVERNMENT) return true;
    return r->user.region == 210000 || r->user.region == a->region;
}

static int agreement_read(req *r, fb_ledger *l, bool progress) {
    fb_agreement *a = malloc(sizeof *a);
    fb_progress *p = calloc(FB_TARGETS_MAX, sizeof *p);
    int rc = a && p ? fb_agreement_get(l, r->seg[2], a) : FB_ENOMEM;
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !sees_agreement(r, a))) {
        free(a);
        free(p);
        return not_found(r, "agreement", r->seg[2]);
    }
    if (rc == FB_OK && !progress) fb_answer(r, 200, fb_json_encode_agreement(a));
    if (rc == FB_OK && progress) {
        const char *v = fb_arg(r, "as_of");
        int32_t as_of = 0;
        const char *why = "is missing";
        size_t n = 0;
        if (!v || fb_date_parse(v, &as_of, &why)) {
            fb_problem(r, 400, "invalid query", "as_of", "as_of %s", why);
        } else if ((rc = fb_agreement_progress(l, a->id, as_of, p, &n)) == FB_EINVAL) {
            fb_problem(r, 422, "no progress on that date", "as_of", "%s", fb_ledger_errmsg(l));
            rc = FB_OK;
        } else if (rc == FB_OK) {
            fb_answer(r, 200, fb_json_encode_progress(a, as_of, p, n));
        }
    }
    free(a);
    free(p);
    return rc;
}

static int get_agreement(req *r, fb_ledger *l) { return agreement_read(r, l, false); }
static int agreement_progress(req *r, fb_ledger *l) { return agreement_read(r, l, true); }

/* ---- Lists, for the dashboard --------------------------------------------------------------- */

enum { LIST_MAX = 1000 };

static fb_list_id *list_ids(req *r, fb_ledger *l, fb_list_kind kind, const char *filter,
                            size_t *n) {
    const char *v = fb_arg(r, "limit");
    long limit = v ? strtol(v, NULL, 10) : LIST_MAX;
    *n = 0;
    if (limit < 1 || limit > LIST_MAX) {
        fb_problem(r, 400, "invalid query", "limit", "limit must be 1 to %d", LIST_MAX);
        return NULL;
    }
    fb_list_id *ids = calloc((size_t)limit, sizeof *ids);
    if (!ids || fb_list(l, kind, filter, ids, (size_t)limit, n)) {
        free(ids);
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_ledger_errmsg(l));
        return NULL;
    }
    return ids;
}

static int list_agreements(req *r, fb_ledger *l) {
    size_t n = 0;
    fb_list_id *ids = list_ids(r, l, FB_LIST_AGREEMENTS, NULL, &n);
    if (!ids) return FB_OK;
    fb_agreement *a = malloc(sizeof *a);
    json_t *out = json_array();
    for (size_t i = 0; a && i < n; i++) {
        if (fb_agreement_get(l, ids[i], a) == FB_OK && sees_agreement(r, a)) {
            json_array_append_new(out, fb_json_encode_agreement(a));
        }
    }
    free(ids);
    if (!a) return json_decref(out), FB_ENOMEM;
    free(a);
    return fb_answer(r, 200, out);
}

static int list_projects(req *r, fb_ledger *l) {
    size_t n = 0;
    fb_list_id *ids = list_ids(r, l, FB_LIST_PROJECTS, NULL, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_project p;
        if (fb_project_get(l, ids[i], &p) == FB_OK) {
            json_array_append_new(out, fb_json_encode_project(&p));
        }
    }
    free(ids);
    return fb_answer(r, 200, out);
}

static int party_facilities(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && strcmp(id, r->user.party) != 0) return not_found(r, "party", id);
    size_t n = 0;
    fb_list_id *ids = list_ids(r, l, FB_LIST_PARTY_FACILITIES, id, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_facility f;
        if (fb_facility_get(l, ids[i], &f) == FB_OK) {
            json_t *o = fb_json_encode_facility(&f);
            fb_json_add_facility_balances(l, &f, o);
            json_array_append_new(out, o);
        }
    }
    free(ids);
    return fb_answer(r, 200, out);
}

static int party_loans(req *r, fb_ledger *l) {
    const char *id = r->seg[2];
    if (is_enterprise(r) && strcmp(id, r->user.party) != 0) return not_found(r, "party", id);
    size_t n = 0;
    fb_list_id *ids = list_ids(r, l, FB_LIST_PARTY_LOANS, id, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_loan x;
        if (fb_loan_get(l, ids[i], &x) != FB_OK) continue;
        json_t *o = fb_json_encode_loan(&x);
        fb_loan_position p;
        if (fb_loan_position_get(l, x.id, &p) == FB_OK) fb_json_add_position(o, &p);
        json_array_append_new(out, o);
    }
    free(ids);
    return fb_answer(r, 200, out);
}

static int list_certificates(req *r, fb_ledger *l) {
    size_t n = 0;
    fb_list_id *ids = list_ids(r, l, FB_LIST_CERTIFICATE_ROOTS, NULL, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_certificate c;
        if (fb_cert_get(l, ids[i], &c) == FB_OK)
            json_array_append_new(out, fb_json_encode_cert(&c));
    }
    free(ids);
    return fb_answer(r, 200, out);
}

/* The business date: the day now open; the day before it is the last one closed. */
static int eod_status(req *r, fb_ledger *l) {
    int32_t open = 0;
    int rc = fb_business_date(l, &open);
    if (rc) return rc;
    char d[11];
    json_t *o = json_object();
    json_object_set_new(o, "business_date",
                        open ? json_string(fb_date_format(open, d)) : json_null());
    json_object_set_new(o, "last_closed",
                        open ? json_string(fb_date_format(open - 1, d)) : json_null());
    return fb_answer(r, 200, o);
}

/* ---- Reports -------------------------------------------------------------------------------- */

static bool date_arg(req *r, const char *name, bool required, int32_t *out) {
    const char *v = fb_arg(r, name);
    const char *why = "is missing";
    *out = 0;
    if (!v && !required) return true;
    if (v && fb_date_parse(v, out, &why) == FB_OK) return true;
    fb_problem(r, 400, "invalid query", name, "%s %s", name, why);
    return false;
}

/* A region argument: absent, 210000 or one of its cities; a government user's is its own. */
static bool region_query(req *r, int32_t *region) {
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

/* Credit by dimension; a government user sees its own region's borrowers only. */
static int report_credit(req *r, fb_ledger *l) {
    int32_t as_of = 0, from = 0;
    unsigned dims = 0;
    if (!date_arg(r, "as_of", true, &as_of) || !date_arg(r, "from", false, &from)) return FB_OK;
    const char *by = fb_arg(r, "by");
    if (by && fb_report_dims_parse(by, &dims)) {
        return fb_problem(r, 400, "invalid query", "by",
                          "by takes city, chain, line, size and class, comma-separated");
    }
    int32_t region = 0;
    if (!region_query(r, &region)) return FB_OK;
    fb_report_row *rows = NULL;
    size_t n = 0;
    int rc = fb_report_credit(l, as_of, from, dims, region, &rows, &n);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_ledger_errmsg(l));
    }
    if (rc) return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, fb_json_encode_report_row(&rows[i]));
    free(rows);
    return fb_answer(r, 200, a);
}

static int report_inclusive(req *r, fb_ledger *l) {
    int32_t as_of = 0, region = 0;
    if (!date_arg(r, "as_of", true, &as_of) || !region_query(r, &region)) return FB_OK;
    fb_two_increases t;
    int rc = fb_report_two_increases(l, as_of, region, &t);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_ledger_errmsg(l));
    }
    if (rc) return rc;
    return fb_answer(r, 200, fb_json_encode_two_increases(&t));
}

static int report_moves(req *r, fb_ledger *l) {
    int32_t from = 0, to = 0;
    if (!date_arg(r, "from", true, &from) || !date_arg(r, "as_of", true, &to)) return FB_OK;
    fb_class_move m[FB_CLASS_COUNT_ * FB_CLASS_COUNT_];
    size_t n = 0;
    int rc = fb_report_moves(l, from, to, m, sizeof m / sizeof m[0], &n);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_ledger_errmsg(l));
    }
    if (rc) return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = fb_json_encode_move(&m[i]);
        json_array_append_new(a, j);
    }
    return fb_answer(r, 200, a);
}

static int report_exposures(req *r, fb_ledger *l) {
    const char *v = fb_arg(r, "limit");
    long limit = v ? strtol(v, NULL, 10) : 10;
    if (limit < 1 || limit > 1000) {
        return fb_problem(r, 400, "invalid query", "limit", "limit must be 1 to 1000");
    }
    fb_exposure *e = calloc((size_t)limit, sizeof *e);
    size_t n = 0;
    int rc = e ? fb_report_exposures(l, (size_t)limit, e, &n) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *j = fb_json_encode_exposure(&e[i]);
            json_array_append_new(a, j);
        }
        fb_answer(r, 200, a);
    }
    free(e);
    return rc;
}

/* ---- Other --------------------------------------------------------------------------------- */

static int healthz(req *r, fb_ledger *l) {
    (void)l;
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string("ok"));
    return fb_answer(r, 200, o);
}

static int me(req *r, fb_ledger *l) {
    (void)l;
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(r->user.name));
    json_object_set_new(o, "role", json_string(fb_role_name(r->user.role)));
    if (r->user.party[0]) json_object_set_new(o, "party", json_string(r->user.party));
    if (r->user.region) json_object_set_new(o, "region", json_integer(r->user.region));
    return fb_answer(r, 200, o);
}

/* The dashboard's login: a user's name and password (Argon2id) give a session cookie. Failed
 * logins are limited per user and address. */
static int login(req *r, fb_ledger *l) {
    json_t *b = fb_body(r, false);
    if (!b) return FB_OK;
    const char *name = json_string_value(json_object_get(b, "name"));
    const char *password = json_string_value(json_object_get(b, "password"));
    int rc = FB_OK;
    char addr[64];
    fb_web *w = fb_server_web(r->s);
    fb_client_address(r, addr, sizeof addr);
    long wait = 0;
    fb_user u;
    if (!name || !name[0] || strlen(name) > FB_USER_NAME_MAX) {
        fb_problem(r, 400, "invalid field", "name", "name must be a user's name");
    } else if (!password || !password[0]) {
        fb_problem(r, 400, "invalid field", "password", "password is missing");
    } else if ((wait = fb_web_login_wait(w, name, addr)) > 0) {
        fb_problem(r, 429, "too many attempts", "password",
                   "too many failed logins for %s: try again in %ld minutes", name,
                   (wait + 59) / 60);
    } else if ((rc = fb_user_check_password(l, name, password, &u)) == FB_ENOTFOUND) {
        fb_web_login_failed(w, name, addr);
        fb_problem(r, 401, "login failed", "password", "the name or the password is wrong");
        rc = FB_OK;
    } else if (rc == FB_OK) {
        fb_web_login_succeeded(w, name, addr);
        char token[FB_SESSION_TOKEN_HEX + 1];
        fb_web_session_new(w, &u, token);
        snprintf(r->set_cookie, sizeof r->set_cookie,
                 "fb_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200", token);
        r->user = u;
        json_decref(b);
        return me(r, l);
    }
    json_decref(b);
    return rc;
}

static int logout(req *r, fb_ledger *l) {
    (void)l;
    const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "fb_session");
    if (cookie) fb_web_session_end(fb_server_web(r->s), cookie);
    snprintf(r->set_cookie, sizeof r->set_cookie,
             "fb_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    json_t *o = json_object();
    json_object_set_new(o, "logged_out", json_true());
    return fb_answer(r, 200, o);
}

static int openapi(req *r, fb_ledger *l) {
    (void)l;
    return fb_answer(r, 200, fb_openapi());
}

static int metrics(req *r, fb_ledger *l) {
    (void)l;
    r->text = fb_metrics_text(r->s);
    r->status = 200;
    r->content_type = "text/plain; version=0.0.4";
    return r->text ? FB_OK : FB_ENOMEM;
}

static int schedule(req *r, fb_ledger *l) {
    (void)l;
    fb_loan_terms t = {0, 0, 0, FB_METHOD_EQUAL_INSTALLMENT, 0, 0, FB_DAYCOUNT_ACT360};
    const char *why = "is missing", *v;
    if (!(v = fb_arg(r, "principal")) || fb_money_parse(v, strlen(v), &t.principal_fen, &why)) {
        return fb_problem(r, 400, "invalid query", "principal", "principal %s", why);
    }
    if (!(v = fb_arg(r, "rate")) || fb_rate_parse(v, &t.rate_e6, &why)) {
        return fb_problem(r, 400, "invalid query", "rate", "rate %s", why);
    }
    char *end = NULL;
    v = fb_arg(r, "months");
    long months = v ? strtol(v, &end, 10) : 0;
    if (!v || *end || months < 1 || months > FB_LOAN_MONTHS_MAX) {
        return fb_problem(r, 400, "invalid query", "months", "months must be 1 to %d",
                          FB_LOAN_MONTHS_MAX);
    }
    t.months = (int32_t)months;
    if ((v = fb_arg(r, "method")) && fb_method_parse(v, &t.method)) {
        return fb_problem(r, 400, "invalid query", "method", "method is unknown");
    }
    if (!(v = fb_arg(r, "start")) || fb_date_parse(v, &t.start_date, &why)) {
        return fb_problem(r, 400, "invalid query", "start", "start %s", why);
    }
    if ((v = fb_arg(r, "day_count")) && fb_day_count_parse(v, &t.day_count)) {
        return fb_problem(r, 400, "invalid query", "day_count", "day_count is unknown");
    }
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    size_t n = 0;
    const char *field = NULL;
    int rc = s ? fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why) : FB_ENOMEM;
    if (rc == FB_OK) {
        fb_answer(r, 200, fb_json_encode_schedule(s, n));
    } else if (rc == FB_EINVAL) {
        fb_problem(r, 400, "invalid query", field, "%s %s", field, why);
        rc = FB_OK;
    }
    free(s);
    return rc;
}

#define NOAUTH NO_AUTH
const route fb_routes[] = {
    {"GET", "/healthz", NOAUTH, false, false, healthz, "Whether the server answers"},
    {"GET", "/metrics", R(FB_ROLE_ADMIN) | READERS, false, false, metrics,
     "Requests, latency and commits in Prometheus text"},
    {"GET", "/v1/openapi.json", NOAUTH, false, false, openapi, "This API as OpenAPI 3.1"},
    {"POST", "/v1/session", NOAUTH, false, false, login,
     "Log in to the dashboard with name and password: a session cookie"},
    {"DELETE", "/v1/session", ANY_ROLE, false, false, logout, "Log out: the session ends"},
    {"GET", "/v1/me", ANY_ROLE, false, false, me, "The caller: name, role, party or region"},
    {"POST", "/v1/accounts", BANK, true, true, post_accounts,
     "Create up to 8,189 accounts: one result each"},
    {"POST", "/v1/transfers", BANK, true, true, post_transfers,
     "Create up to 8,189 transfers: one result each"},
    {"GET", "/v1/accounts/{id}", READERS | ENTERPRISE, false, false, get_account, "An account"},
    {"GET", "/v1/accounts/{id}/transfers", READERS | ENTERPRISE, false, false, account_transfers,
     "An account's transfers: from, to, limit, cursor, reverse"},
    {"GET", "/v1/accounts/{id}/balances", READERS | ENTERPRISE, false, false, account_balances,
     "An account's balances as of a timestamp (history flag)"},
    {"GET", "/v1/transfers/{id}", READERS | ENTERPRISE, false, false, get_transfer, "A transfer"},
    {"POST", "/v1/parties", BANK, true, false, post_parties, "Register up to 1,000 parties"},
    {"GET", "/v1/parties/{id}", READERS | ENTERPRISE, false, false, get_party, "A party"},
    {"GET", "/v1/parties/{id}/facilities", READERS | ENTERPRISE, false, false, party_facilities,
     "A party's facilities: limit, available, drawn"},
    {"GET", "/v1/parties/{id}/loans", READERS | ENTERPRISE, false, false, party_loans,
     "A party's loans with what each owes"},
    {"GET", "/v1/parties/{id}/certificates", READERS | ENTERPRISE, false, false, held_by,
     "The certificate parts a party holds"},
    {"POST", "/v1/facilities", BANK, true, false, post_facilities,
     "Approve up to 1,000 facilities"},
    {"GET", "/v1/facilities/{id}", READERS | ENTERPRISE, false, false, get_facility, "A facility"},
    {"POST", "/v1/loans", BANK, true, false, post_loans, "Draw up to 1,000 loans"},
    {"GET", "/v1/loans/{id}", READERS | ENTERPRISE, false, false, get_loan,
     "A loan and what it owes"},
    {"GET", "/v1/loans/{id}/schedule", READERS | ENTERPRISE, false, false, loan_schedule,
     "A loan's schedule"},
    {"POST", "/v1/loans/{id}/repayments", BANK, true, false, loan_repay,
     "A repayment from the borrower's deposit account: amount, date, prepay, id"},
    {"POST", "/v1/loans/{id}/write-off", BANK, true, false, loan_write_off,
     "Write off a loss loan"},
    {"POST", "/v1/loans/{id}/recoveries", BANK, true, false, loan_recover,
     "A recovery on a written-off loan"},
    {"POST", "/v1/eod", BANK, true, false, post_eod, "Close the bank's days through a date"},
    {"GET", "/v1/eod", READERS | R(FB_ROLE_GOVERNMENT) | ENTERPRISE, false, false, eod_status,
     "The business date and the last day closed"},
    {"POST", "/v1/certificates", BANK | ENTERPRISE, true, false, post_certificates,
     "Issue up to 1,000 certificates (an enterprise as its own core)"},
    {"GET", "/v1/certificates", READERS, false, false, list_certificates,
     "The latest certificates issued (roots): limit"},
    {"GET", "/v1/certificates/{id}", READERS | ENTERPRISE, false, false, get_certificate,
     "A certificate part"},
    {"GET", "/v1/certificates/{id}/lineage", READERS | ENTERPRISE, false, false, cert_lineage,
     "Every part of a certificate's root (an enterprise: as its core)"},
    {"POST", "/v1/certificates/{id}/transfers", BANK | ENTERPRISE, true, false, cert_transfer,
     "Pass a part on (an enterprise: what it holds)"},
    {"POST", "/v1/certificates/{id}/financings", BANK | ENTERPRISE, true, false, cert_finance,
     "Sell a part to the bank at a discount"},
    {"POST", "/v1/projects", BANK, true, false, post_projects,
     "Record up to 1,000 of the province's major projects"},
    {"GET", "/v1/projects", READERS | R(FB_ROLE_GOVERNMENT), false, false, list_projects,
     "The major projects with what is approved, drawn and outstanding"},
    {"GET", "/v1/projects/{id}", READERS | R(FB_ROLE_GOVERNMENT), false, false, get_project,
     "A major project: what is approved, drawn and outstanding under it"},
    {"POST", "/v1/agreements", BANK, true, false, post_agreement,
     "Record a cooperation agreement with its targets"},
    {"GET", "/v1/agreements", READERS | R(FB_ROLE_GOVERNMENT), false, false, list_agreements,
     "The agreements the caller may see"},
    {"GET", "/v1/agreements/{id}", READERS | R(FB_ROLE_GOVERNMENT), false, false, get_agreement,
     "An agreement and its targets (government: its own region's)"},
    {"GET", "/v1/agreements/{id}/progress", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     agreement_progress, "Progress on every target on a closed day: as_of"},
    {"GET", "/v1/reports/credit", READERS | R(FB_ROLE_GOVERNMENT), false, false, report_credit,
     "Credit by city, chain, line, size, class on a closed day: as_of, from, by, region"},
    {"GET", "/v1/reports/inclusive", READERS | R(FB_ROLE_GOVERNMENT), false, false,
     report_inclusive,
     "The two increases of inclusive loans since the end of the year before: as_of, region"},
    {"GET", "/v1/reports/moves", READERS, false, false, report_moves,
     "Loans moved between classes: from, as_of"},
    {"GET", "/v1/reports/exposures", READERS, false, false, report_exposures,
     "The largest borrowers by principal outstanding: limit"},
    {"GET", "/v1/schedule", ANY_ROLE, false, false, schedule,
     "The repayment calculator: principal, rate, months, method, start, day_count"},
};
const size_t fb_routes_count = sizeof fb_routes / sizeof fb_routes[0];

json_t *fb_openapi(void) {
    json_t *doc = json_object(), *info = json_object(), *paths = json_object();
    json_object_set_new(doc, "openapi", json_string("3.1.0"));
    json_object_set_new(info, "title", json_string("finbridge"));
    json_object_set_new(info, "version", json_string("0.1.0"));
    json_object_set_new(doc, "info", info);
    for (size_t i = 0; i < fb_routes_count; i++) {
        const route *rt = &fb_routes[i];
        json_t *item = json_object_get(paths, rt->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        json_t *op = json_object(), *roles = json_array();
        json_object_set_new(op, "summary", json_string(rt->summary));
        for (int k = 0; k < FB_ROLE_COUNT_; k++) {
            if (rt->roles & R(k))
                json_array_append_new(roles, json_string(fb_role_name((fb_role)k)));
        }
        json_object_set_new(op, "x-roles", roles);
        if (!(rt->roles & NO_AUTH)) {
            json_t *sec = json_array(), *bearer = json_object();
            json_object_set_new(bearer, "bearer", json_array());
            json_array_append_new(sec, bearer);
            json_object_set_new(op, "security", sec);
        }
        json_t *params = json_array();
        const char *p = strchr(rt->pattern, '{');
        if (p) {
            json_t *param = json_object(), *schema = json_object();
            json_object_set_new(param, "name", json_string("id"));
            json_object_set_new(param, "in", json_string("path"));
            json_object_set_new(param, "required", json_true());
            json_object_set_new(schema, "type", json_string("string"));
            json_object_set_new(param, "schema", schema);
            json_array_append_new(params, param);
        }
        json_object_set_new(op, "parameters", params);
        json_t *responses = json_object(), *ok = json_object();
        json_object_set_new(ok, "description", json_string("done"));
        json_object_set_new(responses, "200", ok);
        json_t *problem = json_object();
        json_object_set_new(problem, "description",
                            json_string("a problem (application/problem+json)"));
        json_object_set_new(responses, "default", problem);
        json_object_set_new(op, "responses", responses);
        char method[8];
        size_t k = 0;
        for (; rt->method[k] && k < sizeof method - 1; k++)
            method[k] = (char)(rt->method[k] | 0x20);
        method[k] = 0;
        json_object_set_new(item, method, op);
    }
    json_object_set_new(doc, "paths", paths);
    json_t *components = json_object(), *schemes = json_object(), *bearer = json_object();
    json_object_set_new(bearer, "type", json_string("http"));
    json_object_set_new(bearer, "scheme", json_string("bearer"));
    json_object_set_new(schemes, "bearer", bearer);
    json_object_set_new(components, "securitySchemes", schemes);
    json_object_set_new(doc, "components", components);
    return doc;
}
