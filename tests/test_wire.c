/* test_wire.c — the records' tables (src/wire/records_*.c) against the code that reads and writes
 * them, so that neither can drift from the other: every table is well formed; every decoder
 * accepts each input field of its table, reads it (a value of the wrong type is refused naming
 * it), requires the required ones, and refuses any other key, the fields it writes included;
 * every encoder writes what its table lists, each value of its type, and over the samples every
 * output field of the table appears. */
#include "book.h"
#include "test.h"
#include "wire/demand_json.h"
#include "wire/guarantee_json.h"
#include "wire/pool_json.h"
#include "wire/quality_json.h"
#include "wire/records.h"
#include "wire/subsidy_json.h"
#include "wire/view_json.h"

static char why[512];

/* ---- Every table is well formed ------------------------------------------------------------- */

static void check_table(const fb_wire_record *r, bool query) {
    EXPECT_TRUE(r->name && r->name[0] && r->noun && r->doc && r->n_fields > 0);
    for (size_t i = 0; i < r->n_fields; i++) {
        const fb_wire_field *f = &r->fields[i];
        if (!f->doc || !f->doc[0]) printf("    %s.%s has no description\n", r->name, f->name);
        EXPECT_TRUE(f->doc && f->doc[0]);
        EXPECT_TRUE(f->type > FB_WT_NONE && f->type < FB_WT_COUNT_);
        EXPECT_TRUE(f->flags & (FB_WF_IN | FB_WF_OUT | FB_WF_SOMETIMES));
        EXPECT_TRUE(!(f->flags & FB_WF_REQUIRED) || (f->flags & FB_WF_IN));
        EXPECT_TRUE(!query || f->flags == FB_WF_IN || f->flags == (FB_WF_IN | FB_WF_REQUIRED));
        for (size_t k = 0; k < i; k++)
            EXPECT_TRUE(strcmp(r->fields[k].name, f->name) != 0);
        bool named = f->type == FB_WT_ENUM || (f->item == FB_WT_ENUM);
        if (named) EXPECT_TRUE(f->values && fb_wire_value(f->values, 0) != NULL);
        if (f->type == FB_WT_RECORD || f->item == FB_WT_RECORD) EXPECT_TRUE(f->record != NULL);
        /* An example is JSON, and of the field's type where it is written. */
        if (f->type == FB_WT_RECORD || f->item == FB_WT_RECORD) continue;
        json_t *ex = f->example ? json_loads(f->example, JSON_DECODE_ANY, NULL) : NULL;
        if (!ex) printf("    %s.%s: no example, or not JSON\n", r->name, f->name);
        EXPECT_TRUE(ex != NULL);
        if (ex && (f->flags & (FB_WF_OUT | FB_WF_SOMETIMES)) &&
            !fb_wire_check_field(f, ex, why, sizeof why)) {
            printf("    %s.%s's example: %s\n", r->name, f->name, why);
            EXPECT_TRUE(false);
        }
        json_decref(ex);
    }
}

static void every_table_is_well_formed(void) {
    size_t n = 0;
    for (size_t i = 0; fb_wire_records[i]; i++, n++) {
        check_table(fb_wire_records[i], false);
        for (size_t k = 0; k < i; k++)
            EXPECT_TRUE(strcmp(fb_wire_records[k]->name, fb_wire_records[i]->name) != 0);
        EXPECT_TRUE(fb_wire_record_named(fb_wire_records[i]->name) == fb_wire_records[i]);
    }
    for (size_t i = 0; fb_wire_queries[i]; i++)
        check_table(fb_wire_queries[i], true);
    EXPECT_TRUE(n >= 40);
    /* The enumerations are the core's, whole: every ledger result, every measure, every line. */
    const fb_wire_field *result = fb_wire_field_named(&fb_wire_event_result, "result");
    int results = 0;
    while (fb_wire_value(result->values, results))
        results++;
    EXPECT_EQ_INT(FB_RESULT_COUNT_ + 1, results); /* and "invalid" */
    const fb_wire_field *measure = fb_wire_field_named(&fb_wire_target, "measure");
    for (int m = 0; m < FB_MEASURE_COUNT_; m++) {
        EXPECT_EQ_STR(fb_measure_name((fb_measure)m), fb_wire_value(measure->values, m));
        /* Every measure is a target one may give. */
        EXPECT_TRUE(fb_wire_field_named(&fb_wire_targets, fb_measure_name((fb_measure)m)));
    }
    const fb_wire_field *line = fb_wire_field_named(&fb_wire_facility, "line");
    for (int l = 0; l < FB_LINE_COUNT_; l++)
        EXPECT_EQ_STR(fb_line_name((fb_line)l), fb_wire_value(line->values, l));
    EXPECT_TRUE(fb_wire_value(line->values, FB_LINE_COUNT_) == NULL);
    EXPECT_EQ_STR("invalid",
                  fb_wire_value(fb_wire_field_named(&fb_wire_party_result, "result")->values, 6));
    /* A facility's change takes every kind but expire, the book's own. */
    const fb_wire_field *kind = fb_wire_field_named(&fb_wire_facility_change, "kind");
    for (int k = 0; k < FB_FACILITY_EXPIRE; k++) {
        EXPECT_EQ_STR(fb_facility_change_name((fb_facility_change_kind)k),
                      fb_wire_value(kind->values, k));
    }
    EXPECT_TRUE(fb_wire_value(kind->values, FB_FACILITY_EXPIRE) == NULL);
}

/* ---- Every decoder reads exactly its table --------------------------------------------------- */

typedef int decode_fn(const char *text, size_t len, fb_json_error *err);

static int party_(const char *t, size_t n, fb_json_error *e) {
    fb_party p;
    return fb_json_decode_party(t, n, &p, e);
}
static int facility_(const char *t, size_t n, fb_json_error *e) {
    fb_facility f;
    return fb_json_decode_facility(t, n, &f, e);
}
static int loan_(const char *t, size_t n, fb_json_error *e) {
    fb_loan x;
    return fb_json_decode_loan(t, n, &x, e);
}
static int facility_change(const char *t, size_t n, fb_json_error *e) {
    fb_facility_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.facility, sizeof c.facility, "f1");
    return fb_json_read_facility_change(t, n, &c, e);
}
static int issue(const char *t, size_t n, fb_json_error *e) {
    fb_cert_issue c;
    return fb_json_decode_cert_issue(t, n, &c, e);
}
static int cert_transfer(const char *t, size_t n, fb_json_error *e) {
    fb_cert_move m;
    return fb_json_decode_cert_move(t, n, false, &m, e);
}
static int cert_finance(const char *t, size_t n, fb_json_error *e) {
    fb_cert_move m;
    return fb_json_decode_cert_move(t, n, true, &m, e);
}
static int project(const char *t, size_t n, fb_json_error *e) {
    fb_project p;
    return fb_json_decode_project(t, n, &p, e);
}
static int agreement(const char *t, size_t n, fb_json_error *e) {
    static fb_agreement a;
    return fb_json_decode_agreement(t, n, &a, e);
}
static int servicing(const char *t, size_t n, fb_servicing op, fb_json_error *e) {
    fb_repayment r;
    memset(&r, 0, sizeof r);
    snprintf(r.loan, sizeof r.loan, "L1");
    return fb_json_read_servicing(t, n, op, &r, e);
}
static int repayment(const char *t, size_t n, fb_json_error *e) {
    return servicing(t, n, FB_SERVICING_REPAY, e);
}
static int write_off(const char *t, size_t n, fb_json_error *e) {
    return servicing(t, n, FB_SERVICING_WRITE_OFF, e);
}
static int recovery(const char *t, size_t n, fb_json_error *e) {
    return servicing(t, n, FB_SERVICING_RECOVER, e);
}
static int eod_(const char *t, size_t n, fb_json_error *e) {
    int32_t through = 0;
    return fb_json_read_eod(t, n, &through, e);
}
static int account(const char *t, size_t n, fb_json_error *e) {
    fb_account a;
    bool linked = false;
    return fb_json_decode_account(t, n, &a, &linked, e);
}
static int demand(const char *t, size_t n, fb_json_error *e) {
    static fb_demand d;
    return fb_json_read_demand(t, n, &d, e);
}
static int demand_step(const char *t, size_t n, fb_demand_status step, fb_json_error *e) {
    fb_demand_step s;
    memset(&s, 0, sizeof s);
    snprintf(s.demand, sizeof s.demand, "D1");
    return fb_json_read_demand_step(t, n, step, &s, e);
}
static int accept(const char *t, size_t n, fb_json_error *e) {
    return demand_step(t, n, FB_DEMAND_ACCEPTED, e);
}
static int contact(const char *t, size_t n, fb_json_error *e) {
    return demand_step(t, n, FB_DEMAND_CONTACTED, e);
}
static int grant(const char *t, size_t n, fb_json_error *e) {
    return demand_step(t, n, FB_DEMAND_GRANTED, e);
}
static int decline(const char *t, size_t n, fb_json_error *e) {
    return demand_step(t, n, FB_DEMAND_DECLINED, e);
}
static int withdraw(const char *t, size_t n, fb_json_error *e) {
    return demand_step(t, n, FB_DEMAND_WITHDRAWN, e);
}
static int calendar(const char *t, size_t n, fb_json_error *e) {
    static fb_calendar_year y;
    return fb_json_read_calendar_year(t, n, &y, e);
}
static int pool_(const char *t, size_t n, fb_json_error *e) {
    fb_pool p;
    return fb_json_read_pool(t, n, &p, e);
}
static int pool_act(const char *t, size_t n, fb_pool_act_kind kind, fb_json_error *e) {
    fb_pool_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.pool, sizeof a.pool, "P1");
    return fb_json_read_pool_act(t, n, kind, &a, e);
}
static int pool_fund(const char *t, size_t n, fb_json_error *e) {
    return pool_act(t, n, FB_POOL_FUND, e);
}
static int pool_loan(const char *t, size_t n, fb_json_error *e) {
    return pool_act(t, n, FB_POOL_COVER, e);
}
static int subsidy_(const char *t, size_t n, fb_json_error *e) {
    fb_subsidy v;
    return fb_json_read_subsidy(t, n, &v, e);
}
static int subsidy_act(const char *t, size_t n, fb_subsidy_act_kind kind, fb_json_error *e) {
    fb_subsidy_act a;
    memset(&a, 0, sizeof a);
    snprintf(a.scheme, sizeof a.scheme, "S1");
    return fb_json_read_subsidy_act(t, n, kind, &a, e);
}
static int subsidy_enrol(const char *t, size_t n, fb_json_error *e) {
    return subsidy_act(t, n, FB_SUBSIDY_ENROL, e);
}
static int subsidy_claim(const char *t, size_t n, fb_json_error *e) {
    return subsidy_act(t, n, FB_SUBSIDY_CLAIM, e);
}
static int subsidy_decide(const char *t, size_t n, fb_json_error *e) {
    return subsidy_act(t, n, FB_SUBSIDY_DECIDE, e);
}
static int guarantee_(const char *t, size_t n, fb_json_error *e) {
    fb_guarantee g;
    return fb_json_read_guarantee(t, n, &g, e);
}
static int guarantee_pay(const char *t, size_t n, fb_json_error *e) {
    fb_guarantor who;
    return fb_json_read_guarantee_pay(t, n, &who, e);
}
static int guarantee_claim(const char *t, size_t n, fb_json_error *e) {
    int32_t date = 0;
    return fb_json_read_guarantee_claim(t, n, &date, e);
}
static int transfer(const char *t, size_t n, fb_json_error *e) {
    fb_transfer x;
    bool linked = false;
    return fb_json_decode_transfer(t, n, &x, &linked, e);
}

