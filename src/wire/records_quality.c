/* records_quality.c — the tables of what a regulator asks of the book (record.h): a change of a
 * loan's terms (extension, restructuring, renewal) and an officer's classification with what
 * each answers, a loan's history of classes and changes, the provisions, quality and migration
 * reports, the green catalogue, and the queries of the reports. */
#include "wire/record.h"
#include "wire/records.h"

static const char *difficulty(int i) { return fb_difficulty_name((fb_difficulty)i); }
static const char *change_kind(int i) { return fb_change_kind_name((fb_change_kind)i); }
static const char *class_reason(int i) { return fb_class_reason_name((fb_class_reason)i); }
static const char *method(int i) { return fb_method_name((fb_method)i); }
static const char *change_result(int i) { return fb_change_result_name((fb_change_result)i); }
static const char *classify_result(int i) { return fb_classify_result_name((fb_classify_result)i); }
static const char *bucket(int i) {
    static const char *const names[] = {"1-30", "31-90", "91-180", "181-360", "over_360"};
    return i >= 0 && i < FB_QUALITY_BUCKETS ? names[i] : NULL;
}
static const fb_wire_values difficulties = {difficulty, 0}, change_kinds = {change_kind, 0},
                            class_reasons = {class_reason, 0}, methods = {method, 0},
                            change_results = {change_result, 0},
                            classify_results = {classify_result, 0}, buckets = {bucket, 0};

#define AT FB_WIRE_AT
#define OUT FB_WF_OUT
#define SOME FB_WF_SOMETIMES

/* ---- A change of terms: its inputs ----------------------------------------------------------- */

#define CHANGE_MONTHS(doc_)                                                                        \
    {                                                                                              \
        .name = "months", .type = FB_WT_INTEGER, .flags = FB_WF_IN | FB_WF_REQUIRED, .min = 1,     \
        .max = FB_LOAN_MONTHS_MAX, .unit = "months", AT(fb_loan_change, months), .doc = (doc_),    \
        .example = "6"                                                                             \
    }
#define CHANGE_DIFFICULTY(flags_, doc_)                                                            \
    {                                                                                              \
        .name = "difficulty", .type = FB_WT_ENUM, .values = &difficulties,                         \
        .flags = FB_WF_IN | (flags_), AT(fb_loan_change, difficulty), .doc = (doc_),               \
        .example = "\"cash_shortfall\""                                                            \
    }
#define CHANGE_REASON(flags_)                                                                      \
    {                                                                                              \
        .name = "reason", .type = FB_WT_STRING, .flags = FB_WF_IN | (flags_),                      \
        AT(fb_loan_change, note), .doc = "Why: the credit committee's finding, in a sentence",     \
        .example = "\"订单延迟回款，经营现金流暂时不足\""                          \
    }
#define CHANGE_DATE                                                                                \
    {                                                                                              \
        .name = "date", .type = FB_WT_DATE, .flags = FB_WF_IN, AT(fb_loan_change, date),           \
        .doc = "The business date (the default); any other day is refused",                        \
        .example = "\"2026-03-02\""                                                                \
    }
#define CHANGE_ID                                                                                  \
    {                                                                                              \
        .name = "id", .type = FB_WT_ID, .flags = FB_WF_IN, AT(fb_loan_change, id),                 \
        .doc = "The caller's id for it: the same id again is found, not done twice",               \
        .example = "\"EXT-2026-001\""                                                              \
    }
#define CHANGE_RATE                                                                                \
    {                                                                                              \
        .name = "rate", .type = FB_WT_PERCENT, .flags = FB_WF_IN, AT(fb_loan_change, rate_e6),     \
        .doc = "The rate from the date on (default: the rate now); not for an LPR loan",           \
        .example = "\"3.2000\""                                                                    \
    }
#define CHANGE_METHOD                                                                              \
    {                                                                                              \
        .name = "method", .type = FB_WT_ENUM, .values = &methods, .flags = FB_WF_IN,               \
        AT(fb_loan_change, method), .doc = "How the new installments repay (default: as now)",     \
        .example = "\"equal_principal\""                                                           \
    }

