/* book_json.c — see book_json.h. The decoders read by the records' tables (records_*.c); what
 * they add are the checks across fields. */
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/book_json.h"
#include "wire/records.h"
#include "wire/view_json.h"

static int reject(fb_json_error *err, const char *field, const char *reason) {
    return fb_wire_reject(err, field, reason);
}

int fb_json_decode_party(const char *text, size_t len, fb_party *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_party, text, len, out, err, &root);
    /* An enterprise's size class needs its figures, and so does an owner's business's. */
    static const char *const figures[] = {"employees", "revenue", "total_assets"};
    bool sized = out->kind == FB_PARTY_ENTERPRISE || out->kind == FB_PARTY_SMALL_BUSINESS_OWNER;
    for (size_t i = 0; rc == FB_OK && sized && i < 3; i++) {
        if (!json_object_get(root, figures[i])) {
            rc = reject(err, figures[i],
                        out->kind == FB_PARTY_ENTERPRISE
                            ? "is missing (an enterprise's size class needs it)"
                            : "is missing (the size class of the owner's business needs it)");
        }
    }
    json_decref(root);
    return rc;
}

json_t *fb_json_encode_party(const fb_party *p) {
    json_t *o = json_object();
    if (!o) return NULL;
    char buf[16];
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "kind", json_string(fb_party_kind_name(p->kind)));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "uscc", json_string(p->uscc));
    if (p->resident_id[0]) json_object_set_new(o, "resident_id", json_string(p->resident_id));
    snprintf(buf, sizeof buf, "%06d", p->region);
    json_object_set_new(o, "region", json_string(buf));
    snprintf(buf, sizeof buf, "%06d", p->city);
    json_object_set_new(o, "city", json_string(buf));
    const char *city_zh = fb_region_name_zh(p->city);
    if (city_zh) json_object_set_new(o, "city_name", json_string(city_zh));
    snprintf(buf, sizeof buf, "%04d", p->industry);
    json_object_set_new(o, "industry", json_string(buf));
    json_object_set_new(o, "employees", json_integer(p->figures.employees));
    json_object_set_new(o, "revenue", fb_json_money(p->figures.revenue_fen));
    json_object_set_new(o, "total_assets", fb_json_money(p->figures.total_assets_fen));
    json_t *flags = json_array();
    for (unsigned bit = 0; fb_party_flag_name(bit); bit++) {
        if (p->flags & (1u << bit))
            json_array_append_new(flags, json_string(fb_party_flag_name(bit)));
    }
    json_object_set_new(o, "flags", flags);
    json_object_set_new(o, "size_class", json_string(fb_size_class_name(p->size_class)));
    json_object_set_new(o, "size_rule", json_string(p->size_rule));
    json_object_set_new(o, "key_chain", p->key_chain[0] ? json_string(p->key_chain) : json_null());
    json_object_set_new(o, "tech_sme", json_boolean(p->tech_sme));
    json_object_set_new(o, "tech_sme_rule", json_string(p->tech_sme_rule));
    json_object_set_new(o, "deposit_account", json_string(p->deposit_account));
    if (p->created_ns) json_object_set_new(o, "created", fb_json_i64_string(p->created_ns));
    return o;
}

/* ---- Facilities --------------------------------------------------------------------------- */

int fb_json_decode_facility(const char *text, size_t len, fb_facility *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    out->line = FB_LINE_COUNT_;
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_facility, text, len, out, err, &root);
    json_decref(root);
    return rc;
}

