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

/* ---- The quality of the book: by class and by age of arrears ------------------------------- */

/* A row of the quality report: a class, an age bucket or the whole book. */
typedef struct {
    char group[16]; /* 五级分类, 逾期天数, 合计 */
    char item[32];  /* the class's label, the bucket's days */
    fb_quality_figures f;
    bool no_provision; /* a bucket: provisions are booked by class only; or hidden */
} quality_row;

static const fb__column quality_columns[] = {
    FB__TEXT(quality_row, group, "分组"),
    FB__TEXT(quality_row, item, "项目"),
    FB__COL_HIDDEN(quality_row, MONEY, f.balance_fen, f.hidden, "贷款余额（元）"),
    FB__COL_HIDDEN(quality_row, COUNT, f.loans, f.hidden, "贷款笔数"),
    FB__COL_HIDDEN(quality_row, MONEY, f.overdue_fen, f.hidden, "逾期本金（元）"),
    FB__COL_HIDDEN(quality_row, MONEY, f.offbal_interest_fen, f.hidden, "表外应收利息（元）"),
    FB__COL_HIDDEN(quality_row, MONEY, f.offbal_penalty_fen, f.hidden, "表外罚息复利（元）"),
    FB__COL_HIDDEN(quality_row, COUNT, f.restructured_loans, f.hidden, "重组贷款笔数"),
    FB__COL_HIDDEN(quality_row, MONEY, f.restructured_fen, f.hidden, "重组贷款余额（元）"),
    FB__COL_HIDDEN(quality_row, MONEY, f.provision_fen, no_provision, "贷款损失准备（元）"),
};

static void quality_fill(quality_row *r, const char *group, const char *item,
                         const fb_quality_figures *f) {
    snprintf(r->group, sizeof r->group, "%s", group);
    snprintf(r->item, sizeof r->item, "%s", item);
    r->f = *f;
    r->no_provision = f->hidden || f->provision_fen < 0;
}

static int open_quality(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                        size_t cap) {
    static const char *const buckets[FB_QUALITY_BUCKETS] = {"1-30天", "31-90天", "91-180天",
                                                            "181-360天", "360天以上"};
    enum { ROWS = FB_CLASS_COUNT_ + FB_QUALITY_BUCKETS + 1 };
    fb_quality_report *rep = malloc(sizeof *rep);
    quality_row *rows = calloc(ROWS, sizeof *rows);
    int rc =
        rep && rows ? fb_report_quality(book, q->as_of, q->region, q->protect, rep) : FB_ENOMEM;
    if (rc) {
        if (rep) snprintf(why, cap, "%s", fb_book_errmsg(book));
        free(rep);
        free(rows);
        return rc;
    }
    size_t n = 0, nt = 0;
    const fb_term *classes = fb_vocab_terms(FB_VOCAB_CLASS, &nt);
    for (int c = 0; c < FB_CLASS_COUNT_; c++)
        quality_fill(&rows[n++], "五级分类", classes[c].zh, &rep->classes[c]);
    for (int b = 0; b < FB_QUALITY_BUCKETS; b++)
        quality_fill(&rows[n++], "逾期天数", buckets[b], &rep->buckets[b]);
    quality_fill(&rows[n++], "合计", "", &rep->total);
    char d[11];
    if (rep->provision_date) {
        snprintf(it->scope, sizeof it->scope, "准备计提月末：%s",
                 fb_date_format(rep->provision_date, d));
    }
    free(rep);
    FB_ASSERT(n == ROWS);
    return fb__rows_array(it, rows, n, sizeof *rows);
}

const fb__kind fb__kind_quality = {"quality",
                                   "资产质量",
                                   false,
                                   false,
                                   sizeof(quality_row),
                                   quality_columns,
                                   sizeof quality_columns / sizeof quality_columns[0],
                                   open_quality};

/* ---- Provisions against their floors (商业银行贷款损失准备管理办法 第七条) ----------------- */

