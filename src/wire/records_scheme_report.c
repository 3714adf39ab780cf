/* records_scheme_report.c — the tables (record.h) of what the dashboard reads of the schemes: a
 * subsidy scheme's claim of a quarter as it stands, and a row of the guarantees by city. */
#include "wire/record.h"
#include "wire/records.h"

#define OUT_NULL (FB_WF_OUT | FB_WF_NULLABLE)
#define COUNT(name_, doc_, example_)                                                               \
    {                                                                                              \
        .name = (name_), .type = FB_WT_INTEGER, .flags = OUT_NULL, .doc = (doc_),                  \
        .example = (example_)                                                                      \
    }
#define AMOUNT(name_, doc_, example_)                                                              \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = OUT_NULL, .doc = (doc_),                    \
        .example = (example_)                                                                      \
    }
#define SUPPRESSED(doc_)                                                                           \
    {                                                                                              \
        .name = "suppressed", .type = FB_WT_BOOLEAN, .flags = FB_WF_SOMETIMES, .doc = (doc_),      \
        .example = "true"                                                                          \
    }

static const fb_wire_field claim_row_fields[] = {
    {.name = "quarter",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "The quarter as yyyyq: 20251 is 2025's first",
     .example = "20251"},
    {.name = "claimed",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The day the bank claimed it",
     .example = "\"2025-04-05\""},
    {.name = "paid",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "The day the government paid it; null while it is not paid",
     .example = "\"2025-04-20\""},
    {.name = "lines",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Its lines: a loan each",
     .example = "12"},
    {.name = "approved_lines",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Lines the government approved",
     .example = "11"},
    {.name = "rejected_lines",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "Lines it rejected (the rest are undecided)",
     .example = "1"},
    AMOUNT("amount",
           "The lines' sum; null to a government when fewer borrowers than the book's "
           "report_min_cell make it up",
           "\"24722.00\""),
    AMOUNT("approved", "What the approved lines hold (null as amount)", "\"22000.00\""),
    AMOUNT("rejected", "What the rejected lines hold (null as amount)", "\"2722.00\""),
    SUPPRESSED("true when the amounts are hidden from a government"),
};
const fb_wire_record fb_wire_subsidy_claim_row = {
    "SubsidyClaimRow", "a quarter's claim",
    "A subsidy scheme's claim of a quarter as it stands: its lines, what was decided, whether it "
    "is paid (GET /v1/subsidies/{id}/claims)",
    claim_row_fields, sizeof claim_row_fields / sizeof claim_row_fields[0]};

static const fb_wire_field guarantee_row_fields[] = {
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_OUT,
     .doc = "The borrowers' city; the last row, 210000, is the province's total (a city's user "
            "has its city's row alone)",
     .example = "210200"},
    COUNT("guarantees", "Guarantees of loans of the city's borrowers; null when suppressed", "14"),
    COUNT("borrowers", "Their borrowers; null when suppressed", "12"),
    AMOUNT("principal", "The guaranteed loans' principal outstanding", "\"12000000.00\""),
    AMOUNT("guaranteed", "Of it, the part guaranteed", "\"12000000.00\""),
    AMOUNT("net_exposure",
           "What the bank bears of the principal after the guarantees: the part "
           "not guaranteed and its own share of the part guaranteed",
           "\"2400000.00\""),
    COUNT("claims", "Claims made on defaulted loans", "2"),
    AMOUNT("basis", "The principal guaranteed the claims were made on", "\"800000.00\""),
    AMOUNT("bank_share", "Of it, the bank's own share (never owed by a guarantor)",
           "\"160000.00\""),
    AMOUNT("company_owed", "What the guarantee company owes of the claims (代偿)", "\"320000.00\""),
    AMOUNT("company_paid", "... and has paid", "\"320000.00\""),
    AMOUNT("company_returned", "... and was given back of later recoveries", "\"0.00\""),
    AMOUNT("national_fund_owed", "What the national financing guarantee fund owes",
           "\"160000.00\""),
    AMOUNT("national_fund_paid", "... and has paid", "\"160000.00\""),
    AMOUNT("national_fund_returned", "... and was given back", "\"0.00\""),
    AMOUNT("provincial_owed", "What the provincial re-guarantee owes", "\"160000.00\""),
    AMOUNT("provincial_paid", "... and has paid", "\"0.00\""),
    AMOUNT("provincial_returned", "... and was given back", "\"0.00\""),
    COUNT("overdue", "Guarantees with a guarantor's part unpaid past its day", "1"),
    SUPPRESSED("true when a government may not read the row's figures: fewer borrowers than the "
               "book's report_min_cell, or the complement of such a city"),
};
const fb_wire_record fb_wire_guarantee_row = {
    "GuaranteeRow", "a city's guarantees",
    "The government financing guarantees of a city's borrowers as they stand on the business "
    "date (GET /v1/reports/guarantees)",
    guarantee_row_fields, sizeof guarantee_row_fields / sizeof guarantee_row_fields[0]};

static const fb_wire_field lines_query_fields[] = {
    {.name = "quarter",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     .min = 20001,
     .max = 20994,
     .doc = "The claim's quarter as yyyyq: 20251 is 2025's first",
     .example = "20251"},
};
const fb_wire_record fb_wire_subsidy_lines_query = {"SubsidyLinesQuery", "a claim's lines' query",
                                                    "The quarter whose claim's lines are read",
                                                    lines_query_fields, 1};
