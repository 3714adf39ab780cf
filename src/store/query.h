/* query.h — one statement of a room, on either backend: the thin layer through which the loan
 * book's rooms reach SQLite and PostgreSQL with the same code (docs/architecture.md, "Two
 * engines").
 *
 * A room writes its statement once, in SQLite's dialect with numbered placeholders (?1, ?2 ...),
 * binds its values, steps through its rows and reads their columns. On SQLite that is the
 * prepared statement itself (cached per connection as fb__store_cached and fb__store_stmt_sql
 * keep it: the same calls as before, one test of a pointer more per call). On PostgreSQL the
 * placeholders become $1, $2 ..., the values are sent as text with the statement
 * (PQexecParams, one round trip) on the first step, and the rows are read from its result. Where
 * the dialects differ (a function's name, a key handed out under the book's lock, a collation),
 * the room passes PostgreSQL's text beside SQLite's: the only code kept per backend. */
#ifndef FB_STORE_QUERY_H
#define FB_STORE_QUERY_H

#include "store/sqlite_internal.h"

/* Values one statement binds (its highest placeholder), and the text of a statement translated
 * for PostgreSQL. */
#define FB__Q_PARAMS 32
#define FB__Q_SQL_MAX 4096

struct pg_result;

typedef struct {
    fb_store *s;
    const char *what; /* what the statement does, for a failure's message */
    sqlite3_stmt *st; /* SQLite: the statement */
    bool owned;       /* SQLite: prepared for this query alone (finalized by fb__q_close) */
    /* PostgreSQL: the statement's text, its values as text, its result and the row read. */
    char sql[FB__Q_SQL_MAX];
    const char *param[FB__Q_PARAMS];
    char num[FB__Q_PARAMS][24];
    int n_params;
    struct pg_result *r;
    int row, rows;
    bool ran;
} fb__q;

/* Opens a query: SQLite's text `sql` (PostgreSQL's `pg`, or sql translated when NULL). cached
 * keeps SQLite's statement per connection by call site (fb__store_cached); slot by one of the
 * store's STMT_ slots (fb__store_stmt_sql, slot >= 0); neither prepares it for this query alone.
 * FB_OK, or the failure's code with the store's errmsg set (the query then needs no close). */
int fb__q_open(fb__q *q, fb_store *s, const char *sql, const char *pg, const char *what);
int fb__q_cached(fb__q *q, fb_store *s, const void *site, const char *sql, const char *pg,
                 const char *what);
int fb__q_slot(fb__q *q, fb_store *s, int slot, const char *sql, const char *pg, const char *what);

/* Binds placeholder i (1-based). Text must outlive the query's first step. */
void fb__q_text(fb__q *q, int i, const char *text);
void fb__q_text_or_null(fb__q *q, int i, const char *text); /* NULL for "" */
void fb__q_int(fb__q *q, int i, int64_t v);
void fb__q_null(fb__q *q, int i);

/* The next row: 1 when there is one, 0 when there are no more, or a negative FB_E... code (the
 * store's errmsg says why). A statement that returns no rows answers 0 once it ran. */
int fb__q_step(fb__q *q);
/* Runs a statement that returns no rows: FB_OK or the failure's code. */
int fb__q_run(fb__q *q);
/* Rows the statement changed (an INSERT, UPDATE or DELETE that ran). */
int64_t fb__q_changes(const fb__q *q);

/* The current row's columns (0-based): NULL is 0 and "" (fb__q_col_text: NULL for NULL). */
int64_t fb__q_col_int(const fb__q *q, int col);
const char *fb__q_col_text(const fb__q *q, int col);
bool fb__q_col_null(const fb__q *q, int col);
void fb__q_col_copy(char *dst, size_t cap, const fb__q *q, int col);

/* Ends the query: resets SQLite's kept statement (finalizes its own), frees PostgreSQL's result. */
void fb__q_close(fb__q *q);

#endif
