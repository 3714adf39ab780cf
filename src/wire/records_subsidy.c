/* records_subsidy.c — the tables (record.h) of interest subsidies: a scheme as created and as
 * read with its figures, the result of creating one, the bodies of its acts, their result and a
 * claim's line. */
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *result(int i) {
    const char *s = fb_subsidy_result_name((fb_subsidy_result)i);
    if (strcmp(s, "unknown") != 0) return s;
    return i == FB_SUBSIDY_NOT_LISTED + 1 ? "invalid" : NULL;
}
static const char *act(int i) { return fb_subsidy_act_name((fb_subsidy_act_kind)i); }
static const char *mode(int i) { return fb_subsidy_mode_name((fb_subsidy_mode)i); }
static const char *decision(int i) {
    static const char *const names[] = {"undecided", "approved", "rejected"};
    return i >= 0 && i < 3 ? names[i] : NULL;
}
/* The government lists a scheme may name: the demands' sources 2 and 3 (as a pool's). */
static const char *list(int i) {
    return i == 0   ? fb_demand_source_name(FB_SOURCE_KEY_ENTERPRISES)
           : i == 1 ? fb_demand_source_name(FB_SOURCE_MAJOR_PROJECTS)
                    : NULL;
}
static const fb_wire_values results = {result, 0}, acts = {act, 0}, modes = {mode, 0},
                            decisions = {decision, 0}, lists = {list, 0};

static int read_list(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    fb_demand_source src = FB_SOURCE_ENTERPRISE;
    if (fb_demand_source_parse(s, &src) != FB_OK ||
        (src != FB_SOURCE_KEY_ENTERPRISES && src != FB_SOURCE_MAJOR_PROJECTS)) {
        return fb_wire_reject(err, f->name, "must be key_enterprises or major_projects");
    }
    ((fb_subsidy *)record)->listed = src;
    return FB_OK;
}

#define AT FB_WIRE_AT
#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define OPTIONAL (FB_WF_IN | FB_WF_OUT)
#define SOMETIMES FB_WF_SOMETIMES
#define MONEY_OUT(name_, doc_)                                                                     \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = SOMETIMES, .doc = (doc_),                   \
        .example = "\"24722.00\""                                                                  \
    }

/* A figure a government may find null (the small-cell rule). */
#define MONEY_NULL(name_, doc_)                                                                    \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = SOMETIMES | FB_WF_NULLABLE, .doc = (doc_),  \
        .example = "\"24722.00\""                                                                  \
    }

static int read_region(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strlen(s) != 6 || strspn(s, "0123456789") != 6) {
        return fb_wire_reject(err, f->name, "must be a 6-digit division code");
    }
    ((fb_subsidy *)record)->region = (int32_t)strtol(s, NULL, 10);
    return FB_OK;
}

