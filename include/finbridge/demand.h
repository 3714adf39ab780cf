/* demand.h — financing demands and the bank's answer (融资需求对接): an enterprise, or a government
 * on its behalf or from the province's lists, posts what it needs; the bank accepts it to an
 * officer, contacts the enterprise and grants credit (a facility, and the loans drawn under it),
 * declines it with a reason of a fixed list, or it is withdrawn. Every step is dated, made once
 * and audited; service levels are counted in working days on the book's calendar of China's
 * public holidays; the measures over any period are by city, chain, line and size
 * (docs/demands.md). */
#ifndef FINBRIDGE_DEMAND_H
#define FINBRIDGE_DEMAND_H

#include "finbridge/access.h"
#include "finbridge/coop.h"

/* ---- The book's calendar of working days -------------------------------------------------- */

/* The book's calendar: the years finbridge ships, the years the operator loaded, and for the
 * years with neither, the setting calendar_assume_weekdays (Monday to Friday) or none at all. */
int fb_book_calendar(fb_book *book, fb_calendar *out);

typedef enum fb_calendar_result {
    FB_CALENDAR_LOADED = 0,
    FB_CALENDAR_EXISTS,                /* the same year's notice is there (shipped or loaded) */
    FB_CALENDAR_EXISTS_WITH_DIFFERENT, /* the year is there with other days: never replaced */
} fb_calendar_result;
const char *fb_calendar_result_name(fb_calendar_result r);

/* Loads a year's notice (checked: fb_calendar_year_check) into the book, in its own unit of
 * work. FB_EINVAL (errmsg) for a year that does not check. */
int fb_calendar_load(fb_book *book, const fb_calendar_year *y, fb_calendar_result *result);
/* A year's notice as the book holds it: FB_OK (*shipped says whether finbridge ships it), or
 * FB_ENOTFOUND. */
int fb_calendar_get(fb_book *book, int year, fb_calendar_year *out, bool *shipped);

/* ---- Demands ------------------------------------------------------------------------------- */

typedef struct fb_demand {
    /* Given. */
    char id[FB_ID_MAX + 1];
    char party[FB_PARTY_ID_MAX + 1]; /* the enterprise (or individual business) */
    int64_t amount_fen;              /* what it asks for */
    char purpose[FB_DEMAND_TEXT_MAX + 1];
    int32_t months; /* the term asked */
    fb_line line;
    fb_security security;
    bool consent; /* the enterprise lets the government see the demand */
    fb_demand_source source;
    char project[FB_ID_MAX + 1];                 /* major_projects: the project it finances */
    char recommendation[FB_DEMAND_TEXT_MAX + 1]; /* a government's */
    int32_t posted;                              /* 0 = the business date */
    /* Derived when posted. */
    int32_t region; /* a government's demand: the region of the government that posted it */
    int32_t city;   /* the enterprise's city (its prefecture outside Liaoning) */
    fb_chain chain; /* its key-industry chain */
    fb_size_class size;
    int32_t response_days, decision_days; /* the service levels promised, working days */
    int32_t response_due, decision_due;   /* their last days */
    /* The steps: their dates (0 until made) and what each said. */
    fb_demand_status status;
    int32_t accepted;
    char officer[FB_DEMAND_OFFICER_MAX + 1];
    int32_t contacted;
    char note[FB_DEMAND_TEXT_MAX + 1];
    int32_t decided; /* granted or declined */
    char facility[FB_FACILITY_ID_MAX + 1];
    int64_t granted_fen;
    fb_decline_reason reason;
    char reason_text[FB_DEMAND_TEXT_MAX + 1];
    int32_t withdrawn;
    fb_role withdrawn_by;
    char withdraw_text[FB_DEMAND_TEXT_MAX + 1];
    int64_t created_ns;
} fb_demand;

/* A step of a demand after its posting. */
typedef struct fb_demand_step {
    char demand[FB_ID_MAX + 1];
    fb_demand_status step; /* accepted, contacted, granted, declined or withdrawn */
    int32_t date;          /* 0 = the business date */
    char officer[FB_DEMAND_OFFICER_MAX + 1]; /* accepted: to whom */
    char text[FB_DEMAND_TEXT_MAX + 1];       /* contacted: a note; declined (other): what;
                                                withdrawn: why */
    char facility[FB_FACILITY_ID_MAX + 1];   /* granted: the enterprise's facility */
    int64_t amount_fen;                      /* granted: the credit granted */
    fb_decline_reason reason;                /* declined */
    /* Set by the book: a refusal measured against a figure: before_ and after_business_date the
     * business date, before_last_step the date of the step it follows (days), exceeds_facility
     * the facility's limit (fen). */
    int64_t against;
} fb_demand_step;

