/* pool_act.c — the acts on a risk-compensation pool: the government's funding, the bank's
 * coverage of a loan, its claim of the pool's share of a loss, and the share of a recovery it
 * returns (docs/schemes.md). Each is decided on what the book holds, inside its unit of work,
 * refused by the first rule it breaks, and written once: its row and its transfer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

enum { CODE_FUND = 901, CODE_CLAIM = 902, CODE_SHARE_BACK = 903 };

/* The subject of an act: the pool, and for a loan's act the loan, its position and its cover. */
typedef struct subject {
    fb_pool p;
    int64_t key;
    int32_t open;
    fb_loan loan;
    int64_t loan_key, party_key;
    fb_loan_position pos;
    fb__pool_cover c;
    bool covered;
} subject;

static int refuse(fb_pool_outcome *o, fb_pool_result r, const char *field, int64_t bound,
                  int64_t value) {
    o->result = r;
    o->field = field;
    o->bound = bound;
    o->value = value;
    return FB_OK;
}

static int64_t share_of(int64_t amount, int64_t share_e6) {
    FB_ASSERT(amount >= 0 && share_e6 >= 0);
    return (int64_t)fb__div_round_half_up((fb_i128)amount * share_e6, 1000000);
}

static int transfer(fb_book *book, int32_t open, const char *id, const char *debit,
                    const char *credit, int64_t amount, uint16_t code) {
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    q.value_date = open;
    rc = fb__tq_add(&q, id, debit, credit, amount, 1, code);
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    return rc;
}

static void account(char *buf, size_t cap, const fb_pool *p, const char *what) {
    snprintf(buf, cap, "pool:%.48s:%.8s", p->id, what);
}

/* ---- Funding ------------------------------------------------------------------------------ */

static int fund(fb_book *book, subject *x, fb_pool_act *a, fb_pool_outcome *o) {
    int64_t pool = 0, amount = 0;
    int32_t date = 0;
    int rc = fb__store_pool_funding(book->store, a->id, &pool, &amount, &date);
    if (rc == FB_OK) {
        if (pool != x->key) return refuse(o, FB_POOL_EXISTS_WITH_DIFFERENT, "pool", 0, 0);
        if (amount != a->amount_fen)
            return refuse(o, FB_POOL_EXISTS_WITH_DIFFERENT, "amount", 0, 0);
        a->date = date;
        return refuse(o, FB_POOL_EXISTS, NULL, 0, 0);
    }
    if (rc != FB_ENOTFOUND) return rc;
    rc = fb__store_pool_funding_insert(book->store, x->key, a->id, a->amount_fen, x->open,
                                       fb_now_ns());
    char id[FB_ID_MAX + 1], credit[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "pf:%.61s", a->id);
    account(credit, sizeof credit, &x->p, "fund");
    return rc ? rc
              : transfer(book, x->open, id, "gl:pool_settlement", credit, a->amount_fen, CODE_FUND);
}

/* ---- Coverage ----------------------------------------------------------------------------- */

/* The scheme's eligibility, suspension and caps on a loan not covered yet. */
static int cover_rules(fb_book *book, subject *x, fb_pool_outcome *o) {
    static const fb_pool_result refusals[] = {
        [FB__LOAN_NOT_ACTIVE] = FB_POOL_LOAN_NOT_ACTIVE,
        [FB__LINE_NOT_ELIGIBLE] = FB_POOL_LINE_NOT_ELIGIBLE,
        [FB__SIZE_NOT_ELIGIBLE] = FB_POOL_SIZE_NOT_ELIGIBLE,
        [FB__NOT_LISTED] = FB_POOL_NOT_LISTED,
    };
    fb__eligibility e = {x->p.lines, x->p.sizes, x->p.listed, x->p.region};
    fb__eligible verdict = FB__ELIGIBLE;
    int rc = fb__eligible_loan(book, &e, &x->loan, &x->pos, &verdict);
    if (rc) return rc;
    if (verdict != FB__ELIGIBLE) {
        return refuse(o, refusals[verdict], verdict == FB__NOT_LISTED ? "listed" : "loan", 0, 0);
    }
    fb_pool_view v;
    int64_t mine = 0;
    rc = fb__pool_view(book, &x->p, x->key, x->party_key, &v, &mine);
    if (rc) return rc;
    int64_t principal = x->pos.principal_fen;
    if (v.suspended) {
        return refuse(o, FB_POOL_SUSPENDED, "npl_ceiling", x->p.npl_ceiling_e6, v.npl_ratio_e6);
    }
    if (x->p.borrower_cap_fen && mine + principal > x->p.borrower_cap_fen) {
        return refuse(o, FB_POOL_EXCEEDS_BORROWER_CAP, "borrower_cap", x->p.borrower_cap_fen - mine,
                      principal);
    }
    if ((fb_i128)v.covered_fen + principal > v.capacity_fen) {
        return refuse(o, FB_POOL_EXCEEDS_LEVERAGE, "leverage", v.capacity_fen - v.covered_fen,
                      principal);
    }
    return FB_OK;
}

