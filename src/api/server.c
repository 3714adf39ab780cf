/* server.c — `finbridge serve`: libmicrohttpd with a thread pool, each request thread reading on
 * its own connection to the book, the writes handed to the single writer (writer.c); the
 * request's life on its connection (its arrival, its body read within the limit, its answer,
 * its end), and starting and stopping the server. What a request must be is in admit.c, the
 * answers in answer.c, the routes in table.c. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "api/srv.h"

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

double fb__srv_now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- A request on its connection --------------------------------------------------------- */

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
        r->started = fb__srv_now_s();
        snprintf(r->path, sizeof r->path, "%s", url);
        __atomic_add_fetch(&s->in_flight, 1, __ATOMIC_RELAXED);
        uint64_t seq = __atomic_add_fetch(&s->request_seq, 1, __ATOMIC_RELAXED);
        snprintf(r->request_id, sizeof r->request_id, "%llx-%llu",
                 (unsigned long long)(fb_now_ns() / 1000000), (unsigned long long)seq);
        *con_cls = r;
        /* The headers are in: the body and the answer get the longer timeout. */
        MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT,
                                  (unsigned)FB_HTTP_BODY_TIMEOUT_S);
        return fb__srv_refused_on_arrival(r, url) ? fb__srv_respond(s, r) : MHD_YES;
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
    if (phase == 0 && fb__srv_dispatch(s, r)) return MHD_YES;
    if (!r->json && !r->text && !r->file && !r->has_body_fd) {
        fb_problem(r, 500, "no answer", NULL, "the handler gave none");
    }
    return fb__srv_respond(s, r);
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

/* ---- Serving ------------------------------------------------------------------------------- */

/* libmicrohttpd's messages ("Server reached connection limit"), at most one a second with a
 * count of those dropped: a flood of refused connections would otherwise write a line each. */
static void mhd_log(void *cls, const char *fmt, va_list ap) {
    srv *s = cls;
    int64_t second = (int64_t)fb__srv_now_s();
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

/* The daemon on addr: a pool of request threads, the connections' limits and timeouts. NULL
 * when it cannot listen (said in the log). */
static struct MHD_Daemon *start_daemon(srv *s, struct sockaddr_in *addr, unsigned threads) {
    struct MHD_Daemon *d =
        MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                             MHD_ALLOW_SUSPEND_RESUME,
                         0, NULL, NULL, access_handler, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
                         MHD_OPTION_SOCK_ADDR, addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
                         MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_CONNECTION_TIMEOUT,
                         (unsigned)FB_HTTP_HEADER_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
                         (unsigned)FB_HTTP_CONNECTIONS_MAX, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                         (unsigned)FB_HTTP_CONNECTIONS_PER_ADDRESS_MAX, MHD_OPTION_END);
    if (!d) {
        fprintf(s->log, "finbridge serve: cannot listen on %s: %s\n", s->o->listen,
                FB_ERRNO_TEXT(errno));
    }
    return d;
}

/* Says where it listens (the log, and the port file when asked), then serves until *stop. */
static void serve_until_stopped(srv *s, struct MHD_Daemon *d, unsigned threads,
                                volatile sig_atomic_t *stop) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : 0;
    fprintf(s->log, "finbridge serve: listening on %s, port %u, %u threads\n", s->o->listen, port,
            threads);
    fflush(s->log);
    if (s->o->port_file) {
        FILE *f = fopen(s->o->port_file, "w");
        if (f) {
            fprintf(f, "%u\n", port);
            fclose(f);
        }
    }
    while (!*stop)
        usleep(50000);
    fprintf(s->log, "finbridge serve: stopping: finishing the requests accepted\n");
    /* No new connections; the writes queued are written and answered, an end of day stops
     * between two days (503), a write arriving now is answered 503; every request taken is
     * answered within ten seconds; then the request threads stop. */
    MHD_quiesce_daemon(d);
    fb__srv_drain(s);
    for (int i = 0; i < 200 && __atomic_load_n(&s->in_flight, __ATOMIC_RELAXED) > 0; i++)
        usleep(50000);
}

/* The writer stops first, once it has written and resumed every request it was handed:
 * stopping the daemon frees the requests of the connections still open, and one the writer
 * still held would be freed under it. */
static void stop_writer(srv *s) {
    if (!s->writer_started) return;
    pthread_mutex_lock(&s->mu);
    s->draining = true;
    s->stopping = true;
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->writer, NULL);
    s->writer_started = false;
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
    /* A book on PostgreSQL opens for its ledger and access room: its other routes answer 501. */
    if (fb_book_open(o->db, FB_OPEN_LEDGER, &s.wl, err, sizeof err) != FB_OK) {
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
    pthread_key_create(&s.reader_key, fb__srv_close_reader);
    pthread_key_create(&s.answers_key, fb__srv_close_answers);
    int rc = s.requests && s.unrouted && s.web ? FB_OK : FB_ENOMEM;
    if (rc == FB_OK && pthread_create(&s.writer, NULL, fb__srv_writer_main, &s) != 0)
        rc = FB_ENOMEM;
    s.writer_started = rc == FB_OK;
    /* As many request threads as cores: writes wait suspended, not in a thread, and more
     * threads than cores only lengthen the tail of read latency (bench/api.sh). */
    unsigned threads = o->threads ? o->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    struct MHD_Daemon *d = rc == FB_OK ? start_daemon(&s, &addr, threads) : NULL;
    if (rc == FB_OK && !d) rc = FB_EIO;
    if (rc == FB_OK) serve_until_stopped(&s, d, threads, stop);
    stop_writer(&s);
    if (d) MHD_stop_daemon(d);
    fb_book_close(s.wl);
    free(s.requests);
    free(s.unrouted);
    fb_web_close(s.web);
    pthread_key_delete(s.reader_key);
    pthread_key_delete(s.answers_key);
    return rc;
}
