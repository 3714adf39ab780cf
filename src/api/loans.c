/* loans.c — the API's loan book: parties, facilities, loans, servicing, the business date (end
 * of day itself: eod.c). */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"

/* A refusal's 422 whose detail is the reason the command line's answer gives (j, freed here):
 * "<subject>: <reason>", or the result's name when it has none. */
static int refused(req *r, const char *name, const char *field, const char *subject, json_t *j) {
    json_t *why = json_object_get(j, "reason");
    int rc = fb_problem(r, 422, name, field, "%s: %s", subject,
                        json_is_string(why) ? json_string_value(why) : name);
    json_decref(j);
    return rc;
}

static int submit_parties(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_parties_create(book, records, n, outcomes);
}

static const fb__batch_kind parties = {
    "parties",          FB_PARTY_BATCH_MAX, sizeof(fb_party),    sizeof(fb_party_outcome),
    fb_json_read_party, submit_parties,     fb_json_party_result};

int fb__api_post_parties(req *r, fb_book *book) { return fb__api_create_batch(r, book, &parties); }

int fb__api_get_party(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (fb__api_is_enterprise(r) && strcmp(id, r->user.party) != 0)
        return fb__api_not_found(r, "party", id);
    fb_party p;
    int rc = fb_party_get(book, id, &p);
    if (rc == FB_ENOTFOUND) return fb__api_not_found(r, "party", id);
    return rc ? rc : fb_answer(r, 200, fb_json_party_view(book, &p));
}

static int submit_facilities(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_facilities_create(book, records, n, outcomes);
}

static const fb__batch_kind facilities = {
    "facilities",          FB_PARTY_BATCH_MAX, sizeof(fb_facility),    sizeof(fb_facility_outcome),
    fb_json_read_facility, submit_facilities,  fb_json_facility_result};

int fb__api_post_facilities(req *r, fb_book *book) {
    return fb__api_create_batch(r, book, &facilities);
}

int fb__api_get_facility(req *r, fb_book *book) {
    const char *id = r->seg[2];
    fb_facility f;
    int rc = fb_facility_get(book, id, &f);
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && fb__api_is_enterprise(r) && strcmp(f.party, r->user.party) != 0)) {
        return fb__api_not_found(r, "facility", id);
    }
    return rc ? rc : fb_answer(r, 200, fb_json_facility_view(book, &f));
}

int fb__api_facility_change(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_facility_change c;
    memset(&c, 0, sizeof c);
    if (strlen(r->seg[2]) >= sizeof c.facility) return fb__api_not_found(r, "facility", r->seg[2]);
    snprintf(c.facility, sizeof c.facility, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_facility_change(r->body, r->len, &c, &err)) {
        return fb_problem(r, 400, err.field[0] ? "invalid field" : "malformed request",
                          err.field[0] ? err.field : NULL, "%s%s%s", err.field,
                          err.field[0] ? " " : "", err.reason);
    }
    fb_facility_change_result result = FB_FACILITY_CHANGED;
    int rc = fb_facility_change_make(book, &c, &result);
    if (rc) return rc;
    if (result == FB_FACILITY_CHANGE_NOT_FOUND) return fb__api_not_found(r, "facility", c.facility);
    if (result == FB_FACILITY_CHANGE_EXISTS_WITH_DIFFERENT) {
        return fb_problem(r, 409, "exists with different content", "id",
                          "change %s was made to another facility, or another change", c.id);
    }
    const char *name = fb_facility_change_result_name(result);
    if (result != FB_FACILITY_CHANGED && result != FB_FACILITY_CHANGE_EXISTS) {
        char subject[sizeof c.facility + 64];
        snprintf(subject, sizeof subject, "facility %s: %s", c.facility, name);
        return refused(r, name, NULL, subject, fb_json_encode_facility_change(&c, result));
    }
    snprintf(r->outcome, sizeof r->outcome, "facility %s %s %s", c.facility,
             fb_facility_change_name(c.kind), name);
    return fb_answer(r, result == FB_FACILITY_CHANGED ? 201 : 200,
                     fb_json_encode_facility_change(&c, result));
}

