/* answers.c — the answers of the reports, kept by each request thread for the version of the book
 * they were computed on: a report read again (the dashboard's first screens, a month-end's trend)
 * is served as it was while no write of any connection, of this process or another, has been
 * committed since (fb_book_data_version); the first read after a write computes it again. Each
 * answer is computed inside one read transaction whose snapshot is the version it is kept under,
 * so that a write committed meanwhile is never hidden behind an older answer. */
#include <stdlib.h>
#include <string.h>

#include "api/srv.h"
#include "core/assert.h"

typedef struct {
    char *key;  /* the request: path, query arguments, the user and its scope */
    char *body; /* the answer's JSON (status 200) */
    size_t len;
} kept;

typedef struct {
    bool valid;
    int64_t version; /* the book's version the answers were computed on */
    size_t n, bytes;
    kept v[FB_ANSWERS_KEPT_MAX];
} answers;

/* The routes whose answers are kept: reads of the book alone (no clock, no session), each a
 * function of its path, its query and its caller. */
static const char *const kept_routes[] = {
    "/v1/reports/credit",
    "/v1/reports/inclusive",
    "/v1/reports/moves",
    "/v1/reports/provisions",
    "/v1/reports/quality",
    "/v1/reports/exposures",
    "/v1/reports/demands",
    "/v1/agreements",
    "/v1/agreements/{id}/progress",
    "/v1/demands",
    "/v1/projects",
};

static bool keeps(const req *r) {
    if (strcmp(r->route->method, "GET") != 0) return false;
    for (size_t i = 0; i < sizeof kept_routes / sizeof kept_routes[0]; i++) {
        if (strcmp(kept_routes[i], r->route->pattern) == 0) return true;
    }
    return false;
}

static void drop_all(answers *a) {
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].key);
        free(a->v[i].body);
    }
    a->n = 0;
    a->bytes = 0;
}

void fb__srv_close_answers(void *p) {
    answers *a = p;
    if (!a) return;
    drop_all(a);
    free(a);
}

typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
} text_buf;

/* Appends "LEN:TEXT": lengths first, so that no argument's bytes can pass for another's. */
static void put(text_buf *t, const char *s) {
    size_t n = s ? strlen(s) : 0;
    char head[24];
    int h = snprintf(head, sizeof head, "%zu:", n);
    if (t->failed || h < 0) return;
    if (t->len + (size_t)h + n + 1 > t->cap) {
        size_t cap = (t->len + (size_t)h + n + 1) * 2;
        char *bigger = realloc(t->buf, cap);
        if (!bigger) {
            t->failed = true;
            return;
        }
        t->buf = bigger;
        t->cap = cap;
    }
    if (!t->buf) {
        t->failed = true;
        return;
    }
    memcpy(t->buf + t->len, head, (size_t)h);
    if (n) memcpy(t->buf + t->len + (size_t)h, s, n);
    t->len += (size_t)h + n;
    t->buf[t->len] = 0;
}

static enum MHD_Result put_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value) {
    (void)kind;
    put(cls, key);
    put(cls, value ? value : "");
    return MHD_YES;
}

/* The request as a key: its path, its query's arguments in order, and who asks (the user, its
 * role, region and party: what the answer may show). NULL without memory. */
static char *answer_key(req *r) {
    text_buf t = {NULL, 0, 0, false};
    char scope[64];
    snprintf(scope, sizeof scope, "%d/%d", (int)r->user.role, (int)r->user.region);
    put(&t, r->path);
    put(&t, r->user.name);
    put(&t, scope);
    put(&t, r->user.party);
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, put_arg, &t);
    if (t.failed) {
        free(t.buf);
        return NULL;
    }
    return t.buf;
}

static const kept *find(const answers *a, const char *key) {
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->v[i].key, key) == 0) return &a->v[i];
    }
    return NULL;
}

/* Keeps key's answer (takes both); when full, the answers kept make room by going. */
static void keep(answers *a, char *key, char *body) {
    size_t len = strlen(body);
    if (len > FB_ANSWERS_KEPT_BYTES_MAX / 4) {
        free(key);
        free(body);
        return;
    }
    if (a->n == FB_ANSWERS_KEPT_MAX || a->bytes + len > FB_ANSWERS_KEPT_BYTES_MAX) drop_all(a);
    a->v[a->n++] = (kept){key, body, len};
    a->bytes += len;
    FB_ASSERT(a->n <= FB_ANSWERS_KEPT_MAX && a->bytes <= FB_ANSWERS_KEPT_BYTES_MAX);
}

static answers *thread_answers(srv *s) {
    answers *a = pthread_getspecific(s->answers_key);
    if (a) return a;
    a = calloc(1, sizeof *a);
    if (a && pthread_setspecific(s->answers_key, a) != 0) {
        free(a);
        a = NULL;
    }
    return a;
}

/* Serves the request from the answer kept for it, or runs its handler (inside the caller's read)
 * and keeps what it answered. Takes key. Returns the handler's code. */
static int read_kept(answers *a, req *r, char *key) {
    int64_t version = 0;
    int rc = fb_book_data_version(r->rl, &version);
    if (rc) {
        free(key);
        return rc;
    }
    if (!a->valid || a->version != version) {
        drop_all(a);
        a->valid = true;
        a->version = version;
    }
    const kept *k = find(a, key);
    if (k) {
        free(key);
        r->text = malloc(k->len + 1);
        if (!r->text) return FB_ENOMEM;
        memcpy(r->text, k->body, k->len + 1);
        r->status = 200;
        r->content_type = "application/json";
        return FB_OK;
    }
    rc = r->route->fn(r, r->rl);
    char *body = rc == FB_OK && r->status == 200 && r->json && !r->text
                     ? json_dumps(r->json, JSON_COMPACT)
                     : NULL;
    char *copy = body ? strdup(body) : NULL;
    if (!copy) {
        free(body);
        free(key);
        return rc; /* answered from r->json, not kept */
    }
    keep(a, key, body);
    r->text = copy;
    r->content_type = "application/json";
    return FB_OK;
}

int fb__srv_read(srv *s, req *r) {
    FB_ASSERT(r->route != NULL && !r->route->write);
    FB_ASSERT(r->rl != NULL);
    if (!keeps(r)) return r->route->fn(r, r->rl);
    answers *a = thread_answers(s);
    char *key = a ? answer_key(r) : NULL;
    if (!key || fb_book_read_begin(r->rl) != FB_OK) {
        free(key);
        return r->route->fn(r, r->rl);
    }
    int rc = read_kept(a, r, key);
    fb_book_read_end(r->rl);
    return rc;
}
