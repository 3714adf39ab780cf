/* export_records.c — the exports of the book's records, as the book holds them now: parties,
 * facilities, loans, every active loan's schedule, the certificate parts outstanding and the
 * largest exposures. Each is a table of columns over a row, and a fetch that fills the row from
 * the book's API (its records, positions and ledger balances), walked by keyset pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "wire/export_table.h"

/* What a party holds in its deposit account: the credits posted less the debits. */
static int64_t deposit_balance(fb_book *book, const char *account) {
    fb_account a;
    if (fb_ledger_get_account(fb_book_ledger(book), account, &a) != FB_OK) return 0;
    return a.credits_posted_fen - a.debits_posted_fen;
}

/* The borrower's name and city, for a row that names a record of it. */
static int borrower(fb_book *book, const char *party, char *name, size_t cap, int32_t *city) {
    fb_party p;
    int rc = fb_party_get(book, party, &p);
    if (rc) return rc == FB_ENOTFOUND ? FB_OK : rc;
    snprintf(name, cap, "%s", p.name);
    *city = p.city;
    return FB_OK;
}

/* ---- Parties -------------------------------------------------------------------------------- */

typedef struct {
    fb_party p;
    bool high_tech, specialized, little_giant;
    int64_t deposit_fen;
} party_row;

static const fb__column party_columns[] = {
    FB__TEXT(party_row, p.id, "借款人编号"),
    FB__TEXT(party_row, p.name, "名称"),
    FB__TERM(party_row, p.kind, FB_VOCAB_PARTY_KIND, "主体类型"),
    FB__TEXT(party_row, p.uscc, "统一社会信用代码"),
    FB__COL(party_row, CODE, p.region, "注册地区划代码"),
    FB__COL(party_row, CITY, p.city, "所在城市"),
    FB__COL(party_row, INDUSTRY, p.industry, "行业代码（GB/T 4754）"),
    FB__TERM_KEY(party_row, p.key_chain, FB_VOCAB_CHAIN, "重点产业链"),
    FB__TERM(party_row, p.size_class, FB_VOCAB_SIZE, "企业规模"),
    FB__COL(party_row, NUMBER, p.figures.employees, "从业人员"),
    FB__COL(party_row, MONEY, p.figures.revenue_fen, "营业收入（元）"),
    FB__COL(party_row, MONEY, p.figures.total_assets_fen, "资产总额（元）"),
    FB__COL(party_row, BOOL, p.tech_sme, "科技型中小企业"),
    FB__COL(party_row, BOOL, high_tech, "高新技术企业"),
    FB__COL(party_row, BOOL, specialized, "专精特新"),
    FB__COL(party_row, BOOL, little_giant, "专精特新“小巨人”"),
    FB__TEXT(party_row, p.deposit_account, "结算账户"),
    FB__COL(party_row, MONEY, deposit_fen, "结算账户余额（元）"),
    FB__TEXT(party_row, p.resident_id, "公民身份号码"),
};

static int fetch_party(fb_book *book, const fb_export_request *q, const char *id, void *row,
                       bool *skip) {
    (void)q;
    party_row *r = row;
    int rc = fb_party_get(book, id, &r->p);
    *skip = rc == FB_ENOTFOUND;
    if (rc) return *skip ? FB_OK : rc;
    r->high_tech = r->p.flags & FB_PARTY_HIGH_TECH;
    r->specialized = r->p.flags & FB_PARTY_SPECIALIZED_SME;
    r->little_giant = r->p.flags & FB_PARTY_LITTLE_GIANT;
    r->deposit_fen = deposit_balance(book, r->p.deposit_account);
    return FB_OK;
}

static int open_parties(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                        size_t cap) {
    (void)book, (void)why, (void)cap;
    return fb__rows_records(it, FB_PAGE_PARTIES, fetch_party, q);
}

const fb__kind fb__kind_parties = {"parties",
                                   "借款人名录",
                                   true,
                                   true,
                                   sizeof(party_row),
                                   party_columns,
                                   sizeof party_columns / sizeof party_columns[0],
                                   open_parties};