json_t *fb_json_encode_facility(const fb_facility *f) {
    json_t *o = json_object();
    if (!o) return NULL;
    char date[11];
    json_object_set_new(o, "id", json_string(f->id));
    json_object_set_new(o, "party", json_string(f->party));
    json_object_set_new(o, "line", json_string(fb_line_name(f->line)));
    json_object_set_new(o, "limit", fb_json_money(f->limit_fen));
    json_object_set_new(o, "start_date", json_string(fb_date_format(f->start_date, date)));
    json_object_set_new(o, "end_date", json_string(fb_date_format(f->end_date, date)));
    json_object_set_new(o, "revolving", json_boolean(f->revolving));
    if (f->project[0]) json_object_set_new(o, "project", json_string(f->project));
    if (f->green_item[0]) json_object_set_new(o, "green_item", json_string(f->green_item));
    json_object_set_new(o, "status", json_string(fb_facility_status_name(f->status)));
    json_object_set_new(o, "party_total_credit", fb_json_money(f->party_total_credit_fen));
    json_object_set_new(o, "inclusive", json_boolean(f->inclusive_cbirc));
    json_object_set_new(o, "inclusive_pboc", json_boolean(f->inclusive_pboc));
    json_object_set_new(o, "inclusive_rule", json_string(f->inclusive_rule));
    json_object_set_new(o, "available_account", json_string(f->available_account));
    json_object_set_new(o, "drawn_account", json_string(f->drawn_account));
    return o;
}

/* ---- Loans -------------------------------------------------------------------------------- */

int fb_json_decode_loan(const char *text, size_t len, fb_loan *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    out->penalty_markup_pct = 50;
    out->terms.method = FB_METHOD_COUNT_;
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_loan, text, len, out, err, &root);
    bool fixed = rc == FB_OK && json_object_get(root, "rate") != NULL;
    bool lpr = rc == FB_OK && json_object_get(root, "lpr") != NULL;
    if (rc == FB_OK && fixed == lpr) {
        rc = reject(err, "rate", "give either rate (fixed) or lpr with spread_bp (floating)");
    }
    if (rc == FB_OK && !lpr && json_object_get(root, "spread_bp")) {
        rc = reject(err, "spread_bp", "is only for an LPR loan");
    }
    json_decref(root);
    return rc;
}

json_t *fb_json_encode_loan(const fb_loan *x) {
    json_t *o = json_object();
    if (!o) return NULL;
    const fb_loan_terms *t = &x->terms;
    char date[11], rate[FB_RATE_STR_MAX];
    json_object_set_new(o, "id", json_string(x->id));
    json_object_set_new(o, "facility", json_string(x->facility));
    json_object_set_new(o, "party", json_string(x->party));
    json_object_set_new(o, "line", json_string(fb_line_name(x->line)));
    json_object_set_new(o, "amount", fb_json_money(t->principal_fen));
    json_object_set_new(o, "rate", json_string(fb_rate_format(t->rate_e6, rate)));
    if (x->rate_kind == FB_RATE_LPR) {
        json_object_set_new(o, "lpr", json_string(x->lpr_tenor_years == 5 ? "5y" : "1y"));
        json_object_set_new(o, "lpr_base", json_string(fb_rate_format(x->lpr_base_e6, rate)));
        json_object_set_new(o, "lpr_date", json_string(fb_date_format(x->lpr_date, date)));
        json_object_set_new(o, "spread_bp", json_integer(x->spread_bp));
    }
    json_object_set_new(o, "months", json_integer(t->months));
    json_object_set_new(o, "method", json_string(fb_method_name(t->method)));
    json_object_set_new(o, "start_date", json_string(fb_date_format(t->start_date, date)));
    if (t->repayment_day) json_object_set_new(o, "repayment_day", json_integer(t->repayment_day));
    json_object_set_new(o, "day_count", json_string(fb_day_count_name(t->day_count)));
    json_object_set_new(o, "penalty_markup",
                        json_string(fb_rate_format((int64_t)x->penalty_markup_pct * 10000, rate)));
    json_object_set_new(o, "auto_collect", json_boolean(!x->manual_collection));
    if (x->personal_purpose) json_object_set_new(o, "business_purpose", json_false());
    json_object_set_new(o, "payment", json_string(fb_payment_name(x->payment)));
    if (x->payee[0]) json_object_set_new(o, "payee", json_string(x->payee));
    if (x->payee_account[0]) {
        json_object_set_new(o, "payee_account", json_string(x->payee_account));
        json_object_set_new(o, "payee_name", json_string(x->payee_name));
    }
    if (x->purpose[0]) json_object_set_new(o, "purpose", json_string(x->purpose));
    json_object_set_new(o, "maturity_date", json_string(fb_date_format(x->maturity_date, date)));
    json_object_set_new(o, "inclusive", json_boolean(x->inclusive_cbirc));
    json_object_set_new(o, "inclusive_pboc", json_boolean(x->inclusive_pboc));
    if (x->green_item[0]) json_object_set_new(o, "green_item", json_string(x->green_item));
    if (x->project[0]) json_object_set_new(o, "project", json_string(x->project));
    json_object_set_new(o, "status", json_string(fb_loan_status_name(x->status)));
    json_object_set_new(o, "principal_account", json_string(x->principal_account));
    return o;
}

