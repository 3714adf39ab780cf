/* demands.c — the API's financing demands: posting them (an enterprise its own, a government for
 * its region, the bank any), the lists each role may see, a demand read alone, the bank's steps
 * and anyone's withdrawal of what it posted, the measures, and a year's holiday notice. Each
 * handler reads with a wire decoder, calls one book function as the caller, and answers with the
 * encoder the command line prints with. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "wire/demand_json.h"
#include "wire/query.h"

static bool government(const req *r) { return r->user.role == FB_ROLE_GOVERNMENT; }

int fb__api_post_demands(req *r, fb_book *book) {
    void *v = NULL;
    size_t n = 0;
    if (!fb__api_elements(r, FB_DEMAND_BATCH_MAX, sizeof(fb_demand), fb_json_read_demand, &v, &n))
        return FB_OK;
    fb_demand_outcome *outcomes = calloc(n, sizeof *outcomes);
    int rc = outcomes ? fb_demands_post(book, &r->user, v, n, outcomes) : FB_ENOMEM;
    if (rc == FB_OK) {
        json_t *out = json_array();
        size_t done = 0;
        for (size_t i = 0; i < n; i++) {
            json_t *line = json_pack("{s:I}", "index", (json_int_t)i);
            done +=
                fb_json_demand_result(line, (fb_demand *)v + i, &outcomes[i]) == FB_JSON_CREATED;
            json_array_append_new(out, line);
        }
        fb_answer(r, 200, out);
        snprintf(r->outcome, sizeof r->outcome, "%zu demands, %zu posted", n, done);
    }
    free(v);
    free(outcomes);
    return rc;
}

int fb__api_list_demands(req *r, fb_book *book) {
    int64_t limit = FB_API_LIST_MAX;
    if (!fb__api_int_arg(r, "limit", 1, FB_API_LIST_MAX, &limit)) return FB_OK;
    const char *status = fb_arg(r, "status"), *after = fb_arg(r, "after");
    fb_demand_filter filter = FB_DEMANDS_ALL;
    if (status && strcmp(status, "open") == 0) filter = FB_DEMANDS_OPEN;
    if (status && strcmp(status, "closed") == 0) filter = FB_DEMANDS_CLOSED;
    if (status && filter == FB_DEMANDS_ALL && strcmp(status, "all") != 0) {
        return fb_problem(r, 400, "invalid query", "status", "status must be open, closed or all");
    }
    if (after && !after[0]) return fb_problem(r, 400, "invalid query", "after", "after is empty");
    fb_demand_view *v = calloc((size_t)limit, sizeof *v);
    size_t n = 0;
    int rc = v ? fb_demands_list(book, &r->user, filter, after, v, (size_t)limit, &n) : FB_ENOMEM;
    if (rc == FB_EINVAL) {
        free(v);
        return fb_problem(r, 400, "invalid query", "after", "%s", fb_book_errmsg(book));
    }
    json_t *out = rc == FB_OK ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++)
        json_array_append_new(out, fb_json_encode_demand(&v[i], government(r), NULL, 0));
    free(v);
    return rc ? rc : fb_answer(r, 200, out);
}

int fb__api_get_demand(req *r, fb_book *book) {
    fb_demand_view *v = malloc(sizeof *v);
    fb_list_id *loans = calloc(FB_DEMAND_LOANS_SHOWN, sizeof *loans);
    size_t n = 0;
    int rc = v && loans ? fb_demand_view_get(book, r->seg[2], v) : FB_ENOMEM;
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !fb_demand_visible(&v->d, &r->user))) {
        rc = fb__api_not_found(r, "demand", r->seg[2]);
    } else if (rc == FB_OK) {
        rc = fb_demand_loans(book, v->d.id, loans, FB_DEMAND_LOANS_SHOWN, &n);
        if (rc == FB_OK) {
            fb_answer(r, 200,
                      fb_json_encode_demand(v, government(r), (const fb_list_id *)loans, n));
        }
    }
    free(v);
    free(loans);
    return rc;
}

/* A step on the demand of the path: 201 done, 200 found again, 404 not the caller's to see,
 * else 422 with the rule's name as the title. */
static int demand_step(req *r, fb_book *book, fb_demand_status step) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_demand_step s;
    memset(&s, 0, sizeof s);
    if (strlen(r->seg[2]) >= sizeof s.demand) return fb__api_not_found(r, "demand", r->seg[2]);
    snprintf(s.demand, sizeof s.demand, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_demand_step(r->body, r->len, step, &s, &err)) {
        return fb_problem(r, 400, err.field[0] ? "invalid field" : "malformed request",
                          err.field[0] ? err.field : NULL, "%s%s%s", err.field,
                          err.field[0] ? " " : "", err.reason);
    }
    fb_demand_result result = FB_DEMAND_DONE;
    int rc = fb_demand_step_make(book, &r->user, &s, &result);
    if (rc) return rc;
    if (result == FB_DEMAND_NOT_FOUND) return fb__api_not_found(r, "demand", s.demand);
    snprintf(r->outcome, sizeof r->outcome, "demand %s %s: %s", s.demand,
             fb_demand_status_name(step), fb_demand_result_name(result));
    if (result != FB_DEMAND_DONE && result != FB_DEMAND_EXISTS) {
        /* The reason the command line's answer gives, when the refusal measured a figure. */
        json_t *j = fb_json_encode_demand_step(&s, result, step);
        json_t *why = json_object_get(j, "reason");
        const char *name = fb_demand_result_name(result);
        rc = fb_problem(r, 422, name, NULL, "demand %s: %s%s%s", s.demand, name,
                        json_is_string(why) ? ": " : "",
                        json_is_string(why) ? json_string_value(why) : "");
        json_decref(j);
        return rc;
    }
    fb_demand d;
    rc = fb_demand_get(book, s.demand, &d);
    if (rc) return rc;
    return fb_answer(r, result == FB_DEMAND_DONE ? 201 : 200,
                     fb_json_encode_demand_step(&s, result, d.status));
}