static const fb_wire_field extension_fields[] = {
    CHANGE_MONTHS("The months added to the term. All extensions together are at most the "
                  "original term for a short-term loan (a year or less), half of it for a "
                  "medium-term one (up to five years), three years for a long-term one "
                  "(贷款通则 第十二条); asked before maturity"),
    CHANGE_DIFFICULTY(0,
                      "The debtor's financial difficulty (金融资产风险分类办法 第十八条), when it "
                      "has one: the extension is then a restructuring (第十七条, 第十九条)"),
    CHANGE_REASON(0),
    CHANGE_DATE,
    CHANGE_ID,
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = FB_WF_IN,
     AT(fb_loan_change, rate_e6),
     .doc = "A fixed-rate loan: the contract rate the extension agreement names, from the date "
            "(default: the rate stays). Not for an LPR loan, which keeps its spread and, when the "
            "term with its extensions passes five years, takes the 5-year-plus LPR from the date "
            "(贷款通则 第十四条)",
     .example = "\"3.8000\""},
    {.name = "consent_by",
     .type = FB_WT_ID,
     .flags = FB_WF_IN,
     AT(fb_loan_change, consent_by),
     .doc = "A guaranteed loan: the guarantor (the guarantee company, a party) whose written "
            "consent the extension needs (保证人出具同意的书面证明, 贷款通则 第十二条); refused "
            "without it (no_guarantor_consent)",
     .example = "\"GUAR1\""},
    {.name = "consent_date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     AT(fb_loan_change, consent_date),
     .doc = "The consent's date: on or before the extension's",
     .example = "\"2026-02-27\""},
    {.name = "consent_ref",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     AT(fb_loan_change, consent_ref),
     .doc = "The consent document's reference, as the bank files it",
     .example = "\"担保函〔2026〕12号\""},
    {.name = "state_rule",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     AT(fb_loan_change, state_rule),
     .doc = "An extension beyond 贷款通则 第十二条's limits (the original term, half of it, three "
            "years) under a provision of the State (国家另有规定者除外): the provision's document "
            "number, kept with the change; without it such an extension is refused "
            "(exceeds_extension_limit)",
     .example = "\"银发〔2026〕1号\""},
};
const fb_wire_record fb_wire_extension = {
    "LoanExtension", "this operation",
    "An extension of a loan (展期: POST /v1/loans/{id}/extensions; finbridge loans extend)",
    extension_fields, sizeof extension_fields / sizeof extension_fields[0]};

static const fb_wire_field restructuring_fields[] = {
    CHANGE_MONTHS("The new term from the date: all the principal, the overdue included, over it"),
    CHANGE_RATE,
    CHANGE_METHOD,
    {.name = "capitalise",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_IN,
     AT(fb_loan_change, capitalise),
     .doc =
         "Interest and penalty owed become principal (利息转为本金, 第十九条（四）); not what is "
         "off the balance sheet",
     .example = "true"},
    CHANGE_DIFFICULTY(FB_WF_REQUIRED, "The debtor's financial difficulty (第十八条): a "
                                      "restructuring is for a debtor in one"),
    CHANGE_REASON(FB_WF_REQUIRED),
    CHANGE_DATE,
    CHANGE_ID,
};
const fb_wire_record fb_wire_restructuring = {
    "LoanRestructuring", "this operation",
    "New terms for a debtor in financial difficulty (重组: POST /v1/loans/{id}/restructurings; "
    "finbridge loans restructure)",
    restructuring_fields, sizeof restructuring_fields / sizeof restructuring_fields[0]};

static int read_refinancing(const fb_wire_field *f, json_t *v, void *record, fb_json_error *err) {
    if (!json_is_boolean(v)) return fb_wire_reject(err, f->name, "must be true or false");
    ((fb_loan_change *)record)->kind = json_is_true(v) ? FB_CHANGE_REFINANCING : FB_CHANGE_RENEWAL;
    return FB_OK;
}

static const fb_wire_field renewal_fields[] = {
    CHANGE_MONTHS("The new term from the date, over all the principal"),
    CHANGE_RATE,
    CHANGE_METHOD,
    {.name = "refinancing",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_IN,
     .read = read_refinancing,
     .doc =
         "true: a new loan repays the old (借新还旧: at least special mention, arrears "
         "rescheduled); false (the default): a small or micro borrower's renewal without "
         "repaying principal (无还本续贷, 金规〔2024〕13号: before maturity, nothing overdue, the "
         "class kept)",
     .example = "false"},
    CHANGE_DIFFICULTY(0, "The debtor's financial difficulty, when it has one: a restructuring"),
    CHANGE_REASON(0),
    CHANGE_DATE,
    CHANGE_ID,
};
const fb_wire_record fb_wire_renewal = {
    "LoanRenewal", "this operation",
    "A renewal or a refinancing of a loan (POST /v1/loans/{id}/renewals; finbridge loans renew)",
    renewal_fields, sizeof renewal_fields / sizeof renewal_fields[0]};

