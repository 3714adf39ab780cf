/* finbridge.h — the public API of libfinbridge: what the command line, the server and the tests
 * may call. This header is the API's documentation.
 *
 * Conventions
 *   - A fallible function returns int: FB_OK (0) or a negative FB_E... code; fb_strerror() and
 *     fb_err_name() describe it. Business rejections (an account over its limit, a closed account)
 *     are not errors: they are per-event results (fb_result) of a successful call.
 *   - Money is int64_t fen. Rates are int64_t per annum in
 *     millionths (rate_e6: 3.45% = 34500).
 *     Dates are int32_t days since 1970-01-01. Timestamps are int64_t nanoseconds since the epoch.
 *   - Callers allocate structs; the library fills them in place. Ownership is said per function. */
#ifndef FINBRIDGE_H
#define FINBRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finbridge/limits.h"

/* The book: a ledger and the records beside it (fb_ledger_open). */
typedef struct fb_ledger fb_ledger;

/* ---- Errors ------------------------------------------------------------------------------- */

/* Error codes are only ever appended; a code's number never changes meaning. */
enum {
    FB_OK = 0,
    FB_ENOMEM = -1,    /* an allocation failed */
    FB_EINVAL = -2,    /* an argument is malformed */
    FB_EIO = -3,       /* the store failed to read or write */
    FB_ENOTFOUND = -4, /* no such record */
    FB_EVERSION = -5,  /* the database was written by a newer finbridge */
    FB_EBUSY = -6,     /* another writer held the database past the busy timeout */
    FB_ECORRUPT = -7,  /* the database is not a finbridge book, or is damaged */
    FB_ERANGE = -8,    /* a value is out of its range, or arithmetic would overflow */
    FB_ELIMIT = -9,    /* a stated limit (limits.h) was exceeded */
};

/* Returns a static one-line description of an FB_E... code. */
const char *fb_strerror(int code);
/* Returns the static name of an FB_E... code, such as "FB_EIO". */
const char *fb_err_name(int code);

/* ---- Money -------------------------------------------------------------------------------- */

/* Longest formatted amount: "-92233720368547758.08" plus the terminator. */
#define FB_MONEY_STR_MAX 24

/* Parses a decimal yuan string ("1234.56", "7", "0.5") of len bytes into fen. Accepts digits with
 * at most two decimals, no sign, no leading zeros (but "0.xx"), no spaces. Returns FB_OK, or
 * FB_EINVAL / FB_ERANGE with *reason set to a static phrase ("has more than two decimals"). */
int fb_money_parse(const char *s, size_t len, int64_t *fen, const char **reason);

/* Formats fen as yuan with exactly two decimals into buf (FB_MONEY_STR_MAX bytes). Returns buf. */
char *fb_money_format(int64_t fen, char *buf);

/* Checked arithmetic: returns false, leaving *out untouched, when the result would overflow. */
bool fb_add_i64(int64_t a, int64_t b, int64_t *out);
bool fb_sub_i64(int64_t a, int64_t b, int64_t *out);
bool fb_mul_i64(int64_t a, int64_t b, int64_t *out);

/* ---- Dates -------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date; the caller checks validity first. */
int32_t fb_date_from_ymd(int year, int month, int day);
void fb_date_to_ymd(int32_t days, int *year, int *month, int *day);
/* Days in the month, 28..31. */
int fb_date_days_in_month(int year, int month);
/* Parses exactly "YYYY-MM-DD" (years 1900..9999). FB_EINVAL with *reason on failure. */
int fb_date_parse(const char *s, int32_t *days, const char **reason);
/* Writes "YYYY-MM-DD" into buf (11 bytes). Returns buf. */
char *fb_date_format(int32_t days, char *buf);

/* The date `months` months after the month of `date`, on day `day` (1..31) or the month's last
 * day when it has no such day (Jan 31 -> Feb 28/29 -> Mar 31). */
int32_t fb_date_add_months(int32_t date, int months, int day);

/* ---- Rates -------------------------------------------------------------------------------- */

/* Parses a per-annum percentage with at most four decimals ("4.9", "3.4500") into millionths
 * (49000, 34500). FB_EINVAL / FB_ERANGE with *reason. */
int fb_rate_parse(const char *s, int64_t *rate_e6, const char **reason);
/* Formats rate_e6 as a percentage with four decimals ("4.9000") into buf (FB_RATE_STR_MAX). */
#define FB_RATE_STR_MAX 32
char *fb_rate_format(int64_t rate_e6, char *buf);

/* ---- Ids ---------------------------------------------------------------------------------- */

/* Returns true when s[0..len) is a valid id: 1..FB_ID_MAX characters from A-Z a-z 0-9 . _ : -.
 * Otherwise false with *reason set to a static phrase. */
bool fb_id_valid(const char *s, size_t len, const char **reason);

/* ---- Text --------------------------------------------------------------------------------- */

/* What is wrong with input text, if anything: every reader checks a line before decoding it, so
 * that no byte is silently dropped. */
typedef enum fb_text_fault {
    FB_TEXT_OK = 0,
    FB_TEXT_NUL,      /* a NUL byte */
    FB_TEXT_BAD_UTF8, /* a byte sequence that is not UTF-8 (RFC 3629) */
} fb_text_fault;

/* Checks s[0..len): FB_TEXT_OK, or the first fault with *offset the 0-based byte where it is. */
fb_text_fault fb_text_check(const char *s, size_t len, size_t *offset);
/* Ends the string s (at most cap bytes) before its first byte that is not valid UTF-8, so that
 * text cut to fit a buffer (snprintf) never ends inside a character. Returns the new length. */
size_t fb_text_cut(char *s, size_t cap);

/* ---- Identity: unified social credit codes (GB 32100-2015) --------------------------------- */

typedef struct fb_uscc_info {
    bool valid;
    const char *reason;  /* why not, when not valid (static) */
    int position;        /* 1-based character at fault, 0 when none */
    char expected_check; /* the check character the first 17 call for, 0 when they are invalid */
    char authority;      /* character 1 */
    const char *authority_name; /* "market regulator (工商/市场监管)", ... */
    char kind;                  /* character 2 */
    const char *kind_name; /* for authority 9: "enterprise (企业)", ... ; NULL when unknown */
    char region[7];        /* characters 3-8: the division code */
    char organisation[10]; /* characters 9-17 */
} fb_uscc_info;

