/* import.h — bringing a bank's book in (docs/import.md): the records of a cut-over (parties with
 * their deposit balances, facilities with what is drawn, loans in mid-life with their running
 * state and remaining schedule, certificates outstanding) and the nightly feed of the bank's
 * core system (new records, repayments made there, classification changes, write-offs, and the
 * wealth-finance figures by city and day), as rows that the doors read from CSV and XLSX files
 * (src/wire/import*.c).
 *
 * A run covers every file: each row is checked whole before anything of it is written, and the
 * run is finished only when every row passed (fb_import_finish), so a file is in the book all or
 * not at all. It is one unit of work, or, a cut-over, committed parts behind a mark over a copy
 * of the book as it was (fb_import_begin_parts; docs/import.md, "A large book"). Opening balances
 * post against a migration suspense account (gl:migration_suspense), which each run closes against
 * the core system's side (gl:core_system); verify proves the suspense nets to zero. Every create is
 * idempotent by the source system's id: the same file twice changes nothing. */
#ifndef FINBRIDGE_IMPORT_H
#define FINBRIDGE_IMPORT_H

#include "finbridge/coop.h"

/* Accounts of the import on ledger 1. */
#define FB_ACCOUNT_MIGRATION_SUSPENSE "gl:migration_suspense"
#define FB_CODE_MIGRATION_SUSPENSE 1999 /* 待清理-数据迁移 */
#define FB_ACCOUNT_CORE_SYSTEM "gl:core_system"
#define FB_CODE_CORE_SYSTEM 3009 /* 与核心系统往来 */

/* A run of an import: the caller's, from fb_import_begin to fb_import_free. */
typedef struct fb_import fb_import;

/* Starts a run on the business date as_of. A book that has closed no day is brought in at a
 * cut-over: it must hold no loan or certificate of its own (they would have no day closed
 * before as_of), and as_of becomes its business date when the run commits; the loans' running
 * state stands as the core system's at the open of as_of (interest accrued through the day
 * before). A book with a business date takes a feed dated that day. FB_EINVAL (errmsg) when
 * refused; *out, owned by the caller, is freed with fb_import_free. Opens the unit of work. */
int fb_import_begin(fb_book *book, int32_t as_of, fb_import **out);
/* A cut-over in parts (docs/import.md, "A large book"): as fb_import_begin, but a cut-over is
 * written in committed parts of about part_rows rows (fb_import_part), behind a mark that the
 * part's commit writes with it and the finishing commit clears (fb_import_unfinished; verify
 * fails while it is there). The caller takes a copy of the book as it was before (fb_book_backup)
 * and puts it back (fb_book_restore) when the run is refused after a part was committed or
 * stopped before it finished. A feed is one unit of work whatever part_rows. */
int fb_import_begin_parts(fb_book *book, int32_t as_of, int64_t part_rows, fb_import **out);
/* Commits what the run wrote as a part when it is in parts and a part's rows are in, and opens
 * the next: at the end of a batch only. */
int fb_import_part(fb_import *im);
/* Parts committed so far (0: nothing of the run is in the book yet). */
int64_t fb_import_parts(const fb_import *im);
/* The run whose parts are in the book but which did not finish, 0 none. */
int fb_import_unfinished(fb_book *book, int64_t *run);
bool fb_import_is_cutover(const fb_import *im);
int32_t fb_import_as_of(const fb_import *im);

/* What became of one row. */
typedef enum fb_import_result {
    FB_IMPORT_CREATED = 0, /* written */
    FB_IMPORT_EXISTS,      /* the same record was in the book: nothing changed */
    FB_IMPORT_REJECTED,    /* field and reason say why; nothing of the row was written */
} fb_import_result;

#define FB_IMPORT_REASON_MAX 320
typedef struct fb_import_outcome {
    fb_import_result result;
    const char *field; /* the template's field at fault (docs/import.md), or NULL for the row */
    char reason[FB_IMPORT_REASON_MAX];
} fb_import_outcome;

/* A party and what its deposit account holds at the cut-over (an opening balance). */
typedef struct fb_import_party {
    fb_party party;      /* given fields; prepared by the import */
    int64_t deposit_fen; /* 0 or more */
} fb_import_party;

/* A facility, its standing, and what is drawn and available under it (-1: not given). The
 * drawn amount is checked once every loan and certificate of the run is in; for a line that
 * does not revolve, what neither is drawn nor available was used and returned. */