static int submit_loans(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_loans_create(book, records, n, outcomes);
}

static const fb__batch_kind loans = {
    "loans",           FB_PARTY_BATCH_MAX, sizeof(fb_loan),    sizeof(fb_loan_outcome),
    fb_json_read_loan, submit_loans,       fb_json_loan_result};

int fb__api_post_loans(req *r, fb_book *book) { return fb__api_create_batch(r, book, &loans); }

/* The loan, if the caller may see it. */
/* An enterprise sees its own loans, a guarantor those its company guarantees. */
static int visible_loan(req *r, fb_book *book, fb_loan *x) {
    const char *id = r->seg[2];
    int rc = fb_loan_get(book, id, x);
    bool guaranteed = false;
    if (rc == FB_OK && r->user.role == FB_ROLE_GUARANTOR) {
        rc = fb_loan_guaranteed_by(book, id, r->user.party, &guaranteed);
        if (rc == FB_OK && !guaranteed) rc = FB_ENOTFOUND;
    }
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && fb__api_is_enterprise(r) && strcmp(x->party, r->user.party) != 0)) {
        fb__api_not_found(r, "loan", id);
        return FB_ENOTFOUND;
    }
    return rc;
}

int fb__api_get_loan(req *r, fb_book *book) {
    fb_loan x;
    int rc = visible_loan(r, book, &x);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    return fb_answer(r, 200, fb_json_loan_view(book, &x));
}

int fb__api_loan_schedule(req *r, fb_book *book) {
    fb_loan x;
    int rc = visible_loan(r, book, &x);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    size_t n = 0;
    rc = s ? fb_loan_schedule(book, x.id, s, FB_LOAN_MONTHS_MAX, &n) : FB_ENOMEM;
    if (rc == FB_OK) fb_answer(r, 200, fb_json_encode_schedule(s, n));
    free(s);
    return rc;
}

typedef int servicing_fn(fb_book *book, fb_repayment *p, fb_repay_result *result);

static int loan_servicing(req *r, fb_book *book, servicing_fn *op, fb_servicing kind) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_repayment p;
    memset(&p, 0, sizeof p);
    if (strlen(r->seg[2]) >= sizeof p.loan) return fb__api_not_found(r, "loan", r->seg[2]);
    snprintf(p.loan, sizeof p.loan, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_servicing(r->body, r->len, kind, &p, &err)) {
        return fb_problem(r, 400, err.field[0] ? "invalid field" : "malformed request",
                          err.field[0] ? err.field : NULL, "%s%s%s", err.field,
                          err.field[0] ? " " : "", err.reason);
    }
    fb_repay_result result = FB_REPAY_DONE;
    int rc = op(book, &p, &result);
    if (rc) return rc;
    if (result == FB_REPAY_LOAN_NOT_FOUND) return fb__api_not_found(r, "loan", p.loan);
    if (result == FB_REPAY_EXISTS_WITH_DIFFERENT) {
        return fb_problem(r, 409, "exists with different content", "id",
                          "repayment %s was booked with another loan, amount or date", p.id);
    }
    if (result != FB_REPAY_DONE && result != FB_REPAY_EXISTS) {
        json_t *j = fb_json_encode_servicing(&p, result); /* the reason both doors give */
        json_t *why = json_object_get(j, "reason");
        rc = fb_problem(r, 422, fb_repay_result_name(result), NULL, "loan %s: %s%s%s", p.loan,
                        fb_repay_result_name(result), why ? ": " : "",
                        why ? json_string_value(why) : "");
        json_decref(j);
        return rc;
    }
    snprintf(r->outcome, sizeof r->outcome, "loan %s %s", p.loan, fb_repay_result_name(result));
    return fb_answer(r, result == FB_REPAY_DONE ? 201 : 200, fb_json_encode_servicing(&p, result));
}

