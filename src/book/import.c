/* import.c — a run of an import (finbridge import, docs/import.md): its unit of work, the
 * migration suspense, and the records that are not loans: parties with their deposit balances,
 * facilities with what is drawn and available, the installments of a schedules file (staged),
 * and certificate parts outstanding. import_loan.c brings loans in mid-life, import_feed.c the
 * core system's daily feed.
 *
 * Every row is checked whole before anything of it is written; a refused row writes nothing and
 * the run then cannot finish (fb_import_finish), so a file is in the book all or not at all. A
 * cut-over in parts (fb_import_begin_parts) commits each part behind the mark its first part
 * writes and its finish clears; its caller puts the book back from its copy when it does not
 * finish (docs/import.md, "A large book").
 * Openings post against gl:migration_suspense; the run's net is closed against gl:core_system,
 * so the suspense nets to zero whenever a run is committed (verify proves it). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/import_internal.h"
#include "core/assert.h"
#include "ledger/attach.h"

int fb__import_reject(fb_import_outcome *o, const char *field, const char *fmt, ...) {
    FB_ASSERT(o != NULL && fmt != NULL);
    o->result = FB_IMPORT_REJECTED;
    o->field = field;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->reason, sizeof o->reason, fmt, ap);
    va_end(ap);
    fb_text_cut(o->reason, sizeof o->reason);
    return FB_OK;
}

int fb__import_open(fb_import *im, const char *id, const char *debit, const char *credit,
                    int64_t amount, uint16_t code) {
    FB_ASSERT(im != NULL && amount >= 0);
    if (amount == 0) return FB_OK;
    im->openings++;
    return fb__tq_add(&im->q, id, debit, credit, amount, 1, code);
}

int fb__import_accounts(fb_import *im, const fb_account *a, size_t n) {
    FB_ASSERT(im != NULL && n <= FB_BATCH_MAX);
    fb_result *r = calloc(n ? n : 1, sizeof *r);
    if (!r) return FB_ENOMEM;
    int rc = n ? fb_ledger_create_accounts(im->book->ledger, a, n, r, NULL) : FB_OK;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        if (r[i] != FB_RESULT_CREATED && r[i] != FB_RESULT_EXISTS) {
            rc = fb__book_refuse(im->book, FB_ECORRUPT, "account %s: %s", a[i].id,
                                 fb_result_name(r[i]));
        }
    }
    free(r);
    return rc;
}

/* ---- The run ------------------------------------------------------------------------------- */

/* The suspense and the core system's side, beside the general-ledger accounts of servicing. */
static int run_accounts(fb_import *im) {
    fb_account a[2] = {
        fb__book_account(FB_ACCOUNT_MIGRATION_SUSPENSE, 1, FB_CODE_MIGRATION_SUSPENSE, 0),
        fb__book_account(FB_ACCOUNT_CORE_SYSTEM, 1, FB_CODE_CORE_SYSTEM, 0)};
    int rc = fb__import_accounts(im, a, 2);
    if (rc == FB_OK) rc = fb__book_gl_accounts(im->book);
    if (rc == FB_OK) rc = fb__cert_accounts(im->book);
    return rc;
}

/* Whether a run on as_of may begin: a cut-over into a book of no loans of its own, or a feed
 * on its business date. */
static int may_begin(fb_book *book, int32_t as_of, bool *cutover) {
    int32_t open = 0;
    int64_t loans = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc == FB_OK && open == 0) rc = fb__store_loans_count(book->store, &loans);
    if (rc) return rc;
    char a[11], b[11];
    *cutover = open == 0;
    if (open && as_of != open) {
        return fb__book_refuse(book, FB_EINVAL,
                               "the book's business date is %s: a feed is dated the day open, "
                               "not %s",
                               fb_date_format(open, a), fb_date_format(as_of, b));
    }
    if (!open && loans) {
        return fb__book_refuse(book, FB_EINVAL,
                               "the book holds %lld loans and certificates of its own and has "
                               "closed no day: a cut-over is into a book without them (close "
                               "its days first, then import the feed of the business date)",
                               (long long)loans);
    }
    FB_ASSERT(*cutover || as_of == open);
    return FB_OK;
}

