/* records_ledger.c — the tables of the ledger's records (record.h): accounts, transfers,
 * balances and the result of an event. Their decoders stay hand-written in ledger_json.c (the hot
 * path of 8,189-event batches, and `linked` read before anything else); tests/test_wire.c holds
 * them to these tables. */
#include <string.h>

#include "wire/record.h"
#include "wire/records.h"

static const char *account_flag(int i) { return fb_account_flag_name((unsigned)i); }
static const char *transfer_flag(int i) { return fb_transfer_flag_name((unsigned)i); }
static const char *pending_status(int i) {
    return i >= 1 && i <= FB_PENDING_EXPIRED ? fb_pending_status_name((fb_pending_status)i) : NULL;
}
static const char *event_result(int i) {
    if (i >= 0 && i < FB_RESULT_COUNT_) return fb_result_name((fb_result)i);
    return i == FB_RESULT_COUNT_ ? "invalid" : NULL;
}
static const fb_wire_values account_flags = {account_flag, 0}, transfer_flags = {transfer_flag, 0},
                            pending_statuses = {pending_status, 1},
                            event_results = {event_result, 0};

#define GIVEN (FB_WF_IN | FB_WF_REQUIRED | FB_WF_OUT)
#define OPTIONAL (FB_WF_IN | FB_WF_OUT)
#define BALANCES(of)                                                                               \
    {.name = "debits_pending",                                                                     \
     .type = FB_WT_MONEY,                                                                          \
     .flags = FB_WF_OUT,                                                                           \
     .doc = "Debits reserved by pending transfers" of,                                             \
     .example = "\"0.00\""},                                                                       \
        {.name = "debits_posted",                                                                  \
         .type = FB_WT_MONEY,                                                                      \
         .flags = FB_WF_OUT,                                                                       \
         .doc = "Debits posted" of,                                                                \
         .example = "\"200000.00\""},                                                              \
        {.name = "credits_pending",                                                                \
         .type = FB_WT_MONEY,                                                                      \
         .flags = FB_WF_OUT,                                                                       \
         .doc = "Credits reserved by pending transfers" of,                                        \
         .example = "\"0.00\""},                                                                   \
    {                                                                                              \
        .name = "credits_posted", .type = FB_WT_MONEY, .flags = FB_WF_OUT,                         \
        .doc = "Credits posted" of, .example = "\"4400000.00\""                                    \
    }

static const fb_wire_field account_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     .doc = "The account's id, chosen by the caller",
     .example = "\"ext:suppliers\""},
    {.name = "ledger",
     .type = FB_WT_INTEGER,
     .flags = GIVEN,
     .min = 0,
     .max = UINT32_MAX,
     .doc = "Its ledger: transfers only move between accounts of one ledger (1 the balance "
            "sheet, 2 off-balance limits, 3 memo, 4 certificates; docs/accounts.md)",
     .example = "1"},
    {.name = "code",
     .type = FB_WT_INTEGER,
     .flags = GIVEN,
     .min = 0,
     .max = UINT16_MAX,
     .doc = "Its code in the chart of accounts (2011 deposits, 1303 loans, ...)",
     .example = "3001"},
    {.name = "flags",
     .type = FB_WT_ARRAY,
     .item = FB_WT_ENUM,
     .values = &account_flags,
     .flags = OPTIONAL,
     .doc = "linked (fails or succeeds with the next event), debits_must_not_exceed_credits, "
            "credits_must_not_exceed_debits, history (keeps its balances by time), closed",
     .example = "[\"history\"]"},
    {.name = "user_data",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .doc = "The caller's text, at most 128 bytes; written when given",
     .example = "\"ref 42\""},
    BALANCES(""),
    {.name = "timestamp",
     .type = FB_WT_TIMESTAMP,
     .flags = FB_WF_OUT,
     .doc = "When it was created, unique in the ledger (set by the ledger, refused on input)",
     .example = "\"1767225600000000001\""},
};

const fb_wire_record fb_wire_account = {
    "Account", "an account",
    "An account of the double-entry ledger: debits and credits kept apart, pending and posted; "
    "balances are derived",
    account_fields, sizeof account_fields / sizeof account_fields[0]};

