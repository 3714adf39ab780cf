/* audit.c — the command line's audit of its writes (audit.h): one mechanism for every write
 * command, through the book's commit hook (fb_audit_each_commit), so that no command appends an
 * entry of its own and none can forget to. A process runs one command: its state is here. */
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "core/assert.h"

static struct {
    bool started;
    char actor[FB_USER_NAME_MAX + 8];
    char operation[FB_AUDIT_FIELD_MAX + 1];
    char request_id[40];
    char db[4096];
    bool attached;         /* a book was opened for writing */
    uint64_t commits;      /* entries its commits appended */
    int32_t business_date; /* as the last commit left it */
    cli_audit_describe_fn *describe;
    void *describe_ctx;
    char outcome[FB_AUDIT_FIELD_MAX + 1];
    char last_error[512]; /* the book's last failure, as it closed */
} A;

/* Options whose value is never written down (none takes one today: passwords come from a
 * prompt or stdin; this keeps a mistaken one out of the log). */
static bool secret(const char *option) {
    static const char *const names[] = {"--password", "--token", "--secret", "--key", NULL};
    for (int i = 0; names[i]; i++) {
        if (strcmp(option, names[i]) == 0) return true;
    }
    return false;
}

static void append_word(const char *w) {
    size_t at = strlen(A.operation);
    bool quote = !w[0] || strpbrk(w, " \t'\"") != NULL;
    snprintf(A.operation + at, sizeof A.operation - at, "%s%s%s%s", at ? " " : "", quote ? "'" : "",
             w, quote ? "'" : "");
}

void cli_audit_start(int argc, char **argv) {
    FB_ASSERT(argc >= 0 && (argv != NULL || argc == 0));
    memset(&A, 0, sizeof A);
    A.started = true;
    struct passwd entry, *pw = NULL;
    char lines[1024]; /* getpwuid_r: getpwuid's entry is shared by all threads */
    if (getpwuid_r(geteuid(), &entry, lines, sizeof lines, &pw) != 0) pw = NULL;
    if (pw && pw->pw_name && pw->pw_name[0]) {
        snprintf(A.actor, sizeof A.actor, "os:%.*s", FB_USER_NAME_MAX, pw->pw_name);
    } else {
        snprintf(A.actor, sizeof A.actor, "os:uid%lu", (unsigned long)geteuid());
    }
    uint8_t raw[8];
    randombytes_buf(raw, sizeof raw);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    snprintf(A.request_id, sizeof A.request_id, "cli-%s", hex);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            i++; /* the book is the log's own */
        } else if (secret(argv[i]) && i + 1 < argc) {
            append_word(argv[i]);
            append_word("***");
            i++;
        } else {
            append_word(argv[i]);
        }
    }
}

const char *cli_audit_actor(void) { return A.actor[0] ? A.actor : "os:unknown"; }

/* The entry of a commit: the command, and what the command says the commit did. */
static void fill(void *ctx, const fb_audit_unit *unit, fb_audit_entry *e) {
    (void)ctx;
    char what[FB_AUDIT_FIELD_MAX + 1] = "committed";
    if (A.describe) A.describe(A.describe_ctx, what, sizeof what);
    size_t n = (size_t)snprintf(A.outcome, sizeof A.outcome, "%s", what);
    if (unit->business_date != A.business_date && n < sizeof A.outcome) {
        char date[11];
        snprintf(A.outcome + n, sizeof A.outcome - n, "; the business date is now %s",
                 fb_date_format(unit->business_date, date));
    }
    A.business_date = unit->business_date;
    A.commits++;
    *e = (fb_audit_entry){A.actor, FB_CHANNEL_CLI, A.operation, A.request_id,
                          0,       FB_AUDIT_OK,    A.outcome};
}

static void closing(void *ctx, const char *last_errmsg) {
    (void)ctx;
    snprintf(A.last_error, sizeof A.last_error, "%s", last_errmsg);
}