static int change_of(const char *t, size_t n, fb_change_kind kind, fb_json_error *e) {
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "L1");
    return fb_json_read_loan_change(t, n, kind, &c, e);
}
static int extension(const char *t, size_t n, fb_json_error *e) {
    return change_of(t, n, FB_CHANGE_EXTENSION, e);
}
static int credit_report(const char *t, size_t n, fb_json_error *e) {
    fb_credit_report c;
    memset(&c, 0, sizeof c);
    snprintf(c.party, sizeof c.party, "P1");
    return fb_json_read_credit_report(t, n, &c, e);
}
static int restructuring(const char *t, size_t n, fb_json_error *e) {
    return change_of(t, n, FB_CHANGE_RESTRUCTURING, e);
}
static int renewal(const char *t, size_t n, fb_json_error *e) {
    return change_of(t, n, FB_CHANGE_RENEWAL, e);
}
static int classification(const char *t, size_t n, fb_json_error *e) {
    fb_classification c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "L1");
    return fb_json_read_classification(t, n, &c, e);
}

typedef struct {
    const fb_wire_record *record;
    decode_fn *decode;
    const char *nest; /* the fields are those of this member of the sample (the targets) */
    const char *samples[3];
} decoder_case;

static const decoder_case decoders[] = {
    {&fb_wire_guarantee,
     guarantee_,
     NULL,
     {"{\"id\":\"G1\",\"loan\":\"L1\",\"company\":\"p1\",\"covered\":\"80.0000\","
      "\"share_company\":\"40.0000\",\"share_national\":\"20.0000\",\"share_provincial\":"
      "\"20.0000\",\"share_bank\":\"20.0000\",\"fee\":\"1.0000\",\"pay_days\":90}"}},
    {&fb_wire_guarantee_pay, guarantee_pay, NULL, {"{\"guarantor\":\"provincial\"}"}},
    {&fb_wire_guarantee_claim, guarantee_claim, NULL, {"{\"date\":\"2025-02-01\"}"}},
    {&fb_wire_pool,
     pool_,
     NULL,
     {"{\"id\":\"P1\",\"name\":\"池\",\"region\":\"210000\",\"lines\":[\"technology\"],"
      "\"sizes\":[\"micro\"],\"listed\":\"key_enterprises\",\"borrower_cap\":\"100.00\","
      "\"leverage\":10,\"share\":\"50.0000\",\"overdue_days\":90,\"npl_ceiling\":\"5.0000\"}"}},
    {&fb_wire_pool_fund, pool_fund, NULL, {"{\"id\":\"F1\",\"amount\":\"1.00\"}"}},
    {&fb_wire_pool_loan, pool_loan, NULL, {"{\"loan\":\"L1\"}"}},
    {&fb_wire_subsidy,
     subsidy_,
     NULL,
     {"{\"id\":\"S1\",\"name\":\"贴息\",\"region\":\"210000\",\"lines\":[\"technology\"],"
      "\"sizes\":[\"micro\"],\"listed\":\"major_projects\",\"mode\":\"net\",\"points\":\"1.0000\","
      "\"months\":24,"
      "\"borrower_cap\":\"0.00\",\"budget\":\"100.00\"}",
      "{\"id\":\"S1\",\"name\":\"贴息\",\"region\":\"210000\",\"mode\":\"deposit\","
      "\"share\":\"50.0000\",\"months\":24,\"budget\":\"100.00\"}"}},
    {&fb_wire_subsidy_enrol, subsidy_enrol, NULL, {"{\"loan\":\"L1\"}"}},
    {&fb_wire_subsidy_claim, subsidy_claim, NULL, {"{\"quarter\":20251}"}},
    {&fb_wire_subsidy_decide,
     subsidy_decide,
     NULL,
     {"{\"loan\":\"L1\",\"quarter\":20251,\"approve\":true}",
      "{\"line\":7,\"quarter\":20251,\"approve\":false}"}},
    {&fb_wire_party,
     party_,
     NULL,
     {"{\"id\":\"p1\",\"kind\":\"enterprise\",\"name\":\"甲有限公司\",\"uscc\":"
      "\"91210100MA0YJC0010\",\"region\":\"210106\",\"industry\":\"3421\",\"employees\":100,"
      "\"revenue\":\"1000000.00\",\"total_assets\":\"2000000.00\",\"flags\":[\"high_tech\"]}",
      "{\"id\":\"p2\",\"kind\":\"small_business_owner\",\"name\":\"张三\",\"uscc\":"
      "\"91210100MA0YJC0010\",\"resident_id\":\"210102198003154210\",\"region\":\"210106\","
      "\"industry\":\"3421\",\"employees\":10,\"revenue\":\"1000000.00\",\"total_assets\":"
      "\"2000000.00\"}"}},
    {&fb_wire_facility,
     facility_,
     NULL,
     {"{\"id\":\"f1\",\"party\":\"p1\",\"line\":\"green\",\"limit\":\"100.00\",\"start_date\":"
      "\"2025-01-01\",\"end_date\":\"2025-12-31\",\"revolving\":true,\"project\":\"prj\","
      "\"green_item\":\"3.2.1\"}"}},
    {&fb_wire_loan,
     loan_,
     NULL,
     {"{\"id\":\"L1\",\"facility\":\"f1\",\"amount\":\"1000.00\",\"rate\":\"4.35\",\"months\":12,"
      "\"method\":\"equal_installment\",\"start_date\":\"2025-01-01\",\"repayment_day\":20,"
      "\"day_count\":\"act365\",\"penalty_markup\":\"40\",\"auto_collect\":false,"
      "\"business_purpose\":false,\"restructured\":true,\"payment\":\"entrusted\",\"payee\":"
      "\"p2\",\"purpose\":\"采购\"}",
      "{\"id\":\"L2\",\"facility\":\"f1\",\"amount\":\"1000.00\",\"lpr\":\"1y\",\"spread_bp\":-20,"
      "\"months\":12,\"method\":\"bullet\",\"start_date\":\"2025-01-01\",\"payment\":"
      "\"entrusted\",\"payee_account\":\"6222021001122334455\",\"payee_name\":\"某公司\","
      "\"purpose\":\"采购\"}"}},
    {&fb_wire_facility_change,
     facility_change,
     NULL,
     {"{\"kind\":\"renew\",\"id\":\"C1\",\"date\":\"2025-01-02\",\"end_date\":\"2026-01-01\","
      "\"limit\":\"100.00\",\"reason\":\"续授信\"}"}},
    {&fb_wire_cert_issue,
     issue,
     NULL,
     {"{\"id\":\"C1\",\"core\":\"c\",\"holder\":\"h\",\"face\":\"100.00\",\"issue_date\":"
      "\"2025-01-01\",\"maturity\":\"2025-06-01\",\"facility\":\"f1\",\"contract\":\"K\","
      "\"invoice\":\"I\"}"}},
    {&fb_wire_cert_transfer,
     cert_transfer,
     NULL,
     {"{\"part\":\"C1\",\"id\":\"C1-a\",\"to\":\"t\",\"amount\":\"1.00\",\"date\":\"2025-02-"
      "01\"}"}},
    {&fb_wire_cert_finance,
     cert_finance,
     NULL,
     {"{\"part\":\"C1\",\"id\":\"C1-f\",\"amount\":\"1.00\",\"date\":\"2025-02-01\",\"rate\":"
      "\"3.6\"}"}},
    {&fb_wire_project,
     project,
     NULL,
     {"{\"id\":\"prj\",\"name\":\"项目\",\"city\":\"沈阳\",\"industry\":\"3421\","
      "\"total_investment\":\"100.00\",\"financing_need\":\"50.00\",\"status\":\"planned\","
      "\"start_date\":\"2025-01-01\"}"}},
#define AGREEMENT(targets)                                                                         \
    "{\"id\":\"A1\",\"bank\":\"银行\",\"region\":\"210000\",\"start_date\":\"2025-01-01\","      \
    "\"end_date\":\"2025-12-31\",\"targets\":" targets "}"
#define TARGETS                                                                                    \
    "{\"new_credit\":\"1.00\",\"new_credit_by_line\":{\"technology\":\"1.00\"},"                   \
    "\"new_credit_by_chain\":{\"machine_tools\":\"1.00\"},\"new_credit_by_city\":{\"210200\":"     \
    "\"1.00\"},\"inclusive_borrowers\":5,\"inclusive_balance\":\"1.00\",\"green_balance\":"        \
    "\"1.00\",\"supply_chain_financing\":\"1.00\",\"inclusive_rate_max\":\"4.5\","                 \
    "\"npl_ratio_max\":\"2.0\",\"demand_match_rate_min\":\"60\",\"demand_days_to_loan_max\":10,"   \
    "\"wealth_products\":\"1.00\",\"wealth_deposits\":\"1.00\",\"pension_accounts\":3,"            \
    "\"pool_leverage_used_min\":\"60\",\"pool_compensation\":\"1.00\",\"subsidy_paid\":\"1.00\","  \
    "\"guaranteed_share_min\":\"10\"}"
    {&fb_wire_agreement, agreement, NULL, {AGREEMENT("{\"new_credit\":\"1.00\"}")}},
    {&fb_wire_targets, agreement, "targets", {AGREEMENT(TARGETS)}},
    {&fb_wire_repayment,
     repayment,
     NULL,
     {"{\"amount\":\"1.00\",\"date\":\"2025-02-01\",\"prepay\":\"reduce_term\",\"id\":\"R1\"}"}},
    {&fb_wire_write_off, write_off, NULL, {"{\"date\":\"2025-02-01\",\"id\":\"W1\"}"}},
    {&fb_wire_recovery,
     recovery,
     NULL,
     {"{\"amount\":\"1.00\",\"date\":\"2025-02-01\",\"id\":\"V1\"}"}},
    {&fb_wire_eod_input, eod_, NULL, {"{\"date\":\"2025-12-31\"}"}},
    {&fb_wire_demand,
     demand,
     NULL,
     {"{\"id\":\"D1\",\"party\":\"p1\",\"amount\":\"100.00\",\"purpose\":\"设备\",\"months\":12,"
      "\"line\":\"technology\",\"security\":\"pledge\",\"consent\":true,\"source\":"
      "\"major_projects\",\"project\":\"prj\",\"recommendation\":\"优先\",\"date\":"
      "\"2025-02-01\"}"}},
    {&fb_wire_demand_accept, accept, NULL, {"{\"officer\":\"王\",\"date\":\"2025-02-01\"}"}},
    {&fb_wire_demand_contact, contact, NULL, {"{\"note\":\"已联系\",\"date\":\"2025-02-01\"}"}},
    {&fb_wire_demand_grant,
     grant,
     NULL,
     {"{\"facility\":\"f1\",\"amount\":\"1.00\",\"date\":\"2025-02-01\"}"}},
    {&fb_wire_demand_decline,
     decline,
     NULL,
     {"{\"reason\":\"other\",\"text\":\"x\",\"date\":\"2025-02-01\"}"}},
    {&fb_wire_demand_withdraw, withdraw, NULL, {"{\"text\":\"x\",\"date\":\"2025-02-01\"}"}},
    {&fb_wire_calendar_year,
     calendar,
     NULL,
     {"{\"year\":2027,\"notice\":\"通知\",\"holidays\":[\"2027-01-01\"],\"workdays\":"
      "[\"2027-02-06\"]}"}},
    {&fb_wire_extension,
     extension,
     NULL,
     {"{\"months\":6,\"difficulty\":\"cash_shortfall\",\"reason\":\"回款延迟\","
      "\"date\":\"2025-02-01\",\"id\":\"E1\",\"consent_by\":\"G1\",\"consent_date\":"
      "\"2025-01-20\",\"consent_ref\":\"担保函〔2025〕3号\",\"state_rule\":\"银发〔2025〕9号\","
      "\"rate\":\"3.8000\"}"}},
    {&fb_wire_credit_report,
     credit_report,
     NULL,
     {"{\"date\":\"2025-02-01\",\"debt\":\"5000000.00\",\"overdue90\":\"1100000.00\","
      "\"reference\":\"ZX2025020100012\"}"}},
    {&fb_wire_restructuring,
     restructuring,
     NULL,
     {"{\"months\":24,\"rate\":\"3.1\",\"method\":\"equal_principal\",\"capitalise\":true,"
      "\"difficulty\":\"overdue\",\"reason\":\"逾期\",\"date\":\"2025-02-01\",\"id\":\"S1\"}"}},
    {&fb_wire_renewal,
     renewal,
     NULL,
     {"{\"months\":12,\"rate\":\"3.1\",\"method\":\"interest_only\",\"refinancing\":true,"
      "\"difficulty\":\"none\",\"reason\":\"续贷\",\"date\":\"2025-02-01\",\"id\":\"N1\"}"}},
    {&fb_wire_classification,
     classification,
     NULL,
     {"{\"class\":\"doubtful\",\"reason\":\"主要客户破产\",\"resolved\":false,\"date\":"
      "\"2025-02-01\"}"}},
    {&fb_wire_account,
     account,
     NULL,
     {"{\"id\":\"a1\",\"ledger\":1,\"code\":1,\"flags\":[\"history\"],\"user_data\":\"x\"}"}},
    {&fb_wire_transfer,
     transfer,
     NULL,
     {"{\"id\":\"t1\",\"debit_account_id\":\"a\",\"credit_account_id\":\"b\",\"amount\":\"1.00\","
      "\"ledger\":1,\"code\":1,\"flags\":[\"pending\"],\"timeout\":60,\"user_data\":\"u\","
      "\"value_date\":\"2025-06-30\"}",
      "{\"id\":\"t2\",\"pending_id\":\"t1\",\"flags\":[\"post_pending_transfer\"]}"}},
};

