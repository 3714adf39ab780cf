/* ledger_internal.h — the ledger's batch state, shared by the files of this folder.
 *
 * A batch runs in memory against a cache of the records it touches, loaded from the store on first
 * use; linked chains roll back through an undo log; only the outcome is written, in one
 * transaction, at the end. Every array is allocated once at open with the batch's worst case, so
 * a batch never reallocates and the map's keys (pointers into the arrays) stay valid. */
#ifndef FB_LEDGER_INTERNAL_H
#define FB_LEDGER_INTERNAL_H

#include "core/strmap.h"
#include "store/ledger_rows.h"
#include "store/store.h"

/* What the cache knows of a record. */
enum {
    ENTRY_ABSENT = 0, /* looked up: not in the books */
    ENTRY_STORED = 1, /* in the store */
    ENTRY_NEW = 2,    /* created by this batch */
    ENTRY_FAILED = 3, /* transfers only: the id failed transiently; never reusable */
};

typedef struct {
    fb_account a;
    int64_t key; /* the store's key, once stored */
    uint8_t state;
    bool dirty;  /* balances or flags changed by this batch */
    bool behind; /* has transfers after the mark, listed in behind (behind.c) */
} acct_entry;

typedef struct {
    fb_stored_transfer st;
    uint8_t state;
    bool status_dirty;       /* a stored or new pending transfer was posted, voided or expired */
    int64_t resolved_ns;     /* when status_dirty: the resolving event's timestamp */
    fb_result failed_result; /* when ENTRY_FAILED in this batch: why */
} xfer_entry;

/* One undo record: the entry as it was before the first change inside the open chain. */
typedef struct {
    bool is_transfer;
    int32_t index;
    union {
        acct_entry acct;
        xfer_entry xfer;
    } before;
} undo_entry;

typedef struct {
    int64_t account_key;
    fb_balance b;
} hist_entry;

/* The capacities are enum constants, computed once in int at compile time (where an overflow is
 * a compile error), so that every allocation sized by them multiplies in size_t. */
enum {
    /* Most accounts a transfer batch may touch: two per event and two per expiry. */
    ACCT_BATCH = 2 * (FB_BATCH_MAX + FB_EXPIRE_MAX),
    /* Accounts kept in the cache between batches (about 300 bytes each), so that a busy book's
     * accounts are read once, not once per batch: room for ACCT_CACHE at open, doubled between
     * batches whenever a batch might not fit, up to every account a book may hold
     * (ACCT_CAP_MAX). The cache is dropped when another connection has committed (PRAGMA
     * data_version), after a failed batch, and when it cannot grow. */
    ACCT_CACHE = 32768,
    ACCT_CAP = ACCT_BATCH + ACCT_CACHE,
    /* Most transfers: each event, the pending transfer it names, and each expiry. */
    XFER_CAP = 2 * FB_BATCH_MAX + FB_EXPIRE_MAX,
    /* Undo records: an event changes at most two accounts and two transfers. */
    UNDO_CAP = 4 * FB_BATCH_MAX,
    /* History rows: two per event and two per expiry. So many accounts can change in a batch. */
    HIST_CAP = 2 * (FB_BATCH_MAX + FB_EXPIRE_MAX),
};
#define ACCT_CAP_MAX ((size_t)FB_ACCOUNTS_MAX + ACCT_BATCH)

struct fb_ledger {
    fb_store *store;
    bool owns_store;   /* opened alone (fb_ledger_open), not as a book's */
    char *errmsg;      /* the last failure's message: own_errmsg, or the book's buffer */
    size_t errmsg_cap; /* bytes at errmsg */
    char own_errmsg[512];
    int64_t next_ts;  /* the next timestamp to hand out in this batch */
    int32_t open_day; /* the book's business date, read at the start of each batch; 0: none */
    /* The batch changed more than posted balances (a pending transfer, a post, a void, an
     * expiry, a closing): its balances are written through, not behind. */
    bool batch_complex;
    bool batch_settled;    /* this batch wrote every balance behind (behind.c) */
    const char **prefetch; /* a batch's ids read at once (a server store), 4 x FB_BATCH_MAX */

    acct_entry *accts; /* the account cache: kept across batches while valid */
    size_t n_accts;
    size_t acct_cap;  /* entries allocated at accts */
    bool accts_valid; /* false after a failed batch: the entries may hold what was not written */
    int64_t data_version;      /* the store's data_version when the cache was last known good */
    bool store_has_failed_ids; /* read per batch: when false, no id needs a failed-id probe */
    bool in_unit;              /* a unit of work is open: batches write into its transaction */
    bool unit_failed;          /* a batch or a nested unit failed: only rollback is left */
    int unit_rc;               /* why its first batch failed (FB_EUNAVAILABLE: nothing written) */
    int unit_depth;            /* units begun and not ended: nested ones join the outermost */
    fb__strmap acct_map;
    int32_t *new_accts; /* indices of created accounts, in order */
    size_t n_new_accts;
    int32_t *dirty_accts; /* indices of accounts this batch changed, each once */
    size_t n_dirty_accts;
    /* Indices of the cached accounts with transfers after the mark, each once (acct_cap of
     * them); behind_known: the list holds every such account (behind.c). */
    int32_t *behind;
    size_t n_behind;
    bool behind_known;

    xfer_entry *xfers;
    size_t n_xfers;
    fb__strmap xfer_map;
    int32_t *new_xfers;
    size_t n_new_xfers;
    int32_t *failed; /* indices of transfers that failed transiently */
    size_t n_failed;

    undo_entry *undo;
    size_t n_undo;
    bool in_chain; /* record undo entries */

    hist_entry *hist;
    size_t n_hist;
};

/* Batch machinery (ledger.c). */
int fb__ledger_account(fb_ledger *l, const char *id, acct_entry **out);
int fb__ledger_transfer(fb_ledger *l, const char *id, xfer_entry **out);
void fb__ledger_touch_account(fb_ledger *l, acct_entry *e);
/* Marks an account's balances or flags changed by this batch, to be written at its end. */
void fb__ledger_mark_dirty(fb_ledger *l, acct_entry *e);
void fb__ledger_touch_transfer(fb_ledger *l, xfer_entry *e);
void fb__ledger_history(fb_ledger *l, const acct_entry *e, int64_t ts, int32_t value_date);
/* The value date of an event at ts that names none: the business date, or the day of ts when no
 * day has been closed. */
int32_t fb__ledger_default_value_date(const fb_ledger *l, int64_t ts);
int fb__ledger_fail(fb_ledger *l, int rc);

/* Balances written behind from the cache (behind.c). reset forgets the list (the cache is
 * dropped); check starts it again, complete when nothing is behind the mark; note lists the
 * accounts a committed single-phase batch left behind; write writes every account behind (and,
 * unless skip_dirty, those this batch changed) from the cache when the list is complete, else
 * through the store's settle. The caller then moves the mark (fb__store_balances_mark). */
void fb__ledger_behind_reset(fb_ledger *l);
int fb__ledger_behind_check(fb_ledger *l);
void fb__ledger_behind_note(fb_ledger *l);
int fb__ledger_behind_write(fb_ledger *l, bool skip_dirty);

/* One transfer event (transfer.c): returns FB_OK with *result set, or a store error. */
int fb__ledger_create_transfer(fb_ledger *l, const fb_transfer *t, int64_t ts, fb_result *result,
                               int64_t *amount_fen);
/* Expires due pending transfers inside the open batch (transfer.c). */
int fb__ledger_expire_due(fb_ledger *l, int64_t now_ns, size_t *expired);

#endif
