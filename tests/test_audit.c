/* test_audit.c — the audit log and the users' operations: the keyed chain against an editor who
 * recomputes the hashes, the head against entries cut off the end, the key file (missing, another
 * book's, readable by others), a book migrated from schema 13 with SHA-256 entries, the hook that
 * audits every commit, and users disabled, revoked, rotated and given a password. */
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "finbridge/finbridge.h"
#include "store/store.h"
#include "test.h"

static void print_line(void *ctx, const char *line) {
    (void)ctx;
    printf("    %s\n", line);
}

static int counter;

static fb_book *open_book(const char *name, char *path, size_t cap) {
    snprintf(path, cap, "%s/%s-%d.db", test_dir(), name, counter++);
    fb_book *b = NULL;
    char err[512];
    int rc = fb_book_open(path, FB_OPEN_CREATE, &b, err, sizeof err);
    if (rc) printf("    open %s: %s\n", path, err);
    return b;
}

static int append(fb_book *b, const char *outcome) {
    fb_audit_entry e = {"alice",     FB_CHANNEL_API, "POST /v1/transfers", "r1", 201,
                        FB_AUDIT_OK, outcome};
    return fb_audit_append(b, &e);
}

static uint64_t verify(fb_book *b) {
    uint64_t failures = 0;
    if (fb_book_verify(b, print_line, NULL, &failures) != FB_OK) return 999;
    return failures;
}

static int sql(const char *path, const char *text) {
    sqlite3 *db = NULL;
    char *err = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, text, NULL, NULL, &err);
    if (rc != SQLITE_OK) printf("    sql: %s\n", err ? err : sqlite3_errmsg(db));
    sqlite3_free(err);
    sqlite3_close(db);
    return rc;
}

/* The SHA-256 of an entry as schema 13 made it: what an editor without the key can compute. */
static void legacy_hash(const uint8_t prev[32], int64_t at, const char *const f[5], int status,
                        uint8_t out[32]) {
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, prev, 32);
    char number[48];
    int n = snprintf(number, sizeof number, "%lld|%d|", (long long)at, status);
    crypto_hash_sha256_update(&h, (const uint8_t *)number, (unsigned long long)n);
    for (int i = 0; i < 5; i++) {
        size_t len = strlen(f[i]);
        n = snprintf(number, sizeof number, "%zu:", len);
        crypto_hash_sha256_update(&h, (const uint8_t *)number, (unsigned long long)n);
        crypto_hash_sha256_update(&h, (const uint8_t *)f[i], len);
    }
    crypto_hash_sha256_final(&h, out);
}

/* Rewrites entries from..to with SHA-256 values chained from the entry before, as an editor
 * would who changed one and knows the unkeyed scheme: the operation is split back into method
 * and path. */
static void recompute(const char *path, int64_t from, int64_t to) {
    sqlite3 *db = NULL;
    EXPECT_EQ_INT(SQLITE_OK, sqlite3_open(path, &db));
    sqlite3_exec(db, "DROP TRIGGER audit_no_update", NULL, NULL, NULL);
    uint8_t prev[32] = {0};
    for (int64_t seq = from; seq <= to; seq++) {
        sqlite3_stmt *st = NULL;
        sqlite3_prepare_v2(db,
                           "SELECT at, actor, request_id, operation, outcome, status,"
                           " (SELECT hash FROM audit WHERE seq = ?1 - 1) FROM audit WHERE seq = ?1",
                           -1, &st, NULL);
        sqlite3_bind_int64(st, 1, seq);
        EXPECT_EQ_INT(SQLITE_ROW, sqlite3_step(st));
        if (seq == from && sqlite3_column_bytes(st, 6) == 32)
            memcpy(prev, sqlite3_column_blob(st, 6), 32);
        char op[600];
        snprintf(op, sizeof op, "%s", (const char *)sqlite3_column_text(st, 3));
        char *space = strchr(op, ' ');
        if (space) *space = 0;
        const char *f[5] = {(const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 2), op, space ? space + 1 : "",
                            (const char *)sqlite3_column_text(st, 4)};
        uint8_t hash[32];
        legacy_hash(prev, sqlite3_column_int64(st, 0), f, (int)sqlite3_column_int64(st, 5), hash);
        sqlite3_finalize(st);
        sqlite3_prepare_v2(db, "UPDATE audit SET prev = ?2, hash = ?3 WHERE seq = ?1", -1, &st,
                           NULL);
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_blob(st, 2, prev, 32, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 3, hash, 32, SQLITE_TRANSIENT);
        EXPECT_EQ_INT(SQLITE_DONE, sqlite3_step(st));
        sqlite3_finalize(st);
        memcpy(prev, hash, 32);
    }
    sqlite3_close(db);
}

