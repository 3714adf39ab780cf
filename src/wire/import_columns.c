/* import_columns.c — the templates of the import (docs/import.md): for each kind of record, its
 * columns with their Chinese headers (the exports' own, src/wire/export_records.c, so that an
 * exported file reads back) and English ones, how each cell is read, and how a row becomes the
 * book's (finbridge/import.h). Columns finbridge derives (a borrower's name and city beside its
 * id, a size class, an inclusive flag) are accepted and not read: the book derives them again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assert.h"
#include "core/vocab.h"
#include "wire/import_internal.h"

#define REQ true
#define OPT false
#define FAIL(f, r) return *field = (f), snprintf(why, cap, "%s", (r)), FB_EINVAL

bool fb__given_has(const fb__given *g, size_t column) {
    FB_ASSERT(column < 256);
    return (g->bits[column / 64] >> (column % 64)) & 1u;
}

/* ---- Control totals ------------------------------------------------------------------------ */

static const fb__icol control_cols[] = {
    FB__ICOL(fb__control_row, kind, "记录类型", "kind", FB__IC_KIND, REQ),
    FB__ICOL(fb__control_row, count, "笔数", "count", FB__IC_COUNT, REQ),
    FB__ICOL(fb__control_row, amount_fen, "金额合计（元）", "amount", FB__IC_MONEY, OPT),
    FB__ICOL(fb__control_row, overdue_fen, "逾期合计（元）", "overdue", FB__IC_MONEY, OPT),
};

static void control_init(void *row) {
    fb__control_row *c = row;
    c->kind = -1;
    c->amount_fen = c->overdue_fen = -1;
}

/* ---- Parties --------------------------------------------------------------------------------- */

typedef struct {
    fb_import_party b;
    bool high_tech, specialized, little_giant;
} party_in;

static const fb__icol party_cols[] = {
    FB__ICOL(party_in, b.party.id, "借款人编号", "id", FB__IC_ID, REQ),
    FB__ICOL(party_in, b.party.name, "名称", "name", FB__IC_TEXT, REQ),
    FB__ITERM(party_in, b.party.kind, "主体类型", "kind", FB_VOCAB_PARTY_KIND, REQ),
    FB__ICOL(party_in, b.party.uscc, "统一社会信用代码", "uscc", FB__IC_TEXT, REQ),
    FB__ICOL(party_in, b.party.resident_id, "公民身份号码", "resident_id", FB__IC_TEXT, OPT),
    FB__ICOL(party_in, b.party.region, "注册地区划代码", "region", FB__IC_REGION, REQ),
    FB__IGNORE("所在城市", "city"),
    FB__ICOL(party_in, b.party.industry, "行业代码（GB/T 4754）", "industry", FB__IC_INDUSTRY, REQ),
    FB__IGNORE("重点产业链", "key_chain"),
    FB__IGNORE("企业规模", "size_class"),
    FB__ICOL(party_in, b.party.figures.employees, "从业人员", "employees", FB__IC_INT, OPT),
    FB__ICOL(party_in, b.party.figures.revenue_fen, "营业收入（元）", "revenue", FB__IC_MONEY, OPT),
    FB__ICOL(party_in, b.party.figures.total_assets_fen, "资产总额（元）", "total_assets",
             FB__IC_MONEY, OPT),
    FB__IGNORE("科技型中小企业", "tech_sme"),
    FB__ICOL(party_in, high_tech, "高新技术企业", "high_tech", FB__IC_BOOL, OPT),
    FB__ICOL(party_in, specialized, "专精特新", "specialized_sme", FB__IC_BOOL, OPT),
    FB__ICOL(party_in, little_giant, "专精特新“小巨人”", "little_giant", FB__IC_BOOL, OPT),
    FB__IGNORE("结算账户", "deposit_account"),
    FB__ICOL(party_in, b.deposit_fen, "结算账户余额（元）", "deposit_balance", FB__IC_MONEY, OPT),
};

