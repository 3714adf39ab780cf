/* allocate.h — how a payment is divided among what a loan owes, and what the loan stands at
 * afterwards (docs/accounts.md, "Servicing"). Pure functions of plain integers, no I/O: the book
 * loads a loan's subject once, decides here, and writes the outcome once.
 *
 * The repayment order (DOMAIN.md, "Overdue loans"): penalty and compound interest, then the
 * oldest installment fallen due (its interest, then its principal), on to the newest; then, when
 * the borrower asks for it, a payoff (all principal and the interest accrued to the day) or a
 * prepayment of the principal after the running installment, the rest of the schedule rebuilt.
 * Penalty is kept for the loan as a whole, not per installment, so it is settled first.
 *
 * A loan more than 90 days overdue or non-performing accrues off the balance sheet (表外): the
 * order of the parts stays the same, and within penalty and within interest the money settles
 * what is off the balance sheet first (the default, offbal_first) or what is on it first (the
 * order of some banks' own rules): the off-balance part is income only when it is collected.
 *
 * Every function asserts its preconditions and its outcome (FB_ASSERT, on in release): principal
 * never below zero, the parts of an allocation adding up to the amount, nothing paid beyond what an
 * installment owes, what is due matching the schedule, and the schedule's principal plus what was
 * prepaid equal to the amount drawn. */
#ifndef FB_CORE_ALLOCATE_H
#define FB_CORE_ALLOCATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finbridge/core.h"
#include "finbridge/limits.h"

/* A loan's servicing position: the fields of its running state (store/book_rows.h,
 * FB_LOAN_STATE_FIELDS) that servicing decides, with the same names and units, so that one list
 * copies them in and out. Amounts in fen, dates in days since 1970-01-01. */
#define FB__ALLOC_POSITION_FIELDS(X)                                                               \
    X(status)        /* fb_loan_status */                                                          \
    X(principal)     /* outstanding */                                                             \
    X(penalty_due)   /* penalty and compound interest owed (the loan's penalty account) */         \
    X(interest_due)  /* interest fallen due and unpaid */                                          \
    X(due_total)     /* interest and principal of every installment fallen due */                  \
    X(due_paid)      /* ... of which paid */                                                       \
    X(oldest_n)      /* the oldest installment not fully paid (cur_n when none) */                 \
    X(oldest_paid)   /* what is paid of it */                                                      \
    X(oldest_due)    /* its due date, 0 when nothing is overdue */                                 \
    X(cur_n)         /* the running installment; n_count + 1 once all have fallen due */           \
    X(n_count)       /* installments in the schedule */                                            \
    X(period_start)  /* of the running installment */                                              \
    X(due_date)      /* of the running installment */                                              \
    X(cur_interest)  /* of the running installment */                                              \
    X(cur_principal) /* of the running installment */                                              \
    X(prepaid)       /* principal prepaid out of the schedule */                                   \
    X(written_off)   /* principal written off */                                                   \
    X(recovered)     /* recovered after the write-off */                                           \
    X(nonaccrual)    /* 1: interest and penalty accrue off the balance sheet (非应计) */        \
    X(oi_due)        /* of interest_due, what is off the balance sheet (表外应收利息) */     \
    X(oi_run)        /* accruing again: the running installment's accrual kept off balance */      \
    X(op_due)        /* penalty and compound interest owed off the balance sheet */

typedef struct fb__alloc_position {
#define FB_X_(name) int64_t name;
    FB__ALLOC_POSITION_FIELDS(FB_X_)
#undef FB_X_
} fb__alloc_position;

/* A payment to allocate, and what the allocation needs to know beyond the position. */
typedef struct fb__alloc_request {
    int64_t amount_fen;  /* to apply, at least 0 */
    fb_prepay prepay;    /* what to do with money beyond what is due */
    int32_t date;        /* the payment's day: a payoff's last installment falls due on it */
    int64_t accrued_fen; /* interest of the running installment accrued to `date` */
    int64_t drawn_fen;   /* the amount the loan drew, with interest capitalised since */
    bool offbal_first;   /* what is off the balance sheet is settled before what is on it */
    /* The terms a prepayment rebuilds the rest of the schedule with. */
    int64_t rate_e6;
    fb_method method;
    int repayment_day; /* 1..31, 0 for the start date's */
    fb_day_count day_count;
    /* Installments sched[0..sched_n), numbered on from sched[0].n: at least every one from
     * oldest_n (n_count when smaller) through cur_n - 1 (n_count when larger); for a prepayment
     * the whole schedule, 1 through n_count. */
    const fb_installment *sched;
    size_t sched_n;
} fb__alloc_request;

