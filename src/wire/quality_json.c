/* quality_json.c — JSON of changes of terms, classifications, loans' histories and the
 * regulator's reports (quality_json.h), for both doors. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "finbridge/finbridge.h"
#include "wire/book_json.h"
#include "wire/quality_json.h"
#include "wire/records.h"
#include "wire/view_json.h"

static int checked(int rc, const char *field, fb_json_error *err) {
    if (rc == FB_OK) return FB_OK;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    return FB_EINVAL;
}

int fb_json_read_loan_change(const char *text, size_t len, fb_change_kind kind, fb_loan_change *out,
                             fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    FB_ASSERT(kind == FB_CHANGE_EXTENSION || kind == FB_CHANGE_RESTRUCTURING ||
              kind == FB_CHANGE_RENEWAL);
    char loan[sizeof out->loan];
    snprintf(loan, sizeof loan, "%s", out->loan);
    memset(out, 0, sizeof *out);
    snprintf(out->loan, sizeof out->loan, "%s", loan);
    out->kind = kind;
    out->method = -1;
    const fb_wire_record *rec = kind == FB_CHANGE_EXTENSION       ? &fb_wire_extension
                                : kind == FB_CHANGE_RESTRUCTURING ? &fb_wire_restructuring
                                                                  : &fb_wire_renewal;
    json_t *root = NULL;
    int rc = fb_wire_decode(rec, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_loan_change_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

static json_t *class_or_null(int c) {
    return c >= FB_CLASS_NORMAL && c < FB_CLASS_COUNT_
               ? json_string(fb_loan_class_name((fb_loan_class)c))
               : json_null();
}

/* The figures of a change, as its answer and a loan's history write them. */
static void change_fields(json_t *j, const fb_loan_change *c) {
    char date[11], rate[FB_RATE_STR_MAX];
    json_object_set_new(j, "n", json_integer(c->n));
    json_object_set_new(j, "kind", json_string(fb_change_kind_name(c->kind)));
    json_object_set_new(j, "date", json_string(fb_date_format(c->date, date)));
    json_object_set_new(j, "months", json_integer(c->months));
    json_object_set_new(j, "maturity_before",
                        json_string(fb_date_format(c->maturity_before, date)));
    json_object_set_new(j, "maturity", json_string(fb_date_format(c->maturity_after, date)));
    json_object_set_new(j, "rate_before", json_string(fb_rate_format(c->rate_before_e6, rate)));
    json_object_set_new(j, "rate", json_string(fb_rate_format(c->rate_after_e6, rate)));
    json_object_set_new(j, "capitalised", fb_json_money(c->capitalised_fen));
    json_object_set_new(j, "rescheduled", fb_json_money(c->rescheduled_fen));
    json_object_set_new(j, "difficulty", json_string(fb_difficulty_name(c->difficulty)));
    json_object_set_new(j, "class_before", class_or_null(c->class_before));
    json_object_set_new(j, "class", class_or_null(c->class_after));
    if (c->consent_by[0]) {
        json_object_set_new(j, "consent_by", json_string(c->consent_by));
        json_object_set_new(j, "consent_date", json_string(fb_date_format(c->consent_date, date)));
        json_object_set_new(j, "consent_ref", json_string(c->consent_ref));
    }
    if (c->state_rule[0]) json_object_set_new(j, "state_rule", json_string(c->state_rule));
    if (c->rate_rule[0]) json_object_set_new(j, "rate_rule", json_string(c->rate_rule));
}

json_t *fb_json_encode_loan_change(const fb_loan_change *c, fb_change_result result) {
    FB_ASSERT(c != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "loan", json_string(c->loan));
    json_object_set_new(j, "result", json_string(fb_change_result_name(result)));
    if (c->id[0]) json_object_set_new(j, "id", json_string(c->id));
    if (result != FB_CHANGE_DONE && result != FB_CHANGE_EXISTS) {
        fb_json_measured(j, fb_change_result_name(result), c->against);
        if (c->message[0]) json_object_set_new(j, "reason", json_string(c->message));
        return j;
    }
    change_fields(j, c);
    if (result == FB_CHANGE_DONE) {
        char date[11];
        json_object_set_new(j, "restructured", json_boolean(c->restructured));
        if (c->restructured && c->observation_end) {
            json_object_set_new(j, "observation_until",
                                json_string(fb_date_format(c->observation_end, date)));
        }
    }
    return j;
}

