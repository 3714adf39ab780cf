/* scheme.h — the government's schemes on the bank's books: risk-compensation pools
 * (风险补偿资金池). A government funds a pool at the bank; the bank covers eligible loans under
 * it, up to a leverage cap on the pool's balance; when a covered loan is written off or passes a
 * number of days overdue, the pool pays the bank its share of the principal lost; what the bank
 * recovers afterwards goes back to the pool in the same proportion. New coverage stops while the
 * covered loans' non-performing ratio is above the scheme's ceiling. Every number is a field of
 * the scheme, its default a setting (docs/schemes.md). */
#ifndef FINBRIDGE_SCHEME_H
#define FINBRIDGE_SCHEME_H

#include "finbridge/access.h"
#include "finbridge/book.h"

/* ---- Risk-compensation pools -------------------------------------------------------------- */

typedef struct fb_pool {
    char id[FB_ID_MAX + 1];
    char name[FB_POOL_NAME_MAX + 1];
    int32_t region; /* the government that funds it: 210000 (the province) or a city */
    uint32_t lines; /* the eligible lines: bit 1 << fb_line; 0 every line */
    uint32_t sizes; /* the eligible size classes of the borrower: bit 1 << fb_size_class; 0 all */
    int64_t borrower_cap_fen; /* the most covered per borrower (0: none) */
    /* The government list the borrower must be on (the province's, or the pool's city's: a
     * demand posted from it, demand.h): FB_SOURCE_KEY_ENTERPRISES or FB_SOURCE_MAJOR_PROJECTS;
     * FB_SOURCE_ENTERPRISE (0) any enterprise. */
    fb_demand_source listed;
    /* The rules; 0 given: the book's setting (pool_leverage, pool_share, pool_overdue_days,
     * pool_npl_ceiling) copied into the scheme when it is created. */
    int64_t leverage;       /* covered balance <= leverage x the pool's balance */
    int64_t share_e6;       /* the pool's share of a principal loss, and of its recoveries */
    int64_t overdue_days;   /* a covered loan this many days past due may be claimed */
    int64_t npl_ceiling_e6; /* above this covered NPL ratio new coverage is suspended */
    int32_t created;        /* the business date it was created */
    int64_t created_ns;
} fb_pool;

/* What an operation on a pool did: done, or the rule that refused it (nothing written). */
typedef enum fb_pool_result {
    FB_POOL_DONE = 0,
    FB_POOL_EXISTS,                /* the same was done before */
    FB_POOL_EXISTS_WITH_DIFFERENT, /* `field` differs */
    FB_POOL_NOT_FOUND,
    FB_POOL_OUTSIDE_REGION,   /* a government writes the pools of its region only */
    FB_POOL_NOT_YOURS,        /* the act is the bank's (cover, claim, share back) */
    FB_POOL_NO_BUSINESS_DATE, /* no day is open yet */
    FB_POOL_LOAN_NOT_FOUND,
    FB_POOL_LOAN_NOT_ACTIVE,      /* cover: a settled or written-off loan */
    FB_POOL_LINE_NOT_ELIGIBLE,    /* cover: the loan's line is not the scheme's */
    FB_POOL_SIZE_NOT_ELIGIBLE,    /* cover: the borrower's size class is not the scheme's */
    FB_POOL_EXCEEDS_BORROWER_CAP, /* cover: the borrower's covered balance would pass the cap */
    FB_POOL_EXCEEDS_LEVERAGE,     /* cover: the covered balance would pass leverage x balance */
    FB_POOL_SUSPENDED,            /* cover: the covered NPL ratio is above the ceiling */
    FB_POOL_COVERED_ELSEWHERE,    /* cover: the loan is covered by a pool already */
    FB_POOL_NOT_COVERED,          /* claim, share back: the loan is not covered by this pool */
    FB_POOL_NOT_CLAIMABLE,        /* claim: neither written off nor overdue_days past due */
    FB_POOL_CLAIMED,              /* claim: claimed before (a loan is claimed once) */
    FB_POOL_INSUFFICIENT_BALANCE, /* claim: the pool holds less than the compensation */
    FB_POOL_NOT_CLAIMED,          /* share back: nothing was compensated */
    FB_POOL_NOTHING_RECOVERED,    /* share back: no recovery since the claim is owed back */
    FB_POOL_NOT_LISTED,           /* cover: the borrower is not on the scheme's list */
} fb_pool_result;
const char *fb_pool_result_name(fb_pool_result r);

