/* writer.c — the server's single writer: every write of the API runs on one thread with the one
 * read-write handle of the book, grouping concurrent ledger writes into one transaction (group
 * commit) with each request's audit entry, and resumes each request's connection only once its
 * write is durable; a write in steps (end of day: a day a step) runs a step between two groups,
 * and stops between two steps when the server stops. And the request threads' read-only books,
 * one a thread. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/srv.h"
#include "core/assert.h"

/* ---- Readers ------------------------------------------------------------------------------- */

void fb__srv_close_reader(void *book) { fb_book_close(book); }

fb_book *fb__srv_reader(srv *s) {
    fb_book *l = pthread_getspecific(s->reader_key);
    if (l) return l;
    char err[256];
    const char *where = s->o->read_db ? s->o->read_db : s->o->db;
    if (fb_book_open(where, FB_OPEN_READONLY | FB_OPEN_LEDGER, &l, err, sizeof err) != FB_OK) {
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
    if (r->refused) return; /* answered already (403, 413, 415, 400): only its audit entry */
    FB_ASSERT(r->route->fn != NULL && !r->route->steps); /* a stepped write runs in steps */
    int rc = r->route->fn(r, s->wl);
    if (rc && !r->json) {
        fb_problem(r, rc == FB_EBUSY ? 503 : 500, "the write failed", NULL, "%s",
                   fb_book_errmsg(s->wl));
    }
    if (!r->outcome[0]) snprintf(r->outcome, sizeof r->outcome, "%d", r->status);
}

/* A failed transaction's answer: retry (another writer held the book), unavailable (no primary:
 * nothing written), in doubt (still unknown after resubmitting: send the same request again,
 * its ids make that safe), or a failure. */
static void not_written(req *r, int rc, const char *why) {
    if (rc == FB_EINDOUBT) {
        fb_problem(r, 503, "in doubt", NULL,
                   "%s: the outcome is not known: send the same request again once the database"
                   " is back (its ids make that safe: what was written answers exists)",
                   fb_err_name(rc));
    } else if (rc == FB_EUNAVAILABLE || rc == FB_EBUSY) {
        fb_problem(r, 503, rc == FB_EBUSY ? "busy" : "unavailable", NULL,
                   "%s: not written: %s; send it again", fb_err_name(rc), why);
    } else if (rc == FB_EINVAL) { /* the book takes no write: a stopped import's mark */
        fb_problem(r, 422, "not written", NULL, "%s", why);
    } else {
        fb_problem(r, 500, "not written", NULL, "the transaction failed: %s", why);
    }
}

/* A group's transaction once: each request's write and its audit entry, then the commit. */
static int group_once(srv *s, job **v, size_t n) {
    int rc = fb_book_begin(s->wl);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        run_write(s, v[i]->r);
        audit(s, v[i]->r);
    }
    if (rc == FB_OK) rc = fb_book_commit(s->wl);
    return rc;
}

/* A group whose commit is in doubt, or whose database was unavailable (a failover), is run
 * again, the same requests, for up to FB_PG_RESUBMIT_MS (a server store only: SQLite never
 * answers either code): the ledger's ids make that safe, as events already committed answer
 * exists, and no request is answered before its outcome is known. */
static int group_known(srv *s, job **v, size_t n) {
    int rc = group_once(s, v, n);
    int64_t start = fb_now_ns();
    while ((rc == FB_EINDOUBT || rc == FB_EUNAVAILABLE) &&
           fb_now_ns() - start < (int64_t)FB_PG_RESUBMIT_MS * 1000000) {
        bool doubt = rc == FB_EINDOUBT;
        struct timespec pause = {0, 200 * 1000000L};
        nanosleep(&pause, NULL);
        for (size_t i = 0; i < n; i++) { /* a refused request keeps its answer */
            req *r = v[i]->r;
            if (r->refused) continue;
            json_decref(r->json);
            r->json = NULL;
            r->status = 0;
            r->outcome[0] = 0;
        }
        rc = group_once(s, v, n);
        if (rc == FB_EUNAVAILABLE && doubt) rc = FB_EINDOUBT; /* still not known */
    }
    return rc;
}

/* Runs a group of jobs: ledger events together in one transaction (each request a batch of its
 * own inside it, so that a request's linked chain never joins another's), anything else alone
 * with its audit entry in its own transaction. */
