/* view_json.c — see view_json.h. */
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/view_json.h"

/* ---- Records as read --------------------------------------------------------------------- */

json_t *fb_json_party_view(fb_book *book, const fb_party *p) {
    FB_ASSERT(book != NULL && p != NULL);
    json_t *o = fb_json_encode_party(p);
    fb_account a;
    if (o && fb_ledger_get_account(fb_book_ledger(book), p->deposit_account, &a) == FB_OK) {
        json_object_set_new(o, "deposit_balance",
                            fb_json_money(a.credits_posted_fen - a.debits_posted_fen));
    }
    return o;
}

json_t *fb_json_facility_view(fb_book *book, const fb_facility *f) {
    FB_ASSERT(book != NULL && f != NULL);
    json_t *o = fb_json_encode_facility(f);
    int64_t available = 0, drawn = 0;
    if (o && fb_facility_limits(book, f, &available, &drawn) == FB_OK) {
        json_object_set_new(o, "available", fb_json_money(available));
        json_object_set_new(o, "drawn", fb_json_money(drawn));
    }
    return o;
}

json_t *fb_json_loan_view(fb_book *book, const fb_loan *x) {
    int64_t technical = 0;
    if (fb_setting_get(book, "technical_overdue_days", &technical)) technical = -1;
    return fb_json_loan_view_with(book, x, technical);
}

json_t *fb_json_loan_view_with(fb_book *book, const fb_loan *x, int64_t technical_days) {
    FB_ASSERT(book != NULL && x != NULL);
    json_t *o = fb_json_encode_loan(x);
    /* What it owes, from its receivable accounts (debit balances). */
    const char *ids[2] = {x->interest_account, x->penalty_account};
    const char *names[2] = {"interest_receivable", "penalty_receivable"};
    for (int i = 0; o && i < 2; i++) {
        fb_account a;
        if (fb_ledger_get_account(fb_book_ledger(book), ids[i], &a) == FB_OK) {
            json_object_set_new(o, names[i],
                                fb_json_money(a.debits_posted_fen - a.credits_posted_fen));
        }
    }
    fb_loan_position p;
    if (o && fb_loan_position_read(book, x->id, technical_days, &p) == FB_OK) {
        fb_json_add_position(o, &p);
    }
    return o;
}

json_t *fb_json_transfer_view(fb_ledger *l, const fb_transfer *t) {
    FB_ASSERT(l != NULL && t != NULL);
    json_t *o = fb_json_encode_transfer(t);
    fb_pending_status ps = FB_PENDING_NONE;
    if (o && fb_ledger_get_pending_status(l, t->id, &ps) == FB_OK && ps != FB_PENDING_NONE) {
        json_object_set_new(o, "status", json_string(fb_pending_status_name(ps)));
    }
    return o;
}

json_t *fb_json_encode_lineage(const fb_certificate *parts, size_t n) {
    FB_ASSERT(parts != NULL && n > 0);
    json_t *o = json_object(), *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, fb_json_encode_cert(&parts[i]));
    json_object_set_new(o, "root", json_string(parts[0].root));
    json_object_set_new(o, "parts", a);
    return o;
}

json_t *fb_json_cert_view(fb_book *book, const fb_certificate *c) {
    FB_ASSERT(book != NULL && c != NULL);
    json_t *o = fb_json_encode_cert(c);
    fb_party core, holder;
    bool named = fb_party_get(book, c->core, &core) == FB_OK;
    bool held = c->holder[0] && fb_party_get(book, c->holder, &holder) == FB_OK;
    if (o) fb_json_cert_names(o, named ? core.name : NULL, held ? holder.name : NULL);
    return o;
}

json_t *fb_json_lineage_view(fb_book *book, const fb_certificate *parts, size_t n) {
    FB_ASSERT(book != NULL && parts != NULL && n > 0);
    json_t *o = json_object(), *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, fb_json_cert_view(book, &parts[i]));
    json_object_set_new(o, "root", json_string(parts[0].root));
    json_object_set_new(o, "parts", a);
    return o;
}

/* A borrower's facilities' limits and drawn, and the worst class of its loans held: reads its
 * facilities and loans (1,000 of each at most). */
static int borrower(fb_book *book, const char *party, fb_json_borrower *b) {
    enum { IDS_MAX = 1000 };
    fb_list_id *ids = malloc(IDS_MAX * sizeof *ids);
    size_t n = 0;
    *b = (fb_json_borrower){0, 0, -1};
    int rc = ids ? fb_list(book, FB_LIST_PARTY_FACILITIES, party, ids, IDS_MAX, &n) : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb_facility f;
        int64_t drawn = 0;
        rc = fb_facility_get(book, ids[i], &f);
        if (rc == FB_OK) rc = fb_facility_limits(book, &f, NULL, &drawn);
        b->limit_fen += f.limit_fen;
        b->drawn_fen += drawn;
    }
    /* The worst class of its active loans from the aggregates: one lookup, not a position a
     * loan (a core enterprise has hundreds). */
    if (rc == FB_OK) rc = fb_party_worst_class(book, party, &b->loan_class);
    free(ids);
    return rc;
}

