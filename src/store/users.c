/* users.c — the store's rows of users and the audit log, whose entries are chained by SHA-256. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

int fb__store_user_insert(fb_store *s, const fb_user *u, const uint8_t token_hash[32],
                          const char *password_hash, int64_t now_ns) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO users (name, role, party, region, token_hash,"
                                " password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "adding a user");
    sqlite3_bind_text(st, 1, u->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fb_role_name(u->role), -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 3, u->role == FB_ROLE_ENTERPRISE ? u->party : "");
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

static void read_user(sqlite3_stmt *st, fb_user *out) {
    memset(out, 0, sizeof *out);
    char role[32];
    fb__store_column_text(out->name, sizeof out->name, st, 0);
    fb__store_column_text(role, sizeof role, st, 1);
    if (fb_role_parse(role, &out->role)) out->role = FB_ROLE_AUDITOR;
    fb__store_column_text(out->party, sizeof out->party, st, 2);
    out->region = (int32_t)sqlite3_column_int64(st, 3);
}

int fb__store_user_by_token_hash(fb_store *s, const uint8_t token_hash[32], fb_user *out) {
    sqlite3_stmt *st = fb__store_stmt_sql(
        s, STMT_USER_BY_TOKEN, "SELECT name, role, party, region FROM users WHERE token_hash = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_user(st, out);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "finding a user");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_user_by_name(fb_store *s, const char *name, fb_user *out, char *password_hash,
                           size_t cap) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT name, role, party, region, password_hash FROM users WHERE name = ?1", -1,
        &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "finding a user");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_user(st, out);
        fb__store_column_text(password_hash, cap, st, 4);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "finding a user");
    }
    sqlite3_finalize(st);
    return err;
}

/* The hash of an entry: SHA-256 over the previous hash and each field, each field preceded by
 * its length so that no two entries hash the same by moving bytes between fields. */
void fb__audit_hash(const uint8_t prev[32], int64_t at, const char *const fields[5], int status,
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

int fb__store_audit_append(fb_store *s, const fb_audit_entry *e, int64_t at_ns) {
    uint8_t prev[32] = {0}, hash[32];
    sqlite3_stmt *st =
        fb__store_stmt_sql(s, STMT_AUDIT_LAST, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!st) return FB_EIO;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32) {
        memcpy(prev, sqlite3_column_blob(st, 0), 32);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fb__store_fail(s, rc, "reading the audit log");
    const char *const fields[5] = {e->actor, e->request_id, e->method, e->path, e->outcome};
    fb__audit_hash(prev, at_ns, fields, e->status, hash);
    st = fb__store_stmt_sql(s, STMT_AUDIT_INSERT,
                            "INSERT INTO audit (at, actor, request_id, method, path, status,"
                            " outcome, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, at_ns);
    for (int i = 0; i < 4; i++)
        sqlite3_bind_text(st, 2 + i, fields[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, e->status);
    sqlite3_bind_text(st, 7, e->outcome, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 8, prev, 32, SQLITE_STATIC);
    sqlite3_bind_blob(st, 9, hash, 32, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "appending to the audit log");
}
