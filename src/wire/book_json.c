/* book_json.c — see book_json.h. */
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/book_json.h"

static int reject(fb_json_error *err, const char *field, const char *reason) {
    snprintf(err->field, sizeof err->field, "%s", field);
    fb_text_cut(err->field, sizeof err->field);
    snprintf(err->reason, sizeof err->reason, "%s", reason);
    return FB_EINVAL;
}

static int get_string(json_t *v, const char *field, char *dst, size_t cap, fb_json_error *err) {
    if (!json_is_string(v)) return reject(err, field, "must be a string");
    size_t n = json_string_length(v);
    if (n >= cap) return reject(err, field, "is too long");
    if (memchr(json_string_value(v), '\0', n)) return reject(err, field, "has a NUL character");
    memcpy(dst, json_string_value(v), n + 1);
    return FB_OK;
}

static int get_money(json_t *v, const char *field, int64_t *out, fb_json_error *err) {
    if (!json_is_string(v))
        return reject(err, field, "must be a string of yuan such as \"1234.56\"");
    const char *why = NULL;
    if (fb_money_parse(json_string_value(v), json_string_length(v), out, &why)) {
        return reject(err, field, why);
    }
    return FB_OK;
}

/* A region is a division code (string or number) or the name of a Liaoning city. */
static int get_region(json_t *v, int32_t *out, fb_json_error *err) {
    if (json_is_integer(v)) {
        json_int_t n = json_integer_value(v);
        if (n < 100000 || n > 999999) return reject(err, "region", "must be a 6-digit code");
        *out = (int32_t)n;
        return FB_OK;
    }
    if (!json_is_string(v)) return reject(err, "region", "must be a 6-digit code or a city name");
    const char *s = json_string_value(v);
    size_t count = 0;
    const int32_t *cities = fb_region_cities(&count);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(s, fb_region_name_zh(cities[i])) == 0 ||
            strcmp(s, fb_region_name_en(cities[i])) == 0) {
            *out = cities[i];
            return FB_OK;
        }
    }
    if (strlen(s) != 6 || strspn(s, "0123456789") != 6) {
        return reject(err, "region", "must be a 6-digit code or a Liaoning city's name");
    }
    *out = (int32_t)strtol(s, NULL, 10);
    return FB_OK;
}

static int get_industry(json_t *v, int *out, fb_json_error *err) {
    if (!json_is_string(v)) return reject(err, "industry", "must be a string such as \"3421\"");
    fb_industry_info info;
    const char *why = NULL;
    if (fb_industry_check(json_string_value(v), &info, &why)) return reject(err, "industry", why);
    *out = info.class_code;
    return FB_OK;
}

static int get_flags(json_t *v, uint16_t *out, fb_json_error *err) {
    if (!json_is_array(v) || json_array_size(v) > FB_FLAGS_MAX) {
        return reject(err, "flags", "must be an array of flag names");
    }
    size_t i;
    json_t *item;
    uint16_t bits = 0;
    json_array_foreach(v, i, item) {
        const char *s = json_is_string(item) ? json_string_value(item) : "";
        unsigned bit = 0;
        const char *name;
        while ((name = fb_party_flag_name(bit)) != NULL && strcmp(name, s) != 0)
            bit++;
        if (!name) return reject(err, "flags", "has an unknown flag");
        bits |= (uint16_t)(1u << bit);
    }
    *out = bits;
    return FB_OK;
}

/* Parses text as one object and hands each member to field(); then checks that every name in
 * required is present. On FB_OK *root is the object, for checks across fields (the caller
 * releases it). */
typedef int field_fn(const char *key, json_t *v, void *record, fb_json_error *err);

