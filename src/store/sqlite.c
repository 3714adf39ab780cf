/* sqlite.c — the SQLite store: opening a book, its pragmas, and the reads and writes the ledger
 * makes. The only code above this folder that knows of SQL is none. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static const char *const sql[STMT_COUNT_] = {
    [STMT_BEGIN_WRITE] = "BEGIN IMMEDIATE",
    [STMT_BEGIN_READ] = "BEGIN",
    [STMT_COMMIT] = "COMMIT",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [STMT_META_SET] = "UPDATE meta SET value = ?2 WHERE key = ?1",
    [STMT_ACCOUNT_BY_ID] = "SELECT ts, id, ledger, code, flags, user_data, debits_pending,"
                           " debits_posted, credits_pending, credits_posted, key"
                           " FROM accounts WHERE id = ?1",
    [STMT_ACCOUNT_INSERT] =
        "INSERT INTO accounts VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [STMT_ACCOUNT_UPDATE] = "UPDATE accounts SET flags = ?2, debits_pending = ?3,"
                            " debits_posted = ?4, credits_pending = ?5, credits_posted = ?6"
                            " WHERE key = ?1",
    [STMT_TRANSFER_BY_ID] =
        "SELECT t.ts, t.id, d.id, c.id, t.amount, p.id, t.ledger, t.code, t.flags, t.timeout,"
        " t.user_data, t.debit_account, t.credit_account, t.pending, s.status, s.expires_at,"
        " t.value_date FROM transfers t JOIN accounts d ON d.key = t.debit_account"
        " JOIN accounts c ON c.key = t.credit_account LEFT JOIN transfers p ON p.ts = t.pending"
        " LEFT JOIN pending s ON s.ts = t.ts WHERE t.id = ?1",
    [STMT_TRANSFER_BY_TS] =
        "SELECT t.ts, t.id, d.id, c.id, t.amount, p.id, t.ledger, t.code, t.flags, t.timeout,"
        " t.user_data, t.debit_account, t.credit_account, t.pending, s.status, s.expires_at,"
        " t.value_date FROM transfers t JOIN accounts d ON d.key = t.debit_account"
        " JOIN accounts c ON c.key = t.credit_account LEFT JOIN transfers p ON p.ts = t.pending"
        " LEFT JOIN pending s ON s.ts = t.ts WHERE t.ts = ?1",
    [STMT_TRANSFER_INSERT] =
        "INSERT INTO transfers VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [STMT_POSTING_INSERT] = "INSERT INTO postings VALUES (?1), (?2)",
    [STMT_POSTINGS_INSERT_RUN] = "INSERT INTO postings VALUES (?1), (?2), (?3), (?4), (?5), (?6),"
                                 " (?7), (?8), (?9), (?10), (?11), (?12), (?13), (?14), (?15),"
                                 " (?16), (?17), (?18), (?19), (?20), (?21), (?22), (?23), (?24),"
                                 " (?25), (?26), (?27), (?28), (?29), (?30), (?31), (?32)",
    [STMT_PENDING_INSERT] = "INSERT INTO pending VALUES (?1, 1, ?2, NULL)",
    [STMT_PENDING_RESOLVE] =
        "UPDATE pending SET status = ?2, resolved_at = ?3 WHERE ts = ?1 AND status = 1",
    [STMT_PENDING_DUE] = "SELECT ts FROM pending"
                         " WHERE status = 1 AND expires_at IS NOT NULL AND expires_at <= ?1"
                         " ORDER BY expires_at LIMIT ?2",
    [STMT_FAILED_GET] = "SELECT 1 FROM failed_ids WHERE id = ?1",
    [STMT_ANY_FAILED] = "SELECT EXISTS (SELECT 1 FROM failed_ids)",
    [STMT_DATA_VERSION] = "PRAGMA data_version",
    [STMT_FAILED_INSERT] = "INSERT INTO failed_ids VALUES (?1, ?2, ?3)",
    [STMT_BALANCE_INSERT] = "INSERT INTO balances VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_BALANCES_RANGE] = "SELECT (SELECT value FROM meta WHERE key = 'balances_through'),"
                            " (SELECT coalesce(max(seq), 0) FROM transfers)",
    [STMT_BALANCES_TAIL] =
        "SELECT coalesce(sum(CASE WHEN t.debit_account = ?3 THEN t.amount END), 0),"
        " coalesce(sum(CASE WHEN t.credit_account = ?3 THEN t.amount END), 0) FROM postings x"
        " JOIN transfers t ON t.seq = ((x.k >> 40) << 16) | (x.k & 65535)"
        " WHERE x.k BETWEEN ?1 AND ?2",
    [STMT_BALANCES_SETTLE] =
        "UPDATE accounts SET debits_posted = debits_posted + x.d,"
        " credits_posted = credits_posted + x.c FROM (SELECT k, sum(d) d, sum(c) c FROM"
        " (SELECT debit_account k, amount d, 0 c FROM transfers WHERE seq > ?1 UNION ALL"
        " SELECT credit_account, 0, amount FROM transfers WHERE seq > ?1) GROUP BY k) x"
        " WHERE accounts.key = x.k",
    [STMT_TRANSFER_EXISTS] = "SELECT 1 FROM transfers WHERE id = ?1",
    [STMT_REFERENCES_OFF] = "PRAGMA foreign_keys = OFF",
    [STMT_REFERENCES_ON] = "PRAGMA foreign_keys = ON",
    [STMT_MAX_ACCOUNT_KEY] = "SELECT coalesce(max(key), 0) FROM accounts",
    [STMT_VALUE_DAY_PUT] = "INSERT INTO value_days VALUES (?1, ?2, ?3) ON CONFLICT(date) DO UPDATE"
                           " SET first_seq = min(first_seq, excluded.first_seq),"
                           " last_seq = max(last_seq, excluded.last_seq)",
};

void fb__store_mirror_errors(fb_store *s, char *buf, size_t cap) {
    s->mirror = buf;
    s->mirror_cap = cap;
}

int fb__store_fail(fb_store *s, int rc, const char *what) {
    snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, sqlite3_errmsg(s->db));
    if (s->mirror) snprintf(s->mirror, s->mirror_cap, "%s", s->errmsg);
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return FB_EBUSY;
    if (primary == SQLITE_NOMEM) return FB_ENOMEM;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return FB_ECORRUPT;
    return FB_EIO;
}

sqlite3_stmt *fb__store_stmt(fb_store *s, int which) {
    FB_ASSERT(which >= 0 && which < STMT_COUNT_ && sql[which] != NULL);
    return fb__store_stmt_sql(s, which, sql[which]);
}

sqlite3_stmt *fb__store_stmt_sql(fb_store *s, int which, const char *text) {
    FB_ASSERT(which >= 0 && which < STMT_COUNT_);
    if (s->stmt[which] == NULL) {
        int rc =
            sqlite3_prepare_v3(s->db, text, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[which], NULL);
        if (rc != SQLITE_OK) {
            fb__store_fail(s, rc, "preparing a statement");
            return NULL;
        }
    }
    sqlite3_stmt *st = s->stmt[which];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

sqlite3_stmt *fb__store_cached(fb_store *s, const void *site, const char *text) {
    FB_ASSERT(s != NULL && s->db != NULL && site != NULL && text != NULL);
    size_t i = 0;
    while (i < s->n_cached && s->cached[i].site != site)
        i++;
    if (i == s->n_cached) {
        FB_ASSERT(s->n_cached < FB__CACHED_MAX); /* a new call site: raise FB__CACHED_MAX */
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v3(s->db, text, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            fb__store_fail(s, rc, "preparing a statement");
            return NULL;
        }
        s->cached[s->n_cached].site = site;
        s->cached[s->n_cached++].st = st;
    }
    sqlite3_stmt *st = s->cached[i].st;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

