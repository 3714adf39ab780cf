/* loan.c — loans: drawdowns under a facility. A drawdown stores the loan and its schedule,
 * reserves the facility's limit on the off-balance ledger and disburses to the borrower's deposit
 * account, the two transfers linked so that both happen or neither (docs/accounts.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const result_names[] = {"created",
                                           "exists",
                                           "exists_with_different",
                                           "facility_not_found",
                                           "before_facility_start",
                                           "after_facility_end",
                                           "exceeds_available_limit",
                                           "no_lpr",
                                           "rate_out_of_range",
                                           "before_business_date",
                                           "after_business_date",
                                           "facility_not_active",
                                           "payee_not_found"};

/* Transfer codes. */
enum { CODE_DRAWDOWN = 702, CODE_DISBURSEMENT = 101 };

const char *fb_loan_result_name(fb_loan_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, r) return *field = (f), snprintf(reason, cap, "%s", (r)), FB_EINVAL

/* Text of the doors: printable, no control character. */
static bool printable(const char *s) {
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return false;
    }
    return true;
}

/* 受托支付: the bank pays the borrower's payee, a party of the book or an account at another
 * bank with its holder's name, for the purpose recorded. */
static int check_payee(const fb_loan *x, const char **field, char *reason, size_t cap) {
    const char *why = NULL;
    bool entrusted = x->payment == FB_PAYMENT_ENTRUSTED;
    bool account = x->payee_account[0] != 0;
    if (!printable(x->purpose)) FAIL("purpose", "has a control character");
    if (!entrusted) {
        if (x->payee[0] || account || x->payee_name[0]) {
            FAIL(x->payee[0] ? "payee"
                 : account   ? "payee_account"
                             : "payee_name",
                 "is for entrusted payment only");
        }
        return FB_OK;
    }
    if (!x->purpose[0]) FAIL("purpose", "is required for entrusted payment (贷款用途)");
    if (x->payee[0] == 0 && !account) {
        FAIL("payee", "or payee_account is required for entrusted payment");
    }
    if (x->payee[0] && account) FAIL("payee_account", "is for a payee outside the book");
    if (x->payee[0] && !fb_id_valid(x->payee, strnlen(x->payee, sizeof x->payee), &why)) {
        FAIL("payee", why);
    }
    if (account && strspn(x->payee_account, "0123456789-") != strlen(x->payee_account)) {
        FAIL("payee_account", "must be the digits of a bank account number");
    }
    if (account && !x->payee_name[0]) FAIL("payee_name", "is required with payee_account");
    if (!printable(x->payee_name)) FAIL("payee_name", "has a control character");
    return FB_OK;
}

