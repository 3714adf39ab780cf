/* subsidy_act.c — the acts on an interest-subsidy scheme: the bank enrols a loan (within the
 * scheme's eligibility, the borrower's cap and the budget left), claims a closed quarter (a line
 * per loan with its days and amount), the government approves or rejects each line, and its
 * payment clears the receivable (docs/schemes.md). Each is decided inside its unit of work,
 * refused by the first rule it breaks, and written once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

enum { CODE_PAY = 905, CODE_REJECT = 906, CODE_TO_DEPOSIT = 907 };

typedef struct subject {
    fb_subsidy v;
    int64_t key;
    int32_t open;
    fb_loan loan;
    int64_t loan_key, party_key;
    fb__subsidy_claim claim;
} subject;

static int refuse(fb_subsidy_outcome *o, fb_subsidy_result r, const char *field, int64_t bound,
                  int64_t value) {
    o->result = r;
    o->field = field;
    o->bound = bound;
    o->value = value;
    return FB_OK;
}

static void account(char *buf, size_t cap, const fb_subsidy *v, const char *what) {
    snprintf(buf, cap, "sub:%.48s:%.10s", v->id, what);
}

/* ---- Enrolment ------------------------------------------------------------------------------ */

/* The most a loan may earn over its term: its principal now at the subsidy's rate, every day
 * of the term, rounded up (its principal only falls). */
static int committed(fb_book *book, const subject *x, const fb_loan_position *p, int32_t start,
                     int32_t end, int64_t net_sub, int64_t *out) {
    int64_t year = 360;
    int rc = fb_setting_get(book, "subsidy_year_days", &year);
    if (rc) return rc;
    int64_t rate = net_sub              ? net_sub
                   : x->v.points_e6 > 0 ? x->v.points_e6
                                        : (int64_t)((fb_i128)p->rate_e6 * x->v.share_e6 / 1000000);
    fb_i128 num = (fb_i128)p->principal_fen * rate * (end - start);
    fb_i128 den = (fb_i128)year * 1000000;
    *out = (int64_t)((num + den - 1) / den);
    return FB_OK;
}

static int enrol(fb_book *book, subject *x, fb_subsidy_act *a, fb_subsidy_outcome *o) {
    int64_t scheme = 0;
    int rc = fb__store_subsidy_enrolled(book->store, x->loan_key, &scheme);
    if (rc == FB_OK) {
        return scheme == x->key ? refuse(o, FB_SUBSIDY_EXISTS, NULL, 0, 0)
                                : refuse(o, FB_SUBSIDY_ENROLLED_ELSEWHERE, "loan", 0, 0);
    }
    if (rc != FB_ENOTFOUND) return rc;
    static const fb_subsidy_result refusals[] = {
        [FB__LOAN_NOT_ACTIVE] = FB_SUBSIDY_LOAN_NOT_ACTIVE,
        [FB__LINE_NOT_ELIGIBLE] = FB_SUBSIDY_LINE_NOT_ELIGIBLE,
        [FB__SIZE_NOT_ELIGIBLE] = FB_SUBSIDY_SIZE_NOT_ELIGIBLE,
        [FB__NOT_LISTED] = FB_SUBSIDY_NOT_LISTED,
    };
    fb_loan_position p;
    rc = fb_loan_position_get(book, a->loan, &p);
    fb__eligibility e = {x->v.lines, x->v.sizes, x->v.listed, x->v.region};
    fb__eligible verdict = FB__ELIGIBLE;
    if (rc == FB_OK) rc = fb__eligible_loan(book, &e, &x->loan, &p, &verdict);
    if (rc) return rc;
    if (verdict != FB__ELIGIBLE) {
        return refuse(o, refusals[verdict], verdict == FB__NOT_LISTED ? "listed" : "loan", 0, 0);
    }
    int day = 0, month = 0, year = 0;
    fb_date_to_ymd(x->open, &year, &month, &day);
    int32_t start = x->open, end = fb_date_add_months(x->open, x->v.months, day);
    fb__net_plan net = {0};
    if (x->v.mode == FB_SUBSIDY_NET) {
        /* The borrower is charged the net rate by whole installments (subsidy_net.c). */
        rc = fb__subsidy_net_plan(book, &x->v, x->loan_key, x->open, &net);
        if (rc) return rc;
        if (net.refusal != FB_SUBSIDY_DONE) {
            return refuse(o, net.refusal, x->v.points_e6 > 0 ? "points" : "share", net.contract,
                          net.sub);
        }
        start = net.start;
        end = net.until;
    }
    rc = committed(book, x, &p, start, end, net.sub, &a->amount_fen);
    fb__subsidy_figures f;
    if (rc == FB_OK) rc = fb__store_subsidy_figures(book->store, x->key, x->party_key, &f);
    if (rc) return rc;
    if (f.committed + a->amount_fen > x->v.budget_fen) {
        return refuse(o, FB_SUBSIDY_EXCEEDS_BUDGET, "budget", x->v.budget_fen - f.committed,
                      a->amount_fen);
    }
    if (x->v.borrower_cap_fen && f.committed_party + a->amount_fen > x->v.borrower_cap_fen) {
        return refuse(o, FB_SUBSIDY_EXCEEDS_BORROWER_CAP, "borrower_cap",
                      x->v.borrower_cap_fen - f.committed_party, a->amount_fen);
    }
    rc = fb__store_subsidy_enrol(book->store, x->key, x->loan_key, x->party_key, start, end,
                                 a->amount_fen, fb_now_ns());
    if (rc || x->v.mode != FB_SUBSIDY_NET) return rc;
    a->net_rate_e6 = net.contract - net.sub;
    a->net_from = net.start;
    return fb__subsidy_net_begin(book, &x->loan, x->loan_key, &net);
}