/* ---- Certificates ------------------------------------------------------------------------- */

int fb_json_decode_cert_issue(const char *text, size_t len, fb_cert_issue *out,
                              fb_json_error *err) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_cert_issue, text, len, out, err, &root);
    json_decref(root);
    return rc;
}

int fb_json_decode_cert_move(const char *text, size_t len, bool finance, fb_cert_move *out,
                             fb_json_error *err) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(finance ? &fb_wire_cert_finance : &fb_wire_cert_transfer, text, len,
                            out, err, &root);
    json_decref(root);
    /* The field the other kind of move takes, said as such. */
    if (rc == FB_EINVAL && finance && strcmp(err->field, "to") == 0) {
        rc = reject(err, "to", "is not a field of a financing: the bank becomes the holder");
    } else if (rc == FB_EINVAL && !finance && strcmp(err->field, "rate") == 0) {
        rc = reject(err, "rate", "is not a field of a transfer");
    }
    return rc;
}

json_t *fb_json_encode_cert(const fb_certificate *c) {
    json_t *o = json_object();
    char date[11], rate[FB_RATE_STR_MAX];
    json_object_set_new(o, "id", json_string(c->id));
    json_object_set_new(o, "root", json_string(c->root));
    json_object_set_new(o, "parent", c->parent[0] ? json_string(c->parent) : json_null());
    json_object_set_new(o, "core", json_string(c->core));
    json_object_set_new(o, "facility", json_string(c->facility));
    json_object_set_new(o, "holder", json_string(c->holder[0] ? c->holder : "bank"));
    json_object_set_new(o, "from", c->from[0] ? json_string(c->from) : json_null());
    json_object_set_new(o, "received", json_string(fb_date_format(c->date, date)));
    json_object_set_new(o, "face", fb_json_money(c->range_end - c->range_start));
    json_object_set_new(o, "range_start", json_integer(c->range_start));
    json_object_set_new(o, "range_end", json_integer(c->range_end));
    json_object_set_new(o, "root_face", fb_json_money(c->root_face_fen));
    json_object_set_new(o, "issue_date", json_string(fb_date_format(c->issue_date, date)));
    json_object_set_new(o, "maturity", json_string(fb_date_format(c->maturity, date)));
    json_object_set_new(o, "status", json_string(fb_cert_status_name(c->status)));
    if (c->contract[0]) json_object_set_new(o, "contract", json_string(c->contract));
    if (c->invoice[0]) json_object_set_new(o, "invoice", json_string(c->invoice));
    if (c->discount_rate_e6) {
        json_t *f = json_object();
        json_object_set_new(f, "date", json_string(fb_date_format(c->date, date)));
        json_object_set_new(f, "by", c->from[0] ? json_string(c->from) : json_null());
        json_object_set_new(f, "rate", json_string(fb_rate_format(c->discount_rate_e6, rate)));
        json_object_set_new(f, "discount", fb_json_money(c->discount_fen));
        json_object_set_new(f, "proceeds",
                            fb_json_money(c->range_end - c->range_start - c->discount_fen));
        json_object_set_new(f, "inclusive", json_boolean(c->inclusive_cbirc));
        json_object_set_new(f, "inclusive_pboc", json_boolean(c->inclusive_pboc));
        json_object_set_new(o, "financed", f);
    }
    if (c->settled_date) {
        json_object_set_new(o, "settled", json_string(fb_date_format(c->settled_date, date)));
    }
    return o;
}

