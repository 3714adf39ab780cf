/* results.c — names, reasons and transience of event results, and flag names.
 *
 * The table is indexed by fb_result, so its order is the enum's. The order of *checks* is in
 * ledger.c and docs/ledger.md. */
#include "core/assert.h"
#include "finbridge/finbridge.h"

typedef struct {
    const char *name;
    const char *reason;
    bool transient;
} result_info;

static const result_info results[FB_RESULT_COUNT_] = {
    [FB_RESULT_CREATED] = {"created", "the event was applied", false},
    [FB_RESULT_LINKED_EVENT_FAILED] = {"linked_event_failed",
                                       "another event of its linked chain failed", false},
    [FB_RESULT_LINKED_EVENT_CHAIN_OPEN] = {"linked_event_chain_open",
                                           "the last event of the batch is linked, so its chain "
                                           "never closes",
                                           false},
    [FB_RESULT_ID_MUST_NOT_BE_ZERO] = {"id_must_not_be_zero", "the id is empty", false},
    [FB_RESULT_ID_MALFORMED] = {"id_malformed",
                                "the id is not 1-64 characters from A-Z a-z 0-9 . _ : -", false},
    [FB_RESULT_ID_ALREADY_FAILED] = {"id_already_failed",
                                     "an earlier event with this id failed for a reason that "
                                     "depended on the books; use a new id",
                                     false},
    [FB_RESULT_EXISTS] = {"exists", "an identical event with this id was already applied", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS] = {"exists_with_different_flags",
                                               "the id exists with other flags", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID] = {"exists_with_different_pending_id",
                                                    "the id exists with another pending_id", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT] = {"exists_with_different_timeout",
                                                 "the id exists with another timeout", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID] =
        {"exists_with_different_debit_account_id", "the id exists with another debit account",
         false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID] =
        {"exists_with_different_credit_account_id", "the id exists with another credit account",
         false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT] = {"exists_with_different_amount",
                                                "the id exists with another amount", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA] = {"exists_with_different_user_data",
                                                   "the id exists with other user_data", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER] = {"exists_with_different_ledger",
                                                "the id exists on another ledger", false},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_CODE] = {"exists_with_different_code",
                                              "the id exists with another code", false},
    [FB_RESULT_RESERVED_FLAG] = {"reserved_flag", "a flag bit outside the defined ones is set",
                                 false},
    [FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE] = {"flags_are_mutually_exclusive",
                                                "two flags that exclude each other are set", false},
    [FB_RESULT_LEDGER_MUST_NOT_BE_ZERO] = {"ledger_must_not_be_zero", "ledger must be positive",
                                           false},
    [FB_RESULT_CODE_MUST_NOT_BE_ZERO] = {"code_must_not_be_zero", "code must be positive", false},
    [FB_RESULT_AMOUNT_MUST_NOT_BE_NEGATIVE] = {"amount_must_not_be_negative",
                                               "the amount is negative", false},
    [FB_RESULT_DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO] = {"debit_account_id_must_not_be_zero",
                                                     "debit_account_id is missing", false},
    [FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED] = {"debit_account_id_malformed",
                                              "debit_account_id is not a valid id", false},
    [FB_RESULT_CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO] = {"credit_account_id_must_not_be_zero",
                                                      "credit_account_id is missing", false},
    [FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED] = {"credit_account_id_malformed",
                                               "credit_account_id is not a valid id", false},
    [FB_RESULT_ACCOUNTS_MUST_BE_DIFFERENT] = {"accounts_must_be_different",
                                              "the debit and credit accounts are the same", false},
    [FB_RESULT_PENDING_ID_MUST_BE_ZERO] = {"pending_id_must_be_zero",
                                           "pending_id is only for posting or voiding", false},
    [FB_RESULT_PENDING_ID_MUST_NOT_BE_ZERO] = {"pending_id_must_not_be_zero",
                                               "posting or voiding needs pending_id", false},
    [FB_RESULT_PENDING_ID_MALFORMED] = {"pending_id_malformed", "pending_id is not a valid id",
                                        false},
    [FB_RESULT_PENDING_ID_MUST_BE_DIFFERENT] = {"pending_id_must_be_different",
                                                "pending_id names the transfer itself", false},
    [FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER] = {"timeout_reserved_for_pending_transfer",
                                                         "only a pending transfer has a timeout",
                                                         false},
    [FB_RESULT_TIMEOUT_TOO_LONG] = {"timeout_too_long",
                                    "the timeout is longer than one year (limits.h)", false},
    [FB_RESULT_CLOSING_TRANSFER_MUST_BE_PENDING] = {"closing_transfer_must_be_pending",
                                                    "a closing transfer must be pending", false},
    [FB_RESULT_AMOUNT_MUST_BE_GIVEN] = {"amount_must_be_given",
                                        "only balancing, posting and voiding transfers may omit "
                                        "the amount",
                                        false},
    [FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND] = {"debit_account_not_found",
                                           "the debit account does not exist", true},
    [FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND] = {"credit_account_not_found",
                                            "the credit account does not exist", true},
    [FB_RESULT_ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER] = {"accounts_must_have_the_same_ledger",
                                                      "the two accounts are on different ledgers",
                                                      false},
    [FB_RESULT_TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS] =
        {"transfer_must_have_the_same_ledger_as_accounts",
         "the transfer's ledger is not its accounts' ledger", false},
    [FB_RESULT_PENDING_TRANSFER_NOT_FOUND] = {"pending_transfer_not_found",
                                              "no transfer has pending_id", true},
    [FB_RESULT_PENDING_TRANSFER_NOT_PENDING] = {"pending_transfer_not_pending",
                                                "the transfer named by pending_id is not pending",
                                                false},
    [FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID] =
        {"pending_transfer_has_different_debit_account_id",
         "the pending transfer debits another account", false},
    [FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID] =
        {"pending_transfer_has_different_credit_account_id",
         "the pending transfer credits another account", false},
    [FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_LEDGER] = {"pending_transfer_has_different_ledger",
                                                         "the pending transfer is on another "
                                                         "ledger",
                                                         false},
    [FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CODE] = {"pending_transfer_has_different_code",
                                                       "the pending transfer has another code",
                                                       false},
    [FB_RESULT_EXCEEDS_PENDING_TRANSFER_AMOUNT] = {"exceeds_pending_transfer_amount",
                                                   "the amount is more than was reserved", false},
    [FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT] = {"pending_transfer_has_different_amount",
                                                         "a void must release the whole pending "
                                                         "amount",
                                                         false},
    [FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED] = {"pending_transfer_already_posted",
                                                   "the pending transfer was already posted",
                                                   false},
    [FB_RESULT_PENDING_TRANSFER_ALREADY_VOIDED] = {"pending_transfer_already_voided",
                                                   "the pending transfer was already voided",
                                                   false},
    [FB_RESULT_PENDING_TRANSFER_EXPIRED] = {"pending_transfer_expired",
                                            "the pending transfer's timeout has passed", false},
    [FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED] = {"debit_account_already_closed",
                                                "the debit account is closed", true},
    [FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED] = {"credit_account_already_closed",
                                                 "the credit account is closed", true},
    [FB_RESULT_OVERFLOWS_DEBITS_PENDING] = {"overflows_debits_pending",
                                            "the debit account's pending debits would overflow",
                                            false},
    [FB_RESULT_OVERFLOWS_CREDITS_PENDING] = {"overflows_credits_pending",
                                             "the credit account's pending credits would "
                                             "overflow",
                                             false},
    [FB_RESULT_OVERFLOWS_DEBITS_POSTED] = {"overflows_debits_posted",
                                           "the debit account's posted debits would overflow",
                                           false},
    [FB_RESULT_OVERFLOWS_CREDITS_POSTED] = {"overflows_credits_posted",
                                            "the credit account's posted credits would overflow",
                                            false},
    [FB_RESULT_OVERFLOWS_DEBITS] = {"overflows_debits",
                                    "the debit account's pending plus posted debits would "
                                    "overflow",
                                    false},
    [FB_RESULT_OVERFLOWS_CREDITS] = {"overflows_credits",
                                     "the credit account's pending plus posted credits would "
                                     "overflow",
                                     false},
    [FB_RESULT_OVERFLOWS_TIMEOUT] = {"overflows_timeout",
                                     "the timestamp plus the timeout would overflow", false},
    [FB_RESULT_EXCEEDS_CREDITS] = {"exceeds_credits",
                                   "the debit account's debits would exceed its credits", true},
    [FB_RESULT_EXCEEDS_DEBITS] = {"exceeds_debits",
                                  "the credit account's credits would exceed its debits", true},
    [FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE] = {"exists_with_different_value_date",
                                                    "the id exists with another value_date", false},
};