/* Checks and explains a code of len bytes. Returns FB_OK when valid, FB_EINVAL otherwise; info is
 * filled either way, as far as the code can be read. */
int fb_uscc_check(const char *code, size_t len, fb_uscc_info *info);

/* ---- Regions ------------------------------------------------------------------------------ */

/* The prefecture city (or the province) that a 6-digit division code of Liaoning belongs to:
 * 210000 the province, 210100 Shenyang ... 211400 Huludao; a county or district maps to its
 * city (210102 -> 210100). Returns false for codes outside Liaoning's cities. */
bool fb_region_city(int32_t division, int32_t *city);
/* The Chinese and English names of a city or the province code, or NULL. */
const char *fb_region_name_zh(int32_t code);
const char *fb_region_name_en(int32_t code);
/* Whether a code is the province (210000) or one of its fourteen cities. */
bool fb_region_liaoning(int32_t code);
/* The fourteen city codes in order, and their count. */
const int32_t *fb_region_cities(size_t *count);

/* ---- Industries and firm sizes ------------------------------------------------------------ */

typedef struct fb_industry_info {
    int class_code;          /* 3421 */
    int division;            /* 34 */
    char section;            /* 'C' */
    const char *division_zh; /* "通用设备制造业" */
} fb_industry_info;

/* Checks a GB/T 4754-2017 four-digit class ("3421") against the project's table. */
int fb_industry_check(const char *code, fb_industry_info *info, const char **reason);
/* The province's key-industry chain of a class ("machine_tools", "aerospace",
 * "integrated_circuits", "high_end_equipment", "petrochemicals", "metallurgy"), or NULL. */
const char *fb_key_chain(int class_code);
const char *fb_key_chain_zh(const char *chain);

typedef enum fb_size_class {
    FB_SIZE_LARGE = 0,
    FB_SIZE_MEDIUM,
    FB_SIZE_SMALL,
    FB_SIZE_MICRO
} fb_size_class;

typedef struct fb_firm_figures {
    int32_t employees;
    int64_t revenue_fen; /* operating revenue of the last year */
    int64_t total_assets_fen;
} fb_firm_figures;

/* The size-standard sector of a class ("industry", "retail", ...). */
const char *fb_size_sector(int class_code);
const char *fb_size_class_name(fb_size_class c);
/* Classifies a firm: large, medium and small must reach every bound of the tier, else it drops
 * a tier; below small is micro. why (cap bytes, may be NULL) receives the rule that decided. */
fb_size_class fb_size_classify(int class_code, const fb_firm_figures *f, char *why, size_t cap);
/* A technology SME (科技型中小企业): a technology flag, at most 500 staff, sales and total assets
 * each at most 200,000,000 yuan. why receives the rule. */
bool fb_tech_sme(const fb_firm_figures *f, bool technology_flag, char *why, size_t cap);

/* ---- Repayment schedules ------------------------------------------------------------------ */

/* The four repayment methods every Chinese bank offers (DOMAIN.md). */
typedef enum fb_method {
    FB_METHOD_EQUAL_INSTALLMENT = 0, /* 等额本息 */
    FB_METHOD_EQUAL_PRINCIPAL,       /* 等额本金 */
    FB_METHOD_INTEREST_ONLY,         /* 按月付息到期还本 */
    FB_METHOD_BULLET,                /* 利随本清 */
    FB_METHOD_COUNT_
} fb_method;

/* How days become interest: daily rate = annual / 360, / 365, or by each year's actual days. The
 * first day counts, the last does not (算头不算尾). */
typedef enum fb_day_count {
    FB_DAYCOUNT_ACT360 = 0,
    FB_DAYCOUNT_ACT365,
    FB_DAYCOUNT_ACTACT,
    FB_DAYCOUNT_COUNT_
} fb_day_count;

const char *fb_method_name(fb_method m);       /* "equal_installment", ... */
const char *fb_day_count_name(fb_day_count d); /* "act360", ... */
int fb_method_parse(const char *s, fb_method *out);
int fb_day_count_parse(const char *s, fb_day_count *out);

typedef struct fb_loan_terms {
    int64_t principal_fen;
    int64_t rate_e6; /* per annum, millionths: 4.9% = 49000 */
    int32_t months;  /* term: installments, or months to maturity for a bullet loan */
    fb_method method;
    int32_t start_date; /* the value date: interest runs from here */
    int repayment_day;  /* 1..31, or 0 for the start date's day */
    fb_day_count day_count;
} fb_loan_terms;

typedef struct fb_installment {
    int32_t n;            /* 1.. */
    int32_t period_start; /* interest runs from here ... */
    int32_t due_date;     /* ... to here (not counted) */
    int64_t payment_fen;
    int64_t principal_fen;
    int64_t interest_fen;
    int64_t balance_fen; /* principal still owed after this installment */
} fb_installment;

/* Interest on principal_fen at rate_e6 from `from` (counted) to `to` (not counted), rounded half
 * up to the fen. */
int64_t fb_interest_for_days(int64_t principal_fen, int64_t rate_e6, int32_t from, int32_t to,
                             fb_day_count dc);

/* Builds the schedule of t into out[0..*count) (caller allocates cap >= FB_LOAN_MONTHS_MAX
 * entries, or at least t->months). A regular monthly period uses the monthly rate (annual / 12);
 * a broken first period (a repayment day other than the start's) uses the day count. The last
 * installment absorbs rounding. Returns FB_OK, or FB_EINVAL with *field and *reason. */
int fb_schedule_build(const fb_loan_terms *t, fb_installment *out, size_t cap, size_t *count,
                      const char **field, const char **reason);

/* ---- The loan book: parties --------------------------------------------------------------- */

typedef enum fb_party_kind {
    FB_PARTY_ENTERPRISE = 0,
    FB_PARTY_INDIVIDUAL_BUSINESS, /* 个体工商户 */
    FB_PARTY_KIND_COUNT_
} fb_party_kind;