/* ---- Schedules and positions ----------------------------------------------------------------- */

json_t *fb_json_encode_schedule(const fb_installment *s, size_t n) {
    json_t *root = json_object(), *list = json_array();
    char date[11];
    int64_t interest = 0, payment = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "n", json_integer(s[i].n));
        json_object_set_new(o, "due_date", json_string(fb_date_format(s[i].due_date, date)));
        json_object_set_new(o, "payment", fb_json_money(s[i].payment_fen));
        json_object_set_new(o, "principal", fb_json_money(s[i].principal_fen));
        json_object_set_new(o, "interest", fb_json_money(s[i].interest_fen));
        json_object_set_new(o, "balance", fb_json_money(s[i].balance_fen));
        json_array_append_new(list, o);
        interest += s[i].interest_fen;
        payment += s[i].payment_fen;
    }
    json_object_set_new(root, "installments", list);
    json_object_set_new(root, "total_interest", fb_json_money(interest));
    json_object_set_new(root, "total_payment", fb_json_money(payment));
    return root;
}

void fb_json_add_position(json_t *j, const fb_loan_position *p) {
    char date[11], rate[FB_RATE_STR_MAX];
    json_object_set_new(j, "business_date",
                        p->business_date ? json_string(fb_date_format(p->business_date, date))
                                         : json_null());
    json_object_set_new(j, "rate_now", json_string(fb_rate_format(p->rate_e6, rate)));
    json_object_set_new(j, "installment", json_integer(p->installment));
    json_object_set_new(j, "installments", json_integer(p->installments));
    json_object_set_new(j, "principal_outstanding", fb_json_money(p->principal_fen));
    json_object_set_new(j, "principal_overdue", fb_json_money(p->principal_overdue_fen));
    json_object_set_new(j, "interest_overdue", fb_json_money(p->interest_overdue_fen));
    json_object_set_new(j, "interest_accrued", fb_json_money(p->interest_accrued_fen));
    json_object_set_new(j, "penalty", fb_json_money(p->penalty_fen));
    json_object_set_new(j, "days_past_due", json_integer(p->days_past_due));
    bool classed = p->loan_class >= FB_CLASS_NORMAL && p->loan_class < FB_CLASS_COUNT_;
    json_object_set_new(j, "class",
                        classed ? json_string(fb_loan_class_name(p->loan_class)) : json_null());
    json_object_set_new(j, "prepaid", fb_json_money(p->prepaid_fen));
    json_object_set_new(j, "written_off", fb_json_money(p->written_off_fen));
    json_object_set_new(j, "recovered", fb_json_money(p->recovered_fen));
    json_object_set_new(j, "nonaccrual", json_boolean(p->nonaccrual));
    json_object_set_new(j, "offbal_interest", fb_json_money(p->offbal_interest_fen));
    json_object_set_new(j, "offbal_penalty", fb_json_money(p->offbal_penalty_fen));
    json_object_set_new(j, "class_floor", json_string(fb_loan_class_name(p->manual_floor)));
    json_object_set_new(j, "restructured", json_boolean(p->restructured));
    if (p->restructured && p->observation_end) {
        json_object_set_new(j, "observation_start",
                            json_string(fb_date_format(p->observation_start, date)));
        json_object_set_new(j, "observation_until",
                            json_string(fb_date_format(p->observation_end, date)));
    }
    json_object_set_new(j, "capitalised", fb_json_money(p->capitalised_fen));
    json_object_set_new(j, "extended_months", json_integer(p->extended_months));
    if (p->restructured && p->status == FB_LOAN_ACTIVE) {
        json_object_set_new(j, "observation_floor",
                            json_string(fb_loan_class_name(p->observation_floor)));
        json_object_set_new(j, "observation_missed", json_boolean(p->observation_missed));
        json_object_set_new(j, "difficulty_resolved", json_boolean(p->difficulty_resolved));
    }
    if (p->arrears_repaid) {
        json_object_set_new(j, "arrears_repaid",
                            json_string(fb_date_format(p->arrears_repaid, date)));
        json_object_set_new(j, "paid_on_time", json_integer(p->paid_on_time));
    }
    json_object_set_new(j, "technical_overdue", json_boolean(p->technical_overdue));
}

