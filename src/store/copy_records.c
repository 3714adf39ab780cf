/* copy_records.c — the book's rooms that both backends hold besides the ledger (the parties so
 * far), copied whole between two stores by `finbridge copy` and read back as a digest of every
 * row. One table of columns a room: the same statements run on either side (query.h), each row
 * read from the source in key order and inserted into the destination with its key, so that
 * the keys other rooms refer to come out the same. A later room is one more line of `tables`,
 * after the rooms it refers to. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/query.h"

typedef struct {
    const char *name;
    int min_version_pg;  /* the first PostgreSQL schema version that holds it */
    const char *columns; /* key first */
    const char *types;   /* a column's kind: i integer, t text (NULL kept on both) */
} room_table;

static const room_table tables[] = {
    {"parties", 3,
     "key, id, kind, name, uscc, resident_id, region, city, industry, employees, revenue,"
     " total_assets, flags, size_class, size_rule, key_chain, tech_sme, tech_sme_rule,"
     " deposit_account, created_at",
     "itttttiiiiiiitttitti"},
};
#define N_TABLES (sizeof tables / sizeof tables[0])

static bool held(const fb_store *s, const room_table *t) {
    return !fb__store_holds_records(s) ? fb__store_schema_version(s) >= t->min_version_pg : true;
}

/* One row of the source's query bound into the destination's insert. */
static void bind_row(const fb__q *from, fb__q *to, const char *types) {
    for (int c = 0; types[c]; c++) {
        if (fb__q_col_null(from, c)) {
            fb__q_null(to, c + 1);
        } else if (types[c] == 'i') {
            fb__q_int(to, c + 1, fb__q_col_int(from, c));
        } else {
            fb__q_text(to, c + 1, fb__q_col_text(from, c));
        }
    }
}

static int copy_table(fb_store *src, fb_store *dst, const room_table *t, int64_t *rows,
                      bool *src_failed) {
    char sel[1024], ins[1400], vals[200];
    size_t n = strlen(t->types), o = 0, commas = 0;
    for (const char *c = t->columns; *c; c++)
        commas += *c == ',';
    FB_ASSERT(n > 0 && n <= FB__Q_PARAMS && n == commas + 1); /* a kind for every column */
    for (size_t i = 1; i <= n; i++)
        o += (size_t)snprintf(vals + o, sizeof vals - o, "%s?%zu", i > 1 ? ", " : "", i);
    snprintf(sel, sizeof sel, "SELECT %s FROM %s ORDER BY key", t->columns, t->name);
    snprintf(ins, sizeof ins, "INSERT INTO %s (%s) VALUES (%s)", t->name, t->columns, vals);
    fb__q q;
    int rc = fb__q_open(&q, src, sel, NULL, "reading the book's records to copy");
    if (rc) return *src_failed = true, rc;
    int step = 0;
    while (rc == FB_OK && (step = fb__q_step(&q)) > 0) {
        fb__q w; /* the table's own statement, prepared once per connection on SQLite */
        rc = fb__q_cached(&w, dst, t, ins, NULL, "writing the book's records");
        if (rc) break;
        bind_row(&q, &w, t->types);
        rc = fb__q_run(&w);
        fb__q_close(&w);
        (*rows)++;
    }
    if (rc == FB_OK && step < 0) {
        rc = step;
        *src_failed = true;
    }
    fb__q_close(&q);
    return rc;
}

int fb__store_copy_records(fb_store *src, fb_store *dst, int64_t *rows, bool *src_failed) {
    FB_ASSERT(src != NULL && dst != NULL && rows != NULL && src_failed != NULL);
    FB_ASSERT(src != dst);
    *rows = 0;
    *src_failed = false;
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < N_TABLES; i++) {
        if (!held(src, &tables[i])) continue;
        if (!held(dst, &tables[i])) {
            snprintf(dst->errmsg, sizeof dst->errmsg, "the destination holds no %s",
                     tables[i].name);
            return FB_ENOTSUP;
        }
        rc = copy_table(src, dst, &tables[i], rows, src_failed);
    }
    return rc;
}

/* Every column of every row, in key order: its kind, then its value (NULL apart). */
static int digest_table(fb_store *s, const room_table *t, crypto_generichash_state *h,
                        int64_t *rows) {
    char sel[1024];
    snprintf(sel, sizeof sel, "SELECT %s FROM %s ORDER BY key", t->columns, t->name);
    fb__q q;
    int rc = fb__q_open(&q, s, sel, NULL, "reading the book's records back");
    if (rc) return rc;
    int step = 0;
    while ((step = fb__q_step(&q)) > 0) {
        (*rows)++;
        for (int c = 0; t->types[c]; c++) {
            char v[32];
            const char *text = v;
            if (fb__q_col_null(&q, c)) {
                text = "\x01NULL";
            } else if (t->types[c] == 'i') {
                snprintf(v, sizeof v, "%lld", (long long)fb__q_col_int(&q, c));
            } else {
                text = fb__q_col_text(&q, c);
            }
            size_t len = strlen(text) + 1; /* its terminator separates it from the next */
            crypto_generichash_update(h, (const unsigned char *)text, len);
        }
    }
    fb__q_close(&q);
    return step < 0 ? step : FB_OK;
}

int fb__store_records_digest(fb_store *s, int64_t *rows, unsigned char out[32]) {
    FB_ASSERT(s != NULL && rows != NULL && out != NULL);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    *rows = 0;
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < N_TABLES; i++) {
        const char *name = tables[i].name;
        crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
        if (held(s, &tables[i])) rc = digest_table(s, &tables[i], &h, rows);
    }
    crypto_generichash_final(&h, out, 32);
    return rc;
}
