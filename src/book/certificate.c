/* certificate.c — supply-chain payable certificates (云信): a core enterprise issues a confirmed
 * payable under its supply-chain facility; holders pass parts down their own supply chains or
 * sell them to the bank at a discount; at maturity the core pays every holder of record
 * (settlement is part of end of day, eod.c). A part is a range of fen inside its root, so every
 * fen is traceable to its root and its one holder (DOMAIN.md; docs/accounts.md for the entries). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

static const char *const result_names[] = {"done",
                                           "exists",
                                           "exists_with_different",
                                           "party_not_found",
                                           "no_facility",
                                           "exceeds_available_limit",
                                           "before_business_date",
                                           "part_not_found",
                                           "nothing_held",
                                           "held_by_bank",
                                           "at_or_after_maturity",
                                           "to_current_holder",
                                           "exceeds_held",
                                           "before_received",
                                           "to_core"};

const char *fb_cert_result_name(fb_cert_result r) {
    return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : "unknown";
}

#define FAIL(f, r) return *field = (f), snprintf(reason, cap, "%s", (r)), FB_EINVAL

static bool id_ok(const char *id, size_t max, const char **why) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), why)) return false;
    if (strlen(id) > max) return *why = "is too long", false;
    return true;
}

int fb__cert_last_day(int32_t issue, int months) {
    int y, m, d;
    fb_date_to_ymd(issue, &y, &m, &d);
    return fb_date_add_months(issue, months, d);
}

int fb_cert_issue_check(const fb_cert_issue *v, const char **field, char *reason, size_t cap) {
    const char *why = NULL;
    if (!id_ok(v->id, FB_CERT_ID_MAX, &why)) FAIL("id", why);
    if (!id_ok(v->core, FB_PARTY_ID_MAX, &why)) FAIL("core", why);
    if (!id_ok(v->holder, FB_PARTY_ID_MAX, &why)) FAIL("holder", why);
    if (v->facility[0] && !id_ok(v->facility, FB_FACILITY_ID_MAX, &why)) FAIL("facility", why);
    if (strcmp(v->core, v->holder) == 0) FAIL("holder", "is the core enterprise itself");
    if (v->face_fen <= 0) FAIL("face", "must be at least 0.01");
    if (v->face_fen > FB_PRINCIPAL_MAX_FEN) FAIL("face", "is too large");
    if (v->issue_date == 0) FAIL("issue_date", "is missing");
    if (v->maturity <= v->issue_date) FAIL("maturity", "must be after the issue date");
    if (v->maturity > fb__cert_last_day(v->issue_date, FB_CERT_TERM_MAX_MONTHS)) {
        FAIL("maturity", "is more than one year after the issue date");
    }
    return FB_OK;
}

int fb_cert_move_check(const fb_cert_move *v, bool finance, const char **field, char *reason,
                       size_t cap) {
    const char *why = NULL;
    if (!id_ok(v->part, FB_CERT_ID_MAX, &why)) FAIL("part", why);
    if (!id_ok(v->id, FB_CERT_ID_MAX, &why)) FAIL("id", why);
    if (strcmp(v->part, v->id) == 0) FAIL("id", "must differ from the part's");
    if (!finance && !id_ok(v->to, FB_PARTY_ID_MAX, &why)) FAIL("to", why);
    if (v->amount_fen < 0) FAIL("amount", "must be at least 0.01");
    if (v->amount_fen > FB_PRINCIPAL_MAX_FEN) FAIL("amount", "is too large");
    if (finance && v->discount_rate_e6 <= 0) FAIL("rate", "must be more than 0");
    if (finance && v->discount_rate_e6 > FB_RATE_MAX_E6) FAIL("rate", "is above 24%");
    return FB_OK;
}

/* ---- Accounts ------------------------------------------------------------------------------ */

#define BANK_HOLDS "bank:cth"

/* The certificate accounts of a holder ("" = the bank) and of a core enterprise. */
static void held_account(char *buf, size_t cap, const char *holder) {
    if (holder[0]) {
        snprintf(buf, cap, "cth:%s", holder);
    } else {
        snprintf(buf, cap, BANK_HOLDS);
    }
}

