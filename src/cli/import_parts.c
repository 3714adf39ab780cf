/* import_parts.c — a cut-over written in committed parts (docs/import.md, "A large book"): the
 * copy of the book as it was, taken before the first part (BOOK.before-import, verified); the
 * book put back from it when the run is refused after a part was committed, or stopped before it
 * finished (`finbridge import --recover`); the copy removed once the run is in the book whole. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/audit.h"
#include "cli/import_parts.h"

/* What verify of the copy finds wrong (its summary line, when all holds, is not news). */
static void to_stderr(void *ctx, const char *line) {
    (void)ctx;
    if (strncmp(line, "verify: ", 8) != 0 || !strstr(line, "ok (0 failures)"))
        fprintf(stderr, "finbridge: import: the copy of the book: %s\n", line);
}

void cli_import_before_path(const char *db, char *out, size_t cap) {
    snprintf(out, cap, "%s.before-import", db);
}

int cli_import_copy(fb_book *book, const char *db, bool dry_run, int64_t *part_rows) {
    int32_t open = 0;
    int rc = fb_business_date(book, &open);
    if (rc) return rc;
    if (dry_run || open || *part_rows == 0) { /* a feed, a dry run: one unit of work */
        *part_rows = 0;
        return FB_OK;
    }
    char before[4200], err[1024];
    cli_import_before_path(db, before, sizeof before);
    /* A copy left by a run stopped before its first part: the book, unmarked, is as it was. */
    unlink(before);
    uint64_t failures = 0;
    rc = fb_book_backup(book, before, to_stderr, NULL, &failures, err, sizeof err);
    if (rc == FB_ENOTSUP) { /* a book that is not a file to copy: one unit of work */
        *part_rows = 0;
        return FB_OK;
    }
    if (rc == FB_OK && failures) {
        unlink(before);
        snprintf(err, sizeof err, "the copy of the book before the import fails verify");
        rc = FB_ECORRUPT;
    }
    if (rc) fprintf(stderr, "finbridge: import: %s\n", err);
    return rc;
}

static void dry_path(const char *db, const char *tail, char *out, size_t cap) {
    snprintf(out, cap, "%s.dry-run%s", db, tail);
}

void cli_import_dry_remove(const char *db) {
    static const char *const tails[] = {"", "-wal", "-shm", ".audit-key"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        char path[4200];
        dry_path(db, tails[i], path, sizeof path);
        unlink(path);
    }
}

int cli_import_dry_copy(fb_book **book, const char *db, int64_t *part_rows) {
    int32_t open = 0;
    int rc = fb_business_date(*book, &open);
    if (rc) return rc;
    if (open || *part_rows == 0) { /* a feed, or asked: one unit of work, rolled back */
        *part_rows = 0;
        return FB_OK;
    }
    char scratch[4200], key[4200], err[1024];
    dry_path(db, "", scratch, sizeof scratch);
    cli_import_dry_remove(db); /* left by a dry run stopped half-way */
    uint64_t failures = 0;
    rc = fb_book_backup(*book, scratch, to_stderr, NULL, &failures, err, sizeof err);
    if (rc == FB_ENOTSUP) { /* a book that is not a file to copy: one unit of work */
        *part_rows = 0;
        return FB_OK;
    }
    if (rc == FB_OK && failures) {
        snprintf(err, sizeof err, "the scratch copy of the book for the dry run fails verify");
        rc = FB_ECORRUPT;
    }
    fb_book *copy = NULL;
    if (rc == FB_OK) rc = fb_book_open(scratch, 0, &copy, err, sizeof err);
    if (rc) {
        cli_import_dry_remove(db);
        fprintf(stderr, "finbridge: import --dry-run: %s\n", err);
        return rc;
    }
    snprintf(key, sizeof key, "%s.audit-key", db); /* the book's own key: nothing is appended */
    fb_audit_key_file_set(copy, key);
    fb_book_close(*book);
    *book = copy;
    return FB_OK;
}

static char told[1400];

static void describe_put_back(void *ctx, char *buf, size_t cap) {
    (void)ctx;
    snprintf(buf, cap, "%s", told);
}

/* Replaces the book with its copy before the run (the half-written book kept, or removed when
 * !keep), and says so in the book's audit log. */
static int put_back(const cli_opts *o, int64_t run, bool keep, const char *why, char *kept,
                    size_t cap) {
    char before[4200], err[1024];
    cli_import_before_path(o->db, before, sizeof before);
    int rc = fb_book_restore(before, o->db, to_stderr, NULL, kept, cap, err, sizeof err);
    if (rc) {
        fprintf(stderr, "finbridge: import: putting the book back from %s: %s\n", before, err);
        return rc;
    }
    unlink(before);
    if (!keep && kept[0]) {
        unlink(kept);
        kept[0] = 0;
    }
    char name[40] = "an import";
    if (run) snprintf(name, sizeof name, "import run %lld", (long long)run);
    snprintf(told, sizeof told, "%s %.300s: the book put back as it was before it%s%.600s", name,
             why, kept[0] ? "; the half-written book is kept as " : "", kept);
    fb_book *book = cli_open(o, 0);
    if (!book) return FB_EIO;
    cli_audit_describe(describe_put_back, NULL);
    rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb_book_commit(book);
    cli_audit_describe(NULL, NULL);
    if (rc) fprintf(stderr, "finbridge: import: the audit entry: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    return rc;
}

int cli_import_unfinished(fb_book *book, const cli_opts *o, bool recover) {
    int64_t run = 0;
    if (fb_import_unfinished(book, &run) != FB_OK) {
        fprintf(stderr, "finbridge: import: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    if (!run && !recover) return -1;
    if (!run) {
        fprintf(stderr, "finbridge: import --recover: %s holds no unfinished import\n", o->db);
        fb_book_close(book);
        return CLI_FAILED;
    }
    fb_book_close(book);
    char before[4200];
    cli_import_before_path(o->db, before, sizeof before);
    if (!recover) {
        fprintf(stderr,
                "finbridge: import: import run %lld stopped before it finished: %s holds only "
                "its first parts and is not a book to use; `finbridge import --db %s --recover` "
                "puts it back as it was before the run (from %s), then import again\n",
                (long long)run, o->db, o->db, before);
        return CLI_FAILED;
    }
    char kept[4200] = "";
    if (put_back(o, run, true, "stopped before it finished", kept, sizeof kept)) return CLI_ERROR;
    json_t *j = json_object();
    json_object_set_new(j, "recovered", json_string(o->db));
    json_object_set_new(j, "run", json_integer(run));
    json_object_set_new(j, "from", json_string(before));
    json_object_set_new(j, "kept", kept[0] ? json_string(kept) : json_null());
    cli_print_json(stdout, j);
    return CLI_OK;
}

int cli_import_settle(const cli_opts *o, const fb_import_report *r, int64_t part_rows) {
    char before[4200];
    cli_import_before_path(o->db, before, sizeof before);
    if (!part_rows) return FB_OK;
    if (r->summary.committed || r->parts == 0) { /* whole in the book, or nothing of it */
        unlink(before);
        return FB_OK;
    }
    char kept[4200] = "";
    int rc = put_back(o, r->summary.run, false, "was refused", kept, sizeof kept);
    if (rc == FB_OK) {
        fprintf(stderr,
                "finbridge: import: refused after %lld parts were written: the book is "
                "put back as it was before the run\n",
                (long long)r->parts);
    }
    return rc;
}