/* ---- What a change answers, and a loan's changes ----------------------------------------- */

#define CHANGE_OUT_FIELDS                                                                          \
    {.name = "n",                                                                                  \
     .type = FB_WT_INTEGER,                                                                        \
     .flags = SOME,                                                                                \
     .doc = "Done or exists: the loan's change number",                                            \
     .example = "1"},                                                                              \
        {.name = "kind",                                                                           \
         .type = FB_WT_ENUM,                                                                       \
         .values = &change_kinds,                                                                  \
         .flags = SOME,                                                                            \
         .doc = "extension, restructuring, renewal or refinancing",                                \
         .example = "\"extension\""},                                                              \
        {.name = "date",                                                                           \
         .type = FB_WT_DATE,                                                                       \
         .flags = SOME,                                                                            \
         .doc = "Its date",                                                                        \
         .example = "\"2026-03-02\""},                                                             \
        {.name = "months",                                                                         \
         .type = FB_WT_INTEGER,                                                                    \
         .flags = SOME,                                                                            \
         .unit = "months",                                                                         \
         .doc = "Months added (an extension) or the new term",                                     \
         .example = "6"},                                                                          \
        {.name = "maturity_before",                                                                \
         .type = FB_WT_DATE,                                                                       \
         .flags = SOME,                                                                            \
         .doc = "The maturity before",                                                             \
         .example = "\"2026-06-20\""},                                                             \
        {.name = "maturity",                                                                       \
         .type = FB_WT_DATE,                                                                       \
         .flags = SOME,                                                                            \
         .doc = "The maturity after",                                                              \
         .example = "\"2026-12-20\""},                                                             \
        {.name = "rate_before",                                                                    \
         .type = FB_WT_PERCENT,                                                                    \
         .flags = SOME,                                                                            \
         .doc = "The rate before",                                                                 \
         .example = "\"3.9500\""},                                                                 \
        {.name = "rate",                                                                           \
         .type = FB_WT_PERCENT,                                                                    \
         .flags = SOME,                                                                            \
         .doc = "The rate after",                                                                  \
         .example = "\"3.9500\""},                                                                 \
        {.name = "capitalised",                                                                    \
         .type = FB_WT_MONEY,                                                                      \
         .flags = SOME,                                                                            \
         .doc = "Interest and penalty made principal",                                             \
         .example = "\"0.00\""},                                                                   \
        {.name = "rescheduled",                                                                    \
         .type = FB_WT_MONEY,                                                                      \
         .flags = SOME,                                                                            \
         .doc = "Overdue principal spread over the new installments",                              \
         .example = "\"0.00\""},                                                                   \
        {.name = "difficulty",                                                                     \
         .type = FB_WT_ENUM,                                                                       \
         .values = &difficulties,                                                                  \
         .flags = SOME,                                                                            \
         .doc = "The debtor's difficulty (none: not a restructuring)",                             \
         .example = "\"none\""},                                                                   \
        {.name = "class_before",                                                                   \
         .type = FB_WT_ENUM,                                                                       \
         .values = &fb__wire_loan_classes,                                                         \
         .flags = SOME,                                                                            \
         .doc = "The class before",                                                                \
         .example = "\"normal\""},                                                                 \
        {.name = "class",                                                                          \
         .type = FB_WT_ENUM,                                                                       \
         .values = &fb__wire_loan_classes,                                                         \
         .flags = SOME,                                                                            \
         .doc = "The class after",                                                                 \
         .example = "\"normal\""},                                                                 \
        {.name = "consent_by",                                                                     \
         .type = FB_WT_ID,                                                                         \
         .flags = SOME,                                                                            \
         .doc = "An extension with a guarantor's consent (贷款通则 第十二条): who gave it",        \
         .example = "\"GUAR1\""},                                                                  \
        {.name = "consent_date",                                                                   \
         .type = FB_WT_DATE,                                                                       \
         .flags = SOME,                                                                            \
         .doc = "... its date",                                                                    \
         .example = "\"2026-02-27\""},                                                             \
        {.name = "consent_ref",                                                                    \
         .type = FB_WT_STRING,                                                                     \
         .flags = SOME,                                                                            \
         .doc = "... the document's reference",                                                    \
         .example = "\"担保函〔2026〕12号\""},                                                     \
    {                                                                                              \
        .name = "state_rule", .type = FB_WT_STRING, .flags = SOME,                                 \
        .doc =                                                                                     \
            "An extension beyond 贷款通则 第十二条's limits: the State's provision it is under",   \
        .example = "\"银发〔2026〕1号\""                                                      \
    }