/* Opens an account when it does not exist yet. */
static int ensure(fb_book *book, const char *id, uint32_t ledger, uint16_t code, uint16_t flags) {
    fb_account a;
    int rc = fb_ledger_get_account(book->ledger, id, &a);
    if (rc != FB_ENOTFOUND) return rc;
    a = fb__book_account(id, ledger, code, flags);
    fb_result r;
    rc = fb_ledger_create_accounts(book->ledger, &a, 1, &r, NULL);
    if (rc == FB_OK && r != FB_RESULT_CREATED) {
        rc = fb__book_refuse(book, FB_ECORRUPT, "account %s: %s", id, fb_result_name(r));
    }
    return rc;
}

int fb__cert_ensure_accounts(fb_book *book, const char *core, const char *holder) {
    char issued[FB_ID_MAX + 1];
    snprintf(issued, sizeof issued, "cti:%s", core);
    int rc = ensure(book, issued, FB_LEDGER_CERTIFICATES, 8001,
                    FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS);
    char held[FB_ID_MAX + 1];
    held_account(held, sizeof held, holder);
    return rc ? rc
              : ensure(book, held, FB_LEDGER_CERTIFICATES, holder[0] ? 8101 : 8102,
                       FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS);
}

static int ensure_holder(fb_book *book, const char *holder) {
    char id[FB_ID_MAX + 1];
    held_account(id, sizeof id, holder);
    return ensure(book, id, FB_LEDGER_CERTIFICATES, 8101,
                  FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS);
}

int fb__cert_accounts(fb_book *book) {
    int rc = ensure(book, BANK_HOLDS, FB_LEDGER_CERTIFICATES, 8102,
                    FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS);
    if (rc == FB_OK) {
        rc = ensure(book, "gl:scf_discounted", 1, 1302, FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS);
    }
    if (rc == FB_OK) {
        rc = ensure(book, "gl:scf_unearned", 1, 2502, FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS);
    }
    return rc;
}

/* ---- Issue --------------------------------------------------------------------------------- */

static const char *issue_differs(const fb_cert_issue *v, const fb__cert_row *x) {
    if (x->c.parent[0]) return "id"; /* a part cut from another, not a root */
    if (strcmp(v->core, x->c.core) != 0) return "core";
    if (strcmp(v->holder, x->c.holder) != 0) return "holder";
    if (v->face_fen != x->amount) return "face";
    if (v->issue_date != x->c.issue_date) return "issue_date";
    if (v->maturity != x->c.maturity) return "maturity";
    if (v->facility[0] && strcmp(v->facility, x->c.facility) != 0) return "facility";
    return NULL;
}

/* The core's supply-chain facility for the certificate, its room checked. */
static int issue_facility(fb_book *book, fb__tq *q, fb_cert_issue *v, fb_facility *f,
                          fb_cert_result *res) {
    fb_store *s = book->store;
    int rc = FB_OK;
    if (!v->facility[0]) {
        rc = fb__store_facility_in_force(s, v->core, FB_LINE_SUPPLY_CHAIN, v->issue_date,
                                         v->facility, sizeof v->facility);
        if (rc == FB_ENOTFOUND) return *res = FB_CERT_NO_FACILITY, FB_OK;
        if (rc) return rc;
    }
    rc = fb__store_facility_by_id(s, v->facility, f);
    if (rc == FB_ENOTFOUND) return *res = FB_CERT_NO_FACILITY, FB_OK;
    if (rc) return rc;
    /* In force: the core's supply-chain line, on the issue date, neither frozen nor closed. */
    if (strcmp(f->party, v->core) != 0 || f->line != FB_LINE_SUPPLY_CHAIN ||
        v->issue_date < f->start_date || v->issue_date > f->end_date ||
        f->status != FB_FACILITY_ACTIVE) {
        return *res = FB_CERT_NO_FACILITY, FB_OK;
    }
    int64_t available = 0;
    rc = fb__tq_flush(q); /* the reserves of the batch's earlier issues */
    if (rc == FB_OK) rc = fb_facility_limits(book, f, &available, NULL);
    if (rc) return rc;
    if (available < v->face_fen) *res = FB_CERT_EXCEEDS_AVAILABLE_LIMIT;
    return FB_OK;
}

