/* users.c — the store's rows of users and the audit log.
 *
 * An audit entry carries the value of the one before (prev) and its own (hash), so that a changed
 * or missing entry breaks the chain. Entries written before schema 14 are chained by SHA-256
 * alone; from the first entry the book appends with its audit key on (audit_keying.keyed_from),
 * each value is an HMAC-SHA256 under that key, which is kept outside the book: whoever edits the
 * book without the key cannot recompute the chain (docs/api.md, "The audit log"). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/checksums.h"
#include "store/pg.h"
#include "store/sqlite_internal.h"

/* ---- Users -------------------------------------------------------------------------------- */

int fb__store_user_insert(fb_store *s, const fb_user *u, const uint8_t token_hash[32],
                          const char *password_hash, int64_t now_ns) {
    if (s->pg) return fb__pg_user_insert(s, u, token_hash, password_hash, now_ns);
    FB_ASSERT(s != NULL && u != NULL && token_hash != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO users (name, role, party, region, token_hash,"
                                " password_hash, created_at, changed_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "adding a user");
    sqlite3_bind_text(st, 1, u->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fb_role_name(u->role), -1, SQLITE_STATIC);
    bool bound = u->role == FB_ROLE_ENTERPRISE || u->role == FB_ROLE_GUARANTOR;
    fb__store_bind_text_or_null(st, 3, bound ? u->party : "");
    if (u->role == FB_ROLE_GOVERNMENT) {
        sqlite3_bind_int64(st, 4, u->region);
    } else {
        sqlite3_bind_null(st, 4);
    }
    sqlite3_bind_blob(st, 5, token_hash, 32, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 6, password_hash ? password_hash : "");
    sqlite3_bind_int64(st, 7, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        snprintf(s->errmsg, sizeof s->errmsg, "a user named %s exists", u->name);
        return FB_EINVAL;
    }
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "adding a user");
}

#define USER_COLUMNS                                                                               \
    "name, role, party, region, disabled_at IS NOT NULL, token_hash IS NOT NULL,"                  \
    " password_hash IS NOT NULL, created_at, changed_at"

static void read_user(sqlite3_stmt *st, fb_user_row *out) {
    memset(out, 0, sizeof *out);
    char role[32];
    fb__store_column_text(out->user.name, sizeof out->user.name, st, 0);
    fb__store_column_text(role, sizeof role, st, 1);
    if (fb_role_parse(role, &out->user.role)) out->user.role = FB_ROLE_AUDITOR;
    fb__store_column_text(out->user.party, sizeof out->user.party, st, 2);
    out->user.region = (int32_t)sqlite3_column_int64(st, 3);
    out->disabled = sqlite3_column_int(st, 4) != 0;
    out->has_token = sqlite3_column_int(st, 5) != 0;
    out->has_password = sqlite3_column_int(st, 6) != 0;
    out->created_ns = sqlite3_column_int64(st, 7);
    out->changed_ns = sqlite3_column_int64(st, 8);
}

int fb__store_user_by_token_hash(fb_store *s, const uint8_t token_hash[32], fb_user *out) {
    if (s->pg) return fb__pg_user_by_token_hash(s, token_hash, out);
    FB_ASSERT(s != NULL && token_hash != NULL && out != NULL);
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_USER_BY_TOKEN,
                                          "SELECT " USER_COLUMNS " FROM users"
                                          " WHERE token_hash = ?1 AND disabled_at IS NULL");
    if (!st) return FB_EIO;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        fb_user_row row;
        read_user(st, &row);
        *out = row.user;
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "finding a user");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_user_by_name(fb_store *s, const char *name, fb_user_row *out, char *password_hash,
                           size_t cap) {
    if (s->pg) return fb__pg_user_by_name(s, name, out, password_hash, cap);
    FB_ASSERT(s != NULL && name != NULL && out != NULL);
    FB_ASSERT(password_hash == NULL || cap > 0);
    sqlite3_stmt *st = fb__store_stmt_sql(
        s, STMT_USER_BY_NAME, "SELECT " USER_COLUMNS ", password_hash FROM users WHERE name = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_user(st, out);
        if (password_hash) fb__store_column_text(password_hash, cap, st, 9);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "finding a user");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_users_list(fb_store *s, const char *after, fb_user_row *out, size_t cap, size_t *n) {
    if (s->pg) return fb__pg_users_list(s, after, out, cap, n);
    FB_ASSERT(s != NULL && after != NULL && n != NULL);
    FB_ASSERT(cap <= FB_USERS_LIST_MAX);
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT " USER_COLUMNS " FROM users WHERE name > ?1 ORDER BY name LIMIT ?2", -1, &st,
        NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "listing users");
    sqlite3_bind_text(st, 1, after, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        read_user(st, &out[(*n)++]);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "listing users");
}

