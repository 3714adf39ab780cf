/* eod.c — end of day: closes the bank's business days one at a time, each in one transaction
 * that ends by opening the next day, so that a day is closed exactly once whatever happens.
 *
 * Work per day: one scan of the active loans' states (O(loans), in memory), plus ledger entries
 * and state writes only for loans where something happens (an installment falls due, money is
 * collected, the class moves, penalty accrues). Interest accrual is a function of the date and
 * the running installment, so a loan with nothing happening is read and not written. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"

/* The active loans' states, kept in memory from one day to the next of a run while no other
 * connection writes the book (PRAGMA data_version); reread otherwise, and after a failed day. */
typedef struct {
    fb__loan_state *v;
    size_t n;
    int64_t version;
    bool valid;
} loan_states;

typedef struct {
    fb_book *book;
    fb_store *s;
    fb__tq q;
    int32_t day;
    fb_eod_day *out;
    int64_t interest[FB_LINE_COUNT_];
    int64_t penalty[FB_LINE_COUNT_];
    int64_t offbal_interest[FB_LINE_COUNT_]; /* accrued off the balance sheet (非应计) */
    int64_t offbal_penalty[FB_LINE_COUNT_];
    fb__eod_rules rules;
    /* What each borrower's deposit account holds, by party key, less what the day's queued
     * collections take (HELD_UNKNOWN until read): collections are queued, not written one by
     * one. */
    int64_t *held;
    fb__payment *pay; /* the collections' subject and decision, reused loan after loan */
} closing;

#define HELD_UNKNOWN INT64_MIN

static int load_loan(closing *c, const fb__loan_state *x, fb_loan *loan, bool *loaded) {
    if (*loaded) return FB_OK;
    int rc = fb__store_loan_by_key(c->s, x->loan, loan);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    *loaded = true;
    return FB_OK;
}

/* Collects what is due from the borrower's deposit account, as far as it holds. The state is
 * written once, at the close (dirty). */
static int auto_debit(closing *c, fb__loan_state *x, fb_loan *loan, bool *loaded, bool *dirty) {
    FB_ASSERT(x->status == FB_LOAN_ACTIVE && c->held != NULL);
    int64_t owed = fb__owed_due(x);
    if (owed <= 0) return FB_OK;
    int64_t *held = &c->held[x->party];
    if (*held == 0) return FB_OK;
    int rc = load_loan(c, x, loan, loaded);
    if (rc || loan->manual_collection) return rc; /* not signed for collection (代扣) */
    if (*held == HELD_UNKNOWN) {
        char deposit[FB_ID_MAX + 1];
        snprintf(deposit, sizeof deposit, "dep:%s", loan->party);
        fb_account a;
        rc = fb_ledger_get_account(c->book->ledger, deposit, &a);
        if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
        *held = a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen;
    }
    if (*held <= 0) return FB_OK;
    if (!c->pay && !(c->pay = malloc(sizeof *c->pay))) return FB_ENOMEM;
    c->pay->offbal_first = c->rules.offbal_first;
    fb_repayment r;
    memset(&r, 0, sizeof r);
    snprintf(r.loan, sizeof r.loan, "%s", loan->id);
    r.date = c->day;
    r.amount_fen = *held < owed ? *held : owed;
    fb_repay_result refused = FB_REPAY_DONE;
    rc = fb__pay(c->book, &c->q, c->pay, x, loan, &r, "auto_debit", false, &refused);
    FB_ASSERT(rc != FB_OK || (refused == FB_REPAY_DONE && r.unapplied_fen == 0));
    *held -= r.amount_fen - r.unapplied_fen;
    *dirty = true;
    if (rc == FB_OK) {
        c->out->auto_debits++;
        c->out->auto_debited_fen += r.amount_fen - r.unapplied_fen;
    }
    return rc;
}