static void run_group(srv *s, job **v, size_t n) {
    fb_book *l = s->wl;
    bool grouped = n > 1 || v[0]->r->route->groupable;
    if (grouped) {
        int rc = group_known(s, v, n);
        for (size_t i = 0; i < n; i++) {
            v[i]->rc = rc;
            if (rc) not_written(v[i]->r, rc, fb_book_errmsg(l));
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
    if (rc) not_written(r, rc, fb_book_errmsg(l));
    v[0]->rc = rc;
    pthread_mutex_lock(&s->metrics_mu);
    if (rc == FB_OK) {
        s->commits++;
        s->rows_committed++;
    }
    pthread_mutex_unlock(&s->metrics_mu);
}

/* Durable (or answered): the answer may go. From here the request thread owns r again. */
static void publish(req *r) {
    __atomic_store_n(&r->phase, 2, __ATOMIC_RELEASE);
    MHD_resume_connection(r->conn);
}

/* ---- A write in steps (end of day) ----------------------------------------------------------- */

/* The stepped write ends: its answer (stopped: 503 with what was done), and its own audit entry
 * in a transaction of its own, then its connection resumed. */
static void end_steps(srv *s, bool stopped) {
    req *r = s->stepping;
    r->route->steps->end(r, s->wl, s->step_state, stopped);
    if (!r->outcome[0]) snprintf(r->outcome, sizeof r->outcome, "%d", r->status);
    r->refused = true; /* answered: run_group writes its entry and runs nothing */
    job *one = &r->job;
    run_group(s, &one, 1);
    s->stepping = NULL;
    s->step_state = NULL;
    publish(r);
}

/* One step of the stepped write in its unit of work with its audit entry, or its end when it
 * is done, failed, or the server is stopping (draining: before the step). */
static void run_step(srv *s, bool draining) {
    req *r = s->stepping;
    FB_ASSERT(r != NULL && r->route->steps != NULL);
    bool done = draining, wrote = false;
    int rc = draining ? FB_OK : fb_book_begin(s->wl);
    if (!draining && rc == FB_OK) {
        rc = r->route->steps->step(r, s->wl, s->step_state, &done, &wrote);
        if (rc == FB_OK && wrote) {
            r->status = 200; /* the step's entry: done; the request's own follows at its end */
            audit(s, r);
            rc = fb_book_commit(s->wl);
        } else {
            fb_book_rollback(s->wl);
        }
        if (rc && !r->json) { /* 422: the book takes no write (a stopped import's mark) */
            fb_problem(r,
                       rc == FB_EBUSY    ? 503
                       : rc == FB_EINVAL ? 422
                                         : 500,
                       "not written", NULL, "%s", fb_book_errmsg(s->wl));
        }
        done = done || rc != FB_OK;
        pthread_mutex_lock(&s->metrics_mu);
        s->commits += rc == FB_OK && wrote;
        pthread_mutex_unlock(&s->metrics_mu);
    }
    if (done) end_steps(s, draining);
}

/* A stepped write taken from the queue: begun (the writer keeps it, its connection suspended,
 * until its end), or refused at once and answered with its entry. */
static void begin_steps(srv *s, req *r) {
    void *state = NULL;
    if (r->route->steps->begin(r, s->wl, &state)) {
        s->stepping = r;
        s->step_state = state;
        return;
    }
    r->refused = true;
    job *one = &r->job;
    run_group(s, &one, 1);
    publish(r);
}

/* ---- The writer's loop ----------------------------------------------------------------------- */

enum { GROUP_MAX = 256 };

/* Takes the groupable jobs at the head (up to GROUP_MAX), or one that is not; none when the
 * head is a stepped write and one is running (it waits its turn, and the queue behind it). */
static size_t take_jobs(srv *s, job **v) {
    size_t n = 0;
    while (s->head && n < GROUP_MAX) {
        const route *rt = s->head->r->route;
        if (rt->steps && s->stepping && !s->head->r->refused) break;
        bool groupable = rt->groupable;
        if (n > 0 && !groupable) break;
        v[n++] = s->head;
        s->head = s->head->next;
        if (!groupable) break;
    }
    if (!s->head) s->tail = NULL;
    return n;
}

/* Runs what is queued, one group a turn, and between two groups one step of a stepped write:
 * so a long end of day lets every other write through between its days. */
void *fb__srv_writer_main(void *arg) {
    srv *s = arg;
    job *v[GROUP_MAX];
    for (;;) {
        pthread_mutex_lock(&s->mu);
        while (!s->head && !s->stepping && !s->stopping)
            pthread_cond_wait(&s->work, &s->mu);
        if (!s->head && !s->stepping && s->stopping) {
            pthread_mutex_unlock(&s->mu);
            return NULL;
        }
        bool draining = s->draining;
        size_t n = take_jobs(s, v);
        pthread_mutex_unlock(&s->mu);
        if (n == 1 && v[0]->r->route->steps && !v[0]->r->refused) {
            begin_steps(s, v[0]->r);
        } else if (n) {
            run_group(s, v, n);
            for (size_t i = 0; i < n; i++)
                publish(v[i]->r);
        }
        if (s->stepping) run_step(s, draining);
    }
}

/* Queues a write and suspends its connection, which frees the request thread: the writer
 * resumes it once the write is durable, and the answer goes then. Once the server is stopping
 * (draining), a write is not queued: it is answered 503 here, its connection resumed at once.
 *
 * The request is handed over: from the unlock below the writer owns *r (it may run, answer and
 * resume it before this returns), and the request thread must not read or write it again until
 * libmicrohttpd calls the handler on the resumed connection. phase is written here before the
 * lock that publishes the job, so the writer's later store cannot race with it. */
void fb__srv_submit_write(srv *s, req *r) {
    r->job = (job){r, 0, NULL};
    __atomic_store_n(&r->phase, 1, __ATOMIC_RELAXED);
    MHD_suspend_connection(r->conn);
    pthread_mutex_lock(&s->mu);
    bool draining = s->draining;
    if (!draining) {
        if (s->tail) {
            s->tail->next = &r->job;
        } else {
            s->head = &r->job;
        }
        s->tail = &r->job;
        pthread_cond_signal(&s->work);
    }
    pthread_mutex_unlock(&s->mu);
    if (!draining) return;
    if (!r->refused) {
        fb_problem(r, 503, "stopping", NULL,
                   "the server is stopping: the write was not run; send it again once it is back");
    }
    publish(r);
}

void fb__srv_drain(srv *s) {
    pthread_mutex_lock(&s->mu);
    s->draining = true;
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
}
