/* book_json.h — JSON for the loan book's records (parties, facilities, loans, certificates, the
 * cooperation, reports), shared by the command line and the API. Each record is declared once as a
 * table (records.h): the decoders read by it, the encoders write what it lists. What the doors
 * answer of a read or a create is in view_json.h. */
#ifndef FB_WIRE_BOOK_H
#define FB_WIRE_BOOK_H

#include "wire/ledger_json.h"

/* Decodes a party's given fields from text[0..len) (the derived ones come from
 * fb_party_prepare). FB_EINVAL with err. */
int fb_json_decode_party(const char *text, size_t len, fb_party *out, fb_json_error *err);
/* Encodes a party with its derived fields and their rules. */
json_t *fb_json_encode_party(const fb_party *p);

/* Decodes a facility's given fields; encodes one with what was derived. */
int fb_json_decode_facility(const char *text, size_t len, fb_facility *out, fb_json_error *err);
json_t *fb_json_encode_facility(const fb_facility *f);

/* Decodes a loan's given fields; encodes one with what was derived. */
int fb_json_decode_loan(const char *text, size_t len, fb_loan *out, fb_json_error *err);
json_t *fb_json_encode_loan(const fb_loan *x);

/* Certificates: an issue, a transfer or financing (finance: "rate" instead of "to"), a part. */
int fb_json_decode_cert_issue(const char *text, size_t len, fb_cert_issue *out, fb_json_error *err);
int fb_json_decode_cert_move(const char *text, size_t len, bool finance, fb_cert_move *out,
                             fb_json_error *err);
json_t *fb_json_encode_cert(const fb_certificate *c);
json_t *fb_json_encode_party_name(const fb_party_name *p);
/* What both doors add to a record from other records (view_json.c): a certificate's core and holder
 * by name ("" or NULL: not added), an exposure's borrower's city, industry and chain, a city
 * target's rank among how many cities. */
void fb_json_cert_names(json_t *cert, const char *core_name, const char *holder_name);
/* An exposure's borrower: its city, industry and chain, its facilities' limits and drawn, the
 * worst class of its loans held (loan_class -1: none held). */
typedef struct fb_json_borrower {
    int64_t limit_fen, drawn_fen;
    int loan_class;
} fb_json_borrower;
void fb_json_exposure_party(json_t *exposure, const fb_party *p, const fb_json_borrower *b);
void fb_json_progress_rank(json_t *target, int64_t rank, int64_t of);
/* A quote of a move that would be done (o->result FB_CERT_DONE) on part, as
 * fb_wire_cert_quote; to_name "" for a financing. */
json_t *fb_json_encode_cert_quote(const fb_cert_move *v, bool finance, const fb_certificate *part,
                                  const fb_cert_outcome *o, const char *to_name);

/* A schedule: installments[] with n, due_date, payment, principal, interest, balance, and the
 * totals total_interest and total_payment. */
json_t *fb_json_encode_schedule(const fb_installment *s, size_t n);
/* Adds how a loan stands on the business date to a loan's object. */
void fb_json_add_position(json_t *loan, const fb_loan_position *p);

/* The cooperation: projects (with what is approved, drawn and outstanding), agreements (targets
 * as an object: new_credit, new_credit_by_line/chain/city, inclusive_borrowers, ...), progress. */
int fb_json_decode_project(const char *text, size_t len, fb_project *out, fb_json_error *err);
json_t *fb_json_encode_project(const fb_project *p);
int fb_json_decode_agreement(const char *text, size_t len, fb_agreement *out, fb_json_error *err);
json_t *fb_json_encode_agreement(const fb_agreement *a);
json_t *fb_json_encode_progress(const fb_agreement *a, int32_t as_of, const fb_progress *p,
                                size_t n);

/* A row of the credit report: the dimensions asked for, balance, loans, borrowers, new. */
json_t *fb_json_encode_report_row(const fb_report_row *r);
json_t *fb_json_encode_move(const fb_class_move *m);
json_t *fb_json_encode_exposure(const fb_exposure *e);
/* The "two increases": balances and borrowers on as_of and at the base, and whether each held
 * (null: no base to compare with). */
json_t *fb_json_encode_two_increases(const fb_two_increases *t);

/* A facility's change (the facility already in out->facility, the path's or the argument's):
 * decoded and checked, FB_EINVAL with err; and what it answers on both doors. */
int fb_json_read_facility_change(const char *text, size_t len, fb_facility_change *out,
                                 fb_json_error *err);
json_t *fb_json_encode_facility_change(const fb_facility_change *c,
                                       fb_facility_change_result result);

/* A record as one event of a create, as the command line and the API read it: decoded, then
 * checked (a party: prepared). FB_EINVAL with err naming the field. */
int fb_json_read_party(const char *text, size_t len, void *out, fb_json_error *err);
int fb_json_read_facility(const char *text, size_t len, void *out, fb_json_error *err);
int fb_json_read_loan(const char *text, size_t len, void *out, fb_json_error *err);
int fb_json_read_project(const char *text, size_t len, void *out, fb_json_error *err);
int fb_json_read_agreement(const char *text, size_t len, void *out, fb_json_error *err);
int fb_json_read_cert_issue(const char *text, size_t len, void *out, fb_json_error *err);

/* The operations on a loan that take a repayment's fields. */
typedef enum fb_servicing {
    FB_SERVICING_REPAY = 0, /* amount, date, prepay, id */
    FB_SERVICING_WRITE_OFF, /* date, id */
    FB_SERVICING_RECOVER,   /* amount, date, id */
} fb_servicing;

/* Reads the body of a servicing operation on the loan already in out->loan: decoded and checked.
 * FB_EINVAL with err naming the field (copied: err outlives the text). */
int fb_json_read_servicing(const char *text, size_t len, fb_servicing op, fb_repayment *out,
                           fb_json_error *err);
/* Reads the body of an end of day: {"date": "YYYY-MM-DD"}, the last day to close. */
int fb_json_read_eod(const char *text, size_t len, int32_t *through, fb_json_error *err);

/* What a servicing operation answers, on both doors: the loan, the result, and for one done or
 * found again its figures (for one done also what was left unapplied and the loan's status). */
json_t *fb_json_encode_servicing(const fb_repayment *r, fb_repay_result result);

#endif