typedef struct fb_import_facility {
    fb_facility facility;
    fb_facility_status status;
    int64_t drawn_fen;
    int64_t available_fen;
} fb_import_facility;

/* One installment of a loan's schedule, from a schedules file: staged, and taken when the loan
 * is read. A loan's rows may begin at any installment up to its oldest unpaid one; those before
 * are rebuilt as its paid history. */
typedef struct fb_import_installment {
    char loan[FB_LOAN_ID_MAX + 1];
    fb_installment installment;
} fb_import_installment;

/* How a loan stands at the open of the business date, as the core system gives it. */
typedef struct fb_import_position {
    fb_loan_status status;
    int64_t rate_e6;       /* the contract rate now (an LPR loan may have repriced) */
    int64_t principal_fen; /* outstanding */
    int64_t principal_overdue_fen;
    int64_t interest_overdue_fen;
    int64_t interest_accrued_fen; /* of the running installment through the day before; -1:
                                     finbridge's own accrual */
    int64_t penalty_fen;          /* penalty and compound interest accrued and unpaid */
    int64_t penalty_remainder;    /* below the fen (finbridge's own export gives it), or 0 */
    int64_t days_past_due;        /* -1: from the schedule */
    int loan_class;               /* fb_loan_class; -1: what days past due give */
    int32_t installment;          /* running (installments + 1 once all have fallen due) */
    int32_t installments;         /* in the schedule now */
    int64_t prepaid_fen;          /* principal prepaid out of the schedule before */
    int64_t written_off_fen;
    int64_t recovered_fen;
    /* Non-accrual (非应计), which the figures decide (docs/import.md): given, each is checked
     * against them; -1: taken from them. */
    int nonaccrual;              /* 1: off the balance sheet from the cut-over, 0: accruing */
    int64_t offbal_interest_fen; /* of the interest overdue and accrued, what is off it */
    int64_t offbal_penalty_fen;  /* of the penalty, what is off it */
    /* A non-performing loan whose arrears are all repaid, on its way up (docs/import.md): the
     * day they were (0: none), and the installments paid on time since (-1: from the schedule;
     * given, checked against it). */
    int32_t arrears_repaid;
    int64_t paid_on_time;
    /* A restructured loan's observation period (金融资产风险分类办法 第二十条; docs/import.md):
     * its start (0: the first due date on or after the business date), its end (0: the least the
     * rule gives from the start; given, not earlier), the class it may not rise above in it (0:
     * its class, at least special mention), a payment missed in it, the debtor's difficulty found
     * resolved by an officer. Each 0/false when not given. */
    int32_t observation_start, observation_end;
    int observation_floor; /* fb_loan_class */
    bool observation_missed, difficulty_resolved;
    /* An officer's floor on the class (fb_loan_class; 0 none), kept by end of day until an
     * officer lifts it (`loans classify`). */
    int class_floor;
    /* Interest and penalty capitalised into principal by restructurings before (利息转为本金, as
     * `loans restructure` capitalises): the schedule and what was prepaid repay the amount and
     * it; 0 none. */
    int64_t capitalised_fen;
} fb_import_position;

typedef struct fb_import_loan {
    fb_loan loan; /* its terms as drawn: terms.principal_fen is the amount drawn */
    fb_import_position position;
} fb_import_loan;

/* A certificate part outstanding (held, or financed by the bank), brought in as a part of its
 * own: the range [0, amount) of a root with its id. */
typedef struct fb_import_certificate {
    fb_certificate certificate; /* id, core, facility, holder ("" the bank), date, issue_date,
                                   maturity, status, discount_rate_e6, discount_fen, contract,
                                   invoice, from (the seller of a financed part, or "") */
    int64_t amount_fen;
} fb_import_certificate;

/* The feed: a repayment the core system took (dated the business date), a classification
 * change, a write-off; each by the source system's id. */
typedef struct fb_import_repayment {
    char source_id[FB_SOURCE_ID_MAX + 1];
    char loan[FB_LOAN_ID_MAX + 1];
    int32_t date;
    int64_t amount_fen;
    fb_prepay prepay;
} fb_import_repayment;