/* Decodes the sample with its member `key` changed (value NULL: removed); returns the result and
 * the field at fault. */
static int decode_changed(const decoder_case *c, json_t *sample, const char *key, json_t *value,
                          fb_json_error *err) {
    json_t *copy = json_deep_copy(sample);
    json_t *object = c->nest ? json_object_get(copy, c->nest) : copy;
    if (value) {
        json_object_set(object, key, value);
    } else {
        json_object_del(object, key);
    }
    char *text = json_dumps(copy, JSON_COMPACT);
    memset(err, 0, sizeof *err);
    int rc = c->decode(text, strlen(text), err);
    free(text);
    json_decref(copy);
    return rc;
}

static void check_decoder(const decoder_case *c) {
    const fb_wire_record *r = c->record;
    json_t *seen = json_object(), *wrong = json_loads("[[]]", 0, NULL);
    for (int s = 0; s < 3 && c->samples[s]; s++) {
        json_t *sample = json_loads(c->samples[s], 0, NULL);
        json_t *object = c->nest ? json_object_get(sample, c->nest) : sample;
        fb_json_error err;
        memset(&err, 0, sizeof err);
        int rc = c->decode(c->samples[s], strlen(c->samples[s]), &err);
        if (rc) printf("    %s sample %d: %s %s\n", r->name, s, err.field, err.reason);
        EXPECT_EQ_INT(FB_OK, rc);
        const char *key;
        json_t *v;
        json_object_foreach(object, key, v) {
            const fb_wire_field *f = fb_wire_field_named(r, key);
            json_object_set_new(seen, key, json_true());
            EXPECT_TRUE(f != NULL && (f->flags & FB_WF_IN));
            /* It is read: a value of the wrong type is refused, naming it. */
            EXPECT_EQ_INT(FB_EINVAL, decode_changed(c, sample, key, wrong, &err));
            if (strcmp(err.field, key) != 0) printf("    %s.%s: %s\n", r->name, key, err.field);
            EXPECT_EQ_STR(key, err.field);
            if (f && (f->flags & FB_WF_REQUIRED)) {
                EXPECT_EQ_INT(FB_EINVAL, decode_changed(c, sample, key, NULL, &err));
                EXPECT_EQ_STR(key, err.field);
                EXPECT_EQ_STR("is missing", err.reason);
            }
        }
        /* Any other key is refused, the fields it only writes included. */
        json_t *one = json_integer(1);
        EXPECT_EQ_INT(FB_EINVAL, decode_changed(c, sample, "zz_not_a_field", one, &err));
        EXPECT_EQ_STR("zz_not_a_field", err.field);
        for (size_t i = 0; i < r->n_fields; i++) {
            const fb_wire_field *f = &r->fields[i];
            if (f->flags & FB_WF_IN) continue;
            json_t *ex = f->example ? json_loads(f->example, JSON_DECODE_ANY, NULL) : json_object();
            EXPECT_EQ_INT(FB_EINVAL, decode_changed(c, sample, f->name, ex, &err));
            EXPECT_EQ_STR(f->name, err.field);
            json_decref(ex);
        }
        json_decref(one);
        json_decref(sample);
    }
    /* The samples hold every input field: the decoder accepts each one of its table. */
    for (size_t i = 0; i < r->n_fields; i++) {
        bool in = (r->fields[i].flags & FB_WF_IN) != 0;
        bool given = json_object_get(seen, r->fields[i].name) != NULL;
        if (in != given)
            printf("    %s.%s: input %d, in a sample %d\n", r->name, r->fields[i].name, in, given);
        EXPECT_TRUE(in == given);
    }
    json_decref(wrong);
    json_decref(seen);
}