static int party_finish(void *row, const fb__given *given, const char **field, char *why,
                        size_t cap) {
    party_in *r = row;
    fb_party *p = &r->b.party;
    p->flags = (uint16_t)((r->high_tech ? FB_PARTY_HIGH_TECH : 0) |
                          (r->specialized ? FB_PARTY_SPECIALIZED_SME : 0) |
                          (r->little_giant ? FB_PARTY_LITTLE_GIANT : 0));
    /* An enterprise's size class needs its figures, and so does an owner's business's. */
    static const char *const figures[3] = {"employees", "revenue", "total_assets"};
    static const size_t at[3] = {10, 11, 12};
    for (int i = 0; p->kind != FB_PARTY_INDIVIDUAL_BUSINESS && i < 3; i++) {
        FB_ASSERT(strcmp(party_cols[at[i]].en, figures[i]) == 0);
        if (!fb__given_has(given, at[i])) FAIL(figures[i], "is required: the size class needs it");
    }
    return FB_OK;
}

static int party_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    party_in *v = rows;
    fb_import_party *b = malloc((n ? n : 1) * sizeof *b);
    if (!b) return FB_ENOMEM;
    for (size_t i = 0; i < n; i++)
        b[i] = v[i].b;
    int rc = fb_import_parties(im, b, n, out);
    free(b);
    return rc;
}

static void party_totals(const void *row, int64_t *amount, int64_t *overdue) {
    *amount = ((const party_in *)row)->b.deposit_fen;
    *overdue = 0;
}

/* ---- Facilities ------------------------------------------------------------------------------ */

static const fb__icol facility_cols[] = {
    FB__ICOL(fb_import_facility, facility.id, "授信编号", "id", FB__IC_ID, REQ),
    FB__ICOL(fb_import_facility, facility.party, "借款人编号", "party", FB__IC_ID, REQ),
    FB__IGNORE("借款人名称", "party_name"),
    FB__IGNORE("所在城市", "city"),
    FB__ITERM(fb_import_facility, facility.line, "业务条线", "line", FB_VOCAB_LINE, REQ),
    FB__ICOL(fb_import_facility, facility.limit_fen, "授信额度（元）", "limit", FB__IC_MONEY, REQ),
    FB__ICOL(fb_import_facility, drawn_fen, "已用额度（元）", "drawn", FB__IC_MONEY, OPT),
    FB__ICOL(fb_import_facility, available_fen, "可用额度（元）", "available", FB__IC_MONEY, OPT),
    FB__ICOL(fb_import_facility, facility.start_date, "起始日", "start_date", FB__IC_DATE, REQ),
    FB__ICOL(fb_import_facility, facility.end_date, "到期日", "end_date", FB__IC_DATE, REQ),
    FB__ICOL(fb_import_facility, facility.revolving, "循环额度", "revolving", FB__IC_BOOL, OPT),
    FB__ICOL(fb_import_facility, facility.project, "重大项目", "project", FB__IC_ID, OPT),
    FB__ICOL(fb_import_facility, facility.green_item, "绿色金融支持项目目录", "green_item",
             FB__IC_TEXT, OPT),
    FB__IGNORE("借款人授信总额（元）", "party_total_credit"),
    FB__IGNORE("普惠型小微（监管口径）", "inclusive"),
    FB__IGNORE("普惠型小微（人民银行口径）", "inclusive_pboc"),
    FB__ITERM(fb_import_facility, status, "额度状态", "status", FB_VOCAB_FACILITY_STATUS, OPT),
};

static void facility_init(void *row) {
    fb_import_facility *f = row;
    f->drawn_fen = f->available_fen = -1;
    f->status = FB_FACILITY_ACTIVE;
}

static int facility_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    return fb_import_facilities(im, rows, n, out);
}

static void facility_totals(const void *row, int64_t *amount, int64_t *overdue) {
    *amount = ((const fb_import_facility *)row)->facility.limit_fen;
    *overdue = 0;
}

