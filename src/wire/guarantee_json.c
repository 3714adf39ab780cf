/* guarantee_json.c — see guarantee_json.h. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "wire/guarantee_json.h"
#include "wire/records.h"

static json_t *date(int32_t d) {
    char buf[11];
    return json_string(fb_date_format(d, buf));
}

static json_t *percent(int64_t e6) {
    char buf[FB_RATE_STR_MAX];
    return json_string(fb_rate_format(e6, buf));
}

int fb_json_read_guarantee(const char *text, size_t len, fb_guarantee *out, fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_guarantee, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    if (fb_guarantee_check(out, &field, err->reason, sizeof err->reason) == FB_OK) return FB_OK;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    return FB_EINVAL;
}

json_t *fb_json_encode_guarantee_result(const char *id, fb_guarantee_result r) {
    FB_ASSERT(id != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(id));
    json_object_set_new(j, "result", json_string(fb_guarantee_result_name(r)));
    return j;
}

static json_t *parts(const int64_t *v) {
    json_t *o = json_object();
    for (int k = 0; k < FB_GUARANTOR_BANK; k++)
        json_object_set_new(o, fb_guarantor_name((fb_guarantor)k), fb_json_money(v[k]));
    return o;
}

json_t *fb_json_encode_guarantee(const fb_guarantee_view *v) {
    FB_ASSERT(v != NULL);
    const fb_guarantee *g = &v->g;
    static const char *const shares[FB_GUARANTOR_COUNT_] = {"share_company", "share_national",
                                                            "share_provincial", "share_bank"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(g->id));
    json_object_set_new(o, "loan", json_string(g->loan));
    json_object_set_new(o, "company", json_string(g->company));
    json_object_set_new(o, "covered", percent(g->covered_e6));
    for (int k = 0; k < FB_GUARANTOR_COUNT_; k++)
        json_object_set_new(o, shares[k], percent(g->split_e6[k]));
    json_object_set_new(o, "fee", percent(g->fee_e6));
    json_object_set_new(o, "pay_days", json_integer(g->pay_days));
    json_object_set_new(o, "created", date(g->created));
    json_object_set_new(o, "principal", fb_json_money(v->principal_fen));
    json_object_set_new(o, "net_exposure", fb_json_money(v->net_exposure_fen));
    if (v->fee_years) json_object_set_new(o, "fee_years", json_integer(v->fee_years));
    if (v->fee_years || v->fee_collected_fen) {
        json_object_set_new(o, "fees", fb_json_money(v->fees_fen + v->fee_collected_fen));
    }
    if (v->fee_day || v->fee_accrued_fen) {
        json_object_set_new(o, "fee_accrued", fb_json_money(v->fee_accrued_fen));
        json_object_set_new(o, "fee_collected", fb_json_money(v->fee_collected_fen));
        json_object_set_new(o, "fee_unpaid",
                            fb_json_money(v->fee_accrued_fen - v->fee_collected_fen));
    }
    if (v->fee_unpaid_since) {
        json_object_set_new(o, "fee_unpaid_since", date(v->fee_unpaid_since));
        json_object_set_new(o, "fee_unpaid_days", json_integer(v->fee_unpaid_days));
    }
    if (!v->claimed) return o;
    json_object_set_new(o, "claimed", date(v->claimed));
    json_object_set_new(o, "due", date(v->due));
    json_object_set_new(o, "basis", fb_json_money(v->basis_fen));
    json_object_set_new(o, "owed", parts(v->owed_fen));
    json_object_set_new(o, "paid", parts(v->paid_fen));
    json_object_set_new(o, "returned", parts(v->returned_fen));
    json_object_set_new(o, "overdue", json_boolean(v->overdue));
    return o;
}

int fb_json_read_guarantee_claim(const char *text, size_t len, int32_t *date, fb_json_error *err) {
    FB_ASSERT(date != NULL && err != NULL);
    fb_json_guarantee_claim c = {0};
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_guarantee_claim, text, len, &c, err, &root);
    json_decref(root);
    *date = c.date;
    return rc;
}

int fb_json_read_guarantee_pay(const char *text, size_t len, fb_guarantor *who,
                               fb_json_error *err) {
    FB_ASSERT(who != NULL && err != NULL);
    fb_json_guarantee_pay p = {FB_GUARANTOR_COUNT_};
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_guarantee_pay, text, len, &p, err, &root);
    json_decref(root);
    *who = p.who;
    return rc;
}

json_t *fb_json_encode_guarantee_act(const char *id, bool pay, fb_guarantee_result r,
                                     fb_guarantor who, int64_t amount_fen, int32_t due) {
    FB_ASSERT(id != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(id));
    json_object_set_new(j, "act", json_string(pay ? "pay" : "claim"));
    json_object_set_new(j, "result", json_string(fb_guarantee_result_name(r)));
    if (pay) json_object_set_new(j, "guarantor", json_string(fb_guarantor_name(who)));
    if (r != FB_GUARANTEE_DONE && r != FB_GUARANTEE_EXISTS) return j;
    json_object_set_new(j, "amount", fb_json_money(amount_fen));
    if (!pay) json_object_set_new(j, "due", date(due));
    return j;
}

json_t *fb_json_encode_guarantee_share_back(const char *id, fb_guarantee_result r,
                                            const int64_t returned_fen[FB_GUARANTOR_BANK]) {
    FB_ASSERT(id != NULL && returned_fen != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(id));
    json_object_set_new(j, "act", json_string("share_back"));
    json_object_set_new(j, "result", json_string(fb_guarantee_result_name(r)));
    if (r != FB_GUARANTEE_DONE) return j;
    int64_t sum = 0;
    for (int k = 0; k < FB_GUARANTOR_BANK; k++)
        sum += returned_fen[k];
    json_object_set_new(j, "amount", fb_json_money(sum));
    json_object_set_new(j, "returned", parts(returned_fen));
    return j;
}

json_t *fb_json_encode_guarantee_fee(const char *id, fb_guarantee_result r, int64_t fee_fen,
                                     int32_t year, int64_t available_fen) {
    FB_ASSERT(id != NULL);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(id));
    json_object_set_new(j, "act", json_string("fee"));
    json_object_set_new(j, "result", json_string(fb_guarantee_result_name(r)));
    if (r == FB_GUARANTEE_INSUFFICIENT_FUNDS) {
        json_object_set_new(j, "amount", fb_json_money(fee_fen));
        json_object_set_new(j, "available", fb_json_money(available_fen));
        char a[FB_MONEY_STR_MAX], f[FB_MONEY_STR_MAX];
        char reason[2 * FB_MONEY_STR_MAX + 40];
        snprintf(reason, sizeof reason, "%s available, less than the amount %s",
                 fb_money_format(available_fen, a), fb_money_format(fee_fen, f));
        json_object_set_new(j, "reason", json_string(reason));
    }
    if (r != FB_GUARANTEE_DONE && r != FB_GUARANTEE_EXISTS) return j;
    json_object_set_new(j, "amount", fb_json_money(fee_fen));
    json_object_set_new(j, "year", json_integer(year));
    return j;
}