/* The day of one loan: what is due is collected, then interest and penalty accrue. */
static int accrue(closing *c, fb__loan_state *x, bool *dirty) {
    fb_loan loan;
    bool loaded = false;
    /* A loan settled or written off on an earlier day of the run owes nothing. */
    if (x->status != FB_LOAN_ACTIVE) return FB_OK;
    FB_ASSERT(x->oldest_n <= x->cur_n && x->principal >= 0);
    int rc = auto_debit(c, x, &loan, &loaded, dirty);
    if (rc || x->status != FB_LOAN_ACTIVE) return rc;
    FB_ASSERT(x->principal >= 0 && x->due_paid <= x->due_total);
    int32_t d = c->day;
    /* A non-accrual loan's interest and penalty accrue off the balance sheet: the penalty is
     * counted as moved out of the accrued account the day it accrues. */
    int64_t interest = fb__accrued(x, d + 1) - fb__accrued(x, d);
    if (x->nonaccrual) {
        c->offbal_interest[x->line] += interest;
    } else {
        c->interest[x->line] += interest;
    }
    if (x->due_total > x->due_paid) {
        int64_t penalty = fb__penalty_day(x, d);
        if (x->nonaccrual) {
            c->offbal_penalty[x->line] += penalty;
            x->penalty_moved += penalty;
            x->op_due += penalty;
        } else {
            c->penalty[x->line] += penalty;
        }
        *dirty = true;
    }
    return FB_OK;
}

/* After the day's accruals are posted: what the day showed of the loan's payments (arrears
 * repaid, an installment paid on time, one missed in an observation period), then the next day's
 * installments fall due. */
static int fall_due(closing *c, fb__loan_state *x, bool *dirty) {
    fb_loan loan;
    bool loaded = false;
    int32_t d = c->day;
    if (x->status != FB_LOAN_ACTIVE) return FB_OK;
    int rc = fb__eod_track(c->book, &c->rules, x, d, dirty);
    while (rc == FB_OK && x->cur_n <= x->n_count && x->due_date <= d + 1) {
        rc = load_loan(c, x, &loan, &loaded);
        bool repriced = false;
        if (rc == FB_OK) rc = fb__fall_due(c->book, &c->q, x, &loan, &repriced);
        c->out->installments_due++;
        c->out->repriced_loans += repriced;
        *dirty = true;
    }
    return rc;
}

/* ---- Certificates at maturity ------------------------------------------------------------ */

/* Frees the limit a settled part reserved: revolving facilities get it back; a non-revolving one
 * returns it to the commitments, except `keep` fen made available for the advance that pays a
 * shortfall. Returns what was kept. */
static int release_limit(closing *c, const fb_certificate *p, int64_t *keep) {
    fb_facility f;
    int rc = fb__store_facility_by_id(c->s, p->facility, &f);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    int64_t face = p->range_end - p->range_start;
    bool revolving = f.revolving && f.status != FB_FACILITY_CLOSED; /* a closed line: no more */
    int64_t kept = revolving ? face : (*keep < face ? *keep : face);
    *keep -= kept < *keep ? kept : *keep;
    char id[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "csl:%s", p->id);
    rc = fb__tq_add(&c->q, id, f.drawn_account, f.available_account, kept, FB_LEDGER_OFF_BALANCE,
                    FB__CODE_LIMIT_RESTORE);
    snprintf(id, sizeof id, "csr:%s", p->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(&c->q, id, f.drawn_account, FB_ACCOUNT_COMMITMENTS, face - kept,
                        FB_LEDGER_OFF_BALANCE, FB__CODE_LIMIT_RETURN);
    }
    return rc;
}

/* The core enterprise pays every holder of its parts maturing today; what its deposit account
 * lacks, the bank advances to it as an overdue loan under the facility. */
static int settle_core(closing *c, fb__cert_row *v, size_t n, bool *advanced) {
    const char *core = v[0].c.core;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].c.range_end - v[i].c.range_start;
    char deposit[FB_ID_MAX + 1], id[FB_ID_MAX + 1], issued[FB_ID_MAX + 1];
    snprintf(deposit, sizeof deposit, "dep:%s", core);
    snprintf(issued, sizeof issued, "cti:%s", core);
    fb_account a;
    int rc = fb__tq_flush(&c->q);
    if (rc == FB_OK) rc = fb_ledger_get_account(c->book->ledger, deposit, &a);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    int64_t held = a.credits_posted_fen - a.debits_posted_fen - a.debits_pending_fen;
    int64_t shortfall = total > held ? total - held : 0;
    int64_t keep = shortfall, none = 0;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        bool same = strcmp(v[i].c.facility, v[0].c.facility) == 0;
        rc = release_limit(c, &v[i].c, same ? &keep : &none);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&c->q);
    if (rc == FB_OK && shortfall) {
        rc = fb__book_advance(c->book, core, v[0].c.facility, c->day, shortfall);
        *advanced = true;
        c->out->advances++;
        c->out->advanced_fen += shortfall;
    }
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        const fb_certificate *p = &v[i].c;
        int64_t face = p->range_end - p->range_start;
        char to[FB_ID_MAX + 1], held_by[FB_ID_MAX + 1];
        if (p->holder[0]) {
            snprintf(to, sizeof to, "dep:%s", p->holder);
            snprintf(held_by, sizeof held_by, "cth:%s", p->holder);
        } else {
            snprintf(to, sizeof to, "gl:scf_discounted");
            snprintf(held_by, sizeof held_by, "bank:cth");
        }
        snprintf(id, sizeof id, "csp:%s", p->id);
        rc = fb__tq_add(&c->q, id, deposit, to, face, 1, FB__CODE_CERT_PAY);
        snprintf(id, sizeof id, "cs:%s", p->id);
        if (rc == FB_OK) {
            rc = fb__tq_add(&c->q, id, held_by, issued, face, FB_LEDGER_CERTIFICATES,
                            FB__CODE_CERT_SETTLE);
        }
        if (rc == FB_OK) {
            rc = fb__store_cert_update(c->s, v[i].key, p->range_start, FB_CERT_SETTLED, c->day);
        }
        c->out->certificates_settled++;
        c->out->certificates_paid_fen += face;
    }
    return rc;
}

