/* provision.c — loan-loss provisions (贷款损失准备) on the ledger: at each month-end, a specific
 * provision of each class's principal at the class's rate (special mention 2%, substandard 25%,
 * doubtful 50%, loss 100%: 银行贷款损失准备计提指引's rates, each a setting) and a general
 * provision of every loan's principal (1.5%: 财金〔2012〕20号's floor), by report cell; each
 * line's provision account raised or released to their sum, the change charged to the line's
 * provision expense. A write-off uses the provision, raised first by what it lacks so that the
 * account never goes into debit; a recovery credits it back (docs/accounts.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"
#include "core/classify.h"

bool fb__month_end(int32_t day) {
    int y = 0, m = 0, d = 0;
    fb_date_to_ymd(day, &y, &m, &d);
    return d == fb_date_days_in_month(y, m);
}

/* The rates of the settings: by class, and the general one. */
static int rates(fb_book *book, int64_t by_class[FB_CLASS_COUNT_], int64_t *general) {
    static const char *const keys[FB_CLASS_COUNT_] = {NULL, "provision_special_mention",
                                                      "provision_substandard", "provision_doubtful",
                                                      "provision_loss"};
    by_class[0] = 0;
    int rc = fb_setting_get(book, "provision_general", general);
    for (int c = 1; rc == FB_OK && c < FB_CLASS_COUNT_; c++)
        rc = fb_setting_get(book, keys[c], &by_class[c]);
    FB_ASSERT(rc != FB_OK || (*general >= 0 && *general <= 1000000));
    return rc;
}

/* What the provision account of a line holds (credits less debits, posted and pending). */
static int held(fb_book *book, fb_line line, int64_t *fen) {
    char id[FB_ID_MAX + 1];
    fb_account a;
    int rc = fb_ledger_get_account(book->ledger, fb__gl(id, sizeof id, "provision", line), &a);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    *fen = a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen;
    FB_ASSERT(*fen >= 0);
    return FB_OK;
}

/* Raises or releases a line's provision to `target`. */
static int post_line(fb_book *book, fb__tq *q, fb_line line, int32_t day, int64_t target,
                     int64_t *change) {
    int64_t now = 0;
    int rc = held(book, line, &now);
    if (rc) return rc;
    FB_ASSERT(target >= 0);
    char date[11], id[FB_ID_MAX + 1], provision[FB_ID_MAX + 1], expense[FB_ID_MAX + 1];
    fb_date_format(day, date);
    fb__gl(provision, sizeof provision, "provision", line);
    fb__gl(expense, sizeof expense, "provision_expense", line);
    *change = target - now;
    if (target >= now) {
        snprintf(id, sizeof id, "prov:%s:%s", date, fb_line_name(line));
        return fb__tq_add(q, id, expense, provision, target - now, 1, FB__CODE_PROVISION);
    }
    snprintf(id, sizeof id, "provr:%s:%s", date, fb_line_name(line));
    return fb__tq_add(q, id, provision, expense, now - target, 1, FB__CODE_PROVISION_RELEASE);
}

int fb__provision_month_end(fb_book *book, fb__tq *q, int32_t day, fb_eod_day *out) {
    FB_ASSERT(book != NULL && q != NULL && out != NULL);
    FB_ASSERT(fb__month_end(day));
    int64_t by_class[FB_CLASS_COUNT_], general = 0;
    int rc = rates(book, by_class, &general);
    fb__credit_cell *cells = NULL;
    size_t n = 0;
    if (rc == FB_OK) rc = fb__store_credit_cells(book->store, &cells, &n);
    fb__provision_cell *v = rc == FB_OK ? calloc(n + 1, sizeof *v) : NULL;
    if (rc == FB_OK && !v) rc = FB_ENOMEM;
    int64_t target[FB_LINE_COUNT_] = {0};
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        const fb__credit_cell *c = &cells[i];
        FB_ASSERT(c->class >= 0 && c->class < FB_CLASS_COUNT_ && c->balance >= 0);
        v[i].c = *c;
        v[i].rate = by_class[c->class];
        v[i].specific = fb__provision(c->balance, v[i].rate);
        v[i].general_rate = general;
        v[i].general = fb__provision(c->balance, general);
        target[(c->cell / 8) % 8] += v[i].specific + v[i].general;
    }
    if (rc == FB_OK) rc = fb__store_provisions_insert(book->store, day, v, n);
    out->month_end = true;
    for (int line = 0; rc == FB_OK && line < FB_LINE_COUNT_; line++) {
        int64_t change = 0;
        rc = post_line(book, q, (fb_line)line, day, target[line], &change);
        out->provision_fen += target[line];
        out->provision_change_fen += change;
    }
    if (rc == FB_OK) rc = fb__store_quality_keep(book->store, day);
    free(cells);
    free(v);
    return rc;
}

int fb__provision_write_off(fb_book *book, fb__tq *q, const fb_loan *loan, int64_t loan_key, int k,
                            int32_t date, int64_t amount_fen) {
    FB_ASSERT(book != NULL && loan != NULL && amount_fen >= 0 && k >= 1);
    FB_ASSERT((unsigned)loan->line < FB_LINE_COUNT_);
    /* What the account holds now: the queued entries first. */
    int64_t now = 0;
    int rc = fb__tq_flush(q);
    if (rc == FB_OK) rc = held(book, loan->line, &now);
    if (rc) return rc;
    char id[FB_ID_MAX + 1], provision[FB_ID_MAX + 1], expense[FB_ID_MAX + 1];
    fb__gl(provision, sizeof provision, "provision", loan->line);
    fb__gl(expense, sizeof expense, "provision_expense", loan->line);
    int64_t lacks = amount_fen > now ? amount_fen - now : 0;
    snprintf(id, sizeof id, "prt:%s:%d", loan->id, k);
    rc = fb__tq_add(q, id, expense, provision, lacks, 1, FB__CODE_PROVISION_TOP_UP);
    if (rc == FB_OK) {
        rc = fb__store_provision_move(book->store, date, loan->line, loan_key, "top_up", lacks);
    }
    if (rc == FB_OK) {
        rc = fb__store_provision_move(book->store, date, loan->line, loan_key, "write_off",
                                      amount_fen);
    }
    return rc;
}
