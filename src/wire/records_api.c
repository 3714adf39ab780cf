/* records_api.c — the tables of what only the API says (record.h): a problem, the caller, a
 * login, the queries' arguments; and the list of every record. */
#include "wire/record.h"
#include "wire/records.h"

static const char *role(int i) { return fb_role_name((fb_role)i); }
static const fb_wire_values roles = {role, 0};

static const fb_wire_field problem_fields[] = {
    {.name = "type",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "A URI naming the kind of problem: https://finbridge.invalid/problems/<status>",
     .example = "\"https://finbridge.invalid/problems/400\""},
    {.name = "title",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "A short title: \"invalid field\", \"not found\", or a business refusal's result "
            "name (insufficient_funds, exceeds_held, ...)",
     .example = "\"invalid field\""},
    {.name = "status",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "The HTTP status",
     .example = "400"},
    {.name = "detail",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "What is wrong, in words",
     .example = "\"[0].amount has more than two decimals\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The field at fault, when one is: [i].name for the i-th event of an array body",
     .example = "\"[0].amount\""},
};

const fb_wire_record fb_wire_problem = {
    "Problem", "a problem",
    "An error of the API (RFC 9457, application/problem+json): nothing of the request was "
    "written",
    problem_fields, sizeof problem_fields / sizeof problem_fields[0]};

static const fb_wire_field me_fields[] = {
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "The user's name",
     .example = "\"bank\""},
    {.name = "role",
     .type = FB_WT_ENUM,
     .values = &roles,
     .flags = FB_WF_OUT,
     .doc = "What it may do (docs/api.md)",
     .example = "\"bank_officer\""},
    {.name = "party",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "An enterprise user: its party",
     .example = "\"dl-bearings\""},
    {.name = "region",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "A government user: its region (210000 or a city)",
     .example = "210200"},
};

const fb_wire_record fb_wire_me = {"Me", "the caller", "The user the request is made as", me_fields,
                                   sizeof me_fields / sizeof me_fields[0]};

static const fb_wire_field login_fields[] = {
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     .doc = "The user's name",
     .example = "\"bank\""},
    {.name = "password",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     .doc = "Its password (checked against its Argon2id hash)",
     .example = "\"bank-2025\""},
};

const fb_wire_record fb_wire_login = {
    "Login", "a login", "The dashboard's login: a session cookie for a name and password",
    login_fields, sizeof login_fields / sizeof login_fields[0]};

static const fb_wire_field logout_fields[] = {
    {.name = "logged_out",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT,
     .doc = "The session ended (always true)",
     .example = "true"},
};

const fb_wire_record fb_wire_logout = {"Logout", "a logout", "The session ended", logout_fields,
                                       sizeof logout_fields / sizeof logout_fields[0]};

static const fb_wire_field health_fields[] = {
    {.name = "status", .type = FB_WT_STRING, .flags = FB_WF_OUT, .doc = "ok", .example = "\"ok\""},
};

const fb_wire_record fb_wire_health = {"Health", "the health", "The server answers", health_fields,
                                       sizeof health_fields / sizeof health_fields[0]};

/* ---- The queries' arguments ---------------------------------------------------------------- */

#define ARG(name_, type_, flags_, doc_, example_)                                                  \
    {                                                                                              \
        .name = (name_), .type = (type_), .flags = FB_WF_IN | (flags_), .doc = (doc_),             \
        .example = (example_)                                                                      \
    }
#define LIMIT(max_, doc_)                                                                          \
    {                                                                                              \
        .name = "limit", .type = FB_WT_INTEGER, .flags = FB_WF_IN, .min = 1, .max = (max_),        \
        .doc = (doc_), .example = "10"                                                             \
    }

static const fb_wire_field list_query_fields[] = {
    LIMIT(1000, "How many at most (default 1,000)"),
};
const fb_wire_record fb_wire_list_query = {"ListQuery", "a list's query", "A list's arguments",
                                           list_query_fields, 1};

