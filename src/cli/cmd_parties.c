/* cmd_parties.c — `finbridge parties`: create (JSON Lines, idempotent by id), get, and a
 * debtor's credit report (征信: credit-report, one JSON line). */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_party(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_party *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_parties_create(book, records, n, outcomes);
}

static const cli_record_kind parties = {sizeof(fb_party), sizeof(fb_party_outcome), decode, submit,
                                        fb_json_party_result};

static int parties_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge parties create --db PATH < parties.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_PARTIES);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &parties, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_party(fb_book *book, const char *id, json_t **out) {
    fb_party p;
    int rc = fb_party_get(book, id, &p);
    if (rc) return rc;
    *out = fb_json_party_view(book, &p);
    return *out ? FB_OK : FB_ENOMEM;
}

/* `parties credit-report --db PATH PARTY --debt M --overdue90 M --reference T [--date D]`. */
static int parties_credit_report(int argc, char **argv) {
    static const char *const extra[] = {"--date", "--debt", "--overdue90", "--reference", NULL};
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra,
                         "finbridge parties credit-report --db PATH PARTY --debt M --overdue90 M"
                         " --reference T [--date D]",
                         &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional != 1 || strlen(o.positional[0]) > FB_PARTY_ID_MAX) {
        fprintf(stderr, "finbridge: parties credit-report takes one party ID\n");
        return CLI_ERROR;
    }
    json_t *b = json_object();
    for (int i = 0; extra[i]; i++)
        if (o.extra[i]) json_object_set_new(b, extra[i] + 2, json_string(o.extra[i]));
    char *text = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    if (!text) return CLI_ERROR;
    fb_credit_report c;
    memset(&c, 0, sizeof c);
    snprintf(c.party, sizeof c.party, "%s", o.positional[0]);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int rc = fb_json_read_credit_report(text, strlen(text), &c, &err);
    free(text);
    if (rc) {
        fprintf(stderr, "finbridge: parties credit-report: --%s %s\n", err.field, err.reason);
        return CLI_ERROR;
    }
    snprintf(c.actor, sizeof c.actor, "%s", cli_audit_actor());
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_credit_result result = FB_CREDIT_DONE;
    rc = fb_credit_report_record(book, &c, &result);
    if (rc) {
        fprintf(stderr, "finbridge: parties credit-report: %s\n", fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    bool done = result == FB_CREDIT_DONE || result == FB_CREDIT_EXISTS;
    if (!done) cli_audit_refused(o.db, c.message[0] ? c.message : fb_credit_result_name(result));
    cli_print_json(stdout, fb_json_encode_credit_report(&c, result));
    fb_book_close(book);
    return done ? CLI_OK : CLI_FAILED;
}

int cmd_parties(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "credit-report") == 0) return parties_credit_report(argc - 1, argv + 1);
    if (strcmp(sub, "create") == 0) return parties_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0)
        return cli_get_each_in(argc - 1, argv + 1, "party", fetch_party, FB_OPEN_PARTIES);
    fprintf(stderr, "finbridge: parties needs create, get or credit-report\n");
    return CLI_ERROR;
}
