/* records_book.c — the tables of the loan book's records (record.h): parties and facilities
 * with their result lines, and the readers their decoders need (records_loan.c has loans,
 * records_servicing.c what follows a loan). */
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

/* ---- Names of enumerations ------------------------------------------------------------------ */

static const char *party_kind(int i) { return fb_party_kind_name((fb_party_kind)i); }
static const char *party_flag(int i) { return fb_party_flag_name((unsigned)i); }
static const char *size_class(int i) { return fb_size_class_name((fb_size_class)i); }
static const char *key_chain(int i) { return fb_key_chain_name(i); }
static const char *line(int i) { return fb_line_name((fb_line)i); }
static const char *loan_class(int i) { return fb_loan_class_name((fb_loan_class)i); }
static const char *facility_status(int i) { return fb_facility_status_name((fb_facility_status)i); }

/* A result's names, and "invalid" after them: the command line's line that could not be read. */
const char *fb__wire_with_invalid(const char *(*name)(int), int i) {
    const char *s = name(i);
    if (strcmp(s, "unknown") != 0) return s;
    return i > 0 && strcmp(name(i - 1), "unknown") != 0 ? "invalid" : NULL;
}
static const char *party_result_name(int i) { return fb_party_result_name((fb_party_result)i); }
static const char *party_result(int i) { return fb__wire_with_invalid(party_result_name, i); }
static const char *facility_result_name(int i) {
    return fb_facility_result_name((fb_facility_result)i);
}
static const char *facility_result(int i) { return fb__wire_with_invalid(facility_result_name, i); }

const fb_wire_values fb__wire_lines = {line, 0};
const fb_wire_values fb__wire_size_classes = {size_class, 0};
const fb_wire_values fb__wire_key_chains = {key_chain, 0};
const fb_wire_values fb__wire_loan_classes = {loan_class, 0};
static const fb_wire_values party_kinds = {party_kind, 0}, party_flags = {party_flag, 0},
                            party_results = {party_result, 0},
                            facility_results = {facility_result, 0},
                            facility_statuses = {facility_status, 0};

/* ---- Readers --------------------------------------------------------------------------------- */

/* A region: a division code (string or number) or the name of a Liaoning city, into an int32. */
int fb__wire_read_region(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    int32_t code = 0;
    if (json_is_integer(v)) {
        json_int_t n = json_integer_value(v);
        if (n < 100000 || n > 999999) return fb_wire_reject(err, f->name, "must be a 6-digit code");
        code = (int32_t)n;
    } else if (!json_is_string(v)) {
        return fb_wire_reject(err, f->name, "must be a 6-digit code or a city name");
    } else {
        const char *s = json_string_value(v);
        size_t count = 0;
        const int32_t *cities = fb_region_cities(&count);
        for (size_t i = 0; i < count && !code; i++) {
            if (strcmp(s, fb_region_name_zh(cities[i])) == 0 ||
                strcmp(s, fb_region_name_en(cities[i])) == 0) {
                code = cities[i];
            }
        }
        if (!code && (strlen(s) != 6 || strspn(s, "0123456789") != 6)) {
            return fb_wire_reject(err, f->name, "must be a 6-digit code or a Liaoning city's name");
        }
        if (!code) code = (int32_t)strtol(s, NULL, 10);
    }
    memcpy((char *)record + f->offset, &code, sizeof code);
    return FB_OK;
}

/* An industry class of GB/T 4754-2017 as a string ("3421"), into an int. */
int fb__wire_read_industry(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (!json_is_string(v))
        return fb_wire_reject(err, f->name, "must be a string such as \"3421\"");
    fb_industry_info info;
    const char *why = NULL;
    if (fb_industry_check(json_string_value(v), &info, &why)) {
        return fb_wire_reject(err, f->name, why);
    }
    memcpy((char *)record + f->offset, &info.class_code, sizeof info.class_code);
    return FB_OK;
}

static int read_party_flags(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (!json_is_array(v) || json_array_size(v) > FB_FLAGS_MAX) {
        return fb_wire_reject(err, f->name, "must be an array of flag names");
    }
    size_t i;
    json_t *item;
    uint16_t bits = 0;
    json_array_foreach(v, i, item) {
        const char *s = json_is_string(item) ? json_string_value(item) : "";
        unsigned bit = 0;
        const char *name;
        while ((name = fb_party_flag_name(bit)) != NULL && strcmp(name, s) != 0)
            bit++;
        if (!name) return fb_wire_reject(err, f->name, "has an unknown flag");
        bits |= (uint16_t)(1u << bit);
    }
    ((fb_party *)record)->flags = bits;
    return FB_OK;
}

