/* export_reports.c — the exports of the book's reports, on a closed day: credit by dimension,
 * the inclusive "two increases", the moves between classes and an agreement's progress. Each is a
 * table of columns over the book's own report rows, which the book computes (coop.h); the export
 * only lays them out. The regulator's reports join here the same way: a table and an open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/export_table.h"

/* ---- Credit by city, chain, line, size and class ------------------------------------------- */

static const fb__column credit_columns[] = {
    FB__COL_BY(FB_BY_CITY, fb_report_row, CODE, city, "城市代码"),
    FB__COL_BY(FB_BY_CITY, fb_report_row, CITY, city, "城市"),
    FB__TERM_KEY_BY(FB_BY_CHAIN, fb_report_row, chain, FB_VOCAB_CHAIN, "重点产业链"),
    FB__TERM_BY(FB_BY_LINE, fb_report_row, line, FB_VOCAB_LINE, "业务条线"),
    FB__TERM_BY(FB_BY_SIZE, fb_report_row, size, FB_VOCAB_SIZE, "企业规模"),
    FB__TERM_BY(FB_BY_CLASS, fb_report_row, loan_class, FB_VOCAB_CLASS, "五级分类"),
    FB__COL_HIDDEN(fb_report_row, MONEY, balance_fen, balance_hidden, "贷款余额（元）"),
    FB__COL_HIDDEN(fb_report_row, COUNT, loans, balance_hidden, "贷款笔数"),
    FB__COL_HIDDEN(fb_report_row, COUNT, borrowers, balance_hidden, "借款人数"),
    FB__COL_HIDDEN(fb_report_row, MONEY, new_fen, new_hidden, "新增贷款（元）"),
    FB__COL_HIDDEN(fb_report_row, COUNT, new_loans, new_hidden, "新增笔数"),
};

static int open_credit(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                       size_t cap) {
    fb_report_row *rows = NULL;
    size_t n = 0;
    int rc = q->protect ? fb_report_credit_protected(book, q->as_of, q->from, q->dims, q->region,
                                                     &rows, &n)
                        : fb_report_credit(book, q->as_of, q->from, q->dims, q->region, &rows, &n);
    if (rc) {
        snprintf(why, cap, "%s", fb_book_errmsg(book));
        return rc;
    }
    char from[11];
    if (q->from) snprintf(it->scope, sizeof it->scope, "新增自：%s", fb_date_format(q->from, from));
    return fb__rows_array(it, rows, n, sizeof *rows);
}

const fb__kind fb__kind_credit = {"credit",
                                  "信贷投放报表",
                                  false,
                                  false,
                                  sizeof(fb_report_row),
                                  credit_columns,
                                  sizeof credit_columns / sizeof credit_columns[0],
                                  open_credit};

/* ---- The two increases of inclusive loans -------------------------------------------------- */

/* The two increases, and which of their figures a government user may not read. */
typedef struct {
    fb_two_increases t;
    fb_two_increases_hidden h;
    bool growth_hidden, count_hidden; /* the verdicts that follow from a hidden figure */
} inclusive_row;

static const fb__column inclusive_columns[] = {
    FB__COL(inclusive_row, DATE, t.as_of, "报表日"),
    FB__COL(inclusive_row, DATE, t.base_date, "基期（上年末）"),
    FB__COL_HIDDEN(inclusive_row, MONEY, t.inclusive_fen, h.inclusive, "普惠型小微贷款余额（元）"),
    FB__COL_HIDDEN(inclusive_row, MONEY, t.inclusive_base_fen, h.inclusive_base,
                   "基期普惠型小微贷款余额（元）"),
    FB__COL_HIDDEN(inclusive_row, MONEY, t.all_fen, h.all, "各项贷款余额（元）"),
    FB__COL_HIDDEN(inclusive_row, MONEY, t.all_base_fen, h.all_base, "基期各项贷款余额（元）"),
    FB__COL_HIDDEN(inclusive_row, COUNT, t.borrowers, h.inclusive, "普惠型小微贷款户数"),
    FB__COL_HIDDEN(inclusive_row, COUNT, t.borrowers_base, h.inclusive_base,
                   "基期普惠型小微贷款户数"),
    FB__COL_HIDDEN(inclusive_row, VERDICT, t.balance_ok, growth_hidden, "增速不低于各项贷款增速"),
    FB__COL_HIDDEN(inclusive_row, VERDICT, t.borrowers_ok, count_hidden, "户数不低于年初"),
};

