/* events.c — streams JSON Lines events into the ledger in batches of at most FB_BATCH_MAX.
 *
 * Each input line becomes a slot: a decoded event, or an error naming the field. A batch is one
 * transaction. A batch never splits a linked chain (the open chain moves to the next batch), and
 * a chain with an undecodable member fails whole, so that no part of it is written. Results are
 * printed in input order once their batch is durable.
 *
 * A pipeline of three stages over a ring of batches ("jobs"): a reader thread reads and decodes
 * the next batch, the calling thread submits the current one to the ledger (its SQLite work and
 * its commit), and a writer thread formats and writes the results of the one before. A job
 * passes reader -> submitter -> writer -> reader, in order; a job's results are written only
 * after its batch is durable; the first batch that cannot be written stops all three, after the
 * results of the batches before it are written. Without a file descriptor to read, or with
 * FINBRIDGE_PIPELINE=off, the same three stages run one after another on the calling thread. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "cli/lines.h"
#include "core/assert.h"

/* Slots held at once: a full batch of events plus as many rejected lines. Jobs in the ring: one
 * being read, one being submitted, one being written. */
enum { SLOT_MAX = 2 * FB_BATCH_MAX, RING = 3, OUT_CAP = 1 << 20 };

typedef struct {
    uint64_t line;
    bool valid;
    bool linked;
    bool chain_failed; /* valid, but its chain has an invalid member */
    char id[FB_ID_MAX + 1];
    fb_json_error err;
    int32_t event; /* index into the events array, when valid */
} slot;

/* One batch on its way through the stages. */
typedef struct {
    int kind;
    slot *slots;
    size_t n_slots;       /* held while reading */
    size_t n_batch;       /* once read: the slots of the batch, slots[0..n_batch) */
    fb_account *accounts; /* decoded events, by slot */
    fb_transfer *transfers;
    size_t n_events;
    fb_account *sub_accounts; /* the events submitted, compacted */
    fb_transfer *sub_transfers;
    int32_t *sub_of; /* slot -> submitted index, or -1 */
    fb_result *results;
    int64_t *timestamps;
    int64_t *amounts;
} job;

typedef struct {
    fb_ledger *l;
    int kind;
    FILE *in, *out;
    job ring[RING];
    char *line; /* the reader's line */
    cli_lines lines;
    bool piped; /* read by cli_lines on the reader thread */
    /* The writer's: its output buffer, and whether any line failed. */
    char *outbuf;
    size_t out_len;
    bool any_failed;
    /* The pipeline: jobs read, submitted and written so far, and how each stage ended. */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t n_read, n_submitted, n_written;
    bool read_end, submit_end;
    int read_rc, read_errno, submit_rc;
    int wake[2]; /* written to stop the reader */
    char submit_err[1024];
} batcher;

/* ---- Reading: lines into slots ------------------------------------------------------------ */

static void take_line(job *j, uint64_t line_no, const char *text, size_t len, const char *fault) {
    slot *s = &j->slots[j->n_slots++];
    s->line = line_no;
    s->valid = s->linked = s->chain_failed = false;
    s->id[0] = '\0';
    s->err.field[0] = s->err.reason[0] = '\0';
    s->event = -1;
    if (fault[0]) {
        snprintf(s->err.reason, sizeof s->err.reason, "line %s", fault);
        return;
    }
    int rc;
    const char *id;
    if (j->kind == EVENTS_ACCOUNTS) {
        fb_account *a = &j->accounts[j->n_events];
        rc = fb_json_decode_account(text, len, a, &s->linked, &s->err);
        id = a->id;
    } else {
        fb_transfer *t = &j->transfers[j->n_events];
        rc = fb_json_decode_transfer(text, len, t, &s->linked, &s->err);
        id = t->id;
    }
    size_t n = strnlen(id, FB_ID_MAX);
    memcpy(s->id, id, n);
    s->id[n] = '\0';
    if (rc == FB_OK) {
        s->valid = true;
        s->event = (int32_t)j->n_events++;
    }
}

/* Where the batch of a full job ends: an open chain at its end waits for the next batch, unless
 * it fills the whole batch. */
