/* backup.c — copies of a book with SQLite's online backup API, and the exclusive hold restore
 * takes on the book it replaces.
 *
 * A copy is made from one read transaction (sqlite3_backup_step(-1)): in WAL mode writers go on
 * meanwhile and the copy is the book as of that transaction's start. It is written to a file of
 * its own beside the target, synced, and linked into place only when complete, so that a copy
 * is either whole or absent, and an existing file is never overwritten. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* Syncs the directory holding path, so that a link or rename in it is durable. */
int fb__store_sync_dir(const char *path) {
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return FB_EIO;
    int rc = fsync(fd) == 0 ? FB_OK : FB_EIO;
    close(fd);
    return rc;
}

/* Copies the main database of src into a new file at tmp (created 0600). */
static int copy_into(sqlite3 *src, const char *tmp, char *err, size_t cap) {
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, cap, "cannot create %s: %s", tmp, FB_ERRNO_TEXT(errno));
        return FB_EIO;
    }
    close(fd);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", src, "main") : NULL;
    if (b) {
        /* All pages in one step: one read transaction, a consistent copy. A writer of this same
         * connection cannot run meanwhile; another process's lock only delays a step. */
        for (int tries = 0; tries < FB_BUSY_TIMEOUT_MS / 10; tries++) {
            rc = sqlite3_backup_step(b, -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
            sqlite3_sleep(10);
        }
        int finish = sqlite3_backup_finish(b);
        if (rc == SQLITE_DONE) rc = finish;
    } else if (rc == SQLITE_OK) {
        rc = sqlite3_errcode(dst);
    }
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        snprintf(err, cap, "copying into %s: %s", tmp,
                 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close(dst);
        unlink(tmp);
        return rc == SQLITE_BUSY ? FB_EBUSY : FB_EIO;
    }
    /* A backup is one file: no WAL beside it (finbridge turns WAL on again when it opens it). */
    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    sqlite3_close(dst);
    fd = open(tmp, O_RDONLY | O_CLOEXEC);
    bool synced = fd >= 0 && fsync(fd) == 0;
    if (fd >= 0) close(fd);
    if (!synced) {
        snprintf(err, cap, "syncing %s: %s", tmp, FB_ERRNO_TEXT(errno));
        unlink(tmp);
        return FB_EIO;
    }
    return FB_OK;
}

/* Copies src into a new file `to`: aside first, then linked into place (refused when `to`
 * exists). */
static int copy_to(sqlite3 *src, const char *to, char *err, size_t cap) {
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%.4096s.partial-%ld", to, (long)getpid());
    struct stat sb;
    if (stat(to, &sb) == 0) {
        snprintf(err, cap, "%s exists: a backup never overwrites a file", to);
        return FB_EINVAL;
    }
    int rc = copy_into(src, tmp, err, cap);
    if (rc) return rc;
    if (link(tmp, to) != 0) {
        snprintf(err, cap, "cannot create %s: %s", to, FB_ERRNO_TEXT(errno));
        unlink(tmp);
        return errno == EEXIST ? FB_EINVAL : FB_EIO;
    }
    unlink(tmp);
    if (fb__store_sync_dir(to)) {
        snprintf(err, cap, "syncing the folder of %s: %s", to, FB_ERRNO_TEXT(errno));
        return FB_EIO;
    }
    return FB_OK;
}

int fb__store_backup(fb_store *s, const char *to, char *err, size_t cap) {
    FB_ASSERT(s != NULL && to != NULL);
    FB_ASSERT(err != NULL && cap > 0);
    if (s->pg) {
        snprintf(err, cap, "a book on PostgreSQL is backed up by its cluster (pg_basebackup)");
        return FB_ENOTSUP;
    }
    return copy_to(s->db, to, err, cap);
}

int fb__store_copy_file(const char *from, const char *to, char *err, size_t cap) {
    FB_ASSERT(from != NULL && to != NULL);
    FB_ASSERT(err != NULL && cap > 0);
    struct stat sb;
    if (stat(from, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, cap, "no backup at %s", from);
        return FB_ENOTFOUND;
    }
    sqlite3 *src = NULL;
    int rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, cap, "cannot open %s: %s", from,
                 src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
        sqlite3_close(src);
        return FB_EIO;
    }
    sqlite3_busy_timeout(src, FB_BUSY_TIMEOUT_MS);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%.4096s", to);
    rc = copy_into(src, tmp, err, cap);
    sqlite3_close(src);
    return rc;
}

int fb__store_hold(const char *path, fb_store **out, char *err, size_t cap) {
    FB_ASSERT(path != NULL && out != NULL);
    FB_ASSERT(err != NULL && cap > 0);
    *out = NULL;
    if (fb__pg_is_uri(path)) {
        snprintf(err, cap, "a book on PostgreSQL is not a file to hold");
        return FB_ENOTSUP;
    }
    fb_store *s = calloc(1, sizeof *s);
    if (!s) return FB_ENOMEM;
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    /* EXCLUSIVE locking keeps the lock the journal change takes until the handle closes. Leaving
     * WAL mode needs the book to itself: any other connection (a server, a command) makes it
     * fail at once, and that is the guard. It also checkpoints the WAL into the book and removes
     * it, so no WAL of the old book lies beside the new one. */
    char *msg = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, &msg);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = DELETE", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        const unsigned char *mode = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
        rc = rc != SQLITE_ROW                                    ? rc
             : mode && strcmp((const char *)mode, "delete") == 0 ? SQLITE_OK
                                                                 : SQLITE_BUSY;
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_OK) rc = sqlite3_exec(s->db, "SELECT count(*) FROM meta", NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int primary = rc & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            snprintf(err, cap,
                     "%s is open by another process (a running finbridge serve, or a command):"
                     " stop it first",
                     path);
        } else {
            snprintf(err, cap, "cannot take %s: %s", path,
                     msg     ? msg
                     : s->db ? sqlite3_errmsg(s->db)
                             : sqlite3_errstr(rc));
        }
        sqlite3_free(msg);
        fb__store_close(s);
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? FB_EBUSY : FB_EIO;
    }
    *out = s;
    return FB_OK;
}