static int decode_object(const char *text, size_t len, field_fn *field, void *record,
                         const char *const *required, fb_json_error *err, json_t **root) {
    json_error_t jerr;
    json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    *root = NULL;
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return reject(err, "", "is not a JSON object");
    }
    int rc = FB_OK;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (rc) break;
        rc = field(key, v, record, err);
    }
    for (size_t i = 0; rc == FB_OK && required[i]; i++) {
        if (!json_object_get(o, required[i])) rc = reject(err, required[i], "is missing");
    }
    if (rc) {
        json_decref(o);
        return rc;
    }
    *root = o;
    return FB_OK;
}

static int party_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_party *p = record;
    if (strcmp(key, "id") == 0) {
        if (get_string(v, "id", p->id, sizeof p->id, err)) return FB_EINVAL;
        const char *why = NULL;
        return fb_id_valid(p->id, strlen(p->id), &why) ? FB_OK : reject(err, "id", why);
    }
    if (strcmp(key, "kind") == 0) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        for (int k = 0; k < FB_PARTY_KIND_COUNT_; k++) {
            if (strcmp(s, fb_party_kind_name((fb_party_kind)k)) == 0) {
                p->kind = (fb_party_kind)k;
                return FB_OK;
            }
        }
        return reject(err, "kind", "must be enterprise or individual_business");
    }
    if (strcmp(key, "name") == 0) return get_string(v, "name", p->name, sizeof p->name, err);
    if (strcmp(key, "uscc") == 0) return get_string(v, "uscc", p->uscc, sizeof p->uscc, err);
    if (strcmp(key, "region") == 0) return get_region(v, &p->region, err);
    if (strcmp(key, "industry") == 0) return get_industry(v, &p->industry, err);
    if (strcmp(key, "employees") == 0) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 10000000) {
            return reject(err, "employees", "must be a whole number from 0 to 10,000,000");
        }
        p->figures.employees = (int32_t)json_integer_value(v);
        return FB_OK;
    }
    if (strcmp(key, "revenue") == 0) return get_money(v, "revenue", &p->figures.revenue_fen, err);
    if (strcmp(key, "total_assets") == 0) {
        return get_money(v, "total_assets", &p->figures.total_assets_fen, err);
    }
    if (strcmp(key, "flags") == 0) return get_flags(v, &p->flags, err);
    return reject(err, key, "is not a field of a party");
}

