/* backup.c — the book's online backup and its restore (book.h). A backup is verified as soon as
 * it is made, and a restore verifies before it replaces anything; both check the audit chain
 * with the key of the book they came from, which never travels with a backup. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "book/book_internal.h"
#include "core/assert.h"

/* Verifies the book at path with the audit key of the book at key_of: read-only (a backup just
 * made stays as it is), or opened for writing to migrate it (a backup being restored). */
static int verify_copy(const char *path, const char *key_of, unsigned flags, fb_report_fn *report,
                       void *ctx, uint64_t *failures, char *errbuf, size_t errlen) {
    fb_book *copy = NULL;
    int rc = fb__book_open_as(path, key_of, flags, &copy, errbuf, errlen);
    if (rc) return rc;
    rc = fb_book_verify(copy, report, ctx, failures);
    if (rc) snprintf(errbuf, errlen, "verifying %s: %s", path, fb_book_errmsg(copy));
    fb_book_close(copy);
    return rc;
}

int fb_book_backup(fb_book *book, const char *to, fb_report_fn *report, void *ctx,
                   uint64_t *failures, char *errbuf, size_t errlen) {
    FB_ASSERT(book != NULL && to != NULL && failures != NULL);
    FB_ASSERT(errbuf != NULL && errlen > 0);
    *failures = 0;
    int rc = fb__store_backup(book->store, to, errbuf, errlen);
    if (rc) return rc;
    return verify_copy(to, book->audit.book_path, FB_OPEN_READONLY, report, ctx, failures, errbuf,
                       errlen);
}

static bool exists(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Links the book at path to a name of its own, kept, so that the rename does not lose it. */
static int keep_old(const char *path, char *kept, size_t cap, char *errbuf, size_t errlen) {
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    for (int n = 0; n < 100; n++) {
        if (n) {
            snprintf(kept, cap, "%s.replaced-%s-%d", path, stamp, n);
        } else {
            snprintf(kept, cap, "%s.replaced-%s", path, stamp);
        }
        if (link(path, kept) == 0) return FB_OK;
        if (errno != EEXIST) break;
    }
    snprintf(errbuf, errlen, "cannot keep the old book as %s: %s", kept, FB_ERRNO_TEXT(errno));
    kept[0] = 0;
    return FB_EIO;
}

int fb_book_restore(const char *from, const char *path, fb_report_fn *report, void *ctx, char *kept,
                    size_t kept_cap, char *errbuf, size_t errlen) {
    FB_ASSERT(from != NULL && path != NULL && kept != NULL && kept_cap > 0);
    FB_ASSERT(errbuf != NULL && errlen > 0);
    kept[0] = 0;
    fb_store *held = NULL;
    bool replacing = exists(path);
    int rc = replacing ? fb__store_hold(path, &held, errbuf, errlen) : FB_OK;
    if (rc) return rc;
    char tmp[FB__PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%.4096s.restore-%ld", path, (long)getpid());
    rc = fb__store_copy_file(from, tmp, errbuf, errlen);
    uint64_t failures = 0;
    if (rc == FB_OK) rc = verify_copy(tmp, path, 0, report, ctx, &failures, errbuf, errlen);
    if (rc == FB_OK && failures) {
        snprintf(errbuf, errlen,
                 "the backup %s does not verify (%llu failures): the book is left"
                 " as it was",
                 from, (unsigned long long)failures);
        rc = FB_ECORRUPT;
    }
    if (rc == FB_OK && replacing) rc = keep_old(path, kept, kept_cap, errbuf, errlen);
    if (rc == FB_OK && rename(tmp, path) != 0) {
        snprintf(errbuf, errlen, "cannot put the backup in place of %s: %s", path,
                 FB_ERRNO_TEXT(errno));
        if (kept[0]) unlink(kept); /* the old book is still at path */
        kept[0] = 0;
        rc = FB_EIO;
    }
    if (rc == FB_OK && fb__store_sync_dir(path) != FB_OK) {
        snprintf(errbuf, errlen, "syncing the folder of %s: %s", path, FB_ERRNO_TEXT(errno));
        rc = FB_EIO;
    }
    if (rc) unlink(tmp);
    fb__store_close(held); /* the old book, now only under its kept name */
    return rc;
}