int fb__store_step_done(fb_store *s, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        int err = fb__store_fail(s, rc, what);
        sqlite3_reset(st);
        return err;
    }
    sqlite3_reset(st);
    return FB_OK;
}

static int step_done(fb_store *s, sqlite3_stmt *st, const char *what) {
    return fb__store_step_done(s, st, what);
}

static int simple(fb_store *s, int which, const char *what) {
    sqlite3_stmt *st = fb__store_stmt(s, which);
    if (!st) return FB_EIO;
    return step_done(s, st, what);
}

/* Foreign keys proven again once a ledger batch's transaction has ended; should the pragma fail,
 * they stay off and the next end tries again. */
static void references_on(fb_store *s) {
    if (!s->references_off || !sqlite3_get_autocommit(s->db)) return;
    if (simple(s, STMT_REFERENCES_ON, "proving references again") == FB_OK)
        s->references_off = false;
}

static int meta_get(fb_store *s, const char *key, int64_t *value, bool *found);

/* A book a cut-over stopped in (meta import_unfinished, docs/import.md "A large book") holds
 * only its first parts: it takes no write but the run's own, until import --recover puts it back.
 * Read in the write transaction, so no writer slips in between; the one place every write of a
 * book on SQLite begins. */
int fb__store_writable(fb_store *s) {
    FB_ASSERT(s != NULL && s->own_mark >= 0);
    FB_ASSERT(s->db != NULL || s->pg);
    if (s->pg) return FB_OK; /* a book on PostgreSQL is imported in one unit of work */
    int64_t run = 0;
    bool found = false;
    int rc = meta_get(s, "import_unfinished", &run, &found);
    if (rc || !found || run == s->own_mark) return rc;
    const char *path = sqlite3_db_filename(s->db, "main");
    snprintf(s->errmsg, sizeof s->errmsg,
             "import run %lld stopped before it finished (meta import_unfinished): the book holds"
             " only its first parts and takes no write until `finbridge import --db %.200s"
             " --recover` puts it back as it was before the run (then import again)",
             (long long)run, path && path[0] ? path : "BOOK");
    if (s->mirror) snprintf(s->mirror, s->mirror_cap, "%s", s->errmsg);
    return FB_EINVAL;
}