static int issue_one(fb_book *book, fb__tq *q, int32_t open, fb_cert_issue *v, int64_t now,
                     fb_cert_outcome *o) {
    fb_store *s = book->store;
    memset(o, 0, sizeof *o);
    fb__cert_row x;
    int rc = fb__store_cert_by_id(s, v->id, &x);
    if (rc == FB_OK) {
        o->field = issue_differs(v, &x);
        o->result = o->field ? FB_CERT_EXISTS_WITH_DIFFERENT : FB_CERT_EXISTS;
        o->amount_fen = x.amount;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    if (open && v->issue_date < open) {
        return o->against = open, o->result = FB_CERT_BEFORE_BUSINESS_DATE, FB_OK;
    }
    fb_party p;
    const char *who[2] = {v->core, v->holder};
    const char *names[2] = {"core", "holder"};
    for (int i = 0; i < 2; i++) {
        rc = fb__store_party_by_id(s, who[i], &p);
        if (rc == FB_ENOTFOUND) {
            o->field = names[i];
            return o->result = FB_CERT_PARTY_NOT_FOUND, FB_OK;
        }
        if (rc) return rc;
    }
    /* A payable to oneself is no claim: the core never holds its own certificate. */
    if (strcmp(v->core, v->holder) == 0) {
        o->field = "holder";
        return o->result = FB_CERT_TO_CORE, FB_OK;
    }
    fb_facility f;
    fb_cert_result res = FB_CERT_DONE;
    rc = issue_facility(book, q, v, &f, &res);
    if (rc || res != FB_CERT_DONE) return o->result = res, rc;
    fb__cert_row row;
    memset(&row, 0, sizeof row);
    fb_certificate *c = &row.c;
    memcpy(c->id, v->id, sizeof c->id);
    memcpy(c->core, v->core, sizeof c->core);
    memcpy(c->facility, v->facility, sizeof c->facility);
    memcpy(c->holder, v->holder, sizeof c->holder);
    c->range_end = c->root_face_fen = row.amount = v->face_fen;
    c->date = c->issue_date = v->issue_date;
    c->maturity = v->maturity;
    memcpy(c->contract, v->contract, sizeof c->contract);
    memcpy(c->invoice, v->invoice, sizeof c->invoice);
    c->status = FB_CERT_HELD;
    c->created_ns = now;
    int64_t key = 0;
    rc = fb__store_cert_insert(s, &row, 0, &key);
    char id[FB_ID_MAX + 1], issued[FB_ID_MAX + 1], held[FB_ID_MAX + 1];
    snprintf(issued, sizeof issued, "cti:%s", v->core);
    held_account(held, sizeof held, v->holder);
    if (rc == FB_OK) {
        rc = ensure(book, issued, FB_LEDGER_CERTIFICATES, 8001,
                    FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS);
    }
    if (rc == FB_OK) rc = ensure_holder(book, v->holder);
    snprintf(id, sizeof id, "ci:%s", v->id);
    q->value_date = v->issue_date;
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, issued, held, v->face_fen, FB_LEDGER_CERTIFICATES,
                        FB__CODE_CERT_ISSUE);
    }
    snprintf(id, sizeof id, "cr:%s", v->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, f.available_account, f.drawn_account, v->face_fen,
                        FB_LEDGER_OFF_BALANCE, FB__CODE_CERT_RESERVE);
    }
    if (rc) return rc;
    o->result = FB_CERT_DONE;
    o->amount_fen = v->face_fen;
    o->long_term = v->maturity > fb__cert_last_day(v->issue_date, FB_CERT_WARN_MONTHS);
    return FB_OK;
}

/* ---- Transfer and finance ------------------------------------------------------------------ */

static const char *move_differs(const fb_cert_move *v, bool finance, const fb__cert_row *x) {
    if (strcmp(v->part, x->c.parent) != 0) return "part";
    if (finance ? x->c.holder[0] != 0 : strcmp(v->to, x->c.holder) != 0) return "to";
    if (v->amount_fen && v->amount_fen != x->amount) return "amount";
    if (finance && v->discount_rate_e6 != x->c.discount_rate_e6) return "rate";
    if (v->date && v->date != x->c.date) return "date";
    return NULL;
}

