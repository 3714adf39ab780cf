/* ledger_rows.h — the ledger's room of the store: accounts, transfers, pending transfers, failed
 * ids, balance history. Records are keyed by their timestamp, unique across accounts and transfers;
 * string ids are looked up once and then resolved to keys. Only src/ledger includes it. */
#ifndef FB_STORE_LEDGER_ROWS_H
#define FB_STORE_LEDGER_ROWS_H

#include "store/store.h"

/* Whether the store writes single-phase batches' balances behind (SQLite: behind.c). When not
 * (PostgreSQL), the ledger writes every changed balance with each batch. */
bool fb__store_writes_behind(const fb_store *s);
/* Whether a batch's lookups are worth reading at once (a server: one round trip instead of one
 * a lookup); then fb__store_prefetch reads the accounts and transfers of these ids, and the
 * batch's fb__store_account_by_id and fb__store_transfer_by_id of them answer from memory until
 * its rows are written. SQLite reads each where it lies. */
bool fb__store_prefetches(const fb_store *s);
int fb__store_prefetch(fb_store *s, const char *const *acct_ids, size_t na,
                       const char *const *xfer_ids, size_t nx);

/* A write transaction for one ledger batch alone (not inside a unit of work): as
 * fb__store_begin_write, but SQLite does not prove the batch's references (foreign keys) row by
 * row: every key a batch writes is one the ledger has just read in the same transaction (an
 * account's, which is never deleted, or a pending transfer's), so the proof is an index probe per
 * reference that cannot fail; at a million accounts it was the largest single cost of a transfer
 * (bench/ledger). verify proves every reference of the book (PRAGMA foreign_key_check). The
 * connection proves them again from its commit or rollback on. */
int fb__store_begin_ledger_batch(fb_store *s);

/* Whether any transfer id has ever failed transiently. */
int fb__store_any_failed_ids(fb_store *s, bool *any);

/* The last timestamp handed out, kept in the database so that timestamps never go back. */
int fb__store_last_timestamp(fb_store *s, int64_t *ts);
int fb__store_set_last_timestamp(fb_store *s, int64_t ts);

/* The business date now open (meta business_date), 0 before the first end of day. */
int fb__store_open_day(fb_store *s, int32_t *date);
/* Writes what the transfers inserted since the last call index: their postings, sorted, so that
 * each run's region of the postings is written in key order, and their value dates to value_days
 * (the index of queries by value date). The ledger calls it once a batch, after its inserts. */
int fb__store_transfers_written(fb_store *s);

/* Balances written behind (schema 16): the balance columns of accounts hold every transfer up to
 * balances_through; the single-phase transfers after it are added on reading, so that a batch of
 * them need not rewrite its accounts' rows. range gives the mark and the last sequence number;
 * settle adds the transfers after the mark to their accounts' rows, in key order, and moves the
 * mark to the last; mark moves it without writing (the caller has written every balance). Work of
 * settle: one pass over the transfers after the mark, one update per account they touch. */
int fb__store_balances_range(fb_store *s, int64_t *through, int64_t *last);
int fb__store_balances_settle(fb_store *s);
int fb__store_balances_mark(fb_store *s);

/* Accounts. Each has a small integer key, which transfers and history refer to: keys keep the
 * per-account indexes compact (a timestamp takes 9 bytes, a key 2 or 3). */
/* An account with its balances as of now (its row and the transfers written behind). */
int fb__store_account_by_id(fb_store *s, const char *id, fb_account *out, int64_t *key);
/* The account's row alone, inside the caller's write transaction: for a writer that knows the
 * account has nothing behind the mark (the ledger, while its list of accounts behind is
 * complete), it is the account as of now, without the runs of postings after the mark. */
int fb__store_account_row(fb_store *s, const char *id, fb_account *out, int64_t *key);
/* Every account in id order with its balances as of now, in one read transaction (fn as
 * fb_ledger_each_account). */
int fb__store_accounts_each(fb_store *s, fb_account_fn *fn, void *ctx);
/* Inserts an account, returning its new key. */
int fb__store_account_insert(fb_store *s, const fb_account *a, int64_t *key);
/* Writes an account's balances and flags (its identity never changes). */
int fb__store_account_update(fb_store *s, int64_t key, const fb_account *a);

/* A transfer as stored: the transfer and the keys it refers to. */
typedef struct fb_stored_transfer {
    fb_transfer t;
    int64_t debit_key;      /* the debit account's key */
    int64_t credit_key;     /* the credit account's key */
    int64_t pending_ts;     /* the pending transfer's timestamp, 0 when none */
    uint8_t pending_status; /* fb_pending_status; NONE unless t has the pending flag */
    int64_t expires_at_ns;  /* 0 when it never expires */
} fb_stored_transfer;