static int begin_immediate(fb_store *s) {
    FB_ASSERT(!s->readonly);
    s->range_known = false;
    int rc = simple(s, STMT_BEGIN_WRITE, "starting a write transaction");
    if (rc == FB_OK) rc = fb__store_writable(s);
    if (rc == FB_EINVAL) (void)simple(s, STMT_ROLLBACK, "rolling back");
    return rc;
}

int fb__store_begin_write(fb_store *s) {
    if (s->pg) return fb__pg_begin_write(s);
    references_on(s);                     /* every other transaction proves its references */
    if (s->references_off) return FB_EIO; /* the pragma's failure said why */
    return begin_immediate(s);
}
int fb__store_begin_ledger_batch(fb_store *s) {
    if (s->pg) return fb__pg_begin_write(s);
    FB_ASSERT(!s->readonly);
    FB_ASSERT(sqlite3_get_autocommit(s->db) != 0); /* the pragma takes effect only outside one */
    int rc = s->references_off ? FB_OK : simple(s, STMT_REFERENCES_OFF, "starting a batch");
    if (rc) return rc;
    s->references_off = true;
    rc = begin_immediate(s);
    if (rc) references_on(s);
    return rc;
}
int fb__store_begin_read(fb_store *s) {
    if (s->pg) return fb__pg_begin_read(s);
    s->range_known = false;
    return simple(s, STMT_BEGIN_READ, "starting a read transaction");
}
int fb__store_commit(fb_store *s) {
    FB_ASSERT(!s->readonly);
    if (s->before_commit && !s->in_before_commit) {
        s->in_before_commit = true;
        int rc = s->before_commit(s->before_commit_ctx);
        s->in_before_commit = false;
        /* The hook says why in the mirrored message (the book's): the store's own says it too,
         * as the ledger reports the store's message when a commit fails. */
        if (rc && s->mirror) snprintf(s->errmsg, sizeof s->errmsg, "%s", s->mirror);
        if (rc) return rc;
    }
    s->range_known = false;
    if (s->pg) return fb__pg_commit(s);
    int rc = simple(s, STMT_COMMIT, "committing");
    references_on(s);
    return rc;
}
void fb__store_before_commit(fb_store *s, fb__store_commit_fn *fn, void *ctx) {
    FB_ASSERT(s != NULL && !s->in_before_commit);
    s->before_commit = fn;
    s->before_commit_ctx = ctx;
}
void fb__store_rollback(fb_store *s) {
    if (s->pg) {
        fb__pg_rollback(s);
        return;
    }
    s->n_vdays = 0; /* noted value days and postings of the transaction undone */
    s->n_postings = 0;
    s->range_known = false;
    if (!sqlite3_get_autocommit(s->db)) (void)simple(s, STMT_ROLLBACK, "rolling back");
    references_on(s);
}

static int meta_get(fb_store *s, const char *key, int64_t *value, bool *found) {
    sqlite3_stmt *st = fb__store_stmt(s, STMT_META_GET);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) *value = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fb__store_fail(s, rc, "reading meta");
    return FB_OK;
}

static int single_int(fb_store *s, int which, int64_t *out, const char *what) {
    sqlite3_stmt *st = fb__store_stmt(s, which);
    if (!st) return FB_EIO;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, what);
}

int fb__store_data_version(fb_store *s, int64_t *version) {
    if (s->pg) return fb__pg_data_version(s, version);
    return single_int(s, STMT_DATA_VERSION, version, "reading data_version");
}

bool fb__store_readonly(const fb_store *s) { return s->readonly; }

int fb__store_any_failed_ids(fb_store *s, bool *any) {
    if (s->pg) return fb__pg_any_failed_ids(s, any);
    int64_t v = 0;
    int rc = single_int(s, STMT_ANY_FAILED, &v, "reading failed ids");
    *any = v != 0;
    return rc;
}

int fb__store_last_timestamp(fb_store *s, int64_t *ts) {
    if (s->pg) return fb__pg_last_timestamp(s, ts);
    bool found = false;
    int rc = meta_get(s, "last_timestamp", ts, &found);
    if (rc == FB_OK && !found) {
        snprintf(s->errmsg, sizeof s->errmsg, "the book has no last_timestamp record");
        return FB_ECORRUPT;
    }
    return rc;
}