typedef struct fb_pool_outcome {
    fb_pool_result result;
    const char *field; /* the field the rule concerns */
    int64_t bound;     /* the bound it was measured against: a cap's room left in fen, a ceiling
                          in e6 (the ratio beside it in `value`) */
    int64_t value;
} fb_pool_outcome;

/* Checks a scheme's fields (FB_EINVAL with *field and reason). */
int fb_pool_check(const fb_pool *p, const char **field, char *reason, size_t cap);
/* Creates a pool (idempotent by id): the bank any region's, a government its own region's. Opens
 * its accounts (pool:<id>:fund, :paid, :returned). */
int fb_pool_create(fb_book *book, const fb_user *as, fb_pool *p, fb_pool_outcome *out);
/* Creates up to FB_PARTY_BATCH_MAX pools in one transaction, one outcome each (FB_ELIMIT past
 * it). */
int fb_pools_create(fb_book *book, const fb_user *as, fb_pool *p, size_t n, fb_pool_outcome *out);
int fb_pool_get(fb_book *book, const char *id, fb_pool *out);

/* An act on a pool. */
typedef struct fb_pool_act {
    char pool[FB_ID_MAX + 1];
    fb_pool_act_kind kind;
    char id[FB_ID_MAX + 1];   /* fund: the funding's id (idempotent) */
    char loan[FB_ID_MAX + 1]; /* cover, claim, share back */
    int64_t amount_fen;       /* fund: given; claim and share back: what moved */
    int32_t date;             /* the business date */
    fb_pool_trigger trigger;  /* claim: written off or overdue */
    int64_t basis_fen;        /* claim: the principal lost it compensates */
} fb_pool_act;

/* Checks an act's own fields. */
int fb_pool_act_check(const fb_pool_act *a, const char **field, char *reason, size_t cap);
/* Makes one act, dated the business date, in one unit of work; refused by the first rule it
 * breaks. fund: the government's money credited to pool:<id>:fund; cover: the loan covered;
 * claim: the pool pays the bank share x the principal lost (written off: what was written off
 * and not recovered; overdue: the principal outstanding); share back: the pool's share of what
 * was recovered since the claim goes back to it. */
int fb_pool_act_make(fb_book *book, const fb_user *as, fb_pool_act *a, fb_pool_outcome *out);

/* A pool as it stands on the business date. */
typedef struct fb_pool_view {
    fb_pool p;
    int32_t as_of;
    int64_t funded_fen;                 /* every funding */
    int64_t balance_fen;                /* funded - paid + returned: pool:<id>:fund */
    int64_t covered_loans, covered_fen; /* the covered loans active now, their principal */
    int64_t capacity_fen;               /* leverage x balance */
    int64_t multiple_e6;                /* covered / balance, millionths (-1: no balance) */
    int64_t leverage_used_e6;           /* covered / capacity (-1: no capacity) */
    int64_t npl_fen;                    /* of covered_fen, the non-performing */
    int64_t npl_ratio_e6;               /* npl / covered (-1: none covered) */
    bool suspended;                     /* npl_ratio above the ceiling */
    int64_t claims, paid_fen;           /* claims paid, what they paid */
    int64_t returned_fen;               /* recoveries shared back */
    bool suppressed; /* a government's: too few borrowers behind it (scheme_report.h) */
} fb_pool_view;
int fb_pool_view_get(fb_book *book, const char *id, fb_pool_view *out);
/* Whether as (NULL: the bank) may see the pool: the bank and the auditor every one, a
 * government those of its region. */
bool fb_pool_visible(const fb_pool *p, const fb_user *as);
/* The pools as may see, in id order after `after`: at most cap views. */
int fb_pools_list(fb_book *book, const fb_user *as, const char *after, fb_pool_view *out,
                  size_t cap, size_t *n);

/* ---- Interest subsidies (财政贴息) ---------------------------------------------------------
 *
 * A government's scheme pays part of the interest of eligible loans: percentage points a year on
 * the principal outstanding, or a share of the contract interest, for a term from the loan's
 * enrolment, within a cap per borrower and a budget. End of day accrues each enrolled loan's day
 * (principal x rate / the setting subsidy_year_days, the remainder below the fen carried) into
 * the scheme's receivable from the government. Mode net: the bank charges the borrower the net
 * rate (the loan is drawn at it) and the subsidy is the bank's income; mode deposit: the borrower
 * pays in full and the subsidy, once the government pays, goes to its deposit account. The bank
 * claims a closed quarter: a line per loan with its days and amount; the government approves or
 * rejects each line; its payment clears the receivable (a rejected line is reversed). A loan is
 * enrolled only while the subsidy it may earn over its term fits the budget left, so accruals
 * never pass the budget. */

