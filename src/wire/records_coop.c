/* records_coop.c — the tables of the cooperation (record.h): projects, agreements with their
 * targets, progress, and the reports' rows, with the readers of an agreement's region and
 * targets. */
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *project_status(int i) { return fb_project_status_name((fb_project_status)i); }
static const char *measure(int i) { return fb_measure_name((fb_measure)i); }
static const char *progress_status(int i) {
    static const char *const names[] = {"ahead", "behind", "within", "exceeded", "met", "not_met"};
    return i >= 0 && i < 6 ? names[i] : NULL;
}
static const char *created_result(int i) {
    static const char *const names[] = {"created", "exists", "exists_with_different", "invalid"};
    return i >= 0 && i < 4 ? names[i] : NULL;
}
static const fb_wire_values project_statuses = {project_status, 0}, measures = {measure, 0},
                            progress_statuses = {progress_status, 0};
const fb_wire_values fb__wire_created_results = {created_result, 0};

/* ---- Readers of an agreement ---------------------------------------------------------------- */

/* Six digits, as a party's region: strtol alone takes " 210000", "+210000" and "0210000" for
 * Liaoning. */
static int read_region_code(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strlen(s) != 6 || strspn(s, "0123456789") != 6) {
        return fb_wire_reject(err, f->name, "must be a 6-digit division code");
    }
    ((fb_agreement *)record)->region = (int32_t)strtol(s, NULL, 10);
    return FB_OK;
}

static bool is_rate(fb_measure m) { return fb_measure_unit_of(m) == FB_UNIT_RATE; }

/* A target's amount: fen as money, a count as an integer, a ceiling as a percentage string. */
static int add_target(fb_agreement *a, fb_measure m, const char *dimension, json_t *v,
                      const char *field, fb_json_error *err) {
    if (a->n_targets == FB_TARGETS_MAX) return fb_wire_reject(err, field, "has too many targets");
    fb_target *t = &a->targets[a->n_targets++];
    t->measure = m;
    snprintf(t->dimension, sizeof t->dimension, "%s", dimension);
    const char *why = NULL;
    if (fb_measure_unit_of(m) == FB_UNIT_COUNT) {
        if (!json_is_integer(v)) return fb_wire_reject(err, field, "must be a whole number");
        if (json_integer_value(v) < 0) return fb_wire_reject(err, field, "must not be negative");
        t->amount = json_integer_value(v);
        return FB_OK;
    }
    if (m == FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX) { /* whole working days, kept in halves */
        json_int_t days = json_is_integer(v) ? json_integer_value(v) : -1;
        if (days < 0 || days > FB_DEMAND_LEVEL_DAYS_MAX) {
            return fb_wire_reject(err, field, "must be a whole number of working days, 0 to 250");
        }
        t->amount = 2 * (int64_t)days;
        return FB_OK;
    }
    if (is_rate(m)) {
        if (!json_is_string(v)) {
            return fb_wire_reject(err, field, "must be a percentage such as \"2.5\"");
        }
        if (fb_rate_parse(json_string_value(v), &t->amount, &why)) {
            return fb_wire_reject(err, field, why);
        }
        return FB_OK;
    }
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (s && s[0] == '-') return fb_wire_reject(err, field, "must not be negative");
    if (!s) return fb_wire_reject(err, field, "must be a string of yuan such as \"1234.56\"");
    if (fb_money_parse(s, json_string_length(v), &t->amount, &why)) {
        return fb_wire_reject(err, field, why);
    }
    return FB_OK;
}

/* The targets object: a measure's name to its value, or new_credit_by_line/chain/city to an
 * object of breakdowns. Kept hand-written (the keys are measures); tests/test_wire.c holds it to
 * the AgreementTargets table. */