/* Runs an UPDATE of one user by name (?1), the time at ?2; FB_ENOTFOUND when no row changed. */
static int user_update(fb_store *s, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    int changed = sqlite3_changes(s->db);
    int err =
        rc == SQLITE_DONE ? (changed == 1 ? FB_OK : FB_ENOTFOUND) : fb__store_fail(s, rc, what);
    sqlite3_finalize(st);
    return err;
}

int fb__store_user_set_disabled(fb_store *s, const char *name, bool disabled, int64_t now_ns) {
    if (s->pg) return fb__pg_user_set(s, name, 0, disabled ? "" : NULL, now_ns);
    FB_ASSERT(s != NULL && name != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                disabled ? "UPDATE users SET disabled_at = ?2, changed_at = ?2"
                                           " WHERE name = ?1"
                                         : "UPDATE users SET disabled_at = NULL, changed_at = ?2"
                                           " WHERE name = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "changing a user");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_ns);
    return user_update(s, st, "changing a user");
}

int fb__store_user_set_token(fb_store *s, const char *name, const uint8_t *token_hash,
                             int64_t now_ns) {
    if (s->pg) {
        char hex[2 * 32 + 3];
        if (token_hash) fb__pg_hex(token_hash, 32, hex);
        return fb__pg_user_set(s, name, 1, token_hash ? hex : NULL, now_ns);
    }
    FB_ASSERT(s != NULL && name != NULL);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "UPDATE users SET token_hash = ?3, changed_at = ?2 WHERE name = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "changing a user's token");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_ns);
    if (token_hash) {
        sqlite3_bind_blob(st, 3, token_hash, 32, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 3);
    }
    return user_update(s, st, "changing a user's token");
}

int fb__store_user_set_password(fb_store *s, const char *name, const char *password_hash,
                                int64_t now_ns) {
    if (s->pg) return fb__pg_user_set(s, name, 2, password_hash, now_ns);
    FB_ASSERT(s != NULL && name != NULL);
    FB_ASSERT(password_hash != NULL && password_hash[0] != 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "UPDATE users SET password_hash = ?3, changed_at = ?2 WHERE name = ?1", -1, &st,
        NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "changing a user's password");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_ns);
    sqlite3_bind_text(st, 3, password_hash, -1, SQLITE_STATIC);
    return user_update(s, st, "changing a user's password");
}

/* ---- The audit log: values ---------------------------------------------------------------- */

/* The value of an entry before schema 14: SHA-256 over the previous value and each field, each
 * field preceded by its length so that no two entries hash the same by moving bytes between
 * fields. fields: actor, request id, method, path, outcome. */
static void legacy_hash(const uint8_t prev[32], int64_t at, const char *const fields[5], int status,
                        uint8_t out[32]) {
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, prev, 32);
    char number[48];
    int n = snprintf(number, sizeof number, "%lld|%d|", (long long)at, status);
    crypto_hash_sha256_update(&h, (const uint8_t *)number, (unsigned long long)n);
    for (int i = 0; i < 5; i++) {
        size_t len = strlen(fields[i]);
        n = snprintf(number, sizeof number, "%zu:", len);
        crypto_hash_sha256_update(&h, (const uint8_t *)number, (unsigned long long)n);
        crypto_hash_sha256_update(&h, (const uint8_t *)fields[i], len);
    }
    crypto_hash_sha256_final(&h, out);
}