/* ---- Schedules --------------------------------------------------------------------------- */

typedef struct {
    fb_import_installment b;
    int64_t payment_fen;
} schedule_in;

static const fb__icol schedule_cols[] = {
    FB__ICOL(schedule_in, b.loan, "贷款编号", "loan", FB__IC_ID, REQ),
    FB__IGNORE("借款人编号", "party"),
    FB__ICOL(schedule_in, b.installment.n, "期次", "n", FB__IC_INT, REQ),
    FB__ICOL(schedule_in, b.installment.period_start, "计息起日", "period_start", FB__IC_DATE, REQ),
    FB__ICOL(schedule_in, b.installment.due_date, "应还日", "due_date", FB__IC_DATE, REQ),
    FB__ICOL(schedule_in, payment_fen, "应还金额（元）", "payment", FB__IC_MONEY, OPT),
    FB__ICOL(schedule_in, b.installment.principal_fen, "应还本金（元）", "principal", FB__IC_MONEY,
             REQ),
    FB__ICOL(schedule_in, b.installment.interest_fen, "应还利息（元）", "interest", FB__IC_MONEY,
             REQ),
    FB__IGNORE("剩余本金（元）", "balance"),
    FB__IGNORE("已到期", "due"),
};

static void schedule_init(void *row) { ((schedule_in *)row)->payment_fen = -1; }

static int schedule_finish(void *row, const fb__given *given, const char **field, char *why,
                           size_t cap) {
    (void)given;
    schedule_in *r = row;
    fb_installment *i = &r->b.installment;
    i->payment_fen = i->principal_fen + i->interest_fen;
    if (r->payment_fen >= 0 && r->payment_fen != i->payment_fen) {
        FAIL("payment", "is not its principal and interest together");
    }
    return FB_OK;
}

static int schedule_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    schedule_in *v = rows;
    fb_import_installment *b = malloc((n ? n : 1) * sizeof *b);
    if (!b) return FB_ENOMEM;
    for (size_t i = 0; i < n; i++)
        b[i] = v[i].b;
    int rc = fb_import_installments(im, b, n, out);
    free(b);
    return rc;
}

static void schedule_totals(const void *row, int64_t *amount, int64_t *overdue) {
    *amount = ((const schedule_in *)row)->b.installment.principal_fen;
    *overdue = 0;
}

/* ---- Loans ------------------------------------------------------------------------------- */

typedef struct {
    fb_import_loan b;
    bool lpr, auto_collect, business_purpose;
    bool nonaccrual; /* b.position.nonaccrual when its cell is given */
    int32_t lpr_years;
} loan_in;

