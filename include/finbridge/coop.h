/* coop.h — the cooperation: major projects, agreements with their targets and progress, and the
 * reports from the running aggregates (docs/cooperation.md). */
#ifndef FINBRIDGE_COOP_H
#define FINBRIDGE_COOP_H

#include "finbridge/book.h"

/* ---- The cooperation: major projects, agreements, targets, progress ---------------------- */

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
int fb_projects_create(fb_book *book, const fb_project *v, size_t n, fb_project_result *out);
/* A project with what is approved, drawn and outstanding under it. */
int fb_project_get(fb_book *book, const char *id, fb_project *out);

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
int fb_list(fb_book *book, fb_list_kind kind, const char *filter, fb_list_id *ids, size_t cap,
            size_t *n);

/* Pages of the book's records for long reads such as an export (keyset paging): at most cap
 * (<= FB_PAGE_MAX) ids greater than `after` ("" = from the first), in id order, of the borrowers
 * of a region (0 = all, 210000 = the province's cities, or one city): a party's own city, a
 * facility's or loan's borrower's, a certificate part's core enterprise's. The next page starts
 * after the last id of this one; *n < cap on the last page. Read a book's pages inside
 * fb_book_read_begin/fb_book_read_end to see one state of it throughout. */
typedef enum fb_page_kind {
    FB_PAGE_PARTIES = 0,
    FB_PAGE_FACILITIES,
    FB_PAGE_LOANS,                    /* every loan, whatever its status */
    FB_PAGE_ACTIVE_LOANS,             /* loans not settled nor written off */
    FB_PAGE_CERTIFICATES_OUTSTANDING, /* parts held or financed, not settled, not passed on */
    FB_PAGE_COUNT_
} fb_page_kind;
int fb_page(fb_book *book, fb_page_kind kind, const char *after, int32_t region, fb_list_id *ids,
            size_t cap, size_t *n);

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
int fb_agreement_create(fb_book *book, const fb_agreement *a, bool *exists);
int fb_agreement_get(fb_book *book, const char *id, fb_agreement *out);

/* Progress on a target on a date, from the books. */
typedef struct fb_progress {
    fb_target target;
    int64_t achieved;
    int64_t percent_e2;         /* achieved / target, in hundredths of a percent */
    int64_t elapsed_percent_e2; /* of the agreement's period */
    bool ceiling;               /* the target is a ceiling */
    bool on_track;              /* ahead of the time elapsed, or under the ceiling */
    bool hidden;                /* a small cell: kept from the government (protected progress) */
    bool floor;                 /* the target is a floor: met when achieved is at least it */
} fb_progress;

/* Each target's progress on as_of (FB_EINVAL when as_of is after the business date's day before,
 * or outside the period). out has FB_TARGETS_MAX entries. */
int fb_agreement_progress(fb_book *book, const char *id, int32_t as_of, fb_progress *out,
                          size_t *n);

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
    /* For the protection of small cells (fb_report_credit_protected). */
    /* Distinct borrowers the row surely holds: over the borrowers' own groups (city, chain,
     * size: one borrower is in one), the sum of each group's largest finest cell. */
    int64_t borrowers_at_least;
    int64_t new_borrowers; /* distinct borrowers of new_fen; -1 when not counted */
    bool balance_hidden;   /* balance, loans and borrowers kept from the government */
    bool new_hidden;       /* new and new_loans kept from the government */
} fb_report_row;

/* Credit by the dimensions asked, on a closed day as_of (the cells copied at its close), with
 * new credit from `from` (0 = as_of alone), for the borrowers of a region (210000 = the
 * province's cities, or one city, 0 = all). A new array (*rows) the caller frees. FB_EINVAL
 * (errmsg) for a day not closed. */
int fb_report_credit(fb_book *book, int32_t as_of, int32_t from, unsigned dims, int32_t region,
                     fb_report_row **rows, size_t *n);

/* Moves between classes from `from` to `to`: the cells of fb_report_migration that hold loans,
 * from class -> to class, with their count and principal at `to`. */
