/* ledger.h — the double-entry ledger: accounts, transfers, result codes, batches and units of
 * work, queries, verification (docs/ledger.md). */
#ifndef FINBRIDGE_LEDGER_H
#define FINBRIDGE_LEDGER_H

#include "finbridge/core.h"

/* A ledger: its accounts and transfers, and the batch machinery (fb_ledger_open alone, or the
 * ledger of a book: fb_book_ledger). */
typedef struct fb_ledger fb_ledger;

/* ---- The ledger --------------------------------------------------------------------------- */

/* Account flags. */
enum {
    FB_ACCOUNT_LINKED = 1u << 0,
    FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS = 1u << 1,
    FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS = 1u << 2,
    FB_ACCOUNT_HISTORY = 1u << 3,
    FB_ACCOUNT_CLOSED = 1u << 4,
    FB_ACCOUNT_FLAGS_ALL = (1u << 5) - 1,
};

/* Transfer flags. */
enum {
    FB_TRANSFER_LINKED = 1u << 0,
    FB_TRANSFER_PENDING = 1u << 1,
    FB_TRANSFER_POST_PENDING = 1u << 2,
    FB_TRANSFER_VOID_PENDING = 1u << 3,
    FB_TRANSFER_BALANCING_DEBIT = 1u << 4,
    FB_TRANSFER_BALANCING_CREDIT = 1u << 5,
    FB_TRANSFER_CLOSING_DEBIT = 1u << 6,
    FB_TRANSFER_CLOSING_CREDIT = 1u << 7,
    FB_TRANSFER_FLAGS_ALL = (1u << 8) - 1,
};

/* The name of flag bit `bit` ("debits_must_not_exceed_credits"), or NULL past the last one. */
const char *fb_account_flag_name(unsigned bit);
const char *fb_transfer_flag_name(unsigned bit);

/* An account. On create, the caller fills id, ledger, code, flags and user_data; the ledger sets
 * timestamp_ns and the balances, which start at zero. Balances are never typed in. */
typedef struct fb_account {
    char id[FB_ID_MAX + 1];
    uint32_t ledger;                      /* 1 = the bank's CNY books */
    uint16_t code;                        /* chart-of-accounts code */
    uint16_t flags;                       /* FB_ACCOUNT_... */
    char user_data[FB_USER_DATA_MAX + 1]; /* "" when absent */
    int64_t timestamp_ns;                 /* set by the ledger: unique, increasing */
    int64_t debits_pending_fen;
    int64_t debits_posted_fen;
    int64_t credits_pending_fen;
    int64_t credits_posted_fen;
} fb_account;

/* amount_fen when not given: post or void the whole pending amount; balance without a cap. */
#define FB_AMOUNT_UNSPECIFIED (-1)

/* A transfer. Empty strings stand for absent ids. Never changed once created. */
typedef struct fb_transfer {
    char id[FB_ID_MAX + 1];
    char debit_account_id[FB_ID_MAX + 1];
    char credit_account_id[FB_ID_MAX + 1];
    int64_t amount_fen; /* >= 0, or FB_AMOUNT_UNSPECIFIED; as created: the amount moved */
    char pending_id[FB_ID_MAX + 1];
    uint32_t ledger; /* 0 on post/void: taken from the pending transfer */
    uint16_t code;
    uint16_t flags;     /* FB_TRANSFER_... */
    uint32_t timeout_s; /* pending only; 0 = never expires */
    char user_data[FB_USER_DATA_MAX + 1];
    int64_t timestamp_ns; /* set by the ledger */
    /* The business date it belongs to, in days since 1970-01-01; 0 = not given: the ledger sets
     * the book's business date, or the day of its timestamp when no day has been closed. */
    int32_t value_date;
} fb_transfer;

/* The result of one event. Numbers are only ever appended; docs/ledger.md lists every code, its
 * meaning and its place in the order of checks. */
