/* cmd_audit.c — `finbridge audit head|list`: what an auditor reads of the audit log, read-only.
 * `head` prints the line to keep (the last entry's sequence number and MAC) after checking the
 * chain; `verify --audit-head FILE` later proves nothing up to it changed or was cut off. */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/audit.h"
#include "cli/cli.h"

/* A whole number from lo to hi in text, or false with the problem said. */
static bool whole(const char *name, const char *text, long long lo, long long hi, long long *out) {
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi) {
        fprintf(stderr, "finbridge: %s must be a whole number from %lld to %lld\n", name, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static json_t *entry_json(const fb_audit_record *e) {
    json_t *o = json_object();
    char at[24], when[32], value[65];
    snprintf(at, sizeof at, "%lld", (long long)e->at_ns);
    time_t secs = (time_t)(e->at_ns / 1000000000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sodium_bin2hex(value, sizeof value, e->value, 32);
    json_object_set_new(o, "seq", json_integer(e->seq));
    json_object_set_new(o, "at", json_string(at));
    json_object_set_new(o, "time", json_string(when));
    json_object_set_new(o, "actor", json_string(e->actor));
    json_object_set_new(o, "channel", json_string(e->channel));
    json_object_set_new(o, "operation", json_string(e->operation));
    json_object_set_new(o, "request_id", json_string(e->request_id));
    json_object_set_new(o, "status", json_integer(e->status));
    json_object_set_new(o, "result", json_string(e->result));
    json_object_set_new(o, "outcome", json_string(e->outcome));
    json_object_set_new(o, "alg", json_string(e->keyed ? "hmac-sha256" : "sha256"));
    json_object_set_new(o, "value", json_string(value));
    return o;
}

static int audit_list(int argc, char **argv) {
    static const char *const extra[] = {"--from", "--limit", NULL};
    const char *usage = "finbridge audit list --db PATH [--from SEQ] [--limit N]";
    cli_opts o;
    if (!cli_parse_extra(argc, argv, OPT_DB, extra, usage, &o)) return CLI_ERROR;
    long long from = 1, limit = 100;
    if (o.n_positional) {
        fprintf(stderr, "finbridge: usage: %s\n", usage);
        return CLI_ERROR;
    }
    if ((o.extra[0] && !whole("--from", o.extra[0], 1, INT64_MAX, &from)) ||
        (o.extra[1] && !whole("--limit", o.extra[1], 1, FB_AUDIT_LIST_MAX, &limit))) {
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    enum { PAGE = 64 };
    fb_audit_record *page = calloc(PAGE, sizeof *page);
    int rc = page ? FB_OK : FB_ENOMEM;
    for (long long shown = 0; rc == FB_OK && shown < limit;) {
        size_t n = 0, want = (size_t)(limit - shown < PAGE ? limit - shown : PAGE);
        rc = fb_audit_list(book, from, page, want, &n);
        for (size_t i = 0; rc == FB_OK && i < n; i++)
            cli_print_json(stdout, entry_json(&page[i]));
        if (rc || n < want) break;
        shown += (long long)n;
        from = page[n - 1].seq + 1;
    }
    free(page);
    if (rc) fprintf(stderr, "finbridge: audit list: %s\n", fb_book_errmsg(book));
    fb_book_close(book);
    return rc ? CLI_ERROR : CLI_OK;
}

static int audit_head(int argc, char **argv) {
    cli_opts o;
    if (!cli_parse(argc, argv, OPT_DB, "finbridge audit head --db PATH", &o)) return CLI_ERROR;
    if (o.n_positional) {
        fprintf(stderr, "finbridge: audit head takes no arguments besides --db\n");
        return CLI_ERROR;
    }
    fb_book *book = cli_open(&o, FB_OPEN_READONLY | FB_OPEN_LEDGER);
    if (!book) return CLI_ERROR;
    fb_audit_head h;
    int rc = fb_audit_head_get(book, &h);
    if (rc == FB_OK) {
        char line[FB_AUDIT_HEAD_LINE];
        printf("%s\n", fb_audit_head_format(&h, line, sizeof line));
    } else {
        fprintf(stderr, "finbridge: audit head: %s\n", fb_book_errmsg(book));
    }
    fb_book_close(book);
    return rc == FB_OK ? CLI_OK : rc == FB_ECORRUPT ? CLI_FAILED : CLI_ERROR;
}

int cmd_audit(int argc, char **argv) {
    if (argc >= 1 && strcmp(argv[0], "head") == 0) return audit_head(argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "list") == 0) return audit_list(argc - 1, argv + 1);
    fprintf(stderr, "finbridge: usage: finbridge audit head --db PATH\n"
                    "       finbridge audit list --db PATH [--from SEQ] [--limit N]\n");
    return CLI_ERROR;
}