/* ---- Facilities ----------------------------------------------------------------------------- */

typedef struct {
    fb_facility f;
    char party_name[FB_NAME_MAX + 1];
    int32_t city;
    int64_t available_fen, drawn_fen;
} facility_row;

static const fb__column facility_columns[] = {
    FB__TEXT(facility_row, f.id, "授信编号"),
    FB__TEXT(facility_row, f.party, "借款人编号"),
    FB__TEXT(facility_row, party_name, "借款人名称"),
    FB__COL(facility_row, CITY, city, "所在城市"),
    FB__TERM(facility_row, f.line, FB_VOCAB_LINE, "业务条线"),
    FB__COL(facility_row, MONEY, f.limit_fen, "授信额度（元）"),
    FB__COL(facility_row, MONEY, drawn_fen, "已用额度（元）"),
    FB__COL(facility_row, MONEY, available_fen, "可用额度（元）"),
    FB__COL(facility_row, DATE, f.start_date, "起始日"),
    FB__COL(facility_row, DATE, f.end_date, "到期日"),
    FB__COL(facility_row, BOOL, f.revolving, "循环额度"),
    FB__TEXT(facility_row, f.project, "重大项目"),
    FB__TEXT(facility_row, f.green_item, "绿色金融支持项目目录"),
    FB__COL(facility_row, MONEY, f.party_total_credit_fen, "借款人授信总额（元）"),
    FB__COL(facility_row, BOOL, f.inclusive_cbirc, "普惠型小微（监管口径）"),
    FB__COL(facility_row, BOOL, f.inclusive_pboc, "普惠型小微（人民银行口径）"),
    FB__TERM(facility_row, f.status, FB_VOCAB_FACILITY_STATUS, "额度状态"),
};

static int fetch_facility(fb_book *book, const fb_export_request *q, const char *id, void *row,
                          bool *skip) {
    facility_row *r = row;
    int rc = fb_facility_get(book, id, &r->f);
    *skip = rc == FB_ENOTFOUND || (rc == FB_OK && r->f.start_date > q->as_of);
    if (rc || *skip) return rc == FB_ENOTFOUND ? FB_OK : rc;
    rc = fb_facility_limits(book, &r->f, &r->available_fen, &r->drawn_fen);
    if (rc) return rc;
    return borrower(book, r->f.party, r->party_name, sizeof r->party_name, &r->city);
}

static int open_facilities(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                           size_t cap) {
    (void)book, (void)why, (void)cap;
    return fb__rows_records(it, FB_PAGE_FACILITIES, fetch_facility, q);
}

const fb__kind fb__kind_facilities = {"facilities",
                                      "授信明细",
                                      true,
                                      true,
                                      sizeof(facility_row),
                                      facility_columns,
                                      sizeof facility_columns / sizeof facility_columns[0],
                                      open_facilities};

/* ---- Loans ---------------------------------------------------------------------------------- */

typedef struct {
    fb_loan x;
    fb_loan_position pos;
    char party_name[FB_NAME_MAX + 1];
    int32_t city;
    bool lpr;          /* priced on the LPR */
    int32_t lpr_years; /* its tenor: 1 or 5, 0 for a fixed rate */
    int32_t repayment_day;
    bool auto_collect, business_purpose;
    bool not_repaid;   /* no arrears repaid on a non-performing loan's way up: no count of it */
    bool not_observed; /* not an active restructured loan: no observation period */
    bool no_floor;     /* no officer's floor */
} loan_row;

