/* book.h — the loan book: the book's handle, parties, facilities, the LPR, loans, servicing (end of
 * day, repayment, classification) and supply-chain certificates (docs/accounts.md). */
#ifndef FINBRIDGE_BOOK_H
#define FINBRIDGE_BOOK_H

#include "finbridge/ledger.h"

/* The book: a ledger and the business records beside it (parties, facilities, loans,
 * certificates, the cooperation, users and the audit log), in one store. Everything above the
 * ledger takes a book. */
typedef struct fb_book fb_book;

/* Opens the book at path (FB_OPEN_CREATE creates it): an older schema is migrated, a newer one is
 * refused with FB_EVERSION. On failure *out is NULL and errbuf names the cause. The caller owns
 * *out and frees it with fb_book_close. */
int fb_book_open(const char *path, unsigned open_flags, fb_book **out, char *errbuf, size_t errlen);
void fb_book_close(fb_book *book);
/* Whether the book's records (parties, facilities, loans ... the cooperation) are in its backend
 * besides the ledger and the access room (users, the audit log): false for a book on PostgreSQL
 * so far, which opens only with FB_OPEN_LEDGER. */
bool fb_book_holds_records(const fb_book *book);
/* Whether the book's backend holds its parties (SQLite; PostgreSQL from schema version 3). */
bool fb_book_holds_parties(const fb_book *book);
/* The book's ledger: owned by the book, valid until fb_book_close. */
fb_ledger *fb_book_ledger(fb_book *book);
/* The message of the last failed call on the book or its ledger (storage inside the book). */
const char *fb_book_errmsg(const fb_book *book);
int fb_book_schema_version(const fb_book *book);
/* A unit of work over the book's records and its ledger's events together (fb_ledger_begin). */
int fb_book_begin(fb_book *book);
int fb_book_commit(fb_book *book);
void fb_book_rollback(fb_book *book);
bool fb_book_unit_failed(const fb_book *book);
/* A long read that sees one state of the book throughout (an export's pages): a read transaction
 * on the book's connection, which writers of other connections do not disturb. Not inside a unit
 * of work; every fb_book_read_begin that succeeded is ended by one fb_book_read_end. */
int fb_book_read_begin(fb_book *book);
void fb_book_read_end(fb_book *book);
/* The version of the book a read-only book sees: it changes whenever any other connection, of
 * this process or another, commits a write (SQLite's data_version). Inside fb_book_read_begin it
 * is the version of that read's snapshot, so that an answer computed in the same read can be kept
 * under it and served again while it holds. */
int fb_book_data_version(fb_book *book, int64_t *version);
/* Checks every invariant of the book and its ledger (fb_ledger_verify). Read-only. */
int fb_book_verify(fb_book *book, fb_report_fn *report, void *ctx, uint64_t *failures);
/* An online backup: copies the book into the new file `to` (mode 0600; refused when it exists)
 * with SQLite's backup API, as of one moment, while other connections go on writing; the copy is
 * written aside and linked into place when whole. Then verifies the copy with the book's audit
 * key (fb_book_verify): *failures counts what does not hold, reported as lines. */
int fb_book_backup(fb_book *book, const char *to, fb_report_fn *report, void *ctx,
                   uint64_t *failures, char *errbuf, size_t errlen);
/* Replaces the book at path with the backup `from`: refused (FB_EBUSY) while any other process
 * has the book open, which it then holds to itself; copies the backup beside the book, migrates
 * and verifies the copy with the book's audit key (a copy that fails is removed: FB_ECORRUPT,
 * its failures reported), links the old book to `kept` (path + ".replaced-YYYYMMDDTHHMMSSZ",
 * "" when there was none), and renames the copy over path: the book is the old one or the new
 * one, never half of either. */
int fb_book_restore(const char *from, const char *path, fb_report_fn *report, void *ctx, char *kept,
                    size_t kept_cap, char *errbuf, size_t errlen);

/* ---- Settings of the book ------------------------------------------------------------------ */

/* A setting's kind: how it is written on the doors. A percent is a percent string with up to four
 * decimals ("24.0000") kept in millionths of the whole (24% = 240000), as rates are; a count is a
 * whole number; a flag is true or false (1 or 0). */
typedef enum fb_setting_kind {
    FB_SETTING_PERCENT = 0,
    FB_SETTING_COUNT,
    FB_SETTING_FLAG,
} fb_setting_kind;

/* A setting: its key on the doors, its kind, its default and its bounds (inclusive), and what it
 * governs. */
typedef struct fb_setting_info {
    const char *key;
    fb_setting_kind kind;
    int64_t default_value, min, max;
    const char *zh, *en;
} fb_setting_info;

/* Every setting of a book, in a fixed order (static storage). */
const fb_setting_info *fb_settings(size_t *count);
/* The setting with this key, or NULL. */
const fb_setting_info *fb_setting_find(const char *key);
/* A setting's value in the book (its default when never set): FB_OK, or FB_EINVAL for an unknown
 * key. */
int fb_setting_get(fb_book *book, const char *key, int64_t *value);
/* Sets a setting, in its own unit of work (or the caller's). FB_EINVAL (errmsg names the bound or
 * the rule) for an unknown key, a value out of its bounds, or a change the book refuses (a book
 * that closed a real day cannot become a simulation). */
int fb_setting_set(fb_book *book, const char *key, int64_t value);
/* Parses a value of a setting's kind from its text on the doors ("24.0000", "31", "true"):
 * FB_OK or FB_EINVAL with *reason. Formats one into buf (FB_RATE_STR_MAX bytes). */
int fb_setting_parse(const fb_setting_info *s, const char *text, int64_t *value,
                     const char **reason);
char *fb_setting_format(const fb_setting_info *s, int64_t value, char *buf);

/* ---- The loan book: parties --------------------------------------------------------------- */

/* Party flags. */
enum {
    FB_PARTY_HIGH_TECH = 1u << 0,       /* 高新技术企业 */
    FB_PARTY_SPECIALIZED_SME = 1u << 1, /* 专精特新 */
    FB_PARTY_LITTLE_GIANT = 1u << 2,    /* 专精特新"小巨人" */
    FB_PARTY_FLAGS_ALL = (1u << 3) - 1,
};
const char *fb_party_flag_name(unsigned bit);

/* The code of the deposit (settlement) accounts of parties in the chart of accounts. */
#define FB_CODE_DEPOSIT 2011