/* The checks of a move against the part, in order; FB_CERT_DONE when it may go ahead. */
static int move_refusal(fb_book *book, int32_t open, fb_cert_move *v, bool finance,
                        const fb__cert_row *part, fb_cert_outcome *o) {
    const fb_certificate *c = &part->c;
    if (c->status == FB_CERT_FINANCED) return o->result = FB_CERT_HELD_BY_BANK, FB_OK;
    if (c->status != FB_CERT_HELD) return o->result = FB_CERT_NOTHING_HELD, FB_OK;
    if (v->date == 0) v->date = open ? open : c->date;
    if (open && v->date < open) {
        return o->against = open, o->result = FB_CERT_BEFORE_BUSINESS_DATE, FB_OK;
    }
    if (v->date < c->date) return o->result = FB_CERT_BEFORE_RECEIVED, FB_OK;
    if (v->date >= c->maturity) return o->result = FB_CERT_AT_OR_AFTER_MATURITY, FB_OK;
    if (!finance) {
        if (strcmp(v->to, c->holder) == 0) return o->result = FB_CERT_TO_CURRENT_HOLDER, FB_OK;
        if (strcmp(v->to, c->core) == 0) {
            o->field = "to";
            return o->result = FB_CERT_TO_CORE, FB_OK;
        }
        fb_party p;
        int rc = fb__store_party_by_id(book->store, v->to, &p);
        if (rc == FB_ENOTFOUND) {
            o->field = "to";
            return o->result = FB_CERT_PARTY_NOT_FOUND, FB_OK;
        }
        if (rc) return rc;
    }
    int64_t held = c->range_end - c->range_start;
    if (v->amount_fen == 0) v->amount_fen = held;
    if (v->amount_fen > held) return o->result = FB_CERT_EXCEEDS_HELD, FB_OK;
    return FB_OK;
}

/* Financing: the discount for the days to maturity (act360), and whether the supplier selling
 * is inclusive (small or micro within the ten-million rule). */
static int price_financing(fb_book *book, const fb_cert_move *v, const fb_certificate *from,
                           fb_certificate *c) {
    c->discount_rate_e6 = v->discount_rate_e6;
    c->discount_fen = fb_interest_for_days(v->amount_fen, v->discount_rate_e6, v->date,
                                           from->maturity, FB_DAYCOUNT_ACT360);
    fb_store *s = book->store;
    fb_party p;
    int rc = fb__store_party_by_id(s, from->holder, &p);
    int64_t total = 0;
    if (rc == FB_OK) rc = fb__store_party_total_credit(s, from->holder, &total);
    if (rc == FB_OK) fb__book_inclusive(&p, total, &c->inclusive_cbirc, &c->inclusive_pboc);
    return rc == FB_ENOTFOUND ? FB_ECORRUPT : rc;
}

static int post_move(fb_book *book, fb__tq *q, const fb_certificate *from, const fb_certificate *c,
                     bool finance) {
    char id[FB_ID_MAX + 1], dr[FB_ID_MAX + 1], cr[FB_ID_MAX + 1];
    held_account(dr, sizeof dr, from->holder);
    held_account(cr, sizeof cr, c->holder);
    int64_t amount = c->range_end - c->range_start;
    int rc = finance ? FB_OK : ensure_holder(book, c->holder);
    snprintf(id, sizeof id, "%s:%s", finance ? "cf" : "ct", c->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, dr, cr, amount, FB_LEDGER_CERTIFICATES,
                        finance ? FB__CODE_CERT_FINANCE : FB__CODE_CERT_TRANSFER);
    }
    if (rc || !finance) return rc;
    char deposit[FB_ID_MAX + 1];
    snprintf(deposit, sizeof deposit, "dep:%s", from->holder);
    snprintf(id, sizeof id, "cfp:%s", c->id);
    rc = fb__tq_add(q, id, "gl:scf_discounted", deposit, amount - c->discount_fen, 1,
                    FB__CODE_CERT_PROCEEDS);
    snprintf(id, sizeof id, "cfd:%s", c->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(q, id, "gl:scf_discounted", "gl:scf_unearned", c->discount_fen, 1,
                        FB__CODE_CERT_DISCOUNT);
    }
    return rc;
}