static int read_targets(const fb_wire_field *f, json_t *targets, void *record, fb_json_error *err) {
    fb_agreement *a = record;
    if (!json_is_object(targets)) return fb_wire_reject(err, f->name, "must be an object");
    static const char *const by[3][2] = {{"new_credit_by_line", "line"},
                                         {"new_credit_by_chain", "chain"},
                                         {"new_credit_by_city", "city"}};
    const char *key;
    json_t *v;
    json_object_foreach(targets, key, v) {
        int rc = FB_OK;
        bool known = false;
        for (int k = 0; k < 3 && !known; k++) {
            if (strcmp(key, by[k][0]) != 0) continue;
            known = true;
            if (!json_is_object(v)) return fb_wire_reject(err, key, "must be an object");
            const char *sub;
            json_t *x;
            json_object_foreach(v, sub, x) {
                char dimension[40];
                snprintf(dimension, sizeof dimension, "%s:%.30s", by[k][1], sub);
                rc = add_target(a, FB_MEASURE_NEW_CREDIT, dimension, x, key, err);
                if (rc) return rc;
            }
        }
        for (int m = 0; m < FB_MEASURE_COUNT_ && !known; m++) {
            if (strcmp(key, fb_measure_name((fb_measure)m)) != 0) continue;
            known = true;
            rc = add_target(a, (fb_measure)m, "", v, key, err);
        }
        if (!known) return fb_wire_reject(err, key, "is not a target");
        if (rc) return rc;
    }
    return FB_OK;
}

/* ---- Projects ------------------------------------------------------------------------------- */

#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define DERIVED FB_WF_OUT
#define AT FB_WIRE_AT

static const fb_wire_field project_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_project, id),
     .doc = "The project's id; facilities name it",
     .example = "\"LN-PRJ-2025-017\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = GIVEN,
     AT(fb_project, name),
     .doc = "Its name",
     .example = "\"沈阳数控机床产业园二期\""},
    {.name = "city",
     .type = FB_WT_INTEGER,
     .in_type = FB_WT_REGION,
     .flags = GIVEN,
     AT(fb_project, city),
     .read = fb__wire_read_region,
     .doc = "One of Liaoning's fourteen cities: a 6-digit code (a string or a number) or the "
            "city's name; written as the code, a number",
     .example = "210100"},
    {.name = "city_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The city's name in Chinese",
     .example = "\"沈阳\""},
    {.name = "industry",
     .type = FB_WT_INTEGER,
     .in_type = FB_WT_CODE,
     .flags = GIVEN,
     AT(fb_project, industry),
     .read = fb__wire_read_industry,
     .doc = "Its GB/T 4754-2017 class: given as a string (\"3421\"), written as a number",
     .example = "3421",
     .in_example = "\"3421\""},
    {.name = "total_investment",
     .type = FB_WT_MONEY,
     .flags = GIVEN,
     AT(fb_project, total_investment_fen),
     .doc = "Its planned total investment",
     .example = "\"3000000000.00\""},
    {.name = "financing_need",
     .type = FB_WT_MONEY,
     .flags = GIVEN,
     AT(fb_project, financing_need_fen),
     .doc = "What it needs financed",
     .example = "\"1200000000.00\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &project_statuses,
     .flags = GIVEN,
     AT(fb_project, status),
     .doc = "planned, under_construction or in_operation",
     .example = "\"under_construction\""},
    {.name = "start_date",
     .type = FB_WT_DATE,
     .flags = GIVEN,
     AT(fb_project, start_date),
     .doc = "When it started or starts",
     .example = "\"2025-03-01\""},
    {.name = "approved",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "The limits of the facilities that name it",
     .example = "\"50000000.00\""},
    {.name = "drawn",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Loans drawn under them",
     .example = "\"30000000.00\""},
    {.name = "outstanding",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Their principal outstanding",
     .example = "\"27000000.00\""},
};

const fb_wire_record fb_wire_project = {
    "Project", "a project",
    "A major project of the province (重大项目), with what the bank has approved, drawn and has "
    "outstanding under it",
    project_fields, sizeof project_fields / sizeof project_fields[0]};

