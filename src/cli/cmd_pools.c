/* cmd_pools.c — `finbridge pools`: create risk-compensation pools (JSON Lines, idempotent by
 * id), fund one, cover a loan under it, claim its share of a loss, share a recovery back, get and
 * list them, one JSON line each, as the API answers (docs/schemes.md). The command line is the
 * bank's. */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "wire/pool_json.h"

static int decode(const char *text, size_t len, void *record, fb_json_error *err, char *id,
                  size_t id_cap) {
    int rc = fb_json_read_pool(text, len, record, err);
    snprintf(id, id_cap, "%s", ((const fb_pool *)record)->id);
    return rc;
}

static int submit(fb_book *book, void *records, size_t n, void *outcomes) {
    return fb_pools_create(book, NULL, records, n, outcomes);
}

static const cli_record_kind pools = {sizeof(fb_pool), sizeof(fb_pool_outcome), decode, submit,
                                      fb_json_pool_result};

static int pools_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge pools create --db PATH < pools.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    int rc = cli_create_records(book, &pools, stdin, stdout);
    fb_book_close(book);
    return rc;
}

static int fetch_pool(fb_book *book, const char *id, json_t **out) {
    fb_pool_view v;
    int rc = fb_pool_view_get(book, id, &v);
    if (rc == FB_OK) *out = fb_json_encode_pool(&v);
    return rc;
}

static int pool_page(fb_book *book, const char *after, void *rows, size_t cap, size_t *n) {
    return fb_pools_list(book, NULL, after, rows, cap, n);
}

static json_t *pool_json(const void *row) { return fb_json_encode_pool(row); }

static int pools_list(int argc, char **argv) {
    return cli_list_pages(argc, argv, "pools", sizeof(fb_pool_view), pool_page, pool_json);
}

/* ---- The acts ---------------------------------------------------------------------------- */

static void describe_act(void *ctx, char *buf, size_t cap) {
    const fb_pool_act *a = ctx;
    snprintf(buf, cap, "pool %s %s %s", a->pool, fb_pool_act_name(a->kind),
             a->kind == FB_POOL_FUND ? a->id : a->loan);
}

static bool copy(const char *option, const char *value, char *dst, size_t cap) {
    if (!value) return true;
    if (strlen(value) >= cap) {
        fprintf(stderr, "finbridge: %s is longer than %zu bytes\n", option, cap - 1);
        return false;
    }
    snprintf(dst, cap, "%s", value);
    return true;
}

/* The act's options into a: fund takes --id and --amount, the others --loan. */
static bool read_act(const cli_opts *o, fb_pool_act *a) {
    bool fund = a->kind == FB_POOL_FUND;
    if ((fund && o->extra[2]) || (!fund && (o->extra[0] || o->extra[1]))) {
        fprintf(stderr, "finbridge: pools %s takes %s\n", fb_pool_act_name(a->kind),
                fund ? "--id and --amount" : "--loan");
        return false;
    }
    const char *why = NULL;
    if (o->extra[1] &&
        fb_money_parse(o->extra[1], strlen(o->extra[1]), &a->amount_fen, &why) != FB_OK) {
        fprintf(stderr, "finbridge: --amount %s: %s\n", o->extra[1], why);
        return false;
    }
    return copy("--id", o->extra[0], a->id, sizeof a->id) &&
           copy("--loan", o->extra[2], a->loan, sizeof a->loan);
}

static int pools_act(int argc, char **argv, fb_pool_act_kind kind, const char *verb) {
    static const char *const extra[] = {"--id", "--amount", "--loan", NULL};
    char usage[160];
    snprintf(usage, sizeof usage, "finbridge pools %s --db PATH POOL %s", verb,
             kind == FB_POOL_FUND ? "--id F --amount X" : "--loan L");
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    a.kind = kind;
    if (o.n_positional != 1 || strlen(o.positional[0]) >= sizeof a.pool) {
        fprintf(stderr, "finbridge: %s: takes one pool ID\n", usage);
        return CLI_ERROR;
    }
    snprintf(a.pool, sizeof a.pool, "%s", o.positional[0]);
    if (!read_act(&o, &a)) return CLI_ERROR;
    const char *field = NULL;
    char reason[200];
    if (fb_pool_act_check(&a, &field, reason, sizeof reason)) {
        fprintf(stderr, "finbridge: pools %s: %s %s\n", verb, field, reason);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, 0);
    if (!book) return CLI_ERROR;
    fb_pool_outcome out;
    cli_audit_describe(describe_act, &a);
    int rc = fb_pool_act_make(book, NULL, &a, &out);
    cli_audit_describe(NULL, NULL);
    if (rc) {
        fprintf(stderr, "finbridge: pools %s: %s\n", verb, fb_book_errmsg(book));
        fb_book_close(book);
        return CLI_ERROR;
    }
    cli_print_json(stdout, fb_json_encode_pool_act(&a, &out));
    fb_book_close(book);
    return out.result == FB_POOL_DONE || out.result == FB_POOL_EXISTS ? CLI_OK : CLI_FAILED;
}

int cmd_pools(int argc, char **argv) {
    static const struct {
        const char *name;
        fb_pool_act_kind kind;
    } acts[] = {{"fund", FB_POOL_FUND},
                {"cover", FB_POOL_COVER},
                {"claim", FB_POOL_CLAIM},
                {"share-back", FB_POOL_SHARE_BACK}};
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return pools_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return cli_get_each(argc - 1, argv + 1, "pool", fetch_pool);
    if (strcmp(sub, "list") == 0) return pools_list(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        if (strcmp(sub, acts[i].name) == 0) {
            return pools_act(argc - 1, argv + 1, acts[i].kind, acts[i].name);
        }
    }
    fprintf(stderr, "finbridge: pools needs create, get, list, fund, cover, claim or share-back\n");
    return CLI_ERROR;
}