static const fb__column loan_columns[] = {
    FB__TEXT(loan_row, x.id, "贷款编号"),
    FB__TEXT(loan_row, x.facility, "授信编号"),
    FB__TEXT(loan_row, x.party, "借款人编号"),
    FB__TEXT(loan_row, party_name, "借款人名称"),
    FB__COL(loan_row, CITY, city, "所在城市"),
    FB__TERM(loan_row, x.line, FB_VOCAB_LINE, "业务条线"),
    FB__TERM(loan_row, pos.status, FB_VOCAB_LOAN_STATUS, "贷款状态"),
    FB__COL(loan_row, MONEY, x.terms.principal_fen, "发放金额（元）"),
    FB__COL(loan_row, DATE, x.terms.start_date, "起息日"),
    FB__COL(loan_row, DATE, x.maturity_date, "到期日"),
    FB__COL(loan_row, NUMBER, x.terms.months, "期限（月）"),
    FB__TERM(loan_row, x.terms.method, FB_VOCAB_METHOD, "还款方式"),
    FB__TERM(loan_row, x.terms.day_count, FB_VOCAB_DAY_COUNT, "计息基础"),
    FB__COL(loan_row, BOOL, lpr, "LPR定价"),
    FB__COL(loan_row, NUMBER, x.spread_bp, "LPR加点（基点）"),
    FB__COL(loan_row, RATE, pos.rate_e6, "执行年利率（%）"),
    FB__COL(loan_row, MONEY, pos.principal_fen, "本金余额（元）"),
    FB__COL(loan_row, MONEY, pos.principal_overdue_fen, "逾期本金（元）"),
    FB__COL(loan_row, MONEY, pos.interest_overdue_fen, "逾期利息（元）"),
    FB__COL(loan_row, MONEY, pos.interest_accrued_fen, "应计利息（元）"),
    FB__COL(loan_row, MONEY, pos.penalty_fen, "罚息及复利（元）"),
    FB__COL(loan_row, COUNT, pos.days_past_due, "逾期天数"),
    FB__TERM(loan_row, pos.loan_class, FB_VOCAB_CLASS, "五级分类"),
    FB__COL(loan_row, BOOL, pos.nonaccrual, "非应计"),
    FB__COL(loan_row, MONEY, pos.offbal_interest_fen, "表外应收利息（元）"),
    FB__COL(loan_row, MONEY, pos.offbal_penalty_fen, "表外罚息及复利（元）"),
    FB__COL(loan_row, NUMBER, pos.installment, "当前期次"),
    FB__COL(loan_row, NUMBER, pos.installments, "总期数"),
    FB__COL(loan_row, BOOL, x.inclusive_cbirc, "普惠型小微（监管口径）"),
    FB__COL(loan_row, BOOL, x.inclusive_pboc, "普惠型小微（人民银行口径）"),
    FB__TEXT(loan_row, x.green_item, "绿色金融支持项目目录"),
    FB__TEXT(loan_row, x.project, "重大项目"),
    FB__COL(loan_row, MONEY, pos.prepaid_fen, "提前还款本金（元）"),
    FB__COL(loan_row, MONEY, pos.written_off_fen, "核销金额（元）"),
    FB__COL(loan_row, MONEY, pos.recovered_fen, "核销后收回（元）"),
    FB__COL(loan_row, NUMBER, lpr_years, "LPR期限（年）"),
    FB__COL(loan_row, NUMBER, repayment_day, "还款日"),
    FB__COL(loan_row, NUMBER, x.penalty_markup_pct, "罚息上浮比例（%）"),
    FB__COL(loan_row, BOOL, auto_collect, "自动扣款"),
    FB__COL(loan_row, BOOL, business_purpose, "经营用途"),
    FB__COL(loan_row, BOOL, pos.restructured, "重组贷款"), /* as it stands, not as drawn */
    FB__TERM(loan_row, x.payment, FB_VOCAB_PAYMENT, "支付方式"),
    FB__TEXT(loan_row, x.payee, "受托支付收款人编号"),
    FB__TEXT(loan_row, x.payee_account, "受托支付收款账号"),
    FB__TEXT(loan_row, x.payee_name, "受托支付收款户名"),
    FB__TEXT(loan_row, x.purpose, "贷款用途"),
    FB__COL(loan_row, COUNT, pos.penalty_remainder, "罚息计提余数"),
    FB__COL(loan_row, DATE, pos.arrears_repaid, "欠款结清日"),
    FB__COL_HIDDEN(loan_row, COUNT, pos.paid_on_time, not_repaid, "结清后按期还款期数"),
    FB__COL_HIDDEN(loan_row, DATE, pos.observation_start, not_observed, "重组观察期起始日"),
    FB__COL_HIDDEN(loan_row, DATE, pos.observation_end, not_observed, "重组观察期结束日"),
    {"观察期分类下限", FB__COL_TERM, FB__FIELD(loan_row, pos.observation_floor, FB__SIZE_TERM),
     FB_VOCAB_CLASS, 0, 1 + FB__FIELD(loan_row, not_observed, sizeof(bool))},
    FB__COL_HIDDEN(loan_row, BOOL, pos.observation_missed, not_observed, "观察期内未按期还款"),
    FB__COL_HIDDEN(loan_row, BOOL, pos.difficulty_resolved, not_observed, "财务困难已解决"),
    {"人工分类下限", FB__COL_TERM, FB__FIELD(loan_row, pos.manual_floor, FB__SIZE_TERM),
     FB_VOCAB_CLASS, 0, 1 + FB__FIELD(loan_row, no_floor, sizeof(bool))},
    FB__COL(loan_row, MONEY, pos.capitalised_fen, "资本化利息（元）"),
};