int fb_json_decode_party(const char *text, size_t len, fb_party *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    static const char *const required[] = {"id",     "kind",     "name", "uscc",
                                           "region", "industry", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, party_field, out, required, err, &root);
    /* An enterprise's size class needs its figures. */
    static const char *const figures[] = {"employees", "revenue", "total_assets"};
    for (size_t i = 0; rc == FB_OK && out->kind == FB_PARTY_ENTERPRISE && i < 3; i++) {
        if (!json_object_get(root, figures[i])) {
            rc = reject(err, figures[i], "is missing (an enterprise's size class needs it)");
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

static int get_date(json_t *v, const char *field, int32_t *out, fb_json_error *err) {
    const char *why = NULL;
    if (!json_is_string(v)) return reject(err, field, "must be a date YYYY-MM-DD");
    if (fb_date_parse(json_string_value(v), out, &why)) return reject(err, field, why);
    return FB_OK;
}

static int facility_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_facility *f = record;
    if (strcmp(key, "id") == 0) return get_string(v, "id", f->id, sizeof f->id, err);
    if (strcmp(key, "party") == 0) return get_string(v, "party", f->party, sizeof f->party, err);
    if (strcmp(key, "line") == 0) {
        if (json_is_string(v) && fb_line_parse(json_string_value(v), &f->line) == FB_OK) {
            return FB_OK;
        }
        return reject(err, "line",
                      "must be technology, supply_chain, green, inclusive, wealth or general");
    }
    if (strcmp(key, "limit") == 0) return get_money(v, "limit", &f->limit_fen, err);
    if (strcmp(key, "start_date") == 0) return get_date(v, "start_date", &f->start_date, err);
    if (strcmp(key, "end_date") == 0) return get_date(v, "end_date", &f->end_date, err);
    if (strcmp(key, "revolving") == 0) {
        if (!json_is_boolean(v)) return reject(err, "revolving", "must be true or false");
        f->revolving = json_is_true(v);
        return FB_OK;
    }
    if (strcmp(key, "project") == 0) {
        return get_string(v, "project", f->project, sizeof f->project, err);
    }
    if (strcmp(key, "green_item") == 0) {
        return get_string(v, "green_item", f->green_item, sizeof f->green_item, err);
    }
    return reject(err, key, "is not a field of a facility");
}

int fb_json_decode_facility(const char *text, size_t len, fb_facility *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    out->line = FB_LINE_COUNT_;
    static const char *const required[] = {"id",         "party",    "line", "limit",
                                           "start_date", "end_date", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, facility_field, out, required, err, &root);
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
    json_object_set_new(o, "party_total_credit", fb_json_money(f->party_total_credit_fen));
    json_object_set_new(o, "inclusive", json_boolean(f->inclusive_cbirc));
    json_object_set_new(o, "inclusive_pboc", json_boolean(f->inclusive_pboc));
    json_object_set_new(o, "inclusive_rule", json_string(f->inclusive_rule));
    json_object_set_new(o, "available_account", json_string(f->available_account));
    json_object_set_new(o, "drawn_account", json_string(f->drawn_account));
    return o;
}

/* ---- Loans -------------------------------------------------------------------------------- */

static int get_int(json_t *v, const char *field, long lo, long hi, long *out, fb_json_error *err) {
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
        char why[96];
        snprintf(why, sizeof why, "must be a whole number from %ld to %ld", lo, hi);
        return reject(err, field, why);
    }
    *out = (long)json_integer_value(v);
    return FB_OK;
}

static int loan_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_loan *x = record;
    fb_loan_terms *t = &x->terms;
    long n = 0;
    const char *why = NULL;
    if (strcmp(key, "id") == 0) return get_string(v, "id", x->id, sizeof x->id, err);
    if (strcmp(key, "facility") == 0) {
        return get_string(v, "facility", x->facility, sizeof x->facility, err);
    }
    if (strcmp(key, "amount") == 0) return get_money(v, "amount", &t->principal_fen, err);
    if (strcmp(key, "rate") == 0) {
        if (!json_is_string(v))
            return reject(err, "rate", "must be a percentage string such as \"4.35\"");
        if (fb_rate_parse(json_string_value(v), &t->rate_e6, &why)) return reject(err, "rate", why);
        x->rate_kind = FB_RATE_FIXED;
        return FB_OK;
    }
    if (strcmp(key, "lpr") == 0) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        if (strcmp(s, "1y") && strcmp(s, "5y") && strcmp(s, "auto")) {
            return reject(err, "lpr", "must be 1y, 5y or auto");
        }
        x->rate_kind = FB_RATE_LPR;
        x->lpr_tenor_years = s[0] == '1' ? 1 : s[0] == '5' ? 5 : 0;
        return FB_OK;
    }
    if (strcmp(key, "spread_bp") == 0) {
        if (get_int(v, "spread_bp", -10000, 10000, &n, err)) return FB_EINVAL;
        x->spread_bp = (int32_t)n;
        return FB_OK;
    }
    if (strcmp(key, "months") == 0) {
        if (get_int(v, "months", 1, FB_LOAN_MONTHS_MAX, &n, err)) return FB_EINVAL;
        t->months = (int32_t)n;
        return FB_OK;
    }
    if (strcmp(key, "method") == 0) {
        if (json_is_string(v) && fb_method_parse(json_string_value(v), &t->method) == FB_OK) {
            return FB_OK;
        }
        return reject(err, "method",
                      "must be equal_installment, equal_principal, interest_only or bullet");
    }
    if (strcmp(key, "start_date") == 0) return get_date(v, "start_date", &t->start_date, err);
    if (strcmp(key, "repayment_day") == 0) {
        if (get_int(v, "repayment_day", 1, 31, &n, err)) return FB_EINVAL;
        t->repayment_day = (int)n;
        return FB_OK;
    }
    if (strcmp(key, "day_count") == 0) {
        if (json_is_string(v) && fb_day_count_parse(json_string_value(v), &t->day_count) == FB_OK) {
            return FB_OK;
        }
        return reject(err, "day_count", "must be act360, act365 or actact");
    }
    if (strcmp(key, "penalty_markup") == 0) {
        if (get_int(v, "penalty_markup", 30, 50, &n, err)) return FB_EINVAL;
        x->penalty_markup_pct = (int32_t)n;
        return FB_OK;
    }
    return reject(err, key, "is not a field of a loan");
}