static int cover(fb_book *book, subject *x, fb_pool_act *a, fb_pool_outcome *o) {
    if (x->covered) {
        if (x->c.pool != x->key) return refuse(o, FB_POOL_COVERED_ELSEWHERE, "loan", 0, 0);
        a->date = x->c.covered;
        a->amount_fen = x->c.principal;
        return refuse(o, FB_POOL_EXISTS, NULL, 0, 0);
    }
    int rc = cover_rules(book, x, o);
    if (rc || o->result != FB_POOL_DONE) return rc;
    memset(&x->c, 0, sizeof x->c);
    x->c.pool = x->key;
    x->c.loan = x->loan_key;
    x->c.party = x->party_key;
    x->c.covered = x->open;
    x->c.principal = x->pos.principal_fen;
    a->amount_fen = x->c.principal;
    return fb__store_pool_cover_put(book->store, &x->c, fb_now_ns());
}

/* ---- Claims and recoveries ---------------------------------------------------------------- */

/* What the loan is still owed in principal: outstanding plus written off, less recovered. */
static int64_t exposure(const fb_loan_position *p) {
    return p->principal_fen + p->written_off_fen - p->recovered_fen;
}

static int claim(fb_book *book, subject *x, fb_pool_act *a, fb_pool_outcome *o) {
    if (!x->covered || x->c.pool != x->key) return refuse(o, FB_POOL_NOT_COVERED, "loan", 0, 0);
    if (x->c.claimed) {
        a->date = x->c.claimed;
        a->amount_fen = x->c.paid;
        a->basis_fen = x->c.basis;
        a->trigger = (fb_pool_trigger)x->c.cause;
        return refuse(o, FB_POOL_EXISTS, NULL, 0, 0);
    }
    if (x->pos.status == FB_LOAN_WRITTEN_OFF) {
        a->trigger = FB_TRIGGER_WRITTEN_OFF;
        a->basis_fen = x->pos.written_off_fen - x->pos.recovered_fen;
    } else if (x->pos.status == FB_LOAN_ACTIVE && x->pos.days_past_due >= x->p.overdue_days) {
        a->trigger = FB_TRIGGER_OVERDUE;
        a->basis_fen = x->pos.principal_fen;
    } else {
        return refuse(o, FB_POOL_NOT_CLAIMABLE, "overdue_days", x->p.overdue_days,
                      x->pos.days_past_due);
    }
    a->amount_fen = share_of(a->basis_fen, x->p.share_e6);
    fb_pool_view v;
    int rc = fb__pool_view(book, &x->p, x->key, 0, &v, NULL);
    if (rc) return rc;
    if (a->amount_fen > v.balance_fen) {
        return refuse(o, FB_POOL_INSUFFICIENT_BALANCE, "amount", v.balance_fen, a->amount_fen);
    }
    x->c.claimed = x->open;
    x->c.cause = a->trigger;
    x->c.basis = a->basis_fen;
    x->c.paid = a->amount_fen;
    x->c.exposure = exposure(&x->pos);
    rc = fb__store_pool_cover_put(book->store, &x->c, fb_now_ns());
    char id[FB_ID_MAX + 1], debit[FB_ID_MAX + 1], credit[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "pc:%lld", (long long)x->c.key);
    account(debit, sizeof debit, &x->p, "fund");
    account(credit, sizeof credit, &x->p, "paid");
    return rc ? rc : transfer(book, x->open, id, debit, credit, a->amount_fen, CODE_CLAIM);
}