static int fetch_loan(fb_book *book, const fb_export_request *q, const char *id, void *row,
                      bool *skip) {
    loan_row *r = row;
    int rc = fb_loan_get(book, id, &r->x);
    *skip = rc == FB_ENOTFOUND || (rc == FB_OK && r->x.terms.start_date > q->as_of);
    if (rc || *skip) return rc == FB_ENOTFOUND ? FB_OK : rc;
    r->lpr = r->x.rate_kind == FB_RATE_LPR;
    r->lpr_years = r->lpr ? r->x.lpr_tenor_years : 0;
    r->repayment_day = r->x.terms.repayment_day;
    r->auto_collect = !r->x.manual_collection;
    r->business_purpose = !r->x.personal_purpose;
    rc = fb_loan_position_read(book, id, -1, &r->pos); /* no technical_overdue in an export */
    if (rc) return rc;
    r->not_repaid = r->pos.arrears_repaid == 0;
    bool active = r->pos.status == FB_LOAN_ACTIVE;
    r->not_observed = !(active && r->pos.restructured);
    r->no_floor = !active || r->pos.manual_floor == FB_CLASS_NORMAL;
    return borrower(book, r->x.party, r->party_name, sizeof r->party_name, &r->city);
}

static int open_loans(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                      size_t cap) {
    (void)book, (void)why, (void)cap;
    return fb__rows_records(it, FB_PAGE_LOANS, fetch_loan, q);
}

const fb__kind fb__kind_loans = {"loans",
                                 "贷款明细",
                                 true,
                                 true,
                                 sizeof(loan_row),
                                 loan_columns,
                                 sizeof loan_columns / sizeof loan_columns[0],
                                 open_loans};

/* ---- Schedules: every active loan's installments ------------------------------------------- */

typedef struct {
    char loan[FB_LOAN_ID_MAX + 1];
    char party[FB_PARTY_ID_MAX + 1];
    fb_installment i;
    bool due; /* fallen due: before the installment now running */
} schedule_row;

static const fb__column schedule_columns[] = {
    FB__TEXT(schedule_row, loan, "贷款编号"),
    FB__TEXT(schedule_row, party, "借款人编号"),
    FB__COL(schedule_row, NUMBER, i.n, "期次"),
    FB__COL(schedule_row, DATE, i.period_start, "计息起日"),
    FB__COL(schedule_row, DATE, i.due_date, "应还日"),
    FB__COL(schedule_row, MONEY, i.payment_fen, "应还金额（元）"),
    FB__COL(schedule_row, MONEY, i.principal_fen, "应还本金（元）"),
    FB__COL(schedule_row, MONEY, i.interest_fen, "应还利息（元）"),
    FB__COL(schedule_row, MONEY, i.balance_fen, "剩余本金（元）"),
    FB__COL(schedule_row, BOOL, due, "已到期"),
};