static void put_be(uint8_t *out, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
        out[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
}

static void mac_number(crypto_auth_hmacsha256_state *h, uint64_t v) {
    uint8_t b[8];
    put_be(b, v, 8);
    crypto_auth_hmacsha256_update(h, b, sizeof b);
}

static void mac_text(crypto_auth_hmacsha256_state *h, const char *t) {
    size_t len = strlen(t);
    mac_number(h, len);
    crypto_auth_hmacsha256_update(h, (const uint8_t *)t, len);
}

/* The value of a keyed entry: HMAC-SHA256 under the audit key over a domain tag, the previous
 * value, its sequence number, time and status, and each text field preceded by its length. */
void fb__audit_entry_mac(const uint8_t key[32], const uint8_t prev[32], int64_t seq, int64_t at,
                         int status, const char *const text[6], uint8_t out[32]) {
    static const char tag[] = "finbridge audit entry v2";
    crypto_auth_hmacsha256_state h;
    crypto_auth_hmacsha256_init(&h, key, 32);
    crypto_auth_hmacsha256_update(&h, (const uint8_t *)tag, sizeof tag);
    crypto_auth_hmacsha256_update(&h, prev, 32);
    mac_number(&h, (uint64_t)seq);
    mac_number(&h, (uint64_t)at);
    mac_number(&h, (uint64_t)(int64_t)status);
    for (int i = 0; i < 6; i++)
        mac_text(&h, text[i]);
    crypto_auth_hmacsha256_final(&h, out);
}

void fb__audit_key_id(const uint8_t key[32], uint8_t id[16]) {
    static const char tag[] = "finbridge audit key id";
    uint8_t mac[32];
    crypto_auth_hmacsha256(mac, (const uint8_t *)tag, sizeof tag, key);
    memcpy(id, mac, 16);
}

/* The MAC of the keying record: the entry the key starts at and the key's identity, so that
 * moving the start (to pass keyed entries off as unkeyed ones) is caught. */
void fb__audit_keying_mac(const uint8_t key[32], int64_t keyed_from, const uint8_t id[16],
                          uint8_t out[32]) {
    static const char tag[] = "finbridge audit keying";
    crypto_auth_hmacsha256_state h;
    crypto_auth_hmacsha256_init(&h, key, 32);
    crypto_auth_hmacsha256_update(&h, (const uint8_t *)tag, sizeof tag);
    mac_number(&h, (uint64_t)keyed_from);
    crypto_auth_hmacsha256_update(&h, id, 16);
    crypto_auth_hmacsha256_final(&h, out);
}

/* ---- The audit log: keying and appending -------------------------------------------------- */

int fb__store_audit_keying(fb_store *s, int64_t *keyed_from, uint8_t key_id[16]) {
    if (s->pg) return fb__pg_audit_keying(s, keyed_from, key_id);
    FB_ASSERT(s != NULL && keyed_from != NULL && key_id != NULL);
    sqlite3_stmt *st =
        fb__store_stmt_sql(s, STMT_AUDIT_KEYING, "SELECT keyed_from, key_id FROM audit_keying");
    if (!st) return FB_EIO;
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == 16) {
        *keyed_from = sqlite3_column_int64(st, 0);
        memcpy(key_id, sqlite3_column_blob(st, 1), 16);
        err = FB_OK;
    } else if (rc == SQLITE_ROW) {
        snprintf(s->errmsg, sizeof s->errmsg, "the audit log's keying record is damaged");
        err = FB_ECORRUPT;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading the audit log's keying");
    }
    sqlite3_reset(st);
    return err;
}

/* The last entry's sequence number and value (0 and zeros for an empty log). */
static int audit_last(fb_store *s, int64_t *seq, uint8_t value[32]) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_AUDIT_LAST,
                                          "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!st) return FB_EIO;
    int rc = sqlite3_step(st);
    *seq = 0;
    memset(value, 0, 32);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(st, 0);
        if (sqlite3_column_bytes(st, 1) == 32) memcpy(value, sqlite3_column_blob(st, 1), 32);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fb__store_fail(s, rc, "reading the audit log");
    return FB_OK;
}