json_t *fb_json_exposure_view(fb_book *book, const fb_exposure *e) {
    FB_ASSERT(book != NULL && e != NULL);
    json_t *o = fb_json_encode_exposure(e);
    fb_party p;
    fb_json_borrower b;
    if (o && fb_party_get(book, e->party, &p) == FB_OK && borrower(book, e->party, &b) == FB_OK)
        fb_json_exposure_party(o, &p, &b);
    return o;
}

int fb_json_progress_ranks(fb_book *book, const fb_agreement *a, int32_t as_of,
                           const fb_progress *p, size_t n, json_t *progress) {
    FB_ASSERT(book != NULL && a != NULL && (p != NULL || n == 0));
    json_t *targets = json_object_get(progress, "targets");
    FB_ASSERT(json_array_size(targets) == n);
    fb_report_row *rows = NULL;
    size_t m = 0;
    int rc = fb_report_credit(book, as_of, a->start_date, FB_BY_CITY, 0, &rows, &m);
    if (rc) return rc;
    size_t cities = 0;
    fb_region_cities(&cities); /* a city without loans ranks with the others without */
    for (size_t i = 0; i < n; i++) {
        if (strncmp(p[i].target.dimension, "city:", 5) != 0) continue;
        long city = strtol(p[i].target.dimension + 5, NULL, 10);
        int64_t own = 0;
        for (size_t j = 0; j < m; j++)
            if (rows[j].city == city) own = rows[j].new_fen;
        size_t ahead = 0;
        for (size_t j = 0; j < m; j++)
            ahead += rows[j].city != 0 && rows[j].new_fen > own;
        fb_json_progress_rank(json_array_get(targets, i), (int64_t)ahead + 1, (int64_t)cities);
    }
    free(rows);
    return FB_OK;
}

/* ---- Result lines ------------------------------------------------------------------------ */

static void result(json_t *line, const char *id, const char *name) {
    json_object_set_new(line, "id", json_string(id));
    json_object_set_new(line, "result", json_string(name));
}

static void field_at_fault(json_t *line, const char *field) {
    if (field) json_object_set_new(line, "field", json_string(field));
}

/* A figure a refusal was measured against, under its name, and the reason in words around it. */
static void measured(json_t *line, const char *name, const char *fig, const char *before,
                     const char *after) {
    char why[200];
    json_object_set_new(line, name, json_string(fig));
    snprintf(why, sizeof why, "%s%s%s", before, fig, after);
    json_object_set_new(line, "reason", json_string(why));
}

static const char *measured_day(int64_t against, char fig[static 32]) {
    FB_ASSERT(against > 0 && against <= INT32_MAX);
    return fb_date_format((int32_t)against, fig);
}

static const char *measured_fen(int64_t against, char fig[static 32]) {
    FB_ASSERT(against >= 0);
    return fb_money_format(against, fig);
}

void fb_json_measured(json_t *line, const char *result, int64_t against) {
    FB_ASSERT(line != NULL && result != NULL);
    char f[32];
    if (strcmp(result, "before_business_date") == 0) {
        measured(line, "business_date", measured_day(against, f),
                 "the date is before the business date ", " (a closed day)");
    } else if (strcmp(result, "after_business_date") == 0) {
        measured(line, "business_date", measured_day(against, f),
                 "the date is after the business date ", " (a day not yet open)");
    } else if (strcmp(result, "before_last_step") == 0) {
        measured(line, "last_step_date", measured_day(against, f),
                 "the date is before the step it follows, dated ", "");
    } else if (strcmp(result, "rate_out_of_range") == 0) {
        FB_ASSERT(against >= 0);
        measured(line, "ceiling", fb_rate_format(against, f),
                 "the rate must be above 0 and at most the ceiling ", "%");
    } else if (strcmp(result, "insufficient_funds") == 0) {
        measured(line, "available", measured_fen(against, f), "the deposit account has ",
                 " available, less than the amount");
    } else if (strcmp(result, "below_drawn") == 0) {
        measured(line, "drawn", measured_fen(against, f), "the limit is below the ",
                 " drawn and reserved on the facility");
    } else if (strcmp(result, "exceeds_facility") == 0) {
        measured(line, "facility_limit", measured_fen(against, f),
                 "the amount is more than the facility's limit ", "");
    }
}

