/* audit.c — the audit log of every write, from either door: its key, kept in a file outside the
 * book; appending an entry chained by HMAC-SHA256; a hook that audits every commit of a handle
 * (the command line's); listing, the head an auditor keeps, and checking the chain against it.
 *
 * The key file holds 64 hex digits and a newline, mode 0600. It is created by the book's first
 * keyed append (atomically: written aside, then linked into place, so that two processes keying
 * at once end with one key) and read by every later append and by verify. A book whose log is
 * keyed refuses writes when its key is missing or is another book's: nothing is written
 * unaudited. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book/book_internal.h"
#include "core/assert.h"

const char *fb_audit_channel_name(fb_audit_channel c) {
    return c == FB_CHANNEL_CLI ? "cli" : "api";
}

void fb__audit_init(fb_book *book, const char *path) {
    FB_ASSERT(book != NULL && path != NULL);
    fb__audit_state *a = &book->audit;
    memset(a, 0, sizeof *a);
    snprintf(a->book_path, sizeof a->book_path, "%s", path);
    a->in_memory = path[0] == 0 || strcmp(path, ":memory:") == 0;
}

void fb__audit_close(fb_book *book) {
    FB_ASSERT(book != NULL);
    if (book->audit.closing) book->audit.closing(book->audit.fill_ctx, book->errmsg);
    if (book->store && book->audit.fill) fb__store_before_commit(book->store, NULL, NULL);
    sodium_memzero(book->audit.key, sizeof book->audit.key);
    book->audit.key_loaded = false;
}

void fb_audit_key_file_set(fb_book *book, const char *path) {
    FB_ASSERT(book != NULL && path != NULL);
    snprintf(book->audit.key_path, sizeof book->audit.key_path, "%s", path);
    sodium_memzero(book->audit.key, sizeof book->audit.key);
    book->audit.key_loaded = false;
}

/* A book on a database server (a postgresql:// URI) has no file beside which to keep its key. */
static bool on_server(const fb__audit_state *a) {
    return strncmp(a->book_path, "postgresql://", 13) == 0 ||
           strncmp(a->book_path, "postgres://", 11) == 0;
}

const char *fb_audit_key_file(const fb_book *book) {
    FB_ASSERT(book != NULL);
    fb__audit_state *a = (fb__audit_state *)&book->audit;
    if (!a->key_path[0]) {
        const char *env = getenv("FINBRIDGE_AUDIT_KEY");
        if (env && env[0]) {
            snprintf(a->key_path, sizeof a->key_path, "%s", env);
        } else if (on_server(a)) {
            return "(none named: FINBRIDGE_AUDIT_KEY)";
        } else {
            snprintf(a->key_path, sizeof a->key_path, "%.4080s.audit-key", a->book_path);
        }
    }
    return a->in_memory ? "(in memory)" : a->key_path;
}

/* ---- The key file ------------------------------------------------------------------------- */

/* Reads the key file. FB_ENOTFOUND when it does not exist; FB_EINVAL when it is not a key file
 * of ours or others may read it (errmsg says which). */
static int key_read(fb_book *book) {
    const char *path = fb_audit_key_file(book);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return FB_ENOTFOUND;
        return fb__book_refuse(book, FB_EIO, "the audit key %s cannot be read: %s", path,
                               FB_ERRNO_TEXT(errno));
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return fb__book_refuse(book, FB_EINVAL, "the audit key %s is not a regular file", path);
    }
    if (sb.st_mode & 077) {
        close(fd);
        return fb__book_refuse(book, FB_EINVAL,
                               "the audit key %s may be read by others (mode %03o): chmod 600 it",
                               path, (unsigned)(sb.st_mode & 0777));
    }
    char text[80];
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    size_t bin_len = 0;
    if (n >= 64) text[n] = 0;
    if (n < 64 || (n > 64 && strcmp(text + 64, "\n") != 0) ||
        sodium_hex2bin(book->audit.key, 32, text, 64, NULL, &bin_len, NULL) != 0 || bin_len != 32) {
        sodium_memzero(text, sizeof text);
        return fb__book_refuse(
            book, FB_EINVAL, "the audit key %s is not a finbridge audit key (64 hex digits)", path);
    }
    sodium_memzero(text, sizeof text);
    book->audit.key_loaded = true;
    return FB_OK;
}