static const fb_wire_field transfer_fields[] = {
    {.name = "id",
     .type = FB_WT_ID,
     .flags = GIVEN,
     .doc = "The transfer's id, chosen by the caller: the same again is found, not applied twice",
     .example = "\"pay:SY-DL-0412\""},
    {.name = "debit_account_id",
     .type = FB_WT_ID,
     .flags = OPTIONAL,
     .doc = "The account debited (a post or void: the pending transfer's, when absent)",
     .example = "\"dep:sy-machine-tools\""},
    {.name = "credit_account_id",
     .type = FB_WT_ID,
     .flags = OPTIONAL,
     .doc = "The account credited",
     .example = "\"dep:dl-bearings\""},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = OPTIONAL,
     .doc = "The amount moved, a string of yuan; absent on a post: the pending amount",
     .example = "\"4200000.00\""},
    {.name = "pending_id",
     .type = FB_WT_ID,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .doc = "A post or void: the pending transfer it closes",
     .example = "\"pay:SY-DL-0412\""},
    {.name = "ledger",
     .type = FB_WT_INTEGER,
     .flags = OPTIONAL,
     .min = 0,
     .max = UINT32_MAX,
     .doc = "Its ledger, the accounts'",
     .example = "1"},
    {.name = "code",
     .type = FB_WT_INTEGER,
     .flags = OPTIONAL,
     .min = 0,
     .max = UINT16_MAX,
     .doc = "Why it moves money, a code of the caller's (201 a payment, ...)",
     .example = "201"},
    {.name = "flags",
     .type = FB_WT_ARRAY,
     .item = FB_WT_ENUM,
     .values = &transfer_flags,
     .flags = OPTIONAL,
     .doc = "linked, pending (reserve only), post_pending_transfer, void_pending_transfer, "
            "balancing_debit, balancing_credit, closing_debit, closing_credit",
     .example = "[\"pending\"]"},
    {.name = "timeout",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .min = 0,
     .max = UINT32_MAX,
     .unit = "seconds",
     .doc = "A pending transfer: it expires this long after it was made (0: never)",
     .example = "86400"},
    {.name = "user_data",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_SOMETIMES,
     .doc = "The caller's text, at most 128 bytes",
     .example = "\"invoice 0412\""},
    {.name = "value_date",
     .type = FB_WT_DATE,
     .flags = OPTIONAL,
     .doc = "The business date it belongs to, after 1970-01-01; absent: the book's business "
            "date, or the day of its timestamp when no day has been closed. Part of its "
            "identity when given",
     .example = "\"2025-06-30\""},
    {.name = "timestamp",
     .type = FB_WT_TIMESTAMP,
     .flags = FB_WF_OUT,
     .doc = "When it was applied (set by the ledger)",
     .example = "\"1767225600000000002\""},
    {.name = "status",
     .type = FB_WT_ENUM,
     .values = &pending_statuses,
     .flags = FB_WF_SOMETIMES,
     .doc = "A pending transfer: pending, posted, voided or expired",
     .example = "\"posted\""},
};

const fb_wire_record fb_wire_transfer = {
    "Transfer", "a transfer",
    "A transfer of the ledger: one amount from a debit account to a credit account of one "
    "ledger, never changed (corrections are new transfers); two-phase with pending",
    transfer_fields, sizeof transfer_fields / sizeof transfer_fields[0]};

static const fb_wire_field balance_fields[] = {
    {.name = "account",
     .type = FB_WT_ID,
     .flags = FB_WF_OUT,
     .doc = "The account",
     .example = "\"dep:dl-bearings\""},
    {.name = "timestamp",
     .type = FB_WT_TIMESTAMP,
     .flags = FB_WF_OUT,
     .doc = "The event after which it held these balances (as_of before its first: as_of, all "
            "zero; as_of a date: the last event counted, 0 when none)",
     .example = "\"1767225600000000002\""},
    {.name = "value_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_OUT,
     .doc = "The event's value date; as_of a date: that date, the balances summing every event "
            "of the date and before",
     .example = "\"2025-06-30\""},
    BALANCES(" by then"),
};

const fb_wire_record fb_wire_balance = {
    "Balance", "a balance", "An account's balances at a time (accounts with the history flag)",
    balance_fields, sizeof balance_fields / sizeof balance_fields[0]};

static const fb_wire_field event_result_fields[] = {
    {.name = "line",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The command line: the input line's number, from 1",
     .example = "1"},
    {.name = "index",
     .type = FB_WT_INTEGER,
     .flags = FB_WF_SOMETIMES,
     .doc = "The API: the event's position in the body's array, from 0",
     .example = "0"},
    {.name = "id",
     .type = FB_WT_ID,
     .flags = FB_WF_SOMETIMES,
     .doc = "The event's id (absent when a line could not be read that far)",
     .example = "\"pay:SY-DL-0412\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &event_results,
     .flags = FB_WF_OUT,
     .doc = "created, exists, or the first check it failed, in the ledger's fixed order "
            "(docs/ledger.md); invalid: the line could not be read (the API refuses the body with "
            "400)",
     .example = "\"created\""},
    {.name = "timestamp",
     .type = FB_WT_TIMESTAMP,
     .flags = FB_WF_SOMETIMES,
     .doc = "Created: the event's timestamp",
     .example = "\"1767225600000000002\""},
    {.name = "amount",
     .type = FB_WT_MONEY,
     .flags = FB_WF_SOMETIMES,
     .doc = "A transfer created: the amount moved (a balancing or post transfer's may be less)",
     .example = "\"4200000.00\""},
    {.name = "field",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "An invalid line: the field at fault",
     .example = "\"amount\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_SOMETIMES,
     .doc = "Not created: why, in words",
     .example = "\"the debit account does not exist\""},
};

const fb_wire_record fb_wire_event_result = {
    "EventResult", "an event's result", "What creating one account or transfer did",
    event_result_fields, sizeof event_result_fields / sizeof event_result_fields[0]};

static const fb_wire_field transfer_page_fields[] = {
    {.name = "transfers",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_transfer,
     .flags = FB_WF_OUT,
     .doc = "The transfers of the page, in timestamp order",
     .example = NULL},
    {.name = "next_cursor",
     .type = FB_WT_TIMESTAMP,
     .flags = FB_WF_OUT | FB_WF_NULLABLE,
     .doc = "The cursor of the next page, or null when this one was not full",
     .example = "\"1767225600000000002\""},
};

const fb_wire_record fb_wire_transfer_page = {
    "TransferPage", "a page of transfers", "A page of an account's transfers", transfer_page_fields,
    sizeof transfer_page_fields / sizeof transfer_page_fields[0]};
