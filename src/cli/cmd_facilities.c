/* cmd_facilities.c — `finbridge facilities`: create (approve; JSON Lines, idempotent by id) and
 * get, with the limit, what is available and what is drawn, from the ledger. */
#include <string.h>

#include "cli/cli.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_facility(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_facility *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_facilities_create(book, records, n, outcomes);
}

static const cli_record_kind facilities = {sizeof(fb_facility), sizeof(fb_facility_outcome), decode,
                                           submit, fb_json_facility_result};

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
    *out = fb_json_facility_view(book, &f);
    return *out ? FB_OK : FB_ENOMEM;
}

int cmd_facilities(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return facilities_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0)
        return cli_get_each(argc - 1, argv + 1, "facility", fetch_facility);
    fprintf(stderr, "finbridge: facilities needs create or get\n");
    return CLI_ERROR;
}
