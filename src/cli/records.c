/* records.c — streams JSON Lines of book records (parties, facilities, ...) into the book in
 * batches of FB_PARTY_BATCH_MAX, each one transaction, printing one result line per input line. A
 * kind of record supplies its decoder, its batch call and its result fields. */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "core/assert.h"

/* Slots held at once: a full batch of records plus as many rejected lines. */
enum { RECORD_SLOT_MAX = 2 * FB_PARTY_BATCH_MAX };

typedef struct {
    uint64_t line;
    bool valid;
    fb_json_error err;
    int32_t record;
    char id[FB_ID_MAX + 1];
} record_slot;

typedef struct {
    const cli_record_kind *kind;
    fb_book *book;
    FILE *out;
    unsigned char *records;  /* FB_PARTY_BATCH_MAX records of kind->record_size */
    unsigned char *outcomes; /* and their outcomes */
    record_slot *slots;      /* RECORD_SLOT_MAX */
    size_t n_records, n_slots;
    bool any_failed;
} record_batch;

static void print_slot(record_batch *b, const record_slot *s) {
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer((json_int_t)s->line));
    if (s->id[0]) json_object_set_new(o, "id", json_string(s->id));
    if (!s->valid) {
        fb_json_invalid_line(o, &s->err);
        b->any_failed = true;
    } else {
        size_t i = (size_t)s->record;
        if (b->kind->result(o, b->records + i * b->kind->record_size,
                            b->outcomes + i * b->kind->outcome_size) == FB_JSON_REFUSED) {
            b->any_failed = true;
        }
    }
    cli_print_json(b->out, o);
}

/* What the batch being committed did, for its audit entry (cli/audit.h): its lines, and their
 * results by name. */
static void describe_batch(void *ctx, char *buf, size_t cap) {
    const record_batch *b = ctx;
    cli_tally t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < b->n_slots; i++) {
        const record_slot *s = &b->slots[i];
        if (!s->valid) {
            cli_tally_add(&t, "invalid");
            continue;
        }
        json_t *o = json_object();
        size_t k = (size_t)s->record;
        bool failed = b->kind->result(o, b->records + k * b->kind->record_size,
                                      b->outcomes + k * b->kind->outcome_size) == FB_JSON_REFUSED;
        const char *r = json_string_value(json_object_get(o, "result"));
        cli_tally_add(&t, r ? r : failed ? "failed" : "done");
        json_decref(o);
    }
    char counts[512];
    cli_tally_format(&t, counts, sizeof counts);
    snprintf(buf, cap, "lines %llu-%llu: %s", (unsigned long long)b->slots[0].line,
             (unsigned long long)b->slots[b->n_slots - 1].line, counts);
}

static int flush(record_batch *b) {
    if (b->n_records) {
        cli_audit_describe(describe_batch, b);
        int rc = b->kind->submit(b->book, b->records, b->n_records, b->outcomes);
        cli_audit_describe(NULL, NULL);
        if (rc) {
            fprintf(stderr, "finbridge: lines from %llu on not written: %s\n",
                    (unsigned long long)b->slots[0].line,
                    rc == FB_ELIMIT ? "too many in one batch" : fb_book_errmsg(b->book));
            return rc;
        }
    }
    for (size_t i = 0; i < b->n_slots; i++)
        print_slot(b, &b->slots[i]);
    fflush(b->out);
    b->n_records = b->n_slots = 0;
    return FB_OK;
}

static void take(record_batch *b, uint64_t line_no, const char *text, size_t len,
                 const char *fault) {
    record_slot *s = &b->slots[b->n_slots++];
    memset(s, 0, sizeof *s);
    s->line = line_no;
    if (fault[0]) {
        snprintf(s->err.reason, sizeof s->err.reason, "line %s", fault);
        return;
    }
    void *record = b->records + b->n_records * b->kind->record_size;
    if (b->kind->decode(text, len, record, &s->err, s->id, sizeof s->id) == FB_OK) {
        s->valid = true;
        s->record = (int32_t)b->n_records++;
    }
}