int fb_import_begin(fb_book *book, int32_t as_of, fb_import **out) {
    return fb_import_begin_parts(book, as_of, 0, out);
}

int fb_import_begin_parts(fb_book *book, int32_t as_of, int64_t part_rows, fb_import **out) {
    FB_ASSERT(book != NULL && out != NULL && part_rows >= 0);
    *out = NULL;
    bool cutover = false;
    int rc = may_begin(book, as_of, &cutover);
    if (rc) return rc;
    fb_import *im = calloc(1, sizeof *im);
    if (!im) return FB_ENOMEM;
    im->book = book;
    im->as_of = as_of;
    im->cutover = cutover;
    im->part_rows = cutover ? part_rows : 0;
    im->sched = calloc(FB_LOAN_MONTHS_MAX, sizeof *im->sched);
    im->built = calloc(FB_LOAN_MONTHS_MAX, sizeof *im->built);
    im->loan_accounts = calloc(FB_BATCH_MAX, sizeof *im->loan_accounts);
    im->drawing = calloc(FB_IMPORT_BATCH_MAX, sizeof *im->drawing);
    im->drawing_fen = calloc(FB_IMPORT_BATCH_MAX, sizeof *im->drawing_fen);
    bool mem = im->sched && im->built && im->loan_accounts && im->drawing && im->drawing_fen &&
               fb__strmap_init(&im->drawing_map, FB_IMPORT_BATCH_MAX);
    rc = mem ? fb__tq_init(&im->q, book) : FB_ENOMEM;
    if (rc == FB_OK) rc = fb_setting_get(book, "nonaccrual_days", &im->nonaccrual_days);
    if (rc == FB_OK) rc = fb_book_begin(book);
    im->open = rc == FB_OK;
    if (rc == FB_OK) rc = fb__store_import_run_next(book->store, &im->run);
    if (rc == FB_OK) rc = fb__store_import_run_insert(book->store, im->run, as_of, cutover);
    if (rc == FB_OK && im->part_rows) rc = fb__store_import_mark(book->store, im->run);
    if (rc == FB_OK) rc = fb__store_staging_open(book->store, &im->staging);
    if (rc == FB_OK) rc = run_accounts(im);
    if (rc) {
        fb_import_free(im);
        return rc;
    }
    *out = im;
    return FB_OK;
}

int fb_import_unfinished(fb_book *book, int64_t *run) {
    FB_ASSERT(book != NULL && run != NULL);
    int rc = fb__store_import_unfinished(book->store, run);
    FB_ASSERT(rc != FB_OK || *run >= 0);
    return rc;
}

int fb_import_part(fb_import *im) {
    FB_ASSERT(im != NULL && im->open);
    int64_t rows = im->created + im->exists + im->rejected;
    FB_ASSERT(rows >= im->rows_at_part);
    if (!im->part_rows || rows - im->rows_at_part < im->part_rows) return FB_OK;
    int rc = fb__tq_flush(&im->q);
    if (rc) return rc;
    im->open = false;
    rc = fb_book_commit(im->book); /* the mark goes in with the first part */
    if (rc == FB_OK) fb__ledger_forget_accounts(im->book->ledger); /* memory: a part's */
    if (rc == FB_OK) rc = fb_book_begin(im->book);
    im->open = rc == FB_OK;
    im->rows_at_part = rows;
    im->parts += rc == FB_OK;
    return rc;
}

int64_t fb_import_parts(const fb_import *im) {
    FB_ASSERT(im != NULL && im->parts >= 0);
    FB_ASSERT(im->part_rows > 0 || im->parts == 0);
    return im->parts;
}

bool fb_import_is_cutover(const fb_import *im) { return im->cutover; }
int32_t fb_import_as_of(const fb_import *im) { return im->as_of; }

void fb_import_free(fb_import *im) {
    if (!im) return;
    fb__store_staging_close(im->staging);
    if (im->open) fb_book_rollback(im->book);
    fb__tq_free(&im->q);
    free(im->sched);
    free(im->built);
    free(im->loan_accounts);
    free(im->drawing);
    free(im->drawing_fen);
    fb__strmap_free(&im->drawing_map);
    free(im);
}