int fb__store_audit_key_from_now(fb_store *s, const uint8_t key[32], int64_t now_ns) {
    if (s->pg) return fb__pg_audit_key_from_now(s, key, now_ns);
    FB_ASSERT(s != NULL && key != NULL);
    int64_t last = 0;
    uint8_t value[32], id[16], mac[32];
    int rc = audit_last(s, &last, value);
    if (rc) return rc;
    fb__audit_key_id(key, id);
    fb__audit_keying_mac(key, last + 1, id, mac);
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db,
                            "INSERT INTO audit_keying (one, keyed_from, key_id, mac, at)"
                            " VALUES (1, ?1, ?2, ?3, ?4)",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "keying the audit log");
    sqlite3_bind_int64(st, 1, last + 1);
    sqlite3_bind_blob(st, 2, id, 16, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 3, mac, 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, now_ns);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "keying the audit log");
}

int fb__store_audit_append(fb_store *s, const fb_audit_entry *e, int64_t at_ns,
                           const uint8_t key[32]) {
    if (s->pg) return fb__pg_audit_append(s, e, at_ns, key);
    FB_ASSERT(s != NULL && e != NULL && key != NULL);
    FB_ASSERT(e->channel == FB_CHANNEL_API || e->channel == FB_CHANNEL_CLI);
    int64_t last = 0;
    uint8_t prev[32], mac[32];
    int rc = audit_last(s, &last, prev);
    if (rc) return rc;
    const char *const text[6] = {e->channel == FB_CHANNEL_CLI ? "cli" : "api",
                                 e->actor,
                                 e->operation,
                                 e->request_id,
                                 e->result,
                                 e->outcome};
    fb__audit_entry_mac(key, prev, last + 1, at_ns, e->status, text, mac);
    sqlite3_stmt *st = fb__store_stmt_sql(
        s, STMT_AUDIT_INSERT,
        "INSERT INTO audit (seq, at, channel, actor, operation, request_id, result, outcome,"
        " status, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, last + 1);
    sqlite3_bind_int64(st, 2, at_ns);
    for (int i = 0; i < 6; i++)
        sqlite3_bind_text(st, 3 + i, text[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, e->status);
    sqlite3_bind_blob(st, 10, prev, 32, SQLITE_STATIC);
    sqlite3_bind_blob(st, 11, mac, 32, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "appending to the audit log");
}

/* ---- The audit log: reading --------------------------------------------------------------- */

#define AUDIT_COLUMNS                                                                              \
    "seq, at, channel, actor, operation, request_id, result, outcome, status, prev, hash"

static void read_entry(sqlite3_stmt *st, int64_t keyed_from, fb_audit_record *out) {
    memset(out, 0, sizeof *out);
    out->seq = sqlite3_column_int64(st, 0);
    out->at_ns = sqlite3_column_int64(st, 1);
    fb__store_column_text(out->channel, sizeof out->channel, st, 2);
    fb__store_column_text(out->actor, sizeof out->actor, st, 3);
    fb__store_column_text(out->operation, sizeof out->operation, st, 4);
    fb__store_column_text(out->request_id, sizeof out->request_id, st, 5);
    fb__store_column_text(out->result, sizeof out->result, st, 6);
    fb__store_column_text(out->outcome, sizeof out->outcome, st, 7);
    out->status = (int)sqlite3_column_int64(st, 8);
    out->keyed = out->seq >= keyed_from;
    if (sqlite3_column_bytes(st, 10) == 32) memcpy(out->value, sqlite3_column_blob(st, 10), 32);
}

/* Where the keyed entries start: INT64_MAX when the log was never keyed. */
static int keyed_from_or_never(fb_store *s, int64_t *from, uint8_t id[16], bool *keyed) {
    int rc = fb__store_audit_keying(s, from, id);
    *keyed = rc == FB_OK;
    if (rc == FB_ENOTFOUND) {
        *from = INT64_MAX;
        memset(id, 0, 16);
        rc = FB_OK;
    }
    return rc;
}

int fb__store_audit_list(fb_store *s, int64_t from_seq, fb_audit_record *out, size_t cap,
                         size_t *n) {
    if (s->pg) return fb__pg_audit_list(s, from_seq, out, cap, n);
    FB_ASSERT(s != NULL && out != NULL && n != NULL);
    FB_ASSERT(cap <= FB_AUDIT_LIST_MAX);
    *n = 0;
    int64_t keyed_from = 0;
    uint8_t id[16];
    bool keyed = false;
    int rc = keyed_from_or_never(s, &keyed_from, id, &keyed);
    if (rc) return rc;
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT " AUDIT_COLUMNS " FROM audit WHERE seq >= ?1 ORDER BY seq"
                            " LIMIT ?2",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the audit log");
    sqlite3_bind_int64(st, 1, from_seq);
    sqlite3_bind_int64(st, 2, (int64_t)cap);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap)
        read_entry(st, keyed_from, &out[(*n)++]);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK
                                                 : fb__store_fail(s, rc, "reading the audit log");
}

int fb__store_audit_entry(fb_store *s, int64_t seq, fb_audit_record *out, uint8_t key_id[16]) {
    if (s->pg) return fb__pg_audit_entry(s, seq, out, key_id);
    FB_ASSERT(s != NULL && out != NULL && key_id != NULL);
    FB_ASSERT(seq >= 0);
    int64_t keyed_from = 0;
    bool keyed = false;
    int rc = keyed_from_or_never(s, &keyed_from, key_id, &keyed);
    if (rc) return rc;
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db,
                            seq == 0 ? "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY seq DESC"
                                       " LIMIT 1"
                                     : "SELECT " AUDIT_COLUMNS " FROM audit WHERE seq = ?1",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the audit log");
    if (seq) sqlite3_bind_int64(st, 1, seq);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_entry(st, keyed_from, out);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading the audit log");
    }
    sqlite3_finalize(st);
    return err;
}