int fb_json_decode_loan(const char *text, size_t len, fb_loan *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    out->penalty_markup_pct = 50;
    out->terms.method = FB_METHOD_COUNT_;
    static const char *const required[] = {"id",     "facility",   "amount", "months",
                                           "method", "start_date", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, loan_field, out, required, err, &root);
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
    json_object_set_new(o, "penalty_markup", json_integer(x->penalty_markup_pct));
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

static int cert_issue_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_cert_issue *c = record;
    if (strcmp(key, "id") == 0) return get_string(v, "id", c->id, sizeof c->id, err);
    if (strcmp(key, "core") == 0) return get_string(v, "core", c->core, sizeof c->core, err);
    if (strcmp(key, "holder") == 0) {
        return get_string(v, "holder", c->holder, sizeof c->holder, err);
    }
    if (strcmp(key, "face") == 0) return get_money(v, "face", &c->face_fen, err);
    if (strcmp(key, "issue_date") == 0) return get_date(v, "issue_date", &c->issue_date, err);
    if (strcmp(key, "maturity") == 0) return get_date(v, "maturity", &c->maturity, err);
    if (strcmp(key, "facility") == 0) {
        return get_string(v, "facility", c->facility, sizeof c->facility, err);
    }
    if (strcmp(key, "contract") == 0) {
        return get_string(v, "contract", c->contract, sizeof c->contract, err);
    }
    if (strcmp(key, "invoice") == 0) {
        return get_string(v, "invoice", c->invoice, sizeof c->invoice, err);
    }
    return reject(err, key, "is not a field of a certificate");
}

int fb_json_decode_cert_issue(const char *text, size_t len, fb_cert_issue *out,
                              fb_json_error *err) {
    memset(out, 0, sizeof *out);
    static const char *const required[] = {"id",         "core",     "holder", "face",
                                           "issue_date", "maturity", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, cert_issue_field, out, required, err, &root);
    json_decref(root);
    return rc;
}

static int cert_move_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_cert_move *m = record;
    if (strcmp(key, "part") == 0) return get_string(v, "part", m->part, sizeof m->part, err);
    if (strcmp(key, "id") == 0) return get_string(v, "id", m->id, sizeof m->id, err);
    if (strcmp(key, "to") == 0) return get_string(v, "to", m->to, sizeof m->to, err);
    if (strcmp(key, "amount") == 0) {
        int rc = get_money(v, "amount", &m->amount_fen, err);
        if (rc == FB_OK && m->amount_fen <= 0)
            return reject(err, "amount", "must be at least 0.01");
        return rc;
    }
    if (strcmp(key, "date") == 0) return get_date(v, "date", &m->date, err);
    if (strcmp(key, "rate") == 0) {
        const char *why = NULL;
        if (!json_is_string(v)) return reject(err, "rate", "must be a percentage such as \"3.6\"");
        if (fb_rate_parse(json_string_value(v), &m->discount_rate_e6, &why)) {
            return reject(err, "rate", why);
        }
        return FB_OK;
    }
    return reject(err, key, "is not a field of a certificate move");
}

