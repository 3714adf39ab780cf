/* access_rows.h — the access room of the store: users and the audit log. Only src/book includes it.
 */
#ifndef FB_STORE_ACCESS_ROWS_H
#define FB_STORE_ACCESS_ROWS_H

#include "store/store.h"

/* Users. A disabled user is found by name (to be listed, enabled) but never by token. */
int fb__store_user_insert(fb_store *s, const fb_user *u, const uint8_t token_hash[32],
                          const char *password_hash, int64_t now_ns);
int fb__store_user_by_token_hash(fb_store *s, const uint8_t token_hash[32], fb_user *out);
/* The user and, when password_hash is not NULL, its password hash ("" when none). */
int fb__store_user_by_name(fb_store *s, const char *name, fb_user_row *out, char *password_hash,
                           size_t cap);
int fb__store_users_list(fb_store *s, const char *after, fb_user_row *out, size_t cap, size_t *n);
/* Changes of one user; FB_ENOTFOUND when there is no user of that name. token_hash NULL revokes.
 */
int fb__store_user_set_disabled(fb_store *s, const char *name, bool disabled, int64_t now_ns);
int fb__store_user_set_token(fb_store *s, const char *name, const uint8_t *token_hash,
                             int64_t now_ns);
int fb__store_user_set_password(fb_store *s, const char *name, const char *password_hash,
                                int64_t now_ns);

/* The audit log. */
/* The identity of an audit key (16 bytes of an HMAC of a constant): names a key, reveals nothing
 * of it. */
void fb__audit_key_id(const uint8_t key[32], uint8_t id[16]);
/* Where the keyed entries start and the key's identity: FB_ENOTFOUND when never keyed. */
int fb__store_audit_keying(fb_store *s, int64_t *keyed_from, uint8_t key_id[16]);
/* Records that entries from the next one on are keyed with key (once, in the transaction of the
 * first keyed entry). */
int fb__store_audit_key_from_now(fb_store *s, const uint8_t key[32], int64_t now_ns);
/* Appends an entry with its HMAC under key, chained to the last one. */
int fb__store_audit_append(fb_store *s, const fb_audit_entry *e, int64_t at_ns,
                           const uint8_t key[32]);
int fb__store_audit_list(fb_store *s, int64_t from_seq, fb_audit_record *out, size_t cap,
                         size_t *n);
/* The entry seq (0: the last one) and the key identity of the log; FB_ENOTFOUND when none. */
int fb__store_audit_entry(fb_store *s, int64_t seq, fb_audit_record *out, uint8_t key_id[16]);
/* The key verify checks keyed entries with, or NULL and why it is not known. */
void fb__store_audit_key_for_verify(fb_store *s, const uint8_t *key, const char *problem);
/* Walks the chain and the keying record, calling fail with each broken link's line (the first
 * broken entry only: every later one follows from it). *entries counts them. */
typedef void fb__audit_fail_fn(void *ctx, const char *line);
int fb__store_audit_verify(fb_store *s, fb__audit_fail_fn *fail, void *ctx, int64_t *entries);

#endif