static int open_inclusive(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                          size_t cap) {
    inclusive_row *x = calloc(1, sizeof *x);
    if (!x) return FB_ENOMEM;
    int rc = q->protect ? fb_report_two_increases_protected(book, q->as_of, q->region, &x->t, &x->h)
                        : fb_report_two_increases(book, q->as_of, q->region, &x->t);
    if (rc) {
        snprintf(why, cap, "%s", fb_book_errmsg(book));
        free(x);
        return rc;
    }
    x->growth_hidden = x->h.inclusive || x->h.inclusive_base || x->h.all || x->h.all_base;
    x->count_hidden = x->h.inclusive || x->h.inclusive_base;
    return fb__rows_array(it, x, 1, sizeof *x);
}

const fb__kind fb__kind_inclusive = {"inclusive",
                                     "普惠小微“两增”",
                                     false,
                                     false,
                                     sizeof(inclusive_row),
                                     inclusive_columns,
                                     sizeof inclusive_columns / sizeof inclusive_columns[0],
                                     open_inclusive};

/* ---- Moves between classes ----------------------------------------------------------------- */

static const fb__column move_columns[] = {
    FB__TERM(fb_class_move, from_class, FB_VOCAB_CLASS, "期初分类"),
    FB__TERM(fb_class_move, to_class, FB_VOCAB_CLASS, "期末分类"),
    FB__COL(fb_class_move, COUNT, loans, "贷款笔数"),
    FB__COL(fb_class_move, MONEY, balance_fen, "期末本金（元）"),
};

static int open_moves(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                      size_t cap) {
    if (!q->from) {
        snprintf(why, cap, "moves needs the period's first day (from)");
        return FB_EINVAL;
    }
    if (q->region) {
        snprintf(why, cap, "moves between classes are kept for the whole book, not by city");
        return FB_EINVAL;
    }
    enum { MOVES = FB_CLASS_COUNT_ * FB_CLASS_COUNT_ };
    fb_class_move *m = calloc(MOVES, sizeof *m);
    size_t n = 0;
    int rc = m ? fb_report_moves(book, q->from, q->as_of, m, MOVES, &n) : FB_ENOMEM;
    if (rc) {
        snprintf(why, cap, "%s", fb_book_errmsg(book));
        free(m);
        return rc;
    }
    char from[11];
    snprintf(it->scope, sizeof it->scope, "期间自：%s", fb_date_format(q->from, from));
    return fb__rows_array(it, m, n, sizeof *m);
}

const fb__kind fb__kind_moves = {"moves",
                                 "五级分类迁徙",
                                 false,
                                 false,
                                 sizeof(fb_class_move),
                                 move_columns,
                                 sizeof move_columns / sizeof move_columns[0],
                                 open_moves};

/* ---- An agreement's progress --------------------------------------------------------------- */

typedef struct {
    char agreement[FB_ID_MAX + 1];
    fb_measure measure;
    char breakdown[96]; /* "业务条线：绿色金融", from the vocabulary */
    fb__target_value target, achieved;
    int64_t percent_e2, elapsed_e2;
    bool ceiling, on_track;
    bool hidden; /* a small cell: its achieved figure kept from the government */
} progress_row;

static const fb__column progress_columns[] = {
    FB__TEXT(progress_row, agreement, "协议编号"),
    FB__TERM(progress_row, measure, FB_VOCAB_MEASURE, "指标"),
    FB__TEXT(progress_row, breakdown, "维度"),
    FB__COL(progress_row, TARGET, target, "目标值"),
    FB__COL_HIDDEN(progress_row, TARGET, achieved, hidden, "完成值"),
    FB__COL_HIDDEN(progress_row, PERCENT, percent_e2, hidden, "完成率（%）"),
    FB__COL(progress_row, PERCENT, elapsed_e2, "时间进度（%）"),
    FB__COL(progress_row, BOOL, ceiling, "上限指标"),
    FB__COL_HIDDEN(progress_row, BOOL, on_track, hidden, "达到进度"),
};