static int settle_certificates(closing *c, loan_states *ls) {
    fb__cert_row *v = NULL;
    size_t n = 0;
    int rc = fb__store_certs_maturing(c->s, c->day, &v, &n);
    bool advanced = false;
    for (size_t i = 0, j = 0; rc == FB_OK && i < n; i = j) {
        for (j = i; j < n && strcmp(v[j].c.core, v[i].c.core) == 0;)
            j++;
        rc = settle_core(c, v + i, j - i, &advanced);
    }
    if (advanced) ls->valid = false; /* new loans: read the states again */
    free(v);
    /* Collections read deposit balances: the payments must be in them. */
    return rc ? rc : fb__tq_flush(&c->q);
}

/* The day's accruals, one entry a line of business. */
static int post_accruals(closing *c) {
    char date[11], id[FB_ID_MAX + 1], dr[FB_ID_MAX + 1], cr[FB_ID_MAX + 1];
    fb_date_format(c->day, date);
    /* The discount of financed certificates, earned as supply-chain interest income. */
    int64_t discount = 0;
    int rc = fb__store_cert_accrual(c->s, c->day, &discount);
    snprintf(id, sizeof id, "scfa:%s", date);
    if (rc == FB_OK) {
        rc = fb__tq_add(&c->q, id, "gl:scf_unearned",
                        fb__gl(cr, sizeof cr, "interest_income", FB_LINE_SUPPLY_CHAIN), discount, 1,
                        FB__CODE_CERT_ACCRUE);
    }
    c->out->discount_accrued_fen = discount;
    for (int line = 0; rc == FB_OK && line < FB_LINE_COUNT_; line++) {
        snprintf(id, sizeof id, "acc:%s:%s", date, fb_line_name((fb_line)line));
        rc = fb__tq_add(&c->q, id, fb__gl(dr, sizeof dr, "interest_accrued", (fb_line)line),
                        fb__gl(cr, sizeof cr, "interest_income", (fb_line)line), c->interest[line],
                        1, FB__CODE_ACCRUE_INTEREST);
        snprintf(id, sizeof id, "pacc:%s:%s", date, fb_line_name((fb_line)line));
        if (rc == FB_OK) {
            rc = fb__tq_add(&c->q, id, fb__gl(dr, sizeof dr, "penalty_accrued", (fb_line)line),
                            fb__gl(cr, sizeof cr, "penalty_income", (fb_line)line),
                            c->penalty[line], 1, FB__CODE_ACCRUE_PENALTY);
        }
        c->out->interest_accrued_fen += c->interest[line];
        c->out->penalty_accrued_fen += c->penalty[line];
    }
    /* What non-accrual loans accrued, off the balance sheet. */
    for (int line = 0; rc == FB_OK && line < FB_LINE_COUNT_; line++) {
        snprintf(id, sizeof id, "oacc:%s:%s", date, fb_line_name((fb_line)line));
        rc = fb__tq_add(&c->q, id, fb__gl(dr, sizeof dr, "offbal_interest", (fb_line)line),
                        "memo:offbal_contra", c->offbal_interest[line], FB_LEDGER_MEMO,
                        FB__CODE_ACCRUE_OFF_INTEREST);
        snprintf(id, sizeof id, "opacc:%s:%s", date, fb_line_name((fb_line)line));
        if (rc == FB_OK) {
            rc = fb__tq_add(&c->q, id, fb__gl(dr, sizeof dr, "offbal_penalty", (fb_line)line),
                            "memo:offbal_contra", c->offbal_penalty[line], FB_LEDGER_MEMO,
                            FB__CODE_ACCRUE_OFF_PENALTY);
        }
        c->out->offbal_accrued_fen += c->offbal_interest[line] + c->offbal_penalty[line];
    }
    return rc;
}

