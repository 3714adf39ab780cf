/* server.c — the HTTP server: libmicrohttpd with a thread pool, each request thread reading on
 * its own connection to the book; one writer thread that groups concurrent ledger writes into one
 * transaction (group commit) and answers each request only once its write is durable; tokens,
 * roles, problem+json, the audit log of every write, metrics. The routes are in routes.c. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "api/http.h"
#include "api/server.h"

enum { LATENCY_BUCKETS = 12 };
static const double latency_le[LATENCY_BUCKETS] = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,  0.5,   1.0,  5.0};

struct srv {
    const fb_serve_options *o;
    FILE *log;
    pthread_key_t reader_key;
    /* The writer. */
    pthread_t writer;
    bool writer_started;
    pthread_mutex_t mu;
    pthread_cond_t work;
    job *head, *tail;
    bool stopping;
    fb_book *wl;
    /* Metrics. */
    pthread_mutex_t metrics_mu;
    uint64_t *requests; /* [route][status class 1..5] */
    uint64_t *unrouted; /* [status class] */
    uint64_t latency[LATENCY_BUCKETS + 1];
    double latency_sum;
    uint64_t latency_count;
    uint64_t commits, rows_committed;
    uint64_t request_seq;
    int64_t in_flight; /* requests begun and not completed */
    fb_web *web;
    /* libmicrohttpd's messages, at most one a second (log_mu). */
    pthread_mutex_t log_mu;
    int64_t log_second;
    uint64_t log_dropped;
};

fb_web *fb_server_web(srv *s) { return s->web; }

const char *fb_server_db(srv *s) { return s->o->db; }

const char *fb_client_address(req *r, char *buf, size_t cap) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(buf, cap, "unknown");
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)ci->client_addr;
        inet_ntop(AF_INET, &in->sin_addr, buf, (socklen_t)cap);
    }
    return buf;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- Answers ------------------------------------------------------------------------------- */

int fb_answer(req *r, int status, json_t *j) {
    json_decref(r->json);
    r->status = status;
    r->json = j;
    r->content_type = "application/json";
    return FB_OK;
}

int fb_problem(req *r, int status, const char *title, const char *field, const char *fmt, ...) {
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    fb_text_cut(detail, sizeof detail);
    char name[FB_FIELD_NAME_MAX + 1];
    if (field) {
        snprintf(name, sizeof name, "%s", field);
        fb_text_cut(name, sizeof name);
        field = name;
    }
    json_t *p = json_object();
    char type[96];
    snprintf(type, sizeof type, "https://finbridge.invalid/problems/%d", status);
    json_object_set_new(p, "type", json_string(type));
    json_object_set_new(p, "title", json_string(title));
    json_object_set_new(p, "status", json_integer(status));
    json_object_set_new(p, "detail", json_string(detail));
    if (field) json_object_set_new(p, "field", json_string(field));
    fb_answer(r, status, p);
    r->content_type = "application/problem+json";
    snprintf(r->outcome, sizeof r->outcome, "%d %s%s%s", status, title, field ? ": " : "",
             field ? field : "");
    return FB_OK;
}

const char *fb_arg(req *r, const char *name) {
    const char *v = NULL;
    if (MHD_lookup_connection_value_n(r->conn, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v,
                                      NULL) != MHD_YES) {
        return NULL;
    }
    return v ? v : "";
}

json_t *fb_body(req *r, bool array) {
    json_error_t err;
    /* Nesting is bounded by the decoders: an event is a flat object. jansson limits depth too. */
    json_t *j = r->len ? json_loadb(r->body, r->len, JSON_REJECT_DUPLICATES, &err) : NULL;
    if (!j) {
        if (r->len) {
            fb_problem(r, 400, "malformed JSON", NULL, "is not valid JSON: %s (column %d)",
                       err.text, err.column);
        } else {
            fb_problem(r, 400, "malformed JSON", NULL, "the request needs a JSON body");
        }
        return NULL;
    }
    if (array ? !json_is_array(j) : !json_is_object(j)) {
        json_decref(j);
        fb_problem(r, 400, "malformed request", NULL, "the body must be a JSON %s",
                   array ? "array" : "object");
        return NULL;
    }
    return j;
}

/* ---- Readers ------------------------------------------------------------------------------- */

static void close_reader(void *l) { fb_book_close(l); }

