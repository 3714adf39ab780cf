/* pg_access.c — the access room on PostgreSQL: users (their roles, tokens and passwords) and the
 * audit log with its keying record, the same rows as SQLite's (users.c), chained by the same
 * values (checksums.h). Every write runs inside the write transaction that holds the book's
 * lock (pg.c), so the last entry an append chains to is the last one committed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/checksums.h"
#include "store/pg_internal.h"

void fb__pg_hex(const uint8_t *b, size_t n, char *out) {
    out[0] = '\\';
    out[1] = 'x';
    sodium_bin2hex(out + 2, 2 * n + 1, b, n);
}

bool fb__pg_unhex(const char *text, uint8_t *out, size_t n) {
    size_t got = 0;
    if (!text || strncmp(text, "\\x", 2) != 0 || strlen(text + 2) != 2 * n) return false;
    return sodium_hex2bin(out, n, text + 2, 2 * n, NULL, &got, NULL) == 0 && got == n;
}

static void text_at(char *dst, size_t cap, const PGresult *r, int row, int col) {
    snprintf(dst, cap, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

/* ---- Users -------------------------------------------------------------------------------- */

#define USER_COLUMNS                                                                               \
    "SELECT name, role, party, region, (disabled_at IS NOT NULL)::int,"                            \
    " (token_hash IS NOT NULL)::int, (password_hash IS NOT NULL)::int, created_at, changed_at,"    \
    " coalesce(password_hash, '') FROM users"

static void read_user(const PGresult *r, int i, fb_user_row *out) {
    memset(out, 0, sizeof *out);
    char role[32];
    text_at(out->user.name, sizeof out->user.name, r, i, 0);
    text_at(role, sizeof role, r, i, 1);
    if (fb_role_parse(role, &out->user.role)) out->user.role = FB_ROLE_AUDITOR;
    text_at(out->user.party, sizeof out->user.party, r, i, 2);
    out->user.region = (int32_t)fb__pg_int(r, i, 3);
    out->disabled = fb__pg_int(r, i, 4) != 0;
    out->has_token = fb__pg_int(r, i, 5) != 0;
    out->has_password = fb__pg_int(r, i, 6) != 0;
    out->created_ns = fb__pg_int(r, i, 7);
    out->changed_ns = fb__pg_int(r, i, 8);
}

int fb__pg_user_insert(fb_store *s, const fb_user *u, const uint8_t token_hash[32],
                       const char *password_hash, int64_t now_ns) {
    FB_ASSERT(s->pg != NULL && u != NULL && token_hash != NULL);
    FB_ASSERT(s->pg->in_tx && s->pg->write_tx);
    bool bound = u->role == FB_ROLE_ENTERPRISE || u->role == FB_ROLE_GUARANTOR;
    char region[16], hex[2 * 32 + 3], now[24];
    snprintf(region, sizeof region, "%d", (int)u->region);
    snprintf(now, sizeof now, "%lld", (long long)now_ns);
    fb__pg_hex(token_hash, 32, hex);
    const char *p[] = {u->name,
                       fb_role_name(u->role),
                       bound && u->party[0] ? u->party : NULL,
                       u->role == FB_ROLE_GOVERNMENT ? region : NULL,
                       hex,
                       password_hash && password_hash[0] ? password_hash : NULL,
                       now};
    PGresult *r = PQexecParams(s->pg->conn,
                               "INSERT INTO users (name, role, party, region, token_hash,"
                               " password_hash, created_at, changed_at)"
                               " VALUES ($1, $2, $3, $4, $5::bytea, $6, $7, $7)"
                               " ON CONFLICT (name) DO NOTHING",
                               7, NULL, p, NULL, NULL, 0);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return fb__pg_fail(s, r, "adding a user");
    bool added = strcmp(PQcmdTuples(r), "1") == 0;
    PQclear(r);
    if (!added) {
        snprintf(s->errmsg, sizeof s->errmsg, "a user named %s exists", u->name);
        return FB_EINVAL;
    }
    return FB_OK;
}