#define POSITION_FIELDS FB__WIRE_POSITION_FIELDS
#define REFUSAL_FIELDS FB__WIRE_REFUSAL_FIELDS

/* ---- Parties ----------------------------------------------------------------------------------
 */

#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define OPTIONAL (FB_WF_IN | FB_WF_OUT)
#define DERIVED FB_WF_OUT
#define AT FB_WIRE_AT

static const fb_wire_field party_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_party, id),
     .doc = "The party's id, chosen by the bank (at most 60 characters); its deposit account is "
            "dep:<id>",
     .example = "\"sy-machine-tools\""},
    {.name = "kind",
     .type = FB_WT_ENUM,
     .flags = GIVEN,
     .values = &party_kinds,
     AT(fb_party, kind),
     .doc = "An enterprise (企业), an individual business (个体工商户: counted with micro firms; "
            "its code begins 92) or a small-business owner (小微企业主: a natural person by its "
            "resident_id; uscc, region, industry and figures are the business it owns)",
     .example = "\"enterprise\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = GIVEN,
     AT(fb_party, name),
     .doc = "The registered name",
     .example = "\"沈阳精密机床股份有限公司\""},
    {.name = "uscc",
     .type = FB_WT_STRING,
     .flags = GIVEN,
     AT(fb_party, uscc),
     .doc = "The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the "
            "last a check character; unique among enterprises and individual businesses (a "
            "small-business owner's: the business it owns, which may borrow too)",
     .example = "\"91210100MA0YJC0010\""},
    {.name = "resident_id",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_party, resident_id),
     .doc = "A small-business owner's citizen identity number (公民身份号码, GB 11643-1999: 17 "
            "digits and a check character, 0-9 or X), unique among owners; required for one, "
            "refused for others",
     .example = "\"210102198003154210\""},
    {.name = "region",
     .type = FB_WT_CODE,
     .in_type = FB_WT_REGION,
     .flags = GIVEN,
     AT(fb_party, region),
     .read = fb__wire_read_region,
     .doc = "Where it is registered: a 6-digit division code (a string or a number) or a "
            "Liaoning city's name in Chinese or English; written as the code",
     .example = "\"210106\""},
    {.name = "city",
     .type = FB_WT_CODE,
     .flags = DERIVED,
     .doc = "The prefecture city of its region (a Liaoning city for the reports)",
     .example = "\"210100\""},
    {.name = "city_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The city's name in Chinese, when the city is one of Liaoning's",
     .example = "\"沈阳\""},
    {.name = "industry",
     .type = FB_WT_CODE,
     .flags = GIVEN,
     AT(fb_party, industry),
     .read = fb__wire_read_industry,
     .doc = "Its industry: a four-digit class of GB/T 4754-2017 (its size standard and key "
            "chain follow from it)",
     .example = "\"3421\""},
    {.name = "employees",
     .type = FB_WT_INTEGER,
     .flags = OPTIONAL,
     .min = 0,
     .max = 10000000,
     AT(fb_party, figures.employees),
     .unit = "persons",
     .doc = "Staff at the end of the last year; required for an enterprise (its size class)",
     .example = "1800"},
    {.name = "revenue",
     .type = FB_WT_MONEY,
     .flags = OPTIONAL,
     AT(fb_party, figures.revenue_fen),
     .doc = "Operating revenue of the last year; required for an enterprise",
     .example = "\"2600000000.00\""},
    {.name = "total_assets",
     .type = FB_WT_MONEY,
     .flags = OPTIONAL,
     AT(fb_party, figures.total_assets_fen),
     .doc = "Total assets at the end of the last year; required for an enterprise",
     .example = "\"3900000000.00\""},
    {.name = "flags",
     .type = FB_WT_ARRAY,
     .item = FB_WT_ENUM,
     .values = &party_flags,
     .flags = OPTIONAL,
     AT(fb_party, flags),
     .read = read_party_flags,
     .doc = "Recognitions: high_tech (高新技术企业), specialized_sme (专精特新), little_giant "
            "(专精特新“小巨人”)",
     .example = "[\"high_tech\"]"},
    {.name = "size_class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_size_classes,
     .flags = DERIVED,
     .doc = "Its size class by 工信部联企业〔2011〕300号 for its sector",
     .example = "\"large\""},
    {.name = "size_rule",
     .type = FB_WT_STRING,
     .flags = DERIVED,
     .doc = "The rule that gave the size class, with the thresholds it met or missed",
     .example = "\"industry sector: large reaches (X>=1000 Y>=40000万)\""},
    {.name = "key_chain",
     .type = FB_WT_ENUM,
     .values = &fb__wire_key_chains,
     .flags = DERIVED | FB_WF_NULLABLE,
     .doc = "The province's key industrial chain its industry belongs to, or null",
     .example = "\"machine_tools\""},
    {.name = "tech_sme",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc =
         "A technology SME (科技型中小企业): an enterprise with a technology recognition (a flag), "
         "at most 500 staff, revenue and total assets each at most 200,000,000 yuan",
     .example = "false"},
    {.name = "tech_sme_rule",
     .type = FB_WT_STRING,
     .flags = DERIVED,
     .doc = "Why it is or is not a technology SME",
     .example =
         "\"科技型中小企业: a technology flag, staff <= 500, sales and assets each <= 2亿: not "
         "met\""},
    {.name = "deposit_account",
     .type = FB_WT_ID,
     .flags = DERIVED,
     .doc = "Its deposit (settlement) account on ledger 1, code 2011: loans are paid into it and "
            "repayments collected from it",
     .example = "\"dep:sy-machine-tools\""},
    {.name = "deposit_balance",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "What its deposit account holds now: credits less debits, posted",
     .example = "\"4200000.00\""},
    {.name = "created",
     .type = FB_WT_TIMESTAMP,
     .flags = FB_WF_SOMETIMES,
     .doc = "When it was registered (once stored)",
     .example = "\"1767225600000000000\""},
};

