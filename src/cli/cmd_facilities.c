/* cmd_facilities.c — `finbridge facilities`: create (approve; JSON Lines, idempotent by id) and
 * get, with the limit, what is available and what is drawn, from the ledger. */
#include <string.h>

#include "cli/cli.h"
#include "wire/book_json.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_facility(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_facility *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_facilities_create(book, records, n, outcomes);
}

static void describe(const void *record, const void *outcome, json_t *o, bool *failed) {
    const fb_facility *f = record;
    const fb_facility_outcome *out = outcome;
    json_object_set_new(o, "result", json_string(fb_facility_result_name(out->result)));
    if (out->result == FB_FACILITY_CREATED || out->result == FB_FACILITY_EXISTS) {
        json_object_set_new(o, "inclusive", json_boolean(f->inclusive_cbirc));
        json_object_set_new(o, "available_account", json_string(f->available_account));
        return;
    }
    *failed = true;
    if (out->field) json_object_set_new(o, "field", json_string(out->field));
    if (out->result == FB_FACILITY_NOT_INCLUSIVE) {
        json_object_set_new(o, "reason", json_string(f->inclusive_rule));
    }
}

static const cli_record_kind facilities = {sizeof(fb_facility), sizeof(fb_facility_outcome), decode,
                                           submit, describe};

static int facilities_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge facilities create --db PATH < facilities.jsonl",
                   &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &facilities, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_facility(fb_book *book, const char *id, json_t **out) {
    fb_facility f;
    int rc = fb_facility_get(book, id, &f);
    if (rc) return rc;
    *out = fb_json_encode_facility(&f);
    if (*out) fb_json_add_facility_balances(book, &f, *out);
    return FB_OK;
}

int cmd_facilities(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return facilities_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0)
        return cli_get_each(argc - 1, argv + 1, "facility", fetch_facility);
    fprintf(stderr, "finbridge: facilities needs create or get\n");
    return CLI_ERROR;
}
