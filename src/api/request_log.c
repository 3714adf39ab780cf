/* request_log.c — the server's log of every request: one line of JSON each on its log (stderr
 * for `finbridge serve`), written once the answer is queued, for a log collector to read
 * (docs/api.md, "The request log"). A line is one write of the FILE, so that lines of
 * concurrent requests never mix. */
#include <string.h>
#include <time.h>

#include "api/srv.h"
#include "core/assert.h"

enum { LOG_LINE_MAX = 4096 }; /* bytes: a path of FB_HTTP_PATH_MAX written %XX, the rest short */
_Static_assert(FB_HTTP_PATH_MAX * 6 + 512 <= LOG_LINE_MAX, "a line holds a path escaped");

/* The wall clock in UTC, RFC 3339 with microseconds: "2026-12-01T13:35:22.123456Z". */
static void utc_now(char *buf, size_t cap) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t at = strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + at, cap - at, ".%06ldZ", ts.tv_nsec / 1000);
}

/* A text as a JSON string: as it is when it is UTF-8, else with every byte above 0x7f written
 * %XX (libmicrohttpd hands the path over decoded, bytes as they came). */
static json_t *text(const char *t) {
    json_t *j = json_string(t);
    if (j) return j;
    char buf[FB_HTTP_PATH_MAX * 3 + 1];
    size_t at = 0;
    for (const unsigned char *p = (const unsigned char *)t; *p && at + 4 < sizeof buf; p++) {
        at += (size_t)snprintf(buf + at, sizeof buf - at, *p < 0x80 ? "%c" : "%%%02X", *p);
    }
    buf[at] = 0;
    return json_string(buf);
}

void fb__srv_log_request(srv *s, const req *r) {
    FB_ASSERT(s != NULL && r != NULL);
    FB_ASSERT(r->request_id[0] != 0);
    char when[40];
    utc_now(when, sizeof when);
    double took_us = (fb__srv_now_s() - r->started) * 1e6;
    json_t *line = json_pack(
        "{s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:I}", "time", when, "request_id", r->request_id,
        "user", r->user.name[0] ? json_string(r->user.name) : json_null(), "method",
        text(r->method), "route", r->route ? json_string(r->route->pattern) : json_null(), "path",
        text(r->path), "status", r->status, "duration_us", (json_int_t)(took_us > 0 ? took_us : 0));
    if (!line) return; /* out of memory */
    char buf[LOG_LINE_MAX];
    size_t n = json_dumpb(line, buf, sizeof buf - 1, JSON_COMPACT);
    json_decref(line);
    if (n == 0 || n >= sizeof buf - 1) return;
    buf[n++] = '\n';
    fwrite(buf, 1, n, s->log);
}