/* Party flags. */
enum {
    FB_PARTY_HIGH_TECH = 1u << 0,       /* 高新技术企业 */
    FB_PARTY_SPECIALIZED_SME = 1u << 1, /* 专精特新 */
    FB_PARTY_LITTLE_GIANT = 1u << 2,    /* 专精特新"小巨人" */
    FB_PARTY_FLAGS_ALL = (1u << 3) - 1,
};
const char *fb_party_flag_name(unsigned bit);
const char *fb_party_kind_name(fb_party_kind k);

/* The code of the deposit (settlement) accounts of parties in the chart of accounts. */
#define FB_CODE_DEPOSIT 2011

typedef struct fb_party {
    /* Given. */
    char id[FB_PARTY_ID_MAX + 1];
    fb_party_kind kind;
    char name[FB_NAME_MAX + 1];
    char uscc[19];
    int32_t region; /* 6-digit division code */
    int industry;   /* GB/T 4754-2017 class */
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
    FB_PARTY_EXISTS,                /* the same party was created before */
    FB_PARTY_EXISTS_WITH_DIFFERENT, /* the id exists with another value of `field` */
    FB_PARTY_USCC_REGISTERED,       /* another party holds this code */
    FB_PARTY_DEPOSIT_ACCOUNT_TAKEN, /* an account with the deposit account's id exists */
} fb_party_result;
const char *fb_party_result_name(fb_party_result r);

typedef struct fb_party_outcome {
    fb_party_result result;
    const char *field;               /* for EXISTS_WITH_DIFFERENT */
    char other[FB_PARTY_ID_MAX + 1]; /* for USCC_REGISTERED: the party that holds it */
} fb_party_outcome;

/* Creates up to FB_PARTY_BATCH_MAX prepared parties, each with its deposit account, in one
 * transaction. One outcome per party. Returns FB_OK when the call ran (whatever each outcome),
 * or an error with nothing written. */
int fb_parties_create(fb_ledger *l, fb_party *parties, size_t n, fb_party_outcome *outcomes);
/* Looks up a party: FB_OK or FB_ENOTFOUND. */
int fb_party_get(fb_ledger *l, const char *id, fb_party *out);

/* ---- The loan book: facilities (授信) ----------------------------------------------------- */

/* The cooperation's lines of business, and general lending. */
typedef enum fb_line {
    FB_LINE_TECHNOLOGY = 0, /* 科技金融 */
    FB_LINE_SUPPLY_CHAIN,   /* 供应链金融 */
    FB_LINE_GREEN,          /* 绿色金融 */
    FB_LINE_INCLUSIVE,      /* 普惠金融 */
    FB_LINE_WEALTH,         /* 财富金融 */
    FB_LINE_GENERAL,
    FB_LINE_COUNT_
} fb_line;
const char *fb_line_name(fb_line line);
int fb_line_parse(const char *s, fb_line *out);

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
    /* Derived when created. */
    int64_t party_total_credit_fen; /* all the party's limits, this one included */
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
} fb_facility_result;
const char *fb_facility_result_name(fb_facility_result r);

typedef struct fb_facility_outcome {
    fb_facility_result result;
    const char *field;
} fb_facility_outcome;

/* Checks a facility's own fields (FB_EINVAL with *field and reason). */
int fb_facility_check(fb_facility *f, const char **field, char *reason, size_t cap);
/* Approves up to FB_PARTY_BATCH_MAX checked facilities in one transaction, each with its limit
 * granted on the off-balance ledger. One outcome each. */
int fb_facilities_create(fb_ledger *l, fb_facility *facilities, size_t n,
                         fb_facility_outcome *outcomes);
int fb_facility_get(fb_ledger *l, const char *id, fb_facility *out);

/* ---- The Loan Prime Rate ------------------------------------------------------------------ */

typedef struct fb_lpr {
    int32_t date;         /* the day it takes effect */
    int64_t one_year_e6;  /* 1-year LPR */
    int64_t five_year_e6; /* 5-year-and-above LPR */
} fb_lpr;

/* The LPR in effect on `date` (the latest published on or before it): FB_OK or FB_ENOTFOUND. */
int fb_lpr_at(fb_ledger *l, int32_t date, fb_lpr *out);
/* Records a newly published LPR. A date already recorded with other values is refused
 * (FB_EINVAL, errmsg says which); the same values again are accepted. */
int fb_lpr_set(fb_ledger *l, const fb_lpr *v);
/* Every recorded LPR, oldest first, into out[0..*n) (cap entries). */
int fb_lpr_list(fb_ledger *l, fb_lpr *out, size_t cap, size_t *n);

/* ---- The loan book: loans ----------------------------------------------------------------- */

/* Chart codes of a loan's accounts on ledger 1 (docs/accounts.md). */
#define FB_CODE_LOAN_PRINCIPAL 1303      /* 贷款 */
#define FB_CODE_INTEREST_RECEIVABLE 1132 /* 应收利息 */
#define FB_CODE_PENALTY_RECEIVABLE 1133  /* 应收罚息及复利 */

typedef enum fb_rate_kind { FB_RATE_FIXED = 0, FB_RATE_LPR } fb_rate_kind;
typedef enum fb_loan_status {
    FB_LOAN_ACTIVE = 0,
    FB_LOAN_SETTLED,
    FB_LOAN_WRITTEN_OFF
} fb_loan_status;
const char *fb_loan_status_name(fb_loan_status s);

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
} fb_loan_result;
const char *fb_loan_result_name(fb_loan_result r);

typedef struct fb_loan_outcome {
    fb_loan_result result;
    const char *field;
} fb_loan_outcome;

/* Checks a loan's own fields (FB_EINVAL with *field and reason). */
int fb_loan_check(fb_loan *loan, const char **field, char *reason, size_t cap);
/* Draws down up to FB_PARTY_BATCH_MAX checked loans in one transaction: each reserves its
 * facility's limit and credits the borrower's deposit account, with its schedule stored. */
