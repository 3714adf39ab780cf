/* http.h — what the server's files share: a request, the route table, the writer. */
#ifndef FB_API_HTTP_H
#define FB_API_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#include "api/web.h"
#include "finbridge/finbridge.h"
#include "wire/ledger_json.h"
#include "wire/records.h"

#define SEGS_MAX 8

typedef struct srv srv;

/* A write waiting for the writer; its connection is suspended meanwhile. */
typedef struct job {
    struct req *r;
    int rc;
    struct job *next;
} job;

typedef struct req {
    srv *s;
    struct MHD_Connection *conn;
    const char *method;
    char path[FB_HTTP_PATH_MAX + 1];
    char *seg[SEGS_MAX]; /* the path's segments, in path_buf */
    int nseg;
    char path_buf[FB_HTTP_PATH_MAX + 1];
    char *body;
    size_t len, cap;
    bool too_big;
    fb_user user;
    char request_id[40];
    const struct route *route;
    fb_book *rl; /* this thread's read-only book */
    /* The answer. */
    int status;
    json_t *json; /* the body, or a problem */
    char *text;   /* a body that is not JSON (metrics), owned */
    const char *content_type;
    const char *file; /* a file of the dashboard, not owned */
    size_t file_len;
    fb_web_file asset;    /* that file: its gzip body, ETag and how long it may be kept */
    char set_cookie[160]; /* a Set-Cookie header to send, or "" */
    char allow[48];       /* a 405's Allow header: the methods served on the path */
    bool close;           /* the connection closes after the answer (a request not trusted) */
    bool by_session;      /* authenticated by the dashboard's session cookie */
    char outcome[160];    /* for the audit log */
    bool refused;         /* a write answered before running (403, 413...): audited, not run */
    job job;              /* when it is a write */
    int phase;            /* 0 arriving, 1 waiting for the writer (suspended), 2 written */
    double started;

    /* An answer that is a file (an export), sent from its descriptor. */
    bool has_body_fd; /* body_fd is open and owned */
    int body_fd;
    uint64_t body_fd_size; /* bytes */
    char disposition[192]; /* a Content-Disposition header, or "" */
} req;

/* Roles as bits. */
#define R(role) (1u << (role))
#define ANY_ROLE ((1u << FB_ROLE_COUNT_) - 1)
#define NO_AUTH 0x80000000u /* the route needs no token */

typedef int handler_fn(req *r, fb_book *book);

/* A write the writer runs a step at a time (writer.c), each step a unit of work of its own with
 * an audit entry, the other writes queued running between two steps; a server told to stop
 * stops it between two steps. End of day: a day a step (eod.c). */
typedef struct stepped {
    /* Reads and checks the request: true to go on (*state its own), false when it answered. */
    bool (*begin)(req *r, fb_book *book, void **state);
    /* One step inside the unit of work the writer opened: *wrote when it wrote (the writer
     * commits it with its entry, else rolls it back), *done when there is no step after it; a
     * failure (non-zero) may answer r. */
    int (*step)(req *r, fb_book *book, void *state, bool *done, bool *wrote);
    /* Its answer once done, or stopped (503, saying what was done); frees the state. */
    void (*end)(req *r, fb_book *book, void *state, bool stopped);
} stepped;

typedef struct route {
    const char *method;
    const char *pattern; /* segments; {name} matches one */
    unsigned roles;
    bool write;     /* runs on the writer, audited */
    bool groupable; /* ledger events: grouped with others into one transaction */
    handler_fn *fn;
    const char *summary;
    /* What the OpenAPI document says of it (table.c); a route without them is still served and
     * described, with less. */
    const char *operation_id;     /* NULL: derived from the method and the path */
    const fb_wire_record *body;   /* the request body's record; NULL: no body */
    unsigned body_max;            /* > 0: the body is an array of 1..body_max of them */
    const fb_wire_record *answer; /* the answer's record; NULL: said by the summary only */
    bool answer_list;             /* the answer is an array of them */
    const fb_wire_record *query;  /* the query's arguments (fields read from the query string) */
    unsigned statuses;            /* ST_...: what it may answer beyond 200, 400, 401, 403, 404 */
    const stepped *steps;         /* a write the writer runs in steps (fn is then NULL) */
} route;

/* Statuses a route may answer besides the usual ones. */
enum {
    ST_201 = 1u << 0,  /* created; 200 when it was created before (the same) */
    ST_409 = 1u << 1,  /* an id reused with other content */
    ST_422 = 1u << 2,  /* a business refusal, or no report on that day */
    ST_429 = 1u << 3,  /* too many attempts */
    ST_TEXT = 1u << 4, /* the answer is text/plain, not JSON */
    ST_401 = 1u << 5,  /* an open route that may still answer 401 (a failed login) */
    ST_FILE = 1u << 6, /* the answer is a file download: CSV or XLSX (docs/export.md) */
    ST_503 = 1u << 7,  /* stopped part-way: the server is stopping (end of day between days) */
};

extern const route fb_routes[];
extern const size_t fb_routes_count;

/* Sets a problem+json answer: status, a short title, the detail and the field at fault. */
int fb_problem(req *r, int status, const char *title, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Sets a JSON answer (takes j). */
int fb_answer(req *r, int status, json_t *j);
/* A query argument: NULL when absent, "" when given without a value ("?from" or "?from="). */
const char *fb_arg(req *r, const char *name);
/* The request body as JSON: an object or array; sets a 400 problem and returns NULL otherwise. */
json_t *fb_body(req *r, bool array);
/* The dashboard's files and sessions. */
fb_web *fb_server_web(srv *s);
/* The book's database path, as served (--db). */
const char *fb_server_db(srv *s);
/* The client's IP address as text. */
const char *fb_client_address(req *r, char *buf, size_t cap);
/* The OpenAPI document of the route table. */
json_t *fb_openapi(void);
/* Metrics in Prometheus text (owned by the caller). */
char *fb_metrics_text(srv *s);

#endif
