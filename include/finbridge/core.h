/* core.h — values and rules with no I/O: errors, money, dates, rates, ids, text, identity codes,
 * regions, industries and firm sizes, repayment schedules.
 *
 * Conventions
 *   - A fallible function returns int: FB_OK (0) or a negative FB_E... code; fb_strerror() and
 *     fb_err_name() describe it. Business rejections (an account over its limit, a closed account)
 *     are not errors: they are per-event results of a successful call.
 *   - Money is int64_t fen. Rates are int64_t per annum in millionths (rate_e6: 3.45% = 34500);
 *     on the doors every rate and ratio is a percent string with up to four decimals.
 *   - Dates are int32_t days since 1970-01-01. Timestamps are int64_t nanoseconds since the epoch.
 *   - Callers allocate structs; the library fills them in place. Ownership is said per function. */
#ifndef FINBRIDGE_CORE_H
#define FINBRIDGE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finbridge/limits.h"

/* ---- Errors ------------------------------------------------------------------------------- */

/* Error codes are only ever appended; a code's number never changes meaning. */
enum {
    FB_OK = 0,
    FB_ENOMEM = -1,        /* an allocation failed */
    FB_EINVAL = -2,        /* an argument is malformed */
    FB_EIO = -3,           /* the store failed to read or write */
    FB_ENOTFOUND = -4,     /* no such record */
    FB_EVERSION = -5,      /* the database was written by a newer finbridge */
    FB_EBUSY = -6,         /* another writer held the database past the busy timeout */
    FB_ECORRUPT = -7,      /* the database is not a finbridge book, or is damaged */
    FB_ERANGE = -8,        /* a value is out of its range, or arithmetic would overflow */
    FB_ELIMIT = -9,        /* a stated limit (limits.h) was exceeded */
    FB_ENOTSUP = -10,      /* this book's backend does not hold these records (yet) */
    FB_EUNAVAILABLE = -11, /* no primary database server is reachable, or it is read-only */
    FB_EINDOUBT = -12,     /* a commit's outcome is unknown: resubmit the same events (ids) */
};

/* Returns a static one-line description of an FB_E... code. */
const char *fb_strerror(int code);
/* Returns the static name of an FB_E... code, such as "FB_EIO". */
const char *fb_err_name(int code);
/* The text of an errno value, as strerror gives it but safe in any thread (strerror's buffer is
 * shared by all of them): written into buf, which the caller holds, and returned. */
#define FB_ERRNO_TEXT_MAX 128
const char *fb_errno_text(int errnum, char *buf, size_t cap);
/* fb_errno_text into a buffer that lives to the end of the enclosing block (a compound literal),
 * for the one message that uses it: fprintf(f, "...: %s", FB_ERRNO_TEXT(errno)). */
#define FB_ERRNO_TEXT(errnum)                                                                      \
    fb_errno_text((errnum), (char[FB_ERRNO_TEXT_MAX]){0}, FB_ERRNO_TEXT_MAX)

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

/* ---- Identity: resident identity numbers (GB 11643-1999) ----------------------------------- */

/* Checks a citizen's identity number of len bytes (公民身份号码): 17 digits (the division code,
 * the birth date YYYYMMDD, a sequence) and a check character, 0-9 or X, for which the weighted
 * sum (weights 2^(17-i) mod 11) gives 1 mod 11. FB_OK, or FB_EINVAL with *reason (static) and
 * *position (1-based, 0 for the whole). */
int fb_resident_id_check(const char *s, size_t len, const char **reason, int *position);

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
/* The i-th key chain's name (i from 0), NULL past the last. */
const char *fb_key_chain_name(int i);