static const fb_wire_field project_result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "index",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The API: the event's position in the body, from 0",
     .example = "0"},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The project's id",
     .example = "\"LN-PRJ-2025-017\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &fb__wire_created_results,
     .flags = FB_WF_OUT,
     .doc = "created, exists, exists_with_different (the id holds another project); invalid: the "
            "line could not be read",
     .example = "\"created\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "An invalid line: the field at fault",
     .example = "\"city\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "An invalid line: why",
     .example = "\"must be one of Liaoning's cities\""},
};

const fb_wire_record fb_wire_project_result = {
    "ProjectResult", "a project's result", "What recording one project did", project_result_fields,
    sizeof project_result_fields / sizeof project_result_fields[0]};

/* ---- Agreements ----------------------------------------------------------------------------- */

#define MONEY_TARGET(name_, doc_, example_)                                                        \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = FB_WF_IN, .doc = (doc_),                    \
        .example = (example_)                                                                      \
    }
#define BY_TARGET(name_, doc_, example_)                                                           \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MAP, .item = FB_WT_MONEY, .flags = FB_WF_IN, .doc = (doc_), \
        .example = (example_)                                                                      \
    }

static const fb_wire_field targets_fields[] = {
    MONEY_TARGET("new_credit", "New credit drawn over the period", "\"50000000.00\""),
    BY_TARGET("new_credit_by_line", "New credit by line of business: a line's name to its amount",
              "{\"technology\": \"30000000.00\"}"),
    BY_TARGET("new_credit_by_chain", "New credit by key chain: a chain's name to its amount",
              "{\"machine_tools\": \"30000000.00\"}"),
    BY_TARGET("new_credit_by_city", "New credit by city: a city's code to its amount",
              "{\"210200\": \"5000000.00\"}"),
    {.name = "inclusive_borrowers",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN,
     .unit = "borrowers",
     .doc = "Borrowers with inclusive loans outstanding",
     .example = "5"},
    MONEY_TARGET("inclusive_balance", "Inclusive loans outstanding", "\"3000000.00\""),
    MONEY_TARGET("green_balance", "Green-line loans outstanding", "\"1000000.00\""),
    MONEY_TARGET("supply_chain_financing", "Certificates financed over the period",
                 "\"2000000.00\""),
    {.name = "inclusive_rate_max",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_IN,
     .doc = "A ceiling: the average rate of new inclusive loans",
     .example = "\"4.5\""},
    {.name = "npl_ratio_max",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_IN,
     .doc = "A ceiling: non-performing principal / principal, as a percent (\"3.0\" is 3%)",
     .example = "\"2.0\""},
    {.name = "demand_match_rate_min",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_IN,
     .doc = "A floor: financing demands received in the period, granted / decided",
     .example = "\"60\""},
    {.name = "demand_days_to_loan_max",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN,
     .unit = "working days",
     .doc = "A ceiling: the median working days from a demand to its first drawdown",
     .example = "10"},
    MONEY_TARGET("wealth_products",
                 "Wealth finance (财富金融): wealth-management products held by the region's "
                 "residents on the day (from the daily feed)",
                 "\"800000000.00\""),
    MONEY_TARGET("wealth_deposits",
                 "Wealth finance: the region's residents' deposits on the day (from the daily "
                 "feed)",
                 "\"1500000000.00\""),
    {.name = "pension_accounts",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN,
     .unit = "accounts",
     .doc =
         "Wealth finance: personal pension accounts (个人养老金) opened over the period (from the "
         "daily feed)",
     .example = "20000"},
    {.name = "pool_leverage_used_min",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_IN,
     .doc = "A floor: the region's risk-compensation pools' covered principal / their capacity "
            "(leverage x balance), at the close of the day (docs/schemes.md)",
     .example = "\"60\""},
    MONEY_TARGET("pool_compensation",
                 "The compensation the region's pools paid the bank over the period (claims, by "
                 "their day)",
                 "\"5000000.00\""),
    MONEY_TARGET("subsidy_paid",
                 "The interest subsidy the region's governments paid over the period (claims "
                 "approved and paid, by the day paid)",
                 "\"2000000.00\""),
    {.name = "guaranteed_share_min",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_IN,
     .doc = "A floor: the part guaranteed by government financing guarantees of the region's "
            "inclusive loans / their balance, at the close of the day",
     .example = "\"10\""},
};