/* Creates the key file with a new random key, unless another process just did: written to a
 * file of its own first and linked into place, so a reader never sees half a key. */
static int key_create(fb_book *book) {
    const char *path = fb_audit_key_file(book);
    char tmp[FB__PATH_MAX + 64];
    snprintf(tmp, sizeof tmp, "%.4000s.new-%ld-%08x", path, (long)getpid(), randombytes_random());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fb__book_refuse(book, FB_EIO, "cannot create the audit key %s: %s", path,
                               FB_ERRNO_TEXT(errno));
    }
    uint8_t key[32];
    char text[66];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(text, sizeof text, key, sizeof key);
    text[64] = '\n';
    bool ok = write(fd, text, 65) == 65 && fsync(fd) == 0;
    int write_errno = errno;
    close(fd);
    sodium_memzero(key, sizeof key);
    sodium_memzero(text, sizeof text);
    int linked = ok ? link(tmp, path) : -1;
    int link_errno = errno;
    unlink(tmp);
    if (!ok) {
        return fb__book_refuse(book, FB_EIO, "cannot write the audit key %s: %s", path,
                               FB_ERRNO_TEXT(write_errno));
    }
    if (linked != 0 && link_errno != EEXIST) {
        return fb__book_refuse(book, FB_EIO, "cannot create the audit key %s: %s", path,
                               FB_ERRNO_TEXT(link_errno));
    }
    return key_read(book); /* ours, or the one another process linked first */
}

/* Makes the key ready: read, or when create is allowed and there is none, created. */
static int key_ready(fb_book *book, bool create) {
    fb__audit_state *a = &book->audit;
    if (a->key_loaded) return FB_OK;
    if (a->in_memory) {
        randombytes_buf(a->key, sizeof a->key);
        a->key_loaded = true;
        return FB_OK;
    }
    (void)fb_audit_key_file(book); /* FINBRIDGE_AUDIT_KEY, when it names one */
    if (on_server(a) && !a->key_path[0]) {
        return fb__book_refuse(book, FB_EINVAL,
                               "a book on a database server keeps its audit key in a file on this"
                               " host: name it with FINBRIDGE_AUDIT_KEY (the first write creates"
                               " it, mode 0600; every process that writes the book needs it)");
    }
    int rc = key_read(book);
    if (rc == FB_ENOTFOUND && create) return key_create(book);
    if (rc == FB_ENOTFOUND) {
        return fb__book_refuse(book, FB_EIO,
                               "the audit log is keyed and its key %s is missing: restore the key"
                               " file, or name it with FINBRIDGE_AUDIT_KEY",
                               fb_audit_key_file(book));
    }
    return rc;
}

int fb__audit_key_book(fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    if (book->audit.in_memory) return FB_OK; /* keyed by its first append */
    int64_t keyed_from = 0;
    uint8_t id[16];
    int rc = fb__store_audit_keying(book->store, &keyed_from, id);
    if (rc != FB_ENOTFOUND) return rc; /* keyed already: the key is read when first needed */
    rc = fb_book_begin(book);
    if (rc) return rc;
    rc = fb__store_audit_keying(book->store, &keyed_from, id); /* another process may have */
    if (rc == FB_ENOTFOUND) {
        rc = key_ready(book, true);
        if (rc == FB_OK)
            rc = fb__store_audit_key_from_now(book->store, book->audit.key, fb_now_ns());
    }
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

void fb__audit_prepare_verify(fb_book *book) {
    FB_ASSERT(book != NULL && book->store != NULL);
    int rc = key_ready(book, false);
    if (rc == FB_OK) {
        fb__store_audit_key_for_verify(book->store, book->audit.key, NULL);
    } else {
        fb__store_audit_key_for_verify(book->store, NULL, book->errmsg);
    }
}

/* ---- Appending ---------------------------------------------------------------------------- */

/* Copies text into out (FB_AUDIT_FIELD_MAX + 1 bytes) as one line of UTF-8: a byte that is not
 * UTF-8 or a control character becomes '?', and a longer text is cut at a character and ends in
 * "...". */
static const char *clean(const char *text, char *out) {
    enum { CAP = FB_AUDIT_FIELD_MAX + 1 };
    size_t len = strlen(text), n = 0;
    bool cut = len > FB_AUDIT_FIELD_MAX;
    if (cut) len = FB_AUDIT_FIELD_MAX - 3;
    memcpy(out, text, len);
    out[len] = 0;
    while (n < len) {
        size_t at = 0;
        if (fb_text_check(out + n, len - n, &at) == FB_TEXT_OK) break;
        out[n + at] = '?';
        n += at + 1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c < 0x20 || c == 0x7f) out[i] = '?';
    }
    if (cut) {
        size_t kept = fb_text_cut(out, len + 1);
        snprintf(out + kept, CAP - kept, "...");
    }
    FB_ASSERT(strlen(out) <= FB_AUDIT_FIELD_MAX);
    return out;
}