static mode_t mode_of(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_mode & 0777 : 01000;
}

static void a_new_book_its_wal_and_its_key_are_private(void) {
    char path[512], name[600];
    mode_t old = umask(022);
    fb_book *b = open_book("private", path, sizeof path);
    EXPECT_TRUE(b != NULL);
    EXPECT_EQ_INT(FB_OK, append(b, "one"));
    EXPECT_EQ_INT(0600, mode_of(path));
    snprintf(name, sizeof name, "%s-wal", path);
    EXPECT_EQ_INT(0600, mode_of(name));
    snprintf(name, sizeof name, "%s-shm", path);
    EXPECT_EQ_INT(0600, mode_of(name));
    snprintf(name, sizeof name, "%s.audit-key", path);
    EXPECT_EQ_STR(name, fb_audit_key_file(b));
    EXPECT_EQ_INT(0600, mode_of(name));
    fb_book_close(b);
    umask(old);
}

static void an_edit_with_the_hashes_recomputed_is_caught(void) {
    char path[512];
    fb_book *b = open_book("edit", path, sizeof path);
    for (int i = 0; i < 5; i++)
        EXPECT_EQ_INT(FB_OK, append(b, "201 created"));
    EXPECT_EQ_INT(0, verify(b));
    fb_book_close(b);
    /* Entry 3 says something else, and every value from it on is recomputed without the key. */
    EXPECT_EQ_INT(SQLITE_OK,
                  sql(path, "DROP TRIGGER audit_no_update;"
                            " UPDATE audit SET outcome = '404 not found' WHERE seq = 3"));
    recompute(path, 3, 5);
    fb_book *r = NULL;
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, FB_OPEN_READONLY, &r, err, sizeof err));
    EXPECT_EQ_INT(1, verify(r));
    fb_book_close(r);
    /* ... and with the keying record gone too, so that every entry reads as unkeyed. */
    recompute(path, 1, 5);
    EXPECT_EQ_INT(SQLITE_OK, sql(path, "DROP TRIGGER audit_keying_no_delete;"
                                       " DELETE FROM audit_keying"));
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, FB_OPEN_READONLY, &r, err, sizeof err));
    EXPECT_EQ_INT(1, verify(r));
    fb_book_close(r);
}

