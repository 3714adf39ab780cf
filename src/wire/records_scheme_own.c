/* records_scheme_own.c — the tables (record.h) of what a guarantee company and an enterprise read
 * of their own in the government's schemes: the company's guarantees summed, and an
 * enterprise's loan enrolled in an interest-subsidy scheme with what it received and awaits. */
#include "wire/record.h"
#include "wire/records.h"

#define MONEY(name_, doc_, example_)                                                               \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = FB_WF_OUT, .doc = (doc_),                   \
        .example = (example_)                                                                      \
    }
#define COUNT(name_, doc_, example_)                                                               \
    {                                                                                              \
        .name = (name_), .type = FB_WT_INTEGER, .flags = FB_WF_OUT, .doc = (doc_),                 \
        .example = (example_)                                                                      \
    }

static const fb_wire_field guarantor_fields[] = {
    {.name = "company",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The guarantee company, a party of the book",
     .example = "\"ln-guarantee\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "The company's name",
     .example = "\"辽宁省融资担保集团有限公司\""},
    COUNT("guarantees", "Its guarantees, of loans outstanding or not", "12"),
    COUNT("active", "Of them, of loans with principal outstanding", "10"),
    MONEY("principal", "The guaranteed loans' principal outstanding", "\"9000000.00\""),
    MONEY("guaranteed", "Of it, the part guaranteed", "\"9000000.00\""),
    MONEY("share",
          "Of that, the company's own share of the risk, as a claim would split it (the other "
          "guarantors' and the bank's shares half up, the company the remainder)",
          "\"3600000.00\""),
    MONEY("fees",
          "The guarantee fees the borrowers paid it: the years charged ahead and what was "
          "collected of the fees accrued",
          "\"90000.00\""),
    COUNT("claims", "Claims the bank made on its defaulted guaranteed loans", "2"),
    MONEY("basis", "The principal guaranteed the claims were made on", "\"800000.00\""),
    MONEY("owed", "Its part of the claims (代偿)", "\"320000.00\""),
    MONEY("paid", "... of which it has paid", "\"320000.00\""),
    MONEY("returned", "Recoveries since the claims shared back to it", "\"1200.00\""),
    COUNT("overdue", "Guarantees with a guarantor's part unpaid past its day", "0"),
};
const fb_wire_record fb_wire_guarantor_summary = {
    "GuarantorSummary", "a guarantee company's figures",
    "A guarantee company's guarantees as they stand on the business date: the loans, the part "
    "guaranteed and its own share, the fees it was paid, the claims, its part paid and given back "
    "(GET /v1/guarantors/{id}; a guarantor reads its own company alone)",
    guarantor_fields, sizeof guarantor_fields / sizeof guarantor_fields[0]};

static const fb_wire_field party_subsidy_fields[] = {
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The enterprise's loan enrolled",
     .example = "\"ln-0001\""},
    {.name = "scheme",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The subsidy scheme",
     .example = "\"LN-SUB-2025\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "The scheme's name",
     .example = "\"设备更新贷款贴息\""},
    {.name = "mode",
     .type = FB_WT_STRING,
     .flags = FB_WF_OUT,
     .doc = "net: the bank charges the net rate; deposit: the subsidy goes to the deposit account",
     .example = "\"net\""},
    {.name = "points",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_OUT,
     .doc = "The scheme's percentage points a year (0.0000 when it pays a share)",
     .example = "\"1.0000\""},
    {.name = "share",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_OUT,
     .doc = "The scheme's share of the contract interest (0.0000 when it pays points)",
     .example = "\"0.0000\""},
    {.name = "start",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The first day it accrues",
     .example = "\"2025-03-02\""},
    {.name = "until",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The day it stops accruing (the term's end)",
     .example = "\"2027-03-02\""},
    MONEY("committed", "What it may earn over its term (held of the scheme's budget)",
          "\"20000.00\""),
    MONEY("accrued", "Accrued so far", "\"2466.00\""),
    MONEY("paid", "Paid by the government: approved lines of paid claims", "\"1800.00\""),
    MONEY("rejected", "Rejected lines of paid claims", "\"0.00\""),
    MONEY("pending", "Accrued, neither paid nor rejected yet", "\"666.00\""),
    MONEY("claimed", "Of the pending, in a claim the government has not paid yet", "\"400.00\""),
};
const fb_wire_record fb_wire_party_subsidy = {
    "PartySubsidy", "a loan's interest subsidy",
    "An enterprise's loan enrolled in an interest-subsidy scheme: the scheme's terms, what it "
    "accrued, received and awaits (GET /v1/parties/{id}/subsidies; an enterprise its own)",
    party_subsidy_fields, sizeof party_subsidy_fields / sizeof party_subsidy_fields[0]};