/* Appends e with its MAC inside the open write transaction, keying the log first when it was
 * never keyed. */
static int append_keyed(fb_book *book, const fb_audit_entry *e) {
    FB_ASSERT(e->actor && e->operation && e->request_id && e->result && e->outcome);
    FB_ASSERT(strcmp(e->result, FB_AUDIT_OK) == 0 || strcmp(e->result, FB_AUDIT_REFUSED) == 0 ||
              strcmp(e->result, FB_AUDIT_FAILED) == 0);
    fb_store *s = book->store;
    int64_t keyed_from = 0, now = fb_now_ns();
    uint8_t id[16], mine[16];
    int rc = fb__store_audit_keying(s, &keyed_from, id);
    bool first = rc == FB_ENOTFOUND;
    if (rc && !first) return rc;
    rc = key_ready(book, first);
    if (rc) return rc;
    if (first) {
        rc = fb__store_audit_key_from_now(s, book->audit.key, now);
        if (rc) return rc;
    } else {
        fb__audit_key_id(book->audit.key, mine);
        if (sodium_memcmp(mine, id, 16) != 0) {
            return fb__book_refuse(book, FB_EIO,
                                   "the audit key %s is not this book's (its log was keyed with"
                                   " another key): name the right one with FINBRIDGE_AUDIT_KEY",
                                   fb_audit_key_file(book));
        }
    }
    char f[4][FB_AUDIT_FIELD_MAX + 1];
    fb_audit_entry c = *e;
    c.actor = clean(e->actor, f[0]);
    c.operation = clean(e->operation, f[1]);
    c.request_id = clean(e->request_id, f[2]);
    c.outcome = clean(e->outcome, f[3]);
    return fb__store_audit_append(s, &c, now, book->audit.key);
}

int fb_audit_append(fb_book *book, const fb_audit_entry *e) {
    FB_ASSERT(book != NULL && e != NULL);
    int rc = fb_book_begin(book);
    if (rc) return rc;
    rc = append_keyed(book, e);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

/* The store calls this just before each commit of a handle that audits every commit. */
static int before_commit(void *ctx) {
    fb_book *book = ctx;
    fb__audit_state *a = &book->audit;
    FB_ASSERT(a->fill != NULL);
    fb_audit_unit unit = {a->commits, 0};
    int rc = fb__store_business_date(book->store, &unit.business_date);
    if (rc) return rc;
    fb_audit_entry e;
    memset(&e, 0, sizeof e);
    a->fill(a->fill_ctx, &unit, &e);
    rc = append_keyed(book, &e);
    if (rc == FB_OK) a->commits++;
    return rc;
}

void fb_audit_each_commit(fb_book *book, fb_audit_fill_fn *fill, fb_audit_closing_fn *closing,
                          void *ctx) {
    FB_ASSERT(book != NULL && book->store != NULL);
    book->audit.fill = fill;
    book->audit.closing = fill ? closing : NULL;
    book->audit.fill_ctx = ctx;
    book->audit.commits = 0;
    fb__store_before_commit(book->store, fill ? before_commit : NULL, fill ? book : NULL);
}

/* ---- Reading, the head, checking ---------------------------------------------------------- */

int fb_audit_list(fb_book *book, int64_t from_seq, fb_audit_record *out, size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && out != NULL && n != NULL);
    if (cap > FB_AUDIT_LIST_MAX) cap = FB_AUDIT_LIST_MAX;
    int rc = fb__store_audit_list(book->store, from_seq < 1 ? 1 : from_seq, out, cap, n);
    return rc ? fb__book_refuse(book, rc, "%s", fb__store_errmsg(book->store)) : FB_OK;
}