#define L(m) b.loan.m
#define P(m) b.position.m
static const fb__icol loan_cols[] = {
    FB__ICOL(loan_in, L(id), "贷款编号", "id", FB__IC_ID, REQ),
    FB__ICOL(loan_in, L(facility), "授信编号", "facility", FB__IC_ID, REQ),
    FB__ICOL(loan_in, L(party), "借款人编号", "party", FB__IC_ID, OPT),
    FB__IGNORE("借款人名称", "party_name"),
    FB__IGNORE("所在城市", "city"),
    FB__IGNORE("业务条线", "line"),
    FB__ITERM(loan_in, P(status), "贷款状态", "status", FB_VOCAB_LOAN_STATUS, OPT),
    FB__ICOL(loan_in, L(terms.principal_fen), "发放金额（元）", "amount", FB__IC_MONEY, REQ),
    FB__ICOL(loan_in, L(terms.start_date), "起息日", "start_date", FB__IC_DATE, REQ),
    FB__ICOL(loan_in, L(maturity_date), "到期日", "maturity_date", FB__IC_DATE, OPT),
    FB__ICOL(loan_in, L(terms.months), "期限（月）", "months", FB__IC_INT, REQ),
    FB__ITERM(loan_in, L(terms.method), "还款方式", "method", FB_VOCAB_METHOD, REQ),
    FB__ITERM(loan_in, L(terms.day_count), "计息基础", "day_count", FB_VOCAB_DAY_COUNT, OPT),
    FB__ICOL(loan_in, lpr, "LPR定价", "lpr", FB__IC_BOOL, OPT),
    FB__ICOL(loan_in, L(spread_bp), "LPR加点（基点）", "spread_bp", FB__IC_INT, OPT),
    FB__ICOL(loan_in, P(rate_e6), "执行年利率（%）", "rate", FB__IC_RATE, REQ),
    FB__ICOL(loan_in, P(principal_fen), "本金余额（元）", "principal", FB__IC_MONEY, REQ),
    FB__ICOL(loan_in, P(principal_overdue_fen), "逾期本金（元）", "principal_overdue", FB__IC_MONEY,
             OPT),
    FB__ICOL(loan_in, P(interest_overdue_fen), "逾期利息（元）", "interest_overdue", FB__IC_MONEY,
             OPT),
    FB__ICOL(loan_in, P(interest_accrued_fen), "应计利息（元）", "interest_accrued", FB__IC_MONEY,
             OPT),
    FB__ICOL(loan_in, P(penalty_fen), "罚息及复利（元）", "penalty", FB__IC_MONEY, OPT),
    FB__ICOL(loan_in, P(days_past_due), "逾期天数", "days_past_due", FB__IC_COUNT, OPT),
    FB__ITERM(loan_in, P(loan_class), "五级分类", "class", FB_VOCAB_CLASS, OPT),
    FB__ICOL(loan_in, nonaccrual, "非应计", "nonaccrual", FB__IC_BOOL, OPT),
    FB__ICOL(loan_in, P(offbal_interest_fen), "表外应收利息（元）", "offbal_interest", FB__IC_MONEY,
             OPT),
    FB__ICOL(loan_in, P(offbal_penalty_fen), "表外罚息及复利（元）", "offbal_penalty", FB__IC_MONEY,
             OPT),
    FB__ICOL(loan_in, P(installment), "当前期次", "installment", FB__IC_INT, REQ),
    FB__ICOL(loan_in, P(installments), "总期数", "installments", FB__IC_INT, REQ),
    FB__IGNORE("普惠型小微（监管口径）", "inclusive"),
    FB__IGNORE("普惠型小微（人民银行口径）", "inclusive_pboc"),
    FB__IGNORE("绿色金融支持项目目录", "green_item"),
    FB__IGNORE("重大项目", "project"),
    FB__ICOL(loan_in, P(prepaid_fen), "提前还款本金（元）", "prepaid", FB__IC_MONEY, OPT),
    FB__ICOL(loan_in, P(written_off_fen), "核销金额（元）", "written_off", FB__IC_MONEY, OPT),
    FB__ICOL(loan_in, P(recovered_fen), "核销后收回（元）", "recovered", FB__IC_MONEY, OPT),
    FB__ICOL(loan_in, lpr_years, "LPR期限（年）", "lpr_tenor", FB__IC_INT, OPT),
    FB__ICOL(loan_in, L(terms.repayment_day), "还款日", "repayment_day", FB__IC_INT, OPT),
    FB__ICOL(loan_in, L(penalty_markup_pct), "罚息上浮比例（%）", "penalty_markup", FB__IC_INT,
             OPT),
    FB__ICOL(loan_in, auto_collect, "自动扣款", "auto_collect", FB__IC_BOOL, OPT),
    FB__ICOL(loan_in, business_purpose, "经营用途", "business_purpose", FB__IC_BOOL, OPT),
    FB__ICOL(loan_in, L(restructured), "重组贷款", "restructured", FB__IC_BOOL, OPT),
    FB__ITERM(loan_in, L(payment), "支付方式", "payment", FB_VOCAB_PAYMENT, OPT),
    FB__ICOL(loan_in, L(payee), "受托支付收款人编号", "payee", FB__IC_ID, OPT),
    FB__ICOL(loan_in, L(payee_account), "受托支付收款账号", "payee_account", FB__IC_TEXT, OPT),
    FB__ICOL(loan_in, L(payee_name), "受托支付收款户名", "payee_name", FB__IC_TEXT, OPT),
    FB__ICOL(loan_in, L(purpose), "贷款用途", "purpose", FB__IC_TEXT, OPT),
    FB__ICOL(loan_in, P(penalty_remainder), "罚息计提余数", "penalty_remainder", FB__IC_COUNT, OPT),
    FB__ICOL(loan_in, P(arrears_repaid), "欠款结清日", "arrears_repaid", FB__IC_DATE, OPT),
    FB__ICOL(loan_in, P(paid_on_time), "结清后按期还款期数", "paid_on_time", FB__IC_COUNT, OPT),
    FB__ICOL(loan_in, P(observation_start), "重组观察期起始日", "observation_start", FB__IC_DATE,
             OPT),
    FB__ICOL(loan_in, P(observation_end), "重组观察期结束日", "observation_end", FB__IC_DATE, OPT),
    FB__ITERM(loan_in, P(observation_floor), "观察期分类下限", "observation_floor", FB_VOCAB_CLASS,
              OPT),
    FB__ICOL(loan_in, P(observation_missed), "观察期内未按期还款", "observation_missed",
             FB__IC_BOOL, OPT),
    FB__ICOL(loan_in, P(difficulty_resolved), "财务困难已解决", "difficulty_resolved", FB__IC_BOOL,
             OPT),
    FB__ITERM(loan_in, P(class_floor), "人工分类下限", "class_floor", FB_VOCAB_CLASS, OPT),
    FB__ICOL(loan_in, P(capitalised_fen), "资本化利息（元）", "capitalised", FB__IC_MONEY, OPT),
};
#undef L
#undef P

