/* parties.c — the store's rows of parties, on either backend (query.h). */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/query.h"

static const char *const party_columns =
    "id, kind, name, uscc, region, city, industry, employees, revenue, total_assets, flags,"
    " size_class, size_rule, key_chain, tech_sme, tech_sme_rule, deposit_account, created_at,"
    " resident_id";

/* PostgreSQL hands the key out under the book's lock (one writer: the next after the last),
 * as SQLite's INTEGER PRIMARY KEY does. */
int fb__store_party_insert(fb_store *s, const fb_party *p) {
    FB_ASSERT(s != NULL && p != NULL);
    FB_ASSERT(p->id[0] != '\0');
    char sql[512], pg[640];
    snprintf(sql, sizeof sql,
             "INSERT INTO parties (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
             " ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
             party_columns);
    snprintf(pg, sizeof pg,
             "INSERT INTO parties (key, %s) SELECT coalesce(max(key), 0) + 1, ?1, ?2, ?3, ?4, ?5,"
             " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19 FROM parties",
             party_columns);
    static const char site = 0; /* a party a row of an import: prepared once */
    fb__q q;
    int rc = fb__q_cached(&q, s, &site, sql, pg, "inserting a party");
    if (rc) return rc;
    fb__q_text(&q, 1, p->id);
    fb__q_text(&q, 2, fb_party_kind_name(p->kind));
    fb__q_text(&q, 3, p->name);
    fb__q_text(&q, 4, p->uscc);
    fb__q_int(&q, 5, p->region);
    fb__q_int(&q, 6, p->city);
    fb__q_int(&q, 7, p->industry);
    fb__q_int(&q, 8, p->figures.employees);
    fb__q_int(&q, 9, p->figures.revenue_fen);
    fb__q_int(&q, 10, p->figures.total_assets_fen);
    fb__q_int(&q, 11, p->flags);
    fb__q_text(&q, 12, fb_size_class_name(p->size_class));
    fb__q_text(&q, 13, p->size_rule);
    fb__q_text_or_null(&q, 14, p->key_chain);
    fb__q_int(&q, 15, p->tech_sme);
    fb__q_text(&q, 16, p->tech_sme_rule);
    fb__q_text(&q, 17, p->deposit_account);
    fb__q_int(&q, 18, p->created_ns);
    fb__q_text_or_null(&q, 19, p->resident_id);
    rc = fb__q_run(&q);
    fb__q_close(&q);
    return rc;
}

static void read_party(const fb__q *q, fb_party *p) {
    memset(p, 0, sizeof *p);
    fb__q_col_copy(p->id, sizeof p->id, q, 0);
    const char *kind = fb__q_col_text(q, 1);
    if (!kind || fb_party_kind_parse(kind, &p->kind) != FB_OK) p->kind = FB_PARTY_ENTERPRISE;
    fb__q_col_copy(p->name, sizeof p->name, q, 2);
    fb__q_col_copy(p->uscc, sizeof p->uscc, q, 3);
    p->region = (int32_t)fb__q_col_int(q, 4);
    p->city = (int32_t)fb__q_col_int(q, 5);
    p->industry = (int)fb__q_col_int(q, 6);
    p->figures.employees = (int32_t)fb__q_col_int(q, 7);
    p->figures.revenue_fen = fb__q_col_int(q, 8);
    p->figures.total_assets_fen = fb__q_col_int(q, 9);
    p->flags = (uint16_t)fb__q_col_int(q, 10);
    const char *size = fb__q_col_text(q, 11);
    if (size) fb_size_class_parse(size, &p->size_class);
    fb__q_col_copy(p->size_rule, sizeof p->size_rule, q, 12);
    fb__q_col_copy(p->key_chain, sizeof p->key_chain, q, 13);
    p->tech_sme = fb__q_col_int(q, 14) != 0;
    fb__q_col_copy(p->tech_sme_rule, sizeof p->tech_sme_rule, q, 15);
    fb__q_col_copy(p->deposit_account, sizeof p->deposit_account, q, 16);
    p->created_ns = fb__q_col_int(q, 17);
    fb__q_col_copy(p->resident_id, sizeof p->resident_id, q, 18);
}

/* A party by a unique column. By id it is a hot path (every loan of an export names its
 * borrower), so that statement is prepared once per connection. */
static int party_where(fb_store *s, const char *where, const char *value, fb_party *out) {
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM parties WHERE %s = ?1", party_columns, where);
    bool by_id = strcmp(where, "id") == 0;
    /* By the codes, too, once per connection: every new party is looked up by them. */
    static const char by_uscc = 0, by_resident_id = 0;
    fb__q q;
    int rc = by_id ? fb__q_slot(&q, s, STMT_PARTY_BY_ID, sql, NULL, "reading a party")
                   : fb__q_cached(&q, s, strstr(where, "uscc") ? &by_uscc : &by_resident_id, sql,
                                  NULL, "reading a party");
    if (rc) return rc;
    fb__q_text(&q, 1, value);
    rc = fb__q_step(&q);
    if (rc > 0) read_party(&q, out);
    fb__q_close(&q);
    return rc > 0 ? FB_OK : rc == 0 ? FB_ENOTFOUND : rc;
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
    /* The dialects: SQLite's instr is PostgreSQL's strpos; names sort by their bytes on both. */
    static const char sql[] =
        "SELECT id, name, kind, city FROM parties"
        " WHERE (instr(name, ?1) > 0 OR id = ?1 OR uscc = ?1) AND id NOT IN (?2, ?3, ?4)"
        " ORDER BY (id = ?1 OR uscc = ?1) DESC, name, id LIMIT ?5";
    static const char pg[] =
        "SELECT id, name, kind, city FROM parties"
        " WHERE (strpos(name, ?1) > 0 OR id = ?1 OR uscc = ?1) AND id NOT IN (?2, ?3, ?4)"
        " ORDER BY (id = ?1 OR uscc = ?1) DESC, name COLLATE \"C\", id COLLATE \"C\" LIMIT ?5";
    fb__q q;
    int rc = fb__q_open(&q, s, sql, pg, "finding parties by name");
    if (rc) return rc;
    fb__q_text(&q, 1, text);
    for (int i = 0; i < 3; i++)
        fb__q_text(&q, 2 + i, (size_t)i < n_except ? except[i] : "");
    fb__q_int(&q, 5, (int64_t)max);
    *n = 0;
    while (*n < max && (rc = fb__q_step(&q)) > 0) {
        fb_party_name *p = &out[(*n)++];
        memset(p, 0, sizeof *p);
        fb__q_col_copy(p->id, sizeof p->id, &q, 0);
        fb__q_col_copy(p->name, sizeof p->name, &q, 1);
        const char *kind = fb__q_col_text(&q, 2);
        p->kind = kind && strcmp(kind, "individual_business") == 0 ? FB_PARTY_INDIVIDUAL_BUSINESS
                                                                   : FB_PARTY_ENTERPRISE;
        p->city = (int32_t)fb__q_col_int(&q, 3);
    }
    fb__q_close(&q);
    return rc < 0 ? rc : FB_OK;
}
