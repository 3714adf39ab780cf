/* cmd_loans.c — `finbridge loans`: create (drawdowns; JSON Lines, idempotent by id), get and
 * schedule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_loan(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_loan *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_loans_create(book, records, n, outcomes);
}

static const cli_record_kind loans = {sizeof(fb_loan), sizeof(fb_loan_outcome), decode, submit,
                                      fb_json_loan_result};

static int loans_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge loans create --db PATH < loans.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &loans, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_loan(fb_book *book, const char *id, json_t **out) {
    fb_loan x;
    int rc = fb_loan_get(book, id, &x);
    if (rc) return rc;
    *out = fb_json_loan_view(book, &x);
    return *out ? FB_OK : FB_ENOMEM;
}

typedef int servicing_fn(fb_book *book, fb_repayment *r, fb_repay_result *result);

/* `loans repay|write-off|recover --db PATH ID ...`: one operation, one JSON line. */
static int loans_service(int argc, char **argv, const char *verb, servicing_fn *op,
                         bool needs_amount) {
    static const char *const extra[] = {"--amount", "--date", "--prepay", "--id", NULL};
    char usage[200];
    snprintf(usage, sizeof usage, "finbridge loans %s --db PATH ID%s [--date D] [--id R]%s", verb,
             needs_amount ? " --amount X" : "",
             strcmp(verb, "repay") == 0 ? " [--prepay reduce_term|reduce_installment]" : "");
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    fb_repayment r;
    memset(&r, 0, sizeof r);
    const char *why = NULL, *field = NULL;
    char reason[200] = "";
    bool ok = o.n_positional == 1 && strlen(o.positional[0]) < sizeof r.loan;
    if (ok) snprintf(r.loan, sizeof r.loan, "%s", o.positional[0]);
    if (!ok) snprintf(reason, sizeof reason, "takes one loan ID");
    if (ok && needs_amount != (o.extra[0] != NULL)) {
        ok = false;
        snprintf(reason, sizeof reason,
                 needs_amount ? "--amount is required" : "takes no --amount");
    }
    if (ok && o.extra[0] && fb_money_parse(o.extra[0], strlen(o.extra[0]), &r.amount_fen, &why)) {
        ok = false;
        snprintf(reason, sizeof reason, "--amount %s: %s", o.extra[0], why);
    }
    if (ok && o.extra[1] && fb_date_parse(o.extra[1], &r.date, &why)) {
        ok = false;
        snprintf(reason, sizeof reason, "--date %s: %s", o.extra[1], why);
    }
    if (ok && o.extra[2] &&
        (strcmp(verb, "repay") != 0 || fb_prepay_parse(o.extra[2], &r.prepay))) {
        ok = false;
        snprintf(reason, sizeof reason, "--prepay must be reduce_term or reduce_installment");
    }
    if (ok && o.extra[3]) {
        if (strlen(o.extra[3]) >= sizeof r.id) {
            ok = false;
            snprintf(reason, sizeof reason, "--id is longer than %d characters", FB_ID_MAX);
        } else {
            snprintf(r.id, sizeof r.id, "%s", o.extra[3]);
        }
    }
    if (ok && fb_repayment_check(&r, needs_amount, &field, reason, sizeof reason)) {
        ok = false;
        char detail[sizeof reason];
        snprintf(detail, sizeof detail, "%s", reason);
        snprintf(reason, sizeof reason, "%s %.*s", field, 150, detail);
    }
    if (!ok) {
        fprintf(stderr, "finbridge: loans %s: %s\n", verb, reason);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_repay_result result = FB_REPAY_DONE;
    int rc = op(book, &r, &result);
    if (rc) {
        fprintf(stderr, "finbridge: loans %s: %s\n", verb, fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    json_t *j = fb_json_encode_servicing(&r, result);
    cli_print_json(stdout, j);
    fb_book_close(book);
    return result == FB_REPAY_DONE || result == FB_REPAY_EXISTS ? CLI_OK : CLI_FAILED;
}

static int loans_schedule(int argc, char **argv) {
    static const char *const extra[] = {"--format", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge loans schedule --db PATH ID [--format table|json|csv]", &o)) {
        return CLI_ERROR;
    }
    const char *format = o.extra[0] ? o.extra[0] : "table";
    if (o.n_positional != 1) {
        fprintf(stderr, "finbridge: loans schedule takes one loan ID\n");
        return CLI_ERROR;
    }
    if (!cli_schedule_format_ok(format)) return CLI_ERROR;
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    fb_installment *s = calloc(FB_LOAN_MONTHS_MAX, sizeof *s);
    size_t n = 0;
    int rc = s ? fb_loan_schedule(book, o.positional[0], s, FB_LOAN_MONTHS_MAX, &n) : FB_ENOMEM;
    if (rc == FB_OK) {
        cli_print_schedule(format, s, n);
    } else {
        fprintf(stderr, "finbridge: no loan %s\n", o.positional[0]);
    }
    free(s);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
}

int cmd_loans(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return loans_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "loan", fetch_loan);
    if (strcmp(sub, "schedule") == 0) return loans_schedule(argc - 1, argv + 1);
    if (strcmp(sub, "repay") == 0) {
        return loans_service(argc - 1, argv + 1, "repay", fb_loan_repay, true);
    }
    if (strcmp(sub, "write-off") == 0) {
        return loans_service(argc - 1, argv + 1, "write-off", fb_loan_write_off, false);
    }
    if (strcmp(sub, "recover") == 0) {
        return loans_service(argc - 1, argv + 1, "recover", fb_loan_recover, true);
    }
    bool handled = false;
    int rc = cli_loans_terms(sub, argc - 1, argv + 1, &handled);
    if (handled) return rc;
    fprintf(stderr, "finbridge: loans needs create, get, schedule, repay, write-off, recover,"
                    " extend, restructure, renew, classify or classes\n");
    return CLI_ERROR;
}