int fb__store_set_last_timestamp(fb_store *s, int64_t ts) {
    if (s->pg) return fb__pg_set_last_timestamp(s, ts);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_META_SET);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, "last_timestamp", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, ts);
    return step_done(s, st, "recording the last timestamp");
}

/* ---- Opening ------------------------------------------------------------------------------ */

static int open_fail(fb_store *s, char *errbuf, size_t errlen, int code, const char *msg) {
    snprintf(errbuf, errlen, "%s", msg);
    fb__store_close(s);
    return code;
}

/* Reads the schema version: 0 for an empty database; FB_ECORRUPT for a database that has tables
 * but is not a finbridge book. */
static int read_version(fb_store *s, int *version) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT (SELECT count(*) FROM sqlite_schema),"
                                " (SELECT count(*) FROM sqlite_schema WHERE name = 'meta')",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the schema");
    rc = sqlite3_step(st);
    int64_t tables = 0, meta = 0;
    if (rc == SQLITE_ROW) {
        tables = sqlite3_column_int64(st, 0);
        meta = sqlite3_column_int64(st, 1);
    }
    int step_rc = rc;
    sqlite3_finalize(st);
    if (step_rc != SQLITE_ROW) return fb__store_fail(s, step_rc, "reading the schema");
    if (tables == 0) {
        *version = 0;
        return FB_OK;
    }
    if (meta == 0) {
        snprintf(s->errmsg, sizeof s->errmsg, "the database is not a finbridge book");
        return FB_ECORRUPT;
    }
    int64_t v = 0;
    bool found = false;
    rc = meta_get(s, "schema_version", &v, &found);
    if (rc) return rc;
    if (!found || v < 1 || v > 1000000) {
        snprintf(s->errmsg, sizeof s->errmsg, "the book records no valid schema version");
        return FB_ECORRUPT;
    }
    *version = (int)v;
    return FB_OK;
}

/* SQLite counts every allocation under a global mutex unless told not to (it is 2% of a batch's
 * CPU); nothing here reads those counts. Said once, before SQLite starts: a process whose SQLite
 * has already started (another library's) keeps counting, which changes nothing but speed. */
static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;
static void configure_sqlite(void) { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static bool file_exists(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0;
}

int fb__store_open(const char *path, unsigned open_flags, int version, fb_store **out, char *errbuf,
                   size_t errlen) {
    FB_ASSERT(path != NULL && out != NULL && errbuf != NULL);
    *out = NULL;
    if (fb__pg_is_uri(path)) return fb__pg_open(path, open_flags, out, errbuf, errlen);
    int current = fb__store_schema_version_current();
    int target = version == 0 ? current : version;
    FB_ASSERT(target >= 1 && target <= current);
    bool readonly = (open_flags & FB_OPEN_READONLY) != 0;
    bool create = (open_flags & FB_OPEN_CREATE) != 0;
    if (!create && !file_exists(path)) {
        snprintf(errbuf, errlen, "no book at %s: create one with 'finbridge init --db %s'", path,
                 path);
        return FB_ENOTFOUND;
    }
    /* A new book is the bank's records: readable by its owner only. SQLite gives its -wal and
     * -shm files the mode of the book, so they are 0600 too. */
    if (create && !readonly && !file_exists(path)) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) {
            snprintf(errbuf, errlen, "cannot create %s: %s", path, FB_ERRNO_TEXT(errno));
            return FB_EIO;
        }
        if (fd >= 0) close(fd);
    }
    fb_store *s = calloc(1, sizeof *s);
    if (!s) return FB_ENOMEM;
    s->readonly = readonly;
    int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !readonly) oflags |= SQLITE_OPEN_CREATE;
    pthread_once(&sqlite_configured, configure_sqlite);
    if (sodium_init() < 0) return open_fail(s, errbuf, errlen, FB_EIO, "libsodium cannot start");
    int rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot open %s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        return open_fail(s, errbuf, errlen, FB_EIO, msg);
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, FB_BUSY_TIMEOUT_MS);
    if (fb__store_chain_functions(s)) {
        char msg[600];
        snprintf(msg, sizeof msg, "cannot open %s: %s", path, s->errmsg);
        return open_fail(s, errbuf, errlen, FB_EIO, msg);
    }
    const char *pragmas = readonly ? "PRAGMA foreign_keys = ON;"
                                   : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                     " PRAGMA foreign_keys = ON;";
    /* The page cache holds the hot parts of the id and account indexes (limits.h). */
    char cache[64];
    snprintf(cache, sizeof cache, "PRAGMA cache_size = -%d;", FB_PAGE_CACHE_KIB);
    sqlite3_exec(s->db, cache, NULL, NULL, NULL);
    char *err = NULL;
    rc = sqlite3_exec(s->db, pragmas, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot open %s: %s", path, err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return open_fail(s, errbuf, errlen, rc == SQLITE_NOTADB ? FB_ECORRUPT : FB_EIO, msg);
    }
    int have = 0;
    rc = read_version(s, &have);
    if (rc) {
        char msg[600];
        snprintf(msg, sizeof msg, "cannot open %s: %s", path, s->errmsg);
        return open_fail(s, errbuf, errlen, rc, msg);
    }
    if (have > current) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 "the book at %s has schema version %d, newer than this finbridge's %d: "
                 "use a newer finbridge",
                 path, have, current);
        return open_fail(s, errbuf, errlen, FB_EVERSION, msg);
    }
    if (have == 0 && !create) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s is empty: create a book with 'finbridge init --db %s'", path,
                 path);
        return open_fail(s, errbuf, errlen, FB_ENOTFOUND, msg);
    }
    s->version = have;
    if (have < target) {
        if (readonly) {
            char msg[512];
            snprintf(msg, sizeof msg,
                     "the book at %s has schema version %d and needs migrating to %d; "
                     "open it for writing once",
                     path, have, target);
            return open_fail(s, errbuf, errlen, FB_EVERSION, msg);
        }
        rc = fb__store_migrate(s, have, target);
        if (rc) {
            char msg[600];
            snprintf(msg, sizeof msg, "cannot migrate %s from version %d: %s", path, have,
                     s->errmsg);
            return open_fail(s, errbuf, errlen, rc, msg);
        }
    }
    *out = s;
    return FB_OK;
}

