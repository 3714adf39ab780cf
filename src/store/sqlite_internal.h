/* sqlite_internal.h — the SQLite store's private state, shared by the files of this folder. */
#ifndef FB_STORE_SQLITE_INTERNAL_H
#define FB_STORE_SQLITE_INTERNAL_H

#include <sodium.h>
#include <sqlite3.h>

#include "core/vocab.h"
#include "store/access_rows.h"
#include "store/book_rows.h"
#include "store/ledger_rows.h"
#include "store/pg.h"
#include "store/store.h"

/* Prepared statements, made once per connection on first use. */
enum {
    STMT_BEGIN_WRITE,
    STMT_BEGIN_READ,
    STMT_COMMIT,
    STMT_ROLLBACK,
    STMT_META_GET,
    STMT_META_SET,
    STMT_ACCOUNT_BY_ID,
    STMT_ACCOUNT_INSERT,
    STMT_ACCOUNT_UPDATE,
    STMT_TRANSFER_BY_ID,
    STMT_TRANSFER_BY_TS,
    STMT_TRANSFER_INSERT,
    STMT_POSTING_INSERT,
    STMT_POSTINGS_INSERT_RUN,
    STMT_PENDING_INSERT,
    STMT_PENDING_RESOLVE,
    STMT_PENDING_DUE,
    STMT_FAILED_GET,
    STMT_ANY_FAILED,
    STMT_DATA_VERSION,
    STMT_FAILED_INSERT,
    STMT_BALANCE_INSERT,
    STMT_VALUE_DAY_PUT,
    STMT_BALANCES_RANGE,
    STMT_BALANCES_TAIL,
    STMT_BALANCES_SETTLE,
    STMT_MAX_ACCOUNT_KEY,
    STMT_TRANSFER_EXISTS,
    STMT_REFERENCES_OFF,
    STMT_REFERENCES_ON,
    /* Statements of the book's hot paths, whose text their own files hold (fb__store_stmt_sql). */
    STMT_STATE_GET,
    STMT_STATE_PUT,
    STMT_INSTALLMENT,
    STMT_LOAN_BY_KEY,
    STMT_LOAN_BY_ID,
    STMT_REPAYMENT_INSERT,
    STMT_FACILITY_BY_ID,
    STMT_CERT_BY_ID,
    STMT_CERT_INSERT,
    STMT_CERT_UPDATE,
    STMT_USER_BY_TOKEN,
    STMT_AUDIT_LAST,
    STMT_AUDIT_INSERT,
    STMT_AUDIT_KEYING,
    STMT_USER_BY_NAME,
    STMT_AGG_PARTY,
    STMT_AGG_CREDIT,
    STMT_AGG_EXPOSURE,
    STMT_AGG_DAY,
    STMT_AGG_MOVE,
    STMT_AGG_NEW,
    STMT_AGG_SNAPSHOT,
    STMT_PARTY_CELL,
    STMT_AGG_INCLUSIVE,
    STMT_AGG_INCLUSIVE_CITY,
    STMT_AGG_SNAPSHOT_INCLUSIVE,
    STMT_AGG_SNAPSHOT_NEW,
    STMT_AGG_FINANCING,
    STMT_PARTY_BY_ID,
    STMT_LOAN_INSERT,
    STMT_INSTALLMENT_INSERT,
    STMT_OPENING_INSERT,
    STMT_CHAIN_HEAD,
    STMT_CHAIN_INSERT,
    STMT_AGG_SNAPSHOT_SCHEMES,
    STMT_PARTY_WORST_CLASS,
    STMT_AGG_DRAWER,
    STMT_AGG_SNAPSHOT_DRAWERS,
    STMT_AGG_DRAWERS_KEPT,
    STMT_COUNT_
};

/* A value date's first and last sequence numbers among the transfers of the open transaction,
 * not yet written to value_days; so many distinct dates are held before they are written. */