typedef enum fb_result {
    FB_RESULT_CREATED = 0,
    FB_RESULT_LINKED_EVENT_FAILED,
    FB_RESULT_LINKED_EVENT_CHAIN_OPEN,
    FB_RESULT_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_ID_MALFORMED,
    FB_RESULT_ID_ALREADY_FAILED,
    FB_RESULT_EXISTS,
    FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS,
    FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID,
    FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT,
    FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID,
    FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID,
    FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT,
    FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA,
    FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER,
    FB_RESULT_EXISTS_WITH_DIFFERENT_CODE,
    FB_RESULT_RESERVED_FLAG,
    FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE,
    FB_RESULT_LEDGER_MUST_NOT_BE_ZERO,
    FB_RESULT_CODE_MUST_NOT_BE_ZERO,
    FB_RESULT_AMOUNT_MUST_NOT_BE_NEGATIVE,
    FB_RESULT_DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED,
    FB_RESULT_CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED,
    FB_RESULT_ACCOUNTS_MUST_BE_DIFFERENT,
    FB_RESULT_PENDING_ID_MUST_BE_ZERO,
    FB_RESULT_PENDING_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_PENDING_ID_MALFORMED,
    FB_RESULT_PENDING_ID_MUST_BE_DIFFERENT,
    FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER,
    FB_RESULT_TIMEOUT_TOO_LONG,
    FB_RESULT_CLOSING_TRANSFER_MUST_BE_PENDING,
    FB_RESULT_AMOUNT_MUST_BE_GIVEN,
    FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND,
    FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND,
    FB_RESULT_ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER,
    FB_RESULT_TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS,
    FB_RESULT_PENDING_TRANSFER_NOT_FOUND,
    FB_RESULT_PENDING_TRANSFER_NOT_PENDING,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_LEDGER,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CODE,
    FB_RESULT_EXCEEDS_PENDING_TRANSFER_AMOUNT,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT,
    FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED,
    FB_RESULT_PENDING_TRANSFER_ALREADY_VOIDED,
    FB_RESULT_PENDING_TRANSFER_EXPIRED,
    FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED,
    FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED,
    FB_RESULT_OVERFLOWS_DEBITS_PENDING,
    FB_RESULT_OVERFLOWS_CREDITS_PENDING,
    FB_RESULT_OVERFLOWS_DEBITS_POSTED,
    FB_RESULT_OVERFLOWS_CREDITS_POSTED,
    FB_RESULT_OVERFLOWS_DEBITS,
    FB_RESULT_OVERFLOWS_CREDITS,
    FB_RESULT_OVERFLOWS_TIMEOUT,
    FB_RESULT_EXCEEDS_CREDITS,
    FB_RESULT_EXCEEDS_DEBITS,
    FB_RESULT_EXISTS_WITH_DIFFERENT_VALUE_DATE,
    FB_RESULT_COUNT_
} fb_result;

/* The snake_case name of a result ("exceeds_credits"); "unknown" outside the enum. */
const char *fb_result_name(fb_result r);
/* A one-line explanation of a result, for people. */
const char *fb_result_reason(fb_result r);
/* True for results that depend on the state of the books, so that retrying the same event could
 * succeed; such a failure is remembered for its id (id_already_failed), as TigerBeetle does. */
bool fb_result_transient(fb_result r);

/* Open flags. */
enum {
    FB_OPEN_CREATE = 1u << 0,   /* create the database if missing (init) */
    FB_OPEN_READONLY = 1u << 1, /* never write; no migration */
    /* fb_book_open: the caller uses the book's ledger and its access room (users, the audit
     * log) only, so a book whose backend holds only those (PostgreSQL, so far) opens; without it
     * such a book is refused (FB_ENOTSUP). */
    FB_OPEN_LEDGER = 1u << 2,
    /* fb_book_open: the caller uses the parties (book.h) besides the ledger and the access room,
     * so a book whose backend holds those opens (PostgreSQL from its schema version 3). */
    FB_OPEN_PARTIES = 1u << 3,
};