const fb_wire_record fb_wire_party = {
    "Party", "a party",
    "A borrower or a holder of certificates: an enterprise, an individual business or a "
    "small-business owner, with what "
    "finbridge derives from its registration (city, size class, key chain) and the rule for each",
    party_fields, sizeof party_fields / sizeof party_fields[0]};

static const fb_wire_field party_result_fields[] = {
    POSITION_FIELDS,
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &party_results,
     .flags = FB_WF_OUT,
     .doc = "created, exists (the same party again), or why not; invalid: the line could not be "
            "read (the API refuses the whole body with 400 instead)",
     .example = "\"created\""},
    {.name = "deposit_account",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created or exists: its deposit account",
     .example = "\"dep:sy-machine-tools\""},
    {.name = "size_class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_size_classes,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created or exists: its size class",
     .example = "\"large\""},
    REFUSAL_FIELDS,
    {.name = "registered_to",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "uscc_registered: the party that holds the code; resident_id_registered: the owner "
            "who holds the identity number",
     .example = "\"sy-mt\""},
};

const fb_wire_record fb_wire_party_result = {
    "PartyResult", "a party's result",
    "What registering one party did: one line per input line (command line) or event (API)",
    party_result_fields, sizeof party_result_fields / sizeof party_result_fields[0]};

/* ---- Facilities -------------------------------------------------------------------------------
 */