int fb_loans_create(fb_ledger *l, fb_loan *loans, size_t n, fb_loan_outcome *outcomes);
int fb_loan_get(fb_ledger *l, const char *id, fb_loan *out);
/* The stored schedule, with the balance after each installment. */
int fb_loan_schedule(fb_ledger *l, const char *id, fb_installment *out, size_t cap, size_t *n);

/* ---- The loan book: servicing (end of day, repayment, classification) ---------------------- */

/* The five-tier classification (金融资产风险分类办法): the last three are non-performing. */
typedef enum fb_loan_class {
    FB_CLASS_NORMAL = 0,      /* 正常 */
    FB_CLASS_SPECIAL_MENTION, /* 关注: anything overdue */
    FB_CLASS_SUBSTANDARD,     /* 次级: more than 90 days */
    FB_CLASS_DOUBTFUL,        /* 可疑: more than 270 days */
    FB_CLASS_LOSS,            /* 损失: more than 360 days */
    FB_CLASS_COUNT_
} fb_loan_class;
const char *fb_loan_class_name(fb_loan_class c);
/* The class that days past due alone give. */
fb_loan_class fb_loan_class_for_dpd(int64_t days_past_due);

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
    int64_t days_past_due;
    fb_loan_class loan_class;
    int64_t prepaid_fen;
    int64_t written_off_fen;
    int64_t recovered_fen;
} fb_loan_position;
int fb_loan_position_get(fb_ledger *l, const char *id, fb_loan_position *out);

/* The day now open: operations dated before it are refused. 0 before the first end of day. */
int fb_business_date(fb_ledger *l, int32_t *date);

/* The book's ceiling on loan rates (default FB_RATE_MAX_E6, 24%): a drawdown, or an LPR loan's
 * repricing, above it is refused. Setting it: more than 0 and at most FB_RATE_MAX_E6. */
int fb_rate_ceiling(fb_ledger *l, int64_t *rate_e6);
int fb_rate_ceiling_set(fb_ledger *l, int64_t rate_e6);

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
} fb_eod_day;
typedef void fb_eod_progress_fn(void *ctx, const fb_eod_day *day, int32_t done, int32_t total);

/* Closes every day from the business date through `through`, each in one transaction that ends by
 * opening the next day, so that a day is never closed twice (a `through` already closed does
 * nothing). Before the first end of day, the first day closed is the earliest active loan's
 * start. For each day: collects what is due from deposit accounts, accrues interest and penalty,
 * makes the next day's installments due, reprices LPR loans, classifies (with the 10% rule across
 * a borrower's loans), posts the day's general-ledger entries, and expires pending transfers.
 * progress (may be NULL) is called after each day. */
int fb_eod_run(fb_ledger *l, int32_t through, fb_eod_progress_fn *progress, void *ctx,
               int32_t *days_closed);

typedef enum fb_prepay {
    FB_PREPAY_NONE = 0,
    FB_PREPAY_REDUCE_TERM,        /* keep the installment, shorten the term */
    FB_PREPAY_REDUCE_INSTALLMENT, /* keep the term, lower the installment */
} fb_prepay;
const char *fb_prepay_name(fb_prepay p);
int fb_prepay_parse(const char *s, fb_prepay *out);

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
} fb_repay_result;
const char *fb_repay_result_name(fb_repay_result r);

/* Checks the caller's fields (FB_EINVAL with *field and reason). */
int fb_repayment_check(const fb_repayment *r, bool needs_amount, const char **field, char *reason,
                       size_t cap);
/* Debits the borrower's deposit account and allocates: penalty and compound interest, then the
 * oldest installment's interest and principal and on to the newest due; then, with a prepay
 * mode, a payoff (principal and the interest accrued to the date) or a prepayment that rebuilds
 * the rest of the schedule. Repaid principal restores a revolving facility's limit and returns a
 * non-revolving one's to the bank's commitments. */
int fb_loan_repay(fb_ledger *l, fb_repayment *r, fb_repay_result *result);
/* Writes off a loss loan: its principal, interest and penalty go against the loan-loss
 * provision, and its limit returns to the bank's commitments. */
int fb_loan_write_off(fb_ledger *l, fb_repayment *r, fb_repay_result *result);
/* Books money recovered on a written-off loan from the borrower's deposit account. */
int fb_loan_recover(fb_ledger *l, fb_repayment *r, fb_repay_result *result);

/* ---- Supply-chain finance: payable certificates (云信) ----------------------------------- */

/* Ledger 4 holds certificates: claims on core enterprises (`cti:<core>`, debit) held by holders
 * (`cth:<party>`, credit; the bank's `bank:cth`). docs/accounts.md lists every entry. */
#define FB_LEDGER_CERTIFICATES 4

typedef enum fb_cert_status {
    FB_CERT_HELD = 0, /* held by a party */
    FB_CERT_FINANCED, /* sold to the bank, which holds it to maturity */
    FB_CERT_SPENT,    /* all of it was passed on: its range is empty */
    FB_CERT_SETTLED,  /* paid at maturity */
    FB_CERT_STATUS_COUNT_
} fb_cert_status;
const char *fb_cert_status_name(fb_cert_status s);

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
} fb_cert_outcome;

/* Checks the caller's fields (FB_EINVAL with *field and the reason): ids, a face of at least
 * 0.01, a maturity after the issue date and at most a year after it. */
int fb_cert_issue_check(const fb_cert_issue *v, const char **field, char *reason, size_t cap);
int fb_cert_move_check(const fb_cert_move *v, bool finance, const char **field, char *reason,
                       size_t cap);
/* Up to FB_PARTY_BATCH_MAX events in one transaction, one outcome each (idempotent by the new
 * id). Issue reserves the core's facility limit; transfer moves the claim between holders;
 * finance pays the holder face less discount and makes the bank the holder. */
int fb_certs_issue(fb_ledger *l, fb_cert_issue *v, size_t n, fb_cert_outcome *out);
int fb_certs_transfer(fb_ledger *l, fb_cert_move *v, size_t n, fb_cert_outcome *out);
int fb_certs_finance(fb_ledger *l, fb_cert_move *v, size_t n, fb_cert_outcome *out);
int fb_cert_get(fb_ledger *l, const char *id, fb_certificate *out);
/* Every part of the root of `id` (a root or any part), in order of creation, into a new array
 * the caller frees. */