/* ---- Claims --------------------------------------------------------------------------------- */

static int32_t quarter_end(int32_t quarter) {
    int y = quarter / 10, q = quarter % 10;
    return fb_date_from_ymd(y, 3 * q, fb_date_days_in_month(y, 3 * q));
}

static int claim(fb_book *book, subject *x, fb_subsidy_act *a, fb_subsidy_outcome *o) {
    int rc = fb__store_subsidy_claim(book->store, x->key, a->quarter, &x->claim);
    if (rc == FB_OK) {
        a->amount_fen = x->claim.amount;
        a->lines = x->claim.lines;
        a->date = x->claim.date;
        return refuse(o, FB_SUBSIDY_EXISTS, NULL, 0, 0);
    }
    if (rc != FB_ENOTFOUND) return rc;
    if (x->open <= quarter_end(a->quarter)) {
        return refuse(o, FB_SUBSIDY_QUARTER_OPEN, "quarter", quarter_end(a->quarter), x->open);
    }
    rc = fb__store_subsidy_claim_make(book->store, x->key, a->quarter, x->open, &x->claim);
    if (rc) return rc;
    if (x->claim.lines == 0) return refuse(o, FB_SUBSIDY_NOTHING_TO_CLAIM, "quarter", 0, 0);
    a->amount_fen = x->claim.amount;
    a->lines = x->claim.lines;
    return FB_OK;
}

static int load_claim(fb_book *book, subject *x, const fb_subsidy_act *a, fb_subsidy_outcome *o) {
    int rc = fb__store_subsidy_claim(book->store, x->key, a->quarter, &x->claim);
    if (rc == FB_ENOTFOUND) return refuse(o, FB_SUBSIDY_CLAIM_NOT_FOUND, "quarter", 0, 0);
    return rc;
}

static int decide(fb_book *book, subject *x, fb_subsidy_act *a, fb_subsidy_outcome *o) {
    int rc = load_claim(book, x, a, o);
    if (rc || o->result != FB_SUBSIDY_DONE) return rc;
    int decision = 0, wanted = a->approve ? 1 : 2;
    rc = fb__store_subsidy_line(book->store, x->claim.key, x->loan_key, &decision);
    if (rc == FB_ENOTFOUND) return refuse(o, FB_SUBSIDY_NOT_IN_CLAIM, "loan", 0, 0);
    if (rc) return rc;
    if (decision == wanted) return refuse(o, FB_SUBSIDY_EXISTS, NULL, 0, 0);
    if (x->claim.paid) return refuse(o, FB_SUBSIDY_PAID, "quarter", 0, 0);
    if (decision) return refuse(o, FB_SUBSIDY_LINE_DECIDED, "approve", 0, 0);
    return fb__store_subsidy_decide(book->store, x->claim.key, x->loan_key, wanted);
}