void cli_audit_attach(fb_book *book, const char *db) {
    FB_ASSERT(book != NULL && db != NULL);
    if (!A.started) return; /* a test harness, not the command */
    snprintf(A.db, sizeof A.db, "%s", db);
    A.attached = true;
    int32_t open = 0;
    if (fb_business_date(book, &open) == FB_OK) A.business_date = open;
    fb_audit_each_commit(book, fill, closing, NULL);
}

void cli_audit_refused(const char *db, const char *why) {
    FB_ASSERT(db != NULL && why != NULL);
    if (!A.started) return;
    snprintf(A.db, sizeof A.db, "%s", db);
    A.attached = true;
    snprintf(A.last_error, sizeof A.last_error, "%s", why);
}

void cli_audit_describe(cli_audit_describe_fn *fn, void *ctx) {
    A.describe = fn;
    A.describe_ctx = ctx;
}

/* The last entry: written in a unit of its own on the book opened again. */
static void final_fill(void *ctx, const fb_audit_unit *unit, fb_audit_entry *e) {
    int status = *(const int *)ctx;
    (void)unit;
    const char *result = status == CLI_OK       ? FB_AUDIT_OK
                         : status == CLI_FAILED ? FB_AUDIT_REFUSED
                                                : FB_AUDIT_FAILED;
    const char *word = status == CLI_FAILED ? "refused" : "failed", *why = A.last_error;
    if (status == CLI_OK) {
        snprintf(A.outcome, sizeof A.outcome, "done; no change written");
    } else if (A.commits == 0) {
        snprintf(A.outcome, sizeof A.outcome, "%s (exit status %d)%s%s; nothing written", word,
                 status, why[0] ? ": " : "", why);
    } else {
        snprintf(A.outcome, sizeof A.outcome, "%s (exit status %d) after %llu commits%s%s", word,
                 status, (unsigned long long)A.commits, why[0] ? ": " : "", why);
    }
    *e = (fb_audit_entry){A.actor, FB_CHANNEL_CLI, A.operation, A.request_id,
                          status,  result,         A.outcome};
}

int cli_audit_finish(int status) {
    if (!A.attached || (A.commits > 0 && status != CLI_ERROR)) return status;
    fb_book *book = NULL;
    char err[768];
    int rc = fb_book_open(A.db, FB_OPEN_LEDGER, &book, err, sizeof err);
    if (rc == FB_OK) {
        fb_audit_each_commit(book, final_fill, NULL, &status);
        rc = fb_book_begin(book);
        if (rc == FB_OK) rc = fb_book_commit(book);
        if (rc) snprintf(err, sizeof err, "%s", fb_book_errmsg(book));
        fb_book_close(book);
    }
    if (rc) fprintf(stderr, "finbridge: the audit log could not record this command: %s\n", err);
    return status;
}

void cli_tally_add(cli_tally *t, const char *name) {
    FB_ASSERT(t != NULL && name != NULL);
    for (int i = 0; i < CLI_TALLY_NAMES; i++) {
        if (!t->name[i][0]) snprintf(t->name[i], sizeof t->name[i], "%s", name);
        if (strncmp(t->name[i], name, sizeof t->name[i] - 1) == 0) {
            t->count[i]++;
            return;
        }
    }
    t->other++;
}

void cli_tally_format(const cli_tally *t, char *buf, size_t cap) {
    FB_ASSERT(t != NULL && buf != NULL && cap > 0);
    size_t at = 0;
    buf[0] = 0;
    for (int i = 0; i < CLI_TALLY_NAMES && t->name[i][0] && at < cap; i++) {
        at += (size_t)snprintf(buf + at, cap - at, "%s%zu %s", at ? ", " : "", t->count[i],
                               t->name[i]);
    }
    if (t->other && at < cap) snprintf(buf + at, cap - at, ", %zu other", t->other);
}
