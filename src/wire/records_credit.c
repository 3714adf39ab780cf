/* records_credit.c — a debtor's credit report (征信报告) as an officer enters it, and what the
 * entry answers (record.h): the cross-bank floors of the 2023 rule read it at each close. */
#include "wire/record.h"
#include "wire/records.h"

static const char *credit_result(int i) { return fb_credit_result_name((fb_credit_result)i); }
static const fb_wire_values credit_results = {credit_result, 0};

#define AT FB_WIRE_AT

static const fb_wire_field credit_report_fields[] = {
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     AT(fb_credit_report, date),
     .doc = "The report's date (its source): on or before the business date (the default)",
     .example = "\"2026-02-27\""},
    {.name = "debt",
     .type = FB_WT_MONEY,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_credit_report, debt_fen),
     .doc = "The debtor's debts at all banks on the report, this bank's included",
     .example = "\"5000000.00\""},
    {.name = "overdue90",
     .type = FB_WT_MONEY,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_credit_report, overdue90_fen),
     .doc = "Of them, more than 90 days overdue (at most debt). Any: a non-retail debtor's loans "
            "are at least special mention; more than cross_bank_share (20%) of debt: at least "
            "substandard (金融资产风险分类办法, 2023), from the next close",
     .example = "\"1100000.00\""},
    {.name = "reference",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_credit_report, reference),
     .doc = "The report's number, as the bank files it",
     .example = "\"ZX2026022700012\""},
};
const fb_wire_record fb_wire_credit_report = {
    "CreditReport", "this operation",
    "A debtor's debts at all banks as its credit report shows them (征信: POST "
    "/v1/parties/{id}/credit-reports; finbridge parties credit-report)",
    credit_report_fields, sizeof credit_report_fields / sizeof credit_report_fields[0]};

static const fb_wire_field credit_result_fields[] = {
    {.name = "party",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The debtor",
     .example = "\"P1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &credit_results,
     .flags = FB_WF_OUT,
     .doc = "done, exists, or why not (exists_with_different: 409; after_business_date: 422)",
     .example = "\"done\""},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "The report's date",
     .example = "\"2026-02-27\""},
    {.name = "debt",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Its debts at all banks",
     .example = "\"5000000.00\""},
    {.name = "overdue90",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Of them, more than 90 days overdue",
     .example = "\"1100000.00\""},
    {.name = "share",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_SOMETIMES | FB_WF_NULLABLE,
     .doc = "overdue90 / debt (null: no debt)",
     .example = "\"22.0000\""},
    {.name = "reference",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "The report's number",
     .example = "\"ZX2026022700012\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "Refused: the condition",
     .example = "\"the report of that date is kept as entered: debt 5000000.00, overdue90 0.00\""},
    FB__WIRE_MEASURED_DATE,
};
const fb_wire_record fb_wire_credit_result = {
    "CreditReportResult", "a credit report's answer", "What recording a credit report did",
    credit_result_fields, sizeof credit_result_fields / sizeof credit_result_fields[0]};
