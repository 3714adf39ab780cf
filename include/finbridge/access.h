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
/* The user a token belongs to, if the user is enabled: FB_OK or FB_ENOTFOUND. */
int fb_user_by_token(fb_book *book, const char *token, fb_user *out);
/* Checks an enabled user's password against its Argon2id hash: FB_OK or FB_ENOTFOUND. */
int fb_user_check_password(fb_book *book, const char *name, const char *password, fb_user *out);
/* The enabled user of that name, as it is now (a dashboard session re-checks its user on each
 * request with it): FB_OK, or FB_ENOTFOUND for no such user or a disabled one. */
int fb_user_current(fb_book *book, const char *name, fb_user *out);

/* A user as `users list` shows it: never its token or password, only whether it has them. */
typedef struct fb_user_row {
    fb_user user;
    bool disabled;      /* neither its token nor its password lets it in */
    bool has_token;     /* false once revoked */
    bool has_password;  /* may log in to the dashboard */
    int64_t created_ns; /* when added */
    int64_t changed_ns; /* the last disable, enable, revoke, rotate or passwd */
} fb_user_row;
/* Up to cap users whose name sorts after `after` ("" for the first), by name, into out[0..*n). */
int fb_users_list(fb_book *book, const char *after, fb_user_row *out, size_t cap, size_t *n);

/* What users disable|enable|revoke|rotate|passwd do to a user. */
typedef enum fb_user_change {
    FB_USER_DISABLE, /* neither token nor password lets it in; its sessions stop at their next
                        request */
    FB_USER_ENABLE,  /* lets it in again with what it had */
    FB_USER_REVOKE,  /* removes its API token (rotate gives it a new one) */
    FB_USER_ROTATE,  /* a new token, written to token once; the old one stops */
    FB_USER_PASSWD,  /* sets its password (Argon2id) */
} fb_user_change;
/* Changes the user `name` as `what` says, in one unit of work (audited like every write).
 * token: FB_TOKEN_HEX + 1 bytes for ROTATE, else NULL; password: for PASSWD, else NULL.
 * FB_ENOTFOUND for no such user; FB_EINVAL (errmsg says why) for a change that does not apply
 * (disabling a disabled user, revoking a token it does not have, an empty password). */
int fb_user_change_apply(fb_book *book, const char *name, fb_user_change what, const char *password,
                         char *token);

/* ---- The audit log ------------------------------------------------------------------------ */

/* The door a write came through. */
typedef enum fb_audit_channel { FB_CHANNEL_API = 0, FB_CHANNEL_CLI } fb_audit_channel;
const char *fb_audit_channel_name(fb_audit_channel c);

/* How a write ended: its result word, from a door's status (HTTP: below 400 ok, below 500
 * refused, else failed). */
#define FB_AUDIT_OK "ok"
#define FB_AUDIT_REFUSED "refused"
#define FB_AUDIT_FAILED "failed"

/* An entry of the audit log: one per write, whatever its outcome. The same fields for both doors.
 */
typedef struct fb_audit_entry {
    const char *actor;        /* the user's name; os:<login> on the command line */
    fb_audit_channel channel; /* api or cli */
    const char *operation;    /* "POST /v1/transfers"; "loans repay L1 --amount 5.00" */
    const char *request_id;   /* the API's X-Request-Id; one id per command line run */
    int status;               /* the HTTP status; on the command line its exit status */
    const char *result;       /* FB_AUDIT_OK, FB_AUDIT_REFUSED or FB_AUDIT_FAILED */
    const char *outcome;      /* what happened, in a line */
} fb_audit_entry;
/* Appends an entry, chained to the one before by its HMAC-SHA256 under the book's audit key
 * (fb_audit_key_file); inside the caller's unit of work when one is open, so that the entry and
 * the write it records commit together. Longer fields are cut at FB_AUDIT_FIELD_MAX bytes. */
int fb_audit_append(fb_book *book, const fb_audit_entry *e);

/* The audit key: 32 random bytes in a file outside the book, created mode 0600 by the book's
 * first audited write: the file FINBRIDGE_AUDIT_KEY names, else the book's path with
 * ".audit-key". fb_audit_key_file_set names another file for this handle (restore verifies a
 * backup with the key of the book it replaces). The name is copied. */