static void every_decoder_reads_exactly_its_table(void) {
    size_t n = sizeof decoders / sizeof decoders[0];
    for (size_t i = 0; i < n; i++)
        check_decoder(&decoders[i]);
    /* Every record with input fields but the API's own (and the queries) has its decoder here. */
    for (size_t i = 0; fb_wire_records[i]; i++) {
        const fb_wire_record *r = fb_wire_records[i];
        bool tested = false;
        for (size_t k = 0; k < n; k++)
            tested = tested || decoders[k].record == r;
        bool input = false;
        for (size_t k = 0; k < r->n_fields; k++)
            input = input || (r->fields[k].flags & FB_WF_IN);
        if (input && !tested && r != &fb_wire_login)
            printf("    %s has no decoder test\n", r->name);
        EXPECT_TRUE(!input || tested || r == &fb_wire_login);
    }
}

/* ---- Every encoder writes exactly its table -------------------------------------------------- */

/* The output fields seen, by record: each must appear in some sample. */
static json_t *seen;

static void mark(const fb_wire_record *r, json_t *v) {
    json_t *keys = json_object_get(seen, r->name);
    if (!keys) {
        keys = json_object();
        json_object_set_new(seen, r->name, keys);
    }
    const char *key;
    json_t *x;
    json_object_foreach(v, key, x) {
        json_object_set_new(keys, key, json_true());
        const fb_wire_field *f = fb_wire_field_named(r, key);
        if (!f) continue;
        if (f->type == FB_WT_RECORD && json_is_object(x)) mark(f->record, x);
        size_t i;
        json_t *item;
        if (f->type == FB_WT_ARRAY && f->item == FB_WT_RECORD) {
            json_array_foreach(x, i, item) mark(f->record, item);
        }
    }
}

/* v holds r; takes v. */
static void expect_record(const fb_wire_record *r, json_t *v) {
    bool ok = fb_wire_check(r, v, why, sizeof why);
    if (!ok) {
        char *text = json_dumps(v, JSON_COMPACT);
        printf("    %s: %s\n      in %.300s\n", r->name, why, text);
        free(text);
    }
    EXPECT_TRUE(ok);
    if (ok) mark(r, v);
    json_decref(v);
}

static json_t *position_line(bool cli) {
    return cli ? json_pack("{s:i}", "line", 1) : json_pack("{s:i}", "index", 0);
}

static void result_lines(void) {
    fb_party p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "p1");
    snprintf(p.deposit_account, sizeof p.deposit_account, "dep:p1");
    fb_party_outcome po[] = {{FB_PARTY_CREATED, NULL, ""},
                             {FB_PARTY_EXISTS_WITH_DIFFERENT, "name", ""},
                             {FB_PARTY_USCC_REGISTERED, "uscc", "p0"}};
    for (size_t i = 0; i < 3; i++) {
        json_t *line = position_line(i % 2);
        fb_json_party_result(line, &p, &po[i]);
        expect_record(&fb_wire_party_result, line);
    }
    fb_facility f;
    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "f1");
    snprintf(f.available_account, sizeof f.available_account, "fac:f1:available");
    snprintf(f.inclusive_rule, sizeof f.inclusive_rule, "total credit is above 10,000,000");
    fb_facility_outcome fo[] = {{FB_FACILITY_CREATED, NULL, 0},
                                {FB_FACILITY_EXISTS_WITH_DIFFERENT, "limit", 0},
                                {FB_FACILITY_NOT_INCLUSIVE, NULL, 0},
                                {FB_FACILITY_BEFORE_BUSINESS_DATE, NULL, day("2025-02-01")}};
    for (size_t i = 0; i < 4; i++) {
        json_t *line = position_line(i % 2);
        fb_json_facility_result(line, &f, &fo[i]);
        expect_record(&fb_wire_facility_result, line);
    }
    fb_facility_change c = {.facility = "f1",
                            .id = "C1",
                            .kind = FB_FACILITY_RENEW,
                            .seq = 1,
                            .date = day("2025-01-02"),
                            .limit_before_fen = 100,
                            .limit_after_fen = 200,
                            .end_before = day("2025-12-31"),
                            .end_after = day("2026-12-31")};
    const fb_facility_change_result cr[] = {FB_FACILITY_CHANGED, FB_FACILITY_CHANGE_EXISTS,
                                            FB_FACILITY_CHANGE_BELOW_DRAWN};
    for (size_t i = 0; i < 3; i++)
        expect_record(&fb_wire_facility_change_result, fb_json_encode_facility_change(&c, cr[i]));
    c.against = day("2025-01-03"); /* a date's refusal names the business date */
    expect_record(&fb_wire_facility_change_result,
                  fb_json_encode_facility_change(&c, FB_FACILITY_CHANGE_AFTER_BUSINESS_DATE));
    fb_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "L1");
    x.terms.rate_e6 = 43500;
    x.maturity_date = day("2026-01-01");
    fb_loan_outcome lo[] = {{FB_LOAN_CREATED, NULL, 0},
                            {FB_LOAN_EXISTS_WITH_DIFFERENT, "amount", 0},
                            {FB_LOAN_BEFORE_BUSINESS_DATE, NULL, day("2025-02-01")},
                            {FB_LOAN_RATE_OUT_OF_RANGE, NULL, 240000}};
    for (size_t i = 0; i < 4; i++) {
        json_t *line = position_line(i % 2);
        fb_json_loan_result(line, &x, &lo[i]);
        expect_record(&fb_wire_loan_result, line);
    }
    fb_cert_issue ci = {.id = "C1"};
    fb_cert_move cm = {.id = "C1-f"};
    fb_cert_outcome co[] = {
        {FB_CERT_DONE, NULL, true, 100, 0, 0, 0},
        {FB_CERT_EXISTS, NULL, false, 100, 98, 2, 0},
        {FB_CERT_PARTY_NOT_FOUND, "holder", false, 0, 0, 0, 0},
        {FB_CERT_BEFORE_BUSINESS_DATE, NULL, false, 0, 0, 0, day("2025-02-01")}};
    for (size_t i = 0; i < 4; i++) {
        json_t *line = position_line(i % 2);
        fb_json_cert_issue_result(line, &ci, &co[i]);
        expect_record(&fb_wire_cert_result, line);
        json_t *alone = json_object(); /* the API's transfer or financing: one, no position */
        fb_json_cert_move_result(alone, &cm, &co[i]);
        expect_record(&fb_wire_cert_result, alone);
    }
    fb_project pr = {.id = "prj"};
    for (int r = 0; r < 3; r++) {
        json_t *line = position_line(r % 2);
        fb_project_result res = (fb_project_result)r;
        fb_json_project_result(line, &pr, &res);
        expect_record(&fb_wire_project_result, line);
    }
    for (int r = 0; r < 3; r++) {
        json_t *line = r ? position_line(true) : json_object();
        fb_json_agreement_result(line, "A1", r == 1, r == 2 ? "exists with other content" : NULL);
        expect_record(&fb_wire_agreement_result, line);
    }
    fb_result er[] = {FB_RESULT_CREATED, FB_RESULT_EXISTS, FB_RESULT_DEBIT_ACCOUNT_NOT_FOUND};
    for (size_t i = 0; i < 3; i++) {
        json_t *line = position_line(i % 2);
        fb_json_event_result(line, "t1", er[i], 1767225600000000001LL, 100, true);
        expect_record(&fb_wire_event_result, line);
    }
    /* The command line's lines that could not be read, of every create. */
    fb_json_error err = {"amount", "has more than two decimals"};
    const fb_wire_record *invalid[] = {&fb_wire_event_result,    &fb_wire_party_result,
                                       &fb_wire_facility_result, &fb_wire_loan_result,
                                       &fb_wire_cert_result,     &fb_wire_project_result,
                                       &fb_wire_agreement_result};
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        json_t *line = json_pack("{s:i, s:s}", "line", 3, "id", "x");
        fb_json_invalid_line(line, &err);
        expect_record(invalid[i], line);
    }
}