int fb_loan_check(fb_loan *x, const char **field, char *reason, size_t cap) {
    FB_ASSERT(x != NULL && field != NULL && reason != NULL && cap > 0);
    const char *why = NULL;
    fb_loan_terms *t = &x->terms;
    if (!fb_id_valid(x->id, strnlen(x->id, sizeof x->id), &why)) FAIL("id", why);
    if (strlen(x->id) > FB_LOAN_ID_MAX) FAIL("id", "is longer than 48 characters");
    if (!fb_id_valid(x->facility, strnlen(x->facility, sizeof x->facility), &why)) {
        FAIL("facility", why);
    }
    if (t->principal_fen <= 0) FAIL("amount", "must be more than 0");
    if (t->principal_fen > FB_PRINCIPAL_MAX_FEN) FAIL("amount", "is too large");
    if (x->rate_kind == FB_RATE_FIXED) {
        if (t->rate_e6 <= 0) FAIL("rate", "must be more than 0");
        if (t->rate_e6 > FB_RATE_MAX_E6) FAIL("rate", "is above the 24% ceiling");
    } else {
        if (x->lpr_tenor_years != 0 && x->lpr_tenor_years != 1 && x->lpr_tenor_years != 5) {
            FAIL("lpr", "must be 1y or 5y");
        }
        if (x->spread_bp < -10000 || x->spread_bp > 10000) {
            FAIL("spread_bp", "must be within -10000 and 10000");
        }
    }
    if (t->months < 1) FAIL("months", "must be at least 1");
    if (t->months > FB_LOAN_MONTHS_MAX) FAIL("months", "must be at most 480");
    if ((unsigned)t->method >= FB_METHOD_COUNT_) FAIL("method", "is unknown");
    if ((unsigned)t->day_count >= FB_DAYCOUNT_COUNT_) FAIL("day_count", "is unknown");
    if (t->repayment_day < 0 || t->repayment_day > 31) FAIL("repayment_day", "must be 1..31");
    if (x->penalty_markup_pct < 30 || x->penalty_markup_pct > 50) {
        FAIL("penalty_markup", "must be 30 to 50 (percent of the contract rate)");
    }
    if ((unsigned)x->payment >= FB_PAYMENT_COUNT_) FAIL("payment", "is unknown");
    int rc = check_payee(x, field, reason, cap);
    if (rc) return rc;
    snprintf(x->principal_account, sizeof x->principal_account, "loan:%s:principal", x->id);
    snprintf(x->interest_account, sizeof x->interest_account, "loan:%s:interest", x->id);
    snprintf(x->penalty_account, sizeof x->penalty_account, "loan:%s:penalty", x->id);
    return FB_OK;
}

const char *fb__loan_differs(const fb_loan *a, const fb_loan *b) {
    if (strcmp(a->facility, b->facility) != 0) return "facility";
    if (a->terms.principal_fen != b->terms.principal_fen) return "amount";
    if (a->rate_kind != b->rate_kind) return "rate";
    if (a->rate_kind == FB_RATE_FIXED && a->terms.rate_e6 != b->terms.rate_e6) return "rate";
    if (a->rate_kind == FB_RATE_LPR && a->spread_bp != b->spread_bp) return "spread_bp";
    if (a->terms.months != b->terms.months) return "months";
    if (a->terms.method != b->terms.method) return "method";
    if (a->terms.start_date != b->terms.start_date) return "start_date";
    if (a->terms.repayment_day != b->terms.repayment_day) return "repayment_day";
    if (a->terms.day_count != b->terms.day_count) return "day_count";
    if (a->penalty_markup_pct != b->penalty_markup_pct) return "penalty_markup";
    if (a->payment != b->payment) return "payment";
    if (strcmp(a->payee, b->payee) != 0) return "payee";
    if (strcmp(a->payee_account, b->payee_account) != 0) return "payee_account";
    if (strcmp(a->purpose, b->purpose) != 0) return "purpose";
    if (a->manual_collection != b->manual_collection) return "auto_collect";
    if (a->personal_purpose != b->personal_purpose) return "business_purpose";
    return NULL;
}

int fb_rate_ceiling(fb_book *book, int64_t *rate_e6) {
    return fb_setting_get(book, "rate_ceiling", rate_e6);
}

int fb_rate_ceiling_set(fb_book *book, int64_t rate_e6) {
    return fb_setting_set(book, "rate_ceiling", rate_e6);
}

/* Sets an LPR loan's rate from the LPR in effect on its start date; refuses a rate above the
 * book's ceiling. */
