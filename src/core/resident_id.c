/* resident_id.c — the citizen identity number (公民身份号码, GB 11643-1999): six digits of the
 * division code where it was issued, eight of the birth date (YYYYMMDD), three of a sequence,
 * and a check character (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11 over the first 17 digits;
 * the check c is the one for which the sum plus c is 1 mod 11, X standing for 10). A small-
 * business owner is a natural person: this is its identity, as the USCC is a firm's. */
#include <string.h>

#include "core/assert.h"
#include "finbridge/core.h"

static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

#define FAIL(pos, why) return *position = (pos), *reason = (why), FB_EINVAL

int fb_resident_id_check(const char *s, size_t len, const char **reason, int *position) {
    FB_ASSERT(s != NULL && reason != NULL && position != NULL);
    *reason = NULL;
    *position = 0;
    if (len != 18) FAIL(0, "must be 18 characters");
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (s[i] < '0' || s[i] > '9') FAIL(i + 1, "must be a digit");
        sum += (s[i] - '0') * weights[i];
    }
    if (s[0] == '0') FAIL(1, "is not a division code");
    int year = 0, month = 0, day = 0;
    for (int i = 6; i < 10; i++)
        year = year * 10 + (s[i] - '0');
    month = (s[10] - '0') * 10 + (s[11] - '0');
    day = (s[12] - '0') * 10 + (s[13] - '0');
    if (year < 1900 || month < 1 || month > 12) FAIL(7, "does not hold a birth date");
    if (day < 1 || day > fb_date_days_in_month(year, month)) FAIL(13, "does not hold a birth date");
    static const char *const should[11] = {
        "the check character should be 1", "the check character should be 0",
        "the check character should be X", "the check character should be 9",
        "the check character should be 8", "the check character should be 7",
        "the check character should be 6", "the check character should be 5",
        "the check character should be 4", "the check character should be 3",
        "the check character should be 2"};
    FB_ASSERT(sum >= 0 && checks[sum % 11] != 0);
    if (s[17] != checks[sum % 11]) FAIL(18, should[sum % 11]);
    return FB_OK;
}