static fb_certificate certificate(const char *id, const char *parent, fb_cert_status status) {
    fb_certificate c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", id);
    snprintf(c.root, sizeof c.root, "C1");
    snprintf(c.parent, sizeof c.parent, "%s", parent);
    snprintf(c.core, sizeof c.core, "core");
    snprintf(c.facility, sizeof c.facility, "scf");
    snprintf(c.holder, sizeof c.holder, "%s", status == FB_CERT_FINANCED ? "" : "t1");
    if (parent[0]) snprintf(c.from, sizeof c.from, "t0");
    c.range_start = 0;
    c.range_end = 10000;
    c.root_face_fen = 10000;
    c.date = c.issue_date = day("2025-01-01");
    c.maturity = day("2025-06-01");
    c.status = status;
    if (!parent[0]) snprintf(c.contract, sizeof c.contract, "K-1");
    if (!parent[0]) snprintf(c.invoice, sizeof c.invoice, "I-1");
    if (status == FB_CERT_FINANCED || status == FB_CERT_SETTLED) {
        c.discount_rate_e6 = 36000;
        c.discount_fen = 150;
    }
    if (status == FB_CERT_SETTLED) c.settled_date = day("2025-06-01");
    return c;
}

static void records_of_the_book(void) {
    fb_installment s[2] = {{1, 0, day("2025-02-01"), 510, 500, 10, 500},
                           {2, 0, day("2025-03-01"), 505, 500, 5, 0}};
    expect_record(&fb_wire_schedule, fb_json_encode_schedule(s, 2));
    fb_repayment r;
    memset(&r, 0, sizeof r);
    snprintf(r.loan, sizeof r.loan, "L1");
    snprintf(r.id, sizeof r.id, "R1");
    r.date = day("2025-02-01");
    fb_repay_result results[] = {FB_REPAY_DONE, FB_REPAY_EXISTS, FB_REPAY_INSUFFICIENT_FUNDS};
    for (size_t i = 0; i < 3; i++)
        expect_record(&fb_wire_servicing, fb_json_encode_servicing(&r, results[i]));
    r.against = day("2025-02-02"); /* a refusal names the business date it was measured against */
    json_t *closed = fb_json_encode_servicing(&r, FB_REPAY_BEFORE_BUSINESS_DATE);
    EXPECT_EQ_STR("2025-02-02", json_string_value(json_object_get(closed, "business_date")));
    expect_record(&fb_wire_servicing, closed);
    fb_eod_day d = {.date = day("2025-02-01"), .loans = 2};
    json_t *days = json_array();
    json_array_append_new(days, fb_json_encode_eod_day(&d));
    expect_record(&fb_wire_eod_day, fb_json_encode_eod_day(&d));
    expect_record(&fb_wire_eod_run, fb_json_encode_eod_run(1, d.date + 1, days));
    expect_record(&fb_wire_eod_status, fb_json_encode_eod_status(0, false));
    expect_record(&fb_wire_eod_status, fb_json_encode_eod_status(d.date + 1, true));
    fb_certificate parts[3] = {certificate("C1", "", FB_CERT_HELD),
                               certificate("C1-a", "C1", FB_CERT_FINANCED),
                               certificate("C1-b", "C1", FB_CERT_SETTLED)};
    for (int i = 0; i < 3; i++)
        expect_record(&fb_wire_certificate, fb_json_encode_cert(&parts[i]));
    expect_record(&fb_wire_lineage, fb_json_encode_lineage(parts, 3));
    /* The API's: the names it adds, a receiver, a quote of each move. */
    json_t *named = fb_json_encode_cert(&parts[0]);
    fb_json_cert_names(named, "核心企业", "供应商");
    expect_record(&fb_wire_certificate, named);
    fb_party_name pn = {"p2", "乙商行", FB_PARTY_INDIVIDUAL_BUSINESS, 210300};
    expect_record(&fb_wire_party_name, fb_json_encode_party_name(&pn));
    fb_cert_move mv = {.part = "C1",
                       .id = "C1-q",
                       .to = "p2",
                       .date = day("2025-03-01"),
                       .discount_rate_e6 = 28500};
    fb_cert_outcome done = {FB_CERT_DONE, NULL, false, 100000, 98600, 1400, 0};
    for (int finance = 0; finance < 2; finance++)
        expect_record(&fb_wire_cert_quote,
                      fb_json_encode_cert_quote(&mv, finance, &parts[0], &done, "乙商行"));
}

static void records_of_the_cooperation(void) {
    fb_project p = {.id = "prj",
                    .name = "项目",
                    .city = 210100,
                    .industry = 3421,
                    .status = FB_PROJECT_PLANNED,
                    .start_date = day("2025-01-01")};
    expect_record(&fb_wire_project, fb_json_encode_project(&p));
    static fb_agreement a;
    const char *text = AGREEMENT(TARGETS);
    fb_json_error err;
    EXPECT_EQ_INT(FB_OK, fb_json_decode_agreement(text, strlen(text), &a, &err));
    expect_record(&fb_wire_agreement, fb_json_encode_agreement(&a));
    fb_progress pr[FB_TARGETS_MAX];
    memset(pr, 0, sizeof pr);
    for (size_t i = 0; i < a.n_targets; i++) {
        pr[i].target = a.targets[i];
        pr[i].achieved = a.targets[i].amount / 2;
        pr[i].percent_e2 = 5000;
        pr[i].ceiling = a.targets[i].measure >= FB_MEASURE_INCLUSIVE_RATE_MAX;
        pr[i].on_track = i % 2;
    }
    expect_record(&fb_wire_progress,
                  fb_json_encode_progress(&a, day("2025-06-30"), pr, a.n_targets));
    fb_report_row rows[] = {
        {-1, "*", -1, -1, -1, 100, 1, 1, 100, 1, 1, -1, false, false},
        {210100, "machine_tools", 0, 0, 0, 100, 1, 1, 0, 0, 1, -1, false, false},
        {0, "", 3, 3, -1, 0, 0, 0, 100, 1, 0, 1, false, false}};
    for (size_t i = 0; i < 3; i++)
        expect_record(&fb_wire_report_row, fb_json_encode_report_row(&rows[i]));
    fb_two_increases t[2] = {{day("2025-06-30"), day("2024-12-31"), 10, 0, 20, 0, 1, 0, -1, -1},
                             {day("2025-06-30"), day("2024-12-31"), 10, 5, 20, 15, 2, 1, 1, 0}};
    for (size_t i = 0; i < 2; i++)
        expect_record(&fb_wire_two_increases, fb_json_encode_two_increases(&t[i]));
    fb_class_move m = {0, 1, 2, 300};
    expect_record(&fb_wire_class_move, fb_json_encode_move(&m));
    fb_exposure e = {"p1", "甲", 100};
    expect_record(&fb_wire_exposure, fb_json_encode_exposure(&e));
    fb_party who = {.city = 210100, .industry = 3421, .key_chain = "machine_tools"};
    json_t *x = fb_json_encode_exposure(&e);
    fb_json_borrower held = {300, 100, FB_CLASS_SUBSTANDARD};
    fb_json_exposure_party(x, &who, &held);
    expect_record(&fb_wire_exposure, x);
    json_t *ranked = fb_json_encode_progress(&a, day("2025-06-30"), pr, a.n_targets);
    fb_json_progress_rank(json_array_get(json_object_get(ranked, "targets"), 0), 2, 14);
    expect_record(&fb_wire_progress, ranked);
}

