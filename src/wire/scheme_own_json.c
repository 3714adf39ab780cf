/* scheme_own_json.c — see scheme_own_json.h. */
#include <stdio.h>

#include "core/assert.h"
#include "wire/scheme_own_json.h"

static json_t *percent(int64_t e6) {
    char buf[FB_RATE_STR_MAX];
    return json_string(fb_rate_format(e6, buf));
}

static json_t *date(int32_t d) {
    char buf[11];
    return json_string(fb_date_format(d, buf));
}

json_t *fb_json_encode_guarantor_summary(const fb_guarantor_summary *s) {
    FB_ASSERT(s != NULL);
    FB_ASSERT(s->company[0]);
    json_t *o = json_object();
    json_object_set_new(o, "company", json_string(s->company));
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "guarantees", json_integer((json_int_t)s->guarantees));
    json_object_set_new(o, "active", json_integer((json_int_t)s->active));
    json_object_set_new(o, "principal", fb_json_money(s->principal_fen));
    json_object_set_new(o, "guaranteed", fb_json_money(s->guaranteed_fen));
    json_object_set_new(o, "share", fb_json_money(s->share_fen));
    json_object_set_new(o, "fees", fb_json_money(s->fees_fen));
    json_object_set_new(o, "claims", json_integer((json_int_t)s->claims));
    json_object_set_new(o, "basis", fb_json_money(s->basis_fen));
    json_object_set_new(o, "owed", fb_json_money(s->owed_fen));
    json_object_set_new(o, "paid", fb_json_money(s->paid_fen));
    json_object_set_new(o, "returned", fb_json_money(s->returned_fen));
    json_object_set_new(o, "overdue", json_integer((json_int_t)s->overdue));
    return o;
}

json_t *fb_json_encode_party_subsidy(const fb_party_subsidy *p) {
    FB_ASSERT(p != NULL);
    FB_ASSERT(p->loan[0] && p->start > 0);
    json_t *o = json_object();
    json_object_set_new(o, "loan", json_string(p->loan));
    json_object_set_new(o, "scheme", json_string(p->scheme));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "mode", json_string(fb_subsidy_mode_name(p->mode)));
    json_object_set_new(o, "points", percent(p->points_e6));
    json_object_set_new(o, "share", percent(p->share_e6));
    json_object_set_new(o, "start", date(p->start));
    json_object_set_new(o, "until", date(p->until));
    json_object_set_new(o, "committed", fb_json_money(p->committed_fen));
    json_object_set_new(o, "accrued", fb_json_money(p->accrued_fen));
    json_object_set_new(o, "paid", fb_json_money(p->paid_fen));
    json_object_set_new(o, "rejected", fb_json_money(p->rejected_fen));
    json_object_set_new(o, "pending", fb_json_money(p->pending_fen));
    json_object_set_new(o, "claimed", fb_json_money(p->claimed_fen));
    return o;
}
