/* cmd_verify.c — `finbridge verify`: proves the books, a line per failure. */
#include "cli/cli.h"

static void print_line(void *ctx, const char *line) { fprintf((FILE *)ctx, "%s\n", line); }

int cmd_verify(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge verify --db PATH", &o)) return CLI_ERROR;
    if (o.n_positional) {
        fprintf(stderr, "finbridge: verify takes no arguments besides --db\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    uint64_t failures = 0;
    int rc = fb_book_verify(book, print_line, stdout, &failures);
    if (rc) fprintf(stderr, "finbridge: verify could not run: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    if (rc) return CLI_ERROR;
    return failures ? CLI_FAILED : CLI_OK;
}
