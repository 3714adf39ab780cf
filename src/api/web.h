/* web.h — what the dashboard needs of the server: its files, loaded once from the web folder,
 * the sessions of users logged in with their password, and the limit on login attempts. */
#ifndef FB_API_WEB_H
#define FB_API_WEB_H

#include <stdbool.h>
#include <stdio.h>

#include "finbridge/finbridge.h"

typedef struct fb_web fb_web;

enum {
    FB_SESSION_TOKEN_HEX = 64,
    FB_LOGIN_FAILURES_MAX = 5,          /* failed logins of one name, from any address */
    FB_LOGIN_ADDRESS_FAILURES_MAX = 20, /* failed logins from one address, for any name */
    FB_LOGIN_WINDOW_S = 15 * 60,        /* seconds a failure counts */
    /* Names and addresses the limiter counts at once: a few hundred KiB. One address fills
     * at most FB_LOGIN_ADDRESS_FAILURES_MAX name entries a window, so filling the name table
     * takes about 200 addresses, and it then refuses new names rather than forget one. */
    FB_LOGIN_NAMES_MAX = 4096,
    FB_LOGIN_ADDRESSES_MAX = 4096,
};

/* Loads the dashboard's files from dir (NULL or a folder without index.html: no dashboard, the
 * API alone). Sessions end after idle_s seconds without a request, or 12 hours after login. */
fb_web *fb_web_open(const char *dir, unsigned idle_s, FILE *log);
void fb_web_close(fb_web *w);
bool fb_web_installed(const fb_web *w);

/* A file of the dashboard as served: not owned, alive as long as the fb_web. */
typedef struct fb_web_file {
    const char *body;
    size_t len;
    const char *gz; /* the body compressed with gzip, NULL when not worth it */
    size_t gz_len;
    const char *type;
    const char *etag;
    bool immutable; /* asked by its versioned name (/v/<version>/...): kept a year */
} fb_web_file;

/* The file served at path ("/", "/js/main.js", "/v/<version>/js/main.js", ...). */
bool fb_web_asset(const fb_web *w, const char *path, fb_web_file *out);
/* Whether ECharts was found (the dashboard draws its charts). */
bool fb_web_charts(const fb_web *w);
/* The version of the files, "" when no dashboard is served. */
const char *fb_web_version(const fb_web *w);

/* A new session for u; its token (FB_SESSION_TOKEN_HEX characters and a NUL) goes in a cookie. */
void fb_web_session_new(fb_web *w, const fb_user *u, char *token);
/* The user of a live session (and it is kept alive): FB_OK, or FB_ENOTFOUND when the token is
 * unknown, ended or expired. */
int fb_web_session_user(fb_web *w, const char *token, fb_user *out);
void fb_web_session_end(fb_web *w, const char *token);

/* The limit on failed logins, per name and per address, in bounded memory that fails closed.
 * A login attempt takes its place first (fb_web_login_begin) and gives it back with its outcome
 * (fb_web_login_end), so that every password hashed is counted. */
typedef enum fb_login_verdict {
    FB_LOGIN_GO = 0,         /* try the password, then call fb_web_login_end */
    FB_LOGIN_NAME_LOCKED,    /* too many failures for the name */
    FB_LOGIN_ADDRESS_LOCKED, /* too many failures from the address */
    FB_LOGIN_FULL,           /* the limiter cannot count one more name or address: refused */
} fb_login_verdict;

typedef struct fb_login_ticket {
    size_t name_slot, address_slot;
} fb_login_ticket;

/* Whether a login of name from addr may be tried; *wait_s says how long until it may when not.
 * Takes O(FB_LOGIN_NAMES_MAX + FB_LOGIN_ADDRESSES_MAX) under the sessions' lock. */
fb_login_verdict fb_web_login_begin(fb_web *w, const char *name, const char *addr,
                                    fb_login_ticket *t, long *wait_s);
/* The outcome of an attempt begun: a failure counts for its name and its address; a success
 * clears its name's failures (its address's stay). */
void fb_web_login_end(fb_web *w, const fb_login_ticket *t, bool succeeded);

#endif