/* The first user a query of USER_COLUMNS finds; FB_ENOTFOUND when none. */
static int one_user(fb_store *s, const char *sql, const char *arg, fb_user_row *out,
                    char *password_hash, size_t cap) {
    PGresult *r = NULL;
    const char *p[] = {arg};
    int rc = fb__pg_exec(s, sql, 1, p, PGRES_TUPLES_OK, &r, "finding a user");
    if (rc) return rc;
    rc = PQntuples(r) == 1 ? FB_OK : FB_ENOTFOUND;
    if (rc == FB_OK) read_user(r, 0, out);
    if (rc == FB_OK && password_hash) text_at(password_hash, cap, r, 0, 9);
    PQclear(r);
    return rc;
}

int fb__pg_user_by_token_hash(fb_store *s, const uint8_t token_hash[32], fb_user *out) {
    FB_ASSERT(s->pg != NULL && token_hash != NULL && out != NULL);
    char hex[2 * 32 + 3];
    fb__pg_hex(token_hash, 32, hex);
    fb_user_row row;
    int rc = one_user(s, USER_COLUMNS " WHERE token_hash = $1::bytea AND disabled_at IS NULL", hex,
                      &row, NULL, 0);
    if (rc == FB_OK) *out = row.user;
    return rc;
}

int fb__pg_user_by_name(fb_store *s, const char *name, fb_user_row *out, char *password_hash,
                        size_t cap) {
    FB_ASSERT(s->pg != NULL && name != NULL && out != NULL);
    return one_user(s, USER_COLUMNS " WHERE name = $1", name, out, password_hash, cap);
}

int fb__pg_users_list(fb_store *s, const char *after, fb_user_row *out, size_t cap, size_t *n) {
    FB_ASSERT(s->pg != NULL && after != NULL && n != NULL);
    FB_ASSERT(cap <= FB_USERS_LIST_MAX);
    *n = 0;
    char limit[24];
    snprintf(limit, sizeof limit, "%zu", cap);
    const char *p[] = {after, limit};
    PGresult *r = NULL;
    int rc = fb__pg_exec(s,
                         USER_COLUMNS " WHERE name COLLATE \"C\" > $1 ORDER BY name COLLATE \"C\""
                                      " LIMIT $2",
                         2, p, PGRES_TUPLES_OK, &r, "listing users");
    if (rc) return rc;
    for (int i = 0; i < PQntuples(r) && *n < cap; i++)
        read_user(r, i, &out[(*n)++]);
    PQclear(r);
    return FB_OK;
}

int fb__pg_user_set(fb_store *s, const char *name, int what, const char *value, int64_t now_ns) {
    FB_ASSERT(s->pg != NULL && name != NULL);
    FB_ASSERT(what >= 0 && what <= 2);
    static const char *const sql[3][2] = {
        {"UPDATE users SET disabled_at = NULL, changed_at = $2 WHERE name = $1",
         "UPDATE users SET disabled_at = $2, changed_at = $2 WHERE name = $1"},
        {"UPDATE users SET token_hash = NULL, changed_at = $2 WHERE name = $1",
         "UPDATE users SET token_hash = $3::bytea, changed_at = $2 WHERE name = $1"},
        {"UPDATE users SET password_hash = NULL, changed_at = $2 WHERE name = $1",
         "UPDATE users SET password_hash = $3, changed_at = $2 WHERE name = $1"}};
    char now[24];
    snprintf(now, sizeof now, "%lld", (long long)now_ns);
    bool set = value != NULL;
    const char *p[] = {name, now, value};
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, sql[what][set], set && what ? 3 : 2, p, PGRES_COMMAND_OK, &r,
                         "changing a user");
    if (rc) return rc;
    rc = strcmp(PQcmdTuples(r), "1") == 0 ? FB_OK : FB_ENOTFOUND;
    PQclear(r);
    return rc;
}

/* ---- The audit log: keying and appending -------------------------------------------------- */

