/* pg.c — the PostgreSQL store: connecting (a multi-host URI finds the primary), the outcome of a
 * failure (retry, unavailable, in doubt), transactions under the book's lock, and the book's meta
 * row (docs/postgresql.md).
 *
 * One writer per book: a write transaction begins by locking the book's row of fb_book
 * (SELECT ... FOR UPDATE), so READ COMMITTED is safe, and reads there what the ledger needs at a
 * batch's start (the commit counter, the last timestamp, the business date, the last account key
 * and transfer sequence number: dense keys are handed out under the lock, never by sequences).
 * Reads of their own run REPEATABLE READ READ ONLY. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/assert.h"
#include "store/pg_internal.h"

bool fb__pg_is_uri(const char *path) {
    return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0;
}

int64_t fb__pg_int(const PGresult *res, int row, int col) {
    if (PQgetisnull(res, row, col)) return 0;
    return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static void set_msg(fb_store *s, const char *what, const char *why) {
    snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, why);
    size_t n = strlen(s->errmsg);
    while (n > 0 && (s->errmsg[n - 1] == '\n' || s->errmsg[n - 1] == ' '))
        s->errmsg[--n] = '\0';
    if (s->mirror) snprintf(s->mirror, s->mirror_cap, "%s", s->errmsg);
}

int fb__pg_fail(fb_store *s, PGresult *res, const char *what) {
    FB_ASSERT(s != NULL && s->pg != NULL && what != NULL);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : "";
    if (!msg || !msg[0]) msg = PQerrorMessage(s->pg->conn);
    char code[8] = "";
    if (state) snprintf(code, sizeof code, "%s", state);
    set_msg(s, what, msg);
    PQclear(res);
    if (strcmp(code, "40001") == 0 || strcmp(code, "40P01") == 0 || strcmp(code, "55P03") == 0) {
        return FB_EBUSY;
    }
    if (strcmp(code, "25006") == 0 || PQstatus(s->pg->conn) != CONNECTION_OK) {
        s->pg->in_tx = false; /* the server ended it */
        return FB_EUNAVAILABLE;
    }
    if (strcmp(code, "57014") == 0) return FB_EBUSY; /* a statement or a lock wait timed out */
    return FB_EIO;
}

static int reconnect(fb_store *s);

/* want PGRES_FATAL_ERROR: either a statement's rows or its completion (query.c). */
bool fb__store_holds_parties(const fb_store *s) {
    return !s->pg || s->version >= FB_PG_SCHEMA_PARTIES;
}