static fb_book *reader(srv *s) {
    fb_book *l = pthread_getspecific(s->reader_key);
    if (l) return l;
    char err[256];
    if (fb_book_open(s->o->db, FB_OPEN_READONLY, &l, err, sizeof err) != FB_OK) {
        fprintf(s->log, "finbridge serve: a reader cannot open the book: %s\n", err);
        return NULL;
    }
    pthread_setspecific(s->reader_key, l);
    return l;
}

/* ---- The writer: group commit ---------------------------------------------------------------- */

static void audit(srv *s, req *r) {
    char operation[24 + sizeof r->path];
    snprintf(operation, sizeof operation, "%.16s %s", r->method, r->path);
    fb_audit_entry e = {r->user.name[0] ? r->user.name : "(unauthenticated)",
                        FB_CHANNEL_API,
                        operation,
                        r->request_id,
                        r->status,
                        r->status < 400   ? FB_AUDIT_OK
                        : r->status < 500 ? FB_AUDIT_REFUSED
                                          : FB_AUDIT_FAILED,
                        r->outcome[0] ? r->outcome : "done"};
    if (fb_audit_append(s->wl, &e) != FB_OK) {
        fprintf(s->log, "finbridge serve: audit: %s\n", fb_book_errmsg(s->wl));
    }
}

static void run_write(srv *s, req *r) {
    if (r->refused) return; /* answered already (403): only its audit entry is written */
    int rc = r->route->fn(r, s->wl);
    if (rc && !r->json) {
        fb_problem(r, rc == FB_EBUSY ? 503 : 500, "the write failed", NULL, "%s",
                   fb_book_errmsg(s->wl));
    }
    if (!r->outcome[0]) snprintf(r->outcome, sizeof r->outcome, "%d", r->status);
}

/* Runs a group of jobs: ledger events together in one transaction (each request a batch of its
 * own inside it, so that a request's linked chain never joins another's), anything else alone
 * with its audit entry in its own transaction. */
static void run_group(srv *s, job **v, size_t n) {
    fb_book *l = s->wl;
    bool grouped = n > 1 || v[0]->r->route->groupable;
    if (grouped) {
        int rc = fb_book_begin(l);
        for (size_t i = 0; rc == FB_OK && i < n; i++) {
            run_write(s, v[i]->r);
            audit(s, v[i]->r);
        }
        if (rc == FB_OK) rc = fb_book_commit(l);
        for (size_t i = 0; i < n; i++) {
            v[i]->rc = rc;
            if (rc) {
                fb_problem(v[i]->r, rc == FB_EBUSY ? 503 : 500, "not written", NULL,
                           "the transaction failed: %s", fb_book_errmsg(l));
            }
        }
        pthread_mutex_lock(&s->metrics_mu);
        if (rc == FB_OK) {
            s->commits++;
            s->rows_committed += n;
        }
        pthread_mutex_unlock(&s->metrics_mu);
        return;
    }
    req *r = v[0]->r;
    int rc = fb_book_begin(l);
    if (rc == FB_OK) run_write(s, r);
    if (rc == FB_OK && fb_book_unit_failed(l)) {
        /* The operation refused and undid itself: its audit entry goes alone. */
        fb_book_rollback(l);
        rc = fb_book_begin(l);
    }
    if (rc == FB_OK) audit(s, r);
    if (rc == FB_OK) rc = fb_book_commit(l);
    if (rc) {
        fb_problem(r, rc == FB_EBUSY ? 503 : 500, "not written", NULL, "%s", fb_book_errmsg(l));
    }
    v[0]->rc = rc;
    pthread_mutex_lock(&s->metrics_mu);
    if (rc == FB_OK) {
        s->commits++;
        s->rows_committed++;
    }
    pthread_mutex_unlock(&s->metrics_mu);
}

static void *writer_main(void *arg) {
    srv *s = arg;
    enum { GROUP_MAX = 256 };
    job *v[GROUP_MAX];
    for (;;) {
        pthread_mutex_lock(&s->mu);
        while (!s->head && !s->stopping)
            pthread_cond_wait(&s->work, &s->mu);
        if (!s->head && s->stopping) {
            pthread_mutex_unlock(&s->mu);
            return NULL;
        }
        /* Take the groupable jobs at the head (up to GROUP_MAX), or one that is not. */
        size_t n = 0;
        while (s->head && n < GROUP_MAX) {
            bool groupable = s->head->r->route->groupable;
            if (n > 0 && !groupable) break;
            v[n++] = s->head;
            s->head = s->head->next;
            if (!groupable) break;
        }
        if (!s->head) s->tail = NULL;
        pthread_mutex_unlock(&s->mu);
        run_group(s, v, n);
        /* Durable: the answers may go. */
        for (size_t i = 0; i < n; i++) {
            req *r = v[i]->r;
            __atomic_store_n(&r->phase, 2, __ATOMIC_RELEASE);
            MHD_resume_connection(r->conn);
        }
    }
}

