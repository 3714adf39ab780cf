/* finbridge.h — the public API of libfinbridge: what the command line, the server and the tests
 * may call. These headers are the API's documentation.
 *
 * The API is split by concern, one header each, from the bottom up:
 *   limits.h   every bound and why          core.h     values and rules, no I/O
 *   ledger.h   the double-entry ledger      book.h     the loan book and its handle
 *   coop.h     the cooperation and reports  access.h   roles, users, the audit log
 *   demand.h   financing demands, working days
 *   import.h   bringing a bank's book in: cut-over and the daily feed
 *
 * Conventions
 *   - A fallible function returns int: FB_OK (0) or a negative FB_E... code; fb_strerror() and
 *     fb_err_name() describe it. Business rejections (an account over its limit, a closed account)
 *     are not errors: they are per-event results of a successful call.
 *   - Money is int64_t fen. Rates are int64_t per annum in millionths (rate_e6: 3.45% = 34500);
 *     on the doors every rate and ratio is a percent string with up to four decimals.
 *   - Dates are int32_t days since 1970-01-01. Timestamps are int64_t nanoseconds since the epoch.
 *   - Callers allocate structs; the library fills them in place. Ownership is said per function. */
#ifndef FINBRIDGE_H
#define FINBRIDGE_H

#include "finbridge/access.h"
#include "finbridge/book.h"
#include "finbridge/coop.h"
#include "finbridge/core.h"
#include "finbridge/demand.h"
#include "finbridge/import.h"
#include "finbridge/ledger.h"
#include "finbridge/limits.h"
#include "finbridge/scheme.h"
#include "finbridge/scheme_report.h"

#endif
