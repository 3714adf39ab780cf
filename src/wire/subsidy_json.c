/* subsidy_json.c — see subsidy_json.h. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "wire/records.h"
#include "wire/subsidy_json.h"

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
    return json_string(fb_rate_format(e6, buf));
}

int fb_json_read_subsidy(const char *text, size_t len, fb_subsidy *out, fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    memset(out, 0, sizeof *out);
    out->mode = FB_SUBSIDY_MODE_COUNT_;
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_subsidy, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_subsidy_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

fb_json_outcome fb_json_subsidy_result(json_t *line, const void *record, const void *outcome) {
    const fb_subsidy *v = record;
    const fb_subsidy_outcome *o = outcome;
    FB_ASSERT(v != NULL && o != NULL);
    json_object_set_new(line, "id", json_string(v->id));
    json_object_set_new(line, "result", json_string(fb_subsidy_result_name(o->result)));
    if (o->field) json_object_set_new(line, "field", json_string(o->field));
    return o->result == FB_SUBSIDY_DONE     ? FB_JSON_CREATED
           : o->result == FB_SUBSIDY_EXISTS ? FB_JSON_FOUND
                                            : FB_JSON_REFUSED;
}

json_t *fb_json_encode_subsidy_result(const fb_subsidy *v, const fb_subsidy_outcome *o) {
    json_t *j = json_object();
    fb_json_subsidy_result(j, v, o);
    return j;
}

static json_t *names(uint32_t bits, bool lines) {
    json_t *a = json_array();
    int count = lines ? FB_LINE_COUNT_ : FB_SIZE_COUNT_;
    for (int k = 0; k < count; k++) {
        if (!(bits & (1u << k))) continue;
        json_array_append_new(a, json_string(lines ? fb_line_name((fb_line)k)
                                                   : fb_size_class_name((fb_size_class)k)));
    }
    return a;
}

json_t *fb_json_encode_subsidy(const fb_subsidy_view *x) {
    FB_ASSERT(x != NULL);
    const fb_subsidy *v = &x->s;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(v->id));
    json_object_set_new(o, "name", json_string(v->name));
    json_object_set_new(o, "region", json_integer(v->region));
    json_object_set_new(o, "lines", names(v->lines, true));
    json_object_set_new(o, "sizes", names(v->sizes, false));
    if (v->listed != FB_SOURCE_ENTERPRISE) {
        json_object_set_new(o, "listed", json_string(fb_demand_source_name(v->listed)));
    }
    json_object_set_new(o, "mode", json_string(fb_subsidy_mode_name(v->mode)));
    json_object_set_new(o, "points", percent(v->points_e6));
    json_object_set_new(o, "share", percent(v->share_e6));
    json_object_set_new(o, "months", json_integer(v->months));
    json_object_set_new(o, "borrower_cap", fb_json_money(v->borrower_cap_fen));
    json_object_set_new(o, "budget", fb_json_money(v->budget_fen));
    json_object_set_new(o, "created", date(v->created));
    json_object_set_new(o, "enrolled", json_integer(x->enrolled));
    json_object_set_new(o, "committed", fb_json_money(x->committed_fen));
    json_object_set_new(o, "accrued", fb_json_money(x->accrued_fen));
    json_object_set_new(o, "receivable", fb_json_money(x->receivable_fen));
    json_object_set_new(o, "paid", fb_json_money(x->paid_fen));
    json_object_set_new(o, "rejected", fb_json_money(x->rejected_fen));
    json_object_set_new(o, "budget_left", fb_json_money(x->budget_left_fen));
    if (x->suppressed) { /* the small-cell rule: a government's, its loans' figures null */
        static const char *const hidden[] = {"enrolled", "committed", "accrued",    "receivable",
                                             "paid",     "rejected",  "budget_left"};
        for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
            json_object_set_new(o, hidden[i], json_null());
        json_object_set_new(o, "suppressed", json_true());
    }
    return o;
}