static int share_back(fb_book *book, subject *x, fb_pool_act *a, fb_pool_outcome *o) {
    if (!x->covered || x->c.pool != x->key) return refuse(o, FB_POOL_NOT_COVERED, "loan", 0, 0);
    if (!x->c.claimed) return refuse(o, FB_POOL_NOT_CLAIMED, "loan", 0, 0);
    int64_t since = x->c.exposure - exposure(&x->pos);
    int64_t owed = share_of(since > 0 ? since : 0, x->p.share_e6);
    if (owed > x->c.paid) owed = x->c.paid;
    a->amount_fen = owed - x->c.returned;
    if (a->amount_fen <= 0) {
        a->amount_fen = 0;
        return refuse(o, FB_POOL_NOTHING_RECOVERED, "loan", x->c.returned, owed);
    }
    x->c.returned += a->amount_fen;
    x->c.returns++;
    int rc = fb__store_pool_cover_put(book->store, &x->c, fb_now_ns());
    char id[FB_ID_MAX + 1], debit[FB_ID_MAX + 1], credit[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "pr:%lld:%lld", (long long)x->c.key, (long long)x->c.returns);
    account(debit, sizeof debit, &x->p, "returned");
    account(credit, sizeof credit, &x->p, "fund");
    return rc ? rc : transfer(book, x->open, id, debit, credit, a->amount_fen, CODE_SHARE_BACK);
}

/* ---- The act ------------------------------------------------------------------------------ */

/* Loads the loan of a loan's act: its row, position, borrower's key and cover. */
static int load_loan(fb_book *book, subject *x, const fb_pool_act *a, fb_pool_outcome *o) {
    int rc = fb__store_loan_by_id(book->store, a->loan, &x->loan, &x->loan_key);
    if (rc == FB_ENOTFOUND) return refuse(o, FB_POOL_LOAN_NOT_FOUND, "loan", 0, 0);
    int64_t cell = 0;
    if (rc == FB_OK) rc = fb_loan_position_get(book, a->loan, &x->pos);
    if (rc == FB_OK) rc = fb__store_loan_cell(book->store, x->loan_key, &x->party_key, &cell);
    if (rc) return rc;
    rc = fb__store_pool_cover_of(book->store, x->loan_key, &x->c);
    x->covered = rc == FB_OK;
    return rc == FB_ENOTFOUND ? FB_OK : rc;
}

static int act_in(fb_book *book, const fb_user *as, subject *x, fb_pool_act *a,
                  fb_pool_outcome *o) {
    int rc = fb__store_pool_by_id(book->store, a->pool, &x->p, &x->key);
    if (rc == FB_ENOTFOUND || (rc == FB_OK && !fb_pool_visible(&x->p, as))) {
        return refuse(o, FB_POOL_NOT_FOUND, "pool", 0, 0);
    }
    if (rc) return rc;
    bool bank = !as || as->role == FB_ROLE_BANK_OFFICER;
    bool government = as && as->role == FB_ROLE_GOVERNMENT;
    if (!bank && !(government && a->kind == FB_POOL_FUND)) {
        return refuse(o, FB_POOL_NOT_YOURS, "act", 0, 0);
    }
    rc = fb__store_business_date(book->store, &x->open);
    if (rc) return rc;
    if (x->open == 0) return refuse(o, FB_POOL_NO_BUSINESS_DATE, "date", 0, 0);
    a->date = x->open;
    if (a->kind == FB_POOL_FUND) return fund(book, x, a, o);
    rc = load_loan(book, x, a, o);
    if (rc || o->result != FB_POOL_DONE) return rc;
    switch (a->kind) {
    case FB_POOL_COVER: return cover(book, x, a, o);
    case FB_POOL_CLAIM: return claim(book, x, a, o);
    default: FB_ASSERT(a->kind == FB_POOL_SHARE_BACK); return share_back(book, x, a, o);
    }
}

int fb_pool_act_make(fb_book *book, const fb_user *as, fb_pool_act *a, fb_pool_outcome *out) {
    FB_ASSERT(book != NULL && a != NULL && out != NULL);
    FB_ASSERT((unsigned)a->kind < FB_POOL_ACT_COUNT_);
    memset(out, 0, sizeof *out);
    subject *x = calloc(1, sizeof *x);
    if (!x) return FB_ENOMEM;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = act_in(book, as, x, a, out);
    free(x);
    if (rc || out->result != FB_POOL_DONE) {
        fb_book_rollback(book);
        if (rc == FB_OK) {
            fb__book_refuse(book, FB_EINVAL, "pool %s %s: %s", a->pool, fb_pool_act_name(a->kind),
                            fb_pool_result_name(out->result));
        }
        return rc;
    }
    return fb_book_commit(book);
}
