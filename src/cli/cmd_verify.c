/* cmd_verify.c — `finbridge verify`: proves the books, a line per failure; with --audit-head, also
 * that the audit log still holds the head an auditor kept (`finbridge audit head`). */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"

static void print_line(void *ctx, const char *line) { fprintf((FILE *)ctx, "%s\n", line); }

/* Reads the head line of FILE: false with the problem said. */
static bool read_head(const char *path, fb_audit_head *h) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "finbridge: --audit-head %s: %s\n", path, FB_ERRNO_TEXT(errno));
        return false;
    }
    char line[FB_AUDIT_HEAD_LINE * 2], why[160];
    bool got = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    if (!got || fb_audit_head_parse(line, h, why, sizeof why) != FB_OK) {
        fprintf(stderr, "finbridge: --audit-head %s: not a head line (%s)\n", path,
                got ? why : "the file is empty");
        return false;
    }
    return true;
}

int cmd_verify(int argc, char **argv) {
    static const char *const extra[] = {"--audit-head", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge verify --db PATH [--audit-head FILE]", &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional) {
        fprintf(stderr, "finbridge: verify takes no arguments besides --db and --audit-head\n");
        return CLI_ERROR;
    }
    fb_audit_head head;
    if (o.extra[0] && !read_head(o.extra[0], &head)) return CLI_ERROR;
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    uint64_t failures = 0, head_failures = 0;
    int rc = fb_book_verify(book, print_line, stdout, &failures);
    if (rc == FB_OK && o.extra[0]) {
        rc = fb_audit_check_head(book, &head, print_line, stdout, &head_failures);
    }
    if (rc) fprintf(stderr, "finbridge: verify could not run: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    if (rc) return CLI_ERROR;
    return failures + head_failures ? CLI_FAILED : CLI_OK;
}