int fb__pg_exec(fb_store *s, const char *sql, int n, const char *const *params, ExecStatusType want,
                PGresult **res, const char *what) {
    FB_ASSERT(s->pg != NULL && sql != NULL && res != NULL);
    *res = NULL;
    /* A statement of its own (a server's lookup of a token, say) after a failover: connect to
     * the new primary first; inside a transaction a lost connection ends it. */
    if (!s->pg->in_tx && (!s->pg->conn || PQstatus(s->pg->conn) != CONNECTION_OK))
        (void)reconnect(s);
    if (!s->pg->conn || PQstatus(s->pg->conn) != CONNECTION_OK) {
        set_msg(s, what, "the connection to the database server is lost");
        s->pg->in_tx = false;
        return FB_EUNAVAILABLE;
    }
    PGresult *r = PQexecParams(s->pg->conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType got = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    bool any = want == PGRES_FATAL_ERROR && (got == PGRES_TUPLES_OK || got == PGRES_COMMAND_OK);
    if (!r || (got != want && !any) || got == PGRES_FATAL_ERROR) return fb__pg_fail(s, r, what);
    *res = r;
    return FB_OK;
}

int fb__pg_run(fb_store *s, const char *sql, int n, const char *const *params, const char *what) {
    PGresult *res = NULL;
    int rc = fb__pg_exec(s, sql, n, params, PGRES_COMMAND_OK, &res, what);
    PQclear(res);
    return rc;
}

/* A WARNING while COMMIT runs is the server cancelling its wait for the synchronous standby
 * ("the transaction has already committed locally, but might not have been replicated"). */
static void on_notice(void *arg, const PGresult *res) {
    struct fb__pg *pg = arg;
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (sev && strcmp(sev, "WARNING") == 0) pg->commit_warned = true;
}

/* Connects to uri (or its server's maintenance database "postgres"), with the session's
 * timeouts: the commit timeout unless the conninfo sets one, the lock wait. */
static int connect_to(fb_store *s, const char *uri, bool maintenance, PGconn **out) {
    const char *keys[] = {"dbname", maintenance ? "dbname" : NULL, NULL};
    const char *vals[] = {uri, "postgres", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    *out = c;
    if (!c || PQstatus(c) != CONNECTION_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "no primary database server reachable: %s",
                 c ? PQerrorMessage(c) : "out of memory");
        return strstr(s->errmsg, "does not exist") ? FB_ENOTFOUND : FB_EUNAVAILABLE;
    }
    PQsetNoticeReceiver(c, on_notice, s->pg);
    /* The commit timeout: FB_PG_COMMIT_TIMEOUT_MS, or the conninfo's
     * options=-c finbridge.commit_timeout=MS. */
    PGresult *r = PQexec(c, "SELECT current_setting('statement_timeout'),"
                            " coalesce(current_setting('finbridge.commit_timeout', true), '')");
    bool got = r && PQresultStatus(r) == PGRES_TUPLES_OK;
    bool unset = got && strcmp(PQgetvalue(r, 0, 0), "0") == 0;
    long ms = got ? strtol(PQgetvalue(r, 0, 1), NULL, 10) : 0;
    s->pg->commit_timeout_ms =
        ms > 0 && ms <= FB_PG_COMMIT_TIMEOUT_MS ? (int)ms : FB_PG_COMMIT_TIMEOUT_MS;
    PQclear(r);
    char set[160];
    snprintf(set, sizeof set, "%sSET lock_timeout = %d; SET client_min_messages = warning",
             unset ? "SET statement_timeout = " FB_PG_STR(FB_PG_COMMIT_TIMEOUT_MS) "; " : "",
             FB_PG_LOCK_TIMEOUT_MS);
    r = PQexec(c, set);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        snprintf(s->errmsg, sizeof s->errmsg, "setting the session's timeouts: %s",
                 PQerrorMessage(c));
        return FB_EIO;
    }
    return FB_OK;
}

/* Connects again after the connection was lost: the URI's hosts are tried in order, and
 * target_session_attrs=read-write finds the promoted standby after a failover. */
static int reconnect(fb_store *s) {
    struct fb__pg *pg = s->pg;
    if (pg->conn && PQstatus(pg->conn) == CONNECTION_OK) return FB_OK;
    PQfinish(pg->conn);
    pg->conn = NULL;
    pg->in_tx = false;
    int rc = connect_to(s, pg->conninfo, false, &pg->conn);
    if (s->mirror && rc) snprintf(s->mirror, s->mirror_cap, "%s", s->errmsg);
    return rc;
}

static int create_database(fb_store *s, const char *uri) {
    PQconninfoOption *opts = PQconninfoParse(uri, NULL);
    const char *name = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "dbname") == 0) name = o->val;
    }
    PGconn *c = NULL;
    int rc = name ? connect_to(s, uri, true, &c) : FB_EINVAL;
    if (!name) snprintf(s->errmsg, sizeof s->errmsg, "the URI names no database");
    if (rc == FB_OK) {
        char *quoted = PQescapeIdentifier(c, name, strlen(name));
        char sql[400];
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", quoted ? quoted : "\"\"");
        PQfreemem(quoted);
        PGresult *r = PQexec(c, sql);
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
            snprintf(s->errmsg, sizeof s->errmsg, "creating database %s: %s", name,
                     PQerrorMessage(c));
            rc = FB_EIO;
        }
        PQclear(r);
    }
    PQfinish(c);
    PQconninfoFree(opts);
    return rc;
}

static int open_fail(fb_store *s, char *errbuf, size_t errlen, int rc) {
    snprintf(errbuf, errlen, "%s", s->errmsg);
    fb__store_close(s);
    return rc;
}