typedef struct fb_party {
    /* Given. */
    char id[FB_PARTY_ID_MAX + 1];
    fb_party_kind kind;
    char name[FB_NAME_MAX + 1];
    char uscc[19];        /* its USCC; a small-business owner's: the business it owns */
    char resident_id[19]; /* a small-business owner's identity number (GB 11643); "" else */
    int32_t region;       /* 6-digit division code */
    int industry;         /* GB/T 4754-2017 class */
    fb_firm_figures figures;
    uint16_t flags; /* FB_PARTY_... */
    /* Derived by fb_party_prepare, each with the rule that produced it. */
    int32_t city; /* the Liaoning city (or the prefecture outside Liaoning) */
    fb_size_class size_class;
    char size_rule[192];
    char key_chain[32]; /* "" when none */
    bool tech_sme;
    char tech_sme_rule[192];
    char deposit_account[FB_ID_MAX + 1];
    int64_t created_ns; /* set when stored */
} fb_party;

/* Checks the given fields and derives the rest. FB_EINVAL with *field and the reason in
 * reason[0..cap). */
int fb_party_prepare(fb_party *p, const char **field, char *reason, size_t cap);

typedef enum fb_party_result {
    FB_PARTY_CREATED = 0,
    FB_PARTY_EXISTS,                 /* the same party was created before */
    FB_PARTY_EXISTS_WITH_DIFFERENT,  /* the id exists with another value of `field` */
    FB_PARTY_USCC_REGISTERED,        /* another party holds this code */
    FB_PARTY_DEPOSIT_ACCOUNT_TAKEN,  /* an account with the deposit account's id exists */
    FB_PARTY_RESIDENT_ID_REGISTERED, /* another small-business owner holds this identity */
} fb_party_result;
const char *fb_party_result_name(fb_party_result r);

typedef struct fb_party_outcome {
    fb_party_result result;
    const char *field;               /* for EXISTS_WITH_DIFFERENT */
    char other[FB_PARTY_ID_MAX + 1]; /* USCC or RESIDENT_ID_REGISTERED: the party that holds it */
} fb_party_outcome;

/* Creates up to FB_PARTY_BATCH_MAX prepared parties, each with its deposit account, in one
 * transaction. One outcome per party. Returns FB_OK when the call ran (whatever each outcome),
 * or an error with nothing written. */
int fb_parties_create(fb_book *book, fb_party *parties, size_t n, fb_party_outcome *outcomes);
/* Looks up a party: FB_OK or FB_ENOTFOUND. */
int fb_party_get(fb_book *book, const char *id, fb_party *out);
/* The worst class (fb_loan_class) of the party's active loans, or -1 when it has none: read from
 * the running aggregates, one lookup however many loans it has. */
int fb_party_worst_class(fb_book *book, const char *id, int *loan_class);

/* A party as another may name it: its id, name, kind and city, nothing of its business. */
typedef struct fb_party_name {
    char id[FB_PARTY_ID_MAX + 1];
    char name[FB_NAME_MAX + 1];
    fb_party_kind kind;
    int32_t city;
} fb_party_name;

/* The parties a holder may pass a part on to, found by text (FB_RECEIVER_QUERY_MIN characters
 * of a name, or a whole id or USCC, those first): never the holder itself, nor, when part is
 * not "", that part's core enterprise or its holder (the book refuses both). At most max
 * (<= FB_RECEIVERS_MAX) into out. FB_EINVAL when text is too short or too long. */
int fb_parties_receivers(fb_book *book, const char *holder, const char *text, const char *part,
                         size_t max, fb_party_name *out, size_t *n);

/* ---- The loan book: facilities (授信) ----------------------------------------------------- */

/* The off-balance ledger where credit limits live, and its chart codes. */
#define FB_LEDGER_OFF_BALANCE 2
#define FB_CODE_COMMITMENTS 7001 /* the bank's granted lines, all facilities */
#define FB_CODE_AVAILABLE 7101   /* a facility's available limit */
#define FB_CODE_DRAWN 7102       /* a facility's drawn amount */
#define FB_ACCOUNT_COMMITMENTS "obs:credit_commitments"

/* The inclusive small-micro threshold: a borrower's total credit at the bank (DOMAIN.md). */
#define FB_INCLUSIVE_CREDIT_MAX_FEN 1000000000LL /* 10,000,000 yuan */

typedef struct fb_facility {
    /* Given. */
    char id[FB_FACILITY_ID_MAX + 1];
    char party[FB_PARTY_ID_MAX + 1];
    fb_line line;
    int64_t limit_fen;
    int32_t start_date;
    int32_t end_date;            /* the last day a drawdown may be made */
    bool revolving;              /* repaid principal restores the limit */
    char project[FB_ID_MAX + 1]; /* "" when none */
    char green_item[16]; /* catalogue item of 绿色金融支持项目目录（2025年版）, green line */
    /* Kept by the book: its standing, and what is derived whenever any facility of the party
     * changes (fb__party_rederive). */
    fb_facility_status status;
    int64_t party_total_credit_fen; /* the limits of the party's active and frozen facilities */
    bool inclusive_cbirc;           /* regulator's scope: total credit <= 10 million */
    bool inclusive_pboc;            /* central bank's statistics: total credit < 10 million */
    char inclusive_rule[224];
    char available_account[FB_ID_MAX + 1];
    char drawn_account[FB_ID_MAX + 1];
    int64_t created_ns;
} fb_facility;

typedef enum fb_facility_result {
    FB_FACILITY_CREATED = 0,
    FB_FACILITY_EXISTS,
    FB_FACILITY_EXISTS_WITH_DIFFERENT, /* `field` differs */
    FB_FACILITY_PARTY_NOT_FOUND,
    FB_FACILITY_NOT_INCLUSIVE,        /* an inclusive-line facility for a borrower outside it */
    FB_FACILITY_BEFORE_BUSINESS_DATE, /* its start date is a day already closed */
    FB_FACILITY_GREEN_ITEM_UNKNOWN,   /* green_item is no level-3 item of the loaded catalogue */
} fb_facility_result;
const char *fb_facility_result_name(fb_facility_result r);

typedef struct fb_facility_outcome {
    fb_facility_result result;
    const char *field;
    /* A refusal measured against a figure: before_business_date the business date (days),
     * rate_out_of_range the ceiling (rate_e6), insufficient_funds what is available (fen). */
    int64_t against;
} fb_facility_outcome;

/* Checks a facility's own fields (FB_EINVAL with *field and reason). */
int fb_facility_check(fb_facility *f, const char **field, char *reason, size_t cap);
/* Approves up to FB_PARTY_BATCH_MAX checked facilities in one transaction, each with its limit
 * granted on the off-balance ledger. One outcome each. */
int fb_facilities_create(fb_book *book, fb_facility *facilities, size_t n,
                         fb_facility_outcome *outcomes);
