/* records_book.c — the tables of the loan book's records (record.h): parties, facilities and
 * loans with their result lines, and the readers their decoders need (records_servicing.c has
 * what follows a loan). */
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
static const char *method(int i) { return fb_method_name((fb_method)i); }
static const char *day_count(int i) { return fb_day_count_name((fb_day_count)i); }
static const char *loan_status(int i) { return fb_loan_status_name((fb_loan_status)i); }
static const char *loan_class(int i) { return fb_loan_class_name((fb_loan_class)i); }
static const char *lpr_tenor(int i) {
    static const char *const names[] = {"1y", "5y", "auto"};
    return i >= 0 && i < 3 ? names[i] : NULL;
}

/* A result's names, and "invalid" after them: the command line's line that could not be read. */
static const char *with_invalid(const char *(*name)(int), int i) {
    const char *s = name(i);
    if (strcmp(s, "unknown") != 0) return s;
    return i > 0 && strcmp(name(i - 1), "unknown") != 0 ? "invalid" : NULL;
}
static const char *party_result_name(int i) { return fb_party_result_name((fb_party_result)i); }
static const char *party_result(int i) { return with_invalid(party_result_name, i); }
static const char *facility_result_name(int i) {
    return fb_facility_result_name((fb_facility_result)i);
}
static const char *facility_result(int i) { return with_invalid(facility_result_name, i); }
static const char *loan_result_name(int i) { return fb_loan_result_name((fb_loan_result)i); }
static const char *loan_result(int i) { return with_invalid(loan_result_name, i); }

const fb_wire_values fb__wire_lines = {line, 0};
const fb_wire_values fb__wire_size_classes = {size_class, 0};
const fb_wire_values fb__wire_key_chains = {key_chain, 0};
const fb_wire_values fb__wire_loan_classes = {loan_class, 0};
static const fb_wire_values party_kinds = {party_kind, 0}, party_flags = {party_flag, 0},
                            methods = {method, 0}, day_counts = {day_count, 0},
                            loan_statuses = {loan_status, 0}, lpr_tenors = {lpr_tenor, 0},
                            party_results = {party_result, 0},
                            facility_results = {facility_result, 0},
                            loan_results = {loan_result, 0};

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

static int read_fixed_rate(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (fb_wire_read_value(f, v, record, err)) return FB_EINVAL;
    ((fb_loan *)record)->rate_kind = FB_RATE_FIXED;
    return FB_OK;
}

static int read_lpr(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    fb_loan *x = record;
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strcmp(s, "1y") && strcmp(s, "5y") && strcmp(s, "auto")) {
        return fb_wire_reject(err, f->name, "must be 1y, 5y or auto");
    }
    x->rate_kind = FB_RATE_LPR;
    x->lpr_tenor_years = s[0] == '1' ? 1 : s[0] == '5' ? 5 : 0;
    return FB_OK;
}

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
     .doc = "An enterprise (企业) or an individual business (个体工商户: counted with micro firms; "
            "its code begins 92)",
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
            "last a check character; unique among parties",
     .example = "\"91210100MA0YJC0010\""},
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
    "A borrower or a holder of certificates: an enterprise or an individual business, with what "
    "finbridge derives from its registration (city, size class, key chain) and the rule for each",
    party_fields, sizeof party_fields / sizeof party_fields[0]};

/* The position fields of every result line: the command line numbers lines, the API events. */
#define POSITION_FIELDS                                                                            \
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
#define REFUSAL_FIELDS                                                                             \
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
     .doc = "uscc_registered: the party that holds the code",
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
    {.name = "party_total_credit",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "All the party's limits at the bank when it was approved, this one included",
     .example = "\"50000000.00\""},
    {.name = "inclusive",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Inclusive small-micro (普惠型小微) in the regulator's scope: a small or micro "
            "enterprise or an individual business whose total credit is at most 10,000,000 yuan",
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
};

const fb_wire_record fb_wire_facility_result = {
    "FacilityResult", "a facility's result", "What approving one facility did",
    facility_result_fields, sizeof facility_result_fields / sizeof facility_result_fields[0]};

/* ---- Loans ------------------------------------------------------------------------------------
 */

/* A penalty markup: a percent string, a whole percent (the loan keeps whole percents). */
static int read_markup(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    int64_t e6 = 0;
    const char *why = NULL;
    if (!json_is_string(v)) {
        return fb_wire_reject(err, f->name, "must be a percent string such as \"50\"");
    }
    if (fb_rate_parse(json_string_value(v), &e6, &why)) return fb_wire_reject(err, f->name, why);
    if (e6 % 10000 != 0 || e6 > 100 * 10000) {
        return fb_wire_reject(err, f->name, "must be a whole percent from 30 to 50");
    }
    ((fb_loan *)record)->penalty_markup_pct = (int32_t)(e6 / 10000);
    return FB_OK;
}