static void loan_init(void *row) {
    loan_in *r = row;
    r->b.loan.penalty_markup_pct = 50;
    r->b.loan.terms.day_count = FB_DAYCOUNT_ACT360;
    r->b.position.status = FB_LOAN_ACTIVE;
    r->b.position.interest_accrued_fen = -1;
    r->b.position.days_past_due = -1;
    r->b.position.loan_class = -1;
    r->b.position.nonaccrual = -1;
    r->b.position.offbal_interest_fen = r->b.position.offbal_penalty_fen = -1;
    r->b.position.paid_on_time = -1;
    r->auto_collect = r->business_purpose = true;
}

/* The column of the loans' template that says whether a loan is non-accrual. */
static size_t nonaccrual_column(void) {
    const size_t n = sizeof loan_cols / sizeof loan_cols[0];
    size_t i = 0;
    while (i < n && strcmp(loan_cols[i].en, "nonaccrual") != 0)
        i++;
    FB_ASSERT(i < n);
    return i;
}

static int loan_finish(void *row, const fb__given *given, const char **field, char *why,
                       size_t cap) {
    loan_in *r = row;
    if (fb__given_has(given, nonaccrual_column())) r->b.position.nonaccrual = r->nonaccrual;
    fb_loan *x = &r->b.loan;
    x->rate_kind = r->lpr ? FB_RATE_LPR : FB_RATE_FIXED;
    if (r->lpr_years != 0 && r->lpr_years != 1 && r->lpr_years != 5) {
        FAIL("lpr_tenor", "must be 1 or 5 (years), or 0 or blank for the term's");
    }
    if (!r->lpr && x->spread_bp) FAIL("spread_bp", "is for an LPR loan only");
    x->lpr_tenor_years = r->lpr ? r->lpr_years : 0;
    x->terms.rate_e6 = r->lpr ? 0 : r->b.position.rate_e6;
    x->manual_collection = !r->auto_collect;
    x->personal_purpose = !r->business_purpose;
    return FB_OK;
}

