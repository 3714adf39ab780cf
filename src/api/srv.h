/* srv.h — the server's own state and what its files share (server.c serves and stops,
 * admit.c decides what a request may be and where it goes, writer.c is the single writer with
 * its group commit and its writes in steps, answer.c writes the answers and the metrics,
 * request_log.c the log of every request). Nothing outside these files includes it: resources see
 * http.h. */
#ifndef FB_API_SRV_H
#define FB_API_SRV_H

#include <signal.h>
#include <stdio.h>

#include "api/http.h"
#include "api/server.h"

enum { LATENCY_BUCKETS = 12 };

struct srv {
    const fb_serve_options *o;
    FILE *log;
    pthread_key_t reader_key;
    pthread_key_t answers_key; /* each request thread's answers kept (answers.c) */
    /* The writer. */
    pthread_t writer;
    bool writer_started;
    pthread_mutex_t mu;
    pthread_cond_t work;
    job *head, *tail; /* under mu */
    bool stopping;    /* under mu: the writer ends once its queue is empty */
    bool draining;    /* under mu: the server is stopping; no write is queued any more (503) */
    req *stepping;    /* the writer's: the write it runs in steps (end of day), or NULL */
    void *step_state; /* the writer's: that write's own state */
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

/* Seconds on the monotonic clock. */
double fb__srv_now_s(void);

/* admit.c: a request refused on its headers alone (answered; true), and a whole request
 * answered here or handed to the writer (true: the writer owns it until it resumes it). */
bool fb__srv_refused_on_arrival(req *r, const char *url);
bool fb__srv_dispatch(srv *s, req *r);

/* writer.c: this thread's read-only book (NULL when it cannot be opened), its destructor, the
 * writer thread, and a write handed to it. */
fb_book *fb__srv_reader(srv *s);
void fb__srv_close_reader(void *book);
void *fb__srv_writer_main(void *arg);
void fb__srv_submit_write(srv *s, req *r);
/* The server stops: the writer ends a write in steps before its next step (503), and no write
 * is queued any more (503); what was queued is still written. */
void fb__srv_drain(srv *s);

/* answers.c: a read's answer, kept for the book's version or computed (the handler's code),
 * and the destructor of a thread's answers. */
int fb__srv_read(srv *s, req *r);
void fb__srv_close_answers(void *answers);

/* answer.c: the answer queued on the connection, counted in the metrics and logged. */
enum MHD_Result fb__srv_respond(srv *s, req *r);

/* request_log.c: one line of JSON for the request answered, on the server's log (stderr). */
void fb__srv_log_request(srv *s, const req *r);

#endif