int fb_cert_lineage(fb_ledger *l, const char *id, fb_certificate **parts, size_t *n);
/* What a party holds (parts held, not settled); party "" = the bank. */
int fb_certs_held_by(fb_ledger *l, const char *party, fb_certificate **parts, size_t *n);

/* ---- The cooperation: major projects, agreements, targets, progress ---------------------- */

typedef enum fb_project_status {
    FB_PROJECT_PLANNED = 0,
    FB_PROJECT_UNDER_CONSTRUCTION,
    FB_PROJECT_IN_OPERATION,
    FB_PROJECT_STATUS_COUNT_
} fb_project_status;
const char *fb_project_status_name(fb_project_status s);

/* A major project of the province (重大项目). Facilities name it; their loans inherit it. */
typedef struct fb_project {
    char id[FB_ID_MAX + 1];
    char name[FB_NAME_MAX + 1];
    int32_t city; /* one of Liaoning's fourteen cities */
    int industry; /* GB/T 4754-2017 class */
    int64_t total_investment_fen;
    int64_t financing_need_fen;
    fb_project_status status;
    int32_t start_date;
    /* From the books, on reading. */
    int64_t approved_fen;    /* limits of the facilities that name it */
    int64_t drawn_fen;       /* loans drawn under them */
    int64_t outstanding_fen; /* their principal outstanding */
} fb_project;

typedef enum fb_project_result {
    FB_PROJECT_CREATED = 0,
    FB_PROJECT_EXISTS,
    FB_PROJECT_EXISTS_WITH_DIFFERENT,
} fb_project_result;

/* Checks a project's fields (FB_EINVAL with *field and reason). */
int fb_project_check(const fb_project *p, const char **field, char *reason, size_t cap);
int fb_projects_create(fb_ledger *l, const fb_project *v, size_t n, fb_project_result *out);
/* A project with what is approved, drawn and outstanding under it. */
int fb_project_get(fb_ledger *l, const char *id, fb_project *out);

/* Lists of records by id, for the API's lists and the dashboard: at most cap ids, in id order
 * (certificates: the latest issued first). filter is a party id (facilities, loans) or unused. */
typedef enum fb_list_kind {
    FB_LIST_AGREEMENTS = 0,
    FB_LIST_PROJECTS,
    FB_LIST_PARTY_FACILITIES,
    FB_LIST_PARTY_LOANS,
    FB_LIST_CERTIFICATE_ROOTS,
    FB_LIST_COUNT_
} fb_list_kind;
typedef char fb_list_id[FB_ID_MAX + 1];
int fb_list(fb_ledger *l, fb_list_kind kind, const char *filter, fb_list_id *ids, size_t cap,
            size_t *n);

/* What a target measures. new_credit has a dimension: "" for the total, or "line:<line>",
 * "chain:<key chain>", "city:<code>". The _max measures are ceilings. */
typedef enum fb_measure {
    FB_MEASURE_NEW_CREDIT = 0,         /* fen drawn in the period */
    FB_MEASURE_INCLUSIVE_BORROWERS,    /* borrowers with inclusive loans outstanding */
    FB_MEASURE_INCLUSIVE_BALANCE,      /* fen of inclusive loans outstanding */
    FB_MEASURE_GREEN_BALANCE,          /* fen of green-line loans outstanding */
    FB_MEASURE_SUPPLY_CHAIN_FINANCING, /* fen of certificates financed in the period */
    FB_MEASURE_INCLUSIVE_RATE_MAX,     /* ceiling: average rate of new inclusive loans, e6 */
    FB_MEASURE_NPL_RATIO_MAX,          /* ceiling: NPL principal / principal, e6 */
    FB_MEASURE_COUNT_
} fb_measure;
const char *fb_measure_name(fb_measure m);

#define FB_TARGETS_MAX 64

typedef struct fb_target {
    fb_measure measure;
    char dimension[40];
    int64_t amount; /* fen, a count, or a rate / ratio in e6 */
} fb_target;

typedef struct fb_agreement {
    char id[FB_ID_MAX + 1];
    char bank[FB_NAME_MAX + 1];
    int32_t region; /* 210000 (Liaoning) or one of its cities */
    int32_t start_date;
    int32_t end_date;
    fb_target targets[FB_TARGETS_MAX];
    size_t n_targets;
} fb_agreement;

int fb_agreement_check(const fb_agreement *a, const char **field, char *reason, size_t cap);
/* Records an agreement with its targets; FB_OK with *exists when it was recorded before (the
 * same), FB_EINVAL (errmsg) when the id is taken by another. */
int fb_agreement_create(fb_ledger *l, const fb_agreement *a, bool *exists);
int fb_agreement_get(fb_ledger *l, const char *id, fb_agreement *out);

/* Progress on a target on a date, from the books. */
typedef struct fb_progress {
    fb_target target;
    int64_t achieved;
    int64_t percent_e2;         /* achieved / target, in hundredths of a percent */
    int64_t elapsed_percent_e2; /* of the agreement's period */
    bool ceiling;               /* the target is a ceiling */
    bool on_track;              /* ahead of the time elapsed, or under the ceiling */
} fb_progress;

/* Each target's progress on as_of (FB_EINVAL when as_of is after the business date's day before,
 * or outside the period). out has FB_TARGETS_MAX entries. */
int fb_agreement_progress(fb_ledger *l, const char *id, int32_t as_of, fb_progress *out, size_t *n);

/* ---- Reports, from the running aggregates --------------------------------------------------- */

/* What a credit report is broken down by (any combination). */
enum {
    FB_BY_CITY = 1u << 0,
    FB_BY_CHAIN = 1u << 1,
    FB_BY_LINE = 1u << 2,
    FB_BY_SIZE = 1u << 3,
    FB_BY_CLASS = 1u << 4,
};
/* Parses "city,chain,line,size,class" (any of them, comma-separated): FB_OK or FB_EINVAL. */
int fb_report_dims_parse(const char *s, unsigned *dims);

