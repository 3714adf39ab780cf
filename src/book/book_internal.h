/* book_internal.h — what the files of the loan book share: the book's handle, building ledger
 * events. */
#ifndef FB_BOOK_INTERNAL_H
#define FB_BOOK_INTERNAL_H

#include "core/allocate.h"
#include "finbridge/finbridge.h"
#include "store/access_rows.h"
#include "store/book_rows.h"
#include "store/store.h"

/* The audit log's key and the door's hook on this handle (audit.c). */
#define FB__PATH_MAX 4096
typedef struct fb__audit_state {
    char book_path[FB__PATH_MAX];
    char key_path[FB__PATH_MAX]; /* "" until resolved: FINBRIDGE_AUDIT_KEY, else book + ".audit-key"
                                  */
    bool key_loaded;
    uint8_t key[32];
    bool in_memory; /* a book with no file (":memory:"): its key lives with the handle */
    fb_audit_fill_fn *fill;
    fb_audit_closing_fn *closing;
    void *fill_ctx;
    uint64_t commits;
} fb__audit_state;
/* Records the book's path for its key file (fb_book_open). */
void fb__audit_init(fb_book *book, const char *path);
/* Keys the audit log of a book opened for writing, when it was never keyed (a new book, or one
 * migrated to schema 14): creates the key file, and records that entries from the next on are
 * keyed. */
int fb__audit_key_book(fb_book *book);
/* Forgets the key (fb_book_close). */
void fb__audit_close(fb_book *book);
/* Loads the key for verify when there is one: verify of a keyed log without it fails. */
void fb__audit_prepare_verify(fb_book *book);

/* The book: its store, and the ledger over it. One message buffer names the last failure of
 * either (the store and the ledger write into it too). */
struct fb_book {
    fb_store *store;
    fb_ledger *ledger;
    char errmsg[512];
    fb__audit_state audit; /* audit.c */
};

/* Opens the book at path with the audit key of the book at key_of (a copy being restored over
 * key_of is verified with that book's key): fb_book_open is fb__book_open_as(path, path, ...). */
int fb__book_open_as(const char *path, const char *key_of, unsigned open_flags, fb_book **out,
                     char *errbuf, size_t errlen);

