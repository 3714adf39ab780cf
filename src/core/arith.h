/* arith.h — exact integer arithmetic for interest: 128-bit products, a 256-bit multiply-divide, and
 * the one rounding rule (half up, 四舍五入). No float anywhere. */
#ifndef FB_CORE_ARITH_H
#define FB_CORE_ARITH_H

#include <stdint.h>

__extension__ typedef __int128 fb_i128;
__extension__ typedef unsigned __int128 fb_u128;

/* a * b / d, rounded down, with the product kept in 256 bits. d > 0. The caller knows the result
 * fits in 128 bits (asserted). */
fb_u128 fb__mul_div_u128(fb_u128 a, fb_u128 b, uint64_t d);

/* num / den rounded half up (away from zero at exactly one half), for num >= 0 and den > 0: the
 * only rounding of money in finbridge. */
fb_i128 fb__div_round_half_up(fb_i128 num, fb_i128 den);

/* What an installment of interest (>= 0) over [start, due) has accrued by the day open: its share
 * of the days, half up; 0 before it starts or when it has no days, all of it from due on. */
int64_t fb__accrual_share(int64_t interest, int64_t start, int64_t due, int64_t open);

#endif
