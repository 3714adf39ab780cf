/* records_servicing.c — the tables of a loan's servicing (record.h): its schedule, a repayment,
 * a write-off and a recovery with what they answer, and end of day. */
#include "wire/record.h"
#include "wire/records.h"

static const char *loan_status(int i) { return fb_loan_status_name((fb_loan_status)i); }
static const char *prepay(int i) { return fb_prepay_name((fb_prepay)i); }
static const char *repay_result(int i) { return fb_repay_result_name((fb_repay_result)i); }
static const fb_wire_values loan_statuses = {loan_status, 0}, prepays = {prepay, 1},
                            repay_results = {repay_result, 0};

#define DERIVED FB_WF_OUT
#define AT FB_WIRE_AT

static const fb_wire_field installment_fields[] = {
    {.name = "n",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Its number, from 1",
     .example = "1"},
    {.name = "due_date",
     .type = FB_WT_DATE,
     .flags = DERIVED,
     .doc = "When it falls due (the repayment day, or the month's last day)",
     .example = "\"2025-07-20\""},
    {.name = "payment",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal plus interest due",
     .example = "\"602083.33\""},
    {.name = "principal",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal due",
     .example = "\"500000.00\""},
    {.name = "interest",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Interest due: the balance × the monthly rate, or by days for a broken period",
     .example = "\"102083.33\""},
    {.name = "balance",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal outstanding after it",
     .example = "\"29500000.00\""},
};

const fb_wire_record fb_wire_installment = {
    "Installment", "an installment", "One installment of a schedule", installment_fields,
    sizeof installment_fields / sizeof installment_fields[0]};

static const fb_wire_field schedule_fields[] = {
    {.name = "installments",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_installment,
     .flags = DERIVED,
     .doc = "Every installment, in order",
     .example = NULL},
    {.name = "total_interest",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Interest over the whole term",
     .example = "\"3735937.50\""},
    {.name = "total_payment",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Principal and interest over the whole term",
     .example = "\"33735937.50\""},
};

const fb_wire_record fb_wire_schedule = {
    "Schedule", "a schedule",
    "A repayment schedule: a loan's stored one, or the calculator's (GET /v1/schedule, finbridge "
    "schedule)",
    schedule_fields, sizeof schedule_fields / sizeof schedule_fields[0]};

/* ---- Servicing: repayments, write-offs, recoveries --------------------------------------------
 */

#define SERVICING_DATE                                                                             \
    {                                                                                              \
        .name = "date", .type = FB_WT_DATE, .flags = FB_WF_IN, AT(fb_repayment, date),             \
        .doc = "The business date (the default); any other day is refused",                        \
        .example = "\"2026-01-05\""                                                                \
    }
#define SERVICING_ID                                                                               \
    {                                                                                              \
        .name = "id", .type = FB_WT_ID, .flags = FB_WF_IN, AT(fb_repayment, id),                   \
        .doc = "The caller's id for it: the same id again is found, not booked twice",             \
        .example = "\"R-2026-001\""                                                                \
    }

static const fb_wire_field repayment_fields[] = {
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_repayment, amount_fen),
     .doc = "What the borrower pays from its deposit account: penalty first, then the oldest "
            "installment's interest and principal, on to the newest due",
     .example = "\"1000000.00\""},
    SERVICING_DATE,
    {.name = "prepay",
     .type = FB_WT_ENUM,
     .values = &prepays,
     .flags = FB_WF_IN,
     AT(fb_repayment, prepay),
     .doc = "What money beyond what is due does: reduce_term (keep the installment, shorten the "
            "term) or reduce_installment (keep the term); without it nothing is prepaid",
     .example = "\"reduce_installment\""},
    SERVICING_ID,
};

const fb_wire_record fb_wire_repayment = {
    "Repayment", "this operation",
    "A repayment of a loan (the API: the body of POST /v1/loans/{id}/repayments; the command "
    "line: finbridge loans repay ID --amount --date --prepay --id)",
    repayment_fields, sizeof repayment_fields / sizeof repayment_fields[0]};