/* Sets the message fb_book_errmsg returns, for a refusal of the book's own. Returns code. */
int fb__book_refuse(fb_book *book, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The range of city codes a region's borrowers are in: 210000 its cities, a city itself, 0 all. */
void fb__region_span(int32_t region, int32_t *lo, int32_t *hi);
/* fb_report_credit, each row also with the distinct borrowers of its new credit when
 * new_borrowers (report.c). */
int fb__report_credit_cells(fb_book *book, int32_t as_of, int32_t from, unsigned dims,
                            int32_t region, bool new_borrowers, fb_report_row **rows, size_t *n);
/* The first of a loan's given fields in which two versions differ (its terms, payment and
 * collection), or NULL. */
const char *fb__loan_differs(const fb_loan *a, const fb_loan *b);
/* Opens the outward clearing account of entrusted payments when missing (loan.c). */
int fb__book_clearing_account(fb_book *book);
/* An account event with the given id, ledger, chart code and flags. */
fb_account fb__book_account(const char *id, uint32_t ledger, uint16_t code, uint16_t flags);

/* Whether a party is in the inclusive small-micro scope (普惠型小微) with total_fen of credit at
 * the bank: a small or micro enterprise or an individual business, within ten million yuan by the
 * regulator's scope (<=) and the central bank's statistics (<). Returns whether it is small. */
bool fb__book_inclusive(const fb_party *p, int64_t total_fen, bool *cbirc, bool *pboc);
/* A loan's: its borrower's, save a small-business owner's loan not for its business. */
void fb__loan_inclusive(const fb_party *p, int64_t total_fen, const fb_loan *x, bool *cbirc,
                        bool *pboc);

/* ---- Facilities over their life (facility.c, facility_life.c) ----------------------------- */

/* fb_facilities_create; with allow_past, a start date before the business date is taken (a line
 * brought in from the bank's core system: import.c). */
int fb__facilities_approve(fb_book *book, fb_facility *facilities, size_t n,
                           fb_facility_outcome *outcomes, bool allow_past);
/* A facility's inclusive figures from f->party_total_credit_fen and its party. */
void fb__facility_derive(fb_facility *f, const fb_party *p);
/* Recounts a party's total credit and follows it into the inclusive status of each of its
 * facilities and open loans (their report cells move with them). *changed counts the loans
 * whose status changed. Work: the party's facilities and open loans. */
int fb__party_rederive(fb_book *book, const char *party, int64_t *changed);
/* Marks expired the active and frozen facilities whose end date is before day, each with its
 * history row, and recounts their borrowers: end of day calls it as it opens a day (before it
 * reads the loans' states, which this may change). */
int fb__facilities_expire(fb_book *book, int32_t day, int64_t *expired);
/* The classes the bank's judgement set (import_feed.c): each active loan of v (n, by loan key
 * ascending) with a floor has its officer's floor (manual) raised to it. End of day calls it on
 * the loans' states before classing them and puts their own floors back after. */
int fb__class_floors_apply(fb_book *book, fb__loan_state *v, size_t n);
/* The first number of days past due that makes a loan substandard. */
int64_t fb__substandard_dpd(void);

/* ---- Servicing (servicing.c) -------------------------------------------------------------- */

/* Penalty accrues per day as base x rate x (100 + markup) / (100 x 1e6 x days in the year). Over
 * the least common multiple of 360, 365 and 366 days every day count is a whole numerator, so
 * one remainder carries exactly: state.penalty_fen + state.penalty_rem / FB__PENALTY_DEN. */
#define FB__PENALTY_YEAR_LCM 1603080LL
#define FB__PENALTY_DEN (FB__PENALTY_YEAR_LCM * 100LL * 1000000LL)
#if FB__PENALTY_DEN != FB_PENALTY_REMAINDER_DEN
#error "one denominator of the penalty: FB_PENALTY_REMAINDER_DEN (limits.h) is FB__PENALTY_DEN"
#endif

/* Transfer codes of servicing (docs/accounts.md). */
enum {
    FB__CODE_FALL_DUE = 111,      /* accrued interest becomes the loan's receivable */
    FB__CODE_PENALTY_MOVE = 112,  /* accrued penalty becomes the loan's receivable */
    FB__CODE_REPAY_PENALTY = 121, /* deposit pays penalty */
    FB__CODE_REPAY_INTEREST = 122,
    FB__CODE_REPAY_PRINCIPAL = 123,
    FB__CODE_REPAY_PENALTY_OFF = 124,   /* deposit pays penalty off the balance sheet: income */
    FB__CODE_REPAY_INTEREST_OFF = 125,  /* ... interest off the balance sheet: income */
    FB__CODE_CAPITALISE_INTEREST = 131, /* interest owed becomes principal (利息转为本金) */
    FB__CODE_CAPITALISE_PENALTY = 132,
    FB__CODE_ACCRUE_INTEREST = 201, /* a day's accrual of a line */
    FB__CODE_ACCRUE_PENALTY = 202,
    FB__CODE_ACCRUE_OFF_INTEREST = 203, /* ledger 3: a day's interest accrued off balance */
    FB__CODE_ACCRUE_OFF_PENALTY = 204,
    FB__CODE_REVERSE_INTEREST = 211, /* non-accrual: interest taken to income is reversed */
    FB__CODE_REVERSE_PENALTY = 212,
    FB__CODE_MEMO_IN = 213,        /* ... and kept off the balance sheet */
    FB__CODE_MEMO_OUT = 214,       /* off-balance interest or penalty collected */
    FB__CODE_MEMO_WRITE_OFF = 215, /* ... or written off */
    FB__CODE_NPL_IN = 301,         /* a loan becomes non-performing */
    FB__CODE_NPL_OUT = 302,
    FB__CODE_WRITE_OFF = 401,
    FB__CODE_RECOVERY = 402,
    FB__CODE_PROVISION = 501,         /* month-end: the provision raised to its rule */
    FB__CODE_PROVISION_RELEASE = 502, /* ... or released down to it */
    FB__CODE_PROVISION_TOP_UP = 503,  /* a write-off beyond the provision: raised first */
    FB__CODE_LIMIT_CAPITALISED = 708, /* capitalised interest takes the facility's limit (705
                                         before: a lowered limit's, docs/accounts.md) */
    FB__CODE_LIMIT_RESTORE = 703,     /* repaid principal restores a revolving limit */
    FB__CODE_LIMIT_RETURN = 704,      /* ... or returns a non-revolving one to the commitments */
    FB__CODE_CERT_RESERVE = 706,      /* a certificate issued reserves the core's limit */
    FB__CODE_CERT_ISSUE = 801,        /* ledger 4: a claim on the core, to its first holder */
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
    int32_t value_date; /* the business date of the transfers queued next (0: the ledger's) */
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
/* Charges an active loan `rate` from its running installment's start on: the installments from
 * it rebuilt at the rate (the principal not yet due over what is left of the term). */
int fb__loan_charge(fb_book *book, fb__loan_state *x, const fb_loan *loan, int64_t rate);
/* A loan's new installment under a subsidy of mode net (subsidy_net.c): charged the contract
 * rate less the subsidy when the installment starts within the enrolment's term, the contract
 * rate otherwise; contract is the rate an LPR repricing just gave it (0: none). */
/* How a loan joins a scheme of mode net: its contract rate and the subsidy's points on it, the
 * term (from open for the scheme's months, to maturity at most), or the refusal
 * (net_rate_not_positive, no_net_installment). */
typedef struct fb__net_plan {
    int64_t contract, sub;
    int32_t start, until, term_end;
    fb_subsidy_result refusal;
} fb__net_plan;
int fb__subsidy_net_plan(fb_book *book, const fb_subsidy *v, int64_t loan_key, int32_t open,
                         fb__net_plan *out);
/* Records the plan of an enrolment just made and charges its running installment. */
int fb__subsidy_net_begin(fb_book *book, const fb_loan *loan, int64_t loan_key,
                          const fb__net_plan *p);
/* A change of the loan's (by key) terms made `rate` its contract rate from `date`: a net rate
 * running or to come ends that day, and the loan is charged the new rate. */
int fb__subsidy_net_rate_changed(fb_book *book, int64_t loan, int64_t rate, int32_t date);
int fb__subsidy_net_installment(fb_book *book, fb__loan_state *x, const fb_loan *loan,
                                int64_t contract);
/* A payment of a loan, in the shape of the ledger's batch: its subject loaded once (one read
 * each of the installments it may touch, for a prepayment the loan's prepayments, and the
 * facility when principal may be repaid), the allocation decided in memory (core/allocate.h), the
 * outcome written once. The caller allocates it (about 70 KiB) and may reuse it for loan after
 * loan. */
typedef struct fb__payment {
    /* The subject. */
    fb_facility facility;                     /* whose limit repaid principal frees (read when
                                                 principal may be repaid) */
    fb_installment sched[FB_LOAN_MONTHS_MAX]; /* those fallen due and unpaid; a prepayment: all */
    size_t sched_n;
    int64_t prepayments; /* a prepayment: how many the loan made out of its schedule */
    bool offbal_first;   /* the book's setting offbalance_first, given by the caller */
    /* The decision. */
    int64_t moved_fen; /* penalty accrued that becomes the loan's receivable */
    fb__allocation a;
} fb__payment;

/* Applies r->amount_fen (more than 0) from the borrower's deposit account, which the caller
 * checked holds it, in the repayment order, and fills r's results. Writes the transfers (queued
 * on q: the caller flushes), the repayments row (kind is its kind), the schedule and the loan's
 * status when they change, and x itself when put_state (end of day writes its states once at the
 * close). When the book refuses (*refused: too_many_prepayments) nothing is written and x is as
 * it was. Work: O(installments overdue) plus, for a prepayment, one read of the schedule and its
 * rebuilding. */
int fb__pay(fb_book *book, fb__tq *q, fb__payment *p, fb__loan_state *x, const fb_loan *loan,
            fb_repayment *r, const char *kind, bool put_state, fb_repay_result *refused);
/* Repaid or written-off principal frees the facility's limit on the off-balance ledger: back to
 * a revolving facility's available limit, otherwise to the bank's commitments. */
int fb__limit_free(fb__tq *q, const fb_facility *f, const fb_loan *loan, int k, int64_t amount,
                   bool written_off);
/* A loan becomes non-accrual at the close of day: the interest and penalty it took to income and
 * was not paid are reversed off the balance sheet, onto the memo ledger, where what it accrues
 * from now on goes (财政部: loans more than 90 days overdue; docs/accounts.md). Queues the
 * entries on q and changes x (oi_due, op_due, penalty_due, penalty_moved, nonaccrual). */
int fb__nonaccrual_enter(fb__tq *q, fb__loan_state *x, const fb_loan *loan, int32_t day);
/* What entering non-accrual at the close of `day` takes off the balance sheet, x changed as it
 * is (no entries): fb__nonaccrual_enter's state, and a loan brought in non-accrual's
 * (import_loan.c), whose figures never went through income. */
typedef struct fb__offbal_move {
    int64_t due;     /* interest fallen due and still on the balance sheet */
    int64_t accrued; /* the running installment's accrual through `day` */
    int64_t unmoved; /* penalty accrued and not moved to the loan's account */
    int64_t moved;   /* penalty moved to the loan's account and unpaid */
} fb__offbal_move;
fb__offbal_move fb__nonaccrual_state(fb__loan_state *x, int32_t day);
/* It accrues to income again from the day after: what its running installment accrued off the
 * balance sheet stays there (oi_run) until collected. No entries. */
void fb__nonaccrual_leave(fb__loan_state *x, int32_t day);
/* Money from deposit collected of what was off the balance sheet: income, and out of the memo. */
int fb__offbal_collected(fb__tq *q, const fb_loan *loan, const char *deposit, int k,
                         int64_t penalty_fen, int64_t interest_fen);
/* Principal leaving a non-performing loan leaves the NPL count (ledger 3). */
int fb__npl_out(fb__tq *q, const fb__loan_state *x, const fb_loan *loan, int k, int64_t principal);

/* ---- Classification at the close of a day (classing.c) ----------------------------------- */

/* The settings a close classifies by, read once a day. */
typedef struct fb__eod_rules {
    int64_t nonaccrual_days;
    int64_t upgrade_periods, upgrade_months;
    int64_t observation_months, observation_periods;
    int64_t technical_days;      /* an overdue of at most this many days leaves a loan normal */
    int64_t cross_bank_share_e6; /* the share of debts at all banks more than 90 days overdue */
    bool guarantee_exempt;       /* a loan guaranteed in full is spared the 10% rule (第七条) */
    bool offbal_first;
    bool retail_small_micro;
} fb__eod_rules;
int fb__eod_rules_load(fb_book *book, fb__eod_rules *r);
/* The cross-bank floor of a debtor's credit report (credit.c): 0 nothing more than 90 days
 * overdue, 1 some (special mention), 2 more than share_e6 of its debts (substandard). */
int fb__credit_level(int64_t debt, int64_t overdue90, int64_t share_e6);
/* Whether the loan of key is spared the 10% rule: guaranteed in full, with the setting on. keys:
 * the loans guaranteed in full, ascending (fb__store_guaranteed_in_full). */
bool fb__enhanced(const fb__eod_rules *r, const int64_t *keys, size_t n, int64_t loan_key);
/* What the close of day shows of a loan's payments, before its next installments fall due: the
 * day a non-performing loan's arrears were all repaid and the installments it paid on time since,
 * a payment missed in an observation period (the period then starts again from it, the class at
 * least substandard), the end of an observation period. Sets *dirty when x changed. */
int fb__eod_track(fb_book *book, const fb__eod_rules *r, fb__loan_state *x, int32_t day,
                  bool *dirty);
/* The class of every active loan of v[0..n) at the close of day, with the 10% rule over each
 * non-retail debtor's loans; each change recorded in the loans' histories and across the
 * non-performing line on the memo ledger, and non-accrual entered or left. Counts into out. */
int fb__eod_classify(fb_book *book, fb__tq *q, const fb__eod_rules *r, int32_t day,
                     fb__loan_state *v, size_t n, int64_t max_party, bool *dirty, fb_eod_day *out);
/* Appends the change of x's class to `to` to its history (x->classes counts it); the caller sets
 * x->class. */
int fb__class_record(fb_book *book, fb__loan_state *x, int32_t date, int to, fb_class_reason why,
                     const char *actor, const char *note);
/* A move of x from its class to `to` across the non-performing line: its principal on the memo
 * ledger, into or out of the line's NPL count. */
int fb__npl_cross(fb__tq *q, const fb__loan_state *x, const fb_loan *loan, int to, int32_t day);
/* Starts x's observation period again on `start`: a year and two repayment dates from it (the
 * settings), the dates read from installment from_n on. */
int fb__observation_restart(fb_book *book, const fb__eod_rules *r, fb__loan_state *x, int32_t start,
                            int64_t from_n);

/* ---- Provisions (provision.c) ------------------------------------------------------------- */

/* Whether day is the last of its month. */
bool fb__month_end(int32_t day);
/* At the close of a month's last day: each cell and class's specific provision (the class's
 * rate) and general provision (the general rate) booked, each line's provision account raised or
 * released to their sum, and the book's quality copied. Into out. */
int fb__provision_month_end(fb_book *book, fb__tq *q, int32_t day, fb_eod_day *out);
/* A write-off of amount_fen against the line's provision: raised first by what it lacks (never in
 * debit), each move recorded. Queues on q; k is the loan's repayment number. */
int fb__provision_write_off(fb_book *book, fb__tq *q, const fb_loan *loan, int64_t loan_key, int k,
                            int32_t date, int64_t amount_fen);

/* ---- Certificates (certificate.c) and settlement (eod.c) ---------------------------------- */

/* The last day of a term of `months` from an issue date. */
int fb__cert_last_day(int32_t issue, int months);
/* Opens the bank's certificate and discount accounts when missing. */
int fb__cert_accounts(fb_book *book);
/* Opens a core's and a holder's ("" the bank) certificate accounts when missing. */
int fb__cert_ensure_accounts(fb_book *book, const char *core, const char *holder);
/* Draws an overdue advance of amount_fen to a core enterprise under its facility on `date`:
 * a loan fallen due the day it is drawn, classified and collected like any loan. The facility's
 * available limit must hold it. */
int fb__book_advance(fb_book *book, const char *core, const char *facility, int32_t date,
                     int64_t amount_fen);

/* ---- Financing demands (demand_measures.c) ------------------------------------------------ */

/* Whether a measure of an agreement's targets is one of the demands'. */
bool fb__demand_measure_is(fb_measure m);
/* Its value over the demands received from..to by the enterprises of region (the whole row of
 * fb_report_demands: the match rate in e6, twice the median working days to a loan; 0 when there
 * is nothing to measure) and, protected, whether a government may not read it. */
int fb__demand_measure(fb_book *book, fb_measure m, int32_t from, int32_t to, int32_t region,
                       bool protected_, int64_t *value, bool *hidden);

/* ---- Risk-compensation pools (pool.c, pool_act.c) ----------------------------------------- */

/* Whether a government of region governs a pool of p_region: the province every pool, a city its
 * own. */
bool fb__pool_governs(int32_t region, int32_t p_region);
/* The pool's figures (its rows and its covered loans' states) on the business date; with party
 * (a key, 0 none) *party_covered is that borrower's covered principal (may be NULL). */
int fb__pool_view(fb_book *book, const fb_pool *p, int64_t key, int64_t party, fb_pool_view *v,
                  int64_t *party_covered);

/* ---- A scheme's eligible loans (eligibility.c) -------------------------------------------- */

/* What a pool or a subsidy scheme takes (its fields copied): lines (bit 1 << fb_line, 0 all),
 * the borrower's size classes (bit 1 << fb_size_class, 0 all), and the government list its
 * borrower must be on (FB_SOURCE_KEY_ENTERPRISES or FB_SOURCE_MAJOR_PROJECTS; FB_SOURCE_ENTERPRISE:
 * none), the province's or the scheme's region's. */
typedef struct fb__eligibility {
    uint32_t lines, sizes;
    fb_demand_source listed;
    int32_t region;
} fb__eligibility;
typedef enum fb__eligible {
    FB__ELIGIBLE = 0,
    FB__LOAN_NOT_ACTIVE,   /* settled, written off, or no principal outstanding */
    FB__LINE_NOT_ELIGIBLE, /* the loan's line is not the scheme's */
    FB__SIZE_NOT_ELIGIBLE, /* the borrower's size class is not the scheme's */
    FB__NOT_LISTED,        /* the borrower is not on the scheme's list */
} fb__eligible;
/* The first rule of e the loan (at its position pos) breaks, or FB__ELIGIBLE, into *out. */
int fb__eligible_loan(fb_book *book, const fb__eligibility *e, const fb_loan *loan,
                      const fb_loan_position *pos, fb__eligible *out);

/* ---- Interest subsidies (subsidy.c, subsidy_act.c) ---------------------------------------- */

/* The quarter of a day as yyyyq (20251: 2025's first). */
int32_t fb__quarter_of(int32_t day);
/* At the close of day: each enrolled active loan in its term accrues its day of subsidy, posted
 * per scheme (receivable against income or payable), queued on q. */
int fb__subsidy_accrue_day(fb_book *book, fb__tq *q, int32_t day);
/* The guarantees' fees at the close of day: a day's accrual, and on a collection day what is
 * unpaid collected from the borrowers' deposits (guarantee_accrual.c). */
int fb__guarantee_fee_close(fb_book *book, fb__tq *q, int32_t day);
/* A guarantee's figures derived from its row and its loan's principal (principal_fen) as of the
 * business date open: the bank's net exposure, overdue, the fee's days unpaid (guarantee.c). */
void fb__guarantee_view_derive(fb_guarantee_view *v, int32_t open);
/* The schemes' figures at the close of day, kept for as_of (scheme_history.c): called with the
 * business date already the next day, inside the close's unit of work. */
int fb__schemes_close(fb_book *book, int32_t day);
/* The guarantees' rows by city (the 14 cities' in fb_region_cities order, then the province's
 * total) as as may read them: its region's that hold a guarantee and the total, a city's user its
 * city alone; a government's cells of too few borrowers hidden (scheme_report.c). */
int fb__guarantee_rows_pick(fb_book *book, const fb_user *as, const fb_guarantee_row *rows,
                            fb_guarantee_row *out, size_t *n);
/* A pool's view from its figures (pool.c); a subsidy scheme's (subsidy.c). */
void fb__pool_view_fill(fb_pool_view *v, const fb_pool *p, const fb__pool_figures *f);
void fb__subsidy_view_fill(fb_subsidy_view *out, const fb__subsidy_figures *f);

#endif