/* The payment's transfers: one per approved line to a borrower's deposit (mode deposit). */
typedef struct paying {
    fb__tq *q;
    const subject *x;
    int64_t approved, rejected;
    int n;
} paying;

static int pay_line(void *ctx, const fb_subsidy_line *l, const char *party) {
    paying *p = ctx;
    if (l->decision == 1) p->approved += l->amount_fen;
    if (l->decision == 2) p->rejected += l->amount_fen;
    if (l->decision != 1 || p->x->v.mode != FB_SUBSIDY_DEPOSIT) return FB_OK;
    char id[FB_ID_MAX + 1], debit[FB_ID_MAX + 1], credit[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "sd:%lld:%d", (long long)p->x->claim.key, ++p->n);
    account(debit, sizeof debit, &p->x->v, "payable");
    snprintf(credit, sizeof credit, "dep:%.60s", party);
    return fb__tq_add(p->q, id, debit, credit, l->amount_fen, 1, CODE_TO_DEPOSIT);
}

static int pay(fb_book *book, subject *x, fb_subsidy_act *a, fb_subsidy_outcome *o) {
    int rc = load_claim(book, x, a, o);
    if (rc || o->result != FB_SUBSIDY_DONE) return rc;
    if (x->claim.paid) {
        a->amount_fen = x->claim.approved;
        a->date = x->claim.paid;
        return refuse(o, FB_SUBSIDY_EXISTS, NULL, 0, 0);
    }
    if (x->claim.undecided) {
        return refuse(o, FB_SUBSIDY_UNDECIDED, "quarter", 0, x->claim.undecided);
    }
    fb__tq q;
    if ((rc = fb__tq_init(&q, book)) != FB_OK) return rc;
    q.value_date = x->open;
    paying p = {&q, x, 0, 0, 0};
    rc = fb__store_subsidy_lines(book->store, x->claim.key, pay_line, &p);
    char id[FB_ID_MAX + 1], rec[FB_ID_MAX + 1], back[FB_ID_MAX + 1];
    account(rec, sizeof rec, &x->v, "receivable");
    account(back, sizeof back, &x->v, x->v.mode == FB_SUBSIDY_NET ? "income" : "payable");
    snprintf(id, sizeof id, "sp:%lld", (long long)x->claim.key);
    if (rc == FB_OK) rc = fb__tq_add(&q, id, "gl:subsidy_settlement", rec, p.approved, 1, CODE_PAY);
    snprintf(id, sizeof id, "sr:%lld", (long long)x->claim.key);
    if (rc == FB_OK) rc = fb__tq_add(&q, id, back, rec, p.rejected, 1, CODE_REJECT);
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    fb__tq_free(&q);
    a->amount_fen = p.approved;
    return rc ? rc
              : fb__store_subsidy_paid(book->store, x->claim.key, x->open, p.approved, p.rejected);
}

/* ---- The act -------------------------------------------------------------------------------- */

static bool may(const fb_user *as, const fb_subsidy *v, fb_subsidy_act_kind kind) {
    if (!as || as->role == FB_ROLE_BANK_OFFICER) return true;
    if (as->role != FB_ROLE_GOVERNMENT || !fb__pool_governs(as->region, v->region)) return false;
    return kind == FB_SUBSIDY_DECIDE || kind == FB_SUBSIDY_PAY;
}