typedef struct {
    fb_report_fn *report;
    void *ctx;
    uint64_t failures;
    char first[320];
} audit_report;

static void report_failure(void *vctx, const char *line) {
    audit_report *r = vctx;
    if (r->failures++ == 0) snprintf(r->first, sizeof r->first, "%s", line);
    if (r->report && r->failures <= FB_VERIFY_REPORT_MAX) r->report(r->ctx, line);
}

/* Walks the chain with the key (when there is one to read); failures go to r. */
static int walk(fb_book *book, audit_report *r, int64_t *entries) {
    fb__audit_prepare_verify(book);
    int rc = fb__store_begin_read(book->store);
    if (rc == FB_OK) rc = fb__store_audit_verify(book->store, report_failure, r, entries);
    fb__store_rollback(book->store);
    return rc ? fb__book_refuse(book, rc, "%s", fb__store_errmsg(book->store)) : FB_OK;
}

int fb_audit_verify(fb_book *book, fb_report_fn *report, void *ctx, uint64_t *failures) {
    FB_ASSERT(book != NULL && failures != NULL);
    audit_report r = {report, ctx, 0, ""};
    int64_t entries = 0;
    int rc = walk(book, &r, &entries);
    if (rc) return rc;
    if (report) {
        char line[160];
        snprintf(line, sizeof line, "audit: %lld entries: %s (%llu failures)", (long long)entries,
                 r.failures ? "FAILED" : "ok", (unsigned long long)r.failures);
        report(ctx, line);
    }
    *failures = r.failures;
    return FB_OK;
}

int fb_audit_check_head(fb_book *book, const fb_audit_head *head, fb_report_fn *report, void *ctx,
                        uint64_t *failures) {
    FB_ASSERT(book != NULL && head != NULL && failures != NULL);
    audit_report r = {report, ctx, 0, ""};
    fb_audit_record e, last;
    uint8_t id[16], none[16] = {0};
    char line[400];
    int rc = head->seq ? fb__store_audit_entry(book->store, head->seq, &e, id) : FB_ENOTFOUND;
    int last_rc = fb__store_audit_entry(book->store, 0, &last, id);
    if ((rc && rc != FB_ENOTFOUND) || (last_rc && last_rc != FB_ENOTFOUND)) {
        return fb__book_refuse(book, rc ? rc : last_rc, "%s", fb__store_errmsg(book->store));
    }
    long long end = last_rc ? 0LL : (long long)last.seq;
    if (head->seq == 0) {
        snprintf(line, sizeof line, "audit head: the head names no entry; the log ends at %lld",
                 end);
        if (report) report(ctx, line);
    } else if (rc == FB_ENOTFOUND) {
        snprintf(line, sizeof line,
                 "audit head: entry %lld is gone (the log ends at %lld): entries were cut off"
                 " the end",
                 (long long)head->seq, end);
        report_failure(&r, line);
    } else if (e.keyed != head->keyed || sodium_memcmp(e.value, head->value, 32) != 0) {
        snprintf(line, sizeof line,
                 "audit head: entry %lld no longer holds the value the head recorded: the log"
                 " was changed or rebuilt",
                 (long long)head->seq);
        report_failure(&r, line);
    } else if (head->keyed && sodium_memcmp(head->key_id, none, 16) != 0 &&
               sodium_memcmp(id, head->key_id, 16) != 0) {
        report_failure(&r, "audit head: the log is now keyed with another key than the head's");
    } else if (report) {
        snprintf(line, sizeof line,
                 "audit head: entry %lld holds the value the head recorded; the log ends at %lld",
                 (long long)head->seq, end);
        report(ctx, line);
    }
    *failures = r.failures;
    return FB_OK;
}

