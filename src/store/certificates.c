/* certificates.c — the store's rows of supply-chain certificate parts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* The columns a part is read with: its own, then its root's and parent's ids. */
#define CERT_SELECT                                                                                \
    "SELECT c.key, c.id, r.id, p.id, c.core, c.facility, c.holder, c.from_party, c.range_start,"   \
    " c.range_end, c.root_face, c.date, c.issue_date, c.maturity, c.contract, c.invoice,"          \
    " c.status, c.discount_rate, c.discount, c.inclusive_cbirc, c.inclusive_pboc,"                 \
    " c.settled_date, c.created_at, c.amount, c.root FROM certificates c"                          \
    " JOIN certificates r ON r.key = c.root LEFT JOIN certificates p ON p.key = c.parent "

static void read_cert(sqlite3_stmt *st, fb__cert_row *row) {
    memset(row, 0, sizeof *row);
    fb_certificate *c = &row->c;
    row->key = sqlite3_column_int64(st, 0);
    fb__store_column_text(c->id, sizeof c->id, st, 1);
    fb__store_column_text(c->root, sizeof c->root, st, 2);
    fb__store_column_text(c->parent, sizeof c->parent, st, 3);
    fb__store_column_text(c->core, sizeof c->core, st, 4);
    fb__store_column_text(c->facility, sizeof c->facility, st, 5);
    fb__store_column_text(c->holder, sizeof c->holder, st, 6);
    fb__store_column_text(c->from, sizeof c->from, st, 7);
    c->range_start = sqlite3_column_int64(st, 8);
    c->range_end = sqlite3_column_int64(st, 9);
    c->root_face_fen = sqlite3_column_int64(st, 10);
    c->date = (int32_t)sqlite3_column_int64(st, 11);
    c->issue_date = (int32_t)sqlite3_column_int64(st, 12);
    c->maturity = (int32_t)sqlite3_column_int64(st, 13);
    fb__store_column_text(c->contract, sizeof c->contract, st, 14);
    fb__store_column_text(c->invoice, sizeof c->invoice, st, 15);
    c->status = (fb_cert_status)sqlite3_column_int64(st, 16);
    c->discount_rate_e6 = sqlite3_column_int64(st, 17);
    c->discount_fen = sqlite3_column_int64(st, 18);
    c->inclusive_cbirc = sqlite3_column_int64(st, 19) != 0;
    c->inclusive_pboc = sqlite3_column_int64(st, 20) != 0;
    c->settled_date = (int32_t)sqlite3_column_int64(st, 21);
    c->created_ns = sqlite3_column_int64(st, 22);
    row->amount = sqlite3_column_int64(st, 23);
    row->root_key = sqlite3_column_int64(st, 24);
}

int fb__store_cert_by_id(fb_store *s, const char *id, fb__cert_row *out) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_CERT_BY_ID, CERT_SELECT "WHERE c.id = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_cert(st, out);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a certificate");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_cert_insert(fb_store *s, const fb__cert_row *row, int64_t parent_key, int64_t *key) {
    const fb_certificate *c = &row->c;
    sqlite3_stmt *st = fb__store_stmt_sql(
        s, STMT_CERT_INSERT,
        "INSERT INTO certificates VALUES ((SELECT COALESCE(MAX(key), 0) + 1 FROM certificates),"
        " ?1, COALESCE(?2, (SELECT COALESCE(MAX(key), 0) + 1 FROM certificates)), ?3, ?4, ?5,"
        " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)");
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
    if (row->root_key) {
        sqlite3_bind_int64(st, 2, row->root_key);
    } else {
        sqlite3_bind_null(st, 2);
    }
    if (parent_key) {
        sqlite3_bind_int64(st, 3, parent_key);
    } else {
        sqlite3_bind_null(st, 3);
    }
    sqlite3_bind_text(st, 4, c->core, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->facility, -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 6, c->holder);
    fb__store_bind_text_or_null(st, 7, c->from);
    sqlite3_bind_int64(st, 8, c->range_start);
    sqlite3_bind_int64(st, 9, c->range_end);
    sqlite3_bind_int64(st, 10, c->root_face_fen);
    sqlite3_bind_int64(st, 11, c->date);
    sqlite3_bind_int64(st, 12, c->issue_date);
    sqlite3_bind_int64(st, 13, c->maturity);
    fb__store_bind_text_or_null(st, 14, c->contract);
    fb__store_bind_text_or_null(st, 15, c->invoice);
    sqlite3_bind_int64(st, 16, c->status);
    sqlite3_bind_int64(st, 17, row->amount);
    bool financed = c->status == FB_CERT_FINANCED;
    for (int i = 18; i <= 21; i++)
        sqlite3_bind_null(st, i);
    if (financed) {
        sqlite3_bind_int64(st, 18, c->discount_rate_e6);
        sqlite3_bind_int64(st, 19, c->discount_fen);
        sqlite3_bind_int64(st, 20, c->inclusive_cbirc);
        sqlite3_bind_int64(st, 21, c->inclusive_pboc);
    }
    sqlite3_bind_null(st, 22);
    sqlite3_bind_int64(st, 23, c->created_ns);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "inserting a certificate");
    *key = sqlite3_last_insert_rowid(s->db);
    if (!financed) return FB_OK;
    /* The financing counts for the seller's city on its day. */
    st = fb__store_stmt_sql(s, STMT_AGG_FINANCING,
                            "INSERT INTO agg_financing SELECT ?1, p.city, ?2 FROM parties p"
                            " WHERE p.id = ?3 ON CONFLICT DO UPDATE SET amount = amount +"
                            " excluded.amount");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, c->date);
    sqlite3_bind_int64(st, 2, row->amount);
    sqlite3_bind_text(st, 3, c->from, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "counting supply-chain financing");
}