static int price(fb_book *book, fb_loan *x, fb_loan_result *refusal, int64_t *against) {
    int64_t ceiling = 0;
    int rc = fb_rate_ceiling(book, &ceiling);
    if (rc) return rc;
    *against = ceiling;
    if (x->rate_kind != FB_RATE_LPR) {
        if (x->terms.rate_e6 > ceiling) *refusal = FB_LOAN_RATE_OUT_OF_RANGE;
        return FB_OK;
    }
    fb_lpr lpr;
    rc = fb__store_lpr_at(book->store, x->terms.start_date, &lpr);
    if (rc == FB_ENOTFOUND) return *refusal = FB_LOAN_NO_LPR, FB_OK;
    if (rc) return rc;
    if (x->lpr_tenor_years == 0) x->lpr_tenor_years = x->terms.months > 60 ? 5 : 1;
    x->lpr_base_e6 = x->lpr_tenor_years == 5 ? lpr.five_year_e6 : lpr.one_year_e6;
    x->lpr_date = lpr.date;
    x->terms.rate_e6 = x->lpr_base_e6 + (int64_t)x->spread_bp * 100; /* 1 bp = 100 millionths */
    if (x->terms.rate_e6 <= 0 || x->terms.rate_e6 > ceiling) {
        *refusal = FB_LOAN_RATE_OUT_OF_RANGE;
    }
    return FB_OK;
}

/* What the facility and its party say of the loan: its period, its limit, and what is derived. */
static int against_facility(fb_book *book, fb_loan *x, fb_loan_result *refusal) {
    fb_store *s = book->store;
    fb_facility f;
    int rc = fb__store_facility_by_id(s, x->facility, &f);
    if (rc == FB_ENOTFOUND) return *refusal = FB_LOAN_FACILITY_NOT_FOUND, FB_OK;
    if (rc) return rc;
    if (x->terms.start_date < f.start_date) return *refusal = FB_LOAN_BEFORE_FACILITY_START, FB_OK;
    if (x->terms.start_date > f.end_date) return *refusal = FB_LOAN_AFTER_FACILITY_END, FB_OK;
    if (f.status != FB_FACILITY_ACTIVE) return *refusal = FB_LOAN_FACILITY_NOT_ACTIVE, FB_OK;
    int64_t room = 0;
    rc = fb_facility_limits(book, &f, &room, NULL);
    if (rc) return rc;
    if (x->terms.principal_fen > room) return *refusal = FB_LOAN_EXCEEDS_AVAILABLE_LIMIT, FB_OK;
    fb_party p;
    rc = fb__store_party_by_id(s, f.party, &p);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    memcpy(x->party, f.party, sizeof x->party);
    x->line = f.line;
    memcpy(x->green_item, f.green_item, sizeof x->green_item);
    memcpy(x->project, f.project, sizeof x->project);
    /* Inclusive status as of the drawdown: the party's total credit now (and on, as its
     * facilities change: facility_life.c). */
    int64_t total = 0;
    rc = fb__store_party_total_credit(s, f.party, &total);
    if (rc) return rc;
    fb__loan_inclusive(&p, total, x, &x->inclusive_cbirc, &x->inclusive_pboc);
    if (x->payee[0]) {
        fb_party payee;
        rc = fb__store_party_by_id(s, x->payee, &payee);
        if (rc == FB_ENOTFOUND) return *refusal = FB_LOAN_PAYEE_NOT_FOUND, FB_OK;
    }
    return rc;
}

fb_account fb__book_account(const char *id, uint32_t ledger, uint16_t code, uint16_t flags) {
    fb_account a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "%s", id);
    a.ledger = ledger;
    a.code = code;
    a.flags = flags;
    return a;
}

int fb__book_clearing_account(fb_book *book) {
    fb_account a = fb__book_account(FB_ACCOUNT_PAYMENTS_OUT, 1, FB_CODE_PAYMENTS_OUT, 0);
    fb_result r = FB_RESULT_CREATED;
    int rc = fb_ledger_create_accounts(book->ledger, &a, 1, &r, NULL);
    if (rc == FB_OK && r != FB_RESULT_CREATED && r != FB_RESULT_EXISTS) rc = FB_ECORRUPT;
    FB_ASSERT(rc != FB_OK || r == FB_RESULT_CREATED || r == FB_RESULT_EXISTS);
    return rc;
}

