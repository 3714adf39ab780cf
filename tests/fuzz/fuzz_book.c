/* fuzz_book.c — the book's record decoders (src/wire/book_json.c: a party, a facility, a loan, a
 * certificate's issue and move, a project, an agreement, a servicing operation) under libFuzzer
 * (make fuzz builds one fuzzer a record, FB_FUZZ_RECORD naming it), and the bodies that
 * tests/test_corpus.c replays over tests/corpus/<record>/ in make test.
 *
 * Property: any input is either read as the doors read it (decoded, then checked) or refused
 * with a reason; a record read encodes to JSON that names its id and the fields it was given;
 * never a crash, a sanitizer report or a leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/book_json.h"

/* The property over one input for one kind of record: 0, or 1 when it failed. */
typedef int fb_fuzz_record_fn(const char *text, size_t len);
typedef struct {
    const char *name; /* the fuzzer's and its corpus's (tests/corpus/<name>/) */
    fb_fuzz_record_fn *one;
} fb_fuzz_record;

/* A refusal is FB_EINVAL with a reason: 0, or 1 when it is not. */
static int refused(int rc, const fb_json_error *err) {
    return rc == FB_EINVAL && err->reason[0] ? 0 : 1;
}

/* Whether j is an encoding that can be sent: an object with the id and each of keys (NULL-ended),
 * which dumps. Consumes j. Returns 0, or 1 when it is not. */
static int encodes(json_t *j, const char *id, const char *const *keys) {
    int bad = !json_is_object(j);
    const char *got = json_string_value(json_object_get(j, "id"));
    if (id && (!got || strcmp(got, id) != 0)) bad = 1;
    for (size_t i = 0; !bad && keys[i]; i++) {
        if (!json_object_get(j, keys[i])) bad = 1;
    }
    char *text = bad ? NULL : json_dumps(j, JSON_COMPACT);
    if (!bad && !text) bad = 1;
    free(text);
    json_decref(j);
    return bad;
}

static int party(const char *text, size_t len) {
    fb_party p;
    fb_json_error err;
    int rc = fb_json_read_party(text, len, &p, &err);
    if (rc != FB_OK) return refused(rc, &err);
    static const char *const keys[] = {"kind",     "name",       "uscc", "region",
                                       "industry", "size_class", NULL};
    return encodes(fb_json_encode_party(&p), p.id, keys);
}

static int facility(const char *text, size_t len) {
    fb_facility f;
    fb_json_error err;
    int rc = fb_json_read_facility(text, len, &f, &err);
    if (rc != FB_OK) return refused(rc, &err);
    static const char *const keys[] = {"party", "line", "limit", "start_date", "end_date", NULL};
    return encodes(fb_json_encode_facility(&f), f.id, keys);
}

static int loan(const char *text, size_t len) {
    fb_loan x;
    fb_json_error err;
    int rc = fb_json_read_loan(text, len, &x, &err);
    if (rc != FB_OK) return refused(rc, &err);
    static const char *const keys[] = {"facility", "amount",     "rate",      "months",
                                       "method",   "start_date", "day_count", NULL};
    return encodes(fb_json_encode_loan(&x), x.id, keys);
}

/* An issued certificate encodes as the part it becomes: the root, whole, with its holder. */
static int cert_issue(const char *text, size_t len) {
    fb_cert_issue c;
    fb_json_error err;
    int rc = fb_json_read_cert_issue(text, len, &c, &err);
    if (rc != FB_OK) return refused(rc, &err);
    fb_certificate part;
    memset(&part, 0, sizeof part);
    snprintf(part.id, sizeof part.id, "%s", c.id);
    snprintf(part.root, sizeof part.root, "%s", c.id);
    snprintf(part.core, sizeof part.core, "%s", c.core);
    snprintf(part.holder, sizeof part.holder, "%s", c.holder);
    snprintf(part.facility, sizeof part.facility, "%s", c.facility);
    snprintf(part.contract, sizeof part.contract, "%s", c.contract);
    snprintf(part.invoice, sizeof part.invoice, "%s", c.invoice);
    part.range_end = c.face_fen;
    part.root_face_fen = c.face_fen;
    part.issue_date = part.date = c.issue_date;
    part.maturity = c.maturity;
    static const char *const keys[] = {"core", "holder", "face", "issue_date", "maturity", NULL};
    return encodes(fb_json_encode_cert(&part), c.id, keys);
}

/* A transfer and a financing, as the doors read them: decoded, then checked. */
static int cert_move_as(const char *text, size_t len, bool finance) {
    fb_cert_move m;
    fb_json_error err;
    int rc = fb_json_decode_cert_move(text, len, finance, &m, &err);
    const char *field = NULL;
    if (rc == FB_OK) {
        rc = fb_cert_move_check(&m, finance, &field, err.reason, sizeof err.reason);
    }
    if (rc != FB_OK) return refused(rc, &err);
    /* A move read names the part, the new part and, for a transfer, its receiver. */
    return !m.part[0] || !m.id[0] || (!finance && !m.to[0]) || (finance && m.to[0]);
}