int fb__api_loan_repay(req *r, fb_book *book) {
    return loan_servicing(r, book, fb_loan_repay, FB_SERVICING_REPAY);
}

int fb__api_loan_write_off(req *r, fb_book *book) {
    return loan_servicing(r, book, fb_loan_write_off, FB_SERVICING_WRITE_OFF);
}

int fb__api_loan_recover(req *r, fb_book *book) {
    return loan_servicing(r, book, fb_loan_recover, FB_SERVICING_RECOVER);
}

int fb__api_party_facilities(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (!fb__api_party_seen(r, book, id)) return FB_OK;
    size_t n = 0;
    fb_list_id *ids = fb__api_list_ids(r, book, FB_LIST_PARTY_FACILITIES, id, &n);
    if (!ids) return FB_OK;
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_facility f;
        if (fb_facility_get(book, ids[i], &f) == FB_OK)
            json_array_append_new(out, fb_json_facility_view(book, &f));
    }
    free(ids);
    return fb_answer(r, 200, out);
}

int fb__api_party_loans(req *r, fb_book *book) {
    const char *id = r->seg[2];
    if (!fb__api_party_seen(r, book, id)) return FB_OK;
    size_t n = 0;
    fb_list_id *ids = fb__api_list_ids(r, book, FB_LIST_PARTY_LOANS, id, &n);
    if (!ids) return FB_OK;
    int64_t technical = 0; /* read once for the list */
    int rc = fb_setting_get(book, "technical_overdue_days", &technical);
    if (rc) {
        free(ids);
        return rc;
    }
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        fb_loan x;
        if (fb_loan_get(book, ids[i], &x) == FB_OK)
            json_array_append_new(out, fb_json_loan_view_with(book, &x, technical));
    }
    free(ids);
    return fb_answer(r, 200, out);
}

/* The business date: the day now open; the day before it is the last one closed. */
int fb__api_eod_status(req *r, fb_book *book) {
    int32_t open = 0;
    int64_t simulation = 0;
    int rc = fb_business_date(book, &open);
    if (rc == FB_OK) rc = fb_setting_get(book, "simulation", &simulation);
    return rc ? rc : fb_answer(r, 200, fb_json_encode_eod_status(open, simulation != 0));
}

/* ---- Changes of terms and classification ---------------------------------------------------- */

/* A 400 for a body that could not be read: the field at fault. */
static int bad_body(req *r, const fb_json_error *err) {
    return fb_problem(r, 400, err->field[0] ? "invalid field" : "malformed request",
                      err->field[0] ? err->field : NULL, "%s%s%s", err->field,
                      err->field[0] ? " " : "", err->reason);
}

static int loan_change(req *r, fb_book *book, fb_change_kind kind) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    if (strlen(r->seg[2]) >= sizeof c.loan) return fb__api_not_found(r, "loan", r->seg[2]);
    snprintf(c.loan, sizeof c.loan, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_loan_change(r->body, r->len, kind, &c, &err)) return bad_body(r, &err);
    snprintf(c.actor, sizeof c.actor, "%s", r->user.name);
    fb_change_result result = FB_CHANGE_DONE;
    int rc = fb_loan_change_apply(book, &c, &result);
    if (rc) return rc;
    if (result == FB_CHANGE_LOAN_NOT_FOUND) return fb__api_not_found(r, "loan", c.loan);
    if (result == FB_CHANGE_EXISTS_WITH_DIFFERENT) {
        return fb_problem(r, 409, "exists with different content", "id",
                          "change %s was made to another loan, or another change", c.id);
    }
    if (result != FB_CHANGE_DONE && result != FB_CHANGE_EXISTS) {
        char subject[sizeof c.loan + 8];
        snprintf(subject, sizeof subject, "loan %s", c.loan);
        return refused(r, fb_change_result_name(result),
                       result == FB_CHANGE_REASON_REQUIRED ? "reason" : NULL, subject,
                       fb_json_encode_loan_change(&c, result));
    }
    snprintf(r->outcome, sizeof r->outcome, "loan %s %s %s", c.loan, fb_change_kind_name(c.kind),
             fb_change_result_name(result));
    return fb_answer(r, result == FB_CHANGE_DONE ? 201 : 200,
                     fb_json_encode_loan_change(&c, result));
}

