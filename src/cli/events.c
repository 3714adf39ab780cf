/* events.c — streams JSON Lines events into the ledger in batches of at most FB_BATCH_MAX.
 *
 * Each input line becomes a slot: a decoded event, or an error naming the field. A batch is one
 * transaction. A batch never splits a linked chain (the open chain moves to the next batch), and
 * a chain with an undecodable member fails whole, so that no part of it is written. Results are
 * printed in input order once their batch is durable. */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "core/assert.h"

/* Slots held at once: a full batch of events plus as many rejected lines. */
enum { SLOT_MAX = 2 * FB_BATCH_MAX };

typedef struct {
    uint64_t line;
    bool valid;
    bool linked;
    bool chain_failed; /* valid, but its chain has an invalid member */
    char id[FB_ID_MAX + 1];
    fb_json_error err;
    int32_t event; /* index into the events array, when valid */
} slot;

typedef struct {
    fb_ledger *l;
    int kind;
    FILE *out;
    slot *slots;
    size_t n_slots;
    fb_account *accounts; /* decoded events, by slot */
    fb_transfer *transfers;
    size_t n_events;
    fb_account *sub_accounts; /* the events submitted, compacted */
    fb_transfer *sub_transfers;
    int32_t *sub_of; /* slot -> submitted index, or -1 */
    fb_result *results;
    int64_t *timestamps;
    int64_t *amounts;
    bool any_failed;
    size_t n_batch; /* slots of the batch being submitted, for its audit entry */
} batcher;

/* Marks every valid member of a chain that holds an invalid line. */
static void fail_broken_chains(batcher *b, size_t n) {
    size_t start = 0;
    while (start < n) {
        size_t end = start;
        bool broken = !b->slots[start].valid;
        while (end + 1 < n && b->slots[end].linked) {
            end++;
            if (!b->slots[end].valid) broken = true;
        }
        for (size_t i = start; i <= end; i++)
            b->slots[i].chain_failed = broken && b->slots[i].valid;
        start = end + 1;
    }
}

static void print_slot(batcher *b, const slot *s) {
    if (s->valid && !s->chain_failed && s->id[0]) {
        int32_t k = b->sub_of[s - b->slots];
        FB_ASSERT(k >= 0);
        fb_result r = b->results[k];
        if (r != FB_RESULT_CREATED && r != FB_RESULT_EXISTS) b->any_failed = true;
        char text[FB_EVENT_LINE_MAX];
        fb_json_event_line(text, sizeof text, s->line, s->id, r, b->timestamps[k], b->amounts[k],
                           b->kind == EVENTS_TRANSFERS);
        fputs(text, b->out);
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer((json_int_t)s->line));
    if (s->id[0]) json_object_set_new(o, "id", json_string(s->id));
    if (!s->valid) {
        fb_json_invalid_line(o, &s->err);
        b->any_failed = true;
    } else if (s->chain_failed) {
        json_object_set_new(o, "result", json_string("linked_event_failed"));
        json_object_set_new(o, "reason",
                            json_string("another line of its linked chain is invalid"));
        b->any_failed = true;
    } else {
        int32_t k = b->sub_of[s - b->slots];
        FB_ASSERT(k >= 0);
        if (fb_json_event_result(o, s->id, b->results[k], b->timestamps[k], b->amounts[k],
                                 b->kind == EVENTS_TRANSFERS) == FB_JSON_REFUSED) {
            b->any_failed = true;
        }
    }
    cli_print_json(b->out, o);
}

/* What the batch being committed did, for its audit entry (cli/audit.h): its lines, and their
 * results by name. */
static void describe_batch(void *ctx, char *buf, size_t cap) {
    const batcher *b = ctx;
    cli_tally t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < b->n_batch; i++) {
        const slot *s = &b->slots[i];
        cli_tally_add(&t, !s->valid         ? "invalid"
                          : s->chain_failed ? "linked_event_failed"
                                            : fb_result_name(b->results[b->sub_of[i]]));
    }
    char counts[512];
    cli_tally_format(&t, counts, sizeof counts);
    snprintf(buf, cap, "%s of lines %llu-%llu: %s",
             b->kind == EVENTS_ACCOUNTS ? "accounts" : "transfers",
             (unsigned long long)b->slots[0].line,
             (unsigned long long)b->slots[b->n_batch - 1].line, counts);
}

/* Submits slots[0..n) and prints their results. */
static int submit(batcher *b, size_t n) {
    fail_broken_chains(b, n);
    /* When every line of the batch is submitted, in order, its events are submitted where they
     * are; otherwise the submitted ones are copied together. */
    bool whole = true;
    for (size_t i = 0; whole && i < n; i++)
        whole = b->slots[i].valid && !b->slots[i].chain_failed && b->slots[i].event == (int32_t)i;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        slot *s = &b->slots[i];
        b->sub_of[i] = -1;
        if (!s->valid || s->chain_failed) continue;
        if (whole) { /* submitted where it is */
        } else if (b->kind == EVENTS_ACCOUNTS) {
            b->sub_accounts[k] = b->accounts[s->event];
        } else {
            b->sub_transfers[k] = b->transfers[s->event];
        }
        b->sub_of[i] = (int32_t)k++;
    }
    FB_ASSERT(k <= FB_BATCH_MAX && (!whole || k == n));
    b->n_batch = n;
    cli_audit_describe(describe_batch, b);
    const fb_account *accounts = whole ? b->accounts : b->sub_accounts;
    const fb_transfer *transfers = whole ? b->transfers : b->sub_transfers;
    int rc =
        b->kind == EVENTS_ACCOUNTS
            ? fb_ledger_create_accounts(b->l, accounts, k, b->results, b->timestamps)
            : fb_ledger_create_transfers(b->l, transfers, k, b->results, b->timestamps, b->amounts);
    cli_audit_describe(NULL, NULL);
    if (rc) {
        fprintf(stderr, "finbridge: batch of lines %llu..%llu not written: %s\n",
                (unsigned long long)b->slots[0].line, (unsigned long long)b->slots[n - 1].line,
                fb_ledger_errmsg(b->l));
        return rc;
    }
    for (size_t i = 0; i < n; i++)
        print_slot(b, &b->slots[i]);
    fflush(b->out);
    return FB_OK;
}