typedef struct {
    char scope[8]; /* 合计 on the whole book's row */
    fb_provision_row p;
    bool no_coverage, no_ratio; /* the base is zero, or the row is hidden */
} provision_row;

static const fb__column provision_columns[] = {
    FB__TEXT(provision_row, scope, "汇总"),
    FB__COL_BY(FB_BY_CITY, provision_row, CODE, p.city, "城市代码"),
    FB__COL_BY(FB_BY_CITY, provision_row, CITY, p.city, "城市"),
    FB__TERM_BY(FB_BY_LINE, provision_row, p.line, FB_VOCAB_LINE, "业务条线"),
    FB__COL_HIDDEN(provision_row, MONEY, p.balance_fen, p.hidden, "贷款余额（元）"),
    FB__COL_HIDDEN(provision_row, MONEY, p.npl_fen, p.hidden, "不良贷款余额（元）"),
    FB__COL_HIDDEN(provision_row, COUNT, p.loans, p.hidden, "贷款笔数"),
    FB__COL_HIDDEN(provision_row, MONEY, p.specific_fen, p.hidden, "专项准备（元）"),
    FB__COL_HIDDEN(provision_row, MONEY, p.general_fen, p.hidden, "一般准备（元）"),
    FB__COL_HIDDEN(provision_row, MONEY, p.provision_fen, p.hidden, "贷款损失准备（元）"),
    FB__COL_HIDDEN(provision_row, RATE, p.coverage_e6, no_coverage, "拨备覆盖率（%）"),
    FB__COL_HIDDEN(provision_row, RATE, p.ratio_e6, no_ratio, "贷款拨备率（%）"),
    FB__COL_HIDDEN(provision_row, MONEY, p.required_fen, p.hidden, "监管要求准备（元）"),
    FB__COL_HIDDEN(provision_row, MONEY, p.shortfall_fen, p.hidden, "准备缺口（元）"),
};

static void provision_fill(provision_row *r, const fb_provision_row *p, bool total) {
    snprintf(r->scope, sizeof r->scope, "%s", total ? "合计" : "");
    r->p = *p;
    if (total) r->p.city = 0; /* the whole book's row: no city (its -1 would be a code) */
    r->no_coverage = p->hidden || p->coverage_e6 < 0;
    r->no_ratio = p->hidden || p->ratio_e6 < 0;
}

static int open_provisions(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                           size_t cap) {
    if (q->dims & ~(unsigned)(FB_BY_CITY | FB_BY_LINE)) {
        snprintf(why, cap, "provisions are by line and city only");
        return FB_EINVAL;
    }
    fb_provision_report rep;
    int rc = fb_report_provisions(book, q->as_of, q->dims, q->region, q->protect, &rep);
    if (rc) {
        snprintf(why, cap, "%s", fb_book_errmsg(book));
        return rc;
    }
    provision_row *rows = calloc(rep.n + 1, sizeof *rows);
    if (!rows) {
        free(rep.rows);
        return FB_ENOMEM;
    }
    for (size_t i = 0; i < rep.n; i++)
        provision_fill(&rows[i], &rep.rows[i], false);
    provision_fill(&rows[rep.n], &rep.total, true);
    char d[11], floors[2][FB_RATE_STR_MAX];
    snprintf(it->scope, sizeof it->scope,
             "准备计提月末：%s，拨备覆盖率要求 %s%%，贷款拨备率要求 %s%%",
             fb_date_format(rep.date, d), fb_rate_format(rep.coverage_floor_e6, floors[0]),
             fb_rate_format(rep.ratio_floor_e6, floors[1]));
    size_t n = rep.n + 1;
    free(rep.rows);
    return fb__rows_array(it, rows, n, sizeof *rows);
}

const fb__kind fb__kind_provisions = {"provisions",
                                      "贷款损失准备",
                                      false,
                                      false,
                                      sizeof(provision_row),
                                      provision_columns,
                                      sizeof provision_columns / sizeof provision_columns[0],
                                      open_provisions};