fb_json_outcome fb_json_party_result(json_t *line, const void *record, const void *outcome) {
    const fb_party *p = record;
    const fb_party_outcome *o = outcome;
    result(line, p->id, fb_party_result_name(o->result));
    if (o->result == FB_PARTY_CREATED || o->result == FB_PARTY_EXISTS) {
        json_object_set_new(line, "deposit_account", json_string(p->deposit_account));
        json_object_set_new(line, "size_class", json_string(fb_size_class_name(p->size_class)));
        return o->result == FB_PARTY_CREATED ? FB_JSON_CREATED : FB_JSON_FOUND;
    }
    field_at_fault(line, o->field);
    if (o->other[0]) json_object_set_new(line, "registered_to", json_string(o->other));
    return FB_JSON_REFUSED;
}

fb_json_outcome fb_json_facility_result(json_t *line, const void *record, const void *outcome) {
    const fb_facility *f = record;
    const fb_facility_outcome *o = outcome;
    result(line, f->id, fb_facility_result_name(o->result));
    if (o->result == FB_FACILITY_CREATED || o->result == FB_FACILITY_EXISTS) {
        json_object_set_new(line, "inclusive", json_boolean(f->inclusive_cbirc));
        json_object_set_new(line, "available_account", json_string(f->available_account));
        return o->result == FB_FACILITY_CREATED ? FB_JSON_CREATED : FB_JSON_FOUND;
    }
    field_at_fault(line, o->field);
    fb_json_measured(line, fb_facility_result_name(o->result), o->against);
    if (o->result == FB_FACILITY_NOT_INCLUSIVE) {
        json_object_set_new(line, "reason", json_string(f->inclusive_rule));
    }
    return FB_JSON_REFUSED;
}

fb_json_outcome fb_json_loan_result(json_t *line, const void *record, const void *outcome) {
    const fb_loan *x = record;
    const fb_loan_outcome *o = outcome;
    result(line, x->id, fb_loan_result_name(o->result));
    if (o->result == FB_LOAN_CREATED || o->result == FB_LOAN_EXISTS) {
        char rate[FB_RATE_STR_MAX], date[11];
        json_object_set_new(line, "rate", json_string(fb_rate_format(x->terms.rate_e6, rate)));
        json_object_set_new(line, "maturity_date",
                            json_string(fb_date_format(x->maturity_date, date)));
        return o->result == FB_LOAN_CREATED ? FB_JSON_CREATED : FB_JSON_FOUND;
    }
    field_at_fault(line, o->field);
    fb_json_measured(line, fb_loan_result_name(o->result), o->against);
    return FB_JSON_REFUSED;
}

static fb_json_outcome cert_result(json_t *line, const char *id, const fb_cert_outcome *o) {
    result(line, id, fb_cert_result_name(o->result));
    if (o->result != FB_CERT_DONE && o->result != FB_CERT_EXISTS) {
        field_at_fault(line, o->field);
        fb_json_measured(line, fb_cert_result_name(o->result), o->against);
        return FB_JSON_REFUSED;
    }
    json_object_set_new(line, "amount", fb_json_money(o->amount_fen));
    if (o->discount_fen || o->proceeds_fen) {
        json_object_set_new(line, "discount", fb_json_money(o->discount_fen));
        json_object_set_new(line, "proceeds", fb_json_money(o->proceeds_fen));
    }
    if (o->long_term) {
        json_object_set_new(line, "warning", json_string("the term is longer than six months"));
    }
    return o->result == FB_CERT_DONE ? FB_JSON_CREATED : FB_JSON_FOUND;
}

fb_json_outcome fb_json_cert_issue_result(json_t *line, const void *record, const void *outcome) {
    return cert_result(line, ((const fb_cert_issue *)record)->id, outcome);
}

fb_json_outcome fb_json_cert_move_result(json_t *line, const void *record, const void *outcome) {
    return cert_result(line, ((const fb_cert_move *)record)->id, outcome);
}

fb_json_outcome fb_json_project_result(json_t *line, const void *record, const void *outcome) {
    static const char *const names[] = {"created", "exists", "exists_with_different"};
    fb_project_result r = *(const fb_project_result *)outcome;
    FB_ASSERT((unsigned)r < 3);
    result(line, ((const fb_project *)record)->id, names[r]);
    return r == FB_PROJECT_CREATED  ? FB_JSON_CREATED
           : r == FB_PROJECT_EXISTS ? FB_JSON_FOUND
                                    : FB_JSON_REFUSED;
}

