/* cmd_parties.c — `finbridge parties`: create (JSON Lines, idempotent by id) and get. */
#include <string.h>

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
    *out = fb_json_party_view(book, &p);
    return *out ? FB_OK : FB_ENOMEM;
}

int cmd_parties(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return parties_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "party", fetch_party);
    fprintf(stderr, "finbridge: parties needs create or get\n");
    return CLI_ERROR;
}