void fb_audit_key_file_set(fb_book *book, const char *path);
const char *fb_audit_key_file(const fb_book *book);

/* The facts a book knows when a unit of work commits, for a door that audits every commit. */
typedef struct fb_audit_unit {
    uint64_t commits;      /* commits audited on this handle before this one */
    int32_t business_date; /* the business date as this unit leaves it (0 before any) */
} fb_audit_unit;
/* Fills e for the commit described by unit; the strings must live until it returns. */
typedef void fb_audit_fill_fn(void *ctx, const fb_audit_unit *unit, fb_audit_entry *e);
/* Told, as the handle closes, the message of its last failure ("" when none): a door that audits
 * its refusals (the command line) keeps it for the entry that says so. */
typedef void fb_audit_closing_fn(void *ctx, const char *last_errmsg);
/* From now on, every commit of this handle (a unit of work, or a ledger batch committed alone)
 * first appends the entry fill gives, in the same transaction: the command line audits every
 * write this way, whatever call made it. fill NULL stops it; closing may be NULL. Not for a
 * handle whose writes append their own entries (the server's). */
void fb_audit_each_commit(fb_book *book, fb_audit_fill_fn *fill, fb_audit_closing_fn *closing,
                          void *ctx);

/* An entry as stored. */
typedef struct fb_audit_record {
    int64_t seq;   /* 1, 2, ...: its place in the chain */
    int64_t at_ns; /* when appended */
    char actor[FB_AUDIT_FIELD_MAX + 1];
    char channel[8];
    char operation[FB_AUDIT_FIELD_MAX + 1];
    char request_id[FB_AUDIT_FIELD_MAX + 1];
    int status;
    char result[16];
    char outcome[FB_AUDIT_FIELD_MAX + 1];
    bool keyed; /* value is an HMAC-SHA256 under the key; else a SHA-256 (before schema 14) */
    uint8_t value[32]; /* its MAC (or hash), chaining every entry before it */
} fb_audit_record;
/* Up to cap entries from sequence number from_seq on, into out[0..*n). Read-only. */
int fb_audit_list(fb_book *book, int64_t from_seq, fb_audit_record *out, size_t cap, size_t *n);

/* The head of the chain as an auditor keeps it: the last entry's sequence number and value. A
 * later verify with the head proves that entry is still there unchanged and that the chain
 * through the end holds: nothing before it was changed and nothing cut off up to it. */
typedef struct fb_audit_head {
    int64_t seq;        /* 0 for an empty log */
    bool keyed;         /* value is an HMAC under the key of key_id */
    uint8_t value[32];  /* zeros for an empty log */
    uint8_t key_id[16]; /* the key's identity (not the key); zeros when not keyed */
    int64_t at_ns;      /* the entry's time */
} fb_audit_head;
/* The head as the log stands. The chain is checked first (fb_audit_verify): a broken chain has
 * no head to keep (FB_ECORRUPT, errmsg says where). */
int fb_audit_head_get(fb_book *book, fb_audit_head *out);
/* One line: "finbridge-audit-head seq=N alg=hmac-sha256 value=HEX key-id=HEX at=NS" (alg
 * sha256 and no key-id for a log not keyed yet). Returns buf; cap at least FB_AUDIT_HEAD_LINE. */
#define FB_AUDIT_HEAD_LINE 256
const char *fb_audit_head_format(const fb_audit_head *h, char *buf, size_t cap);
/* Reads such a line (a newline after it is allowed): FB_OK, or FB_EINVAL with why. */
int fb_audit_head_parse(const char *line, fb_audit_head *out, char *why, size_t why_cap);
/* Checks the audit log alone, as fb_book_verify does among the rest: the chain, the keying
 * record and, with the key, every keyed entry's MAC; then a summary line. Reports each failure
 * as a line; *failures counts them. Read-only. */
int fb_audit_verify(fb_book *book, fb_report_fn *report, void *ctx, uint64_t *failures);
/* Checks that the entry a head names is there with the value and under the key it recorded: with
 * a chain that verifies, nothing up to it was changed and nothing was cut off the end since the
 * head was taken. Reports a line (a failure, or what holds); *failures counts failures. */
int fb_audit_check_head(fb_book *book, const fb_audit_head *head, fb_report_fn *report, void *ctx,
                        uint64_t *failures);

#endif