static fb_transfer ledger_transfer(const char *prefix, const char *loan, const char *dr,
                                   const char *cr, int64_t amount, uint32_t ledger, uint16_t code) {
    fb_transfer t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "%s:%s", prefix, loan);
    snprintf(t.debit_account_id, sizeof t.debit_account_id, "%s", dr);
    snprintf(t.credit_account_id, sizeof t.credit_account_id, "%s", cr);
    t.amount_fen = amount;
    t.ledger = ledger;
    t.code = code;
    return t;
}

/* Opens the loan's accounts, reserves the limit and disburses: every event must succeed, as
 * the checks above were made inside this transaction. */
static int book_drawdown(fb_book *book, const fb_loan *x) {
    const uint16_t asset = FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS;
    fb_account acc[3] = {
        fb__book_account(x->principal_account, 1, FB_CODE_LOAN_PRINCIPAL, asset),
        fb__book_account(x->interest_account, 1, FB_CODE_INTEREST_RECEIVABLE, asset),
        fb__book_account(x->penalty_account, 1, FB_CODE_PENALTY_RECEIVABLE, asset)};
    fb_result r[3];
    int rc = fb_ledger_create_accounts(book->ledger, acc, 3, r, NULL);
    for (int i = 0; rc == FB_OK && i < 3; i++) {
        if (r[i] != FB_RESULT_CREATED) rc = FB_ECORRUPT;
    }
    if (rc) return rc;
    char available[FB_ID_MAX + 1], drawn[FB_ID_MAX + 1], deposit[FB_ID_MAX + 1];
    snprintf(available, sizeof available, "fac:%s:available", x->facility);
    snprintf(drawn, sizeof drawn, "fac:%s:drawn", x->facility);
    /* Paid to the borrower, or by entrusted payment to its payee: a party's deposit account or,
     * for an account at another bank, the outward clearing account. */
    if (x->payment == FB_PAYMENT_ENTRUSTED && !x->payee[0]) {
        rc = fb__book_clearing_account(book);
        if (rc) return rc;
    }
    if (x->payment != FB_PAYMENT_ENTRUSTED) {
        snprintf(deposit, sizeof deposit, "dep:%s", x->party);
    } else if (x->payee[0]) {
        snprintf(deposit, sizeof deposit, "dep:%s", x->payee);
    } else {
        snprintf(deposit, sizeof deposit, "%s", FB_ACCOUNT_PAYMENTS_OUT);
    }
    int64_t amount = x->terms.principal_fen;
    fb_transfer t[2] = {ledger_transfer("draw", x->id, available, drawn, amount,
                                        FB_LEDGER_OFF_BALANCE, CODE_DRAWDOWN),
                        ledger_transfer("disb", x->id, x->principal_account, deposit, amount, 1,
                                        CODE_DISBURSEMENT)};
    t[0].flags = FB_TRANSFER_LINKED;
    t[0].value_date = t[1].value_date = x->terms.start_date;
    rc = fb_ledger_create_transfers(book->ledger, t, 2, r, NULL, NULL);
    if (rc == FB_OK && (r[0] != FB_RESULT_CREATED || r[1] != FB_RESULT_CREATED)) {
        rc = fb__book_refuse(book, FB_ECORRUPT, "drawdown of %s refused by the ledger: %s, %s",
                             x->id, fb_result_name(r[0]), fb_result_name(r[1]));
    }
    return rc;
}

