/* cmd_facilities.c — `finbridge facilities`: create (approve; JSON Lines, idempotent by id) and
 * get, with the limit, what is available and what is drawn, from the ledger; and the changes of
 * a facility's life: renew, limit, freeze, unfreeze, close. */
#include <stdlib.h>
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

/* The options of a change as the API's body, so that both doors read it with one decoder. */
static char *change_body(const char *kind, const cli_opts *o) {
    static const char *const keys[] = {"end_date", "limit", "date", "id", "reason"};
    json_t *j = json_object();
    json_object_set_new(j, "kind", json_string(kind));
    for (int i = 0; i < 5; i++) {
        if (o->extra[i]) json_object_set_new(j, keys[i], json_string(o->extra[i]));
    }
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

/* `facilities renew|limit|freeze|unfreeze|close --db PATH ID ...`: one change, one JSON line. */
static int facilities_change(const char *kind, int argc, char **argv) {
    static const char *const extra[] = {"--end-date", "--limit",  "--date",
                                        "--id",       "--reason", NULL};
    char usage[240];
    snprintf(usage, sizeof usage,
             "finbridge facilities %s --db PATH ID%s [--date D] [--id R] [--reason TEXT]", kind,
             strcmp(kind, "renew") == 0   ? " --end-date D [--limit X]"
             : strcmp(kind, "limit") == 0 ? " --limit X"
                                          : "");
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    fb_facility_change c;
    memset(&c, 0, sizeof c);
    if (o.n_positional != 1 || strlen(o.positional[0]) >= sizeof c.facility) {
        fprintf(stderr, "finbridge: facilities %s takes one facility ID\n", kind);
        return CLI_ERROR;
    }
    snprintf(c.facility, sizeof c.facility, "%s", o.positional[0]);
    char *body = change_body(kind, &o);
    fb_json_error err;
    memset(&err, 0, sizeof err);
    int rc = body ? fb_json_read_facility_change(body, strlen(body), &c, &err) : FB_ENOMEM;
    free(body);
    if (rc) {
        fprintf(stderr, "finbridge: facilities %s: %s%s%s\n", kind, err.field,
                err.field[0] ? " " : "", err.reason);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_facility_change_result result = FB_FACILITY_CHANGED;
    rc = fb_facility_change_make(book, &c, &result);
    if (rc) {
        fprintf(stderr, "finbridge: facilities %s: %s\n", kind, fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_facility_change(&c, result));
    fb_book_close(book);
    return result == FB_FACILITY_CHANGED || result == FB_FACILITY_CHANGE_EXISTS ? CLI_OK
                                                                                : CLI_FAILED;
}

int cmd_facilities(int argc, char **argv) {
    static const char *const changes[] = {"renew", "limit", "freeze", "unfreeze", "close"};
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return facilities_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0)
        return cli_get_each(argc - 1, argv + 1, "facility", fetch_facility);
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        if (strcmp(sub, changes[i]) == 0) return facilities_change(sub, argc - 1, argv + 1);
    }
    fprintf(stderr, "finbridge: facilities needs create, get, renew, limit, freeze, unfreeze or "
                    "close\n");
    return CLI_ERROR;
}
