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
      "a real day")                                                                                \
    X(demand_response_days, FB_SETTING_COUNT, 3, 1, FB_DEMAND_LEVEL_DAYS_MAX,                      \
      "融资需求首次响应时限（工作日）",                                                            \
      "Working days the bank has to first answer a financing demand (contact the enterprise)")     \
    X(demand_decision_days, FB_SETTING_COUNT, 15, 1, FB_DEMAND_LEVEL_DAYS_MAX,                     \
      "融资需求办结时限（工作日）", "Working days the bank has to grant or decline a demand")      \
    X(calendar_assume_weekdays, FB_SETTING_FLAG, 0, 0, 1, "未载入节假日安排的年份按周一至周五计",  \
      "A year without the State Council's holiday notice counts Monday to Friday as working days " \
      "(otherwise its working days are refused)")                                                  \
    X(nonaccrual_days, FB_SETTING_COUNT, 90, 1, 90, "非应计天数",                                  \
      "Past this many days overdue (or non-performing) interest and penalty accrue off the "       \
      "balance sheet (财政部: more than 90 days; a bank may be stricter)")                         \
    X(offbalance_first, FB_SETTING_FLAG, 1, 0, 1, "收回款项先冲表外",                              \
      "Money collected settles what is off the balance sheet before what is on it (false: on "     \
      "the balance sheet first, as some banks' own rules have it)")                                \
    X(upgrade_periods, FB_SETTING_COUNT, 2, 1, 24, "不良上调需连续正常还款期数",                   \
      "A non-performing loan rises only after its arrears are repaid and this many installments "  \
      "are paid on time since (2023 rule: two)")                                                   \
    X(upgrade_months, FB_SETTING_COUNT, 6, 1, 36, "不良上调需正常还款月数",                        \
      "... and this many months have passed since, whichever ends later (2023 rule: six)")         \
    X(retail_small_micro, FB_SETTING_FLAG, 0, 0, 1, "小微企业按零售逐笔分类",                      \
      "Small and micro enterprises' loans are classified one by one as retail (the 10% rule for "  \
      "non-retail debtors spares them); individual businesses always are")                         \
    X(observation_months, FB_SETTING_COUNT, 12, 12, 60, "重组观察期月数",                          \
      "A restructured loan's observation period: at least this many months (第二十条: one year)")  \
    X(observation_periods, FB_SETTING_COUNT, 2, 2, 24, "重组观察期还款期数",                       \
      "... and at least this many repayment dates, whichever ends later (第二十条: two)")          \
    X(restructure_again_floor, FB_SETTING_COUNT, 3, 1, 4, "观察期内再次重组的最低分类",            \
      "A loan restructured again in its observation period is at least this class: 1 special "     \
      "mention, 2 substandard, 3 doubtful (the 2019 draft's 可疑), 4 loss")                        \
    X(renewal_medium_until, FB_SETTING_COUNT, 20270930, 0, 99991231, "中型企业续贷截止到期日",     \
      "A medium enterprise's loan maturing by this day (YYYYMMDD) may be renewed as a small or "   \
      "micro one's (金规〔2024〕13号: to 2027-09-30); 0: none")                                    \
    X(pool_leverage, FB_SETTING_COUNT, 10, 1, FB_POOL_LEVERAGE_MAX, "风险补偿资金池放大倍数",      \
      "A new pool's leverage cap: covered balance at most this many times its balance (a "         \
      "typical local term, 10x; each scheme its own)")                                             \
    X(pool_share, FB_SETTING_PERCENT, 500000, 1, 1000000, "风险补偿资金池本金损失分担比例",        \
      "A new pool's share of a covered loan's principal loss, and of what is recovered after "     \
      "(typical 50%; each scheme its own)")                                                        \
    X(pool_overdue_days, FB_SETTING_COUNT, 90, 1, FB_POOL_OVERDUE_DAYS_MAX,                        \
      "风险补偿资金池逾期补偿天数",                                                                \
      "A covered loan this many days past due may be claimed on a new pool (it may be claimed "    \
      "once written off, too)")                                                                    \
    X(pool_npl_ceiling, FB_SETTING_PERCENT, 50000, 1, 1000000, "风险补偿资金池暂停新增不良率",     \
      "New coverage of a new pool is suspended while its covered loans' NPL ratio is above this "  \
      "(typical 5%)")                                                                              \
    X(subsidy_year_days, FB_SETTING_COUNT, 360, 360, 366, "贴息计息天数基准",                      \
      "An interest subsidy accrues principal x rate / this many days a day (360: as the "          \
      "bank's interest; 365 or 366 where a scheme says so)")                                       \
    X(guarantee_share_company, FB_SETTING_PERCENT, 400000, 0, 1000000, "融资担保机构分险比例",     \
      "The guarantee company's share of a guaranteed loan's risk (4:2:2:2: 40%, customary from "   \
      "国办发〔2019〕6号's minima); the four shares must sum to 100%")                             \
    X(guarantee_share_national, FB_SETTING_PERCENT, 200000, 0, 1000000,                            \
      "国家融资担保基金分险比例", "The national financing guarantee fund's share (20%)")           \
    X(guarantee_share_provincial, FB_SETTING_PERCENT, 200000, 0, 1000000,                          \
      "省级再担保机构分险比例", "The provincial re-guarantee's share (20%: at least the fund's)")  \
    X(guarantee_share_bank, FB_SETTING_PERCENT, 200000, 0, 1000000, "银行分险比例",                \
      "The bank's own share (20%: in principle at least 20%)")                                     \
    X(guarantee_fee, FB_SETTING_PERCENT, 10000, 0, 1000000, "担保费率（年）",                      \
      "A guarantee's fee a year on the part guaranteed (1%: the small-micro target)")              \
    X(guarantee_pay_days, FB_SETTING_COUNT, 90, 1, 365, "代偿期限（天）",                          \
      "Days the guarantors have to pay their parts of a claim")                                    \
    X(guarantee_default_days, FB_SETTING_COUNT, 90, 1, 1095, "代偿触发逾期天数",                   \
      "A guaranteed loan this many days past due may be claimed on (or once written off)")         \
    X(provision_special_mention, FB_SETTING_PERCENT, 20000, 0, 1000000, "关注类专项准备比例",      \
      "The specific provision of a special-mention loan's principal (default 2%)")                 \
    X(provision_substandard, FB_SETTING_PERCENT, 250000, 0, 1000000, "次级类专项准备比例",         \
      "The specific provision of a substandard loan's principal (default 25%)")                    \
    X(provision_doubtful, FB_SETTING_PERCENT, 500000, 0, 1000000, "可疑类专项准备比例",            \
      "The specific provision of a doubtful loan's principal (default 50%)")                       \
    X(provision_loss, FB_SETTING_PERCENT, 1000000, 0, 1000000, "损失类专项准备比例",               \
      "The specific provision of a loss loan's principal (default 100%)")                          \
    X(provision_general, FB_SETTING_PERCENT, 15000, 0, 1000000, "一般准备比例",                    \
      "The general provision of every loan's principal (default 1.5%: 财金〔2012〕20号's floor)")  \
    X(provision_coverage_floor, FB_SETTING_PERCENT, 1500000, 1200000, 1500000,                     \
      "拨备覆盖率监管要求",                                                                        \
      "The floor on provisions over non-performing loans (150%; 120% to 150%: 银监发〔2018〕7号)") \
    X(provision_ratio_floor, FB_SETTING_PERCENT, 25000, 15000, 25000, "贷款拨备率监管要求",        \
      "The floor on provisions over all loans (2.5%; 1.5% to 2.5%: 银监发〔2018〕7号)")            \
    X(technical_overdue_days, FB_SETTING_COUNT, 0, 0, 7, "技术性短期逾期天数",                     \
      "An overdue of at most this many days is the operational or technical short overdue the "    \
      "2023 rule excepts from special mention (7天内); 0: none is")                                \
    X(cross_bank_share, FB_SETTING_PERCENT, 200000, 0, 200000, "他行逾期90天以上债务占比",         \
      "A non-retail debtor with more than this share of its debts at all banks more than 90 "      \
      "days overdue, by its credit report, is at least substandard (2023 rule: 20%)")              \
    X(contagion_guarantee_exempt, FB_SETTING_FLAG, 0, 0, 1, "全额融资担保视为认可的增信方式",      \
      "A loan guaranteed in full by a government financing guarantee is taken as a credit "        \
      "enhancement the 10% rule excepts (第七条: 经国务院金融管理部门认可的增信方式除外)")         \
    X(extension_lpr_bracket, FB_SETTING_FLAG, 1, 0, 1, "展期后期限跨档按5年期以上LPR计息",         \
      "An LPR loan whose term with its extensions passes five years takes the 5-year-plus LPR, "   \
      "spread kept, from the extension's date (贷款通则 第十四条, the LPR's tenors as brackets)")  \
    X(guarantee_fee_year_days, FB_SETTING_COUNT, 360, 360, 366, "担保费计费天数基准",              \
      "A guarantee's fee accrues the part guaranteed x its rate / this many days a day (360: "     \
      "年费率/360, as the bank's interest; 365 where a guarantee contract says so)")               \
    X(guarantee_fee_collect_months, FB_SETTING_COUNT, 3, 0, 12, "担保费收取周期（月）",            \
      "The fee accrued is collected from the borrower's deposit at the close of each month "       \
      "whose number this divides (3: each quarter's last day; 1: each month's; 0: never)")

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

/* The decision's level is never shorter than the first response's. */
static int levels_ordered(fb_book *book, const char *key, int64_t value) {
    FB_ASSERT(book != NULL && key != NULL);
    bool response = strcmp(key, "demand_response_days") == 0;
    FB_ASSERT(response || strcmp(key, "demand_decision_days") == 0);
    int64_t other = 0;
    int rc =
        fb_setting_get(book, response ? "demand_decision_days" : "demand_response_days", &other);
    if (rc == FB_OK && (response ? value > other : value < other)) {
        return fb__book_refuse(book, FB_EINVAL,
                               "%s must be %s %s (%lld working days): a demand is first answered, "
                               "then decided",
                               key, response ? "at most" : "at least",
                               response ? "demand_decision_days" : "demand_response_days",
                               (long long)other);
    }
    return rc;
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
    if (strncmp(s->key, "demand_", 7) == 0) rc = levels_ordered(book, s->key, value);
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