void fb_json_invalid_line(json_t *line, const fb_json_error *err) {
    fb_json_error e = *err; /* each cut at a character boundary, as JSON strings must be UTF-8 */
    fb_text_cut(e.field, sizeof e.field);
    fb_text_cut(e.reason, sizeof e.reason);
    json_object_set_new(line, "result", json_string("invalid"));
    json_object_set_new(line, "field", json_string(e.field));
    json_object_set_new(line, "reason", json_string(e.reason));
}

void fb_json_agreement_result(json_t *line, const char *id, bool exists, const char *refused) {
    result(line, id, refused ? "exists_with_different" : exists ? "exists" : "created");
    if (refused) json_object_set_new(line, "reason", json_string(refused));
}

fb_json_outcome fb_json_event_result(json_t *line, const char *id, fb_result r,
                                     int64_t timestamp_ns, int64_t amount_fen, bool transfer) {
    result(line, id, fb_result_name(r));
    if (r == FB_RESULT_CREATED) {
        json_object_set_new(line, "timestamp", fb_json_i64_string(timestamp_ns));
        if (transfer) json_object_set_new(line, "amount", fb_json_money(amount_fen));
        return FB_JSON_CREATED;
    }
    if (r == FB_RESULT_EXISTS) return FB_JSON_FOUND;
    json_object_set_new(line, "reason", json_string(fb_result_reason(r)));
    return FB_JSON_REFUSED;
}

/* ---- End of day -------------------------------------------------------------------------- */

json_t *fb_json_encode_eod_day(const fb_eod_day *d) {
    FB_ASSERT(d != NULL);
    json_t *o = json_object();
    char date[11];
    json_object_set_new(o, "date", json_string(fb_date_format(d->date, date)));
    json_object_set_new(o, "loans", json_integer(d->loans));
    json_object_set_new(o, "interest_accrued", fb_json_money(d->interest_accrued_fen));
    json_object_set_new(o, "penalty_accrued", fb_json_money(d->penalty_accrued_fen));
    json_object_set_new(o, "installments_due", json_integer(d->installments_due));
    json_object_set_new(o, "auto_debits", json_integer(d->auto_debits));
    json_object_set_new(o, "auto_debited", fb_json_money(d->auto_debited_fen));
    json_object_set_new(o, "overdue_loans", json_integer(d->overdue_loans));
    json_object_set_new(o, "npl_loans", json_integer(d->npl_loans));
    json_object_set_new(o, "npl_principal", fb_json_money(d->npl_principal_fen));
    json_object_set_new(o, "class_changes", json_integer(d->class_changes));
    json_object_set_new(o, "repriced_loans", json_integer(d->repriced_loans));
    json_object_set_new(o, "expired_pending", json_integer((json_int_t)d->expired_pending));
    json_object_set_new(o, "certificates_settled", json_integer(d->certificates_settled));
    json_object_set_new(o, "certificates_paid", fb_json_money(d->certificates_paid_fen));
    json_object_set_new(o, "advances", json_integer(d->advances));
    json_object_set_new(o, "advanced", fb_json_money(d->advanced_fen));
    json_object_set_new(o, "discount_accrued", fb_json_money(d->discount_accrued_fen));
    return o;
}

json_t *fb_json_encode_eod_run(int32_t days_closed, int32_t business_date, json_t *days) {
    json_t *o = json_object();
    char date[11];
    json_object_set_new(o, "days_closed", json_integer(days_closed));
    json_object_set_new(o, "business_date", json_string(fb_date_format(business_date, date)));
    json_object_set_new(o, "days", days ? days : json_array());
    return o;
}

json_t *fb_json_encode_eod_status(int32_t open, bool simulation) {
    char d[11];
    json_t *o = json_object();
    json_object_set_new(o, "simulation", json_boolean(simulation));
    json_object_set_new(o, "business_date",
                        open ? json_string(fb_date_format(open, d)) : json_null());
    json_object_set_new(o, "last_closed",
                        open ? json_string(fb_date_format(open - 1, d)) : json_null());
    return o;
}

int fb_json_loan_history(fb_book *book, const char *id, json_t **out) {
    *out = NULL;
    fb_loan_position p;
    int rc = fb_loan_position_get(book, id, &p);
    fb_class_entry *classes = NULL;
    fb_loan_change *changes = NULL;
    size_t n = 0, m = 0;
    if (rc == FB_OK) rc = fb_loan_class_history(book, id, &classes, &n);
    if (rc == FB_OK) rc = fb_loan_changes(book, id, &changes, &m);
    if (rc == FB_OK) *out = fb_json_encode_loan_history(id, &p, classes, n, changes, m);
    free(classes);
    free(changes);
    return rc == FB_OK && !*out ? FB_ENOMEM : rc;
}