static size_t batch_end(const job *j) {
    size_t n = j->n_slots, start = n;
    while (start > 0 && j->slots[start - 1].linked)
        start--;
    return start < n && start > 0 ? start : n;
}

/* Moves the slots after the batch of `from` (and their events) to the front of `to`. */
static void carry(job *from, job *to) {
    to->n_slots = to->n_events = to->n_batch = 0;
    for (size_t i = from->n_batch; i < from->n_slots; i++) {
        slot s = from->slots[i];
        if (s.valid) {
            if (from->kind == EVENTS_ACCOUNTS) {
                to->accounts[to->n_events] = from->accounts[s.event];
            } else {
                to->transfers[to->n_events] = from->transfers[s.event];
            }
            s.event = (int32_t)to->n_events++;
        }
        to->slots[to->n_slots++] = s;
    }
}

static bool job_full(const job *j) { return j->n_events >= FB_BATCH_MAX || j->n_slots == SLOT_MAX; }

/* Waits until job number k may be filled (the job RING before it is written). False when the
 * submitter stopped. */
static bool acquire(batcher *b, size_t k) {
    if (!b->piped) return true;
    pthread_mutex_lock(&b->mu);
    while (k >= b->n_written + RING && !b->submit_end)
        pthread_cond_wait(&b->cv, &b->mu);
    bool ok = !b->submit_end;
    pthread_mutex_unlock(&b->mu);
    return ok;
}

static long next_line(batcher *b, char *fault) {
    if (b->piped) return cli_lines_next(&b->lines, b->line, FB_LINE_MAX + 1, fault, CLI_FAULT_MAX);
    return cli_read_line(b->in, b->line, FB_LINE_MAX + 1, fault, CLI_FAULT_MAX);
}

/* Reads job number k (its front carried from the one before) until its batch is full or the
 * input ends; a full one carries what waits into job k + 1. Sets n_batch (0: nothing to submit)
 * and *end at the end of input. Returns FB_OK, FB_EIO (reading failed) or FB_EBUSY (stopped). */
static int read_job(batcher *b, size_t k, uint64_t *line_no, bool *end) {
    job *j = &b->ring[k % RING];
    char fault[CLI_FAULT_MAX];
    for (;;) {
        if (job_full(j)) {
            j->n_batch = batch_end(j);
            if (!acquire(b, k + 1)) return FB_EBUSY;
            carry(j, &b->ring[(k + 1) % RING]);
            return FB_OK;
        }
        long len = next_line(b, fault);
        if (len == CLI_LINES_END) break;
        if (len == CLI_LINES_STOPPED) return FB_EBUSY;
        if (len < 0) {
            b->read_errno = b->piped ? b->lines.err : 0;
            return FB_EIO;
        }
        ++*line_no;
        if (!fault[0] && cli_blank(b->line, (size_t)len)) continue;
        take_line(j, *line_no, b->line, (size_t)len, fault);
    }
    j->n_batch = j->n_slots;
    *end = true;
    return FB_OK;
}

/* ---- Submitting: a batch into the ledger -------------------------------------------------- */

/* Marks every valid member of a chain that holds an invalid line. */
static void fail_broken_chains(job *j, size_t n) {
    size_t start = 0;
    while (start < n) {
        size_t end = start;
        bool broken = !j->slots[start].valid;
        while (end + 1 < n && j->slots[end].linked) {
            end++;
            if (!j->slots[end].valid) broken = true;
        }
        for (size_t i = start; i <= end; i++)
            j->slots[i].chain_failed = broken && j->slots[i].valid;
        start = end + 1;
    }
}

/* What the batch being committed did, for its audit entry (cli/audit.h): its lines, and their
 * results by name. */