/* Counts a batch's outcomes into the run. */
static void tally(fb_import *im, const fb_import_outcome *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        im->created += out[i].result == FB_IMPORT_CREATED;
        im->exists += out[i].result == FB_IMPORT_EXISTS;
        im->rejected += out[i].result == FB_IMPORT_REJECTED;
    }
}

int fb__import_each(fb_import *im, void *rows, size_t size, size_t n, fb_import_outcome *out,
                    int (*one)(fb_import *im, void *row, fb_import_outcome *o)) {
    FB_ASSERT(im != NULL && im->open && n <= FB_IMPORT_BATCH_MAX);
    FB_ASSERT(size > 0 && one != NULL && (rows != NULL || n == 0));
    int rc = FB_OK;
    size_t i = 0;
    for (; rc == FB_OK && i < n; i++)
        rc = one(im, (char *)rows + i * size, &out[i]);
    tally(im, out, i);
    return rc;
}

/* ---- Parties ----------------------------------------------------------------------------- */

/* A party that was in the book: the deposit balance the row gives must be what its opening
 * posted (none: 0). */
static int party_again(fb_import *im, const fb_import_party *row, fb_import_outcome *o) {
    char id[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "opb:%s", row->party.id);
    fb_transfer t;
    int rc = fb_ledger_get_transfer(im->book->ledger, id, &t);
    if (rc && rc != FB_ENOTFOUND) return rc;
    int64_t opened = rc == FB_OK ? t.amount_fen : 0;
    if (opened == row->deposit_fen) return o->result = FB_IMPORT_EXISTS, FB_OK;
    char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
    return fb__import_reject(o, "deposit_balance",
                             "the party is in the book, opened with a deposit of %s, not %s",
                             fb_money_format(opened, a), fb_money_format(row->deposit_fen, b));
}

static int party_outcome(fb_import *im, const fb_import_party *row, const fb_party_outcome *po,
                         fb_import_outcome *o) {
    char id[FB_ID_MAX + 1];
    switch (po->result) {
    case FB_PARTY_CREATED:
        o->result = FB_IMPORT_CREATED;
        snprintf(id, sizeof id, "opb:%s", row->party.id);
        return fb__import_open(im, id, FB_ACCOUNT_MIGRATION_SUSPENSE, row->party.deposit_account,
                               row->deposit_fen, FB__CODE_OPEN_DEPOSIT);
    case FB_PARTY_EXISTS: return party_again(im, row, o);
    case FB_PARTY_EXISTS_WITH_DIFFERENT:
        return fb__import_reject(o, po->field, "the party is in the book with another %s",
                                 po->field);
    case FB_PARTY_USCC_REGISTERED:
        return fb__import_reject(o, "uscc", "is registered to party %s", po->other);
    case FB_PARTY_RESIDENT_ID_REGISTERED:
        return fb__import_reject(o, "resident_id", "is registered to party %s", po->other);
    default:
        return fb__import_reject(o, "id", "an account named %s exists already",
                                 row->party.deposit_account);
    }
}

int fb_import_parties(fb_import *im, fb_import_party *rows, size_t n, fb_import_outcome *out) {
    FB_ASSERT(im != NULL && im->open && n <= FB_IMPORT_BATCH_MAX);
    fb_party *p = calloc(n ? n : 1, sizeof *p);
    fb_party_outcome *po = calloc(n ? n : 1, sizeof *po);
    size_t *at = calloc(n ? n : 1, sizeof *at);
    int rc = p && po && at ? FB_OK : FB_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        const char *field = NULL;
        char why[200];
        if (rows[i].deposit_fen < 0) {
            fb__import_reject(&out[i], "deposit_balance", "must not be negative");
        } else if (fb_party_prepare(&rows[i].party, &field, why, sizeof why)) {
            fb__import_reject(&out[i], field, "%s", why);
        } else {
            p[k] = rows[i].party;
            at[k++] = i;
        }
    }
    if (rc == FB_OK) rc = fb_parties_create(im->book, p, k, po);
    for (size_t j = 0; rc == FB_OK && j < k; j++) {
        rows[at[j]].party = p[j];
        rc = party_outcome(im, &rows[at[j]], &po[j], &out[at[j]]);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&im->q);
    if (rc == FB_OK) tally(im, out, n);
    free(p);
    free(po);
    free(at);
    return rc;
}