int fb_json_read_subsidy_act(const char *text, size_t len, fb_subsidy_act_kind kind,
                             fb_subsidy_act *out, fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    FB_ASSERT((unsigned)kind < FB_SUBSIDY_ACT_COUNT_);
    char scheme[FB_POOL_ID_MAX + 1];
    snprintf(scheme, sizeof scheme, "%s", out->scheme);
    memset(out, 0, sizeof *out);
    snprintf(out->scheme, sizeof out->scheme, "%s", scheme);
    out->kind = kind;
    const fb_wire_record *r = kind == FB_SUBSIDY_ENROL    ? &fb_wire_subsidy_enrol
                              : kind == FB_SUBSIDY_DECIDE ? &fb_wire_subsidy_decide
                                                          : &fb_wire_subsidy_claim;
    json_t *root = NULL;
    int rc = fb_wire_decode(r, text, len, out, err, &root);
    json_decref(root);
    if (rc == FB_OK && kind != FB_SUBSIDY_ENROL && (out->quarter % 10 < 1 || out->quarter % 10 > 4))
        return fb_wire_reject(err, "quarter", "must be yyyyq with q from 1 to 4");
    if (rc == FB_OK && kind == FB_SUBSIDY_DECIDE && !out->loan[0] == !out->line)
        return fb_wire_reject(err, "loan", "give the line's loan or its id (line), one of them");
    return rc;
}

json_t *fb_json_encode_subsidy_act(const fb_subsidy_act *a, const fb_subsidy_outcome *o,
                                   const fb_subsidy_line *lines, size_t n) {
    FB_ASSERT(a != NULL && o != NULL);
    static const char *const decisions[] = {"undecided", "approved", "rejected"};
    json_t *j = json_object();
    json_object_set_new(j, "scheme", json_string(a->scheme));
    json_object_set_new(j, "act", json_string(fb_subsidy_act_name(a->kind)));
    json_object_set_new(j, "result", json_string(fb_subsidy_result_name(o->result)));
    if (a->loan[0]) json_object_set_new(j, "loan", json_string(a->loan));
    if (a->kind != FB_SUBSIDY_ENROL) json_object_set_new(j, "quarter", json_integer(a->quarter));
    bool ok = o->result == FB_SUBSIDY_DONE || o->result == FB_SUBSIDY_EXISTS;
    if (ok && a->date) json_object_set_new(j, "date", date(a->date));
    if (ok && a->kind != FB_SUBSIDY_DECIDE) {
        json_object_set_new(j, "amount", fb_json_money(a->amount_fen));
    }
    if (ok && a->net_from) {
        json_object_set_new(j, "net_rate", percent(a->net_rate_e6));
        json_object_set_new(j, "net_from", date(a->net_from));
    }
    if (ok && a->kind == FB_SUBSIDY_CLAIM) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *l = json_object();
            json_object_set_new(l, "loan", json_string(lines[i].loan));
            json_object_set_new(l, "days", json_integer(lines[i].days));
            json_object_set_new(l, "amount", fb_json_money(lines[i].amount_fen));
            json_object_set_new(l, "decision", json_string(decisions[lines[i].decision % 3]));
            json_array_append_new(arr, l);
        }
        json_object_set_new(j, "lines", arr);
    }
    if (ok) return j;
    if (o->field) json_object_set_new(j, "field", json_string(o->field));
    if (o->result == FB_SUBSIDY_EXCEEDS_BUDGET || o->result == FB_SUBSIDY_EXCEEDS_BORROWER_CAP) {
        json_object_set_new(j, "bound", fb_json_money(o->bound));
        json_object_set_new(j, "value", fb_json_money(o->value));
    }
    if (o->result == FB_SUBSIDY_NET_RATE_NOT_POSITIVE) {
        json_object_set_new(j, "rate_bound", percent(o->bound));
        json_object_set_new(j, "rate_value", percent(o->value));
    }
    return j;
}