static void describe_batch(void *ctx, char *buf, size_t cap) {
    const job *j = ctx;
    cli_tally t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < j->n_batch; i++) {
        const slot *s = &j->slots[i];
        cli_tally_add(&t, !s->valid         ? "invalid"
                          : s->chain_failed ? "linked_event_failed"
                                            : fb_result_name(j->results[j->sub_of[i]]));
    }
    char counts[512];
    cli_tally_format(&t, counts, sizeof counts);
    snprintf(buf, cap, "%s of lines %llu-%llu: %s",
             j->kind == EVENTS_ACCOUNTS ? "accounts" : "transfers",
             (unsigned long long)j->slots[0].line,
             (unsigned long long)j->slots[j->n_batch - 1].line, counts);
}

/* Submits the batch of job j; on failure the message is kept for the end, when the results of
 * the batches before it are written. */
static int submit(batcher *b, job *j) {
    size_t n = j->n_batch;
    FB_ASSERT(n > 0 && n <= j->n_slots);
    fail_broken_chains(j, n);
    /* When every line of the batch is submitted, in order, its events are submitted where they
     * are; otherwise the submitted ones are copied together. */
    bool whole = true;
    for (size_t i = 0; whole && i < n; i++)
        whole = j->slots[i].valid && !j->slots[i].chain_failed && j->slots[i].event == (int32_t)i;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        slot *s = &j->slots[i];
        j->sub_of[i] = -1;
        if (!s->valid || s->chain_failed) continue;
        if (whole) { /* submitted where it is */
        } else if (j->kind == EVENTS_ACCOUNTS) {
            j->sub_accounts[k] = j->accounts[s->event];
        } else {
            j->sub_transfers[k] = j->transfers[s->event];
        }
        j->sub_of[i] = (int32_t)k++;
    }
    FB_ASSERT(k <= FB_BATCH_MAX && (!whole || k == n));
    cli_audit_describe(describe_batch, j);
    const fb_account *accounts = whole ? j->accounts : j->sub_accounts;
    const fb_transfer *transfers = whole ? j->transfers : j->sub_transfers;
    int rc =
        j->kind == EVENTS_ACCOUNTS
            ? fb_ledger_create_accounts(b->l, accounts, k, j->results, j->timestamps)
            : fb_ledger_create_transfers(b->l, transfers, k, j->results, j->timestamps, j->amounts);
    cli_audit_describe(NULL, NULL);
    if (rc) {
        snprintf(b->submit_err, sizeof b->submit_err,
                 "finbridge: batch of lines %llu..%llu not written: %s\n",
                 (unsigned long long)j->slots[0].line, (unsigned long long)j->slots[n - 1].line,
                 fb_ledger_errmsg(b->l));
    }
    return rc;
}

/* ---- Writing: the results of a durable batch ---------------------------------------------- */

static void emit(batcher *b, const char *s, size_t n) {
    if (n > OUT_CAP - b->out_len) {
        fwrite(b->outbuf, 1, b->out_len, b->out);
        b->out_len = 0;
    }
    if (n > OUT_CAP) {
        fwrite(s, 1, n, b->out);
        return;
    }
    memcpy(b->outbuf + b->out_len, s, n);
    b->out_len += n;
}

/* A result line built as an object (an invalid line, a failed chain, or an id that needs
 * escaping), dumped as cli_print_json dumps it. */
static void emit_json(batcher *b, json_t *o) {
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (!o) fprintf(stderr, "finbridge: out of memory\n");
    if (s) {
        emit(b, s, strlen(s));
        emit(b, "\n", 1);
        free(s);
    }
    json_decref(o);
}

static void write_slot(batcher *b, const job *j, const slot *s) {
    bool transfer = j->kind == EVENTS_TRANSFERS;
    if (s->valid && !s->chain_failed && s->id[0]) {
        int32_t k = j->sub_of[s - j->slots];
        FB_ASSERT(k >= 0);
        fb_result r = j->results[k];
        if (r != FB_RESULT_CREATED && r != FB_RESULT_EXISTS) b->any_failed = true;
        char text[FB_EVENT_LINE_MAX];
        size_t n = fb_json_event_line(text, sizeof text, s->line, s->id, r, j->timestamps[k],
                                      j->amounts[k], transfer);
        emit(b, text, n);
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
        int32_t k = j->sub_of[s - j->slots];
        FB_ASSERT(k >= 0);
        if (fb_json_event_result(o, s->id, j->results[k], j->timestamps[k], j->amounts[k],
                                 transfer) == FB_JSON_REFUSED) {
            b->any_failed = true;
        }
    }
    emit_json(b, o);
}