/* ---- Facilities ---------------------------------------------------------------------------- */

/* What the row says of the line's use must fit its limit: a revolving line's drawn and
 * available make it, another's are at most it, a closed line has nothing available. */
static bool facility_fits(const fb_import_facility *r, fb_import_outcome *o) {
    char a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX], c[FB_MONEY_STR_MAX];
    int64_t limit = r->facility.limit_fen, drawn = r->drawn_fen, avail = r->available_fen;
    if (drawn > limit) {
        fb__import_reject(o, "drawn", "%s is more than the limit %s", fb_money_format(drawn, a),
                          fb_money_format(limit, b));
    } else if (avail > limit || (drawn >= 0 && avail >= 0 && drawn + avail > limit)) {
        fb__import_reject(o, "available", "%s with %s drawn is more than the limit %s",
                          fb_money_format(avail, a), fb_money_format(drawn > 0 ? drawn : 0, b),
                          fb_money_format(limit, c));
    } else if (r->facility.revolving && drawn >= 0 && avail >= 0 && drawn + avail != limit &&
               r->status != FB_FACILITY_CLOSED) {
        fb__import_reject(
            o, "available", "a revolving line's drawn %s and available %s must make its limit %s",
            fb_money_format(drawn, a), fb_money_format(avail, b), fb_money_format(limit, c));
    } else if (r->status == FB_FACILITY_CLOSED && avail > 0) {
        fb__import_reject(o, "available", "a closed line has nothing available, not %s",
                          fb_money_format(avail, a));
    } else {
        return true;
    }
    return false;
}

/* A facility just approved: the limit used and returned before (neither drawn nor available,
 * or all a closed line does not hold), its standing, and the drawn amount to check at the end. */
static int facility_opened(fb_import *im, const fb_import_facility *r) {
    const fb_facility *f = &r->facility;
    int64_t drawn = r->drawn_fen > 0 ? r->drawn_fen : 0;
    int64_t avail = r->status == FB_FACILITY_CLOSED ? 0
                    : r->available_fen >= 0         ? r->available_fen
                                                    : f->limit_fen - drawn;
    int64_t used = f->limit_fen - drawn - avail;
    FB_ASSERT(used >= 0);
    char id[FB_ID_MAX + 1];
    snprintf(id, sizeof id, "opu:%s", f->id);
    int rc = fb__tq_add(&im->q, id, f->available_account, f->drawn_account, used,
                        FB_LEDGER_OFF_BALANCE, 702);
    snprintf(id, sizeof id, "opr:%s", f->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(&im->q, id, f->drawn_account, FB_ACCOUNT_COMMITMENTS, used,
                        FB_LEDGER_OFF_BALANCE, 704);
    }
    if (rc == FB_OK && r->drawn_fen >= 0) {
        rc = fb__store_staging_expect_drawn(im->staging, f->id, r->drawn_fen);
    }
    if (rc == FB_OK && r->status != f->status) {
        fb_facility now = *f;
        now.status = r->status;
        rc = fb__store_facility_update(im->book->store, &now);
    }
    return rc;
}

static int facility_outcome(fb_import *im, fb_import_facility *r, const fb_facility_outcome *fo,
                            fb_import_outcome *o) {
    switch (fo->result) {
    case FB_FACILITY_CREATED: o->result = FB_IMPORT_CREATED; return facility_opened(im, r);
    case FB_FACILITY_EXISTS: o->result = FB_IMPORT_EXISTS; return FB_OK;
    case FB_FACILITY_EXISTS_WITH_DIFFERENT:
        return fb__import_reject(o, fo->field, "the facility is in the book with another %s",
                                 fo->field);
    case FB_FACILITY_PARTY_NOT_FOUND:
        return fb__import_reject(o, "party", "no party %s in the book or the files before",
                                 r->facility.party);
    case FB_FACILITY_NOT_INCLUSIVE:
        return fb__import_reject(o, "line", "%s", r->facility.inclusive_rule);
    default: return fb__import_reject(o, "start_date", "%s", fb_facility_result_name(fo->result));
    }
}