typedef struct fb_subsidy {
    char id[FB_POOL_ID_MAX + 1];
    char name[FB_POOL_NAME_MAX + 1];
    int32_t region; /* the government that pays it: 210000 or a city */
    uint32_t lines; /* eligible lines (bit 1 << fb_line; 0 all) */
    uint32_t sizes; /* eligible size classes of the borrower (0 all) */
    fb_subsidy_mode mode;
    int64_t points_e6;        /* percentage points a year on the principal (1.0000 = 10000) ... */
    int64_t share_e6;         /* ... or a share of the contract rate: exactly one of the two */
    int32_t months;           /* from the enrolment */
    int64_t borrower_cap_fen; /* the most subsidy per borrower (0: none) */
    int64_t budget_fen;
    int32_t created;
    int64_t created_ns;
    /* Only the enterprises on this government list (a technology-SME list, the equipment-renewal
     * list: the key_enterprises or major_projects a government keeps, as a pool's): ENTERPRISE
     * for any. */
    fb_demand_source listed;
} fb_subsidy;

typedef enum fb_subsidy_result {
    FB_SUBSIDY_DONE = 0,
    FB_SUBSIDY_EXISTS,
    FB_SUBSIDY_EXISTS_WITH_DIFFERENT,
    FB_SUBSIDY_NOT_FOUND,
    FB_SUBSIDY_OUTSIDE_REGION,
    FB_SUBSIDY_NOT_YOURS,
    FB_SUBSIDY_NO_BUSINESS_DATE,
    FB_SUBSIDY_LOAN_NOT_FOUND,
    FB_SUBSIDY_LOAN_NOT_ACTIVE,
    FB_SUBSIDY_LINE_NOT_ELIGIBLE,
    FB_SUBSIDY_SIZE_NOT_ELIGIBLE,
    FB_SUBSIDY_ENROLLED_ELSEWHERE,
    FB_SUBSIDY_EXCEEDS_BUDGET,       /* enrol: what it may earn passes the budget left */
    FB_SUBSIDY_EXCEEDS_BORROWER_CAP, /* enrol: ... or the borrower's cap left */
    FB_SUBSIDY_QUARTER_OPEN,         /* claim: the quarter is not closed yet */
    FB_SUBSIDY_NOTHING_TO_CLAIM,
    FB_SUBSIDY_CLAIM_NOT_FOUND,
    FB_SUBSIDY_NOT_IN_CLAIM,          /* decide: the loan is not a line of the claim */
    FB_SUBSIDY_LINE_DECIDED,          /* decide: decided before, otherwise */
    FB_SUBSIDY_UNDECIDED,             /* pay: a line is not decided yet */
    FB_SUBSIDY_PAID,                  /* decide, pay: the claim is paid */
    FB_SUBSIDY_NET_RATE_NOT_POSITIVE, /* enrol, mode net: the subsidy is not below the rate */
    FB_SUBSIDY_NO_NET_INSTALLMENT,    /* enrol, mode net: nothing left to charge in the term */
    FB_SUBSIDY_NOT_LISTED,            /* enrol: the borrower is on no list the scheme names */
} fb_subsidy_result;
const char *fb_subsidy_result_name(fb_subsidy_result r);

typedef struct fb_subsidy_outcome {
    fb_subsidy_result result;
    const char *field;
    int64_t bound, value; /* exceeds_budget / exceeds_borrower_cap: the room left, the ask;
                           * net_rate_not_positive: the loan's contract rate, the subsidy's
                           * points on it (rate_e6) */
} fb_subsidy_outcome;

int fb_subsidy_check(const fb_subsidy *s, const char **field, char *reason, size_t cap);
/* Creates a scheme (idempotent by id): the bank any, a government its region's. */
int fb_subsidy_create(fb_book *book, const fb_user *as, fb_subsidy *s, fb_subsidy_outcome *out);
/* Creates up to FB_PARTY_BATCH_MAX schemes in one transaction, one outcome each. */
int fb_subsidies_create(fb_book *book, const fb_user *as, fb_subsidy *s, size_t n,
                        fb_subsidy_outcome *out);
int fb_subsidy_get(fb_book *book, const char *id, fb_subsidy *out);

/* An act on a scheme: enrol a loan (the bank), claim a quarter (the bank), decide a line (the
 * government: approve or reject), pay a claim (the government or the bank on its word). */