void fb__store_close(fb_store *s) {
    if (!s) return;
    if (s->pg) fb__pg_close(s);
    free(s->postings);
    for (int i = 0; i < STMT_COUNT_; i++)
        sqlite3_finalize(s->stmt[i]);
    for (size_t i = 0; i < s->n_cached; i++)
        sqlite3_finalize(s->cached[i].st);
    if (s->db) sqlite3_close(s->db);
    free(s);
}

const char *fb__store_errmsg(const fb_store *s) { return s->errmsg; }
bool fb__store_holds_records(const fb_store *s) { return s->pg == NULL; }
bool fb__store_writes_behind(const fb_store *s) { return s->pg == NULL; }
bool fb__store_prefetches(const fb_store *s) { return s->pg != NULL; }
int fb__store_schema_version(const fb_store *s) { return s->version; }

/* ---- Accounts ----------------------------------------------------------------------------- */

void fb__store_column_text(char *dst, size_t cap, sqlite3_stmt *st, int col) {
    const unsigned char *t = sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    if (!t || n < 0) n = 0;
    if ((size_t)n >= cap) n = (int)cap - 1;
    if (n > 0) memcpy(dst, t, (size_t)n);
    dst[n] = '\0';
}

void fb__store_bind_text_or_null(sqlite3_stmt *st, int i, const char *text) {
    if (text[0]) {
        sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, i);
    }
}

static int account_row(fb_store *s, const char *id, fb_account *out, int64_t *key) {
    sqlite3_stmt *st = fb__store_stmt(s, STMT_ACCOUNT_BY_ID);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->timestamp_ns = sqlite3_column_int64(st, 0);
        fb__store_column_text(out->id, sizeof out->id, st, 1);
        out->ledger = (uint32_t)sqlite3_column_int64(st, 2);
        out->code = (uint16_t)sqlite3_column_int64(st, 3);
        out->flags = (uint16_t)sqlite3_column_int64(st, 4);
        fb__store_column_text(out->user_data, sizeof out->user_data, st, 5);
        out->debits_pending_fen = sqlite3_column_int64(st, 6);
        out->debits_posted_fen = sqlite3_column_int64(st, 7);
        out->credits_pending_fen = sqlite3_column_int64(st, 8);
        out->credits_posted_fen = sqlite3_column_int64(st, 9);
        *key = sqlite3_column_int64(st, 10);
        sqlite3_reset(st);
        return FB_OK;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return FB_ENOTFOUND;
    return fb__store_fail(s, rc, "reading an account");
}

/* The row and what is behind are read in one snapshot (a read transaction of its own outside
 * one), so that a writer writing what is behind in between cannot make a reader miss it. */
int fb__store_account_by_id(fb_store *s, const char *id, fb_account *out, int64_t *key) {
    if (s->pg) return fb__pg_account_by_id(s, id, out, key);
    FB_ASSERT(s != NULL && id != NULL && out != NULL && key != NULL);
    bool own = sqlite3_get_autocommit(s->db) != 0;
    int rc = own ? fb__store_begin_read(s) : FB_OK;
    if (rc == FB_OK) rc = account_row(s, id, out, key);
    if (rc == FB_OK) rc = fb__store_add_behind(s, *key, out);
    if (own) fb__store_rollback(s); /* a read: nothing to commit */
    FB_ASSERT(rc != FB_OK || *key > 0);
    return rc;
}