typedef struct {
    int32_t date;
    int64_t first_seq, last_seq;
} fb__vday;
#define FB__VDAYS_MAX 32

/* Call sites whose statements a connection keeps prepared (fb__store_cached). */
#define FB__CACHED_MAX 32

/* Postings of the open transaction's inserted transfers, not yet written (two per transfer). */
#define FB__POSTINGS_MAX ((size_t)2 * FB_BATCH_MAX)
/* Postings one statement inserts when a batch has that many left (one statement, not sixteen:
 * the per-statement work of SQLite is most of a small row's insert). */
#define FB__POSTINGS_RUN 32

struct fb_store {
    sqlite3 *db;
    struct fb__pg *pg; /* the PostgreSQL backend's state, or NULL for SQLite (pg.h) */
    fb__vday vdays[FB__VDAYS_MAX];
    size_t n_vdays;
    int64_t *postings; /* FB__POSTINGS_MAX keys, allocated on the first insert */
    size_t n_postings;
    /* balances_through and the last sequence number, as read in the open transaction (a
     * transaction's own inserts and marks keep them current): a batch's account reads read them
     * once. */
    bool range_known;
    int64_t range_through, range_last;
    sqlite3_stmt *stmt[STMT_COUNT_];
    bool references_off; /* a ledger batch's transaction: foreign keys off until it ends */
    int version;         /* schema version of the open database */
    bool readonly;
    char errmsg[512];
    char *mirror; /* where a failure's message is also written (the ledger's), or NULL */
    size_t mirror_cap;
    /* Called before each commit (fb__store_before_commit), not again from inside itself. */
    fb__store_commit_fn *before_commit;
    void *before_commit_ctx;
    bool in_before_commit;
    /* The audit key verify checks keyed entries with (fb__store_audit_key_for_verify). */
    bool audit_key_known;
    uint8_t audit_key[32];
    char audit_key_problem[400]; /* why it is not known */
    /* The ledger batch's rows fed to its seal so far (chain.c), from the values inserted. */
    crypto_generichash_state chain;
    bool chain_open;
    int64_t chain_rows;
    /* Statements of per-row paths prepared once per connection, by call site
     * (fb__store_cached). */
    struct {
        const void *site;
        sqlite3_stmt *st;
    } cached[FB__CACHED_MAX];
    size_t n_cached;
    int64_t own_mark; /* the import run whose mark this connection wrote (fb__store_writable) */
};

/* The chain over the rows that carry money (chain.c, docs/ledger.md "The chain"). */
enum { FB__CHAIN_HASH_BYTES = 32 };
void fb__chain_account(fb_store *s, int64_t key, const fb_account *a);
void fb__chain_transfer(fb_store *s, int64_t seq, const fb_stored_transfer *st);
void fb__chain_balance(fb_store *s, int64_t account_key, const fb_balance *b);
/* Registers fb_ledger_chain_genesis and fb_repayment_link on the connection (before any
 * migration, which uses them). */
int fb__store_chain_functions(fb_store *s);
typedef void fb__chain_fail_fn(void *ctx, const char *line);
/* Recomputes every seal of ledger_chain from its rows; *seals counts them. */
int fb__store_chain_verify(fb_store *s, fb__chain_fail_fn *fail, void *ctx, int64_t *seals);

/* A loan's report cell, from its party p and loan l:
 *   ((((city * 8 + chain) * 8 + line) * 4 + size) * 2 + inclusive)
 * city 1..14 for Liaoning's cities (0 otherwise), chain 1..6 (0 for none), the loan's line, the
 * party's size class, and whether the loan is in the inclusive scope (普惠型小微). */
