/* loans.c — the store's rows of loans and their installments. */
#include <stdio.h>
#include <string.h>

#include "core/assert.h"
#include "store/sqlite_internal.h"

/* The columns a loan is written with, in bind order; reads add its key. */
#define LOAN_COLUMNS                                                                               \
    "id, facility, party, line, amount, rate_kind, rate, lpr_tenor, spread_bp, lpr_base,"          \
    " lpr_date, months, method, start_date, repayment_day, day_count, penalty_markup,"             \
    " maturity_date, inclusive_cbirc, inclusive_pboc, green_item, project, status,"                \
    " principal_account, interest_account, penalty_account, created_at, manual_collection,"        \
    " personal_purpose, restructured, payment, payee, payee_account, payee_name, purpose"

static void bind_loan(sqlite3_stmt *st, const fb_loan *x) {
    const fb_loan_terms *t = &x->terms;
    bool lpr = x->rate_kind == FB_RATE_LPR;
    sqlite3_bind_text(st, 1, x->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x->facility, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, x->party, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, fb_line_name(x->line), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, t->principal_fen);
    sqlite3_bind_text(st, 6, lpr ? "lpr" : "fixed", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, t->rate_e6);
    for (int i = 8; i <= 11; i++)
        sqlite3_bind_null(st, i);
    if (lpr) {
        sqlite3_bind_int64(st, 8, x->lpr_tenor_years);
        sqlite3_bind_int64(st, 9, x->spread_bp);
        sqlite3_bind_int64(st, 10, x->lpr_base_e6);
        sqlite3_bind_int64(st, 11, x->lpr_date);
    }
    sqlite3_bind_int64(st, 12, t->months);
    sqlite3_bind_text(st, 13, fb_method_name(t->method), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 14, t->start_date);
    sqlite3_bind_int64(st, 15, t->repayment_day);
    sqlite3_bind_text(st, 16, fb_day_count_name(t->day_count), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 17, x->penalty_markup_pct);
    sqlite3_bind_int64(st, 18, x->maturity_date);
    sqlite3_bind_int64(st, 19, x->inclusive_cbirc);
    sqlite3_bind_int64(st, 20, x->inclusive_pboc);
    fb__store_bind_text_or_null(st, 21, x->green_item);
    fb__store_bind_text_or_null(st, 22, x->project);
    sqlite3_bind_text(st, 23, fb_loan_status_name(x->status), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 24, x->principal_account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 25, x->interest_account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 26, x->penalty_account, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 27, x->created_ns);
    sqlite3_bind_int64(st, 28, x->manual_collection);
    sqlite3_bind_int64(st, 29, x->personal_purpose);
    sqlite3_bind_int64(st, 30, x->restructured);
    sqlite3_bind_text(st, 31, fb_payment_name(x->payment), -1, SQLITE_STATIC);
    fb__store_bind_text_or_null(st, 32, x->payee);
    fb__store_bind_text_or_null(st, 33, x->payee_account);
    fb__store_bind_text_or_null(st, 34, x->payee_name);
    fb__store_bind_text_or_null(st, 35, x->purpose);
}

int fb__store_loan_row_insert(fb_store *s, const fb_loan *x, const fb_installment *sched, size_t n,
                              int64_t *key) {
    FB_ASSERT(x != NULL && key != NULL);
    FB_ASSERT(n <= FB_LOAN_MONTHS_MAX && (n == 0 || sched != NULL));
    sqlite3_stmt *st = fb__store_stmt_sql(
        s, STMT_LOAN_INSERT,
        "INSERT INTO loans (" LOAN_COLUMNS
        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34,"
        " ?35)");
    if (!st) return FB_EIO;
    bind_loan(st, x);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return fb__store_fail(s, rc, "inserting a loan");
    *key = sqlite3_last_insert_rowid(s->db);
    st = fb__store_stmt_sql(s, STMT_INSTALLMENT_INSERT,
                            "INSERT INTO installments VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) return FB_EIO;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, *key);
        sqlite3_bind_int64(st, 2, sched[i].n);
        sqlite3_bind_int64(st, 3, sched[i].period_start);
        sqlite3_bind_int64(st, 4, sched[i].due_date);
        sqlite3_bind_int64(st, 5, sched[i].principal_fen);
        sqlite3_bind_int64(st, 6, sched[i].interest_fen);
        rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) {
            sqlite3_reset(st);
            return fb__store_fail(s, rc, "inserting a schedule");
        }
    }
    sqlite3_reset(st);
    return FB_OK;
}