int fb_json_decode_cert_move(const char *text, size_t len, bool finance, fb_cert_move *out,
                             fb_json_error *err) {
    memset(out, 0, sizeof *out);
    static const char *const transfer[] = {"part", "id", "to", NULL};
    static const char *const finance_required[] = {"part", "id", "rate", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, cert_move_field, out, finance ? finance_required : transfer,
                           err, &root);
    if (rc == FB_OK && finance && json_object_get(root, "to")) {
        rc = reject(err, "to", "is not a field of a financing: the bank becomes the holder");
    }
    if (rc == FB_OK && !finance && json_object_get(root, "rate")) {
        rc = reject(err, "rate", "is not a field of a transfer");
    }
    json_decref(root);
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
    json_object_set_new(j, "class", json_string(fb_loan_class_name(p->loan_class)));
    json_object_set_new(j, "prepaid", fb_json_money(p->prepaid_fen));
    json_object_set_new(j, "written_off", fb_json_money(p->written_off_fen));
    json_object_set_new(j, "recovered", fb_json_money(p->recovered_fen));
}

/* ---- The cooperation ----------------------------------------------------------------------- */

static int project_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_project *p = record;
    if (strcmp(key, "id") == 0) return get_string(v, "id", p->id, sizeof p->id, err);
    if (strcmp(key, "name") == 0) return get_string(v, "name", p->name, sizeof p->name, err);
    if (strcmp(key, "city") == 0) return get_region(v, &p->city, err);
    if (strcmp(key, "industry") == 0) return get_industry(v, &p->industry, err);
    if (strcmp(key, "total_investment") == 0) {
        return get_money(v, "total_investment", &p->total_investment_fen, err);
    }
    if (strcmp(key, "financing_need") == 0) {
        return get_money(v, "financing_need", &p->financing_need_fen, err);
    }
    if (strcmp(key, "status") == 0) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        for (int i = 0; i < FB_PROJECT_STATUS_COUNT_; i++) {
            if (strcmp(s, fb_project_status_name((fb_project_status)i)) == 0) {
                p->status = (fb_project_status)i;
                return FB_OK;
            }
        }
        return reject(err, "status", "must be planned, under_construction or in_operation");
    }
    if (strcmp(key, "start_date") == 0) return get_date(v, "start_date", &p->start_date, err);
    return reject(err, key, "is not a field of a project");
}