int fb__api_loan_extend(req *r, fb_book *book) { return loan_change(r, book, FB_CHANGE_EXTENSION); }

int fb__api_loan_restructure(req *r, fb_book *book) {
    return loan_change(r, book, FB_CHANGE_RESTRUCTURING);
}

int fb__api_loan_renew(req *r, fb_book *book) { return loan_change(r, book, FB_CHANGE_RENEWAL); }

int fb__api_loan_classify(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_classification c;
    memset(&c, 0, sizeof c);
    if (strlen(r->seg[2]) >= sizeof c.loan) return fb__api_not_found(r, "loan", r->seg[2]);
    snprintf(c.loan, sizeof c.loan, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_classification(r->body, r->len, &c, &err)) return bad_body(r, &err);
    snprintf(c.actor, sizeof c.actor, "%s", r->user.name);
    fb_classify_result result = FB_CLASSIFY_DONE;
    int rc = fb_loan_classify(book, &c, &result);
    if (rc) return rc;
    if (result == FB_CLASSIFY_LOAN_NOT_FOUND) return fb__api_not_found(r, "loan", c.loan);
    if (result != FB_CLASSIFY_DONE && result != FB_CLASSIFY_UNCHANGED) {
        char subject[sizeof c.loan + 8];
        snprintf(subject, sizeof subject, "loan %s", c.loan);
        return refused(r, fb_classify_result_name(result), "class", subject,
                       fb_json_encode_classification(&c, result));
    }
    snprintf(r->outcome, sizeof r->outcome, "loan %s classified %s", c.loan,
             fb_loan_class_name(c.now));
    return fb_answer(r, result == FB_CLASSIFY_DONE ? 201 : 200,
                     fb_json_encode_classification(&c, result));
}

/* POST /v1/parties/{id}/credit-reports: a debtor's credit report (征信), kept as entered. */
int fb__api_credit_report(req *r, fb_book *book) {
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body");
    fb_credit_report c;
    memset(&c, 0, sizeof c);
    if (strlen(r->seg[2]) >= sizeof c.party) return fb__api_not_found(r, "party", r->seg[2]);
    snprintf(c.party, sizeof c.party, "%s", r->seg[2]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_credit_report(r->body, r->len, &c, &err)) return bad_body(r, &err);
    snprintf(c.actor, sizeof c.actor, "%s", r->user.name);
    fb_credit_result result = FB_CREDIT_DONE;
    int rc = fb_credit_report_record(book, &c, &result);
    if (rc) return rc;
    if (result == FB_CREDIT_PARTY_NOT_FOUND) return fb__api_not_found(r, "party", c.party);
    if (result == FB_CREDIT_EXISTS_WITH_DIFFERENT) {
        return fb_problem(r, 409, "exists with different content", "date", "party %s: %s", c.party,
                          c.message);
    }
    if (result != FB_CREDIT_DONE && result != FB_CREDIT_EXISTS) {
        char subject[sizeof c.party + 8];
        snprintf(subject, sizeof subject, "party %s", c.party);
        return refused(r, fb_credit_result_name(result), "date", subject,
                       fb_json_encode_credit_report(&c, result));
    }
    snprintf(r->outcome, sizeof r->outcome, "party %s credit report %s", c.party,
             fb_credit_result_name(result));
    return fb_answer(r, result == FB_CREDIT_DONE ? 201 : 200,
                     fb_json_encode_credit_report(&c, result));
}

int fb__api_loan_classes(req *r, fb_book *book) {
    fb_loan x;
    int rc = visible_loan(r, book, &x);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    json_t *j = NULL;
    rc = fb_json_loan_history(book, x.id, &j);
    return rc ? rc : fb_answer(r, 200, j);
}
