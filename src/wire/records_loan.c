/* records_loan.c — the table of a loan (record.h): its terms, how it is paid out and
 * collected, what is derived at drawdown and how it stands; and its result line. */
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *method(int i) { return fb_method_name((fb_method)i); }
static const char *day_count(int i) { return fb_day_count_name((fb_day_count)i); }
static const char *loan_status(int i) { return fb_loan_status_name((fb_loan_status)i); }
static const char *payment(int i) { return fb_payment_name((fb_payment)i); }
static const char *lpr_tenor(int i) {
    static const char *const names[] = {"1y", "5y", "auto"};
    return i >= 0 && i < 3 ? names[i] : NULL;
}
static const char *loan_result_name(int i) { return fb_loan_result_name((fb_loan_result)i); }
static const char *loan_result(int i) { return fb__wire_with_invalid(loan_result_name, i); }

static const fb_wire_values methods = {method, 0}, day_counts = {day_count, 0},
                            loan_statuses = {loan_status, 0}, lpr_tenors = {lpr_tenor, 0},
                            payments = {payment, 0}, loan_results = {loan_result, 0};

static int read_fixed_rate(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (fb_wire_read_value(f, v, record, err)) return FB_EINVAL;
    ((fb_loan *)record)->rate_kind = FB_RATE_FIXED;
    return FB_OK;
}

/* Two flags whose default is true are kept as their opposite, so that a zeroed loan is the
 * default one. */
static int read_auto_collect(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (!json_is_boolean(v)) return fb_wire_reject(err, f->name, "must be true or false");
    ((fb_loan *)record)->manual_collection = !json_is_true(v);
    return FB_OK;
}

static int read_business_purpose(const fb_wire_field *f, json_t *v, void *record,
                                 fb_json_error *err) {
    if (!json_is_boolean(v)) return fb_wire_reject(err, f->name, "must be true or false");
    ((fb_loan *)record)->personal_purpose = !json_is_true(v);
    return FB_OK;
}

static int read_lpr(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    fb_loan *x = record;
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strcmp(s, "1y") != 0 && strcmp(s, "5y") != 0 && strcmp(s, "auto") != 0) {
        return fb_wire_reject(err, f->name, "must be 1y, 5y or auto");
    }
    x->rate_kind = FB_RATE_LPR;
    x->lpr_tenor_years = s[0] == '1' ? 1 : s[0] == '5' ? 5 : 0;
    return FB_OK;
}

#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define OPTIONAL (FB_WF_IN | FB_WF_OUT)
#define DERIVED FB_WF_OUT
#define AT FB_WIRE_AT
#define POSITION_FIELDS FB__WIRE_POSITION_FIELDS
#define REFUSAL_FIELDS FB__WIRE_REFUSAL_FIELDS

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
    if (e6 % 10000 != 0 || e6 > (int64_t)100 * 10000) {
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
    {.name = "auto_collect",
     .type = FB_WT_BOOLEAN,
     .flags = OPTIONAL,
     .read = read_auto_collect,
     .doc = "Whether the borrower signed for automatic collection (代扣): end of day collects "
            "what falls due from its deposit account (default true); false: only repayments it "
            "makes itself",
     .example = "true"},
    {.name = "business_purpose",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .read = read_business_purpose,
     .doc = "For the business (经营用途, default true); a small-business owner's loan counts as "
            "inclusive only then. Written when false",
     .example = "true"},
    {.name = "restructured",
     .type = FB_WT_BOOLEAN,
     .flags = OPTIONAL,
     AT(fb_loan, restructured),
     .doc =
         "A restructured loan (重组资产, 金融资产风险分类办法 第十七条); given: a claim the bank "
         "restructured before it was brought in (default false); written: restructured, here "
         "or before",
     .example = "false"},
    {.name = "payment",
     .type = FB_WT_ENUM,
     .values = &payments,
     .flags = OPTIONAL,
     AT(fb_loan, payment),
     .doc = "How the amount is paid out: self (自主支付, into the borrower's deposit account, the "
            "default) or entrusted (受托支付: by the bank to payee, or to payee_account at "
            "another bank, for the purpose given)",
     .example = "\"entrusted\""},
    {.name = "payee",
     .type = FB_WT_ID,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_loan, payee),
     .doc = "Entrusted payment: the party of the book paid (into its deposit account)",
     .example = "\"sy-steel-supplier\""},
    {.name = "payee_account",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_loan, payee_account),
     .doc = "Entrusted payment to another bank: the payee's account number (paid through "
            "gl:payments_out)",
     .example = "\"6222021001122334455\""},
    {.name = "payee_name",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_loan, payee_name),
     .doc = "Entrusted payment to another bank: the account holder's name",
     .example = "\"大连重工设备有限公司\""},
    {.name = "purpose",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     AT(fb_loan, purpose),
     .doc = "What the loan is for (贷款用途); required for entrusted payment",
     .example = "\"采购数控机床主轴\""},
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
            "penalty accrue off the balance sheet; false for a loan settled or written off",
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
    {.name = "observation_floor",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = FB_WF_SOMETIMES,
     .doc = "Restructured and active: the class it may not rise above during its observation "
            "period (at least special mention; substandard once a payment was missed in it)",
     .example = "\"special_mention\""},
    {.name = "observation_missed",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_SOMETIMES,
     .doc = "Restructured and active: a payment was missed in the observation period, which "
            "then began again from that day (金融资产风险分类办法 第二十条)",
     .example = "false"},
    {.name = "difficulty_resolved",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_SOMETIMES,
     .doc = "Restructured and active: an officer found the debtor's financial difficulty "
            "resolved, so that the period ends at its end (第二十条)",
     .example = "false"},
    {.name = "arrears_repaid",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Non-performing on its way up: the day its arrears were all repaid (欠款结清日)",
     .example = "\"2026-03-20\""},
    {.name = "paid_on_time",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .unit = "installments",
     .doc = "With arrears_repaid: the installments paid on time since (结清后按期还款期数); it "
            "rises once these cover upgrade_periods and upgrade_months, whichever is longer",
     .example = "2"},
    {.name = "technical_overdue",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "Overdue by at most technical_overdue_days (the setting, 0 by default): the "
            "operational or technical short overdue that leaves it normal (7天内)",
     .example = "false"},
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
    FB__WIRE_MEASURED_DATE,
    FB__WIRE_MEASURED_CEILING,
};

const fb_wire_record fb_wire_loan_result = {
    "LoanResult", "a loan's result", "What drawing one loan did", loan_result_fields,
    sizeof loan_result_fields / sizeof loan_result_fields[0]};