int fb__store_cert_update(fb_store *s, int64_t key, int64_t range_start, fb_cert_status status,
                          int32_t settled_date) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_CERT_UPDATE,
                                          "UPDATE certificates SET range_start = ?2, status = ?3,"
                                          " settled_date = ?4 WHERE key = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, key);
    sqlite3_bind_int64(st, 2, range_start);
    sqlite3_bind_int64(st, 3, status);
    if (settled_date) {
        sqlite3_bind_int64(st, 4, settled_date);
    } else {
        sqlite3_bind_null(st, 4);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "updating a certificate");
}

/* Reads every row a query returns into a new array. */
static int read_all(fb_store *s, sqlite3_stmt *st, fb__cert_row **out, size_t *n) {
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            fb__cert_row *bigger =
                cap <= (size_t)FB_CERT_ROWS_MAX ? realloc(*out, cap * sizeof **out) : NULL;
            if (!bigger) {
                free(*out);
                *out = NULL;
                *n = 0;
                sqlite3_finalize(st);
                return cap <= (size_t)FB_CERT_ROWS_MAX ? FB_ENOMEM : FB_ELIMIT;
            }
            *out = bigger;
        }
        read_cert(st, &(*out)[(*n)++]);
    }
    int err = rc == SQLITE_DONE ? FB_OK : fb__store_fail(s, rc, "reading certificates");
    sqlite3_finalize(st);
    if (err) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return err;
}

int fb__store_certs_of_root(fb_store *s, int64_t root_key, fb__cert_row **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    int rc =
        sqlite3_prepare_v2(s->db, CERT_SELECT "WHERE c.root = ?1 ORDER BY c.key", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a lineage");
    sqlite3_bind_int64(st, 1, root_key);
    return read_all(s, st, out, n);
}

int fb__store_certs_held_by(fb_store *s, const char *party, fb__cert_row **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    const char *sql = party[0] ? CERT_SELECT "WHERE c.status = 0 AND c.holder = ?1 ORDER BY c.key"
                               : CERT_SELECT "WHERE c.status = 1 ORDER BY c.key";
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading certificates held");
    if (party[0]) sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    return read_all(s, st, out, n);
}

int fb__store_certs_maturing(fb_store *s, int32_t date, fb__cert_row **out, size_t *n) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                CERT_SELECT "WHERE c.maturity = ?1 AND c.status IN (0, 1)"
                                            " ORDER BY c.core, c.key",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading certificates maturing");
    sqlite3_bind_int64(st, 1, date);
    return read_all(s, st, out, n);
}

int fb__store_cert_accrual(fb_store *s, int32_t day, int64_t *fen) {
    /* The discount accrues like interest: through day d it reaches
     * round_half_up(discount x k / n) for k of the n days from financing to maturity. */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "WITH a AS (SELECT discount x, maturity - date n, MIN(MAX(?1 + 1 - date, 0),"
        " maturity - date) k1, MIN(MAX(?1 - date, 0), maturity - date) k0 FROM certificates"
        " WHERE status = 1) SELECT COALESCE(SUM((2 * x * k1 + n) / (2 * n) - (2 * x * k0 + n)"
        " / (2 * n)), 0) FROM a",
        -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "accruing discount");
    sqlite3_bind_int64(st, 1, day);
    rc = sqlite3_step(st);
    *fen = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "accruing discount");
}

int fb__store_loans_with_prefix(fb_store *s, const char *prefix, int64_t *n) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT COUNT(*) FROM loans WHERE substr(id, 1, length(?1)) = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "counting loans");
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "counting loans");
}