int fb_facility_get(fb_book *book, const char *id, fb_facility *out);
/* Where a facility's limit stands on the off-balance ledger: *available_fen what a drawdown or an
 * issue may take now (the available account's credits less its debits, posted and pending), and
 * *drawn_fen what is drawn and not repaid (either may be NULL). FB_ECORRUPT when an account is
 * missing. The one place these are computed. */
int fb_facility_limits(fb_book *book, const fb_facility *f, int64_t *available_fen,
                       int64_t *drawn_fen);

/* A change in a facility's life: renewed (a later end date, a new limit when limit_fen is not
 * 0), its limit changed, frozen, unfrozen, closed. Each is dated the business date (date 0: the
 * business date; before the first end of day, the day given or today). After any change of a
 * facility, its borrower's total credit (the limits of its active and frozen facilities) is
 * recounted and the inclusive status of its facilities and of every open loan follows. */
typedef struct fb_facility_change {
    char facility[FB_FACILITY_ID_MAX + 1];
    char id[FB_ID_MAX + 1]; /* the caller's id: the same change again is found, not made twice */
    fb_facility_change_kind kind;
    int32_t date;
    int32_t end_date;  /* renew: the new end date, after the present one */
    int64_t limit_fen; /* set_limit: the new limit; renew: the new limit, or 0 to keep it */
    char reason[FB_REASON_MAX + 1];
    /* Set by the book. */
    int32_t seq;               /* the facility's change number, from 1 */
    fb_facility_status status; /* afterwards */
    int64_t limit_before_fen, limit_after_fen;
    int32_t end_before, end_after;
    int64_t available_fen;          /* afterwards */
    int64_t party_total_credit_fen; /* afterwards */
    int64_t loans_rederived;        /* open loans whose inclusive status changed */
    /* A refusal measured against a figure: before_business_date and after_business_date the
     * business date (days), below_drawn what is drawn and reserved (fen). */
    int64_t against;
} fb_facility_change;

typedef enum fb_facility_change_result {
    FB_FACILITY_CHANGED = 0,
    FB_FACILITY_CHANGE_EXISTS,                /* the same id was made before: its figures */
    FB_FACILITY_CHANGE_EXISTS_WITH_DIFFERENT, /* the id was used for another change */
    FB_FACILITY_CHANGE_NOT_FOUND,             /* no such facility */
    FB_FACILITY_CHANGE_CLOSED,                /* a closed facility changes no more */
    FB_FACILITY_CHANGE_NOT_ALLOWED,           /* not from its status (freeze a frozen one, ...) */
    FB_FACILITY_CHANGE_END_NOT_LATER,         /* renew: the end date is not after the present one */
    FB_FACILITY_CHANGE_BELOW_DRAWN,           /* a lower limit than what is drawn and reserved */
    FB_FACILITY_CHANGE_UNCHANGED,             /* set_limit to the limit it has */
    FB_FACILITY_CHANGE_NOT_INCLUSIVE, /* an inclusive line whose borrower would pass 10 million */
    FB_FACILITY_CHANGE_BEFORE_BUSINESS_DATE,
    FB_FACILITY_CHANGE_AFTER_BUSINESS_DATE,
} fb_facility_change_result;
const char *fb_facility_change_result_name(fb_facility_change_result r);

/* Checks the caller's fields (FB_EINVAL with *field and reason). */
int fb_facility_change_check(const fb_facility_change *c, const char **field, char *reason,
                             size_t cap);
/* Makes one change in its own unit of work (or the caller's): its ledger entries on the
 * off-balance ledger (a higher limit granted from the commitments, a lower one or a closed
 * facility's available limit returned to them), its row in the facility's history, and the
 * borrower's inclusive status recounted. */
int fb_facility_change_make(fb_book *book, fb_facility_change *c, fb_facility_change_result *out);

/* ---- The Loan Prime Rate ------------------------------------------------------------------ */

typedef struct fb_lpr {
    int32_t date;         /* the day it takes effect */
    int64_t one_year_e6;  /* 1-year LPR */
    int64_t five_year_e6; /* 5-year-and-above LPR */
} fb_lpr;

/* The LPR in effect on `date` (the latest published on or before it): FB_OK or FB_ENOTFOUND. */
int fb_lpr_at(fb_book *book, int32_t date, fb_lpr *out);
/* Records a newly published LPR. A date already recorded with other values is refused
 * (FB_EINVAL, errmsg says which); the same values again are accepted. */
int fb_lpr_set(fb_book *book, const fb_lpr *v);
/* Every recorded LPR, oldest first, into out[0..*n) (cap entries). */
int fb_lpr_list(fb_book *book, fb_lpr *out, size_t cap, size_t *n);

/* ---- The loan book: loans ----------------------------------------------------------------- */

/* Chart codes of a loan's accounts on ledger 1 (docs/accounts.md). */
#define FB_CODE_LOAN_PRINCIPAL 1303      /* 贷款 */
#define FB_CODE_INTEREST_RECEIVABLE 1132 /* 应收利息 */
#define FB_CODE_PENALTY_RECEIVABLE 1133  /* 应收罚息及复利 */
/* Entrusted payments (受托支付) to accounts at other banks leave through this account. */
#define FB_ACCOUNT_PAYMENTS_OUT "gl:payments_out"
#define FB_CODE_PAYMENTS_OUT 3003 /* 清算资金往来-受托支付 */

typedef enum fb_rate_kind { FB_RATE_FIXED = 0, FB_RATE_LPR } fb_rate_kind;

typedef struct fb_loan {
    /* Given. terms.principal_fen is the amount drawn; for an LPR loan terms.rate_e6 is set at
     * drawdown from the LPR and the spread. */
    char id[FB_LOAN_ID_MAX + 1];
    char facility[FB_FACILITY_ID_MAX + 1];
    fb_loan_terms terms;
    fb_rate_kind rate_kind;
    int lpr_tenor_years;        /* 1 or 5; 0 = by the term (over five years: 5) */
    int32_t spread_bp;          /* LPR loans: basis points over the LPR, may be negative */
    int32_t penalty_markup_pct; /* penalty rate = rate x (1 + markup%), 30..50 */
    bool manual_collection; /* the borrower has not signed for automatic collection (代扣): end
                               of day takes nothing from its deposit account */
    bool personal_purpose;  /* a small-business owner's loan not for its business: not inclusive */
    bool restructured; /* a restructured claim (重组资产, 金融资产风险分类办法 第十七条) */
    fb_payment payment;              /* self: into the deposit account; entrusted: to the payee */
    char payee[FB_PARTY_ID_MAX + 1]; /* entrusted: a party of the book, or "" */
    char payee_account[FB_PAYEE_ACCOUNT_MAX + 1]; /* ... or an account at another bank */
    char payee_name[FB_NAME_MAX + 1];             /* ... and its holder's name */
    char purpose[FB_PURPOSE_MAX + 1];             /* 贷款用途; required for entrusted payment */
    /* Derived at drawdown. */
    char party[FB_PARTY_ID_MAX + 1];
    fb_line line;
    int64_t lpr_base_e6;
    int32_t lpr_date;
    int32_t maturity_date;
    bool inclusive_cbirc;
    bool inclusive_pboc;
    char green_item[16];
    char project[FB_ID_MAX + 1];
    fb_loan_status status;
    char principal_account[FB_ID_MAX + 1];
    char interest_account[FB_ID_MAX + 1];
    char penalty_account[FB_ID_MAX + 1];
    int64_t created_ns;
} fb_loan;

