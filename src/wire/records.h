/* records.h — the records of both doors, each one table (record.h), by the file that holds it.
 * docs/records.md lists them in the order of fb_wire_records. */
#ifndef FB_WIRE_RECORDS_H
#define FB_WIRE_RECORDS_H

#include "wire/record.h"

/* records_ledger.c */
extern const fb_wire_record fb_wire_account, fb_wire_transfer, fb_wire_balance,
    fb_wire_event_result, fb_wire_transfer_page;
/* records_book.c */
extern const fb_wire_record fb_wire_party, fb_wire_party_result, fb_wire_facility,
    fb_wire_facility_result;
/* records_life.c */
extern const fb_wire_record fb_wire_facility_change, fb_wire_facility_change_result;
/* records_loan.c */
extern const fb_wire_record fb_wire_loan, fb_wire_loan_result;
/* records_servicing.c */
extern const fb_wire_record fb_wire_installment, fb_wire_schedule, fb_wire_repayment,
    fb_wire_write_off, fb_wire_recovery, fb_wire_servicing, fb_wire_eod_input, fb_wire_eod_day,
    fb_wire_eod_run, fb_wire_eod_status;
/* records_cert.c */
extern const fb_wire_record fb_wire_cert_issue, fb_wire_cert_transfer, fb_wire_cert_finance,
    fb_wire_cert_result, fb_wire_cert_financed, fb_wire_certificate, fb_wire_lineage,
    fb_wire_party_name, fb_wire_cert_quote;
/* records_coop.c */
extern const fb_wire_record fb_wire_project, fb_wire_project_result, fb_wire_targets,
    fb_wire_target, fb_wire_agreement, fb_wire_agreement_result, fb_wire_progress_target,
    fb_wire_progress, fb_wire_report_row, fb_wire_two_increases, fb_wire_class_move,
    fb_wire_exposure;
/* records_pool.c */
extern const fb_wire_record fb_wire_pool, fb_wire_pool_result, fb_wire_pool_fund, fb_wire_pool_loan,
    fb_wire_pool_act_result;
/* records_subsidy.c */
extern const fb_wire_record fb_wire_subsidy, fb_wire_subsidy_result, fb_wire_subsidy_enrol,
    fb_wire_subsidy_claim, fb_wire_subsidy_decide, fb_wire_subsidy_line, fb_wire_subsidy_act_result;
/* records_guarantee.c */
extern const fb_wire_record fb_wire_guarantee, fb_wire_guarantee_result, fb_wire_guarantee_claim,
    fb_wire_guarantee_pay, fb_wire_guarantee_act_result;
/* records_scheme_report.c */
extern const fb_wire_record fb_wire_subsidy_claim_row, fb_wire_guarantee_row,
    fb_wire_subsidy_lines_query;
/* records_subsidy_lines.c */
extern const fb_wire_record fb_wire_subsidy_line_view;
/* records_scheme_own.c */
extern const fb_wire_record fb_wire_guarantor_summary, fb_wire_party_subsidy;
/* records_demand.c, records_demand_report.c */
extern const fb_wire_record fb_wire_demand, fb_wire_demand_result, fb_wire_demand_accept,
    fb_wire_demand_contact, fb_wire_demand_grant, fb_wire_demand_decline, fb_wire_demand_withdraw,
    fb_wire_demand_step_result, fb_wire_demand_row, fb_wire_calendar_year, fb_wire_calendar_result,
    fb_wire_demands_query, fb_wire_demands_report_query;
/* records_quality.c */
extern const fb_wire_record fb_wire_extension, fb_wire_restructuring, fb_wire_renewal,
    fb_wire_change_result, fb_wire_change_entry, fb_wire_classification,
    fb_wire_classification_result, fb_wire_class_entry, fb_wire_loan_history, fb_wire_provision_row,
    fb_wire_provision_report, fb_wire_quality_figures, fb_wire_quality_report,
    fb_wire_migration_class, fb_wire_migration, fb_wire_green_item, fb_wire_green_catalogue,
    fb_wire_provisions_query, fb_wire_quality_query;
/* records_credit.c */
extern const fb_wire_record fb_wire_credit_report, fb_wire_credit_result;
/* records_api.c */
extern const fb_wire_record fb_wire_problem, fb_wire_me, fb_wire_login, fb_wire_logout,
    fb_wire_health;
/* The queries' arguments (records of input fields only, read from the query string). */
extern const fb_wire_record fb_wire_scheme_list_query, fb_wire_scheme_day_query;
extern const fb_wire_record fb_wire_list_query, fb_wire_transfers_query, fb_wire_balances_query,
    fb_wire_as_of_query, fb_wire_credit_query, fb_wire_inclusive_query, fb_wire_moves_query,
    fb_wire_exposures_query, fb_wire_schedule_query, fb_wire_export_query, fb_wire_receivers_query;
extern const fb_wire_record *const fb_wire_queries[]; /* NULL-terminated */

/* The position fields of every result line: the command line numbers lines, the API events. */
#define FB__WIRE_POSITION_FIELDS                                                                   \
    {.name = "line",                                                                               \
     .type = FB_WT_INTEGER,                                                                        \
     .flags = FB_WF_SOMETIMES,                                                                     \
     .doc = "The command line: the input line's number, from 1",                                   \
     .example = "1"},                                                                              \
        {.name = "index",                                                                          \
         .type = FB_WT_INTEGER,                                                                    \
         .flags = FB_WF_SOMETIMES,                                                                 \
         .doc = "The API: the event's position in the body's array, from 0",                       \
         .example = "0"},                                                                          \
    {                                                                                              \
        .name = "id", .type = FB_WT_ID, .flags = FB_WF_SOMETIMES,                                  \
        .doc = "The record's id (absent when a line could not be read that far)",                  \
        .example = "\"x-1\""                                                                       \
    }
