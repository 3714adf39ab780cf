/* demand.c — financing demands (融资需求对接): posting one, and each step of the bank's answer.
 * A demand is a record of the book beside its loans: posted by an enterprise, by a government on
 * its behalf or from the province's lists, or by the bank on their word; then accepted to an
 * officer, the enterprise contacted, and credit granted (a facility of the enterprise) or
 * declined with a reason of the fixed list; or withdrawn. Each step is made once, in that order,
 * dated the business date and never before the step it follows; a closed demand changes no more.
 * Each operation loads its subject, decides in memory, and writes once in one unit of work; a
 * refusal names the rule and writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "demand_not_found",
                                           "party_not_found",
                                           "project_not_found",
                                           "source_not_yours",
                                           "outside_region",
                                           "no_business_date",
                                           "before_business_date",
                                           "after_business_date",
                                           "no_calendar",
                                           "closed",
                                           "step_taken",
                                           "out_of_order",
                                           "before_last_step",
                                           "facility_not_found",
                                           "facility_of_another",
                                           "exceeds_facility",
                                           "not_poster"};
_Static_assert(sizeof result_names / sizeof result_names[0] == FB_DEMAND_NOT_POSTER + 1,
               "a name for every demand result");

const char *fb_demand_result_name(fb_demand_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, why) return *field = (f), snprintf(reason, cap, "%s", (why)), FB_EINVAL

int fb_demand_check(const fb_demand *d, const char **field, char *reason, size_t cap) {
    FB_ASSERT(d != NULL && field != NULL);
    const char *why = NULL;
    if (!fb_id_valid(d->id, strnlen(d->id, sizeof d->id), &why)) FAIL("id", why);
    if (!fb_id_valid(d->party, strnlen(d->party, sizeof d->party), &why)) FAIL("party", why);
    if (d->amount_fen <= 0) FAIL("amount", "must be more than 0");
    if (d->amount_fen > FB_PRINCIPAL_MAX_FEN) FAIL("amount", "is larger than any loan may be");
    if (!d->purpose[0]) FAIL("purpose", "is empty: say what the credit is for");
    if (d->months < 1 || d->months > FB_LOAN_MONTHS_MAX) {
        FAIL("months", "must be from 1 to 480 (the longest loan term)");
    }
    if ((unsigned)d->line >= FB_LINE_COUNT_) FAIL("line", "is unknown");
    if ((unsigned)d->security >= FB_SECURITY_COUNT_) FAIL("security", "is unknown");
    if ((unsigned)d->source >= FB_SOURCE_COUNT_) FAIL("source", "is unknown");
    if (d->recommendation[0] && d->source == FB_SOURCE_ENTERPRISE) {
        FAIL("recommendation", "is a government's: only a demand a government brings has one");
    }
    if (d->source == FB_SOURCE_MAJOR_PROJECTS && !d->project[0]) {
        FAIL("project", "is missing: a demand of the major-project list names its project");
    }
    if (d->project[0] && !fb_id_valid(d->project, strnlen(d->project, sizeof d->project), &why))
        FAIL("project", why);
    return FB_OK;
}

int fb_demand_step_check(const fb_demand_step *s, const char **field, char *reason, size_t cap) {
    FB_ASSERT(s != NULL && field != NULL);
    const char *why = NULL;
    if (!fb_id_valid(s->demand, strnlen(s->demand, sizeof s->demand), &why)) FAIL("demand", why);
    if (s->step <= FB_DEMAND_POSTED || s->step >= FB_DEMAND_STATUS_COUNT_) {
        FAIL("step", "must be accepted, contacted, granted, declined or withdrawn");
    }
    if (s->step == FB_DEMAND_ACCEPTED && !s->officer[0]) {
        FAIL("officer", "is missing: a demand is accepted to an officer");
    }
    if (s->step == FB_DEMAND_GRANTED) {
        if (!fb_id_valid(s->facility, strnlen(s->facility, sizeof s->facility), &why)) {
            FAIL("facility", why ? why : "is missing");
        }
        if (s->amount_fen <= 0) FAIL("amount", "must be more than 0: the credit granted");
    }
    if (s->step == FB_DEMAND_DECLINED) {
        if ((unsigned)s->reason >= FB_DECLINE_REASON_COUNT_) {
            FAIL("reason", "is missing: a decline gives a reason of the list");
        }
        if (s->reason == FB_DECLINE_OTHER && !s->text[0]) {
            FAIL("text", "is missing: a decline for another reason says what it is");
        }
    }
    return FB_OK;
}

/* ---- The business date and the calendar -------------------------------------------------- */