typedef enum fb_loan_result {
    FB_LOAN_CREATED = 0,
    FB_LOAN_EXISTS,
    FB_LOAN_EXISTS_WITH_DIFFERENT, /* `field` differs */
    FB_LOAN_FACILITY_NOT_FOUND,
    FB_LOAN_BEFORE_FACILITY_START, /* drawn before the facility's start date */
    FB_LOAN_AFTER_FACILITY_END,    /* drawn after the facility's end date */
    FB_LOAN_EXCEEDS_AVAILABLE_LIMIT,
    FB_LOAN_NO_LPR,               /* no LPR was in effect on the start date */
    FB_LOAN_RATE_OUT_OF_RANGE,    /* the rate is not above 0 and within the book's ceiling */
    FB_LOAN_BEFORE_BUSINESS_DATE, /* the start date is before the bank's business date */
    FB_LOAN_AFTER_BUSINESS_DATE,  /* ... or after it: once days are closed, drawdowns are dated
                                     the day now open */
    FB_LOAN_FACILITY_NOT_ACTIVE,  /* the facility is frozen, expired or closed */
    FB_LOAN_PAYEE_NOT_FOUND,      /* entrusted payment to a party the book does not hold */
} fb_loan_result;
const char *fb_loan_result_name(fb_loan_result r);

typedef struct fb_loan_outcome {
    fb_loan_result result;
    const char *field;
    /* A refusal measured against a figure: before_business_date the business date (days),
     * rate_out_of_range the ceiling (rate_e6), insufficient_funds what is available (fen). */
    int64_t against;
} fb_loan_outcome;

/* Checks a loan's own fields (FB_EINVAL with *field and reason). */
int fb_loan_check(fb_loan *loan, const char **field, char *reason, size_t cap);
/* Draws down up to FB_PARTY_BATCH_MAX checked loans in one transaction: each reserves its
 * facility's limit and credits the borrower's deposit account, with its schedule stored. */
int fb_loans_create(fb_book *book, fb_loan *loans, size_t n, fb_loan_outcome *outcomes);
int fb_loan_get(fb_book *book, const char *id, fb_loan *out);
/* The stored schedule, with the balance after each installment. */
int fb_loan_schedule(fb_book *book, const char *id, fb_installment *out, size_t cap, size_t *n);

/* ---- The loan book: servicing (end of day, repayment, classification) ---------------------- */

/* Ledger 3 is the memo ledger where non-performing loans are counted by line of business. */
#define FB_LEDGER_MEMO 3

/* What a loan owes and how it stands on the business date. */
typedef struct fb_loan_position {
    fb_loan_status status;
    int32_t business_date; /* the day now open; 0 before the first end of day */
    int32_t installment;   /* the installment now running (installments + 1 once all are due) */
    int32_t installments;  /* in the schedule now */
    int64_t rate_e6;       /* contract rate now (an LPR loan reprices yearly) */
    int64_t principal_fen; /* outstanding */
    int64_t principal_overdue_fen;
    int64_t interest_overdue_fen; /* fallen due and unpaid */
    int64_t interest_accrued_fen; /* of the running installment, to the business date */
    int64_t penalty_fen;          /* penalty and compound interest accrued and unpaid */
    int64_t penalty_remainder;    /* what accrued below the fen: over FB_PENALTY_REMAINDER_DEN */
    int64_t days_past_due;
    fb_loan_class loan_class;
    int64_t prepaid_fen;
    int64_t written_off_fen;
    int64_t recovered_fen;
    /* Non-accrual (非应计): from the day the loan is more than nonaccrual_days past due or
     * non-performing, interest and penalty accrue off the balance sheet (表外). */
    bool nonaccrual;
    int64_t offbal_interest_fen; /* interest owed off the balance sheet, accrued included */
    int64_t offbal_penalty_fen;  /* penalty and compound interest owed off it */
    /* Classification: the class is -1 for a loan settled or written off (it has none). */
    fb_loan_class manual_floor;                 /* an officer's floor (normal: none) */
    bool restructured;                          /* 重组资产 */
    int32_t observation_start, observation_end; /* its observation period (0 when none) */
    int64_t capitalised_fen; /* interest and penalty capitalised into principal */
    int32_t extended_months; /* months added by extensions, all of them */
    /* A non-performing loan's way up (docs/accounts.md, "Rising out of non-performing"): the
     * day its arrears were all repaid (0: not repaid, or not non-performing) and the
     * installments paid on time since. */
    int32_t arrears_repaid;
    int64_t paid_on_time;
    /* Restructured: the class it may not rise above during its observation period, whether a
     * payment was missed in it (第二十条: observed again from then), and whether an officer found
     * the debtor's difficulty resolved (the period may then end). */
    fb_loan_class observation_floor;
    bool observation_missed, difficulty_resolved;
    /* Overdue by at most technical_overdue_days: the operational or technical short overdue
     * that does not make it special mention (金融资产风险分类办法, 关注类). */
    bool technical_overdue;
} fb_loan_position;
int fb_loan_position_get(fb_book *book, const char *id, fb_loan_position *out);
/* The same with the setting technical_overdue_days given (a list or an export reads it once for
 * all its loans); technical_days < 0: technical_overdue is not worked out (false). */
int fb_loan_position_read(fb_book *book, const char *id, int64_t technical_days,
                          fb_loan_position *out);
/* Penalty accrues exactly: each day's numerator over the least common multiple of 360, 365 and
 * 366 day-years, percent and millionths (docs/accounts.md, "Servicing"); what is below the fen is
 * this many parts of it. */
#define FB_PENALTY_REMAINDER_DEN (1603080LL * 100LL * 1000000LL)

/* The day now open: operations dated before it are refused. 0 before the first end of day. */
int fb_business_date(fb_book *book, int32_t *date);

