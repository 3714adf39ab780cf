/* fee_accrual.h — a fee accrued day by day (a government financing guarantee's 担保费,
 * docs/schemes.md "The fee"): each day's fee in integer fen with what is below the fen carried, so
 * that the days' fees always sum to the period's fee rounded half up to the fen. */
#ifndef FB_CORE_FEE_ACCRUAL_H
#define FB_CORE_FEE_ACCRUAL_H

#include <stdint.h>

/* The carry a fee starts with: half the day's divisor (year_days x 10^6), so that the days' fees
 * summed are the exact fee rounded half up, not down. */
int64_t fb__fee_carry_start(int64_t year_days);
/* One day's fee on base_fen at rate_e6 a year of year_days days: (base x rate + *carry) /
 * (year_days x 10^6), the remainder left in *carry. After n days from fb__fee_carry_start the fees
 * sum to sum(base_d x rate) / (year_days x 10^6) rounded half up (to the fen, exactly). */
int64_t fb__fee_day(int64_t base_fen, int64_t rate_e6, int64_t year_days, int64_t *carry);

#endif