int fb_import_facilities(fb_import *im, fb_import_facility *rows, size_t n,
                         fb_import_outcome *out) {
    FB_ASSERT(im != NULL && im->open && n <= FB_IMPORT_BATCH_MAX);
    fb_facility *f = calloc(n ? n : 1, sizeof *f);
    fb_facility_outcome *fo = calloc(n ? n : 1, sizeof *fo);
    size_t *at = calloc(n ? n : 1, sizeof *at);
    int rc = f && fo && at ? FB_OK : FB_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        const char *field = NULL;
        char why[200];
        fb_import_facility *r = &rows[i];
        if (fb_facility_check(&r->facility, &field, why, sizeof why)) {
            fb__import_reject(&out[i], field, "%s", why);
        } else if (facility_fits(r, &out[i])) {
            if (r->status == FB_FACILITY_ACTIVE && r->facility.end_date < im->as_of) {
                r->status = FB_FACILITY_EXPIRED; /* past its last day: it no longer counts */
            }
            r->facility.status = r->status == FB_FACILITY_CLOSED ? FB_FACILITY_ACTIVE : r->status;
            f[k] = r->facility;
            at[k++] = i;
        }
    }
    if (rc == FB_OK) rc = fb__facilities_approve(im->book, f, k, fo, true);
    for (size_t j = 0; rc == FB_OK && j < k; j++) {
        rows[at[j]].facility = f[j];
        rc = facility_outcome(im, &rows[at[j]], &fo[j], &out[at[j]]);
    }
    if (rc == FB_OK) rc = fb__tq_flush(&im->q);
    /* A closed line no longer counts: its borrower's figures follow. */
    for (size_t j = 0; rc == FB_OK && j < k; j++) {
        int64_t changed = 0;
        if (rows[at[j]].status == FB_FACILITY_CLOSED && out[at[j]].result == FB_IMPORT_CREATED) {
            rc = fb__party_rederive(im->book, rows[at[j]].facility.party, &changed);
        }
    }
    if (rc == FB_OK) tally(im, out, n);
    free(f);
    free(fo);
    free(at);
    return rc;
}

/* ---- Installments of a schedules file --------------------------------------------------- */

/* An installment of a loan already in the book: found when it is the book's, else refused.
 * Leaves o->result 0 (created) when the loan is not in the book. */
static int installment_in_book(fb_import *im, const fb_import_installment *row,
                               fb_import_outcome *o) {
    fb_loan x;
    int64_t key = 0;
    int rc = fb__store_loan_by_id(im->book->store, row->loan, &x, &key);
    if (rc == FB_ENOTFOUND) return FB_OK;
    fb_installment held;
    if (rc == FB_OK) rc = fb__store_installment(im->book->store, key, row->installment.n, &held);
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && (held.due_date != row->installment.due_date ||
                         held.principal_fen != row->installment.principal_fen ||
                         held.interest_fen != row->installment.interest_fen))) {
        return fb__import_reject(o, "n", "loan %s is in the book with another installment %d",
                                 row->loan, row->installment.n);
    }
    if (rc == FB_OK) o->result = FB_IMPORT_EXISTS;
    return rc;
}

int fb_import_installments(fb_import *im, const fb_import_installment *rows, size_t n,
                           fb_import_outcome *out) {
    FB_ASSERT(im != NULL && im->open && n <= FB_IMPORT_BATCH_MAX);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        const fb_installment *x = &rows[i].installment;
        fb_import_outcome *o = &out[i];
        memset(o, 0, sizeof *o);
        const char *why = NULL;
        bool duplicate = false;
        if (!fb_id_valid(rows[i].loan, strnlen(rows[i].loan, sizeof rows[i].loan), &why)) {
            fb__import_reject(o, "loan", "%s", why);
        } else if (x->n < 1 || x->n > FB_LOAN_MONTHS_MAX) {
            fb__import_reject(o, "n", "must be 1 to %d", FB_LOAN_MONTHS_MAX);
        } else if (x->due_date <= x->period_start) {
            fb__import_reject(o, "due_date", "is not after the period's start");
        } else if (x->principal_fen < 0 || x->interest_fen < 0) {
            fb__import_reject(o, x->principal_fen < 0 ? "principal" : "interest",
                              "must not be negative");
        } else if ((rc = installment_in_book(im, &rows[i], o)) != FB_OK || o->result) {
            continue; /* the loan is in the book: its schedule is the book's */
        } else {
            rc = fb__store_staging_installment(im->staging, rows[i].loan, x, &duplicate);
            if (rc == FB_OK && duplicate) {
                fb__import_reject(o, "n", "installment %d of loan %s is given twice", x->n,
                                  rows[i].loan);
            } else {
                o->result = FB_IMPORT_CREATED;
            }
        }
    }
    if (rc == FB_OK) tally(im, out, n);
    return rc;
}