static void the_head_catches_entries_cut_off_the_end(void) {
    char path[512], line[FB_AUDIT_HEAD_LINE], why[128];
    fb_book *b = open_book("head", path, sizeof path);
    fb_audit_head h, back;
    EXPECT_EQ_INT(FB_OK, fb_audit_head_get(b, &h));
    EXPECT_EQ_INT(0, h.seq);
    for (int i = 0; i < 7; i++)
        EXPECT_EQ_INT(FB_OK, append(b, "201 created"));
    EXPECT_EQ_INT(FB_OK, fb_audit_head_get(b, &h));
    EXPECT_EQ_INT(7, h.seq);
    EXPECT_TRUE(h.keyed);
    fb_audit_head_format(&h, line, sizeof line);
    EXPECT_TRUE(strncmp(line, "finbridge-audit-head seq=7 alg=hmac-sha256 value=", 49) == 0);
    EXPECT_EQ_INT(FB_OK, fb_audit_head_parse(line, &back, why, sizeof why));
    EXPECT_TRUE(memcmp(&h, &back, sizeof h) == 0);
    EXPECT_EQ_INT(FB_EINVAL,
                  fb_audit_head_parse("finbridge-audit-head seq=7", &back, why, sizeof why));
    EXPECT_EQ_INT(FB_EINVAL, fb_audit_head_parse("seq=7 alg=sha256", &back, why, sizeof why));
    uint64_t failures = 9;
    EXPECT_EQ_INT(FB_OK, append(b, "later"));
    EXPECT_EQ_INT(FB_OK, fb_audit_check_head(b, &h, print_line, NULL, &failures));
    EXPECT_EQ_INT(0, failures);
    fb_book_close(b);
    /* The last three entries deleted: the chain that is left holds, the head does not. */
    EXPECT_EQ_INT(SQLITE_OK, sql(path, "DROP TRIGGER audit_no_delete;"
                                       " DELETE FROM audit WHERE seq > 5"));
    char err[256];
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, FB_OPEN_READONLY, &b, err, sizeof err));
    EXPECT_EQ_INT(0, verify(b));
    EXPECT_EQ_INT(FB_OK, fb_audit_check_head(b, &h, print_line, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    /* A head whose value differs (the entry rebuilt) fails too. */
    h.seq = 5;
    EXPECT_EQ_INT(FB_OK, fb_audit_check_head(b, &h, print_line, NULL, &failures));
    EXPECT_EQ_INT(1, failures);
    fb_book_close(b);
}

static void the_key_missing_another_or_open_to_others_stops_writes(void) {
    char path[512], key[600], moved[700];
    fb_book *b = open_book("key", path, sizeof path);
    EXPECT_EQ_INT(FB_OK, append(b, "one"));
    fb_book_close(b);
    snprintf(key, sizeof key, "%s.audit-key", path);
    snprintf(moved, sizeof moved, "%s.moved", key);
    EXPECT_EQ_INT(0, rename(key, moved));
    char err[512];
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, 0, &b, err, sizeof err));
    EXPECT_EQ_INT(FB_EIO, append(b, "two"));
    EXPECT_TRUE(strstr(fb_book_errmsg(b), "missing") != NULL);
    EXPECT_EQ_INT(1, verify(b));
    fb_book_close(b);
    /* Another book's key. */
    char other[512];
    fb_book *o = open_book("other", other, sizeof other);
    fb_book_close(o);
    char other_key[600];
    snprintf(other_key, sizeof other_key, "%s.audit-key", other);
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, 0, &b, err, sizeof err));
    fb_audit_key_file_set(b, other_key);
    EXPECT_EQ_INT(FB_EIO, append(b, "two"));
    EXPECT_TRUE(strstr(fb_book_errmsg(b), "not this book's") != NULL);
    EXPECT_EQ_INT(1, verify(b));
    /* Its own key, readable by others: refused until chmod 600. */
    EXPECT_EQ_INT(0, chmod(moved, 0644));
    fb_audit_key_file_set(b, moved);
    EXPECT_EQ_INT(FB_EINVAL, append(b, "two"));
    EXPECT_TRUE(strstr(fb_book_errmsg(b), "chmod 600") != NULL);
    EXPECT_EQ_INT(0, chmod(moved, 0600));
    fb_audit_key_file_set(b, moved);
    EXPECT_EQ_INT(FB_OK, append(b, "two"));
    EXPECT_EQ_INT(0, verify(b));
    fb_book_close(b);
}

/* A schema-13 book with two SHA-256 entries: migrated, keyed from entry 3 on. */
static void a_book_from_schema_13_keeps_its_entries_verifiable(void) {
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/v13.db", test_dir());
    fb_store *s = NULL;
    EXPECT_EQ_INT(FB_OK, fb__store_open(path, FB_OPEN_CREATE, 13, &s, err, sizeof err));
    fb__store_close(s);
    uint8_t prev[32] = {0}, hash[2][32];
    const char *f[2][5] = {{"bank", "r1", "POST", "/v1/parties", "201 created"},
                           {"bank", "r2", "POST", "/v1/loans/L 1/repayments", "422 refused"}};
    for (int i = 0; i < 2; i++) {
        legacy_hash(prev, 1000 + i, f[i], i ? 422 : 201, hash[i]);
        memcpy(prev, hash[i], 32);
    }
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = NULL;
        sqlite3_prepare_v2(db,
                           "INSERT INTO audit (at, actor, request_id, method, path, status,"
                           " outcome, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           -1, &st, NULL);
        sqlite3_bind_int64(st, 1, 1000 + i);
        for (int k = 0; k < 4; k++)
            sqlite3_bind_text(st, 2 + k, f[i][k], -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 6, i ? 422 : 201);
        sqlite3_bind_text(st, 7, f[i][4], -1, SQLITE_STATIC);
        uint8_t zero[32] = {0};
        sqlite3_bind_blob(st, 8, i ? hash[0] : zero, 32, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 9, hash[i], 32, SQLITE_TRANSIENT);
        EXPECT_EQ_INT(SQLITE_DONE, sqlite3_step(st));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    fb_book *b = NULL;
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, 0, &b, err, sizeof err));
    EXPECT_EQ_INT(fb_schema_version_current(), fb_book_schema_version(b));
    EXPECT_EQ_INT(0, verify(b));
    EXPECT_EQ_INT(FB_OK, append(b, "201 created"));
    EXPECT_EQ_INT(0, verify(b));
    fb_audit_record r[4];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_audit_list(b, 1, r, 4, &n));
    EXPECT_EQ_INT(3, n);
    EXPECT_TRUE(!r[0].keyed && !r[1].keyed && r[2].keyed);
    EXPECT_EQ_STR("POST /v1/loans/L 1/repayments", r[1].operation);
    EXPECT_EQ_STR("refused", r[1].result);
    EXPECT_EQ_STR("api", r[1].channel);
    fb_book_close(b);
    /* An old entry edited and the old entries recomputed: the first keyed one no longer follows. */
    EXPECT_EQ_INT(SQLITE_OK, sql(path, "DROP TRIGGER audit_no_update;"
                                       " UPDATE audit SET outcome = '201 created' WHERE seq = 2"));
    recompute(path, 1, 2);
    EXPECT_EQ_INT(FB_OK, fb_book_open(path, FB_OPEN_READONLY, &b, err, sizeof err));
    EXPECT_EQ_INT(1, verify(b));
    fb_book_close(b);
}