static const fb_wire_field write_off_fields[] = {SERVICING_DATE, SERVICING_ID};

const fb_wire_record fb_wire_write_off = {
    "WriteOff", "this operation",
    "A write-off of a loss loan (POST /v1/loans/{id}/write-off; finbridge loans write-off)",
    write_off_fields, sizeof write_off_fields / sizeof write_off_fields[0]};

static const fb_wire_field recovery_fields[] = {
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_repayment, amount_fen),
     .doc = "What was recovered, from the borrower's deposit account; at most what was written "
            "off and not recovered",
     .example = "\"50000.00\""},
    SERVICING_DATE,
    SERVICING_ID,
};

const fb_wire_record fb_wire_recovery = {
    "Recovery", "this operation",
    "Money recovered on a written-off loan (POST /v1/loans/{id}/recoveries; finbridge loans "
    "recover)",
    recovery_fields, sizeof recovery_fields / sizeof recovery_fields[0]};

static const fb_wire_field servicing_fields[] = {
    {.name = "loan",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The loan",
     .example = "\"LN-DL-001\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &repay_results,
     .flags = FB_WF_OUT,
     .doc = "done, exists (the same id was booked before: its figures), or why not (the API "
            "answers those as a problem: 404, 409 or 422 with this name as its title)",
     .example = "\"done\""},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The caller's id, if given",
     .example = "\"DL-PREPAY-1\""},
    {.name = "n",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "Done or exists: the loan's repayment number",
     .example = "1"},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_SOMETIMES,
     .doc = "Done or exists: its date",
     .example = "\"2026-01-05\""},
    {.name = "penalty",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Penalty and compound interest paid (a write-off: written off)",
     .example = "\"0.00\""},
    {.name = "interest",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Interest paid (written off)",
     .example = "\"0.00\""},
    {.name = "principal",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Principal paid (written off), prepayment included",
     .example = "\"1000000.00\""},
    {.name = "prepaid",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Of the principal, what was prepaid",
     .example = "\"1000000.00\""},
    {.name = "off_balance",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Of the penalty and interest, what settled amounts off the balance sheet (表外, "
            "before what is on it: the setting offbalance_first); a write-off: what left the "
            "memo ledger besides its penalty and interest",
     .example = "\"0.00\""},
    {.name = "unapplied",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "Done: what was more than owed, left in the deposit account",
     .example = "\"0.00\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &loan_statuses,
     .flags = FB_WF_SOMETIMES,
     .doc = "Done: the loan's status afterwards",
     .example = "\"active\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "A refusal measured against a figure (before_business_date, insufficient_funds): "
            "what it was measured against, in words",
     .example = "\"the deposit account has 0.00 available, less than the amount\""},
    FB__WIRE_MEASURED_DATE,
    FB__WIRE_MEASURED_AVAILABLE,
};

const fb_wire_record fb_wire_servicing = {
    "Servicing", "a servicing answer",
    "What a repayment, a write-off or a recovery did, on both doors", servicing_fields,
    sizeof servicing_fields / sizeof servicing_fields[0]};

/* ---- End of day -------------------------------------------------------------------------------
 */

static const fb_wire_field eod_input_fields[] = {
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_json_eod, through),
     .doc = "Close every day from the business date through this one (a day already closed: "
            "nothing to do)",
     .example = "\"2025-12-31\""},
};

const fb_wire_record fb_wire_eod_input = {
    "EndOfDay", "this operation", "An end of day (POST /v1/eod; finbridge eod --date D)",
    eod_input_fields, sizeof eod_input_fields / sizeof eod_input_fields[0]};

