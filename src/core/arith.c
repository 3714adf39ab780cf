/* arith.c — see arith.h. */
#include "core/arith.h"

#include "core/assert.h"

fb_u128 fb__mul_div_u128(fb_u128 a, fb_u128 b, uint64_t d) {
    FB_ASSERT(d > 0);
    /* The 256-bit product in four 64-bit limbs, least significant first. */
    uint64_t x[2] = {(uint64_t)a, (uint64_t)(a >> 64)};
    uint64_t y[2] = {(uint64_t)b, (uint64_t)(b >> 64)};
    uint64_t p[4] = {0, 0, 0, 0};
    for (int i = 0; i < 2; i++) {
        fb_u128 carry = 0;
        for (int j = 0; j < 2; j++) {
            fb_u128 t = (fb_u128)x[i] * y[j] + p[i + j] + carry;
            p[i + j] = (uint64_t)t;
            carry = t >> 64;
        }
        p[i + 2] = (uint64_t)carry;
    }
    /* Long division by a 64-bit divisor, most significant limb first. */
    uint64_t q[4];
    fb_u128 rem = 0;
    for (int i = 3; i >= 0; i--) {
        fb_u128 cur = rem << 64 | p[i];
        q[i] = (uint64_t)(cur / d);
        rem = cur % d;
    }
    FB_ASSERT(q[2] == 0 && q[3] == 0);
    return (fb_u128)q[1] << 64 | q[0];
}

fb_i128 fb__div_round_half_up(fb_i128 num, fb_i128 den) {
    FB_ASSERT(num >= 0 && den > 0);
    fb_i128 q = num / den, r = num % den;
    return 2 * r >= den ? q + 1 : q;
}

int64_t fb__accrual_share(int64_t interest, int64_t start, int64_t due, int64_t open) {
    int64_t days = due - start, k = open - start;
    if (days <= 0 || k <= 0) return 0;
    if (k > days) k = days;
    FB_ASSERT(interest >= 0 && k >= 1 && k <= days);
    /* Every active loan, every day: when interest x k fits 64 bits (any loan but one of
     * trillions over decades), the same half-up division without the 128-bit one. */
    if (interest <= INT64_MAX / k) {
        int64_t num = interest * k, q = num / days, r = num % days;
        return 2 * r >= days ? q + 1 : q;
    }
    return (int64_t)fb__div_round_half_up((fb_i128)interest * k, days);
}
