/* records_pool.c — the tables (record.h) of risk-compensation pools: a scheme as created and as
 * read with its figures, the result of creating one, the bodies of its acts and their result. */
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *pool_result(int i) {
    const char *s = fb_pool_result_name((fb_pool_result)i);
    if (strcmp(s, "unknown") != 0) return s;
    return i == FB_POOL_NOT_LISTED + 1 ? "invalid" : NULL;
}
static const char *act(int i) { return fb_pool_act_name((fb_pool_act_kind)i); }
static const char *trigger(int i) { return fb_pool_trigger_name((fb_pool_trigger)i); }
/* The government lists a pool may name: the demands' sources 2 and 3. */
static const char *list(int i) {
    return i == 0   ? fb_demand_source_name(FB_SOURCE_KEY_ENTERPRISES)
           : i == 1 ? fb_demand_source_name(FB_SOURCE_MAJOR_PROJECTS)
                    : NULL;
}
static const fb_wire_values pool_results = {pool_result, 0}, acts = {act, 0},
                            triggers = {trigger, 0}, lists = {list, 0};

#define AT FB_WIRE_AT
#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define OPTIONAL (FB_WF_IN | FB_WF_OUT)
#define SOMETIMES FB_WF_SOMETIMES

int fb__wire_read_bits(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (!json_is_array(v) || json_array_size(v) > 32) {
        return fb_wire_reject(err, f->name, "must be an array of names");
    }
    size_t i;
    json_t *item;
    uint32_t bits = 0;
    json_array_foreach(v, i, item) {
        const char *s = json_is_string(item) ? json_string_value(item) : "";
        int k = 0;
        const char *name;
        while ((name = fb_wire_value(f->values, k)) != NULL && strcmp(name, s) != 0)
            k++;
        if (!name) return fb_wire_reject(err, f->name, "has an unknown name");
        bits |= 1u << k;
    }
    memcpy((char *)record + f->offset, &bits, sizeof bits);
    return FB_OK;
}

static int read_list(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    fb_demand_source src = FB_SOURCE_ENTERPRISE;
    if (fb_demand_source_parse(s, &src) != FB_OK ||
        (src != FB_SOURCE_KEY_ENTERPRISES && src != FB_SOURCE_MAJOR_PROJECTS)) {
        return fb_wire_reject(err, f->name, "must be key_enterprises or major_projects");
    }
    ((fb_pool *)record)->listed = src;
    return FB_OK;
}

static int read_region(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strlen(s) != 6 || strspn(s, "0123456789") != 6) {
        return fb_wire_reject(err, f->name, "must be a 6-digit division code");
    }
    ((fb_pool *)record)->region = (int32_t)strtol(s, NULL, 10);
    return FB_OK;
}