typedef struct {
    int calls;
    char outcome[64];
} hook_ctx;

static void fill(void *vctx, const fb_audit_unit *u, fb_audit_entry *e) {
    hook_ctx *c = vctx;
    c->calls++;
    snprintf(c->outcome, sizeof c->outcome, "commit %llu", (unsigned long long)u->commits + 1);
    *e = (fb_audit_entry){"os:tester", FB_CHANNEL_CLI, "accounts create", "cli-1",
                          0,           FB_AUDIT_OK,    c->outcome};
}

static void every_commit_of_a_hooked_handle_is_audited(void) {
    char path[512];
    fb_book *b = open_book("hook", path, sizeof path);
    hook_ctx c = {0, ""};
    fb_audit_each_commit(b, fill, NULL, &c);
    fb_account a = {.ledger = 1, .code = 1};
    fb_result res;
    snprintf(a.id, sizeof a.id, "h:a");
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(b), &a, 1, &res, NULL));
    /* A unit of work with two batches: one entry. A unit rolled back: none. */
    EXPECT_EQ_INT(FB_OK, fb_book_begin(b));
    snprintf(a.id, sizeof a.id, "h:b");
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(b), &a, 1, &res, NULL));
    snprintf(a.id, sizeof a.id, "h:c");
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(b), &a, 1, &res, NULL));
    EXPECT_EQ_INT(FB_OK, fb_book_commit(b));
    EXPECT_EQ_INT(FB_OK, fb_book_begin(b));
    snprintf(a.id, sizeof a.id, "h:d");
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(b), &a, 1, &res, NULL));
    fb_book_rollback(b);
    EXPECT_EQ_INT(2, c.calls);
    fb_audit_each_commit(b, NULL, NULL, NULL);
    fb_audit_record r[4];
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_audit_list(b, 1, r, 4, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_STR("cli", r[1].channel);
    EXPECT_EQ_STR("os:tester", r[1].actor);
    EXPECT_EQ_STR("commit 2", r[1].outcome);
    EXPECT_EQ_INT(0, verify(b));
    fb_book_close(b);
}

static void a_field_is_kept_as_one_line_of_utf8(void) {
    char path[512];
    fb_book *b = open_book("clean", path, sizeof path);
    char longer[3000];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    fb_audit_entry e = {"os:bad\xff\nname", FB_CHANNEL_CLI, longer, "r", 0, FB_AUDIT_OK, "ok"};
    EXPECT_EQ_INT(FB_OK, fb_audit_append(b, &e));
    fb_audit_record r;
    size_t n = 0;
    EXPECT_EQ_INT(FB_OK, fb_audit_list(b, 1, &r, 1, &n));
    EXPECT_EQ_STR("os:bad??name", r.actor);
    EXPECT_EQ_INT(FB_AUDIT_FIELD_MAX, strlen(r.operation));
    EXPECT_TRUE(strcmp(r.operation + FB_AUDIT_FIELD_MAX - 3, "...") == 0);
    EXPECT_EQ_INT(0, verify(b));
    fb_book_close(b);
}