static const fb_wire_field transfers_query_fields[] = {
    ARG("from", FB_WT_TIMESTAMP, 0,
        "From this timestamp (inclusive); a date YYYY-MM-DD instead: from this value date",
        "\"0\""),
    ARG("to", FB_WT_TIMESTAMP, 0,
        "To this timestamp (inclusive); a date YYYY-MM-DD instead: through this value date",
        "\"1767225600000000002\""),
    LIMIT(FB_QUERY_LIMIT_MAX, "Transfers on a page at most (default 100)"),
    ARG("cursor", FB_WT_TIMESTAMP, 0, "The previous page's next_cursor", "\"1767225600000000002\""),
    ARG("reverse", FB_WT_BOOLEAN, 0, "Newest first when true", "true"),
};
const fb_wire_record fb_wire_transfers_query = {
    "TransfersQuery", "a transfers query", "A page of an account's transfers",
    transfers_query_fields, sizeof transfers_query_fields / sizeof transfers_query_fields[0]};

static const fb_wire_field balances_query_fields[] = {
    ARG("as_of", FB_WT_TIMESTAMP, 0,
        "The balances as of this timestamp (default: now); a date YYYY-MM-DD instead: as of the "
        "end of this value date, every event of it and before counted",
        "\"1767225600000000002\""),
};
const fb_wire_record fb_wire_balances_query = {"BalancesQuery", "a balances query",
                                               "An account's balances at a time",
                                               balances_query_fields, 1};

static const fb_wire_field as_of_query_fields[] = {
    ARG("as_of", FB_WT_DATE, FB_WF_REQUIRED, "A closed day", "\"2026-06-30\""),
};
const fb_wire_record fb_wire_as_of_query = {"AsOfQuery", "a day's query",
                                            "Progress on a closed day", as_of_query_fields, 1};

/* The schemes' pages as of a day (docs/schemes.md "As of a day"). */
static const fb_wire_field scheme_list_query_fields[] = {
    LIMIT(1000, "How many at most (default 1,000)"),
    ARG("as_of", FB_WT_DATE, 0,
        "The figures at the close of this day (absent: as the book stands): a closed day, not "
        "before the first close that kept them",
        "\"2026-06-30\""),
};
const fb_wire_record fb_wire_scheme_list_query = {"SchemeListQuery", "a schemes list's query",
                                                  "A list of schemes, as of a closed day",
                                                  scheme_list_query_fields, 2};
const fb_wire_record fb_wire_scheme_day_query = {"SchemeDayQuery", "a scheme's day",
                                                 "A scheme's figures as of a closed day",
                                                 scheme_list_query_fields + 1, 1};

#define REGION_ARG                                                                                 \
    ARG("region", FB_WT_CODE, 0,                                                                   \
        "210000 (Liaoning) or one of its cities' codes; a government user: its own region "        \
        "(the province's user may ask one of its cities)",                                         \
        "\"210200\"")

static const fb_wire_field credit_query_fields[] = {
    ARG("as_of", FB_WT_DATE, FB_WF_REQUIRED, "A closed day", "\"2026-06-30\""),
    ARG("from", FB_WT_DATE, 0, "New credit from this day (default: as_of alone)", "\"2025-01-01\""),
    ARG("by", FB_WT_STRING, 0, "city, chain, line, size and class, comma-separated", "\"city\""),
    REGION_ARG,
};
const fb_wire_record fb_wire_credit_query = {
    "CreditQuery", "a credit report's query", "The credit report's arguments", credit_query_fields,
    sizeof credit_query_fields / sizeof credit_query_fields[0]};

static const fb_wire_field inclusive_query_fields[] = {
    ARG("as_of", FB_WT_DATE, FB_WF_REQUIRED, "A closed day", "\"2026-06-30\""),
    REGION_ARG,
};
const fb_wire_record fb_wire_inclusive_query = {
    "InclusiveQuery", "a two increases query", "The two increases' arguments",
    inclusive_query_fields, sizeof inclusive_query_fields / sizeof inclusive_query_fields[0]};

static const fb_wire_field moves_query_fields[] = {
    ARG("from", FB_WT_DATE, FB_WF_REQUIRED, "The first day", "\"2027-01-01\""),
    ARG("as_of", FB_WT_DATE, FB_WF_REQUIRED, "The last day", "\"2027-12-31\""),
};
const fb_wire_record fb_wire_moves_query = {
    "MovesQuery", "a moves query", "The class moves' arguments", moves_query_fields,
    sizeof moves_query_fields / sizeof moves_query_fields[0]};

