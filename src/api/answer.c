/* answer.c — what the server answers and counts: a JSON answer or a problem (RFC 9457), the
 * request's query arguments and body as the handlers read them, the answer queued on the
 * connection (JSON, text, a file of the dashboard, an export from its descriptor) with the
 * API's headers, and the metrics in Prometheus text. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/srv.h"

static const double latency_le[LATENCY_BUCKETS] = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,  0.5,   1.0,  5.0};

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

/* ---- The answer on the connection ---------------------------------------------------------- */

static void count(srv *s, req *r) {
    double took = fb__srv_now_s() - r->started;
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
    if (fresh) r->status = 304; /* counted as the 200 it stands for; logged as sent */
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result queue_answer(req *r) {
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

enum MHD_Result fb__srv_respond(srv *s, req *r) {
    count(s, r);
    enum MHD_Result ret = queue_answer(r);
    if (s->o->request_log) fb__srv_log_request(s, r);
    return ret;
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