/* Financing demands: each closing, a government's view, the results and a hidden row. */
static void records_of_demands(void) {
    fb_demand_view v;
    memset(&v, 0, sizeof v);
    fb_demand *d = &v.d;
    snprintf(d->id, sizeof d->id, "D1");
    snprintf(d->party, sizeof d->party, "p1");
    snprintf(d->purpose, sizeof d->purpose, "设备");
    snprintf(d->project, sizeof d->project, "prj");
    snprintf(d->recommendation, sizeof d->recommendation, "优先");
    snprintf(d->officer, sizeof d->officer, "王");
    snprintf(d->note, sizeof d->note, "已联系");
    snprintf(d->facility, sizeof d->facility, "f1");
    snprintf(d->reason_text, sizeof d->reason_text, "x");
    snprintf(d->withdraw_text, sizeof d->withdraw_text, "y");
    d->amount_fen = d->granted_fen = 100;
    d->months = 12;
    d->source = FB_SOURCE_MAJOR_PROJECTS;
    d->region = d->city = 210200;
    d->chain = FB_CHAIN_AEROSPACE;
    d->posted = d->accepted = d->contacted = d->decided = d->withdrawn = day("2025-02-03");
    d->response_due = d->decision_due = day("2025-02-06");
    v.as_of = v.first_drawdown = day("2025-02-04");
    v.left_known = v.awaiting_response = v.awaiting_decision = true;
    v.days_to_response = v.days_to_decision = v.days_to_loan = 1;
    fb_list_id ids[1] = {"L1"};
    const fb_demand_status closings[] = {FB_DEMAND_CONTACTED, FB_DEMAND_GRANTED, FB_DEMAND_DECLINED,
                                         FB_DEMAND_WITHDRAWN};
    for (size_t i = 0; i < 4; i++) {
        d->status = closings[i];
        expect_record(&fb_wire_demand,
                      fb_json_encode_demand(&v, false, (const fb_list_id *)ids, 1));
        expect_record(&fb_wire_demand, fb_json_encode_demand(&v, true, NULL, 0));
    }
    fb_demand_outcome o[4] = {{FB_DEMAND_DONE, NULL, 0, 0},
                              {FB_DEMAND_EXISTS_WITH_DIFFERENT, "amount", 0, 0},
                              {FB_DEMAND_NO_CALENDAR, NULL, 2027, 0},
                              {FB_DEMAND_BEFORE_BUSINESS_DATE, NULL, 0, day("2025-02-03")}};
    for (int cli = 0; cli < 2; cli++) {
        for (size_t i = 0; i < 4; i++) {
            json_t *line = position_line(cli);
            fb_json_demand_result(line, d, &o[i]);
            expect_record(&fb_wire_demand_result, line);
        }
        json_t *line = position_line(cli);
        fb_json_error err = {"amount", "must be more than 0"};
        fb_json_invalid_line(line, &err);
        expect_record(&fb_wire_demand_result, line);
    }
    fb_demand_step st = {.demand = "D1", .step = FB_DEMAND_ACCEPTED, .date = day("2025-02-03")};
    expect_record(&fb_wire_demand_step_result,
                  fb_json_encode_demand_step(&st, FB_DEMAND_DONE, FB_DEMAND_ACCEPTED));
    expect_record(&fb_wire_demand_step_result,
                  fb_json_encode_demand_step(&st, FB_DEMAND_CLOSED, FB_DEMAND_GRANTED));
    st.against = day("2025-02-04"); /* refusals measured against a date or the facility's limit */
    expect_record(&fb_wire_demand_step_result,
                  fb_json_encode_demand_step(&st, FB_DEMAND_BEFORE_BUSINESS_DATE, st.step));
    expect_record(&fb_wire_demand_step_result,
                  fb_json_encode_demand_step(&st, FB_DEMAND_BEFORE_LAST_STEP, st.step));
    st.against = 300000000;
    expect_record(&fb_wire_demand_step_result,
                  fb_json_encode_demand_step(&st, FB_DEMAND_EXCEEDS_FACILITY, st.step));
    fb_demand_row rows[2] = {{.city = 210200,
                              .chain = "",
                              .line = 0,
                              .size = 0,
                              .received = 1,
                              .match_rate_e6 = 500000,
                              .decision_median_x2 = 3},
                             {.city = -1, .chain = "*", .line = -1, .size = -1, .hidden = true}};
    for (size_t i = 0; i < 2; i++)
        expect_record(&fb_wire_demand_row, fb_json_encode_demand_row(&rows[i]));
    fb_calendar_year y;
    fb_calendar_shipped(0, &y);
    expect_record(&fb_wire_calendar_year, fb_json_encode_calendar_year(&y, true));
    json_t *line = json_pack("{s:i}", "line", 1);
    fb_json_calendar_result(line, 2025, FB_CALENDAR_EXISTS);
    expect_record(&fb_wire_calendar_result, line);
    line = json_pack("{s:i}", "line", 2);
    fb_json_error err = {"workdays", "2027-02-08 is not a Saturday or a Sunday"};
    fb_json_invalid_line(line, &err);
    expect_record(&fb_wire_calendar_result, line);
}

/* What a regulator asks of the book (records_quality.c), from the small book of records_as_read:
 * a restructured loan and its history, a refusal, the reports at a month-end. */
static void the_regulators_records(void) {
    fb_loan_change c;
    memset(&c, 0, sizeof c);
    snprintf(c.loan, sizeof c.loan, "L3");
    snprintf(c.id, sizeof c.id, "S1");
    c.kind = FB_CHANGE_RESTRUCTURING;
    c.months = 12;
    c.method = -1;
    c.difficulty = FB_DIFFICULTY_CASH_SHORTFALL;
    snprintf(c.note, sizeof c.note, "回款延迟");
    snprintf(c.actor, sizeof c.actor, "test");
    fb_change_result cr = FB_CHANGE_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &cr));
    EXPECT_EQ_INT(FB_CHANGE_DONE, cr);
    expect_record(&fb_wire_change_result, fb_json_encode_loan_change(&c, cr));
    c.months = 480;
    snprintf(c.id, sizeof c.id, "S2");
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &cr));
    EXPECT_EQ_INT(FB_CHANGE_TOO_LONG, cr);
    expect_record(&fb_wire_change_result, fb_json_encode_loan_change(&c, cr));
    c.date = 1;
    snprintf(c.id, sizeof c.id, "S3");
    EXPECT_EQ_INT(FB_OK, fb_loan_change_apply(L, &c, &cr));
    EXPECT_EQ_INT(FB_CHANGE_BEFORE_BUSINESS_DATE, cr);
    EXPECT_TRUE(c.against > 1); /* the business date it was measured against */
    expect_record(&fb_wire_change_result, fb_json_encode_loan_change(&c, cr));
    c.date = 0;
    /* An extension of a guaranteed loan with its guarantor's consent: the answer and the history
     * entry write who gave it, when and its reference. */
    fb_loan_change g = c;
    g.kind = FB_CHANGE_EXTENSION;
    snprintf(g.consent_by, sizeof g.consent_by, "G1");
    g.consent_date = fb_date_from_ymd(2024, 3, 1);
    snprintf(g.consent_ref, sizeof g.consent_ref, "担保函〔2024〕3号");
    snprintf(g.state_rule, sizeof g.state_rule, "银发〔2024〕2号");
    snprintf(g.rate_rule, sizeof g.rate_rule, "贷款通则 第十四条: 61 months");
    expect_record(&fb_wire_change_result, fb_json_encode_loan_change(&g, FB_CHANGE_DONE));
    fb_loan_position gp;
    EXPECT_EQ_INT(FB_OK, fb_loan_position_get(L, "L3", &gp));
    expect_record(&fb_wire_loan_history, fb_json_encode_loan_history("L3", &gp, NULL, 0, &g, 1));
    fb_classification k;
    memset(&k, 0, sizeof k);
    snprintf(k.loan, sizeof k.loan, "L1");
    k.to = FB_CLASS_SUBSTANDARD;
    snprintf(k.note, sizeof k.note, "客户破产");
    fb_classify_result kr = FB_CLASSIFY_DONE;
    EXPECT_EQ_INT(FB_OK, fb_loan_classify(L, &k, &kr));
    EXPECT_EQ_INT(FB_CLASSIFY_DONE, kr);
    expect_record(&fb_wire_classification_result, fb_json_encode_classification(&k, kr));
    k.to = FB_CLASS_NORMAL;
    EXPECT_EQ_INT(FB_OK, fb_loan_classify(L, &k, &kr));
    EXPECT_EQ_INT(FB_CLASSIFY_UPGRADE_REFUSED, kr);
    expect_record(&fb_wire_classification_result, fb_json_encode_classification(&k, kr));
    k.date = 1;
    k.message[0] = '\0';
    EXPECT_EQ_INT(FB_OK, fb_loan_classify(L, &k, &kr));
    EXPECT_EQ_INT(FB_CLASSIFY_BEFORE_BUSINESS_DATE, kr);
    EXPECT_TRUE(k.against > 1);
    expect_record(&fb_wire_classification_result, fb_json_encode_classification(&k, kr));
    k.date = 0;
    const char *loans[] = {"L1", "L3"};
    for (int i = 0; i < 2; i++) {
        fb_loan y;
        EXPECT_EQ_INT(FB_OK, fb_loan_get(L, loans[i], &y));
        expect_record(&fb_wire_loan, fb_json_loan_view(L, &y));
        json_t *h = NULL;
        EXPECT_EQ_INT(FB_OK, fb_json_loan_history(L, loans[i], &h));
        expect_record(&fb_wire_loan_history, h);
    }
    eod("2024-04-30"); /* two month-ends: provisions and the quality copied */
    /* L1, substandard by the officer with nothing overdue, is on its way up: its clock. */
    fb_loan up;
    EXPECT_EQ_INT(FB_OK, fb_loan_get(L, "L1", &up));
    expect_record(&fb_wire_loan, fb_json_loan_view(L, &up));
    fb_provision_report pr;
    EXPECT_EQ_INT(FB_OK, fb_report_provisions(L, 0, FB_BY_LINE | FB_BY_CITY, 0, true, &pr));
    expect_record(&fb_wire_provision_report, fb_json_encode_provisions(&pr));
    free(pr.rows);
    fb_quality_report q;
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, day("2024-03-31"), 0, true, &q));
    expect_record(&fb_wire_quality_report, fb_json_encode_quality(&q));
    EXPECT_EQ_INT(FB_OK, fb_report_quality(L, 0, 0, false, &q));
    expect_record(&fb_wire_quality_report, fb_json_encode_quality(&q));
    static fb_migration m;
    EXPECT_EQ_INT(FB_OK, fb_report_migration(L, day("2024-03-10"), day("2024-04-30"), &m));
    expect_record(&fb_wire_migration, fb_json_encode_migration(&m));
    fb_green_item *items = NULL;
    size_t n = 0;
    bool loaded = true;
    EXPECT_EQ_INT(FB_OK, fb_green_catalogue(L, &items, &n, &loaded));
    EXPECT_TRUE(!loaded && n == 9);
    fb_green_item two[2] = {{"3", 1, "", "资源循环利用产业"}, {"3.2", 2, "3", "某"}};
    expect_record(&fb_wire_green_catalogue, fb_json_encode_green_catalogue(two, 2, true));
    free(items);
}