/* ---- The audit log: verifying ------------------------------------------------------------- */

void fb__store_audit_key_for_verify(fb_store *s, const uint8_t *key, const char *problem) {
    FB_ASSERT(s != NULL);
    FB_ASSERT(key != NULL || problem != NULL);
    s->audit_key_known = key != NULL;
    if (key) memcpy(s->audit_key, key, 32);
    snprintf(s->audit_key_problem, sizeof s->audit_key_problem, "%s", problem ? problem : "");
}

typedef struct {
    fb_store *s;
    fb__audit_fail_fn *fail;
    void *ctx;
    int64_t keyed_from;
    bool keyed, key_usable;
} chain_check;

/* Checks the keying record against the key: the key's identity and the record's MAC. Says
 * whether keyed entries can be checked with s->audit_key. */
static int check_keying(chain_check *c, const uint8_t id[16]) {
    fb_store *s = c->s;
    char line[600];
    if (!c->keyed) return FB_OK;
    if (!s->audit_key_known) {
        snprintf(line, sizeof line,
                 "audit log: entries from %lld on are keyed, and the key cannot be read: %s",
                 (long long)c->keyed_from,
                 s->audit_key_problem[0] ? s->audit_key_problem : "no key was given");
        c->fail(c->ctx, line);
        return FB_OK;
    }
    uint8_t mine[16], mac[32];
    fb__audit_key_id(s->audit_key, mine);
    if (sodium_memcmp(mine, id, 16) != 0) {
        snprintf(line, sizeof line,
                 "audit log: the audit key given is not the key its entries from %lld on were"
                 " made with",
                 (long long)c->keyed_from);
        c->fail(c->ctx, line);
        return FB_OK;
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT mac FROM audit_keying", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the audit log's keying");
    rc = sqlite3_step(st);
    fb__audit_keying_mac(s->audit_key, c->keyed_from, id, mac);
    bool ok = rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32 &&
              sodium_memcmp(sqlite3_column_blob(st, 0), mac, 32) == 0;
    sqlite3_finalize(st);
    if (!ok) {
        c->fail(c->ctx, "audit log: its keying record (where the key starts) was changed");
        return FB_OK;
    }
    c->key_usable = true;
    return FB_OK;
}