static const fb_wire_field exposures_query_fields[] = {
    LIMIT(1000, "How many borrowers (default 10)"),
    REGION_ARG,
};
const fb_wire_record fb_wire_exposures_query = {"ExposuresQuery", "an exposures query",
                                                "The largest borrowers' arguments",
                                                exposures_query_fields, 2};

static const fb_wire_field export_query_fields[] = {
    ARG("as_of", FB_WT_DATE, FB_WF_REQUIRED,
        "The day: a closed day for a report; the last day closed or the day open for records",
        "\"2026-06-30\""),
    ARG("format", FB_WT_STRING, 0, "csv or xlsx (default: the Accept header's, else csv)",
        "\"xlsx\""),
    ARG("from", FB_WT_DATE, 0, "credit: new credit from this day; moves: the first day",
        "\"2025-01-01\""),
    ARG("by", FB_WT_STRING, 0, "credit: city, chain, line, size and class, comma-separated",
        "\"city,line\""),
    REGION_ARG,
    ARG("agreement", FB_WT_STRING, 0, "progress: the agreement", "\"LN-COOP-2025\""),
    LIMIT(1000, "exposures: how many borrowers (default 100)"),
};
const fb_wire_record fb_wire_export_query = {
    "ExportQuery", "an export's query", "An export's arguments (docs/export.md)",
    export_query_fields, sizeof export_query_fields / sizeof export_query_fields[0]};

static const fb_wire_field receivers_query_fields[] = {
    ARG("q", FB_WT_STRING, FB_WF_REQUIRED,
        "Two characters or more of a name, or a whole id or USCC (those first)", "\"五金\""),
    ARG("part", FB_WT_ID, 0,
        "The part to pass on: its core enterprise and its holder are left out (the book refuses "
        "both)",
        "\"YX-SY-0001\""),
    LIMIT(FB_RECEIVERS_MAX, "How many at most (default and most 20)"),
};
const fb_wire_record fb_wire_receivers_query = {
    "ReceiversQuery", "a receivers query", "The receivers' search", receivers_query_fields,
    sizeof receivers_query_fields / sizeof receivers_query_fields[0]};

static const char *method(int i) { return fb_method_name((fb_method)i); }
static const char *day_count(int i) { return fb_day_count_name((fb_day_count)i); }
static const fb_wire_values methods = {method, 0}, day_counts = {day_count, 0};

static const fb_wire_field schedule_query_fields[] = {
    ARG("principal", FB_WT_MONEY, FB_WF_REQUIRED, "The principal", "\"1000000.00\""),
    ARG("rate", FB_WT_PERCENT, FB_WF_REQUIRED, "The rate per annum", "\"4.9\""),
    {.name = "months",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     .min = 1,
     .max = FB_LOAN_MONTHS_MAX,
     .unit = "months",
     .doc = "The term",
     .example = "360"},
    {.name = "method",
     .type = FB_WT_ENUM,
     .values = &methods,
     .flags = FB_WF_IN,
     .doc = "How it is repaid (default equal_installment)",
     .example = "\"equal_principal\""},
    ARG("start", FB_WT_DATE, FB_WF_REQUIRED, "The value date", "\"2025-01-01\""),
    {.name = "day_count",
     .type = FB_WT_ENUM,
     .values = &day_counts,
     .flags = FB_WF_IN,
     .doc = "How days are counted (default act360)",
     .example = "\"act360\""},
};
const fb_wire_record fb_wire_schedule_query = {
    "ScheduleQuery", "a schedule's query", "The repayment calculator's arguments",
    schedule_query_fields, sizeof schedule_query_fields / sizeof schedule_query_fields[0]};

/* ---- Every record ---------------------------------------------------------------------------- */

