/* book_internal.h — what the files of the loan book share: the book's handle, building ledger
 * events. */
#ifndef FB_BOOK_INTERNAL_H
#define FB_BOOK_INTERNAL_H

#include "finbridge/finbridge.h"
#include "store/access_rows.h"
#include "store/book_rows.h"
#include "store/store.h"

/* The book: its store, and the ledger over it. One message buffer names the last failure of
 * either (the store and the ledger write into it too). */
struct fb_book {
    fb_store *store;
    fb_ledger *ledger;
    char errmsg[512];
};

/* Sets the message fb_book_errmsg returns, for a refusal of the book's own. Returns code. */
int fb__book_refuse(fb_book *book, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The range of city codes a region's borrowers are in: 210000 its cities, a city itself, 0 all. */
void fb__region_span(int32_t region, int32_t *lo, int32_t *hi);
/* fb_report_credit, each row also with the distinct borrowers of its new credit when
 * new_borrowers (report.c). */
int fb__report_credit_cells(fb_book *book, int32_t as_of, int32_t from, unsigned dims,
                            int32_t region, bool new_borrowers, fb_report_row **rows, size_t *n);
/* An account event with the given id, ledger, chart code and flags. */
fb_account fb__book_account(const char *id, uint32_t ledger, uint16_t code, uint16_t flags);

/* Whether a party is in the inclusive small-micro scope (普惠型小微) with total_fen of credit at
 * the bank: a small or micro enterprise or an individual business, within ten million yuan by the
 * regulator's scope (<=) and the central bank's statistics (<). Returns whether it is small. */
bool fb__book_inclusive(const fb_party *p, int64_t total_fen, bool *cbirc, bool *pboc);

/* ---- Servicing (servicing.c) -------------------------------------------------------------- */

/* Penalty accrues per day as base x rate x (100 + markup) / (100 x 1e6 x days in the year). Over
 * the least common multiple of 360, 365 and 366 days every day count is a whole numerator, so
 * one remainder carries exactly: state.penalty_fen + state.penalty_rem / FB__PENALTY_DEN. */
#define FB__PENALTY_YEAR_LCM 1603080LL
#define FB__PENALTY_DEN (FB__PENALTY_YEAR_LCM * 100LL * 1000000LL)

/* Transfer codes of servicing (docs/accounts.md). */
enum {
    FB__CODE_FALL_DUE = 111,      /* accrued interest becomes the loan's receivable */
    FB__CODE_PENALTY_MOVE = 112,  /* accrued penalty becomes the loan's receivable */
    FB__CODE_REPAY_PENALTY = 121, /* deposit pays penalty */
    FB__CODE_REPAY_INTEREST = 122,
    FB__CODE_REPAY_PRINCIPAL = 123,
    FB__CODE_ACCRUE_INTEREST = 201, /* a day's accrual of a line */
    FB__CODE_ACCRUE_PENALTY = 202,
    FB__CODE_NPL_IN = 301, /* a loan becomes non-performing */
    FB__CODE_NPL_OUT = 302,
    FB__CODE_WRITE_OFF = 401,
    FB__CODE_RECOVERY = 402,
    FB__CODE_LIMIT_RESTORE = 703, /* repaid principal restores a revolving limit */
    FB__CODE_LIMIT_RETURN = 704,  /* ... or returns a non-revolving one to the commitments */
    FB__CODE_CERT_RESERVE = 706,  /* a certificate issued reserves the core's limit */
    FB__CODE_CERT_ISSUE = 801,    /* ledger 4: a claim on the core, to its first holder */
    FB__CODE_CERT_TRANSFER = 802,
    FB__CODE_CERT_FINANCE = 803,  /* ... to the bank */
    FB__CODE_CERT_SETTLE = 804,   /* ... extinguished at maturity */
    FB__CODE_CERT_PROCEEDS = 811, /* ledger 1: the bank pays the seller face less discount */
    FB__CODE_CERT_DISCOUNT = 812, /* ... and keeps the discount, unearned */
    FB__CODE_CERT_ACCRUE = 813,   /* a day's discount earned */
    FB__CODE_CERT_PAY = 814,      /* the core pays a holder at maturity */
};

/* A queue of transfers that must all succeed (a refusal is a broken book: FB_ECORRUPT). */
typedef struct fb__tq {
    fb_book *book;
    fb_transfer *t;
    fb_result *r;
    size_t n;
} fb__tq;
int fb__tq_init(fb__tq *q, fb_book *book);
void fb__tq_free(fb__tq *q);
/* Queues a transfer; an amount of zero is skipped. Flushes when the queue is full. */
int fb__tq_add(fb__tq *q, const char *id, const char *debit, const char *credit, int64_t amount,
               uint32_t ledger, uint16_t code);
int fb__tq_flush(fb__tq *q);

/* Opens the general-ledger accounts of servicing when missing. */
int fb__book_gl_accounts(fb_book *book);
/* gl:<what>:<line> into buf. */
const char *fb__gl(char *buf, size_t cap, const char *what, fb_line line);

/* Interest of the running installment accrued through the day before open_date. */
int64_t fb__accrued(const fb__loan_state *x, int32_t open_date);
/* Penalty accrued so far, rounded half up to the fen. */
int64_t fb__penalty_rounded(const fb__loan_state *x);
/* Accrues one day of penalty and compound interest on what is overdue; returns the change of
 * the rounded penalty. */
int64_t fb__penalty_day(fb__loan_state *x, int32_t day);
/* What is owed now on installments fallen due, penalty included. */
int64_t fb__owed_due(const fb__loan_state *x);
/* Makes the running installment due (at the close of the day before its due date), opens the
 * next, and reprices an LPR loan whose repricing date has come. */
int fb__fall_due(fb_book *book, fb__tq *q, fb__loan_state *x, const fb_loan *loan, bool *repriced);
/* Applies r->amount_fen from the borrower's deposit account in the repayment order (the caller
 * checked the deposit holds it), books it, and fills r's results. kind is the repayments row's.
 * Its transfers are queued on q: the caller flushes. */
int fb__pay(fb_book *book, fb__tq *q, fb__loan_state *x, const fb_loan *loan, fb_repayment *r,
            const char *kind);

/* ---- Certificates (certificate.c) and settlement (eod.c) ---------------------------------- */

/* The last day of a term of `months` from an issue date. */
int fb__cert_last_day(int32_t issue, int months);
/* Opens the bank's certificate and discount accounts when missing. */
int fb__cert_accounts(fb_book *book);
/* Draws an overdue advance of amount_fen to a core enterprise under its facility on `date`:
 * a loan fallen due the day it is drawn, classified and collected like any loan. The facility's
 * available limit must hold it. */
int fb__book_advance(fb_book *book, const char *core, const char *facility, int32_t date,
                     int64_t amount_fen);

#endif
