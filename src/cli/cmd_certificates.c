/* cmd_certificates.c — `finbridge certificates`: issue, transfer and finance (JSON Lines,
 * idempotent by the new id), get, lineage (every part of the root) and held-by. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void invalid(fb_json_error *err, const char *field, const char *reason) {
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->reason, sizeof err->reason, "%s", reason);
}

static int decode_issue(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                        size_t id_cap) {
    int rc = fb_json_read_cert_issue(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_cert_issue *)record)->id);
    return rc;
}

static int decode_move(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                       size_t id_cap, bool finance) {
    fb_cert_move *v = record;
    int rc = fb_json_decode_cert_move(text, len, finance, v, err);
    snprintf(id, id_cap, "%s", v->id);
    const char *field = NULL;
    char reason[160];
    if (rc == FB_OK && fb_cert_move_check(v, finance, &field, reason, sizeof reason) != FB_OK) {
        invalid(err, field, reason);
        rc = FB_EINVAL;
    }
    return rc;
}

static int decode_transfer(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                           size_t id_cap) {
    return decode_move(text, len, record, err, id, id_cap, false);
}

static int decode_finance(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                          size_t id_cap) {
    return decode_move(text, len, record, err, id, id_cap, true);
}

static int submit_issue(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_certs_issue(book, records, n, outcomes);
}

static int submit_transfer(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_certs_transfer(book, records, n, outcomes);
}

static int submit_finance(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_certs_finance(book, records, n, outcomes);
}

static const cli_record_kind issues = {sizeof(fb_cert_issue), sizeof(fb_cert_outcome), decode_issue,
                                       submit_issue, fb_json_cert_issue_result};
static const cli_record_kind transfers = {sizeof(fb_cert_move), sizeof(fb_cert_outcome),
                                          decode_transfer, submit_transfer,
                                          fb_json_cert_move_result};
static const cli_record_kind financings = {sizeof(fb_cert_move), sizeof(fb_cert_outcome),
                                           decode_finance, submit_finance,
                                           fb_json_cert_move_result};

static int create(int argc, char **argv, const char *verb, const cli_record_kind *kind) {
    char usage[96];
    snprintf(usage, sizeof usage, "finbridge certificates %s --db PATH < %s.jsonl", verb, verb);
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, usage, &o)) return CLI_ERROR;
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, kind, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_cert(fb_book *book, const char *id, json_t **out) {
    fb_certificate c;
    int rc = fb_cert_get(book, id, &c);
    if (rc == FB_OK) *out = fb_json_cert_view(book, &c);
    return rc;
}

static int lineage(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge certificates lineage --db PATH ID", &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional != 1) {
        fprintf(stderr, "finbridge: certificates lineage takes one certificate ID\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    fb_certificate *v = NULL;
    size_t n = 0;
    int rc = fb_cert_lineage(book, o.positional[0], &v, &n);
    json_t *t = rc == FB_OK ? fb_json_lineage_view(book, v, n) : NULL;
    if (t) {
        cli_print_json(stdout, t);
    } else if (rc == FB_ENOTFOUND) {
        fprintf(stderr, "finbridge: no certificate %s\n", o.positional[0]);
    } else {
        fprintf(stderr, "finbridge: certificates lineage: %s\n", fb_book_errmsg(book));
    }
    free(v);
    fb_book_close(book);
    return t ? CLI_OK : rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
}

static int held_by(int argc, char **argv) {
    const char *usage = "finbridge certificates held-by --db PATH (PARTY | --bank)";
    bool bank = false;
    char *args[64];
    int n_args = 0;
    for (int i = 0; i < argc && n_args < 64; i++) {
        if (strcmp(argv[i], "--bank") == 0) {
            bank = true;
        } else {
            args[n_args++] = argv[i];
        }
    }
    cli_opts o;
    if (!cli_parse(n_args, args, OPT_DB, usage, &o)) return CLI_ERROR;
    if (o.n_positional != (bank ? 0 : 1)) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    const char *party = bank ? "" : o.positional[0];
    fb_party p;
    int rc = bank ? FB_OK : fb_party_get(book, party, &p);
    if (rc == FB_ENOTFOUND) fprintf(stderr, "finbridge: no party %s\n", party);
    fb_certificate *v = NULL;
    size_t n = 0;
    if (rc == FB_OK) rc = fb_certs_held_by(book, party, &v, &n);
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        cli_print_json(stdout, fb_json_cert_view(book, &v[i]));
    if (rc && rc != FB_ENOTFOUND) {
        fprintf(stderr, "finbridge: certificates held-by: %s\n", fb_book_errmsg(book));
    }
    free(v);
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
}

int cmd_certificates(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "issue") == 0) return create(argc - 1, argv + 1, "issue", &issues);
    if (strcmp(sub, "transfer") == 0) return create(argc - 1, argv + 1, "transfer", &transfers);
    if (strcmp(sub, "finance") == 0) return create(argc - 1, argv + 1, "finance", &financings);
    if (strcmp(sub, "get") == 0) {
        return cli_get_each(argc - 1, argv + 1, "certificate", fetch_cert);
    }
    if (strcmp(sub, "lineage") == 0) return lineage(argc - 1, argv + 1);
    if (strcmp(sub, "held-by") == 0) return held_by(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: certificates needs issue, transfer, finance, get, lineage or"
                    " held-by\n");
    return CLI_ERROR;
}