/* Queues a write and suspends its connection, which frees the request thread: the writer
 * resumes it once the write is durable, and the answer goes then.
 *
 * The request is handed over: from the unlock below the writer owns *r (it may run, answer and
 * resume it before this returns), and the request thread must not read or write it again until
 * libmicrohttpd calls the handler on the resumed connection. phase is written here before the
 * lock that publishes the job, so the writer's later store cannot race with it. */
static void submit_write(srv *s, req *r) {
    r->job = (job){r, 0, NULL};
    __atomic_store_n(&r->phase, 1, __ATOMIC_RELAXED);
    MHD_suspend_connection(r->conn);
    pthread_mutex_lock(&s->mu);
    if (s->tail) {
        s->tail->next = &r->job;
    } else {
        s->head = &r->job;
    }
    s->tail = &r->job;
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
}

/* ---- Routing ------------------------------------------------------------------------------- */

/* The path's segments. Strict: an empty segment ("//", a trailing "/") or more than SEGS_MAX
 * segments match no route, so that /v1/accounts/A//// is not account A. */
static bool split_path(req *r) {
    snprintf(r->path_buf, sizeof r->path_buf, "%s", r->path);
    r->nseg = 0;
    char *p = r->path_buf;
    if (*p++ != '/') return false;
    while (*p) {
        char *slash = strchr(p, '/');
        if (slash == p || r->nseg == SEGS_MAX) return false;
        r->seg[r->nseg++] = p;
        if (!slash) break;
        *slash = 0;
        p = slash + 1;
        if (!*p) return false; /* a trailing slash */
    }
    return true;
}

/* Whether the route's pattern matches the path. */
static bool matches(const route *rt, const req *r) {
    char pattern[128];
    snprintf(pattern, sizeof pattern, "%s", rt->pattern);
    int i = 0;
    char *save = NULL;
    for (char *t = strtok_r(pattern, "/", &save); t; t = strtok_r(NULL, "/", &save), i++) {
        if (i >= r->nseg) return false;
        if (t[0] != '{' && strcmp(t, r->seg[i]) != 0) return false;
    }
    return i == r->nseg;
}

/* The route of the path and method; HEAD is served as GET without the body (RFC 9110 9.3.2).
 * When the path is served under other methods only, *path_known and r->allow say which. */
static const route *find_route(req *r, bool *path_known) {
    *path_known = false;
    r->allow[0] = 0;
    bool head = strcmp(r->method, "HEAD") == 0;
    const route *found = NULL;
    for (size_t i = 0; i < fb_routes_count; i++) {
        const route *rt = &fb_routes[i];
        if (!matches(rt, r)) continue;
        *path_known = true;
        size_t at = strlen(r->allow);
        snprintf(r->allow + at, sizeof r->allow - at, "%s%s%s", at ? ", " : "", rt->method,
                 strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        if (!found && (strcmp(rt->method, r->method) == 0 || (head && !strcmp(rt->method, "GET"))))
            found = rt;
    }
    return found;
}

/* ---- What every request must be ------------------------------------------------------------ */

static const char *header(req *r, const char *name) {
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* Whether a Content-Type names JSON: application/json, with at most a charset of UTF-8. */
static bool json_media_type(const char *t) {
    if (!t || strncasecmp(t, "application/json", 16) != 0) return false;
    t += 16 + strspn(t + 16, " \t");
    if (!*t) return true;
    if (*t++ != ';') return false;
    t += strspn(t, " \t");
    if (strncasecmp(t, "charset=", 8) != 0) return false;
    t += 8;
    bool quoted = *t == '"';
    t += quoted;
    if (strncasecmp(t, "utf-8", 5) != 0) return false;
    t += 5;
    if (quoted && *t++ != '"') return false;
    return t[strspn(t, " \t")] == 0;
}

/* A browser names the page a write comes from (Origin) and whether it is of another site
 * (Sec-Fetch-Site); either must be this server (the Host it was asked by), so that a page of
 * another site can neither log a user in (login CSRF) nor write. A client that is not a browser
 * sends neither. */
static bool same_origin(req *r) {
    const char *site = header(r, "Sec-Fetch-Site");
    if (site && strcmp(site, "cross-site") == 0) return false;
    const char *origin = header(r, "Origin"), *host = header(r, "Host");
    if (!origin) return true;
    const char *authority = strncmp(origin, "http://", 7) == 0    ? origin + 7
                            : strncmp(origin, "https://", 8) == 0 ? origin + 8
                                                                  : NULL;
    return authority && host && strcasecmp(authority, host) == 0;
}

enum { QUERY_ARGS_MAX = 32 };

typedef struct {
    const char *keys[QUERY_ARGS_MAX];
    size_t n;
    const char *bad, *why;
} query_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size) {
    query_check *c = cls;
    (void)kind;
    if (strlen(key) != key_size || (value && strlen(value) != value_size)) {
        c->bad = key, c->why = "holds a NUL byte";
        return MHD_NO;
    }
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->keys[i], key) == 0) {
            c->bad = key, c->why = "is given twice";
            return MHD_NO;
        }
    }
    if (c->n == QUERY_ARGS_MAX) {
        c->bad = key, c->why = "is one argument too many (32 at most)";
        return MHD_NO;
    }
    c->keys[c->n++] = key;
    return MHD_YES;
}