static int loan_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    loan_in *v = rows;
    fb_import_loan *b = malloc((n ? n : 1) * sizeof *b);
    if (!b) return FB_ENOMEM;
    for (size_t i = 0; i < n; i++)
        b[i] = v[i].b;
    int rc = fb_import_loans(im, b, n, out);
    free(b);
    return rc;
}

static void loan_totals(const void *row, int64_t *amount, int64_t *overdue) {
    const fb_import_position *p = &((const loan_in *)row)->b.position;
    *amount = p->principal_fen;
    *overdue = p->principal_overdue_fen + p->interest_overdue_fen;
}

/* ---- Certificates ------------------------------------------------------------------------ */

typedef struct {
    fb_import_certificate b;
    bool bank_holds;
} cert_in;

#define C(m) b.certificate.m
static const fb__icol cert_cols[] = {
    FB__ICOL(cert_in, C(id), "凭证编号", "id", FB__IC_ID, REQ),
    FB__IGNORE("原始凭证编号", "root"),
    FB__ICOL(cert_in, C(core), "核心企业编号", "core", FB__IC_ID, REQ),
    FB__IGNORE("核心企业名称", "core_name"),
    FB__IGNORE("核心企业所在城市", "core_city"),
    FB__ICOL(cert_in, C(facility), "授信编号", "facility", FB__IC_ID, REQ),
    FB__ICOL(cert_in, bank_holds, "本行持有", "bank_holds", FB__IC_BOOL, OPT),
    FB__ICOL(cert_in, C(holder), "持有人编号", "holder", FB__IC_ID, OPT),
    FB__IGNORE("持有人名称", "holder_name"),
    FB__IGNORE("持有人所在城市", "holder_city"),
    FB__ICOL(cert_in, b.amount_fen, "金额（元）", "amount", FB__IC_MONEY, REQ),
    FB__ITERM(cert_in, C(status), "状态", "status", FB_VOCAB_CERT_STATUS, REQ),
    FB__ICOL(cert_in, C(issue_date), "签发日", "issue_date", FB__IC_DATE, REQ),
    FB__ICOL(cert_in, C(maturity), "到期日", "maturity", FB__IC_DATE, REQ),
    FB__ICOL(cert_in, C(date), "取得日", "date", FB__IC_DATE, REQ),
    FB__ICOL(cert_in, C(discount_rate_e6), "贴现年利率（%）", "discount_rate", FB__IC_RATE, OPT),
    FB__ICOL(cert_in, C(discount_fen), "贴现利息（元）", "discount", FB__IC_MONEY, OPT),
    FB__ICOL(cert_in, C(contract), "合同编号", "contract", FB__IC_TEXT, OPT),
    FB__ICOL(cert_in, C(invoice), "发票号码", "invoice", FB__IC_TEXT, OPT),
    FB__ICOL(cert_in, C(from), "前手编号", "from", FB__IC_ID, OPT),
};
#undef C

static int cert_finish(void *row, const fb__given *given, const char **field, char *why,
                       size_t cap) {
    (void)given;
    cert_in *r = row;
    fb_certificate *c = &r->b.certificate;
    if (r->bank_holds) c->holder[0] = 0;
    if (!r->bank_holds && !c->holder[0]) FAIL("holder", "is required unless the bank holds it");
    return FB_OK;
}

static int cert_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    cert_in *v = rows;
    fb_import_certificate *b = malloc((n ? n : 1) * sizeof *b);
    if (!b) return FB_ENOMEM;
    for (size_t i = 0; i < n; i++)
        b[i] = v[i].b;
    int rc = fb_import_certificates(im, b, n, out);
    free(b);
    return rc;
}

static void cert_totals(const void *row, int64_t *amount, int64_t *overdue) {
    *amount = ((const cert_in *)row)->b.amount_fen;
    *overdue = 0;
}

/* ---- The daily feed ---------------------------------------------------------------------- */