static const fb_wire_field loan_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_loan, id),
     .doc = "The loan's id (at most 48 characters); its accounts are loan:<id>:...",
     .example = "\"LN-SY-001\""},
    {.name = "facility",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_loan, facility),
     .doc = "The facility it is drawn under: its limit is reserved, its line and project are "
            "the loan's",
     .example = "\"FAC-SY-2025-01\""},
    {.name = "party",
     .type = FB_WT_ID,
     .flags = DERIVED,
     .doc = "The borrower, the facility's",
     .example = "\"sy-machine-tools\""},
    {.name = "line",
     .type = FB_WT_ENUM,
     .values = &fb__wire_lines,
     .flags = DERIVED,
     .doc = "The facility's line of business",
     .example = "\"technology\""},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = GIVEN,
     AT(fb_loan, terms.principal_fen),
     .doc = "The principal drawn, paid into the borrower's deposit account",
     .example = "\"30000000.00\""},
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_loan, terms.rate_e6),
     .read = read_fixed_rate,
     .doc = "The contract rate per annum. Given: a fixed rate (give rate or lpr, not both); "
            "written: for an LPR loan, the LPR on the start date plus spread_bp",
     .example = "\"3.9500\""},
    {.name = "lpr",
     .type = FB_WT_ENUM,
     .values = &lpr_tenors,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .read = read_lpr,
     .doc = "A floating rate on the Loan Prime Rate: 1y or 5y, or auto (5y for a term over five "
            "years); written for an LPR loan as the tenor used",
     .example = "\"5y\""},
    {.name = "lpr_base",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_SOMETIMES,
     .doc = "An LPR loan: the LPR it was priced on",
     .example = "\"3.5000\""},
    {.name = "lpr_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "An LPR loan: the day that LPR took effect",
     .example = "\"2025-05-20\""},
    {.name = "spread_bp",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .min = -10000,
     .max = 10000,
     AT(fb_loan, spread_bp),
     .unit = "basis points",
     .doc = "An LPR loan: the spread over the LPR, negative below it (-30 = LPR − 0.30%); only "
            "with lpr, default 0",
     .example = "-30"},
    {.name = "months",
     .type = FB_WT_INTEGER,
     .flags = GIVEN,
     .min = 1,
     .max = FB_LOAN_MONTHS_MAX,
     AT(fb_loan, terms.months),
     .unit = "months",
     .doc = "The term: installments, or months to maturity for a bullet loan",
     .example = "60"},
    {.name = "method",
     .type = FB_WT_ENUM,
     .values = &methods,
     .flags = GIVEN,
     AT(fb_loan, terms.method),
     .doc = "How it is repaid: equal_installment (等额本息), equal_principal (等额本金), "
            "interest_only (按月付息到期还本) or bullet (利随本清)",
     .example = "\"equal_principal\""},
    {.name = "start_date",
     .type = FB_WT_DATE,
     .flags = GIVEN,
     AT(fb_loan, terms.start_date),
     .doc = "The drawdown (value) date: interest runs from it; once days are closed, the "
            "business date",
     .example = "\"2025-06-20\""},
    {.name = "repayment_day",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .min = 1,
     .max = 31,
     AT(fb_loan, terms.repayment_day),
     .unit = "day of the month",
     .doc = "The day installments fall due, when it is not the start date's day (a month without "
            "it uses its last day); a first period of another length is broken and counted in "
            "days",
     .example = "21"},
    {.name = "day_count",
     .type = FB_WT_ENUM,
     .values = &day_counts,
     .flags = OPTIONAL,
     AT(fb_loan, terms.day_count),
     .doc = "How days are counted for broken periods, bullet loans, daily accrual and penalty: "
            "act360 (default, 算头不算尾), act365 or actact",
     .example = "\"act360\""},
    {.name = "penalty_markup",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     .read = read_markup,
     .doc =
         "The penalty rate on overdue principal and compound interest: the contract rate "
         "plus this share of it, a whole percent from 30 to 50 (罚息, 银发〔2003〕251号; default "
         "50)",
     .example = "\"50.0000\"",
     .in_example = "\"50\""},
    {.name = "maturity_date",
     .type = FB_WT_DATE,
     .flags = DERIVED,
     .doc = "The last installment's due date",
     .example = "\"2030-06-20\""},
    {.name = "inclusive",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Inclusive small-micro (regulator's scope), the facility's",
     .example = "false"},
    {.name = "inclusive_pboc",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Inclusive in the central bank's statistics, the facility's",
     .example = "false"},
    {.name = "green_item",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The green catalogue item, the facility's, when it has one",
     .example = "\"3.2.1\""},
    {.name = "project",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The major project, the facility's, when it has one",
     .example = "\"LN-PRJ-2025-017\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &loan_statuses,
     .flags = DERIVED,
     .doc = "active, settled (all paid) or written_off",
     .example = "\"active\""},
    {.name = "principal_account",
     .type = FB_WT_ID,
     .flags = DERIVED,
     .doc = "Its principal's account on ledger 1 (贷款, code 1303)",
     .example = "\"loan:LN-SY-001:principal\""},
    {.name = "interest_receivable",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Interest accrued and not paid: its interest receivable account (应收利息, 1132)",
     .example = "\"0.00\""},
    {.name = "penalty_receivable",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Penalty and compound interest accrued and not paid (应收罚息及复利, 1133)",
     .example = "\"0.00\""},
    {.name = "business_date",
     .type = FB_WT_DATE,
     .flags = DERIVED | FB_WF_NULLABLE,
     .doc = "The day now open, on which the rest is told; null before the first end of day",
     .example = "\"2026-07-01\""},
    {.name = "rate_now",
     .type = FB_WT_PERCENT,
     .flags = DERIVED,
     .doc = "The contract rate now (an LPR loan reprices once a year)",
     .example = "\"3.2000\""},
    {.name = "installment",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "The installment now running (installments + 1 once all are due)",
     .example = "13"},
    {.name = "installments",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Installments in the schedule now (a prepayment may shorten it)",
     .example = "60"},
    {.name = "principal_outstanding",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal not repaid",
     .example = "\"24000000.00\""},
    {.name = "principal_overdue",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal fallen due and unpaid",
     .example = "\"0.00\""},
    {.name = "interest_overdue",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Interest fallen due and unpaid",
     .example = "\"0.00\""},
    {.name = "interest_accrued",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Interest of the running installment accrued to the business date",
     .example = "\"21333.33\""},
    {.name = "penalty",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Penalty and compound interest accrued and unpaid",
     .example = "\"0.00\""},
    {.name = "days_past_due",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .unit = "days",
     .doc = "Days since the oldest unpaid installment fell due (0 when none)",
     .example = "0"},
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = DERIVED | FB_WF_NULLABLE,
     .doc = "The five-tier class (金融资产风险分类办法): normal, special_mention (anything "
            "overdue), substandard (>90 days), doubtful (>270), loss (>360); the last three are "
            "non-performing. Null for a loan settled or written off: it has none",
     .example = "\"normal\""},
    {.name = "prepaid",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal prepaid so far",
     .example = "\"0.00\""},
    {.name = "written_off",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal, interest and penalty written off",
     .example = "\"0.00\""},
    {.name = "recovered",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Money recovered after the write-off",
     .example = "\"0.00\""},
    {.name = "nonaccrual",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Non-accrual (非应计): more than 90 days overdue or non-performing, its interest and "
            "penalty accrue off the balance sheet",
     .example = "false"},
    {.name = "offbal_interest",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Of the interest overdue and accrued, what is off the balance sheet (表外应收利息)",
     .example = "\"0.00\""},
    {.name = "offbal_penalty",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Of the penalty, what is off the balance sheet",
     .example = "\"0.00\""},
    {.name = "class_floor",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = DERIVED,
     .doc = "The class an officer holds it at least at (normal: none)",
     .example = "\"normal\""},
    {.name = "restructured",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "A restructured loan (重组资产)",
     .example = "false"},
    {.name = "observation_start",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Restructured: its observation period, from ...",
     .example = "\"2026-04-20\""},
    {.name = "observation_until",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "... to (at least a year and two repayment dates: 第二十条)",
     .example = "\"2027-04-20\""},
    {.name = "capitalised",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Interest and penalty capitalised into principal by restructurings",
     .example = "\"0.00\""},
    {.name = "extended_months",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .unit = "months",
     .doc = "Months added by extensions, all of them (累计)",
     .example = "0"},
};

const fb_wire_record fb_wire_loan = {
    "Loan", "a loan",
    "A loan drawn under a facility, its terms, what is derived at drawdown, and how it stands on "
    "the business date (what it owes, days past due, class)",
    loan_fields, sizeof loan_fields / sizeof loan_fields[0]};

static const fb_wire_field loan_result_fields[] = {
    POSITION_FIELDS,
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &loan_results,
     .flags = FB_WF_OUT,
     .doc = "created, exists, or why not (exceeds_available_limit, no_lpr, rate_out_of_range, "
            "...); invalid: the line could not be read",
     .example = "\"created\""},
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created or exists: the contract rate (an LPR loan's: priced at drawdown)",
     .example = "\"3.2000\""},
    {.name = "maturity_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created or exists: the maturity",
     .example = "\"2030-06-20\""},
    REFUSAL_FIELDS,
};

const fb_wire_record fb_wire_loan_result = {
    "LoanResult", "a loan's result", "What drawing one loan did", loan_result_fields,
    sizeof loan_result_fields / sizeof loan_result_fields[0]};