int fb__pg_audit_keying(fb_store *s, int64_t *keyed_from, uint8_t key_id[16]) {
    FB_ASSERT(s->pg != NULL && keyed_from != NULL && key_id != NULL);
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, "SELECT keyed_from, key_id FROM audit_keying", 0, NULL, PGRES_TUPLES_OK,
                         &r, "reading the audit log's keying");
    if (rc) return rc;
    rc = FB_ENOTFOUND;
    if (PQntuples(r) == 1) {
        *keyed_from = fb__pg_int(r, 0, 0);
        rc = fb__pg_unhex(PQgetvalue(r, 0, 1), key_id, 16) ? FB_OK : FB_ECORRUPT;
        if (rc) snprintf(s->errmsg, sizeof s->errmsg, "the audit log's keying record is damaged");
    }
    PQclear(r);
    return rc;
}

/* The last entry's sequence number and value (0 and zeros for an empty log). */
static int audit_last(fb_store *s, int64_t *seq, uint8_t value[32]) {
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", 0, NULL,
                         PGRES_TUPLES_OK, &r, "reading the audit log");
    if (rc) return rc;
    *seq = 0;
    memset(value, 0, 32);
    if (PQntuples(r) == 1) {
        *seq = fb__pg_int(r, 0, 0);
        if (!fb__pg_unhex(PQgetvalue(r, 0, 1), value, 32)) memset(value, 0, 32);
    }
    PQclear(r);
    return FB_OK;
}

int fb__pg_audit_key_from_now(fb_store *s, const uint8_t key[32], int64_t now_ns) {
    FB_ASSERT(s->pg != NULL && key != NULL);
    FB_ASSERT(s->pg->in_tx && s->pg->write_tx);
    int64_t last = 0;
    uint8_t value[32], id[16], mac[32];
    int rc = audit_last(s, &last, value);
    if (rc) return rc;
    fb__audit_key_id(key, id);
    fb__audit_keying_mac(key, last + 1, id, mac);
    char from[24], at[24], idhex[2 * 16 + 3], machex[2 * 32 + 3];
    int64_t next = last + 1;
    snprintf(from, sizeof from, "%lld", (long long)next);
    snprintf(at, sizeof at, "%lld", (long long)now_ns);
    fb__pg_hex(id, 16, idhex);
    fb__pg_hex(mac, 32, machex);
    const char *p[] = {from, idhex, machex, at};
    return fb__pg_run(s,
                      "INSERT INTO audit_keying (one, keyed_from, key_id, mac, at)"
                      " VALUES (1, $1, $2::bytea, $3::bytea, $4)",
                      4, p, "keying the audit log");
}

int fb__pg_audit_append(fb_store *s, const fb_audit_entry *e, int64_t at_ns,
                        const uint8_t key[32]) {
    FB_ASSERT(s->pg != NULL && e != NULL && key != NULL);
    FB_ASSERT(s->pg->in_tx && s->pg->write_tx);
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
    char seq[24], at[24], status[16], prevhex[2 * 32 + 3], machex[2 * 32 + 3];
    int64_t next = last + 1;
    snprintf(seq, sizeof seq, "%lld", (long long)next);
    snprintf(at, sizeof at, "%lld", (long long)at_ns);
    snprintf(status, sizeof status, "%d", e->status);
    fb__pg_hex(prev, 32, prevhex);
    fb__pg_hex(mac, 32, machex);
    const char *p[] = {seq,     at,      text[0], text[1], text[2], text[3],
                       text[4], text[5], status,  prevhex, machex};
    return fb__pg_run(s,
                      "INSERT INTO audit (seq, at, channel, actor, operation, request_id, result,"
                      " outcome, status, prev, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                      " $10::bytea, $11::bytea)",
                      11, p, "appending to the audit log");
}

/* ---- The audit log: reading --------------------------------------------------------------- */

#define AUDIT_COLUMNS                                                                              \
    "SELECT seq, at, channel, actor, operation, request_id, result, outcome, status, prev, hash"   \
    " FROM audit"

