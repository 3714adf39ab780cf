/* scheme_report.h — what the government and the bank read of the schemes (scheme.h) on the
 * dashboard: the subsidy schemes one may see, a scheme's claims by quarter, and the guarantees by
 * the borrowers' city: the guaranteed balance, the bank's net exposure after the guarantees, and
 * what each guarantor owes and has paid. A government reads its region's; a cell of fewer
 * borrowers than the book's report_min_cell is null to it (src/book/disclosure.c's rule). */
#ifndef FINBRIDGE_SCHEME_REPORT_H
#define FINBRIDGE_SCHEME_REPORT_H

#include "finbridge/scheme.h"

/* The subsidy schemes as may see (a government: its region's), in id order after `after`. */
int fb_subsidies_list(fb_book *book, const fb_user *as, const char *after, fb_subsidy_view *out,
                      size_t cap, size_t *n);

/* A quarter's claim of a scheme, as it stands: its lines and what was decided of them. */
typedef struct fb_subsidy_claim_row {
    int32_t quarter; /* yyyyq */
    int32_t claimed; /* the day the bank claimed it */
    int32_t paid;    /* the day the government paid it (0: not yet) */
    int64_t lines, amount_fen;
    int64_t approved_lines, rejected_lines; /* the rest are undecided */
    int64_t approved_fen, rejected_fen;
    int64_t borrowers;
    bool suppressed; /* a government's: fewer borrowers than the minimum, the amounts hidden */
} fb_subsidy_claim_row;
/* The claims of the scheme id, the latest quarter first, at most cap; FB_ENOTFOUND when the
 * scheme is not one as may see. */
int fb_subsidy_claims_list(fb_book *book, const fb_user *as, const char *id,
                           fb_subsidy_claim_row *out, size_t cap, size_t *n);

/* The guarantees of one city (or, city == the region, all of the region's), as they stand. */
typedef struct fb_guarantee_row {
    int32_t city;
    int64_t guarantees, borrowers;
    int64_t principal_fen;                     /* the guaranteed loans' principal outstanding */
    int64_t guaranteed_fen;                    /* of it, the part guaranteed */
    int64_t net_exposure_fen;                  /* what the bank bears after the guarantees */
    int64_t claims, basis_fen, bank_share_fen; /* claims made, their basis, the bank's part */
    int64_t owed_fen[3], paid_fen[3], returned_fen[3]; /* company, national fund, provincial */
    int64_t overdue;                                   /* guarantees with a part unpaid past due */
    bool suppressed; /* a government's: too few borrowers, or the complement of such a city */
} fb_guarantee_row;
/* The region's cities' rows in city order, then the region's total (city = the region: 210000
 * for the bank and the auditor); at most cap (the 14 cities and the total fit
 * FB_GUARANTEE_ROWS_MAX). A government's region is its own. */
int fb_guarantee_report(fb_book *book, const fb_user *as, fb_guarantee_row *out, size_t cap,
                        size_t *n);

/* The schemes as of a closed day (docs/schemes.md "As of a day"): each close keeps every pool's,
 * subsidy scheme's and the guarantees' figures. The check answers FB_EINVAL (the message in
 * fb_book_errmsg) when as_of is not a day closed or is before the first close that kept them.
 * The readers below take as_of 0 for the book as it stands; as of a day, a scheme made after it
 * is not in a list and is FB_ENOTFOUND alone. The as_of of a pool's view is the day. */
int fb_schemes_day_check(fb_book *book, int32_t as_of);
int fb_pool_view_on(fb_book *book, const char *id, int32_t as_of, fb_pool_view *out);
int fb_pools_list_on(fb_book *book, const fb_user *as, const char *after, int32_t as_of,
                     fb_pool_view *out, size_t cap, size_t *n);
int fb_subsidy_view_on(fb_book *book, const char *id, int32_t as_of, fb_subsidy_view *out);
int fb_subsidies_list_on(fb_book *book, const fb_user *as, const char *after, int32_t as_of,
                         fb_subsidy_view *out, size_t cap, size_t *n);
int fb_guarantee_report_on(fb_book *book, const fb_user *as, int32_t as_of, fb_guarantee_row *out,
                           size_t cap, size_t *n);

