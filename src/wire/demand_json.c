/* demand_json.c — see demand_json.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/demand_json.h"
#include "wire/records.h"
#include "wire/view_json.h"

/* The check's verdict in err: FB_EINVAL with the field at fault, or FB_OK. */
static int checked(int rc, const char *field, fb_json_error *err) {
    if (rc == FB_OK) return FB_OK;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    return FB_EINVAL;
}

static json_t *date(int32_t d) {
    char buf[11];
    return json_string(fb_date_format(d, buf));
}

/* ---- Posting -----------------------------------------------------------------------------------
 */

int fb_json_read_demand(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_demand *d = out;
    memset(d, 0, sizeof *d);
    d->line = FB_LINE_COUNT_;
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_demand, text, len, d, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_demand_check(d, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

fb_json_outcome fb_json_demand_result(json_t *line, const void *record, const void *outcome) {
    const fb_demand *d = record;
    const fb_demand_outcome *o = outcome;
    FB_ASSERT(d != NULL && o != NULL);
    json_object_set_new(line, "id", json_string(d->id));
    json_object_set_new(line, "result", json_string(fb_demand_result_name(o->result)));
    if (o->field) json_object_set_new(line, "field", json_string(o->field));
    if (o->result == FB_DEMAND_NO_CALENDAR)
        json_object_set_new(line, "year", json_integer(o->year));
    bool ok = o->result == FB_DEMAND_DONE || o->result == FB_DEMAND_EXISTS;
    if (ok) {
        json_object_set_new(line, "status", json_string(fb_demand_status_name(d->status)));
        json_object_set_new(line, "response_due", date(d->response_due));
        json_object_set_new(line, "decision_due", date(d->decision_due));
    } else if (o->against) {
        fb_json_measured(line, fb_demand_result_name(o->result), o->against);
    }
    return o->result == FB_DEMAND_DONE     ? FB_JSON_CREATED
           : o->result == FB_DEMAND_EXISTS ? FB_JSON_FOUND
                                           : FB_JSON_REFUSED;
}

/* ---- The steps ---------------------------------------------------------------------------------
 */

static const fb_wire_record *step_record(fb_demand_status step) {
    switch (step) {
    case FB_DEMAND_ACCEPTED: return &fb_wire_demand_accept;
    case FB_DEMAND_CONTACTED: return &fb_wire_demand_contact;
    case FB_DEMAND_GRANTED: return &fb_wire_demand_grant;
    case FB_DEMAND_DECLINED: return &fb_wire_demand_decline;
    default: FB_ASSERT(step == FB_DEMAND_WITHDRAWN); return &fb_wire_demand_withdraw;
    }
}

int fb_json_read_demand_step(const char *text, size_t len, fb_demand_status step,
                             fb_demand_step *out, fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    char demand[FB_ID_MAX + 1];
    snprintf(demand, sizeof demand, "%s", out->demand);
    memset(out, 0, sizeof *out);
    snprintf(out->demand, sizeof out->demand, "%s", demand);
    out->step = step;
    out->reason = FB_DECLINE_REASON_COUNT_;
    json_t *root = NULL;
    int rc = fb_wire_decode(step_record(step), text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_demand_step_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

json_t *fb_json_encode_demand_step(const fb_demand_step *s, fb_demand_result r,
                                   fb_demand_status status) {
    FB_ASSERT(s != NULL);
    json_t *o = json_object();
    json_object_set_new(o, "demand", json_string(s->demand));
    json_object_set_new(o, "step", json_string(fb_demand_status_name(s->step)));
    json_object_set_new(o, "result", json_string(fb_demand_result_name(r)));
    if (r == FB_DEMAND_DONE || r == FB_DEMAND_EXISTS) {
        json_object_set_new(o, "date", date(s->date));
        json_object_set_new(o, "status", json_string(fb_demand_status_name(status)));
    } else {
        fb_json_measured(o, fb_demand_result_name(r), s->against);
    }
    return o;
}

/* ---- A demand as read --------------------------------------------------------------------------
 */

static void set_text(json_t *o, const char *key, const char *text) {
    if (text[0]) json_object_set_new(o, key, json_string(text));
}

static void set_date(json_t *o, const char *key, int32_t d) {
    if (d) json_object_set_new(o, key, date(d));
}

static void set_days(json_t *o, const char *key, int32_t days) {
    if (days >= 0) json_object_set_new(o, key, json_integer(days));
}

/* What it was posted with. */
static void encode_given(json_t *o, const fb_demand *d) {
    json_object_set_new(o, "id", json_string(d->id));
    json_object_set_new(o, "party", json_string(d->party));
    json_object_set_new(o, "amount", fb_json_money(d->amount_fen));
    json_object_set_new(o, "purpose", json_string(d->purpose));
    json_object_set_new(o, "months", json_integer(d->months));
    json_object_set_new(o, "line", json_string(fb_line_name(d->line)));
    json_object_set_new(o, "security", json_string(fb_security_name(d->security)));
    json_object_set_new(o, "consent", json_boolean(d->consent));
    json_object_set_new(o, "source", json_string(fb_demand_source_name(d->source)));
    set_text(o, "project", d->project);
    set_text(o, "recommendation", d->recommendation);
    json_object_set_new(o, "posted", date(d->posted));
    if (d->region) json_object_set_new(o, "region", json_integer(d->region));
    json_object_set_new(o, "city", json_integer(d->city));
    const char *city = fb_region_name_zh(d->city);
    if (city) json_object_set_new(o, "city_name", json_string(city));
    json_object_set_new(
        o, "chain", d->chain == FB_CHAIN_NONE ? json_null() : json_string(fb_chain_name(d->chain)));
    json_object_set_new(o, "size", json_string(fb_size_class_name(d->size)));
}

/* Its steps. */
static void encode_steps(json_t *o, const fb_demand *d, bool government) {
    json_object_set_new(o, "status", json_string(fb_demand_status_name(d->status)));
    json_object_set_new(o, "response_days", json_integer(d->response_days));
    json_object_set_new(o, "decision_days", json_integer(d->decision_days));
    json_object_set_new(o, "response_due", date(d->response_due));
    json_object_set_new(o, "decision_due", date(d->decision_due));
    set_date(o, "accepted", d->accepted);
    set_text(o, "officer", d->officer);
    set_date(o, "contacted", d->contacted);
    set_text(o, "note", d->note);
    set_date(o, "decided", d->decided);
    if (d->status == FB_DEMAND_GRANTED) {
        if (!government) json_object_set_new(o, "facility", json_string(d->facility));
        json_object_set_new(o, "granted", fb_json_money(d->granted_fen));
    }
    if (d->status == FB_DEMAND_DECLINED) {
        json_object_set_new(o, "reason", json_string(fb_decline_reason_name(d->reason)));
        set_text(o, "reason_text", d->reason_text);
    }
    if (d->status == FB_DEMAND_WITHDRAWN) {
        json_object_set_new(o, "withdrawn", date(d->withdrawn));
        json_object_set_new(o, "withdrawn_by", json_string(fb_role_name(d->withdrawn_by)));
        set_text(o, "withdraw_text", d->withdraw_text);
    }
}

json_t *fb_json_encode_demand(const fb_demand_view *v, bool government, const fb_list_id *loans,
                              size_t n_loans) {
    FB_ASSERT(v != NULL);
    FB_ASSERT(loans != NULL || n_loans == 0);
    json_t *o = json_object();
    const fb_demand *d = &v->d;
    encode_given(o, d);
    encode_steps(o, d, government);
    set_date(o, "as_of", v->as_of);
    if (v->left_known && v->awaiting_response) {
        json_object_set_new(o, "response_left", json_integer(v->response_left));
    }
    if (v->left_known && v->awaiting_decision) {
        json_object_set_new(o, "decision_left", json_integer(v->decision_left));
    }
    json_object_set_new(o, "response_overdue", json_boolean(v->response_overdue));
    json_object_set_new(o, "decision_overdue", json_boolean(v->decision_overdue));
    set_days(o, "days_to_response", v->days_to_response);
    set_days(o, "days_to_decision", v->days_to_decision);
    set_date(o, "first_drawdown", v->first_drawdown);
    set_days(o, "days_to_loan", v->days_to_loan);
    if (d->status == FB_DEMAND_GRANTED && !government) {
        json_object_set_new(o, "loans", json_integer(v->loans));
        json_object_set_new(o, "drawn", fb_json_money(v->drawn_fen));
        if (loans) {
            json_t *ids = json_array();
            for (size_t i = 0; i < n_loans; i++)
                json_array_append_new(ids, json_string(loans[i]));
            json_object_set_new(o, "loan_ids", ids);
        }
    }
    return o;
}

/* ---- A row of the measures ------------------------------------------------------------------- */

static json_t *ratio(int64_t e6) {
    char buf[FB_RATE_STR_MAX];
    return e6 < 0 ? json_null() : json_string(fb_rate_format(e6, buf));
}

/* Twice a median of whole days as "7.5" or "7.0". */
static json_t *median(int64_t x2) {
    char buf[32];
    if (x2 < 0) return json_null();
    snprintf(buf, sizeof buf, "%lld.%d", (long long)(x2 / 2), x2 % 2 ? 5 : 0);
    return json_string(buf);
}

static json_t *whole_or_null(int64_t v) { return v < 0 ? json_null() : json_integer(v); }

/* The row's dimensions asked. */
static void row_dimensions(json_t *o, const fb_demand_row *r) {
    if (r->city >= 0) {
        json_object_set_new(o, "city", json_integer(r->city));
        const char *name = fb_region_name_zh(r->city);
        json_object_set_new(o, "city_name", name ? json_string(name) : json_null());
    }
    if (strcmp(r->chain, "*") != 0) {
        json_object_set_new(o, "chain", r->chain[0] ? json_string(r->chain) : json_null());
    }
    if (r->line >= 0) json_object_set_new(o, "line", json_string(fb_line_name((fb_line)r->line)));
    if (r->size >= 0) {
        json_object_set_new(o, "size", json_string(fb_size_class_name((fb_size_class)r->size)));
    }
}

json_t *fb_json_encode_demand_row(const fb_demand_row *r) {
    FB_ASSERT(r != NULL);
    json_t *o = json_object();
    row_dimensions(o, r);
    const struct {
        const char *name;
        int64_t value;
    } counts[] = {{"enterprises", r->enterprises},
                  {"received", r->received},
                  {"response_due", r->response_due},
                  {"responded_in_level", r->responded_in_level},
                  {"response_overdue", r->response_overdue},
                  {"open", r->open},
                  {"granted", r->granted},
                  {"declined", r->declined},
                  {"withdrawn", r->withdrawn},
                  {"decided", r->decided},
                  {"decided_in_level", r->decided_in_level},
                  {"decision_overdue", r->decision_overdue},
                  {"drawn", r->drawn}};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        json_object_set_new(o, counts[i].name, json_integer(counts[i].value));
    json_object_set_new(o, "requested", fb_json_money(r->requested_fen));
    json_object_set_new(o, "decided_requested", fb_json_money(r->decided_requested_fen));
    json_object_set_new(o, "granted_amount", fb_json_money(r->granted_fen));
    json_object_set_new(o, "response_rate", ratio(r->response_rate_e6));
    json_object_set_new(o, "match_rate", ratio(r->match_rate_e6));
    json_object_set_new(o, "amount_rate", ratio(r->amount_rate_e6));
    json_object_set_new(o, "decision_days_median", median(r->decision_median_x2));
    json_object_set_new(o, "decision_days_p90", whole_or_null(r->decision_p90));
    json_object_set_new(o, "loan_days_median", median(r->loan_median_x2));
    json_object_set_new(o, "loan_days_p90", whole_or_null(r->loan_p90));
    json_t *declines = json_object();
    for (int k = 0; k < FB_DECLINE_REASON_COUNT_; k++) {
        json_object_set_new(declines, fb_decline_reason_name((fb_decline_reason)k),
                            json_integer(r->declines[k]));
    }
    json_object_set_new(o, "declines", declines);
    if (!r->hidden) return o;
    /* A small cell: every figure null, the dimensions kept. */
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(o, tmp, key, v) {
        bool dimension = strcmp(key, "city") == 0 || strcmp(key, "city_name") == 0 ||
                         strcmp(key, "chain") == 0 || strcmp(key, "line") == 0 ||
                         strcmp(key, "size") == 0;
        if (!dimension) json_object_set_new(o, key, json_null());
    }
    json_object_set_new(o, "suppressed", json_true());
    return o;
}

/* ---- The calendar ------------------------------------------------------------------------------
 */

int fb_json_read_calendar_year(const char *text, size_t len, fb_calendar_year *out,
                               fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_calendar_year, text, len, out, err, &root);
    json_decref(root);
    return rc;
}

static json_t *days(const int32_t *v, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, date(v[i]));
    return a;
}

json_t *fb_json_encode_calendar_year(const fb_calendar_year *y, bool shipped) {
    FB_ASSERT(y != NULL);
    json_t *o = json_object();
    json_object_set_new(o, "year", json_integer(y->year));
    json_object_set_new(o, "notice", json_string(y->notice));
    json_object_set_new(o, "holidays", days(y->holidays, y->n_holidays));
    json_object_set_new(o, "workdays", days(y->workdays, y->n_workdays));
    json_object_set_new(o, "shipped", json_boolean(shipped));
    return o;
}

void fb_json_calendar_result(json_t *line, int year, fb_calendar_result r) {
    FB_ASSERT(line != NULL);
    json_object_set_new(line, "year", json_integer(year));
    json_object_set_new(line, "result", json_string(fb_calendar_result_name(r)));
}