int fb__store_loan_insert(fb_store *s, const fb_loan *x, const fb_installment *sched, size_t n) {
    FB_ASSERT(n >= 1 && sched != NULL);
    int64_t key = 0;
    int err = fb__store_loan_row_insert(s, x, sched, n, &key);
    if (err) return err;
    /* Its servicing state: the first installment running, nothing due. */
    fb__loan_state x0;
    memset(&x0, 0, sizeof x0);
    x0.stored.status = -1; /* no row yet */
    x0.loan = key;
    x0.cur_n = 1;
    x0.n_count = (int64_t)n;
    x0.period_start = sched[0].period_start;
    x0.due_date = sched[0].due_date;
    x0.cur_interest = sched[0].interest_fen;
    x0.cur_principal = sched[0].principal_fen;
    x0.rate = x->terms.rate_e6;
    x0.principal = x->terms.principal_fen;
    x0.oldest_n = 1;
    x0.markup = x->penalty_markup_pct;
    x0.day_count = x->terms.day_count;
    x0.line = x->line;
    err = fb__store_loan_cell(s, key, &x0.party, &x0.cell);
    if (err == FB_OK) err = fb__store_party_retail(s, x0.party, &x0.retail);
    if (err) return err == FB_ENOTFOUND ? FB_ECORRUPT : err;
    /* New credit, save the advances that pay certificates' shortfalls. */
    if (strncmp(x->id, "adv:", 4) != 0) {
        err = fb__store_agg_drawn(s, x->terms.start_date, x0.cell, x0.party, x->terms.principal_fen,
                                  x->terms.rate_e6);
        if (err) return err;
    }
    return fb__store_state_put(s, &x0);
}

static void read_loan(sqlite3_stmt *st, fb_loan *x, int64_t *key) {
    memset(x, 0, sizeof *x);
    fb_loan_terms *t = &x->terms;
    char text[32];
    fb__store_column_text(x->id, sizeof x->id, st, 0);
    fb__store_column_text(x->facility, sizeof x->facility, st, 1);
    fb__store_column_text(x->party, sizeof x->party, st, 2);
    fb__store_column_text(text, sizeof text, st, 3);
    if (fb_line_parse(text, &x->line)) x->line = FB_LINE_GENERAL;
    t->principal_fen = sqlite3_column_int64(st, 4);
    fb__store_column_text(text, sizeof text, st, 5);
    x->rate_kind = strcmp(text, "lpr") == 0 ? FB_RATE_LPR : FB_RATE_FIXED;
    t->rate_e6 = sqlite3_column_int64(st, 6);
    x->lpr_tenor_years = (int)sqlite3_column_int64(st, 7);
    x->spread_bp = (int32_t)sqlite3_column_int64(st, 8);
    x->lpr_base_e6 = sqlite3_column_int64(st, 9);
    x->lpr_date = (int32_t)sqlite3_column_int64(st, 10);
    t->months = (int32_t)sqlite3_column_int64(st, 11);
    fb__store_column_text(text, sizeof text, st, 12);
    (void)fb_method_parse(text, &t->method);
    t->start_date = (int32_t)sqlite3_column_int64(st, 13);
    t->repayment_day = (int)sqlite3_column_int64(st, 14);
    fb__store_column_text(text, sizeof text, st, 15);
    (void)fb_day_count_parse(text, &t->day_count);
    x->penalty_markup_pct = (int32_t)sqlite3_column_int64(st, 16);
    x->maturity_date = (int32_t)sqlite3_column_int64(st, 17);
    x->inclusive_cbirc = sqlite3_column_int64(st, 18) != 0;
    x->inclusive_pboc = sqlite3_column_int64(st, 19) != 0;
    fb__store_column_text(x->green_item, sizeof x->green_item, st, 20);
    fb__store_column_text(x->project, sizeof x->project, st, 21);
    fb__store_column_text(text, sizeof text, st, 22);
    x->status = strcmp(text, "settled") == 0       ? FB_LOAN_SETTLED
                : strcmp(text, "written_off") == 0 ? FB_LOAN_WRITTEN_OFF
                                                   : FB_LOAN_ACTIVE;
    fb__store_column_text(x->principal_account, sizeof x->principal_account, st, 23);
    fb__store_column_text(x->interest_account, sizeof x->interest_account, st, 24);
    fb__store_column_text(x->penalty_account, sizeof x->penalty_account, st, 25);
    x->created_ns = sqlite3_column_int64(st, 26);
    x->manual_collection = sqlite3_column_int64(st, 27) != 0;
    x->personal_purpose = sqlite3_column_int64(st, 28) != 0;
    x->restructured = sqlite3_column_int64(st, 29) != 0;
    fb__store_column_text(text, sizeof text, st, 30);
    if (fb_payment_parse(text, &x->payment)) x->payment = FB_PAYMENT_SELF;
    fb__store_column_text(x->payee, sizeof x->payee, st, 31);
    fb__store_column_text(x->payee_account, sizeof x->payee_account, st, 32);
    fb__store_column_text(x->payee_name, sizeof x->payee_name, st, 33);
    fb__store_column_text(x->purpose, sizeof x->purpose, st, 34);
    *key = sqlite3_column_int64(st, 35);
}