int fb__store_account_row(fb_store *s, const char *id, fb_account *out, int64_t *key) {
    if (s->pg) return fb__pg_account_by_id(s, id, out, key); /* nothing is behind there */
    FB_ASSERT(s != NULL && id != NULL && out != NULL && key != NULL);
    FB_ASSERT(!s->readonly && sqlite3_get_autocommit(s->db) == 0); /* the writer's snapshot */
    return account_row(s, id, out, key);
}

int fb__store_account_insert(fb_store *s, const fb_account *a, int64_t *key) {
    if (s->pg) return fb__pg_account_insert(s, a, key);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_ACCOUNT_INSERT);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, a->timestamp_ns);
    sqlite3_bind_text(st, 2, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, a->ledger);
    sqlite3_bind_int64(st, 4, a->code);
    sqlite3_bind_int64(st, 5, a->flags);
    fb__store_bind_text_or_null(st, 6, a->user_data);
    sqlite3_bind_int64(st, 7, a->debits_pending_fen);
    sqlite3_bind_int64(st, 8, a->debits_posted_fen);
    sqlite3_bind_int64(st, 9, a->credits_pending_fen);
    sqlite3_bind_int64(st, 10, a->credits_posted_fen);
    int rc = step_done(s, st, "inserting an account");
    if (rc) return rc;
    *key = sqlite3_last_insert_rowid(s->db);
    if (*key > FB_ACCOUNTS_MAX) {
        snprintf(s->errmsg, sizeof s->errmsg, "a book holds at most %d accounts", FB_ACCOUNTS_MAX);
        return FB_ELIMIT;
    }
    fb__chain_account(s, *key, a);
    return FB_OK;
}

int fb__store_account_update(fb_store *s, int64_t key, const fb_account *a) {
    if (s->pg) return fb__pg_account_update(s, key, a);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_ACCOUNT_UPDATE);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, a->flags);
    sqlite3_bind_int64(st, 3, a->debits_pending_fen);
    sqlite3_bind_int64(st, 4, a->debits_posted_fen);
    sqlite3_bind_int64(st, 5, a->credits_pending_fen);
    sqlite3_bind_int64(st, 6, a->credits_posted_fen);
    int rc = step_done(s, st, "updating an account");
    if (rc == FB_OK && sqlite3_changes(s->db) != 1) {
        snprintf(s->errmsg, sizeof s->errmsg, "updating account %s: no such row", a->id);
        return FB_ECORRUPT;
    }
    return rc;
}

/* ---- Value days ---------------------------------------------------------------------------
 * value_days holds, for each value date, the first and last sequence numbers of its transfers, so
 * that a query by value date visits only the runs of postings that can hold them. The inserts of
 * a batch are noted in memory (most batches carry one date) and written once, before commit. */

static int value_days_write(fb_store *s) {
    FB_ASSERT(s->n_vdays <= FB__VDAYS_MAX);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < s->n_vdays; i++) {
        sqlite3_stmt *st = fb__store_stmt(s, STMT_VALUE_DAY_PUT);
        if (!st) return FB_EIO;
        sqlite3_bind_int64(st, 1, s->vdays[i].date);
        sqlite3_bind_int64(st, 2, s->vdays[i].first_seq);
        sqlite3_bind_int64(st, 3, s->vdays[i].last_seq);
        rc = step_done(s, st, "recording a value date");
    }
    s->n_vdays = 0;
    return rc;
}

static int by_key(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The postings noted, in key order: FB__POSTINGS_RUN a statement, the rest two a statement
 * (there are two a transfer). */
_Static_assert(FB__POSTINGS_RUN % 2 == 0, "a run of postings holds whole transfers");
static int postings_write(fb_store *s) {
    FB_ASSERT(s->n_postings % 2 == 0 && s->n_postings <= FB__POSTINGS_MAX);
    if (s->n_postings == 0) return FB_OK;
    qsort(s->postings, s->n_postings, sizeof *s->postings, by_key);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < s->n_postings;) {
        size_t n = s->n_postings - i >= FB__POSTINGS_RUN ? FB__POSTINGS_RUN : 2;
        sqlite3_stmt *st = fb__store_stmt(s, n == FB__POSTINGS_RUN ? STMT_POSTINGS_INSERT_RUN
                                                                   : STMT_POSTING_INSERT);
        if (!st) return FB_EIO;
        for (size_t k = 0; k < n; k++)
            sqlite3_bind_int64(st, (int)k + 1, s->postings[i + k]);
        rc = step_done(s, st, "inserting the postings");
        i += n;
    }
    s->n_postings = 0;
    return rc;
}

