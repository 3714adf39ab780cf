/* view_json.h — what both doors answer, encoded once: a record as a read shows it (with what the
 * ledger says of it), the result line of every create, end of day and a lineage. The command line
 * prints these as JSON lines, the API as bodies (or elements of an array body); each door adds
 * only its position field ("line" on the command line, "index" in the API) to a result line.
 * Each answer is one record of records.h; tests/test_wire.c and tests/test_doors.c hold them to
 * their tables. Every function returns a new object the caller owns (NULL when out of memory). */
#ifndef FB_WIRE_VIEW_H
#define FB_WIRE_VIEW_H

#include "wire/book_json.h"
#include "wire/quality_json.h"

/* ---- Records as read --------------------------------------------------------------------- */

/* A party (Party) with its deposit account's balance. */
json_t *fb_json_party_view(fb_book *book, const fb_party *p);
/* A facility (Facility) with what is available and drawn (fb_facility_limits). */
json_t *fb_json_facility_view(fb_book *book, const fb_facility *f);
/* A loan (Loan) with its receivables and how it stands on the business date. */
json_t *fb_json_loan_view(fb_book *book, const fb_loan *x);
/* The same with the setting technical_overdue_days read once by the caller, for a list. */
json_t *fb_json_loan_view_with(fb_book *book, const fb_loan *x, int64_t technical_days);
/* A loan's history (LoanHistory) into *out: its classes and changes. FB_ENOTFOUND for no loan. */
int fb_json_loan_history(fb_book *book, const char *id, json_t **out);
/* A transfer (Transfer) with a pending transfer's status. */
json_t *fb_json_transfer_view(fb_ledger *l, const fb_transfer *t);
/* Every part of a root (Lineage): {root, parts}, the parts in order of creation. */
json_t *fb_json_encode_lineage(const fb_certificate *parts, size_t n);
/* A certificate part (Certificate) with its core's and its holder's names; a lineage of such
 * parts. */
json_t *fb_json_cert_view(fb_book *book, const fb_certificate *c);
json_t *fb_json_lineage_view(fb_book *book, const fb_certificate *parts, size_t n);
/* An exposure (Exposure) with its borrower's city, industry and key chain. */
json_t *fb_json_exposure_view(fb_book *book, const fb_exposure *e);
/* Adds to each city target of progress (an agreement's Progress, its targets in p's order) the
 * city's rank among the province's fourteen by new credit from the agreement's start to as_of
 * (1 = the most; ties share a rank). A ranking shows an order, never another city's figure.
 * FB_OK, or the credit report's error. */
int fb_json_progress_ranks(fb_book *book, const fb_agreement *a, int32_t as_of,
                           const fb_progress *p, size_t n, json_t *progress);

/* ---- Result lines of the creates -------------------------------------------------------- */

typedef enum fb_json_outcome {
    FB_JSON_CREATED = 0, /* created (done) */
    FB_JSON_FOUND,       /* the same was created before */
    FB_JSON_REFUSED,     /* not created: the result says why */
} fb_json_outcome;

/* Adds a create's result to line (which holds the door's position field): its id, result and the
 * result's fields. Returns what came of it. */
typedef fb_json_outcome fb_json_result_fn(json_t *line, const void *record, const void *outcome);
fb_json_result_fn fb_json_party_result;      /* fb_party, fb_party_outcome: PartyResult */
fb_json_result_fn fb_json_facility_result;   /* fb_facility, ...: FacilityResult */
fb_json_result_fn fb_json_loan_result;       /* fb_loan, ...: LoanResult */
fb_json_result_fn fb_json_cert_issue_result; /* fb_cert_issue, fb_cert_outcome */
fb_json_result_fn fb_json_cert_move_result;  /* fb_cert_move, fb_cert_outcome */
fb_json_result_fn fb_json_project_result;    /* fb_project, fb_project_result */

/* A line of the command line that could not be read (result "invalid", the field at fault and
 * the reason; the API refuses the whole body with a 400 problem instead). */
void fb_json_invalid_line(json_t *line, const fb_json_error *err);
/* What a refusal was measured against (an outcome's `against`): before_business_date the business
 * date, rate_out_of_range the ceiling, insufficient_funds what is available, under its own name
 * and in "reason"; nothing for another result. Both doors use it (the API's problem detail reads
 * the reason back). */
void fb_json_measured(json_t *line, const char *result, int64_t against);
/* An agreement's result (AgreementResult): created, exists, or exists_with_different with the
 * reason. */
void fb_json_agreement_result(json_t *line, const char *id, bool exists, const char *refused);
/* A ledger event's result (EventResult): created with its timestamp (and a transfer's amount
 * moved), exists, or the reason it failed. */
fb_json_outcome fb_json_event_result(json_t *line, const char *id, fb_result result,
                                     int64_t timestamp_ns, int64_t amount_fen, bool transfer);

/* ---- End of day -------------------------------------------------------------------------- */

/* One day closed (EodDay). */
json_t *fb_json_encode_eod_day(const fb_eod_day *d);
/* What a run did (EodRun): days closed, the business date, and the days (taken: an array of
 * EodDay, or NULL for an empty one). */
json_t *fb_json_encode_eod_run(int32_t days_closed, int32_t business_date, json_t *days);
/* The business date and the last day closed (EodStatus); open 0: none yet. */
json_t *fb_json_encode_eod_status(int32_t open, bool simulation);

#endif