static int cert_move(const char *text, size_t len) {
    return cert_move_as(text, len, false) | cert_move_as(text, len, true);
}

static int project(const char *text, size_t len) {
    fb_project p;
    fb_json_error err;
    int rc = fb_json_read_project(text, len, &p, &err);
    if (rc != FB_OK) return refused(rc, &err);
    static const char *const keys[] = {"name",           "city",   "industry",   "total_investment",
                                       "financing_need", "status", "start_date", NULL};
    return encodes(fb_json_encode_project(&p), p.id, keys);
}

/* The region read is the division code given, and a city breakdown names a code of six digits
 * (a number the cast to int32_t would cut is not a code): 0, or 1 when not. */
static int region_as_given(const char *text, size_t len, const fb_agreement *a) {
    json_t *o = json_loadb(text, len, 0, NULL);
    const char *given = json_string_value(json_object_get(o, "region"));
    char code[16];
    snprintf(code, sizeof code, "%06d", (int)a->region);
    int bad = !given || strcmp(given, code) != 0;
    json_decref(o);
    for (size_t i = 0; i < a->n_targets; i++) {
        const char *d = a->targets[i].dimension;
        if (strncmp(d, "city:", 5) == 0) bad |= strlen(d + 5) != 6;
    }
    return bad;
}

static int agreement(const char *text, size_t len) {
    /* An agreement with its targets is large: on the heap, as the doors keep it. */
    fb_agreement *a = malloc(sizeof *a);
    if (!a) return 0;
    fb_json_error err;
    int rc = fb_json_read_agreement(text, len, a, &err);
    int bad = 0;
    if (rc != FB_OK) {
        bad = refused(rc, &err);
    } else {
        static const char *const keys[] = {"bank",     "region",  "start_date",
                                           "end_date", "targets", NULL};
        json_t *j = fb_json_encode_agreement(a);
        bad = json_array_size(json_object_get(j, "targets")) != a->n_targets;
        bad |= encodes(j, a->id, keys);
        bad |= region_as_given(text, len, a);
    }
    free(a);
    return bad;
}

/* Each operation on a loan that reads a body: a repayment, a write-off, a recovery. */
static int servicing(const char *text, size_t len) {
    int bad = 0;
    const fb_servicing ops[] = {FB_SERVICING_REPAY, FB_SERVICING_WRITE_OFF, FB_SERVICING_RECOVER};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        fb_repayment r;
        memset(&r, 0, sizeof r);
        snprintf(r.loan, sizeof r.loan, "L1");
        fb_json_error err;
        int rc = fb_json_read_servicing(text, len, ops[i], &r, &err);
        if (rc != FB_OK) {
            bad |= refused(rc, &err);
            continue;
        }
        static const char *const keys[] = {"loan", "result", "date", "principal", NULL};
        bad |= strcmp(r.loan, "L1") != 0; /* the loan is the path's, never the body's */
        bad |= encodes(fb_json_encode_servicing(&r, FB_REPAY_DONE), r.id[0] ? r.id : NULL, keys);
    }
    return bad;
}

static const fb_fuzz_record fb_fuzz_records[] = {
    {"party", party},           {"facility", facility},   {"loan", loan},
    {"cert_issue", cert_issue}, {"cert_move", cert_move}, {"project", project},
    {"agreement", agreement},   {"servicing", servicing},
};
enum { FB_FUZZ_RECORDS = sizeof fb_fuzz_records / sizeof fb_fuzz_records[0] };

/* Runs record's property over data[0..size): 0, or 1 when it failed. Inputs over a line's
 * limit are the doors' to refuse before any decoder sees them. */
int fb_fuzz_book_one(const fb_fuzz_record *record, const uint8_t *data, size_t size);
int fb_fuzz_book_one(const fb_fuzz_record *record, const uint8_t *data, size_t size) {
    if (size > FB_LINE_MAX) return 0;
    return record->one((const char *)data, size);
}

#ifdef FB_LIBFUZZER
#ifndef FB_FUZZ_RECORD
#error "FB_FUZZ_RECORD names the record to fuzz, as a string: -DFB_FUZZ_RECORD='\"party\"'"
#endif
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const fb_fuzz_record *record;
    for (size_t i = 0; !record && i < FB_FUZZ_RECORDS; i++) {
        if (strcmp(fb_fuzz_records[i].name, FB_FUZZ_RECORD) == 0) record = &fb_fuzz_records[i];
    }
    if (!record) abort(); /* a name the table does not have */
    if (fb_fuzz_book_one(record, data, size)) abort();
    return 0;
}
#endif
