/* access.h — who may use the book: roles, users with their tokens and passwords, and the audit
 * log (docs/api.md). */
#ifndef FINBRIDGE_ACCESS_H
#define FINBRIDGE_ACCESS_H

#include "finbridge/book.h"

/* ---- Users and the audit log ------------------------------------------------------------- */

#define FB_USER_NAME_MAX 64
#define FB_TOKEN_HEX 64 /* a token: 256 random bits in hex */

typedef struct fb_user {
    char name[FB_USER_NAME_MAX + 1];
    fb_role role;
    char party[FB_PARTY_ID_MAX + 1]; /* enterprise */
    int32_t region;                  /* government: 210000 for the province, or a city */
} fb_user;

/* Adds a user and writes its new API token (FB_TOKEN_HEX characters and a NUL) to token: the
 * only time it is seen, as only its hash is kept. password may be NULL; when given it is kept as
 * an Argon2id hash. FB_EINVAL (errmsg says why) for a taken name, an unknown party, a region
 * outside Liaoning, or fields that do not fit the role. */
int fb_user_add(fb_book *book, const fb_user *u, const char *password, char *token);
/* The user a token belongs to: FB_OK or FB_ENOTFOUND. */
int fb_user_by_token(fb_book *book, const char *token, fb_user *out);
/* Checks a user's password against its Argon2id hash: FB_OK or FB_ENOTFOUND. */
int fb_user_check_password(fb_book *book, const char *name, const char *password, fb_user *out);

/* An entry of the audit log: one per write, whatever its outcome. */
typedef struct fb_audit_entry {
    const char *actor; /* the user's name */
    const char *request_id;
    const char *method;
    const char *path;
    int status;          /* the HTTP status answered */
    const char *outcome; /* what happened, in a line */
} fb_audit_entry;
/* Appends an entry, chained to the one before by its hash; inside the caller's unit of work when
 * one is open, so that the entry and the write it records commit together. */
int fb_audit_append(fb_book *book, const fb_audit_entry *e);

#endif