static const fb_wire_field subsidy_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_subsidy, id),
     .doc = "The scheme's id (at most 48 characters); its accounts are sub:<id>:receivable, "
            ":income and :payable",
     .example = "\"LN-EQUIP-2026\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = GIVEN,
     AT(fb_subsidy, name),
     .doc = "The scheme's name",
     .example = "\"设备更新贷款财政贴息\""},
    {.name = "region",
     .type = FB_WT_INTEGER,
     .in_type = FB_WT_CODE,
     .flags = GIVEN,
     AT(fb_subsidy, region),
     .read = read_region,
     .doc = "The government that pays it: 210000 (Liaoning) or one of its cities",
     .example = "210000",
     .in_example = "\"210000\""},
    FB__WIRE_ELIGIBILITY_FIELDS(fb_subsidy),
    {.name = "listed",
     .type = FB_WT_ENUM,
     .values = &lists,
     .flags = FB_WF_SOMETIMES | FB_WF_IN,
     AT(fb_subsidy, listed),
     .read = read_list,
     .doc = "Only the enterprises on this government list (a technology-SME or an "
            "equipment-renewal list kept as the province's or the scheme's city's key_enterprises "
            "or major_projects: a demand posted from it for the borrower); absent: any enterprise",
     .example = "\"key_enterprises\""},
    {.name = "mode",
     .type = FB_WT_ENUM,
     .values = &modes,
     .flags = GIVEN,
     AT(fb_subsidy, mode),
     .doc = "net: the bank charges the net rate and claims the subsidy; deposit: the borrower "
            "pays in full and the subsidy goes to its deposit account",
     .example = "\"net\""},
    {.name = "points",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_subsidy, points_e6),
     .doc = "Percentage points a year on the principal (财金〔2024〕54号: 1.0000; 〔2026〕2号: "
            "1.5000); or share",
     .example = "\"1.0000\""},
    {.name = "share",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_subsidy, share_e6),
     .doc = "A share of the contract interest; or points (exactly one of the two)",
     .example = "\"0.0000\""},
    {.name = "months",
     .type = FB_WT_INTEGER,
     .flags = GIVEN,
     AT(fb_subsidy, months),
     .min = 1,
     .max = FB_LOAN_MONTHS_MAX,
     .unit = "months",
     .doc = "The term of the subsidy from a loan's enrolment",
     .example = "24"},
    {.name = "borrower_cap",
     .type = FB_WT_MONEY,
     .flags = OPTIONAL,
     AT(fb_subsidy, borrower_cap_fen),
     .doc = "The most subsidy per borrower (0.00: none)",
     .example = "\"0.00\""},
    {.name = "budget",
     .type = FB_WT_MONEY,
     .flags = GIVEN,
     AT(fb_subsidy, budget_fen),
     .doc = "The budget: loans are enrolled only while what they may earn fits it",
     .example = "\"5000000.00\""},
    {.name = "created",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The business date it was created",
     .example = "\"2026-03-02\""},
    {.name = "enrolled",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: loans enrolled",
     .example = "3"},
    MONEY_NULL("committed", "As read: what they may earn over their terms"),
    MONEY_NULL("accrued", "As read: accrued so far"),
    MONEY_NULL("receivable", "As read: accrued, not yet paid or rejected"),
    MONEY_NULL("paid", "As read: approved and paid"),
    MONEY_NULL("rejected", "As read: rejected and reversed"),
    MONEY_NULL("budget_left", "As read: the budget less what is committed"),
    {.name = "suppressed",
     .type = FB_WT_BOOLEAN,
     .flags = SOMETIMES,
     .doc = "A government's, true: fewer borrowers than the book's report_min_cell are enrolled "
            "(or it is the complement of one alone that is), and every figure from their loans is "
            "null, as the other aggregates suppress a small cell (disclosure.c)",
     .example = "true"},
};
const fb_wire_record fb_wire_subsidy = {
    "Subsidy", "a subsidy scheme",
    "An interest-subsidy scheme (财政贴息): its rules and, as read, its figures (POST "
    "/v1/subsidies; finbridge subsidies create)",
    subsidy_fields, sizeof subsidy_fields / sizeof subsidy_fields[0]};

static const fb_wire_field subsidy_result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "id", .type = FB_WT_ID, .flags = FB_WF_OUT, .doc = "The scheme", .example = "\"S1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &results,
     .flags = FB_WF_OUT,
     .doc = "done, exists, or the rule that refused it (nothing written)",
     .example = "\"done\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "A refusal: the field it concerns",
     .example = "\"region\""},
};
const fb_wire_record fb_wire_subsidy_result = {
    "SubsidyResult", "a subsidy scheme's result", "What creating a subsidy scheme did",
    subsidy_result_fields, sizeof subsidy_result_fields / sizeof subsidy_result_fields[0]};

#define QUARTER_IN(required)                                                                       \
    {                                                                                              \
        .name = "quarter", .type = FB_WT_INTEGER,                                                  \
        .flags = FB_WF_IN | ((required) ? FB_WF_REQUIRED : 0), AT(fb_subsidy_act, quarter),        \
        .min = 20001, .max = 20994, .doc = "The quarter as yyyyq: 20251 is 2025's first",          \
        .example = "20251"                                                                         \
    }

static const fb_wire_field enrol_fields[] = {
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_subsidy_act, loan),
     .doc = "The loan",
     .example = "\"L-DL-001\""},
};
const fb_wire_record fb_wire_subsidy_enrol = {
    "SubsidyEnrol", "an enrolment",
    "The bank enrols a loan in a scheme (POST /v1/subsidies/{id}/enrolments; finbridge subsidies "
    "enrol ID --loan L)",
    enrol_fields, 1};

static const fb_wire_field claim_fields[] = {QUARTER_IN(true)};
const fb_wire_record fb_wire_subsidy_claim = {
    "SubsidyClaim", "a claim",
    "The bank claims a closed quarter, or the government pays it (POST "
    "/v1/subsidies/{id}/claims, /payments; finbridge subsidies claim|pay ID --quarter Q)",
    claim_fields, 1};