/* Opens the book at path. An older schema is migrated; a newer one is refused with FB_EVERSION.
 * On failure *out is NULL and errbuf (errlen bytes) holds a message naming the cause.
 * The caller owns *out and frees it with fb_ledger_close. */
int fb_ledger_open(const char *path, unsigned open_flags, fb_ledger **out, char *errbuf,
                   size_t errlen);
void fb_ledger_close(fb_ledger *l);
/* The message of the last failed call on l (static storage inside l). */
const char *fb_ledger_errmsg(const fb_ledger *l);
/* The schema version this program writes, and the one the open database has. */
int fb_schema_version_current(void);
int fb_ledger_schema_version(const fb_ledger *l);

/* A unit of work: from fb_ledger_begin to fb_ledger_commit, every batch runs inside one write
 * transaction, so that a business operation can write its own records beside ledger events all or
 * nothing. Events a batch refuses write nothing, as alone; a batch that returns an error fails the
 * unit: later batches and fb_ledger_commit refuse, and the caller rolls back.
 * fb_ledger_rollback undoes the whole unit. A unit begun inside another joins it (so that, say, a
 * server can record an operation's audit entry in the operation's own transaction): its commit
 * commits nothing yet, and its rollback leaves the enclosing unit failed, to be rolled back. */
int fb_ledger_begin(fb_ledger *l);
int fb_ledger_commit(fb_ledger *l);
void fb_ledger_rollback(fb_ledger *l);
/* Whether the open unit can only be rolled back (a nested unit rolled back, or a batch failed). */
bool fb_ledger_unit_failed(const fb_ledger *l);

/* Creates up to FB_BATCH_MAX accounts in one transaction: one result per event in results[n]
 * (caller-allocated). Returns FB_OK when the batch was processed (whatever each result), or an
 * error when nothing was written. Events are read-only; created accounts' timestamps are written
 * to timestamps_ns[i] when that array is not NULL. Work: O(n) lookups and writes. */
int fb_ledger_create_accounts(fb_ledger *l, const fb_account *events, size_t n, fb_result *results,
                              int64_t *timestamps_ns);

/* Creates up to FB_BATCH_MAX transfers in one durable transaction; results as above. For a
 * created transfer, amounts_fen[i] (when not NULL) receives the amount moved (a balancing or
 * posting transfer may move less than asked). Expires due pending transfers first. */
int fb_ledger_create_transfers(fb_ledger *l, const fb_transfer *events, size_t n,
                               fb_result *results, int64_t *timestamps_ns, int64_t *amounts_fen);

/* Expires up to FB_EXPIRE_MAX pending transfers whose timeout has passed by now_ns (0 = the
 * clock), returning the count in *expired. */
int fb_ledger_expire_pending(fb_ledger *l, int64_t now_ns, size_t *expired);

/* Calls fn(ctx, account) for every account in id order, with its balances as of now, all read in
 * one snapshot; a non-zero return of fn stops the walk and is returned. Work: one pass over the
 * accounts and over the transfers whose balances are behind; memory: 16 bytes per account. */
typedef int fb_account_fn(void *ctx, const fb_account *a);
int fb_ledger_each_account(fb_ledger *l, fb_account_fn *fn, void *ctx);

/* Looks up one account or transfer by id: FB_OK, or FB_ENOTFOUND. */
int fb_ledger_get_account(fb_ledger *l, const char *id, fb_account *out);
int fb_ledger_get_transfer(fb_ledger *l, const char *id, fb_transfer *out);

/* The state of a pending transfer. */
typedef enum fb_pending_status {
    FB_PENDING_NONE = 0, /* not a pending transfer */
    FB_PENDING_PENDING = 1,
    FB_PENDING_POSTED = 2,
    FB_PENDING_VOIDED = 3,
    FB_PENDING_EXPIRED = 4,
} fb_pending_status;
const char *fb_pending_status_name(fb_pending_status s);
int fb_ledger_get_pending_status(fb_ledger *l, const char *id, fb_pending_status *out);

/* A query over one account's transfers or balance history: a range of timestamps and a range of
 * value dates, both applying. */