/* A row of the credit report; a dimension not asked for is -1 (chain: "" for none, "*" for all). */
typedef struct fb_report_row {
    int32_t city; /* a city code, 0 outside Liaoning's cities */
    char chain[32];
    int line;            /* fb_line */
    int size;            /* fb_size_class */
    int loan_class;      /* fb_loan_class; -1 in rows of new credit alone */
    int64_t balance_fen; /* principal outstanding at the end of as_of */
    int64_t loans;
    int64_t borrowers; /* borrowers counted once in each finest cell */
    int64_t new_fen;   /* drawn from `from` to as_of */
    int64_t new_loans;
} fb_report_row;

/* Credit by the dimensions asked, on a closed day as_of (the cells copied at its close), with
 * new credit from `from` (0 = as_of alone), for the borrowers of a region (210000 = the
 * province's cities, or one city, 0 = all). A new array (*rows) the caller frees. FB_EINVAL
 * (errmsg) for a day not closed. */
int fb_report_credit(fb_ledger *l, int32_t as_of, int32_t from, unsigned dims, int32_t region,
                     fb_report_row **rows, size_t *n);

/* Moves between classes from `from` to `to`: count and principal of each from -> to. */
typedef struct fb_class_move {
    int from_class, to_class;
    int64_t loans, balance_fen;
} fb_class_move;
int fb_report_moves(fb_ledger *l, int32_t from, int32_t to, fb_class_move *out, size_t cap,
                    size_t *n);

/* The regulators' "two increases" (两增) on a closed day, for a region (as fb_report_credit):
 * inclusive loans grew no slower than all loans since the end of the year before, and the
 * inclusive borrowers are not fewer than then. The base is the last day of the year before;
 * where the books hold nothing on it (a first year), *_ok is -1: no base to compare with. */
typedef struct fb_two_increases {
    int32_t as_of, base_date;
    int64_t inclusive_fen, inclusive_base_fen; /* inclusive balance (regulator's scope) */
    int64_t all_fen, all_base_fen;             /* every loan's balance */
    int64_t borrowers, borrowers_base;         /* inclusive borrowers */
    int balance_ok, borrowers_ok;              /* 1 held, 0 not, -1 no base */
} fb_two_increases;
int fb_report_two_increases(fb_ledger *l, int32_t as_of, int32_t region, fb_two_increases *out);

/* The largest borrowers by principal outstanding now (at most limit). */
typedef struct fb_exposure {
    char party[FB_PARTY_ID_MAX + 1];
    char name[FB_NAME_MAX + 1];
    int64_t principal_fen;
} fb_exposure;
int fb_report_exposures(fb_ledger *l, size_t limit, fb_exposure *out, size_t *n);

/* ---- Users and the audit log ------------------------------------------------------------- */

typedef enum fb_role {
    FB_ROLE_ADMIN = 0,    /* manages users, not money */
    FB_ROLE_BANK_OFFICER, /* everything of the bank */
    FB_ROLE_ENTERPRISE,   /* its own party's records */
    FB_ROLE_GOVERNMENT,   /* aggregates for its region and the major projects */
    FB_ROLE_AUDITOR,      /* reads everything, writes nothing */
    FB_ROLE_COUNT_
} fb_role;
const char *fb_role_name(fb_role r);
int fb_role_parse(const char *s, fb_role *out);

#define FB_USER_NAME_MAX 64
#define FB_TOKEN_HEX 64 /* a token: 256 random bits in hex */

typedef struct fb_user {
    char name[FB_USER_NAME_MAX + 1];
    fb_role role;
    char party[FB_PARTY_ID_MAX + 1]; /* enterprise */
    int32_t region;                  /* government: 210000 for the province, or a city */
} fb_user;

/* Adds a user and writes its new API token (FB_TOKEN_HEX characters and a NUL) to token: the
 * only time it is seen, as only its hash is kept. password may be NULL; when given it is kept as
 * an Argon2id hash. FB_EINVAL (errmsg says why) for a taken name, an unknown party, a region
 * outside Liaoning, or fields that do not fit the role. */
int fb_user_add(fb_ledger *l, const fb_user *u, const char *password, char *token);
/* The user a token belongs to: FB_OK or FB_ENOTFOUND. */
int fb_user_by_token(fb_ledger *l, const char *token, fb_user *out);
/* Checks a user's password against its Argon2id hash: FB_OK or FB_ENOTFOUND. */
int fb_user_check_password(fb_ledger *l, const char *name, const char *password, fb_user *out);

/* An entry of the audit log: one per write, whatever its outcome. */
typedef struct fb_audit_entry {
    const char *actor; /* the user's name */
    const char *request_id;
    const char *method;
    const char *path;
    int status;          /* the HTTP status answered */
    const char *outcome; /* what happened, in a line */
} fb_audit_entry;
/* Appends an entry, chained to the one before by its hash; inside the caller's unit of work when
 * one is open, so that the entry and the write it records commit together. */
int fb_audit_append(fb_ledger *l, const fb_audit_entry *e);

/* ---- The ledger --------------------------------------------------------------------------- */

/* Account flags. */
enum {
    FB_ACCOUNT_LINKED = 1u << 0,
    FB_ACCOUNT_DEBITS_MUST_NOT_EXCEED_CREDITS = 1u << 1,
    FB_ACCOUNT_CREDITS_MUST_NOT_EXCEED_DEBITS = 1u << 2,
    FB_ACCOUNT_HISTORY = 1u << 3,
    FB_ACCOUNT_CLOSED = 1u << 4,
    FB_ACCOUNT_FLAGS_ALL = (1u << 5) - 1,
};

/* Transfer flags. */
enum {
    FB_TRANSFER_LINKED = 1u << 0,
    FB_TRANSFER_PENDING = 1u << 1,
    FB_TRANSFER_POST_PENDING = 1u << 2,
    FB_TRANSFER_VOID_PENDING = 1u << 3,
    FB_TRANSFER_BALANCING_DEBIT = 1u << 4,
    FB_TRANSFER_BALANCING_CREDIT = 1u << 5,
    FB_TRANSFER_CLOSING_DEBIT = 1u << 6,
    FB_TRANSFER_CLOSING_CREDIT = 1u << 7,
    FB_TRANSFER_FLAGS_ALL = (1u << 8) - 1,
};