/* The book's ceiling on loan rates (default FB_RATE_MAX_E6, 24%): a drawdown, or an LPR loan's
 * repricing, above it is refused. Setting it: more than 0 and at most FB_RATE_MAX_E6. */
int fb_rate_ceiling(fb_book *book, int64_t *rate_e6);
int fb_rate_ceiling_set(fb_book *book, int64_t rate_e6);

/* What one end of day did. */
typedef struct fb_eod_day {
    int32_t date;                 /* the day closed */
    int64_t loans;                /* active loans at the close */
    int64_t interest_accrued_fen; /* the day's accrual */
    int64_t penalty_accrued_fen;
    int64_t installments_due; /* installments falling due on the next day */
    int64_t auto_debits;      /* repayments collected from deposit accounts */
    int64_t auto_debited_fen;
    int64_t overdue_loans;
    int64_t npl_loans;
    int64_t npl_principal_fen;
    int64_t class_changes;
    int64_t repriced_loans;
    size_t expired_pending;
    int64_t certificates_settled; /* parts paid at maturity */
    int64_t certificates_paid_fen;
    int64_t advances; /* cores whose deposit fell short: an overdue advance each */
    int64_t advanced_fen;
    int64_t discount_accrued_fen; /* discount of financed certificates earned */
    int64_t nonaccrual_loans;     /* loans accruing off the balance sheet at the close */
    int64_t offbal_accrued_fen;   /* the day's interest and penalty accrued off it */
    bool month_end;               /* the last day of a month: provisions booked */
    int64_t provision_fen;        /* ... the provisions after it */
    int64_t provision_change_fen; /* ... raised (> 0) or released (< 0) */
} fb_eod_day;
typedef void fb_eod_progress_fn(void *ctx, const fb_eod_day *day, int32_t done, int32_t total);

/* How one end of day runs; all zero is the book's own bounds, no progress, no stop. */
typedef struct fb_eod_options {
    int32_t allow_days; /* the most days it may close: 0 = the book's eod_max_days setting */
    fb_eod_progress_fn *progress; /* called after each day closed (may be NULL) */
    void *ctx;
    volatile const int *stop; /* when not NULL and set, it stops cleanly between two days */
} fb_eod_options;

/* Closes every day from the business date through `through`, each in one transaction that ends by
 * opening the next day, so that a day is never closed twice (a `through` already closed does
 * nothing). Before the first end of day, the first day closed is the earliest active loan's
 * start. For each day: collects what is due from deposit accounts, accrues interest and penalty,
 * makes the next day's installments due, reprices LPR loans, classifies (with the 10% rule across
 * a borrower's loans), posts the day's general-ledger entries, and expires pending transfers.
 * Refused, closing nothing (FB_EINVAL, errmsg names the bound): more days than the options or the
 * book allow (closing is irrevocable), or a date after tomorrow by the calendar unless the book is
 * a simulation. o may be NULL. */
int fb_eod_run(fb_book *book, int32_t through, const fb_eod_options *o, int32_t *days_closed);

/* A repayment, write-off or recovery. The caller fills the first group; the book the second. */
typedef struct fb_repayment {
    char loan[FB_LOAN_ID_MAX + 1];
    char id[FB_ID_MAX + 1]; /* the caller's id, making a retry harmless; "" for none */
    int32_t date;           /* must be the business date; 0 = the business date */
    int64_t amount_fen;     /* repayment and recovery: what the borrower pays */
    fb_prepay prepay;       /* repayment: what to do with money beyond what is due */
    /* Set by the book. */
    int32_t k;           /* the loan's repayment number */
    int64_t penalty_fen; /* paid (write-off: written off) */
    int64_t interest_fen;
    int64_t principal_fen; /* of which prepaid_fen was prepayment */
    int64_t prepaid_fen;
    int64_t unapplied_fen; /* left in the deposit account: more than was owed */
    fb_loan_status status; /* the loan's status afterwards */
    /* Of penalty_fen and interest_fen, what settled amounts off the balance sheet (表外); a
     * write-off: what left the memo ledger besides penalty_fen and interest_fen. */
    int64_t off_balance_fen;
    /* A refusal measured against a figure: before_business_date the business date (days),
     * rate_out_of_range the ceiling (rate_e6), insufficient_funds what is available (fen). */
    int64_t against;
} fb_repayment;

typedef enum fb_repay_result {
    FB_REPAY_DONE = 0,
    FB_REPAY_EXISTS,                /* the same id was booked before: its figures are returned */
    FB_REPAY_EXISTS_WITH_DIFFERENT, /* the id was booked with another loan, amount or date */
    FB_REPAY_LOAN_NOT_FOUND,
    FB_REPAY_LOAN_CLOSED,          /* settled or written off */
    FB_REPAY_NO_BUSINESS_DATE,     /* no end of day has run yet */
    FB_REPAY_BEFORE_BUSINESS_DATE, /* the date is a closed day */
    FB_REPAY_AFTER_BUSINESS_DATE,  /* the date is not open yet: run end of day first */
    FB_REPAY_INSUFFICIENT_FUNDS,   /* the deposit account holds less than the amount */
    FB_REPAY_NOTHING_DUE,          /* nothing is owed now and no prepayment was asked */
    FB_REPAY_NOT_LOSS,             /* write-off: only a loan classed as loss */
    FB_REPAY_NOT_WRITTEN_OFF,      /* recovery: only a written-off loan */
    FB_REPAY_EXCEEDS_WRITTEN_OFF,  /* recovery beyond what was written off and not recovered */
    FB_REPAY_TOO_MANY_PREPAYMENTS, /* the loan made FB_LOAN_PREPAYMENTS_MAX prepayments already */
} fb_repay_result;
const char *fb_repay_result_name(fb_repay_result r);

/* Checks the caller's fields (FB_EINVAL with *field and reason). */
int fb_repayment_check(const fb_repayment *r, bool needs_amount, const char **field, char *reason,
                       size_t cap);
/* Debits the borrower's deposit account and allocates: penalty and compound interest, then the
 * oldest installment's interest and principal and on to the newest due; then, with a prepay
 * mode, a payoff (principal and the interest accrued to the date) or a prepayment that rebuilds
 * the rest of the schedule. Repaid principal restores a revolving facility's limit and returns a
 * non-revolving one's to the bank's commitments. An amount not above 0 is FB_EINVAL. */
int fb_loan_repay(fb_book *book, fb_repayment *r, fb_repay_result *result);
/* Writes off a loss loan: its principal, interest and penalty go against the loan-loss
 * provision, and its limit returns to the bank's commitments. */