static void read_entry(const PGresult *r, int i, int64_t keyed_from, fb_audit_record *out) {
    memset(out, 0, sizeof *out);
    out->seq = fb__pg_int(r, i, 0);
    out->at_ns = fb__pg_int(r, i, 1);
    text_at(out->channel, sizeof out->channel, r, i, 2);
    text_at(out->actor, sizeof out->actor, r, i, 3);
    text_at(out->operation, sizeof out->operation, r, i, 4);
    text_at(out->request_id, sizeof out->request_id, r, i, 5);
    text_at(out->result, sizeof out->result, r, i, 6);
    text_at(out->outcome, sizeof out->outcome, r, i, 7);
    out->status = (int)fb__pg_int(r, i, 8);
    out->keyed = out->seq >= keyed_from;
    if (!fb__pg_unhex(PQgetvalue(r, i, 10), out->value, 32)) memset(out->value, 0, 32);
}

/* Where the keyed entries start: INT64_MAX when the log was never keyed. */
static int keyed_from_or_never(fb_store *s, int64_t *from, uint8_t id[16], bool *keyed) {
    int rc = fb__pg_audit_keying(s, from, id);
    *keyed = rc == FB_OK;
    if (rc == FB_ENOTFOUND) {
        *from = INT64_MAX;
        memset(id, 0, 16);
        rc = FB_OK;
    }
    return rc;
}

int fb__pg_audit_list(fb_store *s, int64_t from_seq, fb_audit_record *out, size_t cap, size_t *n) {
    FB_ASSERT(s->pg != NULL && out != NULL && n != NULL);
    FB_ASSERT(cap <= FB_AUDIT_LIST_MAX);
    *n = 0;
    int64_t keyed_from = 0;
    uint8_t id[16];
    bool keyed = false;
    int rc = keyed_from_or_never(s, &keyed_from, id, &keyed);
    if (rc) return rc;
    char from[24], limit[24];
    snprintf(from, sizeof from, "%lld", (long long)from_seq);
    snprintf(limit, sizeof limit, "%zu", cap);
    const char *p[] = {from, limit};
    PGresult *r = NULL;
    rc = fb__pg_exec(s, AUDIT_COLUMNS " WHERE seq >= $1 ORDER BY seq LIMIT $2", 2, p,
                     PGRES_TUPLES_OK, &r, "reading the audit log");
    if (rc) return rc;
    for (int i = 0; i < PQntuples(r) && *n < cap; i++)
        read_entry(r, i, keyed_from, &out[(*n)++]);
    PQclear(r);
    return FB_OK;
}

int fb__pg_audit_entry(fb_store *s, int64_t seq, fb_audit_record *out, uint8_t key_id[16]) {
    FB_ASSERT(s->pg != NULL && out != NULL && key_id != NULL);
    FB_ASSERT(seq >= 0);
    int64_t keyed_from = 0;
    bool keyed = false;
    int rc = keyed_from_or_never(s, &keyed_from, key_id, &keyed);
    if (rc) return rc;
    char at[24];
    snprintf(at, sizeof at, "%lld", (long long)seq);
    const char *p[] = {at};
    PGresult *r = NULL;
    rc = fb__pg_exec(
        s, seq == 0 ? AUDIT_COLUMNS " ORDER BY seq DESC LIMIT 1" : AUDIT_COLUMNS " WHERE seq = $1",
        seq == 0 ? 0 : 1, p, PGRES_TUPLES_OK, &r, "reading the audit log");
    if (rc) return rc;
    rc = PQntuples(r) == 1 ? FB_OK : FB_ENOTFOUND;
    if (rc == FB_OK) read_entry(r, 0, keyed_from, out);
    PQclear(r);
    return rc;
}

/* ---- The audit log: verifying ------------------------------------------------------------- */

/* Whether keyed entries can be checked: the key given is the log's (its identity) and the
 * keying record's MAC holds; each failure said. */