typedef struct fb_class_move {
    int from_class, to_class;
    int64_t loans, balance_fen;
} fb_class_move;
int fb_report_moves(fb_book *book, int32_t from, int32_t to, fb_class_move *out, size_t cap,
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
int fb_report_two_increases(fb_book *book, int32_t as_of, int32_t region, fb_two_increases *out);

/* The largest borrowers by principal outstanding now (at most limit). */
typedef struct fb_exposure {
    char party[FB_PARTY_ID_MAX + 1];
    char name[FB_NAME_MAX + 1];
    int64_t principal_fen;
} fb_exposure;
int fb_report_exposures(fb_book *book, size_t limit, fb_exposure *out, size_t *n);
/* The same among the borrowers of a region (as fb_report_credit: 0 = all). */
int fb_report_exposures_in(fb_book *book, int32_t region, size_t limit, fb_exposure *out,
                           size_t *n);

/* ---- Provisions, quality and migration: the regulator's reports (quality.c) --------------- */

/* A row of the provisions report, by line, city, both, or the whole book (a dimension not asked
 * for is -1), from the provisions booked at a month-end. Ratios in millionths of the whole (a
 * percent with four decimals on the doors), -1 where the base is zero. */
typedef struct fb_provision_row {
    int32_t city;        /* a city code, 0 outside Liaoning's cities */
    int line;            /* fb_line */
    int64_t balance_fen; /* principal outstanding, every class */
    int64_t npl_fen;     /* of which non-performing */
    int64_t loans;
    int64_t borrowers_at_least; /* distinct borrowers the row surely holds (its largest cell) */
    int64_t specific_fen;       /* 专项准备: the class rates */
    int64_t general_fen;        /* 一般准备: the general rate */
    int64_t provision_fen;      /* the two: 贷款损失准备 */
    int64_t coverage_e6;        /* 拨备覆盖率 = provision / npl */
    int64_t ratio_e6;           /* 贷款拨备率 = provision / balance */
    int64_t required_fen;       /* the higher of the two floors' amounts (2011 rule 第七条) */
    int64_t shortfall_fen;      /* what the provision lacks of it, 0 when none */
    bool hidden;                /* a small cell: its figures kept from the government */
} fb_provision_row;

typedef struct fb_provision_report {
    int32_t date;              /* the month-end the provisions were booked at */
    int64_t coverage_floor_e6; /* the settings: 150% and 2.5% by default */
    int64_t ratio_floor_e6;
    fb_provision_row total;
    fb_provision_row *rows; /* a new array the caller frees */
    size_t n;
} fb_provision_report;

/* The provisions on the last month-end on or before as_of (0: the last one booked), by dims
 * (FB_BY_LINE, FB_BY_CITY, both, or 0 for the total alone), for the borrowers of a region (as
 * fb_report_credit). A government caller (protect) reads no figure of a row of fewer borrowers
 * than report_min_cell, nor of the row that would give one away by subtraction. FB_EINVAL
 * (errmsg) when no month-end has been provisioned by then. */
int fb_report_provisions(fb_book *book, int32_t as_of, unsigned dims, int32_t region, bool protect,
                         fb_provision_report *out);

/* The quality of the book by class and by age of arrears. */
typedef struct fb_quality_figures {
    int64_t balance_fen, loans, borrowers_at_least;
    int64_t overdue_fen;         /* principal overdue */
    int64_t offbal_interest_fen; /* 表外应收利息: interest owed off the balance sheet */
    int64_t offbal_penalty_fen;
    int64_t restructured_loans, restructured_fen; /* 重组贷款, counted apart */
    int64_t provision_fen; /* booked at the month-end (per class; -1 in buckets) */
    bool hidden;
} fb_quality_figures;

/* Age buckets of the days past due: 1-30, 31-90, 91-180, 181-360, over 360. */
#define FB_QUALITY_BUCKETS 5
typedef struct fb_quality_report {
    int32_t as_of;          /* a month-end, or the last day closed */
    int32_t provision_date; /* the month-end whose provisions are shown, 0 when none */
    fb_quality_figures classes[FB_CLASS_COUNT_];
    fb_quality_figures buckets[FB_QUALITY_BUCKETS];
    fb_quality_figures total;
} fb_quality_report;
/* The quality on as_of (0 = the last day closed): the last day closed, from the loans, or any
 * earlier month-end, from its copy. For a region, protected as fb_report_provisions. FB_EINVAL
 * (errmsg) for another day. */
int fb_report_quality(fb_book *book, int32_t as_of, int32_t region, bool protect,
                      fb_quality_report *out);

/* The migration of the book's loans between two closed days: each loan by its class at the close
 * of `from` and at the close of `to` (new: drawn after from; left: settled or written off by to),
 * with its principal at `to`; the classes' opening balances; and the regulator's migration rates
 * (正常类、关注类、次级类、可疑类贷款迁徙率 = what moved down / (opening less what left or was
 * repaid)), and 正常贷款迁徙率 (normal and special mention into non-performing). Rates in
 * millionths, -1 where the base is zero. */
typedef struct fb_migration {
    int32_t from, to;
    fb_class_move cells[FB_CLASS_COUNT_][FB_CLASS_COUNT_]; /* from class -> to class, at to */
    int64_t opening_loans[FB_CLASS_COUNT_], opening_fen[FB_CLASS_COUNT_];
    int64_t left_loans[FB_CLASS_COUNT_];                          /* settled or written off by to */
    int64_t new_loans[FB_CLASS_COUNT_], new_fen[FB_CLASS_COUNT_]; /* by class at to */
    int64_t remaining_fen[FB_CLASS_COUNT_]; /* opening less what was repaid, left, written off */
    int64_t down_fen[FB_CLASS_COUNT_];      /* ... of which in a lower class at to */
    int64_t rate_e6[FB_CLASS_COUNT_];       /* normal .. doubtful; loss: -1 */
    int64_t performing_rate_e6;             /* 正常贷款迁徙率 */
} fb_migration;
int fb_report_migration(fb_book *book, int32_t from, int32_t to, fb_migration *out);

/* ---- Small cells: what a government user reads (disclosure.c) ------------------------------ */

/* The fewest borrowers a cell of a report must hold for a government user to read its figures:
 * a setting of the book (`finbridge settings --report-min-cell N`), 1 (everything shown) to
 * FB_REPORT_MIN_CELL_MAX. */
#define FB_REPORT_MIN_CELL_DEFAULT 3
#define FB_REPORT_MIN_CELL_MAX 1000
int fb_report_min_cell(fb_book *book, int64_t *borrowers);
int fb_report_min_cell_set(fb_book *book, int64_t borrowers);

/* fb_report_credit as a government user of region (210000 or one of its cities) reads it: each
 * row's balance_hidden and new_hidden say which figures it may not read (a cell of fewer
 * borrowers than the minimum, or the complement that keeps such a cell from being had by
 * subtraction); new_borrowers counted. The same rows otherwise, in a new array. */
int fb_report_credit_protected(fb_book *book, int32_t as_of, int32_t from, unsigned dims,
                               int32_t region, fb_report_row **rows, size_t *n);

/* fb_report_two_increases as a government user of region reads it. */
typedef struct fb_two_increases_hidden {
    bool inclusive, inclusive_base; /* inclusive balance and borrowers, on as_of and the base */
    bool all, all_base;             /* every loan's balance */
} fb_two_increases_hidden;
int fb_report_two_increases_protected(fb_book *book, int32_t as_of, int32_t region,
                                      fb_two_increases *out, fb_two_increases_hidden *hidden);

/* fb_agreement_progress as a government user reads it: each target's hidden says whether its
 * achieved figure (and what follows from it) is kept from it. */
int fb_agreement_progress_protected(fb_book *book, const char *id, int32_t as_of, fb_progress *out,
                                    size_t *n);

#endif