typedef enum fb_size_class {
    FB_SIZE_LARGE = 0,
    FB_SIZE_MEDIUM,
    FB_SIZE_SMALL,
    FB_SIZE_MICRO,
    FB_SIZE_COUNT_
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

/* ---- Green finance: 绿色金融支持项目目录（2025年版） ------------------------------------------
 */

/* The catalogue (中国人民银行 金融监管总局 中国证监会, in force 2025-10-01) has three levels: 9
 * level-1 categories, 38 level-2 and 271 level-3 items, coded as dotted numbers ("3.2.1"). Only
 * the level-1 names are known here (from a secondary source: docs/accounts.md); the official
 * annex is loaded into a book as data (finbridge green-catalogue load). */
#define FB_GREEN_LEVELS 3
#define FB_GREEN_LEVEL1_COUNT 9
#define FB_GREEN_CODE_MAX 15 /* "99.99.99" and room: a facility's green_item holds 16 bytes */
/* The name of level-1 category 1..9 ("节能降碳产业"), or NULL. */
const char *fb_green_level1_name(int code);
/* Checks the shape of a catalogue code: 1 to 3 dotted whole numbers from 1 to 99 without leading
 * zeros, the first a level-1 category that exists (1 to 9). *levels receives how many parts it
 * has. FB_OK, or FB_EINVAL with *reason (static). */
int fb_green_code_check(const char *code, int *levels, const char **reason);

/* ---- The vocabulary of the domain ---------------------------------------------------------- */

/* Every name <-> value table of the domain lives in one place (src/core/vocab.h: X-macro lists,
 * each tied to its enum by static assertions) with its Chinese and English labels. The doors
 * speak the keys ("supply_chain"); the dashboard reads the labels from GET /v1/meta. */

typedef enum fb_party_kind {
    FB_PARTY_ENTERPRISE = 0,
    FB_PARTY_INDIVIDUAL_BUSINESS,  /* 个体工商户 */
    FB_PARTY_SMALL_BUSINESS_OWNER, /* 小微企业主: a natural person who owns a small business */
    FB_PARTY_KIND_COUNT_
} fb_party_kind;

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

typedef enum fb_loan_status {
    FB_LOAN_ACTIVE = 0,
    FB_LOAN_SETTLED,
    FB_LOAN_WRITTEN_OFF,
    FB_LOAN_STATUS_COUNT_
} fb_loan_status;
const char *fb_loan_status_name(fb_loan_status s);

/* The five-tier classification (金融资产风险分类办法): the last three are non-performing. */
typedef enum fb_loan_class {
    FB_CLASS_NONE = -1,       /* none: a loan settled or written off leaves the classes */
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

/* A facility's standing: only an active one may be drawn; an expired or closed one no longer
 * counts in its borrower's total credit. */
typedef enum fb_facility_status {
    FB_FACILITY_ACTIVE = 0, /* 有效 */
    FB_FACILITY_FROZEN,     /* 冻结: no drawdown or issue until unfrozen; still counts */
    FB_FACILITY_EXPIRED,    /* 已到期: its end date has passed (end of day marks it) */
    FB_FACILITY_CLOSED,     /* 已终止: closed by the bank; its undrawn limit returned */
    FB_FACILITY_STATUS_COUNT_
} fb_facility_status;
const char *fb_facility_status_name(fb_facility_status s);
int fb_facility_status_parse(const char *s, fb_facility_status *out);

/* What happens to a facility over its life (fb_facility_change). */
typedef enum fb_facility_change_kind {
    FB_FACILITY_RENEW = 0, /* 续授信: a later end date, and a new limit when given */
    FB_FACILITY_SET_LIMIT, /* 调整额度 */
    FB_FACILITY_FREEZE,    /* 冻结 */
    FB_FACILITY_UNFREEZE,  /* 解冻 */
    FB_FACILITY_CLOSE,     /* 终止 */
    FB_FACILITY_EXPIRE,    /* 到期: made by end of day, never asked for */
    FB_FACILITY_CHANGE_COUNT_
} fb_facility_change_kind;
const char *fb_facility_change_name(fb_facility_change_kind k);
int fb_facility_change_parse(const char *s, fb_facility_change_kind *out);

/* How a drawdown is paid out (个人贷款管理办法, 流动资金贷款管理办法: 受托支付). */
typedef enum fb_payment {
    FB_PAYMENT_SELF = 0,  /* 自主支付: into the borrower's deposit account */
    FB_PAYMENT_ENTRUSTED, /* 受托支付: by the bank to the borrower's named payee */
    FB_PAYMENT_COUNT_
} fb_payment;
const char *fb_payment_name(fb_payment p);
int fb_payment_parse(const char *s, fb_payment *out);

typedef enum fb_prepay {
    FB_PREPAY_NONE = 0,
    FB_PREPAY_REDUCE_TERM,        /* keep the installment, shorten the term */
    FB_PREPAY_REDUCE_INSTALLMENT, /* keep the term, lower the installment */
    FB_PREPAY_COUNT_
} fb_prepay;
const char *fb_prepay_name(fb_prepay p);
int fb_prepay_parse(const char *s, fb_prepay *out);

typedef enum fb_cert_status {
    FB_CERT_HELD = 0, /* held by a party */
    FB_CERT_FINANCED, /* sold to the bank, which holds it to maturity */
    FB_CERT_SPENT,    /* all of it was passed on: its range is empty */
    FB_CERT_SETTLED,  /* paid at maturity */
    FB_CERT_STATUS_COUNT_
} fb_cert_status;
const char *fb_cert_status_name(fb_cert_status s);

typedef enum fb_project_status {
    FB_PROJECT_PLANNED = 0,
    FB_PROJECT_UNDER_CONSTRUCTION,
    FB_PROJECT_IN_OPERATION,
    FB_PROJECT_STATUS_COUNT_
} fb_project_status;
const char *fb_project_status_name(fb_project_status s);

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
    /* floor: financing demands granted / decided, e6 */
    FB_MEASURE_DEMAND_MATCH_RATE_MIN,
    /* ceiling: median working days from a demand to its first drawdown, in halves of a day */
    FB_MEASURE_DEMAND_DAYS_TO_LOAN_MAX,
    /* Wealth finance (财富金融), from the bank's other systems by the daily feed: */
    FB_MEASURE_WEALTH_PRODUCTS,  /* fen of wealth-management products held by residents, a day's */
    FB_MEASURE_WEALTH_DEPOSITS,  /* fen of residents' deposits, a day's */
    FB_MEASURE_PENSION_ACCOUNTS, /* personal pension accounts opened in the period */
    /* The government's schemes (docs/schemes.md): floor on the region's pools' leverage used
     * (covered / leverage x balance, e6, at the close of the day); the compensation its pools paid
     * in the period and the subsidy its governments paid (fen); floor on the share of inclusive
     * lending guaranteed (the part guaranteed / the inclusive balance, e6, at the close). */
    FB_MEASURE_POOL_LEVERAGE_USED_MIN,
    FB_MEASURE_POOL_COMPENSATION,
    FB_MEASURE_SUBSIDY_PAID,
    FB_MEASURE_GUARANTEED_SHARE_MIN,
    FB_MEASURE_COUNT_
} fb_measure;
const char *fb_measure_name(fb_measure m);
/* What a measure counts, and so how its figures are written: fen, a count, a rate or a ratio in
 * millionths (a percent string on the doors), or working days in halves. */
typedef enum fb_measure_unit {
    FB_UNIT_MONEY = 0,
    FB_UNIT_COUNT,
    FB_UNIT_RATE,
    FB_UNIT_HALF_DAYS, /* working days, kept in halves (a median may fall between two) */
} fb_measure_unit;
fb_measure_unit fb_measure_unit_of(fb_measure m);

typedef enum fb_role {
    FB_ROLE_ADMIN = 0,    /* manages users, not money */
    FB_ROLE_BANK_OFFICER, /* everything of the bank */
    FB_ROLE_ENTERPRISE,   /* its own party's records */
    FB_ROLE_GOVERNMENT,   /* aggregates for its region and the major projects */
    FB_ROLE_AUDITOR,      /* reads everything, writes nothing */
    FB_ROLE_GUARANTOR,    /* a guarantee company: the loans it guarantees and their guarantees */
    FB_ROLE_COUNT_
} fb_role;
const char *fb_role_name(fb_role r);
int fb_role_parse(const char *s, fb_role *out);

/* The province's key-industry chains (DOMAIN.md); FB_CHAIN_NONE for a class in none. */
typedef enum fb_chain {
    FB_CHAIN_NONE = 0,
    FB_CHAIN_MACHINE_TOOLS,       /* 工业母机 */
    FB_CHAIN_AEROSPACE,           /* 航空航天 */
    FB_CHAIN_INTEGRATED_CIRCUITS, /* 集成电路 */
    FB_CHAIN_HIGH_END_EQUIPMENT,  /* 其他高端装备 */
    FB_CHAIN_PETROCHEMICALS,      /* 石化和精细化工 */
    FB_CHAIN_METALLURGY,          /* 冶金新材料 */
    FB_CHAIN_COUNT_
} fb_chain;

/* A financing demand's state (融资需求对接): each step once, in this order; granted, declined and
 * withdrawn close it. The values are also the steps' numbers. */
typedef enum fb_demand_status {
    FB_DEMAND_POSTED = 0, /* by the enterprise, a government, or the bank on their word */
    FB_DEMAND_ACCEPTED,   /* to an officer of the bank */
    FB_DEMAND_CONTACTED,  /* the officer has contacted the enterprise: the first response */
    FB_DEMAND_GRANTED,    /* credit granted: a facility of the enterprise, loans drawn under it */
    FB_DEMAND_DECLINED,   /* with a reason of the fixed list */
    FB_DEMAND_WITHDRAWN,  /* by whoever posted it (or the bank on its word) */
    FB_DEMAND_STATUS_COUNT_
} fb_demand_status;

/* Why the bank declines a demand: a fixed list, "other" with a text. */
typedef enum fb_decline_reason {
    FB_DECLINE_CASH_FLOW = 0,  /* insufficient cash flow */
    FB_DECLINE_NO_SECURITY,    /* no acceptable security */
    FB_DECLINE_CREDIT_RECORD,  /* the credit record */
    FB_DECLINE_OUTSIDE_POLICY, /* outside the bank's credit policy */
    FB_DECLINE_DOCUMENTS,      /* documents incomplete */
    FB_DECLINE_OTHER,          /* other: the text says what */
    FB_DECLINE_REASON_COUNT_
} fb_decline_reason;

/* The security a demand offers. */
typedef enum fb_security {
    FB_SECURITY_CREDIT = 0,          /* none: on credit (信用) */
    FB_SECURITY_GUARANTEE,           /* a guarantor (保证) */
    FB_SECURITY_MORTGAGE,            /* 抵押 */
    FB_SECURITY_PLEDGE,              /* 质押 */
    FB_SECURITY_FINANCING_GUARANTEE, /* a financing guarantee company (融资担保) */
    FB_SECURITY_COUNT_
} fb_security;

/* Who brought a demand: the enterprise itself, or a government (on its behalf, or from the
 * province's key-enterprise or major-project lists). */
typedef enum fb_demand_source {
    FB_SOURCE_ENTERPRISE = 0,
    FB_SOURCE_GOVERNMENT,
    FB_SOURCE_KEY_ENTERPRISES,
    FB_SOURCE_MAJOR_PROJECTS,
    FB_SOURCE_COUNT_
} fb_demand_source;

/* An act on a risk-compensation pool (风险补偿资金池): the government funds it, the bank covers a
 * loan under it, claims the pool's share of a loss, shares a recovery back. */
typedef enum fb_pool_act_kind {
    FB_POOL_FUND = 0,
    FB_POOL_COVER,
    FB_POOL_CLAIM,
    FB_POOL_SHARE_BACK,
    FB_POOL_ACT_COUNT_
} fb_pool_act_kind;
/* Why a covered loan was claimed: written off, or past the scheme's days overdue. */
typedef enum fb_pool_trigger {
    FB_TRIGGER_WRITTEN_OFF = 0,
    FB_TRIGGER_OVERDUE,
    FB_TRIGGER_COUNT_
} fb_pool_trigger;

/* An interest subsidy's mode: the bank charges the net rate and claims the subsidy, or the
 * borrower pays in full and the subsidy goes to its deposit account. */
typedef enum fb_subsidy_mode {
    FB_SUBSIDY_NET = 0,
    FB_SUBSIDY_DEPOSIT,
    FB_SUBSIDY_MODE_COUNT_
} fb_subsidy_mode;
typedef enum fb_subsidy_act_kind {
    FB_SUBSIDY_ENROL = 0,
    FB_SUBSIDY_CLAIM,
    FB_SUBSIDY_DECIDE,
    FB_SUBSIDY_PAY,
    FB_SUBSIDY_ACT_COUNT_
} fb_subsidy_act_kind;

/* Who bears a guaranteed loan's risk under the national scheme's split (国办发〔2019〕6号). */
typedef enum fb_guarantor {
    FB_GUARANTOR_COMPANY = 0, /* the guarantee company (原担保机构) */
    FB_GUARANTOR_NATIONAL,    /* the national financing guarantee fund (国家融资担保基金) */
    FB_GUARANTOR_PROVINCIAL,  /* the provincial re-guarantee (省级再担保机构) */
    FB_GUARANTOR_BANK,        /* the bank's own share */
    FB_GUARANTOR_COUNT_
} fb_guarantor;

/* A day a holiday notice lists: a day off, or a weekend day worked (调休上班). */
typedef enum fb_day_kind { FB_DAY_HOLIDAY = 0, FB_DAY_WORKDAY, FB_DAY_KIND_COUNT_ } fb_day_kind;
/* Why a debtor is in financial difficulty (金融资产风险分类办法 第十八条): a restructuring's
 * reason. An extension, renewal or refinancing to a debtor in difficulty is a restructuring
 * (第十七条); without one it is not. */
typedef enum fb_difficulty {
    FB_DIFFICULTY_NONE = 0,
    FB_DIFFICULTY_OVERDUE,        /* (一) principal, interest or yield overdue */
    FB_DIFFICULTY_CASH_SHORTFALL, /* (二) not overdue, but its cash flow will not meet the debt */
    FB_DIFFICULTY_NON_PERFORMING, /* (三) its debt is classified non-performing */
    FB_DIFFICULTY_NO_MARKET_FUNDING, /* (四) no other bank lends to it at a fair market rate */
    FB_DIFFICULTY_DELISTING,         /* (五) its listed securities face delisting */
    FB_DIFFICULTY_OTHER,             /* (六) another case the bank finds */
    FB_DIFFICULTY_COUNT_
} fb_difficulty;
const char *fb_difficulty_name(fb_difficulty d);
int fb_difficulty_parse(const char *s, fb_difficulty *out);

/* A change of a loan's terms after drawdown. */
typedef enum fb_change_kind {
    FB_CHANGE_EXTENSION = 0, /* 展期 (贷款通则 第十二条) */
    FB_CHANGE_RESTRUCTURING, /* 重组: new terms for a debtor in difficulty */
    FB_CHANGE_RENEWAL,       /* 无还本续贷: a small or micro borrower's loan renewed */
    FB_CHANGE_REFINANCING,   /* 借新还旧: a new loan repays the old */
    FB_CHANGE_KIND_COUNT_
} fb_change_kind;
const char *fb_change_kind_name(fb_change_kind k);
int fb_change_kind_parse(const char *s, fb_change_kind *out);

/* Why a loan's class is what it is, as its history records each change. */
typedef enum fb_class_reason {
    FB_REASON_DAYS_PAST_DUE = 0,  /* its days past due */
    FB_REASON_DEBTOR,             /* more than 10% of a non-retail debtor's claims non-performing */
    FB_REASON_OFFICER,            /* an officer's judgment (a downgrade, or an upgrade that held) */
    FB_REASON_RESTRUCTURED,       /* restructured: at least its class before, during observation */
    FB_REASON_OBSERVATION_MISSED, /* a payment missed in its observation period */
    FB_REASON_UPGRADE,            /* arrears repaid and paid on time long enough since */
    FB_REASON_REFINANCED,         /* repaid by new-for-old borrowing (借新还旧) */
    FB_REASON_MIGRATED,           /* the class the book held when it was migrated */
    FB_REASON_IMPORTED,           /* the class a bank's book brought in */
    FB_REASON_CROSS_BANK,         /* its debts at all banks, by its credit report */
    FB_REASON_COUNT_
} fb_class_reason;
const char *fb_class_reason_name(fb_class_reason r);

/* The vocabularies, for lookups by kind. */
typedef enum fb_vocab {
    FB_VOCAB_ROLE = 0,
    FB_VOCAB_LINE,
    FB_VOCAB_CHAIN,
    FB_VOCAB_CLASS,
    FB_VOCAB_LOAN_STATUS,
    FB_VOCAB_PARTY_KIND,
    FB_VOCAB_PROJECT_STATUS,
    FB_VOCAB_CERT_STATUS,
    FB_VOCAB_METHOD,
    FB_VOCAB_DAY_COUNT,
    FB_VOCAB_SIZE,
    FB_VOCAB_MEASURE,
    FB_VOCAB_PREPAY,
    FB_VOCAB_DEMAND_STATUS,
    FB_VOCAB_DECLINE_REASON,
    FB_VOCAB_SECURITY,
    FB_VOCAB_DEMAND_SOURCE,
    FB_VOCAB_DAY_KIND,
    FB_VOCAB_FACILITY_STATUS,
    FB_VOCAB_FACILITY_CHANGE,
    FB_VOCAB_PAYMENT,
    FB_VOCAB_DIFFICULTY,
    FB_VOCAB_CHANGE_KIND,
    FB_VOCAB_CLASS_REASON,
    FB_VOCAB_POOL_ACT,
    FB_VOCAB_POOL_TRIGGER,
    FB_VOCAB_SUBSIDY_MODE,
    FB_VOCAB_SUBSIDY_ACT,
    FB_VOCAB_GUARANTOR,
    FB_VOCAB_COUNT_
} fb_vocab;

/* A term of a vocabulary: its key on the doors and its labels. */
typedef struct fb_term {
    int value;
    const char *key; /* "supply_chain" */
    const char *zh;  /* "供应链金融" */
    const char *en;  /* "Supply-chain finance" */
} fb_term;

/* The terms of a vocabulary in value order, and their count (static storage). */
const fb_term *fb_vocab_terms(fb_vocab v, size_t *count);
/* The plural name of a vocabulary, as GET /v1/meta lists it ("lines"). */
const char *fb_vocab_name(fb_vocab v);
/* The key of a value, "unknown" outside the vocabulary. */
const char *fb_vocab_key(fb_vocab v, int value);
/* The value of a key: FB_OK, or FB_EINVAL for a key not in the vocabulary. */
int fb_vocab_parse(fb_vocab v, const char *key, int *value);

const char *fb_party_kind_name(fb_party_kind k);
int fb_party_kind_parse(const char *s, fb_party_kind *out);
int fb_loan_status_parse(const char *s, fb_loan_status *out);
int fb_loan_class_parse(const char *s, fb_loan_class *out);
int fb_cert_status_parse(const char *s, fb_cert_status *out);
int fb_project_status_parse(const char *s, fb_project_status *out);
int fb_measure_parse(const char *s, fb_measure *out);
const char *fb_chain_name(fb_chain c);
int fb_chain_parse(const char *s, fb_chain *out);
int fb_size_class_parse(const char *s, fb_size_class *out);

const char *fb_demand_status_name(fb_demand_status s);
const char *fb_decline_reason_name(fb_decline_reason r);
int fb_decline_reason_parse(const char *s, fb_decline_reason *out);
const char *fb_security_name(fb_security s);
int fb_security_parse(const char *s, fb_security *out);
const char *fb_demand_source_name(fb_demand_source s);
int fb_demand_source_parse(const char *s, fb_demand_source *out);
const char *fb_pool_act_name(fb_pool_act_kind k);
int fb_pool_act_parse(const char *s, fb_pool_act_kind *out);
const char *fb_pool_trigger_name(fb_pool_trigger t);
const char *fb_guarantor_name(fb_guarantor g);
int fb_guarantor_parse(const char *s, fb_guarantor *out);
const char *fb_subsidy_mode_name(fb_subsidy_mode m);
int fb_subsidy_mode_parse(const char *s, fb_subsidy_mode *out);
const char *fb_subsidy_act_name(fb_subsidy_act_kind k);
int fb_subsidy_act_parse(const char *s, fb_subsidy_act_kind *out);
int fb_pool_trigger_parse(const char *s, fb_pool_trigger *out);

/* ---- Working days: China's public holidays and adjusted working weekends ------------------ */

/* A year's holiday schedule as the State Council's notice (国务院办公厅关于部分节假日安排的通知)
 * publishes it: the days off and the weekend days worked. A working day is Monday to Friday, not
 * a day off, or a weekend day worked. The schedule comes from each year's notice, never from a
 * rule (2026's Spring Festival starts two days before New Year's Eve). */
typedef struct fb_calendar_year {
    int32_t year;
    char notice[FB_CALENDAR_NOTICE_MAX + 1]; /* the notice's number, or its title and date */
    int32_t holidays[FB_CALENDAR_DAYS_MAX];  /* days off, each once, within the year */
    size_t n_holidays;
    int32_t workdays[FB_CALENDAR_DAYS_MAX]; /* Saturdays and Sundays worked */
    size_t n_workdays;
} fb_calendar_year;

/* Checks a year's schedule: a year of the calendar, a notice named, every day within the year and
 * listed once, no day both off and worked, every day worked a Saturday or a Sunday. FB_EINVAL
 * with *field and the reason. */
int fb_calendar_year_check(const fb_calendar_year *y, const char **field, char *reason, size_t cap);
/* The schedules finbridge ships (2025 and 2026, from the notices: docs/demands.md): their count,
 * and the i-th into out. */
size_t fb_calendar_shipped_count(void);
void fb_calendar_shipped(size_t i, fb_calendar_year *out);

/* Which days are working days, FB_CALENDAR_FIRST_YEAR to FB_CALENDAR_LAST_YEAR: a bit a day. A
 * year is known when its schedule was added; an unknown year is refused (never guessed), unless
 * the calendar assumes weekdays (Monday to Friday) for it. The caller allocates it (4.7 KiB). */
#define FB_CALENDAR_YEARS (FB_CALENDAR_LAST_YEAR - FB_CALENDAR_FIRST_YEAR + 1)
#define FB_CALENDAR_WORDS ((FB_CALENDAR_YEARS * 366 + 63) / 64)
typedef struct fb_calendar {
    uint64_t working[FB_CALENDAR_WORDS]; /* bit d: the day d days after the first is worked */
    bool known[FB_CALENDAR_YEARS];       /* the year's schedule was added */
    bool assume_weekdays;                /* an unknown year counts Monday to Friday */
} fb_calendar;

/* An empty calendar: every weekday working, no year known. */
void fb_calendar_init(fb_calendar *c, bool assume_weekdays);
/* Adds a checked year (fb_calendar_year_check): FB_EINVAL when it is not valid or its year was
 * added before. */
int fb_calendar_add(fb_calendar *c, const fb_calendar_year *y);
/* Whether a year's schedule was added. */
bool fb_calendar_knows(const fb_calendar *c, int year);
/* Saturday or Sunday. */
bool fb_weekend(int32_t date);
/* Whether date is a working day. FB_ERANGE with *missing the year when it is not known (or
 * outside the calendar's years). */
int fb_calendar_working(const fb_calendar *c, int32_t date, bool *working, int *missing);
/* The working days after from, through to: d with from < d <= to (the first day is not counted,
 * as 民法典 art. 201 counts a period in days), 0 when to <= from. FB_ERANGE with *missing the
 * first year in between not known. O((to - from) / 64). */
int fb_calendar_count(const fb_calendar *c, int32_t from, int32_t to, int32_t *days, int *missing);
/* The date of the n-th working day after from (n >= 1; n = 0 gives from): the last day of a
 * period of n working days. FB_ERANGE with *missing as fb_calendar_count. */
int fb_calendar_advance(const fb_calendar *c, int32_t from, int32_t n, int32_t *date, int *missing);

/* ---- Order statistics of whole numbers (src/core/stats.c) ---------------------------------- */

/* Twice the median of v[0..n) (sorted in place): a median of whole numbers is a whole number or a
 * half, so twice it is whole; -1 when n is 0. */
int64_t fb_median_x2(int32_t *v, size_t n);
/* The p-th percentile (1..100) of v[0..n) by nearest rank (sorted in place): the smallest value
 * with at least p% of the values at or below it, v[ceil(p * n / 100) - 1]; -1 when n is 0. */
int64_t fb_percentile(int32_t *v, size_t n, int p);

/* The current time in nanoseconds since the epoch (CLOCK_REALTIME). */
int64_t fb_now_ns(void);

#endif
