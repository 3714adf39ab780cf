/* records_life.c — a facility's life on the doors (record.h): a change (renew, limit, freeze,
 * unfreeze, close) and what it answers, with their decoder and encoder, shared by the command
 * line (finbridge facilities renew|limit|freeze|unfreeze|close) and the API (POST
 * /v1/facilities/{id}/changes). */
#include <string.h>

#include "core/assert.h"
#include "wire/book_json.h"
#include "wire/record.h"
#include "wire/records.h"
#include "wire/view_json.h"

static const char *change_kind(int i) {
    /* expire is the book's own: never asked for. */
    return i == FB_FACILITY_EXPIRE ? NULL : fb_facility_change_name((fb_facility_change_kind)i);
}
static const char *any_kind(int i) { return fb_facility_change_name((fb_facility_change_kind)i); }
static const char *status(int i) { return fb_facility_status_name((fb_facility_status)i); }
static const char *result(int i) {
    return fb_facility_change_result_name((fb_facility_change_result)i);
}
static const fb_wire_values kinds = {change_kind, 0}, all_kinds = {any_kind, 0},
                            statuses = {status, 0}, results = {result, 0};

#define AT FB_WIRE_AT

static const fb_wire_field change_fields[] = {
    {.name = "kind",
     .type = FB_WT_ENUM,
     .values = &kinds,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_facility_change, kind),
     .doc = "renew (续授信: end_date, and limit when it changes), limit (调整额度), freeze "
            "(冻结: no drawdown or issue), unfreeze (解冻) or close (终止: the undrawn limit "
            "returns to the bank's commitments)",
     .example = "\"renew\""},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_IN,
     AT(fb_facility_change, id),
     .doc = "The caller's id for it: the same id again is found, not made twice",
     .example = "\"CHG-2026-0001\""},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     AT(fb_facility_change, date),
     .doc = "The business date (the default); any other day is refused",
     .example = "\"2026-01-05\""},
    {.name = "end_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     AT(fb_facility_change, end_date),
     .doc = "renew: the new end date, after the present one",
     .example = "\"2027-01-04\""},
    {.name = "limit",
     .type = FB_WT_MONEY,
     .flags = FB_WF_IN,
     AT(fb_facility_change, limit_fen),
     .doc = "limit: the new limit; renew: the new limit when it changes (a lower one no lower "
            "than what is drawn and reserved)",
     .example = "\"6000000.00\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     AT(fb_facility_change, reason),
     .doc = "Why, for the facility's history",
     .example = "\"年度续授信\""},
};

const fb_wire_record fb_wire_facility_change = {
    "FacilityChange", "a facility's change",
    "A change in a facility's life (POST /v1/facilities/{id}/changes; finbridge facilities "
    "renew|limit|freeze|unfreeze|close ID)",
    change_fields, sizeof change_fields / sizeof change_fields[0]};

static const fb_wire_field change_result_fields[] = {
    {.name = "facility",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The facility",
     .example = "\"FAC-SY-2025-01\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &results,
     .flags = FB_WF_OUT,
     .doc = "changed, exists (the same id again: its figures), or why not",
     .example = "\"changed\""},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The caller's id, when it gave one",
     .example = "\"CHG-2026-0001\""},
    {.name = "kind",
     .type = FB_WT_ENUM,
     .values = &all_kinds,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: what was done",
     .example = "\"renew\""},
    {.name = "n",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the change's number in the facility's history, from 1",
     .example = "1"},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the day it was made",
     .example = "\"2026-01-05\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &statuses,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the facility's status afterwards",
     .example = "\"active\""},
    {.name = "limit_before",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the limit before",
     .example = "\"6000000.00\""},
    {.name = "limit",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the limit afterwards",
     .example = "\"6000000.00\""},
    {.name = "end_before",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the end date before",
     .example = "\"2026-01-04\""},
    {.name = "end_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed or exists: the end date afterwards",
     .example = "\"2027-01-04\""},
    {.name = "available",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed: what may be drawn now",
     .example = "\"6000000.00\""},
    {.name = "party_total_credit",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed: the borrower's total credit now (its active and frozen lines)",
     .example = "\"6000000.00\""},
    {.name = "loans_rederived",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "Changed: the borrower's open loans whose inclusive status changed with it",
     .example = "0"},
    FB__WIRE_MEASURED_REASON,
    FB__WIRE_MEASURED_DATE,
    FB__WIRE_MEASURED_DRAWN,
};

const fb_wire_record fb_wire_facility_change_result = {
    "FacilityChangeResult", "a facility change's result", "What a change of a facility did",
    change_result_fields, sizeof change_result_fields / sizeof change_result_fields[0]};

int fb_json_read_facility_change(const char *text, size_t len, fb_facility_change *out,
                                 fb_json_error *err) {
    FB_ASSERT(text != NULL && out != NULL && err != NULL);
    char facility[sizeof out->facility];
    memcpy(facility, out->facility, sizeof facility);
    memset(out, 0, sizeof *out);
    memcpy(out->facility, facility, sizeof facility);
    out->kind = FB_FACILITY_CHANGE_COUNT_;
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_facility_change, text, len, out, err, &root);
    json_decref(root);
    const char *field = NULL;
    char reason[160];
    if (rc == FB_OK && fb_facility_change_check(out, &field, reason, sizeof reason)) {
        rc = fb_wire_reject(err, field, reason);
    }
    return rc;
}

json_t *fb_json_encode_facility_change(const fb_facility_change *c,
                                       fb_facility_change_result result) {
    FB_ASSERT(c != NULL);
    json_t *j = json_object();
    char date[11];
    json_object_set_new(j, "facility", json_string(c->facility));
    json_object_set_new(j, "result", json_string(fb_facility_change_result_name(result)));
    if (c->id[0]) json_object_set_new(j, "id", json_string(c->id));
    if (result != FB_FACILITY_CHANGED && result != FB_FACILITY_CHANGE_EXISTS) {
        fb_json_measured(j, fb_facility_change_result_name(result), c->against);
        return j;
    }
    json_object_set_new(j, "kind", json_string(fb_facility_change_name(c->kind)));
    json_object_set_new(j, "n", json_integer(c->seq));
    json_object_set_new(j, "date", json_string(fb_date_format(c->date, date)));
    json_object_set_new(j, "status", json_string(fb_facility_status_name(c->status)));
    json_object_set_new(j, "limit_before", fb_json_money(c->limit_before_fen));
    json_object_set_new(j, "limit", fb_json_money(c->limit_after_fen));
    json_object_set_new(j, "end_before", json_string(fb_date_format(c->end_before, date)));
    json_object_set_new(j, "end_date", json_string(fb_date_format(c->end_after, date)));
    if (result == FB_FACILITY_CHANGED) {
        json_object_set_new(j, "available", fb_json_money(c->available_fen));
        json_object_set_new(j, "party_total_credit", fb_json_money(c->party_total_credit_fen));
        json_object_set_new(j, "loans_rederived", json_integer(c->loans_rederived));
    }
    return j;
}