int fb__api_demand_accept(req *r, fb_book *book) {
    return demand_step(r, book, FB_DEMAND_ACCEPTED);
}
int fb__api_demand_contact(req *r, fb_book *book) {
    return demand_step(r, book, FB_DEMAND_CONTACTED);
}
int fb__api_demand_grant(req *r, fb_book *book) { return demand_step(r, book, FB_DEMAND_GRANTED); }
int fb__api_demand_decline(req *r, fb_book *book) {
    return demand_step(r, book, FB_DEMAND_DECLINED);
}
int fb__api_demand_withdraw(req *r, fb_book *book) {
    return demand_step(r, book, FB_DEMAND_WITHDRAWN);
}

/* The measures; a government user reads its own region's, its small cells null. */
int fb__api_report_demands(req *r, fb_book *book) {
    int32_t as_of = 0, from = 0, region = 0;
    unsigned dims = 0;
    if (!fb__api_date_arg(r, "as_of", true, &as_of) || !fb__api_date_arg(r, "from", false, &from))
        return FB_OK;
    const char *by = fb_arg(r, "by");
    if (by && (!by[0] || fb_report_dims_parse(by, &dims) || (dims & FB_BY_CLASS))) {
        return fb_problem(r, 400, "invalid query", "by",
                          "by takes city, chain, line and size, comma-separated");
    }
    if (!fb__api_region_query(r, &region)) return FB_OK;
    fb_demand_row *rows = NULL;
    size_t n = 0;
    int rc = government(r) ? fb_report_demands_protected(book, from, as_of, dims, region, &rows, &n)
                           : fb_report_demands(book, from, as_of, dims, region, &rows, &n);
    if (rc == FB_EINVAL) {
        return fb_problem(r, 422, "no report on that date", "as_of", "%s", fb_book_errmsg(book));
    }
    if (rc) return rc;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, fb_json_encode_demand_row(&rows[i]));
    free(rows);
    return fb_answer(r, 200, a);
}

int fb__api_get_calendar(req *r, fb_book *book) {
    int64_t year = 0;
    const char *why = NULL;
    if (fb_query_int(r->seg[2], FB_CALENDAR_FIRST_YEAR, FB_CALENDAR_LAST_YEAR, &year, &why)) {
        return fb_problem(r, 400, "invalid path", "year", "the year %s", why);
    }
    fb_calendar_year *y = malloc(sizeof *y);
    bool shipped = false;
    int rc = y ? fb_calendar_get(book, (int)year, y, &shipped) : FB_ENOMEM;
    if (rc == FB_ENOTFOUND) {
        rc = fb_problem(r, 404, "not found", NULL,
                        "no holiday notice for %lld: finbridge calendar load adds one",
                        (long long)year);
    } else if (rc == FB_OK) {
        rc = fb_answer(r, 200, fb_json_encode_calendar_year(y, shipped));
    }
    free(y);
    return rc;
}

/* A year's notice, as finbridge calendar load reads a line: 201 loaded, 200 the same again, 409
 * when the year holds other days (never replaced). */
int fb__api_post_calendar(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_calendar_year *y = malloc(sizeof *y);
    if (!y) return FB_ENOMEM;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    const char *field = NULL;
    int rc = fb_json_read_calendar_year(r->body, r->len, y, &err);
    if (rc == FB_OK && fb_calendar_year_check(y, &field, err.reason, sizeof err.reason)) {
        snprintf(err.field, sizeof err.field, "%s", field);
        rc = FB_EINVAL;
    }
    fb_calendar_result result = FB_CALENDAR_LOADED;
    if (rc == FB_OK) rc = fb_calendar_load(book, y, &result);
    if (rc == FB_EINVAL) {
        rc = fb_problem(r, 400, err.field[0] ? "invalid field" : "malformed request",
                        err.field[0] ? err.field : NULL, "%s%s%s", err.field,
                        err.field[0] ? " " : "", err.reason);
    } else if (rc == FB_OK && result == FB_CALENDAR_EXISTS_WITH_DIFFERENT) {
        rc = fb_problem(r, 409, "exists_with_different", "year",
                        "the notice of %d is there with other days: it is never replaced",
                        (int)y->year);
    } else if (rc == FB_OK) {
        json_t *o = json_object();
        fb_json_calendar_result(o, y->year, result);
        snprintf(r->outcome, sizeof r->outcome, "calendar %d %s", (int)y->year,
                 fb_calendar_result_name(result));
        rc = fb_answer(r, result == FB_CALENDAR_LOADED ? 201 : 200, o);
    }
    free(y);
    return rc;
}