static const fb_wire_field decide_fields[] = {
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = FB_WF_IN,
     AT(fb_subsidy_act, loan),
     .doc = "The line's loan; or, instead, its id",
     .example = "\"L-DL-001\""},
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN,
     AT(fb_subsidy_act, line),
     .min = 1,
     .max = INT64_MAX,
     .doc = "The line's id (GET /v1/subsidies/{id}/lines), instead of its loan: a government "
            "decides a small borrower's line by it, whose loan it never sees",
     .example = "7"},
    QUARTER_IN(true),
    {.name = "approve",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_subsidy_act, approve),
     .doc = "true approves the line, false rejects it",
     .example = "true"},
};
const fb_wire_record fb_wire_subsidy_decide = {
    "SubsidyDecide", "a decision",
    "The government approves or rejects a claim's line (POST /v1/subsidies/{id}/decisions; "
    "finbridge subsidies decide ID --quarter Q --loan L|--line N --approve true|false)",
    decide_fields, sizeof decide_fields / sizeof decide_fields[0]};

static const fb_wire_field line_fields[] = {
    {.name = "loan", .type = FB_WT_ID, .flags = FB_WF_OUT, .doc = "The loan", .example = "\"L1\""},
    {.name = "days",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .unit = "days",
     .doc = "The days of the quarter it accrued",
     .example = "89"},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_OUT,
     .doc = "What it accrued",
     .example = "\"247.22\""},
    {.name = "decision",
     .type = FB_WT_ENUM,
     .values = &decisions,
     .flags = FB_WF_OUT,
     .doc = "undecided, approved or rejected",
     .example = "\"undecided\""},
};
const fb_wire_record fb_wire_subsidy_line = {"SubsidyLine", "a claim's line",
                                             "A loan's line of a quarter's claim", line_fields,
                                             sizeof line_fields / sizeof line_fields[0]};

static const fb_wire_field act_result_fields[] = {
    {.name = "scheme",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The scheme",
     .example = "\"S1\""},
    {.name = "act",
     .type = FB_WT_ENUM,
     .values = &acts,
     .flags = FB_WF_OUT,
     .doc = "enrol, claim, decide or pay",
     .example = "\"claim\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &results,
     .flags = FB_WF_OUT,
     .doc = "done, exists, or the rule that refused it (nothing written; the API answers those "
            "as a problem with this name as its title)",
     .example = "\"done\""},
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = SOMETIMES,
     .doc = "enrol, decide: the loan",
     .example = "\"L1\""},
    {.name = "quarter",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .doc = "claim, decide, pay: the quarter",
     .example = "20251"},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "done or exists: its date",
     .example = "\"2025-04-01\""},
    MONEY_OUT("amount", "done or exists: enrol what the loan may earn; claim the lines' sum; pay "
                        "what was approved"),
    {.name = "lines",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_subsidy_line,
     .flags = SOMETIMES,
     .doc = "claim, done or exists: every loan with its days and amount",
     .example = NULL},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "A refusal: the field or rule it concerns",
     .example = "\"budget\""},
    MONEY_OUT("bound", "exceeds_budget, exceeds_borrower_cap: the room left"),
    MONEY_OUT("value", "... and what the loan may earn"),
    {.name = "net_rate",
     .type = FB_WT_PERCENT,
     .flags = SOMETIMES,
     .doc = "enrol done, mode net: the rate the borrower is charged from net_from (the contract "
            "rate less the subsidy)",
     .example = "\"3.9000\""},
    {.name = "net_from",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "enrol done, mode net: the term's first day, the enrolment's (docs/schemes.md, \"The "
            "net rate\")",
     .example = "\"2025-01-01\""},
    {.name = "rate_bound",
     .type = FB_WT_PERCENT,
     .flags = SOMETIMES,
     .doc = "net_rate_not_positive: the loan's contract rate, which the subsidy must stay below",
     .example = "\"0.8000\""},
    {.name = "rate_value",
     .type = FB_WT_PERCENT,
     .flags = SOMETIMES,
     .doc = "net_rate_not_positive: the subsidy's points on that rate",
     .example = "\"1.0000\""},
};
const fb_wire_record fb_wire_subsidy_act_result = {
    "SubsidyActResult", "a subsidy act's result", "What an act on a subsidy scheme did",
    act_result_fields, sizeof act_result_fields / sizeof act_result_fields[0]};