static void write_job(batcher *b, const job *j) {
    for (size_t i = 0; i < j->n_batch; i++)
        write_slot(b, j, &j->slots[i]);
    fwrite(b->outbuf, 1, b->out_len, b->out);
    b->out_len = 0;
    fflush(b->out);
}

/* ---- The stages, one after another or as a pipeline --------------------------------------- */

static int run_in_turn(batcher *b) {
    uint64_t line_no = 0;
    bool end = false;
    for (size_t k = 0; !end; k++) {
        int rc = read_job(b, k, &line_no, &end);
        if (rc) return rc;
        job *j = &b->ring[k % RING];
        if (j->n_batch == 0) break;
        rc = submit(b, j);
        if (rc) return rc;
        write_job(b, j);
        b->n_written = k + 1;
    }
    return FB_OK;
}

static void *reader_main(void *arg) {
    batcher *b = arg;
    uint64_t line_no = 0;
    bool end = false;
    for (size_t k = 0; !end;) {
        int rc = read_job(b, k, &line_no, &end);
        pthread_mutex_lock(&b->mu);
        if (rc == FB_OK && b->ring[k % RING].n_batch > 0) b->n_read = ++k;
        if (rc || end) {
            b->read_rc = rc;
            b->read_end = true;
            end = true;
        }
        pthread_cond_broadcast(&b->cv);
        pthread_mutex_unlock(&b->mu);
    }
    return NULL;
}

static void *writer_main(void *arg) {
    batcher *b = arg;
    for (size_t k = 0;; k++) {
        pthread_mutex_lock(&b->mu);
        while (k >= b->n_submitted && !b->submit_end)
            pthread_cond_wait(&b->cv, &b->mu);
        bool have = k < b->n_submitted;
        pthread_mutex_unlock(&b->mu);
        if (!have) break;
        write_job(b, &b->ring[k % RING]);
        pthread_mutex_lock(&b->mu);
        b->n_written = k + 1;
        pthread_cond_broadcast(&b->cv);
        pthread_mutex_unlock(&b->mu);
    }
    return NULL;
}

/* The submitter, on the calling thread, between the reader and the writer. */
static int submit_each(batcher *b) {
    int rc = FB_OK;
    for (size_t k = 0; rc == FB_OK; k++) {
        pthread_mutex_lock(&b->mu);
        while (k >= b->n_read && !b->read_end)
            pthread_cond_wait(&b->cv, &b->mu);
        bool have = k < b->n_read;
        pthread_mutex_unlock(&b->mu);
        if (!have) break;
        rc = submit(b, &b->ring[k % RING]);
        pthread_mutex_lock(&b->mu);
        if (rc == FB_OK) b->n_submitted = k + 1;
        pthread_cond_broadcast(&b->cv);
        pthread_mutex_unlock(&b->mu);
    }
    pthread_mutex_lock(&b->mu);
    b->submit_end = true;
    b->submit_rc = rc;
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
    return rc;
}

/* Wakes the reader where it waits for input (it stops at its next wait for a job anyway). */
static void stop_reader(batcher *b) {
    ssize_t w;
    do {
        w = write(b->wake[1], "x", 1);
    } while (w < 0 && errno == EINTR);
}

static int run_piped(batcher *b) {
    pthread_t reader, writer;
    json_object_seed(0); /* jansson's hash seed, set once before its objects are made on threads */
    if (pthread_create(&reader, NULL, reader_main, b) != 0) return FB_ENOMEM;
    if (pthread_create(&writer, NULL, writer_main, b) != 0) {
        pthread_mutex_lock(&b->mu);
        b->submit_end = true; /* the reader stops at its next wait */
        pthread_cond_broadcast(&b->cv);
        pthread_mutex_unlock(&b->mu);
        stop_reader(b);
        pthread_join(reader, NULL);
        return FB_ENOMEM;
    }
    int rc = submit_each(b);
    if (rc) stop_reader(b);
    pthread_join(writer, NULL);
    pthread_join(reader, NULL);
    if (rc) return rc;
    return b->read_rc == FB_EBUSY ? FB_OK : b->read_rc;
}