/* The date of a step: the business date (0 given: it), refused when another; before the first
 * end of day, any date given. */
static fb_demand_result step_date(int32_t open, int32_t *date) {
    if (open == 0) return *date ? FB_DEMAND_DONE : FB_DEMAND_NO_BUSINESS_DATE;
    if (*date == 0) *date = open;
    if (*date < open) return FB_DEMAND_BEFORE_BUSINESS_DATE;
    if (*date > open) return FB_DEMAND_AFTER_BUSINESS_DATE;
    return FB_DEMAND_DONE;
}

/* ---- Posting --------------------------------------------------------------------------------- */

static bool is_bank(const fb_user *as) { return !as || as->role == FB_ROLE_BANK_OFFICER; }

/* The first given field of d that e (stored) holds otherwise, or NULL when they are the same. */
static const char *differs(const fb_demand *d, const fb_demand *e) {
    if (strcmp(d->party, e->party) != 0) return "party";
    if (d->amount_fen != e->amount_fen) return "amount";
    if (strcmp(d->purpose, e->purpose) != 0) return "purpose";
    if (d->months != e->months) return "months";
    if (d->line != e->line) return "line";
    if (d->security != e->security) return "security";
    if (d->consent != e->consent) return "consent";
    if (d->source != e->source) return "source";
    if (strcmp(d->project, e->project) != 0) return "project";
    if (strcmp(d->recommendation, e->recommendation) != 0) return "recommendation";
    if (d->posted && d->posted != e->posted) return "date";
    return NULL;
}

/* Who may post d: the bank anything; an enterprise its own, as itself; a government for the
 * enterprises of its region, as a government. Sets d->region. */
static fb_demand_result poster_rule(const fb_user *as, const fb_party *p, fb_demand *d) {
    int32_t lo = 0, hi = 0;
    d->region = d->source == FB_SOURCE_ENTERPRISE ? 0 : 210000;
    if (is_bank(as)) return FB_DEMAND_DONE;
    if (as->role == FB_ROLE_ENTERPRISE) {
        if (strcmp(as->party, p->id) != 0) return FB_DEMAND_PARTY_NOT_FOUND;
        return d->source == FB_SOURCE_ENTERPRISE ? FB_DEMAND_DONE : FB_DEMAND_SOURCE_NOT_YOURS;
    }
    if (as->role != FB_ROLE_GOVERNMENT || d->source == FB_SOURCE_ENTERPRISE) {
        return FB_DEMAND_SOURCE_NOT_YOURS;
    }
    fb__region_span(as->region, &lo, &hi);
    if (p->city < lo || p->city > hi) return FB_DEMAND_OUTSIDE_REGION;
    d->region = as->region;
    return FB_DEMAND_DONE;
}

/* The levels' last days: the n-th working day after the posting (民法典 art. 201: the day it is
 * posted is not counted). A year the calendar does not know refuses the demand (no_calendar). */