static int check_keying(fb_store *s, int64_t keyed_from, const uint8_t id[16],
                        fb__audit_fail_fn *fail, void *ctx, bool *usable) {
    char line[600];
    *usable = false;
    if (!s->audit_key_known) {
        snprintf(line, sizeof line,
                 "audit log: entries from %lld on are keyed, and the key cannot be read: %s",
                 (long long)keyed_from,
                 s->audit_key_problem[0] ? s->audit_key_problem : "no key was given");
        fail(ctx, line);
        return FB_OK;
    }
    uint8_t mine[16], mac[32], stored[32];
    fb__audit_key_id(s->audit_key, mine);
    if (sodium_memcmp(mine, id, 16) != 0) {
        snprintf(line, sizeof line,
                 "audit log: the audit key given is not the key its entries from %lld on were"
                 " made with",
                 (long long)keyed_from);
        fail(ctx, line);
        return FB_OK;
    }
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, "SELECT mac FROM audit_keying", 0, NULL, PGRES_TUPLES_OK, &r,
                         "reading the audit log's keying");
    if (rc) return rc;
    fb__audit_keying_mac(s->audit_key, keyed_from, id, mac);
    bool ok = PQntuples(r) == 1 && fb__pg_unhex(PQgetvalue(r, 0, 0), stored, 32) &&
              sodium_memcmp(stored, mac, 32) == 0;
    PQclear(r);
    if (!ok) fail(ctx, "audit log: its keying record (where the key starts) was changed");
    *usable = ok;
    return FB_OK;
}

/* One entry against the one before: its link, and its MAC when the key is usable. */
static bool entry_holds(fb_store *s, const PGresult *r, int i, int64_t expected_seq,
                        const uint8_t prev[32], bool usable, uint8_t value[32]) {
    int64_t seq = fb__pg_int(r, i, 0);
    uint8_t stored_prev[32], mac[32];
    bool whole = fb__pg_unhex(PQgetvalue(r, i, 10), value, 32);
    bool linked = seq == expected_seq && fb__pg_unhex(PQgetvalue(r, i, 9), stored_prev, 32) &&
                  memcmp(stored_prev, prev, 32) == 0;
    if (!usable) return linked && whole;
    const char *text[6];
    for (int k = 0; k < 6; k++)
        text[k] = PQgetvalue(r, i, 2 + k);
    fb__audit_entry_mac(s->audit_key, prev, seq, fb__pg_int(r, i, 1), (int)fb__pg_int(r, i, 8),
                        text, mac);
    return linked && whole && sodium_memcmp(mac, value, 32) == 0;
}

int fb__pg_audit_verify(fb_store *s, fb__audit_fail_fn *fail, void *ctx, int64_t *entries) {
    FB_ASSERT(s->pg != NULL && fail != NULL && entries != NULL);
    FB_ASSERT(s->pg->in_tx);
    int64_t keyed_from = 0;
    uint8_t id[16];
    bool keyed = false, usable = false;
    *entries = 0;
    int rc = keyed_from_or_never(s, &keyed_from, id, &keyed);
    if (rc == FB_OK && keyed) rc = check_keying(s, keyed_from, id, fail, ctx, &usable);
    fb__pgcur c;
    if (rc == FB_OK) rc = fb__pgcur_open(s, &c, "fb_audit", AUDIT_COLUMNS " ORDER BY seq");
    if (rc) return rc;
    uint8_t prev[32] = {0}, value[32];
    int64_t expected = 1;
    char line[320];
    bool more = false;
    while ((rc = fb__pgcur_next(&c, &more)) == FB_OK && more) {
        (*entries)++;
        int64_t seq = fb__pg_int(c.r, c.row, 0);
        /* Every entry on PostgreSQL is keyed: the book is keyed when first opened to write. */
        if (seq < keyed_from || !entry_holds(s, c.r, c.row, expected, prev, usable, value)) {
            snprintf(line, sizeof line, "audit entry %lld: %s", (long long)seq,
                     seq < keyed_from ? "it is not keyed (the log's keying record is missing)"
                                      : "it does not follow the entry before, or its fields do"
                                        " not give its MAC (changed, removed or added)");
            fail(ctx, line);
            break;
        }
        memcpy(prev, value, 32);
        expected = seq + 1;
    }
    fb__pgcur_close(&c);
    if (rc) return rc;
    if (keyed && keyed_from > expected) {
        snprintf(line, sizeof line,
                 "audit log: its key starts at entry %lld, past the entry after its last (%lld):"
                 " entries were cut off the end",
                 (long long)keyed_from, (long long)(expected - 1));
        fail(ctx, line);
    }
    return FB_OK;
}
