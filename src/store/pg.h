/* pg.h — the PostgreSQL backend's side of the store's calls (pg.c, pg_ledger.c, pg_schema.c):
 * each store call of store.h and ledger_rows.h that the SQLite store serves begins with one branch,
 * `if (s->pg) return fb__pg_...(s, ...)`, so that SQLite's path pays a test of a pointer and
 * nothing above src/store knows which backend it talks to (docs/postgresql.md). */
#ifndef FB_STORE_PG_H
#define FB_STORE_PG_H

#include "store/access_rows.h"
#include "store/ledger_rows.h"

/* Whether path names a PostgreSQL database (a postgresql:// or postgres:// URI). */
bool fb__pg_is_uri(const char *path);
int fb__pg_open(const char *uri, unsigned open_flags, fb_store **out, char *errbuf, size_t errlen);
void fb__pg_close(fb_store *s);

int fb__pg_begin_write(fb_store *s);
int fb__pg_begin_read(fb_store *s);
int fb__pg_commit(fb_store *s);
void fb__pg_rollback(fb_store *s);
int fb__pg_data_version(fb_store *s, int64_t *version);
int fb__pg_last_timestamp(fb_store *s, int64_t *ts);
int fb__pg_set_last_timestamp(fb_store *s, int64_t ts);
int fb__pg_open_day(fb_store *s, int32_t *date);
int fb__pg_setting(fb_store *s, const char *key, int64_t absent, int64_t *value);
int fb__pg_setting_put(fb_store *s, const char *key, int64_t value);
int fb__pg_set_business_date(fb_store *s, int32_t date);

int fb__pg_any_failed_ids(fb_store *s, bool *any);
int fb__pg_flush(fb_store *s);
int fb__pg_account_by_id(fb_store *s, const char *id, fb_account *out, int64_t *key);
int fb__pg_accounts_each(fb_store *s, fb_account_fn *fn, void *ctx);
int fb__pg_account_insert(fb_store *s, const fb_account *a, int64_t *key);
int fb__pg_account_update(fb_store *s, int64_t key, const fb_account *a);
int fb__pg_transfer_by_id(fb_store *s, const char *id, fb_stored_transfer *out);
int fb__pg_transfer_by_ts(fb_store *s, int64_t ts, fb_stored_transfer *out);
int fb__pg_transfer_insert(fb_store *s, const fb_stored_transfer *st);
int fb__pg_pending_resolve(fb_store *s, int64_t pending_ts, fb_pending_status status,
                           int64_t resolved_ns);
int fb__pg_pending_due(fb_store *s, int64_t now_ns, int64_t *ts_out, size_t max, size_t *n);
int fb__pg_failed_id_get(fb_store *s, const char *id, bool *found);
int fb__pg_failed_id_insert(fb_store *s, const char *id, int64_t ts, fb_result r);
int fb__pg_balance_insert(fb_store *s, int64_t account_key, const fb_balance *b);
int fb__pg_account_transfers(fb_store *s, int64_t account_key, const fb_query *q, fb_transfer *out,
                             size_t *count);
int fb__pg_account_balances(fb_store *s, int64_t account_key, const fb_query *q, fb_balance *out,
                            size_t *count);
int fb__pg_account_balance_on(fb_store *s, int64_t account_key, int32_t date, fb_balance *out);
int fb__pg_verify(fb_store *s, fb_report_fn *report, void *ctx, uint64_t *failures);
int fb__pg_copy_rows(fb_store *s, fb__copy_kind kind, fb__copy_fn *fn, void *ctx);
int fb__pg_copy_foreign(fb_store *s, char *what, size_t cap, int64_t *rows);

/* The access room (pg_access.c): the calls of access_rows.h. */
int fb__pg_user_insert(fb_store *s, const fb_user *u, const uint8_t token_hash[32],
                       const char *password_hash, int64_t now_ns);
int fb__pg_user_by_token_hash(fb_store *s, const uint8_t token_hash[32], fb_user *out);
int fb__pg_user_by_name(fb_store *s, const char *name, fb_user_row *out, char *password_hash,
                        size_t cap);
int fb__pg_users_list(fb_store *s, const char *after, fb_user_row *out, size_t cap, size_t *n);
/* One user's change: what (0 disabled_at, 1 token_hash, 2 password_hash) set to value (NULL:
 * cleared; a token hash as bytea text). */
int fb__pg_user_set(fb_store *s, const char *name, int what, const char *value, int64_t now_ns);
int fb__pg_audit_keying(fb_store *s, int64_t *keyed_from, uint8_t key_id[16]);
int fb__pg_audit_key_from_now(fb_store *s, const uint8_t key[32], int64_t now_ns);
int fb__pg_audit_append(fb_store *s, const fb_audit_entry *e, int64_t at_ns, const uint8_t key[32]);
int fb__pg_audit_list(fb_store *s, int64_t from_seq, fb_audit_record *out, size_t cap, size_t *n);
int fb__pg_audit_entry(fb_store *s, int64_t seq, fb_audit_record *out, uint8_t key_id[16]);
int fb__pg_audit_verify(fb_store *s, fb__audit_fail_fn *fail, void *ctx, int64_t *entries);
/* bytea as text: "\x" and hex digits (out: 2 * n + 3 bytes); and back, false unless n bytes. */
void fb__pg_hex(const uint8_t *b, size_t n, char *out);
bool fb__pg_unhex(const char *text, uint8_t *out, size_t n);
/* The ledger's chain (pg_chain.c). */
int fb__pg_chain_seal(fb_store *s, int64_t last_ts);
int fb__pg_chain_verify(fb_store *s, void (*fail)(void *, const char *), void *ctx, int64_t *seals);

#endif