/* ---- The cooperation ----------------------------------------------------------------------- */

int fb_json_decode_project(const char *text, size_t len, fb_project *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_project, text, len, out, err, &root);
    json_decref(root);
    return rc;
}

json_t *fb_json_encode_project(const fb_project *p) {
    json_t *o = json_object();
    char date[11];
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "city", json_integer(p->city));
    const char *city = fb_region_name_zh(p->city);
    if (city) json_object_set_new(o, "city_name", json_string(city));
    json_object_set_new(o, "industry", json_integer(p->industry));
    json_object_set_new(o, "total_investment", fb_json_money(p->total_investment_fen));
    json_object_set_new(o, "financing_need", fb_json_money(p->financing_need_fen));
    json_object_set_new(o, "status", json_string(fb_project_status_name(p->status)));
    json_object_set_new(o, "start_date", json_string(fb_date_format(p->start_date, date)));
    json_object_set_new(o, "approved", fb_json_money(p->approved_fen));
    json_object_set_new(o, "drawn", fb_json_money(p->drawn_fen));
    json_object_set_new(o, "outstanding", fb_json_money(p->outstanding_fen));
    return o;
}

int fb_json_decode_agreement(const char *text, size_t len, fb_agreement *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_agreement, text, len, out, err, &root);
    json_decref(root);
    return rc;
}

static json_t *target_value(const fb_target *t, int64_t v) {
    char rate[FB_RATE_STR_MAX];
    switch (fb_measure_unit_of(t->measure)) {
    case FB_UNIT_COUNT: return json_integer(v);
    case FB_UNIT_RATE: return json_string(fb_rate_format(v, rate));
    case FB_UNIT_HALF_DAYS:
        snprintf(rate, sizeof rate, "%lld.%d", (long long)(v / 2), v % 2 ? 5 : 0);
        return json_string(rate);
    default: return fb_json_money(v);
    }
}

json_t *fb_json_encode_agreement(const fb_agreement *a) {
    json_t *o = json_object(), *targets = json_array();
    char date[11];
    json_object_set_new(o, "id", json_string(a->id));
    json_object_set_new(o, "bank", json_string(a->bank));
    json_object_set_new(o, "region", json_integer(a->region));
    json_object_set_new(o, "start_date", json_string(fb_date_format(a->start_date, date)));
    json_object_set_new(o, "end_date", json_string(fb_date_format(a->end_date, date)));
    for (size_t i = 0; i < a->n_targets; i++) {
        json_t *t = json_object();
        json_object_set_new(t, "measure", json_string(fb_measure_name(a->targets[i].measure)));
        if (a->targets[i].dimension[0]) {
            json_object_set_new(t, "breakdown", json_string(a->targets[i].dimension));
        }
        json_object_set_new(t, "target", target_value(&a->targets[i], a->targets[i].amount));
        json_array_append_new(targets, t);
    }
    json_object_set_new(o, "targets", targets);
    return o;
}

static json_t *percent(int64_t e2) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(e2 / 100), (long long)(e2 % 100));
    return json_string(buf);
}

