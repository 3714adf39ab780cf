/* records_guarantee.c — the tables (record.h) of government financing guarantees: a guarantee as
 * created and as read, the result of creating one, a guarantor's payment and the result of a
 * claim or a payment. */
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *result(int i) {
    const char *s = fb_guarantee_result_name((fb_guarantee_result)i);
    if (strcmp(s, "unknown") != 0) return s;
    return i == FB_GUARANTEE_ACCRUING + 1 ? "invalid" : NULL;
}
static const char *guarantor(int i) { return fb_guarantor_name((fb_guarantor)i); }
static const char *act(int i) {
    static const char *const names[] = {"claim", "pay", "share_back", "fee"};
    return i >= 0 && i < 4 ? names[i] : NULL;
}
static const fb_wire_values results = {result, 0}, guarantors = {guarantor, 0}, acts = {act, 0};

#define AT FB_WIRE_AT
#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define OPTIONAL (FB_WF_IN | FB_WF_OUT)
#define SOMETIMES FB_WF_SOMETIMES
#define SHARE(name_, k, doc_)                                                                      \
    {                                                                                              \
        .name = (name_), .type = FB_WT_PERCENT, .flags = OPTIONAL, AT(fb_guarantee, split_e6[k]),  \
        .doc = (doc_), .example = "\"20.0000\""                                                    \
    }
#define MONEY_OUT(name_, doc_)                                                                     \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = SOMETIMES, .doc = (doc_),                   \
        .example = "\"16000.00\""                                                                  \
    }

static const fb_wire_field guarantee_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_guarantee, id),
     .doc = "The guarantee's id (at most 48 characters)",
     .example = "\"G-2026-001\""},
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_guarantee, loan),
     .doc = "The loan guaranteed (active; one guarantee a loan)",
     .example = "\"L-DL-001\""},
    {.name = "company",
     .type = FB_WT_ID,
     .flags = GIVEN,
     AT(fb_guarantee, company),
     .doc = "The guarantee company, a party of the book",
     .example = "\"ln-guarantee\""},
    {.name = "covered",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_guarantee, covered_e6),
     .doc = "The share of the loan guaranteed (absent: 100%)",
     .example = "\"80.0000\""},
    SHARE("share_company", 0,
          "The company's share of the risk guaranteed (absent, all four: the settings, 40%)"),
    SHARE("share_national", 1, "The national financing guarantee fund's (20%)"),
    SHARE("share_provincial", 2, "The provincial re-guarantee's (20%)"),
    SHARE("share_bank", 3, "The bank's (20%); given, the four must sum to 100.0000%"),
    {.name = "fee",
     .type = FB_WT_PERCENT,
     .flags = OPTIONAL,
     AT(fb_guarantee, fee_e6),
     .doc = "The company's fee a year on the part guaranteed, paid by the borrower (absent: the "
            "setting guarantee_fee, 1%, the policy's target for the average; a higher one is "
            "kept)",
     .example = "\"1.0000\""},
    {.name = "pay_days",
     .type = FB_WT_INTEGER,
     .flags = OPTIONAL,
     AT(fb_guarantee, pay_days),
     .min = 0,
     .max = 365,
     .unit = "days",
     .doc = "Days the guarantors have to pay a claim (absent: the setting guarantee_pay_days)",
     .example = "90"},
    {.name = "created",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The business date it was made",
     .example = "\"2026-03-02\""},
    MONEY_OUT("principal", "As read: the loan's principal outstanding"),
    MONEY_OUT("net_exposure", "As read: what the bank bears of it after the guarantee"),
    {.name = "fee_years",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .unit = "years",
     .doc = "As read: the years of the guarantee its fee was charged for",
     .example = "1"},
    MONEY_OUT("fees", "As read: what the borrower paid the company: the years charged ahead and "
                      "what was collected of the fee accrued"),
    MONEY_OUT("fee_accrued",
              "As read: the fee accrued day by day (the part guaranteed x the rate / the setting "
              "guarantee_fee_year_days, 360), the days of a year charged ahead excepted"),
    MONEY_OUT("fee_collected", "As read: what the borrower's deposit paid of it to the company"),
    MONEY_OUT("fee_unpaid", "As read: what it still owes of it (accrued - collected)"),
    {.name = "fee_unpaid_since",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "As read: the first collection day a part was left unpaid (absent: none is)",
     .example = "\"2026-03-31\""},
    {.name = "fee_unpaid_days",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .unit = "days",
     .doc = "As read: the unpaid fee's age, days since that collection day",
     .example = "30"},
    {.name = "claimed",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "Claimed: the day",
     .example = "\"2027-02-01\""},
    {.name = "due",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "Claimed: the last day to pay",
     .example = "\"2027-05-02\""},
    MONEY_OUT("basis", "Claimed: the principal guaranteed it claimed on"),
    {.name = "owed",
     .type = FB_WT_MAP,
     .item = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "Claimed: each guarantor's part (company, national_fund, provincial)",
     .example = "{\"company\":\"32000.00\",\"national_fund\":\"16000.00\",\"provincial\":"
                "\"16000.00\"}"},
    {.name = "paid",
     .type = FB_WT_MAP,
     .item = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "Claimed: what each has paid",
     .example = "{\"company\":\"0.00\",\"national_fund\":\"16000.00\",\"provincial\":\"0.00\"}"},
    {.name = "returned",
     .type = FB_WT_MAP,
     .item = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "Claimed: recoveries since the claim shared back to each",
     .example = "{\"company\":\"0.00\",\"national_fund\":\"100.00\",\"provincial\":\"0.00\"}"},
    {.name = "overdue",
     .type = FB_WT_BOOLEAN,
     .flags = SOMETIMES,
     .doc = "Claimed: a part is unpaid past its last day",
     .example = "false"},
};
const fb_wire_record fb_wire_guarantee = {
    "Guarantee", "a guarantee",
    "A government financing guarantee (政府性融资担保) of a loan, its risk-sharing split and, as "
    "read, the bank's net exposure and the claim (POST /v1/guarantees; finbridge guarantees "
    "create)",
    guarantee_fields, sizeof guarantee_fields / sizeof guarantee_fields[0]};