int fb_json_decode_project(const char *text, size_t len, fb_project *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    static const char *const required[] = {
        "id",     "name",       "city", "industry", "total_investment", "financing_need",
        "status", "start_date", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, project_field, out, required, err, &root);
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

/* A target's amount: fen as money, a count as an integer, a ceiling as a percentage string. */
static bool is_rate(fb_measure m) {
    return m == FB_MEASURE_INCLUSIVE_RATE_MAX || m == FB_MEASURE_NPL_RATIO_MAX;
}

static int add_target(fb_agreement *a, fb_measure m, const char *dimension, json_t *v,
                      const char *field, fb_json_error *err) {
    if (a->n_targets == FB_TARGETS_MAX) return reject(err, field, "has too many targets");
    fb_target *t = &a->targets[a->n_targets++];
    t->measure = m;
    snprintf(t->dimension, sizeof t->dimension, "%s", dimension);
    if (m == FB_MEASURE_INCLUSIVE_BORROWERS) {
        if (!json_is_integer(v)) return reject(err, field, "must be a whole number");
        t->amount = json_integer_value(v);
        return FB_OK;
    }
    if (is_rate(m)) {
        const char *why = NULL;
        if (!json_is_string(v)) return reject(err, field, "must be a percentage such as \"2.5\"");
        if (fb_rate_parse(json_string_value(v), &t->amount, &why)) return reject(err, field, why);
        if (m == FB_MEASURE_NPL_RATIO_MAX) t->amount *= 100; /* a percentage to a ratio in e6 */
        return FB_OK;
    }
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (s && s[0] == '-') return reject(err, field, "must not be negative");
    return get_money(v, field, &t->amount, err);
}

static int targets_field(fb_agreement *a, json_t *targets, fb_json_error *err) {
    if (!json_is_object(targets)) return reject(err, "targets", "must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(targets, key, v) {
        static const char *const by[3][2] = {{"new_credit_by_line", "line"},
                                             {"new_credit_by_chain", "chain"},
                                             {"new_credit_by_city", "city"}};
        int rc = FB_OK;
        bool known = false;
        for (int k = 0; k < 3 && !known; k++) {
            if (strcmp(key, by[k][0]) != 0) continue;
            known = true;
            if (!json_is_object(v)) return reject(err, key, "must be an object");
            const char *sub;
            json_t *x;
            json_object_foreach(v, sub, x) {
                char dimension[40];
                snprintf(dimension, sizeof dimension, "%s:%.30s", by[k][1], sub);
                rc = add_target(a, FB_MEASURE_NEW_CREDIT, dimension, x, key, err);
                if (rc) return rc;
            }
        }
        for (int m = 0; m < FB_MEASURE_COUNT_ && !known; m++) {
            if (strcmp(key, fb_measure_name((fb_measure)m)) != 0) continue;
            known = true;
            rc = add_target(a, (fb_measure)m, "", v, key, err);
        }
        if (!known) return reject(err, key, "is not a target");
        if (rc) return rc;
    }
    return FB_OK;
}

static int agreement_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    fb_agreement *a = record;
    if (strcmp(key, "id") == 0) return get_string(v, "id", a->id, sizeof a->id, err);
    if (strcmp(key, "bank") == 0) return get_string(v, "bank", a->bank, sizeof a->bank, err);
    if (strcmp(key, "region") == 0) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        char *end = NULL;
        long code = strtol(s, &end, 10);
        if (!*s || *end) return reject(err, "region", "must be a 6-digit division code");
        a->region = (int32_t)code;
        return FB_OK;
    }
    if (strcmp(key, "start_date") == 0) return get_date(v, "start_date", &a->start_date, err);
    if (strcmp(key, "end_date") == 0) return get_date(v, "end_date", &a->end_date, err);
    if (strcmp(key, "targets") == 0) return targets_field(a, v, err);
    return reject(err, key, "is not a field of an agreement");
}

int fb_json_decode_agreement(const char *text, size_t len, fb_agreement *out, fb_json_error *err) {
    memset(out, 0, sizeof *out);
    static const char *const required[] = {"id",       "bank",    "region", "start_date",
                                           "end_date", "targets", NULL};
    json_t *root = NULL;
    int rc = decode_object(text, len, agreement_field, out, required, err, &root);
    json_decref(root);
    return rc;
}