static const fb_wire_field change_result_fields[] = {
    {.name = "loan", .type = FB_WT_ID, .flags = OUT, .doc = "The loan", .example = "\"L1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &change_results,
     .flags = OUT,
     .doc = "done, exists, or why not (exceeds_extension_limit, at_or_after_maturity, "
            "not_eligible, ...: the API answers those as a 422 problem titled so)",
     .example = "\"done\""},
    {.name = "id", .type = FB_WT_ID, .flags = SOME, .doc = "The caller's id", .example = "\"E1\""},
    CHANGE_OUT_FIELDS,
    {.name = "restructured",
     .type = FB_WT_BOOLEAN,
     .flags = SOME,
     .doc = "Done: whether the loan is a restructured one (重组资产) afterwards",
     .example = "false"},
    {.name = "observation_until",
     .type = FB_WT_DATE,
     .flags = SOME,
     .doc = "Done and restructured: its observation period ends on",
     .example = "\"2027-03-20\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = SOME,
     .doc = "Refused: the limit or the condition, with its figures (a date: the business date)",
     .example = "\"an extension of a medium-term loan may be at most half its term: 18 months\""},
    {.name = "rate_rule",
     .type = FB_WT_STRING,
     .flags = SOME,
     .doc = "Done, an extension that made the term reach a new rate bracket: the rule (贷款通则 "
            "第十四条) and the basis the rate moved from and to",
     .example = "\"贷款通则 第十四条: 61 months with the extensions, over five years: the "
                "5-year-plus LPR (3.5000% from 2025-05-20) in place of the 1-year, spread 50 bp "
                "kept, from the extension's date\""},
    FB__WIRE_MEASURED_DATE,
};
const fb_wire_record fb_wire_change_result = {
    "LoanChangeResult", "a change's answer",
    "What an extension, a restructuring or a renewal did, on both doors", change_result_fields,
    sizeof change_result_fields / sizeof change_result_fields[0]};

static const fb_wire_field change_entry_fields[] = {
    CHANGE_OUT_FIELDS,
    {.name = "rate_rule",
     .type = FB_WT_STRING,
     .flags = SOME,
     .doc = "An extension that made the term reach a new rate bracket: the rule (贷款通则 "
            "第十四条) and the basis the rate moved from and to",
     .example = "\"贷款通则 第十四条: 61 months with the extensions, over five years: the "
                "5-year-plus LPR (3.5000% from 2025-05-20) in place of the 1-year, spread 50 bp "
                "kept, from the extension's date\""},
    {.name = "reason", .type = FB_WT_STRING, .flags = SOME, .doc = "Why", .example = "\"\""},
    {.name = "actor", .type = FB_WT_STRING, .flags = SOME, .doc = "Who", .example = "\"bank\""},
};
const fb_wire_record fb_wire_change_entry = {
    "LoanChange", "a change of terms", "One change of a loan's terms, as its history keeps it",
    change_entry_fields, sizeof change_entry_fields / sizeof change_entry_fields[0]};

/* ---- An officer's classification ------------------------------------------------------------ */

static const fb_wire_field classification_fields[] = {
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_classification, to),
     .doc = "The class the officer finds: lower at any time; higher only as far as the rules' "
            "floors allow, and out of non-performing only when the arrears were repaid and the "
            "loan has paid on time since (金融资产风险分类办法)",
     .example = "\"substandard\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN | FB_WF_REQUIRED,
     AT(fb_classification, note),
     .doc = "Why (kept in the loan's history with who)",
     .example = "\"主要客户破产，预计现金流不足以偿还本息\""},
    {.name = "resolved",
     .type = FB_WT_BOOLEAN,
     .flags = FB_WF_IN,
     AT(fb_classification, resolved),
     .doc = "A restructured loan: the debtor's financial difficulty is resolved, so that its "
            "observation period may end (第二十条)",
     .example = "false"},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     AT(fb_classification, date),
     .doc = "The business date (the default)",
     .example = "\"2026-03-02\""},
};
const fb_wire_record fb_wire_classification = {
    "Classification", "this operation",
    "An officer's classification of a loan (POST /v1/loans/{id}/classifications; finbridge "
    "loans classify)",
    classification_fields, sizeof classification_fields / sizeof classification_fields[0]};