static int levels(fb_book *book, const fb_calendar *cal, fb_demand *d, fb_demand_outcome *o) {
    int64_t response = 0, decision = 0;
    int rc = fb_setting_get(book, "demand_response_days", &response);
    if (rc == FB_OK) rc = fb_setting_get(book, "demand_decision_days", &decision);
    if (rc) return rc;
    FB_ASSERT(response >= 1 && response <= FB_DEMAND_LEVEL_DAYS_MAX);
    d->response_days = (int32_t)response;
    d->decision_days = (int32_t)decision;
    if (fb_calendar_advance(cal, d->posted, d->response_days, &d->response_due, &o->year) ||
        fb_calendar_advance(cal, d->posted, d->decision_days, &d->decision_due, &o->year)) {
        o->result = FB_DEMAND_NO_CALENDAR;
    }
    return FB_OK;
}

/* Decides one demand and writes it: FB_OK with its outcome, or an error of the store. */
static int post_one(fb_book *book, const fb_user *as, const fb_calendar *cal, int32_t open,
                    fb_demand *d, fb_demand_outcome *o) {
    fb_store *s = book->store;
    fb_demand existing;
    int64_t key = 0;
    memset(o, 0, sizeof *o);
    int rc = fb__store_demand_by_id(s, d->id, &existing, &key);
    if (rc == FB_OK) {
        o->field = differs(d, &existing);
        bool seen = fb_demand_visible(&existing, as);
        o->result = !seen      ? FB_DEMAND_EXISTS_WITH_DIFFERENT
                    : o->field ? FB_DEMAND_EXISTS_WITH_DIFFERENT
                               : FB_DEMAND_EXISTS;
        if (!seen) o->field = "id";
        if (o->result == FB_DEMAND_EXISTS) *d = existing;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    fb_party p;
    rc = fb__store_party_by_id(s, d->party, &p);
    if (rc == FB_ENOTFOUND) return o->result = FB_DEMAND_PARTY_NOT_FOUND, FB_OK;
    if (rc) return rc;
    if ((o->result = poster_rule(as, &p, d)) != FB_DEMAND_DONE) return FB_OK;
    if (d->project[0]) {
        fb_project pr;
        rc = fb__store_project_by_id(s, d->project, &pr);
        if (rc == FB_ENOTFOUND) return o->result = FB_DEMAND_PROJECT_NOT_FOUND, FB_OK;
        if (rc) return rc;
    }
    if ((o->result = step_date(open, &d->posted)) != FB_DEMAND_DONE) {
        if (open) o->against = open; /* the refusal names the business date, as a step's does */
        return FB_OK;
    }
    d->city = p.city;
    d->size = p.size_class;
    d->chain = FB_CHAIN_NONE;
    if (p.key_chain[0]) fb_chain_parse(p.key_chain, &d->chain);
    rc = levels(book, cal, d, o);
    if (rc || o->result != FB_DEMAND_DONE) return rc;
    d->status = FB_DEMAND_POSTED;
    d->created_ns = fb_now_ns();
    return fb__store_demand_insert(s, d);
}

int fb_demands_post(fb_book *book, const fb_user *as, fb_demand *v, size_t n,
                    fb_demand_outcome *out) {
    FB_ASSERT(book != NULL && (v != NULL || n == 0) && (out != NULL || n == 0));
    if (n > FB_DEMAND_BATCH_MAX) return FB_ELIMIT;
    if (n == 0) return FB_OK;
    fb_calendar *cal = malloc(sizeof *cal);
    if (!cal) return FB_ENOMEM;
    int32_t open = 0;
    int rc = fb_book_begin(book);
    if (rc) {
        free(cal);
        return rc;
    }
    rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK) rc = fb_book_calendar(book, cal);
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        rc = post_one(book, as, cal, open, &v[i], &out[i]);
    free(cal);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_demand_get(fb_book *book, const char *id, fb_demand *out) {
    FB_ASSERT(book != NULL && out != NULL);
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    return fb__store_demand_by_id(book->store, id, out, NULL);
}

/* ---- The steps ------------------------------------------------------------------------------- */

/* The date a step of d was made (0: not made). */
static int32_t made_on(const fb_demand *d, fb_demand_status step) {
    switch (step) {
    case FB_DEMAND_ACCEPTED: return d->accepted;
    case FB_DEMAND_CONTACTED: return d->contacted;
    case FB_DEMAND_GRANTED:
    case FB_DEMAND_DECLINED: return d->status == step ? d->decided : 0;
    case FB_DEMAND_WITHDRAWN: return d->withdrawn;
    default: return d->posted;
    }
}

/* Whether the step made before says what s says. */
static bool same_step(const fb_demand *d, const fb_demand_step *s) {
    if (s->date && s->date != made_on(d, s->step)) return false;
    switch (s->step) {
    case FB_DEMAND_ACCEPTED: return strcmp(d->officer, s->officer) == 0;
    case FB_DEMAND_CONTACTED: return strcmp(d->note, s->text) == 0;
    case FB_DEMAND_GRANTED:
        return strcmp(d->facility, s->facility) == 0 && d->granted_fen == s->amount_fen;
    case FB_DEMAND_DECLINED: return d->reason == s->reason && strcmp(d->reason_text, s->text) == 0;
    default: return strcmp(d->withdraw_text, s->text) == 0;
    }
}

/* Who may make the step: the bank every step; an enterprise the withdrawal of its own demand; a
 * government the withdrawal of a demand a government brought. */
static bool may_make(const fb_demand *d, const fb_user *as, fb_demand_status step) {
    if (is_bank(as)) return true;
    if (step != FB_DEMAND_WITHDRAWN) return false;
    if (as->role == FB_ROLE_ENTERPRISE) return strcmp(as->party, d->party) == 0;
    return as->role == FB_ROLE_GOVERNMENT && d->source != FB_SOURCE_ENTERPRISE;
}

/* The step a step follows: its date is the last step's. */
static int32_t last_step_date(const fb_demand *d) {
    int32_t last = d->posted;
    if (d->accepted > last) last = d->accepted;
    if (d->contacted > last) last = d->contacted;
    return last;
}

/* The rules of the step itself, in order, against what the book holds. */
static int step_rules(fb_book *book, const fb_demand *d, fb_demand_step *s,
                      fb_demand_result *result) {
    static const fb_demand_status needs[FB_DEMAND_STATUS_COUNT_] = {
        [FB_DEMAND_ACCEPTED] = FB_DEMAND_POSTED,
        [FB_DEMAND_CONTACTED] = FB_DEMAND_ACCEPTED,
        [FB_DEMAND_GRANTED] = FB_DEMAND_CONTACTED,
        [FB_DEMAND_DECLINED] = FB_DEMAND_CONTACTED,
        [FB_DEMAND_WITHDRAWN] = FB_DEMAND_POSTED};
    bool in_order = s->step == FB_DEMAND_WITHDRAWN ? d->status < FB_DEMAND_GRANTED
                                                   : d->status == needs[s->step];
    if (!in_order) return *result = FB_DEMAND_OUT_OF_ORDER, FB_OK;
    if (s->date < last_step_date(d)) {
        s->against = last_step_date(d);
        return *result = FB_DEMAND_BEFORE_LAST_STEP, FB_OK;
    }
    if (s->step != FB_DEMAND_GRANTED) return FB_OK;
    fb_facility f;
    int rc = fb__store_facility_by_id(book->store, s->facility, &f);
    if (rc == FB_ENOTFOUND) return *result = FB_DEMAND_FACILITY_NOT_FOUND, FB_OK;
    if (rc) return rc;
    if (strcmp(f.party, d->party) != 0) return *result = FB_DEMAND_FACILITY_OF_ANOTHER, FB_OK;
    if (s->amount_fen > f.limit_fen) s->against = f.limit_fen, *result = FB_DEMAND_EXCEEDS_FACILITY;
    return FB_OK;
}

/* What the step writes into d. */
static void apply(fb_demand *d, const fb_user *as, const fb_demand_step *s) {
    FB_ASSERT(s->date != 0 && d->status < FB_DEMAND_GRANTED);
    d->status = s->step;
    switch (s->step) {
    case FB_DEMAND_ACCEPTED:
        d->accepted = s->date;
        snprintf(d->officer, sizeof d->officer, "%s", s->officer);
        break;
    case FB_DEMAND_CONTACTED:
        d->contacted = s->date;
        snprintf(d->note, sizeof d->note, "%s", s->text);
        break;
    case FB_DEMAND_GRANTED:
        d->decided = s->date;
        snprintf(d->facility, sizeof d->facility, "%s", s->facility);
        d->granted_fen = s->amount_fen;
        break;
    case FB_DEMAND_DECLINED:
        d->decided = s->date;
        d->reason = s->reason;
        snprintf(d->reason_text, sizeof d->reason_text, "%s", s->text);
        break;
    default:
        d->withdrawn = s->date;
        d->withdrawn_by = as ? as->role : FB_ROLE_BANK_OFFICER;
        snprintf(d->withdraw_text, sizeof d->withdraw_text, "%s", s->text);
    }
}

/* Decides the step on the demand loaded: *result (done: to be written). */
static int decide(fb_book *book, const fb_user *as, fb_demand *d, fb_demand_step *s,
                  fb_demand_result *result) {
    int32_t open = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    int32_t made = made_on(d, s->step);
    if (made && same_step(d, s)) {
        s->date = made;
        return *result = FB_DEMAND_EXISTS, FB_OK;
    }
    if (d->status >= FB_DEMAND_GRANTED) return *result = FB_DEMAND_CLOSED, FB_OK;
    if (made) return *result = FB_DEMAND_STEP_TAKEN, FB_OK;
    if (!may_make(d, as, s->step)) return *result = FB_DEMAND_NOT_POSTER, FB_OK;
    if ((*result = step_date(open, &s->date)) != FB_DEMAND_DONE) {
        if (open) s->against = open;
        return FB_OK;
    }
    return step_rules(book, d, s, result);
}

/* Loads the demand of s and decides the step: FB_OK with *result. */
static int load_and_decide(fb_book *book, const fb_user *as, fb_demand_step *s, fb_demand *d,
                           int64_t *key, fb_demand_result *result) {
    *result = FB_DEMAND_DONE;
    int rc = fb__store_demand_by_id(book->store, s->demand, d, key);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !fb_demand_visible(d, as))) {
        *result = FB_DEMAND_NOT_FOUND;
        return FB_OK;
    }
    return rc ? rc : decide(book, as, d, s, result);
}