/* The checks of a routed request before its handler, in this order: a write from another
 * origin 403; a POST or a body that is not JSON 415; a query argument repeated or holding a NUL
 * 400 (each handler reads its arguments strictly). Each answers and returns false. */
static bool request_ok(req *r) {
    bool reads = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if (!reads && !same_origin(r)) {
        fb_problem(r, 403, "forbidden", NULL,
                   "a write from another site's page (Origin, Sec-Fetch-Site) is refused");
        return false;
    }
    if ((strcmp(r->method, "POST") == 0 || r->len) && !json_media_type(header(r, "Content-Type"))) {
        fb_problem(r, 415, "unsupported media type", NULL,
                   "the body must be sent as Content-Type: application/json");
        return false;
    }
    query_check c = {{NULL}, 0, NULL, NULL};
    MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &c);
    if (c.bad) {
        fb_problem(r, 400, "invalid query", c.bad, "%s %s", c.bad, c.why);
        return false;
    }
    return true;
}

typedef struct {
    int content_length, transfer_encoding;
    bool chunked;
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_size, const char *value, size_t value_size) {
    framing *f = cls;
    (void)kind, (void)key_size, (void)value_size;
    if (strcasecmp(key, "Content-Length") == 0) f->content_length++;
    if (strcasecmp(key, "Transfer-Encoding") == 0) {
        f->transfer_encoding++;
        f->chunked = value && strcasecmp(value, "chunked") == 0;
    }
    return MHD_YES;
}

/* A request refused on its headers alone, before its body is read: a path over
 * FB_HTTP_PATH_MAX (414), or a body framed two ways (Content-Length with Transfer-Encoding, or
 * either twice, or a coding other than chunked: 400). Such a request's body could be read as
 * the start of another request (smuggling): the connection closes after the answer. */
static bool refused_on_arrival(req *r, const char *url) {
    if (strlen(url) > FB_HTTP_PATH_MAX) {
        fb_problem(r, 414, "URI too long", NULL, "the path is over %d bytes", FB_HTTP_PATH_MAX);
        r->close = true;
        return true;
    }
    framing f = {0, 0, false};
    MHD_get_connection_values_n(r->conn, MHD_HEADER_KIND, count_framing, &f);
    if (f.content_length + f.transfer_encoding > 1 || (f.transfer_encoding && !f.chunked)) {
        fb_problem(r, 400, "ambiguous body", NULL,
                   "a body is framed by one Content-Length or by Transfer-Encoding: chunked");
        r->close = true;
        return true;
    }
    return false;
}