static const fb_wire_field classification_result_fields[] = {
    {.name = "loan", .type = FB_WT_ID, .flags = OUT, .doc = "The loan", .example = "\"L1\""},
    {.name = "result",
     .type = FB_WT_ENUM,
     .values = &classify_results,
     .flags = OUT,
     .doc = "done, unchanged, or why not (below_floor, upgrade_refused, ...: a 422 problem)",
     .example = "\"done\""},
    {.name = "class_before",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = SOME,
     .doc = "The class before",
     .example = "\"normal\""},
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = SOME,
     .doc = "The class after",
     .example = "\"substandard\""},
    {.name = "reason",
     .type = FB_WT_STRING,
     .flags = SOME,
     .doc = "Refused: the rule and the figures it was measured against",
     .example = "\"its 95 days past due hold it at substandard at least\""},
    FB__WIRE_MEASURED_DATE,
};
const fb_wire_record fb_wire_classification_result = {
    "ClassificationResult", "a classification's answer", "What an officer's classification did",
    classification_result_fields,
    sizeof classification_result_fields / sizeof classification_result_fields[0]};

static const fb_wire_field class_entry_fields[] = {
    {.name = "n", .type = FB_WT_INTEGER, .flags = OUT, .doc = "Its number", .example = "1"},
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = OUT,
     .doc = "The day it took effect (a close's day, or the business date)",
     .example = "\"2026-03-01\""},
    {.name = "from",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = OUT | FB_WF_NULLABLE,
     .doc = "The class before (null for a first entry)",
     .example = "\"normal\""},
    {.name = "to",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = OUT,
     .doc = "The class after",
     .example = "\"special_mention\""},
    {.name = "why",
     .type = FB_WT_ENUM,
     .values = &class_reasons,
     .flags = OUT,
     .doc = "The rule or the judgment that moved it",
     .example = "\"days_past_due\""},
    {.name = "actor",
     .type = FB_WT_STRING,
     .flags = OUT,
     .doc = "Who: end_of_day, a user, os:<login>",
     .example = "\"end_of_day\""},
    {.name = "note",
     .type = FB_WT_STRING,
     .flags = OUT,
     .doc = "The officer's reason, or what the rule saw",
     .example = "\"1 days past due\""},
    {.name = "at",
     .type = FB_WT_TIMESTAMP,
     .flags = OUT,
     .doc = "When it was recorded",
     .example = "\"1767225600000000000\""},
};
const fb_wire_record fb_wire_class_entry = {
    "ClassEntry", "a class history entry", "One change of a loan's class", class_entry_fields,
    sizeof class_entry_fields / sizeof class_entry_fields[0]};

static const fb_wire_field loan_history_fields[] = {
    {.name = "loan", .type = FB_WT_ID, .flags = OUT, .doc = "The loan", .example = "\"L1\""},
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = OUT | FB_WF_NULLABLE,
     .doc = "Its class now (null: settled or written off)",
     .example = "\"normal\""},
    {.name = "restructured",
     .type = FB_WT_BOOLEAN,
     .flags = OUT,
     .doc = "A restructured loan (重组资产), counted apart in the reports",
     .example = "false"},
    {.name = "observation_until",
     .type = FB_WT_DATE,
     .flags = SOME,
     .doc = "Restructured: its observation period ends on",
     .example = "\"2027-03-20\""},
    {.name = "classes",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_class_entry,
     .flags = OUT,
     .doc = "Every change of its class, oldest first",
     .example = NULL},
    {.name = "changes",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_change_entry,
     .flags = OUT,
     .doc = "Every change of its terms, oldest first",
     .example = NULL},
};
const fb_wire_record fb_wire_loan_history = {
    "LoanHistory", "a loan's history",
    "A loan's classes with who and why, and the changes of its terms (GET "
    "/v1/loans/{id}/classes; finbridge loans classes)",
    loan_history_fields, sizeof loan_history_fields / sizeof loan_history_fields[0]};

/* ---- Provisions --------------------------------------------------------------------------- */

#define SUPPRESSED                                                                                 \
    {                                                                                              \
        .name = "suppressed", .type = FB_WT_BOOLEAN, .flags = SOME,                                \
        .doc = "A government user: its figures are null, a cell of too few borrowers (or its "     \
               "complement)",                                                                      \
        .example = "true"                                                                          \
    }
#define HIDDEN_MONEY(name_, doc_)                                                                  \
    {                                                                                              \
        .name = (name_), .type = FB_WT_MONEY, .flags = OUT | FB_WF_NULLABLE, .doc = (doc_),        \
        .example = "\"100000.00\""                                                                 \
    }
