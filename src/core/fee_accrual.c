/* fee_accrual.c — a fee accrued day by day with the remainder below the fen carried
 * (fee_accrual.h). */
#include "core/fee_accrual.h"

#include <stddef.h>

#include "core/arith.h"
#include "core/assert.h"

int64_t fb__fee_carry_start(int64_t year_days) {
    FB_ASSERT(year_days >= 360 && year_days <= 366);
    return year_days * 1000000 / 2;
}

int64_t fb__fee_day(int64_t base_fen, int64_t rate_e6, int64_t year_days, int64_t *carry) {
    FB_ASSERT(carry != NULL && base_fen >= 0 && rate_e6 >= 0);
    FB_ASSERT(year_days >= 360 && year_days <= 366 && *carry >= 0);
    fb_i128 den = (fb_i128)year_days * 1000000;
    fb_i128 num = (fb_i128)base_fen * rate_e6 + *carry;
    *carry = (int64_t)(num % den);
    return (int64_t)(num / den);
}