/* The loans by pages, and the schedule of the one being written. */
typedef struct {
    fb__rows loans; /* ids of active loans; each fetched into `current` */
    schedule_row current;
    int32_t running; /* the loan's installment now running */
    fb_installment sched[FB_LOAN_MONTHS_MAX];
    size_t n, at;
} schedule_state;

static int fetch_scheduled(fb_book *book, const fb_export_request *q, const char *id, void *row,
                           bool *skip) {
    fb_loan x;
    int rc = fb_loan_get(book, id, &x);
    *skip = rc == FB_ENOTFOUND || (rc == FB_OK && x.terms.start_date > q->as_of);
    if (rc || *skip) return rc == FB_ENOTFOUND ? FB_OK : rc;
    schedule_state *s = row;
    snprintf(s->current.loan, sizeof s->current.loan, "%s", x.id);
    snprintf(s->current.party, sizeof s->current.party, "%s", x.party);
    fb_loan_position pos;
    rc = fb_loan_position_read(book, id, -1, &pos);
    s->running = pos.installment;
    s->at = 0;
    if (rc == FB_OK) rc = fb_loan_schedule(book, id, s->sched, FB_LOAN_MONTHS_MAX, &s->n);
    return rc;
}

static int schedule_next(fb__rows *it, fb_book *book, void *row, bool *got) {
    schedule_state *s = it->state;
    *got = false;
    while (s->at == s->n) {
        bool more = false;
        int rc = s->loans.next(&s->loans, book, s, &more);
        if (rc || !more) return rc;
    }
    schedule_row *r = row;
    *r = s->current;
    r->i = s->sched[s->at++];
    r->due = r->i.n < s->running;
    *got = true;
    return FB_OK;
}

static void schedule_close(fb__rows *it) {
    schedule_state *s = it->state;
    if (s && s->loans.close) s->loans.close(&s->loans);
    free(s);
    it->state = NULL;
}

static int open_schedules(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                          size_t cap) {
    (void)book, (void)why, (void)cap;
    schedule_state *s = calloc(1, sizeof *s);
    if (!s) return FB_ENOMEM;
    it->state = s;
    it->next = schedule_next;
    it->close = schedule_close;
    return fb__rows_records(&s->loans, FB_PAGE_ACTIVE_LOANS, fetch_scheduled, q);
}

const fb__kind fb__kind_schedules = {"schedules",
                                     "还款计划",
                                     true,
                                     true,
                                     sizeof(schedule_row),
                                     schedule_columns,
                                     sizeof schedule_columns / sizeof schedule_columns[0],
                                     open_schedules};

/* ---- Certificates: the parts outstanding ---------------------------------------------------- */

typedef struct {
    fb_certificate c;
    int64_t amount_fen;
    char core_name[FB_NAME_MAX + 1];
    int32_t core_city;
    char holder_name[FB_NAME_MAX + 1];
    int32_t holder_city;
    bool bank_holds;
} cert_row;

static const fb__column cert_columns[] = {
    FB__TEXT(cert_row, c.id, "凭证编号"),
    FB__TEXT(cert_row, c.root, "原始凭证编号"),
    FB__TEXT(cert_row, c.core, "核心企业编号"),
    FB__TEXT(cert_row, core_name, "核心企业名称"),
    FB__COL(cert_row, CITY, core_city, "核心企业所在城市"),
    FB__TEXT(cert_row, c.facility, "授信编号"),
    FB__COL(cert_row, BOOL, bank_holds, "本行持有"),
    FB__TEXT(cert_row, c.holder, "持有人编号"),
    FB__TEXT(cert_row, holder_name, "持有人名称"),
    FB__COL(cert_row, CITY, holder_city, "持有人所在城市"),
    FB__COL(cert_row, MONEY, amount_fen, "金额（元）"),
    FB__TERM(cert_row, c.status, FB_VOCAB_CERT_STATUS, "状态"),
    FB__COL(cert_row, DATE, c.issue_date, "签发日"),
    FB__COL(cert_row, DATE, c.maturity, "到期日"),
    FB__COL(cert_row, DATE, c.date, "取得日"),
    FB__COL(cert_row, RATE, c.discount_rate_e6, "贴现年利率（%）"),
    FB__COL(cert_row, MONEY, c.discount_fen, "贴现利息（元）"),
    FB__TEXT(cert_row, c.contract, "合同编号"),
    FB__TEXT(cert_row, c.invoice, "发票号码"),
    FB__TEXT(cert_row, c.from, "前手编号"),
};