const fb_wire_record fb_wire_targets = {
    "AgreementTargets", "the targets",
    "An agreement's targets as given: a measure's name to its value, any of them", targets_fields,
    sizeof targets_fields / sizeof targets_fields[0]};

static const fb_wire_field target_fields[] = {
    {.name = "measure",
     .type = FB_WT_ENUM,
     .values = &measures,
     .flags = FB_WF_OUT,
     .doc = "What it measures (the _max measures are ceilings)",
     .example = "\"new_credit\""},
    {.name = "breakdown",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "new_credit by a dimension: line:<line>, chain:<chain> or city:<code>",
     .example = "\"line:technology\""},
    {.name = "target",
     .type = FB_WT_MEASURE,
     .flags = FB_WF_OUT,
     .doc = "Its value: yuan for amounts, a count for inclusive_borrowers and pension_accounts, a "
            "percent for the ceilings",
     .example = "\"30000000.00\""},
};

const fb_wire_record fb_wire_target = {"Target", "a target", "One target of an agreement",
                                       target_fields,
                                       sizeof target_fields / sizeof target_fields[0]};

static const fb_wire_field agreement_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_agreement, id),
     .doc = "The agreement's id",
     .example = "\"LN-COOP-2025\""},
    {.name = "bank",
     .type = FB_WT_STRING,
     .flags = GIVEN,
     AT(fb_agreement, bank),
     .doc = "The bank's party to it, by name",
     .example = "\"某国有大型银行辽宁省分行\""},
    {.name = "region",
     .type = FB_WT_INTEGER,
     .in_type = FB_WT_CODE,
     .flags = GIVEN,
     AT(fb_agreement, region),
     .read = read_region_code,
     .doc = "The government's region: 210000 (Liaoning) or one of its cities; given as a string, "
            "written as a number",
     .example = "210000",
     .in_example = "\"210000\""},
    {.name = "start_date",
     .type = FB_WT_DATE,
     .flags = GIVEN,
     AT(fb_agreement, start_date),
     .doc = "The first day of its period",
     .example = "\"2025-01-01\""},
    {.name = "end_date",
     .type = FB_WT_DATE,
     .flags = GIVEN,
     AT(fb_agreement, end_date),
     .doc = "The last day of its period",
     .example = "\"2027-12-31\""},
    {.name = "targets",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_target,
     .in_type = FB_WT_RECORD,
     .in_record = &fb_wire_targets,
     .flags = GIVEN,
     .read = read_targets,
     .doc = "Its targets: given as an object of measures (AgreementTargets), written as a list",
     .example = NULL},
};

const fb_wire_record fb_wire_agreement = {
    "Agreement", "an agreement",
    "A cooperation agreement between the bank and a government, with its targets over a period",
    agreement_fields, sizeof agreement_fields / sizeof agreement_fields[0]};

static const fb_wire_field agreement_result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The agreement's id",
     .example = "\"LN-COOP-2025\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &fb__wire_created_results,
     .flags = FB_WF_OUT,
     .doc = "created, exists, exists_with_different (the API: 409), or invalid (the API: 400)",
     .example = "\"created\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The field at fault",
     .example = "\"targets\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "Why not",
     .example = "\"agreement LN-COOP-2025 exists with other content\""},
};

const fb_wire_record fb_wire_agreement_result = {
    "AgreementResult", "an agreement's result", "What recording one agreement did",
    agreement_result_fields, sizeof agreement_result_fields / sizeof agreement_result_fields[0]};