/* A bearer token (the API's clients), or the dashboard's session cookie. */
static bool authenticate(req *r) {
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0) {
        const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "fb_session");
        if (!cookie) {
            fb_problem(r, 401, "unauthorized", NULL,
                       "send Authorization: Bearer TOKEN, or log in to the dashboard");
            return false;
        }
        /* The session's user as the book has it now: a disabled user's sessions end here. */
        fb_user was;
        int now = fb_web_session_user(fb_server_web(r->s), cookie, &was);
        if (now == FB_OK) now = fb_user_current(r->rl, was.name, &r->user);
        if (now == FB_ENOTFOUND) {
            fb_web_session_end(fb_server_web(r->s), cookie);
            fb_problem(r, 401, "session expired", "session",
                       "the session has expired or ended: log in again");
            return false;
        }
        if (now != FB_OK) {
            fb_problem(r, 503, "unavailable", NULL, "%s", fb_book_errmsg(r->rl));
            return false;
        }
        r->by_session = true;
        /* A page of another site cannot set this header: no cross-site writes by cookie. */
        const char *x = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Requested-With");
        if (r->route->write && (!x || strcmp(x, "finbridge") != 0)) {
            fb_problem(r, 403, "forbidden", NULL,
                       "a write with the session cookie needs X-Requested-With: finbridge");
            return false;
        }
        return true;
    }
    int rc = fb_user_by_token(r->rl, h + 7, &r->user);
    if (rc == FB_ENOTFOUND) {
        fb_problem(r, 401, "unauthorized", NULL, "the token is not valid");
        return false;
    }
    if (rc) {
        fb_problem(r, 503, "unavailable", NULL, "%s", fb_book_errmsg(r->rl));
        return false;
    }
    return true;
}

/* Answers r, or hands it to the writer: returns true when it went there (see submit_write). */
static bool dispatch(srv *s, req *r) {
    if ((strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0) &&
        fb_web_asset(s->web, r->path, &r->asset)) {
        r->status = 200;
        r->file = r->asset.body;
        r->file_len = r->asset.len;
        r->content_type = r->asset.type;
        return false;
    }
    if (strcmp(r->path, "/") == 0 && !fb_web_installed(s->web)) {
        fb_problem(r, 404, "not found", NULL,
                   "the dashboard is not installed here (serve --web DIR); the API is at /v1");
        return false;
    }
    bool known = false;
    r->route = split_path(r) ? find_route(r, &known) : NULL;
    r->rl = reader(s);
    if (!r->rl) {
        fb_problem(r, 503, "unavailable", NULL, "the book cannot be opened");
        return false;
    }
    if (!r->route) {
        if (known) {
            fb_problem(r, 405, "method not allowed", NULL, "%s is not served on %s (only %s)",
                       r->method, r->path, r->allow);
        } else {
            fb_problem(r, 404, "not found", NULL, "no resource at %s", r->path);
        }
        return false;
    }
    if (r->too_big) {
        fb_problem(r, 413, "request too large", NULL, "the body is over %zu bytes", s->o->body_max);
        return false;
    }
    if (!(r->route->roles & NO_AUTH)) {
        if (!authenticate(r)) return false;
        if (!(r->route->roles & R(r->user.role))) {
            fb_problem(r, 403, "forbidden", NULL, "a %s may not %s %s", fb_role_name(r->user.role),
                       r->method, r->route->pattern);
            r->refused = true;
            if (!r->route->write) return false;
            submit_write(s, r); /* refused writes are audited too */
            return true;
        }
    }
    if (!request_ok(r)) return false;
    if (r->route->write) {
        submit_write(s, r);
        return true;
    }
    if (r->route->fn(r, r->rl) && !r->json) {
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_book_errmsg(r->rl));
    }
    return false;
}

/* ---- libmicrohttpd glue -------------------------------------------------------------------- */

static void count(srv *s, req *r) {
    double took = now_s() - r->started;
    int cls = r->status / 100;
    if (cls < 1 || cls > 5) cls = 5;
    pthread_mutex_lock(&s->metrics_mu);
    if (r->route) {
        s->requests[(size_t)(r->route - fb_routes) * 6 + (size_t)cls]++;
    } else {
        s->unrouted[cls]++;
    }
    int b = 0;
    while (b < LATENCY_BUCKETS && took > latency_le[b])
        b++;
    s->latency[b]++;
    s->latency_sum += took;
    s->latency_count++;
    pthread_mutex_unlock(&s->metrics_mu);
}