/* The name of flag bit `bit` ("debits_must_not_exceed_credits"), or NULL past the last one. */
const char *fb_account_flag_name(unsigned bit);
const char *fb_transfer_flag_name(unsigned bit);

/* An account. On create, the caller fills id, ledger, code, flags and user_data; the ledger sets
 * timestamp_ns and the balances, which start at zero. Balances are never typed in. */
typedef struct fb_account {
    char id[FB_ID_MAX + 1];
    uint32_t ledger;                      /* 1 = the bank's CNY books */
    uint16_t code;                        /* chart-of-accounts code */
    uint16_t flags;                       /* FB_ACCOUNT_... */
    char user_data[FB_USER_DATA_MAX + 1]; /* "" when absent */
    int64_t timestamp_ns;                 /* set by the ledger: unique, increasing */
    int64_t debits_pending_fen;
    int64_t debits_posted_fen;
    int64_t credits_pending_fen;
    int64_t credits_posted_fen;
} fb_account;

/* amount_fen when not given: post or void the whole pending amount; balance without a cap. */
#define FB_AMOUNT_UNSPECIFIED (-1)

/* A transfer. Empty strings stand for absent ids. Never changed once created. */
typedef struct fb_transfer {
    char id[FB_ID_MAX + 1];
    char debit_account_id[FB_ID_MAX + 1];
    char credit_account_id[FB_ID_MAX + 1];
    int64_t amount_fen; /* >= 0, or FB_AMOUNT_UNSPECIFIED; as created: the amount moved */
    char pending_id[FB_ID_MAX + 1];
    uint32_t ledger; /* 0 on post/void: taken from the pending transfer */
    uint16_t code;
    uint16_t flags;     /* FB_TRANSFER_... */
    uint32_t timeout_s; /* pending only; 0 = never expires */
    char user_data[FB_USER_DATA_MAX + 1];
    int64_t timestamp_ns; /* set by the ledger */
} fb_transfer;

/* The result of one event. Numbers are only ever appended; docs/ledger.md lists every code, its
 * meaning and its place in the order of checks. */
typedef enum fb_result {
    FB_RESULT_CREATED = 0,
    FB_RESULT_LINKED_EVENT_FAILED,
    FB_RESULT_LINKED_EVENT_CHAIN_OPEN,
    FB_RESULT_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_ID_MALFORMED,
    FB_RESULT_ID_ALREADY_FAILED,
    FB_RESULT_EXISTS,
    FB_RESULT_EXISTS_WITH_DIFFERENT_FLAGS,
    FB_RESULT_EXISTS_WITH_DIFFERENT_PENDING_ID,
    FB_RESULT_EXISTS_WITH_DIFFERENT_TIMEOUT,
    FB_RESULT_EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID,
    FB_RESULT_EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID,
    FB_RESULT_EXISTS_WITH_DIFFERENT_AMOUNT,
    FB_RESULT_EXISTS_WITH_DIFFERENT_USER_DATA,
    FB_RESULT_EXISTS_WITH_DIFFERENT_LEDGER,
    FB_RESULT_EXISTS_WITH_DIFFERENT_CODE,
    FB_RESULT_RESERVED_FLAG,
    FB_RESULT_FLAGS_ARE_MUTUALLY_EXCLUSIVE,
    FB_RESULT_LEDGER_MUST_NOT_BE_ZERO,
    FB_RESULT_CODE_MUST_NOT_BE_ZERO,
    FB_RESULT_AMOUNT_MUST_NOT_BE_NEGATIVE,
    FB_RESULT_DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_DEBIT_ACCOUNT_ID_MALFORMED,
    FB_RESULT_CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_CREDIT_ACCOUNT_ID_MALFORMED,
    FB_RESULT_ACCOUNTS_MUST_BE_DIFFERENT,
    FB_RESULT_PENDING_ID_MUST_BE_ZERO,
    FB_RESULT_PENDING_ID_MUST_NOT_BE_ZERO,
    FB_RESULT_PENDING_ID_MALFORMED,
    FB_RESULT_PENDING_ID_MUST_BE_DIFFERENT,
    FB_RESULT_TIMEOUT_RESERVED_FOR_PENDING_TRANSFER,
    FB_RESULT_TIMEOUT_TOO_LONG,
    FB_RESULT_CLOSING_TRANSFER_MUST_BE_PENDING,
    FB_RESULT_AMOUNT_MUST_BE_GIVEN,
    FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND,
    FB_RESULT_CREDIT_ACCOUNT_NOT_FOUND,
    FB_RESULT_ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER,
    FB_RESULT_TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS,
    FB_RESULT_PENDING_TRANSFER_NOT_FOUND,
    FB_RESULT_PENDING_TRANSFER_NOT_PENDING,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_LEDGER,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_CODE,
    FB_RESULT_EXCEEDS_PENDING_TRANSFER_AMOUNT,
    FB_RESULT_PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT,
    FB_RESULT_PENDING_TRANSFER_ALREADY_POSTED,
    FB_RESULT_PENDING_TRANSFER_ALREADY_VOIDED,
    FB_RESULT_PENDING_TRANSFER_EXPIRED,
    FB_RESULT_DEBIT_ACCOUNT_ALREADY_CLOSED,
    FB_RESULT_CREDIT_ACCOUNT_ALREADY_CLOSED,
    FB_RESULT_OVERFLOWS_DEBITS_PENDING,
    FB_RESULT_OVERFLOWS_CREDITS_PENDING,
    FB_RESULT_OVERFLOWS_DEBITS_POSTED,
    FB_RESULT_OVERFLOWS_CREDITS_POSTED,
    FB_RESULT_OVERFLOWS_DEBITS,
    FB_RESULT_OVERFLOWS_CREDITS,
    FB_RESULT_OVERFLOWS_TIMEOUT,
    FB_RESULT_EXCEEDS_CREDITS,
    FB_RESULT_EXCEEDS_DEBITS,
    FB_RESULT_COUNT_
} fb_result;

