/* quality.c — the regulator's reports: provisions against their floors (拨备覆盖率 and 贷款拨备率,
 * 商业银行贷款损失准备管理办法 第六条–第七条), the quality of the book by class and by age of
 * arrears, and the migration of loans between classes with the regulator's migration rates.
 * A government user reads its region's, and no figure of a cell of fewer borrowers than
 * report_min_cell, nor of the one that would give it away by subtraction from the total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/book_internal.h"
#include "core/arith.h"
#include "core/assert.h"
#include "core/classify.h"

/* The last closed day (the business date's day before), or a refusal. */
static int last_closed(fb_book *book, int32_t *day) {
    int32_t open = 0;
    int rc = fb__store_business_date(book->store, &open);
    if (rc) return rc;
    if (open == 0) return fb__book_refuse(book, FB_EINVAL, "no day is closed yet");
    *day = open - 1;
    return FB_OK;
}

static int closed(fb_book *book, int32_t date, int32_t *last) {
    int rc = last_closed(book, last);
    if (rc) return rc;
    char d[11], b[11];
    if (date > *last) {
        return fb__book_refuse(book, FB_EINVAL, "%s is not a closed day: the last closed is %s",
                               fb_date_format(date, d), fb_date_format(*last, b));
    }
    return FB_OK;
}

/* amount x e6 / 1e6, rounded half up (a floor's amount: 150% of the NPL balance). */
static int64_t scaled(int64_t amount, int64_t e6) {
    FB_ASSERT(amount >= 0 && e6 >= 0);
    return (int64_t)fb__div_round_half_up((fb_i128)amount * e6, 1000000);
}

static void ratios(fb_provision_row *r, int64_t coverage_floor, int64_t ratio_floor) {
    r->provision_fen = r->specific_fen + r->general_fen;
    r->coverage_e6 = r->npl_fen > 0 ? fb__ratio_e6(r->provision_fen, r->npl_fen) : -1;
    r->ratio_e6 = r->balance_fen > 0 ? fb__ratio_e6(r->provision_fen, r->balance_fen) : -1;
    /* 第七条: the higher of the two standards is the requirement. */
    int64_t by_npl = scaled(r->npl_fen, coverage_floor),
            by_loans = scaled(r->balance_fen, ratio_floor);
    r->required_fen = by_npl > by_loans ? by_npl : by_loans;
    r->shortfall_fen = r->required_fen > r->provision_fen ? r->required_fen - r->provision_fen : 0;
}

/* Hides the rows of fewer than `least` borrowers, and when one alone is hidden the next smallest
 * too, so that the total less the others does not give it away. */
static void protect_rows(fb_provision_row *rows, size_t n, int64_t least) {
    size_t hidden = 0, smallest = n;
    for (size_t i = 0; i < n; i++) {
        rows[i].hidden = rows[i].borrowers_at_least < least;
        hidden += rows[i].hidden;
        if (!rows[i].hidden &&
            (smallest == n || rows[i].borrowers_at_least < rows[smallest].borrowers_at_least)) {
            smallest = i;
        }
    }
    if (hidden == 1 && smallest < n) rows[smallest].hidden = true;
}

int fb_report_provisions(fb_book *book, int32_t as_of, unsigned dims, int32_t region, bool protect,
                         fb_provision_report *out) {
    FB_ASSERT(book != NULL && out != NULL);
    FB_ASSERT((dims & ~(unsigned)(FB_BY_CITY | FB_BY_LINE)) == 0);
    memset(out, 0, sizeof *out);
    int32_t last = 0;
    int rc = as_of ? closed(book, as_of, &last) : last_closed(book, &last);
    if (rc) return rc;
    if (!as_of) as_of = last;
    rc = fb__store_provision_date(book->store, as_of, &out->date);
    char d[11];
    if (rc == FB_OK && out->date == 0) {
        return fb__book_refuse(book, FB_EINVAL, "no month-end was provisioned by %s",
                               fb_date_format(as_of, d));
    }
    if (rc == FB_OK) rc = fb_setting_get(book, "provision_coverage_floor", &out->coverage_floor_e6);
    if (rc == FB_OK) rc = fb_setting_get(book, "provision_ratio_floor", &out->ratio_floor_e6);
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    fb_provision_row *total = NULL;
    size_t nt = 0;
    if (rc == FB_OK)
        rc = fb__store_report_provisions(book->store, out->date, 0, lo, hi, &total, &nt);
    if (rc == FB_OK && nt) out->total = total[0];
    free(total);
    out->total.city = out->total.line = -1;
    if (rc == FB_OK && dims) {
        rc = fb__store_report_provisions(book->store, out->date, dims, lo, hi, &out->rows, &out->n);
    }
    int64_t least = 0;
    if (rc == FB_OK && protect) rc = fb_report_min_cell(book, &least);
    if (rc) {
        free(out->rows);
        out->rows = NULL;
        out->n = 0;
        return rc;
    }
    ratios(&out->total, out->coverage_floor_e6, out->ratio_floor_e6);
    for (size_t i = 0; i < out->n; i++)
        ratios(&out->rows[i], out->coverage_floor_e6, out->ratio_floor_e6);
    if (protect) {
        out->total.hidden = out->total.borrowers_at_least < least;
        protect_rows(out->rows, out->n, least);
    }
    return FB_OK;
}