static void users_are_disabled_revoked_rotated_and_given_passwords(void) {
    char path[512], token[FB_TOKEN_HEX + 1], fresh[FB_TOKEN_HEX + 1];
    fb_book *b = open_book("users", path, sizeof path);
    fb_user u = {"carol", FB_ROLE_BANK_OFFICER, "", 0}, out;
    EXPECT_EQ_INT(FB_EINVAL, fb_user_add(b, &u, "short", token));
    EXPECT_EQ_INT(FB_OK, fb_user_add(b, &u, "carol's passphrase", token));
    EXPECT_EQ_INT(FB_OK, fb_user_by_token(b, token, &out));
    EXPECT_EQ_INT(FB_OK, fb_user_change_apply(b, "carol", FB_USER_DISABLE, NULL, NULL));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_by_token(b, token, &out));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_check_password(b, "carol", "carol's passphrase", &out));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_current(b, "carol", &out));
    EXPECT_EQ_INT(FB_EINVAL, fb_user_change_apply(b, "carol", FB_USER_DISABLE, NULL, NULL));
    EXPECT_EQ_INT(FB_OK, fb_user_change_apply(b, "carol", FB_USER_ENABLE, NULL, NULL));
    EXPECT_EQ_INT(FB_OK, fb_user_by_token(b, token, &out));
    EXPECT_EQ_INT(FB_OK, fb_user_current(b, "carol", &out));
    EXPECT_EQ_INT(FB_OK, fb_user_change_apply(b, "carol", FB_USER_ROTATE, NULL, fresh));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_by_token(b, token, &out));
    EXPECT_EQ_INT(FB_OK, fb_user_by_token(b, fresh, &out));
    EXPECT_EQ_INT(FB_OK, fb_user_change_apply(b, "carol", FB_USER_REVOKE, NULL, NULL));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_by_token(b, fresh, &out));
    EXPECT_EQ_INT(FB_EINVAL, fb_user_change_apply(b, "carol", FB_USER_REVOKE, NULL, NULL));
    EXPECT_EQ_INT(FB_OK, fb_user_check_password(b, "carol", "carol's passphrase", &out));
    EXPECT_EQ_INT(FB_OK,
                  fb_user_change_apply(b, "carol", FB_USER_PASSWD, "a new passphrase", NULL));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_check_password(b, "carol", "carol's passphrase", &out));
    EXPECT_EQ_INT(FB_OK, fb_user_check_password(b, "carol", "a new passphrase", &out));
    EXPECT_EQ_INT(FB_EINVAL, fb_user_change_apply(b, "carol", FB_USER_PASSWD, "short", NULL));
    EXPECT_EQ_INT(FB_ENOTFOUND, fb_user_change_apply(b, "nobody", FB_USER_DISABLE, NULL, NULL));
    fb_user_row rows[4];
    size_t n = 0;
    fb_user d = {"dave", FB_ROLE_AUDITOR, "", 0};
    EXPECT_EQ_INT(FB_OK, fb_user_add(b, &d, NULL, token));
    EXPECT_EQ_INT(FB_OK, fb_users_list(b, "", rows, 4, &n));
    EXPECT_EQ_INT(2, n);
    EXPECT_EQ_STR("carol", rows[0].user.name);
    EXPECT_TRUE(!rows[0].has_token && rows[0].has_password && !rows[0].disabled);
    EXPECT_TRUE(rows[1].has_token && !rows[1].has_password);
    EXPECT_EQ_INT(FB_OK, fb_users_list(b, "carol", rows, 4, &n));
    EXPECT_EQ_INT(1, n);
    EXPECT_EQ_INT(0, verify(b));
    fb_book_close(b);
}

int main(void) {
    if (sodium_init() < 0) return 2;
    RUN(a_new_book_its_wal_and_its_key_are_private);
    RUN(an_edit_with_the_hashes_recomputed_is_caught);
    RUN(the_head_catches_entries_cut_off_the_end);
    RUN(the_key_missing_another_or_open_to_others_stops_writes);
    RUN(a_book_from_schema_13_keeps_its_entries_verifiable);
    RUN(every_commit_of_a_hooked_handle_is_audited);
    RUN(a_field_is_kept_as_one_line_of_utf8);
    RUN(users_are_disabled_revoked_rotated_and_given_passwords);
    return test_summary();
}