/* ---- Set-up ------------------------------------------------------------------------------- */

static bool alloc_job(job *j, int kind) {
    j->kind = kind;
    j->slots = calloc(SLOT_MAX, sizeof *j->slots);
    j->sub_of = calloc(SLOT_MAX, sizeof *j->sub_of);
    j->results = calloc(FB_BATCH_MAX, sizeof *j->results);
    j->timestamps = calloc(FB_BATCH_MAX, sizeof *j->timestamps);
    j->amounts = calloc(FB_BATCH_MAX, sizeof *j->amounts);
    if (kind == EVENTS_ACCOUNTS) {
        j->accounts = calloc(FB_BATCH_MAX + 1, sizeof *j->accounts);
        j->sub_accounts = calloc(FB_BATCH_MAX, sizeof *j->sub_accounts);
    } else {
        j->transfers = calloc(FB_BATCH_MAX + 1, sizeof *j->transfers);
        j->sub_transfers = calloc(FB_BATCH_MAX, sizeof *j->sub_transfers);
    }
    return j->slots && j->sub_of && j->results && j->timestamps && j->amounts &&
           (j->accounts || j->transfers) && (j->sub_accounts || j->sub_transfers);
}

static void free_job(job *j) {
    free(j->slots);
    free(j->sub_of);
    free(j->results);
    free(j->timestamps);
    free(j->amounts);
    free(j->accounts);
    free(j->sub_accounts);
    free(j->transfers);
    free(j->sub_transfers);
}

/* Whether to run the stages on threads: when the input is a descriptor and not turned off. */
static bool want_pipeline(FILE *in) {
    const char *env = getenv("FINBRIDGE_PIPELINE");
    if (env && strcmp(env, "off") == 0) return false;
    return fileno(in) >= 0;
}

static int setup(batcher *b) {
    b->line = malloc(FB_LINE_MAX + 1);
    b->outbuf = malloc(OUT_CAP);
    bool ok = b->line && b->outbuf;
    for (int i = 0; i < RING; i++)
        ok = alloc_job(&b->ring[i], b->kind) && ok;
    if (!ok) return FB_ENOMEM;
    b->wake[0] = b->wake[1] = -1;
    b->piped = want_pipeline(b->in);
    if (b->piped && pipe(b->wake) != 0) b->piped = false;
    if (b->piped && !cli_lines_open(&b->lines, fileno(b->in), b->wake[0])) return FB_ENOMEM;
    if (b->piped) {
        pthread_mutex_init(&b->mu, NULL);
        pthread_cond_init(&b->cv, NULL);
    }
    return FB_OK;
}

static void teardown(batcher *b) {
    if (b->piped) {
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->cv);
    }
    cli_lines_close(&b->lines);
    for (int i = 0; i < 2; i++) {
        if (b->wake[i] >= 0) close(b->wake[i]);
    }
    for (int i = 0; i < RING; i++)
        free_job(&b->ring[i]);
    free(b->line);
    free(b->outbuf);
}

int cli_create_events(fb_ledger *l, int kind, FILE *in, FILE *out) {
    batcher b;
    memset(&b, 0, sizeof b);
    b.l = l;
    b.kind = kind;
    b.in = in;
    b.out = out;
    b.wake[0] = b.wake[1] = -1;
    int rc = setup(&b);
    if (rc == FB_OK) rc = b.piped ? run_piped(&b) : run_in_turn(&b);
    if (b.submit_err[0]) {
        fputs(b.submit_err, stderr);
    } else if (rc == FB_EIO && b.piped) {
        fprintf(stderr, "finbridge: reading the input: %s\n", FB_ERRNO_TEXT(b.read_errno));
    }
    if (rc == FB_ENOMEM) fprintf(stderr, "finbridge: out of memory\n");
    teardown(&b);
    if (rc) return CLI_ERROR;
    return b.any_failed ? CLI_FAILED : CLI_OK;
}