typedef struct fb_query {
    int64_t from_ns;   /* inclusive; 0 = from the start */
    int64_t to_ns;     /* inclusive; 0 = to the end */
    int32_t from_date; /* value dates, inclusive, days since 1970-01-01; 0 = from the first */
    int32_t to_date;   /* 0 = to the last */
    uint32_t limit;    /* 1..FB_QUERY_LIMIT_MAX */
    bool reverse;      /* newest first */
    bool debits;       /* include transfers debiting the account (both false = both true) */
    bool credits;      /* include transfers crediting it */
} fb_query;

/* Fills out[0..*count) with the account's transfers in timestamp order (caller allocates
 * q->limit entries). FB_ENOTFOUND when the account does not exist. */
int fb_ledger_account_transfers(fb_ledger *l, const char *account_id, const fb_query *q,
                                fb_transfer *out, size_t *count);

/* An account's balances just after one event (or, as of a value date, after every event of that
 * date and before). */
typedef struct fb_balance {
    int64_t timestamp_ns;
    int64_t debits_pending_fen;
    int64_t debits_posted_fen;
    int64_t credits_pending_fen;
    int64_t credits_posted_fen;
    int32_t value_date; /* the event's value date (as of a date: that date) */
} fb_balance;

/* Fills out[0..*count) with the balance history of an account with the history flag, within the
 * query's range. FB_EINVAL when the account keeps no history. */
int fb_ledger_account_balances(fb_ledger *l, const char *account_id, const fb_query *q,
                               fb_balance *out, size_t *count);

/* The balances of an account with the history flag as of the end of value date `date`: the sum
 * of the changes of every event whose value date is at or before it, whatever order they were
 * applied in (a back-valued transfer counts on its own date). out->timestamp_ns is the last such
 * event's (0 when there is none), out->value_date the date. FB_EINVAL when the account keeps no
 * history. Work: one pass over the account's history rows. */
int fb_ledger_account_balance_on(fb_ledger *l, const char *account_id, int32_t date,
                                 fb_balance *out);

/* Checks every invariant of the books; calls report(ctx, line) for each failure found (the first
 * FB_VERIFY_REPORT_MAX) and for a closing summary. *failures gets the count. Read-only. */
typedef void fb_report_fn(void *ctx, const char *line);
int fb_ledger_verify(fb_ledger *l, fb_report_fn *report, void *ctx, uint64_t *failures);

/* Copies the ledger of the book at `from` into the empty book at `to` (each a path, SQLite, or a
 * postgresql:// URI; `to` is created when missing), exact: every account with its key, timestamp,
 * flags and balances, every transfer with its sequence number, timestamp and postings, pending
 * states with their expiry and resolution, balance history, failed ids, the last timestamp and
 * the business date. All or nothing: one write transaction on `to`, its rows written
 * FB_COPY_BATCH at a time through the store's batch path (array statements on PostgreSQL);
 * nothing is committed unless all is. Then verified: `to` passes verify (report gets its lines)
 * and each table of `to` reads back with the same rows as from's (counts and a BLAKE2b digest of
 * every row), *mismatches counting what differs. Refused, nothing written: a `to` that holds any
 * account, transfer or timestamp (FB_EINVAL), a `from` whose book holds records of other rooms
 * (facilities, loans, ...: FB_ENOTSUP, the copy moves the ledger and the parties only). err says
 * why on failure. */
typedef struct fb_copy_stats {
    int64_t accounts, transfers, pending_resolved, balances, failed_ids;
    int64_t records;          /* rows of the book's rooms both backends hold (the parties) */
    int64_t write_ns;         /* from the first row read to the commit */
    int64_t check_ns;         /* verify and the comparison */
    uint64_t verify_failures; /* lines verify reported on `to` */
    uint64_t mismatches;      /* tables whose rows differ between the two */
} fb_copy_stats;
int fb_ledger_copy(const char *from, const char *to, fb_report_fn *report, void *ctx,
                   fb_copy_stats *stats, char *err, size_t cap);

#endif