static const fb_wire_field facility_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_facility, id),
     .doc = "The facility's id (at most 48 characters)",
     .example = "\"FAC-SY-2025-01\""},
    {.name = "party",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_facility, party),
     .doc = "The borrower: a party's id",
     .example = "\"sy-machine-tools\""},
    {.name = "line",
     .type = FB_WT_ENUM,
     .values = &fb__wire_lines,
     .flags = GIVEN,
     AT(fb_facility, line),
     .doc = "Its line of business: technology (科技金融), supply_chain (供应链金融: it backs "
            "certificates), green (绿色金融), inclusive (普惠金融: only for inclusive borrowers), "
            "wealth (财富金融) or general lending",
     .example = "\"technology\""},
    {.name = "limit",
     .type = FB_WT_MONEY,
     .flags = GIVEN,
     AT(fb_facility, limit_fen),
     .doc = "The limit granted (授信额度)",
     .example = "\"50000000.00\""},
    {.name = "start_date",
     .type = FB_WT_DATE,
     .flags = GIVEN,
     AT(fb_facility, start_date),
     .doc = "The first day it may be drawn; not a day already closed",
     .example = "\"2025-01-01\""},
    {.name = "end_date",
     .type = FB_WT_DATE,
     .flags = GIVEN,
     AT(fb_facility, end_date),
     .doc = "The last day a drawdown may be made",
     .example = "\"2027-12-31\""},
    {.name = "revolving",
     .type = FB_WT_BOOLEAN,
     .flags = OPTIONAL,
     AT(fb_facility, revolving),
     .doc = "Whether repaid principal restores the limit (default false: it returns to the "
            "bank's commitments)",
     .example = "true"},
    {.name = "project",
     .type = FB_WT_ID,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_facility, project),
     .doc = "The major project it finances (a project's id), when it finances one; its loans "
            "inherit it",
     .example = "\"LN-PRJ-2025-017\""},
    {.name = "green_item",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_facility, green_item),
     .doc = "The item of 绿色金融支持项目目录（2025年版） it finances: required on the green line, "
            "written when given; its loans inherit it",
     .example = "\"3.2.1\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &facility_statuses,
     .flags = DERIVED,
     .doc = "active; frozen (no drawdown or issue until unfrozen); expired (its end date has "
            "passed); closed (its undrawn limit returned): only active and frozen lines count in "
            "the borrower's total credit",
     .example = "\"active\""},
    {.name = "party_total_credit",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "The borrower's total credit at the bank now: the limits of its active and frozen "
            "facilities (recounted whenever any of them changes)",
     .example = "\"50000000.00\""},
    {.name = "inclusive",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Inclusive small-micro (普惠型小微) in the regulator's scope: a small or micro "
            "enterprise, an individual business or a small business's owner whose total credit "
            "now is at most 10,000,000 yuan",
     .example = "false"},
    {.name = "inclusive_pboc",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Inclusive in the central bank's statistics: total credit below 10,000,000 yuan",
     .example = "false"},
    {.name = "inclusive_rule",
     .type = FB_WT_STRING,
     .flags = DERIVED,
     .doc = "Why it is or is not inclusive",
     .example = "\"普惠型小微: large (out of scope), total credit 50000000.00 yuan; regulator <= "
                "10,000,000: no; central bank < 10,000,000: no\""},
    {.name = "available_account",
     .type = FB_WT_ID,
     .flags = DERIVED,
     .doc = "Its available limit's account on the off-balance ledger 2 (code 7101)",
     .example = "\"fac:FAC-SY-2025-01:available\""},
    {.name = "drawn_account",
     .type = FB_WT_ID,
     .flags = DERIVED,
     .doc = "Its drawn amount's account on ledger 2 (code 7102)",
     .example = "\"fac:FAC-SY-2025-01:drawn\""},
    {.name = "available",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "What may be drawn now: the available account's credits less its debits, posted and "
            "pending (certificates issued reserve it too)",
     .example = "\"20000000.00\""},
    {.name = "drawn",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "What is drawn under it and not repaid",
     .example = "\"30000000.00\""},
};

const fb_wire_record fb_wire_facility = {
    "Facility", "a facility",
    "A credit facility (授信) of a party: its limit on a line of business, and what is available "
    "and drawn from the off-balance ledger",
    facility_fields, sizeof facility_fields / sizeof facility_fields[0]};

static const fb_wire_field facility_result_fields[] = {
    POSITION_FIELDS,
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &facility_results,
     .flags = FB_WF_OUT,
     .doc = "created, exists, or why not (not_inclusive: an inclusive-line facility for a "
            "borrower outside the scope); invalid: the line could not be read",
     .example = "\"created\""},
    {.name = "inclusive",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created or exists: whether it is inclusive (regulator's scope)",
     .example = "false"},
    {.name = "available_account",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created or exists: its available limit's account",
     .example = "\"fac:FAC-SY-2025-01:available\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The field at fault: of an invalid line, or the one an exists_with_different differs "
            "in",
     .example = "\"limit\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "Why it was refused: an invalid line's reason, or not_inclusive's rule",
     .example = "\"普惠型小微: medium (out of scope), total credit 5000000.00 yuan; regulator <= "
                "10,000,000: no; central bank < 10,000,000: no\""},
    FB__WIRE_MEASURED_DATE,
};

const fb_wire_record fb_wire_facility_result = {
    "FacilityResult", "a facility's result", "What approving one facility did",
    facility_result_fields, sizeof facility_result_fields / sizeof facility_result_fields[0]};
