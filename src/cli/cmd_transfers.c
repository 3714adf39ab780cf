/* cmd_transfers.c — `finbridge transfers`: create, get, expire. */
#include <string.h>

#include "cli/cli.h"
#include "wire/ledger_json.h"

static int transfers_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge transfers create --db PATH < transfers.jsonl",
                   &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    int rc = cli_create_events(fb_book_ledger(book), EVENTS_TRANSFERS, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int transfers_get(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge transfers get --db PATH ID...", &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional == 0) {
        fprintf(stderr, "finbridge: transfers get needs at least one ID\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    int status = CLI_OK;
    for (int i = 0; i < o.n_positional; i++) {
        fb_transfer t;
        int rc = fb_ledger_get_transfer(fb_book_ledger(book), o.positional[i], &t);
        if (rc == FB_OK) {
            cli_print_json(stdout, fb_json_transfer_view(fb_book_ledger(book), &t));
        } else {
            fprintf(stderr, "finbridge: %s\n", fb_book_errmsg(book));
            status = rc == FB_ENOTFOUND || rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
        }
    }
    fb_book_close(book);
    return status;
}

static int transfers_expire(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge transfers expire --db PATH", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    size_t expired = 0;
    int rc = fb_ledger_expire_pending(fb_book_ledger(book), 0, &expired);
    if (rc) {
        fprintf(stderr, "finbridge: %s\n", fb_book_errmsg(book));
    } else {
        printf("expired %zu pending transfers\n", expired);
    }
    fb_book_close(book);
    return rc ? CLI_ERROR : CLI_OK;
}

int cmd_transfers(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return transfers_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return transfers_get(argc - 1, argv + 1);
    if (strcmp(sub, "expire") == 0) return transfers_expire(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: transfers needs create, get or expire\n");
    return CLI_ERROR;
}