#define FB__WIRE_REFUSAL_FIELDS                                                                    \
    {.name = "field",                                                                              \
     .type = FB_WT_STRING,                                                                         \
     .flags = FB_WF_SOMETIMES,                                                                     \
     .doc = "The field at fault: of an invalid line, or the one an exists_with_different differs " \
            "in",                                                                                  \
     .example = "\"amount\""},                                                                     \
    {                                                                                              \
        .name = "reason", .type = FB_WT_STRING, .flags = FB_WF_SOMETIMES,                          \
        .doc = "Why it was refused, in words", .example = "\"is missing\""                         \
    }

/* What a refusal was measured against (fb_json_measured): each result record lists the ones
 * its refusals can give. */
#define FB__WIRE_MEASURED_DATE                                                                     \
    {                                                                                              \
        .name = "business_date", .type = FB_WT_DATE, .flags = FB_WF_SOMETIMES,                     \
        .doc = "before_ or after_business_date: the business date (the day now open) it was "      \
               "measured "                                                                         \
               "against",                                                                          \
        .example = "\"2025-08-01\""                                                                \
    }
#define FB__WIRE_MEASURED_CEILING                                                                  \
    {                                                                                              \
        .name = "ceiling", .type = FB_WT_PERCENT, .flags = FB_WF_SOMETIMES,                        \
        .doc = "rate_out_of_range: the book's rate ceiling (setting rate_ceiling)",                \
        .example = "\"24.0000\""                                                                   \
    }
#define FB__WIRE_MEASURED_AVAILABLE                                                                \
    {                                                                                              \
        .name = "available", .type = FB_WT_MONEY, .flags = FB_WF_SOMETIMES,                        \
        .doc = "insufficient_funds: what the deposit account has available", .example = "\"0.00\"" \
    }

#define FB__WIRE_MEASURED_DRAWN                                                                    \
    {                                                                                              \
        .name = "drawn", .type = FB_WT_MONEY, .flags = FB_WF_SOMETIMES,                            \
        .doc = "below_drawn: what is drawn and reserved on the facility, the lowest limit it may " \
               "have",                                                                             \
        .example = "\"4000000.00\""                                                                \
    }
#define FB__WIRE_MEASURED_LAST_STEP                                                                \
    {                                                                                              \
        .name = "last_step_date", .type = FB_WT_DATE, .flags = FB_WF_SOMETIMES,                    \
        .doc = "before_last_step: the date of the step it follows", .example = "\"2026-03-02\""    \
    }
#define FB__WIRE_MEASURED_FACILITY_LIMIT                                                           \
    {                                                                                              \
        .name = "facility_limit", .type = FB_WT_MONEY, .flags = FB_WF_SOMETIMES,                   \
        .doc = "exceeds_facility: the facility's limit", .example = "\"6000000.00\""               \
    }
/* The reason in words of a refusal measured against a figure (a record without its own). */
#define FB__WIRE_MEASURED_REASON                                                                   \
    {                                                                                              \
        .name = "reason", .type = FB_WT_STRING, .flags = FB_WF_SOMETIMES,                          \
        .doc = "A refusal measured against a figure: what it was measured against, in words",      \
        .example = "\"the date is before the business date 2026-03-02 (a closed day)\""            \
    }

/* A result's names, and "invalid" after them: the command line's line that could not be read. */
const char *fb__wire_with_invalid(const char *(*name)(int), int i);

/* What a guarantee's claim's body decodes to. */
typedef struct fb_json_guarantee_claim {
    int32_t date;
} fb_json_guarantee_claim;
/* What a guarantor's payment's body decodes to. */
typedef struct fb_json_guarantee_pay {
    fb_guarantor who;
} fb_json_guarantee_pay;

/* What an end of day's body decodes to. */
typedef struct fb_json_eod {
    int32_t through; /* the last day to close */
} fb_json_eod;

/* Shared between the tables. */
extern const fb_wire_values fb__wire_lines, fb__wire_size_classes, fb__wire_key_chains,
    fb__wire_loan_classes, fb__wire_created_results;
fb_wire_read_fn fb__wire_read_region;
fb_wire_read_fn fb__wire_read_industry;

/* A government scheme's eligible loans (pools, subsidies: records_pool.c): an array of names
 * read into a bit set (bit 1 << value of each), and the two fields of a record of type type_
 * (its uint32_t lines and sizes) that give them. */
fb_wire_read_fn fb__wire_read_bits;
#define FB__WIRE_ELIGIBILITY_FIELDS(type_)                                                         \
    {.name = "lines",                                                                              \
     .type = FB_WT_ARRAY,                                                                          \
     .item = FB_WT_ENUM,                                                                           \
     .values = &fb__wire_lines,                                                                    \
     .flags = FB_WF_IN | FB_WF_OUT,                                                                \
     FB_WIRE_AT(type_, lines),                                                                     \
     .read = fb__wire_read_bits,                                                                   \
     .doc = "The eligible lines of business (empty: every line)",                                  \
     .example = "[\"technology\"]"},                                                               \
    {                                                                                              \
        .name = "sizes", .type = FB_WT_ARRAY, .item = FB_WT_ENUM,                                  \
        .values = &fb__wire_size_classes, .flags = FB_WF_IN | FB_WF_OUT, FB_WIRE_AT(type_, sizes), \
        .read = fb__wire_read_bits,                                                                \
        .doc = "The eligible size classes of the borrower (empty: every size)",                    \
        .example = "[\"small\",\"micro\"]"                                                         \
    }

#endif
