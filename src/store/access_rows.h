/* access_rows.h — the access room of the store: users and the audit log. Only src/book includes it.
 */
#ifndef FB_STORE_ACCESS_ROWS_H
#define FB_STORE_ACCESS_ROWS_H

#include "store/store.h"

/* Users and the audit log. */
int fb__store_user_insert(fb_store *s, const fb_user *u, const uint8_t token_hash[32],
                          const char *password_hash, int64_t now_ns);
int fb__store_user_by_token_hash(fb_store *s, const uint8_t token_hash[32], fb_user *out);
/* The user and its password hash ("" when none). */
int fb__store_user_by_name(fb_store *s, const char *name, fb_user *out, char *password_hash,
                           size_t cap);
int fb__store_audit_append(fb_store *s, const fb_audit_entry *e, int64_t at_ns);

#endif