/* What the allocation paid of one installment fallen due (or made due by a payoff). */
typedef struct fb__alloc_item {
    int32_t n;
    int64_t interest_owed_fen; /* before the payment */
    int64_t interest_paid_fen;
    int64_t principal_owed_fen;
    int64_t principal_paid_fen;
} fb__alloc_item;

typedef enum fb__alloc_kind {
    FB__ALLOC_DUE = 0,    /* what had fallen due only */
    FB__ALLOC_PAYOFF,     /* ... and the whole loan: the running installment became the last */
    FB__ALLOC_PREPAYMENT, /* ... and principal of later installments, the schedule rebuilt */
} fb__alloc_kind;

/* An allocation: the amounts, the new position, and the schedule's changes. About 45 KiB: the
 * caller allocates it. */
typedef struct fb__allocation {
    int64_t penalty_fen;      /* paid of penalty and compound interest */
    int64_t interest_fen;     /* paid of interest (a payoff's accrued interest included) */
    int64_t principal_fen;    /* paid of principal, prepaid_fen included */
    int64_t prepaid_fen;      /* ... of which beyond the running installment's principal */
    int64_t unapplied_fen;    /* left with the borrower */
    int64_t penalty_off_fen;  /* of penalty_fen, what was off the balance sheet */
    int64_t interest_off_fen; /* of interest_fen, what was off the balance sheet */
    fb__alloc_kind kind;
    int64_t payoff_interest_fen;     /* a payoff's accrued interest: it falls due today ... */
    int64_t payoff_interest_off_fen; /* ... of which off the balance sheet */
    fb__alloc_position after;
    int32_t maturity; /* the loan's maturity date afterwards; 0 when unchanged */
    /* The installments from number replace_from on become replaced[0..replaced_n), numbered on
     * from replace_from (replace_from 0: the schedule is unchanged). */
    int32_t replace_from;
    size_t replaced_n;
    fb_installment replaced[FB_LOAN_MONTHS_MAX];
    /* The installments the payment reached, oldest first. */
    size_t items_n;
    fb__alloc_item items[FB_LOAN_MONTHS_MAX];
} fb__allocation;

/* Decides how req->amount_fen settles what an active loan at *before owes, in the repayment
 * order, into *out (the caller's). Returns FB_OK, or FB_EINVAL when the schedule a prepayment
 * rebuilds is refused (*field and *why say why; *out is then not to be used). Work: the
 * installments overdue, plus for a prepayment that keeps the installment about log2(months)
 * schedules built. */
int fb__allocate(const fb__alloc_position *before, const fb__alloc_request *req,
                 fb__allocation *out, const char **field, const char **why);

/* Rebuilding the rest of a schedule: balance_fen of principal over at most `months` installments
 * from `start`. reduce_term (equal installment and equal principal) takes the fewest months whose
 * first installment is no more than keep_payment_fen (equal installment) or whose principal is no
 * more than keep_principal_fen (equal principal); otherwise all the months. */
typedef struct fb__rebuild {
    int64_t balance_fen;
    int32_t months;
    int32_t start; /* the first rebuilt installment's period start */
    int64_t rate_e6;
    fb_method method;
    int repayment_day;
    fb_day_count day_count;
    fb_prepay mode;
    int64_t keep_payment_fen;
    int64_t keep_principal_fen;
} fb__rebuild;

/* Builds the rebuilt installments into out[0..*n) (cap at least FB_LOAN_MONTHS_MAX), numbered
 * from 1; none when nothing is left to spread (balance or months 0). Returns FB_OK or FB_EINVAL
 * with *field and *why. */
int fb__schedule_rebuild(const fb__rebuild *rb, fb_installment *out, size_t cap, size_t *n,
                         const char **field, const char **why);

/* A rebuilt schedule s[0..n) keeps the contract's maturity (issue 11 item 8, as
 * fb_schedule_build does for a new one): its last installment falls on `maturity`, not on the
 * repayment day, the broken period to it counted by days. maturity 0, or n 0: unchanged. */
void fb__schedule_end_on(fb_installment *s, size_t n, int32_t maturity, int64_t rate_e6,
                         fb_day_count day_count);

/* A write-off of a loss loan: what it owes (penalty, interest due and accrued_fen, principal)
 * goes, and the position becomes written off. What is on the balance sheet goes against the
 * loan-loss provision; what is off it leaves the memo ledger. */
typedef struct fb__write_off {
    int64_t penalty_fen; /* on the balance sheet */
    int64_t interest_fen;
    int64_t principal_fen;
    int64_t penalty_off_fen; /* off it */
    int64_t interest_off_fen;
} fb__write_off;
void fb__alloc_write_off(fb__alloc_position *x, int64_t accrued_fen, fb__write_off *out);

/* A recovery of amount_fen on a written-off loan: at most what was written off and not yet
 * recovered (the caller refuses more). */
void fb__alloc_recover(fb__alloc_position *x, int64_t amount_fen);

#endif