/* A file as the body (an export), streamed from its descriptor, which libmicrohttpd closes. */
static enum MHD_Result respond_fd(req *r) {
    r->has_body_fd = false;
    struct MHD_Response *resp = MHD_create_response_from_fd64(r->body_fd_size, r->body_fd);
    if (!resp) {
        close(r->body_fd);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", r->content_type);
    if (r->disposition[0]) MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Request-Id", r->request_id);
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Whether the request's Accept-Encoding takes gzip: named, and not with a weight of zero
 * ("gzip;q=0", "gzip; q=0.000"). */
static bool takes_gzip(req *r) {
    const char *ae = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Encoding");
    const char *g = ae ? strstr(ae, "gzip") : NULL;
    if (!g) return false;
    g += 4;
    while (*g == ' ')
        g++;
    if (*g != ';') return true;
    g++;
    while (*g == ' ')
        g++;
    if (strncmp(g, "q=", 2) != 0) return true;
    g += 2;
    if (*g != '0') return true;
    g++;
    if (*g == '.') g += 1 + strspn(g + 1, "0");
    return !(*g == 0 || *g == ',' || *g == ' ' || *g == ';');
}

/* A file of the dashboard: gzip when the browser takes it, an ETag (304 when the browser has
 * it), kept a year when asked by its versioned name, revalidated each time otherwise. */
static enum MHD_Result respond_file(req *r) {
    const fb_web_file *f = &r->asset;
    const char *inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "If-None-Match");
    bool fresh = inm && f->etag && strstr(inm, f->etag) != NULL;
    bool gz = !fresh && f->gz && takes_gzip(r);
    size_t len = fresh ? 0 : gz ? f->gz_len : r->file_len;
    const char *body = fresh ? "" : gz ? f->gz : r->file;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)(uintptr_t)body, MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r->content_type);
    MHD_add_response_header(resp, "Cache-Control",
                            f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (f->etag) MHD_add_response_header(resp, "ETag", f->etag);
    if (f->gz) MHD_add_response_header(resp, "Vary", "Accept-Encoding");
    if (gz) MHD_add_response_header(resp, "Content-Encoding", "gzip");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline';"
                            " img-src 'self' data:; frame-ancestors 'none'");
    enum MHD_Result ret = MHD_queue_response(r->conn, fresh ? 304u : (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result respond(srv *s, req *r) {
    count(s, r);
    if (r->has_body_fd) return respond_fd(r);
    char *body = NULL;
    size_t len = 0;
    if (r->file) return respond_file(r);
    if (r->text) {
        body = r->text;
        r->text = NULL;
        len = strlen(body);
    } else {
        body = r->json ? json_dumps(r->json, JSON_COMPACT) : strdup("");
        len = body ? strlen(body) : 0;
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        len, body ? body : (void *)"", body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Type",
                            r->content_type ? r->content_type : "application/json");
    MHD_add_response_header(resp, "X-Request-Id", r->request_id);
    /* An answer of the API is the caller's own data: no cache keeps it, no browser reads it as
     * anything but its type. */
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (r->status == 405 && r->allow[0]) MHD_add_response_header(resp, "Allow", r->allow);
    if (r->close) MHD_add_response_header(resp, "Connection", "close");
    if (r->set_cookie[0]) MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version, const char *upload,
                                      size_t *upload_size, void **con_cls) {
    (void)version;
    srv *s = cls;
    req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r) return MHD_NO;
        r->s = s;
        r->conn = conn;
        r->method = method;
        r->started = now_s();
        snprintf(r->path, sizeof r->path, "%s", url);
        __atomic_add_fetch(&s->in_flight, 1, __ATOMIC_RELAXED);
        uint64_t seq = __atomic_add_fetch(&s->request_seq, 1, __ATOMIC_RELAXED);
        snprintf(r->request_id, sizeof r->request_id, "%llx-%llu",
                 (unsigned long long)(fb_now_ns() / 1000000), (unsigned long long)seq);
        *con_cls = r;
        /* The headers are in: the body and the answer get the longer timeout. */
        MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT,
                                  (unsigned)FB_HTTP_BODY_TIMEOUT_S);
        return refused_on_arrival(r, url) ? respond(s, r) : MHD_YES;
    }
    if (*upload_size) {
        if (!r->too_big) {
            if (r->len + *upload_size > s->o->body_max) {
                r->too_big = true;
            } else {
                if (r->len + *upload_size + 1 > r->cap) {
                    size_t cap = (r->len + *upload_size + 1) * 2;
                    if (cap > s->o->body_max + 1) cap = s->o->body_max + 1;
                    char *bigger = realloc(r->body, cap);
                    if (!bigger) return MHD_NO;
                    r->body = bigger;
                    r->cap = cap;
                }
                memcpy(r->body + r->len, upload, *upload_size);
                r->len += *upload_size;
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    /* Acquire pairs with the writer's release of phase 2: what it wrote into r (the answer, the
     * status, the outcome) is visible here once phase reads 2. */
    int phase = __atomic_load_n(&r->phase, __ATOMIC_ACQUIRE);
    if (phase == 1) return MHD_YES; /* still with the writer (a suspended connection) */
    /* Handed to the writer: r is not touched again here; the resumed connection answers. */
    if (phase == 0 && dispatch(s, r)) return MHD_YES;
    if (!r->json && !r->text && !r->file && !r->has_body_fd) {
        fb_problem(r, 500, "no answer", NULL, "the handler gave none");
    }
    return respond(s, r);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
    srv *s = cls;
    req *r = *con_cls;
    if (!r) return;
    /* A kept-alive connection waits for its next request's headers: the short timeout again. */
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK) {
        MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT,
                                  (unsigned)FB_HTTP_HEADER_TIMEOUT_S);
    }
    __atomic_sub_fetch(&s->in_flight, 1, __ATOMIC_RELAXED);
    json_decref(r->json);
    free(r->text);
    free(r->body);
    if (r->has_body_fd) close(r->body_fd);
    free(r);
    *con_cls = NULL;
}