#define HIDDEN_COUNT(name_, doc_)                                                                  \
    {                                                                                              \
        .name = (name_), .type = FB_WT_INTEGER, .flags = OUT | FB_WF_NULLABLE, .doc = (doc_),      \
        .example = "3"                                                                             \
    }
#define HIDDEN_PERCENT(name_, doc_)                                                                \
    {                                                                                              \
        .name = (name_), .type = FB_WT_PERCENT, .flags = OUT | FB_WF_NULLABLE, .doc = (doc_),      \
        .example = "\"162.5000\""                                                                  \
    }

static const fb_wire_field provision_row_fields[] = {
    {.name = "city",
     .type = FB_WT_INTEGER,
     .flags = SOME,
     .doc = "By city: its code, 0 outside Liaoning's cities",
     .example = "210100"},
    {.name = "city_name",
     .type = FB_WT_STRING,
     .flags = SOME | FB_WF_NULLABLE,
     .doc = "By city: its name",
     .example = "\"沈阳\""},
    {.name = "line",
     .type = FB_WT_ENUM,
     .values = &fb__wire_lines,
     .flags = SOME,
     .doc = "By line: the line of business",
     .example = "\"inclusive\""},
    HIDDEN_MONEY("balance", "Principal outstanding, every class"),
    HIDDEN_MONEY("npl", "Of which non-performing (substandard, doubtful, loss)"),
    HIDDEN_COUNT("loans", "Loans outstanding"),
    HIDDEN_MONEY("specific", "Specific provisions (专项准备): each class's principal at its rate"),
    HIDDEN_MONEY("general", "General provisions (一般准备): the principal at the general rate"),
    HIDDEN_MONEY("provision", "Loan-loss provisions (贷款损失准备): the two"),
    HIDDEN_PERCENT("coverage", "拨备覆盖率: provision / npl (null: no non-performing loan)"),
    HIDDEN_PERCENT("ratio", "贷款拨备率: provision / balance (null: no loan)"),
    HIDDEN_MONEY("required", "The higher of the two floors' amounts (贷款损失准备管理办法 第七条)"),
    HIDDEN_MONEY("shortfall", "What the provision lacks of it"),
    SUPPRESSED,
};
const fb_wire_record fb_wire_provision_row = {
    "ProvisionRow", "a provisions row",
    "Provisions of a line, a city, both, or the whole book against their floors",
    provision_row_fields, sizeof provision_row_fields / sizeof provision_row_fields[0]};

static const fb_wire_field provision_report_fields[] = {
    {.name = "date",
     .type = FB_WT_DATE,
     .flags = OUT,
     .doc = "The month-end the provisions were booked at (the last on or before as_of)",
     .example = "\"2026-06-30\""},
    {.name = "coverage_floor",
     .type = FB_WT_PERCENT,
     .flags = OUT,
     .doc = "The setting provision_coverage_floor (150%; 120% to 150%: 银监发〔2018〕7号)",
     .example = "\"150.0000\""},
    {.name = "ratio_floor",
     .type = FB_WT_PERCENT,
     .flags = OUT,
     .doc = "The setting provision_ratio_floor (2.5%; 1.5% to 2.5%)",
     .example = "\"2.5000\""},
    {.name = "total",
     .type = FB_WT_RECORD,
     .record = &fb_wire_provision_row,
     .flags = OUT,
     .doc = "The whole book (of the region)",
     .example = NULL},
    {.name = "rows",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_provision_row,
     .flags = OUT,
     .doc = "By the dimensions asked (none: empty)",
     .example = NULL},
};
const fb_wire_record fb_wire_provision_report = {
    "ProvisionReport", "the provisions report",
    "Provisions, coverage and provision ratio against their floors (GET /v1/reports/provisions; "
    "finbridge report provisions)",
    provision_report_fields, sizeof provision_report_fields / sizeof provision_report_fields[0]};

/* ---- Quality ----------------------------------------------------------------------------------
 */

