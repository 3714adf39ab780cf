/* parties.c — the store's rows of parties. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

static const char *const party_columns =
    "id, kind, name, uscc, region, city, industry, employees, revenue, total_assets, flags,"
    " size_class, size_rule, key_chain, tech_sme, tech_sme_rule, deposit_account, created_at,"
    " resident_id";

int fb__store_party_insert(fb_store *s, const fb_party *p) {
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO parties (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
             " ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
             party_columns);
    static const char site = 0; /* a party a row of an import: prepared once */
    sqlite3_stmt *st = fb__store_cached(s, &site, sql);
    if (!st) return FB_EIO;
    int rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fb_party_kind_name(p->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, p->uscc, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, p->region);
    sqlite3_bind_int64(st, 6, p->city);
    sqlite3_bind_int64(st, 7, p->industry);
    sqlite3_bind_int64(st, 8, p->figures.employees);
    sqlite3_bind_int64(st, 9, p->figures.revenue_fen);
    sqlite3_bind_int64(st, 10, p->figures.total_assets_fen);
    sqlite3_bind_int64(st, 11, p->flags);
    sqlite3_bind_text(st, 12, fb_size_class_name(p->size_class), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, p->size_rule, -1, SQLITE_STATIC);
    if (p->key_chain[0]) {
        sqlite3_bind_text(st, 14, p->key_chain, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 14);
    }
    sqlite3_bind_int64(st, 15, p->tech_sme);
    sqlite3_bind_text(st, 16, p->tech_sme_rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, p->deposit_account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 18, p->created_ns);
    fb__store_bind_text_or_null(st, 19, p->resident_id);
    rc = sqlite3_step(st);
    int err = rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "inserting a party");
    sqlite3_reset(st);
    return err;
}

static void read_party(sqlite3_stmt *st, fb_party *p) {
    memset(p, 0, sizeof *p);
    fb__store_column_text(p->id, sizeof p->id, st, 0);
    const char *kind = (const char *)sqlite3_column_text(st, 1);
    if (!kind || fb_party_kind_parse(kind, &p->kind) != FB_OK) p->kind = FB_PARTY_ENTERPRISE;
    fb__store_column_text(p->name, sizeof p->name, st, 2);
    fb__store_column_text(p->uscc, sizeof p->uscc, st, 3);
    p->region = (int32_t)sqlite3_column_int64(st, 4);
    p->city = (int32_t)sqlite3_column_int64(st, 5);
    p->industry = (int)sqlite3_column_int64(st, 6);
    p->figures.employees = (int32_t)sqlite3_column_int64(st, 7);
    p->figures.revenue_fen = sqlite3_column_int64(st, 8);
    p->figures.total_assets_fen = sqlite3_column_int64(st, 9);
    p->flags = (uint16_t)sqlite3_column_int64(st, 10);
    const char *size = (const char *)sqlite3_column_text(st, 11);
    if (size) fb_size_class_parse(size, &p->size_class);
    fb__store_column_text(p->size_rule, sizeof p->size_rule, st, 12);
    fb__store_column_text(p->key_chain, sizeof p->key_chain, st, 13);
    p->tech_sme = sqlite3_column_int64(st, 14) != 0;
    fb__store_column_text(p->tech_sme_rule, sizeof p->tech_sme_rule, st, 15);
    fb__store_column_text(p->deposit_account, sizeof p->deposit_account, st, 16);
    p->created_ns = sqlite3_column_int64(st, 17);
    fb__store_column_text(p->resident_id, sizeof p->resident_id, st, 18);
}

/* A party by a unique column. By id it is a hot path (every loan of an export names its
 * borrower), so that statement is prepared once per connection. */
static int party_where(fb_store *s, const char *where, const char *value, fb_party *out) {
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM parties WHERE %s = ?1", party_columns, where);
    bool by_id = strcmp(where, "id") == 0;
    /* By the codes, too, once per connection: every new party is looked up by them. */
    static const char by_uscc = 0, by_resident_id = 0;
    sqlite3_stmt *st =
        by_id ? fb__store_stmt_sql(s, STMT_PARTY_BY_ID, sql)
              : fb__store_cached(s, strstr(where, "uscc") ? &by_uscc : &by_resident_id, sql);
    if (!st) return FB_EIO;
    int rc;
    sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_party(st, out);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a party");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_party_by_id(fb_store *s, const char *id, fb_party *out) {
    return party_where(s, "id", id, out);
}

/* The code is unique among the parties it identifies (enterprises and individual businesses): a
 * small-business owner names the business it owns with it. */
int fb__store_party_by_uscc(fb_store *s, const char *uscc, fb_party *out) {
    return party_where(s, "kind != 'small_business_owner' AND uscc", uscc, out);
}

int fb__store_party_by_resident_id(fb_store *s, const char *resident_id, fb_party *out) {
    return party_where(s, "resident_id", resident_id, out);
}

int fb__store_parties_named(fb_store *s, const char *text, const char *const *except,
                            size_t n_except, size_t max, fb_party_name *out, size_t *n) {
    FB_ASSERT(s != NULL && text != NULL && out != NULL && n != NULL);
    FB_ASSERT(n_except <= 3 && max <= FB_RECEIVERS_MAX);
    static const char sql[] =
        "SELECT id, name, kind, city FROM parties"
        " WHERE (instr(name, ?1) > 0 OR id = ?1 OR uscc = ?1) AND id NOT IN (?2, ?3, ?4)"
        " ORDER BY (id = ?1 OR uscc = ?1) DESC, name, id LIMIT ?5";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "finding parties by name");
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    for (int i = 0; i < 3; i++)
        sqlite3_bind_text(st, 2 + i, (size_t)i < n_except ? except[i] : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)max);
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        fb_party_name *p = &out[(*n)++];
        memset(p, 0, sizeof *p);
        fb__store_column_text(p->id, sizeof p->id, st, 0);
        fb__store_column_text(p->name, sizeof p->name, st, 1);
        const unsigned char *kind = sqlite3_column_text(st, 2);
        p->kind = kind && strcmp((const char *)kind, "individual_business") == 0
                      ? FB_PARTY_INDIVIDUAL_BUSINESS
                      : FB_PARTY_ENTERPRISE;
        p->city = (int32_t)sqlite3_column_int64(st, 3);
    }
    int err =
        rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "finding parties");
    sqlite3_finalize(st);
    return err;
}
