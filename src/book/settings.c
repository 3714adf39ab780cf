/* settings.c — the settings of a book: one table of every setting with its kind, default, bounds
 * and labels, kept in the store's meta rows. A rule with a default the regulator or the bank may
 * change (a ceiling, a provision rate, a day limit) is a row here, not a constant in the code. */
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/assert.h"

/* X(key, kind, default, min, max, 中文, English) */
#define FB_SETTINGS(X)                                                                             \
    X(rate_ceiling, FB_SETTING_PERCENT, FB_RATE_MAX_E6, 1, FB_RATE_MAX_E6, "贷款利率上限",         \
      "The ceiling on loan rates: a drawdown or a repricing above it is refused")                  \
    X(eod_max_days, FB_SETTING_COUNT, 31, 1, FB_EOD_DAYS_MAX, "单次日终最多处理天数",              \
      "The most days one end of day may close (--allow-days overrides it for one run)")            \
    X(report_min_cell, FB_SETTING_COUNT, FB_REPORT_MIN_CELL_DEFAULT, 1, FB_REPORT_MIN_CELL_MAX,    \
      "报表单元格最少借款人数",                                                                    \
      "The fewest borrowers a report's cell holds for a government user to read its figures")      \
    X(simulation, FB_SETTING_FLAG, 0, 0, 1, "模拟账簿",                                            \
      "A simulated book: end of day may close dates past today; never set on a book that closed "  \
      "a real day")

static const fb_setting_info table[] = {
#define FB__ROW(key, kind, def, lo, hi, zh, en) {#key, kind, def, lo, hi, zh, en},
    FB_SETTINGS(FB__ROW)
#undef FB__ROW
};
#define FB__CHECK(key, kind, def, lo, hi, zh, en)                                                  \
    _Static_assert((lo) <= (def) && (def) <= (hi), #key "'s default is outside its bounds");
FB_SETTINGS(FB__CHECK)
#undef FB__CHECK

const fb_setting_info *fb_settings(size_t *count) {
    FB_ASSERT(count != NULL);
    *count = sizeof table / sizeof table[0];
    return table;
}

const fb_setting_info *fb_setting_find(const char *key) {
    for (size_t i = 0; key && i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(key, table[i].key) == 0) return &table[i];
    }
    return NULL;
}

int fb_setting_get(fb_book *book, const char *key, int64_t *value) {
    FB_ASSERT(book != NULL && value != NULL);
    const fb_setting_info *s = fb_setting_find(key);
    if (!s) return fb__book_refuse(book, FB_EINVAL, "%s is not a setting", key ? key : "");
    int rc = fb__store_setting(book->store, s->key, s->default_value, value);
    FB_ASSERT(rc != FB_OK || s->kind != FB_SETTING_FLAG || *value == 0 || *value == 1);
    return rc;
}

/* The text of a bound, for a refusal: "24.0000%" or "31". */
static const char *bound_text(const fb_setting_info *s, int64_t v, char *buf, size_t cap) {
    char tmp[FB_RATE_STR_MAX];
    if (s->kind == FB_SETTING_PERCENT) {
        snprintf(buf, cap, "%s%%", fb_rate_format(v, tmp));
    } else {
        snprintf(buf, cap, "%lld", (long long)v);
    }
    return buf;
}

/* A simulation book may run its days ahead of the calendar; a book that has closed a real day
 * (one not after today) holds real business and cannot become one. */
static int simulation_allowed(fb_book *book, int64_t value) {
    if (value == 0) return FB_OK;
    int32_t open = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    int32_t today = (int32_t)(fb_now_ns() / (86400LL * 1000000000LL));
    if (open != 0 && open - 1 <= today) {
        char d[11];
        return fb__book_refuse(book, FB_EINVAL,
                               "simulation: the book has closed real days (through %s): it holds "
                               "real business and cannot be marked a simulation",
                               fb_date_format(open - 1, d));
    }
    return FB_OK;
}

int fb_setting_set(fb_book *book, const char *key, int64_t value) {
    FB_ASSERT(book != NULL);
    const fb_setting_info *s = fb_setting_find(key);
    if (!s) return fb__book_refuse(book, FB_EINVAL, "%s is not a setting", key ? key : "");
    char lo[48], hi[48], v[48];
    if (value < s->min || value > s->max) {
        return fb__book_refuse(book, FB_EINVAL, "%s must be from %s to %s, not %s", s->key,
                               bound_text(s, s->min, lo, sizeof lo),
                               bound_text(s, s->max, hi, sizeof hi),
                               bound_text(s, value, v, sizeof v));
    }
    int rc = fb_book_begin(book);
    if (rc) return rc;
    if (strcmp(s->key, "simulation") == 0) rc = simulation_allowed(book, value);
    if (rc == FB_OK) rc = fb__store_setting_put(book->store, s->key, value);
    if (rc) {
        fb_book_rollback(book);
        return rc;
    }
    return fb_book_commit(book);
}

int fb_setting_parse(const fb_setting_info *s, const char *text, int64_t *value,
                     const char **reason) {
    FB_ASSERT(s != NULL && value != NULL && reason != NULL);
    if (!text) return *reason = "is missing", FB_EINVAL;
    if (s->kind == FB_SETTING_PERCENT) return fb_rate_parse(text, value, reason);
    if (s->kind == FB_SETTING_FLAG) {
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0) return *value = 1, FB_OK;
        if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0) return *value = 0, FB_OK;
        return *reason = "must be true or false", FB_EINVAL;
    }
    /* A count: digits only, no sign, no leading zero, at most 18 digits (no overflow). */
    size_t n = strlen(text);
    if (n == 0 || n > 18 || strspn(text, "0123456789") != n || (n > 1 && text[0] == '0'))
        return *reason = "must be a whole number", FB_EINVAL;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (text[i] - '0');
    *value = v;
    return FB_OK;
}

char *fb_setting_format(const fb_setting_info *s, int64_t value, char *buf) {
    FB_ASSERT(s != NULL && buf != NULL);
    if (s->kind == FB_SETTING_PERCENT) return fb_rate_format(value, buf);
    if (s->kind == FB_SETTING_FLAG) {
        snprintf(buf, FB_RATE_STR_MAX, "%s", value ? "true" : "false");
    } else {
        snprintf(buf, FB_RATE_STR_MAX, "%lld", (long long)value);
    }
    return buf;
}