/* A guarantee company's own figures, its guarantees' as they stand on the business date: what
 * the guarantor role's first screen shows (GET /v1/guarantors/{id}). */
typedef struct fb_guarantor_summary {
    char company[FB_PARTY_ID_MAX + 1];
    char name[FB_NAME_MAX + 1];                  /* the company's */
    int64_t guarantees, active, claims, overdue; /* active: of a loan still outstanding */
    int64_t principal_fen;                       /* the guaranteed loans' principal outstanding */
    int64_t guaranteed_fen;                      /* of it, the part guaranteed */
    int64_t share_fen; /* of that, the company's own share (as a claim would split it) */
    int64_t fees_fen;  /* the fees the borrowers paid it: ahead, and collected of accrued */
    int64_t basis_fen; /* the principal guaranteed the claims were made on */
    int64_t owed_fen, paid_fen, returned_fen; /* its part of the claims (代偿), paid, given back */
} fb_guarantor_summary;
/* The company's (a party's id) summary; FB_ENOTFOUND when it is no party or not one as may read
 * (a guarantor: its own company alone; the bank and the auditor any). */
int fb_guarantor_summary_get(fb_book *book, const fb_user *as, const char *company,
                             fb_guarantor_summary *out);

/* An enterprise's loan enrolled in an interest-subsidy scheme: the scheme's terms, and what the
 * loan accrued, what the government paid (approved lines of paid claims), rejected, and what is
 * pending (accrued less paid and rejected; of it, claimed: in a claim not yet paid). */
typedef struct fb_party_subsidy {
    char loan[FB_ID_MAX + 1];
    char scheme[FB_POOL_ID_MAX + 1];
    char name[FB_POOL_NAME_MAX + 1];
    fb_subsidy_mode mode;
    int64_t points_e6, share_e6;
    int32_t start, until; /* the days it accrues: [start, until) */
    int64_t committed_fen, accrued_fen, paid_fen, rejected_fen, pending_fen, claimed_fen;
} fb_party_subsidy;
/* The party's enrolled loans in loan order, at most cap; FB_ENOTFOUND for no such party. */
int fb_party_subsidies(fb_book *book, const char *party, fb_party_subsidy *out, size_t cap,
                       size_t *n);

/* A claim's line as a reader sees it (GET /v1/subsidies/{id}/lines): its id (the enrolment's,
 * stable, naming no loan), days, amount and decision, and the borrower's size class, line of
 * business and city. withheld: a government reading a borrower whose identity the disclosure
 * rule keeps from it (fb_disclosure_names_borrower): the loan is "" then. */
typedef struct fb_subsidy_line_view {
    fb_subsidy_line l;
    int64_t id;
    fb_size_class size;
    fb_line line;
    int32_t city;
    bool withheld;
} fb_subsidy_line_view;
/* The lines of the scheme's claim of the quarter as may read them, in loan order, at most cap;
 * FB_ENOTFOUND when the scheme is not one as may see or has no claim of the quarter. */
int fb_subsidy_claim_lines_as(fb_book *book, const fb_user *as, const char *scheme, int32_t quarter,
                              fb_subsidy_line_view *out, size_t cap, size_t *n);
/* The small-cell rule on the schemes a government reads (book/scheme_cells.c): a pool, or a
 * subsidy scheme, whose figures fewer distinct borrowers than report_min_cell are behind (covered
 * or enrolled by the close of as_of; 0: as the book stands) is suppressed: its figures from the
 * loans are zero and `suppressed` set (null on the door); and when one alone of the schemes the
 * user may see would be, the one of fewest borrowers of the others too. The bank and the auditor
 * (as NULL or not a government) read every figure. */
int fb_pools_protect(fb_book *book, const fb_user *as, int32_t as_of, fb_pool_view *v, size_t n);
int fb_subsidies_protect(fb_book *book, const fb_user *as, int32_t as_of, fb_subsidy_view *v,
                         size_t n);
/* Whether a government may read the name, code and loans of a borrower of this size class: a
 * large or medium enterprise's; never a small or micro one's (docs/api.md). */
bool fb_disclosure_names_borrower(fb_size_class size);

#endif