/* "line:green" as 业务条线：绿色金融, "chain:..." 重点产业链：..., "city:210200" 城市：大连. */
static void breakdown(const char *dimension, char *out, size_t cap) {
    static const struct {
        const char *prefix, *zh;
        int vocab; /* -1: a city */
    } dims[] = {{"line:", "业务条线", FB_VOCAB_LINE},
                {"chain:", "重点产业链", FB_VOCAB_CHAIN},
                {"city:", "城市", -1}};
    out[0] = 0;
    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
        size_t len = strlen(dims[i].prefix);
        if (strncmp(dimension, dims[i].prefix, len) != 0) continue;
        const char *key = dimension + len, *name = NULL;
        int value = 0;
        if (dims[i].vocab < 0) {
            name = fb_region_name_zh((int32_t)strtol(key, NULL, 10));
        } else if (fb_vocab_parse((fb_vocab)dims[i].vocab, key, &value) == FB_OK) {
            size_t n = 0;
            name = fb_vocab_terms((fb_vocab)dims[i].vocab, &n)[value].zh;
        }
        snprintf(out, cap, "%s：%s", dims[i].zh, name ? name : key);
        return;
    }
    snprintf(out, cap, "%s", dimension);
}

/* The agreement, when the request's region covers it (a city's scope: the city's own). */
static int visible_agreement(fb_book *book, const fb_export_request *q, fb_agreement *a, char *why,
                             size_t cap) {
    int rc = q->agreement ? fb_agreement_get(book, q->agreement, a) : FB_EINVAL;
    if (rc == FB_EINVAL) {
        snprintf(why, cap, "progress needs the agreement");
        return rc;
    }
    if (rc == FB_OK && q->region && q->region != 210000 && a->region != q->region)
        rc = FB_ENOTFOUND;
    if (rc == FB_ENOTFOUND) snprintf(why, cap, "no agreement %s", q->agreement);
    return rc;
}

static int open_progress(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                         size_t cap) {
    fb_agreement *a = malloc(sizeof *a);
    fb_progress *p = calloc(FB_TARGETS_MAX, sizeof *p);
    progress_row *rows = calloc(FB_TARGETS_MAX, sizeof *rows);
    size_t n = 0;
    int rc = a && p && rows ? visible_agreement(book, q, a, why, cap) : FB_ENOMEM;
    if (rc == FB_OK) {
        rc = q->protect ? fb_agreement_progress_protected(book, a->id, q->as_of, p, &n)
                        : fb_agreement_progress(book, a->id, q->as_of, p, &n);
        if (rc) snprintf(why, cap, "%s", fb_book_errmsg(book));
    }
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        progress_row *r = &rows[i];
        snprintf(r->agreement, sizeof r->agreement, "%s", a->id);
        r->measure = p[i].target.measure;
        breakdown(p[i].target.dimension, r->breakdown, sizeof r->breakdown);
        r->target = (fb__target_value){p[i].target.amount, (int)r->measure};
        r->achieved = (fb__target_value){p[i].achieved, (int)r->measure};
        r->percent_e2 = p[i].percent_e2;
        r->elapsed_e2 = p[i].elapsed_percent_e2;
        r->ceiling = p[i].ceiling;
        r->on_track = p[i].on_track;
        r->hidden = p[i].hidden;
    }
    if (rc == FB_OK) {
        const char *region = fb_region_name_zh(a->region);
        snprintf(it->scope, sizeof it->scope, "协议：%s（%s，%s）", a->id, a->bank,
                 region ? region : "");
    }
    free(a);
    free(p);
    if (rc) {
        free(rows);
        return rc;
    }
    return fb__rows_array(it, rows, n, sizeof *rows);
}

const fb__kind fb__kind_progress = {"progress",
                                    "合作协议进度",
                                    false,
                                    false,
                                    sizeof(progress_row),
                                    progress_columns,
                                    sizeof progress_columns / sizeof progress_columns[0],
                                    open_progress};
