/* scheme_report_json.c — see scheme_report_json.h. */
#include <stdio.h>

#include "core/assert.h"
#include "wire/scheme_report_json.h"

static json_t *date_or_null(int32_t d) {
    char buf[11];
    return d ? json_string(fb_date_format(d, buf)) : json_null();
}

static json_t *money_or_null(int64_t fen, bool hidden) {
    return hidden ? json_null() : fb_json_money(fen);
}

static json_t *count_or_null(int64_t n, bool hidden) {
    return hidden ? json_null() : json_integer((json_int_t)n);
}

json_t *fb_json_encode_subsidy_claim_row(const fb_subsidy_claim_row *r) {
    FB_ASSERT(r != NULL);
    FB_ASSERT(r->claimed != 0);
    json_t *o = json_object();
    json_object_set_new(o, "quarter", json_integer(r->quarter));
    json_object_set_new(o, "claimed", date_or_null(r->claimed));
    json_object_set_new(o, "paid", date_or_null(r->paid));
    json_object_set_new(o, "lines", json_integer((json_int_t)r->lines));
    json_object_set_new(o, "approved_lines", json_integer((json_int_t)r->approved_lines));
    json_object_set_new(o, "rejected_lines", json_integer((json_int_t)r->rejected_lines));
    json_object_set_new(o, "amount", money_or_null(r->amount_fen, r->suppressed));
    json_object_set_new(o, "approved", money_or_null(r->approved_fen, r->suppressed));
    json_object_set_new(o, "rejected", money_or_null(r->rejected_fen, r->suppressed));
    if (r->suppressed) json_object_set_new(o, "suppressed", json_true());
    return o;
}

json_t *fb_json_encode_guarantee_row(const fb_guarantee_row *r) {
    FB_ASSERT(r != NULL);
    FB_ASSERT(r->city > 0);
    static const char *const who[3] = {"company", "national_fund", "provincial"};
    bool h = r->suppressed;
    json_t *o = json_object();
    json_object_set_new(o, "city", json_integer(r->city));
    json_object_set_new(o, "guarantees", count_or_null(r->guarantees, h));
    json_object_set_new(o, "borrowers", count_or_null(r->borrowers, h));
    json_object_set_new(o, "principal", money_or_null(r->principal_fen, h));
    json_object_set_new(o, "guaranteed", money_or_null(r->guaranteed_fen, h));
    json_object_set_new(o, "net_exposure", money_or_null(r->net_exposure_fen, h));
    json_object_set_new(o, "claims", count_or_null(r->claims, h));
    json_object_set_new(o, "basis", money_or_null(r->basis_fen, h));
    json_object_set_new(o, "bank_share", money_or_null(r->bank_share_fen, h));
    char key[32];
    for (int k = 0; k < 3; k++) {
        snprintf(key, sizeof key, "%s_owed", who[k]);
        json_object_set_new(o, key, money_or_null(r->owed_fen[k], h));
        snprintf(key, sizeof key, "%s_paid", who[k]);
        json_object_set_new(o, key, money_or_null(r->paid_fen[k], h));
        snprintf(key, sizeof key, "%s_returned", who[k]);
        json_object_set_new(o, key, money_or_null(r->returned_fen[k], h));
    }
    json_object_set_new(o, "overdue", count_or_null(r->overdue, h));
    if (h) json_object_set_new(o, "suppressed", json_true());
    return o;
}