const fb_wire_record *const fb_wire_records[] = {
    /* The ledger. */
    &fb_wire_account, &fb_wire_transfer, &fb_wire_balance, &fb_wire_event_result,
    &fb_wire_transfer_page,
    /* The loan book. */
    &fb_wire_party, &fb_wire_party_result, &fb_wire_facility, &fb_wire_facility_result,
    &fb_wire_facility_change, &fb_wire_facility_change_result, &fb_wire_loan, &fb_wire_loan_result,
    &fb_wire_schedule, &fb_wire_installment, &fb_wire_repayment, &fb_wire_write_off,
    &fb_wire_recovery, &fb_wire_servicing, &fb_wire_eod_input, &fb_wire_eod_run, &fb_wire_eod_day,
    &fb_wire_eod_status,
    /* Certificates. */
    &fb_wire_cert_issue, &fb_wire_cert_transfer, &fb_wire_cert_finance, &fb_wire_cert_result,
    &fb_wire_certificate, &fb_wire_cert_financed, &fb_wire_lineage, &fb_wire_party_name,
    &fb_wire_cert_quote,
    /* The cooperation. */
    &fb_wire_project, &fb_wire_project_result, &fb_wire_agreement, &fb_wire_targets,
    &fb_wire_target, &fb_wire_agreement_result, &fb_wire_progress, &fb_wire_progress_target,
    &fb_wire_report_row, &fb_wire_two_increases, &fb_wire_class_move, &fb_wire_exposure,
    /* Financing demands and working days. */
    &fb_wire_demand, &fb_wire_demand_result, &fb_wire_demand_accept, &fb_wire_demand_contact,
    &fb_wire_demand_grant, &fb_wire_demand_decline, &fb_wire_demand_withdraw,
    &fb_wire_demand_step_result, &fb_wire_demand_row, &fb_wire_calendar_year,
    &fb_wire_calendar_result,
    /* Risk-compensation pools. */
    &fb_wire_pool, &fb_wire_pool_result, &fb_wire_pool_fund, &fb_wire_pool_loan,
    &fb_wire_pool_act_result,
    /* Interest subsidies. */
    &fb_wire_subsidy, &fb_wire_subsidy_result, &fb_wire_subsidy_enrol, &fb_wire_subsidy_claim,
    &fb_wire_subsidy_decide, &fb_wire_subsidy_line, &fb_wire_subsidy_act_result,
    /* Government financing guarantees. */
    &fb_wire_guarantee, &fb_wire_guarantee_result, &fb_wire_guarantee_claim, &fb_wire_guarantee_pay,
    &fb_wire_guarantee_act_result,
    /* What the dashboard reads of the schemes. */
    &fb_wire_subsidy_claim_row, &fb_wire_guarantee_row, &fb_wire_subsidy_line_view,
    /* What a guarantee company and an enterprise read of their own. */
    &fb_wire_guarantor_summary, &fb_wire_party_subsidy,
    /* What a regulator asks of the book. */
    &fb_wire_extension, &fb_wire_restructuring, &fb_wire_renewal, &fb_wire_change_result,
    &fb_wire_change_entry, &fb_wire_classification, &fb_wire_classification_result,
    &fb_wire_class_entry, &fb_wire_loan_history, &fb_wire_provision_report, &fb_wire_provision_row,
    &fb_wire_quality_report, &fb_wire_quality_figures, &fb_wire_migration, &fb_wire_migration_class,
    &fb_wire_green_catalogue, &fb_wire_green_item, &fb_wire_credit_report, &fb_wire_credit_result,
    /* The API's own. */
    &fb_wire_problem, &fb_wire_me, &fb_wire_login, &fb_wire_logout, &fb_wire_health, NULL};

const fb_wire_record *const fb_wire_queries[] = {&fb_wire_list_query,
                                                 &fb_wire_transfers_query,
                                                 &fb_wire_balances_query,
                                                 &fb_wire_as_of_query,
                                                 &fb_wire_credit_query,
                                                 &fb_wire_inclusive_query,
                                                 &fb_wire_moves_query,
                                                 &fb_wire_exposures_query,
                                                 &fb_wire_schedule_query,
                                                 &fb_wire_export_query,
                                                 &fb_wire_demands_query,
                                                 &fb_wire_demands_report_query,
                                                 &fb_wire_receivers_query,
                                                 &fb_wire_provisions_query,
                                                 &fb_wire_quality_query,
                                                 &fb_wire_subsidy_lines_query,
                                                 &fb_wire_scheme_list_query,
                                                 &fb_wire_scheme_day_query,
                                                 NULL};
