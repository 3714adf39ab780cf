/* import_internal.h — what the files of an import share (import.c: the run, parties,
 * facilities, certificates; import_loan.c: loans in mid-life; import_feed.c: the daily feed). */
#ifndef FB_BOOK_IMPORT_INTERNAL_H
#define FB_BOOK_IMPORT_INTERNAL_H

#include "book/book_internal.h"
#include "core/strmap.h"

/* Transfer codes of openings: each posts against the migration suspense (docs/import.md). */
enum {
    FB__CODE_OPEN_PRINCIPAL = 901,  /* a loan's principal outstanding */
    FB__CODE_OPEN_INTEREST = 902,   /* its interest fallen due and unpaid */
    FB__CODE_OPEN_ACCRUED = 903,    /* interest accrued on running installments, by line */
    FB__CODE_OPEN_PENALTY = 904,    /* penalty and compound interest accrued, by line */
    FB__CODE_OPEN_WRITTEN = 905,    /* what was written off and not recovered */
    FB__CODE_OPEN_DEPOSIT = 906,    /* a party's deposit balance */
    FB__CODE_OPEN_DISCOUNTED = 907, /* a financed part's face */
    FB__CODE_OPEN_UNEARNED = 908,   /* its discount not yet earned */
    FB__CODE_OPEN_NET = 909,        /* the run's net: the suspense closed to the core system */
    FB__CODE_FEED_FUNDS = 910,      /* a repayment the core system took: into the deposit */
};

struct fb_import {
    fb_book *book;
    int32_t as_of;
    bool cutover;
    bool open; /* the unit of work is open */
    int64_t run;
    int64_t nonaccrual_days; /* the book's setting: past it a loan comes in non-accrual */
    fb__eod_rules rules;     /* the settings a loan is classified by, read at its first loan */
    bool rules_read;
    fb__staging *staging;
    fb__tq q; /* the run's openings; flushed as each batch ends */
    int64_t accrued[FB_LINE_COUNT_], penalty[FB_LINE_COUNT_];
    int64_t created, exists, rejected, openings;
    fb_installment *sched; /* FB_LOAN_MONTHS_MAX each: a loan's schedule being built */
    fb_installment *built;
    /* A cut-over in parts (fb_import_begin_parts): the rows of a part, the rows counted when
     * the last part was committed, and the parts committed. 0: one unit of work. */
    int64_t part_rows, rows_at_part, parts;
    /* A batch of loans is written to the ledger at once (import_loan.c): their accounts, then
     * their openings; and what they draw on each facility, which its available account shows
     * only once written (the next loan on it counts it off). */
    fb_account *loan_accounts; /* FB_BATCH_MAX */
    size_t n_loan_accounts;
    char (*drawing)[FB_FACILITY_ID_MAX + 1]; /* FB_IMPORT_BATCH_MAX */
    int64_t *drawing_fen;
    size_t n_drawing;
    fb__strmap drawing_map;
};

/* Sets an outcome's rejection: the field at fault and the reason. Returns FB_OK. */
int fb__import_reject(fb_import_outcome *o, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Queues an opening (debit, credit, amount) on ledger 1 against nothing else: the caller names
 * the suspense as one side. Counted in im->openings. */
int fb__import_open(fb_import *im, const char *id, const char *debit, const char *credit,
                    int64_t amount, uint16_t code);
/* Runs one(im, row, outcome) over n rows of size bytes each, counting their outcomes into the
 * run; stops at the first error (the run can then only be rolled back). */
int fb__import_each(fb_import *im, void *rows, size_t size, size_t n, fb_import_outcome *out,
                    int (*one)(fb_import *im, void *row, fb_import_outcome *o));
/* Creates the accounts of the events given when missing (ledger batch of n). */
int fb__import_accounts(fb_import *im, const fb_account *a, size_t n);

/* A loan in mid-life (import_loan.c): one row, and the state its figures give at the open of
 * as_of over its whole schedule s (FB_LOAN_STATE_FIELDS: the one place they are set), classified
 * and non-accrual by the book's rules r (nonaccrual_days, technical_overdue_days, the
 * observation period's months and periods). */
int fb__import_loan_one(fb_import *im, fb_import_loan *row, fb_import_outcome *o);
/* Writes the loans queued so far to the ledger: their accounts, then every opening queued. */
int fb__import_loans_write(fb_import *im);
int fb__loan_import_position(const fb_import_loan *row, const fb_installment *s, int32_t as_of,
                             const fb__eod_rules *r, fb__loan_state *st, fb_import_outcome *o);
/* A restructured loan's observation period and an officer's floor into st (import_observe.c),
 * once st's class is set; a column that does not hold rejects the row by its name. */
int fb__import_observation(const fb_import_loan *row, const fb_installment *s, int32_t as_of,
                           const fb__eod_rules *r, fb__loan_state *st, fb_import_outcome *o);

#endif