int fb_audit_head_get(fb_book *book, fb_audit_head *out) {
    FB_ASSERT(book != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    audit_report r = {NULL, NULL, 0, ""};
    int64_t entries = 0;
    int rc = walk(book, &r, &entries);
    if (rc) return rc;
    if (r.failures) return fb__book_refuse(book, FB_ECORRUPT, "%s", r.first);
    fb_audit_record e;
    uint8_t id[16];
    rc = fb__store_audit_entry(book->store, 0, &e, id);
    if (rc == FB_ENOTFOUND) return FB_OK;
    if (rc) return fb__book_refuse(book, rc, "%s", fb__store_errmsg(book->store));
    out->seq = e.seq;
    out->keyed = e.keyed;
    memcpy(out->value, e.value, 32);
    if (e.keyed) memcpy(out->key_id, id, 16);
    out->at_ns = e.at_ns;
    return FB_OK;
}

const char *fb_audit_head_format(const fb_audit_head *h, char *buf, size_t cap) {
    FB_ASSERT(h != NULL && buf != NULL);
    FB_ASSERT(cap >= FB_AUDIT_HEAD_LINE);
    char value[65], id[33];
    sodium_bin2hex(value, sizeof value, h->value, 32);
    sodium_bin2hex(id, sizeof id, h->key_id, 16);
    if (h->keyed) {
        snprintf(buf, cap,
                 "finbridge-audit-head seq=%lld alg=hmac-sha256 value=%s key-id=%s at=%lld",
                 (long long)h->seq, value, id, (long long)h->at_ns);
    } else {
        snprintf(buf, cap, "finbridge-audit-head seq=%lld alg=sha256 value=%s at=%lld",
                 (long long)h->seq, value, (long long)h->at_ns);
    }
    return buf;
}

/* Reads a word "name=value" of a head line into h. */
static bool head_word(const char *w, size_t len, fb_audit_head *h, unsigned *seen) {
    char v[80];
    const char *eq = memchr(w, '=', len);
    if (!eq || len - (size_t)(eq - w) > sizeof v) return false;
    size_t name = (size_t)(eq - w), vlen = len - name - 1;
    memcpy(v, eq + 1, vlen);
    v[vlen] = 0;
    size_t bin = 0;
    char *end = NULL;
    if (name == 3 && memcmp(w, "seq", 3) == 0) {
        errno = 0;
        long long n = strtoll(v, &end, 10);
        h->seq = n;
        *seen |= 1;
        return !errno && end != v && !*end && n >= 0;
    }
    if (name == 3 && memcmp(w, "alg", 3) == 0) {
        h->keyed = strcmp(v, "hmac-sha256") == 0;
        *seen |= 2;
        return h->keyed || strcmp(v, "sha256") == 0;
    }
    if (name == 5 && memcmp(w, "value", 5) == 0) {
        *seen |= 4;
        return vlen == 64 && sodium_hex2bin(h->value, 32, v, 64, NULL, &bin, NULL) == 0 &&
               bin == 32;
    }
    if (name == 6 && memcmp(w, "key-id", 6) == 0) {
        *seen |= 8;
        return vlen == 32 && sodium_hex2bin(h->key_id, 16, v, 32, NULL, &bin, NULL) == 0 &&
               bin == 16;
    }
    if (name == 2 && memcmp(w, "at", 2) == 0) {
        errno = 0;
        h->at_ns = strtoll(v, &end, 10);
        return !errno && end != v && !*end;
    }
    return true; /* a word a later finbridge adds */
}

int fb_audit_head_parse(const char *line, fb_audit_head *out, char *why, size_t why_cap) {
    FB_ASSERT(line != NULL && out != NULL && why != NULL);
    memset(out, 0, sizeof *out);
    static const char magic[] = "finbridge-audit-head ";
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    if (len < sizeof magic - 1 || memcmp(line, magic, sizeof magic - 1) != 0) {
        snprintf(why, why_cap, "it does not start with 'finbridge-audit-head'");
        return FB_EINVAL;
    }
    unsigned seen = 0;
    for (size_t at = sizeof magic - 1; at < len;) {
        size_t end = at;
        while (end < len && line[end] != ' ')
            end++;
        if (end > at && !head_word(line + at, end - at, out, &seen)) {
            snprintf(why, why_cap, "'%.*s' is not a valid word of a head",
                     (int)(end - at > 80 ? 80 : end - at), line + at);
            return FB_EINVAL;
        }
        at = end + 1;
    }
    if ((seen & 7) != 7 || (out->keyed && !(seen & 8))) {
        snprintf(why, why_cap, "it needs seq, alg and value%s", out->keyed ? " and key-id" : "");
        return FB_EINVAL;
    }
    return FB_OK;
}