static int fetch_cert(fb_book *book, const fb_export_request *q, const char *id, void *row,
                      bool *skip) {
    cert_row *r = row;
    int rc = fb_cert_get(book, id, &r->c);
    *skip = rc == FB_ENOTFOUND || (rc == FB_OK && r->c.date > q->as_of);
    if (rc || *skip) return rc == FB_ENOTFOUND ? FB_OK : rc;
    r->amount_fen = r->c.range_end - r->c.range_start;
    r->bank_holds = r->c.holder[0] == 0;
    rc = borrower(book, r->c.core, r->core_name, sizeof r->core_name, &r->core_city);
    if (rc == FB_OK && !r->bank_holds) {
        rc = borrower(book, r->c.holder, r->holder_name, sizeof r->holder_name, &r->holder_city);
    }
    return rc;
}

static int open_certs(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                      size_t cap) {
    (void)book, (void)why, (void)cap;
    return fb__rows_records(it, FB_PAGE_CERTIFICATES_OUTSTANDING, fetch_cert, q);
}

const fb__kind fb__kind_certificates = {"certificates",
                                        "供应链凭证（未结清）",
                                        true,
                                        true,
                                        sizeof(cert_row),
                                        cert_columns,
                                        sizeof cert_columns / sizeof cert_columns[0],
                                        open_certs};

/* ---- Exposures: the largest borrowers by principal outstanding ----------------------------- */

/* Borrowers an export of exposures lists by default, and at most (as the API's report). */
enum { EXPOSURES_DEFAULT = 100, EXPOSURES_MAX = 1000 };

typedef struct {
    int32_t rank;
    fb_exposure e;
    int32_t city;
} exposure_row;

static const fb__column exposure_columns[] = {
    FB__COL(exposure_row, NUMBER, rank, "排名"),
    FB__TEXT(exposure_row, e.party, "借款人编号"),
    FB__TEXT(exposure_row, e.name, "借款人名称"),
    FB__COL(exposure_row, CITY, city, "所在城市"),
    FB__COL(exposure_row, MONEY, e.principal_fen, "贷款本金余额（元）"),
};

static int open_exposures(fb_book *book, const fb_export_request *q, fb__rows *it, char *why,
                          size_t cap) {
    size_t limit = q->limit ? q->limit : EXPOSURES_DEFAULT;
    if (limit > EXPOSURES_MAX) {
        snprintf(why, cap, "exposures lists at most %d borrowers", EXPOSURES_MAX);
        return FB_EINVAL;
    }
    fb_exposure *e = calloc(limit, sizeof *e);
    exposure_row *rows = calloc(limit, sizeof *rows);
    size_t n = 0;
    int rc = e && rows ? fb_report_exposures_in(book, q->region, limit, e, &n) : FB_ENOMEM;
    for (size_t i = 0; rc == FB_OK && i < n; i++) {
        rows[i].rank = (int32_t)i + 1;
        rows[i].e = e[i];
        char name[FB_NAME_MAX + 1];
        rc = borrower(book, e[i].party, name, sizeof name, &rows[i].city);
    }
    free(e);
    if (rc) {
        free(rows);
        return rc;
    }
    snprintf(it->scope, sizeof it->scope, "前 %zu 名", limit);
    return fb__rows_array(it, rows, n, sizeof *rows);
}

const fb__kind fb__kind_exposures = {"exposures",
                                     "大额风险暴露",
                                     true,
                                     true,
                                     sizeof(exposure_row),
                                     exposure_columns,
                                     sizeof exposure_columns / sizeof exposure_columns[0],
                                     open_exposures};