/* The value an entry's fields give, or false when it cannot be computed (keyed, no key). */
static bool entry_value(const chain_check *c, sqlite3_stmt *st, const uint8_t prev[32],
                        uint8_t out[32]) {
    int64_t seq = sqlite3_column_int64(st, 0), at = sqlite3_column_int64(st, 1);
    int status = (int)sqlite3_column_int64(st, 8);
    const char *text[8];
    for (int i = 0; i < 6; i++) {
        const unsigned char *t = sqlite3_column_text(st, 2 + i);
        text[i] = t ? (const char *)t : "";
    }
    if (seq >= c->keyed_from) {
        if (!c->key_usable) return false;
        fb__audit_entry_mac(c->s->audit_key, prev, seq, at, status, text, out);
        return true;
    }
    /* Before schema 14: the operation is the method and the path, split at the first space. */
    char method[16] = "";
    const char *op = text[2], *space = strchr(op, ' ');
    size_t mlen = space ? (size_t)(space - op) : 0;
    if (mlen < sizeof method) {
        memcpy(method, op, mlen);
        method[mlen] = 0;
    }
    const char *fields[5] = {text[1], text[3], method, space ? space + 1 : "", text[5]};
    legacy_hash(prev, at, fields, status, out);
    return true;
}

int fb__store_audit_verify(fb_store *s, fb__audit_fail_fn *fail, void *ctx, int64_t *entries) {
    if (s->pg) return fb__pg_audit_verify(s, fail, ctx, entries);
    FB_ASSERT(s != NULL && fail != NULL && entries != NULL);
    chain_check c = {s, fail, ctx, 0, false, false};
    uint8_t id[16];
    int rc = keyed_from_or_never(s, &c.keyed_from, id, &c.keyed);
    if (rc == FB_OK) rc = check_keying(&c, id);
    if (rc) return rc;
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY seq", -1, &st,
                            NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading the audit log");
    uint8_t expected_prev[32] = {0};
    int64_t expected_seq = 1;
    *entries = 0;
    char line[320];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        (*entries)++;
        int64_t seq = sqlite3_column_int64(st, 0);
        uint8_t value[32];
        bool prev_ok = seq == expected_seq && sqlite3_column_bytes(st, 9) == 32 &&
                       memcmp(sqlite3_column_blob(st, 9), expected_prev, 32) == 0;
        bool known = entry_value(&c, st, expected_prev, value);
        bool value_ok = !known || (sqlite3_column_bytes(st, 10) == 32 &&
                                   sodium_memcmp(sqlite3_column_blob(st, 10), value, 32) == 0);
        if (!prev_ok || !value_ok) {
            snprintf(line, sizeof line, "audit entry %lld: %s", (long long)seq,
                     !prev_ok ? "it does not follow the entry before (one is missing or changed)"
                     : seq >= c.keyed_from ? "its fields do not give its MAC (changed)"
                                           : "its fields do not give its hash (changed)");
            fail(ctx, line);
            break;
        }
        /* Without the key a keyed entry's value is taken as stored: its link is still checked. */
        if (sqlite3_column_bytes(st, 10) == 32)
            memcpy(expected_prev, sqlite3_column_blob(st, 10), 32);
        expected_seq = seq + 1;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        if (c.keyed && c.keyed_from > expected_seq) {
            snprintf(line, sizeof line,
                     "audit log: its key starts at entry %lld, past the entry after its last"
                     " (%lld): entries were cut off the end",
                     (long long)c.keyed_from, (long long)(expected_seq - 1));
            fail(ctx, line);
        }
        /* A book is keyed when first opened for writing at schema 14: a log that says it never
         * was while its key exists lost its keying record (to pass keyed entries off as
         * unkeyed ones). */
        if (!c.keyed && s->audit_key_known && *entries > 0) {
            fail(ctx, "audit log: it records no key, yet its key file exists: its keying record"
                      " was removed");
        }
        return FB_OK;
    }
    return fb__store_fail(s, rc, "reading the audit log");
}