int fb_loan_write_off(fb_book *book, fb_repayment *r, fb_repay_result *result);
/* Books money recovered on a written-off loan from the borrower's deposit account. */
int fb_loan_recover(fb_book *book, fb_repayment *r, fb_repay_result *result);

/* ---- Classification by an officer, and the history of a loan's classes ------------------- */

/* One entry of a loan's class history: every change, made by end of day, an officer or a change
 * of terms, with who and why. */
typedef struct fb_class_entry {
    int32_t n;      /* 1.. */
    int32_t date;   /* the day it took effect: a closed day's, or the business date */
    int from_class; /* fb_loan_class before, -1 for the first entry */
    int to_class;
    fb_class_reason reason;
    char actor[FB_ACTOR_MAX + 1]; /* "end_of_day", a user's name, "os:<login>" */
    char note[FB_NOTE_MAX + 1];   /* the officer's reason, or what the rule saw */
    int64_t created_ns;
} fb_class_entry;

/* An officer's classification of a loan: a downgrade at any time, an upgrade only when the
 * rules' conditions hold; or, with resolved, the finding that a restructured debtor's difficulty
 * is resolved (its observation period may then end). */
typedef struct fb_classification {
    char loan[FB_LOAN_ID_MAX + 1];
    fb_loan_class to;             /* the class the officer finds */
    bool resolved;                /* restructured: the debtor's financial difficulty is resolved */
    int32_t date;                 /* must be the business date; 0 = the business date */
    char note[FB_NOTE_MAX + 1];   /* why (required) */
    char actor[FB_ACTOR_MAX + 1]; /* who: the door fills it */
    /* Set by the book. */
    fb_loan_class from; /* the class before */
    fb_loan_class now;  /* the class after */
    char message[320];  /* a refusal's condition, with the figures it was measured against */
    /* A refusal measured against a date: before_ and after_business_date the business date. */
    int64_t against;
} fb_classification;

typedef enum fb_classify_result {
    FB_CLASSIFY_DONE = 0,
    FB_CLASSIFY_UNCHANGED, /* the class was already that (resolved: recorded again) */
    FB_CLASSIFY_LOAN_NOT_FOUND,
    FB_CLASSIFY_LOAN_CLOSED, /* settled or written off: it has no class */
    FB_CLASSIFY_NO_BUSINESS_DATE,
    FB_CLASSIFY_BEFORE_BUSINESS_DATE,
    FB_CLASSIFY_AFTER_BUSINESS_DATE,
    FB_CLASSIFY_BELOW_FLOOR,      /* the rules hold it at a higher class (message: which) */
    FB_CLASSIFY_UPGRADE_REFUSED,  /* a non-performing loan's conditions to rise do not hold */
    FB_CLASSIFY_NOT_RESTRUCTURED, /* resolved, for a loan not restructured */
} fb_classify_result;
const char *fb_classify_result_name(fb_classify_result r);

/* Checks the caller's fields (FB_EINVAL with *field and reason). */
int fb_classification_check(const fb_classification *c, const char **field, char *reason,
                            size_t cap);
/* Classifies a loan on the business date, in one unit of work: the class, its history entry
 * (who and why) and the non-performing count on the memo ledger together. A downgrade sets the
 * officer's floor, which end of day keeps until an officer lifts it; an upgrade lifts it, only as
 * far as the other floors (days past due, debtor, restructuring) allow, and out of the
 * non-performing classes only when the arrears were repaid and the loan has paid on time since
 * (金融资产风险分类办法). A refusal writes nothing and says why in c->message. */
int fb_loan_classify(fb_book *book, fb_classification *c, fb_classify_result *result);
/* A loan's class history, oldest first, into a new array (*out, freed by the caller): at most
 * FB_CLASS_HISTORY_MAX entries, the latest. FB_ENOTFOUND for no such loan. */
int fb_loan_class_history(fb_book *book, const char *id, fb_class_entry **out, size_t *n);

/* A debtor's debts at all banks as its credit report (征信报告, the credit reference centre's)
 * shows them on its date, entered by an officer: the 2023 rule's cross-bank floors for a
 * non-retail debtor — special mention when some of its debts are non-performing (关注:
 * 同一非零售债务人在本行或其他银行的债务出现不良; more than 90 days overdue is taken as that), and
 * substandard when more than cross_bank_share (20%) of them are more than 90 days overdue (次级:
 * 逾期超过90天的债务已经超过20%). The latest report on or before a close decides, from the next
 * close on. Kept, never changed. */
typedef struct fb_credit_report {
    char party[FB_PARTY_ID_MAX + 1];
    int32_t date;          /* the report's date: on or before the business date; 0 = it */
    int64_t debt_fen;      /* its debts at all banks, this one's included */
    int64_t overdue90_fen; /* ... of them more than 90 days overdue (at most debt_fen) */
    char reference[FB_CONSENT_REF_MAX + 1]; /* the report's number, as the bank files it */
    char actor[FB_ACTOR_MAX + 1];           /* who: the door fills it */
    /* Set by the book. */
    int64_t share_e6;  /* overdue90 / debt, millionths of the whole (-1: no debt) */
    char message[240]; /* a refusal's condition */
    int64_t against;   /* a refusal measured against the business date */
} fb_credit_report;

typedef enum fb_credit_result {
    FB_CREDIT_DONE = 0,
    FB_CREDIT_EXISTS,                /* the party's report of that date, the same figures */
    FB_CREDIT_EXISTS_WITH_DIFFERENT, /* ... with other figures: a report is never changed */
    FB_CREDIT_PARTY_NOT_FOUND,
    FB_CREDIT_NO_BUSINESS_DATE,
    FB_CREDIT_AFTER_BUSINESS_DATE, /* a report dated after the business date */
} fb_credit_result;
const char *fb_credit_result_name(fb_credit_result r);
/* Checks the caller's fields: a party, the figures (0 <= overdue90 <= debt) and a reference. */
int fb_credit_report_check(const fb_credit_report *c, const char **field, char *reason, size_t cap);
/* Records a credit report in one unit of work (nothing written when refused). */
int fb_credit_report_record(fb_book *book, fb_credit_report *c, fb_credit_result *result);

/* ---- Changes of a loan's terms: extension, restructuring, renewal, refinancing ------------- */