/* The snake_case name of a result ("exceeds_credits"); "unknown" outside the enum. */
const char *fb_result_name(fb_result r);
/* A one-line explanation of a result, for people. */
const char *fb_result_reason(fb_result r);
/* True for results that depend on the state of the books, so that retrying the same event could
 * succeed; such a failure is remembered for its id (id_already_failed), as TigerBeetle does. */
bool fb_result_transient(fb_result r);

/* Open flags. */
enum {
    FB_OPEN_CREATE = 1u << 0,   /* create the database if missing (init) */
    FB_OPEN_READONLY = 1u << 1, /* never write; no migration */
};

/* Opens the book at path. An older schema is migrated; a newer one is refused with FB_EVERSION.
 * On failure *out is NULL and errbuf (errlen bytes) holds a message naming the cause.
 * The caller owns *out and frees it with fb_ledger_close. */
int fb_ledger_open(const char *path, unsigned open_flags, fb_ledger **out, char *errbuf,
                   size_t errlen);
void fb_ledger_close(fb_ledger *l);
/* The message of the last failed call on l (static storage inside l). */
const char *fb_ledger_errmsg(const fb_ledger *l);
/* The schema version this program writes, and the one the open database has. */
int fb_schema_version_current(void);
int fb_ledger_schema_version(const fb_ledger *l);

/* A unit of work: from fb_ledger_begin to fb_ledger_commit, every batch runs inside one write
 * transaction, so that a business operation can write its own records beside ledger events all or
 * nothing. Events a batch refuses write nothing, as alone; a batch that returns an error fails the
 * unit: later batches and fb_ledger_commit refuse, and the caller rolls back.
 * fb_ledger_rollback undoes the whole unit. A unit begun inside another joins it (so that, say, a
 * server can record an operation's audit entry in the operation's own transaction): its commit
 * commits nothing yet, and its rollback leaves the enclosing unit failed, to be rolled back. */
int fb_ledger_begin(fb_ledger *l);
int fb_ledger_commit(fb_ledger *l);
void fb_ledger_rollback(fb_ledger *l);
/* Whether the open unit can only be rolled back (a nested unit rolled back, or a batch failed). */
bool fb_ledger_unit_failed(const fb_ledger *l);

/* Creates up to FB_BATCH_MAX accounts in one transaction: one result per event in results[n]
 * (caller-allocated). Returns FB_OK when the batch was processed (whatever each result), or an
 * error when nothing was written. Events are read-only; created accounts' timestamps are written
 * to timestamps_ns[i] when that array is not NULL. Work: O(n) lookups and writes. */
int fb_ledger_create_accounts(fb_ledger *l, const fb_account *events, size_t n, fb_result *results,
                              int64_t *timestamps_ns);

/* Creates up to FB_BATCH_MAX transfers in one durable transaction; results as above. For a
 * created transfer, amounts_fen[i] (when not NULL) receives the amount moved (a balancing or
 * posting transfer may move less than asked). Expires due pending transfers first. */
int fb_ledger_create_transfers(fb_ledger *l, const fb_transfer *events, size_t n,
                               fb_result *results, int64_t *timestamps_ns, int64_t *amounts_fen);

/* Expires up to FB_EXPIRE_MAX pending transfers whose timeout has passed by now_ns (0 = the
 * clock), returning the count in *expired. */
int fb_ledger_expire_pending(fb_ledger *l, int64_t now_ns, size_t *expired);

/* Looks up one account or transfer by id: FB_OK, or FB_ENOTFOUND. */
int fb_ledger_get_account(fb_ledger *l, const char *id, fb_account *out);
int fb_ledger_get_transfer(fb_ledger *l, const char *id, fb_transfer *out);

/* The state of a pending transfer. */
typedef enum fb_pending_status {
    FB_PENDING_NONE = 0, /* not a pending transfer */
    FB_PENDING_PENDING = 1,
    FB_PENDING_POSTED = 2,
    FB_PENDING_VOIDED = 3,
    FB_PENDING_EXPIRED = 4,
} fb_pending_status;
const char *fb_pending_status_name(fb_pending_status s);
int fb_ledger_get_pending_status(fb_ledger *l, const char *id, fb_pending_status *out);

/* A query over one account's transfers or balance history. */
typedef struct fb_query {
    int64_t from_ns; /* inclusive; 0 = from the start */
    int64_t to_ns;   /* inclusive; 0 = to the end */
    uint32_t limit;  /* 1..FB_QUERY_LIMIT_MAX */
    bool reverse;    /* newest first */
    bool debits;     /* include transfers debiting the account (both false = both true) */
    bool credits;    /* include transfers crediting it */
} fb_query;

/* Fills out[0..*count) with the account's transfers in timestamp order (caller allocates
 * q->limit entries). FB_ENOTFOUND when the account does not exist. */
int fb_ledger_account_transfers(fb_ledger *l, const char *account_id, const fb_query *q,
                                fb_transfer *out, size_t *count);

/* An account's balances just after one event. */
typedef struct fb_balance {
    int64_t timestamp_ns;
    int64_t debits_pending_fen;
    int64_t debits_posted_fen;
    int64_t credits_pending_fen;
    int64_t credits_posted_fen;
} fb_balance;

/* Fills out[0..*count) with the balance history of an account with the history flag, within the
 * query's range. FB_EINVAL when the account keeps no history. */
int fb_ledger_account_balances(fb_ledger *l, const char *account_id, const fb_query *q,
                               fb_balance *out, size_t *count);

/* Checks every invariant of the books; calls report(ctx, line) for each failure found (the first
 * FB_VERIFY_REPORT_MAX) and for a closing summary. *failures gets the count. Read-only. */
typedef void fb_report_fn(void *ctx, const char *line);
int fb_ledger_verify(fb_ledger *l, fb_report_fn *report, void *ctx, uint64_t *failures);

/* The current time in nanoseconds since the epoch (CLOCK_REALTIME). */
int64_t fb_now_ns(void);

#endif