static const fb_wire_field progress_target_fields[] = {
    {.name = "measure",
     .type = FB_WT_ENUM,
     .values = &measures,
     .flags = FB_WF_OUT,
     .doc = "What it measures",
     .example = "\"new_credit\""},
    {.name = "breakdown",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "new_credit by a dimension: line:<line>, chain:<chain> or city:<code>",
     .example = "\"line:technology\""},
    {.name = "target",
     .type = FB_WT_MEASURE,
     .flags = FB_WF_OUT,
     .doc = "The target (as in Target)",
     .example = "\"30000000.00\""},
    {.name = "achieved",
     .type = FB_WT_MEASURE,
     .flags = FB_WF_OUT,
     .doc = "What the books say on as_of, in the target's unit",
     .example = "\"30000000.00\""},
    {.name = "percent",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_SOMETIMES,
     .doc = "Not for a ceiling: achieved / target",
     .example = "\"100.00\""},
    {.name = "elapsed_percent",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_SOMETIMES,
     .doc = "Not for a ceiling or a floor: how much of the period has elapsed",
     .example = "\"49.91\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &progress_statuses,
     .flags = FB_WF_OUT,
     .doc = "ahead or behind the time elapsed; a ceiling: within or exceeded; a floor: met or "
            "not_met",
     .example = "\"ahead\""},
    {.name = "rank",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "A city's target: the city's rank among the province's cities by new credit "
            "since the agreement's start (1: the most)",
     .example = "2"},
    {.name = "of",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "... among how many cities",
     .example = "14"},
};

const fb_wire_record fb_wire_progress_target = {
    "ProgressTarget", "a target's progress", "Progress on one target", progress_target_fields,
    sizeof progress_target_fields / sizeof progress_target_fields[0]};

static const fb_wire_field progress_fields[] = {
    {.name = "agreement",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The agreement",
     .example = "\"LN-COOP-2025\""},
    {.name = "region",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Its region",
     .example = "210000"},
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The closed day it is told on",
     .example = "\"2026-06-30\""},
    {.name = "targets",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_progress_target,
     .flags = FB_WF_OUT,
     .doc = "Each target's progress",
     .example = NULL},
};

const fb_wire_record fb_wire_progress = {
    "Progress", "an agreement's progress",
    "Progress on every target of an agreement on a closed day, from the books", progress_fields,
    sizeof progress_fields / sizeof progress_fields[0]};

/* ---- Reports -------------------------------------------------------------------------------- */

static const fb_wire_field report_row_fields[] = {
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "By city: the borrowers' city code, 0 outside Liaoning's cities",
     .example = "210100"},
    {.name = "city_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES | FB_WF_NULLABLE,
     .doc = "By city: its name in Chinese, or null",
     .example = "\"沈阳\""},
    {.name = "chain",
     .type = FB_WT_ENUM,
     .values = &fb__wire_key_chains,
     .flags = FB_WF_SOMETIMES | FB_WF_NULLABLE,
     .doc = "By chain: the key chain, or null for borrowers in none",
     .example = "\"aerospace\""},
    {.name = "line",
     .type = FB_WT_ENUM,
     .values = &fb__wire_lines,
     .flags = FB_WF_SOMETIMES,
     .doc = "By line: the line of business",
     .example = "\"inclusive\""},
    {.name = "size",
     .type = FB_WT_ENUM,
     .values = &fb__wire_size_classes,
     .flags = FB_WF_SOMETIMES,
     .doc = "By size: the borrowers' size class",
     .example = "\"small\""},
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = FB_WF_SOMETIMES,
     .doc = "By class: the loans' class (rows of new credit alone have none)",
     .example = "\"normal\""},
    {.name = "balance",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Principal outstanding at the end of as_of",
     .example = "\"1200000.00\""},
    {.name = "loans",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Loans outstanding",
     .example = "4"},
    {.name = "borrowers",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Borrowers, each counted once in each finest cell",
     .example = "3"},
    {.name = "new",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Credit drawn from `from` through as_of (as_of alone without from)",
     .example = "\"300000.00\""},
    {.name = "new_loans",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Loans drawn in that span",
     .example = "1"},
};