/* What posting a demand or making a step did: done, or the rule that refused it. */
typedef enum fb_demand_result {
    FB_DEMAND_DONE = 0,
    FB_DEMAND_EXISTS,                /* the same was done before */
    FB_DEMAND_EXISTS_WITH_DIFFERENT, /* posted before with other content (`field`) */
    FB_DEMAND_NOT_FOUND,
    FB_DEMAND_PARTY_NOT_FOUND,
    FB_DEMAND_PROJECT_NOT_FOUND,
    FB_DEMAND_SOURCE_NOT_YOURS, /* an enterprise posts its own; a government for others */
    FB_DEMAND_OUTSIDE_REGION,   /* a government posts for enterprises of its region only */
    FB_DEMAND_NO_BUSINESS_DATE, /* no day is open yet: the step needs its date */
    FB_DEMAND_BEFORE_BUSINESS_DATE,
    FB_DEMAND_AFTER_BUSINESS_DATE,
    FB_DEMAND_NO_CALENDAR,         /* no holiday notice for a year its levels run into */
    FB_DEMAND_CLOSED,              /* granted, declined or withdrawn: a demand closes once */
    FB_DEMAND_STEP_TAKEN,          /* this step was made before, with other content */
    FB_DEMAND_OUT_OF_ORDER,        /* contact before acceptance, a decision before contact */
    FB_DEMAND_BEFORE_LAST_STEP,    /* dated before the step it follows */
    FB_DEMAND_FACILITY_NOT_FOUND,  /* granted: no such facility */
    FB_DEMAND_FACILITY_OF_ANOTHER, /* granted: the facility is not the demand's enterprise's */
    FB_DEMAND_EXCEEDS_FACILITY,    /* granted more than the facility's limit */
    FB_DEMAND_NOT_POSTER,          /* withdrawn by other than who posted it (or the bank) */
} fb_demand_result;
const char *fb_demand_result_name(fb_demand_result r);

typedef struct fb_demand_outcome {
    fb_demand_result result;
    const char *field; /* exists_with_different: the field that differs */
    int year;          /* no_calendar: the year without a holiday notice */
    int64_t against;   /* before_ or after_business_date: the business date it was measured by */
} fb_demand_outcome;

/* Checks a demand's given fields (FB_EINVAL with *field and reason): an id, a party, an amount
 * above 0, a purpose, a term of 1 to FB_LOAN_MONTHS_MAX months, a recommendation only from a
 * government, a project for the major-project list. */
int fb_demand_check(const fb_demand *d, const char **field, char *reason, size_t cap);
/* Checks a step's fields: accepted names its officer, granted its facility and an amount above
 * 0, declined a reason (other: with its text). */
int fb_demand_step_check(const fb_demand_step *s, const char **field, char *reason, size_t cap);

/* Who asks: NULL is the bank (the command line); otherwise the user, whose role and party or
 * region decide what it may post, withdraw and see. */
/* Posts up to FB_DEMAND_BATCH_MAX checked demands in one transaction, one outcome each
 * (idempotent by id): each dated the business date (before the first end of day: its own date,
 * required), with its levels' last days counted on the book's calendar. */
int fb_demands_post(fb_book *book, const fb_user *as, fb_demand *v, size_t n,
                    fb_demand_outcome *out);
/* Makes one step (checked), refused by the first rule it breaks, in a fixed order: not found
 * (or not the caller's to see), a date not the business date, closed, taken, out of order,
 * before the last step, the step's own rules. The same step again answers exists. */
int fb_demand_step_make(fb_book *book, const fb_user *as, fb_demand_step *s,
                        fb_demand_result *result);
/* A demand: FB_OK or FB_ENOTFOUND. */
int fb_demand_get(fb_book *book, const char *id, fb_demand *out);
/* Whether as (NULL: the bank) may see d: the bank and the auditor every demand, an enterprise
 * its own, a government those of its region that a government posted or whose enterprise
 * consented. */
bool fb_demand_visible(const fb_demand *d, const fb_user *as);

/* A demand as it stands on a day (the business date): its levels counting down, the credit
 * drawn under its facility since it was granted. */
