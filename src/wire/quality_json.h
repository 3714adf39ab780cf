/* quality_json.h — JSON of what a regulator asks of the book, for both doors: a change of a
 * loan's terms and an officer's classification (read and answered), a loan's history, the
 * provisions, quality and migration reports, the green catalogue. Each answer is one record of
 * records_quality.c; every encoder returns a new object the caller owns. */
#ifndef FB_WIRE_QUALITY_JSON_H
#define FB_WIRE_QUALITY_JSON_H

#include "wire/ledger_json.h"

/* Reads the body of a change of the loan already in out->loan (kind: extension, restructuring,
 * or renewal, which `refinancing` may make a refinancing): decoded and checked. FB_EINVAL with
 * err naming the field. */
int fb_json_read_loan_change(const char *text, size_t len, fb_change_kind kind, fb_loan_change *out,
                             fb_json_error *err);
json_t *fb_json_encode_loan_change(const fb_loan_change *c, fb_change_result result);
/* Reads an officer's classification of the loan already in out->loan. */
int fb_json_read_classification(const char *text, size_t len, fb_classification *out,
                                fb_json_error *err);
json_t *fb_json_encode_classification(const fb_classification *c, fb_classify_result result);
/* Reads a credit report of the party already in out->party (CreditReport), and its answer. */
int fb_json_read_credit_report(const char *text, size_t len, fb_credit_report *out,
                               fb_json_error *err);
json_t *fb_json_encode_credit_report(const fb_credit_report *c, fb_credit_result result);
/* A loan's history (LoanHistory): its position's class and restructuring, its classes and its
 * changes. */
json_t *fb_json_encode_loan_history(const char *loan, const fb_loan_position *p,
                                    const fb_class_entry *classes, size_t n,
                                    const fb_loan_change *changes, size_t m);
/* The reports: a government reader's hidden figures are null, the row "suppressed". */
json_t *fb_json_encode_provisions(const fb_provision_report *r);
json_t *fb_json_encode_quality(const fb_quality_report *r);
json_t *fb_json_encode_migration(const fb_migration *m);
json_t *fb_json_encode_green_catalogue(const fb_green_item *items, size_t n, bool loaded);

#endif