static const result_info *info(fb_result r) {
    if ((unsigned)r >= FB_RESULT_COUNT_) return NULL;
    FB_ASSERT(results[r].name != NULL);
    return &results[r];
}

const char *fb_result_name(fb_result r) {
    const result_info *i = info(r);
    return i ? i->name : "unknown";
}

const char *fb_result_reason(fb_result r) {
    const result_info *i = info(r);
    return i ? i->reason : "unknown result";
}

bool fb_result_transient(fb_result r) {
    const result_info *i = info(r);
    return i ? i->transient : false;
}

static const char *account_flags[] = {"linked", "debits_must_not_exceed_credits",
                                      "credits_must_not_exceed_debits", "history", "closed"};
static const char *transfer_flags[] = {
    "linked",          "pending",          "post_pending_transfer", "void_pending_transfer",
    "balancing_debit", "balancing_credit", "closing_debit",         "closing_credit"};

const char *fb_account_flag_name(unsigned bit) {
    return bit < sizeof account_flags / sizeof account_flags[0] ? account_flags[bit] : NULL;
}

const char *fb_transfer_flag_name(unsigned bit) {
    return bit < sizeof transfer_flags / sizeof transfer_flags[0] ? transfer_flags[bit] : NULL;
}

const char *fb_pending_status_name(fb_pending_status s) {
    switch (s) {
    case FB_PENDING_NONE: return "none";
    case FB_PENDING_PENDING: return "pending";
    case FB_PENDING_POSTED: return "posted";
    case FB_PENDING_VOIDED: return "voided";
    case FB_PENDING_EXPIRED: return "expired";
    }
    return "unknown";
}
