/* cmd_backup.c — `finbridge backup` (an online copy of the book, verified) and `finbridge
 * restore` (a backup verified, then put in place of the book, the old one kept). */
#include <string.h>
#include <sys/stat.h>

#include "cli/audit.h"
#include "cli/cli.h"

static void to_stderr(void *ctx, const char *line) {
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

int cmd_backup(int argc, char **argv) {
    static const char *const extra[] = {"--to", NULL};
    const char *usage = "finbridge backup --db PATH --to FILE";
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    if (!o.extra[0] || o.n_positional) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    char err[1024];
    uint64_t failures = 0;
    int rc = fb_book_backup(book, o.extra[0], to_stderr, NULL, &failures, err, sizeof err);
    fb_book_close(book);
    if (rc) {
        fprintf(stderr, "finbridge: backup: %s\n", err);
        return rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
    }
    struct stat sb;
    json_t *j = json_object();
    json_object_set_new(j, "backup", json_string(o.extra[0]));
    json_object_set_new(j, "bytes", json_integer(stat(o.extra[0], &sb) == 0 ? sb.st_size : 0));
    json_object_set_new(j, "verified", json_boolean(failures == 0));
    cli_print_json(stdout, j);
    if (failures) {
        fprintf(stderr,
                "finbridge: backup: the copy does not verify (%llu failures): the book"
                " itself fails verify\n",
                (unsigned long long)failures);
    }
    return failures ? CLI_FAILED : CLI_OK;
}

static char restored_from[1200];

static void describe_restore(void *ctx, char *buf, size_t cap) {
    (void)ctx;
    snprintf(buf, cap, "%s", restored_from);
}

int cmd_restore(int argc, char **argv) {
    static const char *const extra[] = {"--from", NULL};
    const char *usage = "finbridge restore --from FILE --db PATH";
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    if (!o.extra[0] || o.n_positional) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    char err[1024], kept[4200];
    int rc = fb_book_restore(o.extra[0], o.db, to_stderr, NULL, kept, sizeof kept, err, sizeof err);
    struct stat sb;
    if (rc) {
        fprintf(stderr, "finbridge: restore: %s\n", err);
        if (stat(o.db, &sb) == 0) cli_audit_refused(o.db, err); /* told to the book in place */
        return rc == FB_ECORRUPT || rc == FB_EBUSY || rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
    }
    /* The restored book's first entry says where it came from. */
    snprintf(restored_from, sizeof restored_from, "restored from %.500s, verified%s%.600s",
             o.extra[0], kept[0] ? "; the book it replaced is kept as " : "", kept);
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    cli_audit_describe(describe_restore, NULL);
    rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb_book_commit(book);
    cli_audit_describe(NULL, NULL);
    if (rc) fprintf(stderr, "finbridge: restore: the audit entry: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    json_t *j = json_object();
    json_object_set_new(j, "restored", json_string(o.db));
    json_object_set_new(j, "from", json_string(o.extra[0]));
    json_object_set_new(j, "kept", kept[0] ? json_string(kept) : json_null());
    cli_print_json(stdout, j);
    return rc ? CLI_ERROR : CLI_OK;
}
