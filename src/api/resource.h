/* resource.h — what the API's resource files share, and every handler the route table names. */
#ifndef FB_API_RESOURCE_H
#define FB_API_RESOURCE_H

#include "api/http.h"
#include "wire/api_json.h"
#include "wire/view_json.h"

/* A create of a batch of records: the body's events decoded, submitted in one call, and one
 * result line each. */
typedef struct {
    const char *noun;
    size_t max, size, outcome_size;
    fb_json_element_fn *decode;
    int (*submit)(fb_book *book, void *records, size_t n, void *outcomes);
    /* A record's result line, as the command line prints it (view_json.h). */
    fb_json_result_fn *result;
} fb__batch_kind;

/* Ids one list answers at most. */
#define FB_API_LIST_MAX 1000

bool fb__api_is_enterprise(const req *r);
/* An enterprise sees its own records only: the answer for anything else is 404, as for a record
 * that does not exist, so that it learns nothing of others. */
int fb__api_not_found(req *r, const char *what, const char *id);
bool fb__api_own_account(const req *r, const char *id);
/* Whether the caller may see party id and it exists; answers 404 (or 500) otherwise. A party's
 * lists (its facilities, its loans) are 404 for a party that is not, never an empty list. */
bool fb__api_party_seen(req *r, fb_book *book, const char *id);
/* The array body's events, each read as the command line reads a line. A bad event is a 400
 * naming its index and field; too many a 413; nothing is written. */
bool fb__api_elements(req *r, size_t max, size_t size, fb_json_element_fn *fn, void **out,
                      size_t *n);
json_t *fb__api_result_line(size_t i, const char *id, const char *result, const char *field);
int fb__api_create_batch(req *r, fb_book *book, const fb__batch_kind *k);
fb_list_id *fb__api_list_ids(req *r, fb_book *book, fb_list_kind kind, const char *filter,
                             size_t *n);
/* Query arguments, read strictly (wire/query.c). Each leaves *out as it is when the argument is
 * absent, and answers a 400 naming the argument (returning false) when it is bad. */
bool fb__api_int_arg(req *r, const char *name, int64_t min, int64_t max, int64_t *out);
bool fb__api_date_arg(req *r, const char *name, bool required, int32_t *out);
/* The schemes' as_of argument (scheme_reports.c): absent 0 (as the book stands); given, a day
 * closed since the first close that kept the schemes' figures, else the request is answered (400
 * not a date, 422 no figures that day) and false returned with *rc what to return. */
bool fb__api_scheme_day(req *r, fb_book *book, int32_t *as_of, int *rc);
/* *given says whether the argument was there. */
bool fb__api_timestamp_arg(req *r, const char *name, bool end_of_day, bool *given, int64_t *out);
bool fb__api_bool_arg(req *r, const char *name, bool *out);
/* A region argument: absent, 210000 or one of its cities; a government user's is its own. */
bool fb__api_region_query(req *r, int32_t *region);

/* The handlers of the route table (table.c), by resource file. */
/* ledger.c */
handler_fn fb__api_post_accounts;
handler_fn fb__api_post_transfers;
handler_fn fb__api_get_account;
handler_fn fb__api_account_transfers;
handler_fn fb__api_account_balances;
handler_fn fb__api_get_transfer;
/* loans.c */
handler_fn fb__api_post_parties;
handler_fn fb__api_get_party;
handler_fn fb__api_party_facilities;
handler_fn fb__api_party_loans;
handler_fn fb__api_post_facilities;
handler_fn fb__api_get_facility;
handler_fn fb__api_post_loans;
handler_fn fb__api_get_loan;
handler_fn fb__api_loan_schedule;
handler_fn fb__api_loan_repay;
handler_fn fb__api_facility_change;
handler_fn fb__api_loan_write_off;
handler_fn fb__api_loan_recover;
handler_fn fb__api_loan_extend;
handler_fn fb__api_loan_restructure;
handler_fn fb__api_loan_renew;
handler_fn fb__api_loan_classify;
handler_fn fb__api_credit_report;
handler_fn fb__api_loan_classes;
/* POST /v1/eod, in steps (eod.c). */
extern const stepped fb__api_eod_steps;
handler_fn fb__api_eod_status;
/* certificates.c */
handler_fn fb__api_held_by;
handler_fn fb__api_post_certificates;
handler_fn fb__api_list_certificates;
handler_fn fb__api_get_certificate;
handler_fn fb__api_cert_lineage;
handler_fn fb__api_cert_transfer;
handler_fn fb__api_cert_finance;
handler_fn fb__api_cert_transfer_quote;
handler_fn fb__api_cert_finance_quote;
handler_fn fb__api_receivers;
/* cooperation.c */
handler_fn fb__api_post_projects;
handler_fn fb__api_list_projects;
handler_fn fb__api_get_project;
handler_fn fb__api_post_agreement;
handler_fn fb__api_list_agreements;
handler_fn fb__api_get_agreement;
handler_fn fb__api_agreement_progress;
/* guarantees.c */
handler_fn fb__api_post_guarantee;
handler_fn fb__api_get_guarantee;
handler_fn fb__api_list_guarantees;
handler_fn fb__api_guarantee_claim;
handler_fn fb__api_guarantee_pay;
handler_fn fb__api_guarantee_share_back;
handler_fn fb__api_guarantee_fee;
/* subsidies.c */
handler_fn fb__api_post_subsidy;
handler_fn fb__api_get_subsidy;
handler_fn fb__api_subsidy_enrol;
handler_fn fb__api_subsidy_claim;
handler_fn fb__api_subsidy_decide;
handler_fn fb__api_subsidy_pay;
/* scheme_reports.c */
handler_fn fb__api_list_subsidies;
handler_fn fb__api_subsidy_claims;
handler_fn fb__api_subsidy_claim_lines;
handler_fn fb__api_report_guarantees;
/* scheme_own.c */
handler_fn fb__api_get_guarantor;
handler_fn fb__api_party_subsidies;
/* pools.c */
handler_fn fb__api_post_pool;
handler_fn fb__api_list_pools;
handler_fn fb__api_get_pool;
handler_fn fb__api_pool_fund;
handler_fn fb__api_pool_cover;
handler_fn fb__api_pool_claim;
handler_fn fb__api_pool_share_back;
/* demands.c */
handler_fn fb__api_post_demands;
handler_fn fb__api_list_demands;
handler_fn fb__api_get_demand;
handler_fn fb__api_demand_accept;
handler_fn fb__api_demand_contact;
handler_fn fb__api_demand_grant;
handler_fn fb__api_demand_decline;
handler_fn fb__api_demand_withdraw;
handler_fn fb__api_report_demands;
handler_fn fb__api_get_calendar;
handler_fn fb__api_post_calendar;
/* reports.c */
handler_fn fb__api_report_credit;
handler_fn fb__api_report_inclusive;
handler_fn fb__api_report_moves;
handler_fn fb__api_report_provisions;
handler_fn fb__api_report_quality;
handler_fn fb__api_green_catalogue;
handler_fn fb__api_report_exposures;
/* export.c: every /v1/exports/{kind} route */
handler_fn fb__api_export;
/* auth.c */
handler_fn fb__api_login;
handler_fn fb__api_logout;
handler_fn fb__api_me;
/* operations.c */
handler_fn fb__api_healthz;
handler_fn fb__api_metrics;
handler_fn fb__api_openapi;
handler_fn fb__api_schedule;
handler_fn fb__api_meta;

#endif