static int act_in(fb_book *book, const fb_user *as, subject *x, fb_subsidy_act *a,
                  fb_subsidy_outcome *o) {
    int rc = fb__store_subsidy_by_id(book->store, a->scheme, &x->v, &x->key);
    if (rc == FB_ENOTFOUND) return refuse(o, FB_SUBSIDY_NOT_FOUND, "scheme", 0, 0);
    if (rc) return rc;
    if (!may(as, &x->v, a->kind)) return refuse(o, FB_SUBSIDY_NOT_YOURS, "act", 0, 0);
    if ((rc = fb__store_business_date(book->store, &x->open)) != FB_OK) return rc;
    if (x->open == 0) return refuse(o, FB_SUBSIDY_NO_BUSINESS_DATE, "date", 0, 0);
    a->date = x->open;
    if (a->kind == FB_SUBSIDY_DECIDE && a->line) {
        /* By the line's id: its loan is looked up, never written into the act's answer. */
        rc = fb__store_subsidy_enrol_loan(book->store, x->key, a->line, &x->loan, &x->loan_key);
        if (rc == FB_ENOTFOUND) return refuse(o, FB_SUBSIDY_NOT_IN_CLAIM, "line", 0, 0);
        int64_t cell = 0;
        if (rc == FB_OK) rc = fb__store_loan_cell(book->store, x->loan_key, &x->party_key, &cell);
        if (rc) return rc;
    } else if (a->kind == FB_SUBSIDY_ENROL || a->kind == FB_SUBSIDY_DECIDE) {
        rc = fb__store_loan_by_id(book->store, a->loan, &x->loan, &x->loan_key);
        if (rc == FB_ENOTFOUND) return refuse(o, FB_SUBSIDY_LOAN_NOT_FOUND, "loan", 0, 0);
        int64_t cell = 0;
        if (rc == FB_OK) rc = fb__store_loan_cell(book->store, x->loan_key, &x->party_key, &cell);
        if (rc) return rc;
    }
    switch (a->kind) {
    case FB_SUBSIDY_ENROL: return enrol(book, x, a, o);
    case FB_SUBSIDY_CLAIM: return claim(book, x, a, o);
    case FB_SUBSIDY_DECIDE: return decide(book, x, a, o);
    default: FB_ASSERT(a->kind == FB_SUBSIDY_PAY); return pay(book, x, a, o);
    }
}

int fb_subsidy_act_make(fb_book *book, const fb_user *as, fb_subsidy_act *a,
                        fb_subsidy_outcome *out) {
    FB_ASSERT(book != NULL && a != NULL && out != NULL);
    FB_ASSERT((unsigned)a->kind < FB_SUBSIDY_ACT_COUNT_);
    memset(out, 0, sizeof *out);
    if (a->kind != FB_SUBSIDY_ENROL && (a->quarter % 10 < 1 || a->quarter % 10 > 4 ||
                                        a->quarter / 10 < 2000 || a->quarter / 10 > 2099)) {
        return fb__book_refuse(book, FB_EINVAL, "quarter %d: yyyyq, q from 1 to 4",
                               (int)a->quarter);
    }
    subject *x = calloc(1, sizeof *x);
    if (!x) return FB_ENOMEM;
    int rc = fb_book_begin(book);
    if (rc == FB_OK) rc = act_in(book, as, x, a, out);
    free(x);
    if (rc || out->result != FB_SUBSIDY_DONE) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

typedef struct listing {
    fb_subsidy_line *out;
    size_t cap, n;
} listing;

static int list_line(void *ctx, const fb_subsidy_line *l, const char *party) {
    (void)party;
    listing *x = ctx;
    if (x->n < x->cap) x->out[x->n++] = *l;
    return FB_OK;
}

int fb_subsidy_claim_lines(fb_book *book, const char *scheme, int32_t quarter, fb_subsidy_line *out,
                           size_t cap, size_t *n) {
    FB_ASSERT(book != NULL && n != NULL);
    *n = 0;
    fb_subsidy v;
    int64_t key = 0;
    fb__subsidy_claim c;
    int rc = fb__store_subsidy_by_id(book->store, scheme, &v, &key);
    if (rc == FB_OK) rc = fb__store_subsidy_claim(book->store, key, quarter, &c);
    listing l = {out, cap, 0};
    if (rc == FB_OK) rc = fb__store_subsidy_lines(book->store, c.key, list_line, &l);
    *n = l.n;
    return rc;
}
