/* pg_internal.h — the PostgreSQL store's private state, shared by pg.c, pg_ledger.c and
 * pg_schema.c. */
#ifndef FB_STORE_PG_INTERNAL_H
#define FB_STORE_PG_INTERNAL_H

#include <libpq-fe.h>

#include "core/strmap.h"
#include "store/pg.h"
#include "store/sqlite_internal.h"

/* The schema version of a PostgreSQL book (pg_schema.c): its own numbering, as it holds some
 * rooms only so far (1: the ledger; 2: users, the audit log, the ledger's chain; 3: parties). */
#define FB_PG_SCHEMA_VERSION 3
/* The first version that holds the parties' room. */
#define FB_PG_SCHEMA_PARTIES 3
#define FB_PG_STR_(x) #x
#define FB_PG_STR(x) FB_PG_STR_(x)

/* A column of a batch's rows waiting to be written, as the text of a PostgreSQL array literal
 * ("{1,2,NULL}"), which one statement unnests. */
typedef struct {
    char *p;
    size_t n, cap;
} fb__pgcol;

/* A table's rows of the open transaction not yet written: up to 13 columns. */
#define FB__PG_COLS_MAX 13
typedef struct {
    fb__pgcol col[FB__PG_COLS_MAX];
    size_t rows;
} fb__pgrows;

/* The rows a batch writes, flushed as one array statement each (fb__pg_flush). */
enum {
    PGB_ACCOUNTS,
    PGB_UPDATES,
    PGB_TRANSFERS,
    PGB_PENDING,
    PGB_RESOLVES,
    PGB_FAILED,
    PGB_BALANCES,
    PGB_COUNT_
};

struct fb__pg {
    PGconn *conn;
    char *conninfo;
    bool in_tx, write_tx;
    bool commit_warned; /* a WARNING arrived while COMMIT ran (the replication wait cancelled) */
    int commit_timeout_ms;
    /* Read under the book's lock when a write transaction begins, and kept by its writes. */
    int64_t commits, last_ts, next_key, last_seq;
    int32_t business_date;
    bool last_ts_set;
    int64_t own_commits; /* commits this connection made: data_version leaves them out */
    fb__pgrows rows[PGB_COUNT_];
    bool dirty;
    /* What a batch's lookups will ask, read at once (fb__store_prefetch): each id asked is in
     * its map, found or not; valid until the batch's rows are flushed. */
    bool pf_ready;
    fb__strmap pf_amap, pf_xmap;
    struct fb__pg_pfa {
        fb_account a;
        int64_t key;
        bool found;
    } * pf_a;
    struct fb__pg_pfx {
        fb_stored_transfer st;
        bool found;
    } * pf_x;
    size_t n_pf_a, n_pf_x;
};
/* Ids one prefetch reads: a batch's accounts (two a transfer), its transfers (its own and its
 * pending ones). */
#define FB__PG_PREFETCH_MAX ((size_t)2 * FB_BATCH_MAX)

/* Records why (the server's message, prefixed by what), and returns the outcome's code:
 * FB_EBUSY (retry: serialization failure, deadlock, lock timeout), FB_EUNAVAILABLE (no primary,
 * read-only, connection lost outside COMMIT), FB_EIO otherwise. res may be NULL. PQclears res. */
int fb__pg_fail(fb_store *s, PGresult *res, const char *what);
/* Runs sql with n text parameters; FB_OK with *res (the caller PQclears it) when it returned
 * `want` (PGRES_COMMAND_OK or PGRES_TUPLES_OK; PGRES_FATAL_ERROR: either). */
int fb__pg_exec(fb_store *s, const char *sql, int n, const char *const *params, ExecStatusType want,
                PGresult **res, const char *what);
/* The same for a statement whose result is not needed. */
int fb__pg_run(fb_store *s, const char *sql, int n, const char *const *params, const char *what);
int64_t fb__pg_int(const PGresult *res, int row, int col);
/* Creates the schema in an empty database, or reads its version (pg_schema.c). */
int fb__pg_schema(fb_store *s, bool create, int *version);
/* The seal of every row the book holds, as one batch with no seal before it (a book from
 * before the chain, pg_chain.c). */
int fb__pg_chain_genesis(fb_store *s);

/* A cursor over a query's rows inside the open transaction, read FB__PG_FETCH rows a round
 * trip (pg_chain.c): after fb__pgcur_next says more, row `row` of `r` is the current one. */
#define FB__PG_FETCH 4096
typedef struct {
    fb_store *s;
    char name[16];
    PGresult *r;
    int row, n;
    bool done;
} fb__pgcur;
int fb__pgcur_open(fb_store *s, fb__pgcur *c, const char *name, const char *sql);
int fb__pgcur_next(fb__pgcur *c, bool *more);
void fb__pgcur_close(fb__pgcur *c);

/* Drops the buffered rows (a rollback). */
void fb__pg_rows_clear(struct fb__pg *pg);
void fb__pg_rows_free(struct fb__pg *pg);

#endif