json_t *fb_json_encode_progress(const fb_agreement *a, int32_t as_of, const fb_progress *p,
                                size_t n) {
    json_t *o = json_object(), *list = json_array();
    char date[11];
    json_object_set_new(o, "agreement", json_string(a->id));
    json_object_set_new(o, "region", json_integer(a->region));
    json_object_set_new(o, "as_of", json_string(fb_date_format(as_of, date)));
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_object();
        json_object_set_new(t, "measure", json_string(fb_measure_name(p[i].target.measure)));
        if (p[i].target.dimension[0]) {
            json_object_set_new(t, "breakdown", json_string(p[i].target.dimension));
        }
        json_object_set_new(t, "target", target_value(&p[i].target, p[i].target.amount));
        json_object_set_new(t, "achieved", target_value(&p[i].target, p[i].achieved));
        if (!p[i].ceiling) json_object_set_new(t, "percent", percent(p[i].percent_e2));
        if (!p[i].ceiling && !p[i].floor) {
            json_object_set_new(t, "elapsed_percent", percent(p[i].elapsed_percent_e2));
        }
        json_object_set_new(t, "status",
                            json_string(p[i].ceiling    ? (p[i].on_track ? "within" : "exceeded")
                                        : p[i].floor    ? (p[i].on_track ? "met" : "not_met")
                                        : p[i].on_track ? "ahead"
                                                        : "behind"));
        json_array_append_new(list, t);
    }
    json_object_set_new(o, "targets", list);
    return o;
}

/* ---- Reports ------------------------------------------------------------------------------- */

json_t *fb_json_encode_report_row(const fb_report_row *r) {
    json_t *o = json_object();
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
    if (r->loan_class >= 0) {
        json_object_set_new(o, "class",
                            json_string(fb_loan_class_name((fb_loan_class)r->loan_class)));
    }
    json_object_set_new(o, "balance", fb_json_money(r->balance_fen));
    json_object_set_new(o, "loans", json_integer(r->loans));
    json_object_set_new(o, "borrowers", json_integer(r->borrowers));
    json_object_set_new(o, "new", fb_json_money(r->new_fen));
    json_object_set_new(o, "new_loans", json_integer(r->new_loans));
    return o;
}

/* ---- Reading a record as one event of a create: decoded, then checked ---------------------- */

/* The check's verdict in err: FB_EINVAL with the field at fault, or FB_OK. */
static int checked(int rc, const char *field, fb_json_error *err) {
    if (rc == FB_OK) return FB_OK;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    return FB_EINVAL;
}

