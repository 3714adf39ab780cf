/* stats.c — order statistics of whole numbers (working days to a decision, to a loan): the
 * median, which is a whole number or a half and is kept doubled, and a percentile by nearest
 * rank, which is always one of the values. Integers only. */
#include <stdlib.h>

#include "core/assert.h"
#include "finbridge/core.h"

static int ascending(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int64_t fb_median_x2(int32_t *v, size_t n) {
    FB_ASSERT(v != NULL || n == 0);
    if (n == 0) return -1;
    qsort(v, n, sizeof *v, ascending);
    int64_t m = n % 2 ? 2 * (int64_t)v[n / 2] : (int64_t)v[n / 2 - 1] + v[n / 2];
    FB_ASSERT(m >= 2 * (int64_t)v[0] && m <= 2 * (int64_t)v[n - 1]);
    return m;
}

int64_t fb_percentile(int32_t *v, size_t n, int p) {
    FB_ASSERT(v != NULL || n == 0);
    FB_ASSERT(p >= 1 && p <= 100);
    if (n == 0) return -1;
    qsort(v, n, sizeof *v, ascending);
    size_t rank = ((size_t)p * n + 99) / 100; /* ceil(p n / 100), from 1 */
    FB_ASSERT(rank >= 1 && rank <= n);
    return v[rank - 1];
}
