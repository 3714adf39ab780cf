/* query.c — one statement of a room on either backend (query.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "store/pg_internal.h"
#include "store/query.h"

/* SQLite's placeholders (?N, or ? counted from 1) as PostgreSQL's ($N), outside quoted text;
 * $N already there is kept. The highest number is the count of values sent. */
static int translate(fb__q *q, const char *sql) {
    size_t o = 0;
    int next = 0, max = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (o + 8 >= sizeof q->sql) {
            snprintf(q->s->errmsg, sizeof q->s->errmsg, "%s: the statement is too long", q->what);
            return FB_EIO;
        }
        if (quote) {
            if (*p == quote) quote = 0;
            q->sql[o++] = *p;
            continue;
        }
        if (*p == '\'' || *p == '"') quote = *p;
        if ((*p != '?' && *p != '$') || (*p == '$' && (p[1] < '0' || p[1] > '9'))) {
            q->sql[o++] = *p;
            continue;
        }
        int k = 0;
        while (p[1] >= '0' && p[1] <= '9')
            k = k * 10 + (*++p - '0');
        if (k == 0) k = ++next;
        FB_ASSERT(k >= 1 && k <= FB__Q_PARAMS);
        if (k > max) max = k;
        o += (size_t)snprintf(q->sql + o, sizeof q->sql - o, "$%d", k);
    }
    q->sql[o] = '\0';
    q->n_params = max;
    return FB_OK;
}

static int start(fb__q *q, fb_store *s, const void *site, int slot, const char *sql, const char *pg,
                 const char *what) {
    FB_ASSERT(q != NULL && s != NULL && sql != NULL && what != NULL);
    FB_ASSERT(site == NULL || slot < 0);
    q->s = s;
    q->what = what;
    q->st = NULL;
    q->owned = false;
    q->r = NULL;
    q->row = -1;
    q->rows = 0;
    q->ran = false;
    q->n_params = 0;
    if (s->pg) {
        memset(q->param, 0, sizeof q->param);
        return translate(q, pg ? pg : sql);
    }
    if (site) {
        q->st = fb__store_cached(s, site, sql);
    } else if (slot >= 0) {
        q->st = fb__store_stmt_sql(s, slot, sql);
    } else {
        int rc = sqlite3_prepare_v2(s->db, sql, -1, &q->st, NULL);
        if (rc != SQLITE_OK) return fb__store_fail(s, rc, what);
        q->owned = true;
    }
    return q->st ? FB_OK : FB_EIO;
}

int fb__q_open(fb__q *q, fb_store *s, const char *sql, const char *pg, const char *what) {
    return start(q, s, NULL, -1, sql, pg, what);
}

int fb__q_cached(fb__q *q, fb_store *s, const void *site, const char *sql, const char *pg,
                 const char *what) {
    FB_ASSERT(site != NULL);
    return start(q, s, site, -1, sql, pg, what);
}

int fb__q_slot(fb__q *q, fb_store *s, int slot, const char *sql, const char *pg, const char *what) {
    FB_ASSERT(slot >= 0 && slot < STMT_COUNT_);
    return start(q, s, NULL, slot, sql, pg, what);
}

void fb__q_text(fb__q *q, int i, const char *text) {
    FB_ASSERT(i >= 1 && i <= FB__Q_PARAMS);
    if (!q->s->pg) {
        sqlite3_bind_text(q->st, i, text, -1, SQLITE_STATIC);
    } else {
        q->param[i - 1] = text;
    }
}

void fb__q_text_or_null(fb__q *q, int i, const char *text) {
    if (text && text[0]) {
        fb__q_text(q, i, text);
    } else {
        fb__q_null(q, i);
    }
}

void fb__q_int(fb__q *q, int i, int64_t v) {
    FB_ASSERT(i >= 1 && i <= FB__Q_PARAMS);
    if (!q->s->pg) {
        sqlite3_bind_int64(q->st, i, v);
    } else {
        snprintf(q->num[i - 1], sizeof q->num[i - 1], "%lld", (long long)v);
        q->param[i - 1] = q->num[i - 1];
    }
}

void fb__q_null(fb__q *q, int i) {
    FB_ASSERT(i >= 1 && i <= FB__Q_PARAMS);
    if (!q->s->pg) {
        sqlite3_bind_null(q->st, i);
    } else {
        q->param[i - 1] = NULL;
    }
}

/* PostgreSQL: sends the statement with its values, once. */
static int pg_run(fb__q *q) {
    fb_store *s = q->s;
    PGresult *r = NULL;
    int rc = fb__pg_exec(s, q->sql, q->n_params, q->param, PGRES_FATAL_ERROR, &r, q->what);
    q->ran = true;
    if (rc) return rc;
    q->r = r;
    q->rows = PQntuples(r);
    return FB_OK;
}

int fb__q_step(fb__q *q) {
    FB_ASSERT(q != NULL && q->s != NULL);
    if (!q->s->pg) {
        int rc = sqlite3_step(q->st);
        if (rc == SQLITE_ROW) return 1;
        return rc == SQLITE_DONE ? 0 : fb__store_fail(q->s, rc, q->what);
    }
    if (!q->ran) {
        int rc = pg_run(q);
        if (rc) return rc;
    }
    if (q->row + 1 >= q->rows) return 0;
    q->row++;
    return 1;
}

int fb__q_run(fb__q *q) {
    FB_ASSERT(q != NULL && q->s != NULL);
    FB_ASSERT(!q->ran);
    int rc = fb__q_step(q);
    return rc < 0 ? rc : FB_OK;
}

int64_t fb__q_changes(const fb__q *q) {
    FB_ASSERT(q != NULL && q->s != NULL);
    if (!q->s->pg) return sqlite3_changes(q->s->db);
    return q->r ? strtoll(PQcmdTuples(q->r), NULL, 10) : 0;
}

int64_t fb__q_col_int(const fb__q *q, int col) {
    if (!q->s->pg) return sqlite3_column_int64(q->st, col);
    FB_ASSERT(q->r != NULL && q->row >= 0 && q->row < q->rows);
    return fb__pg_int(q->r, q->row, col);
}

bool fb__q_col_null(const fb__q *q, int col) {
    if (!q->s->pg) return sqlite3_column_type(q->st, col) == SQLITE_NULL;
    FB_ASSERT(q->r != NULL && q->row >= 0 && q->row < q->rows);
    return PQgetisnull(q->r, q->row, col) != 0;
}

const char *fb__q_col_text(const fb__q *q, int col) {
    if (!q->s->pg) return (const char *)sqlite3_column_text(q->st, col);
    FB_ASSERT(q->r != NULL && q->row >= 0 && q->row < q->rows);
    return PQgetisnull(q->r, q->row, col) ? NULL : PQgetvalue(q->r, q->row, col);
}

void fb__q_col_copy(char *dst, size_t cap, const fb__q *q, int col) {
    FB_ASSERT(dst != NULL && cap > 0);
    const char *t = fb__q_col_text(q, col);
    snprintf(dst, cap, "%s", t ? t : "");
}

void fb__q_close(fb__q *q) {
    if (!q || !q->s) return;
    if (q->st) {
        if (q->owned) {
            sqlite3_finalize(q->st);
        } else {
            sqlite3_reset(q->st);
        }
    }
    PQclear(q->r);
    q->st = NULL;
    q->r = NULL;
}
