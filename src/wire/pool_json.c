/* pool_json.c — see pool_json.h. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "wire/pool_json.h"
#include "wire/records.h"

static int checked(int rc, const char *field, fb_json_error *err) {
    if (rc == FB_OK) return FB_OK;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    return FB_EINVAL;
}

static json_t *date(int32_t d) {
    char buf[11];
    return json_string(fb_date_format(d, buf));
}

static json_t *percent(int64_t e6) {
    char buf[FB_RATE_STR_MAX];
    return e6 < 0 ? json_null() : json_string(fb_rate_format(e6, buf));
}

int fb_json_read_pool(const char *text, size_t len, fb_pool *out, fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_pool, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_pool_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

fb_json_outcome fb_json_pool_result(json_t *line, const void *record, const void *outcome) {
    const fb_pool *p = record;
    const fb_pool_outcome *o = outcome;
    FB_ASSERT(p != NULL && o != NULL);
    json_object_set_new(line, "id", json_string(p->id));
    json_object_set_new(line, "result", json_string(fb_pool_result_name(o->result)));
    if (o->field) json_object_set_new(line, "field", json_string(o->field));
    return o->result == FB_POOL_DONE     ? FB_JSON_CREATED
           : o->result == FB_POOL_EXISTS ? FB_JSON_FOUND
                                         : FB_JSON_REFUSED;
}

json_t *fb_json_encode_pool_result(const fb_pool *p, const fb_pool_outcome *o) {
    json_t *j = json_object();
    fb_json_pool_result(j, p, o);
    return j;
}

/* An array of the names of the bits set. */
static json_t *names(uint32_t bits, const char *(*name)(int), int count) {
    json_t *a = json_array();
    for (int k = 0; k < count; k++)
        if (bits & (1u << k)) json_array_append_new(a, json_string(name(k)));
    return a;
}

static const char *line_name(int k) { return fb_line_name((fb_line)k); }
static const char *size_name(int k) { return fb_size_class_name((fb_size_class)k); }

json_t *fb_json_encode_pool(const fb_pool_view *v) {
    FB_ASSERT(v != NULL);
    const fb_pool *p = &v->p;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "region", json_integer(p->region));
    json_object_set_new(o, "lines", names(p->lines, line_name, FB_LINE_COUNT_));
    json_object_set_new(o, "sizes", names(p->sizes, size_name, FB_SIZE_COUNT_));
    if (p->listed != FB_SOURCE_ENTERPRISE) {
        json_object_set_new(o, "listed", json_string(fb_demand_source_name(p->listed)));
    }
    json_object_set_new(o, "borrower_cap", fb_json_money(p->borrower_cap_fen));
    json_object_set_new(o, "leverage", json_integer(p->leverage));
    json_object_set_new(o, "share", percent(p->share_e6));
    json_object_set_new(o, "overdue_days", json_integer(p->overdue_days));
    json_object_set_new(o, "npl_ceiling", percent(p->npl_ceiling_e6));
    json_object_set_new(o, "created", date(p->created));
    if (v->as_of) json_object_set_new(o, "as_of", date(v->as_of));
    json_object_set_new(o, "funded", fb_json_money(v->funded_fen));
    json_object_set_new(o, "balance", fb_json_money(v->balance_fen));
    json_object_set_new(o, "covered_loans", json_integer(v->covered_loans));
    json_object_set_new(o, "covered", fb_json_money(v->covered_fen));
    json_object_set_new(o, "capacity", fb_json_money(v->capacity_fen));
    json_object_set_new(o, "multiple", percent(v->multiple_e6));
    json_object_set_new(o, "leverage_used", percent(v->leverage_used_e6));
    json_object_set_new(o, "npl", fb_json_money(v->npl_fen));
    json_object_set_new(o, "npl_ratio", percent(v->npl_ratio_e6));
    json_object_set_new(o, "suspended", json_boolean(v->suspended));
    json_object_set_new(o, "claims", json_integer(v->claims));
    json_object_set_new(o, "paid", fb_json_money(v->paid_fen));
    json_object_set_new(o, "returned", fb_json_money(v->returned_fen));
    if (v->suppressed) { /* the small-cell rule: a government's, its loans' figures null */
        static const char *const hidden[] = {"balance",   "covered_loans", "covered", "capacity",
                                             "multiple",  "leverage_used", "npl",     "npl_ratio",
                                             "suspended", "claims",        "paid",    "returned"};
        for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
            json_object_set_new(o, hidden[i], json_null());
        json_object_set_new(o, "suppressed", json_true());
    }
    return o;
}

int fb_json_read_pool_act(const char *text, size_t len, fb_pool_act_kind kind, fb_pool_act *out,
                          fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    FB_ASSERT((unsigned)kind < FB_POOL_ACT_COUNT_);
    char pool[FB_ID_MAX + 1];
    snprintf(pool, sizeof pool, "%s", out->pool);
    memset(out, 0, sizeof *out);
    snprintf(out->pool, sizeof out->pool, "%s", pool);
    out->kind = kind;
    const fb_wire_record *r = kind == FB_POOL_FUND ? &fb_wire_pool_fund : &fb_wire_pool_loan;
    json_t *root = NULL;
    int rc = fb_wire_decode(r, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_pool_act_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

/* A refusal's bound and value, in the unit of its rule. */
static json_t *measure(const char *field, int64_t v) {
    char buf[FB_RATE_STR_MAX];
    if (strcmp(field, "npl_ceiling") == 0) return json_string(fb_rate_format(v, buf));
    if (strcmp(field, "overdue_days") == 0) {
        snprintf(buf, sizeof buf, "%lld", (long long)v);
        return json_string(buf);
    }
    return json_string(fb_money_format(v, buf));
}

json_t *fb_json_encode_pool_act(const fb_pool_act *a, const fb_pool_outcome *o) {
    FB_ASSERT(a != NULL && o != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "pool", json_string(a->pool));
    json_object_set_new(j, "act", json_string(fb_pool_act_name(a->kind)));
    json_object_set_new(j, "result", json_string(fb_pool_result_name(o->result)));
    if (a->kind == FB_POOL_FUND) json_object_set_new(j, "id", json_string(a->id));
    if (a->kind != FB_POOL_FUND) json_object_set_new(j, "loan", json_string(a->loan));
    bool ok = o->result == FB_POOL_DONE || o->result == FB_POOL_EXISTS;
    if (ok) {
        json_object_set_new(j, "date", date(a->date));
        json_object_set_new(j, "amount", fb_json_money(a->amount_fen));
        if (a->kind == FB_POOL_CLAIM) {
            json_object_set_new(j, "trigger", json_string(fb_pool_trigger_name(a->trigger)));
            json_object_set_new(j, "basis", fb_json_money(a->basis_fen));
        }
        return j;
    }
    if (o->field) json_object_set_new(j, "field", json_string(o->field));
    bool bounded = o->result == FB_POOL_EXCEEDS_BORROWER_CAP ||
                   o->result == FB_POOL_EXCEEDS_LEVERAGE || o->result == FB_POOL_SUSPENDED ||
                   o->result == FB_POOL_NOT_CLAIMABLE || o->result == FB_POOL_INSUFFICIENT_BALANCE;
    if (bounded && o->field) {
        json_object_set_new(j, "bound", measure(o->field, o->bound));
        json_object_set_new(j, "value", measure(o->field, o->value));
    }
    return j;
}