/* Flushes the held slots. Unless final, an open chain at the end stays for the next batch. */
static int flush(batcher *b, bool final) {
    size_t n = b->n_slots;
    if (!final) {
        size_t start = n;
        while (start > 0 && b->slots[start - 1].linked)
            start--;
        /* The chain is open: slots[start..n) wait, unless it fills the whole batch. */
        if (start < n && start > 0) n = start;
    }
    if (n == 0) return FB_OK;
    int rc = submit(b, n);
    if (rc) return rc;
    size_t rest = b->n_slots - n;
    /* Move the waiting slots (and their events) to the front. */
    size_t events = 0;
    for (size_t i = 0; i < rest; i++) {
        slot s = b->slots[n + i];
        if (s.valid) {
            if (b->kind == EVENTS_ACCOUNTS) {
                b->accounts[events] = b->accounts[s.event];
            } else {
                b->transfers[events] = b->transfers[s.event];
            }
            s.event = (int32_t)events++;
        }
        b->slots[i] = s;
    }
    b->n_slots = rest;
    b->n_events = events;
    return FB_OK;
}

static void take_line(batcher *b, uint64_t line_no, const char *text, size_t len,
                      const char *fault) {
    slot *s = &b->slots[b->n_slots++];
    memset(s, 0, sizeof *s);
    s->line = line_no;
    s->event = -1;
    if (fault[0]) {
        snprintf(s->err.reason, sizeof s->err.reason, "line %s", fault);
        return;
    }
    int rc;
    const char *id;
    if (b->kind == EVENTS_ACCOUNTS) {
        fb_account *a = &b->accounts[b->n_events];
        rc = fb_json_decode_account(text, len, a, &s->linked, &s->err);
        id = a->id;
    } else {
        fb_transfer *t = &b->transfers[b->n_events];
        rc = fb_json_decode_transfer(text, len, t, &s->linked, &s->err);
        id = t->id;
    }
    snprintf(s->id, sizeof s->id, "%s", id);
    if (rc == FB_OK) {
        s->valid = true;
        s->event = (int32_t)b->n_events++;
    }
}

static bool alloc_batcher(batcher *b) {
    b->slots = calloc(SLOT_MAX, sizeof *b->slots);
    b->sub_of = calloc(SLOT_MAX, sizeof *b->sub_of);
    b->results = calloc(FB_BATCH_MAX, sizeof *b->results);
    b->timestamps = calloc(FB_BATCH_MAX, sizeof *b->timestamps);
    b->amounts = calloc(FB_BATCH_MAX, sizeof *b->amounts);
    if (b->kind == EVENTS_ACCOUNTS) {
        b->accounts = calloc(FB_BATCH_MAX + 1, sizeof *b->accounts);
        b->sub_accounts = calloc(FB_BATCH_MAX, sizeof *b->sub_accounts);
    } else {
        b->transfers = calloc(FB_BATCH_MAX + 1, sizeof *b->transfers);
        b->sub_transfers = calloc(FB_BATCH_MAX, sizeof *b->sub_transfers);
    }
    return b->slots && b->sub_of && b->results && b->timestamps && b->amounts &&
           (b->accounts || b->transfers) && (b->sub_accounts || b->sub_transfers);
}

static void free_batcher(batcher *b) {
    free(b->slots);
    free(b->sub_of);
    free(b->results);
    free(b->timestamps);
    free(b->amounts);
    free(b->accounts);
    free(b->sub_accounts);
    free(b->transfers);
    free(b->sub_transfers);
}

int cli_create_events(fb_ledger *l, int kind, FILE *in, FILE *out) {
    batcher b = {.l = l, .kind = kind, .out = out};
    char *buf = malloc(FB_LINE_MAX + 1);
    int rc = (buf && alloc_batcher(&b)) ? FB_OK : FB_ENOMEM;
    uint64_t line_no = 0;
    long len = 0;
    char fault[CLI_FAULT_MAX];
    while (rc == FB_OK &&
           (len = cli_read_line(in, buf, FB_LINE_MAX + 1, fault, sizeof fault)) >= 0) {
        line_no++;
        if (!fault[0] && cli_blank(buf, (size_t)len)) continue;
        take_line(&b, line_no, buf, (size_t)len, fault);
        if (b.n_events == FB_BATCH_MAX || b.n_slots == SLOT_MAX) rc = flush(&b, false);
    }
    if (rc == FB_OK && len == -2) rc = FB_EIO;
    if (rc == FB_OK) rc = flush(&b, true);
    if (rc == FB_ENOMEM) fprintf(stderr, "finbridge: out of memory\n");
    free(buf);
    free_batcher(&b);
    if (rc) return CLI_ERROR;
    return b.any_failed ? CLI_FAILED : CLI_OK;
}