typedef struct fb_import_class_change {
    char source_id[FB_SOURCE_ID_MAX + 1];
    char loan[FB_LOAN_ID_MAX + 1];
    int32_t date;
    fb_loan_class loan_class;
    int restructured; /* 0, 1, or -1 unchanged */
    char reason[FB_REASON_MAX + 1];
} fb_import_class_change;

typedef struct fb_import_write_off {
    char source_id[FB_SOURCE_ID_MAX + 1];
    char loan[FB_LOAN_ID_MAX + 1];
    int32_t date;
} fb_import_write_off;

/* Wealth finance (财富金融) of one city on one day; each figure -1 when not given. */
typedef struct fb_import_wealth {
    char source_id[FB_SOURCE_ID_MAX + 1];
    int32_t date;
    int32_t city;
    int64_t products_fen;     /* wealth-management products held by its residents */
    int64_t deposits_fen;     /* its residents' deposits */
    int64_t pension_accounts; /* personal pension accounts opened that day */
} fb_import_wealth_row;

/* Each takes up to FB_IMPORT_BATCH_MAX rows and gives one outcome each; FB_OK when the call
 * ran (whatever the outcomes), an error when the run can only be rolled back. */
int fb_import_parties(fb_import *im, fb_import_party *rows, size_t n, fb_import_outcome *out);
int fb_import_facilities(fb_import *im, fb_import_facility *rows, size_t n, fb_import_outcome *out);
int fb_import_installments(fb_import *im, const fb_import_installment *rows, size_t n,
                           fb_import_outcome *out);
int fb_import_loans(fb_import *im, fb_import_loan *rows, size_t n, fb_import_outcome *out);
int fb_import_certificates(fb_import *im, fb_import_certificate *rows, size_t n,
                           fb_import_outcome *out);
int fb_import_repayments(fb_import *im, fb_import_repayment *rows, size_t n,
                         fb_import_outcome *out);
int fb_import_class_changes(fb_import *im, fb_import_class_change *rows, size_t n,
                            fb_import_outcome *out);
int fb_import_write_offs(fb_import *im, fb_import_write_off *rows, size_t n,
                         fb_import_outcome *out);
int fb_import_wealth(fb_import *im, fb_import_wealth_row *rows, size_t n, fb_import_outcome *out);

/* What a run did, once finished. */
typedef struct fb_import_summary {
    int32_t as_of;
    bool cutover;
    bool committed;
    int64_t run;      /* its number (import_runs) */
    int64_t created;  /* rows written */
    int64_t exists;   /* rows found as they were */
    int64_t rejected; /* rows refused */
    int64_t net_fen;  /* what the suspense held, closed against gl:core_system */
    int64_t openings; /* opening-balance transfers posted */
} fb_import_summary;

/* Ends the run: posts the run's accrued interest and penalty by line, checks every facility's
 * drawn amount the file gave against what its loans and certificates drew, closes the suspense
 * against the core system, and at a cut-over keeps the reports' figures of the day before
 * as_of and opens as_of. Commits when commit and nothing was refused; otherwise rolls back
 * (FB_EINVAL with errmsg when a check across rows failed, FB_OK for a dry run or a refused row).
 * *out says what it did. */
int fb_import_finish(fb_import *im, bool commit, fb_import_summary *out);
/* Frees a run, rolling back one not finished. NULL is allowed. */
void fb_import_free(fb_import *im);

/* ---- Reconciliation with the core system ----------------------------------------------- */

/* Reconciling a core system's balance file with the book (finbridge reconcile), loan by loan on
 * the business date as_of: fb_reconcile_loan for each loan of the file (its position, and
 * whether the book has it), then fb_reconcile_extras for the book's active loans the file did
 * not name. Reads the book only (the loans seen go to a temporary table). */
typedef struct fb_reconcile fb_reconcile;
int fb_reconcile_begin(fb_book *book, int32_t as_of, fb_reconcile **out);
/* *found false when the book has no such loan; *repeated when the file named it before. */
int fb_reconcile_loan(fb_reconcile *r, const char *loan, bool *found, bool *repeated,
                      fb_loan_position *position);
/* At most cap active loans not named, in id order after `after` ("" first); *n < cap at the end. */
int fb_reconcile_extras(fb_reconcile *r, const char *after, fb_list_id *ids, size_t cap, size_t *n);
void fb_reconcile_free(fb_reconcile *r);

#endif