/* Steps a prepared lookup of one loan. */
static int loan_one(fb_store *s, sqlite3_stmt *st, fb_loan *out, int64_t *key) {
    int rc = sqlite3_step(st);
    int err = FB_ENOTFOUND;
    if (rc == SQLITE_ROW) {
        read_loan(st, out, key);
        err = FB_OK;
    } else if (rc != SQLITE_DONE) {
        err = fb__store_fail(s, rc, "reading a loan");
    }
    sqlite3_reset(st);
    return err;
}

int fb__store_loan_by_id(fb_store *s, const char *id, fb_loan *out, int64_t *key) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_LOAN_BY_ID,
                                          "SELECT " LOAN_COLUMNS ", key FROM loans WHERE id = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return loan_one(s, st, out, key);
}

int fb__store_loan_by_key(fb_store *s, int64_t key, fb_loan *out) {
    sqlite3_stmt *st = fb__store_stmt_sql(s, STMT_LOAN_BY_KEY,
                                          "SELECT " LOAN_COLUMNS ", key FROM loans WHERE key = ?1");
    if (!st) return FB_EIO;
    sqlite3_bind_int64(st, 1, key);
    int64_t k = 0;
    return loan_one(s, st, out, &k);
}

int fb__store_installments(fb_store *s, int64_t loan_key, fb_installment *out, size_t cap,
                           size_t *n) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT n, period_start, due_date, principal, interest"
                                " FROM installments WHERE loan = ?1 ORDER BY n",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return fb__store_fail(s, rc, "reading a schedule");
    sqlite3_bind_int64(st, 1, loan_key);
    size_t k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < cap) {
        fb_installment *i = &out[k++];
        i->n = (int32_t)sqlite3_column_int64(st, 0);
        i->period_start = (int32_t)sqlite3_column_int64(st, 1);
        i->due_date = (int32_t)sqlite3_column_int64(st, 2);
        i->principal_fen = sqlite3_column_int64(st, 3);
        i->interest_fen = sqlite3_column_int64(st, 4);
        i->payment_fen = i->principal_fen + i->interest_fen;
        i->balance_fen = 0;
    }
    int err =
        rc == SQLITE_DONE || rc == SQLITE_ROW ? FB_OK : fb__store_fail(s, rc, "reading a schedule");
    sqlite3_finalize(st);
    *n = k;
    return err;
}