static int load_states(fb_store *s, loan_states *ls) {
    int64_t version = 0;
    int rc = fb__store_data_version(s, &version);
    if (rc || (ls->valid && version == ls->version)) return rc;
    free(ls->v);
    ls->v = NULL;
    ls->valid = false;
    rc = fb__store_states_active(s, &ls->v, &ls->n);
    if (rc == FB_OK) {
        ls->version = version;
        ls->valid = true;
    }
    return rc;
}

static int close_day(fb_book *book, int32_t day, loan_states *ls, fb_eod_day *out) {
    memset(out, 0, sizeof *out);
    out->date = day;
    closing c;
    memset(&c, 0, sizeof c);
    c.book = book;
    c.s = book->store;
    c.day = day;
    c.out = out;
    int rc = fb__tq_init(&c.q, book);
    if (rc) return rc;
    c.q.value_date = day;
    bool *dirty = NULL;
    rc = fb_book_begin(book);
    if (rc == FB_OK) rc = fb__eod_rules_load(book, &c.rules);
    if (rc == FB_OK) rc = fb__book_gl_accounts(book);
    if (rc == FB_OK) rc = fb__cert_accounts(book);
    if (rc == FB_OK) rc = settle_certificates(&c, ls);
    if (rc == FB_OK) rc = load_states(c.s, ls);
    fb__loan_state *v = ls->v;
    size_t n = rc == FB_OK ? ls->n : 0;
    int64_t max_party = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].party > max_party) max_party = v[i].party;
    if (rc == FB_OK) {
        dirty = calloc(n + 1, sizeof *dirty);
        c.held = malloc(((size_t)max_party + 1) * sizeof *c.held);
        if (!dirty || !c.held) rc = FB_ENOMEM;
    }
    for (int64_t p = 0; rc == FB_OK && p <= max_party; p++)
        c.held[p] = HELD_UNKNOWN;
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        rc = accrue(&c, &v[i], &dirty[i]);
    if (rc == FB_OK) rc = post_accruals(&c);
    if (rc == FB_OK) rc = fb__tq_flush(&c.q);
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        rc = fall_due(&c, &v[i], &dirty[i]);
    /* The class floors the core system's feed set (import_feed.c) weigh as an officer's floor on
     * the day's decision; the loan's own officer's floor is kept as it was. */
    int64_t *manual = rc == FB_OK ? malloc((n + 1) * sizeof *manual) : NULL;
    if (rc == FB_OK && !manual) rc = FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        manual[i] = v[i].manual;
    if (rc == FB_OK) rc = fb__class_floors_apply(book, v, n);
    if (rc == FB_OK) rc = fb__eod_classify(book, &c.q, &c.rules, day, v, n, max_party, dirty, out);
    for (size_t i = 0; manual && i < n; i++)
        v[i].manual = manual[i];
    free(manual);
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (dirty[i]) rc = fb__store_state_put(c.s, &v[i]);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&c.q);
    /* A month's last day: the provisions and the book's quality as of its close. */
    if (rc == FB_OK && fb__month_end(day)) rc = fb__provision_month_end(book, &c.q, day, out);
    /* Interest subsidies accrue on the principal the day closes with (subsidy.c). */
    if (rc == FB_OK) rc = fb__subsidy_accrue_day(book, &c.q, day);
    if (rc == FB_OK) rc = fb__tq_flush(&c.q);
    /* Guarantee fees accrue on the same principal; a collection day takes them (after repayments).
     */
    if (rc == FB_OK) rc = fb__guarantee_fee_close(book, &c.q, day);
    if (rc == FB_OK) rc = fb__tq_flush(&c.q);
    for (size_t expired = FB_EXPIRE_MAX; rc == FB_OK && expired == FB_EXPIRE_MAX;) {
        rc = fb_ledger_expire_pending(book->ledger, 0, &expired);
        out->expired_pending += expired;
    }
    if (rc == FB_OK) rc = fb__store_agg_close_day(c.s, day, v, n);
    /* Lines whose last day this was expire as the next day opens: their borrowers' loans may
     * change their inclusive status (facility_life.c), so the states in memory are read again. */
    int64_t lapsed = 0;
    if (rc == FB_OK) rc = fb__facilities_expire(book, day + 1, &lapsed);
    if (lapsed) ls->valid = false;
    if (rc == FB_OK) rc = fb__store_set_business_date(c.s, day + 1);
    /* The schemes' figures as readers see them until the next act (scheme_history.c). */
    if (rc == FB_OK) rc = fb__schemes_close(book, day);
    if (rc == FB_OK) {
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    if (rc) ls->valid = false; /* the states in memory may hold what was not written */
    free(dirty);
    free(c.held);
    free(c.pay);
    fb__tq_free(&c.q);
    return rc;
}