int fb_json_read_party(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_party *p = out;
    const char *field = NULL;
    int rc = fb_json_decode_party(text, len, p, err);
    if (rc) return rc;
    rc = fb_party_prepare(p, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

int fb_json_read_facility(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_facility *f = out;
    const char *field = NULL;
    int rc = fb_json_decode_facility(text, len, f, err);
    if (rc) return rc;
    rc = fb_facility_check(f, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

int fb_json_read_loan(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_loan *x = out;
    const char *field = NULL;
    int rc = fb_json_decode_loan(text, len, x, err);
    if (rc) return rc;
    rc = fb_loan_check(x, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

int fb_json_read_project(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_project *p = out;
    const char *field = NULL;
    int rc = fb_json_decode_project(text, len, p, err);
    if (rc) return rc;
    rc = fb_project_check(p, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

int fb_json_read_agreement(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_agreement *a = out;
    const char *field = NULL;
    int rc = fb_json_decode_agreement(text, len, a, err);
    if (rc) return rc;
    rc = fb_agreement_check(a, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

int fb_json_read_cert_issue(const char *text, size_t len, void *out, fb_json_error *err) {
    fb_cert_issue *v = out;
    const char *field = NULL;
    int rc = fb_json_decode_cert_issue(text, len, v, err);
    if (rc) return rc;
    rc = fb_cert_issue_check(v, &field, err->reason, sizeof err->reason);
    return checked(rc, field, err);
}

json_t *fb_json_encode_move(const fb_class_move *m) {
    json_t *j = json_object();
    json_object_set_new(j, "from", json_string(fb_loan_class_name((fb_loan_class)m->from_class)));
    json_object_set_new(j, "to", json_string(fb_loan_class_name((fb_loan_class)m->to_class)));
    json_object_set_new(j, "loans", json_integer(m->loans));
    json_object_set_new(j, "balance", fb_json_money(m->balance_fen));
    return j;
}

json_t *fb_json_encode_two_increases(const fb_two_increases *t) {
    char d[11];
    json_t *j = json_object();
    json_object_set_new(j, "as_of", json_string(fb_date_format(t->as_of, d)));
    json_object_set_new(j, "base_date", json_string(fb_date_format(t->base_date, d)));
    json_object_set_new(j, "inclusive_balance", fb_json_money(t->inclusive_fen));
    json_object_set_new(j, "inclusive_balance_base", fb_json_money(t->inclusive_base_fen));
    json_object_set_new(j, "all_balance", fb_json_money(t->all_fen));
    json_object_set_new(j, "all_balance_base", fb_json_money(t->all_base_fen));
    json_object_set_new(j, "inclusive_borrowers", json_integer(t->borrowers));
    json_object_set_new(j, "inclusive_borrowers_base", json_integer(t->borrowers_base));
    json_object_set_new(j, "balance_grows_no_slower",
                        t->balance_ok < 0 ? json_null() : json_boolean(t->balance_ok));
    json_object_set_new(j, "borrowers_not_fewer",
                        t->borrowers_ok < 0 ? json_null() : json_boolean(t->borrowers_ok));
    return j;
}

json_t *fb_json_encode_party_name(const fb_party_name *p) {
    FB_ASSERT(p != NULL && p->id[0]);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(p->id));
    json_object_set_new(j, "name", json_string(p->name));
    json_object_set_new(j, "kind", json_string(fb_party_kind_name(p->kind)));
    json_object_set_new(j, "city", json_integer(p->city));
    return j;
}

void fb_json_cert_names(json_t *cert, const char *core_name, const char *holder_name) {
    FB_ASSERT(json_is_object(cert));
    if (core_name && core_name[0]) json_object_set_new(cert, "core_name", json_string(core_name));
    if (holder_name && holder_name[0])
        json_object_set_new(cert, "holder_name", json_string(holder_name));
}

void fb_json_exposure_party(json_t *exposure, const fb_party *p, const fb_json_borrower *b) {
    FB_ASSERT(json_is_object(exposure) && p != NULL && b != NULL);
    FB_ASSERT(b->limit_fen >= 0 && b->loan_class < FB_CLASS_COUNT_);
    json_object_set_new(exposure, "limit", fb_json_money(b->limit_fen));
    json_object_set_new(exposure, "drawn", fb_json_money(b->drawn_fen));
    if (b->loan_class >= 0)
        json_object_set_new(exposure, "class",
                            json_string(fb_loan_class_name((fb_loan_class)b->loan_class)));
    json_object_set_new(exposure, "city", json_integer(p->city));
    char industry[8];
    snprintf(industry, sizeof industry, "%04d", p->industry);
    json_object_set_new(exposure, "industry", json_string(industry));
    if (p->key_chain[0]) json_object_set_new(exposure, "chain", json_string(p->key_chain));
}

void fb_json_progress_rank(json_t *target, int64_t rank, int64_t of) {
    FB_ASSERT(json_is_object(target) && rank >= 1 && rank <= of);
    json_object_set_new(target, "rank", json_integer((json_int_t)rank));
    json_object_set_new(target, "of", json_integer((json_int_t)of));
}

json_t *fb_json_encode_cert_quote(const fb_cert_move *v, bool finance, const fb_certificate *part,
                                  const fb_cert_outcome *o, const char *to_name) {
    FB_ASSERT(v != NULL && part != NULL && o != NULL && to_name != NULL);
    FB_ASSERT(o->result == FB_CERT_DONE && v->date < part->maturity);
    json_t *j = json_object();
    json_object_set_new(j, "part", json_string(v->part));
    json_object_set_new(j, "id", json_string(v->id));
    if (!finance) {
        json_object_set_new(j, "to", json_string(v->to));
        json_object_set_new(j, "to_name", json_string(to_name));
    }
    char date[11], rate[FB_RATE_STR_MAX];
    json_object_set_new(j, "date", json_string(fb_date_format(v->date, date)));
    json_object_set_new(j, "maturity", json_string(fb_date_format(part->maturity, date)));
    json_object_set_new(j, "days", json_integer(part->maturity - v->date));
    json_object_set_new(j, "amount", fb_json_money(o->amount_fen));
    if (finance) {
        json_object_set_new(j, "rate", json_string(fb_rate_format(v->discount_rate_e6, rate)));
        json_object_set_new(j, "discount", fb_json_money(o->discount_fen));
        json_object_set_new(j, "proceeds", fb_json_money(o->proceeds_fen));
    }
    return j;
}

json_t *fb_json_encode_exposure(const fb_exposure *e) {
    json_t *j = json_object();
    json_object_set_new(j, "party", json_string(e->party));
    json_object_set_new(j, "name", json_string(e->name));
    json_object_set_new(j, "principal", fb_json_money(e->principal_fen));
    return j;
}

/* ---- Servicing: a repayment, a write-off, a recovery ----------------------------------------- */

int fb_json_read_servicing(const char *text, size_t len, fb_servicing op, fb_repayment *out,
                           fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    FB_ASSERT(op == FB_SERVICING_REPAY || op == FB_SERVICING_WRITE_OFF ||
              op == FB_SERVICING_RECOVER);
    char loan[sizeof out->loan];
    snprintf(loan, sizeof loan, "%s", out->loan);
    memset(out, 0, sizeof *out);
    snprintf(out->loan, sizeof out->loan, "%s", loan);
    const fb_wire_record *rec = op == FB_SERVICING_REPAY       ? &fb_wire_repayment
                                : op == FB_SERVICING_WRITE_OFF ? &fb_wire_write_off
                                                               : &fb_wire_recovery;
    json_t *root = NULL;
    int rc = fb_wire_decode(rec, text, len, out, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_repayment_check(out, op != FB_SERVICING_WRITE_OFF, &field, err->reason,
                            sizeof err->reason);
    return checked(rc, field, err);
}

int fb_json_read_eod(const char *text, size_t len, int32_t *through, fb_json_error *err) {
    FB_ASSERT(through != NULL && err != NULL);
    fb_json_eod e = {0};
    json_t *root = NULL;
    int rc = fb_wire_decode(&fb_wire_eod_input, text, len, &e, err, &root);
    json_decref(root);
    *through = e.through;
    return rc;
}

json_t *fb_json_encode_servicing(const fb_repayment *r, fb_repay_result result) {
    FB_ASSERT(r != NULL);
    json_t *j = json_object();
    char date[11];
    json_object_set_new(j, "loan", json_string(r->loan));
    json_object_set_new(j, "result", json_string(fb_repay_result_name(result)));
    if (result != FB_REPAY_DONE && result != FB_REPAY_EXISTS) {
        fb_json_measured(j, fb_repay_result_name(result), r->against);
        return j;
    }
    if (r->id[0]) json_object_set_new(j, "id", json_string(r->id));
    json_object_set_new(j, "n", json_integer(r->k));
    json_object_set_new(j, "date", json_string(fb_date_format(r->date, date)));
    json_object_set_new(j, "penalty", fb_json_money(r->penalty_fen));
    json_object_set_new(j, "interest", fb_json_money(r->interest_fen));
    json_object_set_new(j, "principal", fb_json_money(r->principal_fen));
    json_object_set_new(j, "prepaid", fb_json_money(r->prepaid_fen));
    json_object_set_new(j, "off_balance", fb_json_money(r->off_balance_fen));
    if (result == FB_REPAY_DONE) {
        json_object_set_new(j, "unapplied", fb_json_money(r->unapplied_fen));
        json_object_set_new(j, "status", json_string(fb_loan_status_name(r->status)));
    }
    return j;
}