static const fb__icol repayment_cols[] = {
    FB__ICOL(fb_import_repayment, source_id, "流水号", "source_id", FB__IC_ID, REQ),
    FB__ICOL(fb_import_repayment, loan, "贷款编号", "loan", FB__IC_ID, REQ),
    FB__ICOL(fb_import_repayment, date, "还款日期", "date", FB__IC_DATE, OPT),
    FB__ICOL(fb_import_repayment, amount_fen, "还款金额（元）", "amount", FB__IC_MONEY, REQ),
    FB__ITERM(fb_import_repayment, prepay, "提前还款方式", "prepay", FB_VOCAB_PREPAY, OPT),
};

static int repayment_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    return fb_import_repayments(im, rows, n, out);
}

static void repayment_totals(const void *row, int64_t *amount, int64_t *overdue) {
    *amount = ((const fb_import_repayment *)row)->amount_fen;
    *overdue = 0;
}

static const fb__icol class_cols[] = {
    FB__ICOL(fb_import_class_change, source_id, "流水号", "source_id", FB__IC_ID, REQ),
    FB__ICOL(fb_import_class_change, loan, "贷款编号", "loan", FB__IC_ID, REQ),
    FB__ICOL(fb_import_class_change, date, "调整日期", "date", FB__IC_DATE, OPT),
    FB__ITERM(fb_import_class_change, loan_class, "五级分类", "class", FB_VOCAB_CLASS, REQ),
    FB__ICOL(fb_import_class_change, restructured, "重组贷款", "restructured", FB__IC_BOOL, OPT),
    FB__ICOL(fb_import_class_change, reason, "调整原因", "reason", FB__IC_TEXT, OPT),
};

/* The restructured flag is three-way: blank leaves the loan's as it is. */
static void class_init(void *row) { ((fb_import_class_change *)row)->restructured = -1; }

static int class_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    return fb_import_class_changes(im, rows, n, out);
}

static const fb__icol write_off_cols[] = {
    FB__ICOL(fb_import_write_off, source_id, "流水号", "source_id", FB__IC_ID, REQ),
    FB__ICOL(fb_import_write_off, loan, "贷款编号", "loan", FB__IC_ID, REQ),
    FB__ICOL(fb_import_write_off, date, "核销日期", "date", FB__IC_DATE, OPT),
};

static int write_off_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    return fb_import_write_offs(im, rows, n, out);
}

static const fb__icol wealth_cols[] = {
    FB__ICOL(fb_import_wealth_row, source_id, "流水号", "source_id", FB__IC_ID, OPT),
    FB__ICOL(fb_import_wealth_row, date, "日期", "date", FB__IC_DATE, REQ),
    FB__ICOL(fb_import_wealth_row, city, "城市", "city", FB__IC_REGION, REQ),
    FB__ICOL(fb_import_wealth_row, products_fen, "个人理财产品余额（元）", "wealth_products",
             FB__IC_MONEY, OPT),
    FB__ICOL(fb_import_wealth_row, deposits_fen, "个人存款余额（元）", "wealth_deposits",
             FB__IC_MONEY, OPT),
    FB__ICOL(fb_import_wealth_row, pension_accounts, "个人养老金账户开户数", "pension_accounts",
             FB__IC_COUNT, OPT),
};

static void wealth_init(void *row) {
    fb_import_wealth_row *w = row;
    w->products_fen = w->deposits_fen = w->pension_accounts = -1;
}

static int wealth_submit(fb_import *im, void *rows, size_t n, fb_import_outcome *out) {
    return fb_import_wealth(im, rows, n, out);
}

static void wealth_totals(const void *row, int64_t *amount, int64_t *overdue) {
    const fb_import_wealth_row *w = row;
    *amount =
        (w->products_fen > 0 ? w->products_fen : 0) + (w->deposits_fen > 0 ? w->deposits_fen : 0);
    *overdue = 0;
}

/* ---- Balances for reconciliation --------------------------------------------------------- */

