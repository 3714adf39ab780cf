/* store.h — the store: the only code that knows the database. This header is what every room
 * shares (opening, transactions, settings, verify); each room has its own header, the only door to
 * its tables:
 *   store/ledger_rows.h  accounts, transfers, pending, balance history (the ledger's)
 *   store/book_rows.h    parties, facilities, loans, servicing, certificates, the cooperation,
 *                        the report aggregates (the book's)
 *   store/access_rows.h  users and the audit log
 * All SQL lives in this folder. A server database backend implements the same calls; each call is
 * one a server can serve in few round trips. Every call returns FB_OK or a negative FB_E... code;
 * on FB_EIO the store's errmsg says why. */
#ifndef FB_STORE_H
#define FB_STORE_H

#include "finbridge/finbridge.h"

typedef struct fb_store fb_store;

/* Opens (FB_OPEN_CREATE: creates) the database at path, migrating an older schema up to
 * `version` (0 = the current one; tests ask for older ones to build fixtures). */
int fb__store_open(const char *path, unsigned open_flags, int version, fb_store **out, char *errbuf,
                   size_t errlen);
void fb__store_close(fb_store *s);
const char *fb__store_errmsg(const fb_store *s);
/* Writes each failure's message into buf as well (the ledger's errmsg), so that a failure of the
 * store deep inside an operation is what fb_ledger_errmsg names. */
void fb__store_mirror_errors(fb_store *s, char *buf, size_t cap);
int fb__store_schema_version(const fb_store *s);
int fb__store_schema_version_current(void);

/* A write transaction takes the write lock at once (BEGIN IMMEDIATE); commit makes it durable.
 * A read transaction gives a consistent snapshot for several queries. */
int fb__store_begin_write(fb_store *s);
int fb__store_begin_read(fb_store *s);
/* FB_OK, or FB_EINVAL (with the message) when the book is marked by an import run this
 * connection is not (meta import_unfinished): every write transaction begins with it. */
int fb__store_writable(fb_store *s);
int fb__store_commit(fb_store *s);
void fb__store_rollback(fb_store *s);
/* Has fn(ctx) run inside each write transaction just before it commits: a failure (its code) fails
 * the commit, which the caller then rolls back. The book audits the command line's writes this
 * way. NULL stops it. */
typedef int fb__store_commit_fn(void *ctx);
void fb__store_before_commit(fb_store *s, fb__store_commit_fn *fn, void *ctx);

/* A setting of the book (table meta): *value is `absent` when it was never set. */
int fb__store_setting(fb_store *s, const char *key, int64_t absent, int64_t *value);
int fb__store_setting_put(fb_store *s, const char *key, int64_t value);
/* The bank's business date: the day now open (end of day closes it and opens the next); 0
 * before the first end of day. */
int fb__store_business_date(fb_store *s, int32_t *date);
int fb__store_set_business_date(fb_store *s, int32_t date);

/* Backups (backup.c). A copy of the open book into a new file `to` (refused when it exists),
 * consistent while other connections write, linked into place when whole; a copy of the file
 * `from` (a backup) into a new file `to`; the book at path held for this handle alone (FB_EBUSY
 * when any other connection has it open), its WAL checkpointed and removed, until closed with
 * fb__store_close. err gets why on failure. */
int fb__store_backup(fb_store *s, const char *to, char *err, size_t cap);
int fb__store_copy_file(const char *from, const char *to, char *err, size_t cap);
int fb__store_hold(const char *path, fb_store **out, char *err, size_t cap);
/* Syncs the folder that holds path, making a rename or link in it durable. */
int fb__store_sync_dir(const char *path);

/* Runs every invariant check over the stored books, reporting each failure as a line. */
int fb__store_verify(fb_store *s, fb_report_fn *report, void *ctx, uint64_t *failures);

/* Whether the store holds the book's rooms (book_rows.h, access_rows.h) besides the ledger's: a
 * book on PostgreSQL holds only the ledger's so far (docs/postgresql.md). */
bool fb__store_holds_records(const fb_store *s);
/* Whether it holds the parties' room (PostgreSQL from its schema version 3). */
bool fb__store_holds_parties(const fb_store *s);

/* A number that changes when another connection commits: caches of rows
 * are valid while it holds (SQLite's data_version). */
int fb__store_data_version(fb_store *s, int64_t *version);
/* Whether the store was opened read-only (it writes nothing of its own). */
bool fb__store_readonly(const fb_store *s);

#endif
