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
    FB_LOGIN_FAILURES_MAX = 5,   /* failed logins per user and address within the window */
    FB_LOGIN_WINDOW_S = 15 * 60, /* seconds */
};

/* Loads the dashboard's files from dir (NULL or a folder without index.html: no dashboard, the
 * API alone). Sessions end after idle_s seconds without a request, or 12 hours after login. */
fb_web *fb_web_open(const char *dir, unsigned idle_s, FILE *log);
void fb_web_close(fb_web *w);
bool fb_web_installed(const fb_web *w);

/* The file served at path ("/", "/js/main.js", ...): its bytes and content type. */
bool fb_web_asset(const fb_web *w, const char *path, const char **body, size_t *len,
                  const char **type);

/* A new session for u; its token (FB_SESSION_TOKEN_HEX characters and a NUL) goes in a cookie. */
void fb_web_session_new(fb_web *w, const fb_user *u, char *token);
/* The user of a live session (and it is kept alive): FB_OK, or FB_ENOTFOUND when the token is
 * unknown, ended or expired. */
int fb_web_session_user(fb_web *w, const char *token, fb_user *out);
void fb_web_session_end(fb_web *w, const char *token);

/* Seconds until a login for name from addr may be tried again (0: now). */
long fb_web_login_wait(fb_web *w, const char *name, const char *addr);
void fb_web_login_failed(fb_web *w, const char *name, const char *addr);
void fb_web_login_succeeded(fb_web *w, const char *name, const char *addr);

#endif
