/* server.h — `finbridge serve`: the HTTP JSON API on libmicrohttpd (docs/api.md). */
#ifndef FB_API_SERVER_H
#define FB_API_SERVER_H

#include <signal.h>
#include <stdio.h>

#include "finbridge/finbridge.h"

typedef struct fb_serve_options {
    const char *db;
    const char *listen;      /* "127.0.0.1:8080"; port 0 picks a free one */
    size_t body_max;         /* bytes; default 4 MiB */
    unsigned threads;        /* request threads; 0 = two per core */
    const char *port_file;   /* when set, the bound port is written there once listening */
    const char *web;         /* the dashboard's folder (index.html, app.js, ...), or NULL */
    unsigned session_idle_s; /* a dashboard session ends after this long idle; 0 = 30 minutes */
    bool request_log;        /* a JSON line on the log for every request answered */
    /* Where the request threads read (REPEATABLE READ READ ONLY): a standby of db's cluster
     * (--read-db), or NULL for db itself. Writes and their answers always go to db. */
    const char *read_db;
} fb_serve_options;

/* Serves until *stop becomes non-zero (SIGTERM, SIGINT), then stops taking requests, finishes
 * what it accepted, and returns. Messages go to log. */
int fb_serve(const fb_serve_options *o, volatile sig_atomic_t *stop, FILE *log);

/* The OpenAPI document that GET /v1/openapi.json serves, as indented JSON text (the caller frees
 * it; NULL when out of memory). */
char *fb_openapi_text(void);

#endif