/* Decides a move in memory: its outcome and, when it goes ahead, the part it is cut from and
 * the new part's row (priced, for a financing). Reads, never writes. */
static int move_decide(fb_book *book, int32_t open, fb_cert_move *v, bool finance, int64_t now,
                       fb__cert_row *part, fb__cert_row *row, fb_cert_outcome *o) {
    FB_ASSERT(book != NULL && v != NULL && part != NULL && row != NULL && o != NULL);
    fb_store *s = book->store;
    memset(o, 0, sizeof *o);
    fb__cert_row x;
    int rc = fb__store_cert_by_id(s, v->id, &x);
    if (rc == FB_OK) {
        o->field = move_differs(v, finance, &x);
        o->result = o->field ? FB_CERT_EXISTS_WITH_DIFFERENT : FB_CERT_EXISTS;
        o->amount_fen = x.amount;
        o->discount_fen = x.c.discount_fen;
        o->proceeds_fen = finance ? x.amount - x.c.discount_fen : 0;
        return FB_OK;
    }
    if (rc != FB_ENOTFOUND) return rc;
    rc = fb__store_cert_by_id(s, v->part, part);
    if (rc == FB_ENOTFOUND) return o->result = FB_CERT_PART_NOT_FOUND, FB_OK;
    if (rc == FB_OK) rc = move_refusal(book, open, v, finance, part, o);
    if (rc || o->result != FB_CERT_DONE) return rc;
    /* The new part takes the low end of the part's range. */
    *row = *part;
    fb_certificate *c = &row->c;
    memcpy(c->id, v->id, sizeof c->id);
    memcpy(c->parent, part->c.id, sizeof c->parent);
    memcpy(c->from, part->c.holder, sizeof c->from);
    c->holder[0] = 0;
    if (!finance) memcpy(c->holder, v->to, sizeof c->holder);
    c->range_end = c->range_start + v->amount_fen;
    c->date = v->date;
    c->status = finance ? FB_CERT_FINANCED : FB_CERT_HELD;
    c->created_ns = now;
    row->amount = v->amount_fen;
    if (finance) rc = price_financing(book, v, &part->c, c);
    if (rc) return rc;
    o->amount_fen = v->amount_fen;
    o->discount_fen = finance ? c->discount_fen : 0;
    o->proceeds_fen = finance ? v->amount_fen - c->discount_fen : 0;
    FB_ASSERT(o->proceeds_fen >= 0 && o->discount_fen >= 0);
    return FB_OK;
}

static int move_one(fb_book *book, fb__tq *q, int32_t open, fb_cert_move *v, bool finance,
                    int64_t now, fb_cert_outcome *o) {
    fb_store *s = book->store;
    fb__cert_row part, row;
    int rc = move_decide(book, open, v, finance, now, &part, &row, o);
    if (rc || o->result != FB_CERT_DONE) return rc;
    FB_ASSERT(row.amount > 0 && row.c.range_end <= part.c.range_end);
    const fb_certificate *c = &row.c;
    int64_t key = 0;
    rc = fb__store_cert_insert(s, &row, part.key, &key);
    int64_t rest = part.c.range_end - c->range_end;
    if (rc == FB_OK) {
        rc = fb__store_cert_update(s, part.key, c->range_end, rest ? FB_CERT_HELD : FB_CERT_SPENT,
                                   0);
    }
    q->value_date = c->date;
    if (rc == FB_OK) rc = post_move(book, q, &part.c, c, finance);
    return rc;
}

int fb_cert_quote(fb_book *book, fb_cert_move *v, bool finance, fb_cert_outcome *o) {
    FB_ASSERT(book != NULL && v != NULL && o != NULL);
    memset(o, 0, sizeof *o);
    int rc = fb_book_read_begin(book);
    if (rc) return rc;
    int32_t open = 0;
    fb__cert_row part, row;
    rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK) rc = move_decide(book, open, v, finance, fb_now_ns(), &part, &row, o);
    fb_book_read_end(book);
    FB_ASSERT(rc != FB_OK || o->result != FB_CERT_DONE || o->amount_fen > 0);
    return rc;
}