static const fb_wire_field result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The guarantee",
     .example = "\"G1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &results,
     .flags = FB_WF_OUT,
     .doc = "done, exists, or the rule that refused it (nothing written)",
     .example = "\"done\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "invalid: the field at fault",
     .example = "\"split\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "invalid: why",
     .example = "\"must sum to 100.0000% (the four shares)\""},
};
const fb_wire_record fb_wire_guarantee_result = {"GuaranteeResult", "a guarantee's result",
                                                 "What creating a guarantee did", result_fields,
                                                 sizeof result_fields / sizeof result_fields[0]};

static const fb_wire_field pay_fields[] = {
    {.name = "guarantor",
     .type = FB_WT_ENUM,
     .values = &guarantors,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_json_guarantee_pay, who),
     .doc = "Who pays its part: company, national_fund or provincial",
     .example = "\"national_fund\""},
};
const fb_wire_record fb_wire_guarantee_pay = {
    "GuaranteePay", "a guarantor's payment",
    "A guarantor pays its part of a claim (代偿) (POST /v1/guarantees/{id}/payments; finbridge "
    "guarantees pay ID --guarantor G)",
    pay_fields, 1};

static const fb_wire_field claim_fields[] = {
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     AT(fb_json_guarantee_claim, date),
     .doc = "The business date (default; another is refused)",
     .example = "\"2027-02-01\""},
};
const fb_wire_record fb_wire_guarantee_claim = {
    "GuaranteeClaim", "a guarantee's claim or share-back",
    "The bank claims on a defaulted guaranteed loan (POST /v1/guarantees/{id}/claims; finbridge "
    "guarantees claim ID), or shares back what it recovered since "
    "(POST /v1/guarantees/{id}/share-backs; finbridge guarantees share-back ID), or charges the "
    "year's fee (POST /v1/guarantees/{id}/fees; finbridge guarantees fee ID)",
    claim_fields, 1};

static const fb_wire_field act_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The guarantee",
     .example = "\"G1\""},
    {.name = "act",
     .type = FB_WT_ENUM,
     .values = &acts,
     .flags = FB_WF_OUT,
     .doc = "claim, pay, share_back or fee",
     .example = "\"claim\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &results,
     .flags = FB_WF_OUT,
     .doc = "done, exists, or the rule that refused it (the API answers those as a problem)",
     .example = "\"done\""},
    {.name = "guarantor",
     .type = FB_WT_ENUM,
     .values = &guarantors,
     .flags = SOMETIMES,
     .doc = "pay: who paid",
     .example = "\"national_fund\""},
    MONEY_OUT("amount", "done or exists: claim the basis; pay the part paid; share_back what went "
                        "back to the guarantors; fee the fee charged, and refused "
                        "insufficient_funds the fee asked"),
    {.name = "year",
     .type = FB_WT_INTEGER,
     .flags = SOMETIMES,
     .unit = "year",
     .doc = "fee, done or exists: the year of the guarantee charged (1 from its creation)",
     .example = "1"},
    MONEY_OUT("available", "fee, insufficient_funds: what the borrower's deposit holds"),
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = SOMETIMES,
     .doc = "fee, insufficient_funds: what was available against the fee",
     .example = "\"0.00 available, less than the amount 640.00\""},
    {.name = "returned",
     .type = FB_WT_MAP,
     .item = FB_WT_MONEY,
     .flags = SOMETIMES,
     .doc = "share_back, done: what went back to each guarantor (company, national_fund, "
            "provincial), in proportion to what it paid",
     .example = "{\"company\":\"0.00\",\"national_fund\":\"4800.00\",\"provincial\":\"0.00\"}"},
    {.name = "due",
     .type = FB_WT_DATE,
     .flags = SOMETIMES,
     .doc = "claim, done or exists: the last day to pay",
     .example = "\"2027-05-02\""},
};
const fb_wire_record fb_wire_guarantee_act_result = {
    "GuaranteeActResult", "a guarantee act's result",
    "What a claim, a payment or a share-back of a recovery did", act_fields,
    sizeof act_fields / sizeof act_fields[0]};