/* Whether closing open..through keeps within the bounds: the days allowed, and the calendar. */
static int eod_bounds(fb_book *book, int32_t open, int32_t through, const fb_eod_options *o) {
    int64_t max_days = o && o->allow_days > 0 ? o->allow_days : 0, simulation = 0;
    int rc = max_days ? FB_OK : fb_setting_get(book, "eod_max_days", &max_days);
    if (rc == FB_OK) rc = fb_setting_get(book, "simulation", &simulation);
    if (rc) return rc;
    FB_ASSERT(max_days >= 1);
    char a[11], b[11];
    int64_t days = (int64_t)through - open + 1;
    if (days > max_days) {
        return fb__book_refuse(book, FB_EINVAL,
                               "closing %s through %s is %lld days, more than the %lld one end of "
                               "day may close (the setting eod_max_days, or --allow-days)",
                               fb_date_format(open, a), fb_date_format(through, b), (long long)days,
                               (long long)max_days);
    }
    int32_t tomorrow = (int32_t)(fb_now_ns() / (86400LL * 1000000000LL)) + 1;
    if (!simulation && through > tomorrow) {
        return fb__book_refuse(book, FB_EINVAL,
                               "%s is after tomorrow (%s): a real book closes no day ahead of the "
                               "calendar (a simulation book may: the setting simulation)",
                               fb_date_format(through, a), fb_date_format(tomorrow, b));
    }
    /* The day after the last one closed is the business date: it must be a date the doors write. */
    int32_t last = fb_date_from_ymd(9999, 12, 30);
    if (through > last) {
        return fb__book_refuse(book, FB_EINVAL,
                               "%s is after %s, the last day whose next day a book can hold",
                               fb_date_format(through, a), fb_date_format(last, b));
    }
    return FB_OK;
}

/* A book marked by a cut-over that stopped between its parts (docs/import.md, "A large book")
 * takes no write (fb__store_writable, where every write transaction begins): asked before the
 * run's bounds, so that the server's end of day refuses before its first step. */
static int import_unfinished(fb_book *book) { return fb__store_writable(book->store); }

int fb_eod_run(fb_book *book, int32_t through, const fb_eod_options *o, int32_t *days_closed) {
    FB_ASSERT(book != NULL && days_closed != NULL);
    FB_ASSERT(!o || o->allow_days >= 0);
    *days_closed = 0;
    fb_store *s = book->store;
    int32_t open = 0;
    int rc = import_unfinished(book);
    if (rc == FB_OK) rc = fb__store_business_date(s, &open);
    if (rc == FB_OK && open == 0) {
        rc = fb__store_first_active_start(s, &open);
        if (open == 0 || open > through) open = through;
    }
    if (rc == FB_OK && through >= open) rc = eod_bounds(book, open, through, o);
    if (rc) return rc;
    int32_t total = through >= open ? through - open + 1 : 0;
    loan_states ls = {NULL, 0, 0, false};
    for (int32_t day = open; rc == FB_OK && day <= through; day++) {
        if (o && o->stop && *o->stop) break; /* between two days: each is whole */
        fb_eod_day out;
        rc = close_day(book, day, &ls, &out);
        if (rc) break;
        ++*days_closed;
        if (o && o->progress) o->progress(o->ctx, &out, *days_closed, total);
    }
    free(ls.v);
    FB_ASSERT(rc != FB_OK || *days_closed <= total);
    return rc;
}

int fb_business_date(fb_book *book, int32_t *date) {
    return fb__store_business_date(book->store, date);
}