static const fb_wire_field quality_figures_fields[] = {
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = SOME,
     .doc = "By class: the class",
     .example = "\"substandard\""},
    {.name = "bucket",
     .type = FB_WT_ENUM,
     .values = &buckets,
     .flags = SOME,
     .doc = "By days past due: 1-30, 31-90, 91-180, 181-360, over_360",
     .example = "\"91-180\""},
    HIDDEN_MONEY("balance", "Principal outstanding"),
    HIDDEN_COUNT("loans", "Loans"),
    HIDDEN_MONEY("overdue", "Principal overdue"),
    HIDDEN_MONEY("offbal_interest", "Interest owed off the balance sheet (表外应收利息)"),
    HIDDEN_MONEY("offbal_penalty", "Penalty and compound interest owed off it"),
    HIDDEN_COUNT("restructured_loans", "Restructured loans (重组贷款), counted apart"),
    HIDDEN_MONEY("restructured", "... their principal"),
    {.name = "provision",
     .type = FB_WT_MONEY,
     .flags = SOME | FB_WF_NULLABLE,
     .doc = "By class and in the total: provisions booked at provision_date",
     .example = "\"25000.00\""},
    SUPPRESSED,
};
const fb_wire_record fb_wire_quality_figures = {
    "QualityFigures", "a quality row", "The book's figures of one class or one age of arrears",
    quality_figures_fields, sizeof quality_figures_fields / sizeof quality_figures_fields[0]};

static const fb_wire_field quality_report_fields[] = {
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = OUT,
     .doc = "The last day closed, or a month-end",
     .example = "\"2026-06-30\""},
    {.name = "provision_date",
     .type = FB_WT_DATE,
     .flags = OUT | FB_WF_NULLABLE,
     .doc = "The month-end whose provisions are shown (null: none booked yet)",
     .example = "\"2026-06-30\""},
    {.name = "classes",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_quality_figures,
     .flags = OUT,
     .doc = "Each of the five classes",
     .example = NULL},
    {.name = "overdue",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_quality_figures,
     .flags = OUT,
     .doc = "Loans overdue by days past due: the whole principal of each, by age",
     .example = NULL},
    {.name = "total",
     .type = FB_WT_RECORD,
     .record = &fb_wire_quality_figures,
     .flags = OUT,
     .doc = "Every loan",
     .example = NULL},
};
const fb_wire_record fb_wire_quality_report = {
    "QualityReport", "the quality report",
    "The book by class (balance, count, provision, off-balance interest) and its overdue loans by "
    "age (GET /v1/reports/quality; finbridge report quality)",
    quality_report_fields, sizeof quality_report_fields / sizeof quality_report_fields[0]};

/* ---- Migration --------------------------------------------------------------------------------
 */

static const fb_wire_field migration_class_fields[] = {
    {.name = "class",
     .type = FB_WT_ENUM,
     .values = &fb__wire_loan_classes,
     .flags = OUT,
     .doc = "The class at the start",
     .example = "\"normal\""},
    {.name = "opening_loans", .type = FB_WT_INTEGER, .flags = OUT, .doc = "Loans", .example = "9"},
    {.name = "opening",
     .type = FB_WT_MONEY,
     .flags = OUT,
     .doc = "Their principal at the start (期初余额)",
     .example = "\"10000000.00\""},
    {.name = "remaining",
     .type = FB_WT_MONEY,
     .flags = OUT,
     .doc = "Of it at the end, those still on the book (期初余额 - 期间减少金额)",
     .example = "\"9400000.00\""},
    {.name = "moved_down",
     .type = FB_WT_MONEY,
     .flags = OUT,
     .doc = "Of that, in a lower class at the end (向下迁徙金额)",
     .example = "\"800000.00\""},
    {.name = "left_loans",
     .type = FB_WT_INTEGER,
     .flags = OUT,
     .doc = "Loans settled or written off by the end",
     .example = "1"},
    {.name = "new_loans",
     .type = FB_WT_INTEGER,
     .flags = OUT,
     .doc = "Loans drawn after the start in this class at the end",
     .example = "2"},
    {.name = "new",
     .type = FB_WT_MONEY,
     .flags = OUT,
     .doc = "... their principal at the end",
     .example = "\"300000.00\""},
    {.name = "rate",
     .type = FB_WT_PERCENT,
     .flags = OUT | FB_WF_NULLABLE,
     .doc = "The class's migration rate (正常类、关注类、次级类、可疑类贷款迁徙率): moved_down / "
            "remaining; null for loss, or when nothing remains",
     .example = "\"8.5106\""},
};
const fb_wire_record fb_wire_migration_class = {
    "MigrationClass", "a class's migration", "The loans of one class at the start of a period",
    migration_class_fields, sizeof migration_class_fields / sizeof migration_class_fields[0]};

