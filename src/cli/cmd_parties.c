/* cmd_parties.c — `finbridge parties`: create (JSON Lines, idempotent by id) and get. */
#include <string.h>

#include "cli/cli.h"
#include "wire/book_json.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_party(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_party *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_parties_create(book, records, n, outcomes);
}

static void describe(const void *record, const void *outcome, json_t *o, bool *failed) {
    const fb_party *p = record;
    const fb_party_outcome *out = outcome;
    json_object_set_new(o, "result", json_string(fb_party_result_name(out->result)));
    if (out->result == FB_PARTY_CREATED || out->result == FB_PARTY_EXISTS) {
        json_object_set_new(o, "deposit_account", json_string(p->deposit_account));
        json_object_set_new(o, "size_class", json_string(fb_size_class_name(p->size_class)));
        return;
    }
    *failed = true;
    if (out->field) json_object_set_new(o, "field", json_string(out->field));
    if (out->other[0]) json_object_set_new(o, "registered_to", json_string(out->other));
}

static const cli_record_kind parties = {sizeof(fb_party), sizeof(fb_party_outcome), decode, submit,
                                        describe};

static int parties_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge parties create --db PATH < parties.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &parties, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_party(fb_book *book, const char *id, json_t **out) {
    fb_party p;
    int rc = fb_party_get(book, id, &p);
    if (rc) return rc;
    *out = fb_json_encode_party(&p);
    fb_account a;
    if (*out && fb_ledger_get_account(fb_book_ledger(book), p.deposit_account, &a) == FB_OK) {
        json_object_set_new(*out, "deposit_balance",
                            fb_json_money(a.credits_posted_fen - a.debits_posted_fen));
    }
    return FB_OK;
}

int cmd_parties(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return parties_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "party", fetch_party);
    fprintf(stderr, "finbridge: parties needs create or get\n");
    return CLI_ERROR;
}