static json_t *target_value(const fb_target *t, int64_t v) {
    char rate[FB_RATE_STR_MAX];
    if (t->measure == FB_MEASURE_INCLUSIVE_BORROWERS) return json_integer(v);
    if (t->measure == FB_MEASURE_INCLUSIVE_RATE_MAX) return json_string(fb_rate_format(v, rate));
    if (t->measure == FB_MEASURE_NPL_RATIO_MAX) return json_string(fb_rate_format(v / 100, rate));
    return fb_json_money(v);
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
        if (!p[i].ceiling) {
            json_object_set_new(t, "percent", percent(p[i].percent_e2));
            json_object_set_new(t, "elapsed_percent", percent(p[i].elapsed_percent_e2));
        }
        json_object_set_new(t, "status",
                            json_string(p[i].ceiling    ? (p[i].on_track ? "within" : "exceeded")
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

json_t *fb_json_encode_exposure(const fb_exposure *e) {
    json_t *j = json_object();
    json_object_set_new(j, "party", json_string(e->party));
    json_object_set_new(j, "name", json_string(e->name));
    json_object_set_new(j, "principal", fb_json_money(e->principal_fen));
    return j;
}

/* Adds the limit's state from the ledger: available and drawn. */
void fb_json_add_facility_balances(fb_book *book, const fb_facility *f, json_t *j) {
    fb_account a;
    if (fb_ledger_get_account(fb_book_ledger(book), f->available_account, &a) == FB_OK) {
        json_object_set_new(
            j, "available",
            fb_json_money(a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen));
    }
    if (fb_ledger_get_account(fb_book_ledger(book), f->drawn_account, &a) == FB_OK) {
        json_object_set_new(j, "drawn", fb_json_money(a.credits_posted_fen - a.debits_posted_fen));
    }
}

/* ---- Servicing: a repayment, a write-off, a recovery ----------------------------------------- */

typedef struct {
    fb_repayment *r;
    fb_servicing op;
} servicing_record;

static int servicing_field(const char *key, json_t *v, void *record, fb_json_error *err) {
    servicing_record *sr = record;
    fb_repayment *r = sr->r;
    const char *why = NULL;
    if (strcmp(key, "amount") == 0 && sr->op != FB_SERVICING_WRITE_OFF)
        return get_money(v, "amount", &r->amount_fen, err);
    if (strcmp(key, "date") == 0) {
        if (!json_is_string(v)) return reject(err, "date", "must be a string YYYY-MM-DD");
        return fb_date_parse(json_string_value(v), &r->date, &why) ? reject(err, "date", why)
                                                                   : FB_OK;
    }
    if (strcmp(key, "prepay") == 0 && sr->op == FB_SERVICING_REPAY) {
        if (!json_is_string(v) || fb_prepay_parse(json_string_value(v), &r->prepay))
            return reject(err, "prepay", "must be reduce_term or reduce_installment");
        return FB_OK;
    }
    if (strcmp(key, "id") == 0) return get_string(v, "id", r->id, sizeof r->id, err);
    /* The key is the caller's text: it is copied into err before the object is released. */
    return reject(err, key, "is not a field of this operation");
}

int fb_json_read_servicing(const char *text, size_t len, fb_servicing op, fb_repayment *out,
                           fb_json_error *err) {
    FB_ASSERT(out != NULL && err != NULL);
    FB_ASSERT(op == FB_SERVICING_REPAY || op == FB_SERVICING_WRITE_OFF ||
              op == FB_SERVICING_RECOVER);
    char loan[sizeof out->loan];
    snprintf(loan, sizeof loan, "%s", out->loan);
    memset(out, 0, sizeof *out);
    snprintf(out->loan, sizeof out->loan, "%s", loan);
    static const char *const with_amount[] = {"amount", NULL}, *const none[] = {NULL};
    servicing_record sr = {out, op};
    json_t *root = NULL;
    int rc = decode_object(text, len, servicing_field, &sr,
                           op == FB_SERVICING_WRITE_OFF ? none : with_amount, err, &root);
    json_decref(root);
    if (rc) return rc;
    const char *field = NULL;
    rc = fb_repayment_check(out, op != FB_SERVICING_WRITE_OFF, &field, err->reason,
                            sizeof err->reason);
    return checked(rc, field, err);
}

json_t *fb_json_encode_servicing(const fb_repayment *r, fb_repay_result result) {
    FB_ASSERT(r != NULL);
    json_t *j = json_object();
    char date[11];
    json_object_set_new(j, "loan", json_string(r->loan));
    json_object_set_new(j, "result", json_string(fb_repay_result_name(result)));
    if (result != FB_REPAY_DONE && result != FB_REPAY_EXISTS) return j;
    if (r->id[0]) json_object_set_new(j, "id", json_string(r->id));
    json_object_set_new(j, "n", json_integer(r->k));
    json_object_set_new(j, "date", json_string(fb_date_format(r->date, date)));
    json_object_set_new(j, "penalty", fb_json_money(r->penalty_fen));
    json_object_set_new(j, "interest", fb_json_money(r->interest_fen));
    json_object_set_new(j, "principal", fb_json_money(r->principal_fen));
    json_object_set_new(j, "prepaid", fb_json_money(r->prepaid_fen));
    if (result == FB_REPAY_DONE) {
        json_object_set_new(j, "unapplied", fb_json_money(r->unapplied_fen));
        json_object_set_new(j, "status", json_string(fb_loan_status_name(r->status)));
    }
    return j;
}