typedef struct fb_subsidy_act {
    char scheme[FB_POOL_ID_MAX + 1];
    fb_subsidy_act_kind kind;
    char loan[FB_ID_MAX + 1]; /* enrol, decide */
    int32_t quarter;          /* claim, decide, pay: the quarter as yyyyq (20251 = 2025 Q1) */
    bool approve;             /* decide */
    int32_t date;             /* the business date */
    int64_t amount_fen;       /* enrol: what it may earn; claim: the lines' sum; pay: approved */
    int64_t lines;            /* claim: its lines */
    int64_t line;             /* decide: the line's id instead of its loan (scheme_report.h) */
    /* enrol done, mode net: the rate the borrower is charged from net_from on (docs/schemes.md,
     * "The net rate"). */
    int64_t net_rate_e6;
    int32_t net_from;
} fb_subsidy_act;

int fb_subsidy_act_make(fb_book *book, const fb_user *as, fb_subsidy_act *a,
                        fb_subsidy_outcome *out);

/* A claim's line: a loan's days and amount of the quarter, and the government's decision. */
typedef struct fb_subsidy_line {
    char loan[FB_ID_MAX + 1];
    int32_t days;
    int64_t amount_fen;
    int decision; /* 0 undecided, 1 approved, 2 rejected */
} fb_subsidy_line;
/* The lines of a scheme's claim of a quarter, at most cap, in loan order. */
int fb_subsidy_claim_lines(fb_book *book, const char *scheme, int32_t quarter, fb_subsidy_line *out,
                           size_t cap, size_t *n);

typedef struct fb_subsidy_view {
    fb_subsidy s;
    int64_t enrolled;       /* loans */
    int64_t committed_fen;  /* what they may earn over their terms: within the budget */
    int64_t accrued_fen;    /* accrued so far */
    int64_t receivable_fen; /* accrued, not yet paid or rejected */
    int64_t paid_fen, rejected_fen;
    int64_t budget_left_fen; /* budget - committed */
    bool suppressed;         /* a government's: too few borrowers behind it (scheme_report.h) */
} fb_subsidy_view;
int fb_subsidy_view_get(fb_book *book, const char *id, fb_subsidy_view *out);

/* ---- Government financing guarantees (政府性融资担保) ---------------------------------------
 *
 * A guarantee company (a party of the book) guarantees a share of a loan; the risk of the part
 * guaranteed is split between the company, the national financing guarantee fund, the
 * provincial re-guarantee and the bank (default 4:2:2:2, each share a setting, the four summing
 * to exactly 100%). When the loan defaults (written off, or the setting guarantee_default_days
 * past due) the bank claims: each guarantor owes its share of the principal guaranteed (代偿),
 * half up, the remainder to the company so that the parts sum exactly, due within the
 * guarantee's days; each pays its part once, posted on the ledger. */

typedef struct fb_guarantee {
    char id[FB_POOL_ID_MAX + 1];
    char loan[FB_ID_MAX + 1];
    char company[FB_PARTY_ID_MAX + 1];     /* the guarantee company, a party */
    int64_t covered_e6;                    /* the share of the loan guaranteed (0: 100%) */
    int64_t split_e6[FB_GUARANTOR_COUNT_]; /* all 0: the settings; else summing to 1e6 */
    int64_t fee_e6;                        /* a year, on the part guaranteed (0: the setting) */
    int32_t pay_days;                      /* to pay a claim (0: the setting) */
    int32_t created;
} fb_guarantee;

typedef enum fb_guarantee_result {
    FB_GUARANTEE_DONE = 0,
    FB_GUARANTEE_EXISTS,
    FB_GUARANTEE_EXISTS_WITH_DIFFERENT,
    FB_GUARANTEE_NOT_FOUND,
    FB_GUARANTEE_NO_BUSINESS_DATE,
    FB_GUARANTEE_LOAN_NOT_FOUND,
    FB_GUARANTEE_LOAN_NOT_ACTIVE,
    FB_GUARANTEE_COMPANY_NOT_FOUND,
    FB_GUARANTEE_GUARANTEED_ALREADY,  /* a loan has one guarantee */
    FB_GUARANTEE_NOT_DEFAULTED,       /* claim: neither written off nor past the days */
    FB_GUARANTEE_NOT_CLAIMED,         /* pay: no claim yet */
    FB_GUARANTEE_NOTHING_OWED,        /* pay: the bank owes itself nothing */
    FB_GUARANTEE_NOTHING_RECOVERED,   /* share back: no recovery since the claim is owed back */
    FB_GUARANTEE_INSUFFICIENT_FUNDS,  /* fee: the borrower's deposit holds less than the fee */
    FB_GUARANTEE_CLAIMED,             /* fee: the guarantee was claimed on, it is over */
    FB_GUARANTEE_COMPANY_IS_BORROWER, /* a company does not guarantee its own loan */
    FB_GUARANTEE_ACCRUING,            /* fee: the year's days already accrue day by day */
} fb_guarantee_result;
const char *fb_guarantee_result_name(fb_guarantee_result r);

