/* cmd_guarantees.c — `finbridge guarantees`: record government financing guarantees (JSON Lines,
 * idempotent by id), get one, claim on a defaulted loan, record a guarantor's payment; one JSON
 * line each, as the API answers (docs/schemes.md). */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "wire/guarantee_json.h"

static int guarantees_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge guarantees create --db PATH < guarantees.jsonl",
                   &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    char *line = malloc(FB_LINE_MAX + 1), fault[CLI_FAULT_MAX];
    int status = line ? CLI_OK : CLI_ERROR;
    long n = 0;
    for (long no = 1; status != CLI_ERROR &&
                      (n = cli_read_line(stdin, line, FB_LINE_MAX + 1, fault, sizeof fault)) >= 0;
         no++) {
        if (!fault[0] && cli_blank(line, (size_t)n)) continue;
        fb_guarantee g;
        fb_json_error err;
        memset(&err, 0, sizeof err);
        int rc = FB_EINVAL;
        if (fault[0]) {
            snprintf(err.reason, sizeof err.reason, "line %s", fault);
        } else {
            rc = fb_json_read_guarantee(line, (size_t)n, &g, &err);
        }
        json_t *out = NULL;
        fb_guarantee_result res = FB_GUARANTEE_DONE;
        if (rc == FB_OK) rc = fb_guarantee_create(book, &g, &res);
        if (rc == FB_EINVAL && !err.reason[0]) {
            snprintf(err.field, sizeof err.field, "split");
            snprintf(err.reason, sizeof err.reason, "%s", fb_book_errmsg(book));
        }
        if (rc == FB_EINVAL) {
            out = json_object();
            fb_json_invalid_line(out, &err);
            status = CLI_FAILED;
        } else if (rc) {
            fprintf(stderr, "finbridge: guarantees create: %s\n", fb_book_errmsg(book));
            status = CLI_ERROR;
            continue;
        } else {
            out = fb_json_encode_guarantee_result(g.id, res);
            if (res != FB_GUARANTEE_DONE && res != FB_GUARANTEE_EXISTS) status = CLI_FAILED;
        }
        json_object_set_new(out, "line", json_integer(no));
        cli_print_json(stdout, out);
    }
    if (n == -2) status = CLI_ERROR;
    free(line);
    fb_book_close(book);
    return status;
}

static int fetch_guarantee(fb_book *book, const char *id, json_t **out) {
    fb_guarantee_view v;
    int rc = fb_guarantee_view_get(book, id, &v);
    if (rc == FB_OK) *out = fb_json_encode_guarantee(&v);
    return rc;
}

/* The command line is the bank's: it lists every guarantee. */
static int guarantee_page(fb_book *book, const char *after, void *rows, size_t cap, size_t *n) {
    return fb_guarantees_list(book, NULL, after, rows, cap, n);
}

static json_t *guarantee_json(const void *row) { return fb_json_encode_guarantee(row); }

static int guarantees_list(int argc, char **argv) {
    return cli_list_pages(argc, argv, "guarantees", sizeof(fb_guarantee_view), guarantee_page,
                          guarantee_json);
}

static void describe(void *ctx, char *buf, size_t cap) {
    snprintf(buf, cap, "guarantee %s", (const char *)ctx);
}

/* claim ID, or pay ID --guarantor G. */
static int guarantees_act(int argc, char **argv, bool pay) {
    static const char *const extra[] = {"--guarantor", NULL};
    const char *usage = pay ? "finbridge guarantees pay --db PATH ID --guarantor G"
                            : "finbridge guarantees claim --db PATH ID";
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    fb_guarantor who = FB_GUARANTOR_COMPANY;
    if (o.n_positional != 1 || (pay != (o.extra[0] != NULL)) ||
        (pay && fb_guarantor_parse(o.extra[0], &who) != FB_OK)) {
        fprintf(stderr, "finbridge: usage: %s (company, national_fund or provincial)\n", usage);
        return CLI_ERROR;
    }
    const char *id = o.positional[0];
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_guarantee_view v;
    memset(&v, 0, sizeof v);
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int64_t paid = 0;
    cli_audit_describe(describe, (void *)id);
    int rc =
        pay ? fb_guarantee_pay(book, id, who, &paid, &res) : fb_guarantee_claim(book, id, &v, &res);
    cli_audit_describe(NULL, NULL);
    if (rc) {
        fprintf(stderr, "finbridge: guarantees: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    cli_print_json(
        stdout, fb_json_encode_guarantee_act(id, pay, res, who, pay ? paid : v.basis_fen, v.due));
    fb_book_close(book);
    return res == FB_GUARANTEE_DONE || res == FB_GUARANTEE_EXISTS ? CLI_OK : CLI_FAILED;
}

/* share-back ID: what the bank recovered since the claim, back to the guarantors who paid. */
static int guarantees_share_back(int argc, char **argv) {
    const char *usage = "finbridge guarantees share-back --db PATH ID";
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, usage, &o)) return CLI_ERROR;
    if (o.n_positional != 1) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    const char *id = o.positional[0];
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int64_t back[FB_GUARANTOR_BANK];
    cli_audit_describe(describe, (void *)id);
    int rc = fb_guarantee_share_back_parts(book, id, back, &res);
    cli_audit_describe(NULL, NULL);
    if (rc) {
        fprintf(stderr, "finbridge: guarantees: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_guarantee_share_back(id, res, back));
    fb_book_close(book);
    return res == FB_GUARANTEE_DONE ? CLI_OK : CLI_FAILED;
}

/* fee ID: the year's fee, from the borrower's deposit to the company's. */
static int guarantees_fee(int argc, char **argv) {
    const char *usage = "finbridge guarantees fee --db PATH ID";
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, usage, &o)) return CLI_ERROR;
    if (o.n_positional != 1) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    const char *id = o.positional[0];
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_guarantee_result res = FB_GUARANTEE_DONE;
    int64_t fee = 0, available = 0;
    int32_t year = 0;
    cli_audit_describe(describe, (void *)id);
    int rc = fb_guarantee_charge_fee(book, id, &fee, &year, &available, &res);
    cli_audit_describe(NULL, NULL);
    if (rc) {
        fprintf(stderr, "finbridge: guarantees: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_guarantee_fee(id, res, fee, year, available));
    fb_book_close(book);
    return res == FB_GUARANTEE_DONE || res == FB_GUARANTEE_EXISTS ? CLI_OK : CLI_FAILED;
}

int cmd_guarantees(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return guarantees_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0)
        return cli_get_each(argc - 1, argv + 1, "guarantee", fetch_guarantee);
    if (strcmp(sub, "list") == 0) return guarantees_list(argc - 1, argv + 1);
    if (strcmp(sub, "claim") == 0) return guarantees_act(argc - 1, argv + 1, false);
    if (strcmp(sub, "pay") == 0) return guarantees_act(argc - 1, argv + 1, true);
    if (strcmp(sub, "share-back") == 0) return guarantees_share_back(argc - 1, argv + 1);
    if (strcmp(sub, "fee") == 0) return guarantees_fee(argc - 1, argv + 1);
    fprintf(stderr,
            "finbridge: guarantees needs create, get, list, claim, pay, share-back or fee\n");
    return CLI_ERROR;
}