/* The records as the doors read them, from a small book. */
static void records_as_read(void) {
    open_book();
    fb_lpr lpr = {day("2024-01-01"), 34500, 39500};
    EXPECT_EQ_INT(FB_OK, fb_lpr_set(L, &lpr));
    party("p1", 1, false);
    party("p2", 2, true);
    fb_project p = {.id = "prj",
                    .name = "项目",
                    .city = 210200,
                    .industry = 3421,
                    .total_investment_fen = 100,
                    .financing_need_fen = 100,
                    .status = FB_PROJECT_PLANNED,
                    .start_date = day("2024-01-01")};
    fb_project_result pr;
    EXPECT_EQ_INT(FB_OK, fb_projects_create(L, &p, 1, &pr));
    facility("f1", "p1", FB_LINE_INCLUSIVE, 100000000, true);
    fb_facility g;
    memset(&g, 0, sizeof g);
    snprintf(g.id, sizeof g.id, "f2");
    snprintf(g.party, sizeof g.party, "p2");
    g.line = FB_LINE_GREEN;
    snprintf(g.green_item, sizeof g.green_item, "3.2.1");
    snprintf(g.project, sizeof g.project, "prj");
    g.limit_fen = 900000000;
    g.start_date = day("2024-01-01");
    g.end_date = day("2030-12-31");
    const char *field = NULL;
    char reason[200];
    EXPECT_EQ_INT(FB_OK, fb_facility_check(&g, &field, reason, sizeof reason));
    fb_facility_outcome fo;
    EXPECT_EQ_INT(FB_OK, fb_facilities_create(L, &g, 1, &fo));
    loan("L1", "f1", 1000000, 43500, 0, 12, FB_METHOD_EQUAL_INSTALLMENT, "2024-03-01");
    loan("L2", "f2", 5000000, 0, -20, 24, FB_METHOD_BULLET, "2024-03-01");
    fb_loan x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "L3");
    snprintf(x.facility, sizeof x.facility, "f1");
    x.terms = (fb_loan_terms){
        100000, 43500, 6, FB_METHOD_EQUAL_PRINCIPAL, day("2024-03-01"), 20, FB_DAYCOUNT_ACT365};
    x.penalty_markup_pct = 30;
    EXPECT_EQ_INT(FB_OK, fb_loan_check(&x, &field, reason, sizeof reason));
    fb_loan_outcome lo;
    EXPECT_EQ_INT(FB_OK, fb_loans_create(L, &x, 1, &lo));
    /* Paid by entrusted payment, to a party of the book and to another bank. */
    fb_loan e[2];
    for (int i = 0; i < 2; i++) {
        e[i] = x;
        snprintf(e[i].id, sizeof e[i].id, "L%d", 4 + i);
        e[i].payment = FB_PAYMENT_ENTRUSTED;
        snprintf(e[i].purpose, sizeof e[i].purpose, "采购");
    }
    snprintf(e[0].payee, sizeof e[0].payee, "p2");
    e[0].manual_collection = e[0].restructured = true;
    snprintf(e[1].payee_account, sizeof e[1].payee_account, "6222021001122334455");
    snprintf(e[1].payee_name, sizeof e[1].payee_name, "某公司");
    e[1].personal_purpose = true;
    fb_loan_outcome eo[2];
    for (int i = 0; i < 2; i++)
        EXPECT_EQ_INT(FB_OK, fb_loan_check(&e[i], &field, reason, sizeof reason));
    EXPECT_EQ_INT(FB_OK, fb_loans_create(L, e, 2, eo));
    EXPECT_EQ_INT(FB_LOAN_CREATED, eo[0].result);
    EXPECT_EQ_INT(FB_LOAN_CREATED, eo[1].result);
    fb_party owner;
    memset(&owner, 0, sizeof owner);
    snprintf(owner.id, sizeof owner.id, "o1");
    owner.kind = FB_PARTY_SMALL_BUSINESS_OWNER;
    snprintf(owner.name, sizeof owner.name, "张三");
    snprintf(owner.uscc, sizeof owner.uscc, "91210100MA0YJC0010");
    snprintf(owner.resident_id, sizeof owner.resident_id, "210102198003154210");
    owner.region = 210106;
    owner.industry = 3421;
    owner.figures = (fb_firm_figures){10, 100000000, 100000000};
    EXPECT_EQ_INT(FB_OK, fb_party_prepare(&owner, &field, reason, sizeof reason));
    fb_party_outcome po;
    EXPECT_EQ_INT(FB_OK, fb_parties_create(L, &owner, 1, &po));
    expect_record(&fb_wire_party, fb_json_party_view(L, &owner));
    eod("2024-03-10");
    const char *parties[] = {"p1", "p2"}, *facilities[] = {"f1", "f2"},
               *loans[] = {"L1", "L2", "L3", "L4", "L5"};
    for (int i = 0; i < 2; i++) {
        fb_party q;
        EXPECT_EQ_INT(FB_OK, fb_party_get(L, parties[i], &q));
        expect_record(&fb_wire_party, fb_json_party_view(L, &q));
        fb_facility f;
        EXPECT_EQ_INT(FB_OK, fb_facility_get(L, facilities[i], &f));
        expect_record(&fb_wire_facility, fb_json_facility_view(L, &f));
    }
    for (int i = 0; i < 5; i++) {
        fb_loan y;
        EXPECT_EQ_INT(FB_OK, fb_loan_get(L, loans[i], &y));
        expect_record(&fb_wire_loan, fb_json_loan_view(L, &y));
    }
    /* The ledger: an account with history, a pending transfer and its post. */
    fb_account a = {.id = "h1", .ledger = 1, .code = 1, .flags = FB_ACCOUNT_HISTORY};
    snprintf(a.user_data, sizeof a.user_data, "ref");
    fb_result res;
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_accounts(fb_book_ledger(L), &a, 1, &res, NULL));
    fb_transfer t[2] = {{.id = "pt1",
                         .debit_account_id = "ext:clearing",
                         .credit_account_id = "h1",
                         .amount_fen = 100,
                         .ledger = 1,
                         .code = 1,
                         .flags = FB_TRANSFER_PENDING,
                         .timeout_s = 60},
                        {.id = "pt2",
                         .pending_id = "pt1",
                         .flags = FB_TRANSFER_POST_PENDING,
                         .amount_fen = FB_AMOUNT_UNSPECIFIED}};
    snprintf(t[0].user_data, sizeof t[0].user_data, "u");
    fb_result tr[2];
    EXPECT_EQ_INT(FB_OK, fb_ledger_create_transfers(fb_book_ledger(L), t, 2, tr, NULL, NULL));
    EXPECT_RESULT(FB_RESULT_CREATED, tr[1]);
    for (int i = 0; i < 2; i++) {
        fb_transfer got;
        EXPECT_EQ_INT(FB_OK, fb_ledger_get_transfer(fb_book_ledger(L), t[i].id, &got));
        expect_record(&fb_wire_transfer, fb_json_transfer_view(fb_book_ledger(L), &got));
    }
    EXPECT_EQ_INT(FB_OK, fb_ledger_get_account(fb_book_ledger(L), "h1", &a));
    expect_record(&fb_wire_account, fb_json_encode_account(&a));
    fb_balance b = {a.timestamp_ns, 0, 0, 0, 100, 20000};
    expect_record(&fb_wire_balance, fb_json_encode_balance("h1", &b));
    the_regulators_records();
    fb_book_close(L);
}