int fb__pg_open(const char *uri, unsigned open_flags, fb_store **out, char *errbuf, size_t errlen) {
    FB_ASSERT(uri != NULL && out != NULL && fb__pg_is_uri(uri));
    *out = NULL;
    fb_store *s = calloc(1, sizeof *s);
    struct fb__pg *pg = s ? calloc(1, sizeof *pg) : NULL;
    char *info = pg ? strdup(uri) : NULL;
    if (!info) {
        free(pg);
        free(s);
        snprintf(errbuf, errlen, "out of memory");
        return FB_ENOMEM;
    }
    s->pg = pg;
    pg->conninfo = info;
    s->readonly = (open_flags & FB_OPEN_READONLY) != 0;
    bool create = (open_flags & FB_OPEN_CREATE) != 0 && !s->readonly;
    int rc = connect_to(s, uri, false, &pg->conn);
    if (rc == FB_ENOTFOUND && create) {
        PQfinish(pg->conn);
        pg->conn = NULL;
        rc = create_database(s, uri);
        if (rc == FB_OK) rc = connect_to(s, uri, false, &pg->conn);
    }
    if (rc) return open_fail(s, errbuf, errlen, rc);
    int have = 0;
    rc = fb__pg_schema(s, create, &have);
    if (rc) return open_fail(s, errbuf, errlen, rc);
    if (have > FB_PG_SCHEMA_VERSION) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "the book at the PostgreSQL database has schema version %d, newer than this "
                 "finbridge's %d: use a newer finbridge",
                 have, FB_PG_SCHEMA_VERSION);
        return open_fail(s, errbuf, errlen, FB_EVERSION);
    }
    s->version = have;
    *out = s;
    return FB_OK;
}

void fb__pg_close(fb_store *s) {
    FB_ASSERT(s != NULL && s->pg != NULL);
    if (s->pg->in_tx) fb__pg_rollback(s);
    PQfinish(s->pg->conn);
    fb__pg_rows_free(s->pg);
    free(s->pg->conninfo);
    free(s->pg);
    s->pg = NULL;
}

/* ---- Transactions ------------------------------------------------------------------------- */

static int lock_book(fb_store *s) {
    struct fb__pg *pg = s->pg;
    int rc = fb__pg_run(s, "BEGIN", 0, NULL, "starting a write transaction");
    if (rc) return rc;
    pg->in_tx = pg->write_tx = true;
    PGresult *r = NULL;
    rc = fb__pg_exec(s,
                     "SELECT commits, last_timestamp, business_date FROM fb_book WHERE id = 1"
                     " FOR UPDATE",
                     0, NULL, PGRES_TUPLES_OK, &r, "locking the book");
    if (rc == FB_OK && PQntuples(r) != 1) {
        PQclear(r);
        snprintf(s->errmsg, sizeof s->errmsg, "the book has no row in fb_book");
        return FB_ECORRUPT;
    }
    if (rc) return rc;
    pg->commits = fb__pg_int(r, 0, 0);
    pg->last_ts = fb__pg_int(r, 0, 1);
    pg->business_date = (int32_t)fb__pg_int(r, 0, 2);
    pg->last_ts_set = false;
    PQclear(r);
    /* A statement of its own, after the lock: the statement that waited for the lock read the
     * other tables as they were when it began (READ COMMITTED rechecks only the locked row). */
    rc = fb__pg_exec(s,
                     "SELECT (SELECT coalesce(max(key), 0) FROM accounts),"
                     " (SELECT coalesce(max(seq), 0) FROM transfers)",
                     0, NULL, PGRES_TUPLES_OK, &r, "reading the last keys");
    if (rc) return rc;
    pg->next_key = fb__pg_int(r, 0, 0) + 1;
    pg->last_seq = fb__pg_int(r, 0, 1);
    PQclear(r);
    return FB_OK;
}

/* Waits on another writer's batch up to FB_PG_LOCK_TRIES lock timeouts; connects again first
 * when the connection was lost (nothing of this transaction is written yet). */