static const fb_wire_field pool_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_pool, id),
     .doc = "The pool's id (at most 48 characters); its accounts are pool:<id>:fund, :paid and "
            ":returned",
     .example = "\"LN-TECH-POOL\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = GIVEN,
     AT(fb_pool, name),
     .doc = "The scheme's name",
     .example = "\"辽宁省科技型中小企业贷款风险补偿资金池\""},
    {.name = "region",
     .type = FB_WT_INTEGER,
     .in_type = FB_WT_CODE,
     .flags = GIVEN,
     AT(fb_pool, region),
     .read = read_region,
     .doc = "The government that funds it: 210000 (Liaoning) or one of its cities; given as a "
            "string, written as a number",
     .example = "210000",
     .in_example = "\"210000\""},
    FB__WIRE_ELIGIBILITY_FIELDS(fb_pool),
    {.name = "listed",
     .type = FB_WT_ENUM,
     .values = &lists,
     .flags = SOMETIMES | FB_WF_IN,
     AT(fb_pool, listed),
     .read = read_list,
     .doc = "Only the enterprises on this government list (the province's, or the pool's city's: "
            "a demand posted from it for the borrower); absent: any enterprise",
     .example = "\"key_enterprises\""},
    {.name = "borrower_cap",
     .type = FB_WT_MONEY,
     .flags = OPTIONAL,
     AT(fb_pool, borrower_cap_fen),
     .doc = "The most covered per borrower (0.00: no cap)",
     .example = "\"10000000.00\""},
    {.name = "leverage",
     .type = FB_WT_INTEGER,
     .flags = OPTIONAL,
     AT(fb_pool, leverage),
     .min = 0,
     .max = FB_POOL_LEVERAGE_MAX,
     .unit = "times",
     .doc = "Covered balance at most this many times the pool's balance (0 or absent: the "
            "setting pool_leverage)",
     .example = "10"},
    {.name = "share",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_pool, share_e6),
     .doc = "The pool's share of a covered loan's principal loss and of what is recovered after "
            "(absent: the setting pool_share)",
     .example = "\"50.0000\""},
    {.name = "overdue_days",
     .type = FB_WT_INTEGER,
     .flags = OPTIONAL,
     AT(fb_pool, overdue_days),
     .min = 0,
     .max = FB_POOL_OVERDUE_DAYS_MAX,
     .unit = "days",
     .doc = "A covered loan this many days past due may be claimed (absent: the setting "
            "pool_overdue_days); a written-off one always",
     .example = "90"},
    {.name = "npl_ceiling",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_pool, npl_ceiling_e6),
     .doc = "New coverage is suspended while the covered loans' NPL ratio is above this "
            "(absent: the setting pool_npl_ceiling)",
     .example = "\"5.0000\""},
    {.name = "created",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The business date it was created",
     .example = "\"2026-03-02\""},
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "As read: the business date its figures stand on",
     .example = "\"2026-06-30\""},
    {.name = "funded",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "As read: what the government has put in",
     .example = "\"10000000.00\""},
    {.name = "balance",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: the pool's balance, funded less claims paid plus recoveries returned",
     .example = "\"9500000.00\""},
    {.name = "covered_loans",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: active covered loans",
     .example = "12"},
    {.name = "covered",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: their principal outstanding",
     .example = "\"60000000.00\""},
    {.name = "capacity",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: leverage x balance, the most it may cover",
     .example = "\"95000000.00\""},
    {.name = "multiple",
     .type = FB_WT_PERCENT,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: covered over balance as a percent (631.5789 = 6.3x); null with no balance",
     .example = "\"631.5789\""},
    {.name = "leverage_used",
     .type = FB_WT_PERCENT,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: covered over capacity; null with no capacity",
     .example = "\"63.1579\""},
    {.name = "npl",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: of the covered principal, the non-performing",
     .example = "\"1200000.00\""},
    {.name = "npl_ratio",
     .type = FB_WT_PERCENT,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: the covered NPL ratio; null with nothing covered",
     .example = "\"2.0000\""},
    {.name = "suspended",
     .type = FB_WT_BOOLEAN,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: new coverage is suspended (the NPL ratio is above the ceiling)",
     .example = "false"},
    {.name = "claims",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: claims paid",
     .example = "1"},
    {.name = "paid",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: what they paid the bank",
     .example = "\"500000.00\""},
    {.name = "returned",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES | FB_WF_NULLABLE,
     .doc = "As read: recoveries shared back to the pool",
     .example = "\"0.00\""},
    {.name = "suppressed",
     .type = FB_WT_BOOLEAN,
     .flags = SOMETIMES,
     .doc = "A government's, true: fewer borrowers than the book's report_min_cell are behind the "
            "pool (or it is the complement of one alone that is), and every figure from their "
            "loans is null, as the other aggregates suppress a small cell (disclosure.c)",
     .example = "true"},
};

const fb_wire_record fb_wire_pool = {
    "Pool", "a pool",
    "A risk-compensation pool (风险补偿资金池): a government's scheme at the bank, its rules (each "
    "a field; absent: the book's setting) and, as read, its balance, coverage, leverage, claims "
    "and recoveries (POST /v1/pools; finbridge pools create)",
    pool_fields, sizeof pool_fields / sizeof pool_fields[0]};

