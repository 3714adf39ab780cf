/* classify.h — the rules a regulator holds a loan book to, as pure functions of plain integers
 * (docs/accounts.md, "Classification, non-accrual, provisions"):
 *   - a loan's class at each close: the floors its days past due, an officer, its restructuring
 *     and its debtor give, and the rule that a non-performing loan rises only when its arrears are
 *     repaid and it has paid on time since (金融资产风险分类办法, 中国银保监会
 * 中国人民银行令〔2023〕第1号);
 *   - the observation period of a restructured loan (第二十条);
 *   - the term classes and extension limits of 贷款通则 (第八条, 第十二条);
 *   - provisions, ratios and the migration rates, rounded half up in integers.
 * No I/O: the book loads a loan, decides here, and writes once. */
#ifndef FB_CORE_CLASSIFY_H
#define FB_CORE_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finbridge/core.h"

/* 贷款通则 第八条: short-term up to one year (inclusive), medium-term over one and up to five,
 * long-term over five. */
typedef enum fb__term_class {
    FB__TERM_SHORT = 0,
    FB__TERM_MEDIUM,
    FB__TERM_LONG,
} fb__term_class;
fb__term_class fb__term_class_of(int32_t months);
const char *fb__term_class_name(fb__term_class c); /* "short-term", ... */

/* 贷款通则 第十二条: the most months extensions may add in all to a loan of term_months: a
 * short-term loan its original term, a medium-term loan half of it (whole months, rounded down),
 * a long-term loan three years. */
int32_t fb__extension_max_months(int32_t term_months);

/* What a loan's class rests on at a close. */
typedef struct fb__class_in {
    int64_t dpd;           /* days past due on the day the class is for */
    int current;           /* fb_loan_class in force */
    int manual;            /* an officer's floor (0: none) */
    bool debtor_npl;       /* a non-retail debtor with more than 10% of its claims non-performing */
    bool observing;        /* restructured, in its observation period */
    int observation_floor; /* the class it may not rise above during it */
    bool missed;           /* ... raised by a payment missed in it */
    bool upgrade_ready;    /* a non-performing loan's conditions to rise hold */
    int64_t grace;         /* an overdue of at most this many days is a technical one (0..7) */
    int cross_bank;        /* a non-retail debtor's debts at all banks, by its credit report: 1
                              some more than 90 days overdue, 2 more than the share (0: neither) */
} fb__class_in;

/* The highest of the floors (days past due, the officer's, the observation's, the debtor's, its
 * debts at other banks: special mention when some are non-performing, substandard when more than
 * the share of them are more than 90 days overdue), and why. Days past due of at most `grace` give
 * no floor: the 2023 rule's 关注 list excepts an operational or technical short overdue (7天内)
 * from it, and a bank that sets the grace takes its short overdues as such. */
int fb__class_floor(const fb__class_in *in, fb_class_reason *why);

/* The class at the close: never below the floor; above it only where a rule holds it there — a
 * restructured loan does not rise during its observation period, and a non-performing loan does
 * not rise to special mention or normal until upgrade_ready (第六条 and the upgrade conditions of
 * the 2023 rule; within the non-performing classes it follows its days past due). *why says what
 * decided it (unchanged when the class is the current one). */
int fb__class_decide(const fb__class_in *in, fb_class_reason *why);

/* Whether a non-performing loan whose arrears (principal, interest, penalty, and what is off the
 * balance sheet) were all repaid on `cured`, with `ontime` installments paid on time since, may
 * rise on `date`: at least `periods` installments and `months` months after, whichever ends
 * later. cured 0: not cured. */
bool fb__upgrade_ready(int32_t cured, int64_t ontime, int32_t date, int64_t periods,
                       int64_t months);

/* The upgrade's third condition (金融资产风险分类办法 2023, upgrading a non-performing asset:
 * "债务人在本行已经没有发生信用减值的金融资产"): whether the debtor has a non-performing claim at
 * the bank other than the loan judged. npl is how many of its claims are non-performing by their
 * classes (at a close, the class each takes that day on its own), self_npl whether the loan judged
 * is one of them. The end of day and an officer's upgrade both ask it. */
bool fb__debtor_other_npl(int64_t npl, bool self_npl);

/* The end of an observation period that starts on `start` (the first repayment date under the
 * new terms, or the day a payment was missed): at least `months` months and `periods`
 * consecutive repayment dates, whichever ends later (第二十条). due[0..n) are the schedule's due
 * dates on or after start, in order; with fewer than `periods`, the last of them. */
int32_t fb__observation_end(int32_t start, int64_t months, int64_t periods, const int32_t *due,
                            size_t n);

/* balance x rate_e6 / 1e6, rounded half up: a provision at a rate in millionths of the whole. */
int64_t fb__provision(int64_t balance_fen, int64_t rate_e6);

/* num / den in millionths of the whole (a percent with four decimals), rounded half up; den > 0,
 * num >= 0. */
int64_t fb__ratio_e6(int64_t num, int64_t den);

#endif