/* ---- Certificates outstanding ------------------------------------------------------------ */

/* A part's own checks, and against the book: its core, holder and the core's line. */
static int cert_check(fb_import *im, const fb_import_certificate *r, fb_facility *f,
                      fb_import_outcome *o) {
    const fb_certificate *c = &r->certificate;
    fb_store *s = im->book->store;
    const char *why = NULL;
    fb_party p;
    bool financed = c->status == FB_CERT_FINANCED;
    if (!fb_id_valid(c->id, strnlen(c->id, sizeof c->id), &why))
        return fb__import_reject(o, "id", "%s", why);
    if (r->amount_fen <= 0) return fb__import_reject(o, "amount", "must be more than 0");
    if (c->status != FB_CERT_HELD && !financed) {
        return fb__import_reject(o, "status", "an outstanding part is held or financed");
    }
    if (financed != (c->holder[0] == 0)) {
        return fb__import_reject(o, "bank_holds",
                                 "the bank holds a part it financed, and only that");
    }
    if (c->maturity <= c->issue_date || c->maturity < im->as_of) {
        return fb__import_reject(o, "maturity",
                                 c->maturity <= c->issue_date
                                     ? "is not after the issue date"
                                     : "is before the business date: it is paid");
    }
    if (c->date < c->issue_date || c->date > im->as_of) {
        return fb__import_reject(o, "date", "must be from the issue date to the business date");
    }
    if (financed &&
        (c->discount_rate_e6 <= 0 || c->discount_fen < 0 || c->discount_fen > r->amount_fen)) {
        return fb__import_reject(o, "discount", "a financed part needs its rate and discount");
    }
    const char *who[2] = {c->core, c->holder};
    for (int i = 0; i < 2; i++) {
        if (!who[i][0]) continue;
        int rc = fb__store_party_by_id(s, who[i], &p);
        if (rc == FB_ENOTFOUND) {
            return fb__import_reject(o, i ? "holder" : "core", "no party %s", who[i]);
        }
        if (rc) return rc;
    }
    if (strcmp(c->core, c->holder) == 0) {
        return fb__import_reject(o, "holder", "is the core enterprise itself");
    }
    int rc = fb__store_facility_by_id(s, c->facility, f);
    if (rc == FB_ENOTFOUND ||
        (rc == FB_OK && (strcmp(f->party, c->core) != 0 || f->line != FB_LINE_SUPPLY_CHAIN))) {
        return fb__import_reject(o, "facility", "is not a supply-chain line of %s", c->core);
    }
    int64_t available = 0;
    if (rc == FB_OK) rc = fb_facility_limits(im->book, f, &available, NULL);
    if (rc == FB_OK && available < r->amount_fen) {
        char a[FB_MONEY_STR_MAX];
        return fb__import_reject(o, "amount", "is more than the line's %s available",
                                 fb_money_format(available, a));
    }
    return rc;
}

/* Its row as a root of its own; its claim on ledger 4, its reserve on the core's line and, for
 * a financed part, its face and unearned discount opened against the suspense. */