/* A change of a loan's terms on the business date. The caller fills the first group. */
typedef struct fb_loan_change {
    char loan[FB_LOAN_ID_MAX + 1];
    char id[FB_ID_MAX + 1]; /* the caller's id: the same id again is found, not done twice */
    fb_change_kind kind;
    int32_t date;    /* must be the business date; 0 = the business date */
    int32_t months;  /* extension: months added; the others: the new term from the date */
    int64_t rate_e6; /* the rate from the date (0: unchanged); an extension's only of a fixed-rate
                        loan: a contract rate stays unless the extension agreement names one */
    int method;      /* fb_method of the new installments; -1: unchanged */
    bool capitalise; /* restructuring: interest and penalty owed become principal */
    fb_difficulty difficulty;     /* the debtor's financial difficulty: makes it a restructuring */
    char note[FB_NOTE_MAX + 1];   /* why */
    char actor[FB_ACTOR_MAX + 1]; /* who: the door fills it */
    /* An extension of a guaranteed loan: the guarantor's written consent (贷款通则 第十二条) —
     * who gave it (the guarantor, a party), its date and the document's reference. */
    char consent_by[FB_PARTY_ID_MAX + 1];
    int32_t consent_date;
    char consent_ref[FB_CONSENT_REF_MAX + 1];
    /* An extension beyond 第十二条's limits under a provision of the State (贷款通则 第十二条:
     * "国家另有规定者除外"): the provision's document number, kept with the change ("" none). */
    char state_rule[FB_CONSENT_REF_MAX + 1];
    /* Set by the book. */
    /* An extension that made the term reach a new rate bracket (贷款通则 第十四条): the rule and
     * the basis it moved from and to ("" when the change moved none). */
    char rate_rule[FB_NOTE_MAX + 1];
    int32_t n; /* the loan's change number */
    int32_t maturity_before, maturity_after;
    int64_t rate_before_e6, rate_after_e6;
    int64_t capitalised_fen; /* interest and penalty capitalised */
    int64_t rescheduled_fen; /* overdue principal spread over the new installments */
    int class_before, class_after;
    bool restructured;       /* the loan is a restructured one afterwards */
    int32_t observation_end; /* ... observed until */
    char message[320];       /* a refusal's limit or condition, with its figures */
    /* A refusal measured against a date: before_ and after_business_date the business date. */
    int64_t against;
} fb_loan_change;

typedef enum fb_change_result {
    FB_CHANGE_DONE = 0,
    FB_CHANGE_EXISTS,                /* the same id was done before: its figures */
    FB_CHANGE_EXISTS_WITH_DIFFERENT, /* the id was used for another loan or change */
    FB_CHANGE_LOAN_NOT_FOUND,
    FB_CHANGE_LOAN_CLOSED, /* settled or written off */
    FB_CHANGE_NO_BUSINESS_DATE,
    FB_CHANGE_BEFORE_BUSINESS_DATE,
    FB_CHANGE_AFTER_BUSINESS_DATE,
    FB_CHANGE_AT_OR_AFTER_MATURITY,    /* an extension is asked before maturity (第十二条) */
    FB_CHANGE_EXCEEDS_EXTENSION_LIMIT, /* 第十二条's limit by term, all extensions together */
    FB_CHANGE_NOT_ELIGIBLE,            /* a renewal for a borrower it is not for */
    FB_CHANGE_OVERDUE,                 /* a renewal of a loan with something overdue */
    FB_CHANGE_OFF_BALANCE,             /* capitalising interest that is off the balance sheet */
    FB_CHANGE_LPR_RATE,                /* a new rate for an LPR loan, which keeps its spread */
    FB_CHANGE_EXCEEDS_AVAILABLE_LIMIT, /* capitalised interest needs the facility's limit */
    FB_CHANGE_TOO_MANY_CHANGES,        /* FB_LOAN_CHANGES_MAX changes made already */
    FB_CHANGE_TOO_LONG,                /* the schedule would pass FB_LOAN_MONTHS_MAX installments */
    FB_CHANGE_RATE_OUT_OF_RANGE,       /* a new rate above the book's ceiling */
    FB_CHANGE_NO_GUARANTOR_CONSENT,    /* an extension of a guaranteed loan without its consent */
    FB_CHANGE_REASON_REQUIRED, /* a change with no reason: an overdue or non-performing debtor's
                                  is a restructuring (第十八条), and every change says why */
} fb_change_result;
const char *fb_change_result_name(fb_change_result r);

/* Checks the caller's fields (FB_EINVAL with *field and reason): months 1 to 480, a rate within
 * the ceiling, a restructuring with a difficulty and a reason. */
int fb_loan_change_check(const fb_loan_change *c, const char **field, char *reason, size_t cap);
/* Changes a loan's terms in one unit of work: the schedule rebuilt (core/reterm.h), the loan's
 * maturity, the ledger's entries (the running installment's interest falling due, interest
 * capitalised, the facility's limit it takes), the change's row, and the class the rules give:
 * a change for a debtor in financial difficulty is a restructuring (金融资产风险分类办法 第十七条,
 * 第十九条), observed for at least a year and two repayment periods from the first repayment date
 * under the new terms (第二十条), at least special mention and never rising during it; a
 * refinancing without difficulty is at least special mention; a renewal by itself does not move
 * the class (金规〔2024〕13号). A refusal writes nothing and says why in c->message. */
int fb_loan_change_apply(fb_book *book, fb_loan_change *c, fb_change_result *result);
/* A loan's changes, oldest first, into a new array (*out, freed by the caller). */
int fb_loan_changes(fb_book *book, const char *id, fb_loan_change **out, size_t *n);

/* ---- The green catalogue (绿色金融支持项目目录（2025年版）) --------------------------------- */

typedef struct fb_green_item {
    char code[FB_GREEN_CODE_MAX + 1];
    int level;                          /* 1..3 */
    char parent[FB_GREEN_CODE_MAX + 1]; /* "" for level 1 */
    char name[FB_NAME_MAX + 1];
} fb_green_item;

/* Replaces the book's catalogue by items[0..n) (at most FB_GREEN_ITEMS_MAX) in one unit of work:
 * each code of the catalogue's shape, its level its number of parts, its parent the code one
 * level up and present, every level-1 category one of the nine, and every facility's green item
 * already recorded a level-3 item of it. FB_EINVAL (errmsg names the item and the rule) and
 * nothing written otherwise. */
int fb_green_catalogue_load(fb_book *book, const fb_green_item *items, size_t n);
/* The loaded catalogue, in code order, into a new array the caller frees; none loaded: the nine
 * level-1 categories built in, *loaded false. */
int fb_green_catalogue(fb_book *book, fb_green_item **out, size_t *n, bool *loaded);
/* Whether code may be a green facility's item: a level-3 item of the loaded catalogue, or while
 * none is loaded one of the catalogue's shape (three levels, a level-1 category that exists).
 * FB_OK, or FB_EINVAL with the reason in reason[0..cap). */
int fb_green_item_known(fb_book *book, const char *code, char *reason, size_t cap);