/* Checks a guarantee's fields: the split must sum to exactly 100.0000% (field "split"). */
int fb_guarantee_check(const fb_guarantee *g, const char **field, char *reason, size_t cap);
/* Creates a guarantee (the bank), its rules not given from the settings. */
int fb_guarantee_create(fb_book *book, fb_guarantee *g, fb_guarantee_result *result);

/* A guarantee as it stands: the claim (0 before), what each guarantor owes and paid. */
typedef struct fb_guarantee_view {
    fb_guarantee g;
    int64_t principal_fen;    /* the loan's outstanding now */
    int64_t net_exposure_fen; /* what the bank bears of it after the guarantee */
    int32_t claimed, due;     /* the claim's day and its last day to pay */
    int64_t basis_fen;        /* the principal guaranteed claimed on */
    int64_t owed_fen[FB_GUARANTOR_COUNT_], paid_fen[FB_GUARANTOR_COUNT_];
    bool overdue;         /* a part unpaid past its due day */
    int64_t exposure_fen; /* the loan's exposure when claimed (principal + written off -
                             recovered): what it recovers since is measured from it */
    int64_t returned_fen[FB_GUARANTOR_COUNT_]; /* recoveries shared back to each guarantor */
    int64_t returns;                           /* in this many share-backs */
    int32_t fee_years;                         /* the years of the guarantee its fee was charged */
    int64_t fees_fen, fee_last_fen;            /* every fee charged, and the last */
    /* The fee accrued day by day (docs/schemes.md "The fee"): what accrued, what the borrower's
     * deposit paid of it, the last day accrued (0: none), the first collection day a part was
     * left unpaid (0: nothing unpaid) and the days since (by the business date). */
    int64_t fee_accrued_fen, fee_collected_fen;
    int32_t fee_day, fee_unpaid_since, fee_unpaid_days;
} fb_guarantee_view;
int fb_guarantee_view_get(fb_book *book, const char *id, fb_guarantee_view *out);
/* The guarantee company's fee for the guarantee's year now running (the k-th from its creation,
 * by the business date): the fee rate x the part guaranteed of the principal outstanding, half
 * up, paid by the borrower to the company: its deposit account to the company's (gf:<id>:<k>,
 * code 914). Once a year: the same year again answers exists with the fee charged. Refused
 * loan_not_active (the guarantee ends with its loan), claimed, insufficient_funds (*available
 * what the borrower's deposit holds). */
int fb_guarantee_charge_fee(fb_book *book, const char *id, int64_t *fee_fen, int32_t *year,
                            int64_t *available, fb_guarantee_result *result);
/* Whether as (NULL: the bank) may see the guarantee: the bank and the auditor every one, a
 * guarantor (a guarantee company's user) those of its company, no one else. */
bool fb_guarantee_visible(const fb_guarantee *g, const fb_user *as);
/* Whether the company (a party's id) guarantees the loan: what a guarantor may read of loans. */
int fb_loan_guaranteed_by(fb_book *book, const char *loan, const char *company, bool *yes);
/* The guarantees as may see, in id order after `after`: at most cap views. */
int fb_guarantees_list(fb_book *book, const fb_user *as, const char *after, fb_guarantee_view *out,
                       size_t cap, size_t *n);
/* The bank claims on a defaulted guaranteed loan: each guarantor's part becomes owed. */
int fb_guarantee_claim(fb_book *book, const char *id, fb_guarantee_view *out,
                       fb_guarantee_result *result);
/* A guarantor pays its part (代偿), once; the bank's own share is never paid. */
int fb_guarantee_pay(fb_book *book, const char *id, fb_guarantor who, int64_t *paid_fen,
                     fb_guarantee_result *result);
/* What the bank recovered of the loan since the claim, shared back to the guarantors who paid:
 * each its share of the recovery of the part guaranteed, half up, never more than it paid, less
 * what went back before; *returned_fen the sum. */
int fb_guarantee_share_back(fb_book *book, const char *id, int64_t *returned_fen,
                            fb_guarantee_result *result);
/* The same, what went back to each of the three guarantors (fb_guarantor order) into
 * returned_fen (all 0 when refused). */
int fb_guarantee_share_back_parts(fb_book *book, const char *id,
                                  int64_t returned_fen[FB_GUARANTOR_BANK],
                                  fb_guarantee_result *result);

#endif