static void protect_figures(fb_quality_figures *f, size_t n, int64_t least) {
    size_t hidden = 0, smallest = n;
    for (size_t i = 0; i < n; i++) {
        f[i].hidden = f[i].loans > 0 && f[i].borrowers_at_least < least;
        hidden += f[i].hidden;
        if (!f[i].hidden && f[i].loans > 0 &&
            (smallest == n || f[i].borrowers_at_least < f[smallest].borrowers_at_least)) {
            smallest = i;
        }
    }
    if (hidden == 1 && smallest < n) f[smallest].hidden = true;
}

int fb_report_quality(fb_book *book, int32_t as_of, int32_t region, bool protect,
                      fb_quality_report *out) {
    FB_ASSERT(book != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    int32_t last = 0;
    int rc = as_of ? closed(book, as_of, &last) : last_closed(book, &last);
    if (rc) return rc;
    if (!as_of) as_of = last;
    bool live = as_of == last, kept = false;
    if (!live) rc = fb__store_quality_kept(book->store, as_of, &kept);
    char d[11];
    if (rc == FB_OK && !live && (!kept || !fb__month_end(as_of))) {
        return fb__book_refuse(book, FB_EINVAL,
                               "the quality of %s is not kept: it is kept for the last day closed "
                               "and for each month-end",
                               fb_date_format(as_of, d));
    }
    out->as_of = as_of;
    int32_t lo = 0, hi = 0;
    fb__region_span(region, &lo, &hi);
    /* The last day closed as kept by its close while no loan's state has been written since:
     * the same figures as the loans give, without reading them. */
    bool fresh = false;
    if (rc == FB_OK && live) rc = fb__store_quality_fresh(book->store, as_of, &fresh);
    if (rc == FB_OK) rc = fb__store_quality(book->store, as_of, live && !fresh, lo, hi, out);
    if (rc == FB_OK) rc = fb__store_provision_date(book->store, as_of, &out->provision_date);
    int64_t by_class[FB_CLASS_COUNT_] = {0};
    if (rc == FB_OK && out->provision_date) {
        rc = fb__store_provisions_by_class(book->store, out->provision_date, lo, hi, by_class);
    }
    for (int c = 0; c < FB_CLASS_COUNT_; c++) {
        out->classes[c].provision_fen = by_class[c];
        out->total.provision_fen += by_class[c];
    }
    for (int b = 0; b < FB_QUALITY_BUCKETS; b++)
        out->buckets[b].provision_fen = -1;
    int64_t least = 0;
    if (rc == FB_OK && protect) rc = fb_report_min_cell(book, &least);
    if (rc) return rc;
    if (protect) {
        protect_figures(out->classes, FB_CLASS_COUNT_, least);
        protect_figures(out->buckets, FB_QUALITY_BUCKETS, least);
        out->total.hidden = out->total.loans > 0 && out->total.borrowers_at_least < least;
    }
    return FB_OK;
}

int fb_report_migration(fb_book *book, int32_t from, int32_t to, fb_migration *out) {
    FB_ASSERT(book != NULL && out != NULL);
    memset(out, 0, sizeof *out);
    int32_t last = 0;
    int rc = closed(book, to, &last);
    if (rc) return rc;
    if (from > to) return fb__book_refuse(book, FB_EINVAL, "from is after as_of");
    out->from = from;
    out->to = to;
    for (int i = 0; i < FB_CLASS_COUNT_; i++) {
        for (int j = 0; j < FB_CLASS_COUNT_; j++)
            out->cells[i][j] = (fb_class_move){i, j, 0, 0};
    }
    rc = fb__store_migration(book->store, from, to, last, out);
    if (rc) return rc;
    /* 迁徙率 = 期初该类贷款向下迁徙金额 / (期初该类贷款余额 - 期初该类贷款期间减少金额): the
     * cohort's principal at `to` that is in a lower class, over all of it still on the book. */
    int64_t down_performing = 0, left_performing = 0;
    for (int i = 0; i < FB_CLASS_COUNT_; i++) {
        for (int j = 0; j < FB_CLASS_COUNT_; j++) {
            out->remaining_fen[i] += out->cells[i][j].balance_fen;
            if (j > i) out->down_fen[i] += out->cells[i][j].balance_fen;
            if (i <= FB_CLASS_SPECIAL_MENTION && j >= FB_CLASS_SUBSTANDARD) {
                down_performing += out->cells[i][j].balance_fen;
            }
        }
        if (i <= FB_CLASS_SPECIAL_MENTION) left_performing += out->remaining_fen[i];
        bool rated = i < FB_CLASS_LOSS && out->remaining_fen[i] > 0;
        out->rate_e6[i] = rated ? fb__ratio_e6(out->down_fen[i], out->remaining_fen[i]) : -1;
    }
    out->performing_rate_e6 =
        left_performing > 0 ? fb__ratio_e6(down_performing, left_performing) : -1;
    return FB_OK;
}

int fb_report_moves(fb_book *book, int32_t from, int32_t to, fb_class_move *out, size_t cap,
                    size_t *n) {
    FB_ASSERT(out != NULL && n != NULL);
    *n = 0;
    fb_migration *m = malloc(sizeof *m);
    if (!m) return FB_ENOMEM;
    int rc = fb_report_migration(book, from, to, m);
    for (int i = 0; rc == FB_OK && i < FB_CLASS_COUNT_; i++) {
        for (int j = 0; j < FB_CLASS_COUNT_ && *n < cap; j++) {
            if (m->cells[i][j].loans) out[(*n)++] = m->cells[i][j];
        }
    }
    free(m);
    return rc;
}