static const fb__icol balance_cols[] = {
    FB__ICOL(fb__balance_row, loan, "贷款编号", "id", FB__IC_ID, REQ),
    FB__ICOL(fb__balance_row, principal_fen, "本金余额（元）", "principal", FB__IC_MONEY, REQ),
    FB__ICOL(fb__balance_row, principal_overdue_fen, "逾期本金（元）", "principal_overdue",
             FB__IC_MONEY, OPT),
    FB__ICOL(fb__balance_row, interest_overdue_fen, "逾期利息（元）", "interest_overdue",
             FB__IC_MONEY, OPT),
    FB__ITERM(fb__balance_row, loan_class, "五级分类", "class", FB_VOCAB_CLASS, OPT),
};

static void balance_init(void *row) { ((fb__balance_row *)row)->loan_class = -1; }

static void no_totals(const void *row, int64_t *amount, int64_t *overdue) {
    (void)row;
    *amount = *overdue = 0;
}

#define N(cols) (cols), sizeof(cols) / sizeof((cols)[0])
const fb__ikind fb__ikinds[FB_IMPORT_KIND_COUNT_] = {
    [FB_IMPORT_CONTROL] = {"control", "控制总数", N(control_cols), sizeof(fb__control_row),
                           control_init, NULL, NULL, no_totals},
    [FB_IMPORT_PARTIES] = {"parties", "借款人名录", N(party_cols), sizeof(party_in), NULL,
                           party_finish, party_submit, party_totals},
    [FB_IMPORT_FACILITIES] = {"facilities", "授信明细", N(facility_cols),
                              sizeof(fb_import_facility), facility_init, NULL, facility_submit,
                              facility_totals},
    [FB_IMPORT_SCHEDULES] = {"schedules", "还款计划", N(schedule_cols), sizeof(schedule_in),
                             schedule_init, schedule_finish, schedule_submit, schedule_totals},
    [FB_IMPORT_LOANS] = {"loans", "贷款明细", N(loan_cols), sizeof(loan_in), loan_init, loan_finish,
                         loan_submit, loan_totals},
    [FB_IMPORT_CERTIFICATES] = {"certificates", "供应链凭证（未结清）", N(cert_cols),
                                sizeof(cert_in), NULL, cert_finish, cert_submit, cert_totals},
    [FB_IMPORT_WEALTH] = {"wealth", "财富金融", N(wealth_cols), sizeof(fb_import_wealth_row),
                          wealth_init, NULL, wealth_submit, wealth_totals},
    [FB_IMPORT_REPAYMENTS] = {"repayments", "还款流水", N(repayment_cols),
                              sizeof(fb_import_repayment), NULL, NULL, repayment_submit,
                              repayment_totals},
    [FB_IMPORT_CLASSES] = {"classes", "分类调整", N(class_cols), sizeof(fb_import_class_change),
                           class_init, NULL, class_submit, no_totals},
    [FB_IMPORT_WRITE_OFFS] = {"write_offs", "核销", N(write_off_cols), sizeof(fb_import_write_off),
                              NULL, NULL, write_off_submit, no_totals},
    [FB_IMPORT_BALANCES] = {"balances", "核心系统余额", N(balance_cols), sizeof(fb__balance_row),
                            balance_init, NULL, NULL, no_totals},
};
#undef N

const char *fb_import_kind_name(fb_import_kind k) {
    return (unsigned)k < FB_IMPORT_KIND_COUNT_ ? fb__ikinds[k].name : "unknown";
}

const char *fb_import_kind_title(fb_import_kind k) {
    return (unsigned)k < FB_IMPORT_KIND_COUNT_ ? fb__ikinds[k].title : "unknown";
}

int fb__ikind_named(const char *text) {
    for (int k = 0; k < FB_IMPORT_KIND_COUNT_; k++) {
        if (strcmp(text, fb__ikinds[k].name) == 0 || strcmp(text, fb__ikinds[k].title) == 0) {
            return k;
        }
    }
    return -1;
}