int cli_create_records(fb_book *book, const cli_record_kind *kind, FILE *in, FILE *out) {
    record_batch b = {.kind = kind, .book = book, .out = out};
    b.records = calloc(FB_PARTY_BATCH_MAX, kind->record_size);
    b.outcomes = calloc(FB_PARTY_BATCH_MAX, kind->outcome_size);
    b.slots = calloc(RECORD_SLOT_MAX, sizeof *b.slots);
    char *buf = malloc(FB_LINE_MAX + 1);
    int rc = b.records && b.outcomes && b.slots && buf ? FB_OK : FB_ENOMEM;
    uint64_t line_no = 0;
    long len = 0;
    char fault[CLI_FAULT_MAX];
    while (rc == FB_OK &&
           (len = cli_read_line(in, buf, FB_LINE_MAX + 1, fault, sizeof fault)) >= 0) {
        line_no++;
        if (!fault[0] && cli_blank(buf, (size_t)len)) continue;
        take(&b, line_no, buf, (size_t)len, fault);
        if (b.n_records == FB_PARTY_BATCH_MAX || b.n_slots == RECORD_SLOT_MAX) {
            rc = flush(&b);
        }
    }
    if (rc == FB_OK && len == -2) rc = FB_EIO;
    if (rc == FB_OK) rc = flush(&b);
    if (rc == FB_ENOMEM) fprintf(stderr, "finbridge: out of memory\n");
    free(b.records);
    free(b.outcomes);
    free(b.slots);
    free(buf);
    if (rc) return CLI_ERROR;
    return b.any_failed ? CLI_FAILED : CLI_OK;
}

int cli_get_each(int argc, char **argv, const char *noun, cli_fetch_fn *fetch) {
    return cli_get_each_in(argc, argv, noun, fetch, 0);
}

int cli_get_each_in(int argc, char **argv, const char *noun, cli_fetch_fn *fetch, unsigned rooms) {
    char usage[96];
    snprintf(usage, sizeof usage, "finbridge %s get --db PATH ID...", noun);
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, usage, &o)) return CLI_ERROR;
    if (o.n_positional == 0) {
        fprintf(stderr, "finbridge: %s get needs at least one ID\n", noun);
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | rooms);
    if (!book) return CLI_ERROR;
    int status = CLI_OK;
    for (int i = 0; i < o.n_positional; i++) {
        json_t *j = NULL;
        int rc = fetch(book, o.positional[i], &j);
        if (rc == FB_OK) {
            cli_print_json(stdout, j);
        } else {
            fprintf(stderr, "finbridge: no %s %s\n", noun, o.positional[i]);
            status = rc == FB_ENOTFOUND ? CLI_FAILED : CLI_ERROR;
        }
    }
    fb_book_close(book);
    return status;
}

int cli_list_pages(int argc, char **argv, const char *noun, size_t row_size, cli_page_fn *page,
                   cli_encode_fn *encode) {
    FB_ASSERT(noun != NULL && page != NULL && encode != NULL);
    FB_ASSERT(row_size > 0);
    static const char *const extra[] = {"--after", "--limit", NULL};
    char usage[96];
    snprintf(usage, sizeof usage, "finbridge %s list --db PATH [--after ID] [--limit N]", noun);
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    int64_t limit = FB_PAGE_MAX;
    if (o.extra[1] && !cli_int_option("--limit", o.extra[1], 1, FB_PAGE_MAX, &limit)) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY);
    if (!book) return CLI_ERROR;
    char *rows = calloc((size_t)limit, row_size);
    size_t n = 0;
    int rc = rows ? page(book, o.extra[0], rows, (size_t)limit, &n) : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        cli_print_json(stdout, encode(rows + i * row_size));
    if (rc) fprintf(stderr, "finbridge: %s list: %s\n", noun, fb_book_errmsg(book));
    free(rows);
    fb_book_close(book);
    return rc ? CLI_ERROR : CLI_OK;
}