static int cert_write(fb_import *im, fb_import_certificate *r, const fb_facility *f) {
    fb__cert_row row;
    memset(&row, 0, sizeof row);
    row.c = r->certificate;
    fb_certificate *c = &row.c;
    snprintf(c->root, sizeof c->root, "%s", c->id);
    c->parent[0] = 0;
    c->range_start = 0;
    c->range_end = c->root_face_fen = row.amount = r->amount_fen;
    c->created_ns = fb_now_ns();
    int64_t key = 0;
    int rc = fb__store_cert_insert(im->book->store, &row, 0, &key);
    if (rc == FB_OK) rc = fb__cert_ensure_accounts(im->book, c->core, c->holder);
    char id[FB_ID_MAX + 1], issued[FB_ID_MAX + 1], held[FB_ID_MAX + 1];
    snprintf(issued, sizeof issued, "cti:%s", c->core);
    snprintf(held, sizeof held, c->holder[0] ? "cth:%s" : "bank:cth", c->holder);
    snprintf(id, sizeof id, "ci:%s", c->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(&im->q, id, issued, held, r->amount_fen, FB_LEDGER_CERTIFICATES,
                        FB__CODE_CERT_ISSUE);
    }
    snprintf(id, sizeof id, "cr:%s", c->id);
    if (rc == FB_OK) {
        rc = fb__tq_add(&im->q, id, f->available_account, f->drawn_account, r->amount_fen,
                        FB_LEDGER_OFF_BALANCE, FB__CODE_CERT_RESERVE);
    }
    if (rc || c->status != FB_CERT_FINANCED) return rc;
    /* Earned through the day before as_of: round(discount × k / n) of n days (verify's rule). */
    int64_t n = c->maturity - c->date, k = im->as_of - c->date;
    if (k > n) k = n;
    int64_t earned = (2 * c->discount_fen * k + n) / (2 * n);
    snprintf(id, sizeof id, "opcf:%s", c->id);
    rc = fb__import_open(im, id, "gl:scf_discounted", FB_ACCOUNT_MIGRATION_SUSPENSE, r->amount_fen,
                         FB__CODE_OPEN_DISCOUNTED);
    snprintf(id, sizeof id, "opcu:%s", c->id);
    if (rc == FB_OK) {
        rc = fb__import_open(im, id, FB_ACCOUNT_MIGRATION_SUSPENSE, "gl:scf_unearned",
                             c->discount_fen - earned, FB__CODE_OPEN_UNEARNED);
    }
    return rc;
}

int fb_import_certificates(fb_import *im, fb_import_certificate *rows, size_t n,
                           fb_import_outcome *out) {
    FB_ASSERT(im != NULL && im->open && n <= FB_IMPORT_BATCH_MAX);
    int rc = FB_OK;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        fb_import_outcome *o = &out[i];
        memset(o, 0, sizeof *o);
        fb__cert_row x;
        rc = fb__store_cert_by_id(im->book->store, rows[i].certificate.id, &x);
        if (rc == FB_OK) {
            const fb_certificate *c = &rows[i].certificate;
            bool same = x.amount == rows[i].amount_fen && strcmp(x.c.core, c->core) == 0 &&
                        strcmp(x.c.holder, c->holder) == 0 && x.c.maturity == c->maturity;
            if (same) o->result = FB_IMPORT_EXISTS;
            if (!same) fb__import_reject(o, "id", "the part is in the book with other figures");
            continue;
        }
        if (rc != FB_ENOTFOUND) break;
        fb_facility f;
        rc = cert_check(im, &rows[i], &f, o);
        if (rc == FB_OK && o->result != FB_IMPORT_REJECTED) {
            o->result = FB_IMPORT_CREATED;
            rc = cert_write(im, &rows[i], &f);
            if (rc == FB_OK) rc = fb__tq_flush(&im->q); /* the next part sees the reserve */
        }
    }
    if (rc == FB_OK) tally(im, out, n);
    return rc;
}

/* ---- Finishing ------------------------------------------------------------------------------ */

/* Every facility's drawn amount as the file gave it. */
static int drawn_as_given(fb_import *im) {
    fb__drawn_mismatch m[5];
    size_t n = 0;
    int rc = fb__store_staging_drawn_mismatches(im->staging, m, 5, &n);
    if (rc || n == 0) return rc;
    char text[400] = "", a[FB_MONEY_STR_MAX], b[FB_MONEY_STR_MAX];
    size_t at = 0;
    for (size_t i = 0; i < n && at < sizeof text; i++) {
        int w = snprintf(text + at, sizeof text - at, "%s%s: %s given, %s drawn", i ? "; " : "",
                         m[i].facility, fb_money_format(m[i].given_fen, a),
                         fb_money_format(m[i].drawn_fen, b));
        if (w > 0) at += (size_t)w;
    }
    fb_text_cut(text, sizeof text);
    return fb__book_refuse(im->book, FB_EINVAL,
                           "the facilities' drawn amounts (已用额度) do not match their loans and "
                           "certificates: %s",
                           text);
}