int fb__store_transfers_written(fb_store *s) {
    if (s->pg) return fb__pg_flush(s);
    FB_ASSERT(s != NULL && !s->readonly);
    int rc = postings_write(s);
    return rc ? rc : value_days_write(s);
}

static int value_day_note(fb_store *s, int32_t date, int64_t seq) {
    FB_ASSERT(seq > 0);
    for (size_t i = s->n_vdays; i-- > 0;) {
        if (s->vdays[i].date != date) continue;
        FB_ASSERT(seq > s->vdays[i].last_seq);
        s->vdays[i].last_seq = seq;
        return FB_OK;
    }
    if (s->n_vdays == FB__VDAYS_MAX) {
        int rc = value_days_write(s);
        if (rc) return rc;
    }
    s->vdays[s->n_vdays++] = (fb__vday){date, seq, seq};
    return FB_OK;
}

int fb__store_open_day(fb_store *s, int32_t *date) {
    if (s->pg) return fb__pg_open_day(s, date);
    FB_ASSERT(s != NULL && date != NULL);
    int64_t v = 0;
    bool found = false;
    int rc = meta_get(s, "business_date", &v, &found);
    *date = rc == FB_OK && found ? (int32_t)v : 0;
    return rc;
}

/* ---- Transfers ---------------------------------------------------------------------------- */

void fb__store_read_transfer(sqlite3_stmt *st, fb_stored_transfer *out) {
    memset(out, 0, sizeof *out);
    fb_transfer *t = &out->t;
    t->timestamp_ns = sqlite3_column_int64(st, 0);
    fb__store_column_text(t->id, sizeof t->id, st, 1);
    fb__store_column_text(t->debit_account_id, sizeof t->debit_account_id, st, 2);
    fb__store_column_text(t->credit_account_id, sizeof t->credit_account_id, st, 3);
    t->amount_fen = sqlite3_column_int64(st, 4);
    fb__store_column_text(t->pending_id, sizeof t->pending_id, st, 5);
    t->ledger = (uint32_t)sqlite3_column_int64(st, 6);
    t->code = (uint16_t)sqlite3_column_int64(st, 7);
    t->flags = (uint16_t)sqlite3_column_int64(st, 8);
    t->timeout_s = (uint32_t)sqlite3_column_int64(st, 9);
    fb__store_column_text(t->user_data, sizeof t->user_data, st, 10);
    out->debit_key = sqlite3_column_int64(st, 11);
    out->credit_key = sqlite3_column_int64(st, 12);
    out->pending_ts = sqlite3_column_int64(st, 13);
    out->pending_status = (uint8_t)sqlite3_column_int64(st, 14);
    out->expires_at_ns = sqlite3_column_int64(st, 15);
    t->value_date = (int32_t)sqlite3_column_int64(st, 16);
}

static int transfer_get(fb_store *s, sqlite3_stmt *st, fb_stored_transfer *out) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        fb__store_read_transfer(st, out);
        sqlite3_reset(st);
        return FB_OK;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return FB_ENOTFOUND;
    return fb__store_fail(s, rc, "reading a transfer");
}

/* A new id is the common case of a batch: probed on the id index alone, one cursor, before the
 * join of five that reads a transfer found. */
int fb__store_transfer_by_id(fb_store *s, const char *id, fb_stored_transfer *out) {
    if (s->pg) return fb__pg_transfer_by_id(s, id, out);
    FB_ASSERT(id != NULL && out != NULL);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_TRANSFER_EXISTS);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return FB_ENOTFOUND;
    if (rc != SQLITE_ROW) return fb__store_fail(s, rc, "reading a transfer");
    st = fb__store_stmt(s, STMT_TRANSFER_BY_ID);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return transfer_get(s, st, out);
}

int fb__store_transfer_by_ts(fb_store *s, int64_t ts, fb_stored_transfer *out) {
    if (s->pg) return fb__pg_transfer_by_ts(s, ts, out);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_TRANSFER_BY_TS);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, ts);
    return transfer_get(s, st, out);
}