#define FB_CELL_SQL                                                                                \
    "(((((CASE WHEN p.city BETWEEN 210100 AND 211400 THEN (p.city - 210000) / 100 ELSE 0 END)"     \
    " * 8 +" FB_VOCAB_SQL_CASE("p.key_chain", FB_VOCAB_CHAINS, 0) ") * 8 +" FB_VOCAB_SQL_CASE(     \
        "l.line", FB_VOCAB_LINES, 5) ") * 4 +" FB_VOCAB_SQL_CASE("p.size_class", FB_VOCAB_SIZES,   \
                                                                 3) ") * 2 + l.inclusive_cbirc)"
/* The cell's fields must fit their bits: 8 chains, 8 lines, 4 sizes. */
_Static_assert(FB_CHAIN_COUNT_ <= 8 && FB_LINE_COUNT_ <= 8 && FB_SIZE_COUNT_ <= 4,
               "a report cell's field outgrew its bits");
/* The parts of a cell, in SQL over a column `cell`. */
#define FB_CELL_CITY(cell) "(" cell " / 512)"
#define FB_CELL_CHAIN(cell) "((" cell " / 64) % 8)"
#define FB_CELL_LINE(cell) "((" cell " / 8) % 8)"
#define FB_CELL_SIZE(cell) "((" cell " / 2) % 4)"
#define FB_CELL_INCLUSIVE(cell) "(" cell " % 2)"
/* A borrower's drawer cell of new credit (agg_drawer): the loan's cell out of scope (inclusive
 * 0), of its line or, for every line, of line 0. */
#define FB_DRAWER_LINE(cell) ((cell) - (cell) % 2)
#define FB_DRAWER_ALL(cell) ((cell) - (cell) % 64 + (cell) % 8 - (cell) % 2)
#define FB_DRAWER_LINE_SQL(cell) "(" cell " - " cell " % 2)"
#define FB_DRAWER_ALL_SQL(cell) "(" cell " - " cell " % 64 + " cell " % 8 - " cell " % 2)"

/* Transfers per run of postings, and the key of a transfer's posting for one account. */
#define FB_POSTING_RUN_BITS 16
static inline int64_t fb__posting_key(int64_t seq, int64_t account_key) {
    return (seq >> FB_POSTING_RUN_BITS) << 40 | account_key << FB_POSTING_RUN_BITS |
           (seq & ((1 << FB_POSTING_RUN_BITS) - 1));
}

/* Copies a text column into dst (cap bytes, always terminated; "" for NULL). */
void fb__store_column_text(char *dst, size_t cap, sqlite3_stmt *st, int col);
/* Binds text, or NULL for "". The text must outlive the statement's step. */
void fb__store_bind_text_or_null(sqlite3_stmt *st, int i, const char *text);

/* Runs a statement that returns no rows, and resets it. */
int fb__store_step_done(fb_store *s, sqlite3_stmt *st, const char *what);
/* Reads a transfer's row, as STMT_TRANSFER_BY_ID selects it, into out. */
void fb__store_read_transfer(sqlite3_stmt *st, fb_stored_transfer *out);
/* Adds to a's posted balances its transfers after balances_through (behind.c). */
int fb__store_add_behind(fb_store *s, int64_t key, fb_account *a);

/* Records the SQLite error of the last call in s->errmsg, prefixed by what was being done, and
 * returns the matching FB_E... code. */
int fb__store_fail(fb_store *s, int rc, const char *what);

/* Returns the statement, preparing it on first use (NULL on failure, with errmsg set). */
sqlite3_stmt *fb__store_stmt(fb_store *s, int which);
/* The same for a statement whose text the caller holds (the same text on every call). Reset it,
 * never finalize it, after use. NULL with errmsg set when it cannot be prepared. */
sqlite3_stmt *fb__store_stmt_sql(fb_store *s, int which, const char *text);
/* The same, by call site: site is a pointer unique to the caller (its static text, or a static
 * of its own when the text is built), text the statement (read on first use only). */
sqlite3_stmt *fb__store_cached(fb_store *s, const void *site, const char *text);
/* Creates or migrates the schema up to version (in one transaction per step). */
int fb__store_migrate(fb_store *s, int from, int to);

#endif