/* ---- Metrics ------------------------------------------------------------------------------- */

char *fb_metrics_text(srv *s) {
    size_t cap = 4096 + fb_routes_count * 6 * 160;
    char *out = malloc(cap);
    if (!out) return NULL;
    size_t at = 0;
#define EMIT(...) at += (size_t)snprintf(out + at, cap - at, __VA_ARGS__)
    pthread_mutex_lock(&s->metrics_mu);
    EMIT("# HELP finbridge_requests_total Requests answered, by route and status class.\n"
         "# TYPE finbridge_requests_total counter\n");
    for (size_t i = 0; i < fb_routes_count; i++) {
        for (int c = 1; c <= 5; c++) {
            uint64_t n = s->requests[i * 6 + (size_t)c];
            if (n) {
                EMIT("finbridge_requests_total{method=\"%s\",route=\"%s\",status=\"%dxx\"} %llu\n",
                     fb_routes[i].method, fb_routes[i].pattern, c, (unsigned long long)n);
            }
        }
    }
    for (int c = 1; c <= 5; c++) {
        if (s->unrouted[c]) {
            EMIT("finbridge_requests_total{method=\"\",route=\"\",status=\"%dxx\"} %llu\n", c,
                 (unsigned long long)s->unrouted[c]);
        }
    }
    EMIT("# HELP finbridge_request_seconds Time to answer a request.\n"
         "# TYPE finbridge_request_seconds histogram\n");
    uint64_t cumulative = 0;
    for (int b = 0; b < LATENCY_BUCKETS; b++) {
        cumulative += s->latency[b];
        EMIT("finbridge_request_seconds_bucket{le=\"%g\"} %llu\n", latency_le[b],
             (unsigned long long)cumulative);
    }
    cumulative += s->latency[LATENCY_BUCKETS];
    EMIT("finbridge_request_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cumulative);
    EMIT("finbridge_request_seconds_sum %.6f\nfinbridge_request_seconds_count %llu\n",
         s->latency_sum, (unsigned long long)s->latency_count);
    EMIT("# HELP finbridge_commits_total Write transactions committed.\n"
         "# TYPE finbridge_commits_total counter\nfinbridge_commits_total %llu\n",
         (unsigned long long)s->commits);
    EMIT("# HELP finbridge_commit_requests_total Write requests in those transactions (requests per"
         " commit = this / commits).\n# TYPE finbridge_commit_requests_total counter\n"
         "finbridge_commit_requests_total %llu\n",
         (unsigned long long)s->rows_committed);
    pthread_mutex_unlock(&s->metrics_mu);
#undef EMIT
    return out;
}

/* ---- Serving ------------------------------------------------------------------------------- */

/* libmicrohttpd's messages ("Server reached connection limit"), at most one a second with a
 * count of those dropped: a flood of refused connections would otherwise write a line each. */
static void mhd_log(void *cls, const char *fmt, va_list ap) {
    srv *s = cls;
    int64_t second = (int64_t)now_s();
    pthread_mutex_lock(&s->log_mu);
    if (second == s->log_second) {
        s->log_dropped++;
    } else {
        if (s->log_dropped) {
            fprintf(s->log,
                    "finbridge serve: libmicrohttpd: %llu more messages in a second, dropped\n",
                    (unsigned long long)s->log_dropped);
        }
        s->log_second = second;
        s->log_dropped = 0;
        fprintf(s->log, "finbridge serve: libmicrohttpd: ");
        vfprintf(s->log, fmt, ap);
        fflush(s->log);
    }
    pthread_mutex_unlock(&s->log_mu);
}

static bool parse_listen(const char *listen, struct sockaddr_in *addr) {
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host) return false;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) return false;
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &addr->sin_addr) == 1;
}