/* The run's accruals by line, then the suspense closed against the core system's side. */
static int close_openings(fb_import *im, int64_t *net) {
    char id[FB_ID_MAX + 1], gl[FB_ID_MAX + 1];
    int rc = FB_OK;
    for (int line = 0; rc == FB_OK && line < FB_LINE_COUNT_; line++) {
        snprintf(id, sizeof id, "opa:%lld:%s", (long long)im->run, fb_line_name((fb_line)line));
        rc = fb__import_open(im, id, fb__gl(gl, sizeof gl, "interest_accrued", (fb_line)line),
                             FB_ACCOUNT_MIGRATION_SUSPENSE, im->accrued[line],
                             FB__CODE_OPEN_ACCRUED);
        snprintf(id, sizeof id, "opn:%lld:%s", (long long)im->run, fb_line_name((fb_line)line));
        if (rc == FB_OK) {
            rc = fb__import_open(im, id, fb__gl(gl, sizeof gl, "penalty_accrued", (fb_line)line),
                                 FB_ACCOUNT_MIGRATION_SUSPENSE, im->penalty[line],
                                 FB__CODE_OPEN_PENALTY);
        }
    }
    if (rc == FB_OK) rc = fb__tq_flush(&im->q);
    fb_account a;
    if (rc == FB_OK)
        rc = fb_ledger_get_account(im->book->ledger, FB_ACCOUNT_MIGRATION_SUSPENSE, &a);
    if (rc) return rc;
    *net = a.debits_posted_fen - a.credits_posted_fen;
    snprintf(id, sizeof id, "opx:%lld", (long long)im->run);
    rc = *net > 0 ? fb__import_open(im, id, FB_ACCOUNT_CORE_SYSTEM, FB_ACCOUNT_MIGRATION_SUSPENSE,
                                    *net, FB__CODE_OPEN_NET)
                  : fb__import_open(im, id, FB_ACCOUNT_MIGRATION_SUSPENSE, FB_ACCOUNT_CORE_SYSTEM,
                                    -*net, FB__CODE_OPEN_NET);
    return rc ? rc : fb__tq_flush(&im->q);
}

int fb_import_finish(fb_import *im, bool commit, fb_import_summary *out) {
    FB_ASSERT(im != NULL && im->open && out != NULL);
    memset(out, 0, sizeof *out);
    out->as_of = im->as_of;
    out->cutover = im->cutover;
    out->run = im->run;
    int rc = fb__tq_flush(&im->q);
    if (rc == FB_OK && !im->rejected) rc = drawn_as_given(im);
    if (rc == FB_OK) rc = close_openings(im, &out->net_fen);
    int64_t rows = im->created + im->exists + im->rejected;
    if (rc == FB_OK) {
        rc = fb__store_import_run_done(im->book->store, im->run, rows, out->net_fen);
    }
    if (rc == FB_OK && im->part_rows) rc = fb__store_import_mark(im->book->store, 0);
    /* A cut-over: the floors of the substandard loans the borrower-wide rule explains go; the
     * reports of the day before hold the book as it came in; as_of opens. */
    if (rc == FB_OK && im->cutover) {
        rc = fb__store_class_floors_settle(im->book->store, im->as_of, fb__substandard_dpd());
    }
    if (rc == FB_OK && im->cutover) rc = fb__store_agg_new_history(im->book->store, im->as_of - 2);
    if (rc == FB_OK && im->cutover)
        rc = fb__store_agg_close_day(im->book->store, im->as_of - 1, NULL, 0);
    if (rc == FB_OK && im->cutover) rc = fb__store_set_business_date(im->book->store, im->as_of);
    out->created = im->created;
    out->exists = im->exists;
    out->rejected = im->rejected;
    out->openings = im->openings;
    fb__store_staging_close(im->staging);
    im->staging = NULL;
    im->open = false;
    if (rc == FB_OK && commit && !im->rejected) {
        rc = fb_book_commit(im->book);
        out->committed = rc == FB_OK;
    } else {
        fb_book_rollback(im->book);
    }
    FB_ASSERT(!out->committed || out->rejected == 0);
    return rc;
}
