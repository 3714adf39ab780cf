/* reterm.h — new terms for a loan after drawdown, decided in memory: an extension (展期), a
 * restructuring (重组), a renewal (无还本续贷) or a refinancing (借新还旧) (docs/accounts.md,
 * "Restructuring, extension and renewal"). Pure functions of plain integers over the loan's
 * position and schedule (core/allocate.h), no I/O: the book loads, decides here, writes once.
 *
 * Two shapes:
 *   - an extension keeps the running installment (its dates and interest; its principal too
 *     when installments follow it) and spreads the principal after it over the installments
 *     left plus the months added, from its due date, at the rate in force; at a new rate
 *     (new_rate) the running installment is first cut at the date: [its start, date) keeps the
 *     interest accrued at the rate before and falls due, [date, its due date) runs at the new
 *     rate on the principal not yet due, counted by days;
 *   - the others cut the running installment at the date (its interest accrued to the date
 *     falls due now, its principal goes on), spread all the principal — the overdue principal
 *     included, and with `capitalise` the interest and penalty owed (利息转为本金) — over a new
 *     term from the date, and leave in the installments fallen due only what they still owe of
 *     interest (none when capitalised).
 * Either way the schedule's principal and what was prepaid make the amount drawn and what was
 * capitalised (asserted), and what is due matches the installments fallen due. */
#ifndef FB_CORE_RETERM_H
#define FB_CORE_RETERM_H

#include "core/allocate.h"

typedef struct fb__reterm {
    fb_change_kind kind;
    int32_t date;     /* the business date */
    int32_t months;   /* extension: the months added; otherwise the new term from date */
    int64_t rate_e6;  /* from date on (an extension: the rate in force, or with new_rate another) */
    fb_method method; /* of the rebuilt installments */
    int repayment_day; /* 1..31 */
    fb_day_count day_count;
    bool capitalise;             /* restructuring: interest and penalty owed become principal */
    int64_t accrued_fen;         /* the running installment's interest accrued to date */
    int64_t drawn_fen;           /* the amount drawn and the interest capitalised before */
    const fb_installment *sched; /* the whole schedule, 1..n_count */
    size_t sched_n;
    /* An extension at another rate from the date (贷款通则 第十四条, or a fixed-rate loan's new
     * contract rate): the running installment is cut at the date, its interest accrued to it at
     * the rate before falling due then, and the rest of it and what follows run at rate_e6. */
    bool new_rate;
} fb__reterm;

typedef struct fb__reterm_out {
    fb__alloc_position after;
    int64_t cut_interest_fen;     /* the running installment's accrual that fell due at the cut */
    int64_t cut_interest_off_fen; /* ... of which off the balance sheet */
    int64_t capitalised_interest_fen;
    int64_t capitalised_penalty_fen;
    int64_t rescheduled_principal_fen; /* overdue principal spread over the new installments */
    int32_t first_due;                 /* the first repayment date under the new terms */
    int32_t maturity;                  /* the last installment's due date */
    /* The installments from replace_from on become replaced[0..replaced_n). */
    int32_t replace_from;
    size_t replaced_n;
    fb_installment replaced[FB_LOAN_MONTHS_MAX];
    fb_installment built[FB_LOAN_MONTHS_MAX]; /* scratch: the new installments as built */
} fb__reterm_out;

/* Decides the new terms of an active loan at *before into *out (the caller's, about 45 KiB).
 * Returns FB_OK, or FB_EINVAL with *field and *why when the schedule cannot be built (a rate out
 * of bounds) or would hold more than FB_LOAN_MONTHS_MAX installments. The caller has checked what
 * the rules ask (limits, eligibility, nothing off the balance sheet when capitalising). Work: one
 * schedule built, and the installments fallen due and unpaid. */
int fb__reterm_apply(const fb__alloc_position *before, const fb__reterm *req, fb__reterm_out *out,
                     const char **field, const char **why);

#endif
