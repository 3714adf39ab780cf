/* cmd_init.c — `finbridge init`: creates a book, or migrates an existing one. */
#include "cli/cli.h"

int cmd_init(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge init --db PATH", &o)) return CLI_ERROR;
    if (o.n_positional) {
        fprintf(stderr, "finbridge: init takes no arguments besides --db\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_CREATE | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    printf("book %s ready (schema version %d)\n", o.db, fb_book_schema_version(book));
    fb_book_close(book);
    return CLI_OK;
}
