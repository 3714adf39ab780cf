/* schema.c — the database schema as a sequence of migrations.
 *
 * Version N is what the first N migrations produce (migrations_books.c, migrations_growth.c). A
 * database is migrated one version at a time, each step in its own transaction, so a crash
 * mid-migration leaves the previous version intact. Migrations are only ever appended; a released
 * one is never edited. */
#include <stdio.h>

#include "core/assert.h"
#include "store/migrations.h"
#include "store/sqlite_internal.h"

/* Migration v (0-based) of the whole sequence. */
static const char *migration(int v) {
    FB_ASSERT(v >= 0 && (size_t)v < fb__migrations_books_n + fb__migrations_growth_n);
    size_t k = (size_t)v;
    const char *sql = k < fb__migrations_books_n
                          ? fb__migrations_books[k]
                          : fb__migrations_growth[k - fb__migrations_books_n];
    FB_ASSERT(sql != NULL && sql[0] != 0);
    return sql;
}

int fb__store_schema_version_current(void) {
    return (int)(fb__migrations_books_n + fb__migrations_growth_n);
}

static int exec(fb_store *s, const char *sql, const char *what) {
    char *err = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: %s", what, err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return rc == SQLITE_BUSY ? FB_EBUSY : FB_EIO;
    }
    return FB_OK;
}

/* Fails when a foreign key does not hold: a migration that rebuilt a table runs with them off
 * (SQLite's way to change a table's constraints), and proves them before it commits. */
static int foreign_keys_hold(fb_store *s) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "checking foreign keys");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(s->errmsg, sizeof s->errmsg, "migrating the schema: a row of %s refers to no %s",
                 (const char *)sqlite3_column_text(st, 0),
                 (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? FB_OK : FB_EIO;
}

/* One migration, with the schema version it reaches: in its own transaction, or (own false) in
 * the one the caller holds. */
static int migrate_one(fb_store *s, int v, bool own) {
    FB_ASSERT(v >= 0 && v < fb__store_schema_version_current());
    int rc = own ? exec(s, "BEGIN IMMEDIATE", "migrating the schema") : FB_OK;
    if (rc) return rc;
    rc = exec(s, migration(v), "migrating the schema");
    if (rc == FB_OK) rc = foreign_keys_hold(s);
    if (rc == FB_OK) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "INSERT INTO meta VALUES ('schema_version', %d) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
                 "PRAGMA user_version = %d;",
                 v + 1, v + 1);
        rc = exec(s, sql, "recording the schema version");
    }
    if (rc == FB_OK && own) rc = exec(s, "COMMIT", "committing the migration");
    if (rc) {
        if (own) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    s->version = v + 1;
    FB_ASSERT(s->version == v + 1);
    return FB_OK;
}

int fb__store_migrate(fb_store *s, int from, int to) {
    FB_ASSERT(from >= 0 && from <= to);
    FB_ASSERT(to <= fb__store_schema_version_current());
    /* Outside a transaction, where the pragma takes effect; on again whatever happens. */
    int rc = from < to ? exec(s, "PRAGMA foreign_keys = OFF", "migrating the schema") : FB_OK;
    /* A new book is made in one transaction, whole or not at all, with one commit to make
     * durable instead of one a migration; a book that has a version moves one at a time. */
    bool fresh = from == 0 && from < to;
    if (rc == FB_OK && fresh) rc = exec(s, "BEGIN IMMEDIATE", "creating the schema");
    for (int v = from; rc == FB_OK && v < to; v++)
        rc = migrate_one(s, v, !fresh);
    if (fresh && rc == FB_OK) rc = exec(s, "COMMIT", "committing the schema");
    if (fresh && rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->version = from;
    }
    if (from < to) sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}
