/* operations.c — what serves operations and callers alike: health, metrics, the OpenAPI document,
 * the repayment calculator. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

int fb__api_healthz(req *r, fb_book *book) {
    (void)book;
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string("ok"));
    return fb_answer(r, 200, o);
}

int fb__api_openapi(req *r, fb_book *book) {
    (void)book;
    return fb_answer(r, 200, fb_openapi());
}

int fb__api_metrics(req *r, fb_book *book) {
    (void)book;
    r->text = fb_metrics_text(r->s);
    r->status = 200;
    r->content_type = "text/plain; version=0.0.4";
    return r->text ? FB_OK : FB_ENOMEM;
}

int fb__api_schedule(req *r, fb_book *book) {
    (void)book;
    fb_loan_terms t = {0, 0, 0, FB_METHOD_EQUAL_INSTALLMENT, 0, 0, FB_DAYCOUNT_ACT360};
    const char *why = "is missing", *v;
    if (!(v = fb_arg(r, "principal")) || fb_money_parse(v, strlen(v), &t.principal_fen, &why)) {
        return fb_problem(r, 400, "invalid query", "principal", "principal %s", why);
    }
    if (!(v = fb_arg(r, "rate")) || fb_rate_parse(v, &t.rate_e6, &why)) {
        return fb_problem(r, 400, "invalid query", "rate", "rate %s", why);
    }
    int64_t months = 0;
    if (!fb_arg(r, "months")) {
        return fb_problem(r, 400, "invalid query", "months", "months is missing");
    }
    if (!fb__api_int_arg(r, "months", 1, FB_LOAN_MONTHS_MAX, &months)) return FB_OK;
    t.months = (int32_t)months;
    if ((v = fb_arg(r, "method")) && fb_method_parse(v, &t.method)) {
        return fb_problem(r, 400, "invalid query", "method", "method is unknown");
    }
    if (!fb__api_date_arg(r, "start", true, &t.start_date)) return FB_OK;
    if ((v = fb_arg(r, "day_count")) && fb_day_count_parse(v, &t.day_count)) {
        return fb_problem(r, 400, "invalid query", "day_count", "day_count is unknown");
    }
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    size_t n = 0;
    const char *field = NULL;
    int rc = s ? fb_schedule_build(&t, s, FB_LOAN_MONTHS_MAX, &n, &field, &why) : FB_ENOMEM;
    if (rc == FB_OK) {
        fb_answer(r, 200, fb_json_encode_schedule(s, n));
    } else if (rc == FB_EINVAL) {
        fb_problem(r, 400, "invalid query", field, "%s %s", field, why);
        rc = FB_OK;
    }
    free(s);
    return rc;
}

/* The vocabulary of the domain, for the dashboard: the province and its cities, and every list of
 * src/core/vocab.h with its keys and labels. The same for every role: it names no record. */
int fb__api_meta(req *r, fb_book *book) {
    (void)book;
    json_t *o = json_object(), *cities = json_array();
    json_object_set_new(o, "province",
                        json_pack("{s:i, s:s, s:s}", "code", 210000, "zh",
                                  fb_region_name_zh(210000), "en", fb_region_name_en(210000)));
    size_t n = 0;
    const int32_t *codes = fb_region_cities(&n);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(cities, json_pack("{s:i, s:s, s:s}", "code", (int)codes[i], "zh",
                                                fb_region_name_zh(codes[i]), "en",
                                                fb_region_name_en(codes[i])));
    }
    json_object_set_new(o, "cities", cities);
    for (int v = 0; v < FB_VOCAB_COUNT_; v++) {
        const fb_term *terms = fb_vocab_terms((fb_vocab)v, &n);
        json_t *list = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *t = json_pack("{s:s, s:s, s:s}", "key", terms[i].key, "zh", terms[i].zh, "en",
                                  terms[i].en);
            if (v == FB_VOCAB_CLASS) {
                json_object_set_new(t, "npl", json_boolean(terms[i].value >= FB_CLASS_SUBSTANDARD));
            }
            json_array_append_new(list, t);
        }
        json_object_set_new(o, fb_vocab_name((fb_vocab)v), list);
    }
    return fb_answer(r, 200, o);
}
