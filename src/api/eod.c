/* eod.c — POST /v1/eod, end of day over HTTP, run by the writer a day at a time (writer.c): each
 * day closed in a unit of work of its own with its audit entry, the other writes queued meanwhile
 * running between two days, and a server told to stop (SIGTERM) stopping between two days with
 * the days closed so far closed and the request answered 503. The book's bounds (eod_max_days,
 * the calendar) are checked once before the first day and again, as they stand, before each. */
#include <stdlib.h>
#include <string.h>

#include "api/resource.h"
#include "core/assert.h"

typedef struct {
    int32_t through; /* the last day to close */
    int32_t closed;  /* days closed so far */
    int32_t last;    /* the last day closed, 0 before the first */
    int stop;        /* set after a day is closed: fb_eod_run stops before the next */
    json_t *days;    /* each day closed, for the answer */
} eod_run;

static void one_day(void *ctx, const fb_eod_day *d, int32_t done, int32_t total) {
    eod_run *run = ctx;
    (void)total;
    FB_ASSERT(done == 1);
    json_array_append_new(run->days, fb_json_encode_eod_day(d));
    run->last = d->date;
    run->stop = 1; /* one day a step */
}

static int refused(req *r, fb_book *book) {
    return fb_problem(r, 422, "end of day refused", "date", "%s", fb_book_errmsg(book));
}

static bool eod_begin(req *r, fb_book *book, void **state) {
    *state = NULL;
    if (!r->len) return fb_problem(r, 400, "malformed JSON", NULL, "the request needs a body"), 0;
    int32_t through = 0;
    fb_json_error err;
    memset(&err, 0, sizeof err);
    if (fb_json_read_eod(r->body, r->len, &through, &err)) {
        fb_problem(r, 400, err.field[0] ? "invalid field" : "malformed request",
                   err.field[0] ? err.field : NULL, "%s%s%s", err.field, err.field[0] ? " " : "",
                   err.reason);
        return false;
    }
    /* The bounds of the whole run, closing nothing: a run stopped before its first day. */
    static const int stop_now = 1;
    fb_eod_options check = {0, NULL, NULL, &stop_now};
    int32_t none = 0;
    int rc = fb_eod_run(book, through, &check, &none);
    FB_ASSERT(rc != FB_OK || none == 0);
    eod_run *run = rc == FB_OK ? calloc(1, sizeof *run) : NULL;
    json_t *days = run ? json_array() : NULL;
    if (!days) {
        free(run);
        if (rc == FB_EINVAL) return refused(r, book), false;
        fb_problem(r, 500, "the write failed", NULL, "%s", rc ? fb_book_errmsg(book) : "no memory");
        return false;
    }
    *run = (eod_run){through, 0, 0, 0, days};
    *state = run;
    return true;
}

/* Closes the business date (before any end of day, the first loan's start), if it is not past
 * the run's last day: one day or none (then *done). */
static int eod_step(req *r, fb_book *book, void *state, bool *done, bool *wrote) {
    eod_run *run = state;
    FB_ASSERT(run != NULL && run->days != NULL);
    run->stop = 0;
    fb_eod_options o = {0, one_day, run, &run->stop};
    int32_t closed = 0;
    int rc = fb_eod_run(book, run->through, &o, &closed);
    FB_ASSERT(rc != FB_OK || closed <= 1);
    if (rc == FB_EINVAL) return refused(r, book), FB_EINVAL; /* a setting changed between days */
    if (rc) return rc;
    run->closed += closed;
    *wrote = closed > 0;
    *done = closed == 0 || run->last >= run->through;
    char day[11], through[11];
    if (closed) {
        snprintf(r->outcome, sizeof r->outcome, "closed %s (day %d of the run through %s)",
                 fb_date_format(run->last, day), run->closed,
                 fb_date_format(run->through, through));
    }
    return FB_OK;
}

static void eod_end(req *r, fb_book *book, void *state, bool stopped) {
    eod_run *run = state;
    FB_ASSERT(run != NULL && run->days != NULL);
    int32_t open = 0;
    int rc = fb_business_date(book, &open);
    char through[11], date[11];
    fb_date_format(run->through, through);
    fb_date_format(open, date);
    if (stopped) {
        json_decref(run->days);
        fb_problem(r, 503, "stopped", NULL,
                   "the server is stopping: end of day closed %d days and stopped between two; "
                   "the business date is %s; send it again through %s to close the rest",
                   run->closed, date, through);
    } else if (rc) {
        json_decref(run->days);
        fb_problem(r, 500, "the read failed", NULL, "%s", fb_book_errmsg(book));
    } else if (!r->json) { /* a step that failed has answered */
        fb_answer(r, 200, fb_json_encode_eod_run(run->closed, open, run->days));
        snprintf(r->outcome, sizeof r->outcome, "closed %d days", run->closed);
    } else {
        json_decref(run->days);
    }
    free(run);
}

const stepped fb__api_eod_steps = {eod_begin, eod_step, eod_end};