const fb_wire_record fb_wire_report_row = {
    "ReportRow", "a report row",
    "A row of the credit report: the dimensions asked for, then the figures", report_row_fields,
    sizeof report_row_fields / sizeof report_row_fields[0]};

static const fb_wire_field two_increases_fields[] = {
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The closed day",
     .example = "\"2026-06-30\""},
    {.name = "base_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The base: the last day of the year before",
     .example = "\"2025-12-31\""},
    {.name = "inclusive_balance",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Inclusive loans outstanding (regulator's scope) on as_of",
     .example = "\"5000000.00\""},
    {.name = "inclusive_balance_base",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "... at the base",
     .example = "\"4000000.00\""},
    {.name = "all_balance",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Every loan outstanding on as_of",
     .example = "\"50000000.00\""},
    {.name = "all_balance_base",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "... at the base",
     .example = "\"45000000.00\""},
    {.name = "inclusive_borrowers",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Inclusive borrowers on as_of",
     .example = "12"},
    {.name = "inclusive_borrowers_base",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "... at the base",
     .example = "10"},
    {.name = "balance_grows_no_slower",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "Inclusive loans grew no slower than all loans; null: no base to compare with",
     .example = "true"},
    {.name = "borrowers_not_fewer",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "Inclusive borrowers are not fewer than at the base; null: no base",
     .example = "true"},
};

const fb_wire_record fb_wire_two_increases = {
    "TwoIncreases", "the two increases",
    "The regulators' two increases (两增) of inclusive loans since the end of the year before",
    two_increases_fields, sizeof two_increases_fields / sizeof two_increases_fields[0]};

static const fb_wire_field move_fields[] = {
    {.name = "from",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = FB_WF_OUT,
     .doc = "The class at the close of the period's first day",
     .example = "\"normal\""},
    {.name = "to",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = FB_WF_OUT,
     .doc = "The class at the close of its last day",
     .example = "\"special_mention\""},
    {.name = "loans",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Loans of the first class then in the second",
     .example = "2"},
    {.name = "balance",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Their principal outstanding on the last day",
     .example = "\"800000.00\""},
};

const fb_wire_record fb_wire_class_move = {
    "ClassMove", "a class move",
    "A cell of the migration matrix: loans of one class at the start of a period in another (or "
    "the same) at its end",
    move_fields, sizeof move_fields / sizeof move_fields[0]};

static const fb_wire_field exposure_fields[] = {
    {.name = "party",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The borrower",
     .example = "\"sy-machine-tools\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "Its name",
     .example = "\"沈阳精密机床股份有限公司\""},
    {.name = "principal",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "Its principal outstanding now, every loan",
     .example = "\"30000000.00\""},
    {.name = "limit",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Its facilities' limits, all of them",
     .example = "\"50000000.00\""},
    {.name = "drawn",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "What is drawn of them and not repaid",
     .example = "\"30000000.00\""},
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = FB_WF_SOMETIMES,
     .doc = "The worst class of its loans held",
     .example = "\"normal\""},
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The borrower's city",
     .example = "210100"},
    {.name = "industry",
     .type = FB_WT_CODE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Its industry class (GB/T 4754-2017)",
     .example = "\"3421\""},
    {.name = "chain",
     .type = FB_WT_ENUM,
     .values = &fb__wire_key_chains,
     .flags = FB_WF_SOMETIMES,
     .doc = "Its key-industry chain, when it is in one",
     .example = "\"machine_tools\""},
};

const fb_wire_record fb_wire_exposure = {
    "Exposure", "an exposure", "A borrower among the largest by principal outstanding",
    exposure_fields, sizeof exposure_fields / sizeof exposure_fields[0]};