int fb__pg_begin_write(fb_store *s) {
    FB_ASSERT(!s->readonly && !s->pg->in_tx);
    int rc = FB_EBUSY;
    for (int i = 0; i < FB_PG_LOCK_TRIES && (rc == FB_EBUSY || rc == FB_EUNAVAILABLE); i++) {
        if (i > 0) fb__pg_rollback(s);
        rc = reconnect(s);
        if (rc) return rc;
        rc = lock_book(s);
        if (rc == FB_EUNAVAILABLE) {
            fb__pg_rollback(s);
            rc = reconnect(s);
            if (rc == FB_OK) rc = FB_EUNAVAILABLE; /* try once more on the new connection */
        }
    }
    if (rc) fb__pg_rollback(s);
    return rc;
}

int fb__pg_begin_read(fb_store *s) {
    FB_ASSERT(s->pg != NULL && !s->pg->in_tx);
    int rc = reconnect(s);
    if (rc == FB_OK) {
        rc = fb__pg_run(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
                        "starting a read transaction");
    }
    if (rc == FB_OK) s->pg->in_tx = true;
    s->pg->write_tx = false;
    return rc;
}

static int64_t now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* COMMIT, bounded: the server's statement_timeout does not reach the wait for a synchronous
 * standby (it is disarmed before the commit), so the client cancels that wait at the commit
 * timeout; the server then answers success with a WARNING (committed locally only), which
 * fb__pg_commit reports in doubt. A server silent even after the cancel: the connection is
 * dropped (in doubt too). Returns COMMIT's last result, or NULL. */
static PGresult *commit_bounded(fb_store *s) {
    struct fb__pg *pg = s->pg;
    if (!PQsendQuery(pg->conn, "COMMIT")) return NULL;
    int64_t deadline = now_ms() + pg->commit_timeout_ms;
    bool cancelled = false;
    while (PQisBusy(pg->conn)) {
        int64_t left = deadline - now_ms();
        if (left <= 0 && cancelled) { /* no answer even to the cancel */
            PQfinish(pg->conn);
            pg->conn = NULL;
            return NULL;
        }
        if (left <= 0) {
            PGcancel *c = PQgetCancel(pg->conn);
            char why[256];
            if (c) (void)PQcancel(c, why, sizeof why);
            PQfreeCancel(c);
            cancelled = true;
            deadline = now_ms() + FB_PG_LOCK_TIMEOUT_MS;
            continue;
        }
        struct pollfd p = {PQsocket(pg->conn), POLLIN, 0};
        if (poll(&p, 1, (int)left) > 0 && !PQconsumeInput(pg->conn)) break;
    }
    PGresult *last = NULL, *res;
    while ((res = PQgetResult(pg->conn)) != NULL) {
        PQclear(last);
        last = res;
    }
    return last;
}

/* Flushes the buffered rows, counts the commit in the book's row, and commits. Lost connection
 * or a cancelled replication wait during COMMIT: FB_EINDOUBT (it may have committed). */
int fb__pg_commit(fb_store *s) {
    struct fb__pg *pg = s->pg;
    FB_ASSERT(pg->in_tx && pg->write_tx);
    int rc = fb__pg_flush(s);
    char a[24], b[24];
    snprintf(a, sizeof a, "%lld", (long long)pg->last_ts);
    snprintf(b, sizeof b, "%d", pg->business_date);
    const char *p[] = {a, b};
    if (rc == FB_OK) {
        rc = fb__pg_run(s,
                        "UPDATE fb_book SET commits = commits + 1, last_timestamp = $1,"
                        " business_date = $2 WHERE id = 1",
                        2, p, "recording the commit");
    }
    if (rc) return rc;
    pg->commit_warned = false;
    PGresult *r = commit_bounded(s);
    bool done = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    pg->in_tx = false;
    if (done && !pg->commit_warned) {
        PQclear(r);
        pg->own_commits++;
        return FB_OK;
    }
    if (done || !pg->conn || PQstatus(pg->conn) != CONNECTION_OK) {
        set_msg(s, "committing",
                done ? "the wait for a synchronous standby was cancelled at the commit timeout:"
                       " the batch is in doubt (committed on the primary, maybe not replicated)"
                     : "the connection was lost during COMMIT: the batch is in doubt");
        PQclear(r);
        return FB_EINDOUBT;
    }
    return fb__pg_fail(s, r, "committing");
}