int fb_serve(const fb_serve_options *o, volatile sig_atomic_t *stop, FILE *log) {
    struct sockaddr_in addr;
    if (!parse_listen(o->listen, &addr)) {
        fprintf(log, "finbridge serve: --listen %s: expected ADDRESS:PORT (IPv4)\n", o->listen);
        return FB_EINVAL;
    }
    srv s;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.log = log;
    char err[256];
    if (fb_book_open(o->db, 0, &s.wl, err, sizeof err) != FB_OK) {
        fprintf(log, "finbridge serve: %s\n", err);
        return FB_EIO;
    }
    s.web = fb_web_open(o->web, o->session_idle_s, log);
    s.requests = calloc(fb_routes_count * 6, sizeof *s.requests);
    s.unrouted = calloc(6, sizeof *s.unrouted);
    pthread_mutex_init(&s.mu, NULL);
    pthread_mutex_init(&s.metrics_mu, NULL);
    pthread_mutex_init(&s.log_mu, NULL);
    pthread_cond_init(&s.work, NULL);
    pthread_key_create(&s.reader_key, close_reader);
    int rc = s.requests && s.unrouted && s.web ? FB_OK : FB_ENOMEM;
    if (rc == FB_OK && pthread_create(&s.writer, NULL, writer_main, &s) != 0) rc = FB_ENOMEM;
    s.writer_started = rc == FB_OK;
    /* As many request threads as cores: writes wait suspended, not in a thread, and more
     * threads than cores only lengthen the tail of read latency (bench/api.sh). */
    unsigned threads = o->threads ? o->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    struct MHD_Daemon *d = NULL;
    if (rc == FB_OK) {
        d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                                 MHD_ALLOW_SUSPEND_RESUME,
                             0, NULL, NULL, access_handler, &s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
                             &s, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
                             MHD_OPTION_NOTIFY_COMPLETED, completed, &s,
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)FB_HTTP_HEADER_TIMEOUT_S,
                             MHD_OPTION_CONNECTION_LIMIT, (unsigned)FB_HTTP_CONNECTIONS_MAX,
                             MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                             (unsigned)FB_HTTP_CONNECTIONS_PER_ADDRESS_MAX, MHD_OPTION_END);
        if (!d) {
            fprintf(log, "finbridge serve: cannot listen on %s: %s\n", o->listen,
                    FB_ERRNO_TEXT(errno));
            rc = FB_EIO;
        }
    }
    if (rc == FB_OK) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned port = info ? info->port : 0;
        fprintf(log, "finbridge serve: listening on %s, port %u, %u threads\n", o->listen, port,
                threads);
        fflush(log);
        if (o->port_file) {
            FILE *f = fopen(o->port_file, "w");
            if (f) {
                fprintf(f, "%u\n", port);
                fclose(f);
            }
        }
        while (!*stop)
            usleep(50000);
        fprintf(log, "finbridge serve: stopping: finishing the requests accepted\n");
        /* No new connections; the requests taken are answered (writes once durable), for up
         * to ten seconds; then the request threads stop. */
        MHD_quiesce_daemon(d);
        for (int i = 0; i < 200 && __atomic_load_n(&s.in_flight, __ATOMIC_RELAXED) > 0; i++)
            usleep(50000);
    }
    /* The writer stops first, once it has written and resumed every request it was handed:
     * stopping the daemon frees the requests of the connections still open, and one the writer
     * still held would be freed under it. */
    if (s.writer_started) {
        pthread_mutex_lock(&s.mu);
        s.stopping = true;
        pthread_cond_signal(&s.work);
        pthread_mutex_unlock(&s.mu);
        pthread_join(s.writer, NULL);
    }
    if (d) MHD_stop_daemon(d);
    fb_book_close(s.wl);
    free(s.requests);
    free(s.unrouted);
    fb_web_close(s.web);
    pthread_key_delete(s.reader_key);
    return rc;
}