int fb__store_transfer_insert(fb_store *s, const fb_stored_transfer *stt) {
    if (s->pg) return fb__pg_transfer_insert(s, stt);
    const fb_transfer *t = &stt->t;
    sqlite3_stmt *st = fb__store_stmt(s, STMT_TRANSFER_INSERT);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, t->timestamp_ns);
    sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, stt->debit_key);
    sqlite3_bind_int64(st, 4, stt->credit_key);
    sqlite3_bind_int64(st, 5, t->amount_fen);
    if (stt->pending_ts) {
        sqlite3_bind_int64(st, 6, stt->pending_ts);
    } else {
        sqlite3_bind_null(st, 6);
    }
    sqlite3_bind_int64(st, 7, t->ledger);
    sqlite3_bind_int64(st, 8, t->code);
    sqlite3_bind_int64(st, 9, t->flags);
    sqlite3_bind_int64(st, 10, t->timeout_s);
    fb__store_bind_text_or_null(st, 11, t->user_data);
    sqlite3_bind_int64(st, 12, t->value_date);
    int rc = step_done(s, st, "inserting a transfer");
    if (rc) return rc;
    int64_t seq = sqlite3_last_insert_rowid(s->db);
    if (seq > FB_TRANSFERS_MAX) {
        snprintf(s->errmsg, sizeof s->errmsg, "a book holds at most %lld transfers",
                 (long long)FB_TRANSFERS_MAX);
        return FB_ELIMIT;
    }
    if (s->range_known) s->range_last = seq; /* one more transfer behind */
    fb__chain_transfer(s, seq, stt);
    rc = value_day_note(s, t->value_date, seq);
    if (rc) return rc;
    FB_ASSERT(stt->debit_key <= FB_ACCOUNTS_MAX && stt->credit_key <= FB_ACCOUNTS_MAX);
    /* Both postings wait, to be written with the batch's in key order. */
    if (!s->postings) s->postings = malloc(FB__POSTINGS_MAX * sizeof *s->postings);
    if (!s->postings) return FB_ENOMEM;
    if (s->n_postings == FB__POSTINGS_MAX) rc = postings_write(s);
    if (rc) return rc;
    s->postings[s->n_postings++] = fb__posting_key(seq, stt->debit_key);
    s->postings[s->n_postings++] = fb__posting_key(seq, stt->credit_key);
    if (!(t->flags & FB_TRANSFER_PENDING)) return FB_OK;
    st = fb__store_stmt(s, STMT_PENDING_INSERT);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, t->timestamp_ns);
    if (stt->expires_at_ns) {
        sqlite3_bind_int64(st, 2, stt->expires_at_ns);
    } else {
        sqlite3_bind_null(st, 2);
    }
    return step_done(s, st, "inserting a pending transfer's status");
}

int fb__store_pending_resolve(fb_store *s, int64_t pending_ts, fb_pending_status status,
                              int64_t resolved_ns) {
    FB_ASSERT(status == FB_PENDING_POSTED || status == FB_PENDING_VOIDED ||
              status == FB_PENDING_EXPIRED);
    if (s->pg) return fb__pg_pending_resolve(s, pending_ts, status, resolved_ns);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_PENDING_RESOLVE);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, pending_ts);
    sqlite3_bind_int64(st, 2, (int64_t)status);
    sqlite3_bind_int64(st, 3, resolved_ns);
    int rc = step_done(s, st, "resolving a pending transfer");
    if (rc == FB_OK && sqlite3_changes(s->db) != 1) {
        snprintf(s->errmsg, sizeof s->errmsg, "resolving pending transfer %lld: not pending",
                 (long long)pending_ts);
        return FB_ECORRUPT;
    }
    return rc;
}

int fb__store_pending_due(fb_store *s, int64_t now_ns, int64_t *ts_out, size_t max, size_t *n) {
    if (s->pg) return fb__pg_pending_due(s, now_ns, ts_out, max, n);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_PENDING_DUE);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, now_ns);
    sqlite3_bind_int64(st, 2, (int64_t)max);
    size_t count = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        FB_ASSERT(count < max);
        ts_out[count++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    *n = count;
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "finding due pending transfers");
    return FB_OK;
}

int fb__store_failed_id_get(fb_store *s, const char *id, bool *found) {
    if (s->pg) return fb__pg_failed_id_get(s, id, found);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_FAILED_GET);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    *found = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fb__store_fail(s, rc, "reading failed ids");
    return FB_OK;
}

int fb__store_failed_id_insert(fb_store *s, const char *id, int64_t ts, fb_result r) {
    if (s->pg) return fb__pg_failed_id_insert(s, id, ts, r);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_FAILED_INSERT);
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, ts);
    sqlite3_bind_int64(st, 3, (int64_t)r);
    return step_done(s, st, "recording a failed id");
}

int fb__store_balance_insert(fb_store *s, int64_t account_key, const fb_balance *b) {
    if (s->pg) return fb__pg_balance_insert(s, account_key, b);
    sqlite3_stmt *st = fb__store_stmt(s, STMT_BALANCE_INSERT);
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, account_key);
    sqlite3_bind_int64(st, 2, b->timestamp_ns);
    sqlite3_bind_int64(st, 3, b->debits_pending_fen);
    sqlite3_bind_int64(st, 4, b->debits_posted_fen);
    sqlite3_bind_int64(st, 5, b->credits_pending_fen);
    sqlite3_bind_int64(st, 6, b->credits_posted_fen);
    sqlite3_bind_int64(st, 7, b->value_date);
    int rc = step_done(s, st, "recording balance history");
    if (rc == FB_OK) fb__chain_balance(s, account_key, b);
    return rc;
}