/* ---- Batches ------------------------------------------------------------------------------- */

typedef int event_fn(fb_book *book, fb__tq *q, int32_t open, void *events, size_t i, bool finance,
                     int64_t now, fb_cert_outcome *o);

static int issue_event(fb_book *book, fb__tq *q, int32_t open, void *events, size_t i, bool finance,
                       int64_t now, fb_cert_outcome *o) {
    (void)finance;
    return issue_one(book, q, open, &((fb_cert_issue *)events)[i], now, o);
}

static int move_event(fb_book *book, fb__tq *q, int32_t open, void *events, size_t i, bool finance,
                      int64_t now, fb_cert_outcome *o) {
    return move_one(book, q, open, &((fb_cert_move *)events)[i], finance, now, o);
}

static int run(fb_book *book, event_fn *fn, void *events, size_t n, bool finance,
               fb_cert_outcome *out) {
    FB_ASSERT(book != NULL && (events != NULL || n == 0) && (out != NULL || n == 0));
    if (n > FB_PARTY_BATCH_MAX) return FB_ELIMIT;
    if (n == 0) return FB_OK;
    fb__tq q;
    int rc = fb__tq_init(&q, book);
    if (rc) return rc;
    rc = fb_book_begin(book);
    if (rc) {
        fb__tq_free(&q);
        return rc;
    }
    int32_t open = 0;
    rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK) rc = fb__cert_accounts(book);
    int64_t now = fb_now_ns();
    for (size_t i = 0; rc == FB_OK && i < n; i++)
        rc = fn(book, &q, open, events, i, finance, now, &out[i]);
    if (rc == FB_OK) rc = fb__tq_flush(&q);
    if (rc == FB_OK) {
        rc = fb_book_commit(book);
    } else {
        fb_book_rollback(book);
    }
    fb__tq_free(&q);
    return rc;
}

int fb_certs_issue(fb_book *book, fb_cert_issue *v, size_t n, fb_cert_outcome *out) {
    return run(book, issue_event, v, n, false, out);
}

int fb_certs_transfer(fb_book *book, fb_cert_move *v, size_t n, fb_cert_outcome *out) {
    return run(book, move_event, v, n, false, out);
}

int fb_certs_finance(fb_book *book, fb_cert_move *v, size_t n, fb_cert_outcome *out) {
    return run(book, move_event, v, n, true, out);
}

/* ---- Reading ------------------------------------------------------------------------------- */

int fb_cert_get(fb_book *book, const char *id, fb_certificate *out) {
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb__cert_row x;
    int rc = fb__store_cert_by_id(book->store, id, &x);
    if (rc == FB_OK) *out = x.c;
    return rc;
}

/* Moves the certificates out of rows into a new array of their own. */
static int unwrap(fb__cert_row *rows, size_t n, fb_certificate **out) {
    *out = malloc((n ? n : 1) * sizeof **out);
    if (!*out) {
        free(rows);
        return FB_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        (*out)[i] = rows[i].c;
    free(rows);
    return FB_OK;
}

int fb_cert_lineage(fb_book *book, const char *id, fb_certificate **parts, size_t *n) {
    *parts = NULL;
    *n = 0;
    if (!fb_id_valid(id, strnlen(id, FB_ID_MAX + 1), NULL)) return FB_ENOTFOUND;
    fb_store *s = book->store;
    fb__cert_row x;
    int rc = fb__store_cert_by_id(s, id, &x);
    if (rc) return rc;
    fb__cert_row *rows = NULL;
    rc = fb__store_certs_of_root(s, x.root_key, &rows, n);
    return rc ? rc : unwrap(rows, *n, parts);
}

int fb_certs_held_by(fb_book *book, const char *party, fb_certificate **parts, size_t *n) {
    *parts = NULL;
    *n = 0;
    fb__cert_row *rows = NULL;
    int rc = fb__store_certs_held_by(book->store, party, &rows, n);
    return rc ? rc : unwrap(rows, *n, parts);
}