static int draw_one(fb_book *book, fb_loan *x, int32_t business_date, int64_t now,
                    fb_loan_outcome *o) {
    fb_store *s = book->store;
    memset(o, 0, sizeof *o);
    fb_loan existing;
    int64_t key = 0;
    int rc = fb__store_loan_by_id(s, x->id, &existing, &key);
    if (rc == FB_OK) {
        o->field = fb__loan_differs(x, &existing);
        o->result = o->field ? FB_LOAN_EXISTS_WITH_DIFFERENT : FB_LOAN_EXISTS;
        if (!o->field) *x = existing;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    /* Once days are closed, a drawdown is dated the day now open: the aggregates of each closed
     * day then hold exactly the loans drawn by its end. */
    if (business_date && x->terms.start_date != business_date) {
        o->result = x->terms.start_date < business_date ? FB_LOAN_BEFORE_BUSINESS_DATE
                                                        : FB_LOAN_AFTER_BUSINESS_DATE;
        o->against = business_date;
        return FB_OK;
    }
    fb_loan_result refusal = FB_LOAN_CREATED;
    rc = against_facility(book, x, &refusal);
    if (rc == FB_OK && refusal == FB_LOAN_CREATED) rc = price(book, x, &refusal, &o->against);
    if (rc || refusal != FB_LOAN_CREATED) return o->result = refusal, rc;
    fb_installment *sched = calloc(FB_LOAN_MONTHS_MAX, sizeof *sched);
    if (!sched) return FB_ENOMEM;
    size_t n = 0;
    const char *field = NULL, *why = NULL;
    rc = fb_schedule_build(&x->terms, sched, FB_LOAN_MONTHS_MAX, &n, &field, &why);
    if (rc) rc = fb__book_refuse(book, FB_EINVAL, "loan %s: %s %s", x->id, field, why);
    if (rc == FB_OK) {
        x->maturity_date = sched[n - 1].due_date;
        x->status = FB_LOAN_ACTIVE;
        x->created_ns = now;
        rc = fb__store_loan_insert(s, x, sched, n);
    }
    free(sched);
    if (rc == FB_OK) rc = book_drawdown(book, x);
    if (rc == FB_OK) o->result = FB_LOAN_CREATED;
    return rc;
}

int fb_loans_create(fb_book *book, fb_loan *loans, size_t n, fb_loan_outcome *outcomes) {
    FB_ASSERT(book != NULL && (loans != NULL || n == 0) && (outcomes != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    if (n == 0) return FB_OK;
    int rc = fb_book_begin(book);
    if (rc) return rc;
    int32_t business_date = 0;
    rc = fb__store_business_date(book->store, &business_date);
    int64_t now = fb_now_ns();
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        rc = draw_one(book, &loans[i], business_date, now, &outcomes[i]);
    }
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_loan_get(fb_book *book, const char *id, fb_loan *out) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    int64_t key = 0;
    return fb__store_loan_by_id(book->store, id, out, &key);
}

int fb_loan_schedule(fb_book *book, const char *id, fb_installment *out, size_t cap, size_t *n) {
    *n = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_loan x;
    int64_t key = 0;
    fb_store *s = book->store;
    int rc = fb__store_loan_by_id(s, id, &x, &key);
    if (rc) return rc;
    rc = fb__store_installments(s, key, out, cap, n);
    /* The balance after each installment: the amount less the principal of the installments so
     * far and less what was prepaid out of the schedule before its due date. Every prepayment is
     * read: a loan makes at most FB_LOAN_PREPAYMENTS_MAX (the store says FB_ELIMIT beyond). */
    int32_t *dates = malloc(FB_LOAN_PREPAYMENTS_MAX * sizeof *dates);
    int64_t *amounts = malloc(FB_LOAN_PREPAYMENTS_MAX * sizeof *amounts);
    if (rc == FB_OK && (!dates || !amounts)) rc = FB_ENOMEM;
    size_t np = 0;
    if (rc == FB_OK) {
        rc = fb__store_prepayments(s, key, dates, amounts, FB_LOAN_PREPAYMENTS_MAX, &np);
    }
    FB_ASSERT(rc != FB_OK || np <= FB_LOAN_PREPAYMENTS_MAX);
    /* A loan brought in at a cut-over: what it prepaid before stands on the cut-over's day. */
    fb__loan_opening op;
    int found = rc == FB_OK ? fb__store_loan_opening(s, key, &op) : FB_ENOTFOUND;
    if (found == FB_OK && op.prepaid && np < FB_LOAN_PREPAYMENTS_MAX) {
        memmove(dates + 1, dates, np * sizeof *dates);
        memmove(amounts + 1, amounts, np * sizeof *amounts);
        dates[0] = op.date;
        amounts[0] = op.prepaid;
        np++;
    }
    if (found != FB_OK && found != FB_ENOTFOUND) rc = found;
    int64_t balance = x.terms.principal_fen;
    size_t p = 0;
    for (size_t i = 0; rc == FB_OK && i < *n; i++) {
        for (; p < np && dates[p] < out[i].due_date; p++)
            balance -= amounts[p];
        balance -= out[i].principal_fen;
        out[i].balance_fen = balance;
    }
    FB_ASSERT(p <= np);
    free(dates);
    free(amounts);
    return rc;
}

int fb__book_advance(fb_book *book, const char *core, const char *facility, int32_t date,
                     int64_t amount_fen) {
    fb_store *s = book->store;
    fb_loan x;
    memset(&x, 0, sizeof x);
    char day[11], prefix[24];
    fb_date_format(date, day);
    snprintf(prefix, sizeof prefix, "adv:%s:", day);
    int64_t count = 0;
    int rc = fb__store_loans_with_prefix(s, prefix, &count);
    if (rc) return rc;
    snprintf(x.id, sizeof x.id, "%s%lld", prefix, (long long)count + 1);
    snprintf(x.facility, sizeof x.facility, "%s", facility);
    /* At the one-year LPR, penalty and compound interest at half as much again. */
    x.terms = (fb_loan_terms){amount_fen, 0, 1, FB_METHOD_BULLET, date, 0, FB_DAYCOUNT_ACT360};
    x.rate_kind = FB_RATE_LPR;
    x.lpr_tenor_years = 1;
    x.penalty_markup_pct = 50;
    const char *field = NULL;
    char reason[128];
    rc = fb_loan_check(&x, &field, reason, sizeof reason);
    fb_facility f;
    fb_party p;
    int64_t total = 0;
    if (rc == FB_OK) rc = fb__store_facility_by_id(s, facility, &f);
    if (rc == FB_OK) rc = fb__store_party_by_id(s, core, &p);
    if (rc == FB_OK) rc = fb__store_party_total_credit(s, core, &total);
    if (rc) return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
    memcpy(x.party, f.party, sizeof x.party);
    x.line = f.line;
    fb__book_inclusive(&p, total, &x.inclusive_cbirc, &x.inclusive_pboc);
    fb_lpr lpr;
    rc = fb__store_lpr_at(s, date, &lpr);
    if (rc) return rc == FB_ENOTFOUND ? fb__book_refuse(book, FB_EINVAL, "no LPR on %s", day) : rc;
    x.lpr_base_e6 = lpr.one_year_e6;
    x.lpr_date = lpr.date;
    x.terms.rate_e6 = lpr.one_year_e6;
    x.maturity_date = date;
    x.status = FB_LOAN_ACTIVE;
    x.created_ns = fb_now_ns();
    /* One installment, due the day it is drawn: the advance is overdue from the start. */
    fb_installment due = {1, date, date, amount_fen, amount_fen, 0, 0};
    rc = fb__store_loan_insert(s, &x, &due, 1);
    int64_t key = 0;
    if (rc == FB_OK) rc = fb__store_loan_by_id(s, x.id, &x, &key);
    fb__loan_state st;
    if (rc == FB_OK) rc = fb__store_state_get(s, key, &st);
    if (rc) return rc;
    st.cur_n = 2;
    st.period_start = st.due_date = st.cur_interest = st.cur_principal = 0;
    st.due_total = amount_fen;
    st.oldest_n = 1;
    st.oldest_due = date;
    rc = fb__store_state_put(s, &st);
    return rc ? rc : book_drawdown(book, &x);
}