static const fb_wire_field eod_day_fields[] = {
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = DERIVED,
     .doc = "The day closed",
     .example = "\"2025-12-31\""},
    {.name = "loans",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Active loans at the close",
     .example = "3"},
    {.name = "interest_accrued",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "The day's interest accrual",
     .example = "\"3633.33\""},
    {.name = "penalty_accrued",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "The day's penalty and compound interest accrual",
     .example = "\"0.00\""},
    {.name = "installments_due",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Installments falling due on the next day",
     .example = "1"},
    {.name = "auto_debits",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Repayments collected from deposit accounts",
     .example = "1"},
    {.name = "auto_debited",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "What they collected",
     .example = "\"602083.33\""},
    {.name = "overdue_loans",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Loans with anything overdue",
     .example = "0"},
    {.name = "npl_loans",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Non-performing loans (substandard, doubtful, loss)",
     .example = "0"},
    {.name = "npl_principal",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Their principal outstanding",
     .example = "\"0.00\""},
    {.name = "class_changes",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Loans whose class changed",
     .example = "0"},
    {.name = "repriced_loans",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "LPR loans repriced on their anniversary",
     .example = "0"},
    {.name = "expired_pending",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Pending transfers whose timeout passed, expired",
     .example = "0"},
    {.name = "certificates_settled",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Certificate parts paid at maturity",
     .example = "0"},
    {.name = "certificates_paid",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "What their cores paid",
     .example = "\"0.00\""},
    {.name = "advances",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Cores whose deposit fell short at maturity: an overdue advance each",
     .example = "0"},
    {.name = "advanced",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "What was advanced",
     .example = "\"0.00\""},
    {.name = "discount_accrued",
     .type = FB_WT_MONEY,
     .flags = DERIVED,
     .doc = "Discount of financed certificates earned that day",
     .example = "\"79.17\""},
};

const fb_wire_record fb_wire_eod_day = {
    "EodDay", "a day closed",
    "What one end of day did: one JSON line a day on the command line, one element of days in "
    "the API's answer",
    eod_day_fields, sizeof eod_day_fields / sizeof eod_day_fields[0]};

static const fb_wire_field eod_run_fields[] = {
    {.name = "days_closed",
     .type = FB_WT_INTEGER,
     .flags = DERIVED,
     .doc = "Days closed",
     .unit = "days",
     .example = "1"},
    {.name = "business_date",
     .type = FB_WT_DATE,
     .flags = DERIVED,
     .doc = "The day now open",
     .example = "\"2026-01-01\""},
    {.name = "days",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_eod_day,
     .flags = DERIVED,
     .doc = "Each day closed, in order (the command line's lines)",
     .example = NULL},
};

const fb_wire_record fb_wire_eod_run = {
    "EodRun", "an end of day's answer",
    "What an end of day did (the API's answer; the command line prints days as lines and the "
    "rest on stderr). A server that is stopping closes the day it is closing and answers 503 (a "
    "problem, title stopped, naming the days closed and the business date): those days stay "
    "closed, and the same request again closes the rest",
    eod_run_fields, sizeof eod_run_fields / sizeof eod_run_fields[0]};

static const fb_wire_field eod_status_fields[] = {
    {.name = "simulation",
     .type = FB_WT_BOOLEAN,
     .flags = DERIVED,
     .doc = "A simulation book (the setting simulation: the demo's), which may close days ahead "
            "of the calendar; the dashboard marks it",
     .example = "false"},
    {.name = "business_date",
     .type = FB_WT_DATE,
     .flags = DERIVED | FB_WF_NULLABLE,
     .doc = "The day now open; null before the first end of day",
     .example = "\"2026-01-01\""},
    {.name = "last_closed",
     .type = FB_WT_DATE,
     .flags = DERIVED | FB_WF_NULLABLE,
     .doc = "The last day closed, the day before",
     .example = "\"2025-12-31\""},
};

const fb_wire_record fb_wire_eod_status = {
    "EodStatus", "the business date", "The business date and the last day closed",
    eod_status_fields, sizeof eod_status_fields / sizeof eod_status_fields[0]};