int fb_json_read_classification(const char *text, size_t len, fb_classification *out,
                                fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    char loan[sizeof out->loan];
    snprintf(loan, sizeof loan, "%s", out->loan);
    memset(out, 0, sizeof *out);
    snprintf(out->loan, sizeof out->loan, "%s", loan);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_classification, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_classification_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

json_t *fb_json_encode_classification(const fb_classification *c, fb_classify_result result) {
    FB_ASSERT(c != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "loan", json_string(c->loan));
    json_object_set_new(j, "result", json_string(fb_classify_result_name(result)));
    bool known = result == FB_CLASSIFY_DONE || result == FB_CLASSIFY_UNCHANGED ||
                 result == FB_CLASSIFY_BELOW_FLOOR || result == FB_CLASSIFY_UPGRADE_REFUSED ||
                 result == FB_CLASSIFY_NOT_RESTRUCTURED;
    if (known) {
        json_object_set_new(j, "class_before", class_or_null(c->from));
        json_object_set_new(j, "class", class_or_null(c->now));
    }
    if (!known) fb_json_measured(j, fb_classify_result_name(result), c->against);
    if (c->message[0]) json_object_set_new(j, "reason", json_string(c->message));
    return j;
}

int fb_json_read_credit_report(const char *text, size_t len, fb_credit_report *out,
                               fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    char party[sizeof out->party];
    snprintf(party, sizeof party, "%s", out->party);
    memset(out, 0, sizeof *out);
    snprintf(out->party, sizeof out->party, "%s", party);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_credit_report, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_credit_report_check(out, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

json_t *fb_json_encode_credit_report(const fb_credit_report *c, fb_credit_result result) {
    FB_ASSERT(c != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "party", json_string(c->party));
    json_object_set_new(j, "result", json_string(fb_credit_result_name(result)));
    if (result == FB_CREDIT_DONE || result == FB_CREDIT_EXISTS) {
        char date[11], share[FB_RATE_STR_MAX];
        json_object_set_new(j, "date", json_string(fb_date_format(c->date, date)));
        json_object_set_new(j, "debt", fb_json_money(c->debt_fen));
        json_object_set_new(j, "overdue90", fb_json_money(c->overdue90_fen));
        json_object_set_new(j, "share",
                            c->share_e6 >= 0 ? json_string(fb_rate_format(c->share_e6, share))
                                             : json_null());
        json_object_set_new(j, "reference", json_string(c->reference));
        return j;
    }
    fb_json_measured(j, fb_credit_result_name(result), c->against);
    if (c->message[0]) json_object_set_new(j, "reason", json_string(c->message));
    return j;
}

json_t *fb_json_encode_loan_history(const char *loan, const fb_loan_position *p,
                                    const fb_class_entry *classes, size_t n,
                                    const fb_loan_change *changes, size_t m) {
    FB_ASSERT(loan != NULL && p != NULL);
    json_t *j = json_object(), *a = json_array(), *b = json_array();
    char date[11];
    json_object_set_new(j, "loan", json_string(loan));
    json_object_set_new(j, "class", class_or_null((int)p->loan_class));
    json_object_set_new(j, "restructured", json_boolean(p->restructured));
    if (p->restructured && p->observation_end) {
        json_object_set_new(j, "observation_until",
                            json_string(fb_date_format(p->observation_end, date)));
    }
    for (size_t i = 0; i < n; i++) {
        const fb_class_entry *e = &classes[i];
        json_t *o = json_object();
        json_object_set_new(o, "n", json_integer(e->n));
        json_object_set_new(o, "date", json_string(fb_date_format(e->date, date)));
        json_object_set_new(o, "from", class_or_null(e->from_class));
        json_object_set_new(o, "to", class_or_null(e->to_class));
        json_object_set_new(o, "why", json_string(fb_class_reason_name(e->reason)));
        json_object_set_new(o, "actor", json_string(e->actor));
        json_object_set_new(o, "note", json_string(e->note));
        json_object_set_new(o, "at", fb_json_i64_string(e->created_ns));
        json_array_append_new(a, o);
    }
    for (size_t i = 0; i < m; i++) {
        json_t *o = json_object();
        change_fields(o, &changes[i]);
        json_object_set_new(o, "reason", json_string(changes[i].note));
        json_object_set_new(o, "actor", json_string(changes[i].actor));
        json_array_append_new(b, o);
    }
    json_object_set_new(j, "classes", a);
    json_object_set_new(j, "changes", b);
    return j;
}

/* ---- Reports ----------------------------------------------------------------------------------
 */

static json_t *percent_or_null(int64_t e6) {
    char rate[FB_RATE_STR_MAX];
    return e6 < 0 ? json_null() : json_string(fb_rate_format(e6, rate));
}

static void hide(json_t *o, const char *const *keys, size_t n) {
    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, keys[i], json_null());
    json_object_set_new(o, "suppressed", json_true());
}

static json_t *provision_row(const fb_provision_row *r) {
    static const char *const figures[] = {"balance",  "npl",       "loans",    "specific",
                                          "general",  "provision", "coverage", "ratio",
                                          "required", "shortfall"};
    json_t *o = json_object();
    if (r->city >= 0) {
        json_object_set_new(o, "city", json_integer(r->city));
        const char *name = fb_region_name_zh(r->city);
        json_object_set_new(o, "city_name", name ? json_string(name) : json_null());
    }
    if (r->line >= 0) json_object_set_new(o, "line", json_string(fb_line_name((fb_line)r->line)));
    json_object_set_new(o, "balance", fb_json_money(r->balance_fen));
    json_object_set_new(o, "npl", fb_json_money(r->npl_fen));
    json_object_set_new(o, "loans", json_integer(r->loans));
    json_object_set_new(o, "specific", fb_json_money(r->specific_fen));
    json_object_set_new(o, "general", fb_json_money(r->general_fen));
    json_object_set_new(o, "provision", fb_json_money(r->provision_fen));
    json_object_set_new(o, "coverage", percent_or_null(r->coverage_e6));
    json_object_set_new(o, "ratio", percent_or_null(r->ratio_e6));
    json_object_set_new(o, "required", fb_json_money(r->required_fen));
    json_object_set_new(o, "shortfall", fb_json_money(r->shortfall_fen));
    if (r->hidden) hide(o, figures, sizeof figures / sizeof figures[0]);
    return o;
}

json_t *fb_json_encode_provisions(const fb_provision_report *r) {
    FB_ASSERT(r != NULL && (r->rows != NULL || r->n == 0));
    json_t *o = json_object(), *rows = json_array();
    char date[11], rate[FB_RATE_STR_MAX];
    json_object_set_new(o, "date", json_string(fb_date_format(r->date, date)));
    json_object_set_new(o, "coverage_floor",
                        json_string(fb_rate_format(r->coverage_floor_e6, rate)));
    json_object_set_new(o, "ratio_floor", json_string(fb_rate_format(r->ratio_floor_e6, rate)));
    json_object_set_new(o, "total", provision_row(&r->total));
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(rows, provision_row(&r->rows[i]));
    json_object_set_new(o, "rows", rows);
    return o;
}

static json_t *quality_figures(const fb_quality_figures *f, const char *key, const char *value) {
    static const char *const figures[] = {"balance",         "loans",          "overdue",
                                          "offbal_interest", "offbal_penalty", "restructured_loans",
                                          "restructured",    "provision"};
    json_t *o = json_object();
    if (key) json_object_set_new(o, key, json_string(value));
    json_object_set_new(o, "balance", fb_json_money(f->balance_fen));
    json_object_set_new(o, "loans", json_integer(f->loans));
    json_object_set_new(o, "overdue", fb_json_money(f->overdue_fen));
    json_object_set_new(o, "offbal_interest", fb_json_money(f->offbal_interest_fen));
    json_object_set_new(o, "offbal_penalty", fb_json_money(f->offbal_penalty_fen));
    json_object_set_new(o, "restructured_loans", json_integer(f->restructured_loans));
    json_object_set_new(o, "restructured", fb_json_money(f->restructured_fen));
    if (f->provision_fen >= 0) json_object_set_new(o, "provision", fb_json_money(f->provision_fen));
    size_t n = sizeof figures / sizeof figures[0] - (f->provision_fen >= 0 ? 0 : 1);
    if (f->hidden) hide(o, figures, n);
    return o;
}

json_t *fb_json_encode_quality(const fb_quality_report *r) {
    FB_ASSERT(r != NULL && r->as_of > 0);
    static const char *const names[FB_QUALITY_BUCKETS] = {"1-30", "31-90", "91-180", "181-360",
                                                          "over_360"};
    json_t *o = json_object(), *classes = json_array(), *overdue = json_array();
    char date[11];
    json_object_set_new(o, "as_of", json_string(fb_date_format(r->as_of, date)));
    json_object_set_new(o, "provision_date",
                        r->provision_date ? json_string(fb_date_format(r->provision_date, date))
                                          : json_null());
    for (int c = 0; c < FB_CLASS_COUNT_; c++) {
        json_array_append_new(classes, quality_figures(&r->classes[c], "class",
                                                       fb_loan_class_name((fb_loan_class)c)));
    }
    for (int b = 0; b < FB_QUALITY_BUCKETS; b++)
        json_array_append_new(overdue, quality_figures(&r->buckets[b], "bucket", names[b]));
    json_object_set_new(o, "classes", classes);
    json_object_set_new(o, "overdue", overdue);
    json_object_set_new(o, "total", quality_figures(&r->total, NULL, NULL));
    return o;
}

json_t *fb_json_encode_migration(const fb_migration *m) {
    FB_ASSERT(m != NULL && m->from <= m->to);
    json_t *o = json_object(), *cells = json_array(), *classes = json_array();
    char date[11];
    json_object_set_new(o, "from", json_string(fb_date_format(m->from, date)));
    json_object_set_new(o, "as_of", json_string(fb_date_format(m->to, date)));
    for (int i = 0; i < FB_CLASS_COUNT_; i++) {
        for (int j = 0; j < FB_CLASS_COUNT_; j++)
            json_array_append_new(cells, fb_json_encode_move(&m->cells[i][j]));
        json_t *c = json_object();
        json_object_set_new(c, "class", json_string(fb_loan_class_name((fb_loan_class)i)));
        json_object_set_new(c, "opening_loans", json_integer(m->opening_loans[i]));
        json_object_set_new(c, "opening", fb_json_money(m->opening_fen[i]));
        json_object_set_new(c, "remaining", fb_json_money(m->remaining_fen[i]));
        json_object_set_new(c, "moved_down", fb_json_money(m->down_fen[i]));
        json_object_set_new(c, "left_loans", json_integer(m->left_loans[i]));
        json_object_set_new(c, "new_loans", json_integer(m->new_loans[i]));
        json_object_set_new(c, "new", fb_json_money(m->new_fen[i]));
        json_object_set_new(c, "rate", percent_or_null(m->rate_e6[i]));
        json_array_append_new(classes, c);
    }
    json_object_set_new(o, "cells", cells);
    json_object_set_new(o, "classes", classes);
    json_object_set_new(o, "performing_rate", percent_or_null(m->performing_rate_e6));
    return o;
}

json_t *fb_json_encode_green_catalogue(const fb_green_item *items, size_t n, bool loaded) {
    FB_ASSERT(items != NULL || n == 0);
    json_t *o = json_object(), *a = json_array();
    json_object_set_new(o, "loaded", json_boolean(loaded));
    for (size_t i = 0; i < n; i++) {
        json_t *g = json_object();
        json_object_set_new(g, "code", json_string(items[i].code));
        json_object_set_new(g, "level", json_integer(items[i].level));
        if (items[i].parent[0]) json_object_set_new(g, "parent", json_string(items[i].parent));
        json_object_set_new(g, "name", json_string(items[i].name));
        json_array_append_new(a, g);
    }
    json_object_set_new(o, "items", a);
    return o;
}