typedef struct fb_demand_view {
    fb_demand d;
    int32_t as_of;            /* the day told (the business date; 0: none open yet) */
    bool awaiting_response;   /* open and not contacted */
    bool awaiting_decision;   /* open */
    int32_t response_left;    /* working days to the response's last day (< 0: past) */
    int32_t decision_left;    /* ... to the decision's */
    bool left_known;          /* the calendar counts them (false: a year is missing) */
    bool response_overdue;    /* awaiting a response past its last day */
    bool decision_overdue;    /* awaiting a decision past its last day */
    int32_t days_to_response; /* working days from posting to contact (-1: none) */
    int32_t days_to_decision; /* ... to the decision (-1: none) */
    int32_t first_drawdown;   /* granted: the first loan under the facility since (0) */
    int32_t days_to_loan;     /* working days from posting to it (-1: none) */
    int64_t loans;            /* loans drawn under the facility since the grant */
    int64_t drawn_fen;        /* what they drew */
} fb_demand_view;
int fb_demand_view_get(fb_book *book, const char *id, fb_demand_view *out);
/* The ids of the loans drawn under a granted demand's facility since its grant, in order, at
 * most cap. */
int fb_demand_loans(fb_book *book, const char *id, fb_list_id *ids, size_t cap, size_t *n);

/* Which demands a list holds. */
typedef enum fb_demand_filter {
    FB_DEMANDS_ALL = 0,
    FB_DEMANDS_OPEN,   /* posted, accepted or contacted: the bank's queue */
    FB_DEMANDS_CLOSED, /* granted, declined or withdrawn */
} fb_demand_filter;
/* The demands as may see, of the filter, in the order posted, after the demand `after` ("" from
 * the first): at most cap (<= FB_PAGE_MAX) views into out. */
int fb_demands_list(fb_book *book, const fb_user *as, fb_demand_filter filter, const char *after,
                    fb_demand_view *out, size_t cap, size_t *n);

/* ---- Measures of demands --------------------------------------------------------------------
 *
 * Of the demands received (posted) from `from` to as_of, as they stand at the end of as_of, by
 * any of city, chain, line and size (FB_BY_...). Counts, sums and ratios are integers: a ratio
 * in millionths of the whole (a percent with four decimals on the doors), -1 when its
 * denominator is 0; a median of working days in halves (a whole number or a half), -1 when there
 * is none; the 90th percentile by nearest rank, a whole number of working days. */
typedef struct fb_demand_row {
    int32_t city; /* as fb_report_row: -1 / "*" for a dimension not asked */
    char chain[32];
    int line, size;
    int64_t enterprises; /* distinct enterprises of the demands received */
    int64_t received, requested_fen;
    int64_t response_due;       /* received whose first response was made, or due, by as_of */
    int64_t responded_in_level; /* contacted on or before the response's last day */
    int64_t response_overdue;   /* open, not contacted, past its last day on as_of */
    int64_t open, granted, declined, withdrawn, decided; /* decided: granted + declined */
    int64_t decided_in_level, decision_overdue;
    int64_t decided_requested_fen, granted_fen; /* what the decided asked, what was granted */
    int64_t response_rate_e6;                   /* responded_in_level / response_due */
    int64_t match_rate_e6;                      /* granted / decided */
    int64_t amount_rate_e6;                     /* granted_fen / decided_requested_fen */
    int64_t decision_median_x2, decision_p90;   /* working days from posting to the decision */
    int64_t drawn;                              /* granted with a first drawdown by as_of */
    int64_t loan_median_x2, loan_p90;           /* working days from posting to it */
    int64_t declines[FB_DECLINE_REASON_COUNT_];
    bool hidden; /* a small cell: kept from the government (fb_report_demands_protected) */
} fb_demand_row;

/* Demands by the dimensions asked (city, chain, line, size; not class) from `from` (0: the
 * first demand's day) to a closed day as_of, for the enterprises of a region (0 all, 210000 the
 * province's cities, or one city). A new array (*rows) the caller frees. FB_EINVAL (errmsg) for a
 * day not closed, a period the wrong way round, or a year without a calendar. */
int fb_report_demands(fb_book *book, int32_t from, int32_t as_of, unsigned dims, int32_t region,
                      fb_demand_row **rows, size_t *n);
/* The same as a government user of region (210000 or a city) reads it: a row of fewer distinct
 * enterprises than the book's report_min_cell is hidden, and in each line of rows along a
 * dimension that holds exactly one hidden row, one more (book/disclosure.c's rule); the
 * province's table cut to the region. */
int fb_report_demands_protected(fb_book *book, int32_t from, int32_t as_of, unsigned dims,
                                int32_t region, fb_demand_row **rows, size_t *n);

#endif