/* ---- Supply-chain finance: payable certificates (云信) ----------------------------------- */

/* Ledger 4 holds certificates: claims on core enterprises (`cti:<core>`, debit) held by holders
 * (`cth:<party>`, credit; the bank's `bank:cth`). docs/accounts.md lists every entry. */
#define FB_LEDGER_CERTIFICATES 4

/* A part of a certificate: the range [range_start, range_end) of fen inside its root. A root is
 * issued whole; a transfer or financing cuts a new part off the low end of the range it takes
 * from, which keeps the rest. Every fen of a root has exactly one holder. */
typedef struct fb_certificate {
    char id[FB_CERT_ID_MAX + 1];
    char root[FB_CERT_ID_MAX + 1];
    char parent[FB_CERT_ID_MAX + 1]; /* the part it was cut from; "" for a root */
    char core[FB_PARTY_ID_MAX + 1];  /* the core enterprise that owes it */
    char facility[FB_FACILITY_ID_MAX + 1];
    char holder[FB_PARTY_ID_MAX + 1]; /* "" when the bank holds it */
    char from[FB_PARTY_ID_MAX + 1];   /* who passed it on ("" for a root: the core issued it) */
    int64_t range_start;
    int64_t range_end;
    int64_t root_face_fen;
    int32_t date; /* when its holder received it */
    int32_t issue_date;
    int32_t maturity;
    char contract[FB_CERT_REF_MAX + 1];
    char invoice[FB_CERT_REF_MAX + 1];
    fb_cert_status status;
    /* Financing (status financed, and settled after it). */
    int64_t discount_rate_e6;
    int64_t discount_fen;
    bool inclusive_cbirc; /* the supplier that financed is inclusive (普惠型小微) */
    bool inclusive_pboc;
    int32_t settled_date;
    int64_t created_ns;
} fb_certificate;

/* Issuing a root certificate. facility "" = the core's supply-chain facility in force on the
 * issue date. */
typedef struct fb_cert_issue {
    char id[FB_CERT_ID_MAX + 1];
    char core[FB_PARTY_ID_MAX + 1];
    char holder[FB_PARTY_ID_MAX + 1];
    int64_t face_fen;
    int32_t issue_date;
    int32_t maturity;
    char facility[FB_FACILITY_ID_MAX + 1];
    char contract[FB_CERT_REF_MAX + 1];
    char invoice[FB_CERT_REF_MAX + 1];
} fb_cert_issue;

/* Passing on, or financing at the bank, amount_fen of a part (0 = all of it) as a new part. */
typedef struct fb_cert_move {
    char part[FB_CERT_ID_MAX + 1];
    char id[FB_CERT_ID_MAX + 1];  /* the new part's */
    char to[FB_PARTY_ID_MAX + 1]; /* transfer: the receiving party */
    int64_t amount_fen;           /* 0 = the whole part */
    int32_t date;                 /* 0 = the business date */
    int64_t discount_rate_e6;     /* finance: per annum, act360 */
} fb_cert_move;

typedef enum fb_cert_result {
    FB_CERT_DONE = 0,
    FB_CERT_EXISTS,
    FB_CERT_EXISTS_WITH_DIFFERENT, /* `field` differs */
    FB_CERT_PARTY_NOT_FOUND,       /* `field`: core, holder or to */
    FB_CERT_NO_FACILITY,           /* the core has no supply-chain facility in force */
    FB_CERT_EXCEEDS_AVAILABLE_LIMIT,
    FB_CERT_BEFORE_BUSINESS_DATE,
    FB_CERT_PART_NOT_FOUND,
    FB_CERT_NOTHING_HELD, /* the part was passed on whole, or settled */
    FB_CERT_HELD_BY_BANK, /* the bank collects what it holds and does not pass it on */
    FB_CERT_AT_OR_AFTER_MATURITY,
    FB_CERT_TO_CURRENT_HOLDER,
    FB_CERT_EXCEEDS_HELD,
    FB_CERT_BEFORE_RECEIVED, /* dated before its holder received the part */
    FB_CERT_TO_CORE,         /* `field`: the core enterprise cannot hold its own certificate */
} fb_cert_result;
const char *fb_cert_result_name(fb_cert_result r);

typedef struct fb_cert_outcome {
    fb_cert_result result;
    const char *field;
    bool long_term;       /* issued for more than six months: allowed, with a warning */
    int64_t amount_fen;   /* what moved */
    int64_t proceeds_fen; /* finance: paid to the holder */
    int64_t discount_fen; /* finance: kept by the bank as discount interest */
    /* A refusal measured against a figure: before_business_date the business date (days),
     * rate_out_of_range the ceiling (rate_e6), insufficient_funds what is available (fen). */
    int64_t against;
} fb_cert_outcome;

/* Checks the caller's fields (FB_EINVAL with *field and the reason): ids, a face of at least
 * 0.01, a maturity after the issue date and at most a year after it. */
int fb_cert_issue_check(const fb_cert_issue *v, const char **field, char *reason, size_t cap);
int fb_cert_move_check(const fb_cert_move *v, bool finance, const char **field, char *reason,
                       size_t cap);
/* Up to FB_PARTY_BATCH_MAX events in one transaction, one outcome each (idempotent by the new
 * id). Issue reserves the core's facility limit; transfer moves the claim between holders;
 * finance pays the holder face less discount and makes the bank the holder. */
int fb_certs_issue(fb_book *book, fb_cert_issue *v, size_t n, fb_cert_outcome *out);
int fb_certs_transfer(fb_book *book, fb_cert_move *v, size_t n, fb_cert_outcome *out);
int fb_certs_finance(fb_book *book, fb_cert_move *v, size_t n, fb_cert_outcome *out);
/* What passing on (finance false) or financing v would do, decided by the same checks in the
 * same order and priced by the same function as fb_certs_transfer and fb_certs_finance, with
 * nothing written: o->result FB_CERT_DONE with the amount, discount and proceeds when it would
 * go ahead, else the refusal it would meet. A date or amount of 0 in v is set to the one the
 * move would take. */
int fb_cert_quote(fb_book *book, fb_cert_move *v, bool finance, fb_cert_outcome *o);
int fb_cert_get(fb_book *book, const char *id, fb_certificate *out);
/* Every part of the root of `id` (a root or any part), in order of creation, into a new array
 * the caller frees. */
int fb_cert_lineage(fb_book *book, const char *id, fb_certificate **parts, size_t *n);
/* What a party holds (parts held, not settled); party "" = the bank. */
int fb_certs_held_by(fb_book *book, const char *party, fb_certificate **parts, size_t *n);

#endif
