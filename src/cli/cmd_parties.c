/* cmd_parties.c — `finbridge parties`: create (JSON Lines, idempotent by id) and get. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "json/party_json.h"

typedef struct {
    uint64_t line;
    bool valid;
    fb_json_error err; /* when not valid */
    int32_t party;     /* index into the batch, when valid */
    char id[FB_ID_MAX + 1];
} party_slot;

typedef struct {
    fb_party parties[FB_PARTY_BATCH_MAX];
    fb_party_outcome outcomes[FB_PARTY_BATCH_MAX];
    party_slot slots[2 * FB_PARTY_BATCH_MAX];
    size_t n_parties, n_slots;
    bool any_failed;
} party_batch;

static void print_slot(party_batch *b, const party_slot *s) {
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer((json_int_t)s->line));
    if (s->id[0]) json_object_set_new(o, "id", json_string(s->id));
    if (!s->valid) {
        json_object_set_new(o, "result", json_string("invalid"));
        json_object_set_new(o, "field", json_string(s->err.field));
        json_object_set_new(o, "reason", json_string(s->err.reason));
        b->any_failed = true;
        cli_print_json(stdout, o);
        return;
    }
    const fb_party *p = &b->parties[s->party];
    const fb_party_outcome *out = &b->outcomes[s->party];
    json_object_set_new(o, "result", json_string(fb_party_result_name(out->result)));
    if (out->result == FB_PARTY_CREATED || out->result == FB_PARTY_EXISTS) {
        json_object_set_new(o, "deposit_account", json_string(p->deposit_account));
        json_object_set_new(o, "size_class", json_string(fb_size_class_name(p->size_class)));
    } else {
        b->any_failed = true;
        if (out->field) json_object_set_new(o, "field", json_string(out->field));
        if (out->other[0]) json_object_set_new(o, "registered_to", json_string(out->other));
    }
    cli_print_json(stdout, o);
}

static int flush(fb_ledger *l, party_batch *b) {
    if (b->n_parties) {
        int rc = fb_parties_create(l, b->parties, b->n_parties, b->outcomes);
        if (rc) {
            fprintf(stderr, "finbridge: parties from line %llu on not written: %s\n",
                    (unsigned long long)b->slots[0].line,
                    rc == FB_ELIMIT ? "too many" : fb_ledger_errmsg(l));
            return rc;
        }
    }
    for (size_t i = 0; i < b->n_slots; i++)
        print_slot(b, &b->slots[i]);
    fflush(stdout);
    b->n_parties = b->n_slots = 0;
    return FB_OK;
}

static void take(party_batch *b, uint64_t line_no, const char *text, size_t len, bool too_long) {
    party_slot *s = &b->slots[b->n_slots++];
    memset(s, 0, sizeof *s);
    s->line = line_no;
    if (too_long) {
        snprintf(s->err.reason, sizeof s->err.reason, "is longer than %d bytes", FB_LINE_MAX);
        return;
    }
    fb_party *p = &b->parties[b->n_parties];
    int rc = fb_json_decode_party(text, len, p, &s->err);
    memcpy(s->id, p->id, sizeof p->id); /* a party id is shorter than an account id */
    if (rc == FB_OK) {
        const char *field = NULL;
        if (fb_party_prepare(p, &field, s->err.reason, sizeof s->err.reason) != FB_OK) {
            snprintf(s->err.field, sizeof s->err.field, "%s", field);
            return;
        }
        s->valid = true;
        s->party = (int32_t)b->n_parties++;
    }
}

static int parties_create(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge parties create --db PATH < parties.jsonl", &o)) {
        return CLI_ERROR;
    }
    fb_ledger *l = cli_open(&o, 0);
    party_batch *b = calloc(1, sizeof *b);
    char *buf = malloc(FB_LINE_MAX + 2);
    int rc = l && b && buf ? FB_OK : FB_ENOMEM;
    uint64_t line_no = 0;
    long len;
    bool too_long = false;
    while (rc == FB_OK && (len = cli_read_line(stdin, buf, FB_LINE_MAX + 2, &too_long)) >= 0) {
        line_no++;
        if (!too_long && cli_blank(buf, (size_t)len)) continue;
        take(b, line_no, buf, (size_t)len, too_long);
        if (b->n_parties == FB_PARTY_BATCH_MAX || b->n_slots == 2 * FB_PARTY_BATCH_MAX) {
            rc = flush(l, b);
        }
    }
    if (rc == FB_OK) rc = flush(l, b);
    bool failed = b && b->any_failed;
    free(buf);
    free(b);
    if (l) fb_ledger_close(l);
    if (rc) return CLI_ERROR;
    return failed ? CLI_FAILED : CLI_OK;
}

static int parties_get(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge parties get --db PATH ID...", &o)) {
        return CLI_ERROR;
    }
    if (o.n_positional == 0) {
        fprintf(stderr, "finbridge: parties get needs at least one ID\n");
        return CLI_ERROR;
    }
    fb_ledger *l = cli_open(&o, FB_OPEN_READONLY);
    if (!l) return CLI_ERROR;
    int status = CLI_OK;
    for (int i = 0; i < o.n_positional; i++) {
        fb_party p;
        int rc = fb_party_get(l, o.positional[i], &p);
        if (rc == FB_OK) {
            json_t *j = fb_json_encode_party(&p);
            fb_account a;
            if (j && fb_ledger_get_account(l, p.deposit_account, &a) == FB_OK) {
                json_object_set_new(j, "deposit_balance",
                                    fb_json_money(a.credits_posted_fen - a.debits_posted_fen));
            }
            cli_print_json(stdout, j);
        } else {
            fprintf(stderr, "finbridge: no party %s\n", o.positional[i]);
            status = rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
        }
    }
    fb_ledger_close(l);
    return status;
}

int cmd_parties(int argc, char **argv) {
    const char *sub = argc > 0 ? argv[0] : "";
    if (strcmp(sub, "create") == 0) return parties_create(argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0) return parties_get(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: parties needs create or get\n");
    return CLI_ERROR;
}