static const fb_wire_field migration_fields[] = {
    {.name = "from",
     .type = FB_WT_DATE,
     .flags = OUT,
     .doc = "The period's first closed day: the classes at its close",
     .example = "\"2025-12-31\""},
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = OUT,
     .doc = "Its last closed day",
     .example = "\"2026-12-31\""},
    {.name = "cells",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_class_move,
     .flags = OUT,
     .doc = "The 5×5 matrix, row by row: loans of class from at the start in class to at the end, "
            "with their principal at the end",
     .example = NULL},
    {.name = "classes",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_migration_class,
     .flags = OUT,
     .doc = "Each class at the start: its opening, what remained and moved down, its rate",
     .example = NULL},
    {.name = "performing_rate",
     .type = FB_WT_PERCENT,
     .flags = OUT | FB_WF_NULLABLE,
     .doc = "正常贷款迁徙率: normal and special-mention loans that became non-performing, over "
            "what remains of both",
     .example = "\"1.2000\""},
};
const fb_wire_record fb_wire_migration = {
    "Migration", "the migration report",
    "Loans between classes over a period and the migration rates (GET /v1/reports/moves; "
    "finbridge report moves)",
    migration_fields, sizeof migration_fields / sizeof migration_fields[0]};

/* ---- The green catalogue ------------------------------------------------------------------ */

static const fb_wire_field green_item_fields[] = {
    {.name = "code",
     .type = FB_WT_STRING,
     .flags = OUT,
     .doc = "Its code: dotted numbers, one a level",
     .example = "\"3\""},
    {.name = "level", .type = FB_WT_INTEGER, .flags = OUT, .doc = "1, 2 or 3", .example = "1"},
    {.name = "parent",
     .type = FB_WT_STRING,
     .flags = SOME,
     .doc = "The code one level up",
     .example = "\"3.2\""},
    {.name = "name",
     .type = FB_WT_STRING,
     .flags = OUT,
     .doc = "Its name",
     .example = "\"资源循环利用产业\""},
};
const fb_wire_record fb_wire_green_item = {
    "GreenItem", "a catalogue item", "An item of 绿色金融支持项目目录（2025年版）",
    green_item_fields, sizeof green_item_fields / sizeof green_item_fields[0]};

static const fb_wire_field green_catalogue_fields[] = {
    {.name = "loaded",
     .type = FB_WT_BOOLEAN,
     .flags = OUT,
     .doc = "Whether the official annex was loaded (finbridge green-catalogue load); false: the "
            "nine level-1 categories built in, green items checked for their shape only",
     .example = "false"},
    {.name = "items",
     .type = FB_WT_ARRAY,
     .item = FB_WT_RECORD,
     .record = &fb_wire_green_item,
     .flags = OUT,
     .doc = "The items, in code order",
     .example = NULL},
};
const fb_wire_record fb_wire_green_catalogue = {
    "GreenCatalogue", "the green catalogue",
    "The green catalogue a book checks its green facilities by (GET /v1/green-catalogue; "
    "finbridge green-catalogue list)",
    green_catalogue_fields, sizeof green_catalogue_fields / sizeof green_catalogue_fields[0]};

/* ---- The reports' queries ----------------------------------------------------------------- */

static const fb_wire_field provisions_query_fields[] = {
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     .doc = "A closed day: the provisions of the last month-end on or before it (default: the "
            "last)",
     .example = "\"2026-06-30\""},
    {.name = "by",
     .type = FB_WT_STRING,
     .flags = FB_WF_IN,
     .doc = "line, city, or both comma-separated (default: the total alone)",
     .example = "\"line\""},
    {.name = "region",
     .type = FB_WT_CODE,
     .flags = FB_WF_IN,
     .doc = "210000 or a city's code; a government user: its own region",
     .example = "\"210200\""},
};
const fb_wire_record fb_wire_provisions_query = {
    "ProvisionsQuery", "a provisions query", "The provisions report's arguments",
    provisions_query_fields, sizeof provisions_query_fields / sizeof provisions_query_fields[0]};

static const fb_wire_field quality_query_fields[] = {
    {.name = "as_of",
     .type = FB_WT_DATE,
     .flags = FB_WF_IN,
     .doc = "The last day closed (the default) or a month-end",
     .example = "\"2026-06-30\""},
    {.name = "region",
     .type = FB_WT_CODE,
     .flags = FB_WF_IN,
     .doc = "210000 or a city's code; a government user: its own region",
     .example = "\"210200\""},
};
const fb_wire_record fb_wire_quality_query = {
    "QualityQuery", "a quality query", "The quality report's arguments", quality_query_fields,
    sizeof quality_query_fields / sizeof quality_query_fields[0]};