int fb__store_transfer_by_id(fb_store *s, const char *id, fb_stored_transfer *out);
int fb__store_transfer_by_ts(fb_store *s, int64_t ts, fb_stored_transfer *out);
/* Inserts the transfer (its postings wait for fb__store_transfers_written); a pending one also gets
 * its status row (pending, expires_at). */
int fb__store_transfer_insert(fb_store *s, const fb_stored_transfer *st);
/* Sets a pending transfer's status when it is posted, voided or expires, at resolved_ns. */
int fb__store_pending_resolve(fb_store *s, int64_t pending_ts, fb_pending_status status,
                              int64_t resolved_ns);
/* Timestamps of up to max pending transfers still pending whose expiry is at or before now_ns,
 * oldest expiry first. */
int fb__store_pending_due(fb_store *s, int64_t now_ns, int64_t *ts_out, size_t max, size_t *n);

/* Ids whose transfer failed with a transient result: such an id is never reused. */
int fb__store_failed_id_get(fb_store *s, const char *id, bool *found);
int fb__store_failed_id_insert(fb_store *s, const char *id, int64_t ts, fb_result r);

/* The chain (chain.c): the inserts of accounts, transfers and balance history feed the batch's
 * seal; seal writes it (a row of ledger_chain, with the previous seal's hash) when anything was
 * fed, keyed by the batch's last timestamp. reset drops what was fed (a batch that starts again
 * after a failed one). */
void fb__store_chain_reset(fb_store *s);
int fb__store_chain_seal(fb_store *s, int64_t last_ts);

/* Balance history of accounts with the history flag. */
int fb__store_balance_insert(fb_store *s, int64_t account_key, const fb_balance *b);

/* Queries. out has q->limit entries. */
int fb__store_account_transfers(fb_store *s, int64_t account_key, const fb_query *q,
                                fb_transfer *out, size_t *count);
int fb__store_account_balances(fb_store *s, int64_t account_key, const fb_query *q, fb_balance *out,
                               size_t *count);
/* The balances of an account with history as of the end of value date `date`: the changes of its
 * events of that date and before, summed. */
int fb__store_account_balance_on(fb_store *s, int64_t account_key, int32_t date, fb_balance *out);

/* Copying the ledger's room between backends (copy_rows.c, pg_copy.c; fb_ledger_copy). Every row
 * of one table, in the order a copy writes them (accounts and transfers by key, balance history
 * by timestamp and account, failed ids by timestamp), inside a read transaction the caller began;
 * fn's failure stops the walk and is returned. */
typedef enum fb__copy_kind {
    FB__COPY_ACCOUNTS,
    FB__COPY_TRANSFERS,
    FB__COPY_BALANCES,
    FB__COPY_FAILED,
    FB__COPY_KINDS_
} fb__copy_kind;
typedef struct fb__copy_row {
    int64_t key;            /* an account's key, a transfer's sequence number, history's account */
    fb_account a;           /* an account with its balances as of now */
    uint16_t created_flags; /* its flags as created (a closing transfer closed it since) */
    fb_stored_transfer st;  /* a transfer (its account ids left empty: the keys name them) */
    int64_t resolved_ns;    /* a resolved pending transfer's time of resolution, else 0 */
    fb_balance b;           /* a row of balance history */
    char failed_id[FB_ID_MAX + 1];
    int64_t failed_ts;
    int32_t failed_result;
} fb__copy_row;
typedef int fb__copy_fn(void *ctx, const fb__copy_row *row);
int fb__store_copy_rows(fb_store *s, fb__copy_kind kind, fb__copy_fn *fn, void *ctx);
/* Rows of the book's other rooms (parties, facilities, loans, ...), which a copy of the ledger
 * leaves behind: *rows of them in all, `what` naming the first table that has any. */
int fb__store_copy_foreign(fb_store *s, char *what, size_t cap, int64_t *rows);
/* The book's rooms both backends hold besides the ledger's (the parties so far; copy_records.c):
 * every row of src inserted into dst with its key, inside the transactions the caller began;
 * *rows counts them, *src_failed says whose errmsg holds a failure. FB_ENOTSUP when src holds
 * a room dst cannot. And a BLAKE2b digest of those rooms' rows, *rows counting them. */
int fb__store_copy_records(fb_store *src, fb_store *dst, int64_t *rows, bool *src_failed);
int fb__store_records_digest(fb_store *s, int64_t *rows, unsigned char out[32]);

#endif
