/* cmd_accounts.c — `finbridge accounts`: create, get, list, transfers, balances. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "wire/ledger_json.h"

static int accounts_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge accounts create --db PATH < accounts.jsonl",
                   &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    int rc = cli_create_events(fb_book_ledger(book), EVENTS_ACCOUNTS, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int accounts_get(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge accounts get --db PATH ID...", &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional == 0) {
        fprintf(stderr, "finbridge: accounts get needs at least one ID\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    int status = CLI_OK;
    for (int i = 0; i < o.n_positional; i++) {
        fb_account a;
        int rc = fb_ledger_get_account(fb_book_ledger(book), o.positional[i], &a);
        if (rc == FB_OK) {
            cli_print_json(stdout, fb_json_encode_account(&a));
        } else {
            fprintf(stderr, "finbridge: %s\n", fb_book_errmsg(book));
            status = rc == FB_ENOTFOUND || rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
        }
    }
    fb_book_close(book);
    return status;
}

static int accounts_transfers(int argc, char **argv) {
    static const char usage[] =
        "finbridge accounts transfers --db PATH ID [--from DATE|T] [--to DATE|T] "
        "[--limit N] [--reverse] [--debits] [--credits]";
    cli_opts o;
    fb_query q;
    if (!cli_parse(argc, argv, OPT_DB | OPT_RANGE | OPT_SIDES, usage, &o) || !cli_query(&o, &q)) {
        return CLI_ERROR;
    }
    if (o.n_positional != 1) {
        fprintf(stderr, "finbridge: accounts transfers takes one account ID\nusage: %s\n", usage);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    fb_transfer *out = calloc(q.limit, sizeof *out);
    size_t n = 0;
    int rc = out ? fb_ledger_account_transfers(fb_book_ledger(book), o.positional[0], &q, out, &n)
                 : FB_ENOMEM;
    if (rc) fprintf(stderr, "finbridge: %s\n", out ? fb_book_errmsg(book) : "out of memory");
    for (size_t i = 0; i < n; i++)
        cli_print_json(stdout, fb_json_encode_transfer(&out[i]));
    free(out);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ENOTFOUND || rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}

/* accounts balances --as-of DATE: one balance as of the end of a value date. */
static int balance_on(const cli_opts *o, int32_t date) {
    fb_book *book = cli_open(o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    fb_balance b;
    int rc = fb_ledger_account_balance_on(fb_book_ledger(book), o->positional[0], date, &b);
    if (rc) {
        fprintf(stderr, "finbridge: %s\n", fb_book_errmsg(book));
    } else {
        cli_print_json(stdout, fb_json_encode_balance(o->positional[0], &b));
    }
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ENOTFOUND || rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}

static int accounts_balances(int argc, char **argv) {
    static const char usage[] = "finbridge accounts balances --db PATH ID [--as-of DATE|T] "
                                "[--from DATE|T] [--to DATE|T] [--limit N] [--reverse]";
    cli_opts o;
    fb_query q;
    if (!cli_parse(argc, argv, OPT_DB | OPT_RANGE | OPT_AS_OF, usage, &o) || !cli_query(&o, &q)) {
        return CLI_ERROR;
    }
    if (o.n_positional != 1) {
        fprintf(stderr, "finbridge: accounts balances takes one account ID\nusage: %s\n", usage);
        return CLI_ERROR;
    }
    int32_t on_date = 0;
    if (o.as_of) {
        if (o.from || o.to || o.limit || o.reverse) {
            fprintf(stderr, "finbridge: --as-of gives one balance; it takes no range\n");
            return CLI_ERROR;
        }
        /* As of a time: the last history row at or before it. As of a date: the changes of the
         * events of that value date and before. */
        if (!cli_when("--as-of", o.as_of, true, &q.to_ns, &on_date)) return CLI_ERROR;
        q.from_ns = 0;
        q.limit = 1;
        q.reverse = true;
    }
    if (on_date) return balance_on(&o, on_date);
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    fb_balance *out = calloc(q.limit, sizeof *out);
    size_t n = 0;
    int rc = out ? fb_ledger_account_balances(fb_book_ledger(book), o.positional[0], &q, out, &n)
                 : FB_ENOMEM;
    if (rc) fprintf(stderr, "finbridge: %s\n", out ? fb_book_errmsg(book) : "out of memory");
    for (size_t i = 0; i < n; i++)
        cli_print_json(stdout, fb_json_encode_balance(o.positional[0], &out[i]));
    if (rc == FB_OK && o.as_of && n == 0) {
        /* Before its first event an account's balances are all zero. */
        fb_balance zero = {.timestamp_ns = q.to_ns};
        cli_print_json(stdout, fb_json_encode_balance(o.positional[0], &zero));
    }
    free(out);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ENOTFOUND || rc == FB_EINVAL ? CLI_FAILED : CLI_ERROR;
}

static int print_account(void *ctx, const fb_account *a) {
    char line[FB_ACCOUNT_LINE_MAX];
    size_t n = fb_json_account_line(line, sizeof line, a);
    if (n) {
        fwrite(line, 1, n, ctx);
    } else {
        cli_print_json(ctx, fb_json_encode_account(a));
    }
    return 0;
}

/* accounts list: every account with its balances, in id order, one JSON line each. */
static int accounts_list(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge accounts list --db PATH", &o)) return CLI_ERROR;
    if (o.n_positional != 0) {
        fprintf(stderr, "finbridge: accounts list takes no arguments\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    int rc = fb_ledger_each_account(fb_book_ledger(book), print_account, stdout);
    if (rc) fprintf(stderr, "finbridge: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    return rc ? CLI_ERROR : CLI_OK;
}

int cmd_accounts(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return accounts_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return accounts_get(argc - 1, argv + 1);
    if (strcmp(sub, "transfers") == 0) return accounts_transfers(argc - 1, argv + 1);
    if (strcmp(sub, "balances") == 0) return accounts_balances(argc - 1, argv + 1);
    if (strcmp(sub, "list") == 0) return accounts_list(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: accounts needs create, get, list, transfers or balances\n");
    return CLI_ERROR;
}