void fb__pg_rollback(fb_store *s) {
    FB_ASSERT(s != NULL && s->pg != NULL);
    struct fb__pg *pg = s->pg;
    fb__pg_rows_clear(pg);
    if (pg->in_tx && pg->conn && PQstatus(pg->conn) == CONNECTION_OK) {
        PQclear(PQexec(pg->conn, "ROLLBACK"));
    }
    pg->in_tx = pg->write_tx = false;
}

/* ---- The book's row and settings ---------------------------------------------------------- */

int fb__pg_data_version(fb_store *s, int64_t *version) {
    struct fb__pg *pg = s->pg;
    if (!(pg->in_tx && pg->write_tx)) {
        PGresult *r = NULL;
        int rc = fb__pg_exec(s, "SELECT commits FROM fb_book WHERE id = 1", 0, NULL,
                             PGRES_TUPLES_OK, &r, "reading the commit counter");
        if (rc) return rc;
        pg->commits = PQntuples(r) ? fb__pg_int(r, 0, 0) : 0;
        PQclear(r);
    }
    /* This connection's own commits leave the account cache valid. */
    *version = pg->commits - pg->own_commits;
    return FB_OK;
}

static int book_field(fb_store *s, const char *sql, int64_t *out) {
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, sql, 0, NULL, PGRES_TUPLES_OK, &r, "reading the book's row");
    if (rc) return rc;
    if (PQntuples(r) != 1) {
        PQclear(r);
        snprintf(s->errmsg, sizeof s->errmsg, "the book has no row in fb_book");
        return FB_ECORRUPT;
    }
    *out = fb__pg_int(r, 0, 0);
    PQclear(r);
    return FB_OK;
}

int fb__pg_last_timestamp(fb_store *s, int64_t *ts) {
    if (s->pg->in_tx && s->pg->write_tx) return *ts = s->pg->last_ts, FB_OK;
    return book_field(s, "SELECT last_timestamp FROM fb_book WHERE id = 1", ts);
}

int fb__pg_set_last_timestamp(fb_store *s, int64_t ts) {
    FB_ASSERT(s->pg->in_tx && s->pg->write_tx && ts >= s->pg->last_ts);
    s->pg->last_ts = ts;
    return FB_OK;
}

int fb__pg_open_day(fb_store *s, int32_t *date) {
    if (s->pg->in_tx && s->pg->write_tx) return *date = s->pg->business_date, FB_OK;
    int64_t v = 0;
    int rc = book_field(s, "SELECT business_date FROM fb_book WHERE id = 1", &v);
    *date = (int32_t)v;
    return rc;
}

int fb__pg_set_business_date(fb_store *s, int32_t date) {
    FB_ASSERT(s->pg->in_tx && s->pg->write_tx && date >= 0);
    s->pg->business_date = date;
    return FB_OK;
}

int fb__pg_setting(fb_store *s, const char *key, int64_t absent, int64_t *value) {
    const char *p[] = {key};
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, "SELECT value FROM fb_settings WHERE key = $1", 1, p, PGRES_TUPLES_OK,
                         &r, "reading a setting");
    if (rc) return rc;
    *value = PQntuples(r) ? fb__pg_int(r, 0, 0) : absent;
    PQclear(r);
    return FB_OK;
}

int fb__pg_setting_put(fb_store *s, const char *key, int64_t value) {
    FB_ASSERT(s->pg->in_tx && s->pg->write_tx);
    char v[24];
    snprintf(v, sizeof v, "%lld", (long long)value);
    const char *p[] = {key, v};
    return fb__pg_run(s,
                      "INSERT INTO fb_settings VALUES ($1, $2) ON CONFLICT (key)"
                      " DO UPDATE SET value = excluded.value",
                      2, p, "writing a setting");
}

/* Whether any transfer id ever failed transiently: one probe a batch. */
int fb__pg_any_failed_ids(fb_store *s, bool *any) {
    int64_t v = 0;
    int rc = book_field(s, "SELECT EXISTS (SELECT 1 FROM failed_ids)::int", &v);
    *any = v != 0;
    return rc;
}
