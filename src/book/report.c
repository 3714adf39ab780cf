/* report.c — the reports of the cooperation, read from the running aggregates (store/
 * aggregates.c): credit by city, chain, line, size and class on any closed day, the moves
 * between classes over a period, the largest exposures. */
#include <stdio.h>
#include <string.h>

#include "book/book_internal.h"
#include "ledger/ledger_store.h"

int fb_report_dims_parse(const char *s, unsigned *dims) {
    static const char *const names[] = {"city", "chain", "line", "size", "class"};
    *dims = 0;
    const char *p = s;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        bool known = false;
        for (unsigned i = 0; i < 5; i++) {
            if (strlen(names[i]) == len && strncmp(p, names[i], len) == 0) {
                *dims |= 1u << i;
                known = true;
            }
        }
        if (!known) return FB_EINVAL;
        p += len + (comma ? 1 : 0);
    }
    return FB_OK;
}

/* A closed day: before the business date. */
static int closed_day(fb_ledger *l, int32_t date) {
    int32_t open = 0;
    int rc = fb__store_business_date(fb__ledger_store(l), &open);
    if (rc) return rc;
    char d[11], b[11];
    if (open == 0) return fb__ledger_refuse(l, FB_EINVAL, "no day is closed yet");
    if (date >= open) {
        return fb__ledger_refuse(l, FB_EINVAL, "%s is not a closed day: the business date is %s",
                                 fb_date_format(date, d), fb_date_format(open, b));
    }
    return FB_OK;
}

int fb_report_credit(fb_ledger *l, int32_t as_of, int32_t from, unsigned dims, int32_t region,
                     fb_report_row **rows, size_t *n) {
    *rows = NULL;
    *n = 0;
    int rc = closed_day(l, as_of);
    if (rc) return rc;
    if (from > as_of) return fb__ledger_refuse(l, FB_EINVAL, "from is after as_of");
    int32_t lo = region == 0 ? 0 : region == 210000 ? 210100 : region;
    int32_t hi = region == 0 ? 999999 : region == 210000 ? 211400 : region;
    return fb__store_report_credit(fb__ledger_store(l), as_of, from, dims, lo, hi, rows, n);
}

int fb_report_moves(fb_ledger *l, int32_t from, int32_t to, fb_class_move *out, size_t cap,
                    size_t *n) {
    *n = 0;
    int rc = closed_day(l, to);
    if (rc) return rc;
    return fb__store_report_moves(fb__ledger_store(l), from, to, out, cap, n);
}

int fb_report_exposures(fb_ledger *l, size_t limit, fb_exposure *out, size_t *n) {
    return fb__store_report_exposures(fb__ledger_store(l), limit, out, n);
}