static void every_encoder_writes_exactly_its_table(void) {
    seen = json_object();
    result_lines();
    records_of_the_book();
    records_of_the_cooperation();
    records_as_read();
    records_of_demands();
    /* Every output field of every record written here appeared in some sample. */
    const fb_wire_record *written[] = {&fb_wire_party_result,
                                       &fb_wire_facility_result,
                                       &fb_wire_loan_result,
                                       &fb_wire_cert_result,
                                       &fb_wire_project_result,
                                       &fb_wire_agreement_result,
                                       &fb_wire_event_result,
                                       &fb_wire_schedule,
                                       &fb_wire_installment,
                                       &fb_wire_servicing,
                                       &fb_wire_eod_day,
                                       &fb_wire_eod_run,
                                       &fb_wire_eod_status,
                                       &fb_wire_certificate,
                                       &fb_wire_cert_financed,
                                       &fb_wire_lineage,
                                       &fb_wire_project,
                                       &fb_wire_agreement,
                                       &fb_wire_target,
                                       &fb_wire_progress,
                                       &fb_wire_progress_target,
                                       &fb_wire_report_row,
                                       &fb_wire_two_increases,
                                       &fb_wire_class_move,
                                       &fb_wire_exposure,
                                       &fb_wire_party,
                                       &fb_wire_facility,
                                       &fb_wire_loan,
                                       &fb_wire_transfer,
                                       &fb_wire_account,
                                       &fb_wire_balance,
                                       &fb_wire_party_name,
                                       &fb_wire_cert_quote,
                                       &fb_wire_demand,
                                       &fb_wire_demand_result,
                                       &fb_wire_demand_step_result,
                                       &fb_wire_demand_row,
                                       &fb_wire_calendar_year,
                                       &fb_wire_calendar_result,
                                       &fb_wire_facility_change_result,
                                       &fb_wire_change_result,
                                       &fb_wire_change_entry,
                                       &fb_wire_classification_result,
                                       &fb_wire_class_entry,
                                       &fb_wire_loan_history,
                                       &fb_wire_provision_report,
                                       &fb_wire_provision_row,
                                       &fb_wire_quality_report,
                                       &fb_wire_quality_figures,
                                       &fb_wire_migration,
                                       &fb_wire_migration_class,
                                       &fb_wire_green_catalogue,
                                       &fb_wire_green_item};
    for (size_t i = 0; i < sizeof written / sizeof written[0]; i++) {
        const fb_wire_record *r = written[i];
        json_t *keys = json_object_get(seen, r->name);
        for (size_t k = 0; k < r->n_fields; k++) {
            const fb_wire_field *f = &r->fields[k];
            if (!(f->flags & (FB_WF_OUT | FB_WF_SOMETIMES))) continue;
            if (!json_object_get(keys, f->name))
                printf("    %s.%s never written\n", r->name, f->name);
            EXPECT_TRUE(json_object_get(keys, f->name) != NULL);
        }
    }
    json_decref(seen);
}

/* The generated page ends as its committed copy must: one newline, no trailing spaces. */
static void the_reference_page_is_generated(void) {
    char *md = fb_wire_markdown();
    EXPECT_TRUE(md != NULL);
    size_t n = md ? strlen(md) : 0;
    EXPECT_TRUE(n > 20000);
    EXPECT_TRUE(n > 1 && md[n - 1] == '\n' && md[n - 2] != '\n');
    for (size_t i = 0; fb_wire_records[i] && md; i++) {
        char heading[96];
        snprintf(heading, sizeof heading, "\n### %s\n", fb_wire_records[i]->name);
        EXPECT_TRUE(strstr(md, heading) != NULL);
    }
    EXPECT_TRUE(md && strstr(md, " \n") == NULL);
    free(md);
}

static char *json_dumps_account(const fb_account *a) {
    json_t *o = fb_json_encode_account(a);
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

/* The command line's result lines, written directly, are the bytes the objects dump to, for
 * every result of an account and of a transfer. */
static void result_lines_are_written_as_the_objects_dump(void) {
    for (int r = 0; r < FB_RESULT_COUNT_; r++) {
        for (int transfer = 0; transfer < 2; transfer++) {
            json_t *o = json_object();
            json_object_set_new(o, "line", json_integer(8190));
            json_object_set_new(o, "id", json_string("pay:SY-DL-0412"));
            fb_json_event_result(o, "pay:SY-DL-0412", (fb_result)r, 1767225600000000002LL, 123456,
                                 transfer);
            char *want = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
            json_decref(o);
            char got[FB_EVENT_LINE_MAX];
            size_t n = fb_json_event_line(got, sizeof got, 8190, "pay:SY-DL-0412", (fb_result)r,
                                          1767225600000000002LL, 123456, transfer);
            EXPECT_EQ_INT(strlen(want) + 1, n);
            got[n - 1] = '\0'; /* the newline */
            EXPECT_EQ_STR(want, got);
            free(want);
        }
    }
}

/* `accounts list` writes each account directly: the bytes its object dumps to, for every set of
 * flags, with and without user_data, at the bounds of the balances; an id or user_data that
 * needs escaping is left to the object (0). */
static void account_lines_are_written_as_the_objects_dump(void) {
    const char *user_data[] = {"", "Shenyang", "a b/c:d"};
    const int64_t fen[] = {0, 1, 123456, INT64_MAX};
    for (unsigned flags = 0; flags < 32; flags++) {
        for (size_t u = 0; u < sizeof user_data / sizeof *user_data; u++) {
            for (size_t f = 0; f < sizeof fen / sizeof *fen; f++) {
                fb_account a;
                memset(&a, 0, sizeof a);
                snprintf(a.id, sizeof a.id, "acct:%06u", flags);
                snprintf(a.user_data, sizeof a.user_data, "%s", user_data[u]);
                a.ledger = flags == 31 ? UINT32_MAX : 1;
                a.code = (uint16_t)(2011 + flags);
                a.flags = (uint16_t)flags;
                a.debits_pending_fen = fen[f];
                a.debits_posted_fen = fen[(f + 1) % 4];
                a.credits_pending_fen = fen[(f + 2) % 4];
                a.credits_posted_fen = fen[(f + 3) % 4];
                a.timestamp_ns = 1767225600000000002LL + (int64_t)f;
                char *want = json_dumps_account(&a);
                char got[FB_ACCOUNT_LINE_MAX];
                size_t n = fb_json_account_line(got, sizeof got, &a);
                EXPECT_EQ_INT(strlen(want) + 1, n);
                if (n) got[n - 1] = '\0'; /* the newline */
                EXPECT_EQ_STR(want, got);
                free(want);
            }
        }
    }
    fb_account a;
    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "q");
    snprintf(a.user_data, sizeof a.user_data, "say \"hi\"");
    char got[FB_ACCOUNT_LINE_MAX];
    EXPECT_EQ_INT(0, fb_json_account_line(got, sizeof got, &a));
    snprintf(a.user_data, sizeof a.user_data, "沈阳");
    EXPECT_EQ_INT(0, fb_json_account_line(got, sizeof got, &a));
}

int main(void) {
    RUN(every_table_is_well_formed);
    RUN(result_lines_are_written_as_the_objects_dump);
    RUN(account_lines_are_written_as_the_objects_dump);
    RUN(every_decoder_reads_exactly_its_table);
    RUN(every_encoder_writes_exactly_its_table);
    RUN(the_reference_page_is_generated);
    return test_summary();
}