static const fb_wire_field pool_result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "id", .type = FB_WT_ID, .flags = FB_WF_OUT, .doc = "The pool", .example = "\"P1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &pool_results,
     .flags = FB_WF_OUT,
     .doc = "done, exists, or the rule that refused it (nothing written)",
     .example = "\"done\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "A refusal: the field the rule concerns",
     .example = "\"region\""},
};
const fb_wire_record fb_wire_pool_result = {
    "PoolResult", "a pool's result", "What creating a pool did", pool_result_fields,
    sizeof pool_result_fields / sizeof pool_result_fields[0]};

/* ---- The acts ------------------------------------------------------------------------------ */

static const fb_wire_field fund_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_pool_act, id),
     .doc = "The funding's id (at most 61 characters; its transfer is pf:<id>): again is harmless",
     .example = "\"LN-2026-001\""},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_pool_act, amount_fen),
     .doc = "What the government puts in",
     .example = "\"10000000.00\""},
};
const fb_wire_record fb_wire_pool_fund = {
    "PoolFund", "a funding",
    "The government funds its pool (POST /v1/pools/{id}/funding; finbridge pools fund ID --id F "
    "--amount X)",
    fund_fields, sizeof fund_fields / sizeof fund_fields[0]};

static const fb_wire_field loan_fields[] = {
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_pool_act, loan),
     .doc = "The loan",
     .example = "\"L-DL-001\""},
};
const fb_wire_record fb_wire_pool_loan = {
    "PoolLoan", "a pool's loan",
    "A loan the bank covers, claims on or shares a recovery of (POST /v1/pools/{id}/cover, "
    "/claims, /share-backs; finbridge pools cover|claim|share-back ID --loan L)",
    loan_fields, sizeof loan_fields / sizeof loan_fields[0]};

static const fb_wire_field act_result_fields[] = {
    {.name = "pool", .type = FB_WT_ID, .flags = FB_WF_OUT, .doc = "The pool", .example = "\"P1\""},
    {.name = "act",
     .type = FB_WT_ENUM,
     .values = &acts,
     .flags = FB_WF_OUT,
     .doc = "fund, cover, claim or share_back",
     .example = "\"claim\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &pool_results,
     .flags = FB_WF_OUT,
     .doc = "done, exists (made before, the same), or the rule that refused it (nothing "
            "written; the API answers those as a problem: 404 or 422 with this name as its title)",
     .example = "\"done\""},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = SOMETIMES,
     .doc = "fund: the funding",
     .example = "\"LN-2026-001\""},
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = SOMETIMES,
     .doc = "cover, claim, share_back: the loan",
     .example = "\"L-DL-001\""},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "done or exists: its date",
     .example = "\"2026-06-30\""},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "done or exists: fund what was put in; cover the principal covered; claim what the "
            "pool paid; share_back what went back",
     .example = "\"500000.00\""},
    {.name = "trigger",
     .type = FB_WT_ENUM,
     .values = &triggers,
     .flags = SOMETIMES,
     .doc = "claim: written_off or overdue",
     .example = "\"overdue\""},
    {.name = "basis",
     .type = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "claim: the principal lost it compensates (written off: what was written off and not "
            "recovered; overdue: the principal outstanding)",
     .example = "\"1000000.00\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "A refusal: the field or rule it concerns",
     .example = "\"leverage\""},
    {.name = "bound",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "A refusal against a bound: the room left in yuan (borrower_cap, leverage, a claim's "
            "balance), the ceiling as a percent (npl_ceiling) or the days (overdue_days)",
     .example = "\"0.00\""},
    {.name = "value",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "... and what was measured against it, in the same unit",
     .example = "\"1000000.00\""},
};
const fb_wire_record fb_wire_pool_act_result = {
    "PoolActResult", "a pool act's result", "What an act on a pool did", act_result_fields,
    sizeof act_result_fields / sizeof act_result_fields[0]};