int fb_demand_step_make(fb_book *book, const fb_user *as, fb_demand_step *s,
                        fb_demand_result *result) {
    FB_ASSERT(book != NULL && s != NULL && result != NULL);
    FB_ASSERT(s->step > FB_DEMAND_POSTED && s->step < FB_DEMAND_STATUS_COUNT_);
    fb_demand *d = malloc(sizeof *d);
    if (!d) return FB_ENOMEM;
    int64_t key = 0;
    /* Decided first on a read: a refusal writes nothing, not even an empty unit of work (whose
     * commit the command line would audit as a write); then again inside the unit, which sees
     * what another writer did in between. */
    int rc = load_and_decide(book, as, s, d, &key, result);
    if (rc == FB_OK && *result == FB_DEMAND_DONE) rc = fb_book_begin(book);
    if (rc || *result != FB_DEMAND_DONE) {
        if (rc == FB_OK) {
            fb__book_refuse(book, FB_EINVAL, "demand %s: %s", s->demand,
                            fb_demand_result_name(*result));
        }
        free(d);
        return rc;
    }
    rc = load_and_decide(book, as, s, d, &key, result);
    if (rc == FB_OK && *result == FB_DEMAND_DONE) {
        apply(d, as, s);
        rc = fb__store_demand_step(book->store, key, d, (int)s->step, s->date, fb_now_ns());
    }
    free(d);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}
